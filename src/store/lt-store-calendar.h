/* lt-store-calendar.h: the profile's calendar of estimated ends of support
 *
 * A sync refreshes the release catalog, and with it the estimate of when
 * each installation leaves support (lt-release-forecast.h). The estimates
 * are kept as an iCalendar file beside the database, "support-end.ics" in
 * the profile folder, which a calendar app can subscribe to as a local
 * file: one event per installation, reminders 90, 30 and 7 days ahead
 * (lt_icalendar_export_support_end()). It is written again after every
 * sync that pulls, from what the store then holds (its saved catalog
 * and policy, else the bundled ones), atomically (a temporary file renamed
 * over the old one), so a reader never sees half a calendar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-store.h"

G_BEGIN_DECLS

/* The file name inside a profile directory. */
#define LT_STORE_SUPPORT_END_CALENDAR_NAME "support-end.ics"

/* Where the calendar of @store's profile lives; NULL for a store without a
 * file (in memory). */
char     *lt_store_dup_support_end_calendar_path (LtStore    *store);

/* Writes the calendar as of @now ("today" is its date in the local time
 * zone). TRUE without writing for a store in memory. */
gboolean  lt_store_write_support_end_calendar    (LtStore    *store,
                                                  GDateTime  *now,
                                                  GError    **error);

G_END_DECLS
