/* test-devportal.c: the reference portal, end to end over loopback
 *
 * Every test starts the real lockthreat-devportal binary (path in
 * $LT_DEVPORTAL) with a fresh database, reads the URL it prints, and talks
 * to it with a plain SoupSession.
 *
 * tests/prism/run-validation.sh runs this same program with Stoplight
 * Prism's validation proxy in between, so that every answer is checked
 * against data/portal-api.yaml:
 * - $LT_DEVPORTAL_TEST_LISTEN: where the devportal must listen (the port
 *   the proxies forward to);
 * - $LT_DEVPORTAL_TEST_CONTRACT_URL: the strict proxy (requests and
 *   answers validated), used for every request that keeps the contract;
 * - $LT_DEVPORTAL_TEST_LENIENT_URL: a proxy that validates answers only,
 *   for requests that break the contract on purpose (a wrong token, a
 *   missing Idempotency-Key, an invalid body), which the strict proxy would
 *   refuse itself without asking the portal.
 * A few requests always go straight to the portal: the /_dev/ controls
 * (not part of the contract), a request without any credentials (Prism
 * answers 401 itself), bodies that are not JSON at all, and the transport
 * faults (cut connections, malformed bodies), which no proxy can pass on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-devportal"

#include "config.h"

#include "lt-test-util.h"

#include "lt-business-calendar.h"
#include "lt-lifecycle.h"
#include "lt-policy.h"
#include "lt-release.h"
#include "lt-release-catalog.h"
#include "lt-rules.h"
#include "lt-sla.h"
#include "lt-version.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#define TOKEN "test-token-5f2c"

typedef struct
{
  GSubprocess *process;
  char        *root;       /* http://127.0.0.1:PORT, as printed */
  char        *contract;   /* base of contract requests (…/api/v1 or a proxy) */
  char        *lenient;    /* base of requests that break the contract on purpose */
  char        *data_dir;
  SoupSession *session;
} Portal;

typedef enum
{
  VIA_CONTRACT,
  VIA_LENIENT,
  VIA_DIRECT,
} Via;

typedef enum
{
  AUTH_TOKEN,
  AUTH_NONE,
  AUTH_WRONG,
} Auth;

typedef struct
{
  guint               status;
  GBytes             *body;
  JsonNode           *json;
  SoupMessageHeaders *headers;
  GError             *error;
  gint64              elapsed_us;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_clear_pointer (&reply->json, json_node_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_error (&reply->error);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

/* ---- The process ------------------------------------------------------------ */

static gboolean
through_prism (void)
{
  return g_getenv ("LT_DEVPORTAL_TEST_CONTRACT_URL") != NULL;
}

static const char *
devportal_path (void)
{
  const char *path = g_getenv ("LT_DEVPORTAL");

  g_assert_nonnull (path);
  return path;
}

/* A portal must not outlive a test that failed half-way: it would keep the
 * test's output pipe open and hang the harness. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  return launcher;
}

static void
portal_start_full (Portal      *p,
                   const char  *data_dir,
                   const char  *first_arg,
                   ...)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  const char *listen = g_getenv ("LT_DEVPORTAL_TEST_LISTEN");
  g_autofree char *line = NULL;
  va_list args;

  g_ptr_array_add (argv, (char *) devportal_path ());
  g_ptr_array_add (argv, (char *) "--dev-controls");
  g_ptr_array_add (argv, (char *) "--listen");
  g_ptr_array_add (argv, (char *) (listen != NULL ? listen : "127.0.0.1:0"));
  if (data_dir != NULL)
    {
      g_ptr_array_add (argv, (char *) "--data");
      g_ptr_array_add (argv, (char *) data_dir);
    }
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "LTSUPPORT_DEVPORTAL_TOKEN", TOKEN, TRUE);
  p->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p->process));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));

  g_free (p->root);
  g_free (p->contract);
  g_free (p->lenient);
  p->root = g_steal_pointer (&line);
  if (through_prism ())
    {
      p->contract = g_strdup (g_getenv ("LT_DEVPORTAL_TEST_CONTRACT_URL"));
      p->lenient = g_strdup (g_getenv ("LT_DEVPORTAL_TEST_LENIENT_URL"));
      g_assert_nonnull (p->lenient);
    }
  else
    {
      p->contract = g_strconcat (p->root, "/api/v1", NULL);
      p->lenient = g_strdup (p->contract);
    }

  /* A new session per process: a kept-alive connection to a portal that
   * was restarted must not be reused. */
  g_clear_object (&p->session);
  p->session = soup_session_new_with_options ("timeout", 60, "user-agent", "test-devportal", NULL);
}

static void
portal_start (Portal *p)
{
  portal_start_full (p, NULL, NULL);
}

static void
portal_stop (Portal *p)
{
  g_autoptr(GError) error = NULL;

  if (p->process == NULL)
    return;
  g_subprocess_send_signal (p->process, SIGTERM);
  g_subprocess_wait (p->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (p->process));
  g_assert_cmpint (g_subprocess_get_exit_status (p->process), ==, 0);
  g_clear_object (&p->process);
  g_clear_object (&p->session);
}

static void
portal_clear (Portal *p)
{
  portal_stop (p);
  g_clear_pointer (&p->root, g_free);
  g_clear_pointer (&p->contract, g_free);
  g_clear_pointer (&p->lenient, g_free);
  g_clear_pointer (&p->data_dir, g_free);
}

/* ---- Requests ------------------------------------------------------------------ */

static Reply *
send_message (Portal      *p,
              SoupMessage *msg)
{
  Reply *reply = g_new0 (Reply, 1);
  gint64 start = g_get_monotonic_time ();

  reply->body = soup_session_send_and_read (p->session, msg, NULL, &reply->error);
  reply->elapsed_us = g_get_monotonic_time () - start;
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (reply->body != NULL && g_bytes_get_size (reply->body) > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      if (json_parser_load_from_data (parser, g_bytes_get_data (reply->body, NULL),
                                      g_bytes_get_size (reply->body), NULL))
        reply->json = json_node_ref (json_parser_get_root (parser));
    }
  return reply;
}

static SoupMessage *
new_message (Portal      *p,
             Via          via,
             Auth         auth,
             const char  *method,
             const char  *path)
{
  g_autofree char *url = NULL;
  SoupMessage *msg;
  SoupMessageHeaders *headers;

  if (g_str_has_prefix (path, "/_dev/") || via == VIA_DIRECT)
    url = g_str_has_prefix (path, "/_dev/") || g_str_has_prefix (path, "/api/")
      ? g_strconcat (p->root, path, NULL)
      : g_strconcat (p->root, "/api/v1", path, NULL);
  else
    url = g_strconcat (via == VIA_CONTRACT ? p->contract : p->lenient, path, NULL);

  msg = soup_message_new (method, url);
  g_assert_nonnull (msg);
  headers = soup_message_get_request_headers (msg);
  if (auth == AUTH_TOKEN)
    soup_message_headers_replace (headers, "Authorization", "Bearer " TOKEN);
  else if (auth == AUTH_WRONG)
    soup_message_headers_replace (headers, "Authorization", "Bearer not-" TOKEN);
  return msg;
}

static Reply *
request_full (Portal      *p,
              Via          via,
              Auth         auth,
              const char  *method,
              const char  *path,
              const char  *json,
              const char  *key)
{
  g_autoptr(SoupMessage) msg = new_message (p, via, auth, method, path);

  if (key != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
  if (json != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", body);
    }
  return send_message (p, msg);
}

static Reply *
get (Portal     *p,
     const char *path)
{
  return request_full (p, VIA_CONTRACT, AUTH_TOKEN, "GET", path, NULL, NULL);
}

static Reply *
post (Portal     *p,
      const char *path,
      const char *json,
      const char *key)
{
  return request_full (p, VIA_CONTRACT, AUTH_TOKEN, "POST", path, json, key);
}

/* A POST with a fresh key, for requests whose key the test never reuses. */
static Reply *
post_new (Portal     *p,
          const char *path,
          const char *json)
{
  g_autofree char *key = g_uuid_string_random ();

  return post (p, path, json, key);
}

static Reply *
dev (Portal     *p,
     const char *method,
     const char *path,
     const char *json)
{
  return request_full (p, VIA_DIRECT, AUTH_TOKEN, method, path, json, NULL);
}

static void
assert_status (Reply *reply,
               guint  status)
{
  if (reply->error != NULL || reply->status != status)
    {
      g_autofree char *body = reply->body != NULL
        ? g_strndup (g_bytes_get_data (reply->body, NULL), MIN (g_bytes_get_size (reply->body), 2000))
        : g_strdup ("");
      g_autofree char *message = g_strdup_printf ("expected HTTP %u, got %u (%s): %s", status,
                                                  reply->status,
                                                  reply->error ? reply->error->message : "no error",
                                                  body);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
}

static JsonObject *
object (Reply *reply)
{
  g_assert_nonnull (reply->json);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->json));
  return json_node_get_object (reply->json);
}

static const char *
str (JsonObject *obj,
     const char *member)
{
  JsonNode *node = json_object_get_member (obj, member);

  g_assert_nonnull (node);
  return JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node);
}

static void
assert_error (Reply      *reply,
              guint       status,
              const char *code)
{
  JsonObject *error;

  assert_status (reply, status);
  error = json_object_get_object_member (object (reply), "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (str (error, "code"), ==, code);
  g_assert_nonnull (str (error, "message"));
}

static void
set_clock (Portal     *p,
           const char *now)
{
  g_autofree char *json = g_strdup_printf ("{\"now\": \"%s\"}", now);
  g_autoptr(Reply) reply = dev (p, "POST", "/_dev/clock", json);

  assert_status (reply, 200);
  g_assert_cmpstr (str (object (reply), "now"), ==, now);
}

/* A ticket that needs no attention from the rules: S3, in scope. */
#define TICKET_BODY \
  "{\"title\": \"Dashboard export fails\", \"description\": \"The PDF export stops at page 3.\"," \
  " \"severity\": \"s3\", \"category\": \"troubleshooting\"}"

static char *
create_ticket (Portal     *p,
               const char *json)
{
  g_autoptr(Reply) reply = post_new (p, "/tickets", json != NULL ? json : TICKET_BODY);

  assert_status (reply, 201);
  return g_strdup (str (object (reply), "id"));
}

static Reply *
support_moves (Portal     *p,
               const char *id,
               const char *json)
{
  g_autofree char *path = g_strdup_printf ("/_dev/tickets/%s/transition", id);
  Reply *reply = dev (p, "POST", path, json);

  assert_status (reply, 200);
  return reply;
}

/* Support walks a new ticket to @state (one of the open states). */
static void
walk_to (Portal     *p,
         const char *id,
         const char *state)
{
  static const char * const path[] = { "triaged", "in-progress", NULL };

  for (guint i = 0; path[i] != NULL; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"to\": \"%s\"}", path[i]);
      g_autoptr(Reply) reply = support_moves (p, id, json);

      g_assert_cmpstr (str (object (reply), "state"), ==, path[i]);
      if (g_strcmp0 (path[i], state) == 0)
        return;
    }
  if (g_strcmp0 (state, "in-progress") != 0)
    {
      g_autofree char *json = g_strdup_printf ("{\"to\": \"%s\", \"comment\": \"Please check.\"}", state);
      g_autoptr(Reply) reply = support_moves (p, id, json);

      g_assert_cmpstr (str (object (reply), "state"), ==, state);
    }
}

static JsonObject *
stats (Portal     *p,
       Reply     **holder)
{
  *holder = dev (p, "GET", "/_dev/stats", NULL);
  assert_status (*holder, 200);
  return object (*holder);
}

static gint64
stat_count (Portal     *p,
            const char *name)
{
  g_autoptr(Reply) reply = NULL;

  return json_object_get_int_member (stats (p, &reply), name);
}

static char *
ticket_path (const char *id,
             const char *action)
{
  return action != NULL ? g_strdup_printf ("/tickets/%s/%s", id, action)
                        : g_strdup_printf ("/tickets/%s", id);
}

