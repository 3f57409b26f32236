/* lt-change-notice.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-change-notice"

#include "config.h"

#include "lt-change-notice.h"
#include "lt-business-calendar.h"
#include "lt-enums.h"
#include "lt-maintenance-window.h"
#include "lt-model-util.h"

#include <string.h>

struct _LtChangeNotice
{
  GObject          parent_instance;

  /* Owned */
  char            *id;
  char            *local_id;
  char            *title;
  char            *description;
  char           **systems;
  GDateTime       *planned_start;
  GDateTime       *planned_end;
  GDateTime       *updated_at;
  char            *rollback_plan;
  char            *review_text;
  char            *replaces;
  char            *replaced_by;

  LtChangeKind     kind;
  LtRisk           risk;
  LtChangeState    state;
  LtReviewOutcome  review_outcome;
  gboolean         late;
};

G_DEFINE_FINAL_TYPE (LtChangeNotice, lt_change_notice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LOCAL_ID,
  PROP_KIND,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_SYSTEMS,
  PROP_PLANNED_START,
  PROP_PLANNED_END,
  PROP_ROLLBACK_PLAN,
  PROP_RISK,
  PROP_STATE,
  PROP_REVIEW_OUTCOME,
  PROP_LATE,
  PROP_UPDATED_AT,
  PROP_REVIEW_TEXT,
  PROP_REPLACES,
  PROP_REPLACED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lt_change_notice_finalize (GObject *object)
{
  LtChangeNotice *self = (LtChangeNotice *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->local_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->systems, g_strfreev);
  g_clear_pointer (&self->planned_start, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->planned_end, g_date_time_unref);
  g_clear_pointer (&self->rollback_plan, g_free);
  g_clear_pointer (&self->review_text, g_free);
  g_clear_pointer (&self->replaces, g_free);
  g_clear_pointer (&self->replaced_by, g_free);

  G_OBJECT_CLASS (lt_change_notice_parent_class)->finalize (object);
}

static void
lt_change_notice_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LtChangeNotice *self = LT_CHANGE_NOTICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LOCAL_ID:
      g_value_set_string (value, self->local_id);
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
    case PROP_SYSTEMS:
      g_value_set_boxed (value, self->systems);
      break;
    case PROP_PLANNED_START:
      g_value_set_boxed (value, self->planned_start);
      break;
    case PROP_PLANNED_END:
      g_value_set_boxed (value, self->planned_end);
      break;
    case PROP_ROLLBACK_PLAN:
      g_value_set_string (value, self->rollback_plan);
      break;
    case PROP_RISK:
      g_value_set_enum (value, self->risk);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_REVIEW_OUTCOME:
      g_value_set_enum (value, self->review_outcome);
      break;
    case PROP_LATE:
      g_value_set_boolean (value, self->late);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    case PROP_REVIEW_TEXT:
      g_value_set_string (value, self->review_text);
      break;
    case PROP_REPLACES:
      g_value_set_string (value, self->replaces);
      break;
    case PROP_REPLACED_BY:
      g_value_set_string (value, self->replaced_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_change_notice_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LtChangeNotice *self = LT_CHANGE_NOTICE (object);

  switch (prop_id)
    {
    case PROP_ID:
      lt_change_notice_set_id (self, g_value_get_string (value));
      break;
    case PROP_LOCAL_ID:
      lt_change_notice_set_local_id (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      lt_change_notice_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      lt_change_notice_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      lt_change_notice_set_description (self, g_value_get_string (value));
      break;
    case PROP_SYSTEMS:
      lt_change_notice_set_systems (self, g_value_get_boxed (value));
      break;
    case PROP_PLANNED_START:
      lt_change_notice_set_planned_start (self, g_value_get_boxed (value));
      break;
    case PROP_PLANNED_END:
      lt_change_notice_set_planned_end (self, g_value_get_boxed (value));
      break;
    case PROP_ROLLBACK_PLAN:
      lt_change_notice_set_rollback_plan (self, g_value_get_string (value));
      break;
    case PROP_RISK:
      lt_change_notice_set_risk (self, g_value_get_enum (value));
      break;
    case PROP_STATE:
      lt_change_notice_set_state (self, g_value_get_enum (value));
      break;
    case PROP_REVIEW_OUTCOME:
      lt_change_notice_set_review_outcome (self, g_value_get_enum (value));
      break;
    case PROP_LATE:
      lt_change_notice_set_late (self, g_value_get_boolean (value));
      break;
    case PROP_UPDATED_AT:
      lt_change_notice_set_updated_at (self, g_value_get_boxed (value));
      break;
    case PROP_REVIEW_TEXT:
      lt_change_notice_set_review_text (self, g_value_get_string (value));
      break;
    case PROP_REPLACES:
      lt_change_notice_set_replaces (self, g_value_get_string (value));
      break;
    case PROP_REPLACED_BY:
      lt_change_notice_set_replaced_by (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_change_notice_class_init (LtChangeNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = lt_change_notice_finalize;
  object_class->get_property = lt_change_notice_get_property;
  object_class->set_property = lt_change_notice_set_property;

  /* The portal's id; NULL while the notice waits in the outbox. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  /* A UUID for the outbox and the POST's Idempotency-Key. */
  properties[PROP_LOCAL_ID] =
    g_param_spec_string ("local-id", NULL, NULL, NULL, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       LT_TYPE_CHANGE_KIND, LT_CHANGE_KIND_INFRASTRUCTURE, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  /* The systems the change touches; NULL rather than an empty vector. */
  properties[PROP_SYSTEMS] =
    g_param_spec_boxed ("systems", NULL, NULL, G_TYPE_STRV, flags);
  /* Instants in UTC. */
  properties[PROP_PLANNED_START] =
    g_param_spec_boxed ("planned-start", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_PLANNED_END] =
    g_param_spec_boxed ("planned-end", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_ROLLBACK_PLAN] =
    g_param_spec_string ("rollback-plan", NULL, NULL, NULL, flags);
  properties[PROP_RISK] =
    g_param_spec_enum ("risk", NULL, NULL,
                       LT_TYPE_RISK, LT_RISK_LOW, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LT_TYPE_CHANGE_STATE, LT_CHANGE_STATE_QUEUED, flags);
  properties[PROP_REVIEW_OUTCOME] =
    g_param_spec_enum ("review-outcome", NULL, NULL,
                       LT_TYPE_REVIEW_OUTCOME, LT_REVIEW_OUTCOME_NONE, flags);
  /* As the portal computed it when it accepted the notice. */
  properties[PROP_LATE] =
    g_param_spec_boolean ("late", NULL, NULL, FALSE, flags);
  /* When the portal last changed it (its review, for one): UTC, NULL
   * when unknown. A review is news only when this is recent. */
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /* The vendor's own words with its review outcome (what the concerns
   * are); NULL until reviewed, or when the portal gave none. */
  properties[PROP_REVIEW_TEXT] =
    g_param_spec_string ("review-text", NULL, NULL, NULL, flags);
  /* A rescheduled notice names the one it replaces (its portal id; the
   * local id while that one is still queued), and the portal names the
   * replacement on the old one. NULL otherwise. */
  properties[PROP_REPLACES] =
    g_param_spec_string ("replaces", NULL, NULL, NULL, flags);
  properties[PROP_REPLACED_BY] =
    g_param_spec_string ("replaced-by", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_change_notice_init (LtChangeNotice *self)
{
  self->kind = LT_CHANGE_KIND_INFRASTRUCTURE;
  self->risk = LT_RISK_LOW;
  self->state = LT_CHANGE_STATE_QUEUED;
  self->review_outcome = LT_REVIEW_OUTCOME_NONE;
}

/**
 * lt_change_notice_new:
 *
 * An empty notice, for the store or the portal mapper to fill in.
 *
 * Returns: (transfer full): a new change notice
 */
LtChangeNotice *
lt_change_notice_new (void)
{
  return g_object_new (LT_TYPE_CHANGE_NOTICE, NULL);
}

/**
 * lt_change_notice_new_queued:
 *
 * A notice the customer is writing: state queued and a fresh random local
 * id.
 *
 * Returns: (transfer full): a new change notice
 */
LtChangeNotice *
lt_change_notice_new_queued (void)
{
  LtChangeNotice *self = lt_change_notice_new ();

  self->local_id = g_uuid_string_random ();
  return self;
}

#define MODEL lt_change_notice, LtChangeNotice, LT_IS_CHANGE_NOTICE, properties

LT_MODEL_STRING_PROPERTY (MODEL, id, PROP_ID)
LT_MODEL_STRING_PROPERTY (MODEL, local_id, PROP_LOCAL_ID)
LT_MODEL_STRING_PROPERTY (MODEL, title, PROP_TITLE)
LT_MODEL_STRING_PROPERTY (MODEL, description, PROP_DESCRIPTION)
LT_MODEL_STRING_PROPERTY (MODEL, rollback_plan, PROP_ROLLBACK_PLAN)
LT_MODEL_STRING_PROPERTY (MODEL, review_text, PROP_REVIEW_TEXT)
LT_MODEL_STRING_PROPERTY (MODEL, replaces, PROP_REPLACES)
LT_MODEL_STRING_PROPERTY (MODEL, replaced_by, PROP_REPLACED_BY)
LT_MODEL_INSTANT_PROPERTY (MODEL, planned_start, PROP_PLANNED_START)
LT_MODEL_INSTANT_PROPERTY (MODEL, planned_end, PROP_PLANNED_END)
LT_MODEL_INSTANT_PROPERTY (MODEL, updated_at, PROP_UPDATED_AT)
LT_MODEL_VALUE_PROPERTY (MODEL, LtChangeKind, kind, PROP_KIND, LT_CHANGE_KIND_INFRASTRUCTURE)
LT_MODEL_VALUE_PROPERTY (MODEL, LtRisk, risk, PROP_RISK, LT_RISK_LOW)
LT_MODEL_VALUE_PROPERTY (MODEL, LtChangeState, state, PROP_STATE, LT_CHANGE_STATE_QUEUED)
LT_MODEL_VALUE_PROPERTY (MODEL, LtReviewOutcome, review_outcome, PROP_REVIEW_OUTCOME,
                         LT_REVIEW_OUTCOME_NONE)
LT_MODEL_BOOLEAN_PROPERTY (MODEL, late, PROP_LATE)
/* (transfer none) (nullable) (array zero-terminated=1): the systems the
 * change touches; an empty vector is stored as NULL. */
LT_MODEL_STRV_PROPERTY (MODEL, systems, PROP_SYSTEMS)

#undef MODEL

/**
 * lt_change_notice_check_lead_time:
 * @self: a change notice
 * @policy: the policy in force (calendar and lead time)
 * @noticed_at: when the notice is (or was) sent
 * @check: (out caller-allocates): the earliest compliant start, the late
 *   flag and the §6 warning; clear it with lt_change_notice_check_clear()
 *
 * Calls lt_rules_check_change_notice_for_policy() with the vendor-local
 * dates of @noticed_at and of the planned start.
 *
 * Returns: %TRUE when @check was filled in; %FALSE, and @check cleared,
 *   while the notice has no planned start, or when either instant has no
 *   vendor-local date (a bad row stored before lt_instant_parse() checked
 *   the range)
 */
gboolean
lt_change_notice_check_lead_time (LtChangeNotice      *self,
                                  LtPolicy            *policy,
                                  GDateTime           *noticed_at,
                                  LtChangeNoticeCheck *check)
{
  LtBusinessCalendar *calendar;
  GDate notice_date;
  GDate planned_date;

  g_return_val_if_fail (check != NULL, FALSE);

  memset (check, 0, sizeof *check);
  g_date_clear (&check->earliest_start, 1);

  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (self), FALSE);
  g_return_val_if_fail (LT_IS_POLICY (policy), FALSE);
  g_return_val_if_fail (noticed_at != NULL, FALSE);

  if (self->planned_start == NULL)
    return FALSE;

  calendar = lt_policy_get_calendar (policy);
  lt_business_calendar_local_date (calendar, noticed_at, &notice_date);
  lt_business_calendar_local_date (calendar, self->planned_start, &planned_date);
  if (!g_date_valid (&notice_date) || !g_date_valid (&planned_date))
    return FALSE;
  lt_rules_check_change_notice_for_policy (policy, &notice_date, &planned_date, check);
  return TRUE;
}

/**
 * lt_change_notice_is_late_at:
 * @self: a change notice
 * @policy: the policy in force
 * @noticed_at: when the notice is (or was) sent
 *
 * Returns: %TRUE when a notice sent at @noticed_at would be late (R8);
 *   %FALSE without a planned start
 */
gboolean
lt_change_notice_is_late_at (LtChangeNotice *self,
                             LtPolicy       *policy,
                             GDateTime      *noticed_at)
{
  LtChangeNoticeCheck check;
  gboolean late;

  if (!lt_change_notice_check_lead_time (self, policy, noticed_at, &check))
    return FALSE;

  late = check.late;
  lt_change_notice_check_clear (&check);
  return late;
}

/**
 * lt_change_notice_find_overlapping_windows:
 * @self: a change notice
 * @windows: a #GListModel of #LtMaintenanceWindow
 *
 * The windows whose [starts-at, ends-at) overlaps the planned
 * [start, end), by lt_rules_find_overlapping_spans(). Windows without
 * both instants are skipped.
 *
 * Returns: (transfer full) (element-type LtMaintenanceWindow): the
 *   overlapping windows in model order; empty while the notice lacks a
 *   planned start or end
 */
GPtrArray *
lt_change_notice_find_overlapping_windows (LtChangeNotice *self,
                                           GListModel     *windows)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) owners = NULL;
  g_autoptr(GPtrArray) overlapping = NULL;
  g_autoptr(GArray) spans = NULL;
  const LtTimeSpan *first;
  guint n_items;

  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (self), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (windows), NULL);
  g_return_val_if_fail (g_type_is_a (g_list_model_get_item_type (windows),
                                     LT_TYPE_MAINTENANCE_WINDOW), NULL);

  if (self->planned_start == NULL || self->planned_end == NULL)
    return g_steal_pointer (&result);

  /* owners[i] is the window spans[i] was made from: the rule answers with
   * pointers into the span array, and the position maps them back. */
  n_items = g_list_model_get_n_items (windows);
  owners = g_ptr_array_new_full (n_items, g_object_unref);
  spans = g_array_sized_new (FALSE, FALSE, sizeof (LtTimeSpan), n_items);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(LtMaintenanceWindow) window = g_list_model_get_item (windows, i);
      LtTimeSpan span;

      span.id = lt_maintenance_window_get_id (window);
      span.starts_at = lt_maintenance_window_get_starts_at (window);
      span.ends_at = lt_maintenance_window_get_ends_at (window);
      if (span.starts_at == NULL || span.ends_at == NULL)
        continue;

      g_array_append_val (spans, span);
      g_ptr_array_add (owners, g_steal_pointer (&window));
    }

  if (spans->len == 0)
    return g_steal_pointer (&result);

  first = &g_array_index (spans, LtTimeSpan, 0);
  overlapping = lt_rules_find_overlapping_spans (self->planned_start, self->planned_end,
                                                 first, spans->len);

  for (guint i = 0; i < overlapping->len; i++)
    {
      const LtTimeSpan *span = g_ptr_array_index (overlapping, i);
      guint index = span - first;

      g_assert (index < owners->len);
      g_ptr_array_add (result, g_object_ref (g_ptr_array_index (owners, index)));
    }

  return g_steal_pointer (&result);
}
