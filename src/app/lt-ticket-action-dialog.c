/* lt-ticket-action-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-ticket-action-dialog"

#include "config.h"

#include "lt-ticket-action-dialog.h"
#include "lt-ticket-action-dialog-private.h"

#include "lt-actions.h"
#include "lt-error.h"
#include "lt-rules.h"
#include "lt-sensitive.h"
#include "lt-shortcuts.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtTicketActionDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkLabel         *text_title;
  GtkTextView      *text_view;
  GtkLabel         *hint_label;
  GtkWidget        *warning_box;
  GtkLabel         *warning_label;

  /* Owned */
  LtContext        *context;
  LtTicket         *ticket;
  GPtrArray        *findings;   /* LtSensitiveFinding of the text now */
  LtCustomerAction  action;
  gboolean          required;
};

G_DEFINE_FINAL_TYPE (LtTicketActionDialog, lt_ticket_action_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  QUEUED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_text (LtTicketActionDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return *g_strstrip (copy) == '\0';
}

static void
text_changed_cb (LtTicketActionDialog *self)
{
  g_autofree char *text = dup_text (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply",
                                           !self->required || !is_blank (text));

  /* Before anything leaves: a password pasted with a log line. */
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = lt_sensitive_scan (text);
  gtk_widget_set_visible (self->warning_box, self->findings->len > 0);
  if (self->findings->len > 0)
    {
      const LtSensitiveFinding *first = g_ptr_array_index (self->findings, 0);
      g_autofree char *message = NULL;

      if (self->findings->len == 1)
        /* TRANSLATORS: "Password on line 2 looks like a secret. …" */
        message = g_strdup_printf (_("%s on line %u looks like a secret. LockThreat never needs it."),
                                   lt_sensitive_kind_get_label (first->kind), first->line);
      else
        message = g_strdup_printf (/* TRANSLATORS: "Password on line 2 and 3 more look like secrets. …" */
                                   g_dngettext (GETTEXT_PACKAGE,
                                                "%s on line %u and %u more look like secrets. LockThreat never needs them.",
                                                "%s on line %u and %u more look like secrets. LockThreat never needs them.",
                                                self->findings->len - 1),
                                   lt_sensitive_kind_get_label (first->kind), first->line,
                                   self->findings->len - 1);
      gtk_label_set_text (self->warning_label, message);
    }
}

static void
mask_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtTicketActionDialog *self = LT_TICKET_ACTION_DIALOG (widget);
  g_autofree char *text = dup_text (self);
  g_autoptr(GPtrArray) findings = lt_sensitive_scan (text);
  g_autofree char *masked = lt_sensitive_redact (text, findings);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), masked, -1);
}

/* Ctrl+Enter (lt-shortcuts.c): what the response button does, at once
 * (a button's activation emits ::clicked only after its animation), and
 * nothing while the response is disabled (the text is missing). */
static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (widget), "apply"))
    return;

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (widget), "apply");
  gtk_window_close (GTK_WINDOW (widget));
}

/* ---- Doing it -------------------------------------------------------- */

static char *
perform (LtTicketActionDialog  *self,
         const char            *text,
         GError               **error)
{
  LtOutbox *outbox = lt_context_get_outbox (self->context);
  LtPolicy *policy = lt_context_get_policy (self->context);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  const char *optional = is_blank (text) ? NULL : text;

  if (outbox == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_STORE,
                           _("The local database is not open, so nothing can be queued"));
      return NULL;
    }

  switch (self->action)
    {
    case LT_CUSTOMER_ACTION_COMMENT:
    case LT_CUSTOMER_ACTION_NOT_FIXED:
      /* "Not fixed" is the customer's comment on a resolved ticket; the
       * portal moves it back to in progress. */
      return lt_actions_comment (outbox, policy, self->ticket, text, now, error);
    case LT_CUSTOMER_ACTION_CONFIRM_CLOSURE:
      return lt_actions_confirm_closure (outbox, policy, self->ticket, optional, now, error);
    case LT_CUSTOMER_ACTION_REOPEN:
      return lt_actions_reopen (outbox, policy, self->ticket, text, now, error);
    case LT_CUSTOMER_ACTION_ESCALATE:
      return lt_actions_escalate (outbox, policy, self->ticket, text, NULL, now, error);
    case LT_CUSTOMER_ACTION_WITHDRAW:
      return lt_actions_withdraw_ticket (outbox, policy, self->ticket, optional, now, error);
    case LT_CUSTOMER_ACTION_NONE:
    case LT_CUSTOMER_ACTION_ATTACH:
    case LT_CUSTOMER_ACTION_NEW_REFERENCING:
    default:
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("This action has no dialog"));
      return NULL;
    }
}

