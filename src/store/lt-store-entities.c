/* lt-store-entities.c: change notices, maintenance windows, the account and
 * the cached documents in the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-entities.h"
#include "lt-store-rows.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define N_NOTICE_COLUMNS 17

static const char notice_sql_insert[] =
  "INSERT INTO change_notices (local_id, id, kind, title, description, systems, "
  "planned_start, planned_end, rollback_plan, risk, state, review_outcome, "
  "late, portal_updated_at, review_text, replaces, replaced_by, noticed_at, "
  "updated_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
  "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18, ?18)";

static const char notice_sql_update[] =
  "UPDATE change_notices SET local_id = coalesce (?1, local_id), id = ?2, kind "
  "= ?3, title = ?4, description = ?5, systems = ?6, planned_start = ?7, "
  "planned_end = ?8, rollback_plan = ?9, risk = ?10, state = ?11, "
  "review_outcome = ?12, late = ?13, portal_updated_at = ?14, "
  "review_text = ?15, replaces = ?16, replaced_by = ?17, "
  "noticed_at = coalesce (noticed_at, ?18), "
  "updated_at = ?18 WHERE pk = ?19 AND (local_id IS NOT coalesce (?1, local_id) "
  "OR id IS NOT ?2 OR kind IS NOT ?3 OR title IS NOT ?4 OR description IS NOT "
  "?5 OR systems IS NOT ?6 OR planned_start IS NOT ?7 OR planned_end IS NOT ?8 "
  "OR rollback_plan IS NOT ?9 OR risk IS NOT ?10 OR state IS NOT ?11 OR "
  "review_outcome IS NOT ?12 OR late IS NOT ?13 OR portal_updated_at IS NOT ?14 "
  "OR review_text IS NOT ?15 OR replaces IS NOT ?16 OR replaced_by IS NOT ?17)";

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

/* Change notices --------------------------------------------------------- */

static void
bind_change_notice (sqlite3_stmt *stmt,
                    gpointer      object)
{
  LtChangeNotice *notice = object;
  const char *title = lt_change_notice_get_title (notice);
  const char *description = lt_change_notice_get_description (notice);
  const char *rollback_plan = lt_change_notice_get_rollback_plan (notice);

  lt_store_bind_text (stmt, 1, lt_change_notice_get_local_id (notice));
  lt_store_bind_text (stmt, 2, lt_change_notice_get_id (notice));
  lt_store_bind_enum (stmt, 3, LT_TYPE_CHANGE_KIND, lt_change_notice_get_kind (notice));
  /* Text columns are NOT NULL; the model's "not written yet" is NULL. */
  lt_store_bind_text (stmt, 4, title != NULL ? title : "");
  lt_store_bind_text (stmt, 5, description != NULL ? description : "");
  lt_store_bind_strv (stmt, 6, lt_change_notice_get_systems (notice));
  lt_store_bind_instant (stmt, 7, lt_change_notice_get_planned_start (notice));
  lt_store_bind_instant (stmt, 8, lt_change_notice_get_planned_end (notice));
  lt_store_bind_text (stmt, 9, rollback_plan != NULL ? rollback_plan : "");
  lt_store_bind_enum (stmt, 10, LT_TYPE_RISK, lt_change_notice_get_risk (notice));
  lt_store_bind_enum (stmt, 11, LT_TYPE_CHANGE_STATE, lt_change_notice_get_state (notice));
  lt_store_bind_enum (stmt, 12, LT_TYPE_REVIEW_OUTCOME,
                      lt_change_notice_get_review_outcome (notice));
  sqlite3_bind_int (stmt, 13, lt_change_notice_get_late (notice) ? 1 : 0);
  lt_store_bind_instant (stmt, 14, lt_change_notice_get_updated_at (notice));
  lt_store_bind_text (stmt, 15, lt_change_notice_get_review_text (notice));
  lt_store_bind_text (stmt, 16, lt_change_notice_get_replaces (notice));
  lt_store_bind_text (stmt, 17, lt_change_notice_get_replaced_by (notice));
}

