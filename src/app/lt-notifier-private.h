/* lt-notifier-private.h: what the tests reach inside lt-notifier
 *
 * Only the tests and the benchmarks (and the unit itself) include this;
 * the application uses lt-notifier.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-notifier.h"

G_BEGIN_DECLS

/* The records a turn of the main loop writes at most when it applies a
 * look made in the worker: one transaction each, a few milliseconds on a
 * loaded machine, well under a frame (docs/app.md, "Where a look runs"). */
#define LT_NOTIFIER_RECORDS_PER_SLICE 256

/* A look reads and computes the tickets this many at a time: all of a
 * large profile's open tickets with their events at once were ~25 MiB
 * of objects that GLib 2.74's slice allocator kept after the look
 * (docs/app.md, "A look holds a batch of tickets"). */
#define LT_NOTIFIER_LOOK_TICKET_BATCH 512

/* Whether a look runs in the worker (lt_notifier_check_in_worker());
 * LtNotifier:looking tells when it changes. */
gboolean       lt_notifier_get_looking    (LtNotifier   *self);

G_END_DECLS
