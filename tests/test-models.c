/* test-models.c: the plain GObject models of src/core
 *
 * Every property round-trips through its C accessors and through
 * g_object_set/get, notifies exactly once on a change and not at all for
 * an equal value. Each derived value is compared with a direct call to the
 * rule it delegates to, with the same inputs, and pinned with the policy's
 * own example where RULES.md gives one.
 *
 * Times are written with the vendor's offset (Indianapolis: -05:00 in
 * winter) so each case reads like the policy; tests run in
 * Pacific/Chatham, so a model that used the machine's zone would fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-account.h"
#include "lt-business-calendar.h"
#include "lt-change-notice.h"
#include "lt-installation.h"
#include "lt-lifecycle.h"
#include "lt-maintenance-window.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-rules.h"
#include "lt-sla.h"
#include "lt-ticket.h"
#include "lt-ticket-event.h"

#include <string.h>

#include <libglib-testing/signal-logger.h>

static LtPolicy *
load_policy (void)
{
  g_autoptr(GError) error = NULL;
  LtPolicy *policy = lt_policy_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  return policy;
}

static gboolean
is_utc (GDateTime *instant)
{
  return g_date_time_get_utc_offset (instant) == 0 &&
         g_strcmp0 (g_time_zone_get_identifier (g_date_time_get_timezone (instant)), "UTC") == 0;
}

static void
assert_instants_equal (GDateTime *a,
                       GDateTime *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }
  if (!g_date_time_equal (a, b))
    {
      g_autofree char *sa = g_date_time_format_iso8601 (a);
      g_autofree char *sb = g_date_time_format_iso8601 (b);

      g_assert_cmpstr (sa, ==, sb);
    }
}

/* The property checks are macros because
 * gt_signal_logger_assert_notify_emission_pop() needs the property name as
 * a string literal. Each one: a new value through the C setter notifies
 * once and reads back through the getter and g_object_get(); an equal
 * value through g_object_set() notifies nothing. */

#define assert_string_property(obj, prop, getter, setter) \
  G_STMT_START { \
    g_autoptr(GtSignalLogger) sp_logger = gt_signal_logger_new (); \
    g_autofree char *sp_equal = g_strdup ("value of " prop); \
    g_autofree char *sp_read = NULL; \
    gt_signal_logger_connect (sp_logger, (obj), "notify"); \
    setter ((obj), "value of " prop); \
    gt_signal_logger_assert_notify_emission_pop (sp_logger, (obj), prop); \
    gt_signal_logger_assert_no_emissions (sp_logger); \
    g_assert_cmpstr (getter (obj), ==, "value of " prop); \
    g_object_get ((obj), prop, &sp_read, NULL); \
    g_assert_cmpstr (sp_read, ==, "value of " prop); \
    g_object_set ((obj), prop, sp_equal, NULL); \
    gt_signal_logger_assert_no_emissions (sp_logger); \
    g_object_set ((obj), prop, "another " prop, NULL); \
    gt_signal_logger_assert_notify_emission_pop (sp_logger, (obj), prop); \
    g_assert_cmpstr (getter (obj), ==, "another " prop); \
    setter ((obj), NULL); \
    gt_signal_logger_assert_notify_emission_pop (sp_logger, (obj), prop); \
    g_assert_null (getter (obj)); \
    setter ((obj), NULL); \
    gt_signal_logger_assert_no_emissions (sp_logger); \
  } G_STMT_END

#define assert_instant_property(obj, prop, getter, setter) \
  G_STMT_START { \
    g_autoptr(GtSignalLogger) ip_logger = gt_signal_logger_new (); \
    g_autoptr(GDateTime) ip_local = lt_test_instant ("2026-01-09T16:40:00-05:00"); \
    g_autoptr(GDateTime) ip_elsewhere = lt_test_instant ("2026-01-10T11:25:00+13:45"); \
    g_autoptr(GDateTime) ip_later = lt_test_instant ("2026-01-09T16:40:01-05:00"); \
    g_autoptr(GDateTime) ip_read = NULL; \
    gt_signal_logger_connect (ip_logger, (obj), "notify"); \
    setter ((obj), ip_local); \
    gt_signal_logger_assert_notify_emission_pop (ip_logger, (obj), prop); \
    gt_signal_logger_assert_no_emissions (ip_logger); \
    lt_assert_instant (getter (obj), "2026-01-09T21:40:00Z"); \
    g_assert_true (is_utc (getter (obj))); \
    /* The same instant in another zone is an equal value. */ \
    g_object_set ((obj), prop, ip_elsewhere, NULL); \
    gt_signal_logger_assert_no_emissions (ip_logger); \
    g_object_get ((obj), prop, &ip_read, NULL); \
    g_assert_true (g_date_time_equal (ip_read, ip_local)); \
    g_assert_true (is_utc (ip_read)); \
    /* One second later is not. */ \
    g_object_set ((obj), prop, ip_later, NULL); \
    gt_signal_logger_assert_notify_emission_pop (ip_logger, (obj), prop); \
    lt_assert_instant (getter (obj), "2026-01-09T21:40:01Z"); \
    setter ((obj), NULL); \
    gt_signal_logger_assert_notify_emission_pop (ip_logger, (obj), prop); \
    g_assert_null (getter (obj)); \
    g_object_set ((obj), prop, NULL, NULL); \
    gt_signal_logger_assert_no_emissions (ip_logger); \
  } G_STMT_END

/* @value must differ from the property's current value. */
#define assert_scalar_property(obj, prop, type, getter, setter, value) \
  G_STMT_START { \
    g_autoptr(GtSignalLogger) sc_logger = gt_signal_logger_new (); \
    type sc_old = getter (obj); \
    type sc_read; \
    gt_signal_logger_connect (sc_logger, (obj), "notify"); \
    g_assert_true (sc_old != (type) (value)); \
    setter ((obj), (value)); \
    gt_signal_logger_assert_notify_emission_pop (sc_logger, (obj), prop); \
    gt_signal_logger_assert_no_emissions (sc_logger); \
    g_assert_true (getter (obj) == (type) (value)); \
    g_object_get ((obj), prop, &sc_read, NULL); \
    g_assert_true (sc_read == (type) (value)); \
    g_object_set ((obj), prop, (type) (value), NULL); \
    gt_signal_logger_assert_no_emissions (sc_logger); \
    g_object_set ((obj), prop, sc_old, NULL); \
    gt_signal_logger_assert_notify_emission_pop (sc_logger, (obj), prop); \
    g_assert_true (getter (obj) == sc_old); \
    gt_signal_logger_assert_no_emissions (sc_logger); \
  } G_STMT_END

#define assert_strv_property(obj, prop, getter, setter) \
  G_STMT_START { \
    g_autoptr(GtSignalLogger) sv_logger = gt_signal_logger_new (); \
    const char * const sv_value[] = { "LT-1234", "LT-2001", NULL }; \
    const char * const sv_empty[] = { NULL }; \
    g_auto(GStrv) sv_equal = g_strdupv ((char **) sv_value); \
    g_auto(GStrv) sv_read = NULL; \
    gt_signal_logger_connect (sv_logger, (obj), "notify"); \
    setter ((obj), sv_value); \
    gt_signal_logger_assert_notify_emission_pop (sv_logger, (obj), prop); \
    gt_signal_logger_assert_no_emissions (sv_logger); \
    g_assert_true (g_strv_equal ((const char * const *) getter (obj), sv_value)); \
    g_object_get ((obj), prop, &sv_read, NULL); \
    g_assert_true (g_strv_equal ((const char * const *) sv_read, sv_value)); \
    g_object_set ((obj), prop, sv_equal, NULL); \
    gt_signal_logger_assert_no_emissions (sv_logger); \
    /* Empty is stored as NULL, and NULL then is an equal value. */ \
    setter ((obj), sv_empty); \
    gt_signal_logger_assert_notify_emission_pop (sv_logger, (obj), prop); \
    g_assert_null (getter (obj)); \
    setter ((obj), NULL); \
    gt_signal_logger_assert_no_emissions (sv_logger); \
  } G_STMT_END

/* ---- LtTicket ---------------------------------------------------------- */

