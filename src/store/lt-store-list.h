/* lt-store-list.h: a GListModel over one table of the store that follows
 * LtStore::changed with precise ::items-changed
 *
 * The base of LtTicketList, LtReleaseList, LtMaintenanceList and
 * LtChangeNoticeList: one implementation of ordering, positions, filtering
 * and change handling; each subclass says how a row is loaded, ordered,
 * identified and turned into an item (docs/store.md, "List models").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-store.h"

G_BEGIN_DECLS

#define LT_TYPE_STORE_LIST (lt_store_list_get_type ())
G_DECLARE_DERIVABLE_TYPE (LtStoreList, lt_store_list, LT, STORE_LIST, GObject)

/**
 * LtStoreListObjectRow:
 * @key: the row's key as LtStore::changed names it
 * @pk: the row's integer handle (pk or rowid), the last tie-break of the
 *   order
 * @object: the item, owned by the row
 *
 * The row of a list whose items are held as objects (the default): lists
 * of at most a few hundred rows, where a packed row would save nothing.
 */
typedef struct
{
  char    *key;
  gint64   pk;
  GObject *object;
} LtStoreListObjectRow;

/**
 * LtStoreListClass:
 * @row_size: bytes of one row; defaults to #LtStoreListObjectRow
 * @item_type: the GType of the items
 * @table: the table followed (the detail of LtStore::changed)
 * @only_key: (nullable): when set, changes of other keys are ignored
 * @load_all: appends every row to @rows (any order); object rows default
 *   to running @sql_all
 * @load_row: (nullable): loads the row of @key into @row, zeroed; sets
 *   @found to %FALSE when the row no longer exists; object rows default to
 *   running @sql_one. Without either, every change reloads all rows and
 *   applies the difference
 * @compare: the list order; a total order (equal only for the same row).
 *   A subclass may change it (a sort column), then calls
 *   lt_store_list_resort()
 * @row_has_key: whether @row is the row of @key
 * @find_row: (nullable): the index of the row of @key, or -1; defaults to
 *   a scan with @row_has_key
 * @dup_item: the item of @row
 * @replace_row: @new_row is the same row as @old_row with new values:
 *   keep the item's identity (move or refresh it); returns whether the
 *   item's values changed
 * @clear_row: frees what @row owns; @gone is %TRUE when the row left the
 *   table for good, %FALSE when a newer copy replaces it
 * @row_matches: (nullable): the filter, consulted while filtering is on
 * @prefetch_row: (nullable): asks the CPU for the memory outside the row
 *   that @row_matches will read of @row (its texts), a few rows ahead of
 *   a search over rows far apart
 * @changes_done: (nullable): called after each change was applied
 * @sql_all: (nullable): for object rows, the SELECT of every row that the
 *   default @load_all runs
 * @sql_one: (nullable): for object rows, the SELECT of the row of one key
 *   (one parameter) that the default @load_row runs
 * @key_column: for object rows, the column holding the key (column 0
 *   holds the pk)
 * @new_item: for object rows, builds the item from the row a statement
 *   is on
 */
struct _LtStoreListClass
{
  GObjectClass parent_class;

  gsize        row_size;
  GType        item_type;
  const char  *table;
  const char  *only_key;

  gboolean   (*load_all)     (LtStoreList    *self,
                              LtStore        *store,
                              GArray         *rows,
                              GError        **error);
  gboolean   (*load_row)     (LtStoreList    *self,
                              LtStore        *store,
                              const char     *key,
                              gpointer        row,
                              gboolean       *found,
                              GError        **error);
  int        (*compare)      (LtStoreList    *self,
                              gconstpointer   a,
                              gconstpointer   b);
  gboolean   (*row_has_key)  (LtStoreList    *self,
                              gconstpointer   row,
                              const char     *key);
  gssize     (*find_row)     (LtStoreList    *self,
                              const char     *key);
  gpointer   (*dup_item)     (LtStoreList    *self,
                              gpointer        row);
  gboolean   (*replace_row)  (LtStoreList    *self,
                              gpointer        old_row,
                              gpointer        new_row);
  void       (*clear_row)    (LtStoreList    *self,
                              gpointer        row,
                              gboolean        gone);
  gboolean   (*row_matches)  (LtStoreList    *self,
                              gconstpointer   row);
  void       (*prefetch_row) (LtStoreList    *self,
                              gconstpointer   row);
  void       (*changes_done) (LtStoreList    *self);

  const char  *sql_all;
  const char  *sql_one;
  int          key_column;
  gpointer   (*new_item)     (gpointer        stmt);

  gpointer padding[7];
};

LtStore    *lt_store_list_get_store    (LtStoreList  *self);
gboolean    lt_store_list_reload       (LtStoreList  *self,
                                        GError      **error);

/* For subclasses. */
gpointer    lt_store_list_new_loaded   (GType         list_type,
                                        LtStore      *store,
                                        GError      **error);
gboolean    lt_store_list_load         (LtStoreList  *self,
                                        GError      **error);
GArray     *lt_store_list_get_rows     (LtStoreList  *self);
void        lt_store_list_set_filtering (LtStoreList *self,
                                         gboolean     filtering);
void        lt_store_list_refilter     (LtStoreList  *self);
/* The filter only narrowed (every row it lets through now, it let through
 * before): only the rows visible now are tested again. */
void        lt_store_list_refilter_narrowed (LtStoreList *self);
/* The order (compare) changed: the rows are sorted again, and one
 * ::items-changed covers the positions whose item changed; none when
 * nothing moved. */
void        lt_store_list_resort       (LtStoreList  *self);
gboolean    lt_store_list_get_row_position (LtStoreList *self,
                                            guint        index,
                                            guint       *position);
guint       lt_store_list_copy_properties (GObject   *dest,
                                           GObject   *src);
void        lt_store_list_hold_changes (LtStoreList  *self);
gboolean    lt_store_list_get_holding_changes (LtStoreList *self);
void        lt_store_list_take_rows    (LtStoreList  *self,
                                        GArray       *rows);

G_END_DECLS
