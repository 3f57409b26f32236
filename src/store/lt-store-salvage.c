/* lt-store-salvage.c: reading what is readable out of a damaged database
 *
 * sqlite 3.40 has no recovery API (the shell's .recover is not in the
 * library), so rows are read one by one through the table b-trees, never
 * through an index, and a page that cannot be read ends that scan: the
 * rows after it are then read backwards from the end of the table, so one
 * bad page costs only the rows on it (docs/store.md, "Recovery").
 *
 * Two uses:
 *  - lt_store_salvage_all(): right after a damaged file was set aside, every
 *    readable row goes into the new, empty database with its keys. When
 *    every table was read in full (the damage was in indexes only), that is
 *    the whole database, rebuilt; otherwise the sync cursors are dropped, so
 *    that the next sync fetches everything the portal has again.
 *  - lt_store_import_unsent(): `ltsupport outbox import FILE` merges the
 *    unsent outbox items of a kept file, and the local rows they belong to,
 *    into a store in use; the idempotency keys and local ids are the
 *    identity, so importing twice queues nothing twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store.h"
#include "lt-store-private.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* A claim in the source file belongs to a connection of that file; in the
 * destination the item waits to be sent again, with its key. */
#define OUTBOX_STATE_EXPR "CASE state WHEN 'sending' THEN 'pending' ELSE state END"

typedef struct
{
  char      *table;
  GPtrArray *names;   /* columns both files have, in the source's order */
} Columns;

static void
columns_free (Columns *columns)
{
  g_free (columns->table);
  g_clear_pointer (&columns->names, g_ptr_array_unref);
  g_free (columns);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Columns, columns_free)

static char *
quote_name (const char *name)
{
  g_autoptr(GString) quoted = g_string_new ("\"");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static GPtrArray *
table_columns (sqlite3    *db,
               const char *table)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  return names->len > 0 ? g_steal_pointer (&names) : NULL;
}

/* The columns of @table that both files have; NULL when the source has no
 * readable table of that name. */
static Columns *
shared_columns (sqlite3    *src,
                LtStore    *dst,
                const char *table)
{
  g_autoptr(GPtrArray) src_names = table_columns (src, table);
  g_autoptr(GPtrArray) dst_names = table_columns (lt_store_get_db (dst), table);
  g_autoptr(Columns) columns = NULL;

  if (src_names == NULL || dst_names == NULL)
    return NULL;

  columns = g_new0 (Columns, 1);
  columns->table = g_strdup (table);
  columns->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < src_names->len; i++)
    {
      const char *name = g_ptr_array_index (src_names, i);

      /* A claim belongs to a connection of the other file: never copied. */
      if (g_str_equal (table, "outbox") && g_str_equal (name, "claimed_by"))
        continue;
      if (g_ptr_array_find_with_equal_func (dst_names, name, g_str_equal, NULL))
        g_ptr_array_add (columns->names, g_strdup (name));
    }
  return g_steal_pointer (&columns);
}

static gssize
column_index (Columns    *columns,
              const char *name)
{
  guint index;

  if (!g_ptr_array_find_with_equal_func (columns->names, name, g_str_equal, &index))
    return -1;
  return index;
}

/* One readable row of the source: column 0 is its rowid, then the shared
 * columns in order. */
typedef gboolean (*RowFunc) (sqlite3_stmt  *row,
                             gpointer       user_data,
                             GError       **error);

/* Reads every row of @columns->table that can be read, through the table's
 * own b-tree (NOT INDEXED: an index may be what is damaged). A page that
 * cannot be read ends the forward scan; the rest is read backwards from
 * the end down to it. @complete says whether nothing was skipped. Returns
 * FALSE only when @func failed (the destination). */
static gboolean
scan_table (sqlite3     *src,
            Columns     *columns,
            RowFunc      func,
            gpointer     user_data,
            gboolean    *complete,
            GError     **error)
{
  g_autoptr(GString) select = g_string_new ("SELECT rowid");
  g_autofree char *table = quote_name (columns->table);
  gboolean have_last = FALSE;
  gint64 last = 0;

  *complete = FALSE;

  for (guint i = 0; i < columns->names->len; i++)
    {
      const char *name = g_ptr_array_index (columns->names, i);
      g_autofree char *quoted = quote_name (name);

      if (g_str_equal (columns->table, "outbox") && g_str_equal (name, "state"))
        g_string_append (select, ", " OUTBOX_STATE_EXPR);
      else
        g_string_append_printf (select, ", %s", quoted);
    }
  g_string_append_printf (select, " FROM %s NOT INDEXED", table);

  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *sql = NULL;
      int rc;

      if (pass == 0)
        sql = g_strconcat (select->str, " ORDER BY rowid", NULL);
      else
        sql = g_strconcat (select->str, have_last ? " WHERE rowid > ?" : "",
                           " ORDER BY rowid DESC", NULL);

      if (sqlite3_prepare_v2 (src, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          g_debug ("salvage: %s cannot be read: %s", columns->table, sqlite3_errmsg (src));
          return TRUE;
        }
      if (pass == 1 && have_last)
        sqlite3_bind_int64 (stmt, 1, last);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (pass == 0)
            {
              last = sqlite3_column_int64 (stmt, 0);
              have_last = TRUE;
            }
          if (!func (stmt, user_data, error))
            return FALSE;
        }

      if (rc == SQLITE_DONE)
        {
          *complete = pass == 0;
          return TRUE;
        }
      g_debug ("salvage: reading %s %s stopped: %s", columns->table,
               pass == 0 ? "forwards" : "backwards", sqlite3_errmsg (src));
    }

  return TRUE;
}

