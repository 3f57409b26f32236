/* test-sync-hostile.c: a portal that misbehaves on purpose (issue 10)
 *
 * Lists that never end (a fresh cursor every page) and lists that repeat
 * a cursor, for maintenance windows and tickets; a run held by a request
 * that never answers; answers about another ticket than the one asked
 * for, and a create answer whose id belongs to another ticket filed here.
 * The portal is the in-process loopback server of lt-test-server.c; the
 * account, policy and release catalog it serves are the real devportal's.
 * Every case checks the run's error, what reached the server and the
 * database afterwards (rows, byte-for-byte where nothing may be written,
 * PRAGMA integrity_check).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-cli.h"
#include "lt-test-util.h"
#include "lt-test-server.h"
#include "lt-test-sync-util.h"

#include "lt-credentials.h"
#include "lt-portal-json.h"
#include "lt-store-sync.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#define API "/api/v1"

typedef struct
{
  LtSyncFixture  f;
  LtTestServer  *server;
} Fixture;

/* The devportal's answer to GET @path, served by the test server too. */
static void
serve_from_devportal (Fixture    *fx,
                      const char *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (lt_test_devportal_get_url (fx->f.portal), API, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *api_path = g_strconcat (API, path, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "Bearer " LT_TEST_SYNC_TOKEN);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  lt_test_server_add_response_bytes (fx->server, "GET", api_path, 200, "application/json", body);
}

static void
setup (Fixture       *fx,
       gconstpointer  data)
{
  lt_sync_fixture_setup (&fx->f, FALSE);
  fx->server = lt_test_server_new (NULL);
  serve_from_devportal (fx, "/account");
  serve_from_devportal (fx, "/policy");
  serve_from_devportal (fx, "/releases");
  lt_test_server_add_response (fx->server, "GET", API "/maintenance-windows", 200,
                               "application/json", "{\"items\": [], \"next_cursor\": null}", NULL);
  lt_test_server_add_response (fx->server, "GET", API "/tickets", 200,
                               "application/json", "{\"items\": [], \"next_cursor\": null}", NULL);
  lt_test_server_add_response (fx->server, "GET", API "/change-notices", 200,
                               "application/json", "{\"items\": [], \"next_cursor\": null}", NULL);
  lt_sync_fixture_use_url (&fx->f, lt_test_server_get_url (fx->server));
}

static void
teardown (Fixture       *fx,
          gconstpointer  data)
{
  g_clear_pointer (&fx->server, lt_test_server_free);
  lt_sync_fixture_teardown (&fx->f);
}

static void
set_limits (Fixture *fx,
            guint    max_pages,
            guint    max_seconds)
{
  LtSyncLimits limits = {
    max_pages, LT_SYNC_MAX_ITEMS_PER_RUN, LT_SYNC_MAX_BYTES_PER_RUN, max_seconds,
  };

  lt_sync_set_limits (fx->f.sync, &limits);
}

/* Reads the database through a connection of its own. */
static sqlite3 *
open_db (Fixture *fx)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fx->f.db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
count_rows (Fixture    *fx,
            const char *sql)
{
  sqlite3 *db = open_db (fx);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* Every row of the tables a sync writes, as text, and the integrity check. */
static char *
dump_db (Fixture *fx)
{
  static const char * const tables[] = {
    "tickets", "ticket_events", "change_notices", "maintenance_windows", "outbox_rows",
  };
  sqlite3 *db = open_db (fx);
  GString *dump = g_string_new (NULL);

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;

      /* Outbox rows without the attempt bookkeeping, which a refused
       * answer does update (that is the item's retry, not data). */
      if (g_str_equal (tables[t], "outbox_rows"))
        sql = g_strdup ("SELECT key, kind, payload, depends_on, response FROM outbox ORDER BY id");
      else
        sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (dump, "[%s]\n", tables[t]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (dump, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

static char *
ticket_json (const char *id,
             const char *title,
             const char *updated_at)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-26T15:04:05Z");
  g_autoptr(GDateTime) updated = lt_test_instant (updated_at);
  g_autoptr(JsonNode) node = NULL;

  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, title);
  lt_ticket_set_description (ticket, "x");
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, LT_TICKET_STATE_SUBMITTED);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, updated);
  node = lt_portal_json_write_ticket (ticket, TRUE);
  return json_to_string (node, FALSE);
}

#define WINDOW_ITEM \
  "{\"id\": \"MW-@N@\", \"kind\": \"scheduled\", \"title\": \"Window @N@\", \"description\": \"\"," \
  " \"starts_at\": \"2026-12-20T10:00:00Z\", \"ends_at\": \"2026-12-20T12:00:00Z\"," \
  " \"announced_at\": \"2026-12-01T10:00:00Z\", \"updated_at\": \"2026-12-01T10:00:00Z\", \"affects\": \"both\"}"

/* A list that never ends stops at the page cap with an error; every page
 * before it is in the database (stored as it came), no later phase ran,
 * and the run no longer holds the engine. */
static void
test_endless_maintenance (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  LtSyncReport report;

  set_limits (fx, 40, 60);
  lt_test_server_add_endless_pages (fx->server, API "/maintenance-windows", WINDOW_ITEM, FALSE);

  g_assert_false (lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, &report, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "did not end after 40 pages"));
  g_assert_false (lt_sync_get_running (fx->f.sync));
  g_assert_cmpuint (lt_test_server_get_pages_served (fx->server, API "/maintenance-windows"), ==, 41);
  /* Page by page: the 40 pages within the cap are stored, the 41st not. */
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM maintenance_windows"), ==, 40);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM maintenance_windows WHERE id = 'MW-41'"), ==, 0);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM sync_state"
                                   " WHERE resource = 'tickets' AND last_attempt_at IS NOT NULL"), ==, 0);
  g_free (dump_db (fx));
}

