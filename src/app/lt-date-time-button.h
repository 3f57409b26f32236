/* lt-date-time-button.h: pick a date and a time of day
 *
 * A menu button showing the chosen instant in the user's local zone, the
 * zone named on the button and in the popover, with a calendar and
 * hour/minute spin buttons in its popover. GTK 4.8 has no date picker of
 * its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LT_TYPE_DATE_TIME_BUTTON (lt_date_time_button_get_type ())
G_DECLARE_FINAL_TYPE (LtDateTimeButton, lt_date_time_button, LT, DATE_TIME_BUTTON, GtkWidget)

/* The chosen instant (local zone), or NULL while nothing is chosen. */
GDateTime *lt_date_time_button_get_date_time      (LtDateTimeButton *self);
void       lt_date_time_button_set_date_time      (LtDateTimeButton *self,
                                                   GDateTime        *date_time);
/* What the popover shows first while nothing is chosen; opening the
 * popover takes it as the choice. */
void       lt_date_time_button_set_suggestion     (LtDateTimeButton *self,
                                                   GDateTime        *suggestion);

/* The name assistive technologies read for the button ("Planned start"). */
void       lt_date_time_button_set_accessible_label (LtDateTimeButton *self,
                                                     const char       *label);

G_END_DECLS
