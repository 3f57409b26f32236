/* lt-portal-client-private.h: what the files of the portal client share
 *
 * LtPortalClient is one object in two files:
 *
 *   lt-portal-client.c    the object and one function per operation of
 *                         the portal API, with the parser of its answer
 *   lt-portal-request.c   the request pipeline every operation goes
 *                         through, and its errors
 *
 * Only those files include this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "lt-portal-client.h"
#include "lt-secret.h"

G_BEGIN_DECLS

#define API_PREFIX "/api/v1"
/* Error answers are read for their {"error": …} body only; beyond this
 * the rest is dropped, never refused: the status is the news. */
#define ERROR_BODY_LIMIT (64 * 1024)
#define READ_CHUNK       (64 * 1024)
/* A server message quoted in an error is cut to this many characters. */
#define QUOTE_LIMIT      300
/* libsoup 3.2 has no name for it (RFC 6585). */
#define STATUS_TOO_MANY_REQUESTS 429
/* Pooled connections are closed after this many idle seconds. */
#define IDLE_TIMEOUT     60

struct _LtPortalClient
{
  GObject        parent_instance;

  /* Owned */
  SoupSession   *session;
  LtCredentials *credentials;
  char          *base_url;
  char          *user_agent;
  guint          connect_timeout;
  guint          deadline;
  gsize          max_response_size;
};

typedef struct _Request Request;

/* Turns a 2xx answer's JSON into the task's result; sets *result_free. */
typedef gpointer (*ParseFunc) (Request         *request,
                               JsonNode        *root,
                               GDestroyNotify  *result_free,
                               GError         **error);

struct _Request
{
  /* What to send */
  char          *method;
  char          *url;
  char          *what;             /* "GET /api/v1/tickets", for messages and logs */
  gboolean       to_portal;        /* FALSE for fetch_text: no token, redirects allowed */
  char          *idempotency_key;
  char          *if_none_match;
  GBytes        *body;
  char          *body_type;
  SoupMultipart *multipart;
  ParseFunc      parse;
  gsize          limit;            /* the largest 2xx body accepted */
  guint          connect_timeout;  /* seconds; 0 for none */
  guint          deadline;         /* seconds for the whole request; 0 for none */

  /* While it runs */
  GCancellable  *cancellable;      /* ours: the caller's, or the connect timeout */
  GCancellable  *caller_cancellable;
  gulong         cancelled_id;
  SecretValue   *token;
  SoupMessage   *msg;
  GInputStream  *stream;
  GByteArray    *buffer;
  GSource       *connect_source;
  gboolean       connect_timed_out;
  GSource       *deadline_source;
  gboolean       deadline_passed;
  GTlsCertificateFlags tls_errors;
  gboolean       through_proxy;    /* a proxy was being negotiated */
  GError        *transport_error;  /* what libsoup or GIO reported, as it was */
  gint64         started;
  LtPortalSentFunc sent;           /* called once: written, or before the result */
  gpointer       sent_data;

  /* What the portal said, for lt_portal_result_*() */
  guint          status;
  char          *error_code;
  guint          retry_after;
  gboolean       replayed;
  char          *etag;
};

GTask   *_lt_portal_request_task_new      (LtPortalClient      *self,
                                          const char          *method,
                                          const char          *url,
                                          const char          *what,
                                          ParseFunc            parse,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data,
                                          gpointer             source_tag);
GTask   *_lt_portal_api_task_new          (LtPortalClient      *self,
                                          const char          *method,
                                          const char          *path,
                                          const char          *query,
                                          ParseFunc            parse,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data,
                                          gpointer             source_tag);
Request *_lt_portal_task_request          (GTask               *task);
void     _lt_portal_request_set_json_body (Request             *request,
                                          JsonNode            *body);
void     _lt_portal_request_start         (GTask               *task);

G_END_DECLS