/* The default caps end an endless list too, in bounded time. */
static void
test_endless_default_caps (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_strdup_printf ("did not end after %u pages", LT_SYNC_MAX_PAGES_PER_RUN);
  gint64 start = g_get_monotonic_time ();

  lt_test_server_add_endless_pages (fx->server, API "/maintenance-windows", WINDOW_ITEM, FALSE);
  g_assert_false (lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, NULL, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_cmpuint (lt_test_server_get_pages_served (fx->server, API "/maintenance-windows"), ==,
                    LT_SYNC_MAX_PAGES_PER_RUN + 1);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM maintenance_windows"), ==,
                   LT_SYNC_MAX_PAGES_PER_RUN);
  g_test_message ("%u endless pages refused after %.1f s", LT_SYNC_MAX_PAGES_PER_RUN,
                  (g_get_monotonic_time () - start) / 1e6);
}

/* A ticket list that never ends: the same as windows, and the cursor of
 * every page stored is kept with its rows. */
static void
test_endless_tickets (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *item = ticket_json ("LT-000007", "Endless", "2026-11-27T10:00:00Z");

  set_limits (fx, 25, 60);
  lt_test_server_add_endless_pages (fx->server, API "/tickets", item, FALSE);
  lt_test_server_add_response (fx->server, "GET", API "/tickets/LT-000007", 200,
                               "application/json", item, NULL);

  g_assert_false (lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, NULL, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "did not end after 25 pages"));
  /* The caps count the whole run: the page of windows and 24 of tickets
   * are within 25. */
  g_assert_cmpuint (lt_test_server_get_pages_served (fx->server, API "/tickets"), ==, 25);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM tickets WHERE id = 'LT-000007'"), ==, 1);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM sync_state"
                                   " WHERE resource = 'tickets' AND updated_since IS NOT NULL"), ==, 1);
  g_assert_false (lt_sync_get_running (fx->f.sync));
}

/* A cursor the list gave before is an error at once (the second page). */
static void
test_repeated_cursor (Fixture       *fx,
                      gconstpointer  data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *item = ticket_json ("LT-000007", "Repeated", "2026-11-27T10:00:00Z");
  g_auto(LtSyncState) state = { 0 };
  const char *resource = g_str_has_suffix (path, "/tickets") ? "tickets" : "maintenance-windows";

  lt_test_server_add_endless_pages (fx->server, path,
                                    g_str_equal (resource, "tickets") ? item : WINDOW_ITEM, TRUE);
  lt_test_server_add_response (fx->server, "GET", API "/tickets/LT-000007", 200,
                               "application/json", item, NULL);

  g_assert_false (lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, NULL, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "page cursor it had sent before"));
  g_assert_cmpuint (lt_test_server_get_pages_served (fx->server, path), ==, 2);
  g_assert_true (lt_store_load_sync_state (fx->f.store, resource, &state, NULL));
  g_assert_nonnull (strstr (state.last_error, "page cursor it had sent before"));
  g_assert_false (lt_sync_get_running (fx->f.sync));
}

typedef struct
{
  gboolean      done;
  gboolean      ok;
  GError      **error;
} Wait;

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = lt_sync_run_finish (LT_SYNC (source), result, NULL, wait->error);
  wait->done = TRUE;
}

static gboolean
cancel_cb (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* A portal that never answers cannot hold the one run for ever: the
 * run's deadline ends it (before the client's own 5 s timeout), and so
 * does the caller's cancel; a new run may start at once. */
