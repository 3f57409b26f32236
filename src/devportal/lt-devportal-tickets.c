/* lt-devportal-tickets.c: tickets, their events, and the lifecycle rules
 * the portal enforces
 *
 * Every rule is the core's: a row is loaded into an LtTicket and the
 * model's methods (which call lt-lifecycle.h, lt-sla.h and lt-rules.h)
 * decide whether an action is allowed, when a response is due and when a
 * ticket closes by itself. This file only stores the outcome.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-devportal"

#include "config.h"

#include "lt-devportal-private.h"

#include "lt-error.h"
#include "lt-lifecycle.h"
#include "lt-release.h"
#include "lt-rules.h"
#include "lt-version.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define TICKET_COLUMNS \
  "pk, id, title, description, severity, category, break_fix, security_incident, state," \
  " close_reason, opened_at, updated_at, first_response_at, response_due, awaiting_since," \
  " resolved_at, closed_at, escalation_level, product_version, installation, contact," \
  " known_issue_ids, feature_criteria, references_ticket"

/* The vendor's side of the conversation, when a rule acts by itself. */
#define SYSTEM_AUTHOR "LockThreat Support"

void
lt_dev_ticket_free (LtDevTicket *ticket)
{
  if (ticket == NULL)
    return;
  g_clear_object (&ticket->ticket);
  g_free (ticket->feature_criteria);
  g_free (ticket->references_ticket);
  g_free (ticket);
}

static int
column_enum (sqlite3_stmt *stmt,
             int           column,
             GType         type)
{
  int value = 0;

  if (!lt_enum_from_nick (type, lt_dev_column_text (stmt, column), &value, NULL))
    g_warning ("Unknown %s “%s” in the database", g_type_name (type),
               lt_dev_column_text (stmt, column));
  return value;
}

static GStrv
parse_string_array (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonNode) node = json != NULL ? json_from_string (json, NULL) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (builder, json_array_get_string_element (array, i));
    }
  return g_strv_builder_end (builder);
}

static LtDevTicket *
ticket_from_row (sqlite3_stmt *stmt)
{
  LtDevTicket *t = g_new0 (LtDevTicket, 1);
  g_auto(GStrv) known = parse_string_array (lt_dev_column_text (stmt, 21));
  g_autoptr(GDateTime) opened = lt_dev_column_instant (stmt, 10);
  g_autoptr(GDateTime) updated = lt_dev_column_instant (stmt, 11);
  g_autoptr(GDateTime) first = lt_dev_column_instant (stmt, 12);
  g_autoptr(GDateTime) due = lt_dev_column_instant (stmt, 13);
  g_autoptr(GDateTime) awaiting = lt_dev_column_instant (stmt, 14);
  g_autoptr(GDateTime) resolved = lt_dev_column_instant (stmt, 15);
  g_autoptr(GDateTime) closed = lt_dev_column_instant (stmt, 16);

  t->pk = sqlite3_column_int64 (stmt, 0);
  t->ticket = lt_ticket_new ();
  lt_ticket_set_id (t->ticket, lt_dev_column_text (stmt, 1));
  lt_ticket_set_title (t->ticket, lt_dev_column_text (stmt, 2));
  lt_ticket_set_description (t->ticket, lt_dev_column_text (stmt, 3));
  lt_ticket_set_severity (t->ticket, column_enum (stmt, 4, LT_TYPE_SEVERITY));
  lt_ticket_set_category (t->ticket, lt_dev_column_text (stmt, 5));
  lt_ticket_set_break_fix (t->ticket, sqlite3_column_int (stmt, 6));
  lt_ticket_set_security_incident (t->ticket, sqlite3_column_int (stmt, 7));
  lt_ticket_set_state (t->ticket, column_enum (stmt, 8, LT_TYPE_TICKET_STATE));
  lt_ticket_set_close_reason (t->ticket, column_enum (stmt, 9, LT_TYPE_CLOSE_REASON));
  lt_ticket_set_opened_at (t->ticket, opened);
  lt_ticket_set_updated_at (t->ticket, updated);
  lt_ticket_set_first_response_at (t->ticket, first);
  lt_ticket_set_response_due (t->ticket, due);
  lt_ticket_set_awaiting_since (t->ticket, awaiting);
  lt_ticket_set_resolved_at (t->ticket, resolved);
  lt_ticket_set_closed_at (t->ticket, closed);
  lt_ticket_set_escalation_level (t->ticket, sqlite3_column_int (stmt, 17));
  lt_ticket_set_product_version (t->ticket, lt_dev_column_text (stmt, 18));
  lt_ticket_set_installation (t->ticket, lt_dev_column_text (stmt, 19));
  lt_ticket_set_contact (t->ticket, lt_dev_column_text (stmt, 20));
  lt_ticket_set_known_issue_ids (t->ticket, (const char * const *) known);
  t->feature_criteria = g_strdup (lt_dev_column_text (stmt, 22));
  t->references_ticket = g_strdup (lt_dev_column_text (stmt, 23));
  return t;
}

/**
 * lt_devportal_load_ticket:
 * @self: a #LtDevportal
 * @id: "LT-000123"
 * @error: %LT_API_ERROR_NOT_FOUND when there is no such ticket
 *
 * Returns: (transfer full): the ticket
 */
LtDevTicket *
lt_devportal_load_ticket (LtDevportal  *self,
                          const char   *id,
                          GError      **error)
{
  g_auto(LtDevStmt) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = lt_devportal_db_prepare (self->db,
                                  "SELECT " TICKET_COLUMNS " FROM tickets WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!lt_devportal_db_step (self->db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_NOT_FOUND, _("No ticket “%s”"), id);
      return NULL;
    }
  return ticket_from_row (stmt);
}