/* Inserts the source row into the destination table: every shared column
 * except @omit (a local primary key the destination assigns itself), with
 * @override_name bound to @override_value instead of the source's value.
 * @merge: a row whose unique keys exist already is left alone. A row the
 * destination refuses (a constraint) is skipped and counted; other errors
 * stop. */
static gboolean
insert_row (LtStore       *dst,
            Columns       *columns,
            sqlite3_stmt  *row,
            const char    *omit,
            const char    *override_name,
            gint64         override_value,
            gboolean       merge,
            guint         *n_inserted,
            guint         *n_refused,
            GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO ");
  g_autoptr(GString) values = g_string_new ("");
  g_autofree char *table = quote_name (columns->table);
  g_auto(LtCachedStmt) stmt = NULL;
  int param = 0;
  int rc;

  g_string_append_printf (sql, "%s (", table);
  for (guint i = 0; i < columns->names->len; i++)
    {
      const char *name = g_ptr_array_index (columns->names, i);
      g_autofree char *quoted = NULL;

      if (g_strcmp0 (name, omit) == 0)
        continue;
      quoted = quote_name (name);
      g_string_append_printf (sql, "%s%s", param > 0 ? ", " : "", quoted);
      g_string_append_printf (values, "%s?", param > 0 ? ", " : "");
      param++;
    }
  g_string_append_printf (sql, ") VALUES (%s)%s", values->str,
                          merge ? " ON CONFLICT DO NOTHING" : "");

  /* The SQL is the same for every row of a table: cached. */
  stmt = lt_store_prepare (dst, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  param = 0;
  for (guint i = 0; i < columns->names->len; i++)
    {
      const char *name = g_ptr_array_index (columns->names, i);

      if (g_strcmp0 (name, omit) == 0)
        continue;
      param++;
      if (g_strcmp0 (name, override_name) == 0)
        sqlite3_bind_int64 (stmt, param, override_value);
      else
        sqlite3_bind_value (stmt, param, sqlite3_column_value (row, (int) i + 1));
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      if (sqlite3_changes (lt_store_get_db (dst)) > 0)
        (*n_inserted)++;
      return TRUE;
    }
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    {
      g_debug ("salvage: a row of %s was refused: %s", columns->table,
               sqlite3_errmsg (lt_store_get_db (dst)));
      (*n_refused)++;
      return TRUE;
    }
  lt_store_set_error (dst, error, _("Could not write the recovered data"));
  return FALSE;
}

static sqlite3 *
open_source (const char  *path,
             GError     **error)
{
  sqlite3 *src = NULL;
  int rc;

  /* Read-only: the kept file stays as it is (a read-only connection never
   * checkpoints its log into it). */
  rc = sqlite3_open_v2 (path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("Could not open “%s”: %s"), path,
                   src != NULL ? sqlite3_errmsg (src) : sqlite3_errstr (rc));
      sqlite3_close (src);
      return NULL;
    }
  return src;
}

/* Salvaging everything -------------------------------------------------- */

typedef struct
{
  LtStore *dst;
  Columns *columns;
  guint    n_inserted;
  guint    n_refused;
} CopyAll;

static gboolean
copy_row_cb (sqlite3_stmt  *row,
             gpointer       user_data,
             GError       **error)
{
  CopyAll *copy = user_data;

  return insert_row (copy->dst, copy->columns, row, NULL, NULL, 0, FALSE,
                     &copy->n_inserted, &copy->n_refused, error);
}

/**
 * lt_store_salvage_all:
 * @self: a new, empty store
 * @damaged_path: the damaged file, set aside
 * @report: (out caller-allocates): what was recovered
 * @error: return location for an error
 *
 * Copies every readable row of @damaged_path into @self, keys included, in
 * one transaction. When a table could not be read in full, the sync
 * cursors are not kept, so the next sync fetches everything again.
 *
 * Returns: %TRUE when the copy committed (@report says how much it holds)
 */
