/* lt-new-ticket-installation-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-new-ticket-installation-step"

#include "config.h"

#include "lt-new-ticket-installation-step.h"

#include "lt-release.h"
#include "lt-release.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtNewTicketInstallationStep
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwComboRow          *installation_row;
  GtkStringList        *installation_model;
  AdwEntryRow          *version_row;
  AdwActionRow         *eligibility_row;
  GtkLabel             *eligibility_badge;
  AdwEntryRow          *known_issues_row;
  GtkLabel             *fix_warning_label;
  GtkLabel             *issues_error_label;

  /* Owned */
  LtContext            *context;
  GPtrArray            *installations;   /* LtInstallation, in the combo's order */
  char                 *version_error;
  char                 *issues_error;
  gboolean              version_required;
  gboolean              filling;         /* setting entries from code */
};

static void lt_new_ticket_installation_step_iface_init (LtNewTicketStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtNewTicketInstallationStep, lt_new_ticket_installation_step, ADW_TYPE_PREFERENCES_PAGE,
                               G_IMPLEMENT_INTERFACE (LT_TYPE_NEW_TICKET_STEP,
                                                      lt_new_ticket_installation_step_iface_init))

static void
check_known_issues (LtNewTicketInstallationStep *self)
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
check_version (LtNewTicketInstallationStep *self)
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
version_changed_cb (LtNewTicketInstallationStep *self)
{
  check_version (self);
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

static void
known_issues_changed_cb (LtNewTicketInstallationStep *self)
{
  check_known_issues (self);
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

static LtInstallation *
selected_installation (LtNewTicketInstallationStep *self)
{
  guint selected = adw_combo_row_get_selected (self->installation_row);

  if (selected < self->installations->len)
    return g_ptr_array_index (self->installations, selected);

  return NULL;
}

static void
installation_selected_cb (LtNewTicketInstallationStep *self)
{
  LtInstallation *installation = selected_installation (self);
  const char *version = installation != NULL ? lt_installation_get_detected_version (installation) : NULL;

  if (self->filling)
    return;

  /* The detected version is the likely answer; it can still be typed. */
  if (version != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->version_row), version);
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

static void
build_installations (LtNewTicketInstallationStep *self)
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

void
lt_new_ticket_installation_step_set_version_required (LtNewTicketInstallationStep *self,
                                                      gboolean                     required)
{
  g_return_if_fail (LT_IS_NEW_TICKET_INSTALLATION_STEP (self));

  self->version_required = required;
}

/* ---- LtNewTicketStep ---------------------------------------------------- */

static void
installation_set_context (LtNewTicketStep *step,
                          LtContext       *context)
{
  LtNewTicketInstallationStep *self = LT_NEW_TICKET_INSTALLATION_STEP (step);

  g_set_object (&self->context, context);
  build_installations (self);
}

static char *
installation_dup_blocker (LtNewTicketStep *step)
{
  LtNewTicketInstallationStep *self = LT_NEW_TICKET_INSTALLATION_STEP (step);
  const char *version = gtk_editable_get_text (GTK_EDITABLE (self->version_row));

  if (self->version_error != NULL)
    return g_strdup (self->version_error);
  if (lt_new_ticket_step_is_blank (version) && self->version_required)
    return g_strdup (_("Give the installed version, so LockThreat can tell whether a fix exists"));
  return g_strdup (self->issues_error);
}

static void
installation_fill (LtNewTicketStep  *step,
                   LtNewTicketDraft *draft)
{
  LtNewTicketInstallationStep *self = LT_NEW_TICKET_INSTALLATION_STEP (step);
  g_autofree char *version = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->version_row))));
  g_auto(GStrv) ids = g_regex_split_simple ("[\\s,;]+", gtk_editable_get_text (GTK_EDITABLE (self->known_issues_row)), 0, 0);
  g_autoptr(GPtrArray) known = g_ptr_array_new ();
  LtInstallation *installation = selected_installation (self);

  lt_ticket_set_product_version (draft->ticket, *version != '\0' ? version : NULL);
  lt_ticket_set_installation (draft->ticket, installation != NULL ? lt_installation_get_name (installation) : NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    if (*ids[i] != '\0')
      g_ptr_array_add (known, ids[i]);
  g_ptr_array_add (known, NULL);
  lt_ticket_set_known_issue_ids (draft->ticket, (const char * const *) known->pdata);
}

static void
installation_summarize (LtNewTicketStep *step,
                        GtkListBox      *summary)
{
  LtNewTicketInstallationStep *self = LT_NEW_TICKET_INSTALLATION_STEP (step);
  LtInstallation *installation = selected_installation (self);
  const char *version = gtk_editable_get_text (GTK_EDITABLE (self->version_row));

  lt_new_ticket_step_add_summary_row (summary, _("Installation"),
                                      installation != NULL ? lt_installation_get_name (installation) : NULL);
  lt_new_ticket_step_add_summary_row (summary, _("Installed Version"), version);
  lt_new_ticket_step_add_summary_row (summary, _("Known Issues"),
                                      gtk_editable_get_text (GTK_EDITABLE (self->known_issues_row)));
}

static void
lt_new_ticket_installation_step_iface_init (LtNewTicketStepInterface *iface)
{
  iface->set_context = installation_set_context;
  iface->dup_blocker = installation_dup_blocker;
  iface->fill = installation_fill;
  iface->summarize = installation_summarize;
}

/* ---- GObject ------------------------------------------------------------ */

static void
lt_new_ticket_installation_step_dispose (GObject *object)
{
  LtNewTicketInstallationStep *self = LT_NEW_TICKET_INSTALLATION_STEP (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->installations, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_NEW_TICKET_INSTALLATION_STEP);

  G_OBJECT_CLASS (lt_new_ticket_installation_step_parent_class)->dispose (object);
}

static void
lt_new_ticket_installation_step_finalize (GObject *object)
{
  LtNewTicketInstallationStep *self = LT_NEW_TICKET_INSTALLATION_STEP (object);

  g_free (self->version_error);
  g_free (self->issues_error);

  G_OBJECT_CLASS (lt_new_ticket_installation_step_parent_class)->finalize (object);
}

static void
lt_new_ticket_installation_step_class_init (LtNewTicketInstallationStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_new_ticket_installation_step_dispose;
  object_class->finalize = lt_new_ticket_installation_step_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-new-ticket-installation-step.ui");
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketInstallationStep, installation_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketInstallationStep, installation_model);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketInstallationStep, version_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketInstallationStep, eligibility_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketInstallationStep, eligibility_badge);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketInstallationStep, known_issues_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketInstallationStep, fix_warning_label);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketInstallationStep, issues_error_label);
  gtk_widget_class_bind_template_callback (widget_class, installation_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, known_issues_changed_cb);
}

static void
lt_new_ticket_installation_step_init (LtNewTicketInstallationStep *self)
{
  self->installations = g_ptr_array_new_with_free_func (g_object_unref);
  self->version_required = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}
