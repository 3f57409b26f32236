/* lt-tickets-page-private.h: what the tests reach inside lt-tickets-page
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-tickets-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-tickets-page.h"

G_BEGIN_DECLS

/* Selects the ticket shown at @position and shows its detail. */
void       lt_tickets_page_select_position (LtTicketsPage *self,
                                            guint          position);

/* Brings the selected ticket's detail to the front when the page is
 * folded into one column (a row activated). */
void       lt_tickets_page_show_selected (LtTicketsPage *self);

LtTicketsFilter lt_tickets_page_get_filter (LtTicketsPage *self);

/* The number of tickets shown after search and filters. */
guint      lt_tickets_page_get_n_shown (LtTicketsPage *self);

G_END_DECLS
