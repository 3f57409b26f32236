/* lt-store-rows.h: reading models from rows, for the store's own files
 *
 * The persistence functions (lt-store-tickets.c, lt-store-change-notices.c,
 * lt-store-maintenance-windows.c), the list models and the benchmark share
 * these column lists and converters, so a list materialises exactly the
 * object that a lookup returns. Only src/store, its tests and tests/bench
 * include this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-store-private.h"
#include "lt-change-notice.h"
#include "lt-maintenance-window.h"
#include "lt-ticket.h"

G_BEGIN_DECLS

/* Column 0 is the row's pk; the converters read the columns after it in
 * this order. */
#define LT_TICKET_COLUMNS \
  "pk, local_id, id, title, description, severity, category, break_fix, " \
  "security_incident, state, close_reason, opened_at, updated_at, first_response_at, " \
  "response_due, awaiting_since, resolved_at, closed_at, escalation_level, " \
  "product_version, installation, contact, known_issue_ids"

#define LT_CHANGE_NOTICE_COLUMNS \
  "pk, local_id, id, kind, title, description, systems, planned_start, planned_end, " \
  "rollback_plan, risk, state, review_outcome, late, portal_updated_at, review_text, " \
  "replaces, replaced_by"

/* Column 0 is the rowid, so that a window has an integer handle too. */
#define LT_MAINTENANCE_WINDOW_COLUMNS \
  "rowid, id, kind, title, description, starts_at, ends_at, announced_at, affects"

#define LT_TICKET_SQL_BY_PK "SELECT " LT_TICKET_COLUMNS " FROM tickets WHERE pk = ?"

/* The ticket list: the compact row of every ticket, in list order. Local
 * tickets (drafts and queued ones, which have no opening time yet) come
 * first, newest first; then the opened ones, newest first. The second
 * query walks the tickets_opened index, so neither needs a sort of the
 * whole table. tests/bench runs the same statements as its baseline. */
#define LT_TICKET_LIST_COLUMNS \
  "pk, id, title, severity, state, opened_at, created_at"
#define LT_TICKET_LIST_SQL_LOCAL \
  "SELECT " LT_TICKET_LIST_COLUMNS " FROM tickets WHERE opened_at IS NULL " \
  "ORDER BY created_at DESC, pk"
#define LT_TICKET_LIST_SQL_OPENED \
  "SELECT " LT_TICKET_LIST_COLUMNS " FROM tickets WHERE opened_at IS NOT NULL " \
  "ORDER BY opened_at DESC, pk"
#define LT_TICKET_LIST_SQL_ONE \
  "SELECT " LT_TICKET_LIST_COLUMNS " FROM tickets WHERE pk = ?"

/* Builds a model from the row a statement is on (column 0: pk/rowid). */
typedef gpointer (*LtStoreNewFromRow) (sqlite3_stmt *stmt);

/* The statements of a table whose rows are found by the portal's id or
 * a local id (tickets, change notices). Parameters ?1 … ?n_columns are the
 * model's columns as @bind binds them; ?n_columns+1 is "now"; in
 * @sql_update ?n_columns+2 is the pk, and its WHERE clause makes it change
 * nothing when every model column already holds the same value. */
typedef struct
{
  const char *table;
  int         n_columns;
  const char *sql_pk_by_id;
  const char *sql_pk_by_local_id;
  const char *sql_insert;
  const char *sql_update;
  const char *sql_delete;
  /* Merging a local row (?2) into the portal's row (?1). */
  const char *sql_adopt_children;   /* nullable */
  const char *sql_adopt_columns;
  void      (*bind) (sqlite3_stmt *stmt,
                     gpointer      object);
} LtStoreEntityDesc;

gboolean         lt_store_upsert_keyed       (LtStore                  *store,
                                              const LtStoreEntityDesc  *desc,
                                              gpointer                  object,
                                              const char               *id,
                                              const char               *local_id,
                                              gboolean                  by_local_id,
                                              GDateTime                *now,
                                              gint64                   *pk_out,
                                              GError                  **error);
gboolean         lt_store_find_keyed         (LtStore                  *store,
                                              const LtStoreEntityDesc  *desc,
                                              const char               *id,
                                              const char               *local_id,
                                              gint64                   *pk,
                                              GError                  **error);
gboolean         lt_store_delete_keyed       (LtStore                  *store,
                                              const LtStoreEntityDesc  *desc,
                                              const char               *id,
                                              const char               *local_id,
                                              GError                  **error);
gpointer         lt_store_load_one           (LtStore                  *store,
                                              const char               *sql,
                                              const char               *value,
                                              LtStoreNewFromRow         new_from_row,
                                              GError                  **error);
GPtrArray       *lt_store_load_all           (LtStore                  *store,
                                              const char               *sql,
                                              LtStoreNewFromRow         new_from_row,
                                              GError                  **error);

void             lt_store_bind_text          (sqlite3_stmt  *stmt,
                                              int            index,
                                              const char    *text);
void             lt_store_bind_enum          (sqlite3_stmt  *stmt,
                                              int            index,
                                              GType          enum_type,
                                              int            value);
void             lt_store_bind_strv          (sqlite3_stmt       *stmt,
                                              int                 index,
                                              const char * const *strv);

int              lt_store_column_enum        (sqlite3_stmt  *stmt,
                                              int            column,
                                              GType          enum_type,
                                              int            fallback);
const char      *lt_store_column_text_or_null (sqlite3_stmt *stmt,
                                              int           column);
char           **lt_store_column_strv        (sqlite3_stmt  *stmt,
                                              int            column);

LtTicket        *lt_store_ticket_new_from_row         (sqlite3_stmt *stmt);
LtChangeNotice  *lt_store_change_notice_new_from_row  (sqlite3_stmt *stmt);
LtMaintenanceWindow *lt_store_maintenance_window_new_from_row (sqlite3_stmt *stmt);

/* The ticket with this pk, or NULL (error unset) when there is none.
 * @stmt: NULL, or the store's statement of LT_TICKET_SQL_BY_PK, which a
 * caller reading many tickets keeps to skip the statement cache lookup. */
LtTicket        *lt_store_load_ticket_by_pk  (LtStore       *self,
                                              sqlite3_stmt  *stmt,
                                              gint64         pk,
                                              GError       **error);

G_END_DECLS
