/* lt-clock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-clock"

#include "config.h"

#include "lt-clock.h"

struct _LtClock
{
  GObject    parent_instance;

  /* Owned */
  GDateTime *fixed_now;      /* NULL for the system clock */
  guint      tick_source;
};

G_DEFINE_FINAL_TYPE (LtClock, lt_clock, G_TYPE_OBJECT)

enum {
  TICK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean tick_cb (gpointer user_data);

static void
schedule_tick (LtClock *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint ms_left;

  /* Fire just after the next minute boundary rather than every 60 s from
   * start-up: a countdown that says "due in 5 min" must change when the
   * wall clock's minute does, not up to a minute later. */
  ms_left = (guint) (60000 - (g_date_time_get_second (now) * 1000
                              + g_date_time_get_microsecond (now) / 1000) % 60000);
  self->tick_source = g_timeout_add (ms_left + 20, tick_cb, self);
  g_source_set_name_by_id (self->tick_source, "[lt] clock tick");
}

static gboolean
tick_cb (gpointer user_data)
{
  LtClock *self = user_data;

  self->tick_source = 0;
  schedule_tick (self);
  g_signal_emit (self, signals[TICK], 0);

  return G_SOURCE_REMOVE;
}

static void
lt_clock_finalize (GObject *object)
{
  LtClock *self = (LtClock *) object;

  g_clear_handle_id (&self->tick_source, g_source_remove);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);

  G_OBJECT_CLASS (lt_clock_parent_class)->finalize (object);
}

static void
lt_clock_class_init (LtClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lt_clock_finalize;

  /**
   * LtClock::tick:
   *
   * Emitted after each minute boundary (system clock) or when a fixed
   * clock is moved: time-dependent texts recompute.
   */
  signals[TICK] = g_signal_new ("tick",
                                G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
}

static void
lt_clock_init (LtClock *self)
{
}

/**
 * lt_clock_new_system:
 *
 * Returns: (transfer full): a clock that reads the system time and ticks
 *   every minute
 */
LtClock *
lt_clock_new_system (void)
{
  LtClock *self = g_object_new (LT_TYPE_CLOCK, NULL);

  schedule_tick (self);

  return self;
}

/**
 * lt_clock_new_fixed:
 * @now: the instant the clock shows
 *
 * Returns: (transfer full): a clock that stays at @now until
 *   lt_clock_set_now() moves it
 */
LtClock *
lt_clock_new_fixed (GDateTime *now)
{
  LtClock *self;

  g_return_val_if_fail (now != NULL, NULL);

  self = g_object_new (LT_TYPE_CLOCK, NULL);
  self->fixed_now = g_date_time_to_utc (now);

  return self;
}

/**
 * lt_clock_dup_now:
 * @self: a clock
 *
 * Returns: (transfer full): the current instant in UTC
 */
GDateTime *
lt_clock_dup_now (LtClock *self)
{
  g_return_val_if_fail (LT_IS_CLOCK (self), NULL);

  if (self->fixed_now != NULL)
    return g_date_time_ref (self->fixed_now);

  return g_date_time_new_now_utc ();
}

void
lt_clock_get_local_today (LtClock *self,
                          GDate   *date)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (LT_IS_CLOCK (self));
  g_return_if_fail (date != NULL);

  now = lt_clock_dup_now (self);
  local = g_date_time_to_local (now);
  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
}

void
lt_clock_set_now (LtClock   *self,
                  GDateTime *now)
{
  g_return_if_fail (LT_IS_CLOCK (self));
  g_return_if_fail (now != NULL);
  g_return_if_fail (self->fixed_now != NULL);

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  self->fixed_now = g_date_time_to_utc (now);
  g_signal_emit (self, signals[TICK], 0);
}
