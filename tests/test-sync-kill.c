/* test-sync-kill.c: `ltsupport sync` killed with SIGKILL at random moments
 *
 * 120 rounds against one profile and one devportal: file one or two
 * tickets here, start `ltsupport --profile DIR --portal URL sync` with the
 * token in LTSUPPORT_TOKEN, SIGKILL it after a random delay (fixed seed),
 * wait. Then one clean sync, and: every ticket exists on the portal
 * exactly once (by idempotency key and by title), none is lost or left
 * unsent locally, and the token is in no output, log or database file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-cli.h"
#include "lt-test-util.h"
#include "lt-test-sync-util.h"

#include "lt-credentials.h"
#include "lt-store-private.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>

#define N_ROUNDS      120
#define SEED          20261126
/* The longest kill delay: the delays are drawn within one measured
 * uninterrupted run (start-up, the push and the pull), at most this. */
#define MAX_DELAY_MS  300
/* The whole test must stay well inside the suite's patience. */
#define TIME_BUDGET_S 90.0

static GSubprocess *
spawn_sync (LtSyncFixture *f,
            int            log_fd)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;
  const char *ltsupport = g_getenv ("LTSUPPORT");

  g_assert_nonnull (ltsupport);
  g_subprocess_launcher_setenv (launcher, LT_CREDENTIALS_TOKEN_ENV, LT_TEST_SYNC_TOKEN, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LTSUPPORT_PORTAL");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_take_stdout_fd (launcher, dup (log_fd));
  g_subprocess_launcher_take_stderr_fd (launcher, dup (log_fd));
  process = g_subprocess_launcher_spawn (launcher, &error, ltsupport,
                                         "--profile", f->profile,
                                         "--portal", lt_test_devportal_get_url (f->portal),
                                         "sync", NULL);
  g_assert_no_error (error);
  return process;
}

/* Title -> how many tickets the portal lists with it. */
static GHashTable *
count_portal_titles (LtSyncFixture *f,
                     guint         *total)
{
  GHashTable *titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;

  *total = 0;
  do
    {
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, TRUE) : NULL;
      g_autofree char *path = escaped != NULL
        ? g_strdup_printf ("/api/v1/tickets?limit=100&cursor=%s", escaped)
        : g_strdup ("/api/v1/tickets?limit=100");
      g_autoptr(JsonNode) page = lt_test_devportal_request (f->portal, "GET", path, NULL);
      JsonObject *object = json_node_get_object (page);
      JsonArray *items = json_object_get_array_member (object, "items");

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          const char *title = json_object_get_string_member (json_array_get_object_element (items, i),
                                                             "title");
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (titles, title));

          g_hash_table_replace (titles, g_strdup (title), GUINT_TO_POINTER (n + 1));
          (*total)++;
        }
      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (object, "next_cursor"))
        cursor = g_strdup (json_object_get_string_member (object, "next_cursor"));
    }
  while (cursor != NULL);

  return titles;
}

