/* test-portal-client.c: LtPortalClient against a loopback server
 *
 * The fault matrix (each fault its own test path): what LtError, which
 * message, and which retry advice each failure gives. Then every
 * operation's request (method, path, query, headers, body) and answer,
 * TLS trust with a certificate made at test time, and at the end a check
 * that the token appeared in no log line and no error message of the run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-test-server.h"
#include "lt-portal-check.h"
#include "lt-portal-client.h"
#include "lt-tls-database.h"

#include <glib/gstdio.h>
#include <string.h>

/* A token nobody would write by chance, so that finding it anywhere is
 * proof of a leak. */
#define TOKEN "ltCanary.Zq7Xw9Vb3Kp2Mn5Rt8Yh-4Fd6"

static GMutex log_lock;
static GString *log_text;
static guint log_lines;

/* Records every log line of the run (G_MESSAGES_DEBUG=all) for the token
 * check; only warnings and worse are also shown, unless LT_TEST_SHOW_LOG
 * is set. */
static GLogWriterOutput
record_log_cb (GLogLevelFlags   log_level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);

  g_mutex_lock (&log_lock);
  g_string_append (log_text, line);
  g_string_append_c (log_text, '\n');
  log_lines++;
  g_mutex_unlock (&log_lock);

  /* LT_TEST_SHOW_LOG=1 shows every line, for debugging a test. */
  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) ||
      g_getenv ("LT_TEST_SHOW_LOG") != NULL)
    return g_log_writer_default (log_level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

static GString *error_messages;

/* Every error of the run is checked here and kept for the final check. */
static void
assert_portal_error (const GError *error,
                     int           code,
                     gboolean      retryable)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == LT_ERROR);
  g_assert_cmpint (error->code, ==, code);
  g_assert_cmpint (lt_portal_error_is_retryable (error), ==, retryable);
  g_assert_null (strstr (error->message, TOKEN));
  g_string_append_printf (error_messages, "%s\n", error->message);
}

/* ---- Fixture ---- */

typedef struct
{
  LtTestServer   *server;
  LtCredentials  *credentials;
  LtPortalClient *client;
} Fixture;

static LtPortalClient *
client_new (const char     *url,
            LtCredentials **credentials_out,
            const char     *ca_file,
            GError        **error)
{
  g_autoptr(LtCredentials) credentials = lt_credentials_new (url, error);
  LtPortalClient *client;

  if (credentials == NULL)
    return NULL;
  client = lt_portal_client_new (url, credentials, ca_file, error);
  if (credentials_out != NULL)
    *credentials_out = g_steal_pointer (&credentials);
  return client;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->server = lt_test_server_new (NULL);
  fixture->client = client_new (lt_test_server_get_url (fixture->server),
                                &fixture->credentials, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->credentials);
  /* Let the client's connections close before the server stops. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&fixture->server, lt_test_server_free);
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

static LtAccount *
get_account (LtPortalClient  *client,
             GAsyncResult   **result_out,
             GError         **error)
{
  GAsyncResult *result = NULL;
  LtAccount *account;

  lt_portal_client_get_account_async (client, NULL, result_cb, &result);
  account = lt_portal_client_get_account_finish (client, wait_for (&result), error);
  if (result_out != NULL)
    *result_out = result;
  else
    g_object_unref (result);
  return account;
}

static const char account_body[] =
  "{\"customer_name\": \"Acme Corp\", \"tier\": \"professional\","
  " \"primary_contact\": {\"name\": \"Jo\", \"email\": \"jo@acme.example\", \"phone\": \"+1 317 555 0100\"},"
  " \"csm_email\": null, \"invoices\": [], \"updated_at\": \"2026-01-10T00:00:00Z\"}";

static const char ticket_fields[] =
  "\"id\": \"LT-000123\", \"title\": \"Login fails\", \"description\": \"SSO\","
  " \"severity\": \"s2\", \"category\": \"troubleshooting\", \"break_fix\": false,"
  " \"security_incident\": false, \"state\": \"submitted\", \"close_reason\": \"none\","
  " \"opened_at\": \"2026-01-09T21:40:00Z\", \"updated_at\": \"2026-01-09T21:40:00Z\","
  " \"first_response_at\": null, \"response_due\": \"2026-01-12T14:40:00Z\","
  " \"awaiting_since\": null, \"resolved_at\": null, \"closed_at\": null,"
  " \"escalation_level\": 0, \"product_version\": \"3.3.1\", \"installation\": null,"
  " \"contact\": null, \"known_issue_ids\": [], \"feature_criteria\": null,"
  " \"references_ticket\": null";

static char *
ticket_body (const char *state)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "{%s, \"events\": [{\"id\": \"EV-000001\", \"kind\": \"state-change\","
                          " \"at\": \"2026-01-09T21:40:00Z\", \"author\": \"Portal\", \"body\": \"\","
                          " \"from_state\": null, \"to_state\": \"submitted\", \"level\": 0,"
                          " \"attachment\": null}]}", ticket_fields);
  g_string_replace (text, "\"state\": \"submitted\"", state, 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static const char notice_body[] =
  "{\"id\": \"CN-000042\", \"kind\": \"infrastructure\", \"title\": \"Move the DB\","
  " \"description\": \"\", \"systems\": [\"db1\"], \"planned_start\": \"2026-03-02T14:00:00Z\","
  " \"planned_end\": \"2026-03-02T16:00:00Z\", \"rollback_plan\": \"Move back\", \"risk\": \"low\","
  " \"state\": \"submitted\", \"review_outcome\": \"none\", \"late\": false,"
  " \"submitted_at\": \"2026-02-20T10:00:00Z\", \"updated_at\": \"2026-02-20T10:00:00Z\"}";

/* ---- The fault matrix ---- */

static void
test_fault_500 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtAccount) account = NULL;

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 500, "application/json",
                               "{\"error\": {\"code\": \"internal_error\", \"message\": \"database down\"}}",
                               NULL);
  account = get_account (fixture->client, &result, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_SERVER, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "the portal answered 500 (Internal Server Error) to GET /api/v1/account: "
                   "internal_error — database down");
  g_assert_cmpuint (lt_portal_result_get_status (result), ==, 500);
  g_assert_cmpstr (lt_portal_result_get_error_code (result), ==, "internal_error");
  g_assert_cmpuint (lt_portal_result_get_retry_after (result), ==, 0);
}

static void
test_fault_502_html (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtAccount) account = NULL;

  /* A proxy in front of the portal: no error object, the reason phrase. */
  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 502, "text/html",
                               "<html><body>Bad gateway</body></html>", NULL);
  account = get_account (fixture->client, &result, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_SERVER, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "the portal answered 502 (Bad Gateway) to GET /api/v1/account: Bad Gateway");
  g_assert_null (lt_portal_result_get_error_code (result));
}

static void
test_fault_503_retry_after (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtAccount) account = NULL;

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 503, "application/json",
                               "{\"error\": {\"code\": \"unavailable\", \"message\": \"maintenance\"}}",
                               "Retry-After", "120", NULL);
  account = get_account (fixture->client, &result, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_RATE_LIMITED, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "the portal answered 503 (Service Unavailable) to GET /api/v1/account and "
                   "asked to wait 120 seconds before trying again: unavailable — maintenance");
  g_assert_cmpuint (lt_portal_result_get_retry_after (result), ==, 120);
  g_assert_cmpuint (lt_portal_result_get_status (result), ==, 503);
}

static void
test_fault_503_retry_after_date (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtAccount) account = NULL;

  /* An HTTP date counts from the answer's own Date, not from this
   * machine's clock. */
  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 503, "application/json",
                               "{\"error\": {\"code\": \"unavailable\", \"message\": \"later\"}}",
                               "Date", "Wed, 21 Oct 2015 07:28:00 GMT",
                               "Retry-After", "Wed, 21 Oct 2015 07:30:30 GMT", NULL);
  account = get_account (fixture->client, &result, &error);
  assert_portal_error (error, LT_ERROR_RATE_LIMITED, TRUE);
  g_assert_cmpuint (lt_portal_result_get_retry_after (result), ==, 150);
}

static void
test_fault_429 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtAccount) account = NULL;

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 429, "application/json",
                               "{\"error\": {\"code\": \"rate_limited\", \"message\": \"slow down\"}}",
                               "Retry-After", "1", NULL);
  account = get_account (fixture->client, &result, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_RATE_LIMITED, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "the portal answered 429 (Too Many Requests) to GET /api/v1/account and "
                   "asked to wait 1 second before trying again: rate_limited — slow down");
  g_assert_cmpuint (lt_portal_result_get_retry_after (result), ==, 1);
}

