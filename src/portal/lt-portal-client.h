/* lt-portal-client.h: the HTTP client of the support portal (data/portal-api.yaml)
 *
 * One SoupSession per client; every operation is an _async/_finish pair
 * that takes a GCancellable. The client reports and never retries: the
 * sync engine owns retries and back-off with the outbox, and asks
 * lt_portal_error_is_retryable() and lt_portal_result_get_retry_after().
 * See docs/portal-client.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lt-account.h"
#include "lt-change-notice.h"
#include "lt-credentials.h"
#include "lt-maintenance-window.h"
#include "lt-policy.h"
#include "lt-portal-json.h"
#include "lt-release-catalog.h"
#include "lt-ticket.h"
#include "lt-ticket-event.h"

G_BEGIN_DECLS

#define LT_PORTAL_DEFAULT_URL "https://support.lockthreat.com"

/* Defaults; see docs/portal-client.md for the reasoning. */
#define LT_PORTAL_DEFAULT_CONNECT_TIMEOUT   15                 /* seconds */
#define LT_PORTAL_DEFAULT_TIMEOUT           60                 /* seconds without progress */
/* The whole of one request, from sending it to the last byte of the answer:
 * a portal that sends a byte now and then never trips the timeout above. */
#define LT_PORTAL_DEFAULT_DEADLINE          120                /* seconds */
#define LT_PORTAL_DEFAULT_MAX_RESPONSE_SIZE (16 * 1024 * 1024) /* bytes */
/* The portal's own limit on uploads (413 above it), owned by core. */
#define LT_PORTAL_MAX_UPLOAD_SIZE           LT_ATTACHMENT_MAX_SIZE
/* The longest Retry-After honoured; a larger one is read as this. */
#define LT_PORTAL_MAX_RETRY_AFTER           (24 * 60 * 60)

#define LT_TYPE_PORTAL_CLIENT (lt_portal_client_get_type ())
G_DECLARE_FINAL_TYPE (LtPortalClient, lt_portal_client, LT, PORTAL_CLIENT, GObject)

/* The canonical form of a portal URL: lower-case scheme and host, no
 * default port, no trailing slash, no user, query or fragment. NULL with
 * LT_ERROR_INVALID_INPUT quoting @url when it is not an http(s) URL. */
char           *lt_portal_normalize_url          (const char      *url,
                                                  GError         **error);
/* The origin of an http(s) URL with the port always spelled out:
 * "https://support.lockthreat.com:443". The unit a token is bound to
 * (lt-credentials.h). NULL with LT_ERROR_INVALID_INPUT as
 * lt_portal_normalize_url(). */
char           *lt_portal_url_dup_origin         (const char      *url,
                                                  GError         **error);

/* The normalized @url when a token may be sent to it: https://, or plain
 * http:// to a loopback host only (the reference portal); anywhere else
 * the token would cross the network in clear text. NULL with
 * LT_ERROR_INVALID_INPUT quoting @url. The one copy of the rule:
 * lt_portal_client_new() applies it, and so do the forms that take an
 * address. */
char           *lt_portal_validate_url           (const char      *url,
                                                  GError         **error);

/* @base_url is the portal's root ("https://support.lockthreat.com"); the
 * API lives under /api/v1. @credentials must be those of the same origin:
 * a token is never sent anywhere else (LT_ERROR_INVALID_INPUT). Plain http:// is accepted only for a loopback
 * host (the reference portal), since the token would travel in clear
 * text. @extra_ca_file: (nullable) a PEM file of CA certificates trusted
 * in addition to the system's, for an on-prem relay with its own CA.
 * Errors: LT_ERROR_INVALID_INPUT for the URL, LT_ERROR_TLS for the file. */
LtPortalClient *lt_portal_client_new             (const char      *base_url,
                                                  LtCredentials   *credentials,
                                                  const char      *extra_ca_file,
                                                  GError         **error);

const char     *lt_portal_client_get_base_url    (LtPortalClient  *self);
LtCredentials  *lt_portal_client_get_credentials (LtPortalClient  *self);

/* Seconds allowed to resolve, connect and finish the TLS handshake. */
void            lt_portal_client_set_connect_timeout (LtPortalClient *self,
                                                      guint           seconds);
/* Seconds a request may wait for the next bytes (headers or body). */
guint           lt_portal_client_get_timeout     (LtPortalClient  *self);
void            lt_portal_client_set_timeout     (LtPortalClient  *self,
                                                  guint            seconds);
/* Seconds one request may take in all, headers and body (0: no limit);
 * past it the request is cancelled and fails with LT_ERROR_TIMED_OUT. The
 * token lookup before it is not counted (a keyring may ask to unlock). */
guint           lt_portal_client_get_deadline    (LtPortalClient  *self);
void            lt_portal_client_set_deadline    (LtPortalClient  *self,
                                                  guint            seconds);
/* The largest response body read; a bigger one is LT_ERROR_INVALID_DATA
 * and is not read further. */
void            lt_portal_client_set_max_response_size (LtPortalClient *self,
                                                        gsize           max_size);

