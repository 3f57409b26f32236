/* bench-first-frame-bare.c: the baselines of the start-up benchmark
 *
 * A bare GtkWindow of the application's default size (1120 × 780), with
 * nothing in it, probed by the same lt-bench-hook.c the application
 * compiles: it prints when its first frame was painted and its resident
 * memory, then exits. bench-first-frame spawns it and the application
 * alike and compares (docs/performance.md).
 *
 * With --adwaita, the same empty window after adw_init(): libadwaita's
 * start (its style sheets) is part of every libadwaita application, so
 * this is the floor the application's own start-up stands on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bench-first-frame-bare"

#include "config.h"

#include "lt-bench-hook.h"

#include <adwaita.h>

#include <locale.h>

/* The application's default window size (window-width, window-height in
 * data/com.lockthreat.Support.gschema.xml.in): the same pixels to paint. */
#define WIDTH  1120
#define HEIGHT 780

int
main (int   argc,
      char *argv[])
{
  GtkWidget *window;

  setlocale (LC_ALL, "");
  if (argc > 1 && g_str_equal (argv[1], "--adwaita"))
    adw_init ();
  else
    gtk_init ();

  window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), "bare");
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  if (lt_bench_hook_enabled ())
    lt_bench_hook_watch_first_frame (GTK_WINDOW (window));

  /* The hook exits; without it the window stays until it is closed. */
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
