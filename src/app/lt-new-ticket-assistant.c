/* lt-new-ticket-assistant.c
 *
 * Each step reads its widgets and asks core; the assistant keeps no
 * verdict of its own. validate() computes what blocks the current step
 * (shown as the Next button's tooltip and, on the last step, in place),
 * and the Next action is enabled exactly when nothing does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-new-ticket-assistant"

#include "config.h"

#include "lt-new-ticket-assistant.h"

#include "lt-actions.h"
#include "lt-bundle-dialog.h"
#include "lt-error.h"
#include "lt-portal-client.h"
#include "lt-release.h"
#include "lt-rules.h"
#include "lt-sensitive.h"
#include "lt-store-entities.h"
#include "lt-shortcuts.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

typedef struct
{
  char      *path;
  char      *name;
  guint64    size;
  GPtrArray *findings;   /* LtSensitiveFinding */
  char      *bundle_dir; /* a part of a diagnostics bundle: its folder */
  guint      part;       /* 1-based, of n_parts */
  guint      n_parts;
} Attachment;

static void
attachment_free (Attachment *attachment)
{
  g_free (attachment->path);
  g_free (attachment->name);
  g_clear_pointer (&attachment->findings, g_ptr_array_unref);
  g_free (attachment->bundle_dir);
  g_free (attachment);
}

struct _LtNewTicketAssistant
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *back_button;
  GtkButton            *next_button;
  GtkProgressBar       *step_progress;
  GtkStack             *stack;
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
  GtkListBox           *in_scope_list;
  GtkListBox           *out_scope_list;
  GtkWidget            *scope_group;
  GtkLabel             *scope_warning_label;
  GtkCheckButton       *scope_ack_check;
  AdwComboRow          *installation_row;
  GtkStringList        *installation_model;
  AdwEntryRow          *version_row;
  AdwActionRow         *eligibility_row;
  GtkLabel             *eligibility_badge;
  AdwEntryRow          *known_issues_row;
  GtkLabel             *fix_warning_label;
  GtkLabel             *issues_error_label;
  AdwPreferencesGroup  *criteria_group;
  AdwActionRow         *review_row;
  AdwEntryRow          *title_row;
  GtkSwitch            *break_fix_switch;
  AdwActionRow         *references_row;
  GtkTextView          *description_view;
  GtkListBox           *attachments_list;
  GtkWidget            *sensitive_group;
  GtkWidget            *mask_button;
  GtkListBox           *findings_list;
  GtkWidget            *sensitive_ack_list;
  GtkCheckButton       *sensitive_ack_check;
  GtkListBox           *summary_list;
  GtkWidget            *contact_group;
  AdwActionRow         *contact_row;
  GtkLabel             *submit_error_label;

  /* Borrowed */
  GtkWidget            *bundle_dialog;   /* while it is shown */

  /* Owned */
  LtContext            *context;
  GPtrArray            *installations;   /* LtInstallation, in the combo's order */
  GPtrArray            *criteria_rows;   /* AdwEntryRow, in the policy's order */
  GPtrArray            *attachments;     /* Attachment */
  GPtrArray            *title_findings;
  GPtrArray            *description_findings;
  LtSeverityAssessment  assessment;
  gboolean              assessed;
  char                 *assessment_error;
  char                 *category;
  gboolean              out_of_scope;
  char                 *version_error;
  char                 *issues_error;
  char                 *references;
  char                 *filed_key;
  char                 *blocker;
  guint                 step;            /* index into the visible steps */
  gboolean              filling;         /* setting entries from code */
};

G_DEFINE_FINAL_TYPE (LtNewTicketAssistant, lt_new_ticket_assistant, ADW_TYPE_WINDOW)

static const char * const all_steps[] = {
  "severity", "category", "installation", "criteria", "details", "review",
};

static void validate (LtNewTicketAssistant *self);

/* ---- Steps ------------------------------------------------------------ */

static gboolean
is_feature (LtNewTicketAssistant *self)
{
  return self->assessed && self->assessment.severity == LT_SEVERITY_FEATURE;
}

/* The steps this ticket goes through: criteria only for a feature
 * request. */
static GPtrArray *
visible_steps (LtNewTicketAssistant *self)
{
  GPtrArray *steps = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (all_steps); i++)
    if (!g_str_equal (all_steps[i], "criteria") || is_feature (self))
      g_ptr_array_add (steps, (gpointer) all_steps[i]);

  return steps;
}

static const char *
current_step (LtNewTicketAssistant *self)
{
  g_autoptr(GPtrArray) steps = visible_steps (self);

  return g_ptr_array_index (steps, MIN (self->step, steps->len - 1));
}

