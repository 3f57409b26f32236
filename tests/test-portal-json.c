/* test-portal-json.c: the portal's JSON (data/portal-api.yaml) and the models
 *
 * Every resource is read from a good answer; every member it needs is
 * removed once, and wrong types, unknown enum values and bad times are
 * fed in, each asserting the exact message with its JSON path. Members
 * the app does not know are ignored. Writers produce what the readers
 * read and the request bodies the contract names.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-json.h"
#include "lt-portal-json.h"
#include "lt-test-portal-json.h"

#include <string.h>

/* Fixtures are written with single quotes to stay readable in C; no
 * fixture needs a literal single quote. */
static JsonNode *
parse_json (const char *text)
{
  g_autofree char *json = g_strdup (text);
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_strdelimit (json, "'", '"');
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

#define EVENTS_JSON \
  "[" \
  "{'id': 'EV-000001', 'kind': 'state-change', 'at': '2026-01-09T21:40:00Z'," \
  " 'author': 'Portal', 'body': '', 'from_state': null, 'to_state': 'submitted'," \
  " 'level': 0, 'attachment': null}," \
  "{'id': 'EV-000002', 'kind': 'comment', 'at': '2026-01-12T14:10:00Z'," \
  " 'author': 'Ana (LockThreat Support)', 'body': 'Looking into it', 'from_state': null," \
  " 'to_state': null, 'level': 0, 'attachment': null}," \
  "{'id': 'EV-000003', 'kind': 'escalation', 'at': '2026-01-12T14:20:00Z'," \
  " 'author': 'Jo Admin', 'body': 'Production is down', 'from_state': null, 'to_state': null," \
  " 'level': 1, 'attachment': null}," \
  "{'id': 'EV-000004', 'kind': 'attachment', 'at': '2026-01-12T14:30:00Z'," \
  " 'author': 'Jo Admin', 'body': 'server logs', 'from_state': null, 'to_state': null," \
  " 'level': 0, 'attachment': {'name': 'bundle.tar.gz', 'size': 123456," \
  " 'content_type': 'application/gzip'}}" \
  "]"

#define TICKET_FIELDS_JSON \
  "'id': 'LT-000123', 'title': 'Login fails', 'description': 'SSO is broken'," \
  " 'severity': 's2', 'category': 'troubleshooting', 'break_fix': true," \
  " 'security_incident': false, 'state': 'in-progress', 'close_reason': 'none'," \
  " 'opened_at': '2026-01-09T21:40:00Z', 'updated_at': '2026-01-12T15:00:00Z'," \
  " 'first_response_at': '2026-01-12T14:10:00Z', 'response_due': '2026-01-12T14:40:00Z'," \
  " 'awaiting_since': null, 'resolved_at': null, 'closed_at': null," \
  " 'escalation_level': 1, 'product_version': '3.3.1', 'installation': 'prod-eu'," \
  " 'contact': null, 'known_issue_ids': ['LT-1234', 'LT-77']," \
  " 'feature_criteria': null, 'references_ticket': null," \
  " 'added_in_a_later_version': {'anything': [1, 2]}"

static const char ticket_json[] = "{" TICKET_FIELDS_JSON ", 'events': " EVENTS_JSON "}";
static const char ticket_list_item_json[] = "{" TICKET_FIELDS_JSON "}";

static const char account_json[] =
  "{'customer_name': 'Acme Corp', 'tier': 'enterprise',"
  " 'primary_contact': {'name': 'Jo Admin', 'email': 'jo@acme.example', 'phone': '+1 317 555 0100'},"
  " 'csm_email': 'csm@lockthreat.com',"
  " 'invoices': ["
  "  {'id': 'INV-1', 'issued': '2026-01-05', 'amount': '1250.00', 'currency': 'USD', 'paid': false},"
  "  {'id': 'INV-2', 'issued': '2025-12-01', 'amount': '-20.5', 'currency': 'EUR', 'paid': true}],"
  " 'updated_at': '2026-01-10T00:00:00Z', 'loyalty_points': 12}";

static const char window_json[] =
  "{'id': 'MW-7', 'kind': 'emergency', 'title': 'Database failover',"
  " 'description': 'Switching to the standby', 'starts_at': '2026-02-01T10:00:00Z',"
  " 'ends_at': '2026-02-01T11:00:00Z', 'announced_at': '2026-02-01T09:30:00Z',"
  " 'affects': 'on-prem', 'updated_at': '2026-02-01T09:30:00Z', 'region': 'eu'}";

static const char notice_json[] =
  "{'id': 'CN-000042', 'kind': 'database-schema', 'title': 'Add an index',"
  " 'description': 'On the audit table', 'systems': ['db1', 'db2'],"
  " 'planned_start': '2026-03-02T14:00:00Z', 'planned_end': '2026-03-02T16:00:00Z',"
  " 'rollback_plan': 'Drop the index', 'risk': 'medium', 'state': 'reviewed',"
  " 'review_outcome': 'no-concerns', 'late': true, 'submitted_at': '2026-02-20T10:00:00Z',"
  " 'updated_at': '2026-02-21T10:00:00Z', 'reviewer': 'someone'}";

/* ---- A member given twice ---- */

/* Every answer is parsed by lt_json_document_parse(), as the portal client
 * does, before a reader sees it. json-glib keeps the last of two equal
 * names, so without the parse's refusal an account saying "tier" twice
 * was stored with the second; now nothing of such an answer is read. */
static void
test_duplicate_member (void)
{
  static const struct
  {
    const char *good;
    const char *from;
    const char *to;
    const char *message;
  } cases[] = {
    { account_json, "'tier': 'enterprise',", "'tier': 'enterprise', 'tier': 'essential',",
      "$.tier: appears more than once" },
    { account_json, "'paid': true}", "'paid': true, 'paid': false}",
      "$.invoices[1].paid: appears more than once" },
    { ticket_json, "'id': 'LT-000123',", "'id': 'LT-000123', 'id': 'LT-000001',",
      "$.id: appears more than once" },
    { ticket_json, "'size': 123456,", "'size': 1, 'size': 123456,",
      "$.events[3].attachment.size: appears more than once" },
    { "{'items': [], 'next_cursor': null}", "'next_cursor': null", "'next_cursor': 'a', 'next_cursor': null",
      "$.next_cursor: appears more than once" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (cases[i].good);
      g_autoptr(LtJsonDocument) document = NULL;
      g_autoptr(LtJsonDocument) good = NULL;
      g_autoptr(GError) error = NULL;

      /* The answer without the repetition is read. */
      g_strdelimit (text->str, "'", '"');
      good = lt_json_document_parse (text->str, text->len, LT_JSON_MAX_DEPTH, &error);
      g_assert_no_error (error);
      g_assert_nonnull (good);

      g_string_assign (text, cases[i].good);
      g_assert_cmpuint (g_string_replace (text, cases[i].from, cases[i].to, 1), ==, 1);
      g_strdelimit (text->str, "'", '"');
      g_test_message ("%s", text->str);
      document = lt_json_document_parse (text->str, text->len, LT_JSON_MAX_DEPTH, &error);
      g_assert_null (document);
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* ---- Good answers ---- */

static void
test_account_good (void)
{
  g_autoptr(JsonNode) node = parse_json (account_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = lt_portal_json_read_account (node, "$", &error);
  const LtContact *contact;
  GPtrArray *invoices;
  const LtInvoice *invoice;

  g_assert_no_error (error);
  g_assert_cmpstr (lt_account_get_customer_name (account), ==, "Acme Corp");
  g_assert_cmpint (lt_account_get_tier (account), ==, LT_TIER_ENTERPRISE);
  contact = lt_account_get_primary_contact (account);
  g_assert_nonnull (contact);
  g_assert_cmpstr (contact->name, ==, "Jo Admin");
  g_assert_cmpstr (contact->email, ==, "jo@acme.example");
  g_assert_cmpstr (contact->phone, ==, "+1 317 555 0100");
  g_assert_cmpstr (lt_account_get_csm_email (account), ==, "csm@lockthreat.com");

  invoices = lt_account_get_invoices (account);
  g_assert_cmpuint (invoices->len, ==, 2);
  invoice = g_ptr_array_index (invoices, 0);
  g_assert_cmpstr (invoice->id, ==, "INV-1");
  lt_assert_date (&invoice->issued, "2026-01-05");
  /* The text as sent, not a double's rendering. */
  g_assert_cmpstr (invoice->amount, ==, "1250.00");
  g_assert_cmpstr (invoice->currency, ==, "USD");
  g_assert_false (invoice->paid);
  invoice = g_ptr_array_index (invoices, 1);
  g_assert_cmpstr (invoice->amount, ==, "-20.5");
  g_assert_true (invoice->paid);
}

static void
test_account_no_contact (void)
{
  g_autofree char *text = g_strdup (account_json);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GString) edited = g_string_new (text);

  /* R10: null until the customer names one; the account still loads and
   * the rule reports what is missing. */
  g_string_replace (edited,
                    "{'name': 'Jo Admin', 'email': 'jo@acme.example', 'phone': '+1 317 555 0100'}",
                    "null", 1);
  g_string_replace (edited, "'csm_email': 'csm@lockthreat.com'", "'csm_email': null", 1);
  node = parse_json (edited->str);
  account = lt_portal_json_read_account (node, "$", &error);
  g_assert_no_error (error);
  g_assert_null (lt_account_get_primary_contact (account));
  g_assert_null (lt_account_get_csm_email (account));
  g_assert_false (lt_account_check_primary_contact (account, NULL));
}

static void
assert_event (GListModel        *events,
              guint              position,
              LtTicketEventKind  kind,
              const char        *at,
              const char        *author,
              const char        *body)
{
  g_autoptr(LtTicketEvent) event = g_list_model_get_item (events, position);

  g_assert_nonnull (event);
  g_assert_cmpint (lt_ticket_event_get_kind (event), ==, kind);
  lt_assert_instant (lt_ticket_event_get_at (event), at);
  g_assert_cmpstr (lt_ticket_event_get_author (event), ==, author);
  g_assert_cmpstr (lt_ticket_event_get_body (event), ==, body);
}

static void
test_ticket_good (void)
{
  g_autoptr(JsonNode) node = parse_json (ticket_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = lt_portal_json_read_ticket_with_events (node, "$", &error);
  const char * const *ids;
  GListModel *events;
  g_autoptr(LtTicketEvent) state_change = NULL;
  g_autoptr(LtTicketEvent) escalation = NULL;
  g_autoptr(LtTicketEvent) attachment = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (lt_ticket_get_id (ticket), ==, "LT-000123");
  g_assert_null (lt_ticket_get_local_id (ticket));
  g_assert_cmpstr (lt_ticket_get_title (ticket), ==, "Login fails");
  g_assert_cmpstr (lt_ticket_get_description (ticket), ==, "SSO is broken");
  g_assert_cmpint (lt_ticket_get_severity (ticket), ==, LT_SEVERITY_S2);
  g_assert_cmpstr (lt_ticket_get_category (ticket), ==, "troubleshooting");
  g_assert_true (lt_ticket_get_break_fix (ticket));
  g_assert_false (lt_ticket_get_security_incident (ticket));
  g_assert_cmpint (lt_ticket_get_state (ticket), ==, LT_TICKET_STATE_IN_PROGRESS);
  g_assert_cmpint (lt_ticket_get_close_reason (ticket), ==, LT_CLOSE_REASON_NONE);
  lt_assert_instant (lt_ticket_get_opened_at (ticket), "2026-01-09T21:40:00Z");
  lt_assert_instant (lt_ticket_get_updated_at (ticket), "2026-01-12T15:00:00Z");
  lt_assert_instant (lt_ticket_get_first_response_at (ticket), "2026-01-12T14:10:00Z");
  lt_assert_instant (lt_ticket_get_response_due (ticket), "2026-01-12T14:40:00Z");
  g_assert_null (lt_ticket_get_awaiting_since (ticket));
  g_assert_null (lt_ticket_get_resolved_at (ticket));
  g_assert_null (lt_ticket_get_closed_at (ticket));
  g_assert_cmpuint (lt_ticket_get_escalation_level (ticket), ==, 1);
  g_assert_cmpstr (lt_ticket_get_product_version (ticket), ==, "3.3.1");
  g_assert_cmpstr (lt_ticket_get_installation (ticket), ==, "prod-eu");
  g_assert_null (lt_ticket_get_contact (ticket));
  ids = lt_ticket_get_known_issue_ids (ticket);
  g_assert_nonnull (ids);
  g_assert_cmpstr (ids[0], ==, "LT-1234");
  g_assert_cmpstr (ids[1], ==, "LT-77");
  g_assert_null (ids[2]);

  events = lt_ticket_get_events (ticket);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 4);
  assert_event (events, 0, LT_TICKET_EVENT_KIND_STATE_CHANGE, "2026-01-09T21:40:00Z", "Portal", NULL);
  assert_event (events, 1, LT_TICKET_EVENT_KIND_COMMENT, "2026-01-12T14:10:00Z",
                "Ana (LockThreat Support)", "Looking into it");
  assert_event (events, 2, LT_TICKET_EVENT_KIND_ESCALATION, "2026-01-12T14:20:00Z", "Jo Admin",
                "Production is down");
  assert_event (events, 3, LT_TICKET_EVENT_KIND_ATTACHMENT, "2026-01-12T14:30:00Z", "Jo Admin",
                "server logs");

  state_change = g_list_model_get_item (events, 0);
  g_assert_cmpint (lt_ticket_event_get_to_state (state_change), ==, LT_TICKET_STATE_SUBMITTED);
  escalation = g_list_model_get_item (events, 2);
  g_assert_cmpuint (lt_ticket_event_get_level (escalation), ==, 1);
  attachment = g_list_model_get_item (events, 3);
  g_assert_cmpstr (lt_ticket_event_get_attachment_name (attachment), ==, "bundle.tar.gz");
  g_assert_cmpuint (lt_ticket_event_get_attachment_size (attachment), ==, 123456);
}

static void
test_window_good (void)
{
  g_autoptr(JsonNode) node = parse_json (window_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtMaintenanceWindow) window = lt_portal_json_read_maintenance_window (node, "$", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lt_maintenance_window_get_id (window), ==, "MW-7");
  g_assert_cmpint (lt_maintenance_window_get_kind (window), ==, LT_MAINTENANCE_KIND_EMERGENCY);
  g_assert_cmpstr (lt_maintenance_window_get_title (window), ==, "Database failover");
  g_assert_cmpstr (lt_maintenance_window_get_description (window), ==, "Switching to the standby");
  lt_assert_instant (lt_maintenance_window_get_starts_at (window), "2026-02-01T10:00:00Z");
  lt_assert_instant (lt_maintenance_window_get_ends_at (window), "2026-02-01T11:00:00Z");
  lt_assert_instant (lt_maintenance_window_get_announced_at (window), "2026-02-01T09:30:00Z");
  g_assert_cmpint (lt_maintenance_window_get_affects (window), ==, LT_MAINTENANCE_AFFECTS_ON_PREM);
}

/* The vendor's review text: kept as sent (control characters are escaped
 * where it is shown), "" read as none, absent (an older portal) read as
 * none, at most the contract's 20,000 characters; replaces and replaced_by
 * read as given. */
static void
test_notice_review_text (void)
{
  g_autofree char *json = NULL;
  g_autofree char *longest = g_strnfill (LT_CHANGE_NOTICE_MAX_REVIEW_TEXT, 'x');
  g_autofree char *too_long = g_strnfill (LT_CHANGE_NOTICE_MAX_REVIEW_TEXT + 1, 'x');
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(JsonNode) node = parse_json ("{'id': 'CN-000043', 'kind': 'infrastructure', 'title': 'x',"
                                           " 'description': '', 'systems': [],"
                                           " 'planned_start': '2026-03-02T14:00:00Z',"
                                           " 'planned_end': '2026-03-02T16:00:00Z', 'rollback_plan': '',"
                                           " 'risk': 'low', 'state': 'withdrawn', 'review_outcome': 'none',"
                                           " 'late': false, 'submitted_at': '2026-02-20T10:00:00Z',"
                                           " 'updated_at': '2026-02-21T10:00:00Z',"
                                           " 'review_text': 'Move it.\\n\\u001b[2J', 'replaces': 'CN-000040',"
                                           " 'replaced_by': 'CN-000044'}");
    g_autoptr(LtChangeNotice) notice = lt_portal_json_read_change_notice (node, "$", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (lt_change_notice_get_review_text (notice), ==, "Move it.\n\033[2J");
    g_assert_cmpstr (lt_change_notice_get_replaces (notice), ==, "CN-000040");
    g_assert_cmpstr (lt_change_notice_get_replaced_by (notice), ==, "CN-000044");
  }
  {
    g_autoptr(JsonNode) node = parse_json (notice_json);
    g_autoptr(LtChangeNotice) notice = lt_portal_json_read_change_notice (node, "$", &error);

    g_assert_no_error (error);
    g_assert_null (lt_change_notice_get_review_text (notice));
    g_assert_null (lt_change_notice_get_replaces (notice));
  }
  for (guint i = 0; i < 3; i++)
    {
      const char *text = i == 0 ? "" : i == 1 ? longest : too_long;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(LtChangeNotice) notice = NULL;

      g_free (json);
      json = g_strdup_printf ("{'id': 'CN-000043', 'kind': 'infrastructure', 'title': 'x',"
                              " 'description': '', 'systems': [], 'planned_start': '2026-03-02T14:00:00Z',"
                              " 'planned_end': '2026-03-02T16:00:00Z', 'rollback_plan': '', 'risk': 'low',"
                              " 'state': 'reviewed', 'review_outcome': 'concerns', 'late': false,"
                              " 'submitted_at': '2026-02-20T10:00:00Z', 'updated_at': '2026-02-21T10:00:00Z',"
                              " 'review_text': '%s', 'replaces': null, 'replaced_by': null}", text);
      node = parse_json (json);
      notice = lt_portal_json_read_change_notice (node, "$", &error);
      if (i == 2)
        {
          g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
          g_assert_cmpstr (error->message, ==,
                           "$.review_text: is too long (20001 characters; at most 20000)");
          g_assert_null (notice);
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      if (i == 0)
        g_assert_null (lt_change_notice_get_review_text (notice));
      else
        g_assert_cmpuint (strlen (lt_change_notice_get_review_text (notice)), ==,
                          LT_CHANGE_NOTICE_MAX_REVIEW_TEXT);
    }
}

static void
test_notice_good (void)
{
  g_autoptr(JsonNode) node = parse_json (notice_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtChangeNotice) notice = lt_portal_json_read_change_notice (node, "$", &error);
  const char * const *systems;

  g_assert_no_error (error);
  g_assert_cmpstr (lt_change_notice_get_id (notice), ==, "CN-000042");
  g_assert_cmpint (lt_change_notice_get_kind (notice), ==, LT_CHANGE_KIND_DATABASE_SCHEMA);
  g_assert_cmpstr (lt_change_notice_get_title (notice), ==, "Add an index");
  g_assert_cmpstr (lt_change_notice_get_description (notice), ==, "On the audit table");
  systems = lt_change_notice_get_systems (notice);
  g_assert_cmpstr (systems[0], ==, "db1");
  g_assert_cmpstr (systems[1], ==, "db2");
  g_assert_null (systems[2]);
  lt_assert_instant (lt_change_notice_get_planned_start (notice), "2026-03-02T14:00:00Z");
  lt_assert_instant (lt_change_notice_get_planned_end (notice), "2026-03-02T16:00:00Z");
  g_assert_cmpstr (lt_change_notice_get_rollback_plan (notice), ==, "Drop the index");
  g_assert_cmpint (lt_change_notice_get_risk (notice), ==, LT_RISK_MEDIUM);
  g_assert_cmpint (lt_change_notice_get_state (notice), ==, LT_CHANGE_STATE_REVIEWED);
  g_assert_cmpint (lt_change_notice_get_review_outcome (notice), ==, LT_REVIEW_OUTCOME_NO_CONCERNS);
  g_assert_true (lt_change_notice_get_late (notice));
}

static void
test_page_good (void)
{
  g_autoptr(GString) newer = g_string_new (ticket_list_item_json);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPortalPage) page = NULL;
  g_autoptr(LtPortalPage) last = NULL;
  g_autoptr(LtPortalPage) copy = NULL;
  g_autoptr(JsonNode) last_node = parse_json ("{'items': [], 'next_cursor': null}");

  g_string_replace (newer, "'updated_at': '2026-01-12T15:00:00Z'",
                    "'updated_at': '2026-01-13T08:00:00+01:00'", 1);
  text = g_strdup_printf ("{'items': [%s, %s, %s], 'next_cursor': 'c2'}",
                          ticket_list_item_json, newer->str, ticket_list_item_json);
  node = parse_json (text);

  page = lt_portal_json_read_page (node, (LtPortalJsonReadFunc) lt_portal_json_read_ticket, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 3);
  /* The latest, whatever its position and zone. */
  lt_assert_instant (page->newest_updated_at, "2026-01-13T07:00:00Z");
  copy = lt_portal_page_copy (page);
  lt_assert_instant (copy->newest_updated_at, "2026-01-13T07:00:00Z");
  g_assert_cmpuint (copy->items->len, ==, 3);
  g_assert_true (LT_IS_TICKET (g_ptr_array_index (page->items, 1)));
  /* List items come without events. */
  g_assert_cmpuint (g_list_model_get_n_items (lt_ticket_get_events (g_ptr_array_index (page->items, 0))), ==, 0);
  g_assert_cmpstr (page->next_cursor, ==, "c2");

  last = lt_portal_json_read_page (last_node, (LtPortalJsonReadFunc) lt_portal_json_read_ticket, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (last->items->len, ==, 0);
  g_assert_null (last->next_cursor);
  g_assert_null (last->newest_updated_at);
}

/* A page of GET /tickets: "events_included" decides whether every item
 * must carry its events (read as GET /tickets/{id}'s), and a portal that
 * predates it (no member) gets a plain list's reading. */
static void
test_ticket_page_events (void)
{
  g_autofree char *with = g_strdup_printf ("{'items': [%s], 'next_cursor': null, 'events_included': true}",
                                           ticket_json);
  g_autofree char *claimed = g_strdup_printf ("{'items': [%s, %s], 'next_cursor': null,"
                                              " 'events_included': true}", ticket_json,
                                              ticket_list_item_json);
  g_autofree char *old = g_strdup_printf ("{'items': [%s], 'next_cursor': null}", ticket_list_item_json);
  g_autofree char *plain = g_strdup_printf ("{'items': [%s], 'next_cursor': null, 'events_included': false}",
                                            ticket_list_item_json);
  g_autoptr(JsonNode) with_node = parse_json (with);
  g_autoptr(JsonNode) claimed_node = parse_json (claimed);
  g_autoptr(JsonNode) old_node = parse_json (old);
  g_autoptr(JsonNode) plain_node = parse_json (plain);
  g_autoptr(JsonNode) bad_flag = parse_json ("{'items': [], 'next_cursor': null, 'events_included': 'yes'}");
  g_autoptr(LtPortalPage) page = NULL;
  g_autoptr(LtPortalPage) copy = NULL;
  g_autoptr(GError) error = NULL;

  page = lt_portal_json_read_ticket_page (with_node, &error);
  g_assert_no_error (error);
  g_assert_true (page->events_included);
  g_assert_cmpuint (g_list_model_get_n_items (lt_ticket_get_events (g_ptr_array_index (page->items, 0))), >, 0);
  copy = lt_portal_page_copy (page);
  g_assert_true (copy->events_included);
  g_clear_pointer (&page, lt_portal_page_free);

  page = lt_portal_json_read_ticket_page (claimed_node, &error);
  g_assert_null (page);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "$.items[1].events: missing (required)");
  g_clear_error (&error);

  page = lt_portal_json_read_ticket_page (old_node, &error);
  g_assert_no_error (error);
  g_assert_false (page->events_included);
  g_clear_pointer (&page, lt_portal_page_free);
  page = lt_portal_json_read_ticket_page (plain_node, &error);
  g_assert_no_error (error);
  g_assert_false (page->events_included);
  g_clear_pointer (&page, lt_portal_page_free);

  page = lt_portal_json_read_ticket_page (bad_flag, &error);
  g_assert_null (page);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "$.events_included"));
}

static void
test_error_body (void)
{
  g_autoptr(JsonNode) good = parse_json ("{'error': {'code': 'reopen_window_closed', 'message': 'Too late'}}");
  g_autoptr(JsonNode) html = json_node_init_string (json_node_alloc (), "<html>");
  g_autoptr(JsonNode) no_code = parse_json ("{'error': {'message': 'x'}}");
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  g_assert_true (lt_portal_json_read_error (good, &code, &message));
  g_assert_cmpstr (code, ==, "reopen_window_closed");
  g_assert_cmpstr (message, ==, "Too late");

  /* Lenient: a proxy's answer is not an error body, and not an error. */
  g_assert_false (lt_portal_json_read_error (html, NULL, NULL));
  g_assert_false (lt_portal_json_read_error (no_code, NULL, NULL));
  g_assert_false (lt_portal_json_read_error (NULL, NULL, NULL));
}

/* ---- Missing members: one test per member ---- */

typedef gpointer (*ReadFunc) (JsonNode *node, const char *path, GError **error);

typedef struct
{
  const char *name;
  const char *json;
  ReadFunc    read;
  const char *key;
} MissingCase;

static const MissingCase missing_cases[] = {
#define TICKET_MISSING(k) { "ticket", ticket_json, (ReadFunc) lt_portal_json_read_ticket_with_events, k }
  TICKET_MISSING ("id"), TICKET_MISSING ("title"), TICKET_MISSING ("description"),
  TICKET_MISSING ("severity"), TICKET_MISSING ("category"), TICKET_MISSING ("break_fix"),
  TICKET_MISSING ("security_incident"), TICKET_MISSING ("state"), TICKET_MISSING ("close_reason"),
  TICKET_MISSING ("opened_at"), TICKET_MISSING ("updated_at"),
  TICKET_MISSING ("first_response_at"), TICKET_MISSING ("response_due"),
  TICKET_MISSING ("awaiting_since"), TICKET_MISSING ("resolved_at"),
  TICKET_MISSING ("closed_at"), TICKET_MISSING ("escalation_level"),
  TICKET_MISSING ("product_version"), TICKET_MISSING ("installation"),
  TICKET_MISSING ("contact"), TICKET_MISSING ("known_issue_ids"), TICKET_MISSING ("events"),
#define ACCOUNT_MISSING(k) { "account", account_json, (ReadFunc) lt_portal_json_read_account, k }
  ACCOUNT_MISSING ("customer_name"), ACCOUNT_MISSING ("tier"),
  ACCOUNT_MISSING ("primary_contact"), ACCOUNT_MISSING ("csm_email"),
  ACCOUNT_MISSING ("invoices"),
#define WINDOW_MISSING(k) { "window", window_json, (ReadFunc) lt_portal_json_read_maintenance_window, k }
  WINDOW_MISSING ("id"), WINDOW_MISSING ("kind"), WINDOW_MISSING ("title"),
  WINDOW_MISSING ("description"), WINDOW_MISSING ("starts_at"), WINDOW_MISSING ("ends_at"),
  WINDOW_MISSING ("announced_at"), WINDOW_MISSING ("affects"),
#define NOTICE_MISSING(k) { "notice", notice_json, (ReadFunc) lt_portal_json_read_change_notice, k }
  NOTICE_MISSING ("id"), NOTICE_MISSING ("kind"), NOTICE_MISSING ("title"),
  NOTICE_MISSING ("description"), NOTICE_MISSING ("systems"), NOTICE_MISSING ("planned_start"),
  NOTICE_MISSING ("planned_end"), NOTICE_MISSING ("rollback_plan"), NOTICE_MISSING ("risk"),
  NOTICE_MISSING ("state"), NOTICE_MISSING ("review_outcome"), NOTICE_MISSING ("late"),
};

static void
test_missing (gconstpointer data)
{
  const MissingCase *c = data;
  g_autoptr(JsonNode) node = parse_json (c->json);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("$.%s: missing (required)", c->key);
  gpointer result;

  g_assert_true (json_object_has_member (json_node_get_object (node), c->key));
  json_object_remove_member (json_node_get_object (node), c->key);

  result = c->read (node, "$", &error);
  g_assert_null (result);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, expected);
}

/* ---- Bad values: the good answer with one piece of text replaced ---- */

typedef struct
{
  const char *name;
  const char *json;
  ReadFunc    read;
  const char *find;
  const char *replace;
  const char *message;
} BadCase;

#define T(n, f, r, m) { "ticket/" n, ticket_json, (ReadFunc) lt_portal_json_read_ticket_with_events, f, r, m }
#define A(n, f, r, m) { "account/" n, account_json, (ReadFunc) lt_portal_json_read_account, f, r, m }
#define W(n, f, r, m) { "window/" n, window_json, (ReadFunc) lt_portal_json_read_maintenance_window, f, r, m }
#define N(n, f, r, m) { "notice/" n, notice_json, (ReadFunc) lt_portal_json_read_change_notice, f, r, m }

static const BadCase bad_cases[] = {
  /* The review text and the rescheduling members (issue 12) */
  N ("review-text-number", "'reviewer': 'someone'", "'review_text': 5",
     "$.review_text: expected a string or null, found “5”"),
  N ("replaces-empty", "'reviewer': 'someone'", "'replaces': ''", "$.replaces: must not be empty"),
  N ("replaced-by-array", "'reviewer': 'someone'", "'replaced_by': ['CN-000043']",
     "$.replaced_by: expected a string or null, found an array"),
  /* Wrong types */
  T ("title-number", "'title': 'Login fails'", "'title': 5",
     "$.title: expected a string, found “5”"),
  T ("break-fix-string", "'break_fix': true", "'break_fix': 'yes'",
     "$.break_fix: expected true or false, found the text “yes”"),
  T ("level-too-high", "'escalation_level': 1", "'escalation_level': 4",
     "$.escalation_level: expected a whole number from 0 to 3, found “4”"),
  T ("level-fraction", "'escalation_level': 1", "'escalation_level': 1.5",
     "$.escalation_level: expected a whole number from 0 to 3, found “1.5”"),
  T ("level-string", "'escalation_level': 1", "'escalation_level': '1'",
     "$.escalation_level: expected a whole number from 0 to 3, found the text “1”"),
  T ("known-issues-element", "['LT-1234', 'LT-77']", "['LT-1234', 77]",
     "$.known_issue_ids[1]: expected a string, found “77”"),
  T ("known-issues-object", "'known_issue_ids': ['LT-1234', 'LT-77']", "'known_issue_ids': {}",
     "$.known_issue_ids: expected an array of strings, found an object"),
  T ("events-object", "'events': [", "'events': {'x': 1}, 'later': [",
     "$.events: expected an array, found an object"),
  T ("id-empty", "'id': 'LT-000123'", "'id': ''", "$.id: must not be empty"),
  T ("title-null", "'title': 'Login fails'", "'title': null", "$.title: must not be null"),
  /* Enums */
  T ("severity-nick", "'severity': 's2'", "'severity': 's9'",
     "$.severity: “s9” is not a valid value (expected one of: s1, s2, s3, feature)"),
  T ("state-local", "'state': 'in-progress'", "'state': 'queued'",
     "$.state: “queued” is a state only this app uses; the portal cannot report it"),
  /* The id keys LockThreat's answers in the notifications (lt-alerts.h). */
  T ("event-id-missing", "{'id': 'EV-000002', ", "{",
     "$.events[1].id: missing (required)"),
  T ("event-id-empty", "'id': 'EV-000002'", "'id': ''",
     "$.events[1].id: must not be empty"),
  T ("close-reason-nick", "'close_reason': 'none'", "'close_reason': 'fixed'",
     "$.close_reason: “fixed” is not a valid value (expected one of: none, confirmed, "
     "no-response, resolved-timeout, fixed-in-current, withdrawn)"),
  /* Times */
  T ("opened-at-words", "'opened_at': '2026-01-09T21:40:00Z'", "'opened_at': 'yesterday'",
     "$.opened_at: “yesterday” is not an RFC 3339 time with an "
     "offset (e.g. 2026-11-27T11:00:00-05:00)"),
  T ("updated-at-no-offset", "'updated_at': '2026-01-12T15:00:00Z'",
     "'updated_at': '2026-01-12T15:00:00'",
     "$.updated_at: “2026-01-12T15:00:00” is not an RFC 3339 time "
     "with an offset (e.g. 2026-11-27T11:00:00-05:00)"),
  T ("opened-at-null", "'opened_at': '2026-01-09T21:40:00Z'", "'opened_at': null",
     "$.opened_at: must not be null"),
  /* Issue 10: stored, these crashed every later start (no local date on
   * the other side of UTC). */
  T ("opened-at-year-1", "'opened_at': '2026-01-09T21:40:00Z'", "'opened_at': '0001-01-01T00:00:00Z'",
     "$.opened_at: “0001-01-01T00:00:00Z” is outside the supported range of times "
     "(0001-01-02T00:00:00Z to 9999-12-30T23:59:59Z)"),
  T ("updated-at-year-10000-utc", "'updated_at': '2026-01-12T15:00:00Z'",
     "'updated_at': '9999-12-31T23:59:59-12:00'",
     "$.updated_at: “9999-12-31T23:59:59-12:00” is outside the supported range of times "
     "(0001-01-02T00:00:00Z to 9999-12-30T23:59:59Z)"),
  T ("event-at-year-1", "'at': '2026-01-12T14:10:00Z'", "'at': '0001-01-01T05:00:00+05:00'",
     "$.events[1].at: “0001-01-01T05:00:00+05:00” is outside the supported range of times "
     "(0001-01-02T00:00:00Z to 9999-12-30T23:59:59Z)"),
  /* Nested: events */
  T ("event-kind", "'kind': 'comment'", "'kind': 'note'",
     "$.events[1].kind: “note” is not a valid value (expected one of: comment, state-change, "
     "escalation, attachment)"),
  T ("event-to-state-null", "'to_state': 'submitted'", "'to_state': null",
     "$.events[0].to_state: must not be null"),
  T ("event-escalation-level-0", "'level': 1,", "'level': 0,",
     "$.events[2].level: expected a whole number from 1 to 3, found “0”"),
  T ("event-at", "'at': '2026-01-12T14:10:00Z'", "'at': 20260112",
     "$.events[1].at: expected a string, found “20260112”"),
  T ("event-attachment-null", "'level': 0, 'attachment': {", "'level': 0, 'attachment': null, 'x': {",
     "$.events[3].attachment: must not be null"),
  T ("event-attachment-size", "'size': 123456", "'size': -1",
     "$.events[3].attachment.size: expected a whole number from 0 to 9223372036854775807, found “-1”"),
  T ("event-attachment-name", "'name': 'bundle.tar.gz', ", "",
     "$.events[3].attachment.name: missing (required)"),
  T ("event-author", "'author': 'Portal', ", "", "$.events[0].author: missing (required)"),
  /* Account */
  A ("tier-nick", "'tier': 'enterprise'", "'tier': 'gold'",
     "$.tier: “gold” is not a valid value (expected one of: essential, professional, enterprise)"),
  A ("amount-number", "'amount': '1250.00'", "'amount': 1250.00",
     "$.invoices[0].amount: expected the amount as decimal text (e.g. \"1250.00\"), found “1250”"),
  A ("amount-comma", "'amount': '1250.00'", "'amount': '1250,00'",
     "$.invoices[0].amount: “1250,00” is not a decimal amount (e.g. \"1250.00\")"),
  A ("amount-dot", "'amount': '-20.5'", "'amount': '20.'",
     "$.invoices[1].amount: “20.” is not a decimal amount (e.g. \"1250.00\")"),
  A ("currency", "'currency': 'EUR'", "'currency': 'euro'",
     "$.invoices[1].currency: “euro” is not an ISO 4217 currency code (e.g. \"USD\")"),
  A ("issued-date", "'issued': '2026-01-05'", "'issued': '2026-02-30'",
     "$.invoices[0].issued: “2026-02-30” is not a valid calendar date"),
  A ("paid-missing", "'currency': 'USD', 'paid': false", "'currency': 'USD'",
     "$.invoices[0].paid: missing (required)"),
  A ("contact-phone", ", 'phone': '+1 317 555 0100'", "",
     "$.primary_contact.phone: missing (required)"),
  A ("contact-array", "{'name': 'Jo Admin', 'email': 'jo@acme.example', 'phone': '+1 317 555 0100'}",
     "['Jo Admin']", "$.primary_contact: expected an object, found an array"),
  /* Maintenance window */
  W ("kind-nick", "'kind': 'emergency'", "'kind': 'urgent'",
     "$.kind: “urgent” is not a valid value (expected one of: scheduled, emergency, upgrade-package)"),
  W ("affects-nick", "'affects': 'on-prem'", "'affects': 'onprem'",
     "$.affects: “onprem” is not a valid value (expected one of: saas, on-prem, both)"),
  W ("ends-before-start", "'ends_at': '2026-02-01T11:00:00Z'", "'ends_at': '2026-02-01T09:00:00Z'",
     "$.ends_at: the window ends before it starts"),
  /* Change notice */
  N ("state-local", "'state': 'reviewed'", "'state': 'queued'",
     "$.state: “queued” is a state only this app uses; the portal cannot report it"),
  N ("state-draft", "'state': 'reviewed'", "'state': 'draft'",
     "$.state: “draft” is a state only this app uses; the portal cannot report it"),
  N ("updated-at-missing", " 'updated_at': '2026-02-21T10:00:00Z',", "",
     "$.updated_at: missing (required)"),
  N ("risk-nick", "'risk': 'medium'", "'risk': 'moderate'",
     "$.risk: “moderate” is not a valid value (expected one of: low, medium, high)"),
  N ("systems-element", "['db1', 'db2']", "['db1', null]",
     "$.systems[1]: expected a string, found null"),
  N ("late-string", "'late': true", "'late': 'true'",
     "$.late: expected true or false, found the text “true”"),
  N ("ends-before-start", "'planned_end': '2026-03-02T16:00:00Z'",
     "'planned_end': '2026-03-02T13:00:00Z'",
     "$.planned_end: the change ends before it starts"),
};

#undef T
#undef A
#undef W
#undef N

static void
test_bad (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GString) text = g_string_new (c->json);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;

  /* The replaced text must exist, or the test would pass for nothing. */
  g_assert_cmpuint (g_string_replace (text, c->find, c->replace, 1), ==, 1);
  node = parse_json (text->str);

  result = c->read (node, "$", &error);
  g_assert_null (result);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, c->message);
}