static JsonObject *
last_event (JsonObject *ticket)
{
  JsonArray *events = json_object_get_array_member (ticket, "events");

  g_assert_cmpuint (json_array_get_length (events), >, 0);
  return json_array_get_object_element (events, json_array_get_length (events) - 1);
}

static void
assert_wire_instant (const char *text,
                     GDateTime  *expected)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (expected);
  g_autofree char *wire = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

  g_assert_cmpstr (text, ==, wire);
}

/* ---- Startup and authentication ------------------------------------------------- */

static void
test_startup_url (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) reply = NULL;
  guint64 port = 0;

  portal_start (&p);
  /* The root URL without /api/v1, on loopback, with a real port. */
  g_assert_true (g_ascii_string_to_unsigned (p.root + strlen ("http://127.0.0.1:"), 10, 1, 65535,
                                             &port, NULL));
  if (g_getenv ("LT_DEVPORTAL_TEST_LISTEN") != NULL)
    g_assert_true (g_str_has_suffix (g_getenv ("LT_DEVPORTAL_TEST_LISTEN"), p.root + strlen ("http://127.0.0.1")));

  reply = get (&p, "/account");
  assert_status (reply, 200);
  g_assert_cmpstr (str (object (reply), "tier"), ==, "enterprise");
  portal_clear (&p);
}

static int
run_refused (const char * const *argv,
             gboolean            with_token)
{
  g_autoptr(GSubprocessLauncher) launcher =
    new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_unsetenv (launcher, "LTSUPPORT_DEVPORTAL_TOKEN");
  if (with_token)
    g_subprocess_launcher_setenv (launcher, "LTSUPPORT_DEVPORTAL_TOKEN", TOKEN, TRUE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_startup_refusals (void)
{
  const char *no_token[] = { devportal_path (), NULL };
  const char *hostname[] = { devportal_path (), "--listen", "example.com:0", NULL };
  const char *no_port[] = { devportal_path (), "--listen", "127.0.0.1", NULL };

  /* No token anywhere: refused rather than serving an open portal. */
  g_assert_cmpint (run_refused (no_token, FALSE), ==, 2);
  /* A name could resolve to a public interface: only addresses. */
  g_assert_cmpint (run_refused (hostname, TRUE), ==, 2);
  g_assert_cmpint (run_refused (no_port, TRUE), ==, 2);
}

static void
test_auth (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) none = NULL;
  g_autoptr(Reply) wrong = NULL;
  g_autoptr(Reply) dev_none = NULL;
  g_autoptr(Reply) right = NULL;

  portal_start (&p);
  none = request_full (&p, VIA_DIRECT, AUTH_NONE, "GET", "/tickets", NULL, NULL);
  assert_error (none, 401, "unauthorized");
  g_assert_true (g_str_has_prefix (soup_message_headers_get_one (none->headers, "WWW-Authenticate"),
                                   "Bearer"));

  wrong = request_full (&p, VIA_LENIENT, AUTH_WRONG, "GET", "/tickets", NULL, NULL);
  assert_error (wrong, 401, "unauthorized");

  dev_none = request_full (&p, VIA_DIRECT, AUTH_NONE, "GET", "/_dev/stats", NULL, NULL);
  assert_error (dev_none, 401, "unauthorized");

  right = get (&p, "/tickets");
  assert_status (right, 200);
  portal_clear (&p);
}

/* ---- Documents and account ---------------------------------------------------------- */

static void
test_documents (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) policy = NULL;
  g_autoptr(Reply) releases = NULL;
  g_autoptr(LtPolicy) parsed_policy = NULL;
  g_autoptr(LtReleaseCatalog) parsed_catalog = NULL;
  g_autoptr(GError) error = NULL;
  const char *etag;

  portal_start (&p);

  /* What the portal serves is what the client's own parser accepts. */
  policy = get (&p, "/policy");
  assert_status (policy, 200);
  parsed_policy = lt_policy_new_from_bytes (policy->body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lt_policy_get_auto_close_business_days (parsed_policy), ==, 5);

  etag = soup_message_headers_get_one (policy->headers, "ETag");
  g_assert_nonnull (etag);
  {
    g_autoptr(SoupMessage) msg = new_message (&p, VIA_CONTRACT, AUTH_TOKEN, "GET", "/policy");
    g_autoptr(Reply) again = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", etag);
    again = send_message (&p, msg);
    assert_status (again, 304);
    g_assert_cmpuint (g_bytes_get_size (again->body), ==, 0);
  }

  releases = get (&p, "/releases");
  assert_status (releases, 200);
  parsed_catalog = lt_release_catalog_new_from_bytes (releases->body, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lt_release_catalog_get_current (parsed_catalog));
  etag = soup_message_headers_get_one (releases->headers, "ETag");
  {
    g_autoptr(SoupMessage) msg = new_message (&p, VIA_CONTRACT, AUTH_TOKEN, "GET", "/releases");
    g_autoptr(Reply) again = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", etag);
    again = send_message (&p, msg);
    assert_status (again, 304);
  }
  portal_clear (&p);
}

static void
test_account (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) reply = NULL;
  g_autoptr(Reply) changed = NULL;
  JsonObject *contact;

  portal_start (&p);
  reply = get (&p, "/account");
  assert_status (reply, 200);
  contact = json_object_get_object_member (object (reply), "primary_contact");
  g_assert_nonnull (contact);
  g_assert_true (lt_rules_validate_primary_contact (str (contact, "name"), str (contact, "email"),
                                                    str (contact, "phone"), NULL));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (reply), "invoices")), ==, 0);

  changed = dev (&p, "POST", "/_dev/account",
                 "{\"tier\": \"essential\", \"invoices\": [{\"id\": \"INV-1\", \"issued\": \"2026-01-05\","
                 " \"amount\": \"1250.00\", \"currency\": \"EUR\", \"paid\": false}]}");
  assert_status (changed, 200);
  g_clear_pointer (&reply, reply_free);
  reply = get (&p, "/account");
  assert_status (reply, 200);
  g_assert_cmpstr (str (object (reply), "tier"), ==, "essential");
  {
    JsonObject *invoice = json_array_get_object_element (json_object_get_array_member (object (reply), "invoices"), 0);

    /* Decimal text, exactly as stored. */
    g_assert_cmpstr (str (invoice, "amount"), ==, "1250.00");
    g_assert_cmpstr (str (invoice, "issued"), ==, "2026-01-05");
  }
  portal_clear (&p);
}

/* ---- Tickets and the SLA ---------------------------------------------------------------- */

static void
test_ticket_create (void)
{
  Portal p = { 0 };
  g_autoptr(LtPolicy) policy = lt_policy_new_default (NULL);
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-01-09T16:40:00-05:00");
  g_autoptr(GDateTime) expected = lt_sla_response_due_for_policy (policy, LT_TIER_ENTERPRISE,
                                                                  LT_SEVERITY_S2, opened);
  g_autoptr(Reply) reply = NULL;
  g_autoptr(Reply) feature = NULL;
  g_autoptr(Reply) fetched = NULL;
  g_autofree char *path = NULL;
  JsonObject *t;

  portal_start (&p);
  set_clock (&p, "2026-01-09T21:40:00Z");
  reply = post_new (&p, "/tickets",
                    "{\"title\": \"Correlation engine slow\", \"description\": \"Queries take minutes.\","
                    " \"severity\": \"s2\", \"category\": \"performance\", \"break_fix\": true,"
                    " \"product_version\": \"3.3.2\", \"installation\": \"prod-siem-01\","
                    " \"known_issue_ids\": [\"LT-1234\"]}");
  assert_status (reply, 201);
  t = object (reply);
  g_assert_true (g_regex_match_simple ("^LT-[0-9]{6}$", str (t, "id"), 0, 0));
  g_assert_cmpstr (str (t, "state"), ==, "submitted");
  g_assert_cmpstr (str (t, "close_reason"), ==, "none");
  g_assert_cmpstr (str (t, "opened_at"), ==, "2026-01-09T21:40:00Z");
  /* R4: Friday 16:40 + 120 business minutes = Monday 09:40 (−05:00),
   * computed by the portal with the core rule. */
  g_assert_cmpstr (str (t, "response_due"), ==, "2026-01-12T14:40:00Z");
  assert_wire_instant (str (t, "response_due"), expected);
  g_assert_true (json_object_get_boolean_member (t, "break_fix"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (t, "events")), ==, 0);

  path = ticket_path (str (t, "id"), NULL);
  fetched = get (&p, path);
  assert_status (fetched, 200);
  g_assert_cmpstr (str (object (fetched), "response_due"), ==, "2026-01-12T14:40:00Z");
  g_assert_cmpstr (str (object (fetched), "product_version"), ==, "3.3.2");

  /* A feature request has no response target. */
  feature = post_new (&p, "/tickets",
                      "{\"title\": \"Dark mode\", \"description\": \"For the night shift.\","
                      " \"severity\": \"feature\", \"category\": \"configuration\","
                      " \"feature_criteria\": {\"regulatory-compliance\": \"none\","
                      " \"customer-impact\": \"20 analysts\", \"strategic-value\": \"retention\","
                      " \"roadmap-alignment\": \"UI refresh\"}}");
  assert_status (feature, 201);
  g_assert_null (str (object (feature), "response_due"));
  g_assert_cmpstr (str (json_object_get_object_member (object (feature), "feature_criteria"),
                        "customer-impact"), ==, "20 analysts");
  portal_clear (&p);
}

static void
test_ticket_tier (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) changed = NULL;
  g_autoptr(Reply) reply = NULL;

  portal_start (&p);
  set_clock (&p, "2026-01-09T21:40:00Z");
  changed = dev (&p, "POST", "/_dev/account", "{\"tier\": \"essential\"}");
  assert_status (changed, 200);
  /* Essential S1: 240 business minutes from Friday 16:40 = Monday 11:40. */
  reply = post_new (&p, "/tickets",
                    "{\"title\": \"Outage\", \"description\": \"Nothing works.\", \"severity\": \"s1\","
                    " \"category\": \"troubleshooting\"}");
  assert_status (reply, 201);
  g_assert_cmpstr (str (object (reply), "response_due"), ==, "2026-01-12T16:40:00Z");
  portal_clear (&p);
}

/* ---- Idempotency ------------------------------------------------------------------------ */

static void
test_idempotency_replay (void)
{
  Portal p = { 0 };
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *upper = g_ascii_strup (key, -1);
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) holder = NULL;
  g_autofree char *stats_path = NULL;
  JsonArray *keys;

  portal_start (&p);
  first = post (&p, "/tickets", TICKET_BODY, key);
  assert_status (first, 201);
  g_assert_null (soup_message_headers_get_one (first->headers, "Idempotent-Replayed"));

  /* The same request again, members reordered and spaced differently and
   * the key in capitals: the stored answer, 200, nothing new. */
  again = post (&p, "/tickets",
                "{ \"category\":\"troubleshooting\",\"severity\":\"s3\","
                "\"description\":\"The PDF export stops at page 3.\",\"title\":\"Dashboard export fails\" }",
                upper);
  assert_status (again, 200);
  g_assert_cmpstr (soup_message_headers_get_one (again->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_true (g_bytes_equal (first->body, again->body));

  g_assert_cmpint (stat_count (&p, "tickets"), ==, 1);
  stats_path = g_strdup_printf ("/_dev/stats?key=%s", key);
  holder = dev (&p, "GET", stats_path, NULL);
  assert_status (holder, 200);
  keys = json_object_get_array_member (object (holder), "idempotency_keys");
  g_assert_cmpuint (json_array_get_length (keys), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (keys, 0), "replays"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (keys, 0), "status"), ==, 201);
  g_assert_cmpstr (str (json_array_get_object_element (keys, 0), "resource_id"), ==,
                   str (object (first), "id"));
  portal_clear (&p);
}

