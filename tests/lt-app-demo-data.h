/* lt-app-demo-data.h: a plausible customer's data, for UI tests and for
 * `make screenshots`
 *
 * Written through the store's own API, as a sync would write it, at
 * instants relative to the 2026-11-30T15:00:00Z the tests and screenshots
 * pin the clock to (a Monday, 10:00 in Indianapolis).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-outbox.h"
#include "lt-store.h"

G_BEGIN_DECLS

#define LT_APP_DEMO_NOW "2026-11-30T15:00:00Z"

gboolean lt_app_demo_data_fill (LtStore  *store,
                                LtOutbox *outbox,
                                GError  **error);

G_END_DECLS
