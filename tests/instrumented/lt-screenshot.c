/* lt-screenshot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-screenshot"

#include "config.h"

#include "lt-screenshot.h"

#include "lt-about-window.h"
#include "lt-bundle-dialog.h"
#include "lt-bundle-dialog-private.h"
#include "lt-change-notice-dialog.h"
#include "lt-changes-page.h"
#include "lt-connect-page.h"
#include "lt-connect-page-private.h"
#include "lt-error.h"
#include "lt-installation-dialog.h"
#include "lt-new-ticket-assistant.h"
#include "lt-preferences-window.h"
#include "lt-shortcuts.h"
#include "lt-ticket-action-dialog.h"
#include "lt-ticket-action-dialog-private.h"
#include "lt-ticket-detail.h"
#include "lt-ticket-detail-private.h"
#include "lt-tickets-page.h"
#include "lt-tickets-page-private.h"
#include "lt-ui-util.h"
#include "lt-sync-controller-private.h"
#include "lt-window-private.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

/* Long enough for a page switch, a list to fill and a frame to be drawn
 * with animations off. */
#define SETTLE_MS 700

typedef struct
{
  LtWindow  *window;
  char      *directory;
  guint      step;       /* index into the plan below */
  GtkWidget *dialog;     /* the dialog being shot, if any */
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->window);
  if (run->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (run->dialog));
  g_free (run->directory);
  g_free (run);
}

gboolean
lt_screenshot_save_widget (GtkWidget   *widget,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  if (width <= 0 || height <= 0 || renderer == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   "%s: the widget is not on screen", path);
      return FALSE;
    }

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   "%s: the widget drew nothing", path);
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: could not be written", path);
      return FALSE;
    }

  return TRUE;
}

/* ---- Filling forms the way a person would ---------------------------- */

static void
set_switch (GtkWidget  *root,
            const char *row_title,
            gboolean    active)
{
  GtkWidget *row = lt_ui_find_row (root, row_title);
  GtkWidget *toggle = row != NULL ? lt_ui_find_descendant (row, GTK_TYPE_SWITCH) : NULL;

  if (toggle != NULL)
    gtk_switch_set_active (GTK_SWITCH (toggle), active);
  else
    g_warning ("No switch in a row titled “%s”", row_title);
}

