/* test-app-window.c: the main window, its pages and their accessibility
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-window"

#include "config.h"

#include "lt-app-test-util.h"
#include "lt-application.h"
#include "lt-application-private.h"
#include "lt-store-alerts.h"
#include "lt-changes-page.h"
#include "lt-maintenance-page.h"
#include "lt-overview-page.h"
#include "lt-tickets-page.h"
#include "lt-versions-page.h"
#include "lt-release-timeline.h"
#include "lt-store-tickets.h"
#include "lt-test-util.h"
#include "lt-window.h"
#include "lt-window-private.h"

#define NOW "2026-11-30T15:00:00Z"

static LtWindow *
show_window (LtAppFixture *f)
{
  LtWindow *window = lt_window_new (NULL, f->context);

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  lt_app_test_flush ();

  return window;
}

static void
test_pages (LtAppFixture  *f,
            gconstpointer  data)
{
  static const struct { const char *name; const char *title; } expected[] = {
    { "overview", "Overview" },
    { "tickets", "Tickets" },
    { "changes", "Changes" },
    { "maintenance", "Maintenance" },
    { "versions", "Versions" },
  };
  const GType types[] = {
    LT_TYPE_OVERVIEW_PAGE, LT_TYPE_TICKETS_PAGE, LT_TYPE_CHANGES_PAGE,
    LT_TYPE_MAINTENANCE_PAGE, LT_TYPE_VERSIONS_PAGE,
  };
  LtWindow *window = show_window (f);
  AdwViewStack *stack = ADW_VIEW_STACK (lt_app_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, expected[i].name);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, expected[i].title);
      g_assert_nonnull (adw_view_stack_page_get_icon_name (page));

      /* Only the page shown at start is made before the first frame; the
       * others when they are first shown or asked for. */
      g_assert_true (ADW_IS_BIN (adw_view_stack_page_get_child (page)));
      if (i == 0)
        g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (adw_bin_get_child (ADW_BIN (adw_view_stack_page_get_child (page))), types[i]));
      else
        g_assert_null (adw_bin_get_child (ADW_BIN (adw_view_stack_page_get_child (page))));
    }

  /* The view switcher changes the stack directly: the page is made then. */
  adw_view_stack_set_visible_child_name (stack, "changes");
  g_assert_true (LT_IS_CHANGES_PAGE (adw_bin_get_child (ADW_BIN (adw_view_stack_get_visible_child (stack)))));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *made = lt_window_get_page (window, expected[i].name);

      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (made, types[i]));
      g_assert_true (gtk_widget_get_parent (made) == adw_view_stack_get_child_by_name (stack, expected[i].name));
      g_assert_true (lt_window_get_page (window, expected[i].name) == made);
    }
  g_assert_cmpstr (lt_window_get_visible_page (window), ==, "changes");
  adw_view_stack_set_visible_child_name (stack, "overview");

  /* The default page, then Alt+N's action. */
  g_assert_cmpstr (lt_window_get_visible_page (window), ==, "overview");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "versions"));
  g_assert_cmpstr (lt_window_get_visible_page (window), ==, "versions");
  {
    g_autofree char *saved = g_settings_get_string (f->settings, "last-page");

    g_assert_cmpstr (saved, ==, "versions");
  }

  /* libadwaita 1.2 expects the pages model to be gone before the stack. */
  g_clear_object (&pages);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_last_page_restored (LtAppFixture  *f,
                         gconstpointer  data)
{
  LtWindow *window;

  g_settings_set_string (f->settings, "last-page", "changes");
  window = show_window (f);
  g_assert_cmpstr (lt_window_get_visible_page (window), ==, "changes");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_size_saved (LtAppFixture  *f,
                 gconstpointer  data)
{
  LtWindow *window = show_window (f);

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  gtk_window_close (GTK_WINDOW (window));
  lt_app_test_flush ();

  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (f->settings, "window-maximized"));
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_accessible (LtAppFixture  *f,
                 gconstpointer  data)
{
  LtWindow *window = show_window (f);
  GtkWidget *menu = find_by_tooltip (GTK_WIDGET (window), "Main Menu");
  GtkWidget *new_button = find_by_tooltip (GTK_WIDGET (window), "New Ticket or Change Notice");
  GtkWidget *tickets = lt_window_get_page (window, "tickets");
  GtkWidget *versions = lt_window_get_page (window, "versions");
  GtkWidget *search = lt_app_test_find_widget (tickets, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *columns = lt_app_test_find_widget (tickets, GTK_TYPE_COLUMN_VIEW);
  GtkWidget *timeline = lt_app_test_find_widget (versions, LT_TYPE_RELEASE_TIMELINE);
  GtkWidget *dropdown = lt_app_test_find_widget (tickets, GTK_TYPE_DROP_DOWN);

  g_assert_nonnull (menu);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL, "Main menu");
  g_assert_nonnull (new_button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (new_button), GTK_ACCESSIBLE_PROPERTY_LABEL, "New");

  g_assert_nonnull (search);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_ROLE_SEARCH_BOX);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL, "Search tickets");

  g_assert_nonnull (columns);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (columns), GTK_ACCESSIBLE_PROPERTY_LABEL, "Tickets");

  g_assert_nonnull (dropdown);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, "State filter");

  g_assert_nonnull (timeline);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_ROLE_IMG);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (timeline), GTK_ACCESSIBLE_PROPERTY_LABEL, "Release timeline");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Offline-first: without a store the window still opens, and says why. */
