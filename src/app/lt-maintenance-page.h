/* lt-maintenance-page.h: LockThreat's maintenance windows (§10, R9)
 *
 * A month calendar marking the days with windows, the upcoming windows
 * (filterable by kind) and the past ones, most recent first. Lists are
 * GtkFilterListModel / GtkSortListModel chains over the store's
 * LtMaintenanceList.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_MAINTENANCE_PAGE (lt_maintenance_page_get_type ())
G_DECLARE_FINAL_TYPE (LtMaintenancePage, lt_maintenance_page, LT, MAINTENANCE_PAGE, AdwBin)

void       lt_maintenance_page_set_context (LtMaintenancePage *self,
                                            LtContext         *context);

/* Writes every maintenance window, with the policy's reminders as
 * alarms, to @file as iCalendar (what maintenance.export does after the
 * file chooser). */
gboolean   lt_maintenance_page_export_to_file (LtMaintenancePage  *self,
                                               GFile              *file,
                                               GError            **error);
/* The same, then a toast "Calendar file saved" with an Open button (or
 * the error): what maintenance.export does after the file chooser. */
void       lt_maintenance_page_export      (LtMaintenancePage *self,
                                            GFile             *file);

G_END_DECLS
