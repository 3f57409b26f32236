/* lt-credentials.h: where the portal token lives
 *
 * The token is kept in the user's keyring through libsecret (the Secret
 * Service: GNOME Keyring, KWallet…), one item per portal URL. It is never
 * written to the database, a log, a command line or an environment dump.
 * Where no Secret Service runs (headless servers, CI), the token may come
 * from the LTSUPPORT_TOKEN environment variable for that process only; the
 * lookup says so, and callers tell the user (lt_token_source_describe()).
 *
 * Tokens are handed out as SecretValue: libsecret keeps them in
 * non-pageable memory and wipes them when the last reference goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* The environment variable read when no token should or can come from the
 * keyring. Diagnostic bundles and environment dumps must leave it out. */
#define LT_CREDENTIALS_TOKEN_ENV "LTSUPPORT_TOKEN"

/* The libsecret schema name; items carry two attributes: "portal", the
 * normalized portal URL (lt_portal_normalize_url()), and "origin", its
 * origin with the port spelled out (lt_portal_url_dup_origin()). A lookup
 * asks for both, so an item answers only for the origin it was saved for;
 * items saved by earlier versions carry no "origin" and are not used (the
 * lookup says so: sign in again), since an earlier version could save a
 * token under an address that the portal's policy had chosen. */
#define LT_CREDENTIALS_SCHEMA_NAME "com.lockthreat.Support.Token"

typedef enum
{
  LT_TOKEN_SOURCE_NONE,
  LT_TOKEN_SOURCE_KEYRING,
  LT_TOKEN_SOURCE_ENVIRONMENT,
  LT_TOKEN_SOURCE_SESSION,      /* kept in memory for this process only */
} LtTokenSource;

#define LT_TYPE_CREDENTIALS (lt_credentials_get_type ())
G_DECLARE_FINAL_TYPE (LtCredentials, lt_credentials, LT, CREDENTIALS, GObject)

const SecretSchema *lt_credentials_get_schema     (void);

/* NULL with LT_ERROR_INVALID_INPUT when @portal_url is not an http(s) URL.
 * LTSUPPORT_TOKEN answers for it: use this for a portal named for this
 * process; lt_portal_choice_new_credentials() decides for the app and the
 * command line. */
LtCredentials *lt_credentials_new                 (const char       *portal_url,
                                                   GError          **error);
/* The same; with @environment_token FALSE, LTSUPPORT_TOKEN is never the
 * token of this portal (only the keyring is asked). */
LtCredentials *lt_credentials_new_full            (const char       *portal_url,
                                                   gboolean          environment_token,
                                                   GError          **error);
/* Credentials whose token is @token and nothing else (not the keyring,
 * not LTSUPPORT_TOKEN): to test a token before it is saved. */
LtCredentials *lt_credentials_new_with_token      (const char       *portal_url,
                                                   const char       *token,
                                                   GError          **error);
/* Keeps @token in memory as this origin's token for as long as the
 * process runs, never written anywhere: the way out where the keyring
 * cannot store it. Lookups prefer it to the keyring; clearing (signing
 * out) forgets it. */
gboolean       lt_credentials_keep_for_session    (LtCredentials    *self,
                                                   const char       *token,
                                                   GError          **error);
/* The normalized URL the keyring item is keyed by. */
const char    *lt_credentials_get_portal_url      (LtCredentials    *self);

/* Whether @token can be sent as a bearer token (RFC 6750 b64token): a
 * value with spaces or line breaks would corrupt the request. The error
 * never quotes the token. */
gboolean       lt_credentials_validate_token      (const char       *token,
                                                   GError          **error);

/* The token for this portal: LTSUPPORT_TOKEN when it is set and not empty
 * (an explicit choice for this process) and accepted for this portal, else
 * the keyring's item for this origin. Returns NULL without an error when
 * neither has one (not signed in); keyring failures are
 * LT_ERROR_CREDENTIALS and say how to use LTSUPPORT_TOKEN where no keyring
 * runs. LT_ERROR_CREDENTIALS too when the only token there is one that may
 * not be used for this portal: LTSUPPORT_TOKEN set for a portal not named
 * for the process, or a keyring item without an origin (saved by an
 * earlier version). */
void           lt_credentials_lookup_async        (LtCredentials    *self,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
SecretValue   *lt_credentials_lookup_finish       (LtCredentials    *self,
                                                   GAsyncResult     *result,
                                                   LtTokenSource    *source,
                                                   GError          **error);
SecretValue   *lt_credentials_lookup_sync         (LtCredentials    *self,
                                                   LtTokenSource    *source,
                                                   GCancellable     *cancellable,
                                                   GError          **error);

/* Saves @token in the keyring, replacing an earlier one for this portal. */
void           lt_credentials_store_async         (LtCredentials    *self,
                                                   const char       *token,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
gboolean       lt_credentials_store_finish        (LtCredentials    *self,
                                                   GAsyncResult     *result,
                                                   GError          **error);
gboolean       lt_credentials_store_sync          (LtCredentials    *self,
                                                   const char       *token,
                                                   GCancellable     *cancellable,
                                                   GError          **error);

/* Removes this portal's token from the keyring (signing out). Removing
 * what is not there succeeds; @removed says whether there was one. */
void           lt_credentials_clear_async         (LtCredentials    *self,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
gboolean       lt_credentials_clear_finish        (LtCredentials    *self,
                                                   GAsyncResult     *result,
                                                   gboolean         *removed,
                                                   GError          **error);
gboolean       lt_credentials_clear_sync          (LtCredentials    *self,
                                                   gboolean         *removed,
                                                   GCancellable     *cancellable,
                                                   GError          **error);

/* A sentence for the user about where the token came from, e.g. for
 * LT_TOKEN_SOURCE_ENVIRONMENT that it is used for this process only and
 * was not saved. NULL for LT_TOKEN_SOURCE_NONE. */
const char    *lt_token_source_describe           (LtTokenSource     source);

G_END_DECLS
