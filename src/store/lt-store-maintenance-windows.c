/* lt-store-maintenance-windows.c: maintenance windows in the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-maintenance-windows.h"
#include "lt-store-rows.h"
#include "lt-enums.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

static const char window_sql_insert[] =
  "INSERT INTO maintenance_windows (id, kind, title, description, starts_at, "
  "ends_at, announced_at, affects, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
  "?7, ?8, ?9)";

static const char window_sql_update[] =
  "UPDATE maintenance_windows SET kind = ?2, title = ?3, description = ?4, "
  "starts_at = ?5, ends_at = ?6, announced_at = ?7, affects = ?8, fetched_at = "
  "?9 WHERE id = ?1 AND (kind IS NOT ?2 OR title IS NOT ?3 OR description IS "
  "NOT ?4 OR starts_at IS NOT ?5 OR ends_at IS NOT ?6 OR announced_at IS NOT ?7 "
  "OR affects IS NOT ?8)";

/**
 * lt_store_maintenance_window_new_from_row:
 * @stmt: a statement on a row of #LT_MAINTENANCE_WINDOW_COLUMNS
 *
 * Returns: (transfer full): the window
 */
LtMaintenanceWindow *
lt_store_maintenance_window_new_from_row (sqlite3_stmt *stmt)
{
  LtMaintenanceWindow *window = lt_maintenance_window_new ();
  g_autoptr(GDateTime) starts_at = lt_store_column_instant (stmt, 5);
  g_autoptr(GDateTime) ends_at = lt_store_column_instant (stmt, 6);
  g_autoptr(GDateTime) announced_at = lt_store_column_instant (stmt, 7);

  lt_maintenance_window_set_id (window, lt_store_column_text (stmt, 1));
  lt_maintenance_window_set_kind (window,
                                  lt_store_column_enum (stmt, 2, LT_TYPE_MAINTENANCE_KIND,
                                                        LT_MAINTENANCE_KIND_SCHEDULED));
  lt_maintenance_window_set_title (window, lt_store_column_text_or_null (stmt, 3));
  lt_maintenance_window_set_description (window, lt_store_column_text_or_null (stmt, 4));
  lt_maintenance_window_set_starts_at (window, starts_at);
  lt_maintenance_window_set_ends_at (window, ends_at);
  lt_maintenance_window_set_announced_at (window, announced_at);
  lt_maintenance_window_set_affects (window,
                                     lt_store_column_enum (stmt, 8, LT_TYPE_MAINTENANCE_AFFECTS,
                                                           LT_MAINTENANCE_AFFECTS_BOTH));
  return window;
}

static void
bind_window (sqlite3_stmt        *stmt,
             LtMaintenanceWindow *window,
             GDateTime           *now)
{
  const char *title = lt_maintenance_window_get_title (window);
  const char *description = lt_maintenance_window_get_description (window);

  lt_store_bind_text (stmt, 1, lt_maintenance_window_get_id (window));
  lt_store_bind_enum (stmt, 2, LT_TYPE_MAINTENANCE_KIND, lt_maintenance_window_get_kind (window));
  lt_store_bind_text (stmt, 3, title != NULL ? title : "");
  lt_store_bind_text (stmt, 4, description != NULL ? description : "");
  lt_store_bind_instant (stmt, 5, lt_maintenance_window_get_starts_at (window));
  lt_store_bind_instant (stmt, 6, lt_maintenance_window_get_ends_at (window));
  lt_store_bind_instant (stmt, 7, lt_maintenance_window_get_announced_at (window));
  lt_store_bind_enum (stmt, 8, LT_TYPE_MAINTENANCE_AFFECTS,
                      lt_maintenance_window_get_affects (window));
  lt_store_bind_instant (stmt, 9, now);
}

static gboolean
run_window_statement (LtStore              *self,
                      const char           *sql,
                      LtMaintenanceWindow  *window,
                      GDateTime            *now,
                      GError              **error)
{
  g_auto(LtCachedStmt) stmt = lt_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_window (stmt, window, now);
  return lt_store_step_done (self, stmt, error);
}

