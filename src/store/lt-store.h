/* lt-store.h: the local sqlite database (schema, migrations, recovery)
 *
 * Everything the app shows offline and everything the admin submits lives in
 * one file, $XDG_DATA_HOME/lockthreat-support/support.db (or
 * $LTSUPPORT_PROFILE/support.db). docs/store.md describes the schema, the
 * durability choices and the corruption handling.
 *
 * An LtStore owns one sqlite connection and is used by one thread at a time;
 * several processes (the app and the CLI) may open the same file. A worker
 * thread reads through its own read-only LtStore (lt_store_open_reader()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LT_TYPE_STORE (lt_store_get_type ())
G_DECLARE_FINAL_TYPE (LtStore, lt_store, LT, STORE, GObject)

/* The file name inside a profile directory. */
#define LT_STORE_FILE_NAME "support.db"
/* The environment variable naming a profile directory (tests, demos). */
#define LT_STORE_PROFILE_ENV "LTSUPPORT_PROFILE"
/* The page cache of a reader (lt_store_open_reader()) and of the
 * worker's connection of lt_store_check_integrity_async(), in KiB:
 * they read once through the file (the ticket list, the check), where
 * sqlite's default cache of 2 MiB saves nothing and is left behind in
 * the worker thread's malloc arena when the connection closes
 * (docs/store.md, "Readers"). */
#define LT_STORE_READER_CACHE_KIB 256

char        *lt_store_dup_default_path (void);

/* A lookup of one row by a key, such as lt_store_lookup_ticket(). */
typedef gpointer (*LtStoreLookupFunc) (LtStore     *self,
                                       const char  *key,
                                       GError     **error);
/* The ticket or change notice a person names by @name: the portal's id
 * (@by_id), else the local id of one still queued (@by_local_id). */
gpointer     lt_store_lookup_by_any_id (LtStore           *self,
                                        const char        *name,
                                        LtStoreLookupFunc  by_id,
                                        LtStoreLookupFunc  by_local_id,
                                        GError           **error);

/**
 * LtStoreOpenFlags:
 * @LT_STORE_OPEN_NONE: open as lt_store_open() does: check the whole file
 *   before returning
 * @LT_STORE_OPEN_DEFER_CHECK: skip the page-by-page check (PRAGMA
 *   quick_check) so that a window can paint at once; the caller runs
 *   lt_store_check_integrity_async() right after start-up instead. Damage
 *   sqlite reports while opening is still recovered at once, and a file
 *   marked damaged by an earlier run is still checked in full.
 *
 * How lt_store_open_with_flags() opens the file (docs/store.md,
 * "Corruption").
 */
typedef enum /*< flags >*/
{
  LT_STORE_OPEN_NONE        = 0,
  LT_STORE_OPEN_DEFER_CHECK = 1 << 0,
} LtStoreOpenFlags;

LtStore     *lt_store_open             (const char          *path,
                                        GError             **recovery_notice,
                                        GError             **error);
LtStore     *lt_store_open_with_flags  (const char          *path,
                                        LtStoreOpenFlags     flags,
                                        GError             **recovery_notice,
                                        GError             **error);
LtStore     *lt_store_open_full        (const char          *path,
                                        const char * const  *migrations,
                                        guint                n_migrations,
                                        GError             **recovery_notice,
                                        GError             **error);

LtStore     *lt_store_open_read_only   (const char          *path,
                                        GError             **error);
LtStore     *lt_store_open_reader      (LtStore             *store,
                                        GError             **error);

void         lt_store_check_integrity_async  (LtStore             *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     lt_store_check_integrity_finish (LtStore             *self,
                                              GAsyncResult        *result,
                                              GError             **error);

const char * const *lt_store_get_migrations (guint *n_migrations);
guint        lt_store_get_latest_schema_version (void);

const char  *lt_store_get_path           (LtStore  *self);
guint        lt_store_get_schema_version (LtStore  *self);

/* Transactions. A transaction not committed when it is freed is rolled
 * back, so `g_autoptr(LtStoreTransaction) tx = lt_store_begin (…)` cannot
 * leak a half-done change. Transactions nest (savepoints inside one
 * BEGIN IMMEDIATE) and must end in the reverse order they began. */
typedef struct _LtStoreTransaction LtStoreTransaction;

LtStoreTransaction *lt_store_begin              (LtStore             *self,
                                                 GError             **error);
gboolean            lt_store_transaction_commit (LtStoreTransaction  *tx,
                                                 GError             **error);
void                lt_store_transaction_rollback (LtStoreTransaction *tx);
void                lt_store_transaction_free   (LtStoreTransaction  *tx);
/* A transaction whose commit neither fsyncs nor checkpoints the log (the
 * main thread's, when what depends on it can wait): durable once
 * lt_store_sync_log_async() has returned (docs/store.md, "Commits that do
 * not wait for the disk"). */
LtStoreTransaction *lt_store_begin_unsynced     (LtStore             *self,
                                                 GError             **error);
void                lt_store_sync_log_async     (LtStore             *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean            lt_store_sync_log_finish    (LtStore             *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtStoreTransaction, lt_store_transaction_free)

/* Change notification (docs/store.md, "Change notification").
 *
 * LtStore::changed is emitted with the table name as its detail
 * ("changed::tickets") for every row a store module wrote, once the
 * transaction that wrote it has committed: changes recorded inside a
 * transaction (and its savepoints) wait for the outermost COMMIT, and are
 * dropped with a rollback of the level that recorded them. A change made
 * outside any transaction is emitted at once. */

/**
 * LtStoreChangeKind:
 * @LT_STORE_CHANGE_INSERTED: a row was added
 * @LT_STORE_CHANGE_UPDATED: columns of an existing row changed
 * @LT_STORE_CHANGE_DELETED: a row was removed
 */
typedef enum
{
  LT_STORE_CHANGE_INSERTED,
  LT_STORE_CHANGE_UPDATED,
  LT_STORE_CHANGE_DELETED,
} LtStoreChangeKind;

/* Row keys: tables with an INTEGER pk (tickets, ticket_events,
 * change_notices) use the pk in decimal; the others their text primary key
 * (maintenance_windows.id, installations.id, documents.name, outbox.key);
 * the one-row account table uses "1". */
void         lt_store_record_change     (LtStore           *self,
                                         const char        *table,
                                         LtStoreChangeKind  kind,
                                         const char        *key);
void         lt_store_record_change_pk  (LtStore           *self,
                                         const char        *table,
                                         LtStoreChangeKind  kind,
                                         gint64             pk);

gboolean     lt_store_import_unsent     (LtStore           *self,
                                         const char        *path,
                                         guint             *n_imported,
                                         guint             *n_known,
                                         GError           **error);

/* Instants are stored as microseconds since the Unix epoch, UTC. */
gint64       lt_store_instant_to_usec   (GDateTime *instant);
GDateTime   *lt_store_instant_from_usec (gint64     usec);

G_END_DECLS
