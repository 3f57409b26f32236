/* test-app-versions.c: the Versions page, its catalog and timeline
 *
 * The bundled catalog: current 3.5.1, 3.5.0 withdrawn, floor 3.4.1
 * (docs/versions.md). Read from the catalog where the test can, so that
 * a catalog update changes only the release names below.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-versions"

#include "config.h"

#include "lt-app-test-util.h"
#include "lt-release-timeline.h"
#include "lt-test-util.h"
#include "lt-versions-page.h"

#define NOW "2026-11-30T15:00:00Z"

static GtkWidget *
show_page (LtAppFixture *f,
           GtkWidget   **window_out)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (LT_TYPE_VERSIONS_PAGE, "context", f->context, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 2400);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  lt_app_test_flush ();

  *window_out = window;
  return page;
}

static LtRelease *
find_withdrawn (LtReleaseCatalog *catalog)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (catalog));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      if (lt_release_get_withdrawn (release))
        return release;
    }

  return NULL;
}

static void
test_catalog_listed (LtAppFixture  *f,
                     gconstpointer  data)
{
  LtReleaseCatalog *catalog = lt_context_get_catalog (f->context);
  GtkWidget *window;
  GtkWidget *page = show_page (f, &window);
  GtkColumnView *view = GTK_COLUMN_VIEW (lt_app_test_find_widget (page, GTK_TYPE_COLUMN_VIEW));
  LtRelease *withdrawn = find_withdrawn (catalog);
  LtRelease *current = lt_release_catalog_get_current (catalog);
  GtkWidget *withdrawn_label;
  GtkWidget *current_label;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (catalog));

  /* Every release of the bundled catalog is a row. */
  g_assert_cmpuint (n, >, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (view),
                                                lt_version_to_string (lt_release_get_version (release))));
    }

  /* The withdrawn release is struck through and badged. */
  g_assert_nonnull (withdrawn);
  g_assert_cmpstr (lt_version_to_string (lt_release_get_version (withdrawn)), ==, "3.5.0");
  withdrawn_label = lt_app_test_find_label (GTK_WIDGET (view), "3.5.0");
  g_assert_true (gtk_widget_has_css_class (withdrawn_label, "withdrawn"));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (view), "Withdrawn"));

  /* The current release stands out; its status is core's. */
  current_label = lt_app_test_find_label (GTK_WIDGET (view),
                                          lt_version_to_string (lt_release_get_version (current)));
  g_assert_false (gtk_widget_has_css_class (current_label, "withdrawn"));
  g_assert_true (gtk_widget_has_css_class (current_label, "heading"));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (view), "Current"));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (view), "Unsupported"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_timeline_summary (LtAppFixture  *f,
                       gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *page = show_page (f, &window);
  LtReleaseTimeline *timeline = LT_RELEASE_TIMELINE (lt_app_test_find_widget (page, LT_TYPE_RELEASE_TIMELINE));
  g_autofree char *summary = lt_release_timeline_dup_summary (timeline);

  g_assert_cmpstr (summary, ==,
                   "Current release 3.5.1; versions 3.4.1 and later are supported. 3.5.0 was withdrawn.");
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (timeline)), >, 100);
  gtk_window_destroy (GTK_WINDOW (window));
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

/* Installations show core's verdict and forecast, live. */
static void
test_installations (LtAppFixture  *f,
                    gconstpointer  data)
{
  GtkWidget *window;
  GtkWidget *page = show_page (f, &window);
  LtReleaseTimeline *timeline = LT_RELEASE_TIMELINE (lt_app_test_find_widget (page, LT_TYPE_RELEASE_TIMELINE));
  GtkWidget *list;
  g_autofree char *summary = NULL;

  g_assert_nonnull (lt_app_test_find_label (page,
                                            "No installations yet. Add the LockThreat servers you run to see whether each is still supported."));

  add_installation (f, "prod-east", "3.4.1");
  add_installation (f, "lab", "3.2.1");
  lt_app_test_flush ();

  list = gtk_widget_get_parent (lt_app_test_find_label (page, "prod-east"));
  while (list != NULL && !GTK_IS_LIST_BOX (list))
    list = gtk_widget_get_parent (list);
  g_assert_nonnull (list);
  g_assert_nonnull (lt_app_test_find_label (list, "Unsupported"));
  g_assert_nonnull (lt_app_test_find_label (list, "Supported"));
  g_assert_nonnull (lt_app_test_find_label (list,
                                            "lt.example.com · version 3.4.1 · The next release ends its support\n"
                                            "Support ends about January 2027 (between December 2026 and "
                                            "February 2027), if releases keep their usual pace of ~3 months "
                                            "(estimate)"));

  summary = lt_release_timeline_dup_summary (timeline);
  g_assert_nonnull (strstr (summary, "lab runs 3.2.1: Unsupported."));
  g_assert_nonnull (strstr (summary, "prod-east runs 3.4.1: Supported."));
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

  g_test_add ("/lt/app/versions/catalog-listed", LtAppFixture, NULL, setup, test_catalog_listed, teardown);
  g_test_add ("/lt/app/versions/timeline-summary", LtAppFixture, NULL, setup, test_timeline_summary, teardown);
  g_test_add ("/lt/app/versions/installations", LtAppFixture, NULL, setup, test_installations, teardown);

  return g_test_run ();
}
