/* lt-store-tickets.c: tickets and their events in the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-tickets.h"
#include "lt-store-rows.h"
#include "lt-enums.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

/* The model's columns, ?1 … ?22 in the order of bind_ticket(). */
#define N_TICKET_COLUMNS 22

static const char sql_insert[] =
  "INSERT INTO tickets (local_id, id, title, description, severity, category, "
  "break_fix, security_incident, state, close_reason, opened_at, updated_at, "
  "first_response_at, response_due, awaiting_since, resolved_at, closed_at, "
  "escalation_level, product_version, installation, contact, known_issue_ids, "
  "created_at, local_updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
  "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?23)";

static const char sql_update[] =
  "UPDATE tickets SET local_id = coalesce (?1, local_id), id = ?2, title = ?3, "
  "description = ?4, severity = ?5, category = ?6, break_fix = ?7, "
  "security_incident = ?8, state = ?9, close_reason = ?10, opened_at = ?11, "
  "updated_at = ?12, first_response_at = ?13, response_due = ?14, "
  "awaiting_since = ?15, resolved_at = ?16, closed_at = ?17, escalation_level = "
  "?18, product_version = ?19, installation = ?20, contact = ?21, "
  "known_issue_ids = ?22, local_updated_at = ?23 WHERE pk = ?24 AND (local_id "
  "IS NOT coalesce (?1, local_id) OR id IS NOT ?2 OR title IS NOT ?3 OR "
  "description IS NOT ?4 OR severity IS NOT ?5 OR category IS NOT ?6 OR "
  "break_fix IS NOT ?7 OR security_incident IS NOT ?8 OR state IS NOT ?9 OR "
  "close_reason IS NOT ?10 OR opened_at IS NOT ?11 OR updated_at IS NOT ?12 OR "
  "first_response_at IS NOT ?13 OR response_due IS NOT ?14 OR awaiting_since IS "
  "NOT ?15 OR resolved_at IS NOT ?16 OR closed_at IS NOT ?17 OR "
  "escalation_level IS NOT ?18 OR product_version IS NOT ?19 OR installation IS "
  "NOT ?20 OR contact IS NOT ?21 OR known_issue_ids IS NOT ?22)";

static void
bind_ticket (sqlite3_stmt *stmt,
             gpointer      object)
{
  LtTicket *ticket = object;
  const char *title = lt_ticket_get_title (ticket);
  const char *description = lt_ticket_get_description (ticket);

  lt_store_bind_text (stmt, 1, lt_ticket_get_local_id (ticket));
  lt_store_bind_text (stmt, 2, lt_ticket_get_id (ticket));
  /* A draft may not have a title yet; the column is NOT NULL. */
  lt_store_bind_text (stmt, 3, title != NULL ? title : "");
  lt_store_bind_text (stmt, 4, description != NULL ? description : "");
  lt_store_bind_enum (stmt, 5, LT_TYPE_SEVERITY, lt_ticket_get_severity (ticket));
  lt_store_bind_text (stmt, 6, lt_ticket_get_category (ticket));
  sqlite3_bind_int (stmt, 7, lt_ticket_get_break_fix (ticket) ? 1 : 0);
  sqlite3_bind_int (stmt, 8, lt_ticket_get_security_incident (ticket) ? 1 : 0);
  lt_store_bind_enum (stmt, 9, LT_TYPE_TICKET_STATE, lt_ticket_get_state (ticket));
  lt_store_bind_enum (stmt, 10, LT_TYPE_CLOSE_REASON, lt_ticket_get_close_reason (ticket));
  lt_store_bind_instant (stmt, 11, lt_ticket_get_opened_at (ticket));
  lt_store_bind_instant (stmt, 12, lt_ticket_get_updated_at (ticket));
  lt_store_bind_instant (stmt, 13, lt_ticket_get_first_response_at (ticket));
  lt_store_bind_instant (stmt, 14, lt_ticket_get_response_due (ticket));
  lt_store_bind_instant (stmt, 15, lt_ticket_get_awaiting_since (ticket));
  lt_store_bind_instant (stmt, 16, lt_ticket_get_resolved_at (ticket));
  lt_store_bind_instant (stmt, 17, lt_ticket_get_closed_at (ticket));
  sqlite3_bind_int (stmt, 18, (int) lt_ticket_get_escalation_level (ticket));
  lt_store_bind_text (stmt, 19, lt_ticket_get_product_version (ticket));
  lt_store_bind_text (stmt, 20, lt_ticket_get_installation (ticket));
  lt_store_bind_text (stmt, 21, lt_ticket_get_contact (ticket));
  lt_store_bind_strv (stmt, 22, lt_ticket_get_known_issue_ids (ticket));
}

