/* lt-ticket-detail.h: one ticket: its deadlines, what can be done now and
 * its history
 *
 * Every deadline and every "may I" comes from core: the response due and
 * SLA state (R4), the auto-close date (R5), the reopen window, the customer
 * actions allowed now, the escalation suggestion (R11) and whether the
 * critical phone line may be shown (R10: S1 and security incidents only).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"
#include "lt-ticket.h"

G_BEGIN_DECLS

#define LT_TYPE_TICKET_DETAIL (lt_ticket_detail_get_type ())
G_DECLARE_FINAL_TYPE (LtTicketDetail, lt_ticket_detail, LT, TICKET_DETAIL, AdwBin)

void      lt_ticket_detail_set_context (LtTicketDetail *self,
                                        LtContext      *context);
/* The customer's tier, for the SLA target; FALSE while it is unknown (no
 * account synced yet): only the portal's own response due is shown. */
void      lt_ticket_detail_set_tier    (LtTicketDetail *self,
                                        gboolean        known,
                                        LtTier          tier);
LtTicket *lt_ticket_detail_get_ticket  (LtTicketDetail *self);
void      lt_ticket_detail_set_ticket  (LtTicketDetail *self,
                                        LtTicket       *ticket);
/* Takes the ticket to act on and show, but shows it only at
 * lt_ticket_detail_show_held(); until then the pane shows the one before
 * and no action is enabled (a search as you type, docs/app.md). */
void      lt_ticket_detail_hold_ticket (LtTicketDetail *self,
                                        LtTicket       *ticket);
void      lt_ticket_detail_show_held   (LtTicketDetail *self);
gboolean  lt_ticket_detail_get_held    (LtTicketDetail *self);

/* The customer actions core allows on the ticket shown, now: exactly the
 * ticket.* actions that are enabled (ticket.comment, ticket.attach,
 * ticket.attach-diagnostics,
 * ticket.confirm-closure, ticket.not-fixed, ticket.reopen,
 * ticket.new-referencing, ticket.escalate, ticket.withdraw). */
/* The dialog an action opened and that is still shown, or NULL. */
/* Queues @path as an attachment of the ticket shown (what the file
 * chooser does once the file passed the sensitive-data check). */
gboolean  lt_ticket_detail_attach_file (LtTicketDetail *self,
                                        const char     *path,
                                        GError        **error);
/* Scrolls the pane so that the history starts at its top (once laid
 * out): what `--screenshot` shows of a long history. */
/* What the file chooser does with @path: scanned, then queued, or a
 * question (lt_ticket_detail_get_dialog()) when it holds secrets: cancel,
 * attach anyway, or attach a redacted copy ("redacted"). */
void      lt_ticket_detail_attach_path (LtTicketDetail *self,
                                        const char     *path);

G_END_DECLS
