/* lt-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-test"

#include "config.h"

#include "lt-test-util.h"

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
