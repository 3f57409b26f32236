/* lt-alerts.c: the deadline engine (docs/policy-rules.md, "Alerts")
 *
 * Every alert is first a candidate with the instant it comes due and the
 * instant it stops standing (none for news and for what only the input
 * can end); lt_alerts_compute() keeps those that stand at `now` and takes
 * `next` from the instants of all candidates. Each rule is the core's own
 * (lifecycle, SLA, rules, catalog): this file only asks them when.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-alerts"

#include "config.h"

#include "lt-alerts.h"
#include "lt-business-calendar.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-lifecycle.h"
#include "lt-release.h"
#include "lt-rules.h"
#include "lt-sla.h"
#include "lt-ticket-event.h"
#include "lt-version.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The first instant of GDateTime's range the rules accept: "long before
 * anything", for rules that drop what lies before their `now`. */
#define EARLIEST_UNIX G_GINT64_CONSTANT (-62135510400)

/* §6 "starts within 24 h without a review". */
#define UNREVIEWED_LEAD (24 * G_TIME_SPAN_HOUR)

/* How far back from a planned start the last on-time notice day is
 * looked for: the policy's lead time in business days, with weekends and
 * holidays, is far shorter. */

/* The summary names this many, then counts the rest. */
#define SUMMARY_NAMED 3

G_DEFINE_BOXED_TYPE (LtAlert, lt_alert, lt_alert_copy, lt_alert_free)

/**
 * lt_alert_copy:
 * @self: an alert
 *
 * Returns: (transfer full): a deep copy
 */
LtAlert *
lt_alert_copy (const LtAlert *self)
{
  LtAlert *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LtAlert, 1);
  copy->kind = self->kind;
  copy->key = g_strdup (self->key);
  copy->subject = g_strdup (self->subject);
  copy->subject_title = g_strdup (self->subject_title);
  copy->due = self->due != NULL ? g_date_time_ref (self->due) : NULL;
  copy->deadline = self->deadline != NULL ? g_date_time_ref (self->deadline) : NULL;
  copy->detail = g_strdup (self->detail);
  copy->urgent = self->urgent;
  return copy;
}

/**
 * lt_alert_free:
 * @self: (nullable): an alert
 */
void
lt_alert_free (LtAlert *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_free (self->subject);
  g_free (self->subject_title);
  g_clear_pointer (&self->due, g_date_time_unref);
  g_clear_pointer (&self->deadline, g_date_time_unref);
  g_free (self->detail);
  g_free (self);
}

static void
alert_button_free (LtAlertButton *button)
{
  g_free (button->target);
  g_free (button->label);
  g_free (button);
}

/**
 * lt_alert_refusal_new:
 * @key: the outbox item's key
 * @what: (nullable): what it was, translated
 * @reason: (nullable): the portal's reason
 * @failed_at: (nullable): when the portal refused it
 *
 * Returns: (transfer full): a refusal; free with lt_alert_refusal_free()
 */
LtAlertRefusal *
lt_alert_refusal_new (const char *key,
                      const char *what,
                      const char *reason,
                      GDateTime  *failed_at)
{
  LtAlertRefusal *self;

  g_return_val_if_fail (key != NULL, NULL);

  self = g_new0 (LtAlertRefusal, 1);
  self->key = g_strdup (key);
  self->what = g_strdup (what);
  self->reason = g_strdup (reason);
  self->failed_at = failed_at != NULL ? g_date_time_ref (failed_at) : NULL;
  return self;
}

/**
 * lt_alert_refusal_free:
 * @self: (nullable): a refusal
 */
void
lt_alert_refusal_free (LtAlertRefusal *self)
{
  if (self == NULL)
    return;
  g_free (self->key);
  g_free (self->what);
  g_free (self->reason);
  g_clear_pointer (&self->failed_at, g_date_time_unref);
  g_free (self);
}

/**
 * lt_alert_input_clear:
 * @input: an input
 *
 * Releases every member of @input and zeroes it.
 */
void
lt_alert_input_clear (LtAlertInput *input)
{
  g_return_if_fail (input != NULL);

  g_clear_object (&input->policy);
  g_clear_pointer (&input->tickets, g_ptr_array_unref);
  g_clear_pointer (&input->customer_names, g_strfreev);
  g_clear_pointer (&input->since, g_date_time_unref);
  g_clear_pointer (&input->change_notices, g_ptr_array_unref);
  g_clear_pointer (&input->maintenance_windows, g_ptr_array_unref);
  g_clear_pointer (&input->reminder_leads, g_free);
  g_clear_object (&input->catalog);
  g_clear_pointer (&input->installations, g_ptr_array_unref);
  g_clear_pointer (&input->invoices, g_ptr_array_unref);
  g_clear_pointer (&input->refusals, g_ptr_array_unref);
  *input = (LtAlertInput) { .tier = LT_TIER_ESSENTIAL };
}

/**
 * lt_alert_kind_is_news:
 * @kind: a kind
 *
 * Returns: %TRUE for a fact shown once (a ticket update, a review, a
 *   release), %FALSE for a condition that is withdrawn when it ends
 */
gboolean
lt_alert_kind_is_news (LtAlertKind kind)
{
  return kind == LT_ALERT_KIND_TICKET_UPDATE ||
         kind == LT_ALERT_KIND_CHANGE_REVIEWED ||
         kind == LT_ALERT_KIND_RELEASE;
}

/**
 * lt_alert_kind_to_nick:
 * @kind: a kind
 *
 * Returns: its nick ("awaiting-customer"), the word of the settings, the
 *   keys and the JSON
 */
const char *
lt_alert_kind_to_nick (LtAlertKind kind)
{
  return lt_enum_to_nick (LT_TYPE_ALERT_KIND, kind);
}

/**
 * lt_alert_kind_from_nick:
 * @nick: a kind's nick
 * @kind: (out): the kind
 *
 * Returns: %FALSE (and @kind untouched) for a word that names no kind
 */
gboolean
lt_alert_kind_from_nick (const char  *nick,
                         LtAlertKind *kind)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (nick == NULL || !lt_enum_from_nick (LT_TYPE_ALERT_KIND, nick, &value, NULL))
    return FALSE;
  *kind = value;
  return TRUE;
}

/* ---- candidates ---------------------------------------------------------- */

typedef struct
{
  LtAlert   *alert;
  GDateTime *until;   /* stops standing here; NULL: only the input ends it */
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  lt_alert_free (candidate->alert);
  g_clear_pointer (&candidate->until, g_date_time_unref);
  g_free (candidate);
}

static GDateTime *
to_utc (GDateTime *instant)
{
  return instant != NULL ? g_date_time_to_utc (instant) : NULL;
}

/* Takes @due, @deadline and @until (full); nothing is added when @due is
 * not a supported instant, or the alert would stop before it starts. */
static void
add_candidate (GPtrArray   *candidates,
               LtAlertKind  kind,
               char        *key,
               const char  *subject,
               const char  *subject_title,
               GDateTime   *due,
               GDateTime   *deadline,
               GDateTime   *until,
               char        *detail,
               gboolean     urgent)
{
  Candidate *candidate;

  if (!lt_instant_is_supported (due) ||
      (until != NULL && g_date_time_compare (until, due) <= 0))
    {
      g_free (key);
      g_clear_pointer (&due, g_date_time_unref);
      g_clear_pointer (&deadline, g_date_time_unref);
      g_clear_pointer (&until, g_date_time_unref);
      g_free (detail);
      return;
    }

  candidate = g_new0 (Candidate, 1);
  candidate->alert = g_new0 (LtAlert, 1);
  candidate->alert->kind = kind;
  candidate->alert->key = key;
  candidate->alert->subject = g_strdup (subject);
  candidate->alert->subject_title = g_strdup (subject_title);
  candidate->alert->due = to_utc (due);
  candidate->alert->deadline = to_utc (deadline);
  candidate->alert->detail = detail;
  candidate->alert->urgent = urgent;
  candidate->until = to_utc (until);
  g_date_time_unref (due);
  g_clear_pointer (&deadline, g_date_time_unref);
  g_clear_pointer (&until, g_date_time_unref);
  g_ptr_array_add (candidates, candidate);
}

