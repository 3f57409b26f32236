/* lt-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store.h"
#include "lt-store-private.h"
#include "lt-store-enums.h"
#include "lt-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* How long a writer waits for another process (the CLI while the app runs)
 * before giving up with "database is locked". */
#define LT_STORE_BUSY_TIMEOUT_MS 5000

/* sqlite's own default (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT, not in its
 * header): the pages in the log after which a commit copies them back into
 * the database. An unsynced transaction (lt_store_begin_unsynced()) leaves
 * that to lt_store_sync_log_async() in a worker. */
#define LT_STORE_WAL_AUTOCHECKPOINT_PAGES 1000

struct _LtStore
{
  GObject     parent_instance;

  /* Owned */
  char       *path;
  sqlite3    *db;
  GHashTable *statements;     /* SQL text -> sqlite3_stmt, finalized on close */

  guint       schema_version;
  guint       tx_depth;
  /* Set when sqlite reported SQLITE_CORRUPT or SQLITE_NOTADB: opening then
   * recovers instead of failing. */
  gboolean    saw_corruption;
  /* Opening is over: damage seen from now on cannot be recovered in
   * place, so it is written down for the next start (write_damage_marker). */
  gboolean    opened;
  gboolean    marker_written;
  /* A reader (lt_store_open_reader()): a read-only connection for one
   * worker thread; it never migrates, writes or emits ::changed. */
  gboolean    read_only;
  gint64      open_page_reads;
  /* The pages in the log after the last unsynced commit (sqlite's WAL
   * hook), 0 when none or once lt_store_sync_log_async() checkpointed. */
  int         log_frames;

  /* Claims on outbox items (docs/store.md, "Claims"): a random id, made
   * at the first claim, and the lock on "<path>.claims/<id>" held for as
   * long as this connection lives. */
  char       *claim_owner;
  int         claim_fd;

  /* Changes recorded inside the open transaction, oldest first, each
   * tagged with the nesting level that recorded it; emitted after the
   * outermost COMMIT (docs/store.md, "Change notification"). */
  GArray     *pending_changes;  /* of PendingChange */
};

G_DEFINE_FINAL_TYPE (LtStore, lt_store, G_TYPE_OBJECT)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char        *table;   /* interned */
  char              *key;
  LtStoreChangeKind  kind;
  guint              depth;
} PendingChange;

static void
pending_change_clear (gpointer data)
{
  PendingChange *change = data;

  g_clear_pointer (&change->key, g_free);
}

struct _LtStoreTransaction
{
  LtStore  *store;
  guint     depth;
  gboolean  done;
  gboolean  unsynced;   /* lt_store_begin_unsynced(): settings to restore */
};

typedef enum
{
  CHECK_OK,
  CHECK_CORRUPT,
  CHECK_FAILED,
} CheckResult;

/* How much of the file opening reads before it trusts it. */
typedef enum
{
  CHECK_NONE,    /* LT_STORE_OPEN_DEFER_CHECK: the caller checks later */
  CHECK_QUICK,   /* PRAGMA quick_check: every page and every b-tree */
  CHECK_FULL,    /* PRAGMA integrity_check: also indexes against tables */
} CheckDepth;

static void
close_connection (LtStore *self)
{
  /* Statements first: sqlite3_close() refuses while any is alive. */
  g_hash_table_remove_all (self->statements);
  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        g_debug ("closing %s: %s", self->path, sqlite3_errstr (rc));
      self->db = NULL;
    }
  self->tx_depth = 0;
  /* Whatever was open is gone with the connection, uncommitted. */
  if (self->pending_changes != NULL)
    g_array_set_size (self->pending_changes, 0);
}

static char *
dup_claim_path (const char *path,
                const char *owner)
{
  g_autofree char *dir = g_strconcat (path, LT_STORE_CLAIMS_SUFFIX, NULL);

  return g_build_filename (dir, owner, NULL);
}

static void
release_claim_lock (LtStore *self)
{
  g_autofree char *lock_path = NULL;

  if (self->claim_fd < 0)
    return;

  /* Removed while still locked: a recovering process that finds it gone
   * knows the owner is gone, and the folder does not fill up. Items this
   * connection still had in `sending` are released by the next open. */
  lock_path = dup_claim_path (self->path, self->claim_owner);
  if (g_unlink (lock_path) != 0 && errno != ENOENT)
    g_debug ("removing %s: %s", lock_path, g_strerror (errno));
  close (self->claim_fd);
  self->claim_fd = -1;
}

static void
lt_store_finalize (GObject *object)
{
  LtStore *self = (LtStore *) object;

  close_connection (self);
  release_claim_lock (self);
  g_clear_pointer (&self->claim_owner, g_free);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending_changes, g_array_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lt_store_parent_class)->finalize (object);
}

static void
lt_store_class_init (LtStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lt_store_finalize;

  /**
   * LtStore::changed:
   * @self: the store
   * @table: the table the row belongs to (also the signal's detail)
   * @kind: an #LtStoreChangeKind
   * @key: the row's key (see lt_store_record_change())
   *
   * A row was written and the write is committed. Emitted once per
   * recorded change, in the order they were recorded; connect with a
   * detail ("changed::tickets") to hear about one table only. A handler
   * may read the store and begin transactions of its own.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  LT_TYPE_STORE_CHANGE_KIND,
                  G_TYPE_STRING);
}

static void
lt_store_init (LtStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->pending_changes = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  g_array_set_clear_func (self->pending_changes, pending_change_clear);
  self->claim_fd = -1;
}

static void
emit_change (LtStore           *self,
             const char        *table,
             LtStoreChangeKind  kind,
             const char        *key)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_string (table),
                 table, kind, key);
}

/**
 * lt_store_record_change:
 * @self: the store
 * @table: the table written, e.g. "tickets"
 * @kind: what happened to the row
 * @key: the row's key: the decimal pk for tables with an INTEGER pk
 *   (tickets, ticket_events, change_notices), else the text primary key
 *   (maintenance_windows, installations, documents), "1" for account
 *
 * Store modules call this after each statement that inserted, updated or
 * deleted a row whose table someone may show. Inside a transaction the
 * change waits for the outermost commit and is dropped when the level that
 * recorded it rolls back; outside one, the write already committed and
 * LtStore::changed is emitted at once.
 */
void
lt_store_record_change (LtStore           *self,
                        const char        *table,
                        LtStoreChangeKind  kind,
                        const char        *key)
{
  PendingChange change;

  g_return_if_fail (LT_IS_STORE (self));
  /* A reader cannot have written anything, and its signals would fire on
   * the worker thread. */
  g_return_if_fail (!self->read_only);
  g_return_if_fail (table != NULL && table[0] != '\0');
  g_return_if_fail (key != NULL);

  if (self->tx_depth == 0)
    {
      emit_change (self, table, kind, key);
      return;
    }

  change.table = g_intern_string (table);
  change.key = g_strdup (key);
  change.kind = kind;
  change.depth = self->tx_depth;
  g_array_append_val (self->pending_changes, change);
}

/**
 * lt_store_record_change_pk:
 * @self: the store
 * @table: the table written
 * @kind: what happened to the row
 * @pk: the row's INTEGER primary key
 *
 * lt_store_record_change() with the key written in decimal.
 */
void
lt_store_record_change_pk (LtStore           *self,
                           const char        *table,
                           LtStoreChangeKind  kind,
                           gint64             pk)
{
  char key[24];   /* "-9223372036854775808" and the NUL fit */

  g_snprintf (key, sizeof key, "%" G_GINT64_FORMAT, pk);
  lt_store_record_change (self, table, kind, key);
}

/* Drops the changes recorded at nesting level @depth or deeper: that
 * level was rolled back. */
static void
drop_changes_from (LtStore *self,
                   guint    depth)
{
  guint keep = self->pending_changes->len;

  while (keep > 0 &&
         g_array_index (self->pending_changes, PendingChange, keep - 1).depth >= depth)
    keep--;
  g_array_set_size (self->pending_changes, keep);
}

/* A savepoint at @depth was released: its changes now belong to the
 * enclosing level and roll back with it. */
static void
lift_changes_from (LtStore *self,
                   guint    depth)
{
  for (guint i = self->pending_changes->len; i > 0; i--)
    {
      PendingChange *change = &g_array_index (self->pending_changes, PendingChange, i - 1);

      if (change->depth < depth)
        break;
      change->depth = depth - 1;
    }
}

/* The outermost transaction committed. The queue is taken first so that a
 * handler may begin a transaction of its own. */
static void
emit_committed_changes (LtStore *self)
{
  g_autoptr(GArray) changes = NULL;

  if (self->pending_changes->len == 0)
    return;

  changes = g_steal_pointer (&self->pending_changes);
  self->pending_changes = g_array_new (FALSE, FALSE, sizeof (PendingChange));
  g_array_set_clear_func (self->pending_changes, pending_change_clear);

  g_object_ref (self);
  for (guint i = 0; i < changes->len; i++)
    {
      PendingChange *change = &g_array_index (changes, PendingChange, i);

      emit_change (self, change->table, change->kind, change->key);
    }
  g_object_unref (self);
}

/**
 * lt_store_lookup_by_any_id:
 * @self: the store
 * @name: an id as a person gives it
 * @by_id: the lookup by the portal's id
 * @by_local_id: the lookup by the local id
 * @error: return location for an error
 *
 * A row has a portal id once the portal has it and a local id from the
 * start, and people name it by whichever they saw: the portal's id wins
 * when both match.
 *
 * Returns: (transfer full) (nullable): the row's object, or %NULL with
 *   LT_ERROR_NOT_FOUND when neither lookup has it
 */
gpointer
lt_store_lookup_by_any_id (LtStore            *self,
                           const char         *name,
                           LtStoreLookupFunc   by_id,
                           LtStoreLookupFunc   by_local_id,
                           GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gpointer found;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  found = by_id (self, name, &local_error);
  if (found != NULL || !g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return found;
    }
  return by_local_id (self, name, error);
}

/**
 * lt_store_dup_default_path:
 *
 * The database of the current user: `$LTSUPPORT_PROFILE/support.db` when
 * that variable names a profile directory (tests, demos, `--profile`), else
 * `$XDG_DATA_HOME/lockthreat-support/support.db`.
 *
 * Returns: (transfer full): the path
 */
char *
lt_store_dup_default_path (void)
{
  const char *profile = g_getenv (LT_STORE_PROFILE_ENV);

  if (profile != NULL && profile[0] != '\0')
    return g_build_filename (profile, LT_STORE_FILE_NAME, NULL);

  return g_build_filename (g_get_user_data_dir (), "lockthreat-support",
                           LT_STORE_FILE_NAME, NULL);
}

static void
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      char        *doing)
{
  g_set_error (error, LT_ERROR, LT_ERROR_STORE, "%s: %s", doing, g_strerror (saved_errno));
  g_free (doing);
}

