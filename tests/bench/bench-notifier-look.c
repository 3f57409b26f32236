/* bench-notifier-look.c: the longest stall of the main loop during the
 * notifier's first look, on the main thread against in a worker thread
 *
 * Each run copies the profile's database (a first look records an alert
 * per breached ticket, so every run starts from the same untouched file),
 * opens it in an LtContext as the application does, waits for the ticket
 * list (read in a worker, as the application's first look waits for it),
 * and then looks once, alternately:
 *
 *   - main: lt_notifier_check() from an idle callback, the whole look on
 *     the main thread (the application's first look before issue 15);
 *   - worker: lt_notifier_check_in_worker(), the reading and computing in
 *     a worker thread, the records and deliveries on the main thread (a
 *     slice of LT_NOTIFIER_RECORDS_PER_SLICE records a turn);
 *   - none: no look, the main loop left alone for a second: the floor,
 *     what the machine's load alone makes of a 1 ms timer's gaps.
 *
 * Meanwhile a 1 ms timeout notes every turn of the main loop; a run's
 * stall is the longest gap between two turns from the look's start to
 * 100 ms after its end (a frame at 60 Hz is 16.7 ms). Also printed: the
 * look's wall time from start to recorded, and the alerts delivered (the
 * same in both modes, else the run is refused).
 *
 * The profile is bench-ticket-list.c's (run-bench.sh makes it); the
 * notifier reads the build tree's settings schema (GSETTINGS_SCHEMA_DIR,
 * GSETTINGS_BACKEND=memory, as run-bench.sh exports them). No display.
 *
 *   bench-notifier-look --profile DIR [--runs N] [--now ISO8601] [--looked]
 *
 * --looked: a restart rather than a profile's first look ever: the copy
 * each run starts from was looked at once before (same instant), so the
 * look finds every alert recorded already.
 *
 * Prints RESULT lines in run-bench.sh's form:
 *   RESULT notifier-look-stall <worker median ms> <main median ms> ms
 *   RESULT notifier-look-stall-max <worker max ms> <main max ms> ms
 *   RESULT notifier-look-wall <worker median ms> <main median ms> ms
 *   RESULT notifier-idle-stall <none median ms> <none max ms> ms
 * With --looked the keys begin "notifier-restart-" instead of "notifier-"
 * (notifier-restart-look-stall), so that make bench reads both runs.
 *
 *   bench-notifier-look --profile DIR --input-memory [--runs N] [--now ISO8601]
 *
 * --input-memory (by hand, not in make bench): the memory and time of a
 * look's reading and computing alone, each run in a process of its own
 * on the profile opened read-only, alternated: all the tickets at once
 * (lt_store_load_alert_input() and lt_alerts_compute(), the look before
 * its batches) and a batch at a time (lt_store_stream_alert_input() into
 * an LtAlertCollector, LT_NOTIFIER_LOOK_TICKET_BATCH, as the notifier
 * looks). Prints per run the time, what stays resident once the input is
 * freed (GLib 2.74's slice allocator keeps what it held) and the peak,
 * both above the resident size before the look, then the medians.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-notifier-look"

#include "config.h"

#include "bench-util.h"
#include "lt-context.h"
#include "lt-notifier-private.h"
#include "lt-store-alerts.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

typedef enum
{
  MODE_MAIN,
  MODE_WORKER,
  MODE_NONE,
} Mode;

static const char * const mode_names[] = { "main", "worker", "none" };

typedef struct
{
  gint64   last_turn;
  gint64   longest_gap;
  gboolean watching;
} Turns;

static gboolean
turn_cb (gpointer user_data)
{
  Turns *turns = user_data;
  gint64 now = g_get_monotonic_time ();

  if (turns->watching)
    turns->longest_gap = MAX (turns->longest_gap, now - turns->last_turn);
  turns->last_turn = now;
  return G_SOURCE_CONTINUE;
}

static void
iterate_for (gint64 usec)
{
  gint64 until = g_get_monotonic_time () + usec;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  LtNotifier *notifier;
  gboolean    done;
} Check;

static gboolean
check_cb (gpointer user_data)
{
  Check *check = user_data;

  lt_notifier_check (check->notifier);
  check->done = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
copy_profile (const char  *from_dir,
              const char  *to_dir,
              GError     **error)
{
  static const char * const suffixes[] = { "", "-wal" };

  if (g_mkdir_with_parents (to_dir, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create %s", to_dir);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat ("support.db", suffixes[i], NULL);
      g_autofree char *from_path = g_build_filename (from_dir, name, NULL);
      g_autofree char *to_path = g_build_filename (to_dir, name, NULL);
      g_autoptr(GFile) from = g_file_new_for_path (from_path);
      g_autoptr(GFile) to = g_file_new_for_path (to_path);

      if (i > 0 && !g_file_query_exists (from, NULL))
        continue;
      if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static void
remove_copy (const char *dir)
{
  g_autofree char *db = g_build_filename (dir, "support.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);

  g_unlink (db);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* One first look over a fresh copy of @profile. Returns FALSE on error. */
