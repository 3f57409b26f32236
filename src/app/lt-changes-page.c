/* lt-changes-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-changes-page"

#include "config.h"

#include "lt-changes-page.h"

#include "lt-actions.h"
#include "lt-change-notice-dialog.h"
#include "lt-change-notice-page.h"
#include "lt-error.h"
#include "lt-icalendar.h"
#include "lt-store-change-notices.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtChangesPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwLeaflet          *leaflet;
  AdwPreferencesGroup *notices_group;
  GtkListBox          *notices_list;

  /* Owned */
  LtContext           *context;

  /* Borrowed (a child of the leaflet) */
  LtChangeNoticePage  *notice_page;
};

G_DEFINE_FINAL_TYPE (LtChangesPage, lt_changes_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A notice filed here is known by its local id (also its outbox key);
 * one filed on the portal's web site by its id. */
static const char *
notice_key (LtChangeNotice *notice)
{
  return lt_change_notice_get_local_id (notice) != NULL
         ? lt_change_notice_get_local_id (notice) : lt_change_notice_get_id (notice);
}

static LtChangeNotice *
lookup_notice (LtChangesPage *self,
               const char    *key,
               GError       **error)
{
  LtStore *store = lt_context_get_store (self->context);
  LtChangeNotice *notice;
  g_autoptr(GError) local_error = NULL;

  notice = lt_store_lookup_change_notice_by_local_id (store, key, &local_error);
  if (notice != NULL || !g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
    {
      if (notice == NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return notice;
    }

  return lt_store_lookup_change_notice (store, key, error);
}

/* The notice a row's button names (its key), or NULL after saying why. */
static LtChangeNotice *
lookup_notice_for_action (LtChangesPage *self,
                          GVariant      *parameter)
{
  g_autoptr(GError) error = NULL;
  LtChangeNotice *notice = lookup_notice (self, g_variant_get_string (parameter, NULL), &error);

  if (notice == NULL)
    lt_ui_show_error (GTK_WIDGET (self), _("The change notice could not be read"), error);

  return notice;
}

/* Whether the notice was late when it was given: the portal's flag once
 * the portal has it, else core's check from the day it was saved here. */
static gboolean
notice_is_late (LtChangesPage  *self,
                LtChangeNotice *notice)
{
  g_autoptr(GDateTime) noticed_at = NULL;

  if (lt_change_notice_get_id (notice) != NULL)
    return lt_change_notice_get_late (notice);

  noticed_at = lt_store_dup_change_notice_noticed_at (lt_context_get_store (self->context),
                                                      notice, NULL);
  if (noticed_at == NULL)
    return FALSE;

  return lt_change_notice_is_late_at (notice, lt_context_get_policy (self->context), noticed_at);
}

static const char *
state_badge_class (LtChangeNotice *notice)
{
  switch (lt_change_notice_get_state (notice))
    {
    case LT_CHANGE_STATE_QUEUED:
    case LT_CHANGE_STATE_DRAFT:
      return "dim";
    case LT_CHANGE_STATE_SUBMITTED:
    case LT_CHANGE_STATE_UNDER_REVIEW:
      return "accent";
    case LT_CHANGE_STATE_REVIEWED:
      return lt_change_notice_get_review_outcome (notice) == LT_REVIEW_OUTCOME_CONCERNS
             ? "warning" : "success";
    case LT_CHANGE_STATE_WITHDRAWN:
    default:
      return "dim";
    }
}

static void
update_notice_row (AdwActionRow   *row,
                   LtChangeNotice *notice)
{
  LtChangesPage *self = g_object_get_data (G_OBJECT (row), "lt-page");
  GtkWidget *state_badge = g_object_get_data (G_OBJECT (row), "lt-state");
  GtkWidget *late_badge = g_object_get_data (G_OBJECT (row), "lt-late");
  GtkWidget *withdraw_button = g_object_get_data (G_OBJECT (row), "lt-withdraw");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (lt_change_notice_get_title (notice) ?: _("Untitled change"), -1);
  g_autofree char *escaped = NULL;
  g_autofree char *state = lt_change_notice_page_dup_state_text (notice);
  GDateTime *start = lt_change_notice_get_planned_start (notice);
  GDateTime *end = lt_change_notice_get_planned_end (notice);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  g_string_append (subtitle, lt_change_kind_get_label (lt_change_notice_get_kind (notice)));
  if (start != NULL)
    {
      g_autofree char *starts = lt_ui_format_instant (start);

      g_string_append_printf (subtitle, " · %s", starts);
      if (end != NULL)
        {
          g_autofree char *duration = lt_ui_format_duration (g_date_time_difference (end, start));

          g_string_append_printf (subtitle, " (%s)", duration);
        }
    }
  g_string_append_printf (subtitle, " · %s %s", _("Risk:"),
                          lt_risk_get_label (lt_change_notice_get_risk (notice)));
  if (lt_change_notice_get_id (notice) != NULL)
    g_string_append_printf (subtitle, " · %s", lt_change_notice_get_id (notice));

  escaped = g_markup_escape_text (subtitle->str, -1);
  adw_action_row_set_subtitle (row, escaped);

  gtk_label_set_text (GTK_LABEL (state_badge), state);
  lt_ui_set_style_class (state_badge, lt_ui_badge_classes, state_badge_class (notice));
  gtk_widget_set_visible (late_badge, notice_is_late (self, notice));
  gtk_widget_set_visible (withdraw_button, lt_change_notice_page_can_withdraw (notice));
  /* A draft is the admin's own until sent: edit (and send) or delete it. */
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "lt-edit"),
                          lt_change_notice_get_state (notice) == LT_CHANGE_STATE_DRAFT);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "lt-delete"),
                          lt_change_notice_get_state (notice) == LT_CHANGE_STATE_DRAFT);
}