static void
test_idempotency_conflict (void)
{
  Portal p = { 0 };
  g_autofree char *key = g_uuid_string_random ();
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) other_body = NULL;
  g_autoptr(Reply) other_path = NULL;
  g_autofree char *path = NULL;

  portal_start (&p);
  first = post (&p, "/tickets", TICKET_BODY, key);
  assert_status (first, 201);

  other_body = post (&p, "/tickets",
                     "{\"title\": \"Another\", \"description\": \"Different.\", \"severity\": \"s3\","
                     " \"category\": \"troubleshooting\"}", key);
  assert_error (other_body, 409, "idempotency_conflict");

  path = ticket_path (str (object (first), "id"), "comments");
  other_path = post (&p, path, "{\"body\": \"Hello\"}", key);
  assert_error (other_path, 409, "idempotency_conflict");

  g_assert_cmpint (stat_count (&p, "tickets"), ==, 1);
  g_assert_cmpint (stat_count (&p, "comments"), ==, 0);
  portal_clear (&p);
}

static void
test_idempotency_key_required (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) missing = NULL;
  g_autoptr(Reply) malformed = NULL;

  portal_start (&p);
  missing = request_full (&p, VIA_LENIENT, AUTH_TOKEN, "POST", "/tickets", TICKET_BODY, NULL);
  assert_error (missing, 400, "idempotency_key_required");
  malformed = request_full (&p, VIA_LENIENT, AUTH_TOKEN, "POST", "/tickets", TICKET_BODY, "key-1");
  assert_error (malformed, 400, "idempotency_key_required");
  g_assert_cmpint (stat_count (&p, "tickets"), ==, 0);
  portal_clear (&p);
}

static void
test_idempotency_refusal_not_stored (void)
{
  Portal p = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autoptr(Reply) refused = NULL;
  g_autoptr(Reply) accepted = NULL;

  portal_start (&p);
  id = create_ticket (&p, NULL);
  path = ticket_path (id, "confirm-closure");

  /* Refused (not resolved yet): nothing changed, nothing stored… */
  refused = post (&p, path, "{}", key);
  assert_error (refused, 409, "invalid_transition");

  /* …so the same key is evaluated afresh once the ticket is resolved. */
  walk_to (&p, id, "resolved");
  accepted = post (&p, path, "{}", key);
  assert_status (accepted, 200);
  g_assert_null (soup_message_headers_get_one (accepted->headers, "Idempotent-Replayed"));
  g_assert_cmpstr (str (object (accepted), "state"), ==, "closed");
  g_assert_cmpstr (str (object (accepted), "close_reason"), ==, "confirmed");
  portal_clear (&p);
}

/* ---- Validation ----------------------------------------------------------------------- */

static void
assert_refused (Portal     *p,
                const char *json,
                guint       status,
                const char *code,
                const char *message_part)
{
  g_autofree char *key = g_uuid_string_random ();
  g_autoptr(Reply) reply = request_full (p, VIA_LENIENT, AUTH_TOKEN, "POST", "/tickets", json, key);
  JsonObject *error;

  assert_error (reply, status, code);
  error = json_object_get_object_member (object (reply), "error");
  if (message_part != NULL)
    {
      g_test_message ("message: %s", str (error, "message"));
      g_assert_nonnull (strstr (str (error, "message"), message_part));
    }
}

static void
test_validation (void)
{
  Portal p = { 0 };

  portal_start (&p);
  assert_refused (&p, "{\"title\": \"x\", \"description\": \"y\", \"serverity\": \"s3\","
                  " \"severity\": \"s3\", \"category\": \"troubleshooting\"}",
                  400, "validation_failed", "$.serverity");
  assert_refused (&p, "{\"title\": \"x\", \"description\": \"y\", \"severity\": \"S3\","
                  " \"category\": \"troubleshooting\"}", 400, "validation_failed", "$.severity");
  assert_refused (&p, "{\"description\": \"y\", \"severity\": \"s3\", \"category\": \"troubleshooting\"}",
                  400, "validation_failed", "$.title");
  assert_refused (&p, "{\"title\": \"   \", \"description\": \"y\", \"severity\": \"s3\","
                  " \"category\": \"troubleshooting\"}", 400, "validation_failed", "$.title");
  /* R6: a security incident is S1. */
  assert_refused (&p, "{\"title\": \"x\", \"description\": \"y\", \"severity\": \"s2\","
                  " \"category\": \"troubleshooting\", \"security_incident\": true}",
                  400, "validation_failed", "$.severity");
  /* §15 criteria: required for a feature request, refused otherwise. */
  assert_refused (&p, "{\"title\": \"x\", \"description\": \"y\", \"severity\": \"feature\","
                  " \"category\": \"configuration\"}", 400, "validation_failed", "$.feature_criteria");
  assert_refused (&p, "{\"title\": \"x\", \"description\": \"y\", \"severity\": \"s3\","
                  " \"category\": \"configuration\", \"feature_criteria\": {\"customer-impact\": \"a\"}}",
                  400, "validation_failed", "$.feature_criteria");
  assert_refused (&p, "{\"title\": \"x\", \"description\": \"y\", \"severity\": \"s3\","
                  " \"category\": \"astrology\"}", 400, "validation_failed", "$.category");
  assert_refused (&p, "{\"title\": \"x\", \"description\": \"y\", \"severity\": \"s3\","
                  " \"category\": \"troubleshooting\", \"product_version\": \"3.x\"}",
                  400, "validation_failed", "$.product_version");
  assert_refused (&p, "{\"title\": \"x\", \"description\": \"y\", \"severity\": \"s3\","
                  " \"category\": \"troubleshooting\", \"known_issue_ids\": [\"BUG-1\"]}",
                  400, "validation_failed", "$.known_issue_ids[0]");
  assert_refused (&p, "{\"title\": \"x\", \"description\": \"y\", \"severity\": \"s3\","
                  " \"category\": \"troubleshooting\", \"references_ticket\": \"LT-999999\"}",
                  400, "validation_failed", "$.references_ticket");
  /* R7: an out-of-scope category needs the acknowledgement. */
  assert_refused (&p, "{\"title\": \"x\", \"description\": \"y\", \"severity\": \"s3\","
                  " \"category\": \"custom-code\"}", 400, "scope_acknowledgement_required", NULL);
  {
    g_autoptr(Reply) acknowledged = post_new (&p, "/tickets",
                                              "{\"title\": \"x\", \"description\": \"y\", \"severity\": \"s3\","
                                              " \"category\": \"custom-code\", \"scope_acknowledged\": true}");

    assert_status (acknowledged, 201);
  }
  /* A body that is not JSON at all, the wrong content type, and a body over
   * the limit never reach a proxy that parses bodies: straight to the
   * portal. */
  {
    g_autofree char *key = g_uuid_string_random ();
    g_autoptr(Reply) broken = request_full (&p, VIA_DIRECT, AUTH_TOKEN, "POST", "/tickets",
                                            "{\"title\": ", key);
    g_autoptr(Reply) duplicate = request_full (&p, VIA_DIRECT, AUTH_TOKEN, "POST", "/tickets",
                                               "{\"title\": \"a\", \"title\": \"b\"}", key);
    g_autoptr(SoupMessage) msg = new_message (&p, VIA_DIRECT, AUTH_TOKEN, "POST", "/tickets");
    g_autoptr(GBytes) text = g_bytes_new_static ("title=x", 7);
    g_autoptr(Reply) wrong_type = NULL;
    g_autoptr(Reply) too_large = NULL;
    g_autoptr(GString) huge = g_string_new ("{\"title\": \"x\", \"description\": \"");

    assert_error (broken, 400, "validation_failed");
    assert_error (duplicate, 400, "validation_failed");
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
    soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", text);
    wrong_type = send_message (&p, msg);
    assert_error (wrong_type, 415, "unsupported_media_type");

    while (huge->len < 1100 * 1024)
      g_string_append (huge, "0123456789abcdef");
    g_string_append (huge, "\", \"severity\": \"s3\", \"category\": \"troubleshooting\"}");
    too_large = request_full (&p, VIA_DIRECT, AUTH_TOKEN, "POST", "/tickets", huge->str, key);
    assert_error (too_large, 413, "payload_too_large");
  }
  g_assert_cmpint (stat_count (&p, "tickets"), ==, 1);
  portal_clear (&p);
}

static void
test_primary_contact_required (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) changed = NULL;
  g_autoptr(Reply) refused = NULL;

  portal_start (&p);
  /* R10: no complete primary technical contact, no filing. */
  changed = dev (&p, "POST", "/_dev/account",
                 "{\"primary_contact\": {\"name\": \"Alex\", \"email\": \"alex@example\", \"phone\": \"\"}}");
  assert_status (changed, 200);
  refused = post_new (&p, "/tickets", TICKET_BODY);
  assert_error (refused, 409, "primary_contact_required");
  g_assert_cmpint (stat_count (&p, "tickets"), ==, 0);
  portal_clear (&p);
}

/* ---- Pagination ------------------------------------------------------------------------ */

static GPtrArray *
list_all (Portal     *p,
          const char *path,
          guint       limit,
          guint      *n_pages)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;

  *n_pages = 0;
  do
    {
      g_autofree char *url = NULL;
      g_autoptr(Reply) reply = NULL;
      JsonArray *items;
      const char *next;

      url = cursor != NULL
        ? g_strdup_printf ("%s%slimit=%u&cursor=%s", path, strchr (path, '?') ? "&" : "?", limit, cursor)
        : g_strdup_printf ("%s%slimit=%u", path, strchr (path, '?') ? "&" : "?", limit);
      reply = get (p, url);
      assert_status (reply, 200);
      items = json_object_get_array_member (object (reply), "items");
      g_assert_cmpuint (json_array_get_length (items), <=, limit);
      for (guint i = 0; i < json_array_get_length (items); i++)
        g_ptr_array_add (ids, g_strdup (str (json_array_get_object_element (items, i), "id")));
      next = str (object (reply), "next_cursor");
      g_free (cursor);
      cursor = g_strdup (next);
      (*n_pages)++;
    }
  while (cursor != NULL);
  return ids;
}

static void
test_pagination (void)
{
  Portal p = { 0 };
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(Reply) comment = NULL;
  g_autofree char *comment_path = NULL;
  guint pages = 0;

  portal_start (&p);
  /* Seven tickets in the same second: the id breaks the tie. */
  set_clock (&p, "2026-03-02T15:00:00Z");
  for (guint i = 0; i < 7; i++)
    g_ptr_array_add (created, create_ticket (&p, NULL));

  listed = list_all (&p, "/tickets", 3, &pages);
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (listed->len, ==, 7);
  for (guint i = 0; i < 7; i++)
    g_assert_cmpstr (g_ptr_array_index (listed, i), ==, g_ptr_array_index (created, i));

  /* A change moves the ticket to the end and into updated_since. */
  set_clock (&p, "2026-03-02T16:00:00Z");
  comment_path = ticket_path (g_ptr_array_index (created, 1), "comments");
  comment = post_new (&p, comment_path, "{\"body\": \"Any news?\"}");
  assert_status (comment, 201);

  changed = list_all (&p, "/tickets?updated_since=2026-03-02T16:00:00Z", 100, &pages);
  g_assert_cmpuint (changed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changed, 0), ==, g_ptr_array_index (created, 1));

  after = list_all (&p, "/tickets", 100, &pages);
  g_assert_cmpuint (pages, ==, 1);
  g_assert_cmpuint (after->len, ==, 7);
  g_assert_cmpstr (g_ptr_array_index (after, 6), ==, g_ptr_array_index (created, 1));

  /* Inclusive boundary: an earlier instant in the same second counts. */
  {
    g_autoptr(GPtrArray) all = list_all (&p, "/tickets?updated_since=2026-03-02T10:00:00-05:00",
                                         100, &pages);

    g_assert_cmpuint (all->len, ==, 7);
  }
  {
    g_autoptr(Reply) zero = request_full (&p, VIA_LENIENT, AUTH_TOKEN, "GET", "/tickets?limit=0", NULL, NULL);
    g_autoptr(Reply) big = request_full (&p, VIA_LENIENT, AUTH_TOKEN, "GET", "/tickets?limit=1001", NULL, NULL);
    g_autoptr(Reply) cursor = request_full (&p, VIA_LENIENT, AUTH_TOKEN, "GET", "/tickets?cursor=%2A%2A",
                                            NULL, NULL);
    g_autoptr(Reply) since = request_full (&p, VIA_LENIENT, AUTH_TOKEN, "GET",
                                           "/tickets?updated_since=yesterday", NULL, NULL);

    assert_error (zero, 400, "validation_failed");
    assert_error (big, 400, "validation_failed");
    assert_error (cursor, 400, "validation_failed");
    assert_error (since, 400, "validation_failed");
  }
  portal_clear (&p);
}

