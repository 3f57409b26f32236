/* test-portal-prism-mock.c: LtPortalClient against Stoplight Prism's mock
 * of data/portal-api.yaml
 *
 * Interoperability with the contract itself, not with our own server: every
 * operation of the client runs against `prism mock`, which validates each
 * request against the document (a body, header or query parameter the
 * contract does not allow is answered 400 and logged as a violation) and
 * answers with the document's examples (components/examples), which the
 * client must map into models holding exactly the examples' values.
 *
 * Run by tests/prism/run-client-against-mock.sh, which starts Prism and
 * base-path-proxy.js (Prism serves the paths without the servers' /api/v1)
 * and sets LT_PRISM_MOCK_URL to the portal root the proxy offers; it fails
 * the run on any violation Prism logged. Without that variable this
 * program skips (77).
 *
 * Prism answers an operation with the first example of the lowest 2xx
 * status it declares. Every POST that declares 201 also declares the 200
 * of a replayed Idempotency-Key, so the mock answers those with the 200
 * and "Idempotent-Replayed: true": the tests assert that the client
 * reports a replay there, which is what a real portal's replay looks like.
 * A portal URL of the form ROOT/prefer/code=503 makes the proxy send
 * "Prefer: code=503", Prism's way of asking for another documented
 * status, since the client itself never sends Prefer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "lt-test-prism-mock"

#include "lt-test-util.h"
#include "lt-portal-client.h"

#include <string.h>

/* Distinctive, so that it would be recognised anywhere it leaked to. */
#define TOKEN "ltPrismMock.Hq4Tz8Wn2Rc6Vx1Lp9Js-3Kd7"

/* The ETag and Retry-After of components/headers in the document. */
#define EXAMPLE_ETAG "\"9c1f3e0a5b7d42e8a6f1c3b5d7e9f021\""
#define EXAMPLE_RETRY_AFTER 120

/* The mocked ticket (components/examples/Ticket) and change notice. */
#define TICKET_ID "LT-000123"
#define NOTICE_ID "CN-000042"

static const char *mock_url;

typedef struct
{
  LtCredentials  *credentials;
  LtPortalClient *client;
} Fixture;

static LtPortalClient *
client_new (const char     *url,
            LtCredentials **credentials_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) credentials = lt_credentials_new (url, &error);
  LtPortalClient *client;

  g_assert_no_error (error);
  client = lt_portal_client_new (url, credentials, NULL, &error);
  g_assert_no_error (error);
  /* Prism answers in milliseconds; a hang should fail the test quickly
   * rather than run into meson's timeout. */
  lt_portal_client_set_timeout (client, 20);
  *credentials_out = g_steal_pointer (&credentials);
  return client;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *url = NULL;

  /* @data: the Prefer value the proxy should send, or NULL. */
  if (data != NULL)
    url = g_strdup_printf ("%s/prefer/%s", mock_url, (const char *) data);
  else
    url = g_strdup (mock_url);
  fixture->client = client_new (url, &fixture->credentials);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->credentials);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Iterates the main context until the operation that writes *slot ends. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* A fresh key per request, as the outbox makes them: the contract wants a
 * UUID, and Prism refuses anything else. */
static char *
new_key (void)
{
  return g_uuid_string_random ();
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *text = lt_test_format_date (date);

  g_assert_cmpstr (text, ==, expected);
}

/* ---- What the examples hold --------------------------------------------- */