/**
 * lt_store_upsert_maintenance_window:
 * @self: the store
 * @window: a window as the portal sent it, with an id
 * @now: when it was fetched
 * @error: return location for an error
 *
 * Inserts or updates the window; a change is recorded only when a value
 * of the model changed (fetched_at is updated either way).
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_upsert_maintenance_window (LtStore              *self,
                                    LtMaintenanceWindow  *window,
                                    GDateTime            *now,
                                    GError              **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  const char *id;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_MAINTENANCE_WINDOW (window), FALSE);
  g_return_val_if_fail (lt_maintenance_window_get_id (window) != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  id = lt_maintenance_window_get_id (window);
  tx = lt_store_begin (self, error);
  if (tx == NULL)
    return FALSE;

  if (!run_window_statement (self, window_sql_update, window, now, error))
    return FALSE;

  if (sqlite3_changes (lt_store_get_db (self)) > 0)
    lt_store_record_change (self, "maintenance_windows", LT_STORE_CHANGE_UPDATED, id);
  else
    {
      g_auto(LtCachedStmt) touch = NULL;

      touch = lt_store_prepare (self,
                                "UPDATE maintenance_windows SET fetched_at = ?2 WHERE id = ?1",
                                error);
      if (touch == NULL)
        return FALSE;
      sqlite3_bind_text (touch, 1, id, -1, SQLITE_STATIC);
      lt_store_bind_instant (touch, 2, now);
      if (!lt_store_step_done (self, touch, error))
        return FALSE;

      if (sqlite3_changes (lt_store_get_db (self)) == 0)
        {
          if (!run_window_statement (self, window_sql_insert, window, now, error))
            return FALSE;
          lt_store_record_change (self, "maintenance_windows", LT_STORE_CHANGE_INSERTED, id);
        }
    }

  return lt_store_transaction_commit (tx, error);
}

static gboolean
delete_window (LtStore     *self,
               const char  *id,
               gboolean    *deleted,
               GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  stmt = lt_store_prepare (self, "DELETE FROM maintenance_windows WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!lt_store_step_done (self, stmt, error))
    return FALSE;

  *deleted = sqlite3_changes (lt_store_get_db (self)) > 0;
  if (*deleted)
    lt_store_record_change (self, "maintenance_windows", LT_STORE_CHANGE_DELETED, id);
  return TRUE;
}

/**
 * lt_store_replace_maintenance_windows:
 * @self: the store
 * @windows: (array length=n_windows): every window the portal lists
 * @n_windows: how many
 * @now: when they were fetched
 * @error: return location for an error
 *
 * Returns: %TRUE on success; on failure nothing was changed
 */
gboolean
lt_store_replace_maintenance_windows (LtStore                     *self,
                                      LtMaintenanceWindow * const *windows,
                                      guint                        n_windows,
                                      GDateTime                   *now,
                                      GError                     **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (windows != NULL || n_windows == 0, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  tx = lt_store_begin (self, error);
  if (tx == NULL)
    return FALSE;

  for (guint i = 0; i < n_windows; i++)
    {
      if (!lt_store_upsert_maintenance_window (self, windows[i], now, error))
        return FALSE;
      g_hash_table_add (listed, (gpointer) lt_maintenance_window_get_id (windows[i]));
    }

  return lt_store_retain_maintenance_windows (self, listed, error) &&
         lt_store_transaction_commit (tx, error);
}

/**
 * lt_store_retain_maintenance_windows:
 * @self: the store
 * @listed: (element-type utf8 utf8): the ids of every window the portal
 *   lists (a set)
 * @error: return location for an error
 *
 * Deletes the windows whose id is not in @listed: the end of a list the
 * sync stored page by page.
 *
 * Returns: %TRUE on success; on failure nothing was changed
 */
gboolean
lt_store_retain_maintenance_windows (LtStore     *self,
                                     GHashTable  *listed,
                                     GError     **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (listed != NULL, FALSE);

  tx = lt_store_begin (self, error);
  if (tx == NULL)
    return FALSE;

  {
    g_auto(LtCachedStmt) stmt = NULL;
    int rc;

    stmt = lt_store_prepare (self, "SELECT id FROM maintenance_windows", error);
    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      if (!g_hash_table_contains (listed, lt_store_column_text (stmt, 0)))
        g_ptr_array_add (gone, g_strdup (lt_store_column_text (stmt, 0)));
    if (rc != SQLITE_DONE)
      {
        lt_store_set_error (self, error, _("Could not read the maintenance windows"));
        return FALSE;
      }
  }

  for (guint i = 0; i < gone->len; i++)
    {
      gboolean deleted;

      if (!delete_window (self, g_ptr_array_index (gone, i), &deleted, error))
        return FALSE;
    }

  return lt_store_transaction_commit (tx, error);
}

/**
 * lt_store_delete_maintenance_window:
 * @self: the store
 * @id: the window's id
 * @error: return location for an error
 *
 * Returns: %TRUE when it was deleted; LT_ERROR_NOT_FOUND without one
 */
gboolean
lt_store_delete_maintenance_window (LtStore     *self,
                                    const char  *id,
                                    GError     **error)
{
  gboolean deleted;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!delete_window (self, id, &deleted, error))
    return FALSE;
  if (!deleted)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("“%s” is not in the local database"), id);
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_lookup_maintenance_window:
 * @self: the store
 * @id: the window's id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the window; %NULL with
 *   LT_ERROR_NOT_FOUND when there is none
 */
LtMaintenanceWindow *
lt_store_lookup_maintenance_window (LtStore     *self,
                                    const char  *id,
                                    GError     **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return lt_store_load_one (self,
                            "SELECT " LT_MAINTENANCE_WINDOW_COLUMNS " FROM maintenance_windows "
                            "WHERE id = ?",
                            id, (LtStoreNewFromRow) lt_store_maintenance_window_new_from_row,
                            error);
}

/**
 * lt_store_load_maintenance_windows:
 * @self: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type LtMaintenanceWindow): every
 *   window, earliest start first, those without a start last
 */
GPtrArray *
lt_store_load_maintenance_windows (LtStore  *self,
                                   GError  **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);

  return lt_store_load_all (self,
                            "SELECT " LT_MAINTENANCE_WINDOW_COLUMNS " FROM maintenance_windows "
                            "ORDER BY starts_at IS NULL, starts_at, id",
                            (LtStoreNewFromRow) lt_store_maintenance_window_new_from_row, error);
}
