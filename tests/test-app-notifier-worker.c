/* test-app-notifier-worker.c: the notifier's look in a worker thread
 *
 * lt_notifier_check_in_worker() reads what is due and runs the engine on
 * a reader of the store in a worker thread, then records and delivers on
 * the main thread (docs/app.md, "What a look costs"). Its answer is the
 * same as the look on the main thread (lt_notifier_check()) over the demo
 * customer's profile at several instants; the main loop turns while it
 * reads; a change the store announces while it reads brings one more
 * look, and a resume drops what it read. More records than a turn of the
 * main loop should write are recorded a slice a turn. The worker gives
 * what the look freed back to the system (malloc_trim(), wrapped at link
 * time), the main thread never.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-notifier-worker"

#include "config.h"

#include "lt-app-demo-data.h"
#include "lt-app-test-util.h"
#include "lt-notifier-private.h"
#include "lt-store-maintenance-windows.h"
#include "lt-store-private.h"
#include "lt-test-store.h"
#include "lt-test-util.h"

#include <malloc.h>

#define BREACHED_TICKETS 2000

/* malloc_trim() calls, by the main thread and by others (meson.build
 * links this test with --wrap=malloc_trim). */
static GThread *main_thread;
static gint trims_on_main;
static gint trims_elsewhere;

int __real_malloc_trim (size_t pad);
int __wrap_malloc_trim (size_t pad);

int
__wrap_malloc_trim (size_t pad)
{
  g_atomic_int_inc (g_thread_self () == main_thread ? &trims_on_main : &trims_elsewhere);
  return __real_malloc_trim (pad);
}

static void
looking_changed_cb (LtNotifier *notifier,
                    GParamSpec *pspec,
                    gboolean   *done)
{
  *done = !lt_notifier_get_looking (notifier);
}

/* Waits until no look runs in the worker (nor follows it). */
static void
wait_looked (LtNotifier *notifier)
{
  gboolean done = !lt_notifier_get_looking (notifier);
  gulong handler = g_signal_connect (notifier, "notify::looking",
                                     G_CALLBACK (looking_changed_cb), &done);

  g_assert_true (lt_app_test_wait_for (&done, 60000));
  g_signal_handler_disconnect (notifier, handler);
  g_assert_false (lt_notifier_get_looking (notifier));
}

/* Every record of the alerts table, one line each, in key order. */
static char *
dup_records (LtStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) lines = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (store),
                                       "SELECT key, kind, subject, due_at, recorded_at, delivery, "
                                       "withdrawn_at FROM alerts ORDER BY key",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (lines, "%s%s", i > 0 ? " | " : "",
                                sqlite3_column_type (stmt, i) == SQLITE_NULL
                                  ? "-" : (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (lines, '\n');
    }
  return g_string_free (g_steal_pointer (&lines), FALSE);
}

static char *
dup_away (LtNotifier *notifier)
{
  GPtrArray *away = lt_notifier_get_away (notifier);
  g_autoptr(GString) keys = g_string_new (NULL);

  for (guint i = 0; i < away->len; i++)
    g_string_append_printf (keys, "%s\n", ((LtAlert *) g_ptr_array_index (away, i))->key);
  return g_string_free (g_steal_pointer (&keys), FALSE);
}

static void
set_now (LtClock    *clock,
         const char *now)
{
  g_autoptr(GDateTime) instant = lt_test_instant (now);

  lt_clock_set_now (clock, instant);
}

/* The demo customer's profile, copied before anything looked at it: one
 * notifier looks on the main thread, the other in the worker, at the same
 * instants, with a kind switched off; the records (keys, kinds, due
 * times, deliveries, withdrawals) and the summaries are the same. */
