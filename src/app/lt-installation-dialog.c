/* lt-installation-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-installation-dialog"

#include "config.h"

#include "lt-installation-dialog.h"

#include "lt-enums.h"
#include "lt-error.h"
#include "lt-ui-util.h"
#include "lt-version-detect.h"

#include <glib/gi18n-lib.h>

struct _LtInstallationDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwEntryRow    *name_row;
  AdwEntryRow    *host_row;
  AdwComboRow    *method_row;
  AdwEntryRow    *location_row;
  AdwEntryRow    *version_row;
  AdwActionRow   *status_row;
  GtkLabel       *status_badge;
  AdwEntryRow    *note_row;
  GtkLabel       *error_label;
  GtkWidget      *detect_button;

  /* Owned */
  LtContext      *context;
  LtInstallation *original;      /* NULL when adding */
  GCancellable   *cancellable;
  char           *loaded_version; /* to tell whether the version changed */
};

G_DEFINE_FINAL_TYPE (LtInstallationDialog, lt_installation_dialog, ADW_TYPE_WINDOW)

/* The combo row's positions are the LtDetectionMethod values. */
G_STATIC_ASSERT (LT_DETECTION_METHOD_MANUAL == 0);
G_STATIC_ASSERT (LT_DETECTION_METHOD_FILE == 1);
G_STATIC_ASSERT (LT_DETECTION_METHOD_HTTP == 2);

static char *
dup_trimmed (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  g_strstrip (text);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

static LtDetectionMethod
selected_method (LtInstallationDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->method_row);

  return selected <= LT_DETECTION_METHOD_HTTP ? (LtDetectionMethod) selected : LT_DETECTION_METHOD_MANUAL;
}

/* The installation the form describes, as a new object: the model's own
 * object is only changed by the store after a successful save. */
static LtInstallation *
build_installation (LtInstallationDialog *self)
{
  g_autoptr(LtInstallation) installation = lt_installation_new ();
  g_autofree char *name = dup_trimmed (self->name_row);
  g_autofree char *host = dup_trimmed (self->host_row);
  g_autofree char *location = dup_trimmed (self->location_row);
  g_autofree char *version = dup_trimmed (self->version_row);
  g_autofree char *note = dup_trimmed (self->note_row);
  LtDetectionMethod method = selected_method (self);

  if (self->original != NULL)
    {
      lt_installation_set_id (installation, lt_installation_get_id (self->original));
      lt_installation_set_detected_at (installation,
                                       lt_installation_get_detected_at (self->original));
    }

  lt_installation_set_name (installation, name);
  lt_installation_set_host (installation, host);
  lt_installation_set_detection_method (installation, method);
  lt_installation_set_location (installation, method == LT_DETECTION_METHOD_MANUAL ? NULL : location);
  lt_installation_set_detected_version (installation, version);
  lt_installation_set_note (installation, note);

  return g_steal_pointer (&installation);
}

static void
set_error (LtInstallationDialog *self,
           const char           *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* The verdict of core on the typed version, live; FALSE when what is
 * typed is not a version (the row says why, and Save waits). */
static gboolean
update_status (LtInstallationDialog *self)
{
  g_autoptr(LtInstallation) installation = build_installation (self);
  g_autoptr(LtEligibility) eligibility = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *badge = GTK_WIDGET (self->status_badge);

  if (lt_installation_get_detected_version (installation) == NULL)
    {
      adw_action_row_set_subtitle (self->status_row,
                                   _("Type the version, or read it from the server’s version file"));
      gtk_widget_set_visible (badge, FALSE);
      return TRUE;
    }

  eligibility = lt_installation_check_eligibility (installation,
                                                   lt_context_get_catalog (self->context),
                                                   lt_context_get_policy (self->context),
                                                   &error);
  if (eligibility == NULL)
    {
      adw_action_row_set_subtitle (self->status_row, error->message);
      gtk_label_set_text (self->status_badge, _("Not a version"));
      lt_ui_set_style_class (badge, lt_ui_badge_classes, "error");
      gtk_widget_set_visible (badge, TRUE);
      return FALSE;
    }

  if (eligibility->withdrawn_message != NULL)
    {
      g_autofree char *both = g_strconcat (eligibility->message, "\n",
                                           eligibility->withdrawn_message, NULL);
      adw_action_row_set_subtitle (self->status_row, both);
    }
  else
    {
      adw_action_row_set_subtitle (self->status_row, eligibility->message);
    }
  gtk_label_set_text (self->status_badge, lt_ui_eligibility_badge (eligibility));
  lt_ui_set_style_class (badge, lt_ui_badge_classes, lt_ui_eligibility_style_class (eligibility));
  gtk_widget_set_visible (badge, TRUE);
  return TRUE;
}

static void
field_changed_cb (LtInstallationDialog *self)
{
  gboolean valid_version;

  set_error (self, NULL);
  valid_version = update_status (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "installation.save",
                                 lt_context_get_installations (self->context) != NULL && valid_version);
}

static void
update_method (LtInstallationDialog *self)
{
  LtDetectionMethod method = selected_method (self);

  gtk_widget_set_visible (GTK_WIDGET (self->location_row), method != LT_DETECTION_METHOD_MANUAL);
  /* Reading a file is local; asking a web address is the portal layer's
   * HTTP client's job, so here only the file can be read on demand. */
  gtk_widget_set_visible (self->detect_button, method == LT_DETECTION_METHOD_FILE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->location_row),
                                 method == LT_DETECTION_METHOD_HTTP
                                 ? _("Version Address (http or https)")
                                 : _("Version File (absolute path)"));
}

