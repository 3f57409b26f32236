/* lt-devportal-db.c: the reference portal's sqlite file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-devportal"

#include "config.h"

#include "lt-devportal-db.h"

#include "lt-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

/* "LTdp": refuses to touch another program's database at the same path
 * (the client's store is "LTsp"). */
#define DEVPORTAL_APPLICATION_ID 0x4c546470

static const char schema_v1[] =
  "CREATE TABLE settings (\n"
  "  name  TEXT PRIMARY KEY,\n"
  "  value TEXT NOT NULL\n"
  ") STRICT;\n"

  "CREATE TABLE account (\n"
  "  id            INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  customer_name TEXT NOT NULL CHECK (trim (customer_name) <> ''),\n"
  "  tier          TEXT NOT NULL\n"
  "                CHECK (tier IN ('essential', 'professional', 'enterprise')),\n"
  "  contact_name  TEXT,\n"
  "  contact_email TEXT,\n"
  "  contact_phone TEXT,\n"
  "  csm_email     TEXT,\n"
  "  updated_at    INTEGER NOT NULL\n"
  ") STRICT;\n"

  /* The amount is decimal text: exact, and the portal only reports it. */
  "CREATE TABLE invoices (\n"
  "  id       TEXT PRIMARY KEY,\n"
  "  issued   TEXT NOT NULL\n"
  "           CHECK (issued GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  amount   TEXT NOT NULL,\n"
  "  currency TEXT NOT NULL CHECK (length (currency) = 3),\n"
  "  paid     INTEGER NOT NULL CHECK (paid IN (0, 1))\n"
  ") STRICT;\n"

  "CREATE TABLE maintenance_windows (\n"
  "  id           TEXT PRIMARY KEY,\n"
  "  kind         TEXT NOT NULL\n"
  "               CHECK (kind IN ('scheduled', 'emergency', 'upgrade-package')),\n"
  "  title        TEXT NOT NULL,\n"
  "  description  TEXT NOT NULL DEFAULT '',\n"
  "  starts_at    INTEGER NOT NULL,\n"
  "  ends_at      INTEGER NOT NULL,\n"
  "  announced_at INTEGER NOT NULL,\n"
  "  affects      TEXT NOT NULL CHECK (affects IN ('saas', 'on-prem', 'both')),\n"
  "  updated_at   INTEGER NOT NULL,\n"
  "  CHECK (ends_at >= starts_at)\n"
  ") STRICT;\n"
  "CREATE INDEX maintenance_windows_sync ON maintenance_windows (updated_at, id);\n"

  /* id is "LT-" and the zero-padded pk, so it sorts like pk. */
  "CREATE TABLE tickets (\n"
  "  pk                INTEGER PRIMARY KEY,\n"
  "  id                TEXT NOT NULL UNIQUE,\n"
  "  title             TEXT NOT NULL,\n"
  "  description       TEXT NOT NULL,\n"
  "  severity          TEXT NOT NULL CHECK (severity IN ('s1', 's2', 's3', 'feature')),\n"
  "  category          TEXT NOT NULL,\n"
  "  break_fix         INTEGER NOT NULL CHECK (break_fix IN (0, 1)),\n"
  "  security_incident INTEGER NOT NULL CHECK (security_incident IN (0, 1)),\n"
  "  state             TEXT NOT NULL\n"
  "                    CHECK (state IN ('submitted', 'triaged', 'in-progress',\n"
  "                                     'awaiting-customer', 'resolved', 'closed',\n"
  "                                     'reopened')),\n"
  "  close_reason      TEXT NOT NULL DEFAULT 'none'\n"
  "                    CHECK (close_reason IN ('none', 'confirmed', 'no-response',\n"
  "                                            'resolved-timeout', 'fixed-in-current',\n"
  "                                            'withdrawn')),\n"
  "  opened_at         INTEGER NOT NULL,\n"
  "  updated_at        INTEGER NOT NULL,\n"
  "  first_response_at INTEGER,\n"
  "  response_due      INTEGER,\n"
  "  awaiting_since    INTEGER,\n"
  "  resolved_at       INTEGER,\n"
  "  closed_at         INTEGER,\n"
  "  escalation_level  INTEGER NOT NULL DEFAULT 0 CHECK (escalation_level >= 0),\n"
  "  product_version   TEXT,\n"
  "  installation      TEXT,\n"
  "  contact           TEXT,\n"
  "  known_issue_ids   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (known_issue_ids)),\n"
  "  feature_criteria  TEXT CHECK (feature_criteria IS NULL OR json_valid (feature_criteria)),\n"
  "  references_ticket TEXT,\n"
  "  CHECK ((state = 'closed') = (closed_at IS NOT NULL)),\n"
  "  CHECK ((state = 'closed') = (close_reason <> 'none'))\n"
  ") STRICT;\n"
  "CREATE INDEX tickets_sync ON tickets (updated_at, id);\n"
  /* The auto-close sweep runs before every request: it reads only these. */
  "CREATE INDEX tickets_auto_close ON tickets (state)\n"
  "  WHERE state IN ('awaiting-customer', 'resolved');\n"

  "CREATE TABLE ticket_events (\n"
  "  pk                      INTEGER PRIMARY KEY,\n"
  "  ticket_pk               INTEGER NOT NULL REFERENCES tickets (pk),\n"
  "  kind                    TEXT NOT NULL\n"
  "                          CHECK (kind IN ('comment', 'state-change', 'escalation',\n"
  "                                          'attachment')),\n"
  "  at                      INTEGER NOT NULL,\n"
  "  author                  TEXT NOT NULL,\n"
  "  body                    TEXT NOT NULL DEFAULT '',\n"
  "  from_state              TEXT,\n"
  "  to_state                TEXT,\n"
  "  level                   INTEGER NOT NULL DEFAULT 0,\n"
  "  attachment_name         TEXT,\n"
  "  attachment_size         INTEGER,\n"
  "  attachment_content_type TEXT,\n"
  "  attachment_sha256       TEXT,\n"
  "  CHECK ((kind = 'state-change') = (to_state IS NOT NULL)),\n"
  "  CHECK ((kind = 'attachment') = (attachment_name IS NOT NULL))\n"
  ") STRICT;\n"
  "CREATE INDEX ticket_events_ticket ON ticket_events (ticket_pk, at, pk);\n"

  "CREATE TABLE change_notices (\n"
  "  pk             INTEGER PRIMARY KEY,\n"
  "  id             TEXT NOT NULL UNIQUE,\n"
  "  kind           TEXT NOT NULL\n"
  "                 CHECK (kind IN ('infrastructure', 'database-schema', 'third-party',\n"
  "                                 'core-configuration')),\n"
  "  title          TEXT NOT NULL,\n"
  "  description    TEXT NOT NULL,\n"
  "  systems        TEXT NOT NULL CHECK (json_valid (systems)),\n"
  "  planned_start  INTEGER NOT NULL,\n"
  "  planned_end    INTEGER NOT NULL,\n"
  "  rollback_plan  TEXT NOT NULL,\n"
  "  risk           TEXT NOT NULL CHECK (risk IN ('low', 'medium', 'high')),\n"
  "  state          TEXT NOT NULL\n"
  "                 CHECK (state IN ('submitted', 'under-review', 'reviewed', 'withdrawn')),\n"
  "  review_outcome TEXT NOT NULL DEFAULT 'none'\n"
  "                 CHECK (review_outcome IN ('none', 'no-concerns', 'concerns')),\n"
  "  late           INTEGER NOT NULL CHECK (late IN (0, 1)),\n"
  "  submitted_at   INTEGER NOT NULL,\n"
  "  updated_at     INTEGER NOT NULL,\n"
  "  CHECK (planned_end >= planned_start)\n"
  ") STRICT;\n"
  "CREATE INDEX change_notices_sync ON change_notices (updated_at, id);\n"

  /* The stored answer of every successful POST, written in the same
   * transaction as the change it made: a repeated key finds either both
   * or neither. */
  "CREATE TABLE idempotency_keys (\n"
  "  key         TEXT PRIMARY KEY,\n"
  "  method      TEXT NOT NULL,\n"
  "  path        TEXT NOT NULL,\n"
  "  fingerprint TEXT NOT NULL,\n"
  "  status      INTEGER NOT NULL,\n"
  "  body        TEXT NOT NULL,\n"
  "  resource_id TEXT,\n"
  "  created_at  INTEGER NOT NULL,\n"
  "  replays     INTEGER NOT NULL DEFAULT 0\n"
  ") STRICT;\n";