static void
test_same_as_main_thread (LtAppFixture  *f,
                          gconstpointer  data)
{
  static const char * const instants[] = {
    LT_APP_DEMO_NOW,
    "2026-11-30T21:30:00Z",
    "2026-12-01T14:05:00Z",
    "2026-12-03T16:00:00Z",
    "2026-12-10T15:00:00Z",
    "2027-01-05T15:00:00Z",
  };
  const char * const off[] = { "invoice-overdue", NULL };
  LtStore *store;
  g_autofree char *dir = NULL;
  g_autofree char *copy_path = NULL;
  g_autofree char *vacuum = NULL;
  g_autoptr(LtContext) other = NULL;
  g_autoptr(LtNotifier) on_main = NULL;
  g_autoptr(LtNotifier) in_worker = NULL;
  g_autoptr(GError) error = NULL;

  lt_app_fixture_setup_demo (f, LT_APP_DEMO_NOW);
  store = lt_context_get_store (f->context);
  g_assert_true (g_settings_set_strv (f->settings, "notifications-off", off));

  dir = g_path_get_dirname (lt_store_get_path (store));
  copy_path = g_build_filename (dir, "copy.db", NULL);
  vacuum = g_strdup_printf ("VACUUM INTO '%s'", copy_path);
  g_assert_true (lt_store_exec (store, vacuum, &error));
  g_assert_no_error (error);
  other = lt_context_new (f->clock, f->settings, &error);
  g_assert_no_error (error);
  g_assert_true (lt_context_open_store (other, copy_path, &error));
  g_assert_no_error (error);
  lt_app_test_wait_tickets_read (other);

  on_main = lt_notifier_new (f->context, NULL);
  in_worker = lt_notifier_new (other, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (instants); i++)
    {
      g_autofree char *records = NULL;
      g_autofree char *worker_records = NULL;
      g_autofree char *away = NULL;
      g_autofree char *worker_away = NULL;

      set_now (f->clock, instants[i]);
      lt_notifier_check (on_main);
      lt_notifier_check_in_worker (in_worker);
      g_assert_true (lt_notifier_get_looking (in_worker));
      wait_looked (in_worker);

      records = dup_records (store);
      worker_records = dup_records (lt_context_get_store (other));
      away = dup_away (on_main);
      worker_away = dup_away (in_worker);
      g_test_message ("%s:\n%s", instants[i], records);
      g_assert_cmpstr (worker_records, ==, records);
      g_assert_cmpstr (worker_away, ==, away);
      if (i == 0)
        {
          /* The profile has something to tell at once, and the kind
           * switched off is recorded as muted. */
          g_assert_cmpuint (strlen (away), >, 0);
          g_assert_nonnull (strstr (records, "| muted |"));
        }
    }
}

/* A profile of @n triaged S3 tickets opened at @opened and never
 * answered. */
static void
add_unanswered_tickets (LtStore    *store,
                        guint       n,
                        const char *opened)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GError) error = NULL;

  tx = lt_store_begin (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("LT-%06u", 500000 + i);

      lt_test_store_add_ticket_naming (store, id, NULL, "7.4.2", opened);
    }
  g_assert_true (lt_store_transaction_commit (tx, &error));
  g_assert_no_error (error);
}

typedef struct
{
  LtAppFixture *fixture;
  LtNotifier   *notifier;
  guint         turns_while_looking;  /* main loop turns before the look was recorded */
  gboolean      change;               /* announce a maintenance window at the first turn */
  gboolean      resume;               /* resume at the first turn */
} Turns;

static gint64
count_alerts (LtStore    *store,
              const char *kind)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM alerts WHERE kind = '%s'", kind);

  return lt_test_store_query_int (store, sql);
}

/* An emergency window announced now, starting in 65 minutes: an alert at
 * once (§10). */
static void
announce_emergency (LtAppFixture *f)
{
  g_autoptr(LtMaintenanceWindow) window = lt_maintenance_window_new ();
  g_autoptr(GDateTime) now = lt_clock_dup_now (f->clock);
  g_autoptr(GDateTime) starts = g_date_time_add_minutes (now, 65);
  g_autoptr(GDateTime) ends = g_date_time_add_minutes (now, 125);
  g_autoptr(GError) error = NULL;

  lt_maintenance_window_set_id (window, "MW-EMERGENCY-7");
  lt_maintenance_window_set_kind (window, LT_MAINTENANCE_KIND_EMERGENCY);
  lt_maintenance_window_set_title (window, "Emergency patch");
  lt_maintenance_window_set_starts_at (window, starts);
  lt_maintenance_window_set_ends_at (window, ends);
  lt_maintenance_window_set_announced_at (window, now);
  lt_maintenance_window_set_affects (window, LT_MAINTENANCE_AFFECTS_BOTH);
  g_assert_true (lt_store_upsert_maintenance_window (lt_context_get_store (f->context), window,
                                                     now, &error));
  g_assert_no_error (error);
}

