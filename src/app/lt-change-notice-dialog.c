/* lt-change-notice-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-change-notice-dialog"

#include "config.h"

#include "lt-change-notice-dialog.h"
#include "lt-change-notice-dialog-private.h"

#include "lt-actions.h"
#include "lt-change-notice.h"
#include "lt-date-time-button.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-portal-json.h"
#include "lt-rules.h"
#include "lt-store-change-notices.h"
#include "lt-shortcuts.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtChangeNoticeDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  LtDateTimeButton *start_button;
  LtDateTimeButton *end_button;
  AdwActionRow     *lead_time_row;
  GtkImage         *lead_time_icon;
  AdwActionRow     *overlap_row;
  AdwComboRow      *kind_row;
  GtkStringList    *kind_model;
  AdwEntryRow      *title_row;
  AdwEntryRow      *systems_row;
  AdwComboRow      *risk_row;
  GtkStringList    *risk_model;
  GtkTextView      *description_view;
  GtkTextView      *rollback_view;
  GtkLabel         *error_label;

  /* Owned */
  LtContext        *context;
  char             *lead_time_text;
  char             *overlap_text;
  char             *draft_id;     /* the local id of the draft edited, or NULL */
  LtChangeNotice   *replaces;     /* the notice rescheduled, or NULL */
};

G_DEFINE_FINAL_TYPE (LtChangeNoticeDialog, lt_change_notice_dialog, ADW_TYPE_WINDOW)

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_strstrip (text);

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static char *
dup_entry (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* "db01, web02 ,  " -> {"db01", "web02"} */
static GStrv
dup_systems (LtChangeNoticeDialog *self)
{
  g_autofree char *text = dup_entry (self->systems_row);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return NULL;

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/* The notice the form describes. */
static LtChangeNotice *
build_notice (LtChangeNoticeDialog *self)
{
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new_queued ();
  g_autofree char *title = dup_entry (self->title_row);
  g_autofree char *description = dup_text_view (self->description_view);
  g_autofree char *rollback = dup_text_view (self->rollback_view);
  g_auto(GStrv) systems = dup_systems (self);

  lt_change_notice_set_kind (notice, (LtChangeKind) adw_combo_row_get_selected (self->kind_row));
  lt_change_notice_set_title (notice, title);
  lt_change_notice_set_description (notice, description);
  lt_change_notice_set_systems (notice, (const char * const *) systems);
  lt_change_notice_set_planned_start (notice, lt_date_time_button_get_date_time (self->start_button));
  lt_change_notice_set_planned_end (notice, lt_date_time_button_get_date_time (self->end_button));
  lt_change_notice_set_rollback_plan (notice, rollback);
  lt_change_notice_set_risk (notice, (LtRisk) adw_combo_row_get_selected (self->risk_row));
  lt_change_notice_set_state (notice, LT_CHANGE_STATE_QUEUED);

  return g_steal_pointer (&notice);
}

static void
set_lead_time (LtChangeNoticeDialog *self,
               const char           *icon_name,
               const char           *style_class,
               const char           *title,
               const char           *subtitle)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);
  static const char * const classes[] = { "success", "warning", "accent", NULL };

  g_free (self->lead_time_text);
  self->lead_time_text = g_strdup (title);

  gtk_image_set_from_icon_name (self->lead_time_icon, icon_name);
  lt_ui_set_style_class (GTK_WIDGET (self->lead_time_icon), classes, style_class);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lead_time_row), escaped_title);
  adw_action_row_set_subtitle (self->lead_time_row, escaped_subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lead_time_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_strcmp0 (style_class, "warning") == 0 ? _("Warning") : _("Information"),
                                  -1);
}

/* Words for core's verdict on the planned start (@have_start) or, without
 * a start, for the earliest compliant start of a notice sent now. */
