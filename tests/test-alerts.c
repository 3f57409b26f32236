/* test-alerts.c: the deadline engine (lt-alerts.h) with the bundled
 * policy: the vendor's calendar (Indianapolis, Mon–Fri 08:00–17:00, US
 * federal holidays), 5 business days to auto-close and reopen, 3 of
 * notice, the SLA table, 60 days for invoices.
 *
 * December 2026: Christmas is Friday 25, New Year's Day Friday 1 January;
 * the vendor is on EST (-05:00).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-alerts.h"
#include "lt-business-calendar.h"
#include "lt-test-util.h"

#include <string.h>

static const char *customer_names[] = { "Bob Customer", "Acme Corp", NULL };

static LtPolicy *
new_policy (void)
{
  g_autoptr(GError) error = NULL;
  LtPolicy *policy = lt_policy_new_default (&error);

  g_assert_no_error (error);
  return policy;
}

static LtTicket *
new_ticket (const char    *id,
            LtTicketState  state,
            const char    *opened_at)
{
  LtTicket *ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened = lt_test_instant (opened_at);

  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, "Disk full on node 2");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S2);
  lt_ticket_set_state (ticket, state);
  lt_ticket_set_opened_at (ticket, opened);
  /* Answered: no SLA alert unless a test wants one. */
  lt_ticket_set_first_response_at (ticket, opened);
  return ticket;
}

static void
set_instant (GObject    *object,
             const char *property,
             const char *iso8601)
{
  g_autoptr(GDateTime) instant = iso8601 != NULL ? lt_test_instant (iso8601) : NULL;

  g_object_set (object, property, instant, NULL);
}

static LtTicketEvent *
new_event (LtTicketEventKind  kind,
           const char        *id,
           const char        *at,
           const char        *author)
{
  g_autoptr(GDateTime) instant = at != NULL ? lt_test_instant (at) : NULL;
  LtTicketEvent *event = lt_ticket_event_new (kind, instant);

  lt_ticket_event_set_id (event, id);
  lt_ticket_event_set_author (event, author);
  return event;
}

static void
input_init (LtAlertInput *input,
            const char   *since)
{
  *input = (LtAlertInput) { .tier = LT_TIER_ENTERPRISE };
  input->policy = new_policy ();
  input->tickets = g_ptr_array_new_with_free_func (g_object_unref);
  input->customer_names = g_strdupv ((char **) customer_names);
  input->since = lt_test_instant (since);
  input->change_notices = g_ptr_array_new_with_free_func (g_object_unref);
  input->maintenance_windows = g_ptr_array_new_with_free_func (g_object_unref);
  input->installations = g_ptr_array_new_with_free_func (g_object_unref);
  input->invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
  input->refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_refusal_free);
}

/* The keys of the alerts at @now, joined by spaces; @next as RFC 3339 in
 * UTC ("-" for none). */
static char *
compute_keys (const LtAlertInput *input,
              const char         *now_iso,
              char              **next_iso)
{
  g_autoptr(GDateTime) now = lt_test_instant (now_iso);
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GPtrArray) alerts = lt_alerts_compute (input, now, &next);
  g_autoptr(GString) keys = g_string_new (NULL);

  g_assert_nonnull (alerts);
  for (guint i = 0; i < alerts->len; i++)
    {
      LtAlert *alert = g_ptr_array_index (alerts, i);

      g_string_append_printf (keys, "%s%s", i > 0 ? " " : "", alert->key);
    }
  if (next_iso != NULL)
    *next_iso = next != NULL ? g_date_time_format_iso8601 (next) : g_strdup ("-");
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static LtAlert *
find_alert (GPtrArray  *alerts,
            const char *key)
{
  for (guint i = 0; i < alerts->len; i++)
    {
      LtAlert *alert = g_ptr_array_index (alerts, i);

      if (g_str_equal (alert->key, key))
        return alert;
    }
  return NULL;
}

static GPtrArray *
compute_at (const LtAlertInput *input,
            const char         *now_iso)
{
  g_autoptr(GDateTime) now = lt_test_instant (now_iso);

  return lt_alerts_compute (input, now, NULL);
}

static GTimeZone *
vendor_zone (void)
{
  GTimeZone *zone = g_time_zone_new_identifier ("America/Indiana/Indianapolis");

  g_assert_nonnull (zone);
  return zone;
}

/* ---- awaiting the customer (§13) ---------------------------------------- */

static void
add_awaiting_ticket (LtAlertInput *input)
{
  LtTicket *ticket = new_ticket ("LT-000139", LT_TICKET_STATE_AWAITING_CUSTOMER,
                                 "2026-12-14T15:00:00Z");

  /* Friday 18 December, 10:00 at the vendor: it closes 5 business days
   * later, Monday 28 (Christmas skipped), 10:00. */
  set_instant (G_OBJECT (ticket), "awaiting-since", "2026-12-18T15:00:00Z");
  g_ptr_array_add (input->tickets, ticket);
}

