/* test-store.c: the database file, its schema, migrations and recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-outbox.h"
#include "lt-store-alerts.h"
#include "lt-store-change-notices.h"
#include "lt-store-private.h"
#include "lt-store-sync.h"
#include "lt-store.h"
#include "lt-test-store.h"
#include "lt-test-util.h"
#include "store-fixture.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Helpers ---------------------------------------------------------------- */

static char *
test_db_path (void)
{
  /* Each test case has its own XDG dirs (G_TEST_OPTION_ISOLATE_DIRS). */
  return lt_store_dup_default_path ();
}

static char *
query_text (LtStore    *store,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
exec_ok (LtStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lt_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static guint
file_mode (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* Files in the folder of @path named "<basename>.corrupt-…", without the
 * -wal/-shm companions. */
static GPtrArray *
list_moved_aside (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix) &&
        !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      g_ptr_array_add (found, g_build_filename (dir, name, NULL));
  return found;
}

/* A database with enough rows to span many pages. */
static void
make_populated_db (const char *path)
{
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtOutbox) outbox = lt_outbox_new (store);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *filler = g_strnfill (600, 'x');

  tx = lt_store_begin (store, &error);
  g_assert_no_error (error);

  for (int i = 0; i < 200; i++)
    {
      g_autofree char *key = lt_outbox_enqueue (outbox, "ticket.comment", "{\"body\": \"hi\"}",
                                                NULL, now, &error);
      g_auto(LtCachedStmt) stmt =
        lt_store_prepare (store,
                          "INSERT INTO tickets (title, description, severity, state, local_id, "
                          "                     created_at, local_updated_at) "
                          "VALUES ('t', ?, 's3', 'queued', ?, 0, 0)",
                          &error);

      g_assert_no_error (error);
      g_assert_nonnull (key);
      sqlite3_bind_text (stmt, 1, filler, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
      g_assert_true (lt_store_step_done (store, stmt, &error));
      g_assert_no_error (error);
    }

  g_assert_true (lt_store_transaction_commit (tx, &error));
  g_assert_no_error (error);
}

static void
copy_fixture_file (const char *name,
                   const char *to)
{
  g_autofree char *dir = g_path_get_dirname (to);
  const char *from = g_test_get_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GBytes) bytes = lt_test_read_bytes (from);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  lt_test_write_bytes (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
copy_fixture (const char *to)
{
  copy_fixture_file ("schema-v1.db", to);
}

/* Paths ------------------------------------------------------------------ */

static void
test_path_default (void)
{
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;

  g_unsetenv (LT_STORE_PROFILE_ENV);
  expected = g_build_filename (g_get_user_data_dir (), "lockthreat-support", "support.db", NULL);
  path = lt_store_dup_default_path ();
  g_assert_cmpstr (path, ==, expected);

  /* An empty variable is not a profile. */
  g_setenv (LT_STORE_PROFILE_ENV, "", TRUE);
  g_clear_pointer (&path, g_free);
  path = lt_store_dup_default_path ();
  g_assert_cmpstr (path, ==, expected);
  g_unsetenv (LT_STORE_PROFILE_ENV);
}

static void
test_path_profile (void)
{
  /* Inside the test's isolated folders: a profile under the shared tmp
   * dir outlives the run, and a file an older build left there would be
   * opened (and migrated) by the next one. */
  g_autofree char *profile = g_build_filename (g_get_user_cache_dir (), "demo-profile", NULL);
  g_autofree char *expected = g_build_filename (profile, "support.db", NULL);
  g_autofree char *path = NULL;
  g_autoptr(LtStore) store = NULL;

  g_setenv (LT_STORE_PROFILE_ENV, profile, TRUE);
  path = lt_store_dup_default_path ();
  g_assert_cmpstr (path, ==, expected);

  /* NULL opens the default path, and the profile folder is created. */
  store = lt_test_store_open (NULL);
  g_assert_cmpstr (lt_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_unsetenv (LT_STORE_PROFILE_ENV);
}

/* Files and pragmas ------------------------------------------------------ */

static void
test_open_private_files (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  mode_t old_umask;

  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  /* With a permissive umask sqlite alone would create 0644 files. */
  old_umask = umask (0);
  store = lt_test_store_open (path);
  outbox = lt_outbox_new (store);
  key = lt_outbox_enqueue (outbox, "ticket.create", "{}", NULL, now, &error);
  umask (old_umask);
  g_assert_no_error (error);

  g_assert_cmpuint (file_mode (dir), ==, 0700);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (wal), ==, 0600);
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (shm), ==, 0600);
}

static void
test_open_tightens_existing_file (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(LtStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  lt_test_write_bytes (path, "", 0);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  store = lt_test_store_open (path);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  /* A folder the user made is theirs; only a folder we create is 0700. */
  g_assert_cmpuint (file_mode (dir), ==, 0755);
}

static void
test_open_pragmas (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autofree char *journal = query_text (store, "PRAGMA journal_mode");

  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA foreign_keys"), ==, 1);
  /* 2 = FULL: every commit of the outbox is fsynced. */
  g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA busy_timeout"), >=, 1000);
  g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA application_id"), ==, 0x4c547370);
  g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA user_version"), ==,
                   lt_store_get_latest_schema_version ());
  g_assert_cmpuint (lt_store_get_schema_version (store), ==,
                    lt_store_get_latest_schema_version ());
}

/* Schema ----------------------------------------------------------------- */

static void
test_schema_tables (void)
{
  static const char * const tables[] = {
    "account", "contacts", "invoices", "documents", "maintenance_windows",
    "alerts", "alert_state", "installations", "tickets", "ticket_events",
    "change_notices", "outbox", "sync_state",
  };
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_auto(LtCachedStmt) stmt = NULL;
      g_autoptr(GError) error = NULL;

      stmt = lt_store_prepare (store,
                               "SELECT strict FROM pragma_table_list WHERE name = ?", &error);
      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    }

  /* The ticket list sorts on opened_at and filters by state: indexed. */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;
    g_autoptr(GString) details = g_string_new (NULL);

    g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (store),
                                         "EXPLAIN QUERY PLAN SELECT pk FROM tickets "
                                         "WHERE state = 'in-progress' ORDER BY opened_at DESC",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append (details, (const char *) sqlite3_column_text (stmt, 3));
    g_assert_nonnull (strstr (details->str, "tickets_state_opened"));
    g_assert_null (strstr (details->str, "TEMP B-TREE"));
  }
}

#define LOCAL_ID "'8f14e45f-ceea-4e7a-9b1d-2c3d4e5f6a7b'"

