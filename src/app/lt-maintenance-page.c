/* lt-maintenance-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-maintenance-page"

#include "config.h"

#include "lt-maintenance-page.h"
#include "lt-date-util.h"

#include "lt-error.h"
#include "lt-icalendar.h"
#include "lt-maintenance-window.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _LtMaintenancePage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkCalendar         *calendar;
  GtkLabel            *day_label;
  GtkLabel            *day_windows_label;
  AdwPreferencesGroup *upcoming_group;
  GtkDropDown         *kind_dropdown;
  GtkStringList       *kind_model;
  GtkListBox          *upcoming_list;
  GtkListBox          *past_list;
  GtkFilterListModel  *upcoming_model;
  GtkCustomFilter     *upcoming_filter;
  GtkSortListModel    *past_model;
  GtkFilterListModel  *past_filter_model;
  GtkCustomFilter     *past_filter;
  GtkCustomSorter     *past_sorter;

  /* Owned */
  LtContext           *context;
  GDateTime           *now;          /* the instant the filters split at */
};

G_DEFINE_FINAL_TYPE (LtMaintenancePage, lt_maintenance_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- Filters -------------------------------------------------------- */

/* The dropdown: 0 = every kind, else kind + 1. */
static gboolean
kind_matches (LtMaintenancePage   *self,
              LtMaintenanceWindow *window)
{
  guint selected = gtk_drop_down_get_selected (self->kind_dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
         (guint) lt_maintenance_window_get_kind (window) == selected - 1;
}

/* Over once its end (or, without one, its start) has passed. */
static gboolean
window_is_over (LtMaintenancePage   *self,
                LtMaintenanceWindow *window)
{
  GDateTime *ends = lt_maintenance_window_get_ends_at (window);
  GDateTime *starts = lt_maintenance_window_get_starts_at (window);
  GDateTime *last = ends != NULL ? ends : starts;

  return last != NULL && self->now != NULL && g_date_time_compare (last, self->now) <= 0;
}

static gboolean
upcoming_filter_cb (gpointer item,
                    gpointer user_data)
{
  LtMaintenancePage *self = user_data;

  return !window_is_over (self, item) && kind_matches (self, item);
}

static gboolean
past_filter_cb (gpointer item,
                gpointer user_data)
{
  LtMaintenancePage *self = user_data;

  return window_is_over (self, item) && kind_matches (self, item);
}

static int
past_sort_cb (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  GDateTime *sa = lt_maintenance_window_get_starts_at ((LtMaintenanceWindow *) a);
  GDateTime *sb = lt_maintenance_window_get_starts_at ((LtMaintenanceWindow *) b);

  if (sa == NULL || sb == NULL)
    return (sa == NULL) - (sb == NULL);

  /* Most recent first. */
  return g_date_time_compare (sb, sa);
}

/* ---- Rows ----------------------------------------------------------- */

static const char *
kind_style_class (LtMaintenanceKind kind)
{
  switch (kind)
    {
    case LT_MAINTENANCE_KIND_EMERGENCY:
      return "error";
    case LT_MAINTENANCE_KIND_UPGRADE_PACKAGE:
      return "accent";
    case LT_MAINTENANCE_KIND_SCHEDULED:
    default:
      return "dim";
    }
}

static const char *
affects_label (LtMaintenanceAffects affects)
{
  switch (affects)
    {
    case LT_MAINTENANCE_AFFECTS_SAAS:
      return _("Cloud services");
    case LT_MAINTENANCE_AFFECTS_ON_PREM:
      return _("On-premise servers");
    case LT_MAINTENANCE_AFFECTS_BOTH:
    default:
      return _("Cloud and on-premise");
    }
}

static GtkWidget *
create_window_row (gpointer item,
                   gpointer user_data)
{
  LtMaintenancePage *self = user_data;
  LtMaintenanceWindow *window = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *badge = gtk_label_new (lt_maintenance_kind_get_label (lt_maintenance_window_get_kind (window)));
  GDateTime *starts = lt_maintenance_window_get_starts_at (window);
  GDateTime *ends = lt_maintenance_window_get_ends_at (window);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (lt_maintenance_window_get_title (window) ?: "", -1);
  g_autofree char *escaped = NULL;
  g_autofree char *warning = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  if (starts != NULL)
    {
      g_autofree char *when = lt_ui_format_instant (starts);

      g_string_append (subtitle, when);
      if (ends != NULL)
        {
          g_autofree char *duration = lt_ui_format_duration (g_date_time_difference (ends, starts));

          g_string_append_printf (subtitle, " (%s)", duration);
        }
    }
  g_string_append_printf (subtitle, " · %s", affects_label (lt_maintenance_window_get_affects (window)));

  /* R9: an emergency announced with too little notice is flagged. */
  if (lt_maintenance_window_is_notice_short (window, lt_context_get_policy (self->context), NULL, &warning))
    g_string_append_printf (subtitle, "\n%s", warning);

  escaped = g_markup_escape_text (subtitle->str, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "badge");
  gtk_widget_add_css_class (badge, kind_style_class (lt_maintenance_window_get_kind (window)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  return row;
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

/* ---- Calendar ------------------------------------------------------- */

/* GTK 4.8's GtkCalendar records marks but gives the marked day labels
 * no state or class a theme could show (later versions set :checked), so
 * the marked days of the shown month get our "marked" class. The labels
 * are the calendar's own children: "day-number", and "other-month" for
 * the days of the months around it. */
static void
style_marked_days (LtMaintenancePage *self)
{
  GtkWidget *grid = gtk_widget_get_last_child (GTK_WIDGET (self->calendar));

  for (GtkWidget *child = grid != NULL ? gtk_widget_get_first_child (grid) : NULL;
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      guint64 day;

      if (!GTK_IS_LABEL (child) || !gtk_widget_has_css_class (child, "day-number"))
        continue;

      gtk_widget_remove_css_class (child, "marked");
      if (gtk_widget_has_css_class (child, "other-month"))
        continue;

      day = g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (child)), NULL, 10);
      if (day >= 1 && day <= 31 && gtk_calendar_get_day_is_marked (self->calendar, (guint) day))
        gtk_widget_add_css_class (child, "marked");
    }
}

/* Marks the days of the shown month on which a window (of the chosen
 * kind) runs, in the user's local time. */
static void
update_marks (LtMaintenancePage *self)
{
  GListModel *windows = self->context != NULL
                        ? G_LIST_MODEL (lt_context_get_maintenance_windows (self->context)) : NULL;
  int year, month;
  guint n;

  gtk_calendar_clear_marks (self->calendar);
  if (windows == NULL)
    return;

  g_object_get (self->calendar, "year", &year, "month", &month, NULL);
  n = g_list_model_get_n_items (windows);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtMaintenanceWindow) window = g_list_model_get_item (windows, i);
      GDateTime *starts = lt_maintenance_window_get_starts_at (window);
      GDateTime *ends = lt_maintenance_window_get_ends_at (window);
      g_autoptr(GDateTime) first_local = NULL;
      g_autoptr(GDateTime) last_local = NULL;
      GDate day, last;

      /* A window a sync stored before the range was checked has no local
       * day to mark (its list entry says "invalid date"). */
      if (!lt_instant_is_supported (starts) ||
          (ends != NULL && !lt_instant_is_supported (ends)) ||
          !kind_matches (self, window))
        continue;

      /* The end instant itself is not part of the window: one ending at
       * midnight does not mark the next day. */
      first_local = g_date_time_to_local (starts);
      last_local = ends != NULL && g_date_time_compare (ends, starts) > 0
                   ? g_date_time_add_seconds (ends, -1) : g_date_time_ref (starts);
      {
        g_autoptr(GDateTime) tmp = g_date_time_to_local (last_local);

        g_date_time_unref (last_local);
        last_local = g_steal_pointer (&tmp);
      }
      g_date_clear (&day, 1);
      g_date_clear (&last, 1);
      g_date_set_dmy (&day, g_date_time_get_day_of_month (first_local),
                      g_date_time_get_month (first_local), g_date_time_get_year (first_local));
      g_date_set_dmy (&last, g_date_time_get_day_of_month (last_local),
                      g_date_time_get_month (last_local), g_date_time_get_year (last_local));

      /* Each day the window touches; the bound keeps a bogus months-long
       * window from looping long. */
      for (guint guard = 0; guard < 62 && g_date_compare (&day, &last) <= 0; guard++)
        {
          if (g_date_get_year (&day) == year && g_date_get_month (&day) == month + 1)
            gtk_calendar_mark_day (self->calendar, g_date_get_day (&day));
          g_date_add_days (&day, 1);
        }
    }

  style_marked_days (self);
}

static void
month_changed_cb (LtMaintenancePage *self)
{
  update_marks (self);
}

/* The windows (of the chosen kind) that touch the selected local day. */
static void
day_selected_cb (LtMaintenancePage *self)
{
  GListModel *windows = self->context != NULL
                        ? G_LIST_MODEL (lt_context_get_maintenance_windows (self->context)) : NULL;
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autoptr(GDateTime) day_start = NULL;
  g_autoptr(GDateTime) day_end = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *heading = NULL;
  guint n;

  day_start = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                     g_date_time_get_day_of_month (day), 0, 0, 0);
  day_end = g_date_time_add_days (day_start, 1);
  /* TRANSLATORS: the day chosen in the calendar, "Monday 30 November" */
  heading = g_date_time_format (day_start, _("%A %-d %B"));
  gtk_label_set_text (self->day_label, heading);

  n = windows != NULL ? g_list_model_get_n_items (windows) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtMaintenanceWindow) window = g_list_model_get_item (windows, i);
      GDateTime *starts = lt_maintenance_window_get_starts_at (window);
      GDateTime *ends = lt_maintenance_window_get_ends_at (window);

      if (starts == NULL || !kind_matches (self, window))
        continue;
      /* [starts, ends) meets [day_start, day_end). */
      if (g_date_time_compare (starts, day_end) >= 0 ||
          g_date_time_compare (ends != NULL ? ends : starts, day_start) < 0)
        continue;

      {
        g_autofree char *when = lt_ui_format_instant (starts);

        if (text->len > 0)
          g_string_append (text, "\n\n");
        g_string_append_printf (text, "%s\n%s · %s", lt_maintenance_window_get_title (window) ?: "",
                                lt_maintenance_kind_get_label (lt_maintenance_window_get_kind (window)),
                                when);
      }
    }

  gtk_label_set_text (self->day_windows_label,
                      text->len > 0 ? text->str : _("No maintenance on this day."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->calendar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, heading,
                                  -1);
}

