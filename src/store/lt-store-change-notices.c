/* lt-store-change-notices.c: change notices in the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-change-notices.h"
#include "lt-store-rows.h"
#include "lt-enums.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

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
