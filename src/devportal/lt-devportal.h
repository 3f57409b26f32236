/* lt-devportal.h: the reference portal (lockthreat-devportal)
 *
 * A SoupServer that implements data/portal-api.yaml with its own sqlite
 * file, the policy's server-side rules (computed with the same core
 * functions the client uses), a clock that tests can move, and fault
 * injection. docs/portal.md describes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LT_TYPE_DEVPORTAL (lt_devportal_get_type ())
G_DECLARE_FINAL_TYPE (LtDevportal, lt_devportal, LT, DEVPORTAL, GObject)

typedef struct
{
  const char *data_dir;       /* NULL: in-memory, nothing persists */
  const char *token;          /* the bearer token clients must send */
  const char *policy_file;    /* NULL: the bundled policy */
  const char *releases_file;  /* NULL: the bundled release catalog */
  gboolean    demo;           /* seed demo data into a new database */
  gboolean    dev_controls;   /* serve /_dev/ */
} LtDevportalOptions;

/* Opens (or creates) the database, loads the policy and catalog, and
 * seeds demo data when asked. LT_ERROR_* on failure. */
LtDevportal *lt_devportal_new            (const LtDevportalOptions *options,
                                          GError                  **error);

/* Parses "host:port" ("127.0.0.1:0", "[::1]:8080", "localhost:0").
 * @explicit_host FALSE refuses anything but a loopback address: the
 * default never exposes the portal. A host that is not an IP literal or
 * "localhost" is refused, so a name can never resolve to a public
 * interface behind the user's back. */
GInetSocketAddress *lt_devportal_parse_listen (const char  *listen,
                                               GError     **error);

/* Starts serving on @address (port 0 picks a free one) on the thread-
 * default main context. */
gboolean     lt_devportal_listen         (LtDevportal         *self,
                                          GInetSocketAddress  *address,
                                          GError             **error);
/* The root URL clients configure as the portal address, without a
 * trailing slash and without /api/v1 ("http://127.0.0.1:40123"); NULL
 * before lt_devportal_listen(). */
const char  *lt_devportal_get_base_url   (LtDevportal         *self);

/* Stops listening and closes open connections. */
void         lt_devportal_shutdown       (LtDevportal         *self);

G_END_DECLS
