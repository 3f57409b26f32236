/* test-app-translated.c: the application in German
 *
 * Run by run-in-locale.sh in a real de_DE.UTF-8 locale with LANGUAGE=de:
 * the window title comes from the German catalog, and dates are written
 * the German way (day, dot, month name from the locale).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-translated"

#include "config.h"

#include "lt-app-test-util.h"
#include "lt-test-util.h"
#include "lt-window.h"
#include "lt-window-private.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#define NOW "2026-11-30T15:00:00Z"

static void
collect_labels (GtkWidget *root,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (root)));

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

static void
fixture_setup (LtAppFixture  *f,
               gconstpointer  data)
{
  lt_app_fixture_setup (f, NOW, FALSE);
}

static void
fixture_teardown (LtAppFixture  *f,
                  gconstpointer  data)
{
  lt_app_fixture_teardown (f);
}

static void
test_window_in_german (LtAppFixture  *f,
                       gconstpointer  data)
{
  /* "Released 6 Oct 2026 · …" on the current-release card, in German. */
  g_autoptr(GRegex) german_date =
    g_regex_new ("^Veröffentlicht am [0-9]{1,2}\\. "
                 "(Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)\\.? [0-9]{4} · ",
                 G_REGEX_OPTIMIZE, 0, NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  LtWindow *window = lt_window_new (NULL, f->context);
  gboolean found = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  lt_app_test_flush ();

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "LockThreat-Support");
  g_assert_cmpstr (lt_window_get_visible_page (window), ==, "overview");

  collect_labels (GTK_WIDGET (window), texts);
  for (guint i = 0; i < texts->len && !found; i++)
    found = g_regex_match (german_date, g_ptr_array_index (texts, i), 0, NULL);
  if (!found)
    {
      for (guint i = 0; i < texts->len; i++)
        g_test_message ("label: %s", (const char *) g_ptr_array_index (texts, i));
      g_test_fail_printf ("no label shows the release date the German way");
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("LTSUPPORT_LOCALEDIR");

  lt_app_test_init (&argc, &argv);

  /* What main.c does, with the build tree's catalogs. */
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add ("/lt/app/translated/german", LtAppFixture, NULL,
              fixture_setup, test_window_in_german, fixture_teardown);

  return g_test_run ();
}
