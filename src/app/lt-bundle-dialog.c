/* lt-bundle-dialog.c
 *
 * The dialog keeps what the admin chose (paths, exclusions, this
 * bundle's keywords) and makes a new LtBundleJob for each run from it:
 * the job must not change while it runs, and a fresh job reads the
 * profile's keywords again, so a word remembered a moment ago counts.
 * Each run writes into a new folder of the profile's `bundles/`; the
 * previous run's folder goes once the new one succeeded, and the last
 * one goes with the dialog unless its parts were attached (the outbox
 * reads them when it sends).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-bundle-dialog"

#include "config.h"

#include "lt-bundle-dialog.h"
#include "lt-bundle-dialog-private.h"

#include "lt-actions.h"
#include "lt-error.h"
#include "lt-store-redaction-map.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

/* The name of the bundle inside its folder (NAME.partNN.tar.gz when it
 * is cut into parts). */
#define BUNDLE_NAME "diagnostics.tar.gz"

typedef struct
{
  char     *path;
  gboolean  is_folder;
} Chosen;

static void
chosen_free (Chosen *chosen)
{
  g_free (chosen->path);
  g_free (chosen);
}

struct _LtBundleDialog
{
  AdwWindow        parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkListBox      *paths_list;
  AdwEntryRow     *keyword_row;
  GtkSwitch       *remember_switch;
  GtkLabel        *keywords_label;
  GtkWidget       *status_box;
  GtkSpinner      *spinner;
  GtkLabel        *status_label;
  GtkWidget       *stop_button;
  GtkWidget       *rerun_button;
  AdwPreferencesGroup *review_group;
  GtkListBox      *files_list;

  /* Owned */
  LtContext       *context;
  LtTicket        *ticket;
  GPtrArray       *chosen;        /* Chosen */
  GPtrArray       *excluded;      /* utf8: original paths */
  GPtrArray       *keywords;      /* utf8: this bundle's only */
  LtBundleJob     *job;           /* the last run that succeeded */
  GError          *error;         /* of the last run */
  char            *directory;     /* the last good run's folder */
  char            *running_directory;
  GCancellable    *cancellable;   /* while a run goes on */
  gboolean         run_again;     /* something changed during the run */
  gboolean         stopped;       /* the last run was stopped */
  gboolean         attached;
};

enum {
  SIGNAL_BUNDLE_ATTACHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LtBundleDialog, lt_bundle_dialog, ADW_TYPE_WINDOW)

static void start_run (LtBundleDialog *self);

/* ---- Words ------------------------------------------------------------- */

static char *
describe_file (const LtBundleReviewFile *file)
{
  g_autoptr(GString) text = g_string_new (NULL);

  switch (file->state)
    {
    case LT_BUNDLE_FILE_LEFT_OUT:
      g_string_printf (text, _("Left out: %s"), lt_bundle_describe_left_out (file->left_out_reason));
      return g_string_free (g_steal_pointer (&text), FALSE);
    case LT_BUNDLE_FILE_NOT_SCANNED:
      {
        g_autofree char *size = g_format_size (file->size_after);

        g_string_printf (text, _("Not scanned: sent as it is (%s)"), size);
        break;
      }
    case LT_BUNDLE_FILE_SCANNED:
    default:
      {
        g_autofree char *counts = lt_redaction_describe_counts (file->counts);

        g_string_append (text, counts != NULL ? counts : _("Nothing replaced"));
        break;
      }
    }

  if (file->truncated_bytes > 0)
    {
      g_autofree char *size = g_format_size (file->truncated_bytes);

      g_string_append (text, "\n");
      g_string_append_printf (text, _("Truncated: the oldest %s left out, the newest lines kept"), size);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* ---- The lists ----------------------------------------------------------- */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
create_row_button (const char *label,
                   const char *accessible,
                   const char *action,
                   const char *path)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, accessible);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", path);

  return button;
}