/* ?include=events: the same page, each ticket with the events
 * GET /tickets/{id} has, and events_included saying which page it is;
 * any other include is refused. */
static void
test_list_with_events (void)
{
  Portal p = { 0 };
  g_autoptr(GPtrArray) created = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(Reply) comment = NULL;
  g_autoptr(Reply) plain = NULL;
  g_autoptr(Reply) with_events = NULL;
  g_autoptr(Reply) unknown = NULL;
  g_autofree char *comment_path = NULL;
  JsonArray *items;

  portal_start (&p);
  set_clock (&p, "2026-03-02T15:00:00Z");
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (created, create_ticket (&p, NULL));
  set_clock (&p, "2026-03-02T16:00:00Z");
  comment_path = ticket_path (g_ptr_array_index (created, 0), "comments");
  comment = post_new (&p, comment_path, "{\"body\": \"Any news?\"}");
  assert_status (comment, 201);

  plain = get (&p, "/tickets?limit=2");
  assert_status (plain, 200);
  g_assert_false (json_object_get_boolean_member (object (plain), "events_included"));
  items = json_object_get_array_member (object (plain), "items");
  g_assert_false (json_object_has_member (json_array_get_object_element (items, 0), "events"));

  with_events = get (&p, "/tickets?limit=3&include=events");
  assert_status (with_events, 200);
  g_assert_true (json_object_get_boolean_member (object (with_events), "events_included"));
  items = json_object_get_array_member (object (with_events), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      g_autofree char *path = g_strconcat ("/tickets/", str (item, "id"), NULL);
      g_autoptr(Reply) one = get (&p, path);
      g_autofree char *listed = json_to_string (json_object_get_member (item, "events"), FALSE);
      g_autofree char *alone = json_to_string (json_object_get_member (object (one), "events"), FALSE);

      assert_status (one, 200);
      g_assert_cmpstr (listed, ==, alone);
    }
  /* The commented ticket moved to the end of the order. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (items, 2), "events")), ==, 1);

  unknown = request_full (&p, VIA_LENIENT, AUTH_TOKEN, "GET", "/tickets?include=comments", NULL, NULL);
  assert_error (unknown, 400, "validation_failed");
  portal_clear (&p);
}

/* ---- The lifecycle rules ------------------------------------------------------------------ */

static void
test_auto_close_thanksgiving (void)
{
  Portal p = { 0 };
  g_autoptr(LtPolicy) policy = lt_policy_new_default (NULL);
  g_autoptr(GDateTime) entered = lt_test_instant ("2026-11-23T10:00:00-05:00");
  g_autoptr(GDateTime) due = lt_lifecycle_auto_close_due_for_policy (policy,
                                                                      LT_TICKET_STATE_AWAITING_CUSTOMER,
                                                                      entered, NULL);
  g_autofree char *waiting = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *waiting_path = NULL;
  g_autofree char *resolved_path = NULL;

  /* R5's own example: Monday 2026-11-23 10:00 + 5 business days skipping
   * Thanksgiving = Tuesday 2026-12-01 10:00. */
  lt_assert_instant (due, "2026-12-01T10:00:00-05:00");

  portal_start (&p);
  set_clock (&p, "2026-11-23T15:00:00Z");
  waiting = create_ticket (&p, NULL);
  resolved = create_ticket (&p, NULL);
  walk_to (&p, waiting, "awaiting-customer");
  walk_to (&p, resolved, "resolved");
  waiting_path = ticket_path (waiting, NULL);
  resolved_path = ticket_path (resolved, NULL);

  set_clock (&p, "2026-12-01T14:59:59Z");
  {
    g_autoptr(Reply) a = get (&p, waiting_path);
    g_autoptr(Reply) b = get (&p, resolved_path);

    assert_status (a, 200);
    assert_status (b, 200);
    g_assert_cmpstr (str (object (a), "state"), ==, "awaiting-customer");
    g_assert_cmpstr (str (object (a), "awaiting_since"), ==, "2026-11-23T15:00:00Z");
    g_assert_cmpstr (str (object (b), "state"), ==, "resolved");
  }

  set_clock (&p, "2026-12-01T15:00:00Z");
  {
    g_autoptr(Reply) a = get (&p, waiting_path);
    g_autoptr(Reply) b = get (&p, resolved_path);
    JsonObject *event;

    assert_status (a, 200);
    g_assert_cmpstr (str (object (a), "state"), ==, "closed");
    g_assert_cmpstr (str (object (a), "close_reason"), ==, "no-response");
    assert_wire_instant (str (object (a), "closed_at"), due);
    event = last_event (object (a));
    g_assert_cmpstr (str (event, "kind"), ==, "state-change");
    g_assert_cmpstr (str (event, "from_state"), ==, "awaiting-customer");
    g_assert_cmpstr (str (event, "to_state"), ==, "closed");

    assert_status (b, 200);
    g_assert_cmpstr (str (object (b), "state"), ==, "closed");
    g_assert_cmpstr (str (object (b), "close_reason"), ==, "resolved-timeout");
    g_assert_cmpstr (str (object (b), "closed_at"), ==, "2026-12-01T15:00:00Z");
    g_assert_cmpstr (str (object (b), "resolved_at"), ==, "2026-11-23T15:00:00Z");
    /* The change shows up in an incremental sync. */
    g_assert_cmpstr (str (object (b), "updated_at"), ==, "2026-12-01T15:00:00Z");
  }
  portal_clear (&p);
}

static void
test_comment_rules (void)
{
  Portal p = { 0 };
  g_autofree char *waiting = NULL;
  g_autofree char *resolved = NULL;
  g_autofree char *path = NULL;

  portal_start (&p);
  waiting = create_ticket (&p, NULL);
  resolved = create_ticket (&p, NULL);
  walk_to (&p, waiting, "awaiting-customer");
  walk_to (&p, resolved, "resolved");

  /* The customer answers: in progress again. */
  path = ticket_path (waiting, "comments");
  {
    g_autoptr(Reply) reply = post_new (&p, path, "{\"body\": \"Logs attached.\"}");
    JsonArray *events;

    assert_status (reply, 201);
    g_assert_cmpstr (str (object (reply), "state"), ==, "in-progress");
    g_assert_null (str (object (reply), "awaiting_since"));
    events = json_object_get_array_member (object (reply), "events");
    g_assert_cmpstr (str (json_array_get_object_element (events, json_array_get_length (events) - 2), "body"),
                     ==, "Logs attached.");
  }

  /* "Not fixed": a comment on a resolved ticket reopens the work. */
  g_free (path);
  path = ticket_path (resolved, "comments");
  {
    g_autoptr(Reply) reply = post_new (&p, path, "{\"body\": \"Still broken.\"}");

    assert_status (reply, 201);
    g_assert_cmpstr (str (object (reply), "state"), ==, "in-progress");
    g_assert_null (str (object (reply), "resolved_at"));
  }

  /* A closed ticket takes no comments. */
  {
    g_autofree char *withdraw = ticket_path (resolved, "withdraw");
    g_autoptr(Reply) closed = post_new (&p, withdraw, "{\"reason\": \"Workaround is enough.\"}");
    g_autoptr(Reply) refused = post_new (&p, path, "{\"body\": \"Hello?\"}");

    assert_status (closed, 200);
    assert_error (refused, 409, "invalid_transition");
  }
  portal_clear (&p);
}

static void
test_reopen_window (void)
{
  Portal p = { 0 };
  g_autoptr(LtPolicy) policy = lt_policy_new_default (NULL);
  g_autoptr(GDateTime) closed = lt_test_instant ("2026-11-20T14:00:00-05:00");
  g_autoptr(GDateTime) until = lt_lifecycle_reopen_until_for_policy (policy, closed);
  g_autofree char *inside = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *open_one = NULL;

  /* R5's example: closed Friday 2026-11-20 14:00, reopenable until Monday
   * 2026-11-30 14:00 (Thanksgiving and its weekend skipped). */
  lt_assert_instant (until, "2026-11-30T14:00:00-05:00");

  portal_start (&p);
  set_clock (&p, "2026-11-20T19:00:00Z");
  inside = create_ticket (&p, NULL);
  outside = create_ticket (&p, NULL);
  open_one = create_ticket (&p, NULL);
  walk_to (&p, inside, "resolved");
  walk_to (&p, outside, "resolved");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = ticket_path (i == 0 ? inside : outside, "confirm-closure");
      g_autoptr(Reply) reply = post_new (&p, path, "{\"note\": \"Works now.\"}");

      assert_status (reply, 200);
      g_assert_cmpstr (str (object (reply), "closed_at"), ==, "2026-11-20T19:00:00Z");
    }

  set_clock (&p, "2026-11-30T18:59:59Z");
  {
    g_autofree char *path = ticket_path (inside, "reopen");
    g_autoptr(Reply) reply = post_new (&p, path, "{\"reason\": \"It came back.\"}");

    assert_status (reply, 200);
    g_assert_cmpstr (str (object (reply), "state"), ==, "reopened");
    g_assert_null (str (object (reply), "closed_at"));
    g_assert_cmpstr (str (last_event (object (reply)), "body"), ==, "It came back.");
  }

  set_clock (&p, "2026-11-30T19:00:00Z");
  {
    g_autofree char *path = ticket_path (outside, "reopen");
    g_autoptr(Reply) reply = post_new (&p, path, "{\"reason\": \"It came back.\"}");

    assert_error (reply, 409, "reopen_window_closed");
  }
  {
    g_autofree char *path = ticket_path (open_one, "reopen");
    g_autoptr(Reply) reply = post_new (&p, path, "{\"reason\": \"Why not.\"}");

    assert_error (reply, 409, "invalid_transition");
  }
  portal_clear (&p);
}

static void
test_escalation (void)
{
  Portal p = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  portal_start (&p);
  id = create_ticket (&p, NULL);
  path = ticket_path (id, "escalations");

  for (guint level = 1; level <= 3; level++)
    {
      g_autoptr(Reply) reply = post_new (&p, path, "{\"reason\": \"No answer for a day.\"}");
      JsonObject *event;

      assert_status (reply, 201);
      g_assert_cmpint (json_object_get_int_member (object (reply), "escalation_level"), ==, level);
      event = last_event (object (reply));
      g_assert_cmpstr (str (event, "kind"), ==, "escalation");
      g_assert_cmpint (json_object_get_int_member (event, "level"), ==, level);
      g_assert_cmpstr (str (event, "body"), ==, "No answer for a day.");
    }
  {
    g_autoptr(Reply) reply = post_new (&p, path, "{\"reason\": \"Still nothing.\"}");

    assert_error (reply, 409, "escalation_max_level");
  }
  {
    g_autofree char *key = g_uuid_string_random ();
    g_autoptr(Reply) reply = request_full (&p, VIA_LENIENT, AUTH_TOKEN, "POST", path,
                                           "{\"reason\": \"  \"}", key);

    assert_error (reply, 400, "validation_failed");
  }
  g_assert_cmpint (stat_count (&p, "escalations"), ==, 3);
  portal_clear (&p);
}

