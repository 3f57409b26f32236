/* bench-filter.c: filter-as-you-type on the Tickets page over every
 * ticket of a profile, against a bare strstr loop over the same titles
 *
 * The real LtTicketsPage, in a window of the application's default size,
 * on an LtContext over the given store, exactly as the application builds
 * them. "disk timeout" is typed into its search entry one character at a
 * time, several times over. A keystroke costs:
 *
 *   - the page's search-changed handling, from the emission (an emission
 *     hook) to the end of the last handler (an after-handler): the store's
 *     filter over every compact row, and everything the models and the
 *     column view do synchronously with items-changed;
 *   - plus the next frame's work, from "before-paint" to "after-paint" of
 *     the frame clock: layout, binding the visible rows (each reads its
 *     ticket from sqlite) and painting.
 *
 * Not counted: the search entry's deliberate debounce (set to 0 here) and
 * the frame clock's wait for the next frame slot, which are waits rather
 * than work. The goal is one frame at 60 Hz, 16 ms.
 *
 * The same four instants are also read in the main thread's CPU time:
 * on a machine shared with other work, wall times are mostly waiting for
 * a processor, and the CPU figures show what the keystroke itself costs.
 *
 * The baseline is what no search can avoid: strstr of the typed text over
 * the titles held in memory, timed for the same keystrokes.
 *
 * The profile's size is whatever bench-ticket-list.c generated into it
 * (run-bench.sh: 100,000 tickets; the scale runs also 10,000 and
 * 1,000,000). Prints RESULT lines for run-bench.sh, each also under a
 * name that carries the number of tickets, so that runs over profiles of
 * several sizes can be read side by side:
 *   RESULT filter-keystroke[-<tickets>] <ours ms> <baseline ms> ms
 *   RESULT filter-keystroke-slowest[-<tickets>] <ours ms> <baseline ms> ms
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-filter"

#include "config.h"

#include "bench-util.h"
#include "lt-context.h"
#include "lt-tickets-page.h"

#include <locale.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define TYPED "disk timeout"
#define GOAL_MS 16.0
/* Issue 15: every keystroke within one frame up to 100,000 tickets, the
 * slowest within two frames at 1,000,000. */
#define SLOWEST_GOAL_MS(n_tickets) ((n_tickets) > 100000 ? 33.0 : 16.0)

typedef struct
{
  GtkWidget *entry;
  gint64     emitted;      /* search-changed emitted */
  gint64     handled;      /* its last handler returned */
  gint64     frame_start;  /* before-paint of the first frame after */
  gint64     frame_end;    /* after-paint of that frame */
  /* The same instants in the main thread's CPU time. */
  gint64     cpu_emitted;
  gint64     cpu_handled;
  gint64     cpu_frame_start;
  gint64     cpu_frame_end;
  gboolean   waiting_frame;
} Keystroke;

