/* lt-business-calendar.h: LockThreat's business calendar (RULES.md R3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"

G_BEGIN_DECLS

#define LT_TYPE_BUSINESS_CALENDAR (lt_business_calendar_get_type ())
G_DECLARE_FINAL_TYPE (LtBusinessCalendar, lt_business_calendar, LT, BUSINESS_CALENDAR, GObject)

/* How a holiday that falls on a weekend is observed. */
typedef enum
{
  LT_OBSERVED_RULE_NONE,            /* closed on the date itself only */
  LT_OBSERVED_RULE_NEAREST_WEEKDAY, /* Saturday -> Friday before, Sunday -> Monday after */
} LtObservedRule;

/* A holiday as the policy file describes it: either a fixed date
 * (@day > 0, @weekday == G_DATE_BAD_WEEKDAY) or the @nth @weekday of
 * @month (@nth 1..5, or -1 for the last one, @day == 0). */
typedef struct
{
  char         *name;
  GDateMonth    month;
  GDateDay      day;
  GDateWeekday  weekday;
  int           nth;
} LtHolidayRule;

/* A day the vendor is closed because of a holiday. */
typedef struct
{
  GDate     date;      /* the day the office is closed (the observed date) */
  GDate     actual;    /* the holiday's own date */
  char     *name;      /* e.g. "Independence Day"; */
  gboolean  observed;  /* TRUE when @date != @actual */
} LtHoliday;

/* An extra closure date from the policy file ("Christmas Eve"). */
typedef struct
{
  GDate  date;
  char  *name;
} LtClosure;

void lt_holiday_rule_clear (LtHolidayRule *rule);
void lt_holiday_clear      (LtHoliday     *holiday);
void lt_closure_clear      (LtClosure     *closure);

/* @business_weekdays: bit (1 << GDateWeekday) set for each working weekday.
 * @opens_minute/@closes_minute: minutes after local midnight; opens < closes.
 * @holiday_rules/@closures are copied. */
LtBusinessCalendar *lt_business_calendar_new (GTimeZone           *time_zone,
                                              guint                business_weekdays,
                                              guint                opens_minute,
                                              guint                closes_minute,
                                              const LtHolidayRule *holiday_rules,
                                              guint                n_holiday_rules,
                                              LtObservedRule       observed_rule,
                                              const LtClosure     *closures,
                                              guint                n_closures);

GTimeZone  *lt_business_calendar_get_time_zone      (LtBusinessCalendar *self);
const char *lt_business_calendar_get_time_zone_id   (LtBusinessCalendar *self);
guint       lt_business_calendar_get_business_weekdays (LtBusinessCalendar *self);
guint       lt_business_calendar_get_opens_minute   (LtBusinessCalendar *self);
guint       lt_business_calendar_get_closes_minute  (LtBusinessCalendar *self);
LtObservedRule lt_business_calendar_get_observed_rule (LtBusinessCalendar *self);
const LtHolidayRule *lt_business_calendar_get_holiday_rules (LtBusinessCalendar *self,
                                                             guint              *n_rules);
const LtClosure *lt_business_calendar_get_closures  (LtBusinessCalendar *self,
                                                     guint              *n_closures);

/* The holidays whose observed date falls in @year, sorted by date. A
 * holiday observed in the previous year (New Year's Day on a Saturday is
 * observed on 31 December before) is listed under that year.
 * Returns: (transfer full) (element-type LtHoliday) */
GArray     *lt_business_calendar_list_holidays      (LtBusinessCalendar *self,
                                                     int                 year);

/* Why @date is closed: a holiday's or closure's name, "Saturday"… for a
 * non-working weekday, or NULL on a business day. */
char       *lt_business_calendar_dup_closure_reason (LtBusinessCalendar *self,
                                                     const GDate        *date);
gboolean    lt_business_calendar_is_business_day    (LtBusinessCalendar *self,
                                                     const GDate        *date);

