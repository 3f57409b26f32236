/* lt-reminders.h: maintenance reminders (§10, R9)
 *
 * At each minute of the application clock, asks core which reminder
 * instants of each stored maintenance window have come
 * (lt_rules_reminder_instants(), with the lead times of the settings or,
 * by default, of the policy) and emits ::reminder once per window and
 * lead time; the store remembers what was shown, across restarts. The
 * application turns ::reminder into a desktop notification.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-context.h"
#include "lt-maintenance-window.h"

G_BEGIN_DECLS

#define LT_TYPE_REMINDERS (lt_reminders_get_type ())
G_DECLARE_FINAL_TYPE (LtReminders, lt_reminders, LT, REMINDERS, GObject)

/* Starts watching at the context clock's current instant: reminders that
 * came while the application was not running are not shown late (an
 * emergency window still reminds at once, as R9 asks). */
LtReminders *lt_reminders_new    (LtContext   *context);
/* Checks now (also done at every clock tick). */
void         lt_reminders_check  (LtReminders *self);

/* A notification for @window, @lead_minutes before it starts. */
GNotification *lt_reminders_create_notification (LtMaintenanceWindow *window,
                                                 guint                lead_minutes);

G_END_DECLS
