/* lt-http-detect.h: an installation's version read from a URL
 *
 * An on-prem LockThreat server that publishes its version at a status URL
 * (detection method "http") is read with the portal client's
 * lt_portal_client_fetch_text_async() (same TLS trust, timeouts and size
 * limit; no token is sent) and the same first-line reading as a version
 * file (lt_version_detect_from_text(), lt-version-detect.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-installation.h"
#include "lt-portal-client.h"
#include "lt-version.h"

G_BEGIN_DECLS

/* GET @url and read the version in its answer. Errors: the client's
 * (LT_ERROR_NETWORK, LT_ERROR_TIMED_OUT, LT_ERROR_TLS, LT_ERROR_NOT_FOUND
 * for a 404…, each naming the URL) or LT_ERROR_INVALID_DATA quoting what
 * came back instead of a version. */
void      lt_http_detect_version_async       (LtPortalClient      *client,
                                              const char          *url,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Returns: (transfer full) the version text as found (trimmed);
 * @version: (out) (optional) (transfer full) */
char     *lt_http_detect_version_finish      (LtPortalClient      *client,
                                              GAsyncResult        *result,
                                              LtVersion          **version,
                                              GError             **error);

/* The same for an installation whose detection method is http (its
 * location is the URL); on success its detected-version and detected-at
 * (@now) are set, on failure it keeps what it had. */
void      lt_http_detect_installation_async  (LtPortalClient      *client,
                                              LtInstallation      *installation,
                                              GDateTime           *now,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean  lt_http_detect_installation_finish (LtPortalClient      *client,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