static void
test_fault_429_no_retry_after (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtAccount) account = NULL;

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 429, "application/json",
                               "{\"error\": {\"code\": \"rate_limited\", \"message\": \"slow down\"}}",
                               NULL);
  account = get_account (fixture->client, &result, &error);
  assert_portal_error (error, LT_ERROR_RATE_LIMITED, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "the portal answered 429 (Too Many Requests) to GET /api/v1/account; try "
                   "again later: rate_limited — slow down");
  g_assert_cmpuint (lt_portal_result_get_retry_after (result), ==, 0);
}

static void
test_fault_timeout (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;
  gint64 start;

  lt_test_server_add_fault (fixture->server, "GET", "/api/v1/account", LT_TEST_FAULT_HANG, NULL);
  lt_portal_client_set_timeout (fixture->client, 1);

  start = g_get_monotonic_time ();
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_TIMED_OUT, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "the portal did not answer GET /api/v1/account within 1 second");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
}

/* A complete, valid answer sent one byte per second: every read gets a
 * byte long before the I/O timeout, so only the request's deadline ends
 * it — with a timeout error, not a late success. */
static void
test_fault_slow_drip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;
  gint64 start;

  lt_test_server_add_fault (fixture->server, "GET", "/api/v1/account", LT_TEST_FAULT_SLOW_DRIP,
                            account_body);
  lt_portal_client_set_timeout (fixture->client, 5);
  lt_portal_client_set_deadline (fixture->client, 2);
  g_assert_cmpuint (lt_portal_client_get_deadline (fixture->client), ==, 2);

  start = g_get_monotonic_time ();
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_TIMED_OUT, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "the portal did not finish answering GET /api/v1/account within 2 seconds; "
                   "the request was given up");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* A portal that never answers is given up at the deadline, even when the
 * I/O timeout is longer. */
static void
test_fault_deadline_hang (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;
  gint64 start;

  g_assert_cmpuint (lt_portal_client_get_deadline (fixture->client), ==, LT_PORTAL_DEFAULT_DEADLINE);
  lt_test_server_add_fault (fixture->server, "GET", "/api/v1/account", LT_TEST_FAULT_HANG, NULL);
  lt_portal_client_set_deadline (fixture->client, 1);

  start = g_get_monotonic_time ();
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_TIMED_OUT, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "the portal did not finish answering GET /api/v1/account within 1 second; "
                   "the request was given up");
  g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
}

/* A TCP socket bound to a free loopback port, and the @scheme URL of
 * that port. */
static GSocket *
bind_loopback (const char  *scheme,
               char       **url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *url = g_strdup_printf ("%s://127.0.0.1:%u", scheme,
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  return g_steal_pointer (&socket);
}

static void
test_fault_connect_timeout (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(LtPortalClient) client = NULL;
  g_autoptr(LtAccount) account = NULL;
  g_autofree char *url = NULL;

  /* A port that takes the TCP connection but never does the TLS
   * handshake: the connection is never complete. */
  socket = bind_loopback ("https", &url);
  g_socket_listen (socket, &error);
  g_assert_no_error (error);

  client = client_new (url, &credentials, NULL, &error);
  g_assert_no_error (error);
  lt_portal_client_set_connect_timeout (client, 1);
  lt_portal_client_set_timeout (client, 30);

  account = get_account (client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_TIMED_OUT, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "could not connect to the portal within 1 second for GET /api/v1/account");
}

static void
test_fault_truncated (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;

  lt_test_server_add_fault (fixture->server, "GET", "/api/v1/account", LT_TEST_FAULT_TRUNCATE,
                            account_body);
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  /* The length said more was coming: the connection failed, not the
   * portal's JSON, and the same request may be sent again. */
  assert_portal_error (error, LT_ERROR_NETWORK, TRUE);
  g_assert_true (g_str_has_prefix (error->message, "the connection was cut after "));
  g_assert_nonnull (strstr (error->message, " bytes of the answer to GET /api/v1/account ("));
}

static void
test_fault_truncated_without_length (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;

  /* Without a length the cut cannot be seen; the JSON is then broken. */
  lt_test_server_add_fault (fixture->server, "GET", "/api/v1/account",
                            LT_TEST_FAULT_CLOSE_DELIMITED_CUT, account_body);
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_INVALID_DATA, FALSE);
  g_assert_true (g_str_has_prefix (error->message,
                                   "the portal's answer to GET /api/v1/account is not usable: "
                                   "$: not valid JSON"));
}

static void
test_fault_malformed_json (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 200, "application/json",
                               "{\"customer_name\": \"Acme\", \"tier\": }", NULL);
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_INVALID_DATA, FALSE);
  g_assert_true (g_str_has_prefix (error->message,
                                   "the portal's answer to GET /api/v1/account is not usable: "
                                   "$: not valid JSON"));
}

static void
test_fault_wrong_types (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GString) body = g_string_new (account_body);

  g_string_replace (body, "\"tier\": \"professional\"", "\"tier\": 2", 1);
  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 200, "application/json",
                               body->str, NULL);
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_INVALID_DATA, FALSE);
  g_assert_cmpstr (error->message, ==,
                   "the portal's answer to GET /api/v1/account is not usable: "
                   "$.tier: expected a string, found “2”");
}

static void
test_fault_bad_list_item (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPortalPage) page = NULL;
  g_autoptr(GString) bad = g_string_new (NULL);
  g_autofree char *body = NULL;
  GAsyncResult *result = NULL;

  g_string_append_printf (bad, "{%s}", ticket_fields);
  g_string_replace (bad, "\"opened_at\": \"2026-01-09T21:40:00Z\"", "\"opened_at\": \"Friday\"", 1);
  body = g_strdup_printf ("{\"items\": [{%s}, {%s}, {%s}, %s], \"next_cursor\": null}",
                          ticket_fields, ticket_fields, ticket_fields, bad->str);
  lt_test_server_add_response (fixture->server, "GET", "/api/v1/tickets", 200, "application/json",
                               body, NULL);

  lt_portal_client_list_tickets_async (fixture->client, NULL, NULL, 0, NULL, result_cb, &result);
  page = lt_portal_client_list_tickets_finish (fixture->client, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_null (page);
  assert_portal_error (error, LT_ERROR_INVALID_DATA, FALSE);
  g_assert_cmpstr (error->message, ==,
                   "the portal's answer to GET /api/v1/tickets is not usable: "
                   "$.items[3].opened_at: “Friday” is not an RFC 3339 time with an offset "
                   "(e.g. 2026-11-27T11:00:00-05:00)");
}

static void
test_fault_oversized (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;
  g_autofree char *filler = g_strnfill (4096, ' ');
  g_autofree char *body = g_strconcat (account_body, filler, NULL);

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 200, "application/json",
                               body, NULL);
  lt_portal_client_set_max_response_size (fixture->client, 1024);
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_INVALID_DATA, FALSE);
  /* Sizes are written with a no-break space before the unit. */
  g_assert_cmpstr (error->message, ==,
                   "the answer to GET /api/v1/account is 4.2\u00a0KiB, more than the limit of "
                   "1.0\u00a0KiB; it was not read");
}

static void
test_fault_oversized_endless (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPortalPage) page = NULL;
  GAsyncResult *result = NULL;

  /* No length to refuse up front and no end: only reading at most the
   * limit makes this return at all. */
  lt_test_server_add_fault (fixture->server, "GET", "/api/v1/tickets", LT_TEST_FAULT_ENDLESS, NULL);
  lt_portal_client_set_max_response_size (fixture->client, 100 * 1024);

  lt_portal_client_list_tickets_async (fixture->client, NULL, NULL, 0, NULL, result_cb, &result);
  page = lt_portal_client_list_tickets_finish (fixture->client, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_null (page);
  assert_portal_error (error, LT_ERROR_INVALID_DATA, FALSE);
  g_assert_cmpstr (error->message, ==,
                   "the answer to GET /api/v1/tickets is larger than the limit of "
                   "100.0\u00a0KiB; it was not read further");
}

static void
test_fault_reset (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;

  lt_test_server_add_fault (fixture->server, "GET", "/api/v1/account", LT_TEST_FAULT_RESET, NULL);
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_NETWORK, TRUE);
  g_assert_true (g_str_has_prefix (error->message,
                                   "the connection to the portal failed during GET /api/v1/account: "));
}

static void
test_fault_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(LtPortalClient) client = NULL;
  g_autoptr(LtAccount) account = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago and has nobody listening. */
  socket = bind_loopback ("http", &url);
  g_socket_close (socket, NULL);

  client = client_new (url, &credentials, NULL, &error);
  g_assert_no_error (error);
  account = get_account (client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_NETWORK, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "the portal refused the connection for GET /api/v1/account (is the address "
                   "right and the service running?)");
}

