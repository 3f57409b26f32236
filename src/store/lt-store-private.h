/* lt-store-private.h: sqlite access for the files of the store layer
 *
 * Only src/store and its tests include this: layers above the store see
 * models and the outbox, never a sqlite handle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "lt-outbox-item.h"
#include "lt-store.h"

G_BEGIN_DECLS

/* The schema version that gave outbox claims their owner (claimed_by). */
#define LT_STORE_SCHEMA_CLAIMS 4

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A statement borrowed from the store's cache. g_auto(LtCachedStmt) resets
 * it and clears its bindings at the end of the scope, so a half-stepped
 * SELECT never keeps a read transaction (and the WAL) pinned. */
typedef sqlite3_stmt *LtCachedStmt;

static inline void
lt_cached_stmt_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (LtCachedStmt, lt_cached_stmt_release, NULL)

sqlite3      *lt_store_get_db        (LtStore       *self);

sqlite3_stmt *lt_store_prepare       (LtStore       *self,
                                      const char    *sql,
                                      GError       **error);
gboolean      lt_store_exec          (LtStore       *self,
                                      const char    *sql,
                                      GError       **error);
gboolean      lt_store_step_done     (LtStore       *self,
                                      sqlite3_stmt  *stmt,
                                      GError       **error);
void          lt_store_set_error     (LtStore       *self,
                                      GError       **error,
                                      const char    *doing);

void          lt_store_bind_instant  (sqlite3_stmt  *stmt,
                                      int            index,
                                      GDateTime     *instant);
GDateTime    *lt_store_column_instant (sqlite3_stmt *stmt,
                                       int           column);
const char   *lt_store_column_text   (sqlite3_stmt  *stmt,
                                      int            column);

gboolean      lt_store_in_transaction (LtStore      *self);
/* Opened for reading only (lt_store_open_reader(), lt_store_open_read_only()):
 * lt_store_begin() opens a read transaction on it. */
gboolean      lt_store_is_read_only  (LtStore       *self);

/* "<database>.damaged": written when damage is seen after opening (by the
 * deferred check or by any statement), so that the next open checks the
 * whole file and recovers (docs/store.md, "Corruption"). */
#define LT_STORE_DAMAGED_SUFFIX ".damaged"

/* Pages sqlite read from the file (cache misses) while the store opened:
 * tests compare a deferred open with a checked one by the work done, not
 * by the clock. */
gint64        lt_store_get_open_page_reads (LtStore  *self);

/* PRAGMA application_id: "LTsp". Tells our file from any other sqlite
 * database that happens to sit at the same path. */
#define LT_STORE_APPLICATION_ID 0x4c547370

/* What lt_store_salvage_all() recovered from a damaged file. */
typedef struct
{
  gboolean complete;   /* every table read in full: only indexes were damaged */
  guint    n_rows;     /* rows copied */
  guint    n_refused;  /* rows read but refused by the new database */
  guint    n_outbox;   /* outbox items copied */
  guint    n_unsent;   /* of them, not yet sent */
} LtStoreSalvageReport;

gboolean      lt_store_salvage_all (LtStore              *self,
                                    const char           *damaged_path,
                                    LtStoreSalvageReport *report,
                                    GError              **error);

/* "<database>.claims/": one lock file per connection that claimed outbox
 * items (docs/store.md, "Claims"). */
#define LT_STORE_CLAIMS_SUFFIX ".claims"

const char   *lt_store_get_claim_owner          (LtStore  *self,
                                                 GError  **error);
gboolean      lt_store_release_abandoned_claims (LtStore  *self,
                                                 GError  **error);

/* The columns lt_outbox_item_new_from_row() reads, in its order. */
#define LT_OUTBOX_ITEM_COLUMNS \
  "key, kind, payload, depends_on, state, attempts, created_at, next_attempt_at, " \
  "last_attempt_at, last_error, failure_reason, sent_at, response"

LtOutboxItem *lt_outbox_item_new_from_row (sqlite3_stmt *stmt,
                                           GError      **error);

G_END_DECLS
