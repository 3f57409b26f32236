/* lt-lifecycle.h: ticket states, close reasons, auto-close and reopen
 * deadlines, and what a customer may do to a ticket (RULES.md R5)
 *
 * The portal is authoritative for a ticket's state; these rules compute
 * deadlines for display and reminders and refuse the customer actions the
 * policy forbids. The transition table is in docs/policy-rules.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"
#include "lt-business-calendar.h"
#include "lt-policy.h"

G_BEGIN_DECLS

/* What a customer can do with a ticket. String forms are the nicks
 * ("confirm-closure", "new-referencing"). */
typedef enum /*< flags >*/
{
  LT_CUSTOMER_ACTION_NONE            = 0,
  LT_CUSTOMER_ACTION_COMMENT         = 1 << 0,
  LT_CUSTOMER_ACTION_ATTACH          = 1 << 1,
  LT_CUSTOMER_ACTION_CONFIRM_CLOSURE = 1 << 2, /* resolved -> closed (confirmed) */
  LT_CUSTOMER_ACTION_NOT_FIXED       = 1 << 3, /* resolved -> in-progress */
  LT_CUSTOMER_ACTION_REOPEN          = 1 << 4, /* closed -> reopened, inside the window */
  LT_CUSTOMER_ACTION_NEW_REFERENCING = 1 << 5, /* closed, window over: new ticket citing it */
  LT_CUSTOMER_ACTION_ESCALATE        = 1 << 6, /* one level up (R11) */
  LT_CUSTOMER_ACTION_WITHDRAW        = 1 << 7, /* -> closed (withdrawn) */
} LtCustomerAction;

/* R5 transition table. Any transition into CLOSED needs a close reason that
 * fits the state it leaves; every other transition takes
 * LT_CLOSE_REASON_NONE. from == to is not a transition. */
gboolean    lt_lifecycle_can_transition   (LtTicketState     from,
                                           LtTicketState     to);
gboolean    lt_lifecycle_close_reason_fits (LtTicketState    from,
                                            LtCloseReason    reason);
/* Both checks; LT_ERROR_NOT_ALLOWED naming the states or the reason. */
gboolean    lt_lifecycle_check_transition (LtTicketState     from,
                                           LtTicketState     to,
                                           LtCloseReason     reason,
                                           GError          **error);

/* TRUE while the ticket is open at the vendor: submitted through resolved,
 * and reopened (not draft, queued or closed). */
gboolean    lt_lifecycle_state_is_open    (LtTicketState     state);

/* Auto-close (R5, §7, §13): within @business_days of @entered_at when
 * @state is AWAITING_CUSTOMER (reason NO_RESPONSE) or RESOLVED (reason
 * RESOLVED_TIMEOUT). NULL, and @reason LT_CLOSE_REASON_NONE, for any other
 * state, and for an @entered_at that is NULL or outside
 * lt_instant_is_supported(). Returns UTC. @reason may be NULL. */
GDateTime  *lt_lifecycle_auto_close_due   (LtBusinessCalendar *calendar,
                                           LtTicketState       state,
                                           GDateTime          *entered_at,
                                           guint               business_days,
                                           LtCloseReason      *reason);
GDateTime  *lt_lifecycle_auto_close_due_for_policy (LtPolicy      *policy,
                                                    LtTicketState  state,
                                                    GDateTime     *entered_at,
                                                    LtCloseReason *reason);

/* Reopen window (R5, §14): until within @business_days of @closed_at.
 * Returns UTC; NULL for a @closed_at that is NULL or outside
 * lt_instant_is_supported(). */
GDateTime  *lt_lifecycle_reopen_until     (LtBusinessCalendar *calendar,
                                           GDateTime          *closed_at,
                                           guint               business_days);
GDateTime  *lt_lifecycle_reopen_until_for_policy (LtPolicy    *policy,
                                                  GDateTime   *closed_at);
/* Reopen is allowed while @now < @reopen_until (the deadline itself is
 * outside the window). */