/* Writes back everything an action may change. */
static gboolean
save_ticket (LtDevportal  *self,
             LtDevTicket  *t,
             GError      **error)
{
  g_auto(LtDevStmt) stmt = NULL;
  LtTicket *ticket = t->ticket;

  stmt = lt_devportal_db_prepare (self->db,
                                  "UPDATE tickets SET state = ?, close_reason = ?, updated_at = ?,"
                                  " first_response_at = ?, response_due = ?, awaiting_since = ?,"
                                  " resolved_at = ?, closed_at = ?, escalation_level = ?"
                                  " WHERE pk = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lt_enum_to_nick (LT_TYPE_TICKET_STATE, lt_ticket_get_state (ticket)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lt_enum_to_nick (LT_TYPE_CLOSE_REASON, lt_ticket_get_close_reason (ticket)),
                     -1, SQLITE_STATIC);
  lt_dev_bind_instant (stmt, 3, lt_ticket_get_updated_at (ticket));
  lt_dev_bind_instant (stmt, 4, lt_ticket_get_first_response_at (ticket));
  lt_dev_bind_instant (stmt, 5, lt_ticket_get_response_due (ticket));
  lt_dev_bind_instant (stmt, 6, lt_ticket_get_awaiting_since (ticket));
  lt_dev_bind_instant (stmt, 7, lt_ticket_get_resolved_at (ticket));
  lt_dev_bind_instant (stmt, 8, lt_ticket_get_closed_at (ticket));
  sqlite3_bind_int (stmt, 9, lt_ticket_get_escalation_level (ticket));
  sqlite3_bind_int64 (stmt, 10, t->pk);
  return lt_devportal_db_step_done (self->db, stmt, error);
}

gboolean
lt_devportal_ticket_touch (LtDevportal  *self,
                           LtDevTicket  *ticket,
                           GDateTime    *now,
                           GError      **error)
{
  lt_ticket_set_updated_at (ticket->ticket, now);
  return save_ticket (self, ticket, error);
}

static gboolean
insert_event (LtDevportal       *self,
              LtDevTicket       *ticket,
              LtTicketEventKind  kind,
              GDateTime         *at,
              const char        *author,
              const char        *body,
              LtTicketState     *from_state,
              LtTicketState     *to_state,
              guint              level,
              const char        *attachment_name,
              gint64             attachment_size,
              const char        *attachment_type,
              const char        *attachment_sha256,
              GError           **error)
{
  g_auto(LtDevStmt) stmt = NULL;

  stmt = lt_devportal_db_prepare (self->db,
                                  "INSERT INTO ticket_events (ticket_pk, kind, at, author, body,"
                                  " from_state, to_state, level, attachment_name, attachment_size,"
                                  " attachment_content_type, attachment_sha256)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket->pk);
  sqlite3_bind_text (stmt, 2, lt_enum_to_nick (LT_TYPE_TICKET_EVENT_KIND, kind), -1, SQLITE_STATIC);
  lt_dev_bind_instant (stmt, 3, at);
  lt_dev_bind_text (stmt, 4, author);
  lt_dev_bind_text (stmt, 5, body != NULL ? body : "");
  lt_dev_bind_text (stmt, 6, from_state ? lt_enum_to_nick (LT_TYPE_TICKET_STATE, *from_state) : NULL);
  lt_dev_bind_text (stmt, 7, to_state ? lt_enum_to_nick (LT_TYPE_TICKET_STATE, *to_state) : NULL);
  sqlite3_bind_int (stmt, 8, level);
  lt_dev_bind_text (stmt, 9, attachment_name);
  if (attachment_name != NULL)
    sqlite3_bind_int64 (stmt, 10, attachment_size);
  else
    sqlite3_bind_null (stmt, 10);
  lt_dev_bind_text (stmt, 11, attachment_type);
  lt_dev_bind_text (stmt, 12, attachment_sha256);
  return lt_devportal_db_step_done (self->db, stmt, error);
}

gboolean
lt_devportal_ticket_add_event (LtDevportal       *self,
                               LtDevTicket       *ticket,
                               LtTicketEventKind  kind,
                               GDateTime         *at,
                               const char        *author,
                               const char        *body,
                               guint              level,
                               GError           **error)
{
  g_return_val_if_fail (kind == LT_TICKET_EVENT_KIND_COMMENT ||
                        kind == LT_TICKET_EVENT_KIND_ESCALATION, FALSE);

  return insert_event (self, ticket, kind, at, author, body, NULL, NULL, level,
                       NULL, 0, NULL, NULL, error);
}

gboolean
lt_devportal_ticket_add_attachment (LtDevportal  *self,
                                    LtDevTicket  *ticket,
                                    GDateTime    *at,
                                    const char   *author,
                                    const char   *note,
                                    const char   *name,
                                    gint64        size,
                                    const char   *content_type,
                                    const char   *sha256,
                                    GError      **error)
{
  return insert_event (self, ticket, LT_TICKET_EVENT_KIND_ATTACHMENT, at, author, note, NULL, NULL, 0,
                       name, size, content_type, sha256, error);
}

gboolean
lt_devportal_ticket_transition (LtDevportal    *self,
                                LtDevTicket    *t,
                                LtTicketState   to,
                                LtCloseReason   reason,
                                GDateTime      *at,
                                GDateTime      *now,
                                const char     *author,
                                const char     *body,
                                GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  LtTicket *ticket = t->ticket;
  LtTicketState from = lt_ticket_get_state (ticket);

  if (!lt_lifecycle_check_transition (from, to, reason, &local_error))
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_INVALID_TRANSITION,
                   "%s: %s", lt_ticket_get_id (ticket), local_error->message);
      return FALSE;
    }

  lt_ticket_set_state (ticket, to);
  lt_ticket_set_close_reason (ticket, to == LT_TICKET_STATE_CLOSED ? reason : LT_CLOSE_REASON_NONE);
  /* awaiting_since and resolved_at say when the ticket entered the state
   * it is in (the auto-close rule counts from them); a state left for
   * another one clears them, except resolved_at on the way to closed,
   * which keeps the history of when the fix was delivered. */
  lt_ticket_set_awaiting_since (ticket, to == LT_TICKET_STATE_AWAITING_CUSTOMER ? at : NULL);
  if (to == LT_TICKET_STATE_RESOLVED)
    lt_ticket_set_resolved_at (ticket, at);
  else if (to != LT_TICKET_STATE_CLOSED)
    lt_ticket_set_resolved_at (ticket, NULL);
  lt_ticket_set_closed_at (ticket, to == LT_TICKET_STATE_CLOSED ? at : NULL);
  lt_ticket_set_updated_at (ticket, now);

  if (!save_ticket (self, t, error))
    return FALSE;
  return insert_event (self, t, LT_TICKET_EVENT_KIND_STATE_CHANGE, at, author, body,
                       &from, &to, 0, NULL, 0, NULL, NULL, error);
}

