/* lt-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-application"

#include "config.h"

#include "lt-application-private.h"

#include "lt-about-window.h"
#include "lt-background.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-notifier.h"
#include "lt-preferences-window.h"
#include "lt-rules.h"
#include "lt-shortcuts.h"
#include "lt-ui-util.h"
#include "lt-window.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

struct _LtApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  LtContext      *context;
  GError         *startup_error;   /* the bundled policy did not load */
  char           *profile_dir;
  char           *portal_url;
  gboolean        window_only;     /* lt-application-private.h */
  gboolean        no_connect_offer;
  LtApplicationWindowReady window_ready;
  gpointer        window_ready_data;
  GDateTime      *fixed_now;
  LtNotifier     *notifier;
  guint           first_check_id;  /* the notifier's first look, while it waits */
  gboolean        first_check_pending;
  gboolean        first_check_waits_for_tickets;
  gboolean        first_check_waits_for_frame;
  LtSyncController *sync;       /* borrowed from the context */
  gboolean        sync_started;
  gboolean        sync_waits_for_frame;  /* the first run, until the window's first frame */

  /* Background mode (docs/app.md, "Background mode"). */
  GCancellable   *background_cancellable;
  GtkWidget      *background_question;   /* the first-run question, while shown */
  gboolean        background_launch;     /* --background: no window at start */
  gboolean        background_start;      /* the first activation opens no window */
  gboolean        held;
};

G_DEFINE_FINAL_TYPE (LtApplication, lt_application, ADW_TYPE_APPLICATION)

static LtWindow *
get_window (LtApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LT_IS_WINDOW (window))
    return LT_WINDOW (window);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (LT_IS_WINDOW (l->data))
      return LT_WINDOW (l->data);

  return NULL;
}

/* The notifier's first look reads every open ticket with its history
 * and judges its SLA: seconds of CPU at 1,000,000 tickets. It reads and
 * computes in a worker thread, and still begins only after the window's
 * first frame (docs/app.md, "Start-up"), which it would otherwise share
 * the two cores with. Without a window (background mode) it begins as
 * soon as the main loop is idle. */
static gboolean
first_check_cb (gpointer user_data)
{
  LtApplication *self = user_data;

  self->first_check_id = 0;
  self->first_check_pending = FALSE;
  if (self->notifier != NULL)
    lt_notifier_check_in_worker (self->notifier);
  return G_SOURCE_REMOVE;
}

static void
schedule_first_check (LtApplication *self)
{
  LtTicketList *tickets = lt_context_get_tickets (self->context);

  if (!self->first_check_pending || self->first_check_waits_for_frame || self->first_check_id != 0)
    return;

  /* The ticket list the pages show comes in first: both read in a worker
   * thread, and the list is what the window waits for. */
  if (tickets != NULL && lt_ticket_list_get_loading (tickets))
    {
      if (!self->first_check_waits_for_tickets)
        g_signal_connect_object (tickets, "notify::loading", G_CALLBACK (schedule_first_check),
                                 self, G_CONNECT_SWAPPED);
      self->first_check_waits_for_tickets = TRUE;
      return;
    }
  self->first_check_id = g_idle_add_full (G_PRIORITY_LOW, first_check_cb, self, NULL);
}

static void
first_frame_over (LtApplication *self)
{
  self->first_check_waits_for_frame = FALSE;
  schedule_first_check (self);
}

/* The first sync run asks the keyring for the token (libsecret's session
 * key, some 11 million instructions on the main thread, and D-Bus round
 * trips) and reaches for the network: none of it is in the first frame,
 * so it starts once the window has painted (docs/app.md, "Start-up"). */
static void
start_waiting_sync (LtApplication *self)
{
  if (!self->sync_waits_for_frame)
    return;
  self->sync_waits_for_frame = FALSE;
  if (self->sync != NULL)
    lt_sync_controller_start (self->sync, TRUE);
}

