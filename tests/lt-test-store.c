/* lt-test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-test"

#include "config.h"

#include "lt-test-store.h"

#include "lt-store-private.h"
#include "lt-store-tickets.h"

LtStore *
lt_test_store_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  LtStore *store = lt_store_open (path, &notice, &error);

  g_assert_no_error (error);
  g_assert_no_error (notice);
  g_assert_nonnull (store);
  return store;
}

LtStore *
lt_test_store_open_profile (const char *profile)
{
  g_autofree char *path = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  LtStore *store = lt_store_open (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

gint64
lt_test_store_query_int (LtStore    *store,
                         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

void
lt_test_store_add_ticket_naming (LtStore    *store,
                                 const char *id,
                                 const char *installation,
                                 const char *version,
                                 const char *opened)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (opened, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (at);
  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, "Collector stalls");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_state (ticket, LT_TICKET_STATE_TRIAGED);
  lt_ticket_set_opened_at (ticket, at);
  lt_ticket_set_updated_at (ticket, at);
  lt_ticket_set_product_version (ticket, version);
  lt_ticket_set_installation (ticket, installation);
  g_assert_true (lt_store_upsert_ticket (store, ticket, at, &error));
  g_assert_no_error (error);
}

struct _LtTestCommitCounter
{
  LtStore *store;
  gulong   handler;
  sqlite3 *observer;
  gint64   data_version;
  guint    commits;
};

static gint64
observed_data_version (LtTestCommitCounter *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (self->observer, "PRAGMA data_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
counted_change_cb (LtStore    *store,
                   const char *table,
                   int         kind,
                   const char *key,
                   gpointer    user_data)
{
  LtTestCommitCounter *self = user_data;
  gint64 version = observed_data_version (self);

  /* The changes of one commit are emitted together, after it: only the
   * first of them finds the file moved on. */
  if (version != self->data_version)
    self->commits++;
  self->data_version = version;
}

LtTestCommitCounter *
lt_test_commit_counter_new (LtStore    *store,
                            const char *table)
{
  LtTestCommitCounter *self = g_new0 (LtTestCommitCounter, 1);
  g_autofree char *signal = g_strconcat ("changed::", table, NULL);

  self->store = g_object_ref (store);
  g_assert_cmpint (sqlite3_open_v2 (lt_store_get_path (store), &self->observer,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  self->data_version = observed_data_version (self);
  self->handler = g_signal_connect (store, signal, G_CALLBACK (counted_change_cb), self);
  return self;
}

guint
lt_test_commit_counter_get (LtTestCommitCounter *self)
{
  return self->commits;
}

void
lt_test_commit_counter_free (LtTestCommitCounter *self)
{
  g_signal_handler_disconnect (self->store, self->handler);
  g_object_unref (self->store);
  sqlite3_close (self->observer);
  g_free (self);
}

/* The counting VFS: every file sqlite opens is the default VFS's, after a
 * header of ours whose methods forward to it. */
typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;   /* right after this header */
} CountedFile;

static sqlite3_vfs *real_vfs;
static GThread *counting_thread;
static guint syncs_on_counting_thread;
static guint syncs_elsewhere;

#define REAL(file) (((CountedFile *) (file))->real)

static int
counted_close (sqlite3_file *file)
{
  int rc = REAL (file)->pMethods->xClose (REAL (file));

  file->pMethods = NULL;
  return rc;
}

static int
counted_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xRead (REAL (file), buffer, amount, offset);
}

static int
counted_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (file)->pMethods->xWrite (REAL (file), buffer, amount, offset);
}

static int
counted_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  return REAL (file)->pMethods->xTruncate (REAL (file), size);
}

static int
counted_sync (sqlite3_file *file, int flags)
{
  if (g_thread_self () == counting_thread)
    g_atomic_int_inc (&syncs_on_counting_thread);
  else
    g_atomic_int_inc (&syncs_elsewhere);
  return REAL (file)->pMethods->xSync (REAL (file), flags);
}

static int
counted_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  return REAL (file)->pMethods->xFileSize (REAL (file), size);
}

static int
counted_lock (sqlite3_file *file, int lock)
{
  return REAL (file)->pMethods->xLock (REAL (file), lock);
}

static int
counted_unlock (sqlite3_file *file, int lock)
{
  return REAL (file)->pMethods->xUnlock (REAL (file), lock);
}

