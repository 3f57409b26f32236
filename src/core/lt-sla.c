/* lt-sla.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-sla"

#include "config.h"

#include "lt-sla.h"
#include "lt-date-util.h"

#include <glib/gi18n-lib.h>

/**
 * lt_sla_status_clear:
 * @status: a status filled by lt_sla_get_status()
 *
 * Frees what @status owns and resets it to "no target".
 */
void
lt_sla_status_clear (LtSlaStatus *status)
{
  g_return_if_fail (status != NULL);

  g_clear_pointer (&status->due, g_date_time_unref);
  status->state = LT_SLA_STATE_NONE;
  status->has_target = FALSE;
  status->target_minutes = 0;
  status->remaining_seconds = 0;
}

/**
 * lt_sla_response_due:
 * @calendar: the vendor's business calendar
 * @opened_at: (nullable): when the ticket was submitted
 * @target_minutes: the response target in business minutes
 *
 * R4: the first response is due @target_minutes of business time after
 * @opened_at. The calendar starts the clock at the next opening when
 * @opened_at is outside business hours and keeps a due instant that lands
 * exactly on closing time at closing time.
 *
 * Returns: (transfer full) (nullable): the due instant in UTC; %NULL when
 *   it would lie past the year 9999, and when @opened_at is unknown or not
 *   an instant lt_instant_is_supported() accepts (a row stored before the
 *   range was checked): no deadline is made up for a date that is not real
 */
GDateTime *
lt_sla_response_due (LtBusinessCalendar *calendar,
                     GDateTime          *opened_at,
                     guint               target_minutes)
{
  g_autoptr(GDateTime) due = NULL;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (calendar), NULL);

  if (!lt_instant_is_supported (opened_at))
    return NULL;
  due = lt_business_calendar_add_business_minutes (calendar, opened_at, target_minutes);
  /* Only a deadline beyond GDateTime's range (year 9999) has no instant. */
  if (due == NULL)
    return NULL;
  return g_date_time_to_utc (due);
}

/**
 * lt_sla_response_due_for_policy:
 * @policy: the support policy
 * @tier: the customer's tier
 * @severity: the ticket's severity
 * @opened_at: when the ticket was submitted
 *
 * Returns: (transfer full) (nullable): the due instant in UTC, or %NULL
 *   when the policy sets no response target for (@tier, @severity)
 */
GDateTime *
lt_sla_response_due_for_policy (LtPolicy   *policy,
                                LtTier      tier,
                                LtSeverity  severity,
                                GDateTime  *opened_at)
{
  guint minutes = 0;

  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);

  if (!lt_policy_get_response_minutes (policy, tier, severity, &minutes))
    return NULL;
  return lt_sla_response_due (lt_policy_get_calendar (policy), opened_at, minutes);
}

/**
 * lt_sla_remaining_seconds:
 * @calendar: the vendor's business calendar
 * @due: the response deadline
 * @now: the current instant
 *
 * Only business time counts: on a Friday evening, a response due at 09:00
 * on Monday is one business hour away.
 *
 * Returns: business seconds from @now to @due; negative once @due passed
 */
gint64
lt_sla_remaining_seconds (LtBusinessCalendar *calendar,
                          GDateTime          *due,
                          GDateTime          *now)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (calendar), 0);
  g_return_val_if_fail (due != NULL && now != NULL, 0);

  return lt_business_calendar_business_seconds_between (calendar, now, due);
}

/**
 * lt_sla_response_breached_for_due:
 * @due: (nullable): the response due, lt_sla_response_due(); %NULL past
 *   the year 9999
 * @now: the current instant
 *
 * R4: an unanswered response is breached from its due instant on.
 * Compared as instants, not business seconds: a due instant at closing
 * time is breached one second later even though no business time passes
 * until the next opening.
 *
 * Returns: %TRUE when an unanswered response is breached at @now
 */
gboolean
lt_sla_response_breached_for_due (GDateTime *due,
                                  GDateTime *now)
{
  g_return_val_if_fail (now != NULL, FALSE);

  return due != NULL && g_date_time_compare (now, due) >= 0;
}

/* The R4 decision once the due instant is known. Kept apart so that
 * lt_sla_get_status() computes the due instant and the remaining time once. */