static void
start_sync_after_first_frame (LtApplication *self,
                              LtWindow      *window)
{
  self->sync_waits_for_frame = TRUE;
  /* A window closed before it painted starts it then. */
  g_signal_connect_object (window, "first-frame", G_CALLBACK (start_waiting_sync),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (window, "unrealize", G_CALLBACK (start_waiting_sync),
                           self, G_CONNECT_SWAPPED);
}

static LtWindow *
ensure_window (LtApplication *self)
{
  LtWindow *window = get_window (self);

  if (window == NULL)
    {
      window = lt_window_new (GTK_APPLICATION (self), self->context);
      /* The first look waits for this window's first frame; a window
       * closed before it painted lets it run when idle. */
      if (self->first_check_pending)
        {
          g_clear_handle_id (&self->first_check_id, g_source_remove);
          self->first_check_waits_for_frame = TRUE;
          g_signal_connect_object (window, "first-frame", G_CALLBACK (first_frame_over),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (window, "unrealize", G_CALLBACK (first_frame_over),
                                   self, G_CONNECT_SWAPPED);
        }
    }

  return window;
}

/* ---- Actions -------------------------------------------------------- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  LtApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing each window (rather than only g_application_quit()) runs
   * their close handlers, which save the window state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  /* Quitting from the menu or with Ctrl+Q quits, background mode or not:
   * the hold goes, and so does the process. */
  self->background_launch = FALSE;
  if (self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  LtApplication *self = user_data;
  LtWindow *window = ensure_window (self);
  GtkWidget *preferences = lt_preferences_window_new (self->context);

  lt_ui_present_dialog (GTK_WINDOW (preferences), GTK_WIDGET (window));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  LtApplication *self = user_data;
  LtWindow *window = ensure_window (self);
  GtkWidget *about = lt_about_window_new (self->context);

  lt_ui_present_dialog (GTK_WINDOW (about), GTK_WIDGET (window));
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  LtApplication *self = user_data;
  LtWindow *window = ensure_window (self);
  GtkWindow *shortcuts;

  /* Built when asked, not for every window at start-up as GtkApplication
   * does with gtk/help-overlay.ui; generated from the accelerator table. */
  shortcuts = lt_shortcuts_window_new ();
  if (shortcuts != NULL)
    lt_ui_present_dialog (shortcuts, GTK_WIDGET (window));
}

static void
show_page_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  LtApplication *self = user_data;
  LtWindow *window = ensure_window (self);

  lt_window_show_page (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

/* A notification's buttons (lt_alert_dup_buttons()): the window, at the
 * ticket, its escalate dialog or the change notice the target names. */
static void
subject_activated (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  LtApplication *self = user_data;
  LtWindow *window = ensure_window (self);
  const char *name = g_action_get_name (G_ACTION (action));
  const char *subject = g_variant_get_string (parameter, NULL);

  gtk_window_present (GTK_WINDOW (window));
  if (g_str_equal (name, "show-ticket"))
    lt_window_show_ticket (window, subject);
  else if (g_str_equal (name, "escalate-ticket"))
    lt_window_activate_ticket_action (window, subject, "ticket.escalate");
  else
    lt_window_show_change_notice (window, subject);
}

static void
new_change_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  LtApplication *self = user_data;
  LtWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  lt_window_new_change_notice (window);
}

static void
new_ticket_activated (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  LtApplication *self = user_data;
  LtWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  lt_window_new_ticket (window, NULL);
}

static void
sync_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  LtApplication *self = user_data;

  if (self->sync != NULL)
    lt_sync_controller_sync (self->sync);
}

static void
sync_available_cb (LtApplication *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "sync");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action),
                               self->sync != NULL && lt_sync_controller_get_available (self->sync));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_activated },
  { .name = "preferences", .activate = preferences_activated },
  { .name = "about", .activate = about_activated },
  { .name = "shortcuts", .activate = shortcuts_activated },
  { .name = "new-change", .activate = new_change_activated },
  { .name = "new-ticket", .activate = new_ticket_activated },
  { .name = "sync", .activate = sync_activated },
  { .name = "show-page", .activate = show_page_activated, .parameter_type = "s" },
  { .name = "show-ticket", .activate = subject_activated, .parameter_type = "s" },
  { .name = "escalate-ticket", .activate = subject_activated, .parameter_type = "s" },
  { .name = "show-change", .activate = subject_activated, .parameter_type = "s" },
};