static void
test_ticket_properties (void)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();

  g_assert_null (lt_ticket_get_id (ticket));
  g_assert_null (lt_ticket_get_local_id (ticket));
  g_assert_cmpint (lt_ticket_get_state (ticket), ==, LT_TICKET_STATE_DRAFT);

  assert_string_property (ticket, "id", lt_ticket_get_id, lt_ticket_set_id);
  assert_string_property (ticket, "local-id", lt_ticket_get_local_id, lt_ticket_set_local_id);
  assert_string_property (ticket, "title", lt_ticket_get_title, lt_ticket_set_title);
  assert_string_property (ticket, "description", lt_ticket_get_description, lt_ticket_set_description);
  assert_string_property (ticket, "category", lt_ticket_get_category, lt_ticket_set_category);
  assert_string_property (ticket, "product-version", lt_ticket_get_product_version, lt_ticket_set_product_version);
  assert_string_property (ticket, "installation", lt_ticket_get_installation, lt_ticket_set_installation);
  assert_string_property (ticket, "contact", lt_ticket_get_contact, lt_ticket_set_contact);

  assert_scalar_property (ticket, "severity", LtSeverity,
                          lt_ticket_get_severity, lt_ticket_set_severity, LT_SEVERITY_S1);
  assert_scalar_property (ticket, "state", LtTicketState,
                          lt_ticket_get_state, lt_ticket_set_state, LT_TICKET_STATE_AWAITING_CUSTOMER);
  assert_scalar_property (ticket, "close-reason", LtCloseReason,
                          lt_ticket_get_close_reason, lt_ticket_set_close_reason,
                          LT_CLOSE_REASON_RESOLVED_TIMEOUT);
  assert_scalar_property (ticket, "escalation-level", guint,
                          lt_ticket_get_escalation_level, lt_ticket_set_escalation_level, 3);
  assert_scalar_property (ticket, "break-fix", gboolean,
                          lt_ticket_get_break_fix, lt_ticket_set_break_fix, TRUE);
  assert_scalar_property (ticket, "security-incident", gboolean,
                          lt_ticket_get_security_incident, lt_ticket_set_security_incident, TRUE);

  assert_instant_property (ticket, "opened-at", lt_ticket_get_opened_at, lt_ticket_set_opened_at);
  assert_instant_property (ticket, "updated-at", lt_ticket_get_updated_at, lt_ticket_set_updated_at);
  assert_instant_property (ticket, "first-response-at", lt_ticket_get_first_response_at, lt_ticket_set_first_response_at);
  assert_instant_property (ticket, "response-due", lt_ticket_get_response_due, lt_ticket_set_response_due);
  assert_instant_property (ticket, "awaiting-since", lt_ticket_get_awaiting_since, lt_ticket_set_awaiting_since);
  assert_instant_property (ticket, "resolved-at", lt_ticket_get_resolved_at, lt_ticket_set_resolved_at);
  assert_instant_property (ticket, "closed-at", lt_ticket_get_closed_at, lt_ticket_set_closed_at);

  assert_strv_property (ticket, "known-issue-ids", lt_ticket_get_known_issue_ids, lt_ticket_set_known_issue_ids);
}

/* Identifiers shared by many tickets are interned: two tickets of one
 * product version hold the same pointer. */
static void
test_ticket_interned (void)
{
  g_autoptr(LtTicket) a = lt_ticket_new ();
  g_autoptr(LtTicket) b = lt_ticket_new ();
  g_autofree char *version_a = g_strdup ("3.3.2");
  g_autofree char *version_b = g_strdup ("3.3.2");

  lt_ticket_set_product_version (a, version_a);
  lt_ticket_set_product_version (b, version_b);
  lt_ticket_set_category (a, "troubleshooting");
  lt_ticket_set_category (b, "troubleshooting");

  g_assert_true (lt_ticket_get_product_version (a) == lt_ticket_get_product_version (b));
  g_assert_true (lt_ticket_get_product_version (a) != version_a);
  g_assert_true (lt_ticket_get_category (a) == lt_ticket_get_category (b));
}

static void
test_ticket_draft (void)
{
  g_autoptr(LtTicket) draft = lt_ticket_new_draft ();
  g_autoptr(LtTicket) other = lt_ticket_new_draft ();

  g_assert_null (lt_ticket_get_id (draft));
  g_assert_cmpint (lt_ticket_get_state (draft), ==, LT_TICKET_STATE_DRAFT);
  g_assert_true (g_uuid_string_is_valid (lt_ticket_get_local_id (draft)));
  g_assert_cmpstr (lt_ticket_get_local_id (draft), !=, lt_ticket_get_local_id (other));
}

static LtTicketEvent *
comment_at (const char *at,
            const char *body)
{
  g_autoptr(GDateTime) instant = lt_test_instant (at);

  return lt_ticket_event_new_comment (instant, "Dana", body);
}

static const char *
event_body (GListModel *events,
            guint       position)
{
  g_autoptr(LtTicketEvent) event = g_list_model_get_item (events, position);

  return lt_ticket_event_get_body (event);
}

static void
test_ticket_events_order (void)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(LtTicketEvent) first = comment_at ("2026-11-16T10:00:00-05:00", "first");
  g_autoptr(LtTicketEvent) third = comment_at ("2026-11-16T12:00:00-05:00", "third");
  g_autoptr(LtTicketEvent) second = comment_at ("2026-11-16T11:00:00-05:00", "second");
  g_autoptr(LtTicketEvent) also_second = comment_at ("2026-11-16T11:00:00-05:00", "also second");
  g_autoptr(LtTicketEvent) undated = lt_ticket_event_new (LT_TICKET_EVENT_KIND_COMMENT, NULL);
  g_autoptr(GListModel) from_property = NULL;
  GListModel *events = lt_ticket_get_events (ticket);
  guint position = G_MAXUINT, removed = G_MAXUINT, added = G_MAXUINT;

  g_assert_true (g_list_model_get_item_type (events) == LT_TYPE_TICKET_EVENT);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 0);
  g_object_get (ticket, "events", &from_property, NULL);
  g_assert_true (from_property == events);
  g_assert_true (lt_ticket_get_events (ticket) == events);

  gt_signal_logger_connect (logger, events, "items-changed");

  lt_ticket_add_event (ticket, first);
  gt_signal_logger_assert_emission_pop (logger, events, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);

  lt_ticket_add_event (ticket, third);
  gt_signal_logger_assert_emission_pop (logger, events, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (added, ==, 1);

  /* An earlier event goes to its place in time, not to the end. */
  lt_ticket_add_event (ticket, second);
  gt_signal_logger_assert_emission_pop (logger, events, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (removed, ==, 0);
  g_assert_cmpuint (added, ==, 1);

  /* At the same instant: after the one already there. */
  lt_ticket_add_event (ticket, also_second);
  gt_signal_logger_assert_emission_pop (logger, events, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 2);

  lt_ticket_add_event (ticket, undated);
  gt_signal_logger_assert_emission_pop (logger, events, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 4);
  gt_signal_logger_assert_no_emissions (logger);

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 5);
  g_assert_cmpstr (event_body (events, 0), ==, "first");
  g_assert_cmpstr (event_body (events, 1), ==, "second");
  g_assert_cmpstr (event_body (events, 2), ==, "also second");
  g_assert_cmpstr (event_body (events, 3), ==, "third");
  g_assert_null (event_body (events, 4));
}

static void
test_ticket_events_replace (void)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(LtTicketEvent) a = comment_at ("2026-11-16T10:00:00-05:00", "a");
  g_autoptr(LtTicketEvent) b = comment_at ("2026-11-16T11:00:00-05:00", "b");
  g_autoptr(LtTicketEvent) c = comment_at ("2026-11-16T12:00:00-05:00", "c");
  LtTicketEvent *history[] = { b, c };
  GListModel *events;
  guint position = G_MAXUINT, removed = G_MAXUINT, added = G_MAXUINT;

  lt_ticket_add_event (ticket, a);
  events = lt_ticket_get_events (ticket);
  gt_signal_logger_connect (logger, events, "items-changed");

  /* A refreshed history replaces the old one in a single change. */
  lt_ticket_set_events (ticket, history, G_N_ELEMENTS (history));
  gt_signal_logger_assert_emission_pop (logger, events, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 2);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpstr (event_body (events, 0), ==, "b");
  g_assert_cmpstr (event_body (events, 1), ==, "c");

  lt_ticket_set_events (ticket, NULL, 0);
  gt_signal_logger_assert_emission_pop (logger, events, "items-changed", &position, &removed, &added);
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (removed, ==, 2);
  g_assert_cmpuint (added, ==, 0);

  /* Nothing to nothing is no change. */
  lt_ticket_set_events (ticket, NULL, 0);
  gt_signal_logger_assert_no_emissions (logger);
}

/* ---- LtTicketEvent ----------------------------------------------------- */

static void
test_ticket_event_properties (void)
{
  g_autoptr(LtTicketEvent) event = lt_ticket_event_new (LT_TICKET_EVENT_KIND_COMMENT, NULL);

  assert_scalar_property (event, "kind", LtTicketEventKind,
                          lt_ticket_event_get_kind, lt_ticket_event_set_kind,
                          LT_TICKET_EVENT_KIND_ATTACHMENT);
  assert_instant_property (event, "at", lt_ticket_event_get_at, lt_ticket_event_set_at);
  assert_string_property (event, "author", lt_ticket_event_get_author, lt_ticket_event_set_author);
  assert_string_property (event, "body", lt_ticket_event_get_body, lt_ticket_event_set_body);
  assert_scalar_property (event, "from-state", LtTicketState,
                          lt_ticket_event_get_from_state, lt_ticket_event_set_from_state,
                          LT_TICKET_STATE_RESOLVED);
  assert_scalar_property (event, "to-state", LtTicketState,
                          lt_ticket_event_get_to_state, lt_ticket_event_set_to_state,
                          LT_TICKET_STATE_CLOSED);
  assert_scalar_property (event, "level", guint,
                          lt_ticket_event_get_level, lt_ticket_event_set_level, 2);
  assert_string_property (event, "attachment-name", lt_ticket_event_get_attachment_name,
                          lt_ticket_event_set_attachment_name);
  assert_string_property (event, "id", lt_ticket_event_get_id, lt_ticket_event_set_id);
  assert_scalar_property (event, "attachment-size", guint64,
                          lt_ticket_event_get_attachment_size, lt_ticket_event_set_attachment_size,
                          G_GUINT64_CONSTANT (5368709120));
}

