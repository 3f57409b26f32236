/* lt-store-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-sync.h"
#include "lt-store-private.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

/**
 * lt_sync_state_clear:
 * @state: a sync state
 *
 * Frees what @state holds and zeroes it.
 */
void
lt_sync_state_clear (LtSyncState *state)
{
  g_clear_pointer (&state->cursor, g_free);
  g_clear_pointer (&state->updated_since, g_date_time_unref);
  g_clear_pointer (&state->last_attempt_at, g_date_time_unref);
  g_clear_pointer (&state->last_success_at, g_date_time_unref);
  g_clear_pointer (&state->last_error, g_free);
}

/**
 * lt_store_load_sync_state:
 * @self: the store
 * @resource: the resource name ("tickets")
 * @state: (out caller-allocates): zeroed; filled from the row
 * @error: return location for an error
 *
 * Returns: %TRUE on success, also when there is no row (all %NULL)
 */
gboolean
lt_store_load_sync_state (LtStore      *self,
                          const char   *resource,
                          LtSyncState  *state,
                          GError      **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  stmt = lt_store_prepare (self,
                           "SELECT cursor, updated_since, last_attempt_at, last_success_at,"
                           " last_error FROM sync_state WHERE resource = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, resource, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      state->cursor = g_strdup (lt_store_column_text (stmt, 0));
      state->updated_since = lt_store_column_instant (stmt, 1);
      state->last_attempt_at = lt_store_column_instant (stmt, 2);
      state->last_success_at = lt_store_column_instant (stmt, 3);
      state->last_error = g_strdup (lt_store_column_text (stmt, 4));
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the sync state"));
      return FALSE;
    }
  return TRUE;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/**
 * lt_store_save_sync_state:
 * @self: the store
 * @resource: the resource name
 * @state: every column of the row
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_save_sync_state (LtStore            *self,
                          const char         *resource,
                          const LtSyncState  *state,
                          GError            **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (resource != NULL && *resource != '\0', FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  stmt = lt_store_prepare (self,
                           "INSERT INTO sync_state (resource, cursor, updated_since,"
                           " last_attempt_at, last_success_at, last_error)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                           " ON CONFLICT (resource) DO UPDATE SET cursor = ?2,"
                           " updated_since = ?3, last_attempt_at = ?4, last_success_at = ?5,"
                           " last_error = ?6",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, resource, -1, SQLITE_TRANSIENT);
  bind_text_or_null (stmt, 2, state->cursor);
  lt_store_bind_instant (stmt, 3, state->updated_since);
  lt_store_bind_instant (stmt, 4, state->last_attempt_at);
  lt_store_bind_instant (stmt, 5, state->last_success_at);
  bind_text_or_null (stmt, 6, state->last_error);
  return lt_store_step_done (self, stmt, error);
}

/**
 * lt_store_delete_sync_state:
 * @self: the store
 * @resource: the resource name
 * @error: return location for an error
 *
 * Deleting a row that does not exist succeeds.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_delete_sync_state (LtStore     *self,
                            const char  *resource,
                            GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (resource != NULL, FALSE);

  stmt = lt_store_prepare (self, "DELETE FROM sync_state WHERE resource = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, resource, -1, SQLITE_TRANSIENT);
  return lt_store_step_done (self, stmt, error);
}

/**
 * lt_store_list_sync_resources:
 * @self: the store
 * @prefix: the start of the names wanted ("" for all)
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the names, in order
 */
GStrv
lt_store_list_sync_resources (LtStore     *self,
                              const char  *prefix,
                              GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  gsize prefix_len;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  /* substr () rather than LIKE: a resource name may hold '%' or '_'. */
  prefix_len = strlen (prefix);
  stmt = lt_store_prepare (self,
                           "SELECT resource FROM sync_state"
                           " WHERE substr (resource, 1, ?2) = ?1 ORDER BY resource",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) prefix_len);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, lt_store_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the sync state"));
      return NULL;
    }
  return g_strv_builder_end (names);
}

