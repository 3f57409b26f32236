/* lt-devportal.c: the reference portal's server, routing, authentication,
 * idempotency, pagination, clock and fault switches
 *
 * Every request runs on the main context, one at a time, so a handler and
 * its database transaction never race another request. Before an API
 * request is handled the auto-close sweep runs with the portal's clock: a
 * deadline that passed (because time went by, or a test moved the clock)
 * is applied before anyone can observe the ticket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-devportal"

#include "config.h"

#include "lt-devportal-private.h"
#include "lt-devportal-hostile.h"

#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-secret.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

G_DEFINE_QUARK (lt-devportal-api-error-quark, lt_api_error)

static const struct
{
  LtApiError  code;
  const char *name;
  guint       status;
} api_errors[] = {
  { LT_API_ERROR_UNAUTHORIZED, "unauthorized", SOUP_STATUS_UNAUTHORIZED },
  { LT_API_ERROR_NOT_FOUND, "not_found", SOUP_STATUS_NOT_FOUND },
  { LT_API_ERROR_METHOD_NOT_ALLOWED, "method_not_allowed", SOUP_STATUS_METHOD_NOT_ALLOWED },
  { LT_API_ERROR_VALIDATION_FAILED, "validation_failed", SOUP_STATUS_BAD_REQUEST },
  { LT_API_ERROR_IDEMPOTENCY_KEY_REQUIRED, "idempotency_key_required", SOUP_STATUS_BAD_REQUEST },
  { LT_API_ERROR_SCOPE_ACKNOWLEDGEMENT_REQUIRED, "scope_acknowledgement_required", SOUP_STATUS_BAD_REQUEST },
  { LT_API_ERROR_IDEMPOTENCY_CONFLICT, "idempotency_conflict", SOUP_STATUS_CONFLICT },
  { LT_API_ERROR_INVALID_TRANSITION, "invalid_transition", SOUP_STATUS_CONFLICT },
  { LT_API_ERROR_REOPEN_WINDOW_CLOSED, "reopen_window_closed", SOUP_STATUS_CONFLICT },
  { LT_API_ERROR_ESCALATION_MAX_LEVEL, "escalation_max_level", SOUP_STATUS_CONFLICT },
  { LT_API_ERROR_PRIMARY_CONTACT_REQUIRED, "primary_contact_required", SOUP_STATUS_CONFLICT },
  { LT_API_ERROR_PAYLOAD_TOO_LARGE, "payload_too_large", SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE },
  { LT_API_ERROR_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE },
  { LT_API_ERROR_RATE_LIMITED, "rate_limited", 429 /* Too Many Requests: not in libsoup 3.2 */ },
  { LT_API_ERROR_INTERNAL_ERROR, "internal_error", SOUP_STATUS_INTERNAL_SERVER_ERROR },
  { LT_API_ERROR_UNAVAILABLE, "unavailable", SOUP_STATUS_SERVICE_UNAVAILABLE },
};

const char *
lt_api_error_get_code (LtApiError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (api_errors); i++)
    {
      if (api_errors[i].code == code)
        return api_errors[i].name;
    }
  return "internal_error";
}

guint
lt_api_error_get_status (LtApiError code)
{
  for (guint i = 0; i < G_N_ELEMENTS (api_errors); i++)
    {
      if (api_errors[i].code == code)
        return api_errors[i].status;
    }
  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

LtApiError
lt_api_error_for_status (guint status)
{
  for (guint i = 0; i < G_N_ELEMENTS (api_errors); i++)
    {
      /* 400 and 409 have several codes; the first listed is the generic one. */
      if (api_errors[i].status == status)
        return api_errors[i].code;
    }
  return status >= 500 ? LT_API_ERROR_INTERNAL_ERROR : LT_API_ERROR_VALIDATION_FAILED;
}

/* ---- Responses ----------------------------------------------------------- */

void
lt_response_clear (LtResponse *resp)
{
  g_clear_pointer (&resp->body, json_node_unref);
  g_clear_pointer (&resp->bytes, g_bytes_unref);
  g_clear_pointer (&resp->resource_id, g_free);
  g_clear_pointer (&resp->headers, g_ptr_array_unref);
}

void
lt_response_add_header (LtResponse *resp,
                        const char *name,
                        const char *value)
{
  if (resp->headers == NULL)
    resp->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (resp->headers, g_strdup (name));
  g_ptr_array_add (resp->headers, g_strdup (value));
}

void
lt_response_set_json (LtResponse *resp,
                      guint       status,
                      JsonNode   *body)
{
  g_clear_pointer (&resp->body, json_node_unref);
  g_clear_pointer (&resp->bytes, g_bytes_unref);
  resp->status = status;
  resp->body = body;
}

static JsonNode *
error_body_new (const char *code,
                const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
set_error_response (LtResponse   *resp,
                    const GError *error)
{
  LtApiError code = LT_API_ERROR_INTERNAL_ERROR;

  if (error->domain == LT_API_ERROR)
    code = error->code;
  else
    g_warning ("Internal error: %s", error->message);

  lt_response_set_json (resp, lt_api_error_get_status (code),
                        error_body_new (lt_api_error_get_code (code), error->message));
  if (code == LT_API_ERROR_UNAUTHORIZED)
    lt_response_add_header (resp, "WWW-Authenticate", "Bearer realm=\"LockThreat Support\"");
}

static GBytes *
response_dup_bytes (LtResponse *resp)
{
  if (resp->bytes != NULL)
    return g_bytes_ref (resp->bytes);
  if (resp->body != NULL)
    {
      char *text = json_to_string (resp->body, FALSE);

      return g_bytes_new_take (text, strlen (text));
    }
  return NULL;
}

/* ---- The clock ------------------------------------------------------------ */

GDateTime *
lt_devportal_dup_now (LtDevportal *self)
{
  gint64 now;

  if (self->clock_frozen)
    now = self->clock_frozen_at;
  else
    now = g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
  return g_date_time_new_from_unix_utc (now);
}

/**
 * lt_devportal_set_clock:
 * @self: a #LtDevportal
 * @frozen: %TRUE to stop the clock at @unix_seconds, %FALSE to let it run
 *   on from there
 * @unix_seconds: the new time
 * @error: a #GError
 *
 * Moves the portal's clock and stores it, so that a restarted portal on the
 * same data continues at the same time as its tickets.
 */
gboolean
lt_devportal_set_clock (LtDevportal  *self,
                        gboolean      frozen,
                        gint64        unix_seconds,
                        GError      **error)
{
  g_autofree char *value = NULL;

  self->clock_frozen = frozen;
  if (frozen)
    {
      self->clock_frozen_at = unix_seconds;
      value = g_strdup_printf ("frozen:%" G_GINT64_FORMAT, unix_seconds);
    }
  else
    {
      self->clock_offset = unix_seconds - g_get_real_time () / G_USEC_PER_SEC;
      value = g_strdup_printf ("offset:%" G_GINT64_FORMAT, self->clock_offset);
    }
  return lt_devportal_db_set_setting (self->db, "clock", value, error);
}

static void
load_clock (LtDevportal *self)
{
  g_autofree char *value = lt_devportal_db_dup_setting (self->db, "clock");
  gint64 number = 0;

  if (value == NULL)
    return;
  if (g_str_has_prefix (value, "frozen:") &&
      g_ascii_string_to_signed (value + strlen ("frozen:"), 10, G_MININT64, G_MAXINT64, &number, NULL))
    {
      self->clock_frozen = TRUE;
      self->clock_frozen_at = number;
    }
  else if (g_str_has_prefix (value, "offset:") &&
           g_ascii_string_to_signed (value + strlen ("offset:"), 10, G_MININT64, G_MAXINT64, &number, NULL))
    {
      self->clock_offset = number;
    }
  else
    {
      g_warning ("Ignoring a stored clock setting “%s”", value);
    }
}

/* ---- The release catalog ------------------------------------------------------- */

/* The settings row that keeps the releases published through
 * /_dev/releases: a JSON array of release objects, in the order they were
 * published. The catalog of --releases (or the bundled one) stays the
 * base; these are added to it at every start. */
#define PUBLISHED_RELEASES_SETTING "published-releases"

static char *
etag_for (GBytes *bytes)
{
  g_autofree char *digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return g_strdup_printf ("\"%.32s\"", digest);
}

static GBytes *
serialize (JsonNode *node)
{
  char *text = json_to_string (node, FALSE);

  return g_bytes_new_take (text, strlen (text));
}

/* Serves @catalog from now on: GET /releases answers its body, and the new
 * ETag makes every client's If-None-Match miss, so the next sync reads it. */
static void
serve_catalog (LtDevportal      *self,
               LtReleaseCatalog *catalog)
{
  g_autoptr(JsonNode) root = lt_release_catalog_to_json_node (catalog);

  g_set_object (&self->catalog, catalog);
  g_clear_pointer (&self->releases_body, g_bytes_unref);
  g_free (self->releases_etag);
  self->releases_body = serialize (root);
  self->releases_etag = etag_for (self->releases_body);
}

/**
 * lt_devportal_catalog_new_with:
 * @base: a catalog
 * @added: release objects, as the catalog document has them
 * @error: %LT_ERROR_INVALID_DATA from the core loader; a bad member of
 *   @added[i] is reported at "$.releases[N + i]", N being the size of @base
 *
 * Returns: (transfer full) (nullable): @base with @added, loaded by the
 *   same core code as every catalog, so a published release is held to
 *   the rules of the catalog's own entries
 */
LtReleaseCatalog *
lt_devportal_catalog_new_with (LtReleaseCatalog  *base,
                               JsonArray         *added,
                               GError           **error)
{
  g_autoptr(JsonNode) current = lt_release_catalog_to_json_node (base);
  JsonArray *releases = json_object_get_array_member (json_node_get_object (current), "releases");
  JsonArray *merged = json_array_new ();
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < json_array_get_length (releases); i++)
    json_array_add_element (merged, json_node_copy (json_array_get_element (releases, i)));
  for (guint i = 0; i < json_array_get_length (added); i++)
    json_array_add_element (merged, json_node_copy (json_array_get_element (added, i)));
  json_object_set_array_member (object, "releases", merged);
  json_node_set_object (root, object);
  return lt_release_catalog_new_from_json_node (root, error);
}

/* The releases published so far, a new array when there are none. */
static JsonArray *
dup_published_releases (LtDevportal  *self,
                        GError      **error)
{
  g_autofree char *text = lt_devportal_db_dup_setting (self->db, PUBLISHED_RELEASES_SETTING);
  g_autoptr(LtJsonDocument) document = NULL;
  JsonNode *root;

  if (text == NULL)
    return json_array_new ();
  document = lt_json_document_parse (text, strlen (text), LT_JSON_MAX_DEPTH, error);
  if (document == NULL)
    return NULL;
  root = lt_json_document_get_root (document);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      lt_json_set_path_error (error, "$", _("expected an array of releases"));
      return NULL;
    }
  return json_array_ref (json_node_get_array (root));
}

