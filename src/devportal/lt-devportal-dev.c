/* lt-devportal-dev.c: the /_dev/ controls (only with --dev-controls)
 *
 * What tests and demos need to play the vendor's side: move the clock,
 * act as a support engineer on tickets and change notices, change the
 * account, publish a release and announce maintenance as the vendor does,
 * switch faults on and off, and count what exists (to assert that a
 * retried request created something exactly once). These endpoints are
 * not part of the contract; they need the same bearer token as the API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-devportal"

#include "config.h"

#include "lt-devportal-private.h"

#include "lt-date-util.h"
#include "lt-change-notice.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

/* Who a support engineer is when the request names nobody. */
#define SUPPORT_AUTHOR "Dana Whitfield (LockThreat Support)"

/* ---- Clock ---------------------------------------------------------------- */

static JsonNode *
clock_to_json (LtDevportal *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GDateTime) now = lt_devportal_dup_now (self);

  json_builder_begin_object (builder);
  lt_builder_add_instant (builder, "now", now);
  json_builder_set_member_name (builder, "frozen");
  json_builder_add_boolean_value (builder, self->clock_frozen);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
lt_devportal_dev_get_clock (LtDevportal  *self,
                            LtRequest    *req,
                            LtResponse   *resp,
                            GError      **error)
{
  lt_response_set_json (resp, SOUP_STATUS_OK, clock_to_json (self));
  return TRUE;
}

gboolean
lt_devportal_dev_set_clock (LtDevportal  *self,
                            LtRequest    *req,
                            LtResponse   *resp,
                            GError      **error)
{
  static const char * const members[] = { "now", "advance_seconds", "frozen", NULL };
  g_autoptr(GDateTime) now = NULL;
  gint64 advance = 0;
  gboolean frozen = TRUE;
  gint64 target;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_instant (req->body, "now", LT_FIELD_OPTIONAL, &now, error) ||
      !lt_body_get_int (req->body, "advance_seconds", LT_FIELD_OPTIONAL,
                        -100LL * 366 * 86400, 100LL * 366 * 86400, &advance, error) ||
      !lt_body_get_bool (req->body, "frozen", LT_FIELD_OPTIONAL, &frozen, error))
    return FALSE;

  /* Setting the time freezes the clock unless told otherwise: a test that
   * sets 10:00 must see 10:00 in every answer, not 10:00 and a bit. */
  target = (now != NULL ? g_date_time_to_unix (now) : g_date_time_to_unix (req->now)) + advance;
  if (!lt_devportal_set_clock (self, frozen, target, error))
    return FALSE;
  lt_response_set_json (resp, SOUP_STATUS_OK, clock_to_json (self));
  return TRUE;
}

/* ---- Acting as support ----------------------------------------------------- */