static void
update_paths (LtBundleDialog *self)
{
  clear_list (self->paths_list);

  for (guint i = 0; i < self->chosen->len; i++)
    {
      Chosen *chosen = g_ptr_array_index (self->chosen, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (chosen->is_folder ? "folder-symbolic"
                                                                        : "text-x-generic-symbolic");
      g_autofree char *display = g_filename_display_name (chosen->path);
      g_autofree char *escaped = g_markup_escape_text (display, -1);
      g_autofree char *accessible = g_strdup_printf (_("Remove %s"), display);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      chosen->is_folder ? _("Folder") : _("File"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      {
        GtkWidget *button = create_row_button (NULL, accessible, "bundle.remove-path", chosen->path);

        gtk_button_set_icon_name (GTK_BUTTON (button), "list-remove-symbolic");
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      }
      gtk_list_box_append (self->paths_list, row);
    }

  if (self->chosen->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing Chosen Yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Logs and configuration files, or the folders that hold them"));
      gtk_list_box_append (self->paths_list, row);
    }
}

static void
update_keywords (LtBundleDialog *self)
{
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->keywords_label), self->keywords->len > 0);
  if (self->keywords->len == 0)
    return;

  g_ptr_array_add (self->keywords, NULL);
  joined = g_strjoinv (", ", (char **) self->keywords->pdata);
  g_ptr_array_remove_index (self->keywords, self->keywords->len - 1);
  text = g_strdup_printf (_("For this bundle only: %s"), joined);
  gtk_label_set_text (self->keywords_label, text);
}

static void
add_finding_rows (AdwExpanderRow *expander,
                  GPtrArray      *findings)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const LtRedactionFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *escaped = g_markup_escape_text (finding->excerpt, -1);

      /* TRANSLATORS: "Host name · line 12" */
      title = g_strdup_printf (_("%s · line %u"), lt_redaction_kind_get_label (finding->kind), finding->line);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (row, "lt-finding");
      adw_expander_row_add_row (expander, row);
    }
}

static void
update_review (LtBundleDialog *self)
{
  GPtrArray *files = self->job != NULL ? lt_bundle_job_get_files (self->job) : NULL;
  GPtrArray *parts = self->job != NULL ? lt_bundle_job_get_parts (self->job) : NULL;

  clear_list (self->files_list);
  gtk_widget_set_visible (GTK_WIDGET (self->review_group), self->job != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bundle.attach",
                                 self->job != NULL && self->cancellable == NULL &&
                                 !self->run_again && parts != NULL && parts->len > 0);
  if (self->job == NULL)
    return;

  /* The summary: what leaves, how large, in how many parts. */
  {
    guint64 total = 0;
    guint64 size = 0;
    guint n_sent = 0;
    g_autofree char *size_text = NULL;
    g_autofree char *files_text = NULL;
    g_autofree char *replacements_text = NULL;
    g_autofree char *summary = NULL;

    for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
      total += lt_bundle_job_get_total (self->job, (LtRedactionKind) kind);
    for (guint i = 0; i < parts->len; i++)
      size += ((LtBundlePart *) g_ptr_array_index (parts, i))->size;
    for (guint i = 0; i < files->len; i++)
      if (((LtBundleReviewFile *) g_ptr_array_index (files, i))->state != LT_BUNDLE_FILE_LEFT_OUT)
        n_sent++;
    size_text = g_format_size (size);
    files_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", n_sent), n_sent);
    replacements_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u replacement", "%u replacements",
                                                      (gulong) MIN (total, G_MAXUINT)),
                                         (guint) MIN (total, G_MAXUINT));
    /* TRANSLATORS: "12 files, 143 replacements, 45.2 kB in 1 part" */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%s, %s, %s in %u part",
                                            "%s, %s, %s in %u parts",
                                            parts->len),
                               files_text, replacements_text, size_text, parts->len);
    adw_preferences_group_set_description (self->review_group, summary);
  }

  for (guint i = 0; i < files->len; i++)
    {
      const LtBundleReviewFile *file = g_ptr_array_index (files, i);
      GtkWidget *row = adw_expander_row_new ();
      g_autofree char *escaped = g_markup_escape_text (file->shown_path, -1);
      g_autofree char *subtitle = describe_file (file);
      g_autofree char *escaped_subtitle = g_markup_escape_text (subtitle, -1);
      gboolean excluded = g_ptr_array_find_with_equal_func (self->excluded, file->path, g_str_equal, NULL);
      const char *icon_name = "emblem-ok-symbolic";
      const char *icon_label = _("Scanned");
      GtkWidget *icon;

      if (file->state == LT_BUNDLE_FILE_LEFT_OUT)
        {
          icon_name = "action-unavailable-symbolic";
          icon_label = _("Left out");
        }
      else if (file->state == LT_BUNDLE_FILE_NOT_SCANNED)
        {
          icon_name = "dialog-warning-symbolic";
          icon_label = _("Not scanned");
        }
      icon = gtk_image_new_from_icon_name (icon_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, icon_label,
                                      -1);
      if (file->state == LT_BUNDLE_FILE_NOT_SCANNED)
        gtk_widget_add_css_class (icon, "warning");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped_subtitle);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row),
                                             file->findings != NULL && file->findings->len > 0);

      /* Excluding works on what is in the bundle; an exclusion can be
       * taken back. The manifest's own refusals cannot. */
      if (excluded)
        {
          g_autofree char *accessible = g_strdup_printf (_("Include %s again"), file->shown_path);

          adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                       create_row_button (_("_Include"), accessible,
                                                          "bundle.include", file->path));
        }
      else if (file->state != LT_BUNDLE_FILE_LEFT_OUT)
        {
          g_autofree char *accessible = g_strdup_printf (_("Exclude %s"), file->shown_path);

          adw_expander_row_add_action (ADW_EXPANDER_ROW (row),
                                       create_row_button (_("_Exclude"), accessible,
                                                          "bundle.exclude", file->path));
        }
      add_finding_rows (ADW_EXPANDER_ROW (row), file->findings);
      gtk_list_box_append (self->files_list, row);
    }
}