/**
 * lt_store_forget_settled_events:
 * @self: the store
 * @n_deleted: (out) (optional): how many events were deleted
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_forget_settled_events (LtStore  *self,
                                guint    *n_deleted,
                                GError  **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  guint count = 0;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);

  stmt = lt_store_prepare (self,
                           "DELETE FROM ticket_events WHERE outbox_key IS NOT NULL"
                           " AND NOT EXISTS (SELECT 1 FROM outbox"
                           "                 WHERE outbox.key = ticket_events.outbox_key"
                           "                 AND outbox.state <> 'sent')"
                           " RETURNING pk",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      lt_store_record_change_pk (self, "ticket_events", LT_STORE_CHANGE_DELETED,
                                 sqlite3_column_int64 (stmt, 0));
      count++;
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not update the history of a ticket"));
      return FALSE;
    }
  if (n_deleted != NULL)
    *n_deleted = count;
  return TRUE;
}

/**
 * lt_store_load_portal_binding:
 * @self: the store
 * @origin: (out) (optional) (nullable): the portal's origin
 * @account: (out) (optional) (nullable): the account name it gave
 * @bound_at: (out) (optional) (nullable): when it was recorded
 * @error: return location for an error
 *
 * Returns: %TRUE on success, also for a profile never synced (all %NULL)
 */