/* The accelerators are in one table, with the shortcuts window that shows
 * them: lt-shortcuts.c. */

/* ---- Background mode ------------------------------------------------ */

static gboolean
wants_background (LtApplication *self)
{
  if (self->context == NULL || self->window_only)
    return FALSE;

  return self->background_launch ||
         g_settings_get_boolean (lt_context_get_settings (self->context), "run-in-background");
}

/* One hold while background mode is on, so that closing the last window
 * leaves the application (its sync and timers) running. */
static void
update_hold (LtApplication *self)
{
  gboolean want = wants_background (self);

  if (want && !self->held)
    g_application_hold (G_APPLICATION (self));
  else if (!want && self->held)
    g_application_release (G_APPLICATION (self));
  self->held = want;
}

static void
background_applied_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(LtApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lt_background_apply_finish (result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Never only in the log: said in the window when there is one. */
  if (get_window (self) != NULL)
    lt_ui_show_error (GTK_WIDGET (get_window (self)), _("Background mode could not be changed"), error);
  else
    g_message ("Background mode: %s", error->message);
  /* The portal (the user) said no: the switch says what is true. */
  if (g_error_matches (error, LT_ERROR, LT_ERROR_NOT_ALLOWED) && self->context != NULL &&
      lt_background_is_sandboxed ())
    g_settings_set_boolean (lt_context_get_settings (self->context), "run-in-background", FALSE);
}

static void
apply_background (LtApplication *self,
                  gboolean       enabled)
{
  LtWindow *window = get_window (self);

  g_cancellable_cancel (self->background_cancellable);
  g_clear_object (&self->background_cancellable);
  self->background_cancellable = g_cancellable_new ();

  lt_background_apply_async (enabled, window != NULL ? GTK_WINDOW (window) : NULL,
                             self->background_cancellable, background_applied_cb,
                             g_object_ref (self));
}

static void
run_in_background_changed_cb (GSettings     *settings,
                              const char    *key,
                              LtApplication *self)
{
  gboolean enabled = g_settings_get_boolean (settings, "run-in-background");

  /* Turned off: a --background start no longer holds either, so with no
   * window open the application ends here. */
  if (!enabled)
    self->background_launch = FALSE;

  apply_background (self, enabled);
  update_hold (self);
}

static void
background_question_response_cb (AdwMessageDialog *dialog,
                                  const char       *response,
                                  LtApplication    *self)
{
  GSettings *settings = lt_context_get_settings (self->context);

  self->background_question = NULL;
  g_settings_set_boolean (settings, "background-asked", TRUE);
  if (g_strcmp0 (response, "background") == 0)
    g_settings_set_boolean (settings, "run-in-background", TRUE);
}

/* Asked once, after the first good sync with a window open: there is
 * something to watch by then, and the admin is looking. */
static void
maybe_ask_background (LtApplication *self)
{
  GSettings *settings = lt_context_get_settings (self->context);
  LtWindow *window = get_window (self);
  GtkWidget *dialog;

  if (self->background_question != NULL || self->window_only ||
      window == NULL || !gtk_widget_get_visible (GTK_WIDGET (window)) ||
      g_settings_get_boolean (settings, "background-asked") ||
      g_settings_get_boolean (settings, "run-in-background"))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (window), _("Keep Watch in the Background?"),
                                   _("LockThreat Support watches your support deadlines only while it runs: "
                                     "a ticket that closes if it is not answered, a maintenance window "
                                     "about to start. In the background it keeps watch and sends what "
                                     "you queued while the window is closed, and starts at login "
                                     "without a window. You can change this in Preferences."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "not-now", _("_Not Now"),
                                    "background", _("_Run in Background"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "background",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "background");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "not-now");
  g_signal_connect_object (dialog, "response", G_CALLBACK (background_question_response_cb), self, 0);
  self->background_question = dialog;
  lt_ui_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (window));
}

static void
run_finished_cb (LtSyncController *sync,
                 gboolean          ok,
                 LtApplication    *self)
{
  if (ok)
    maybe_ask_background (self);
}

