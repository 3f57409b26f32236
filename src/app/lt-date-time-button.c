/* lt-date-time-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-date-time-button"

#include "config.h"

#include "lt-date-time-button.h"
#include "lt-date-time-button-private.h"

#include "lt-date-util.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtDateTimeButton
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkMenuButton  *button;
  GtkPopover     *popover;
  GtkCalendar    *calendar;
  GtkSpinButton  *hour_spin;
  GtkSpinButton  *minute_spin;
  GtkLabel       *zone_label;

  /* Owned */
  GDateTime      *date_time;
  GDateTime      *suggestion;
  gboolean        syncing;     /* filling the popover from date_time */
};

G_DEFINE_FINAL_TYPE (LtDateTimeButton, lt_date_time_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATE_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_label (LtDateTimeButton *self)
{
  g_autofree char *text = NULL;

  /* The zone is part of the value: a change planned at 14:00 in Berlin
   * is not 14:00 at the vendor's. */
  if (self->date_time != NULL)
    text = lt_ui_format_instant_full (self->date_time, NULL);

  gtk_menu_button_set_label (self->button, text != NULL ? text : _("Choose…"));
}

/* Shows @dt (or the suggestion, or today 09:00) in the popover. */
static void
sync_popover (LtDateTimeButton *self)
{
  g_autoptr(GDateTime) fallback = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDateTime *shown = self->date_time != NULL ? self->date_time : self->suggestion;

  if (shown == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      fallback = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                        g_date_time_get_day_of_month (now), 9, 0, 0);
      shown = fallback;
    }

  local = g_date_time_to_local (shown);
  {
    const char *zone = g_time_zone_get_identifier (g_date_time_get_timezone (local));
    /* TRANSLATORS: under the date picker: "Your time zone: Europe/Berlin (CET)" */
    g_autofree char *text = g_strdup_printf (_("Your time zone: %s (%s)"), zone,
                                             g_date_time_get_timezone_abbreviation (local));

    gtk_label_set_text (self->zone_label, text);
  }
  self->syncing = TRUE;
  gtk_calendar_select_day (self->calendar, local);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (local));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (local));
  self->syncing = FALSE;
}

static void
take_from_popover (LtDateTimeButton *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) chosen = NULL;

  if (self->syncing)
    return;

  day = gtk_calendar_get_date (self->calendar);
  chosen = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                  g_date_time_get_day_of_month (day),
                                  gtk_spin_button_get_value_as_int (self->hour_spin),
                                  gtk_spin_button_get_value_as_int (self->minute_spin), 0);
  /* GtkCalendar offers 0001-01-01 and 9999-12-31, whose times are outside
   * what the product reads back (lt_instant_is_supported()): the day
   * before stays chosen rather than a time nothing else could take. */
  if (!lt_instant_is_supported (chosen))
    return;
  lt_date_time_button_set_date_time (self, chosen);
}

static void
popover_show_cb (LtDateTimeButton *self)
{
  sync_popover (self);
  /* What the picker proposes is what it shows: taken as shown, so that
   * opening it and closing it again keeps the proposal (a change's end,
   * two hours after its start) instead of leaving nothing chosen. */
  if (self->date_time == NULL)
    take_from_popover (self);
}

static void
calendar_day_selected_cb (LtDateTimeButton *self)
{
  take_from_popover (self);
}

static void
time_changed_cb (LtDateTimeButton *self)
{
  take_from_popover (self);
}

/* Two digits: "09", not "9", in the spin buttons. */
static gboolean
spin_output_cb (GtkSpinButton *spin,
                gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
lt_date_time_button_dispose (GObject *object)
{
  LtDateTimeButton *self = (LtDateTimeButton *) object;

  /* A plain GtkWidget parent: its direct children are ours to unparent. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_DATE_TIME_BUTTON);

  G_OBJECT_CLASS (lt_date_time_button_parent_class)->dispose (object);
}

static void
lt_date_time_button_finalize (GObject *object)
{
  LtDateTimeButton *self = (LtDateTimeButton *) object;

  g_clear_pointer (&self->date_time, g_date_time_unref);
  g_clear_pointer (&self->suggestion, g_date_time_unref);

  G_OBJECT_CLASS (lt_date_time_button_parent_class)->finalize (object);
}

static void
lt_date_time_button_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LtDateTimeButton *self = LT_DATE_TIME_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE_TIME:
      g_value_set_boxed (value, self->date_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_date_time_button_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LtDateTimeButton *self = LT_DATE_TIME_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE_TIME:
      lt_date_time_button_set_date_time (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_date_time_button_class_init (LtDateTimeButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_date_time_button_dispose;
  object_class->finalize = lt_date_time_button_finalize;
  object_class->get_property = lt_date_time_button_get_property;
  object_class->set_property = lt_date_time_button_set_property;

  properties[PROP_DATE_TIME] =
    g_param_spec_boxed ("date-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-date-time-button.ui");
  gtk_widget_class_bind_template_child (widget_class, LtDateTimeButton, button);
  gtk_widget_class_bind_template_child (widget_class, LtDateTimeButton, popover);
  gtk_widget_class_bind_template_child (widget_class, LtDateTimeButton, calendar);
  gtk_widget_class_bind_template_child (widget_class, LtDateTimeButton, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, LtDateTimeButton, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, LtDateTimeButton, zone_label);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, spin_output_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lt_date_time_button_init (LtDateTimeButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_label (self);
}

GtkWidget *
lt_date_time_button_new (void)
{
  return g_object_new (LT_TYPE_DATE_TIME_BUTTON, NULL);
}

GDateTime *
lt_date_time_button_get_date_time (LtDateTimeButton *self)
{
  g_return_val_if_fail (LT_IS_DATE_TIME_BUTTON (self), NULL);

  return self->date_time;
}

void
lt_date_time_button_set_date_time (LtDateTimeButton *self,
                                   GDateTime        *date_time)
{
  g_return_if_fail (LT_IS_DATE_TIME_BUTTON (self));

  if (self->date_time == date_time ||
      (self->date_time != NULL && date_time != NULL && g_date_time_equal (self->date_time, date_time)))
    return;

  g_clear_pointer (&self->date_time, g_date_time_unref);
  if (date_time != NULL)
    self->date_time = g_date_time_to_local (date_time);

  update_label (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    sync_popover (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE_TIME]);
}

void
lt_date_time_button_set_suggestion (LtDateTimeButton *self,
                                    GDateTime        *suggestion)
{
  g_return_if_fail (LT_IS_DATE_TIME_BUTTON (self));

  g_clear_pointer (&self->suggestion, g_date_time_unref);
  if (suggestion != NULL)
    self->suggestion = g_date_time_ref (suggestion);
}

void
lt_date_time_button_set_accessible_label (LtDateTimeButton *self,
                                          const char       *label)
{
  g_return_if_fail (LT_IS_DATE_TIME_BUTTON (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}