static char *
make_key (LtAlertKind  kind,
          const char  *subject,
          GDateTime   *qualifier_instant)
{
  if (qualifier_instant != NULL)
    return g_strdup_printf ("%s:%s:%" G_GINT64_FORMAT, lt_alert_kind_to_nick (kind), subject,
                            g_date_time_to_unix (qualifier_instant));
  return g_strdup_printf ("%s:%s", lt_alert_kind_to_nick (kind), subject);
}

static gboolean
at_or_after (GDateTime *instant,
             GDateTime *since)
{
  return since == NULL || g_date_time_compare (instant, since) >= 0;
}

/* ---- tickets ------------------------------------------------------------- */

static void
add_ticket_updates (const LtAlertInput *input,
                    LtTicket           *ticket,
                    GPtrArray          *candidates)
{
  GListModel *events = lt_ticket_get_events (ticket);
  guint n = g_list_model_get_n_items (events);
  guint last_state_change = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtTicketEvent) event = g_list_model_get_item (events, i);

      if (lt_ticket_event_get_kind (event) == LT_TICKET_EVENT_KIND_STATE_CHANGE)
        last_state_change = i;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtTicketEvent) event = g_list_model_get_item (events, i);
      GDateTime *at = lt_ticket_event_get_at (event);
      const char *event_id = lt_ticket_event_get_id (event);
      char *detail;

      if (!lt_ticket_event_is_from_vendor (event, (const char * const *) input->customer_names) ||
          !lt_instant_is_supported (at) || !at_or_after (at, input->since))
        continue;

      switch (lt_ticket_event_get_kind (event))
        {
        case LT_TICKET_EVENT_KIND_COMMENT:
          /* An answer given with a change of state ("Which volume?" and
           * awaiting-customer) is one thing to tell: the state change. */
          if (i + 1 < n)
            {
              g_autoptr(LtTicketEvent) next = g_list_model_get_item (events, i + 1);

              if (lt_ticket_event_get_kind (next) == LT_TICKET_EVENT_KIND_STATE_CHANGE &&
                  lt_ticket_event_get_at (next) != NULL &&
                  g_date_time_equal (lt_ticket_event_get_at (next), at) &&
                  g_strcmp0 (lt_ticket_event_get_author (next), lt_ticket_event_get_author (event)) == 0)
                continue;
            }
          detail = g_strdup ("comment");
          break;
        case LT_TICKET_EVENT_KIND_ATTACHMENT:
          detail = g_strdup ("attachment");
          break;
        case LT_TICKET_EVENT_KIND_STATE_CHANGE:
          {
            LtTicketState to = lt_ticket_event_get_to_state (event);

            /* The ticket keeps only the reason of its latest closure. */
            if (to == LT_TICKET_STATE_CLOSED && i == last_state_change &&
                lt_ticket_get_state (ticket) == LT_TICKET_STATE_CLOSED &&
                lt_ticket_get_close_reason (ticket) != LT_CLOSE_REASON_NONE)
              detail = g_strdup_printf ("%s/%s", lt_enum_to_nick (LT_TYPE_TICKET_STATE, to),
                                        lt_enum_to_nick (LT_TYPE_CLOSE_REASON,
                                                         lt_ticket_get_close_reason (ticket)));
            else
              detail = g_strdup (lt_enum_to_nick (LT_TYPE_TICKET_STATE, to));
          }
          break;
        case LT_TICKET_EVENT_KIND_ESCALATION:
        default:
          continue;
        }

      add_candidate (candidates, LT_ALERT_KIND_TICKET_UPDATE,
                     g_strdup_printf ("%s:%s:%s",
                                      lt_alert_kind_to_nick (LT_ALERT_KIND_TICKET_UPDATE),
                                      lt_ticket_get_id (ticket), event_id),
                     lt_ticket_get_id (ticket), lt_ticket_get_title (ticket),
                     g_date_time_ref (at), NULL, NULL, detail, FALSE);
    }
}

/* The auto-close (§7, §13): one alert from entering the state, and for
 * awaiting-customer one more a business day before it closes. */
static void
add_auto_close (const LtAlertInput *input,
                LtTicket           *ticket,
                GPtrArray          *candidates)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (input->policy);
  LtTicketState state = lt_ticket_get_state (ticket);
  const char *id = lt_ticket_get_id (ticket);
  GDateTime *entered;
  g_autoptr(GDateTime) closes = NULL;

  if (state == LT_TICKET_STATE_AWAITING_CUSTOMER)
    entered = lt_ticket_get_awaiting_since (ticket);
  else if (state == LT_TICKET_STATE_RESOLVED)
    entered = lt_ticket_get_resolved_at (ticket);
  else
    return;
  if (!lt_instant_is_supported (entered))
    return;
  closes = lt_ticket_dup_auto_close_due (ticket, input->policy, NULL);
  if (closes == NULL)
    return;

  if (state == LT_TICKET_STATE_RESOLVED)
    {
      add_candidate (candidates, LT_ALERT_KIND_RESOLVED,
                     make_key (LT_ALERT_KIND_RESOLVED, id, entered),
                     id, lt_ticket_get_title (ticket),
                     g_date_time_ref (entered), g_date_time_ref (closes),
                     g_date_time_ref (closes), NULL, FALSE);
      return;
    }

  add_candidate (candidates, LT_ALERT_KIND_AWAITING_CUSTOMER,
                 make_key (LT_ALERT_KIND_AWAITING_CUSTOMER, id, entered),
                 id, lt_ticket_get_title (ticket),
                 g_date_time_ref (entered), g_date_time_ref (closes),
                 g_date_time_ref (closes), NULL, FALSE);
  add_candidate (candidates, LT_ALERT_KIND_AWAITING_CLOSING,
                 make_key (LT_ALERT_KIND_AWAITING_CLOSING, id, entered),
                 id, lt_ticket_get_title (ticket),
                 lt_business_calendar_business_day_before (calendar, closes),
                 g_date_time_ref (closes), g_date_time_ref (closes), NULL, TRUE);
}

static void
add_reopen_ending (const LtAlertInput *input,
                   LtTicket           *ticket,
                   GDateTime          *now,
                   GPtrArray          *candidates)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (input->policy);
  GDateTime *closed_at = lt_ticket_get_closed_at (ticket);
  g_autoptr(GDateTime) until = NULL;

  if (lt_ticket_get_state (ticket) != LT_TICKET_STATE_CLOSED ||
      !lt_instant_is_supported (closed_at))
    return;
  until = lt_ticket_dup_reopen_until (ticket, input->policy);
  /* Only while the lifecycle still lets the customer reopen it. */
  if (until == NULL ||
      !(lt_ticket_get_customer_actions (ticket, input->policy, now) & LT_CUSTOMER_ACTION_REOPEN))
    return;

  add_candidate (candidates, LT_ALERT_KIND_REOPEN_ENDING,
                 make_key (LT_ALERT_KIND_REOPEN_ENDING, lt_ticket_get_id (ticket), closed_at),
                 lt_ticket_get_id (ticket), lt_ticket_get_title (ticket),
                 lt_business_calendar_business_day_before (calendar, until),
                 g_date_time_ref (until), g_date_time_ref (until), NULL, FALSE);
}

/* What the bisection asks of one unanswered ticket at many instants:
 * its due instant is computed once (lt_ticket_get_sla_state() would walk
 * the calendar from the opening at every step). */
typedef struct
{
  LtBusinessCalendar *calendar;
  GDateTime          *due;
  guint               target_minutes;
  double              at_risk_fraction;
} SlaClock;

static gboolean
sla_reached (const SlaClock *clock,
             gint64          unix_seconds,
             gboolean        breached_only)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (unix_seconds);
  LtSlaState state;

  /* The breach needs no business time: not a calendar walk per step. */
  if (breached_only)
    return lt_sla_response_breached_for_due (clock->due, at);
  state = lt_sla_compute_state_for_due (clock->calendar, clock->due, clock->target_minutes,
                                        clock->at_risk_fraction, NULL, at);
  return state == LT_SLA_STATE_BREACHED || state == LT_SLA_STATE_AT_RISK;
}