static const LtStoreEntityDesc notice_desc = {
  .table = "change_notices",
  .n_columns = N_NOTICE_COLUMNS,
  .sql_pk_by_id = "SELECT pk FROM change_notices WHERE id = ?",
  .sql_pk_by_local_id = "SELECT pk FROM change_notices WHERE local_id = ?",
  .sql_insert = notice_sql_insert,
  .sql_update = notice_sql_update,
  .sql_delete = "DELETE FROM change_notices WHERE pk = ?",
  .sql_adopt_children = NULL,
  /* The notice was given when it was filed here, not when the portal's
   * copy arrived. */
  .sql_adopt_columns =
    "UPDATE change_notices SET "
    "noticed_at = coalesce ((SELECT noticed_at FROM change_notices WHERE pk = ?2), "
    "                       noticed_at), "
    "created_at = min (created_at, (SELECT created_at FROM change_notices WHERE pk = ?2)) "
    "WHERE pk = ?1",
  .bind = bind_change_notice,
};

/**
 * lt_store_change_notice_new_from_row:
 * @stmt: a statement on a row of #LT_CHANGE_NOTICE_COLUMNS
 *
 * Returns: (transfer full): the notice
 */
LtChangeNotice *
lt_store_change_notice_new_from_row (sqlite3_stmt *stmt)
{
  LtChangeNotice *notice = lt_change_notice_new ();
  g_auto(GStrv) systems = lt_store_column_strv (stmt, 6);
  g_autoptr(GDateTime) planned_start = lt_store_column_instant (stmt, 7);
  g_autoptr(GDateTime) planned_end = lt_store_column_instant (stmt, 8);

  lt_change_notice_set_local_id (notice, lt_store_column_text (stmt, 1));
  lt_change_notice_set_id (notice, lt_store_column_text (stmt, 2));
  lt_change_notice_set_kind (notice, lt_store_column_enum (stmt, 3, LT_TYPE_CHANGE_KIND,
                                                           LT_CHANGE_KIND_INFRASTRUCTURE));
  lt_change_notice_set_title (notice, lt_store_column_text_or_null (stmt, 4));
  lt_change_notice_set_description (notice, lt_store_column_text_or_null (stmt, 5));
  lt_change_notice_set_systems (notice, (const char * const *) systems);
  lt_change_notice_set_planned_start (notice, planned_start);
  lt_change_notice_set_planned_end (notice, planned_end);
  lt_change_notice_set_rollback_plan (notice, lt_store_column_text_or_null (stmt, 9));
  lt_change_notice_set_risk (notice, lt_store_column_enum (stmt, 10, LT_TYPE_RISK, LT_RISK_LOW));
  lt_change_notice_set_state (notice, lt_store_column_enum (stmt, 11, LT_TYPE_CHANGE_STATE,
                                                            LT_CHANGE_STATE_QUEUED));
  lt_change_notice_set_review_outcome (notice,
                                       lt_store_column_enum (stmt, 12, LT_TYPE_REVIEW_OUTCOME,
                                                             LT_REVIEW_OUTCOME_NONE));
  lt_change_notice_set_late (notice, sqlite3_column_int (stmt, 13) != 0);
  {
    g_autoptr(GDateTime) updated_at = lt_store_column_instant (stmt, 14);

    lt_change_notice_set_updated_at (notice, updated_at);
  }
  lt_change_notice_set_review_text (notice, lt_store_column_text (stmt, 15));
  lt_change_notice_set_replaces (notice, lt_store_column_text (stmt, 16));
  lt_change_notice_set_replaced_by (notice, lt_store_column_text (stmt, 17));
  return notice;
}