static void
set_check (GtkWidget  *root,
           const char *row_title)
{
  GtkWidget *row = lt_ui_find_row (root, row_title);
  GtkWidget *check = row != NULL ? lt_ui_find_descendant (row, GTK_TYPE_CHECK_BUTTON) : NULL;

  if (check != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  else
    g_warning ("No check button in a row titled “%s”", row_title);
}

static void
set_entry (GtkWidget  *root,
           const char *row_title,
           const char *text)
{
  GtkWidget *row = lt_ui_find_row (root, row_title);

  if (row != NULL && GTK_IS_EDITABLE (row))
    gtk_editable_set_text (GTK_EDITABLE (row), text);
  else
    g_warning ("No entry row titled “%s”", row_title);
}

static void
set_text_view (GtkWidget  *root,
               const char *text)
{
  GtkWidget *view = lt_ui_find_descendant (root, GTK_TYPE_TEXT_VIEW);

  if (view != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static void
next_step (GtkWidget *assistant)
{
  gtk_widget_activate_action (assistant, "assistant.next", NULL);
}

/* The demo customer files a ticket about the Disaster recovery site up to
 * @step; a feature request for the criteria step. Category labels are the
 * policy's own words (not translated here). */
static GtkWidget *
open_assistant (LtContext  *context,
                const char *step)
{
  GtkWidget *assistant = lt_new_ticket_assistant_new (context);
  gboolean feature = g_str_equal (step, "criteria");

  if (feature)
    set_switch (assistant, _("A New Capability or Enhancement"), TRUE);
  else if (g_str_equal (step, "severity"))
    set_switch (assistant, _("A Security Incident"), TRUE);
  else
    set_switch (assistant, _("Significantly Degraded"), TRUE);
  if (g_str_equal (step, "severity"))
    return assistant;
  next_step (assistant);

  /* Out of scope, to show the acknowledgement R7 asks for. */
  if (g_str_equal (step, "category"))
    {
      set_check (assistant, "Custom code issues");
      set_check (assistant, _("I Understand; File It Anyway"));
      return assistant;
    }
  set_check (assistant, "Troubleshooting errors");
  next_step (assistant);

  /* 3.4.1 with an issue 3.4.2 fixed: the §12 warning. */
  {
    AdwComboRow *installations = ADW_COMBO_ROW (lt_ui_find_row (assistant, _("Installation")));
    GListModel *names = adw_combo_row_get_model (installations);

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Disaster recovery") == 0)
        adw_combo_row_set_selected (installations, i);
  }
  set_entry (assistant, _("Issue IDs, such as LT-1234"), feature ? "" : "LT-1127");
  if (g_str_equal (step, "installation"))
    return assistant;
  next_step (assistant);

  if (feature)
    {
      const char * const *labels = lt_policy_get_feature_criteria (lt_context_get_policy (context));
      const char * const answers[] = {
        "Our auditors want the weekly access report as a PDF in the SOX file.",
        "All 40 regional managers; today they print the page by hand.",
        "Removes the last manual step from the monthly compliance pack.",
        "Fits the reporting work announced for the 3.6 release.",
      };

      for (guint i = 0; labels != NULL && labels[i] != NULL && i < G_N_ELEMENTS (answers); i++)
        set_entry (assistant, labels[i], answers[i]);
      return assistant;
    }

  set_entry (assistant, _("Title"), "Collector stops forwarding events after log rotation");
  set_text_view (assistant,
                 "Since Friday the collector on lt-dr-1 stops forwarding events when logrotate runs.\n"
                 "The service log shows a reconnect loop; we use the forwarding account with\n"
                 "password=Northwind-DR-2026 as in the runbook.");
  if (g_str_equal (step, "details"))
    return assistant;

  gtk_widget_activate_action (assistant, "assistant.mask", NULL);
  next_step (assistant);
  return assistant;
}

static GtkWidget *
open_ticket_dialog (Run              *run,
                    const char       *id,
                    LtCustomerAction  action,
                    const char       *text)
{
  LtTicketsPage *page = LT_TICKETS_PAGE (lt_window_get_page (run->window, "tickets"));
  LtTicketDetail *detail = LT_TICKET_DETAIL (lt_ui_find_descendant (GTK_WIDGET (page), LT_TYPE_TICKET_DETAIL));
  LtTicket *ticket;
  GtkWidget *dialog;

  lt_window_show_page (run->window, "tickets");
  lt_tickets_page_show_ticket (page, id);
  ticket = lt_ticket_detail_get_ticket (detail);
  if (ticket == NULL)
    return NULL;

  dialog = lt_ticket_action_dialog_new (lt_window_get_context (run->window), ticket, action);
  lt_ticket_action_dialog_set_text (LT_TICKET_ACTION_DIALOG (dialog), text);
  return dialog;
}

/* What an admin of the demo customer would collect: a log and a
 * configuration file with secrets and identities in them, and a core
 * dump the folder walk leaves out. In a folder of a fixed name, so that
 * the picture shows the same paths at every run. */
static const struct {
  const char *path;
  const char *text;
} bundle_samples[] = {
  { "var/log/lockthreat/collector.log",
    "2026-11-30T14:02:11Z INFO collector[3101]: forwarding to siem-core01.northwind.example:6514\n"
    "2026-11-30T14:02:12Z WARN collector[3101]: peer 10.20.4.17 closed the connection (user=kpatel)\n"
    "2026-11-30T14:02:14Z INFO collector[3101]: reconnect to 10.20.4.17 as svc-forward@northwind.example\n"
    "2026-11-30T14:05:40Z ERROR collector[3101]: token rejected: Authorization: Bearer eyFAKEtokenN0rthw1ndDR2026\n" },
  { "etc/lockthreat/agent.yaml",
    "server: https://lt-prod-1.northwind.example/ingest\n"
    "version: 3.4.1\n"
    "password: Northwind-DR-2026\n" },
  { "var/log/lockthreat/core.3101", NULL },
};

static char *
write_bundle_samples (void)
{
  g_autofree char *root = g_build_filename (g_get_tmp_dir (), "lockthreat-diagnostics", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bundle_samples); i++)
    {
      g_autofree char *path = g_build_filename (root, bundle_samples[i].path, NULL);
      g_autofree char *folder = g_path_get_dirname (path);
      static const char binary[] = "\177ELF\002\001\001\000\000\000core";
      g_autoptr(GError) error = NULL;

      if (g_mkdir_with_parents (folder, 0700) != 0 ||
          !g_file_set_contents (path, bundle_samples[i].text != NULL ? bundle_samples[i].text : binary,
                                bundle_samples[i].text != NULL ? -1 : (gssize) sizeof binary, &error))
        g_warning ("%s: %s", path, error != NULL ? error->message : g_strerror (errno));
    }

  return g_steal_pointer (&root);
}

static void
remove_bundle_samples (void)
{
  g_autofree char *root = g_build_filename (g_get_tmp_dir (), "lockthreat-diagnostics", NULL);
  const char * const folders[] = { "var/log/lockthreat", "var/log", "var", "etc/lockthreat", "etc", "" };

  for (guint i = 0; i < G_N_ELEMENTS (bundle_samples); i++)
    {
      g_autofree char *path = g_build_filename (root, bundle_samples[i].path, NULL);

      g_remove (path);
    }
  for (guint i = 0; i < G_N_ELEMENTS (folders); i++)
    {
      g_autofree char *path = g_build_filename (root, folders[i], NULL);

      g_rmdir (path);
    }
}

static GtkWidget *
open_bundle_dialog (Run        *run,
                    const char *id)
{
  LtContext *context = lt_window_get_context (run->window);
  LtTicketsPage *page = LT_TICKETS_PAGE (lt_window_get_page (run->window, "tickets"));
  LtTicketDetail *detail = LT_TICKET_DETAIL (lt_ui_find_descendant (GTK_WIDGET (page), LT_TYPE_TICKET_DETAIL));
  g_autofree char *root = NULL;
  LtTicket *ticket;
  GtkWidget *dialog;

  lt_window_show_page (run->window, "tickets");
  lt_tickets_page_show_ticket (page, id);
  ticket = lt_ticket_detail_get_ticket (detail);
  if (ticket == NULL)
    return NULL;

  root = write_bundle_samples ();
  dialog = lt_bundle_dialog_new (context, ticket);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 640, 800);
  lt_bundle_dialog_add_path (LT_BUNDLE_DIALOG (dialog), root, TRUE);
  return dialog;
}

/* The first file with findings shows them. */
static void
expand_first_findings (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (ADW_IS_EXPANDER_ROW (child) && adw_expander_row_get_enable_expansion (ADW_EXPANDER_ROW (child)))
        {
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (child), TRUE);
          return;
        }
      expand_first_findings (child);
    }
}