static void
show_lead_time (LtChangeNoticeDialog      *self,
                const LtChangeNoticeCheck *check,
                gboolean                   have_start)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  guint lead = lt_policy_get_change_lead_business_days (policy);
  g_autofree char *earliest = NULL;
  g_autofree char *earliest_line = NULL;
  g_autofree char *lead_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GDate today;

  lt_clock_get_local_today (lt_context_get_clock (self->context), &today);
  lead_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u business day",
                                            "%u business days", lead),
                               lead);
  earliest = lt_ui_format_date_long (&check->earliest_start, &today);
  earliest_line = g_strdup_printf (_("Earliest compliant start: %s"), earliest);

  if (!have_start)
    {
      subtitle = g_strdup_printf (_("The policy asks for %s of notice before a planned change, so LockThreat can review its risk (§6)."),
                                  lead_text);
      set_lead_time (self, "dialog-information-symbolic", "accent", earliest_line, subtitle);
      return;
    }

  if (!check->late)
    {
      subtitle = g_strdup_printf (_("This start gives LockThreat the %s of notice the policy asks for a risk review (§6)."),
                                  lead_text);
      set_lead_time (self, "emblem-ok-symbolic", "success", earliest_line, subtitle);
      return;
    }

  if (check->business_days_short > 0)
    /* TRANSLATORS: the change notice comes too late for the §6 risk
     * review, by this many business days */
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Late by %u business day — not covered by the risk review",
                                          "Late by %u business days — not covered by the risk review",
                                          check->business_days_short),
                             check->business_days_short);
  else
    title = g_strdup (_("Late — not covered by the risk review"));

  subtitle = g_strdup_printf ("%s\n%s", earliest_line, check->warning);
  set_lead_time (self, "dialog-warning-symbolic", "warning", title, subtitle);
}

/* The notice is given now: its date is today in the vendor's calendar
 * (the model reads both dates in the vendor's zone). */
static void
update_lead_time (LtChangeNoticeDialog *self)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  g_autoptr(LtChangeNotice) notice = build_notice (self);
  LtChangeNoticeCheck check = { { 0, }, };
  gboolean have_start;

  have_start = lt_change_notice_check_lead_time (notice, policy, now, &check);
  if (!have_start)
    {
      GDate notice_date;

      /* No start yet: checking today's date itself yields the earliest
       * compliant start. */
      lt_business_calendar_local_date (lt_policy_get_calendar (policy), now, &notice_date);
      lt_rules_check_change_notice_for_policy (policy, &notice_date, &notice_date, &check);
    }

  show_lead_time (self, &check, have_start);
  lt_change_notice_check_clear (&check);
}

static void
update_overlap (LtChangeNoticeDialog *self)
{
  GListModel *windows = G_LIST_MODEL (lt_context_get_maintenance_windows (self->context));
  g_autoptr(LtChangeNotice) notice = NULL;
  g_autoptr(GPtrArray) overlapping = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *escaped = NULL;

  g_clear_pointer (&self->overlap_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->overlap_row), FALSE);

  if (windows == NULL)
    return;

  notice = build_notice (self);
  if (lt_change_notice_get_planned_start (notice) == NULL ||
      lt_change_notice_get_planned_end (notice) == NULL)
    return;

  overlapping = lt_change_notice_find_overlapping_windows (notice, windows);
  if (overlapping == NULL || overlapping->len == 0)
    return;

  text = g_string_new (NULL);
  for (guint i = 0; i < overlapping->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (overlapping, i);
      g_autofree char *starts = lt_ui_format_instant (lt_maintenance_window_get_starts_at (window));
      g_autofree char *ends = lt_ui_format_instant (lt_maintenance_window_get_ends_at (window));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: kind, title, start – end of a maintenance window */
      g_string_append_printf (text, _("%s: %s, %s – %s"),
                              lt_maintenance_kind_get_label (lt_maintenance_window_get_kind (window)),
                              lt_maintenance_window_get_title (window) ?: "",
                              starts, ends);
    }

  self->overlap_text = g_string_free (g_steal_pointer (&text), FALSE);
  escaped = g_markup_escape_text (self->overlap_text, -1);
  adw_action_row_set_subtitle (self->overlap_row, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->overlap_row), TRUE);
}

static void
set_error (LtChangeNoticeDialog *self,
           const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
schedule_changed_cb (LtChangeNoticeDialog *self)
{
  GDateTime *start = lt_date_time_button_get_date_time (self->start_button);

  /* The end's popover opens on the start day: most changes end on it. */
  if (start != NULL && lt_date_time_button_get_date_time (self->end_button) == NULL)
    {
      g_autoptr(GDateTime) suggestion = g_date_time_add_hours (start, 2);

      lt_date_time_button_set_suggestion (self->end_button, suggestion);
    }

  set_error (self, NULL);
  update_lead_time (self);
  update_overlap (self);
}

static void
field_changed_cb (LtChangeNoticeDialog *self)
{
  set_error (self, NULL);
}

static void
tick_cb (LtChangeNoticeDialog *self)
{
  update_lead_time (self);
}

static void
windows_changed_cb (LtChangeNoticeDialog *self)
{
  update_overlap (self);
}

/* What the form needs before a notice can be sent; the lead time is not
 * among them: a late notice may still be sent (R8), marked late. */
static gboolean
check_complete (LtChangeNoticeDialog *self,
                LtChangeNotice       *notice,
                GError              **error)
{
  GDateTime *start = lt_change_notice_get_planned_start (notice);
  GDateTime *end = lt_change_notice_get_planned_end (notice);

  if (lt_change_notice_get_title (notice) == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("Give the change a title."));
      gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
      return FALSE;
    }

  if (start == NULL || end == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("Choose when the change starts and ends."));
      return FALSE;
    }

  if (g_date_time_compare (end, start) <= 0)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("The planned end must be after the planned start."));
      return FALSE;
    }

  return TRUE;
}