/* Creates @path with mode 0600 if it does not exist, and takes group and
 * other permissions away if it does. Done before sqlite touches the file:
 * sqlite creates files 0644 minus the umask, and gives -wal and -shm the
 * mode of the database file, so this is what keeps all three private.
 *
 * An existing file is never opened here: closing any descriptor of a file
 * drops every POSIX lock this process holds on it, so a second store
 * opened in a process (a test, a tool) would silently take the locks of
 * the first connection away, and another process could then checkpoint
 * and truncate the log under it. */
static gboolean
ensure_private_file (const char  *path,
                     const char  *database,
                     GError     **error)
{
  struct stat st;
  int fd;

  if (g_stat (path, &st) != 0)
    {
      fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd >= 0)
        {
          /* New: nobody holds a lock on it yet. */
          close (fd);
          return TRUE;
        }
      if (errno != EEXIST || g_stat (path, &st) != 0)
        {
          int saved_errno = errno;

          /* A file that cannot be made in a folder that cannot be
           * written (a read-only folder or file system) next to a database
           * that exists is not a file we failed to create: say what it is
           * and what still works. */
          if ((saved_errno == EACCES || saved_errno == EPERM || saved_errno == EROFS) &&
              g_file_test (database, G_FILE_TEST_EXISTS))
            set_error_from_errno (error, saved_errno,
                                  g_strdup_printf (_("The local database “%s” is read-only: commands "
                                                     "that change it cannot run (commands that only "
                                                     "read it still do)"), database));
          else if (saved_errno == ENOSPC)
            set_error_from_errno (error, saved_errno,
                                  g_strdup_printf (_("Could not create “%s”: no space left on the device"),
                                                   path));
          else
            set_error_from_errno (error, saved_errno,
                                  g_strdup_printf (_("Could not create “%s”"), path));
          return FALSE;
        }
    }

  if ((st.st_mode & 07777) != 0600 && g_chmod (path, 0600) != 0)
    {
      int saved_errno = errno;

      set_error_from_errno (error, saved_errno,
                            g_strdup_printf (_("Could not make “%s” private"), path));
      return FALSE;
    }

  return TRUE;
}

static gboolean
prepare_files (const char  *path,
               GError     **error)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      set_error_from_errno (error, saved_errno,
                            g_strdup_printf (_("Could not create the folder “%s”"), dir));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (!ensure_private_file (file, path, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_corruption (int rc)
{
  int primary = rc & 0xff;

  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

static char *
dup_marker_path (const char *path)
{
  return g_strconcat (path, LT_STORE_DAMAGED_SUFFIX, NULL);
}

/* Leaves "<path>.damaged" (0600) saying when and what was seen. The next
 * open, deferred or not, then checks the whole file before trusting it and
 * recovers like an open that found the damage itself. Written once per
 * connection: the first report is the one that matters. */
static gboolean
write_damage_marker (LtStore     *self,
                     const char  *what,
                     GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *contents = NULL;

  if (self->marker_written)
    return TRUE;

  now = g_date_time_new_now_utc ();
  stamp = g_date_time_format_iso8601 (now);
  marker = dup_marker_path (self->path);
  /* Not translated: this is for support, next to the file it describes. */
  contents = g_strdup_printf ("%s\n%s\n%s\n", stamp, self->path, what);

  if (!g_file_set_contents_full (marker, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                 error))
    return FALSE;

  g_debug ("%s: damage noted in %s: %s", self->path, marker, what);
  self->marker_written = TRUE;
  return TRUE;
}

void
lt_store_set_error (LtStore     *self,
                    GError     **error,
                    const char  *doing)
{
  int rc = sqlite3_extended_errcode (self->db);
  gboolean io_failed;

  if (is_corruption (rc))
    {
      self->saw_corruption = TRUE;
      /* While opening, try_open() recovers from this at once. */
      if (self->opened)
        {
          g_autoptr(GError) marker_error = NULL;

          if (!write_damage_marker (self, sqlite3_errmsg (self->db), &marker_error))
            g_warning ("Could not note that %s is damaged: %s", self->path,
                       marker_error->message);
        }
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("%s: the local database is damaged (%s); it will be checked and "
                     "set aside the next time LockThreat Support starts"),
                   doing, sqlite3_errmsg (self->db));
      return;
    }

  if (self->read_only && (rc & 0xff) == SQLITE_READONLY)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("%s: this connection to the local database is for reading only (%s)"),
                   doing, sqlite3_errmsg (self->db));
      return;
    }

  /* sqlite says "disk I/O error" or "database or disk is full"; the user
   * needs to know it is the disk, and which one. The system's errno is
   * only asked after an I/O failure: it may be left from an earlier,
   * harmless call. */
  io_failed = (rc & 0xff) == SQLITE_IOERR || (rc & 0xff) == SQLITE_CANTOPEN;
  if ((rc & 0xff) == SQLITE_FULL || (io_failed && sqlite3_system_errno (self->db) == ENOSPC))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("%s: no space left on the device that holds “%s”; free some space "
                     "and try again"),
                   doing, self->path);
      return;
    }
  if ((rc & 0xff) == SQLITE_READONLY || (io_failed && sqlite3_system_errno (self->db) == EROFS))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("%s: the local database “%s” is read-only (%s)"),
                   doing, self->path, sqlite3_errmsg (self->db));
      return;
    }

  g_set_error (error, LT_ERROR, LT_ERROR_STORE, "%s: %s", doing, sqlite3_errmsg (self->db));
}

