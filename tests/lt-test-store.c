/* lt-test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-test"

#include "config.h"

#include "lt-test-store.h"

#include "lt-store-private.h"

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