gboolean
lt_devportal_ticket_set_first_response (LtDevportal  *self,
                                        LtDevTicket  *ticket,
                                        GDateTime    *at,
                                        GError      **error)
{
  if (lt_ticket_get_first_response_at (ticket->ticket) != NULL)
    return TRUE;
  lt_ticket_set_first_response_at (ticket->ticket, at);
  return save_ticket (self, ticket, error);
}

gboolean
lt_devportal_ticket_triage (LtDevportal  *self,
                            LtDevTicket  *t,
                            GDateTime    *at,
                            GDateTime    *now,
                            const char   *author,
                            GError      **error)
{
  const char *text = lt_ticket_get_product_version (t->ticket);
  const char * const *issues = lt_ticket_get_known_issue_ids (t->ticket);
  g_autoptr(LtVersion) installed = text != NULL ? lt_version_parse (text, NULL) : NULL;

  /* §12: a ticket about a known issue that a newer release fixes is closed
   * as resolved; the customer upgrades. The same function warned the
   * customer before filing. */
  for (guint i = 0; installed != NULL && issues != NULL && issues[i] != NULL; i++)
    {
      LtRelease *fixed_in = NULL;
      g_autofree char *warning = NULL;

      if (!lt_release_catalog_find_fix (self->catalog, installed, issues[i],
                                        &fixed_in, &warning, NULL))
        continue;
      if (fixed_in != NULL && warning != NULL)
        return lt_devportal_ticket_transition (self, t, LT_TICKET_STATE_CLOSED,
                                               LT_CLOSE_REASON_FIXED_IN_CURRENT,
                                               at, now, author, warning, error);
    }

  return lt_devportal_ticket_transition (self, t, LT_TICKET_STATE_TRIAGED, LT_CLOSE_REASON_NONE,
                                         at, now, author, NULL, error);
}

/* ---- JSON ------------------------------------------------------------------- */

static gboolean
add_events (LtDevportal  *self,
            JsonBuilder  *builder,
            gint64        ticket_pk,
            GError      **error)
{
  g_auto(LtDevStmt) stmt = NULL;
  gboolean has_row = FALSE;
  gboolean ok;

  stmt = lt_devportal_db_prepare (self->db,
                                  "SELECT pk, kind, at, author, body, from_state, to_state, level,"
                                  " attachment_name, attachment_size, attachment_content_type"
                                  " FROM ticket_events WHERE ticket_pk = ? ORDER BY at, pk",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_pk);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  while ((ok = lt_devportal_db_step (self->db, stmt, &has_row, error)) && has_row)
    {
      g_autofree char *id = g_strdup_printf ("EV-%06" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      g_autoptr(GDateTime) at = lt_dev_column_instant (stmt, 2);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, id);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, lt_dev_column_text (stmt, 1));
      lt_builder_add_instant (builder, "at", at);
      json_builder_set_member_name (builder, "author");
      json_builder_add_string_value (builder, lt_dev_column_text (stmt, 3));
      json_builder_set_member_name (builder, "body");
      json_builder_add_string_value (builder, lt_dev_column_text (stmt, 4));
      lt_builder_add_string_or_null (builder, "from_state", lt_dev_column_text (stmt, 5));
      lt_builder_add_string_or_null (builder, "to_state", lt_dev_column_text (stmt, 6));
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, sqlite3_column_int (stmt, 7));
      json_builder_set_member_name (builder, "attachment");
      if (sqlite3_column_type (stmt, 8) != SQLITE_NULL)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, lt_dev_column_text (stmt, 8));
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 9));
          json_builder_set_member_name (builder, "content_type");
          json_builder_add_string_value (builder, lt_dev_column_text (stmt, 10));
          json_builder_end_object (builder);
        }
      else
        {
          json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  return ok;
}

