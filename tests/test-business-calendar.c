/* test-business-calendar.c: RULES.md R3 and the business time of R4
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-business-calendar"

#include "config.h"

#include "lt-business-calendar.h"
#include "lt-test-util.h"

#include <string.h>

#define MON_TO_FRI ((1u << G_DATE_MONDAY) | (1u << G_DATE_TUESDAY) | \
                    (1u << G_DATE_WEDNESDAY) | (1u << G_DATE_THURSDAY) | \
                    (1u << G_DATE_FRIDAY))
#define MON_TO_SAT (MON_TO_FRI | (1u << G_DATE_SATURDAY))
#define SUN_TO_THU ((MON_TO_FRI & ~(1u << G_DATE_FRIDAY)) | (1u << G_DATE_SUNDAY))
#define ALL_WEEK   (MON_TO_SAT | (1u << G_DATE_SUNDAY))

#define FIXED(n, m, d)       { (char *) (n), (m), (d), G_DATE_BAD_WEEKDAY, 0 }
#define NTH(n, m, wd, nth)   { (char *) (n), (m), 0, (wd), (nth) }

/* The 11 US federal holidays, as the policy file describes them. */
static const LtHolidayRule us_rules[] = {
  FIXED ("New Year's Day", G_DATE_JANUARY, 1),
  NTH ("Birthday of Martin Luther King, Jr.", G_DATE_JANUARY, G_DATE_MONDAY, 3),
  NTH ("Washington's Birthday", G_DATE_FEBRUARY, G_DATE_MONDAY, 3),
  NTH ("Memorial Day", G_DATE_MAY, G_DATE_MONDAY, -1),
  FIXED ("Juneteenth National Independence Day", G_DATE_JUNE, 19),
  FIXED ("Independence Day", G_DATE_JULY, 4),
  NTH ("Labor Day", G_DATE_SEPTEMBER, G_DATE_MONDAY, 1),
  NTH ("Columbus Day", G_DATE_OCTOBER, G_DATE_MONDAY, 2),
  FIXED ("Veterans Day", G_DATE_NOVEMBER, 11),
  NTH ("Thanksgiving Day", G_DATE_NOVEMBER, G_DATE_THURSDAY, 4),
  FIXED ("Christmas Day", G_DATE_DECEMBER, 25),
};

/* A calendar unlike the default in every part: another zone, Saturdays
 * worked, no observed rule, a leap-day holiday, a fifth weekday that some
 * years lack, and extra closures (one on a working Saturday). */
static const LtHolidayRule other_rules[] = {
  FIXED ("Neujahr", G_DATE_JANUARY, 1),
  FIXED ("Schalttag", G_DATE_FEBRUARY, 29),
  NTH ("Fünfter Freitag im März", G_DATE_MARCH, G_DATE_FRIDAY, 5),
  FIXED ("Tag der Arbeit", G_DATE_MAY, 1),
  NTH ("Letzter Montag im Mai", G_DATE_MAY, G_DATE_MONDAY, -1),
  FIXED ("Tag der Deutschen Einheit", G_DATE_OCTOBER, 3),
  FIXED ("Erster Weihnachtstag", G_DATE_DECEMBER, 25),
  FIXED ("Zweiter Weihnachtstag", G_DATE_DECEMBER, 26),
};
static const char * const other_closure_dates[] = {
  "2024-12-24", "2026-12-31", "2027-06-12", "2030-01-02", "2033-08-15",
};

static LtBusinessCalendar *
new_default_calendar_with_closures (const LtClosure *closures,
                                    guint            n_closures)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Indiana/Indianapolis");

  g_assert_nonnull (zone);
  return lt_business_calendar_new (zone, MON_TO_FRI, 8 * 60, 17 * 60,
                                   us_rules, G_N_ELEMENTS (us_rules),
                                   LT_OBSERVED_RULE_NEAREST_WEEKDAY,
                                   closures, n_closures);
}

static LtBusinessCalendar *
new_default_calendar (void)
{
  return new_default_calendar_with_closures (NULL, 0);
}

static LtBusinessCalendar *
new_other_calendar (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  LtClosure closures[G_N_ELEMENTS (other_closure_dates)];

  g_assert_nonnull (zone);
  for (guint i = 0; i < G_N_ELEMENTS (other_closure_dates); i++)
    {
      closures[i].date = lt_test_date (other_closure_dates[i]);
      closures[i].name = (char *) "Betriebsruhe";
    }
  return lt_business_calendar_new (zone, MON_TO_SAT, 9 * 60, 18 * 60 + 30,
                                   other_rules, G_N_ELEMENTS (other_rules),
                                   LT_OBSERVED_RULE_NONE,
                                   closures, G_N_ELEMENTS (closures));
}

/* Open nearly round the clock on the days the US changes its clocks
 * (Sundays), so that a business day holds a daylight-saving change. */
static LtBusinessCalendar *
new_long_day_calendar (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Indiana/Indianapolis");

  return lt_business_calendar_new (zone, SUN_TO_THU, 30, 23 * 60 + 30,
                                   us_rules, G_N_ELEMENTS (us_rules),
                                   LT_OBSERVED_RULE_NEAREST_WEEKDAY, NULL, 0);
}

static LtBusinessCalendar *
new_all_week_calendar (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Indiana/Indianapolis");

  return lt_business_calendar_new (zone, ALL_WEEK, 0, 24 * 60, NULL, 0,
                                   LT_OBSERVED_RULE_NONE, NULL, 0);
}

/* ---- holidays ---------------------------------------------------------- */

typedef struct
{
  const char *date;
  const char *actual;
  const char *name;
} ExpectedHoliday;

static void
assert_holidays (LtBusinessCalendar    *calendar,
                 int                    year,
                 const ExpectedHoliday *expected,
                 guint                  n_expected)
{
  g_autoptr(GArray) holidays = lt_business_calendar_list_holidays (calendar, year);

  g_assert_cmpuint (holidays->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      const LtHoliday *holiday = &g_array_index (holidays, LtHoliday, i);

      lt_assert_date (&holiday->date, expected[i].date);
      lt_assert_date (&holiday->actual, expected[i].actual);
      g_assert_cmpstr (holiday->name, ==, expected[i].name);
      g_assert_cmpint (holiday->observed, ==, strcmp (expected[i].date, expected[i].actual) != 0);
      g_assert_false (lt_business_calendar_is_business_day (calendar, &holiday->date));
    }
}

static void
test_holidays_2026 (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  static const ExpectedHoliday expected[] = {
    { "2026-01-01", "2026-01-01", "New Year's Day" },
    { "2026-01-19", "2026-01-19", "Birthday of Martin Luther King, Jr." },
    { "2026-02-16", "2026-02-16", "Washington's Birthday" },
    { "2026-05-25", "2026-05-25", "Memorial Day" },
    { "2026-06-19", "2026-06-19", "Juneteenth National Independence Day" },
    { "2026-07-03", "2026-07-04", "Independence Day" },
    { "2026-09-07", "2026-09-07", "Labor Day" },
    { "2026-10-12", "2026-10-12", "Columbus Day" },
    { "2026-11-11", "2026-11-11", "Veterans Day" },
    { "2026-11-26", "2026-11-26", "Thanksgiving Day" },
    { "2026-12-25", "2026-12-25", "Christmas Day" },
  };

  assert_holidays (calendar, 2026, expected, G_N_ELEMENTS (expected));
}

static void
test_holidays_2027 (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  static const ExpectedHoliday expected[] = {
    { "2027-01-01", "2027-01-01", "New Year's Day" },
    { "2027-01-18", "2027-01-18", "Birthday of Martin Luther King, Jr." },
    { "2027-02-15", "2027-02-15", "Washington's Birthday" },
    { "2027-05-31", "2027-05-31", "Memorial Day" },
    { "2027-06-18", "2027-06-19", "Juneteenth National Independence Day" },
    { "2027-07-05", "2027-07-04", "Independence Day" },
    { "2027-09-06", "2027-09-06", "Labor Day" },
    { "2027-10-11", "2027-10-11", "Columbus Day" },
    { "2027-11-11", "2027-11-11", "Veterans Day" },
    { "2027-11-25", "2027-11-25", "Thanksgiving Day" },
    { "2027-12-24", "2027-12-25", "Christmas Day" },
    /* New Year's Day 2028 is a Saturday: observed in 2027. */
    { "2027-12-31", "2028-01-01", "New Year's Day" },
  };

  assert_holidays (calendar, 2027, expected, G_N_ELEMENTS (expected));
}

