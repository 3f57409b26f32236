/* lt-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-ui-util"

#include "config.h"

#include "lt-ui-util.h"

#include "lt-business-calendar.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-portal-client.h"
#include "lt-redactor.h"
#include "lt-sensitive.h"
#include "lt-store-redaction-map.h"

#include <adwaita.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

const char * const lt_ui_badge_classes[] = { "success", "warning", "error", "accent", "dim", NULL };

const char *
lt_ui_eligibility_style_class (const LtEligibility *eligibility)
{
  g_return_val_if_fail (eligibility != NULL, NULL);

  switch (eligibility->status)
    {
    case LT_SUPPORT_STATUS_CURRENT:
    case LT_SUPPORT_STATUS_SUPPORTED:
      if (eligibility->installed_withdrawn || eligibility->releases_until_unsupported == 1)
        return "warning";
      return "success";
    case LT_SUPPORT_STATUS_UNSUPPORTED:
    case LT_SUPPORT_STATUS_UNKNOWN:
    default:
      return "error";
    }
}

const char *
lt_ui_eligibility_badge (const LtEligibility *eligibility)
{
  g_return_val_if_fail (eligibility != NULL, NULL);

  if (eligibility->installed_withdrawn)
    return _("Withdrawn");

  return lt_support_status_get_label (eligibility->status);
}

char *
lt_ui_dup_forecast (const LtEligibility *eligibility)
{
  guint n;

  g_return_val_if_fail (eligibility != NULL, NULL);

  n = eligibility->releases_until_unsupported;
  if (!eligibility->hotfix_eligible || n == 0)
    return NULL;

  if (n == 1)
    return g_strdup (_("The next release ends its support"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Supported until %u more release ships",
                                       "Supported until %u more releases ship", n),
                          n);
}

const char *
lt_ui_severity_style_class (LtSeverity severity)
{
  switch (severity)
    {
    case LT_SEVERITY_S1:
      return "error";
    case LT_SEVERITY_S2:
      return "warning";
    case LT_SEVERITY_S3:
      return "accent";
    case LT_SEVERITY_FEATURE:
    default:
      return "dim";
    }
}

const char *
lt_ui_sla_state_style_class (LtSlaState state)
{
  switch (state)
    {
    case LT_SLA_STATE_ON_TRACK:
    case LT_SLA_STATE_MET:
      return "success";
    case LT_SLA_STATE_AT_RISK:
      return "warning";
    case LT_SLA_STATE_BREACHED:
    case LT_SLA_STATE_MISSED:
      return "error";
    case LT_SLA_STATE_NONE:
    default:
      return "dim";
    }
}

char *
lt_ui_format_business_duration (gint64 business_seconds)
{
  guint64 seconds = business_seconds < 0 ? -(guint64) business_seconds : (guint64) business_seconds;
  /* Rounded up: "0 business minutes" left would read as already late. */
  guint64 minutes = seconds / 60 + (seconds % 60 != 0);
  guint64 hours = minutes / 60;

  if (minutes < 120)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d business minute", "%d business minutes",
                                         (gulong) minutes),
                            (int) minutes);
  if (minutes % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d business hour", "%d business hours",
                                         (gulong) MIN (hours, (guint64) G_MAXINT)),
                            (int) MIN (hours, (guint64) G_MAXINT));
  /* TRANSLATORS: business hours and minutes, "2 business hours 30 min" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d business hour %d min", "%d business hours %d min",
                                       (gulong) MIN (hours, (guint64) G_MAXINT)),
                          (int) MIN (hours, (guint64) G_MAXINT), (int) (minutes % 60));
}

char *
lt_ui_format_countdown (gint64 business_seconds)
{
  g_autofree char *duration = lt_ui_format_business_duration (business_seconds);

  if (business_seconds >= 0)
    /* TRANSLATORS: business time left until a response is due, "in 60 business minutes" */
    return g_strdup_printf (_("in %s"), duration);

  /* TRANSLATORS: business time since a response was due */
  return g_strdup_printf (_("overdue by %s"), duration);
}

char *
lt_ui_format_business_deadline (gint64     business_seconds,
                                GDateTime *due,
                                GDateTime *now)
{
  g_autofree char *countdown = lt_ui_format_countdown (business_seconds);
  g_autofree char *when = NULL;

  g_return_val_if_fail (due != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  /* Business time stops at night and on weekends: 60 business minutes
   * may end tomorrow afternoon. The instant says when. */
  when = lt_ui_format_instant_relative (due, now);
  /* TRANSLATORS: "<countdown> · <when>", "in 60 business minutes · tomorrow 14:00" */
  return g_strdup_printf (_("%s · %s"), countdown, when);
}

static GDateTime *
date_to_datetime (const GDate *date)
{
  return g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 12, 0, 0);
}