static void
test_schema_constraints (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  /* Each statement breaks one rule; the accepted twin below each group
   * shows that rule, and nothing else, is what refuses it. */
  static const char * const rejected[] = {
    /* STRICT: a time that is not an integer. */
    "INSERT INTO tickets (local_id, title, state, created_at, local_updated_at) "
    "VALUES (" LOCAL_ID ", 't', 'draft', 'yesterday', 0)",
    /* An unknown state, severity, close reason. */
    "INSERT INTO tickets (local_id, title, state, created_at, local_updated_at) "
    "VALUES (" LOCAL_ID ", 't', 'open', 0, 0)",
    "INSERT INTO tickets (local_id, title, severity, state, created_at, local_updated_at) "
    "VALUES (" LOCAL_ID ", 't', 's4', 'draft', 0, 0)",
    "INSERT INTO tickets (local_id, title, state, close_reason, created_at, local_updated_at) "
    "VALUES (" LOCAL_ID ", 't', 'draft', 'bored', 0, 0)",
    /* Neither a local nor a portal id. */
    "INSERT INTO tickets (title, state, created_at, local_updated_at) "
    "VALUES ('t', 'draft', 0, 0)",
    /* A submitted ticket has the portal's id, a queued one has none. */
    "INSERT INTO tickets (local_id, title, state, created_at, local_updated_at) "
    "VALUES (" LOCAL_ID ", 't', 'submitted', 0, 0)",
    "INSERT INTO tickets (local_id, id, title, state, created_at, local_updated_at) "
    "VALUES (" LOCAL_ID ", 'LT-1', 't', 'queued', 0, 0)",
    /* Escalation stops at level 3 (§9). */
    "INSERT INTO tickets (id, title, state, escalation_level, created_at, local_updated_at) "
    "VALUES ('LT-1', 't', 'triaged', 4, 0, 0)",
    /* JSON columns hold JSON. */
    "INSERT INTO tickets (id, title, state, known_issue_ids, created_at, local_updated_at) "
    "VALUES ('LT-1', 't', 'triaged', '[LT-1234', 0, 0)",
    "INSERT INTO outbox (key, kind, payload, created_at, next_attempt_at) "
    "VALUES (" LOCAL_ID ", 'x', '{oops', 0, 0)",
    /* A failed item always says why. */
    "INSERT INTO outbox (key, kind, payload, state, created_at, next_attempt_at) "
    "VALUES (" LOCAL_ID ", 'x', '{}', 'failed', 0, 0)",
    /* Detection by file or HTTP needs a location. */
    "INSERT INTO installations (id, name, detection, created_at, updated_at) "
    "VALUES (" LOCAL_ID ", 'prod', 'http', 0, 0)",
    /* A change ends after it starts. */
    "INSERT INTO change_notices (local_id, kind, title, planned_start, planned_end, "
    "                            created_at) "
    "VALUES (" LOCAL_ID ", 'third-party', 't', 10, 5, 0)",
    /* Foreign keys are enforced. */
    "INSERT INTO ticket_events (ticket_pk, kind) VALUES (42, 'comment')",
    /* An unknown tier. */
    "INSERT INTO account (id, customer_name, tier, fetched_at) VALUES (1, 'c', 'gold', 0)",
  };
  static const char * const accepted[] = {
    "INSERT INTO tickets (local_id, title, state, created_at, local_updated_at) "
    "VALUES (" LOCAL_ID ", 't', 'queued', 0, 0)",
    "INSERT INTO tickets (id, title, state, escalation_level, known_issue_ids, created_at, "
    "                     local_updated_at) "
    "VALUES ('LT-1', 't', 'triaged', 3, '[\"LT-1234\"]', 0, 0)",
    "INSERT INTO outbox (key, kind, payload, state, failure_reason, created_at, "
    "                    next_attempt_at) "
    "VALUES (" LOCAL_ID ", 'x', '{}', 'failed', 'Refused', 0, 0)",
    "INSERT INTO installations (id, name, detection, location, created_at, updated_at) "
    "VALUES (" LOCAL_ID ", 'prod', 'http', 'https://lt.example/version', 0, 0)",
    "INSERT INTO change_notices (local_id, kind, title, planned_start, planned_end, "
    "                            created_at) "
    "VALUES (" LOCAL_ID ", 'third-party', 't', 5, 10, 0)",
    "INSERT INTO ticket_events (ticket_pk, kind) SELECT pk, 'comment' FROM tickets",
    "INSERT INTO account (id, customer_name, tier, fetched_at) VALUES (1, 'c', 'enterprise', 0)",
    "INSERT INTO contacts (account_id, role, name) VALUES (1, 'primary-technical', 'Dana')",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autoptr(GError) error = NULL;

      if (lt_store_exec (store, rejected[i], &error))
        {
          g_autofree char *msg = g_strdup_printf ("the schema accepted: %s", rejected[i]);

          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
        }
      g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
    }

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    exec_ok (store, accepted[i]);

  /* One primary technical contact. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lt_store_exec (store,
                                   "INSERT INTO contacts (account_id, role, name) "
                                   "VALUES (1, 'primary-technical', 'Sam')",
                                   &error));
    g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  }

  /* Deleting a ticket deletes its events. */
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM ticket_events"), ==, 2);
  exec_ok (store, "DELETE FROM tickets");
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM ticket_events"), ==, 0);
}

/* Transactions ----------------------------------------------------------- */

static void
test_transaction_commit_and_rollback (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (store, &error);

    g_assert_no_error (error);
    g_assert_true (lt_store_in_transaction (store));
    exec_ok (store, "INSERT INTO sync_state (resource) VALUES ('committed')");
    g_assert_true (lt_store_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_false (lt_store_in_transaction (store));

  /* Freed without a commit: rolled back. */
  {
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (tx);
    exec_ok (store, "INSERT INTO sync_state (resource) VALUES ('forgotten')");
  }

  {
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (store, &error);

    g_assert_no_error (error);
    exec_ok (store, "INSERT INTO sync_state (resource) VALUES ('rolled-back')");
    lt_store_transaction_rollback (tx);
    /* Committing after a rollback is a programming error; freeing is fine. */
  }

  g_assert_false (lt_store_in_transaction (store));
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM sync_state"), ==, 1);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM sync_state "
                                                   "WHERE resource = 'committed'"), ==, 1);
}

static void
test_transaction_nested (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreTransaction) outer = lt_store_begin (store, &error);

  g_assert_no_error (error);
  exec_ok (store, "INSERT INTO sync_state (resource) VALUES ('outer')");

  {
    g_autoptr(LtStoreTransaction) inner = lt_store_begin (store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (inner);
    exec_ok (store, "INSERT INTO sync_state (resource) VALUES ('inner-undone')");
  }

  {
    g_autoptr(LtStoreTransaction) inner = lt_store_begin (store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (inner);
    exec_ok (store, "INSERT INTO sync_state (resource) VALUES ('inner-kept')");
    g_assert_true (lt_store_transaction_commit (inner, &error));
    g_assert_no_error (error);
  }

  /* Still inside the outer transaction: nothing is durable yet. */
  g_assert_true (lt_store_in_transaction (store));
  g_assert_true (lt_store_transaction_commit (outer, &error));
  g_assert_no_error (error);

  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM sync_state "
                                                   "WHERE resource IN ('outer', 'inner-kept')"),
                   ==, 2);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM sync_state"), ==, 2);
}

/* Migrations ------------------------------------------------------------- */

