/* lt-app-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-app-test"

#include "config.h"

#include "lt-app-test-util.h"

#include "lt-app-demo-data.h"
#include "lt-test-util.h"

#include <locale.h>
#include <stdlib.h>

static char *scratch_dir;
static guint profile_serial;

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children != NULL)
    {
      GFileInfo *info;
      GFile *child;

      while (g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
        remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

static void
remove_scratch_dir (void)
{
  g_autoptr(GFile) dir = g_file_new_for_path (scratch_dir);

  remove_tree (dir);
}

/* Not G_TEST_OPTION_ISOLATE_DIRS: it also empties XDG_DATA_DIRS, and GTK
 * then finds neither the icon theme nor the MIME database it needs to
 * load an SVG icon. The user's own directories are redirected instead,
 * and every fixture gets a profile folder of its own. */
void
lt_app_test_init (int    *argc,
                  char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;

  setlocale (LC_ALL, "");
  g_test_init (argc, argv, NULL);

  scratch_dir = g_dir_make_tmp ("lt-ui-test-XXXXXX", &error);
  g_assert_no_error (error);
  atexit (remove_scratch_dir);
  data = g_build_filename (scratch_dir, "data", NULL);
  config = g_build_filename (scratch_dir, "config", NULL);
  cache = g_build_filename (scratch_dir, "cache", NULL);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_unsetenv (LT_STORE_PROFILE_ENV);

  gtk_init ();
  adw_init ();
  /* Pages switch without transitions, so a test sees the result at once. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

void
lt_app_test_reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

void
lt_app_fixture_setup (LtAppFixture *fixture,
                      const char   *now,
                      gboolean      with_store)
{
  g_autoptr(GDateTime) instant = lt_test_instant (now);
  g_autoptr(GError) error = NULL;

  fixture->clock = lt_clock_new_fixed (instant);
  fixture->settings = g_settings_new (APPLICATION_ID);

  /* The memory backend lives as long as the process: start each test
   * from the schema's defaults. */
  lt_app_test_reset_settings (fixture->settings);

  fixture->context = lt_context_new (fixture->clock, fixture->settings, &error);
  g_assert_no_error (error);

  if (with_store)
    {
      g_autofree char *dir = g_strdup_printf ("profile-%u", ++profile_serial);
      g_autofree char *path = g_build_filename (scratch_dir, dir, "support.db", NULL);

      g_assert_true (lt_context_open_store (fixture->context, path, &error));
      g_assert_no_error (error);
      lt_app_test_wait_tickets_read (fixture->context);
    }
}

static void
loading_changed_cb (LtTicketList *list,
                    GParamSpec   *pspec,
                    gboolean     *done)
{
  *done = !lt_ticket_list_get_loading (list);
}

void
lt_app_test_wait_tickets_read (LtContext *context)
{
  LtTicketList *list = lt_context_get_tickets (context);
  gboolean done;
  gulong handler;

  g_assert_nonnull (list);
  done = !lt_ticket_list_get_loading (list);
  handler = g_signal_connect (list, "notify::loading", G_CALLBACK (loading_changed_cb), &done);
  g_assert_true (lt_app_test_wait_for (&done, 30000));
  g_signal_handler_disconnect (list, handler);
  g_assert_null (lt_ticket_list_get_load_error (list));
}

void
lt_app_fixture_teardown (LtAppFixture *fixture)
{
  g_clear_object (&fixture->context);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->clock);
  lt_app_test_flush ();
}

void
lt_app_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