static void
test_ticket_event_constructors (void)
{
  g_autoptr(GDateTime) at = lt_test_instant ("2026-11-16T10:00:00-05:00");
  g_autoptr(LtTicketEvent) comment = lt_ticket_event_new_comment (at, "Dana", "Logs attached.");
  g_autoptr(LtTicketEvent) change = lt_ticket_event_new_state_change (at, NULL,
                                                                      LT_TICKET_STATE_RESOLVED,
                                                                      LT_TICKET_STATE_CLOSED);
  g_autoptr(LtTicketEvent) escalation = lt_ticket_event_new_escalation (at, "Dana", 2, "No answer since Monday");
  g_autoptr(LtTicketEvent) attachment = lt_ticket_event_new_attachment (at, "Dana", "bundle.tar.gz", 1048576);

  g_assert_cmpint (lt_ticket_event_get_kind (comment), ==, LT_TICKET_EVENT_KIND_COMMENT);
  g_assert_cmpstr (lt_ticket_event_get_author (comment), ==, "Dana");
  g_assert_cmpstr (lt_ticket_event_get_body (comment), ==, "Logs attached.");
  lt_assert_instant (lt_ticket_event_get_at (comment), "2026-11-16T15:00:00Z");
  g_assert_true (is_utc (lt_ticket_event_get_at (comment)));

  g_assert_cmpint (lt_ticket_event_get_kind (change), ==, LT_TICKET_EVENT_KIND_STATE_CHANGE);
  g_assert_null (lt_ticket_event_get_author (change));
  g_assert_cmpint (lt_ticket_event_get_from_state (change), ==, LT_TICKET_STATE_RESOLVED);
  g_assert_cmpint (lt_ticket_event_get_to_state (change), ==, LT_TICKET_STATE_CLOSED);

  g_assert_cmpint (lt_ticket_event_get_kind (escalation), ==, LT_TICKET_EVENT_KIND_ESCALATION);
  g_assert_cmpuint (lt_ticket_event_get_level (escalation), ==, 2);
  g_assert_cmpstr (lt_ticket_event_get_body (escalation), ==, "No answer since Monday");

  g_assert_cmpint (lt_ticket_event_get_kind (attachment), ==, LT_TICKET_EVENT_KIND_ATTACHMENT);
  g_assert_cmpstr (lt_ticket_event_get_attachment_name (attachment), ==, "bundle.tar.gz");
  g_assert_cmpuint (lt_ticket_event_get_attachment_size (attachment), ==, 1048576);
}

/* ---- LtTicket: derived values ------------------------------------------ */

static LtTicket *
opened_ticket (LtSeverity  severity,
               const char *opened)
{
  g_autoptr(GDateTime) opened_at = lt_test_instant (opened);
  LtTicket *ticket = lt_ticket_new ();

  lt_ticket_set_id (ticket, "LT-000123");
  lt_ticket_set_state (ticket, LT_TICKET_STATE_SUBMITTED);
  lt_ticket_set_severity (ticket, severity);
  lt_ticket_set_opened_at (ticket, opened_at);
  return ticket;
}

/* R4's example: S2 for an Enterprise customer opened Friday 16:40 is due
 * Monday 09:40 (20 minutes on Friday, 100 on Monday). */
static void
test_ticket_response_due_computed (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtTicket) ticket = opened_ticket (LT_SEVERITY_S2, "2026-01-09T16:40:00-05:00");
  g_autoptr(GDateTime) due = lt_ticket_dup_response_due (ticket, policy, LT_TIER_ENTERPRISE);
  g_autoptr(GDateTime) direct = lt_sla_response_due_for_policy (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S2,
                                                                lt_ticket_get_opened_at (ticket));
  g_autoptr(LtTicket) feature = opened_ticket (LT_SEVERITY_FEATURE, "2026-01-09T16:40:00-05:00");
  g_autoptr(GDateTime) feature_due = lt_ticket_dup_response_due (feature, policy, LT_TIER_ENTERPRISE);
  g_autoptr(LtTicket) draft = lt_ticket_new_draft ();
  g_autoptr(GDateTime) draft_due = lt_ticket_dup_response_due (draft, policy, LT_TIER_ENTERPRISE);

  lt_assert_instant (due, "2026-01-12T09:40:00-05:00");
  assert_instants_equal (due, direct);
  g_assert_true (is_utc (due));
  /* Nothing was stored: the portal's field stays empty. */
  g_assert_null (lt_ticket_get_response_due (ticket));

  /* No target for feature requests, no clock before opening. */
  g_assert_null (feature_due);
  g_assert_null (draft_due);
}

/* The portal is authoritative: its response due wins over the rule. */
static void
test_ticket_response_due_portal (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtTicket) ticket = opened_ticket (LT_SEVERITY_S2, "2026-01-09T16:40:00-05:00");
  g_autoptr(GDateTime) portal_due = lt_test_instant ("2026-01-12T11:00:00-05:00");
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-01-12T10:00:00-05:00");
  gint64 remaining = -1;

  lt_ticket_set_response_due (ticket, portal_due);
  due = lt_ticket_dup_response_due (ticket, policy, LT_TIER_ENTERPRISE);
  lt_assert_instant (due, "2026-01-12T11:00:00-05:00");

  g_assert_true (lt_ticket_get_remaining_business_seconds (ticket, policy, LT_TIER_ENTERPRISE, now, &remaining));
  g_assert_cmpint (remaining, ==, lt_sla_remaining_seconds (lt_policy_get_calendar (policy), portal_due, now));
  g_assert_cmpint (remaining, ==, 3600);
}

static void
test_ticket_sla (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtTicket) ticket = opened_ticket (LT_SEVERITY_S2, "2026-01-09T16:40:00-05:00");
  g_autoptr(LtTicket) draft = lt_ticket_new_draft ();
  g_autoptr(LtTicket) feature = opened_ticket (LT_SEVERITY_FEATURE, "2026-01-09T16:40:00-05:00");
  g_autoptr(GDateTime) first_response = lt_test_instant ("2026-01-12T09:00:00-05:00");
  g_autoptr(GDateTime) due = lt_ticket_dup_response_due (ticket, policy, LT_TIER_ENTERPRISE);
  const char *nows[] = {
    "2026-01-09T16:50:00-05:00",  /* on track */
    "2026-01-12T09:30:00-05:00",  /* 10 of 120 minutes left */
    "2026-01-12T09:40:00-05:00",  /* due */
    "2026-01-13T12:00:00-05:00",  /* long breached */
  };
  gint64 remaining;

  for (guint i = 0; i < G_N_ELEMENTS (nows); i++)
    {
      g_autoptr(GDateTime) now = lt_test_instant (nows[i]);
      LtSlaState direct = lt_sla_compute_state_for_policy (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S2,
                                                           lt_ticket_get_opened_at (ticket), NULL, now);

      g_test_message ("now = %s", nows[i]);
      g_assert_cmpint (lt_ticket_get_sla_state (ticket, policy, LT_TIER_ENTERPRISE, now), ==, direct);
      g_assert_true (lt_ticket_get_remaining_business_seconds (ticket, policy, LT_TIER_ENTERPRISE, now, &remaining));
      g_assert_cmpint (remaining, ==, lt_sla_remaining_seconds (lt_policy_get_calendar (policy), due, now));
      g_assert_cmpint (lt_ticket_is_escalation_suggested (ticket, policy, LT_TIER_ENTERPRISE, now), ==,
                       lt_rules_escalation_suggested (direct));
    }

  {
    g_autoptr(GDateTime) on_track = lt_test_instant (nows[0]);
    g_autoptr(GDateTime) late = lt_test_instant (nows[3]);

    g_assert_cmpint (lt_ticket_get_sla_state (ticket, policy, LT_TIER_ENTERPRISE, on_track), ==, LT_SLA_STATE_ON_TRACK);
    g_assert_cmpint (lt_ticket_get_sla_state (ticket, policy, LT_TIER_ENTERPRISE, late), ==, LT_SLA_STATE_BREACHED);
    g_assert_true (lt_ticket_is_escalation_suggested (ticket, policy, LT_TIER_ENTERPRISE, late));
    g_assert_true (lt_ticket_get_remaining_business_seconds (ticket, policy, LT_TIER_ENTERPRISE, late, &remaining));
    g_assert_cmpint (remaining, <, 0);

    /* A first response in time: met, whatever the hour now. */
    lt_ticket_set_first_response_at (ticket, first_response);
    g_assert_cmpint (lt_ticket_get_sla_state (ticket, policy, LT_TIER_ENTERPRISE, late), ==, LT_SLA_STATE_MET);
    g_assert_cmpint (lt_ticket_get_sla_state (ticket, policy, LT_TIER_ENTERPRISE, late), ==,
                     lt_sla_compute_state_for_policy (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S2,
                                                      lt_ticket_get_opened_at (ticket), first_response, late));

    g_assert_cmpint (lt_ticket_get_sla_state (draft, policy, LT_TIER_ENTERPRISE, late), ==, LT_SLA_STATE_NONE);
    g_assert_false (lt_ticket_get_remaining_business_seconds (draft, policy, LT_TIER_ENTERPRISE, late, &remaining));
    g_assert_cmpint (remaining, ==, 0);
    g_assert_cmpint (lt_ticket_get_sla_state (feature, policy, LT_TIER_ENTERPRISE, late), ==, LT_SLA_STATE_NONE);
    g_assert_false (lt_ticket_get_remaining_business_seconds (feature, policy, LT_TIER_ENTERPRISE, late, NULL));
  }
}

