/* lt-new-ticket-assistant.h: filing a ticket, step by step
 *
 *   severity      the R6 questionnaire, answered by core; a security
 *                 incident or S1 shows the critical phone line (R10)
 *   category      the policy's scope categories; out of scope needs an
 *                 acknowledgement (R7)
 *   installation  which installation and version, with core's eligibility
 *                 verdict (R2) and the §12 "already fixed in …" warning
 *   criteria      feature requests only: the §15 criteria and the next
 *                 quarterly review (R12)
 *   details       title, description, break/fix, attachments, and the
 *                 sensitive-data check (lt-sensitive.h) before anything
 *                 leaves
 *   review        a summary, the R10 contact check, then submit: the
 *                 ticket goes into the outbox through lt-actions, and the
 *                 window says "Filed as LT-000123" once the portal has it
 *
 * Each step is a widget of its own, lt-new-ticket-<step>-step.h, behind
 * the LtNewTicketStep interface (lt-new-ticket-step.h); the functions
 * below that concern attachments call the Details step.
 *
 * Actions: assistant.back, assistant.next (submits on the last step),
 * assistant.add-file, assistant.attach-diagnostics (the bundle's review
 * dialog, src/app/lt-bundle-dialog.h), assistant.mask.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_NEW_TICKET_ASSISTANT (lt_new_ticket_assistant_get_type ())
G_DECLARE_FINAL_TYPE (LtNewTicketAssistant, lt_new_ticket_assistant, LT, NEW_TICKET_ASSISTANT, AdwWindow)

GtkWidget  *lt_new_ticket_assistant_new            (LtContext            *context);

/* The closed ticket this one follows up after its reopen window (R5). */
void        lt_new_ticket_assistant_set_references (LtNewTicketAssistant *self,
                                                    const char           *ticket_id);

/* Adds a file as if chosen in the file chooser (scanned like one). */
gboolean    lt_new_ticket_assistant_add_attachment (LtNewTicketAssistant *self,
                                                    const char           *path,
                                                    GError              **error);
/* Replaces that attachment by a redacted copy (lt_ui_write_redacted_copy():
 * secrets and identities, as in a bundle), in the profile's cache (its
 * "Redacted Copy" button). */
void        lt_new_ticket_assistant_redact_attachment (LtNewTicketAssistant *self,
                                                       const char           *path);
/* A diagnostics bundle's parts (element-type LtBundlePart) as
 * attachments, filed with the ticket; @directory, the folder of the
 * profile's `bundles/` that holds them, is removed if the ticket is not
 * filed or the bundle removed (what the review dialog's Attach does). */
void        lt_new_ticket_assistant_add_bundle     (LtNewTicketAssistant *self,
                                                    GPtrArray            *parts,
                                                    const char           *directory);

G_END_DECLS