gboolean
lt_devportal_dev_transition (LtDevportal  *self,
                             LtRequest    *req,
                             LtResponse   *resp,
                             GError      **error)
{
  static const char * const members[] = {
    "to", "close_reason", "first_response", "comment", "author", NULL
  };
  g_autoptr(LtDevTransaction) tx = NULL;
  g_autoptr(LtDevTicket) t = NULL;
  JsonNode *node;
  const char *comment = NULL;
  const char *author = NULL;
  gboolean first_response = FALSE;
  int to = -1;
  int reason = LT_CLOSE_REASON_NONE;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_enum (req->body, "to", LT_FIELD_OPTIONAL, LT_TYPE_TICKET_STATE, &to, error) ||
      !lt_body_get_enum (req->body, "close_reason", LT_FIELD_OPTIONAL, LT_TYPE_CLOSE_REASON,
                         &reason, error) ||
      !lt_body_get_bool (req->body, "first_response", LT_FIELD_OPTIONAL, &first_response, error) ||
      !lt_body_get_string (req->body, "comment", LT_FIELD_NOT_BLANK, 20000, &comment, error) ||
      !lt_body_get_string (req->body, "author", LT_FIELD_NOT_BLANK, 200, &author, error))
    return FALSE;
  if (author == NULL)
    author = SUPPORT_AUTHOR;

  tx = lt_devportal_db_begin (self->db, error);
  if (tx == NULL)
    return FALSE;
  t = lt_devportal_load_ticket (self, req->segments[1], error);
  if (t == NULL)
    return FALSE;

  /* A support comment is a response: the first one is the SLA's first
   * response (R4). */
  if (comment != NULL &&
      !lt_devportal_ticket_add_event (self, t, LT_TICKET_EVENT_KIND_COMMENT, req->now, author,
                                      comment, 0, error))
    return FALSE;
  if ((comment != NULL || first_response) &&
      !lt_devportal_ticket_set_first_response (self, t, req->now, error))
    return FALSE;

  if (to == LT_TICKET_STATE_TRIAGED && lt_ticket_get_state (t->ticket) == LT_TICKET_STATE_SUBMITTED)
    {
      if (!lt_devportal_ticket_triage (self, t, req->now, req->now, author, error))
        return FALSE;
    }
  else if (to >= 0)
    {
      if (!lt_devportal_ticket_transition (self, t, to, reason, req->now, req->now, author, NULL, error))
        return FALSE;
    }
  else if (!lt_devportal_ticket_touch (self, t, req->now, error))
    {
      return FALSE;
    }

  node = lt_devportal_ticket_to_json (self, t, TRUE, error);
  if (node == NULL || !lt_dev_transaction_commit (tx, error))
    {
      g_clear_pointer (&node, json_node_unref);
      return FALSE;
    }
  lt_response_set_json (resp, SOUP_STATUS_OK, node);
  return TRUE;
}

gboolean
lt_devportal_dev_review_notice (LtDevportal  *self,
                                LtRequest    *req,
                                LtResponse   *resp,
                                GError      **error)
{
  static const char * const members[] = { "state", "review_outcome", "review_text", NULL };
  g_auto(LtDevStmt) stmt = NULL;
  g_autoptr(JsonNode) current = NULL;
  const char *id = req->segments[1];
  const char *text = NULL;
  int state = LT_CHANGE_STATE_UNDER_REVIEW;
  int outcome = LT_REVIEW_OUTCOME_NONE;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_enum (req->body, "state", LT_FIELD_REQUIRED, LT_TYPE_CHANGE_STATE, &state, error) ||
      !lt_body_get_enum (req->body, "review_outcome", LT_FIELD_OPTIONAL, LT_TYPE_REVIEW_OUTCOME,
                         &outcome, error) ||
      !lt_body_get_string (req->body, "review_text", LT_FIELD_OPTIONAL | LT_FIELD_NULLABLE,
                           LT_CHANGE_NOTICE_MAX_REVIEW_TEXT, &text, error))
    return FALSE;

  /* R8: an outcome belongs to a reviewed notice, and only to it. */
  if (state != LT_CHANGE_STATE_UNDER_REVIEW && state != LT_CHANGE_STATE_REVIEWED)
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("$.state: support moves a notice to under-review or reviewed"));
      return FALSE;
    }
  if ((state == LT_CHANGE_STATE_REVIEWED) != (outcome != LT_REVIEW_OUTCOME_NONE))
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("$.review_outcome: required for reviewed, and only then"));
      return FALSE;
    }

  current = lt_devportal_notice_to_json (self, id, error);
  if (current == NULL)
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member (json_node_get_object (current), "state"),
                 "withdrawn") == 0)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_INVALID_TRANSITION,
                   _("%s: withdrawn by the customer"), id);
      return FALSE;
    }

  stmt = lt_devportal_db_prepare (self->db,
                                  "UPDATE change_notices SET state = ?, review_outcome = ?,"
                                  " review_text = ?, updated_at = ? WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lt_enum_to_nick (LT_TYPE_CHANGE_STATE, state), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lt_enum_to_nick (LT_TYPE_REVIEW_OUTCOME, outcome), -1, SQLITE_STATIC);
  /* Support's words go with the review ("" or none: no text). */
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  lt_dev_bind_instant (stmt, 4, req->now);
  sqlite3_bind_text (stmt, 5, id, -1, SQLITE_TRANSIENT);
  if (!lt_devportal_db_step_done (self->db, stmt, error))
    return FALSE;
  return lt_devportal_respond_notice (self, id, SOUP_STATUS_OK, resp, error);
}