static void
notice_notify_cb (LtChangeNotice *notice,
                  GParamSpec     *pspec,
                  AdwActionRow   *row)
{
  update_notice_row (row, notice);
}

static GtkWidget *
add_row_button (AdwActionRow *row,
                const char   *icon_name,
                const char   *tooltip,
                const char   *action_name,
                const char   *key)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", key);
  adw_action_row_add_suffix (row, button);

  return button;
}

static GtkWidget *
create_notice_row (gpointer item,
                   gpointer user_data)
{
  LtChangesPage *self = user_data;
  LtChangeNotice *notice = item;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *state_badge = gtk_label_new (NULL);
  GtkWidget *late_badge = gtk_label_new (_("Late"));
  GtkWidget *withdraw;
  GtkWidget *edit;
  GtkWidget *delete;
  g_autofree char *export_label = NULL;
  g_autofree char *withdraw_label = NULL;
  g_autofree char *edit_label = NULL;
  g_autofree char *delete_label = NULL;
  const char *title = lt_change_notice_get_title (notice) ?: "";

  adw_action_row_set_subtitle_lines (row, 2);
  /* Activating the row opens the notice's page. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "lt-key", g_strdup (notice_key (notice)), g_free);

  gtk_widget_set_valign (late_badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (late_badge, "badge");
  gtk_widget_add_css_class (late_badge, "warning");
  gtk_widget_set_tooltip_text (late_badge,
                               _("Given with less notice than the policy asks for a risk review (§6)"));
  adw_action_row_add_suffix (row, late_badge);

  gtk_widget_set_valign (state_badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (state_badge, "badge");
  adw_action_row_add_suffix (row, state_badge);

  export_label = g_strdup_printf (_("Export %s to a calendar file"), title);
  withdraw_label = g_strdup_printf (_("Withdraw %s"), title);
  add_row_button (row, "x-office-calendar-symbolic", export_label, "changes.export",
                  notice_key (notice));
  withdraw = add_row_button (row, "edit-delete-symbolic", withdraw_label, "changes.withdraw",
                             notice_key (notice));
  edit_label = g_strdup_printf (_("Edit or send the draft %s"), title);
  delete_label = g_strdup_printf (_("Delete the draft %s"), title);
  edit = add_row_button (row, "document-edit-symbolic", edit_label, "changes.edit-draft",
                         notice_key (notice));
  delete = add_row_button (row, "user-trash-symbolic", delete_label, "changes.delete-draft",
                           notice_key (notice));
  g_object_set_data (G_OBJECT (row), "lt-edit", edit);
  /* The row opens the notice's page: a chevron says so, as in GNOME's
   * drill-down lists. */
  {
    GtkWidget *chevron = gtk_image_new_from_icon_name ("go-next-symbolic");

    gtk_accessible_update_property (GTK_ACCESSIBLE (chevron), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Opens the notice’s page"), -1);
    adw_action_row_add_suffix (row, chevron);
  }
  g_object_set_data (G_OBJECT (row), "lt-delete", delete);

  g_object_set_data (G_OBJECT (row), "lt-page", self);
  g_object_set_data (G_OBJECT (row), "lt-state", state_badge);
  g_object_set_data (G_OBJECT (row), "lt-late", late_badge);
  g_object_set_data (G_OBJECT (row), "lt-withdraw", withdraw);
  update_notice_row (row, notice);

  g_signal_connect_object (notice, "notify", G_CALLBACK (notice_notify_cb), row, 0);

  return GTK_WIDGET (row);
}

static GtkWidget *
create_empty_state (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 24);
  gtk_widget_set_margin_bottom (label, 24);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

/* ---- Export --------------------------------------------------------- */

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    LtChangesPage   *self)
{
  /* The reference gtk_file_chooser_native_new() returned, dropped at the
   * end of the scope whichever way it is left. */
  G_GNUC_UNUSED g_autoptr(GtkNativeDialog) owned = chooser;
  g_autoptr(LtChangeNotice) notice = g_object_steal_data (G_OBJECT (chooser), "lt-notice");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *ics = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);

  if (file == NULL)
    return;

  now = lt_clock_dup_now (lt_context_get_clock (self->context));
  ics = lt_icalendar_export_change_notice (notice, now);

  if (!g_file_replace_contents (file, ics, strlen (ics), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      lt_ui_show_error (GTK_WIDGET (self), _("The calendar file could not be written"), error);
      return;
    }

  lt_ui_show_toast (GTK_WIDGET (self), _("Calendar file saved"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LtChangesPage *self = LT_CHANGES_PAGE (widget);
  g_autoptr(LtChangeNotice) notice = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  notice = lookup_notice_for_action (self, parameter);
  if (notice == NULL)
    return;

  if (lt_change_notice_get_planned_start (notice) == NULL)
    {
      lt_ui_show_toast (widget, _("This notice has no planned start to put in a calendar"));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Change Notice"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = g_strdup_printf ("%s.ics", lt_change_notice_get_title (notice) ?: _("Change notice"));
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* Stolen back by the response handler, which owns it from then on. */
  g_object_set_data (G_OBJECT (chooser), "lt-notice", g_steal_pointer (&notice));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Withdraw ------------------------------------------------------- */

static gboolean
withdraw_notice (LtChangesPage   *self,
                 LtChangeNotice  *notice,
                 gboolean        *queued,
                 GError         **error)
{
  LtStore *store = lt_context_get_store (self->context);
  LtOutbox *outbox = lt_context_get_outbox (self->context);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  g_autoptr(LtStoreTransaction) tx = NULL;

  tx = lt_store_begin (store, error);
  if (tx == NULL)
    return FALSE;

  if (lt_change_notice_get_id (notice) == NULL)
    {
      /* Never reached the portal: taking back its outbox item and the row
       * is the whole withdrawal. The outbox refuses if a sender has just
       * claimed the item; then it is withdrawn on the portal once sent. */
      *queued = FALSE;
      if (!lt_outbox_discard (outbox, lt_change_notice_get_local_id (notice), error) ||
          !lt_store_delete_change_notice (store, notice, error))
        return FALSE;
    }
  else
    {
      g_autofree char *key = NULL;

      /* Shown as withdrawn at once; the portal confirms at the next sync,
       * and a refusal appears in the outbox. */
      *queued = TRUE;
      key = lt_actions_withdraw_change_notice (outbox, notice, NULL, now, error);
      if (key == NULL)
        return FALSE;
    }

  return lt_store_transaction_commit (tx, error);
}

static void
withdraw_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LtChangesPage    *self)
{
  LtChangeNotice *notice = g_object_get_data (G_OBJECT (dialog), "lt-notice");
  g_autoptr(GError) error = NULL;
  gboolean queued = FALSE;

  if (g_strcmp0 (response, "withdraw") != 0)
    return;

  if (!withdraw_notice (self, notice, &queued, &error))
    {
      lt_ui_show_error (GTK_WIDGET (self), _("The change notice could not be withdrawn"), error);
      return;
    }

  lt_ui_show_toast (GTK_WIDGET (self),
                    queued ? _("Withdrawal queued: it is sent as soon as the portal can be reached")
                           : _("Change notice withdrawn before it was sent"));
}

static void
withdraw_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LtChangesPage *self = LT_CHANGES_PAGE (widget);
  g_autoptr(LtChangeNotice) notice = NULL;
  GtkWidget *dialog;

  notice = lookup_notice_for_action (self, parameter);
  if (notice == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Withdraw Change Notice?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("LockThreat is told that “%s” will not happen as announced."),
                                  lt_change_notice_get_title (notice) ?: "");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep"),
                                    "withdraw", _("_Withdraw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "withdraw",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lt-notice", g_steal_pointer (&notice), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (withdraw_response_cb), self, 0);
  lt_ui_present_dialog (GTK_WINDOW (dialog), widget);
}

/* ---- The notice's page ---------------------------------------------- */

/* The notice of the list with @key (its local id or its portal id). */
static LtChangeNotice *
find_listed_notice (LtChangesPage *self,
                    const char    *key,
                    guint         *position)
{
  LtChangeNoticeList *notices = self->context != NULL ? lt_context_get_change_notices (self->context) : NULL;
  guint n = notices != NULL ? g_list_model_get_n_items (G_LIST_MODEL (notices)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtChangeNotice) notice = g_list_model_get_item (G_LIST_MODEL (notices), i);

      if (g_strcmp0 (notice_key (notice), key) == 0 ||
          g_strcmp0 (lt_change_notice_get_id (notice), key) == 0 ||
          g_strcmp0 (lt_change_notice_get_local_id (notice), key) == 0)
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&notice);
        }
    }
  return NULL;
}

