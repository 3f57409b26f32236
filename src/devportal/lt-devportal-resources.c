/* lt-devportal-resources.c: account, policy, releases, maintenance windows
 * and change notices
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-devportal"

#include "config.h"

#include "lt-devportal-private.h"

#include "lt-change-notice.h"
#include "lt-date-util.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

/* ---- Account ------------------------------------------------------------ */

JsonNode *
lt_devportal_account_to_json (LtDevportal  *self,
                              GError      **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GDateTime) updated = NULL;
  gboolean has_row = FALSE;
  gboolean ok;

  json_builder_begin_object (builder);
  {
    g_auto(LtDevStmt) stmt = NULL;

    stmt = lt_devportal_db_prepare (self->db,
                                    "SELECT customer_name, tier, contact_name, contact_email,"
                                    " contact_phone, csm_email, updated_at FROM account WHERE id = 1",
                                    error);
    if (stmt == NULL || !lt_devportal_db_step (self->db, stmt, &has_row, error))
      return NULL;
    if (!has_row)
      {
        g_set_error_literal (error, LT_ERROR, LT_ERROR_STORE, _("The portal has no account"));
        return NULL;
      }

    json_builder_set_member_name (builder, "customer_name");
    json_builder_add_string_value (builder, lt_dev_column_text (stmt, 0));
    json_builder_set_member_name (builder, "tier");
    json_builder_add_string_value (builder, lt_dev_column_text (stmt, 1));
    json_builder_set_member_name (builder, "primary_contact");
    if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
      {
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "name");
        json_builder_add_string_value (builder, lt_dev_column_text (stmt, 2));
        json_builder_set_member_name (builder, "email");
        json_builder_add_string_value (builder, lt_dev_column_text (stmt, 3) ? lt_dev_column_text (stmt, 3) : "");
        json_builder_set_member_name (builder, "phone");
        json_builder_add_string_value (builder, lt_dev_column_text (stmt, 4) ? lt_dev_column_text (stmt, 4) : "");
        json_builder_end_object (builder);
      }
    else
      {
        json_builder_add_null_value (builder);
      }
    lt_builder_add_string_or_null (builder, "csm_email", lt_dev_column_text (stmt, 5));
    updated = lt_dev_column_instant (stmt, 6);
  }

  json_builder_set_member_name (builder, "invoices");
  json_builder_begin_array (builder);
  {
    g_auto(LtDevStmt) stmt = NULL;

    stmt = lt_devportal_db_prepare (self->db,
                                    "SELECT id, issued, amount, currency, paid FROM invoices"
                                    " ORDER BY issued, id",
                                    error);
    if (stmt == NULL)
      return NULL;
    while ((ok = lt_devportal_db_step (self->db, stmt, &has_row, error)) && has_row)
      {
        json_builder_begin_object (builder);
        json_builder_set_member_name (builder, "id");
        json_builder_add_string_value (builder, lt_dev_column_text (stmt, 0));
        json_builder_set_member_name (builder, "issued");
        json_builder_add_string_value (builder, lt_dev_column_text (stmt, 1));
        json_builder_set_member_name (builder, "amount");
        json_builder_add_string_value (builder, lt_dev_column_text (stmt, 2));
        json_builder_set_member_name (builder, "currency");
        json_builder_add_string_value (builder, lt_dev_column_text (stmt, 3));
        json_builder_set_member_name (builder, "paid");
        json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 4));
        json_builder_end_object (builder);
      }
    if (!ok)
      return NULL;
  }
  json_builder_end_array (builder);
  lt_builder_add_instant (builder, "updated_at", updated);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
lt_devportal_get_account (LtDevportal  *self,
                          LtRequest    *req,
                          LtResponse   *resp,
                          GError      **error)
{
  JsonNode *node = lt_devportal_account_to_json (self, error);

  if (node == NULL)
    return FALSE;
  lt_response_set_json (resp, SOUP_STATUS_OK, node);
  return TRUE;
}

/* ---- Documents ------------------------------------------------------------ */

