/* lt-bench-hook.h: the first-frame probe of `make bench`
 *
 * With LTSUPPORT_BENCH_FIRST_FRAME=1 in the environment, the watched
 * window reports when its first frame was painted and how much memory the
 * process holds, then the process exits. Without the variable nothing is
 * connected and nothing changes. lockthreat-support-instrumented
 * (instrumented-main.c) is the application with it; the installed
 * program has none. tests/bench/bench-first-frame-bare.c
 * compiles this same file into a bare GtkWindow, so the application and
 * its baseline are measured by the same code (docs/performance.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LT_BENCH_FIRST_FRAME_ENV "LTSUPPORT_BENCH_FIRST_FRAME"
/* A folder: the probe writes the settled moment's smaps and malloc_info
 * there (tests/bench/memory-breakdown.py reads them). */
#define LT_BENCH_MEMORY_DETAIL_ENV "LTSUPPORT_BENCH_MEMORY_DETAIL"
/* "1": malloc_trim() before the settled figure, which then says what
 * the process holds without free heap pages */
#define LT_BENCH_TRIM_ENV "LTSUPPORT_BENCH_TRIM"
/* Milliseconds from the first frame to the settled figure (1000) */
#define LT_BENCH_SETTLE_MS_ENV "LTSUPPORT_BENCH_SETTLE_MS"

gboolean lt_bench_hook_enabled           (void);
/* Prints, on standard output:
 *   first-frame-us N     g_get_monotonic_time() after the first paint
 *   first-frame-rss-kib N  VmRSS then
 *   settled-rss-kib N    VmRSS one second later, when deferred work ran
 * and exits with status 0. */
void     lt_bench_hook_watch_first_frame (GtkWindow *window);
/* Prints "<name>-us N" with g_get_monotonic_time(): when something the
 * benchmark waits for, after the first frame, happened (the application's
 * tickets read in). */
void     lt_bench_hook_mark              (const char *name);
/* One lt_bench_hook_mark() to come that the process waits for. */
void     lt_bench_hook_await_mark        (void);

G_END_DECLS
