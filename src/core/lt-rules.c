/* lt-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-rules"

#include "config.h"

#include "lt-rules.h"
#include "lt-date-util.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- R6 Severity ------------------------------------------------------ */

/**
 * lt_severity_assessment_clear:
 * @assessment: an assessment filled by lt_rules_assess_severity()
 */
void
lt_severity_assessment_clear (LtSeverityAssessment *assessment)
{
  g_return_if_fail (assessment != NULL);

  g_clear_pointer (&assessment->reason, g_free);
}

/**
 * lt_rules_assess_severity:
 * @answers: the questionnaire's answers
 * @assessment: (out caller-allocates): the severity, the flags and a short
 *   reason; clear it with lt_severity_assessment_clear()
 * @error: set to %LT_ERROR_INVALID_INPUT when no impact question was
 *   answered yes
 *
 * R6, in its order: a security incident is S1 (§16); a total outage with no
 * workaround affecting all users is S1; a significant degradation, or an
 * outage that misses one of the S1 conditions, is S2; issues for limited
 * users or features are S3; an enhancement is a feature request. The first
 * question answered yes decides. "No workaround" and "all users" only
 * qualify an outage; alone they describe no impact.
 *
 * Returns: %TRUE when a severity could be assigned
 */
gboolean
lt_rules_assess_severity (const LtSeverityAnswers  *answers,
                          LtSeverityAssessment     *assessment,
                          GError                  **error)
{
  g_return_val_if_fail (answers != NULL, FALSE);
  g_return_val_if_fail (assessment != NULL, FALSE);

  *assessment = (LtSeverityAssessment) {
    .severity = LT_SEVERITY_S3,
    .security_incident = answers->security,
    .break_fix = answers->break_fix,
  };

  if (answers->security)
    {
      assessment->severity = LT_SEVERITY_S1;
      assessment->reason = g_strdup (_("Security incidents are handled as Severity 1 (§16)."));
    }
  else if (answers->outage && answers->no_workaround && answers->all_users)
    {
      assessment->severity = LT_SEVERITY_S1;
      assessment->reason = g_strdup (_("A total outage with no workaround that affects all users is Severity 1."));
    }
  else if (answers->outage)
    {
      /* §4's S1 needs all three conditions; an outage with a workaround or
       * for some users only is still a major disruption. */
      assessment->severity = LT_SEVERITY_S2;
      assessment->reason = g_strdup (_("An outage that has a workaround or does not affect all users is Severity 2."));
    }
  else if (answers->degraded)
    {
      assessment->severity = LT_SEVERITY_S2;
      assessment->reason = g_strdup (_("Significantly degraded service with major disruption is Severity 2."));
    }
  else if (answers->limited)
    {
      assessment->severity = LT_SEVERITY_S3;
      assessment->reason = g_strdup (_("Issues for a limited number of users or features are Severity 3."));
    }
  else if (answers->enhancement)
    {
      assessment->severity = LT_SEVERITY_FEATURE;
      assessment->reason = g_strdup (_("A new capability or enhancement is a feature request."));
    }
  else
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("Answer at least one question about the impact: security incident, outage, degraded service, limited users or features, or enhancement"));
      return FALSE;
    }

  return TRUE;
}

/* ---- R7 Scope --------------------------------------------------------- */

/**
 * lt_scope_check_clear:
 * @check: a check filled by lt_rules_check_scope()
 */
void
lt_scope_check_clear (LtScopeCheck *check)
{
  g_return_if_fail (check != NULL);

  g_clear_pointer (&check->warning, g_free);
  check->category = NULL;
  check->needs_acknowledgement = FALSE;
}

/**
 * lt_rules_check_scope:
 * @categories: (array length=n_categories): the policy's scope categories
 * @n_categories: their number
 * @category_id: the category the user picked
 * @check: (out caller-allocates): the result; clear it with
 *   lt_scope_check_clear()
 * @error: set to %LT_ERROR_INVALID_INPUT for an unknown @category_id
 *
 * R7, §5: an out-of-scope category needs an explicit acknowledgement before
 * filing and comes with a warning pointing to Professional Services.
 *
 * Returns: %TRUE when @category_id is a known category
 */