static void
assert_fixture_rows (LtStore *store)
{
  g_autoptr(LtOutbox) outbox = lt_outbox_new (store);
  g_autoptr(LtOutboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = query_text (store, "SELECT customer_name FROM account");
  g_autofree char *contact = query_text (store, "SELECT name FROM contacts "
                                                "WHERE role = 'primary-technical'");
  g_autofree char *invoice = query_text (store, "SELECT id FROM invoices WHERE paid = 0");
  g_autofree char *installation = query_text (store, "SELECT name FROM installations "
                                                     "WHERE detection = 'http'");
  g_autofree char *ticket = query_text (store, "SELECT id FROM tickets "
                                               "WHERE state = 'in-progress'");
  g_autofree char *comment = query_text (store, "SELECT e.body FROM ticket_events AS e "
                                                "JOIN tickets AS t "
                                                "ON t.pk = e.ticket_pk "
                                                "WHERE t.id = '" FIXTURE_TICKET_ID "'");
  g_autofree char *notice = query_text (store, "SELECT id FROM change_notices WHERE id IS NOT NULL");
  /* The v1 maintenance reminder, as an alert record from v5 on. */
  g_autofree char *window = query_text (store, "SELECT subject FROM alerts "
                                               "WHERE key = 'maintenance:" FIXTURE_WINDOW_ID ":1440' "
                                               "AND kind = 'maintenance' AND delivery = 'shown'");
  g_autofree char *cursor = query_text (store, "SELECT cursor FROM sync_state "
                                               "WHERE resource = 'tickets'");
  g_autofree char *queued = query_text (store, "SELECT title FROM tickets "
                                               "WHERE local_id = '" FIXTURE_OUTBOX_KEY "'");
  g_autoptr(GDateTime) opened = NULL;

  g_assert_cmpstr (customer, ==, FIXTURE_CUSTOMER_NAME);
  g_assert_cmpstr (contact, ==, FIXTURE_CONTACT_NAME);
  g_assert_cmpstr (invoice, ==, FIXTURE_INVOICE_ID);
  g_assert_cmpstr (installation, ==, FIXTURE_INSTALLATION_NAME);
  g_assert_cmpstr (ticket, ==, FIXTURE_TICKET_ID);
  g_assert_cmpstr (comment, ==, FIXTURE_COMMENT_BODY);
  g_assert_cmpstr (notice, ==, FIXTURE_CHANGE_NOTICE_ID);
  g_assert_cmpstr (window, ==, FIXTURE_WINDOW_ID);
  g_assert_cmpstr (cursor, ==, FIXTURE_SYNC_CURSOR);
  g_assert_cmpstr (queued, ==, FIXTURE_QUEUED_TITLE);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM documents "
                                                   "WHERE name = 'releases' AND json_valid (body)"),
                   ==, 1);

  opened = lt_store_instant_from_usec (
    lt_test_store_query_int (store, "SELECT opened_at FROM tickets "
                                    "WHERE id = '" FIXTURE_TICKET_ID "'"));
  lt_assert_instant (opened, FIXTURE_TICKET_OPENED_AT);

  item = lt_outbox_lookup (outbox, FIXTURE_OUTBOX_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_outbox_item_get_kind (item), ==, FIXTURE_OUTBOX_KIND);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (item), FIXTURE_QUEUED_TITLE));
  lt_assert_instant (lt_outbox_item_get_created_at (item), FIXTURE_OUTBOX_CREATED_AT);
}