/* R3: when @date is not a business day, first roll forward to the next
 * one; then step @n business days forward. @n == 0 gives the rolled date. */
void        lt_business_calendar_add_business_days  (LtBusinessCalendar *self,
                                                     const GDate        *date,
                                                     guint               n,
                                                     GDate              *result);
/* Business days in [@from, @to); 0 when @to <= @from. */
guint       lt_business_calendar_count_business_days (LtBusinessCalendar *self,
                                                      const GDate        *from,
                                                      const GDate        *to);

/* The vendor-local calendar date of @instant. */
void        lt_business_calendar_local_date         (LtBusinessCalendar *self,
                                                     GDateTime          *instant,
                                                     GDate              *date);

/* TRUE when @instant lies in business hours of a business day
 * (opening time inclusive, closing time exclusive). */
gboolean    lt_business_calendar_is_open            (LtBusinessCalendar *self,
                                                     GDateTime          *instant);
/* @instant itself when open, else the next opening, in the vendor zone. */
GDateTime  *lt_business_calendar_next_opening       (LtBusinessCalendar *self,
                                                     GDateTime          *instant);

/* R4: @start + @minutes counting only business hours of business days.
 * A start outside hours begins at the next opening. A result that lands
 * exactly on closing time is that closing time, not the next opening.
 * Seconds of @start are kept. Returns the instant in the vendor zone. */
GDateTime  *lt_business_calendar_add_business_minutes (LtBusinessCalendar *self,
                                                       GDateTime          *start,
                                                       guint64             minutes);
/* Business time between two instants in seconds: positive when @to is
 * after @from, negative when before. */
gint64      lt_business_calendar_business_seconds_between (LtBusinessCalendar *self,
                                                           GDateTime          *from,
                                                           GDateTime          *to);

/* R3: "within @n business days of @instant" = the same vendor-local time of
 * day on add_business_days (local date of @instant, @n). Where that local
 * time does not exist (a daylight-saving gap), the first valid instant after
 * it. Returns the instant in the vendor zone. */
GDateTime  *lt_business_calendar_within_business_days (LtBusinessCalendar *self,
                                                        GDateTime          *instant,
                                                        guint               n);

/* The latest business day strictly before @date; @result is cleared when
 * there is none (a calendar without business days, or before year 1). */
void        lt_business_calendar_previous_business_day (LtBusinessCalendar *self,
                                                        const GDate        *date,
                                                        GDate              *result);

/* The first instant of the vendor-local @date (its midnight, or the end of
 * a daylight-saving gap that swallows it). Returns the instant in the
 * vendor zone; NULL past year 9999. */
GDateTime  *lt_business_calendar_start_of_day       (LtBusinessCalendar *self,
                                                     const GDate        *date);

/* "One business day before @instant" (the deadline reminders of §13 and
 * §14): the same vendor-local business time on the previous business
 * day. A time before opening counts as the opening, one after closing as
 * the closing, and an instant on a closed day as the closing of the
 * business day before it; so exactly one business day of business time
 * lies between the result and @instant. Returns the instant in the vendor
 * zone; NULL for an @instant that is not lt_instant_is_supported() or
 * without a business day before it. */
GDateTime  *lt_business_calendar_business_day_before (LtBusinessCalendar *self,
                                                       GDateTime          *instant);

/* The business hours as systemd calendar expressions (systemd.time(7)),
 * for the OnCalendar= lines of a timer: every @every_minutes from the
 * opening to the closing time, both included, on the business weekdays,
 * in the vendor's zone ("Mon..Fri *-*-* 08..16:00,15,30,45:00
 * America/Indiana/Indianapolis"). Holidays and closures cannot be said in
 * a calendar expression: a timer fires on them too. Returns: (transfer
 * full): a NULL-terminated array, empty when no weekday is a business
 * day; %NULL when @every_minutes is 0. */
char      **lt_business_calendar_dup_on_calendar    (LtBusinessCalendar *self,
                                                     guint               every_minutes);

G_END_DECLS