static void
show_step (LtNewTicketAssistant *self)
{
  g_autoptr(GPtrArray) steps = visible_steps (self);
  const char *name;
  GtkStackPage *page;
  g_autofree char *subtitle = NULL;
  gboolean last;

  self->step = MIN (self->step, steps->len - 1);
  name = g_ptr_array_index (steps, self->step);
  last = self->step == steps->len - 1;

  gtk_stack_set_visible_child_name (self->stack, name);
  page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));
  /* TRANSLATORS: the assistant's subtitle, "Step 2 of 5: Category" */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), self->step + 1, steps->len,
                              gtk_stack_page_get_title (page));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_progress_bar_set_fraction (self->step_progress, (double) (self->step + 1) / steps->len);

  gtk_button_set_label (self->back_button, self->step == 0 ? _("_Cancel") : _("_Back"));
  gtk_button_set_label (self->next_button, last ? _("_Submit") : _("_Next"));

  validate (self);
}

/* ---- Severity (R6) ------------------------------------------------------ */

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
assess (LtNewTicketAssistant *self)
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
  answers.break_fix = gtk_switch_get_active (self->break_fix_switch);

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
answers_changed_cb (LtNewTicketAssistant *self)
{
  assess (self);
  /* The criteria step comes and goes with the feature answer. */
  show_step (self);
}

/* ---- Category (R7) ---------------------------------------------------- */

static void
category_toggled_cb (GtkCheckButton       *check,
                     LtNewTicketAssistant *self)
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
      validate (self);
      return;
    }

  self->out_of_scope = scope.needs_acknowledgement;
  gtk_widget_set_visible (self->scope_group, scope.needs_acknowledgement);
  gtk_label_set_text (self->scope_warning_label, scope.warning != NULL ? scope.warning : "");
  gtk_check_button_set_active (self->scope_ack_check, FALSE);
  lt_scope_check_clear (&scope);

  validate (self);
}

static void
build_categories (LtNewTicketAssistant *self)
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

/* ---- Installation and version (R1, R2, §12) ------------------------------ */

static void
check_known_issues (LtNewTicketAssistant *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->known_issues_row));
  g_autoptr(LtVersion) version = NULL;
  g_auto(GStrv) ids = g_regex_split_simple ("[\\s,;]+", text, 0, 0);
  g_autoptr(GString) warnings = g_string_new (NULL);
  LtReleaseCatalog *catalog = lt_context_get_catalog (self->context);

  g_clear_pointer (&self->issues_error, g_free);
  version = lt_version_parse (gtk_editable_get_text (GTK_EDITABLE (self->version_row)), NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *warning = NULL;

      if (*ids[i] == '\0')
        continue;

      if (!lt_release_validate_issue_id (ids[i], &error))
        {
          self->issues_error = g_strdup (error->message);
          break;
        }

      /* §12: fixed in a newer release than the one installed. */
      if (version != NULL &&
          lt_release_catalog_find_fix (catalog, version, ids[i], NULL, &warning, NULL) &&
          warning != NULL)
        {
          if (warnings->len > 0)
            g_string_append (warnings, "\n\n");
          g_string_append (warnings, warning);
        }
    }

  gtk_label_set_text (self->fix_warning_label, warnings->str);
  gtk_widget_set_visible (GTK_WIDGET (self->fix_warning_label), warnings->len > 0);
  gtk_label_set_text (self->issues_error_label, self->issues_error != NULL ? self->issues_error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->issues_error_label), self->issues_error != NULL);
}

static void
check_version (LtNewTicketAssistant *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->version_row))));
  g_autoptr(LtVersion) version = NULL;
  g_autoptr(LtEligibility) eligibility = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) message = NULL;
  g_autofree char *escaped = NULL;

  g_clear_pointer (&self->version_error, g_free);

  if (*text == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (self->eligibility_row), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->version_row), "error");
      check_known_issues (self);
      return;
    }

  version = lt_version_parse (text, &error);
  if (version == NULL)
    {
      self->version_error = g_strdup (error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->version_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->eligibility_row), TRUE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->eligibility_row), _("Not a Version"));
      escaped = g_markup_escape_text (error->message, -1);
      adw_action_row_set_subtitle (self->eligibility_row, escaped);
      gtk_widget_set_visible (GTK_WIDGET (self->eligibility_badge), FALSE);
      check_known_issues (self);
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->version_row), "error");
  eligibility = lt_release_catalog_check_version_for_policy (lt_context_get_catalog (self->context), version,
                                                             lt_context_get_policy (self->context));
  message = g_string_new (eligibility->message);
  if (eligibility->withdrawn_message != NULL)
    g_string_append_printf (message, "\n%s", eligibility->withdrawn_message);
  escaped = g_markup_escape_text (message->str, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->eligibility_row),
                                 eligibility->hotfix_eligible ? _("Eligible for Fixes")
                                                              : _("Not Eligible for Fixes"));
  adw_action_row_set_subtitle (self->eligibility_row, escaped);
  gtk_label_set_text (self->eligibility_badge, lt_ui_eligibility_badge (eligibility));
  lt_ui_set_style_class (GTK_WIDGET (self->eligibility_badge), lt_ui_badge_classes,
                         lt_ui_eligibility_style_class (eligibility));
  gtk_widget_set_visible (GTK_WIDGET (self->eligibility_badge), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->eligibility_row), TRUE);

  check_known_issues (self);
}

static void
version_changed_cb (LtNewTicketAssistant *self)
{
  check_version (self);
  validate (self);
}

