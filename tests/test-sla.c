/* test-sla.c: R4 response targets and SLA states
 *
 * Times are written with the vendor's offset (Indianapolis: -05:00 in
 * winter, -04:00 in summer) so each case reads like the policy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-policy.h"
#include "lt-sla.h"

static LtPolicy *
load_policy (void)
{
  g_autoptr(GError) error = NULL;
  LtPolicy *policy = lt_policy_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  return policy;
}

static void
assert_due (LtPolicy   *policy,
            LtTier      tier,
            LtSeverity  severity,
            const char *opened,
            const char *expected)
{
  g_autoptr(GDateTime) opened_at = lt_test_instant (opened);
  g_autoptr(GDateTime) due = lt_sla_response_due_for_policy (policy, tier, severity, opened_at);

  g_assert_nonnull (due);
  lt_assert_instant (due, expected);
  /* Stored and compared in UTC. */
  g_assert_cmpint (g_date_time_get_utc_offset (due), ==, 0);
}

static LtSlaState
state_at (LtPolicy   *policy,
          LtTier      tier,
          LtSeverity  severity,
          const char *opened,
          const char *first_response,
          const char *now)
{
  g_autoptr(GDateTime) opened_at = lt_test_instant (opened);
  g_autoptr(GDateTime) response_at = first_response ? lt_test_instant (first_response) : NULL;
  g_autoptr(GDateTime) now_at = lt_test_instant (now);

  return lt_sla_compute_state_for_policy (policy, tier, severity, opened_at, response_at, now_at);
}

/* The R4 table, each cell through the policy wrapper, from a Monday
 * opening: the due instants only fit the table's minutes. */
static void
test_sla_defaults_table (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  const char *monday = "2026-11-16T08:00:00-05:00";
  static const struct {
    LtTier tier;
    LtSeverity severity;
    const char *due;
  } cases[] = {
    { LT_TIER_ENTERPRISE, LT_SEVERITY_S1, "2026-11-16T09:00:00-05:00" },
    { LT_TIER_ENTERPRISE, LT_SEVERITY_S2, "2026-11-16T10:00:00-05:00" },
    { LT_TIER_ENTERPRISE, LT_SEVERITY_S3, "2026-11-16T12:00:00-05:00" },
    { LT_TIER_PROFESSIONAL, LT_SEVERITY_S1, "2026-11-16T10:00:00-05:00" },
    { LT_TIER_PROFESSIONAL, LT_SEVERITY_S2, "2026-11-16T12:00:00-05:00" },
    /* 540 minutes = one whole business day: closing time, same day. */
    { LT_TIER_PROFESSIONAL, LT_SEVERITY_S3, "2026-11-16T17:00:00-05:00" },
    { LT_TIER_ESSENTIAL, LT_SEVERITY_S1, "2026-11-16T12:00:00-05:00" },
    { LT_TIER_ESSENTIAL, LT_SEVERITY_S2, "2026-11-16T17:00:00-05:00" },
    { LT_TIER_ESSENTIAL, LT_SEVERITY_S3, "2026-11-17T17:00:00-05:00" },
  };
  static const LtTier tiers[] = { LT_TIER_ESSENTIAL, LT_TIER_PROFESSIONAL, LT_TIER_ENTERPRISE };

  g_assert_true (lt_policy_get_sla_is_default (policy));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_due (policy, cases[i].tier, cases[i].severity, monday, cases[i].due);

  /* Feature requests have no target in any tier. */
  for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
    {
      g_autoptr(GDateTime) opened_at = lt_test_instant (monday);
      g_autoptr(GDateTime) due = lt_sla_response_due_for_policy (policy, tiers[i],
                                                                 LT_SEVERITY_FEATURE, opened_at);
      LtSlaStatus status;

      g_assert_null (due);
      g_assert_cmpint (lt_sla_compute_state_for_policy (policy, tiers[i], LT_SEVERITY_FEATURE,
                                                        opened_at, NULL, opened_at),
                       ==, LT_SLA_STATE_NONE);
      lt_sla_get_status_for_policy (policy, tiers[i], LT_SEVERITY_FEATURE, opened_at, NULL,
                                    opened_at, &status);
      g_assert_false (status.has_target);
      g_assert_null (status.due);
      g_assert_cmpint (status.state, ==, LT_SLA_STATE_NONE);
      lt_sla_status_clear (&status);
    }
}

