/* lt-reminders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-reminders"

#include "config.h"

#include "lt-reminders.h"

#include "lt-rules.h"
#include "lt-store-entities.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

/* The store key of an emergency window's immediate reminder (R9), which
 * has no lead time of its own: it comes when the window becomes known. */
#define IMMEDIATE_LEAD 0

struct _LtReminders
{
  GObject    parent_instance;

  /* Owned */
  LtContext *context;
  GDateTime *last_check;
};

G_DEFINE_FINAL_TYPE (LtReminders, lt_reminders, G_TYPE_OBJECT)

enum {
  REMINDER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The settings' lead times, or the policy's when none are set. */
static GArray *
dup_leads (LtReminders *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (lt_context_get_settings (self->context),
                                                    "reminder-lead-minutes");
  GArray *leads = g_array_new (FALSE, FALSE, sizeof (guint));
  gsize n = 0;
  const guint32 *saved = g_variant_get_fixed_array (value, &n, sizeof (guint32));

  if (n > 0)
    {
      for (gsize i = 0; i < n; i++)
        {
          guint lead = saved[i];
          g_array_append_val (leads, lead);
        }
    }
  else
    {
      guint n_policy = 0;
      const guint *policy = lt_policy_get_reminder_lead_minutes (lt_context_get_policy (self->context),
                                                                 &n_policy);

      g_array_append_vals (leads, policy, n_policy);
    }

  return leads;
}

static guint
lead_of (GDateTime    *starts,
         GDateTime    *instant,
         const GArray *leads)
{
  GTimeSpan before = g_date_time_difference (starts, instant);

  for (guint i = 0; i < leads->len; i++)
    if (before == (GTimeSpan) g_array_index (leads, guint, i) * G_TIME_SPAN_MINUTE)
      return g_array_index (leads, guint, i);

  return IMMEDIATE_LEAD;
}

static void
check_window (LtReminders         *self,
              LtMaintenanceWindow *window,
              const GArray        *leads,
              GDateTime           *now)
{
  LtStore *store = lt_context_get_store (self->context);
  GDateTime *starts = lt_maintenance_window_get_starts_at (window);
  const char *id = lt_maintenance_window_get_id (window);
  g_autoptr(GPtrArray) instants = NULL;

  if (starts == NULL || id == NULL)
    return;

  /* Core keeps the instants from last_check on; those up to now are due. */
  instants = lt_rules_reminder_instants (lt_maintenance_window_get_kind (window), starts,
                                         lt_maintenance_window_get_announced_at (window),
                                         &g_array_index (leads, guint, 0), leads->len,
                                         self->last_check);

  for (guint i = 0; i < instants->len; i++)
    {
      GDateTime *instant = g_ptr_array_index (instants, i);
      guint lead = lead_of (starts, instant, leads);
      gboolean shown = FALSE;
      g_autoptr(GError) error = NULL;

      if (g_date_time_compare (instant, now) > 0)
        break;

      if (!lt_store_get_reminder_shown (store, id, lead, &shown, &error))
        {
          g_message ("Reading the reminders of %s failed: %s", id, error->message);
          continue;
        }
      if (shown)
        continue;

      /* Recorded first: a reminder is better missed once after a crash
       * than shown on every start. */
      if (!lt_store_mark_reminder_shown (store, id, lead, now, &error))
        {
          g_message ("Recording the reminder of %s failed: %s", id, error->message);
          continue;
        }

      g_signal_emit (self, signals[REMINDER], 0, window, lead);
    }
}

void
lt_reminders_check (LtReminders *self)
{
  GListModel *windows;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GArray) leads = NULL;
  guint n;

  g_return_if_fail (LT_IS_REMINDERS (self));

  now = lt_clock_dup_now (lt_context_get_clock (self->context));
  windows = G_LIST_MODEL (lt_context_get_maintenance_windows (self->context));

  if (windows != NULL &&
      g_settings_get_boolean (lt_context_get_settings (self->context), "maintenance-reminders"))
    {
      leads = dup_leads (self);
      n = g_list_model_get_n_items (windows);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LtMaintenanceWindow) window = g_list_model_get_item (windows, i);

          check_window (self, window, leads, now);
        }
    }

  g_clear_pointer (&self->last_check, g_date_time_unref);
  self->last_check = g_steal_pointer (&now);
}

GNotification *
lt_reminders_create_notification (LtMaintenanceWindow *window,
                                  guint                lead_minutes)
{
  GNotification *notification;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *starts = NULL;
  LtMaintenanceKind kind;

  g_return_val_if_fail (LT_IS_MAINTENANCE_WINDOW (window), NULL);

  kind = lt_maintenance_window_get_kind (window);
  starts = lt_ui_format_instant (lt_maintenance_window_get_starts_at (window));

  if (lead_minutes == IMMEDIATE_LEAD)
    /* TRANSLATORS: notification title, e.g. "Emergency maintenance announced" */
    title = g_strdup_printf (_("%s announced"), lt_ui_maintenance_kind_label (kind));
  else
    {
      g_autofree char *lead = lt_ui_format_duration ((GTimeSpan) lead_minutes * G_TIME_SPAN_MINUTE);

      /* TRANSLATORS: notification title, e.g. "Scheduled maintenance in 1 hour" */
      title = g_strdup_printf (_("%s in %s"), lt_ui_maintenance_kind_label (kind), lead);
    }

  body = g_strdup_printf (_("%s, from %s"), lt_maintenance_window_get_title (window) ?: "", starts);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, kind == LT_MAINTENANCE_KIND_EMERGENCY
                                             ? G_NOTIFICATION_PRIORITY_URGENT
                                             : G_NOTIFICATION_PRIORITY_NORMAL);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "maintenance");

  return notification;
}

static void
lt_reminders_dispose (GObject *object)
{
  LtReminders *self = (LtReminders *) object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (lt_reminders_parent_class)->dispose (object);
}

static void
lt_reminders_finalize (GObject *object)
{
  LtReminders *self = (LtReminders *) object;

  g_clear_pointer (&self->last_check, g_date_time_unref);

  G_OBJECT_CLASS (lt_reminders_parent_class)->finalize (object);
}

static void
lt_reminders_class_init (LtRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_reminders_dispose;
  object_class->finalize = lt_reminders_finalize;

  /**
   * LtReminders::reminder:
   * @window: the maintenance window
   * @lead_minutes: how long before its start, 0 for an emergency window's
   *   immediate reminder
   */
  signals[REMINDER] = g_signal_new ("reminder",
                                    G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2,
                                    LT_TYPE_MAINTENANCE_WINDOW, G_TYPE_UINT);
}

static void
lt_reminders_init (LtReminders *self)
{
}

LtReminders *
lt_reminders_new (LtContext *context)
{
  LtReminders *self;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);

  self = g_object_new (LT_TYPE_REMINDERS, NULL);
  self->context = g_object_ref (context);
  self->last_check = lt_clock_dup_now (lt_context_get_clock (context));

  g_signal_connect_object (lt_context_get_clock (context), "tick",
                           G_CALLBACK (lt_reminders_check), self, G_CONNECT_SWAPPED);

  return self;
}
