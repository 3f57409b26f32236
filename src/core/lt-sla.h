/* lt-sla.h: response-time targets and SLA state of a ticket (RULES.md R4)
 *
 * Every function comes twice: one that takes the numbers explicitly (a
 * calendar, target minutes, the at-risk fraction) and a _for_policy wrapper
 * that reads them from an LtPolicy. `now` is always passed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"
#include "lt-business-calendar.h"
#include "lt-policy.h"

G_BEGIN_DECLS

/* What a countdown or a ticket list needs to show about the first-response
 * SLA at one instant. Clear with lt_sla_status_clear(). */
typedef struct
{
  LtSlaState  state;
  gboolean    has_target;          /* FALSE: no target (feature request) */
  guint       target_minutes;      /* 0 when !has_target */
  GDateTime  *due;                 /* UTC; NULL when !has_target (or past
                                    * the year 9999) */
  gint64      remaining_seconds;   /* business seconds from now to due;
                                    * negative once overdue; 0 when
                                    * !has_target */
} LtSlaStatus;

void        lt_sla_status_clear           (LtSlaStatus        *status);

/* Response due = @opened_at + @target_minutes of business time (R4):
 * a start outside business hours begins at the next opening; a due instant
 * exactly at closing time stays at closing time. Returns UTC; NULL past
 * the year 9999, and for an @opened_at that is NULL or outside
 * lt_instant_is_supported() (a bad row already in a database): every
 * function here gives "no value" (NULL, LT_SLA_STATE_NONE) for such an
 * opening rather than a made-up deadline. */
GDateTime  *lt_sla_response_due           (LtBusinessCalendar *calendar,
                                           GDateTime          *opened_at,
                                           guint               target_minutes);
/* NULL when the policy has no target for (@tier, @severity). */
GDateTime  *lt_sla_response_due_for_policy (LtPolicy          *policy,
                                            LtTier             tier,
                                            LtSeverity         severity,
                                            GDateTime         *opened_at);

/* Business seconds from @now until @due: positive before, 0 at, negative
 * after (R4 countdowns). */
gint64      lt_sla_remaining_seconds      (LtBusinessCalendar *calendar,
                                           GDateTime          *due,
                                           GDateTime          *now);

/* SLA state at @now (R4), in this order:
 * - @first_response_at set: MET when it is <= due, else MISSED;
 * - @now >= due: BREACHED;
 * - remaining business time < @at_risk_fraction × target: AT_RISK;
 * - else ON_TRACK. */
LtSlaState  lt_sla_compute_state          (LtBusinessCalendar *calendar,
                                           GDateTime          *opened_at,
                                           guint               target_minutes,
                                           double              at_risk_fraction,
                                           GDateTime          *first_response_at,
                                           GDateTime          *now);
/* An unanswered response is breached from its due instant on. */
gboolean    lt_sla_response_breached_for_due (GDateTime *due,
                                              GDateTime *now);
/* The same decision once the due instant (lt_sla_response_due()) is
 * known: a search over many instants of one ticket computes it once. */
LtSlaState  lt_sla_compute_state_for_due  (LtBusinessCalendar *calendar,
                                           GDateTime          *due,
                                           guint               target_minutes,
                                           double              at_risk_fraction,
                                           GDateTime          *first_response_at,
                                           GDateTime          *now);
/* LT_SLA_STATE_NONE when the policy has no target for (@tier, @severity). */
LtSlaState  lt_sla_compute_state_for_policy (LtPolicy         *policy,
                                             LtTier            tier,
                                             LtSeverity        severity,
                                             GDateTime        *opened_at,
                                             GDateTime        *first_response_at,
                                             GDateTime        *now);

/* Everything above at once; @status is overwritten (clear it after use). */
void        lt_sla_get_status             (LtBusinessCalendar *calendar,
                                           GDateTime          *opened_at,
                                           guint               target_minutes,
                                           double              at_risk_fraction,
                                           GDateTime          *first_response_at,
                                           GDateTime          *now,
                                           LtSlaStatus        *status);
void        lt_sla_get_status_for_policy  (LtPolicy           *policy,
                                           LtTier              tier,
                                           LtSeverity          severity,
                                           GDateTime          *opened_at,
                                           GDateTime          *first_response_at,
                                           GDateTime          *now,
                                           LtSlaStatus        *status);

/* A short translated label: "On track", "At risk", "Breached", "Met",
 * "Missed", "No target". */
const char *lt_sla_state_get_label        (LtSlaState          state);

G_END_DECLS
