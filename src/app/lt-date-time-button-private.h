/* lt-date-time-button-private.h: what the tests reach inside lt-date-time-button
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-date-time-button.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-date-time-button.h"

G_BEGIN_DECLS

GtkWidget *lt_date_time_button_new                (void);

G_END_DECLS