static void
test_awaiting (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autoptr(GTimeZone) zone = vendor_zone ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *next = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  LtAlert *alert;

  input_init (&input, "2026-12-01T00:00:00Z");
  add_awaiting_ticket (&input);

  /* Not before it entered the state. */
  keys = compute_keys (&input, "2026-12-18T14:59:59Z", &next);
  g_assert_cmpstr (keys, ==, "");
  g_assert_cmpstr (next, ==, "2026-12-18T15:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  /* At once; next: one business day before it closes, which is
   * Thursday 24 at 10:00 (the weekend and Christmas lie between). */
  keys = compute_keys (&input, "2026-12-18T15:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "awaiting-customer:LT-000139:1797606000");
  g_assert_cmpstr (next, ==, "2026-12-24T15:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  keys = compute_keys (&input, "2026-12-24T15:00:00Z", &next);
  g_assert_cmpstr (keys, ==,
                   "awaiting-customer:LT-000139:1797606000 awaiting-closing:LT-000139:1797606000");
  g_assert_cmpstr (next, ==, "2026-12-28T15:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  alerts = compute_at (&input, "2026-12-24T15:00:00Z");
  alert = find_alert (alerts, "awaiting-closing:LT-000139:1797606000");
  g_assert_nonnull (alert);
  g_assert_true (alert->urgent);
  lt_assert_instant (alert->due, "2026-12-24T10:00:00-05:00");
  lt_assert_instant (alert->deadline, "2026-12-28T10:00:00-05:00");
  g_assert_cmpstr (alert->subject, ==, "LT-000139");
  title = lt_alert_dup_title (alert, zone);
  body = lt_alert_dup_body (alert, zone);
  g_assert_cmpstr (title, ==, "LT-000139 closes within a business day");
  g_assert_cmpstr (body, ==, "Less than one business day left: answer by Mon 10:00 or it "
                             "closes (§13): Disk full on node 2");
  buttons = lt_alert_dup_buttons (alert);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[0])->action, ==, "app.show-ticket");
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[0])->target, ==, "LT-000139");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&body, g_free);

  /* The first alert's deadline is ten days off: a date, not a weekday. */
  alert = find_alert (alerts, "awaiting-customer:LT-000139:1797606000");
  g_assert_nonnull (alert);
  g_assert_false (alert->urgent);
  title = lt_alert_dup_title (alert, zone);
  body = lt_alert_dup_body (alert, zone);
  g_assert_cmpstr (title, ==, "LT-000139 awaits your answer");
  g_assert_cmpstr (body, ==, "Answer by 28 Dec, 10:00 or it closes (§13): Disk full on node 2");

  /* Both end when it closes; nothing is ahead. */
  keys = compute_keys (&input, "2026-12-28T15:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "");
  g_assert_cmpstr (next, ==, "-");
}

/* Answering ends the alerts (the state changes), and awaiting a second
 * time is a new reason with a new key. */
static void
test_awaiting_again (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autofree char *keys = NULL;
  LtTicket *ticket;

  input_init (&input, "2026-12-01T00:00:00Z");
  add_awaiting_ticket (&input);
  ticket = g_ptr_array_index (input.tickets, 0);

  lt_ticket_set_state (ticket, LT_TICKET_STATE_IN_PROGRESS);
  keys = compute_keys (&input, "2026-12-21T15:00:00Z", NULL);
  g_assert_cmpstr (keys, ==, "");
  g_clear_pointer (&keys, g_free);

  lt_ticket_set_state (ticket, LT_TICKET_STATE_AWAITING_CUSTOMER);
  set_instant (G_OBJECT (ticket), "awaiting-since", "2026-12-21T15:00:00Z");
  keys = compute_keys (&input, "2026-12-21T15:00:00Z", NULL);
  g_assert_cmpstr (keys, ==, "awaiting-customer:LT-000139:1797865200");
}

/* ---- resolved (§7) and the reopen window (§14) -------------------------- */

static void
test_resolved (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autoptr(GTimeZone) zone = vendor_zone ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *next = NULL;
  g_autofree char *body = NULL;
  LtTicket *ticket = new_ticket ("LT-000150", LT_TICKET_STATE_RESOLVED, "2026-11-30T15:00:00Z");

  input_init (&input, "2026-12-01T00:00:00Z");
  /* Wednesday 2 December 16:30: closes Wednesday 9 at 16:30. */
  set_instant (G_OBJECT (ticket), "resolved-at", "2026-12-02T21:30:00Z");
  g_ptr_array_add (input.tickets, ticket);

  keys = compute_keys (&input, "2026-12-02T21:30:00Z", &next);
  g_assert_cmpstr (keys, ==, "resolved:LT-000150:1796247000");
  g_assert_cmpstr (next, ==, "2026-12-09T21:30:00Z");

  alerts = compute_at (&input, "2026-12-09T21:29:59Z");
  g_assert_cmpuint (alerts->len, ==, 1);
  body = lt_alert_dup_body (g_ptr_array_index (alerts, 0), zone);
  /* Exactly a week after it came due: "Wed" would read as the same day,
   * so a date. */
  g_assert_cmpstr (body, ==, "Confirm the fix or say it is not fixed by 9 Dec, 16:30, or it "
                             "closes (§7): Disk full on node 2");
}