static void
test_holidays_2028 (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  /* No New Year's Day: it was observed on 2027-12-31. */
  static const ExpectedHoliday expected[] = {
    { "2028-01-17", "2028-01-17", "Birthday of Martin Luther King, Jr." },
    { "2028-02-21", "2028-02-21", "Washington's Birthday" },
    { "2028-05-29", "2028-05-29", "Memorial Day" },
    { "2028-06-19", "2028-06-19", "Juneteenth National Independence Day" },
    { "2028-07-04", "2028-07-04", "Independence Day" },
    { "2028-09-04", "2028-09-04", "Labor Day" },
    { "2028-10-09", "2028-10-09", "Columbus Day" },
    { "2028-11-10", "2028-11-11", "Veterans Day" },
    { "2028-11-23", "2028-11-23", "Thanksgiving Day" },
    { "2028-12-25", "2028-12-25", "Christmas Day" },
  };
  GDate new_year = lt_test_date ("2028-01-01");

  assert_holidays (calendar, 2028, expected, G_N_ELEMENTS (expected));
  /* The day itself is a Saturday, closed as a weekend day. */
  g_assert_false (lt_business_calendar_is_business_day (calendar, &new_year));
}

static void
test_holidays_new_year_previous_year (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  g_autoptr(GArray) holidays_2021 = lt_business_calendar_list_holidays (calendar, 2021);
  g_autoptr(GArray) holidays_2022 = lt_business_calendar_list_holidays (calendar, 2022);
  const LtHoliday *last = &g_array_index (holidays_2021, LtHoliday, holidays_2021->len - 1);
  GDate eve = lt_test_date ("2021-12-31");
  g_autofree char *reason = lt_business_calendar_dup_closure_reason (calendar, &eve);

  /* 2021 holds its own New Year's Day and the one of 2022. */
  g_assert_cmpuint (holidays_2021->len, ==, 12);
  lt_assert_date (&last->date, "2021-12-31");
  lt_assert_date (&last->actual, "2022-01-01");
  g_assert_cmpstr (last->name, ==, "New Year's Day");
  g_assert_true (last->observed);
  g_assert_cmpstr (reason, ==, "New Year's Day");

  g_assert_cmpuint (holidays_2022->len, ==, 10);
  for (guint i = 0; i < holidays_2022->len; i++)
    g_assert_cmpstr (g_array_index (holidays_2022, LtHoliday, i).name, !=, "New Year's Day");
}

static void
test_holidays_juneteenth_observed (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  static const struct { int year; const char *date; const char *actual; } cases[] = {
    { 2021, "2021-06-18", "2021-06-19" },  /* Saturday -> Friday before */
    { 2022, "2022-06-20", "2022-06-19" },  /* Sunday -> Monday after */
    { 2026, "2026-06-19", "2026-06-19" },
    { 2027, "2027-06-18", "2027-06-19" },
    { 2033, "2033-06-20", "2033-06-19" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GArray) holidays = lt_business_calendar_list_holidays (calendar, cases[c].year);
      gboolean found = FALSE;

      for (guint i = 0; i < holidays->len; i++)
        {
          const LtHoliday *holiday = &g_array_index (holidays, LtHoliday, i);

          if (g_strcmp0 (holiday->name, "Juneteenth National Independence Day") != 0)
            continue;
          lt_assert_date (&holiday->date, cases[c].date);
          lt_assert_date (&holiday->actual, cases[c].actual);
          g_assert_cmpint (holiday->observed, ==, strcmp (cases[c].date, cases[c].actual) != 0);
          found = TRUE;
        }
      g_assert_true (found);
    }
}

static void
test_holidays_no_observed_rule (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_other_calendar ();
  g_autoptr(GArray) holidays_2027 = lt_business_calendar_list_holidays (calendar, 2027);
  g_autoptr(GArray) holidays_2028 = lt_business_calendar_list_holidays (calendar, 2028);
  GDate boxing_day = lt_test_date ("2027-12-27");

  /* 2027: no 29 February, no fifth Friday in March; Christmas on a Saturday
   * stays there. 2028: 29 February and the fifth Friday, 31 March. */
  g_assert_cmpuint (holidays_2027->len, ==, 6);
  g_assert_cmpuint (holidays_2028->len, ==, 8);
  lt_assert_date (&g_array_index (holidays_2027, LtHoliday, 4).date, "2027-12-25");
  g_assert_false (g_array_index (holidays_2027, LtHoliday, 4).observed);
  lt_assert_date (&g_array_index (holidays_2028, LtHoliday, 1).date, "2028-02-29");
  lt_assert_date (&g_array_index (holidays_2028, LtHoliday, 2).date, "2028-03-31");
  lt_assert_date (&g_array_index (holidays_2028, LtHoliday, 4).date, "2028-05-29");
  g_assert_true (lt_business_calendar_is_business_day (calendar, &boxing_day));
}

