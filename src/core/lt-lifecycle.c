/* lt-lifecycle.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-lifecycle"

#include "config.h"

#include "lt-lifecycle.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-release-catalog.h"
#include "lt-release.h"
#include "lt-rules.h"

#include <glib/gi18n-lib.h>

#define N_TICKET_STATES (LT_TICKET_STATE_REOPENED + 1)
#define N_CLOSE_REASONS (LT_CLOSE_REASON_WITHDRAWN + 1)

/* R5 as a table, so docs/policy-rules.md and the exhaustive test read the
 * same thing. Rows: from; columns: to. Moves into CLOSED are listed here
 * and further restricted by close_reason_table. */
static const gboolean transition_table[N_TICKET_STATES][N_TICKET_STATES] = {
  [LT_TICKET_STATE_DRAFT] = {
    [LT_TICKET_STATE_QUEUED] = TRUE,
  },
  [LT_TICKET_STATE_QUEUED] = {
    /* The outbox is local: a ticket not yet sent can be taken back to edit. */
    [LT_TICKET_STATE_DRAFT] = TRUE,
    [LT_TICKET_STATE_SUBMITTED] = TRUE,
  },
  [LT_TICKET_STATE_SUBMITTED] = {
    [LT_TICKET_STATE_TRIAGED] = TRUE,
    [LT_TICKET_STATE_CLOSED] = TRUE,
  },
  [LT_TICKET_STATE_TRIAGED] = {
    [LT_TICKET_STATE_IN_PROGRESS] = TRUE,
    [LT_TICKET_STATE_CLOSED] = TRUE,
  },
  [LT_TICKET_STATE_IN_PROGRESS] = {
    [LT_TICKET_STATE_AWAITING_CUSTOMER] = TRUE,
    [LT_TICKET_STATE_RESOLVED] = TRUE,
    [LT_TICKET_STATE_CLOSED] = TRUE,
  },
  [LT_TICKET_STATE_AWAITING_CUSTOMER] = {
    [LT_TICKET_STATE_IN_PROGRESS] = TRUE,
    [LT_TICKET_STATE_CLOSED] = TRUE,
  },
  [LT_TICKET_STATE_RESOLVED] = {
    /* The customer answers that the issue is not fixed. */
    [LT_TICKET_STATE_IN_PROGRESS] = TRUE,
    [LT_TICKET_STATE_CLOSED] = TRUE,
  },
  [LT_TICKET_STATE_CLOSED] = {
    [LT_TICKET_STATE_REOPENED] = TRUE,
  },
  [LT_TICKET_STATE_REOPENED] = {
    [LT_TICKET_STATE_IN_PROGRESS] = TRUE,
    [LT_TICKET_STATE_CLOSED] = TRUE,
  },
};

/* Which close reason fits the state a ticket leaves. Rows: reason;
 * columns: from. */
static const gboolean close_reason_table[N_CLOSE_REASONS][N_TICKET_STATES] = {
  [LT_CLOSE_REASON_CONFIRMED] = {
    [LT_TICKET_STATE_RESOLVED] = TRUE,
  },
  [LT_CLOSE_REASON_NO_RESPONSE] = {
    [LT_TICKET_STATE_AWAITING_CUSTOMER] = TRUE,
  },
  [LT_CLOSE_REASON_RESOLVED_TIMEOUT] = {
    [LT_TICKET_STATE_RESOLVED] = TRUE,
  },
  /* §12 applies while the vendor is still working on the ticket; once
   * resolved, it closes as confirmed or on timeout instead. */
  [LT_CLOSE_REASON_FIXED_IN_CURRENT] = {
    [LT_TICKET_STATE_SUBMITTED] = TRUE,
    [LT_TICKET_STATE_TRIAGED] = TRUE,
    [LT_TICKET_STATE_IN_PROGRESS] = TRUE,
    [LT_TICKET_STATE_AWAITING_CUSTOMER] = TRUE,
    [LT_TICKET_STATE_REOPENED] = TRUE,
  },
  /* Drafts and queued tickets never reached the vendor: they are deleted,
   * not withdrawn. */
  [LT_CLOSE_REASON_WITHDRAWN] = {
    [LT_TICKET_STATE_SUBMITTED] = TRUE,
    [LT_TICKET_STATE_TRIAGED] = TRUE,
    [LT_TICKET_STATE_IN_PROGRESS] = TRUE,
    [LT_TICKET_STATE_AWAITING_CUSTOMER] = TRUE,
    [LT_TICKET_STATE_RESOLVED] = TRUE,
    [LT_TICKET_STATE_REOPENED] = TRUE,
  },
};