gboolean
lt_store_salvage_all (LtStore              *self,
                      const char           *damaged_path,
                      LtStoreSalvageReport *report,
                      GError              **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *src;
  gboolean ok = TRUE;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (damaged_path != NULL && report != NULL, FALSE);

  memset (report, 0, sizeof *report);
  report->complete = TRUE;

  src = open_source (damaged_path, error);
  if (src == NULL)
    return FALSE;

  /* The destination's tables in the order they were created: parents
   * before the rows that refer to them. */
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    if (sqlite3_prepare_v2 (lt_store_get_db (self),
                            "SELECT name FROM sqlite_schema WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
                            -1, &stmt, NULL) != SQLITE_OK)
      {
        lt_store_set_error (self, error, _("Could not read the local database"));
        sqlite3_close (src);
        return FALSE;
      }
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  }

  tx = lt_store_begin (self, error);
  if (tx == NULL)
    {
      sqlite3_close (src);
      return FALSE;
    }

  for (guint i = 0; i < tables->len && ok; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autoptr(Columns) columns = shared_columns (src, self, table);
      CopyAll copy = { self, columns, 0, 0 };
      gboolean complete = FALSE;

      if (columns == NULL)
        {
          report->complete = FALSE;
          continue;
        }
      ok = scan_table (src, columns, copy_row_cb, &copy, &complete, error);
      report->n_rows += copy.n_inserted;
      report->n_refused += copy.n_refused;
      if (!complete || copy.n_refused > 0)
        report->complete = FALSE;
      if (g_str_equal (table, "outbox"))
        report->n_outbox = copy.n_inserted;
    }
  sqlite3_close (src);
  if (!ok)
    return FALSE;

  /* Rows the portal sent are missing: fetch everything again. */
  if (!report->complete && !lt_store_exec (self, "DELETE FROM sync_state", error))
    return FALSE;

  {
    g_auto(LtCachedStmt) stmt =
      lt_store_prepare (self, "SELECT count(*) FROM outbox WHERE state <> 'sent'", error);

    if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
      return FALSE;
    report->n_unsent = (guint) sqlite3_column_int64 (stmt, 0);
  }

  return lt_store_transaction_commit (tx, error);
}

/* Importing the unsent work of a kept file ------------------------------ */

typedef struct
{
  LtStore    *dst;
  Columns    *columns;
  GHashTable *keys;        /* the unsent items' keys in the file */
  GHashTable *tickets;     /* file's ticket pk -> "local_id\nid" */
  guint       n_inserted;
  guint       n_refused;
} Import;

static const char *
row_text (sqlite3_stmt *row,
          Columns      *columns,
          const char   *name)
{
  gssize index = column_index (columns, name);

  if (index < 0)
    return NULL;
  return (const char *) sqlite3_column_text (row, (int) index + 1);
}

static gboolean
import_outbox_cb (sqlite3_stmt  *row,
                  gpointer       user_data,
                  GError       **error)
{
  Import *import = user_data;
  const char *key = row_text (row, import->columns, "key");
  const char *state = row_text (row, import->columns, "state");

  if (key == NULL || g_strcmp0 (state, "sent") == 0)
    return TRUE;
  g_hash_table_add (import->keys, g_strdup (key));
  /* A new id: it queues behind what is already waiting here. */
  return insert_row (import->dst, import->columns, row, "id", NULL, 0, TRUE,
                     &import->n_inserted, &import->n_refused, error);
}

/* A ticket or notice filed here whose item is imported, or a local row that
 * never left (a draft, a queued ticket). */
static gboolean
import_local_cb (sqlite3_stmt  *row,
                 gpointer       user_data,
                 GError       **error)
{
  Import *import = user_data;
  const char *local_id = row_text (row, import->columns, "local_id");
  const char *state = row_text (row, import->columns, "state");

  if (import->tickets != NULL)
    g_hash_table_insert (import->tickets, g_strdup_printf ("%" G_GINT64_FORMAT,
                                                          (gint64) sqlite3_column_int64 (row, 0)),
                         g_strdup_printf ("%s\n%s", local_id ? local_id : "",
                                          row_text (row, import->columns, "id")
                                            ? row_text (row, import->columns, "id") : ""));

  if (local_id == NULL ||
      !(g_hash_table_contains (import->keys, local_id) ||
        g_strcmp0 (state, "draft") == 0 || g_strcmp0 (state, "queued") == 0))
    return TRUE;
  return insert_row (import->dst, import->columns, row, "pk", NULL, 0, TRUE,
                     &import->n_inserted, &import->n_refused, error);
}

/* The admin's own event (a comment…) that waits with its item: it joins
 * the same ticket here, found by its local id or portal id. */