typedef enum
{
  SHOT_PAGE,
  SHOT_TICKET,
  SHOT_CHANGE_NOTICE,
  SHOT_PREFERENCES,
  SHOT_ABOUT,
  SHOT_ASSISTANT,
  SHOT_ESCALATE,
  SHOT_COMMENT,
  SHOT_SHORTCUTS,
  SHOT_INSTALLATION,
  SHOT_CHANGE_PAGE,
  SHOT_TICKET_OPENED,   /* a ticket with its detail in front (folded) */
  SHOT_WORK_LIST,       /* win.show-tickets, as an Overview button does */
  SHOT_CONNECT,
  SHOT_OFFLINE,
  SHOT_BUNDLE,          /* "Attach Diagnostics…" on a ticket, reviewed */
} ShotKind;

/* The plan: every page, a closed ticket, then the dialogs, first light
 * then dark. */
static const struct {
  const char *name;
  ShotKind    kind;
  const char *detail;     /* the page, the ticket or the assistant's step */
  int         width;      /* of the window; 0: DEFAULT_WIDTH */
} plan[] = {
  { "overview", SHOT_PAGE, "overview" },
  { "tickets", SHOT_PAGE, "tickets" },
  { "changes", SHOT_PAGE, "changes" },
  { "maintenance", SHOT_PAGE, "maintenance" },
  { "versions", SHOT_PAGE, "versions" },
  { "ticket-resolved", SHOT_TICKET, "LT-000131" },
  { "ticket-closed", SHOT_TICKET, "LT-000120" },
  { "change-notice", SHOT_CHANGE_NOTICE, NULL },
  { "preferences", SHOT_PREFERENCES, NULL },
  { "preferences-notifications", SHOT_PREFERENCES, "notifications" },
  { "about", SHOT_ABOUT, NULL },
  { "new-ticket-severity", SHOT_ASSISTANT, "severity" },
  { "new-ticket-category", SHOT_ASSISTANT, "category" },
  { "new-ticket-installation", SHOT_ASSISTANT, "installation" },
  { "new-ticket-criteria", SHOT_ASSISTANT, "criteria" },
  { "new-ticket-details", SHOT_ASSISTANT, "details" },
  { "new-ticket-review", SHOT_ASSISTANT, "review" },
  { "ticket-escalate", SHOT_ESCALATE, "LT-000137" },
  { "ticket-comment", SHOT_COMMENT, "LT-000139" },
  { "ticket-history", SHOT_TICKET, "LT-000139" },
  { "shortcuts", SHOT_SHORTCUTS, NULL },
  { "installation-invalid-version", SHOT_INSTALLATION, "3.x" },
  { "change-notice-page", SHOT_CHANGE_PAGE, "CN-0009" },
  { "narrow-tickets", SHOT_PAGE, "tickets", 360 },
  { "narrow-ticket-detail", SHOT_TICKET_OPENED, "LT-000139", 360 },
  { "closing-soon", SHOT_WORK_LIST, "closing-soon" },
  { "connect", SHOT_CONNECT, NULL },
  { "offline-banner", SHOT_OFFLINE, "overview" },
  { "bundle-review", SHOT_BUNDLE, "LT-000142" },
};

