/* lt-versions-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-versions-page"

#include "config.h"

#include "lt-versions-page.h"

#include "lt-error.h"
#include "lt-installation-dialog.h"
#include "lt-release-forecast.h"
#include "lt-release-timeline.h"
#include "lt-ui-util.h"
#include "lt-version-detect.h"

#include <glib/gi18n-lib.h>

struct _LtVersionsPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *timeline_group;
  LtReleaseTimeline   *timeline;
  GtkLabel            *forecast_label;
  GtkListBox          *installations_list;
  AdwPreferencesGroup *named_group;
  GtkListBox          *named_list;
  AdwPreferencesGroup *catalog_group;
  GtkSortListModel    *catalog_sort_model;
  GtkCustomSorter     *version_sorter;
  GtkCustomSorter     *released_sorter;
  GtkColumnView       *catalog_view;

  /* Owned */
  LtContext           *context;
  GHashTable          *removing;   /* ids of installations whose removal waits for its toast */
  GtkCustomFilter     *removing_filter;
  GtkFilterListModel  *shown_installations;
  GCancellable        *named_cancellable;
};

G_DEFINE_FINAL_TYPE (LtVersionsPage, lt_versions_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static LtEligibility *
check_release (LtVersionsPage *self,
               LtRelease      *release)
{
  return lt_release_catalog_check_version_for_policy (lt_context_get_catalog (self->context),
                                                      lt_release_get_version (release),
                                                      lt_context_get_policy (self->context));
}

/* ---- Summary and forecast ------------------------------------------- */

static void
update_summary (LtVersionsPage *self)
{
  LtReleaseCatalog *catalog = lt_context_get_catalog (self->context);
  LtPolicy *policy = lt_context_get_policy (self->context);
  LtRelease *current = lt_release_catalog_get_current (catalog);
  LtRelease *floor = lt_release_catalog_get_floor (catalog, lt_policy_get_supported_preceding (policy));
  g_autoptr(GString) forecast = g_string_new (NULL);
  g_autofree char *description = NULL;
  g_autofree char *catalog_description = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (catalog));

  catalog_description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                      "%u release, newest first",
                                                      "%u releases, newest first", n),
                                         n);
  adw_preferences_group_set_description (self->catalog_group, catalog_description);

  if (current == NULL || floor == NULL)
    {
      adw_preferences_group_set_description (self->timeline_group,
                                             _("The release catalog has no release that is not withdrawn: refresh it from the portal."));
      gtk_label_set_text (self->forecast_label, "");
      return;
    }

  description = g_strdup_printf (_("Current release %s · versions %s and later are supported (the current release and the %u before it)"),
                                 lt_version_to_string (lt_release_get_version (current)),
                                 lt_version_to_string (lt_release_get_version (floor)),
                                 lt_policy_get_supported_preceding (policy));
  adw_preferences_group_set_description (self->timeline_group, description);

  /* One line per release in the window, oldest first: how long each
   * stays supported, in core's count of releases. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (G_LIST_MODEL (catalog), i - 1);
      g_autoptr(LtEligibility) eligibility = check_release (self, release);
      g_autofree char *line = NULL;
      g_autofree char *escaped = NULL;
      const char *version = lt_version_to_string (lt_release_get_version (release));

      if (!eligibility->hotfix_eligible)
        continue;

      if (eligibility->installed_withdrawn && eligibility->replacement != NULL)
        line = g_strdup_printf (_("Withdrawn: use %s instead"),
                                lt_version_to_string (eligibility->replacement));
      else
        line = lt_ui_dup_forecast (eligibility);
      if (line == NULL)
        continue;

      escaped = g_markup_escape_text (line, -1);
      if (forecast->len > 0)
        g_string_append_c (forecast, '\n');
      g_string_append_printf (forecast, "<b>%s</b>  %s", version, escaped);
    }

  gtk_label_set_markup (self->forecast_label, forecast->str);
}

/* ---- Release catalog columns ---------------------------------------- */

static char *
release_date_text (GtkListItem *item,
                   GDate       *date)
{
  if (date == NULL)
    return g_strdup ("");

  return lt_ui_format_date_short (date);
}