gboolean
lt_rules_check_scope (const LtScopeCategory  *categories,
                      guint                   n_categories,
                      const char             *category_id,
                      LtScopeCheck           *check,
                      GError                **error)
{
  g_return_val_if_fail (categories != NULL || n_categories == 0, FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  *check = (LtScopeCheck) { NULL, };

  for (guint i = 0; category_id != NULL && i < n_categories; i++)
    {
      const LtScopeCategory *category = &categories[i];

      if (g_strcmp0 (category->id, category_id) != 0)
        continue;

      check->category = category;
      if (!category->in_scope)
        {
          check->needs_acknowledgement = TRUE;
          check->warning = g_strdup_printf (_("“%s” is outside the scope of LockThreat Support (§5). "
                                              "LockThreat Professional Services can help with it. "
                                              "File the ticket only if you accept that Support may decline it."),
                                            category->label != NULL ? category->label : category->id);
        }
      return TRUE;
    }

  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("“%s” is not a support category"),
               category_id != NULL ? category_id : "");
  return FALSE;
}

/**
 * lt_rules_check_scope_for_policy:
 * @policy: the support policy
 * @category_id: the category the user picked
 * @check: (out caller-allocates): see lt_rules_check_scope()
 * @error: see lt_rules_check_scope()
 *
 * Returns: %TRUE when @category_id is a known category
 */
gboolean
lt_rules_check_scope_for_policy (LtPolicy      *policy,
                                 const char    *category_id,
                                 LtScopeCheck  *check,
                                 GError       **error)
{
  const LtScopeCategory *categories;
  guint n_categories = 0;

  g_return_val_if_fail (LT_IS_POLICY (policy), FALSE);

  categories = lt_policy_get_scope_categories (policy, &n_categories);
  return lt_rules_check_scope (categories, n_categories, category_id, check, error);
}

/**
 * lt_rules_scope_allows_filing:
 * @check: the result of lt_rules_check_scope()
 * @acknowledged: whether the user acknowledged the out-of-scope warning
 * @error: set to %LT_ERROR_NOT_ALLOWED when an acknowledgement is missing
 *
 * Returns: %TRUE when the ticket may be filed
 */
gboolean
lt_rules_scope_allows_filing (const LtScopeCheck  *check,
                              gboolean             acknowledged,
                              GError             **error)
{
  g_return_val_if_fail (check != NULL, FALSE);

  if (!check->needs_acknowledgement || acknowledged)
    return TRUE;

  g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
               _("“%s” is out of scope: acknowledge the warning before filing"),
               check->category != NULL ? check->category->id : "");
  return FALSE;
}

/* ---- R8 Change notices ------------------------------------------------ */

/**
 * lt_change_notice_check_clear:
 * @check: a check filled by lt_rules_check_change_notice()
 */
void
lt_change_notice_check_clear (LtChangeNoticeCheck *check)
{
  g_return_if_fail (check != NULL);

  g_clear_pointer (&check->warning, g_free);
  check->late = FALSE;
  check->business_days_short = 0;
}

/**
 * lt_rules_change_liability_text:
 *
 * Returns: (transfer none): §6's liability sentence, translated
 */
const char *
lt_rules_change_liability_text (void)
{
  return _("LockThreat is not liable for issues caused by customer changes to the "
           "infrastructure or environment (on-premise), the database schema or "
           "third-party systems (§6).");
}

/**
 * lt_rules_check_change_notice:
 * @calendar: the vendor's business calendar
 * @notice_date: the vendor-local date the notice is sent
 * @planned_start: the vendor-local date the change starts
 * @lead_business_days: the policy's lead time
 * @check: (out caller-allocates): the result; clear it with
 *   lt_change_notice_check_clear()
 *
 * R8: the earliest compliant start is add_business_days (@notice_date,
 * @lead_business_days) (a notice sent on a weekend or holiday rolls to the
 * next business day first). An earlier start is late by the number of
 * business days in [@planned_start, earliest): a notice on Monday
 * 2026-11-30 for Tuesday 2026-12-01 has its earliest start on Thursday
 * 2026-12-03 and is 2 business days short. A late notice may still be sent,
 * with the §6 liability text.
 *
 * When no compliant start falls before the end of the year 9999 (the last
 * date anything here handles), the notice is late, @earliest_start is
 * left invalid and @business_days_short is 0: there is no date to name,
 * rather than one in the year 10000.
 */