static void
update_state (LtBundleDialog *self)
{
  gboolean running = self->cancellable != NULL;

  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_widget_set_visible (self->stop_button, running);
  gtk_widget_set_visible (self->rerun_button, !running && self->chosen->len > 0);

  /* Nothing the next run reads changes while one runs. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bundle.stop", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bundle.run", !running && self->chosen->len > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->keyword_row), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->paths_list), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->files_list), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bundle.add-files", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "bundle.add-folder", !running);

  if (running)
    gtk_label_set_text (self->status_label, _("Collecting and redacting…"));
  else if (self->error != NULL)
    gtk_label_set_text (self->status_label, self->error->message);
  else if (self->stopped)
    gtk_label_set_text (self->status_label, _("Stopped; nothing was attached. Run again to make the bundle."));
  else if (self->chosen->len == 0)
    gtk_label_set_text (self->status_label, _("Choose the files and folders LockThreat should see."));
  else if (self->job != NULL)
    gtk_label_set_text (self->status_label, _("Review what was replaced in each file, then attach."));
  else
    gtk_label_set_text (self->status_label, "");
  if (self->error != NULL && !running)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");

  update_review (self);
}

/* ---- Running ------------------------------------------------------------ */

typedef struct
{
  LtBundleDialog *self;
  LtBundleJob    *job;
  char           *directory;
} RunData;

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  RunData *data = user_data;
  g_autoptr(LtBundleDialog) self = data->self;
  g_autoptr(LtBundleJob) job = data->job;
  g_autofree char *directory = data->directory;
  g_autoptr(GError) error = NULL;

  g_free (data);

  /* The dialog went away meanwhile: nothing of this run is kept. */
  if (self->cancellable == NULL || self->running_directory == NULL ||
      g_strcmp0 (self->running_directory, directory) != 0)
    {
      lt_ui_remove_profile_folder (directory);
      return;
    }
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->running_directory, g_free);
  g_clear_error (&self->error);

  if (!lt_bundle_job_run_finish (job, result, &error))
    {
      lt_ui_remove_profile_folder (directory);
      /* Stopping is the admin's choice, not an error. */
      self->stopped = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      if (!self->stopped)
        self->error = g_steal_pointer (&error);
      g_clear_object (&self->job);
      if (self->directory != NULL)
        lt_ui_remove_profile_folder (self->directory);
      g_clear_pointer (&self->directory, g_free);
    }
  else
    {
      if (self->directory != NULL)
        lt_ui_remove_profile_folder (self->directory);
      g_free (self->directory);
      self->directory = g_steal_pointer (&directory);
      g_set_object (&self->job, job);
    }

  if (self->run_again)
    {
      self->run_again = FALSE;
      start_run (self);
      return;
    }
  update_state (self);
}