/* Above the worker's completion (G_PRIORITY_DEFAULT), every millisecond:
 * when both are ready this one runs first, so it counts a turn unless the
 * worker read and judged 2,000 tickets within a millisecond. Not an idle:
 * that would always be ready and starve the completion. */
static gboolean
turn_cb (gpointer user_data)
{
  Turns *turns = user_data;
  LtStore *store = lt_context_get_store (turns->fixture->context);

  if (!lt_notifier_get_looking (turns->notifier))
    return G_SOURCE_CONTINUE;
  if (count_alerts (store, "sla-breached") == 0)
    turns->turns_while_looking++;
  if (turns->turns_while_looking == 1 && turns->change)
    announce_emergency (turns->fixture);
  if (turns->turns_while_looking == 1 && turns->resume)
    lt_notifier_resumed (turns->notifier);
  return G_SOURCE_CONTINUE;
}

/* @n_breached tickets, breached at the fixture's instant (2026-12-07,
 * 10:00 at the vendor), and a look in the worker that @turns watches. A
 * resume needs a notifier that has caught up: it looks once first, at an
 * empty profile, and the tickets are opened after that look and breached
 * a fortnight later, which a look tells as news unless a resume began in
 * between. */
static void
run_look (LtAppFixture *f,
          Turns        *turns)
{
  LtStore *store;
  guint turner;

  lt_app_fixture_setup (f, "2026-12-07T15:00:00Z", TRUE);
  store = lt_context_get_store (f->context);
  turns->fixture = f;
  turns->notifier = lt_notifier_new (f->context, NULL);
  lt_notifier_set_looks_in_worker (turns->notifier, TRUE);
  if (turns->resume)
    {
      lt_notifier_check (turns->notifier);
      add_unanswered_tickets (store, BREACHED_TICKETS, "2026-12-07T15:30:00Z");
      set_now (f->clock, "2026-12-21T15:00:00Z");
    }
  else
    {
      add_unanswered_tickets (store, BREACHED_TICKETS, "2026-11-02T15:00:00Z");
    }

  lt_notifier_check_in_worker (turns->notifier);
  g_assert_true (lt_notifier_get_looking (turns->notifier));
  /* Nothing is recorded before the main loop turns again. */
  g_assert_cmpint (count_alerts (store, "sla-breached"), ==, 0);
  turner = g_timeout_add_full (G_PRIORITY_HIGH, 1, turn_cb, turns, NULL);
  wait_looked (turns->notifier);
  /* @turns lives on the test's stack. */
  g_clear_handle_id (&turner, g_source_remove);
  lt_app_test_flush ();
}

/* The main loop turns while the worker reads 2,000 tickets and judges
 * their SLA; the records come after. */
static void
test_main_loop_turns (LtAppFixture  *f,
                      gconstpointer  data)
{
  Turns turns = { NULL, };

  run_look (f, &turns);

  g_test_message ("%u turns of the main loop during the look", turns.turns_while_looking);
  g_assert_cmpuint (turns.turns_while_looking, >, 0);
  g_assert_cmpint (count_alerts (lt_context_get_store (f->context), "sla-breached"), ==,
                   BREACHED_TICKETS);
  g_clear_object (&turns.notifier);
}

/* A window announced while the worker reads (a store change it may not
 * have seen): one more look follows, which records it. */
static void
test_change_during_look (LtAppFixture  *f,
                         gconstpointer  data)
{
  LtStore *store;
  Turns turns = { .change = TRUE };

  run_look (f, &turns);
  store = lt_context_get_store (f->context);

  g_assert_cmpuint (turns.turns_while_looking, >, 0);
  g_assert_cmpint (count_alerts (store, "sla-breached"), ==, BREACHED_TICKETS);
  g_assert_cmpint (count_alerts (store, "maintenance"), ==, 1);
  g_clear_object (&turns.notifier);
}

/* A resume while the worker reads: what it read began before the sleep,
 * where these breaches are news; it is dropped, and the resume's own look
 * records every breach once, as missed while away. */