/* The window of every shot but those that set their own width. */
#define DEFAULT_WIDTH 1180
#define DEFAULT_HEIGHT 820

/* Nothing listens on the discard port of this computer: a portal that
 * cannot be reached, at once and on every machine. */
#define UNREACHABLE_PORTAL "http://127.0.0.1:9"

/* The first-run page, filled as an admin would before Connect. */
static void
show_connect_page (Run *run)
{
  GtkWidget *page;

  lt_window_set_connect_page_shown (run->window, TRUE);
  page = lt_window_get_connect_page (run->window);
  lt_connect_page_set_fields (LT_CONNECT_PAGE (page), "https://support.northwind.example",
                              "lts_9f3c1e7a52b04d8e");
}

/* The window while the portal cannot be reached: a real run against an
 * address where nothing answers, the retry planned. */
static void
show_offline (Run *run)
{
  LtContext *context = lt_window_get_context (run->window);
  LtSyncController *sync = lt_context_get_sync (context);

  g_autoptr(LtCredentials) credentials = NULL;

  if (sync == NULL || lt_sync_controller_get_outcome (sync) == LT_SYNC_OUTCOME_OFFLINE)
    return;
  /* A token for this run only: the picture is of a portal out of reach,
   * not of one without a token. */
  credentials = lt_portal_choice_new_credentials (UNREACHABLE_PORTAL, LT_PORTAL_SOURCE_SETTING, NULL);
  if (credentials != NULL)
    lt_credentials_keep_for_session (credentials, "lts_screenshot_only", NULL);
  g_settings_set_string (lt_context_get_settings (context), "portal-url", UNREACHABLE_PORTAL);
  lt_sync_controller_start (sync, TRUE);
}

