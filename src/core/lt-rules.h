/* lt-rules.h: the policy's filing, change, maintenance, account, escalation
 * and review rules (RULES.md R6–R12)
 *
 * Each rule takes its numbers explicitly; a _for_policy wrapper reads them
 * from an LtPolicy. Dates and instants (`today`, `now`) are always passed
 * in. Returned instants are UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"
#include "lt-business-calendar.h"
#include "lt-policy.h"

G_BEGIN_DECLS

/* ---- R6 Severity (§4, §16) ------------------------------------------ */

/* The questionnaire's answers; TRUE = "yes". */
typedef struct
{
  gboolean security;       /* 1. a security incident */
  gboolean outage;         /* 2. completely non-functional, total outage */
  gboolean no_workaround;  /* 2. … and no workaround exists */
  gboolean all_users;      /* 2. … and all users are affected */
  gboolean degraded;       /* 3. significantly degraded, major disruption */
  gboolean limited;        /* 4. working, issues for limited users/features */
  gboolean enhancement;    /* 5. a new capability or enhancement */
  gboolean break_fix;      /* previously working, now broken (a flag only) */
} LtSeverityAnswers;

typedef struct
{
  LtSeverity  severity;
  gboolean    security_incident;
  gboolean    break_fix;
  char       *reason;      /* translated, one sentence */
} LtSeverityAssessment;

void        lt_severity_assessment_clear  (LtSeverityAssessment *assessment);

/* First matching question wins, in R6 order. LT_ERROR_INVALID_INPUT when
 * no question describing the impact was answered yes. */
gboolean    lt_rules_assess_severity      (const LtSeverityAnswers *answers,
                                           LtSeverityAssessment    *assessment,
                                           GError                 **error);

/* ---- R7 Scope (§5) --------------------------------------------------- */

typedef struct
{
  const LtScopeCategory *category;          /* borrowed from the input */
  gboolean               needs_acknowledgement; /* out of scope */
  char                  *warning;           /* translated; NULL in scope */
} LtScopeCheck;

void        lt_scope_check_clear          (LtScopeCheck *check);

/* LT_ERROR_INVALID_INPUT quoting @category_id when it is not listed. */
gboolean    lt_rules_check_scope          (const LtScopeCategory *categories,
                                           guint                  n_categories,
                                           const char            *category_id,
                                           LtScopeCheck          *check,
                                           GError               **error);
gboolean    lt_rules_check_scope_for_policy (LtPolicy          *policy,
                                             const char        *category_id,
                                             LtScopeCheck      *check,
                                             GError           **error);
/* The filing gate: LT_ERROR_NOT_ALLOWED when @check needs an
 * acknowledgement the user has not given. */
gboolean    lt_rules_scope_allows_filing  (const LtScopeCheck *check,
                                           gboolean            acknowledged,
                                           GError            **error);

/* ---- R8 Change notices (§6, §8) -------------------------------------- */

typedef struct
{
  GDate     earliest_start;       /* add_business_days (notice date, lead) */
  gboolean  late;                 /* planned start < earliest_start */
  guint     business_days_short;  /* business days in [start, earliest) */
  char     *warning;              /* translated, with the §6 liability
                                   * text; NULL when on time */
} LtChangeNoticeCheck;

void        lt_change_notice_check_clear  (LtChangeNoticeCheck *check);

/* @notice_date and @planned_start are vendor-local dates (use
 * lt_business_calendar_local_date() for an instant). */
void        lt_rules_check_change_notice  (LtBusinessCalendar  *calendar,
                                           const GDate         *notice_date,
                                           const GDate         *planned_start,
                                           guint                lead_business_days,
                                           LtChangeNoticeCheck *check);
void        lt_rules_check_change_notice_for_policy (LtPolicy            *policy,
                                                     const GDate         *notice_date,
                                                     const GDate         *planned_start,
                                                     LtChangeNoticeCheck *check);
/* R8 backwards: the last vendor-local date on which a notice for a change
 * starting on @planned_start is still on time (a notice that day is not
 * late). Cleared (invalid) when no date in the year before the start is. */
void        lt_rules_last_on_time_notice_date (LtBusinessCalendar *calendar,
                                               const GDate        *planned_start,
                                               guint               lead_business_days,
                                               GDate              *result);
void        lt_rules_last_on_time_notice_date_for_policy (LtPolicy    *policy,
                                                          const GDate *planned_start,
                                                          GDate       *result);
/* §6's liability sentence, translated. */
const char *lt_rules_change_liability_text (void);

/* A time span with an id: a vendor maintenance window, for instance. */
typedef struct
{
  const char *id;
  GDateTime  *starts_at;
  GDateTime  *ends_at;
} LtTimeSpan;

/* Half-open spans [start, end): spans that only touch do not overlap. */
gboolean    lt_rules_spans_overlap        (GDateTime *a_start,
                                           GDateTime *a_end,
                                           GDateTime *b_start,
                                           GDateTime *b_end);
/* The spans of @spans that overlap [@start, @end), in input order.
 * Returns: (transfer container) (element-type LtTimeSpan): pointers into
 * @spans. */
GPtrArray  *lt_rules_find_overlapping_spans (GDateTime        *start,
                                             GDateTime        *end,
                                             const LtTimeSpan *spans,
                                             guint             n_spans);

/* ---- R9 Maintenance (§10) -------------------------------------------- */

