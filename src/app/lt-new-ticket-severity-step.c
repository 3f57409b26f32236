/* lt-new-ticket-severity-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-new-ticket-severity-step"

#include "config.h"

#include "lt-new-ticket-severity-step.h"

#include "lt-rules.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtNewTicketSeverityStep
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  GtkSwitch            *security_switch;
  AdwExpanderRow       *outage_row;
  GtkSwitch            *no_workaround_switch;
  GtkSwitch            *all_users_switch;
  GtkSwitch            *degraded_switch;
  GtkSwitch            *limited_switch;
  GtkSwitch            *enhancement_switch;
  AdwActionRow         *verdict_row;
  GtkLabel             *verdict_badge;
  AdwActionRow         *phone_row;
  GtkLabel             *phone_label;

  /* Owned */
  LtContext            *context;
  LtSeverityAssessment  assessment;
  gboolean              assessed;
  char                 *assessment_error;
  gboolean              break_fix;
};

static void lt_new_ticket_severity_step_iface_init (LtNewTicketStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtNewTicketSeverityStep, lt_new_ticket_severity_step, ADW_TYPE_PREFERENCES_PAGE,
                               G_IMPLEMENT_INTERFACE (LT_TYPE_NEW_TICKET_STEP,
                                                      lt_new_ticket_severity_step_iface_init))

enum {
  PROP_0,
  PROP_BREAK_FIX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
severity_title (LtSeverity severity)
{
  switch (severity)
    {
    case LT_SEVERITY_S1:
      return _("Severity 1: Critical");
    case LT_SEVERITY_S2:
      return _("Severity 2: Major");
    case LT_SEVERITY_S3:
      return _("Severity 3: Minor");
    case LT_SEVERITY_FEATURE:
    default:
      return _("Feature Request");
    }
}

static void
assess (LtNewTicketSeverityStep *self)
{
  LtSeverityAnswers answers = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean outage = adw_expander_row_get_enable_expansion (self->outage_row);

  answers.security = gtk_switch_get_active (self->security_switch);
  answers.outage = outage;
  answers.no_workaround = outage && gtk_switch_get_active (self->no_workaround_switch);
  answers.all_users = outage && gtk_switch_get_active (self->all_users_switch);
  answers.degraded = gtk_switch_get_active (self->degraded_switch);
  answers.limited = gtk_switch_get_active (self->limited_switch);
  answers.enhancement = gtk_switch_get_active (self->enhancement_switch);
  answers.break_fix = self->break_fix;

  lt_severity_assessment_clear (&self->assessment);
  g_clear_pointer (&self->assessment_error, g_free);
  self->assessed = lt_rules_assess_severity (&answers, &self->assessment, &error);
  if (!self->assessed)
    self->assessment_error = g_strdup (error->message);

  if (self->assessed)
    {
      g_autofree char *escaped = g_markup_escape_text (self->assessment.reason, -1);
      gboolean critical = lt_rules_shows_critical_phone (self->assessment.severity,
                                                         self->assessment.security_incident);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row),
                                     severity_title (self->assessment.severity));
      adw_action_row_set_subtitle (self->verdict_row, escaped);
      gtk_label_set_text (self->verdict_badge, lt_severity_get_label (self->assessment.severity));
      lt_ui_set_style_class (GTK_WIDGET (self->verdict_badge), lt_ui_badge_classes,
                             lt_ui_severity_style_class (self->assessment.severity));
      gtk_widget_set_visible (GTK_WIDGET (self->verdict_badge), TRUE);

      /* R10: the critical line for S1 and security incidents only. */
      gtk_widget_set_visible (GTK_WIDGET (self->phone_row), critical);
      if (critical)
        {
          const char *phone = lt_policy_get_critical_phone (lt_context_get_policy (self->context));

          gtk_label_set_text (self->phone_label, phone);
          adw_action_row_set_subtitle (self->phone_row,
                                       self->assessment.security_incident
                                       ? _("A security incident is always Severity 1 (§16): call as well as filing.")
                                       : _("For Severity 1, call as well as filing: the line is staffed around the clock."));
        }
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row), _("Not Decided Yet"));
      adw_action_row_set_subtitle (self->verdict_row, _("Answer the question that describes the impact."));
      gtk_widget_set_visible (GTK_WIDGET (self->verdict_badge), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->phone_row), FALSE);
    }
}

static void
answers_changed_cb (LtNewTicketSeverityStep *self)
{
  assess (self);
  /* The criteria step comes and goes with the feature answer. */
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

gboolean
lt_new_ticket_severity_step_is_feature (LtNewTicketSeverityStep *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_SEVERITY_STEP (self), FALSE);

  return self->assessed && self->assessment.severity == LT_SEVERITY_FEATURE;
}

