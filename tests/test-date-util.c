/* test-date-util.c: strict dates and RFC 3339 instants (lt-date-util.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-date-util"

#include "config.h"

#include "lt-date-util.h"
#include "lt-test-util.h"

#include <string.h>

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
  g_autoptr(GDateTime) year_1 = g_date_time_new_utc (1, 1, 2, 0, 0, 0);
  g_autoptr(GDateTime) year_9999 = g_date_time_new_utc (9999, 12, 30, 23, 59, 59);
  g_autoptr(GTimeZone) plus_one = g_time_zone_new_offset (3600);
  g_autoptr(GDateTime) year_42_offset = g_date_time_new (plus_one, 42, 6, 1, 12, 30, 0);

  assert_instant_round_trip (year_285, "0285-02-01T10:00:00Z");
  assert_instant_round_trip (year_1, "0001-01-02T00:00:00Z");
  assert_instant_round_trip (year_9999, "9999-12-30T23:59:59Z");
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
assert_instant_refused (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) parsed = lt_instant_parse (text, &error);
  g_autofree char *quoted = g_strdup_printf ("“%s”", text);

  g_assert_null (parsed);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, quoted));
}

/* The local date of @instant in @zone exists and lies in 0001–9999. */
static void
assert_local_date_exists (GDateTime  *instant,
                          const char *zone_id)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (zone_id);
  g_autoptr(GDateTime) local = NULL;

  g_assert_nonnull (zone);
  local = g_date_time_to_timezone (instant, zone);
  g_assert_nonnull (local);
  g_assert_cmpint (g_date_time_get_year (local), >=, 1);
  g_assert_cmpint (g_date_time_get_year (local), <=, 9999);
}

static GDateTime *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  GDateTime *parsed = lt_instant_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  return parsed;
}

/* An instant a day or less from either end of GDateTime's range has no
 * local date on the other side of UTC: the calendar crashed on
 * 0001-01-01T00:00:00Z (year 0 in the vendor's -05:00), and
 * 9999-12-31T23:59:59-12:00 came back NULL without an error. Both ends
 * are pinned, given in UTC and with offsets. */
