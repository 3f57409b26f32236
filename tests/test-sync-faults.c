/* test-sync-faults.c: the fault matrix of LtSync against the devportal
 *
 * Every case: two tickets and a comment on the first wait in the outbox;
 * the first POST meets the fault. The run must end with the specified
 * error, fail nothing, and put the item back with the right delay; once
 * the fault is gone, one sync delivers all three exactly once (asserted
 * with the devportal's own counts). Where the portal did the work before
 * the fault (timeout, truncated, malformed, oversized, reset), the
 * repeat is answered from the portal's idempotency store (a replay).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-test-server.h"
#include "lt-test-sync-util.h"

#include "lt-credentials.h"
#include "lt-portal-json.h"
#include "lt-store-sync.h"

#include <string.h>

typedef enum
{
  SERVER_DEVPORTAL,   /* the fault is the devportal's /_dev/faults */
  SERVER_WRONG_TYPES, /* a loopback server answers with a field of the wrong type */
  SERVER_WRONG_TOKEN, /* the token is wrong */
  SERVER_OVERSIZED,   /* the client's size limit is below the answer */
  SERVER_DUPLICATE,   /* a loopback server's answer gives a member twice */
} FaultSource;

typedef struct
{
  const char  *fault;             /* for SERVER_DEVPORTAL */
  FaultSource  source;
  int          code;              /* the LtError expected */
  gint64       due_after;         /* seconds until the item is due again */
  gboolean     portal_did_work;   /* the ticket exists after the first run */
  guint        client_timeout;    /* 0: the fixture's */
} FaultCase;

typedef struct
{
  LtSyncFixture   f;
  char           *key_a;
  char           *key_b;
  char           *key_comment;
} Fixture;

static void
setup (Fixture       *fx,
       gconstpointer  data)
{
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  lt_sync_fixture_setup (&fx->f, FALSE);
  fx->key_a = lt_sync_fixture_file_ticket (&fx->f, "Fault ticket A");
  fx->key_b = lt_sync_fixture_file_ticket (&fx->f, "Fault ticket B");
  ticket = lt_sync_fixture_ticket (&fx->f, fx->key_a);
  fx->key_comment = lt_actions_comment (fx->f.outbox, fx->f.policy, ticket, "More detail",
                                        fx->f.now, &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *fx,
          gconstpointer  data)
{
  g_setenv (LT_CREDENTIALS_TOKEN_ENV, LT_TEST_SYNC_TOKEN, TRUE);
  lt_sync_fixture_teardown (&fx->f);
  g_free (fx->key_a);
  g_free (fx->key_b);
  g_free (fx->key_comment);
}

/* A complete ticket answer whose id is a number. */
static char *
wrong_types_answer (void)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-26T15:04:05Z");
  g_autoptr(JsonNode) node = NULL;

  lt_ticket_set_id (ticket, "LT-000001");
  lt_ticket_set_title (ticket, "Fault ticket A");
  lt_ticket_set_description (ticket, "x");
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, LT_TICKET_STATE_SUBMITTED);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, opened);
  node = lt_portal_json_write_ticket (ticket, TRUE);
  json_object_set_int_member (json_node_get_object (node), "id", 123);
  return json_to_string (node, FALSE);
}

/* A complete ticket answer that gives "id" twice: json-glib would keep
 * the second, and the ticket would be stored under whichever came last. */
static char *
duplicate_member_answer (void)
{
  g_autofree char *good = wrong_types_answer ();
  g_autoptr(GString) answer = g_string_new (good);

  g_assert_cmpuint (g_string_replace (answer, "\"id\":123", "\"id\":\"LT-000321\"", 1), ==, 1);
  g_string_insert (answer, 1, "\"id\":\"LT-000001\",");
  return g_string_free (g_steal_pointer (&answer), FALSE);
}

static void
assert_all_pending (Fixture *fx)
{
  guint counts[LT_OUTBOX_N_STATES] = { 0 };
  g_autoptr(GError) error = NULL;

  lt_outbox_count (fx->f.outbox, counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_PENDING], ==, 3);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_SENDING], ==, 0);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_FAILED], ==, 0);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_SENT], ==, 0);
}

