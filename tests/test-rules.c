/* test-rules.c: R6–R12 (severity, scope, change notices, maintenance,
 * account, escalation, reviews)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-policy.h"
#include "lt-rules.h"

#include <string.h>

static LtPolicy *
load_policy (void)
{
  g_autoptr(GError) error = NULL;
  LtPolicy *policy = lt_policy_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  return policy;
}

/* ---- R6 ---------------------------------------------------------------- */

static void
assert_severity (LtSeverityAnswers answers,
                 LtSeverity        expected)
{
  g_autoptr(GError) error = NULL;
  LtSeverityAssessment assessment;

  g_assert_true (lt_rules_assess_severity (&answers, &assessment, &error));
  g_assert_no_error (error);
  g_assert_cmpint (assessment.severity, ==, expected);
  g_assert_cmpint (assessment.security_incident, ==, answers.security);
  g_assert_cmpint (assessment.break_fix, ==, answers.break_fix);
  g_assert_nonnull (assessment.reason);
  g_assert_cmpstr (assessment.reason, !=, "");
  lt_severity_assessment_clear (&assessment);
  g_assert_null (assessment.reason);
}

static void
assert_no_severity (LtSeverityAnswers answers)
{
  g_autoptr(GError) error = NULL;
  LtSeverityAssessment assessment;

  g_assert_false (lt_rules_assess_severity (&answers, &assessment, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_null (assessment.reason);
}

/* Each path of the questionnaire, and its order: the first yes wins. */
static void
test_rules_severity_paths (void)
{
  /* 1. Security incident: S1 (§16), whatever else is said. */
  assert_severity ((LtSeverityAnswers) { .security = TRUE }, LT_SEVERITY_S1);
  assert_severity ((LtSeverityAnswers) { .security = TRUE, .enhancement = TRUE }, LT_SEVERITY_S1);
  assert_severity ((LtSeverityAnswers) { .security = TRUE, .limited = TRUE }, LT_SEVERITY_S1);

  /* 2. All four S1 conditions. */
  assert_severity ((LtSeverityAnswers) { .outage = TRUE, .no_workaround = TRUE, .all_users = TRUE },
                   LT_SEVERITY_S1);
  /* An outage missing one condition is a major disruption: S2. */
  assert_severity ((LtSeverityAnswers) { .outage = TRUE, .no_workaround = TRUE }, LT_SEVERITY_S2);
  assert_severity ((LtSeverityAnswers) { .outage = TRUE, .all_users = TRUE }, LT_SEVERITY_S2);
  assert_severity ((LtSeverityAnswers) { .outage = TRUE }, LT_SEVERITY_S2);

  /* 3. Significantly degraded (a workaround may exist). */
  assert_severity ((LtSeverityAnswers) { .degraded = TRUE }, LT_SEVERITY_S2);
  assert_severity ((LtSeverityAnswers) { .degraded = TRUE, .limited = TRUE }, LT_SEVERITY_S2);
  assert_severity ((LtSeverityAnswers) { .degraded = TRUE, .no_workaround = TRUE, .all_users = TRUE },
                   LT_SEVERITY_S2);

  /* 4. Limited users or features. */
  assert_severity ((LtSeverityAnswers) { .limited = TRUE }, LT_SEVERITY_S3);
  assert_severity ((LtSeverityAnswers) { .limited = TRUE, .enhancement = TRUE }, LT_SEVERITY_S3);

  /* 5. Enhancement. */
  assert_severity ((LtSeverityAnswers) { .enhancement = TRUE }, LT_SEVERITY_FEATURE);
}

/* Break/fix is a flag beside the severity, never a severity itself. */
static void
test_rules_severity_break_fix (void)
{
  assert_severity ((LtSeverityAnswers) { .limited = TRUE, .break_fix = TRUE }, LT_SEVERITY_S3);
  assert_severity ((LtSeverityAnswers) { .outage = TRUE, .no_workaround = TRUE, .all_users = TRUE,
                                         .break_fix = TRUE }, LT_SEVERITY_S1);
  assert_no_severity ((LtSeverityAnswers) { .break_fix = TRUE });
}

/* No impact answered: an error, not a guess. */
static void
test_rules_severity_no_answer (void)
{
  assert_no_severity ((LtSeverityAnswers) { 0 });
  /* The S1 qualifiers alone describe no impact. */
  assert_no_severity ((LtSeverityAnswers) { .no_workaround = TRUE, .all_users = TRUE });
}

/* ---- R7 ---------------------------------------------------------------- */

static void
test_rules_scope_policy (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  static const char *in_scope[] = { "troubleshooting", "configuration", "performance", "updates" };
  static const char *out_of_scope[] = { "custom-code", "non-managed-integrations",
                                        "end-user-training", "customer-infrastructure" };

  for (guint i = 0; i < G_N_ELEMENTS (in_scope); i++)
    {
      g_autoptr(GError) error = NULL;
      LtScopeCheck check;

      g_assert_true (lt_rules_check_scope_for_policy (policy, in_scope[i], &check, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (check.category->id, ==, in_scope[i]);
      g_assert_false (check.needs_acknowledgement);
      g_assert_null (check.warning);
      g_assert_true (lt_rules_scope_allows_filing (&check, FALSE, &error));
      lt_scope_check_clear (&check);
    }

  for (guint i = 0; i < G_N_ELEMENTS (out_of_scope); i++)
    {
      g_autoptr(GError) error = NULL;
      LtScopeCheck check;

      g_assert_true (lt_rules_check_scope_for_policy (policy, out_of_scope[i], &check, &error));
      g_assert_no_error (error);
      g_assert_true (check.needs_acknowledgement);
      g_assert_nonnull (check.warning);
      g_assert_nonnull (strstr (check.warning, "Professional Services"));
      g_assert_nonnull (strstr (check.warning, check.category->label));

      g_assert_false (lt_rules_scope_allows_filing (&check, FALSE, &error));
      g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
      g_clear_error (&error);
      g_assert_true (lt_rules_scope_allows_filing (&check, TRUE, &error));
      g_assert_no_error (error);
      lt_scope_check_clear (&check);
    }
}

static void
test_rules_scope_unknown (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GError) error = NULL;
  LtScopeCheck check;

  g_assert_false (lt_rules_check_scope_for_policy (policy, "astrology", &check, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "“astrology”"));
  g_assert_null (check.category);
}

/* The categories come from the caller (the policy file), not from code. */
static void
test_rules_scope_explicit (void)
{
  const LtScopeCategory categories[] = {
    { (char *) "hardware", (char *) "Hardware faults", FALSE },
    { (char *) "custom-code", (char *) "Custom code issues", TRUE },
  };
  g_autoptr(GError) error = NULL;
  LtScopeCheck check;

  g_assert_true (lt_rules_check_scope (categories, 2, "custom-code", &check, &error));
  g_assert_false (check.needs_acknowledgement);
  lt_scope_check_clear (&check);

  g_assert_true (lt_rules_check_scope (categories, 2, "hardware", &check, &error));
  g_assert_true (check.needs_acknowledgement);
  g_assert_true (check.category == &categories[0]);
  lt_scope_check_clear (&check);
}

/* ---- R8 ---------------------------------------------------------------- */

static void
check_notice (LtPolicy            *policy,
              const char          *notice,
              const char          *start,
              LtChangeNoticeCheck *check)
{
  GDate notice_date = lt_test_date (notice);
  GDate start_date = lt_test_date (start);

  lt_rules_check_change_notice_for_policy (policy, &notice_date, &start_date, check);
}

static void
test_rules_change_notice_on_time (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  LtChangeNoticeCheck check;

  g_assert_cmpuint (lt_policy_get_change_lead_business_days (policy), ==, 3);

  check_notice (policy, "2026-11-16", "2026-11-23", &check);
  lt_assert_date (&check.earliest_start, "2026-11-19");
  g_assert_false (check.late);
  g_assert_cmpuint (check.business_days_short, ==, 0);
  g_assert_null (check.warning);
  lt_change_notice_check_clear (&check);

  /* Exactly three business days is enough. */
  check_notice (policy, "2026-11-16", "2026-11-19", &check);
  g_assert_false (check.late);
  g_assert_null (check.warning);
  lt_change_notice_check_clear (&check);
}

/* The example of the brief: Monday for Tuesday, late by two. */
static void
test_rules_change_notice_late (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  LtChangeNoticeCheck check;

  check_notice (policy, "2026-11-30", "2026-12-01", &check);
  lt_assert_date (&check.earliest_start, "2026-12-03");
  g_assert_true (check.late);
  g_assert_cmpuint (check.business_days_short, ==, 2);
  g_assert_nonnull (check.warning);
  g_assert_nonnull (strstr (check.warning, lt_rules_change_liability_text ()));
  g_assert_nonnull (strstr (check.warning, "2 business days late"));
  g_assert_nonnull (strstr (check.warning, "2026-12-03"));
  lt_change_notice_check_clear (&check);
  g_assert_null (check.warning);

  /* Same day: all three missing. */
  check_notice (policy, "2026-11-30", "2026-11-30", &check);
  g_assert_true (check.late);
  g_assert_cmpuint (check.business_days_short, ==, 3);
  lt_change_notice_check_clear (&check);

  /* One day short, singular. */
  check_notice (policy, "2026-11-30", "2026-12-02", &check);
  g_assert_cmpuint (check.business_days_short, ==, 1);
  g_assert_nonnull (strstr (check.warning, "1 business day late"));
  lt_change_notice_check_clear (&check);

  g_assert_nonnull (strstr (lt_rules_change_liability_text (), "not liable"));
}

/* A notice sent on a weekend or holiday counts from the next business
 * day. */
static void
test_rules_change_notice_rolls (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  LtChangeNoticeCheck check;

  /* Saturday -> Monday 16 -> Thursday 19 */
  check_notice (policy, "2026-11-14", "2026-11-18", &check);
  lt_assert_date (&check.earliest_start, "2026-11-19");
  g_assert_true (check.late);
  g_assert_cmpuint (check.business_days_short, ==, 1);
  lt_change_notice_check_clear (&check);

  /* Thanksgiving -> Friday 27 -> Mon 30, Tue 1, Wed 2 */
  check_notice (policy, "2026-11-26", "2026-12-02", &check);
  lt_assert_date (&check.earliest_start, "2026-12-02");
  g_assert_false (check.late);
  lt_change_notice_check_clear (&check);
}

static void
test_rules_change_notice_holidays (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  LtChangeNoticeCheck check;

  /* Across Thanksgiving: Wed 25, (Thu 26), Fri 27, Mon 30 */
  check_notice (policy, "2026-11-24", "2026-11-27", &check);
  lt_assert_date (&check.earliest_start, "2026-11-30");
  g_assert_true (check.late);
  g_assert_cmpuint (check.business_days_short, ==, 1);
  lt_change_notice_check_clear (&check);

  /* Across Christmas: Wed 23, Thu 24, (Fri 25), Mon 28 */
  check_notice (policy, "2026-12-22", "2026-12-24", &check);
  lt_assert_date (&check.earliest_start, "2026-12-28");
  g_assert_true (check.late);
  g_assert_cmpuint (check.business_days_short, ==, 1);
  lt_change_notice_check_clear (&check);

  /* A start on the Saturday before the earliest Monday: late, though no
   * business day is missing. */
  check_notice (policy, "2026-12-22", "2026-12-26", &check);
  g_assert_true (check.late);
  g_assert_cmpuint (check.business_days_short, ==, 0);
  g_assert_nonnull (check.warning);
  g_assert_nonnull (strstr (check.warning, lt_rules_change_liability_text ()));
  lt_change_notice_check_clear (&check);
}

/* The inverse: the last day a notice is still on time, across
 * Thanksgiving and with a start on a weekend. */
static void
test_rules_change_notice_last_on_time (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  const struct { const char *start, *last; } cases[] = {
    { "2026-11-19", "2026-11-16" },   /* exactly three business days */
    { "2026-12-01", "2026-11-25" },   /* Thu 26 is Thanksgiving: Wed 25 */
    { "2026-11-22", "2026-11-17" },   /* a Sunday start: Tue 17 gives Fri 20 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate start = lt_test_date (cases[i].start);
      GDate last, next;
      LtChangeNoticeCheck check;

      lt_rules_last_on_time_notice_date_for_policy (policy, &start, &last);
      lt_assert_date (&last, cases[i].last);

      /* On time that day, late the day after. */
      lt_rules_check_change_notice_for_policy (policy, &last, &start, &check);
      g_assert_false (check.late);
      lt_change_notice_check_clear (&check);
      next = last;
      g_date_add_days (&next, 1);
      lt_rules_check_change_notice_for_policy (policy, &next, &start, &check);
      g_assert_true (check.late);
      lt_change_notice_check_clear (&check);
    }
}

/* The lead time is the caller's number. */
static void
test_rules_change_notice_explicit (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  GDate notice = lt_test_date ("2026-11-30");
  GDate start = lt_test_date ("2026-12-04");
  LtChangeNoticeCheck check;

  lt_rules_check_change_notice (lt_policy_get_calendar (policy), &notice, &start, 5, &check);
  lt_assert_date (&check.earliest_start, "2026-12-07");
  g_assert_true (check.late);
  g_assert_cmpuint (check.business_days_short, ==, 1);
  g_assert_nonnull (strstr (check.warning, "5 business days of notice"));
  lt_change_notice_check_clear (&check);
}

/* Half-open spans: touching windows do not overlap. */
static void
test_rules_overlap (void)
{
  g_autoptr(GDateTime) start = lt_test_instant ("2026-11-20T10:00:00Z");
  g_autoptr(GDateTime) end = lt_test_instant ("2026-11-20T12:00:00Z");
  g_autoptr(GDateTime) t0900 = lt_test_instant ("2026-11-20T09:00:00Z");
  g_autoptr(GDateTime) t1000 = lt_test_instant ("2026-11-20T10:00:00Z");
  g_autoptr(GDateTime) t1030 = lt_test_instant ("2026-11-20T10:30:00Z");
  g_autoptr(GDateTime) t1100 = lt_test_instant ("2026-11-20T11:00:00Z");
  g_autoptr(GDateTime) t1159 = lt_test_instant ("2026-11-20T11:59:59Z");
  g_autoptr(GDateTime) t1200 = lt_test_instant ("2026-11-20T12:00:00Z");
  g_autoptr(GDateTime) t1300 = lt_test_instant ("2026-11-20T13:00:00Z");
  /* The same instant written in another zone still touches only. */
  g_autoptr(GDateTime) t1200_local = lt_test_instant ("2026-11-20T07:00:00-05:00");
  const LtTimeSpan windows[] = {
    { "after-touching", t1200, t1300 },
    { "before-touching", t0900, t1000 },
    { "overlaps-end", t1159, t1300 },
    { "contains", t0900, t1300 },
    { "inside", t1030, t1100 },
    { "empty", t1100, t1100 },
    { "touching-other-zone", t1200_local, t1300 },
  };
  g_autoptr(GPtrArray) found = NULL;

  found = lt_rules_find_overlapping_spans (start, end, windows, G_N_ELEMENTS (windows));
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpstr (((LtTimeSpan *) found->pdata[0])->id, ==, "overlaps-end");
  g_assert_cmpstr (((LtTimeSpan *) found->pdata[1])->id, ==, "contains");
  g_assert_cmpstr (((LtTimeSpan *) found->pdata[2])->id, ==, "inside");
  g_assert_true (found->pdata[2] == &windows[4]);

  g_assert_false (lt_rules_spans_overlap (start, end, t1200, t1300));
  g_assert_false (lt_rules_spans_overlap (t1200, t1300, start, end));
  g_assert_true (lt_rules_spans_overlap (start, end, start, end));

  g_clear_pointer (&found, g_ptr_array_unref);
  found = lt_rules_find_overlapping_spans (start, end, NULL, 0);
  g_assert_cmpuint (found->len, ==, 0);
}

/* ---- R9 ---------------------------------------------------------------- */

static void
test_rules_emergency_notice (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GDateTime) starts = lt_test_instant ("2026-11-20T15:00:00Z");
  g_autoptr(GDateTime) sixty = lt_test_instant ("2026-11-20T14:00:00Z");
  g_autoptr(GDateTime) fifty_nine = lt_test_instant ("2026-11-20T14:01:00Z");
  g_autoptr(GDateTime) half_minute = lt_test_instant ("2026-11-20T14:00:30Z");
  g_autoptr(GDateTime) after = lt_test_instant ("2026-11-20T15:05:00Z");
  g_autofree char *warning = NULL;
  gint64 short_by = -1;

  g_assert_cmpuint (lt_policy_get_emergency_notice_minutes (policy), ==, 60);

  g_assert_false (lt_rules_emergency_notice_is_short_for_policy (policy, sixty, starts,
                                                                 &short_by, &warning));
  g_assert_cmpint (short_by, ==, 0);
  g_assert_null (warning);

  g_assert_true (lt_rules_emergency_notice_is_short_for_policy (policy, fifty_nine, starts,
                                                                &short_by, &warning));
  g_assert_cmpint (short_by, ==, 60);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "59 minutes"));
  g_assert_nonnull (strstr (warning, "1 hour"));
  g_clear_pointer (&warning, g_free);

  g_assert_true (lt_rules_emergency_notice_is_short_for_policy (policy, half_minute, starts,
                                                                &short_by, NULL));
  g_assert_cmpint (short_by, ==, 30);

  g_assert_true (lt_rules_emergency_notice_is_short_for_policy (policy, after, starts,
                                                                &short_by, &warning));
  g_assert_cmpint (short_by, ==, 65 * 60);
  g_assert_nonnull (strstr (warning, "after it started"));
  g_clear_pointer (&warning, g_free);

  /* The explicit form takes its own number. */
  g_assert_false (lt_rules_emergency_notice_is_short (fifty_nine, starts, 30, NULL, NULL));
}

