/* lt-devportal-json.c: reading request bodies strictly, writing answers
 *
 * Request bodies are strict: an unknown member or a value of the wrong type
 * is 400 validation_failed with a message that starts with the JSON path
 * of the bad member ("$.severity: …"), so a client's misspelt field is
 * noticed instead of silently ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-devportal"

#include "config.h"

#include "lt-devportal-private.h"

#include "lt-date-util.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

/* The member readers are core's (lt-json.h), so that a request body is
 * read by the same rules as every document the product reads; what is
 * added here are the API's limits, and their errors become 400
 * validation_failed. */

static gboolean
validation_failed (GError **error,
                   GError  *local_error)
{
  g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       local_error->message);
  g_error_free (local_error);
  return FALSE;
}

/* lt-json's need for @flags: a member that is not required may be left
 * out, but only a nullable one may be null. *@skip when there is no body
 * and nothing is required of it. */
static gboolean
need_for (JsonObject    *object,
          const char    *name,
          LtFieldFlags   flags,
          LtJsonNeed    *need,
          gboolean      *skip,
          GError       **error)
{
  *skip = FALSE;
  if (object == NULL)
    {
      if (flags & LT_FIELD_REQUIRED)
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       "$.%s: %s", name, _("missing (required)"));
          return FALSE;
        }
      *skip = TRUE;
      return TRUE;
    }
  if (flags & LT_FIELD_NULLABLE)
    *need = (flags & LT_FIELD_REQUIRED) ? LT_JSON_NULLABLE : LT_JSON_OPTIONAL;
  else if (flags & LT_FIELD_REQUIRED)
    *need = LT_JSON_REQUIRED;
  else
    *need = json_object_has_member (object, name) ? LT_JSON_REQUIRED : LT_JSON_OPTIONAL;
  return TRUE;
}

/* Whether @object gives @name a value (not absent, not null). */
static gboolean
has_value (JsonObject *object,
           const char *name)
{
  JsonNode *member = json_object_get_member (object, name);

  return member != NULL && !JSON_NODE_HOLDS_NULL (member);
}

gboolean
lt_body_check_members (JsonObject          *object,
                       const char          *path,
                       const char * const  *allowed,
                       GError             **error)
{
  GError *local_error = NULL;

  if (!lt_json_check_members (object, path, allowed, &local_error))
    return validation_failed (error, local_error);
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }
  return TRUE;
}

gboolean
lt_body_get_string (JsonObject    *object,
                    const char    *name,
                    LtFieldFlags   flags,
                    guint          max_chars,
                    const char   **value,
                    GError       **error)
{
  GError *local_error = NULL;
  gboolean skip;
  LtJsonNeed need;
  const char *text;

  *value = NULL;
  if (!need_for (object, name, flags, &need, &skip, error))
    return FALSE;
  if (skip)
    return TRUE;
  if (!lt_json_read_string (object, "$", name, need, &text, &local_error))
    return validation_failed (error, local_error);
  if (text == NULL)
    return TRUE;

  if ((flags & LT_FIELD_NOT_BLANK) && is_blank (text))
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   "$.%s: %s", name, _("must not be empty"));
      return FALSE;
    }
  if (max_chars > 0 && g_utf8_strlen (text, -1) > (glong) max_chars)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   _("$.%s: longer than %u characters"), name, max_chars);
      return FALSE;
    }
  *value = text;
  return TRUE;
}

gboolean
lt_body_get_bool (JsonObject    *object,
                  const char    *name,
                  LtFieldFlags   flags,
                  gboolean      *value,
                  GError       **error)
{
  GError *local_error = NULL;
  gboolean skip;
  LtJsonNeed need;
  gboolean read;

  if (!need_for (object, name, flags, &need, &skip, error))
    return FALSE;
  if (skip)
    return TRUE;
  if (!lt_json_read_boolean (object, "$", name, need, &read, &local_error))
    return validation_failed (error, local_error);
  /* Absent or null keeps the caller's default. */
  if (has_value (object, name))
    *value = read;
  return TRUE;
}

gboolean
lt_body_get_int (JsonObject    *object,
                 const char    *name,
                 LtFieldFlags   flags,
                 gint64         min,
                 gint64         max,
                 gint64        *value,
                 GError       **error)
{
  GError *local_error = NULL;
  gboolean skip;
  LtJsonNeed need;
  gboolean present;
  gint64 read;

  if (!need_for (object, name, flags, &need, &skip, error))
    return FALSE;
  if (skip)
    return TRUE;
  if (!lt_json_read_int (object, "$", name, need, min, max, &read, &present, &local_error))
    return validation_failed (error, local_error);
  if (present)
    *value = read;
  return TRUE;
}

