/* lt-portal-check.h: "Test connection": what exactly stands between this
 * computer and the portal
 *
 * One request (GET /api/v1/account, with the token) and a verdict a
 * person can act on: the host name could not be found, the certificate is
 * not trusted or names another host, a proxy failed, the portal refused
 * the token (401) or does not let it in (403), the address is not a
 * LockThreat portal, no answer in time, or connected. The kinds and their
 * words are written here once; the app (Preferences, the connect page)
 * and the command line (`ltsupport check portal`) show them. See
 * docs/portal-client.md, "Testing a connection".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-portal-client.h"

G_BEGIN_DECLS

/**
 * LtPortalCheckKind:
 * @LT_PORTAL_CHECK_OK: the portal answered and accepted the token
 * @LT_PORTAL_CHECK_BAD_ADDRESS: not an address a token may go to
 * @LT_PORTAL_CHECK_NO_TOKEN: no token to test with
 * @LT_PORTAL_CHECK_DNS: the host name could not be resolved
 * @LT_PORTAL_CHECK_REFUSED: nothing listens at the address
 * @LT_PORTAL_CHECK_PROXY: the proxy failed or asked for credentials
 * @LT_PORTAL_CHECK_TIMEOUT: no connection or no answer in time
 * @LT_PORTAL_CHECK_TLS_UNTRUSTED: the certificate is signed by no
 *   authority this system (or the extra CA file) trusts
 * @LT_PORTAL_CHECK_TLS_WRONG_HOST: the certificate names another host
 * @LT_PORTAL_CHECK_TLS_OTHER: the certificate was refused otherwise
 *   (expired, not yet valid, revoked, insecure)
 * @LT_PORTAL_CHECK_TOKEN_REFUSED: 401, the token is wrong or revoked
 * @LT_PORTAL_CHECK_FORBIDDEN: 403, the token may not use this portal
 * @LT_PORTAL_CHECK_NOT_PORTAL: an answer, but not the portal's API (404,
 *   HTML, a redirect, a body that is not the contract's)
 * @LT_PORTAL_CHECK_UNAVAILABLE: the portal is busy or failing (5xx, 429)
 * @LT_PORTAL_CHECK_NETWORK: the connection failed otherwise
 */
typedef enum
{
  LT_PORTAL_CHECK_OK,
  LT_PORTAL_CHECK_BAD_ADDRESS,
  LT_PORTAL_CHECK_NO_TOKEN,
  LT_PORTAL_CHECK_DNS,
  LT_PORTAL_CHECK_REFUSED,
  LT_PORTAL_CHECK_PROXY,
  LT_PORTAL_CHECK_TIMEOUT,
  LT_PORTAL_CHECK_TLS_UNTRUSTED,
  LT_PORTAL_CHECK_TLS_WRONG_HOST,
  LT_PORTAL_CHECK_TLS_OTHER,
  LT_PORTAL_CHECK_TOKEN_REFUSED,
  LT_PORTAL_CHECK_FORBIDDEN,
  LT_PORTAL_CHECK_NOT_PORTAL,
  LT_PORTAL_CHECK_UNAVAILABLE,
  LT_PORTAL_CHECK_NETWORK,
} LtPortalCheckKind;

#define LT_TYPE_PORTAL_CHECK (lt_portal_check_get_type ())
G_DECLARE_FINAL_TYPE (LtPortalCheck, lt_portal_check, LT, PORTAL_CHECK, GObject)

/* The kind of a failure of one of @result's client's requests (@error
 * NULL: OK). @result may be NULL when no request was made; only @error
 * tells then. */
LtPortalCheckKind  lt_portal_check_classify          (GAsyncResult      *result,
                                                      const GError      *error);
/* A short sentence saying what failed ("The portal’s certificate is not
 * trusted"), and what to do about it. */
const char        *lt_portal_check_kind_get_title    (LtPortalCheckKind  kind);
const char        *lt_portal_check_kind_get_advice   (LtPortalCheckKind  kind);

/* A verdict without a request: the address or the token stopped it. */
LtPortalCheck     *lt_portal_check_new_failed        (LtPortalCheckKind  kind,
                                                      const GError      *error);

/* GET /api/v1/account with @client's token. The check's error is only
 * G_IO_ERROR_CANCELLED; every failure of the portal is a verdict. */
void               lt_portal_check_run_async         (LtPortalClient    *client,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
LtPortalCheck     *lt_portal_check_run_finish        (LtPortalClient    *client,
                                                      GAsyncResult      *result,
                                                      GError           **error);

LtPortalCheckKind  lt_portal_check_get_kind          (LtPortalCheck     *self);
gboolean           lt_portal_check_get_ok            (LtPortalCheck     *self);
const char        *lt_portal_check_get_title         (LtPortalCheck     *self);
/* What to do (failures) or who is signed in (OK). */
const char        *lt_portal_check_get_advice        (LtPortalCheck     *self);
/* The client's own message, quoting what the portal or the system said;
 * NULL when OK. */
const char        *lt_portal_check_get_detail        (LtPortalCheck     *self);
/* The account's customer name when OK. */
const char        *lt_portal_check_get_customer_name (LtPortalCheck     *self);

G_END_DECLS