static char *
release_fixes_text (GtkListItem *item,
                    char       **fixes)
{
  if (fixes == NULL || fixes[0] == NULL)
    return g_strdup ("—");

  return g_strjoinv (", ", fixes);
}

static const char *
release_status_text (LtVersionsPage      *self,
                     LtRelease           *release,
                     const LtEligibility *eligibility)
{
  if (lt_release_get_withdrawn (release))
    return _("Withdrawn");
  return lt_ui_eligibility_badge (eligibility);
}

/* What a screen reader says for a release's row, and for each cell with
 * its column: the struck-through look and the badge colours say nothing
 * to it. */
static void
name_release_row (LtVersionsPage *self,
                  GtkListItem    *item,
                  LtRelease      *release)
{
  g_autoptr(LtEligibility) eligibility = check_release (self, release);
  const char *version = lt_version_to_string (lt_release_get_version (release));
  g_autofree char *released = release_date_text (item, (GDate *) lt_release_get_released (release));
  g_autofree char *fixes = release_fixes_text (item, (char **) lt_release_get_fixes (release));
  const char *status = release_status_text (self, release, eligibility);
  const char *notes = lt_release_get_notes (release) ?: "";
  const char *cells[] = { version, released, status, fixes, notes, NULL };
  g_autofree char *row_name = NULL;

  if (lt_release_get_fixes (release) == NULL || lt_release_get_fixes (release)[0] == NULL)
    /* TRANSLATORS: a release in the catalog, as a screen reader says its
     * row: version, release date, support status, notes */
    row_name = g_strdup_printf (_("Release %s, released %s, %s, fixes no known issue. %s"),
                                version, released, status, notes);
  else
    /* TRANSLATORS: a release in the catalog, as a screen reader says its
     * row: version, release date, support status, the known issues it
     * fixes, notes */
    row_name = g_strdup_printf (_("Release %s, released %s, %s, fixes %s. %s"),
                                version, released, status, fixes, notes);
  lt_ui_column_view_name_row (self->catalog_view, item, g_strstrip (row_name), cells);
}

static void
version_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LtVersionsPage           *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
version_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LtVersionsPage           *self)
{
  LtRelease *release = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  LtRelease *current = lt_release_catalog_get_current (lt_context_get_catalog (self->context));
  const char *version = lt_version_to_string (lt_release_get_version (release));

  gtk_label_set_text (GTK_LABEL (label), version);
  /* Struck through: the withdrawn release must not look installable. */
  gtk_widget_remove_css_class (label, "withdrawn");
  gtk_widget_remove_css_class (label, "heading");
  if (lt_release_get_withdrawn (release))
    gtk_widget_add_css_class (label, "withdrawn");
  else if (release == current)
    gtk_widget_add_css_class (label, "heading");

  name_release_row (self, item, release);
}

static void
status_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LtVersionsPage           *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "badge");
  gtk_list_item_set_child (item, label);
}

static void
status_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                LtVersionsPage           *self)
{
  LtRelease *release = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autoptr(LtEligibility) eligibility = check_release (self, release);

  gtk_label_set_text (GTK_LABEL (label), release_status_text (self, release, eligibility));
  if (lt_release_get_withdrawn (release))
    {
      lt_ui_set_style_class (label, lt_ui_badge_classes, "error");
      return;
    }

  if (eligibility->status == LT_SUPPORT_STATUS_UNSUPPORTED)
    lt_ui_set_style_class (label, lt_ui_badge_classes, "dim");
  else if (eligibility->status == LT_SUPPORT_STATUS_CURRENT)
    lt_ui_set_style_class (label, lt_ui_badge_classes, "accent");
  else
    lt_ui_set_style_class (label, lt_ui_badge_classes, lt_ui_eligibility_style_class (eligibility));
}

static int
compare_versions_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  return lt_version_compare (lt_release_get_version ((LtRelease *) a),
                             lt_release_get_version ((LtRelease *) b));
}

static int
compare_released_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const GDate *da = lt_release_get_released ((LtRelease *) a);
  const GDate *db = lt_release_get_released ((LtRelease *) b);

  if (da == NULL || db == NULL)
    return (da != NULL) - (db != NULL);

  return g_date_compare (da, db);
}