char *
lt_ui_format_date_long (const GDate *date,
                        const GDate *today)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* GDateTime ends with the year 9999 (a policy updated on 9999-12-31 is
   * next reviewed in 10000): such a date is written in digits. */
  dt = date_to_datetime (date);
  if (dt == NULL)
    return lt_date_format (date);
  if (today != NULL && g_date_valid (today) && g_date_get_year (today) == g_date_get_year (date))
    /* TRANSLATORS: a date in this year, "Thursday 3 December"; see
     * g_date_time_format() */
    return g_date_time_format (dt, _("%A %-d %B"));

  /* TRANSLATORS: a date in another year, "Thursday 3 December 2027" */
  return g_date_time_format (dt, _("%A %-d %B %Y"));
}

char *
lt_ui_format_date_short (const GDate *date)
{
  g_autoptr(GDateTime) dt = NULL;

  g_return_val_if_fail (date != NULL, NULL);

  if (!g_date_valid (date))
    return g_strdup ("");

  dt = date_to_datetime (date);
  if (dt == NULL)
    return lt_date_format (date);
  /* TRANSLATORS: a short date, "3 Dec 2026" */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

char *
lt_ui_format_instant (GDateTime *instant)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (instant != NULL, NULL);

  /* A time a sync stored before the range was checked may have no local
   * date here (year 0 or 10000): shown as such, never dereferenced. */
  if (!lt_instant_is_supported (instant))
    return g_strdup (lt_instant_get_invalid_label ());
  local = g_date_time_to_local (instant);
  /* TRANSLATORS: a date and time, "Tue 1 Dec 2026, 14:00" */
  return g_date_time_format (local, _("%a %-d %b %Y, %H:%M"));
}

char *
lt_ui_format_instant_short (GDateTime *instant,
                            GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  g_return_val_if_fail (instant != NULL, NULL);

  if (!lt_instant_is_supported (instant))
    return g_strdup (lt_instant_get_invalid_label ());
  local = g_date_time_to_local (instant);
  local_now = now != NULL ? g_date_time_to_local (now) : NULL;
  if (local_now != NULL && g_date_time_get_year (local) == g_date_time_get_year (local_now))
    /* TRANSLATORS: a date and time in a table, this year: "30 Nov, 09:10" */
    return g_date_time_format (local, _("%-d %b, %H:%M"));

  /* TRANSLATORS: a date in a table, another year: "30 Nov 2025" */
  return g_date_time_format (local, _("%-d %b %Y"));
}

char *
lt_ui_format_instant_relative (GDateTime *instant,
                               GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  GDate day, today;
  int y, m, d;
  gint days;

  g_return_val_if_fail (instant != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!lt_instant_is_supported (instant) || !lt_instant_is_supported (now))
    return lt_ui_format_instant (instant);
  local = g_date_time_to_local (instant);
  local_now = g_date_time_to_local (now);
  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, d, m, y);
  g_date_time_get_ymd (local_now, &y, &m, &d);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, d, m, y);
  days = g_date_days_between (&today, &day);

  switch (days)
    {
    case 0:
      /* TRANSLATORS: an instant today, "today 14:00"; see g_date_time_format() */
      return g_date_time_format (local, _("today %H:%M"));
    case 1:
      /* TRANSLATORS: an instant tomorrow, "tomorrow 14:00" */
      return g_date_time_format (local, _("tomorrow %H:%M"));
    case -1:
      /* TRANSLATORS: an instant yesterday, "yesterday 14:00" */
      return g_date_time_format (local, _("yesterday %H:%M"));
    default:
      if (g_date_get_year (&day) == g_date_get_year (&today))
        /* TRANSLATORS: an instant this year, "Wed 2 Dec, 14:00" */
        return g_date_time_format (local, _("%a %-d %b, %H:%M"));
      return lt_ui_format_instant (instant);
    }
}

char *
lt_ui_format_instant_full (GDateTime          *instant,
                           LtBusinessCalendar *calendar)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) vendor = NULL;
  g_autofree char *when = NULL;
  g_autofree char *vendor_time = NULL;

  g_return_val_if_fail (instant != NULL, NULL);

  when = lt_ui_format_instant (instant);
  if (!lt_instant_is_supported (instant))
    return g_steal_pointer (&when);
  local = g_date_time_to_local (instant);
  if (calendar == NULL)
    /* TRANSLATORS: "<date and time> (your time, <zone abbreviation>)" */
    return g_strdup_printf (_("%s (your time, %s)"), when, g_date_time_get_timezone_abbreviation (local));

  /* The vendor's business hours are the vendor's clock: say it too. */
  vendor = g_date_time_to_timezone (instant, lt_business_calendar_get_time_zone (calendar));
  if (g_date_time_get_day_of_year (vendor) == g_date_time_get_day_of_year (local) &&
      g_date_time_get_year (vendor) == g_date_time_get_year (local))
    vendor_time = g_date_time_format (vendor, "%H:%M");
  else
    /* TRANSLATORS: the vendor's local time on another day than the user's, "Mon 30 Nov, 09:00" */
    vendor_time = g_date_time_format (vendor, _("%a %-d %b, %H:%M"));
  /* TRANSLATORS: "<date and time> (your time, <zone>); <time> at LockThreat (<zone>)" */
  return g_strdup_printf (_("%s (your time, %s); %s at LockThreat (%s)"), when,
                          g_date_time_get_timezone_abbreviation (local), vendor_time,
                          g_date_time_get_timezone_abbreviation (vendor));
}