static void
test_migrate_v1 (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(LtOutboxItem) claimed = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-27T09:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;

  copy_fixture (path);
  store = lt_test_store_open (path);

  g_assert_cmpuint (lt_store_get_schema_version (store), ==,
                    lt_store_get_latest_schema_version ());
  g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA user_version"), ==,
                   lt_store_get_latest_schema_version ());
  assert_fixture_rows (store);
  integrity = query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  /* v2: the index of the tickets that close on their own, with the v1
   * tickets in it. */
  g_assert_cmpint (lt_test_store_query_int (store,
                                            "SELECT count(*) FROM sqlite_schema "
                                            "WHERE type = 'index' AND name = 'tickets_closing'"),
                   ==, 1);
  g_assert_cmpint (
    lt_test_store_query_int (store, "SELECT count(*) FROM tickets INDEXED BY tickets_closing "
                                    "WHERE state IN ('awaiting-customer', 'resolved')"),
    ==,
    lt_test_store_query_int (store, "SELECT count(*) FROM tickets "
                                    "WHERE state IN ('awaiting-customer', 'resolved')"));
  /* v3: no portal recorded yet; the next sync records its own. */
  {
    g_autofree char *origin = NULL;

    g_assert_true (lt_store_load_portal_binding (store, &origin, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_null (origin);
  }

  /* The item queued under v1 is still sent, with its original key. */
  outbox = lt_outbox_new (store);
  claimed = lt_outbox_claim_next (outbox, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claimed);
  g_assert_cmpstr (lt_outbox_item_get_key (claimed), ==, FIXTURE_OUTBOX_KEY);
}

/* v4: claims name their owner. The v2 file holds the queued ticket's item
 * in `sending` with no owner, as a process of that version left it: the
 * step releases it (that version would have at its next open), and every
 * row of v1 is still there. */
static void
test_migrate_v2 (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(LtOutboxItem) claimed = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-27T09:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;

  copy_fixture_file ("schema-v2.db", path);
  store = lt_test_store_open (path);

  g_assert_cmpuint (lt_store_get_schema_version (store), ==,
                    lt_store_get_latest_schema_version ());
  assert_fixture_rows (store);
  integrity = query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (lt_test_store_query_int (store,
                                            "SELECT count(*) FROM outbox WHERE claimed_by IS NULL "
                                            "AND state = 'pending' AND attempts = 0"),
                   ==, 1);

  /* Claimed again, now with an owner; a claim without one is refused. */
  outbox = lt_outbox_new (store);
  claimed = lt_outbox_claim_next (outbox, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_outbox_item_get_key (claimed), ==, FIXTURE_OUTBOX_KEY);
  g_assert_cmpint (lt_test_store_query_int (store,
                                            "SELECT count(*) FROM outbox "
                                            "WHERE state = 'sending' AND claimed_by IS NOT NULL"),
                   ==, 1);
  g_assert_cmpint (
    sqlite3_exec (lt_store_get_db (store), "UPDATE outbox SET claimed_by = NULL", NULL, NULL, NULL),
    ==, SQLITE_CONSTRAINT_CHECK);
}

/* v3 recorded the portal of a profile; v4's claims release the item the
 * v3 file holds in `sending` without an owner, and the binding stays. */
static void
test_migrate_v3 (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *account = NULL;

  copy_fixture_file ("schema-v3.db", path);
  store = lt_test_store_open (path);

  g_assert_cmpuint (lt_store_get_schema_version (store), ==,
                    lt_store_get_latest_schema_version ());
  assert_fixture_rows (store);
  integrity = query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_true (lt_store_load_portal_binding (store, &origin, &account, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (origin, ==, FIXTURE_PORTAL_ORIGIN);
  g_assert_cmpstr (account, ==, FIXTURE_PORTAL_ACCOUNT);
  g_assert_cmpint (lt_test_store_query_int (store,
                                            "SELECT count(*) FROM outbox WHERE claimed_by IS NULL "
                                            "AND state = 'pending' AND attempts = 0"),
                   ==, 1);
}

/* v5: the maintenance reminders of v4 become alert records under the
 * engine's key, and their table goes; change notices may be drafts (no
 * id), every notice row is kept with its pk, and a queued or draft notice
 * with an id, or a portal notice without one, is still refused. */
static void
test_migrate_v4 (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *origin = NULL;
  gboolean recorded = FALSE;
  gint64 notice_pk;

  copy_fixture_file ("schema-v4.db", path);
  /* The notice's pk before the table is rebuilt. */
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT pk FROM change_notices", -1, &stmt, NULL),
                     ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    notice_pk = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  store = lt_test_store_open (path);
  g_assert_cmpuint (lt_store_get_schema_version (store), ==,
                    lt_store_get_latest_schema_version ());
  assert_fixture_rows (store);
  integrity = query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_true (lt_store_load_portal_binding (store, &origin, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (origin, ==, FIXTURE_PORTAL_ORIGIN);

  /* Both reminders, shown, due at their lead before the window's start
   * (2026-12-05T06:00Z), recorded when they were shown. */
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM sqlite_schema "
                                                   "WHERE name = 'maintenance_reminders'"), ==, 0);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM alerts"), ==, 2);
  {
    g_autoptr(GPtrArray) standing = lt_store_list_standing_alerts (store, &error);
    LtAlertRecord *day, *hour;

    g_assert_no_error (error);
    g_assert_cmpuint (standing->len, ==, 2);
    day = g_ptr_array_index (standing, 0);
    hour = g_ptr_array_index (standing, 1);
    g_assert_cmpstr (day->key, ==, "maintenance:" FIXTURE_WINDOW_ID ":1440");
    g_assert_cmpint (day->kind, ==, LT_ALERT_KIND_MAINTENANCE);
    g_assert_cmpstr (day->subject, ==, FIXTURE_WINDOW_ID);
    g_assert_cmpint (day->delivery, ==, LT_ALERT_DELIVERY_SHOWN);
    lt_assert_instant (day->due, "2026-12-04T06:00:00Z");
    lt_assert_instant (day->recorded_at, "2026-12-04T06:00:00Z");
    g_assert_null (day->withdrawn_at);
    g_assert_cmpstr (hour->key, ==, "maintenance:" FIXTURE_WINDOW_ID ":60");
    lt_assert_instant (hour->due, "2026-12-05T05:00:00Z");
    lt_assert_instant (hour->recorded_at, FIXTURE_REMINDER_V4_SHOWN_AT);
  }
  /* The engine's reminder is recorded already: it is not shown again. */
  {
    LtAlert alert = { LT_ALERT_KIND_MAINTENANCE, (char *) "maintenance:" FIXTURE_WINDOW_ID ":60",
                      (char *) FIXTURE_WINDOW_ID, NULL, NULL, NULL, NULL, FALSE };
    g_autoptr(GDateTime) now = lt_test_instant ("2026-12-05T05:10:00Z");

    g_assert_true (lt_store_record_alert (store, &alert, LT_ALERT_DELIVERY_SHOWN, now,
                                          &recorded, &error));
    g_assert_no_error (error);
    g_assert_false (recorded);
  }

  /* The notice kept its pk and its index; drafts are allowed, without id. */
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT pk FROM change_notices "
                                                   "WHERE id = '" FIXTURE_CHANGE_NOTICE_ID "'"),
                   ==, notice_pk);
  g_assert_cmpint (
    lt_test_store_query_int (store, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                                    "AND name = 'change_notices_planned' "
                                    "AND tbl_name = 'change_notices'"),
    ==, 1);
  exec_ok (store, "INSERT INTO change_notices (local_id, kind, title, state, created_at) "
                  "VALUES ('d0d0d0d0-0000-4000-8000-000000000001', 'infrastructure', 'Draft', "
                  "'draft', 0)");
  g_assert_cmpint (sqlite3_exec (lt_store_get_db (store),
                                 "INSERT INTO change_notices (local_id, id, kind, title, state, "
                                 "created_at) VALUES ('d0d0d0d0-0000-4000-8000-000000000002', "
                                 "'CN-9', 'infrastructure', 'Draft with id', 'draft', 0)",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_CHECK);
  g_assert_cmpint (sqlite3_exec (lt_store_get_db (store),
                                 "UPDATE change_notices SET id = NULL "
                                 "WHERE id = '" FIXTURE_CHANGE_NOTICE_ID "'",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT_CHECK);
}

/* v6: every notice of a v5 file is kept, the draft still a draft, none
 * with a review text or a rescheduling; then a notice takes all three
 * and reads them back. */
static void
test_migrate_v5 (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *integrity = NULL;
  g_autoptr(LtChangeNotice) filed = NULL;
  g_autoptr(LtChangeNotice) draft = NULL;
  g_autoptr(LtChangeNotice) again = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-27T10:00:00Z");

  copy_fixture_file ("schema-v5.db", path);
  store = lt_test_store_open (path);
  g_assert_cmpuint (lt_store_get_schema_version (store), ==, 8);
  g_assert_cmpuint (lt_store_get_schema_version (store), ==,
                    lt_store_get_latest_schema_version ());
  assert_fixture_rows (store);
  integrity = query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (
    lt_test_store_query_int (store, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' "
                                    "AND name = 'change_notices_replaces'"),
    ==, 1);

  filed = lt_store_lookup_change_notice (store, FIXTURE_CHANGE_NOTICE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_change_notice_get_local_id (filed), ==, FIXTURE_CHANGE_NOTICE_LOCAL_ID);
  g_assert_cmpstr (lt_change_notice_get_title (filed), ==, "Add audit columns");
  g_assert_null (lt_change_notice_get_review_text (filed));
  g_assert_null (lt_change_notice_get_replaces (filed));
  g_assert_null (lt_change_notice_get_replaced_by (filed));

  draft = lt_store_lookup_change_notice_by_local_id (store, FIXTURE_DRAFT_V5_LOCAL_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lt_change_notice_get_state (draft), ==, LT_CHANGE_STATE_DRAFT);
  g_assert_cmpstr (lt_change_notice_get_title (draft), ==, FIXTURE_DRAFT_V5_TITLE);
  g_assert_null (lt_change_notice_get_review_text (draft));

  /* The new columns are written and read like the others. */
  lt_change_notice_set_state (filed, LT_CHANGE_STATE_WITHDRAWN);
  lt_change_notice_set_review_text (filed, "Not during the audit window:\nmove it a week.");
  lt_change_notice_set_replaces (filed, "CN-000044");
  lt_change_notice_set_replaced_by (filed, "CN-000046");
  g_assert_true (lt_store_upsert_change_notice (store, filed, now, &error));
  g_assert_no_error (error);
  again = lt_store_lookup_change_notice (store, FIXTURE_CHANGE_NOTICE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_change_notice_get_review_text (again), ==,
                   "Not during the audit window:\nmove it a week.");
  g_assert_cmpstr (lt_change_notice_get_replaces (again), ==, "CN-000044");
  g_assert_cmpstr (lt_change_notice_get_replaced_by (again), ==, "CN-000046");
}

/* A later schema version as it could really come: a column, a table and a
 * backfill. */
static const char test_migration[] =
  "ALTER TABLE tickets ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));\n"
  "CREATE TABLE saved_filters (id INTEGER PRIMARY KEY, name TEXT NOT NULL, query TEXT NOT NULL)"
  " STRICT;\n"
  "UPDATE tickets SET pinned = 1 WHERE state = 'in-progress';\n";

static GPtrArray *
migrations_plus (const char *extra)
{
  guint n;
  const char * const *real = lt_store_get_migrations (&n);
  GPtrArray *all = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (all, (gpointer) real[i]);
  g_ptr_array_add (all, (gpointer) extra);
  return all;
}

static void
test_migrate_fall_through (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(GPtrArray) all = migrations_plus (test_migration);
  guint latest = lt_store_get_latest_schema_version ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;

  copy_fixture (path);

  {
    g_autoptr(LtStore) store = lt_store_open_full (path, (const char * const *) all->pdata,
                                                   all->len, &notice, &error);
    g_assert_no_error (error);
    g_assert_no_error (notice);

    g_assert_cmpuint (lt_store_get_schema_version (store), ==, latest + 1);
    g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA user_version"), ==, latest + 1);
    assert_fixture_rows (store);
    g_assert_cmpint (lt_test_store_query_int (store, "SELECT pinned FROM tickets "
                                                     "WHERE id = '" FIXTURE_TICKET_ID "'"), ==, 1);
    g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM saved_filters"), ==, 0);
    g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA foreign_keys"), ==, 1);
    exec_ok (store, "UPDATE tickets SET pinned = 0");
  }

  /* Opening again does not run the step again (it would fail: the column
   * exists). */
  {
    g_autoptr(LtStore) store = lt_store_open_full (path, (const char * const *) all->pdata,
                                                   all->len, &notice, &error);
    g_assert_no_error (error);
    g_assert_cmpint (lt_test_store_query_int (store, "SELECT sum (pinned) FROM tickets"), ==, 0);
  }

  /* A new file runs every step from 0. */
  {
    g_autofree char *fresh = g_build_filename (g_get_user_data_dir (), "fresh.db", NULL);
    g_autoptr(LtStore) store = lt_store_open_full (fresh, (const char * const *) all->pdata,
                                                   all->len, &notice, &error);
    g_assert_no_error (error);
    g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA user_version"), ==, latest + 1);
    g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM saved_filters"), ==, 0);
  }
}

static void
test_migrate_failure_rolls_back (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(GPtrArray) all =
    migrations_plus ("CREATE TABLE half_done (x INTEGER) STRICT;\n"
                     "ALTER TABLE no_such_table ADD COLUMN y INTEGER;\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) broken = NULL;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GPtrArray) moved = NULL;

  copy_fixture (path);
  broken = lt_store_open_full (path, (const char * const *) all->pdata, all->len, NULL, &error);
  g_assert_null (broken);
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "no_such_table"));

  /* Nothing of the failed step stayed, the data did, and the file was not
   * mistaken for a damaged one. */
  store = lt_test_store_open (path);
  g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA user_version"), ==,
                   lt_store_get_latest_schema_version ());
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM sqlite_schema "
                                                   "WHERE name = 'half_done'"), ==, 0);
  assert_fixture_rows (store);
  moved = list_moved_aside (path);
  g_assert_cmpuint (moved->len, ==, 0);
}