static void
test_resume_during_look (LtAppFixture  *f,
                         gconstpointer  data)
{
  LtStore *store;
  Turns turns = { .resume = TRUE };

  run_look (f, &turns);
  store = lt_context_get_store (f->context);

  g_assert_cmpuint (turns.turns_while_looking, >, 0);
  g_assert_cmpint (count_alerts (store, "sla-breached"), ==, BREACHED_TICKETS);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM alerts "
                                                   "WHERE delivery = 'summarised'"),
                   ==, BREACHED_TICKETS);
  g_assert_cmpuint (lt_notifier_get_away (turns.notifier)->len, ==, BREACHED_TICKETS);
  g_clear_object (&turns.notifier);
}

/* A source that never dispatches: its prepare counts the turns of the
 * main loop, without keeping it busy. */
typedef struct
{
  GSource source;
  guint   turns;
} TurnCounter;

static gboolean
turn_counter_prepare (GSource *source,
                      gint    *timeout)
{
  ((TurnCounter *) source)->turns++;
  *timeout = -1;
  return FALSE;
}

static GSourceFuncs turn_counter_funcs = { turn_counter_prepare, NULL, NULL, NULL, NULL, NULL };

/* What each commit of the store's connection wrote into the alerts table,
 * and at which turn of the main loop. */
typedef struct
{
  TurnCounter *counter;
  guint        inserted;   /* by the transaction not yet committed */
  GArray      *records;    /* guint: the alerts each commit recorded */
  GArray      *turns;      /* guint: the turn each of those commits came in */
} Commits;

static void
inserted_cb (void          *user_data,
             int            op,
             const char    *database,
             const char    *table,
             sqlite3_int64  rowid)
{
  Commits *commits = user_data;

  if (op == SQLITE_INSERT && g_str_equal (table, "alerts"))
    commits->inserted++;
}

static int
committed_cb (void *user_data)
{
  Commits *commits = user_data;

  if (commits->inserted > 0)
    {
      g_array_append_val (commits->records, commits->inserted);
      g_array_append_val (commits->turns, commits->counter->turns);
    }
  commits->inserted = 0;
  return 0;
}

/* The worker's answer for more breaches than a turn should record: the
 * main thread records them a slice a turn, each slice one commit of at
 * most LT_NOTIFIER_RECORDS_PER_SLICE records, the main loop turning in
 * between; every breach is recorded once. */
static void
test_applied_in_slices (LtAppFixture  *f,
                        gconstpointer  data)
{
  LtStore *store;
  sqlite3 *db;
  g_autoptr(LtNotifier) notifier = NULL;
  g_autoptr(GArray) records = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) turns = g_array_new (FALSE, FALSE, sizeof (guint));
  GSource *counter = g_source_new (&turn_counter_funcs, sizeof (TurnCounter));
  Commits commits = { (TurnCounter *) counter, 0, records, turns };
  guint total = 0;

  lt_app_fixture_setup (f, "2026-12-07T15:00:00Z", TRUE);
  store = lt_context_get_store (f->context);
  db = lt_store_get_db (store);
  add_unanswered_tickets (store, BREACHED_TICKETS, "2026-11-02T15:00:00Z");
  notifier = lt_notifier_new (f->context, NULL);
  g_source_attach (counter, NULL);
  sqlite3_update_hook (db, inserted_cb, &commits);
  sqlite3_commit_hook (db, committed_cb, &commits);

  lt_notifier_check_in_worker (notifier);
  wait_looked (notifier);

  sqlite3_commit_hook (db, NULL, NULL);
  sqlite3_update_hook (db, NULL, NULL);
  g_source_destroy (counter);
  g_source_unref (counter);

  g_assert_cmpuint (records->len, >=,
                    (BREACHED_TICKETS + LT_NOTIFIER_RECORDS_PER_SLICE - 1) / LT_NOTIFIER_RECORDS_PER_SLICE);
  for (guint i = 0; i < records->len; i++)
    {
      g_test_message ("commit %u: %u records at turn %u", i, g_array_index (records, guint, i),
                      g_array_index (turns, guint, i));
      g_assert_cmpuint (g_array_index (records, guint, i), <=, LT_NOTIFIER_RECORDS_PER_SLICE);
      if (i > 0)
        g_assert_cmpuint (g_array_index (turns, guint, i), >, g_array_index (turns, guint, i - 1));
      total += g_array_index (records, guint, i);
    }
  g_assert_cmpuint (total, ==, BREACHED_TICKETS);
  g_assert_cmpint (count_alerts (store, "sla-breached"), ==, BREACHED_TICKETS);
  /* Every breach missed before the watch began, told once. */
  g_assert_cmpuint (lt_notifier_get_away (notifier)->len, ==, BREACHED_TICKETS);
}

