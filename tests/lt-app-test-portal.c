/* lt-app-test-portal.c: the main window against the real
 * lockthreat-devportal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-app-test-portal"

#include "config.h"

#include "lt-app-test-portal.h"
#include "lt-credentials.h"
#include "lt-test-util.h"

static void
run_finished_cb (LtSyncController   *sync,
                 gboolean            ok,
                 LtAppPortalFixture *f)
{
  f->run_done = TRUE;
  f->run_ok = ok;
}

static void
ticket_filed_cb (LtSyncController   *sync,
                 const char         *local_id,
                 const char         *id,
                 const char         *title,
                 LtAppPortalFixture *f)
{
  g_free (f->filed_id);
  f->filed_id = g_strdup (id);
}

static void
submission_waiting_cb (LtSyncController   *sync,
                       int                 outcome,
                       const char         *message,
                       LtAppPortalFixture *f)
{
  g_free (f->waiting_message);
  f->waiting_message = g_strdup (message);
}

void
lt_app_portal_fixture_setup (LtAppPortalFixture       *f,
                             const LtAppPortalOptions *options)
{
  static guint serial;
  g_autofree char *dir = g_strdup_printf ("portal-profile-%u", ++serial);
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), dir, "support.db", NULL);
  g_autoptr(GError) error = NULL;

  f->portal = lt_test_devportal_start (options->token, options->demo);
  if (options->now != NULL)
    lt_test_devportal_set_clock (f->portal, options->now);
  if (options->connected)
    g_setenv (LT_CREDENTIALS_TOKEN_ENV, options->token, TRUE);
  else
    {
      g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);
      g_unsetenv ("LTSUPPORT_PORTAL");
    }

  f->settings = g_settings_new (APPLICATION_ID);
  lt_app_test_reset_settings (f->settings);
  if (options->connected)
    g_settings_set_string (f->settings, "portal-url", lt_test_devportal_get_url (f->portal));

  if (options->now != NULL)
    {
      g_autoptr(GDateTime) now = lt_test_instant (options->now);

      f->clock = lt_clock_new_fixed (now);
    }
  else
    f->clock = lt_clock_new_system ();
  f->context = lt_context_new (f->clock, f->settings, &error);
  g_assert_no_error (error);
  /* LTSUPPORT_TOKEN is the token only of a portal named for the process
   * (--portal), as `make run` does; the saved address alone would not
   * take it (lt-portal-choice.h). */
  if (options->connected)
    lt_context_set_portal_override (f->context, lt_test_devportal_get_url (f->portal));
  g_assert_true (lt_context_open_store (f->context, path, &error));
  g_assert_no_error (error);
  lt_app_test_wait_tickets_read (f->context);

  f->sync = lt_sync_controller_new (f->context);
  lt_context_set_sync (f->context, f->sync);
  g_signal_connect (f->sync, "run-finished", G_CALLBACK (run_finished_cb), f);
  g_signal_connect (f->sync, "ticket-filed", G_CALLBACK (ticket_filed_cb), f);
  g_signal_connect (f->sync, "submission-waiting", G_CALLBACK (submission_waiting_cb), f);

  f->window = lt_window_new (NULL, f->context);
  gtk_window_set_default_size (GTK_WINDOW (f->window), options->width, options->height);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
}

void
lt_app_portal_fixture_teardown (LtAppPortalFixture *f)
{
  g_signal_handlers_disconnect_by_data (f->sync, f);
  gtk_window_destroy (GTK_WINDOW (f->window));
  lt_app_test_flush ();
  g_clear_object (&f->sync);
  g_clear_object (&f->context);
  g_clear_object (&f->settings);
  g_clear_object (&f->clock);
  lt_app_test_flush ();
  g_clear_pointer (&f->portal, lt_test_devportal_free);
  g_clear_pointer (&f->filed_id, g_free);
  g_clear_pointer (&f->waiting_message, g_free);
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);
}

void
lt_app_portal_fixture_expect_run (LtAppPortalFixture *f)
{
  f->run_done = FALSE;
}

gboolean
lt_app_portal_fixture_wait_started_run (LtAppPortalFixture *f,
                                        guint               timeout_ms)
{
  g_assert_true (lt_app_test_wait_for (&f->run_done, timeout_ms));
  return f->run_ok;
}

gboolean
lt_app_portal_fixture_wait_run (LtAppPortalFixture *f,
                                guint               timeout_ms)
{
  lt_app_portal_fixture_expect_run (f);
  return lt_app_portal_fixture_wait_started_run (f, timeout_ms);
}

void
lt_app_portal_fixture_sync_now (LtAppPortalFixture *f)
{
  lt_sync_controller_sync (f->sync);
  g_assert_true (lt_app_portal_fixture_wait_run (f, 60000));
  lt_app_test_flush ();
}
