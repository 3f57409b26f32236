/* lt-test-bundle.h: real diagnostics bundles for the tests that send and
 * check them
 *
 * Bundles are written by the real LtBundleWriter through a filter that
 * copies every line, from text that hardly compresses, so that a small
 * part size gives several parts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-bundle.h"

G_BEGIN_DECLS

/* Writes @n_files files of about @file_size bytes each (lines of random
 * base64 characters from @seed) under @dir/input-@seed/, bundles them into
 * @output with parts of at most @part_size bytes (0: one file) and
 * returns the parts (element-type LtBundlePart) in order. Aborts the test
 * on any error. */
GPtrArray *lt_test_bundle_write (const char *dir,
                                 const char *output,
                                 guint       n_files,
                                 gsize       file_size,
                                 guint64     part_size,
                                 guint32     seed);

/* A line filter that changes nothing (for tests and benchmarks about the
 * archive, not the redaction). */
LtLineFilter *lt_test_copy_filter_new (void);

G_END_DECLS