/* Whether the row with @local_id is a draft (FALSE without a row). */
static gboolean
is_draft (LtStore     *self,
          const char  *local_id,
          gboolean    *draft,
          GError     **error)
{
  g_auto(LtCachedStmt) stmt = lt_store_prepare (self,
                                                "SELECT state = 'draft' FROM change_notices "
                                                "WHERE local_id = ?",
                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, local_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read a change notice"));
      return FALSE;
    }
  *draft = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/**
 * lt_store_save_local_change_notice:
 * @self: the store
 * @notice: a notice filed here, with a local id
 * @now: the time of the write; also the notice date of a new row
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_save_local_change_notice (LtStore         *self,
                                   LtChangeNotice  *notice,
                                   GDateTime       *now,
                                   GError         **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (notice), FALSE);
  g_return_val_if_fail (lt_change_notice_get_local_id (notice) != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!lt_store_upsert_keyed (self, &notice_desc, notice, NULL,
                              lt_change_notice_get_local_id (notice), TRUE, now, NULL, error))
    {
      g_prefix_error (error, _("Saving change notice “%s”: "),
                      lt_change_notice_get_local_id (notice));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_upsert_change_notice:
 * @self: the store
 * @notice: a notice as the portal sent it, with an id
 * @now: the time of the write
 * @error: return location for an error
 *
 * Like lt_store_upsert_ticket(): by id, else by local id; local-only
 * columns (local_id, noticed_at, created_at) are kept.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_upsert_change_notice (LtStore         *self,
                               LtChangeNotice  *notice,
                               GDateTime       *now,
                               GError         **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (notice), FALSE);
  g_return_val_if_fail (lt_change_notice_get_id (notice) != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  /* A draft never left this machine, so the portal cannot know its local
   * id: a copy that names one is refused rather than taking the draft
   * over (docs/store.md, "Drafts of change notices"). */
  if (lt_change_notice_get_local_id (notice) != NULL)
    {
      gboolean draft = FALSE;

      if (!is_draft (self, lt_change_notice_get_local_id (notice), &draft, error))
        return FALSE;
      if (draft)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("Saving change notice “%s”: the portal named the local id “%s” of a "
                         "draft that was never sent"),
                       lt_change_notice_get_id (notice), lt_change_notice_get_local_id (notice));
          return FALSE;
        }
    }
  if (!lt_store_upsert_keyed (self, &notice_desc, notice, lt_change_notice_get_id (notice),
                              lt_change_notice_get_local_id (notice), FALSE, now, NULL, error))
    {
      g_prefix_error (error, _("Saving change notice “%s”: "), lt_change_notice_get_id (notice));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_save_change_notice_draft:
 * @self: the store
 * @notice: a draft (state draft, no id); it gets a local id if it has none
 * @now: the time of the write
 * @error: return location for an error
 *
 * Saves a new draft, or updates the draft with the same local id. A draft
 * has no notice date (noticed_at): the R8 lead time counts from the
 * moment it is sent. LT_ERROR_NOT_ALLOWED when the row with that local id
 * is no longer a draft (it was sent).
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_save_change_notice_draft (LtStore         *self,
                                   LtChangeNotice  *notice,
                                   GDateTime       *now,
                                   GError         **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_auto(LtCachedStmt) stmt = NULL;
  gint64 pk = 0;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (notice), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (lt_change_notice_get_state (notice) != LT_CHANGE_STATE_DRAFT ||
      lt_change_notice_get_id (notice) != NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                           _("Only a change notice that was not sent can be saved as a draft"));
      return FALSE;
    }
  if (lt_change_notice_get_local_id (notice) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      lt_change_notice_set_local_id (notice, uuid);
    }

  tx = lt_store_begin (self, error);
  if (tx == NULL ||
      !lt_store_find_keyed (self, &notice_desc, NULL, lt_change_notice_get_local_id (notice),
                            &pk, error))
    return FALSE;
  if (pk != 0)
    {
      gboolean draft = FALSE;

      if (!is_draft (self, lt_change_notice_get_local_id (notice), &draft, error))
        return FALSE;
      if (!draft)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                       _("The change notice “%s” was sent already and is no longer a draft"),
                       lt_change_notice_get_local_id (notice));
          return FALSE;
        }
    }
  if (!lt_store_save_local_change_notice (self, notice, now, error))
    return FALSE;

  stmt = lt_store_prepare (self, "UPDATE change_notices SET noticed_at = NULL "
                                 "WHERE local_id = ? AND state = 'draft'", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lt_change_notice_get_local_id (notice), -1, SQLITE_STATIC);
  return lt_store_step_done (self, stmt, error) &&
         lt_store_transaction_commit (tx, error);
}

