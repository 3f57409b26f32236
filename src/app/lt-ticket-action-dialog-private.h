/* lt-ticket-action-dialog-private.h: what the tests reach inside lt-ticket-action-dialog
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-ticket-action-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-ticket-action-dialog.h"

G_BEGIN_DECLS

void              lt_ticket_action_dialog_set_text  (LtTicketActionDialog *self,
                                                     const char           *text);

/* Whether the "apply" response may be chosen now. */
gboolean          lt_ticket_action_dialog_can_apply (LtTicketActionDialog *self);

/* What the sensitive-data check says about the text now, or NULL. */
const char       *lt_ticket_action_dialog_get_warning (LtTicketActionDialog *self);

G_END_DECLS