/* components/examples/Ticket: LT-000123, in progress, five events. */
static void
assert_example_ticket (LtTicket *ticket)
{
  GListModel *events;
  g_autoptr(LtTicketEvent) submitted = NULL;
  g_autoptr(LtTicketEvent) triaged = NULL;
  g_autoptr(LtTicketEvent) comment = NULL;
  g_autoptr(LtTicketEvent) attachment = NULL;

  g_assert_nonnull (ticket);
  g_assert_cmpstr (lt_ticket_get_id (ticket), ==, TICKET_ID);
  g_assert_cmpstr (lt_ticket_get_title (ticket), ==,
                   "Collector stops forwarding events after the upgrade to 3.5.1");
  g_assert_true (g_str_has_prefix (lt_ticket_get_description (ticket),
                                   "Since nw-col-02 was upgraded to 3.5.1 on Saturday"));
  g_assert_cmpint (lt_ticket_get_severity (ticket), ==, LT_SEVERITY_S2);
  g_assert_cmpstr (lt_ticket_get_category (ticket), ==, "troubleshooting");
  g_assert_true (lt_ticket_get_break_fix (ticket));
  g_assert_false (lt_ticket_get_security_incident (ticket));
  g_assert_cmpint (lt_ticket_get_state (ticket), ==, LT_TICKET_STATE_IN_PROGRESS);
  g_assert_cmpint (lt_ticket_get_close_reason (ticket), ==, LT_CLOSE_REASON_NONE);
  lt_assert_instant (lt_ticket_get_opened_at (ticket), "2026-11-23T14:12:09Z");
  lt_assert_instant (lt_ticket_get_updated_at (ticket), "2026-11-23T16:20:31Z");
  lt_assert_instant (lt_ticket_get_first_response_at (ticket), "2026-11-23T15:02:40Z");
  /* Enterprise S2: 120 business minutes after 09:12 in Indianapolis. */
  lt_assert_instant (lt_ticket_get_response_due (ticket), "2026-11-23T16:12:09Z");
  g_assert_null (lt_ticket_get_awaiting_since (ticket));
  g_assert_null (lt_ticket_get_resolved_at (ticket));
  g_assert_null (lt_ticket_get_closed_at (ticket));
  g_assert_cmpuint (lt_ticket_get_escalation_level (ticket), ==, 0);
  g_assert_cmpstr (lt_ticket_get_product_version (ticket), ==, "3.5.1");
  g_assert_cmpstr (lt_ticket_get_installation (ticket), ==, "Production (Indianapolis data centre)");
  g_assert_null (lt_ticket_get_contact (ticket));
  /* An empty list is no list in the model. */
  g_assert_null (lt_ticket_get_known_issue_ids (ticket));

  events = lt_ticket_get_events (ticket);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 5);

  submitted = g_list_model_get_item (events, 0);
  g_assert_cmpint (lt_ticket_event_get_kind (submitted), ==, LT_TICKET_EVENT_KIND_STATE_CHANGE);
  g_assert_cmpint (lt_ticket_event_get_to_state (submitted), ==, LT_TICKET_STATE_SUBMITTED);
  g_assert_cmpstr (lt_ticket_event_get_author (submitted), ==, "Priya Raman");
  lt_assert_instant (lt_ticket_event_get_at (submitted), "2026-11-23T14:12:09Z");

  triaged = g_list_model_get_item (events, 1);
  g_assert_cmpint (lt_ticket_event_get_from_state (triaged), ==, LT_TICKET_STATE_SUBMITTED);
  g_assert_cmpint (lt_ticket_event_get_to_state (triaged), ==, LT_TICKET_STATE_TRIAGED);

  comment = g_list_model_get_item (events, 2);
  g_assert_cmpint (lt_ticket_event_get_kind (comment), ==, LT_TICKET_EVENT_KIND_COMMENT);
  g_assert_cmpstr (lt_ticket_event_get_author (comment), ==, "Marcus Webb (LockThreat Support)");
  g_assert_true (g_str_has_prefix (lt_ticket_event_get_body (comment),
                                   "Thank you, Priya. Please upload the collector log"));

  attachment = g_list_model_get_item (events, 4);
  g_assert_cmpint (lt_ticket_event_get_kind (attachment), ==, LT_TICKET_EVENT_KIND_ATTACHMENT);
  g_assert_cmpstr (lt_ticket_event_get_body (attachment), ==,
                   "Collector log of nw-col-02, restarted at 15:40 UTC");
  g_assert_cmpstr (lt_ticket_event_get_attachment_name (attachment), ==,
                   "nw-col-02-collector.log.gz");
  g_assert_cmpuint (lt_ticket_event_get_attachment_size (attachment), ==, 482113);
}