static gboolean
respond_document (LtRequest   *req,
                  LtResponse  *resp,
                  GBytes      *body,
                  const char  *etag)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *if_none_match = soup_message_headers_get_one (headers, "If-None-Match");

  lt_response_add_header (resp, "ETag", etag);
  if (if_none_match != NULL && g_strcmp0 (if_none_match, etag) == 0)
    {
      resp->status = SOUP_STATUS_NOT_MODIFIED;
      return TRUE;
    }
  resp->status = SOUP_STATUS_OK;
  resp->bytes = g_bytes_ref (body);
  return TRUE;
}

gboolean
lt_devportal_get_policy (LtDevportal  *self,
                         LtRequest    *req,
                         LtResponse   *resp,
                         GError      **error)
{
  return respond_document (req, resp, self->policy_body, self->policy_etag);
}

gboolean
lt_devportal_get_releases (LtDevportal  *self,
                           LtRequest    *req,
                           LtResponse   *resp,
                           GError      **error)
{
  return respond_document (req, resp, self->releases_body, self->releases_etag);
}

/* ---- Maintenance windows --------------------------------------------------- */

static gboolean
query_instant (LtRequest   *req,
               const char  *name,
               gint64      *value,
               GError     **error)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) instant = NULL;

  if (text == NULL)
    return TRUE;
  instant = lt_instant_parse (text, &local_error);
  if (instant == NULL)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   "%s: %s", name, local_error->message);
      return FALSE;
    }
  *value = g_date_time_to_unix (instant);
  return TRUE;
}

#define WINDOW_COLUMNS \
  "id, kind, title, description, starts_at, ends_at, announced_at, affects, updated_at"

static JsonNode *
window_from_row (LtDevportal   *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GDateTime) starts = lt_dev_column_instant (stmt, 4);
  g_autoptr(GDateTime) ends = lt_dev_column_instant (stmt, 5);
  g_autoptr(GDateTime) announced = lt_dev_column_instant (stmt, 6);
  g_autoptr(GDateTime) updated = lt_dev_column_instant (stmt, 8);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 0));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 1));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 2));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 3));
  lt_builder_add_instant (builder, "starts_at", starts);
  lt_builder_add_instant (builder, "ends_at", ends);
  lt_builder_add_instant (builder, "announced_at", announced);
  json_builder_set_member_name (builder, "affects");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 7));
  lt_builder_add_instant (builder, "updated_at", updated);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Windows whose [starts_at, ends_at) overlaps [from, to): ?5 is to, ?6
 * from. */
static const LtPageQuery window_query = {
  "SELECT " WINDOW_COLUMNS " FROM maintenance_windows"
  " WHERE updated_at >= ?1 AND (updated_at > ?2 OR (updated_at = ?2 AND id > ?3))"
  " AND starts_at < ?5 AND ends_at > ?6"
  " ORDER BY updated_at, id LIMIT ?4",
  8, 0, window_from_row,
};

/**
 * lt_devportal_window_to_json:
 * @self: a #LtDevportal
 * @id: "MW-000008"
 * @error: %LT_API_ERROR_NOT_FOUND when there is no such window
 *
 * Returns: (transfer full): the window as GET /maintenance-windows lists it
 */
JsonNode *
lt_devportal_window_to_json (LtDevportal  *self,
                             const char   *id,
                             GError      **error)
{
  g_auto(LtDevStmt) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = lt_devportal_db_prepare (self->db,
                                  "SELECT " WINDOW_COLUMNS " FROM maintenance_windows WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!lt_devportal_db_step (self->db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_NOT_FOUND, _("No maintenance window “%s”"), id);
      return NULL;
    }
  return window_from_row (self, stmt, error);
}

