/* lt-about-window.h: About LockThreat Support
 *
 * Besides the application, the About window shows the support policy in
 * effect (its effective and last-updated dates and the next review, §19)
 * and the §18 contacts: portal, support email and the customer success
 * manager. The critical phone line is not among them: R10 shows it only
 * where Severity 1 or a security incident applies.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

GtkWidget *lt_about_window_new (LtContext *context);

G_END_DECLS