/* ---- Account -------------------------------------------------------------- */

static gboolean
set_account_column (LtDevportal  *self,
                    const char   *sql,
                    const char   *value,
                    GError      **error)
{
  g_auto(LtDevStmt) stmt = lt_devportal_db_prepare (self->db, sql, error);

  if (stmt == NULL)
    return FALSE;
  lt_dev_bind_text (stmt, 1, value);
  return lt_devportal_db_step_done (self->db, stmt, error);
}

static gboolean
replace_invoices (LtDevportal  *self,
                  JsonArray    *invoices,
                  GError      **error)
{
  static const char * const members[] = { "id", "issued", "amount", "currency", "paid", NULL };

  if (!lt_devportal_db_exec (self->db, "DELETE FROM invoices", error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (invoices); i++)
    {
      JsonNode *element = json_array_get_element (invoices, i);
      g_auto(LtDevStmt) stmt = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonObject *invoice;
      const char *id = NULL, *issued = NULL, *amount = NULL, *currency = NULL;
      gboolean paid = FALSE;
      GDate date;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       _("$.invoices[%u]: expected an object"), i);
          return FALSE;
        }
      invoice = json_node_get_object (element);
      if (!lt_body_check_members (invoice, "$.invoices[]", members, error) ||
          !lt_body_get_string (invoice, "id", LT_FIELD_REQUIRED | LT_FIELD_NOT_BLANK, 64, &id, error) ||
          !lt_body_get_string (invoice, "issued", LT_FIELD_REQUIRED, 10, &issued, error) ||
          !lt_body_get_string (invoice, "amount", LT_FIELD_REQUIRED, 32, &amount, error) ||
          !lt_body_get_string (invoice, "currency", LT_FIELD_REQUIRED, 3, &currency, error) ||
          !lt_body_get_bool (invoice, "paid", LT_FIELD_REQUIRED, &paid, error))
        return FALSE;
      if (!lt_date_parse (issued, &date, &local_error))
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       "$.invoices[%u].issued: %s", i, local_error->message);
          return FALSE;
        }
      if (!g_regex_match_simple ("^-?[0-9]+(\\.[0-9]+)?$", amount, 0, 0) ||
          !g_regex_match_simple ("^[A-Z]{3}$", currency, 0, 0))
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       _("$.invoices[%u]: amount is decimal text and currency an ISO 4217 code"), i);
          return FALSE;
        }

      stmt = lt_devportal_db_prepare (self->db,
                                      "INSERT INTO invoices (id, issued, amount, currency, paid)"
                                      " VALUES (?, ?, ?, ?, ?)",
                                      error);
      if (stmt == NULL)
        return FALSE;
      lt_dev_bind_text (stmt, 1, id);
      lt_dev_bind_text (stmt, 2, issued);
      lt_dev_bind_text (stmt, 3, amount);
      lt_dev_bind_text (stmt, 4, currency);
      sqlite3_bind_int (stmt, 5, paid);
      if (!lt_devportal_db_step_done (self->db, stmt, error))
        {
          g_prefix_error (error, "$.invoices[%u]: ", i);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
lt_devportal_dev_set_account (LtDevportal  *self,
                              LtRequest    *req,
                              LtResponse   *resp,
                              GError      **error)
{
  static const char * const members[] = {
    "customer_name", "tier", "primary_contact", "csm_email", "invoices", NULL
  };
  static const char * const contact_members[] = { "name", "email", "phone", NULL };
  g_autoptr(LtDevTransaction) tx = NULL;
  const char *name = NULL, *csm = NULL;
  JsonNode *contact = json_object_get_member (req->body, "primary_contact");
  JsonNode *invoices = json_object_get_member (req->body, "invoices");
  JsonNode *node;
  int tier = -1;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_string (req->body, "customer_name", LT_FIELD_NOT_BLANK, 200, &name, error) ||
      !lt_body_get_enum (req->body, "tier", LT_FIELD_OPTIONAL, LT_TYPE_TIER, &tier, error) ||
      !lt_body_get_string (req->body, "csm_email", LT_FIELD_NULLABLE, 200, &csm, error))
    return FALSE;
  if (contact != NULL && !JSON_NODE_HOLDS_NULL (contact) && !JSON_NODE_HOLDS_OBJECT (contact))
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("$.primary_contact: expected an object or null"));
      return FALSE;
    }
  if (invoices != NULL && !JSON_NODE_HOLDS_ARRAY (invoices))
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("$.invoices: expected an array"));
      return FALSE;
    }

  tx = lt_devportal_db_begin (self->db, error);
  if (tx == NULL)
    return FALSE;

  if (name != NULL &&
      !set_account_column (self, "UPDATE account SET customer_name = ? WHERE id = 1", name, error))
    return FALSE;
  if (tier >= 0 &&
      !set_account_column (self, "UPDATE account SET tier = ? WHERE id = 1",
                           lt_enum_to_nick (LT_TYPE_TIER, tier), error))
    return FALSE;
  if (json_object_has_member (req->body, "csm_email") &&
      !set_account_column (self, "UPDATE account SET csm_email = ? WHERE id = 1", csm, error))
    return FALSE;
  if (contact != NULL)
    {
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (contact) ? json_node_get_object (contact) : NULL;
      const char *cname = NULL, *email = NULL, *phone = NULL;

      /* Stored as given, even incomplete: that is how a test makes the
       * R10 refusal (primary_contact_required) happen. */
      if (object != NULL &&
          (!lt_body_check_members (object, "$.primary_contact", contact_members, error) ||
           !lt_body_get_string (object, "name", LT_FIELD_REQUIRED, 200, &cname, error) ||
           !lt_body_get_string (object, "email", LT_FIELD_REQUIRED, 200, &email, error) ||
           !lt_body_get_string (object, "phone", LT_FIELD_REQUIRED, 200, &phone, error)))
        return FALSE;
      if (!set_account_column (self, "UPDATE account SET contact_name = ? WHERE id = 1", cname, error) ||
          !set_account_column (self, "UPDATE account SET contact_email = ? WHERE id = 1", email, error) ||
          !set_account_column (self, "UPDATE account SET contact_phone = ? WHERE id = 1", phone, error))
        return FALSE;
    }
  if (invoices != NULL && !replace_invoices (self, json_node_get_array (invoices), error))
    return FALSE;

  {
    g_auto(LtDevStmt) stmt = lt_devportal_db_prepare (self->db,
                                                      "UPDATE account SET updated_at = ? WHERE id = 1",
                                                      error);

    if (stmt == NULL)
      return FALSE;
    lt_dev_bind_instant (stmt, 1, req->now);
    if (!lt_devportal_db_step_done (self->db, stmt, error))
      return FALSE;
  }

  node = lt_devportal_account_to_json (self, error);
  if (node == NULL || !lt_dev_transaction_commit (tx, error))
    {
      g_clear_pointer (&node, json_node_unref);
      return FALSE;
    }
  lt_response_set_json (resp, SOUP_STATUS_OK, node);
  return TRUE;
}