/* components/examples/ChangeNotice and its later states. */
static void
assert_example_notice (LtChangeNotice *notice,
                       LtChangeState   state)
{
  const char * const *systems;

  g_assert_nonnull (notice);
  g_assert_cmpstr (lt_change_notice_get_id (notice), ==, NOTICE_ID);
  g_assert_cmpint (lt_change_notice_get_kind (notice), ==, LT_CHANGE_KIND_DATABASE_SCHEMA);
  g_assert_cmpstr (lt_change_notice_get_title (notice), ==,
                   "Add reporting indexes to the LockThreat database");
  systems = lt_change_notice_get_systems (notice);
  g_assert_cmpuint (g_strv_length ((char **) systems), ==, 2);
  g_assert_cmpstr (systems[0], ==, "lockthreat-db (PostgreSQL 15)");
  lt_assert_instant (lt_change_notice_get_planned_start (notice), "2026-12-08T03:00:00Z");
  lt_assert_instant (lt_change_notice_get_planned_end (notice), "2026-12-08T05:00:00Z");
  g_assert_cmpstr (lt_change_notice_get_rollback_plan (notice), ==,
                   "Drop the two indexes (DROP INDEX CONCURRENTLY); no data changes.");
  g_assert_cmpint (lt_change_notice_get_risk (notice), ==, LT_RISK_LOW);
  g_assert_cmpint (lt_change_notice_get_state (notice), ==, state);
  g_assert_cmpint (lt_change_notice_get_review_outcome (notice), ==, LT_REVIEW_OUTCOME_NONE);
  g_assert_false (lt_change_notice_get_late (notice));
}

/* ---- Documents ------------------------------------------------------------ */

static void
test_account (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtAccount) account = NULL;
  const LtContact *contact;
  GPtrArray *invoices;
  const LtInvoice *invoice;

  lt_portal_client_get_account_async (fixture->client, NULL, result_cb, &result);
  account = lt_portal_client_get_account_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lt_portal_result_get_status (result), ==, 200);

  g_assert_cmpstr (lt_account_get_customer_name (account), ==, "Northwind Logistics, Inc.");
  g_assert_cmpint (lt_account_get_tier (account), ==, LT_TIER_ENTERPRISE);
  contact = lt_account_get_primary_contact (account);
  g_assert_nonnull (contact);
  g_assert_cmpstr (contact->name, ==, "Priya Raman");
  g_assert_cmpstr (contact->email, ==, "priya.raman@northwind-logistics.example");
  g_assert_cmpstr (contact->phone, ==, "+1 317 555 0142");
  g_assert_cmpstr (lt_account_get_csm_email (account), ==, "csm@lockthreat.com");

  invoices = lt_account_get_invoices (account);
  g_assert_cmpuint (invoices->len, ==, 3);
  invoice = g_ptr_array_index (invoices, 1);
  g_assert_cmpstr (invoice->id, ==, "INV-2026-0587");
  assert_date (&invoice->issued, "2026-08-23");
  /* Decimal text, exactly as the portal wrote it. */
  g_assert_cmpstr (invoice->amount, ==, "18750.00");
  g_assert_cmpstr (invoice->currency, ==, "USD");
  g_assert_false (invoice->paid);
}

static void
test_policy (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(LtPolicy) reparsed = NULL;
  const LtEscalationLevel *levels;
  guint n_levels = 0, n_categories = 0, minutes = 0;

  lt_portal_client_get_policy_async (fixture->client, NULL, NULL, result_cb, &result);
  g_assert_true (lt_portal_client_get_policy_finish (fixture->client, wait_for (&result), &policy,
                                                     &etag, &document, &error));
  g_assert_no_error (error);
  g_assert_nonnull (policy);
  g_assert_cmpstr (etag, ==, EXAMPLE_ETAG);

  g_assert_cmpstr (lt_policy_get_title (policy), ==, "LockThreat Technical Support Policy");
  assert_date (lt_policy_get_effective_date (policy), "2025-06-26");
  assert_date (lt_policy_get_updated_date (policy), "2025-09-24");
  g_assert_true (lt_policy_get_sla_is_default (policy));
  g_assert_true (lt_policy_get_response_minutes (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S2, &minutes));
  g_assert_cmpuint (minutes, ==, 120);
  g_assert_true (lt_policy_get_response_minutes (policy, LT_TIER_ESSENTIAL, LT_SEVERITY_S3, &minutes));
  g_assert_cmpuint (minutes, ==, 1080);
  g_assert_false (lt_policy_get_response_minutes (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_FEATURE,
                                                  &minutes));
  levels = lt_policy_get_escalation_levels (policy, &n_levels);
  g_assert_cmpuint (n_levels, ==, 3);
  g_assert_cmpstr (levels[1].title, ==, "Director, Customer Experience");
  lt_policy_get_scope_categories (policy, &n_categories);
  g_assert_cmpuint (n_categories, ==, 8);
  g_assert_cmpstr (lt_policy_get_critical_phone (policy), ==, "+1-317-886-0121");

  /* The body kept for the store is a document the core loader takes. */
  reparsed = lt_policy_new_from_bytes (document, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_policy_get_title (reparsed), ==, lt_policy_get_title (policy));
}