static void
test_reopen_ending (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autofree char *keys = NULL;
  g_autofree char *next = NULL;
  LtTicket *ticket = new_ticket ("LT-000160", LT_TICKET_STATE_CLOSED, "2026-12-01T15:00:00Z");

  input_init (&input, "2026-12-01T00:00:00Z");
  lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_CONFIRMED);
  /* Thursday 31 December, 12:00: New Year's Day is skipped, so the window
   * ends Friday 8 January 12:00 and the alert comes Thursday 7 at 12:00. */
  set_instant (G_OBJECT (ticket), "closed-at", "2026-12-31T17:00:00Z");
  g_ptr_array_add (input.tickets, ticket);

  keys = compute_keys (&input, "2026-12-31T17:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "");
  g_assert_cmpstr (next, ==, "2027-01-07T17:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  keys = compute_keys (&input, "2027-01-07T17:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "reopen-ending:LT-000160:1798736400");
  g_assert_cmpstr (next, ==, "2027-01-08T17:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  /* The lifecycle no longer allows a reopen: nothing. */
  keys = compute_keys (&input, "2027-01-08T17:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "");
  g_assert_cmpstr (next, ==, "-");
}

/* ---- SLA (§9, R4): only while the vendor is open ------------------------- */

static void
add_sla_ticket (LtAlertInput *input)
{
  /* Friday 11 December, 16:00, S1, Enterprise: 60 business minutes, due
   * at closing time, 17:00. At risk with less than 15 minutes left, so
   * from 16:45:01; breached at 17:00, when the vendor is closed: told
   * Monday at the opening. */
  LtTicket *ticket = new_ticket ("LT-000300", LT_TICKET_STATE_SUBMITTED, "2026-12-11T21:00:00Z");

  lt_ticket_set_severity (ticket, LT_SEVERITY_S1);
  lt_ticket_set_first_response_at (ticket, NULL);
  g_ptr_array_add (input->tickets, ticket);
}

static void
test_sla (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autoptr(GTimeZone) zone = vendor_zone ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *next = NULL;
  g_autofree char *body = NULL;
  LtAlert *alert;

  input_init (&input, "2026-12-01T00:00:00Z");
  add_sla_ticket (&input);

  keys = compute_keys (&input, "2026-12-11T21:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "");
  g_assert_cmpstr (next, ==, "2026-12-11T21:45:01Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  /* At risk stands through the night and the weekend: the breach
   * replaces it only when it is told. */
  keys = compute_keys (&input, "2026-12-12T07:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "sla-at-risk:LT-000300:1797026400");
  g_assert_cmpstr (next, ==, "2026-12-14T13:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  keys = compute_keys (&input, "2026-12-14T13:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "sla-breached:LT-000300:1797026400");
  g_assert_cmpstr (next, ==, "-");

  alerts = compute_at (&input, "2026-12-14T13:00:00Z");
  alert = g_ptr_array_index (alerts, 0);
  g_assert_true (alert->urgent);
  lt_assert_instant (alert->due, "2026-12-14T08:00:00-05:00");
  lt_assert_instant (alert->deadline, "2026-12-11T17:00:00-05:00");
  g_assert_cmpstr (alert->detail, ==, "1");
  buttons = lt_alert_dup_buttons (alert);
  g_assert_cmpuint (buttons->len, ==, 2);
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[0])->action, ==, "app.show-ticket");
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[1])->action, ==, "app.escalate-ticket");
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[1])->target, ==, "LT-000300");
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[1])->label, ==, "Escalate");
  body = lt_alert_dup_body (alert, zone);
  g_assert_cmpstr (body, ==, "LockThreat's first response was due Fri 17:00; you can "
                             "escalate (§9): Disk full on node 2");
  g_clear_pointer (&alerts, g_ptr_array_unref);
  g_clear_pointer (&buttons, g_ptr_array_unref);

  /* At the highest level there is nothing to escalate to: no button. */
  lt_ticket_set_escalation_level (g_ptr_array_index (input.tickets, 0),
                                  LT_TICKET_MAX_ESCALATION_LEVEL);
  alerts = compute_at (&input, "2026-12-14T13:00:00Z");
  buttons = lt_alert_dup_buttons (g_ptr_array_index (alerts, 0));
  g_assert_cmpuint (buttons->len, ==, 1);
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* The first response ends both. */
  set_instant (g_ptr_array_index (input.tickets, 0), "first-response-at", "2026-12-14T14:00:00Z");
  alerts = compute_at (&input, "2026-12-14T14:00:00Z");
  g_assert_cmpuint (alerts->len, ==, 0);
}

/* A breach at 2 a.m. is told at the opening, and an S2 at risk is not
 * urgent. */