/* ---- Faults ---------------------------------------------------------------- */

static JsonNode *
faults_to_json (LtDevportal *self)
{
  JsonArray *array = json_array_new ();
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < self->faults->len; i++)
    json_array_add_element (array, lt_fault_to_json (g_ptr_array_index (self->faults, i)));
  json_object_set_array_member (object, "faults", array);
  json_node_take_object (node, object);
  return node;
}

gboolean
lt_devportal_dev_add_fault (LtDevportal  *self,
                            LtRequest    *req,
                            LtResponse   *resp,
                            GError      **error)
{
  LtFault *fault = lt_fault_new_from_json (req->body, error);

  if (fault == NULL)
    return FALSE;
  g_ptr_array_add (self->faults, fault);
  lt_response_set_json (resp, SOUP_STATUS_OK, faults_to_json (self));
  return TRUE;
}

gboolean
lt_devportal_dev_list_faults (LtDevportal  *self,
                              LtRequest    *req,
                              LtResponse   *resp,
                              GError      **error)
{
  lt_response_set_json (resp, SOUP_STATUS_OK, faults_to_json (self));
  return TRUE;
}

gboolean
lt_devportal_dev_clear_faults (LtDevportal  *self,
                               LtRequest    *req,
                               LtResponse   *resp,
                               GError      **error)
{
  g_ptr_array_set_size (self->faults, 0);
  lt_response_set_json (resp, SOUP_STATUS_OK, faults_to_json (self));
  return TRUE;
}