static void
test_closure_reason (void)
{
  LtClosure closures[] = { { lt_test_date ("2026-12-24"), (char *) "Christmas Eve" } };
  g_autoptr(LtBusinessCalendar) calendar =
    new_default_calendar_with_closures (closures, G_N_ELEMENTS (closures));
  static const struct { const char *date; const char *reason; } cases[] = {
    { "2026-07-03", "Independence Day" },
    { "2026-07-04", "Saturday" },        /* observed the day before */
    { "2026-07-05", "Sunday" },
    { "2026-07-06", NULL },
    { "2026-11-26", "Thanksgiving Day" },
    { "2026-12-24", "Christmas Eve" },
    { "2026-12-23", NULL },
    { "2027-12-31", "New Year's Day" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date = lt_test_date (cases[i].date);
      g_autofree char *reason = lt_business_calendar_dup_closure_reason (calendar, &date);

      g_assert_cmpstr (reason, ==, cases[i].reason);
      g_assert_cmpint (lt_business_calendar_is_business_day (calendar, &date), ==,
                       cases[i].reason == NULL);
    }
}

static void
test_accessors (void)
{
  LtClosure closures[] = { { lt_test_date ("2026-12-24"), (char *) "Christmas Eve" } };
  g_autoptr(LtBusinessCalendar) calendar =
    new_default_calendar_with_closures (closures, G_N_ELEMENTS (closures));
  const LtHolidayRule *rules;
  const LtClosure *copied;
  guint n_rules, n_closures;

  g_assert_cmpstr (lt_business_calendar_get_time_zone_id (calendar), ==,
                   "America/Indiana/Indianapolis");
  g_assert_nonnull (lt_business_calendar_get_time_zone (calendar));
  g_assert_cmpuint (lt_business_calendar_get_business_weekdays (calendar), ==, MON_TO_FRI);
  g_assert_cmpuint (lt_business_calendar_get_opens_minute (calendar), ==, 480);
  g_assert_cmpuint (lt_business_calendar_get_closes_minute (calendar), ==, 1020);
  g_assert_cmpint (lt_business_calendar_get_observed_rule (calendar), ==,
                   LT_OBSERVED_RULE_NEAREST_WEEKDAY);

  /* The calendar keeps copies, not the caller's strings. */
  rules = lt_business_calendar_get_holiday_rules (calendar, &n_rules);
  g_assert_cmpuint (n_rules, ==, G_N_ELEMENTS (us_rules));
  g_assert_cmpstr (rules[3].name, ==, "Memorial Day");
  g_assert_true (rules[3].name != us_rules[3].name);
  g_assert_cmpint (rules[3].nth, ==, -1);
  copied = lt_business_calendar_get_closures (calendar, &n_closures);
  g_assert_cmpuint (n_closures, ==, 1);
  g_assert_cmpstr (copied[0].name, ==, "Christmas Eve");
  g_assert_true (copied[0].name != closures[0].name);
  lt_assert_date (&copied[0].date, "2026-12-24");
}

/* ---- business days ----------------------------------------------------- */

static void
assert_add_days (LtBusinessCalendar *calendar,
                 const char         *from,
                 guint               n,
                 const char         *expected)
{
  GDate date = lt_test_date (from);
  GDate result;

  lt_business_calendar_add_business_days (calendar, &date, n, &result);
  g_test_message ("%s + %u business days", from, n);
  lt_assert_date (&result, expected);
}

static void
test_days_rolls (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();

  /* n = 0 rolls a non-business day forward and keeps a business day. */
  assert_add_days (calendar, "2026-05-12", 0, "2026-05-12");
  assert_add_days (calendar, "2026-05-09", 0, "2026-05-11");   /* Saturday */
  assert_add_days (calendar, "2026-05-10", 0, "2026-05-11");   /* Sunday */
  assert_add_days (calendar, "2026-07-03", 0, "2026-07-06");   /* observed holiday */
  assert_add_days (calendar, "2026-05-23", 0, "2026-05-26");   /* weekend + Memorial Day */

  /* A roll then the steps: Saturday + 1 is Tuesday, not Monday. */
  assert_add_days (calendar, "2026-05-08", 1, "2026-05-11");
  assert_add_days (calendar, "2026-05-09", 1, "2026-05-12");
  assert_add_days (calendar, "2026-07-02", 1, "2026-07-06");
  assert_add_days (calendar, "2026-07-03", 1, "2026-07-07");
  assert_add_days (calendar, "2026-05-22", 1, "2026-05-26");
}

static void
test_days_thanksgiving (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  GDate from = lt_test_date ("2026-11-23");
  GDate to = lt_test_date ("2026-11-30");

  assert_add_days (calendar, "2026-11-25", 5, "2026-12-03");
  assert_add_days (calendar, "2026-11-20", 5, "2026-11-30");
  assert_add_days (calendar, "2026-11-26", 0, "2026-11-27");
  assert_add_days (calendar, "2026-11-26", 5, "2026-12-04");
  g_assert_cmpuint (lt_business_calendar_count_business_days (calendar, &from, &to), ==, 4);
  g_assert_cmpuint (lt_business_calendar_count_business_days (calendar, &to, &from), ==, 0);
  g_assert_cmpuint (lt_business_calendar_count_business_days (calendar, &to, &to), ==, 0);
}

static void
test_days_year_end (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();

  /* 2026: Christmas Friday 25 December, New Year Friday 1 January. */
  assert_add_days (calendar, "2026-12-21", 5, "2026-12-29");
  assert_add_days (calendar, "2026-12-24", 5, "2027-01-04");
  assert_add_days (calendar, "2026-12-25", 0, "2026-12-28");
  assert_add_days (calendar, "2026-12-31", 1, "2027-01-04");

  /* 2027: Christmas observed Friday 24 December, New Year's Day 2028
   * observed Friday 31 December. */
  assert_add_days (calendar, "2027-12-23", 5, "2028-01-03");
  assert_add_days (calendar, "2027-12-24", 0, "2027-12-27");
  assert_add_days (calendar, "2027-12-24", 5, "2028-01-04");
  assert_add_days (calendar, "2027-12-30", 1, "2028-01-03");
  assert_add_days (calendar, "2027-12-31", 0, "2028-01-03");
}

static void
test_days_closures (void)
{
  LtClosure closures[] = {
    { lt_test_date ("2026-12-24"), (char *) "Christmas Eve" },
    { lt_test_date ("2026-12-31"), (char *) "New Year's Eve" },
  };
  g_autoptr(LtBusinessCalendar) calendar =
    new_default_calendar_with_closures (closures, G_N_ELEMENTS (closures));
  g_autoptr(LtBusinessCalendar) without = new_default_calendar ();
  GDate from = lt_test_date ("2026-12-21");
  GDate to = lt_test_date ("2027-01-05");

  assert_add_days (calendar, "2026-12-23", 5, "2027-01-05");
  assert_add_days (without, "2026-12-23", 5, "2026-12-31");
  assert_add_days (calendar, "2026-12-24", 0, "2026-12-28");
  assert_add_days (calendar, "2026-12-31", 0, "2027-01-04");
  /* 21, 22, 23, 28, 29, 30 December and 4 January. */
  g_assert_cmpuint (lt_business_calendar_count_business_days (calendar, &from, &to), ==, 7);
  g_assert_cmpuint (lt_business_calendar_count_business_days (without, &from, &to), ==, 9);
}

static void
test_days_far (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  GDate from = lt_test_date ("2026-05-12");
  GDate result;

  /* About 400 years: stepping day by day through a cache-less calendar
   * would take seconds; the yearly totals make it immediate. */
  lt_business_calendar_add_business_days (calendar, &from, 100000, &result);
  g_assert_true (g_date_valid (&result));
  g_assert_cmpint (g_date_get_year (&result), >, 2400);
  g_assert_true (lt_business_calendar_is_business_day (calendar, &result));
  g_assert_cmpuint (lt_business_calendar_count_business_days (calendar, &from, &result), ==, 100000);
}

/* ---- business minutes -------------------------------------------------- */

static void
assert_add_minutes (LtBusinessCalendar *calendar,
                    const char         *start,
                    guint64             minutes,
                    const char         *expected)
{
  g_autoptr(GDateTime) from = lt_test_instant (start);
  g_autoptr(GDateTime) due = lt_business_calendar_add_business_minutes (calendar, from, minutes);
  g_autoptr(GDateTime) want = lt_test_instant (expected);

  lt_assert_instant (due, expected);
  /* Returned in the vendor zone: the offset is the one of the expectation,
   * written as the vendor's wall clock shows it. */
  g_assert_cmpint (g_date_time_get_utc_offset (due), ==, g_date_time_get_utc_offset (want));
}

static void
test_minutes_friday_evening (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();

  assert_add_minutes (calendar, "2026-05-08T16:40:00-04:00", 120, "2026-05-11T09:40:00-04:00");
  /* The same instant written in another zone gives the same due time. */
  assert_add_minutes (calendar, "2026-05-08T20:40:00Z", 120, "2026-05-11T09:40:00-04:00");
}

static void
test_minutes_thanksgiving (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();

  assert_add_minutes (calendar, "2026-11-25T16:00:00-05:00", 240, "2026-11-27T11:00:00-05:00");
}

static void
test_minutes_outside_hours (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();

  /* Evening, early morning, Saturday, an observed holiday. */
  assert_add_minutes (calendar, "2026-05-12T19:30:00-04:00", 60, "2026-05-13T09:00:00-04:00");
  assert_add_minutes (calendar, "2026-05-12T06:00:00-04:00", 15, "2026-05-12T08:15:00-04:00");
  assert_add_minutes (calendar, "2026-05-09T10:00:00-04:00", 30, "2026-05-11T08:30:00-04:00");
  assert_add_minutes (calendar, "2026-07-03T10:00:00-04:00", 60, "2026-07-06T09:00:00-04:00");
  /* Seconds of a start outside hours do not survive: the clock starts at
   * the opening. */
  assert_add_minutes (calendar, "2026-05-12T19:30:17-04:00", 60, "2026-05-13T09:00:00-04:00");

  /* Zero minutes: the next opening, or the start itself when open. */
  assert_add_minutes (calendar, "2026-05-08T18:00:00-04:00", 0, "2026-05-11T08:00:00-04:00");
  assert_add_minutes (calendar, "2026-05-12T17:00:00-04:00", 0, "2026-05-13T08:00:00-04:00");
  assert_add_minutes (calendar, "2026-05-12T10:11:12-04:00", 0, "2026-05-12T10:11:12-04:00");
}

static void
test_minutes_closing_time (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  g_autoptr(GDateTime) opening = lt_test_instant ("2026-05-12T08:00:00-04:00");
  g_autoptr(GDateTime) closing = lt_test_instant ("2026-05-12T17:00:00-04:00");
  g_autoptr(GDateTime) last_second = lt_test_instant ("2026-05-12T16:59:59-04:00");

  /* Landing exactly on closing time reports the closing time. */
  assert_add_minutes (calendar, "2026-05-12T08:00:00-04:00", 540, "2026-05-12T17:00:00-04:00");
  assert_add_minutes (calendar, "2026-05-12T16:00:00-04:00", 60, "2026-05-12T17:00:00-04:00");
  assert_add_minutes (calendar, "2026-05-08T08:00:00-04:00", 540, "2026-05-08T17:00:00-04:00");
  assert_add_minutes (calendar, "2026-05-11T08:00:00-04:00", 1080, "2026-05-12T17:00:00-04:00");
  /* One minute more is the next business day. */
  assert_add_minutes (calendar, "2026-05-12T16:00:00-04:00", 61, "2026-05-13T08:01:00-04:00");
  assert_add_minutes (calendar, "2026-05-12T08:00:00-04:00", 541, "2026-05-13T08:01:00-04:00");
  /* A start at closing time is outside hours. */
  assert_add_minutes (calendar, "2026-05-12T17:00:00-04:00", 1, "2026-05-13T08:01:00-04:00");
  /* A closing before a holiday weekend. */
  assert_add_minutes (calendar, "2026-07-02T16:30:00-04:00", 30, "2026-07-02T17:00:00-04:00");

  g_assert_true (lt_business_calendar_is_open (calendar, opening));
  g_assert_true (lt_business_calendar_is_open (calendar, last_second));
  g_assert_false (lt_business_calendar_is_open (calendar, closing));
}

static void
test_minutes_seconds_kept (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  g_autoptr(GDateTime) start = lt_test_instant ("2026-05-12T10:15:42.250-04:00");
  g_autoptr(GDateTime) due = lt_business_calendar_add_business_minutes (calendar, start, 10);

  assert_add_minutes (calendar, "2026-05-12T10:15:42-04:00", 10, "2026-05-12T10:25:42-04:00");
  assert_add_minutes (calendar, "2026-05-08T16:59:30-04:00", 1, "2026-05-11T08:00:30-04:00");
  lt_assert_instant (due, "2026-05-12T10:25:42.250-04:00");
  g_assert_cmpint (g_date_time_get_microsecond (due), ==, 250000);
}

static void
test_minutes_dst_november (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  g_autoptr(GDateTime) friday = lt_test_instant ("2026-10-30T08:00:00-04:00");
  g_autoptr(GDateTime) monday = lt_test_instant ("2026-11-02T17:00:00-05:00");

  /* Clocks go back on Sunday 2026-11-01: Friday is -04:00, Monday -05:00. */
  assert_add_minutes (calendar, "2026-10-30T16:00:00-04:00", 120, "2026-11-02T09:00:00-05:00");
  assert_add_minutes (calendar, "2026-10-30T08:00:00-04:00", 1080, "2026-11-02T17:00:00-05:00");
  assert_add_minutes (calendar, "2026-10-31T12:00:00-04:00", 1, "2026-11-02T08:01:00-05:00");
  assert_add_minutes (calendar, "2026-11-01T01:30:00-05:00", 60, "2026-11-02T09:00:00-05:00");
  /* Two business days, whatever the 64 real hours between them. */
  g_assert_cmpint (lt_business_calendar_business_seconds_between (calendar, friday, monday),
                   ==, 2 * 9 * 3600);
}

static void
test_minutes_dst_march (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  g_autoptr(GDateTime) friday = lt_test_instant ("2026-03-06T08:00:00-05:00");
  g_autoptr(GDateTime) monday = lt_test_instant ("2026-03-09T17:00:00-04:00");
  g_autoptr(GDateTime) monday_opening = lt_test_instant ("2026-03-09T08:00:00-04:00");
  g_autoptr(GDateTime) sunday = lt_test_instant ("2026-03-08T12:00:00-04:00");
  g_autoptr(GDateTime) next = lt_business_calendar_next_opening (calendar, sunday);

  /* Clocks go forward on Sunday 2026-03-08: Friday -05:00, Monday -04:00. */
  assert_add_minutes (calendar, "2026-03-06T16:00:00-05:00", 120, "2026-03-09T09:00:00-04:00");
  assert_add_minutes (calendar, "2026-03-06T16:59:00-05:00", 541, "2026-03-09T17:00:00-04:00");
  assert_add_minutes (calendar, "2026-03-06T16:59:00-05:00", 542, "2026-03-10T08:01:00-04:00");
  assert_add_minutes (calendar, "2026-03-08T12:00:00-04:00", 1, "2026-03-09T08:01:00-04:00");
  g_assert_cmpint (lt_business_calendar_business_seconds_between (calendar, friday, monday),
                   ==, 2 * 9 * 3600);
  lt_assert_instant (next, "2026-03-09T08:00:00-04:00");
  g_assert_true (g_date_time_equal (next, monday_opening));
  g_assert_cmpint (g_date_time_get_utc_offset (next), ==, -4 * G_TIME_SPAN_HOUR);
}

static void
test_minutes_dst_inside_business_day (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_long_day_calendar ();
  g_autoptr(LtBusinessCalendar) all_week = new_all_week_calendar ();
  g_autoptr(GDateTime) march_open = lt_test_instant ("2026-03-08T00:30:00-05:00");
  g_autoptr(GDateTime) march_close = lt_test_instant ("2026-03-08T23:30:00-04:00");
  g_autoptr(GDateTime) november_open = lt_test_instant ("2026-11-01T00:30:00-04:00");
  g_autoptr(GDateTime) november_close = lt_test_instant ("2026-11-01T23:30:00-05:00");
  g_autoptr(GDateTime) day_start = lt_test_instant ("2026-11-01T00:00:00-04:00");
  g_autoptr(GDateTime) day_end = lt_test_instant ("2026-11-02T00:00:00-05:00");

  /* Opening and closing are built on the local date, so a business day
   * that contains a change is as long as it really is: 22 h in March,
   * 24 h in November, for 23 h of posted hours. */
  g_assert_cmpint (lt_business_calendar_business_seconds_between (calendar, march_open, march_close),
                   ==, 22 * 3600);
  g_assert_cmpint (lt_business_calendar_business_seconds_between (calendar, november_open, november_close),
                   ==, 24 * 3600);
  assert_add_minutes (calendar, "2026-03-08T00:30:00-05:00", 22 * 60, "2026-03-08T23:30:00-04:00");
  assert_add_minutes (calendar, "2026-03-08T00:30:00-05:00", 120, "2026-03-08T03:30:00-04:00");
  assert_add_minutes (calendar, "2026-11-01T00:30:00-04:00", 24 * 60, "2026-11-01T23:30:00-05:00");
  assert_add_minutes (calendar, "2026-11-01T00:30:00-04:00", 120, "2026-11-01T01:30:00-05:00");
  /* Open around the clock: the day of the change has 25 h. */
  g_assert_cmpint (lt_business_calendar_business_seconds_between (all_week, day_start, day_end),
                   ==, 25 * 3600);
}

/* ---- business seconds between ------------------------------------------ */

static gint64
seconds_between (LtBusinessCalendar *calendar,
                 const char         *from,
                 const char         *to)
{
  g_autoptr(GDateTime) a = lt_test_instant (from);
  g_autoptr(GDateTime) b = lt_test_instant (to);

  return lt_business_calendar_business_seconds_between (calendar, a, b);
}

static void
test_seconds_between (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();

  g_assert_cmpint (seconds_between (calendar, "2026-05-12T10:00:00-04:00", "2026-05-12T12:30:00-04:00"),
                   ==, 9000);
  g_assert_cmpint (seconds_between (calendar, "2026-05-12T12:30:00-04:00", "2026-05-12T10:00:00-04:00"),
                   ==, -9000);
  g_assert_cmpint (seconds_between (calendar, "2026-05-12T10:00:00-04:00", "2026-05-12T10:00:00-04:00"),
                   ==, 0);
  /* Only business hours count: evening, weekend, a holiday. */
  g_assert_cmpint (seconds_between (calendar, "2026-05-08T16:40:00-04:00", "2026-05-11T09:40:00-04:00"),
                   ==, 120 * 60);
  g_assert_cmpint (seconds_between (calendar, "2026-11-25T16:00:00-05:00", "2026-11-27T11:00:00-05:00"),
                   ==, 240 * 60);
  g_assert_cmpint (seconds_between (calendar, "2026-05-09T00:00:00-04:00", "2026-05-10T23:59:59-04:00"),
                   ==, 0);
  g_assert_cmpint (seconds_between (calendar, "2026-05-12T18:00:00-04:00", "2026-05-13T07:00:00-04:00"),
                   ==, 0);
  /* Across a year end and the seconds of both ends. */
  g_assert_cmpint (seconds_between (calendar, "2026-12-31T16:59:30-05:00", "2027-01-04T08:00:15-05:00"),
                   ==, 45);
  /* A whole year: 261 weekdays in 2026, 11 of them holidays, 9 h each. */
  g_assert_cmpint (seconds_between (calendar, "2026-01-01T00:00:00-05:00", "2027-01-01T00:00:00-05:00"),
                   ==, 250 * 9 * 3600);
}

static void
test_minutes_far (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  g_autoptr(GDateTime) start = lt_test_instant ("2026-05-12T10:15:00-04:00");
  g_autoptr(GDateTime) due = NULL;
  guint64 minutes = G_GUINT64_CONSTANT (540) * 250 * 50;

  /* About 50 years of business time in one call: a minute-by-minute walk
   * would not end in the test's time. */
  due = lt_business_calendar_add_business_minutes (calendar, start, minutes);
  g_assert_nonnull (due);
  g_assert_cmpint (g_date_time_get_year (due), >=, 2075);
  g_assert_cmpint (lt_business_calendar_business_seconds_between (calendar, start, due),
                   ==, (gint64) minutes * 60);
}

/* ---- within N business days -------------------------------------------- */

static void
assert_within (LtBusinessCalendar *calendar,
               const char         *instant,
               guint               n,
               const char         *expected)
{
  g_autoptr(GDateTime) from = lt_test_instant (instant);
  g_autoptr(GDateTime) until = lt_business_calendar_within_business_days (calendar, from, n);
  g_autoptr(GDateTime) want = lt_test_instant (expected);

  lt_assert_instant (until, expected);
  g_assert_cmpint (g_date_time_get_utc_offset (until), ==, g_date_time_get_utc_offset (want));
}

static void
test_within_days (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  g_autoptr(LtBusinessCalendar) all_week = new_all_week_calendar ();

  /* Holidays. */
  assert_within (calendar, "2026-11-25T15:20:00-05:00", 1, "2026-11-27T15:20:00-05:00");
  assert_within (calendar, "2026-12-24T09:30:00-05:00", 5, "2027-01-04T09:30:00-05:00");
  assert_within (calendar, "2027-12-23T09:30:00-05:00", 5, "2028-01-03T09:30:00-05:00");
  /* A start on a closed day rolls first; the time of day stays. */
  assert_within (calendar, "2026-11-28T10:00:00-05:00", 0, "2026-11-30T10:00:00-05:00");
  assert_within (calendar, "2026-11-26T22:45:00-05:00", 5, "2026-12-04T22:45:00-05:00");
  /* The vendor's date counts, not the UTC one: 23:30 local is already the
   * next day in UTC. */
  assert_within (calendar, "2026-05-08T23:30:00-04:00", 1, "2026-05-11T23:30:00-04:00");
  /* Daylight saving: the same wall-clock time on the other side. */
  assert_within (calendar, "2026-10-30T10:00:00-04:00", 1, "2026-11-02T10:00:00-05:00");
  assert_within (calendar, "2026-03-06T16:45:00-05:00", 5, "2026-03-13T16:45:00-04:00");
  assert_within (calendar, "2026-03-06T16:45:30.5-05:00", 1, "2026-03-09T16:45:30.5-04:00");

  /* 02:30 does not exist on 2026-03-08: the first instant after the gap. */
  assert_within (all_week, "2026-03-07T02:30:00-05:00", 1, "2026-03-08T03:00:00-04:00");
  /* 01:30 happens twice on 2026-11-01: the first time the clock shows it. */
  assert_within (all_week, "2026-10-31T01:30:00-04:00", 1, "2026-11-01T01:30:00-04:00");
  assert_within (all_week, "2026-11-01T01:30:00-05:00", 1, "2026-11-02T01:30:00-05:00");
}

static void
test_next_opening (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  static const struct { const char *instant; const char *expected; } cases[] = {
    { "2026-05-12T10:00:00-04:00", "2026-05-12T10:00:00-04:00" },
    { "2026-05-12T07:59:59-04:00", "2026-05-12T08:00:00-04:00" },
    { "2026-05-12T17:00:00-04:00", "2026-05-13T08:00:00-04:00" },
    { "2026-07-02T17:30:00-04:00", "2026-07-06T08:00:00-04:00" },
    { "2026-12-31T17:00:00-05:00", "2027-01-04T08:00:00-05:00" },
    { "2027-12-23T18:00:00-05:00", "2027-12-27T08:00:00-05:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) instant = lt_test_instant (cases[i].instant);
      g_autoptr(GDateTime) next = lt_business_calendar_next_opening (calendar, instant);

      lt_assert_instant (next, cases[i].expected);
    }
}

/* ---- randomised comparison against simple references ------------------- */

/* A deliberately plain model of a calendar: the closed dates are listed by
 * scanning each month day by day, business days are stepped one at a time
 * and business minutes are counted one at a time. */
typedef struct
{
  GTimeZone  *zone;
  guint       weekdays;
  guint       opens;
  guint       closes;
  GHashTable *closed;   /* julian day -> the date is a holiday or closure */
} Reference;

static gboolean
reference_rule_date (const LtHolidayRule *rule,
                     int                  year,
                     GDate               *out)
{
  int count = 0;
  int last = 0;

  for (int day = 1; day <= 31; day++)
    {
      if (!g_date_valid_dmy ((GDateDay) day, rule->month, (GDateYear) year))
        break;
      g_date_clear (out, 1);
      g_date_set_dmy (out, (GDateDay) day, rule->month, (GDateYear) year);
      if (rule->day > 0)
        {
          if (day == rule->day)
            return TRUE;
          continue;
        }
      if (g_date_get_weekday (out) != rule->weekday)
        continue;
      count++;
      last = day;
      if (count == rule->nth)
        return TRUE;
    }
  if (rule->day == 0 && rule->nth == -1 && last > 0)
    {
      g_date_set_dmy (out, (GDateDay) last, rule->month, (GDateYear) year);
      return TRUE;
    }
  return FALSE;
}

static void
reference_init (Reference          *ref,
                LtBusinessCalendar *calendar)
{
  const LtHolidayRule *rules;
  const LtClosure *closures;
  guint n_rules, n_closures;

  ref->zone = lt_business_calendar_get_time_zone (calendar);
  ref->weekdays = lt_business_calendar_get_business_weekdays (calendar);
  ref->opens = lt_business_calendar_get_opens_minute (calendar);
  ref->closes = lt_business_calendar_get_closes_minute (calendar);
  ref->closed = g_hash_table_new (NULL, NULL);

  rules = lt_business_calendar_get_holiday_rules (calendar, &n_rules);
  for (int year = 2015; year <= 2045; year++)
    for (guint r = 0; r < n_rules; r++)
      {
        GDate date;

        if (!reference_rule_date (&rules[r], year, &date))
          continue;
        if (lt_business_calendar_get_observed_rule (calendar) == LT_OBSERVED_RULE_NEAREST_WEEKDAY)
          {
            if (g_date_get_weekday (&date) == G_DATE_SATURDAY)
              g_date_subtract_days (&date, 1);
            else if (g_date_get_weekday (&date) == G_DATE_SUNDAY)
              g_date_add_days (&date, 1);
          }
        g_hash_table_add (ref->closed, GUINT_TO_POINTER (g_date_get_julian (&date)));
      }

  closures = lt_business_calendar_get_closures (calendar, &n_closures);
  for (guint c = 0; c < n_closures; c++)
    g_hash_table_add (ref->closed, GUINT_TO_POINTER (g_date_get_julian (&closures[c].date)));
}

static void
reference_clear (Reference *ref)
{
  g_clear_pointer (&ref->closed, g_hash_table_unref);
}

static gboolean
reference_is_business_day (const Reference *ref,
                           const GDate     *date)
{
  return (ref->weekdays & (1u << g_date_get_weekday (date))) != 0 &&
         !g_hash_table_contains (ref->closed, GUINT_TO_POINTER (g_date_get_julian (date)));
}

static void
reference_add_days (const Reference *ref,
                    const GDate     *date,
                    guint            n,
                    GDate           *result)
{
  *result = *date;
  while (!reference_is_business_day (ref, result))
    g_date_add_days (result, 1);
  while (n-- > 0)
    {
      do
        g_date_add_days (result, 1);
      while (!reference_is_business_day (ref, result));
    }
}

/* What the vendor's clock says during one UTC hour. The zones used here
 * have whole-hour offsets that change on whole UTC hours, so one lookup per
 * hour serves its 60 minutes and the walk stays fast. */
typedef struct
{
  gint64   hour;            /* Unix seconds of the hour's start */
  guint    first_minute;    /* local minute of the day at that start */
  gboolean business_day;
} HourMemo;

/* Whether the minute starting at @t (Unix seconds, a whole minute) lies in
 * business hours of a business day, read on the vendor's wall clock. */
static gboolean
reference_minute_is_open (const Reference *ref,
                          gint64           t,
                          HourMemo        *memo)
{
  gint64 hour = t - (t % 3600 + 3600) % 3600;
  guint minute;

  if (memo->hour != hour)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (hour);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, ref->zone);
      GDate date;

      g_assert_cmpint (g_date_time_get_utc_offset (local) % G_TIME_SPAN_HOUR, ==, 0);
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (local),
                      (GDateMonth) g_date_time_get_month (local),
                      (GDateYear) g_date_time_get_year (local));
      memo->hour = hour;
      memo->first_minute = (guint) (g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local));
      memo->business_day = reference_is_business_day (ref, &date);
    }

  minute = memo->first_minute + (guint) ((t - hour) / 60);
  return memo->business_day && minute >= ref->opens && minute < ref->closes;
}

