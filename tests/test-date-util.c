/* test-date-util.c: strict dates and RFC 3339 instants (lt-date-util.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-date-util"

#include "config.h"

#include "lt-date-util.h"
#include "lt-test-util.h"

static void
assert_instant_round_trip (GDateTime  *instant,
                           const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = lt_instant_format (instant);
  g_autoptr(GDateTime) again = NULL;

  g_assert_cmpstr (text, ==, expected);
  again = lt_instant_parse (text, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (again, instant));
}

static void
test_instant_format (void)
{
  g_autoptr(GTimeZone) eastern = g_time_zone_new_identifier ("America/Indiana/Indianapolis");
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 11, 27, 16, 0, 0);
  g_autoptr(GDateTime) local = g_date_time_new (eastern, 2026, 11, 27, 11, 0, 0);

  assert_instant_round_trip (utc, "2026-11-27T16:00:00Z");
  assert_instant_round_trip (local, "2026-11-27T11:00:00-05:00");
}

/* g_date_time_format() does not pad the year: 0285 came out as "285",
 * which lt_instant_parse() refuses, so a portal answer with such a time
 * did not survive being written back (found by fuzzing the portal's
 * JSON mappers). */
static void
test_instant_format_early_years (void)
{
  g_autoptr(GDateTime) year_285 = g_date_time_new_utc (285, 2, 1, 10, 0, 0);
  g_autoptr(GDateTime) year_1 = g_date_time_new_utc (1, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) year_9999 = g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
  g_autoptr(GTimeZone) plus_one = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) year_42_offset = g_date_time_new (plus_one, 42, 6, 1, 12, 30, 0);

  assert_instant_round_trip (year_285, "0285-02-01T10:00:00Z");
  assert_instant_round_trip (year_1, "0001-01-01T00:00:00Z");
  assert_instant_round_trip (year_9999, "9999-12-31T23:59:59Z");
  assert_instant_round_trip (year_42_offset, "0042-06-01T12:30:00+01:00");
}

static void
test_instant_parse_needs_offset (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) parsed = lt_instant_parse ("2026-11-27T11:00:00", &error);

  g_assert_null (parsed);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
}

static void
test_date_format (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GDate date;

  g_assert_true (lt_date_parse ("0285-02-01", &date, &error));
  g_assert_no_error (error);
  text = lt_date_format (&date);
  g_assert_cmpstr (text, ==, "0285-02-01");
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/date-util/instant/format", test_instant_format);
  g_test_add_func ("/lt/date-util/instant/format-early-years", test_instant_format_early_years);
  g_test_add_func ("/lt/date-util/instant/parse-needs-offset", test_instant_parse_needs_offset);
  g_test_add_func ("/lt/date-util/date/format", test_date_format);

  return g_test_run ();
}
