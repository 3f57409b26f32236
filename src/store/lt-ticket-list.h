/* lt-ticket-list.h: every ticket of the store as a GListModel of LtTicket
 *
 * Built for 100,000 tickets: the list holds one compact row per ticket
 * (pk, id, title, state, severity, opening, first response, the portal's
 * response due) and makes the LtTicket of a row only when get_item() asks
 * for it, keeping it (weakly) while someone holds it, so asking again
 * returns the same object. Filtering and sorting run on the compact rows,
 * so neither makes an LtTicket. Order: the sort column's, ties (and the
 * default) by the list's own order: tickets not yet opened (drafts,
 * queued) first, then newest opening first. Follows the store: an update
 * emits ::items-changed (position, 1, 1) for its row, or moves it to where
 * it now sorts; inserts and deletes their own positions (docs/store.md,
 * "List models").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-policy.h"
#include "lt-store-list.h"
#include "lt-ticket.h"

G_BEGIN_DECLS

#define LT_TYPE_TICKET_LIST (lt_ticket_list_get_type ())
G_DECLARE_FINAL_TYPE (LtTicketList, lt_ticket_list, LT, TICKET_LIST, LtStoreList)

/* The bit of one state or severity in a filter mask. */
#define LT_TICKET_LIST_STATE_BIT(state)       (1u << (state))
#define LT_TICKET_LIST_SEVERITY_BIT(severity) (1u << (severity))

/**
 * LtTicketListSort:
 * @LT_TICKET_LIST_SORT_DEFAULT: the list's own order (not opened yet
 *   first, then newest opening first); the direction is ignored
 * @LT_TICKET_LIST_SORT_ID: the portal id, digits as numbers; tickets
 *   without one (not sent yet) last
 * @LT_TICKET_LIST_SORT_TITLE: the title, ignoring case and accents, digits
 *   as numbers ("site 9" before "site 10")
 * @LT_TICKET_LIST_SORT_SEVERITY: S1, S2, S3, feature request
 * @LT_TICKET_LIST_SORT_STATE: the lifecycle order (draft … closed,
 *   reopened)
 * @LT_TICKET_LIST_SORT_OPENED: the opening time; not opened yet last
 * @LT_TICKET_LIST_SORT_RESPONSE_DUE: the response due: the portal's, else
 *   the one R4 computes under the SLA terms; none last
 * @LT_TICKET_LIST_SORT_SLA: the SLA state at the list's "now" under the
 *   SLA terms, most urgent first: breached, at risk, on track, missed,
 *   met, none
 * @LT_TICKET_LIST_SORT_DEADLINE: when the ticket closes on its own
 *   (awaiting the customer, resolved) or its reopen window ends (closed),
 *   under the lifecycle policy; none last
 *
 * The columns a ticket list can be sorted by. Descending reverses the
 * column's order only: tickets equal in it keep the list's own order.
 */
typedef enum
{
  LT_TICKET_LIST_SORT_DEFAULT,
  LT_TICKET_LIST_SORT_ID,
  LT_TICKET_LIST_SORT_TITLE,
  LT_TICKET_LIST_SORT_SEVERITY,
  LT_TICKET_LIST_SORT_STATE,
  LT_TICKET_LIST_SORT_OPENED,
  LT_TICKET_LIST_SORT_RESPONSE_DUE,
  LT_TICKET_LIST_SORT_SLA,
  LT_TICKET_LIST_SORT_DEADLINE,
} LtTicketListSort;

/**
 * LtTicketListWork:
 * @LT_TICKET_LIST_WORK_ALL: no work list: every ticket the other filters
 *   let through
 * @LT_TICKET_LIST_WORK_NEEDS_YOU: lt_lifecycle_needs_customer()
 * @LT_TICKET_LIST_WORK_CLOSING_SOON: lt_lifecycle_closes_soon() within
 *   LT_LIFECYCLE_CLOSING_SOON_BUSINESS_DAYS
 * @LT_TICKET_LIST_WORK_RESPONSE_TIME: past or close to the response time
 *   (the SLA state breached or at risk, lt_sla_compute_state_for_policy()
 *   at the list's "now" and tier)
 *
 * The work lists, judged on the compact rows by core's rules.
 */