static void
method_changed_cb (LtInstallationDialog *self)
{
  update_method (self);
  field_changed_cb (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtInstallationDialog *self = LT_INSTALLATION_DIALOG (widget);
  LtStoreInstallations *installations = lt_context_get_installations (self->context);
  g_autoptr(LtInstallation) installation = build_installation (self);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  g_autoptr(GError) error = NULL;
  g_autofree char *version = dup_trimmed (self->version_row);
  gboolean ok;

  if (installations == NULL)
    return;

  /* A version typed or read just now was "detected" now. */
  if (version != NULL && g_strcmp0 (version, self->loaded_version) != 0)
    lt_installation_set_detected_at (installation, now);

  if (!lt_installation_validate (installation, &error))
    {
      set_error (self, error->message);
      return;
    }

  if (self->original == NULL)
    ok = lt_store_installations_add (installations, installation, now, &error);
  else
    ok = lt_store_installations_update (installations, installation, now, &error);

  if (!ok)
    {
      set_error (self, error->message);
      return;
    }

  {
    GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
    g_autofree char *message = g_strdup_printf (self->original == NULL ? _("“%s” added") : _("“%s” saved"),
                                                lt_installation_get_name (installation));

    if (parent != NULL)
      lt_ui_show_toast (GTK_WIDGET (parent), message);
  }
  gtk_window_close (GTK_WINDOW (self));
}

typedef struct
{
  char      *path;
  char      *text;
} DetectData;

static void
detect_data_free (DetectData *data)
{
  g_free (data->path);
  g_free (data->text);
  g_free (data);
}

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DetectData *data = task_data;
  g_autoptr(LtVersion) version = NULL;
  GError *error = NULL;

  /* A version file may sit on a slow network mount: never on the UI
   * thread. */
  data->text = lt_version_detect_from_file (data->path, &version, &error);
  if (data->text == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
detect_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LtInstallationDialog *self = LT_INSTALLATION_DIALOG (source);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "installation.detect", TRUE);

  if (!g_task_propagate_boolean (task, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_error (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->version_row),
                         ((DetectData *) g_task_get_task_data (task))->text);
}

static void
detect_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LtInstallationDialog *self = LT_INSTALLATION_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  DetectData *data;
  g_autofree char *path = dup_trimmed (self->location_row);

  if (path == NULL || !g_path_is_absolute (path))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an absolute path to a version file"),
                                                  path != NULL ? path : "");
      set_error (self, message);
      return;
    }

  data = g_new0 (DetectData, 1);
  data->path = g_steal_pointer (&path);

  set_error (self, NULL);
  gtk_widget_action_set_enabled (widget, "installation.detect", FALSE);

  task = g_task_new (self, self->cancellable, detect_done_cb, NULL);
  g_task_set_source_tag (task, detect_action);
  g_task_set_task_data (task, data, (GDestroyNotify) detect_data_free);
  g_task_run_in_thread (task, detect_thread);
}

static void
entry_activated_cb (LtInstallationDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "installation.save", NULL);
}

static void
load_installation (LtInstallationDialog *self)
{
  LtInstallation *i = self->original;

  gtk_window_set_title (GTK_WINDOW (self), _("Edit Installation"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), lt_installation_get_name (i) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->host_row), lt_installation_get_host (i) ?: "");
  adw_combo_row_set_selected (self->method_row, lt_installation_get_detection_method (i));
  gtk_editable_set_text (GTK_EDITABLE (self->location_row), lt_installation_get_location (i) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->version_row),
                         lt_installation_get_detected_version (i) ?: "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), lt_installation_get_note (i) ?: "");
  self->loaded_version = g_strdup (lt_installation_get_detected_version (i));
}

static void
lt_installation_dialog_dispose (GObject *object)
{
  LtInstallationDialog *self = (LtInstallationDialog *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->original);
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_INSTALLATION_DIALOG);

  G_OBJECT_CLASS (lt_installation_dialog_parent_class)->dispose (object);
}

static void
lt_installation_dialog_finalize (GObject *object)
{
  LtInstallationDialog *self = (LtInstallationDialog *) object;

  g_free (self->loaded_version);

  G_OBJECT_CLASS (lt_installation_dialog_parent_class)->finalize (object);
}

static void
lt_installation_dialog_class_init (LtInstallationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_installation_dialog_dispose;
  object_class->finalize = lt_installation_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-installation-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LtInstallationDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, LtInstallationDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, LtInstallationDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, LtInstallationDialog, location_row);
  gtk_widget_class_bind_template_child (widget_class, LtInstallationDialog, version_row);
  gtk_widget_class_bind_template_child (widget_class, LtInstallationDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, LtInstallationDialog, status_badge);
  gtk_widget_class_bind_template_child (widget_class, LtInstallationDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, LtInstallationDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, LtInstallationDialog, detect_button);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, method_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "installation.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "installation.detect", NULL, detect_action);
}

static void
lt_installation_dialog_init (LtInstallationDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* The name and host group has no title, so libadwaita leaves its list
   * unnamed for a screen reader. */
  {
    GtkWidget *list = gtk_widget_get_ancestor (GTK_WIDGET (self->name_row), GTK_TYPE_LIST_BOX);

    if (list != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name and host"),
                                      -1);
  }
}

GtkWidget *
lt_installation_dialog_new (LtContext      *context,
                            LtInstallation *installation)
{
  LtInstallationDialog *self;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (installation == NULL || LT_IS_INSTALLATION (installation), NULL);

  self = g_object_new (LT_TYPE_INSTALLATION_DIALOG, NULL);
  self->context = g_object_ref (context);
  if (installation != NULL)
    {
      self->original = g_object_ref (installation);
      load_installation (self);
    }

  update_method (self);
  field_changed_cb (self);

  return GTK_WIDGET (self);
}