static void
row_activated_cb (LtChangesPage *self,
                  GtkListBoxRow *row)
{
  const char *key = g_object_get_data (G_OBJECT (row), "lt-key");

  if (key != NULL)
    lt_changes_page_open_notice (self, key);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtChangesPage *self = LT_CHANGES_PAGE (widget);
  const char *key = g_variant_get_string (parameter, NULL);

  if (!lt_changes_page_open_notice (self, key))
    lt_ui_show_toast (widget, _("That change notice is not in the local database yet: sync to fetch it"));
}

/* Moves the focus to the row of the notice with @key, on the list. */
static void
focus_row (LtChangesPage *self,
           const char    *key)
{
  g_autoptr(LtChangeNotice) notice = NULL;
  GtkListBoxRow *row;
  guint position = 0;

  notice = find_listed_notice (self, key, &position);
  if (notice == NULL)
    return;
  row = gtk_list_box_get_row_at_index (self->notices_list, (int) position);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Back to the list, the focus on the notice's row (where the admin was). */
static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtChangesPage *self = LT_CHANGES_PAGE (widget);
  LtChangeNotice *shown = lt_change_notice_page_get_notice (self->notice_page);
  g_autofree char *key = shown != NULL ? g_strdup (notice_key (shown)) : NULL;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  if (key != NULL)
    focus_row (self, key);
}

