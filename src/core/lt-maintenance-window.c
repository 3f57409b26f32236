/* lt-maintenance-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-maintenance-window"

#include "config.h"

#include "lt-maintenance-window.h"
#include "lt-enums.h"
#include "lt-model-util.h"
#include "lt-rules.h"

struct _LtMaintenanceWindow
{
  GObject               parent_instance;

  /* Owned */
  char                 *id;
  char                 *title;
  char                 *description;
  GDateTime            *starts_at;
  GDateTime            *ends_at;
  GDateTime            *announced_at;

  LtMaintenanceKind     kind;
  LtMaintenanceAffects  affects;
};

G_DEFINE_FINAL_TYPE (LtMaintenanceWindow, lt_maintenance_window, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_STARTS_AT,
  PROP_ENDS_AT,
  PROP_ANNOUNCED_AT,
  PROP_AFFECTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lt_maintenance_window_finalize (GObject *object)
{
  LtMaintenanceWindow *self = (LtMaintenanceWindow *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->starts_at, g_date_time_unref);
  g_clear_pointer (&self->ends_at, g_date_time_unref);
  g_clear_pointer (&self->announced_at, g_date_time_unref);

  G_OBJECT_CLASS (lt_maintenance_window_parent_class)->finalize (object);
}

static void
lt_maintenance_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LtMaintenanceWindow *self = LT_MAINTENANCE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_STARTS_AT:
      g_value_set_boxed (value, self->starts_at);
      break;
    case PROP_ENDS_AT:
      g_value_set_boxed (value, self->ends_at);
      break;
    case PROP_ANNOUNCED_AT:
      g_value_set_boxed (value, self->announced_at);
      break;
    case PROP_AFFECTS:
      g_value_set_enum (value, self->affects);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_maintenance_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LtMaintenanceWindow *self = LT_MAINTENANCE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_ID:
      lt_maintenance_window_set_id (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      lt_maintenance_window_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      lt_maintenance_window_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      lt_maintenance_window_set_description (self, g_value_get_string (value));
      break;
    case PROP_STARTS_AT:
      lt_maintenance_window_set_starts_at (self, g_value_get_boxed (value));
      break;
    case PROP_ENDS_AT:
      lt_maintenance_window_set_ends_at (self, g_value_get_boxed (value));
      break;
    case PROP_ANNOUNCED_AT:
      lt_maintenance_window_set_announced_at (self, g_value_get_boxed (value));
      break;
    case PROP_AFFECTS:
      lt_maintenance_window_set_affects (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_maintenance_window_class_init (LtMaintenanceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = lt_maintenance_window_finalize;
  object_class->get_property = lt_maintenance_window_get_property;
  object_class->set_property = lt_maintenance_window_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       LT_TYPE_MAINTENANCE_KIND, LT_MAINTENANCE_KIND_SCHEDULED, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  /* Instants in UTC. */
  properties[PROP_STARTS_AT] =
    g_param_spec_boxed ("starts-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ENDS_AT] =
    g_param_spec_boxed ("ends-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ANNOUNCED_AT] =
    g_param_spec_boxed ("announced-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_AFFECTS] =
    g_param_spec_enum ("affects", NULL, NULL,
                       LT_TYPE_MAINTENANCE_AFFECTS, LT_MAINTENANCE_AFFECTS_BOTH, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_maintenance_window_init (LtMaintenanceWindow *self)
{
  self->kind = LT_MAINTENANCE_KIND_SCHEDULED;
  /* Until the portal says otherwise, a window may concern any customer. */
  self->affects = LT_MAINTENANCE_AFFECTS_BOTH;
}

/**
 * lt_maintenance_window_new:
 *
 * Returns: (transfer full): a new, empty scheduled window
 */
LtMaintenanceWindow *
lt_maintenance_window_new (void)
{
  return g_object_new (LT_TYPE_MAINTENANCE_WINDOW, NULL);
}

#define MODEL lt_maintenance_window, LtMaintenanceWindow, LT_IS_MAINTENANCE_WINDOW, properties

LT_MODEL_STRING_PROPERTY (MODEL, id, PROP_ID)
LT_MODEL_STRING_PROPERTY (MODEL, title, PROP_TITLE)
LT_MODEL_STRING_PROPERTY (MODEL, description, PROP_DESCRIPTION)
LT_MODEL_INSTANT_PROPERTY (MODEL, starts_at, PROP_STARTS_AT)
LT_MODEL_INSTANT_PROPERTY (MODEL, ends_at, PROP_ENDS_AT)
LT_MODEL_INSTANT_PROPERTY (MODEL, announced_at, PROP_ANNOUNCED_AT)
LT_MODEL_VALUE_PROPERTY (MODEL, LtMaintenanceKind, kind, PROP_KIND, LT_MAINTENANCE_KIND_SCHEDULED)
LT_MODEL_VALUE_PROPERTY (MODEL, LtMaintenanceAffects, affects, PROP_AFFECTS,
                         LT_MAINTENANCE_AFFECTS_BOTH)

#undef MODEL

/**
 * lt_maintenance_window_is_notice_short:
 * @self: a window
 * @policy: the policy in force (the minimum notice)
 * @short_by_seconds: (out) (optional): how much notice was missing
 * @warning: (out) (optional) (transfer full): the text to show when
 *   flagged, else %NULL
 *
 * R9 asks for a minimum notice of emergency windows only, so the other
 * kinds are never flagged; for an emergency window this is
 * lt_rules_emergency_notice_is_short_for_policy().
 *
 * Returns: %TRUE when the window is flagged for short notice
 */
gboolean
lt_maintenance_window_is_notice_short (LtMaintenanceWindow  *self,
                                       LtPolicy             *policy,
                                       gint64               *short_by_seconds,
                                       char                **warning)
{
  if (short_by_seconds != NULL)
    *short_by_seconds = 0;
  if (warning != NULL)
    *warning = NULL;

  g_return_val_if_fail (LT_IS_MAINTENANCE_WINDOW (self), FALSE);
  g_return_val_if_fail (LT_IS_POLICY (policy), FALSE);

  if (self->kind != LT_MAINTENANCE_KIND_EMERGENCY ||
      self->announced_at == NULL || self->starts_at == NULL)
    return FALSE;

  return lt_rules_emergency_notice_is_short_for_policy (policy, self->announced_at,
                                                        self->starts_at,
                                                        short_by_seconds, warning);
}

/**
 * lt_maintenance_window_dup_reminder_instants:
 * @self: a window
 * @policy: the policy in force (the reminder lead times)
 * @now: the current instant
 *
 * Returns: (transfer full) (element-type GDateTime): the UTC instants at
 *   which to remind of the window, from
 *   lt_rules_reminder_instants_for_policy(); empty without a start time
 */
GPtrArray *
lt_maintenance_window_dup_reminder_instants (LtMaintenanceWindow *self,
                                             LtPolicy            *policy,
                                             GDateTime           *now)
{
  g_return_val_if_fail (LT_IS_MAINTENANCE_WINDOW (self), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (self->starts_at == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) g_date_time_unref);

  return lt_rules_reminder_instants_for_policy (policy, self->kind, self->starts_at,
                                                self->announced_at, now);
}