static void
test_sla_night (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *next = NULL;
  /* Monday 7 December 16:00, S2 (120 minutes): due Tuesday 09:00; at
   * risk from 08:30:01. */
  LtTicket *ticket = new_ticket ("LT-000301", LT_TICKET_STATE_TRIAGED, "2026-12-07T21:00:00Z");

  input_init (&input, "2026-12-01T00:00:00Z");
  lt_ticket_set_first_response_at (ticket, NULL);
  g_ptr_array_add (input.tickets, ticket);

  keys = compute_keys (&input, "2026-12-08T07:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "");
  g_assert_cmpstr (next, ==, "2026-12-08T13:30:01Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  alerts = compute_at (&input, "2026-12-08T13:30:01Z");
  g_assert_cmpuint (alerts->len, ==, 1);
  g_assert_false (((LtAlert *) alerts->pdata[0])->urgent);

  keys = compute_keys (&input, "2026-12-08T13:30:01Z", &next);
  g_assert_cmpstr (keys, ==, "sla-at-risk:LT-000301:1796738400");
  g_assert_cmpstr (next, ==, "2026-12-08T14:00:00Z");
}

/* A breach at closing time on Christmas Eve is told on Monday 28: the
 * holiday and the weekend are closed. */
static void
test_sla_holiday (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autofree char *keys = NULL;
  g_autofree char *next = NULL;
  /* Thursday 24 December 16:00, S1: due 17:00, at risk from 16:45:01. */
  LtTicket *ticket = new_ticket ("LT-000302", LT_TICKET_STATE_IN_PROGRESS, "2026-12-24T21:00:00Z");

  input_init (&input, "2026-12-01T00:00:00Z");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S1);
  lt_ticket_set_first_response_at (ticket, NULL);
  g_ptr_array_add (input.tickets, ticket);

  keys = compute_keys (&input, "2026-12-24T21:45:01Z", &next);
  g_assert_cmpstr (keys, ==, "sla-at-risk:LT-000302:1798149600");
  g_assert_cmpstr (next, ==, "2026-12-28T13:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  /* Christmas Day, 10:00 at the vendor: breached, and not yet told. */
  keys = compute_keys (&input, "2026-12-25T15:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "sla-at-risk:LT-000302:1798149600");
  g_assert_cmpstr (next, ==, "2026-12-28T13:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  keys = compute_keys (&input, "2026-12-28T13:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "sla-breached:LT-000302:1798149600");
  g_assert_cmpstr (next, ==, "-");
}

/* ---- ticket updates ------------------------------------------------------ */

static void
add_updates_ticket (LtAlertInput *input)
{
  LtTicket *ticket = new_ticket ("LT-000200", LT_TICKET_STATE_CLOSED, "2026-11-20T15:00:00Z");
  LtTicketEvent *events[] = {
    /* Before `since`: not news. */
    new_event (LT_TICKET_EVENT_KIND_COMMENT, "ev0", "2026-11-25T15:00:00Z", "Ada (LockThreat)"),
    new_event (LT_TICKET_EVENT_KIND_COMMENT, "ev1", "2026-12-07T15:00:00Z", "Ada (LockThreat)"),
    /* The customer's own. */
    new_event (LT_TICKET_EVENT_KIND_COMMENT, "ev2", "2026-12-07T15:30:00Z", "Bob Customer"),
    /* Waiting in the outbox: no portal id. */
    new_event (LT_TICKET_EVENT_KIND_COMMENT, NULL, "2026-12-07T15:40:00Z", "Ada (LockThreat)"),
    new_event (LT_TICKET_EVENT_KIND_ESCALATION, "ev5", "2026-12-07T15:50:00Z", "Ada (LockThreat)"),
    /* A time that is not one. */
    new_event (LT_TICKET_EVENT_KIND_COMMENT, "ev6", NULL, "Ada (LockThreat)"),
    new_event (LT_TICKET_EVENT_KIND_STATE_CHANGE, "ev3", "2026-12-08T15:00:00Z", NULL),
    new_event (LT_TICKET_EVENT_KIND_ATTACHMENT, "ev4", "2026-12-08T16:00:00Z", "Ada (LockThreat)"),
  };

  lt_ticket_event_set_to_state (events[6], LT_TICKET_STATE_CLOSED);
  lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_NO_RESPONSE);
  /* Tuesday 8 December 10:00: reopen until Tuesday 15, 10:00. */
  set_instant (G_OBJECT (ticket), "closed-at", "2026-12-08T15:00:00Z");
  lt_ticket_set_events (ticket, events, G_N_ELEMENTS (events));
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    g_object_unref (events[i]);
  g_ptr_array_add (input->tickets, ticket);
}

static void
test_ticket_updates (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autoptr(GTimeZone) zone = vendor_zone ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *title = NULL;
  LtAlert *alert;

  input_init (&input, "2026-12-01T00:00:00Z");
  add_updates_ticket (&input);

  keys = compute_keys (&input, "2026-12-09T00:00:00Z", NULL);
  g_assert_cmpstr (keys, ==, "ticket-update:LT-000200:ev1 ticket-update:LT-000200:ev3 "
                             "ticket-update:LT-000200:ev4");

  alerts = compute_at (&input, "2026-12-09T00:00:00Z");
  alert = find_alert (alerts, "ticket-update:LT-000200:ev3");
  g_assert_cmpstr (alert->detail, ==, "closed/no-response");
  lt_assert_instant (alert->due, "2026-12-08T15:00:00Z");
  g_assert_null (alert->deadline);
  title = lt_alert_dup_title (alert, zone);
  g_assert_cmpstr (title, ==, "LT-000200 was closed: No customer response");
  g_clear_pointer (&title, g_free);
  alert = find_alert (alerts, "ticket-update:LT-000200:ev1");
  g_assert_cmpstr (alert->detail, ==, "comment");
  title = lt_alert_dup_title (alert, zone);
  g_assert_cmpstr (title, ==, "LockThreat commented on LT-000200");
  g_assert_true (lt_alert_kind_is_news (alert->kind));
}

/* LockThreat asks a question and sets the ticket awaiting the customer in
 * one go: one alert, for the state change; a comment on its own is one. */
static void
test_ticket_update_with_answer (void)
{
  g_auto(LtAlertInput) input = { 0 };
  LtTicket *ticket = new_ticket ("LT-000201", LT_TICKET_STATE_AWAITING_CUSTOMER, "2026-12-07T15:00:00Z");
  LtTicketEvent *events[] = {
    new_event (LT_TICKET_EVENT_KIND_COMMENT, "ev1", "2026-12-08T15:00:00Z", "Ada (LockThreat)"),
    new_event (LT_TICKET_EVENT_KIND_COMMENT, "ev2", "2026-12-08T17:00:00Z", "Ada (LockThreat)"),
    new_event (LT_TICKET_EVENT_KIND_STATE_CHANGE, "ev3", "2026-12-08T17:00:00Z", "Ada (LockThreat)"),
  };
  g_autofree char *keys = NULL;

  input_init (&input, "2026-12-01T00:00:00Z");
  lt_ticket_event_set_to_state (events[2], LT_TICKET_STATE_AWAITING_CUSTOMER);
  lt_ticket_set_events (ticket, events, G_N_ELEMENTS (events));
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    g_object_unref (events[i]);
  g_ptr_array_add (input.tickets, ticket);

  keys = compute_keys (&input, "2026-12-08T18:00:00Z", NULL);
  g_assert_nonnull (strstr (keys, "ticket-update:LT-000201:ev1"));
  g_assert_null (strstr (keys, "ticket-update:LT-000201:ev2"));
  g_assert_nonnull (strstr (keys, "ticket-update:LT-000201:ev3"));
}

/* ---- change notices (§6) ------------------------------------------------- */

static void
add_change_notices (LtAlertInput *input)
{
  LtChangeNotice *reviewed = lt_change_notice_new ();
  LtChangeNotice *old_review = lt_change_notice_new ();
  LtChangeNotice *submitted = lt_change_notice_new ();
  LtChangeNotice *draft = lt_change_notice_new ();

  lt_change_notice_set_id (reviewed, "CN-1");
  lt_change_notice_set_title (reviewed, "Database upgrade");
  lt_change_notice_set_state (reviewed, LT_CHANGE_STATE_REVIEWED);
  lt_change_notice_set_review_outcome (reviewed, LT_REVIEW_OUTCOME_CONCERNS);
  set_instant (G_OBJECT (reviewed), "updated-at", "2026-12-07T16:00:00Z");
  set_instant (G_OBJECT (reviewed), "planned-start", "2026-12-20T15:00:00Z");
  g_ptr_array_add (input->change_notices, reviewed);

  lt_change_notice_set_id (old_review, "CN-0");
  lt_change_notice_set_state (old_review, LT_CHANGE_STATE_REVIEWED);
  set_instant (G_OBJECT (old_review), "updated-at", "2026-11-07T16:00:00Z");
  g_ptr_array_add (input->change_notices, old_review);

  lt_change_notice_set_id (submitted, "CN-2");
  lt_change_notice_set_title (submitted, "Firewall rules");
  lt_change_notice_set_state (submitted, LT_CHANGE_STATE_UNDER_REVIEW);
  set_instant (G_OBJECT (submitted), "planned-start", "2026-12-09T14:00:00Z");
  g_ptr_array_add (input->change_notices, submitted);

  /* Thursday 31 December 10:00: a notice on Monday 28 gives 3 business
   * days (29, 30, 31); on the 29th New Year's Day pushes the earliest
   * start to 4 January. The business day before the 28th is Thursday
   * 24 (Christmas, then the weekend). */
  lt_change_notice_set_local_id (draft, "0f8b4c2e-1111-4222-8333-944455556666");
  lt_change_notice_set_title (draft, "Storage migration");
  lt_change_notice_set_state (draft, LT_CHANGE_STATE_DRAFT);
  set_instant (G_OBJECT (draft), "planned-start", "2026-12-31T15:00:00Z");
  g_ptr_array_add (input->change_notices, draft);
}

static void
test_change_notices (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autoptr(GTimeZone) zone = vendor_zone ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *next = NULL;
  g_autofree char *title = NULL;
  LtAlert *alert;

  input_init (&input, "2026-12-01T00:00:00Z");
  add_change_notices (&input);

  keys = compute_keys (&input, "2026-12-08T14:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "change-reviewed:CN-1 change-unreviewed:CN-2");
  g_assert_cmpstr (next, ==, "2026-12-09T14:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  alerts = compute_at (&input, "2026-12-08T14:00:00Z");
  alert = find_alert (alerts, "change-reviewed:CN-1");
  g_assert_cmpstr (alert->detail, ==, "concerns");
  title = lt_alert_dup_title (alert, zone);
  g_assert_cmpstr (title, ==, "LockThreat has concerns about a change");
  buttons = lt_alert_dup_buttons (alert);
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[0])->action, ==, "app.show-change");
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[0])->target, ==, "CN-1");
  g_clear_pointer (&alerts, g_ptr_array_unref);
  g_clear_pointer (&buttons, g_ptr_array_unref);

  keys = compute_keys (&input, "2026-12-24T12:59:59Z", &next);
  g_assert_cmpstr (keys, ==, "change-reviewed:CN-1");
  g_assert_cmpstr (next, ==, "2026-12-24T13:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  /* Until the end of Monday 28 at the vendor. */
  keys = compute_keys (&input, "2026-12-29T04:59:59Z", &next);
  g_assert_cmpstr (keys, ==, "change-reviewed:CN-1 "
                             "change-notice-due:0f8b4c2e-1111-4222-8333-944455556666:1798729200");
  g_assert_cmpstr (next, ==, "2026-12-29T05:00:00Z");

  alerts = compute_at (&input, "2026-12-24T13:00:00Z");
  alert = find_alert (alerts, "change-notice-due:0f8b4c2e-1111-4222-8333-944455556666:1798729200");
  g_assert_nonnull (alert);
  lt_assert_instant (alert->due, "2026-12-24T08:00:00-05:00");
  lt_assert_instant (alert->deadline, "2026-12-29T00:00:00-05:00");
  g_clear_pointer (&title, g_free);
  title = lt_alert_dup_body (alert, zone);
  g_assert_cmpstr (title, ==, "Send the notice of “Storage migration” before Tue 00:00 to give "
                              "LockThreat its lead time (§6)");
  buttons = lt_alert_dup_buttons (alert);
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[0])->target, ==,
                   "0f8b4c2e-1111-4222-8333-944455556666");
}