/**
 * lt_devportal_publish_release:
 * @self: a #LtDevportal
 * @catalog: the catalog with the new release, from
 *   lt_devportal_catalog_new_with()
 * @release: the new release as @catalog writes it
 * @error: a #GError
 *
 * Stores @release with the published ones, then serves @catalog.
 */
gboolean
lt_devportal_publish_release (LtDevportal       *self,
                              LtReleaseCatalog  *catalog,
                              JsonNode          *release,
                              GError           **error)
{
  g_autoptr(JsonArray) published = dup_published_releases (self, error);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonArray *list;

  if (published == NULL)
    return FALSE;
  /* The stored document is sealed: the new list is a copy. */
  list = json_array_new ();
  for (guint i = 0; i < json_array_get_length (published); i++)
    json_array_add_element (list, json_node_copy (json_array_get_element (published, i)));
  json_array_add_element (list, json_node_copy (release));
  node = json_node_init_array (json_node_alloc (), list);
  json_array_unref (list);
  text = json_to_string (node, FALSE);
  if (!lt_devportal_db_set_setting (self->db, PUBLISHED_RELEASES_SETTING, text, error))
    return FALSE;
  serve_catalog (self, catalog);
  return TRUE;
}

/* At start: the base catalog plus what was published on this data. A
 * published version the base lists now (a newer --releases file) is the
 * base's: the file says what that release is. */
static gboolean
load_published_releases (LtDevportal  *self,
                         GError      **error)
{
  g_autoptr(JsonArray) published = dup_published_releases (self, error);
  g_autoptr(JsonArray) missing = json_array_new ();
  g_autoptr(LtReleaseCatalog) catalog = NULL;

  if (published == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (published); i++)
    {
      JsonNode *release = json_array_get_element (published, i);
      const char *text = NULL;
      g_autoptr(LtVersion) version = NULL;

      if (JSON_NODE_HOLDS_OBJECT (release))
        text = json_object_get_string_member_with_default (json_node_get_object (release),
                                                           "version", NULL);
      version = text != NULL ? lt_version_parse (text, NULL) : NULL;
      if (version != NULL && lt_release_catalog_lookup (self->catalog, version) != NULL)
        continue;
      json_array_add_element (missing, json_node_copy (release));
    }
  if (json_array_get_length (missing) == 0)
    return TRUE;

  catalog = lt_devportal_catalog_new_with (self->catalog, missing, error);
  if (catalog == NULL)
    return FALSE;
  serve_catalog (self, catalog);
  return TRUE;
}


LtTier
lt_devportal_get_tier (LtDevportal  *self,
                       GError      **error)
{
  g_auto(LtDevStmt) stmt = NULL;
  gboolean has_row = FALSE;
  int tier = LT_TIER_ESSENTIAL;

  stmt = lt_devportal_db_prepare (self->db, "SELECT tier FROM account WHERE id = 1", error);
  if (stmt == NULL || !lt_devportal_db_step (self->db, stmt, &has_row, error))
    return LT_TIER_ESSENTIAL;
  if (has_row)
    lt_enum_from_nick (LT_TYPE_TIER, lt_dev_column_text (stmt, 0), &tier, NULL);
  return tier;
}

/* ---- Pagination ----------------------------------------------------------- */

char *
lt_page_cursor_encode (gint64      updated_at,
                       const char *id)
{
  g_autofree char *plain = g_strdup_printf ("%" G_GINT64_FORMAT ":%s", updated_at, id);
  g_autofree char *encoded = g_base64_encode ((const guchar *) plain, strlen (plain));

  /* base64url without padding: the cursor goes into a query string as is. */
  g_strdelimit (encoded, "+", '-');
  g_strdelimit (encoded, "/", '_');
  g_strdelimit (encoded, "=", '\0');
  return g_strdup (encoded);
}

static gboolean
cursor_decode (const char  *cursor,
               gint64      *updated_at,
               char       **id)
{
  g_autoptr(GString) padded = g_string_new (cursor);
  g_autofree guchar *decoded = NULL;
  g_autofree char *plain = NULL;
  const char *colon;
  gsize length = 0;

  for (const char *p = cursor; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }
  g_strdelimit (padded->str, "-", '+');
  g_strdelimit (padded->str, "_", '/');
  while (padded->len % 4 != 0)
    g_string_append_c (padded, '=');

  decoded = g_base64_decode (padded->str, &length);
  plain = g_strndup ((const char *) decoded, length);
  colon = strchr (plain, ':');
  if (colon == NULL || colon[1] == '\0')
    return FALSE;
  {
    g_autofree char *number = g_strndup (plain, colon - plain);

    if (!g_ascii_string_to_signed (number, 10, G_MININT64, G_MAXINT64, updated_at, NULL))
      return FALSE;
  }
  *id = g_strdup (colon + 1);
  return TRUE;
}