/* The form as a new notice, or as the one that replaces self->replaces:
 * lt-actions writes the row and its outbox item (with the old notice's
 * withdrawal) in one transaction, so the notice is either saved and on
 * its way, or not saved at all. */
static gboolean
queue_notice (LtChangeNoticeDialog *self,
              LtChangeNotice       *notice,
              GError              **error)
{
  LtOutbox *outbox = lt_context_get_outbox (self->context);
  LtPolicy *policy = lt_context_get_policy (self->context);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  g_autofree char *key = NULL;

  if (outbox == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_STORE,
                           _("The local database is not available, so the notice cannot be saved."));
      return FALSE;
    }

  key = self->replaces != NULL
        ? lt_actions_reschedule_change_notice (outbox, policy, self->replaces, notice, now, error)
        : lt_actions_submit_change_notice (outbox, policy, notice, now, error);
  return key != NULL;
}

/* Saves the form as the draft @notice (a new one gets a local id). */
static gboolean
save_draft (LtChangeNoticeDialog *self,
            LtChangeNotice       *notice,
            GError              **error)
{
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));

  if (store == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_STORE,
                           _("The local database is not available, so the notice cannot be saved."));
      return FALSE;
    }
  if (self->draft_id == NULL)
    self->draft_id = g_uuid_string_random ();
  lt_change_notice_set_local_id (notice, self->draft_id);
  lt_change_notice_set_state (notice, LT_CHANGE_STATE_DRAFT);

  return lt_store_save_change_notice_draft (store, notice, now, error);
}

/* The draft edited, as the form now says, sent: queued with its outbox
 * item in one transaction by lt-actions. */
static gboolean
send_draft (LtChangeNoticeDialog *self,
            LtChangeNotice       *notice,
            GError              **error)
{
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  g_autofree char *key = NULL;

  if (!save_draft (self, notice, error))
    return FALSE;
  key = lt_actions_send_change_notice_draft (lt_context_get_outbox (self->context),
                                             lt_context_get_policy (self->context),
                                             self->draft_id, now, NULL, error);
  return key != NULL;
}

static void
save_draft_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LtChangeNoticeDialog *self = LT_CHANGE_NOTICE_DIALOG (widget);
  g_autoptr(LtChangeNotice) notice = build_notice (self);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *title = dup_entry (self->title_row);
  GDateTime *start = lt_change_notice_get_planned_start (notice);
  LtPolicy *policy = lt_context_get_policy (self->context);
  GDate start_date;
  GDate last;

  /* What the deadline engine needs to say when to send it: a name and a
   * planned start. The rest can wait. */
  if (title == NULL || *g_strstrip (title) == '\0' || start == NULL)
    {
      set_error (self, _("A draft needs a title and a planned start."));
      return;
    }

  if (!save_draft (self, notice, &error))
    {
      lt_ui_show_error_details (widget, _("The draft could not be saved"), error->message);
      return;
    }

  lt_business_calendar_local_date (lt_policy_get_calendar (policy), start, &start_date);
  lt_rules_last_on_time_notice_date_for_policy (policy, &start_date, &last);
  if (parent != NULL && g_date_valid (&last))
    {
      char day[64];
      g_autofree char *text = NULL;

      g_date_strftime (day, sizeof day, _("%a %-d %b"), &last);
      /* TRANSLATORS: %s is a day, e.g. "Fri 18 Dec" */
      text = g_strdup_printf (_("Draft saved: send it by %s to give the policy’s notice"), day);
      lt_ui_show_toast (GTK_WIDGET (parent), text);
    }
  else if (parent != NULL)
    lt_ui_show_toast (GTK_WIDGET (parent), _("Draft saved"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtChangeNoticeDialog *self = LT_CHANGE_NOTICE_DIALOG (widget);
  g_autoptr(LtChangeNotice) notice = build_notice (self);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!check_complete (self, notice, &error))
    {
      set_error (self, error->message);
      return;
    }

  if (self->replaces != NULL)
    {
      if (!queue_notice (self, notice, &error))
        {
          lt_ui_show_error_details (widget, _("The change notice could not be rescheduled"),
                                    error->message);
          return;
        }
      if (parent != NULL)
        {
          g_autofree char *text =
            /* TRANSLATORS: %s is the title of the change notice moved */
            g_strdup_printf (_("Reschedule of “%s” queued: the new notice replaces it once LockThreat has it"),
                             lt_change_notice_get_title (self->replaces) ?: "");

          lt_ui_show_toast (GTK_WIDGET (parent), text);
        }
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  if (!(self->draft_id != NULL ? send_draft (self, notice, &error) : queue_notice (self, notice, &error)))
    {
      lt_ui_show_error_details (widget, _("The change notice could not be saved"), error->message);
      return;
    }

  if (parent != NULL)
    lt_ui_show_toast (GTK_WIDGET (parent),
                      _("Change notice queued: it is sent to LockThreat as soon as the portal can be reached"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
lt_change_notice_dialog_dispose (GObject *object)
{
  LtChangeNoticeDialog *self = (LtChangeNoticeDialog *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->replaces);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_CHANGE_NOTICE_DIALOG);

  G_OBJECT_CLASS (lt_change_notice_dialog_parent_class)->dispose (object);
}

static void
lt_change_notice_dialog_finalize (GObject *object)
{
  LtChangeNoticeDialog *self = (LtChangeNoticeDialog *) object;

  g_free (self->lead_time_text);
  g_free (self->overlap_text);
  g_free (self->draft_id);

  G_OBJECT_CLASS (lt_change_notice_dialog_parent_class)->finalize (object);
}

static void
lt_change_notice_dialog_class_init (LtChangeNoticeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_change_notice_dialog_dispose;
  object_class->finalize = lt_change_notice_dialog_finalize;

  g_type_ensure (LT_TYPE_DATE_TIME_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-change-notice-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, start_button);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, end_button);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, lead_time_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, lead_time_icon);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, overlap_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, kind_model);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, systems_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, risk_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, risk_model);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, rollback_view);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticeDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, schedule_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "notice.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "notice.save-draft", NULL, save_draft_action);
}