void
lt_rules_check_change_notice (LtBusinessCalendar  *calendar,
                              const GDate         *notice_date,
                              const GDate         *planned_start,
                              guint                lead_business_days,
                              LtChangeNoticeCheck *check)
{
  g_autofree char *earliest = NULL;
  g_autofree char *lateness = NULL;

  g_return_if_fail (check != NULL);

  *check = (LtChangeNoticeCheck) { .late = FALSE };
  g_date_clear (&check->earliest_start, 1);

  g_return_if_fail (LT_IS_BUSINESS_CALENDAR (calendar));
  g_return_if_fail (notice_date != NULL && g_date_valid (notice_date));
  g_return_if_fail (planned_start != NULL && g_date_valid (planned_start));

  lt_business_calendar_add_business_days (calendar, notice_date, lead_business_days,
                                          &check->earliest_start);
  if (!g_date_valid (&check->earliest_start))
    {
      check->late = TRUE;
      check->warning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "This notice is late: LockThreat asks for %u business day of notice for a risk review, and none is left before the end of the year 9999. %s",
                                                     "This notice is late: LockThreat asks for %u business days of notice for a risk review, and they do not fit before the end of the year 9999. %s",
                                                     lead_business_days),
                                        lead_business_days, lt_rules_change_liability_text ());
      return;
    }
  if (g_date_compare (planned_start, &check->earliest_start) >= 0)
    return;

  check->late = TRUE;
  check->business_days_short =
    lt_business_calendar_count_business_days (calendar, planned_start, &check->earliest_start);

  earliest = lt_date_format (&check->earliest_start);
  if (check->business_days_short > 0)
    lateness = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "This notice is %u business day late: ",
                                             "This notice is %u business days late: ",
                                             check->business_days_short),
                                check->business_days_short);
  else
    /* A start on a closed day just before the earliest date: late, though
     * no business day is missing. */
    lateness = g_strdup (_("This notice is late: "));

  check->warning = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%sLockThreat asks for %u business day of notice for a risk review, so the earliest compliant start is %s. %s",
                                                 "%sLockThreat asks for %u business days of notice for a risk review, so the earliest compliant start is %s. %s",
                                                 lead_business_days),
                                    lateness, lead_business_days, earliest,
                                    lt_rules_change_liability_text ());
}

/**
 * lt_rules_check_change_notice_for_policy:
 * @policy: the support policy
 * @notice_date: the vendor-local date the notice is sent
 * @planned_start: the vendor-local date the change starts
 * @check: (out caller-allocates): see lt_rules_check_change_notice()
 */
void
lt_rules_check_change_notice_for_policy (LtPolicy            *policy,
                                         const GDate         *notice_date,
                                         const GDate         *planned_start,
                                         LtChangeNoticeCheck *check)
{
  g_return_if_fail (LT_IS_POLICY (policy));

  lt_rules_check_change_notice (lt_policy_get_calendar (policy), notice_date, planned_start,
                                lt_policy_get_change_lead_business_days (policy), check);
}

/**
 * lt_rules_last_on_time_notice_date:
 * @calendar: the vendor's business calendar
 * @planned_start: the vendor-local date the change starts
 * @lead_business_days: the notice lead time
 * @result: (out caller-allocates): the last date a notice is on time
 *
 * The inverse of lt_rules_check_change_notice(): the earliest start grows
 * with the notice date, so the last on-time date is found by stepping
 * back from the start, judged by the very same rule. Bounded to a year
 * (a lead time is a few business days).
 */
void
lt_rules_last_on_time_notice_date (LtBusinessCalendar *calendar,
                                   const GDate        *planned_start,
                                   guint               lead_business_days,
                                   GDate              *result)
{
  GDate day;

  g_return_if_fail (result != NULL);
  g_date_clear (result, 1);
  g_return_if_fail (LT_IS_BUSINESS_CALENDAR (calendar));
  g_return_if_fail (planned_start != NULL && g_date_valid (planned_start));

  day = *planned_start;
  for (guint i = 0; i <= 366; i++)
    {
      GDate earliest;

      lt_business_calendar_add_business_days (calendar, &day, lead_business_days, &earliest);
      if (g_date_valid (&earliest) && g_date_compare (planned_start, &earliest) >= 0)
        {
          *result = day;
          return;
        }
      if (g_date_get_julian (&day) <= 1)
        return;
      g_date_subtract_days (&day, 1);
    }
}

/**
 * lt_rules_last_on_time_notice_date_for_policy:
 * @policy: the support policy
 * @planned_start: the vendor-local date the change starts
 * @result: (out caller-allocates): see lt_rules_last_on_time_notice_date()
 */
void
lt_rules_last_on_time_notice_date_for_policy (LtPolicy    *policy,
                                              const GDate *planned_start,
                                              GDate       *result)
{
  g_return_if_fail (LT_IS_POLICY (policy));

  lt_rules_last_on_time_notice_date (lt_policy_get_calendar (policy), planned_start,
                                     lt_policy_get_change_lead_business_days (policy), result);
}

/**
 * lt_rules_spans_overlap:
 * @a_start: start of the first span
 * @a_end: end of the first span (exclusive)
 * @b_start: start of the second span
 * @b_end: end of the second span (exclusive)
 *
 * Spans are half-open: one that ends when the other starts does not
 * overlap it, and an empty span overlaps nothing.
 *
 * Returns: %TRUE when the spans share an instant
 */