/* ---- Installations -------------------------------------------------- */

/* "Support ends about June 2027, if releases keep their usual pace of
 * ~3 months (estimate)"; for a supported version whose end cannot be
 * estimated, why not; nothing for one that is not supported. The label
 * and its basis are core's (lt-release-forecast.h). */
static char *
dup_estimate_text (LtVersionsPage      *self,
                   const LtEligibility *eligibility)
{
  g_autoptr(LtReleaseForecast) forecast = NULL;
  g_autoptr(LtSupportEndEstimate) estimate = NULL;
  GDate today;

  lt_clock_get_local_today (lt_context_get_clock (self->context), &today);
  forecast = lt_release_forecast_new (lt_context_get_catalog (self->context), &today);
  estimate = lt_support_end_estimate_new (forecast, eligibility);
  if (estimate->available)
    /* TRANSLATORS: an installation's estimated end of support on the Versions page; %s is "about June 2027, if releases keep their usual pace of ~3 months" */
    return g_strdup_printf (_("Support ends %s (estimate)"), estimate->label);
  if (eligibility->hotfix_eligible)
    /* TRANSLATORS: %s says why no date can be estimated */
    return g_strdup_printf (_("End of support: no estimate. %s"), estimate->reason);
  return NULL;
}

static void
update_installation_row (AdwActionRow   *row,
                         LtInstallation *installation)
{
  LtVersionsPage *self = g_object_get_data (G_OBJECT (row), "lt-page");
  GtkWidget *badge = g_object_get_data (G_OBJECT (row), "lt-badge");
  GtkWidget *detect = g_object_get_data (G_OBJECT (row), "lt-detect");
  g_autoptr(LtEligibility) eligibility = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *estimate_text = NULL;
  const char *host = lt_installation_get_host (installation);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lt_installation_get_name (installation));
  gtk_widget_set_visible (detect, lt_installation_get_detection_method (installation) == LT_DETECTION_METHOD_FILE);

  if (host != NULL)
    g_ptr_array_add (parts, g_strdup (host));

  eligibility = lt_installation_check_eligibility (installation,
                                                   lt_context_get_catalog (self->context),
                                                   lt_context_get_policy (self->context),
                                                   &error);
  if (eligibility == NULL)
    {
      g_ptr_array_add (parts, g_strdup (error->message));
      gtk_label_set_text (GTK_LABEL (badge), _("No version"));
      lt_ui_set_style_class (badge, lt_ui_badge_classes, "dim");
    }
  else
    {
      g_autofree char *forecast = lt_ui_dup_forecast (eligibility);

      g_ptr_array_add (parts, g_strdup_printf (_("version %s"),
                                               lt_version_to_string (eligibility->installed)));
      if (eligibility->withdrawn_message != NULL)
        g_ptr_array_add (parts, g_strdup (eligibility->withdrawn_message));
      else if (forecast != NULL)
        g_ptr_array_add (parts, g_steal_pointer (&forecast));
      else
        g_ptr_array_add (parts, g_strdup (eligibility->message));

      gtk_label_set_text (GTK_LABEL (badge), lt_ui_eligibility_badge (eligibility));
      lt_ui_set_style_class (badge, lt_ui_badge_classes, lt_ui_eligibility_style_class (eligibility));
      estimate_text = dup_estimate_text (self, eligibility);
    }

  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  /* The estimate on a line of its own: the subtitle wraps at 360 px, and
   * the date with its basis reads as one sentence. */
  if (estimate_text != NULL)
    {
      g_autofree char *joined = g_strconcat (subtitle, "\n", estimate_text, NULL);

      g_free (subtitle);
      subtitle = g_steal_pointer (&joined);
    }
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (row, escaped);
  /* A screen reader gets the row's name, then all of this, the estimate
   * included, as its description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (badge),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_label_get_text (GTK_LABEL (badge)),
                                  -1);
}

static void
installation_notify_cb (LtInstallation *installation,
                        GParamSpec     *pspec,
                        AdwActionRow   *row)
{
  update_installation_row (row, installation);
}

static void
edit_installation_clicked_cb (GtkButton      *button,
                              LtInstallation *installation)
{
  LtVersionsPage *self = LT_VERSIONS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                     LT_TYPE_VERSIONS_PAGE));
  GtkWidget *dialog = lt_installation_dialog_new (self->context, installation);

  lt_ui_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (button));
}

typedef struct
{
  GWeakRef              page;
  LtStoreInstallations *installations;
  char                 *id;
} Removal;

static void
removal_free (gpointer data)
{
  Removal *removal = data;

  g_weak_ref_clear (&removal->page);
  g_object_unref (removal->installations);
  g_free (removal->id);
  g_free (removal);
}

/* The toast went (or the window closed): the installation goes for good;
 * Undo: it shows again, untouched. */