static void
test_store_error_banner (LtAppFixture  *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (lt_app_test_get_scratch_dir (), "not-a-folder", NULL);
  g_autofree char *path = g_build_filename (blocker, "support.db", NULL);
  LtWindow *window;
  GtkWidget *banner;

  /* A file where the profile folder should be. */
  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  g_assert_false (lt_context_open_store (f->context, path, &error));
  g_assert_nonnull (error);

  window = show_window (f);
  banner = lt_app_test_find_widget (GTK_WIDGET (window), GTK_TYPE_INFO_BAR);
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_nonnull (lt_app_test_find_label (banner,
                                            "The local database could not be opened. Everything shown comes from the bundled policy and release catalog; nothing can be saved or queued until it opens."));
  gtk_window_destroy (GTK_WINDOW (window));
}

#define DAMAGED_TEXT "The local database is damaged. Quit and start LockThreat Support again: " \
  "the damaged file is kept aside and a new one is made. Until then, what you see may be incomplete."

/* The store opens without its page-by-page check, so the first frame does
 * not wait for it; the check runs after that frame, says so in a banner,
 * and the next start sets the file aside. */
static void
test_damaged_store_found_after_first_frame (LtAppFixture  *f,
                                            gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (lt_app_test_get_scratch_dir (), "damaged", NULL);
  g_autofree char *path = g_build_filename (dir, "support.db", NULL);
  g_autofree char *marker = g_strconcat (path, ".damaged", NULL);
  g_autofree char *filler = g_strnfill (300, 'y');
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  LtWindow *window;

  {
    g_autoptr(LtStore) store = lt_store_open (path, NULL, &error);
    g_autoptr(GDateTime) now = lt_test_instant (NOW);

    g_assert_no_error (error);
    for (guint i = 0; i < 300; i++)
      {
        g_autofree char *id = g_strdup_printf ("LT-%06u", i);
        g_autoptr(LtTicket) ticket = lt_ticket_new ();

        lt_ticket_set_id (ticket, id);
        lt_ticket_set_title (ticket, "Backup job hits a disk timeout");
        lt_ticket_set_description (ticket, filler);
        lt_ticket_set_state (ticket, LT_TICKET_STATE_CLOSED);
        lt_ticket_set_opened_at (ticket, now);
        g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
        g_assert_no_error (error);
      }
  }
  lt_test_corrupt_middle_page (path, filler);

  /* Opens: the damage is in rows the opening does not read. */
  g_assert_true (lt_context_open_store (f->context, path, &error));
  g_assert_no_error (error);
  g_assert_null (lt_context_get_recovery_notice (f->context));

  window = show_window (f);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (lt_app_test_find_label (GTK_WIDGET (window), DAMAGED_TEXT) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (window), DAMAGED_TEXT));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
  lt_app_test_flush ();

  /* The next start sets it aside and says where it was kept. */
  {
    g_autoptr(LtContext) next = lt_context_new (f->clock, f->settings, &error);

    g_assert_no_error (error);
    g_clear_object (&f->context);
    g_assert_true (lt_context_open_store (next, path, &error));
    g_assert_no_error (error);
    g_assert_error (lt_context_get_recovery_notice (next), LT_ERROR, LT_ERROR_STORE_CORRUPT);
    g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
    lt_app_test_wait_tickets_read (next);
  }
}