gboolean
lt_rules_spans_overlap (GDateTime *a_start,
                        GDateTime *a_end,
                        GDateTime *b_start,
                        GDateTime *b_end)
{
  g_return_val_if_fail (a_start != NULL && a_end != NULL, FALSE);
  g_return_val_if_fail (b_start != NULL && b_end != NULL, FALSE);

  return g_date_time_compare (a_start, a_end) < 0 &&
         g_date_time_compare (b_start, b_end) < 0 &&
         g_date_time_compare (a_start, b_end) < 0 &&
         g_date_time_compare (b_start, a_end) < 0;
}

/**
 * lt_rules_find_overlapping_spans:
 * @start: start of the planned change
 * @end: end of the planned change (exclusive)
 * @spans: (array length=n_spans): vendor maintenance windows, for instance
 * @n_spans: their number
 *
 * R8: the windows to warn about.
 *
 * Returns: (transfer container) (element-type LtTimeSpan): pointers into
 *   @spans, in input order; empty when nothing overlaps
 */
GPtrArray *
lt_rules_find_overlapping_spans (GDateTime        *start,
                                 GDateTime        *end,
                                 const LtTimeSpan *spans,
                                 guint             n_spans)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  g_return_val_if_fail (start != NULL && end != NULL, NULL);
  g_return_val_if_fail (spans != NULL || n_spans == 0, NULL);

  for (guint i = 0; i < n_spans; i++)
    if (lt_rules_spans_overlap (start, end, spans[i].starts_at, spans[i].ends_at))
      g_ptr_array_add (found, (gpointer) &spans[i]);

  return g_steal_pointer (&found);
}

/* ---- R9 Maintenance --------------------------------------------------- */

static char *
format_minutes (guint64 minutes)
{
  if (minutes > 0 && minutes % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", minutes / 60),
                            (guint) (minutes / 60));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                          (guint) minutes);
}

/**
 * lt_rules_emergency_notice_is_short:
 * @announced_at: when the emergency window was announced
 * @starts_at: when it starts
 * @notice_minutes: the notice the policy promises (§10)
 * @short_by_seconds: (out) (optional): missing notice in seconds (rounded
 *   up), 0 when not flagged
 * @warning: (out) (optional) (transfer full): a translated warning when
 *   flagged, else %NULL
 *
 * R9: @announced_at must be no later than @starts_at − @notice_minutes.
 *
 * Returns: %TRUE when the notice was too short (flagged)
 */