static void
test_kill (void)
{
  LtSyncFixture fixture;
  LtSyncFixture *f = &fixture;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) portal_titles = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *portal_log = NULL;
  guint counts[LT_OUTBOX_N_STATES] = { 0 };
  guint n_killed = 0;
  guint n_portal = 0;
  guint run_ms;
  int log_fd;

  lt_sync_fixture_setup (f, FALSE);
  log_path = g_build_filename (f->profile, "ltsupport.log", NULL);
  log_fd = g_open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  g_assert_cmpint (log_fd, >=, 0);

  /* Kills must land during runs on any machine: the delays are drawn
   * within the time one uninterrupted run of a typical batch takes here. */
  {
    g_autoptr(GSubprocess) process = NULL;
    g_autoptr(GTimer) run_timer = NULL;

    for (guint j = 0; j < 2; j++)
      {
        g_autofree char *title = g_strdup_printf ("kill-warmup-%u", j);

        g_ptr_array_add (keys, lt_sync_fixture_file_ticket (f, title));
        g_ptr_array_add (titles, g_steal_pointer (&title));
      }
    run_timer = g_timer_new ();
    process = spawn_sync (f, log_fd);
    g_subprocess_wait_check (process, NULL, &error);
    g_assert_no_error (error);
    run_ms = (guint) CLAMP (g_timer_elapsed (run_timer, NULL) * 1000, 20, MAX_DELAY_MS);
    g_test_message ("an uninterrupted sync run takes %u ms here", run_ms);
  }

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      g_autoptr(GSubprocess) process = NULL;
      guint n_new = (guint) g_rand_int_range (rand, 1, 3);
      guint delay_ms = (guint) g_rand_int_range (rand, 0, (gint32) run_ms);

      for (guint j = 0; j < n_new; j++)
        {
          g_autofree char *title = g_strdup_printf ("kill-%03u-%u", round, j);
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          /* The children use the real clock: file with it too. */
          g_date_time_unref (f->now);
          f->now = g_steal_pointer (&now);
          g_ptr_array_add (keys, lt_sync_fixture_file_ticket (f, title));
          g_ptr_array_add (titles, g_steal_pointer (&title));
        }

      process = spawn_sync (f, log_fd);
      g_usleep (delay_ms * 1000);
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      if (g_subprocess_get_if_signaled (process))
        n_killed++;
      else
        /* A run that finished before the kill must have succeeded. */
        g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
    }
  g_test_message ("%u of %u runs were killed; %u tickets filed", n_killed, N_ROUNDS, keys->len);
  /* The kills must land during runs, not only after them, and the runs
   * must have got far enough to deliver something. */
  g_assert_cmpuint (n_killed, >=, N_ROUNDS / 4);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), >, 0);
  {
    g_autoptr(JsonNode) stats = lt_test_devportal_request (f->portal, "GET", "/_dev/stats", NULL);
    JsonArray *stored = json_object_get_array_member (json_node_get_object (stats), "idempotency_keys");
    gint64 replays = 0;

    for (guint i = 0; i < json_array_get_length (stored); i++)
      replays += json_object_get_int_member (json_array_get_object_element (stored, i), "replays");
    g_test_message ("%u tickets delivered before the clean run, %" G_GINT64_FORMAT
                    " answered as replays (killed between the portal's answer and the commit)",
                    json_array_get_length (stored), replays);
  }

  /* One clean run. */
  {
    g_autoptr(GSubprocess) process = spawn_sync (f, log_fd);

    g_subprocess_wait (process, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_exited (process));
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  }
  close (log_fd);

  /* Every ticket on the portal exactly once. */
  portal_titles = count_portal_titles (f, &n_portal);
  g_assert_cmpuint (n_portal, ==, keys->len);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, keys->len);
  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(LtTicket) ticket = NULL;
      const char *title = g_ptr_array_index (titles, i);

      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (portal_titles, title)), ==, 1);
      g_assert_cmpuint (lt_test_devportal_key_count (f->portal, g_ptr_array_index (keys, i), NULL), ==, 1);

      /* And here: not lost, linked to its portal id. */
      ticket = lt_sync_fixture_ticket (f, g_ptr_array_index (keys, i));
      g_assert_nonnull (ticket);
      g_assert_nonnull (lt_ticket_get_id (ticket));
      g_assert_cmpstr (lt_ticket_get_title (ticket), ==, title);
    }
  g_assert_cmpuint (lt_store_count_tickets (f->store, NULL), ==, keys->len);
  lt_outbox_count (f->outbox, counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_PENDING], ==, 0);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_SENDING], ==, 0);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_FAILED], ==, 0);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_SENT], ==, keys->len);

  /* The token is nowhere: the children's output, our logs, the database
   * and its log, the portal's log. */
  lt_test_assert_file_lacks (log_path, LT_TEST_SYNC_TOKEN);
  g_assert_false (lt_test_logs_contain (LT_TEST_SYNC_TOKEN));
  lt_test_assert_file_lacks (f->db_path, LT_TEST_SYNC_TOKEN);
  wal_path = g_strconcat (f->db_path, "-wal", NULL);
  lt_test_assert_file_lacks (wal_path, LT_TEST_SYNC_TOKEN);
  portal_log = g_build_filename (lt_test_devportal_get_dir (f->portal), "devportal.log", NULL);
  lt_test_assert_file_lacks (portal_log, LT_TEST_SYNC_TOKEN);

  g_test_message ("%.1f s", g_timer_elapsed (timer, NULL));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, TIME_BUDGET_S);
  lt_sync_fixture_teardown (f);
}