static const LtStoreEntityDesc ticket_desc = {
  .table = "tickets",
  .n_columns = N_TICKET_COLUMNS,
  .sql_pk_by_id = "SELECT pk FROM tickets WHERE id = ?",
  .sql_pk_by_local_id = "SELECT pk FROM tickets WHERE local_id = ?",
  .sql_insert = sql_insert,
  .sql_update = sql_update,
  .sql_delete = "DELETE FROM tickets WHERE pk = ?",
  .sql_adopt_children = "UPDATE ticket_events SET ticket_pk = ?1 WHERE ticket_pk = ?2",
  .sql_adopt_columns =
    "UPDATE tickets SET "
    "references_ticket = coalesce (references_ticket, "
    "  (SELECT references_ticket FROM tickets WHERE pk = ?2)), "
    "feature_criteria = coalesce (feature_criteria, "
    "  (SELECT feature_criteria FROM tickets WHERE pk = ?2)), "
    "created_at = min (created_at, (SELECT created_at FROM tickets WHERE pk = ?2)) "
    "WHERE pk = ?1",
  .bind = bind_ticket,
};

/**
 * lt_store_ticket_new_from_row:
 * @stmt: a statement on a row of #LT_TICKET_COLUMNS
 *
 * Returns: (transfer full): the ticket, without its events
 */
LtTicket *
lt_store_ticket_new_from_row (sqlite3_stmt *stmt)
{
  LtTicket *ticket = lt_ticket_new ();
  g_auto(GStrv) known_issue_ids = lt_store_column_strv (stmt, 22);
  g_autoptr(GDateTime) opened_at = lt_store_column_instant (stmt, 11);
  g_autoptr(GDateTime) updated_at = lt_store_column_instant (stmt, 12);
  g_autoptr(GDateTime) first_response_at = lt_store_column_instant (stmt, 13);
  g_autoptr(GDateTime) response_due = lt_store_column_instant (stmt, 14);
  g_autoptr(GDateTime) awaiting_since = lt_store_column_instant (stmt, 15);
  g_autoptr(GDateTime) resolved_at = lt_store_column_instant (stmt, 16);
  g_autoptr(GDateTime) closed_at = lt_store_column_instant (stmt, 17);

  lt_ticket_set_local_id (ticket, lt_store_column_text (stmt, 1));
  lt_ticket_set_id (ticket, lt_store_column_text (stmt, 2));
  lt_ticket_set_title (ticket, lt_store_column_text_or_null (stmt, 3));
  lt_ticket_set_description (ticket, lt_store_column_text_or_null (stmt, 4));
  lt_ticket_set_severity (ticket, lt_store_column_enum (stmt, 5, LT_TYPE_SEVERITY,
                                                        LT_SEVERITY_S3));
  lt_ticket_set_category (ticket, lt_store_column_text (stmt, 6));
  lt_ticket_set_break_fix (ticket, sqlite3_column_int (stmt, 7) != 0);
  lt_ticket_set_security_incident (ticket, sqlite3_column_int (stmt, 8) != 0);
  lt_ticket_set_state (ticket, lt_store_column_enum (stmt, 9, LT_TYPE_TICKET_STATE,
                                                     LT_TICKET_STATE_DRAFT));
  lt_ticket_set_close_reason (ticket, lt_store_column_enum (stmt, 10, LT_TYPE_CLOSE_REASON,
                                                            LT_CLOSE_REASON_NONE));
  lt_ticket_set_opened_at (ticket, opened_at);
  lt_ticket_set_updated_at (ticket, updated_at);
  lt_ticket_set_first_response_at (ticket, first_response_at);
  lt_ticket_set_response_due (ticket, response_due);
  lt_ticket_set_awaiting_since (ticket, awaiting_since);
  lt_ticket_set_resolved_at (ticket, resolved_at);
  lt_ticket_set_closed_at (ticket, closed_at);
  lt_ticket_set_escalation_level (ticket, (guint) sqlite3_column_int (stmt, 18));
  lt_ticket_set_product_version (ticket, lt_store_column_text (stmt, 19));
  lt_ticket_set_installation (ticket, lt_store_column_text (stmt, 20));
  lt_ticket_set_contact (ticket, lt_store_column_text (stmt, 21));
  lt_ticket_set_known_issue_ids (ticket, (const char * const *) known_issue_ids);

  return ticket;
}

