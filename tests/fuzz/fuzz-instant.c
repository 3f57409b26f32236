/* fuzz-instant.c: the one reader of instants, lt_instant_parse(), and the
 * date reader, lt_date_parse(), on arbitrary text
 *
 * Every time the product reads comes through these two: portal answers,
 * the devportal's requests, the command line, the app's fixed clock. Beyond
 * "no crash, no leak": an instant that parses is in the supported range,
 * has a local date in 0001–9999 in every zone (the property whose absence
 * crashed every start, issue 10), prints back to text that parses to the
 * same instant, and the business calendar and the SLA answer for it
 * without a critical. A date that parses prints back to the same text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-fuzz"

#include "config.h"

#include "lt-fuzz-util.h"
#include "lt-business-calendar.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-lifecycle.h"
#include "lt-policy.h"
#include "lt-sla.h"

/* The zones furthest from UTC that RFC 3339 and the tz database have,
 * and the vendor's. */
static const char * const zone_ids[] = {
  "-23:59", "-12:00", "America/Indiana/Indianapolis", "UTC", "Pacific/Chatham",
  "Pacific/Kiritimati", "+23:59",
};
static GTimeZone *zones[G_N_ELEMENTS (zone_ids)];
static LtPolicy *policy;

static void
check_round_trip (GDateTime *instant,
                  GDateTime *local)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = lt_instant_format (local);
  g_autoptr(GDateTime) again = lt_instant_parse (text, &error);

  g_assert_no_error (error);
  /* lt_instant_format() writes whole seconds. */
  g_assert_cmpint (g_date_time_to_unix (again), ==, g_date_time_to_unix (instant));
}

static void
check_instant (GDateTime *instant)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (policy);
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) close_due = NULL;
  g_autoptr(GDateTime) opening = NULL;
  LtSlaStatus status = { 0 };
  GDate date;

  /* UTC, inside the range. */
  g_assert_cmpint (g_date_time_get_utc_offset (instant), ==, 0);
  g_assert_true (lt_instant_is_supported (instant));
  check_round_trip (instant, instant);

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GDateTime) local = g_date_time_to_timezone (instant, zones[i]);
      g_autofree char *text = lt_instant_format_in_zone (instant, zones[i]);

      g_assert_nonnull (local);
      g_assert_cmpint (g_date_time_get_year (local), >=, 1);
      g_assert_cmpint (g_date_time_get_year (local), <=, 9999);
      g_assert_nonnull (text);
      check_round_trip (instant, local);
    }

  /* What every screen asks about a ticket opened then. */
  lt_business_calendar_local_date (calendar, instant, &date);
  g_assert_true (g_date_valid (&date));
  (void) lt_business_calendar_is_open (calendar, instant);
  opening = lt_business_calendar_next_opening (calendar, instant);
  due = lt_sla_response_due_for_policy (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, instant);
  lt_sla_get_status_for_policy (policy, LT_TIER_ESSENTIAL, LT_SEVERITY_S3, instant, NULL,
                                instant, &status);
  g_assert_true (status.has_target);
  lt_sla_status_clear (&status);
  close_due = lt_lifecycle_auto_close_due_for_policy (policy, LT_TICKET_STATE_RESOLVED,
                                                      instant, NULL);
  if (due != NULL)
    g_assert_cmpint (g_date_time_compare (due, instant), >=, 0);
  if (close_due != NULL)
    g_assert_cmpint (g_date_time_compare (close_due, instant), >, 0);
}

static void
check_date (const char  *text,
            const GDate *date)
{
  g_autofree char *again = lt_date_format (date);

  g_assert_cmpuint (g_date_get_year (date), >=, 1);
  g_assert_cmpuint (g_date_get_year (date), <=, 9999);
  /* The form is fixed, so the text is the canonical one. */
  g_assert_cmpstr (again, ==, text);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  lt_fuzz_init ();
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      zones[i] = g_time_zone_new_identifier (zone_ids[i]);
      g_assert_nonnull (zones[i]);
    }
  policy = lt_policy_new_default (&error);
  g_assert_no_error (error);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The parsers take a C string: a NUL-terminated copy, so that reading
   * past the input is caught rather than hidden by libFuzzer's buffer. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) date_error = NULL;
  g_autoptr(GDateTime) instant = lt_instant_parse (text, &error);
  GDate date;

  if (instant == NULL)
    lt_fuzz_assert_error (error, LT_ERROR_INVALID_INPUT, NULL);
  else
    check_instant (instant);

  if (lt_date_parse (text, &date, &date_error))
    check_date (text, &date);
  else
    lt_fuzz_assert_error (date_error, LT_ERROR_INVALID_INPUT, NULL);

  return 0;
}
