/* test-store-redaction-map.c: the redaction map of a profile (schema v7)
 *
 * The store keeps one JSON document per kind of identity and knows
 * nothing else about it (docs/bundle.md): these tests save documents shaped
 * as the engine might shape them, reopen the real file, and read them
 * back; and migrate the checked-in v6 file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-store-private.h"
#include "lt-store-redaction-map.h"
#include "lt-store.h"
#include "lt-test-store.h"
#include "lt-test-util.h"
#include "store-fixture.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

static GHashTable *
documents_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
changed_cb (LtStore           *store,
            const char        *table,
            LtStoreChangeKind  kind,
            const char        *key,
            gpointer           user_data)
{
  g_string_append_printf (user_data, "%s:%d:%s;", table, kind, key);
}

/* What is saved is read back from the file after it is closed; a save
 * replaces the map; a document that is not JSON changes nothing; the
 * file stays 0600. */
static void
test_round_trip (void)
{
  g_autofree char *path = lt_store_dup_default_path ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-06T12:00:00Z");
  g_autoptr(GHashTable) documents = documents_new ();
  g_autoptr(GHashTable) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) changes = g_string_new (NULL);
  const char *host = "{\"next\":2,\"entries\":[[\"db01.corp.example\",\"host0\"],"
                     "[\"web-ä.corp.example\",\"host1\"]]}";
  const char *ipv4 = "{\"entries\":[[\"10.0.3.17\",\"10.254.0.17\"]]}";
  GStatBuf st;

  {
    g_autoptr(LtStore) store = lt_test_store_open (path);

    loaded = lt_store_load_redaction_map (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (loaded), ==, 0);
    g_clear_pointer (&loaded, g_hash_table_unref);

    g_hash_table_insert (documents, g_strdup ("host"), g_strdup (host));
    g_hash_table_insert (documents, g_strdup ("ipv4"), g_strdup (ipv4));
    g_signal_connect (store, "changed", G_CALLBACK (changed_cb), changes);
    g_assert_true (lt_store_save_redaction_map (store, documents, now, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (changes->str, ==, "redaction_map:0:host;redaction_map:0:ipv4;");
  }

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  {
    g_autoptr(LtStore) store = lt_test_store_open (path);

    loaded = lt_store_load_redaction_map (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (loaded), ==, 2);
    g_assert_cmpstr (g_hash_table_lookup (loaded, "host"), ==, host);
    g_assert_cmpstr (g_hash_table_lookup (loaded, "ipv4"), ==, ipv4);
    g_clear_pointer (&loaded, g_hash_table_unref);

    /* Not JSON: refused, the map as it was. */
    g_hash_table_insert (documents, g_strdup ("email"), g_strdup ("{\"entries\": ["));
    g_assert_false (lt_store_save_redaction_map (store, documents, now, &error));
    g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
    g_clear_error (&error);
    loaded = lt_store_load_redaction_map (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (loaded), ==, 2);
    g_clear_pointer (&loaded, g_hash_table_unref);

    /* A save is the whole map: ipv4 goes, email comes, host changes. */
    g_hash_table_remove (documents, "ipv4");
    g_hash_table_insert (documents, g_strdup ("email"), g_strdup ("{\"entries\":[]}"));
    g_hash_table_insert (documents, g_strdup ("host"), g_strdup ("{\"next\":0,\"entries\":[]}"));
    g_signal_connect (store, "changed", G_CALLBACK (changed_cb), changes);
    g_string_truncate (changes, 0);
    g_assert_true (lt_store_save_redaction_map (store, documents, now, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (changes->str, ==,
                     "redaction_map:0:email;redaction_map:1:host;redaction_map:2:ipv4;");
  }

  {
    g_autoptr(LtStore) store = lt_test_store_open (path);

    loaded = lt_store_load_redaction_map (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (loaded), ==, 2);
    g_assert_cmpstr (g_hash_table_lookup (loaded, "email"), ==, "{\"entries\":[]}");
    g_assert_cmpstr (g_hash_table_lookup (loaded, "host"), ==, "{\"next\":0,\"entries\":[]}");
    g_assert_false (g_hash_table_contains (loaded, "ipv4"));
  }
}

/* The v6 file of tests/data migrates to v7 with its rows, and an empty
 * map. */
static void
test_migrate_v6 (void)
{
  g_autofree char *path = lt_store_dup_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  const char *from = g_test_get_filename (G_TEST_DIST, "data", "schema-v6.db", NULL);
  g_autoptr(GBytes) bytes = lt_test_read_bytes (from);
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GHashTable) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LtCachedStmt) stmt = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  lt_test_write_bytes (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  store = lt_test_store_open (path);
  g_assert_cmpuint (lt_store_get_schema_version (store), ==, 8);
  g_assert_cmpuint (lt_store_get_schema_version (store), ==,
                    lt_store_get_latest_schema_version ());

  stmt = lt_store_prepare (store, "SELECT review_text, replaced_by FROM change_notices "
                                  "WHERE id = '" FIXTURE_CHANGE_NOTICE_ID "'", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, FIXTURE_REVIEW_V6_TEXT);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, FIXTURE_REPLACED_BY_V6);
  lt_cached_stmt_release (stmt);

  {
    g_auto(LtCachedStmt) check = lt_store_prepare (store, "PRAGMA integrity_check", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
  }

  loaded = lt_store_load_redaction_map (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (loaded), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/store/redaction-map/round-trip", test_round_trip);
  g_test_add_func ("/lt/store/migrate-v6", test_migrate_v6);

  return g_test_run ();
}