/* ---- Two filers and a syncer on one profile --------------------------------- */

#define CONCURRENT_FILINGS 15
#define CONCURRENT_SYNCS   20

typedef struct
{
  LtSyncFixture *f;
  const char    *name;          /* "A", "B" or "sync" */
  guint          left;
  guint          done;
  GPtrArray     *keys;          /* shared: every key a filer reported */
  GPtrArray     *failures;      /* shared: what went wrong, for the assertion */
  guint         *running;
  char          *description;
} Lane;

static void lane_next (Lane *lane);

static void
lane_command_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Lane *lane = user_data;
  GSubprocess *process = G_SUBPROCESS (source);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (process, result, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    g_ptr_array_add (lane->failures,
                     g_strdup_printf ("%s #%u exited %d: %s", lane->name, lane->done,
                                      g_subprocess_get_exit_status (process), err));
  else if (g_strcmp0 (lane->name, "sync") != 0)
    {
      /* The command's words, for its schema (lane_next() has the rest). */
      const char * const args[] = { "ticket", "file", "--yes", "--json", NULL };
      LtTestCliRun run = { 0, out, err, 0 };
      g_autoptr(JsonObject) object = NULL;

      lt_test_cli_check_json (args, &run);
      object = lt_test_cli_json_object (out);
      g_ptr_array_add (lane->keys, g_strdup (json_object_get_string_member (object, "local_id")));
    }
  g_object_unref (process);
  lane->done++;
  lane_next (lane);
}

static void
lane_next (Lane *lane)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GSubprocess *process;
  const char *url = lt_test_devportal_get_url (lane->f->portal);

  if (lane->left == 0)
    {
      (*lane->running)--;
      g_main_context_wakeup (NULL);
      return;
    }
  lane->left--;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, LT_CREDENTIALS_TOKEN_ENV, LT_TEST_SYNC_TOKEN, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LTSUPPORT_PORTAL");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  if (g_strcmp0 (lane->name, "sync") == 0)
    process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LTSUPPORT"),
                                           "--profile", lane->f->profile, "--portal", url,
                                           "sync", NULL);
  else
    {
      title = g_strdup_printf ("concurrent-%s-%02u", lane->name, lane->done);
      process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LTSUPPORT"),
                                             "--profile", lane->f->profile, "--portal", url,
                                             "ticket", "file", "--title", title,
                                             "--category", "troubleshooting",
                                             "--severity", "s3", "--version", "3.5.1",
                                             "--description-file", lane->description,
                                             "--yes", "--json", NULL);
    }
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, lane_command_cb, lane);
}

/* Issue 10, point 5: every start of `ltsupport` put the other processes'
 * items in flight back to pending, so 47 of 200 keys were POSTed twice and
 * syncs exited 1 with "There is no outbox item … waiting to be sent". Two
 * filers (each `ticket file` pushes the outbox at once) and a syncer run
 * side by side on one profile; every key reaches the portal once, never
 * replayed, and every command succeeds. */