static gboolean
state_is_valid (LtTicketState state)
{
  return (guint) state < N_TICKET_STATES;
}

static const char *
state_nick (LtTicketState state)
{
  return lt_enum_to_nick (LT_TYPE_TICKET_STATE, state);
}

/**
 * lt_lifecycle_can_transition:
 * @from: the current state
 * @to: the state asked for
 *
 * R5's transition table; see docs/policy-rules.md.
 *
 * Returns: %TRUE when a ticket may move from @from to @to
 */
gboolean
lt_lifecycle_can_transition (LtTicketState from,
                             LtTicketState to)
{
  g_return_val_if_fail (state_is_valid (from), FALSE);
  g_return_val_if_fail (state_is_valid (to), FALSE);

  return transition_table[from][to];
}

/**
 * lt_lifecycle_close_reason_fits:
 * @from: the state the ticket leaves
 * @reason: the close reason
 *
 * Returns: %TRUE when a ticket in @from may be closed for @reason
 */
gboolean
lt_lifecycle_close_reason_fits (LtTicketState from,
                                LtCloseReason reason)
{
  g_return_val_if_fail (state_is_valid (from), FALSE);
  g_return_val_if_fail ((guint) reason < N_CLOSE_REASONS, FALSE);

  return close_reason_table[reason][from];
}

/**
 * lt_lifecycle_check_transition:
 * @from: the current state
 * @to: the state asked for
 * @reason: the close reason when @to is %LT_TICKET_STATE_CLOSED, else
 *   %LT_CLOSE_REASON_NONE
 * @error: set to %LT_ERROR_NOT_ALLOWED when the move or the reason is refused
 *
 * Returns: %TRUE when the transition is allowed
 */
gboolean
lt_lifecycle_check_transition (LtTicketState   from,
                               LtTicketState   to,
                               LtCloseReason   reason,
                               GError        **error)
{
  g_return_val_if_fail (state_is_valid (from), FALSE);
  g_return_val_if_fail (state_is_valid (to), FALSE);
  g_return_val_if_fail ((guint) reason < N_CLOSE_REASONS, FALSE);

  if (!lt_lifecycle_can_transition (from, to))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("A ticket cannot move from “%s” to “%s”"),
                   state_nick (from), state_nick (to));
      return FALSE;
    }

  if (to != LT_TICKET_STATE_CLOSED)
    {
      if (reason != LT_CLOSE_REASON_NONE)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                       _("A close reason (“%s”) only applies when closing a ticket"),
                       lt_enum_to_nick (LT_TYPE_CLOSE_REASON, reason));
          return FALSE;
        }
      return TRUE;
    }

  if (reason == LT_CLOSE_REASON_NONE)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("Closing a ticket needs a close reason"));
      return FALSE;
    }

  if (!lt_lifecycle_close_reason_fits (from, reason))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("A “%s” ticket cannot be closed as “%s”"),
                   state_nick (from),
                   lt_enum_to_nick (LT_TYPE_CLOSE_REASON, reason));
      return FALSE;
    }

  return TRUE;
}

/**
 * lt_lifecycle_state_is_open:
 * @state: a ticket state
 *
 * Returns: %TRUE for a ticket the vendor is handling: submitted, triaged,
 *   in progress, awaiting the customer, resolved or reopened
 */
