/* lt-outbox-item.c
 *
 * An immutable snapshot of one outbox row, as read by lt_outbox_list() or
 * lt_outbox_claim_next(). The outbox functions change the row; read it again
 * to see the change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-outbox"

#include "config.h"

#include "lt-outbox-item.h"
#include "lt-error.h"
#include "lt-store-enums.h"
#include "lt-store-private.h"

#include <glib/gi18n-lib.h>

struct _LtOutboxItem
{
  GObject        parent_instance;

  /* Owned */
  char          *key;
  char          *kind;
  char          *payload;
  char          *depends_on;
  char          *last_error;
  char          *failure_reason;
  char          *response;
  GDateTime     *created_at;
  GDateTime     *next_attempt_at;
  GDateTime     *last_attempt_at;
  GDateTime     *sent_at;
  LtOutboxState  state;
  guint          attempts;
};

G_DEFINE_FINAL_TYPE (LtOutboxItem, lt_outbox_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KEY,
  PROP_KIND,
  PROP_PAYLOAD,
  PROP_DEPENDS_ON,
  PROP_STATE,
  PROP_ATTEMPTS,
  PROP_CREATED_AT,
  PROP_NEXT_ATTEMPT_AT,
  PROP_LAST_ATTEMPT_AT,
  PROP_LAST_ERROR,
  PROP_FAILURE_REASON,
  PROP_SENT_AT,
  PROP_RESPONSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lt_outbox_item_finalize (GObject *object)
{
  LtOutboxItem *self = (LtOutboxItem *) object;

  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->payload, g_free);
  g_clear_pointer (&self->depends_on, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->failure_reason, g_free);
  g_clear_pointer (&self->response, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->next_attempt_at, g_date_time_unref);
  g_clear_pointer (&self->last_attempt_at, g_date_time_unref);
  g_clear_pointer (&self->sent_at, g_date_time_unref);

  G_OBJECT_CLASS (lt_outbox_item_parent_class)->finalize (object);
}