static GDate
random_date (GRand *rand,
             int    first_year,
             int    last_year)
{
  GDate first, last, date;

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, (GDateYear) first_year);
  g_date_set_dmy (&last, 31, G_DATE_DECEMBER, (GDateYear) last_year);
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) g_rand_int_range (rand, (gint32) g_date_get_julian (&first),
                                                        (gint32) g_date_get_julian (&last) + 1));
  return date;
}

static void
run_random_days (LtBusinessCalendar *calendar,
                 guint32             seed,
                 guint               n_cases)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Reference ref;

  reference_init (&ref, calendar);
  for (guint c = 0; c < n_cases; c++)
    {
      GDate date = random_date (rand, 2020, 2035);
      GDate other = random_date (rand, 2020, 2035);
      guint n = (guint) g_rand_int_range (rand, 0, 41);
      GDate got, want, rolled;
      guint want_count = 0;

      lt_business_calendar_add_business_days (calendar, &date, n, &got);
      reference_add_days (&ref, &date, n, &want);
      if (g_date_compare (&got, &want) != 0)
        {
          g_autofree char *d = lt_test_format_date (&date);
          g_autofree char *w = lt_test_format_date (&want);
          g_test_message ("case %u: %s + %u business days, expected %s", c, d, n, w);
        }
      g_assert_cmpint (g_date_compare (&got, &want), ==, 0);

      g_assert_cmpint (lt_business_calendar_is_business_day (calendar, &date), ==,
                       reference_is_business_day (&ref, &date));
      {
        g_autofree char *reason = lt_business_calendar_dup_closure_reason (calendar, &date);

        g_assert_cmpint (reason == NULL, ==, reference_is_business_day (&ref, &date));
      }

      /* n business days lie between the rolled date and the result. */
      reference_add_days (&ref, &date, 0, &rolled);
      g_assert_cmpuint (lt_business_calendar_count_business_days (calendar, &rolled, &got), ==, n);

      /* Counting against a day-by-day count between two random dates. */
      for (GDate d = date; g_date_compare (&d, &other) < 0; g_date_add_days (&d, 1))
        want_count += reference_is_business_day (&ref, &d) ? 1 : 0;
      g_assert_cmpuint (lt_business_calendar_count_business_days (calendar, &date, &other), ==, want_count);
    }
  reference_clear (&ref);
}