static int
counted_check_reserved_lock (sqlite3_file *file, int *reserved)
{
  return REAL (file)->pMethods->xCheckReservedLock (REAL (file), reserved);
}

static int
counted_file_control (sqlite3_file *file, int op, void *arg)
{
  return REAL (file)->pMethods->xFileControl (REAL (file), op, arg);
}

static int
counted_sector_size (sqlite3_file *file)
{
  return REAL (file)->pMethods->xSectorSize (REAL (file));
}

static int
counted_device_characteristics (sqlite3_file *file)
{
  return REAL (file)->pMethods->xDeviceCharacteristics (REAL (file));
}

static int
counted_shm_map (sqlite3_file *file, int page, int page_size, int extend, void volatile **map)
{
  return REAL (file)->pMethods->xShmMap (REAL (file), page, page_size, extend, map);
}

static int
counted_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  return REAL (file)->pMethods->xShmLock (REAL (file), offset, n, flags);
}

static void
counted_shm_barrier (sqlite3_file *file)
{
  REAL (file)->pMethods->xShmBarrier (REAL (file));
}

static int
counted_shm_unmap (sqlite3_file *file, int delete_flag)
{
  return REAL (file)->pMethods->xShmUnmap (REAL (file), delete_flag);
}

static int
counted_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **pointer)
{
  return REAL (file)->pMethods->xFetch (REAL (file), offset, amount, pointer);
}

static int
counted_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *pointer)
{
  return REAL (file)->pMethods->xUnfetch (REAL (file), offset, pointer);
}

static const sqlite3_io_methods counted_methods = {
  3,
  counted_close, counted_read, counted_write, counted_truncate, counted_sync,
  counted_file_size, counted_lock, counted_unlock, counted_check_reserved_lock,
  counted_file_control, counted_sector_size, counted_device_characteristics,
  counted_shm_map, counted_shm_lock, counted_shm_barrier, counted_shm_unmap,
  counted_fetch, counted_unfetch,
};

static int
counted_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  CountedFile *counted = (CountedFile *) file;
  int rc;

  counted->real = (sqlite3_file *) (counted + 1);
  rc = real_vfs->xOpen (real_vfs, name, counted->real, flags, out_flags);
  /* sqlite closes a file whose methods are set, also after a failure. */
  file->pMethods = counted->real->pMethods != NULL ? &counted_methods : NULL;
  return rc;
}

static int
counted_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
counted_access (sqlite3_vfs *vfs, const char *name, int flags, int *result)
{
  return real_vfs->xAccess (real_vfs, name, flags, result);
}

static int
counted_full_pathname (sqlite3_vfs *vfs, const char *name, int size, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, size, out);
}

static int
counted_randomness (sqlite3_vfs *vfs, int size, char *out)
{
  return real_vfs->xRandomness (real_vfs, size, out);
}

static int
counted_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
counted_current_time (sqlite3_vfs *vfs, double *now)
{
  return real_vfs->xCurrentTime (real_vfs, now);
}

static int
counted_get_last_error (sqlite3_vfs *vfs, int size, char *out)
{
  return real_vfs->xGetLastError (real_vfs, size, out);
}

static int
counted_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *now)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, now);
}

void
lt_test_store_count_syncs (void)
{
  static sqlite3_vfs counted_vfs;

  if (real_vfs != NULL)
    return;
  real_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (real_vfs);
  counting_thread = g_thread_self ();
  counted_vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = (int) sizeof (CountedFile) + real_vfs->szOsFile,
    .mxPathname = real_vfs->mxPathname,
    .zName = "lt-test-counted",
    .xOpen = counted_open,
    .xDelete = counted_delete,
    .xAccess = counted_access,
    .xFullPathname = counted_full_pathname,
    .xRandomness = counted_randomness,
    .xSleep = counted_sleep,
    .xCurrentTime = counted_current_time,
    .xGetLastError = counted_get_last_error,
    .xCurrentTimeInt64 = counted_current_time_int64,
  };
  g_assert_cmpint (sqlite3_vfs_register (&counted_vfs, 1), ==, SQLITE_OK);
}

guint
lt_test_store_get_syncs (gboolean on_this_thread)
{
  g_assert_nonnull (real_vfs);
  g_assert_true (g_thread_self () == counting_thread);

  return g_atomic_int_get (on_this_thread ? &syncs_on_counting_thread : &syncs_elsewhere);
}