static void
removal_done (gpointer data,
              gboolean undone)
{
  Removal *removal = data;
  g_autoptr(LtVersionsPage) self = g_weak_ref_get (&removal->page);
  g_autoptr(GError) error = NULL;

  if (!undone && !lt_store_installations_remove (removal->installations, removal->id, &error) &&
      self != NULL)
    lt_ui_show_error (GTK_WIDGET (self), _("The installation could not be removed"), error);

  if (self != NULL && g_hash_table_remove (self->removing, removal->id))
    gtk_filter_changed (GTK_FILTER (self->removing_filter), GTK_FILTER_CHANGE_LESS_STRICT);
}

/* GNOME's undo rather than a confirmation: removing an installation is
 * local until the toast goes. */
static void
remove_installation_clicked_cb (GtkButton      *button,
                                LtInstallation *installation)
{
  LtVersionsPage *self = LT_VERSIONS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                     LT_TYPE_VERSIONS_PAGE));
  LtStoreInstallations *installations = lt_context_get_installations (self->context);
  g_autofree char *title = NULL;
  Removal *removal;

  if (installations == NULL)
    return;

  removal = g_new0 (Removal, 1);
  g_weak_ref_init (&removal->page, self);
  removal->installations = g_object_ref (installations);
  removal->id = g_strdup (lt_installation_get_id (installation));
  title = g_strdup_printf (_("“%s” removed"), lt_installation_get_name (installation));

  /* Focus stays on the list, not on a button that goes with its row. */
  gtk_widget_grab_focus (GTK_WIDGET (self->installations_list));
  g_hash_table_add (self->removing, g_strdup (removal->id));
  gtk_filter_changed (GTK_FILTER (self->removing_filter), GTK_FILTER_CHANGE_MORE_STRICT);
  lt_ui_show_undo_toast (GTK_WIDGET (self), title, removal_done, removal, removal_free);
}

static void
detect_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LtInstallation *scratch = task_data;
  GDateTime *now = g_object_get_data (G_OBJECT (task), "lt-now");
  GError *error = NULL;

  /* On a copy: the model's object is touched by the store, on the main
   * thread, only after the write. */
  if (lt_version_detect_installation_file (scratch, now, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
detect_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LtVersionsPage *self = LT_VERSIONS_PAGE (source);
  LtInstallation *scratch = g_task_get_task_data (G_TASK (result));
  LtStoreInstallations *installations = lt_context_get_installations (self->context);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *summary = g_strdup_printf (_("The version of “%s” could not be read"),
                                                  lt_installation_get_name (scratch));
      lt_ui_show_error (GTK_WIDGET (self), summary, error);
      return;
    }

  if (installations == NULL ||
      !lt_store_installations_update (installations, scratch, now, &error))
    {
      lt_ui_show_error (GTK_WIDGET (self), _("The detected version could not be saved"), error);
      return;
    }

  message = g_strdup_printf (_("“%s” runs %s"), lt_installation_get_name (scratch),
                             lt_installation_get_detected_version (scratch));
  lt_ui_show_toast (GTK_WIDGET (self), message);
}