static guint
count_toggle_buttons (GtkWidget *root)
{
  guint n = GTK_IS_TOGGLE_BUTTON (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_toggle_buttons (child);
  return n;
}

/* The bottom view switcher is hidden at the default width: its buttons
 * are not built before the first frame, but are all there, and switch
 * pages, once a narrow window reveals the bar. */
static void
test_switcher_bar_built_when_narrow (LtAppFixture  *f,
                                     gconstpointer  data)
{
  LtWindow *window = show_window (f);
  AdwViewStack *stack = ADW_VIEW_STACK (lt_app_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (lt_app_test_find_widget (GTK_WIDGET (window),
                                                                           ADW_TYPE_VIEW_SWITCHER_BAR));
  gint64 deadline;
  GtkWidget *tickets_button = NULL;

  g_assert_false (adw_view_switcher_bar_get_reveal (bar));
  g_assert_null (adw_view_switcher_bar_get_stack (bar));
  g_assert_cmpuint (count_toggle_buttons (GTK_WIDGET (bar)), ==, 0);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 700);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!adw_view_switcher_bar_get_reveal (bar) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));
  g_assert_true (adw_view_switcher_bar_get_stack (bar) == stack);
  g_assert_cmpuint (count_toggle_buttons (GTK_WIDGET (bar)), ==, 5);

  for (GtkWidget *widget = lt_app_test_find_label (GTK_WIDGET (bar), "Tickets"); widget != NULL;
       widget = gtk_widget_get_parent (widget))
    if (GTK_IS_TOGGLE_BUTTON (widget))
      {
        tickets_button = widget;
        break;
      }
  g_assert_nonnull (tickets_button);
  lt_app_test_click (tickets_button);
  g_assert_cmpstr (lt_window_get_visible_page (window), ==, "tickets");
  g_assert_true (LT_IS_TICKETS_PAGE (lt_window_get_page (window, "tickets")));

  gtk_window_destroy (GTK_WINDOW (window));
  lt_app_test_flush ();
}

/* The view switchers in the header that have the stack (each a button
 * per page), and the one the header shows. */
static guint
count_header_switchers (LtWindow   *window,
                        GtkWidget **shown)
{
  GtkWidget *squeezer = lt_app_test_find_widget (GTK_WIDGET (window), ADW_TYPE_SQUEEZER);
  guint n = 0;

  g_assert_nonnull (squeezer);
  *shown = adw_squeezer_get_visible_child (ADW_SQUEEZER (squeezer));
  for (GtkWidget *child = gtk_widget_get_first_child (squeezer); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_VIEW_SWITCHER (child) && adw_view_switcher_get_stack (ADW_VIEW_SWITCHER (child)) != NULL)
      {
        g_assert_cmpuint (count_toggle_buttons (child), ==, 5);
        n++;
      }
  return n;
}

static void
resize_and_settle (LtWindow *window,
                   int       width)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, 700);
  /* The size, the squeezer's choice, the narrow switcher tried, the bar. */
  for (guint i = 0; i < 4; i++)
    {
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      lt_app_test_flush ();
    }
}

