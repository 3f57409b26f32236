/* lt-file-util.h: reading a file the user named, safely
 *
 * `--policy`, `--catalog` and attachments name a file; a path can just as
 * well name /dev/zero (endless), a FIFO (blocks for ever), a folder or a
 * file far too large to be what was meant. This is the one reader that
 * refuses all of those before reading a byte of them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest policy or catalog document read from a file: the same as
 * the largest answer accepted from the portal, which serves both. */
#define LT_FILE_MAX_DOCUMENT_SIZE (16 * 1024 * 1024)

/* The content of the regular file @path, at most @max_size bytes.
 * Refused without reading: a missing file (%LT_ERROR_NOT_FOUND), a folder,
 * a device, a FIFO or a socket, a file larger than @max_size, also one
 * that grows past it while it is read (%LT_ERROR_INVALID_INPUT). Messages
 * start with "it …" or the system's reason and do not name the file: the
 * caller says which file it was ("Cannot read the policy file “x”: "). */
GBytes *lt_file_read_regular (const char  *path,
                              gsize        max_size,
                              GError     **error);

G_END_DECLS