/* The path of a list item's field is the whole path from the root. */
static void
test_page_item_path (void)
{
  g_autoptr(GString) bad_item = g_string_new (ticket_list_item_json);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPortalPage) page = NULL;

  g_string_replace (bad_item, "'opened_at': '2026-01-09T21:40:00Z'", "'opened_at': 'soon'", 1);
  text = g_strdup_printf ("{'items': [%s, %s, %s, %s], 'next_cursor': null}",
                          ticket_list_item_json, ticket_list_item_json, ticket_list_item_json,
                          bad_item->str);
  node = parse_json (text);

  page = lt_portal_json_read_page (node, (LtPortalJsonReadFunc) lt_portal_json_read_ticket, &error);
  g_assert_null (page);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==,
                   "$.items[3].opened_at: “soon” is not an RFC 3339 "
                   "time with an offset (e.g. 2026-11-27T11:00:00-05:00)");
}

static void
test_page_bad (void)
{
  static const struct { const char *json; const char *message; } cases[] = {
    { "{'next_cursor': null}", "$.items: missing (required)" },
    { "{'items': []}", "$.next_cursor: missing (required)" },
    { "{'items': {}, 'next_cursor': null}", "$.items: expected an array, found an object" },
    { "{'items': [], 'next_cursor': 7}", "$.next_cursor: expected a string or null, found “7”" },
    { "{'items': [], 'next_cursor': ''}", "$.next_cursor: must not be empty (null marks the last page)" },
    { "{'items': [3], 'next_cursor': null}", "$.items[0]: expected an object, found “3”" },
    /* The incremental sync needs every item's updated_at. */
    { "{'items': [{'id': 'CN-000001', 'kind': 'infrastructure', 'title': 't', 'description': '',"
      " 'systems': [], 'planned_start': '2026-03-02T14:00:00Z', 'planned_end': '2026-03-02T16:00:00Z',"
      " 'rollback_plan': '', 'risk': 'low', 'state': 'submitted', 'review_outcome': 'none',"
      " 'late': false}], 'next_cursor': null}",
      "$.items[0].updated_at: missing (required)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse_json (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(LtPortalPage) page = NULL;

      page = lt_portal_json_read_page (node, (LtPortalJsonReadFunc) lt_portal_json_read_change_notice,
                                       &error);
      g_assert_null (page);
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* ---- Writers ---- */

static void
assert_json_equal (JsonNode   *node,
                   const char *expected)
{
  g_autoptr(JsonNode) want = parse_json (expected);

  if (!json_node_equal (node, want))
    {
      g_autofree char *got = json_to_string (node, TRUE);
      g_autofree char *wanted = json_to_string (want, TRUE);
      g_autofree char *msg = g_strdup_printf ("JSON differs:\n%s\nexpected:\n%s", got, wanted);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
    }
}

static void
test_ticket_request (void)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new_draft ();
  g_autoptr(LtTicket) feature = lt_ticket_new_draft ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) feature_body = NULL;
  g_autoptr(JsonNode) criteria = parse_json ("{'customer-impact': 'All admins', "
                                             "'regulatory-compliance': 'None'}");
  const char * const ids[] = { "LT-1234", NULL };

  lt_ticket_set_title (ticket, "Login fails");
  lt_ticket_set_description (ticket, "SSO is broken");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S1);
  lt_ticket_set_category (ticket, "custom-code");
  lt_ticket_set_break_fix (ticket, TRUE);
  lt_ticket_set_product_version (ticket, "3.3.1");
  lt_ticket_set_known_issue_ids (ticket, ids);

  /* Strict request bodies: exactly the contract's members; what is not
   * set is left out (the contract refuses unknown members, and the local
   * id travels as the Idempotency-Key, not in the body). */
  body = lt_portal_json_write_ticket_request (ticket, NULL, TRUE, "LT-000100");
  assert_json_equal (body,
                     "{'title': 'Login fails', 'description': 'SSO is broken', 'severity': 's1',"
                     " 'category': 'custom-code', 'break_fix': true, 'security_incident': false,"
                     " 'product_version': '3.3.1', 'known_issue_ids': ['LT-1234'],"
                     " 'scope_acknowledged': true, 'references_ticket': 'LT-000100'}");

  lt_ticket_set_title (feature, "Dark mode");
  lt_ticket_set_description (feature, "Please");
  lt_ticket_set_severity (feature, LT_SEVERITY_FEATURE);
  lt_ticket_set_category (feature, "updates");
  feature_body = lt_portal_json_write_ticket_request (feature, json_node_get_object (criteria),
                                                      FALSE, NULL);
  assert_json_equal (feature_body,
                     "{'title': 'Dark mode', 'description': 'Please', 'severity': 'feature',"
                     " 'category': 'updates', 'break_fix': false, 'security_incident': false,"
                     " 'known_issue_ids': [], 'feature_criteria': {'customer-impact': 'All admins',"
                     " 'regulatory-compliance': 'None'}}");
}