static const char *
queued_message (LtCustomerAction action)
{
  switch (action)
    {
    case LT_CUSTOMER_ACTION_COMMENT:
      return _("Comment added");
    case LT_CUSTOMER_ACTION_NOT_FIXED:
      return _("Sent back to LockThreat as not fixed");
    case LT_CUSTOMER_ACTION_CONFIRM_CLOSURE:
      return _("Closure confirmed");
    case LT_CUSTOMER_ACTION_REOPEN:
      return _("Ticket reopened");
    case LT_CUSTOMER_ACTION_ESCALATE:
      return _("Escalation requested");
    case LT_CUSTOMER_ACTION_WITHDRAW:
      return _("Ticket withdrawn");
    case LT_CUSTOMER_ACTION_NONE:
    case LT_CUSTOMER_ACTION_ATTACH:
    case LT_CUSTOMER_ACTION_NEW_REFERENCING:
    default:
      return _("Saved");
    }
}

static void
lt_ticket_action_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  LtTicketActionDialog *self = LT_TICKET_ACTION_DIALOG (dialog);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "apply") != 0)
    return;

  text = dup_text (self);
  key = perform (self, text, &error);
  if (key == NULL)
    {
      /* The dialog closes after a response; the parent keeps the error. */
      if (parent != NULL)
        lt_ui_show_error (GTK_WIDGET (parent), _("The action could not be saved"), error);
      else
        g_warning ("%s", error->message);
      return;
    }

  if (parent != NULL)
    lt_ui_show_toast (GTK_WIDGET (parent), queued_message (self->action));
  g_signal_emit (self, signals[QUEUED], 0, key);
}

/* ---- Words ------------------------------------------------------------ */

static const char *
ticket_name (LtTicket *ticket)
{
  return lt_ticket_get_id (ticket) != NULL ? lt_ticket_get_id (ticket) : _("this ticket");
}

static void
describe (LtTicketActionDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  LtPolicy *policy = lt_context_get_policy (self->context);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  const char *name = ticket_name (self->ticket);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *label = NULL;
  const char *text_title = _("Comment");
  const char *hint = NULL;
  AdwResponseAppearance appearance = ADW_RESPONSE_SUGGESTED;

  switch (self->action)
    {
    case LT_CUSTOMER_ACTION_COMMENT:
      heading = g_strdup_printf (_("Comment on %s"), name);
      body = g_strdup (lt_ticket_get_state (self->ticket) == LT_TICKET_STATE_AWAITING_CUSTOMER
                       ? _("LockThreat is waiting for your answer; your comment gives the ticket back to them.")
                       : _("LockThreat Support sees your comment with the ticket’s history."));
      label = _("_Add Comment");
      self->required = TRUE;
      break;
    case LT_CUSTOMER_ACTION_NOT_FIXED:
      heading = g_strdup (_("Not Fixed?"));
      body = g_strdup_printf (_("Say what still happens. %s goes back to LockThreat as in progress."), name);
      label = _("_Send Back");
      text_title = _("What still happens");
      self->required = TRUE;
      break;
    case LT_CUSTOMER_ACTION_CONFIRM_CLOSURE:
      {
        g_autoptr(GDateTime) until = lt_lifecycle_reopen_until_for_policy (policy, now);
        g_autofree char *when = lt_ui_format_instant (until);

        heading = g_strdup_printf (_("Confirm %s Is Fixed?"), name);
        body = g_strdup_printf (_("The ticket is closed as confirmed. You can still reopen it until %s."), when);
        label = _("_Confirm Closure");
        text_title = _("Note (optional)");
        break;
      }
    case LT_CUSTOMER_ACTION_REOPEN:
      {
        g_autoptr(GDateTime) until = lt_ticket_dup_reopen_until (self->ticket, policy);
        g_autofree char *when = until != NULL ? lt_ui_format_instant (until) : g_strdup ("—");

        heading = g_strdup_printf (_("Reopen %s?"), name);
        body = g_strdup_printf (_("The reopen window ends %s (§14). Say what happened since it was closed."), when);
        label = _("_Reopen");
        text_title = _("Reason");
        self->required = TRUE;
        break;
      }
    case LT_CUSTOMER_ACTION_ESCALATE:
      {
        const LtEscalationLevel *next = lt_ticket_get_next_escalation (self->ticket, policy, NULL);

        if (next != NULL)
          {
            heading = g_strdup_printf (_("Escalate to Level %u?"), next->level);
            body = g_strdup_printf (_("%s (level %u) takes over the follow-up of %s. An escalation needs a reason (§9)."),
                                    next->title, next->level, name);
          }
        else
          {
            heading = g_strdup (_("Escalate?"));
            body = g_strdup (_("The ticket is at the highest escalation level."));
          }
        label = _("_Escalate");
        text_title = _("Reason");
        hint = _("Say what is at stake and since when; the reason goes to the next level as written.");
        self->required = TRUE;
        break;
      }
    case LT_CUSTOMER_ACTION_WITHDRAW:
      heading = g_strdup_printf (_("Withdraw %s?"), name);
      body = g_strdup (_("The ticket is closed as withdrawn: you no longer need LockThreat’s help with it. You can reopen it within the reopen window."));
      label = _("_Withdraw");
      text_title = _("Reason (optional)");
      appearance = ADW_RESPONSE_DESTRUCTIVE;
      break;
    case LT_CUSTOMER_ACTION_NONE:
    case LT_CUSTOMER_ACTION_ATTACH:
    case LT_CUSTOMER_ACTION_NEW_REFERENCING:
    default:
      g_return_if_reached ();
    }

  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_set_response_label (dialog, "apply", label);
  adw_message_dialog_set_response_appearance (dialog, "apply", appearance);
  gtk_label_set_text_with_mnemonic (self->text_title, text_title);
  gtk_label_set_text (self->hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), hint != NULL);
  /* Named by its title label (the mnemonic widget's relation); a label
   * property as well would double it: "Comment Comment". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, self->required,
                                  -1);
  text_changed_cb (self);
}

/* ---- GObject ------------------------------------------------------------ */