/**
 * lt_application_get_background_question:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the first-run question about
 *   background mode while it is shown (tests)
 */
GtkWidget *
lt_application_get_background_question (LtApplication *self)
{
  g_return_val_if_fail (LT_IS_APPLICATION (self), NULL);

  return self->background_question;
}

/* ---- Start-up warm-up ----------------------------------------------- */

/* The icon theme's first lookup reads the theme: every icon name in the
 * caches of Adwaita and hicolor into GTK's tables (some 65 million
 * instructions), which the first icon the window measures waits for.
 * GTK allows lookups from another thread once the theme is set up on the
 * main thread (gtkicontheme.c, "Threading"); a lookup on the main thread
 * meanwhile waits for the theme's lock rather than reading it again. */
static gpointer
warm_icon_theme_thread (gpointer data)
{
  GtkIconTheme *theme = data;

  g_object_unref (gtk_icon_theme_lookup_icon (theme, "go-home-symbolic", NULL, 16, 1,
                                              GTK_TEXT_DIR_NONE, 0));
  g_object_unref (theme);
  return NULL;
}

/* After the parent's startup: libadwaita and GtkApplication have added
 * their icon resource paths then, and each addition makes the theme be
 * read again. The window's templates are built meanwhile. */
static void
warm_icon_theme (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkIconTheme *theme;
  GThread *thread;

  if (display == NULL)
    return;

  /* Without the thread, the first icon shown reads the theme itself. */
  theme = g_object_ref (gtk_icon_theme_get_for_display (display));
  thread = g_thread_try_new ("lt-icon-theme", warm_icon_theme_thread, theme, NULL);
  if (thread != NULL)
    g_thread_unref (thread);
  else
    g_object_unref (theme);
}

/* The bundled policy and release catalog, parsed in a thread while
 * libadwaita's start parses its style sheets (docs/app.md, "Start-up"). */
typedef struct
{
  LtPolicy         *policy;
  LtReleaseCatalog *catalog;
  GError           *error;
} BundledDocuments;

static gpointer
load_bundled_documents_thread (gpointer data)
{
  BundledDocuments *documents = data;

  lt_context_load_bundled_documents (&documents->policy, &documents->catalog, &documents->error);
  return documents;
}

static void
bundled_documents_clear (BundledDocuments *documents)
{
  g_clear_object (&documents->policy);
  g_clear_object (&documents->catalog);
  g_clear_error (&documents->error);
}

/* ---- GApplication --------------------------------------------------- */

static gboolean
validate_portal_url (const char  *url,
                     GError     **error)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not an http:// or https:// address with a host"), url);
      return FALSE;
    }

  return TRUE;
}

static int
lt_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  LtApplication *self = LT_APPLICATION (app);
  const char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "lockthreat-support", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "portal", "&s", &text))
    {
      if (!validate_portal_url (text, &error))
        {
          g_printerr ("lockthreat-support: --portal: %s\n", error->message);
          return 2;
        }
      self->portal_url = g_strdup (text);
    }

  if (g_variant_dict_lookup (options, "now", "&s", &text))
    {
      self->fixed_now = lt_instant_parse (text, &error);
      if (self->fixed_now == NULL)
        {
          g_printerr ("lockthreat-support: --now: %s\n", error->message);
          return 2;
        }
    }

  if (g_variant_dict_lookup (options, "profile", "^&ay", &text))
    self->profile_dir = g_canonicalize_filename (text, NULL);

  if (g_variant_dict_contains (options, LT_BACKGROUND_OPTION))
    {
      self->background_launch = TRUE;
      self->background_start = TRUE;
    }

  /* A profile of its own is a separate instance: `make run` beside the
   * user's real window must not open in it. */
  if (self->profile_dir != NULL || self->window_only)
    g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  else if (self->portal_url != NULL)
    {
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("lockthreat-support: %s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        g_printerr ("lockthreat-support: %s\n",
                    _("LockThreat Support is already running, so --portal does not apply; quit it first."));
    }

  /* At login, an instance already running (started by hand, or by D-Bus)
   * is left as it is: no window pops up. */
  if (self->background_launch)
    {
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("lockthreat-support: %s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        return 0;
    }

  return G_APPLICATION_CLASS (lt_application_parent_class)->handle_local_options (app, options);
}