/**
 * lt_store_delete_change_notice_draft:
 * @self: the store
 * @local_id: the draft's local id
 * @error: return location for an error
 *
 * Returns: %TRUE when the draft was deleted; LT_ERROR_NOT_FOUND without
 *   a row, LT_ERROR_NOT_ALLOWED when the notice is not a draft (withdraw
 *   a sent notice instead)
 */
gboolean
lt_store_delete_change_notice_draft (LtStore     *self,
                                     const char  *local_id,
                                     GError     **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtChangeNotice) stored = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (local_id != NULL, FALSE);

  tx = lt_store_begin (self, error);
  if (tx == NULL ||
      (stored = lt_store_lookup_change_notice_by_local_id (self, local_id, error)) == NULL)
    return FALSE;
  if (lt_change_notice_get_state (stored) != LT_CHANGE_STATE_DRAFT)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("The change notice “%s” is not a draft; withdraw it instead"), local_id);
      return FALSE;
    }
  return lt_store_delete_change_notice (self, stored, error) &&
         lt_store_transaction_commit (tx, error);
}

/**
 * lt_store_delete_change_notice:
 * @self: the store
 * @notice: the notice, found by id or else local id
 * @error: return location for an error
 *
 * Returns: %TRUE when the row was deleted; LT_ERROR_NOT_FOUND without one
 */
gboolean
lt_store_delete_change_notice (LtStore         *self,
                               LtChangeNotice  *notice,
                               GError         **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (notice), FALSE);

  return lt_store_delete_keyed (self, &notice_desc, lt_change_notice_get_id (notice),
                                lt_change_notice_get_local_id (notice), error);
}

/**
 * lt_store_lookup_change_notice:
 * @self: the store
 * @id: the portal's id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the notice; %NULL with
 *   LT_ERROR_NOT_FOUND when there is none
 */
LtChangeNotice *
lt_store_lookup_change_notice (LtStore     *self,
                               const char  *id,
                               GError     **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return lt_store_load_one (self,
                            "SELECT " LT_CHANGE_NOTICE_COLUMNS " FROM change_notices WHERE id = ?",
                            id, (LtStoreNewFromRow) lt_store_change_notice_new_from_row, error);
}

/**
 * lt_store_lookup_change_notice_by_local_id:
 * @self: the store
 * @local_id: the local id of a notice filed here
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the notice
 */
LtChangeNotice *
lt_store_lookup_change_notice_by_local_id (LtStore     *self,
                                           const char  *local_id,
                                           GError     **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (local_id != NULL, NULL);

  return lt_store_load_one (self,
                            "SELECT " LT_CHANGE_NOTICE_COLUMNS " FROM change_notices "
                            "WHERE local_id = ?",
                            local_id, (LtStoreNewFromRow) lt_store_change_notice_new_from_row,
                            error);
}

/**
 * lt_store_load_change_notices:
 * @self: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type LtChangeNotice): every notice,
 *   those without a planned start first, then the newest planned start
 *   first
 */
