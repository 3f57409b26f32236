/* lt-new-ticket-installation-step.h: the assistant's step for which
 * installation and version, with core's eligibility verdict (R2) and the
 * §12 "already fixed in …" warning for the known issues given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-new-ticket-step.h"

G_BEGIN_DECLS

#define LT_TYPE_NEW_TICKET_INSTALLATION_STEP (lt_new_ticket_installation_step_get_type ())
G_DECLARE_FINAL_TYPE (LtNewTicketInstallationStep, lt_new_ticket_installation_step, LT, NEW_TICKET_INSTALLATION_STEP, AdwPreferencesPage)

/* A feature request may leave the version blank; anything else gives it. */
void lt_new_ticket_installation_step_set_version_required (LtNewTicketInstallationStep *self,
                                                           gboolean                     required);

G_END_DECLS
