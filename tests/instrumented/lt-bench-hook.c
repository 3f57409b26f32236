/* lt-bench-hook.c: the first-frame probe of `make bench`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-bench-hook"

#include "config.h"

#include "lt-bench-hook.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Long enough for the idle and timeout work that follows start-up (the
 * incremental sort, the first reminder check) to have run. */
#define SETTLE_MS 1000

static gint64
read_vm_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

gboolean
lt_bench_hook_enabled (void)
{
  return g_strcmp0 (g_getenv (LT_BENCH_FIRST_FRAME_ENV), "1") == 0;
}

/* Marks announced with lt_bench_hook_await_mark() and not made yet: the
 * process does not end before them, however long after the first frame
 * they come. */
static guint awaited_marks;
static gboolean settled;

/* With LT_BENCH_MEMORY_DETAIL_ENV naming a folder, what the settled
 * figure is made of: the kernel's view of every mapping (smaps, read
 * with tests/bench/memory-breakdown.py) and glibc's of its arenas
 * (malloc_info). Written before the figure is printed, so the copy is of
 * the same moment. */
static void
write_memory_detail (void)
{
  const char *dir = g_getenv (LT_BENCH_MEMORY_DETAIL_ENV);
  g_autofree char *smaps = NULL;
  g_autofree char *smaps_path = NULL;
  g_autofree char *malloc_path = NULL;
  FILE *out;

  if (dir == NULL || *dir == '\0')
    return;
  smaps_path = g_build_filename (dir, "smaps", NULL);
  malloc_path = g_build_filename (dir, "malloc-info.xml", NULL);
  if (g_file_get_contents ("/proc/self/smaps", &smaps, NULL, NULL))
    g_file_set_contents (smaps_path, smaps, -1, NULL);
  out = g_fopen (malloc_path, "w");
  if (out != NULL)
    {
      malloc_info (0, out);
      fclose (out);
    }
}

static G_NORETURN void
finish (void)
{
  /* What giving freed heap back would change at this moment: a run by
   * hand prints the figure before and after malloc_trim(). */
  if (g_strcmp0 (g_getenv (LT_BENCH_TRIM_ENV), "1") == 0)
    {
      printf ("untrimmed-rss-kib %" G_GINT64_FORMAT "\n", read_vm_rss_kib ());
      malloc_trim (0);
    }
  write_memory_detail ();
  printf ("settled-rss-kib %" G_GINT64_FORMAT "\n", read_vm_rss_kib ());
  fflush (stdout);
  /* The measurement is over; the harness wants the process gone, not a
   * saved window state. */
  exit (0);
}

static gboolean
settled_cb (gpointer user_data)
{
  settled = TRUE;
  if (awaited_marks == 0)
    finish ();
  return G_SOURCE_REMOVE;
}

/* LT_BENCH_SETTLE_MS_ENV lets a run by hand wait for work that comes
 * later than SETTLE_MS after the first frame (the notifier's first
 * look), to see what the process holds once it is done. */
static guint
settle_ms (void)
{
  const char *value = g_getenv (LT_BENCH_SETTLE_MS_ENV);
  guint64 ms;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &ms, NULL))
    return SETTLE_MS;
  return (guint) ms;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  /* Read the clock first: everything after is the probe's own cost. */
  gint64 now = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
  printf ("first-frame-us %" G_GINT64_FORMAT "\n", now);
  printf ("first-frame-rss-kib %" G_GINT64_FORMAT "\n", read_vm_rss_kib ());
  fflush (stdout);
  g_timeout_add (settle_ms (), settled_cb, NULL);
}

static void
watch_surface (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static void
realize_cb (GtkWidget *widget,
            gpointer   user_data)
{
  g_signal_handlers_disconnect_by_func (widget, realize_cb, user_data);
  watch_surface (GTK_WINDOW (widget));
}

void
lt_bench_hook_await_mark (void)
{
  awaited_marks++;
}

void
lt_bench_hook_mark (const char *name)
{
  printf ("%s-us %" G_GINT64_FORMAT "\n", name, g_get_monotonic_time ());
  fflush (stdout);
  if (awaited_marks > 0)
    awaited_marks--;
  if (settled && awaited_marks == 0)
    finish ();
}

void
lt_bench_hook_watch_first_frame (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    watch_surface (window);
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}