/* ---- maintenance (§10) --------------------------------------------------- */

static void
add_windows (LtAlertInput *input)
{
  LtMaintenanceWindow *scheduled = lt_maintenance_window_new ();
  LtMaintenanceWindow *emergency = lt_maintenance_window_new ();

  lt_maintenance_window_set_id (scheduled, "M-1");
  lt_maintenance_window_set_title (scheduled, "Database patching");
  lt_maintenance_window_set_kind (scheduled, LT_MAINTENANCE_KIND_SCHEDULED);
  set_instant (G_OBJECT (scheduled), "starts-at", "2026-12-12T06:00:00Z");
  set_instant (G_OBJECT (scheduled), "announced-at", "2026-11-20T06:00:00Z");
  g_ptr_array_add (input->maintenance_windows, scheduled);

  /* Announced half an hour ahead: at once; the 1-hour reminder would
   * fall before anyone knew. */
  lt_maintenance_window_set_id (emergency, "M-2");
  lt_maintenance_window_set_title (emergency, "Emergency fix");
  lt_maintenance_window_set_kind (emergency, LT_MAINTENANCE_KIND_EMERGENCY);
  set_instant (G_OBJECT (emergency), "starts-at", "2026-12-14T15:30:00Z");
  set_instant (G_OBJECT (emergency), "announced-at", "2026-12-14T15:00:00Z");
  g_ptr_array_add (input->maintenance_windows, emergency);

  input->reminder_leads = g_new (guint, 2);
  input->reminder_leads[0] = 24 * 60;
  input->reminder_leads[1] = 60;
  input->n_reminder_leads = 2;
}

static void
test_maintenance (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autoptr(GTimeZone) zone = vendor_zone ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *next = NULL;
  g_autofree char *title = NULL;
  LtAlert *alert;

  input_init (&input, "2026-12-01T00:00:00Z");
  add_windows (&input);

  keys = compute_keys (&input, "2026-12-12T05:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "maintenance:M-1:1440 maintenance:M-1:60");
  g_assert_cmpstr (next, ==, "2026-12-12T06:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  keys = compute_keys (&input, "2026-12-14T15:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "maintenance:M-2:0");
  g_assert_cmpstr (next, ==, "2026-12-14T15:30:00Z");

  alerts = compute_at (&input, "2026-12-14T15:00:00Z");
  alert = g_ptr_array_index (alerts, 0);
  g_assert_true (alert->urgent);
  g_assert_cmpstr (alert->detail, ==, "0");
  title = lt_alert_dup_title (alert, zone);
  g_assert_cmpstr (title, ==, "Emergency maintenance announced");
  g_clear_pointer (&title, g_free);
  g_clear_pointer (&alerts, g_ptr_array_unref);

  alerts = compute_at (&input, "2026-12-11T06:00:00Z");
  alert = g_ptr_array_index (alerts, 0);
  g_assert_false (alert->urgent);
  title = lt_alert_dup_title (alert, zone);
  g_assert_cmpstr (title, ==, "Maintenance in 1 day");
}

/* ---- releases (§11), invoices (§17), refusals ---------------------------- */

static const char catalog_json[] =
  "{\"releases\": ["
  "{\"version\": \"4.3.0\", \"released\": \"2026-12-10\"},"
  "{\"version\": \"4.2.0\", \"released\": \"2026-09-01\"},"
  "{\"version\": \"4.1.0\", \"released\": \"2026-06-01\"},"
  "{\"version\": \"4.0.0\", \"released\": \"2026-03-01\"}]}";

static void
add_installation (LtAlertInput *input,
                  const char   *name,
                  const char   *version)
{
  LtInstallation *installation = lt_installation_new ();

  lt_installation_set_name (installation, name);
  lt_installation_set_detected_version (installation, version);
  g_ptr_array_add (input->installations, installation);
}

static void
add_release_and_money (LtAlertInput *input)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (catalog_json, strlen (catalog_json));
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) failed_at = lt_test_instant ("2026-12-07T12:00:00Z");
  GDate issued = lt_test_date ("2026-10-01");
  GDate paid_issued = lt_test_date ("2026-09-01");

  input->catalog = lt_release_catalog_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  /* 4.3.0 pushes 4.0.0 out and leaves 4.1.0 as the oldest supported. */
  add_installation (input, "node-a", "4.0.0");
  add_installation (input, "node-b", "4.1.0");
  add_installation (input, "node-c", "4.3.0");
  add_installation (input, "node-d", NULL);

  /* 60 days old on 30 November; overdue from 1 December. */
  g_ptr_array_add (input->invoices, lt_invoice_new ("INV-7", &issued, "1250.00", "USD", FALSE));
  g_ptr_array_add (input->invoices, lt_invoice_new ("INV-6", &paid_issued, "99.00", "USD", TRUE));

  g_ptr_array_add (input->refusals,
                   lt_alert_refusal_new ("k-1", "Comment on LT-000200", "ticket is closed",
                                         failed_at));
}

