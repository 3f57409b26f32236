/* lt-devportal-db.h: the reference portal's own sqlite file
 *
 * The devportal is a separate program playing the vendor's side, so it
 * keeps its own small schema rather than the client's store: tickets as the
 * portal knows them, their events, change notices, maintenance windows, the
 * account, the idempotency keys with their stored answers, and a few
 * settings (the clock). Instants are INTEGER seconds since the Unix epoch
 * in UTC (the portal speaks whole seconds); enum columns hold the core nicks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define LT_TYPE_DEVPORTAL_DB (lt_devportal_db_get_type ())
G_DECLARE_FINAL_TYPE (LtDevportalDb, lt_devportal_db, LT, DEVPORTAL_DB, GObject)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* A statement borrowed from the cache; g_auto(LtDevStmt) resets it and
 * clears its bindings at the end of the scope. */
typedef sqlite3_stmt *LtDevStmt;

static inline void
lt_dev_stmt_release (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (LtDevStmt, lt_dev_stmt_release, NULL)

/* @path NULL: a private in-memory database that ends with the process.
 * Otherwise the file is created (0600) or migrated. */
LtDevportalDb *lt_devportal_db_open          (const char     *path,
                                              GError        **error);
/* TRUE when this open created the schema (an empty portal). */
gboolean       lt_devportal_db_is_new        (LtDevportalDb  *self);

sqlite3_stmt  *lt_devportal_db_prepare       (LtDevportalDb  *self,
                                              const char     *sql,
                                              GError        **error);
gboolean       lt_devportal_db_exec          (LtDevportalDb  *self,
                                              const char     *sql,
                                              GError        **error);
/* Steps a statement that returns no rows. */
gboolean       lt_devportal_db_step_done     (LtDevportalDb  *self,
                                              sqlite3_stmt   *stmt,
                                              GError        **error);
/* Steps once: TRUE with *@has_row set, FALSE on error. */
gboolean       lt_devportal_db_step          (LtDevportalDb  *self,
                                              sqlite3_stmt   *stmt,
                                              gboolean       *has_row,
                                              GError        **error);

/* BEGIN IMMEDIATE … COMMIT. A transaction freed without commit rolls back. */
typedef struct _LtDevTransaction LtDevTransaction;
LtDevTransaction *lt_devportal_db_begin      (LtDevportalDb    *self,
                                              GError          **error);
gboolean       lt_dev_transaction_commit     (LtDevTransaction *tx,
                                              GError          **error);
void           lt_dev_transaction_free       (LtDevTransaction *tx);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtDevTransaction, lt_dev_transaction_free)

/* The settings table: small named values (the clock). */
char          *lt_devportal_db_dup_setting   (LtDevportalDb  *self,
                                              const char     *name);
gboolean       lt_devportal_db_set_setting   (LtDevportalDb  *self,
                                              const char     *name,
                                              const char     *value,
                                              GError        **error);

/* Instant columns: seconds since the epoch, NULL for NULL. */
void           lt_dev_bind_instant           (sqlite3_stmt   *stmt,
                                              int             index,
                                              GDateTime      *instant);
GDateTime     *lt_dev_column_instant         (sqlite3_stmt   *stmt,
                                              int             column);
/* Text columns and parameters: NULL for NULL. */
void           lt_dev_bind_text              (sqlite3_stmt   *stmt,
                                              int             index,
                                              const char     *text);
const char    *lt_dev_column_text            (sqlite3_stmt   *stmt,
                                              int             column);

G_END_DECLS
