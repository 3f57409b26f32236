/* test-app-reminders.c: maintenance reminders (R9) over the demo customer
 *
 * Its windows: an emergency one announced at 14:45Z to start 15:30Z on
 * 30 November (the clock's day), a scheduled one on 5 December 07:00Z.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-reminders"

#include "config.h"

#include "lt-app-demo-data.h"
#include "lt-app-test-util.h"
#include "lt-reminders.h"
#include "lt-test-util.h"

typedef struct
{
  LtAppFixture  app;
  GPtrArray    *seen;    /* "window-id/lead" */
} Fixture;

static void
reminder_cb (LtReminders         *reminders,
             LtMaintenanceWindow *window,
             guint                lead,
             Fixture             *f)
{
  g_ptr_array_add (f->seen, g_strdup_printf ("%s/%u", lt_maintenance_window_get_id (window), lead));
}

static LtReminders *
new_reminders (Fixture *f)
{
  LtReminders *reminders = lt_reminders_new (f->app.context);

  g_signal_connect (reminders, "reminder", G_CALLBACK (reminder_cb), f);
  return reminders;
}

static void
move_clock (Fixture    *f,
            const char *now)
{
  g_autoptr(GDateTime) instant = lt_test_instant (now);

  g_ptr_array_set_size (f->seen, 0);
  lt_clock_set_now (f->app.clock, instant);   /* ticks */
}

static void
test_due_once (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LtReminders) reminders = new_reminders (f);

  /* Known at start: the emergency window reminds at once. */
  lt_reminders_check (reminders);
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->seen, 0), ==, "mw-emergency-1130/0");

  /* Not again a minute later. */
  move_clock (f, "2026-11-30T15:01:00Z");
  g_assert_cmpuint (f->seen->len, ==, 0);

  /* 24 hours before the scheduled window; then 1 hour before. */
  move_clock (f, "2026-12-04T07:00:30Z");
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->seen, 0), ==, "mw-2026-12-05/1440");
  move_clock (f, "2026-12-05T06:00:00Z");
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->seen, 0), ==, "mw-2026-12-05/60");
}

/* The store remembers: a restart does not remind again. */
static void
test_restart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LtReminders) first = new_reminders (f);
  g_autoptr(LtReminders) second = NULL;

  lt_reminders_check (first);
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_clear_object (&first);

  g_ptr_array_set_size (f->seen, 0);
  second = new_reminders (f);
  lt_reminders_check (second);
  g_assert_cmpuint (f->seen->len, ==, 0);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LtReminders) reminders = NULL;
  const guint32 leads[] = { 120 };

  /* Off: nothing. */
  g_settings_set_boolean (f->app.settings, "maintenance-reminders", FALSE);
  reminders = new_reminders (f);
  lt_reminders_check (reminders);
  move_clock (f, "2026-12-04T07:00:30Z");
  g_assert_cmpuint (f->seen->len, ==, 0);

  /* The user's own lead time replaces the policy's. */
  g_settings_set_boolean (f->app.settings, "maintenance-reminders", TRUE);
  g_settings_set_value (f->app.settings, "reminder-lead-minutes",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, leads, 1, sizeof (guint32)));
  move_clock (f, "2026-12-05T04:59:00Z");
  g_assert_cmpuint (f->seen->len, ==, 0);
  move_clock (f, "2026-12-05T05:00:00Z");
  g_assert_cmpuint (f->seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->seen, 0), ==, "mw-2026-12-05/120");
  move_clock (f, "2026-12-05T06:00:00Z");
  g_assert_cmpuint (f->seen->len, ==, 0);
}

static void
test_notification (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LtMaintenanceWindow) window = lt_maintenance_window_new ();
  g_autoptr(GNotification) notification = NULL;

  lt_maintenance_window_set_id (window, "mw-1");
  lt_maintenance_window_set_title (window, "Feed migration");
  lt_maintenance_window_set_kind (window, LT_MAINTENANCE_KIND_SCHEDULED);
  {
    g_autoptr(GDateTime) starts = lt_test_instant ("2026-12-05T07:00:00Z");
    lt_maintenance_window_set_starts_at (window, starts);
  }

  notification = lt_reminders_create_notification (window, 60);
  g_assert_true (G_IS_NOTIFICATION (notification));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  lt_app_fixture_setup (&f->app, LT_APP_DEMO_NOW, TRUE);
  g_assert_true (lt_app_demo_data_fill (lt_context_get_store (f->app.context),
                                        lt_context_get_outbox (f->app.context), &error));
  g_assert_no_error (error);
  f->seen = g_ptr_array_new_with_free_func (g_free);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_ptr_array_unref (f->seen);
  lt_app_fixture_teardown (&f->app);
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/reminders/due-once", Fixture, NULL, setup, test_due_once, teardown);
  g_test_add ("/lt/app/reminders/restart", Fixture, NULL, setup, test_restart, teardown);
  g_test_add ("/lt/app/reminders/settings", Fixture, NULL, setup, test_settings, teardown);
  g_test_add ("/lt/app/reminders/notification", Fixture, NULL, setup, test_notification, teardown);

  return g_test_run ();
}
