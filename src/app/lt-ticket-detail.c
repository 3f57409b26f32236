/* lt-ticket-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-ticket-detail"

#include "config.h"

#include "lt-ticket-detail.h"
#include "lt-ticket-detail-private.h"

#include "lt-actions.h"
#include "lt-bundle-dialog.h"
#include "lt-error.h"
#include "lt-lifecycle.h"
#include "lt-new-ticket-assistant.h"
#include "lt-portal-client.h"
#include "lt-redaction-map.h"
#include "lt-rules.h"
#include "lt-sensitive.h"
#include "lt-sla.h"
#include "lt-store-alerts.h"
#include "lt-store-redaction-map.h"
#include "lt-store-tickets.h"
#include "lt-text-util.h"
#include "lt-ticket-action-dialog.h"
#include "lt-ticket-event.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtTicketDetail
{
  AdwBin               parent_instance;

  /* The ticket page (ui/lt-ticket-detail-ticket.ui): NULL until the
   * pane first shows a ticket (ensure_ticket_page()). Owned by the
   * stack, not by these pointers. */
  GtkLabel            *id_label;
  GtkLabel            *title_label;
  GtkLabel            *severity_badge;
  GtkLabel            *state_badge;
  GtkLabel            *sla_badge;
  GtkWidget           *sla_box;
  GtkScrolledWindow   *scroller;
  GtkListBox          *facts_list;
  GtkLabel            *actions_label;
  GtkWidget           *actions_list;
  AdwActionRow        *comment_row;
  AdwActionRow        *attach_row;
  AdwActionRow        *diagnostics_row;
  AdwActionRow        *confirm_row;
  AdwActionRow        *not_fixed_row;
  AdwActionRow        *reopen_row;
  AdwActionRow        *new_ref_row;
  AdwActionRow        *escalate_row;
  AdwActionRow        *withdraw_row;
  AdwPreferencesGroup *description_group;
  GtkLabel            *description_label;
  GtkWidget           *history_group;
  GtkWidget           *real_names_box;
  GtkSwitch           *real_names_switch;
  GtkListBox          *timeline_list;

  /* Owned */
  LtContext           *context;
  LtTicket            *ticket;
  /* @ticket is taken but not shown yet (lt_ticket_detail_hold_ticket()):
   * the pane still shows the one before it, and no action is enabled. */
  gboolean             held;
  gboolean             tier_known;
  LtTier               tier;
  LtCustomerAction     allowed;     /* what the policy allows now */
  GtkWidget           *dialog;      /* the action dialog shown, if any */
  /* Reading the answer back (docs/bundle.md): the profile's redaction
   * map (NULL when it has none) and whose events are the customer's. */
  LtRedactionMap      *unmask_map;
  char               **customer_names;
};

G_DEFINE_FINAL_TYPE (LtTicketDetail, lt_ticket_detail, ADW_TYPE_BIN)

/* The bin's child. Not a bound template child: AdwBin unparents its
 * child itself, and gtk_widget_dispose_template() would do it a second
 * time. */
static GtkStack *
get_stack (LtTicketDetail *self)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

/* The real-names switch follows the setting of the context's. */
static void
bind_real_names (LtTicketDetail *self)
{
  if (self->real_names_switch != NULL && self->context != NULL)
    g_settings_bind (lt_context_get_settings (self->context), "show-real-names",
                     self->real_names_switch, "active", G_SETTINGS_BIND_DEFAULT);
}

/* Builds the ticket page on its first use. The pane starts on its "No
 * Ticket Selected" status, and no ticket can be chosen before the list
 * is read: building the page (58 objects in its file, many more inside
 * the rows and groups) with the template cost the Tickets page's first
 * frame about 20 million instructions for nothing (docs/app.md
 * "Start-up"). The page comes after the status in the stack, and so in
 * the focus order. */
static void
ensure_ticket_page (LtTicketDetail *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  if (self->scroller != NULL)
    return;

  builder = gtk_builder_new_from_resource ("/com/lockthreat/Support/ui/lt-ticket-detail-ticket.ui");
  self->scroller = GTK_SCROLLED_WINDOW (gtk_builder_get_object (builder, "scroller"));
  self->id_label = GTK_LABEL (gtk_builder_get_object (builder, "id_label"));
  self->title_label = GTK_LABEL (gtk_builder_get_object (builder, "title_label"));
  self->severity_badge = GTK_LABEL (gtk_builder_get_object (builder, "severity_badge"));
  self->state_badge = GTK_LABEL (gtk_builder_get_object (builder, "state_badge"));
  self->sla_badge = GTK_LABEL (gtk_builder_get_object (builder, "sla_badge"));
  self->sla_box = GTK_WIDGET (gtk_builder_get_object (builder, "sla_box"));
  self->facts_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "facts_list"));
  self->actions_label = GTK_LABEL (gtk_builder_get_object (builder, "actions_label"));
  self->actions_list = GTK_WIDGET (gtk_builder_get_object (builder, "actions_list"));
  self->comment_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "comment_row"));
  self->attach_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "attach_row"));
  self->diagnostics_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "diagnostics_row"));
  self->confirm_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "confirm_row"));
  self->not_fixed_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "not_fixed_row"));
  self->reopen_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "reopen_row"));
  self->new_ref_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "new_ref_row"));
  self->escalate_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "escalate_row"));
  self->withdraw_row = ADW_ACTION_ROW (gtk_builder_get_object (builder, "withdraw_row"));
  self->description_group = ADW_PREFERENCES_GROUP (gtk_builder_get_object (builder, "description_group"));
  self->description_label = GTK_LABEL (gtk_builder_get_object (builder, "description_label"));
  self->history_group = GTK_WIDGET (gtk_builder_get_object (builder, "history_group"));
  self->real_names_box = GTK_WIDGET (gtk_builder_get_object (builder, "real_names_box"));
  self->real_names_switch = GTK_SWITCH (gtk_builder_get_object (builder, "real_names_switch"));
  self->timeline_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "timeline_list"));

  gtk_stack_add_named (get_stack (self), GTK_WIDGET (self->scroller), "ticket");
  bind_real_names (self);
}