static gboolean
run_once (const char *profile,
          const char *scratch,
          GDateTime  *now,
          Mode        mode,
          double     *stall_ms,
          double     *wall_ms,
          gint64     *n_alerts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtClock) clock = lt_clock_new_fixed (now);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr(LtContext) context = NULL;
  g_autoptr(LtNotifier) notifier = NULL;
  g_autofree char *path = g_build_filename (scratch, "support.db", NULL);
  Turns turns = { 0 };
  LtTicketList *tickets;
  guint ticker;
  gint64 started;
  gint64 ended;

  if (!copy_profile (profile, scratch, &error))
    {
      g_printerr ("Copying the profile: %s\n", error->message);
      return FALSE;
    }
  context = lt_context_new (clock, settings, &error);
  if (context == NULL || !lt_context_open_store (context, path, &error))
    {
      g_printerr ("Opening %s: %s\n", path, error->message);
      return FALSE;
    }
  tickets = lt_context_get_tickets (context);
  while (tickets != NULL && lt_ticket_list_get_loading (tickets))
    g_main_context_iteration (NULL, TRUE);
  notifier = lt_notifier_new (context, NULL);

  ticker = g_timeout_add (1, turn_cb, &turns);
  iterate_for (100 * 1000);
  turns.watching = TRUE;
  started = g_get_monotonic_time ();
  if (mode == MODE_WORKER)
    {
      lt_notifier_check_in_worker (notifier);
      while (lt_notifier_get_looking (notifier))
        g_main_context_iteration (NULL, TRUE);
    }
  else if (mode == MODE_MAIN)
    {
      Check check = { notifier, FALSE };

      /* As the application made its first look: an idle callback. */
      g_idle_add_full (G_PRIORITY_LOW, check_cb, &check, NULL);
      while (!check.done)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    {
      iterate_for (G_USEC_PER_SEC);
    }
  ended = g_get_monotonic_time ();
  iterate_for (100 * 1000);
  g_source_remove (ticker);

  *stall_ms = turns.longest_gap / 1000.0;
  *wall_ms = (ended - started) / 1000.0;
  {
    g_autoptr(GPtrArray) standing = lt_store_list_standing_alerts (lt_context_get_store (context),
                                                                   &error);

    if (standing == NULL)
      {
        g_printerr ("Reading the alerts: %s\n", error->message);
        return FALSE;
      }
    *n_alerts = standing->len;
  }
  return TRUE;
}

static const char * const input_looks[] = { "all", "batched" };

static void
collect_batch (GPtrArray *tickets,
               gpointer   user_data)
{
  LtAlertCollector *collector = ((gpointer *) user_data)[0];
  const LtAlertInput *input = ((gpointer *) user_data)[1];

  lt_alert_collector_add_tickets (collector, input, tickets);
}

/* One look's reading and computing, @how ("all" or "batched"); prints
 * the resident KiB before, after and at the peak, the milliseconds and
 * the alerts. */
