/* test-app-forecast.c: estimated ends of support on the Versions page
 *
 * The bundled catalog (docs/versions.md): the last eight intervals
 * between non-withdrawn releases (2024-09-10 … 2026-10-06) are 63, 70,
 * 84, 84, 119, 105, 98 and 133 days: median 91, from 63 to 133. On
 * 2026-11-30 the next release is due 2027-01-05, not overdue.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-forecast"

#include "config.h"

#include "lt-app-test-util.h"
#include "lt-test-util.h"
#include "lt-versions-page.h"

#include <string.h>

#define NOW "2026-11-30T15:00:00Z"

#define CURRENT_ESTIMATE \
  "Support ends about July 2027 (between April and November 2027), if releases keep " \
  "their usual pace of ~3 months (estimate)"
#define SUPPORTED_ESTIMATE \
  "Support ends about January 2027 (between December 2026 and February 2027), if releases " \
  "keep their usual pace of ~3 months (estimate)"

static GtkWidget *
show_page (LtAppFixture *f,
           int           width,
           GtkWidget   **window_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (LT_TYPE_VERSIONS_PAGE, "context", f->context, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 2400);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  lt_app_test_flush ();

  *window_out = window;
  return page;
}

static void
add_installation (LtAppFixture *f,
                  const char   *name,
                  const char   *version)
{
  g_autoptr(LtInstallation) installation = lt_installation_new ();
  g_autoptr(GDateTime) now = lt_test_instant (NOW);
  g_autoptr(GError) error = NULL;

  lt_installation_set_name (installation, name);
  lt_installation_set_host (installation, "lt.example.com");
  lt_installation_set_detected_version (installation, version);
  g_assert_true (lt_store_installations_add (lt_context_get_installations (f->context),
                                             installation, now, &error));
  g_assert_no_error (error);
}

/* The row of the installation named @name. */
static GtkWidget *
find_row (GtkWidget  *page,
          const char *name)
{
  GtkWidget *widget = lt_app_test_find_label (page, name);

  while (widget != NULL && !ADW_IS_ACTION_ROW (widget))
    widget = gtk_widget_get_parent (widget);
  g_assert_nonnull (widget);
  return widget;
}

/* The label that shows the row's subtitle. */
static GtkWidget *
find_subtitle (GtkWidget *row)
{
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  GtkWidget *label = lt_app_test_find_label (row, subtitle);

  g_assert_nonnull (label);
  return label;
}

static void
assert_description (GtkWidget  *row,
                    const char *expected)
{
  g_autofree char *failure = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                                 expected);

  g_assert_null (failure);
}

/* Current, supported, unsupported, and without a version: an estimate
 * with its basis where there is one, in what a screen reader reads. */
static void
test_estimates_shown (LtAppFixture  *f,
                      gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *row;

  add_installation (f, "prod-east", "3.5.1");
  add_installation (f, "dr-west", "3.4.1");
  add_installation (f, "lab", "3.2.1");
  page = show_page (f, 1100, &window);

  row = find_row (page, "prod-east");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "lt.example.com · version 3.5.1 · Supported until 3 more releases ship\n"
                   CURRENT_ESTIMATE);
  assert_description (row, "lt.example.com · version 3.5.1 · Supported until 3 more releases ship\n"
                           CURRENT_ESTIMATE);

  row = find_row (page, "dr-west");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "lt.example.com · version 3.4.1 · The next release ends its support\n"
                   SUPPORTED_ESTIMATE);
  assert_description (row, "lt.example.com · version 3.4.1 · The next release ends its support\n"
                           SUPPORTED_ESTIMATE);

  /* Not supported: nothing to estimate, and no estimate line. */
  row = find_row (page, "lab");
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Support ends"));
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "estimate"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* At 360 px the estimate wraps inside the window instead of widening it
 * or being cut. */
static void
test_narrow (LtAppFixture  *f,
             gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *label;
  int natural = 0;

  add_installation (f, "dr-west", "3.4.1");
  page = show_page (f, 360, &window);

  label = find_subtitle (find_row (page, "dr-west"));
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (label)));
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  g_assert_cmpint (gtk_widget_get_width (label), >, 0);
  g_assert_cmpint (gtk_widget_get_width (label), <, 360);
  /* Several lines: the estimate alone is longer than the row is wide. */
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (label), NULL, &natural,
                      NULL, NULL);
  g_assert_cmpint (gtk_widget_get_height (label), >=, natural);
  g_assert_cmpint (natural, >, 3 * 15);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A refreshed catalog with too short a history: the rows follow it, and
 * say why there is no date. */
static void
test_refresh_too_short (LtAppFixture  *f,
                        gconstpointer  data)
{
  static const char document[] =
    "{\"releases\": ["
    " {\"version\": \"3.4.1\", \"released\": \"2026-02-17\"},"
    " {\"version\": \"3.4.2\", \"released\": \"2026-05-26\"},"
    " {\"version\": \"3.5.1\", \"released\": \"2026-10-06\"}"
    "]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, sizeof document - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) refreshed = lt_release_catalog_new_from_bytes (bytes, &error);
  GtkWidget *window;
  GtkWidget *page;
  GtkWidget *row;

  g_assert_no_error (error);
  add_installation (f, "prod-east", "3.5.1");
  page = show_page (f, 1100, &window);
  row = find_row (page, "prod-east");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), CURRENT_ESTIMATE));

  lt_release_catalog_replace (lt_context_get_catalog (f->context), refreshed);
  lt_app_test_flush ();

  row = find_row (page, "prod-east");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "lt.example.com · version 3.5.1 · Supported until 3 more releases ship\n"
                   "End of support: no estimate. The release history is too short for an "
                   "estimate: it takes at least 3 intervals between releases and the catalog "
                   "has 2.");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
setup (LtAppFixture  *f,
       gconstpointer  data)
{
  lt_app_fixture_setup (f, NOW, TRUE);
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

  g_test_add ("/lt/app/forecast/estimates-shown", LtAppFixture, NULL, setup, test_estimates_shown, teardown);
  g_test_add ("/lt/app/forecast/narrow", LtAppFixture, NULL, setup, test_narrow, teardown);
  g_test_add ("/lt/app/forecast/refresh-too-short", LtAppFixture, NULL, setup, test_refresh_too_short,
              teardown);

  return g_test_run ();
}
