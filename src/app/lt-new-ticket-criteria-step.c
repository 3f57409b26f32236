/* lt-new-ticket-criteria-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-new-ticket-criteria-step"

#include "config.h"

#include "lt-new-ticket-criteria-step.h"

#include "lt-rules.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtNewTicketCriteriaStep
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *criteria_group;
  AdwActionRow         *review_row;

  /* Owned */
  LtContext            *context;
  GPtrArray            *criteria_rows;   /* AdwEntryRow, in the policy's order */
};

static void lt_new_ticket_criteria_step_iface_init (LtNewTicketStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtNewTicketCriteriaStep, lt_new_ticket_criteria_step, ADW_TYPE_PREFERENCES_PAGE,
                               G_IMPLEMENT_INTERFACE (LT_TYPE_NEW_TICKET_STEP,
                                                      lt_new_ticket_criteria_step_iface_init))

static void
build_criteria (LtNewTicketCriteriaStep *self)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  const char * const *labels = lt_policy_get_feature_criteria (policy);
  GDate today, next;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      /* The criteria come with the portal's policy: plain text. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), labels[i]);
      g_signal_connect_object (row, "changed", G_CALLBACK (lt_new_ticket_step_changed), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->criteria_group, row);
      g_ptr_array_add (self->criteria_rows, row);
    }

  lt_clock_get_local_today (lt_context_get_clock (self->context), &today);
  lt_rules_next_feature_review_for_policy (policy, &today, &next);
  when = lt_ui_format_date_long (&next, &today);
  text = g_strdup_printf (_("Starts %s. Requests filed before then are weighed at that review."), when);
  adw_action_row_set_subtitle (self->review_row, text);
}

static JsonObject *
dup_criteria (LtNewTicketCriteriaStep *self)
{
  const char * const *ids = lt_policy_get_feature_criterion_ids (lt_context_get_policy (self->context));
  JsonObject *criteria = json_object_new ();

  for (guint i = 0; i < self->criteria_rows->len && ids != NULL && ids[i] != NULL; i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (g_ptr_array_index (self->criteria_rows, i))));

      json_object_set_string_member (criteria, ids[i], text);
    }

  return criteria;
}

/* ---- LtNewTicketStep ---------------------------------------------------- */

static void
criteria_set_context (LtNewTicketStep *step,
                      LtContext       *context)
{
  LtNewTicketCriteriaStep *self = LT_NEW_TICKET_CRITERIA_STEP (step);

  g_set_object (&self->context, context);
  build_criteria (self);
}

static char *
criteria_dup_blocker (LtNewTicketStep *step)
{
  LtNewTicketCriteriaStep *self = LT_NEW_TICKET_CRITERIA_STEP (step);

  for (guint i = 0; i < self->criteria_rows->len; i++)
    if (lt_new_ticket_step_is_blank (gtk_editable_get_text (g_ptr_array_index (self->criteria_rows, i))))
      return g_strdup (_("Answer every prioritisation criterion"));
  return NULL;
}

/* Filled only when shown: for a feature request. */
static void
criteria_fill (LtNewTicketStep  *step,
               LtNewTicketDraft *draft)
{
  LtNewTicketCriteriaStep *self = LT_NEW_TICKET_CRITERIA_STEP (step);

  g_clear_pointer (&draft->criteria, json_object_unref);
  draft->criteria = dup_criteria (self);
  draft->options.feature_criteria = draft->criteria;
}

static void
criteria_summarize (LtNewTicketStep *step,
                    GtkListBox      *summary)
{
  LtNewTicketCriteriaStep *self = LT_NEW_TICKET_CRITERIA_STEP (step);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u criterion answered",
                                                         "%u criteria answered",
                                                         self->criteria_rows->len),
                                            self->criteria_rows->len);

  lt_new_ticket_step_add_summary_row (summary, _("Prioritisation Criteria"), count);
}

static void
lt_new_ticket_criteria_step_iface_init (LtNewTicketStepInterface *iface)
{
  iface->set_context = criteria_set_context;
  iface->dup_blocker = criteria_dup_blocker;
  iface->fill = criteria_fill;
  iface->summarize = criteria_summarize;
}

/* ---- GObject ------------------------------------------------------------ */

static void
lt_new_ticket_criteria_step_dispose (GObject *object)
{
  LtNewTicketCriteriaStep *self = LT_NEW_TICKET_CRITERIA_STEP (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->criteria_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_NEW_TICKET_CRITERIA_STEP);

  G_OBJECT_CLASS (lt_new_ticket_criteria_step_parent_class)->dispose (object);
}

static void
lt_new_ticket_criteria_step_class_init (LtNewTicketCriteriaStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_new_ticket_criteria_step_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-new-ticket-criteria-step.ui");
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketCriteriaStep, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketCriteriaStep, review_row);
}

static void
lt_new_ticket_criteria_step_init (LtNewTicketCriteriaStep *self)
{
  self->criteria_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