LtTicket *
lt_store_load_ticket_by_pk (LtStore       *self,
                            sqlite3_stmt  *stmt,
                            gint64         pk,
                            GError       **error)
{
  g_auto(LtCachedStmt) held = NULL;
  int rc;

  if (stmt == NULL)
    {
      stmt = lt_store_prepare (self, LT_TICKET_SQL_BY_PK, error);
      if (stmt == NULL)
        return NULL;
    }
  held = stmt;
  sqlite3_bind_int64 (stmt, 1, pk);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return lt_store_ticket_new_from_row (stmt);
  if (rc != SQLITE_DONE)
    lt_store_set_error (self, error, _("Could not read a ticket from the local database"));
  return NULL;
}

/**
 * lt_store_save_local_ticket:
 * @self: the store
 * @ticket: a ticket filed here, with a local id
 * @now: the time of the write (created_at of a new row, local_updated_at)
 * @error: return location for an error
 *
 * Inserts the ticket, or updates the row with the same local id. Call it
 * in the transaction that also enqueues the ticket's outbox item.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_save_local_ticket (LtStore    *self,
                            LtTicket   *ticket,
                            GDateTime  *now,
                            GError    **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_TICKET (ticket), FALSE);
  g_return_val_if_fail (lt_ticket_get_local_id (ticket) != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!lt_store_upsert_keyed (self, &ticket_desc, ticket, NULL, lt_ticket_get_local_id (ticket),
                              TRUE, now, NULL, error))
    {
      g_prefix_error (error, _("Saving ticket “%s”: "), lt_ticket_get_local_id (ticket));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_upsert_ticket:
 * @self: the store
 * @ticket: a ticket as the portal sent it, with an id
 * @now: the time of the write
 * @error: return location for an error
 *
 * Inserts the ticket or updates its row, found by id, else by the
 * ticket's local id; a local row and a portal row of the same ticket are
 * merged into one. Local-only columns are kept; a row whose values are all
 * equal is not written and no change is recorded.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_upsert_ticket (LtStore    *self,
                        LtTicket   *ticket,
                        GDateTime  *now,
                        GError    **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_TICKET (ticket), FALSE);
  g_return_val_if_fail (lt_ticket_get_id (ticket) != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!lt_store_upsert_keyed (self, &ticket_desc, ticket, lt_ticket_get_id (ticket),
                              lt_ticket_get_local_id (ticket), FALSE, now, NULL, error))
    {
      g_prefix_error (error, _("Saving ticket “%s”: "), lt_ticket_get_id (ticket));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_delete_ticket:
 * @self: the store
 * @ticket: the ticket, found by id or else local id
 * @error: return location for an error
 *
 * Returns: %TRUE when the row was deleted
 */
gboolean
lt_store_delete_ticket (LtStore   *self,
                        LtTicket  *ticket,
                        GError   **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_TICKET (ticket), FALSE);

  return lt_store_delete_keyed (self, &ticket_desc, lt_ticket_get_id (ticket),
                                lt_ticket_get_local_id (ticket), error);
}

