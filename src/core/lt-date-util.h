/* lt-date-util.h: strict parsing and formatting of dates and instants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "YYYY-MM-DD", a real calendar date (2026-02-30 is refused). Errors are
 * LT_ERROR_INVALID_INPUT quoting @text. */
gboolean   lt_date_parse       (const char   *text,
                                GDate        *date,
                                GError      **error);
/* "YYYY-MM-DD". */
char      *lt_date_format      (const GDate  *date);

/* Instants from 0001-01-02T00:00:00Z up to (not including)
 * 9999-12-31T00:00:00Z: a day away from each end of GDateTime's range, so
 * that their local date in any zone lies in 0001–9999 and every calendar
 * computation on them has a day to work with. FALSE for NULL. */
gboolean   lt_instant_is_supported (GDateTime *instant);

/* The same, as an error: LT_ERROR_INVALID_INPUT quoting @text and naming
 * the range. */
gboolean   lt_instant_check_supported (GDateTime   *instant,
                                       const char  *text,
                                       GError     **error);

/* "invalid date", translated: what is shown for an instant outside
 * lt_instant_is_supported() that is already stored (a row a sync wrote
 * before the range was checked). */
const char *lt_instant_get_invalid_label (void);

/* RFC 3339 date-time with an explicit offset or "Z"
 * ("2026-11-27T11:00:00-05:00"; "t" and "z" in lower case too); a time
 * without an offset is refused rather than read in the machine's zone, and
 * so is an instant outside lt_instant_is_supported(). Errors are
 * LT_ERROR_INVALID_INPUT quoting @text. Returns the instant in UTC. This is
 * the only reader of instants in the project. */
GDateTime *lt_instant_parse    (const char   *text,
                                GError      **error);
/* RFC 3339 in the zone of @instant, whole seconds: "Z" for UTC, else
 * "-05:00"; in UTC when the zone's offset then had seconds (local mean
 * time before 1883 in the US), which RFC 3339 cannot write. */
char      *lt_instant_format   (GDateTime    *instant);
/* The same instant rendered in @zone; NULL when its local date there
 * would lie outside 0001–9999. */
char      *lt_instant_format_in_zone (GDateTime *instant,
                                      GTimeZone *zone);

/* @date + @months calendar months, the day clamped to the month's length
 * (31 August + 6 months = 28/29 February). */
void       lt_date_add_months  (const GDate  *date,
                                guint         months,
                                GDate        *result);

/* Midnight UTC at the start of @date: the one instant a whole-day date
 * (an estimate) is given as to machines (metrics, plugin perfdata). */
GDateTime *lt_date_to_utc_midnight (const GDate *date);

/* The calendar day of @instant in its own zone (pass a local instant for
 * the user's day). */
void       lt_date_set_from_instant (GDate      *date,
                                     GDateTime  *instant);

G_END_DECLS
