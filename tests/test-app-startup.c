/* test-app-startup.c: what the application's start-up does before its
 * first window (docs/app.md, "Start-up")
 *
 * A program of its own: the other UI tests start GTK and libadwaita
 * (lt_app_test_init()) before any application, and these ask what the
 * application does before libadwaita starts. pango_cairo_font_map_get_default(),
 * gtk_icon_theme_lookup_icon() and lt_policy_new_default() are wrapped at
 * link time (tests/meson.build): the wrappers see the application's own
 * calls, not GTK's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-startup"

#include "config.h"

#include "lt-application.h"
#include "lt-application-private.h"
#include "lt-policy.h"
#include "lt-test-util.h"

#include <adwaita.h>
#include <pango/pangocairo.h>

PangoFontMap *__real_pango_cairo_font_map_get_default (void);
PangoFontMap *__wrap_pango_cairo_font_map_get_default (void);

static guint font_map_asked;
static gboolean font_map_before_adwaita;

PangoFontMap *
__wrap_pango_cairo_font_map_get_default (void)
{
  if (font_map_asked++ == 0)
    font_map_before_adwaita = !adw_is_initialized ();
  return __real_pango_cairo_font_map_get_default ();
}

GtkIconPaintable *__real_gtk_icon_theme_lookup_icon (GtkIconTheme *self, const char *icon_name,
                                                     const char *fallbacks[], int size, int scale,
                                                     GtkTextDirection direction,
                                                     GtkIconLookupFlags flags);
GtkIconPaintable *__wrap_gtk_icon_theme_lookup_icon (GtkIconTheme *self, const char *icon_name,
                                                     const char *fallbacks[], int size, int scale,
                                                     GtkTextDirection direction,
                                                     GtkIconLookupFlags flags);

static GThread *main_thread;

LtPolicy *__real_lt_policy_new_default (GError **error);
LtPolicy *__wrap_lt_policy_new_default (GError **error);

static GThread *policy_parsed_in;   /* the first parse's thread */

LtPolicy *
__wrap_lt_policy_new_default (GError **error)
{
  g_atomic_pointer_compare_and_exchange (&policy_parsed_in, NULL, g_thread_self ());
  return __real_lt_policy_new_default (error);
}
static GtkIconTheme *icon_theme_looked_up;   /* by another thread */
static int icon_lookups_elsewhere;
static int icon_lookups_on_main;

GtkIconPaintable *
__wrap_gtk_icon_theme_lookup_icon (GtkIconTheme       *self,
                                   const char         *icon_name,
                                   const char         *fallbacks[],
                                   int                 size,
                                   int                 scale,
                                   GtkTextDirection    direction,
                                   GtkIconLookupFlags  flags)
{
  GtkIconPaintable *icon = __real_gtk_icon_theme_lookup_icon (self, icon_name, fallbacks, size,
                                                              scale, direction, flags);

  if (g_thread_self () == main_thread)
    g_atomic_int_inc (&icon_lookups_on_main);
  else
    {
      g_atomic_pointer_set (&icon_theme_looked_up, self);
      g_atomic_int_inc (&icon_lookups_elsewhere);
    }
  return icon;
}

/* Each case runs in a process of its own, where nothing has started
 * libadwaita yet: TRUE in the parent, which has checked the child. */
static gboolean
checked_in_subprocess (void)
{
  if (g_test_subprocess ())
    return FALSE;

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return TRUE;
}

/* A separate instance, as with --profile: its startup runs here. */
static LtApplication *
register_application (void)
{
  LtApplication *app = lt_application_new ();
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

/* Pango starts fontconfig in a thread of its own when the font map is
 * made: the application makes it before libadwaita's start parses its
 * style sheets, so that the two overlap rather than the first label
 * waiting for fontconfig. */
static void
test_font_map_before_adwaita (void)
{
  g_autoptr(LtApplication) app = NULL;

  if (checked_in_subprocess ())
    return;

  g_assert_false (adw_is_initialized ());
  app = register_application ();

  g_assert_true (adw_is_initialized ());
  g_assert_cmpuint (font_map_asked, ==, 1);
  g_assert_true (font_map_before_adwaita);
  /* The one GTK's widgets use: the main thread's default. */
  g_assert_true (PANGO_IS_CAIRO_FONT_MAP (__real_pango_cairo_font_map_get_default ()));
  g_assert_nonnull (lt_application_get_context (app));
}

/* The icon theme is read (every icon name of its caches) by a lookup in
 * a thread of the application's, started once libadwaita has added its
 * icons, while the main thread builds the window. */
static void
test_icon_theme_read_in_thread (void)
{
  g_autoptr(LtApplication) app = NULL;
  gint64 deadline;

  if (checked_in_subprocess ())
    return;

  app = register_application ();

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_atomic_int_get (&icon_lookups_elsewhere) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (10000);
  g_assert_cmpint (g_atomic_int_get (&icon_lookups_elsewhere), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&icon_lookups_on_main), ==, 0);
  g_assert_true (g_atomic_pointer_get (&icon_theme_looked_up) ==
                 gtk_icon_theme_get_for_display (gdk_display_get_default ()));
}

/* The bundled policy and catalog are parsed in a thread of the
 * application's while libadwaita's start parses its style sheets; the
 * context has them when startup is over. */
static void
test_documents_parsed_in_thread (void)
{
  g_autoptr(LtApplication) app = NULL;
  LtContext *context;

  if (checked_in_subprocess ())
    return;

  app = register_application ();

  g_assert_nonnull (g_atomic_pointer_get (&policy_parsed_in));
  g_assert_true (g_atomic_pointer_get (&policy_parsed_in) != main_thread);
  context = lt_application_get_context (app);
  g_assert_nonnull (context);
  g_assert_true (LT_IS_POLICY (lt_context_get_policy (context)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lt_context_get_catalog (context))), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);
  main_thread = g_thread_self ();

  g_test_add_func ("/lt/app/startup/font-map-before-adwaita", test_font_map_before_adwaita);
  g_test_add_func ("/lt/app/startup/icon-theme-read-in-thread", test_icon_theme_read_in_thread);
  g_test_add_func ("/lt/app/startup/documents-parsed-in-thread", test_documents_parsed_in_thread);

  return g_test_run ();
}