sqlite3 *
lt_store_get_db (LtStore *self)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);

  return self->db;
}

gboolean
lt_store_exec (LtStore     *self,
               const char  *sql,
               GError     **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      lt_store_set_error (self, error, _("Could not update the local database"));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_prepare:
 * @self: the store
 * @sql: one SQL statement with `?` parameters; never built from user input
 * @error: return location for an error
 *
 * Returns: (transfer none): a cached statement, reset and without bindings;
 *   hold it in a `g_auto(LtCachedStmt)` so it is reset after use
 */
sqlite3_stmt *
lt_store_prepare (LtStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      lt_store_set_error (self, error, _("Could not read the local database"));
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
lt_store_step_done (LtStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not update the local database"));
      return FALSE;
    }
  return TRUE;
}

gint64
lt_store_instant_to_usec (GDateTime *instant)
{
  g_return_val_if_fail (instant != NULL, 0);

  return g_date_time_to_unix (instant) * G_USEC_PER_SEC + g_date_time_get_microsecond (instant);
}

GDateTime *
lt_store_instant_from_usec (gint64 usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) whole = NULL;

  /* Round towards minus infinity so instants before 1970 keep a
   * non-negative microsecond part. */
  if (rest < 0)
    {
      seconds -= 1;
      rest += G_USEC_PER_SEC;
    }

  whole = g_date_time_new_from_unix_utc (seconds);
  if (whole == NULL)
    return NULL;
  return g_date_time_add (whole, rest);
}

void
lt_store_bind_instant (sqlite3_stmt *stmt,
                       int           index,
                       GDateTime    *instant)
{
  if (instant == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, lt_store_instant_to_usec (instant));
}

GDateTime *
lt_store_column_instant (sqlite3_stmt *stmt,
                         int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return NULL;
  return lt_store_instant_from_usec (sqlite3_column_int64 (stmt, column));
}

const char *
lt_store_column_text (sqlite3_stmt *stmt,
                      int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

gboolean
lt_store_in_transaction (LtStore *self)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);

  return self->tx_depth > 0;
}

gboolean
lt_store_is_read_only (LtStore *self)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);

  return self->read_only;
}

static gboolean
open_connection (LtStore  *self,
                 GError  **error)
{
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_EXRESCODE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("Could not open the local database “%s”: %s"),
                   self->path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      close_connection (self);
      return FALSE;
    }

  sqlite3_busy_timeout (self->db, LT_STORE_BUSY_TIMEOUT_MS);
  return lt_store_exec (self, "PRAGMA foreign_keys = ON", error);
}

/* PRAGMA quick_check reads every page and verifies the b-trees (but not
 * that indexes match their tables: that is integrity_check, too slow for
 * every start, and run only when a marker says damage was seen). A file
 * that is not a database fails already while the statement is prepared. */
static CheckResult
check_integrity (LtStore     *self,
                 CheckDepth   depth,
                 char       **detail,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql = depth == CHECK_FULL ? "PRAGMA integrity_check" : "PRAGMA quick_check";
  int rc;

  g_assert (depth != CHECK_NONE);

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      const char *result = lt_store_column_text (stmt, 0);

      if (g_strcmp0 (result, "ok") == 0)
        return CHECK_OK;
      *detail = g_strdup (result ? result : "");
      return CHECK_CORRUPT;
    }

  if (is_corruption (rc))
    {
      *detail = g_strdup (sqlite3_errmsg (self->db));
      return CHECK_CORRUPT;
    }

  lt_store_set_error (self, error, _("Could not check the local database"));
  return CHECK_FAILED;
}

static gboolean
query_int (LtStore     *self,
           const char  *sql,
           gint64      *value,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      lt_store_set_error (self, error, _("Could not read the local database"));
      return FALSE;
    }
  *value = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* WAL lets the UI read while a sync writes, and a commit is one append to
 * the log. synchronous=FULL fsyncs the log on every commit: with NORMAL a
 * power cut may lose the last transactions, and the outbox promises that
 * what the admin submitted is never lost once we said it was saved. */
static gboolean
configure (LtStore  *self,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *mode;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      lt_store_set_error (self, error, _("Could not configure the local database"));
      return FALSE;
    }

  mode = lt_store_column_text (stmt, 0);
  if (g_strcmp0 (mode, "wal") != 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("The local database “%s” cannot use write-ahead logging "
                     "(journal mode “%s”); is it on a network file system?"),
                   self->path, mode ? mode : "");
      return FALSE;
    }

  return lt_store_exec (self, "PRAGMA synchronous = FULL", error);
}

static gboolean
check_identity (LtStore  *self,
                guint     n_migrations,
                gint64   *version,
                GError  **error)
{
  gint64 application_id;
  gint64 n_objects = 0;

  if (!query_int (self, "PRAGMA application_id", &application_id, error) ||
      !query_int (self, "PRAGMA user_version", version, error))
    return FALSE;

  if (application_id == 0 &&
      !query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
    return FALSE;

  if ((application_id != 0 && application_id != LT_STORE_APPLICATION_ID) ||
      (application_id == 0 && (*version != 0 || n_objects != 0)))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("“%s” is not a LockThreat Support database; it was left untouched"),
                   self->path);
      return FALSE;
    }

  if (*version > n_migrations)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("The local database “%s” was written by a newer version of "
                     "LockThreat Support (schema version %lld, this version "
                     "knows up to %u); it was left untouched. Please update the app."),
                   self->path, (long long) *version, n_migrations);
      return FALSE;
    }

  return TRUE;
}

static gboolean
run_migrations (LtStore             *self,
                const char * const  *migrations,
                guint                n_migrations,
                GError             **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(sqlite3_stmt) fk_check = NULL;
  g_autofree char *set_version = NULL;
  gint64 version;

  tx = lt_store_begin (self, error);
  if (tx == NULL)
    return FALSE;

  /* Read again under the write lock: another process may have migrated
   * the file since we looked. */
  if (!check_identity (self, n_migrations, &version, error))
    return FALSE;

  for (guint v = (guint) version; v < n_migrations; v++)
    {
      if (sqlite3_exec (self->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK)
        {
          g_autofree char *doing =
            g_strdup_printf (_("Could not upgrade the local database to schema version %u"), v + 1);

          lt_store_set_error (self, error, doing);
          return FALSE;
        }
    }

  /* Pragmas take no bound parameters; these are our own integers. */
  set_version = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u",
                                 LT_STORE_APPLICATION_ID, n_migrations);
  if (!lt_store_exec (self, set_version, error))
    return FALSE;

  /* Foreign keys are off while migrating (a table rebuild must not cascade);
   * what the migrations left behind must still be consistent. */
  if (sqlite3_prepare_v2 (self->db, "PRAGMA foreign_key_check", -1, &fk_check, NULL) != SQLITE_OK)
    {
      lt_store_set_error (self, error, _("Could not check the upgraded local database"));
      return FALSE;
    }
  if (sqlite3_step (fk_check) == SQLITE_ROW)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("Could not upgrade the local database: a row of “%s” refers to a "
                     "missing row of “%s”"),
                   lt_store_column_text (fk_check, 0), lt_store_column_text (fk_check, 2));
      return FALSE;
    }

  return lt_store_transaction_commit (tx, error);
}

