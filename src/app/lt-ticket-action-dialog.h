/* lt-ticket-action-dialog.h: asks for what one ticket action needs, then
 * queues it
 *
 * Comment, "not fixed", confirm closure, reopen, escalate and withdraw
 * each need a sentence (required for a comment, a reopen and an
 * escalation, R5/R11; optional otherwise). The dialog says what the
 * action will do in the policy's terms (the reopen deadline, the next
 * escalation level by name), refuses to send while a required text is
 * blank, flags likely secrets in the text (lt-sensitive.h), and on its
 * response calls lt-actions, which checks the policy again and writes
 * the change and its outbox item in one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"
#include "lt-lifecycle.h"
#include "lt-ticket.h"

G_BEGIN_DECLS

#define LT_TYPE_TICKET_ACTION_DIALOG (lt_ticket_action_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LtTicketActionDialog, lt_ticket_action_dialog, LT, TICKET_ACTION_DIALOG, AdwMessageDialog)

/* @action: one of COMMENT, NOT_FIXED, CONFIRM_CLOSURE, REOPEN, ESCALATE,
 * WITHDRAW. */
GtkWidget        *lt_ticket_action_dialog_new       (LtContext            *context,
                                                     LtTicket             *ticket,
                                                     LtCustomerAction      action);

G_END_DECLS