static void
known_issues_changed_cb (LtNewTicketAssistant *self)
{
  check_known_issues (self);
  validate (self);
}

static LtInstallation *
selected_installation (LtNewTicketAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->installation_row);

  if (selected < self->installations->len)
    return g_ptr_array_index (self->installations, selected);

  return NULL;
}

static void
installation_selected_cb (LtNewTicketAssistant *self)
{
  LtInstallation *installation = selected_installation (self);
  const char *version = installation != NULL ? lt_installation_get_detected_version (installation) : NULL;

  if (self->filling)
    return;

  /* The detected version is the likely answer; it can still be typed. */
  if (version != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->version_row), version);
  validate (self);
}

static void
build_installations (LtNewTicketAssistant *self)
{
  LtStoreInstallations *installations = lt_context_get_installations (self->context);
  guint n = installations != NULL ? g_list_model_get_n_items (G_LIST_MODEL (installations)) : 0;

  self->filling = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (G_LIST_MODEL (installations), i);

      g_ptr_array_add (self->installations, g_object_ref (installation));
      gtk_string_list_append (self->installation_model, lt_installation_get_name (installation));
    }
  gtk_string_list_append (self->installation_model, _("Another Installation"));
  adw_combo_row_set_selected (self->installation_row, 0);
  self->filling = FALSE;

  installation_selected_cb (self);
}

/* ---- Feature criteria (R12, §15) ---------------------------------------- */

static void
build_criteria (LtNewTicketAssistant *self)
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
      g_signal_connect_object (row, "changed", G_CALLBACK (validate), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->criteria_group, row);
      g_ptr_array_add (self->criteria_rows, row);
    }

  lt_clock_get_local_today (lt_context_get_clock (self->context), &today);
  lt_rules_next_feature_review_for_policy (policy, &today, &next);
  when = lt_ui_format_date_long (&next, &today);
  text = g_strdup_printf (_("Starts %s. Requests filed before then are weighed at that review."), when);
  adw_action_row_set_subtitle (self->review_row, text);
}

/* ---- Details: text, attachments, sensitive data -------------------------- */

static char *
dup_description (LtNewTicketAssistant *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
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

static void remove_attachment (LtNewTicketAssistant *self,
                               const char           *path);

static void
remove_clicked_cb (GtkButton            *button,
                   LtNewTicketAssistant *self)
{
  remove_attachment (self, g_object_get_data (G_OBJECT (button), "lt-path"));
}

static GtkWidget *
create_remove_button (LtNewTicketAssistant *self,
                      Attachment           *attachment)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *label = g_strdup_printf (_("Remove %s"), attachment->name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "lt-path", g_strdup (attachment->path), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self, 0);

  return button;
}

static void replace_with_redacted_copy (LtNewTicketAssistant *self,
                                        const char           *path);

static void
redact_clicked_cb (GtkButton            *button,
                   LtNewTicketAssistant *self)
{
  replace_with_redacted_copy (self, g_object_get_data (G_OBJECT (button), "lt-path"));
}

/* For a file with secrets: send a redacted copy instead. */
static GtkWidget *
create_redact_button (LtNewTicketAssistant *self,
                      Attachment           *attachment)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Redacted Copy"));
  g_autofree char *label = g_strdup_printf (_("Attach a redacted copy of %s instead"), attachment->name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "lt-path", g_strdup (attachment->path), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (redact_clicked_cb), self, 0);

  return button;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
add_finding_rows (LtNewTicketAssistant *self,
                  GPtrArray            *findings,
                  const char           *where,
                  Attachment           *attachment)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const LtSensitiveFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *title = NULL;
      g_autofree char *escaped_title = NULL;
      g_autofree char *escaped_excerpt = g_markup_escape_text (finding->excerpt, -1);

      /* TRANSLATORS: "Password · Description, line 3, column 12" */
      title = g_strdup_printf (_("%s · %s, line %u, column %u"),
                               lt_sensitive_kind_get_label (finding->kind), where,
                               finding->line, finding->column);
      escaped_title = g_markup_escape_text (title, -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_excerpt);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Possible secret"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (attachment != NULL && i == 0)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_remove_button (self, attachment));
      gtk_list_box_append (self->findings_list, row);
    }
}

static guint
count_findings (LtNewTicketAssistant *self)
{
  guint n = 0;

  n += self->title_findings != NULL ? self->title_findings->len : 0;
  n += self->description_findings != NULL ? self->description_findings->len : 0;
  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);

      n += attachment->findings != NULL ? attachment->findings->len : 0;
    }

  return n;
}

static void
update_findings (LtNewTicketAssistant *self)
{
  guint n_text = 0;
  guint n;

  clear_list (self->findings_list);
  add_finding_rows (self, self->title_findings, _("Title"), NULL);
  add_finding_rows (self, self->description_findings, _("Description"), NULL);
  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);

      add_finding_rows (self, attachment->findings, attachment->name, attachment);
    }

  n_text = self->title_findings->len + self->description_findings->len;
  n = count_findings (self);

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing that looks like a password, a token or a key"));
      gtk_widget_add_css_class (icon, "success");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("No secrets found"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->findings_list, row);
      gtk_check_button_set_active (self->sensitive_ack_check, FALSE);
    }

  gtk_widget_set_visible (self->mask_button, n_text > 0);
  gtk_widget_set_visible (self->sensitive_ack_list, n > 0);
}