/* 20 minutes on Friday, the other 40 on Monday morning. */
static void
test_sla_friday_afternoon (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  const char *friday = "2026-11-20T16:40:00-05:00";

  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, friday, "2026-11-23T08:40:00-05:00");
  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S2, friday, "2026-11-23T09:40:00-05:00");
  assert_due (policy, LT_TIER_ESSENTIAL, LT_SEVERITY_S3, friday, "2026-11-24T16:40:00-05:00");
}

/* Outside business hours the clock starts at the next opening. */
static void
test_sla_outside_hours (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();

  /* Saturday */
  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1,
              "2026-11-21T10:00:00-05:00", "2026-11-23T09:00:00-05:00");
  /* Before opening */
  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1,
              "2026-11-17T06:30:00-05:00", "2026-11-17T09:00:00-05:00");
  /* After closing */
  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1,
              "2026-11-16T18:00:00-05:00", "2026-11-17T09:00:00-05:00");
  /* Exactly at closing time is outside hours too. */
  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1,
              "2026-11-16T17:00:00-05:00", "2026-11-17T09:00:00-05:00");
  /* Opened in UTC on what is still Sunday evening in Indianapolis. */
  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1,
              "2026-11-23T01:00:00Z", "2026-11-23T09:00:00-05:00");
}

/* A due instant exactly at closing time is that closing time (R4). */
static void
test_sla_closing_time (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  const char *opened = "2026-11-16T16:00:00-05:00";

  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, opened, "2026-11-16T17:00:00-05:00");

  g_assert_cmpint (state_at (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, opened, NULL,
                             "2026-11-16T16:59:59-05:00"), ==, LT_SLA_STATE_AT_RISK);
  g_assert_cmpint (state_at (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, opened, NULL,
                             "2026-11-16T17:00:00-05:00"), ==, LT_SLA_STATE_BREACHED);
  /* Overnight no business time passes, but the deadline has. */
  g_assert_cmpint (state_at (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, opened, NULL,
                             "2026-11-17T07:59:00-05:00"), ==, LT_SLA_STATE_BREACHED);
  /* A response at closing time is in time. */
  g_assert_cmpint (state_at (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, opened,
                             "2026-11-16T17:00:00-05:00", "2026-11-17T10:00:00-05:00"),
                   ==, LT_SLA_STATE_MET);
}

/* Thanksgiving (Thursday 2026-11-26) is no business day; the Friday after
 * it is. */
static void
test_sla_thanksgiving (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();

  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1,
              "2026-11-25T16:30:00-05:00", "2026-11-27T08:30:00-05:00");
  assert_due (policy, LT_TIER_ESSENTIAL, LT_SEVERITY_S3,
              "2026-11-25T08:00:00-05:00", "2026-11-27T17:00:00-05:00");
  /* Opened on Thanksgiving itself: the clock starts on Friday. */
  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S2,
              "2026-11-26T11:00:00-05:00", "2026-11-27T10:00:00-05:00");
}

/* Business hours are local hours on both sides of a clock change. */
static void
test_sla_dst (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) now = NULL;

  /* Clocks go forward on Sunday 2026-03-08. */
  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1,
              "2026-03-06T16:30:00-05:00", "2026-03-09T08:30:00-04:00");
  /* Clocks go back on Sunday 2026-11-01. */
  assert_due (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1,
              "2026-10-30T16:30:00-04:00", "2026-11-02T08:30:00-05:00");

  /* 15 minutes on Friday plus 30 on Monday, whatever the clocks did. */
  due = lt_test_instant ("2026-03-09T08:30:00-04:00");
  now = lt_test_instant ("2026-03-06T16:45:00-05:00");
  g_assert_cmpint (lt_sla_remaining_seconds (lt_policy_get_calendar (policy), due, now),
                   ==, 45 * 60);
}

/* Each state of R4, with the 25 % boundary: 15 of 60 minutes left is still
 * on track; one second less is at risk. */