static void
test_rules_upgrade_package (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  GDate last = lt_test_date ("2026-08-31");
  GDate next;

  lt_rules_next_upgrade_package_for_policy (policy, &last, &next);
  lt_assert_date (&next, "2027-02-28");

  last = lt_test_date ("2027-08-31");
  lt_rules_next_upgrade_package_for_policy (policy, &last, &next);
  lt_assert_date (&next, "2028-02-29");

  last = lt_test_date ("2026-03-15");
  lt_rules_next_upgrade_package (&last, 4, &next);
  lt_assert_date (&next, "2026-07-15");
}

static void
assert_reminders (GPtrArray   *reminders,
                  const char **expected)
{
  guint n = g_strv_length ((char **) expected);

  g_assert_nonnull (reminders);
  g_assert_cmpuint (reminders->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      GDateTime *at = g_ptr_array_index (reminders, i);

      lt_assert_instant (at, expected[i]);
      g_assert_cmpint (g_date_time_get_utc_offset (at), ==, 0);
    }
}

static GPtrArray *
policy_reminders (LtPolicy          *policy,
                  LtMaintenanceKind  kind,
                  const char        *starts,
                  const char        *announced,
                  const char        *now)
{
  g_autoptr(GDateTime) starts_at = lt_test_instant (starts);
  g_autoptr(GDateTime) announced_at = announced ? lt_test_instant (announced) : NULL;
  g_autoptr(GDateTime) now_at = lt_test_instant (now);

  return lt_rules_reminder_instants_for_policy (policy, kind, starts_at, announced_at, now_at);
}