static void
test_concurrent_senders (void)
{
  LtSyncFixture fixture;
  LtSyncFixture *f = &fixture;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  guint counts[LT_OUTBOX_N_STATES] = { 0 };
  gint64 replays_total = 0;
  guint running = 3;
  Lane lanes[] = {
    { f, "A", CONCURRENT_FILINGS, 0, keys, failures, &running, NULL },
    { f, "B", CONCURRENT_FILINGS, 0, keys, failures, &running, NULL },
    { f, "sync", CONCURRENT_SYNCS, 0, keys, failures, &running, NULL },
  };

  lt_sync_fixture_setup (f, FALSE);
  description = g_build_filename (f->profile, "description.txt", NULL);
  g_assert_true (g_file_set_contents (description, "Filed by two processes at once.\n", -1, NULL));

  /* The account first: filing needs its primary technical contact. */
  lanes[2].left = 1;
  lanes[2].description = description;
  running = 1;
  lane_next (&lanes[2]);
  while (running > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (failures->len, ==, 0);

  running = 3;
  lanes[2].left = CONCURRENT_SYNCS;
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    {
      lanes[i].description = description;
      lane_next (&lanes[i]);
    }
  while (running > 0)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < failures->len; i++)
    g_test_message ("%s", (const char *) g_ptr_array_index (failures, i));
  g_assert_cmpuint (failures->len, ==, 0);
  g_assert_cmpuint (keys->len, ==, 2 * CONCURRENT_FILINGS);

  /* What a push left behind (a key claimed when the run ended) goes out
   * with one more sync. */
  lanes[2].left = 1;
  running = 1;
  lane_next (&lanes[2]);
  while (running > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (failures->len, ==, 0);

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autoptr(LtTicket) ticket = NULL;
      gint64 replays = -1;

      g_assert_cmpuint (lt_test_devportal_key_count (f->portal, key, &replays), ==, 1);
      replays_total += replays;
      ticket = lt_sync_fixture_ticket (f, key);
      g_assert_nonnull (ticket);
      g_assert_nonnull (lt_ticket_get_id (ticket));
    }
  g_test_message ("%u keys, %" G_GINT64_FORMAT " replays", keys->len, replays_total);
  g_assert_cmpint (replays_total, ==, 0);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, keys->len);
  lt_outbox_count (f->outbox, counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_SENT], ==, keys->len);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_PENDING] + counts[LT_OUTBOX_STATE_SENDING] +
                    counts[LT_OUTBOX_STATE_FAILED], ==, 0);
  lt_sync_fixture_teardown (f);
}

/* ---- The commands themselves ------------------------------------------------ */

/* The harness's run (tests/lt-test-cli.h), with $LTSUPPORT_PORTAL set to
 * @portal_env for this one; returns the exit status. */
static int
run_ltsupport (const char * const  *argv,
               const char          *portal_env,
               const char          *stdin_text,
               char               **out,
               char               **err)
{
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_setenv ("LTSUPPORT_PORTAL", portal_env);
  lt_test_cli_run_argv (&run, stdin_text, -1, argv);
  lt_test_cli_setenv ("LTSUPPORT_PORTAL", NULL);
  *out = g_steal_pointer (&run.out);
  *err = g_steal_pointer (&run.err);
  return run.status;
}

/* --portal wins over LTSUPPORT_PORTAL, which wins over the saved setting and the
 * built-in default (never the policy's contacts.portal);
 * --json reports what was sent. */