gboolean
lt_page_params_parse (LtRequest     *req,
                      LtPageParams  *params,
                      GError       **error)
{
  const char *limit = req->query != NULL ? g_hash_table_lookup (req->query, "limit") : NULL;
  const char *since = req->query != NULL ? g_hash_table_lookup (req->query, "updated_since") : NULL;
  const char *cursor = req->query != NULL ? g_hash_table_lookup (req->query, "cursor") : NULL;
  guint64 number = 0;

  params->limit = 100;
  params->since = G_MININT64;
  params->after_at = G_MININT64;
  params->after_id = g_strdup ("");

  if (limit != NULL)
    {
      if (!g_ascii_string_to_unsigned (limit, 10, 1, 1000, &number, NULL))
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       _("limit: expected a whole number from 1 to 1000, not “%s”"), limit);
          return FALSE;
        }
      params->limit = number;
    }
  if (since != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GDateTime) instant = lt_instant_parse (since, &local_error);

      if (instant == NULL)
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       "updated_since: %s", local_error->message);
          return FALSE;
        }
      params->since = g_date_time_to_unix (instant);
    }
  if (cursor != NULL)
    {
      g_clear_pointer (&params->after_id, g_free);
      if (!cursor_decode (cursor, &params->after_at, &params->after_id))
        {
          g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                       _("cursor: “%s” is not a cursor this portal issued"), cursor);
          return FALSE;
        }
    }
  return TRUE;
}

void
lt_page_params_clear (LtPageParams *params)
{
  g_clear_pointer (&params->after_id, g_free);
}

JsonNode *
lt_page_new (JsonArray  *items,
             const char *next_cursor)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_array_member (object, "items", items);
  if (next_cursor != NULL)
    json_object_set_string_member (object, "next_cursor", next_cursor);
  else
    json_object_set_null_member (object, "next_cursor");
  json_node_take_object (node, object);
  return node;
}

gboolean
lt_devportal_respond_page (LtDevportal        *self,
                           LtRequest          *req,
                           const LtPageQuery  *query,
                           const gint64       *extra,
                           guint               n_extra,
                           LtResponse         *resp,
                           GError            **error)
{
  g_auto(LtPageParams) params = { 0 };
  g_auto(LtDevStmt) stmt = NULL;
  g_autoptr(JsonArray) items = json_array_new ();
  g_autofree char *next = NULL;
  gboolean has_row = FALSE;
  gboolean ok = TRUE;
  guint n = 0;

  if (!lt_page_params_parse (req, &params, error))
    return FALSE;

  stmt = lt_devportal_db_prepare (self->db, query->sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, params.since);
  sqlite3_bind_int64 (stmt, 2, params.after_at);
  sqlite3_bind_text (stmt, 3, params.after_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, (gint64) params.limit + 1);
  for (guint i = 0; i < n_extra; i++)
    sqlite3_bind_int64 (stmt, 5 + i, extra[i]);

  while ((ok = lt_devportal_db_step (self->db, stmt, &has_row, error)) && has_row)
    {
      if (++n > params.limit)
        break;
      JsonNode *item = query->row_to_json (self, stmt, error);

      if (item == NULL)
        return FALSE;
      json_array_add_element (items, item);
      g_free (next);
      next = lt_page_cursor_encode (sqlite3_column_int64 (stmt, query->updated_column),
                                    lt_dev_column_text (stmt, query->id_column));
    }
  if (!ok)
    return FALSE;

  lt_response_set_json (resp, SOUP_STATUS_OK,
                        lt_page_new (g_steal_pointer (&items), n > params.limit ? next : NULL));
  return TRUE;
}

/* ---- Faults ---------------------------------------------------------------- */

struct _LtFault
{
  guint    status;          /* 0: answer normally */
  gint64   retry_after;     /* -1: no Retry-After */
  guint    delay_ms;
  gboolean truncate;
  gboolean malformed;
  gboolean drop_connection;
  gint64   remaining;       /* -1: until cleared */
  char    *path_prefix;
  char    *method;          /* NULL: any */
  LtHostileAnswer answer;   /* lt-devportal-hostile.c */
  char    *location;        /* for the answers that name an address or id */
  char    *retry_after_text; /* a Retry-After header sent as it is, however odd */
};

void
lt_fault_free (LtFault *fault)
{
  if (fault == NULL)
    return;
  g_free (fault->path_prefix);
  g_free (fault->method);
  g_free (fault->location);
  g_free (fault->retry_after_text);
  g_free (fault);
}

LtFault *
lt_fault_new_from_json (JsonObject  *object,
                        GError     **error)
{
  static const char * const members[] = {
    "status", "retry_after", "delay_ms", "truncate", "malformed", "drop_connection",
    "count", "path_prefix", "method", "answer", "location", "retry_after_text", NULL
  };
  g_autoptr(LtFault) fault = g_new0 (LtFault, 1);
  const char *prefix = NULL;
  const char *method = NULL;
  const char *answer = NULL;
  const char *location = NULL;
  const char *retry_after_text = NULL;
  gint64 status = 0;
  gint64 delay = 0;
  guint n_effects;

  fault->retry_after = -1;
  fault->remaining = -1;
  if (!lt_body_check_members (object, "$", members, error) ||
      !lt_body_get_int (object, "status", LT_FIELD_OPTIONAL, 400, 599, &status, error) ||
      !lt_body_get_int (object, "retry_after", LT_FIELD_OPTIONAL, 0, 86400, &fault->retry_after, error) ||
      !lt_body_get_int (object, "delay_ms", LT_FIELD_OPTIONAL, 0, 60000, &delay, error) ||
      !lt_body_get_bool (object, "truncate", LT_FIELD_OPTIONAL, &fault->truncate, error) ||
      !lt_body_get_bool (object, "malformed", LT_FIELD_OPTIONAL, &fault->malformed, error) ||
      !lt_body_get_bool (object, "drop_connection", LT_FIELD_OPTIONAL, &fault->drop_connection, error) ||
      !lt_body_get_int (object, "count", LT_FIELD_OPTIONAL, 1, G_MAXINT32, &fault->remaining, error) ||
      !lt_body_get_string (object, "path_prefix", LT_FIELD_OPTIONAL, 1000, &prefix, error) ||
      !lt_body_get_string (object, "method", LT_FIELD_OPTIONAL, 16, &method, error) ||
      !lt_body_get_string (object, "answer", LT_FIELD_OPTIONAL, 64, &answer, error) ||
      !lt_body_get_string (object, "location", LT_FIELD_OPTIONAL, 2000, &location, error) ||
      !lt_body_get_string (object, "retry_after_text", LT_FIELD_OPTIONAL, 200, &retry_after_text, error))
    return NULL;

  if (answer != NULL && !lt_hostile_answer_from_nick (answer, &fault->answer))
    {
      g_autofree char *nicks = lt_hostile_list_nicks ();

      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   _("$.answer: “%s” is not one of %s"), answer, nicks);
      return NULL;
    }
  fault->location = g_strdup (location);
  fault->retry_after_text = g_strdup (retry_after_text);

  fault->status = status;
  fault->delay_ms = delay;
  fault->path_prefix = g_strdup (prefix != NULL ? prefix : "/api/v1/");
  fault->method = method != NULL ? g_ascii_strup (method, -1) : NULL;

  /* The controls themselves are never faulted: a test must always be able
   * to switch a fault off again. */
  if (!g_str_has_prefix (fault->path_prefix, "/api/"))
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                   _("$.path_prefix: faults apply under /api/ only, not to “%s”"),
                   fault->path_prefix);
      return NULL;
    }
  n_effects = (fault->status != 0) + fault->truncate + fault->malformed + fault->drop_connection +
              (fault->answer != LT_HOSTILE_NONE);
  if (n_effects > 1)
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("$: choose one of status, truncate, malformed, drop_connection and answer"));
      return NULL;
    }
  if (n_effects == 0 && fault->delay_ms == 0)
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("$: a fault needs status, delay_ms, truncate, malformed, drop_connection or answer"));
      return NULL;
    }
  if ((fault->retry_after >= 0 || fault->retry_after_text != NULL) && fault->status == 0)
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                           _("$.retry_after: only with a status"));
      return NULL;
    }
  return g_steal_pointer (&fault);
}