static gboolean
migrate (LtStore             *self,
         const char * const  *migrations,
         guint                n_migrations,
         GError             **error)
{
  gint64 version;
  gboolean ok;

  if (!check_identity (self, n_migrations, &version, error))
    return FALSE;

  if (version < n_migrations)
    {
      /* sqlite ignores this pragma inside a transaction, so it is set
       * around the migration, not in it. */
      if (!lt_store_exec (self, "PRAGMA foreign_keys = OFF", error))
        return FALSE;
      ok = run_migrations (self, migrations, n_migrations, error);
      if (!lt_store_exec (self, "PRAGMA foreign_keys = ON", ok ? error : NULL))
        ok = FALSE;
      if (!ok)
        return FALSE;
    }

  self->schema_version = n_migrations;
  return TRUE;
}

/* Claims ------------------------------------------------------------------ */

static gboolean claim_owner_is_gone (LtStore    *self,
                                     const char *owner);

/**
 * lt_store_get_claim_owner:
 * @self: the store (not a reader)
 * @error: return location for an error
 *
 * The owner id the outbox writes into the items this connection claims.
 * Made at the first call: a random UUID, and "<database>.claims/<id>"
 * created and locked with flock(); the lock lives as long as the
 * connection, and the kernel drops it when the process dies, also by
 * SIGKILL. Another process tells a live owner from a gone one by trying
 * that lock (lt_store_release_abandoned_claims()).
 *
 * Returns: (transfer none) (nullable): the owner id
 */
const char *
lt_store_get_claim_owner (LtStore  *self,
                          GError  **error)
{
  g_autofree char *owner = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *lock_path = NULL;
  int fd;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (!self->read_only, NULL);

  if (self->claim_owner != NULL)
    return self->claim_owner;

  dir = g_strconcat (self->path, LT_STORE_CLAIMS_SUFFIX, NULL);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      set_error_from_errno (error, saved_errno,
                            g_strdup_printf (_("Could not create the folder “%s”"), dir));
      return NULL;
    }

  /* Another process sweeping the folder (sweep_claim_files()) may take
   * the lock of a file just created, before its creator does, and remove
   * it: the creator then holds a lock on a file nobody can find, which
   * would look gone. Such a file is dropped and another id made. */
  for (guint attempt = 0; attempt < 3 && self->claim_owner == NULL; attempt++)
    {
      struct stat held, named;

      g_clear_pointer (&owner, g_free);
      g_clear_pointer (&lock_path, g_free);
      owner = g_uuid_string_random ();
      lock_path = g_build_filename (dir, owner, NULL);
      fd = g_open (lock_path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
      if (fd < 0)
        break;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0 && fstat (fd, &held) == 0 &&
          g_stat (lock_path, &named) == 0 &&
          held.st_dev == named.st_dev && held.st_ino == named.st_ino)
        {
          self->claim_fd = fd;
          self->claim_owner = g_steal_pointer (&owner);
          return self->claim_owner;
        }
      close (fd);
    }

  {
    int saved_errno = errno;

    set_error_from_errno (error, saved_errno,
                          g_strdup_printf (_("Could not lock “%s”"), lock_path));
    return NULL;
  }
}

/* The lock files of connections that are gone and had no item left in
 * `sending` (a CLI killed after its last answer): removed at open, so
 * the folder holds one file per live connection. */
static void
sweep_claim_files (LtStore *self)
{
  g_autofree char *dir_path = g_strconcat (self->path, LT_STORE_CLAIMS_SUFFIX, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_uuid_string_is_valid (name) && g_strcmp0 (name, self->claim_owner) != 0)
      claim_owner_is_gone (self, name);
}

/* Whether the connection that claimed as @owner is gone: its lock file is
 * missing or nobody holds its lock. Anything else (a lock held, a file that
 * cannot be opened) counts as alive: leaving an item in `sending` a while
 * longer costs a delay, releasing a live claim costs a second send. */
static gboolean
claim_owner_is_gone (LtStore    *self,
                     const char *owner)
{
  g_autofree char *lock_path = NULL;
  gboolean gone;
  int fd;

  /* The id came from the file; it names a file only if it is ours. */
  if (!g_uuid_string_is_valid (owner))
    return TRUE;

  lock_path = dup_claim_path (self->path, owner);
  fd = g_open (lock_path, O_RDWR | O_CLOEXEC, 0);
  if (fd < 0)
    return errno == ENOENT;

  gone = flock (fd, LOCK_EX | LOCK_NB) == 0;
  if (gone && g_unlink (lock_path) != 0 && errno != ENOENT)
    g_debug ("removing %s: %s", lock_path, g_strerror (errno));
  close (fd);
  return gone;
}

/**
 * lt_store_release_abandoned_claims:
 * @self: the store (not a reader)
 * @error: return location for an error
 *
 * Puts the outbox items claimed by a connection that is gone (its process
 * died or closed the store while sending) back to pending, with their
 * idempotency keys, so that sending them again cannot create a second copy
 * on the portal. Items claimed by a live connection, in this process or
 * another, are left alone: that one is sending them right now.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_release_abandoned_claims (LtStore  *self,
                                   GError  **error)
{
  g_autoptr(GPtrArray) owners = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->read_only, FALSE);

  {
    g_auto(LtCachedStmt) stmt = NULL;
    int rc;

    stmt = lt_store_prepare (self,
                             "SELECT DISTINCT claimed_by FROM outbox "
                             "WHERE state = 'sending' AND claimed_by IS NOT ?",
                             error);
    if (stmt == NULL)
      return FALSE;
    if (self->claim_owner != NULL)
      sqlite3_bind_text (stmt, 1, self->claim_owner, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (owners, g_strdup (lt_store_column_text (stmt, 0)));
    if (rc != SQLITE_DONE)
      {
        lt_store_set_error (self, error, _("Could not read the outbox"));
        return FALSE;
      }
  }

  for (guint i = 0; i < owners->len; i++)
    {
      const char *owner = g_ptr_array_index (owners, i);
      g_auto(LtCachedStmt) stmt = NULL;
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      int rc;

      if (!claim_owner_is_gone (self, owner))
        continue;

      stmt = lt_store_prepare (self,
                               "UPDATE outbox SET state = 'pending', claimed_by = NULL "
                               "WHERE state = 'sending' AND claimed_by = ? "
                               "RETURNING key",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, owner, -1, SQLITE_TRANSIENT);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        g_ptr_array_add (keys, g_strdup (lt_store_column_text (stmt, 0)));
      if (rc != SQLITE_DONE)
        {
          lt_store_set_error (self, error, _("Could not update the local database"));
          return FALSE;
        }
      /* Recorded once the statement ran to its end, as lt-outbox.c does. */
      for (guint j = 0; j < keys->len; j++)
        lt_store_record_change (self, "outbox", LT_STORE_CHANGE_UPDATED, g_ptr_array_index (keys, j));
      g_debug ("%s: %u outbox items claimed by %s, which is gone, are pending again",
               self->path, keys->len, owner);
    }

  return TRUE;
}

typedef enum
{
  OPEN_OK,
  OPEN_CORRUPT,
  OPEN_FAILED,
} OpenResult;

