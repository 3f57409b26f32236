/* lt-new-ticket-criteria-step.h: the assistant's step for feature
 * requests only, the §15 criteria and the next quarterly review (R12)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-new-ticket-step.h"

G_BEGIN_DECLS

#define LT_TYPE_NEW_TICKET_CRITERIA_STEP (lt_new_ticket_criteria_step_get_type ())
G_DECLARE_FINAL_TYPE (LtNewTicketCriteriaStep, lt_new_ticket_criteria_step, LT, NEW_TICKET_CRITERIA_STEP, AdwPreferencesPage)

G_END_DECLS