static void
scan_texts (LtNewTicketAssistant *self)
{
  g_autofree char *description = dup_description (self);

  g_clear_pointer (&self->title_findings, g_ptr_array_unref);
  g_clear_pointer (&self->description_findings, g_ptr_array_unref);
  self->title_findings = lt_sensitive_scan (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  self->description_findings = lt_sensitive_scan (description);
  update_findings (self);
}

static void
text_changed_cb (LtNewTicketAssistant *self)
{
  scan_texts (self);
  validate (self);
}

static void
mask_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtNewTicketAssistant *self = LT_NEW_TICKET_ASSISTANT (widget);
  g_autofree char *description = dup_description (self);
  g_autofree char *title = lt_sensitive_redact (gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                                                self->title_findings);
  g_autofree char *masked = lt_sensitive_redact (description, self->description_findings);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), masked, -1);
}

static void
update_attachments (LtNewTicketAssistant *self)
{
  clear_list (self->attachments_list);

  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (attachment->bundle_dir != NULL ? "folder-documents-symbolic"
                                                                                      : "text-x-generic-symbolic");
      g_autofree char *size = g_format_size (attachment->size);
      g_autofree char *escaped = g_markup_escape_text (attachment->name, -1);
      g_autofree char *subtitle = NULL;

      if (attachment->bundle_dir != NULL && attachment->n_parts > 1)
        /* TRANSLATORS: "Diagnostics bundle, part 1 of 3 · 9.8 MB" */
        subtitle = g_strdup_printf (_("Diagnostics bundle, part %u of %u · %s"),
                                    attachment->part, attachment->n_parts, size);
      else if (attachment->bundle_dir != NULL)
        subtitle = g_strdup_printf (_("Diagnostics bundle, redacted · %s"), size);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : size);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      attachment->bundle_dir != NULL ? _("Diagnostics bundle") : _("File"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (attachment->findings != NULL && attachment->findings->len > 0)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_redact_button (self, attachment));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), create_remove_button (self, attachment));
      gtk_list_box_append (self->attachments_list, row);
    }

  if (self->attachments->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *limit = g_format_size_full (LT_PORTAL_MAX_UPLOAD_SIZE, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *text = g_strdup_printf (_("Logs or a diagnostic bundle help; up to %s each."), limit);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No Files"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      gtk_list_box_append (self->attachments_list, row);
    }

  update_findings (self);
}

static void
remove_attachment (LtNewTicketAssistant *self,
                   const char           *path)
{
  g_autofree char *bundle_dir = NULL;

  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);

      if (g_strcmp0 (attachment->path, path) == 0)
        {
          bundle_dir = g_strdup (attachment->bundle_dir);
          g_ptr_array_remove_index (self->attachments, i);
          break;
        }
    }

  /* A part alone is of no use: the bundle goes whole, with its folder. */
  if (bundle_dir != NULL)
    {
      for (guint i = self->attachments->len; i > 0; i--)
        {
          Attachment *attachment = g_ptr_array_index (self->attachments, i - 1);

          if (g_strcmp0 (attachment->bundle_dir, bundle_dir) == 0)
            g_ptr_array_remove_index (self->attachments, i - 1);
        }
      lt_ui_remove_profile_folder (bundle_dir);
    }

  update_attachments (self);
  validate (self);
}

/* The attachment @path is replaced by a redacted copy (secrets and
 * identities, as in a bundle: lt_ui_write_redacted_copy()), in
 * the profile's cache; the file itself is untouched. */
static void
replace_with_redacted_copy (LtNewTicketAssistant *self,
                            const char           *path)
{
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;

  if (store == NULL)
    return;

  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);

      if (g_strcmp0 (attachment->path, path) != 0)
        continue;

      {
        g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));

        copy = lt_ui_write_redacted_copy (path, store, now, &error);
      }
      if (copy == NULL)
        {
          lt_ui_show_error (GTK_WIDGET (self), _("The redacted copy could not be written"), error);
          return;
        }
      g_free (attachment->path);
      attachment->path = g_steal_pointer (&copy);
      g_clear_pointer (&attachment->findings, g_ptr_array_unref);
      attachment->findings = lt_ui_scan_file (attachment->path, NULL);
      if (attachment->findings == NULL)
        attachment->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_sensitive_finding_free);
      {
        g_autofree char *message = g_strdup_printf (_("“%s” will be sent redacted, secrets and identities replaced; the original is unchanged"),
                                                    attachment->name);

        lt_ui_show_toast (GTK_WIDGET (self), message);
      }
      break;
    }

  update_attachments (self);
  validate (self);
}

/**
 * lt_new_ticket_assistant_redact_attachment:
 * @self: the assistant
 * @path: an attachment added with lt_new_ticket_assistant_add_attachment()
 *
 * What the attachment's "Redacted Copy" button does.
 */