gboolean
lt_rules_emergency_notice_is_short (GDateTime  *announced_at,
                                    GDateTime  *starts_at,
                                    guint       notice_minutes,
                                    gint64     *short_by_seconds,
                                    char      **warning)
{
  GTimeSpan given;
  GTimeSpan required = (GTimeSpan) notice_minutes * G_TIME_SPAN_MINUTE;
  g_autofree char *required_text = NULL;

  if (short_by_seconds != NULL)
    *short_by_seconds = 0;
  if (warning != NULL)
    *warning = NULL;

  g_return_val_if_fail (announced_at != NULL && starts_at != NULL, FALSE);

  given = g_date_time_difference (starts_at, announced_at);
  if (given >= required)
    return FALSE;

  if (short_by_seconds != NULL)
    *short_by_seconds = (required - given + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND;

  if (warning == NULL)
    return TRUE;

  required_text = format_minutes (notice_minutes);
  if (given <= 0)
    *warning = g_strdup_printf (_("Emergency maintenance was announced only when or after it started; "
                                  "the policy promises at least %s of notice (§10)."),
                                required_text);
  else
    {
      g_autofree char *given_text = format_minutes ((guint64) (given / G_TIME_SPAN_MINUTE));

      *warning = g_strdup_printf (_("Emergency maintenance was announced only %s before it started; "
                                    "the policy promises at least %s of notice (§10)."),
                                  given_text, required_text);
    }
  return TRUE;
}

/**
 * lt_rules_emergency_notice_is_short_for_policy:
 * @policy: the support policy
 * @announced_at: when the emergency window was announced
 * @starts_at: when it starts
 * @short_by_seconds: (out) (optional): see lt_rules_emergency_notice_is_short()
 * @warning: (out) (optional) (transfer full): see
 *   lt_rules_emergency_notice_is_short()
 *
 * Returns: %TRUE when the notice was too short (flagged)
 */
gboolean
lt_rules_emergency_notice_is_short_for_policy (LtPolicy   *policy,
                                               GDateTime  *announced_at,
                                               GDateTime  *starts_at,
                                               gint64     *short_by_seconds,
                                               char      **warning)
{
  if (short_by_seconds != NULL)
    *short_by_seconds = 0;
  if (warning != NULL)
    *warning = NULL;

  g_return_val_if_fail (LT_IS_POLICY (policy), FALSE);

  return lt_rules_emergency_notice_is_short (announced_at, starts_at,
                                             lt_policy_get_emergency_notice_minutes (policy),
                                             short_by_seconds, warning);
}

/**
 * lt_rules_next_upgrade_package:
 * @last: the date of the last upgrade package
 * @interval_months: months between packages (6: semi-annual)
 * @next: (out caller-allocates): the expected date of the next one; the day
 *   is clamped to the month (31 August + 6 months = end of February)
 */
void
lt_rules_next_upgrade_package (const GDate *last,
                               guint        interval_months,
                               GDate       *next)
{
  g_return_if_fail (last != NULL && g_date_valid (last));
  g_return_if_fail (next != NULL);

  lt_date_add_months (last, interval_months, next);
}

/**
 * lt_rules_next_upgrade_package_for_policy:
 * @policy: the support policy
 * @last: the date of the last upgrade package
 * @next: (out caller-allocates): see lt_rules_next_upgrade_package()
 */
void
lt_rules_next_upgrade_package_for_policy (LtPolicy    *policy,
                                          const GDate *last,
                                          GDate       *next)
{
  g_return_if_fail (LT_IS_POLICY (policy));

  lt_rules_next_upgrade_package (last, lt_policy_get_upgrade_package_interval_months (policy),
                                 next);
}

static int
compare_instants (gconstpointer a,
                  gconstpointer b)
{
  GDateTime *x = *(GDateTime * const *) a;
  GDateTime *y = *(GDateTime * const *) b;

  return g_date_time_compare (x, y);
}

/**
 * lt_rules_reminder_instants:
 * @kind: the window's kind
 * @starts_at: when the window starts
 * @announced_at: (nullable): when it was announced
 * @lead_minutes: (array length=n_leads): reminder lead times
 * @n_leads: their number
 * @now: the current instant
 *
 * R9: a reminder @lead_minutes before @starts_at for each lead. An
 * emergency window is also announced to the user at once, at
 * max (@announced_at, @now). Reminders in the past (before @now) are
 * dropped, and so are those before @announced_at: nobody could have been
 * reminded of a window before it was announced. Nothing is left once the
 * window has started.
 *
 * Returns: (transfer full) (element-type GDateTime): UTC instants, sorted,
 *   without duplicates
 */
GPtrArray *
lt_rules_reminder_instants (LtMaintenanceKind  kind,
                            GDateTime         *starts_at,
                            GDateTime         *announced_at,
                            const guint       *lead_minutes,
                            guint              n_leads,
                            GDateTime         *now)
{
  g_autoptr(GPtrArray) reminders = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  g_autoptr(GPtrArray) unique = g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);
  GDateTime *floor_instant;

  g_return_val_if_fail (starts_at != NULL && now != NULL, NULL);
  g_return_val_if_fail (lead_minutes != NULL || n_leads == 0, NULL);

  if (g_date_time_compare (starts_at, now) <= 0)
    return g_steal_pointer (&unique);

  floor_instant = now;
  if (announced_at != NULL && g_date_time_compare (announced_at, now) > 0)
    floor_instant = announced_at;

  for (guint i = 0; i < n_leads; i++)
    {
      g_autoptr(GDateTime) at =
        g_date_time_add (starts_at, -(GTimeSpan) lead_minutes[i] * G_TIME_SPAN_MINUTE);
      /* NULL where @at has no UTC instant (9999-12-31 late in a zone west
       * of UTC): no reminder rather than a NULL in the list. */
      g_autoptr(GDateTime) utc = at != NULL ? g_date_time_to_utc (at) : NULL;

      if (utc != NULL && g_date_time_compare (utc, floor_instant) >= 0)
        g_ptr_array_add (reminders, g_steal_pointer (&utc));
    }

  if (kind == LT_MAINTENANCE_KIND_EMERGENCY && announced_at != NULL)
    g_ptr_array_add (reminders, g_date_time_to_utc (floor_instant));

  g_ptr_array_sort (reminders, compare_instants);
  for (guint i = 0; i < reminders->len; i++)
    {
      GDateTime *at = g_ptr_array_index (reminders, i);

      if (unique->len > 0 &&
          g_date_time_equal (g_ptr_array_index (unique, unique->len - 1), at))
        continue;
      g_ptr_array_add (unique, g_date_time_ref (at));
    }

  return g_steal_pointer (&unique);
}