gboolean
lt_store_load_portal_binding (LtStore     *self,
                              char       **origin,
                              char       **account,
                              GDateTime  **bound_at,
                              GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);

  if (origin != NULL)
    *origin = NULL;
  if (account != NULL)
    *account = NULL;
  if (bound_at != NULL)
    *bound_at = NULL;

  stmt = lt_store_prepare (self, "SELECT origin, account, bound_at FROM portal_binding WHERE id = 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (origin != NULL)
        *origin = g_strdup (lt_store_column_text (stmt, 0));
      if (account != NULL)
        *account = g_strdup (lt_store_column_text (stmt, 1));
      if (bound_at != NULL)
        *bound_at = lt_store_column_instant (stmt, 2);
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read which portal this profile belongs to"));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_bind_portal:
 * @self: the store
 * @origin: the portal's origin ("https://support.example.com:443")
 * @now: when
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_bind_portal (LtStore     *self,
                      const char  *origin,
                      GDateTime   *now,
                      GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (origin != NULL && *origin != '\0', FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  stmt = lt_store_prepare (self,
                           "INSERT INTO portal_binding (id, origin, account, bound_at)"
                           " VALUES (1, ?1, NULL, ?2)"
                           " ON CONFLICT (id) DO UPDATE SET origin = ?1, account = NULL, bound_at = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, origin, -1, SQLITE_TRANSIENT);
  lt_store_bind_instant (stmt, 2, now);
  return lt_store_step_done (self, stmt, error);
}

/**
 * lt_store_set_portal_account:
 * @self: the store
 * @account: the account name GET /account gave
 * @error: return location for an error
 *
 * Records @account on the binding when it has none yet.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_set_portal_account (LtStore     *self,
                             const char  *account,
                             GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  stmt = lt_store_prepare (self,
                           "UPDATE portal_binding SET account = ?1 WHERE id = 1 AND account IS NULL",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_TRANSIENT);
  return lt_store_step_done (self, stmt, error);
}

static gint64
query_int (LtStore     *self,
           const char  *sql,
           GError     **error)
{
  g_auto(LtCachedStmt) stmt = lt_store_prepare (self, sql, error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lt_store_set_error (self, error, _("Could not read the local database"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* Copies every row of every table into the attached database "kept" (a
 * new store of the same schema) in one transaction of its own, so the
 * copy is durable before anything here is deleted. Returns main's
 * data_version at the copy: the switch then checks that no other process
 * committed in between. */
static gboolean
copy_into_kept (LtStore     *self,
                gint64      *version,
                GError     **error)
{
  g_autoptr(LtStoreTransaction) tx = lt_store_begin (self, error);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (tx == NULL || !lt_store_exec (self, "PRAGMA defer_foreign_keys = ON", error))
    return FALSE;
  {
    g_auto(LtCachedStmt) stmt = lt_store_prepare (self,
                                                  "SELECT name FROM main.sqlite_schema"
                                                  " WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                                                  error);
    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (tables, g_strdup (lt_store_column_text (stmt, 0)));
    if (rc != SQLITE_DONE)
      {
        lt_store_set_error (self, error, _("Could not read the local database"));
        return FALSE;
      }
  }
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *sql = g_strdup_printf ("INSERT INTO kept.\"%s\" SELECT * FROM main.\"%s\"",
                                              table, table);

      if (!lt_store_exec (self, sql, error))
        return FALSE;
    }
  *version = query_int (self, "PRAGMA main.data_version", error);
  return *version >= 0 && lt_store_transaction_commit (tx, error);
}

static void
remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
}

/* Deletes the rows @sql returns (… RETURNING key) and records each. */
static gboolean
delete_recorded (LtStore     *self,
                 const char  *sql,
                 const char  *table,
                 gboolean     by_pk,
                 GError     **error)
{
  g_auto(LtCachedStmt) stmt = lt_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (by_pk)
        lt_store_record_change_pk (self, table, LT_STORE_CHANGE_DELETED, sqlite3_column_int64 (stmt, 0));
      else
        lt_store_record_change (self, table, LT_STORE_CHANGE_DELETED, lt_store_column_text (stmt, 0));
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not switch the profile to another portal"));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_switch_portal:
 * @self: the store
 * @origin: the new portal's origin
 * @archive_path: where the data of the old portal is kept (a new file)
 * @now: when
 * @error: return location for an error
 *
 * Returns: %TRUE on success; on failure nothing changed here and no
 *   archive is left
 */
gboolean
lt_store_switch_portal (LtStore     *self,
                        const char  *origin,
                        const char  *archive_path,
                        GDateTime   *now,
                        GError     **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 version = -1;
  gboolean ok;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (origin != NULL && *origin != '\0', FALSE);
  g_return_val_if_fail (archive_path != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (g_file_test (archive_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE, _("Could not keep the data aside: “%s” exists"),
                   archive_path);
      return FALSE;
    }
  /* The kept profile is a store of its own, made with this schema. */
  {
    g_autoptr(LtStore) kept = lt_store_open (archive_path, NULL, error);

    if (kept == NULL)
      {
        remove_database (archive_path);
        return FALSE;
      }
  }
  {
    g_auto(LtCachedStmt) stmt = lt_store_prepare (self, "ATTACH DATABASE ?1 AS kept", error);

    if (stmt == NULL)
      {
        remove_database (archive_path);
        return FALSE;
      }
    sqlite3_bind_text (stmt, 1, archive_path, -1, SQLITE_TRANSIENT);
    if (!lt_store_step_done (self, stmt, error))
      {
        remove_database (archive_path);
        return FALSE;
      }
  }

  ok = copy_into_kept (self, &version, &local_error);
  if (ok)
    {
      tx = lt_store_begin (self, &local_error);
      ok = tx != NULL;
    }
  /* Another process committed between the copy and now (an action
   * queued, a sync): the copy may miss it, so nothing is deleted. */
  if (ok && query_int (self, "PRAGMA main.data_version", &local_error) != version)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, LT_ERROR, LT_ERROR_STORE,
                             _("The profile changed while it was being switched; try again"));
      ok = FALSE;
    }
  /* Children go with their rows (ON DELETE CASCADE): events, contacts,
   * invoices. Drafts were never the portal's and stay; the alert
   * records name the old portal's tickets and notices and go. */
  ok = ok &&
       delete_recorded (self, "DELETE FROM main.tickets WHERE state <> 'draft' RETURNING pk",
                        "tickets", TRUE, &local_error) &&
       delete_recorded (self, "DELETE FROM main.change_notices WHERE state <> 'draft' RETURNING pk",
                        "change_notices", TRUE, &local_error) &&
       delete_recorded (self, "DELETE FROM main.maintenance_windows RETURNING id",
                        "maintenance_windows", FALSE, &local_error) &&
       delete_recorded (self, "DELETE FROM main.account RETURNING CAST (id AS TEXT)",
                        "account", FALSE, &local_error) &&
       delete_recorded (self, "DELETE FROM main.documents RETURNING name",
                        "documents", FALSE, &local_error) &&
       lt_store_exec (self, "DELETE FROM main.outbox", &local_error) &&
       lt_store_exec (self, "DELETE FROM main.sync_state", &local_error) &&
       lt_store_exec (self, "DELETE FROM main.alerts", &local_error) &&
       lt_store_bind_portal (self, origin, now, &local_error) &&
       lt_store_transaction_commit (tx, &local_error);
  g_clear_pointer (&tx, lt_store_transaction_free);

  /* Only a statement still open could keep it attached; nothing is. */
  lt_store_exec (self, "DETACH DATABASE kept", NULL);
  if (!ok)
    {
      remove_database (archive_path);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
