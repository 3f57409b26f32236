/* lt-new-ticket-review-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-new-ticket-review-step"

#include "config.h"

#include "lt-new-ticket-review-step.h"

#include "lt-rules.h"
#include "lt-store-account.h"

#include <glib/gi18n-lib.h>

struct _LtNewTicketReviewStep
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  GtkListBox           *summary_list;
  GtkWidget            *contact_group;
  AdwActionRow         *contact_row;
  GtkLabel             *submit_error_label;

  /* Owned */
  LtContext            *context;
};

static void lt_new_ticket_review_step_iface_init (LtNewTicketStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtNewTicketReviewStep, lt_new_ticket_review_step, ADW_TYPE_PREFERENCES_PAGE,
                               G_IMPLEMENT_INTERFACE (LT_TYPE_NEW_TICKET_STEP,
                                                      lt_new_ticket_review_step_iface_init))

/* The contact tickets from here name (R10); NULL when none is complete,
 * with @message saying why. */
static LtContact *
dup_valid_contact (LtNewTicketReviewStep  *self,
                   char                  **message)
{
  g_autoptr(LtContact) contact = lt_context_dup_primary_contact (self->context);
  g_autoptr(GError) error = NULL;

  if (contact == NULL)
    {
      *message = g_strdup (_("No primary technical contact is known yet. Add one in Preferences; LockThreat needs a name, an email address and a telephone number."));
      return NULL;
    }
  if (!lt_rules_validate_primary_contact (contact->name, contact->email, contact->phone, &error))
    {
      *message = g_strdup (error->message);
      return NULL;
    }

  *message = NULL;
  return g_steal_pointer (&contact);
}

void
lt_new_ticket_review_step_summarize_steps (LtNewTicketReviewStep *self,
                                           GPtrArray             *steps)
{
  g_autofree char *message = NULL;
  g_autoptr(LtContact) contact = NULL;

  g_return_if_fail (LT_IS_NEW_TICKET_REVIEW_STEP (self));
  g_return_if_fail (steps != NULL);

  lt_new_ticket_step_clear_list (self->summary_list);

  for (guint i = 0; i < steps->len; i++)
    lt_new_ticket_step_summarize (g_ptr_array_index (steps, i), self->summary_list);

  contact = dup_valid_contact (self, &message);
  if (contact != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s · %s · %s", contact->name, contact->email, contact->phone);

      lt_new_ticket_step_add_summary_row (self->summary_list, _("Primary Technical Contact"), text);
    }
  gtk_widget_set_visible (self->contact_group, contact == NULL);
  if (message != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_action_row_set_subtitle (self->contact_row, escaped);
    }
}

void
lt_new_ticket_review_step_set_error (LtNewTicketReviewStep *self,
                                     const char            *message)
{
  g_return_if_fail (LT_IS_NEW_TICKET_REVIEW_STEP (self));

  if (message != NULL)
    gtk_label_set_text (self->submit_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->submit_error_label), message != NULL);
}

/* ---- LtNewTicketStep ---------------------------------------------------- */

static void
review_set_context (LtNewTicketStep *step,
                    LtContext       *context)
{
  LtNewTicketReviewStep *self = LT_NEW_TICKET_REVIEW_STEP (step);

  g_set_object (&self->context, context);
}

static char *
review_dup_blocker (LtNewTicketStep *step)
{
  LtNewTicketReviewStep *self = LT_NEW_TICKET_REVIEW_STEP (step);
  g_autofree char *message = NULL;
  /* Only its verdict counts here: the message when it is not valid. */
  G_GNUC_UNUSED g_autoptr(LtContact) contact = dup_valid_contact (self, &message);

  if (lt_context_get_outbox (self->context) == NULL)
    return g_strdup (_("The local database is not open, so the ticket cannot be queued"));
  return g_steal_pointer (&message);
}

/* The ticket's "contact" is for someone other than the account's primary
 * contact: the one saved in Preferences for this computer (R10), when it
 * differs. */
static void
review_fill (LtNewTicketStep  *step,
             LtNewTicketDraft *draft)
{
  LtNewTicketReviewStep *self = LT_NEW_TICKET_REVIEW_STEP (step);
  g_autoptr(LtContact) contact = lt_context_dup_primary_contact (self->context);
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(LtAccount) account = store != NULL ? lt_store_load_account (store, NULL) : NULL;
  const LtContact *primary = account != NULL ? lt_account_get_primary_contact (account) : NULL;
  g_autofree char *text = NULL;

  if (contact == NULL || (primary != NULL && lt_contact_equal (contact, primary)))
    return;

  text = g_strdup_printf ("%s <%s>, %s", contact->name, contact->email, contact->phone);
  /* The portal's limit; a name that long is cut, never refused. */
  if (g_utf8_strlen (text, -1) > 200)
    *g_utf8_offset_to_pointer (text, 200) = '\0';
  lt_ticket_set_contact (draft->ticket, text);
}

static void
lt_new_ticket_review_step_iface_init (LtNewTicketStepInterface *iface)
{
  iface->set_context = review_set_context;
  iface->dup_blocker = review_dup_blocker;
  iface->fill = review_fill;
}

/* ---- GObject ------------------------------------------------------------ */

static void
lt_new_ticket_review_step_dispose (GObject *object)
{
  LtNewTicketReviewStep *self = LT_NEW_TICKET_REVIEW_STEP (object);

  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_NEW_TICKET_REVIEW_STEP);

  G_OBJECT_CLASS (lt_new_ticket_review_step_parent_class)->dispose (object);
}

static void
lt_new_ticket_review_step_class_init (LtNewTicketReviewStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_new_ticket_review_step_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-new-ticket-review-step.ui");
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketReviewStep, summary_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketReviewStep, contact_group);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketReviewStep, contact_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketReviewStep, submit_error_label);
}

static void
lt_new_ticket_review_step_init (LtNewTicketReviewStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