/* v2: the vendor's text with a review, and rescheduling (a notice that
 * replaces another, which is withdrawn in the same request). */
static const char schema_v2[] =
  "ALTER TABLE change_notices ADD COLUMN review_text TEXT;\n"
  "ALTER TABLE change_notices ADD COLUMN replaces TEXT;\n"
  "ALTER TABLE change_notices ADD COLUMN replaced_by TEXT;\n";

/* Element N takes the file from user_version N to N + 1. */
static const char * const migrations[] = {
  schema_v1,
  schema_v2,
};

struct _LtDevTransaction
{
  LtDevportalDb *db;
  gboolean       done;
};

struct _LtDevportalDb
{
  GObject     parent_instance;

  /* Owned */
  sqlite3    *db;
  GHashTable *statements;   /* SQL text (static) -> sqlite3_stmt */
  gboolean    is_new;
};

G_DEFINE_FINAL_TYPE (LtDevportalDb, lt_devportal_db, G_TYPE_OBJECT)

static void
lt_devportal_db_finalize (GObject *object)
{
  LtDevportalDb *self = LT_DEVPORTAL_DB (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close (self->db);

  G_OBJECT_CLASS (lt_devportal_db_parent_class)->finalize (object);
}

static void
lt_devportal_db_class_init (LtDevportalDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lt_devportal_db_finalize;
}

static void
lt_devportal_db_init (LtDevportalDb *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

static void
set_sqlite_error (sqlite3     *db,
                  GError     **error,
                  const char  *doing)
{
  g_set_error (error, LT_ERROR, LT_ERROR_STORE, "%s: %s", doing,
               db != NULL ? sqlite3_errmsg (db) : "out of memory");
}

/* sqlite creates files 0644 & ~umask; the file holds a customer's tickets
 * (even made-up ones may be copied from real ones), so create it private. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("Could not create “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
migrate (LtDevportalDb  *self,
         GError        **error)
{
  g_autoptr(LtDevTransaction) tx = NULL;
  g_autofree char *set_version = NULL;
  g_autofree char *set_app_id = NULL;
  int version = 0;
  int app_id = 0;
  gboolean has_row = FALSE;

  tx = lt_devportal_db_begin (self, error);
  if (tx == NULL)
    return FALSE;

  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    if (sqlite3_prepare_v2 (self->db, "PRAGMA application_id", -1, &stmt, NULL) != SQLITE_OK)
      {
        set_sqlite_error (self->db, error, _("Reading the database identity"));
        return FALSE;
      }
    if (!lt_devportal_db_step (self, stmt, &has_row, error))
      return FALSE;
    app_id = has_row ? sqlite3_column_int (stmt, 0) : 0;
  }
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
      {
        set_sqlite_error (self->db, error, _("Reading the schema version"));
        return FALSE;
      }
    if (!lt_devportal_db_step (self, stmt, &has_row, error))
      return FALSE;
    version = has_row ? sqlite3_column_int (stmt, 0) : 0;
  }

  if (app_id != 0 && app_id != DEVPORTAL_APPLICATION_ID)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("The file is not a devportal database (application id %#x)"),
                   (guint) app_id);
      return FALSE;
    }
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("The database was written by a newer devportal (schema %d; this one knows %u)"),
                   version, (guint) G_N_ELEMENTS (migrations));
      return FALSE;
    }

  self->is_new = (version == 0);
  for (guint i = version; i < G_N_ELEMENTS (migrations); i++)
    {
      if (!lt_devportal_db_exec (self, migrations[i], error))
        {
          g_prefix_error (error, _("Migrating the database to schema %u: "), i + 1);
          return FALSE;
        }
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %u", (guint) G_N_ELEMENTS (migrations));
  set_app_id = g_strdup_printf ("PRAGMA application_id = %d", DEVPORTAL_APPLICATION_ID);
  if (!lt_devportal_db_exec (self, set_version, error) ||
      !lt_devportal_db_exec (self, set_app_id, error))
    return FALSE;

  return lt_dev_transaction_commit (tx, error);
}

/**
 * lt_devportal_db_open:
 * @path: (nullable): the database file, or %NULL for a private in-memory one
 * @error: a #GError, %LT_ERROR_STORE
 *
 * Returns: (transfer full): the open database, migrated to the schema of
 *   this build
 */
LtDevportalDb *
lt_devportal_db_open (const char  *path,
                      GError     **error)
{
  g_autoptr(LtDevportalDb) self = g_object_new (LT_TYPE_DEVPORTAL_DB, NULL);
  int rc;

  if (path != NULL && !create_private_file (path, error))
    return NULL;

  rc = sqlite3_open_v2 (path != NULL ? path : ":memory:", &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self->db, error, path != NULL ? path : ":memory:");
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* WAL and FULL: an answer the portal gave must be in the file, so that
   * a restarted portal still knows the idempotency key. */
  if (!lt_devportal_db_exec (self, "PRAGMA foreign_keys = ON", error) ||
      (path != NULL && !lt_devportal_db_exec (self, "PRAGMA journal_mode = WAL", error)) ||
      !lt_devportal_db_exec (self, "PRAGMA synchronous = FULL", error))
    return NULL;

  if (!migrate (self, error))
    {
      g_prefix_error (error, "%s: ", path != NULL ? path : ":memory:");
      return NULL;
    }

  return g_steal_pointer (&self);
}

gboolean
lt_devportal_db_is_new (LtDevportalDb *self)
{
  g_return_val_if_fail (LT_IS_DEVPORTAL_DB (self), FALSE);

  return self->is_new;
}

/**
 * lt_devportal_db_prepare:
 * @self: a #LtDevportalDb
 * @sql: a statement; must be a string that lives as long as @self (a
 *   literal), since it keys the cache
 * @error: a #GError
 *
 * Returns: (transfer none): the cached statement; hold it in
 *   g_auto(LtDevStmt)
 */
sqlite3_stmt *
lt_devportal_db_prepare (LtDevportalDb  *self,
                         const char     *sql,
                         GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LT_IS_DEVPORTAL_DB (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      set_sqlite_error (self->db, error, _("Preparing a statement"));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
lt_devportal_db_exec (LtDevportalDb  *self,
                      const char     *sql,
                      GError        **error)
{
  char *message = NULL;

  g_return_val_if_fail (LT_IS_DEVPORTAL_DB (self), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE, "%s",
                   message != NULL ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
lt_devportal_db_step (LtDevportalDb  *self,
                      sqlite3_stmt   *stmt,
                      gboolean       *has_row,
                      GError        **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *has_row = TRUE;
      return TRUE;
    }
  *has_row = FALSE;
  if (rc == SQLITE_DONE)
    return TRUE;

  set_sqlite_error (self->db, error, _("Database error"));
  return FALSE;
}

gboolean
lt_devportal_db_step_done (LtDevportalDb  *self,
                           sqlite3_stmt   *stmt,
                           GError        **error)
{
  gboolean has_row = FALSE;

  if (!lt_devportal_db_step (self, stmt, &has_row, error))
    return FALSE;
  g_assert (!has_row);
  return TRUE;
}

LtDevTransaction *
lt_devportal_db_begin (LtDevportalDb  *self,
                       GError        **error)
{
  LtDevTransaction *tx;

  g_return_val_if_fail (LT_IS_DEVPORTAL_DB (self), NULL);

  if (!lt_devportal_db_exec (self, "BEGIN IMMEDIATE", error))
    return NULL;

  tx = g_new0 (LtDevTransaction, 1);
  tx->db = g_object_ref (self);
  return tx;
}

gboolean
lt_dev_transaction_commit (LtDevTransaction  *tx,
                           GError           **error)
{
  g_return_val_if_fail (tx != NULL && !tx->done, FALSE);

  if (!lt_devportal_db_exec (tx->db, "COMMIT", error))
    return FALSE;
  tx->done = TRUE;
  return TRUE;
}

void
lt_dev_transaction_free (LtDevTransaction *tx)
{
  if (tx == NULL)
    return;

  if (!tx->done && sqlite3_get_autocommit (tx->db->db) == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!lt_devportal_db_exec (tx->db, "ROLLBACK", &error))
        g_warning ("Rolling back: %s", error->message);
    }
  g_object_unref (tx->db);
  g_free (tx);
}

char *
lt_devportal_db_dup_setting (LtDevportalDb *self,
                             const char    *name)
{
  g_autoptr(GError) error = NULL;
  g_auto(LtDevStmt) stmt = NULL;
  gboolean has_row = FALSE;

  stmt = lt_devportal_db_prepare (self, "SELECT value FROM settings WHERE name = ?", &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (!lt_devportal_db_step (self, stmt, &has_row, &error))
    {
      g_warning ("%s", error->message);
      return NULL;
    }
  return has_row ? g_strdup ((const char *) sqlite3_column_text (stmt, 0)) : NULL;
}

gboolean
lt_devportal_db_set_setting (LtDevportalDb  *self,
                             const char     *name,
                             const char     *value,
                             GError        **error)
{
  g_auto(LtDevStmt) stmt = NULL;

  stmt = lt_devportal_db_prepare (self,
                                  "INSERT INTO settings (name, value) VALUES (?, ?) "
                                  "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return lt_devportal_db_step_done (self, stmt, error);
}

void
lt_dev_bind_instant (sqlite3_stmt *stmt,
                     int           index,
                     GDateTime    *instant)
{
  if (instant == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, g_date_time_to_unix (instant));
}

GDateTime *
lt_dev_column_instant (sqlite3_stmt *stmt,
                       int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, column));
}

void
lt_dev_bind_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
lt_dev_column_text (sqlite3_stmt *stmt,
                    int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}