char *
lt_ui_format_duration (GTimeSpan span)
{
  gint64 minutes = MAX (span, 0) / G_TIME_SPAN_MINUTE;
  gint64 hours = minutes / 60;
  gint64 days = hours / 24;

  if (minutes < 120)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", (gulong) minutes),
                            (int) minutes);
  if (hours < 48)
    {
      if (minutes % 60 == 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", (gulong) hours),
                                (int) hours);
      /* TRANSLATORS: hours and minutes, "2 h 30 min" */
      return g_strdup_printf (_("%d h %d min"), (int) hours, (int) (minutes % 60));
    }

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) days),
                          (int) days);
}

void
lt_ui_set_style_class (GtkWidget          *widget,
                       const char * const *classes,
                       const char         *style_class)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  for (guint i = 0; classes[i] != NULL; i++)
    gtk_widget_remove_css_class (widget, classes[i]);
  if (style_class != NULL)
    gtk_widget_add_css_class (widget, style_class);
}

/* The overlay a toast about @widget goes to: the one around it, else the
 * one in its window (a page's action reported from the window), else the
 * one of the window a dialog belongs to (the dialog closes with the
 * action). */
static GtkWidget *
find_toast_overlay (GtkWidget *widget)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkRoot *root = gtk_widget_get_root (widget);

  for (guint depth = 0; overlay == NULL && GTK_IS_WINDOW (root) && depth < 4; depth++)
    {
      if (ADW_IS_PREFERENCES_WINDOW (root))
        return GTK_WIDGET (root);
      overlay = lt_ui_find_descendant (GTK_WIDGET (root), ADW_TYPE_TOAST_OVERLAY);
      root = GTK_ROOT (gtk_window_get_transient_for (GTK_WINDOW (root)));
    }

  return overlay;
}

static void
add_toast (GtkWidget *widget,
           AdwToast  *toast)
{
  GtkWidget *overlay = find_toast_overlay (widget);

  if (ADW_IS_TOAST_OVERLAY (overlay))
    {
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }
  if (ADW_IS_PREFERENCES_WINDOW (overlay))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (overlay), toast);
      return;
    }

  /* No overlay at all (a widget not in a window yet): never silent. */
  g_message ("%s", adw_toast_get_title (toast));
  g_object_unref (toast);
}

/* Toast titles are Pango markup in libadwaita 1.2; ours are plain text
 * that may quote a file name with "&" or "<" in it. */
static AdwToast *
new_plain_toast (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  return adw_toast_new (escaped);
}

void
lt_ui_show_toast (GtkWidget  *widget,
                  const char *title)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL);

  add_toast (widget, new_plain_toast (title));
}

void
lt_ui_show_toast_with_button (GtkWidget  *widget,
                              const char *title,
                              const char *button_label,
                              GCallback   clicked,
                              gpointer    data,
                              GDestroyNotify destroy)
{
  AdwToast *toast;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL && button_label != NULL && clicked != NULL);

  toast = new_plain_toast (title);
  adw_toast_set_button_label (toast, button_label);
  g_signal_connect_data (toast, "button-clicked", clicked, data,
                         (GClosureNotify) (void (*) (void)) destroy, 0);
  add_toast (widget, toast);
}

/* ---- Undo ------------------------------------------------------------ */

typedef struct
{
  LtUndoFunc      func;
  gpointer        data;
  GDestroyNotify  destroy;
  GtkWidget      *window;   /* weak */
  gulong          destroy_id;
  gboolean        undone;
  gboolean        done;
} UndoItem;

static void
undo_finish (UndoItem *item)
{
  if (item->done)
    return;
  item->done = TRUE;
  if (item->window != NULL && item->destroy_id != 0)
    g_signal_handler_disconnect (item->window, item->destroy_id);
  item->destroy_id = 0;
  g_clear_weak_pointer (&item->window);
  item->func (item->data, item->undone);
}

static void
undo_item_free (gpointer  data,
                GClosure *closure)
{
  UndoItem *item = data;

  /* The toast went without a word (its overlay was destroyed): the
   * action stands. */
  undo_finish (item);
  if (item->destroy != NULL)
    item->destroy (item->data);
  g_free (item);
}