static void
test_run_deadline (Fixture       *fx,
                   gconstpointer  data)
{
  gboolean cancel = GPOINTER_TO_INT (data);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Wait wait = { FALSE, FALSE, &error };
  gint64 start, elapsed;

  set_limits (fx, LT_SYNC_MAX_PAGES_PER_RUN, cancel ? 60 : 1);
  lt_test_server_add_fault (fx->server, "GET", API "/account", LT_TEST_FAULT_HANG, NULL);
  if (cancel)
    g_timeout_add (500, cancel_cb, cancellable);

  start = g_get_monotonic_time ();
  lt_sync_run_async (fx->f.sync, LT_SYNC_ALL, cancellable, run_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;

  g_assert_false (wait.ok);
  if (cancel)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  else
    {
      g_assert_error (error, LT_ERROR, LT_ERROR_TIMED_OUT);
      g_assert_nonnull (strstr (error->message, "stopped after 1 second"));
    }
  g_assert_cmpint (elapsed, <, 4 * G_USEC_PER_SEC);
  g_assert_false (lt_sync_get_running (fx->f.sync));

  /* Nothing holds the engine: the next run starts (and meets the hang). */
  g_clear_error (&error);
  lt_test_server_add_response (fx->server, "GET", API "/account", 404, "application/json",
                               "{\"error\": {\"code\": \"not_found\", \"message\": \"gone\"}}", NULL);
  lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, NULL, &error);
  g_assert_false (g_error_matches (error, LT_ERROR, LT_ERROR_NOT_ALLOWED));
}

/* GET /tickets/LT-000321 answered with LT-000001: refused as unreadable,
 * the stored LT-000001 is untouched, nothing of the page is written. */
static void
test_detail_id_mismatch (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = ticket_json ("LT-000001", "The real one", "2026-11-27T10:00:00Z");
  g_autofree char *listed = ticket_json ("LT-000321", "Listed", "2026-11-28T10:00:00Z");
  g_autofree char *forged = ticket_json ("LT-000001", "Forged", "2026-11-28T10:00:00Z");
  g_autofree char *page1 = g_strdup_printf ("{\"items\": [%s], \"next_cursor\": null}", first);
  g_autofree char *page2 = g_strdup_printf ("{\"items\": [%s], \"next_cursor\": null}", listed);
  g_autofree char *before = NULL, *after = NULL;

  lt_test_server_add_response (fx->server, "GET", API "/tickets", 200, "application/json", page1, NULL);
  lt_test_server_add_response (fx->server, "GET", API "/tickets/LT-000001", 200, "application/json",
                               first, NULL);
  g_assert_true (lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, NULL, &error));
  g_assert_no_error (error);
  before = dump_db (fx);
  g_assert_nonnull (strstr (before, "The real one"));

  lt_test_server_add_response (fx->server, "GET", API "/tickets", 200, "application/json", page2, NULL);
  lt_test_server_add_response (fx->server, "GET", API "/tickets/LT-000321", 200, "application/json",
                               forged, NULL);
  g_assert_false (lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, NULL, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "answered about “LT-000001” when asked about “LT-000321”"));
  after = dump_db (fx);
  g_assert_cmpstr (after, ==, before);
}

#define EVENT_JSON(kind) \
  "{\"id\": \"EV-000001\", \"kind\": \"" kind "\", \"at\": \"2026-11-28T10:00:00Z\"," \
  " \"author\": \"Alex Admin\", \"body\": \"Still failing.\", \"from_state\": null," \
  " \"to_state\": null, \"level\": 0, \"attachment\": null}"

/* A page of GET /tickets?include=events with @ticket (ticket_json()),
 * whose events are @events ("[…]"), or none at all with NULL. */
static char *
events_page (const char *ticket,
             const char *events)
{
  g_autoptr(GString) item = g_string_new (ticket);
  g_autofree char *member = g_strconcat ("\"events\":", events, NULL);

  /* ticket_json() ends with "events":[]. */
  g_assert_cmpuint (g_string_replace (item, events != NULL ? "\"events\":[]" : ",\"events\":[]",
                                      events != NULL ? member : "", 1), ==, 1);
  return g_strdup_printf ("{\"items\": [%s], \"next_cursor\": null, \"events_included\": true}",
                          item->str);
}

/* A page that says it carries the events, whose events cannot be used: a
 * malformed one, none at all, or more than an answer may weigh. The page
 * is refused whole like a GET /tickets/{id} answer would be, by the same
 * reader and the same size limit, with the path of the bad field; what
 * the last sync stored is untouched, and no ticket is asked for alone. */