static void
test_ticket_auto_close (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtTicket) ticket = opened_ticket (LT_SEVERITY_S3, "2026-11-09T10:00:00-05:00");
  g_autoptr(GDateTime) awaiting_since = lt_test_instant ("2026-11-16T10:00:00-05:00");
  g_autoptr(GDateTime) resolved_at = lt_test_instant ("2026-11-20T15:30:00-05:00");
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GDateTime) direct = NULL;
  LtCloseReason reason = LT_CLOSE_REASON_CONFIRMED;
  LtCloseReason direct_reason = LT_CLOSE_REASON_CONFIRMED;

  lt_ticket_set_state (ticket, LT_TICKET_STATE_IN_PROGRESS);
  lt_ticket_set_awaiting_since (ticket, awaiting_since);
  due = lt_ticket_dup_auto_close_due (ticket, policy, &reason);
  g_assert_null (due);
  g_assert_cmpint (reason, ==, LT_CLOSE_REASON_NONE);

  /* Awaiting the customer: 5 business days after, no-response. */
  lt_ticket_set_state (ticket, LT_TICKET_STATE_AWAITING_CUSTOMER);
  due = lt_ticket_dup_auto_close_due (ticket, policy, &reason);
  direct = lt_lifecycle_auto_close_due_for_policy (policy, LT_TICKET_STATE_AWAITING_CUSTOMER,
                                                   awaiting_since, &direct_reason);
  lt_assert_instant (due, "2026-11-23T10:00:00-05:00");
  assert_instants_equal (due, direct);
  g_assert_cmpint (reason, ==, LT_CLOSE_REASON_NO_RESPONSE);
  g_assert_cmpint (reason, ==, direct_reason);
  g_clear_pointer (&due, g_date_time_unref);
  g_clear_pointer (&direct, g_date_time_unref);

  /* Resolved: counted from the resolution (Thanksgiving on 26 November
   * is not a business day), resolved-timeout. */
  lt_ticket_set_state (ticket, LT_TICKET_STATE_RESOLVED);
  lt_ticket_set_resolved_at (ticket, resolved_at);
  due = lt_ticket_dup_auto_close_due (ticket, policy, &reason);
  direct = lt_lifecycle_auto_close_due_for_policy (policy, LT_TICKET_STATE_RESOLVED,
                                                   resolved_at, &direct_reason);
  assert_instants_equal (due, direct);
  lt_assert_instant (due, "2026-11-30T15:30:00-05:00");
  g_assert_cmpint (reason, ==, LT_CLOSE_REASON_RESOLVED_TIMEOUT);
  g_assert_cmpint (reason, ==, direct_reason);
}

static void
test_ticket_reopen (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtTicket) ticket = opened_ticket (LT_SEVERITY_S3, "2026-11-02T10:00:00-05:00");
  g_autoptr(GDateTime) closed_at = lt_test_instant ("2026-11-09T10:00:00-05:00");
  g_autoptr(GDateTime) inside = lt_test_instant ("2026-11-17T09:59:59-05:00");
  g_autoptr(GDateTime) deadline = lt_test_instant ("2026-11-17T10:00:00-05:00");
  g_autoptr(GDateTime) after = lt_test_instant ("2026-11-18T08:00:00-05:00");
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) direct = NULL;
  GDateTime *nows[] = { inside, deadline, after };

  /* Not closed: no window, nothing to reopen. */
  lt_ticket_set_closed_at (ticket, closed_at);
  g_assert_null (lt_ticket_dup_reopen_until (ticket, policy));
  g_assert_false (lt_ticket_can_reopen (ticket, policy, inside));

  lt_ticket_set_state (ticket, LT_TICKET_STATE_CLOSED);
  lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_CONFIRMED);
  until = lt_ticket_dup_reopen_until (ticket, policy);
  direct = lt_lifecycle_reopen_until_for_policy (policy, closed_at);
  /* Five business days, Veterans Day (Wednesday 11 November) skipped. */
  lt_assert_instant (until, "2026-11-17T10:00:00-05:00");
  assert_instants_equal (until, direct);

  for (guint i = 0; i < G_N_ELEMENTS (nows); i++)
    {
      g_assert_cmpint (lt_ticket_can_reopen (ticket, policy, nows[i]), ==,
                       lt_lifecycle_can_reopen (direct, nows[i]));
      g_assert_cmpint (lt_ticket_get_customer_actions (ticket, policy, nows[i]), ==,
                       lt_lifecycle_customer_actions_for_policy (policy, LT_TICKET_STATE_CLOSED,
                                                                 closed_at, 0, nows[i]));
    }

  /* R5: reopen inside the window; after it, a new ticket referencing
   * this one instead. */
  g_assert_true (lt_ticket_can_reopen (ticket, policy, inside));
  g_assert_true (lt_ticket_get_customer_actions (ticket, policy, inside) & LT_CUSTOMER_ACTION_REOPEN);
  g_assert_false (lt_ticket_can_reopen (ticket, policy, deadline));
  g_assert_false (lt_ticket_can_reopen (ticket, policy, after));
  g_assert_false (lt_ticket_get_customer_actions (ticket, policy, after) & LT_CUSTOMER_ACTION_REOPEN);
  g_assert_true (lt_ticket_get_customer_actions (ticket, policy, after) & LT_CUSTOMER_ACTION_NEW_REFERENCING);
}

/* The ticket's close reason in words (test-lifecycle.c pins the words):
 * only for a closed ticket, from its version and known issues. */
static void
test_ticket_close_explanation (void)
{
  static const char json[] =
    "{\"releases\": ["
    "  {\"version\": \"3.4.1\", \"released\": \"2026-03-02\"},"
    "  {\"version\": \"3.5.1\", \"released\": \"2026-06-15\", \"fixes\": [\"LT-1133\"]}"
    "]}";
  const char * const issues[] = { "LT-1133", NULL };
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_bytes (bytes, &error);
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autofree char *open = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  lt_ticket_set_product_version (ticket, "3.4.1");
  lt_ticket_set_known_issue_ids (ticket, issues);
  lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_FIXED_IN_CURRENT);

  lt_ticket_set_state (ticket, LT_TICKET_STATE_REOPENED);
  open = lt_ticket_dup_close_explanation (ticket, catalog);
  g_assert_null (open);

  lt_ticket_set_state (ticket, LT_TICKET_STATE_CLOSED);
  text = lt_ticket_dup_close_explanation (ticket, catalog);
  g_assert_cmpstr (text, ==, "Fixed in the current release: LT-1133 is fixed in 3.5.1. "
                             "Upgrade to 3.5.1 or later.");
}