static OpenResult
try_open (LtStore             *self,
          const char * const  *migrations,
          guint                n_migrations,
          CheckDepth           depth,
          char               **corrupt_detail,
          GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 version;

  self->saw_corruption = FALSE;

  if (!prepare_files (self->path, error) ||
      !open_connection (self, error))
    return OPEN_FAILED;

  switch (depth == CHECK_NONE ? CHECK_OK : check_integrity (self, depth, corrupt_detail, error))
    {
    case CHECK_OK:
      break;
    case CHECK_CORRUPT:
      return OPEN_CORRUPT;
    case CHECK_FAILED:
    default:
      return OPEN_FAILED;
    }

  /* Identity before configure: switching another program's database to
   * WAL would already change it. */
  if (!check_identity (self, n_migrations, &version, &local_error) ||
      !configure (self, &local_error) ||
      !migrate (self, migrations, n_migrations, &local_error) ||
      /* A store held at an older schema (the fixture generator) has no
       * owners of claims to look at. */
      (n_migrations >= LT_STORE_SCHEMA_CLAIMS &&
       !lt_store_release_abandoned_claims (self, &local_error)))
    {
      /* quick_check does not compare indexes with their tables; sqlite
       * may still find damage while migrating. */
      if (self->saw_corruption)
        {
          *corrupt_detail = g_strdup (local_error->message);
          return OPEN_CORRUPT;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return OPEN_FAILED;
    }

  sweep_claim_files (self);
  return OPEN_OK;
}

/* Moves @path and its -wal/-shm aside to "<path>.corrupt-YYYYMMDDTHHMMSS"
 * (UTC; "-2", "-3"… when that name is taken). The log goes first: a stale
 * -wal next to a new, empty database would be replayed into it. */
static char *
move_aside (const char  *path,
            GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm", "" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  g_autofree char *target = NULL;

  for (guint n = 1; target == NULL; n++)
    {
      g_autofree char *candidate = n == 1
        ? g_strdup_printf ("%s.corrupt-%s", path, stamp)
        : g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (suffixes) && !taken; i++)
        {
          g_autofree char *file = g_strconcat (candidate, suffixes[i], NULL);

          taken = g_file_test (file, G_FILE_TEST_EXISTS);
        }
      if (!taken)
        target = g_steal_pointer (&candidate);
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;

      if (g_rename (from, to) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                       _("The local database “%s” is damaged and could not be moved "
                         "aside to “%s”: %s. Nothing was deleted."),
                       path, to, g_strerror (saved_errno));
          return NULL;
        }
    }

  return g_steal_pointer (&target);
}

static gint64
count_page_reads (sqlite3 *db)
{
  int current = 0;
  int highest = 0;

  if (sqlite3_db_status (db, SQLITE_DBSTATUS_CACHE_MISS, &current, &highest, 0) != SQLITE_OK)
    return -1;
  return current;
}

/* The store is open and trusted: damage seen from now on is noted for the
 * next start, and the note of an earlier run, now dealt with, goes. */
static void
finish_open (LtStore    *self,
             const char *marker,
             gboolean    marked)
{
  self->opened = TRUE;
  self->open_page_reads = count_page_reads (self->db);

  if (marked && g_unlink (marker) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      /* Harmless but costly: every start would check the whole file. */
      g_warning ("Could not remove %s: %s", marker, g_strerror (saved_errno));
    }
}

/* The damaged file is kept aside as it is; what can be read of it goes
 * into the new database: all of it when only indexes were damaged (sqlite's
 * REINDEX cannot do that: it must first free the damaged index's pages and
 * fails on them), else every readable row, with the outbox and the local
 * rows its items belong to, and no sync cursors so that the portal's data
 * is fetched again in full. The notice says which. */
static void
recover_from_kept (LtStore     *self,
                   const char  *kept_at,
                   GError     **recovery_notice)
{
  g_autoptr(GError) salvage_error = NULL;
  LtStoreSalvageReport report;

  if (!lt_store_salvage_all (self, kept_at, &report, &salvage_error))
    {
      g_debug ("%s: nothing recovered from %s: %s", self->path, kept_at, salvage_error->message);
      g_set_error (recovery_notice, LT_ERROR, LT_ERROR_STORE_CORRUPT,
                   _("The local database was damaged and could not be read; a new, empty one "
                     "was created and will be filled again from the portal. Your previous data "
                     "was kept at “%s”; changes it held that were not sent yet can be queued "
                     "again with “ltsupport outbox import %s”."),
                   kept_at, kept_at);
      return;
    }

  g_debug ("%s: recovered %u rows (%u refused, %s) from %s", self->path, report.n_rows,
           report.n_refused, report.complete ? "complete" : "partial", kept_at);
  if (report.complete)
    g_set_error (recovery_notice, LT_ERROR, LT_ERROR_STORE_CORRUPT,
                 _("The local database had damaged indexes; it was rebuilt from its tables "
                   "and nothing was lost. Your previous data was kept at “%s”."),
                 kept_at);
  else
    g_set_error (recovery_notice, LT_ERROR, LT_ERROR_STORE_CORRUPT,
                 ngettext ("The local database was damaged; what could still be read was "
                           "recovered, including %u change not yet sent to the portal, which "
                           "will be sent, and the rest will be filled again from the portal. "
                           "Your previous data was kept at “%s”.",
                           "The local database was damaged; what could still be read was "
                           "recovered, including %u changes not yet sent to the portal, which "
                           "will be sent, and the rest will be filled again from the portal. "
                           "Your previous data was kept at “%s”.",
                           report.n_unsent),
                 report.n_unsent, kept_at);
}

static LtStore *
open_store (const char          *path,
            const char * const  *migrations,
            guint                n_migrations,
            LtStoreOpenFlags     flags,
            GError             **recovery_notice,
            GError             **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *corrupt_detail = NULL;
  g_autofree char *kept_at = NULL;
  g_autofree char *marker = NULL;
  g_autofree char *marker_contents = NULL;
  g_autoptr(LtStore) self = NULL;
  CheckDepth depth;
  gboolean marked;

  if (path == NULL)
    path = default_path = lt_store_dup_default_path ();

  self = g_object_new (LT_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  /* Damage seen by an earlier run is confirmed, or cleared, before the file
   * is trusted again, also when the caller wanted the check deferred: it is
   * paid once, after damage was reported. integrity_check because damage
   * seen at run time may be an index that disagrees with its table, which
   * quick_check does not look at. */
  marker = dup_marker_path (path);
  marked = g_file_get_contents (marker, &marker_contents, NULL, NULL);
  if (marked)
    {
      g_debug ("%s was noted as damaged: %s", path, marker_contents);
      depth = CHECK_FULL;
    }
  else if (flags & LT_STORE_OPEN_DEFER_CHECK)
    depth = CHECK_NONE;
  else
    depth = CHECK_QUICK;

  switch (try_open (self, migrations, n_migrations, depth, &corrupt_detail, error))
    {
    case OPEN_OK:
      finish_open (self, marker, marked);
      return g_steal_pointer (&self);
    case OPEN_FAILED:
      return NULL;
    case OPEN_CORRUPT:
    default:
      break;
    }

  g_debug ("%s is damaged: %s", path, corrupt_detail);

  /* Closing must not checkpoint: that would write the log into the damaged
   * file, and we keep both exactly as they were. */
  sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  close_connection (self);

  kept_at = move_aside (path, error);
  if (kept_at == NULL)
    return NULL;

  g_clear_pointer (&corrupt_detail, g_free);
  if (try_open (self, migrations, n_migrations, CHECK_QUICK, &corrupt_detail, error) != OPEN_OK)
    {
      if (corrupt_detail != NULL)
        g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                     _("A new local database “%s” could not be created: %s"),
                     path, corrupt_detail);
      return NULL;
    }

  /* The marker described the file now kept aside; a marker left by the
   * CLI or another run while this one recovered described it as well. */
  finish_open (self, marker, TRUE);

  recover_from_kept (self, kept_at, recovery_notice);
  return g_steal_pointer (&self);
}

/**
 * lt_store_open_full:
 * @path: (nullable): the database file; %NULL for lt_store_dup_default_path()
 * @migrations: (array length=n_migrations): the schema, one SQL script per
 *   version step (lt_store_get_migrations())
 * @n_migrations: how many; at least 1
 * @recovery_notice: (out) (optional): set to %LT_ERROR_STORE_CORRUPT when
 *   the file was damaged, moved aside and replaced by a new one; the message
 *   says where the old data was kept and is meant for the user
 * @error: return location for an error
 *
 * Opens or creates the database and brings it to schema version
 * @n_migrations. A file of a newer schema, or another program's database, is
 * refused and left untouched. Outbox items left in `sending` by a
 * connection that is gone (a crash) go back to `pending`; those another
 * running process is sending stay as they are. The whole file is checked first (PRAGMA quick_check);
 * see lt_store_open_with_flags() to defer that.
 *
 * Returns: (transfer full) (nullable): the store, also when
 *   @recovery_notice was set; %NULL with @error set on failure
 */