gboolean
lt_devportal_list_windows (LtDevportal  *self,
                           LtRequest    *req,
                           LtResponse   *resp,
                           GError      **error)
{
  gint64 from = G_MININT64;
  gint64 to = G_MAXINT64;

  if (!query_instant (req, "from", &from, error) || !query_instant (req, "to", &to, error))
    return FALSE;
  /* A span that ends before it starts is a client's mistake, not a
   * question whose answer is empty (from == to is one). */
  if (from > to)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   _("from: “%s” is after to “%s”"),
                   (const char *) g_hash_table_lookup (req->query, "from"),
                   (const char *) g_hash_table_lookup (req->query, "to"));
      return FALSE;
    }
  return lt_devportal_respond_page (self, req, &window_query, (const gint64[]) { to, from }, 2,
                                    resp, error);
}

/* ---- Change notices ----------------------------------------------------------- */

#define NOTICE_COLUMNS \
  "id, kind, title, description, systems, planned_start, planned_end, rollback_plan, risk," \
  " state, review_outcome, late, submitted_at, updated_at, review_text, replaces, replaced_by"

static void
add_text_or_null (JsonBuilder  *builder,
                  const char   *name,
                  sqlite3_stmt *stmt,
                  int           column)
{
  json_builder_set_member_name (builder, name);
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, lt_dev_column_text (stmt, column));
}

static JsonNode *
notice_from_row (LtDevportal   *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GDateTime) start = lt_dev_column_instant (stmt, 5);
  g_autoptr(GDateTime) end = lt_dev_column_instant (stmt, 6);
  g_autoptr(GDateTime) submitted = lt_dev_column_instant (stmt, 12);
  g_autoptr(GDateTime) updated = lt_dev_column_instant (stmt, 13);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 0));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 1));
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 2));
  json_builder_set_member_name (builder, "description");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 3));
  json_builder_set_member_name (builder, "systems");
  json_builder_add_value (builder, json_from_string (lt_dev_column_text (stmt, 4), NULL));
  lt_builder_add_instant (builder, "planned_start", start);
  lt_builder_add_instant (builder, "planned_end", end);
  json_builder_set_member_name (builder, "rollback_plan");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 7));
  json_builder_set_member_name (builder, "risk");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 8));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 9));
  json_builder_set_member_name (builder, "review_outcome");
  json_builder_add_string_value (builder, lt_dev_column_text (stmt, 10));
  json_builder_set_member_name (builder, "late");
  json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 11));
  lt_builder_add_instant (builder, "submitted_at", submitted);
  lt_builder_add_instant (builder, "updated_at", updated);
  add_text_or_null (builder, "review_text", stmt, 14);
  add_text_or_null (builder, "replaces", stmt, 15);
  add_text_or_null (builder, "replaced_by", stmt, 16);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/**
 * lt_devportal_notice_to_json:
 * @self: a #LtDevportal
 * @id: "CN-000042"
 * @error: %LT_API_ERROR_NOT_FOUND when there is no such notice
 *
 * Returns: (transfer full): the notice as the contract shows it
 */
JsonNode *
lt_devportal_notice_to_json (LtDevportal  *self,
                             const char   *id,
                             GError      **error)
{
  g_auto(LtDevStmt) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = lt_devportal_db_prepare (self->db,
                                  "SELECT " NOTICE_COLUMNS " FROM change_notices WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!lt_devportal_db_step (self->db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_NOT_FOUND, _("No change notice “%s”"), id);
      return NULL;
    }
  return notice_from_row (self, stmt, error);
}

gboolean
lt_devportal_respond_notice (LtDevportal  *self,
                             const char   *id,
                             guint         status,
                             LtResponse   *resp,
                             GError      **error)
{
  JsonNode *node = lt_devportal_notice_to_json (self, id, error);

  if (node == NULL)
    return FALSE;
  lt_response_set_json (resp, status, node);
  return TRUE;
}

static const LtPageQuery notice_query = {
  "SELECT " NOTICE_COLUMNS " FROM change_notices"
  " WHERE updated_at >= ?1 AND (updated_at > ?2 OR (updated_at = ?2 AND id > ?3))"
  " ORDER BY updated_at, id LIMIT ?4",
  13, 0, notice_from_row,
};

gboolean
lt_devportal_list_notices (LtDevportal  *self,
                           LtRequest    *req,
                           LtResponse   *resp,
                           GError      **error)
{
  return lt_devportal_respond_page (self, req, &notice_query, NULL, 0, resp, error);
}