/**
 * lt_store_lookup_ticket:
 * @self: the store
 * @id: the portal's ticket id
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the ticket without its events
 */
LtTicket *
lt_store_lookup_ticket (LtStore     *self,
                        const char  *id,
                        GError     **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return lt_store_load_one (self, "SELECT " LT_TICKET_COLUMNS " FROM tickets WHERE id = ?",
                            id, (LtStoreNewFromRow) lt_store_ticket_new_from_row, error);
}

static void
instant_unref_nullable (gpointer instant)
{
  if (instant != NULL)
    g_date_time_unref (instant);
}

/**
 * lt_store_load_tickets_updated_at:
 * @self: the store
 * @ids: (array length=n_ids): the portal's ticket ids
 * @n_ids: how many
 * @error: return location for an error
 *
 * The ids go to sqlite as one JSON array (json_each()): any number of
 * them, whatever characters they hold, in one statement.
 *
 * Returns: (transfer full) (element-type utf8 GLib.DateTime): each id
 *   held here to its updated_at (%NULL when the row has none); %NULL on
 *   error
 */
GHashTable *
lt_store_load_tickets_updated_at (LtStore            *self,
                                  const char * const *ids,
                                  guint               n_ids,
                                  GError            **error)
{
  g_autoptr(GHashTable) held = NULL;
  g_autoptr(JsonArray) array = json_array_sized_new (n_ids);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autofree char *json = NULL;
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  for (guint i = 0; i < n_ids; i++)
    json_array_add_string_element (array, ids[i]);
  json_node_set_array (node, array);
  json = json_to_string (node, FALSE);

  stmt = lt_store_prepare (self, "SELECT id, updated_at FROM tickets "
                                 "WHERE id IN (SELECT value FROM json_each (?1))", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  held = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, instant_unref_nullable);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_replace (held, g_strdup (lt_store_column_text (stmt, 0)), lt_store_column_instant (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the local database"));
      return NULL;
    }
  return g_steal_pointer (&held);
}

/**
 * lt_store_lookup_ticket_by_local_id:
 * @self: the store
 * @local_id: the local id of a ticket filed here
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the ticket without its events
 */
LtTicket *
lt_store_lookup_ticket_by_local_id (LtStore     *self,
                                    const char  *local_id,
                                    GError     **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (local_id != NULL, NULL);

  return lt_store_load_one (self,
                            "SELECT " LT_TICKET_COLUMNS " FROM tickets WHERE local_id = ?",
                            local_id, (LtStoreNewFromRow) lt_store_ticket_new_from_row, error);
}

/**
 * lt_store_load_tickets_closing:
 * @self: the store
 * @limit: how many tickets at the most
 * @n_total: (out) (optional): how many tickets wait in all
 * @error: return location for an error
 *
 * The tickets that close on their own unless the customer acts (R5):
 * awaiting the customer or resolved, the longest waiting first. Both
 * windows are counted in business days from the time the ticket entered
 * its state, so this is also the order of their auto-close dates when the
 * policy gives both states the same window (the default: 5). Read through
 * the tickets_closing index (named: sqlite's planner, without statistics,
 * prefers the state index and sorts thousands of rows): the Overview asks
 * every minute, and 100,000 tickets must not be read for a handful. A
 * ticket the portal sent without the time it entered its state has no
 * auto-close date (lt_ticket_dup_auto_close_due()) and is neither listed
 * nor counted.
 *
 * Returns: (transfer full) (element-type LtTicket) (nullable): the
 *   tickets without their events, or %NULL on error
 */
/* The time a ticket entered the state it closes from, as the
 * tickets_closing index has it (lt-store-schema.c: the same words, or
 * sqlite will not use it). */
#define CLOSING_SINCE \
  "(CASE state WHEN 'awaiting-customer' THEN awaiting_since ELSE resolved_at END)"
/* The tickets that have that time. Not "IS NOT NULL": sqlite 3.40 walks
 * the index from its start for that, through every ticket without the
 * time (NULLs sort first), to count them out; a range is one seek past
 * them. The columns are INTEGER in a STRICT table, so every time there
 * is at least the smallest 64-bit integer: the same rows. */
#define CLOSING_DATED \
  CLOSING_SINCE " >= -9223372036854775808"

GPtrArray *
lt_store_load_tickets_closing (LtStore     *self,
                               guint        limit,
                               guint       *n_total,
                               GError     **error)
{
  g_autoptr(GPtrArray) tickets = NULL;
  g_auto(LtCachedStmt) count = NULL;
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);

  if (n_total != NULL)
    {
      count = lt_store_prepare (self,
                                "SELECT count(*) FROM tickets INDEXED BY tickets_closing"
                                " WHERE state IN ('awaiting-customer', 'resolved')"
                                " AND " CLOSING_DATED,
                                error);
      if (count == NULL)
        return NULL;
      if (sqlite3_step (count) != SQLITE_ROW)
        {
          lt_store_set_error (self, error, _("Could not read the tickets"));
          return NULL;
        }
      *n_total = (guint) sqlite3_column_int64 (count, 0);
    }

  stmt = lt_store_prepare (self,
                           "SELECT " LT_TICKET_COLUMNS " FROM tickets INDEXED BY tickets_closing"
                           " WHERE state IN ('awaiting-customer', 'resolved')"
                           " AND " CLOSING_DATED
                           " ORDER BY " CLOSING_SINCE ", pk LIMIT ?",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);

  tickets = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tickets, lt_store_ticket_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the tickets"));
      return NULL;
    }
  return g_steal_pointer (&tickets);
}

