/* test-hostile-portal.c: the real ltsupport against a portal that misbehaves
 *
 * docs/reliability.md, "Hostile portal and local hazards": each case turns
 * one fault switch of the real devportal on (`/_dev/faults`, docs/portal.md:
 * a status, a cut connection, or a hostile `answer`), with a ticket waiting
 * in the profile's outbox, and runs `ltsupport sync` (and what an admin
 * would run next). It checks what a person and the data would see:
 *
 * - the command ends by itself, within its time, without a signal, with
 *   the exit status and a message that says what happened;
 * - the database passes `PRAGMA integrity_check` and the outbox still
 *   holds the ticket (pending until the portal took it, never lost,
 *   never failed by a fault that was not the portal's verdict);
 * - the token went to the portal's origin only: a second loopback server
 *   stands for "another origin" and must never see an Authorization
 *   header;
 * - nothing the portal sent reaches the terminal as control characters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-hostile-portal"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "lt-test-cli.h"
#include "lt-test-util.h"
#include "lt-test-devportal.h"
#include "lt-test-server.h"

#define TOKEN "ltTok-hostile-5d1e0c9a77b24f31"

/* ---- running ltsupport -------------------------------------------------- */

/* Runs ltsupport through the harness (tests/lt-test-cli.h), killed after
 * @limit seconds (which fails the test); whatever the portal sent, the
 * token is never printed back. */
#define RUN(run, limit, ...) \
  G_STMT_START { \
    lt_test_cli_set_time_limit (limit); \
    lt_test_cli_run ((run), __VA_ARGS__, NULL); \
    lt_test_cli_set_time_limit (0); \
    g_assert_null (strstr ((run)->out, TOKEN)); \
    g_assert_null (strstr ((run)->err, TOKEN)); \
  } G_STMT_END

/* No byte of C0 (but the line breaks and tabs a listing uses) or C1, nor
 * ESC in any form, reaches the terminal. */
static void
assert_no_controls (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\t')
        continue;
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
        {
          g_test_message ("control character U+%04X in the output: %s", c, text);
          g_assert_not_reached ();
        }
    }
}

/* ---- the profile ---------------------------------------------------------- */

typedef struct
{
  LtTestDevportal *portal;
  LtTestServer    *elsewhere;   /* another origin: must never get the token */
  char            *profile;
  char            *db_path;
  char            *description;
} Fixture;

/* Time passes: the item's back-off and any hold the portal asked for
 * are over (as they would be, minutes later). */
static void
let_time_pass (const char *db_path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE outbox SET next_attempt_at = 0 WHERE state = 'pending';"
                                 "DELETE FROM sync_state WHERE resource = 'portal-hold';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  static guint n_profiles;
  g_autofree char *name = g_strdup_printf ("profile-%u", ++n_profiles);
  g_auto(LtTestCliRun) run = { 0 };

  if (g_getenv ("LT_DEVPORTAL") == NULL)
    return;

  f->portal = lt_test_devportal_start (TOKEN, FALSE);
  f->elsewhere = lt_test_server_new (NULL);
  f->profile = g_build_filename (g_get_user_cache_dir (), name, NULL);
  f->db_path = g_build_filename (f->profile, "support.db", NULL);
  f->description = g_build_filename (g_get_user_cache_dir (), "description.txt", NULL);
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (f->description,
                                      "Since the upgrade the console shows an error on login.\n",
                                      -1, NULL));

  /* A first, clean sync gives the profile its account and contact; then
   * a ticket is filed while the portal is down, so that every case starts
   * with one item waiting in the outbox. */
  RUN (&run, 60, "--profile", f->profile, "--portal", lt_test_devportal_get_url (f->portal), "sync");
  g_assert_cmpint (run.status, ==, 0);
  lt_test_devportal_add_fault (f->portal, "{\"status\": 503, \"retry_after\": 0, \"method\": \"POST\", \"count\": 1}");
  RUN (&run, 60, "--profile", f->profile, "--portal", lt_test_devportal_get_url (f->portal),
       "ticket", "file", "--title", "Login error after upgrade", "--category", "troubleshooting",
       "--severity", "s3", "--description-file", f->description);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (strstr (run.out, "Queued") != NULL);
  lt_test_devportal_clear_faults (f->portal);
  let_time_pass (f->db_path);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->portal, lt_test_devportal_free);
  g_clear_pointer (&f->elsewhere, lt_test_server_free);
  g_free (f->profile);
  g_free (f->db_path);
  g_free (f->description);
}

