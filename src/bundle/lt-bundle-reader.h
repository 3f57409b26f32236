/* lt-bundle-reader.h: checking a diagnostics bundle before it is sent
 *
 * A bundle written with `--output` on one machine is attached from another
 * (issue 14, air-gapped use). Before anything leaves, its files are read
 * back here: every part, every piece and every file against MANIFEST.json,
 * as tests/check-bundle.py does with Python's tarfile. The archives are
 * streamed: a part is never held whole, only the manifest and each entry's
 * name, size and SHA-256. docs/bundle.md, "Sending a bundle and air-gapped
 * use", gives the rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lt-bundle.h"

G_BEGIN_DECLS

/* The largest MANIFEST.json read (it lists every file of the bundle). */
#define LT_BUNDLE_MANIFEST_MAX_SIZE (64 * 1024 * 1024)

gboolean   lt_bundle_reader_looks_like_bundle (const char           *path);

GPtrArray *lt_bundle_reader_check             (const char * const   *paths,
                                               JsonNode            **manifest,
                                               GCancellable         *cancellable,
                                               GError              **error);

G_END_DECLS