static void
add_fact (LtTicketDetail *self,
          const char     *title,
          const char     *value,
          const char     *icon_name,
          const char     *style_class)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (value, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* A fact sheet: the value is what a person reads, the name is the
   * caption (libadwaita 1.3's "property" rows, restyled in style.css). */
  gtk_widget_add_css_class (row, "lt-property");

  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      if (style_class != NULL)
        gtk_widget_add_css_class (icon, style_class);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  gtk_list_box_append (self->facts_list, row);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
update_facts (LtTicketDetail *self,
              GDateTime      *now)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  LtTicket *ticket = self->ticket;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) auto_close = NULL;
  g_autoptr(GDateTime) reopen_until = NULL;
  LtCloseReason auto_close_reason = LT_CLOSE_REASON_NONE;
  GDateTime *opened = lt_ticket_get_opened_at (ticket);

  clear_list (self->facts_list);

  if (opened != NULL)
    {
      g_autofree char *text = lt_ui_format_instant (opened);

      add_fact (self, _("Opened"), text, NULL, NULL);
    }

  due = self->tier_known ? lt_ticket_dup_response_due (ticket, policy, self->tier)
                         : (lt_ticket_get_response_due (ticket) != NULL
                            ? g_date_time_ref (lt_ticket_get_response_due (ticket)) : NULL);
  if (due != NULL)
    {
      g_autofree char *when = lt_ui_format_instant (due);
      g_autofree char *text = NULL;
      GDateTime *first = lt_ticket_get_first_response_at (ticket);

      if (first != NULL)
        {
          g_autofree char *answered = lt_ui_format_instant (first);

          text = g_strdup_printf (_("%s · answered %s"), when, answered);
        }
      else
        {
          g_autofree char *countdown =
            lt_ui_format_countdown (lt_sla_remaining_seconds (lt_policy_get_calendar (policy), due, now));

          /* TRANSLATORS: "<date and time> · in 60 business minutes" */
          text = g_strdup_printf (_("%s · %s"), when, countdown);
        }
      add_fact (self, _("First Response Due"), text, NULL, NULL);
    }

  auto_close = lt_ticket_dup_auto_close_due (ticket, policy, &auto_close_reason);
  if (auto_close != NULL)
    {
      g_autofree char *when = lt_ui_format_instant (auto_close);
      g_autofree char *text = g_strdup_printf (_("%s (%s) unless you answer"), when,
                                               lt_close_reason_get_label (auto_close_reason));

      add_fact (self, _("Closes Automatically"), text, "alarm-symbolic", "warning");
    }

  reopen_until = lt_ticket_dup_reopen_until (ticket, policy);
  if (reopen_until != NULL)
    {
      g_autofree char *when = lt_ui_format_instant (reopen_until);
      g_autofree char *text = lt_ticket_can_reopen (ticket, policy, now)
                              ? g_strdup_printf (_("Until %s"), when)
                              : g_strdup_printf (_("Ended %s; a new ticket can refer to this one"), when);

      add_fact (self, _("Reopen Window"), text, NULL, NULL);
    }

  if (self->tier_known && lt_ticket_is_escalation_suggested (ticket, policy, self->tier, now))
    {
      const LtEscalationLevel *next = lt_ticket_get_next_escalation (ticket, policy, NULL);

      if (next != NULL)
        {
          g_autofree char *text = g_strdup_printf (_("The response time has passed: you may escalate to level %u, %s."),
                                                   next->level, next->title);

          add_fact (self, _("Escalation Suggested"), text, "dialog-warning-symbolic", "error");
        }
    }

  if (lt_ticket_get_escalation_level (ticket) > 0)
    {
      g_autofree char *text = g_strdup_printf (_("Level %u"), lt_ticket_get_escalation_level (ticket));

      add_fact (self, _("Escalated"), text, NULL, NULL);
    }

  /* R10: the critical line only where S1 or a security incident applies. */
  if (lt_ticket_shows_critical_phone (ticket))
    add_fact (self, _("Critical Phone Line"), lt_policy_get_critical_phone (policy),
              "call-start-symbolic", "error");

  if (lt_ticket_get_product_version (ticket) != NULL)
    add_fact (self, _("Product Version"), lt_ticket_get_product_version (ticket), NULL, NULL);
  if (lt_ticket_get_installation (ticket) != NULL)
    add_fact (self, _("Installation"), lt_ticket_get_installation (ticket), NULL, NULL);
  if (lt_ticket_get_category (ticket) != NULL)
    {
      const LtScopeCategory *category = lt_policy_find_scope_category (policy, lt_ticket_get_category (ticket));

      add_fact (self, _("Category"),
                category != NULL ? category->label : lt_ticket_get_category (ticket), NULL, NULL);
    }
}

/* The widget actions of the "What You Can Do Now" rows, by flag. */
static const struct {
  LtCustomerAction  action;
  const char       *name;
} action_names[] = {
  { LT_CUSTOMER_ACTION_COMMENT, "ticket.comment" },
  { LT_CUSTOMER_ACTION_ATTACH, "ticket.attach" },
  { LT_CUSTOMER_ACTION_ATTACH, "ticket.attach-diagnostics" },
  { LT_CUSTOMER_ACTION_CONFIRM_CLOSURE, "ticket.confirm-closure" },
  { LT_CUSTOMER_ACTION_NOT_FIXED, "ticket.not-fixed" },
  { LT_CUSTOMER_ACTION_REOPEN, "ticket.reopen" },
  { LT_CUSTOMER_ACTION_NEW_REFERENCING, "ticket.new-referencing" },
  { LT_CUSTOMER_ACTION_ESCALATE, "ticket.escalate" },
  { LT_CUSTOMER_ACTION_WITHDRAW, "ticket.withdraw" },
};