static void
detect_installation_clicked_cb (GtkButton      *button,
                                LtInstallation *installation)
{
  LtVersionsPage *self = LT_VERSIONS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                     LT_TYPE_VERSIONS_PAGE));
  g_autoptr(GTask) task = NULL;
  LtInstallation *scratch = lt_installation_new ();

  lt_installation_set_id (scratch, lt_installation_get_id (installation));
  lt_installation_set_name (scratch, lt_installation_get_name (installation));
  lt_installation_set_host (scratch, lt_installation_get_host (installation));
  lt_installation_set_detection_method (scratch, lt_installation_get_detection_method (installation));
  lt_installation_set_location (scratch, lt_installation_get_location (installation));
  lt_installation_set_detected_version (scratch, lt_installation_get_detected_version (installation));
  lt_installation_set_detected_at (scratch, lt_installation_get_detected_at (installation));
  lt_installation_set_note (scratch, lt_installation_get_note (installation));

  task = g_task_new (self, NULL, detect_done_cb, NULL);
  g_task_set_source_tag (task, detect_installation_clicked_cb);
  g_task_set_task_data (task, scratch, g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "lt-now",
                          lt_clock_dup_now (lt_context_get_clock (self->context)),
                          (GDestroyNotify) g_date_time_unref);
  g_task_run_in_thread (task, detect_thread);
}

static GtkWidget *
add_row_button (AdwActionRow *row,
                const char   *icon_name,
                const char   *tooltip,
                GCallback     callback,
                gpointer      installation)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_object (button, "clicked", callback, installation, 0);
  adw_action_row_add_suffix (row, button);

  return button;
}

static GtkWidget *
create_installation_row (gpointer item,
                         gpointer user_data)
{
  LtVersionsPage *self = user_data;
  LtInstallation *installation = item;
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *detect;
  g_autofree char *edit_label = NULL;
  g_autofree char *remove_label = NULL;
  g_autofree char *detect_label = NULL;
  const char *name = lt_installation_get_name (installation);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "badge");
  adw_action_row_add_suffix (row, badge);

  /* TRANSLATORS: accessible names of the buttons of one installation */
  detect_label = g_strdup_printf (_("Read the version of %s again"), name);
  edit_label = g_strdup_printf (_("Edit %s"), name);
  remove_label = g_strdup_printf (_("Remove %s"), name);
  detect = add_row_button (row, "view-refresh-symbolic", detect_label,
                           G_CALLBACK (detect_installation_clicked_cb), installation);
  add_row_button (row, "document-edit-symbolic", edit_label,
                  G_CALLBACK (edit_installation_clicked_cb), installation);
  add_row_button (row, "user-trash-symbolic", remove_label,
                  G_CALLBACK (remove_installation_clicked_cb), installation);

  g_object_set_data (G_OBJECT (row), "lt-page", self);
  g_object_set_data (G_OBJECT (row), "lt-badge", badge);
  g_object_set_data (G_OBJECT (row), "lt-detect", detect);
  update_installation_row (row, installation);

  g_signal_connect_object (installation, "notify",
                           G_CALLBACK (installation_notify_cb), row, 0);

  return GTK_WIDGET (row);
}

static GtkWidget *
create_empty_state (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
add_installation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LtVersionsPage *self = LT_VERSIONS_PAGE (widget);
  GtkWidget *dialog = lt_installation_dialog_new (self->context, NULL);

  lt_ui_present_dialog (GTK_WINDOW (dialog), widget);
}

/* ---- Installations named in tickets --------------------------------- */

static void
import_clicked_cb (GtkButton      *button,
                   LtInstallation *installation)
{
  LtVersionsPage *self = LT_VERSIONS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                                     LT_TYPE_VERSIONS_PAGE));
  LtStoreInstallations *installations = lt_context_get_installations (self->context);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (installations == NULL)
    return;

  /* The version is what the newest ticket said, entered now: the admin
   * can read it from the server afterwards (Edit). */
  if (lt_installation_get_detected_version (installation) != NULL)
    lt_installation_set_detected_at (installation, now);
  if (!lt_store_installations_add (installations, installation, now, &error))
    {
      lt_ui_show_error (GTK_WIDGET (self), _("The installation could not be added"), error);
      return;
    }

  message = g_strdup_printf (_("“%s” added"), lt_installation_get_name (installation));
  gtk_widget_grab_focus (GTK_WIDGET (self->installations_list));
  lt_ui_show_toast (GTK_WIDGET (self), message);
}