static void
test_release_invoice_refusal (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autoptr(GTimeZone) zone = vendor_zone ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *next = NULL;
  g_autofree char *body = NULL;
  LtAlert *alert;

  input_init (&input, "2026-11-01T00:00:00Z");
  add_release_and_money (&input);

  keys = compute_keys (&input, "2026-12-01T04:59:59Z", &next);
  g_assert_cmpstr (keys, ==, "");
  g_assert_cmpstr (next, ==, "2026-12-01T05:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  keys = compute_keys (&input, "2026-12-10T05:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "invoice-overdue:INV-7 outbox-refused:k-1 release:4.3.0");
  g_assert_cmpstr (next, ==, "-");

  alerts = compute_at (&input, "2026-12-10T05:00:00Z");
  alert = find_alert (alerts, "release:4.3.0");
  g_assert_cmpstr (alert->detail, ==, "unsupported: node-a\nnext-ends-support: node-b");
  body = lt_alert_dup_body (alert, zone);
  g_assert_cmpstr (body, ==, "No longer supported: node-a. The next release ends support "
                             "for: node-b. (§11)");
  buttons = lt_alert_dup_buttons (alert);
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[0])->action, ==, "app.show-page");
  g_assert_cmpstr (((LtAlertButton *) buttons->pdata[0])->target, ==, "versions");
  g_clear_pointer (&body, g_free);

  alert = find_alert (alerts, "invoice-overdue:INV-7");
  g_assert_true (alert->urgent);
  lt_assert_instant (alert->due, "2026-12-01T00:00:00-05:00");

  alert = find_alert (alerts, "outbox-refused:k-1");
  body = lt_alert_dup_body (alert, zone);
  g_assert_cmpstr (body, ==, "It will not be sent: ticket is closed");
  g_clear_pointer (&alerts, g_ptr_array_unref);

  /* A release dated before the vendor-local day of `since` is no news;
   * one of that day is (00:00Z on the 11th is still the 10th there). */
  g_clear_pointer (&input.since, g_date_time_unref);
  input.since = lt_test_instant ("2026-12-11T00:00:00Z");
  alerts = compute_at (&input, "2026-12-12T00:00:00Z");
  g_assert_nonnull (find_alert (alerts, "release:4.3.0"));
  g_clear_pointer (&alerts, g_ptr_array_unref);
  g_clear_pointer (&input.since, g_date_time_unref);
  input.since = lt_test_instant ("2026-12-11T05:00:00Z");
  alerts = compute_at (&input, "2026-12-12T00:00:00Z");
  g_assert_null (find_alert (alerts, "release:4.3.0"));
}

/* ---- a month, step by step ----------------------------------------------- */

static void
fill_month (LtAlertInput *input)
{
  LtTicket *resolved = new_ticket ("LT-000150", LT_TICKET_STATE_RESOLVED, "2026-11-30T15:00:00Z");

  set_instant (G_OBJECT (resolved), "resolved-at", "2026-12-02T21:30:00Z");
  g_ptr_array_add (input->tickets, resolved);
  add_awaiting_ticket (input);
  add_sla_ticket (input);
  add_updates_ticket (input);
  add_change_notices (input);
  add_windows (input);
  add_release_and_money (input);
}

static gboolean
strv_has (char       **keys,
          const char  *key)
{
  return g_strv_contains ((const char * const *) keys, key);
}

/* Walks from @start to @next until nothing is ahead, writing what comes
 * and goes at each instant; also checks that nothing changes one second
 * before each `next` (the engine wakes neither early nor late). */
static char *
walk (const LtAlertInput *input,
      const char         *start)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GDateTime) now = lt_test_instant (start);
  g_auto(GStrv) previous = g_new0 (char *, 1);
  guint steps = 0;

  while (now != NULL)
    {
      g_autoptr(GDateTime) next = NULL;
      g_autoptr(GPtrArray) alerts = lt_alerts_compute (input, now, &next);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) keys = NULL;
      g_autofree char *at = g_date_time_format_iso8601 (now);
      gboolean changed = FALSE;

      g_assert_cmpuint (++steps, <, 200);
      for (guint i = 0; i < alerts->len; i++)
        g_strv_builder_add (builder, ((LtAlert *) alerts->pdata[i])->key);
      keys = g_strv_builder_end (builder);

      for (guint i = 0; previous[i] != NULL; i++)
        if (!strv_has (keys, previous[i]))
          {
            g_string_append_printf (log, "%s -%s\n", at, previous[i]);
            changed = TRUE;
          }
      for (guint i = 0; keys[i] != NULL; i++)
        if (!strv_has (previous, keys[i]))
          {
            g_string_append_printf (log, "%s +%s\n", at, keys[i]);
            changed = TRUE;
          }
      /* Every wake-up after the first has something to do. */
      g_assert_true (changed || steps == 1);

      if (next != NULL)
        {
          g_autoptr(GDateTime) before = g_date_time_add_seconds (next, -1);
          g_autoptr(GPtrArray) same = lt_alerts_compute (input, before, NULL);

          g_assert_true (g_date_time_compare (next, now) > 0);
          g_assert_cmpuint (same->len, ==, alerts->len);
          for (guint i = 0; i < same->len; i++)
            g_assert_cmpstr (((LtAlert *) same->pdata[i])->key, ==, keys[i]);
        }

      g_clear_pointer (&previous, g_strfreev);
      previous = g_steal_pointer (&keys);
      g_clear_pointer (&now, g_date_time_unref);
      now = g_steal_pointer (&next);
    }
  return g_string_free (g_steal_pointer (&log), FALSE);
}