static void
test_releases (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(LtVersion) withdrawn = lt_version_parse ("3.5.0", NULL);
  g_autofree char *etag = NULL;
  LtRelease *release;

  lt_portal_client_get_releases_async (fixture->client, NULL, NULL, result_cb, &result);
  g_assert_true (lt_portal_client_get_releases_finish (fixture->client, wait_for (&result), &catalog,
                                                       &etag, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (etag, ==, EXAMPLE_ETAG);

  release = lt_release_catalog_get_current (catalog);
  g_assert_cmpstr (lt_version_to_string (lt_release_get_version (release)), ==, "3.5.1");
  assert_date (lt_release_get_released (release), "2026-10-06");
  g_assert_cmpuint (g_strv_length ((char **) lt_release_get_fixes (release)), ==, 3);
  release = lt_release_catalog_lookup (catalog, withdrawn);
  g_assert_nonnull (release);
  g_assert_true (lt_release_get_withdrawn (release));
  /* R2 on the portal's catalog: current and two below, 3.5.0 skipped. */
  release = lt_release_catalog_get_floor (catalog, 2);
  g_assert_cmpstr (lt_version_to_string (lt_release_get_version (release)), ==, "3.4.1");
}

/* ---- Lists ---------------------------------------------------------------- */

static void
test_maintenance_windows (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) from = lt_test_instant ("2026-12-01T00:00:00Z");
  g_autoptr(GDateTime) to = lt_test_instant ("2027-01-01T00:00:00Z");
  g_autoptr(GDateTime) since = lt_test_instant ("2026-11-01T00:00:00Z");
  g_autoptr(LtPortalPage) page = NULL;
  LtMaintenanceWindow *window;

  lt_portal_client_list_maintenance_windows_async (fixture->client, from, to, since, NULL, 50, NULL,
                                                   result_cb, &result);
  page = lt_portal_client_list_maintenance_windows_finish (fixture->client, wait_for (&result),
                                                           &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 2);
  g_assert_null (page->next_cursor);
  lt_assert_instant (page->newest_updated_at, "2026-11-24T15:00:00Z");

  window = g_ptr_array_index (page->items, 0);
  g_assert_cmpstr (lt_maintenance_window_get_id (window), ==, "MW-000007");
  g_assert_cmpint (lt_maintenance_window_get_kind (window), ==, LT_MAINTENANCE_KIND_SCHEDULED);
  g_assert_cmpstr (lt_maintenance_window_get_title (window), ==, "Monthly SaaS platform maintenance");
  g_assert_true (g_str_has_prefix (lt_maintenance_window_get_description (window),
                                   "Database patching and load balancer firmware."));
  lt_assert_instant (lt_maintenance_window_get_starts_at (window), "2026-12-06T07:00:00Z");
  lt_assert_instant (lt_maintenance_window_get_ends_at (window), "2026-12-06T11:00:00Z");
  lt_assert_instant (lt_maintenance_window_get_announced_at (window), "2026-11-20T17:00:00Z");
  g_assert_cmpint (lt_maintenance_window_get_affects (window), ==, LT_MAINTENANCE_AFFECTS_SAAS);

  window = g_ptr_array_index (page->items, 1);
  g_assert_cmpstr (lt_maintenance_window_get_id (window), ==, "MW-000008");
  g_assert_cmpint (lt_maintenance_window_get_kind (window), ==, LT_MAINTENANCE_KIND_UPGRADE_PACKAGE);
  g_assert_cmpint (lt_maintenance_window_get_affects (window), ==, LT_MAINTENANCE_AFFECTS_ON_PREM);
}

static void
assert_ticket_page (LtPortalPage *page)
{
  LtTicket *closed, *open;

  g_assert_cmpuint (page->items->len, ==, 2);
  g_assert_cmpstr (page->next_cursor, ==, "MTc5NTQ1MDgzMTpMVC0wMDAxMjM");
  lt_assert_instant (page->newest_updated_at, "2026-11-23T16:20:31Z");

  closed = g_ptr_array_index (page->items, 0);
  g_assert_cmpstr (lt_ticket_get_id (closed), ==, "LT-000118");
  g_assert_cmpint (lt_ticket_get_severity (closed), ==, LT_SEVERITY_S3);
  g_assert_cmpint (lt_ticket_get_state (closed), ==, LT_TICKET_STATE_CLOSED);
  g_assert_cmpint (lt_ticket_get_close_reason (closed), ==, LT_CLOSE_REASON_CONFIRMED);
  lt_assert_instant (lt_ticket_get_resolved_at (closed), "2026-11-12T19:30:00Z");
  lt_assert_instant (lt_ticket_get_closed_at (closed), "2026-11-13T14:02:18Z");
  g_assert_cmpstr (lt_ticket_get_contact (closed), ==, "Dana Whitfield, reporting team");

  open = g_ptr_array_index (page->items, 1);
  g_assert_cmpstr (lt_ticket_get_id (open), ==, TICKET_ID);
  g_assert_cmpint (lt_ticket_get_state (open), ==, LT_TICKET_STATE_IN_PROGRESS);
  lt_assert_instant (lt_ticket_get_response_due (open), "2026-11-23T16:12:09Z");
  /* Lists carry no events. */
  g_assert_cmpuint (g_list_model_get_n_items (lt_ticket_get_events (open)), ==, 0);
}

static void
test_list_tickets (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtPortalPage) first = NULL;
  g_autoptr(LtPortalPage) next = NULL;

  lt_portal_client_list_tickets_async (fixture->client, NULL, NULL, 0, NULL, result_cb, &result);
  first = lt_portal_client_list_tickets_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  assert_ticket_page (first);
  g_clear_object (&result);

  /* The incremental form the sync engine sends: from the newest
   * updated_at seen, after the page's cursor, with a limit. Prism checks
   * each query parameter against the contract. */
  lt_portal_client_list_tickets_async (fixture->client, first->newest_updated_at, first->next_cursor,
                                       500, NULL, result_cb, &result);
  next = lt_portal_client_list_tickets_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  assert_ticket_page (next);
}

