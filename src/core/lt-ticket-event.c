/* lt-ticket-event.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-ticket-event"

#include "config.h"

#include "lt-ticket-event.h"
#include "lt-enums.h"
#include "lt-model-util.h"

struct _LtTicketEvent
{
  GObject            parent_instance;

  /* Owned */
  char              *id;
  GDateTime         *at;
  char              *author;
  char              *body;
  char              *attachment_name;

  guint64            attachment_size;
  LtTicketEventKind  kind;
  LtTicketState      from_state;
  LtTicketState      to_state;
  guint              level;
};

G_DEFINE_FINAL_TYPE (LtTicketEvent, lt_ticket_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_AT,
  PROP_AUTHOR,
  PROP_BODY,
  PROP_FROM_STATE,
  PROP_TO_STATE,
  PROP_LEVEL,
  PROP_ATTACHMENT_NAME,
  PROP_ATTACHMENT_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lt_ticket_event_finalize (GObject *object)
{
  LtTicketEvent *self = (LtTicketEvent *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->body, g_free);
  g_clear_pointer (&self->attachment_name, g_free);

  G_OBJECT_CLASS (lt_ticket_event_parent_class)->finalize (object);
}

static void
lt_ticket_event_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LtTicketEvent *self = LT_TICKET_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_AT:
      g_value_set_boxed (value, self->at);
      break;
    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_FROM_STATE:
      g_value_set_enum (value, self->from_state);
      break;
    case PROP_TO_STATE:
      g_value_set_enum (value, self->to_state);
      break;
    case PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;
    case PROP_ATTACHMENT_NAME:
      g_value_set_string (value, self->attachment_name);
      break;
    case PROP_ATTACHMENT_SIZE:
      g_value_set_uint64 (value, self->attachment_size);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_ticket_event_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LtTicketEvent *self = LT_TICKET_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      lt_ticket_event_set_id (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      lt_ticket_event_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_AT:
      lt_ticket_event_set_at (self, g_value_get_boxed (value));
      break;
    case PROP_AUTHOR:
      lt_ticket_event_set_author (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      lt_ticket_event_set_body (self, g_value_get_string (value));
      break;
    case PROP_FROM_STATE:
      lt_ticket_event_set_from_state (self, g_value_get_enum (value));
      break;
    case PROP_TO_STATE:
      lt_ticket_event_set_to_state (self, g_value_get_enum (value));
      break;
    case PROP_LEVEL:
      lt_ticket_event_set_level (self, g_value_get_uint (value));
      break;
    case PROP_ATTACHMENT_NAME:
      lt_ticket_event_set_attachment_name (self, g_value_get_string (value));
      break;
    case PROP_ATTACHMENT_SIZE:
      lt_ticket_event_set_attachment_size (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_ticket_event_class_init (LtTicketEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = lt_ticket_event_finalize;
  object_class->get_property = lt_ticket_event_get_property;
  object_class->set_property = lt_ticket_event_set_property;

  /* The portal's id of the event; NULL for one made here that waits in
   * the outbox. What the deadline engine keys an update's alert on. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       LT_TYPE_TICKET_EVENT_KIND, LT_TICKET_EVENT_KIND_COMMENT, flags);
  /* When it happened, in UTC. */
  properties[PROP_AT] =
    g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, NULL, NULL, flags);
  properties[PROP_BODY] =
    g_param_spec_string ("body", NULL, NULL, NULL, flags);
  /* Meaningful for state changes only. */
  properties[PROP_FROM_STATE] =
    g_param_spec_enum ("from-state", NULL, NULL,
                       LT_TYPE_TICKET_STATE, LT_TICKET_STATE_DRAFT, flags);
  properties[PROP_TO_STATE] =
    g_param_spec_enum ("to-state", NULL, NULL,
                       LT_TYPE_TICKET_STATE, LT_TICKET_STATE_DRAFT, flags);
  /* The escalation level reached (1–3); 0 for other kinds. */
  properties[PROP_LEVEL] =
    g_param_spec_uint ("level", NULL, NULL, 0, 3, 0, flags);
  properties[PROP_ATTACHMENT_NAME] =
    g_param_spec_string ("attachment-name", NULL, NULL, NULL, flags);
  /* In bytes. */
  properties[PROP_ATTACHMENT_SIZE] =
    g_param_spec_uint64 ("attachment-size", NULL, NULL, 0, G_MAXUINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_ticket_event_init (LtTicketEvent *self)
{
  self->kind = LT_TICKET_EVENT_KIND_COMMENT;
  self->from_state = LT_TICKET_STATE_DRAFT;
  self->to_state = LT_TICKET_STATE_DRAFT;
}

/**
 * lt_ticket_event_new:
 * @kind: what happened
 * @at: (nullable): when, in any zone (stored in UTC)
 *
 * Returns: (transfer full): a new event
 */
LtTicketEvent *
lt_ticket_event_new (LtTicketEventKind  kind,
                     GDateTime         *at)
{
  LtTicketEvent *self = g_object_new (LT_TYPE_TICKET_EVENT, NULL);

  self->kind = kind;
  self->at = lt_model_instant_to_utc (at);
  return self;
}

/**
 * lt_ticket_event_new_comment:
 * @at: when the comment was posted
 * @author: (nullable): who posted it
 * @body: (nullable): its text
 *
 * Returns: (transfer full): a new comment event
 */
LtTicketEvent *
lt_ticket_event_new_comment (GDateTime  *at,
                             const char *author,
                             const char *body)
{
  LtTicketEvent *self = lt_ticket_event_new (LT_TICKET_EVENT_KIND_COMMENT, at);

  self->author = g_strdup (author);
  self->body = g_strdup (body);
  return self;
}

/**
 * lt_ticket_event_new_state_change:
 * @at: when the state changed
 * @author: (nullable): who changed it (%NULL: the portal itself, e.g. an
 *   automatic closure)
 * @from_state: the state before
 * @to_state: the state after
 *
 * Returns: (transfer full): a new state-change event
 */
LtTicketEvent *
lt_ticket_event_new_state_change (GDateTime     *at,
                                  const char    *author,
                                  LtTicketState  from_state,
                                  LtTicketState  to_state)
{
  LtTicketEvent *self = lt_ticket_event_new (LT_TICKET_EVENT_KIND_STATE_CHANGE, at);

  self->author = g_strdup (author);
  self->from_state = from_state;
  self->to_state = to_state;
  return self;
}

/**
 * lt_ticket_event_new_escalation:
 * @at: when the ticket was escalated
 * @author: (nullable): who escalated it
 * @level: the level reached, 1 to 3
 * @reason: (nullable): the reason given (R11)
 *
 * Returns: (transfer full): a new escalation event
 */
LtTicketEvent *
lt_ticket_event_new_escalation (GDateTime  *at,
                                const char *author,
                                guint       level,
                                const char *reason)
{
  LtTicketEvent *self;

  g_return_val_if_fail (level <= 3, NULL);

  self = lt_ticket_event_new (LT_TICKET_EVENT_KIND_ESCALATION, at);
  self->author = g_strdup (author);
  self->level = level;
  self->body = g_strdup (reason);
  return self;
}

/**
 * lt_ticket_event_new_attachment:
 * @at: when the file was uploaded
 * @author: (nullable): who uploaded it
 * @name: the file's name
 * @size: its size in bytes
 *
 * Returns: (transfer full): a new attachment event
 */
LtTicketEvent *
lt_ticket_event_new_attachment (GDateTime  *at,
                                const char *author,
                                const char *name,
                                guint64     size)
{
  LtTicketEvent *self = lt_ticket_event_new (LT_TICKET_EVENT_KIND_ATTACHMENT, at);

  self->author = g_strdup (author);
  self->attachment_name = g_strdup (name);
  self->attachment_size = size;
  return self;
}

/**
 * lt_ticket_event_is_from_vendor:
 * @self: an event
 * @customer_names: (nullable) (array zero-terminated=1): the customer's
 *   names as the portal writes them as authors
 *
 * Returns: whether LockThreat wrote @self
 */
gboolean
lt_ticket_event_is_from_vendor (LtTicketEvent      *self,
                                const char * const *customer_names)
{
  g_return_val_if_fail (LT_IS_TICKET_EVENT (self), FALSE);

  if (self->id == NULL)
    return FALSE;
  return self->author == NULL || customer_names == NULL ||
         !g_strv_contains (customer_names, self->author);
}

#define MODEL lt_ticket_event, LtTicketEvent, LT_IS_TICKET_EVENT, properties

LT_MODEL_VALUE_PROPERTY (MODEL, LtTicketEventKind, kind, PROP_KIND, LT_TICKET_EVENT_KIND_COMMENT)
/* When it happened, in UTC; nullable. */
LT_MODEL_STRING_PROPERTY (MODEL, id, PROP_ID)
LT_MODEL_INSTANT_PROPERTY (MODEL, at, PROP_AT)
LT_MODEL_STRING_PROPERTY (MODEL, author, PROP_AUTHOR)
LT_MODEL_STRING_PROPERTY (MODEL, body, PROP_BODY)
LT_MODEL_VALUE_PROPERTY (MODEL, LtTicketState, from_state, PROP_FROM_STATE, LT_TICKET_STATE_DRAFT)
LT_MODEL_VALUE_PROPERTY (MODEL, LtTicketState, to_state, PROP_TO_STATE, LT_TICKET_STATE_DRAFT)
LT_MODEL_UINT_PROPERTY (MODEL, level, PROP_LEVEL, 3)
LT_MODEL_STRING_PROPERTY (MODEL, attachment_name, PROP_ATTACHMENT_NAME)
LT_MODEL_VALUE_PROPERTY (MODEL, guint64, attachment_size, PROP_ATTACHMENT_SIZE, 0)

#undef MODEL