static void
test_withdraw_and_confirm (void)
{
  Portal p = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *withdraw = NULL;
  g_autofree char *confirm = NULL;
  g_autofree char *escalate = NULL;

  portal_start (&p);
  id = create_ticket (&p, NULL);
  withdraw = ticket_path (id, "withdraw");
  confirm = ticket_path (id, "confirm-closure");
  escalate = ticket_path (id, "escalations");
  {
    g_autoptr(Reply) reply = post_new (&p, confirm, "{}");

    assert_error (reply, 409, "invalid_transition");
  }
  {
    g_autoptr(Reply) reply = post_new (&p, withdraw, "{\"reason\": \"Found the cause ourselves.\"}");

    assert_status (reply, 200);
    g_assert_cmpstr (str (object (reply), "state"), ==, "closed");
    g_assert_cmpstr (str (object (reply), "close_reason"), ==, "withdrawn");
    g_assert_cmpstr (str (last_event (object (reply)), "to_state"), ==, "closed");
  }
  {
    g_autoptr(Reply) again = post_new (&p, withdraw, "{}");
    g_autoptr(Reply) escalated = post_new (&p, escalate, "{\"reason\": \"Too late.\"}");

    assert_error (again, 409, "invalid_transition");
    assert_error (escalated, 409, "invalid_transition");
  }
  portal_clear (&p);
}

static Reply *
upload (Portal     *p,
        Via         via,
        const char *id,
        const char *key,
        const char *part_name)
{
  g_autofree char *path = ticket_path (id, "attachments");
  g_autoptr(SoupMessage) msg = new_message (p, via, AUTH_TOKEN, "POST", path);
  g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
  g_autoptr(GBytes) file = g_bytes_new_static ("2026-11-26 ERROR collector: queue stalled\n", 42);
  g_autoptr(GBytes) body = NULL;

  soup_multipart_append_form_file (multipart, part_name, "logs/collector.log", "text/plain", file);
  soup_multipart_append_form_string (multipart, "note", "From prod-siem-01.");
  soup_multipart_to_message (multipart, soup_message_get_request_headers (msg), &body);
  soup_message_set_request_body_from_bytes (msg, NULL, body);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
  return send_message (p, msg);
}

static void
test_attachment (void)
{
  Portal p = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *other = g_uuid_string_random ();
  g_autoptr(Reply) first = NULL;
  g_autoptr(Reply) again = NULL;
  g_autoptr(Reply) wrong = NULL;
  JsonObject *event;
  JsonObject *attachment;

  portal_start (&p);
  id = create_ticket (&p, NULL);
  first = upload (&p, VIA_CONTRACT, id, key, "file");
  assert_status (first, 201);
  event = last_event (object (first));
  g_assert_cmpstr (str (event, "kind"), ==, "attachment");
  g_assert_cmpstr (str (event, "body"), ==, "From prod-siem-01.");
  attachment = json_object_get_object_member (event, "attachment");
  /* Only the file name, never a path the client sent. */
  g_assert_cmpstr (str (attachment, "name"), ==, "collector.log");
  g_assert_cmpint (json_object_get_int_member (attachment, "size"), ==, 42);
  g_assert_cmpstr (str (attachment, "content_type"), ==, "text/plain");

  /* The same upload with a new multipart boundary is the same request. */
  again = upload (&p, VIA_CONTRACT, id, key, "file");
  assert_status (again, 200);
  g_assert_true (g_bytes_equal (first->body, again->body));
  g_assert_cmpint (stat_count (&p, "attachments"), ==, 1);

  wrong = upload (&p, VIA_LENIENT, id, other, "upload");
  assert_error (wrong, 400, "validation_failed");
  portal_clear (&p);
}

static void
test_triage_fixed_in_current (void)
{
  Portal p = { 0 };
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_default (NULL);
  LtRelease *current = lt_release_catalog_get_current (catalog);
  const char *fix = NULL;
  const char *old_version = NULL;
  g_autofree char *json = NULL;
  g_autofree char *fixed = NULL;
  g_autofree char *plain = NULL;

  /* A known issue fixed in current, filed from the oldest release. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      if (release == current && lt_release_get_fixes (release)[0] != NULL)
        fix = lt_release_get_fixes (release)[0];
      old_version = lt_version_to_string (lt_release_get_version (release));
    }
  g_assert_nonnull (fix);
  json = g_strdup_printf ("{\"title\": \"Known problem\", \"description\": \"As in the notes.\","
                          " \"severity\": \"s3\", \"category\": \"troubleshooting\","
                          " \"product_version\": \"%s\", \"known_issue_ids\": [\"%s\"]}",
                          old_version, fix);

  portal_start (&p);
  fixed = create_ticket (&p, json);
  plain = create_ticket (&p, NULL);
  {
    g_autoptr(Reply) reply = support_moves (&p, fixed, "{\"to\": \"triaged\"}");

    /* §12: closed as resolved, the customer upgrades. */
    g_assert_cmpstr (str (object (reply), "state"), ==, "closed");
    g_assert_cmpstr (str (object (reply), "close_reason"), ==, "fixed-in-current");
  }
  {
    g_autoptr(Reply) reply = support_moves (&p, plain, "{\"to\": \"triaged\", \"comment\": \"On it.\"}");

    g_assert_cmpstr (str (object (reply), "state"), ==, "triaged");
    g_assert_nonnull (str (object (reply), "first_response_at"));
  }
  portal_clear (&p);
}

/* ---- Change notices --------------------------------------------------------------------- */

static Reply *
file_notice (Portal     *p,
             const char *start,
             const char *end)
{
  g_autofree char *json = g_strdup_printf ("{\"kind\": \"database-schema\", \"title\": \"Partition the archive\","
                                           " \"description\": \"Monthly partitions.\", \"systems\": [\"prod-siem-01\"],"
                                           " \"planned_start\": \"%s\", \"planned_end\": \"%s\","
                                           " \"rollback_plan\": \"Restore the snapshot.\", \"risk\": \"medium\"}",
                                           start, end);

  return post_new (p, "/change-notices", json);
}

static void
test_change_notices (void)
{
  Portal p = { 0 };
  g_autoptr(LtPolicy) policy = lt_policy_new_default (NULL);
  g_autoptr(Reply) late = NULL;
  g_autoptr(Reply) timely = NULL;
  LtChangeNoticeCheck check = { 0 };
  GDate notice = lt_test_date ("2026-11-30");
  GDate start = lt_test_date ("2026-12-01");
  g_autofree char *id = NULL;

  /* R8's example: notice Monday 2026-11-30, start Tuesday → late; the
   * earliest compliant start is Thursday 2026-12-03. */
  lt_rules_check_change_notice_for_policy (policy, &notice, &start, &check);
  g_assert_true (check.late);
  lt_assert_date (&check.earliest_start, "2026-12-03");
  lt_change_notice_check_clear (&check);

  portal_start (&p);
  set_clock (&p, "2026-11-30T15:00:00Z");
  late = file_notice (&p, "2026-12-01T15:00:00Z", "2026-12-01T19:00:00Z");
  assert_status (late, 201);
  g_assert_true (json_object_get_boolean_member (object (late), "late"));
  g_assert_cmpstr (str (object (late), "state"), ==, "submitted");
  g_assert_cmpstr (str (object (late), "review_outcome"), ==, "none");
  g_assert_cmpstr (str (object (late), "submitted_at"), ==, "2026-11-30T15:00:00Z");
  g_assert_true (g_regex_match_simple ("^CN-[0-9]{6}$", str (object (late), "id"), 0, 0));

  timely = file_notice (&p, "2026-12-03T15:00:00Z", "2026-12-03T19:00:00Z");
  assert_status (timely, 201);
  g_assert_false (json_object_get_boolean_member (object (timely), "late"));

  {
    g_autoptr(Reply) backwards = NULL;
    g_autofree char *json = g_strdup ("{\"kind\": \"third-party\", \"title\": \"x\", \"description\": \"\","
                                      " \"systems\": [], \"planned_start\": \"2026-12-09T10:00:00Z\","
                                      " \"planned_end\": \"2026-12-09T09:00:00Z\", \"rollback_plan\": \"\","
                                      " \"risk\": \"low\"}");
    g_autofree char *key = g_uuid_string_random ();

    backwards = request_full (&p, VIA_LENIENT, AUTH_TOKEN, "POST", "/change-notices", json, key);
    assert_error (backwards, 400, "validation_failed");
  }

  id = g_strdup (str (object (late), "id"));
  {
    g_autofree char *path = g_strdup_printf ("/_dev/change-notices/%s/review", id);
    g_autoptr(Reply) reviewed = dev (&p, "POST", path,
                                     "{\"state\": \"reviewed\", \"review_outcome\": \"concerns\"}");
    g_autofree char *get_path = g_strdup_printf ("/change-notices/%s", id);
    g_autoptr(Reply) fetched = NULL;

    assert_status (reviewed, 200);
    fetched = get (&p, get_path);
    assert_status (fetched, 200);
    g_assert_cmpstr (str (object (fetched), "state"), ==, "reviewed");
    g_assert_cmpstr (str (object (fetched), "review_outcome"), ==, "concerns");
  }
  set_clock (&p, "2026-11-30T16:00:00Z");
  {
    g_autofree char *path = g_strdup_printf ("/change-notices/%s/withdraw", id);
    g_autoptr(Reply) withdrawn = post_new (&p, path, "{}");
    g_autoptr(Reply) again = post_new (&p, path, "{}");

    assert_status (withdrawn, 200);
    g_assert_cmpstr (str (object (withdrawn), "state"), ==, "withdrawn");
    assert_error (again, 409, "invalid_transition");
  }
  {
    guint pages = 0;
    g_autoptr(GPtrArray) ids = list_all (&p, "/change-notices", 1, &pages);

    g_assert_cmpuint (ids->len, ==, 2);
    g_assert_cmpuint (pages, ==, 2);
    /* The withdrawn one changed last. */
    g_assert_cmpstr (g_ptr_array_index (ids, 1), ==, id);
  }
  portal_clear (&p);
}

/* Support's review with its words (/_dev), and a reschedule: a new notice
 * whose "replaces" withdraws the old one in the same request, once; a
 * withdrawn notice cannot be replaced, an unknown one is a bad member. */
static void
test_change_notice_reschedule (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) old = NULL;
  g_autoptr(Reply) fetched = NULL;
  g_autofree char *old_id = NULL;
  g_autofree char *old_path = NULL;
  g_autofree char *review_path = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *json = NULL;

  portal_start (&p);
  set_clock (&p, "2026-11-30T15:00:00Z");
  old = file_notice (&p, "2026-12-01T15:00:00Z", "2026-12-01T19:00:00Z");
  assert_status (old, 201);
  old_id = g_strdup (str (object (old), "id"));
  old_path = g_strdup_printf ("/change-notices/%s", old_id);
  g_assert_true (json_object_get_null_member (object (old), "review_text"));
  g_assert_true (json_object_get_null_member (object (old), "replaces"));
  g_assert_true (json_object_get_null_member (object (old), "replaced_by"));

  review_path = g_strdup_printf ("/_dev/change-notices/%s/review", old_id);
  {
    g_autoptr(Reply) reviewed = dev (&p, "POST", review_path,
                                     "{\"state\": \"reviewed\", \"review_outcome\": \"concerns\","
                                     " \"review_text\": \"Not during month-end.\\nMove it a week.\"}");

    assert_status (reviewed, 200);
    fetched = get (&p, old_path);
    g_assert_cmpstr (str (object (fetched), "review_text"), ==, "Not during month-end.\nMove it a week.");
    g_clear_pointer (&fetched, reply_free);
  }

  /* The reschedule, twice with its key: one new notice, the old one
   * withdrawn for it once. */
  json = g_strdup_printf ("{\"kind\": \"database-schema\", \"title\": \"Partition the archive\","
                          " \"description\": \"Monthly partitions.\", \"systems\": [\"prod-siem-01\"],"
                          " \"planned_start\": \"2026-12-08T15:00:00Z\", \"planned_end\": \"2026-12-08T19:00:00Z\","
                          " \"rollback_plan\": \"Restore the snapshot.\", \"risk\": \"medium\","
                          " \"replaces\": \"%s\"}", old_id);
  {
    g_autoptr(Reply) moved = request_full (&p, VIA_CONTRACT, AUTH_TOKEN, "POST", "/change-notices", json, key);
    g_autoptr(Reply) again = request_full (&p, VIA_CONTRACT, AUTH_TOKEN, "POST", "/change-notices", json, key);
    const char *new_id;

    assert_status (moved, 201);
    assert_status (again, 200);
    new_id = str (object (moved), "id");
    g_assert_cmpstr (str (object (again), "id"), ==, new_id);
    g_assert_cmpstr (str (object (moved), "replaces"), ==, old_id);
    g_assert_cmpstr (str (object (moved), "state"), ==, "submitted");
    g_assert_false (json_object_get_boolean_member (object (moved), "late"));
    g_assert_true (json_object_get_null_member (object (moved), "review_text"));
    fetched = get (&p, old_path);
    g_assert_cmpstr (str (object (fetched), "state"), ==, "withdrawn");
    g_assert_cmpstr (str (object (fetched), "replaced_by"), ==, new_id);
    g_assert_cmpstr (str (object (fetched), "review_text"), ==, "Not during month-end.\nMove it a week.");
    g_assert_cmpint (stat_count (&p, "change_notices"), ==, 2);
  }

  /* Replaced already (withdrawn): 409, nothing created. */
  {
    g_autoptr(Reply) twice = post_new (&p, "/change-notices", json);

    assert_error (twice, 409, "invalid_transition");
    g_assert_cmpint (stat_count (&p, "change_notices"), ==, 2);
  }
  {
    g_autoptr(Reply) unknown = NULL;
    g_autofree char *body = g_strdup_printf ("{\"kind\": \"third-party\", \"title\": \"x\", \"description\": \"\","
                                             " \"systems\": [], \"planned_start\": \"2026-12-09T10:00:00Z\","
                                             " \"planned_end\": \"2026-12-09T11:00:00Z\", \"rollback_plan\": \"\","
                                             " \"risk\": \"low\", \"replaces\": \"CN-999999\"}");

    unknown = post_new (&p, "/change-notices", body);
    assert_error (unknown, 400, "validation_failed");
    g_assert_cmpint (stat_count (&p, "change_notices"), ==, 2);
  }
  portal_clear (&p);
}