typedef enum
{
  LT_TICKET_LIST_WORK_ALL,
  LT_TICKET_LIST_WORK_NEEDS_YOU,
  LT_TICKET_LIST_WORK_CLOSING_SOON,
  LT_TICKET_LIST_WORK_RESPONSE_TIME,
} LtTicketListWork;

LtTicketList *lt_ticket_list_new                (LtStore       *store,
                                                 GError       **error);
LtTicketList *lt_ticket_list_new_loading        (LtStore       *store);
gboolean      lt_ticket_list_get_loading        (LtTicketList  *self);
const GError *lt_ticket_list_get_load_error     (LtTicketList  *self);

/* Filters, applied to the compact rows (no LtTicket is made to filter).
 * A mask of 0 lets every state or severity through; the search text
 * matches the portal id or the title, ignoring case. Changing a filter
 * emits one ::items-changed for the whole list. */
void          lt_ticket_list_set_state_filter    (LtTicketList  *self,
                                                  guint          states);
void          lt_ticket_list_set_severity_filter (LtTicketList  *self,
                                                  guint          severities);
const char   *lt_ticket_list_get_search_text     (LtTicketList  *self);
void          lt_ticket_list_set_search_text     (LtTicketList  *self,
                                                  const char    *text);

/* Sorting, on the compact rows as well. A new order is one ::items-changed
 * over the positions that changed; the filter keeps applying. */
LtTicketListSort lt_ticket_list_get_sort         (LtTicketList  *self,
                                                  gboolean      *descending);
void          lt_ticket_list_set_sort            (LtTicketList  *self,
                                                  LtTicketListSort sort,
                                                  gboolean       descending);
/* What the response due and SLA columns are judged by: the policy in
 * force and the customer's tier; a NULL policy while the tier is unknown
 * (then only the portal's response due counts, and no SLA state). */
void          lt_ticket_list_set_sla_terms       (LtTicketList  *self,
                                                  LtPolicy      *policy,
                                                  LtTier         tier);
/* The policy of the deadline column and the work lists (no tier needed). */
void          lt_ticket_list_set_lifecycle_policy (LtTicketList *self,
                                                   LtPolicy     *policy);
void          lt_ticket_list_set_work_filter     (LtTicketList  *self,
                                                  LtTicketListWork work);
void          lt_ticket_list_count_work          (LtTicketList  *self,
                                                  guint         *needs_you,
                                                  guint         *closing_soon);
/* The instant the SLA states and work lists are judged at (the
 * application's clock). */
void          lt_ticket_list_set_now             (LtTicketList  *self,
                                                  GDateTime     *now);

/* Positions found on the compact rows, without reading any ticket:
 * %FALSE when the ticket is not in the list as filtered now. */
gboolean      lt_ticket_list_find_ticket         (LtTicketList  *self,
                                                  LtTicket      *ticket,
                                                  guint         *position);
gboolean      lt_ticket_list_find_id             (LtTicketList  *self,
                                                  const char    *id,
                                                  guint         *position);

/**
 * LtTicketSummary:
 * @n_open: tickets in an open state
 * @sla_counts: of the open tickets, how many are in each SLA state
 * @breached: (element-type LtTicket): breached, longest overdue first
 * @at_risk: (element-type LtTicket): at risk, soonest due first
 *
 * The open tickets at a glance (lt_ticket_list_summarize_open()).
 */
typedef struct
{
  guint      n_open;
  guint      sla_counts[LT_SLA_STATE_MISSED + 1];
  GPtrArray *breached;
  GPtrArray *at_risk;
} LtTicketSummary;

void          lt_ticket_list_summarize_open      (LtTicketList    *self,
                                                  LtPolicy        *policy,
                                                  LtTier           tier,
                                                  GDateTime       *now,
                                                  guint            limit,
                                                  LtTicketSummary *summary);
void          lt_ticket_summary_clear            (LtTicketSummary *summary);

/* How many tickets get_item() has read from the store so far (items it
 * did not hold already): what a view costs, for tests and profiling. */
guint64       lt_ticket_list_get_n_reads         (LtTicketList  *self);
/* How many rows a search has read the text of so far (the rest it
 * settled by their characters and pairs alone): likewise. */
guint64       lt_ticket_list_get_n_texts_searched (LtTicketList *self);

G_END_DECLS