static void
test_list_change_notices (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GDateTime) since = lt_test_instant ("2026-11-01T00:00:00-05:00");
  g_autoptr(LtPortalPage) page = NULL;
  LtChangeNotice *late;

  lt_portal_client_list_change_notices_async (fixture->client, since, NULL, 100, NULL,
                                              result_cb, &result);
  page = lt_portal_client_list_change_notices_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->items->len, ==, 2);
  g_assert_null (page->next_cursor);
  lt_assert_instant (page->newest_updated_at, "2026-11-24T15:30:00Z");

  late = g_ptr_array_index (page->items, 0);
  g_assert_cmpstr (lt_change_notice_get_id (late), ==, "CN-000039");
  g_assert_cmpint (lt_change_notice_get_kind (late), ==, LT_CHANGE_KIND_INFRASTRUCTURE);
  g_assert_cmpint (lt_change_notice_get_state (late), ==, LT_CHANGE_STATE_REVIEWED);
  g_assert_cmpint (lt_change_notice_get_review_outcome (late), ==, LT_REVIEW_OUTCOME_NO_CONCERNS);
  g_assert_cmpint (lt_change_notice_get_risk (late), ==, LT_RISK_MEDIUM);
  g_assert_true (lt_change_notice_get_late (late));

  assert_example_notice (g_ptr_array_index (page->items, 1), LT_CHANGE_STATE_SUBMITTED);
}

/* ---- Tickets -------------------------------------------------------------- */

static void
test_get_ticket (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtTicket) ticket = NULL;

  lt_portal_client_get_ticket_async (fixture->client, TICKET_ID, NULL, result_cb, &result);
  ticket = lt_portal_client_get_ticket_finish (fixture->client, wait_for (&result), &error);
  g_assert_no_error (error);
  assert_example_ticket (ticket);
}

static void
test_create_ticket (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtTicket) draft = lt_ticket_new_draft ();
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *key = new_key ();
  const char *known_issues[] = { "LT-1140", NULL };
  gboolean replayed = FALSE;

  lt_ticket_set_title (draft, "Collector stops forwarding events after the upgrade to 3.5.1");
  lt_ticket_set_description (draft, "nw-col-02 stops forwarding after about 40 minutes.");
  lt_ticket_set_severity (draft, LT_SEVERITY_S2);
  lt_ticket_set_category (draft, "troubleshooting");
  lt_ticket_set_break_fix (draft, TRUE);
  lt_ticket_set_product_version (draft, "3.5.1");
  lt_ticket_set_installation (draft, "Production (Indianapolis data centre)");
  lt_ticket_set_known_issue_ids (draft, known_issues);
  body = lt_portal_json_write_ticket_request (draft, NULL, FALSE, NULL);

  lt_portal_client_create_ticket_async (fixture->client, key, body, NULL, result_cb, &result);
  ticket = lt_portal_client_create_ticket_finish (fixture->client, wait_for (&result), &replayed,
                                                  &error);
  g_assert_no_error (error);
  assert_example_ticket (ticket);
  /* The mock's answer is the documented 200 of a replayed key. */
  g_assert_cmpuint (lt_portal_result_get_status (result), ==, 200);
  g_assert_true (replayed);
  g_assert_true (lt_portal_result_get_replayed (result));
}