static void
test_cli_sync_portal_precedence (void)
{
  LtSyncFixture fixture;
  LtSyncFixture *f = &fixture;
  g_autofree char *key = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *url;
  int status;

  lt_sync_fixture_setup (f, FALSE);
  key = lt_sync_fixture_file_ticket (f, "From the command line");
  url = lt_test_devportal_get_url (f->portal);

  /* The variable alone: nothing listens there. */
  {
    const char * const argv[] = { "--profile", f->profile, "sync", "--json", NULL };

    status = run_ltsupport (argv, "http://127.0.0.1:9", NULL, &out, &err);
    g_assert_cmpint (status, ==, 1);
    g_clear_pointer (&object, json_object_unref);
    object = lt_test_cli_json_object (out);
    g_assert_cmpstr (json_object_get_string_member (object, "portal"), ==, "http://127.0.0.1:9");
    g_assert_false (json_object_get_boolean_member (object, "ok"));
    g_assert_cmpint (json_object_get_int_member (object, "retry"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (object, "sent"), ==, 0);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --portal wins over it: the run reaches the devportal and succeeds;
   * the item waits for its back-off (30 s) after the failed attempt. */
  {
    const char * const argv[] = { "--profile", f->profile, "--portal", url, "sync", "--json", NULL };
    g_autoptr(LtOutboxItem) item = lt_sync_fixture_item (f, key);

    g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);
    status = run_ltsupport (argv, "http://127.0.0.1:9", NULL, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_clear_pointer (&object, json_object_unref);
    object = lt_test_cli_json_object (out);
    g_assert_cmpstr (json_object_get_string_member (object, "portal"), ==, url);
    g_assert_true (json_object_get_boolean_member (object, "ok"));
    /* Not due yet: sent by a later run. */
    g_assert_cmpint (json_object_get_int_member (object, "sent"), ==, 0);
    g_assert_cmpuint (lt_test_devportal_key_count (f->portal, key, NULL), ==, 0);
  }

  g_assert_null (strstr (out, LT_TEST_SYNC_TOKEN));
  g_assert_null (strstr (err, LT_TEST_SYNC_TOKEN));
  lt_sync_fixture_teardown (f);
}

/* login reads the token from standard input and never shows it; without
 * a keyring it says how to use LTSUPPORT_TOKEN instead. */
static void
test_cli_login_no_echo (void)
{
  const char * const argv[] = { "--portal", "http://127.0.0.1:9", "login", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *input = g_strconcat (LT_TEST_SYNC_TOKEN, "\n", NULL);
  int status;

  status = run_ltsupport (argv, NULL, input, &out, &err);
  g_assert_null (strstr (out, LT_TEST_SYNC_TOKEN));
  g_assert_null (strstr (err, LT_TEST_SYNC_TOKEN));
  if (status != 0)
    {
      g_assert_cmpint (status, ==, 2);
      g_assert_nonnull (strstr (err, "LTSUPPORT_TOKEN"));
    }

  /* A token with a space would corrupt the header: refused, not quoted. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_ltsupport (argv, NULL, "two words\n", &out, &err);
  g_assert_cmpint (status, ==, 2);
  g_assert_null (strstr (err, "two words"));

  /* Nothing on standard input. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run_ltsupport (argv, NULL, "", &out, &err);
  g_assert_cmpint (status, ==, 2);
}

/* `outbox discard` of an item a running `sync` is sending (the portal
 * holds the POST for two seconds): refused with exit 1, the item is
 * delivered once and the local ticket gets its portal id. Before, the
 * discard's own start put the item back to pending, the discard deleted it
 * (exit 0), the ticket still reached the portal, the local copy stayed
 * queued for ever and the sync exited 1. */
static void
test_discard_in_flight (void)
{
  LtSyncFixture fixture;
  LtSyncFixture *f = &fixture;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) sync = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 deadline;
  gint64 replays = -1;

  lt_sync_fixture_setup (f, FALSE);
  key = lt_sync_fixture_file_ticket (f, "discarded while in flight");
  lt_test_devportal_add_fault (f->portal, "{\"delay_ms\": 2000, \"method\": \"POST\", \"count\": 1}");

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, LT_CREDENTIALS_TOKEN_ENV, LT_TEST_SYNC_TOKEN, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LTSUPPORT_PORTAL");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  sync = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LTSUPPORT"),
                                      "--profile", f->profile,
                                      "--portal", lt_test_devportal_get_url (f->portal),
                                      "sync", NULL);
  g_assert_no_error (error);

  /* Until the sync has claimed it. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  do
    {
      g_clear_object (&item);
      g_usleep (20000);
      item = lt_sync_fixture_item (f, key);
    }
  while (lt_outbox_item_get_state (item) != LT_OUTBOX_STATE_SENDING &&
         g_get_monotonic_time () < deadline);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_SENDING);

  {
    const char * const argv[] = { "--profile", f->profile, "outbox", "discard", key, NULL };

    g_assert_cmpint (run_ltsupport (argv, NULL, NULL, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "being sent right now"));
  }

  g_subprocess_wait (sync, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (sync));
  g_assert_cmpint (g_subprocess_get_exit_status (sync), ==, 0);

  g_clear_object (&item);
  item = lt_sync_fixture_item (f, key);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_SENT);
  ticket = lt_sync_fixture_ticket (f, key);
  g_assert_nonnull (lt_ticket_get_id (ticket));
  g_assert_cmpint (lt_ticket_get_state (ticket), ==, LT_TICKET_STATE_SUBMITTED);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, key, &replays), ==, 1);
  g_assert_cmpint (replays, ==, 0);
  lt_sync_fixture_teardown (f);
}

/* ---- A damaged support.db (issue 10, point 8) --------------------------------- */

static guint
root_page (const char *path,
           const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;
  guint page;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = (guint) sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return page;
}

/* Overwrites page @page (1-based) of the closed database @path. */
static void
overwrite_page (const char *path,
                guint       page)
{
  g_autoptr(GBytes) bytes = lt_test_read_bytes (path);
  gsize size = g_bytes_get_size (bytes);
  g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  guint page_size = ((guint) data[16] << 8) | data[17];

  g_assert_cmpuint (page, >, 1);
  g_assert_cmpuint ((gsize) page * page_size, <=, size);
  memset (data + (gsize) (page - 1) * page_size, 0xa5, page_size);
  lt_test_write_bytes (path, data, size);
}

static char *
kept_file (const char *profile)
{
  g_autoptr(GDir) dir = g_dir_open (profile, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, LT_STORE_FILE_NAME ".corrupt-") &&
        !g_str_has_suffix (name, "-wal") && !g_str_has_suffix (name, "-shm"))
      return g_build_filename (profile, name, NULL);
  return NULL;
}

/* Files three tickets offline, closes the store (the log is checkpointed
 * into the file) and overwrites the root page of @object. */
static GPtrArray *
file_three_and_damage (LtSyncFixture *f,
                       const char    *object)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);

  lt_sync_fixture_setup (f, FALSE);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("damaged-%s-%u", object, i);

      g_ptr_array_add (keys, lt_sync_fixture_file_ticket (f, title));
    }
  g_clear_object (&f->sync);
  g_clear_object (&f->outbox);
  g_clear_object (&f->store);
  overwrite_page (f->db_path, root_page (f->db_path, object));
  return keys;
}