/**
 * lt_rules_reminder_instants_for_policy:
 * @policy: the support policy
 * @kind: the window's kind
 * @starts_at: when the window starts
 * @announced_at: (nullable): when it was announced
 * @now: the current instant
 *
 * Returns: (transfer full) (element-type GDateTime): see
 *   lt_rules_reminder_instants()
 */
GPtrArray *
lt_rules_reminder_instants_for_policy (LtPolicy          *policy,
                                       LtMaintenanceKind  kind,
                                       GDateTime         *starts_at,
                                       GDateTime         *announced_at,
                                       GDateTime         *now)
{
  const guint *leads;
  guint n_leads = 0;

  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);

  leads = lt_policy_get_reminder_lead_minutes (policy, &n_leads);
  return lt_rules_reminder_instants (kind, starts_at, announced_at, leads, n_leads, now);
}

/* ---- R10 Account and contacts ----------------------------------------- */

/**
 * lt_rules_invoice_is_overdue:
 * @paid: whether the invoice is paid
 * @invoice_date: the invoice's date
 * @today: the current date
 * @days: the policy's limit (§17: 60)
 *
 * "Older than sixty days" (§17): an invoice exactly @days old is not yet
 * overdue; one day more is.
 *
 * Returns: %TRUE when unpaid and more than @days calendar days old
 */
gboolean
lt_rules_invoice_is_overdue (gboolean     paid,
                             const GDate *invoice_date,
                             const GDate *today,
                             guint        days)
{
  g_return_val_if_fail (invoice_date != NULL && g_date_valid (invoice_date), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (paid)
    return FALSE;
  return g_date_days_between (invoice_date, today) > (gint) days;
}

/**
 * lt_rules_invoice_is_overdue_for_policy:
 * @policy: the support policy
 * @paid: whether the invoice is paid
 * @invoice_date: the invoice's date
 * @today: the current date
 *
 * Returns: see lt_rules_invoice_is_overdue()
 */
gboolean
lt_rules_invoice_is_overdue_for_policy (LtPolicy    *policy,
                                        gboolean     paid,
                                        const GDate *invoice_date,
                                        const GDate *today)
{
  g_return_val_if_fail (LT_IS_POLICY (policy), FALSE);

  return lt_rules_invoice_is_overdue (paid, invoice_date, today,
                                      lt_policy_get_invoice_suspension_days (policy));
}

/**
 * lt_rules_dup_invoice_warning:
 * @days: the policy's limit
 *
 * Returns: (transfer full): the persistent §17 warning, translated
 */
char *
lt_rules_dup_invoice_warning (guint days)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "An invoice is unpaid more than %u day after its date: "
                                       "LockThreat may suspend services, including anti-virus, backups, "
                                       "patching and monitoring (§17).",
                                       "An invoice is unpaid more than %u days after its date: "
                                       "LockThreat may suspend services, including anti-virus, backups, "
                                       "patching and monitoring (§17).",
                                       days),
                          days);
}

/**
 * lt_rules_shows_critical_phone:
 * @severity: the ticket's severity
 * @security_incident: whether it is a security incident
 *
 * R10, §18: the phone line is for critical issues only.
 *
 * Returns: %TRUE for S1 and for security incidents
 */
gboolean
lt_rules_shows_critical_phone (LtSeverity severity,
                               gboolean   security_incident)
{
  return severity == LT_SEVERITY_S1 || security_incident;
}

static gboolean
email_is_plausible (const char *email)
{
  const char *at = strchr (email, '@');
  const char *domain;
  const char *dot;
  gsize domain_len;

  if (at == NULL || at == email || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = email; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;

  domain = at + 1;
  domain_len = strlen (domain);
  dot = strchr (domain, '.');

  /* A host name with at least one dot, no empty labels: enough to catch a
   * typo without pretending to implement RFC 5322. */
  return dot != NULL && domain_len > 0 &&
         domain[0] != '.' && domain[domain_len - 1] != '.' &&
         strstr (domain, "..") == NULL &&
         email[0] != '.' && at[-1] != '.';
}

static gboolean
phone_is_plausible (const char *phone)
{
  guint digits = 0;
  const char *p = phone;

  if (*p == '+')
    p++;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == ' ' || *p == '-' || *p == '.' || *p == '(' || *p == ')' || *p == '/')
        continue;
      else
        break;
    }

  /* An optional extension: "x 12", "ext. 12", "ext 12". */
  if (*p != '\0')
    {
      guint ext_digits = 0;

      if (g_ascii_strncasecmp (p, "ext", 3) == 0)
        p += 3;
      else if (*p == 'x' || *p == 'X')
        p++;
      else
        return FALSE;
      if (*p == '.')
        p++;
      while (*p == ' ')
        p++;
      for (; g_ascii_isdigit (*p); p++)
        ext_digits++;
      if (*p != '\0' || ext_digits == 0)
        return FALSE;
    }

  /* E.164 numbers have at most 15 digits; fewer than 7 is no full number. */
  return digits >= 7 && digits <= 15;
}

