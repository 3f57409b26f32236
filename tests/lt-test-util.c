/* lt-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-test"

#include "config.h"

#include "lt-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

#include <string.h>

#include <locale.h>
#include <stdio.h>

void
lt_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "");
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

GDateTime *
lt_test_instant (const char *iso8601)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso8601, NULL);

  if (dt == NULL)
    {
      g_autofree char *msg = g_strdup_printf ("bad instant in test fixture: %s", iso8601);
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
    }
  return dt;
}

GDate
lt_test_date (const char *iso_date)
{
  GDate date;
  int y, m, d;
  char tail;

  g_date_clear (&date, 1);
  if (sscanf (iso_date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 ||
      !g_date_valid_dmy (d, m, y))
    {
      g_autofree char *msg = g_strdup_printf ("bad date in test fixture: %s", iso_date);
      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
    }
  g_date_set_dmy (&date, d, m, y);
  return date;
}

char *
lt_test_format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

void
lt_test_assert_instant (const char *file,
                        int         line,
                        const char *func,
                        const char *expr,
                        GDateTime  *instant,
                        const char *expected)
{
  g_autoptr(GDateTime) want = lt_test_instant (expected);

  if (instant == NULL || !g_date_time_equal (instant, want))
    {
      g_autofree char *got = instant ? g_date_time_format_iso8601 (instant) : g_strdup ("(null)");
      g_autofree char *msg = g_strdup_printf ("%s is %s, expected %s", expr, got, expected);
      g_assertion_message (G_LOG_DOMAIN, file, line, func, msg);
    }
}

void
lt_test_assert_date (const char  *file,
                     int          line,
                     const char  *func,
                     const char  *expr,
                     const GDate *date,
                     const char  *expected)
{
  g_autofree char *got = g_date_valid (date) ? lt_test_format_date (date) : g_strdup ("(invalid)");

  if (g_strcmp0 (got, expected) != 0)
    {
      g_autofree char *msg = g_strdup_printf ("%s is %s, expected %s", expr, got, expected);
      g_assertion_message (G_LOG_DOMAIN, file, line, func, msg);
    }
}

GBytes *
lt_test_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

void
lt_test_write_bytes (const char *path,
                     const void *data,
                     gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, data, (gssize) length, &error));
  g_assert_no_error (error);
}

/* Pages hold NULs, so no string search of GLib will do. */
static gboolean
page_contains (const guint8 *page,
               gsize         page_size,
               const char   *needle)
{
  gsize length = strlen (needle);

  for (gsize i = 0; i + length <= page_size; i++)
    if (memcmp (page + i, needle, length) == 0)
      return TRUE;
  return FALSE;
}

void
lt_test_corrupt_middle_page (const char *path,
                             const char *needle)
{
  g_autoptr(GBytes) bytes = lt_test_read_bytes (path);
  gsize size = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  guint page_size = ((guint) data[16] << 8) | data[17];
  guint n_pages = (guint) (size / page_size);
  guint middle = n_pages / 2;
  guint chosen = 0;

  g_assert_cmpstr ((const char *) data, ==, "SQLite format 3");
  /* Page 1 is the header and the schema; search outward from the middle
   * for a table leaf page (type 0x0d) holding @needle. */
  for (guint distance = 0; distance < n_pages && chosen == 0; distance++)
    for (int sign = -1; sign <= 1 && chosen == 0; sign += 2)
      {
        gint64 page = (gint64) middle + sign * (gint64) distance;
        guint8 *start;

        if (page < 2 || page >= n_pages)
          continue;
        start = data + (gsize) page * page_size;
        if (start[0] == 0x0d && page_contains (start, page_size, needle))
          chosen = (guint) page;
      }

  g_assert_cmpuint (chosen, >, 1);
  memset (data + (gsize) chosen * page_size, 0xa5, page_size);
  lt_test_write_bytes (path, data, size);
}

JsonObject *
lt_test_read_icalendar_file (const char *path)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "read-icalendar.py", NULL);
  g_autoptr(GSubprocess) check = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root;

  check = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                            NULL, "/usr/bin/python3", "-c", "import icalendar", NULL);
  if (check == NULL || !g_subprocess_wait_check (check, NULL, NULL))
    {
      g_test_skip ("python3-icalendar is not installed (/usr/bin/python3 cannot import icalendar)");
      return NULL;
    }

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, "/usr/bin/python3", script, path, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("read-icalendar.py stderr: %s", err);
  g_assert_true (g_subprocess_get_successful (process));

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "errors")), ==, 0);
  return json_object_ref (root);
}

JsonObject *
lt_test_read_icalendar (const char *ics)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lt-icalendar-XXXXXX", &error);
  g_autofree char *path = NULL;
  JsonObject *result;

  g_assert_no_error (error);
  path = g_build_filename (dir, "calendar.ics", NULL);
  g_file_set_contents (path, ics, -1, &error);
  g_assert_no_error (error);
  result = lt_test_read_icalendar_file (path);
  g_unlink (path);
  g_rmdir (dir);
  return result;
}