/* The first whole second in [@from, @to] at which the ticket's SLA state
 * (R4, lt_sla_compute_state()) is at risk or breached (breached only
 * with @breached_only). The state only ever moves on from on-track, so
 * a bisection finds the instant the rule itself decides, whatever the
 * at-risk share and the calendar. NULL when it is not reached by @to. */
static GDateTime *
find_sla_onset (const SlaClock *clock,
                GDateTime      *from,
                GDateTime      *to,
                gboolean        breached_only)
{
  gint64 low = g_date_time_to_unix (from);
  gint64 high = g_date_time_to_unix (to);

  if (!sla_reached (clock, high, breached_only))
    return NULL;
  if (sla_reached (clock, low, breached_only))
    return g_date_time_new_from_unix_utc (low);
  /* Invariant: not reached at low, reached at high. */
  while (high - low > 1)
    {
      gint64 middle = low + (high - low) / 2;

      if (sla_reached (clock, middle, breached_only))
        high = middle;
      else
        low = middle;
    }
  return g_date_time_new_from_unix_utc (high);
}

static void
add_sla (const LtAlertInput *input,
         LtTicket           *ticket,
         GDateTime          *now,
         GPtrArray          *candidates)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (input->policy);
  GDateTime *opened_at = lt_ticket_get_opened_at (ticket);
  const char *id = lt_ticket_get_id (ticket);
  g_autoptr(GDateTime) response_due = NULL;
  g_autoptr(GDateTime) at_risk = NULL;
  g_autoptr(GDateTime) breached = NULL;
  g_autoptr(GDateTime) at_risk_due = NULL;
  g_autoptr(GDateTime) breached_due = NULL;
  const LtEscalationLevel *next_level = NULL;
  SlaClock clock = {
    .calendar = calendar,
    .at_risk_fraction = lt_policy_get_sla_at_risk_fraction (input->policy),
  };
  gboolean urgent_s1;

  if (lt_ticket_get_first_response_at (ticket) != NULL ||
      !lt_lifecycle_state_is_open (lt_ticket_get_state (ticket)) ||
      !lt_instant_is_supported (opened_at))
    return;
  if (!lt_policy_get_response_minutes (input->policy, input->tier,
                                       lt_ticket_get_severity (ticket), &clock.target_minutes))
    return;
  response_due = lt_sla_response_due (calendar, opened_at, clock.target_minutes);
  if (!lt_instant_is_supported (response_due))
    return;
  clock.due = response_due;

  breached = find_sla_onset (&clock, opened_at, response_due, TRUE);
  if (breached == NULL)
    return;
  /* Only while the vendor is open (§9): what happens at night is told at
   * the next opening. */
  breached_due = lt_business_calendar_next_opening (calendar, breached);
  /* A risk told before a breach that is told by @now stands no more, and
   * its instants are past: most open tickets of a large profile are long
   * breached, and the search of their risk was most of a look. */
  if (breached_due == NULL || g_date_time_compare (breached_due, now) > 0)
    {
      at_risk = find_sla_onset (&clock, opened_at, response_due, FALSE);
      if (at_risk != NULL && g_date_time_compare (at_risk, breached) < 0)
        at_risk_due = lt_business_calendar_next_opening (calendar, at_risk);
    }

  if (lt_ticket_get_customer_actions (ticket, input->policy, now) & LT_CUSTOMER_ACTION_ESCALATE)
    next_level = lt_ticket_get_next_escalation (ticket, input->policy, NULL);
  urgent_s1 = lt_ticket_get_severity (ticket) == LT_SEVERITY_S1;

  /* The breach replaces the risk when it is told, not before: nobody is
   * told of a breach at night, so the risk stands until the morning. */
  if (at_risk_due != NULL)
    add_candidate (candidates, LT_ALERT_KIND_SLA_AT_RISK,
                   make_key (LT_ALERT_KIND_SLA_AT_RISK, id, response_due),
                   id, lt_ticket_get_title (ticket),
                   g_steal_pointer (&at_risk_due), g_date_time_ref (response_due),
                   breached_due != NULL ? g_date_time_ref (breached_due) : NULL,
                   next_level != NULL ? g_strdup_printf ("%u", next_level->level) : NULL,
                   urgent_s1);
  if (breached_due != NULL)
    add_candidate (candidates, LT_ALERT_KIND_SLA_BREACHED,
                   make_key (LT_ALERT_KIND_SLA_BREACHED, id, response_due),
                   id, lt_ticket_get_title (ticket),
                   g_steal_pointer (&breached_due), g_date_time_ref (response_due), NULL,
                   next_level != NULL ? g_strdup_printf ("%u", next_level->level) : NULL,
                   TRUE);
}

static void
add_tickets (const LtAlertInput *input,
             GPtrArray          *tickets,
             GDateTime          *now,
             GPtrArray          *candidates)
{
  if (tickets == NULL)
    return;

  for (guint i = 0; i < tickets->len; i++)
    {
      LtTicket *ticket = g_ptr_array_index (tickets, i);

      /* A draft or a queued ticket is the admin's own and has no id. */
      if (!LT_IS_TICKET (ticket) || lt_ticket_get_id (ticket) == NULL)
        continue;
      add_ticket_updates (input, ticket, candidates);
      add_auto_close (input, ticket, candidates);
      add_reopen_ending (input, ticket, now, candidates);
      add_sla (input, ticket, now, candidates);
    }
}

/* ---- change notices ------------------------------------------------------ */

/* §6: the last vendor-local day on which a notice of @notice is not late
 * (R8 backwards, lt_rules_last_on_time_notice_date_for_policy()); FALSE
 * when there is none. */
static gboolean
find_last_notice_day (const LtAlertInput *input,
                      LtChangeNotice     *notice,
                      GDate              *last)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (input->policy);
  GDate start;

  lt_business_calendar_local_date (calendar, lt_change_notice_get_planned_start (notice), &start);
  if (!g_date_valid (&start))
    return FALSE;
  lt_rules_last_on_time_notice_date_for_policy (input->policy, &start, last);

  return g_date_valid (last);
}

static void
add_notice_due (const LtAlertInput *input,
                LtChangeNotice     *notice,
                GPtrArray          *candidates)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (input->policy);
  GDateTime *start = lt_change_notice_get_planned_start (notice);
  const char *local_id = lt_change_notice_get_local_id (notice);
  g_autoptr(GDateTime) day_before_start = NULL;
  g_autoptr(GDateTime) end = NULL;
  GDate last;
  GDate day_before;
  GDate after;

  if (local_id == NULL || !lt_instant_is_supported (start) ||
      !find_last_notice_day (input, notice, &last))
    return;

  lt_business_calendar_previous_business_day (calendar, &last, &day_before);
  if (!g_date_valid (&day_before))
    return;
  day_before_start = lt_business_calendar_start_of_day (calendar, &day_before);
  after = last;
  g_date_add_days (&after, 1);
  end = lt_business_calendar_start_of_day (calendar, &after);
  if (day_before_start == NULL || end == NULL)
    return;

  add_candidate (candidates, LT_ALERT_KIND_CHANGE_NOTICE_DUE,
                 make_key (LT_ALERT_KIND_CHANGE_NOTICE_DUE, local_id, start),
                 local_id, lt_change_notice_get_title (notice),
                 lt_business_calendar_next_opening (calendar, day_before_start),
                 g_date_time_ref (end), g_date_time_ref (end), NULL, FALSE);
}