void
lt_new_ticket_assistant_redact_attachment (LtNewTicketAssistant *self,
                                           const char           *path)
{
  g_autofree char *absolute = NULL;

  g_return_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self));
  g_return_if_fail (path != NULL);

  absolute = g_canonicalize_filename (path, NULL);
  replace_with_redacted_copy (self, absolute);
}

gboolean
lt_new_ticket_assistant_add_attachment (LtNewTicketAssistant  *self,
                                        const char            *path,
                                        GError               **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *display = NULL;
  Attachment *attachment;
  GStatBuf st;

  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  absolute = g_canonicalize_filename (path, NULL);
  display = g_filename_display_name (absolute);

  for (guint i = 0; i < self->attachments->len; i++)
    if (g_strcmp0 (((Attachment *) g_ptr_array_index (self->attachments, i))->path, absolute) == 0)
      return TRUE;

  /* The same checks lt-actions makes when filing, said now. */
  if (g_stat (absolute, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND, _("“%s” is not a file that can be attached"), display);
      return FALSE;
    }
  if (st.st_size > LT_PORTAL_MAX_UPLOAD_SIZE)
    {
      g_autofree char *limit = g_format_size_full (LT_PORTAL_MAX_UPLOAD_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is larger than the %s the portal accepts"), display, limit);
      return FALSE;
    }

  attachment = g_new0 (Attachment, 1);
  attachment->path = g_steal_pointer (&absolute);
  attachment->name = g_filename_display_basename (attachment->path);
  attachment->size = (guint64) st.st_size;
  attachment->findings = lt_ui_scan_file (attachment->path, error);
  if (attachment->findings == NULL)
    {
      attachment_free (attachment);
      return FALSE;
    }
  g_ptr_array_add (self->attachments, attachment);

  update_attachments (self);
  validate (self);
  return TRUE;
}

static void
file_chosen_cb (GtkNativeDialog      *chooser,
                int                   response,
                LtNewTicketAssistant *self)
{
  /* Dropped at the end of the scope, whichever way it is left. */
  G_GNUC_UNUSED g_autoptr(GtkNativeDialog) owned = chooser;
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !lt_new_ticket_assistant_add_attachment (self, path, &error))
        lt_ui_show_error (GTK_WIDGET (self), _("The file cannot be attached"), error);
    }
}

static void
add_file_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Attach Files"), GTK_WINDOW (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * lt_new_ticket_assistant_add_bundle:
 * @self: the assistant
 * @parts: (element-type LtBundlePart): a diagnostics bundle's parts
 * @directory: the folder of the profile's `bundles/` that holds them; the
 *   assistant removes it if the bundle is removed or the ticket not filed
 *
 * What Attach in the "Attach Diagnostics…" dialog does for a draft:
 * each part becomes an attachment of the ticket, filed with it.
 */
void
lt_new_ticket_assistant_add_bundle (LtNewTicketAssistant *self,
                                    GPtrArray            *parts,
                                    const char           *directory)
{
  g_return_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self));
  g_return_if_fail (parts != NULL);
  g_return_if_fail (directory != NULL);

  for (guint i = 0; i < parts->len; i++)
    {
      const LtBundlePart *part = g_ptr_array_index (parts, i);
      Attachment *attachment = g_new0 (Attachment, 1);

      attachment->path = g_strdup (part->path);
      attachment->name = g_filename_display_basename (part->path);
      attachment->size = part->size;
      /* Redacted already, and an archive: nothing for the text scanner. */
      attachment->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_sensitive_finding_free);
      attachment->bundle_dir = g_strdup (directory);
      attachment->part = i + 1;
      attachment->n_parts = parts->len;
      g_ptr_array_add (self->attachments, attachment);
    }

  update_attachments (self);
  validate (self);
}

static void
bundle_attached_cb (LtBundleDialog       *dialog,
                    GPtrArray            *parts,
                    const char           *directory,
                    LtNewTicketAssistant *self)
{
  lt_new_ticket_assistant_add_bundle (self, parts, directory);
}

static void
bundle_dialog_destroyed_cb (LtNewTicketAssistant *self)
{
  self->bundle_dialog = NULL;
}

static void
attach_diagnostics_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  LtNewTicketAssistant *self = LT_NEW_TICKET_ASSISTANT (widget);
  GtkWidget *dialog;

  if (self->bundle_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->bundle_dialog));
      return;
    }

  dialog = lt_bundle_dialog_new (self->context, NULL);
  self->bundle_dialog = dialog;
  g_signal_connect_object (dialog, "bundle-attached", G_CALLBACK (bundle_attached_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (bundle_dialog_destroyed_cb), self, G_CONNECT_SWAPPED);
  lt_ui_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
}

GtkWidget *
lt_new_ticket_assistant_get_bundle_dialog (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), NULL);

  return self->bundle_dialog;
}

guint
lt_new_ticket_assistant_get_n_attachments (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), 0);

  return self->attachments->len;
}

/* ---- Review (R10) ----------------------------------------------------------- */