JsonNode *
lt_devportal_ticket_to_json (LtDevportal  *self,
                             LtDevTicket  *t,
                             gboolean      with_events,
                             GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  LtTicket *ticket = t->ticket;
  const char * const *known = lt_ticket_get_known_issue_ids (ticket);
  g_autoptr(GError) local_error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, lt_ticket_get_id (ticket));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, lt_ticket_get_title (ticket));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, lt_ticket_get_description (ticket));
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, lt_enum_to_nick (LT_TYPE_SEVERITY, lt_ticket_get_severity (ticket)));
  json_builder_set_member_name (builder, "category");
  json_builder_add_string_value (builder, lt_ticket_get_category (ticket));
  json_builder_set_member_name (builder, "break_fix");
  json_builder_add_boolean_value (builder, lt_ticket_get_break_fix (ticket));
  json_builder_set_member_name (builder, "security_incident");
  json_builder_add_boolean_value (builder, lt_ticket_get_security_incident (ticket));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, lt_enum_to_nick (LT_TYPE_TICKET_STATE, lt_ticket_get_state (ticket)));
  json_builder_set_member_name (builder, "close_reason");
  json_builder_add_string_value (builder, lt_enum_to_nick (LT_TYPE_CLOSE_REASON, lt_ticket_get_close_reason (ticket)));
  lt_builder_add_instant (builder, "opened_at", lt_ticket_get_opened_at (ticket));
  lt_builder_add_instant (builder, "updated_at", lt_ticket_get_updated_at (ticket));
  lt_builder_add_instant (builder, "first_response_at", lt_ticket_get_first_response_at (ticket));
  lt_builder_add_instant (builder, "response_due", lt_ticket_get_response_due (ticket));
  lt_builder_add_instant (builder, "awaiting_since", lt_ticket_get_awaiting_since (ticket));
  lt_builder_add_instant (builder, "resolved_at", lt_ticket_get_resolved_at (ticket));
  lt_builder_add_instant (builder, "closed_at", lt_ticket_get_closed_at (ticket));
  json_builder_set_member_name (builder, "escalation_level");
  json_builder_add_int_value (builder, lt_ticket_get_escalation_level (ticket));
  lt_builder_add_string_or_null (builder, "product_version", lt_ticket_get_product_version (ticket));
  lt_builder_add_string_or_null (builder, "installation", lt_ticket_get_installation (ticket));
  lt_builder_add_string_or_null (builder, "contact", lt_ticket_get_contact (ticket));
  json_builder_set_member_name (builder, "known_issue_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; known != NULL && known[i] != NULL; i++)
    json_builder_add_string_value (builder, known[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "feature_criteria");
  if (t->feature_criteria != NULL)
    json_builder_add_value (builder, json_from_string (t->feature_criteria, NULL));
  else
    json_builder_add_null_value (builder);
  lt_builder_add_string_or_null (builder, "references_ticket", t->references_ticket);
  if (with_events && !add_events (self, builder, t->pk, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The answer to every ticket action: the ticket after it, with events. */
static gboolean
respond_ticket (LtDevportal  *self,
                LtDevTicket  *t,
                guint         status,
                LtResponse   *resp,
                GError      **error)
{
  JsonNode *node = lt_devportal_ticket_to_json (self, t, TRUE, error);

  if (node == NULL)
    return FALSE;
  lt_response_set_json (resp, status, node);
  g_free (resp->resource_id);
  resp->resource_id = g_strdup (lt_ticket_get_id (t->ticket));
  return TRUE;
}

char *
lt_devportal_dup_customer_author (LtDevportal *self)
{
  g_auto(LtDevStmt) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = lt_devportal_db_prepare (self->db,
                                  "SELECT coalesce (contact_name, customer_name) FROM account WHERE id = 1",
                                  NULL);
  if (stmt == NULL || !lt_devportal_db_step (self->db, stmt, &has_row, NULL) || !has_row)
    return g_strdup (_("Customer"));
  return g_strdup (lt_dev_column_text (stmt, 0));
}

/**
 * lt_devportal_insert_ticket:
 * @self: a #LtDevportal
 * @model: the new ticket's fields; its id, state and timestamps other than
 *   opened-at and response-due are ignored
 * @feature_criteria: (nullable): JSON text of the §15 criteria
 * @references: (nullable): the id of the ticket this one follows up
 * @error: a #GError
 *
 * Stores a new submitted ticket with the next id. Call inside a
 * transaction.
 *
 * Returns: (transfer full): the stored ticket
 */
LtDevTicket *
lt_devportal_insert_ticket (LtDevportal  *self,
                            LtTicket     *model,
                            const char   *feature_criteria,
                            const char   *references,
                            GError      **error)
{
  g_autofree char *known_json = lt_strv_to_json (lt_ticket_get_known_issue_ids (model));
  g_autofree char *id = NULL;
  gint64 pk = 0;

  {
    g_auto(LtDevStmt) stmt = NULL;
    gboolean has_row = FALSE;

    stmt = lt_devportal_db_prepare (self->db, "SELECT coalesce (max (pk), 0) + 1 FROM tickets", error);
    if (stmt == NULL || !lt_devportal_db_step (self->db, stmt, &has_row, error))
      return NULL;
    pk = sqlite3_column_int64 (stmt, 0);
  }
  id = g_strdup_printf ("LT-%06" G_GINT64_FORMAT, pk);

  {
    g_auto(LtDevStmt) stmt = NULL;

    stmt = lt_devportal_db_prepare (self->db,
                                    "INSERT INTO tickets (pk, id, title, description, severity,"
                                    " category, break_fix, security_incident, state, opened_at,"
                                    " updated_at, response_due, product_version, installation,"
                                    " contact, known_issue_ids, feature_criteria, references_ticket)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?, ?,"
                                    " ?, ?, ?)",
                                    error);
    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, pk);
    sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
    lt_dev_bind_text (stmt, 3, lt_ticket_get_title (model));
    lt_dev_bind_text (stmt, 4, lt_ticket_get_description (model));
    sqlite3_bind_text (stmt, 5, lt_enum_to_nick (LT_TYPE_SEVERITY, lt_ticket_get_severity (model)),
                       -1, SQLITE_STATIC);
    lt_dev_bind_text (stmt, 6, lt_ticket_get_category (model));
    sqlite3_bind_int (stmt, 7, lt_ticket_get_break_fix (model));
    sqlite3_bind_int (stmt, 8, lt_ticket_get_security_incident (model));
    lt_dev_bind_instant (stmt, 9, lt_ticket_get_opened_at (model));
    lt_dev_bind_instant (stmt, 10, lt_ticket_get_opened_at (model));
    lt_dev_bind_instant (stmt, 11, lt_ticket_get_response_due (model));
    lt_dev_bind_text (stmt, 12, lt_ticket_get_product_version (model));
    lt_dev_bind_text (stmt, 13, lt_ticket_get_installation (model));
    lt_dev_bind_text (stmt, 14, lt_ticket_get_contact (model));
    sqlite3_bind_text (stmt, 15, known_json, -1, SQLITE_TRANSIENT);
    lt_dev_bind_text (stmt, 16, feature_criteria);
    lt_dev_bind_text (stmt, 17, references);
    if (!lt_devportal_db_step_done (self->db, stmt, error))
      return NULL;
  }

  return lt_devportal_load_ticket (self, id, error);
}

/* ---- The sweep ------------------------------------------------------------- */

gboolean
lt_devportal_sweep (LtDevportal  *self,
                    GDateTime    *now,
                    GError      **error)
{
  g_autoptr(GPtrArray) due_tickets = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_dev_ticket_free);
  g_autoptr(LtDevTransaction) tx = NULL;

  {
    g_auto(LtDevStmt) stmt = NULL;
    gboolean has_row = FALSE;
    gboolean ok;

    stmt = lt_devportal_db_prepare (self->db,
                                    "SELECT " TICKET_COLUMNS " FROM tickets"
                                    " WHERE state IN ('awaiting-customer', 'resolved')",
                                    error);
    if (stmt == NULL)
      return FALSE;
    while ((ok = lt_devportal_db_step (self->db, stmt, &has_row, error)) && has_row)
      {
        g_autoptr(LtDevTicket) t = ticket_from_row (stmt);
        g_autoptr(GDateTime) due = lt_ticket_dup_auto_close_due (t->ticket, self->policy, NULL);

        if (due != NULL && g_date_time_compare (now, due) >= 0)
          g_ptr_array_add (due_tickets, g_steal_pointer (&t));
      }
    if (!ok)
      return FALSE;
  }

  if (due_tickets->len == 0)
    return TRUE;

  tx = lt_devportal_db_begin (self->db, error);
  if (tx == NULL)
    return FALSE;
  for (guint i = 0; i < due_tickets->len; i++)
    {
      LtDevTicket *t = g_ptr_array_index (due_tickets, i);
      LtCloseReason reason = LT_CLOSE_REASON_NONE;
      g_autoptr(GDateTime) due = lt_ticket_dup_auto_close_due (t->ticket, self->policy, &reason);
      g_autofree char *body = g_strdup_printf (_("Closed automatically: %s"),
                                               lt_close_reason_get_label (reason));

      /* Closed at the deadline, not when the sweep noticed: the reopen
       * window counts from the instant the policy closed the ticket. */
      if (!lt_devportal_ticket_transition (self, t, LT_TICKET_STATE_CLOSED, reason,
                                           due, now, SYSTEM_AUTHOR, body, error))
        return FALSE;
    }
  return lt_dev_transaction_commit (tx, error);
}

/* ---- Handlers ---------------------------------------------------------------- */

/* A list item: the ticket without its events. */
static JsonNode *
list_item_from_row (LtDevportal   *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_autoptr(LtDevTicket) t = ticket_from_row (stmt);

  return lt_devportal_ticket_to_json (self, t, FALSE, error);
}

/* A list item of ?include=events: the ticket with its events, as
 * GET /tickets/{id} has it. */
static JsonNode *
list_item_with_events_from_row (LtDevportal   *self,
                                sqlite3_stmt  *stmt,
                                GError       **error)
{
  g_autoptr(LtDevTicket) t = ticket_from_row (stmt);

  return lt_devportal_ticket_to_json (self, t, TRUE, error);
}

#define TICKET_LIST_SQL \
  "SELECT " TICKET_COLUMNS " FROM tickets" \
  " WHERE updated_at >= ?1 AND (updated_at > ?2 OR (updated_at = ?2 AND id > ?3))" \
  " ORDER BY updated_at, id LIMIT ?4"

static const LtPageQuery ticket_query = {
  TICKET_LIST_SQL, 11, 1, list_item_from_row,
};

static const LtPageQuery ticket_with_events_query = {
  TICKET_LIST_SQL, 11, 1, list_item_with_events_from_row,
};

/* ?include=events (docs/portal.md, "Lists"): the page's tickets with their
 * histories, and "events_included" says which answer this is, so that a
 * client tells it from an older portal's, which ignores the parameter. */
gboolean
lt_devportal_list_tickets (LtDevportal  *self,
                           LtRequest    *req,
                           LtResponse   *resp,
                           GError      **error)
{
  const char *include = req->query != NULL ? g_hash_table_lookup (req->query, "include") : NULL;
  gboolean with_events = include != NULL;

  if (include != NULL && !g_str_equal (include, "events"))
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   _("include: expected “events”, not “%s”"), include);
      return FALSE;
    }
  if (!lt_devportal_respond_page (self, req, with_events ? &ticket_with_events_query : &ticket_query,
                                  NULL, 0, resp, error))
    return FALSE;
  json_object_set_boolean_member (json_node_get_object (resp->body), "events_included", with_events);
  return TRUE;
}