/**
 * lt_store_count_tickets:
 * @self: the store
 * @error: return location for an error
 *
 * Returns: how many tickets the store holds; 0 with @error set on failure
 */
guint
lt_store_count_tickets (LtStore  *self,
                        GError  **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), 0);

  stmt = lt_store_prepare (self, "SELECT count(*) FROM tickets", error);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lt_store_set_error (self, error, _("Could not count the tickets"));
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* The pk of @ticket's row; LT_ERROR_NOT_FOUND when it has none. */
static gboolean
find_ticket (LtStore   *self,
             LtTicket  *ticket,
             gint64    *pk,
             GError   **error)
{
  const char *id = lt_ticket_get_id (ticket);
  const char *local_id = lt_ticket_get_local_id (ticket);

  if (!lt_store_find_keyed (self, &ticket_desc, id, local_id, pk, error))
    return FALSE;
  if (*pk == 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("Ticket “%s” is not in the local database"),
                   id != NULL ? id : local_id != NULL ? local_id : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_set_ticket_local_fields:
 * @self: the store
 * @ticket: a ticket that has a row
 * @references_ticket: (nullable): the id of the ticket this one follows up
 * @feature_criteria_json: (nullable): a JSON object of the four feature
 *   request criteria (R12)
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_set_ticket_local_fields (LtStore     *self,
                                  LtTicket    *ticket,
                                  const char  *references_ticket,
                                  const char  *feature_criteria_json,
                                  GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  gint64 pk;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_TICKET (ticket), FALSE);

  if (!find_ticket (self, ticket, &pk, error))
    return FALSE;

  stmt = lt_store_prepare (self,
                           "UPDATE tickets SET references_ticket = ?1, feature_criteria = ?2 "
                           "WHERE pk = ?3 AND (references_ticket IS NOT ?1 "
                           "                   OR feature_criteria IS NOT ?2)",
                           error);
  if (stmt == NULL)
    return FALSE;
  lt_store_bind_text (stmt, 1, references_ticket);
  lt_store_bind_text (stmt, 2, feature_criteria_json);
  sqlite3_bind_int64 (stmt, 3, pk);
  if (!lt_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (lt_store_get_db (self)) > 0)
    lt_store_record_change_pk (self, "tickets", LT_STORE_CHANGE_UPDATED, pk);
  return TRUE;
}

/**
 * lt_store_get_ticket_local_fields:
 * @self: the store
 * @ticket: a ticket that has a row
 * @references_ticket: (out) (optional) (nullable) (transfer full): the
 *   ticket it references
 * @feature_criteria_json: (out) (optional) (nullable) (transfer full): the
 *   feature request criteria
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_get_ticket_local_fields (LtStore     *self,
                                  LtTicket    *ticket,
                                  char       **references_ticket,
                                  char       **feature_criteria_json,
                                  GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  gint64 pk;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_TICKET (ticket), FALSE);

  if (!find_ticket (self, ticket, &pk, error))
    return FALSE;

  stmt = lt_store_prepare (self,
                           "SELECT references_ticket, feature_criteria FROM tickets WHERE pk = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lt_store_set_error (self, error, _("Could not read a ticket from the local database"));
      return FALSE;
    }

  if (references_ticket != NULL)
    *references_ticket = g_strdup (lt_store_column_text (stmt, 0));
  if (feature_criteria_json != NULL)
    *feature_criteria_json = g_strdup (lt_store_column_text (stmt, 1));
  return TRUE;
}

/* Events ----------------------------------------------------------------- */

#define EVENT_COLUMNS \
  "pk, kind, at, author, body, from_state, to_state, level, attachment_name, attachment_size, id"

static LtTicketEvent *
event_new_from_row (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) at = lt_store_column_instant (stmt, 2);
  LtTicketEventKind kind = lt_store_column_enum (stmt, 1, LT_TYPE_TICKET_EVENT_KIND,
                                                 LT_TICKET_EVENT_KIND_COMMENT);
  LtTicketEvent *event = lt_ticket_event_new (kind, at);

  lt_ticket_event_set_author (event, lt_store_column_text (stmt, 3));
  lt_ticket_event_set_body (event, lt_store_column_text_or_null (stmt, 4));
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    lt_ticket_event_set_from_state (event, lt_store_column_enum (stmt, 5, LT_TYPE_TICKET_STATE,
                                                                 LT_TICKET_STATE_DRAFT));
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
    lt_ticket_event_set_to_state (event, lt_store_column_enum (stmt, 6, LT_TYPE_TICKET_STATE,
                                                               LT_TICKET_STATE_DRAFT));
  lt_ticket_event_set_level (event, (guint) sqlite3_column_int (stmt, 7));
  lt_ticket_event_set_attachment_name (event, lt_store_column_text (stmt, 8));
  lt_ticket_event_set_attachment_size (event, (guint64) sqlite3_column_int64 (stmt, 9));
  lt_ticket_event_set_id (event, lt_store_column_text_or_null (stmt, 10));
  return event;
}