static void
test_fault_401 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LtAccount) account = NULL;

  /* A server that repeats the token it refused: it is cut out. */
  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 401, "application/json",
                               "{\"error\": {\"code\": \"unauthorized\", \"message\": \"token "
                               TOKEN " is not valid\"}}",
                               "WWW-Authenticate", "Bearer", NULL);
  account = get_account (fixture->client, &result, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_UNAUTHORIZED, FALSE);
  g_assert_cmpstr (error->message, ==,
                   "the portal did not accept the token (401 Unauthorized) for GET "
                   "/api/v1/account: unauthorized — token … is not valid; sign in again with a "
                   "valid token");
  g_assert_cmpstr (lt_portal_result_get_error_code (result), ==, "unauthorized");
}

static void
test_fault_409 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  GAsyncResult *result = NULL;

  lt_test_server_add_response (fixture->server, "POST", "/api/v1/tickets/LT-000123/reopen", 409,
                               "application/json",
                               "{\"error\": {\"code\": \"reopen_window_closed\", \"message\": \"closed "
                               "more than 5 business days ago; file a new ticket\"}}",
                               NULL);
  lt_portal_client_reopen_async (fixture->client, "LT-000123", "0b5e6c1a-4d4c-4a55-9c55-3c1f3f6f9f10",
                                 "Still broken", NULL, result_cb, &result);
  ticket = lt_portal_client_ticket_action_finish (fixture->client, wait_for (&result), &error);
  g_assert_null (ticket);
  assert_portal_error (error, LT_ERROR_REJECTED, FALSE);
  g_assert_cmpstr (error->message, ==,
                   "the portal refused the request POST /api/v1/tickets/LT-000123/reopen (409): "
                   "reopen_window_closed — closed more than 5 business days ago; file a new ticket");
  g_assert_cmpstr (lt_portal_result_get_error_code (result), ==, "reopen_window_closed");
  g_object_unref (result);
}

static void
test_fault_404 (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  GAsyncResult *result = NULL;

  lt_portal_client_get_ticket_async (fixture->client, "LT-999999", NULL, result_cb, &result);
  ticket = lt_portal_client_get_ticket_finish (fixture->client, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_null (ticket);
  assert_portal_error (error, LT_ERROR_NOT_FOUND, FALSE);
  g_assert_cmpstr (error->message, ==,
                   "the portal answered 404 (Not Found) to GET /api/v1/tickets/LT-999999: "
                   "not_found — no such route");
}

static void
test_fault_redirect (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 302, "text/plain", "",
                               "Location", "https://elsewhere.example/api/v1/account", NULL);
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_NETWORK, TRUE);
  g_assert_cmpstr (error->message, ==,
                   "the portal answered 302 (Found) to GET /api/v1/account and points to "
                   "“https://elsewhere.example/api/v1/account”; check the portal address "
                   "(requests with the token never follow a redirect)");
  /* Not followed: the token went nowhere else. */
  g_assert_cmpuint (lt_test_server_get_request_count (fixture->server), ==, 1);
}

/* A redirect to a second origin that really listens: nothing reaches it,
 * with or without the token, for reads and for posts (307 and 308 would
 * resend the body). */
static void
test_fault_redirect_other_origin (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(LtTestServer) elsewhere = lt_test_server_new (NULL);
  g_autofree char *target = g_strconcat (lt_test_server_get_url (elsewhere), "/api/v1/account", NULL);
  const guint statuses[] = { 301, 302, 303, 307, 308 };

  lt_test_server_add_response (elsewhere, "GET", "/api/v1/account", 200, "application/json",
                               account_body, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtAccount) account = NULL;

      lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", statuses[i],
                                   "text/plain", "", "Location", target, NULL);
      account = get_account (fixture->client, NULL, &error);
      g_assert_null (account);
      assert_portal_error (error, LT_ERROR_NETWORK, TRUE);
    }
  g_assert_cmpuint (lt_test_server_count_requests_with_header (elsewhere, "Authorization"), ==, 0);
  g_assert_cmpuint (lt_test_server_get_request_count (elsewhere), ==, 0);
}

static void
test_fault_not_json (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;
  g_autofree char *expected = NULL;

  /* A captive portal or a web server at the wrong address. */
  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 200, "text/html",
                               "<html>Welcome</html>", NULL);
  account = get_account (fixture->client, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_INVALID_DATA, FALSE);
  expected = g_strdup_printf ("the answer to GET /api/v1/account is “text/html”, not JSON; is "
                              "“%s” the portal's address?",
                              lt_test_server_get_url (fixture->server));
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LtAccount) account = NULL;
  GAsyncResult *result = NULL;

  lt_test_server_add_fault (fixture->server, "GET", "/api/v1/account", LT_TEST_FAULT_HANG, NULL);
  lt_portal_client_get_account_async (fixture->client, cancellable, result_cb, &result);
  while (lt_test_server_get_request_count (fixture->server) == 0)
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);

  account = lt_portal_client_get_account_finish (fixture->client, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_null (account);
  /* Not a failure: the caller asked for it. */
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (lt_portal_error_is_retryable (error));
}

static void
test_retryable (void)
{
  static const struct { int code; gboolean retryable; } cases[] = {
    { LT_ERROR_NETWORK, TRUE }, { LT_ERROR_TIMED_OUT, TRUE }, { LT_ERROR_SERVER, TRUE },
    { LT_ERROR_RATE_LIMITED, TRUE }, { LT_ERROR_REJECTED, FALSE }, { LT_ERROR_NOT_FOUND, FALSE },
    { LT_ERROR_UNAUTHORIZED, FALSE }, { LT_ERROR_TLS, FALSE }, { LT_ERROR_INVALID_DATA, FALSE },
    { LT_ERROR_CREDENTIALS, FALSE }, { LT_ERROR_INVALID_INPUT, FALSE },
  };
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (LT_ERROR, cases[i].code, "x");

      g_assert_cmpint (lt_portal_error_is_retryable (error), ==, cases[i].retryable);
    }
  g_assert_false (lt_portal_error_is_retryable (io));
}

/* ---- Operations ---- */

static const char *
header (LtTestRequest *request,
        const char    *name)
{
  return soup_message_headers_get_one (request->headers, name);
}

static void
assert_body_json (LtTestRequest *request,
                  const char    *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strndup (g_bytes_get_data (request->body, NULL),
                                     g_bytes_get_size (request->body));
  g_autoptr(JsonNode) got = json_from_string (text, &error);
  g_autoptr(JsonNode) want = json_from_string (expected, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (want);
  if (!json_node_equal (got, want))
    {
      g_autofree char *msg = g_strdup_printf ("body %s, expected %s", text, expected);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
    }
}

static void
test_get_account (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(LtTestRequest) request = NULL;
  g_autofree char *user_agent = g_strdup_printf ("LockThreatSupport/%s (%s)", PACKAGE_VERSION,
                                                 APPLICATION_ID);

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 200, "application/json",
                               account_body, NULL);
  account = get_account (fixture->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_account_get_customer_name (account), ==, "Acme Corp");
  g_assert_cmpint (lt_account_get_tier (account), ==, LT_TIER_PROFESSIONAL);

  request = lt_test_server_dup_last_request (fixture->server);
  g_assert_cmpstr (request->method, ==, "GET");
  g_assert_cmpstr (request->path, ==, "/api/v1/account");
  g_assert_true (g_strcmp0 (header (request, "Authorization"), "Bearer " TOKEN) == 0);
  g_assert_cmpstr (header (request, "Accept"), ==, "application/json");
  g_assert_cmpstr (header (request, "User-Agent"), ==, user_agent);
  g_assert_null (header (request, "Idempotency-Key"));
}