gboolean
lt_lifecycle_state_is_open (LtTicketState state)
{
  switch (state)
    {
    case LT_TICKET_STATE_SUBMITTED:
    case LT_TICKET_STATE_TRIAGED:
    case LT_TICKET_STATE_IN_PROGRESS:
    case LT_TICKET_STATE_AWAITING_CUSTOMER:
    case LT_TICKET_STATE_RESOLVED:
    case LT_TICKET_STATE_REOPENED:
      return TRUE;
    case LT_TICKET_STATE_DRAFT:
    case LT_TICKET_STATE_QUEUED:
    case LT_TICKET_STATE_CLOSED:
      return FALSE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * lt_lifecycle_auto_close_due:
 * @calendar: the vendor's business calendar
 * @state: the ticket's state
 * @entered_at: when the ticket entered @state
 * @business_days: the policy's auto-close period
 * @reason: (out) (optional): the close reason the ticket would get
 *
 * R5, §7, §13: a ticket awaiting the customer closes as "no-response", a
 * resolved one as "resolved-timeout", within @business_days (R3) of
 * entering that state.
 *
 * Returns: (transfer full) (nullable): the instant in UTC, or %NULL when
 *   @state does not close by itself, and when @entered_at is unknown or
 *   outside lt_instant_is_supported() (a bad row in a database)
 */
GDateTime *
lt_lifecycle_auto_close_due (LtBusinessCalendar *calendar,
                             LtTicketState       state,
                             GDateTime          *entered_at,
                             guint               business_days,
                             LtCloseReason      *reason)
{
  g_autoptr(GDateTime) due = NULL;
  LtCloseReason r;

  if (reason != NULL)
    *reason = LT_CLOSE_REASON_NONE;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (calendar), NULL);
  g_return_val_if_fail (state_is_valid (state), NULL);

  if (!lt_instant_is_supported (entered_at))
    return NULL;

  if (state == LT_TICKET_STATE_AWAITING_CUSTOMER)
    r = LT_CLOSE_REASON_NO_RESPONSE;
  else if (state == LT_TICKET_STATE_RESOLVED)
    r = LT_CLOSE_REASON_RESOLVED_TIMEOUT;
  else
    return NULL;

  due = lt_business_calendar_within_business_days (calendar, entered_at, business_days);
  /* Only a deadline beyond GDateTime's range (year 9999) has no instant. */
  if (due == NULL)
    return NULL;

  if (reason != NULL)
    *reason = r;
  return g_date_time_to_utc (due);
}

/**
 * lt_lifecycle_auto_close_due_for_policy:
 * @policy: the support policy
 * @state: the ticket's state
 * @entered_at: when the ticket entered @state
 * @reason: (out) (optional): the close reason the ticket would get
 *
 * Returns: (transfer full) (nullable): see lt_lifecycle_auto_close_due()
 */
GDateTime *
lt_lifecycle_auto_close_due_for_policy (LtPolicy      *policy,
                                        LtTicketState  state,
                                        GDateTime     *entered_at,
                                        LtCloseReason *reason)
{
  if (reason != NULL)
    *reason = LT_CLOSE_REASON_NONE;

  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);

  return lt_lifecycle_auto_close_due (lt_policy_get_calendar (policy), state, entered_at,
                                      lt_policy_get_auto_close_business_days (policy),
                                      reason);
}

/**
 * lt_lifecycle_reopen_until:
 * @calendar: the vendor's business calendar
 * @closed_at: when the ticket was closed
 * @business_days: the policy's reopen period
 *
 * R5, §14: a closed ticket may be reopened within @business_days (R3) of
 * closing.
 *
 * Returns: (transfer full) (nullable): the end of the window in UTC
 *   (exclusive); %NULL past the year 9999, and when @closed_at is unknown
 *   or outside lt_instant_is_supported() (a bad row in a database)
 */
GDateTime *
lt_lifecycle_reopen_until (LtBusinessCalendar *calendar,
                           GDateTime          *closed_at,
                           guint               business_days)
{
  g_autoptr(GDateTime) until = NULL;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (calendar), NULL);

  if (!lt_instant_is_supported (closed_at))
    return NULL;
  until = lt_business_calendar_within_business_days (calendar, closed_at, business_days);
  if (until == NULL)
    return NULL;
  return g_date_time_to_utc (until);
}

/**
 * lt_lifecycle_reopen_until_for_policy:
 * @policy: the support policy
 * @closed_at: when the ticket was closed
 *
 * Returns: (transfer full): see lt_lifecycle_reopen_until()
 */
GDateTime *
lt_lifecycle_reopen_until_for_policy (LtPolicy  *policy,
                                      GDateTime *closed_at)
{
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);

  return lt_lifecycle_reopen_until (lt_policy_get_calendar (policy), closed_at,
                                    lt_policy_get_reopen_business_days (policy));
}

/**
 * lt_lifecycle_closing_soon_limit:
 * @calendar: the vendor's business calendar
 * @now: the current instant
 * @business_days: how far ahead "soon" reaches
 *
 * Returns: (transfer full) (nullable): the last instant that is still
 *   "soon": the same vendor-local time on the @business_days-th business
 *   day after @now (R3)
 */