/* ---- Stats ------------------------------------------------------------------ */

static gboolean
count_rows (LtDevportal  *self,
            const char   *sql,
            JsonBuilder  *builder,
            const char   *name,
            GError      **error)
{
  g_auto(LtDevStmt) stmt = lt_devportal_db_prepare (self->db, sql, error);
  gboolean has_row = FALSE;

  if (stmt == NULL || !lt_devportal_db_step (self->db, stmt, &has_row, error))
    return FALSE;
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
  return TRUE;
}

gboolean
lt_devportal_dev_stats (LtDevportal  *self,
                        LtRequest    *req,
                        LtResponse   *resp,
                        GError      **error)
{
  static const struct { const char *name; const char *sql; } counts[] = {
    { "tickets", "SELECT count (*) FROM tickets" },
    { "change_notices", "SELECT count (*) FROM change_notices" },
    { "maintenance_windows", "SELECT count (*) FROM maintenance_windows" },
    { "events", "SELECT count (*) FROM ticket_events" },
    { "comments", "SELECT count (*) FROM ticket_events WHERE kind = 'comment'" },
    { "state_changes", "SELECT count (*) FROM ticket_events WHERE kind = 'state-change'" },
    { "escalations", "SELECT count (*) FROM ticket_events WHERE kind = 'escalation'" },
    { "attachments", "SELECT count (*) FROM ticket_events WHERE kind = 'attachment'" },
  };
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_auto(LtDevStmt) stmt = NULL;
  const char *key = req->query != NULL ? g_hash_table_lookup (req->query, "key") : NULL;
  g_autofree char *lower = key != NULL ? g_ascii_strdown (key, -1) : NULL;
  gboolean has_row = FALSE;
  gboolean ok;

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      if (!count_rows (self, counts[i].sql, builder, counts[i].name, error))
        return FALSE;
    }

  /* The API requests served since the start, by route ("GET tickets"):
   * what a client's sync cost in round trips. */
  json_builder_set_member_name (builder, "requests");
  json_builder_begin_object (builder);
  {
    GHashTableIter iter;
    gpointer name, count;

    g_hash_table_iter_init (&iter, self->api_requests);
    while (g_hash_table_iter_next (&iter, &name, &count))
      {
        json_builder_set_member_name (builder, name);
        json_builder_add_int_value (builder, GPOINTER_TO_UINT (count));
      }
  }
  json_builder_end_object (builder);

  stmt = lt_devportal_db_prepare (self->db,
                                  "SELECT key, method, path, status, resource_id, created_at, replays"
                                  " FROM idempotency_keys WHERE ?1 IS NULL OR key = ?1"
                                  " ORDER BY created_at, key",
                                  error);
  if (stmt == NULL)
    return FALSE;
  lt_dev_bind_text (stmt, 1, lower);

  json_builder_set_member_name (builder, "idempotency_keys");
  json_builder_begin_array (builder);
  while ((ok = lt_devportal_db_step (self->db, stmt, &has_row, error)) && has_row)
    {
      g_autoptr(GDateTime) created = lt_dev_column_instant (stmt, 5);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, lt_dev_column_text (stmt, 0));
      json_builder_set_member_name (builder, "method");
      json_builder_add_string_value (builder, lt_dev_column_text (stmt, 1));
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, lt_dev_column_text (stmt, 2));
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, sqlite3_column_int (stmt, 3));
      lt_builder_add_string_or_null (builder, "resource_id", lt_dev_column_text (stmt, 4));
      lt_builder_add_instant (builder, "created_at", created);
      json_builder_set_member_name (builder, "replays");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 6));
      json_builder_end_object (builder);
    }
  if (!ok)
    return FALSE;
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  lt_response_set_json (resp, SOUP_STATUS_OK, json_builder_get_root (builder));
  return TRUE;
}