/**
 * lt_store_load_ticket_events:
 * @self: the store
 * @ticket: a ticket that has a row
 * @error: return location for an error
 *
 * Replaces the events of @ticket with those stored, oldest first (an event
 * without a time last), in one ::items-changed of its events model.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_load_ticket_events (LtStore   *self,
                             LtTicket  *ticket,
                             GError   **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 pk;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_TICKET (ticket), FALSE);

  if (!find_ticket (self, ticket, &pk, error))
    return FALSE;

  stmt = lt_store_prepare (self,
                           "SELECT " EVENT_COLUMNS " FROM ticket_events WHERE ticket_pk = ? "
                           "ORDER BY at IS NULL, at, pk",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (events, event_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the history of a ticket"));
      return FALSE;
    }

  lt_ticket_set_events (ticket, (LtTicketEvent * const *) events->pdata, events->len);
  return TRUE;
}

static gboolean
insert_event (LtStore        *self,
              gint64          ticket_pk,
              LtTicketEvent  *event,
              const char     *outbox_key,
              GError        **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  LtTicketEventKind kind = lt_ticket_event_get_kind (event);
  const char *body = lt_ticket_event_get_body (event);

  stmt = lt_store_prepare (self,
                           "INSERT INTO ticket_events (ticket_pk, kind, at, author, body, "
                           "  from_state, to_state, level, attachment_name, attachment_size, "
                           "  outbox_key, id) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, ticket_pk);
  lt_store_bind_enum (stmt, 2, LT_TYPE_TICKET_EVENT_KIND, kind);
  lt_store_bind_instant (stmt, 3, lt_ticket_event_get_at (event));
  lt_store_bind_text (stmt, 4, lt_ticket_event_get_author (event));
  lt_store_bind_text (stmt, 5, body != NULL ? body : "");
  /* States, level and attachment mean something for their kind only. */
  if (kind == LT_TICKET_EVENT_KIND_STATE_CHANGE)
    {
      lt_store_bind_enum (stmt, 6, LT_TYPE_TICKET_STATE, lt_ticket_event_get_from_state (event));
      lt_store_bind_enum (stmt, 7, LT_TYPE_TICKET_STATE, lt_ticket_event_get_to_state (event));
    }
  sqlite3_bind_int (stmt, 8, (int) lt_ticket_event_get_level (event));
  if (kind == LT_TICKET_EVENT_KIND_ATTACHMENT)
    {
      lt_store_bind_text (stmt, 9, lt_ticket_event_get_attachment_name (event));
      sqlite3_bind_int64 (stmt, 10, (gint64) lt_ticket_event_get_attachment_size (event));
    }
  lt_store_bind_text (stmt, 11, outbox_key);
  /* The portal's id; none for the admin's own events waiting to be sent. */
  lt_store_bind_text (stmt, 12, outbox_key == NULL ? lt_ticket_event_get_id (event) : NULL);

  if (!lt_store_step_done (self, stmt, error))
    return FALSE;

  lt_store_record_change_pk (self, "ticket_events", LT_STORE_CHANGE_INSERTED,
                             sqlite3_last_insert_rowid (lt_store_get_db (self)));
  return TRUE;
}