static void
test_month (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autofree char *log = NULL;
  g_autofree char *again = NULL;

  input_init (&input, "2026-11-30T00:00:00Z");
  fill_month (&input);

  log = walk (&input, "2026-11-30T12:00:00Z");
  g_assert_cmpstr (log, ==,
    "2026-12-01T05:00:00Z +invoice-overdue:INV-7\n"
    "2026-12-02T21:30:00Z +resolved:LT-000150:1796247000\n"
    "2026-12-07T12:00:00Z +outbox-refused:k-1\n"
    "2026-12-07T15:00:00Z +ticket-update:LT-000200:ev1\n"
    "2026-12-07T16:00:00Z +change-reviewed:CN-1\n"
    "2026-12-08T14:00:00Z +change-unreviewed:CN-2\n"
    "2026-12-08T15:00:00Z +ticket-update:LT-000200:ev3\n"
    "2026-12-08T16:00:00Z +ticket-update:LT-000200:ev4\n"
    "2026-12-09T14:00:00Z -change-unreviewed:CN-2\n"
    "2026-12-09T21:30:00Z -resolved:LT-000150:1796247000\n"
    "2026-12-10T05:00:00Z +release:4.3.0\n"
    "2026-12-11T06:00:00Z +maintenance:M-1:1440\n"
    "2026-12-11T21:45:01Z +sla-at-risk:LT-000300:1797026400\n"
    "2026-12-12T05:00:00Z +maintenance:M-1:60\n"
    "2026-12-12T06:00:00Z -maintenance:M-1:1440\n"
    "2026-12-12T06:00:00Z -maintenance:M-1:60\n"
    "2026-12-14T13:00:00Z -sla-at-risk:LT-000300:1797026400\n"
    "2026-12-14T13:00:00Z +sla-breached:LT-000300:1797026400\n"
    "2026-12-14T15:00:00Z +maintenance:M-2:0\n"
    "2026-12-14T15:00:00Z +reopen-ending:LT-000200:1796742000\n"
    "2026-12-14T15:30:00Z -maintenance:M-2:0\n"
    "2026-12-15T15:00:00Z -reopen-ending:LT-000200:1796742000\n"
    "2026-12-18T15:00:00Z +awaiting-customer:LT-000139:1797606000\n"
    "2026-12-24T13:00:00Z +change-notice-due:0f8b4c2e-1111-4222-8333-944455556666:1798729200\n"
    "2026-12-24T15:00:00Z +awaiting-closing:LT-000139:1797606000\n"
    "2026-12-28T15:00:00Z -awaiting-customer:LT-000139:1797606000\n"
    "2026-12-28T15:00:00Z -awaiting-closing:LT-000139:1797606000\n"
    "2026-12-29T05:00:00Z -change-notice-due:0f8b4c2e-1111-4222-8333-944455556666:1798729200\n");

  /* The same reasons, the same keys, on every call. */
  again = walk (&input, "2026-11-30T12:00:00Z");
  g_assert_cmpstr (again, ==, log);
}

/* ---- summary, kinds, hostile input --------------------------------------- */

static void
test_summary (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autoptr(GTimeZone) zone = vendor_zone ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  input_init (&input, "2026-11-30T00:00:00Z");
  fill_month (&input);
  /* 2026-12-18T15:00Z: the invoice, the refusal, three updates, the
   * review, the release, the breach and the awaiting ticket. */
  alerts = compute_at (&input, "2026-12-18T15:00:00Z");
  g_assert_cmpuint (alerts->len, ==, 9);

  title = lt_alerts_dup_summary_title (alerts->len);
  g_assert_cmpstr (title, ==, "While you were away: 9 notifications");
  body = lt_alerts_dup_summary_body (alerts, zone);
  g_assert_cmpstr (body, ==, "Invoice INV-7 is overdue; The portal refused: Comment on "
                             "LT-000200; 3 ticket updates; and 4 more");
  g_clear_pointer (&body, g_free);

  /* Only the awaiting ticket and two resolved ones. */
  {
    g_auto(LtAlertInput) small = { 0 };
    LtTicket *a = new_ticket ("LT-000151", LT_TICKET_STATE_RESOLVED, "2026-12-01T15:00:00Z");
    LtTicket *b = new_ticket ("LT-000152", LT_TICKET_STATE_RESOLVED, "2026-12-01T15:00:00Z");
    g_autoptr(GPtrArray) some = NULL;

    input_init (&small, "2026-11-30T00:00:00Z");
    add_awaiting_ticket (&small);
    set_instant (G_OBJECT (a), "resolved-at", "2026-12-21T15:00:00Z");
    set_instant (G_OBJECT (b), "resolved-at", "2026-12-21T16:00:00Z");
    g_ptr_array_add (small.tickets, a);
    g_ptr_array_add (small.tickets, b);
    some = compute_at (&small, "2026-12-21T16:00:00Z");
    body = lt_alerts_dup_summary_body (some, zone);
    g_assert_cmpstr (body, ==, "LT-000139 awaits your answer, closes 28 Dec, 10:00; "
                               "2 tickets resolved");
  }
}