/* ---- What a failure means for the caller -------------------------------
 *
 * Every failure is an LT_ERROR (cancellation stays G_IO_ERROR_CANCELLED):
 *   401                        LT_ERROR_UNAUTHORIZED   not retryable (sign in again)
 *   429, 503                   LT_ERROR_RATE_LIMITED   retryable, Retry-After
 *   other 5xx                  LT_ERROR_SERVER         retryable
 *   404                        LT_ERROR_NOT_FOUND      not retryable
 *   other 4xx, 3xx             LT_ERROR_REJECTED       not retryable
 *   no answer in time          LT_ERROR_TIMED_OUT      retryable
 *   refused, reset, cut short  LT_ERROR_NETWORK        retryable
 *   certificate not trusted    LT_ERROR_TLS            not retryable
 *   bad JSON, bad field, size  LT_ERROR_INVALID_DATA   not retryable
 *   no token                   LT_ERROR_CREDENTIALS    not retryable
 */
gboolean        lt_portal_error_is_retryable     (const GError    *error);

/* After a _finish of this client: the HTTP status (0 when no answer came),
 * the portal's error code ("reopen_window_closed", NULL without one), the
 * seconds of a 429/503's Retry-After (0 without one), and whether the
 * answer is the stored result of an earlier request with the same
 * Idempotency-Key. */
guint           lt_portal_result_get_status      (GAsyncResult    *result);
const char     *lt_portal_result_get_error_code  (GAsyncResult    *result);
guint           lt_portal_result_get_retry_after (GAsyncResult    *result);
gboolean        lt_portal_result_get_replayed    (GAsyncResult    *result);
/* What libsoup or GIO reported when no complete answer came (NULL when
 * one did), the certificate's problems when TLS refused it, and whether
 * a proxy was being negotiated: lt-portal-check.h tells a resolver, a
 * proxy and a certificate apart with them. */
const GError   *lt_portal_result_get_transport_error (GAsyncResult *result);
GTlsCertificateFlags lt_portal_result_get_tls_errors (GAsyncResult *result);
gboolean        lt_portal_result_get_through_proxy (GAsyncResult   *result);
/* The bytes of the answer's body that were read (the sync's caps). */
gsize           lt_portal_result_get_body_size   (GAsyncResult    *result);

/* ---- Documents ---------------------------------------------------------- */