GDateTime *
lt_lifecycle_closing_soon_limit (LtBusinessCalendar *calendar,
                                 GDateTime          *now,
                                 guint               business_days)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (calendar), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  return lt_business_calendar_within_business_days (calendar, now, business_days);
}

/**
 * lt_lifecycle_state_needs_customer:
 * @state: a ticket state
 *
 * Returns: %TRUE for awaiting-customer (§13) and resolved (§7)
 */
gboolean
lt_lifecycle_state_needs_customer (LtTicketState state)
{
  return state == LT_TICKET_STATE_AWAITING_CUSTOMER || state == LT_TICKET_STATE_RESOLVED;
}

/**
 * lt_lifecycle_closes_soon:
 * @calendar: the vendor's business calendar
 * @auto_close_due: (nullable): when the ticket closes on its own
 * @now: the current instant
 * @business_days: how far ahead "soon" reaches
 *
 * "Closing within N business days" (R3's "within", counted from @now):
 * the auto-close is still ahead and no later than the same vendor-local
 * time on the @business_days-th business day. A deadline already passed
 * is not "soon": the portal closes that ticket at its next sync.
 *
 * Returns: %TRUE when @auto_close_due is in (@now, within @business_days]
 */
gboolean
lt_lifecycle_closes_soon (LtBusinessCalendar *calendar,
                          GDateTime          *auto_close_due,
                          GDateTime          *now,
                          guint               business_days)
{
  g_autoptr(GDateTime) limit = NULL;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (calendar), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (auto_close_due == NULL || g_date_time_compare (auto_close_due, now) <= 0)
    return FALSE;

  limit = lt_lifecycle_closing_soon_limit (calendar, now, business_days);
  return limit != NULL && g_date_time_compare (auto_close_due, limit) <= 0;
}

/**
 * lt_lifecycle_needs_customer:
 * @calendar: the vendor's business calendar
 * @state: the ticket's state
 * @auto_close_due: (nullable): when the ticket closes on its own
 * @now: the current instant
 * @business_days: how far ahead "closing soon" reaches
 *
 * The "Needs you" work list: the ticket awaits the customer's answer
 * (§13), was resolved and waits for the customer to confirm or say it is
 * not fixed (§7), or closes on its own soon (lt_lifecycle_closes_soon()).
 *
 * Returns: %TRUE when the next move is the customer's
 */
gboolean
lt_lifecycle_needs_customer (LtBusinessCalendar *calendar,
                             LtTicketState       state,
                             GDateTime          *auto_close_due,
                             GDateTime          *now,
                             guint               business_days)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (calendar), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return lt_lifecycle_state_needs_customer (state) ||
         lt_lifecycle_closes_soon (calendar, auto_close_due, now, business_days);
}

/**
 * lt_lifecycle_can_reopen:
 * @reopen_until: the end of the reopen window
 * @now: the current instant
 *
 * The deadline is exclusive, like every other deadline of the policy: at
 * the instant the window ends the ticket is no longer "within" it.
 *
 * Returns: %TRUE while @now is before @reopen_until
 */
gboolean
lt_lifecycle_can_reopen (GDateTime *reopen_until,
                         GDateTime *now)
{
  g_return_val_if_fail (reopen_until != NULL && now != NULL, FALSE);

  return g_date_time_compare (now, reopen_until) < 0;
}

/**
 * lt_lifecycle_customer_actions:
 * @state: the ticket's state
 * @reopen_until: (nullable): end of the reopen window when @state is
 *   %LT_TICKET_STATE_CLOSED
 * @escalation_level: the current escalation level, 0 when not escalated
 * @max_escalation_level: the highest level of the policy
 * @now: the current instant
 *
 * See docs/policy-rules.md for the table.
 *
 * Returns: the actions open to the customer at @now
 */