/* The header's narrow view switcher (libadwaita's AdwViewSwitcherTitle
 * builds it with the wide one) is built only when the wide one first has
 * no room: a wide window's first frame has one switcher in its header.
 * Narrower, the narrow switcher shows without the bottom bar; narrower
 * still, the title shows with the bar; wide again, the wide switcher. */
static void
test_narrow_switcher_built_when_narrow (LtAppFixture  *f,
                                        gconstpointer  data)
{
  LtWindow *window = show_window (f);
  AdwViewSwitcherBar *bar = ADW_VIEW_SWITCHER_BAR (lt_app_test_find_widget (GTK_WIDGET (window),
                                                                           ADW_TYPE_VIEW_SWITCHER_BAR));
  GtkWidget *shown = NULL;

  g_assert_cmpuint (count_header_switchers (window, &shown), ==, 1);
  g_assert_true (ADW_IS_VIEW_SWITCHER (shown));
  g_assert_cmpint (adw_view_switcher_get_policy (ADW_VIEW_SWITCHER (shown)), ==, ADW_VIEW_SWITCHER_POLICY_WIDE);

  /* The wide switcher needs about 720 px, the narrow one 500, in a
   * header of about 200 px more. */
  resize_and_settle (window, 800);
  g_assert_cmpuint (count_header_switchers (window, &shown), ==, 2);
  g_assert_true (ADW_IS_VIEW_SWITCHER (shown));
  g_assert_cmpint (adw_view_switcher_get_policy (ADW_VIEW_SWITCHER (shown)), ==, ADW_VIEW_SWITCHER_POLICY_NARROW);
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));

  resize_and_settle (window, 360);
  g_assert_cmpuint (count_header_switchers (window, &shown), ==, 2);
  g_assert_true (ADW_IS_WINDOW_TITLE (shown));
  g_assert_true (adw_view_switcher_bar_get_reveal (bar));

  resize_and_settle (window, 1120);
  count_header_switchers (window, &shown);
  g_assert_true (ADW_IS_VIEW_SWITCHER (shown));
  g_assert_cmpint (adw_view_switcher_get_policy (ADW_VIEW_SWITCHER (shown)), ==, ADW_VIEW_SWITCHER_POLICY_WIDE);
  g_assert_false (adw_view_switcher_bar_get_reveal (bar));

  gtk_window_destroy (GTK_WINDOW (window));
  lt_app_test_flush ();
}

/* Whether this is the test's own process: an application of its own is
 * run in a subprocess, since the other tests' stays on the bus. In the
 * parent, runs the subprocess and checks that it passed. */
static gboolean
in_own_process (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* A registered application of its own (a separate instance, as with
 * --profile) that does not offer to connect. */
static void
register_application (LtApplication *app)
{
  g_autoptr(GError) error = NULL;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  lt_application_set_connect_offer (app, FALSE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
}

/* Activates @app: its window, realized (its frame clock exists). */
static GtkWindow *
activate_application (LtApplication *app)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (LT_IS_WINDOW (window));
  gtk_widget_realize (GTK_WIDGET (window));
  return window;
}

typedef struct
{
  LtStore  *store;
  gboolean  painted;
  gboolean  looked_before;
} FirstFrame;

static gboolean
store_looked (LtStore *store)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) last_check = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lt_store_get_alert_state (store, now, &since, &last_check, &error));
  g_assert_no_error (error);
  return last_check != NULL;
}

static void
first_paint_cb (GdkFrameClock *clock,
                FirstFrame    *frame)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, frame);
  frame->looked_before = store_looked (frame->store);
  frame->painted = TRUE;
}

/* The notifier's first look reads every open ticket with its history: it
 * is made after the window's first frame (and the ticket list), not
 * before the window. */
