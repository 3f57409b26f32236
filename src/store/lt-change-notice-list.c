/* lt-change-notice-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-change-notice-list.h"
#include "lt-store-rows.h"

struct _LtChangeNoticeList
{
  LtStoreList parent_instance;
};

G_DEFINE_FINAL_TYPE (LtChangeNoticeList, lt_change_notice_list, LT_TYPE_STORE_LIST)

/* Notices still without a planned start first (being written), then the
 * newest planned start first, the newest row first among equals. */
static int
lt_change_notice_list_compare (LtStoreList   *list,
                               gconstpointer  a,
                               gconstpointer  b)
{
  const LtStoreListObjectRow *ra = a;
  const LtStoreListObjectRow *rb = b;
  GDateTime *sa = lt_change_notice_get_planned_start (LT_CHANGE_NOTICE (ra->object));
  GDateTime *sb = lt_change_notice_get_planned_start (LT_CHANGE_NOTICE (rb->object));

  if ((sa == NULL) != (sb == NULL))
    return sa == NULL ? -1 : 1;
  if (sa != NULL && !g_date_time_equal (sa, sb))
    return g_date_time_compare (sb, sa);
  return (ra->pk < rb->pk) - (ra->pk > rb->pk);
}

static void
lt_change_notice_list_class_init (LtChangeNoticeListClass *klass)
{
  LtStoreListClass *list_class = LT_STORE_LIST_CLASS (klass);

  list_class->item_type = LT_TYPE_CHANGE_NOTICE;
  list_class->table = "change_notices";
  list_class->compare = lt_change_notice_list_compare;
  /* The store announces a notice by its pk (column 0), in decimal. */
  list_class->sql_all = "SELECT " LT_CHANGE_NOTICE_COLUMNS " FROM change_notices";
  list_class->sql_one = "SELECT " LT_CHANGE_NOTICE_COLUMNS " FROM change_notices "
                        "WHERE pk = CAST (? AS INTEGER)";
  list_class->key_column = 0;
  list_class->new_item = (gpointer (*) (gpointer)) lt_store_change_notice_new_from_row;
}

static void
lt_change_notice_list_init (LtChangeNoticeList *self)
{
}

/**
 * lt_change_notice_list_new:
 * @store: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the change notices of @store
 */
LtChangeNoticeList *
lt_change_notice_list_new (LtStore  *store,
                           GError  **error)
{
  return lt_store_list_new_loaded (LT_TYPE_CHANGE_NOTICE_LIST, store, error);
}