static void
test_random_days_default (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();

  run_random_days (calendar, 20260703, 5000);
}

static void
test_random_days_other (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_other_calendar ();

  run_random_days (calendar, 20271231, 5000);
}

/* A start on a whole minute: anywhere in 2020-2035, or, one time in
 * three, in the ten days before a daylight-saving change, where the
 * interesting cases are. */
static gint64
random_start (GRand           *rand,
              const Reference *ref)
{
  static const LtHolidayRule dst_sundays[] = {
    NTH ("", G_DATE_MARCH, G_DATE_SUNDAY, 2),
    NTH ("", G_DATE_MARCH, G_DATE_SUNDAY, -1),
    NTH ("", G_DATE_OCTOBER, G_DATE_SUNDAY, -1),
    NTH ("", G_DATE_NOVEMBER, G_DATE_SUNDAY, 1),
  };
  g_autoptr(GDateTime) local = NULL;
  GDate date;

  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      const LtHolidayRule *rule = &dst_sundays[g_rand_int_range (rand, 0, G_N_ELEMENTS (dst_sundays))];

      g_assert_true (reference_rule_date (rule, g_rand_int_range (rand, 2020, 2036), &date));
      g_date_subtract_days (&date, (guint) g_rand_int_range (rand, 0, 10));
    }
  else
    date = random_date (rand, 2020, 2035);

  local = g_date_time_new (ref->zone, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), g_rand_int_range (rand, 0, 24),
                           g_rand_int_range (rand, 0, 60), 0);
  return g_date_time_to_unix (local);
}

