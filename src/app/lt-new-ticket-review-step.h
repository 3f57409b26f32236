/* lt-new-ticket-review-step.h: the assistant's last step, a summary of
 * the others and the R10 contact check; the ticket goes into the outbox
 * from here (Submit)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-new-ticket-step.h"

G_BEGIN_DECLS

#define LT_TYPE_NEW_TICKET_REVIEW_STEP (lt_new_ticket_review_step_get_type ())
G_DECLARE_FINAL_TYPE (LtNewTicketReviewStep, lt_new_ticket_review_step, LT, NEW_TICKET_REVIEW_STEP, AdwPreferencesPage)

/* The summary of @steps (LtNewTicketStep, those shown before this one, in
 * their order), then the contact tickets from here name. */
void lt_new_ticket_review_step_summarize_steps (LtNewTicketReviewStep *self,
                                                GPtrArray             *steps);
/* Why filing failed, in place; NULL hides it. */
void lt_new_ticket_review_step_set_error       (LtNewTicketReviewStep *self,
                                                const char            *message);

G_END_DECLS
