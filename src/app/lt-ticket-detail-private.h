/* lt-ticket-detail-private.h: what the tests reach inside lt-ticket-detail
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-ticket-detail.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-ticket-detail.h"

G_BEGIN_DECLS

LtCustomerAction lt_ticket_detail_get_allowed_actions (LtTicketDetail *self);

GtkWidget *lt_ticket_detail_get_dialog (LtTicketDetail *self);

void      lt_ticket_detail_scroll_to_history (LtTicketDetail *self);

G_END_DECLS