JsonNode *
lt_fault_to_json (LtFault *fault)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  if (fault->status != 0)
    json_builder_add_int_value (builder, fault->status);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "retry_after");
  if (fault->retry_after >= 0)
    json_builder_add_int_value (builder, fault->retry_after);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "delay_ms");
  json_builder_add_int_value (builder, fault->delay_ms);
  json_builder_set_member_name (builder, "truncate");
  json_builder_add_boolean_value (builder, fault->truncate);
  json_builder_set_member_name (builder, "malformed");
  json_builder_add_boolean_value (builder, fault->malformed);
  json_builder_set_member_name (builder, "drop_connection");
  json_builder_add_boolean_value (builder, fault->drop_connection);
  json_builder_set_member_name (builder, "remaining");
  if (fault->remaining >= 0)
    json_builder_add_int_value (builder, fault->remaining);
  else
    json_builder_add_null_value (builder);
  lt_builder_add_string_or_null (builder, "path_prefix", fault->path_prefix);
  lt_builder_add_string_or_null (builder, "method", fault->method);
  lt_builder_add_string_or_null (builder, "answer", fault->answer != LT_HOSTILE_NONE
                                 ? lt_hostile_answer_to_nick (fault->answer) : NULL);
  lt_builder_add_string_or_null (builder, "location", fault->location);
  lt_builder_add_string_or_null (builder, "retry_after_text", fault->retry_after_text);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* The first fault that applies to this request, used up by one. The copy
 * returned stays valid after the switch is cleared or exhausted. */
static LtFault *
take_fault (LtDevportal *self,
            const char  *method,
            const char  *path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      LtFault *fault = g_ptr_array_index (self->faults, i);
      LtFault *copy;

      if (!g_str_has_prefix (path, fault->path_prefix))
        continue;
      if (fault->method != NULL && g_strcmp0 (fault->method, method) != 0)
        continue;

      copy = g_memdup2 (fault, sizeof *fault);
      copy->path_prefix = g_strdup (fault->path_prefix);
      copy->method = g_strdup (fault->method);
      copy->location = g_strdup (fault->location);
      copy->retry_after_text = g_strdup (fault->retry_after_text);
      if (fault->remaining > 0 && --fault->remaining == 0)
        g_ptr_array_remove_index (self->faults, i);
      return copy;
    }
  return NULL;
}

/* ---- Routing ---------------------------------------------------------------- */

typedef enum
{
  ROUTE_JSON_BODY  = 1 << 0,
  ROUTE_MULTIPART  = 1 << 1,
  ROUTE_IDEMPOTENT = 1 << 2,
} RouteFlags;

typedef struct
{
  const char  *method;
  const char  *pattern;   /* segments below the prefix; "*" matches one */
  LtRouteFunc  func;
  RouteFlags   flags;
} Route;

static const Route api_routes[] = {
  { "GET", "account", lt_devportal_get_account, 0 },
  { "GET", "policy", lt_devportal_get_policy, 0 },
  { "GET", "releases", lt_devportal_get_releases, 0 },
  { "GET", "maintenance-windows", lt_devportal_list_windows, 0 },
  { "GET", "tickets", lt_devportal_list_tickets, 0 },
  { "POST", "tickets", lt_devportal_create_ticket, ROUTE_JSON_BODY | ROUTE_IDEMPOTENT },
  { "GET", "tickets/*", lt_devportal_get_ticket, 0 },
  { "POST", "tickets/*/comments", lt_devportal_comment_ticket, ROUTE_JSON_BODY | ROUTE_IDEMPOTENT },
  { "POST", "tickets/*/attachments", lt_devportal_attach_ticket, ROUTE_MULTIPART | ROUTE_IDEMPOTENT },
  { "POST", "tickets/*/confirm-closure", lt_devportal_confirm_ticket, ROUTE_JSON_BODY | ROUTE_IDEMPOTENT },
  { "POST", "tickets/*/reopen", lt_devportal_reopen_ticket, ROUTE_JSON_BODY | ROUTE_IDEMPOTENT },
  { "POST", "tickets/*/escalations", lt_devportal_escalate_ticket, ROUTE_JSON_BODY | ROUTE_IDEMPOTENT },
  { "POST", "tickets/*/withdraw", lt_devportal_withdraw_ticket, ROUTE_JSON_BODY | ROUTE_IDEMPOTENT },
  { "GET", "change-notices", lt_devportal_list_notices, 0 },
  { "POST", "change-notices", lt_devportal_create_notice, ROUTE_JSON_BODY | ROUTE_IDEMPOTENT },
  { "GET", "change-notices/*", lt_devportal_get_notice, 0 },
  { "POST", "change-notices/*/withdraw", lt_devportal_withdraw_notice, ROUTE_JSON_BODY | ROUTE_IDEMPOTENT },
  { NULL, NULL, NULL, 0 }
};

static const Route dev_routes[] = {
  { "GET", "clock", lt_devportal_dev_get_clock, 0 },
  { "POST", "clock", lt_devportal_dev_set_clock, ROUTE_JSON_BODY },
  { "POST", "tickets/*/transition", lt_devportal_dev_transition, ROUTE_JSON_BODY },
  { "POST", "change-notices/*/review", lt_devportal_dev_review_notice, ROUTE_JSON_BODY },
  { "POST", "account", lt_devportal_dev_set_account, ROUTE_JSON_BODY },
  { "GET", "faults", lt_devportal_dev_list_faults, 0 },
  { "POST", "faults", lt_devportal_dev_add_fault, ROUTE_JSON_BODY },
  { "DELETE", "faults", lt_devportal_dev_clear_faults, 0 },
  { "GET", "stats", lt_devportal_dev_stats, 0 },
  { "POST", "releases", lt_devportal_dev_publish_release, ROUTE_JSON_BODY },
  { "POST", "maintenance-windows", lt_devportal_dev_announce_window, ROUTE_JSON_BODY },
  { NULL, NULL, NULL, 0 }
};

static gboolean
pattern_matches (const char  *pattern,
                 char       **segments,
                 guint        n_segments)
{
  g_auto(GStrv) parts = g_strsplit (pattern, "/", -1);

  if (g_strv_length (parts) != n_segments)
    return FALSE;
  for (guint i = 0; i < n_segments; i++)
    {
      if (segments[i][0] == '\0')
        return FALSE;
      if (g_strcmp0 (parts[i], "*") != 0 && g_strcmp0 (parts[i], segments[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

static const Route *
find_route (const Route  *routes,
            LtRequest    *req,
            LtResponse   *resp,
            GError      **error)
{
  g_autoptr(GString) allowed = g_string_new (NULL);

  for (const Route *r = routes; r->method != NULL; r++)
    {
      if (!pattern_matches (r->pattern, req->segments, req->n_segments))
        continue;
      if (g_strcmp0 (r->method, req->method) == 0)
        return r;
      g_string_append_printf (allowed, "%s%s", allowed->len > 0 ? ", " : "", r->method);
    }

  if (allowed->len > 0)
    {
      lt_response_add_header (resp, "Allow", allowed->str);
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_METHOD_NOT_ALLOWED,
                   _("%s is not allowed on %s (allowed: %s)"),
                   req->method, req->path, allowed->str);
      return NULL;
    }
  g_set_error (error, LT_API_ERROR, LT_API_ERROR_NOT_FOUND,
               _("No resource at %s"), req->path);
  return NULL;
}

/* ---- Authentication ---------------------------------------------------------- */

/* Compares without stopping at the first difference, so the time taken
 * does not tell an attacker how much of a guess was right. */
static gboolean
token_equal (const char *expected,
             const char *given)
{
  gsize n_expected = strlen (expected);
  gsize n_given = strlen (given);
  guchar diff = (n_expected != n_given);

  for (gsize i = 0; i < n_given; i++)
    diff |= (guchar) given[i] ^ (guchar) expected[i % MAX (n_expected, 1)];
  return diff == 0;
}

static gboolean
check_auth (LtDevportal         *self,
            SoupMessageHeaders  *headers,
            GError             **error)
{
  const char *value = soup_message_headers_get_one (headers, "Authorization");

  if (value == NULL)
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_UNAUTHORIZED,
                           _("This request needs “Authorization: Bearer <token>”"));
      return FALSE;
    }
  if (g_ascii_strncasecmp (value, "Bearer ", strlen ("Bearer ")) != 0 ||
      !token_equal (self->token, value + strlen ("Bearer ")))
    {
      g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_UNAUTHORIZED,
                           _("The bearer token is not valid"));
      return FALSE;
    }
  return TRUE;
}

/* ---- Bodies -------------------------------------------------------------------- */

static gboolean
read_body (LtRequest   *req,
           RouteFlags   flags,
           GError     **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  gboolean json = (flags & ROUTE_JSON_BODY) != 0;
  gsize limit = json ? LT_DEVPORTAL_MAX_JSON_BODY : LT_DEVPORTAL_MAX_UPLOAD;
  const char *expected = json ? "application/json" : "multipart/form-data";

  if (g_bytes_get_size (bytes) > limit)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_PAYLOAD_TOO_LARGE,
                   _("The body is larger than %lu bytes"), (unsigned long) limit);
      return FALSE;
    }
  if (content_type == NULL || g_ascii_strcasecmp (content_type, expected) != 0)
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_UNSUPPORTED_MEDIA_TYPE,
                   _("Expected a %s body, not “%s”"), expected,
                   content_type != NULL ? content_type : "");
      return FALSE;
    }

  if (json)
    {
      g_autoptr(GError) local_error = NULL;
      JsonNode *root;

      /* The parse also refuses a member given twice. */
      req->document = lt_json_document_parse_bytes (bytes, LT_JSON_MAX_DEPTH, &local_error);
      if (req->document == NULL)
        {
          g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                               local_error->message);
          return FALSE;
        }
      root = lt_json_document_get_root (req->document);
      if (!JSON_NODE_HOLDS_OBJECT (root))
        {
          g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                               _("$: expected an object"));
          return FALSE;
        }
      req->body = json_node_get_object (root);
    }
  else
    {
      req->multipart = soup_multipart_new_from_message (headers, bytes);
      if (req->multipart == NULL)
        {
          g_set_error_literal (error, LT_API_ERROR, LT_API_ERROR_VALIDATION_FAILED,
                               _("The multipart body could not be read"));
          return FALSE;
        }
    }
  return TRUE;
}

