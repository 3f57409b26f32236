/* lt-new-ticket-details-step.h: the assistant's step for the ticket
 * itself: title, description, break/fix, attachments (files and a
 * diagnostics bundle), and the sensitive-data check (lt-sensitive.h)
 * before anything leaves
 *
 * Property: break-fix ("It Worked Before", an answer of the Severity
 * step's questionnaire as well).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-new-ticket-step.h"

G_BEGIN_DECLS

#define LT_TYPE_NEW_TICKET_DETAILS_STEP (lt_new_ticket_details_step_get_type ())
G_DECLARE_FINAL_TYPE (LtNewTicketDetailsStep, lt_new_ticket_details_step, LT, NEW_TICKET_DETAILS_STEP, AdwPreferencesPage)

/* What the assistant's functions of the same names do
 * (lt-new-ticket-assistant.h). */
void        lt_new_ticket_details_step_set_references    (LtNewTicketDetailsStep  *self,
                                                          const char              *ticket_id);
gboolean    lt_new_ticket_details_step_add_attachment    (LtNewTicketDetailsStep  *self,
                                                          const char              *path,
                                                          GError                 **error);
void        lt_new_ticket_details_step_redact_attachment (LtNewTicketDetailsStep  *self,
                                                          const char              *path);
void        lt_new_ticket_details_step_add_bundle        (LtNewTicketDetailsStep  *self,
                                                          GPtrArray               *parts,
                                                          const char              *directory);
GtkWidget  *lt_new_ticket_details_step_get_bundle_dialog (LtNewTicketDetailsStep  *self);
guint       lt_new_ticket_details_step_get_n_attachments (LtNewTicketDetailsStep  *self);
guint       lt_new_ticket_details_step_get_n_findings    (LtNewTicketDetailsStep  *self);

/* The assistant's actions: assistant.add-file, assistant.attach-diagnostics,
 * assistant.mask. */
void        lt_new_ticket_details_step_choose_files      (LtNewTicketDetailsStep  *self);
void        lt_new_ticket_details_step_attach_diagnostics (LtNewTicketDetailsStep *self);
void        lt_new_ticket_details_step_mask              (LtNewTicketDetailsStep  *self);

/* A bundle made for a ticket that was not filed is not kept: its
 * folders go (the assistant closed without filing). */
void        lt_new_ticket_details_step_remove_bundles    (LtNewTicketDetailsStep  *self);

G_END_DECLS
