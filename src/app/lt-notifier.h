/* lt-notifier.h: the desktop side of the deadline engine (docs/app.md,
 * "Notifications")
 *
 * Asks core what is due (lt_alerts_compute() over what the store holds),
 * records each new alert in the store before it sends it, so that no
 * restart and no second process shows it again, sends it as a
 * GNotification whose id is the alert's key, and withdraws the shown
 * conditions that no longer hold. What came due while nobody watched
 * (before this process started, or while the machine slept) is one
 * "While you were away" notification instead, and the Overview lists it.
 *
 * It runs the engine when something is due (the engine's next instant,
 * compared at the clock's ticks), after every sync run and after every
 * local change to the outbox; not every minute.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-alerts.h"
#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_NOTIFIER (lt_notifier_get_type ())
G_DECLARE_FINAL_TYPE (LtNotifier, lt_notifier, LT, NOTIFIER, GObject)

/* Sends through @application (it must be registered to show anything).
 * Does not check until lt_notifier_check() is first called. */
LtNotifier    *lt_notifier_new            (LtContext    *context,
                                           GApplication *application);
/* Runs the engine now, on this thread. A look running in the worker is
 * dropped: this one reads a newer snapshot. */
void           lt_notifier_check          (LtNotifier   *self);
/* Reads what is due and runs the engine in a worker thread, on a reader
 * of the store, while the main loop turns; records and delivers on the
 * main thread when it is done. Asked again while it runs: one more look
 * after it. */
void           lt_notifier_check_in_worker (LtNotifier  *self);
/* Whether the notifier's own looks (after a change, when something comes
 * due, after a resume) run in the worker too; FALSE until set. */
void           lt_notifier_set_looks_in_worker (LtNotifier *self,
                                                gboolean    in_worker);
/* The next instant the engine said something comes due; NULL when
 * nothing is ahead or no check ran. */
/* The alerts of the last "While you were away" summary (LtAlert), empty
 * after lt_notifier_dismiss_away(); ::away-changed tells. */
GPtrArray     *lt_notifier_get_away       (LtNotifier   *self);
void           lt_notifier_dismiss_away   (LtNotifier   *self);
/* Treats what comes due from now as missed while away: the app calls it
 * when the machine resumes from suspend. */
void           lt_notifier_resumed        (LtNotifier   *self);

/* The GNotification for @alert (title, body, priority, buttons). */
GNotification *lt_notifier_create_notification (const LtAlert *alert,
                                                GTimeZone     *zone);

G_END_DECLS
