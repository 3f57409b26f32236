/* bench-first-frame.c: start-up to first frame, and resident memory, of the
 * application with 100,000 tickets against a bare GtkWindow
 *
 * Spawns three programs alternately (the application, the bare window, and
 * the bare window after adw_init(): the floor of any libadwaita
 * application), the same way, with
 * LTSUPPORT_BENCH_FIRST_FRAME=1: each prints the monotonic time of its
 * first painted frame and its resident memory (tests/instrumented/lt-bench-hook.c,
 * compiled into both). Start-up is measured from just before the spawn to
 * that frame, so process creation, dynamic linking, GTK's start and the
 * application's own start-up (policy, store, the page shown) all count.
 * The application also says when its 100,000 tickets, read in a worker
 * thread after the window is up, are in (tickets-read). The memory baseline is the bare window's resident memory plus
 * the raw bytes of the ticket rows (every column of every row as sqlite
 * returns it): what the data itself weighs. Run it under Xvfb with
 * GDK_DEBUG=gl-disable (tests/bench/run-bench.sh does).
 *
 * Prints RESULT lines for run-bench.sh:
 *   RESULT <measure> <ours> <baseline> <unit>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-first-frame"

#include "config.h"

#include "bench-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef struct
{
  double  first_frame_ms;
  double  tickets_read_ms;   /* the application only; -1 for the baselines */
  gint64  first_frame_rss_kib;
  gint64  settled_rss_kib;
} Probe;

/* Every column of every ticket row as sqlite hands it out: text and blobs
 * by their bytes, numbers as 8 bytes, NULL as nothing. */
static gint64
raw_row_bytes (const char *db_path,
               gint64     *n_rows)
{
  sqlite3 *db = NULL;
  gint64 total = 0;

  *n_rows = 0;
  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_printerr ("%s: %s\n", db_path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return -1;
    }
  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    if (sqlite3_prepare_v2 (db, "SELECT * FROM tickets", -1, &stmt, NULL) != SQLITE_OK)
      {
        g_printerr ("%s: %s\n", db_path, sqlite3_errmsg (db));
        total = -1;
      }
    while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
      {
        int n = sqlite3_column_count (stmt);

        for (int i = 0; i < n; i++)
          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_INTEGER:
            case SQLITE_FLOAT:
              total += 8;
              break;
            case SQLITE_TEXT:
            case SQLITE_BLOB:
              total += sqlite3_column_bytes (stmt, i);
              break;
            default:
              break;
            }
        (*n_rows)++;
      }
  }
  sqlite3_close (db);
  return total;
}

static gint64
parse_value (const char *text,
             const char *key)
{
  const char *line = strstr (text, key);

  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (key), NULL, 10);
}

/* One start: spawn @argv with the probe on, wait for it to exit. */
static gboolean
probe_once (const char * const  *argv,
            const char * const  *envp,
            Probe               *probe,
            GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;
  gint64 spawned, painted;

  g_subprocess_launcher_set_environ (launcher, (char **) envp);
  spawned = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (process == NULL)
    return FALSE;
  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, error))
    return FALSE;
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s did not exit cleanly", argv[0]);
      return FALSE;
    }

  painted = parse_value (output, "first-frame-us ");
  probe->first_frame_rss_kib = parse_value (output, "first-frame-rss-kib ");
  probe->settled_rss_kib = parse_value (output, "settled-rss-kib ");
  if (painted < spawned || probe->settled_rss_kib <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s printed no first frame (is LTSUPPORT_BENCH_FIRST_FRAME wired in?): “%s”",
                   argv[0], output);
      return FALSE;
    }
  probe->first_frame_ms = (double) (painted - spawned) / 1000.0;
  {
    gint64 read = parse_value (output, "tickets-read-us ");

    probe->tickets_read_ms = read >= spawned ? (double) (read - spawned) / 1000.0 : -1;
  }
  return TRUE;
}

/* The settings the application reads: the page it opens on, in a keyfile
 * of a fresh XDG_CONFIG_HOME, so that no user's settings take part. */