static void
test_fault (Fixture       *fx,
            gconstpointer  data)
{
  const FaultCase *fc = data;
  LtSyncFixture *f = &fx->f;
  g_autoptr(LtTestServer) server = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  LtSyncReport report;
  gint64 replays = 0;

  switch (fc->source)
    {
    case SERVER_DEVPORTAL:
      lt_test_devportal_add_fault (f->portal, fc->fault);
      break;
    case SERVER_WRONG_TYPES:
      server = lt_test_server_new (NULL);
      answer = wrong_types_answer ();
      lt_test_server_add_response (server, "POST", "/api/v1/tickets", 201, "application/json",
                                   answer, NULL);
      lt_sync_fixture_use_url (f, lt_test_server_get_url (server));
      break;
    case SERVER_DUPLICATE:
      server = lt_test_server_new (NULL);
      answer = duplicate_member_answer ();
      lt_test_server_add_response (server, "POST", "/api/v1/tickets", 201, "application/json",
                                   answer, NULL);
      lt_sync_fixture_use_url (f, lt_test_server_get_url (server));
      break;
    case SERVER_WRONG_TOKEN:
      g_setenv (LT_CREDENTIALS_TOKEN_ENV, "not-the-token", TRUE);
      break;
    case SERVER_OVERSIZED:
      lt_portal_client_set_max_response_size (f->client, 256);
      break;
    default:
      g_assert_not_reached ();
    }
  if (fc->client_timeout != 0)
    lt_portal_client_set_timeout (f->client, fc->client_timeout);

  /* The run stops with the specified error and fails nothing. */
  g_assert_false (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_error (error, LT_ERROR, fc->code);
  g_test_message ("error: %s", error->message);
  /* A data error names the bad field by its JSON path. */
  if (fc->source == SERVER_WRONG_TYPES)
    g_assert_nonnull (strstr (error->message, "$.id"));
  if (fc->source == SERVER_DUPLICATE)
    g_assert_nonnull (strstr (error->message, "$.id: appears more than once"));
  g_clear_error (&error);
  /* Let a request the portal delayed finish there. */
  if (fc->client_timeout != 0)
    g_usleep (3 * G_USEC_PER_SEC);
  g_assert_cmpuint (report.n_sent, ==, 0);
  g_assert_cmpuint (report.n_failed, ==, 0);
  g_assert_cmpuint (report.n_retry, ==, fc->code == LT_ERROR_UNAUTHORIZED ? 0 : 1);
  assert_all_pending (fx);
  /* Nothing of an unusable answer was written. */
  if (fc->source == SERVER_WRONG_TYPES || fc->source == SERVER_DUPLICATE)
    {
      g_autoptr(LtTicket) queued = lt_sync_fixture_ticket (f, fx->key_a);

      g_assert_null (lt_ticket_get_id (queued));
      g_assert_cmpint (lt_ticket_get_state (queued), ==, LT_TICKET_STATE_QUEUED);
    }

  /* The first item is due again after its back-off (or the portal's
   * Retry-After, or at once for a refused token); the others were not
   * tried. */
  item = lt_sync_fixture_item (f, fx->key_a);
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 1);
  g_assert_nonnull (lt_outbox_item_get_last_error (item));
  due = g_date_time_add_seconds (f->now, (double) fc->due_after);
  g_assert_true (g_date_time_equal (lt_outbox_item_get_next_attempt_at (item), due));
  g_clear_object (&item);
  item = lt_sync_fixture_item (f, fx->key_b);
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 0);
  g_clear_object (&item);

  /* Whether the portal did the work before the fault. */
  if (fc->source != SERVER_WRONG_TYPES && fc->source != SERVER_DUPLICATE)
    g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, fc->portal_did_work ? 1 : 0);

  /* The fault clears. */
  switch (fc->source)
    {
    case SERVER_DEVPORTAL:
      lt_test_devportal_clear_faults (f->portal);
      break;
    case SERVER_WRONG_TYPES:
    case SERVER_DUPLICATE:
      {
        g_autofree char *origin = lt_sync_dup_portal_origin (lt_test_devportal_get_url (f->portal));

        /* The loopback server played the portal with the fault; the
         * profile stays that one portal's (docs/sync.md). */
        lt_sync_fixture_use_url (f, lt_test_devportal_get_url (f->portal));
        g_assert_true (lt_store_bind_portal (f->store, origin, f->now, &error));
        g_assert_no_error (error);
      }
      break;
    case SERVER_WRONG_TOKEN:
      g_setenv (LT_CREDENTIALS_TOKEN_ENV, LT_TEST_SYNC_TOKEN, TRUE);
      break;
    case SERVER_OVERSIZED:
      lt_portal_client_set_max_response_size (f->client, LT_PORTAL_DEFAULT_MAX_RESPONSE_SIZE);
      break;
    default:
      g_assert_not_reached ();
    }
  if (fc->client_timeout != 0)
    lt_portal_client_set_timeout (f->client, 5);

  /* Before the delay is over nothing is sent; then everything, once. */
  if (fc->due_after > 0)
    {
      lt_sync_fixture_advance (f, fc->due_after - 1);
      lt_sync_fixture_run (f, LT_SYNC_PUSH, &report, NULL);
      g_assert_cmpuint (lt_test_devportal_key_count (f->portal, fx->key_a, &replays), ==,
                        fc->portal_did_work ? 1 : 0);
      g_assert_cmpint (replays, ==, 0);
      lt_sync_fixture_advance (f, 1);
    }

  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);

  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 2);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "comments"), ==, 1);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, fx->key_a, &replays), ==, 1);
  g_assert_cmpint (replays, ==, fc->portal_did_work ? 1 : 0);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, fx->key_b, NULL), ==, 1);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, fx->key_comment, NULL), ==, 1);
  g_assert_cmpuint (lt_sync_fixture_portal_title_count (f, "Fault ticket A"), ==, 1);
  g_assert_cmpuint (lt_sync_fixture_portal_title_count (f, "Fault ticket B"), ==, 1);

  ticket = lt_sync_fixture_ticket (f, fx->key_a);
  g_assert_nonnull (lt_ticket_get_id (ticket));
  g_assert_cmpuint (lt_store_count_tickets (f->store, NULL), ==, 2);
}