static LtSlaState
decide_state (GDateTime *due,
              gint64     remaining_seconds,
              guint      target_minutes,
              double     at_risk_fraction,
              GDateTime *first_response_at,
              GDateTime *now)
{
  double threshold_seconds;

  /* A deadline past the year 9999 never comes. */
  if (due == NULL)
    return first_response_at != NULL ? LT_SLA_STATE_MET : LT_SLA_STATE_ON_TRACK;

  if (first_response_at != NULL)
    return g_date_time_compare (first_response_at, due) <= 0
           ? LT_SLA_STATE_MET : LT_SLA_STATE_MISSED;

  if (lt_sla_response_breached_for_due (due, now))
    return LT_SLA_STATE_BREACHED;

  threshold_seconds = at_risk_fraction * (double) target_minutes * 60.0;
  if ((double) remaining_seconds < threshold_seconds)
    return LT_SLA_STATE_AT_RISK;

  return LT_SLA_STATE_ON_TRACK;
}

/**
 * lt_sla_compute_state:
 * @calendar: the vendor's business calendar
 * @opened_at: (nullable): when the ticket was submitted
 * @target_minutes: the response target in business minutes
 * @at_risk_fraction: the share of the target below which the SLA is at risk
 * @first_response_at: (nullable): the vendor's first response, if any
 * @now: the current instant
 *
 * R4: %LT_SLA_STATE_MET or %LT_SLA_STATE_MISSED once answered (due
 * inclusive); otherwise %LT_SLA_STATE_BREACHED from the due instant on,
 * %LT_SLA_STATE_AT_RISK while less than @at_risk_fraction of the target is
 * left (exactly that share is still on track), else
 * %LT_SLA_STATE_ON_TRACK.
 *
 * Returns: the state at @now; %LT_SLA_STATE_NONE when @opened_at is
 *   unknown or outside lt_instant_is_supported()
 */
LtSlaState
lt_sla_compute_state (LtBusinessCalendar *calendar,
                      GDateTime          *opened_at,
                      guint               target_minutes,
                      double              at_risk_fraction,
                      GDateTime          *first_response_at,
                      GDateTime          *now)
{
  g_autoptr(GDateTime) due = NULL;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (calendar), LT_SLA_STATE_NONE);
  g_return_val_if_fail (now != NULL, LT_SLA_STATE_NONE);

  /* A date that is not real has no state, not "on track" for ever. */
  if (!lt_instant_is_supported (opened_at))
    return LT_SLA_STATE_NONE;
  due = lt_sla_response_due (calendar, opened_at, target_minutes);
  return lt_sla_compute_state_for_due (calendar, due, target_minutes, at_risk_fraction,
                                       first_response_at, now);
}

/**
 * lt_sla_compute_state_for_due:
 * @calendar: the vendor's business calendar
 * @due: (nullable): the response due, lt_sla_response_due(); %NULL past
 *   the year 9999
 * @target_minutes: the response target in business minutes
 * @at_risk_fraction: the share of the target below which the SLA is at risk
 * @first_response_at: (nullable): the vendor's first response, if any
 * @now: the current instant
 *
 * lt_sla_compute_state() of a ticket whose due instant is already known.
 *
 * Returns: the state at @now
 */
LtSlaState
lt_sla_compute_state_for_due (LtBusinessCalendar *calendar,
                              GDateTime          *due,
                              guint               target_minutes,
                              double              at_risk_fraction,
                              GDateTime          *first_response_at,
                              GDateTime          *now)
{
  gint64 remaining = G_MAXINT64;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (calendar), LT_SLA_STATE_NONE);
  g_return_val_if_fail (now != NULL, LT_SLA_STATE_NONE);

  /* The business time left decides only an unanswered response not yet
   * due; the notifier's search asks mostly of instants past it. */
  if (due != NULL && first_response_at == NULL && !lt_sla_response_breached_for_due (due, now))
    remaining = lt_sla_remaining_seconds (calendar, due, now);
  return decide_state (due, remaining, target_minutes, at_risk_fraction,
                       first_response_at, now);
}

/**
 * lt_sla_compute_state_for_policy:
 * @policy: the support policy
 * @tier: the customer's tier
 * @severity: the ticket's severity
 * @opened_at: when the ticket was submitted
 * @first_response_at: (nullable): the vendor's first response, if any
 * @now: the current instant
 *
 * Returns: the state at @now, %LT_SLA_STATE_NONE when the policy sets no
 *   target for (@tier, @severity)
 */