static void
show_named (LtVersionsPage *self,
            GPtrArray      *named)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->named_list))) != NULL)
    gtk_list_box_remove (self->named_list, child);

  gtk_widget_set_visible (GTK_WIDGET (self->named_group), named != NULL && named->len > 0);
  for (guint i = 0; named != NULL && i < named->len; i++)
    {
      LtInstallation *installation = g_ptr_array_index (named, i);
      const char *version = lt_installation_get_detected_version (installation);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Add"));
      g_autofree char *name = g_markup_escape_text (lt_installation_get_name (installation), -1);
      g_autofree char *label = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      if (version != NULL)
        {
          g_autofree char *words = g_strdup_printf (_("version %s in the newest ticket"), version);
          g_autofree char *subtitle = g_markup_escape_text (words, -1);

          adw_action_row_set_subtitle (row, subtitle);
        }
      /* TRANSLATORS: accessible name of the button that imports an installation */
      label = g_strdup_printf (_("Add %s to your installations"), lt_installation_get_name (installation));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_signal_connect_data (button, "clicked", G_CALLBACK (import_clicked_cb),
                             g_object_ref (installation), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
      adw_action_row_add_suffix (row, button);
      gtk_list_box_append (self->named_list, GTK_WIDGET (row));
    }
}

static void
named_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LtStore *reader = task_data;
  GError *error = NULL;
  GPtrArray *named = lt_store_list_installations_named_in_tickets (reader, &error);

  if (named == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, named, (GDestroyNotify) g_ptr_array_unref);
}

static void
named_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GPtrArray) named = NULL;
  g_autoptr(GError) error = NULL;

  named = g_task_propagate_pointer (G_TASK (result), &error);
  /* A newer look, or the page went. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (named == NULL)
    g_message ("Reading the installations the tickets name failed: %s", error->message);
  show_named (LT_VERSIONS_PAGE (source), named);
}

/* The installations the tickets name are read on a reader in a worker
 * thread: the query is a few index seeks per name (schema v8), but the
 * file may be busy with a sync's write. */
static void
update_named (LtVersionsPage *self)
{
  LtStoreInstallations *installations = self->context != NULL ? lt_context_get_installations (self->context) : NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LtStore *reader;

  g_cancellable_cancel (self->named_cancellable);
  g_clear_object (&self->named_cancellable);
  if (installations == NULL)
    {
      show_named (self, NULL);
      return;
    }

  self->named_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->named_cancellable, named_read_cb, NULL);
  g_task_set_source_tag (task, update_named);

  reader = lt_store_open_reader (lt_store_installations_get_store (installations), &error);
  if (reader == NULL)
    {
      /* Without a second connection: here, as the ticket list does. */
      g_autoptr(GPtrArray) named = NULL;

      g_clear_error (&error);
      named = lt_store_list_installations_named_in_tickets (lt_store_installations_get_store (installations),
                                                            &error);
      if (named == NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, g_steal_pointer (&named), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  g_task_set_task_data (task, reader, g_object_unref);
  g_task_run_in_thread (task, named_thread);
}

static void
bind_installations (LtVersionsPage *self)
{
  LtStoreInstallations *installations = lt_context_get_installations (self->context);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "versions.add-installation",
                                 installations != NULL);

  if (installations == NULL)
    {
      gtk_list_box_bind_model (self->installations_list, NULL, NULL, NULL, NULL);
      gtk_list_box_set_placeholder (self->installations_list,
                                    create_empty_state (_("Installations are kept in the local database, which could not be opened.")));
      lt_release_timeline_set_installations (self->timeline, NULL);
      return;
    }

  gtk_list_box_set_placeholder (self->installations_list,
                                create_empty_state (_("No installations yet. Add the LockThreat servers you run to see whether each is still supported.")));
  gtk_filter_list_model_set_model (self->shown_installations, G_LIST_MODEL (installations));
  gtk_list_box_bind_model (self->installations_list, G_LIST_MODEL (self->shown_installations),
                           create_installation_row, self, NULL);
  lt_release_timeline_set_installations (self->timeline, G_LIST_MODEL (self->shown_installations));
  g_signal_handlers_disconnect_by_func (installations, update_named, self);
  g_signal_connect_object (installations, "items-changed",
                           G_CALLBACK (update_named), self, G_CONNECT_SWAPPED);
  update_named (self);
}