/* ---- Releases ---------------------------------------------------------------- */

/* Core reports a bad member of the new release at its place in the merged
 * document, "$.releases[N].version: …"; the request's body is "$". */
static void
set_release_error (GError     **error,
                   GError      *local_error,
                   guint        index)
{
  g_autofree char *prefix = g_strdup_printf ("$.releases[%u]", index);
  const char *message = local_error->message;

  if (g_str_has_prefix (message, prefix))
    g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                 "$%s", message + strlen (prefix));
  else
    g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED, message);
}

gboolean
lt_devportal_dev_publish_release (LtDevportal  *self,
                                  LtRequest    *req,
                                  LtResponse   *resp,
                                  GError      **error)
{
  g_autoptr(JsonArray) added = json_array_new ();
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(LtVersion) version = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *member = json_object_get_member (req->body, "version");
  LtRelease *release;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->catalog));
  guint position = 0;

  /* A version the catalog has already, said plainly rather than as core's
   * "listed twice (also at $.releases[7])". */
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING)
    version = lt_version_parse (json_node_get_string (member), NULL);
  if (version != NULL && lt_release_catalog_lookup (self->catalog, version) != NULL)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   _("$.version: “%s” is in the catalog already"), json_node_get_string (member));
      return FALSE;
    }

  json_array_add_element (added, json_node_init_object (json_node_alloc (), req->body));
  catalog = lt_devportal_catalog_new_with (self->catalog, added, &local_error);
  if (catalog == NULL)
    {
      set_release_error (error, local_error, n);
      return FALSE;
    }

  /* The answer is the release as GET /releases now shows it, with the
   * members the body left out filled in. */
  release = lt_release_catalog_lookup (catalog, version);
  for (position = 0; position <= n; position++)
    {
      g_autoptr(LtRelease) item = g_list_model_get_item (G_LIST_MODEL (catalog), position);

      if (item == release)
        break;
    }
  /* Core accepted the version, so the catalog holds it. */
  g_assert (position <= n);
  document = lt_release_catalog_to_json_node (catalog);
  member = json_array_get_element (json_object_get_array_member (json_node_get_object (document),
                                                                 "releases"),
                                   position);
  if (!lt_devportal_publish_release (self, catalog, member, error))
    return FALSE;
  lt_response_set_json (resp, SOUP_STATUS_CREATED, json_node_copy (member));
  return TRUE;
}

/* ---- Maintenance windows -------------------------------------------------------- */

