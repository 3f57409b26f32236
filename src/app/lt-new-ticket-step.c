/* lt-new-ticket-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-new-ticket-step"

#include "config.h"

#include "lt-new-ticket-step.h"

#include <string.h>

G_DEFINE_INTERFACE (LtNewTicketStep, lt_new_ticket_step, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lt_new_ticket_step_default_init (LtNewTicketStepInterface *iface)
{
  /**
   * LtNewTicketStep::changed:
   *
   * The step's blocker may have changed: the assistant asks again.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_INTERFACE (iface),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

void
lt_new_ticket_draft_init (LtNewTicketDraft *draft)
{
  g_return_if_fail (draft != NULL);

  memset (draft, 0, sizeof *draft);
  draft->ticket = lt_ticket_new_draft ();
  draft->attachments = g_ptr_array_new ();
}

void
lt_new_ticket_draft_clear (LtNewTicketDraft *draft)
{
  g_return_if_fail (draft != NULL);

  g_clear_object (&draft->ticket);
  g_clear_pointer (&draft->criteria, json_object_unref);
  g_clear_pointer (&draft->attachments, g_ptr_array_unref);
}

void
lt_new_ticket_step_set_context (LtNewTicketStep *self,
                                LtContext       *context)
{
  g_return_if_fail (LT_IS_NEW_TICKET_STEP (self));
  g_return_if_fail (LT_IS_CONTEXT (context));

  LT_NEW_TICKET_STEP_GET_IFACE (self)->set_context (self, context);
}

char *
lt_new_ticket_step_dup_blocker (LtNewTicketStep *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_STEP (self), NULL);

  return LT_NEW_TICKET_STEP_GET_IFACE (self)->dup_blocker (self);
}

void
lt_new_ticket_step_fill (LtNewTicketStep  *self,
                         LtNewTicketDraft *draft)
{
  g_return_if_fail (LT_IS_NEW_TICKET_STEP (self));
  g_return_if_fail (draft != NULL);

  if (LT_NEW_TICKET_STEP_GET_IFACE (self)->fill != NULL)
    LT_NEW_TICKET_STEP_GET_IFACE (self)->fill (self, draft);
}

void
lt_new_ticket_step_summarize (LtNewTicketStep *self,
                              GtkListBox      *summary)
{
  g_return_if_fail (LT_IS_NEW_TICKET_STEP (self));
  g_return_if_fail (GTK_IS_LIST_BOX (summary));

  if (LT_NEW_TICKET_STEP_GET_IFACE (self)->summarize != NULL)
    LT_NEW_TICKET_STEP_GET_IFACE (self)->summarize (self, summary);
}

void
lt_new_ticket_step_changed (LtNewTicketStep *self)
{
  g_return_if_fail (LT_IS_NEW_TICKET_STEP (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

void
lt_new_ticket_step_add_summary_row (GtkListBox *summary,
                                    const char *title,
                                    const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (value != NULL && *value != '\0' ? value : "—", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (row, "lt-property");
  gtk_list_box_append (summary, row);
}

gboolean
lt_new_ticket_step_is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return *g_strstrip (copy) == '\0';
}

void
lt_new_ticket_step_clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}