/**
 * lt_store_replace_ticket_events:
 * @self: the store
 * @ticket: a ticket that has a row
 * @events: (array length=n_events): its history as the portal sent it
 * @n_events: how many
 * @error: return location for an error
 *
 * Replaces the stored history of @ticket, keeping the events that wait in
 * the outbox (their outbox key is set). One transaction.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_replace_ticket_events (LtStore               *self,
                                LtTicket              *ticket,
                                LtTicketEvent * const *events,
                                guint                  n_events,
                                GError               **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  gint64 pk;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_TICKET (ticket), FALSE);
  g_return_val_if_fail (events != NULL || n_events == 0, FALSE);

  tx = lt_store_begin (self, error);
  if (tx == NULL)
    return FALSE;
  if (!find_ticket (self, ticket, &pk, error))
    return FALSE;

  {
    g_auto(LtCachedStmt) stmt = NULL;
    int rc;

    stmt = lt_store_prepare (self,
                             "DELETE FROM ticket_events WHERE ticket_pk = ? "
                             "AND outbox_key IS NULL RETURNING pk",
                             error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, pk);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      lt_store_record_change_pk (self, "ticket_events", LT_STORE_CHANGE_DELETED,
                                 sqlite3_column_int64 (stmt, 0));
    if (rc != SQLITE_DONE)
      {
        lt_store_set_error (self, error, _("Could not update the history of a ticket"));
        return FALSE;
      }
  }

  for (guint i = 0; i < n_events; i++)
    if (!insert_event (self, pk, events[i], NULL, error))
      return FALSE;

  return lt_store_transaction_commit (tx, error);
}

/**
 * lt_store_add_ticket_event:
 * @self: the store
 * @ticket: a ticket that has a row
 * @event: an event the admin made here
 * @outbox_key: (nullable): the key of the outbox item that sends it
 * @error: return location for an error
 *
 * Call it in the transaction that enqueues the outbox item.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_add_ticket_event (LtStore        *self,
                           LtTicket       *ticket,
                           LtTicketEvent  *event,
                           const char     *outbox_key,
                           GError        **error)
{
  gint64 pk;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_TICKET (ticket), FALSE);
  g_return_val_if_fail (LT_IS_TICKET_EVENT (event), FALSE);

  if (!find_ticket (self, ticket, &pk, error))
    return FALSE;
  return insert_event (self, pk, event, outbox_key, error);
}
