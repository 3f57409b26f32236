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
#include "lt-release-catalog.h"

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

/* The reminders of an estimated end of support, in days before it: a
 * quarter ahead to plan the upgrade, a month to schedule it, a week as
 * the last call (issue 13). Not a policy number: the policy says nothing
 * about reminders of an estimate. */
#define LT_ICALENDAR_SUPPORT_END_ALARM_DAYS { 90, 30, 7 }

/* A VCALENDAR of estimated end-of-support dates (lt-release-forecast.h):
 * one all-day VEVENT per installation of @installations (a GListModel of
 * LtInstallation) that has an estimate, on its likely day, STATUS
 * TENTATIVE (it is an estimate), the estimate's label, range and basis in
 * its description, and a VALARM per LT_ICALENDAR_SUPPORT_END_ALARM_DAYS.
 * UID "support-end-<installation id>@support.lockthreat.com", so a
 * regenerated file moves the event instead of adding one. Installations
 * without an estimate (no version, unsupported, too short a history) have
 * no event.
 * @today: the day the forecast is made for (no estimate before it)
 * @now: the DTSTAMP
 * @n_events: (out) (optional): how many events the calendar holds
 * Returns: (transfer full): the calendar text */
char *lt_icalendar_export_support_end         (GListModel       *installations,
                                               LtReleaseCatalog *catalog,
                                               LtPolicy         *policy,
                                               const GDate      *today,
                                               GDateTime        *now,
                                               guint            *n_events);

G_END_DECLS
