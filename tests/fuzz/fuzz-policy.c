/* fuzz-policy.c: the policy loader, lt_policy_new_from_bytes(), and what
 * the product does with a policy it accepted
 *
 * The policy is a document the portal may replace (GET /policy), so any
 * text must either load or fail with a path-first error; a policy that
 * loads must also be usable: its calendar answers the questions every
 * screen asks (business days, SLA due times, auto-close) without a hang
 * or a critical, and the document it keeps loads again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-fuzz"

#include "config.h"

#include "lt-fuzz-util.h"
#include "lt-business-calendar.h"
#include "lt-error.h"
#include "lt-policy.h"

static void
exercise_calendar (LtPolicy *policy)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (policy);
  g_autoptr(GDateTime) opened = g_date_time_new_utc (2026, 11, 25, 21, 0, 0);
  g_autoptr(GDateTime) closes = NULL;
  g_autoptr(GArray) holidays = NULL;
  GDate date;
  GDate result;

  g_assert_nonnull (calendar);

  holidays = lt_business_calendar_list_holidays (calendar, 2026);
  g_assert_nonnull (holidays);

  /* R8: the change-notice lead time from the day before Thanksgiving. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 25, G_DATE_NOVEMBER, 2026);
  lt_business_calendar_add_business_days (calendar, &date,
                                          lt_policy_get_change_lead_business_days (policy),
                                          &result);
  /* Past GDate's range the result is invalid (as documented); else it is
   * a business day on or after the notice. */
  if (g_date_valid (&result))
    {
      g_assert_true (lt_business_calendar_is_business_day (calendar, &result));
      g_assert_cmpint (g_date_compare (&result, &date), >=, 0);
    }

  /* R5: the auto-close deadline; NULL only past the year 9999. */
  closes = lt_business_calendar_within_business_days (calendar, opened,
                                                      lt_policy_get_auto_close_business_days (policy));
  if (closes != NULL)
    g_assert_cmpint (g_date_time_compare (closes, opened), >=, 0);

  /* R4: every response target of the table. */
  for (LtTier tier = 0; tier < LT_N_TIERS; tier++)
    for (LtSeverity severity = 0; severity < LT_N_SEVERITIES; severity++)
      {
        g_autoptr(GDateTime) due = NULL;
        guint minutes;

        g_assert_nonnull (lt_policy_get_tier_name (policy, tier));
        if (!lt_policy_get_response_minutes (policy, tier, severity, &minutes))
          continue;
        due = lt_business_calendar_add_business_minutes (calendar, opened, minutes);
        /* A policy may open so few minutes a year that a target lies past
         * the year 9999: no instant then, as documented. */
        if (due == NULL)
          continue;
        g_assert_cmpint (lt_business_calendar_business_seconds_between (calendar, opened, due),
                         ==, (gint64) minutes * 60);
      }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lt_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(LtPolicy) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  policy = lt_policy_new_from_bytes (bytes, &error);
  if (policy == NULL)
    {
      lt_fuzz_assert_error (error, LT_ERROR_INVALID_DATA, "$");
      return 0;
    }
  g_assert_no_error (error);

  /* The kept document is what `policy show --json` prints and the cache
   * stores: it must load again, to the same document. */
  again = lt_policy_new_from_json_node (lt_policy_get_json (policy), &error);
  g_assert_no_error (error);
  text = lt_fuzz_node_to_string (lt_policy_get_json (policy));
  text_again = lt_fuzz_node_to_string (lt_policy_get_json (again));
  g_assert_cmpstr (text, ==, text_again);

  exercise_calendar (policy);
  return 0;
}