/**
 * lt_rules_validate_primary_contact:
 * @name: (nullable): the contact's name
 * @email: (nullable): the contact's email address
 * @phone: (nullable): the contact's phone number
 * @error: set to %LT_ERROR_INVALID_INPUT naming the first bad field
 *
 * R10, §8: a primary technical contact with a name, an email address of a
 * plausible shape and a phone number is required before filing. Leading
 * and trailing spaces are ignored.
 *
 * Returns: %TRUE when the contact is complete
 */
gboolean
lt_rules_validate_primary_contact (const char  *name,
                                   const char  *email,
                                   const char  *phone,
                                   GError     **error)
{
  g_autofree char *name_s = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *email_s = g_strstrip (g_strdup (email != NULL ? email : ""));
  g_autofree char *phone_s = g_strstrip (g_strdup (phone != NULL ? phone : ""));

  if (*name_s == '\0')
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("The primary technical contact needs a name"));
      return FALSE;
    }

  if (*email_s == '\0')
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("The primary technical contact needs an email address"));
      return FALSE;
    }

  if (!email_is_plausible (email_s))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("Primary technical contact: “%s” does not look like an email address"),
                   email_s);
      return FALSE;
    }

  if (*phone_s == '\0')
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("The primary technical contact needs a phone number"));
      return FALSE;
    }

  if (!phone_is_plausible (phone_s))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("Primary technical contact: “%s” does not look like a phone number"),
                   phone_s);
      return FALSE;
    }

  return TRUE;
}

/* ---- R11 Escalation --------------------------------------------------- */

/**
 * lt_rules_max_escalation_level:
 * @levels: (array length=n_levels): the policy's escalation levels
 * @n_levels: their number
 *
 * Returns: the highest level, 0 when there is none
 */
guint
lt_rules_max_escalation_level (const LtEscalationLevel *levels,
                               guint                    n_levels)
{
  guint max = 0;

  g_return_val_if_fail (levels != NULL || n_levels == 0, 0);

  for (guint i = 0; i < n_levels; i++)
    max = MAX (max, levels[i].level);
  return max;
}

static const LtEscalationLevel *
find_level (const LtEscalationLevel *levels,
            guint                    n_levels,
            guint                    level)
{
  for (guint i = 0; i < n_levels; i++)
    if (levels[i].level == level)
      return &levels[i];
  return NULL;
}

/**
 * lt_rules_next_escalation:
 * @levels: (array length=n_levels): the policy's escalation levels
 * @n_levels: their number
 * @current_level: the ticket's level, 0 when not escalated
 * @error: %LT_ERROR_NOT_ALLOWED at the highest level,
 *   %LT_ERROR_INVALID_DATA when @levels skips the next level
 *
 * R11, §9: escalation goes one level at a time.
 *
 * Returns: (transfer none) (nullable): the next level, an element of
 *   @levels
 */
const LtEscalationLevel *
lt_rules_next_escalation (const LtEscalationLevel  *levels,
                          guint                     n_levels,
                          guint                     current_level,
                          GError                  **error)
{
  guint max;
  const LtEscalationLevel *next;

  g_return_val_if_fail (levels != NULL || n_levels == 0, NULL);

  max = lt_rules_max_escalation_level (levels, n_levels);
  if (max == 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("The policy defines no escalation levels"));
      return NULL;
    }

  if (current_level >= max)
    {
      const LtEscalationLevel *top = find_level (levels, n_levels, max);

      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("The ticket is already at the highest escalation level (%u, %s)"),
                   max, top->title != NULL ? top->title : "");
      return NULL;
    }

  next = find_level (levels, n_levels, current_level + 1);
  if (next == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("The policy has no escalation level %u"), current_level + 1);
      return NULL;
    }

  return next;
}

/**
 * lt_rules_next_escalation_for_policy:
 * @policy: the support policy
 * @current_level: the ticket's level, 0 when not escalated
 * @error: see lt_rules_next_escalation()
 *
 * Returns: (transfer none) (nullable): the next level
 */
const LtEscalationLevel *
lt_rules_next_escalation_for_policy (LtPolicy  *policy,
                                     guint      current_level,
                                     GError   **error)
{
  const LtEscalationLevel *levels;
  guint n_levels = 0;

  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);

  levels = lt_policy_get_escalation_levels (policy, &n_levels);
  return lt_rules_next_escalation (levels, n_levels, current_level, error);
}