/* The CPU time this thread has used, in µs. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
emission_hook_cb (GSignalInvocationHint *hint,
                  guint                  n_params,
                  const GValue          *params,
                  gpointer               user_data)
{
  Keystroke *k = user_data;

  if (g_value_get_object (&params[0]) == (gpointer) k->entry)
    {
      k->emitted = g_get_monotonic_time ();
      k->cpu_emitted = thread_cpu_us ();
    }
  return TRUE;
}

static void
search_changed_after_cb (GtkSearchEntry *entry,
                         Keystroke      *k)
{
  k->handled = g_get_monotonic_time ();
  k->cpu_handled = thread_cpu_us ();
  k->frame_start = 0;
  k->frame_end = 0;
  k->waiting_frame = TRUE;
  /* A keystroke that changes no result (the space) must still end with a
   * frame; the entry redraws for its new text anyway. */
  gtk_widget_queue_draw (GTK_WIDGET (entry));
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Keystroke     *k)
{
  if (k->waiting_frame && k->frame_start == 0)
    {
      k->frame_start = g_get_monotonic_time ();
      k->cpu_frame_start = thread_cpu_us ();
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                Keystroke     *k)
{
  if (k->waiting_frame && k->frame_start != 0)
    {
      k->frame_end = g_get_monotonic_time ();
      k->cpu_frame_end = thread_cpu_us ();
      k->waiting_frame = FALSE;
    }
}

/* Runs the main loop until the keystroke's search was handled and the
 * frame after it painted. */
static void
wait_for_keystroke (Keystroke *k)
{
  while (k->handled == 0 || k->waiting_frame)
    g_main_context_iteration (NULL, TRUE);
}

static void
flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GPtrArray *
load_titles (const char *path)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (sqlite3_prepare_v2 (db, "SELECT title FROM tickets", -1, &stmt, NULL) == SQLITE_OK)
        while (sqlite3_step (stmt) == SQLITE_ROW)
          g_ptr_array_add (titles, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    }
  sqlite3_close (db);
  return titles;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *db_path = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(LtClock) clock = NULL;
  g_autoptr(LtContext) context = NULL;
  g_autoptr(GPtrArray) titles = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) handler = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_handler = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_frame = g_array_new (FALSE, FALSE, sizeof (double));
  /* The slowest of each keystroke over the runs: which ones cost. */
  double slowest_at[sizeof TYPED] = { 0 };
  double slowest_cpu_at[sizeof TYPED] = { 0 };
  GtkWidget *window, *page;
  GdkFrameClock *frame_clock;
  Keystroke k = { 0 };
  int n_runs = 5;
  guint64 matches = 0;
  gulong hook;
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile, "Profile folder with support.db", "DIR" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &n_runs, "Times the text is typed (at least 5)", "R" },
    { NULL }
  };
  double ours_ms, bare_ms;

  setlocale (LC_ALL, "");
  options = g_option_context_new ("— filter-as-you-type on the Tickets page");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error) || profile == NULL || n_runs < 5)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "need --profile and --runs >= 5");
      return 2;
    }
  db_path = g_build_filename (profile, "support.db", NULL);

  gtk_init ();
  adw_init ();
  /* No transitions: the frame after a keystroke shows its result. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  settings = g_settings_new (APPLICATION_ID);
  clock = lt_clock_new_system ();
  context = lt_context_new (clock, settings, &error);
  if (context == NULL || !lt_context_open_store (context, db_path, &error))
    {
      g_printerr ("%s: %s\n", db_path, error->message);
      return 2;
    }

  window = gtk_window_new ();
  page = g_object_new (LT_TYPE_TICKETS_PAGE, "context", context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1120, 780);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  /* The context reads the tickets in a worker thread, as the application
   * does; typing starts once they are in (a large profile on a loaded
   * machine takes seconds, and flushing the main loop does not wait for
   * a thread). */
  while (lt_ticket_list_get_loading (lt_context_get_tickets (context)))
    g_main_context_iteration (NULL, TRUE);
  flush ();
  if (g_list_model_get_n_items (G_LIST_MODEL (lt_context_get_tickets (context))) == 0)
    {
      g_printerr ("%s: the Tickets page shows no ticket\n", db_path);
      return 2;
    }

  k.entry = find_widget (page, GTK_TYPE_SEARCH_ENTRY);
  if (k.entry == NULL)
    {
      g_printerr ("the Tickets page has no search entry\n");
      return 2;
    }
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (k.entry), 0);
  hook = g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), 0,
                                     emission_hook_cb, &k, NULL);
  g_signal_connect_after (k.entry, "search-changed", G_CALLBACK (search_changed_after_cb), &k);
  frame_clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (frame_clock, "before-paint", G_CALLBACK (before_paint_cb), &k);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), &k);

  for (int run = 0; run < n_runs; run++)
    {
      /* Start from the whole list, as a new search does. */
      if (*gtk_editable_get_text (GTK_EDITABLE (k.entry)) != '\0')
        {
          k.handled = 0;
          gtk_editable_set_text (GTK_EDITABLE (k.entry), "");
          wait_for_keystroke (&k);
          flush ();
        }

      for (int i = 0; TYPED[i] != '\0'; i++)
        {
          int position = i;
          double ms;

          k.emitted = 0;
          k.handled = 0;
          gtk_editable_insert_text (GTK_EDITABLE (k.entry), &TYPED[i], 1, &position);
          wait_for_keystroke (&k);

          ms = (double) (k.handled - k.emitted) / 1000.0;
          g_array_append_val (handler, ms);
          ms = (double) (k.frame_end - k.frame_start) / 1000.0;
          g_array_append_val (frame, ms);
          ms = (double) (k.handled - k.emitted + k.frame_end - k.frame_start) / 1000.0;
          g_array_append_val (ours, ms);
          slowest_at[i] = MAX (slowest_at[i], ms);
          ms = (double) (k.cpu_handled - k.cpu_emitted) / 1000.0;
          g_array_append_val (cpu_handler, ms);
          ms = (double) (k.cpu_frame_end - k.cpu_frame_start) / 1000.0;
          g_array_append_val (cpu_frame, ms);
          ms = (double) (k.cpu_handled - k.cpu_emitted + k.cpu_frame_end - k.cpu_frame_start) / 1000.0;
          g_array_append_val (cpu, ms);
          slowest_cpu_at[i] = MAX (slowest_cpu_at[i], ms);
          if (run == 0)
            g_printerr ("  “%.*s”: %.2f ms + frame %.2f ms (CPU %.2f + %.2f ms), %u shown\n", i + 1, TYPED,
                        (double) (k.handled - k.emitted) / 1000.0,
                        (double) (k.frame_end - k.frame_start) / 1000.0,
                        (double) (k.cpu_handled - k.cpu_emitted) / 1000.0,
                        (double) (k.cpu_frame_end - k.cpu_frame_start) / 1000.0,
                        g_list_model_get_n_items (G_LIST_MODEL (lt_context_get_tickets (context))));
          flush ();
        }
    }
  g_signal_remove_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), hook);

  /* The baseline: the same keystrokes as strstr over the titles. */
  titles = load_titles (db_path);
  if (titles->len == 0)
    {
      g_printerr ("%s: no tickets\n", db_path);
      return 2;
    }
  for (int run = 0; run < n_runs; run++)
    for (int i = 0; TYPED[i] != '\0'; i++)
      {
        g_autofree char *typed = g_strndup (TYPED, (gsize) i + 1);
        gint64 start = g_get_monotonic_time ();
        double ms;

        for (guint t = 0; t < titles->len; t++)
          matches += strstr (g_ptr_array_index (titles, t), typed) != NULL;
        ms = (double) (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (bare, ms);
      }

  ours_ms = lt_bench_median (ours);
  bare_ms = lt_bench_median (bare);
  g_print ("tickets                       %u\n", titles->len);
  g_print ("typed                         “%s”, %d times; medians over %u keystrokes\n",
           TYPED, n_runs, ours->len);
  g_print ("search-changed handling       %8.2f ms (slowest %.2f)\n",
           lt_bench_median (handler), lt_bench_maximum (handler));
  g_print ("next frame's work             %8.2f ms (slowest %.2f)\n",
           lt_bench_median (frame), lt_bench_maximum (frame));
  g_print ("per keystroke                 %8.2f ms (slowest %.2f; goal <= %.0f: %s)\n", ours_ms,
           lt_bench_maximum (ours), GOAL_MS, ours_ms <= GOAL_MS ? "met" : "MISSED");
  g_print ("slowest keystroke             %8.2f ms (goal <= %.0f: %s)\n", lt_bench_maximum (ours),
           SLOWEST_GOAL_MS (titles->len),
           lt_bench_maximum (ours) <= SLOWEST_GOAL_MS (titles->len) ? "met" : "MISSED");
  g_print ("bare strstr over the titles   %8.2f ms  (ratio %.2f)\n", bare_ms, ours_ms / bare_ms);
  g_print ("slowest of each keystroke    ");
  for (int i = 0; TYPED[i] != '\0'; i++)
    g_print (" “%.*s” %.1f", i + 1, TYPED, slowest_at[i]);
  g_print ("\n");
  g_print ("main-thread CPU per keystroke %8.2f ms (slowest %.2f; handling %.2f, slowest %.2f; "
           "frame %.2f, slowest %.2f)\n",
           lt_bench_median (cpu), lt_bench_maximum (cpu), lt_bench_median (cpu_handler),
           lt_bench_maximum (cpu_handler), lt_bench_median (cpu_frame), lt_bench_maximum (cpu_frame));
  g_print ("slowest CPU of each keystroke");
  for (int i = 0; TYPED[i] != '\0'; i++)
    g_print (" “%.*s” %.1f", i + 1, TYPED, slowest_cpu_at[i]);
  g_print ("\n");
  g_print ("RESULT filter-keystroke %.3f %.3f ms\n", ours_ms, bare_ms);
  g_print ("RESULT filter-keystroke-slowest %.3f %.3f ms\n",
           lt_bench_maximum (ours), lt_bench_maximum (bare));
  g_print ("RESULT filter-keystroke-%u %.3f %.3f ms\n", titles->len, ours_ms, bare_ms);
  g_print ("RESULT filter-keystroke-slowest-%u %.3f %.3f ms\n", titles->len,
           lt_bench_maximum (ours), lt_bench_maximum (bare));
  g_debug ("matches %" G_GUINT64_FORMAT, matches);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
