/* lt-new-ticket-category-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-new-ticket-category-step"

#include "config.h"

#include "lt-new-ticket-category-step.h"

#include "lt-rules.h"

#include <glib/gi18n-lib.h>

struct _LtNewTicketCategoryStep
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  GtkListBox           *in_scope_list;
  GtkListBox           *out_scope_list;
  GtkWidget            *scope_group;
  GtkLabel             *scope_warning_label;
  GtkCheckButton       *scope_ack_check;

  /* Owned */
  LtContext            *context;
  char                 *category;
  gboolean              out_of_scope;
};

static void lt_new_ticket_category_step_iface_init (LtNewTicketStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtNewTicketCategoryStep, lt_new_ticket_category_step, ADW_TYPE_PREFERENCES_PAGE,
                               G_IMPLEMENT_INTERFACE (LT_TYPE_NEW_TICKET_STEP,
                                                      lt_new_ticket_category_step_iface_init))

static void
category_toggled_cb (GtkCheckButton          *check,
                     LtNewTicketCategoryStep *self)
{
  LtScopeCheck scope = { 0 };
  g_autoptr(GError) error = NULL;

  if (!gtk_check_button_get_active (check))
    return;

  g_free (self->category);
  self->category = g_strdup (g_object_get_data (G_OBJECT (check), "lt-category"));

  if (!lt_rules_check_scope_for_policy (lt_context_get_policy (self->context), self->category,
                                        &scope, &error))
    {
      self->out_of_scope = FALSE;
      gtk_widget_set_visible (self->scope_group, FALSE);
      g_warning ("%s", error->message);
      lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
      return;
    }

  self->out_of_scope = scope.needs_acknowledgement;
  gtk_widget_set_visible (self->scope_group, scope.needs_acknowledgement);
  gtk_label_set_text (self->scope_warning_label, scope.warning != NULL ? scope.warning : "");
  gtk_check_button_set_active (self->scope_ack_check, FALSE);
  lt_scope_check_clear (&scope);

  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

static void
build_categories (LtNewTicketCategoryStep *self)
{
  const LtScopeCategory *categories;
  guint n = 0;
  GtkCheckButton *group = NULL;

  categories = lt_policy_get_scope_categories (lt_context_get_policy (self->context), &n);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *escaped = g_markup_escape_text (categories[i].label, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, categories[i].label,
                                      -1);
      g_object_set_data_full (G_OBJECT (check), "lt-category", g_strdup (categories[i].id), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (category_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

      gtk_list_box_append (categories[i].in_scope ? self->in_scope_list : self->out_scope_list, row);
    }
}

static const char *
category_label (LtNewTicketCategoryStep *self)
{
  const LtScopeCategory *category = self->category != NULL
                                    ? lt_policy_find_scope_category (lt_context_get_policy (self->context),
                                                                     self->category)
                                    : NULL;

  return category != NULL ? category->label : self->category;
}

static void
ack_toggled_cb (LtNewTicketCategoryStep *self)
{
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

/* ---- LtNewTicketStep ---------------------------------------------------- */

static void
category_set_context (LtNewTicketStep *step,
                      LtContext       *context)
{
  LtNewTicketCategoryStep *self = LT_NEW_TICKET_CATEGORY_STEP (step);

  g_set_object (&self->context, context);
  build_categories (self);
}

static char *
category_dup_blocker (LtNewTicketStep *step)
{
  LtNewTicketCategoryStep *self = LT_NEW_TICKET_CATEGORY_STEP (step);

  if (self->category == NULL)
    return g_strdup (_("Choose what the ticket is about"));
  if (self->out_of_scope && !gtk_check_button_get_active (self->scope_ack_check))
    return g_strdup (_("Confirm that you understand the category is outside the support scope"));
  return NULL;
}

static void
category_fill (LtNewTicketStep  *step,
               LtNewTicketDraft *draft)
{
  LtNewTicketCategoryStep *self = LT_NEW_TICKET_CATEGORY_STEP (step);

  lt_ticket_set_category (draft->ticket, self->category);
  draft->options.scope_acknowledged = self->out_of_scope && gtk_check_button_get_active (self->scope_ack_check);
}

static void
category_summarize (LtNewTicketStep *step,
                    GtkListBox      *summary)
{
  LtNewTicketCategoryStep *self = LT_NEW_TICKET_CATEGORY_STEP (step);
  g_autofree char *category = NULL;

  category = self->out_of_scope ? g_strdup_printf (_("%s · outside the support scope, acknowledged"),
                                                   category_label (self))
                                : g_strdup (category_label (self));
  lt_new_ticket_step_add_summary_row (summary, _("Category"), category);
}

static void
lt_new_ticket_category_step_iface_init (LtNewTicketStepInterface *iface)
{
  iface->set_context = category_set_context;
  iface->dup_blocker = category_dup_blocker;
  iface->fill = category_fill;
  iface->summarize = category_summarize;
}

/* ---- GObject ------------------------------------------------------------ */

static void
lt_new_ticket_category_step_dispose (GObject *object)
{
  LtNewTicketCategoryStep *self = LT_NEW_TICKET_CATEGORY_STEP (object);

  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_NEW_TICKET_CATEGORY_STEP);

  G_OBJECT_CLASS (lt_new_ticket_category_step_parent_class)->dispose (object);
}

static void
lt_new_ticket_category_step_finalize (GObject *object)
{
  LtNewTicketCategoryStep *self = LT_NEW_TICKET_CATEGORY_STEP (object);

  g_free (self->category);

  G_OBJECT_CLASS (lt_new_ticket_category_step_parent_class)->finalize (object);
}

static void
lt_new_ticket_category_step_class_init (LtNewTicketCategoryStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_new_ticket_category_step_dispose;
  object_class->finalize = lt_new_ticket_category_step_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-new-ticket-category-step.ui");
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketCategoryStep, in_scope_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketCategoryStep, out_scope_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketCategoryStep, scope_group);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketCategoryStep, scope_warning_label);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketCategoryStep, scope_ack_check);
  gtk_widget_class_bind_template_callback (widget_class, ack_toggled_cb);
}

static void
lt_new_ticket_category_step_init (LtNewTicketCategoryStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