/**
 * lt_rules_check_escalation_reason:
 * @reason: (nullable): the reason the customer gave
 * @error: set to %LT_ERROR_INVALID_INPUT when @reason is missing or blank
 *
 * R11: every escalation carries a reason.
 *
 * Returns: %TRUE when a reason is given
 */
gboolean
lt_rules_check_escalation_reason (const char  *reason,
                                  GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  if (*stripped != '\0')
    return TRUE;

  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("An escalation needs a reason"));
  return FALSE;
}

/**
 * lt_rules_escalation_suggested:
 * @sla_state: the ticket's response SLA state
 *
 * R11: suggested while the response is overdue. Once a late response came
 * (missed), the ticket is being worked on and escalating is the customer's
 * own call.
 *
 * Returns: %TRUE when the app should suggest escalating
 */
gboolean
lt_rules_escalation_suggested (LtSlaState sla_state)
{
  return sla_state == LT_SLA_STATE_BREACHED;
}

/* ---- R12 Reviews ------------------------------------------------------ */

/**
 * lt_rules_next_feature_review:
 * @today: the current date
 * @interval_months: months per review period (3: quarterly)
 * @next: (out caller-allocates): the first day of the period after the one
 *   containing @today
 *
 * R12, §15: periods start on 1 January and every @interval_months after
 * it within the year. "The next quarter" is the one after the current
 * quarter even on its first day: on 1 January the next review is 1 April.
 */
void
lt_rules_next_feature_review (const GDate *today,
                              guint        interval_months,
                              GDate       *next)
{
  guint month;
  guint next_month;
  GDateYear year;

  g_return_if_fail (today != NULL && g_date_valid (today));
  g_return_if_fail (interval_months > 0);
  g_return_if_fail (next != NULL);

  month = g_date_get_month (today);
  year = g_date_get_year (today);
  next_month = ((month - 1) / interval_months + 1) * interval_months + 1;

  g_date_clear (next, 1);
  if (next_month > 12)
    g_date_set_dmy (next, 1, G_DATE_JANUARY, year + 1);
  else
    g_date_set_dmy (next, 1, (GDateMonth) next_month, year);
}

/**
 * lt_rules_next_feature_review_for_policy:
 * @policy: the support policy
 * @today: the current date
 * @next: (out caller-allocates): see lt_rules_next_feature_review()
 */
void
lt_rules_next_feature_review_for_policy (LtPolicy    *policy,
                                         const GDate *today,
                                         GDate       *next)
{
  g_return_if_fail (LT_IS_POLICY (policy));

  lt_rules_next_feature_review (today, lt_policy_get_feature_review_interval_months (policy),
                                next);
}

/**
 * lt_rules_next_policy_review:
 * @updated: the policy's last update
 * @interval_months: months between reviews (6: semiannual)
 * @next: (out caller-allocates): @updated + @interval_months, the day
 *   clamped to the month
 */
void
lt_rules_next_policy_review (const GDate *updated,
                             guint        interval_months,
                             GDate       *next)
{
  g_return_if_fail (updated != NULL && g_date_valid (updated));
  g_return_if_fail (next != NULL);

  lt_date_add_months (updated, interval_months, next);
}

/**
 * lt_rules_next_policy_review_for_policy:
 * @policy: the support policy
 * @next: (out caller-allocates): the policy's next review date
 */
void
lt_rules_next_policy_review_for_policy (LtPolicy *policy,
                                        GDate    *next)
{
  g_return_if_fail (LT_IS_POLICY (policy));

  lt_rules_next_policy_review (lt_policy_get_updated_date (policy),
                               lt_policy_get_review_interval_months (policy), next);
}

/**
 * lt_rules_policy_review_is_overdue:
 * @next_review: the date the review is due
 * @today: the current date
 *
 * Returns: %TRUE when @today is after @next_review (on the day itself the
 *   review is due, not yet overdue)
 */
gboolean
lt_rules_policy_review_is_overdue (const GDate *next_review,
                                   const GDate *today)
{
  g_return_val_if_fail (next_review != NULL && g_date_valid (next_review), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  return g_date_compare (today, next_review) > 0;
}

/**
 * lt_rules_policy_review_is_overdue_for_policy:
 * @policy: the support policy
 * @today: the current date
 *
 * Returns: %TRUE when the policy's semiannual review is overdue at @today
 */
gboolean
lt_rules_policy_review_is_overdue_for_policy (LtPolicy    *policy,
                                              const GDate *today)
{
  GDate next;

  g_return_val_if_fail (LT_IS_POLICY (policy), FALSE);

  lt_rules_next_policy_review_for_policy (policy, &next);
  return lt_rules_policy_review_is_overdue (&next, today);
}