GPtrArray *
lt_store_load_change_notices (LtStore  *self,
                              GError  **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);

  return lt_store_load_all (self,
                            "SELECT " LT_CHANGE_NOTICE_COLUMNS " FROM change_notices "
                            "ORDER BY planned_start IS NOT NULL, planned_start DESC, pk DESC",
                            (LtStoreNewFromRow) lt_store_change_notice_new_from_row, error);
}

/**
 * lt_store_dup_change_notice_noticed_at:
 * @self: the store
 * @notice: a notice that has a row
 * @error: return location for an error
 *
 * When the notice was given: the first time its row was written here (for
 * a notice filed here, when it was filed). The R8 lead time counts from
 * it (lt_change_notice_check_lead_time()).
 *
 * Returns: (transfer full) (nullable): the instant; %NULL with @error set
 *   when the notice has no row
 */
GDateTime *
lt_store_dup_change_notice_noticed_at (LtStore         *self,
                                       LtChangeNotice  *notice,
                                       GError         **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  gint64 pk;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (notice), NULL);

  if (!lt_store_find_keyed (self, &notice_desc, lt_change_notice_get_id (notice),
                            lt_change_notice_get_local_id (notice), &pk, error))
    return NULL;
  if (pk == 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("The change notice is not in the local database"));
      return NULL;
    }

  stmt = lt_store_prepare (self, "SELECT noticed_at FROM change_notices WHERE pk = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, pk);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lt_store_set_error (self, error, _("Could not read a change notice"));
      return NULL;
    }
  return lt_store_column_instant (stmt, 0);
}

/* Maintenance windows ---------------------------------------------------- */

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

/* The account ------------------------------------------------------------ */

static gboolean
accounts_equal (LtAccount *a,
                LtAccount *b)
{
  GPtrArray *ia = lt_account_get_invoices (a);
  GPtrArray *ib = lt_account_get_invoices (b);

  if (g_strcmp0 (lt_account_get_customer_name (a), lt_account_get_customer_name (b)) != 0 ||
      lt_account_get_tier (a) != lt_account_get_tier (b) ||
      g_strcmp0 (lt_account_get_csm_email (a), lt_account_get_csm_email (b)) != 0 ||
      !lt_contact_equal (lt_account_get_primary_contact (a), lt_account_get_primary_contact (b)) ||
      ia->len != ib->len)
    return FALSE;

  for (guint i = 0; i < ia->len; i++)
    if (!lt_invoice_equal (g_ptr_array_index (ia, i), g_ptr_array_index (ib, i)))
      return FALSE;
  return TRUE;
}

static gboolean
exec_bound (LtStore     *self,
            const char  *sql,
            GError     **error)
{
  g_auto(LtCachedStmt) stmt = lt_store_prepare (self, sql, error);

  return stmt != NULL && lt_store_step_done (self, stmt, error);
}

static gboolean
write_invoice (LtStore          *self,
               const LtInvoice  *invoice,
               GError          **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  g_autofree char *issued = NULL;

  if (invoice->id == NULL || !g_date_valid (&invoice->issued) || invoice->amount == NULL ||
      invoice->currency == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("Invoice “%s” lacks an id, a date, an amount or a currency"),
                   invoice->id != NULL ? invoice->id : "");
      return FALSE;
    }

  stmt = lt_store_prepare (self,
                           "INSERT INTO invoices (id, account_id, issued, amount, currency, paid) "
                           "VALUES (?, 1, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  issued = lt_date_format (&invoice->issued);
  sqlite3_bind_text (stmt, 1, invoice->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, issued, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, invoice->amount, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, invoice->currency, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, invoice->paid ? 1 : 0);
  return lt_store_step_done (self, stmt, error);
}

