/* lt-icalendar.h: maintenance windows and change notices as iCalendar
 * (RFC 5545)
 *
 * So that the vendor's maintenance windows and the customer's planned
 * changes land in the team's own calendar. The text is what a file or a
 * download holds: CRLF line ends, lines folded at 75 octets (never inside
 * a UTF-8 character), TEXT values escaped, every instant in UTC with "Z".
 * Each event has a stable UID, so importing the file again updates the
 * events instead of duplicating them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-change-notice.h"
#include "lt-maintenance-window.h"
#include "lt-policy.h"

G_BEGIN_DECLS

/* The PRODID of every calendar written here. */
#define LT_ICALENDAR_PRODID "-//LockThreat//LockThreat Support//EN"

/* A VCALENDAR with one VEVENT per window of @windows (a GListModel of
 * LtMaintenanceWindow), in the model's order; windows without a start
 * are left out (an event needs one). UID
 * "maintenance-<id>@support.lockthreat.com".
 * @policy: (nullable): when given, each event carries a VALARM per
 *   reminder lead time of the policy (R9), and an emergency window
 *   announced with less notice than the policy asks for says so in its
 *   description.
 * @now: the DTSTAMP.
 * An empty model gives a calendar without events (what a subscriber
 * needs to see them gone).
 * Returns: (transfer full): the calendar text */
char *lt_icalendar_export_maintenance_windows (GListModel     *windows,
                                               LtPolicy       *policy,
                                               GDateTime      *now);

/* A VCALENDAR with one VEVENT for @notice; NULL when it has no planned
 * start. UID "change-notice-<local id, else id>@support.lockthreat.com",
 * the same as the app's export, so both update one event. A withdrawn
 * notice is STATUS:CANCELLED.
 * Returns: (transfer full) (nullable) */
char *lt_icalendar_export_change_notice       (LtChangeNotice *notice,
                                               GDateTime      *now);

G_END_DECLS