/* Back to the demo's state for the next pictures. */
static void
undo_step (Run  *run,
           guint index)
{
  LtContext *context = lt_window_get_context (run->window);
  LtSyncController *sync = lt_context_get_sync (context);

  if (plan[index].kind == SHOT_CONNECT)
    lt_window_set_connect_page_shown (run->window, FALSE);
  if (plan[index].kind == SHOT_BUNDLE)
    remove_bundle_samples ();
  if (plan[index].kind == SHOT_OFFLINE && sync != NULL)
    {
      lt_sync_controller_stop (sync);
      g_settings_reset (lt_context_get_settings (context), "portal-url");
    }
}

#define N_SHOTS_PER_STYLE G_N_ELEMENTS (plan)

static void
describe_step (guint        step,
               gboolean    *dark,
               guint       *index)
{
  *dark = step >= N_SHOTS_PER_STYLE;
  *index = step % N_SHOTS_PER_STYLE;
}

static GtkWidget *
open_dialog (Run  *run,
             guint index)
{
  LtContext *context = lt_window_get_context (run->window);
  GtkWidget *dialog = NULL;

  switch (plan[index].kind)
    {
    case SHOT_CHANGE_NOTICE:
      {
        g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (context));
        g_autoptr(GDateTime) local = g_date_time_to_local (now);
        g_autoptr(GDateTime) day = g_date_time_add_days (local, 1);
        g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (day),
                                                            g_date_time_get_month (day),
                                                            g_date_time_get_day_of_month (day),
                                                            14, 0, 0);
        g_autoptr(GDateTime) end = g_date_time_add_hours (start, 2);

        /* Tomorrow is always too soon: the picture shows the warning. */
        dialog = lt_change_notice_dialog_new (context);
        lt_change_notice_dialog_set_schedule (LT_CHANGE_NOTICE_DIALOG (dialog), start, end);
        break;
      }
    case SHOT_PREFERENCES:
      dialog = lt_preferences_window_new (context);
      if (plan[index].detail != NULL)
        adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (dialog),
                                                      plan[index].detail);
      break;
    case SHOT_ABOUT:
      dialog = lt_about_window_new (context);
      break;
    case SHOT_ASSISTANT:
      dialog = open_assistant (context, plan[index].detail);
      break;
    case SHOT_ESCALATE:
      dialog = open_ticket_dialog (run, plan[index].detail, LT_CUSTOMER_ACTION_ESCALATE,
                                   "Policies are three days old on 14 branch sites; the weekly audit starts Thursday.");
      break;
    case SHOT_COMMENT:
      dialog = open_ticket_dialog (run, plan[index].detail, LT_CUSTOMER_ACTION_COMMENT,
                                   "Here is the collector configuration you asked for:\n"
                                   "endpoint: https://collector:Qx7-pw-2026@lt-prod-1.northwind.example/ingest\n"
                                   "batch_size: 500");
      break;
    case SHOT_SHORTCUTS:
      dialog = GTK_WIDGET (lt_shortcuts_window_new ());
      break;
    case SHOT_INSTALLATION:
      /* Save waits, and the status row says why. */
      dialog = lt_installation_dialog_new (context, NULL);
      gtk_editable_set_text (GTK_EDITABLE (lt_ui_find_row (dialog, _("Name"))), "Staging");
      gtk_editable_set_text (GTK_EDITABLE (lt_ui_find_row (dialog, _("Installed Version"))),
                             plan[index].detail);
      break;
    case SHOT_BUNDLE:
      dialog = open_bundle_dialog (run, plan[index].detail);
      break;
    case SHOT_PAGE:
    case SHOT_TICKET:
    case SHOT_CHANGE_PAGE:
    case SHOT_TICKET_OPENED:
    case SHOT_WORK_LIST:
    case SHOT_CONNECT:
    case SHOT_OFFLINE:
    default:
      g_assert_not_reached ();
    }

  if (dialog == NULL)
    return NULL;

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (run->window));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

