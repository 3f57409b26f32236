/* lt-ticket-list.h: every ticket of the store as a GListModel of LtTicket
 *
 * Built for 100,000 tickets: the list holds one compact row per ticket
 * (pk, id, title, state, severity, time) and makes the LtTicket of a row
 * only when get_item() asks for it, keeping it (weakly) while someone
 * holds it, so asking again returns the same object. Order: tickets not
 * yet opened (drafts, queued) first, then newest opening first. Follows
 * the store: an update emits ::items-changed (position, 1, 1) for its row;
 * inserts and deletes their own positions (docs/store.md, "List models").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-store-list.h"
#include "lt-ticket.h"

G_BEGIN_DECLS

#define LT_TYPE_TICKET_LIST (lt_ticket_list_get_type ())
G_DECLARE_FINAL_TYPE (LtTicketList, lt_ticket_list, LT, TICKET_LIST, LtStoreList)

/* The bit of one state or severity in a filter mask. */
#define LT_TICKET_LIST_STATE_BIT(state)       (1u << (state))
#define LT_TICKET_LIST_SEVERITY_BIT(severity) (1u << (severity))

LtTicketList *lt_ticket_list_new                (LtStore       *store,
                                                 GError       **error);

/* Filters, applied to the compact rows (no LtTicket is made to filter).
 * A mask of 0 lets every state or severity through; the search text
 * matches the portal id or the title, ignoring case. Changing a filter
 * emits one ::items-changed for the whole list. */
guint         lt_ticket_list_get_state_filter    (LtTicketList  *self);
void          lt_ticket_list_set_state_filter    (LtTicketList  *self,
                                                  guint          states);
guint         lt_ticket_list_get_severity_filter (LtTicketList  *self);
void          lt_ticket_list_set_severity_filter (LtTicketList  *self,
                                                  guint          severities);
const char   *lt_ticket_list_get_search_text     (LtTicketList  *self);
void          lt_ticket_list_set_search_text     (LtTicketList  *self,
                                                  const char    *text);

G_END_DECLS