/* ---- Faults -------------------------------------------------------------------------------- */

static void
add_fault (Portal     *p,
           const char *json)
{
  g_autoptr(Reply) reply = dev (p, "POST", "/_dev/faults", json);

  assert_status (reply, 200);
}

static void
test_fault_status (void)
{
  Portal p = { 0 };

  portal_start (&p);
  add_fault (&p, "{\"status\": 503, \"retry_after\": 2, \"count\": 1, \"path_prefix\": \"/api/v1/tickets\"}");
  {
    /* Another path is not affected. */
    g_autoptr(Reply) account = get (&p, "/account");

    assert_status (account, 200);
  }
  {
    g_autoptr(Reply) reply = post_new (&p, "/tickets", TICKET_BODY);

    assert_error (reply, 503, "unavailable");
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Retry-After"), ==, "2");
    /* Answered instead of the portal: nothing was created. */
    g_assert_cmpint (stat_count (&p, "tickets"), ==, 0);
  }
  {
    g_autoptr(Reply) reply = get (&p, "/tickets");

    assert_status (reply, 200);
  }

  add_fault (&p, "{\"status\": 429, \"retry_after\": 30, \"method\": \"GET\"}");
  {
    g_autoptr(Reply) reply = get (&p, "/policy");
    g_autoptr(Reply) cleared = NULL;
    g_autoptr(Reply) after = NULL;

    assert_error (reply, 429, "rate_limited");
    g_assert_cmpstr (soup_message_headers_get_one (reply->headers, "Retry-After"), ==, "30");
    cleared = dev (&p, "DELETE", "/_dev/faults", NULL);
    assert_status (cleared, 200);
    after = get (&p, "/policy");
    assert_status (after, 200);
  }
  portal_clear (&p);
}

static void
test_fault_delay (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) reply = NULL;

  portal_start (&p);
  add_fault (&p, "{\"delay_ms\": 600, \"count\": 1}");
  reply = get (&p, "/account");
  assert_status (reply, 200);
  g_assert_cmpint (reply->elapsed_us, >=, 600 * 1000);
  portal_clear (&p);
}

/* A cut connection after the portal did the work: the client saw an error,
 * retries with the same key, and gets the original answer; one ticket. */
static void
assert_retry_after_cut (const char *fault)
{
  Portal p = { 0 };
  g_autofree char *key = g_uuid_string_random ();
  g_autoptr(Reply) cut = NULL;
  g_autoptr(Reply) retry = NULL;
  g_autoptr(Reply) holder = NULL;
  g_autofree char *stats_path = g_strdup_printf ("/_dev/stats?key=%s", key);
  JsonArray *keys;

  portal_start (&p);
  add_fault (&p, fault);
  {
    g_autoptr(SoupMessage) msg = new_message (&p, VIA_DIRECT, AUTH_TOKEN, "POST", "/tickets");
    g_autoptr(GBytes) body = g_bytes_new_static (TICKET_BODY, strlen (TICKET_BODY));

    /* On a kept-alive connection libsoup would quietly send the request
     * again when the connection drops; a new one shows the cut. */
    soup_message_add_flags (msg, SOUP_MESSAGE_NEW_CONNECTION);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
    cut = send_message (&p, msg);
  }
  /* libsoup 3.2 ends a body at a premature EOF without an error: the cut
   * shows as fewer bytes than Content-Length promised. A client must make
   * that comparison itself. */
  g_test_message ("cut: status %u, error %s", cut->status, cut->error ? cut->error->message : "none");
  g_assert_true (cut->error != NULL ||
                 (cut->body != NULL &&
                  (goffset) g_bytes_get_size (cut->body) < soup_message_headers_get_content_length (cut->headers)));
  g_assert_null (cut->json);

  retry = request_full (&p, VIA_DIRECT, AUTH_TOKEN, "POST", "/tickets", TICKET_BODY, key);
  assert_status (retry, 200);
  g_assert_cmpstr (soup_message_headers_get_one (retry->headers, "Idempotent-Replayed"), ==, "true");
  g_assert_cmpstr (str (object (retry), "state"), ==, "submitted");

  g_assert_cmpint (stat_count (&p, "tickets"), ==, 1);
  holder = dev (&p, "GET", stats_path, NULL);
  keys = json_object_get_array_member (object (holder), "idempotency_keys");
  g_assert_cmpuint (json_array_get_length (keys), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (keys, 0), "replays"), ==, 1);
  portal_clear (&p);
}

static void
test_fault_truncate (void)
{
  assert_retry_after_cut ("{\"truncate\": true, \"count\": 1}");
}

static void
test_fault_drop (void)
{
  assert_retry_after_cut ("{\"drop_connection\": true, \"count\": 1}");
}

static void
test_fault_malformed (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) broken = NULL;
  g_autoptr(Reply) fine = NULL;

  portal_start (&p);
  add_fault (&p, "{\"malformed\": true, \"count\": 1, \"path_prefix\": \"/api/v1/account\"}");
  broken = request_full (&p, VIA_DIRECT, AUTH_TOKEN, "GET", "/account", NULL, NULL);
  /* A complete answer, 200, whose body is not JSON. */
  g_assert_no_error (broken->error);
  assert_status (broken, 200);
  g_assert_cmpuint (g_bytes_get_size (broken->body), >, 0);
  g_assert_null (broken->json);

  fine = get (&p, "/account");
  assert_status (fine, 200);
  g_assert_nonnull (fine->json);
  portal_clear (&p);
}

static void
test_fault_refused (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) controls = NULL;
  g_autoptr(Reply) two = NULL;

  portal_start (&p);
  /* The controls are never faulted, and a fault does one thing. */
  controls = dev (&p, "POST", "/_dev/faults", "{\"status\": 503, \"path_prefix\": \"/_dev/\"}");
  assert_error (controls, 400, "validation_failed");
  two = dev (&p, "POST", "/_dev/faults", "{\"status\": 503, \"truncate\": true}");
  assert_error (two, 400, "validation_failed");
  portal_clear (&p);
}

/* ---- Persistence, demo, controls ------------------------------------------------------------ */

static void
test_persistence (void)
{
  Portal p = { 0 };
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "devportal", NULL);
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;

  portal_start_full (&p, data, NULL);
  set_clock (&p, "2026-05-04T14:00:00Z");
  {
    g_autoptr(Reply) reply = post (&p, "/tickets", TICKET_BODY, key);

    assert_status (reply, 201);
    id = g_strdup (str (object (reply), "id"));
  }
  portal_stop (&p);
  g_assert_true (g_file_test (data, G_FILE_TEST_IS_DIR));

  portal_start_full (&p, data, NULL);
  path = ticket_path (id, NULL);
  {
    g_autoptr(Reply) ticket = get (&p, path);
    g_autoptr(Reply) replay = post (&p, "/tickets", TICKET_BODY, key);
    g_autoptr(Reply) clock = dev (&p, "GET", "/_dev/clock", NULL);

    assert_status (ticket, 200);
    g_assert_cmpstr (str (object (ticket), "opened_at"), ==, "2026-05-04T14:00:00Z");
    /* The key survived the restart: the original answer, no new ticket. */
    assert_status (replay, 200);
    g_assert_cmpstr (str (object (replay), "id"), ==, id);
    g_assert_cmpint (stat_count (&p, "tickets"), ==, 1);
    /* So did the clock, which the tickets' times depend on. */
    assert_status (clock, 200);
    g_assert_cmpstr (str (object (clock), "now"), ==, "2026-05-04T14:00:00Z");
  }
  portal_clear (&p);
}

static void
test_demo (void)
{
  Portal p = { 0 };
  g_autoptr(LtPolicy) policy = lt_policy_new_default (NULL);
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) reasons = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) kinds = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *cursor = NULL;
  gboolean overdue = FALSE;
  guint pages = 0;

  portal_start_full (&p, NULL, "--demo", NULL);
  {
    g_autoptr(Reply) clock = dev (&p, "GET", "/_dev/clock", NULL);

    now = g_date_time_new_from_iso8601 (str (object (clock), "now"), NULL);
  }
  {
    g_autoptr(Reply) account = get (&p, "/account");
    JsonArray *invoices = json_object_get_array_member (object (account), "invoices");
    GDate today;

    assert_status (account, 200);
    g_assert_cmpstr (str (object (account), "tier"), ==, "enterprise");
    g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                    g_date_time_get_year (now));
    /* §17: one unpaid invoice older than 60 days. */
    for (guint i = 0; i < json_array_get_length (invoices); i++)
      {
        JsonObject *invoice = json_array_get_object_element (invoices, i);
        GDate issued = lt_test_date (str (invoice, "issued"));

        overdue |= lt_rules_invoice_is_overdue_for_policy (policy,
                                                           json_object_get_boolean_member (invoice, "paid"),
                                                           &issued, &today);
      }
    g_assert_true (overdue);
  }

  /* A few hundred tickets in every state the portal reports. */
  do
    {
      g_autofree char *url = cursor != NULL ? g_strdup_printf ("/tickets?limit=1000&cursor=%s", cursor)
                                            : g_strdup ("/tickets?limit=1000");
      g_autoptr(Reply) reply = get (&p, url);
      JsonArray *items;

      assert_status (reply, 200);
      items = json_object_get_array_member (object (reply), "items");
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *t = json_array_get_object_element (items, i);

          g_hash_table_add (states, (gpointer) g_intern_string (str (t, "state")));
          g_hash_table_add (reasons, (gpointer) g_intern_string (str (t, "close_reason")));
        }
      pages++;
      g_free (cursor);
      cursor = g_strdup (str (object (reply), "next_cursor"));
    }
  while (cursor != NULL);
  g_assert_cmpuint (g_hash_table_size (states), ==, 7);
  for (guint i = 0; i < 6; i++)
    {
      static const char * const wanted[] = {
        "confirmed", "no-response", "resolved-timeout", "fixed-in-current", "withdrawn", "none"
      };

      g_assert_true (g_hash_table_contains (reasons, g_intern_string (wanted[i])));
    }

  ids = list_all (&p, "/tickets", 100, &pages);
  g_assert_cmpuint (ids->len, >=, 200);
  g_assert_cmpuint (pages, ==, (ids->len + 99) / 100);
  {
    g_autofree char *path = ticket_path (g_ptr_array_index (ids, ids->len - 1), NULL);
    g_autoptr(Reply) reply = get (&p, path);

    assert_status (reply, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object (reply), "events")), >, 0);
  }

  /* Maintenance windows of every kind, before and after now. */
  {
    g_autoptr(Reply) reply = get (&p, "/maintenance-windows");
    JsonArray *items = json_object_get_array_member (object (reply), "items");
    g_autofree char *future = NULL;
    g_autoptr(GDateTime) now_utc = g_date_time_to_utc (now);
    g_autofree char *now_text = g_date_time_format (now_utc, "%Y-%m-%dT%H:%M:%SZ");
    g_autoptr(Reply) upcoming = NULL;

    assert_status (reply, 200);
    for (guint i = 0; i < json_array_get_length (items); i++)
      g_hash_table_add (kinds, (gpointer) g_intern_string (str (json_array_get_object_element (items, i), "kind")));
    g_assert_cmpuint (g_hash_table_size (kinds), ==, 3);

    future = g_strdup_printf ("/maintenance-windows?from=%s", now_text);
    upcoming = get (&p, future);
    assert_status (upcoming, 200);
    items = json_object_get_array_member (object (upcoming), "items");
    g_assert_cmpuint (json_array_get_length (items), >, 0);
    g_assert_cmpuint (json_array_get_length (items),
                      <, json_array_get_length (json_object_get_array_member (object (reply), "items")));
    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        g_autoptr(GDateTime) ends = g_date_time_new_from_iso8601 (str (json_array_get_object_element (items, i), "ends_at"), NULL);

        g_assert_cmpint (g_date_time_compare (ends, now), >, 0);
      }
  }
  {
    g_autoptr(GHashTable) notice_states = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(Reply) reply = get (&p, "/change-notices");
    JsonArray *items = json_object_get_array_member (object (reply), "items");

    assert_status (reply, 200);
    for (guint i = 0; i < json_array_get_length (items); i++)
      g_hash_table_add (notice_states,
                        (gpointer) g_intern_string (str (json_array_get_object_element (items, i), "state")));
    g_assert_cmpuint (g_hash_table_size (notice_states), ==, 4);
  }
  portal_clear (&p);
}