gboolean    lt_lifecycle_can_reopen       (GDateTime          *reopen_until,
                                           GDateTime          *now);

/* Work lists (docs/policy-rules.md, "Work lists"). A ticket closes soon
 * when its auto-close (lt_lifecycle_auto_close_due()) falls within
 * @business_days (R3) of @now: not past, not later. It needs the
 * customer when it awaits the customer's answer, was resolved and waits
 * for the customer's confirmation, or closes soon. The Tickets page's
 * filters and the Overview's counts both ask these. */
#define LT_LIFECYCLE_CLOSING_SOON_BUSINESS_DAYS 3

/* The end of "soon" (R3's within @business_days of @now); NULL past
 * the calendar's range. */
GDateTime  *lt_lifecycle_closing_soon_limit (LtBusinessCalendar *calendar,
                                             GDateTime          *now,
                                             guint               business_days);
/* Awaiting the customer or resolved: the states that wait for the
 * customer whatever the clock says. */
gboolean    lt_lifecycle_state_needs_customer (LtTicketState  state);
gboolean    lt_lifecycle_closes_soon      (LtBusinessCalendar *calendar,
                                           GDateTime          *auto_close_due,
                                           GDateTime          *now,
                                           guint               business_days);
gboolean    lt_lifecycle_needs_customer   (LtBusinessCalendar *calendar,
                                           LtTicketState       state,
                                           GDateTime          *auto_close_due,
                                           GDateTime          *now,
                                           guint               business_days);

/* The actions open to the customer at @now.
 * @reopen_until: end of the reopen window when @state is CLOSED, else
 *   ignored (may be NULL; a closed ticket without it cannot be reopened).
 * @escalation_level: 0 when not escalated; @max_escalation_level: the
 *   highest level the policy has. */
LtCustomerAction lt_lifecycle_customer_actions (LtTicketState  state,
                                                GDateTime     *reopen_until,
                                                guint          escalation_level,
                                                guint          max_escalation_level,
                                                GDateTime     *now);
/* @closed_at: when the ticket was closed (CLOSED only; else may be NULL). */
LtCustomerAction lt_lifecycle_customer_actions_for_policy (LtPolicy      *policy,
                                                           LtTicketState  state,
                                                           GDateTime     *closed_at,
                                                           guint          escalation_level,
                                                           GDateTime     *now);
/* One @action (a single flag) checked as above; LT_ERROR_NOT_ALLOWED with
 * a message saying why (and, after the reopen window, that a new ticket
 * referencing this one is the way). */
gboolean    lt_lifecycle_check_customer_action (LtTicketState     state,
                                                GDateTime        *reopen_until,
                                                guint             escalation_level,
                                                guint             max_escalation_level,
                                                GDateTime        *now,
                                                LtCustomerAction  action,
                                                GError          **error);
gboolean    lt_lifecycle_check_customer_action_for_policy (LtPolicy         *policy,
                                                           LtTicketState     state,
                                                           GDateTime        *closed_at,
                                                           guint             escalation_level,
                                                           GDateTime        *now,
                                                           LtCustomerAction  action,
                                                           GError          **error);

/* A short translated label for one action flag ("Confirm closure"). */
const char *lt_customer_action_get_label  (LtCustomerAction  action);
/* A short translated label for a close reason ("No customer response"). */
const char *lt_close_reason_get_label     (LtCloseReason     reason);
/* The close reason in words, for a ticket's history: the label and, for
 * §12 (fixed-in-current), each of @known_issue_ids with the release of
 * @catalog that fixes it for @product_version and the upgrade to make.
 * @catalog, @product_version and @known_issue_ids may be NULL (the label
 * alone). */
char       *lt_close_reason_dup_explanation (LtCloseReason        reason,
                                             LtReleaseCatalog    *catalog,
                                             const char          *product_version,
                                             const char * const  *known_issue_ids);

G_END_DECLS