/* What "the same request" means for an idempotency key: method, path and
 * the body as a JSON value, or each upload part's name, file name, type
 * and content. */
static char *
request_fingerprint (LtRequest *req)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guchar *) req->method, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);
  g_checksum_update (checksum, (const guchar *) req->path, -1);
  g_checksum_update (checksum, (const guchar *) "\n", 1);

  if (req->document != NULL)
    {
      g_autofree char *canonical = lt_json_canonicalize (lt_json_document_get_root (req->document));

      g_checksum_update (checksum, (const guchar *) canonical, -1);
    }
  else if (req->multipart != NULL)
    {
      for (int i = 0; i < soup_multipart_get_length (req->multipart); i++)
        {
          SoupMessageHeaders *part_headers = NULL;
          GBytes *part_body = NULL;
          g_autofree char *digest = NULL;
          const char *disposition;
          const char *type;

          if (!soup_multipart_get_part (req->multipart, i, &part_headers, &part_body))
            continue;
          disposition = soup_message_headers_get_one (part_headers, "Content-Disposition");
          type = soup_message_headers_get_content_type (part_headers, NULL);
          digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, part_body);
          g_checksum_update (checksum, (const guchar *) (disposition ? disposition : ""), -1);
          g_checksum_update (checksum, (const guchar *) "\n", 1);
          g_checksum_update (checksum, (const guchar *) (type ? type : ""), -1);
          g_checksum_update (checksum, (const guchar *) "\n", 1);
          g_checksum_update (checksum, (const guchar *) digest, -1);
          g_checksum_update (checksum, (const guchar *) "\n", 1);
        }
    }
  return g_strdup (g_checksum_get_string (checksum));
}

/* ---- Idempotency ------------------------------------------------------------------ */

static gboolean
run_idempotent (LtDevportal  *self,
                const Route  *route,
                LtRequest    *req,
                LtResponse   *resp,
                GError      **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const char *header = soup_message_headers_get_one (headers, "Idempotency-Key");
  g_autoptr(LtDevTransaction) tx = NULL;
  g_autofree char *key = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean has_row = FALSE;

  if (header == NULL || !g_uuid_string_is_valid (header))
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_IDEMPOTENCY_KEY_REQUIRED,
                   header == NULL
                   ? _("Every POST needs an Idempotency-Key header with a UUID")
                   : _("Idempotency-Key: “%s” is not a UUID"),
                   header);
      return FALSE;
    }
  key = g_ascii_strdown (header, -1);
  fingerprint = request_fingerprint (req);

  tx = lt_devportal_db_begin (self->db, error);
  if (tx == NULL)
    return FALSE;

  {
    g_auto(LtDevStmt) stmt = NULL;

    stmt = lt_devportal_db_prepare (self->db,
                                    "SELECT fingerprint, body FROM idempotency_keys WHERE key = ?",
                                    error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    if (!lt_devportal_db_step (self->db, stmt, &has_row, error))
      return FALSE;

    if (has_row)
      {
        const char *stored = lt_dev_column_text (stmt, 0);
        const char *body = lt_dev_column_text (stmt, 1);

        if (g_strcmp0 (stored, fingerprint) != 0)
          {
            g_set_error (error, LT_API_ERROR, LT_API_ERROR_IDEMPOTENCY_CONFLICT,
                         _("Idempotency-Key %s was used for a different request"), key);
            return FALSE;
          }
        resp->status = SOUP_STATUS_OK;
        resp->bytes = g_bytes_new (body, strlen (body));
        lt_response_add_header (resp, "Idempotent-Replayed", "true");
      }
  }

  if (has_row)
    {
      g_auto(LtDevStmt) stmt = NULL;

      stmt = lt_devportal_db_prepare (self->db,
                                      "UPDATE idempotency_keys SET replays = replays + 1 WHERE key = ?",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (!lt_devportal_db_step_done (self->db, stmt, error))
        return FALSE;
      return lt_dev_transaction_commit (tx, error);
    }

  /* A refused request changed nothing and is not stored: the transaction
   * rolls back, and the same key may be sent again once the refusal no
   * longer applies. */
  if (!route->func (self, req, resp, error))
    return FALSE;

  bytes = response_dup_bytes (resp);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  {
    g_auto(LtDevStmt) stmt = NULL;

    stmt = lt_devportal_db_prepare (self->db,
                                    "INSERT INTO idempotency_keys (key, method, path, fingerprint,"
                                    " status, body, resource_id, created_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, req->method, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 3, req->path, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, fingerprint, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int (stmt, 5, resp->status);
    sqlite3_bind_text (stmt, 6, text, -1, SQLITE_TRANSIENT);
    lt_dev_bind_text (stmt, 7, resp->resource_id);
    lt_dev_bind_instant (stmt, 8, req->now);
    if (!lt_devportal_db_step_done (self->db, stmt, error))
      return FALSE;
  }

  g_clear_pointer (&resp->body, json_node_unref);
  resp->bytes = g_steal_pointer (&bytes);
  return lt_dev_transaction_commit (tx, error);
}

/* ---- Handling a request ------------------------------------------------------------ */

static void
request_clear (LtRequest *req)
{
  g_clear_pointer (&req->segments, g_strfreev);
  g_clear_pointer (&req->now, g_date_time_unref);
  g_clear_pointer (&req->document, lt_json_document_free);
  g_clear_pointer (&req->multipart, soup_multipart_free);
}

/* The routes under @path's prefix and the rest of @path below it; FALSE
 * for a path outside the API and the controls, which needs no token. */
static gboolean
routes_for_path (LtDevportal   *self,
                 const char    *path,
                 const Route  **routes,
                 const char   **below)
{
  if (g_str_has_prefix (path, "/api/v1/"))
    {
      *below = path + strlen ("/api/v1/");
      *routes = api_routes;
      return TRUE;
    }
  if (self->dev_controls && g_str_has_prefix (path, "/_dev/"))
    {
      *below = path + strlen ("/_dev/");
      *routes = dev_routes;
      return TRUE;
    }
  return FALSE;
}

static gboolean
dispatch (LtDevportal  *self,
          LtRequest    *req,
          LtResponse   *resp,
          GError      **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (req->msg);
  const Route *routes;
  const Route *route;
  const char *below;

  if (!routes_for_path (self, req->path, &routes, &below))
    {
      g_set_error (error, LT_API_ERROR, LT_API_ERROR_NOT_FOUND,
                   _("No resource at %s"), req->path);
      return FALSE;
    }

  if (!check_auth (self, headers, error))
    return FALSE;

  req->segments = g_strsplit (below, "/", -1);
  req->n_segments = g_strv_length (req->segments);
  route = find_route (routes, req, resp, error);
  if (route == NULL)
    return FALSE;
  if (routes == api_routes)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", route->method, route->pattern);
      gpointer count = g_hash_table_lookup (self->api_requests, name);

      /* For /_dev/stats: how many requests a client's work took. */
      g_hash_table_replace (self->api_requests, g_steal_pointer (&name),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
    }

  /* The controls see the same state the API would: a deadline that passed
   * is applied before a support engineer acts on the ticket. */
  if (!lt_devportal_sweep (self, req->now, error))
    return FALSE;

  if ((route->flags & (ROUTE_JSON_BODY | ROUTE_MULTIPART)) && !read_body (req, route->flags, error))
    return FALSE;

  if (route->flags & ROUTE_IDEMPOTENT)
    return run_idempotent (self, route, req, resp, error);
  return route->func (self, req, resp, error);
}

static void
handle (LtDevportal       *self,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        LtResponse        *resp)
{
  g_autoptr(GError) error = NULL;
  LtRequest req = { 0 };

  req.msg = msg;
  req.method = soup_server_message_get_method (msg);
  req.path = path;
  req.query = query;
  req.now = lt_devportal_dup_now (self);

  if (!dispatch (self, &req, resp, &error))
    set_error_response (resp, error);
  request_clear (&req);
}

static void
fault_response (LtFault    *fault,
                LtResponse *resp)
{
  LtApiError code = lt_api_error_for_status (fault->status);

  lt_response_set_json (resp, fault->status,
                        error_body_new (lt_api_error_get_code (code),
                                        _("Injected fault (/_dev/faults)")));
  if (fault->retry_after >= 0)
    {
      g_autofree char *seconds = g_strdup_printf ("%" G_GINT64_FORMAT, fault->retry_after);

      lt_response_add_header (resp, "Retry-After", seconds);
    }
  if (fault->retry_after_text != NULL)
    lt_response_add_header (resp, "Retry-After", fault->retry_after_text);
}

static void
apply_response (SoupServerMessage *msg,
                LtResponse        *resp,
                gboolean           malformed)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) bytes = response_dup_bytes (resp);

  soup_server_message_set_status (msg, resp->status, NULL);
  for (guint i = 0; resp->headers != NULL && i + 1 < resp->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (resp->headers, i),
                                  g_ptr_array_index (resp->headers, i + 1));
  if (bytes == NULL)
    return;

  if (malformed)
    {
      /* A complete HTTP answer whose body is cut in the middle of the JSON
       * and padded with a byte no JSON text contains: a client must report
       * a malformed answer, not crash or take it for data. */
      gsize size = g_bytes_get_size (bytes);
      gsize keep = size / 2;
      g_autoptr(GByteArray) broken = g_byte_array_sized_new (keep + 1);

      g_byte_array_append (broken, g_bytes_get_data (bytes, NULL), keep);
      g_byte_array_append (broken, (const guint8 *) "\x01", 1);
      g_clear_pointer (&bytes, g_bytes_unref);
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&broken));
    }
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A connection cut on purpose: either right away (drop_connection), or
 * after the status line, the headers (with the full Content-Length) and
 * half of the body (truncate). Both happen after the request was handled:
 * the portal did the work and the client never learnt, which is exactly
 * what the Idempotency-Key is for. */
