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

/* ---- Typed reading ----------------------------------------------------
 *
 * One set of readers for every document: each checks the node's type
 * before reading it and fails with LT_ERROR_INVALID_DATA whose message
 * starts with the JSON path of the bad field and quotes what was found
 * ("$.releases[2].version: expected a string, found “3.3”"). Strings
 * handed out are borrowed from the document. */

typedef enum
{
  LT_JSON_REQUIRED,   /* present and not null */
  LT_JSON_NULLABLE,   /* present; null reads as "no value" */
  LT_JSON_OPTIONAL,   /* may be missing or null */
} LtJsonNeed;

/* "an object", "an array", "null", "the text “abc”" (text and numbers
 * are quoted apart so that "60" and 60 do not read alike), "“60”",
 * "“true”"; at most 40 characters of it, control characters escaped. */
char       *lt_json_describe_node   (JsonNode            *node);

/* The member @name of @object (at @path): *@out is NULL, without an
 * error, when it is missing or null and @need allows that. */
gboolean    lt_json_get_member      (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     LtJsonNeed           need,
                                     JsonNode           **out,
                                     GError             **error);

/* @node as an object; with @known, a member not in it is refused
 * ("<path>.<name>: unknown field …"). Our own documents (the policy and
 * the release catalog) pass their field lists; portal answers pass NULL,
 * so that the portal can add members without breaking installed apps. */
JsonObject *lt_json_node_get_object (JsonNode            *node,
                                     const char          *path,
                                     const char * const  *known,
                                     GError             **error);
/* The unknown-member check of lt_json_node_get_object() alone, for a
 * reader that must look at one member before the others. */
gboolean    lt_json_check_members   (JsonObject          *object,
                                     const char          *path,
                                     const char * const  *known,
                                     GError             **error);
gboolean    lt_json_node_get_string (JsonNode            *node,
                                     const char          *path,
                                     const char         **out,
                                     GError             **error);
/* A string that is not empty or only white space, of at most @max_chars
 * characters. */
gboolean    lt_json_node_get_text   (JsonNode            *node,
                                     const char          *path,
                                     guint                max_chars,
                                     const char         **out,
                                     GError             **error);
/* A JSON integer in [@min, @max]: "60.0" and "6e1" are refused, since the
 * documents are written by programs, which can write integers. */
gboolean    lt_json_node_get_int    (JsonNode            *node,
                                     const char          *path,
                                     gint64               min,
                                     gint64               max,
                                     gint64              *out,
                                     GError             **error);
/* A nick of @enum_type (lt_enum_from_nick()). */
gboolean    lt_json_node_get_enum   (JsonNode            *node,
                                     const char          *path,
                                     GType                enum_type,
                                     int                 *out,
                                     GError             **error);

/* Members, with lt_json_get_member()'s @need. Where the member may be
 * absent, the outputs are NULL, 0, FALSE or @fallback. @out_path, where
 * given, receives the member's path for reading inside it. */
gboolean    lt_json_read_object     (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     LtJsonNeed           need,
                                     const char * const  *known,
                                     JsonObject         **out,
                                     char               **out_path,
                                     GError             **error);
gboolean    lt_json_read_array      (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     LtJsonNeed           need,
                                     guint                min_length,
                                     JsonArray          **out,
                                     char               **out_path,
                                     GError             **error);
gboolean    lt_json_read_string     (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     LtJsonNeed           need,
                                     const char         **out,
                                     GError             **error);
/* A required lt_json_node_get_text(). */
gboolean    lt_json_read_text       (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     guint                max_chars,
                                     const char         **out,
                                     GError             **error);
gboolean    lt_json_read_boolean    (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     LtJsonNeed           need,
                                     gboolean            *out,
                                     GError             **error);
/* @present: (nullable) whether a number was given (not null). */
gboolean    lt_json_read_int        (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     LtJsonNeed           need,
                                     gint64               min,
                                     gint64               max,
                                     gint64              *out,
                                     gboolean            *present,
                                     GError             **error);
/* lt_json_read_int() for a required count. */
gboolean    lt_json_read_uint       (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     guint                min,
                                     guint                max,
                                     guint               *out,
                                     GError             **error);
gboolean    lt_json_read_enum       (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     LtJsonNeed           need,
                                     GType                enum_type,
                                     int                  fallback,
                                     int                 *out,
                                     GError             **error);
/* "YYYY-MM-DD" (lt_date_parse()); @present: (nullable). */
gboolean    lt_json_read_date       (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     LtJsonNeed           need,
                                     GDate               *out,
                                     gboolean            *present,
                                     GError             **error);
/* An RFC 3339 instant (lt_instant_parse()), in UTC; (transfer full). */
gboolean    lt_json_read_instant    (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     LtJsonNeed           need,
                                     GDateTime          **out,
                                     GError             **error);
/* An array of strings; empty, missing or null give NULL (the models keep
 * empty vectors as NULL); (transfer full). */
gboolean    lt_json_read_strv       (JsonObject          *object,
                                     const char          *path,
                                     const char          *name,
                                     LtJsonNeed           need,
                                     char              ***out,
                                     GError             **error);

G_END_DECLS