static void
test_migrate_newer_refused (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autofree char *newer = g_strdup_printf ("PRAGMA user_version = %u",
                                            lt_store_get_latest_schema_version () + 3);

  {
    g_autoptr(LtStore) writer = lt_test_store_open (path);

    exec_ok (writer, newer);
  }
  before = lt_test_read_bytes (path);

  store = lt_store_open (path, &notice, &error);
  g_assert_null (store);
  g_assert_no_error (notice);
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "newer version"));

  after = lt_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  moved = list_moved_aside (path);
  g_assert_cmpuint (moved->len, ==, 0);
}

static void
test_foreign_database_refused (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE photos (id INTEGER)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  before = lt_test_read_bytes (path);

  store = lt_store_open (path, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "not a LockThreat Support database"));
  after = lt_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Corruption ------------------------------------------------------------- */

typedef void (*DamageFunc) (const char *path);

/* Damages the file at @path with @damage, opens it with @flags, and checks
 * that the damaged bytes were kept aside, reported, and replaced by a
 * working store. */
static void
assert_recovers_with (DamageFunc       damage,
                      LtStoreOpenFlags flags)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autofree char *key = NULL;
  g_autofree char *integrity = NULL;
  guint counts[LT_OUTBOX_N_STATES];

  make_populated_db (path);
  damage (path);
  damaged = lt_test_read_bytes (path);

  store = lt_store_open_with_flags (path, flags, &notice, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_error (notice, LT_ERROR, LT_ERROR_STORE_CORRUPT);

  /* The old file is still there, byte for byte, and the message says where. */
  moved = list_moved_aside (path);
  g_assert_cmpuint (moved->len, ==, 1);
  g_assert_nonnull (strstr (notice->message, "previous data was kept at"));
  g_assert_nonnull (strstr (notice->message, g_ptr_array_index (moved, 0)));
  kept = lt_test_read_bytes (g_ptr_array_index (moved, 0));
  g_assert_true (g_bytes_equal (damaged, kept));

  /* The new store is current and usable, and holds at most what the
   * damaged file held (what could still be read of it). */
  g_assert_cmpuint (file_mode (path), ==, 0600);
  g_assert_cmpuint (lt_store_get_schema_version (store), ==,
                    lt_store_get_latest_schema_version ());
  integrity = query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  outbox = lt_outbox_new (store);
  g_assert_true (lt_outbox_count (outbox, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_PENDING], <=, 200);
  key = lt_outbox_enqueue (outbox, "ticket.create", "{}", NULL, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
}

static void
assert_recovers (DamageFunc damage)
{
  assert_recovers_with (damage, LT_STORE_OPEN_NONE);
}

static void
truncate_to_half (const char *path)
{
  g_autoptr(GBytes) bytes = lt_test_read_bytes (path);
  gsize half = g_bytes_get_size (bytes) / 2;

  g_assert_cmpuint (half, >, 4096);
  lt_test_write_bytes (path, g_bytes_get_data (bytes, NULL), half);
}

static void
truncate_into_header (const char *path)
{
  g_autoptr(GBytes) bytes = lt_test_read_bytes (path);

  lt_test_write_bytes (path, g_bytes_get_data (bytes, NULL), 50);
}

static void
replace_with_random_bytes (const char *path)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261126);
  g_autofree guint32 *noise = g_new (guint32, 16384);

  for (guint i = 0; i < 16384; i++)
    noise[i] = g_rand_int (rand);
  lt_test_write_bytes (path, noise, 16384 * sizeof (guint32));
}

/* Keeps the 100-byte header and the schema page; scrambles the rest. */
static void
scramble_pages (const char *path)
{
  g_autoptr(GBytes) bytes = lt_test_read_bytes (path);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  gsize size = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  guint page_size = ((guint) data[16] << 8) | data[17];

  g_assert_cmpstr ((const char *) data, ==, "SQLite format 3");
  g_assert_cmpuint (size, >, 4 * page_size);
  for (gsize i = page_size; i < size; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);
  lt_test_write_bytes (path, data, size);
}

static void
test_corrupt_truncated (void)
{
  assert_recovers (truncate_to_half);
}

static void
test_corrupt_truncated_header (void)
{
  assert_recovers (truncate_into_header);
}

static void
test_corrupt_random_bytes (void)
{
  assert_recovers (replace_with_random_bytes);
}

static void
test_corrupt_garbage_pages (void)
{
  assert_recovers (scramble_pages);
}

/* A damaged file whose write-ahead log still holds committed transactions:
 * the log is kept too, untouched (closing the damaged database must not
 * checkpoint into it), beside the file under the matching name. */
static void
test_corrupt_keeps_log (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *copy = g_build_filename (g_get_user_data_dir (), "copy", "support.db", NULL);
  g_autofree char *copy_dir = g_path_get_dirname (copy);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
  g_autofree char *kept_wal = NULL;
  g_autoptr(GBytes) log_bytes = NULL;
  g_autoptr(GBytes) kept_log = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(LtStore) store = NULL;

  make_populated_db (path);

  /* Snapshot the file and its log while a transaction sits in the log. */
  {
    g_autoptr(LtStore) writer = lt_test_store_open (path);
    g_autoptr(GBytes) main_bytes = NULL;

    exec_ok (writer, "INSERT INTO sync_state (resource) VALUES ('in-the-log')");
    main_bytes = lt_test_read_bytes (path);
    log_bytes = lt_test_read_bytes (wal);
    g_assert_cmpuint (g_bytes_get_size (log_bytes), >, 0);
    g_assert_cmpint (g_mkdir_with_parents (copy_dir, 0700), ==, 0);
    lt_test_write_bytes (copy, g_bytes_get_data (main_bytes, NULL), g_bytes_get_size (main_bytes));
    lt_test_write_bytes (copy_wal, g_bytes_get_data (log_bytes, NULL), g_bytes_get_size (log_bytes));
  }

  scramble_pages (copy);
  damaged = lt_test_read_bytes (copy);

  store = lt_store_open (copy, &notice, &error);
  g_assert_no_error (error);
  g_assert_error (notice, LT_ERROR, LT_ERROR_STORE_CORRUPT);

  moved = list_moved_aside (copy);
  g_assert_cmpuint (moved->len, ==, 1);
  kept = lt_test_read_bytes (g_ptr_array_index (moved, 0));
  g_assert_true (g_bytes_equal (damaged, kept));
  kept_wal = g_strconcat (g_ptr_array_index (moved, 0), "-wal", NULL);
  kept_log = lt_test_read_bytes (kept_wal);
  g_assert_true (g_bytes_equal (log_bytes, kept_log));

  /* The new database did not replay the old log. */
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM sync_state"), ==, 0);
}

static void
test_corrupt_twice_keeps_both (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(GPtrArray) moved = NULL;

  for (int i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) notice = NULL;
      g_autoptr(LtStore) store = NULL;

      {
        g_autoptr(LtStore) writer = lt_test_store_open (path);

        g_assert_cmpuint (lt_store_get_schema_version (writer), ==, lt_store_get_latest_schema_version ());
      }
      replace_with_random_bytes (path);
      store = lt_store_open (path, &notice, &error);
      g_assert_no_error (error);
      g_assert_error (notice, LT_ERROR, LT_ERROR_STORE_CORRUPT);
    }

  /* Within one second the second copy gets its own name. */
  moved = list_moved_aside (path);
  g_assert_cmpuint (moved->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (moved, 0), !=, g_ptr_array_index (moved, 1));
}