/* TRUE (flagged) when @announced_at is later than @starts_at minus
 * @notice_minutes. @short_by_seconds (optional): how much notice was
 * missing, 0 when not flagged. @warning (optional): translated text when
 * flagged, else NULL. */
gboolean    lt_rules_emergency_notice_is_short (GDateTime  *announced_at,
                                                GDateTime  *starts_at,
                                                guint       notice_minutes,
                                                gint64     *short_by_seconds,
                                                char      **warning);
gboolean    lt_rules_emergency_notice_is_short_for_policy (LtPolicy   *policy,
                                                           GDateTime  *announced_at,
                                                           GDateTime  *starts_at,
                                                           gint64     *short_by_seconds,
                                                           char      **warning);

/* @last + @interval_months calendar months (day clamped). */
void        lt_rules_next_upgrade_package (const GDate *last,
                                           guint        interval_months,
                                           GDate       *next);
void        lt_rules_next_upgrade_package_for_policy (LtPolicy    *policy,
                                                      const GDate *last,
                                                      GDate       *next);

/* Reminder instants for a window starting at @starts_at: @starts_at minus
 * each lead; an emergency window also reminds at once when announced
 * (at max (@announced_at, @now)). Instants before @now are dropped, as is
 * everything once @starts_at <= @now. Sorted, duplicates removed.
 * @announced_at may be NULL (no immediate reminder).
 * Returns: (transfer full) (element-type GDateTime): UTC instants */
GPtrArray  *lt_rules_reminder_instants    (LtMaintenanceKind  kind,
                                           GDateTime         *starts_at,
                                           GDateTime         *announced_at,
                                           const guint       *lead_minutes,
                                           guint              n_leads,
                                           GDateTime         *now);
GPtrArray  *lt_rules_reminder_instants_for_policy (LtPolicy          *policy,
                                                   LtMaintenanceKind  kind,
                                                   GDateTime         *starts_at,
                                                   GDateTime         *announced_at,
                                                   GDateTime         *now);

/* ---- R10 Account and contacts (§8, §17, §18) ------------------------- */

/* Unpaid and more than @days calendar days old at @today (exactly @days
 * old is not overdue). */
gboolean    lt_rules_invoice_is_overdue   (gboolean     paid,
                                           const GDate *invoice_date,
                                           const GDate *today,
                                           guint        days);
gboolean    lt_rules_invoice_is_overdue_for_policy (LtPolicy    *policy,
                                                    gboolean     paid,
                                                    const GDate *invoice_date,
                                                    const GDate *today);
/* The persistent §17 warning, translated, naming @days. */
char       *lt_rules_dup_invoice_warning  (guint        days);

/* The critical phone line is shown only for S1 and security incidents. */
gboolean    lt_rules_shows_critical_phone (LtSeverity   severity,
                                           gboolean     security_incident);

/* Name, an email of a plausible shape and a phone number are required
 * before filing. LT_ERROR_INVALID_INPUT naming the field and quoting it. */
gboolean    lt_rules_validate_primary_contact (const char  *name,
                                               const char  *email,
                                               const char  *phone,
                                               GError     **error);

/* ---- R11 Escalation (§9) --------------------------------------------- */

/* The level after @current_level (0 = not escalated), one at a time.
 * LT_ERROR_NOT_ALLOWED at the highest level; LT_ERROR_INVALID_DATA when
 * @levels has no entry for the next level.
 * Returns: (transfer none): an element of @levels, or NULL on error */
const LtEscalationLevel *lt_rules_next_escalation (const LtEscalationLevel *levels,
                                                   guint                    n_levels,
                                                   guint                    current_level,
                                                   GError                 **error);
const LtEscalationLevel *lt_rules_next_escalation_for_policy (LtPolicy  *policy,
                                                              guint      current_level,
                                                              GError   **error);
/* The highest level in @levels (0 when empty). */
guint       lt_rules_max_escalation_level (const LtEscalationLevel *levels,
                                           guint                    n_levels);
/* An escalation needs a reason: LT_ERROR_INVALID_INPUT when @reason is
 * NULL or blank. */
gboolean    lt_rules_check_escalation_reason (const char *reason,
                                              GError    **error);
/* Suggested while the response SLA is breached (not once met or missed). */
gboolean    lt_rules_escalation_suggested (LtSlaState   sla_state);

/* ---- R12 Feature reviews (§15) and policy review (§19) --------------- */

/* The first day of the next review period after @today, periods of
 * @interval_months starting each 1 January (3: quarterly). Strictly after
 * @today: on 1 January the next is 1 April. */
void        lt_rules_next_feature_review  (const GDate *today,
                                           guint        interval_months,
                                           GDate       *next);
void        lt_rules_next_feature_review_for_policy (LtPolicy    *policy,
                                                     const GDate *today,
                                                     GDate       *next);

/* @updated + @interval_months (day clamped). */
void        lt_rules_next_policy_review   (const GDate *updated,
                                           guint        interval_months,
                                           GDate       *next);
void        lt_rules_next_policy_review_for_policy (LtPolicy *policy,
                                                    GDate    *next);
/* Overdue once @today is after the due date (due on the date itself). */
gboolean    lt_rules_policy_review_is_overdue (const GDate *next_review,
                                               const GDate *today);
gboolean    lt_rules_policy_review_is_overdue_for_policy (LtPolicy    *policy,
                                                          const GDate *today);

G_END_DECLS