/* The list shown again (back button, swipe, Escape): the page lets its
 * notice go. */
static void
leaflet_child_cb (LtChangesPage *self)
{
  gboolean on_page = adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->notice_page);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.back", on_page);
}

static void
reschedule_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LtChangesPage *self = LT_CHANGES_PAGE (widget);
  g_autoptr(LtChangeNotice) notice = NULL;
  GtkWidget *dialog;

  notice = lookup_notice_for_action (self, parameter);
  if (notice == NULL)
    return;

  dialog = lt_change_notice_dialog_new_for_reschedule (self->context, notice);
  lt_ui_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
edit_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LtChangesPage *self = LT_CHANGES_PAGE (widget);
  g_autoptr(LtChangeNotice) notice = NULL;
  GtkWidget *dialog;

  notice = lookup_notice_for_action (self, parameter);
  if (notice == NULL)
    return;

  dialog = lt_change_notice_dialog_new_for_draft (self->context, notice);
  lt_ui_present_dialog (GTK_WINDOW (dialog), widget);
}

static void
delete_draft_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LtChangesPage *self = LT_CHANGES_PAGE (widget);
  g_autoptr(GError) error = NULL;

  /* A draft was never sent: nothing to tell LockThreat, nothing lost but
   * the admin's own words, which a toast could not bring back anyway. */
  if (!lt_store_delete_change_notice_draft (lt_context_get_store (self->context),
                                            g_variant_get_string (parameter, NULL), &error))
    {
      lt_ui_show_error (widget, _("The draft could not be deleted"), error);
      return;
    }
  lt_ui_show_toast (widget, _("Draft deleted"));
}