static gboolean shoot_cb (gpointer user_data);

static gboolean
scroll_to_history_cb (gpointer user_data)
{
  GtkWidget *detail = lt_ui_find_descendant (GTK_WIDGET (user_data), LT_TYPE_TICKET_DETAIL);

  if (detail != NULL)
    lt_ticket_detail_scroll_to_history (LT_TICKET_DETAIL (detail));
  return G_SOURCE_REMOVE;
}

/* The review, below the choices: scrolled to once laid out. */
static gboolean
scroll_to_review_cb (gpointer user_data)
{
  GtkWidget *dialog = user_data;
  GtkWidget *scroller = lt_ui_find_descendant (dialog, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *review = lt_ui_find_descendant (dialog, ADW_TYPE_EXPANDER_ROW);
  GtkWidget *content;
  graphene_point_t point;

  if (scroller == NULL || review == NULL)
    return G_SOURCE_REMOVE;
  review = gtk_widget_get_ancestor (review, ADW_TYPE_PREFERENCES_GROUP);
  content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)));
  if (review != NULL && content != NULL &&
      gtk_widget_compute_point (review, content, &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                              point.y - 60);
  return G_SOURCE_REMOVE;
}

static gboolean
bundle_ran_cb (gpointer user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);

  if (lt_bundle_dialog_is_running (LT_BUNDLE_DIALOG (run->dialog)))
    return G_SOURCE_CONTINUE;

  expand_first_findings (run->dialog);
  g_timeout_add_full (G_PRIORITY_LOW, SETTLE_MS / 2, scroll_to_review_cb,
                      g_object_ref (run->dialog), g_object_unref);
  g_timeout_add_full (G_PRIORITY_LOW, SETTLE_MS, shoot_cb, g_object_ref (task), g_object_unref);
  return G_SOURCE_REMOVE;
}

/* Arranges step run->step on screen, then shoots it once settled. */
static void
prepare_step (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  gboolean dark;
  guint index;

  describe_step (run->step, &dark, &index);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  gtk_window_set_default_size (GTK_WINDOW (run->window),
                               plan[index].width > 0 ? plan[index].width : DEFAULT_WIDTH, DEFAULT_HEIGHT);
  switch (plan[index].kind)
    {
    case SHOT_PAGE:
      lt_window_show_page (run->window, plan[index].detail);
      /* A ticket's detail says more about the page than "none selected". */
      if (g_str_equal (plan[index].detail, "tickets"))
        {
          LtTicketsPage *tickets = LT_TICKETS_PAGE (lt_window_get_page (run->window, "tickets"));

          /* Every ticket, whatever work list the shot before opened. */
          lt_tickets_page_show_work_list (tickets, "all");
          lt_tickets_page_select_position (tickets, 0);
        }
      /* The list, not the notice the light round left open. */
      if (g_str_equal (plan[index].detail, "changes"))
        gtk_widget_activate_action (lt_window_get_page (run->window, "changes"), "changes.back", NULL);
      break;
    case SHOT_TICKET:
      lt_window_show_ticket (run->window, plan[index].detail);
      /* A "-history" shot shows the history, below the deadlines and
       * actions: scrolled to once the ticket is laid out. */
      if (g_str_has_suffix (plan[index].name, "-history"))
        g_timeout_add_full (G_PRIORITY_LOW, SETTLE_MS / 2, scroll_to_history_cb,
                            g_object_ref (run->window), g_object_unref);
      break;
    case SHOT_CHANGE_PAGE:
      lt_window_show_page (run->window, "changes");
      lt_changes_page_open_notice (LT_CHANGES_PAGE (lt_window_get_page (run->window, "changes")),
                                   plan[index].detail);
      break;
    case SHOT_TICKET_OPENED:
      lt_window_show_ticket (run->window, plan[index].detail);
      lt_tickets_page_show_selected (LT_TICKETS_PAGE (lt_window_get_page (run->window, "tickets")));
      break;
    case SHOT_WORK_LIST:
      gtk_widget_activate_action (GTK_WIDGET (run->window), "win.show-tickets", "s", plan[index].detail);
      break;
    case SHOT_CONNECT:
      show_connect_page (run);
      break;
    case SHOT_OFFLINE:
      lt_window_show_page (run->window, plan[index].detail);
      show_offline (run);
      break;
    case SHOT_BUNDLE:
      /* The picture is of the review: shot once the job has run. */
      run->dialog = open_dialog (run, index);
      if (run->dialog != NULL)
        {
          g_timeout_add_full (G_PRIORITY_LOW, 100, bundle_ran_cb, g_object_ref (task), g_object_unref);
          return;
        }
      break;
    case SHOT_CHANGE_NOTICE:
    case SHOT_PREFERENCES:
    case SHOT_ABOUT:
    case SHOT_ASSISTANT:
    case SHOT_ESCALATE:
    case SHOT_COMMENT:
    case SHOT_SHORTCUTS:
    case SHOT_INSTALLATION:
    default:
      run->dialog = open_dialog (run, index);
      break;
    }

  g_timeout_add_full (G_PRIORITY_LOW, SETTLE_MS, shoot_cb, g_object_ref (task), g_object_unref);
}