gboolean
lt_devportal_get_ticket (LtDevportal  *self,
                         LtRequest    *req,
                         LtResponse   *resp,
                         GError      **error)
{
  g_autoptr(LtDevTicket) t = lt_devportal_load_ticket (self, req->segments[1], error);

  if (t == NULL)
    return FALSE;
  return respond_ticket (self, t, SOUP_STATUS_OK, resp, error);
}

static gboolean
check_primary_contact (LtDevportal  *self,
                       GError      **error)
{
  g_auto(LtDevStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean has_row = FALSE;

  stmt = lt_devportal_db_prepare (self->db,
                                  "SELECT contact_name, contact_email, contact_phone FROM account"
                                  " WHERE id = 1",
                                  error);
  if (stmt == NULL || !lt_devportal_db_step (self->db, stmt, &has_row, error))
    return FALSE;
  if (!has_row ||
      !lt_rules_validate_primary_contact (lt_dev_column_text (stmt, 0),
                                          lt_dev_column_text (stmt, 1),
                                          lt_dev_column_text (stmt, 2),
                                          &local_error))
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_PRIMARY_CONTACT_REQUIRED,
                   _("The account needs a complete primary technical contact before filing: %s"),
                   local_error != NULL ? local_error->message : _("none is named"));
      return FALSE;
    }
  return TRUE;
}

/* §15: a feature request carries the customer's text for every criterion
 * of the policy; any other ticket carries none. */
static gboolean
read_feature_criteria (LtDevportal  *self,
                       JsonObject   *body,
                       LtSeverity    severity,
                       char        **json,
                       GError      **error)
{
  JsonNode *node = json_object_get_member (body, "feature_criteria");
  const char * const *ids = lt_policy_get_feature_criterion_ids (self->policy);
  JsonObject *object;

  *json = NULL;
  if (severity != LT_SEVERITY_FEATURE)
    {
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                               _("$.feature_criteria: only a feature request carries criteria"));
          return FALSE;
        }
      return TRUE;
    }

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("$.feature_criteria: a feature request needs an object with the "
                             "policy's prioritisation criteria"));
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!lt_body_check_members (object, "$.feature_criteria", ids, error))
    return FALSE;
  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *text = NULL;
      g_autofree char *name = g_strdup_printf ("feature_criteria.%s", ids[i]);

      if (!lt_body_get_string (object, ids[i], LT_FIELD_REQUIRED | LT_FIELD_NOT_BLANK, 2000,
                               &text, error))
        {
          g_prefix_error (error, "%s: ", name);
          return FALSE;
        }
    }
  *json = lt_json_canonicalize (node);
  return TRUE;
}

