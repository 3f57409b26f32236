/* lt-maintenance-list.h: the stored maintenance windows as a GListModel of
 * LtMaintenanceWindow, earliest start first (windows without a start
 * last), following the store with precise ::items-changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-maintenance-window.h"
#include "lt-store-list.h"

G_BEGIN_DECLS

#define LT_TYPE_MAINTENANCE_LIST (lt_maintenance_list_get_type ())
G_DECLARE_FINAL_TYPE (LtMaintenanceList, lt_maintenance_list, LT, MAINTENANCE_LIST, LtStoreList)

LtMaintenanceList *lt_maintenance_list_new (LtStore  *store,
                                            GError  **error);

G_END_DECLS