LtStore *
lt_store_open_full (const char          *path,
                    const char * const  *migrations,
                    guint                n_migrations,
                    GError             **recovery_notice,
                    GError             **error)
{
  g_return_val_if_fail (migrations != NULL && n_migrations > 0, NULL);
  g_return_val_if_fail (recovery_notice == NULL || *recovery_notice == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_store (path, migrations, n_migrations, LT_STORE_OPEN_NONE, recovery_notice, error);
}

/**
 * lt_store_open:
 * @path: (nullable): the database file; %NULL for lt_store_dup_default_path()
 * @recovery_notice: (out) (optional): see lt_store_open_full()
 * @error: return location for an error
 *
 * Opens the database at the current schema version, after checking the
 * whole file.
 *
 * Returns: (transfer full) (nullable): the store
 */
LtStore *
lt_store_open (const char  *path,
               GError     **recovery_notice,
               GError     **error)
{
  return lt_store_open_with_flags (path, LT_STORE_OPEN_NONE, recovery_notice, error);
}

/**
 * lt_store_open_with_flags:
 * @path: (nullable): the database file; %NULL for lt_store_dup_default_path()
 * @flags: how to open it
 * @recovery_notice: (out) (optional): see lt_store_open_full()
 * @error: return location for an error
 *
 * lt_store_open(), with %LT_STORE_OPEN_DEFER_CHECK for a caller that must
 * show a window first: everything is done (private files, WAL, migrations,
 * the outbox) except reading every page. A file that sqlite finds is not a
 * database, or damaged while opening and migrating, is still set aside at
 * once, and so is a file an earlier run noted as damaged, which is checked
 * in full whatever @flags say. The caller then runs
 * lt_store_check_integrity_async().
 *
 * Returns: (transfer full) (nullable): the store
 */
LtStore *
lt_store_open_with_flags (const char        *path,
                          LtStoreOpenFlags   flags,
                          GError           **recovery_notice,
                          GError           **error)
{
  const char * const *migrations;
  guint n_migrations;

  g_return_val_if_fail (recovery_notice == NULL || *recovery_notice == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  migrations = lt_store_get_migrations (&n_migrations);
  return open_store (path, migrations, n_migrations, flags, recovery_notice, error);
}

/* Readers ---------------------------------------------------------------- */

static LtStore *
reader_new (const char *path,
            guint       schema_version)
{
  LtStore *reader = g_object_new (LT_TYPE_STORE, NULL);

  reader->path = g_strdup (path);
  reader->schema_version = schema_version;
  reader->read_only = TRUE;
  /* A reader starts from a store that opened: damage it sees is noted. */
  reader->opened = TRUE;
  return reader;
}

/* Opens @reader's connection read-only and makes sure the file at the path
 * is still the store's: it may have been deleted, replaced or migrated by a
 * newer version since the store opened. Creates nothing, changes no mode. */
static gboolean
reader_connect (LtStore  *reader,
                GError  **error)
{
  gint64 version;
  int rc;

  rc = sqlite3_open_v2 (reader->path, &reader->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("Could not open the local database “%s” for reading: %s"),
                   reader->path,
                   reader->db ? sqlite3_errmsg (reader->db) : sqlite3_errstr (rc));
      close_connection (reader);
      return FALSE;
    }

  /* Readers do not block the writer in WAL mode, but a checkpoint or the
   * log's recovery by another process can still make one wait briefly. */
  sqlite3_busy_timeout (reader->db, LT_STORE_BUSY_TIMEOUT_MS);
  if (!lt_store_exec (reader, "PRAGMA cache_size = -" G_STRINGIFY (LT_STORE_READER_CACHE_KIB), error))
    return FALSE;

  if (!check_identity (reader, reader->schema_version, &version, error))
    return FALSE;

  if ((guint64) version != reader->schema_version)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("The local database “%s” was replaced while LockThreat Support was "
                     "running (schema version %lld, expected %u); restart the app"),
                   reader->path, (long long) version, reader->schema_version);
      return FALSE;
    }

  return TRUE;
}

/**
 * lt_store_open_reader:
 * @store: an open store
 * @error: return location for an error
 *
 * Opens a second, read-only connection to @store's file, for one worker
 * thread to read from while the thread of @store keeps using it: in WAL
 * mode a reader sees every transaction committed before each of its
 * statements starts, and neither waits for the other.
 *
 * The reader works with the store's helpers (lt_store_prepare() and
 * `g_auto(LtCachedStmt)`, lt_store_set_error(), the column helpers), so
 * load code runs on it unchanged. It never migrates, checks, creates or
 * chmods anything and never emits LtStore::changed. Every write fails with
 * %LT_ERROR_STORE saying the connection is for reading only;
 * lt_store_begin() on a reader opens a read transaction, in which several
 * statements see one snapshot.
 *
 * Threads: create the reader on any thread (this is cheap: it opens the
 * file and reads its header), then hand it to ONE worker thread, which
 * uses it and drops the last reference; do not use it from two threads.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error
 *   set when the file is gone, was replaced, or cannot be read
 */
