/* lt-new-ticket-assistant-private.h: what the tests reach inside lt-new-ticket-assistant
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-new-ticket-assistant.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-new-ticket-assistant.h"

G_BEGIN_DECLS

/* The step shown: "severity", "category", "installation", "criteria",
 * "details", "review". */
const char *lt_new_ticket_assistant_get_step       (LtNewTicketAssistant *self);

/* Whether assistant.next is possible on this step. */
gboolean    lt_new_ticket_assistant_can_continue   (LtNewTicketAssistant *self);

/* Why not, in the words shown to the user, or NULL. */
const char *lt_new_ticket_assistant_get_blocker    (LtNewTicketAssistant *self);

/* The "Attach Diagnostics…" dialog while it is shown, or NULL. */
GtkWidget  *lt_new_ticket_assistant_get_bundle_dialog (LtNewTicketAssistant *self);

/* Files to be filed with the ticket (a bundle counts each part). */
guint       lt_new_ticket_assistant_get_n_attachments (LtNewTicketAssistant *self);

/* The likely secrets found now in the title, description and text
 * attachments. */
guint       lt_new_ticket_assistant_get_n_findings (LtNewTicketAssistant *self);

/* After a successful submit: the ticket's local id (its outbox key). */
const char *lt_new_ticket_assistant_get_filed_key  (LtNewTicketAssistant *self);

G_END_DECLS