static void
lt_application_startup (GApplication *app)
{
  LtApplication *self = LT_APPLICATION (app);
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(LtClock) clock = NULL;
  g_autofree char *store_path = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(LtSyncController) sync = NULL;
  BundledDocuments documents = { NULL, NULL, NULL };
  GThread *loader;

  /* Pango starts fontconfig (FcInit: its configuration and font caches
   * read, some 28 million instructions) in a thread of its own when the
   * first font map is made, and the first text GTK measures waits for it.
   * Made before libadwaita's start (adw_init(), which parses its style
   * sheets), that thread runs beside it instead of in front of the first
   * label (docs/app.md, "Start-up"). This is the main thread's default
   * font map, the one GTK's widgets use; Pango's own thread is the only
   * other one that touches fontconfig. */
  pango_cairo_font_map_get_default ();
  /* Without the thread they are parsed here, after libadwaita's start. */
  loader = g_thread_try_new ("lt-documents", load_bundled_documents_thread, &documents, NULL);

  G_APPLICATION_CLASS (lt_application_parent_class)->startup (app);
  /* A --background start opens no window to show icons in. */
  if (!self->background_start)
    warm_icon_theme ();
  lt_ui_fix_accessible_names ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  lt_shortcuts_set_accels (GTK_APPLICATION (self));

  settings = g_settings_new (APPLICATION_ID);
  clock = self->fixed_now != NULL ? lt_clock_new_fixed (self->fixed_now) : lt_clock_new_system ();

  if (loader != NULL)
    g_thread_join (loader);
  else
    load_bundled_documents_thread (&documents);
  if (documents.error != NULL)
    {
      self->startup_error = g_steal_pointer (&documents.error);
      bundled_documents_clear (&documents);
      return;
    }
  self->context = lt_context_new_with_documents (clock, settings, documents.policy, documents.catalog);
  bundled_documents_clear (&documents);

  if (self->portal_url != NULL)
    lt_context_set_portal_override (self->context, self->portal_url);

  /* Background mode does not need the store: held without a window, the
   * application still has its timers. */
  if (!self->window_only)
    {
      g_signal_connect_object (settings, "changed::run-in-background",
                               G_CALLBACK (run_in_background_changed_cb), self, 0);
      /* Outside Flatpak the entry is written again at each start, so that
       * it starts this program even after it moved. */
      if (g_settings_get_boolean (settings, "run-in-background") && !lt_background_is_sandboxed ())
        apply_background (self, TRUE);
      update_hold (self);
    }

  if (self->profile_dir != NULL)
    store_path = g_build_filename (self->profile_dir, LT_STORE_FILE_NAME, NULL);

  /* Offline-first: without a store the window still opens and says why
   * (LtWindow shows the context's store error as a banner). */
  if (!lt_context_open_store (self->context, store_path, &store_error))
    {
      g_message ("The local database could not be opened: %s", store_error->message);
      sync_available_cb (self);
      return;
    }

  /* The portal: everything above works without it. */
  sync = lt_sync_controller_new (self->context);
  lt_context_set_sync (self->context, sync);
  self->sync = sync;
  g_signal_connect_object (self->sync, "notify::available",
                           G_CALLBACK (sync_available_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "run-finished", G_CALLBACK (run_finished_cb), self, 0);
  sync_available_cb (self);

  /* Screenshots are pictures of the pages, not a time to notify. */
  if (!self->window_only)
    {
      self->notifier = lt_notifier_new (self->context, G_APPLICATION (self));
      /* Every look of the application off the main thread: a later one
       * still judges every open ticket's SLA. */
      lt_notifier_set_looks_in_worker (self->notifier, TRUE);
      lt_context_set_notifier (self->context, self->notifier);
      self->first_check_pending = TRUE;
      schedule_first_check (self);
    }
}

static void
startup_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           LtApplication    *self)
{
  g_application_quit (G_APPLICATION (self));
}