static gboolean
import_event_cb (sqlite3_stmt  *row,
                 gpointer       user_data,
                 GError       **error)
{
  Import *import = user_data;
  const char *outbox_key = row_text (row, import->columns, "outbox_key");
  gssize ticket_column = column_index (import->columns, "ticket_pk");
  g_autofree char *ticket_pk = NULL;
  g_auto(GStrv) ids = NULL;
  const char *ids_text;
  g_auto(LtCachedStmt) stmt = NULL;

  if (outbox_key == NULL || ticket_column < 0 || !g_hash_table_contains (import->keys, outbox_key))
    return TRUE;

  ticket_pk = g_strdup_printf ("%" G_GINT64_FORMAT,
                               (gint64) sqlite3_column_int64 (row, (int) ticket_column + 1));
  ids_text = g_hash_table_lookup (import->tickets, ticket_pk);
  if (ids_text == NULL)
    {
      import->n_refused++;
      return TRUE;
    }
  ids = g_strsplit (ids_text, "\n", 2);

  stmt = lt_store_prepare (import->dst,
                           "SELECT pk FROM tickets WHERE local_id = ?1 OR id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  if (ids[0][0] != '\0')
    sqlite3_bind_text (stmt, 1, ids[0], -1, SQLITE_TRANSIENT);
  if (ids[1] != NULL && ids[1][0] != '\0')
    sqlite3_bind_text (stmt, 2, ids[1], -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      /* The ticket is not here yet: the next sync brings it, and the
       * item, imported, still goes out. */
      import->n_refused++;
      return TRUE;
    }

  return insert_row (import->dst, import->columns, row, "pk", "ticket_pk",
                     sqlite3_column_int64 (stmt, 0), TRUE,
                     &import->n_inserted, &import->n_refused, error);
}

/**
 * lt_store_import_unsent:
 * @self: the store in use
 * @path: a database file of LockThreat Support, e.g. one set aside as
 *   damaged ("support.db.corrupt-…")
 * @n_imported: (out) (optional): how many outbox items were added
 * @n_known: (out) (optional): how many were here already
 * @error: return location for an error
 *
 * Adds the outbox items of @path that were not sent (pending, being sent
 * there, failed) with their keys, and the local rows they belong to: the
 * ticket or change notice they create (by local id), and the admin's own
 * events waiting with them (joined to the same ticket here). Drafts and
 * queued tickets come along too. Rows that exist here already, by key or
 * local id, are left as they are, so importing a file twice adds nothing
 * the second time. Reads @path row by row and skips what cannot be read.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_import_unsent (LtStore     *self,
                        const char  *path,
                        guint       *n_imported,
                        guint       *n_known,
                        GError     **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) tickets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(LtStoreTransaction) tx = NULL;
  static const char * const tables[] = { "outbox", "tickets", "change_notices", "ticket_events" };
  guint n_items = 0;
  sqlite3 *src;
  gboolean ok = TRUE;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a file"), path);
      return FALSE;
    }

  src = open_source (path, error);
  if (src == NULL)
    return FALSE;

  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    if (sqlite3_prepare_v2 (src, "PRAGMA application_id", -1, &stmt, NULL) != SQLITE_OK ||
        sqlite3_step (stmt) != SQLITE_ROW ||
        sqlite3_column_int64 (stmt, 0) != LT_STORE_APPLICATION_ID)
      {
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                     _("“%s” is not a LockThreat Support database (%s)"), path,
                     sqlite3_errmsg (src));
        sqlite3_close (src);
        return FALSE;
      }
  }

  tx = lt_store_begin (self, error);
  if (tx == NULL)
    {
      sqlite3_close (src);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (tables) && ok; i++)
    {
      g_autoptr(Columns) columns = shared_columns (src, self, tables[i]);
      Import import = { self, columns, keys, NULL, 0, 0 };
      gboolean complete;
      RowFunc func;

      if (columns == NULL)
        continue;
      if (g_str_equal (tables[i], "outbox"))
        func = import_outbox_cb;
      else if (g_str_equal (tables[i], "ticket_events"))
        {
          import.tickets = tickets;
          func = import_event_cb;
        }
      else
        {
          import.tickets = g_str_equal (tables[i], "tickets") ? tickets : NULL;
          func = import_local_cb;
        }

      ok = scan_table (src, columns, func, &import, &complete, error);
      if (g_str_equal (tables[i], "outbox"))
        n_items = import.n_inserted;
      if (!complete)
        g_debug ("import: %s of %s could not be read in full", tables[i], path);
    }
  sqlite3_close (src);
  if (!ok || !lt_store_transaction_commit (tx, error))
    return FALSE;

  if (n_imported != NULL)
    *n_imported = n_items;
  if (n_known != NULL)
    *n_known = g_hash_table_size (keys) - n_items;
  return TRUE;
}