static void
lt_outbox_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LtOutboxItem *self = LT_OUTBOX_ITEM (object);

  switch (prop_id)
    {
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_PAYLOAD:
      g_value_set_string (value, self->payload);
      break;
    case PROP_DEPENDS_ON:
      g_value_set_string (value, self->depends_on);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;
    case PROP_NEXT_ATTEMPT_AT:
      g_value_set_boxed (value, self->next_attempt_at);
      break;
    case PROP_LAST_ATTEMPT_AT:
      g_value_set_boxed (value, self->last_attempt_at);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_FAILURE_REASON:
      g_value_set_string (value, self->failure_reason);
      break;
    case PROP_SENT_AT:
      g_value_set_boxed (value, self->sent_at);
      break;
    case PROP_RESPONSE:
      g_value_set_string (value, self->response);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_outbox_item_class_init (LtOutboxItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = lt_outbox_item_finalize;
  object_class->get_property = lt_outbox_item_get_property;

  properties[PROP_KEY] =
    g_param_spec_string ("key", NULL, NULL, NULL, flags);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  properties[PROP_PAYLOAD] =
    g_param_spec_string ("payload", NULL, NULL, NULL, flags);
  properties[PROP_DEPENDS_ON] =
    g_param_spec_string ("depends-on", NULL, NULL, NULL, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LT_TYPE_OUTBOX_STATE, LT_OUTBOX_STATE_PENDING, flags);
  properties[PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NEXT_ATTEMPT_AT] =
    g_param_spec_boxed ("next-attempt-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_LAST_ATTEMPT_AT] =
    g_param_spec_boxed ("last-attempt-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_FAILURE_REASON] =
    g_param_spec_string ("failure-reason", NULL, NULL, NULL, flags);
  properties[PROP_SENT_AT] =
    g_param_spec_boxed ("sent-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_RESPONSE] =
    g_param_spec_string ("response", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_outbox_item_init (LtOutboxItem *self)
{
}

static char *
dup_column_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup (lt_store_column_text (stmt, column));
}

/* @stmt is positioned on a row selected with LT_OUTBOX_ITEM_COLUMNS. */
LtOutboxItem *
lt_outbox_item_new_from_row (sqlite3_stmt  *stmt,
                             GError       **error)
{
  g_autoptr(LtOutboxItem) self = g_object_new (LT_TYPE_OUTBOX_ITEM, NULL);
  g_autoptr(GEnumClass) states = g_type_class_ref (LT_TYPE_OUTBOX_STATE);
  const char *state = lt_store_column_text (stmt, 4);
  GEnumValue *state_value = g_enum_get_value_by_nick (states, state ? state : "");

  /* The schema CHECKs the state; this only fires on a file edited by hand. */
  if (state_value == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_STORE,
                   _("outbox.state: unknown state “%s”"), state ? state : "");
      return NULL;
    }

  self->key = dup_column_text (stmt, 0);
  self->kind = dup_column_text (stmt, 1);
  self->payload = dup_column_text (stmt, 2);
  self->depends_on = dup_column_text (stmt, 3);
  self->state = state_value->value;
  self->attempts = (guint) sqlite3_column_int64 (stmt, 5);
  self->created_at = lt_store_column_instant (stmt, 6);
  self->next_attempt_at = lt_store_column_instant (stmt, 7);
  self->last_attempt_at = lt_store_column_instant (stmt, 8);
  self->last_error = dup_column_text (stmt, 9);
  self->failure_reason = dup_column_text (stmt, 10);
  self->sent_at = lt_store_column_instant (stmt, 11);
  self->response = dup_column_text (stmt, 12);

  return g_steal_pointer (&self);
}

/**
 * lt_outbox_item_get_key:
 *
 * Returns: the idempotency key (a UUID), sent as `Idempotency-Key`
 */
const char *
lt_outbox_item_get_key (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->key;
}

/**
 * lt_outbox_item_get_kind:
 *
 * Returns: what the action is ("ticket.create", …); the sender maps it to a
 *   portal request
 */
const char *
lt_outbox_item_get_kind (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->kind;
}

/**
 * lt_outbox_item_get_payload:
 *
 * Returns: the JSON document given to lt_outbox_enqueue()
 */
const char *
lt_outbox_item_get_payload (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->payload;
}

/**
 * lt_outbox_item_get_depends_on:
 *
 * Returns: (nullable): the key of the item that must be sent first
 */
const char *
lt_outbox_item_get_depends_on (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->depends_on;
}

LtOutboxState
lt_outbox_item_get_state (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), LT_OUTBOX_STATE_PENDING);
  return self->state;
}

/**
 * lt_outbox_item_get_attempts:
 *
 * Returns: how many sends have finished (sent, to be retried or failed); a
 *   send interrupted by a crash is not counted
 */
guint
lt_outbox_item_get_attempts (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), 0);
  return self->attempts;
}

/**
 * lt_outbox_item_get_created_at:
 *
 * Returns: (transfer none): when it was enqueued, in UTC
 */
GDateTime *
lt_outbox_item_get_created_at (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->created_at;
}

/**
 * lt_outbox_item_get_next_attempt_at:
 *
 * Returns: (transfer none): when a pending item becomes due, in UTC
 */
GDateTime *
lt_outbox_item_get_next_attempt_at (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->next_attempt_at;
}

/**
 * lt_outbox_item_get_last_attempt_at:
 *
 * Returns: (transfer none) (nullable): when it was last claimed, in UTC
 */
GDateTime *
lt_outbox_item_get_last_attempt_at (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->last_attempt_at;
}

/**
 * lt_outbox_item_get_last_error:
 *
 * Returns: (nullable): why the last attempt did not get through
 */
const char *
lt_outbox_item_get_last_error (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->last_error;
}

/**
 * lt_outbox_item_get_failure_reason:
 *
 * Returns: (nullable): for a failed item, the reason shown to the user
 */
const char *
lt_outbox_item_get_failure_reason (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->failure_reason;
}

/**
 * lt_outbox_item_get_sent_at:
 *
 * Returns: (transfer none) (nullable): when the portal acknowledged it
 */
GDateTime *
lt_outbox_item_get_sent_at (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->sent_at;
}

/**
 * lt_outbox_item_get_response:
 *
 * Returns: (nullable): the JSON the portal answered with, when kept
 */
const char *
lt_outbox_item_get_response (LtOutboxItem *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX_ITEM (self), NULL);
  return self->response;
}