LtCustomerAction
lt_lifecycle_customer_actions (LtTicketState  state,
                               GDateTime     *reopen_until,
                               guint          escalation_level,
                               guint          max_escalation_level,
                               GDateTime     *now)
{
  LtCustomerAction actions = LT_CUSTOMER_ACTION_NONE;

  g_return_val_if_fail (state_is_valid (state), LT_CUSTOMER_ACTION_NONE);
  g_return_val_if_fail (now != NULL, LT_CUSTOMER_ACTION_NONE);

  if (lt_lifecycle_state_is_open (state))
    {
      actions |= LT_CUSTOMER_ACTION_COMMENT | LT_CUSTOMER_ACTION_ATTACH;
      if (lt_lifecycle_close_reason_fits (state, LT_CLOSE_REASON_WITHDRAWN))
        actions |= LT_CUSTOMER_ACTION_WITHDRAW;
      if (escalation_level < max_escalation_level)
        actions |= LT_CUSTOMER_ACTION_ESCALATE;
    }

  /* Attachments are part of composing a ticket too. */
  if (state == LT_TICKET_STATE_DRAFT)
    actions |= LT_CUSTOMER_ACTION_ATTACH;

  if (state == LT_TICKET_STATE_RESOLVED)
    actions |= LT_CUSTOMER_ACTION_CONFIRM_CLOSURE | LT_CUSTOMER_ACTION_NOT_FIXED;

  if (state == LT_TICKET_STATE_CLOSED)
    {
      if (reopen_until != NULL && lt_lifecycle_can_reopen (reopen_until, now))
        actions |= LT_CUSTOMER_ACTION_REOPEN;
      else
        actions |= LT_CUSTOMER_ACTION_NEW_REFERENCING;
    }

  return actions;
}

static GDateTime *
dup_reopen_until_for_policy (LtPolicy      *policy,
                             LtTicketState  state,
                             GDateTime     *closed_at)
{
  if (state != LT_TICKET_STATE_CLOSED || closed_at == NULL)
    return NULL;
  return lt_lifecycle_reopen_until_for_policy (policy, closed_at);
}

static guint
max_escalation_level_for_policy (LtPolicy *policy)
{
  const LtEscalationLevel *levels;
  guint n_levels = 0;

  levels = lt_policy_get_escalation_levels (policy, &n_levels);
  return lt_rules_max_escalation_level (levels, n_levels);
}

/**
 * lt_lifecycle_customer_actions_for_policy:
 * @policy: the support policy
 * @state: the ticket's state
 * @closed_at: (nullable): when the ticket was closed (closed tickets)
 * @escalation_level: the current escalation level, 0 when not escalated
 * @now: the current instant
 *
 * Returns: the actions open to the customer at @now
 */
LtCustomerAction
lt_lifecycle_customer_actions_for_policy (LtPolicy      *policy,
                                          LtTicketState  state,
                                          GDateTime     *closed_at,
                                          guint          escalation_level,
                                          GDateTime     *now)
{
  g_autoptr(GDateTime) reopen_until = NULL;

  g_return_val_if_fail (LT_IS_POLICY (policy), LT_CUSTOMER_ACTION_NONE);

  reopen_until = dup_reopen_until_for_policy (policy, state, closed_at);
  return lt_lifecycle_customer_actions (state, reopen_until, escalation_level,
                                        max_escalation_level_for_policy (policy), now);
}

static gboolean
is_single_action (LtCustomerAction action)
{
  guint bits = (guint) action;

  return bits != 0 && (bits & (bits - 1)) == 0 &&
         bits <= (guint) LT_CUSTOMER_ACTION_WITHDRAW;
}