gboolean
lt_body_get_enum (JsonObject    *object,
                  const char    *name,
                  LtFieldFlags   flags,
                  GType          enum_type,
                  int           *value,
                  GError       **error)
{
  GError *local_error = NULL;
  gboolean skip;
  LtJsonNeed need;
  int read;

  if (!need_for (object, name, flags, &need, &skip, error))
    return FALSE;
  if (skip)
    return TRUE;
  if (!lt_json_read_enum (object, "$", name, need, enum_type, 0, &read, &local_error))
    return validation_failed (error, local_error);
  /* Absent or null keeps the caller's default. */
  if (has_value (object, name))
    *value = read;
  return TRUE;
}

gboolean
lt_body_get_instant (JsonObject    *object,
                     const char    *name,
                     LtFieldFlags   flags,
                     GDateTime    **value,
                     GError       **error)
{
  GError *local_error = NULL;
  gboolean skip;
  LtJsonNeed need;

  *value = NULL;
  if (!need_for (object, name, flags, &need, &skip, error))
    return FALSE;
  if (skip)
    return TRUE;
  if (!lt_json_read_instant (object, "$", name, need, value, &local_error))
    return validation_failed (error, local_error);
  return TRUE;
}

gboolean
lt_body_get_strv (JsonObject    *object,
                  const char    *name,
                  LtFieldFlags   flags,
                  guint          max_items,
                  guint          max_chars,
                  GStrv         *value,
                  GError       **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  GError *local_error = NULL;
  gboolean skip;
  LtJsonNeed need;
  JsonArray *array;
  guint n;

  *value = NULL;
  if (!need_for (object, name, flags, &need, &skip, error))
    return FALSE;
  if (skip)
    return TRUE;
  if (!lt_json_read_array (object, "$", name, need, 0, &array, NULL, &local_error))
    return validation_failed (error, local_error);
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  if (n > max_items)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   _("$.%s: more than %u items"), name, max_items);
      return FALSE;
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.%s[%u]", name, i);
      const char *text;

      if (!lt_json_node_get_string (json_array_get_element (array, i), path, &text, &local_error))
        return validation_failed (error, local_error);
      if (is_blank (text) || g_utf8_strlen (text, -1) > (glong) max_chars)
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       _("$.%s[%u]: expected 1 to %u characters"), name, i, max_chars);
          return FALSE;
        }
      g_strv_builder_add (builder, text);
    }
  *value = g_strv_builder_end (builder);
  return TRUE;
}

static JsonNode *
canonical_copy (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);
        JsonObject *copy = json_object_new ();
        JsonNode *result = json_node_new (JSON_NODE_OBJECT);

        members = g_list_sort (members, (GCompareFunc) g_strcmp0);
        for (GList *l = members; l != NULL; l = l->next)
          json_object_set_member (copy, l->data,
                                  canonical_copy (json_object_get_member (object, l->data)));
        json_node_take_object (result, copy);
        return result;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *copy = json_array_new ();
        JsonNode *result = json_node_new (JSON_NODE_ARRAY);

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (copy, canonical_copy (json_array_get_element (array, i)));
        json_node_take_array (result, copy);
        return result;
      }
    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      return json_node_copy (node);
    }
}

/**
 * lt_json_canonicalize:
 * @node: a JSON value
 *
 * The JSON text of @node with every object's members sorted by name and no
 * white space: two bodies that mean the same (a proxy re-serialised one,
 * a client ordered members differently) give the same text.
 *
 * Returns: (transfer full): the text
 */
char *
lt_json_canonicalize (JsonNode *node)
{
  g_autoptr(JsonNode) copy = canonical_copy (node);

  return json_to_string (copy, FALSE);
}

char *
lt_instant_to_wire (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = NULL;

  if (instant == NULL)
    return NULL;
  utc = g_date_time_to_utc (instant);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

void
lt_builder_add_instant (JsonBuilder *builder,
                        const char  *name,
                        GDateTime   *instant)
{
  g_autofree char *text = lt_instant_to_wire (instant);

  json_builder_set_member_name (builder, name);
  if (text != NULL)
    json_builder_add_string_value (builder, text);
  else
    json_builder_add_null_value (builder);
}

void
lt_builder_add_string_or_null (JsonBuilder *builder,
                               const char  *name,
                               const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
lt_strv_to_json (const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}