LtStore *
lt_store_open_reader (LtStore  *store,
                      GError  **error)
{
  g_autoptr(LtStore) reader = NULL;

  g_return_val_if_fail (LT_IS_STORE (store), NULL);
  g_return_val_if_fail (store->path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = reader_new (store->path, store->schema_version);
  if (!reader_connect (reader, error))
    return NULL;
  return g_steal_pointer (&reader);
}

/* Whether the log next to @path holds anything: only then can reading the
 * file alone miss committed transactions. */
static gboolean
has_wal_content (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

static gboolean
connect_read_only (LtStore   *self,
                   gboolean   immutable,
                   gint64    *version,
                   GError   **error)
{
  g_autofree char *uri = NULL;
  int rc;

  if (immutable)
    {
      g_autofree char *file_uri = g_filename_to_uri (self->path, NULL, error);

      if (file_uri == NULL)
        return FALSE;
      uri = g_strconcat (file_uri, "?immutable=1", NULL);
    }
  rc = sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->db,
                        SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("Could not open the local database “%s” for reading: %s"),
                   self->path, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      close_connection (self);
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, LT_STORE_BUSY_TIMEOUT_MS);
  if (!check_identity (self, self->schema_version, version, error))
    {
      close_connection (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_open_read_only:
 * @path: (nullable): the database file; %NULL for lt_store_dup_default_path()
 * @error: return location for an error
 *
 * Opens an existing store for commands that only read it (`ticket list`,
 * `outbox list`…): nothing is created, chmod-ed, checked, migrated or
 * recovered, and the file is not written, so such commands also work on
 * a profile the user cannot write (a read-only folder or file system).
 * Every write fails with %LT_ERROR_STORE saying so. When sqlite cannot set
 * up its shared-memory index next to the file (a folder that is not
 * writable) and the log is empty, the file is read as immutable.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error
 *   set: %LT_ERROR_NOT_FOUND when there is no file yet, %LT_ERROR_STORE
 *   when it cannot be read or needs a migration first (the caller then
 *   opens it with lt_store_open())
 */
LtStore *
lt_store_open_read_only (const char  *path,
                         GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(LtStore) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 version = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = default_path = lt_store_dup_default_path ();
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("There is no local database “%s” yet"), path);
      return NULL;
    }

  self = reader_new (path, lt_store_get_latest_schema_version ());
  if (!connect_read_only (self, FALSE, &version, &local_error))
    {
      if (has_wal_content (path) ||
          !connect_read_only (self, TRUE, &version, NULL))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  if ((guint64) version != self->schema_version)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("The local database “%s” must be upgraded (schema version %lld to %u) "
                     "before it can be read"),
                   path, (long long) version, self->schema_version);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* Integrity check after start-up ----------------------------------------- */

typedef struct
{
  char  *path;
  guint  schema_version;
} CheckData;

static void
check_data_free (gpointer data)
{
  CheckData *check = data;

  g_free (check->path);
  g_free (check);
}

/* Runs on the thread that cancels. The b-tree walk of quick_check is a
 * single VDBE instruction, so a progress handler would not run inside it;
 * sqlite3_interrupt() is safe from any thread and stops the walk. */
static void
interrupt_cb (GCancellable *cancellable,
              gpointer      user_data)
{
  (void) cancellable;
  sqlite3_interrupt (user_data);
}

static void
return_damaged (GTask    *task,
                LtStore  *reader,
                const char *detail)
{
  g_autoptr(GError) marker_error = NULL;

  if (!write_damage_marker (reader, detail, &marker_error))
    {
      g_task_return_new_error (task, LT_ERROR, LT_ERROR_STORE_CORRUPT,
                               _("The local database “%s” is damaged, and the note that "
                                 "would have it set aside at the next start could not be "
                                 "written (%s). Quit LockThreat Support and start it again "
                                 "to set the damaged file aside."),
                               reader->path, marker_error->message);
      return;
    }

  g_task_return_new_error (task, LT_ERROR, LT_ERROR_STORE_CORRUPT,
                           _("The local database “%s” is damaged. The next time LockThreat "
                             "Support starts, it will set the damaged file aside, keeping it "
                             "as it is, and start afresh with a new database filled again "
                             "from the portal."),
                           reader->path);
}

static void
check_integrity_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  CheckData *data = task_data;
  g_autoptr(LtStore) reader = reader_new (data->path, data->schema_version);
  g_autoptr(GError) error = NULL;
  g_autofree char *detail = NULL;
  CheckResult result;
  gulong handler_id;

  /* Only the copied path and version are used here: the store itself
   * belongs to the thread that opened it. */
  (void) source_object;

  if (g_task_return_error_if_cancelled (task))
    return;

  if (!reader_connect (reader, &error))
    {
      if (reader->saw_corruption)
        return_damaged (task, reader, error->message);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An interrupt asked for while no statement runs is forgotten when the
   * next one starts: hence the second look after connecting. */
  handler_id = cancellable == NULL ? 0
    : g_cancellable_connect (cancellable, G_CALLBACK (interrupt_cb), reader->db, NULL);
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_cancellable_disconnect (cancellable, handler_id);
      g_task_return_error_if_cancelled (task);
      return;
    }
  result = check_integrity (reader, CHECK_QUICK, &detail, &error);
  /* Waits for a running interrupt_cb: the connection must outlive it. */
  g_cancellable_disconnect (cancellable, handler_id);

  switch (result)
    {
    case CHECK_OK:
      g_task_return_boolean (task, TRUE);
      break;
    case CHECK_CORRUPT:
      /* Found before the cancellation took effect: still noted. */
      return_damaged (task, reader, detail);
      break;
    case CHECK_FAILED:
    default:
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_error (task, g_steal_pointer (&error));
      break;
    }
}

/**
 * lt_store_check_integrity_async:
 * @self: a store, usually opened with %LT_STORE_OPEN_DEFER_CHECK
 * @cancellable: (nullable): stops the check, also half way through
 * @callback: called on the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Runs the check lt_store_open() runs before it returns (the file is still
 * ours and at @self's schema version, and PRAGMA quick_check reads every
 * page and b-tree) in a worker thread, on a read-only connection of its
 * own: @self stays usable meanwhile.
 *
 * When the file is damaged nothing is moved while the app runs: the check
 * writes "<database>.damaged" next to the file, and the next open (with or
 * without %LT_STORE_OPEN_DEFER_CHECK) checks the whole file and sets it
 * aside as lt_store_open() does for a damaged file.
 */
void
lt_store_check_integrity_async (LtStore             *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CheckData *data;

  g_return_if_fail (LT_IS_STORE (self));
  g_return_if_fail (self->path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lt_store_check_integrity_async);
  g_task_set_name (task, "lt_store_check_integrity_async");

  data = g_new0 (CheckData, 1);
  data->path = g_strdup (self->path);
  data->schema_version = self->schema_version;
  g_task_set_task_data (task, data, check_data_free);

  g_task_run_in_thread (task, check_integrity_thread);
}

/**
 * lt_store_check_integrity_finish:
 * @self: the store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when the file is intact. %FALSE with
 *   %LT_ERROR_STORE_CORRUPT when it is damaged (the message, for the user,
 *   says the next start sets it aside and keeps it), with
 *   %G_IO_ERROR_CANCELLED when cancelled, or with %LT_ERROR_STORE when the
 *   file could not be read
 */
gboolean
lt_store_check_integrity_finish (LtStore       *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lt_store_check_integrity_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Log syncs ------------------------------------------------------------- */

typedef struct
{
  char     *path;
  gboolean  checkpoint;
} SyncLogData;

static void
sync_log_data_free (gpointer data)
{
  SyncLogData *sync = data;

  g_free (sync->path);
  g_free (sync);
}

/* A checkpoint that waits for nobody (PASSIVE): what a reader still reads
 * stays in the log for the next one. On a connection of its own, opened
 * and closed here: the store's belongs to its thread. */
static gboolean
checkpoint_log (const char  *path,
                GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (db, LT_STORE_BUSY_TIMEOUT_MS);
      /* Synced as the store's own checkpoints are; a connection that has
       * not read the file yet would not sync what it copies. */
      rc = sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }
  /* Busy: another connection checkpoints right now, which is as good. */
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                 _("Could not write the log of the local database “%s” back: %s"),
                 path, db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close (db);
  return rc == SQLITE_OK || rc == SQLITE_BUSY;
}

static void
sync_log_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SyncLogData *sync = task_data;
  g_autofree char *log_path = g_strconcat (sync->path, "-wal", NULL);
  GError *error = NULL;
  int fd;

  /* Any descriptor of the file flushes what every connection wrote into
   * it. No log: the last connection closed it after copying it back into
   * the database, and synced that. */
  fd = g_open (log_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 && errno != ENOENT)
    {
      int saved = errno;

      g_task_return_new_error (task, LT_ERROR, LT_ERROR_STORE,
                               _("Could not open the log of the local database “%s”: %s"),
                               sync->path, g_strerror (saved));
      return;
    }
  if (fd >= 0)
    {
      int rc = fsync (fd);
      int saved = errno;

      close (fd);
      if (rc != 0)
        {
          g_task_return_new_error (task, LT_ERROR, LT_ERROR_STORE,
                                   _("Could not write the log of the local database “%s” "
                                     "to the disk: %s"),
                                   sync->path, g_strerror (saved));
          return;
        }
    }
  if (sync->checkpoint && !checkpoint_log (sync->path, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * lt_store_sync_log_async:
 * @self: a writable store
 * @cancellable: (nullable): not used to stop the sync, which is short
 * @callback: (nullable): called on the thread-default main context of the
 *   caller once what was committed before this call is on the disk
 * @user_data: for @callback
 *
 * Makes what lt_store_begin_unsynced()'s transactions committed durable,
 * in a worker thread: fsyncs the log, and when it has grown past sqlite's
 * auto-checkpoint (1,000 pages) copies it back into the database, which
 * the store's own connection then need not do in a commit.
 */
void
lt_store_sync_log_async (LtStore             *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SyncLogData *sync;

  g_return_if_fail (LT_IS_STORE (self));
  g_return_if_fail (self->path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lt_store_sync_log_async);
  g_task_set_name (task, "lt_store_sync_log_async");
  /* Once the sync began its outcome is what the caller waits for. */
  g_task_set_check_cancellable (task, FALSE);

  sync = g_new0 (SyncLogData, 1);
  sync->path = g_strdup (self->path);
  sync->checkpoint = self->log_frames >= LT_STORE_WAL_AUTOCHECKPOINT_PAGES;
  /* The next unsynced commit tells again how long the log is. */
  if (sync->checkpoint)
    self->log_frames = 0;
  g_task_set_task_data (task, sync, sync_log_data_free);

  g_task_run_in_thread (task, sync_log_thread);
}

/**
 * lt_store_sync_log_finish:
 * @self: the store
 * @result: the result given to the callback
 * @error: return location for an error
 *
 * Returns: %TRUE when what was committed before lt_store_sync_log_async()
 *   is on the disk; %FALSE with %LT_ERROR_STORE when the log could not be
 *   synced or copied back (what was committed is still committed)
 */
gboolean
lt_store_sync_log_finish (LtStore       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lt_store_sync_log_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gint64
lt_store_get_open_page_reads (LtStore *self)
{
  g_return_val_if_fail (LT_IS_STORE (self), -1);

  return self->open_page_reads;
}

const char *
lt_store_get_path (LtStore *self)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);

  return self->path;
}

guint
lt_store_get_schema_version (LtStore *self)
{
  g_return_val_if_fail (LT_IS_STORE (self), 0);

  return self->schema_version;
}

/* "SAVEPOINT lt_2", "RELEASE lt_2": a pull writes each ticket and its
 * history in savepoints of the page's transaction, two of each per
 * ticket, so the statements are prepared once and kept in the cache
 * rather than compiled again by sqlite3_exec() every time. */
static gboolean
exec_savepoint_statement (LtStore     *self,
                          const char  *verb,
                          guint        depth,
                          GError     **error)
{
  char sql[32];
  g_auto(LtCachedStmt) stmt = NULL;

  g_snprintf (sql, sizeof sql, "%s lt_%u", verb, depth);
  stmt = lt_store_prepare (self, sql, error);
  return stmt != NULL && lt_store_step_done (self, stmt, error);
}

/* Back to the connection's settings (docs/store.md, "Connection
 * settings and why") after an unsynced transaction. */
static void
restore_synced (LtStore *self)
{
  g_autoptr(GError) error = NULL;

  if (self->db == NULL)
    return;
  if (!lt_store_exec (self, "PRAGMA synchronous = FULL", &error))
    g_warning ("Restoring the commits' fsync: %s", error->message);
  sqlite3_wal_autocheckpoint (self->db, LT_STORE_WAL_AUTOCHECKPOINT_PAGES);
}

static void
end_unsynced (LtStoreTransaction *tx)
{
  if (!tx->unsynced)
    return;
  tx->unsynced = FALSE;
  restore_synced (tx->store);
}

/* sqlite's WAL hook, instead of its auto-checkpoint while an unsynced
 * transaction commits: notes how long the log is. */
static int
note_log_frames (void       *user_data,
                 sqlite3    *db,
                 const char *database,
                 int         frames)
{
  LtStore *self = user_data;

  self->log_frames = frames;
  return SQLITE_OK;
}

/**
 * lt_store_begin:
 * @self: the store
 * @error: return location for an error
 *
 * Starts a transaction, or a savepoint inside the current one. The
 * outermost level takes the write lock at once (BEGIN IMMEDIATE): a
 * deferred transaction that reads and then writes can fail with "database
 * is locked" when another process wrote in between, and the busy timeout
 * cannot help it. On a reader (lt_store_open_reader()) it is a read
 * transaction: its statements see one snapshot of the file.
 *
 * Returns: (transfer full) (nullable): the transaction; free it with
 *   lt_store_transaction_free(), which rolls back unless it was committed
 */
LtStoreTransaction *
lt_store_begin (LtStore  *self,
                GError  **error)
{
  LtStoreTransaction *tx;
  guint depth;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);

  depth = self->tx_depth + 1;
  /* A reader cannot take the write lock; its transaction is a read
   * transaction, one snapshot for the statements inside it. */
  if (depth > 1 ? !exec_savepoint_statement (self, "SAVEPOINT", depth, error)
                : !lt_store_exec (self, self->read_only ? "BEGIN" : "BEGIN IMMEDIATE", error))
    return NULL;

  self->tx_depth = depth;
  tx = g_new0 (LtStoreTransaction, 1);
  tx->store = g_object_ref (self);
  tx->depth = depth;
  return tx;
}

/**
 * lt_store_begin_unsynced:
 * @self: a writable store, outside any transaction
 * @error: return location for an error
 *
 * lt_store_begin(), for a transaction whose commit does not wait for the
 * disk: it does not fsync the log (`synchronous = NORMAL` for this
 * transaction only) and does not copy a long log back into the database
 * (sqlite's auto-checkpoint). What it commits is seen at once by every
 * connection and survives a crash of the process, but a power cut may
 * lose it until lt_store_sync_log_async() has returned, which does both
 * in a worker thread. For writes whose consequence (a notification shown)
 * can wait for that, made on the main thread, where an fsync or a
 * checkpoint would stall a frame (docs/store.md, "Commits that do not
 * wait for the disk").
 *
 * Returns: (transfer full) (nullable): the transaction
 */
LtStoreTransaction *
lt_store_begin_unsynced (LtStore  *self,
                         GError  **error)
{
  LtStoreTransaction *tx;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);
  g_return_val_if_fail (!self->read_only, NULL);
  /* The settings are the connection's: an enclosing transaction's commit
   * would inherit them. */
  g_return_val_if_fail (self->tx_depth == 0, NULL);

  if (!lt_store_exec (self, "PRAGMA synchronous = NORMAL", error))
    return NULL;
  sqlite3_wal_hook (self->db, note_log_frames, self);
  tx = lt_store_begin (self, error);
  if (tx == NULL)
    {
      restore_synced (self);
      return NULL;
    }
  tx->unsynced = TRUE;
  return tx;
}

/**
 * lt_store_transaction_commit:
 * @tx: a transaction that is the innermost one still open
 * @error: return location for an error
 *
 * Commits the outermost level (durable when this returns %TRUE), or
 * releases a savepoint into the enclosing transaction. When this fails
 * nothing was committed and freeing @tx rolls back.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_transaction_commit (LtStoreTransaction  *tx,
                             GError             **error)
{
  g_return_val_if_fail (tx != NULL && !tx->done, FALSE);
  g_return_val_if_fail (tx->depth == tx->store->tx_depth, FALSE);

  if (tx->depth > 1 ? !exec_savepoint_statement (tx->store, "RELEASE", tx->depth, error)
                    : !lt_store_exec (tx->store, "COMMIT", error))
    return FALSE;

  tx->done = TRUE;
  tx->store->tx_depth--;
  end_unsynced (tx);

  if (tx->depth > 1)
    lift_changes_from (tx->store, tx->depth);
  else
    emit_committed_changes (tx->store);
  return TRUE;
}

/**
 * lt_store_transaction_rollback:
 * @tx: a transaction that is the innermost one still open
 *
 * Undoes everything done since lt_store_begin() returned @tx. Does nothing
 * when @tx was already committed or rolled back.
 */
void
lt_store_transaction_rollback (LtStoreTransaction *tx)
{
  LtStore *self;

  g_return_if_fail (tx != NULL);

  if (tx->done)
    return;

  self = tx->store;
  g_return_if_fail (tx->depth == self->tx_depth);

  /* After some errors (disk full, I/O) sqlite has already rolled the whole
   * transaction back; then there is nothing left to undo. */
  if (self->db != NULL && !sqlite3_get_autocommit (self->db))
    {
      g_autofree char *sql = NULL;

      if (tx->depth > 1)
        sql = g_strdup_printf ("ROLLBACK TO lt_%u; RELEASE lt_%u", tx->depth, tx->depth);

      if (sqlite3_exec (self->db, sql ? sql : "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
        g_debug ("rolling back: %s", sqlite3_errmsg (self->db));
    }

  /* When sqlite already rolled back everything (see above), the changes
   * of the enclosing levels are lost as well. */
  if (self->db == NULL || sqlite3_get_autocommit (self->db))
    drop_changes_from (self, 1);
  else
    drop_changes_from (self, tx->depth);

  tx->done = TRUE;
  self->tx_depth--;
  end_unsynced (tx);
}

void
lt_store_transaction_free (LtStoreTransaction *tx)
{
  if (tx == NULL)
    return;

  lt_store_transaction_rollback (tx);
  g_object_unref (tx->store);
  g_free (tx);
}
