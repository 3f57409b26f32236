/* lt-version-detect.h: reading the installed version of an on-prem server
 *
 * An installation's version is typed in (manual), read from a LockThreat
 * version file such as /opt/lockthreat/VERSION (file), or fetched from a
 * URL (http, done by the portal layer, which owns the HTTP client). This
 * file does the file part.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lt-installation.h"
#include "lt-version.h"

G_BEGIN_DECLS

/* The largest version file read. A real one holds one short line; the
 * limit keeps a wrong path (a log file, a disk image) from being read
 * into memory. */
#define LT_VERSION_FILE_MAX_SIZE (64 * 1024)

char     *lt_version_detect_from_file  (const char      *path,
                                        LtVersion      **version,
                                        GError         **error);

/* The same reading for a text an installation's status URL answered (the
 * portal layer fetches it; lt-http-detect.h). */
char     *lt_version_detect_from_text  (const char      *text,
                                        gssize           length,
                                        const char      *url,
                                        LtVersion      **version,
                                        GError         **error);

gboolean  lt_version_detect_installation_file (LtInstallation  *installation,
                                               GDateTime       *now,
                                               GError         **error);

G_END_DECLS