/* A 429/503 Retry-After holds every request, not only the item's. */
static void
test_retry_after_holds_portal (Fixture       *fx,
                               gconstpointer  data)
{
  LtSyncFixture *f = &fx->f;
  g_autoptr(GError) error = NULL;
  LtSyncReport report;

  lt_test_devportal_add_fault (f->portal, "{\"status\": 503, \"retry_after\": 120, \"count\": 1,"
                                          " \"method\": \"POST\", \"path_prefix\": \"/api/v1/tickets\"}");
  g_assert_false (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_RATE_LIMITED);
  g_clear_error (&error);

  /* After the item's own back-off (30 s), before Retry-After: ticket B
   * would be due, but the portal asked to wait. */
  lt_sync_fixture_advance (f, 60);
  g_assert_false (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_RATE_LIMITED);
  g_clear_error (&error);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, fx->key_b, NULL), ==, 0);

  lt_sync_fixture_advance (f, 61);
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, 3);
}

/* A permanent refusal fails the item with the portal's message; the other
 * items still go. */
static void
test_permanent_refusal (Fixture       *fx,
                        gconstpointer  data)
{
  LtSyncFixture *f = &fx->f;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  LtSyncReport report;

  lt_test_devportal_add_fault (f->portal, "{\"status\": 409, \"count\": 1, \"method\": \"POST\","
                                          " \"path_prefix\": \"/api/v1/tickets\"}");
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_failed, ==, 1);
  g_assert_cmpuint (report.n_sent, ==, 1);

  item = lt_sync_fixture_item (f, fx->key_a);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_FAILED);
  g_assert_nonnull (strstr (lt_outbox_item_get_failure_reason (item), "Injected fault"));
  g_assert_nonnull (strstr (lt_outbox_item_get_failure_reason (item), "409"));
  g_clear_object (&item);
  /* The comment waits for its ticket. */
  item = lt_sync_fixture_item (f, fx->key_comment);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);

  /* The user sends it again: all delivered once. */
  lt_outbox_retry (f->outbox, fx->key_a, f->now, &error);
  g_assert_no_error (error);
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, 2);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 2);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, fx->key_a, NULL), ==, 1);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, fx->key_comment, NULL), ==, 1);
}