static void
undo_clicked_cb (AdwToast *toast,
                 UndoItem *item)
{
  item->undone = TRUE;
  undo_finish (item);
}

static void
undo_dismissed_cb (AdwToast *toast,
                   UndoItem *item)
{
  undo_finish (item);
}

static void
undo_window_destroyed_cb (GtkWidget *window,
                          UndoItem  *item)
{
  /* The window closes (or the application quits) while the toast shows:
   * the action was asked for and not undone, so it is carried out now,
   * never lost and never left half done. */
  undo_finish (item);
}

void
lt_ui_show_undo_toast (GtkWidget      *widget,
                       const char     *title,
                       LtUndoFunc      func,
                       gpointer        data,
                       GDestroyNotify  destroy)
{
  AdwToast *toast;
  UndoItem *item;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (title != NULL && func != NULL);

  item = g_new0 (UndoItem, 1);
  item->func = func;
  item->data = data;
  item->destroy = destroy;

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      g_set_weak_pointer (&item->window, GTK_WIDGET (root));
      item->destroy_id = g_signal_connect (root, "destroy", G_CALLBACK (undo_window_destroyed_cb), item);
    }

  toast = new_plain_toast (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), item);
  g_signal_connect_data (toast, "dismissed", G_CALLBACK (undo_dismissed_cb), item,
                         undo_item_free, 0);
  add_toast (widget, toast);
}

/* ---- Dialogs and focus ------------------------------------------------ */

typedef struct
{
  GtkWidget *window;   /* weak */
  GPtrArray *chain;    /* GWeakRef *: the focus widget, then its ancestors */
} FocusReturn;

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
focus_return_free (FocusReturn *focus)
{
  g_clear_weak_pointer (&focus->window);
  g_ptr_array_unref (focus->chain);
  g_free (focus);
}

static gboolean
return_focus_cb (gpointer data)
{
  FocusReturn *focus = data;

  if (focus->window == NULL)
    return G_SOURCE_REMOVE;

  /* The widget that had the focus, or, when it is gone, hidden or
   * insensitive (the action row of what was just done), the nearest of
   * its ancestors that can give it to a child. */
  for (guint i = 0; i < focus->chain->len; i++)
    {
      g_autoptr(GtkWidget) widget = g_weak_ref_get (g_ptr_array_index (focus->chain, i));

      if (widget == NULL || widget == focus->window ||
          gtk_widget_get_root (widget) != GTK_ROOT (focus->window) ||
          !gtk_widget_is_drawable (widget) || !gtk_widget_is_sensitive (widget))
        continue;
      if (gtk_widget_grab_focus (widget))
        return G_SOURCE_REMOVE;
    }

  return G_SOURCE_REMOVE;
}

static void
dialog_unmapped_cb (GtkWidget   *dialog,
                    FocusReturn *focus)
{
  g_signal_handlers_disconnect_by_func (dialog, dialog_unmapped_cb, focus);
  /* After the dialog's response has changed what it acted on. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, return_focus_cb, focus,
                   (GDestroyNotify) focus_return_free);
}

void
lt_ui_present_dialog (GtkWindow *dialog,
                      GtkWidget *from)
{
  GtkRoot *root;
  GtkWidget *start;
  FocusReturn *focus;

  g_return_if_fail (GTK_IS_WINDOW (dialog));
  g_return_if_fail (from == NULL || GTK_IS_WIDGET (from));

  root = from != NULL ? gtk_widget_get_root (from) : NULL;
  if (!GTK_IS_WINDOW (root))
    {
      gtk_window_present (dialog);
      return;
    }

  if (gtk_window_get_transient_for (dialog) == NULL)
    gtk_window_set_transient_for (dialog, GTK_WINDOW (root));

  focus = g_new0 (FocusReturn, 1);
  g_set_weak_pointer (&focus->window, GTK_WIDGET (root));
  focus->chain = g_ptr_array_new_with_free_func (weak_ref_free);
  start = gtk_root_get_focus (root);
  if (start == NULL)
    start = from;
  for (GtkWidget *w = start; w != NULL && w != GTK_WIDGET (root); w = gtk_widget_get_parent (w))
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, w);
      g_ptr_array_add (focus->chain, ref);
    }
  g_signal_connect (dialog, "unmap", G_CALLBACK (dialog_unmapped_cb), focus);
  /* A dialog destroyed before it was ever shown. */
  g_signal_connect (dialog, "destroy", G_CALLBACK (dialog_unmapped_cb), focus);

  gtk_window_present (dialog);
}

typedef struct
{
  GtkWidget *widget;   /* weak */
  char      *summary;
  char      *details;
} ErrorDetails;

static void
error_details_free (gpointer data,
                    GClosure *closure)
{
  ErrorDetails *details = data;

  g_clear_weak_pointer (&details->widget);
  g_free (details->summary);
  g_free (details->details);
  g_free (details);
}