static void
test_corrupt_cannot_move (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root can rename in a read-only folder");
      return;
    }

  {
    g_autoptr(LtStore) writer = lt_test_store_open (path);

    g_assert_cmpuint (lt_store_get_schema_version (writer), ==, lt_store_get_latest_schema_version ());
  }
  replace_with_random_bytes (path);
  before = lt_test_read_bytes (path);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);

  store = lt_store_open (path, &notice, &error);
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);

  g_assert_null (store);
  g_assert_no_error (notice);
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  after = lt_test_read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Not a database at all, or a header cut short: sqlite says so while
 * opening, so even a deferred open sets the file aside at once. */
static void
test_corrupt_deferred_random_bytes (void)
{
  assert_recovers_with (replace_with_random_bytes, LT_STORE_OPEN_DEFER_CHECK);
}

static void
test_corrupt_deferred_truncated_header (void)
{
  assert_recovers_with (truncate_into_header, LT_STORE_OPEN_DEFER_CHECK);
}

/* Readers ---------------------------------------------------------------- */

/* What a worker thread does with its reader: the resources of sync_state
 * in order, through the store's statement cache, then it drops the reader. */
typedef struct
{
  LtStore *reader;       /* given to the thread, which unrefs it */
  char    *resources;    /* "a,b,c" */
  GError  *write_error;
  GError  *tx_write_error;
} ReaderJob;

static char *
read_resources (LtStore *store)
{
  g_autoptr(GError) error = NULL;
  g_auto(LtCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  stmt = lt_store_prepare (store, "SELECT resource FROM sync_state ORDER BY resource", &error);
  g_assert_no_error (error);
  g_assert_nonnull (stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup (lt_store_column_text (stmt, 0)));
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static gpointer
reader_thread (gpointer data)
{
  ReaderJob *job = data;
  g_autoptr(LtStore) reader = g_steal_pointer (&job->reader);

  job->resources = read_resources (reader);

  /* A write fails, directly and inside a transaction. */
  g_assert_false (lt_store_exec (reader, "INSERT INTO sync_state (resource) VALUES ('w')",
                                 &job->write_error));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (reader, &error);
    g_auto(LtCachedStmt) stmt = NULL;

    g_assert_no_error (error);
    g_assert_nonnull (tx);
    stmt = lt_store_prepare (reader, "INSERT INTO sync_state (resource) VALUES ('tx')", &error);
    g_assert_no_error (error);
    g_assert_false (lt_store_step_done (reader, stmt, &job->tx_write_error));
  }

  return NULL;
}

/* A reader reads through the file once (the ticket list, the check): its
 * page cache is bounded, the store's own connection keeps sqlite's. */
static void
test_reader_small_page_cache (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  reader = lt_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lt_test_store_query_int (reader, "PRAGMA cache_size"), ==,
                   -LT_STORE_READER_CACHE_KIB);
  g_assert_cmpint (lt_test_store_query_int (store, "PRAGMA cache_size"), ==, -2000);
}

static void
test_reader_reads_in_thread (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autofree char *after = NULL;
  ReaderJob job = { NULL, };

  exec_ok (store, "INSERT INTO sync_state (resource) VALUES ('a'), ('b')");
  job.reader = lt_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (job.reader);
  g_assert_cmpstr (lt_store_get_path (job.reader), ==, path);
  g_assert_cmpuint (lt_store_get_schema_version (job.reader), ==,
                    lt_store_get_latest_schema_version ());

  /* Committed after the reader opened: seen. Written in a transaction the
   * main thread still holds open (with the write lock) while the worker
   * reads: not seen, and the worker does not wait for it. */
  exec_ok (store, "INSERT INTO sync_state (resource) VALUES ('c')");
  tx = lt_store_begin (store, &error);
  g_assert_no_error (error);
  exec_ok (store, "INSERT INTO sync_state (resource) VALUES ('d-uncommitted')");

  thread = g_thread_new ("test-reader", reader_thread, &job);
  g_thread_join (g_steal_pointer (&thread));

  g_assert_null (job.reader);
  g_assert_cmpstr (job.resources, ==, "a,b,c");

  g_assert_error (job.write_error, LT_ERROR, LT_ERROR_STORE);
  g_assert_nonnull (strstr (job.write_error->message, "for reading only"));
  g_assert_error (job.tx_write_error, LT_ERROR, LT_ERROR_STORE);
  g_assert_nonnull (strstr (job.tx_write_error->message, "for reading only"));

  /* The store's own transaction was not disturbed, and nothing the reader
   * tried reached the file. */
  g_assert_true (lt_store_transaction_commit (tx, &error));
  g_assert_no_error (error);
  after = read_resources (store);
  g_assert_cmpstr (after, ==, "a,b,c,d-uncommitted");

  g_free (job.resources);
  g_clear_error (&job.write_error);
  g_clear_error (&job.tx_write_error);
}

static void
test_reader_file_deleted (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_unlink (path), ==, 0);

  reader = lt_store_open_reader (store, &error);
  g_assert_null (reader);
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, path));
  /* A reader creates nothing. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Takes the database away as another process setting it aside would: the
 * file with its log and shared memory (a log left beside a new file would
 * be read as part of it). The store keeps its open descriptors. */
static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "-wal", "-shm", "" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_assert_cmpint (g_unlink (file), ==, 0);
    }
}

/* A reader of @store fails with LT_ERROR_STORE, saying @expected (or
 * anything when NULL). */
static void
assert_reader_refused (LtStore    *store,
                       const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) reader = lt_store_open_reader (store, &error);

  g_assert_null (reader);
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  if (expected != NULL)
    g_assert_nonnull (strstr (error->message, expected));
}

/* Puts in @path a new sqlite file made by @sql alone. */
static void
replace_with_database (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_reader_file_replaced (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);

  /* Noise where the database was. */
  remove_database (path);
  replace_with_random_bytes (path);
  assert_reader_refused (store, NULL);

  /* Another program's database. */
  replace_with_database (path, "CREATE TABLE photos (id INTEGER)");
  assert_reader_refused (store, "not a LockThreat Support database");

  /* An empty LockThreat database of another schema version. */
  replace_with_database (path, "PRAGMA application_id = 0x4c547370");
  assert_reader_refused (store, "replaced");
}

/* Deferred check --------------------------------------------------------- */

static char *
marker_path (const char *path)
{
  return g_strconcat (path, LT_STORE_DAMAGED_SUFFIX, NULL);
}