static void
start_run (LtBundleDialog *self)
{
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(LtBundleJob) job = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *output = NULL;
  RunData *data;

  if (self->cancellable != NULL)
    {
      self->run_again = TRUE;
      update_state (self);
      return;
    }
  self->stopped = FALSE;
  if (self->chosen->len == 0)
    {
      /* Nothing chosen any more: the last bundle goes too. */
      g_clear_object (&self->job);
      if (self->directory != NULL)
        lt_ui_remove_profile_folder (self->directory);
      g_clear_pointer (&self->directory, g_free);
      update_state (self);
      return;
    }

  g_clear_error (&self->error);
  if (store == NULL)
    {
      self->error = g_error_new_literal (LT_ERROR, LT_ERROR_STORE,
                                         _("The local database is not open, so no bundle can be made"));
      update_state (self);
      return;
    }
  directory = lt_ui_make_profile_folder (store, LT_BUNDLE_JOB_PROFILE_DIR, "run", &self->error);
  if (directory == NULL)
    {
      update_state (self);
      return;
    }

  job = lt_bundle_job_new (store);
  for (guint i = 0; i < self->chosen->len; i++)
    {
      Chosen *chosen = g_ptr_array_index (self->chosen, i);

      /* A file named on its own is the admin's explicit choice: sent even
       * when binary, and then listed "not scanned" (issue 14, point 3). */
      lt_bundle_job_add_path (job, chosen->path,
                              chosen->is_folder ? LT_BUNDLE_PATH_NONE : LT_BUNDLE_PATH_INCLUDE_BINARY);
    }
  for (guint i = 0; i < self->excluded->len; i++)
    lt_bundle_job_exclude (job, g_ptr_array_index (self->excluded, i));
  for (guint i = 0; i < self->keywords->len; i++)
    lt_bundle_job_add_keyword (job, g_ptr_array_index (self->keywords, i));

  output = g_build_filename (directory, BUNDLE_NAME, NULL);
  self->cancellable = g_cancellable_new ();
  self->running_directory = g_strdup (directory);

  data = g_new0 (RunData, 1);
  data->self = g_object_ref (self);
  data->job = g_object_ref (job);
  data->directory = g_steal_pointer (&directory);
  lt_bundle_job_run_async (job, output, self->cancellable, run_done_cb, data);

  update_state (self);
}

/* ---- What the admin does ---------------------------------------------- */

void
lt_bundle_dialog_add_path (LtBundleDialog *self,
                           const char     *path,
                           gboolean        is_folder)
{
  g_autofree char *absolute = NULL;
  Chosen *chosen;

  g_return_if_fail (LT_IS_BUNDLE_DIALOG (self));
  g_return_if_fail (path != NULL);

  absolute = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < self->chosen->len; i++)
    if (g_str_equal (((Chosen *) g_ptr_array_index (self->chosen, i))->path, absolute))
      return;

  chosen = g_new0 (Chosen, 1);
  chosen->path = g_steal_pointer (&absolute);
  chosen->is_folder = is_folder;
  g_ptr_array_add (self->chosen, chosen);
  update_paths (self);
  start_run (self);
}

static void
remove_path_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LtBundleDialog *self = LT_BUNDLE_DIALOG (widget);
  const char *path = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < self->chosen->len; i++)
    if (g_str_equal (((Chosen *) g_ptr_array_index (self->chosen, i))->path, path))
      {
        g_ptr_array_remove_index (self->chosen, i);
        break;
      }
  update_paths (self);
  start_run (self);
}

void
lt_bundle_dialog_exclude (LtBundleDialog *self,
                          const char     *path)
{
  g_return_if_fail (LT_IS_BUNDLE_DIALOG (self));
  g_return_if_fail (path != NULL);

  if (!g_ptr_array_find_with_equal_func (self->excluded, path, g_str_equal, NULL))
    g_ptr_array_add (self->excluded, g_strdup (path));
  start_run (self);
}

static void
exclude_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  lt_bundle_dialog_exclude (LT_BUNDLE_DIALOG (widget), g_variant_get_string (parameter, NULL));
}

static void
include_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LtBundleDialog *self = LT_BUNDLE_DIALOG (widget);
  guint index;

  if (g_ptr_array_find_with_equal_func (self->excluded, g_variant_get_string (parameter, NULL),
                                        g_str_equal, &index))
    g_ptr_array_remove_index (self->excluded, index);
  start_run (self);
}