static void
toast_details_clicked_cb (AdwToast     *toast,
                          ErrorDetails *details)
{
  if (details->widget != NULL)
    lt_ui_show_error_details (details->widget, details->summary, details->details);
}

void
lt_ui_show_error (GtkWidget    *widget,
                  const char   *summary,
                  const GError *error)
{
  AdwToast *toast;
  ErrorDetails *details;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (summary != NULL);

  g_message ("%s: %s", summary, error != NULL ? error->message : "");

  toast = new_plain_toast (summary);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  /* An error stays until dismissed: a person must be able to read it. */
  adw_toast_set_timeout (toast, 0);

  if (error != NULL)
    {
      details = g_new0 (ErrorDetails, 1);
      g_set_weak_pointer (&details->widget, widget);
      details->summary = g_strdup (summary);
      details->details = g_strdup (error->message);
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_data (toast, "button-clicked",
                             G_CALLBACK (toast_details_clicked_cb), details,
                             error_details_free, 0);
    }

  add_toast (widget, toast);
}

void
lt_ui_show_error_details (GtkWidget  *widget,
                          const char *summary,
                          const char *details)
{
  GtkWidget *dialog;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   summary, NULL);
  if (details != NULL)
    {
      GtkWidget *label = gtk_label_new (details);

      /* Selectable so the text can be copied into a ticket or a mail. */
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "monospace");
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), label);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  lt_ui_present_dialog (GTK_WINDOW (dialog), widget);
}

/**
 * lt_ui_scan_file:
 * @path: a file about to be attached
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type LtSensitiveFinding) (nullable):
 *   the likely secrets in it
 */
GPtrArray *
lt_ui_scan_file (const char  *path,
                 GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;

  /* What lt-actions accepts at most; a larger file is refused there. */
  bytes = g_input_stream_read_bytes (G_INPUT_STREAM (stream), LT_PORTAL_MAX_UPLOAD_SIZE, NULL, error);
  if (bytes == NULL)
    return NULL;

  length = g_bytes_get_size (bytes);
  if (length == 0)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) lt_sensitive_finding_free);
  if (memchr (g_bytes_get_data (bytes, NULL), '\0', MIN (length, 8192)) != NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) lt_sensitive_finding_free);

  text = g_strndup (g_bytes_get_data (bytes, NULL), length);
  return lt_sensitive_scan (text);
}

/**
 * lt_ui_make_profile_folder:
 * @store: the profile's store: the folder is made beside it
 * @parent: the profile's folder it goes in ("cache", "bundles")
 * @prefix: the start of the folder's name ("redacted", "run")
 * @error: return location for an error
 *
 * A new folder (0700) of its own in @parent of the profile, for files
 * the outbox will read when it sends them: a redacted copy, the parts of
 * a diagnostics bundle.
 *
 * Returns: (transfer full) (nullable): its path
 */
char *
lt_ui_make_profile_folder (LtStore     *store,
                           const char  *parent,
                           const char  *prefix,
                           GError     **error)
{
  g_autofree char *profile = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *template = NULL;
  g_autofree char *folder = NULL;

  g_return_val_if_fail (LT_IS_STORE (store), NULL);
  g_return_val_if_fail (parent != NULL, NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  profile = g_path_get_dirname (lt_store_get_path (store));
  directory = g_build_filename (profile, parent, NULL);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("“%s” could not be created: %s"), directory, g_strerror (saved));
      return NULL;
    }
  template = g_strdup_printf ("%s-XXXXXX", prefix);
  folder = g_build_filename (directory, template, NULL);
  if (g_mkdtemp_full (folder, 0700) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("“%s” could not be created: %s"), folder, g_strerror (saved));
      return NULL;
    }

  return g_steal_pointer (&folder);
}

/**
 * lt_ui_remove_profile_folder:
 * @folder: a folder made by lt_ui_make_profile_folder()
 *
 * Removes the files in @folder (it holds no folders) and then @folder.
 * What cannot be removed is logged and left.
 */
void
lt_ui_remove_profile_folder (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_return_if_fail (folder != NULL);

  dir = g_dir_open (folder, 0, &error);
  if (dir == NULL)
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("%s", error->message);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_unlink (path) != 0)
        g_warning ("“%s” could not be removed: %s", path, g_strerror (errno));
    }
  if (g_rmdir (folder) != 0)
    g_warning ("“%s” could not be removed: %s", folder, g_strerror (errno));
}

