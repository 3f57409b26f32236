/* lt-store-maintenance-windows.h: maintenance windows in the local store
 *
 * Every write records its change (LtStore::changed; docs/store.md, "Change
 * notification") and writes nothing when the row already holds the same
 * values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-maintenance-window.h"
#include "lt-store.h"

G_BEGIN_DECLS

/* Maintenance windows ("maintenance_windows", key = id). */
gboolean        lt_store_upsert_maintenance_window (LtStore             *self,
                                                    LtMaintenanceWindow *window,
                                                    GDateTime           *now,
                                                    GError             **error);
/* The portal's whole list: upserts each and deletes the windows it no
 * longer lists, in one transaction. */
gboolean        lt_store_replace_maintenance_windows (LtStore              *self,
                                                      LtMaintenanceWindow * const *windows,
                                                      guint                 n_windows,
                                                      GDateTime            *now,
                                                      GError              **error);
/* Deletes every window whose id is not in the set @listed. */
gboolean        lt_store_retain_maintenance_windows (LtStore            *self,
                                                     GHashTable         *listed,
                                                     GError            **error);
gboolean        lt_store_delete_maintenance_window (LtStore             *self,
                                                    const char          *id,
                                                    GError             **error);
LtMaintenanceWindow *lt_store_lookup_maintenance_window (LtStore        *self,
                                                         const char     *id,
                                                         GError        **error);
/* (element-type LtMaintenanceWindow), earliest start first, windows
 * without a start last. */
GPtrArray      *lt_store_load_maintenance_windows (LtStore             *self,
                                                   GError             **error);

G_END_DECLS