/* ---- Page ----------------------------------------------------------- */

/**
 * lt_changes_page_open_notice:
 * @self: the page
 * @key: the notice's local id or portal id
 *
 * Slides to the page of the notice with @key.
 *
 * Returns: %FALSE when no listed notice has @key
 */
gboolean
lt_changes_page_open_notice (LtChangesPage *self,
                             const char    *key)
{
  g_autoptr(LtChangeNotice) notice = NULL;

  g_return_val_if_fail (LT_IS_CHANGES_PAGE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  notice = find_listed_notice (self, key, NULL);
  if (notice == NULL || self->notice_page == NULL)
    return FALSE;

  lt_change_notice_page_set_notice (self->notice_page, notice);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->notice_page));
  gtk_widget_grab_focus (GTK_WIDGET (self->notice_page));
  return TRUE;
}

/**
 * lt_changes_page_get_notice_page:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the notice's page while it is
 *   shown, else %NULL
 */
LtChangeNoticePage *
lt_changes_page_get_notice_page (LtChangesPage *self)
{
  g_return_val_if_fail (LT_IS_CHANGES_PAGE (self), NULL);

  if (self->notice_page == NULL ||
      adw_leaflet_get_visible_child (self->leaflet) != GTK_WIDGET (self->notice_page))
    return NULL;
  return self->notice_page;
}

GtkWidget *
lt_changes_page_new_notice (LtChangesPage *self)
{
  GtkWidget *dialog;

  g_return_val_if_fail (LT_IS_CHANGES_PAGE (self), NULL);
  g_return_val_if_fail (self->context != NULL, NULL);

  dialog = lt_change_notice_dialog_new (self->context);
  lt_ui_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));

  return dialog;
}

