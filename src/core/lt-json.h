/* lt-json.h: parsing untrusted JSON, and reading it with JSON paths
 *
 * Every JSON document the product reads — the policy, the release catalog,
 * each portal response — is untrusted text. json-glib 1.6 crashes on very
 * deep nesting and silently cuts strings at "\u0000", so all of them go
 * through lt_json_document_parse(), which refuses those before parsing,
 * and errors always start with the JSON path of the bad part.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _LtJsonDocument LtJsonDocument;

/* Limits suited to every document we read: the deepest nests 6 levels. */
#define LT_JSON_MAX_DEPTH 32

/* Parses @data (@length bytes, need not be NUL-terminated). Refuses, with
 * LT_ERROR_INVALID_DATA and a message starting "$: ": empty input, text
 * that is not UTF-8, nesting deeper than @max_depth, "\u0000" escapes, and
 * text json-glib cannot parse ("$: not valid JSON: line 3, column 7: …");
 * and an object that repeats a member name, which json-glib would read as
 * the last of them ("$.tiers[2].name: appears more than once"). */
LtJsonDocument *lt_json_document_parse     (const char      *data,
                                            gsize            length,
                                            guint            max_depth,
                                            GError         **error);
LtJsonDocument *lt_json_document_parse_bytes (GBytes        *bytes,
                                              guint          max_depth,
                                              GError       **error);
void            lt_json_document_free      (LtJsonDocument  *self);
/* The root node, immutable; valid as long as @self. */
JsonNode       *lt_json_document_get_root  (LtJsonDocument  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtJsonDocument, lt_json_document_free)

/* Sets LT_ERROR_INVALID_DATA with "<path>: <message>". */
void            lt_json_set_path_error     (GError         **error,
                                            const char      *path,
                                            const char      *format,
                                            ...) G_GNUC_PRINTF (3, 4);

/* "$.calendar" + "opens" -> "$.calendar.opens"; a name that is not a plain
 * identifier is quoted: "$.calendar[\"time zone\"]". */
char           *lt_json_member_path        (const char      *path,
                                            const char      *name);
/* "$.tiers" + 2 -> "$.tiers[2]" */
char           *lt_json_element_path       (const char      *path,
                                            guint            index);

G_END_DECLS