static void
test_ticket_escalation (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtTicket) ticket = opened_ticket (LT_SEVERITY_S1, "2026-11-16T10:00:00-05:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) direct_error = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-16T10:30:00-05:00");
  const LtEscalationLevel *next;

  next = lt_ticket_get_next_escalation (ticket, policy, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_cmpuint (next->level, ==, 1);
  g_assert_true (next == lt_rules_next_escalation_for_policy (policy, 0, NULL));

  lt_ticket_set_escalation_level (ticket, 2);
  next = lt_ticket_get_next_escalation (ticket, policy, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (next->level, ==, 3);
  g_assert_cmpint (lt_ticket_get_customer_actions (ticket, policy, now), ==,
                   lt_lifecycle_customer_actions_for_policy (policy, LT_TICKET_STATE_SUBMITTED, NULL, 2, now));

  /* Level 3 is the top (R11). */
  lt_ticket_set_escalation_level (ticket, 3);
  next = lt_ticket_get_next_escalation (ticket, policy, &error);
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
  g_assert_null (next);
  g_assert_null (lt_rules_next_escalation_for_policy (policy, 3, &direct_error));
  g_assert_cmpstr (error->message, ==, direct_error->message);
  g_assert_false (lt_ticket_get_customer_actions (ticket, policy, now) & LT_CUSTOMER_ACTION_ESCALATE);
}

/* The portal's limits, counted in characters: 200 "é" (400 bytes) is a
 * title the portal takes, 201 is not; a missing text is not too long. */
static void
test_ticket_text_limits (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < LT_TICKET_MAX_TITLE_CHARS; i++)
    g_string_append (text, "é");
  g_assert_true (lt_ticket_check_title_length (text->str, &error));
  g_assert_no_error (error);
  g_string_append (text, "é");
  g_assert_false (lt_ticket_check_title_length (text->str, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "The title is longer than 200 characters");
  g_clear_error (&error);
  g_assert_true (lt_ticket_check_title_length (NULL, NULL));

  g_string_truncate (text, 0);
  for (guint i = 0; i < LT_TICKET_MAX_DESCRIPTION_CHARS; i++)
    g_string_append (text, "ü");
  g_assert_true (lt_ticket_check_description_length (text->str, &error));
  g_assert_no_error (error);
  g_string_append_c (text, '\n');
  g_assert_false (lt_ticket_check_description_length (text->str, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_cmpstr (error->message, ==, "The description is longer than 20000 characters");
  g_assert_true (lt_ticket_check_description_length (NULL, NULL));
}

static void
test_ticket_critical_phone (void)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  static const LtSeverity severities[] = { LT_SEVERITY_S1, LT_SEVERITY_S2, LT_SEVERITY_S3, LT_SEVERITY_FEATURE };

  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    for (guint security = 0; security < 2; security++)
      {
        lt_ticket_set_severity (ticket, severities[i]);
        lt_ticket_set_security_incident (ticket, security);
        g_assert_cmpint (lt_ticket_shows_critical_phone (ticket), ==,
                         lt_rules_shows_critical_phone (severities[i], security));
      }

  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_security_incident (ticket, FALSE);
  g_assert_false (lt_ticket_shows_critical_phone (ticket));
  lt_ticket_set_security_incident (ticket, TRUE);
  g_assert_true (lt_ticket_shows_critical_phone (ticket));
}

/* ---- LtMaintenanceWindow ----------------------------------------------- */

static LtMaintenanceWindow *
window_new (const char        *id,
            LtMaintenanceKind  kind,
            const char        *starts,
            const char        *ends,
            const char        *announced)
{
  LtMaintenanceWindow *window = lt_maintenance_window_new ();
  g_autoptr(GDateTime) starts_at = starts ? lt_test_instant (starts) : NULL;
  g_autoptr(GDateTime) ends_at = ends ? lt_test_instant (ends) : NULL;
  g_autoptr(GDateTime) announced_at = announced ? lt_test_instant (announced) : NULL;

  lt_maintenance_window_set_id (window, id);
  lt_maintenance_window_set_kind (window, kind);
  lt_maintenance_window_set_starts_at (window, starts_at);
  lt_maintenance_window_set_ends_at (window, ends_at);
  lt_maintenance_window_set_announced_at (window, announced_at);
  return window;
}

static void
test_maintenance_window_properties (void)
{
  g_autoptr(LtMaintenanceWindow) window = lt_maintenance_window_new ();

  assert_string_property (window, "id", lt_maintenance_window_get_id, lt_maintenance_window_set_id);
  assert_scalar_property (window, "kind", LtMaintenanceKind,
                          lt_maintenance_window_get_kind, lt_maintenance_window_set_kind,
                          LT_MAINTENANCE_KIND_UPGRADE_PACKAGE);
  assert_string_property (window, "title", lt_maintenance_window_get_title, lt_maintenance_window_set_title);
  assert_string_property (window, "description", lt_maintenance_window_get_description,
                          lt_maintenance_window_set_description);
  assert_instant_property (window, "starts-at", lt_maintenance_window_get_starts_at,
                           lt_maintenance_window_set_starts_at);
  assert_instant_property (window, "ends-at", lt_maintenance_window_get_ends_at,
                           lt_maintenance_window_set_ends_at);
  assert_instant_property (window, "announced-at", lt_maintenance_window_get_announced_at,
                           lt_maintenance_window_set_announced_at);
  assert_scalar_property (window, "affects", LtMaintenanceAffects,
                          lt_maintenance_window_get_affects, lt_maintenance_window_set_affects,
                          LT_MAINTENANCE_AFFECTS_ON_PREM);
  g_assert_cmpstr (lt_enum_to_nick (LT_TYPE_MAINTENANCE_AFFECTS, LT_MAINTENANCE_AFFECTS_ON_PREM), ==, "on-prem");
}

/* R9: an emergency window needs an hour's notice; less is flagged. Other
 * kinds are not flagged, however short the notice. */
static void
test_maintenance_window_emergency_notice (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtMaintenanceWindow) short_notice =
    window_new ("mw-1", LT_MAINTENANCE_KIND_EMERGENCY,
                "2026-11-20T12:00:00Z", "2026-11-20T13:00:00Z", "2026-11-20T11:30:00Z");
  g_autoptr(LtMaintenanceWindow) enough =
    window_new ("mw-2", LT_MAINTENANCE_KIND_EMERGENCY,
                "2026-11-20T12:00:00Z", "2026-11-20T13:00:00Z", "2026-11-20T11:00:00Z");
  g_autoptr(LtMaintenanceWindow) scheduled =
    window_new ("mw-3", LT_MAINTENANCE_KIND_SCHEDULED,
                "2026-11-20T12:00:00Z", "2026-11-20T13:00:00Z", "2026-11-20T11:30:00Z");
  g_autofree char *warning = NULL;
  g_autofree char *direct_warning = NULL;
  gint64 short_by = 0;
  gint64 direct_short_by = 0;
  gboolean direct;

  g_assert_true (lt_maintenance_window_is_notice_short (short_notice, policy, &short_by, &warning));
  direct = lt_rules_emergency_notice_is_short_for_policy (policy,
                                                          lt_maintenance_window_get_announced_at (short_notice),
                                                          lt_maintenance_window_get_starts_at (short_notice),
                                                          &direct_short_by, &direct_warning);
  g_assert_true (direct);
  g_assert_cmpint (short_by, ==, 1800);
  g_assert_cmpint (short_by, ==, direct_short_by);
  g_assert_nonnull (warning);
  g_assert_cmpstr (warning, ==, direct_warning);
  g_clear_pointer (&warning, g_free);

  g_assert_false (lt_maintenance_window_is_notice_short (enough, policy, &short_by, &warning));
  g_assert_cmpint (short_by, ==, 0);
  g_assert_null (warning);

  g_assert_false (lt_maintenance_window_is_notice_short (scheduled, policy, &short_by, &warning));
  g_assert_cmpint (short_by, ==, 0);
  g_assert_null (warning);
}

static void
test_maintenance_window_reminders (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtMaintenanceWindow) window =
    window_new ("mw-4", LT_MAINTENANCE_KIND_SCHEDULED,
                "2026-11-20T12:00:00Z", "2026-11-20T14:00:00Z", "2026-11-13T12:00:00Z");
  g_autoptr(LtMaintenanceWindow) unscheduled = lt_maintenance_window_new ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-18T00:00:00Z");
  g_autoptr(GPtrArray) reminders = lt_maintenance_window_dup_reminder_instants (window, policy, now);
  g_autoptr(GPtrArray) direct = lt_rules_reminder_instants_for_policy (policy, LT_MAINTENANCE_KIND_SCHEDULED,
                                                                       lt_maintenance_window_get_starts_at (window),
                                                                       lt_maintenance_window_get_announced_at (window),
                                                                       now);
  g_autoptr(GPtrArray) none = lt_maintenance_window_dup_reminder_instants (unscheduled, policy, now);

  g_assert_cmpuint (reminders->len, ==, direct->len);
  for (guint i = 0; i < reminders->len; i++)
    assert_instants_equal (g_ptr_array_index (reminders, i), g_ptr_array_index (direct, i));

  /* The default leads: 24 hours and 1 hour before. */
  g_assert_cmpuint (reminders->len, ==, 2);
  lt_assert_instant (g_ptr_array_index (reminders, 0), "2026-11-19T12:00:00Z");
  lt_assert_instant (g_ptr_array_index (reminders, 1), "2026-11-20T11:00:00Z");

  g_assert_cmpuint (none->len, ==, 0);
}

/* ---- LtChangeNotice ---------------------------------------------------- */

static void
test_change_notice_properties (void)
{
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new ();
  g_autoptr(LtChangeNotice) queued = lt_change_notice_new_queued ();

  g_assert_null (lt_change_notice_get_local_id (notice));
  g_assert_true (g_uuid_string_is_valid (lt_change_notice_get_local_id (queued)));
  g_assert_null (lt_change_notice_get_id (queued));
  g_assert_cmpint (lt_change_notice_get_state (queued), ==, LT_CHANGE_STATE_QUEUED);

  assert_string_property (notice, "id", lt_change_notice_get_id, lt_change_notice_set_id);
  assert_string_property (notice, "local-id", lt_change_notice_get_local_id, lt_change_notice_set_local_id);
  assert_scalar_property (notice, "kind", LtChangeKind,
                          lt_change_notice_get_kind, lt_change_notice_set_kind,
                          LT_CHANGE_KIND_DATABASE_SCHEMA);
  assert_string_property (notice, "title", lt_change_notice_get_title, lt_change_notice_set_title);
  assert_string_property (notice, "description", lt_change_notice_get_description,
                          lt_change_notice_set_description);
  assert_strv_property (notice, "systems", lt_change_notice_get_systems, lt_change_notice_set_systems);
  assert_instant_property (notice, "planned-start", lt_change_notice_get_planned_start,
                           lt_change_notice_set_planned_start);
  assert_instant_property (notice, "planned-end", lt_change_notice_get_planned_end,
                           lt_change_notice_set_planned_end);
  assert_instant_property (notice, "updated-at", lt_change_notice_get_updated_at,
                           lt_change_notice_set_updated_at);
  assert_string_property (notice, "rollback-plan", lt_change_notice_get_rollback_plan,
                          lt_change_notice_set_rollback_plan);
  assert_scalar_property (notice, "risk", LtRisk,
                          lt_change_notice_get_risk, lt_change_notice_set_risk, LT_RISK_HIGH);
  assert_scalar_property (notice, "state", LtChangeState,
                          lt_change_notice_get_state, lt_change_notice_set_state,
                          LT_CHANGE_STATE_UNDER_REVIEW);
  assert_scalar_property (notice, "review-outcome", LtReviewOutcome,
                          lt_change_notice_get_review_outcome, lt_change_notice_set_review_outcome,
                          LT_REVIEW_OUTCOME_CONCERNS);
  assert_scalar_property (notice, "late", gboolean,
                          lt_change_notice_get_late, lt_change_notice_set_late, TRUE);
  g_assert_cmpstr (lt_enum_to_nick (LT_TYPE_REVIEW_OUTCOME, LT_REVIEW_OUTCOME_NO_CONCERNS), ==, "no-concerns");
}