/* What core allows now. A ticket still in the outbox is judged as the
 * portal will see it once filed (as lt-actions does); a draft, or a
 * context without a store, allows nothing. */
static LtCustomerAction
compute_allowed (LtTicketDetail *self,
                 GDateTime      *now)
{
  LtTicket *ticket = self->ticket;
  LtTicketState state = lt_ticket_get_state (ticket);
  LtCustomerAction allowed;

  if (lt_context_get_outbox (self->context) == NULL || state == LT_TICKET_STATE_DRAFT)
    return LT_CUSTOMER_ACTION_NONE;
  if (state == LT_TICKET_STATE_QUEUED)
    state = LT_TICKET_STATE_SUBMITTED;

  allowed = lt_lifecycle_customer_actions_for_policy (lt_context_get_policy (self->context), state,
                                                      lt_ticket_get_closed_at (ticket),
                                                      lt_ticket_get_escalation_level (ticket), now);
  /* A new ticket needs the portal's id to refer to. */
  if (lt_ticket_get_id (ticket) == NULL)
    allowed &= ~LT_CUSTOMER_ACTION_NEW_REFERENCING;

  return allowed;
}

static void
set_row_subtitle (AdwActionRow *row,
                  const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_action_row_set_subtitle (row, escaped);
}

static void
update_actions (LtTicketDetail *self,
                GDateTime      *now)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  LtTicket *ticket = self->ticket;
  LtTicketState state = lt_ticket_get_state (ticket);
  gboolean open = lt_lifecycle_state_is_open (state) || state == LT_TICKET_STATE_QUEUED;
  LtCustomerAction allowed = compute_allowed (self, now);
  gboolean any = FALSE;

  self->allowed = allowed;
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), action_names[i].name,
                                   (allowed & action_names[i].action) != 0);

  /* Each row is actionable: GTK makes it insensitive while its action is
   * disabled, so the rows cannot disagree with the policy. */

  /* Rows show what is possible, and the two refusals people look for:
   * a reopen after its window and an escalation at the top level. */
  gtk_widget_set_visible (GTK_WIDGET (self->comment_row), allowed & LT_CUSTOMER_ACTION_COMMENT);
  gtk_widget_set_visible (GTK_WIDGET (self->attach_row), allowed & LT_CUSTOMER_ACTION_ATTACH);
  gtk_widget_set_visible (GTK_WIDGET (self->diagnostics_row), allowed & LT_CUSTOMER_ACTION_ATTACH);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_row), allowed & LT_CUSTOMER_ACTION_CONFIRM_CLOSURE);
  gtk_widget_set_visible (GTK_WIDGET (self->not_fixed_row), allowed & LT_CUSTOMER_ACTION_NOT_FIXED);
  gtk_widget_set_visible (GTK_WIDGET (self->new_ref_row), allowed & LT_CUSTOMER_ACTION_NEW_REFERENCING);
  gtk_widget_set_visible (GTK_WIDGET (self->withdraw_row), allowed & LT_CUSTOMER_ACTION_WITHDRAW);

  {
    g_autofree char *limit = g_format_size_full (LT_PORTAL_MAX_UPLOAD_SIZE, G_FORMAT_SIZE_IEC_UNITS);
    g_autofree char *text = g_strdup_printf (_("Logs or a diagnostic bundle, up to %s"), limit);

    set_row_subtitle (self->attach_row, text);
  }

  /* Reopen: the deadline while it runs, the way forward after it. */
  gtk_widget_set_visible (GTK_WIDGET (self->reopen_row), state == LT_TICKET_STATE_CLOSED);
  if (state == LT_TICKET_STATE_CLOSED)
    {
      g_autoptr(GDateTime) until = lt_ticket_dup_reopen_until (ticket, policy);
      g_autofree char *when = until != NULL ? lt_ui_format_instant (until) : NULL;
      g_autofree char *text = NULL;

      if (allowed & LT_CUSTOMER_ACTION_REOPEN)
        text = g_strdup_printf (_("Possible until %s"), when);
      else if (when != NULL)
        text = g_strdup_printf (_("The reopen window ended %s; open a new ticket referencing this one instead"), when);
      else
        text = g_strdup (_("This ticket cannot be reopened; open a new ticket referencing it instead"));
      set_row_subtitle (self->reopen_row, text);
    }

  /* Escalate: the next level by name, or why there is none. */
  gtk_widget_set_visible (GTK_WIDGET (self->escalate_row),
                          (allowed & LT_CUSTOMER_ACTION_ESCALATE) ||
                          (open && lt_ticket_get_escalation_level (ticket) > 0));
  {
    g_autoptr(GError) error = NULL;
    const LtEscalationLevel *next = lt_ticket_get_next_escalation (ticket, policy, &error);
    g_autofree char *text = NULL;

    if (next != NULL)
      text = g_strdup_printf (_("Next: level %u, %s"), next->level, next->title);
    else
      text = g_strdup_printf (_("Already at level %u, the highest"), lt_ticket_get_escalation_level (ticket));
    set_row_subtitle (self->escalate_row, text);
  }

  for (GtkWidget *row = gtk_widget_get_first_child (self->actions_list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    any |= gtk_widget_get_visible (row);
  gtk_widget_set_visible (self->actions_list, any);
  gtk_widget_set_visible (GTK_WIDGET (self->actions_label), !any);

  if (state == LT_TICKET_STATE_DRAFT)
    gtk_label_set_text (self->actions_label, _("This ticket is a draft: file it first."));
  else if (lt_context_get_outbox (self->context) == NULL)
    gtk_label_set_text (self->actions_label, _("Nothing can be queued while the local database is not open."));
  else
    gtk_label_set_text (self->actions_label, _("Nothing until LockThreat answers."));
}

/* ---- Actions ------------------------------------------------------------ */

static void
dialog_destroyed_cb (LtTicketDetail *self)
{
  self->dialog = NULL;
}

static void
open_action_dialog (LtTicketDetail   *self,
                    LtCustomerAction  action)
{
  GtkWidget *dialog;

  if (self->ticket == NULL || (self->allowed & action) == 0)
    return;

  dialog = lt_ticket_action_dialog_new (self->context, self->ticket, action);
  self->dialog = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  lt_ui_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
ticket_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LtTicketDetail *self = LT_TICKET_DETAIL (widget);

  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (g_str_equal (action_names[i].name, action_name))
      open_action_dialog (self, action_names[i].action);
}

static void
new_referencing_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LtTicketDetail *self = LT_TICKET_DETAIL (widget);
  GtkWidget *assistant;

  if (self->ticket == NULL || (self->allowed & LT_CUSTOMER_ACTION_NEW_REFERENCING) == 0)
    return;

  assistant = lt_new_ticket_assistant_new (self->context);
  lt_new_ticket_assistant_set_references (LT_NEW_TICKET_ASSISTANT (assistant), lt_ticket_get_id (self->ticket));
  self->dialog = assistant;
  g_signal_connect_object (assistant, "destroy", G_CALLBACK (dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  lt_ui_present_dialog (GTK_WINDOW (assistant), GTK_WIDGET (self));
}

gboolean
lt_ticket_detail_attach_file (LtTicketDetail  *self,
                              const char      *path,
                              GError         **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *key = NULL;
  LtOutbox *outbox;

  g_return_val_if_fail (LT_IS_TICKET_DETAIL (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  outbox = self->context != NULL ? lt_context_get_outbox (self->context) : NULL;
  if (self->ticket == NULL || outbox == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                           _("There is no ticket to attach the file to"));
      return FALSE;
    }

  now = lt_clock_dup_now (lt_context_get_clock (self->context));
  key = lt_actions_attach (outbox, lt_context_get_policy (self->context), self->ticket,
                           path, NULL, now, error);
  return key != NULL;
}

static void
attach_confirmed_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     LtTicketDetail   *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "lt-path");
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "redacted") == 0)
    {
      LtStore *store = lt_context_get_store (self->context);
      g_autofree char *copy = NULL;

      /* The original stays as it is; the copy, redacted as a bundle is
       * (secrets and identities), is kept in the profile's cache, where
       * the outbox reads it. */
      if (store != NULL)
        {
          g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));

          copy = lt_ui_write_redacted_copy (path, store, now, &error);
        }
      else
        g_set_error_literal (&error, LT_ERROR, LT_ERROR_STORE,
                             _("The local database is not open, so nothing can be queued"));
      if (copy == NULL || !lt_ticket_detail_attach_file (self, copy, &error))
        lt_ui_show_error (GTK_WIDGET (self), _("The redacted copy could not be attached"), error);
      else
        lt_ui_show_toast (GTK_WIDGET (self), _("Redacted copy attached; the original is unchanged"));
      return;
    }

  if (g_strcmp0 (response, "attach") != 0)
    return;

  if (!lt_ticket_detail_attach_file (self, path, &error))
    lt_ui_show_error (GTK_WIDGET (self), _("The file could not be attached"), error);
  else
    lt_ui_show_toast (GTK_WIDGET (self), _("File attached"));
}

