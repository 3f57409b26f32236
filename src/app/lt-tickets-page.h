/* lt-tickets-page.h: every ticket, searchable, with its detail
 *
 * The list is the store's LtTicketList (100,000 tickets are fine: it keeps
 * compact rows and makes an LtTicket only for the rows on screen), sorted
 * by the column view's sorter. Search and the state/severity filters are
 * applied by LtTicketList itself on its compact rows, so filtering never
 * has to load every ticket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_TICKETS_PAGE (lt_tickets_page_get_type ())
G_DECLARE_FINAL_TYPE (LtTicketsPage, lt_tickets_page, LT, TICKETS_PAGE, AdwBin)

void       lt_tickets_page_set_context (LtTicketsPage *self,
                                        LtContext     *context);
/* Moves the keyboard focus to the search entry. */
void       lt_tickets_page_focus_search (LtTicketsPage *self);

/* Searches for the ticket @id and shows it (a toast's "Show" button). */
void       lt_tickets_page_show_ticket (LtTicketsPage *self,
                                        const char    *id);
/* Shows the ticket @id and activates the detail's @action on it
 * ("ticket.escalate": a notification's "Escalate" button). */
void       lt_tickets_page_activate_ticket_action (LtTicketsPage *self,
                                                   const char    *id,
                                                   const char    *action);
/**
 * LtTicketsFilter:
 *
 * The entries of the state filter, in its order; the last three are work
 * lists (lt_lifecycle_needs_customer(), lt_lifecycle_closes_soon(), and
 * the SLA breached or at risk: LT_TICKET_LIST_WORK_RESPONSE_TIME).
 */
typedef enum
{
  LT_TICKETS_FILTER_ALL,
  LT_TICKETS_FILTER_OPEN,
  LT_TICKETS_FILTER_AWAITING_YOU,
  LT_TICKETS_FILTER_RESOLVED,
  LT_TICKETS_FILTER_CLOSED,
  LT_TICKETS_FILTER_NOT_SENT,
  LT_TICKETS_FILTER_NEEDS_YOU,
  LT_TICKETS_FILTER_CLOSING_SOON,
  LT_TICKETS_FILTER_RESPONSE_TIME,
} LtTicketsFilter;

/* The order a work list opens in. */
typedef enum
{
  LT_TICKETS_ORDER_KEEP,
  LT_TICKETS_ORDER_DEFAULT,    /* the list's own: newest first */
  LT_TICKETS_ORDER_DEADLINE,   /* soonest auto-close first */
  LT_TICKETS_ORDER_SLA,        /* breached, then at risk first */
} LtTicketsOrder;

gboolean   lt_tickets_filter_from_nick (const char      *nick,
                                        LtTicketsFilter *filter);
/* Shows exactly @filter: the severity filter and the search are cleared
 * (an Overview button opens the list for what it names). */
void       lt_tickets_page_show_filter (LtTicketsPage   *self,
                                        LtTicketsFilter  filter,
                                        LtTicketsOrder   order);
/* A work list by name, in its order: "open" and "closed" newest first,
 * "needs-you", "closing-soon", "awaiting-you" and "resolved" soonest
 * auto-close first, "response-time" (open, breached then at risk first).
 * Returns %FALSE for a name it does not know. */
gboolean   lt_tickets_page_show_work_list (LtTicketsPage *self,
                                           const char    *name);

G_END_DECLS