static void
run_random_minutes (LtBusinessCalendar *calendar,
                    guint32             seed,
                    guint               n_cases,
                    guint               max_minutes)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  HourMemo memo = { G_MININT64, 0, FALSE };
  Reference ref;

  reference_init (&ref, calendar);
  for (guint c = 0; c < n_cases; c++)
    {
      gint64 start = random_start (rand, &ref);
      guint64 minutes = (guint64) g_rand_int_range (rand, 0, (gint32) max_minutes + 1);
      gint64 probe = start + 60 * (gint64) g_rand_int_range (rand, 0, 6 * (gint32) max_minutes);
      gint64 want_due = -1, want_opening = -1, probe_count = -1;
      guint64 count = 0;
      g_autoptr(GDateTime) start_dt = g_date_time_new_from_unix_utc (start);
      g_autoptr(GDateTime) probe_dt = g_date_time_new_from_unix_utc (probe);
      g_autoptr(GDateTime) due = NULL;
      g_autoptr(GDateTime) opening = NULL;

      /* Walk one minute at a time until the due time, the first opening
       * and the business minutes before the probe are all known. A due
       * time is the end of the minute that completes the count, so one
       * that completes at closing is the closing; zero minutes give the
       * first opening. */
      for (gint64 t = start; ; t += 60)
        {
          if (t == probe)
            probe_count = (gint64) count;
          if ((minutes == 0 || want_due >= 0) && want_opening >= 0 && probe_count >= 0)
            break;
          if (!reference_minute_is_open (&ref, t, &memo))
            continue;
          if (want_opening < 0)
            want_opening = t;
          count++;
          if (minutes > 0 && count == minutes)
            want_due = t + 60;
        }
      if (minutes == 0)
        want_due = want_opening;

      due = lt_business_calendar_add_business_minutes (calendar, start_dt, minutes);
      if (g_date_time_to_unix (due) != want_due)
        {
          g_autofree char *s = g_date_time_format_iso8601 (start_dt);
          g_test_message ("case %u: %s + %" G_GUINT64_FORMAT " business minutes", c, s, minutes);
        }
      g_assert_cmpint (g_date_time_to_unix (due), ==, want_due);
      g_assert_cmpint (g_date_time_get_utc_offset (due), ==,
                       g_time_zone_get_offset (ref.zone,
                                               g_time_zone_find_interval (ref.zone, G_TIME_TYPE_UNIVERSAL,
                                                                          want_due)) * G_TIME_SPAN_SECOND);

      opening = lt_business_calendar_next_opening (calendar, start_dt);
      g_assert_cmpint (g_date_time_to_unix (opening), ==, want_opening);
      g_assert_cmpint (lt_business_calendar_is_open (calendar, start_dt), ==, want_opening == start);

      /* The business time up to the due instant is the target; up to the
       * probe it is what the walk counted; backwards it is negative. */
      g_assert_cmpint (lt_business_calendar_business_seconds_between (calendar, start_dt, due),
                       ==, (gint64) minutes * 60);
      g_assert_cmpint (lt_business_calendar_business_seconds_between (calendar, start_dt, probe_dt),
                       ==, probe_count * 60);
      g_assert_cmpint (lt_business_calendar_business_seconds_between (calendar, probe_dt, start_dt),
                       ==, -probe_count * 60);
    }
  reference_clear (&ref);
}

static void
test_random_minutes_default (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();

  run_random_minutes (calendar, 20261101, 3000, 3000);
}

static void
test_random_minutes_other (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_other_calendar ();

  run_random_minutes (calendar, 20260329, 800, 3000);
}

static void
test_random_minutes_long_days (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_long_day_calendar ();

  run_random_minutes (calendar, 20260308, 600, 3000);
}

/* ---- threads ----------------------------------------------------------- */

#define THREAD_FIRST_YEAR 1990
#define THREAD_LAST_YEAR  2110
#define N_THREADS         4