static void
test_change_notice_request (void)
{
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new_queued ();
  g_autoptr(GDateTime) start = lt_test_instant ("2026-03-02T09:00:00-05:00");
  g_autoptr(GDateTime) end = lt_test_instant ("2026-03-02T11:00:00-05:00");
  g_autoptr(JsonNode) body = NULL;
  const char * const systems[] = { "db1", NULL };

  lt_change_notice_set_kind (notice, LT_CHANGE_KIND_THIRD_PARTY);
  lt_change_notice_set_title (notice, "Upgrade the SMTP relay");
  lt_change_notice_set_systems (notice, systems);
  lt_change_notice_set_planned_start (notice, start);
  lt_change_notice_set_planned_end (notice, end);
  lt_change_notice_set_risk (notice, LT_RISK_HIGH);

  /* Times go out in UTC ("Z"), as the contract writes them. */
  body = lt_portal_json_write_change_notice_request (notice);
  assert_json_equal (body,
                     "{'kind': 'third-party', 'title': 'Upgrade the SMTP relay', 'description': '',"
                     " 'systems': ['db1'], 'planned_start': '2026-03-02T14:00:00Z',"
                     " 'planned_end': '2026-03-02T16:00:00Z', 'rollback_plan': '', 'risk': 'high'}");
}