static char *
query_text (const char *db_path,
            const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

/* The database is whole and the filed ticket's outbox item is in @state. */
static void
assert_store (Fixture    *f,
              const char *state)
{
  g_autofree char *check = query_text (f->db_path, "PRAGMA integrity_check");
  g_autofree char *item = query_text (f->db_path,
                                      "SELECT state FROM outbox WHERE kind = 'ticket.create'");

  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpstr (item, ==, state);
}

static void
assert_token_stayed_home (Fixture *f)
{
  guint n = lt_test_server_get_request_count (f->elsewhere);
  g_autoptr(LtTestRequest) last = lt_test_server_dup_last_request (f->elsewhere);

  /* Nothing the portal says makes the client call another origin with
   * the token; the version probe aside, nothing calls it at all. */
  if (last != NULL)
    g_assert_null (soup_message_headers_get_one (last->headers, "Authorization"));
  g_assert_cmpuint (n, ==, 0);
}

/* ---- the cases ------------------------------------------------------------ */

typedef enum
{
  PUSH,   /* the fault meets the ticket's POST */
  PULL,   /* the push goes through; the fault meets a GET of the pull */
} Stage;

typedef struct
{
  Stage        stage;
  const char  *path;          /* for PULL: the GET that misbehaves */
  const char  *fault;         /* the switch's other members, JSON */
  gboolean     elsewhere;     /* "location" is the other origin */
  int          exit_status;   /* of the sync */
  const char  *message;       /* in its standard error (NULL: not checked) */
  const char  *item_state;    /* the ticket's outbox item afterwards */
  guint        limit;         /* seconds the sync may take */
} HostileCase;

static char *
fault_json (Fixture           *f,
            const HostileCase *hc)
{
  g_autoptr(GString) json = g_string_new ("{");

  if (hc->stage == PUSH)
    g_string_append (json, "\"method\": \"POST\", \"path_prefix\": \"/api/v1/tickets\"");
  else
    g_string_append_printf (json, "\"method\": \"GET\", \"path_prefix\": \"%s\"", hc->path);
  if (hc->elsewhere)
    g_string_append_printf (json, ", \"location\": \"%s\"", lt_test_server_get_url (f->elsewhere));
  g_string_append_printf (json, ", %s}", hc->fault);
  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
test_case (Fixture       *f,
           gconstpointer  data)
{
  const HostileCase *hc = data;
  g_autofree char *fault = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  if (f->portal == NULL)
    {
      g_test_skip ("the reference portal is not built (-Ddevportal=false)");
      return;
    }

  fault = fault_json (f, hc);
  lt_test_devportal_add_fault (f->portal, fault);
  RUN (&run, hc->limit, "--profile", f->profile, "--portal", lt_test_devportal_get_url (f->portal), "sync");
  g_assert_cmpint (run.status, ==, hc->exit_status);
  if (hc->message != NULL)
    g_assert_nonnull (strstr (run.err, hc->message));
  g_assert_cmpuint (run.seconds, <=, hc->limit);
  assert_no_controls (run.err);
  assert_no_controls (run.out);
  assert_store (f, hc->item_state);
  assert_token_stayed_home (f);

  /* The portal well again, the next sync delivers the ticket exactly
   * once and ends cleanly. */
  lt_test_devportal_clear_faults (f->portal);
  let_time_pass (f->db_path);
  RUN (&run, 60, "--profile", f->profile, "--portal", lt_test_devportal_get_url (f->portal), "sync");
  g_assert_cmpint (run.status, ==, 0);
  assert_store (f, "sent");
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 1);
  assert_token_stayed_home (f);
}

/* A portal that takes a filed ticket and then never finishes answering:
 * `ticket file` gives up after its push deadline and says the ticket is
 * queued; the next sync delivers it once. */
static void
test_file_push (Fixture       *f,
                gconstpointer  data)
{
  const char *answer = data;
  g_autofree char *fault = NULL;
  g_autofree char *unsent = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  if (f->portal == NULL)
    {
      g_test_skip ("the reference portal is not built (-Ddevportal=false)");
      return;
    }

  /* Deliver the setup's ticket first: the push below is the only one. */
  RUN (&run, 60, "--profile", f->profile, "--portal", lt_test_devportal_get_url (f->portal), "sync");
  g_assert_cmpint (run.status, ==, 0);

  fault = g_strdup_printf ("{\"method\": \"POST\", \"path_prefix\": \"/api/v1/tickets\","
                           " \"answer\": \"%s\", \"count\": 1}", answer);
  lt_test_devportal_add_fault (f->portal, fault);
  RUN (&run, 40, "--profile", f->profile, "--portal", lt_test_devportal_get_url (f->portal),
       "ticket", "file", "--title", "Filed into silence", "--category", "troubleshooting",
       "--severity", "s3", "--description-file", f->description);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Queued (offline)"));
  g_assert_cmpfloat (run.seconds, <, 30);
  unsent = query_text (f->db_path, "SELECT group_concat (state) FROM outbox"
                      " WHERE kind = 'ticket.create' AND state <> 'sent'");
  g_assert_cmpstr (unsent, ==, "pending");

  let_time_pass (f->db_path);
  RUN (&run, 60, "--profile", f->profile, "--portal", lt_test_devportal_get_url (f->portal), "sync");
  g_assert_cmpint (run.status, ==, 0);
  /* The portal had filed it before it fell silent: the retry with the
   * same key is a replay, not a second ticket. */
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 2);
  assert_token_stayed_home (f);
}