static void
test_create_ticket (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) draft = lt_ticket_new_draft ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *answer = ticket_body ("\"state\": \"submitted\"");
  const char *key = lt_ticket_get_local_id (draft);

  lt_ticket_set_title (draft, "Login fails");
  lt_ticket_set_description (draft, "SSO");
  lt_ticket_set_severity (draft, LT_SEVERITY_S2);
  lt_ticket_set_category (draft, "troubleshooting");
  body = lt_portal_json_write_ticket_request (draft, NULL, FALSE, NULL);

  for (guint attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(LtTicket) ticket = NULL;
      g_autoptr(LtTestRequest) request = NULL;
      GAsyncResult *result = NULL;
      gboolean replayed = !attempt;

      /* The first answer creates, the second is the stored one. */
      if (attempt == 0)
        lt_test_server_add_response (fixture->server, "POST", "/api/v1/tickets", 201,
                                     "application/json", answer, NULL);
      else
        lt_test_server_add_response (fixture->server, "POST", "/api/v1/tickets", 200,
                                     "application/json", answer,
                                     "Idempotent-Replayed", "true", NULL);

      lt_portal_client_create_ticket_async (fixture->client, key, body, NULL, result_cb, &result);
      ticket = lt_portal_client_create_ticket_finish (fixture->client, wait_for (&result),
                                                      &replayed, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (lt_ticket_get_id (ticket), ==, "LT-000123");
      g_assert_cmpint (lt_ticket_get_state (ticket), ==, LT_TICKET_STATE_SUBMITTED);
      lt_assert_instant (lt_ticket_get_response_due (ticket), "2026-01-12T14:40:00Z");
      g_assert_cmpuint (g_list_model_get_n_items (lt_ticket_get_events (ticket)), ==, 1);
      g_assert_cmpint (replayed, ==, attempt == 1);
      g_assert_cmpint (lt_portal_result_get_replayed (result), ==, attempt == 1);
      g_object_unref (result);

      request = lt_test_server_dup_last_request (fixture->server);
      g_assert_cmpstr (request->method, ==, "POST");
      g_assert_cmpstr (request->path, ==, "/api/v1/tickets");
      g_assert_cmpstr (header (request, "Idempotency-Key"), ==, key);
      g_assert_cmpstr (header (request, "Content-Type"), ==, "application/json");
      assert_body_json (request,
                        "{\"title\": \"Login fails\", \"description\": \"SSO\", \"severity\": \"s2\","
                        " \"category\": \"troubleshooting\", \"break_fix\": false,"
                        " \"security_incident\": false, \"known_issue_ids\": []}");
    }
}

/* The ticket answer lacking its events is refused: it would wipe the
 * history the app holds. */