gboolean
lt_devportal_dev_announce_window (LtDevportal  *self,
                                  LtRequest    *req,
                                  LtResponse   *resp,
                                  GError      **error)
{
  static const char * const members[] = {
    "kind", "title", "description", "starts_at", "ends_at", "announced_at", "affects", NULL
  };
  g_autoptr(LtDevTransaction) tx = NULL;
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autoptr(GDateTime) announced = NULL;
  g_autofree char *id = NULL;
  const char *title = NULL;
  const char *description = NULL;
  gboolean has_row = FALSE;
  JsonNode *node;
  int kind = -1;
  int affects = -1;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_enum (req->body, "kind", LT_FIELD_REQUIRED, LT_TYPE_MAINTENANCE_KIND, &kind, error) ||
      !lt_body_get_string (req->body, "title", LT_FIELD_REQUIRED | LT_FIELD_NOT_BLANK, 200, &title, error) ||
      !lt_body_get_string (req->body, "description", LT_FIELD_OPTIONAL, 20000, &description, error) ||
      !lt_body_get_instant (req->body, "starts_at", LT_FIELD_REQUIRED, &starts, error) ||
      !lt_body_get_instant (req->body, "ends_at", LT_FIELD_REQUIRED, &ends, error) ||
      !lt_body_get_instant (req->body, "announced_at", LT_FIELD_OPTIONAL, &announced, error) ||
      !lt_body_get_enum (req->body, "affects", LT_FIELD_REQUIRED, LT_TYPE_MAINTENANCE_AFFECTS,
                         &affects, error))
    return FALSE;
  if (g_date_time_compare (ends, starts) < 0)
    {
      /* The words the client uses when it reads such a window. */
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   "$.ends_at: %s", _("the window ends before it starts"));
      return FALSE;
    }
  /* What the clients have seen cannot have been announced later than now;
   * a window announced ahead is announced when the clock gets there. */
  if (announced != NULL && g_date_time_compare (announced, req->now) > 0)
    {
      g_autofree char *now = lt_instant_to_wire (req->now);

      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   _("$.announced_at: after the portal’s clock (%s)"), now);
      return FALSE;
    }
  if (announced == NULL)
    announced = g_date_time_ref (req->now);

  tx = lt_devportal_db_begin (self->db, error);
  if (tx == NULL)
    return FALSE;
  {
    g_auto(LtDevStmt) stmt = lt_devportal_db_prepare (self->db,
                                                      "SELECT coalesce (max (CAST (substr (id, 4) AS INTEGER)), 0) + 1"
                                                      " FROM maintenance_windows",
                                                      error);

    if (stmt == NULL || !lt_devportal_db_step (self->db, stmt, &has_row, error))
      return FALSE;
    id = g_strdup_printf ("MW-%06" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
  }
  {
    g_auto(LtDevStmt) stmt = lt_devportal_db_prepare (self->db,
                                                      "INSERT INTO maintenance_windows (id, kind, title,"
                                                      " description, starts_at, ends_at, announced_at,"
                                                      " affects, updated_at)"
                                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                                      error);

    if (stmt == NULL)
      return FALSE;
    lt_dev_bind_text (stmt, 1, id);
    lt_dev_bind_text (stmt, 2, lt_enum_to_nick (LT_TYPE_MAINTENANCE_KIND, kind));
    lt_dev_bind_text (stmt, 3, title);
    lt_dev_bind_text (stmt, 4, description != NULL ? description : "");
    lt_dev_bind_instant (stmt, 5, starts);
    lt_dev_bind_instant (stmt, 6, ends);
    lt_dev_bind_instant (stmt, 7, announced);
    lt_dev_bind_text (stmt, 8, lt_enum_to_nick (LT_TYPE_MAINTENANCE_AFFECTS, affects));
    /* Now, not announced_at: a client that synced since then must see it
     * in its next updated_since page. */
    lt_dev_bind_instant (stmt, 9, req->now);
    if (!lt_devportal_db_step_done (self->db, stmt, error))
      return FALSE;
  }

  node = lt_devportal_window_to_json (self, id, error);
  if (node == NULL || !lt_dev_transaction_commit (tx, error))
    {
      g_clear_pointer (&node, json_node_unref);
      return FALSE;
    }
  resp->resource_id = g_strdup (id);
  lt_response_set_json (resp, SOUP_STATUS_CREATED, node);
  return TRUE;
}
