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

static void
set_field_error (GError     **error,
                 const char  *name,
                 const char  *message)
{
  g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
               "$.%s: %s", name, message);
}

/* Looks @name up; FALSE with an error when required and missing. Sets
 * *@node NULL when absent, or null and allowed. */
static gboolean
lookup_member (JsonObject    *object,
               const char    *name,
               LtFieldFlags   flags,
               JsonNode     **node,
               GError       **error)
{
  JsonNode *member = object != NULL ? json_object_get_member (object, name) : NULL;

  *node = NULL;
  if (member == NULL)
    {
      if (flags & LT_FIELD_REQUIRED)
        {
          set_field_error (error, name, _("required"));
          return FALSE;
        }
      return TRUE;
    }
  if (JSON_NODE_HOLDS_NULL (member))
    {
      if (!(flags & LT_FIELD_NULLABLE))
        {
          set_field_error (error, name, _("must not be null"));
          return FALSE;
        }
      return TRUE;
    }
  *node = member;
  return TRUE;
}

gboolean
lt_body_check_members (JsonObject          *object,
                       const char          *path,
                       const char * const  *allowed,
                       GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       _("%s.%s: unknown field"), path, (const char *) l->data);
          return FALSE;
        }
    }
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
  JsonNode *node = NULL;
  const char *text;

  *value = NULL;
  if (!lookup_member (object, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_field_error (error, name, _("expected a string"));
      return FALSE;
    }
  text = json_node_get_string (node);
  if ((flags & LT_FIELD_NOT_BLANK) && is_blank (text))
    {
      set_field_error (error, name, _("must not be empty"));
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
  JsonNode *node = NULL;

  if (!lookup_member (object, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_field_error (error, name, _("expected true or false"));
      return FALSE;
    }
  *value = json_node_get_boolean (node);
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
  JsonNode *node = NULL;
  gint64 number;

  if (!lookup_member (object, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  /* json-glib reads 2.0 as a double: a whole number must be written as one. */
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_field_error (error, name, _("expected a whole number"));
      return FALSE;
    }
  number = json_node_get_int (node);
  if (number < min || number > max)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   _("$.%s: expected %lld to %lld, not %lld"),
                   name, (long long) min, (long long) max, (long long) number);
      return FALSE;
    }
  *value = number;
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
  g_autoptr(GError) local_error = NULL;
  const char *nick = NULL;

  if (!lt_body_get_string (object, name, flags, 0, &nick, error))
    return FALSE;
  if (nick == NULL)
    return TRUE;

  if (!lt_enum_from_nick (enum_type, nick, value, &local_error))
    {
      set_field_error (error, name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
lt_body_get_instant (JsonObject    *object,
                     const char    *name,
                     LtFieldFlags   flags,
                     GDateTime    **value,
                     GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text = NULL;

  *value = NULL;
  if (!lt_body_get_string (object, name, flags, 0, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *value = lt_instant_parse (text, &local_error);
  if (*value == NULL)
    {
      set_field_error (error, name, local_error->message);
      return FALSE;
    }
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
  JsonNode *node = NULL;
  JsonArray *array;
  guint n;

  *value = NULL;
  if (!lookup_member (object, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_field_error (error, name, _("expected an array of strings"));
      return FALSE;
    }
  array = json_node_get_array (node);
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
      JsonNode *element = json_array_get_element (array, i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (element) ||
          json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       _("$.%s[%u]: expected a string"), name, i);
          return FALSE;
        }
      text = json_node_get_string (element);
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