static void
test_first_look_after_first_frame (LtAppFixture  *f,
                                   gconstpointer  data)
{
  g_autoptr(LtApplication) app = lt_application_new ();
  FirstFrame frame = { NULL, FALSE, FALSE };
  GtkWindow *window;
  gint64 deadline;

  if (!in_own_process ())
    return;

  register_application (app);
  frame.store = lt_context_get_store (lt_application_get_context (app));
  g_assert_nonnull (frame.store);
  g_assert_false (store_looked (frame.store));

  window = activate_application (app);
  g_signal_connect (gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window))),
                    "after-paint", G_CALLBACK (first_paint_cb), &frame);
  g_assert_true (lt_app_test_wait_for (&frame.painted, 20000));
  g_assert_false (frame.looked_before);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!store_looked (frame.store) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (store_looked (frame.store));

  gtk_window_destroy (window);
  lt_app_test_flush ();
}

typedef struct
{
  gboolean painted;
  gboolean ran;
  gboolean ran_before_paint;
} FirstSync;

static void
sync_running_cb (LtSyncController *sync,
                 GParamSpec       *pspec,
                 FirstSync        *first)
{
  if (!lt_sync_controller_get_running (sync))
    return;
  first->ran = TRUE;
  if (!first->painted)
    first->ran_before_paint = TRUE;
}

static void
sync_paint_cb (GdkFrameClock *clock,
               FirstSync     *first)
{
  g_signal_handlers_disconnect_by_func (clock, sync_paint_cb, first);
  first->painted = TRUE;
}

/* The first sync run (the keyring's session key, the network) starts
 * after the window's first frame, not while it is being built. */
static void
test_first_sync_after_first_frame (LtAppFixture  *f,
                                   gconstpointer  data)
{
  g_autoptr(LtApplication) app = lt_application_new ();
  FirstSync first = { FALSE, FALSE, FALSE };
  LtSyncController *sync;
  GtkWindow *window;
  gint64 deadline;

  if (!in_own_process ())
    return;

  register_application (app);
  sync = lt_context_get_sync (lt_application_get_context (app));
  g_assert_nonnull (sync);
  g_assert_true (lt_sync_controller_get_available (sync));
  g_signal_connect (sync, "notify::running", G_CALLBACK (sync_running_cb), &first);

  window = activate_application (app);
  /* The paint phase, after GTK's own handler has drawn the frame: the
   * window's "first-frame" comes in the next phase ("after-paint"). */
  g_signal_connect_after (gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window))),
                          "paint", G_CALLBACK (sync_paint_cb), &first);
  g_assert_true (lt_app_test_wait_for (&first.painted, 20000));
  g_assert_false (first.ran_before_paint);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!first.ran && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (first.ran);

  g_signal_handlers_disconnect_by_func (sync, sync_running_cb, &first);
  gtk_window_destroy (window);
  lt_app_test_flush ();
}

static void
painted_cb (GdkFrameClock *clock,
            gboolean      *painted)
{
  g_signal_handlers_disconnect_by_func (clock, painted_cb, painted);
  *painted = TRUE;
}

static gboolean
svg_loader_loaded (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "pixbufloader-svg") != NULL || strstr (maps, "librsvg") != NULL;
}

/* The Tickets page as it first shows (no tickets yet: its empty page and
 * the detail's, both large icons) with the sync button's spinner turning:
 * every icon is a pre-rendered PNG, from Adwaita or the app's resources
 * (icons/resource), so gdk-pixbuf's SVG loader and librsvg (about 11 MiB
 * resident, docs/performance.md) are never loaded. */
