/* lt-fuzz-util.c: what every libFuzzer harness shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-fuzz"

#include "config.h"

#include "lt-fuzz-util.h"
#include "lt-error.h"
#include "lt-json.h"

#include <locale.h>

void
lt_fuzz_init (void)
{
  /* The messages are translatable; the C.UTF-8 catalogue keeps them the
   * source strings, which the path checks below expect. */
  setlocale (LC_ALL, "C.UTF-8");
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
}

void
lt_fuzz_assert_error (const GError *error,
                      int           code,
                      const char   *path_prefix)
{
  g_assert_nonnull (error);
  g_assert_error (error, LT_ERROR, code);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (path_prefix != NULL && !g_str_has_prefix (error->message, path_prefix))
    {
      g_printerr ("the error message does not start with “%s”: %s\n",
                  path_prefix, error->message);
      g_assert_not_reached ();
    }
}

static void
assert_printable_path (const char *path)
{
  for (const char *p = path; *p != '\0'; p++)
    if (!g_ascii_isprint (*p))
      {
        g_printerr ("a JSON path holds the byte 0x%02x: %s\n", (guint) (guchar) *p, path);
        g_assert_not_reached ();
      }
}

void
lt_fuzz_walk_json (gpointer    document,
                   JsonNode   *node,
                   const char *path)
{
  assert_printable_path (path);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        if (document != NULL)
          {
            const char *repeated = lt_json_document_get_duplicate_member (document, object);

            /* A repeated name is one the object holds. */
            if (repeated != NULL)
              g_assert_true (json_object_has_member (object, repeated));
          }

        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *member_path = lt_json_member_path (path, name);

            lt_fuzz_walk_json (document, member, member_path);
          }
        break;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *element_path = lt_json_element_path (path, i);

            lt_fuzz_walk_json (document, json_array_get_element (array, i), element_path);
          }
        break;
      }

    case JSON_NODE_VALUE:
      /* Strings come out of a validated document: still UTF-8, no NUL. */
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_assert_true (g_utf8_validate (json_node_get_string (node), -1, NULL));
      break;

    case JSON_NODE_NULL:
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
lt_fuzz_node_to_string (JsonNode *node)
{
  char *text;

  g_assert_nonnull (node);
  text = json_to_string (node, FALSE);
  g_assert_nonnull (text);
  return text;
}