/* Text files are read before they are queued: a log may hold a password
 * or a token, and once sent it is LockThreat's to delete. */
void
lt_ticket_detail_attach_path (LtTicketDetail *self,
                              const char     *path)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) attach_error = NULL;
  g_autofree char *display = g_filename_display_basename (path);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  findings = lt_ui_scan_file (path, &error);
  if (findings == NULL || findings->len == 0)
    {
      if (!lt_ticket_detail_attach_file (self, path, &attach_error))
        lt_ui_show_error (GTK_WIDGET (self), _("The file could not be attached"), attach_error);
      else
        lt_ui_show_toast (GTK_WIDGET (self), _("File attached"));
      return;
    }

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Attach a File With Secrets?"), NULL);
  {
    const LtSensitiveFinding *first = g_ptr_array_index (findings, 0);

    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    /* TRANSLATORS: file name, count, line, kind ("Password"), masked excerpt */
                                    g_dngettext (GETTEXT_PACKAGE,
                                                 "“%s” contains %u thing that looks like a secret, first on line %u (%s): %s\n\nAttach a copy with it masked, or remove it from the file first, unless you are sure.",
                                                 "“%s” contains %u things that look like secrets, first on line %u (%s): %s\n\nAttach a copy with them masked, or remove them from the file first, unless you are sure.",
                                                 findings->len),
                                    display, findings->len, first->line,
                                    lt_sensitive_kind_get_label (first->kind), first->excerpt);
  }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "attach", _("_Attach Anyway"),
                                    "redacted", _("Attach a _Redacted Copy"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "attach", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "redacted", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lt-path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (attach_confirmed_cb), self, 0);
  self->dialog = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  lt_ui_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