/**
 * lt_ui_write_redacted_copy:
 * @path: a text file in which lt_ui_scan_file() found secrets
 * @store: the profile's store: copies go to `cache/` beside it, and its
 *   redaction map and keywords are used and grown
 * @now: when the grown map is saved
 * @error: return location for an error
 *
 * Writes a copy of @path through the redaction engine that makes
 * diagnostics bundles (an LtRedactor over the profile's map and
 * keywords): secrets become `[redacted:KIND]`, and host names,
 * addresses, user names and the admin's words the same replacements as
 * in every bundle of the profile (docs/bundle.md). The grown map is
 * saved before the copy is written, so no replacement in a copy is
 * missing from the map. The copy goes to a folder of its own in the
 * profile's cache, under the same name; @path is never touched. The
 * outbox item names the copy and reads it when it is sent, so the copy
 * is kept.
 *
 * Returns: (transfer full) (nullable): the copy's path
 */
char *
lt_ui_write_redacted_copy (const char  *path,
                           LtStore     *store,
                           GDateTime   *now,
                           GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(LtRedactionMap) map = NULL;
  g_autoptr(LtRedactor) redactor = NULL;
  g_autoptr(GPtrArray) keywords = NULL;
  g_autoptr(GString) redacted = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (LT_IS_STORE (store), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!g_file_get_contents (path, &text, &length, error))
    return NULL;
  /* A binary file is not text to redact, as the bundle collector decides
   * (a NUL byte); what is not UTF-8 the engine turns into U+FFFD. */
  if (length > LT_PORTAL_MAX_UPLOAD_SIZE || memchr (text, '\0', MIN (length, 8192)) != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a text file that can be redacted"), display);
      return NULL;
    }

  map = lt_store_dup_redaction_map (store, error);
  if (map == NULL)
    return NULL;
  keywords = lt_store_list_redaction_keywords (store, error);
  if (keywords == NULL)
    return NULL;
  redactor = lt_redactor_new (map);
  for (guint i = 0; i < keywords->len; i++)
    {
      const LtRedactionKeyword *keyword = g_ptr_array_index (keywords, i);

      if (!keyword->pattern)
        lt_redactor_add_keyword (redactor, keyword->text);
      else if (!lt_redactor_add_pattern (redactor, keyword->text, error))
        return NULL;
    }

  redacted = g_string_sized_new (length + 256);
  lt_redactor_feed (redactor, text, (gssize) length, redacted);
  lt_redactor_finish (redactor, redacted);

  if (!lt_store_set_redaction_map (store, map, now, error))
    return NULL;

  /* A folder per copy: two files of the same name may wait in the outbox. */
  folder = lt_ui_make_profile_folder (store, "cache", "redacted", error);
  if (folder == NULL)
    return NULL;

  base = g_path_get_basename (path);
  copy = g_build_filename (folder, base, NULL);
  if (!g_file_set_contents_full (copy, redacted->str, (gssize) redacted->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return NULL;

  return g_steal_pointer (&copy);
}

GtkWidget *
lt_ui_find_descendant (GtkWidget *root,
                       GType      type)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lt_ui_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
lt_ui_find_row (GtkWidget  *root,
                const char *title)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lt_ui_find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

const char *
lt_ui_session_token_explanation (void)
{
  return _("The token stays in this program’s memory until it quits, is never written "
           "anywhere, and is asked for again at the next start.");
}

/* ---- Accessible names GTK 4.8 gets wrong ----------------------------- */

/* GTK 4.8 names a widget by its "label" accessible property followed by
 * the names of the widgets it is labelled by. A button with a mnemonic
 * sets the property to its raw label ("_Save") and is labelled by its own
 * label child ("Save"): a screen reader says "underscore Save Save". An
 * icon button is labelled by its GtkImage, which is named after its type
 * ("GtkImage"). A GtkDropDown takes the focus on an inner toggle button
 * with no name. lt_ui_fix_accessible_names() mends each as it is mapped,
 * wherever it was built (our templates, libadwaita's dialogs and toasts). */

static char *
strip_mnemonic (const char *label)
{
  GString *text = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          /* "__" is a literal underscore. */
          if (p[1] == '_')
            g_string_append_c (text, *++p);
          continue;
        }
      g_string_append_c (text, *p);
    }
  return g_string_free (text, FALSE);
}

/* Whether @button is labelled by something other than its own label:
 * the activatable widget of an AdwActionRow and the button of a toast are
 * labelled by the row's or the toast's title, which says what it acts on
 * ("Open" + "LT-000204 was resolved…"). */
static gboolean
labelled_by_context (GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (button, ADW_TYPE_ACTION_ROW);
  GType toast_type = g_type_from_name ("AdwToastWidget");

  if (row != NULL && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == button)
    return TRUE;
  return toast_type != 0 && gtk_widget_get_ancestor (button, toast_type) != NULL;
}

