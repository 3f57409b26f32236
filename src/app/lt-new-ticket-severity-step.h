/* lt-new-ticket-severity-step.h: the assistant's first step, the R6
 * questionnaire answered by core; a security incident or S1 shows the
 * critical phone line (R10)
 *
 * Property: break-fix (the Details step's "It Worked Before", one of the
 * answers).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-new-ticket-step.h"

G_BEGIN_DECLS

#define LT_TYPE_NEW_TICKET_SEVERITY_STEP (lt_new_ticket_severity_step_get_type ())
G_DECLARE_FINAL_TYPE (LtNewTicketSeverityStep, lt_new_ticket_severity_step, LT, NEW_TICKET_SEVERITY_STEP, AdwPreferencesPage)

/* Whether the answers make a feature request (the Criteria step shows). */
gboolean lt_new_ticket_severity_step_is_feature (LtNewTicketSeverityStep *self);

G_END_DECLS