/* The portal's text is shown, never obeyed: a sync of tickets whose
 * titles, descriptions and comments carry terminal escapes, then every
 * command that prints them. */
static void
test_escapes (Fixture       *f,
              gconstpointer  data)
{
  g_auto(LtTestCliRun) run = { 0 };
  g_autofree char *id = NULL;

  if (f->portal == NULL)
    {
      g_test_skip ("the reference portal is not built (-Ddevportal=false)");
      return;
    }

  /* The ticket's create answer and every page of the pull. */
  lt_test_devportal_add_fault (f->portal, "{\"path_prefix\": \"/api/v1/\", \"answer\": \"escapes\"}");
  RUN (&run, 60, "--profile", f->profile, "--portal", lt_test_devportal_get_url (f->portal), "sync");
  g_assert_cmpint (run.status, ==, 0);
  assert_no_controls (run.out);
  assert_no_controls (run.err);

  id = query_text (f->db_path, "SELECT id FROM tickets WHERE id IS NOT NULL");
  g_assert_nonnull (id);
  RUN (&run, 30, "--profile", f->profile, "ticket", "list");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Login error after upgrade"));
  assert_no_controls (run.out);
  RUN (&run, 30, "--profile", f->profile, "ticket", "show", id);
  g_assert_cmpint (run.status, ==, 0);
  assert_no_controls (run.out);
  RUN (&run, 30, "--profile", f->profile, "maintenance", "list");
  assert_no_controls (run.out);
  assert_no_controls (run.err);
}

/* The policy the portal serves names another portal: the admin's choice
 * stands, the token never goes there, not by the sync and not by the
 * next command that names no portal. */
static void
test_portal_contact (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *fault = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  if (f->portal == NULL)
    {
      g_test_skip ("the reference portal is not built (-Ddevportal=false)");
      return;
    }

  fault = g_strdup_printf ("{\"method\": \"GET\", \"path_prefix\": \"/api/v1/policy\","
                           " \"answer\": \"portal-contact\", \"location\": \"%s\"}",
                           lt_test_server_get_url (f->elsewhere));
  lt_test_devportal_add_fault (f->portal, fault);
  RUN (&run, 60, "--profile", f->profile, "--portal", lt_test_devportal_get_url (f->portal), "sync");
  g_assert_cmpint (run.status, ==, 0);
  assert_store (f, "sent");

  RUN (&run, 60, "--profile", f->profile, "ticket", "file", "--title", "Second ticket",
       "--category", "troubleshooting", "--severity", "s3", "--description-file", f->description);
  RUN (&run, 60, "--profile", f->profile, "sync");
  assert_token_stayed_home (f);
}