static void raw_closed_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);

typedef struct
{
  LtDevportal       *self;
  SoupServerMessage *msg;
  GBytes            *raw;       /* NULL: drop without a byte */
  GSocket           *linger;    /* (nullable) read and drop what the
                                 * client still sends, see Linger */
} CutConnection;

static void
cut_connection_free (CutConnection *cut)
{
  g_clear_object (&cut->self);
  g_clear_object (&cut->msg);
  g_clear_pointer (&cut->raw, g_bytes_unref);
  g_clear_object (&cut->linger);
  g_free (cut);
}

/* An answer given before the request's body was read: the client may be
 * sending it still. Closing at once would make the kernel answer those
 * bytes with a reset, which can discard our answer before the client
 * read it; so the sending side is shut and what arrives is read into one
 * fixed buffer and dropped, for a bounded time and amount. */
#define LINGER_MAX_SECONDS 2
#define LINGER_MAX_BYTES   (64 * 1024 * 1024)

typedef struct
{
  GIOStream *stream;
  GSocket   *socket;
  gint64     deadline;
  gsize      dropped;
  guint8     buffer[16 * 1024];
} Linger;

static void
linger_free (Linger *linger)
{
  g_io_stream_close_async (linger->stream, G_PRIORITY_DEFAULT, NULL, raw_closed_cb, NULL);
  g_object_unref (linger->stream);
  g_object_unref (linger->socket);
  g_free (linger);
}

static void
linger_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Linger *linger = user_data;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (source), result, NULL);

  if (n <= 0 || g_get_monotonic_time () > linger->deadline ||
      (linger->dropped += (gsize) n) > LINGER_MAX_BYTES)
    {
      linger_free (linger);
      return;
    }
  g_input_stream_read_async (G_INPUT_STREAM (source), linger->buffer, sizeof linger->buffer,
                             G_PRIORITY_DEFAULT, NULL, linger_read_cb, linger);
}

static void
linger_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Linger *linger = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      g_debug ("Writing an early answer: %s", error->message);
      linger_free (linger);
      return;
    }
  /* The answer is complete: the client sees the end of it. */
  g_socket_shutdown (linger->socket, FALSE, TRUE, NULL);
  g_input_stream_read_async (g_io_stream_get_input_stream (linger->stream), linger->buffer,
                             sizeof linger->buffer, G_PRIORITY_DEFAULT, NULL,
                             linger_read_cb, linger);
}

static void
raw_closed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
}

static void
raw_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GIOStream *stream = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    g_debug ("Writing a truncated answer: %s", error->message);
  g_io_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, raw_closed_cb, NULL);
  g_object_unref (stream);
}

static gboolean
cut_connection_cb (gpointer user_data)
{
  CutConnection *cut = user_data;
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (cut->msg);

  g_hash_table_remove (cut->self->paused, cut->msg);
  if (stream == NULL)
    return G_SOURCE_REMOVE;

  if (cut->raw == NULL)
    {
      g_io_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, raw_closed_cb, NULL);
      return G_SOURCE_REMOVE;
    }
  if (cut->linger != NULL)
    {
      Linger *linger = g_new0 (Linger, 1);

      linger->stream = g_steal_pointer (&stream);
      linger->socket = g_steal_pointer (&cut->linger);
      linger->deadline = g_get_monotonic_time () + LINGER_MAX_SECONDS * G_USEC_PER_SEC;
      g_output_stream_write_all_async (g_io_stream_get_output_stream (linger->stream),
                                       g_bytes_get_data (cut->raw, NULL),
                                       g_bytes_get_size (cut->raw),
                                       G_PRIORITY_DEFAULT, NULL, linger_written_cb, linger);
      return G_SOURCE_REMOVE;
    }
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream),
                                   g_bytes_get_data (cut->raw, NULL),
                                   g_bytes_get_size (cut->raw),
                                   G_PRIORITY_DEFAULT, NULL, raw_written_cb,
                                   g_object_ref (stream));
  return G_SOURCE_REMOVE;
}

/* @resp as bytes on the wire, closing the connection; with @truncate
 * only half of the body follows the full Content-Length. */