/* Writing a model and reading it back gives the same model. */
static void
test_round_trip (void)
{
  g_autoptr(JsonNode) ticket_node = parse_json (ticket_json);
  g_autoptr(JsonNode) account_node = parse_json (account_json);
  g_autoptr(JsonNode) window_node = parse_json (window_json);
  g_autoptr(JsonNode) notice_node = parse_json (notice_json);
  g_autoptr(LtTicket) ticket = lt_portal_json_read_ticket_with_events (ticket_node, "$", NULL);
  g_autoptr(LtAccount) account = lt_portal_json_read_account (account_node, "$", NULL);
  g_autoptr(LtMaintenanceWindow) window = lt_portal_json_read_maintenance_window (window_node, "$", NULL);
  g_autoptr(LtChangeNotice) notice = lt_portal_json_read_change_notice (notice_node, "$", NULL);
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonNode) rewritten = NULL;
  g_autoptr(LtTicket) ticket2 = NULL;
  g_autoptr(LtAccount) account2 = NULL;
  g_autoptr(LtMaintenanceWindow) window2 = NULL;
  g_autoptr(LtChangeNotice) notice2 = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (ticket);
  written = lt_portal_json_write_ticket (ticket, TRUE);
  ticket2 = lt_portal_json_read_ticket_with_events (written, "$", &error);
  g_assert_no_error (error);
  rewritten = lt_portal_json_write_ticket (ticket2, TRUE);
  g_assert_true (json_node_equal (written, rewritten));
  g_assert_cmpuint (g_list_model_get_n_items (lt_ticket_get_events (ticket2)), ==, 4);
  lt_assert_instant (lt_ticket_get_response_due (ticket2), "2026-01-12T14:40:00Z");
  g_clear_pointer (&written, json_node_unref);
  g_clear_pointer (&rewritten, json_node_unref);

  g_assert_nonnull (account);
  written = lt_test_portal_json_write_account (account);
  account2 = lt_portal_json_read_account (written, "$", &error);
  g_assert_no_error (error);
  g_assert_true (lt_contact_equal (lt_account_get_primary_contact (account),
                                   lt_account_get_primary_contact (account2)));
  g_assert_cmpuint (lt_account_get_invoices (account2)->len, ==, 2);
  g_assert_true (lt_invoice_equal (g_ptr_array_index (lt_account_get_invoices (account), 0),
                                   g_ptr_array_index (lt_account_get_invoices (account2), 0)));
  g_clear_pointer (&written, json_node_unref);

  g_assert_nonnull (window);
  written = lt_test_portal_json_write_maintenance_window (window);
  window2 = lt_portal_json_read_maintenance_window (written, "$", &error);
  g_assert_no_error (error);
  rewritten = lt_test_portal_json_write_maintenance_window (window2);
  g_assert_true (json_node_equal (written, rewritten));
  g_clear_pointer (&written, json_node_unref);
  g_clear_pointer (&rewritten, json_node_unref);

  g_assert_nonnull (notice);
  written = lt_test_portal_json_write_change_notice (notice);
  notice2 = lt_portal_json_read_change_notice (written, "$", &error);
  g_assert_no_error (error);
  rewritten = lt_test_portal_json_write_change_notice (notice2);
  g_assert_true (json_node_equal (written, rewritten));
  g_assert_true (lt_change_notice_get_late (notice2));
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/portal-json/account/good", test_account_good);
  g_test_add_func ("/lt/portal-json/account/no-contact", test_account_no_contact);
  g_test_add_func ("/lt/portal-json/ticket/good", test_ticket_good);
  g_test_add_func ("/lt/portal-json/window/good", test_window_good);
  g_test_add_func ("/lt/portal-json/notice/good", test_notice_good);
  g_test_add_func ("/lt/portal-json/notice/review-text", test_notice_review_text);
  g_test_add_func ("/lt/portal-json/page/good", test_page_good);
  g_test_add_func ("/lt/portal-json/page/item-path", test_page_item_path);
  g_test_add_func ("/lt/portal-json/page/bad", test_page_bad);
  g_test_add_func ("/lt/portal-json/page/ticket-events", test_ticket_page_events);
  g_test_add_func ("/lt/portal-json/error-body", test_error_body);
  g_test_add_func ("/lt/portal-json/duplicate-member", test_duplicate_member);

  for (guint i = 0; i < G_N_ELEMENTS (missing_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lt/portal-json/%s/missing/%s",
                                               missing_cases[i].name, missing_cases[i].key);

      g_test_add_data_func (path, &missing_cases[i], test_missing);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lt/portal-json/bad/%s", bad_cases[i].name);

      g_test_add_data_func (path, &bad_cases[i], test_bad);
    }

  g_test_add_func ("/lt/portal-json/write/ticket-request", test_ticket_request);
  g_test_add_func ("/lt/portal-json/write/change-notice-request", test_change_notice_request);
  g_test_add_func ("/lt/portal-json/write/round-trip", test_round_trip);

  return g_test_run ();
}