/* Held before this page existed; each still holds. */
static const HostileCase push_html = {
  PUSH, NULL, "\"answer\": \"html\"", FALSE, 1, "text/html", "pending", 60
};
static const HostileCase push_huge = {
  PUSH, NULL, "\"answer\": \"huge\"", FALSE, 1, "more than the limit", "pending", 60
};
static const HostileCase push_endless = {
  PUSH, NULL, "\"answer\": \"endless\"", FALSE, 1, NULL, "pending", 60
};
static const HostileCase push_redirect = {
  PUSH, NULL, "\"answer\": \"redirect\"", TRUE, 1, "302", "pending", 60
};
static const HostileCase push_reset = {
  PUSH, NULL, "\"drop_connection\": true", FALSE, 1, NULL, "pending", 60
};
static const HostileCase push_truncated = {
  PUSH, NULL, "\"truncate\": true", FALSE, 1, NULL, "pending", 60
};
static const HostileCase push_401 = {
  PUSH, NULL, "\"status\": 401", FALSE, 2, "sign in again", "pending", 60
};
static const HostileCase push_429_odd = {
  PUSH, NULL, "\"status\": 429, \"retry_after_text\": \"soon, maybe\"", FALSE, 1, NULL, "pending", 60
};
static const HostileCase push_503_negative = {
  PUSH, NULL, "\"status\": 503, \"retry_after_text\": \"-40\"", FALSE, 1, NULL, "pending", 60
};
static const HostileCase pull_deep = {
  PULL, "/api/v1/account", "\"answer\": \"deep\"", FALSE, 1, NULL, "sent", 60
};
static const HostileCase pull_bad_utf8 = {
  PULL, "/api/v1/account", "\"answer\": \"bad-utf8\"", FALSE, 1, NULL, "sent", 60
};
static const HostileCase pull_html = {
  PULL, "/api/v1/tickets", "\"answer\": \"html\"", FALSE, 1, "text/html", "sent", 60
};
static const HostileCase pull_403 = {
  PULL, "/api/v1/account", "\"status\": 403", FALSE, 1, "403", "sent", 60
};
static const HostileCase pull_redirect = {
  PULL, "/api/v1/maintenance-windows", "\"answer\": \"redirect\"", TRUE, 1, "302", "sent", 60
};
/* Found by the review of issue 10; each failed before its fix. */
static const HostileCase pull_ancient_date = {
  PULL, "/api/v1/tickets", "\"answer\": \"ancient-date\"", FALSE, 1, "outside the supported range", "sent", 60
};
static const HostileCase pull_endless_cursor = {
  PULL, "/api/v1/maintenance-windows", "\"answer\": \"endless-cursor\"", FALSE, 1, "did not end after 2000 pages", "sent", 120
};
static const HostileCase pull_duplicate_member = {
  PULL, "/api/v1/account", "\"answer\": \"duplicate-member\"", FALSE, 1, "appears more than once", "sent", 60
};
static const HostileCase pull_repeat_cursor = {
  PULL, "/api/v1/tickets", "\"answer\": \"repeat-cursor\"", FALSE, 1, "page cursor it had sent before", "sent", 60
};

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);
  lt_test_cli_setenv ("LTSUPPORT_TOKEN", TOKEN);

#define ADD(path, data, func) \
  g_test_add ("/lt/hostile-portal/" path, Fixture, data, setup, func, teardown)

  ADD ("push/html", &push_html, test_case);
  ADD ("push/huge", &push_huge, test_case);
  ADD ("push/endless", &push_endless, test_case);
  ADD ("push/redirect", &push_redirect, test_case);
  ADD ("push/reset", &push_reset, test_case);
  ADD ("push/truncated", &push_truncated, test_case);
  ADD ("push/401", &push_401, test_case);
  ADD ("push/429-odd-retry-after", &push_429_odd, test_case);
  ADD ("push/503-negative-retry-after", &push_503_negative, test_case);
  ADD ("pull/deep", &pull_deep, test_case);
  ADD ("pull/bad-utf8", &pull_bad_utf8, test_case);
  ADD ("pull/html", &pull_html, test_case);
  ADD ("pull/403", &pull_403, test_case);
  ADD ("pull/redirect", &pull_redirect, test_case);
  ADD ("pull/ancient-date", &pull_ancient_date, test_case);
  ADD ("pull/endless-cursor", &pull_endless_cursor, test_case);
  ADD ("pull/repeat-cursor", &pull_repeat_cursor, test_case);
  ADD ("pull/duplicate-member", &pull_duplicate_member, test_case);
  ADD ("file/silent", "silent", test_file_push);
  ADD ("file/slow-drip", "slow-drip", test_file_push);
  ADD ("escapes", NULL, test_escapes);
  ADD ("portal-contact", NULL, test_portal_contact);

  return g_test_run ();
}