static int
input_look (const char *profile,
            GDateTime  *now,
            const char *how)
{
  g_autofree char *path = g_build_filename (profile, "support.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = lt_store_open_read_only (path, &error);
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_auto(LtAlertInput) input = { 0 };
  gint64 rss_before;
  gint64 started;
  double ms;
  FILE *clear_refs;

  if (store == NULL || (policy = lt_policy_new_default (&error)) == NULL)
    {
      g_printerr ("Opening %s: %s\n", path, error->message);
      return 2;
    }
  rss_before = lt_bench_vm_rss_kib ();
  /* The peak counts from here (proc(5), clear_refs). */
  clear_refs = fopen ("/proc/self/clear_refs", "w");
  if (clear_refs != NULL)
    {
      fputs ("5", clear_refs);
      fclose (clear_refs);
    }
  started = g_get_monotonic_time ();
  if (g_strcmp0 (how, "batched") == 0)
    {
      g_autoptr(LtAlertCollector) collector = lt_alert_collector_new (now);
      gpointer data[] = { collector, &input };

      if (!lt_store_stream_alert_input (store, policy, NULL, now, NULL,
                                        LT_NOTIFIER_LOOK_TICKET_BATCH, collect_batch, data,
                                        &input, &error))
        {
          g_printerr ("Reading: %s\n", error->message);
          return 2;
        }
      alerts = lt_alert_collector_finish (collector, &input, NULL);
    }
  else
    {
      if (!lt_store_load_alert_input (store, policy, NULL, now, NULL, &input, &error))
        {
          g_printerr ("Reading: %s\n", error->message);
          return 2;
        }
      alerts = lt_alerts_compute (&input, now, NULL);
    }
  lt_alert_input_clear (&input);
  ms = (g_get_monotonic_time () - started) / 1000.0;
  g_print ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %.1f %u\n",
           rss_before, lt_bench_vm_rss_kib (), lt_bench_vm_hwm_kib (), ms, alerts->len);
  return 0;
}

