/* lt-clock.h: the application's source of "now"
 *
 * Rules never read the clock (HACKING.md): the UI asks an LtClock and
 * passes the instant down. The system clock ticks at every minute boundary
 * so countdowns and "due in" texts stay live; a fixed clock lets tests and
 * screenshots pin the date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LT_TYPE_CLOCK (lt_clock_get_type ())
G_DECLARE_FINAL_TYPE (LtClock, lt_clock, LT, CLOCK, GObject)

LtClock    *lt_clock_new_system   (void);
LtClock    *lt_clock_new_fixed    (GDateTime  *now);

/* The current instant, in UTC. */
GDateTime  *lt_clock_dup_now      (LtClock    *self);
/* Today in the user's local zone (for calendar-day rules such as the
 * invoice age, and for showing dates). */
void        lt_clock_get_local_today (LtClock *self,
                                      GDate   *date);
/* Fixed clocks only: moves the clock and emits ::tick. */
void        lt_clock_set_now      (LtClock    *self,
                                   GDateTime  *now);

G_END_DECLS