/* A fault in the pull loses nothing and leaves the cursor where it was. */
static void
test_pull_fault (Fixture       *fx,
                 gconstpointer  data)
{
  LtSyncFixture *f = &fx->f;
  g_autoptr(GError) error = NULL;
  g_auto(LtSyncState) before = { 0 };
  g_auto(LtSyncState) after = { 0 };
  LtSyncReport report;

  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  lt_store_load_sync_state (f->store, "tickets", &before, &error);
  g_assert_no_error (error);

  lt_test_devportal_add_fault (f->portal, "{\"malformed\": true, \"method\": \"GET\","
                                          " \"path_prefix\": \"/api/v1/tickets\"}");
  g_assert_false (lt_sync_fixture_run (f, LT_SYNC_PULL, &report, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_clear_error (&error);
  lt_store_load_sync_state (f->store, "tickets", &after, &error);
  g_assert_no_error (error);
  g_assert_true (g_date_time_equal (before.updated_since, after.updated_since));
  g_assert_nonnull (after.last_error);
  /* The other resources were still pulled. */
  g_assert_cmpuint (report.n_change_notices, ==, 0);
  g_assert_cmpuint (lt_store_count_tickets (f->store, NULL), ==, 2);
}

static const FaultCase case_500 = {
  "{\"status\": 500, \"count\": 1, \"method\": \"POST\", \"path_prefix\": \"/api/v1/tickets\"}",
  SERVER_DEVPORTAL, LT_ERROR_SERVER, 30, FALSE, 0
};
static const FaultCase case_503 = {
  "{\"status\": 503, \"retry_after\": 120, \"count\": 1, \"method\": \"POST\","
  " \"path_prefix\": \"/api/v1/tickets\"}",
  SERVER_DEVPORTAL, LT_ERROR_RATE_LIMITED, 120, FALSE, 0
};
static const FaultCase case_429 = {
  "{\"status\": 429, \"count\": 1, \"method\": \"POST\", \"path_prefix\": \"/api/v1/tickets\"}",
  SERVER_DEVPORTAL, LT_ERROR_RATE_LIMITED, 30, FALSE, 0
};
static const FaultCase case_timeout = {
  "{\"delay_ms\": 2500, \"count\": 1, \"method\": \"POST\", \"path_prefix\": \"/api/v1/tickets\"}",
  SERVER_DEVPORTAL, LT_ERROR_TIMED_OUT, 30, TRUE, 1
};
static const FaultCase case_truncated = {
  "{\"truncate\": true, \"count\": 1, \"method\": \"POST\", \"path_prefix\": \"/api/v1/tickets\"}",
  SERVER_DEVPORTAL, LT_ERROR_NETWORK, 30, TRUE, 0
};
static const FaultCase case_malformed = {
  "{\"malformed\": true, \"count\": 1, \"method\": \"POST\", \"path_prefix\": \"/api/v1/tickets\"}",
  SERVER_DEVPORTAL, LT_ERROR_INVALID_DATA, 30, TRUE, 0
};
static const FaultCase case_reset = {
  "{\"drop_connection\": true, \"count\": 1, \"method\": \"POST\","
  " \"path_prefix\": \"/api/v1/tickets\"}",
  SERVER_DEVPORTAL, LT_ERROR_NETWORK, 30, TRUE, 0
};
static const FaultCase case_wrong_types = {
  NULL, SERVER_WRONG_TYPES, LT_ERROR_INVALID_DATA, 30, FALSE, 0
};
static const FaultCase case_oversized = {
  NULL, SERVER_OVERSIZED, LT_ERROR_INVALID_DATA, 30, TRUE, 0
};
static const FaultCase case_duplicate = {
  NULL, SERVER_DUPLICATE, LT_ERROR_INVALID_DATA, 30, FALSE, 0
};
static const FaultCase case_401 = {
  NULL, SERVER_WRONG_TOKEN, LT_ERROR_UNAUTHORIZED, 0, FALSE, 0
};

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);
  lt_test_capture_logs ();

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, setup, func, teardown)

  ADD ("/lt/sync/faults/500", &case_500, test_fault);
  ADD ("/lt/sync/faults/503-retry-after", &case_503, test_fault);
  ADD ("/lt/sync/faults/429", &case_429, test_fault);
  ADD ("/lt/sync/faults/timeout", &case_timeout, test_fault);
  ADD ("/lt/sync/faults/truncated", &case_truncated, test_fault);
  ADD ("/lt/sync/faults/malformed", &case_malformed, test_fault);
  ADD ("/lt/sync/faults/wrong-types", &case_wrong_types, test_fault);
  ADD ("/lt/sync/faults/duplicate-member", &case_duplicate, test_fault);
  ADD ("/lt/sync/faults/oversized", &case_oversized, test_fault);
  ADD ("/lt/sync/faults/connection-reset", &case_reset, test_fault);
  ADD ("/lt/sync/faults/401", &case_401, test_fault);
  ADD ("/lt/sync/faults/retry-after-holds", NULL, test_retry_after_holds_portal);
  ADD ("/lt/sync/faults/permanent-refusal", NULL, test_permanent_refusal);
  ADD ("/lt/sync/faults/pull", NULL, test_pull_fault);

  return g_test_run ();
}