static void
add_change_notices (const LtAlertInput *input,
                    GPtrArray          *candidates)
{
  if (input->change_notices == NULL)
    return;

  for (guint i = 0; i < input->change_notices->len; i++)
    {
      LtChangeNotice *notice = g_ptr_array_index (input->change_notices, i);
      const char *id;
      GDateTime *start;

      if (!LT_IS_CHANGE_NOTICE (notice))
        continue;
      id = lt_change_notice_get_id (notice);
      start = lt_change_notice_get_planned_start (notice);

      switch (lt_change_notice_get_state (notice))
        {
        case LT_CHANGE_STATE_DRAFT:
          add_notice_due (input, notice, candidates);
          break;
        case LT_CHANGE_STATE_REVIEWED:
          {
            GDateTime *updated = lt_change_notice_get_updated_at (notice);

            if (id == NULL || !lt_instant_is_supported (updated) ||
                !at_or_after (updated, input->since))
              break;
            add_candidate (candidates, LT_ALERT_KIND_CHANGE_REVIEWED,
                           make_key (LT_ALERT_KIND_CHANGE_REVIEWED, id, NULL),
                           id, lt_change_notice_get_title (notice),
                           g_date_time_ref (updated), NULL, NULL,
                           g_strdup (lt_enum_to_nick (LT_TYPE_REVIEW_OUTCOME,
                                                      lt_change_notice_get_review_outcome (notice))),
                           FALSE);
          }
          break;
        case LT_CHANGE_STATE_SUBMITTED:
        case LT_CHANGE_STATE_UNDER_REVIEW:
          if (id == NULL || !lt_instant_is_supported (start))
            break;
          add_candidate (candidates, LT_ALERT_KIND_CHANGE_UNREVIEWED,
                         make_key (LT_ALERT_KIND_CHANGE_UNREVIEWED, id, NULL),
                         id, lt_change_notice_get_title (notice),
                         g_date_time_add (start, -UNREVIEWED_LEAD), g_date_time_ref (start),
                         g_date_time_ref (start), NULL, FALSE);
          break;
        case LT_CHANGE_STATE_QUEUED:
        case LT_CHANGE_STATE_WITHDRAWN:
        default:
          break;
        }
    }
}

/* ---- maintenance --------------------------------------------------------- */

static guint
lead_of_reminder (GDateTime   *starts_at,
                  GDateTime   *reminder,
                  const guint *leads,
                  guint        n_leads)
{
  GTimeSpan before = g_date_time_difference (starts_at, reminder);

  if (before % G_TIME_SPAN_MINUTE == 0)
    for (guint i = 0; i < n_leads; i++)
      if ((GTimeSpan) leads[i] * G_TIME_SPAN_MINUTE == before)
        return leads[i];
  /* The emergency window's reminder at once. */
  return 0;
}

static void
add_maintenance (const LtAlertInput *input,
                 GPtrArray          *candidates)
{
  const guint *leads = input->reminder_leads;
  guint n_leads = input->n_reminder_leads;

  if (input->maintenance_windows == NULL)
    return;
  if (leads == NULL || n_leads == 0)
    leads = lt_policy_get_reminder_lead_minutes (input->policy, &n_leads);

  for (guint i = 0; i < input->maintenance_windows->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (input->maintenance_windows, i);
      g_autoptr(GDateTime) earliest = NULL;
      g_autoptr(GPtrArray) reminders = NULL;
      GDateTime *starts_at, *announced_at;
      LtMaintenanceKind kind;
      const char *id;

      if (!LT_IS_MAINTENANCE_WINDOW (window))
        continue;
      id = lt_maintenance_window_get_id (window);
      starts_at = lt_maintenance_window_get_starts_at (window);
      announced_at = lt_maintenance_window_get_announced_at (window);
      kind = lt_maintenance_window_get_kind (window);
      if (id == NULL || !lt_instant_is_supported (starts_at))
        continue;
      if (!lt_instant_is_supported (announced_at))
        announced_at = NULL;

      /* The rule drops reminders before its `now`; the engine wants them
       * all from the announcement on (one due while the app was not
       * running still stands until the window starts), and none from
       * before the window was known. */
      earliest = announced_at != NULL ? g_date_time_ref (announced_at)
                                      : g_date_time_new_from_unix_utc (EARLIEST_UNIX);
      reminders = lt_rules_reminder_instants (kind, starts_at, announced_at, leads, n_leads,
                                              earliest);
      for (guint j = 0; j < reminders->len; j++)
        {
          GDateTime *reminder = g_ptr_array_index (reminders, j);
          guint lead = lead_of_reminder (starts_at, reminder, leads, n_leads);

          add_candidate (candidates, LT_ALERT_KIND_MAINTENANCE,
                         g_strdup_printf ("%s:%s:%u",
                                          lt_alert_kind_to_nick (LT_ALERT_KIND_MAINTENANCE),
                                          id, lead),
                         id, lt_maintenance_window_get_title (window),
                         g_date_time_ref (reminder), g_date_time_ref (starts_at),
                         g_date_time_ref (starts_at), g_strdup_printf ("%u", lead),
                         kind == LT_MAINTENANCE_KIND_EMERGENCY);
        }
    }
}

/* ---- releases ------------------------------------------------------------ */

/* The catalog of the releases published up to @release's date, with or
 * without @release itself: what the catalog was just after and just
 * before it came out. NULL when that is no catalog (nothing left). */
static LtReleaseCatalog *
catalog_around (LtReleaseCatalog *catalog,
                LtRelease        *release,
                gboolean          with_release)
{
  g_autoptr(JsonNode) root = lt_release_catalog_to_json_node (catalog);
  JsonArray *all = json_object_get_array_member (json_node_get_object (root), "releases");
  g_autoptr(JsonArray) kept = json_array_new ();
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  const GDate *date = lt_release_get_released (release);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (catalog));

  /* to_json_node lists the releases in the model's order. */
  if (json_array_get_length (all) != n)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtRelease) other = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      const GDate *other_date = lt_release_get_released (other);

      if (other == release ? !with_release
                           : (other_date == NULL || g_date_compare (other_date, date) > 0))
        continue;
      json_array_add_element (kept, json_node_copy (json_array_get_element (all, i)));
    }
  if (json_array_get_length (kept) == 0)
    return NULL;
  json_object_set_array_member (object, "releases", g_steal_pointer (&kept));
  json_node_set_object (node, object);
  return lt_release_catalog_new_from_json_node (node, NULL);
}

static char *
name_without_newlines (LtInstallation *installation)
{
  const char *name = lt_installation_get_name (installation);

  return g_strdelimit (g_strdup (name != NULL ? name : lt_installation_get_id (installation)),
                       "\n\r", ' ');
}

/* "unsupported: a, b" and "next-ends-support: c", one line each, only
 * the lines that name someone. */
static char *
describe_release (const LtAlertInput *input,
                  LtRelease          *release)
{
  g_autoptr(LtReleaseCatalog) before = catalog_around (input->catalog, release, FALSE);
  g_autoptr(LtReleaseCatalog) after = catalog_around (input->catalog, release, TRUE);
  g_autoptr(GPtrArray) fell = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) last = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) detail = g_string_new (NULL);

  if (after == NULL || input->installations == NULL)
    return NULL;

  for (guint i = 0; i < input->installations->len; i++)
    {
      LtInstallation *installation = g_ptr_array_index (input->installations, i);
      g_autoptr(LtEligibility) now = NULL;
      g_autoptr(LtEligibility) then = NULL;

      if (!LT_IS_INSTALLATION (installation))
        continue;
      now = lt_installation_check_eligibility (installation, after, input->policy, NULL);
      if (now == NULL)
        continue;
      if (before != NULL)
        then = lt_installation_check_eligibility (installation, before, input->policy, NULL);

      if (now->status == LT_SUPPORT_STATUS_UNSUPPORTED && then != NULL &&
          (then->status == LT_SUPPORT_STATUS_SUPPORTED ||
           then->status == LT_SUPPORT_STATUS_CURRENT))
        g_ptr_array_add (fell, name_without_newlines (installation));
      else if (now->releases_until_unsupported == 1)
        g_ptr_array_add (last, name_without_newlines (installation));
    }

  if (fell->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (fell, NULL);
      names = g_strjoinv (", ", (char **) fell->pdata);
      g_string_append_printf (detail, "unsupported: %s", names);
    }
  if (last->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (last, NULL);
      names = g_strjoinv (", ", (char **) last->pdata);
      g_string_append_printf (detail, "%snext-ends-support: %s", detail->len > 0 ? "\n" : "",
                              names);
    }
  return detail->len > 0 ? g_string_free (g_steal_pointer (&detail), FALSE) : NULL;
}