static void
lt_change_notice_dialog_init (LtChangeNoticeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Ctrl+Enter sends, also from the description and rollback boxes, which
   * would otherwise take it as a newline (lt-shortcuts.c). */
  lt_shortcuts_attach (GTK_WIDGET (self), "notice.send");

  /* Positions are the enum values, so the labels come from one place. */
  for (LtChangeKind kind = LT_CHANGE_KIND_INFRASTRUCTURE; kind <= LT_CHANGE_KIND_CORE_CONFIGURATION; kind++)
    gtk_string_list_append (self->kind_model, lt_change_kind_get_label (kind));
  for (LtRisk risk = LT_RISK_LOW; risk <= LT_RISK_HIGH; risk++)
    gtk_string_list_append (self->risk_model, lt_risk_get_label (risk));
  adw_combo_row_set_selected (self->risk_row, LT_RISK_MEDIUM);

  lt_date_time_button_set_accessible_label (self->start_button, _("Planned start"));
  lt_date_time_button_set_accessible_label (self->end_button, _("Planned end"));
}

GtkWidget *
lt_change_notice_dialog_new (LtContext *context)
{
  LtChangeNoticeDialog *self;
  LtMaintenanceList *windows;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) suggestion = NULL;
  LtPolicy *policy;
  LtChangeNoticeCheck check = { { 0, }, };
  GDate notice_date;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);

  self = g_object_new (LT_TYPE_CHANGE_NOTICE_DIALOG, NULL);
  self->context = g_object_ref (context);
  policy = lt_context_get_policy (context);

  /* The start's popover opens on the earliest compliant day, 09:00. */
  now = lt_clock_dup_now (lt_context_get_clock (context));
  lt_business_calendar_local_date (lt_policy_get_calendar (policy), now, &notice_date);
  lt_rules_check_change_notice_for_policy (policy, &notice_date, &notice_date, &check);
  /* No earliest start at all at the very end of the year 9999. */
  if (g_date_valid (&check.earliest_start))
    suggestion = g_date_time_new_local (g_date_get_year (&check.earliest_start),
                                        g_date_get_month (&check.earliest_start),
                                        g_date_get_day (&check.earliest_start), 9, 0, 0);
  lt_change_notice_check_clear (&check);
  lt_date_time_button_set_suggestion (self->start_button, suggestion);

  g_signal_connect_object (lt_context_get_clock (context), "tick",
                           G_CALLBACK (tick_cb), self, G_CONNECT_SWAPPED);
  windows = lt_context_get_maintenance_windows (context);
  if (windows != NULL)
    g_signal_connect_object (windows, "items-changed",
                             G_CALLBACK (windows_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.send",
                                 lt_context_get_store (context) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.save-draft",
                                 lt_context_get_store (context) != NULL);

  update_lead_time (self);
  update_overlap (self);

  return GTK_WIDGET (self);
}