gboolean
lt_devportal_get_notice (LtDevportal  *self,
                         LtRequest    *req,
                         LtResponse   *resp,
                         GError      **error)
{
  return lt_devportal_respond_notice (self, req->segments[1], SOUP_STATUS_OK, resp, error);
}

/* Withdraws @old_id as replaced by @new_id (lt_devportal_create_notice()). */
static gboolean
replace_notice (LtDevportal  *self,
                LtRequest    *req,
                const char   *old_id,
                const char   *new_id,
                GError      **error)
{
  g_autoptr(JsonNode) current = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(LtDevStmt) stmt = NULL;

  current = lt_devportal_notice_to_json (self, old_id, &local_error);
  if (current == NULL)
    {
      /* The notice named does not exist: a bad member, not a missing
       * resource of this request's path. */
      if (g_error_matches (local_error, LT_API_ERROR, LT_API_ERROR_NOT_FOUND))
        g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                     _("$.replaces: no change notice “%s”"), old_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (g_strcmp0 (json_object_get_string_member (json_node_get_object (current), "state"),
                 "withdrawn") == 0)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_INVALID_TRANSITION,
                   _("%s: withdrawn already, so it cannot be replaced"), old_id);
      return FALSE;
    }

  stmt = lt_devportal_db_prepare (self->db,
                                  "UPDATE change_notices SET state = 'withdrawn', replaced_by = ?,"
                                  " updated_at = ? WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, new_id, -1, SQLITE_TRANSIENT);
  lt_dev_bind_instant (stmt, 2, req->now);
  sqlite3_bind_text (stmt, 3, old_id, -1, SQLITE_TRANSIENT);
  return lt_devportal_db_step_done (self->db, stmt, error);
}

