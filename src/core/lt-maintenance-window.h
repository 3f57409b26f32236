/* lt-maintenance-window.h: a vendor maintenance window (RULES.md R9)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"
#include "lt-policy.h"

G_BEGIN_DECLS

#define LT_TYPE_MAINTENANCE_WINDOW (lt_maintenance_window_get_type ())
G_DECLARE_FINAL_TYPE (LtMaintenanceWindow, lt_maintenance_window, LT, MAINTENANCE_WINDOW, GObject)

LtMaintenanceWindow  *lt_maintenance_window_new              (void);

const char           *lt_maintenance_window_get_id           (LtMaintenanceWindow  *self);
void                  lt_maintenance_window_set_id           (LtMaintenanceWindow  *self,
                                                              const char           *id);
LtMaintenanceKind     lt_maintenance_window_get_kind         (LtMaintenanceWindow  *self);
void                  lt_maintenance_window_set_kind         (LtMaintenanceWindow  *self,
                                                              LtMaintenanceKind     kind);
const char           *lt_maintenance_window_get_title        (LtMaintenanceWindow  *self);
void                  lt_maintenance_window_set_title        (LtMaintenanceWindow  *self,
                                                              const char           *title);
const char           *lt_maintenance_window_get_description  (LtMaintenanceWindow  *self);
void                  lt_maintenance_window_set_description  (LtMaintenanceWindow  *self,
                                                              const char           *description);
GDateTime            *lt_maintenance_window_get_starts_at    (LtMaintenanceWindow  *self);
void                  lt_maintenance_window_set_starts_at    (LtMaintenanceWindow  *self,
                                                              GDateTime            *starts_at);
GDateTime            *lt_maintenance_window_get_ends_at      (LtMaintenanceWindow  *self);
void                  lt_maintenance_window_set_ends_at      (LtMaintenanceWindow  *self,
                                                              GDateTime            *ends_at);
GDateTime            *lt_maintenance_window_get_announced_at (LtMaintenanceWindow  *self);
void                  lt_maintenance_window_set_announced_at (LtMaintenanceWindow  *self,
                                                              GDateTime            *announced_at);
LtMaintenanceAffects  lt_maintenance_window_get_affects      (LtMaintenanceWindow  *self);
void                  lt_maintenance_window_set_affects      (LtMaintenanceWindow  *self,
                                                              LtMaintenanceAffects  affects);

/* Derived (R9), see docs/models.md. */
gboolean              lt_maintenance_window_is_notice_short  (LtMaintenanceWindow  *self,
                                                              LtPolicy             *policy,
                                                              gint64               *short_by_seconds,
                                                              char                **warning);
GPtrArray            *lt_maintenance_window_dup_reminder_instants (LtMaintenanceWindow *self,
                                                                   LtPolicy            *policy,
                                                                   GDateTime           *now);

G_END_DECLS