typedef void (*ActionStart) (LtPortalClient *client,
                             const char     *key,
                             GAsyncResult  **result);

static void
start_comment (LtPortalClient *client, const char *key, GAsyncResult **result)
{
  lt_portal_client_add_comment_async (client, TICKET_ID, key,
                                      "The log is attached; forwarding stopped at 15:38 UTC.",
                                      NULL, result_cb, result);
}

static void
start_upload (LtPortalClient *client, const char *key, GAsyncResult **result)
{
  static const char text[] = "2026-11-23T15:38:02Z collector: forwarding queue full (65536 events)\n";
  g_autoptr(GBytes) contents = g_bytes_new_static (text, sizeof text - 1);

  lt_portal_client_upload_attachment_async (client, TICKET_ID, key, "nw-col-02-collector.log",
                                            "text/plain", contents, "After the restart",
                                            NULL, result_cb, result);
}

static void
start_upload_without_note (LtPortalClient *client, const char *key, GAsyncResult **result)
{
  static const guint8 gzip_magic[] = { 0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03 };
  g_autoptr(GBytes) contents = g_bytes_new_static (gzip_magic, sizeof gzip_magic);

  lt_portal_client_upload_attachment_async (client, TICKET_ID, key, "diagnostics.tar.gz",
                                            "application/gzip", contents, NULL,
                                            NULL, result_cb, result);
}

static void
start_confirm (LtPortalClient *client, const char *key, GAsyncResult **result)
{
  lt_portal_client_confirm_closure_async (client, TICKET_ID, key, NULL, NULL, result_cb, result);
}

static void
start_confirm_with_note (LtPortalClient *client, const char *key, GAsyncResult **result)
{
  lt_portal_client_confirm_closure_async (client, TICKET_ID, key, "Fixed by the 3.5.1 hotfix",
                                          NULL, result_cb, result);
}

static void
start_reopen (LtPortalClient *client, const char *key, GAsyncResult **result)
{
  lt_portal_client_reopen_async (client, TICKET_ID, key, "Forwarding stopped again overnight",
                                 NULL, result_cb, result);
}

static void
start_escalate (LtPortalClient *client, const char *key, GAsyncResult **result)
{
  lt_portal_client_escalate_async (client, TICKET_ID, key, "Response SLA breached", NULL,
                                   result_cb, result);
}

static void
start_withdraw (LtPortalClient *client, const char *key, GAsyncResult **result)
{
  lt_portal_client_withdraw_ticket_async (client, TICKET_ID, key, NULL, NULL, result_cb, result);
}

static void
start_withdraw_with_reason (LtPortalClient *client, const char *key, GAsyncResult **result)
{
  lt_portal_client_withdraw_ticket_async (client, TICKET_ID, key, "Fixed it ourselves", NULL,
                                          result_cb, result);
}

/* Every ticket action, with and without its optional members: each
 * request must pass Prism's validation (JSON bodies, the multipart
 * upload, the Idempotency-Key) and each answer map to the example. */
static void
test_ticket_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct
  {
    const char  *name;
    ActionStart  start;
  } actions[] = {
    { "add_comment", start_comment },
    { "upload_attachment", start_upload },
    { "upload_attachment without a note", start_upload_without_note },
    { "confirm_closure", start_confirm },
    { "confirm_closure with a note", start_confirm_with_note },
    { "reopen", start_reopen },
    { "escalate", start_escalate },
    { "withdraw_ticket", start_withdraw },
    { "withdraw_ticket with a reason", start_withdraw_with_reason },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(LtTicket) ticket = NULL;
      g_autofree char *key = new_key ();

      g_test_message ("%s", actions[i].name);
      actions[i].start (fixture->client, key, &result);
      ticket = lt_portal_client_ticket_action_finish (fixture->client, wait_for (&result), &error);
      g_assert_no_error (error);
      assert_example_ticket (ticket);
      g_assert_cmpuint (lt_portal_result_get_status (result), ==, 200);
      /* Every action's 200 declares Idempotent-Replayed; Prism sends it. */
      g_assert_true (lt_portal_result_get_replayed (result));
    }
}