LtSlaState
lt_sla_compute_state_for_policy (LtPolicy   *policy,
                                 LtTier      tier,
                                 LtSeverity  severity,
                                 GDateTime  *opened_at,
                                 GDateTime  *first_response_at,
                                 GDateTime  *now)
{
  guint minutes = 0;

  g_return_val_if_fail (LT_IS_POLICY (policy), LT_SLA_STATE_NONE);

  if (!lt_policy_get_response_minutes (policy, tier, severity, &minutes))
    return LT_SLA_STATE_NONE;
  return lt_sla_compute_state (lt_policy_get_calendar (policy), opened_at, minutes,
                               lt_policy_get_sla_at_risk_fraction (policy),
                               first_response_at, now);
}

/**
 * lt_sla_get_status:
 * @calendar: the vendor's business calendar
 * @opened_at: when the ticket was submitted
 * @target_minutes: the response target in business minutes
 * @at_risk_fraction: the share of the target below which the SLA is at risk
 * @first_response_at: (nullable): the vendor's first response, if any
 * @now: the current instant
 * @status: (out caller-allocates): the result; clear it with
 *   lt_sla_status_clear(). An @opened_at that is unknown or outside
 *   lt_instant_is_supported() gives no target and %LT_SLA_STATE_NONE.
 */
void
lt_sla_get_status (LtBusinessCalendar *calendar,
                   GDateTime          *opened_at,
                   guint               target_minutes,
                   double              at_risk_fraction,
                   GDateTime          *first_response_at,
                   GDateTime          *now,
                   LtSlaStatus        *status)
{
  g_return_if_fail (status != NULL);

  *status = (LtSlaStatus) { .state = LT_SLA_STATE_NONE };

  g_return_if_fail (LT_IS_BUSINESS_CALENDAR (calendar));
  g_return_if_fail (now != NULL);

  if (!lt_instant_is_supported (opened_at))
    return;
  status->has_target = TRUE;
  status->target_minutes = target_minutes;
  status->due = lt_sla_response_due (calendar, opened_at, target_minutes);
  status->remaining_seconds = status->due != NULL
                              ? lt_sla_remaining_seconds (calendar, status->due, now)
                              : G_MAXINT64;
  status->state = decide_state (status->due, status->remaining_seconds,
                                target_minutes, at_risk_fraction,
                                first_response_at, now);
}

/**
 * lt_sla_get_status_for_policy:
 * @policy: the support policy
 * @tier: the customer's tier
 * @severity: the ticket's severity
 * @opened_at: when the ticket was submitted
 * @first_response_at: (nullable): the vendor's first response, if any
 * @now: the current instant
 * @status: (out caller-allocates): the result; without a target its state
 *   is %LT_SLA_STATE_NONE and @has_target %FALSE
 */
void
lt_sla_get_status_for_policy (LtPolicy    *policy,
                              LtTier       tier,
                              LtSeverity   severity,
                              GDateTime   *opened_at,
                              GDateTime   *first_response_at,
                              GDateTime   *now,
                              LtSlaStatus *status)
{
  guint minutes = 0;

  g_return_if_fail (status != NULL);

  *status = (LtSlaStatus) { .state = LT_SLA_STATE_NONE };

  g_return_if_fail (LT_IS_POLICY (policy));

  if (!lt_policy_get_response_minutes (policy, tier, severity, &minutes))
    return;
  lt_sla_get_status (lt_policy_get_calendar (policy), opened_at, minutes,
                     lt_policy_get_sla_at_risk_fraction (policy),
                     first_response_at, now, status);
}

/**
 * lt_sla_state_get_label:
 * @state: an SLA state
 *
 * Returns: (transfer none): a short translated label
 */
const char *
lt_sla_state_get_label (LtSlaState state)
{
  switch (state)
    {
    case LT_SLA_STATE_NONE:
      /* TRANSLATORS: SLA state of a ticket without a response target */
      return _("No target");
    case LT_SLA_STATE_ON_TRACK:
      return _("On track");
    case LT_SLA_STATE_AT_RISK:
      return _("At risk");
    case LT_SLA_STATE_BREACHED:
      return _("Breached");
    case LT_SLA_STATE_MET:
      return _("Met");
    case LT_SLA_STATE_MISSED:
      return _("Missed");
    default:
      g_return_val_if_reached ("");
    }
}