static void
test_sla_states (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  const char *opened = "2026-11-16T08:00:00-05:00";
  LtTier t = LT_TIER_ENTERPRISE;
  LtSeverity s = LT_SEVERITY_S1;

  g_assert_cmpfloat (lt_policy_get_sla_at_risk_fraction (policy), ==, 0.25);

  g_assert_cmpint (state_at (policy, t, s, opened, NULL, "2026-11-16T08:00:00-05:00"),
                   ==, LT_SLA_STATE_ON_TRACK);
  g_assert_cmpint (state_at (policy, t, s, opened, NULL, "2026-11-16T08:45:00-05:00"),
                   ==, LT_SLA_STATE_ON_TRACK);
  g_assert_cmpint (state_at (policy, t, s, opened, NULL, "2026-11-16T08:45:01-05:00"),
                   ==, LT_SLA_STATE_AT_RISK);
  g_assert_cmpint (state_at (policy, t, s, opened, NULL, "2026-11-16T08:59:59-05:00"),
                   ==, LT_SLA_STATE_AT_RISK);
  g_assert_cmpint (state_at (policy, t, s, opened, NULL, "2026-11-16T09:00:00-05:00"),
                   ==, LT_SLA_STATE_BREACHED);
  g_assert_cmpint (state_at (policy, t, s, opened, NULL, "2026-11-18T09:00:00-05:00"),
                   ==, LT_SLA_STATE_BREACHED);

  /* A response decides for good: in time (due inclusive) or not. */
  g_assert_cmpint (state_at (policy, t, s, opened, "2026-11-16T09:00:00-05:00",
                             "2026-11-16T09:00:00-05:00"), ==, LT_SLA_STATE_MET);
  g_assert_cmpint (state_at (policy, t, s, opened, "2026-11-16T08:30:00-05:00",
                             "2026-11-20T12:00:00-05:00"), ==, LT_SLA_STATE_MET);
  g_assert_cmpint (state_at (policy, t, s, opened, "2026-11-16T09:00:01-05:00",
                             "2026-11-16T09:00:01-05:00"), ==, LT_SLA_STATE_MISSED);
  /* Met is met even while the remaining time would say at risk. */
  g_assert_cmpint (state_at (policy, t, s, opened, "2026-11-16T08:50:00-05:00",
                             "2026-11-16T08:55:00-05:00"), ==, LT_SLA_STATE_MET);
}

/* At risk counts business time: late on Friday with the rest of the target
 * on Monday morning is still on track. */
static void
test_sla_at_risk_overnight (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  const char *opened = "2026-11-20T16:40:00-05:00";

  /* 1 minute on Friday + 40 on Monday left. */
  g_assert_cmpint (state_at (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, opened, NULL,
                             "2026-11-20T16:59:00-05:00"), ==, LT_SLA_STATE_ON_TRACK);
  /* The whole weekend: 40 minutes left. */
  g_assert_cmpint (state_at (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, opened, NULL,
                             "2026-11-22T12:00:00-05:00"), ==, LT_SLA_STATE_ON_TRACK);
  /* 14 minutes left on Monday. */
  g_assert_cmpint (state_at (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, opened, NULL,
                             "2026-11-23T08:26:00-05:00"), ==, LT_SLA_STATE_AT_RISK);
}

/* The status bundle a countdown uses: due, target, remaining business
 * seconds (negative once overdue). */
static void
test_sla_status (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-16T08:00:00-05:00");
  g_autoptr(GDateTime) before = lt_test_instant ("2026-11-16T08:20:00-05:00");
  g_autoptr(GDateTime) after = lt_test_instant ("2026-11-16T10:00:00-05:00");
  LtSlaStatus status;

  lt_sla_get_status_for_policy (policy, LT_TIER_PROFESSIONAL, LT_SEVERITY_S1, opened, NULL,
                                before, &status);
  g_assert_true (status.has_target);
  g_assert_cmpuint (status.target_minutes, ==, 120);
  lt_assert_instant (status.due, "2026-11-16T10:00:00-05:00");
  g_assert_cmpint (status.remaining_seconds, ==, 100 * 60);
  g_assert_cmpint (status.state, ==, LT_SLA_STATE_ON_TRACK);
  lt_sla_status_clear (&status);
  g_assert_null (status.due);

  lt_sla_get_status_for_policy (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, opened, NULL,
                                after, &status);
  g_assert_cmpint (status.remaining_seconds, ==, -3600);
  g_assert_cmpint (status.state, ==, LT_SLA_STATE_BREACHED);
  lt_sla_status_clear (&status);
}

/* The explicit functions take their numbers from the caller, not from the
 * default policy: another calendar, another target, another fraction. */
