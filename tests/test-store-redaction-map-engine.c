/* test-store-redaction-map-engine.c: the profile's map as the engine's
 *
 * lt_store_dup_redaction_map() and lt_store_set_redaction_map() are the
 * one place where the store's documents per kind become an
 * LtRedactionMap and back (docs/bundle.md, "Reading the answer back"):
 * a map saved to the real file is read back with the same replacements,
 * counters and originals; a bad document is refused with its kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-store-redaction-map-engine"

#include "config.h"

#include "lt-error.h"
#include "lt-store-redaction-map.h"
#include "lt-store.h"
#include "lt-test-store.h"
#include "lt-test-util.h"

#include <string.h>

static char *
map_text (LtRedactionMap *map)
{
  g_autoptr(JsonNode) node = lt_redaction_map_to_json (map);

  return json_to_string (node, FALSE);
}

/* Empty profile: an empty map. A map saved is read back after the file
 * is closed, whole, with one document per table; its numbering goes on. */
static void
test_round_trip (void)
{
  g_autofree char *path = lt_store_dup_default_path ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-06T12:00:00Z");
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(LtStore) store = lt_test_store_open (path);
    g_autoptr(LtRedactionMap) empty = lt_store_dup_redaction_map (store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (empty);
    g_assert_cmpuint (lt_redaction_map_get_size (empty), ==, 0);

    g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_HOSTNAME, "db1.corp.example.com"));
    g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_HOSTNAME, "vault"));
    g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_IPV4, "10.0.3.17"));
    g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_USER, "alice"));
    saved = map_text (map);
    g_assert_true (lt_store_set_redaction_map (store, map, now, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(LtStore) store = lt_test_store_open (path);
    g_autoptr(GHashTable) documents = lt_store_load_redaction_map (store, &error);
    g_autoptr(LtRedactionMap) loaded = NULL;
    g_autofree char *loaded_text = NULL;
    g_autofree char *next = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (g_hash_table_lookup (documents, "user"), ==,
                     "{\"next\":1,\"entries\":{\"alice\":\"user0\"}}");
    g_assert_true (g_hash_table_contains (documents, "ipv4-net"));

    loaded = lt_store_dup_redaction_map (store, &error);
    g_assert_no_error (error);
    loaded_text = map_text (loaded);
    g_assert_cmpstr (loaded_text, ==, saved);
    next = lt_redaction_map_replace (loaded, LT_REDACTION_KIND_USER, "bob");
    g_assert_cmpstr (next, ==, "user1");
  }
}

/* A document the engine refuses names its table; the store keeps it. */
static void
test_bad_document (void)
{
  g_autofree char *path = lt_store_dup_default_path ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-06T12:00:00Z");
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtRedactionMap) map = NULL;
  g_autoptr(GError) error = NULL;

  g_hash_table_insert (documents, g_strdup ("host"), g_strdup ("{\"next\":-1,\"entries\":{}}"));
  g_assert_true (lt_store_save_redaction_map (store, documents, now, &error));
  g_assert_no_error (error);

  map = lt_store_dup_redaction_map (store, &error);
  g_assert_null (map);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "$.tables.host.next"));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/store/redaction-map/engine/round-trip", test_round_trip);
  g_test_add_func ("/lt/store/redaction-map/engine/bad-document", test_bad_document);

  return g_test_run ();
}