/* ---- Refreshing ----------------------------------------------------- */

static void
refilter (LtMaintenancePage *self)
{
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = lt_clock_dup_now (lt_context_get_clock (self->context));

  gtk_filter_changed (GTK_FILTER (self->upcoming_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->past_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_marks (self);
  day_selected_cb (self);
}

static void
kind_changed_cb (LtMaintenancePage *self)
{
  if (self->context != NULL)
    refilter (self);
}

static void
windows_changed_cb (LtMaintenancePage *self)
{
  update_marks (self);
  day_selected_cb (self);
}

static void
bind_windows (LtMaintenancePage *self)
{
  LtMaintenanceList *windows = lt_context_get_maintenance_windows (self->context);

  gtk_filter_list_model_set_model (self->upcoming_model, windows != NULL ? G_LIST_MODEL (windows) : NULL);
  gtk_filter_list_model_set_model (self->past_filter_model, windows != NULL ? G_LIST_MODEL (windows) : NULL);

  if (windows == NULL)
    {
      gtk_list_box_set_placeholder (self->upcoming_list,
                                    create_empty_state (_("Maintenance windows are kept in the local database, which could not be opened.")));
      gtk_list_box_set_placeholder (self->past_list, create_empty_state (_("None")));
      return;
    }

  g_signal_connect_object (windows, "items-changed",
                           G_CALLBACK (windows_changed_cb), self, G_CONNECT_SWAPPED);
  refilter (self);
}

/* ---- Export (iCalendar) -------------------------------------------- */

gboolean
lt_maintenance_page_export_to_file (LtMaintenancePage  *self,
                                    GFile              *file,
                                    GError            **error)
{
  LtMaintenanceList *windows;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *ics = NULL;

  g_return_val_if_fail (LT_IS_MAINTENANCE_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  windows = self->context != NULL ? lt_context_get_maintenance_windows (self->context) : NULL;
  if (windows == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_STORE,
                           _("Maintenance windows are kept in the local database, which could not be opened"));
      return FALSE;
    }

  /* Every window, with the policy's reminders as alarms (R9): a calendar
   * imported again updates its events by UID. */
  now = lt_clock_dup_now (lt_context_get_clock (self->context));
  ics = lt_icalendar_export_maintenance_windows (G_LIST_MODEL (windows),
                                                 lt_context_get_policy (self->context), now);

  return g_file_replace_contents (file, ics, strlen (ics), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
calendar_opened_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error) && gtk_widget_get_root (widget) != NULL)
    lt_ui_show_error (widget, _("No application could open the calendar file"), error);
}

typedef struct
{
  GWeakRef  page;
  char     *uri;
} OpenCalendar;

static void
open_calendar_free (gpointer data)
{
  OpenCalendar *open = data;

  g_weak_ref_clear (&open->page);
  g_free (open->uri);
  g_free (open);
}

/* GtkFileLauncher is GTK 4.10: GIO opens the file with the desktop's
 * calendar (through the OpenURI portal inside Flatpak). */
static void
open_calendar_clicked_cb (AdwToast     *toast,
                          OpenCalendar *open)
{
  g_autoptr(GtkWidget) page = g_weak_ref_get (&open->page);
  g_autoptr(GdkAppLaunchContext) launch = NULL;

  if (page == NULL)
    return;
  launch = gdk_display_get_app_launch_context (gtk_widget_get_display (page));
  g_app_info_launch_default_for_uri_async (open->uri, G_APP_LAUNCH_CONTEXT (launch), NULL,
                                           calendar_opened_cb, g_object_ref (page));
}

/**
 * lt_maintenance_page_export:
 * @self: the page
 * @file: where to write
 *
 * Writes the calendar file and says so with an "Open" button, or shows
 * the error.
 */
void
lt_maintenance_page_export (LtMaintenancePage *self,
                            GFile             *file)
{
  g_autoptr(GError) error = NULL;
  OpenCalendar *open;

  g_return_if_fail (LT_IS_MAINTENANCE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!lt_maintenance_page_export_to_file (self, file, &error))
    {
      lt_ui_show_error (GTK_WIDGET (self), _("The calendar file could not be written"), error);
      return;
    }

  open = g_new0 (OpenCalendar, 1);
  g_weak_ref_init (&open->page, self);
  open->uri = g_file_get_uri (file);
  lt_ui_show_toast_with_button (GTK_WIDGET (self), _("Calendar file saved"), _("_Open"),
                                G_CALLBACK (open_calendar_clicked_cb), open, open_calendar_free);
}

static void
export_response_cb (GtkNativeDialog   *chooser,
                    int                response,
                    LtMaintenancePage *self)
{
  /* The reference gtk_file_chooser_native_new() returned, dropped at the
   * end of the scope whichever way it is left. */
  G_GNUC_UNUSED g_autoptr(GtkNativeDialog) owned = chooser;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);

  if (file == NULL)
    return;

  lt_maintenance_page_export (self, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Maintenance Windows"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  /* TRANSLATORS: the suggested file name of the exported calendar */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("LockThreat maintenance.ics"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
lt_maintenance_page_dispose (GObject *object)
{
  LtMaintenancePage *self = (LtMaintenancePage *) object;

  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_MAINTENANCE_PAGE);

  G_OBJECT_CLASS (lt_maintenance_page_parent_class)->dispose (object);
}

static void
lt_maintenance_page_finalize (GObject *object)
{
  LtMaintenancePage *self = (LtMaintenancePage *) object;

  g_clear_pointer (&self->now, g_date_time_unref);

  G_OBJECT_CLASS (lt_maintenance_page_parent_class)->finalize (object);
}

static void
lt_maintenance_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LtMaintenancePage *self = LT_MAINTENANCE_PAGE (object);

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
lt_maintenance_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LtMaintenancePage *self = LT_MAINTENANCE_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lt_maintenance_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_maintenance_page_class_init (LtMaintenancePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_maintenance_page_dispose;
  object_class->finalize = lt_maintenance_page_finalize;
  object_class->get_property = lt_maintenance_page_get_property;
  object_class->set_property = lt_maintenance_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-maintenance-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, calendar);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, day_label);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, day_windows_label);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, upcoming_group);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, kind_model);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, past_list);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, upcoming_model);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, upcoming_filter);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, past_model);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, past_filter_model);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, past_filter);
  gtk_widget_class_bind_template_child (widget_class, LtMaintenancePage, past_sorter);
  gtk_widget_class_bind_template_callback (widget_class, month_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);

  gtk_widget_class_install_action (widget_class, "maintenance.export", NULL, export_action);
}