gboolean
lt_bundle_dialog_add_keyword (LtBundleDialog  *self,
                              const char      *keyword,
                              gboolean         remember,
                              GError         **error)
{
  g_autofree char *word = NULL;

  g_return_val_if_fail (LT_IS_BUNDLE_DIALOG (self), FALSE);
  g_return_val_if_fail (keyword != NULL, FALSE);

  word = g_strstrip (g_strdup (keyword));
  if (*word == '\0')
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT, _("The keyword is empty"));
      return FALSE;
    }

  if (remember)
    {
      LtStore *store = lt_context_get_store (self->context);
      g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));

      if (store == NULL)
        {
          g_set_error_literal (error, LT_ERROR, LT_ERROR_STORE,
                               _("The local database is not open, so the keyword cannot be remembered"));
          return FALSE;
        }
      if (!lt_store_add_redaction_keyword (store, word, FALSE, now, error))
        return FALSE;
    }
  else if (!g_ptr_array_find_with_equal_func (self->keywords, word, g_str_equal, NULL))
    {
      g_ptr_array_add (self->keywords, g_steal_pointer (&word));
    }

  update_keywords (self);
  start_run (self);
  return TRUE;
}

static void
keyword_apply_cb (LtBundleDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->keyword_row));

  if (!lt_bundle_dialog_add_keyword (self, text, gtk_switch_get_active (self->remember_switch), &error))
    {
      lt_ui_show_error (GTK_WIDGET (self), _("The keyword could not be added"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->keyword_row), "");
  lt_ui_show_toast (GTK_WIDGET (self), gtk_switch_get_active (self->remember_switch)
                                       ? _("Keyword remembered for every bundle")
                                       : _("Keyword added to this bundle"));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  start_run (LT_BUNDLE_DIALOG (widget));
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtBundleDialog *self = LT_BUNDLE_DIALOG (widget);

  self->run_again = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response,
           LtBundleDialog  *self)
{
  /* Dropped at the end of the scope, whichever way it is left. */
  G_GNUC_UNUSED g_autoptr(GtkNativeDialog) owned = chooser;
  gboolean folders = gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER;
  g_autoptr(GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);

  for (guint i = 0; files != NULL && i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      g_autofree char *path = g_file_get_path (file);

      /* A path outside the file system (a portal's document without
       * one) cannot be read by the collector. */
      if (path != NULL)
        lt_bundle_dialog_add_path (self, path, folders);
    }
}

