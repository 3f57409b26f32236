/* lt-fuzz-util.c: what every libFuzzer harness shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-fuzz"

#include "config.h"

#include "lt-fuzz-util.h"
#include "lt-error.h"
#include "lt-enums.h"
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

/* Every typed reader of lt-json.h on the member @name of @object (at
 * @path), with every need: each either reads or fails with a message that
 * starts with the member's path, has no control character (the value it
 * quotes is the input's) and is valid UTF-8. */
static void
read_member_every_way (JsonObject *object,
                       const char *path,
                       const char *name)
{
  static const LtJsonNeed needs[] = { LT_JSON_REQUIRED, LT_JSON_NULLABLE, LT_JSON_OPTIONAL };
  g_autofree char *member_path = lt_json_member_path (path, name);

  for (guint n = 0; n < G_N_ELEMENTS (needs); n++)
    {
      LtJsonNeed need = needs[n];
      GError *errors[9] = { NULL, };
      g_autoptr(GDateTime) instant = NULL;
      g_auto(GStrv) strv = NULL;
      g_autofree char *inner_path = NULL;
      JsonObject *inner;
      JsonArray *array;
      const char *text;
      gboolean flag;
      gint64 number;
      int value;
      GDate date;

      lt_json_read_string (object, path, name, need, &text, &errors[0]);
      lt_json_read_boolean (object, path, name, need, &flag, &errors[1]);
      lt_json_read_int (object, path, name, need, -5, 525600, &number, &flag, &errors[2]);
      lt_json_read_enum (object, path, name, need, LT_TYPE_SEVERITY, 0, &value, &errors[3]);
      lt_json_read_date (object, path, name, need, &date, &flag, &errors[4]);
      lt_json_read_instant (object, path, name, need, &instant, &errors[5]);
      lt_json_read_strv (object, path, name, need, &strv, &errors[6]);
      lt_json_read_array (object, path, name, need, 2, &array, NULL, &errors[7]);
      lt_json_read_object (object, path, name, need, (const char * const []) { "id", NULL },
                           &inner, &inner_path, &errors[8]);

      for (guint e = 0; e < G_N_ELEMENTS (errors); e++)
        {
          if (errors[e] == NULL)
            continue;
          lt_fuzz_assert_error (errors[e], LT_ERROR_INVALID_DATA, member_path);
          for (const char *p = errors[e]->message; *p != '\0'; p++)
            g_assert_true ((guchar) *p >= 0x20);
          g_error_free (errors[e]);
        }
    }
}

void
lt_fuzz_walk_json (JsonNode   *node,
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

        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *member_path = lt_json_member_path (path, name);

            read_member_every_way (object, path, name);
            lt_fuzz_walk_json (member, member_path);
          }
        break;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_autofree char *element_path = lt_json_element_path (path, i);

            lt_fuzz_walk_json (json_array_get_element (array, i), element_path);
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
