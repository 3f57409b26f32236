/* lt-test-util.h: what every test shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "lt-enums.h"
#include "lt-error.h"
#include "lt-types.h"

G_BEGIN_DECLS

/* g_test_init with isolated XDG dirs, a C.UTF-8 locale for messages. */
void       lt_test_init          (int          *argc,
                                  char       ***argv);

/* Parses an ISO 8601 / RFC 3339 instant with an explicit offset; aborts the
 * test on bad input (a broken test fixture, not a tested behaviour). */
GDateTime *lt_test_instant       (const char   *iso8601);
/* A GDate from "YYYY-MM-DD"; aborts the test on bad input. */
GDate      lt_test_date          (const char   *iso_date);
/* "YYYY-MM-DD" of @date; owned by the caller. */
char      *lt_test_format_date   (const GDate  *date);

/* Asserts that @instant equals @expected_iso8601 (compared as instants),
 * printing both in RFC 3339 on failure. */
#define lt_assert_instant(instant, expected_iso8601) \
  lt_test_assert_instant (__FILE__, __LINE__, G_STRFUNC, #instant, (instant), (expected_iso8601))
#define lt_assert_date(date, expected_iso) \
  lt_test_assert_date (__FILE__, __LINE__, G_STRFUNC, #date, (date), (expected_iso))

void lt_test_assert_instant (const char *file, int line, const char *func,
                             const char *expr, GDateTime *instant, const char *expected);
void lt_test_assert_date    (const char *file, int line, const char *func,
                             const char *expr, const GDate *date, const char *expected);

/* Whole files, asserting they could be read or written. */
GBytes    *lt_test_read_bytes    (const char   *path);
void       lt_test_write_bytes   (const char   *path,
                                  const void   *data,
                                  gsize         length);
/* Overwrites the table leaf page nearest the middle of the sqlite file
 * @path that holds @needle (a column's text) with a pattern that is no
 * b-tree page: opening does not read it, a check or a scan does. */
void       lt_test_corrupt_middle_page (const char *path,
                                        const char *needle);

/* An independent reading of an exported calendar by python3-icalendar
 * (tests/read-icalendar.py): {"errors": [...], "events": [{uid, summary,
 * description, start, end, stamp, alarms (seconds)}]}, asserting that
 * the parser found no error. NULL, with the test skipped, when
 * /usr/bin/python3 cannot import icalendar. */
JsonObject *lt_test_read_icalendar_file (const char *path);
/* The same for the calendar text @ics. */
JsonObject *lt_test_read_icalendar      (const char *ics);

G_END_DECLS
