/* lt-new-ticket-details-step.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-new-ticket-details-step"

#include "config.h"

#include "lt-new-ticket-details-step.h"

#include "lt-bundle-dialog.h"
#include "lt-error.h"
#include "lt-portal-client.h"
#include "lt-sensitive.h"
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

struct _LtNewTicketDetailsStep
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
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

  /* Borrowed */
  GtkWidget            *bundle_dialog;   /* while it is shown */

  /* Owned */
  LtContext            *context;
  GPtrArray            *attachments;     /* Attachment */
  GPtrArray            *title_findings;
  GPtrArray            *description_findings;
  char                 *references;
};

static void lt_new_ticket_details_step_iface_init (LtNewTicketStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtNewTicketDetailsStep, lt_new_ticket_details_step, ADW_TYPE_PREFERENCES_PAGE,
                               G_IMPLEMENT_INTERFACE (LT_TYPE_NEW_TICKET_STEP,
                                                      lt_new_ticket_details_step_iface_init))

enum {
  PROP_0,
  PROP_BREAK_FIX,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static char *
dup_description (LtNewTicketDetailsStep *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void remove_attachment (LtNewTicketDetailsStep *self,
                               const char           *path);

static void
remove_clicked_cb (GtkButton            *button,
                   LtNewTicketDetailsStep *self)
{
  remove_attachment (self, g_object_get_data (G_OBJECT (button), "lt-path"));
}

static GtkWidget *
create_remove_button (LtNewTicketDetailsStep *self,
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

static void replace_with_redacted_copy (LtNewTicketDetailsStep *self,
                                        const char           *path);

static void
redact_clicked_cb (GtkButton            *button,
                   LtNewTicketDetailsStep *self)
{
  replace_with_redacted_copy (self, g_object_get_data (G_OBJECT (button), "lt-path"));
}

/* For a file with secrets: send a redacted copy instead. */
static GtkWidget *
create_redact_button (LtNewTicketDetailsStep *self,
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
add_finding_rows (LtNewTicketDetailsStep *self,
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
count_findings (LtNewTicketDetailsStep *self)
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
update_findings (LtNewTicketDetailsStep *self)
{
  guint n_text = 0;
  guint n;

  lt_new_ticket_step_clear_list (self->findings_list);
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
scan_texts (LtNewTicketDetailsStep *self)
{
  g_autofree char *description = dup_description (self);

  g_clear_pointer (&self->title_findings, g_ptr_array_unref);
  g_clear_pointer (&self->description_findings, g_ptr_array_unref);
  self->title_findings = lt_sensitive_scan (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  self->description_findings = lt_sensitive_scan (description);
  update_findings (self);
}

static void
text_changed_cb (LtNewTicketDetailsStep *self)
{
  scan_texts (self);
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

void
lt_new_ticket_details_step_mask (LtNewTicketDetailsStep *self)
{
  g_autofree char *description = dup_description (self);
  g_autofree char *title = lt_sensitive_redact (gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                                                self->title_findings);
  g_autofree char *masked = lt_sensitive_redact (description, self->description_findings);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view), masked, -1);
}

static void
update_attachments (LtNewTicketDetailsStep *self)
{
  lt_new_ticket_step_clear_list (self->attachments_list);

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
remove_attachment (LtNewTicketDetailsStep *self,
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
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

/* The attachment @path is replaced by a redacted copy (secrets and
 * identities, as in a bundle: lt_ui_write_redacted_copy()), in
 * the profile's cache; the file itself is untouched. */
static void
replace_with_redacted_copy (LtNewTicketDetailsStep *self,
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
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

gboolean
lt_new_ticket_details_step_add_attachment (LtNewTicketDetailsStep  *self,
                                        const char            *path,
                                        GError               **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *display = NULL;
  Attachment *attachment;
  GStatBuf st;

  g_return_val_if_fail (LT_IS_NEW_TICKET_DETAILS_STEP (self), FALSE);
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
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
  return TRUE;
}

static void
file_chosen_cb (GtkNativeDialog      *chooser,
                int                   response,
                LtNewTicketDetailsStep *self)
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

      if (path != NULL && !lt_new_ticket_details_step_add_attachment (self, path, &error))
        lt_ui_show_error (GTK_WIDGET (self), _("The file cannot be attached"), error);
    }
}

void
lt_new_ticket_details_step_choose_files (LtNewTicketDetailsStep *self)
{
  GtkFileChooserNative *chooser;

  g_return_if_fail (LT_IS_NEW_TICKET_DETAILS_STEP (self));

  chooser = gtk_file_chooser_native_new (_("Attach Files"), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chosen_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * lt_new_ticket_details_step_add_bundle:
 * @self: the Details step
 * @parts: (element-type LtBundlePart): a diagnostics bundle's parts
 * @directory: the folder of the profile's `bundles/` that holds them; the
 *   assistant removes it if the bundle is removed or the ticket not filed
 *
 * What Attach in the "Attach Diagnostics…" dialog does for a draft:
 * each part becomes an attachment of the ticket, filed with it.
 */
void
lt_new_ticket_details_step_add_bundle (LtNewTicketDetailsStep *self,
                                    GPtrArray            *parts,
                                    const char           *directory)
{
  g_return_if_fail (LT_IS_NEW_TICKET_DETAILS_STEP (self));
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
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

static void
bundle_attached_cb (LtBundleDialog       *dialog,
                    GPtrArray            *parts,
                    const char           *directory,
                    LtNewTicketDetailsStep *self)
{
  lt_new_ticket_details_step_add_bundle (self, parts, directory);
}

static void
bundle_dialog_destroyed_cb (LtNewTicketDetailsStep *self)
{
  self->bundle_dialog = NULL;
}

void
lt_new_ticket_details_step_attach_diagnostics (LtNewTicketDetailsStep *self)
{
  GtkWidget *dialog;

  g_return_if_fail (LT_IS_NEW_TICKET_DETAILS_STEP (self));

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
lt_new_ticket_details_step_get_bundle_dialog (LtNewTicketDetailsStep *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_DETAILS_STEP (self), NULL);

  return self->bundle_dialog;
}

guint
lt_new_ticket_details_step_get_n_attachments (LtNewTicketDetailsStep *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_DETAILS_STEP (self), 0);

  return self->attachments->len;
}


void
lt_new_ticket_details_step_redact_attachment (LtNewTicketDetailsStep *self,
                                              const char             *path)
{
  g_autofree char *absolute = NULL;

  g_return_if_fail (LT_IS_NEW_TICKET_DETAILS_STEP (self));
  g_return_if_fail (path != NULL);

  absolute = g_canonicalize_filename (path, NULL);
  replace_with_redacted_copy (self, absolute);
}

guint
lt_new_ticket_details_step_get_n_findings (LtNewTicketDetailsStep *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_DETAILS_STEP (self), 0);

  return count_findings (self);
}

void
lt_new_ticket_details_step_set_references (LtNewTicketDetailsStep *self,
                                           const char             *ticket_id)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LT_IS_NEW_TICKET_DETAILS_STEP (self));

  g_free (self->references);
  self->references = g_strdup (ticket_id);
  gtk_widget_set_visible (GTK_WIDGET (self->references_row), ticket_id != NULL);
  if (ticket_id != NULL)
    {
      text = g_strdup_printf (_("%s, whose reopen window is over"), ticket_id);
      adw_action_row_set_subtitle (self->references_row, text);
    }
}

void
lt_new_ticket_details_step_remove_bundles (LtNewTicketDetailsStep *self)
{
  g_autoptr(GHashTable) removed = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (LT_IS_NEW_TICKET_DETAILS_STEP (self));

  for (guint i = 0; self->attachments != NULL && i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);

      if (attachment->bundle_dir != NULL && g_hash_table_add (removed, attachment->bundle_dir))
        lt_ui_remove_profile_folder (attachment->bundle_dir);
    }
}

static void
ack_toggled_cb (LtNewTicketDetailsStep *self)
{
  lt_new_ticket_step_changed (LT_NEW_TICKET_STEP (self));
}

/* ---- LtNewTicketStep ---------------------------------------------------- */

static void
details_set_context (LtNewTicketStep *step,
                     LtContext       *context)
{
  LtNewTicketDetailsStep *self = LT_NEW_TICKET_DETAILS_STEP (step);

  g_set_object (&self->context, context);
  scan_texts (self);
  update_attachments (self);
}

static char *
details_dup_blocker (LtNewTicketStep *step)
{
  LtNewTicketDetailsStep *self = LT_NEW_TICKET_DETAILS_STEP (step);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  g_autofree char *description = dup_description (self);
  g_autoptr(GError) error = NULL;

  if (lt_new_ticket_step_is_blank (title))
    return g_strdup (_("Give the ticket a title"));
  if (!lt_ticket_check_title_length (title, &error))
    return g_strdup (error->message);
  if (lt_new_ticket_step_is_blank (description))
    return g_strdup (_("Describe what happens"));
  if (!lt_ticket_check_description_length (description, &error))
    return g_strdup (error->message);
  if (count_findings (self) > 0 && !gtk_check_button_get_active (self->sensitive_ack_check))
    return g_strdup (_("Mask or remove what looks secret, or confirm that it is not"));
  return NULL;
}

static void
details_fill (LtNewTicketStep  *step,
              LtNewTicketDraft *draft)
{
  LtNewTicketDetailsStep *self = LT_NEW_TICKET_DETAILS_STEP (step);
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));
  g_autofree char *description = dup_description (self);

  lt_ticket_set_title (draft->ticket, title);
  lt_ticket_set_description (draft->ticket, g_strstrip (description));
  lt_ticket_set_break_fix (draft->ticket, gtk_switch_get_active (self->break_fix_switch));

  g_ptr_array_set_size (draft->attachments, 0);
  for (guint i = 0; i < self->attachments->len; i++)
    g_ptr_array_add (draft->attachments, ((Attachment *) g_ptr_array_index (self->attachments, i))->path);
  g_ptr_array_add (draft->attachments, NULL);
  draft->options.attachments = (const char * const *) draft->attachments->pdata;
  draft->options.references_ticket = self->references;
}

static void
details_summarize (LtNewTicketStep *step,
                   GtkListBox      *summary)
{
  LtNewTicketDetailsStep *self = LT_NEW_TICKET_DETAILS_STEP (step);
  g_autofree char *description = dup_description (self);
  g_autoptr(GString) files = g_string_new (NULL);

  if (self->references != NULL)
    lt_new_ticket_step_add_summary_row (summary, _("Follows Up"), self->references);
  lt_new_ticket_step_add_summary_row (summary, _("Title"), gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  lt_new_ticket_step_add_summary_row (summary, _("Description"), description);

  for (guint i = 0; i < self->attachments->len; i++)
    {
      Attachment *attachment = g_ptr_array_index (self->attachments, i);

      if (files->len > 0)
        g_string_append (files, ", ");
      g_string_append (files, attachment->name);
    }
  lt_new_ticket_step_add_summary_row (summary, _("Attachments"), files->len > 0 ? files->str : _("None"));
}

static void
lt_new_ticket_details_step_iface_init (LtNewTicketStepInterface *iface)
{
  iface->set_context = details_set_context;
  iface->dup_blocker = details_dup_blocker;
  iface->fill = details_fill;
  iface->summarize = details_summarize;
}

/* ---- GObject ------------------------------------------------------------ */

static void
lt_new_ticket_details_step_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  LtNewTicketDetailsStep *self = LT_NEW_TICKET_DETAILS_STEP (object);

  switch (prop_id)
    {
    case PROP_BREAK_FIX:
      g_value_set_boolean (value, gtk_switch_get_active (self->break_fix_switch));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_new_ticket_details_step_dispose (GObject *object)
{
  LtNewTicketDetailsStep *self = LT_NEW_TICKET_DETAILS_STEP (object);

  if (self->bundle_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->bundle_dialog));

  g_clear_object (&self->context);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->title_findings, g_ptr_array_unref);
  g_clear_pointer (&self->description_findings, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_NEW_TICKET_DETAILS_STEP);

  G_OBJECT_CLASS (lt_new_ticket_details_step_parent_class)->dispose (object);
}

static void
lt_new_ticket_details_step_finalize (GObject *object)
{
  LtNewTicketDetailsStep *self = LT_NEW_TICKET_DETAILS_STEP (object);

  g_free (self->references);

  G_OBJECT_CLASS (lt_new_ticket_details_step_parent_class)->finalize (object);
}

static void
lt_new_ticket_details_step_class_init (LtNewTicketDetailsStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lt_new_ticket_details_step_get_property;
  object_class->dispose = lt_new_ticket_details_step_dispose;
  object_class->finalize = lt_new_ticket_details_step_finalize;

  properties[PROP_BREAK_FIX] =
    g_param_spec_boolean ("break-fix", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-new-ticket-details-step.ui");
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketDetailsStep, title_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketDetailsStep, break_fix_switch);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketDetailsStep, references_row);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketDetailsStep, description_view);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketDetailsStep, attachments_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketDetailsStep, sensitive_group);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketDetailsStep, mask_button);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketDetailsStep, findings_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketDetailsStep, sensitive_ack_list);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketDetailsStep, sensitive_ack_check);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ack_toggled_cb);
}

static void
break_fix_toggled_cb (LtNewTicketDetailsStep *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BREAK_FIX]);
}

static void
lt_new_ticket_details_step_init (LtNewTicketDetailsStep *self)
{
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->break_fix_switch, "notify::active",
                           G_CALLBACK (break_fix_toggled_cb), self, G_CONNECT_SWAPPED);
}