/* ---- Context -------------------------------------------------------- */

static void
catalog_changed_cb (LtVersionsPage *self)
{
  update_summary (self);
  /* A refreshed catalog changes verdicts and estimated ends of support. */
  bind_installations (self);
}

static void
policy_changed_cb (LtVersionsPage *self)
{
  lt_release_timeline_set_policy (self->timeline, lt_context_get_policy (self->context));
  update_summary (self);
  /* Row verdicts depend on the policy's window size. */
  bind_installations (self);
}

static void
lt_versions_page_dispose (GObject *object)
{
  LtVersionsPage *self = (LtVersionsPage *) object;

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (lt_context_get_catalog (self->context), self);
      g_signal_handlers_disconnect_by_data (self->context, self);
    }
  g_clear_object (&self->context);
  g_clear_object (&self->shown_installations);
  g_cancellable_cancel (self->named_cancellable);
  g_clear_object (&self->named_cancellable);
  g_clear_pointer (&self->removing, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_VERSIONS_PAGE);

  G_OBJECT_CLASS (lt_versions_page_parent_class)->dispose (object);
}

static void
lt_versions_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LtVersionsPage *self = LT_VERSIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_versions_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LtVersionsPage *self = LT_VERSIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lt_versions_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_versions_page_class_init (LtVersionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_versions_page_dispose;
  object_class->get_property = lt_versions_page_get_property;
  object_class->set_property = lt_versions_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LT_TYPE_RELEASE_TIMELINE);
  g_type_ensure (LT_TYPE_RELEASE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-versions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, forecast_label);
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, installations_list);
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, named_group);
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, named_list);
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, catalog_group);
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, catalog_sort_model);
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, version_sorter);
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, released_sorter);
  gtk_widget_class_bind_template_child (widget_class, LtVersionsPage, catalog_view);
  gtk_widget_class_bind_template_callback (widget_class, release_date_text);
  gtk_widget_class_bind_template_callback (widget_class, release_fixes_text);
  gtk_widget_class_bind_template_callback (widget_class, version_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, version_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_bind_cb);

  gtk_widget_class_install_action (widget_class, "versions.add-installation", NULL,
                                   add_installation_action);
}

static gboolean
not_removing_cb (gpointer item,
                 gpointer user_data)
{
  LtVersionsPage *self = user_data;

  return self->removing == NULL ||
         !g_hash_table_contains (self->removing, lt_installation_get_id (LT_INSTALLATION (item)));
}

static void
lt_versions_page_init (LtVersionsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_custom_sorter_set_sort_func (self->version_sorter, compare_versions_cb, NULL, NULL);
  gtk_custom_sorter_set_sort_func (self->released_sorter, compare_released_cb, NULL, NULL);

  /* Tickets a sync brought may name new ones: looked at each time the
   * page is shown (one pass over the tickets). */
  g_signal_connect (self, "map", G_CALLBACK (update_named), NULL);

  self->removing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->removing_filter = gtk_custom_filter_new (not_removing_cb, self, NULL);
  /* Takes the filter. */
  self->shown_installations = gtk_filter_list_model_new (NULL, GTK_FILTER (self->removing_filter));
  lt_ui_column_view_name_parts (self->catalog_view, _("Release catalog"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "versions.add-installation", FALSE);
}

void
lt_versions_page_set_context (LtVersionsPage *self,
                              LtContext      *context)
{
  LtReleaseCatalog *catalog;

  g_return_if_fail (LT_IS_VERSIONS_PAGE (self));
  g_return_if_fail (LT_IS_CONTEXT (context));
  /* Pages live as long as their window, which has one context. */
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  catalog = lt_context_get_catalog (context);

  lt_release_timeline_set_catalog (self->timeline, catalog);
  lt_release_timeline_set_policy (self->timeline, lt_context_get_policy (context));
  gtk_sort_list_model_set_model (self->catalog_sort_model, G_LIST_MODEL (catalog));

  g_signal_connect_object (catalog, "items-changed",
                           G_CALLBACK (catalog_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::policy",
                           G_CALLBACK (policy_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::installations",
                           G_CALLBACK (bind_installations), self, G_CONNECT_SWAPPED);

  bind_installations (self);
  update_summary (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