static GBytes *
raw_answer_new (LtResponse *resp,
                gboolean    truncate)
{
  g_autoptr(GBytes) bytes = response_dup_bytes (resp);
  g_autoptr(GString) raw = g_string_new (NULL);
  gsize size = bytes != NULL ? g_bytes_get_size (bytes) : 0;

  g_string_append_printf (raw, "HTTP/1.1 %u %s\r\n", resp->status,
                          soup_status_get_phrase (resp->status));
  for (guint i = 0; resp->headers != NULL && i + 1 < resp->headers->len; i += 2)
    g_string_append_printf (raw, "%s: %s\r\n", (const char *) g_ptr_array_index (resp->headers, i),
                            (const char *) g_ptr_array_index (resp->headers, i + 1));
  g_string_append (raw, "Content-Type: application/json\r\n");
  g_string_append_printf (raw, "Content-Length: %" G_GSIZE_FORMAT "\r\n", size);
  g_string_append (raw, "Connection: close\r\n\r\n");
  if (bytes != NULL)
    g_string_append_len (raw, g_bytes_get_data (bytes, NULL), truncate ? size / 2 : size);
  return g_string_free_to_bytes (g_steal_pointer (&raw));
}

static void
cut_connection (LtDevportal       *self,
                SoupServerMessage *msg,
                LtResponse        *resp,
                gboolean           truncate,
                gboolean           already_paused)
{
  CutConnection *cut = g_new0 (CutConnection, 1);
  guint id;

  cut->self = g_object_ref (self);
  cut->msg = g_object_ref (msg);
  if (truncate)
    cut->raw = raw_answer_new (resp, TRUE);

  /* Stealing the connection inside the handler would free the message
   * under libsoup's feet: pause it and steal from an idle callback. */
  if (!already_paused)
    soup_server_message_pause (msg);
  id = g_idle_add_full (G_PRIORITY_DEFAULT, cut_connection_cb, cut,
                        (GDestroyNotify) cut_connection_free);
  g_hash_table_replace (self->paused, g_object_ref (msg), GUINT_TO_POINTER (id));
}

/* ---- Refusing a body before reading it ---------------------------------------- */

/* libsoup reads a request's whole body into memory before any handler
 * runs; the token and the size are checked when the headers arrive
 * instead, so that an unauthenticated or oversized upload is answered at
 * once and never read (a 600 MiB POST without a token grew the process
 * to 1.17 GB). The handlers keep their own checks for what comes in. */

typedef struct
{
  gsize limit;
  gsize received;
} BodyBudget;

/* The largest body a request to @path may carry: an upload to the one
 * route that takes them, else a JSON body (also where no route matches,
 * which is answered 404 after the body). */
static gsize
body_limit (LtDevportal *self,
            const char  *path)
{
  g_auto(GStrv) segments = NULL;
  const Route *routes;
  const char *below;
  guint n_segments;

  if (!routes_for_path (self, path, &routes, &below))
    return LT_DEVPORTAL_MAX_JSON_BODY;
  segments = g_strsplit (below, "/", -1);
  n_segments = g_strv_length (segments);
  for (const Route *r = routes; r->method != NULL; r++)
    if ((r->flags & ROUTE_MULTIPART) && pattern_matches (r->pattern, segments, n_segments))
      return LT_DEVPORTAL_MAX_UPLOAD;
  return LT_DEVPORTAL_MAX_JSON_BODY;
}

/* Answers @error now, without the body, and closes the connection. */
static void
refuse_early (LtDevportal       *self,
              SoupServerMessage *msg,
              const GError      *error)
{
  CutConnection *cut = g_new0 (CutConnection, 1);
  LtResponse resp = { 0 };
  GSocket *socket;
  guint id;

  set_error_response (&resp, error);
  cut->self = g_object_ref (self);
  cut->msg = g_object_ref (msg);
  cut->raw = raw_answer_new (&resp, FALSE);
  /* Without a socket to shut (not over plain TCP) the answer is written
   * and the connection closed. */
  socket = soup_server_message_get_socket (msg);
  cut->linger = socket != NULL ? g_object_ref (socket) : NULL;
  lt_response_clear (&resp);

  /* As in cut_connection(): libsoup is inside its read loop. */
  soup_server_message_pause (msg);
  id = g_idle_add_full (G_PRIORITY_DEFAULT, cut_connection_cb, cut,
                        (GDestroyNotify) cut_connection_free);
  g_hash_table_replace (self->paused, g_object_ref (msg), GUINT_TO_POINTER (id));
}

static void
got_headers_cb (SoupServerMessage *msg,
                LtDevportal       *self)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  g_autoptr(GError) error = NULL;
  const Route *routes;
  const char *below;
  BodyBudget *budget;
  goffset length = 0;

  /* libsoup refused the request already (it reads no body then). */
  if (soup_server_message_get_status (msg) != 0)
    return;
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH)
    length = soup_message_headers_get_content_length (headers);
  /* Without a body nothing is read: the handler answers as always. */
  if (encoding == SOUP_ENCODING_NONE || (encoding == SOUP_ENCODING_CONTENT_LENGTH && length == 0))
    return;

  budget = g_new0 (BodyBudget, 1);
  budget->limit = body_limit (self, path);
  g_object_set_data_full (G_OBJECT (msg), "lt-body-budget", budget, g_free);

  if (routes_for_path (self, path, &routes, &below) && !check_auth (self, headers, &error))
    refuse_early (self, msg, error);
  else if (length > 0 && (guint64) length > budget->limit)
    {
      g_set_error (&error, LT_API_ERROR, LT_API_ERROR_PAYLOAD_TOO_LARGE,
                   _("The body is larger than %lu bytes"), (unsigned long) budget->limit);
      refuse_early (self, msg, error);
    }
  else
    return;
  budget->received = G_MAXSIZE;
}

/* A chunked body says no length up front: it is counted as it comes. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              LtDevportal       *self)
{
  BodyBudget *budget = g_object_get_data (G_OBJECT (msg), "lt-body-budget");
  g_autoptr(GError) error = NULL;

  if (budget == NULL || budget->received > budget->limit)
    return;
  budget->received += g_bytes_get_size (chunk);
  if (budget->received <= budget->limit)
    return;

  g_set_error (&error, LT_API_ERROR, LT_API_ERROR_PAYLOAD_TOO_LARGE,
               _("The body is larger than %lu bytes"), (unsigned long) budget->limit);
  refuse_early (self, msg, error);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    LtDevportal       *self)
{
  g_signal_connect_object (msg, "got-headers", G_CALLBACK (got_headers_cb), self, 0);
  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self, 0);
}

static void
process (LtDevportal       *self,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         LtFault           *fault,
         gboolean           paused)
{
  LtResponse resp = { 0 };

  if (fault != NULL)
    lt_hostile_prepare_query (fault->answer, query);
  if (fault != NULL && fault->status != 0)
    fault_response (fault, &resp);
  else
    handle (self, msg, path, query, &resp);

  if (fault != NULL && (fault->drop_connection || fault->truncate))
    {
      cut_connection (self, msg, &resp, fault->truncate, paused);
    }
  else if (fault == NULL ||
           !lt_devportal_hostile_answer (self, msg, query, fault->answer, fault->location,
                                         resp.status, resp.body, resp.bytes, paused))
    {
      apply_response (msg, &resp, fault != NULL && fault->malformed);
      if (paused)
        soup_server_message_unpause (msg);
    }
  lt_response_clear (&resp);
}

typedef struct
{
  LtDevportal       *self;
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;
  LtFault           *fault;
} Delayed;

static void
delayed_free (Delayed *delayed)
{
  g_clear_object (&delayed->self);
  g_clear_object (&delayed->msg);
  g_free (delayed->path);
  g_clear_pointer (&delayed->query, g_hash_table_unref);
  g_clear_pointer (&delayed->fault, lt_fault_free);
  g_free (delayed);
}

/* The client hung up while its request waited out a delay: forget it,
 * there is nobody to answer. */