static void
got_result_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
check_integrity_sync (LtStore       *store,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lt_store_check_integrity_async (store, cancellable, got_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return lt_store_check_integrity_finish (store, result, error);
}

/* A transaction that does not wait for the disk: its commit asks for no
 * fsync on the committing thread, not even when the log passes sqlite's
 * auto-checkpoint (which a commit of lt_store_begin() copies back into
 * the database and syncs there, in the same call); what it wrote is seen
 * by another connection at once; lt_store_sync_log_async() copies the log
 * back in a worker; the connection's own transactions fsync again after. */
static void
test_transaction_unsynced (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtStore) reader = NULL;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtStoreTransaction) synced = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint syncs;
  guint elsewhere;

  lt_test_store_count_syncs ();
  store = lt_test_store_open (path);
  exec_ok (store, "CREATE TABLE scratch (body BLOB)");
  syncs = lt_test_store_get_syncs (TRUE);
  g_assert_cmpuint (syncs, >, 0);

  tx = lt_store_begin_unsynced (store, &error);
  g_assert_no_error (error);
  /* A page each (4 KiB): 1,200 pages, past the auto-checkpoint's 1,000. */
  exec_ok (store, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                  "WHERE i < 1200) INSERT INTO scratch SELECT randomblob (4000) FROM n");
  g_assert_true (lt_store_transaction_commit (tx, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lt_test_store_get_syncs (TRUE), ==, syncs);

  reader = lt_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lt_test_store_query_int (reader, "SELECT count(*) FROM scratch"), ==, 1200);
  g_clear_object (&reader);

  elsewhere = lt_test_store_get_syncs (FALSE);
  lt_store_sync_log_async (store, NULL, got_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (lt_store_sync_log_finish (store, result, &error));
  g_assert_no_error (error);
  /* The worker's checkpoint synced the database; this thread synced
   * nothing. */
  g_assert_cmpuint (lt_test_store_get_syncs (FALSE), >, elsewhere);
  g_assert_cmpuint (lt_test_store_get_syncs (TRUE), ==, syncs);

  synced = lt_store_begin (store, &error);
  g_assert_no_error (error);
  exec_ok (store, "INSERT INTO scratch VALUES (x'00')");
  g_assert_true (lt_store_transaction_commit (synced, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lt_test_store_get_syncs (TRUE), >, syncs);
}

static LtStore *
open_deferred_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  LtStore *store = lt_store_open_with_flags (path, LT_STORE_OPEN_DEFER_CHECK, &notice, &error);

  g_assert_no_error (error);
  g_assert_no_error (notice);
  g_assert_nonnull (store);
  return store;
}

/* The work an open does, counted in pages sqlite read from the file. */
static void
test_deferred_reads_less (void)
{
  g_autofree char *path = test_db_path ();
  gint64 n_pages;
  gint64 checked_reads;
  gint64 deferred_reads;

  make_populated_db (path);

  {
    g_autoptr(LtStore) store = lt_test_store_open (path);

    n_pages = lt_test_store_query_int (store, "PRAGMA page_count");
    checked_reads = lt_store_get_open_page_reads (store);
  }
  {
    g_autoptr(LtStore) store = open_deferred_ok (path);

    deferred_reads = lt_store_get_open_page_reads (store);
  }

  g_test_message ("%" G_GINT64_FORMAT " pages; opening read %" G_GINT64_FORMAT
                  " checked, %" G_GINT64_FORMAT " deferred",
                  n_pages, checked_reads, deferred_reads);
  g_assert_cmpint (n_pages, >=, 50);
  /* The check reads every page; the deferred open the header, the schema
   * and an index or two. */
  g_assert_cmpint (checked_reads, >=, n_pages);
  g_assert_cmpint (deferred_reads, >, 0);
  g_assert_cmpint (deferred_reads * 4, <, n_pages);
}

/* A page of ticket rows is damaged: a deferred open does not notice, the
 * check after start-up does and notes it, and the next open (@data: its
 * flags) sets the file aside as a checked open does. */