static void
set_refusal (GError           **error,
             LtCustomerAction   action,
             LtTicketState      state,
             GDateTime         *reopen_until,
             guint              escalation_level)
{
  const char *nick = state_nick (state);

  switch (action)
    {
    case LT_CUSTOMER_ACTION_COMMENT:
    case LT_CUSTOMER_ACTION_ATTACH:
      if (state == LT_TICKET_STATE_CLOSED)
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                     _("The ticket is closed; reopen it or open a new ticket that references it"));
      else
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                     _("A “%s” ticket takes no comments or attachments; edit it instead"),
                     nick);
      break;

    case LT_CUSTOMER_ACTION_CONFIRM_CLOSURE:
    case LT_CUSTOMER_ACTION_NOT_FIXED:
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("Only a resolved ticket can be confirmed or reported as not fixed; this one is “%s”"),
                   nick);
      break;

    case LT_CUSTOMER_ACTION_REOPEN:
      if (state != LT_TICKET_STATE_CLOSED)
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                     _("Only a closed ticket can be reopened; this one is “%s”"), nick);
      else if (reopen_until != NULL)
        {
          g_autofree char *until = lt_instant_format (reopen_until);

          g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                       _("The reopen window ended at %s; open a new ticket that references this one"),
                       until);
        }
      else
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                     _("The ticket’s closing time is unknown, so it cannot be reopened; open a new ticket that references this one"));
      break;

    case LT_CUSTOMER_ACTION_NEW_REFERENCING:
      if (state != LT_TICKET_STATE_CLOSED)
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                     _("The ticket is still “%s”; comment on it instead"), nick);
      else
        {
          g_autofree char *until = lt_instant_format (reopen_until);

          g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                       _("The ticket can still be reopened until %s; reopen it instead"),
                       until);
        }
      break;

    case LT_CUSTOMER_ACTION_ESCALATE:
      if (!lt_lifecycle_state_is_open (state))
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                     _("Only a ticket open at LockThreat can be escalated; this one is “%s”"),
                     nick);
      else
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                     _("The ticket is already at the highest escalation level (%u)"),
                     escalation_level);
      break;

    case LT_CUSTOMER_ACTION_WITHDRAW:
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("A “%s” ticket cannot be withdrawn"), nick);
      break;

    case LT_CUSTOMER_ACTION_NONE:
    default:
      g_assert_not_reached ();
    }
}

/**
 * lt_lifecycle_check_customer_action:
 * @state: the ticket's state
 * @reopen_until: (nullable): end of the reopen window when @state is
 *   %LT_TICKET_STATE_CLOSED
 * @escalation_level: the current escalation level, 0 when not escalated
 * @max_escalation_level: the highest level of the policy
 * @now: the current instant
 * @action: one action flag
 * @error: set to %LT_ERROR_NOT_ALLOWED saying why the action is refused
 *
 * Returns: %TRUE when @action is open to the customer at @now
 */