/**
 * lt_change_notice_dialog_new_for_draft:
 * @context: the application's context
 * @draft: a change notice in state draft
 *
 * The form filled with @draft: "Save Draft" saves it again, "Send Notice"
 * sends it (lt_actions_send_change_notice_draft()).
 *
 * Returns: (transfer floating): the form
 */
/* The form filled with @notice's fields, as if typed. */
static void
fill_from_notice (LtChangeNoticeDialog *self,
                  LtChangeNotice       *notice)
{
  const char * const *systems = lt_change_notice_get_systems (notice);
  g_autofree char *systems_text = systems != NULL ? g_strjoinv (", ", (char **) systems) : g_strdup ("");

  adw_combo_row_set_selected (self->kind_row, lt_change_notice_get_kind (notice));
  adw_combo_row_set_selected (self->risk_row, lt_change_notice_get_risk (notice));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), lt_change_notice_get_title (notice) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->systems_row), systems_text);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            lt_change_notice_get_description (notice) ?: "", -1);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->rollback_view),
                            lt_change_notice_get_rollback_plan (notice) ?: "", -1);
  lt_change_notice_dialog_set_schedule (self, lt_change_notice_get_planned_start (notice),
                                        lt_change_notice_get_planned_end (notice));
}

/**
 * lt_change_notice_dialog_new_for_draft:
 * @context: the application's context
 * @draft: a change notice in state draft
 *
 * The form filled with @draft: "Save Draft" saves it again, "Send Notice"
 * sends it (lt_actions_send_change_notice_draft()).
 *
 * Returns: (transfer floating): the form
 */
GtkWidget *
lt_change_notice_dialog_new_for_draft (LtContext      *context,
                                       LtChangeNotice *draft)
{
  LtChangeNoticeDialog *self;

  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (draft), NULL);
  g_return_val_if_fail (lt_change_notice_get_state (draft) == LT_CHANGE_STATE_DRAFT, NULL);

  self = LT_CHANGE_NOTICE_DIALOG (lt_change_notice_dialog_new (context));
  self->draft_id = g_strdup (lt_change_notice_get_local_id (draft));
  fill_from_notice (self, draft);

  return GTK_WIDGET (self);
}

/**
 * lt_change_notice_dialog_new_for_reschedule:
 * @context: the application's context
 * @old: the notice moved (sent, not withdrawn)
 *
 * The form filled with everything @old sent, its dates included: the
 * admin picks the new ones. "Send Notice" files the new notice that
 * replaces @old (lt_actions_reschedule_change_notice()); there is no
 * draft of a reschedule.
 *
 * Returns: (transfer floating): the form
 */
GtkWidget *
lt_change_notice_dialog_new_for_reschedule (LtContext      *context,
                                            LtChangeNotice *old)
{
  LtChangeNoticeDialog *self;

  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (old), NULL);

  self = LT_CHANGE_NOTICE_DIALOG (lt_change_notice_dialog_new (context));
  self->replaces = g_object_ref (old);
  gtk_window_set_title (GTK_WINDOW (self), _("Reschedule Change Notice"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.save-draft", FALSE);
  fill_from_notice (self, old);

  return GTK_WIDGET (self);
}

/* (transfer none) (nullable): the notice this form reschedules. */
LtChangeNotice *
lt_change_notice_dialog_get_replaces (LtChangeNoticeDialog *self)
{
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE_DIALOG (self), NULL);

  return self->replaces;
}

void
lt_change_notice_dialog_set_schedule (LtChangeNoticeDialog *self,
                                      GDateTime            *start,
                                      GDateTime            *end)
{
  g_return_if_fail (LT_IS_CHANGE_NOTICE_DIALOG (self));

  lt_date_time_button_set_date_time (self->start_button, start);
  lt_date_time_button_set_date_time (self->end_button, end);
}

const char *
lt_change_notice_dialog_get_lead_time_text (LtChangeNoticeDialog *self)
{
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE_DIALOG (self), NULL);

  return self->lead_time_text;
}

const char *
lt_change_notice_dialog_get_overlap_text (LtChangeNoticeDialog *self)
{
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE_DIALOG (self), NULL);

  return self->overlap_text;
}

void
lt_change_notice_dialog_set_title (LtChangeNoticeDialog *self,
                                   const char           *title)
{
  g_return_if_fail (LT_IS_CHANGE_NOTICE_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title != NULL ? title : "");
}
