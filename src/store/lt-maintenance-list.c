/* lt-maintenance-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-maintenance-list.h"
#include "lt-store-rows.h"

struct _LtMaintenanceList
{
  LtStoreList parent_instance;
};

G_DEFINE_FINAL_TYPE (LtMaintenanceList, lt_maintenance_list, LT_TYPE_STORE_LIST)

/* Earliest start first, windows without a start last, then by row. */
static int
lt_maintenance_list_compare (LtStoreList   *list,
                             gconstpointer  a,
                             gconstpointer  b)
{
  const LtStoreListObjectRow *ra = a;
  const LtStoreListObjectRow *rb = b;
  GDateTime *sa = lt_maintenance_window_get_starts_at (LT_MAINTENANCE_WINDOW (ra->object));
  GDateTime *sb = lt_maintenance_window_get_starts_at (LT_MAINTENANCE_WINDOW (rb->object));

  if ((sa == NULL) != (sb == NULL))
    return sa == NULL ? 1 : -1;
  if (sa != NULL && !g_date_time_equal (sa, sb))
    return g_date_time_compare (sa, sb);
  return (ra->pk > rb->pk) - (ra->pk < rb->pk);
}

static void
lt_maintenance_list_class_init (LtMaintenanceListClass *klass)
{
  LtStoreListClass *list_class = LT_STORE_LIST_CLASS (klass);

  list_class->item_type = LT_TYPE_MAINTENANCE_WINDOW;
  list_class->table = "maintenance_windows";
  list_class->compare = lt_maintenance_list_compare;
  /* The store announces a window by its id (column 1); column 0 is the
   * rowid, the last tie-break of the order. */
  list_class->sql_all = "SELECT " LT_MAINTENANCE_WINDOW_COLUMNS " FROM maintenance_windows "
                        "ORDER BY starts_at IS NULL, starts_at, rowid";
  list_class->sql_one = "SELECT " LT_MAINTENANCE_WINDOW_COLUMNS " FROM maintenance_windows "
                        "WHERE id = ?";
  list_class->key_column = 1;
  list_class->new_item = (gpointer (*) (gpointer)) lt_store_maintenance_window_new_from_row;
}

static void
lt_maintenance_list_init (LtMaintenanceList *self)
{
}

/**
 * lt_maintenance_list_new:
 * @store: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the windows of @store
 */
LtMaintenanceList *
lt_maintenance_list_new (LtStore  *store,
                         GError  **error)
{
  return lt_store_list_new_loaded (LT_TYPE_MAINTENANCE_LIST, store, error);
}