static gboolean
write_account (LtStore    *self,
               LtAccount  *account,
               GDateTime  *now,
               GError    **error)
{
  const LtContact *contact = lt_account_get_primary_contact (account);
  GPtrArray *invoices = lt_account_get_invoices (account);

  {
    g_auto(LtCachedStmt) stmt = NULL;

    stmt = lt_store_prepare (self,
                             "INSERT INTO account (id, customer_name, tier, csm_email, fetched_at) "
                             "VALUES (1, ?1, ?2, ?3, ?4) "
                             "ON CONFLICT (id) DO UPDATE SET customer_name = ?1, tier = ?2, "
                             "  csm_email = ?3, fetched_at = ?4",
                             error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, lt_account_get_customer_name (account), -1, SQLITE_STATIC);
    lt_store_bind_enum (stmt, 2, LT_TYPE_TIER, lt_account_get_tier (account));
    lt_store_bind_text (stmt, 3, lt_account_get_csm_email (account));
    lt_store_bind_instant (stmt, 4, now);
    if (!lt_store_step_done (self, stmt, error))
      return FALSE;
  }

  if (!exec_bound (self, "DELETE FROM contacts WHERE account_id = 1 "
                         "AND role = 'primary-technical'", error))
    return FALSE;

  /* A contact without a name is not one the vendor can call: the column
   * requires a name, and R10 asks for one before filing anyway. */
  if (contact != NULL && contact->name != NULL && contact->name[0] != '\0')
    {
      g_auto(LtCachedStmt) stmt = NULL;

      stmt = lt_store_prepare (self,
                               "INSERT INTO contacts (account_id, role, name, email, phone) "
                               "VALUES (1, 'primary-technical', ?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, contact->name, -1, SQLITE_STATIC);
      lt_store_bind_text (stmt, 2, contact->email);
      lt_store_bind_text (stmt, 3, contact->phone);
      if (!lt_store_step_done (self, stmt, error))
        return FALSE;
    }

  if (!exec_bound (self, "DELETE FROM invoices WHERE account_id = 1", error))
    return FALSE;
  for (guint i = 0; i < invoices->len; i++)
    if (!write_invoice (self, g_ptr_array_index (invoices, i), error))
      return FALSE;

  return TRUE;
}

/**
 * lt_store_save_account:
 * @self: the store
 * @account: the account as GET /account returned it
 * @now: when it was fetched
 * @error: return location for an error
 *
 * Replaces the stored account, its primary technical contact and its
 * invoices in one transaction. When nothing changed only fetched_at is
 * written and no change is recorded.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_save_account (LtStore    *self,
                       LtAccount  *account,
                       GDateTime  *now,
                       GError    **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtAccount) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (lt_account_get_customer_name (account) == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("The account has no customer name"));
      return FALSE;
    }

  tx = lt_store_begin (self, error);
  if (tx == NULL)
    return FALSE;

  stored = lt_store_load_account (self, &local_error);
  if (stored == NULL && !g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (stored != NULL && accounts_equal (stored, account))
    {
      g_auto(LtCachedStmt) stmt = NULL;

      stmt = lt_store_prepare (self, "UPDATE account SET fetched_at = ? WHERE id = 1", error);
      if (stmt == NULL)
        return FALSE;
      lt_store_bind_instant (stmt, 1, now);
      if (!lt_store_step_done (self, stmt, error))
        return FALSE;
    }
  else
    {
      if (!write_account (self, account, now, error))
        {
          g_prefix_error (error, _("Saving the account: "));
          return FALSE;
        }
      lt_store_record_change (self, "account",
                              stored == NULL ? LT_STORE_CHANGE_INSERTED : LT_STORE_CHANGE_UPDATED,
                              "1");
    }

  return lt_store_transaction_commit (tx, error);
}

static gboolean
load_invoices (LtStore    *self,
               GPtrArray  *invoices,
               GError    **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (self,
                           "SELECT id, issued, amount, currency, paid FROM invoices "
                           "WHERE account_id = 1 ORDER BY issued, id",
                           error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate issued;

      if (!lt_date_parse (lt_store_column_text (stmt, 1), &issued, error))
        return FALSE;
      g_ptr_array_add (invoices,
                       lt_invoice_new (lt_store_column_text (stmt, 0), &issued,
                                       lt_store_column_text (stmt, 2),
                                       lt_store_column_text (stmt, 3),
                                       sqlite3_column_int (stmt, 4) != 0));
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the invoices"));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_load_account:
 * @self: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the account with its primary
 *   technical contact and its invoices (oldest first); %NULL with
 *   LT_ERROR_NOT_FOUND before the first lt_store_save_account()
 */
LtAccount *
lt_store_load_account (LtStore  *self,
                       GError  **error)
{
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);

  g_return_val_if_fail (LT_IS_STORE (self), NULL);

  {
    g_auto(LtCachedStmt) stmt = NULL;
    int rc;

    stmt = lt_store_prepare (self,
                             "SELECT customer_name, tier, csm_email FROM account WHERE id = 1",
                             error);
    if (stmt == NULL)
      return NULL;
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                     _("The account has not been fetched from the portal yet"));
        return NULL;
      }
    if (rc != SQLITE_ROW)
      {
        lt_store_set_error (self, error, _("Could not read the account"));
        return NULL;
      }

    account = lt_account_new ();
    lt_account_set_customer_name (account, lt_store_column_text (stmt, 0));
    lt_account_set_tier (account, lt_store_column_enum (stmt, 1, LT_TYPE_TIER, LT_TIER_ESSENTIAL));
    lt_account_set_csm_email (account, lt_store_column_text (stmt, 2));
  }

  {
    g_auto(LtCachedStmt) stmt = NULL;
    int rc;

    stmt = lt_store_prepare (self,
                             "SELECT name, email, phone FROM contacts "
                             "WHERE account_id = 1 AND role = 'primary-technical'",
                             error);
    if (stmt == NULL)
      return NULL;
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        g_autoptr(LtContact) contact = lt_contact_new (lt_store_column_text (stmt, 0),
                                                       lt_store_column_text (stmt, 1),
                                                       lt_store_column_text (stmt, 2));

        lt_account_set_primary_contact (account, contact);
      }
    else if (rc != SQLITE_DONE)
      {
        lt_store_set_error (self, error, _("Could not read the contacts"));
        return NULL;
      }
  }

  if (!load_invoices (self, invoices, error))
    return NULL;
  lt_account_set_invoices (account, invoices);

  return g_steal_pointer (&account);
}