/* The three tickets reach the portal once each, never replayed, and are
 * linked here to their portal ids; the new file is sound. */
static void
assert_delivered_once (LtSyncFixture *f,
                       GPtrArray     *keys)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  f->store = lt_store_open (f->db_path, &notice, &error);
  g_assert_no_error (error);
  g_assert_no_error (notice);
  f->outbox = lt_outbox_new (f->store);
  g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (f->store), "PRAGMA integrity_check", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autoptr(LtTicket) ticket = lt_sync_fixture_ticket (f, key);
      g_autoptr(LtOutboxItem) item = lt_sync_fixture_item (f, key);
      gint64 replays = -1;

      g_assert_cmpuint (lt_test_devportal_key_count (f->portal, key, &replays), ==, 1);
      g_assert_cmpint (replays, ==, 0);
      g_assert_nonnull (ticket);
      g_assert_nonnull (lt_ticket_get_id (ticket));
      g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_SENT);
    }
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, keys->len);
}

/* One page of an index overwritten: the next start sets the file aside,
 * rebuilds every table from it and loses nothing; the three tickets filed
 * offline go out with the next sync. Before, the start began empty and
 * they never reached the portal. */
static void
test_damaged_index_page (void)
{
  LtSyncFixture fixture;
  LtSyncFixture *f = &fixture;
  g_autoptr(GPtrArray) keys = file_three_and_damage (f, "tickets_opened");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char * const argv[] = { "--profile", f->profile, "--portal",
                                lt_test_devportal_get_url (f->portal), "sync", NULL };

  g_assert_cmpint (run_ltsupport (argv, NULL, NULL, &out, &err), ==, 0);
  assert_delivered_once (f, keys);
  g_assert_nonnull (strstr (err, "damaged indexes"));
  g_assert_nonnull (strstr (err, "nothing was lost"));
  lt_sync_fixture_teardown (f);
}

