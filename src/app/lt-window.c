/* lt-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-window"

#include "config.h"

#include "lt-window.h"
#include "lt-window-private.h"

#include "lt-changes-page.h"
#include "lt-connect-page.h"
#include "lt-error.h"
#include "lt-maintenance-page.h"
#include "lt-new-ticket-assistant.h"
#include "lt-overview-page.h"
#include "lt-tickets-page.h"
#include "lt-ui-util.h"
#include "lt-versions-page.h"

#include <glib/gi18n-lib.h>

struct _LtWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *stack;
  AdwSqueezer          *title_squeezer;
  AdwViewSwitcher      *narrow_switcher;
  GtkWidget            *window_title;
  GtkOverlay           *content_overlay;
  GtkWidget            *banner_box;
  GtkWidget            *sync_button;
  GtkStack             *sync_icon_stack;
  GtkImage             *sync_icon;
  GtkSpinner           *sync_spinner;
  GtkLabel             *sync_status_label;
  AdwViewSwitcherBar   *switcher_bar;
  GtkProgressBar       *sync_progress;
  AdwBin               *overview_slot;
  AdwBin               *tickets_slot;
  AdwBin               *changes_slot;
  AdwBin               *maintenance_slot;
  AdwBin               *versions_slot;
  GtkMenuButton        *new_button;
  GtkMenuButton        *menu_button;
  GMenuModel           *new_menu;
  GMenuModel           *primary_menu;

  /* Owned */
  LtContext            *context;
  GtkWidget            *config_banner;
  GtkWidget            *connect_page;
  GtkWidget            *connection_banner;
  GtkLabel             *connection_title;
  GtkLabel             *connection_detail;
  GtkWidget            *try_now_button;
  GtkWidget            *preferences_button;
  GtkWidget            *details_button;
  guint                 countdown_id;
  LtSyncController     *sync;
  GCancellable         *cancellable;
  gboolean              painted;            /* the first frame is on screen */
  LtCredentials        *offer_credentials;  /* the offer's keyring lookup, until then */
};

G_DEFINE_FINAL_TYPE (LtWindow, lt_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FIRST_FRAME,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const page_names[] = {
  "overview", "tickets", "changes", "maintenance", "versions", NULL
};

static AdwBin *
get_slot (LtWindow   *self,
          const char *name)
{
  AdwBin *slots[] = {
    self->overview_slot, self->tickets_slot, self->changes_slot,
    self->maintenance_slot, self->versions_slot,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (slots) + 1 == G_N_ELEMENTS (page_names));
  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    if (g_str_equal (page_names[i], name))
      return slots[i];
  return NULL;
}

static GType
get_page_type (const char *name)
{
  if (g_str_equal (name, "overview"))
    return LT_TYPE_OVERVIEW_PAGE;
  if (g_str_equal (name, "tickets"))
    return LT_TYPE_TICKETS_PAGE;
  if (g_str_equal (name, "changes"))
    return LT_TYPE_CHANGES_PAGE;
  if (g_str_equal (name, "maintenance"))
    return LT_TYPE_MAINTENANCE_PAGE;
  return LT_TYPE_VERSIONS_PAGE;
}

/* Pages are made the first time they are shown or asked for: the first
 * frame pays for one page, not five (docs/app.md, "Start-up"). */
static GtkWidget *
ensure_page (LtWindow   *self,
             const char *name)
{
  AdwBin *slot = get_slot (self, name);
  GtkWidget *page;

  if (slot == NULL)
    return NULL;

  page = adw_bin_get_child (slot);
  if (page == NULL && self->context != NULL)
    {
      page = g_object_new (get_page_type (name), "context", self->context, NULL);
      adw_bin_set_child (slot, page);
    }

  return page;
}

static void
banner_response_cb (GtkInfoBar *bar,
                    int         response,
                    LtWindow   *self)
{
  if (response == GTK_RESPONSE_HELP)
    {
      lt_ui_show_error_details (GTK_WIDGET (self),
                                g_object_get_data (G_OBJECT (bar), "lt-text"),
                                g_object_get_data (G_OBJECT (bar), "lt-details"));
      return;
    }

  if (GTK_WIDGET (bar) == self->config_banner)
    self->config_banner = NULL;
  gtk_box_remove (GTK_BOX (self->banner_box), GTK_WIDGET (bar));
}

static GtkWidget *
add_banner (LtWindow       *self,
            GtkMessageType  type,
            const char     *text,
            const char     *details)
{
  GtkWidget *bar;
  GtkWidget *label;

  bar = gtk_info_bar_new ();
  gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), type);
  gtk_info_bar_set_show_close_button (GTK_INFO_BAR (bar), TRUE);

  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_info_bar_add_child (GTK_INFO_BAR (bar), label);

  g_object_set_data_full (G_OBJECT (bar), "lt-text", g_strdup (text), g_free);
  if (details != NULL)
    {
      g_object_set_data_full (G_OBJECT (bar), "lt-details", g_strdup (details), g_free);
      gtk_info_bar_add_button (GTK_INFO_BAR (bar), _("_Details"), GTK_RESPONSE_HELP);
    }

  g_signal_connect_object (bar, "response", G_CALLBACK (banner_response_cb), self, 0);
  gtk_box_append (GTK_BOX (self->banner_box), bar);

  return bar;
}

