/* bench-util.h: what the benchmarks of tests/bench share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The median of @values (doubles; sorts them). */
double  lt_bench_median      (GArray     *values);
/* The largest of @values (doubles), 0 when empty. */
double  lt_bench_maximum     (GArray     *values);
/* VmRSS of this process from /proc/self/status, -1 when unknown. */
gint64  lt_bench_vm_rss_kib  (void);
/* VmHWM, the peak of VmRSS (since the last reset through
 * /proc/self/clear_refs), -1 when unknown. */
gint64  lt_bench_vm_hwm_kib  (void);
/* A plausible ticket title, "Backup job times out after 30 s behind the
 * proxy", drawn from @rand (the words of bench-ticket-list.c). */
char   *lt_bench_ticket_title (GRand     *rand);

G_END_DECLS