static void
add_releases (const LtAlertInput *input,
              GPtrArray          *candidates)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (input->policy);
  GDate since_date;
  guint n;

  if (input->catalog == NULL)
    return;
  g_date_clear (&since_date, 1);
  if (lt_instant_is_supported (input->since))
    lt_business_calendar_local_date (calendar, input->since, &since_date);

  n = g_list_model_get_n_items (G_LIST_MODEL (input->catalog));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (G_LIST_MODEL (input->catalog), i);
      const GDate *released = lt_release_get_released (release);
      const char *version = lt_version_to_string (lt_release_get_version (release));

      if (released == NULL || !g_date_valid (released) || lt_release_get_withdrawn (release) ||
          (g_date_valid (&since_date) && g_date_compare (released, &since_date) < 0))
        continue;

      add_candidate (candidates, LT_ALERT_KIND_RELEASE,
                     make_key (LT_ALERT_KIND_RELEASE, version, NULL),
                     version, version,
                     lt_business_calendar_start_of_day (calendar, released), NULL, NULL,
                     describe_release (input, release), FALSE);
    }
}

/* ---- invoices and refusals ----------------------------------------------- */

static void
add_invoices (const LtAlertInput *input,
              GPtrArray          *candidates)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (input->policy);
  guint days = lt_policy_get_invoice_suspension_days (input->policy);

  if (input->invoices == NULL)
    return;

  for (guint i = 0; i < input->invoices->len; i++)
    {
      LtInvoice *invoice = g_ptr_array_index (input->invoices, i);
      g_autoptr(GDateTime) overdue_at = NULL;
      GDate day;
      guint steps = 0;

      if (invoice == NULL || invoice->id == NULL || invoice->paid ||
          !g_date_valid (&invoice->issued) || g_date_get_year (&invoice->issued) > 9999)
        continue;

      /* The first day the §17 rule calls overdue, found by the rule. */
      day = invoice->issued;
      if (g_date_get_julian (&day) + days > G_MAXUINT32 - 8)
        continue;
      g_date_add_days (&day, days);
      while (!lt_rules_invoice_is_overdue_for_policy (input->policy, FALSE, &invoice->issued, &day) &&
             steps++ < 4)
        g_date_add_days (&day, 1);
      if (!lt_rules_invoice_is_overdue_for_policy (input->policy, FALSE, &invoice->issued, &day))
        continue;
      overdue_at = lt_business_calendar_start_of_day (calendar, &day);
      if (overdue_at == NULL)
        continue;

      add_candidate (candidates, LT_ALERT_KIND_INVOICE_OVERDUE,
                     make_key (LT_ALERT_KIND_INVOICE_OVERDUE, invoice->id, NULL),
                     invoice->id, invoice->id,
                     g_date_time_ref (overdue_at), g_date_time_ref (overdue_at), NULL,
                     g_strdup_printf ("%u", days), TRUE);
    }
}

static void
add_refusals (const LtAlertInput *input,
              GPtrArray          *candidates)
{
  if (input->refusals == NULL)
    return;

  for (guint i = 0; i < input->refusals->len; i++)
    {
      LtAlertRefusal *refusal = g_ptr_array_index (input->refusals, i);

      if (refusal == NULL || refusal->key == NULL || !lt_instant_is_supported (refusal->failed_at))
        continue;
      add_candidate (candidates, LT_ALERT_KIND_OUTBOX_REFUSED,
                     make_key (LT_ALERT_KIND_OUTBOX_REFUSED, refusal->key, NULL),
                     refusal->key, refusal->what,
                     g_date_time_ref (refusal->failed_at), NULL, NULL,
                     g_strdup (refusal->reason), FALSE);
    }
}

/* ---- compute ------------------------------------------------------------- */

static int
compare_alerts (gconstpointer a,
                gconstpointer b)
{
  const LtAlert *x = *(const LtAlert * const *) a;
  const LtAlert *y = *(const LtAlert * const *) b;
  int by_due = g_date_time_compare (x->due, y->due);

  return by_due != 0 ? by_due : strcmp (x->key, y->key);
}

static void
consider_next (GDateTime  *instant,
               GDateTime  *now,
               GDateTime **next)
{
  if (instant == NULL || g_date_time_compare (instant, now) <= 0)
    return;
  if (*next == NULL || g_date_time_compare (instant, *next) < 0)
    {
      g_clear_pointer (next, g_date_time_unref);
      *next = g_date_time_ref (instant);
    }
}

struct _LtAlertCollector
{
  GDateTime *now;
  GPtrArray *alerts;    /* LtAlert, standing at now, in the candidates' order */
  GDateTime *first;     /* the first instant after now at which they change */
};

/**
 * lt_alert_collector_new:
 * @now: the instant
 *
 * Returns: (transfer full): a collector of the alerts that stand at @now;
 *   free with lt_alert_collector_free()
 */
LtAlertCollector *
lt_alert_collector_new (GDateTime *now)
{
  LtAlertCollector *self;

  g_return_val_if_fail (now != NULL, NULL);

  self = g_new0 (LtAlertCollector, 1);
  self->now = g_date_time_ref (now);
  self->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_free);
  return self;
}

/**
 * lt_alert_collector_free:
 * @self: (nullable): a collector
 */
void
lt_alert_collector_free (LtAlertCollector *self)
{
  if (self == NULL)
    return;
  g_date_time_unref (self->now);
  g_clear_pointer (&self->alerts, g_ptr_array_unref);
  g_clear_pointer (&self->first, g_date_time_unref);
  g_free (self);
}

/* Keeps the alerts of @candidates that stand at now and the instants at
 * which any of them changes; the candidates are then spent. */
static void
collect (LtAlertCollector *self,
         GPtrArray        *candidates)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = g_ptr_array_index (candidates, i);

      consider_next (candidate->alert->due, self->now, &self->first);
      consider_next (candidate->until, self->now, &self->first);
      if (g_date_time_compare (candidate->alert->due, self->now) <= 0 &&
          (candidate->until == NULL || g_date_time_compare (self->now, candidate->until) < 0))
        {
          g_ptr_array_add (self->alerts, g_steal_pointer (&candidate->alert));
        }
    }
}

/**
 * lt_alert_collector_add_tickets:
 * @self: a collector
 * @input: the policy, customer names, since and tier (its tickets are not
 *   looked at)
 * @tickets: (element-type LtTicket): some of the tickets, each given once
 *
 * Keeps the alerts of @tickets: a ticket's alerts depend on that ticket
 * and on @input's policy, customer names, since and tier only, so the
 * tickets can be given a slice at a time and freed in between.
 */
void
lt_alert_collector_add_tickets (LtAlertCollector   *self,
                                const LtAlertInput *input,
                                GPtrArray          *tickets)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);

  g_return_if_fail (self != NULL && self->alerts != NULL);
  g_return_if_fail (input != NULL);
  g_return_if_fail (LT_IS_POLICY (input->policy));

  add_tickets (input, tickets, self->now, candidates);
  collect (self, candidates);
}

/**
 * lt_alert_collector_finish:
 * @self: a collector, given every ticket (lt_alert_collector_add_tickets())
 * @input: the rest of what the store knows (its tickets are not looked at)
 * @next: (out) (optional) (nullable) (transfer full): the first instant
 *   after now at which an alert comes due or stops standing
 *
 * Adds the alerts of the change notices, maintenance windows, releases,
 * invoices and refusals of @input to those of the tickets. The collector
 * is spent: only lt_alert_collector_free() may follow.
 *
 * Returns: (transfer container) (element-type LtAlert): the alerts that
 *   stand at now, by due instant, then key: what lt_alerts_compute()
 *   returns for @input with the same tickets
 */
GPtrArray *
lt_alert_collector_finish (LtAlertCollector    *self,
                           const LtAlertInput  *input,
                           GDateTime          **next)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  GPtrArray *alerts;

  if (next != NULL)
    *next = NULL;
  g_return_val_if_fail (self != NULL && self->alerts != NULL, NULL);
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (LT_IS_POLICY (input->policy), NULL);

  add_change_notices (input, candidates);
  add_maintenance (input, candidates);
  add_releases (input, candidates);
  add_invoices (input, candidates);
  add_refusals (input, candidates);
  collect (self, candidates);

  alerts = g_steal_pointer (&self->alerts);
  g_ptr_array_sort (alerts, compare_alerts);
  if (next != NULL)
    *next = g_steal_pointer (&self->first);
  return alerts;
}

