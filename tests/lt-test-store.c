/* lt-test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-test"

#include "config.h"

#include "lt-test-store.h"

#include "lt-store-private.h"
#include "lt-store-tickets.h"

LtStore *
lt_test_store_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  LtStore *store = lt_store_open (path, &notice, &error);

  g_assert_no_error (error);
  g_assert_no_error (notice);
  g_assert_nonnull (store);
  return store;
}

LtStore *
lt_test_store_open_profile (const char *profile)
{
  g_autofree char *path = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  LtStore *store = lt_store_open (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

gint64
lt_test_store_query_int (LtStore    *store,
                         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

void
lt_test_store_add_ticket_naming (LtStore    *store,
                                 const char *id,
                                 const char *installation,
                                 const char *version,
                                 const char *opened)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (opened, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (at);
  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, "Collector stalls");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_state (ticket, LT_TICKET_STATE_TRIAGED);
  lt_ticket_set_opened_at (ticket, at);
  lt_ticket_set_updated_at (ticket, at);
  lt_ticket_set_product_version (ticket, version);
  lt_ticket_set_installation (ticket, installation);
  g_assert_true (lt_store_upsert_ticket (store, ticket, at, &error));
  g_assert_no_error (error);
}

struct _LtTestCommitCounter
{
  LtStore *store;
  gulong   handler;
  sqlite3 *observer;
  gint64   data_version;
  guint    commits;
};

static gint64
observed_data_version (LtTestCommitCounter *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (self->observer, "PRAGMA data_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
counted_change_cb (LtStore    *store,
                   const char *table,
                   int         kind,
                   const char *key,
                   gpointer    user_data)
{
  LtTestCommitCounter *self = user_data;
  gint64 version = observed_data_version (self);

  /* The changes of one commit are emitted together, after it: only the
   * first of them finds the file moved on. */
  if (version != self->data_version)
    self->commits++;
  self->data_version = version;
}

LtTestCommitCounter *
lt_test_commit_counter_new (LtStore    *store,
                            const char *table)
{
  LtTestCommitCounter *self = g_new0 (LtTestCommitCounter, 1);
  g_autofree char *signal = g_strconcat ("changed::", table, NULL);

  self->store = g_object_ref (store);
  g_assert_cmpint (sqlite3_open_v2 (lt_store_get_path (store), &self->observer,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  self->data_version = observed_data_version (self);
  self->handler = g_signal_connect (store, signal, G_CALLBACK (counted_change_cb), self);
  return self;
}

guint
lt_test_commit_counter_get (LtTestCommitCounter *self)
{
  return self->commits;
}

void
lt_test_commit_counter_free (LtTestCommitCounter *self)
{
  g_signal_handler_disconnect (self->store, self->handler);
  g_object_unref (self->store);
  sqlite3_close (self->observer);
  g_free (self);
}