static void
add_summary (LtNewTicketAssistant *self,
             const char           *title,
             const char           *value)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (value != NULL && *value != '\0' ? value : "—", -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_widget_add_css_class (row, "lt-property");
  gtk_list_box_append (self->summary_list, row);
}

static const char *
category_label (LtNewTicketAssistant *self)
{
  const LtScopeCategory *category = self->category != NULL
                                    ? lt_policy_find_scope_category (lt_context_get_policy (self->context),
                                                                     self->category)
                                    : NULL;

  return category != NULL ? category->label : self->category;
}

/* The contact tickets from here name (R10); NULL when none is complete,
 * with @message saying why. */
static LtContact *
dup_valid_contact (LtNewTicketAssistant  *self,
                   char                 **message)
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

static void
build_summary (LtNewTicketAssistant *self)
{
  LtInstallation *installation = selected_installation (self);
  const char *version = gtk_editable_get_text (GTK_EDITABLE (self->version_row));
  g_autofree char *description = dup_description (self);
  g_autofree char *severity = NULL;
  g_autofree char *category = NULL;
  g_autofree char *message = NULL;
  g_autoptr(LtContact) contact = NULL;
  g_autoptr(GString) files = g_string_new (NULL);

  clear_list (self->summary_list);

  severity = g_strdup_printf ("%s%s", self->assessed ? severity_title (self->assessment.severity) : "—",
                              gtk_switch_get_active (self->break_fix_switch) ? _(" · worked before (break/fix)") : "");
  add_summary (self, _("Severity"), severity);
  category = self->out_of_scope ? g_strdup_printf (_("%s · outside the support scope, acknowledged"),
                                                   category_label (self))
                                : g_strdup (category_label (self));
  add_summary (self, _("Category"), category);
  add_summary (self, _("Installation"), installation != NULL ? lt_installation_get_name (installation) : NULL);
  add_summary (self, _("Installed Version"), version);
  add_summary (self, _("Known Issues"), gtk_editable_get_text (GTK_EDITABLE (self->known_issues_row)));
  if (is_feature (self))
    {
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u criterion answered",
                                                             "%u criteria answered",
                                                             self->criteria_rows->len),
                                                self->criteria_rows->len);

      add_summary (self, _("Prioritisation Criteria"), count);
    }
  if (self->references != NULL)
    add_summary (self, _("Follows Up"), self->references);
  add_summary (self, _("Title"), gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  add_summary (self, _("Description"), description);

  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);

      if (files->len > 0)
        g_string_append (files, ", ");
      g_string_append (files, attachment->name);
    }
  add_summary (self, _("Attachments"), files->len > 0 ? files->str : _("None"));

  contact = dup_valid_contact (self, &message);
  if (contact != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s · %s · %s", contact->name, contact->email, contact->phone);

      add_summary (self, _("Primary Technical Contact"), text);
    }
  gtk_widget_set_visible (self->contact_group, contact == NULL);
  if (message != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (message, -1);

      adw_action_row_set_subtitle (self->contact_row, escaped);
    }
}

/* ---- Validation and navigation --------------------------------------------- */

static char *
dup_blocker (LtNewTicketAssistant *self,
             const char           *step)
{
  if (g_str_equal (step, "severity"))
    return self->assessed ? NULL : g_strdup (self->assessment_error);

  if (g_str_equal (step, "category"))
    {
      if (self->category == NULL)
        return g_strdup (_("Choose what the ticket is about"));
      if (self->out_of_scope && !gtk_check_button_get_active (self->scope_ack_check))
        return g_strdup (_("Confirm that you understand the category is outside the support scope"));
      return NULL;
    }

  if (g_str_equal (step, "installation"))
    {
      const char *version = gtk_editable_get_text (GTK_EDITABLE (self->version_row));

      if (self->version_error != NULL)
        return g_strdup (self->version_error);
      if (is_blank (version) && !is_feature (self))
        return g_strdup (_("Give the installed version, so LockThreat can tell whether a fix exists"));
      return g_strdup (self->issues_error);
    }

  if (g_str_equal (step, "criteria"))
    {
      for (guint i = 0; i < self->criteria_rows->len; i++)
        if (is_blank (gtk_editable_get_text (g_ptr_array_index (self->criteria_rows, i))))
          return g_strdup (_("Answer every prioritisation criterion"));
      return NULL;
    }

  if (g_str_equal (step, "details"))
    {
      const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
      g_autofree char *description = dup_description (self);
      g_autoptr(GError) error = NULL;

      if (is_blank (title))
        return g_strdup (_("Give the ticket a title"));
      if (!lt_ticket_check_title_length (title, &error))
        return g_strdup (error->message);
      if (is_blank (description))
        return g_strdup (_("Describe what happens"));
      if (!lt_ticket_check_description_length (description, &error))
        return g_strdup (error->message);
      if (count_findings (self) > 0 && !gtk_check_button_get_active (self->sensitive_ack_check))
        return g_strdup (_("Mask or remove what looks secret, or confirm that it is not"));
      return NULL;
    }

  if (g_str_equal (step, "review"))
    {
      g_autofree char *message = NULL;
      /* Only its verdict counts here: the message when it is not valid. */
      G_GNUC_UNUSED g_autoptr(LtContact) contact = dup_valid_contact (self, &message);

      if (lt_context_get_outbox (self->context) == NULL)
        return g_strdup (_("The local database is not open, so the ticket cannot be queued"));
      return g_steal_pointer (&message);
    }

  return NULL;
}