static void
assert_lead_time_matches_rule (LtPolicy       *policy,
                               LtChangeNotice *notice,
                               GDateTime      *noticed_at,
                               const GDate    *notice_date,
                               const GDate    *planned_date)
{
  LtChangeNoticeCheck check;
  LtChangeNoticeCheck direct;

  g_assert_true (lt_change_notice_check_lead_time (notice, policy, noticed_at, &check));
  lt_rules_check_change_notice_for_policy (policy, notice_date, planned_date, &direct);
  g_assert_cmpint (g_date_compare (&check.earliest_start, &direct.earliest_start), ==, 0);
  g_assert_cmpint (check.late, ==, direct.late);
  g_assert_cmpuint (check.business_days_short, ==, direct.business_days_short);
  g_assert_cmpstr (check.warning, ==, direct.warning);
  g_assert_cmpint (lt_change_notice_is_late_at (notice, policy, noticed_at), ==, direct.late);
  lt_change_notice_check_clear (&check);
  lt_change_notice_check_clear (&direct);
}

/* R8: planned start date >= add_business_days (notice date, 3), both
 * dates read in the vendor's zone. 22:00 in Indianapolis on Wednesday is
 * already Thursday in UTC and in Chatham: the model must still call it
 * Wednesday, and late. */
static void
test_change_notice_lead_time (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new_queued ();
  g_autoptr(GDateTime) noticed_at = lt_test_instant ("2026-11-16T09:00:00-05:00");
  g_autoptr(GDateTime) wednesday_night = lt_test_instant ("2026-11-18T22:00:00-05:00");
  g_autoptr(GDateTime) thursday_morning = lt_test_instant ("2026-11-19T08:00:00-05:00");
  GDate notice_date = lt_test_date ("2026-11-16");
  GDate wednesday = lt_test_date ("2026-11-18");
  GDate thursday = lt_test_date ("2026-11-19");
  LtChangeNoticeCheck check;

  /* Without a planned start there is nothing to check. */
  g_assert_false (lt_change_notice_check_lead_time (notice, policy, noticed_at, &check));
  g_assert_false (check.late);
  g_assert_null (check.warning);
  g_assert_false (lt_change_notice_is_late_at (notice, policy, noticed_at));

  lt_change_notice_set_planned_start (notice, wednesday_night);
  g_assert_true (lt_change_notice_check_lead_time (notice, policy, noticed_at, &check));
  lt_assert_date (&check.earliest_start, "2026-11-19");
  g_assert_true (check.late);
  g_assert_nonnull (check.warning);
  lt_change_notice_check_clear (&check);
  assert_lead_time_matches_rule (policy, notice, noticed_at, &notice_date, &wednesday);

  lt_change_notice_set_planned_start (notice, thursday_morning);
  g_assert_false (lt_change_notice_is_late_at (notice, policy, noticed_at));
  assert_lead_time_matches_rule (policy, notice, noticed_at, &notice_date, &thursday);

  /* The model's derived value never touches the portal's flag. */
  g_assert_false (lt_change_notice_get_late (notice));
}

static GPtrArray *
overlaps_for (LtChangeNotice *notice,
              GListModel     *windows,
              const char     *start,
              const char     *end)
{
  g_autoptr(GDateTime) start_at = lt_test_instant (start);
  g_autoptr(GDateTime) end_at = lt_test_instant (end);

  lt_change_notice_set_planned_start (notice, start_at);
  lt_change_notice_set_planned_end (notice, end_at);
  return lt_change_notice_find_overlapping_windows (notice, windows);
}

static void
test_change_notice_overlaps (void)
{
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new ();
  g_autoptr(GListStore) windows = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  g_autoptr(LtMaintenanceWindow) morning =
    window_new ("mw-a", LT_MAINTENANCE_KIND_SCHEDULED, "2026-11-20T10:00:00Z", "2026-11-20T12:00:00Z", NULL);
  g_autoptr(LtMaintenanceWindow) open_ended =
    window_new ("mw-x", LT_MAINTENANCE_KIND_SCHEDULED, "2026-11-20T09:00:00Z", NULL, NULL);
  g_autoptr(LtMaintenanceWindow) noon =
    window_new ("mw-b", LT_MAINTENANCE_KIND_EMERGENCY, "2026-11-20T12:00:00Z", "2026-11-20T14:00:00Z", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) direct = NULL;
  g_autoptr(GDateTime) start_at = NULL;
  LtTimeSpan spans[2];

  g_list_store_append (windows, morning);
  g_list_store_append (windows, open_ended);
  g_list_store_append (windows, noon);

  /* No planned end yet: nothing can overlap. */
  start_at = lt_test_instant ("2026-11-20T11:00:00Z");
  lt_change_notice_set_planned_start (notice, start_at);
  found = lt_change_notice_find_overlapping_windows (notice, G_LIST_MODEL (windows));
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Touching at noon is not overlapping (half-open spans). */
  found = overlaps_for (notice, G_LIST_MODEL (windows), "2026-11-20T11:00:00Z", "2026-11-20T12:00:00Z");
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (g_ptr_array_index (found, 0) == morning);
  g_clear_pointer (&found, g_ptr_array_unref);

  found = overlaps_for (notice, G_LIST_MODEL (windows), "2026-11-20T11:00:00Z", "2026-11-20T12:30:00Z");
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_true (g_ptr_array_index (found, 0) == morning);
  g_assert_true (g_ptr_array_index (found, 1) == noon);

  /* The same answer as the rule on the windows' spans. */
  spans[0] = (LtTimeSpan) { "mw-a", lt_maintenance_window_get_starts_at (morning),
                            lt_maintenance_window_get_ends_at (morning) };
  spans[1] = (LtTimeSpan) { "mw-b", lt_maintenance_window_get_starts_at (noon),
                            lt_maintenance_window_get_ends_at (noon) };
  direct = lt_rules_find_overlapping_spans (lt_change_notice_get_planned_start (notice),
                                            lt_change_notice_get_planned_end (notice),
                                            spans, G_N_ELEMENTS (spans));
  g_assert_cmpuint (direct->len, ==, found->len);
  for (guint i = 0; i < direct->len; i++)
    {
      const LtTimeSpan *span = g_ptr_array_index (direct, i);

      g_assert_cmpstr (span->id, ==, lt_maintenance_window_get_id (g_ptr_array_index (found, i)));
    }
  g_clear_pointer (&found, g_ptr_array_unref);

  found = overlaps_for (notice, G_LIST_MODEL (windows), "2026-11-20T14:00:00Z", "2026-11-20T15:00:00Z");
  g_assert_cmpuint (found->len, ==, 0);
}

/* ---- LtInstallation ---------------------------------------------------- */

static void
test_installation_properties (void)
{
  g_autoptr(LtInstallation) installation = lt_installation_new ();
  g_autoptr(LtInstallation) other = lt_installation_new ();

  g_assert_true (g_uuid_string_is_valid (lt_installation_get_id (installation)));
  g_assert_cmpstr (lt_installation_get_id (installation), !=, lt_installation_get_id (other));
  g_assert_cmpint (lt_installation_get_detection_method (installation), ==, LT_DETECTION_METHOD_MANUAL);

  assert_string_property (installation, "id", lt_installation_get_id, lt_installation_set_id);
  assert_string_property (installation, "name", lt_installation_get_name, lt_installation_set_name);
  assert_string_property (installation, "host", lt_installation_get_host, lt_installation_set_host);
  assert_scalar_property (installation, "detection-method", LtDetectionMethod,
                          lt_installation_get_detection_method, lt_installation_set_detection_method,
                          LT_DETECTION_METHOD_HTTP);
  assert_string_property (installation, "location", lt_installation_get_location,
                          lt_installation_set_location);
  assert_string_property (installation, "detected-version", lt_installation_get_detected_version,
                          lt_installation_set_detected_version);
  assert_instant_property (installation, "detected-at", lt_installation_get_detected_at,
                           lt_installation_set_detected_at);
  assert_string_property (installation, "note", lt_installation_get_note, lt_installation_set_note);
}

static void
assert_invalid (LtInstallation *installation,
                const char     *expected_fragment)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lt_installation_validate (installation, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected_fragment));
}