static gboolean
shoot_cb (gpointer user_data)
{
  GTask *task = user_data;
  Run *run = g_task_get_task_data (task);
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dark;
  guint index;

  describe_step (run->step, &dark, &index);
  file_name = g_strdup_printf ("%s-%s.png", plan[index].name, dark ? "dark" : "light");
  path = g_build_filename (run->directory, file_name, NULL);

  if (!lt_screenshot_save_widget (run->dialog != NULL ? run->dialog : GTK_WIDGET (run->window),
                                  path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return G_SOURCE_REMOVE;
    }
  g_print ("%s\n", path);
  undo_step (run, index);

  if (run->dialog != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (run->dialog));
      run->dialog = NULL;
    }

  if (++run->step == 2 * N_SHOTS_PER_STYLE)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
      g_task_return_boolean (task, TRUE);
      return G_SOURCE_REMOVE;
    }

  prepare_step (task);
  return G_SOURCE_REMOVE;
}

static void
tickets_read_cb (LtTicketList *tickets,
                 GParamSpec   *pspec,
                 GTask        *task)
{
  if (lt_ticket_list_get_loading (tickets))
    return;
  g_signal_handlers_disconnect_by_func (tickets, tickets_read_cb, task);
  prepare_step (task);
  g_object_unref (task);
}

/* The pictures show the data, not "Reading Tickets…": the first step
 * waits for the ticket list's worker thread. */
static void
start_when_read (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  LtTicketList *tickets = lt_context_get_tickets (lt_window_get_context (run->window));

  if (tickets == NULL || !lt_ticket_list_get_loading (tickets))
    {
      prepare_step (task);
      return;
    }
  g_signal_connect (tickets, "notify::loading", G_CALLBACK (tickets_read_cb), g_object_ref (task));
}

void
lt_screenshot_run_async (LtWindow            *window,
                         const char          *directory,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Run *run;

  g_return_if_fail (LT_IS_WINDOW (window));
  g_return_if_fail (directory != NULL);

  task = g_task_new (window, NULL, callback, user_data);
  g_task_set_source_tag (task, lt_screenshot_run_async);

  if (g_mkdir_with_parents (directory, 0755) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "%s: %s", directory, g_strerror (saved_errno));
      return;
    }

  /* Pictures of the same state at the same size, whatever the machine's
   * settings: no animations mid-transition, one window size. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), DEFAULT_WIDTH, DEFAULT_HEIGHT);

  run = g_new0 (Run, 1);
  run->window = g_object_ref (window);
  run->directory = g_strdup (directory);
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  start_when_read (task);
}

gboolean
lt_screenshot_run_finish (LtWindow      *window,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, window), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
