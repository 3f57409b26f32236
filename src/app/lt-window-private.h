/* lt-window-private.h: what the tests reach inside lt-window
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-window.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-window.h"

G_BEGIN_DECLS

LtContext  *lt_window_get_context      (LtWindow       *self);

const char *lt_window_get_visible_page (LtWindow       *self);

/* The page widget called @name. */
GtkWidget  *lt_window_get_page         (LtWindow       *self,
                                        const char     *name);

/* The connect page while it is shown, else NULL. */
GtkWidget  *lt_window_get_connect_page (LtWindow       *self);

/* The banner shown while the portal cannot be reached or refuses the
 * token (hidden otherwise; NULL until first needed). */
GtkWidget  *lt_window_get_connection_banner (LtWindow  *self);

G_END_DECLS
