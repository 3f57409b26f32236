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