typedef struct
{
  LtBusinessCalendar *calendar;
  guint               index;
} ThreadJob;

/* Everything one thread computes, as text to compare with a sequential
 * run: the holidays of its years (each thread goes through them in its own
 * order, so years are first computed by different threads at once) and due
 * dates that need the years around them. */
static char *
describe_years (LtBusinessCalendar *calendar,
                guint               index)
{
  GString *out = g_string_new (NULL);

  for (int k = 0; k <= THREAD_LAST_YEAR - THREAD_FIRST_YEAR; k++)
    {
      int year = index % 2 == 0 ? THREAD_FIRST_YEAR + k : THREAD_LAST_YEAR - k;
      g_autoptr(GArray) holidays = lt_business_calendar_list_holidays (calendar, year);
      g_autoptr(GDateTime) start = g_date_time_new_utc (year, 3, 6, 20, 17, 0);
      g_autoptr(GDateTime) due = lt_business_calendar_add_business_minutes (calendar, start, 1000 + index);
      g_autofree char *due_text = g_date_time_format_iso8601 (due);
      GDate date, next;

      for (guint i = 0; i < holidays->len; i++)
        {
          const LtHoliday *holiday = &g_array_index (holidays, LtHoliday, i);
          g_autofree char *d = lt_test_format_date (&holiday->date);

          g_string_append_printf (out, "%s %s %d\n", d, holiday->name, holiday->observed);
        }
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 24, G_DATE_DECEMBER, (GDateYear) year);
      lt_business_calendar_add_business_days (calendar, &date, 5 + index, &next);
      g_string_append_printf (out, "%u %s\n", g_date_get_julian (&next), due_text);
    }
  return g_string_free (out, FALSE);
}

static gpointer
thread_func (gpointer data)
{
  ThreadJob *job = data;

  return describe_years (job->calendar, job->index);
}

static void
test_threads (void)
{
  g_autoptr(LtBusinessCalendar) shared = new_default_calendar ();
  GThread *threads[N_THREADS];
  ThreadJob jobs[N_THREADS];

  for (guint t = 0; t < N_THREADS; t++)
    {
      jobs[t].calendar = shared;
      jobs[t].index = t;
      threads[t] = g_thread_new ("calendar-test", thread_func, &jobs[t]);
    }

  for (guint t = 0; t < N_THREADS; t++)
    {
      g_autofree char *concurrent = g_thread_join (threads[t]);
      g_autoptr(LtBusinessCalendar) alone = new_default_calendar ();
      g_autofree char *sequential = describe_years (alone, t);

      g_assert_cmpuint (strlen (sequential), >, 1000);
      g_assert_cmpstr (concurrent, ==, sequential);
    }
}

/* An instant a day or less from the end of GDateTime's range has no local
 * date on the other side of UTC: 0001-01-01T00:00:00Z is year 0 in
 * Indianapolis. The calendar gave a NULL GDateTime to g_date_time_get_ymd
 * and crashed (issue 10); now each function says "no value". In the east
 * (Kiritimati, +14:00) 9999-12-31T23:59:59Z would be year 10000. */
static void
test_instant_edges (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  g_autoptr(GTimeZone) kiritimati = g_time_zone_new_identifier ("Pacific/Kiritimati");
  g_autoptr(LtBusinessCalendar) east = lt_business_calendar_new (kiritimati, MON_TO_FRI, 9 * 60, 17 * 60,
                                                                  NULL, 0, LT_OBSERVED_RULE_NONE,
                                                                  NULL, 0);
  g_autoptr(GDateTime) year_1 = g_date_time_new_utc (1, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) year_9999 = g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
  g_autoptr(GDateTime) normal = g_date_time_new_utc (2026, 11, 25, 16, 0, 0);
  g_autoptr(GDateTime) first = g_date_time_new_utc (1, 1, 2, 0, 0, 0);
  struct { LtBusinessCalendar *calendar; GDateTime *instant; } cases[] = {
    { calendar, year_1 }, { east, year_9999 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      LtBusinessCalendar *cal = cases[c].calendar;
      GDateTime *instant = cases[c].instant;
      g_autoptr(GDateTime) opening = lt_business_calendar_next_opening (cal, instant);
      g_autoptr(GDateTime) plus = lt_business_calendar_add_business_minutes (cal, instant, 240);
      g_autoptr(GDateTime) zero = lt_business_calendar_add_business_minutes (cal, instant, 0);
      g_autoptr(GDateTime) within = lt_business_calendar_within_business_days (cal, instant, 5);
      GDate date;

      lt_business_calendar_local_date (cal, instant, &date);
      g_assert_false (g_date_valid (&date));
      g_assert_false (lt_business_calendar_is_open (cal, instant));
      g_assert_null (opening);
      g_assert_null (plus);
      g_assert_null (zero);
      g_assert_null (within);
      g_assert_cmpint (lt_business_calendar_business_seconds_between (cal, instant, normal), ==, 0);
      g_assert_cmpint (lt_business_calendar_business_seconds_between (cal, normal, instant), ==, 0);
    }

  /* A day in, every function has a local date to work with. */
  {
    g_autoptr(GDateTime) due = lt_business_calendar_add_business_minutes (calendar, first, 240);
    GDate date;

    lt_business_calendar_local_date (calendar, first, &date);
    g_assert_true (g_date_valid (&date));
    lt_assert_date (&date, "0001-01-01");
    g_assert_nonnull (due);
  }
}

/* ---- one business day before ------------------------------------------- */

static void
assert_day_before (LtBusinessCalendar *calendar,
                   const char         *instant,
                   const char         *expected)
{
  g_autoptr(GDateTime) deadline = lt_test_instant (instant);
  g_autoptr(GDateTime) before = lt_business_calendar_business_day_before (calendar, deadline);
  g_autoptr(GDateTime) want = lt_test_instant (expected);

  lt_assert_instant (before, expected);
  /* The vendor's zone, like every instant the calendar returns. */
  g_assert_cmpint (g_date_time_get_utc_offset (before), ==, g_date_time_get_utc_offset (want));
}

static void
test_day_before (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  g_autoptr(GDateTime) first = lt_test_instant ("0001-01-02T12:00:00Z");
  g_autoptr(GDateTime) last = lt_test_instant ("9999-12-31T12:00:00Z");
  g_autoptr(GDateTime) before_first = NULL;
  g_autoptr(GDateTime) before_last = NULL;

  /* The same time on the previous business day. */
  assert_day_before (calendar, "2026-12-09T10:00:00-05:00", "2026-12-08T10:00:00-05:00");
  /* Over a weekend. */
  assert_day_before (calendar, "2026-12-07T10:00:00-05:00", "2026-12-04T10:00:00-05:00");
  /* Over Thanksgiving (Thursday 26 November 2026). */
  assert_day_before (calendar, "2026-11-27T10:00:00-05:00", "2026-11-25T10:00:00-05:00");
  /* Over Christmas (Friday) and the weekend after it. */
  assert_day_before (calendar, "2026-12-28T09:30:00-05:00", "2026-12-24T09:30:00-05:00");
  /* After closing: the business time is the closing. */
  assert_day_before (calendar, "2026-12-09T20:00:00-05:00", "2026-12-08T17:00:00-05:00");
  /* Before opening: the opening. */
  assert_day_before (calendar, "2026-12-09T07:00:00-05:00", "2026-12-08T08:00:00-05:00");
  /* On a Saturday: Friday's closing, one business day before that. */
  assert_day_before (calendar, "2026-12-12T10:00:00-05:00", "2026-12-10T17:00:00-05:00");
  /* Any zone in, the vendor's local time out: 15:00Z is 10:00 in Indianapolis. */
  assert_day_before (calendar, "2026-12-09T15:00:00Z", "2026-12-08T10:00:00-05:00");
  /* Across the change to daylight saving time (8 March 2026): 10:00 local
   * on both sides, 71 hours apart. */
  assert_day_before (calendar, "2026-03-09T10:00:00-04:00", "2026-03-06T10:00:00-05:00");

  /* Nothing for what is not a date, or has no business day before it. */
  g_assert_null (lt_business_calendar_business_day_before (calendar, NULL));
  before_first = lt_business_calendar_business_day_before (calendar, first);
  g_assert_null (before_first);
  before_last = lt_business_calendar_business_day_before (calendar, last);
  g_assert_null (before_last);
}

static void
test_previous_business_day (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  GDate date = lt_test_date ("2026-12-28");
  GDate result;

  lt_business_calendar_previous_business_day (calendar, &date, &result);
  lt_assert_date (&result, "2026-12-24");
  date = lt_test_date ("2026-12-09");
  lt_business_calendar_previous_business_day (calendar, &date, &result);
  lt_assert_date (&result, "2026-12-08");
  /* Strictly before, even from a closed day. */
  date = lt_test_date ("2026-12-13");
  lt_business_calendar_previous_business_day (calendar, &date, &result);
  lt_assert_date (&result, "2026-12-11");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1);
  lt_business_calendar_previous_business_day (calendar, &date, &result);
  g_assert_false (g_date_valid (&result));
}