/* ---- LtNewTicketStep ---------------------------------------------------- */

static void
severity_set_context (LtNewTicketStep *step,
                      LtContext       *context)
{
  LtNewTicketSeverityStep *self = LT_NEW_TICKET_SEVERITY_STEP (step);

  g_set_object (&self->context, context);
  assess (self);
}

static char *
severity_dup_blocker (LtNewTicketStep *step)
{
  LtNewTicketSeverityStep *self = LT_NEW_TICKET_SEVERITY_STEP (step);

  return self->assessed ? NULL : g_strdup (self->assessment_error);
}

static void
severity_fill (LtNewTicketStep  *step,
               LtNewTicketDraft *draft)
{
  LtNewTicketSeverityStep *self = LT_NEW_TICKET_SEVERITY_STEP (step);

  lt_ticket_set_severity (draft->ticket, self->assessment.severity);
  lt_ticket_set_security_incident (draft->ticket, self->assessment.security_incident);
}

static void
severity_summarize (LtNewTicketStep *step,
                    GtkListBox      *summary)
{
  LtNewTicketSeverityStep *self = LT_NEW_TICKET_SEVERITY_STEP (step);
  g_autofree char *severity = NULL;

  severity = g_strdup_printf ("%s%s", self->assessed ? severity_title (self->assessment.severity) : "—",
                              self->break_fix ? _(" · worked before (break/fix)") : "");
  lt_new_ticket_step_add_summary_row (summary, _("Severity"), severity);
}

static void
lt_new_ticket_severity_step_iface_init (LtNewTicketStepInterface *iface)
{
  iface->set_context = severity_set_context;
  iface->dup_blocker = severity_dup_blocker;
  iface->fill = severity_fill;
  iface->summarize = severity_summarize;
}

/* ---- GObject ------------------------------------------------------------ */

static void
lt_new_ticket_severity_step_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  LtNewTicketSeverityStep *self = LT_NEW_TICKET_SEVERITY_STEP (object);

  switch (prop_id)
    {
    case PROP_BREAK_FIX:
      g_value_set_boolean (value, self->break_fix);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_new_ticket_severity_step_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  LtNewTicketSeverityStep *self = LT_NEW_TICKET_SEVERITY_STEP (object);

  switch (prop_id)
    {
    case PROP_BREAK_FIX:
      if (self->break_fix == g_value_get_boolean (value))
        break;
      self->break_fix = g_value_get_boolean (value);
      /* An answer, but one that never changes which steps show. */
      if (self->context != NULL)
        assess (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_new_ticket_severity_step_dispose (GObject *object)
{
  LtNewTicketSeverityStep *self = LT_NEW_TICKET_SEVERITY_STEP (object);

  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_NEW_TICKET_SEVERITY_STEP);

  G_OBJECT_CLASS (lt_new_ticket_severity_step_parent_class)->dispose (object);
}

static void
lt_new_ticket_severity_step_finalize (GObject *object)
{
  LtNewTicketSeverityStep *self = LT_NEW_TICKET_SEVERITY_STEP (object);

  lt_severity_assessment_clear (&self->assessment);
  g_free (self->assessment_error);

  G_OBJECT_CLASS (lt_new_ticket_severity_step_parent_class)->finalize (object);
}

static void
lt_new_ticket_severity_step_class_init (LtNewTicketSeverityStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lt_new_ticket_severity_step_get_property;
  object_class->set_property = lt_new_ticket_severity_step_set_property;
  object_class->dispose = lt_new_ticket_severity_step_dispose;
  object_class->finalize = lt_new_ticket_severity_step_finalize;

  properties[PROP_BREAK_FIX] =
    g_param_spec_boolean ("break-fix", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-new-ticket-severity-step.ui");
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, security_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, outage_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, no_workaround_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, all_users_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, degraded_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, limited_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, enhancement_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, verdict_badge);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, phone_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketSeverityStep, phone_label);
  gtk_widget_class_bind_template_callback (widget_class, answers_changed_cb);
}

/* AdwExpanderRow 1.2 makes its enable switch itself and gives it no name
 * (nor a way to reach it): it is the row's first switch, ahead of the
 * nested "No workaround" one. */
static void
name_outage_switch (LtNewTicketSeverityStep *self)
{
  GtkWidget *toggle = lt_ui_find_descendant (GTK_WIDGET (self->outage_row), GTK_TYPE_SWITCH);

  if (toggle != NULL && toggle != GTK_WIDGET (self->no_workaround_switch))
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("A total outage"),
                                    -1);
}

static void
lt_new_ticket_severity_step_init (LtNewTicketSeverityStep *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_outage_switch (self);
}