static void
lt_ticket_action_dialog_dispose (GObject *object)
{
  LtTicketActionDialog *self = (LtTicketActionDialog *) object;

  g_clear_object (&self->context);
  g_clear_object (&self->ticket);
  g_clear_pointer (&self->findings, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_TICKET_ACTION_DIALOG);

  G_OBJECT_CLASS (lt_ticket_action_dialog_parent_class)->dispose (object);
}

static void
lt_ticket_action_dialog_class_init (LtTicketActionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = lt_ticket_action_dialog_dispose;
  dialog_class->response = lt_ticket_action_dialog_response;

  /**
   * LtTicketActionDialog::queued:
   * @key: the outbox item's idempotency key
   *
   * The action was saved and queued for the portal.
   */
  signals[QUEUED] = g_signal_new ("queued", G_TYPE_FROM_CLASS (klass),
                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-ticket-action-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LtTicketActionDialog, text_title);
  gtk_widget_class_bind_template_child (widget_class, LtTicketActionDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, LtTicketActionDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, LtTicketActionDialog, warning_box);
  gtk_widget_class_bind_template_child (widget_class, LtTicketActionDialog, warning_label);

  gtk_widget_class_install_action (widget_class, "action-dialog.mask", NULL, mask_action);
  gtk_widget_class_install_action (widget_class, "action-dialog.submit", NULL, submit_action);
}

static void
lt_ticket_action_dialog_init (LtTicketActionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Before the text view: Ctrl+Enter submits, never a newline. */
  lt_shortcuts_attach (GTK_WIDGET (self), "action-dialog.submit");

  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
lt_ticket_action_dialog_new (LtContext        *context,
                             LtTicket         *ticket,
                             LtCustomerAction  action)
{
  LtTicketActionDialog *self;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);

  self = g_object_new (LT_TYPE_TICKET_ACTION_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->ticket = g_object_ref (ticket);
  self->action = action;
  describe (self);

  return GTK_WIDGET (self);
}

void
lt_ticket_action_dialog_set_text (LtTicketActionDialog *self,
                                  const char           *text)
{
  g_return_if_fail (LT_IS_TICKET_ACTION_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "", -1);
}

gboolean
lt_ticket_action_dialog_can_apply (LtTicketActionDialog *self)
{
  g_return_val_if_fail (LT_IS_TICKET_ACTION_DIALOG (self), FALSE);

  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "apply");
}

const char *
lt_ticket_action_dialog_get_warning (LtTicketActionDialog *self)
{
  g_return_val_if_fail (LT_IS_TICKET_ACTION_DIALOG (self), NULL);

  if (!gtk_widget_get_visible (self->warning_box))
    return NULL;

  return gtk_label_get_text (self->warning_label);
}