/* The first look in the worker at more breaches than a slice records:
 * the main thread asks for no fsync at all (each slice's commit leaves
 * its fsync, and the log's checkpoint, to a worker, docs/app.md "Where a
 * look runs"), and every breach is still recorded once and told once. */
static void
test_no_fsync_on_main_thread (LtAppFixture  *f,
                              gconstpointer  data)
{
  LtStore *store;
  g_autoptr(LtNotifier) notifier = NULL;
  guint syncs;

  lt_test_store_count_syncs ();
  lt_app_fixture_setup (f, "2026-12-07T15:00:00Z", TRUE);
  store = lt_context_get_store (f->context);
  add_unanswered_tickets (store, BREACHED_TICKETS, "2026-11-02T15:00:00Z");
  notifier = lt_notifier_new (f->context, NULL);
  syncs = lt_test_store_get_syncs (TRUE);

  lt_notifier_check_in_worker (notifier);
  wait_looked (notifier);

  g_assert_cmpuint (lt_test_store_get_syncs (TRUE), ==, syncs);
  g_assert_cmpint (count_alerts (store, "sla-breached"), ==, BREACHED_TICKETS);
  g_assert_cmpuint (lt_notifier_get_away (notifier)->len, ==, BREACHED_TICKETS);
}

/* A look in the worker at 2,000 breaches, then a restart's look at the
 * same (every alert computed again and dropped as recorded): each gives
 * what it freed back in the worker, and the main thread, which records,
 * never trims (docs/app.md, "A look gives its heap back"). */
static void
test_heap_given_back (LtAppFixture  *f,
                      gconstpointer  data)
{
  LtStore *store;
  g_autoptr(LtNotifier) notifier = NULL;
  g_autoptr(LtNotifier) restarted = NULL;

  lt_app_fixture_setup (f, "2026-12-07T15:00:00Z", TRUE);
  store = lt_context_get_store (f->context);
  add_unanswered_tickets (store, BREACHED_TICKETS, "2026-11-02T15:00:00Z");
  g_atomic_int_set (&trims_on_main, 0);
  g_atomic_int_set (&trims_elsewhere, 0);

  notifier = lt_notifier_new (f->context, NULL);
  lt_notifier_check_in_worker (notifier);
  wait_looked (notifier);
  g_assert_cmpint (count_alerts (store, "sla-breached"), ==, BREACHED_TICKETS);
  g_assert_cmpint (g_atomic_int_get (&trims_elsewhere), ==, 1);

  restarted = lt_notifier_new (f->context, NULL);
  lt_notifier_check_in_worker (restarted);
  wait_looked (restarted);
  g_assert_cmpint (count_alerts (store, "sla-breached"), ==, BREACHED_TICKETS);
  g_assert_cmpint (g_atomic_int_get (&trims_elsewhere), ==, 2);
  g_assert_cmpint (g_atomic_int_get (&trims_on_main), ==, 0);
}

static void
teardown (LtAppFixture  *f,
          gconstpointer  data)
{
  lt_app_fixture_teardown (f);
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);
  main_thread = g_thread_self ();

  g_test_add ("/lt/app/notifier/worker/same-as-main-thread", LtAppFixture, NULL, NULL,
              test_same_as_main_thread, teardown);
  g_test_add ("/lt/app/notifier/worker/main-loop-turns", LtAppFixture, NULL, NULL,
              test_main_loop_turns, teardown);
  g_test_add ("/lt/app/notifier/worker/change-during-look", LtAppFixture, NULL, NULL,
              test_change_during_look, teardown);
  g_test_add ("/lt/app/notifier/worker/resume-during-look", LtAppFixture, NULL, NULL,
              test_resume_during_look, teardown);
  g_test_add ("/lt/app/notifier/worker/applied-in-slices", LtAppFixture, NULL, NULL,
              test_applied_in_slices, teardown);
  g_test_add ("/lt/app/notifier/worker/no-fsync-on-main-thread", LtAppFixture, NULL, NULL,
              test_no_fsync_on_main_thread, teardown);
  g_test_add ("/lt/app/notifier/worker/heap-given-back", LtAppFixture, NULL, NULL,
              test_heap_given_back, teardown);

  return g_test_run ();
}
