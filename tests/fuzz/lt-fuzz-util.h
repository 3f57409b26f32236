/* lt-fuzz-util.h: what every libFuzzer harness shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* libFuzzer's entry points; declared here because -Wmissing-prototypes is
 * an error and libFuzzer ships no C header for them. */
int  LLVMFuzzerInitialize   (int            *argc,
                             char         ***argv);
int  LLVMFuzzerTestOneInput (const uint8_t  *data,
                             size_t          size);

/* Makes criticals and warnings fatal, so that a g_return_if_fail() or a
 * GLib warning reached by some input is a crash libFuzzer keeps, not a
 * line in a log nobody reads. */
void lt_fuzz_init                (void);

/* Asserts what every error from a loader promises: the LT_ERROR domain
 * with @code, a message that is valid UTF-8 (it is shown in a label and a
 * terminal whatever the input was) and, when @path_prefix is not NULL,
 * starts with the JSON path of the bad part. */
void lt_fuzz_assert_error        (const GError  *error,
                                  int            code,
                                  const char    *path_prefix);

/* Walks a parsed tree, building the JSON path of every member and element
 * as the loaders do and asserting each is printable ASCII; every member
 * is read with each typed reader of lt-json.h, whose errors must start
 * with the member's path and quote the input without control characters. */
void lt_fuzz_walk_json           (JsonNode      *node,
                                  const char    *path);

/* json_to_string() of @node, asserting it is not NULL. */
char *lt_fuzz_node_to_string     (JsonNode      *node);

G_END_DECLS