gboolean
lt_devportal_create_ticket (LtDevportal  *self,
                            LtRequest    *req,
                            LtResponse   *resp,
                            GError      **error)
{
  static const char * const members[] = {
    "title", "description", "severity", "category", "scope_acknowledged", "break_fix",
    "security_incident", "product_version", "installation", "contact", "known_issue_ids",
    "feature_criteria", "references_ticket", NULL
  };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LtTicket) model = lt_ticket_new ();
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(LtDevTicket) created = NULL;
  g_auto(GStrv) known = NULL;
  g_autofree char *criteria = NULL;
  LtScopeCheck scope = { 0 };
  gboolean scope_ok;
  const char *title = NULL, *description = NULL, *category = NULL;
  const char *product_version = NULL, *installation = NULL, *contact = NULL;
  const char *references = NULL;
  gboolean acknowledged = FALSE, break_fix = FALSE, security = FALSE;
  int severity = LT_SEVERITY_S3;
  LtTier tier;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_string (req->body, "title", LT_FIELD_REQUIRED | LT_FIELD_NOT_BLANK, 200, &title, error) ||
      !lt_body_get_string (req->body, "description", LT_FIELD_REQUIRED | LT_FIELD_NOT_BLANK, 20000,
                           &description, error) ||
      !lt_body_get_enum (req->body, "severity", LT_FIELD_REQUIRED, LT_TYPE_SEVERITY, &severity, error) ||
      !lt_body_get_string (req->body, "category", LT_FIELD_REQUIRED | LT_FIELD_NOT_BLANK, 200,
                           &category, error) ||
      !lt_body_get_bool (req->body, "scope_acknowledged", LT_FIELD_OPTIONAL, &acknowledged, error) ||
      !lt_body_get_bool (req->body, "break_fix", LT_FIELD_OPTIONAL, &break_fix, error) ||
      !lt_body_get_bool (req->body, "security_incident", LT_FIELD_OPTIONAL, &security, error) ||
      !lt_body_get_string (req->body, "product_version", LT_FIELD_NULLABLE, 64, &product_version, error) ||
      !lt_body_get_string (req->body, "installation", LT_FIELD_NULLABLE, 200, &installation, error) ||
      !lt_body_get_string (req->body, "contact", LT_FIELD_NULLABLE, 200, &contact, error) ||
      !lt_body_get_strv (req->body, "known_issue_ids", LT_FIELD_OPTIONAL, 50, 32, &known, error) ||
      !lt_body_get_string (req->body, "references_ticket", LT_FIELD_NULLABLE, 32, &references, error) ||
      !read_feature_criteria (self, req->body, severity, &criteria, error))
    return FALSE;

  /* R7 scope, R6 severity of a security incident, R1 version, known-issue
   * IDs: each with the core's own check. */
  if (!lt_rules_check_scope_for_policy (self->policy, category, &scope, &local_error))
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   "$.category: %s", local_error->message);
      return FALSE;
    }
  scope_ok = lt_rules_scope_allows_filing (&scope, acknowledged, &local_error);
  if (!scope_ok)
    g_set_error (error, LT_API_ERROR, LT_API_ERROR_SCOPE_ACKNOWLEDGEMENT_REQUIRED,
                 "%s", scope.warning != NULL ? scope.warning : local_error->message);
  lt_scope_check_clear (&scope);
  if (!scope_ok)
    return FALSE;
  if (security)
    {
      LtSeverityAnswers answers = { .security = TRUE };
      LtSeverityAssessment assessment = { 0 };
      gboolean matches;

      if (!lt_rules_assess_severity (&answers, &assessment, error))
        return FALSE;
      matches = ((int) assessment.severity == severity);
      if (!matches)
        g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                     "$.severity: %s", assessment.reason);
      lt_severity_assessment_clear (&assessment);
      if (!matches)
        return FALSE;
    }
  if (product_version != NULL)
    {
      g_autoptr(LtVersion) version = lt_version_parse (product_version, &local_error);

      if (version == NULL)
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       "$.product_version: %s", local_error->message);
          return FALSE;
        }
    }
  for (guint i = 0; known != NULL && known[i] != NULL; i++)
    {
      if (!lt_release_validate_issue_id (known[i], &local_error))
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       "$.known_issue_ids[%u]: %s", i, local_error->message);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          if (g_strcmp0 (known[i], known[j]) == 0)
            {
              g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("$.known_issue_ids[%u]: “%s” is listed twice"), i, known[i]);
              return FALSE;
            }
        }
    }
  if (references != NULL)
    {
      g_autoptr(LtDevTicket) earlier = lt_devportal_load_ticket (self, references, &local_error);

      if (earlier == NULL)
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       "$.references_ticket: %s", local_error->message);
          return FALSE;
        }
    }
  /* R10: checked after the body so that a malformed request is reported
   * as such whatever the account's state. */
  if (!check_primary_contact (self, error))
    return FALSE;

  tier = lt_devportal_get_tier (self, error);
  if (error != NULL && *error != NULL)
    return FALSE;

  /* R4: the response target in business time from the account's tier and
   * the severity (NULL for feature requests). */
  lt_ticket_set_title (model, title);
  lt_ticket_set_description (model, description);
  lt_ticket_set_severity (model, severity);
  lt_ticket_set_category (model, category);
  lt_ticket_set_break_fix (model, break_fix);
  lt_ticket_set_security_incident (model, security);
  lt_ticket_set_product_version (model, product_version);
  lt_ticket_set_installation (model, installation);
  lt_ticket_set_contact (model, contact);
  lt_ticket_set_known_issue_ids (model, (const char * const *) known);
  lt_ticket_set_opened_at (model, req->now);
  due = lt_ticket_dup_response_due (model, self->policy, tier);
  lt_ticket_set_response_due (model, due);

  created = lt_devportal_insert_ticket (self, model, criteria, references, error);
  if (created == NULL)
    return FALSE;
  return respond_ticket (self, created, SOUP_STATUS_CREATED, resp, error);
}