static char **
make_environment (const char *config_home,
                  const char *page,
                  GError    **error)
{
  g_autofree char *dir = g_build_filename (config_home, "glib-2.0", "settings", NULL);
  g_autofree char *keyfile = g_build_filename (dir, "keyfile", NULL);
  /* The keyfile backend's group is the schema's path, the build's id. */
  g_autofree char *group = g_strdelimit (g_strdup (APPLICATION_ID), ".", '/');
  g_autofree char *contents = g_strdup_printf ("[%s]\nlast-page='%s'\n", group, page);
  char **envp = g_get_environ ();

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (keyfile, contents, -1, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot create %s", dir);
      g_strfreev (envp);
      return NULL;
    }

  envp = g_environ_setenv (envp, "LTSUPPORT_BENCH_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "GDK_DEBUG", "gl-disable", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "keyfile", TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", config_home, TRUE);
  /* Nothing the sync could reach: start-up must not wait for a network. */
  envp = g_environ_setenv (envp, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  envp = g_environ_unsetenv (envp, "LTSUPPORT_PORTAL");
  envp = g_environ_unsetenv (envp, "LTSUPPORT_TOKEN");
  return envp;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *app = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *page = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *config_home = NULL;
  g_auto(GStrv) envp = NULL;
  int n_runs = 7;
  gint64 row_bytes, n_rows;
  GOptionEntry entries[] = {
    { "app", 0, 0, G_OPTION_ARG_FILENAME, &app, "The application binary", "PATH" },
    { "bare", 0, 0, G_OPTION_ARG_FILENAME, &bare, "The bare window binary", "PATH" },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile, "Profile folder with support.db", "DIR" },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page, "Page the application opens on (overview)", "NAME" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &n_runs, "Starts of each (median; at least 5)", "R" },
    { NULL }
  };
  g_autoptr(GArray) app_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_rss = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) read_ms = g_array_new (FALSE, FALSE, sizeof (double));
  double app_frame, bare_frame, floor_frame, read_frame, app_mib, bare_mib, rows_mib;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— start-up and memory of the application against a bare window");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      app == NULL || bare == NULL || profile == NULL || n_runs < 5)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "need --app, --bare, --profile and --runs >= 5");
      return 2;
    }
  if (page == NULL)
    page = g_strdup ("overview");

  db_path = g_build_filename (profile, "support.db", NULL);
  row_bytes = raw_row_bytes (db_path, &n_rows);
  if (row_bytes < 0)
    return 2;

  config_home = g_dir_make_tmp ("lt-bench-config-XXXXXX", &error);
  if (config_home == NULL || (envp = make_environment (config_home, page, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  {
    const char * const app_argv[] = { app, "--profile", profile, NULL };
    const char * const bare_argv[] = { bare, NULL };
    const char * const floor_argv[] = { bare, "--adwaita", NULL };
    Probe probe;

    /* One start of each first, not counted: the page cache then holds
     * every program and the database, as it does for every counted run. */
    if (!probe_once (bare_argv, (const char * const *) envp, &probe, &error) ||
        !probe_once (floor_argv, (const char * const *) envp, &probe, &error) ||
        !probe_once (app_argv, (const char * const *) envp, &probe, &error))
      {
        g_printerr ("%s\n", error->message);
        return 2;
      }

    /* Alternate, so that drift (other load, frequency) hits all three. */
    for (int run = 0; run < n_runs; run++)
      {
        double value;

        if (!probe_once (bare_argv, (const char * const *) envp, &probe, &error))
          {
            g_printerr ("%s\n", error->message);
            return 2;
          }
        g_array_append_val (bare_ms, probe.first_frame_ms);
        value = (double) probe.settled_rss_kib;
        g_array_append_val (bare_rss, value);

        if (!probe_once (floor_argv, (const char * const *) envp, &probe, &error))
          {
            g_printerr ("%s\n", error->message);
            return 2;
          }
        g_array_append_val (floor_ms, probe.first_frame_ms);

        if (!probe_once (app_argv, (const char * const *) envp, &probe, &error))
          {
            g_printerr ("%s\n", error->message);
            return 2;
          }
        if (probe.tickets_read_ms < 0)
          {
            g_printerr ("%s never said its tickets were read\n", app);
            return 2;
          }
        g_array_append_val (app_ms, probe.first_frame_ms);
        g_array_append_val (read_ms, probe.tickets_read_ms);
        value = (double) probe.settled_rss_kib;
        g_array_append_val (app_rss, value);
        g_printerr ("  run %d: bare %.1f ms, libadwaita %.1f ms, app %.1f ms (tickets read at %.1f ms)\n",
                    run + 1, g_array_index (bare_ms, double, run), g_array_index (floor_ms, double, run),
                    g_array_index (app_ms, double, run), g_array_index (read_ms, double, run));
      }
  }

  app_frame = lt_bench_median (app_ms);
  bare_frame = lt_bench_median (bare_ms);
  floor_frame = lt_bench_median (floor_ms);
  read_frame = lt_bench_median (read_ms);
  app_mib = lt_bench_median (app_rss) / 1024.0;
  bare_mib = lt_bench_median (bare_rss) / 1024.0;
  rows_mib = (double) row_bytes / (1024.0 * 1024.0);

  g_print ("tickets in the profile        %" G_GINT64_FORMAT "\n", n_rows);
  g_print ("page shown                    %s\n", page);
  g_print ("runs                          %d each, alternated; medians\n", n_runs);
  g_print ("bare window first frame       %8.1f ms\n", bare_frame);
  g_print ("libadwaita window first frame %8.1f ms  (ratio %.2f)\n", floor_frame, floor_frame / bare_frame);
  g_print ("application first frame      %8.1f ms  (ratio %.2f; %.2f of the libadwaita window)\n",
           app_frame, app_frame / bare_frame, app_frame / floor_frame);
  g_print ("application tickets read     %8.1f ms  (ratio %.2f)\n", read_frame, read_frame / bare_frame);
  g_print ("bare window resident          %8.1f MiB\n", bare_mib);
  g_print ("raw ticket row bytes          %8.1f MiB\n", rows_mib);
  g_print ("application resident          %8.1f MiB  (ratio %.2f)\n", app_mib,
           app_mib / (bare_mib + rows_mib));
  /* The goal is against the floor of any libadwaita application. */
  g_print ("RESULT first-frame-%s %.3f %.3f ms\n", page, app_frame, floor_frame);
  g_print ("RESULT first-frame-floor-%s %.3f %.3f ms\n", page, floor_frame, bare_frame);
  g_print ("RESULT tickets-read-%s %.3f %.3f ms\n", page, read_frame, bare_frame);
  g_print ("RESULT memory-%s %.3f %.3f MiB\n", page, app_mib, bare_mib + rows_mib);
  g_print ("RESULT memory-%s-parts %.3f %.3f MiB\n", page, bare_mib, rows_mib);

  {
    g_autofree char *keyfile_dir = g_build_filename (config_home, "glib-2.0", "settings", NULL);
    g_autofree char *keyfile = g_build_filename (keyfile_dir, "keyfile", NULL);
    g_autofree char *glib_dir = g_build_filename (config_home, "glib-2.0", NULL);

    g_remove (keyfile);
    g_rmdir (keyfile_dir);
    g_rmdir (glib_dir);
    g_rmdir (config_home);
  }
  return 0;
}
