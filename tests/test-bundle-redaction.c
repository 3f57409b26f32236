/* test-bundle-redaction.c: the bundle corpus through the whole engine
 *
 * The corpus folder (tests/data/bundle/corpus, docs/bundle.md "Test
 * corpus") bundled with the redactor as the line filter and the answer
 * key's keywords and expressions, extracted, and scored by
 * tests/check-redaction.py against the map the bundle made. The first
 * bundle with a new map is held to the recall the engine reaches per kind
 * (the floors only rise: raise them with the engine) and, thanks to the
 * writer's learning pass, passes the checker outright, as does a later
 * bundle with the filled map. The map never enters a bundle, and every
 * bundle over the same input with one map, the first included, is
 * byte-identical.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-bundle-redaction"

#include "config.h"

#include "lt-bundle.h"
#include "lt-redactor.h"
#include "lt-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* What the engine reaches per kind in a first bundle with a new map:
 * how many planted items are removed (docs/bundle.md, "Test corpus", has
 * how many are planted). A kind below its floor fails; raise a floor when
 * the engine gets better, until check-redaction.py passes outright. */
static const struct {
  const char *kind;
  guint       removed;
} floors[] = {
  { "private-key", 2 },
  { "connection-string", 3 },
  { "aws-access-key", 3 },
  { "aws-secret-key", 2 },
  { "jwt", 1 },
  { "bearer-token", 2 },
  { "api-token", 13 },
  { "password", 4 },
  { "hostname", 15 },
  { "fqdn", 31 },
  { "ipv4", 45 },
  { "ipv6", 9 },
  { "mac", 7 },
  { "email", 11 },
  { "user", 20 },
  { "keyword", 3 },
  { "regex", 4 },
};

static const char *
python (void)
{
  const char *p = g_getenv ("LT_PYTHON");

  return p != NULL ? p : "python3";
}

static JsonObject *
load_key (JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bundle", "answer-key.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static LtRedactor *
redactor_for_key (LtRedactionMap *map,
                  JsonObject     *key)
{
  JsonObject *config = json_object_get_object_member (key, "config");
  JsonArray *keywords = json_object_get_array_member (config, "keywords");
  JsonArray *regexes = json_object_get_array_member (config, "regexes");
  LtRedactor *redactor = lt_redactor_new (map);

  for (guint i = 0; i < json_array_get_length (keywords); i++)
    lt_redactor_add_keyword (redactor, json_array_get_string_element (keywords, i));
  for (guint i = 0; i < json_array_get_length (regexes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lt_redactor_add_pattern (redactor, json_array_get_string_element (regexes, i), &error));
      g_assert_no_error (error);
    }
  return redactor;
}

/* One bundle of the corpus folder @corpus with @redactor (its entries are
 * files/<the folder's absolute path>/…); returns the bundle's bytes. */
static GBytes *
write_bundle (LtRedactor *redactor,
              const char *corpus,
              const char *output)
{
  g_autoptr(LtBundleWriter) writer = lt_bundle_writer_new (LT_LINE_FILTER (redactor));
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;

  g_assert_true (lt_bundle_writer_add_path (writer, corpus, LT_BUNDLE_PATH_NONE, &error));
  g_assert_no_error (error);
  parts = lt_bundle_writer_write (writer, output, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parts);
  g_assert_cmpuint (parts->len, ==, 1);
  mapped = g_mapped_file_new (output, FALSE, &error);
  g_assert_no_error (error);
  return g_mapped_file_get_bytes (mapped);
}

static char *
run (const char * const *argv,
     int                *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s: %s", argv[0], err);
  return out;
}

static void
assert_not_in_tree (const char *dir,
                    const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_not_in_tree (path, needle);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      g_assert_null (g_strstr_len (text, (gssize) length, needle));
    }
}

