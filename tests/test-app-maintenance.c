/* test-app-maintenance.c: the Maintenance page's export to iCalendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-maintenance"

#include "config.h"

#include "lt-app-demo-data.h"
#include "lt-app-test-util.h"
#include "lt-icalendar.h"
#include "lt-maintenance-page.h"
#include "lt-store-maintenance-windows.h"
#include "lt-test-util.h"

#include <string.h>

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* Every window, with the policy's reminders as alarms (R9), in a file a
 * calendar imports; importing it again updates the same events. */
static void
test_export (LtAppFixture  *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  LtMaintenancePage *page;
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), "maintenance.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *ics = NULL;
  g_autofree char *again = NULL;
  guint n_leads = 0;
  GtkWidget *button;

  g_assert_true (lt_app_demo_data_fill (lt_context_get_store (f->context),
                                        lt_context_get_outbox (f->context), &error));
  g_assert_no_error (error);
  page = g_object_new (LT_TYPE_MAINTENANCE_PAGE, "context", f->context, NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  lt_app_test_flush ();

  /* The header's button, named for assistive technologies. */
  button = lt_app_test_find_label (GTK_WIDGET (page), "Export…");
  g_assert_nonnull (button);
  button = gtk_widget_get_ancestor (button, GTK_TYPE_BUTTON);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "maintenance.export");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Export maintenance windows to a calendar file");

  g_assert_true (lt_maintenance_page_export_to_file (page, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &ics, NULL, &error));

  lt_policy_get_reminder_lead_minutes (lt_context_get_policy (f->context), &n_leads);
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (ics, "PRODID:" LT_ICALENDAR_PRODID "\r\n"));
  g_assert_cmpuint (count (ics, "BEGIN:VEVENT"), ==, 4);
  g_assert_cmpuint (count (ics, "BEGIN:VALARM"), ==, 4 * n_leads);
  g_assert_nonnull (strstr (ics, "UID:maintenance-mw-emergency-1130@support.lockthreat.com"));
  g_assert_nonnull (strstr (ics, "DTSTART:20261130T153000Z"));

  /* Exported again: the same events (the stamp is the clock's). */
  g_assert_true (lt_maintenance_page_export_to_file (page, file, &error));
  g_assert_true (g_file_get_contents (path, &again, NULL, &error));
  g_assert_cmpstr (again, ==, ics);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window a pre-fix sync stored at the very end of 9999 (UTC) has no
 * local day in the tests' Pacific/Chatham (+13:45): marking the calendar
 * gave a NULL GDateTime to g_date_time_get_day_of_month(). Now it is not
 * marked, its entry reads "invalid date", and the export still works. */
static void
test_bad_dates (LtAppFixture  *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtMaintenanceWindow) odd = lt_maintenance_window_new ();
  g_autoptr(GDateTime) starts = g_date_time_new_utc (9999, 12, 31, 20, 0, 0);
  g_autoptr(GDateTime) ends = g_date_time_new_utc (9999, 12, 31, 23, 0, 0);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (f->context));
  g_autoptr(LtMaintenancePage) page = NULL;
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), "odd.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *window = gtk_window_new ();

  lt_maintenance_window_set_id (odd, "mw-odd");
  lt_maintenance_window_set_kind (odd, LT_MAINTENANCE_KIND_SCHEDULED);
  lt_maintenance_window_set_title (odd, "Odd window");
  lt_maintenance_window_set_starts_at (odd, starts);
  lt_maintenance_window_set_ends_at (odd, ends);
  lt_maintenance_window_set_announced_at (odd, now);
  g_assert_true (lt_store_upsert_maintenance_window (lt_context_get_store (f->context), odd, now,
                                                     &error));
  g_assert_no_error (error);

  page = g_object_ref_sink (g_object_new (LT_TYPE_MAINTENANCE_PAGE, "context", f->context, NULL));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  lt_app_test_flush ();
  gtk_test_widget_wait_for_draw (window);
  lt_app_test_flush ();

  g_assert_true (lt_maintenance_page_export_to_file (page, file, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
setup (LtAppFixture  *f,
       gconstpointer  data)
{
  lt_app_fixture_setup (f, LT_APP_DEMO_NOW, TRUE);
}

static void
teardown (LtAppFixture  *f,
          gconstpointer  data)
{
  lt_app_fixture_teardown (f);
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/maintenance/export", LtAppFixture, NULL, setup, test_export, teardown);
  g_test_add ("/lt/app/maintenance/bad-dates", LtAppFixture, NULL, setup, test_bad_dates, teardown);

  return g_test_run ();
}
