/* lt-ticket-slot-model.h: a ticket list as one item per position, for
 * GTK 4.8's list views
 *
 * GTK 4.8 keeps a row widget across a change only when the model hands
 * back the same item pointer; every other row is destroyed and built
 * anew from the factories, then measured. A search over 100,000 tickets
 * changes what most positions show, and building ~200 rows of eight cells
 * was nearly all of a slow keystroke (docs/performance.md).
 *
 * This model's item at a position is a slot: an LtTicket of its own that
 * holds a copy of the ticket now at that position, the same object for as
 * long as someone holds it. When the list changes, the live slots take
 * the values of their position's new ticket (notifying what changed), and
 * the model reports only what happened to the positions: rows added or
 * removed at the end. GTK keeps every row widget and looks for nothing.
 * A slot is a copy: what acts on a ticket takes the list's own with
 * lt_ticket_slot_model_dup_ticket() (docs/app.md, "Tickets"). A view
 * may put off the change of the slots it does not show
 * (lt_ticket_slot_model_set_defer_func()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-ticket-list.h"

G_BEGIN_DECLS

#define LT_TYPE_TICKET_SLOT_MODEL (lt_ticket_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (LtTicketSlotModel, lt_ticket_slot_model, LT, TICKET_SLOT_MODEL, GObject)

LtTicketSlotModel *lt_ticket_slot_model_new        (LtTicketList      *list);
LtTicket          *lt_ticket_slot_model_dup_ticket (LtTicketSlotModel *self,
                                                    guint              position);
guint              lt_ticket_slot_model_get_n_live (LtTicketSlotModel *self);

/* TRUE when @slot may keep its values until refreshed. */
typedef gboolean (*LtTicketSlotDeferFunc) (LtTicket *slot,
                                           gpointer  user_data);

void               lt_ticket_slot_model_set_defer_func (LtTicketSlotModel     *self,
                                                        LtTicketSlotDeferFunc  func,
                                                        gpointer               user_data);
void               lt_ticket_slot_model_refresh        (LtTicketSlotModel     *self,
                                                        guint                  position);

G_END_DECLS