void
lt_window_add_banner (LtWindow       *self,
                      GtkMessageType  type,
                      const char     *text,
                      const char     *details)
{
  g_return_if_fail (LT_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  add_banner (self, type, text, details);
}

void
lt_window_show_page (LtWindow   *self,
                     const char *name)
{
  g_return_if_fail (LT_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  if (g_strv_contains (page_names, name))
    {
      ensure_page (self, name);
      adw_view_stack_set_visible_child_name (self->stack, name);
    }
}

const char *
lt_window_get_visible_page (LtWindow *self)
{
  g_return_val_if_fail (LT_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

GtkWidget *
lt_window_get_page (LtWindow   *self,
                    const char *name)
{
  g_return_val_if_fail (LT_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return ensure_page (self, name);
}

void
lt_window_new_change_notice (LtWindow *self)
{
  g_return_if_fail (LT_IS_WINDOW (self));

  lt_window_show_page (self, "changes");
  lt_changes_page_new_notice (LT_CHANGES_PAGE (ensure_page (self, "changes")));
}

void
lt_window_new_ticket (LtWindow   *self,
                      const char *references_ticket)
{
  GtkWidget *assistant;

  g_return_if_fail (LT_IS_WINDOW (self));

  assistant = lt_new_ticket_assistant_new (self->context);
  if (references_ticket != NULL)
    lt_new_ticket_assistant_set_references (LT_NEW_TICKET_ASSISTANT (assistant), references_ticket);
  lt_ui_present_dialog (GTK_WINDOW (assistant), GTK_WIDGET (self));
}

void
lt_window_show_ticket (LtWindow   *self,
                       const char *id)
{
  g_return_if_fail (LT_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  lt_window_show_page (self, "tickets");
  lt_tickets_page_show_ticket (LT_TICKETS_PAGE (ensure_page (self, "tickets")), id);
}

void
lt_window_activate_ticket_action (LtWindow   *self,
                                  const char *id,
                                  const char *action)
{
  g_return_if_fail (LT_IS_WINDOW (self));
  g_return_if_fail (id != NULL && action != NULL);

  lt_window_show_page (self, "tickets");
  lt_tickets_page_activate_ticket_action (LT_TICKETS_PAGE (ensure_page (self, "tickets")),
                                          id, action);
}

void
lt_window_show_change_notice (LtWindow   *self,
                              const char *key)
{
  g_return_if_fail (LT_IS_WINDOW (self));
  g_return_if_fail (key != NULL);

  lt_window_show_page (self, "changes");
  lt_changes_page_show_notice (LT_CHANGES_PAGE (ensure_page (self, "changes")), key);
}

/* An Overview button: the Tickets page showing exactly the work list it
 * names (lt_tickets_page_show_work_list()). */
static void
show_tickets_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LtWindow *self = LT_WINDOW (widget);

  lt_window_show_page (self, "tickets");
  lt_tickets_page_show_work_list (LT_TICKETS_PAGE (ensure_page (self, "tickets")),
                                  g_variant_get_string (parameter, NULL));
}

static void
show_ticket_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  lt_window_show_ticket (LT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* ---- Sync ----------------------------------------------------------- */

static void update_connection_banner (LtWindow *self);

static void
update_sync_state (LtWindow *self)
{
  gboolean running = self->sync != NULL && lt_sync_controller_get_running (self->sync);
  LtSyncOutcome outcome = self->sync != NULL ? lt_sync_controller_get_outcome (self->sync) : LT_SYNC_OUTCOME_NONE;
  const char *status = self->sync != NULL ? lt_sync_controller_get_status (self->sync) : NULL;
  g_autoptr(GDateTime) last = self->sync != NULL ? lt_sync_controller_dup_last_success (self->sync) : NULL;
  g_autofree char *tooltip = NULL;
  const char *icon = "view-refresh-symbolic";

  gtk_stack_set_visible_child_name (self->sync_icon_stack, running ? "running" : "idle");
  gtk_spinner_set_spinning (self->sync_spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_progress), running);
  gtk_progress_bar_set_fraction (self->sync_progress,
                                 self->sync != NULL ? lt_sync_controller_get_fraction (self->sync) : 0.0);

  /* While running the header says what happens; afterwards only a
   * problem is worth the room. */
  gtk_widget_set_visible (GTK_WIDGET (self->sync_status_label), status != NULL && running);
  gtk_label_set_text (self->sync_status_label, status != NULL && running ? status : "");
  /* A problem is the connection banner's: the header has no room to say
   * it (at 1120 px the label was cut to "…"). */
  update_connection_banner (self);

  switch (outcome)
    {
    case LT_SYNC_OUTCOME_OFFLINE:
      icon = "network-offline-symbolic";
      break;
    case LT_SYNC_OUTCOME_SIGN_IN:
      icon = "dialog-password-symbolic";
      break;
    case LT_SYNC_OUTCOME_ERROR:
      icon = "dialog-warning-symbolic";
      break;
    case LT_SYNC_OUTCOME_OK:
    case LT_SYNC_OUTCOME_NONE:
    default:
      break;
    }
  gtk_image_set_from_icon_name (self->sync_icon, icon);

  if (last != NULL)
    {
      g_autofree char *when = lt_ui_format_instant (last);

      /* TRANSLATORS: the sync button's tooltip, "Sync With the Portal — last synced Mon 30 Nov 2026, 10:03" */
      tooltip = g_strdup_printf (_("Sync With the Portal — last synced %s"), when);
    }
  else
    tooltip = g_strdup (_("Sync With the Portal — not synced yet"));
  if (outcome != LT_SYNC_OUTCOME_OK && outcome != LT_SYNC_OUTCOME_NONE && status != NULL)
    {
      g_autofree char *with_status = g_strdup_printf ("%s\n%s", tooltip, status);

      g_free (tooltip);
      tooltip = g_steal_pointer (&with_status);
    }
  gtk_widget_set_tooltip_text (self->sync_button, tooltip);
}

/* ---- First run: Connect to LockThreat --------------------------------- */

static void
connect_done_cb (LtWindow *self,
                 gboolean  connected)
{
  lt_window_set_connect_page_shown (self, FALSE);
}

void
lt_window_set_connect_page_shown (LtWindow *self,
                                  gboolean  shown)
{
  g_return_if_fail (LT_IS_WINDOW (self));

  if (shown == (self->connect_page != NULL))
    return;

  /* In the pages' place; the view stack is kept aside, as it was, and
   * comes back when the page is done. */
  if (shown)
    {
      self->connect_page = lt_connect_page_new (self->context);
      g_signal_connect_object (self->connect_page, "done", G_CALLBACK (connect_done_cb),
                               self, G_CONNECT_SWAPPED);
      g_object_ref (self->stack);
      gtk_overlay_set_child (self->content_overlay, self->connect_page);
      gtk_widget_grab_focus (self->connect_page);
    }
  else
    {
      gtk_overlay_set_child (self->content_overlay, GTK_WIDGET (self->stack));
      g_object_unref (self->stack);
      self->connect_page = NULL;
    }
  /* Not by disabling the squeezer's switchers: libadwaita 1.2 then
   * allocates an empty box of the title with a negative height. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_squeezer), !shown);
}

GtkWidget *
lt_window_get_connect_page (LtWindow *self)
{
  g_return_val_if_fail (LT_IS_WINDOW (self), NULL);

  return self->connect_page;
}

static void
offer_lookup_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LtWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SecretValue *token;

  token = lt_credentials_lookup_finish (LT_CREDENTIALS (source), result, NULL, &error);
  if (token != NULL)
    {
      secret_value_unref (token);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No token, or a keyring that cannot give one: the page says what
   * works. */
  lt_window_set_connect_page_shown (self, TRUE);
}

void
lt_window_offer_connect (LtWindow *self)
{
  g_autoptr(LtCredentials) credentials = NULL;
  g_autofree char *url = NULL;
  LtPortalSource source;

  g_return_if_fail (LT_IS_WINDOW (self));

  if (lt_context_get_store (self->context) == NULL)
    return;

  url = lt_context_dup_portal_url (self->context, &source, NULL);
  /* No address of the admin's: the built-in default is a guess. */
  if (url == NULL || source == LT_PORTAL_SOURCE_DEFAULT)
    {
      lt_window_set_connect_page_shown (self, TRUE);
      return;
    }

  credentials = lt_portal_choice_new_credentials (url, source, NULL);
  if (credentials == NULL)
    return;
  /* The keyring's answer comes after the first frame in any case; asking
   * before it would put libsecret's session key (a Diffie-Hellman
   * exchange, some 11 million instructions) on the main thread while the
   * window is being built (docs/app.md, "Start-up"). */
  if (!self->painted)
    {
      g_set_object (&self->offer_credentials, credentials);
      return;
    }
  lt_credentials_lookup_async (credentials, self->cancellable, offer_lookup_cb, g_object_ref (self));
}

/* ---- Connection banner ------------------------------------------------ */

enum {
  RESPONSE_TRY_NOW = 1,
  RESPONSE_PREFERENCES,
};

/* "next try in 20 s", or NULL when no run is planned. */
static char *
format_next_attempt (LtSyncController *sync)
{
  gint64 next = lt_sync_controller_get_next_attempt (sync);
  gint64 seconds;

  if (next == 0)
    return NULL;

  seconds = MAX ((next - g_get_monotonic_time () + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC, 0);
  if (seconds < 60)
    /* TRANSLATORS: the connection banner: when the app tries the portal again */
    return g_strdup_printf (_("Next try in %u s."), (guint) seconds);
  /* TRANSLATORS: the connection banner: when the app tries the portal again */
  return g_strdup_printf (_("Next try in %u min."), (guint) ((seconds + 59) / 60));
}

static void build_connection_banner (LtWindow *self);

static gboolean
countdown_cb (gpointer user_data)
{
  LtWindow *self = user_data;

  self->countdown_id = 0;
  update_connection_banner (self);
  return G_SOURCE_REMOVE;
}

/* While the portal cannot be reached or will not take the token: what
 * happened, when the last good sync was, when the next try is (counting
 * down each second), and the button that helps. */
static void
update_connection_banner (LtWindow *self)
{
  LtSyncOutcome outcome = self->sync != NULL ? lt_sync_controller_get_outcome (self->sync) : LT_SYNC_OUTCOME_NONE;
  gboolean running = self->sync != NULL && lt_sync_controller_get_running (self->sync);
  gboolean shown = outcome == LT_SYNC_OUTCOME_OFFLINE || outcome == LT_SYNC_OUTCOME_SIGN_IN;
  g_autoptr(GDateTime) last = NULL;
  g_autoptr(GString) detail = NULL;
  g_autofree char *next = NULL;
  const GError *error;

  /* Made the first time it is needed: most windows never need it. */
  if (self->connection_banner == NULL)
    {
      if (!shown)
        return;
      build_connection_banner (self);
    }

  gtk_widget_set_visible (self->connection_banner, shown);
  /* The title is what tests and screen readers find: hidden with it. */
  gtk_widget_set_visible (GTK_WIDGET (self->connection_title), shown);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  if (!shown)
    return;

  last = lt_sync_controller_dup_last_success (self->sync);
  gtk_label_set_text (self->connection_title, lt_sync_outcome_describe (outcome, last != NULL));
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->connection_banner),
                                 outcome == LT_SYNC_OUTCOME_SIGN_IN ? GTK_MESSAGE_WARNING : GTK_MESSAGE_INFO);

  detail = g_string_new (NULL);
  if (last != NULL)
    {
      g_autofree char *when = lt_ui_format_instant (last);

      /* TRANSLATORS: the connection banner, "Last synced Mon 30 Nov 2026, 10:03." */
      g_string_append_printf (detail, _("Last synced %s."), when);
    }
  else
    g_string_append (detail, _("Not synced yet."));

  if (outcome == LT_SYNC_OUTCOME_SIGN_IN)
    {
      g_string_append_c (detail, ' ');
      g_string_append (detail, _("Give the portal a valid access token in Preferences; what you submit meanwhile is queued."));
    }
  else if (running)
    {
      g_string_append_c (detail, ' ');
      g_string_append (detail, _("Trying now…"));
    }
  else if ((next = format_next_attempt (self->sync)) != NULL)
    {
      g_string_append_c (detail, ' ');
      g_string_append (detail, next);
    }
  gtk_label_set_text (self->connection_detail, detail->str);

  error = lt_sync_controller_get_last_error (self->sync);
  g_object_set_data_full (G_OBJECT (self->connection_banner), "lt-text",
                          g_strdup (lt_sync_outcome_describe (outcome, last != NULL)), g_free);
  g_object_set_data_full (G_OBJECT (self->connection_banner), "lt-details",
                          error != NULL ? g_strdup (error->message) : NULL, g_free);
  gtk_widget_set_visible (self->details_button, error != NULL);
  gtk_widget_set_visible (self->try_now_button, outcome == LT_SYNC_OUTCOME_OFFLINE);
  gtk_widget_set_visible (self->preferences_button, outcome == LT_SYNC_OUTCOME_SIGN_IN);

  if (next != NULL)
    self->countdown_id = g_timeout_add_seconds (1, countdown_cb, self);
}

static void
connection_response_cb (GtkInfoBar *bar,
                        int         response,
                        LtWindow   *self)
{
  switch (response)
    {
    case RESPONSE_TRY_NOW:
      gtk_widget_activate_action (GTK_WIDGET (self), "app.sync", NULL);
      break;
    case RESPONSE_PREFERENCES:
      gtk_widget_activate_action (GTK_WIDGET (self), "app.preferences", NULL);
      break;
    case GTK_RESPONSE_HELP:
      lt_ui_show_error_details (GTK_WIDGET (self),
                                g_object_get_data (G_OBJECT (bar), "lt-text"),
                                g_object_get_data (G_OBJECT (bar), "lt-details"));
      break;
    default:
      break;
    }
}

static void
build_connection_banner (LtWindow *self)
{
  GtkWidget *bar = gtk_info_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  g_object_set (title, "accessible-role", GTK_ACCESSIBLE_ROLE_STATUS, NULL);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_info_bar_add_child (GTK_INFO_BAR (bar), box);

  self->try_now_button = gtk_info_bar_add_button (GTK_INFO_BAR (bar), _("_Try Now"), RESPONSE_TRY_NOW);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->try_now_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Try to reach the portal now"), -1);
  self->preferences_button = gtk_info_bar_add_button (GTK_INFO_BAR (bar), _("_Preferences"), RESPONSE_PREFERENCES);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->preferences_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open Preferences to give a token"), -1);
  self->details_button = gtk_info_bar_add_button (GTK_INFO_BAR (bar), _("_Details"), GTK_RESPONSE_HELP);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->details_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Details of the connection error"), -1);

  gtk_widget_set_visible (bar, FALSE);
  gtk_widget_set_name (bar, "connection-banner");
  g_signal_connect_object (bar, "response", G_CALLBACK (connection_response_cb), self, 0);
  gtk_box_append (GTK_BOX (self->banner_box), bar);

  self->connection_banner = bar;
  self->connection_title = GTK_LABEL (title);
  self->connection_detail = GTK_LABEL (detail);
}

GtkWidget *
lt_window_get_connection_banner (LtWindow *self)
{
  g_return_val_if_fail (LT_IS_WINDOW (self), NULL);

  return self->connection_banner;
}

static void
update_config_banner (LtWindow *self)
{
  const GError *error = self->sync != NULL ? lt_sync_controller_get_setup_error (self->sync) : NULL;

  if (self->config_banner != NULL)
    {
      gtk_box_remove (GTK_BOX (self->banner_box), self->config_banner);
      self->config_banner = NULL;
    }

  if (error != NULL)
    self->config_banner = add_banner (self, GTK_MESSAGE_WARNING,
                                      _("The app cannot talk to the portal with the address in Preferences. Everything saved here stays readable, and what you submit is queued."),
                                      error->message);
}

static void
ticket_filed_cb (LtWindow   *self,
                 const char *local_id,
                 const char *id,
                 const char *title)
{
  g_autofree char *text = g_strdup_printf (_("Filed as %s"), id);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-ticket");
  adw_toast_set_action_target_value (toast, g_variant_new_string (id));
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
submission_waiting_cb (LtWindow   *self,
                       int         outcome,
                       const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  if (outcome == LT_SYNC_OUTCOME_SIGN_IN)
    {
      adw_toast_set_button_label (toast, _("_Preferences"));
      adw_toast_set_action_name (toast, "app.preferences");
    }
  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
items_refused_cb (LtWindow   *self,
                  guint       n_items,
                  const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  /* The Overview lists refused items with the portal's reasons. */
  adw_toast_set_button_label (toast, _("_Review"));
  adw_toast_set_action_name (toast, "win.page");
  adw_toast_set_action_target_value (toast, g_variant_new_string ("overview"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
bind_sync (LtWindow *self)
{
  LtSyncController *sync = lt_context_get_sync (self->context);

  if (self->sync == sync)
    return;

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_set_object (&self->sync, sync);

  if (sync != NULL)
    {
      g_signal_connect_object (sync, "notify::running", G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::fraction", G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::status", G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::outcome", G_CALLBACK (update_sync_state), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "notify::available", G_CALLBACK (update_config_banner), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "ticket-filed", G_CALLBACK (ticket_filed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "submission-waiting", G_CALLBACK (submission_waiting_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (sync, "items-refused", G_CALLBACK (items_refused_cb), self, G_CONNECT_SWAPPED);
    }

  update_sync_state (self);
  update_config_banner (self);
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lt_window_show_page (LT_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
visible_page_changed_cb (LtWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);

  /* Each page keeps the keyboard focus sensible by itself; the window
   * makes the page when it is first shown (the switcher changes pages
   * without lt_window_show_page()) and remembers which one was shown.
   * The template's first page is shown before there is a context. */
  if (self->context == NULL || name == NULL)
    return;

  ensure_page (self, name);
  g_settings_set_string (lt_context_get_settings (self->context), "last-page", name);
}

static gboolean
lt_window_close_request (GtkWindow *window)
{
  LtWindow *self = LT_WINDOW (window);
  GSettings *settings = lt_context_get_settings (self->context);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (lt_window_parent_class)->close_request (window);
}

static void
update_sync_button (LtWindow *self)
{
  GActionGroup *group = G_ACTION_GROUP (gtk_window_get_application (GTK_WINDOW (self)));

  /* Shown only while a sync engine provides app.sync: without one the
   * button could only ever be insensitive. */
  gtk_widget_set_visible (self->sync_button,
                          group != NULL &&
                          g_action_group_has_action (group, "sync") &&
                          g_action_group_get_action_enabled (group, "sync"));
}

static void
application_changed_cb (LtWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application != NULL && g_object_get_data (G_OBJECT (self), "lt-watching-application") != application)
    {
      g_object_set_data (G_OBJECT (self), "lt-watching-application", application);
      g_signal_connect_object (application, "action-added::sync",
                               G_CALLBACK (update_sync_button), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (application, "action-removed::sync",
                               G_CALLBACK (update_sync_button), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (application, "action-enabled-changed::sync",
                               G_CALLBACK (update_sync_button), self, G_CONNECT_SWAPPED);
    }
  update_sync_button (self);
}

static void
show_store_banners (LtWindow *self)
{
  const GError *error = lt_context_get_store_error (self->context);
  const GError *notice = lt_context_get_recovery_notice (self->context);

  if (error != NULL)
    lt_window_add_banner (self, GTK_MESSAGE_ERROR,
                          _("The local database could not be opened. Everything shown comes from the bundled policy and release catalog; nothing can be saved or queued until it opens."),
                          error->message);

  if (lt_context_get_document_error (self->context) != NULL)
    lt_window_add_banner (self, GTK_MESSAGE_WARNING,
                          _("A document saved from the portal could not be read; the bundled copy is used until the next sync."),
                          lt_context_get_document_error (self->context)->message);

  if (notice != NULL)
    lt_window_add_banner (self, GTK_MESSAGE_WARNING,
                          _("The local database was damaged and has been replaced by a new one, with what could still be read of it. Your previous data was kept."),
                          notice->message);
}

static void
store_checked_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LtWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (lt_store_check_integrity_finish (LT_STORE (source), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_message ("The local database failed its check: %s", error->message);
  lt_window_add_banner (self, GTK_MESSAGE_ERROR,
                        g_error_matches (error, LT_ERROR, LT_ERROR_STORE_CORRUPT)
                        ? _("The local database is damaged. Quit and start LockThreat Support again: the damaged file is kept aside and a new one is made. Until then, what you see may be incomplete.")
                        : _("The local database could not be checked."),
                        error->message);
}

/* The store opened without its page-by-page check (LtContext): it runs
 * once the first frame is on screen, in a worker thread on a reader of its
 * own, and a damaged file is reported here (and set aside at the next
 * start, which the store notes in the profile). */
static void
first_frame_cb (GdkFrameClock *clock,
                LtWindow      *self)
{
  LtStore *store = lt_context_get_store (self->context);

  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  self->painted = TRUE;
  if (store != NULL)
    lt_store_check_integrity_async (store, self->cancellable, store_checked_cb, g_object_ref (self));
  if (self->offer_credentials != NULL)
    {
      g_autoptr(LtCredentials) credentials = g_steal_pointer (&self->offer_credentials);

      lt_credentials_lookup_async (credentials, self->cancellable, offer_lookup_cb, g_object_ref (self));
    }
  g_signal_emit (self, signals[FIRST_FRAME], 0);
}

static void
realized_cb (LtWindow *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));

  g_signal_handlers_disconnect_by_func (self, realized_cb, NULL);
  g_signal_connect_object (gdk_surface_get_frame_clock (surface), "after-paint",
                           G_CALLBACK (first_frame_cb), self, 0);
}

static void
lt_window_constructed (GObject *object)
{
  LtWindow *self = (LtWindow *) object;
  GSettings *settings;
  g_autofree char *last_page = NULL;

  G_OBJECT_CLASS (lt_window_parent_class)->constructed (object);

  g_assert (self->context != NULL);
  settings = lt_context_get_settings (self->context);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  last_page = g_settings_get_string (settings, "last-page");
  if (!g_strv_contains (page_names, last_page))
    {
      g_free (last_page);
      last_page = g_strdup (page_names[0]);
    }
  lt_window_show_page (self, last_page);

  /* "application" is set after construction: follow it. */
  g_signal_connect (self, "notify::application", G_CALLBACK (application_changed_cb), NULL);
  application_changed_cb (self);

  g_signal_connect_object (self->context, "notify::sync", G_CALLBACK (bind_sync), self, G_CONNECT_SWAPPED);
  bind_sync (self);

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  show_store_banners (self);

  self->cancellable = g_cancellable_new ();
  g_signal_connect (self, "realize", G_CALLBACK (realized_cb), NULL);
}

/* The bottom view switcher shows when neither of the header's switchers
 * has room, the header's squeezer showing the title. The squeezer says
 * so from inside its size allocation, where a change of the bar's size
 * is lost: a binding left the bar's height reserved once the window was
 * wide again. */
static gboolean reveal_switcher_bar_cb (gpointer user_data);

/* The narrow switcher has just been shown: whether it fits is known once
 * the squeezer has been allocated again. If it does, the squeezer's
 * visible child changes and says so; if not, it stays on the title and
 * nothing would, so look after the frame either way. */
static void
narrow_switcher_laid_out_cb (GdkFrameClock *clock,
                             LtWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, narrow_switcher_laid_out_cb, self);
  adw_squeezer_set_transition_type (self->title_squeezer, ADW_SQUEEZER_TRANSITION_TYPE_CROSSFADE);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, reveal_switcher_bar_cb, g_object_ref (self), g_object_unref);
}

static gboolean
reveal_switcher_bar_cb (gpointer user_data)
{
  LtWindow *self = user_data;
  GdkFrameClock *clock;
  gboolean reveal;

  if (self->switcher_bar == NULL)
    return G_SOURCE_REMOVE;

  reveal = adw_squeezer_get_visible_child (self->title_squeezer) == self->window_title;

  /* The narrow switcher (an icon and two labels for each page, as the
   * wide one) is built when the wide one first has no room, not before a
   * wide window's first frame. Until it has been tried, the title is not
   * the squeezer's last word. No fade from the title it replaces: the
   * title was there for a frame at most. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (reveal && !gtk_widget_get_visible (GTK_WIDGET (self->narrow_switcher)) && clock != NULL)
    {
      adw_view_switcher_set_stack (self->narrow_switcher, self->stack);
      adw_squeezer_set_transition_type (self->title_squeezer, ADW_SQUEEZER_TRANSITION_TYPE_NONE);
      gtk_widget_set_visible (GTK_WIDGET (self->narrow_switcher), TRUE);
      g_signal_connect_object (clock, "after-paint", G_CALLBACK (narrow_switcher_laid_out_cb), self, 0);
      return G_SOURCE_REMOVE;
    }

  /* The bar's buttons are likewise built when it first shows. */
  if (reveal && adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->stack);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, reveal);
  return G_SOURCE_REMOVE;
}

static void
title_visible_cb (LtWindow *self)
{
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, reveal_switcher_bar_cb, g_object_ref (self), g_object_unref);
}

static void
lt_window_dispose (GObject *object)
{
  LtWindow *self = (LtWindow *) object;

  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);
  g_clear_object (&self->sync);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  /* The view stack is ours while the connect page has its place. */
  if (self->connect_page != NULL)
    lt_window_set_connect_page_shown (self, FALSE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->offer_credentials);
  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lt_window_parent_class)->dispose (object);
}

static void
lt_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LtWindow *self = LT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LtWindow *self = LT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_window_class_init (LtWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = lt_window_constructed;
  object_class->dispose = lt_window_dispose;
  object_class->get_property = lt_window_get_property;
  object_class->set_property = lt_window_set_property;

  window_class->close_request = lt_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LtWindow::first-frame:
   *
   * The window's first frame is on screen: what start-up put off until
   * then (the store's check, the notifier's first look) may run.
   */
  signals[FIRST_FRAME] =
    g_signal_new ("first-frame", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LT_TYPE_OVERVIEW_PAGE);
  g_type_ensure (LT_TYPE_TICKETS_PAGE);
  g_type_ensure (LT_TYPE_CHANGES_PAGE);
  g_type_ensure (LT_TYPE_MAINTENANCE_PAGE);
  g_type_ensure (LT_TYPE_VERSIONS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LtWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, banner_box);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, title_squeezer);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, narrow_switcher);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, content_overlay);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, sync_icon_stack);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, sync_icon);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, sync_status_label);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, sync_progress);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, overview_slot);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, tickets_slot);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, changes_slot);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, maintenance_slot);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, versions_slot);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_visible_cb);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, new_menu);
  gtk_widget_class_bind_template_child (widget_class, LtWindow, primary_menu);

  /* Alt+1…5 switch pages, like the tabs of a browser: keyboard-only use
   * must not need the switcher. The accelerators are set by the
   * application. */
  gtk_widget_class_install_action (widget_class, "win.page", "s", page_action);
  gtk_widget_class_install_action (widget_class, "win.show-ticket", "s", show_ticket_action);
  gtk_widget_class_install_action (widget_class, "win.show-tickets", "s", show_tickets_action);
}

/* The header's two menus are built when first opened (a click, or F10
 * for the primary one), not with the window: a popover menu made from its
 * model is a tree of widgets that GTK styles before the first frame
 * (docs/app.md, "Start-up"). The models stay the template's. */
static void
create_menu_popover_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  GMenuModel *model = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, model);
}

static void
lt_window_init (LtWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->new_button, create_menu_popover_cb,
                                         self->new_menu, NULL);
  gtk_menu_button_set_create_popup_func (self->menu_button, create_menu_popover_cb,
                                         self->primary_menu, NULL);
}

LtWindow *
lt_window_new (GtkApplication *application,
               LtContext      *context)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);

  return g_object_new (LT_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

LtContext *
lt_window_get_context (LtWindow *self)
{
  g_return_val_if_fail (LT_IS_WINDOW (self), NULL);

  return self->context;
}