static void
test_first_page_without_svg_loader (LtAppFixture  *f,
                                    gconstpointer  data)
{
  g_autoptr(LtApplication) app = lt_application_new ();
  g_autoptr(GError) error = NULL;
  gboolean painted = FALSE;
  GtkWindow *window;
  GtkWidget *spinner_window;
  GtkWidget *spinner;

  /* A process of its own: a library loaded by another test stays. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  lt_application_set_connect_offer (app, FALSE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_settings_set_string (lt_context_get_settings (lt_application_get_context (app)),
                         "last-page", "tickets");
  g_assert_false (svg_loader_loaded ());

  window = GTK_WINDOW (lt_window_new (GTK_APPLICATION (app), lt_application_get_context (app)));
  /* As a release build shows it: the development build's striped header
   * is an SVG of libadwaita's. */
  gtk_widget_remove_css_class (GTK_WIDGET (window), "devel");
  gtk_widget_realize (GTK_WIDGET (window));
  g_signal_connect (gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window))),
                    "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_window_present (window);
  g_assert_true (lt_app_test_wait_for (&painted, 20000));
  lt_app_test_flush ();

  g_assert_false (svg_loader_loaded ());

  /* The sync button's spinner, as a sync shows it: in a window of its
   * own, the button being shown only with a portal to sync with. */
  spinner = lt_app_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SPINNER);
  g_assert_nonnull (spinner);
  g_assert_true (gtk_widget_has_css_class (spinner, "lt-spinner"));
  spinner_window = gtk_window_new ();
  spinner = gtk_spinner_new ();
  gtk_widget_add_css_class (spinner, "lt-spinner");
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_window_set_child (GTK_WINDOW (spinner_window), spinner);
  gtk_widget_realize (spinner_window);
  painted = FALSE;
  g_signal_connect (gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (spinner_window))),
                    "after-paint", G_CALLBACK (painted_cb), &painted);
  gtk_window_present (GTK_WINDOW (spinner_window));
  g_assert_true (lt_app_test_wait_for (&painted, 20000));
  lt_app_test_flush ();
  g_assert_false (svg_loader_loaded ());

  gtk_window_destroy (GTK_WINDOW (spinner_window));
  gtk_window_destroy (window);
  lt_app_test_flush ();
}

/* The application's actions and their keys (startup, without a window). */
static void
test_application_actions (LtAppFixture  *f,
                          gconstpointer  data)
{
  static const struct { const char *action; const char *accel; } expected[] = {
    { "app.quit", "<Control>q" },
    { "app.preferences", "<Control>comma" },
    { "app.shortcuts", "<Control>question" },
    { "app.new-change", "<Shift><Control>n" },
    { "app.new-ticket", "<Control>n" },
    { "app.sync", "<Control>r" },
    { "win.page::versions", "<Alt>5" },
  };
  g_autoptr(LtApplication) app = lt_application_new ();
  g_autoptr(GError) error = NULL;

  /* A separate instance, as with --profile, so the test never talks to a
   * running LockThreat Support. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (lt_application_get_context (app));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    expected[i].action);

      g_assert_cmpuint (g_strv_length (accels), >=, 1);
      g_assert_cmpstr (accels[0], ==, expected[i].accel);
    }

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "new-ticket"));
  /* Without a store there is nothing to sync: the action is disabled,
   * and F5 is its second key. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "sync"));
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.sync");

    g_assert_true (g_strv_contains ((const char * const *) accels, "F5"));
  }
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "show-page"));
  /* GTK's own help overlay key is handed to app.shortcuts. */
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "win.show-help-overlay");
    g_assert_cmpuint (g_strv_length (accels), ==, 0);
  }

  /* The shortcuts window is built when asked for, not with every window:
   * app.shortcuts shows it over the main window. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *shortcuts = NULL;

    g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

        if (GTK_IS_SHORTCUTS_WINDOW (toplevel))
          shortcuts = toplevel;
      }
    g_assert_nonnull (shortcuts);
    g_assert_true (LT_IS_WINDOW (gtk_window_get_transient_for (shortcuts)));
    g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (gtk_window_get_transient_for (shortcuts))));
    gtk_window_destroy (gtk_window_get_transient_for (shortcuts));
    gtk_window_destroy (shortcuts);
  }

  /* A notification's buttons: the window, at what the target names. */
  {
    LtWindow *window;

    g_action_group_activate_action (G_ACTION_GROUP (app), "show-change",
                                    g_variant_new_string ("CN-000001"));
    window = LT_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
    g_assert_nonnull (window);
    g_assert_cmpstr (lt_window_get_visible_page (window), ==, "changes");
    g_action_group_activate_action (G_ACTION_GROUP (app), "show-ticket",
                                    g_variant_new_string ("LT-000001"));
    g_assert_cmpstr (lt_window_get_visible_page (window), ==, "tickets");
    g_action_group_activate_action (G_ACTION_GROUP (app), "show-page",
                                    g_variant_new_string ("maintenance"));
    g_assert_cmpstr (lt_window_get_visible_page (window), ==, "maintenance");
    g_action_group_activate_action (G_ACTION_GROUP (app), "escalate-ticket",
                                    g_variant_new_string ("LT-000001"));
    g_assert_cmpstr (lt_window_get_visible_page (window), ==, "tickets");
    gtk_window_destroy (GTK_WINDOW (window));
  }
}