static void
fix_button_name (GtkWidget *button)
{
  GtkAccessible *accessible = GTK_ACCESSIBLE (button);
  const char *label = gtk_button_get_label (GTK_BUTTON (button));
  GtkWidget *child = gtk_button_get_child (GTK_BUTTON (button));

  if (label != NULL && gtk_button_get_use_underline (GTK_BUTTON (button)))
    {
      /* GTK's raw label, or a name one of our templates gave? The test
       * API is the only reader of an accessible property in GTK 4.8. */
      g_autofree char *differs = gtk_test_accessible_check_property (accessible,
                                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                                     label);

      if (differs == NULL)
        {
          g_autofree char *text = strip_mnemonic (label);

          gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
        }
      if (!labelled_by_context (button))
        gtk_accessible_reset_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      return;
    }

  if (GTK_IS_IMAGE (child) &&
      !gtk_test_accessible_has_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (button);

      if (tooltip != NULL && tooltip[0] != '\0')
        {
          gtk_accessible_update_property (accessible, GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
          gtk_accessible_reset_relation (accessible, GTK_ACCESSIBLE_RELATION_LABELLED_BY);
        }
    }
}

/* A GtkDropDown's toggle button is labelled by the drop-down, whose name
 * our templates set, and by the label showing the choice, which GTK
 * rebinds in place: "State filter All States". The item showing the
 * choice is focusable too, and labelled by that label. */
static void
fix_drop_down_button (GtkWidget *button,
                      GtkWidget *drop_down)
{
  GType item_type = g_type_from_name ("GtkListItemWidget");
  GtkWidget *item = item_type != 0 ? lt_ui_find_descendant (button, item_type) : NULL;
  GtkWidget *value = item != NULL ? lt_ui_find_descendant (item, GTK_TYPE_LABEL) : NULL;

  if (value == NULL)
    {
      gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY, drop_down, NULL,
                                      -1);
      return;
    }
  gtk_accessible_update_relation (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, drop_down, value, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (item),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, value, NULL,
                                  -1);
}

static void
button_label_changed_cb (GtkWidget *button)
{
  fix_button_name (button);
}

static gboolean
has_label (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  if (label == NULL || label[0] == '\0')
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* A row's title as a name: without its mnemonic underscore when it has
 * one ("_Website" in AdwAboutWindow). */
static void
set_row_label (GtkWidget *widget,
               GtkWidget *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  g_autofree char *text = NULL;

  if (adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)) && title != NULL)
    text = strip_mnemonic (title);
  set_label (widget, text != NULL ? text : title);
}

static void
fix_widget (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);
  GtkWidget *drop_down = gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN);
  GType item_type = g_type_from_name ("GtkListItemWidget");

  if (GTK_IS_TOGGLE_BUTTON (widget) && GTK_IS_DROP_DOWN (parent))
    fix_drop_down_button (widget, parent);
  else if (GTK_IS_BUTTON (widget))
    {
      fix_button_name (widget);
      /* GtkButton sets the raw label again whenever it changes. */
      if (g_object_get_data (G_OBJECT (widget), "lt-name-fixed") == NULL)
        {
          g_object_set_data (G_OBJECT (widget), "lt-name-fixed", GINT_TO_POINTER (TRUE));
          g_signal_connect (widget, "notify::label", G_CALLBACK (button_label_changed_cb), NULL);
          g_signal_connect (widget, "notify::use-underline", G_CALLBACK (button_label_changed_cb), NULL);
        }
    }
  else if (GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget))
    {
      GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW);
      GtkWidget *expander = gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);

      /* AdwExpanderRow's enable switch has no name at all. */
      if (expander != NULL && !has_label (widget))
        set_row_label (widget, expander);
      /* An AdwActionRow labels its activatable widget by its title: a
       * name of our own besides doubles it ("Maintenance Maintenance"). */
      else if (row != NULL && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == widget &&
               has_label (widget))
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
  else if ((ADW_IS_EXPANDER_ROW (widget) || GTK_IS_LIST_BOX (widget)) && !has_label (widget))
    {
      /* AdwExpanderRow (libadwaita 1.2) names neither itself nor the two
       * lists it is built of: all take its title. */
      GtkWidget *expander = ADW_IS_EXPANDER_ROW (widget) ? widget
                            : gtk_widget_get_ancestor (widget, ADW_TYPE_EXPANDER_ROW);

      if (expander != NULL)
        set_row_label (widget, expander);
      /* The list of an AdwPreferencesGroup without a title is unnamed
       * (a titled one is labelled by its title): it takes the title of
       * its first row. */
      else if (GTK_IS_LIST_BOX (widget) &&
               gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP) != NULL)
        {
          GtkWidget *group = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_GROUP);
          GtkWidget *first = gtk_widget_get_first_child (widget);
          const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group));

          gboolean titled = title != NULL && title[0] != '\0';

          if (!titled && ADW_IS_PREFERENCES_ROW (first))
            set_row_label (widget, first);
          else if (!titled)
            /* No rows yet (filled later): the group's description. */
            set_label (widget, adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)));
        }
      /* AdwPreferencesWindow's own list of search results. */
      else if (GTK_IS_LIST_BOX (widget) &&
               gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_WINDOW) != NULL)
        set_label (widget, _("Search results"));
    }
  else if (GTK_IS_SEARCH_ENTRY (widget) && !has_label (widget))
    {
      g_autofree char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      set_label (widget, placeholder != NULL ? placeholder : _("Search"));
    }
  else if (drop_down != NULL && GTK_IS_LIST_VIEW (widget) && !has_label (widget))
    /* The drop-down's list of choices. */
    gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_RELATION_LABELLED_BY, drop_down, NULL,
                                    -1);
  else if (drop_down != NULL && item_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (widget, item_type) &&
           gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_VIEW) != NULL)
    {
      /* One choice in it, named by what it shows. */
      GtkWidget *label = lt_ui_find_descendant (widget, GTK_TYPE_LABEL);

      if (label != NULL)
        gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                        -1);
    }
}