/* Refuses @action with invalid_transition when the R5 table does not offer
 * it in the ticket's state. */
static gboolean
check_action (LtDevportal       *self,
              LtDevTicket       *t,
              GDateTime         *now,
              LtCustomerAction   action,
              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  LtTicket *ticket = t->ticket;

  if (lt_lifecycle_check_customer_action_for_policy (self->policy,
                                                     lt_ticket_get_state (ticket),
                                                     lt_ticket_get_closed_at (ticket),
                                                     lt_ticket_get_escalation_level (ticket),
                                                     now, action, &local_error))
    return TRUE;

  g_set_error (error, LT_API_ERROR, LT_API_ERROR_INVALID_TRANSITION,
               "%s: %s", lt_ticket_get_id (ticket), local_error->message);
  return FALSE;
}

gboolean
lt_devportal_comment_ticket (LtDevportal  *self,
                             LtRequest    *req,
                             LtResponse   *resp,
                             GError      **error)
{
  static const char * const members[] = { "body", NULL };
  g_autoptr(LtDevTicket) t = NULL;
  g_autofree char *author = lt_devportal_dup_customer_author (self);
  const char *text = NULL;
  LtTicketState state;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_string (req->body, "body", LT_FIELD_REQUIRED | LT_FIELD_NOT_BLANK, 20000,
                           &text, error))
    return FALSE;

  t = lt_devportal_load_ticket (self, req->segments[1], error);
  if (t == NULL || !check_action (self, t, req->now, LT_CUSTOMER_ACTION_COMMENT, error))
    return FALSE;

  if (!lt_devportal_ticket_add_event (self, t, LT_TICKET_EVENT_KIND_COMMENT, req->now, author, text,
                                      0, error))
    return FALSE;

  /* The customer answered (awaiting-customer), or says the fix did not
   * work (resolved, "not fixed"): either way support has the ball again. */
  state = lt_ticket_get_state (t->ticket);
  if (state == LT_TICKET_STATE_RESOLVED &&
      !check_action (self, t, req->now, LT_CUSTOMER_ACTION_NOT_FIXED, error))
    return FALSE;
  if (state == LT_TICKET_STATE_AWAITING_CUSTOMER || state == LT_TICKET_STATE_RESOLVED)
    {
      if (!lt_devportal_ticket_transition (self, t, LT_TICKET_STATE_IN_PROGRESS, LT_CLOSE_REASON_NONE,
                                           req->now, req->now, author, NULL, error))
        return FALSE;
    }
  else if (!lt_devportal_ticket_touch (self, t, req->now, error))
    {
      return FALSE;
    }
  return respond_ticket (self, t, SOUP_STATUS_CREATED, resp, error);
}

/* The value of a Content-Disposition parameter of a part, or NULL. */
static char *
part_disposition_param (SoupMessageHeaders *headers,
                        const char         *name)
{
  g_autofree char *disposition = NULL;
  g_autoptr(GHashTable) params = NULL;

  if (!soup_message_headers_get_content_disposition (headers, &disposition, &params))
    return NULL;
  if (g_ascii_strcasecmp (disposition, "form-data") != 0)
    return NULL;
  return g_strdup (g_hash_table_lookup (params, name));
}

gboolean
lt_devportal_attach_ticket (LtDevportal  *self,
                            LtRequest    *req,
                            LtResponse   *resp,
                            GError      **error)
{
  g_autoptr(LtDevTicket) t = NULL;
  g_autofree char *author = lt_devportal_dup_customer_author (self);
  g_autofree char *filename = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *note = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *base = NULL;
  GBytes *file = NULL;

  for (int i = 0; i < soup_multipart_get_length (req->multipart); i++)
    {
      SoupMessageHeaders *headers = NULL;
      GBytes *body = NULL;
      g_autofree char *name = NULL;

      soup_multipart_get_part (req->multipart, i, &headers, &body);
      name = part_disposition_param (headers, "name");
      if (g_strcmp0 (name, "file") == 0 && file == NULL)
        {
          const char *type = soup_message_headers_get_content_type (headers, NULL);

          file = body;
          filename = part_disposition_param (headers, "filename");
          content_type = g_strdup (type != NULL ? type : "application/octet-stream");
        }
      else if (g_strcmp0 (name, "note") == 0 && note == NULL)
        {
          note = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
          if (!g_utf8_validate (note, -1, NULL) || g_utf8_strlen (note, -1) > 2000)
            {
              g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                                   _("note: expected UTF-8 text of at most 2000 characters"));
              return FALSE;
            }
        }
      else
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       _("The upload has a part “%s”; only “file” and “note” are taken, once each"),
                       name != NULL ? name : "");
          return FALSE;
        }
    }

  if (file == NULL)
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("file: the upload needs a part named “file”"));
      return FALSE;
    }
  if (g_bytes_get_size (file) > LT_ATTACHMENT_MAX_SIZE)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_PAYLOAD_TOO_LARGE,
                   _("file: larger than %lu bytes"), (unsigned long) LT_ATTACHMENT_MAX_SIZE);
      return FALSE;
    }
  /* Only the last path component counts: a browser-style "C:\logs\a.log"
   * or "../a.log" must not name anything but the file itself. */
  if (filename != NULL)
    {
      g_strdelimit (filename, "\\", '/');
      base = g_path_get_basename (filename);
    }
  if (base == NULL || base[0] == '\0' || g_strcmp0 (base, "/") == 0 || g_strcmp0 (base, ".") == 0 ||
      g_strcmp0 (base, "..") == 0 || !g_utf8_validate (base, -1, NULL) || strlen (base) > 255)
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("file: the part needs a file name (Content-Disposition filename)"));
      return FALSE;
    }

  t = lt_devportal_load_ticket (self, req->segments[1], error);
  if (t == NULL || !check_action (self, t, req->now, LT_CUSTOMER_ACTION_ATTACH, error))
    return FALSE;

  digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, file);
  if (!lt_devportal_ticket_add_attachment (self, t, req->now, author, note, base,
                                           g_bytes_get_size (file), content_type, digest, error) ||
      !lt_devportal_ticket_touch (self, t, req->now, error))
    return FALSE;
  return respond_ticket (self, t, SOUP_STATUS_CREATED, resp, error);
}