static void
lt_application_activate (GApplication *app)
{
  LtApplication *self = LT_APPLICATION (app);
  LtWindow *window;
  gboolean new_window;

  if (self->startup_error != NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (NULL, _("LockThreat Support Cannot Start"),
                                                  self->startup_error->message);

      g_printerr ("lockthreat-support: %s\n", self->startup_error->message);
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
      g_signal_connect_object (dialog, "response", G_CALLBACK (startup_error_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* --background: the sync and timers start, no window opens; the next
   * activation (a second launch) presents it. */
  if (self->background_start)
    {
      self->background_start = FALSE;
      if (self->sync != NULL && !self->sync_started)
        {
          self->sync_started = TRUE;
          lt_sync_controller_start (self->sync, TRUE);
        }
      return;
    }

  new_window = get_window (self) == NULL;
  window = ensure_window (self);
  gtk_window_present (GTK_WINDOW (window));

  if (self->window_ready != NULL)
    self->window_ready (self, window, self->window_ready_data);

  if (self->window_only)
    return;

  /* At start (after the window's first frame), then every
   * "sync-interval-minutes"; activating again (a second launch) only
   * raises the window. */
  if (self->sync != NULL && !self->sync_started)
    {
      self->sync_started = TRUE;
      if (new_window)
        start_sync_after_first_frame (self, window);
      else
        lt_sync_controller_start (self->sync, TRUE);
      /* The first window of a profile without a portal or a token asks
       * to connect (docs/app.md, "Connecting and connection status"). */
      if (!self->no_connect_offer)
        lt_window_offer_connect (window);
    }
}

static void
lt_application_dispose (GObject *object)
{
  LtApplication *self = (LtApplication *) object;

  g_clear_handle_id (&self->first_check_id, g_source_remove);
  g_clear_object (&self->notifier);
  g_cancellable_cancel (self->background_cancellable);
  g_clear_object (&self->background_cancellable);
  self->sync = NULL;
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lt_application_parent_class)->dispose (object);
}

static void
lt_application_finalize (GObject *object)
{
  LtApplication *self = (LtApplication *) object;

  g_clear_error (&self->startup_error);
  g_free (self->profile_dir);
  g_free (self->portal_url);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);

  G_OBJECT_CLASS (lt_application_parent_class)->finalize (object);
}

static void
lt_application_class_init (LtApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lt_application_dispose;
  object_class->finalize = lt_application_finalize;

  app_class->handle_local_options = lt_application_handle_local_options;
  app_class->startup = lt_application_startup;
  app_class->activate = lt_application_activate;
}

static void
lt_application_init (LtApplication *self)
{
  static const GOptionEntry entries[] = {
    { "portal", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Use the support portal at URL for this run"), N_("URL") },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Keep the local database in DIR (a separate instance)"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and exit"), NULL },
    { LT_BACKGROUND_OPTION, 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Start without a window and keep watch in the background"), NULL },
    /* For `make screenshots` and tests: pin the clock so that the
     * pictures do not change by the day. */
    { "now", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, NULL, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

LtApplication *
lt_application_new (void)
{
  return g_object_new (LT_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/com/lockthreat/Support",
                       NULL);
}

LtContext *
lt_application_get_context (LtApplication *self)
{
  g_return_val_if_fail (LT_IS_APPLICATION (self), NULL);

  return self->context;
}

/* lt-application-private.h: for tests/instrumented only. */
void
lt_application_set_window_only (LtApplication *self,
                                gboolean       window_only)
{
  g_return_if_fail (LT_IS_APPLICATION (self));

  self->window_only = window_only;
}

void
lt_application_set_connect_offer (LtApplication *self,
                                  gboolean       offer)
{
  g_return_if_fail (LT_IS_APPLICATION (self));

  self->no_connect_offer = !offer;
}

void
lt_application_set_window_ready (LtApplication            *self,
                                 LtApplicationWindowReady  func,
                                 gpointer                  user_data)
{
  g_return_if_fail (LT_IS_APPLICATION (self));

  self->window_ready = func;
  self->window_ready_data = user_data;
}