/* ---- Change notices ------------------------------------------------------- */

static void
test_get_change_notice (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtChangeNotice) notice = NULL;

  lt_portal_client_get_change_notice_async (fixture->client, NOTICE_ID, NULL, result_cb, &result);
  notice = lt_portal_client_change_notice_finish (fixture->client, wait_for (&result), NULL, &error);
  g_assert_no_error (error);
  assert_example_notice (notice, LT_CHANGE_STATE_UNDER_REVIEW);
}

static void
test_create_change_notice (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtChangeNotice) draft = lt_change_notice_new_queued ();
  g_autoptr(LtChangeNotice) notice = NULL;
  g_autoptr(GDateTime) start = lt_test_instant ("2026-12-08T03:00:00Z");
  g_autoptr(GDateTime) end = lt_test_instant ("2026-12-08T05:00:00Z");
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *key = new_key ();
  const char *systems[] = { "lockthreat-db (PostgreSQL 15)", "reporting warehouse ETL", NULL };
  gboolean replayed = FALSE;

  lt_change_notice_set_kind (draft, LT_CHANGE_KIND_DATABASE_SCHEMA);
  lt_change_notice_set_title (draft, "Add reporting indexes to the LockThreat database");
  lt_change_notice_set_description (draft, "Two indexes on the case tables.");
  lt_change_notice_set_systems (draft, systems);
  lt_change_notice_set_planned_start (draft, start);
  lt_change_notice_set_planned_end (draft, end);
  lt_change_notice_set_rollback_plan (draft, "Drop the two indexes.");
  lt_change_notice_set_risk (draft, LT_RISK_LOW);
  body = lt_portal_json_write_change_notice_request (draft);

  lt_portal_client_create_change_notice_async (fixture->client, key, body, NULL, result_cb, &result);
  notice = lt_portal_client_change_notice_finish (fixture->client, wait_for (&result), &replayed,
                                                  &error);
  g_assert_no_error (error);
  assert_example_notice (notice, LT_CHANGE_STATE_SUBMITTED);
  g_assert_cmpuint (lt_portal_result_get_status (result), ==, 200);
  g_assert_true (replayed);
}

static void
test_withdraw_change_notice (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtChangeNotice) notice = NULL;
  g_autofree char *key = new_key ();
  gboolean replayed = FALSE;

  /* The contract's body is {} (a notice keeps no reason). */
  lt_portal_client_withdraw_change_notice_async (fixture->client, NOTICE_ID, key, NULL,
                                                 result_cb, &result);
  notice = lt_portal_client_change_notice_finish (fixture->client, wait_for (&result), &replayed,
                                                  &error);
  g_assert_no_error (error);
  assert_example_notice (notice, LT_CHANGE_STATE_WITHDRAWN);
  g_assert_true (replayed);
}

/* ---- Refusals the contract documents (Prefer: code=…) --------------------- */

typedef struct
{
  const char *prefer;        /* the fixture's data */
  int         code;          /* LtError */
  guint       status;
  const char *portal_code;   /* the example's error code */
  guint       retry_after;
  gboolean    retryable;
} Refusal;

static const Refusal refusals[] = {
  { "code=401", LT_ERROR_UNAUTHORIZED, 401, "unauthorized", 0, FALSE },
  { "code=404", LT_ERROR_NOT_FOUND, 404, "not_found", 0, FALSE },
  { "code=409", LT_ERROR_REJECTED, 409, "reopen_window_closed", 0, FALSE },
  { "code=429", LT_ERROR_RATE_LIMITED, 429, "rate_limited", EXAMPLE_RETRY_AFTER, TRUE },
  { "code=500", LT_ERROR_SERVER, 500, "internal_error", 0, TRUE },
  { "code=503", LT_ERROR_RATE_LIMITED, 503, "unavailable", EXAMPLE_RETRY_AFTER, TRUE },
};

static const Refusal *
find_refusal (const char *prefer)
{
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    if (g_str_equal (refusals[i].prefer, prefer))
      return &refusals[i];
  g_assert_not_reached ();
  return NULL;
}