static void
validate (LtNewTicketAssistant *self)
{
  g_free (self->blocker);
  self->blocker = dup_blocker (self, current_step (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next", self->blocker == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), self->blocker);
}

static void
validate_cb (LtNewTicketAssistant *self)
{
  validate (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtNewTicketAssistant *self = LT_NEW_TICKET_ASSISTANT (widget);

  if (self->step == 0)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  self->step--;
  gtk_widget_set_visible (GTK_WIDGET (self->submit_error_label), FALSE);
  show_step (self);
}

/* The ticket's "contact" is for someone other than the account's primary
 * contact: the one saved in Preferences for this computer (R10), when it
 * differs. */
static void
set_contact (LtNewTicketAssistant *self,
             LtTicket             *ticket)
{
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
  lt_ticket_set_contact (ticket, text);
}

static JsonObject *
dup_criteria (LtNewTicketAssistant *self)
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

static void
submit (LtNewTicketAssistant *self)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new_draft ();
  g_autoptr(JsonObject) criteria = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *description = dup_description (self);
  g_autofree char *version = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->version_row))));
  g_auto(GStrv) ids = g_regex_split_simple ("[\\s,;]+", gtk_editable_get_text (GTK_EDITABLE (self->known_issues_row)), 0, 0);
  g_autoptr(GPtrArray) known = g_ptr_array_new ();
  LtInstallation *installation = selected_installation (self);
  LtFileTicketOptions options = { 0 };
  LtSyncController *sync = lt_context_get_sync (self->context);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *key = NULL;

  lt_ticket_set_title (ticket, title);
  lt_ticket_set_description (ticket, g_strstrip (description));
  lt_ticket_set_severity (ticket, self->assessment.severity);
  lt_ticket_set_security_incident (ticket, self->assessment.security_incident);
  lt_ticket_set_break_fix (ticket, gtk_switch_get_active (self->break_fix_switch));
  lt_ticket_set_category (ticket, self->category);
  lt_ticket_set_product_version (ticket, *version != '\0' ? version : NULL);
  lt_ticket_set_installation (ticket, installation != NULL ? lt_installation_get_name (installation) : NULL);
  set_contact (self, ticket);

  for (guint i = 0; ids[i] != NULL; i++)
    if (*ids[i] != '\0')
      g_ptr_array_add (known, ids[i]);
  g_ptr_array_add (known, NULL);
  lt_ticket_set_known_issue_ids (ticket, (const char * const *) known->pdata);

  for (guint i = 0; i < self->attachments->len; i++)
    g_ptr_array_add (paths, ((Attachment *) g_ptr_array_index (self->attachments, i))->path);
  g_ptr_array_add (paths, NULL);

  if (is_feature (self))
    criteria = dup_criteria (self);
  options.feature_criteria = criteria;
  options.scope_acknowledged = self->out_of_scope && gtk_check_button_get_active (self->scope_ack_check);
  options.references_ticket = self->references;
  options.attachments = (const char * const *) paths->pdata;

  key = lt_actions_file_ticket (lt_context_get_outbox (self->context), lt_context_get_policy (self->context),
                                ticket, &options, now, &error);
  if (key == NULL)
    {
      gtk_label_set_text (self->submit_error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->submit_error_label), TRUE);
      return;
    }

  self->filed_key = g_steal_pointer (&key);
  if (sync != NULL)
    lt_sync_controller_watch_ticket (sync, self->filed_key);
  lt_context_outbox_changed (self->context);

  if (parent != NULL)
    lt_ui_show_toast (GTK_WIDGET (parent), _("Ticket queued for LockThreat"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtNewTicketAssistant *self = LT_NEW_TICKET_ASSISTANT (widget);
  g_autoptr(GPtrArray) steps = visible_steps (self);

  validate (self);
  if (self->blocker != NULL)
    return;

  if (self->step + 1 >= steps->len)
    {
      submit (self);
      return;
    }

  self->step++;
  if (g_str_equal (g_ptr_array_index (steps, self->step), "review"))
    build_summary (self);
  show_step (self);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
lt_new_ticket_assistant_dispose (GObject *object)
{
  LtNewTicketAssistant *self = (LtNewTicketAssistant *) object;

  /* A bundle made for a ticket that was not filed is not kept; once
   * filed, the outbox reads its parts when it sends them. */
  if (self->filed_key == NULL && self->attachments != NULL)
    {
      g_autoptr(GHashTable) removed = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < self->attachments->len; i++)
        {
          Attachment *attachment = g_ptr_array_index (self->attachments, i);

          if (attachment->bundle_dir != NULL && g_hash_table_add (removed, attachment->bundle_dir))
            lt_ui_remove_profile_folder (attachment->bundle_dir);
        }
    }
  if (self->bundle_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->bundle_dialog));

  g_clear_object (&self->context);
  g_clear_pointer (&self->installations, g_ptr_array_unref);
  g_clear_pointer (&self->criteria_rows, g_ptr_array_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->title_findings, g_ptr_array_unref);
  g_clear_pointer (&self->description_findings, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_NEW_TICKET_ASSISTANT);

  G_OBJECT_CLASS (lt_new_ticket_assistant_parent_class)->dispose (object);
}