static void
test_action_needs_events (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  g_autofree char *answer = g_strdup_printf ("{%s}", ticket_fields);
  GAsyncResult *result = NULL;

  lt_test_server_add_response (fixture->server, "POST", "/api/v1/tickets/LT-000123/comments", 201,
                               "application/json", answer, NULL);
  lt_portal_client_add_comment_async (fixture->client, "LT-000123", "k-1", "Hello", NULL,
                                      result_cb, &result);
  ticket = lt_portal_client_ticket_action_finish (fixture->client, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_null (ticket);
  assert_portal_error (error, LT_ERROR_INVALID_DATA, FALSE);
  g_assert_cmpstr (error->message, ==,
                   "the portal's answer to POST /api/v1/tickets/LT-000123/comments is not usable: "
                   "$.events: missing (required)");
}

typedef void (*ActionStart) (LtPortalClient *client, GAsyncResult **result);

static void
start_comment (LtPortalClient *client, GAsyncResult **result)
{
  lt_portal_client_add_comment_async (client, "LT-000123", "key-comment", "It works now", NULL,
                                      result_cb, result);
}

static void
start_confirm (LtPortalClient *client, GAsyncResult **result)
{
  lt_portal_client_confirm_closure_async (client, "LT-000123", "key-confirm", NULL, NULL,
                                          result_cb, result);
}

static void
start_reopen (LtPortalClient *client, GAsyncResult **result)
{
  lt_portal_client_reopen_async (client, "LT-000123", "key-reopen", "Broken again", NULL,
                                 result_cb, result);
}

static void
start_escalate (LtPortalClient *client, GAsyncResult **result)
{
  lt_portal_client_escalate_async (client, "LT-000123", "key-escalate", "SLA breached", NULL,
                                   result_cb, result);
}

static void
start_withdraw (LtPortalClient *client, GAsyncResult **result)
{
  lt_portal_client_withdraw_ticket_async (client, "LT-000123", "key-withdraw", "Fixed it ourselves",
                                          NULL, result_cb, result);
}

static void
test_ticket_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct
  {
    ActionStart  start;
    const char  *path;
    const char  *key;
    const char  *body;
    const char  *state;
    LtTicketState expected;
  } cases[] = {
    { start_comment, "/api/v1/tickets/LT-000123/comments", "key-comment",
      "{\"body\": \"It works now\"}", "\"state\": \"in-progress\"", LT_TICKET_STATE_IN_PROGRESS },
    { start_confirm, "/api/v1/tickets/LT-000123/confirm-closure", "key-confirm",
      "{}", "\"state\": \"closed\"", LT_TICKET_STATE_CLOSED },
    { start_reopen, "/api/v1/tickets/LT-000123/reopen", "key-reopen",
      "{\"reason\": \"Broken again\"}", "\"state\": \"reopened\"", LT_TICKET_STATE_REOPENED },
    { start_escalate, "/api/v1/tickets/LT-000123/escalations", "key-escalate",
      "{\"reason\": \"SLA breached\"}", "\"state\": \"triaged\"", LT_TICKET_STATE_TRIAGED },
    { start_withdraw, "/api/v1/tickets/LT-000123/withdraw", "key-withdraw",
      "{\"reason\": \"Fixed it ourselves\"}", "\"state\": \"closed\"", LT_TICKET_STATE_CLOSED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtTicket) ticket = NULL;
      g_autoptr(LtTestRequest) request = NULL;
      g_autofree char *answer = ticket_body (cases[i].state);
      GAsyncResult *result = NULL;

      lt_test_server_add_response (fixture->server, "POST", cases[i].path, 200, "application/json",
                                   answer, NULL);
      cases[i].start (fixture->client, &result);
      ticket = lt_portal_client_ticket_action_finish (fixture->client, wait_for (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpint (lt_ticket_get_state (ticket), ==, cases[i].expected);
      g_assert_false (lt_portal_result_get_replayed (result));
      g_object_unref (result);

      request = lt_test_server_dup_last_request (fixture->server);
      g_assert_cmpstr (request->method, ==, "POST");
      g_assert_cmpstr (request->path, ==, cases[i].path);
      g_assert_cmpstr (header (request, "Idempotency-Key"), ==, cases[i].key);
      assert_body_json (request, cases[i].body);
    }
}

static void
test_upload_attachment (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(LtTestRequest) request = NULL;
  g_autoptr(GBytes) contents = g_bytes_new_static ("line 1\nline 2\n", 14);
  g_autoptr(SoupMultipart) multipart = NULL;
  g_autofree char *answer = ticket_body ("\"state\": \"in-progress\"");
  SoupMessageHeaders *part_headers = NULL;
  GBytes *part_body = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *disposition = NULL;
  GAsyncResult *result = NULL;

  lt_test_server_add_response (fixture->server, "POST", "/api/v1/tickets/LT-000123/attachments", 201,
                               "application/json", answer, NULL);
  lt_portal_client_upload_attachment_async (fixture->client, "LT-000123", "key-upload", "server.log",
                                            "text/plain", contents, "After the restart",
                                            NULL, result_cb, &result);
  ticket = lt_portal_client_ticket_action_finish (fixture->client, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_nonnull (ticket);

  request = lt_test_server_dup_last_request (fixture->server);
  g_assert_cmpstr (header (request, "Idempotency-Key"), ==, "key-upload");
  multipart = soup_multipart_new_from_message (request->headers, request->body);
  g_assert_nonnull (multipart);
  g_assert_cmpint (soup_multipart_get_length (multipart), ==, 2);

  g_assert_true (soup_multipart_get_part (multipart, 0, &part_headers, &part_body));
  g_assert_true (soup_message_headers_get_content_disposition (part_headers, &disposition, &params));
  g_assert_cmpstr (disposition, ==, "form-data");
  g_assert_cmpstr (g_hash_table_lookup (params, "name"), ==, "file");
  g_assert_cmpstr (g_hash_table_lookup (params, "filename"), ==, "server.log");
  g_assert_cmpstr (soup_message_headers_get_content_type (part_headers, NULL), ==, "text/plain");
  g_assert_true (g_bytes_equal (part_body, contents));
  g_clear_pointer (&params, g_hash_table_unref);
  g_clear_pointer (&disposition, g_free);

  g_assert_true (soup_multipart_get_part (multipart, 1, &part_headers, &part_body));
  g_assert_true (soup_message_headers_get_content_disposition (part_headers, &disposition, &params));
  g_assert_cmpstr (g_hash_table_lookup (params, "name"), ==, "note");
  g_assert_cmpmem (g_bytes_get_data (part_body, NULL), g_bytes_get_size (part_body),
                   "After the restart", 17);
}

static void
test_upload_too_large (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(GBytes) contents = g_bytes_new_take (g_malloc0 (LT_PORTAL_MAX_UPLOAD_SIZE + 1),
                                                 LT_PORTAL_MAX_UPLOAD_SIZE + 1);
  GAsyncResult *result = NULL;

  lt_portal_client_upload_attachment_async (fixture->client, "LT-000123", "key-big", "disk.img",
                                            NULL, contents, NULL, NULL, result_cb, &result);
  ticket = lt_portal_client_ticket_action_finish (fixture->client, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_null (ticket);
  assert_portal_error (error, LT_ERROR_INVALID_INPUT, FALSE);
  g_assert_cmpstr (error->message, ==,
                   "“disk.img” is 10.0\u00a0MiB (10485761 bytes); the portal accepts attachments "
                   "of at most 10.0\u00a0MiB");
  g_assert_cmpuint (lt_test_server_get_request_count (fixture->server), ==, 0);
}

static void
test_list_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) since = lt_test_instant ("2026-01-01T05:30:00+05:30");
  g_autoptr(GDateTime) from = lt_test_instant ("2026-02-01T00:00:00Z");
  g_autoptr(GDateTime) to = lt_test_instant ("2026-03-01T00:00:00Z");
  g_autoptr(LtPortalPage) tickets = NULL;
  g_autoptr(LtPortalPage) notices = NULL;
  g_autoptr(LtPortalPage) windows = NULL;
  g_autoptr(LtTestRequest) request = NULL;
  g_autofree char *ticket_page = g_strdup_printf ("{\"items\": [{%s}], \"next_cursor\": \"c/2\"}",
                                                  ticket_fields);
  g_autofree char *notice_page = g_strdup_printf ("{\"items\": [%s], \"next_cursor\": null}",
                                                  notice_body);
  GAsyncResult *result = NULL;

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/tickets", 200, "application/json",
                               ticket_page, NULL);
  lt_portal_client_list_tickets_async (fixture->client, since, "c/1", 50, NULL, result_cb, &result);
  tickets = lt_portal_client_list_tickets_finish (fixture->client, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (tickets->items->len, ==, 1);
  g_assert_cmpstr (tickets->next_cursor, ==, "c/2");
  request = lt_test_server_dup_last_request (fixture->server);
  /* Instants go out in UTC. */
  g_assert_cmpstr (request->query, ==, "updated_since=2026-01-01T00%3A00%3A00Z&cursor=c%2F1&limit=50");
  g_clear_pointer (&request, lt_test_request_free);

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/change-notices", 200,
                               "application/json", notice_page, NULL);
  lt_portal_client_list_change_notices_async (fixture->client, NULL, NULL, 0, NULL, result_cb, &result);
  notices = lt_portal_client_list_change_notices_finish (fixture->client, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->items->len, ==, 1);
  g_assert_true (LT_IS_CHANGE_NOTICE (g_ptr_array_index (notices->items, 0)));
  g_assert_null (notices->next_cursor);
  lt_assert_instant (notices->newest_updated_at, "2026-02-20T10:00:00Z");
  request = lt_test_server_dup_last_request (fixture->server);
  g_assert_null (request->query);
  g_clear_pointer (&request, lt_test_request_free);

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/maintenance-windows", 200,
                               "application/json", "{\"items\": [], \"next_cursor\": null}", NULL);
  lt_portal_client_list_maintenance_windows_async (fixture->client, from, to, NULL, NULL, 10, NULL,
                                                   result_cb, &result);
  windows = lt_portal_client_list_maintenance_windows_finish (fixture->client, wait_for (&result),
                                                              &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpuint (windows->items->len, ==, 0);
  request = lt_test_server_dup_last_request (fixture->server);
  g_assert_cmpstr (request->query, ==,
                   "from=2026-02-01T00%3A00%3A00Z&to=2026-03-01T00%3A00%3A00Z&limit=10");
}

static void
test_change_notices (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtChangeNotice) created = NULL;
  g_autoptr(LtChangeNotice) withdrawn = NULL;
  g_autoptr(LtTestRequest) request = NULL;
  g_autoptr(JsonNode) body = json_from_string ("{\"kind\": \"infrastructure\"}", NULL);
  g_autoptr(GString) withdrawn_body = g_string_new (notice_body);
  GAsyncResult *result = NULL;
  gboolean replayed = TRUE;

  lt_test_server_add_response (fixture->server, "POST", "/api/v1/change-notices", 201,
                               "application/json", notice_body, NULL);
  lt_portal_client_create_change_notice_async (fixture->client, "key-cn", body, NULL,
                                               result_cb, &result);
  created = lt_portal_client_change_notice_finish (fixture->client, wait_for (&result), &replayed,
                                                   &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_change_notice_get_id (created), ==, "CN-000042");
  g_assert_false (replayed);
  request = lt_test_server_dup_last_request (fixture->server);
  g_assert_cmpstr (header (request, "Idempotency-Key"), ==, "key-cn");
  assert_body_json (request, "{\"kind\": \"infrastructure\"}");
  g_clear_pointer (&request, lt_test_request_free);

  g_string_replace (withdrawn_body, "\"state\": \"submitted\"", "\"state\": \"withdrawn\"", 1);
  lt_test_server_add_response (fixture->server, "POST", "/api/v1/change-notices/CN-000042/withdraw",
                               200, "application/json", withdrawn_body->str,
                               "Idempotent-Replayed", "true", NULL);
  lt_portal_client_withdraw_change_notice_async (fixture->client, "CN-000042", "key-wd", NULL,
                                                 result_cb, &result);
  withdrawn = lt_portal_client_change_notice_finish (fixture->client, wait_for (&result), &replayed,
                                                     &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpint (lt_change_notice_get_state (withdrawn), ==, LT_CHANGE_STATE_WITHDRAWN);
  g_assert_true (replayed);
  request = lt_test_server_dup_last_request (fixture->server);
  assert_body_json (request, "{}");
}

static GBytes *
read_data_file (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize size = 0;

  path = g_test_build_filename (G_TEST_DIST, "..", "data", name, NULL);
  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

static void
test_documents (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) policy_json = read_data_file ("policy/lockthreat-policy.json");
  g_autoptr(GBytes) releases_json = read_data_file ("releases.json");
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(LtTestRequest) request = NULL;
  g_autofree char *etag = NULL;
  GAsyncResult *result = NULL;

  lt_test_server_add_response_bytes (fixture->server, "GET", "/api/v1/policy", 200,
                                     "application/json", policy_json);
  lt_portal_client_get_policy_async (fixture->client, NULL, NULL, result_cb, &result);
  g_assert_true (lt_portal_client_get_policy_finish (fixture->client, wait_for (&result), &policy,
                                                     &etag, &document, &error));
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_nonnull (policy);
  g_assert_null (etag);
  /* Kept byte for byte for the store. */
  g_assert_true (g_bytes_equal (document, policy_json));
  g_clear_object (&policy);
  g_clear_pointer (&document, g_bytes_unref);

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/policy", 304, NULL, NULL,
                               "ETag", "\"p-1\"", NULL);
  lt_portal_client_get_policy_async (fixture->client, "\"p-1\"", NULL, result_cb, &result);
  g_assert_true (lt_portal_client_get_policy_finish (fixture->client, wait_for (&result), &policy,
                                                     &etag, &document, &error));
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_null (policy);
  g_assert_null (document);
  g_assert_cmpstr (etag, ==, "\"p-1\"");
  request = lt_test_server_dup_last_request (fixture->server);
  g_assert_cmpstr (header (request, "If-None-Match"), ==, "\"p-1\"");
  g_clear_pointer (&etag, g_free);

  lt_test_server_add_response_bytes (fixture->server, "GET", "/api/v1/releases", 200,
                                     "application/json", releases_json);
  lt_portal_client_get_releases_async (fixture->client, NULL, NULL, result_cb, &result);
  g_assert_true (lt_portal_client_get_releases_finish (fixture->client, wait_for (&result), &catalog,
                                                       &etag, NULL, &error));
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_nonnull (lt_release_catalog_get_current (catalog));
}