static void
test_instant_parse_range (void)
{
  static const char * const zones[] = {
    "-23:59", "-12:00", "America/Indiana/Indianapolis", "UTC",
    "Pacific/Kiritimati", "+23:59",
  };
  static const char * const accepted[] = {
    "0001-01-02T00:00:00Z", "0001-01-02T05:00:00+05:00", "0001-01-01T19:00:00-05:00",
    "9999-12-30T23:59:59Z", "9999-12-30T23:59:59.999999Z", "9999-12-30T11:59:59-12:00",
    "9999-12-31T13:59:59+14:00",
  };
  static const char * const refused[] = {
    "0001-01-01T00:00:00Z", "0001-01-01T23:59:59Z", "0001-01-02T04:59:59+05:00",
    "0001-01-01T18:59:59-05:00", "9999-12-31T00:00:00Z", "9999-12-31T23:59:59Z",
    "9999-12-31T23:59:59-12:00", "9999-12-31T22:00:00-12:00", "9999-12-30T12:00:00-12:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GDateTime) instant = parse_ok (accepted[i]);

      g_assert_true (lt_instant_is_supported (instant));
      for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
        assert_local_date_exists (instant, zones[z]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_instant_refused (refused[i]);

  {
    g_autoptr(GDateTime) first = g_date_time_new_utc (1, 1, 2, 0, 0, 0);
    g_autoptr(GDateTime) before = g_date_time_add_seconds (first, -1);
    g_autoptr(GDateTime) last = g_date_time_new_utc (9999, 12, 30, 23, 59, 59);
    g_autoptr(GDateTime) after = g_date_time_add_seconds (last, 1);

    g_assert_true (lt_instant_is_supported (first));
    g_assert_false (lt_instant_is_supported (before));
    g_assert_true (lt_instant_is_supported (last));
    g_assert_false (lt_instant_is_supported (after));
    g_assert_false (lt_instant_is_supported (NULL));
  }
}

/* RFC 3339 §5.6: "T" and "Z" may be lower case; a space may separate
 * date and time. Other ISO 8601 forms GLib would read are not RFC 3339. */
static void
test_instant_parse_rfc3339_forms (void)
{
  g_autoptr(GDateTime) upper = parse_ok ("2026-11-25T16:00:00Z");
  static const char * const same[] = {
    "2026-11-25t16:00:00z", "2026-11-25T16:00:00z", "2026-11-25t16:00:00Z",
    "2026-11-25 16:00:00Z", "2026-11-25t11:00:00-05:00", "2026-11-25T16:00:00.000Z",
  };
  static const char * const refused[] = {
    "2026-W48-3T16:00:00Z", "2026-329T16:00:00Z", "20261125T160000Z",
    "2026-11-25T16:00:00+0500", "2026-11-25T16:00Z", "2026-11-25T16:00:00",
    "2026-11-25T16:00:00.Z", "2026-11-25x16:00:00Z", "2026-11-25T16:00:00Zz",
    "2026-11-25T16:00:00+05:00:00", "", "Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autoptr(GDateTime) parsed = parse_ok (same[i]);

      g_assert_true (g_date_time_equal (parsed, upper));
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_instant_refused (refused[i]);
}

/* The error quotes the input: valid UTF-8 and short, whatever arrived
 * (found by fuzz-instant: a byte 0xff made the message invalid UTF-8). */
static void
test_parse_error_quotes_safely (void)
{
  g_autofree char *long_text = g_strnfill (100000, '7');
  const char *bad_utf8[] = { "2026-11-25T16:00:00\xff", "\xc3", long_text };

  for (guint i = 0; i < G_N_ELEMENTS (bad_utf8); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) date_error = NULL;
      g_autoptr(GDateTime) parsed = lt_instant_parse (bad_utf8[i], &error);
      GDate date;

      g_assert_null (parsed);
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpuint (strlen (error->message), <, 200);
      g_assert_false (lt_date_parse (bad_utf8[i], &date, &date_error));
      g_assert_error (date_error, LT_ERROR, LT_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (date_error->message, -1, NULL));
      g_assert_cmpuint (strlen (date_error->message), <, 200);
    }
}

/* An instant whose local date in a zone would be year 0 or 10000 has no
 * rendering there, and says so instead of crashing. */
static void
test_instant_format_in_zone_edges (void)
{
  g_autoptr(GDateTime) year_1 = g_date_time_new_utc (1, 1, 1, 0, 0, 0);
  g_autoptr(GTimeZone) west = g_time_zone_new_identifier ("-05:00");
  g_autoptr(GTimeZone) east = g_time_zone_new_identifier ("+05:00");
  g_autofree char *in_west = lt_instant_format_in_zone (year_1, west);
  g_autofree char *in_east = lt_instant_format_in_zone (year_1, east);

  g_assert_null (in_west);
  g_assert_cmpstr (in_east, ==, "0001-01-01T05:00:00+05:00");
}

/* Indianapolis kept local mean time, -05:44:38, until 1883: "-05:44"
 * would name an instant 38 s off, so such a time is written in UTC
 * (found by fuzz-instant). */
static void
test_instant_format_lmt (void)
{
  g_autoptr(GTimeZone) eastern = g_time_zone_new_identifier ("America/Indiana/Indianapolis");
  g_autoptr(GDateTime) utc = g_date_time_new_utc (1850, 6, 1, 12, 0, 0);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, eastern);
  g_autofree char *text = lt_instant_format_in_zone (utc, eastern);
  g_autoptr(GDateTime) again = parse_ok (text);

  g_assert_cmpint (g_date_time_get_utc_offset (local) % G_TIME_SPAN_MINUTE, !=, 0);
  g_assert_cmpstr (text, ==, "1850-06-01T12:00:00Z");
  g_assert_true (g_date_time_equal (again, utc));
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
  g_test_add_func ("/lt/date-util/instant/parse-range", test_instant_parse_range);
  g_test_add_func ("/lt/date-util/instant/parse-rfc3339-forms", test_instant_parse_rfc3339_forms);
  g_test_add_func ("/lt/date-util/instant/format-in-zone-edges", test_instant_format_in_zone_edges);
  g_test_add_func ("/lt/date-util/instant/format-lmt", test_instant_format_lmt);
  g_test_add_func ("/lt/date-util/instant/error-quotes-safely", test_parse_error_quotes_safely);
  g_test_add_func ("/lt/date-util/date/format", test_date_format);

  return g_test_run ();
}
