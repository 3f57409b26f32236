/* lt-sync-controller-private.h: what the tests reach inside the
 * controller
 *
 * Only the tests include this: the application never needs the engine
 * itself, only what the controller makes of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-sync-controller.h"

G_BEGIN_DECLS

/* The engine, to shorten its delays and limits; NULL while not
 * available. (transfer none) */
LtSync *lt_sync_controller_get_sync (LtSyncController *self);

/* Stops the periodic runs and the retries (a run going on finishes). */
void              lt_sync_controller_stop          (LtSyncController *self);

G_END_DECLS