static void
fix_tree (GtkWidget *widget)
{
  fix_widget (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    fix_tree (child);
}

static gboolean
widget_mapped_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  /* A window's whole tree when it is shown: libadwaita keeps widgets
   * that are never mapped in the accessibility tree (the other layout of
   * a dialog's buttons, a page not shown yet); then each widget mapped
   * later (rows made as the data comes). */
  if (GTK_IS_WINDOW (widget))
    fix_tree (widget);
  else
    fix_widget (widget);
  return TRUE;
}

void
lt_ui_fix_accessible_names (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      guint signal_id;

      /* Kept for the life of the process, as GTK keeps it anyway. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      signal_id = g_signal_lookup ("map", GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (signal_id, 0, widget_mapped_hook, NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}

/* GTK 4.8 builds a GtkColumnView's rows, cells and header row itself and
 * names none of them: a screen reader hears "GtkListItemWidget" for a row
 * and "GtkColumnViewCell" for a cell, and nothing ties a cell to its
 * column. These reach them from the widgets our factories make: a cell's
 * child sits in its cell, which sits in its row. */

static void
name_cells (GtkWidget *row)
{
  GListModel *columns = g_object_get_data (G_OBJECT (row), "lt-columns");
  const char * const *cells = g_object_get_data (G_OBJECT (row), "lt-cell-names");
  guint i = 0;

  for (GtkWidget *each = gtk_widget_get_first_child (row);
       each != NULL && cells != NULL && cells[i] != NULL && i < g_list_model_get_n_items (columns);
       each = gtk_widget_get_next_sibling (each), i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      /* TRANSLATORS: a table cell as a screen reader says it: the column's
       * title, then what the cell shows ("Released: 3 Dec 2026") */
      g_autofree char *name = g_strdup_printf (_("%s: %s"),
                                               gtk_column_view_column_get_title (column),
                                               cells[i]);

      gtk_accessible_update_property (GTK_ACCESSIBLE (each),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
    }
}

static gboolean
name_cells_idle_cb (gpointer data)
{
  GtkWidget *row = data;

  g_object_set_data (G_OBJECT (row), "lt-cells-pending", NULL);
  name_cells (row);
  return G_SOURCE_REMOVE;
}

void
lt_ui_column_view_name_row (GtkColumnView       *view,
                            GtkListItem         *item,
                            const char          *row_name,
                            const char * const  *cells)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *cell = child != NULL ? gtk_widget_get_parent (child) : NULL;
  GtkWidget *row = cell != NULL ? gtk_widget_get_parent (cell) : NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  if (row == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row_name,
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "lt-cell-names",
                          g_strdupv ((char **) cells), (GDestroyNotify) g_strfreev);
  g_object_set_data_full (G_OBJECT (row), "lt-columns",
                          g_object_ref (gtk_column_view_get_columns (view)), g_object_unref);
  name_cells (row);
  /* A new row gets its cells one column at a time, after the first
   * cell's bind: the others are named once they are all there. */
  if (g_object_get_data (G_OBJECT (row), "lt-cells-pending") == NULL)
    {
      g_object_set_data (G_OBJECT (row), "lt-cells-pending", GINT_TO_POINTER (TRUE));
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, name_cells_idle_cb,
                       g_object_ref (row), g_object_unref);
    }
}

void
lt_ui_column_view_name_parts (GtkColumnView *view,
                              const char    *name)
{
  GType row_type = g_type_from_name ("GtkListItemWidget");
  GType list_type = g_type_from_name ("GtkColumnListView");
  g_autofree char *header_name = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  /* TRANSLATORS: the header row of a table, as a screen reader says it */
  header_name = g_strdup_printf (_("%s: column headers"), name);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (row_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (child, row_type))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, header_name,
                                        -1);
      else if (list_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (child, list_type))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                        -1);
    }
}