static void
assert_refused (GAsyncResult  *result,
                const GError  *error,
                const Refusal *refusal)
{
  g_assert_error (error, LT_ERROR, refusal->code);
  g_assert_cmpint (lt_portal_error_is_retryable (error), ==, refusal->retryable);
  g_assert_cmpuint (lt_portal_result_get_status (result), ==, refusal->status);
  g_assert_cmpstr (lt_portal_result_get_error_code (result), ==, refusal->portal_code);
  g_assert_cmpuint (lt_portal_result_get_retry_after (result), ==, refusal->retry_after);
  /* The portal's message is quoted for the person reading it. */
  g_assert_nonnull (strstr (error->message, refusal->portal_code));
}

/* A refusal every operation may meet (401, 429, 500, 503), on a read. */
static void
test_refused_read (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtAccount) account = NULL;

  lt_portal_client_get_account_async (fixture->client, NULL, result_cb, &result);
  account = lt_portal_client_get_account_finish (fixture->client, wait_for (&result), &error);
  g_assert_null (account);
  assert_refused (result, error, find_refusal (data));
}

/* The same on a POST, where the outbox needs the retry advice most. */
static void
test_refused_create (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtTicket) draft = lt_ticket_new_draft ();
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *key = new_key ();

  lt_ticket_set_title (draft, "Console login loops back to the sign-in page");
  lt_ticket_set_description (draft, "Since this morning, for every user.");
  lt_ticket_set_severity (draft, LT_SEVERITY_S1);
  lt_ticket_set_category (draft, "troubleshooting");
  body = lt_portal_json_write_ticket_request (draft, NULL, FALSE, NULL);

  lt_portal_client_create_ticket_async (fixture->client, key, body, NULL, result_cb, &result);
  ticket = lt_portal_client_create_ticket_finish (fixture->client, wait_for (&result), NULL, &error);
  g_assert_null (ticket);
  assert_refused (result, error, find_refusal (data));
}

static void
test_refused_not_found (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtTicket) ticket = NULL;

  lt_portal_client_get_ticket_async (fixture->client, "LT-999999", NULL, result_cb, &result);
  ticket = lt_portal_client_get_ticket_finish (fixture->client, wait_for (&result), &error);
  g_assert_null (ticket);
  assert_refused (result, error, find_refusal (data));
}

/* 409 reopen_window_closed: the code on which the app offers a new ticket
 * that references the old one (R5). */
static void
test_refused_reopen (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  g_autofree char *key = new_key ();

  lt_portal_client_reopen_async (fixture->client, "LT-000118", key, "Export times out again",
                                 NULL, result_cb, &result);
  ticket = lt_portal_client_ticket_action_finish (fixture->client, wait_for (&result), &error);
  g_assert_null (ticket);
  assert_refused (result, error, find_refusal (data));
}

#define ADD(path, prefer, func) \
  g_test_add ("/lt/portal-prism-mock/" path, Fixture, prefer, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  mock_url = g_getenv ("LT_PRISM_MOCK_URL");
  if (mock_url == NULL || *mock_url == '\0')
    {
      g_printerr ("SKIP: LT_PRISM_MOCK_URL is not set; run this test through "
                  "tests/prism/run-client-against-mock.sh\n");
      return 77;
    }
  /* The client reads the token from the environment, as it does where no
   * keyring runs; Prism checks that every request carries it as a bearer
   * token. */
  g_setenv (LT_CREDENTIALS_TOKEN_ENV, TOKEN, TRUE);

  ADD ("account", NULL, test_account);
  ADD ("policy", NULL, test_policy);
  ADD ("releases", NULL, test_releases);
  ADD ("maintenance-windows", NULL, test_maintenance_windows);
  ADD ("tickets/list", NULL, test_list_tickets);
  ADD ("tickets/get", NULL, test_get_ticket);
  ADD ("tickets/create", NULL, test_create_ticket);
  ADD ("tickets/actions", NULL, test_ticket_actions);
  ADD ("change-notices/list", NULL, test_list_change_notices);
  ADD ("change-notices/get", NULL, test_get_change_notice);
  ADD ("change-notices/create", NULL, test_create_change_notice);
  ADD ("change-notices/withdraw", NULL, test_withdraw_change_notice);

  ADD ("refused/401", "code=401", test_refused_read);
  ADD ("refused/429", "code=429", test_refused_create);
  ADD ("refused/500", "code=500", test_refused_read);
  ADD ("refused/503", "code=503", test_refused_read);
  ADD ("refused/503-create", "code=503", test_refused_create);
  ADD ("refused/404", "code=404", test_refused_not_found);
  ADD ("refused/409-reopen-window-closed", "code=409", test_refused_reopen);

  return g_test_run ();
}