static void
assert_valid (LtInstallation *installation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lt_installation_validate (installation, &error));
  g_assert_no_error (error);
}

static void
test_installation_validate (void)
{
  g_autoptr(LtInstallation) installation = lt_installation_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LtVersion) version = NULL;

  /* A name is required; blanks are no name. */
  lt_installation_set_detected_version (installation, "3.3.2");
  assert_invalid (installation, "name");
  lt_installation_set_name (installation, "  ");
  assert_invalid (installation, "name");
  lt_installation_set_name (installation, "Plant floor");
  assert_valid (installation);

  /* Typed in by hand, the version is the only source: required. */
  lt_installation_set_detected_version (installation, NULL);
  assert_invalid (installation, "version");

  /* HTTP detection needs an http(s) URL with a host. */
  lt_installation_set_detection_method (installation, LT_DETECTION_METHOD_HTTP);
  assert_invalid (installation, "URL");
  lt_installation_set_location (installation, "ftp://lt.example.com/version");
  assert_invalid (installation, "“ftp://lt.example.com/version”");
  lt_installation_set_location (installation, "lt.example.com/version");
  assert_invalid (installation, "“lt.example.com/version”");
  lt_installation_set_location (installation, "https:///version");
  assert_invalid (installation, "“https:///version”");
  lt_installation_set_location (installation, "HTTPS://lt.example.com:8443/api/version");
  assert_valid (installation);
  lt_installation_set_location (installation, "http://10.0.0.5/version");
  assert_valid (installation);

  /* File detection needs an absolute path. */
  lt_installation_set_detection_method (installation, LT_DETECTION_METHOD_FILE);
  assert_invalid (installation, "“http://10.0.0.5/version”");
  lt_installation_set_location (installation, "etc/lockthreat/VERSION");
  assert_invalid (installation, "“etc/lockthreat/VERSION”");
  lt_installation_set_location (installation, NULL);
  assert_invalid (installation, "path");
  lt_installation_set_location (installation, "/etc/lockthreat/VERSION");
  assert_valid (installation);

  /* A detected version must parse; the message quotes it. */
  lt_installation_set_detected_version (installation, "3.x");
  assert_invalid (installation, "“3.x”");
  g_assert_null (lt_installation_dup_version (installation, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  lt_installation_set_detected_version (installation, "v3.4.0-rc1");
  assert_valid (installation);
  version = lt_installation_dup_version (installation, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_version_to_string (version), ==, "3.4.0-rc1");
}

static const char catalog_json[] =
  "{\"releases\": ["
  "  {\"version\": \"3.2.0\", \"released\": \"2025-01-10\"},"
  "  {\"version\": \"3.3.0\", \"released\": \"2025-04-10\"},"
  "  {\"version\": \"3.3.1\", \"released\": \"2025-06-10\"},"
  "  {\"version\": \"3.3.2\", \"released\": \"2025-09-01\", \"fixes\": [\"LT-1234\"]}"
  "]}";

static void
test_installation_eligibility (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (catalog_json, strlen (catalog_json));
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_bytes (bytes, &error);
  g_autoptr(LtInstallation) installation = lt_installation_new ();
  static const struct {
    const char *version;
    LtSupportStatus status;
  } cases[] = {
    { "3.3.2", LT_SUPPORT_STATUS_CURRENT },
    { "3.3.0", LT_SUPPORT_STATUS_SUPPORTED },
    { "3.2.9", LT_SUPPORT_STATUS_UNSUPPORTED },
    { "3.4", LT_SUPPORT_STATUS_UNKNOWN },
  };

  g_assert_no_error (error);
  lt_installation_set_name (installation, "Plant floor");

  /* No version yet: an error, not a guess. */
  g_assert_null (lt_installation_check_eligibility (installation, catalog, policy, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LtEligibility) eligibility = NULL;
      g_autoptr(LtEligibility) direct = NULL;
      g_autoptr(LtVersion) version = lt_version_parse (cases[i].version, NULL);

      lt_installation_set_detected_version (installation, cases[i].version);
      eligibility = lt_installation_check_eligibility (installation, catalog, policy, &error);
      g_assert_no_error (error);
      direct = lt_release_catalog_check_version_for_policy (catalog, version, policy);

      g_assert_cmpint (eligibility->status, ==, cases[i].status);
      g_assert_cmpint (eligibility->status, ==, direct->status);
      g_assert_cmpint (eligibility->hotfix_eligible, ==, direct->hotfix_eligible);
      g_assert_cmpstr (eligibility->message, ==, direct->message);
    }
}

/* ---- LtAccount --------------------------------------------------------- */

static LtInvoice *
invoice_new (const char *id,
             const char *issued,
             gboolean    paid)
{
  GDate date = lt_test_date (issued);

  return lt_invoice_new (id, &date, "1250.00", "USD", paid);
}

/* Every value of the shared enums has its own label, in core, for the
 * app, the calendar export and the CLI alike. */
static const char *
enum_label (GType type,
            int   value)
{
  if (type == LT_TYPE_SUPPORT_STATUS)
    return lt_support_status_get_label (value);
  if (type == LT_TYPE_MAINTENANCE_KIND)
    return lt_maintenance_kind_get_label (value);
  if (type == LT_TYPE_MAINTENANCE_AFFECTS)
    return lt_maintenance_affects_get_label (value);
  if (type == LT_TYPE_CHANGE_KIND)
    return lt_change_kind_get_label (value);
  if (type == LT_TYPE_CHANGE_STATE)
    return lt_change_state_get_label (value);
  if (type == LT_TYPE_RISK)
    return lt_risk_get_label (value);
  if (type == LT_TYPE_SEVERITY)
    return lt_severity_get_label (value);
  g_assert_true (type == LT_TYPE_TICKET_STATE);
  return lt_ticket_state_get_label (value);
}

static void
test_enum_labels (void)
{
  const GType enums[] = {
    LT_TYPE_SUPPORT_STATUS, LT_TYPE_MAINTENANCE_KIND, LT_TYPE_MAINTENANCE_AFFECTS,
    LT_TYPE_CHANGE_KIND, LT_TYPE_CHANGE_STATE, LT_TYPE_RISK, LT_TYPE_SEVERITY,
    LT_TYPE_TICKET_STATE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (enums); i++)
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (enums[i]);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint v = 0; v < klass->n_values; v++)
        {
          const char *label = enum_label (enums[i], klass->values[v].value);

          g_assert_nonnull (label);
          g_assert_cmpstr (label, !=, "");
          g_assert_false (g_hash_table_contains (seen, label));
          g_hash_table_add (seen, (gpointer) label);
        }
    }

  g_assert_cmpstr (lt_ticket_state_get_label (LT_TICKET_STATE_IN_PROGRESS), ==, "In progress");
  g_assert_cmpstr (lt_ticket_state_get_label (LT_TICKET_STATE_AWAITING_CUSTOMER), ==, "Awaiting you");
  g_assert_cmpstr (lt_change_state_get_label (LT_CHANGE_STATE_UNDER_REVIEW), ==, "Under review");
  g_assert_cmpstr (lt_maintenance_affects_get_label (LT_MAINTENANCE_AFFECTS_ON_PREM), ==,
                   "On-premises installations");
  g_assert_cmpstr (lt_support_status_get_label (LT_SUPPORT_STATUS_UNKNOWN), ==, "Unknown");
}

/* No account yet means the Essential tier's targets (R4); an account's
 * own tier otherwise. */
static void
test_account_effective_tier (void)
{
  g_autoptr(LtAccount) account = lt_account_new ();

  g_assert_cmpint (lt_account_get_effective_tier (NULL), ==, LT_TIER_ESSENTIAL);
  lt_account_set_tier (account, LT_TIER_ENTERPRISE);
  g_assert_cmpint (lt_account_get_effective_tier (account), ==, LT_TIER_ENTERPRISE);
  lt_account_set_tier (account, LT_TIER_PROFESSIONAL);
  g_assert_cmpint (lt_account_get_effective_tier (account), ==, LT_TIER_PROFESSIONAL);
}