static void
test_start_of_day (void)
{
  g_autoptr(LtBusinessCalendar) calendar = new_default_calendar ();
  GDate date = lt_test_date ("2026-07-04");
  g_autoptr(GDateTime) start = lt_business_calendar_start_of_day (calendar, &date);
  g_autoptr(GDateTime) beyond = NULL;

  lt_assert_instant (start, "2026-07-04T00:00:00-04:00");
  date = lt_test_date ("9999-12-31");
  g_date_add_days (&date, 1);
  beyond = lt_business_calendar_start_of_day (calendar, &date);
  g_assert_null (beyond);
}


/* ---- systemd calendar expressions ------------------------------------- */

static void
assert_on_calendar (LtBusinessCalendar *calendar,
                    guint               every_minutes,
                    const char * const *expected)
{
  g_auto(GStrv) expressions = lt_business_calendar_dup_on_calendar (calendar, every_minutes);

  g_assert_nonnull (expressions);
  for (guint i = 0; expected[i] != NULL || expressions[i] != NULL; i++)
    g_assert_cmpstr (expressions[i], ==, expected[i]);
}

static void
test_on_calendar (void)
{
  g_autoptr(LtBusinessCalendar) standard = new_default_calendar ();
  g_autoptr(LtBusinessCalendar) other = new_other_calendar ();
  g_autoptr(LtBusinessCalendar) long_day = new_long_day_calendar ();
  g_autoptr(LtBusinessCalendar) all_week = new_all_week_calendar ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("America/Indiana/Indianapolis");
  g_autoptr(LtBusinessCalendar) odd_days = NULL;
  g_autoptr(LtBusinessCalendar) two_days = NULL;
  g_auto(GStrv) by_45 = NULL;

  /* R3's hours, every quarter of an hour, closing time included. */
  assert_on_calendar (standard, 15, (const char * const []) {
    "Mon..Fri *-*-* 08..16:00,15,30,45:00 America/Indiana/Indianapolis",
    "Mon..Fri *-*-* 17:00:00 America/Indiana/Indianapolis",
    NULL });
  assert_on_calendar (standard, 60, (const char * const []) {
    "Mon..Fri *-*-* 08..17:00:00 America/Indiana/Indianapolis", NULL });
  /* Another zone and week; 18:30 is not on the hour, so 18:00 is last. */
  assert_on_calendar (other, 60, (const char * const []) {
    "Mon..Sat *-*-* 09..18:00:00 Europe/Berlin", NULL });
  /* Runs counted from the opening, not from the hour. */
  assert_on_calendar (long_day, 60, (const char * const []) {
    "Mon..Thu,Sun *-*-* 00..23:30:00 America/Indiana/Indianapolis", NULL });
  /* Open until midnight: 24:00 is no time of day for systemd. */
  assert_on_calendar (all_week, 60, (const char * const []) {
    "Mon..Sun *-*-* 00..23:00:00 America/Indiana/Indianapolis", NULL });

  /* An interval that does not divide the hour: one expression per hour
   * whose minutes differ. */
  by_45 = lt_business_calendar_dup_on_calendar (other, 45);
  g_assert_cmpuint (g_strv_length (by_45), ==, 10);
  g_assert_cmpstr (by_45[0], ==, "Mon..Sat *-*-* 09:00,45:00 Europe/Berlin");
  g_assert_cmpstr (by_45[9], ==, "Mon..Sat *-*-* 18:00:00 Europe/Berlin");

  /* Short runs of days are listed, not written as ranges. */
  odd_days = lt_business_calendar_new (zone, (1u << G_DATE_MONDAY) | (1u << G_DATE_WEDNESDAY) |
                                       (1u << G_DATE_FRIDAY), 8 * 60, 17 * 60, NULL, 0,
                                       LT_OBSERVED_RULE_NONE, NULL, 0);
  assert_on_calendar (odd_days, 60, (const char * const []) {
    "Mon,Wed,Fri *-*-* 08..17:00:00 America/Indiana/Indianapolis", NULL });
  two_days = lt_business_calendar_new (zone, (1u << G_DATE_SATURDAY) | (1u << G_DATE_SUNDAY),
                                       8 * 60, 17 * 60, NULL, 0, LT_OBSERVED_RULE_NONE, NULL, 0);
  assert_on_calendar (two_days, 60, (const char * const []) {
    "Sat,Sun *-*-* 08..17:00:00 America/Indiana/Indianapolis", NULL });

  g_assert_null (lt_business_calendar_dup_on_calendar (standard, 0));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/calendar/holidays/2026", test_holidays_2026);
  g_test_add_func ("/lt/calendar/holidays/2027", test_holidays_2027);
  g_test_add_func ("/lt/calendar/holidays/2028", test_holidays_2028);
  g_test_add_func ("/lt/calendar/holidays/new-year-previous-year", test_holidays_new_year_previous_year);
  g_test_add_func ("/lt/calendar/holidays/juneteenth-observed", test_holidays_juneteenth_observed);
  g_test_add_func ("/lt/calendar/holidays/no-observed-rule", test_holidays_no_observed_rule);
  g_test_add_func ("/lt/calendar/closure-reason", test_closure_reason);
  g_test_add_func ("/lt/calendar/accessors", test_accessors);
  g_test_add_func ("/lt/calendar/days/rolls", test_days_rolls);
  g_test_add_func ("/lt/calendar/days/thanksgiving", test_days_thanksgiving);
  g_test_add_func ("/lt/calendar/days/year-end", test_days_year_end);
  g_test_add_func ("/lt/calendar/days/closures", test_days_closures);
  g_test_add_func ("/lt/calendar/days/far", test_days_far);
  g_test_add_func ("/lt/calendar/minutes/friday-evening", test_minutes_friday_evening);
  g_test_add_func ("/lt/calendar/minutes/thanksgiving", test_minutes_thanksgiving);
  g_test_add_func ("/lt/calendar/minutes/outside-hours", test_minutes_outside_hours);
  g_test_add_func ("/lt/calendar/minutes/closing-time", test_minutes_closing_time);
  g_test_add_func ("/lt/calendar/minutes/seconds-kept", test_minutes_seconds_kept);
  g_test_add_func ("/lt/calendar/minutes/dst-november", test_minutes_dst_november);
  g_test_add_func ("/lt/calendar/minutes/dst-march", test_minutes_dst_march);
  g_test_add_func ("/lt/calendar/minutes/dst-inside-business-day", test_minutes_dst_inside_business_day);
  g_test_add_func ("/lt/calendar/minutes/far", test_minutes_far);
  g_test_add_func ("/lt/calendar/seconds-between", test_seconds_between);
  g_test_add_func ("/lt/calendar/within-days", test_within_days);
  g_test_add_func ("/lt/calendar/next-opening", test_next_opening);
  g_test_add_func ("/lt/calendar/day-before", test_day_before);
  g_test_add_func ("/lt/calendar/on-calendar", test_on_calendar);
  g_test_add_func ("/lt/calendar/previous-business-day", test_previous_business_day);
  g_test_add_func ("/lt/calendar/start-of-day", test_start_of_day);
  g_test_add_func ("/lt/calendar/random/days-default", test_random_days_default);
  g_test_add_func ("/lt/calendar/random/days-other", test_random_days_other);
  g_test_add_func ("/lt/calendar/random/minutes-default", test_random_minutes_default);
  g_test_add_func ("/lt/calendar/random/minutes-other", test_random_minutes_other);
  g_test_add_func ("/lt/calendar/random/minutes-long-days", test_random_minutes_long_days);
  g_test_add_func ("/lt/calendar/threads", test_threads);
  g_test_add_func ("/lt/calendar/instant-edges", test_instant_edges);

  return g_test_run ();
}
