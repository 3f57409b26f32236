/* lt-ticket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-ticket"

#include "config.h"

#include "lt-ticket.h"
#include "lt-enums.h"
#include "lt-lifecycle.h"
#include "lt-model-util.h"
#include "lt-rules.h"
#include "lt-sla.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

/* The store keeps up to 100,000 of these alive, so the instance holds no
 * more than the fields themselves: shared identifiers are interned, unset
 * instants are NULL, and the events model only exists once asked for. */
struct _LtTicket
{
  GObject        parent_instance;

  /* Owned */
  char          *id;
  char          *local_id;
  char          *title;
  char          *description;
  char         **known_issue_ids;
  GDateTime     *opened_at;
  GDateTime     *updated_at;
  GDateTime     *first_response_at;
  GDateTime     *response_due;
  GDateTime     *awaiting_since;
  GDateTime     *resolved_at;
  GDateTime     *closed_at;
  GListStore    *events;

  /* Interned */
  const char    *category;
  const char    *product_version;
  const char    *installation;
  const char    *contact;

  LtSeverity     severity;
  LtTicketState  state;
  LtCloseReason  close_reason;
  guint          escalation_level : 2;
  guint          break_fix : 1;
  guint          security_incident : 1;
};

G_DEFINE_FINAL_TYPE (LtTicket, lt_ticket, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LOCAL_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_SEVERITY,
  PROP_CATEGORY,
  PROP_STATE,
  PROP_CLOSE_REASON,
  PROP_OPENED_AT,
  PROP_UPDATED_AT,
  PROP_FIRST_RESPONSE_AT,
  PROP_RESPONSE_DUE,
  PROP_AWAITING_SINCE,
  PROP_RESOLVED_AT,
  PROP_CLOSED_AT,
  PROP_ESCALATION_LEVEL,
  PROP_PRODUCT_VERSION,
  PROP_INSTALLATION,
  PROP_CONTACT,
  PROP_BREAK_FIX,
  PROP_SECURITY_INCIDENT,
  PROP_KNOWN_ISSUE_IDS,
  PROP_EVENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lt_ticket_dispose (GObject *object)
{
  LtTicket *self = (LtTicket *)object;

  g_clear_object (&self->events);

  G_OBJECT_CLASS (lt_ticket_parent_class)->dispose (object);
}

static void
lt_ticket_finalize (GObject *object)
{
  LtTicket *self = (LtTicket *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->local_id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->known_issue_ids, g_strfreev);
  g_clear_pointer (&self->opened_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->first_response_at, g_date_time_unref);
  g_clear_pointer (&self->response_due, g_date_time_unref);
  g_clear_pointer (&self->awaiting_since, g_date_time_unref);
  g_clear_pointer (&self->resolved_at, g_date_time_unref);
  g_clear_pointer (&self->closed_at, g_date_time_unref);

  G_OBJECT_CLASS (lt_ticket_parent_class)->finalize (object);
}

static void
lt_ticket_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LtTicket *self = LT_TICKET (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_LOCAL_ID:
      g_value_set_string (value, self->local_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_CATEGORY:
      g_value_set_interned_string (value, self->category);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CLOSE_REASON:
      g_value_set_enum (value, self->close_reason);
      break;
    case PROP_OPENED_AT:
      g_value_set_boxed (value, self->opened_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;
    case PROP_FIRST_RESPONSE_AT:
      g_value_set_boxed (value, self->first_response_at);
      break;
    case PROP_RESPONSE_DUE:
      g_value_set_boxed (value, self->response_due);
      break;
    case PROP_AWAITING_SINCE:
      g_value_set_boxed (value, self->awaiting_since);
      break;
    case PROP_RESOLVED_AT:
      g_value_set_boxed (value, self->resolved_at);
      break;
    case PROP_CLOSED_AT:
      g_value_set_boxed (value, self->closed_at);
      break;
    case PROP_ESCALATION_LEVEL:
      g_value_set_uint (value, self->escalation_level);
      break;
    case PROP_PRODUCT_VERSION:
      g_value_set_interned_string (value, self->product_version);
      break;
    case PROP_INSTALLATION:
      g_value_set_interned_string (value, self->installation);
      break;
    case PROP_CONTACT:
      g_value_set_interned_string (value, self->contact);
      break;
    case PROP_BREAK_FIX:
      g_value_set_boolean (value, self->break_fix);
      break;
    case PROP_SECURITY_INCIDENT:
      g_value_set_boolean (value, self->security_incident);
      break;
    case PROP_KNOWN_ISSUE_IDS:
      g_value_set_boxed (value, self->known_issue_ids);
      break;
    case PROP_EVENTS:
      g_value_set_object (value, lt_ticket_get_events (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_ticket_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LtTicket *self = LT_TICKET (object);

  switch (prop_id)
    {
    case PROP_ID:
      lt_ticket_set_id (self, g_value_get_string (value));
      break;
    case PROP_LOCAL_ID:
      lt_ticket_set_local_id (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      lt_ticket_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      lt_ticket_set_description (self, g_value_get_string (value));
      break;
    case PROP_SEVERITY:
      lt_ticket_set_severity (self, g_value_get_enum (value));
      break;
    case PROP_CATEGORY:
      lt_ticket_set_category (self, g_value_get_string (value));
      break;
    case PROP_STATE:
      lt_ticket_set_state (self, g_value_get_enum (value));
      break;
    case PROP_CLOSE_REASON:
      lt_ticket_set_close_reason (self, g_value_get_enum (value));
      break;
    case PROP_OPENED_AT:
      lt_ticket_set_opened_at (self, g_value_get_boxed (value));
      break;
    case PROP_UPDATED_AT:
      lt_ticket_set_updated_at (self, g_value_get_boxed (value));
      break;
    case PROP_FIRST_RESPONSE_AT:
      lt_ticket_set_first_response_at (self, g_value_get_boxed (value));
      break;
    case PROP_RESPONSE_DUE:
      lt_ticket_set_response_due (self, g_value_get_boxed (value));
      break;
    case PROP_AWAITING_SINCE:
      lt_ticket_set_awaiting_since (self, g_value_get_boxed (value));
      break;
    case PROP_RESOLVED_AT:
      lt_ticket_set_resolved_at (self, g_value_get_boxed (value));
      break;
    case PROP_CLOSED_AT:
      lt_ticket_set_closed_at (self, g_value_get_boxed (value));
      break;
    case PROP_ESCALATION_LEVEL:
      lt_ticket_set_escalation_level (self, g_value_get_uint (value));
      break;
    case PROP_PRODUCT_VERSION:
      lt_ticket_set_product_version (self, g_value_get_string (value));
      break;
    case PROP_INSTALLATION:
      lt_ticket_set_installation (self, g_value_get_string (value));
      break;
    case PROP_CONTACT:
      lt_ticket_set_contact (self, g_value_get_string (value));
      break;
    case PROP_BREAK_FIX:
      lt_ticket_set_break_fix (self, g_value_get_boolean (value));
      break;
    case PROP_SECURITY_INCIDENT:
      lt_ticket_set_security_incident (self, g_value_get_boolean (value));
      break;
    case PROP_KNOWN_ISSUE_IDS:
      lt_ticket_set_known_issue_ids (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_ticket_class_init (LtTicketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = lt_ticket_dispose;
  object_class->finalize = lt_ticket_finalize;
  object_class->get_property = lt_ticket_get_property;
  object_class->set_property = lt_ticket_set_property;

  /* The portal's id ("LT-000123"); NULL until the portal accepted it. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  /* A UUID naming a draft or queued ticket before it has a portal id; it
   * is also the POST's Idempotency-Key. */
  properties[PROP_LOCAL_ID] =
    g_param_spec_string ("local-id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       LT_TYPE_SEVERITY, LT_SEVERITY_S3, flags);
  /* A scope category id of the policy ("troubleshooting"). */
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LT_TYPE_TICKET_STATE, LT_TICKET_STATE_DRAFT, flags);
  properties[PROP_CLOSE_REASON] =
    g_param_spec_enum ("close-reason", NULL, NULL,
                       LT_TYPE_CLOSE_REASON, LT_CLOSE_REASON_NONE, flags);
  /* Instants, all in UTC; NULL when not (yet) known. */
  properties[PROP_OPENED_AT] =
    g_param_spec_boxed ("opened-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_FIRST_RESPONSE_AT] =
    g_param_spec_boxed ("first-response-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /* As given by the portal. */
  properties[PROP_RESPONSE_DUE] =
    g_param_spec_boxed ("response-due", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_AWAITING_SINCE] =
    g_param_spec_boxed ("awaiting-since", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_RESOLVED_AT] =
    g_param_spec_boxed ("resolved-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_CLOSED_AT] =
    g_param_spec_boxed ("closed-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /* 0: not escalated; 1–3 (R11). */
  properties[PROP_ESCALATION_LEVEL] =
    g_param_spec_uint ("escalation-level", NULL, NULL,
                       0, LT_TICKET_MAX_ESCALATION_LEVEL, 0, flags);
  /* The installed version the ticket is about, as the customer gave it. */
  properties[PROP_PRODUCT_VERSION] =
    g_param_spec_string ("product-version", NULL, NULL, NULL, flags);
  /* The installation's name. */
  properties[PROP_INSTALLATION] =
    g_param_spec_string ("installation", NULL, NULL, NULL, flags);
  /* Who the vendor should talk to about this ticket. */
  properties[PROP_CONTACT] =
    g_param_spec_string ("contact", NULL, NULL, NULL, flags);
  properties[PROP_BREAK_FIX] =
    g_param_spec_boolean ("break-fix", NULL, NULL, FALSE, flags);
  properties[PROP_SECURITY_INCIDENT] =
    g_param_spec_boolean ("security-incident", NULL, NULL, FALSE, flags);
  /* "LT-1234"…; NULL rather than an empty vector. */
  properties[PROP_KNOWN_ISSUE_IDS] =
    g_param_spec_boxed ("known-issue-ids", NULL, NULL, G_TYPE_STRV, flags);
  /* A GListModel of LtTicketEvent, created when first read. */
  properties[PROP_EVENTS] =
    g_param_spec_object ("events", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_ticket_init (LtTicket *self)
{
  self->severity = LT_SEVERITY_S3;
  self->state = LT_TICKET_STATE_DRAFT;
  self->close_reason = LT_CLOSE_REASON_NONE;
}

/**
 * lt_ticket_new:
 *
 * An empty ticket, for the store or the portal mapper to fill in.
 *
 * Returns: (transfer full): a new ticket
 */
LtTicket *
lt_ticket_new (void)
{
  return g_object_new (LT_TYPE_TICKET, NULL);
}

/**
 * lt_ticket_new_draft:
 *
 * A ticket being written by the customer: state draft and a fresh random
 * local id.
 *
 * Returns: (transfer full): a new draft
 */
LtTicket *
lt_ticket_new_draft (void)
{
  LtTicket *self = lt_ticket_new ();

  self->local_id = g_uuid_string_random ();
  return self;
}

#define MODEL lt_ticket, LtTicket, LT_IS_TICKET, properties

LT_MODEL_STRING_PROPERTY (MODEL, id, PROP_ID)
LT_MODEL_STRING_PROPERTY (MODEL, local_id, PROP_LOCAL_ID)
LT_MODEL_STRING_PROPERTY (MODEL, title, PROP_TITLE)
LT_MODEL_STRING_PROPERTY (MODEL, description, PROP_DESCRIPTION)
LT_MODEL_INTERNED_PROPERTY (MODEL, category, PROP_CATEGORY)
LT_MODEL_INTERNED_PROPERTY (MODEL, product_version, PROP_PRODUCT_VERSION)
LT_MODEL_INTERNED_PROPERTY (MODEL, installation, PROP_INSTALLATION)
LT_MODEL_INTERNED_PROPERTY (MODEL, contact, PROP_CONTACT)
LT_MODEL_INSTANT_PROPERTY (MODEL, opened_at, PROP_OPENED_AT)
LT_MODEL_INSTANT_PROPERTY (MODEL, updated_at, PROP_UPDATED_AT)
LT_MODEL_INSTANT_PROPERTY (MODEL, first_response_at, PROP_FIRST_RESPONSE_AT)
LT_MODEL_INSTANT_PROPERTY (MODEL, response_due, PROP_RESPONSE_DUE)
LT_MODEL_INSTANT_PROPERTY (MODEL, awaiting_since, PROP_AWAITING_SINCE)
LT_MODEL_INSTANT_PROPERTY (MODEL, resolved_at, PROP_RESOLVED_AT)
LT_MODEL_INSTANT_PROPERTY (MODEL, closed_at, PROP_CLOSED_AT)
LT_MODEL_VALUE_PROPERTY (MODEL, LtSeverity, severity, PROP_SEVERITY, LT_SEVERITY_S3)
/* The portal is authoritative for the state (R5): the model records what
 * it is told; refusing a customer action is lt-lifecycle's job. */
LT_MODEL_VALUE_PROPERTY (MODEL, LtTicketState, state, PROP_STATE, LT_TICKET_STATE_DRAFT)
LT_MODEL_VALUE_PROPERTY (MODEL, LtCloseReason, close_reason, PROP_CLOSE_REASON, LT_CLOSE_REASON_NONE)
LT_MODEL_UINT_PROPERTY (MODEL, escalation_level, PROP_ESCALATION_LEVEL, LT_TICKET_MAX_ESCALATION_LEVEL)
LT_MODEL_BOOLEAN_PROPERTY (MODEL, break_fix, PROP_BREAK_FIX)
LT_MODEL_BOOLEAN_PROPERTY (MODEL, security_incident, PROP_SECURITY_INCIDENT)
/* (transfer none) (nullable) (array zero-terminated=1): the known-issue ids
 * the customer named ("LT-1234"); an empty vector is stored as NULL. */
LT_MODEL_STRV_PROPERTY (MODEL, known_issue_ids, PROP_KNOWN_ISSUE_IDS)

#undef MODEL

static GListStore *
ensure_events (LtTicket *self)
{
  if (self->events == NULL)
    self->events = g_list_store_new (LT_TYPE_TICKET_EVENT);
  return self->events;
}

/**
 * lt_ticket_get_events:
 * @self: a ticket
 *
 * The list is created on the first call: a ticket list of 100,000 rows
 * never pays for the histories it does not show.
 *
 * Returns: (transfer none): a #GListModel of #LtTicketEvent, oldest first
 */
GListModel *
lt_ticket_get_events (LtTicket *self)
{
  g_return_val_if_fail (LT_IS_TICKET (self), NULL);

  return G_LIST_MODEL (ensure_events (self));
}

/**
 * lt_ticket_add_event:
 * @self: a ticket
 * @event: the event to add
 *
 * Inserts @event in time order, after every event at the same instant or
 * earlier; an event without a time goes last.
 */
void
lt_ticket_add_event (LtTicket      *self,
                     LtTicketEvent *event)
{
  GListStore *events;
  GDateTime *at;
  guint position;

  g_return_if_fail (LT_IS_TICKET (self));
  g_return_if_fail (LT_IS_TICKET_EVENT (event));

  events = ensure_events (self);
  at = lt_ticket_event_get_at (event);
  position = g_list_model_get_n_items (G_LIST_MODEL (events));

  /* Events nearly always arrive in order: search from the end. */
  if (at != NULL)
    {
      while (position > 0)
        {
          g_autoptr(LtTicketEvent) before = g_list_model_get_item (G_LIST_MODEL (events), position - 1);
          GDateTime *before_at = lt_ticket_event_get_at (before);

          if (before_at != NULL && g_date_time_compare (before_at, at) <= 0)
            break;
          position--;
        }
    }

  g_list_store_insert (events, position, event);
}

/**
 * lt_ticket_set_events:
 * @self: a ticket
 * @events: (array length=n_events): the whole history, oldest first, as
 *   the portal sent it
 * @n_events: the number of @events
 *
 * Replaces the history in one change (a single items-changed).
 */
void
lt_ticket_set_events (LtTicket             *self,
                      LtTicketEvent * const *events,
                      guint                  n_events)
{
  guint old_n;

  g_return_if_fail (LT_IS_TICKET (self));
  g_return_if_fail (events != NULL || n_events == 0);

  if (self->events == NULL && n_events == 0)
    return;

  old_n = g_list_model_get_n_items (G_LIST_MODEL (ensure_events (self)));
  if (old_n == 0 && n_events == 0)
    return;

  g_list_store_splice (self->events, 0, old_n, (gpointer *) events, n_events);
}

/**
 * lt_ticket_dup_response_due:
 * @self: a ticket
 * @policy: the policy in force
 * @tier: the customer's tier
 *
 * The portal's response due when it gave one; else the one R4 computes
 * from the opening time (lt_sla_response_due_for_policy()).
 *
 * Returns: (transfer full) (nullable): the instant in UTC, or %NULL when
 *   the ticket is not opened yet or no target applies (feature requests)
 */
GDateTime *
lt_ticket_dup_response_due (LtTicket *self,
                            LtPolicy *policy,
                            LtTier    tier)
{
  g_return_val_if_fail (LT_IS_TICKET (self), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);

  if (self->response_due != NULL)
    return g_date_time_ref (self->response_due);
  if (self->opened_at == NULL)
    return NULL;

  return lt_sla_response_due_for_policy (policy, tier, self->severity, self->opened_at);
}

/**
 * lt_ticket_get_sla_state:
 * @self: a ticket
 * @policy: the policy in force
 * @tier: the customer's tier
 * @now: the current instant
 *
 * Calls lt_sla_compute_state_for_policy() with the ticket's severity,
 * opening and first-response times.
 *
 * Returns: the first-response SLA state at @now; %LT_SLA_STATE_NONE while
 *   the ticket has no opening time or no target applies
 */
LtSlaState
lt_ticket_get_sla_state (LtTicket  *self,
                         LtPolicy  *policy,
                         LtTier     tier,
                         GDateTime *now)
{
  g_return_val_if_fail (LT_IS_TICKET (self), LT_SLA_STATE_NONE);
  g_return_val_if_fail (LT_IS_POLICY (policy), LT_SLA_STATE_NONE);
  g_return_val_if_fail (now != NULL, LT_SLA_STATE_NONE);

  if (self->opened_at == NULL)
    return LT_SLA_STATE_NONE;

  return lt_sla_compute_state_for_policy (policy, tier, self->severity,
                                          self->opened_at,
                                          self->first_response_at, now);
}

/**
 * lt_ticket_get_remaining_business_seconds:
 * @self: a ticket
 * @policy: the policy in force
 * @tier: the customer's tier
 * @now: the current instant
 * @remaining: (out) (optional): business seconds from @now until the
 *   response due of lt_ticket_dup_response_due(); negative once overdue
 *
 * Returns: %TRUE when the ticket has a response due, else %FALSE and
 *   @remaining is 0
 */
gboolean
lt_ticket_get_remaining_business_seconds (LtTicket  *self,
                                          LtPolicy  *policy,
                                          LtTier     tier,
                                          GDateTime *now,
                                          gint64    *remaining)
{
  g_autoptr(GDateTime) due = NULL;
  gint64 seconds = 0;

  g_return_val_if_fail (LT_IS_TICKET (self), FALSE);
  g_return_val_if_fail (LT_IS_POLICY (policy), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  due = lt_ticket_dup_response_due (self, policy, tier);
  if (due != NULL)
    seconds = lt_sla_remaining_seconds (lt_policy_get_calendar (policy), due, now);

  if (remaining != NULL)
    *remaining = seconds;
  return due != NULL;
}

/* The instant the ticket entered the state an auto-close counts from. */
static GDateTime *
get_auto_close_start (LtTicket *self)
{
  switch (self->state)
    {
    case LT_TICKET_STATE_AWAITING_CUSTOMER:
      return self->awaiting_since;
    case LT_TICKET_STATE_RESOLVED:
      return self->resolved_at;
    case LT_TICKET_STATE_DRAFT:
    case LT_TICKET_STATE_QUEUED:
    case LT_TICKET_STATE_SUBMITTED:
    case LT_TICKET_STATE_TRIAGED:
    case LT_TICKET_STATE_IN_PROGRESS:
    case LT_TICKET_STATE_CLOSED:
    case LT_TICKET_STATE_REOPENED:
    default:
      return NULL;
    }
}

/**
 * lt_ticket_dup_auto_close_due:
 * @self: a ticket
 * @policy: the policy in force
 * @reason: (out) (optional): the close reason the auto-close will give
 *
 * Calls lt_lifecycle_auto_close_due_for_policy() with the time the ticket
 * entered its state (awaiting-since or resolved-at).
 *
 * Returns: (transfer full) (nullable): the instant in UTC, or %NULL when
 *   the ticket is not awaiting the customer nor resolved
 */
GDateTime *
lt_ticket_dup_auto_close_due (LtTicket      *self,
                              LtPolicy      *policy,
                              LtCloseReason *reason)
{
  GDateTime *entered_at;

  if (reason != NULL)
    *reason = LT_CLOSE_REASON_NONE;

  g_return_val_if_fail (LT_IS_TICKET (self), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);

  entered_at = get_auto_close_start (self);
  if (entered_at == NULL)
    return NULL;

  return lt_lifecycle_auto_close_due_for_policy (policy, self->state, entered_at, reason);
}

/**
 * lt_ticket_dup_reopen_until:
 * @self: a ticket
 * @policy: the policy in force
 *
 * Calls lt_lifecycle_reopen_until_for_policy() with the closing time.
 *
 * Returns: (transfer full) (nullable): the end of the reopen window in
 *   UTC, or %NULL when the ticket is not closed or has no closing time
 */
GDateTime *
lt_ticket_dup_reopen_until (LtTicket *self,
                            LtPolicy *policy)
{
  g_return_val_if_fail (LT_IS_TICKET (self), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);

  if (self->state != LT_TICKET_STATE_CLOSED || self->closed_at == NULL)
    return NULL;

  return lt_lifecycle_reopen_until_for_policy (policy, self->closed_at);
}

/**
 * lt_ticket_can_reopen:
 * @self: a ticket
 * @policy: the policy in force
 * @now: the current instant
 *
 * Returns: %TRUE when the ticket is closed and @now is inside its reopen
 *   window (lt_lifecycle_can_reopen())
 */
gboolean
lt_ticket_can_reopen (LtTicket  *self,
                      LtPolicy  *policy,
                      GDateTime *now)
{
  g_autoptr(GDateTime) until = NULL;

  g_return_val_if_fail (LT_IS_TICKET (self), FALSE);
  g_return_val_if_fail (LT_IS_POLICY (policy), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  until = lt_ticket_dup_reopen_until (self, policy);
  if (until == NULL)
    return FALSE;

  return lt_lifecycle_can_reopen (until, now);
}

/**
 * lt_ticket_get_customer_actions:
 * @self: a ticket
 * @policy: the policy in force
 * @now: the current instant
 *
 * Returns: what the customer may do with the ticket at @now
 *   (lt_lifecycle_customer_actions_for_policy())
 */
LtCustomerAction
lt_ticket_get_customer_actions (LtTicket  *self,
                                LtPolicy  *policy,
                                GDateTime *now)
{
  g_return_val_if_fail (LT_IS_TICKET (self), LT_CUSTOMER_ACTION_NONE);
  g_return_val_if_fail (LT_IS_POLICY (policy), LT_CUSTOMER_ACTION_NONE);
  g_return_val_if_fail (now != NULL, LT_CUSTOMER_ACTION_NONE);

  return lt_lifecycle_customer_actions_for_policy (policy, self->state,
                                                   self->closed_at,
                                                   self->escalation_level, now);
}

/**
 * lt_ticket_get_next_escalation:
 * @self: a ticket
 * @policy: the policy in force
 * @error: %LT_ERROR_NOT_ALLOWED at the highest level
 *
 * Returns: (transfer none) (nullable): the level one above the ticket's
 *   (lt_rules_next_escalation_for_policy()), owned by @policy
 */
const LtEscalationLevel *
lt_ticket_get_next_escalation (LtTicket  *self,
                               LtPolicy  *policy,
                               GError   **error)
{
  g_return_val_if_fail (LT_IS_TICKET (self), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return lt_rules_next_escalation_for_policy (policy, self->escalation_level, error);
}

/**
 * lt_ticket_is_escalation_suggested:
 * @self: a ticket
 * @policy: the policy in force
 * @tier: the customer's tier
 * @now: the current instant
 *
 * Returns: %TRUE when R11 suggests escalating at @now
 *   (lt_rules_escalation_suggested() on the SLA state)
 */
gboolean
lt_ticket_is_escalation_suggested (LtTicket  *self,
                                   LtPolicy  *policy,
                                   LtTier     tier,
                                   GDateTime *now)
{
  g_return_val_if_fail (LT_IS_TICKET (self), FALSE);

  return lt_rules_escalation_suggested (lt_ticket_get_sla_state (self, policy, tier, now));
}

/**
 * lt_ticket_shows_critical_phone:
 * @self: a ticket
 *
 * Returns: %TRUE when the critical phone line may be shown for this ticket
 *   (lt_rules_shows_critical_phone())
 */
gboolean
lt_ticket_shows_critical_phone (LtTicket *self)
{
  g_return_val_if_fail (LT_IS_TICKET (self), FALSE);

  return lt_rules_shows_critical_phone (self->severity, self->security_incident);
}

/**
 * lt_ticket_dup_close_explanation:
 * @self: a ticket
 * @catalog: (nullable): the release catalog in force
 *
 * lt_close_reason_dup_explanation() for the ticket's close reason, its
 * installed version and the known issues it names.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when the ticket
 *   is not closed
 */
char *
lt_ticket_dup_close_explanation (LtTicket         *self,
                                 LtReleaseCatalog *catalog)
{
  g_return_val_if_fail (LT_IS_TICKET (self), NULL);

  if (self->state != LT_TICKET_STATE_CLOSED || self->close_reason == LT_CLOSE_REASON_NONE)
    return NULL;

  return lt_close_reason_dup_explanation (self->close_reason, catalog, self->product_version,
                                          (const char * const *) self->known_issue_ids);
}

/**
 * lt_ticket_check_title_length:
 * @title: (nullable): a new ticket's title
 * @error: %LT_ERROR_INVALID_INPUT when it is longer than
 *   %LT_TICKET_MAX_TITLE_CHARS characters
 *
 * Whether the portal takes @title for its length (a blank one is the
 * caller's to word). Characters, not bytes, as the portal counts them.
 *
 * Returns: %TRUE when it is not too long
 */
gboolean
lt_ticket_check_title_length (const char  *title,
                              GError     **error)
{
  if (title == NULL || g_utf8_strlen (title, -1) <= LT_TICKET_MAX_TITLE_CHARS)
    return TRUE;
  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("The title is longer than %u characters"), LT_TICKET_MAX_TITLE_CHARS);
  return FALSE;
}

/**
 * lt_ticket_check_description_length:
 * @description: (nullable): a new ticket's description
 * @error: %LT_ERROR_INVALID_INPUT when it is longer than
 *   %LT_TICKET_MAX_DESCRIPTION_CHARS characters
 *
 * As lt_ticket_check_title_length(), for the description.
 *
 * Returns: %TRUE when it is not too long
 */
gboolean
lt_ticket_check_description_length (const char  *description,
                                    GError     **error)
{
  if (description == NULL || g_utf8_strlen (description, -1) <= LT_TICKET_MAX_DESCRIPTION_CHARS)
    return TRUE;
  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("The description is longer than %u characters"), LT_TICKET_MAX_DESCRIPTION_CHARS);
  return FALSE;
}