static void
test_sla_explicit_inputs (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(LtBusinessCalendar) calendar = NULL;
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-16T09:30:00+01:00");
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-17T09:30:00+01:00");
  guint weekdays = (1 << G_DATE_MONDAY) | (1 << G_DATE_TUESDAY) | (1 << G_DATE_WEDNESDAY) |
                   (1 << G_DATE_THURSDAY) | (1 << G_DATE_FRIDAY);

  g_assert_nonnull (zone);
  /* 09:00 to 12:00, no holidays. */
  calendar = lt_business_calendar_new (zone, weekdays, 9 * 60, 12 * 60, NULL, 0,
                                       LT_OBSERVED_RULE_NONE, NULL, 0);

  due = lt_sla_response_due (calendar, opened, 240);
  lt_assert_instant (due, "2026-11-17T10:30:00+01:00");

  /* 60 of 240 minutes left: 25 % is on track, but at risk under 50 %. */
  g_assert_cmpint (lt_sla_compute_state (calendar, opened, 240, 0.25, NULL, now),
                   ==, LT_SLA_STATE_ON_TRACK);
  g_assert_cmpint (lt_sla_compute_state (calendar, opened, 240, 0.5, NULL, now),
                   ==, LT_SLA_STATE_AT_RISK);
}

static void
test_sla_labels (void)
{
  static const LtSlaState states[] = {
    LT_SLA_STATE_NONE, LT_SLA_STATE_ON_TRACK, LT_SLA_STATE_AT_RISK,
    LT_SLA_STATE_BREACHED, LT_SLA_STATE_MET, LT_SLA_STATE_MISSED,
  };

  g_assert_cmpstr (lt_sla_state_get_label (LT_SLA_STATE_AT_RISK), ==, "At risk");
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (states); j++)
      g_assert_cmpstr (lt_sla_state_get_label (states[i]), !=, lt_sla_state_get_label (states[j]));
}

/* A ticket opened at 0001-01-01T00:00:00Z (stored by a sync before the
 * parser checked the range) crashed every SLA function; an opening a day
 * or less from either end of GDateTime's range has no SLA now, neither a
 * made-up deadline nor "on track" for ever. */
static void
test_sla_edge_instants (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  LtBusinessCalendar *calendar = lt_policy_get_calendar (policy);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-25T16:00:00Z");
  g_autoptr(GDateTime) year_1 = g_date_time_new_utc (1, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) last_day = g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
  g_autoptr(GDateTime) first = g_date_time_new_utc (1, 1, 2, 0, 0, 0);
  GDateTime *bad[] = { year_1, last_day, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) due = lt_sla_response_due (calendar, bad[i], 240);
      g_autoptr(GDateTime) due_policy =
        lt_sla_response_due_for_policy (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, bad[i]);
      LtSlaStatus status = { 0 };

      g_assert_null (due);
      g_assert_null (due_policy);
      g_assert_cmpint (lt_sla_compute_state (calendar, bad[i], 240, 0.25, NULL, now), ==,
                       LT_SLA_STATE_NONE);
      g_assert_cmpint (lt_sla_compute_state_for_policy (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1,
                                                        bad[i], now, now), ==,
                       LT_SLA_STATE_NONE);
      lt_sla_get_status_for_policy (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, bad[i], NULL, now,
                                    &status);
      g_assert_cmpint (status.state, ==, LT_SLA_STATE_NONE);
      g_assert_false (status.has_target);
      g_assert_null (status.due);
      lt_sla_status_clear (&status);
    }

  /* The first supported instant is 19:00 on 1 January of year 1 in
   * Indianapolis (-05:00): a deadline in year 1, long breached in 2026. */
  {
    g_autoptr(GDateTime) due = lt_sla_response_due (calendar, first, 60);

    g_assert_nonnull (due);
    g_assert_cmpint (g_date_time_get_year (due), ==, 1);
    g_assert_cmpint (lt_sla_compute_state (calendar, first, 60, 0.25, NULL, now), ==,
                     LT_SLA_STATE_BREACHED);
  }
}

int
main (int argc, char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/sla/defaults-table", test_sla_defaults_table);
  g_test_add_func ("/lt/sla/due/friday-afternoon", test_sla_friday_afternoon);
  g_test_add_func ("/lt/sla/due/outside-hours", test_sla_outside_hours);
  g_test_add_func ("/lt/sla/due/closing-time", test_sla_closing_time);
  g_test_add_func ("/lt/sla/due/thanksgiving", test_sla_thanksgiving);
  g_test_add_func ("/lt/sla/due/dst", test_sla_dst);
  g_test_add_func ("/lt/sla/state/boundaries", test_sla_states);
  g_test_add_func ("/lt/sla/state/at-risk-overnight", test_sla_at_risk_overnight);
  g_test_add_func ("/lt/sla/status", test_sla_status);
  g_test_add_func ("/lt/sla/explicit-inputs", test_sla_explicit_inputs);
  g_test_add_func ("/lt/sla/labels", test_sla_labels);
  g_test_add_func ("/lt/sla/edge-instants", test_sla_edge_instants);

  return g_test_run ();
}