static void
attach_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  LtTicketDetail  *self)
{
  /* Dropped at the end of the scope, whichever way it is left. */
  G_GNUC_UNUSED g_autoptr(GtkNativeDialog) owned = chooser;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);

  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;

  lt_ticket_detail_attach_path (self, path);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LtTicketDetail *self = LT_TICKET_DETAIL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  if (self->ticket == NULL || (self->allowed & LT_CUSTOMER_ACTION_ATTACH) == 0)
    return;

  chooser = gtk_file_chooser_native_new (_("Attach a File"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (attach_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The review dialog with the bundle job: it queues the parts itself on
 * Attach (lt_actions_attach_bundle()). */
static void
attach_diagnostics_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  LtTicketDetail *self = LT_TICKET_DETAIL (widget);
  GtkWidget *dialog;

  if (self->ticket == NULL || (self->allowed & LT_CUSTOMER_ACTION_ATTACH) == 0)
    return;

  dialog = lt_bundle_dialog_new (self->context, self->ticket);
  self->dialog = dialog;
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  lt_ui_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

/* The last closing in the history of a closed ticket: the one the
 * ticket's close reason belongs to. The portal's events carry no reason
 * of their own (v1 contract); an earlier closing says why in its body. */
static LtTicketEvent *
find_last_closing (LtTicket *ticket)
{
  GListModel *events = lt_ticket_get_events (ticket);
  LtTicketEvent *last = NULL;

  if (lt_ticket_get_state (ticket) != LT_TICKET_STATE_CLOSED)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(LtTicketEvent) event = g_list_model_get_item (events, i);

      if (lt_ticket_event_get_kind (event) == LT_TICKET_EVENT_KIND_STATE_CHANGE &&
          lt_ticket_event_get_to_state (event) == LT_TICKET_STATE_CLOSED)
        last = event;
    }

  return last;
}

/* What one history entry says, in the words the pane shows and the
 * clipboard copy repeats. */
typedef struct
{
  const char *icon_name;
  const char *kind_label;
  char       *heading;    /* "Submitted → Closed" */
  char       *meta;       /* "Ada Lovelace · Tue 24 Nov 2026, 09:40" */
  char       *reason;     /* the close reason in words, or NULL */
  char       *body;       /* the event's own text, or NULL */
  GPtrArray  *notes;      /* the real names put in @body (LtRedactionUnmasked), or NULL */
} EventText;

static void
event_text_clear (EventText *text)
{
  g_clear_pointer (&text->heading, g_free);
  g_clear_pointer (&text->meta, g_free);
  g_clear_pointer (&text->reason, g_free);
  g_clear_pointer (&text->body, g_free);
  g_clear_pointer (&text->notes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EventText, event_text_clear)

/* The history's "Real Names" switch, remembered as the window's size is. */
static gboolean
show_real_names (LtTicketDetail *self)
{
  return g_settings_get_boolean (lt_context_get_settings (self->context), "show-real-names");
}

static void
describe_event (LtTicketDetail *self,
                LtTicketEvent  *event,
                EventText      *text)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  const char *author = lt_ticket_event_get_author (event);
  const char *body = lt_ticket_event_get_body (event);
  g_autofree char *when = NULL;
  g_autofree char *shown_author = NULL;

  when = lt_ticket_event_get_at (event) != NULL ? lt_ui_format_instant (lt_ticket_event_get_at (event))
                                                : g_strdup (_("Not sent yet"));

  switch (lt_ticket_event_get_kind (event))
    {
    case LT_TICKET_EVENT_KIND_STATE_CHANGE:
      text->icon_name = "emblem-synchronizing-symbolic";
      text->kind_label = _("State change");
      /* TRANSLATORS: a ticket's state change, "In progress → Awaiting you" */
      text->heading = g_strdup_printf (_("%s → %s"),
                                       lt_ticket_state_get_label (lt_ticket_event_get_from_state (event)),
                                       lt_ticket_state_get_label (lt_ticket_event_get_to_state (event)));
      if (event == find_last_closing (self->ticket))
        {
          g_autofree char *explanation =
            lt_ticket_dup_close_explanation (self->ticket, lt_context_get_catalog (self->context));

          if (explanation != NULL)
            /* TRANSLATORS: under a ticket's closing in its history */
            text->reason = g_strdup_printf (_("Close reason: %s"), explanation);
        }
      break;
    case LT_TICKET_EVENT_KIND_ESCALATION:
      {
        guint level = lt_ticket_event_get_level (event);
        guint n_levels = 0;
        const LtEscalationLevel *levels = lt_policy_get_escalation_levels (policy, &n_levels);
        const char *title = NULL;

        for (guint i = 0; i < n_levels; i++)
          if (levels[i].level == level)
            title = levels[i].title;
        text->icon_name = "go-up-symbolic";
        text->kind_label = _("Escalation");
        text->heading = title != NULL
                        /* TRANSLATORS: "Escalated to level 1, Support Team Leader" */
                        ? g_strdup_printf (_("Escalated to level %u, %s"), level, title)
                        : g_strdup_printf (_("Escalated to level %u"), level);
        break;
      }
    case LT_TICKET_EVENT_KIND_ATTACHMENT:
      {
        g_autofree char *size = g_format_size (lt_ticket_event_get_attachment_size (event));
        g_autofree char *name = lt_text_dup_displayable (lt_ticket_event_get_attachment_name (event) ?: "",
                                                         LT_TEXT_SINGLE_LINE);

        text->icon_name = "mail-attachment-symbolic";
        text->kind_label = _("Attachment");
        text->heading = g_strdup_printf (_("Attached %s (%s)"), name, size);
        break;
      }
    case LT_TICKET_EVENT_KIND_COMMENT:
    default:
      text->icon_name = "chat-message-new-symbolic";
      text->kind_label = _("Comment");
      text->heading = g_strdup (_("Comment"));
      break;
    }

  if (author != NULL)
    {
      shown_author = lt_text_dup_displayable (author, LT_TEXT_SINGLE_LINE);
      /* TRANSLATORS: who wrote a history entry, and when: "Ada Lovelace · Tue 24 Nov 2026, 09:40" */
      text->meta = g_strdup_printf (_("%s · %s"), shown_author, when);
    }
  else
    text->meta = g_steal_pointer (&when);

  if (body != NULL && *body != '\0')
    {
      /* The vendor's text with the real names beside the names it was
       * sent, the one rendering `ltsupport ticket show` prints. */
      if (self->unmask_map != NULL && show_real_names (self) &&
          lt_ticket_event_is_from_vendor (event, (const char * const *) self->customer_names))
        text->body = lt_redaction_map_dup_unmasked (self->unmask_map, body, LT_TEXT_MULTI_LINE, &text->notes);
      else
        text->body = lt_text_dup_displayable (body, LT_TEXT_MULTI_LINE);
      /* Only trailing blanks go: a note ends with its ")". */
      g_strchomp (text->body);
    }
}

/* @text's body as Pango markup: each real name put in is dimmed and in
 * italics, so that what LockThreat wrote and what this computer added
 * read apart. (transfer full) */
static char *
dup_body_markup (const EventText *text)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  gsize done = 0;

  for (guint i = 0; i < text->notes->len; i++)
    {
      const LtRedactionUnmasked *note = g_ptr_array_index (text->notes, i);
      g_autofree char *before = g_markup_escape_text (text->body + done, note->offset - done);
      g_autofree char *added = g_markup_escape_text (text->body + note->offset, note->length);

      g_string_append (markup, before);
      g_string_append_printf (markup, "<span style=\"italic\" alpha=\"60%%\">%s</span>", added);
      done = note->offset + note->length;
    }
  {
    g_autofree char *rest = g_markup_escape_text (text->body + done, -1);

    g_string_append (markup, rest);
  }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static GtkWidget *
add_event_label (GtkWidget  *box,
                 const char *text,
                 gboolean    selectable)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* What a person may want to quote (the vendor's explanation, a reason,
   * a comment) can be selected and copied; the heading and the time come
   * with "Copy History". */
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  gtk_box_append (GTK_BOX (box), label);

  return label;
}

static GtkWidget *
create_event_row (gpointer item,
                  gpointer user_data)
{
  LtTicketDetail *self = user_data;
  LtTicketEvent *event = item;
  g_auto(EventText) text = { 0 };
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *icon;
  GtkWidget *label;

  describe_event (self, event, &text);

  /* Not a control: the text inside is what keyboard and reader reach. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_add_css_class (row, "lt-history-entry");
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  icon = gtk_image_new_from_icon_name (text.icon_name);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text.kind_label,
                                  -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_hexpand (column, TRUE);
  gtk_box_append (GTK_BOX (box), column);

  label = add_event_label (column, text.heading, FALSE);
  gtk_widget_add_css_class (label, "heading");

  label = add_event_label (column, text.meta, FALSE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "caption");
  if (lt_ticket_event_get_at (event) != NULL)
    {
      /* The instant with the zones it is read in, one hover away. */
      g_autofree char *full = lt_ui_format_instant_full (lt_ticket_event_get_at (event),
                                                         lt_policy_get_calendar (lt_context_get_policy (self->context)));

      gtk_widget_set_tooltip_text (label, full);
    }

  if (text.reason != NULL)
    {
      label = add_event_label (column, text.reason, TRUE);
      gtk_widget_add_css_class (label, "lt-close-reason");
    }
  if (text.body != NULL)
    {
      label = add_event_label (column, text.body, TRUE);
      if (text.notes != NULL && text.notes->len > 0)
        {
          g_autofree char *markup = dup_body_markup (&text);

          /* The label's text (what a screen reader reads and a copy
           * takes) keeps the real names; only their look is marked. */
          gtk_label_set_markup (GTK_LABEL (label), markup);
          gtk_widget_set_tooltip_text (label, _("The names in brackets are only on this computer: "
                                                "LockThreat saw the names before them"));
        }
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
}

/* The history as plain text, as `ltsupport ticket show` prints it: one
 * entry a paragraph, its text indented below its heading. */
static char *
dup_history_text (LtTicketDetail *self)
{
  GListModel *events = lt_ticket_get_events (self->ticket);
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "%s  %s\n",
                          lt_ticket_get_id (self->ticket) ?: _("Not sent yet"),
                          lt_ticket_get_title (self->ticket) ?: "");
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(LtTicketEvent) event = g_list_model_get_item (events, i);
      g_auto(EventText) text = { 0 };
      const char *parts[2];

      describe_event (self, event, &text);
      g_string_append_printf (out, "\n%s\n%s\n", text.heading, text.meta);
      parts[0] = text.reason;
      parts[1] = text.body;
      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        {
          g_auto(GStrv) lines = NULL;

          if (parts[j] == NULL)
            continue;
          lines = g_strsplit (parts[j], "\n", -1);
          for (guint k = 0; lines[k] != NULL; k++)
            g_string_append_printf (out, "    %s\n", lines[k]);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
copy_history_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LtTicketDetail *self = LT_TICKET_DETAIL (widget);
  g_autofree char *text = NULL;

  /* Held: the history shown is another ticket's. */
  if (self->ticket == NULL || self->context == NULL || self->held)
    return;

  text = dup_history_text (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  lt_ui_show_toast (widget, _("History copied"));
}

/* A badge's value says what it is to a screen reader too: its caption
 * beside it is hidden from the accessibility tree, so "Severity: S3" is
 * read once, not "Severity" then "S3". */
static void
set_badge (GtkLabel   *badge,
           const char *caption,
           const char *value)
{
  /* TRANSLATORS: a badge's accessible name, "Severity: S3" */
  g_autofree char *name = g_strdup_printf (_("%s: %s"), caption, value);

  gtk_label_set_text (badge, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
update (LtTicketDetail *self)
{
  LtPolicy *policy;
  g_autoptr(GDateTime) now = NULL;
  LtTicket *ticket = self->ticket;
  LtSlaState sla;

  /* Shown in full when the hold ends, not half now (a tick, a sync). */
  if (self->held)
    return;
  if (ticket == NULL || self->context == NULL)
    {
      gtk_stack_set_visible_child_name (get_stack (self), "none");
      return;
    }

  ensure_ticket_page (self);
  policy = lt_context_get_policy (self->context);
  now = lt_clock_dup_now (lt_context_get_clock (self->context));
  gtk_stack_set_visible_child_name (get_stack (self), "ticket");

  gtk_label_set_text (self->id_label,
                      lt_ticket_get_id (ticket) != NULL ? lt_ticket_get_id (ticket) : _("Not sent yet"));
  gtk_label_set_text (self->title_label, lt_ticket_get_title (ticket) ?: "");

  set_badge (self->severity_badge, _("Severity"), lt_severity_get_label (lt_ticket_get_severity (ticket)));
  lt_ui_set_style_class (GTK_WIDGET (self->severity_badge), lt_ui_badge_classes,
                         lt_ui_severity_style_class (lt_ticket_get_severity (ticket)));
  set_badge (self->state_badge, _("State"), lt_ticket_state_get_label (lt_ticket_get_state (ticket)));

  sla = self->tier_known ? lt_ticket_get_sla_state (ticket, policy, self->tier, now) : LT_SLA_STATE_NONE;
  gtk_widget_set_visible (self->sla_box, sla != LT_SLA_STATE_NONE);
  set_badge (self->sla_badge, _("Response SLA"), lt_sla_state_get_label (sla));
  lt_ui_set_style_class (GTK_WIDGET (self->sla_badge), lt_ui_badge_classes,
                         lt_ui_sla_state_style_class (sla));

  update_facts (self, now);
  update_actions (self, now);

  gtk_widget_set_visible (GTK_WIDGET (self->description_group), lt_ticket_get_description (ticket) != NULL);
  gtk_label_set_text (self->description_label, lt_ticket_get_description (ticket) ?: "");
}

/* The map and the customer's names, read again with the history (a
 * bundle made meanwhile grows the map). A map that cannot be read leaves
 * the vendor's text as sent, and says so in the log. */
static void
load_unmasking (LtTicketDetail *self,
                LtStore        *store)
{
  g_autoptr(LtRedactionMap) map = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *events = lt_ticket_get_events (self->ticket);
  gboolean any_unmaskable = FALSE;

  g_clear_object (&self->unmask_map);
  g_clear_pointer (&self->customer_names, g_strfreev);

  if ((map = lt_store_dup_redaction_map (store, &error)) == NULL ||
      (self->customer_names = lt_store_dup_customer_names (store, &error)) == NULL)
    g_warning ("The vendor’s text is shown as sent: %s", error->message);
  else if (lt_redaction_map_get_size (map) > 0)
    self->unmask_map = g_steal_pointer (&map);

  for (guint i = 0;
       self->unmask_map != NULL && !any_unmaskable && i < g_list_model_get_n_items (events);
       i++)
    {
      g_autoptr(LtTicketEvent) event = g_list_model_get_item (events, i);
      g_autoptr(GPtrArray) spans = NULL;

      if (!lt_ticket_event_is_from_vendor (event, (const char * const *) self->customer_names))
        continue;
      spans = lt_redaction_map_unmask (self->unmask_map, lt_ticket_event_get_body (event) ?: "");
      any_unmaskable = spans->len > 0;
    }
  /* The switch is there only where it changes something. */
  gtk_widget_set_visible (self->real_names_box, any_unmaskable);
}

static void
load_events (LtTicketDetail *self)
{
  LtStore *store = self->context != NULL ? lt_context_get_store (self->context) : NULL;
  g_autoptr(GError) error = NULL;

  if (self->held)
    return;
  if (self->ticket == NULL || store == NULL)
    {
      /* Not built: nothing bound to unbind. */
      if (self->timeline_list != NULL)
        gtk_list_box_bind_model (self->timeline_list, NULL, NULL, NULL, NULL);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.copy-history", FALSE);
      return;
    }

  ensure_ticket_page (self);
  if (!lt_store_load_ticket_events (store, self->ticket, &error))
    lt_ui_show_error (GTK_WIDGET (self), _("The ticket’s history could not be read"), error);
  load_unmasking (self, store);

  gtk_list_box_bind_model (self->timeline_list, lt_ticket_get_events (self->ticket),
                           create_event_row, self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.copy-history",
                                 g_list_model_get_n_items (lt_ticket_get_events (self->ticket)) > 0);
}

static void
ticket_notify_cb (LtTicketDetail *self)
{
  update (self);
}

/* A comment queued here, or the history a sync brought. */
static void
events_changed_cb (LtTicketDetail *self)
{
  load_events (self);
}

static void
lt_ticket_detail_dispose (GObject *object)
{
  LtTicketDetail *self = (LtTicketDetail *) object;

  if (self->ticket != NULL)
    g_signal_handlers_disconnect_by_data (self->ticket, self);
  g_clear_object (&self->ticket);
  g_clear_object (&self->context);
  g_clear_object (&self->unmask_map);
  g_clear_pointer (&self->customer_names, g_strfreev);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_TICKET_DETAIL);

  G_OBJECT_CLASS (lt_ticket_detail_parent_class)->dispose (object);
}

static void
lt_ticket_detail_class_init (LtTicketDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_ticket_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-ticket-detail.ui");

  gtk_widget_class_install_action (widget_class, "ticket.comment", NULL, ticket_action);
  gtk_widget_class_install_action (widget_class, "ticket.attach", NULL, attach_action);
  gtk_widget_class_install_action (widget_class, "ticket.attach-diagnostics", NULL, attach_diagnostics_action);
  gtk_widget_class_install_action (widget_class, "ticket.confirm-closure", NULL, ticket_action);
  gtk_widget_class_install_action (widget_class, "ticket.not-fixed", NULL, ticket_action);
  gtk_widget_class_install_action (widget_class, "ticket.reopen", NULL, ticket_action);
  gtk_widget_class_install_action (widget_class, "ticket.new-referencing", NULL, new_referencing_action);
  gtk_widget_class_install_action (widget_class, "ticket.escalate", NULL, ticket_action);
  gtk_widget_class_install_action (widget_class, "ticket.withdraw", NULL, ticket_action);
  gtk_widget_class_install_action (widget_class, "ticket.copy-history", NULL, copy_history_action);
}

static void
lt_ticket_detail_init (LtTicketDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
lt_ticket_detail_set_context (LtTicketDetail *self,
                              LtContext      *context)
{
  g_return_if_fail (LT_IS_TICKET_DETAIL (self));
  g_return_if_fail (LT_IS_CONTEXT (context));

  if (!g_set_object (&self->context, context))
    return;

  g_signal_connect_object (lt_context_get_clock (context), "tick",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::policy",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  if (lt_context_get_store (context) != NULL)
    {
      g_signal_connect_object (lt_context_get_store (context), "changed::ticket_events",
                               G_CALLBACK (events_changed_cb), self, G_CONNECT_SWAPPED);
      /* A bundle made meanwhile taught the map new names. */
      g_signal_connect_object (lt_context_get_store (context), "changed::redaction_map",
                               G_CALLBACK (events_changed_cb), self, G_CONNECT_SWAPPED);
    }
  bind_real_names (self);
  g_signal_connect_object (lt_context_get_settings (context), "changed::show-real-names",
                           G_CALLBACK (events_changed_cb), self, G_CONNECT_SWAPPED);
  update (self);
}

void
lt_ticket_detail_set_tier (LtTicketDetail *self,
                           gboolean        known,
                           LtTier          tier)
{
  g_return_if_fail (LT_IS_TICKET_DETAIL (self));

  self->tier_known = known;
  self->tier = tier;
  update (self);
}

LtTicket *
lt_ticket_detail_get_ticket (LtTicketDetail *self)
{
  g_return_val_if_fail (LT_IS_TICKET_DETAIL (self), NULL);

  return self->ticket;
}

/* @ticket becomes the one the actions are for; the caller shows it. */
static void
take_ticket (LtTicketDetail *self,
             LtTicket       *ticket)
{
  if (self->ticket != NULL)
    g_signal_handlers_disconnect_by_data (self->ticket, self);
  g_set_object (&self->ticket, ticket);
  if (ticket != NULL)
    {
      g_signal_connect_object (ticket, "notify", G_CALLBACK (ticket_notify_cb), self, G_CONNECT_SWAPPED);
      /* The closing a sync brings gets its reason under it. */
      g_signal_connect_object (ticket, "notify::close-reason", G_CALLBACK (load_events), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
show_ticket (LtTicketDetail *self)
{
  self->held = FALSE;
  load_events (self);
  update (self);

  /* Another ticket is read from its top, not at the depth the previous
   * one was left at. The same ticket updated by a sync keeps its place:
   * this runs only when the ticket shown changes. */
  if (self->scroller != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
lt_ticket_detail_set_ticket (LtTicketDetail *self,
                             LtTicket       *ticket)
{
  g_return_if_fail (LT_IS_TICKET_DETAIL (self));
  g_return_if_fail (ticket == NULL || LT_IS_TICKET (ticket));

  if (self->ticket == ticket && !self->held)
    return;

  take_ticket (self, ticket);
  show_ticket (self);
}

/**
 * lt_ticket_detail_hold_ticket:
 * @self: a detail
 * @ticket: (nullable): the ticket to show next
 *
 * Takes @ticket without showing it: building and laying out a ticket's
 * pane costs a frame of its own, which a search as you type must not
 * pay at every keystroke. Until lt_ticket_detail_show_held() (or
 * lt_ticket_detail_set_ticket()), the pane keeps showing the ticket
 * before, and every action is disabled, so that nothing acts on a ticket
 * other than the one shown.
 */
void
lt_ticket_detail_hold_ticket (LtTicketDetail *self,
                              LtTicket       *ticket)
{
  g_return_if_fail (LT_IS_TICKET_DETAIL (self));
  g_return_if_fail (ticket == NULL || LT_IS_TICKET (ticket));

  if (self->ticket == ticket)
    return;

  take_ticket (self, ticket);
  if (self->held)
    return;
  self->held = TRUE;
  self->allowed = LT_CUSTOMER_ACTION_NONE;
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), action_names[i].name, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.copy-history", FALSE);
}

/**
 * lt_ticket_detail_show_held:
 * @self: a detail
 *
 * Shows the ticket lt_ticket_detail_hold_ticket() took, if it is still
 * held.
 */
void
lt_ticket_detail_show_held (LtTicketDetail *self)
{
  g_return_if_fail (LT_IS_TICKET_DETAIL (self));

  if (self->held)
    show_ticket (self);
}

/**
 * lt_ticket_detail_get_held:
 * @self: a detail
 *
 * Returns: whether the ticket taken is not shown yet
 *   (lt_ticket_detail_hold_ticket())
 */
gboolean
lt_ticket_detail_get_held (LtTicketDetail *self)
{
  g_return_val_if_fail (LT_IS_TICKET_DETAIL (self), FALSE);

  return self->held;
}

LtCustomerAction
lt_ticket_detail_get_allowed_actions (LtTicketDetail *self)
{
  g_return_val_if_fail (LT_IS_TICKET_DETAIL (self), LT_CUSTOMER_ACTION_NONE);

  return self->ticket != NULL ? self->allowed : LT_CUSTOMER_ACTION_NONE;
}

GtkWidget *
lt_ticket_detail_get_dialog (LtTicketDetail *self)
{
  g_return_val_if_fail (LT_IS_TICKET_DETAIL (self), NULL);

  return self->dialog;
}

void
lt_ticket_detail_scroll_to_history (LtTicketDetail *self)
{
  GtkWidget *content;
  graphene_point_t point;

  g_return_if_fail (LT_IS_TICKET_DETAIL (self));

  /* No ticket shown yet: no history to scroll to. */
  if (self->scroller == NULL)
    return;
  /* The viewport's child: where the group sits in the scrolled content. */
  content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (self->scroller));
  if (content == NULL ||
      !gtk_widget_compute_point (self->history_group, content, &GRAPHENE_POINT_INIT (0, 0), &point))
    return;
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), point.y);
}