static void
test_corpus (void)
{
  g_autoptr(JsonParser) key_parser = json_parser_new ();
  JsonObject *key = load_key (key_parser);
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = redactor_for_key (map, key);
  g_autoptr(LtRedactor) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dist = g_test_build_filename (G_TEST_DIST, "data", "bundle", "corpus", NULL);
  g_autofree char *corpus = g_canonicalize_filename (dist, NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "data", "bundle", "answer-key.json", NULL);
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-redaction.py", NULL);
  g_autofree char *tmp = g_dir_make_tmp ("test-bundle-redaction-XXXXXX", &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *extracted = NULL;
  g_autofree char *files = NULL;
  g_autofree char *map_path = NULL;
  g_autofree char *map_json = NULL;
  g_autofree char *report_text = NULL;
  g_autoptr(GBytes) zero = NULL;
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) two = NULL;
  g_autoptr(JsonParser) report_parser = json_parser_new ();
  g_autoptr(JsonNode) map_node = NULL;
  JsonObject *report;
  JsonObject *recall;
  JsonArray *faults;
  int status = 0;

  g_assert_no_error (error);
  first = g_build_filename (tmp, "one.tar.gz", NULL);
  second = g_build_filename (tmp, "two.tar.gz", NULL);
  extracted = g_build_filename (tmp, "x", NULL);
  /* The corpus's own path holds no identity the engine takes: it comes
   * out as it is. */
  files = g_build_filename (extracted, "files", corpus, NULL);
  map_path = g_build_filename (tmp, "map.json", NULL);

  /* The writer's learning pass reads every file once for the map before
   * it writes the first (docs/bundle.md, "The learning pass"): a word met
   * before the line that teaches it is replaced in the first bundle too,
   * which is therefore the bundle any later one with the same map is. */
  zero = write_bundle (redactor, corpus, first);
  again = redactor_for_key (map, key);
  one = write_bundle (again, corpus, second);
  g_clear_object (&again);
  again = redactor_for_key (map, key);
  two = write_bundle (again, corpus, second);
  g_assert_true (g_bytes_equal (one, two));
  g_assert_true (g_bytes_equal (zero, one));

  g_assert_cmpint (g_mkdir (extracted, 0700), ==, 0);
  {
    const char *argv[] = { "tar", "-xzf", first, "-C", extracted, NULL };
    g_free (run (argv, &status));

    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  map_node = lt_redaction_map_to_json (map);
  map_json = json_to_string (map_node, FALSE);
  g_file_set_contents (map_path, map_json, -1, &error);
  g_assert_no_error (error);
  g_test_message ("map: %s", map_json);
  /* The map, whole, is nowhere in the bundle. */
  assert_not_in_tree (extracted, map_json);
  g_assert_true (g_file_test (files, G_FILE_TEST_IS_DIR));

  {
    const char *argv[] = { python (), checker, "--json", corpus, key_path, files, map_path, NULL };

    report_text = run (argv, &status);
  }
  json_parser_load_from_data (report_parser, report_text, -1, &error);
  g_assert_no_error (error);
  report = json_node_get_object (json_parser_get_root (report_parser));
  recall = json_object_get_object_member (report, "recall");
  faults = json_object_get_array_member (report, "faults");

  for (guint i = 0; i < json_array_get_length (faults); i++)
    {
      JsonObject *fault = json_array_get_object_element (faults, i);
      const char *what = json_object_get_string_member (fault, "fault");

      g_test_message ("fault %s: %s %s: %s", what,
                      json_object_get_string_member_with_default (fault, "file", ""),
                      json_object_get_string_member_with_default (fault, "kind", ""),
                      json_object_get_string_member_with_default (fault, "detail", ""));
      /* Every file is there, and the control files come out as they went in. */
      g_assert_cmpstr (what, !=, "missing");
      g_assert_cmpstr (what, !=, "control");
    }

  for (guint i = 0; i < G_N_ELEMENTS (floors); i++)
    {
      JsonObject *counts = json_object_get_object_member (recall, floors[i].kind);
      gint64 planted = json_object_get_int_member (counts, "planted");
      gint64 removed = json_object_get_int_member (counts, "removed");

      g_test_message ("recall %s: %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, floors[i].kind, removed, planted);
      g_assert_cmpint (removed, >=, floors[i].removed);
    }

  /* The first bundle meets every bar of the checker. */
  g_assert_true (json_object_get_boolean_member (report, "passed"));
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* A later bundle, made with the map the first one filled, meets every
   * bar of the checker too. */
  {
    g_autofree char *extracted2 = g_build_filename (tmp, "x2", NULL);
    g_autofree char *files2 = g_build_filename (extracted2, "files", corpus, NULL);
    const char *tar[] = { "tar", "-xzf", second, "-C", extracted2, NULL };
    const char *check[] = { python (), checker, corpus, key_path, files2, map_path, NULL };
    g_autofree char *tar_out = NULL;
    g_autofree char *check_out = NULL;

    g_assert_cmpint (g_mkdir (extracted2, 0700), ==, 0);
    tar_out = run (tar, &status);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    assert_not_in_tree (extracted2, map_json);
    check_out = run (check, &status);
    g_test_message ("%s", check_out);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  {
    const char *argv[] = { "rm", "-rf", tmp, NULL };
    g_free (run (argv, &status));
  }
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/bundle-redaction/corpus", test_corpus);

  return g_test_run ();
}