static void
test_dev_controls_off (void)
{
  Portal p = { 0 };
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Reply) reply = NULL;
  const char *listen = g_getenv ("LT_DEVPORTAL_TEST_LISTEN");

  g_subprocess_launcher_setenv (launcher, "LTSUPPORT_DEVPORTAL_TOKEN", TOKEN, TRUE);
  p.process = g_subprocess_launcher_spawn (launcher, &error, devportal_path (), "--listen",
                                           listen != NULL ? listen : "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (p.process));
  p.root = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  p.session = soup_session_new ();

  reply = request_full (&p, VIA_DIRECT, AUTH_TOKEN, "GET", "/_dev/clock", NULL, NULL);
  assert_error (reply, 404, "not_found");
  portal_clear (&p);
}

static void
test_not_found (void)
{
  Portal p = { 0 };
  g_autoptr(Reply) ticket = NULL;
  g_autoptr(Reply) notice = NULL;
  g_autoptr(Reply) nothing = NULL;
  g_autoptr(Reply) method = NULL;

  portal_start (&p);
  ticket = get (&p, "/tickets/LT-999999");
  assert_error (ticket, 404, "not_found");
  notice = get (&p, "/change-notices/CN-999999");
  assert_error (notice, 404, "not_found");
  /* Outside the contract: straight to the portal. */
  nothing = request_full (&p, VIA_DIRECT, AUTH_TOKEN, "GET", "/api/v1/nothing", NULL, NULL);
  assert_error (nothing, 404, "not_found");
  method = request_full (&p, VIA_DIRECT, AUTH_TOKEN, "DELETE", "/api/v1/tickets", NULL, NULL);
  assert_error (method, 405, "method_not_allowed");
  g_assert_nonnull (soup_message_headers_get_one (method->headers, "Allow"));
  portal_clear (&p);
}

/* `from` after `to` selects nothing any window could overlap: the portal
 * answered 200 with an empty page, which hides a client's mistake (issue
 * 10, point 16). Now 400 naming both; an empty span (from == to) is still
 * a question with an empty answer. The times go through the one instant
 * parser: lower-case RFC 3339 is read, an instant at the edge of the
 * supported range is refused. */
static void
test_windows_from_to (void)
{
  Portal p = { 0 };
  static const char * const bad[] = {
    "/maintenance-windows?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
    "/maintenance-windows?from=2026-12-01T00:00:01Z&to=2026-12-01T00:00:00Z",
    "/maintenance-windows?from=yesterday",
    "/maintenance-windows?to=0001-01-01T00:00:00Z",
    "/maintenance-windows?from=9999-12-31T23:59:59Z",
  };
  static const char * const good[] = {
    "/maintenance-windows?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z",
    "/maintenance-windows?from=2026-12-01T00:00:00Z&to=2026-12-01T00:00:00Z",
    "/maintenance-windows?from=2026-12-01t00:00:00z",
    "/maintenance-windows?to=2026-12-01T00:00:00Z",
  };

  portal_start (&p);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      /* The first two are valid date-times in the wrong order; the rest
       * break the contract's format, which Prism would answer itself. */
      g_autoptr(Reply) reply = request_full (&p, i < 2 ? VIA_CONTRACT : VIA_LENIENT, AUTH_TOKEN,
                                             "GET", bad[i], NULL, NULL);
      JsonObject *error;

      assert_error (reply, 400, "validation_failed");
      error = json_object_get_object_member (object (reply), "error");
      g_test_message ("%s: %s", bad[i], str (error, "message"));
      if (i < 2)
        {
          g_assert_nonnull (strstr (str (error, "message"), "from"));
          g_assert_nonnull (strstr (str (error, "message"), "2026-12-01T00:00:00Z"));
        }
    }
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      /* Lower-case t and z: RFC 3339 allows them, the contract's
       * validator does not. */
      g_autoptr(Reply) reply = request_full (&p, strstr (good[i], "01t00") != NULL ? VIA_LENIENT : VIA_CONTRACT,
                                             AUTH_TOKEN, "GET", good[i], NULL, NULL);

      assert_status (reply, 200);
      g_assert_nonnull (json_object_get_array_member (object (reply), "items"));
    }
  portal_clear (&p);
}

/* ---- /_dev/releases and /_dev/maintenance-windows ------------------------------- */

static Reply *
get_if_none_match (Portal     *p,
                   const char *path,
                   const char *etag)
{
  g_autoptr(SoupMessage) msg = new_message (p, VIA_CONTRACT, AUTH_TOKEN, "GET", path);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "If-None-Match", etag);
  return send_message (p, msg);
}

/* A refusal of a /_dev/ body: 400 validation_failed, the message starting
 * with the JSON path of the bad member. */
static void
assert_dev_refused (Portal     *p,
                    const char *path,
                    const char *json,
                    const char *member_path)
{
  g_autoptr(Reply) reply = dev (p, "POST", path, json);
  const char *message;

  assert_error (reply, 400, "validation_failed");
  message = str (json_object_get_object_member (object (reply), "error"), "message");
  g_test_message ("%s %s: %s", path, json, message);
  if (!g_str_has_prefix (message, member_path))
    {
      g_autofree char *text = g_strdup_printf ("%s: expected a message about %s, got: %s",
                                               json, member_path, message);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, text);
    }
}

/* Issue 11: a test publishes a release, as LockThreat does, and every
 * client sees it on its next sync: GET /releases answers the new catalog,
 * under a new ETag, so a client's If-None-Match no longer matches. The
 * body is held to the rules of the catalog's own entries (core's loader),
 * and the catalog survives a restart. */
static void
test_dev_publish_release (void)
{
  static const struct { const char *json; const char *path; } bad[] = {
    /* Already there, by R1 comparison. */
    { "{\"version\": \"3.5.1\", \"released\": \"2026-12-01\"}", "$.version" },
    { "{\"version\": \"3.6\", \"released\": \"2026-12-01\"}", "$.version" },
    { "{\"version\": \"3.x\", \"released\": \"2026-12-01\"}", "$.version" },
    { "{\"released\": \"2026-12-01\"}", "$.version" },
    { "{\"version\": \"3.7.0\"}", "$.released" },
    { "{\"version\": \"3.7.0\", \"released\": \"2026-02-30\"}", "$.released" },
    { "{\"version\": \"3.7.0\", \"released\": \"2026-12-01\", \"withdrawn\": null}", "$.withdrawn" },
    { "{\"version\": \"3.7.0\", \"released\": \"2026-12-01\", \"fixes\": [\"1234\"]}", "$.fixes[0]" },
    { "{\"version\": \"3.7.0\", \"released\": \"2026-12-01\", \"notes\": 7}", "$.notes" },
    { "{\"version\": \"3.7.0\", \"released\": \"2026-12-01\", \"hotfix\": true}", "$.hotfix" },
    { "[{\"version\": \"3.7.0\", \"released\": \"2026-12-01\"}]", "$" },
  };
  Portal p = { 0 };
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "devportal", NULL);
  g_autofree char *etag = NULL;
  g_autofree char *published_etag = NULL;
  g_autoptr(GBytes) published_body = NULL;
  g_autoptr(LtVersion) v360 = lt_version_parse ("3.6.0", NULL);
  g_autoptr(LtVersion) hotfix = lt_version_parse ("3.5.1.1", NULL);
  guint before;

  portal_start_full (&p, data, NULL);
  {
    g_autoptr(Reply) releases = get (&p, "/releases");
    g_autoptr(LtReleaseCatalog) catalog = NULL;
    g_autoptr(GError) error = NULL;

    assert_status (releases, 200);
    etag = g_strdup (soup_message_headers_get_one (releases->headers, "ETag"));
    catalog = lt_release_catalog_new_from_bytes (releases->body, &error);
    g_assert_no_error (error);
    g_assert_null (lt_release_catalog_lookup (catalog, v360));
    before = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  }

  /* The answer is the release as the catalog has it, the members left out
   * filled in. */
  {
    g_autoptr(Reply) reply = dev (&p, "POST", "/_dev/releases",
                                  "{\"version\": \"3.6.0\", \"released\": \"2026-11-30\","
                                  " \"fixes\": [\"LT-2001\", \"LT-2004\"]}");
    JsonObject *release;

    assert_status (reply, 201);
    release = object (reply);
    g_assert_cmpstr (str (release, "version"), ==, "3.6.0");
    g_assert_cmpstr (str (release, "released"), ==, "2026-11-30");
    g_assert_false (json_object_get_boolean_member (release, "withdrawn"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (release, "fixes")), ==, 2);
    g_assert_null (str (release, "notes"));
  }
  /* A hotfix of an older release (four parts) is published the same way. */
  {
    g_autoptr(Reply) reply = dev (&p, "POST", "/_dev/releases",
                                  "{\"version\": \"3.5.1.1\", \"released\": \"2026-12-01\","
                                  " \"withdrawn\": false, \"fixes\": [\"LT-2010\"],"
                                  " \"notes\": \"Hotfix for the feed scheduler.\"}");

    assert_status (reply, 201);
    g_assert_cmpstr (str (object (reply), "notes"), ==, "Hotfix for the feed scheduler.");
  }

  /* The client's copy is stale: its ETag misses, and the new document is
   * what the client's own parser reads, 3.6.0 now current. */
  {
    g_autoptr(Reply) releases = get_if_none_match (&p, "/releases", etag);
    g_autoptr(LtReleaseCatalog) catalog = NULL;
    g_autoptr(GError) error = NULL;
    LtRelease *release;

    assert_status (releases, 200);
    published_etag = g_strdup (soup_message_headers_get_one (releases->headers, "ETag"));
    g_assert_nonnull (published_etag);
    g_assert_cmpstr (published_etag, !=, etag);
    published_body = g_bytes_ref (releases->body);
    catalog = lt_release_catalog_new_from_bytes (releases->body, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), ==, before + 2);
    g_assert_true (lt_release_catalog_get_current (catalog) ==
                   lt_release_catalog_lookup (catalog, v360));
    release = lt_release_catalog_lookup (catalog, hotfix);
    g_assert_nonnull (release);
    g_assert_cmpstr (lt_release_get_fixes (release)[0], ==, "LT-2010");
  }
  {
    g_autoptr(Reply) again = get_if_none_match (&p, "/releases", published_etag);

    assert_status (again, 304);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_dev_refused (&p, "/_dev/releases", bad[i].json, bad[i].path);
  /* A refused release changed nothing. */
  {
    g_autoptr(Reply) again = get_if_none_match (&p, "/releases", published_etag);

    assert_status (again, 304);
  }

  /* The catalog is in the database: a restarted portal serves the same
   * document under the same ETag. */
  portal_stop (&p);
  portal_start_full (&p, data, NULL);
  {
    g_autoptr(Reply) releases = get (&p, "/releases");

    assert_status (releases, 200);
    g_assert_cmpstr (soup_message_headers_get_one (releases->headers, "ETag"), ==, published_etag);
    g_assert_true (g_bytes_equal (releases->body, published_body));
  }
  /* And keeps publishing on top of it. */
  {
    g_autoptr(Reply) duplicate = NULL;

    assert_dev_refused (&p, "/_dev/releases", "{\"version\": \"3.6.0\", \"released\": \"2026-12-01\"}",
                        "$.version");
    duplicate = dev (&p, "POST", "/_dev/releases", "{\"version\": \"3.6.1\", \"released\": \"2026-12-03\"}");
    assert_status (duplicate, 201);
  }
  portal_clear (&p);
}