gboolean
lt_devportal_create_notice (LtDevportal  *self,
                            LtRequest    *req,
                            LtResponse   *resp,
                            GError      **error)
{
  static const char * const members[] = {
    "kind", "title", "description", "systems", "planned_start", "planned_end",
    "rollback_plan", "risk", "replaces", NULL
  };
  g_autoptr(LtChangeNotice) model = lt_change_notice_new ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_auto(GStrv) systems = NULL;
  g_autofree char *systems_json = NULL;
  g_autofree char *id = NULL;
  const char *title = NULL, *description = NULL, *rollback = NULL, *replaces = NULL;
  int kind = 0, risk = 0;
  gboolean late;
  gint64 pk = 0;

  if (!lt_body_check_members (req->body, "$", members, error) ||
      !lt_body_get_enum (req->body, "kind", LT_FIELD_REQUIRED, LT_TYPE_CHANGE_KIND, &kind, error) ||
      !lt_body_get_string (req->body, "title", LT_FIELD_REQUIRED | LT_FIELD_NOT_BLANK, 200, &title, error) ||
      !lt_body_get_string (req->body, "description", LT_FIELD_REQUIRED, 20000, &description, error) ||
      !lt_body_get_strv (req->body, "systems", LT_FIELD_REQUIRED, 100, 200, &systems, error) ||
      !lt_body_get_instant (req->body, "planned_start", LT_FIELD_REQUIRED, &start, error) ||
      !lt_body_get_instant (req->body, "planned_end", LT_FIELD_REQUIRED, &end, error) ||
      !lt_body_get_string (req->body, "rollback_plan", LT_FIELD_REQUIRED, 20000, &rollback, error) ||
      !lt_body_get_enum (req->body, "risk", LT_FIELD_REQUIRED, LT_TYPE_RISK, &risk, error) ||
      !lt_body_get_string (req->body, "replaces", LT_FIELD_OPTIONAL | LT_FIELD_NULLABLE | LT_FIELD_NOT_BLANK,
                           64, &replaces, error))
    return FALSE;

  if (g_date_time_compare (end, start) < 0)
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("$.planned_end: before planned_start"));
      return FALSE;
    }

  /* R8, computed by the same model method the app uses: both dates are
   * read in the vendor's calendar, the notice date being the portal's
   * clock now. */
  lt_change_notice_set_planned_start (model, start);
  lt_change_notice_set_planned_end (model, end);
  late = lt_change_notice_is_late_at (model, self->policy, req->now);

  {
    g_auto(LtDevStmt) stmt = NULL;
    gboolean has_row = FALSE;

    stmt = lt_devportal_db_prepare (self->db, "SELECT coalesce (max (pk), 0) + 1 FROM change_notices",
                                    error);
    if (stmt == NULL || !lt_devportal_db_step (self->db, stmt, &has_row, error))
      return FALSE;
    pk = sqlite3_column_int64 (stmt, 0);
  }
  id = g_strdup_printf ("CN-%06" G_GINT64_FORMAT, pk);
  systems_json = lt_strv_to_json ((const char * const *) systems);

  /* A reschedule: the old notice is withdrawn and names its replacement,
   * in this request's transaction (one that fails leaves both as they
   * were). A notice withdrawn already, by the customer or by an earlier
   * reschedule, cannot be replaced: 409, like a second withdrawal. */
  if (replaces != NULL && !replace_notice (self, req, replaces, id, error))
    return FALSE;

  {
    g_auto(LtDevStmt) stmt = NULL;

    stmt = lt_devportal_db_prepare (self->db,
                                    "INSERT INTO change_notices (pk, id, kind, title, description,"
                                    " systems, planned_start, planned_end, rollback_plan, risk, state,"
                                    " late, submitted_at, updated_at, replaces)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?)",
                                    error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, pk);
    sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, lt_enum_to_nick (LT_TYPE_CHANGE_KIND, kind), -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 4, title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 5, description, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 6, systems_json, -1, SQLITE_TRANSIENT);
    lt_dev_bind_instant (stmt, 7, start);
    lt_dev_bind_instant (stmt, 8, end);
    sqlite3_bind_text (stmt, 9, rollback, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 10, lt_enum_to_nick (LT_TYPE_RISK, risk), -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 11, late);
    lt_dev_bind_instant (stmt, 12, req->now);
    lt_dev_bind_instant (stmt, 13, req->now);
    if (replaces != NULL)
      sqlite3_bind_text (stmt, 14, replaces, -1, SQLITE_TRANSIENT);
    else
      sqlite3_bind_null (stmt, 14);
    if (!lt_devportal_db_step_done (self->db, stmt, error))
      return FALSE;
  }

  if (!lt_devportal_respond_notice (self, id, SOUP_STATUS_CREATED, resp, error))
    return FALSE;
  resp->resource_id = g_steal_pointer (&id);
  return TRUE;
}

gboolean
lt_devportal_withdraw_notice (LtDevportal  *self,
                              LtRequest    *req,
                              LtResponse   *resp,
                              GError      **error)
{
  static const char * const members[] = { NULL };
  g_autoptr(JsonNode) current = NULL;
  g_auto(LtDevStmt) stmt = NULL;
  const char *id = req->segments[1];

  /* A notice has no history to keep a reason in: the body is {}. */
  if (!lt_body_check_members (req->body, "$", members, error))
    return FALSE;

  current = lt_devportal_notice_to_json (self, id, error);
  if (current == NULL)
    return FALSE;
  if (g_strcmp0 (json_object_get_string_member (json_node_get_object (current), "state"),
                 "withdrawn") == 0)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_INVALID_TRANSITION,
                   _("%s: already withdrawn"), id);
      return FALSE;
    }

  stmt = lt_devportal_db_prepare (self->db,
                                  "UPDATE change_notices SET state = 'withdrawn', updated_at = ?"
                                  " WHERE id = ?",
                                  error);
  if (stmt == NULL)
    return FALSE;
  lt_dev_bind_instant (stmt, 1, req->now);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  if (!lt_devportal_db_step_done (self->db, stmt, error))
    return FALSE;

  if (!lt_devportal_respond_notice (self, id, SOUP_STATUS_OK, resp, error))
    return FALSE;
  resp->resource_id = g_strdup (id);
  return TRUE;
}