/**
 * lt_alerts_compute:
 * @input: what the store knows
 * @now: the instant
 * @next: (out) (optional) (nullable) (transfer full): the first instant
 *   after @now at which an alert comes due or stops standing
 *
 * The rule of each kind is in docs/policy-rules.md, "Alerts (the deadline
 * engine)". An alert stands from its due instant (inclusive) until the
 * instant it ends (exclusive); news stands from its due instant on.
 * Dates that are %NULL or not lt_instant_is_supported() give no alert.
 *
 * Returns: (transfer container) (element-type LtAlert): the alerts that
 *   stand at @now, by due instant, then key
 */
GPtrArray *
lt_alerts_compute (const LtAlertInput  *input,
                   GDateTime           *now,
                   GDateTime          **next)
{
  g_autoptr(LtAlertCollector) collector = NULL;

  if (next != NULL)
    *next = NULL;
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (LT_IS_POLICY (input->policy), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  collector = lt_alert_collector_new (now);
  lt_alert_collector_add_tickets (collector, input, input->tickets);
  return lt_alert_collector_finish (collector, input, next);
}

/* ---- texts --------------------------------------------------------------- */

/* "Thu 10:00" within a week of @reference, else "24 Dec, 10:00" (the
 * app's short format, the same message). */
static char *
format_when (GDateTime *instant,
             GDateTime *reference,
             GTimeZone *zone)
{
  g_autoptr(GDateTime) local = NULL;
  GTimeSpan apart;

  if (!lt_instant_is_supported (instant))
    return g_strdup (lt_instant_get_invalid_label ());
  local = g_date_time_to_timezone (instant, zone);
  if (local == NULL)
    return g_strdup (lt_instant_get_invalid_label ());
  apart = reference != NULL ? g_date_time_difference (instant, reference) : G_MAXINT64;
  if (apart > -7 * G_TIME_SPAN_DAY && apart < 7 * G_TIME_SPAN_DAY)
    /* TRANSLATORS: a deadline within a week, g_date_time_format(): "Thu 10:00" */
    return g_date_time_format (local, _("%a %H:%M"));
  /* TRANSLATORS: a date and time in a table, this year: "30 Nov, 09:10" */
  return g_date_time_format (local, _("%-d %b, %H:%M"));
}

static const char *
title_of (const LtAlert *alert)
{
  return alert->subject_title != NULL && *alert->subject_title != '\0'
         ? alert->subject_title : alert->subject;
}

static char *
dup_update_title (const LtAlert *alert)
{
  const char *detail = alert->detail != NULL ? alert->detail : "";
  g_auto(GStrv) parts = g_strsplit (detail, "/", 2);
  int state = -1;
  int reason = LT_CLOSE_REASON_NONE;

  if (g_str_equal (detail, "comment"))
    return g_strdup_printf (_("LockThreat commented on %s"), alert->subject);
  if (g_str_equal (detail, "attachment"))
    return g_strdup_printf (_("LockThreat attached a file to %s"), alert->subject);

  if (parts[0] != NULL)
    lt_enum_from_nick (LT_TYPE_TICKET_STATE, parts[0], &state, NULL);
  if (parts[0] != NULL && parts[1] != NULL)
    lt_enum_from_nick (LT_TYPE_CLOSE_REASON, parts[1], &reason, NULL);

  switch (state)
    {
    case LT_TICKET_STATE_TRIAGED:
      return g_strdup_printf (_("LockThreat triaged %s"), alert->subject);
    case LT_TICKET_STATE_IN_PROGRESS:
      return g_strdup_printf (_("%s is in progress"), alert->subject);
    case LT_TICKET_STATE_AWAITING_CUSTOMER:
      return g_strdup_printf (_("LockThreat asked you about %s"), alert->subject);
    case LT_TICKET_STATE_RESOLVED:
      return g_strdup_printf (_("%s was resolved"), alert->subject);
    case LT_TICKET_STATE_CLOSED:
      if (reason != LT_CLOSE_REASON_NONE)
        /* TRANSLATORS: "LT-000139 was closed: No customer response" */
        return g_strdup_printf (_("%s was closed: %s"), alert->subject,
                                lt_close_reason_get_label (reason));
      return g_strdup_printf (_("%s was closed"), alert->subject);
    case LT_TICKET_STATE_REOPENED:
      return g_strdup_printf (_("%s was reopened"), alert->subject);
    default:
      return g_strdup_printf (_("%s was updated"), alert->subject);
    }
}

static guint
detail_number (const LtAlert *alert)
{
  guint64 value = 0;

  if (alert->detail == NULL ||
      !g_ascii_string_to_unsigned (alert->detail, 10, 0, G_MAXUINT, &value, NULL))
    return 0;
  return (guint) value;
}

static char *
dup_lead_text (guint minutes)
{
  if (minutes % (24 * 60) == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", minutes / (24 * 60)),
                            minutes / (24 * 60));
  if (minutes % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", minutes / 60),
                            minutes / 60);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                          minutes);
}

/**
 * lt_alert_dup_title:
 * @alert: an alert
 * @zone: the admin's time zone
 *
 * Returns: (transfer full): the notification's title, translated
 */
char *
lt_alert_dup_title (const LtAlert *alert,
                    GTimeZone     *zone)
{
  g_return_val_if_fail (alert != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  switch (alert->kind)
    {
    case LT_ALERT_KIND_TICKET_UPDATE:
      return dup_update_title (alert);
    case LT_ALERT_KIND_AWAITING_CUSTOMER:
      return g_strdup_printf (_("%s awaits your answer"), alert->subject);
    case LT_ALERT_KIND_AWAITING_CLOSING:
      return g_strdup_printf (_("%s closes within a business day"), alert->subject);
    case LT_ALERT_KIND_RESOLVED:
      return g_strdup_printf (_("%s was resolved: confirm or say it is not fixed"),
                              alert->subject);
    case LT_ALERT_KIND_REOPEN_ENDING:
      return g_strdup_printf (_("Last business day to reopen %s"), alert->subject);
    case LT_ALERT_KIND_SLA_AT_RISK:
      return g_strdup_printf (_("%s: first response at risk"), alert->subject);
    case LT_ALERT_KIND_SLA_BREACHED:
      return g_strdup_printf (_("%s: first response overdue"), alert->subject);
    case LT_ALERT_KIND_CHANGE_REVIEWED:
      if (g_strcmp0 (alert->detail, "concerns") == 0)
        return g_strdup (_("LockThreat has concerns about a change"));
      return g_strdup (_("LockThreat reviewed a change: no concerns"));
    case LT_ALERT_KIND_CHANGE_UNREVIEWED:
      return g_strdup (_("A change starts within 24 hours without a review"));
    case LT_ALERT_KIND_CHANGE_NOTICE_DUE:
      return g_strdup (_("Last chance to give notice of a change on time"));
    case LT_ALERT_KIND_MAINTENANCE:
      {
        g_autofree char *lead = NULL;

        if (detail_number (alert) == 0)
          return g_strdup (_("Emergency maintenance announced"));
        lead = dup_lead_text (detail_number (alert));
        /* TRANSLATORS: "Maintenance in 24 hours" */
        return g_strdup_printf (_("Maintenance in %s"), lead);
      }
    case LT_ALERT_KIND_RELEASE:
      return g_strdup_printf (_("LockThreat %s was released"), alert->subject);
    case LT_ALERT_KIND_INVOICE_OVERDUE:
      return g_strdup_printf (_("Invoice %s is overdue"), alert->subject);
    case LT_ALERT_KIND_OUTBOX_REFUSED:
      return g_strdup_printf (_("The portal refused: %s"), title_of (alert));
    default:
      g_return_val_if_reached (NULL);
    }
}

static char *
dup_release_body (const LtAlert *alert)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_auto(GStrv) lines = g_strsplit (alert->detail != NULL ? alert->detail : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "unsupported: "))
        g_string_append_printf (body, _("No longer supported: %s. "),
                                lines[i] + strlen ("unsupported: "));
      else if (g_str_has_prefix (lines[i], "next-ends-support: "))
        g_string_append_printf (body, _("The next release ends support for: %s. "),
                                lines[i] + strlen ("next-ends-support: "));
    }
  if (body->len == 0)
    g_string_append (body, _("Your installations keep their support. "));
  g_string_append (body, _("(§11)"));
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/**
 * lt_alert_dup_body:
 * @alert: an alert
 * @zone: the admin's time zone
 *
 * Returns: (transfer full): the notification's body, translated, with
 *   instants in @zone
 */