#define WINDOW_BODY(kind, extra) \
  "{\"kind\": \"" kind "\", \"title\": \"Database failover\"," \
  " \"starts_at\": \"2026-12-01T11:00:00Z\", \"ends_at\": \"2026-12-01T12:30:00Z\"," \
  " \"affects\": \"saas\"" extra "}"

/* Issue 11: a test announces maintenance as the vendor does; the window
 * is listed like a seeded one and found by the incremental sync: its
 * updated_at is the portal's clock when it was announced, whatever
 * announced_at says, so a client that synced before sees it next time. */
static void
test_dev_announce_window (void)
{
  static const struct { const char *json; const char *path; } bad[] = {
    { WINDOW_BODY ("urgent", ""), "$.kind" },
    { "{\"kind\": \"scheduled\", \"title\": \"Cloud\", \"starts_at\": \"2026-12-01T11:00:00Z\","
      " \"ends_at\": \"2026-12-01T12:00:00Z\", \"affects\": \"cloud\"}", "$.affects" },
    { "{\"kind\": \"scheduled\", \"starts_at\": \"2026-12-01T11:00:00Z\","
      " \"ends_at\": \"2026-12-01T12:00:00Z\", \"affects\": \"both\"}", "$.title" },
    { "{\"kind\": \"scheduled\", \"title\": \" \", \"starts_at\": \"2026-12-01T11:00:00Z\","
      " \"ends_at\": \"2026-12-01T12:00:00Z\", \"affects\": \"both\"}", "$.title" },
    { "{\"kind\": \"scheduled\", \"title\": \"Backwards\", \"starts_at\": \"2026-12-01T11:00:00Z\","
      " \"ends_at\": \"2026-12-01T10:59:59Z\", \"affects\": \"both\"}", "$.ends_at" },
    { "{\"kind\": \"scheduled\", \"title\": \"No end\", \"starts_at\": \"2026-12-01T11:00:00Z\","
      " \"affects\": \"both\"}", "$.ends_at" },
    { "{\"kind\": \"scheduled\", \"title\": \"Bad start\", \"starts_at\": \"tomorrow\","
      " \"ends_at\": \"2026-12-01T12:00:00Z\", \"affects\": \"both\"}", "$.starts_at" },
    { WINDOW_BODY ("scheduled", ", \"announced_at\": \"2026-12-01T11:00:01Z\""), "$.announced_at" },
    { WINDOW_BODY ("scheduled", ", \"id\": \"MW-000009\""), "$.id" },
    { WINDOW_BODY ("scheduled", ", \"updated_at\": \"2026-12-01T10:00:00Z\""), "$.updated_at" },
  };
  Portal p = { 0 };
  g_autofree char *data = g_build_filename (g_get_user_data_dir (), "devportal", NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  portal_start_full (&p, data, NULL);
  set_clock (&p, "2026-12-01T10:00:00Z");

  /* announced_at left out: the portal's now. */
  {
    g_autoptr(Reply) reply = dev (&p, "POST", "/_dev/maintenance-windows",
                                  WINDOW_BODY ("emergency", ""));
    JsonObject *window;

    assert_status (reply, 201);
    window = object (reply);
    g_assert_true (g_str_has_prefix (str (window, "id"), "MW-"));
    g_assert_cmpstr (str (window, "kind"), ==, "emergency");
    g_assert_cmpstr (str (window, "title"), ==, "Database failover");
    g_assert_cmpstr (str (window, "description"), ==, "");
    g_assert_cmpstr (str (window, "starts_at"), ==, "2026-12-01T11:00:00Z");
    g_assert_cmpstr (str (window, "ends_at"), ==, "2026-12-01T12:30:00Z");
    g_assert_cmpstr (str (window, "announced_at"), ==, "2026-12-01T10:00:00Z");
    g_assert_cmpstr (str (window, "affects"), ==, "saas");
    g_assert_cmpstr (str (window, "updated_at"), ==, "2026-12-01T10:00:00Z");
    first = g_strdup (str (window, "id"));
  }

  set_clock (&p, "2026-12-01T11:00:00Z");
  {
    g_autoptr(Reply) reply = dev (&p, "POST", "/_dev/maintenance-windows",
                                  "{\"kind\": \"upgrade-package\", \"title\": \"3.6.0 upgrade package\","
                                  " \"description\": \"Engineers on standby.\","
                                  " \"starts_at\": \"2026-12-05T22:00:00+01:00\","
                                  " \"ends_at\": \"2026-12-06T02:00:00+01:00\","
                                  " \"announced_at\": \"2026-12-01T09:30:00Z\", \"affects\": \"on-prem\"}");
    JsonObject *window;

    assert_status (reply, 201);
    window = object (reply);
    g_assert_cmpstr (str (window, "description"), ==, "Engineers on standby.");
    g_assert_cmpstr (str (window, "starts_at"), ==, "2026-12-05T21:00:00Z");
    g_assert_cmpstr (str (window, "announced_at"), ==, "2026-12-01T09:30:00Z");
    g_assert_cmpstr (str (window, "updated_at"), ==, "2026-12-01T11:00:00Z");
    second = g_strdup (str (window, "id"));
    g_assert_cmpstr (second, !=, first);
  }

  /* A client that synced at 10:30 gets the second window only, although
   * it was announced at 09:30. */
  {
    g_autoptr(Reply) since = get (&p, "/maintenance-windows?updated_since=2026-12-01T10:30:00Z");
    g_autoptr(Reply) all = get (&p, "/maintenance-windows");
    JsonArray *items;

    assert_status (since, 200);
    items = json_object_get_array_member (object (since), "items");
    g_assert_cmpuint (json_array_get_length (items), ==, 1);
    g_assert_cmpstr (str (json_array_get_object_element (items, 0), "id"), ==, second);

    assert_status (all, 200);
    items = json_object_get_array_member (object (all), "items");
    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    g_assert_cmpstr (str (json_array_get_object_element (items, 0), "id"), ==, first);
  }
  g_assert_cmpint (stat_count (&p, "maintenance_windows"), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_dev_refused (&p, "/_dev/maintenance-windows", bad[i].json, bad[i].path);
  g_assert_cmpint (stat_count (&p, "maintenance_windows"), ==, 2);

  /* Both are in the database. */
  portal_stop (&p);
  portal_start_full (&p, data, NULL);
  {
    g_autoptr(Reply) all = get (&p, "/maintenance-windows?updated_since=2026-12-01T10:00:00Z");
    JsonArray *items;

    assert_status (all, 200);
    items = json_object_get_array_member (object (all), "items");
    g_assert_cmpuint (json_array_get_length (items), ==, 2);
    g_assert_cmpstr (str (json_array_get_object_element (items, 1), "id"), ==, second);
    g_assert_cmpstr (str (json_array_get_object_element (items, 1), "kind"), ==, "upgrade-package");
  }
  /* Ids go on from the highest. */
  {
    g_autoptr(Reply) reply = dev (&p, "POST", "/_dev/maintenance-windows",
                                  WINDOW_BODY ("scheduled", ""));

    assert_status (reply, 201);
    g_assert_cmpstr (str (object (reply), "id"), >, second);
  }
  portal_clear (&p);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/devportal/startup/url", test_startup_url);
  g_test_add_func ("/lt/devportal/startup/refusals", test_startup_refusals);
  g_test_add_func ("/lt/devportal/auth", test_auth);
  g_test_add_func ("/lt/devportal/documents", test_documents);
  g_test_add_func ("/lt/devportal/account", test_account);
  g_test_add_func ("/lt/devportal/tickets/create", test_ticket_create);
  g_test_add_func ("/lt/devportal/tickets/tier", test_ticket_tier);
  g_test_add_func ("/lt/devportal/tickets/validation", test_validation);
  g_test_add_func ("/lt/devportal/tickets/primary-contact", test_primary_contact_required);
  g_test_add_func ("/lt/devportal/tickets/attachment", test_attachment);
  g_test_add_func ("/lt/devportal/idempotency/replay", test_idempotency_replay);
  g_test_add_func ("/lt/devportal/idempotency/conflict", test_idempotency_conflict);
  g_test_add_func ("/lt/devportal/idempotency/key-required", test_idempotency_key_required);
  g_test_add_func ("/lt/devportal/idempotency/refusal-not-stored", test_idempotency_refusal_not_stored);
  g_test_add_func ("/lt/devportal/pagination", test_pagination);
  g_test_add_func ("/lt/devportal/list-with-events", test_list_with_events);
  g_test_add_func ("/lt/devportal/rules/auto-close-thanksgiving", test_auto_close_thanksgiving);
  g_test_add_func ("/lt/devportal/rules/comments", test_comment_rules);
  g_test_add_func ("/lt/devportal/rules/reopen-window", test_reopen_window);
  g_test_add_func ("/lt/devportal/rules/escalation", test_escalation);
  g_test_add_func ("/lt/devportal/rules/withdraw-confirm", test_withdraw_and_confirm);
  g_test_add_func ("/lt/devportal/rules/triage-fixed-in-current", test_triage_fixed_in_current);
  g_test_add_func ("/lt/devportal/change-notices", test_change_notices);
  g_test_add_func ("/lt/devportal/change-notices/reschedule", test_change_notice_reschedule);
  g_test_add_func ("/lt/devportal/faults/status", test_fault_status);
  g_test_add_func ("/lt/devportal/faults/delay", test_fault_delay);
  g_test_add_func ("/lt/devportal/faults/truncate", test_fault_truncate);
  g_test_add_func ("/lt/devportal/faults/drop", test_fault_drop);
  g_test_add_func ("/lt/devportal/faults/malformed", test_fault_malformed);
  g_test_add_func ("/lt/devportal/faults/refused", test_fault_refused);
  g_test_add_func ("/lt/devportal/persistence", test_persistence);
  g_test_add_func ("/lt/devportal/demo", test_demo);
  g_test_add_func ("/lt/devportal/dev-controls-off", test_dev_controls_off);
  g_test_add_func ("/lt/devportal/not-found", test_not_found);
  g_test_add_func ("/lt/devportal/maintenance-windows/from-to", test_windows_from_to);
  g_test_add_func ("/lt/devportal/dev/publish-release", test_dev_publish_release);
  g_test_add_func ("/lt/devportal/dev/announce-window", test_dev_announce_window);

  return g_test_run ();
}