/* Documents -------------------------------------------------------------- */

/* Parses @body the way it will be read back, so that a document the core
 * refuses never replaces a good cached copy. */
static gboolean
validate_document (const char  *name,
                   GBytes      *body,
                   GError     **error)
{
  if (g_str_equal (name, LT_STORE_DOCUMENT_POLICY))
    {
      g_autoptr(LtPolicy) policy = lt_policy_new_from_bytes (body, error);

      return policy != NULL;
    }
  if (g_str_equal (name, LT_STORE_DOCUMENT_RELEASES))
    {
      g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_bytes (body, error);

      return catalog != NULL;
    }

  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("“%s” is not a document the store keeps"), name);
  return FALSE;
}

/**
 * lt_store_save_document:
 * @self: the store
 * @name: %LT_STORE_DOCUMENT_POLICY or %LT_STORE_DOCUMENT_RELEASES
 * @body: the document exactly as the portal sent it
 * @etag: (nullable): the response's ETag, for the next conditional GET
 * @now: when it was fetched
 * @error: return location for an error
 *
 * Returns: %TRUE on success; %FALSE with the parser's
 *   LT_ERROR_INVALID_DATA when the core refuses the document (the cached
 *   copy is then kept)
 */
gboolean
lt_store_save_document (LtStore     *self,
                        const char  *name,
                        GBytes      *body,
                        const char  *etag,
                        GDateTime   *now,
                        GError     **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  gboolean exists = FALSE;
  gboolean same = FALSE;
  gsize length;
  const char *data;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!validate_document (name, body, error))
    {
      g_prefix_error (error, _("The %s document was not saved: "), name);
      return FALSE;
    }

  data = g_bytes_get_data (body, &length);
  tx = lt_store_begin (self, error);
  if (tx == NULL)
    return FALSE;

  {
    g_auto(LtCachedStmt) stmt = NULL;
    int rc;

    stmt = lt_store_prepare (self, "SELECT body FROM documents WHERE name = ?", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        exists = TRUE;
        same = (gsize) sqlite3_column_bytes (stmt, 0) == length &&
               memcmp (sqlite3_column_blob (stmt, 0), data, length) == 0;
      }
    else if (rc != SQLITE_DONE)
      {
        lt_store_set_error (self, error, _("Could not read a document from the local database"));
        return FALSE;
      }
  }

  {
    g_auto(LtCachedStmt) stmt = NULL;

    stmt = lt_store_prepare (self,
                             "INSERT INTO documents (name, body, etag, fetched_at) "
                             "VALUES (?1, ?2, ?3, ?4) "
                             "ON CONFLICT (name) DO UPDATE SET body = ?2, etag = ?3, "
                             "  fetched_at = ?4",
                             error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, data, (int) length, SQLITE_STATIC);
    lt_store_bind_text (stmt, 3, etag);
    lt_store_bind_instant (stmt, 4, now);
    if (!lt_store_step_done (self, stmt, error))
      return FALSE;
  }

  /* A refetch of the same body (a 200 where a 304 would have done) changes
   * nothing anyone shows. */
  if (!exists)
    lt_store_record_change (self, "documents", LT_STORE_CHANGE_INSERTED, name);
  else if (!same)
    lt_store_record_change (self, "documents", LT_STORE_CHANGE_UPDATED, name);

  return lt_store_transaction_commit (tx, error);
}