/* The application is the build's: com.lockthreat.Support.Devel in a
 * development build (meson's application_id, which tests/meson.build
 * passes as LT_APPLICATION_ID), with its settings schema under the same
 * id, so that it runs beside an installed release. */
static void
test_application_id (LtAppFixture  *f,
                     gconstpointer  data)
{
  const char *build_id = g_getenv ("LT_APPLICATION_ID");
  g_autoptr(LtApplication) app = lt_application_new ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autofree char *settings_path = NULL;

  g_assert_nonnull (build_id);
  g_assert_cmpstr (g_application_get_application_id (G_APPLICATION (app)), ==, build_id);
  g_assert_cmpint (g_str_has_suffix (build_id, ".Devel"), ==, DEVELOPMENT);

  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (), build_id,
                                            TRUE);
  g_assert_nonnull (schema);
  settings_path = g_strdelimit (g_strdup_printf ("/%s/", build_id), ".", '/');
  g_assert_cmpstr (g_settings_schema_get_path (schema), ==, settings_path);
}

static void
setup_store (LtAppFixture  *f,
             gconstpointer  data)
{
  lt_app_fixture_setup (f, NOW, TRUE);
}

static void
setup_no_store (LtAppFixture  *f,
                gconstpointer  data)
{
  lt_app_fixture_setup (f, NOW, FALSE);
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

  g_test_add ("/lt/app/window/pages", LtAppFixture, NULL, setup_store, test_pages, teardown);
  g_test_add ("/lt/app/window/last-page-restored", LtAppFixture, NULL, setup_store,
              test_last_page_restored, teardown);
  g_test_add ("/lt/app/window/size-saved", LtAppFixture, NULL, setup_store, test_size_saved, teardown);
  g_test_add ("/lt/app/window/accessible", LtAppFixture, NULL, setup_store, test_accessible, teardown);
  g_test_add ("/lt/app/window/switcher-bar-built-when-narrow", LtAppFixture, NULL, setup_store,
              test_switcher_bar_built_when_narrow, teardown);
  g_test_add ("/lt/app/window/narrow-switcher-built-when-narrow", LtAppFixture, NULL, setup_store,
              test_narrow_switcher_built_when_narrow, teardown);
  g_test_add ("/lt/app/application/actions", LtAppFixture, NULL, setup_no_store,
              test_application_actions, teardown);
  g_test_add ("/lt/app/application/id", LtAppFixture, NULL, setup_no_store,
              test_application_id, teardown);
  g_test_add ("/lt/app/application/first-look-after-first-frame", LtAppFixture, NULL, setup_no_store,
              test_first_look_after_first_frame, teardown);
  g_test_add ("/lt/app/application/first-sync-after-first-frame", LtAppFixture, NULL, setup_no_store,
              test_first_sync_after_first_frame, teardown);
  g_test_add ("/lt/app/window/first-page-without-svg-loader", LtAppFixture, NULL, setup_no_store,
              test_first_page_without_svg_loader, teardown);
  g_test_add ("/lt/app/window/store-error-banner", LtAppFixture, NULL, setup_no_store,
              test_store_error_banner, teardown);
  g_test_add ("/lt/app/window/damaged-store-found-after-first-frame", LtAppFixture, NULL,
              setup_no_store, test_damaged_store_found_after_first_frame, teardown);

  return g_test_run ();
}