void            lt_portal_client_get_account_async  (LtPortalClient      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LtAccount      *lt_portal_client_get_account_finish (LtPortalClient      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* GET /policy and GET /releases are conditional: with @if_none_match (the
 * ETag of the copy held) an unchanged document gives TRUE with *policy /
 * *catalog set to NULL. @etag and @document return the new ETag and the
 * body exactly as received, for the store's documents table. */
void            lt_portal_client_get_policy_async   (LtPortalClient      *self,
                                                     const char          *if_none_match,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        lt_portal_client_get_policy_finish  (LtPortalClient      *self,
                                                     GAsyncResult        *result,
                                                     LtPolicy           **policy,
                                                     char               **etag,
                                                     GBytes             **document,
                                                     GError             **error);
void            lt_portal_client_get_releases_async (LtPortalClient      *self,
                                                     const char          *if_none_match,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        lt_portal_client_get_releases_finish (LtPortalClient     *self,
                                                      GAsyncResult       *result,
                                                      LtReleaseCatalog  **catalog,
                                                      char              **etag,
                                                      GBytes            **document,
                                                      GError            **error);

/* ---- Lists: one page each; pass the page's next_cursor for the next ---- */

/* @from, @to, @updated_since: (nullable); @limit 0 for the portal's
 * default. Items are LtMaintenanceWindow. */
void            lt_portal_client_list_maintenance_windows_async  (LtPortalClient      *self,
                                                                  GDateTime           *from,
                                                                  GDateTime           *to,
                                                                  GDateTime           *updated_since,
                                                                  const char          *cursor,
                                                                  guint                limit,
                                                                  GCancellable        *cancellable,
                                                                  GAsyncReadyCallback  callback,
                                                                  gpointer             user_data);
LtPortalPage   *lt_portal_client_list_maintenance_windows_finish (LtPortalClient      *self,
                                                                  GAsyncResult        *result,
                                                                  GError             **error);
/* Items are LtTicket without events. */
void            lt_portal_client_list_tickets_async   (LtPortalClient      *self,
                                                       GDateTime           *updated_since,
                                                       const char          *cursor,
                                                       guint                limit,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/* Called once per request that takes one: when the request has been
 * written to the connection, or, when it never was, just before its
 * callback. Work that may wait for the request to be on its way (storing
 * the page before it) waits for this. */
typedef void (*LtPortalSentFunc) (gpointer user_data);

/* ?include=events: items are LtTicket with their events when the page's
 * events_included is set; a portal that predates the parameter ignores it
 * and answers a plain page. Finished by _list_tickets_finish(). @sent
 * (optional) is called with @user_data, see LtPortalSentFunc. */
void            lt_portal_client_list_tickets_with_events_async (LtPortalClient      *self,
                                                                 GDateTime           *updated_since,
                                                                 const char          *cursor,
                                                                 guint                limit,
                                                                 LtPortalSentFunc     sent,
                                                                 GCancellable        *cancellable,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
LtPortalPage   *lt_portal_client_list_tickets_finish  (LtPortalClient      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* Items are LtChangeNotice. */
void            lt_portal_client_list_change_notices_async  (LtPortalClient      *self,
                                                             GDateTime           *updated_since,
                                                             const char          *cursor,
                                                             guint                limit,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
LtPortalPage   *lt_portal_client_list_change_notices_finish (LtPortalClient      *self,
                                                             GAsyncResult        *result,
                                                             GError             **error);

/* ---- Tickets -------------------------------------------------------------
 *
 * Every POST takes the Idempotency-Key of its outbox item, and every one
 * answers with the ticket as it is now, with its events. */

void            lt_portal_client_get_ticket_async   (LtPortalClient      *self,
                                                     const char          *ticket_id,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
LtTicket       *lt_portal_client_get_ticket_finish  (LtPortalClient      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* @body: the POST /tickets body (lt_portal_json_write_ticket_request(),
 * or an outbox item's payload). @replayed: (out) (optional) TRUE when the
 * portal had already filed it under @idempotency_key. */
void            lt_portal_client_create_ticket_async  (LtPortalClient      *self,
                                                       const char          *idempotency_key,
                                                       JsonNode            *body,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
LtTicket       *lt_portal_client_create_ticket_finish (LtPortalClient      *self,
                                                       GAsyncResult        *result,
                                                       gboolean            *replayed,
                                                       GError             **error);

void            lt_portal_client_add_comment_async  (LtPortalClient      *self,
                                                     const char          *ticket_id,
                                                     const char          *idempotency_key,
                                                     const char          *body,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* @file_name: the name the portal shows; @content_type: (nullable) e.g.
 * "application/gzip", else application/octet-stream; @note: (nullable).
 * More than LT_PORTAL_MAX_UPLOAD_SIZE is refused here with
 * LT_ERROR_INVALID_INPUT, before anything is sent. */
void            lt_portal_client_upload_attachment_async (LtPortalClient      *self,
                                                          const char          *ticket_id,
                                                          const char          *idempotency_key,
                                                          const char          *file_name,
                                                          const char          *content_type,
                                                          GBytes              *contents,
                                                          const char          *note,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
/* @note: (nullable) */
void            lt_portal_client_confirm_closure_async (LtPortalClient      *self,
                                                        const char          *ticket_id,
                                                        const char          *idempotency_key,
                                                        const char          *note,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
void            lt_portal_client_reopen_async       (LtPortalClient      *self,
                                                     const char          *ticket_id,
                                                     const char          *idempotency_key,
                                                     const char          *reason,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
void            lt_portal_client_escalate_async     (LtPortalClient      *self,
                                                     const char          *ticket_id,
                                                     const char          *idempotency_key,
                                                     const char          *reason,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
/* @reason: (nullable) */
void            lt_portal_client_withdraw_ticket_async (LtPortalClient      *self,
                                                        const char          *ticket_id,
                                                        const char          *idempotency_key,
                                                        const char          *reason,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
/* Finishes add_comment, upload_attachment, confirm_closure, reopen,
 * escalate and withdraw_ticket: the ticket after the action, with its
 * events. */
LtTicket       *lt_portal_client_ticket_action_finish (LtPortalClient     *self,
                                                       GAsyncResult       *result,
                                                       GError            **error);

/* ---- Change notices ------------------------------------------------------ */

void            lt_portal_client_get_change_notice_async  (LtPortalClient      *self,
                                                           const char          *change_notice_id,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
/* @body: the POST /change-notices body
 * (lt_portal_json_write_change_notice_request()). */
void            lt_portal_client_create_change_notice_async (LtPortalClient      *self,
                                                             const char          *idempotency_key,
                                                             JsonNode            *body,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
void            lt_portal_client_withdraw_change_notice_async (LtPortalClient      *self,
                                                               const char          *change_notice_id,
                                                               const char          *idempotency_key,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
/* Finishes the three above. @replayed: (out) (optional) */
LtChangeNotice *lt_portal_client_change_notice_finish (LtPortalClient     *self,
                                                       GAsyncResult       *result,
                                                       gboolean           *replayed,
                                                       GError            **error);

/* ---- Anything else -------------------------------------------------------
 *
 * GET @url (http or https, any host; redirects followed; no token sent)
 * and return its body as text, at most @max_size bytes: how the version of
 * an on-prem installation is read from its status URL. The same TLS trust
 * as the portal (system CAs plus the extra CA file). The text must be
 * UTF-8. */
void            lt_portal_client_fetch_text_async   (LtPortalClient      *self,
                                                     const char          *url,
                                                     gsize                max_size,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
char           *lt_portal_client_fetch_text_finish  (LtPortalClient      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