static void
test_account_properties (void)
{
  g_autoptr(LtAccount) account = lt_account_new ();
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(LtContact) contact = lt_contact_new ("Dana Reyes", "dana@example.com", "+1 317 555 0100");
  g_autoptr(LtContact) same = lt_contact_copy (contact);
  g_autoptr(LtContact) read_contact = NULL;
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
  g_autoptr(GPtrArray) same_invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
  g_autoptr(GPtrArray) read_invoices = NULL;
  GPtrArray *stored;

  assert_string_property (account, "customer-name", lt_account_get_customer_name,
                          lt_account_set_customer_name);
  assert_scalar_property (account, "tier", LtTier,
                          lt_account_get_tier, lt_account_set_tier, LT_TIER_ENTERPRISE);
  assert_string_property (account, "csm-email", lt_account_get_csm_email, lt_account_set_csm_email);

  gt_signal_logger_connect (logger, account, "notify");

  /* The contact is a value: copied in, equal copies change nothing. */
  g_assert_null (lt_account_get_primary_contact (account));
  lt_account_set_primary_contact (account, contact);
  gt_signal_logger_assert_notify_emission_pop (logger, account, "primary-contact");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_true (lt_account_get_primary_contact (account) != contact);
  g_assert_true (lt_contact_equal (lt_account_get_primary_contact (account), contact));
  g_object_set (account, "primary-contact", same, NULL);
  gt_signal_logger_assert_no_emissions (logger);
  g_object_get (account, "primary-contact", &read_contact, NULL);
  g_assert_cmpstr (read_contact->phone, ==, "+1 317 555 0100");
  g_free (same->phone);
  same->phone = NULL;
  lt_account_set_primary_contact (account, same);
  gt_signal_logger_assert_notify_emission_pop (logger, account, "primary-contact");
  g_assert_null (lt_account_get_primary_contact (account)->phone);
  lt_account_set_primary_contact (account, NULL);
  gt_signal_logger_assert_notify_emission_pop (logger, account, "primary-contact");
  g_assert_null (lt_account_get_primary_contact (account));

  /* Invoices: compared element by element. */
  g_assert_cmpuint (lt_account_get_invoices (account)->len, ==, 0);
  g_ptr_array_add (invoices, invoice_new ("INV-1", "2026-08-01", TRUE));
  g_ptr_array_add (invoices, invoice_new ("INV-2", "2026-09-01", FALSE));
  g_ptr_array_add (same_invoices, invoice_new ("INV-1", "2026-08-01", TRUE));
  g_ptr_array_add (same_invoices, invoice_new ("INV-2", "2026-09-01", FALSE));

  lt_account_set_invoices (account, invoices);
  gt_signal_logger_assert_notify_emission_pop (logger, account, "invoices");
  gt_signal_logger_assert_no_emissions (logger);
  stored = lt_account_get_invoices (account);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_true (g_ptr_array_index (stored, 0) != g_ptr_array_index (invoices, 0));
  g_assert_cmpstr (((LtInvoice *) g_ptr_array_index (stored, 1))->id, ==, "INV-2");
  g_assert_cmpstr (((LtInvoice *) g_ptr_array_index (stored, 1))->amount, ==, "1250.00");
  g_assert_cmpstr (((LtInvoice *) g_ptr_array_index (stored, 1))->currency, ==, "USD");

  g_object_set (account, "invoices", same_invoices, NULL);
  gt_signal_logger_assert_no_emissions (logger);
  g_object_get (account, "invoices", &read_invoices, NULL);
  g_assert_cmpuint (read_invoices->len, ==, 2);

  ((LtInvoice *) g_ptr_array_index (same_invoices, 1))->paid = TRUE;
  lt_account_set_invoices (account, same_invoices);
  gt_signal_logger_assert_notify_emission_pop (logger, account, "invoices");
  g_assert_true (((LtInvoice *) g_ptr_array_index (lt_account_get_invoices (account), 1))->paid);
  /* A snapshot read before the change is not modified under the reader. */
  g_assert_false (((LtInvoice *) g_ptr_array_index (read_invoices, 1))->paid);

  lt_account_set_invoices (account, NULL);
  gt_signal_logger_assert_notify_emission_pop (logger, account, "invoices");
  g_assert_cmpuint (lt_account_get_invoices (account)->len, ==, 0);
  gt_signal_logger_assert_no_emissions (logger);
}

/* §17: unpaid and more than 60 calendar days old. */
static void
test_account_overdue_invoices (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtAccount) account = lt_account_new ();
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
  g_autoptr(GPtrArray) overdue = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *direct_warning = NULL;
  GDate today = lt_test_date ("2026-11-26");

  g_assert_null (lt_account_dup_invoice_warning (account, policy, &today));

  g_ptr_array_add (invoices, invoice_new ("INV-61-days", "2026-09-26", FALSE));
  g_ptr_array_add (invoices, invoice_new ("INV-60-days", "2026-09-27", FALSE));
  g_ptr_array_add (invoices, invoice_new ("INV-old-paid", "2026-01-15", TRUE));
  g_ptr_array_add (invoices, invoice_new ("INV-older", "2026-03-01", FALSE));
  lt_account_set_invoices (account, invoices);

  overdue = lt_account_dup_overdue_invoices (account, policy, &today);
  g_assert_cmpuint (overdue->len, ==, 2);
  g_assert_cmpstr (((LtInvoice *) g_ptr_array_index (overdue, 0))->id, ==, "INV-61-days");
  g_assert_cmpstr (((LtInvoice *) g_ptr_array_index (overdue, 1))->id, ==, "INV-older");

  for (guint i = 0, j = 0; i < invoices->len; i++)
    {
      const LtInvoice *invoice = g_ptr_array_index (invoices, i);

      if (lt_rules_invoice_is_overdue_for_policy (policy, invoice->paid, &invoice->issued, &today))
        g_assert_cmpstr (((LtInvoice *) g_ptr_array_index (overdue, j++))->id, ==, invoice->id);
    }

  warning = lt_account_dup_invoice_warning (account, policy, &today);
  direct_warning = lt_rules_dup_invoice_warning (lt_policy_get_invoice_suspension_days (policy));
  g_assert_nonnull (warning);
  g_assert_cmpstr (warning, ==, direct_warning);
}

static void
assert_contact_check_matches_rule (LtAccount       *account,
                                   const LtContact *contact,
                                   gboolean         expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) direct_error = NULL;
  gboolean direct;

  lt_account_set_primary_contact (account, contact);
  direct = lt_rules_validate_primary_contact (contact ? contact->name : NULL,
                                              contact ? contact->email : NULL,
                                              contact ? contact->phone : NULL,
                                              &direct_error);
  g_assert_cmpint (lt_account_check_primary_contact (account, &error), ==, expected);
  g_assert_cmpint (direct, ==, expected);
  if (expected)
    {
      g_assert_no_error (error);
    }
  else
    {
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, ==, direct_error->message);
    }
}

/* R10: name, email and phone before filing. */
static void
test_account_primary_contact (void)
{
  g_autoptr(LtAccount) account = lt_account_new ();
  g_autoptr(LtContact) complete = lt_contact_new ("Dana Reyes", "dana@example.com", "+1 317 555 0100");
  g_autoptr(LtContact) no_phone = lt_contact_new ("Dana Reyes", "dana@example.com", NULL);
  g_autoptr(LtContact) bad_email = lt_contact_new ("Dana Reyes", "dana.example.com", "+1 317 555 0100");

  assert_contact_check_matches_rule (account, NULL, FALSE);
  assert_contact_check_matches_rule (account, complete, TRUE);
  assert_contact_check_matches_rule (account, no_phone, FALSE);
  assert_contact_check_matches_rule (account, bad_email, FALSE);
}

int
main (int argc, char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/models/ticket/properties", test_ticket_properties);
  g_test_add_func ("/lt/models/ticket/interned", test_ticket_interned);
  g_test_add_func ("/lt/models/ticket/draft", test_ticket_draft);
  g_test_add_func ("/lt/models/ticket/events/order", test_ticket_events_order);
  g_test_add_func ("/lt/models/ticket/events/replace", test_ticket_events_replace);
  g_test_add_func ("/lt/models/ticket/response-due/computed", test_ticket_response_due_computed);
  g_test_add_func ("/lt/models/ticket/response-due/portal", test_ticket_response_due_portal);
  g_test_add_func ("/lt/models/ticket/sla", test_ticket_sla);
  g_test_add_func ("/lt/models/ticket/auto-close", test_ticket_auto_close);
  g_test_add_func ("/lt/models/ticket/reopen", test_ticket_reopen);
  g_test_add_func ("/lt/models/ticket/close-explanation", test_ticket_close_explanation);
  g_test_add_func ("/lt/models/ticket/escalation", test_ticket_escalation);
  g_test_add_func ("/lt/models/ticket/critical-phone", test_ticket_critical_phone);
  g_test_add_func ("/lt/models/ticket/text-limits", test_ticket_text_limits);
  g_test_add_func ("/lt/models/ticket-event/properties", test_ticket_event_properties);
  g_test_add_func ("/lt/models/ticket-event/constructors", test_ticket_event_constructors);
  g_test_add_func ("/lt/models/maintenance-window/properties", test_maintenance_window_properties);
  g_test_add_func ("/lt/models/maintenance-window/emergency-notice", test_maintenance_window_emergency_notice);
  g_test_add_func ("/lt/models/maintenance-window/reminders", test_maintenance_window_reminders);
  g_test_add_func ("/lt/models/change-notice/properties", test_change_notice_properties);
  g_test_add_func ("/lt/models/change-notice/lead-time", test_change_notice_lead_time);
  g_test_add_func ("/lt/models/change-notice/overlaps", test_change_notice_overlaps);
  g_test_add_func ("/lt/models/installation/properties", test_installation_properties);
  g_test_add_func ("/lt/models/installation/validate", test_installation_validate);
  g_test_add_func ("/lt/models/installation/eligibility", test_installation_eligibility);
  g_test_add_func ("/lt/models/account/properties", test_account_properties);
  g_test_add_func ("/lt/models/account/effective-tier", test_account_effective_tier);
  g_test_add_func ("/lt/models/enum-labels", test_enum_labels);
  g_test_add_func ("/lt/models/account/overdue-invoices", test_account_overdue_invoices);
  g_test_add_func ("/lt/models/account/primary-contact", test_account_primary_contact);

  return g_test_run ();
}