char *
lt_alert_dup_body (const LtAlert *alert,
                   GTimeZone     *zone)
{
  g_autofree char *when = NULL;

  g_return_val_if_fail (alert != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  when = format_when (alert->deadline, alert->due, zone);

  switch (alert->kind)
    {
    case LT_ALERT_KIND_TICKET_UPDATE:
      return g_strdup (title_of (alert));
    case LT_ALERT_KIND_AWAITING_CUSTOMER:
      /* TRANSLATORS: "Answer by Thu 10:00 or it closes (§13): Disk full" */
      return g_strdup_printf (_("Answer by %s or it closes (§13): %s"), when, title_of (alert));
    case LT_ALERT_KIND_AWAITING_CLOSING:
      return g_strdup_printf (_("Less than one business day left: answer by %s or it closes (§13): %s"),
                              when, title_of (alert));
    case LT_ALERT_KIND_RESOLVED:
      return g_strdup_printf (_("Confirm the fix or say it is not fixed by %s, or it closes (§7): %s"),
                              when, title_of (alert));
    case LT_ALERT_KIND_REOPEN_ENDING:
      return g_strdup_printf (_("It can be reopened until %s; after that only a new ticket can follow it up (§14): %s"),
                              when, title_of (alert));
    case LT_ALERT_KIND_SLA_AT_RISK:
      return g_strdup_printf (_("LockThreat's first response is due %s (§9): %s"),
                              when, title_of (alert));
    case LT_ALERT_KIND_SLA_BREACHED:
      if (alert->detail != NULL)
        return g_strdup_printf (_("LockThreat's first response was due %s; you can escalate (§9): %s"),
                                when, title_of (alert));
      return g_strdup_printf (_("LockThreat's first response was due %s (§9): %s"),
                              when, title_of (alert));
    case LT_ALERT_KIND_CHANGE_REVIEWED:
      return g_strdup_printf (_("Review of “%s” (§6)"), title_of (alert));
    case LT_ALERT_KIND_CHANGE_UNREVIEWED:
      return g_strdup_printf (_("“%s” starts %s and LockThreat has not reviewed it (§6)"),
                              title_of (alert), when);
    case LT_ALERT_KIND_CHANGE_NOTICE_DUE:
      return g_strdup_printf (_("Send the notice of “%s” before %s to give LockThreat its lead time (§6)"),
                              title_of (alert), when);
    case LT_ALERT_KIND_MAINTENANCE:
      return g_strdup_printf (_("%s starts %s (§10)"), title_of (alert), when);
    case LT_ALERT_KIND_RELEASE:
      return dup_release_body (alert);
    case LT_ALERT_KIND_INVOICE_OVERDUE:
      return lt_rules_dup_invoice_warning (detail_number (alert));
    case LT_ALERT_KIND_OUTBOX_REFUSED:
      if (alert->detail != NULL)
        /* TRANSLATORS: the portal's reason for refusing an item */
        return g_strdup_printf (_("It will not be sent: %s"), alert->detail);
      return g_strdup (_("It will not be sent."));
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
add_button (GPtrArray  *buttons,
            const char *action,
            const char *target,
            const char *label)
{
  LtAlertButton *button = g_new0 (LtAlertButton, 1);

  button->action = action;
  button->target = g_strdup (target);
  button->label = g_strdup (label);
  g_ptr_array_add (buttons, button);
}

/**
 * lt_alert_dup_buttons:
 * @alert: an alert
 *
 * Returns: (transfer container) (element-type LtAlertButton): the
 *   buttons, the default action (opening the subject) first; the SLA
 *   kinds add "Escalate" while the ticket can be escalated
 */
GPtrArray *
lt_alert_dup_buttons (const LtAlert *alert)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new_with_free_func ((GDestroyNotify) alert_button_free);

  g_return_val_if_fail (alert != NULL, NULL);

  switch (alert->kind)
    {
    case LT_ALERT_KIND_TICKET_UPDATE:
    case LT_ALERT_KIND_AWAITING_CUSTOMER:
    case LT_ALERT_KIND_AWAITING_CLOSING:
    case LT_ALERT_KIND_RESOLVED:
    case LT_ALERT_KIND_REOPEN_ENDING:
      add_button (buttons, "app.show-ticket", alert->subject, _("Open Ticket"));
      break;
    case LT_ALERT_KIND_SLA_AT_RISK:
    case LT_ALERT_KIND_SLA_BREACHED:
      add_button (buttons, "app.show-ticket", alert->subject, _("Open Ticket"));
      if (alert->detail != NULL)
        add_button (buttons, "app.escalate-ticket", alert->subject, _("Escalate"));
      break;
    case LT_ALERT_KIND_CHANGE_REVIEWED:
    case LT_ALERT_KIND_CHANGE_UNREVIEWED:
    case LT_ALERT_KIND_CHANGE_NOTICE_DUE:
      add_button (buttons, "app.show-change", alert->subject, _("Open Change Notice"));
      break;
    case LT_ALERT_KIND_MAINTENANCE:
      add_button (buttons, "app.show-page", "maintenance", _("Show Maintenance"));
      break;
    case LT_ALERT_KIND_RELEASE:
      add_button (buttons, "app.show-page", "versions", _("Show Versions"));
      break;
    case LT_ALERT_KIND_INVOICE_OVERDUE:
    case LT_ALERT_KIND_OUTBOX_REFUSED:
    default:
      add_button (buttons, "app.show-page", "overview", _("Show Overview"));
      break;
    }
  return g_steal_pointer (&buttons);
}

/**
 * lt_alert_kind_get_label:
 * @kind: a kind
 *
 * Returns: Preferences' short label, translated
 */
const char *
lt_alert_kind_get_label (LtAlertKind kind)
{
  switch (kind)
    {
    case LT_ALERT_KIND_TICKET_UPDATE: return _("LockThreat answered or changed a ticket");
    case LT_ALERT_KIND_AWAITING_CUSTOMER: return _("Ticket awaits your answer");
    case LT_ALERT_KIND_AWAITING_CLOSING: return _("Ticket closes without your answer");
    case LT_ALERT_KIND_RESOLVED: return _("Ticket resolved");
    case LT_ALERT_KIND_REOPEN_ENDING: return _("Reopen window ends");
    case LT_ALERT_KIND_SLA_AT_RISK: return _("First response at risk");
    case LT_ALERT_KIND_SLA_BREACHED: return _("First response overdue");
    case LT_ALERT_KIND_CHANGE_REVIEWED: return _("Change notice reviewed");
    case LT_ALERT_KIND_CHANGE_UNREVIEWED: return _("Change starts without a review");
    case LT_ALERT_KIND_CHANGE_NOTICE_DUE: return _("Change notice due");
    case LT_ALERT_KIND_MAINTENANCE: return _("Maintenance");
    case LT_ALERT_KIND_RELEASE: return _("New release");
    case LT_ALERT_KIND_INVOICE_OVERDUE: return _("Invoice overdue");
    case LT_ALERT_KIND_OUTBOX_REFUSED: return _("Refused by the portal");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * lt_alert_kind_get_description:
 * @kind: a kind
 *
 * Returns: when it comes and the policy's section, translated
 */
const char *
lt_alert_kind_get_description (LtAlertKind kind)
{
  switch (kind)
    {
    case LT_ALERT_KIND_TICKET_UPDATE:
      return _("A new comment or state from LockThreat, with the close reason");
    case LT_ALERT_KIND_AWAITING_CUSTOMER:
      return _("At once, with the day it closes if you do not answer (§13)");
    case LT_ALERT_KIND_AWAITING_CLOSING:
      return _("One business day before an unanswered ticket closes (§13)");
    case LT_ALERT_KIND_RESOLVED:
      return _("Confirm or say it is not fixed before it closes (§7)");
    case LT_ALERT_KIND_REOPEN_ENDING:
      return _("One business day before a closed ticket can no longer be reopened (§14)");
    case LT_ALERT_KIND_SLA_AT_RISK:
      return _("The first response is close to its deadline; only while LockThreat is open (§9)");
    case LT_ALERT_KIND_SLA_BREACHED:
      return _("The first response is late; only while LockThreat is open, with Escalate (§9)");
    case LT_ALERT_KIND_CHANGE_REVIEWED:
      return _("The outcome of LockThreat's review of a change (§6)");
    case LT_ALERT_KIND_CHANGE_UNREVIEWED:
      return _("24 hours before a change starts without a review (§6)");
    case LT_ALERT_KIND_CHANGE_NOTICE_DUE:
      return _("The business day before the last day a draft can be sent on time (§6)");
    case LT_ALERT_KIND_MAINTENANCE:
      return _("Before a maintenance window starts; emergency maintenance at once (§10)");
    case LT_ALERT_KIND_RELEASE:
      return _("Which installations fall out of support or are next to (§11)");
    case LT_ALERT_KIND_INVOICE_OVERDUE:
      return _("An unpaid invoice past the policy's days may suspend services (§17)");
    case LT_ALERT_KIND_OUTBOX_REFUSED:
      return _("Something the portal refused for good will not be sent");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * lt_alerts_dup_summary_title:
 * @n_alerts: how many alerts came due
 *
 * Returns: (transfer full): "While you were away", translated
 */
char *
lt_alerts_dup_summary_title (guint n_alerts)
{
  /* TRANSLATORS: the title of the one notification for what came due
   * while the app was not running */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "While you were away: %u notification",
                                       "While you were away: %u notifications", n_alerts),
                          n_alerts);
}

/**
 * lt_alerts_dup_more_title:
 * @n_more: alerts a list leaves out
 *
 * Returns: (transfer full): the title of the row that counts the alerts
 *   a list does not show one by one, translated
 */
char *
lt_alerts_dup_more_title (guint n_more)
{
  /* TRANSLATORS: the last row of the "While you were away" list, which
   * shows the first few alerts and counts the others */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more notification", "%u more notifications", n_more),
                          n_more);
}

static char *
dup_group_text (LtAlertKind kind,
                guint       n)
{
  switch (kind)
    {
    case LT_ALERT_KIND_TICKET_UPDATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket update", "%u ticket updates", n), n);
    case LT_ALERT_KIND_AWAITING_CUSTOMER:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket awaits your answer", "%u tickets await your answer", n), n);
    case LT_ALERT_KIND_AWAITING_CLOSING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket closes within a business day", "%u tickets close within a business day", n), n);
    case LT_ALERT_KIND_RESOLVED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket resolved", "%u tickets resolved", n), n);
    case LT_ALERT_KIND_REOPEN_ENDING:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reopen window ends", "%u reopen windows end", n), n);
    case LT_ALERT_KIND_SLA_AT_RISK:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u response at risk", "%u responses at risk", n), n);
    case LT_ALERT_KIND_SLA_BREACHED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u response overdue", "%u responses overdue", n), n);
    case LT_ALERT_KIND_CHANGE_REVIEWED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change reviewed", "%u changes reviewed", n), n);
    case LT_ALERT_KIND_CHANGE_UNREVIEWED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change starts without a review", "%u changes start without a review", n), n);
    case LT_ALERT_KIND_CHANGE_NOTICE_DUE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change notice due", "%u change notices due", n), n);
    case LT_ALERT_KIND_MAINTENANCE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u maintenance reminder", "%u maintenance reminders", n), n);
    case LT_ALERT_KIND_RELEASE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u release published", "%u releases published", n), n);
    case LT_ALERT_KIND_INVOICE_OVERDUE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u invoice overdue", "%u invoices overdue", n), n);
    case LT_ALERT_KIND_OUTBOX_REFUSED:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item refused by the portal", "%u items refused by the portal", n), n);
    }
}

/* One alert in a sentence: its title, and the deadline where it has one
 * that matters ("LT-000139 awaits your answer, closes Thu 10:00"). */
static char *
dup_single_text (const LtAlert *alert,
                 GTimeZone     *zone)
{
  g_autofree char *title = lt_alert_dup_title (alert, zone);
  g_autofree char *when = NULL;

  if (alert->deadline == NULL)
    return g_steal_pointer (&title);
  when = format_when (alert->deadline, alert->due, zone);

  switch (alert->kind)
    {
    case LT_ALERT_KIND_AWAITING_CUSTOMER:
    case LT_ALERT_KIND_AWAITING_CLOSING:
    case LT_ALERT_KIND_RESOLVED:
      /* TRANSLATORS: "LT-000139 awaits your answer, closes Thu 10:00" */
      return g_strdup_printf (_("%s, closes %s"), title, when);
    case LT_ALERT_KIND_REOPEN_ENDING:
      return g_strdup_printf (_("%s, until %s"), title, when);
    case LT_ALERT_KIND_SLA_AT_RISK:
    case LT_ALERT_KIND_SLA_BREACHED:
      return g_strdup_printf (_("%s, due %s"), title, when);
    case LT_ALERT_KIND_CHANGE_UNREVIEWED:
    case LT_ALERT_KIND_MAINTENANCE:
      return g_strdup_printf (_("%s, starts %s"), title, when);
    case LT_ALERT_KIND_TICKET_UPDATE:
    case LT_ALERT_KIND_CHANGE_REVIEWED:
    case LT_ALERT_KIND_CHANGE_NOTICE_DUE:
    case LT_ALERT_KIND_RELEASE:
    case LT_ALERT_KIND_INVOICE_OVERDUE:
    case LT_ALERT_KIND_OUTBOX_REFUSED:
    default:
      return g_steal_pointer (&title);
    }
}

/**
 * lt_alerts_dup_summary_body:
 * @alerts: (element-type LtAlert): what came due, oldest first
 * @zone: the admin's time zone
 *
 * One phrase per kind, in the order the kinds first came due: the alert
 * itself when it is alone of its kind, else a count ("2 tickets
 * resolved"). The first three phrases are given; the alerts of the rest
 * are counted.
 *
 * Returns: (transfer full): the summary's body, translated
 */
char *
lt_alerts_dup_summary_body (GPtrArray *alerts,
                            GTimeZone *zone)
{
  g_autoptr(GString) body = g_string_new (NULL);
  guint counts[LT_N_ALERT_KINDS] = { 0 };
  const LtAlert *single[LT_N_ALERT_KINDS] = { NULL };
  LtAlertKind order[LT_N_ALERT_KINDS];
  guint n_kinds = 0;
  guint rest = 0;

  g_return_val_if_fail (alerts != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  for (guint i = 0; i < alerts->len; i++)
    {
      const LtAlert *alert = g_ptr_array_index (alerts, i);

      if (alert->kind >= LT_N_ALERT_KINDS)
        continue;
      if (counts[alert->kind]++ == 0)
        {
          single[alert->kind] = alert;
          order[n_kinds++] = alert->kind;
        }
    }

  for (guint i = 0; i < n_kinds; i++)
    {
      g_autofree char *phrase = NULL;

      if (i >= SUMMARY_NAMED)
        {
          rest += counts[order[i]];
          continue;
        }
      phrase = counts[order[i]] == 1 ? dup_single_text (single[order[i]], zone)
                                     : dup_group_text (order[i], counts[order[i]]);
      if (body->len > 0)
        /* TRANSLATORS: between the phrases of the "While you were away" summary */
        g_string_append (body, _("; "));
      g_string_append (body, phrase);
    }
  if (rest > 0)
    {
      g_string_append (body, _("; "));
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", rest),
                              rest);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}