static void
test_events_page_refused (Fixture       *fx,
                          gconstpointer  data)
{
  const char *fault = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = ticket_json ("LT-000001", "The real one", "2026-11-27T10:00:00Z");
  g_autofree char *changed = ticket_json ("LT-000001", "Forged", "2026-11-28T10:00:00Z");
  g_autofree char *good = events_page (first, "[" EVENT_JSON ("comment") "]");
  g_autofree char *bad = NULL;
  g_autofree char *before = NULL, *after = NULL;
  guint requests;

  lt_test_server_add_response (fx->server, "GET", API "/tickets", 200, "application/json", good, NULL);
  g_assert_true (lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, NULL, &error));
  g_assert_no_error (error);
  before = dump_db (fx);
  g_assert_nonnull (strstr (before, "The real one"));
  g_assert_nonnull (strstr (before, "Still failing."));

  if (g_str_equal (fault, "bad-event"))
    bad = events_page (changed, "[" EVENT_JSON ("teleport") "]");
  else if (g_str_equal (fault, "no-events"))
    bad = events_page (changed, NULL);
  else
    {
      g_autoptr(GString) events = g_string_new ("[");

      /* 2,000 comments, about 300 KiB: over a limit of 64 KiB. */
      for (guint i = 0; i < 2000; i++)
        g_string_append_printf (events, "%s" EVENT_JSON ("comment"), i > 0 ? "," : "");
      g_string_append_c (events, ']');
      bad = events_page (changed, events->str);
      lt_portal_client_set_max_response_size (fx->f.client, 64 * 1024);
    }
  lt_test_server_add_response (fx->server, "GET", API "/tickets", 200, "application/json", bad, NULL);
  requests = lt_test_server_get_request_count (fx->server);
  g_assert_false (lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  if (g_str_equal (fault, "bad-event"))
    g_assert_nonnull (strstr (error->message, "$.items[0].events[0].kind"));
  else if (g_str_equal (fault, "no-events"))
    g_assert_nonnull (strstr (error->message, "$.items[0].events"));
  else
    g_assert_nonnull (strstr (error->message, "more than the limit of 64.0"));
  after = dump_db (fx);
  g_assert_cmpstr (after, ==, before);
  /* account, policy, releases, windows, tickets, notices: nothing more. */
  g_assert_cmpuint (lt_test_server_get_request_count (fx->server) - requests, ==, 6);
}

/* Two tickets filed here; the portal answers the second create with the
 * id it gave the first. The answer is unreadable: the item waits for a
 * retry, and the database is as before (no merge of the two). */
static void
test_create_id_collision (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = ticket_json ("LT-000001", "First", "2026-11-27T10:00:00Z");
  g_autofree char *key_a = NULL, *key_b = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(LtOutboxItem) item = NULL;

  lt_test_server_add_response (fx->server, "POST", API "/tickets", 201, "application/json", answer, NULL);
  key_a = lt_sync_fixture_file_ticket (&fx->f, "First");
  g_assert_true (lt_sync_fixture_run (&fx->f, LT_SYNC_PUSH, NULL, &error));
  g_assert_no_error (error);

  key_b = lt_sync_fixture_file_ticket (&fx->f, "Second");
  before = dump_db (fx);
  g_assert_false (lt_sync_fixture_run (&fx->f, LT_SYNC_PUSH, NULL, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "already belongs to another item filed here"));
  after = dump_db (fx);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM tickets"), ==, 2);

  item = lt_sync_fixture_item (&fx->f, key_b);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 1);
}