void
lt_changes_page_show_notice (LtChangesPage *self,
                             const char    *key)
{
  g_return_if_fail (LT_IS_CHANGES_PAGE (self));
  g_return_if_fail (key != NULL);

  /* A notification about a notice (its review, its deadline) opens its
   * page: the review's words are what the admin came for. One not listed
   * (yet) leaves the list shown. */
  if (!lt_changes_page_open_notice (self, key))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
update_description (LtChangesPage *self)
{
  guint lead = lt_policy_get_change_lead_business_days (lt_context_get_policy (self->context));
  g_autofree char *description = NULL;

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Tell LockThreat about planned changes at least %u business day ahead, for a risk review (§6). Changes to the environment, database schema or third-party systems are otherwise not covered.",
                                              "Tell LockThreat about planned changes at least %u business days ahead, for a risk review (§6). Changes to the environment, database schema or third-party systems are otherwise not covered.",
                                              lead),
                                 lead);
  adw_preferences_group_set_description (self->notices_group, description);
}

static void
bind_notices (LtChangesPage *self)
{
  LtChangeNoticeList *notices = lt_context_get_change_notices (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.withdraw", notices != NULL);

  if (notices == NULL)
    {
      gtk_list_box_bind_model (self->notices_list, NULL, NULL, NULL, NULL);
      gtk_list_box_set_placeholder (self->notices_list,
                                    create_empty_state (_("Change notices are kept in the local database, which could not be opened.")));
      return;
    }

  gtk_list_box_set_placeholder (self->notices_list,
                                create_empty_state (_("No change notices yet. Planned changes you announce appear here with their review state.")));
  gtk_list_box_bind_model (self->notices_list, G_LIST_MODEL (notices),
                           create_notice_row, self, NULL);
}

static void
lt_changes_page_dispose (GObject *object)
{
  LtChangesPage *self = (LtChangesPage *) object;

  g_clear_object (&self->context);

  /* The leaflet is AdwBin's child and a template child: AdwBin lets it go
   * first, or the template's disposal unparents it behind AdwBin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->notice_page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_CHANGES_PAGE);

  G_OBJECT_CLASS (lt_changes_page_parent_class)->dispose (object);
}

static void
lt_changes_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LtChangesPage *self = LT_CHANGES_PAGE (object);

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
lt_changes_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LtChangesPage *self = LT_CHANGES_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lt_changes_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_changes_page_class_init (LtChangesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_changes_page_dispose;
  object_class->get_property = lt_changes_page_get_property;
  object_class->set_property = lt_changes_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-changes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LtChangesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LtChangesPage, notices_group);
  gtk_widget_class_bind_template_child (widget_class, LtChangesPage, notices_list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_child_cb);

  gtk_widget_class_install_action (widget_class, "changes.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "changes.withdraw", "s", withdraw_action);
  gtk_widget_class_install_action (widget_class, "changes.reschedule", "s", reschedule_action);
  gtk_widget_class_install_action (widget_class, "changes.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "changes.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "changes.edit-draft", "s", edit_draft_action);
  gtk_widget_class_install_action (widget_class, "changes.delete-draft", "s", delete_draft_action);
}

static void
lt_changes_page_init (LtChangesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.back", FALSE);
}

void
lt_changes_page_set_context (LtChangesPage *self,
                             LtContext     *context)
{
  g_return_if_fail (LT_IS_CHANGES_PAGE (self));
  g_return_if_fail (LT_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);

  /* The notice's page, a subpage the list slides to (a GNOME app's
   * "drill down"; the back button, Escape, Alt+Left and a swipe return). */
  self->notice_page = LT_CHANGE_NOTICE_PAGE (lt_change_notice_page_new (context));
  adw_leaflet_page_set_name (adw_leaflet_append (self->leaflet, GTK_WIDGET (self->notice_page)),
                             "notice");

  g_signal_connect_object (context, "notify::policy",
                           G_CALLBACK (update_description), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::store",
                           G_CALLBACK (bind_notices), self, G_CONNECT_SWAPPED);

  update_description (self);
  bind_notices (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