static void
test_fetch_text (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTestRequest) request = NULL;
  g_autofree char *text = NULL;
  g_autofree char *url = g_strdup_printf ("%s/status/version", lt_test_server_get_url (fixture->server));
  g_autofree char *moved = g_strdup_printf ("%s/old-version", lt_test_server_get_url (fixture->server));
  g_autofree char *expected = NULL;
  GAsyncResult *result = NULL;

  lt_test_server_add_response (fixture->server, "GET", "/status/version", 200, "text/plain",
                               "3.3.2\n", NULL);
  lt_test_server_add_response (fixture->server, "GET", "/old-version", 301, "text/plain", "",
                               "Location", "/status/version", NULL);

  /* Another host's URL: the token is never sent; redirects are
   * followed, since no token can go astray. */
  lt_portal_client_fetch_text_async (fixture->client, moved, 1024, NULL, result_cb, &result);
  text = lt_portal_client_fetch_text_finish (fixture->client, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "3.3.2\n");
  request = lt_test_server_dup_last_request (fixture->server);
  g_assert_cmpstr (request->path, ==, "/status/version");
  g_assert_null (header (request, "Authorization"));
  g_clear_pointer (&text, g_free);

  lt_portal_client_fetch_text_async (fixture->client, url, 4, NULL, result_cb, &result);
  text = lt_portal_client_fetch_text_finish (fixture->client, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_null (text);
  assert_portal_error (error, LT_ERROR_INVALID_DATA, FALSE);
  expected = g_strdup_printf ("the answer to GET %s is 6 bytes, more than the limit of 4 bytes; "
                              "it was not read", url);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
test_urls (void)
{
  static const struct { const char *in; const char *out; } good[] = {
    { "https://support.lockthreat.com", "https://support.lockthreat.com" },
    { "HTTPS://Support.LockThreat.COM:443/", "https://support.lockthreat.com" },
    { "https://relay.example:8443/lockthreat//", "https://relay.example:8443/lockthreat" },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080" },
  };
  static const struct { const char *in; const char *message; } bad[] = {
    { "ftp://support.lockthreat.com", "“ftp://support.lockthreat.com” is not an https:// URL" },
    { "support.lockthreat.com", NULL },
    { "https://user:pw@support.lockthreat.com", "“https://user:pw@support.lockthreat.com” must be "
      "only the portal's address, without a user name, “?…” or “#…”" },
    { "https://support.lockthreat.com/?x=1", NULL },
  };
  g_autoptr(LtCredentials) credentials = lt_credentials_new ("https://support.lockthreat.com", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = lt_portal_normalize_url (good[i].in, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, good[i].out);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = lt_portal_normalize_url (bad[i].in, &error);

      g_assert_null (normalized);
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
      if (bad[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad[i].message);
    }

  /* Plain http only to this computer: the token must not cross a network
   * unencrypted. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LtPortalClient) client = lt_portal_client_new ("http://support.lockthreat.com",
                                                             credentials, NULL, &error);
    g_autoptr(LtPortalClient) local = NULL;
    g_autoptr(LtPortalClient) local6 = NULL;
    g_autoptr(LtCredentials) local_credentials = lt_credentials_new ("http://localhost:8080", NULL);
    g_autoptr(LtCredentials) local6_credentials = lt_credentials_new ("http://[::1]:8080", NULL);

    g_assert_null (client);
    g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    local = lt_portal_client_new ("http://localhost:8080/", local_credentials, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (lt_portal_client_get_base_url (local), ==, "http://localhost:8080");
    local6 = lt_portal_client_new ("http://[::1]:8080", local6_credentials, NULL, &error);
    g_assert_no_error (error);
  }
}

/* ---- TLS ---- */

static char *tls_dir;

static gboolean
run_openssl (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "openssl");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (tls_dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_test_message ("openssl %s failed: %s\n%s", args[0], error->message, err ? err : "");
      return FALSE;
    }
  return TRUE;
}

/* A private CA, a server certificate it signed for 127.0.0.1, a
 * self-signed server certificate, and an unrelated CA; made once per run
 * with openssl, since GLib cannot create certificates. */
static gboolean
ensure_certificates (void)
{
  static gsize done = 0;
  static gboolean ok = FALSE;

  if (g_once_init_enter (&done))
    {
      static const char *ext = "subjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\n"
                               "extendedKeyUsage=serverAuth\n";
      const char * const ca[] = { "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                  "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "ca.key",
                                  "-out", "ca.pem", "-days", "3", "-subj", "/CN=LockThreat Test CA",
                                  "-addext", "basicConstraints=critical,CA:TRUE",
                                  "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL };
      const char * const other[] = { "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                     "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "other.key",
                                     "-out", "other.pem", "-days", "3", "-subj", "/CN=Unrelated CA",
                                     "-addext", "basicConstraints=critical,CA:TRUE",
                                     "-addext", "keyUsage=critical,keyCertSign,cRLSign", NULL };
      const char * const csr[] = { "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                   "-nodes", "-keyout", "server.key", "-out", "server.csr",
                                   "-subj", "/CN=127.0.0.1", NULL };
      const char * const sign[] = { "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey",
                                    "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "3",
                                    "-extfile", "server.ext", NULL };
      const char * const self_signed[] = { "req", "-x509", "-newkey", "ec", "-pkeyopt",
                                           "ec_paramgen_curve:prime256v1", "-nodes",
                                           "-keyout", "self.key", "-out", "self.pem", "-days", "3",
                                           "-subj", "/CN=127.0.0.1",
                                           "-addext", "subjectAltName=IP:127.0.0.1", NULL };
      g_autofree char *ext_path = NULL;

      tls_dir = g_dir_make_tmp ("lt-portal-tls-XXXXXX", NULL);
      ext_path = g_build_filename (tls_dir, "server.ext", NULL);
      ok = tls_dir != NULL &&
           g_file_set_contents (ext_path, ext, -1, NULL) &&
           run_openssl (ca) && run_openssl (other) && run_openssl (csr) &&
           run_openssl (sign) && run_openssl (self_signed);
      g_once_init_leave (&done, 1);
    }
  return ok;
}

static char *
tls_file (const char *name)
{
  return g_build_filename (tls_dir, name, NULL);
}

static LtTestServer *
https_server_new (const char *cert_name,
                  const char *key_name)
{
  g_autofree char *cert = tls_file (cert_name);
  g_autofree char *key = tls_file (key_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert, key, &error);
  LtTestServer *server;

  g_assert_no_error (error);
  server = lt_test_server_new (certificate);
  lt_test_server_add_response (server, "GET", "/api/v1/account", 200, "application/json",
                               account_body, NULL);
  return server;
}

static void
test_tls (gconstpointer data)
{
  const char *server_cert = data;
  gboolean self_signed = g_str_equal (server_cert, "self.pem");
  g_autoptr(LtTestServer) server = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(LtPortalClient) plain = NULL;
  g_autoptr(LtPortalClient) trusting = NULL;
  g_autoptr(LtPortalClient) wrong = NULL;
  g_autoptr(LtAccount) account = NULL;

  if (!ensure_certificates ())
    {
      g_test_skip ("openssl could not make the test certificates");
      return;
    }

  server = https_server_new (server_cert, self_signed ? "self.key" : "server.key");
  ca = tls_file (self_signed ? "self.pem" : "ca.pem");
  other = tls_file ("other.pem");

  /* Refused with the system's trust alone. */
  plain = client_new (lt_test_server_get_url (server), &credentials, NULL, &error);
  g_assert_no_error (error);
  account = get_account (plain, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_TLS, FALSE);
  g_assert_cmpstr (error->message, ==,
                   "the certificate of the portal could not be verified: it is not signed by a "
                   "certificate authority this system trusts (for an on-prem relay with its own "
                   "CA, configure that CA's certificate file)");
  g_clear_error (&error);

  /* Refused with an unrelated CA configured. */
  wrong = lt_portal_client_new (lt_test_server_get_url (server), credentials, other, &error);
  g_assert_no_error (error);
  account = get_account (wrong, NULL, &error);
  g_assert_null (account);
  assert_portal_error (error, LT_ERROR_TLS, FALSE);
  g_clear_error (&error);

  /* Accepted with its CA configured. */
  trusting = lt_portal_client_new (lt_test_server_get_url (server), credentials, ca, &error);
  g_assert_no_error (error);
  account = get_account (trusting, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_account_get_customer_name (account), ==, "Acme Corp");
}

/* The extra CA is added to the system's trust, not put in its place. */
static void
test_tls_system_trust_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) combined = NULL;
  g_autoptr(GTlsDatabase) only_extra = NULL;
  g_autofree char *ca = NULL;
  GList *system_roots;
  GTlsCertificate *root;
  GTlsCertificateFlags flags;
  const char *bundle = "/etc/ssl/certs/ca-certificates.crt";

  if (!ensure_certificates ())
    {
      g_test_skip ("openssl could not make the test certificates");
      return;
    }
  if (!g_file_test (bundle, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no system CA bundle");
      return;
    }

  ca = tls_file ("ca.pem");
  system_roots = g_tls_certificate_list_new_from_file (bundle, &error);
  g_assert_no_error (error);
  g_assert_nonnull (system_roots);
  root = system_roots->data;

  combined = lt_tls_database_new (NULL, ca, &error);
  g_assert_no_error (error);
  flags = g_tls_database_verify_chain (combined, root, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       NULL, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (flags & G_TLS_CERTIFICATE_UNKNOWN_CA, ==, 0);

  /* What a file database alone would have done. */
  only_extra = g_tls_file_database_new (ca, &error);
  g_assert_no_error (error);
  flags = g_tls_database_verify_chain (only_extra, root, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                       NULL, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (flags & G_TLS_CERTIFICATE_UNKNOWN_CA, !=, 0);

  g_list_free_full (system_roots, g_object_unref);
}

static void
test_tls_bad_ca_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) credentials = lt_credentials_new ("https://relay.example", NULL);
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "lt-not-a-ca.pem", NULL);
  g_autoptr(LtPortalClient) client = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (path, "not a certificate\n", -1, NULL));
  client = lt_portal_client_new ("https://relay.example", credentials, path, &error);
  g_assert_null (client);
  g_assert_error (error, LT_ERROR, LT_ERROR_TLS);
  expected = g_strdup_printf ("the CA file “%s” could not be read: ", path);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_unlink (path);
}