/* The page of the tickets table overwritten: the ticket rows are lost,
 * the outbox is read out of the kept file into the new one, and the
 * tickets still reach the portal once (their rows come back with the
 * answers). `outbox import` of the kept file is idempotent: here it adds
 * nothing, into a fresh profile it adds the three once. */
static void
test_damaged_table_page (void)
{
  LtSyncFixture fixture;
  LtSyncFixture *f = &fixture;
  g_autoptr(GPtrArray) keys = file_three_and_damage (f, "tickets");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *other = g_build_filename (f->profile, "other", NULL);
  const char *url = lt_test_devportal_get_url (f->portal);
  g_autoptr(JsonArray) items = NULL;

  {
    const char * const argv[] = { "--profile", f->profile, "outbox", "list", "--json", NULL };

    g_assert_cmpint (run_ltsupport (argv, NULL, NULL, &out, &err), ==, 0);
    items = lt_test_cli_json_items (out);
    g_assert_cmpuint (json_array_get_length (items), ==, 3);
    for (guint i = 0; i < 3; i++)
      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i), "key"),
                       ==, g_ptr_array_index (keys, i));
    g_assert_nonnull (strstr (err, "3 changes not yet sent"));
  }
  kept = kept_file (f->profile);
  g_assert_nonnull (kept);

  /* Already recovered: importing the kept file adds nothing. */
  {
    const char * const argv[] = { "--profile", f->profile, "outbox", "import", kept, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_ltsupport (argv, NULL, NULL, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Queued 0 actions"));
    g_assert_nonnull (strstr (out, "3 were here already"));
  }

  /* Into another profile: three, then none. */
  for (guint round = 0; round < 2; round++)
    {
      const char * const argv[] = { "--profile", other, "outbox", "import", kept, NULL };

      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (run_ltsupport (argv, NULL, NULL, &out, &err), ==, 0);
      g_assert_nonnull (strstr (out, round == 0 ? "Queued 3 actions" : "Queued 0 actions"));
    }
  {
    const char * const argv[] = { "--profile", other, "outbox", "list", "--state", "pending",
                                  "--json", NULL };
    g_autoptr(JsonArray) pending = NULL;

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_ltsupport (argv, NULL, NULL, &out, &err), ==, 0);
    pending = lt_test_cli_json_items (out);
    g_assert_cmpuint (json_array_get_length (pending), ==, 3);
  }

  {
    const char * const argv[] = { "--profile", f->profile, "--portal", url, "sync", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_ltsupport (argv, NULL, NULL, &out, &err), ==, 0);
  }
  assert_delivered_once (f, keys);
  lt_sync_fixture_teardown (f);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);
  lt_test_capture_logs ();
  /* The token by variable, and no keyring, for every run of ltsupport. */
  lt_test_cli_setenv (LT_CREDENTIALS_TOKEN_ENV, LT_TEST_SYNC_TOKEN);

  g_test_add_func ("/lt/sync/kill/exactly-once", test_kill);
  g_test_add_func ("/lt/sync/concurrent/exactly-once", test_concurrent_senders);
  g_test_add_func ("/lt/sync/concurrent/discard-in-flight", test_discard_in_flight);
  g_test_add_func ("/lt/sync/damaged/index-page", test_damaged_index_page);
  g_test_add_func ("/lt/sync/damaged/table-page", test_damaged_table_page);
  g_test_add_func ("/lt/sync/cli/portal-precedence", test_cli_sync_portal_precedence);
  g_test_add_func ("/lt/sync/cli/login-no-echo", test_cli_login_no_echo);

  return g_test_run ();
}