static void
test_kinds (void)
{
  for (guint i = 0; i < LT_N_ALERT_KINDS; i++)
    {
      LtAlertKind kind = LT_N_ALERT_KINDS;
      const char *nick = lt_alert_kind_to_nick (i);

      g_assert_nonnull (nick);
      g_assert_true (lt_alert_kind_from_nick (nick, &kind));
      g_assert_cmpint (kind, ==, i);
      g_assert_nonnull (lt_alert_kind_get_label (i));
      g_assert_nonnull (lt_alert_kind_get_description (i));
      /* Each policy deadline names its section. */
      if (i != LT_ALERT_KIND_TICKET_UPDATE && i != LT_ALERT_KIND_OUTBOX_REFUSED)
        g_assert_nonnull (strstr (lt_alert_kind_get_description (i), "§"));
    }
  g_assert_cmpstr (lt_alert_kind_to_nick (LT_ALERT_KIND_SLA_BREACHED), ==, "sla-breached");
  g_assert_false (lt_alert_kind_from_nick ("nonsense", &(LtAlertKind) { 0 }));
  g_assert_false (lt_alert_kind_from_nick (NULL, &(LtAlertKind) { 0 }));
}

static void
test_hostile (void)
{
  g_auto(LtAlertInput) input = { 0 };
  g_autofree char *keys = NULL;
  g_autofree char *next = NULL;
  LtTicket *no_dates = lt_ticket_new ();
  LtTicket *far = new_ticket ("LT-000901", LT_TICKET_STATE_AWAITING_CUSTOMER,
                              "9999-12-30T12:00:00Z");
  LtTicket *far_closed = new_ticket ("LT-000902", LT_TICKET_STATE_CLOSED, "2026-12-01T00:00:00Z");
  /* After closing time: due on the 31st, beyond what is supported. */
  LtTicket *far_sla = new_ticket ("LT-000903", LT_TICKET_STATE_SUBMITTED,
                                  "9999-12-30T23:00:00Z");
  LtChangeNotice *draft = lt_change_notice_new ();
  LtChangeNotice *undated = lt_change_notice_new ();
  LtMaintenanceWindow *window = lt_maintenance_window_new ();
  GDate far_date = lt_test_date ("9999-12-01");
  g_autoptr(GDateTime) far_failed = lt_test_instant ("9999-12-31T12:00:00Z");

  input_init (&input, "2026-11-30T00:00:00Z");
  /* An id and nothing else. */
  lt_ticket_set_id (no_dates, "LT-000900");
  lt_ticket_set_state (no_dates, LT_TICKET_STATE_AWAITING_CUSTOMER);
  g_ptr_array_add (input.tickets, no_dates);
  /* Deadlines past the year 9999. */
  set_instant (G_OBJECT (far), "awaiting-since", "9999-12-30T12:00:00Z");
  g_ptr_array_add (input.tickets, far);
  set_instant (G_OBJECT (far_closed), "closed-at", "9999-12-30T12:00:00Z");
  g_ptr_array_add (input.tickets, far_closed);
  lt_ticket_set_first_response_at (far_sla, NULL);
  g_ptr_array_add (input.tickets, far_sla);
  lt_change_notice_set_local_id (draft, "0f8b4c2e-1111-4222-8333-000000000000");
  lt_change_notice_set_state (draft, LT_CHANGE_STATE_DRAFT);
  set_instant (G_OBJECT (draft), "planned-start", "9999-12-30T12:00:00Z");
  g_ptr_array_add (input.change_notices, draft);
  lt_change_notice_set_state (undated, LT_CHANGE_STATE_SUBMITTED);
  g_ptr_array_add (input.change_notices, undated);
  lt_maintenance_window_set_id (window, "M-9");
  g_ptr_array_add (input.maintenance_windows, window);
  g_ptr_array_add (input.invoices, lt_invoice_new ("INV-9", &far_date, "1", "USD", FALSE));
  g_ptr_array_add (input.refusals, lt_alert_refusal_new ("k-9", NULL, NULL, NULL));
  g_ptr_array_add (input.refusals, lt_alert_refusal_new ("k-10", NULL, NULL, far_failed));

  keys = compute_keys (&input, "2026-12-01T00:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "");
  /* What is real at the end of time still counts: the draft starting
   * Thursday 30 December 9999 has its last on-time day on Monday 27, and
   * the business day before is Thursday 23 (Christmas falls on a
   * Saturday and is observed on Friday 24). */
  g_assert_cmpstr (next, ==, "9999-12-23T13:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  keys = compute_keys (&input, "9999-12-23T13:00:00Z", &next);
  g_assert_cmpstr (keys, ==, "change-notice-due:0f8b4c2e-1111-4222-8333-000000000000:253402171200");
  g_assert_cmpstr (next, ==, "9999-12-28T05:00:00Z");
  g_clear_pointer (&keys, g_free);
  g_clear_pointer (&next, g_free);

  /* Every deadline beyond 9999 (the auto-close, the reopen window, the
   * response after closing time, the invoice's 61st day) gives nothing,
   * and nothing is ahead. */
  keys = compute_keys (&input, "9999-12-30T23:59:59Z", &next);
  g_assert_cmpstr (keys, ==, "");
  g_assert_cmpstr (next, ==, "-");
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/alerts/awaiting", test_awaiting);
  g_test_add_func ("/lt/alerts/awaiting-again", test_awaiting_again);
  g_test_add_func ("/lt/alerts/resolved", test_resolved);
  g_test_add_func ("/lt/alerts/reopen-ending", test_reopen_ending);
  g_test_add_func ("/lt/alerts/sla", test_sla);
  g_test_add_func ("/lt/alerts/sla-night", test_sla_night);
  g_test_add_func ("/lt/alerts/sla-holiday", test_sla_holiday);
  g_test_add_func ("/lt/alerts/ticket-updates", test_ticket_updates);
  g_test_add_func ("/lt/alerts/ticket-update-with-answer", test_ticket_update_with_answer);
  g_test_add_func ("/lt/alerts/change-notices", test_change_notices);
  g_test_add_func ("/lt/alerts/maintenance", test_maintenance);
  g_test_add_func ("/lt/alerts/release-invoice-refusal", test_release_invoice_refusal);
  g_test_add_func ("/lt/alerts/month", test_month);
  g_test_add_func ("/lt/alerts/summary", test_summary);
  g_test_add_func ("/lt/alerts/kinds", test_kinds);
  g_test_add_func ("/lt/alerts/hostile", test_hostile);

  return g_test_run ();
}