/* ---- Last: the token in no log line and no error message ---- */

static void
test_token_never_logged (void)
{
  g_mutex_lock (&log_lock);
  /* The capture works: requests were logged at debug level… */
  g_assert_cmpuint (log_lines, >, 20);
  g_assert_nonnull (strstr (log_text->str, "GET /api/v1/account"));
  /* …and the token is in none of it. */
  g_assert_null (strstr (log_text->str, TOKEN));
  g_mutex_unlock (&log_lock);

  g_assert_cmpuint (error_messages->len, >, 0);
  g_assert_null (strstr (error_messages->str, TOKEN));
}

static void
cleanup_tls_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (tls_dir == NULL)
    return;
  dir = g_dir_open (tls_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tls_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (tls_dir);
  g_clear_pointer (&tls_dir, g_free);
}

/* ---- Testing a connection (lt-portal-check.h) ---------------------------- */

static LtPortalCheck *
run_check (LtPortalClient *client)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  LtPortalCheck *check;

  lt_portal_check_run_async (client, NULL, result_cb, &result);
  check = lt_portal_check_run_finish (client, wait_for (&result), &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_nonnull (check);
  return check;
}

static void
test_check_ok (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(LtPortalCheck) check = NULL;

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", 200, "application/json",
                               account_body, NULL);
  check = run_check (fixture->client);
  g_assert_cmpint (lt_portal_check_get_kind (check), ==, LT_PORTAL_CHECK_OK);
  g_assert_true (lt_portal_check_get_ok (check));
  g_assert_cmpstr (lt_portal_check_get_title (check), ==, "Connected to the LockThreat portal");
  g_assert_cmpstr (lt_portal_check_get_customer_name (check), ==, "Acme Corp");
  g_assert_cmpstr (lt_portal_check_get_advice (check), ==, "Signed in for Acme Corp.");
  g_assert_null (lt_portal_check_get_detail (check));
}

/* Each answer of the server, and the verdict it must give. */
static const struct
{
  const char        *path;
  guint              status;
  const char        *content_type;
  const char        *body;
  LtPortalCheckKind  kind;
  const char        *title;
} check_answers[] = {
  { "401", 401, "application/json", "{\"error\": {\"code\": \"unauthorized\", \"message\": \"bad token\"}}",
    LT_PORTAL_CHECK_TOKEN_REFUSED, "The portal refused the token (401)" },
  { "403", 403, "application/json", "{\"error\": {\"code\": \"forbidden\", \"message\": \"no API access\"}}",
    LT_PORTAL_CHECK_FORBIDDEN, "The token may not use this portal (403)" },
  { "407", 407, "text/html", "<html>Proxy Authentication Required</html>",
    LT_PORTAL_CHECK_PROXY, "The proxy did not let the connection through" },
  { "html", 200, "text/html", "<html>Welcome to nginx</html>",
    LT_PORTAL_CHECK_NOT_PORTAL, "This address is not a LockThreat portal" },
  { "404", 404, "text/html", "<html>Not Found</html>",
    LT_PORTAL_CHECK_NOT_PORTAL, "This address is not a LockThreat portal" },
  { "bad-json", 200, "application/json", "{\"hello\": \"world\"}",
    LT_PORTAL_CHECK_NOT_PORTAL, "This address is not a LockThreat portal" },
  { "503", 503, "application/json", "{\"error\": {\"code\": \"unavailable\", \"message\": \"maintenance\"}}",
    LT_PORTAL_CHECK_UNAVAILABLE, "The portal is busy or failing" },
};

static void
test_check_answer (Fixture       *fixture,
                   gconstpointer  data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(LtPortalCheck) check = NULL;

  lt_test_server_add_response (fixture->server, "GET", "/api/v1/account", check_answers[i].status,
                               check_answers[i].content_type, check_answers[i].body, NULL);
  check = run_check (fixture->client);
  g_assert_cmpint (lt_portal_check_get_kind (check), ==, check_answers[i].kind);
  g_assert_cmpstr (lt_portal_check_get_title (check), ==, check_answers[i].title);
  g_assert_false (lt_portal_check_get_ok (check));
  g_assert_nonnull (lt_portal_check_get_advice (check));
  /* The client's own sentence, quoting what happened. */
  g_assert_nonnull (lt_portal_check_get_detail (check));
  g_assert_null (strstr (lt_portal_check_get_detail (check), TOKEN));
}

static void
test_check_timeout (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LtPortalCheck) check = NULL;

  lt_test_server_add_fault (fixture->server, "GET", "/api/v1/account", LT_TEST_FAULT_HANG, NULL);
  lt_portal_client_set_timeout (fixture->client, 1);
  check = run_check (fixture->client);
  g_assert_cmpint (lt_portal_check_get_kind (check), ==, LT_PORTAL_CHECK_TIMEOUT);
  g_assert_cmpstr (lt_portal_check_get_title (check), ==, "The portal did not answer in time");
}

static void
test_check_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(LtPortalClient) client = NULL;
  g_autoptr(LtPortalCheck) check = NULL;
  g_autofree char *url = NULL;

  socket = bind_loopback ("http", &url);
  g_socket_close (socket, NULL);
  client = client_new (url, &credentials, NULL, &error);
  g_assert_no_error (error);
  check = run_check (client);
  g_assert_cmpint (lt_portal_check_get_kind (check), ==, LT_PORTAL_CHECK_REFUSED);
  g_assert_cmpstr (lt_portal_check_get_title (check), ==, "Nothing answers at the portal address");
}

/* A name that cannot exist (RFC 6761 reserves .invalid): the resolver's
 * own failure, not a connection one. */
static void
test_check_dns (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(LtPortalClient) client = NULL;
  g_autoptr(LtPortalCheck) check = NULL;

  client = client_new ("https://portal.lockthreat-test.invalid", &credentials, NULL, &error);
  g_assert_no_error (error);
  lt_portal_client_set_connect_timeout (client, 10);
  check = run_check (client);
  g_assert_cmpint (lt_portal_check_get_kind (check), ==, LT_PORTAL_CHECK_DNS);
  g_assert_cmpstr (lt_portal_check_get_title (check), ==, "The portal’s host name could not be found (DNS)");
  g_assert_nonnull (strstr (lt_portal_check_get_detail (check), "portal.lockthreat-test.invalid"));
}

/* A proxy that wants credentials: it answers every CONNECT with 407. */
static gpointer
refusing_proxy_thread (gpointer data)
{
  GSocket *listener = data;
  g_autoptr(GSocket) client = g_socket_accept (listener, NULL, NULL);
  static const char answer[] = "HTTP/1.1 407 Proxy Authentication Required\r\n"
                               "Proxy-Authenticate: Basic realm=\"corp\"\r\n"
                               "Content-Length: 0\r\n\r\n";
  GString *request = g_string_new (NULL);
  char buffer[512];
  gssize n;

  while (client != NULL && strstr (request->str, "\r\n\r\n") == NULL &&
         (n = g_socket_receive (client, buffer, sizeof buffer, NULL, NULL)) > 0)
    g_string_append_len (request, buffer, n);
  if (client != NULL)
    {
      g_socket_send (client, answer, strlen (answer), NULL, NULL);
      g_socket_close (client, NULL);
    }
  return g_string_free (request, FALSE);
}

/* Through the system's proxy settings (libproxy reads https_proxy here):
 * GIO's own proxy failure, told apart from the portal's. In a subprocess,
 * since the default proxy resolver is chosen once per process. */