/* --input-memory: input_look() of each kind in a child process, alternated. */
static int
input_memory (const char *profile,
              GDateTime  *now,
              int         runs)
{
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  GArray *walls[] = { g_array_new (FALSE, FALSE, sizeof (double)),
                      g_array_new (FALSE, FALSE, sizeof (double)) };
  GArray *kept[] = { g_array_new (FALSE, FALSE, sizeof (double)),
                     g_array_new (FALSE, FALSE, sizeof (double)) };
  GArray *peaks[] = { g_array_new (FALSE, FALSE, sizeof (double)),
                      g_array_new (FALSE, FALSE, sizeof (double)) };
  guint alerts[] = { G_MAXUINT, G_MAXUINT };

  for (int run = 0; run < runs * 2; run++)
    {
      guint how = run % 2;
      const char *argv[] = { "/proc/self/exe", "--profile", profile, "--now", now_text,
                             "--input-look", input_looks[how], NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      gint64 before = 0, after = 0, peak = 0;
      double ms = 0, kept_mib, peak_mib;
      guint n_alerts = 0;
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                         &status, &error) ||
          !g_spawn_check_wait_status (status, &error) ||
          sscanf (out, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %lf %u",
                  &before, &after, &peak, &ms, &n_alerts) != 5)
        {
          g_printerr ("A look of %s failed: %s\n", input_looks[how],
                      error != NULL ? error->message : out);
          return 2;
        }
      if (alerts[how] != G_MAXUINT && alerts[how] != n_alerts)
        {
          g_printerr ("The runs found different alerts\n");
          return 2;
        }
      alerts[how] = n_alerts;
      kept_mib = (after - before) / 1024.0;
      peak_mib = (peak - before) / 1024.0;
      g_array_append_val (walls[how], ms);
      g_array_append_val (kept[how], kept_mib);
      g_array_append_val (peaks[how], peak_mib);
      g_print ("run %d %s: %.1f ms, resident %+.1f MiB after, peak %+.1f MiB, %u alerts\n",
               run / 2 + 1, input_looks[how], ms, kept_mib, peak_mib, n_alerts);
    }
  if (alerts[0] != alerts[1])
    {
      g_printerr ("All at once found %u alerts, in batches %u\n", alerts[0], alerts[1]);
      return 2;
    }
  for (guint how = 0; how < 2; how++)
    {
      g_print ("median %s: %.1f ms, resident %+.1f MiB after, peak %+.1f MiB\n", input_looks[how],
               lt_bench_median (walls[how]), lt_bench_median (kept[how]),
               lt_bench_median (peaks[how]));
      g_array_unref (walls[how]);
      g_array_unref (kept[how]);
      g_array_unref (peaks[how]);
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *profile = NULL;
  g_autofree char *now_text = NULL;
  int runs = 6;
  gboolean looked = FALSE;
  gboolean memory = FALSE;
  g_autofree char *input_how = NULL;
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile, "bench-ticket-list's profile", "DIR" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each mode (default 6)", "N" },
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text, "The look's instant", "ISO8601" },
    { "looked", 0, 0, G_OPTION_ARG_NONE, &looked, "A profile looked at before (a restart)", NULL },
    { "input-memory", 0, 0, G_OPTION_ARG_NONE, &memory,
      "The memory of reading and computing, all at once against in batches", NULL },
    { "input-look", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &input_how,
      "One look of --input-memory (all, batched)", "HOW" },
    { NULL }
  };
  g_autoptr(GOptionContext) options = g_option_context_new ("- the notifier's first look");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GArray) main_stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) worker_stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) none_stalls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) main_walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) worker_walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) none_walls = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *stalls[] = { main_stalls, worker_stalls, none_stalls };
  GArray *walls[] = { main_walls, worker_walls, none_walls };
  g_autofree char *scratch_root = NULL;
  gint64 alerts[] = { -1, -1, -1 };
  const char *key_prefix;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || profile == NULL || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "--profile DIR is needed");
      return 2;
    }
  key_prefix = looked ? "notifier-restart" : "notifier";
  now = g_date_time_new_from_iso8601 (now_text != NULL ? now_text : "2026-12-07T15:00:00Z", NULL);
  if (now == NULL)
    {
      g_printerr ("--now: not an instant\n");
      return 2;
    }
  if (input_how != NULL)
    return input_look (profile, now, input_how);
  if (memory)
    return input_memory (profile, now, runs);

  scratch_root = g_dir_make_tmp ("bench-notifier-look-XXXXXX", &error);
  if (scratch_root == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  /* A restart: the profile as the previous process left it, every alert
   * of the instant recorded; the look records nothing new. */
  if (looked)
    {
      g_autofree char *prepared = g_strdup_printf ("%s/looked", scratch_root);
      double stall_ms = 0;
      double wall_ms = 0;
      gint64 n_alerts = 0;

      if (!run_once (profile, prepared, now, MODE_MAIN, &stall_ms, &wall_ms, &n_alerts))
        return 2;
      g_print ("looked at before: %" G_GINT64_FORMAT " alerts\n", n_alerts);
      g_free (profile);
      profile = g_steal_pointer (&prepared);
    }

  /* Alternated, so that the machine's load weighs on both alike. */
  for (int run = 0; run < runs * 3; run++)
    {
      Mode mode = (Mode) (run % 3);
      g_autofree char *scratch = g_strdup_printf ("%s/run-%d", scratch_root, run);
      double stall_ms = 0;
      double wall_ms = 0;
      gint64 n_alerts = 0;

      if (!run_once (profile, scratch, now, mode, &stall_ms, &wall_ms, &n_alerts))
        return 2;
      g_array_append_val (stalls[mode], stall_ms);
      g_array_append_val (walls[mode], wall_ms);
      g_print ("run %d %s: longest stall %.1f ms, look %.1f ms, %" G_GINT64_FORMAT " alerts\n",
               run / 3 + 1, mode_names[mode], stall_ms, wall_ms, n_alerts);
      if (mode != MODE_NONE && alerts[mode] >= 0 && alerts[mode] != n_alerts)
        {
          g_printerr ("The runs recorded different alerts\n");
          return 2;
        }
      if (mode != MODE_NONE)
        alerts[mode] = n_alerts;
      remove_copy (scratch);
    }
  if (looked)
    remove_copy (profile);
  g_rmdir (scratch_root);
  if (alerts[0] != alerts[1])
    {
      g_printerr ("The main thread's look recorded %" G_GINT64_FORMAT " alerts, the worker's %"
                  G_GINT64_FORMAT "\n", alerts[0], alerts[1]);
      return 2;
    }

  g_print ("RESULT %s-look-stall %.1f %.1f ms\n", key_prefix,
           lt_bench_median (stalls[MODE_WORKER]), lt_bench_median (stalls[MODE_MAIN]));
  g_print ("RESULT %s-look-stall-max %.1f %.1f ms\n", key_prefix,
           lt_bench_maximum (stalls[MODE_WORKER]), lt_bench_maximum (stalls[MODE_MAIN]));
  g_print ("RESULT %s-look-wall %.1f %.1f ms\n", key_prefix,
           lt_bench_median (walls[MODE_WORKER]), lt_bench_median (walls[MODE_MAIN]));
  g_print ("RESULT %s-idle-stall %.1f %.1f ms\n", key_prefix,
           lt_bench_median (stalls[MODE_NONE]), lt_bench_maximum (stalls[MODE_NONE]));
  return 0;
}