static void
choose (LtBundleDialog       *self,
        GtkFileChooserAction  action)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                         ? _("Add Folders to the Bundle") : _("Add Files to the Bundle"),
                                         GTK_WINDOW (self), action, _("_Add"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
add_files_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  choose (LT_BUNDLE_DIALOG (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
add_folder_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  choose (LT_BUNDLE_DIALOG (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

gboolean
lt_bundle_dialog_attach (LtBundleDialog  *self,
                         GError         **error)
{
  GPtrArray *parts;

  g_return_val_if_fail (LT_IS_BUNDLE_DIALOG (self), FALSE);

  if (self->job == NULL || self->cancellable != NULL || self->run_again)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                           _("The bundle is not ready yet"));
      return FALSE;
    }
  parts = lt_bundle_job_get_parts (self->job);

  if (self->ticket != NULL)
    {
      LtOutbox *outbox = lt_context_get_outbox (self->context);
      g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
      g_autoptr(GPtrArray) keys = NULL;

      if (outbox == NULL)
        {
          g_set_error_literal (error, LT_ERROR, LT_ERROR_STORE,
                               _("The local database is not open, so nothing can be queued"));
          return FALSE;
        }
      keys = lt_actions_attach_bundle (outbox, lt_context_get_policy (self->context), self->ticket,
                                       parts, now, error);
      if (keys == NULL)
        return FALSE;
    }

  /* The parts stay: the outbox (or the draft) reads them when it sends. */
  self->attached = TRUE;
  g_signal_emit (self, signals[SIGNAL_BUNDLE_ATTACHED], 0, parts, self->directory);
  return TRUE;
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LtBundleDialog *self = LT_BUNDLE_DIALOG (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  guint n_parts;

  if (!lt_bundle_dialog_attach (self, &error))
    {
      lt_ui_show_error (GTK_WIDGET (self), _("The diagnostics could not be attached"), error);
      return;
    }

  n_parts = lt_bundle_job_get_parts (self->job)->len;
  if (self->ticket != NULL && parent != NULL)
    {
      g_autofree char *message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Diagnostics attached",
                                                               "Diagnostics attached in %u parts",
                                                               n_parts),
                                                  n_parts);

      lt_ui_show_toast (GTK_WIDGET (parent), message);
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- Accessors ---------------------------------------------------------- */

gboolean
lt_bundle_dialog_is_running (LtBundleDialog *self)
{
  g_return_val_if_fail (LT_IS_BUNDLE_DIALOG (self), FALSE);

  return self->cancellable != NULL || self->run_again;
}

LtBundleJob *
lt_bundle_dialog_get_job (LtBundleDialog *self)
{
  g_return_val_if_fail (LT_IS_BUNDLE_DIALOG (self), NULL);

  return self->job;
}

const GError *
lt_bundle_dialog_get_error (LtBundleDialog *self)
{
  g_return_val_if_fail (LT_IS_BUNDLE_DIALOG (self), NULL);

  return self->error;
}

const char *
lt_bundle_dialog_get_directory (LtBundleDialog *self)
{
  g_return_val_if_fail (LT_IS_BUNDLE_DIALOG (self), NULL);

  return self->directory;
}

/* ---- GObject ------------------------------------------------------------ */

static void
lt_bundle_dialog_dispose (GObject *object)
{
  LtBundleDialog *self = LT_BUNDLE_DIALOG (object);

  /* A run still going finds its folder abandoned and removes it. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->running_directory, g_free);
  if (self->directory != NULL && !self->attached)
    lt_ui_remove_profile_folder (self->directory);
  g_clear_pointer (&self->directory, g_free);

  g_clear_object (&self->job);
  g_clear_object (&self->ticket);
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_BUNDLE_DIALOG);

  G_OBJECT_CLASS (lt_bundle_dialog_parent_class)->dispose (object);
}

static void
lt_bundle_dialog_finalize (GObject *object)
{
  LtBundleDialog *self = LT_BUNDLE_DIALOG (object);

  g_clear_pointer (&self->chosen, g_ptr_array_unref);
  g_clear_pointer (&self->excluded, g_ptr_array_unref);
  g_clear_pointer (&self->keywords, g_ptr_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (lt_bundle_dialog_parent_class)->finalize (object);
}

static void
lt_bundle_dialog_class_init (LtBundleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_bundle_dialog_dispose;
  object_class->finalize = lt_bundle_dialog_finalize;

  /**
   * LtBundleDialog::bundle-attached:
   * @parts: (element-type LtBundlePart): the parts, in order
   * @directory: the folder of the profile's `bundles/` that holds them,
   *   now the receiver's to keep or remove
   *
   * Emitted by Attach, after the parts were queued on the ticket, or
   * for a draft, for the receiver to file them with it.
   */
  signals[SIGNAL_BUNDLE_ATTACHED] =
    g_signal_new ("bundle-attached", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_PTR_ARRAY, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/lockthreat/Support/ui/lt-bundle-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, paths_list);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, keyword_row);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, keywords_label);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, status_box);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, rerun_button);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, review_group);
  gtk_widget_class_bind_template_child (widget_class, LtBundleDialog, files_list);
  gtk_widget_class_bind_template_callback (widget_class, keyword_apply_cb);

  gtk_widget_class_install_action (widget_class, "bundle.add-files", NULL, add_files_action);
  gtk_widget_class_install_action (widget_class, "bundle.add-folder", NULL, add_folder_action);
  gtk_widget_class_install_action (widget_class, "bundle.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "bundle.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "bundle.exclude", "s", exclude_action);
  gtk_widget_class_install_action (widget_class, "bundle.include", "s", include_action);
  gtk_widget_class_install_action (widget_class, "bundle.remove-path", "s", remove_path_action);
  gtk_widget_class_install_action (widget_class, "bundle.attach", NULL, attach_action);
}

static void
lt_bundle_dialog_init (LtBundleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) chosen_free);
  self->excluded = g_ptr_array_new_with_free_func (g_free);
  self->keywords = g_ptr_array_new_with_free_func (g_free);
}

GtkWidget *
lt_bundle_dialog_new (LtContext *context,
                      LtTicket  *ticket)
{
  LtBundleDialog *self;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (ticket == NULL || LT_IS_TICKET (ticket), NULL);

  self = g_object_new (LT_TYPE_BUNDLE_DIALOG, NULL);
  self->context = g_object_ref (context);
  if (ticket != NULL)
    {
      g_autofree char *subtitle = NULL;

      self->ticket = g_object_ref (ticket);
      subtitle = g_strdup_printf (_("For %s"), lt_ticket_get_id (ticket) != NULL
                                               ? lt_ticket_get_id (ticket) : lt_ticket_get_title (ticket));
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  else
    {
      adw_window_title_set_subtitle (self->window_title, _("For the new ticket"));
    }

  update_paths (self);
  update_keywords (self);
  update_state (self);
  return GTK_WIDGET (self);
}
