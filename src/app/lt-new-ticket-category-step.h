/* lt-new-ticket-category-step.h: the assistant's step for what the
 * ticket is about, the policy's scope categories; out of scope needs an
 * acknowledgement (R7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-new-ticket-step.h"

G_BEGIN_DECLS

#define LT_TYPE_NEW_TICKET_CATEGORY_STEP (lt_new_ticket_category_step_get_type ())
G_DECLARE_FINAL_TYPE (LtNewTicketCategoryStep, lt_new_ticket_category_step, LT, NEW_TICKET_CATEGORY_STEP, AdwPreferencesPage)

G_END_DECLS