gboolean
lt_lifecycle_check_customer_action (LtTicketState      state,
                                    GDateTime         *reopen_until,
                                    guint              escalation_level,
                                    guint              max_escalation_level,
                                    GDateTime         *now,
                                    LtCustomerAction   action,
                                    GError           **error)
{
  LtCustomerAction allowed;

  g_return_val_if_fail (is_single_action (action), FALSE);
  g_return_val_if_fail (state_is_valid (state), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  allowed = lt_lifecycle_customer_actions (state, reopen_until, escalation_level,
                                           max_escalation_level, now);
  if ((allowed & action) != 0)
    return TRUE;

  set_refusal (error, action, state, reopen_until, escalation_level);
  return FALSE;
}

/**
 * lt_lifecycle_check_customer_action_for_policy:
 * @policy: the support policy
 * @state: the ticket's state
 * @closed_at: (nullable): when the ticket was closed (closed tickets)
 * @escalation_level: the current escalation level, 0 when not escalated
 * @now: the current instant
 * @action: one action flag
 * @error: set to %LT_ERROR_NOT_ALLOWED saying why the action is refused
 *
 * Returns: %TRUE when @action is open to the customer at @now
 */
gboolean
lt_lifecycle_check_customer_action_for_policy (LtPolicy          *policy,
                                               LtTicketState      state,
                                               GDateTime         *closed_at,
                                               guint              escalation_level,
                                               GDateTime         *now,
                                               LtCustomerAction   action,
                                               GError           **error)
{
  g_autoptr(GDateTime) reopen_until = NULL;

  g_return_val_if_fail (LT_IS_POLICY (policy), FALSE);

  reopen_until = dup_reopen_until_for_policy (policy, state, closed_at);
  return lt_lifecycle_check_customer_action (state, reopen_until, escalation_level,
                                             max_escalation_level_for_policy (policy),
                                             now, action, error);
}

/**
 * lt_customer_action_get_label:
 * @action: one action flag
 *
 * Returns: (transfer none): a short translated label
 */
const char *
lt_customer_action_get_label (LtCustomerAction action)
{
  switch (action)
    {
    case LT_CUSTOMER_ACTION_COMMENT:
      return _("Comment");
    case LT_CUSTOMER_ACTION_ATTACH:
      return _("Attach a file");
    case LT_CUSTOMER_ACTION_CONFIRM_CLOSURE:
      return _("Confirm closure");
    case LT_CUSTOMER_ACTION_NOT_FIXED:
      return _("Not fixed");
    case LT_CUSTOMER_ACTION_REOPEN:
      return _("Reopen");
    case LT_CUSTOMER_ACTION_NEW_REFERENCING:
      return _("New ticket referencing this one");
    case LT_CUSTOMER_ACTION_ESCALATE:
      return _("Escalate");
    case LT_CUSTOMER_ACTION_WITHDRAW:
      return _("Withdraw");
    case LT_CUSTOMER_ACTION_NONE:
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * lt_close_reason_get_label:
 * @reason: a close reason
 *
 * Returns: (transfer none): a short translated label
 */
const char *
lt_close_reason_get_label (LtCloseReason reason)
{
  switch (reason)
    {
    case LT_CLOSE_REASON_NONE:
      /* TRANSLATORS: close reason of a ticket that is not closed */
      return _("Not closed");
    case LT_CLOSE_REASON_CONFIRMED:
      return _("Confirmed by the customer");
    case LT_CLOSE_REASON_NO_RESPONSE:
      return _("No customer response");
    case LT_CLOSE_REASON_RESOLVED_TIMEOUT:
      return _("Resolved, no customer answer");
    case LT_CLOSE_REASON_FIXED_IN_CURRENT:
      return _("Fixed in the current release");
    case LT_CLOSE_REASON_WITHDRAWN:
      return _("Withdrawn by the customer");
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * lt_close_reason_dup_explanation:
 * @reason: a close reason
 * @catalog: (nullable): the release catalog in force
 * @product_version: (nullable): the version the ticket was filed for
 * @known_issue_ids: (nullable) (array zero-terminated=1): the known issues
 *   the ticket names
 *
 * The close reason in words, as a ticket's history shows it under its
 * closing. For fixed-in-current (§12) the label alone says little: each
 * known issue is looked up in @catalog with lt_release_catalog_find_fix(),
 * the same search that warned before filing, and named with the release
 * that fixes it, followed by the upgrade that covers them all: "Fixed in
 * the current release: LT-1133 is fixed in 3.5.1. Upgrade to 3.5.1 or
 * later." Without a release to name, the label alone: never a made-up one.
 *
 * Returns: (transfer full): the text
 */
char *
lt_close_reason_dup_explanation (LtCloseReason        reason,
                                 LtReleaseCatalog    *catalog,
                                 const char          *product_version,
                                 const char * const  *known_issue_ids)
{
  g_autoptr(LtVersion) installed = NULL;
  g_autoptr(GString) fixes = NULL;
  LtRelease *upgrade = NULL;
  const char *label;

  g_return_val_if_fail (catalog == NULL || LT_IS_RELEASE_CATALOG (catalog), NULL);

  label = lt_close_reason_get_label (reason);
  if (reason != LT_CLOSE_REASON_FIXED_IN_CURRENT || catalog == NULL || product_version == NULL ||
      known_issue_ids == NULL || (installed = lt_version_parse (product_version, NULL)) == NULL)
    return g_strdup (label);

  fixes = g_string_new (NULL);
  for (guint i = 0; known_issue_ids[i] != NULL; i++)
    {
      LtRelease *fixed_in = NULL;

      /* A malformed ID was refused before filing; one the portal sent
       * anyway is skipped, not fatal to the history. */
      if (!lt_release_catalog_find_fix (catalog, installed, known_issue_ids[i], &fixed_in, NULL, NULL) ||
          fixed_in == NULL)
        continue;
      if (fixes->len > 0)
        g_string_append (fixes, "; ");
      /* TRANSLATORS: a known issue and the release that fixes it, "LT-1133 is fixed in 3.5.1" */
      g_string_append_printf (fixes, _("%s is fixed in %s"), known_issue_ids[i],
                              lt_version_to_string (lt_release_get_version (fixed_in)));
      if (upgrade == NULL ||
          lt_version_compare (lt_release_get_version (fixed_in), lt_release_get_version (upgrade)) > 0)
        upgrade = fixed_in;
    }

  if (upgrade == NULL)
    return g_strdup (label);

  /* TRANSLATORS: "<close reason>: <issues and their releases>. Upgrade to <release> or later." */
  return g_strdup_printf (_("%s: %s. Upgrade to %s or later."), label, fixes->str,
                          lt_version_to_string (lt_release_get_version (upgrade)));
}