/* The customer closes the ticket (@action, for @reason), with an optional
 * text in the body's only member, @member. */
static gboolean
close_by_customer (LtDevportal       *self,
                   LtRequest         *req,
                   LtResponse        *resp,
                   const char        *member,
                   LtCustomerAction   action,
                   LtCloseReason      reason,
                   GError           **error)
{
  const char * const members[] = { member, NULL };
  g_autoptr(LtDevTicket) t = NULL;
  g_autofree char *author = lt_devportal_dup_customer_author (self);
  const char *text = NULL;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_string (req->body, member, LT_FIELD_NULLABLE, 2000, &text, error))
    return FALSE;

  t = lt_devportal_load_ticket (self, req->segments[1], error);
  if (t == NULL || !check_action (self, t, req->now, action, error))
    return FALSE;
  if (!lt_devportal_ticket_transition (self, t, LT_TICKET_STATE_CLOSED, reason,
                                       req->now, req->now, author, text, error))
    return FALSE;
  return respond_ticket (self, t, SOUP_STATUS_OK, resp, error);
}

gboolean
lt_devportal_confirm_ticket (LtDevportal  *self,
                             LtRequest    *req,
                             LtResponse   *resp,
                             GError      **error)
{
  return close_by_customer (self, req, resp, "note", LT_CUSTOMER_ACTION_CONFIRM_CLOSURE,
                            LT_CLOSE_REASON_CONFIRMED, error);
}

gboolean
lt_devportal_reopen_ticket (LtDevportal  *self,
                            LtRequest    *req,
                            LtResponse   *resp,
                            GError      **error)
{
  static const char * const members[] = { "reason", NULL };
  g_autoptr(LtDevTicket) t = NULL;
  g_autofree char *author = lt_devportal_dup_customer_author (self);
  const char *reason = NULL;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_string (req->body, "reason", LT_FIELD_REQUIRED | LT_FIELD_NOT_BLANK, 2000,
                           &reason, error))
    return FALSE;

  t = lt_devportal_load_ticket (self, req->segments[1], error);
  if (t == NULL)
    return FALSE;

  /* R5, §14: inside the window only; the deadline itself is outside. */
  if (lt_ticket_get_state (t->ticket) == LT_TICKET_STATE_CLOSED &&
      !lt_ticket_can_reopen (t->ticket, self->policy, req->now))
    {
      g_autoptr(GError) local_error = NULL;

      check_action (self, t, req->now, LT_CUSTOMER_ACTION_REOPEN, &local_error);
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_REOPEN_WINDOW_CLOSED,
                           local_error != NULL ? local_error->message
                                               : _("The reopen window has closed"));
      return FALSE;
    }
  if (!check_action (self, t, req->now, LT_CUSTOMER_ACTION_REOPEN, error) ||
      !lt_devportal_ticket_transition (self, t, LT_TICKET_STATE_REOPENED, LT_CLOSE_REASON_NONE,
                                       req->now, req->now, author, reason, error))
    return FALSE;
  return respond_ticket (self, t, SOUP_STATUS_OK, resp, error);
}

gboolean
lt_devportal_escalate_ticket (LtDevportal  *self,
                              LtRequest    *req,
                              LtResponse   *resp,
                              GError      **error)
{
  static const char * const members[] = { "reason", NULL };
  g_autoptr(LtDevTicket) t = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *author = lt_devportal_dup_customer_author (self);
  const LtEscalationLevel *next;
  const char *reason = NULL;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_string (req->body, "reason", LT_FIELD_REQUIRED, 2000, &reason, error))
    return FALSE;
  if (!lt_rules_check_escalation_reason (reason, &local_error))
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   "$.reason: %s", local_error->message);
      return FALSE;
    }

  t = lt_devportal_load_ticket (self, req->segments[1], error);
  if (t == NULL)
    return FALSE;
  if (!lt_lifecycle_state_is_open (lt_ticket_get_state (t->ticket)))
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_INVALID_TRANSITION,
                   _("%s: a closed ticket cannot be escalated"), lt_ticket_get_id (t->ticket));
      return FALSE;
    }

  /* R11: one level at a time; refused at the policy's highest level. */
  next = lt_ticket_get_next_escalation (t->ticket, self->policy, &local_error);
  if (next == NULL)
    {
      g_set_error (error, LT_API_ERROR,
                   g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_ALLOWED)
                   ? LT_API_ERROR_ESCALATION_MAX_LEVEL : LT_API_ERROR_INTERNAL_ERROR,
                   "%s: %s", lt_ticket_get_id (t->ticket), local_error->message);
      return FALSE;
    }

  lt_ticket_set_escalation_level (t->ticket, next->level);
  if (!lt_devportal_ticket_add_event (self, t, LT_TICKET_EVENT_KIND_ESCALATION, req->now, author,
                                      reason, next->level, error) ||
      !lt_devportal_ticket_touch (self, t, req->now, error))
    return FALSE;
  return respond_ticket (self, t, SOUP_STATUS_CREATED, resp, error);
}

gboolean
lt_devportal_withdraw_ticket (LtDevportal  *self,
                              LtRequest    *req,
                              LtResponse   *resp,
                              GError      **error)
{
  return close_by_customer (self, req, resp, "reason", LT_CUSTOMER_ACTION_WITHDRAW,
                            LT_CLOSE_REASON_WITHDRAWN, error);
}