static void
test_deferred_damage_found_and_recovered (gconstpointer data)
{
  LtStoreOpenFlags reopen_flags = GPOINTER_TO_UINT (data);
  g_autofree char *path = test_db_path ();
  g_autofree char *marker = marker_path (path);
  g_autofree char *marker_text = NULL;
  g_autofree char *integrity = NULL;
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) kept = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(LtStore) store = NULL;

  make_populated_db (path);
  g_assert_cmpuint (file_mode (path), ==, 0600);
  lt_test_corrupt_middle_page (path, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  damaged = lt_test_read_bytes (path);

  store = open_deferred_ok (path);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM outbox"), ==, 200);

  g_assert_false (check_integrity_sync (store, NULL, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_assert_nonnull (strstr (error->message, "next time"));
  g_assert_nonnull (strstr (error->message, "set the damaged file aside"));
  g_clear_error (&error);

  /* Noted, not acted on while the app runs. */
  g_assert_true (g_file_get_contents (marker, &marker_text, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (marker), ==, 0600);
  g_assert_nonnull (strstr (marker_text, path));
  moved = list_moved_aside (path);
  g_assert_cmpuint (moved->len, ==, 0);
  g_clear_pointer (&moved, g_ptr_array_unref);
  g_clear_object (&store);

  store = lt_store_open_with_flags (path, reopen_flags, &notice, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_error (notice, LT_ERROR, LT_ERROR_STORE_CORRUPT);

  moved = list_moved_aside (path);
  g_assert_cmpuint (moved->len, ==, 1);
  g_assert_nonnull (strstr (notice->message, g_ptr_array_index (moved, 0)));
  kept = lt_test_read_bytes (g_ptr_array_index (moved, 0));
  g_assert_true (g_bytes_equal (damaged, kept));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  integrity = query_text (store, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  /* One page of ticket rows is lost; the rest, and the whole outbox, were
   * read out of the kept file. The portal's data comes again in full. */
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM tickets"), >, 150);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM tickets"), <, 200);
  g_assert_cmpint (
    lt_test_store_query_int (store, "SELECT count(*) FROM outbox WHERE state = 'pending'"), ==,
    200);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM sync_state"), ==, 0);
  g_assert_nonnull (strstr (notice->message, "200 changes not yet sent"));
  g_assert_cmpuint (file_mode (path), ==, 0600);
}

static void
test_deferred_intact (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *marker = marker_path (path);
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GError) error = NULL;

  make_populated_db (path);
  store = open_deferred_ok (path);

  /* The store is used while the check runs. */
  g_assert_true (check_integrity_sync (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  exec_ok (store, "INSERT INTO sync_state (resource) VALUES ('after-check')");
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM tickets"), ==, 200);
}

/* Damage noted by an earlier run that the full check does not confirm (an
 * I/O error that went away): the marker goes, nothing is moved, and the
 * whole file was read although the open was deferred. */
static void
test_deferred_stale_marker (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *marker = marker_path (path);
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  gint64 n_pages;

  make_populated_db (path);
  lt_test_write_bytes (marker, "disk I/O error\n", strlen ("disk I/O error\n"));

  store = open_deferred_ok (path);
  n_pages = lt_test_store_query_int (store, "PRAGMA page_count");
  g_assert_cmpint (lt_store_get_open_page_reads (store), >=, n_pages);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  moved = list_moved_aside (path);
  g_assert_cmpuint (moved->len, ==, 0);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM tickets"), ==, 200);
}

/* Makes an index disagree with its table, as a bad sector or another tool
 * may: every page and b-tree is still sound, so quick_check says "ok". */
static void
break_index (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "PRAGMA writable_schema = ON; "
                                 "UPDATE sqlite_schema "
                                 "SET sql = 'CREATE INDEX tickets_state_opened "
                                 "           ON tickets (title, opened_at DESC)' "
                                 "WHERE name = 'tickets_state_opened'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
}

/* Damage seen at run time may be such an index. A checked open does not
 * see it; with the marker of the run that met it, the open does. */
static void
test_deferred_marker_checks_indexes (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *marker = marker_path (path);
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(GPtrArray) moved = NULL;

  make_populated_db (path);
  break_index (path);
  store = lt_test_store_open (path);
  g_clear_object (&store);

  lt_test_write_bytes (marker, "database disk image is malformed\n",
               strlen ("database disk image is malformed\n"));
  store = lt_store_open_with_flags (path, LT_STORE_OPEN_DEFER_CHECK, &notice, &error);
  g_assert_no_error (error);
  g_assert_error (notice, LT_ERROR, LT_ERROR_STORE_CORRUPT);
  moved = list_moved_aside (path);
  g_assert_cmpuint (moved->len, ==, 1);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* A cancelled check stops before it reaches the damage: it reports the
 * cancellation and notes nothing. */
static void
test_deferred_cancelled (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *marker = marker_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GError) error = NULL;

  make_populated_db (path);
  lt_test_corrupt_middle_page (path, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  store = open_deferred_ok (path);

  g_cancellable_cancel (cancellable);
  g_assert_false (check_integrity_sync (store, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Not cancelled, the same check finds the damage. */
  g_assert_false (check_integrity_sync (store, NULL, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE_CORRUPT);
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* Damage met by an ordinary query while the app runs is noted too, and the
 * next start recovers. */
static void
test_deferred_runtime_damage_noted (void)
{
  g_autofree char *path = test_db_path ();
  g_autofree char *marker = marker_path (path);
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(GPtrArray) moved = NULL;

  make_populated_db (path);
  lt_test_corrupt_middle_page (path, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  store = open_deferred_ok (path);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  {
    g_auto(LtCachedStmt) stmt = lt_store_prepare (store,
                                                  "SELECT sum (length (description)) "
                                                  "FROM tickets",
                                                  &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), !=, SQLITE_ROW);
    lt_store_set_error (store, &error, "Reading the tickets");
  }
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (file_mode (marker), ==, 0600);
  g_clear_error (&error);
  g_clear_object (&store);

  store = lt_store_open_with_flags (path, LT_STORE_OPEN_DEFER_CHECK, &notice, &error);
  g_assert_no_error (error);
  g_assert_error (notice, LT_ERROR, LT_ERROR_STORE_CORRUPT);
  moved = list_moved_aside (path);
  g_assert_cmpuint (moved->len, ==, 1);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* Instants --------------------------------------------------------------- */

static void
test_instants (void)
{
  g_autoptr(GTimeZone) chatham = g_time_zone_new_identifier ("Pacific/Chatham");
  g_autoptr(GDateTime) local = g_date_time_new (chatham, 2026, 11, 27, 10, 15, 30.123456);
  g_autoptr(GDateTime) back = NULL;
  g_autoptr(GDateTime) old = lt_test_instant ("1969-12-31T23:59:59.250000Z");
  g_autoptr(GDateTime) old_back = NULL;
  gint64 usec = lt_store_instant_to_usec (local);

  g_assert_nonnull (local);
  /* 10:15:30.123456 +13:45 is 20:30:30.123456 UTC the day before. */
  back = lt_store_instant_from_usec (usec);
  g_assert_true (g_date_time_equal (back, local));
  g_assert_cmpint (g_date_time_get_utc_offset (back), ==, 0);
  g_assert_cmpint (g_date_time_get_hour (back), ==, 20);
  g_assert_cmpint (g_date_time_get_minute (back), ==, 30);
  g_assert_cmpint (g_date_time_get_microsecond (back), ==, 123456);

  g_assert_cmpint (lt_store_instant_to_usec (old), ==, -750000);
  old_back = lt_store_instant_from_usec (-750000);
  lt_assert_instant (old_back, "1969-12-31T23:59:59.250000Z");
}

/* A full disk is said to be one: sqlite's "database or disk is full" (or
 * "disk I/O error" when the log cannot grow) left the user guessing. The
 * file is capped with max_page_count, which makes sqlite fail exactly as
 * it does when the device is full (SQLITE_FULL). */
static void
test_disk_full (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtStore) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lt_store_exec (store, "CREATE TABLE filler (x BLOB)", NULL));
  {
    g_autofree char *count = query_text (store, "PRAGMA page_count");
    g_autofree char *cap = g_strdup_printf ("PRAGMA max_page_count = %s", count);

    g_assert_true (lt_store_exec (store, cap, NULL));
  }
  g_assert_false (lt_store_exec (store, "INSERT INTO filler VALUES (zeroblob(1000000))", &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "no space left"));
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* A connection for reading says so when asked to write. */
  reader = lt_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_false (lt_store_exec (reader, "INSERT INTO filler VALUES (1)", &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, "reading only"));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);
  g_unsetenv (LT_STORE_PROFILE_ENV);

  g_test_add_func ("/lt/store/path/default", test_path_default);
  g_test_add_func ("/lt/store/path/profile", test_path_profile);
  g_test_add_func ("/lt/store/open/private-files", test_open_private_files);
  g_test_add_func ("/lt/store/open/tightens-existing-file", test_open_tightens_existing_file);
  g_test_add_func ("/lt/store/open/pragmas", test_open_pragmas);
  g_test_add_func ("/lt/store/schema/tables", test_schema_tables);
  g_test_add_func ("/lt/store/schema/constraints", test_schema_constraints);
  g_test_add_func ("/lt/store/transaction/commit-and-rollback",
                   test_transaction_commit_and_rollback);
  g_test_add_func ("/lt/store/transaction/nested", test_transaction_nested);
  g_test_add_func ("/lt/store/transaction/unsynced", test_transaction_unsynced);
  g_test_add_func ("/lt/store/migrate-v1", test_migrate_v1);
  g_test_add_func ("/lt/store/migrate-v2", test_migrate_v2);
  g_test_add_func ("/lt/store/migrate-v3", test_migrate_v3);
  g_test_add_func ("/lt/store/migrate-v4", test_migrate_v4);
  g_test_add_func ("/lt/store/migrate-v5", test_migrate_v5);
  g_test_add_func ("/lt/store/migrate/fall-through", test_migrate_fall_through);
  g_test_add_func ("/lt/store/migrate/failure-rolls-back", test_migrate_failure_rolls_back);
  g_test_add_func ("/lt/store/migrate/newer-refused", test_migrate_newer_refused);
  g_test_add_func ("/lt/store/open/foreign-database-refused", test_foreign_database_refused);
  g_test_add_func ("/lt/store/corrupt/truncated", test_corrupt_truncated);
  g_test_add_func ("/lt/store/corrupt/truncated-header", test_corrupt_truncated_header);
  g_test_add_func ("/lt/store/corrupt/random-bytes", test_corrupt_random_bytes);
  g_test_add_func ("/lt/store/corrupt/garbage-pages", test_corrupt_garbage_pages);
  g_test_add_func ("/lt/store/corrupt/keeps-log", test_corrupt_keeps_log);
  g_test_add_func ("/lt/store/corrupt/twice-keeps-both", test_corrupt_twice_keeps_both);
  g_test_add_func ("/lt/store/corrupt/cannot-move", test_corrupt_cannot_move);
  g_test_add_func ("/lt/store/corrupt/deferred-random-bytes",
                   test_corrupt_deferred_random_bytes);
  g_test_add_func ("/lt/store/corrupt/deferred-truncated-header",
                   test_corrupt_deferred_truncated_header);
  g_test_add_func ("/lt/store/reader/reads-in-thread", test_reader_reads_in_thread);
  g_test_add_func ("/lt/store/reader/small-page-cache", test_reader_small_page_cache);
  g_test_add_func ("/lt/store/reader/file-deleted", test_reader_file_deleted);
  g_test_add_func ("/lt/store/reader/file-replaced", test_reader_file_replaced);
  g_test_add_func ("/lt/store/deferred/reads-less", test_deferred_reads_less);
  g_test_add_data_func ("/lt/store/deferred/damage-then-deferred-open",
                        GUINT_TO_POINTER (LT_STORE_OPEN_DEFER_CHECK),
                        test_deferred_damage_found_and_recovered);
  g_test_add_data_func ("/lt/store/deferred/damage-then-checked-open",
                        GUINT_TO_POINTER (LT_STORE_OPEN_NONE),
                        test_deferred_damage_found_and_recovered);
  g_test_add_func ("/lt/store/deferred/intact", test_deferred_intact);
  g_test_add_func ("/lt/store/deferred/stale-marker", test_deferred_stale_marker);
  g_test_add_func ("/lt/store/deferred/cancelled", test_deferred_cancelled);
  g_test_add_func ("/lt/store/deferred/marker-checks-indexes",
                   test_deferred_marker_checks_indexes);
  g_test_add_func ("/lt/store/deferred/runtime-damage-noted",
                   test_deferred_runtime_damage_noted);
  g_test_add_func ("/lt/store/instants", test_instants);
  g_test_add_func ("/lt/store/disk-full", test_disk_full);

  return g_test_run ();
}