static void
test_rules_reminders_scheduled (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  const char *starts = "2026-11-20T15:00:00Z";
  const char *announced = "2026-11-10T12:00:00Z";
  g_autoptr(GPtrArray) r = NULL;

  r = policy_reminders (policy, LT_MAINTENANCE_KIND_SCHEDULED, starts, announced,
                        "2026-11-18T00:00:00Z");
  assert_reminders (r, (const char *[]) { "2026-11-19T15:00:00Z", "2026-11-20T14:00:00Z", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* The 24 h reminder has passed. */
  r = policy_reminders (policy, LT_MAINTENANCE_KIND_SCHEDULED, starts, announced,
                        "2026-11-19T20:00:00Z");
  assert_reminders (r, (const char *[]) { "2026-11-20T14:00:00Z", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* A reminder due right now is kept. */
  r = policy_reminders (policy, LT_MAINTENANCE_KIND_SCHEDULED, starts, announced,
                        "2026-11-20T14:00:00Z");
  assert_reminders (r, (const char *[]) { "2026-11-20T14:00:00Z", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* Started: nothing left. */
  r = policy_reminders (policy, LT_MAINTENANCE_KIND_SCHEDULED, starts, announced, starts);
  assert_reminders (r, (const char *[]) { NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* Announced only 12 h ahead: no reminder before the announcement. */
  r = policy_reminders (policy, LT_MAINTENANCE_KIND_SCHEDULED, starts, "2026-11-20T03:00:00Z",
                        "2026-11-20T03:00:00Z");
  assert_reminders (r, (const char *[]) { "2026-11-20T14:00:00Z", NULL });
}

static void
test_rules_reminders_emergency (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  const char *starts = "2026-11-20T15:00:00Z";
  g_autoptr(GPtrArray) r = NULL;

  /* Announced 90 minutes ahead: at once, then 1 h before. */
  r = policy_reminders (policy, LT_MAINTENANCE_KIND_EMERGENCY, starts, "2026-11-20T13:30:00Z",
                        "2026-11-20T13:30:00Z");
  assert_reminders (r, (const char *[]) { "2026-11-20T13:30:00Z", "2026-11-20T14:00:00Z", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* Announced exactly 1 h ahead: the two coincide, one reminder. */
  r = policy_reminders (policy, LT_MAINTENANCE_KIND_EMERGENCY, starts, "2026-11-20T14:00:00Z",
                        "2026-11-20T14:00:00Z");
  assert_reminders (r, (const char *[]) { "2026-11-20T14:00:00Z", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* Short notice: only the immediate one. */
  r = policy_reminders (policy, LT_MAINTENANCE_KIND_EMERGENCY, starts, "2026-11-20T14:30:00Z",
                        "2026-11-20T14:30:00Z");
  assert_reminders (r, (const char *[]) { "2026-11-20T14:30:00Z", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* Learnt of it after the announcement: remind now. */
  r = policy_reminders (policy, LT_MAINTENANCE_KIND_EMERGENCY, starts, "2026-11-20T13:00:00Z",
                        "2026-11-20T13:10:00Z");
  assert_reminders (r, (const char *[]) { "2026-11-20T13:10:00Z", "2026-11-20T14:00:00Z", NULL });
  g_clear_pointer (&r, g_ptr_array_unref);

  /* A scheduled window gets no immediate reminder. */
  r = policy_reminders (policy, LT_MAINTENANCE_KIND_SCHEDULED, starts, "2026-11-20T13:30:00Z",
                        "2026-11-20T13:30:00Z");
  assert_reminders (r, (const char *[]) { "2026-11-20T14:00:00Z", NULL });
}

/* The leads come from the caller, in any order and with repeats. */
static void
test_rules_reminders_explicit (void)
{
  g_autoptr(GDateTime) starts = lt_test_instant ("2026-11-20T10:00:00-05:00");
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-01T00:00:00Z");
  const guint leads[] = { 15, 2880, 15, 120 };
  g_autoptr(GPtrArray) r = NULL;

  r = lt_rules_reminder_instants (LT_MAINTENANCE_KIND_UPGRADE_PACKAGE, starts, NULL,
                                  leads, G_N_ELEMENTS (leads), now);
  assert_reminders (r, (const char *[]) { "2026-11-18T15:00:00Z", "2026-11-20T13:00:00Z",
                                          "2026-11-20T14:45:00Z", NULL });
}

/* ---- R10 --------------------------------------------------------------- */

static void
test_rules_invoice (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  GDate invoice = lt_test_date ("2026-09-01");
  GDate day60 = lt_test_date ("2026-10-31");
  GDate day61 = lt_test_date ("2026-11-01");
  g_autofree char *warning = NULL;

  g_assert_cmpuint (lt_policy_get_invoice_suspension_days (policy), ==, 60);

  g_assert_false (lt_rules_invoice_is_overdue_for_policy (policy, FALSE, &invoice, &day60));
  g_assert_true (lt_rules_invoice_is_overdue_for_policy (policy, FALSE, &invoice, &day61));
  g_assert_false (lt_rules_invoice_is_overdue_for_policy (policy, TRUE, &invoice, &day61));
  /* An invoice dated in the future is not overdue. */
  g_assert_false (lt_rules_invoice_is_overdue_for_policy (policy, FALSE, &day61, &invoice));

  g_assert_true (lt_rules_invoice_is_overdue (FALSE, &invoice, &day60, 59));

  warning = lt_rules_dup_invoice_warning (60);
  g_assert_nonnull (strstr (warning, "60 days"));
  g_assert_nonnull (strstr (warning, "suspend"));
}

static void
test_rules_critical_phone (void)
{
  g_assert_true (lt_rules_shows_critical_phone (LT_SEVERITY_S1, FALSE));
  g_assert_true (lt_rules_shows_critical_phone (LT_SEVERITY_S1, TRUE));
  g_assert_true (lt_rules_shows_critical_phone (LT_SEVERITY_S2, TRUE));
  g_assert_false (lt_rules_shows_critical_phone (LT_SEVERITY_S2, FALSE));
  g_assert_false (lt_rules_shows_critical_phone (LT_SEVERITY_S3, FALSE));
  g_assert_false (lt_rules_shows_critical_phone (LT_SEVERITY_FEATURE, FALSE));
}

static void
assert_contact_refused (const char *name,
                        const char *email,
                        const char *phone,
                        const char *quoted)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lt_rules_validate_primary_contact (name, email, phone, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  if (quoted != NULL)
    {
      g_autofree char *q = g_strdup_printf ("“%s”", quoted);

      g_assert_nonnull (strstr (error->message, q));
    }
}

static void
test_rules_primary_contact (void)
{
  g_autoptr(GError) error = NULL;
  static const char *good_phones[] = {
    "+1 (317) 555-0100", "317-555-0100 ext. 12", "+44 20 7946 0958", "3175550100x7",
  };
  static const char *good_emails[] = {
    "ada@example.com", "first.last+it@sub.example.co.uk", "  ada@example.com  ",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good_phones); i++)
    {
      g_assert_true (lt_rules_validate_primary_contact ("Ada Lovelace", "ada@example.com",
                                                        good_phones[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (good_emails); i++)
    {
      g_assert_true (lt_rules_validate_primary_contact ("Ada Lovelace", good_emails[i],
                                                        "317-555-0100", &error));
      g_assert_no_error (error);
    }

  assert_contact_refused (NULL, "ada@example.com", "317-555-0100", NULL);
  assert_contact_refused ("   ", "ada@example.com", "317-555-0100", NULL);
  assert_contact_refused ("Ada", NULL, "317-555-0100", NULL);
  assert_contact_refused ("Ada", "ada.example.com", "317-555-0100", "ada.example.com");
  assert_contact_refused ("Ada", "ada@localhost", "317-555-0100", "ada@localhost");
  assert_contact_refused ("Ada", "ada@@example.com", "317-555-0100", "ada@@example.com");
  assert_contact_refused ("Ada", "a da@example.com", "317-555-0100", "a da@example.com");
  assert_contact_refused ("Ada", "@example.com", "317-555-0100", "@example.com");
  assert_contact_refused ("Ada", "ada@example..com", "317-555-0100", "ada@example..com");
  assert_contact_refused ("Ada", "ada@example.com", "", NULL);
  assert_contact_refused ("Ada", "ada@example.com", "555-01", "555-01");
  assert_contact_refused ("Ada", "ada@example.com", "call me", "call me");
  assert_contact_refused ("Ada", "ada@example.com", "317-555-0100 ext.", "317-555-0100 ext.");
  assert_contact_refused ("Ada", "ada@example.com", "1234567890123456", "1234567890123456");
}

/* ---- R11 --------------------------------------------------------------- */

static void
test_rules_escalation_path (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  static const char *titles[] = {
    "Support Team Leader", "Director, Customer Experience", "Chief Customer Officer",
  };
  const LtEscalationLevel *levels;
  guint n_levels = 0;
  g_autoptr(GError) error = NULL;

  levels = lt_policy_get_escalation_levels (policy, &n_levels);
  g_assert_cmpuint (lt_rules_max_escalation_level (levels, n_levels), ==, 3);

  for (guint current = 0; current < 3; current++)
    {
      const LtEscalationLevel *next = lt_rules_next_escalation_for_policy (policy, current, &error);

      g_assert_no_error (error);
      g_assert_nonnull (next);
      g_assert_cmpuint (next->level, ==, current + 1);
      g_assert_cmpstr (next->title, ==, titles[current]);
    }

  g_assert_null (lt_rules_next_escalation_for_policy (policy, 3, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "Chief Customer Officer"));
}

/* Levels come from the policy file: another path, a broken one. */
static void
test_rules_escalation_explicit (void)
{
  const LtEscalationLevel two[] = {
    { 2, (char *) "Head of Support" },
    { 1, (char *) "Duty Manager" },
  };
  const LtEscalationLevel gap[] = {
    { 1, (char *) "Duty Manager" },
    { 3, (char *) "CEO" },
  };
  g_autoptr(GError) error = NULL;
  const LtEscalationLevel *next;

  next = lt_rules_next_escalation (two, 2, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next->title, ==, "Head of Support");
  g_assert_null (lt_rules_next_escalation (two, 2, 2, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  g_assert_null (lt_rules_next_escalation (gap, 2, 1, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_null (lt_rules_next_escalation (NULL, 0, 0, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
}

static void
test_rules_escalation_reason_and_suggestion (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lt_rules_check_escalation_reason ("No answer for two hours", &error));
  g_assert_no_error (error);
  g_assert_false (lt_rules_check_escalation_reason ("  \n", &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (lt_rules_check_escalation_reason (NULL, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);

  g_assert_true (lt_rules_escalation_suggested (LT_SLA_STATE_BREACHED));
  g_assert_false (lt_rules_escalation_suggested (LT_SLA_STATE_NONE));
  g_assert_false (lt_rules_escalation_suggested (LT_SLA_STATE_ON_TRACK));
  g_assert_false (lt_rules_escalation_suggested (LT_SLA_STATE_AT_RISK));
  g_assert_false (lt_rules_escalation_suggested (LT_SLA_STATE_MET));
  g_assert_false (lt_rules_escalation_suggested (LT_SLA_STATE_MISSED));
}

/* ---- R12 --------------------------------------------------------------- */

static void
test_rules_feature_review (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  static const struct {
    const char *today;
    const char *next;
  } cases[] = {
    { "2026-01-01", "2026-04-01" },
    { "2026-02-15", "2026-04-01" },
    { "2026-03-31", "2026-04-01" },
    { "2026-04-01", "2026-07-01" },
    { "2026-06-30", "2026-07-01" },
    { "2026-07-01", "2026-10-01" },
    { "2026-09-30", "2026-10-01" },
    { "2026-10-01", "2027-01-01" },
    { "2026-11-26", "2027-01-01" },
    { "2026-12-31", "2027-01-01" },
  };

  g_assert_cmpuint (lt_policy_get_feature_review_interval_months (policy), ==, 3);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate today = lt_test_date (cases[i].today);
      GDate next;

      lt_rules_next_feature_review_for_policy (policy, &today, &next);
      lt_assert_date (&next, cases[i].next);
    }
}

/* Another interval: half-yearly reviews on 1 January and 1 July. */
static void
test_rules_feature_review_explicit (void)
{
  GDate today = lt_test_date ("2026-03-10");
  GDate next;

  lt_rules_next_feature_review (&today, 6, &next);
  lt_assert_date (&next, "2026-07-01");
  today = lt_test_date ("2026-07-01");
  lt_rules_next_feature_review (&today, 6, &next);
  lt_assert_date (&next, "2027-01-01");
}

static void
test_rules_policy_review (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  GDate next;
  GDate due_day = lt_test_date ("2026-03-24");
  GDate day_after = lt_test_date ("2026-03-25");
  GDate today = lt_test_date ("2026-11-26");
  GDate earlier = lt_test_date ("2025-12-01");

  lt_assert_date (lt_policy_get_updated_date (policy), "2025-09-24");

  lt_rules_next_policy_review_for_policy (policy, &next);
  lt_assert_date (&next, "2026-03-24");

  g_assert_true (lt_rules_policy_review_is_overdue_for_policy (policy, &today));
  g_assert_false (lt_rules_policy_review_is_overdue_for_policy (policy, &due_day));
  g_assert_true (lt_rules_policy_review_is_overdue_for_policy (policy, &day_after));
  g_assert_false (lt_rules_policy_review_is_overdue_for_policy (policy, &earlier));

  /* Day clamped like every month addition. */
  {
    GDate updated = lt_test_date ("2025-08-31");

    lt_rules_next_policy_review (&updated, 6, &next);
    lt_assert_date (&next, "2026-02-28");
  }
}

/* A start that exists in its own zone but not in UTC (9999-12-31T22:00
 * at -12:00, as a caller may build one): the reminder an hour before has
 * no UTC instant and is left out, where a NULL went into the list and the
 * sort crashed on it; the day-before one is kept. */
static void
test_reminders_edge_start (void)
{
  g_autoptr(GTimeZone) west = g_time_zone_new_identifier ("-12:00");
  g_autoptr(GDateTime) starts = g_date_time_new (west, 9999, 12, 31, 22, 0, 0);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T09:30:00Z");
  static const guint leads[] = { 60, 1440 };
  g_autoptr(GPtrArray) reminders = NULL;

  g_assert_nonnull (starts);
  reminders = lt_rules_reminder_instants (LT_MAINTENANCE_KIND_SCHEDULED, starts, NULL,
                                          leads, G_N_ELEMENTS (leads), now);
  g_assert_nonnull (reminders);
  g_assert_cmpuint (reminders->len, ==, 1);
  lt_assert_instant (g_ptr_array_index (reminders, 0), "9999-12-31T10:00:00Z");
}

int
main (int argc, char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/rules/severity/paths", test_rules_severity_paths);
  g_test_add_func ("/lt/rules/severity/break-fix", test_rules_severity_break_fix);
  g_test_add_func ("/lt/rules/severity/no-answer", test_rules_severity_no_answer);
  g_test_add_func ("/lt/rules/scope/policy", test_rules_scope_policy);
  g_test_add_func ("/lt/rules/scope/unknown", test_rules_scope_unknown);
  g_test_add_func ("/lt/rules/scope/explicit", test_rules_scope_explicit);
  g_test_add_func ("/lt/rules/change-notice/on-time", test_rules_change_notice_on_time);
  g_test_add_func ("/lt/rules/change-notice/late", test_rules_change_notice_late);
  g_test_add_func ("/lt/rules/change-notice/rolls", test_rules_change_notice_rolls);
  g_test_add_func ("/lt/rules/change-notice/holidays", test_rules_change_notice_holidays);
  g_test_add_func ("/lt/rules/change-notice/explicit", test_rules_change_notice_explicit);
  g_test_add_func ("/lt/rules/change-notice/last-on-time", test_rules_change_notice_last_on_time);
  g_test_add_func ("/lt/rules/change-notice/overlap", test_rules_overlap);
  g_test_add_func ("/lt/rules/maintenance/emergency-notice", test_rules_emergency_notice);
  g_test_add_func ("/lt/rules/maintenance/upgrade-package", test_rules_upgrade_package);
  g_test_add_func ("/lt/rules/maintenance/reminders-scheduled", test_rules_reminders_scheduled);
  g_test_add_func ("/lt/rules/reminders/edge-start", test_reminders_edge_start);
  g_test_add_func ("/lt/rules/maintenance/reminders-emergency", test_rules_reminders_emergency);
  g_test_add_func ("/lt/rules/maintenance/reminders-explicit", test_rules_reminders_explicit);
  g_test_add_func ("/lt/rules/account/invoice", test_rules_invoice);
  g_test_add_func ("/lt/rules/account/critical-phone", test_rules_critical_phone);
  g_test_add_func ("/lt/rules/account/primary-contact", test_rules_primary_contact);
  g_test_add_func ("/lt/rules/escalation/path", test_rules_escalation_path);
  g_test_add_func ("/lt/rules/escalation/explicit", test_rules_escalation_explicit);
  g_test_add_func ("/lt/rules/escalation/reason-suggestion", test_rules_escalation_reason_and_suggestion);
  g_test_add_func ("/lt/rules/review/feature", test_rules_feature_review);
  g_test_add_func ("/lt/rules/review/feature-explicit", test_rules_feature_review_explicit);
  g_test_add_func ("/lt/rules/review/policy", test_rules_policy_review);

  return g_test_run ();
}
