/* test-bundle-corpus.c: the bundle corpus and its answer key against the
 * secret scanner
 *
 * The corpus (tests/data/bundle/, docs/bundle.md "Test corpus") is what
 * the redaction engine is scored on; its fake secrets are only worth
 * anything if they have the shapes lt-sensitive knows. This holds the key
 * to that: every planted secret is found by lt_sensitive_scan() with the
 * kind the key gives it, no control file has a finding, and every kind
 * the scanner knows is planted at least once (a new kind in lt-sensitive.h
 * fails here until the corpus has one).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-bundle-corpus"

#include "config.h"

#include "lt-sensitive.h"
#include "lt-test-util.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static JsonObject *
load_key (JsonParser **parser_out)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bundle", "answer-key.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  *parser_out = g_steal_pointer (&parser);
  return json_node_get_object (json_parser_get_root (*parser_out));
}

/* A corpus file's text, a .gz one read through, as the bundle reads it. */
static char *
read_corpus_file (const char *rel)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "bundle", "corpus", rel, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  g_assert_no_error (error);
  if (g_str_has_suffix (rel, ".gz"))
    {
      g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      in = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
    }
  else
    in = g_object_ref (raw);

  g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE, NULL, &error);
  g_assert_no_error (error);
  /* NUL-terminate for the scanner. */
  g_output_stream_write_all (out, "", 1, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* The key's secret kinds are listed in the order of LtSensitiveKind. */
static int
secret_kind_index (JsonObject *key,
                   const char *name)
{
  JsonArray *secret = json_object_get_array_member (json_object_get_object_member (key, "kinds"), "secret");

  for (guint i = 0; i < json_array_get_length (secret); i++)
    if (g_str_equal (json_array_get_string_element (secret, i), name))
      return (int) i;

  return -1;
}

static void
test_secrets_found (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *key = load_key (&parser);
  JsonObject *files = json_object_get_object_member (key, "files");
  g_autoptr(GList) names = json_object_get_members (files);
  guint checked = 0;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *rel = l->data;
      JsonObject *entry = json_object_get_object_member (files, rel);
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) findings = NULL;
      JsonArray *items;

      if (json_object_get_boolean_member (entry, "control"))
        continue;

      text = read_corpus_file (rel);
      findings = lt_sensitive_scan (text);
      items = json_object_get_array_member (entry, "items");
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          const char *kind = json_object_get_string_member (item, "kind");
          const char *secret = json_object_get_string_member (item, "text");
          int index = secret_kind_index (key, kind);
          JsonArray *occurrences;

          if (index < 0)
            continue;

          occurrences = json_object_get_array_member (item, "occurrences");
          for (guint o = 0; o < json_array_get_length (occurrences); o++)
            {
              JsonObject *occ = json_array_get_object_element (occurrences, o);
              gsize offset = (gsize) json_object_get_int_member (occ, "offset");
              gsize end = offset + strlen (secret);
              gboolean found = FALSE;

              g_assert_cmpmem (text + offset, strlen (secret), secret, strlen (secret));
              for (guint f = 0; f < findings->len && !found; f++)
                {
                  LtSensitiveFinding *finding = g_ptr_array_index (findings, f);

                  /* The finding covers the planted value (it may take
                   * the quotes around it too). */
                  found = finding->offset <= offset && end <= finding->offset + finding->length
                          && (int) finding->kind == index;
                }
              if (!found)
                g_test_message ("%s: the %s %.40s… at byte %" G_GSIZE_FORMAT " is not found by lt-sensitive",
                                rel, kind, secret, offset);
              g_assert_true (found);
              checked++;
            }
        }
    }

  g_assert_cmpuint (checked, >=, LT_SENSITIVE_N_KINDS);
}

static void
test_controls_clean (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *key = load_key (&parser);
  JsonObject *files = json_object_get_object_member (key, "files");
  g_autoptr(GList) names = json_object_get_members (files);
  guint controls = 0;

  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *rel = l->data;
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) findings = NULL;

      if (!json_object_get_boolean_member (json_object_get_object_member (files, rel), "control"))
        continue;

      text = read_corpus_file (rel);
      findings = lt_sensitive_scan (text);
      for (guint f = 0; f < findings->len; f++)
        {
          LtSensitiveFinding *finding = g_ptr_array_index (findings, f);

          g_test_message ("%s:%u: %s", rel, finding->line, finding->excerpt);
        }
      g_assert_cmpuint (findings->len, ==, 0);
      controls++;
    }

  g_assert_cmpuint (controls, >=, 3);
}

static void
test_every_kind_planted (void)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *key = load_key (&parser);
  JsonObject *kinds = json_object_get_object_member (key, "kinds");
  JsonArray *secret = json_object_get_array_member (kinds, "secret");
  JsonArray *identity = json_object_get_array_member (kinds, "identity");
  JsonObject *files = json_object_get_object_member (key, "files");
  g_autoptr(GList) names = json_object_get_members (files);
  g_autoptr(GHashTable) planted = g_hash_table_new (g_str_hash, g_str_equal);

  /* One name per LtSensitiveKind, in its order. */
  g_assert_cmpuint (json_array_get_length (secret), ==, LT_SENSITIVE_N_KINDS);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *entry = json_object_get_object_member (files, l->data);
      JsonArray *items;

      if (json_object_get_boolean_member (entry, "control"))
        continue;
      items = json_object_get_array_member (entry, "items");
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_hash_table_add (planted, (gpointer) json_object_get_string_member (json_array_get_object_element (items, i), "kind"));
    }

  for (guint i = 0; i < json_array_get_length (secret); i++)
    {
      const char *name = json_array_get_string_element (secret, i);

      if (!g_hash_table_contains (planted, name))
        g_test_message ("no %s (%s) planted in the corpus", name, lt_sensitive_kind_get_label (i));
      g_assert_true (g_hash_table_contains (planted, name));
    }
  for (guint i = 0; i < json_array_get_length (identity); i++)
    g_assert_true (g_hash_table_contains (planted, json_array_get_string_element (identity, i)));
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/bundle-corpus/secrets-found", test_secrets_found);
  g_test_add_func ("/bundle-corpus/controls-clean", test_controls_clean);
  g_test_add_func ("/bundle-corpus/every-kind-planted", test_every_kind_planted);

  return g_test_run ();
}