static void
test_check_proxy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(LtPortalClient) client = NULL;
  g_autoptr(LtPortalCheck) check = NULL;
  g_autofree char *proxy_url = NULL;
  g_autofree char *request = NULL;
  GThread *thread;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  listener = bind_loopback ("http", &proxy_url);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "libproxy", TRUE);
  g_setenv ("https_proxy", proxy_url, TRUE);
  g_unsetenv ("no_proxy");
  if (!G_IS_PROXY_RESOLVER (g_proxy_resolver_get_default ()) ||
      !g_proxy_resolver_is_supported (g_proxy_resolver_get_default ()))
    {
      g_test_skip ("no proxy resolver reads https_proxy here");
      return;
    }
  thread = g_thread_new ("refusing-proxy", refusing_proxy_thread, listener);

  client = client_new ("https://portal.example.com", &credentials, NULL, &error);
  g_assert_no_error (error);
  check = run_check (client);
  request = g_thread_join (thread);
  g_assert_true (g_str_has_prefix (request, "CONNECT portal.example.com:443 "));
  g_assert_cmpint (lt_portal_check_get_kind (check), ==, LT_PORTAL_CHECK_PROXY);
  g_assert_cmpstr (lt_portal_check_get_title (check), ==, "The proxy did not let the connection through");
}

/* No token, and an address a token may not go to: verdicts without a
 * request. */
static void
test_check_without_request (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPortalCheck) check = NULL;
  g_autofree char *url = lt_portal_validate_url ("http://portal.example.com", &error);

  g_assert_null (url);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "plain http://"));
  g_assert_cmpint (lt_portal_check_classify (NULL, error), ==, LT_PORTAL_CHECK_BAD_ADDRESS);
  g_clear_error (&error);

  url = lt_portal_validate_url ("http://127.0.0.1:8080/", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8080");

  g_set_error_literal (&error, LT_ERROR, LT_ERROR_CREDENTIALS, "no portal token is stored");
  check = lt_portal_check_new_failed (lt_portal_check_classify (NULL, error), error);
  g_assert_cmpint (lt_portal_check_get_kind (check), ==, LT_PORTAL_CHECK_NO_TOKEN);
  g_assert_cmpstr (lt_portal_check_get_detail (check), ==, "no portal token is stored");
}

/* TLS: a certificate nobody here trusts, and one trusted but issued for
 * another name (127.0.0.1, reached as localhost). */
static void
test_check_tls (void)
{
  g_autoptr(LtTestServer) server = NULL;
  g_autoptr(LtTestServer) self_signed = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(LtCredentials) local_credentials = NULL;
  g_autoptr(LtPortalClient) client = NULL;
  g_autoptr(LtPortalClient) by_name = NULL;
  g_autoptr(LtPortalCheck) untrusted = NULL;
  g_autoptr(LtPortalCheck) wrong_host = NULL;
  g_autoptr(LtPortalCheck) ok = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPortalClient) trusting = NULL;
  g_autofree char *ca = NULL;
  g_autofree char *localhost_url = NULL;
  const char *url;

  if (!ensure_certificates ())
    {
      g_test_skip ("openssl could not make the test certificates");
      return;
    }

  self_signed = https_server_new ("self.pem", "self.key");
  client = client_new (lt_test_server_get_url (self_signed), &credentials, NULL, &error);
  g_assert_no_error (error);
  untrusted = run_check (client);
  g_assert_cmpint (lt_portal_check_get_kind (untrusted), ==, LT_PORTAL_CHECK_TLS_UNTRUSTED);
  g_assert_cmpstr (lt_portal_check_get_title (untrusted), ==, "The portal’s certificate is not trusted");

  server = https_server_new ("server.pem", "server.key");
  ca = tls_file ("ca.pem");
  url = lt_test_server_get_url (server);
  localhost_url = g_strdup_printf ("https://localhost%s", strrchr (url, ':'));
  by_name = client_new (localhost_url, &local_credentials, ca, &error);
  g_assert_no_error (error);
  wrong_host = run_check (by_name);
  g_assert_cmpint (lt_portal_check_get_kind (wrong_host), ==, LT_PORTAL_CHECK_TLS_WRONG_HOST);
  g_assert_cmpstr (lt_portal_check_get_title (wrong_host), ==, "The portal’s certificate is for another host name");

  /* The same server by the name on its certificate, with its CA. */
  g_clear_object (&credentials);
  trusting = client_new (url, &credentials, ca, &error);
  g_assert_no_error (error);
  ok = run_check (trusting);
  g_assert_true (lt_portal_check_get_ok (ok));
}

#define ADD(path, func) \
  g_test_add ("/lt/portal-client/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Every debug line of the run is recorded and searched at the end. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_setenv (LT_CREDENTIALS_TOKEN_ENV, TOKEN, TRUE);
  log_text = g_string_new (NULL);
  error_messages = g_string_new (NULL);
  g_log_set_writer_func (record_log_cb, NULL, NULL);

  lt_test_init (&argc, &argv);
  g_log_set_debug_enabled (TRUE);

  ADD ("fault/500", test_fault_500);
  ADD ("fault/502-html", test_fault_502_html);
  ADD ("fault/503-retry-after", test_fault_503_retry_after);
  ADD ("fault/503-retry-after-date", test_fault_503_retry_after_date);
  ADD ("fault/429", test_fault_429);
  ADD ("fault/429-no-retry-after", test_fault_429_no_retry_after);
  ADD ("fault/timeout", test_fault_timeout);
  ADD ("fault/slow-drip", test_fault_slow_drip);
  ADD ("fault/deadline-hang", test_fault_deadline_hang);
  g_test_add_func ("/lt/portal-client/fault/connect-timeout", test_fault_connect_timeout);
  ADD ("fault/truncated", test_fault_truncated);
  ADD ("fault/truncated-without-length", test_fault_truncated_without_length);
  ADD ("fault/malformed-json", test_fault_malformed_json);
  ADD ("fault/wrong-types", test_fault_wrong_types);
  ADD ("fault/bad-list-item", test_fault_bad_list_item);
  ADD ("fault/oversized", test_fault_oversized);
  ADD ("fault/oversized-endless", test_fault_oversized_endless);
  ADD ("fault/connection-reset", test_fault_reset);
  g_test_add_func ("/lt/portal-client/fault/connection-refused", test_fault_refused);
  ADD ("fault/401", test_fault_401);
  ADD ("fault/409", test_fault_409);
  ADD ("fault/404", test_fault_404);
  ADD ("fault/redirect", test_fault_redirect);
  ADD ("fault/redirect-other-origin", test_fault_redirect_other_origin);
  ADD ("fault/not-json", test_fault_not_json);
  ADD ("cancel", test_cancel);
  g_test_add_func ("/lt/portal-client/retryable", test_retryable);

  ADD ("account", test_get_account);
  ADD ("tickets/create", test_create_ticket);
  ADD ("tickets/actions", test_ticket_actions);
  ADD ("tickets/action-needs-events", test_action_needs_events);
  ADD ("tickets/upload", test_upload_attachment);
  ADD ("tickets/upload-too-large", test_upload_too_large);
  ADD ("lists", test_list_pages);
  ADD ("change-notices", test_change_notices);
  ADD ("documents", test_documents);
  ADD ("fetch-text", test_fetch_text);
  g_test_add_func ("/lt/portal-client/urls", test_urls);

  ADD ("check/ok", test_check_ok);
  for (guint i = 0; i < G_N_ELEMENTS (check_answers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/lt/portal-client/check/%s", check_answers[i].path);

      g_test_add (path, Fixture, GUINT_TO_POINTER (i), fixture_setup, test_check_answer, fixture_teardown);
    }
  ADD ("check/timeout", test_check_timeout);
  g_test_add_func ("/lt/portal-client/check/refused", test_check_refused);
  g_test_add_func ("/lt/portal-client/check/dns", test_check_dns);
  g_test_add_func ("/lt/portal-client/check/proxy", test_check_proxy);
  g_test_add_func ("/lt/portal-client/check/without-request", test_check_without_request);
  g_test_add_func ("/lt/portal-client/check/tls", test_check_tls);

  g_test_add_data_func ("/lt/portal-client/tls/private-ca", "server.pem", test_tls);
  g_test_add_data_func ("/lt/portal-client/tls/self-signed", "self.pem", test_tls);
  g_test_add_func ("/lt/portal-client/tls/system-trust-kept", test_tls_system_trust_kept);
  g_test_add_func ("/lt/portal-client/tls/bad-ca-file", test_tls_bad_ca_file);

  /* A suite of its own, registered last, so that it runs after every
   * other test of the file (GLib runs a suite's cases before its
   * sub-suites). */
  g_test_add_func ("/lt/portal-client-logs/no-token", test_token_never_logged);

  status = g_test_run ();
  cleanup_tls_dir ();
  return status;
}