/**
 * lt_store_load_document:
 * @self: the store
 * @name: the document's name
 * @etag: (out) (optional) (nullable) (transfer full): its ETag
 * @fetched_at: (out) (optional) (transfer full): when it was fetched
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the body; %NULL with
 *   LT_ERROR_NOT_FOUND when nothing is cached under @name
 */
GBytes *
lt_store_load_document (LtStore     *self,
                        const char  *name,
                        char       **etag,
                        GDateTime  **fetched_at,
                        GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = lt_store_prepare (self, "SELECT body, etag, fetched_at FROM documents WHERE name = ?",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("No %s document is cached in the local database"), name);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      lt_store_set_error (self, error, _("Could not read a document from the local database"));
      return NULL;
    }

  if (etag != NULL)
    *etag = g_strdup (lt_store_column_text (stmt, 1));
  if (fetched_at != NULL)
    *fetched_at = lt_store_column_instant (stmt, 2);
  return g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
}

/**
 * lt_store_load_policy:
 * @self: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the cached portal policy; %NULL
 *   with LT_ERROR_NOT_FOUND when none is cached (use the bundled one)
 */
LtPolicy *
lt_store_load_policy (LtStore  *self,
                      GError  **error)
{
  g_autoptr(GBytes) body = lt_store_load_document (self, LT_STORE_DOCUMENT_POLICY,
                                                   NULL, NULL, error);

  if (body == NULL)
    return NULL;
  return lt_policy_new_from_bytes (body, error);
}

/**
 * lt_store_load_release_catalog:
 * @self: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the cached release catalog; %NULL
 *   with LT_ERROR_NOT_FOUND when none is cached (use the bundled one)
 */
LtReleaseCatalog *
lt_store_load_release_catalog (LtStore  *self,
                               GError  **error)
{
  g_autoptr(GBytes) body = lt_store_load_document (self, LT_STORE_DOCUMENT_RELEASES,
                                                   NULL, NULL, error);

  if (body == NULL)
    return NULL;
  return lt_release_catalog_new_from_bytes (body, error);
}