static void
lt_new_ticket_assistant_finalize (GObject *object)
{
  LtNewTicketAssistant *self = (LtNewTicketAssistant *) object;

  lt_severity_assessment_clear (&self->assessment);
  g_free (self->assessment_error);
  g_free (self->category);
  g_free (self->version_error);
  g_free (self->issues_error);
  g_free (self->references);
  g_free (self->filed_key);
  g_free (self->blocker);

  G_OBJECT_CLASS (lt_new_ticket_assistant_parent_class)->finalize (object);
}

static void
lt_new_ticket_assistant_class_init (LtNewTicketAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_new_ticket_assistant_dispose;
  object_class->finalize = lt_new_ticket_assistant_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-new-ticket-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, step_progress);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, security_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, outage_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, no_workaround_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, all_users_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, degraded_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, limited_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, enhancement_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, verdict_badge);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, phone_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, phone_label);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, in_scope_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, out_scope_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, scope_group);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, scope_warning_label);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, scope_ack_check);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, installation_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, installation_model);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, version_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, eligibility_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, eligibility_badge);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, known_issues_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, fix_warning_label);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, issues_error_label);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, criteria_group);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, review_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, title_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, break_fix_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, references_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, description_view);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, attachments_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, sensitive_group);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, mask_button);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, findings_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, sensitive_ack_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, sensitive_ack_check);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, summary_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, contact_group);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, contact_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, submit_error_label);
  gtk_widget_class_bind_template_callback (widget_class, answers_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, validate_cb);
  gtk_widget_class_bind_template_callback (widget_class, installation_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, known_issues_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);

  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.add-file", NULL, add_file_action);
  gtk_widget_class_install_action (widget_class, "assistant.attach-diagnostics", NULL, attach_diagnostics_action);
  gtk_widget_class_install_action (widget_class, "assistant.mask", NULL, mask_action);
}

/* AdwExpanderRow 1.2 makes its enable switch itself and gives it no name
 * (nor a way to reach it): it is the row's first switch, ahead of the
 * nested "No workaround" one. */
static void
name_outage_switch (LtNewTicketAssistant *self)
{
  GtkWidget *toggle = lt_ui_find_descendant (GTK_WIDGET (self->outage_row), GTK_TYPE_SWITCH);

  if (toggle != NULL && toggle != GTK_WIDGET (self->no_workaround_switch))
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("A total outage"),
                                    -1);
}

static void
lt_new_ticket_assistant_init (LtNewTicketAssistant *self)
{
  self->installations = g_ptr_array_new_with_free_func (g_object_unref);
  self->criteria_rows = g_ptr_array_new ();
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* Alt+Left, Alt+Right, and Ctrl+Enter from the description box
   * (lt-shortcuts.c). */
  lt_shortcuts_attach (GTK_WIDGET (self), "assistant.back");
  lt_shortcuts_attach (GTK_WIDGET (self), "assistant.next");
  name_outage_switch (self);

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->break_fix_switch, "notify::active",
                           G_CALLBACK (assess), self, G_CONNECT_SWAPPED);
}

GtkWidget *
lt_new_ticket_assistant_new (LtContext *context)
{
  LtNewTicketAssistant *self;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);

  self = g_object_new (LT_TYPE_NEW_TICKET_ASSISTANT, NULL);
  self->context = g_object_ref (context);

  build_categories (self);
  build_installations (self);
  build_criteria (self);
  scan_texts (self);
  update_attachments (self);
  assess (self);
  show_step (self);

  return GTK_WIDGET (self);
}

void
lt_new_ticket_assistant_set_references (LtNewTicketAssistant *self,
                                        const char           *ticket_id)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self));

  g_free (self->references);
  self->references = g_strdup (ticket_id);
  gtk_widget_set_visible (GTK_WIDGET (self->references_row), ticket_id != NULL);
  if (ticket_id != NULL)
    {
      text = g_strdup_printf (_("%s, whose reopen window is over"), ticket_id);
      adw_action_row_set_subtitle (self->references_row, text);
    }
}

const char *
lt_new_ticket_assistant_get_step (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), NULL);

  return current_step (self);
}

gboolean
lt_new_ticket_assistant_can_continue (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), FALSE);

  return self->blocker == NULL;
}

const char *
lt_new_ticket_assistant_get_blocker (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), NULL);

  return self->blocker;
}

guint
lt_new_ticket_assistant_get_n_findings (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), 0);

  return count_findings (self);
}

const char *
lt_new_ticket_assistant_get_filed_key (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), NULL);

  return self->filed_key;
}
