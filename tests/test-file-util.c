/* test-file-util.c: reading a file the user named
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-file-util"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lt-test-util.h"
#include "lt-error.h"
#include "lt-file-util.h"

static char *
write_file (const char *name,
            gsize       size)
{
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
  g_autofree char *contents = g_malloc0 (size + 1);
  g_autoptr(GError) error = NULL;

  memset (contents, 'x', size);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_file_set_contents (path, contents, (gssize) size, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_size_cap (void)
{
  g_autofree char *at_cap = write_file ("at-cap", 4096);
  g_autofree char *over = write_file ("over", 4097);
  g_autofree char *empty = write_file ("empty", 0);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = lt_file_read_regular (at_cap, 4096, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 4096);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = lt_file_read_regular (empty, 4096, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), ==, 0);
  g_clear_pointer (&bytes, g_bytes_unref);

  g_assert_null (lt_file_read_regular (over, 4096, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "larger than"));
}

/* Not regular files: refused before a byte is read, without blocking on
 * a FIFO nobody writes to or reading /dev/zero for ever. */
static void
test_not_regular (void)
{
  g_autofree char *fifo = g_build_filename (g_get_user_cache_dir (), "fifo", NULL);
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "missing", NULL);
  const char *paths[] = { fifo, "/dev/zero", "/dev/null", g_get_tmp_dir () };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_assert_null (lt_file_read_regular (paths[i], 4096, &error));
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
      g_clear_error (&error);
    }
  g_assert_null (lt_file_read_regular (missing, 4096, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/file-util/size-cap", test_size_cap);
  g_test_add_func ("/lt/file-util/not-regular", test_not_regular);

  return g_test_run ();
}