static void
collect_buttons (GtkWidget *widget,
                 GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (widget))
    {
      g_ptr_array_add (buttons, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/* GtkCalendar's four arrows are icon buttons without a name or a tooltip
 * in GTK 4.8 (a screen reader says "GtkImage"); they come in this order:
 * the month's back and forward, then the year's. */
static void
name_calendar_arrows (GtkCalendar *calendar)
{
  const char *names[] = {
    N_("Previous month"), N_("Next month"), N_("Previous year"), N_("Next year"),
  };
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_buttons (GTK_WIDGET (calendar), buttons);
  if (buttons->len != G_N_ELEMENTS (names))
    return;
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      gtk_widget_set_tooltip_text (button, _(names[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(names[i]),
                                      -1);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (button),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
}

static void
lt_maintenance_page_init (LtMaintenancePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_calendar_arrows (self->calendar);

  gtk_string_list_append (self->kind_model, _("All Kinds"));
  for (LtMaintenanceKind kind = LT_MAINTENANCE_KIND_SCHEDULED; kind <= LT_MAINTENANCE_KIND_UPGRADE_PACKAGE; kind++)
    gtk_string_list_append (self->kind_model, lt_maintenance_kind_get_label (kind));

  gtk_custom_filter_set_filter_func (self->upcoming_filter, upcoming_filter_cb, self, NULL);
  gtk_custom_filter_set_filter_func (self->past_filter, past_filter_cb, self, NULL);
  gtk_custom_sorter_set_sort_func (self->past_sorter, past_sort_cb, NULL, NULL);

  gtk_list_box_bind_model (self->upcoming_list, G_LIST_MODEL (self->upcoming_model),
                           create_window_row, self, NULL);
  gtk_list_box_bind_model (self->past_list, G_LIST_MODEL (self->past_model),
                           create_window_row, self, NULL);
  gtk_list_box_set_placeholder (self->upcoming_list,
                                create_empty_state (_("No maintenance announced. LockThreat’s windows appear here when the portal announces them.")));
  gtk_list_box_set_placeholder (self->past_list, create_empty_state (_("None yet")));
}

void
lt_maintenance_page_set_context (LtMaintenancePage *self,
                                 LtContext         *context)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;

  g_return_if_fail (LT_IS_MAINTENANCE_PAGE (self));
  g_return_if_fail (LT_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);

  /* The calendar opens on today by the application's clock. */
  now = lt_clock_dup_now (lt_context_get_clock (context));
  local = g_date_time_to_local (now);
  gtk_calendar_select_day (self->calendar, local);

  g_signal_connect_object (lt_context_get_clock (context), "tick",
                           G_CALLBACK (refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::store",
                           G_CALLBACK (bind_windows), self, G_CONNECT_SWAPPED);

  bind_windows (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}
