/* lt-application-private.h: what the screenshot and benchmark programs
 * change in the application
 *
 * Only tests/instrumented (`make screenshots`, `make bench`) includes
 * this: the product never calls it, and the hooks that take pictures or
 * time the first frame live there, not in the application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-application.h"
#include "lt-window.h"

G_BEGIN_DECLS

/* Only the window, as pictures need it: a separate instance, and no
 * background mode, notifications, sync or first-run questions. Set before
 * g_application_run(). */
void lt_application_set_window_only   (LtApplication *self,
                                       gboolean       window_only);

/* Whether the first window of a profile without a portal offers to
 * connect (the default); the benchmark's profile has none, and measures
 * the pages. */
void lt_application_set_connect_offer (LtApplication *self,
                                       gboolean       offer);

/* Called each time activation presented @window, before anything else
 * starts (the sync, the offer to connect). */
typedef void (*LtApplicationWindowReady) (LtApplication *self,
                                          LtWindow      *window,
                                          gpointer       user_data);

void lt_application_set_window_ready  (LtApplication            *self,
                                       LtApplicationWindowReady  func,
                                       gpointer                  user_data);

/* NULL before startup. */
LtContext     *lt_application_get_context (LtApplication *self);

G_END_DECLS