GtkWidget *
lt_app_test_find_widget (GtkWidget *root,
                         GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lt_app_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
lt_app_test_find_label (GtkWidget  *root,
                        const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lt_app_test_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  double  y;
  char   *id;
} RowInView;

static void
collect_rows_in_view (GtkWidget *widget,
                      GtkWidget *view,
                      GArray    *rows)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "LT-"))
    {
      GtkWidget *cell = gtk_widget_get_parent (widget);
      GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;
      graphene_rect_t bounds;

      if (row != NULL && gtk_widget_compute_bounds (row, view, &bounds) && bounds.size.height > 1 &&
          bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < gtk_widget_get_height (view))
        {
          RowInView row_in_view = { bounds.origin.y, g_strdup (gtk_label_get_text (GTK_LABEL (widget))) };

          g_array_append_val (rows, row_in_view);
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows_in_view (child, view, rows);
}

static int
compare_rows_in_view (gconstpointer a,
                      gconstpointer b)
{
  const RowInView *row_a = a;
  const RowInView *row_b = b;

  return (row_a->y > row_b->y) - (row_a->y < row_b->y);
}

GPtrArray *
lt_app_test_dup_ids_in_view (GtkWidget *view)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (RowInView));
  GPtrArray *ids;

  collect_rows_in_view (view, view, rows);
  g_array_sort (rows, compare_rows_in_view);
  ids = g_ptr_array_new_full (rows->len, g_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ids, g_array_index (rows, RowInView, i).id);
  return ids;
}

const char *
lt_app_test_get_scratch_dir (void)
{
  return scratch_dir;
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
lt_app_test_wait_for (gboolean *done,
                      guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return *done;
}

static void
clicked_cb (GtkButton *button,
            gboolean  *clicked)
{
  *clicked = TRUE;
}

void
lt_app_test_click (GtkWidget *button)
{
  gboolean clicked = FALSE;
  gulong id;

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));

  g_object_ref (button);
  id = g_signal_connect (button, "clicked", G_CALLBACK (clicked_cb), &clicked);
  g_assert_true (gtk_widget_activate (button));
  g_assert_true (lt_app_test_wait_for (&clicked, 2000));
  g_signal_handler_disconnect (button, id);
  g_object_unref (button);
}

void
lt_app_fixture_setup_demo (LtAppFixture *fixture,
                           const char   *now)
{
  g_autoptr(GError) error = NULL;

  lt_app_fixture_setup (fixture, now, TRUE);
  g_assert_true (lt_app_demo_data_fill (lt_context_get_store (fixture->context),
                                        lt_context_get_outbox (fixture->context), &error));
  g_assert_no_error (error);
}

LtWindow *
lt_app_fixture_open_demo_window (LtAppFixture *fixture,
                                 const char   *now,
                                 int           width,
                                 int           height)
{
  LtWindow *window;

  lt_app_fixture_setup_demo (fixture, now);
  lt_app_test_wait_tickets_read (fixture->context);

  window = lt_window_new (NULL, fixture->context);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  lt_app_test_flush ();
  return window;
}

GtkWidget *
lt_app_test_present_in_window (GtkWidget *child,
                               int        width,
                               int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  lt_app_test_flush ();
  return window;
}

void
lt_app_test_settle (GtkWidget *window)
{
  for (guint i = 0; i < 3; i++)
    {
      lt_app_test_flush ();
      gtk_test_widget_wait_for_draw (window);
    }
  lt_app_test_flush ();
}

void
lt_app_tickets_fixture_open (LtAppTicketsFixture *fixture,
                             int                  width,
                             int                  height)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->page = g_object_new (LT_TYPE_TICKETS_PAGE, "context", fixture->app.context, NULL);
  fixture->detail = LT_TICKET_DETAIL (lt_app_test_find_widget (GTK_WIDGET (fixture->page),
                                                               LT_TYPE_TICKET_DETAIL));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  fixture->window = lt_app_test_present_in_window (overlay, width, height);
}

void
lt_app_tickets_fixture_teardown (LtAppTicketsFixture *fixture)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  lt_app_fixture_teardown (&fixture->app);
}

void
lt_app_tickets_fixture_show (LtAppTicketsFixture *fixture,
                             const char          *id)
{
  LtTicket *shown;

  lt_tickets_page_show_ticket (fixture->page, id);
  lt_app_test_settle (fixture->window);
  shown = lt_ticket_detail_get_ticket (fixture->detail);
  g_assert_nonnull (shown);
  g_assert_cmpstr (lt_ticket_get_id (shown), ==, id);
}