/* A comment on LT-000001 answered with another ticket. */
static void
test_action_id_mismatch (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = ticket_json ("LT-000001", "First", "2026-11-27T10:00:00Z");
  g_autofree char *other = ticket_json ("LT-000002", "Other", "2026-11-28T10:00:00Z");
  g_autofree char *key = NULL, *comment = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(LtTicket) ticket = NULL;

  lt_test_server_add_response (fx->server, "POST", API "/tickets", 201, "application/json", answer, NULL);
  key = lt_sync_fixture_file_ticket (&fx->f, "First");
  g_assert_true (lt_sync_fixture_run (&fx->f, LT_SYNC_PUSH, NULL, &error));
  g_assert_no_error (error);

  ticket = lt_sync_fixture_ticket (&fx->f, key);
  comment = lt_actions_comment (fx->f.outbox, fx->f.policy, ticket, "More detail", fx->f.now, &error);
  g_assert_no_error (error);
  lt_test_server_add_response (fx->server, "POST", API "/tickets/LT-000001/comments", 201,
                               "application/json", other, NULL);
  before = dump_db (fx);
  g_assert_false (lt_sync_fixture_run (&fx->f, LT_SYNC_PUSH, NULL, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  after = dump_db (fx);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM tickets WHERE id = 'LT-000002'"), ==, 0);
}

static gint64
count_in (const char *db_path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

/* How many tickets titled @title @portal holds. */
static guint
title_count_on (Fixture         *fx,
                LtTestDevportal *portal,
                const char      *title)
{
  LtTestDevportal *saved = fx->f.portal;
  guint n;

  fx->f.portal = portal;
  n = lt_sync_fixture_portal_title_count (&fx->f, title);
  fx->f.portal = saved;
  return n;
}

/* Two real devportals. A profile synced with A (a ticket filed and
 * delivered, then a comment and a second ticket queued) refuses B before
 * anything is sent, database unchanged; with LT_SYNC_SWITCH_PORTAL it
 * keeps A's data and unsent actions in a profile of its own and pulls
 * B's tickets from scratch (A's cursor is not used: every one of B's
 * demo tickets arrives). B never receives A's actions; the kept profile,
 * synced with A, delivers them there, and refuses B. */
static void
test_switch_portal (Fixture       *fx,
                    gconstpointer  data)
{
  LtSyncFixture *f = &fx->f;
  g_autoptr(LtTestDevportal) portal_b = lt_test_devportal_start (LT_TEST_SYNC_TOKEN, TRUE);
  g_autofree char *origin_a = lt_sync_dup_portal_origin (lt_test_devportal_get_url (f->portal));
  g_autofree char *origin_b = lt_sync_dup_portal_origin (lt_test_devportal_get_url (portal_b));
  g_autofree char *key = NULL, *queued = NULL, *comment = NULL;
  g_autofree char *before = NULL, *after = NULL, *kept_db = NULL, *bound = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  LtSyncReport report;
  gint64 b_tickets;

  lt_sync_fixture_use_url (f, lt_test_devportal_get_url (f->portal));
  key = lt_sync_fixture_file_ticket (f, "Filed on A");
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lt_store_load_portal_binding (f->store, &bound, NULL, NULL, &error));
  g_assert_cmpstr (bound, ==, origin_a);
  ticket = lt_sync_fixture_ticket (f, key);
  comment = lt_actions_comment (f->outbox, f->policy, ticket, "For A only", f->now, &error);
  g_assert_no_error (error);
  queued = lt_sync_fixture_file_ticket (f, "Queued for A");

  /* B is refused before anything is sent; nothing here changes. */
  lt_sync_fixture_use_url (f, lt_test_devportal_get_url (portal_b));
  before = dump_db (fx);
  g_assert_false (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_OTHER_PORTAL);
  g_assert_nonnull (strstr (error->message, origin_a));
  g_assert_nonnull (strstr (error->message, origin_b));
  g_assert_cmpuint (report.n_sent, ==, 0);
  g_clear_error (&error);
  after = dump_db (fx);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (title_count_on (fx, portal_b, "Queued for A"), ==, 0);
  g_assert_cmpuint (title_count_on (fx, portal_b, "Filed on A"), ==, 0);

  /* The explicit switch. */
  b_tickets = lt_test_devportal_count (portal_b, "tickets");
  g_assert_cmpint (b_tickets, >, 100);
  lt_sync_fixture_run (f, LT_SYNC_ALL | LT_SYNC_SWITCH_PORTAL, &report, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, 0);
  g_assert_nonnull (lt_sync_get_archived_profile (f->sync));
  g_clear_pointer (&bound, g_free);
  g_assert_true (lt_store_load_portal_binding (f->store, &bound, NULL, NULL, &error));
  g_assert_cmpstr (bound, ==, origin_b);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM tickets"), ==, b_tickets);
  g_assert_cmpuint (report.n_tickets_listed, ==, b_tickets);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM tickets WHERE title LIKE '%on A' OR title LIKE '%for A'"), ==, 0);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpuint (title_count_on (fx, portal_b, "Queued for A"), ==, 0);
  g_free (dump_db (fx));

  /* A's data, readable in the kept profile, its actions still unsent. */
  kept_db = g_build_filename (lt_sync_get_archived_profile (f->sync), "support.db", NULL);
  g_assert_cmpint (count_in (kept_db, "SELECT count(*) FROM tickets WHERE title = 'Filed on A' AND id IS NOT NULL"), ==, 1);
  g_assert_cmpint (count_in (kept_db, "SELECT count(*) FROM tickets WHERE title = 'Queued for A' AND state = 'queued'"), ==, 1);
  g_assert_cmpint (count_in (kept_db, "SELECT count(*) FROM outbox WHERE state = 'pending'"), ==, 2);
  g_assert_cmpint (count_in (kept_db, "SELECT count(*) FROM ticket_events WHERE body = 'For A only'"), ==, 1);

  /* The kept profile goes to A only. */
  {
    g_autoptr(LtStore) store = lt_store_open (kept_db, NULL, &error);
    g_autoptr(LtOutbox) outbox = NULL;
    g_autoptr(LtCredentials) credentials = NULL;
    g_autoptr(LtPortalClient) client = NULL;
    g_autoptr(LtSync) sync = NULL;
    Wait wait = { FALSE, FALSE, &error };

    g_assert_no_error (error);
    outbox = lt_outbox_new (store);
    credentials = lt_credentials_new (lt_test_devportal_get_url (portal_b), &error);
    client = lt_portal_client_new (lt_test_devportal_get_url (portal_b), credentials, NULL, &error);
    g_assert_no_error (error);
    sync = lt_sync_new (outbox, client);
    lt_sync_run_async (sync, LT_SYNC_ALL, NULL, run_cb, &wait);
    while (!wait.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_error (error, LT_ERROR, LT_ERROR_OTHER_PORTAL);
    g_clear_error (&error);
    g_clear_object (&sync);
    g_clear_object (&client);
    g_clear_object (&credentials);

    credentials = lt_credentials_new (lt_test_devportal_get_url (f->portal), &error);
    client = lt_portal_client_new (lt_test_devportal_get_url (f->portal), credentials, NULL, &error);
    g_assert_no_error (error);
    sync = lt_sync_new (outbox, client);
    wait.done = FALSE;
    lt_sync_run_async (sync, LT_SYNC_ALL, NULL, run_cb, &wait);
    while (!wait.done)
      g_main_context_iteration (NULL, TRUE);
    g_assert_no_error (error);
    g_assert_true (wait.ok);
  }
  g_assert_cmpuint (title_count_on (fx, f->portal, "Queued for A"), ==, 1);
  g_assert_cmpuint (title_count_on (fx, portal_b, "Queued for A"), ==, 0);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "comments"), ==, 1);
}

/* Runs the real ltsupport through the harness (tests/lt-test-cli.h),
 * with the token by variable; returns its exit status. */
static int
run_cli (const char  *input,
         char       **out,
         char       **err,
         ...)
{
  g_auto(LtTestCliRun) run = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  lt_test_cli_setenv (LT_CREDENTIALS_TOKEN_ENV, LT_TEST_SYNC_TOKEN);
  lt_test_cli_run_argv (&run, input, -1, (const char * const *) args->pdata);
  *out = g_steal_pointer (&run.out);
  *err = g_steal_pointer (&run.err);
  return run.status;
}

static guint
cli_ticket_count (const char *profile,
                  const char *title)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(JsonArray) tickets = NULL;
  guint n = 0;

  g_assert_cmpint (run_cli (NULL, &out, &err, "--profile", profile, "ticket", "list", "--json", NULL), ==, 0);
  tickets = lt_test_cli_json_items (out);
  for (guint i = 0; i < json_array_get_length (tickets); i++)
    if (title == NULL ||
        g_strcmp0 (json_object_get_string_member (json_array_get_object_element (tickets, i), "title"),
                   title) == 0)
      n++;
  return n;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The steps through ltsupport: sync with A, file a ticket, sync
 * with B (a --demo portal). B is refused (exit 2, the way out named) and
 * A's ticket stays; --switch-portal then pulls every one of B's tickets
 * (no cursor of A's) and A's ticket is readable in the kept profile. */
static void
test_cli_switch_portal (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(LtTestDevportal) portal_b = lt_test_devportal_start (LT_TEST_SYNC_TOKEN, TRUE);
  const char *url_a = lt_test_devportal_get_url (fx->f.portal);
  const char *url_b = lt_test_devportal_get_url (portal_b);
  g_autofree char *profile = g_dir_make_tmp ("lt-cli-switch-XXXXXX", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *kept_parent = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *kept_name;
  g_autofree char *kept = NULL;
  gint64 b_tickets = lt_test_devportal_count (portal_b, "tickets");

  g_assert_nonnull (profile);
  g_assert_cmpint (run_cli (NULL, &out, &err, "--profile", profile, "--portal", url_a, "sync", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ("It fails.\n", &out, &err, "--profile", profile, "--portal", url_a,
                            "ticket", "file", "--title", "Filed on A", "--category", "troubleshooting",
                            "--limited", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "--profile", profile, "--portal", url_a, "sync", NULL), ==, 0);
  g_assert_cmpuint (cli_ticket_count (profile, "Filed on A"), ==, 1);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "--profile", profile, "--portal", url_b, "sync", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--switch-portal"));
  g_assert_nonnull (strstr (err, "--profile"));
  g_assert_cmpuint (cli_ticket_count (profile, "Filed on A"), ==, 1);
  g_assert_cmpuint (cli_ticket_count (profile, NULL), ==, 1);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (NULL, &out, &err, "--profile", profile, "--portal", url_b, "sync",
                            "--switch-portal", NULL), ==, 0);
  g_assert_nonnull (strstr (err, "previous-portals"));
  g_assert_cmpuint (cli_ticket_count (profile, "Filed on A"), ==, 0);
  g_assert_cmpuint (cli_ticket_count (profile, NULL), ==, b_tickets);

  kept_parent = g_build_filename (profile, "previous-portals", NULL);
  dir = g_dir_open (kept_parent, 0, NULL);
  g_assert_nonnull (dir);
  kept_name = g_dir_read_name (dir);
  g_assert_nonnull (kept_name);
  kept = g_build_filename (kept_parent, kept_name, NULL);
  g_assert_cmpuint (cli_ticket_count (kept, "Filed on A"), ==, 1);
  g_assert_cmpuint (cli_ticket_count (kept, NULL), ==, 1);
  remove_tree (profile);
}

/* An address that never answered binds nothing: the first portal that
 * answers gets the profile. */
static void
test_unreachable_binds_nothing (Fixture       *fx,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *bound = NULL;
  g_autofree char *origin = lt_sync_dup_portal_origin (lt_test_server_get_url (fx->server));
  g_autofree char *key = lt_sync_fixture_file_ticket (&fx->f, "Typo first");

  lt_sync_fixture_use_url (&fx->f, "http://127.0.0.1:9");
  g_assert_false (lt_sync_fixture_run (&fx->f, LT_SYNC_ALL, NULL, &error));
  g_assert_true (lt_portal_error_is_retryable (error));
  g_clear_error (&error);
  g_assert_true (lt_store_load_portal_binding (fx->f.store, &bound, NULL, NULL, &error));
  g_assert_null (bound);
  {
    g_autoptr(LtOutboxItem) item = lt_sync_fixture_item (&fx->f, key);

    g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);
  }

  lt_sync_fixture_use_url (&fx->f, lt_test_server_get_url (fx->server));
  g_assert_true (lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lt_store_load_portal_binding (fx->f.store, &bound, NULL, NULL, &error));
  g_assert_cmpstr (bound, ==, origin);
  g_assert_true (g_str_has_prefix (origin, "http://127.0.0.1:"));
}

/* One portal, however its address is written. */
static void
test_portal_origin (void)
{
  static const struct { const char *url, *origin; } cases[] = {
    { "https://Support.LockThreat.com", "https://support.lockthreat.com:443" },
    { "https://support.lockthreat.com:443/", "https://support.lockthreat.com:443" },
    { "https://support.lockthreat.com/api/v1", "https://support.lockthreat.com:443" },
    { "https://support.lockthreat.com:8443", "https://support.lockthreat.com:8443" },
    { "http://127.0.0.1:8080/x", "http://127.0.0.1:8080" },
    { "http://localhost", "http://localhost:80" },
    { "http://[::1]:8080", "http://[::1]:8080" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *origin = lt_sync_dup_portal_origin (cases[i].url);

      g_assert_cmpstr (origin, ==, cases[i].origin);
    }
}

/* The entry and byte caps end an endless list the same way. */
static void
test_endless_other_caps (Fixture       *fx,
                         gconstpointer  data)
{
  gboolean bytes = GPOINTER_TO_INT (data);
  LtSyncLimits limits = {
    LT_SYNC_MAX_PAGES_PER_RUN, bytes ? LT_SYNC_MAX_ITEMS_PER_RUN : 30,
    bytes ? 16 * 1024 : LT_SYNC_MAX_BYTES_PER_RUN, 60,
  };
  g_autoptr(GError) error = NULL;
  guint served;

  lt_sync_set_limits (fx->f.sync, &limits);
  lt_test_server_add_endless_pages (fx->server, API "/maintenance-windows", WINDOW_ITEM, FALSE);
  g_assert_false (lt_sync_fixture_run (&fx->f, LT_SYNC_PULL, NULL, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, bytes ? "exceeded 16.0" : "did not end after 30 entries"));
  served = lt_test_server_get_pages_served (fx->server, API "/maintenance-windows");
  if (!bytes)
    g_assert_cmpuint (served, ==, 31);
  else
    g_assert_cmpuint (served, <, 100);
  /* Every page within the cap is stored; the one past it is not. */
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM maintenance_windows"), ==, served - 1);
  g_assert_false (lt_sync_get_running (fx->f.sync));
}

/* The store's switch: drafts stay, everything of the old portal moves to
 * the kept file (its binding too); an existing kept file is refused and
 * nothing changes. */
static void
test_store_switch (Fixture       *fx,
                   gconstpointer  data)
{
  LtSyncFixture *f = &fx->f;
  g_autoptr(LtTicket) draft = lt_ticket_new_draft ();
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL, *bound = NULL, *before = NULL;
  g_autofree char *dir = g_build_filename (f->profile, "kept", NULL);
  g_autofree char *kept = g_build_filename (dir, "support.db", NULL);
  g_autofree char *after = NULL;

  g_assert_true (lt_store_bind_portal (f->store, "https://a.example:443", f->now, &error));
  key = lt_sync_fixture_file_ticket (f, "Queued on A");
  lt_ticket_set_title (draft, "A draft");
  g_assert_true (lt_store_save_local_ticket (f->store, draft, f->now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);

  g_assert_true (lt_store_switch_portal (f->store, "https://b.example:443", kept, f->now, &error));
  g_assert_no_error (error);
  g_assert_true (lt_store_load_portal_binding (f->store, &bound, NULL, NULL, &error));
  g_assert_cmpstr (bound, ==, "https://b.example:443");
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM tickets"), ==, 1);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM tickets WHERE title = 'A draft'"), ==, 1);
  g_assert_cmpint (count_rows (fx, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (count_in (kept, "SELECT count(*) FROM tickets WHERE title = 'Queued on A'"), ==, 1);
  g_assert_cmpint (count_in (kept, "SELECT count(*) FROM outbox WHERE state = 'pending'"), ==, 1);
  g_assert_cmpint (count_in (kept, "SELECT count(*) FROM portal_binding"
                                   " WHERE origin = 'https://a.example:443'"), ==, 1);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (kept, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* Again into the same file: refused, nothing here changes. */
  before = dump_db (fx);
  g_assert_false (lt_store_switch_portal (f->store, "https://c.example:443", kept, f->now, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  after = dump_db (fx);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&bound, g_free);
  g_clear_error (&error);
  g_assert_true (lt_store_load_portal_binding (f->store, &bound, NULL, NULL, &error));
  g_assert_cmpstr (bound, ==, "https://b.example:443");
  g_assert_cmpint (count_in (kept, "SELECT count(*) FROM outbox"), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);
  lt_test_capture_logs ();

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, setup, func, teardown)

  ADD ("/lt/sync/hostile/endless/maintenance", NULL, test_endless_maintenance);
  ADD ("/lt/sync/hostile/endless/default-caps", NULL, test_endless_default_caps);
  ADD ("/lt/sync/hostile/endless/tickets", NULL, test_endless_tickets);
  ADD ("/lt/sync/hostile/endless/entry-cap", GINT_TO_POINTER (FALSE), test_endless_other_caps);
  ADD ("/lt/sync/hostile/endless/byte-cap", GINT_TO_POINTER (TRUE), test_endless_other_caps);
  ADD ("/lt/sync/hostile/repeated-cursor/maintenance", API "/maintenance-windows", test_repeated_cursor);
  ADD ("/lt/sync/hostile/repeated-cursor/tickets", API "/tickets", test_repeated_cursor);
  ADD ("/lt/sync/hostile/run-deadline", GINT_TO_POINTER (FALSE), test_run_deadline);
  ADD ("/lt/sync/hostile/run-cancel", GINT_TO_POINTER (TRUE), test_run_deadline);
  ADD ("/lt/sync/hostile/id/detail-mismatch", NULL, test_detail_id_mismatch);
  ADD ("/lt/sync/hostile/events-page/bad-event", "bad-event", test_events_page_refused);
  ADD ("/lt/sync/hostile/events-page/no-events", "no-events", test_events_page_refused);
  ADD ("/lt/sync/hostile/events-page/oversized", "oversized", test_events_page_refused);
  ADD ("/lt/sync/hostile/id/create-collision", NULL, test_create_id_collision);
  ADD ("/lt/sync/hostile/id/action-mismatch", NULL, test_action_id_mismatch);
  g_test_add_func ("/lt/sync/hostile/portal-origin", test_portal_origin);
  ADD ("/lt/sync/hostile/store-switch", NULL, test_store_switch);
  ADD ("/lt/sync/hostile/switch-portal", NULL, test_switch_portal);
  ADD ("/lt/sync/hostile/unreachable-binds-nothing", NULL, test_unreachable_binds_nothing);
  ADD ("/lt/sync/hostile/cli-switch-portal", NULL, test_cli_switch_portal);

  return g_test_run ();
}