static void
paused_disconnected_cb (SoupServerMessage *msg,
                        LtDevportal       *self)
{
  gpointer id = NULL;

  g_signal_handlers_disconnect_by_func (msg, paused_disconnected_cb, self);
  if (g_hash_table_lookup_extended (self->paused, msg, NULL, &id))
    {
      g_object_ref (msg);
      g_hash_table_remove (self->paused, msg);
      if (id != NULL)
        g_source_remove (GPOINTER_TO_UINT (id));
      g_object_unref (msg);
    }
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  g_signal_handlers_disconnect_by_func (delayed->msg, paused_disconnected_cb, delayed->self);
  g_hash_table_remove (delayed->self->paused, delayed->msg);
  process (delayed->self, delayed->msg, delayed->path, delayed->query, delayed->fault, TRUE);
  return G_SOURCE_REMOVE;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  LtDevportal *self = user_data;
  g_autoptr(LtFault) fault = take_fault (self, soup_server_message_get_method (msg), path);

  if (fault != NULL && fault->delay_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);
      guint id;

      delayed->self = g_object_ref (self);
      delayed->msg = g_object_ref (msg);
      delayed->path = g_strdup (path);
      delayed->query = query != NULL ? g_hash_table_ref (query) : NULL;
      delayed->fault = g_steal_pointer (&fault);
      soup_server_message_pause (msg);
      id = g_timeout_add_full (G_PRIORITY_DEFAULT, delayed->fault->delay_ms, delayed_cb,
                               delayed, (GDestroyNotify) delayed_free);
      g_hash_table_replace (self->paused, g_object_ref (msg), GUINT_TO_POINTER (id));
      g_signal_connect (msg, "disconnected", G_CALLBACK (paused_disconnected_cb), self);
      return;
    }

  process (self, msg, path, query, fault, FALSE);
}

/* ---- The object ------------------------------------------------------------------ */

G_DEFINE_FINAL_TYPE (LtDevportal, lt_devportal, G_TYPE_OBJECT)

static void
lt_devportal_dispose (GObject *object)
{
  LtDevportal *self = LT_DEVPORTAL (object);

  if (self->paused != NULL)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, self->paused);
      while (g_hash_table_iter_next (&iter, NULL, &id))
        if (id != NULL)
          g_source_remove (GPOINTER_TO_UINT (id));
      g_hash_table_remove_all (self->paused);
    }
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (lt_devportal_parent_class)->dispose (object);
}

static void
lt_devportal_finalize (GObject *object)
{
  LtDevportal *self = LT_DEVPORTAL (object);

  g_clear_object (&self->db);
  g_clear_object (&self->policy);
  g_clear_object (&self->catalog);
  g_clear_pointer (&self->policy_body, g_bytes_unref);
  g_clear_pointer (&self->releases_body, g_bytes_unref);
  g_free (self->policy_etag);
  g_free (self->releases_etag);
  g_clear_pointer (&self->token, lt_secret_string_free);
  g_free (self->base_url);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->paused, g_hash_table_unref);
  g_clear_pointer (&self->api_requests, g_hash_table_unref);

  G_OBJECT_CLASS (lt_devportal_parent_class)->finalize (object);
}

static void
lt_devportal_class_init (LtDevportalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_devportal_dispose;
  object_class->finalize = lt_devportal_finalize;
}

static void
lt_devportal_init (LtDevportal *self)
{
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_fault_free);
  self->paused = g_hash_table_new_full (g_direct_hash, g_direct_equal, g_object_unref, NULL);
  self->api_requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * lt_devportal_new:
 * @options: what to serve
 * @error: a #GError
 *
 * Returns: (transfer full): the portal, not yet listening
 */
LtDevportal *
lt_devportal_new (const LtDevportalOptions  *options,
                  GError                   **error)
{
  g_autoptr(LtDevportal) self = g_object_new (LT_TYPE_DEVPORTAL, NULL);
  g_autofree char *db_path = NULL;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (options->token != NULL && options->token[0] != '\0', NULL);

  self->token = g_strdup (options->token);
  self->dev_controls = options->dev_controls;

  self->policy = options->policy_file != NULL
    ? lt_policy_new_from_file (options->policy_file, error)
    : lt_policy_new_default (error);
  if (self->policy == NULL)
    {
      if (options->policy_file != NULL)
        g_prefix_error (error, "%s: ", options->policy_file);
      return NULL;
    }
  self->catalog = options->releases_file != NULL
    ? lt_release_catalog_new_from_file (options->releases_file, error)
    : lt_release_catalog_new_default (error);
  if (self->catalog == NULL)
    {
      if (options->releases_file != NULL)
        g_prefix_error (error, "%s: ", options->releases_file);
      return NULL;
    }

  /* Both documents are served as the core reads them, so GET /policy and
   * GET /releases are exactly what the client's parser accepts. */
  self->policy_body = serialize (lt_policy_get_json (self->policy));
  self->policy_etag = etag_for (self->policy_body);
  serve_catalog (self, self->catalog);

  if (options->data_dir != NULL)
    {
      if (g_mkdir_with_parents (options->data_dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, LT_ERROR, LT_ERROR_STORE, _("Could not create “%s”: %s"),
                       options->data_dir, g_strerror (saved));
          return NULL;
        }
      db_path = g_build_filename (options->data_dir, "devportal.db", NULL);
    }
  self->db = lt_devportal_db_open (db_path, error);
  if (self->db == NULL)
    return NULL;

  load_clock (self);
  if (!load_published_releases (self, error))
    {
      g_prefix_error (error, _("The releases published through /_dev/releases: "));
      return NULL;
    }
  if (lt_devportal_db_is_new (self->db) && !lt_devportal_seed (self, options->demo, error))
    {
      g_prefix_error (error, _("Seeding the portal: "));
      return NULL;
    }

  self->server = soup_server_new ("server-header", "lockthreat-devportal/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);
  g_signal_connect_object (self->server, "request-started", G_CALLBACK (request_started_cb), self, 0);

  return g_steal_pointer (&self);
}

/* Splits "host:port" or "[v6]:port"; FALSE when it is neither. */
static gboolean
split_listen (const char  *listen,
              char       **host,
              guint64     *port)
{
  const char *port_text;

  if (listen[0] == '[')
    {
      const char *end = strchr (listen, ']');

      if (end == NULL || end[1] != ':')
        return FALSE;
      *host = g_strndup (listen + 1, end - listen - 1);
      port_text = end + 2;
    }
  else
    {
      const char *colon = strrchr (listen, ':');

      if (colon == NULL)
        return FALSE;
      *host = g_strndup (listen, colon - listen);
      port_text = colon + 1;
    }
  return g_ascii_string_to_unsigned (port_text, 10, 0, 65535, port, NULL);
}

GInetSocketAddress *
lt_devportal_parse_listen (const char  *listen,
                           GError     **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  guint64 port = 0;

  g_return_val_if_fail (listen != NULL, NULL);

  if (!split_listen (listen, &host, &port))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("--listen: “%s” is not HOST:PORT (e.g. 127.0.0.1:0 or [::1]:8080)"),
                   listen);
      return NULL;
    }

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("--listen: “%s” is not an IP address; name the address to listen on "
                     "(127.0.0.1, ::1, or an interface's address)"),
                   host);
      return NULL;
    }
  return G_INET_SOCKET_ADDRESS (g_inet_socket_address_new (address, port));
}

gboolean
lt_devportal_listen (LtDevportal         *self,
                     GInetSocketAddress  *address,
                     GError             **error)
{
  g_autoptr(GSList) listeners = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autofree char *host = NULL;
  GInetAddress *inet;
  GSocket *socket;

  g_return_val_if_fail (LT_IS_DEVPORTAL (self), FALSE);
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), FALSE);

  if (!soup_server_listen (self->server, G_SOCKET_ADDRESS (address), 0, error))
    return FALSE;

  listeners = soup_server_get_listeners (self->server);
  g_assert (listeners != NULL);
  socket = listeners->data;
  local = g_socket_get_local_address (socket, error);
  if (local == NULL)
    return FALSE;

  inet = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));
  host = g_inet_address_to_string (inet);
  g_free (self->base_url);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    self->base_url = g_strdup_printf ("http://[%s]:%u", host,
                                      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
  else
    self->base_url = g_strdup_printf ("http://%s:%u", host,
                                      g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)));
  return TRUE;
}

const char *
lt_devportal_get_base_url (LtDevportal *self)
{
  g_return_val_if_fail (LT_IS_DEVPORTAL (self), NULL);

  return self->base_url;
}

void
lt_devportal_shutdown (LtDevportal *self)
{
  g_return_if_fail (LT_IS_DEVPORTAL (self));

  if (self->server != NULL)
    soup_server_disconnect (self->server);
}
