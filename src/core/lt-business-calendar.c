/* lt-business-calendar.c: LockThreat's business calendar (RULES.md R3, R4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-business-calendar"

#include "config.h"

#include "lt-business-calendar.h"
#include "lt-date-util.h"

#include <glib/gi18n-lib.h>

/* Bits 1..7, one per GDateWeekday. */
#define ALL_WEEKDAYS_MASK 0xFEu
/* GDateTime cannot represent later instants; GDate goes on to 65535. */
#define MAX_TIME_YEAR     9999
#define MAX_DATE_YEAR     65535

/*
 * Everything the calendar knows about one year, computed once and then
 * never changed, so that readers need the lock only to find it.
 *
 * Business time is kept as prefix sums: a question about the business time
 * between two instants, or about the instant N minutes after another one,
 * becomes a subtraction or a binary search instead of a walk through the
 * days. Each business day's opening and closing are built from the local
 * date in the vendor zone, so a day that contains a daylight-saving change
 * is as long as it really is.
 */
typedef struct
{
  int       year;
  guint32   first_julian;       /* of 1 January */
  guint     n_days;
  GArray   *holidays;           /* LtHoliday, observed date in @year, sorted */
  guint16   days_before[367];   /* business days in [1 January, day i) */
  gboolean  has_times;          /* FALSE beyond GDateTime's range */
  gint64    opens[366];         /* µs since the Unix epoch */
  gint64    closes[366];
  gint64    usec_before[367];   /* business µs in the days [0, i) */
} YearInfo;

struct _LtBusinessCalendar
{
  GObject         parent_instance;

  /* Owned; never changed after construction */
  GTimeZone      *time_zone;
  char           *time_zone_id;
  guint           business_weekdays;
  guint           opens_minute;
  guint           closes_minute;
  LtObservedRule  observed_rule;
  GArray         *holiday_rules;      /* LtHolidayRule */
  GArray         *closures;           /* LtClosure */
  GHashTable     *closure_by_julian;  /* julian day -> LtClosure * in @closures */

  /* Owned; guarded by @years_lock. A YearInfo, once inserted, is immutable
   * and lives until finalize, so it may be read after the lock is dropped. */
  GMutex          years_lock;
  GHashTable     *years;              /* GINT_TO_POINTER (year) -> YearInfo */
};

G_DEFINE_FINAL_TYPE (LtBusinessCalendar, lt_business_calendar, G_TYPE_OBJECT)

/**
 * lt_holiday_rule_clear:
 * @rule: a rule
 *
 * Frees what @rule owns (not @rule itself); usable as a #GArray clear func.
 */
void
lt_holiday_rule_clear (LtHolidayRule *rule)
{
  g_return_if_fail (rule != NULL);

  g_clear_pointer (&rule->name, g_free);
}

/**
 * lt_holiday_clear:
 * @holiday: a holiday
 *
 * Frees what @holiday owns (not @holiday itself); usable as a #GArray clear
 * func.
 */
void
lt_holiday_clear (LtHoliday *holiday)
{
  g_return_if_fail (holiday != NULL);

  g_clear_pointer (&holiday->name, g_free);
}

/**
 * lt_closure_clear:
 * @closure: a closure
 *
 * Frees what @closure owns (not @closure itself); usable as a #GArray clear
 * func.
 */
void
lt_closure_clear (LtClosure *closure)
{
  g_return_if_fail (closure != NULL);

  g_clear_pointer (&closure->name, g_free);
}

static void
year_info_free (gpointer data)
{
  YearInfo *info = data;

  g_clear_pointer (&info->holidays, g_array_unref);
  g_free (info);
}

static gboolean
holiday_rule_is_valid (const LtHolidayRule *rule)
{
  if (!g_date_valid_month (rule->month))
    return FALSE;
  if (rule->day > 0)
    return rule->weekday == G_DATE_BAD_WEEKDAY && rule->day <= 31;
  return g_date_valid_weekday (rule->weekday) &&
         ((rule->nth >= 1 && rule->nth <= 5) || rule->nth == -1);
}

/* The date @rule gives in @year; FALSE when it has none that year (29
 * February in a common year, a fifth Monday that does not exist). */
static gboolean
holiday_rule_date (const LtHolidayRule *rule,
                   int                  year,
                   GDate               *date)
{
  guint8 days_in_month;
  GDate probe;
  int day;

  if (year < 1 || year > MAX_DATE_YEAR)
    return FALSE;

  days_in_month = g_date_get_days_in_month (rule->month, (GDateYear) year);
  g_date_clear (&probe, 1);

  if (rule->day > 0)
    {
      if (rule->day > days_in_month)
        return FALSE;
      day = rule->day;
    }
  else if (rule->nth > 0)
    {
      g_date_set_dmy (&probe, 1, rule->month, (GDateYear) year);
      day = 1 + ((int) rule->weekday - (int) g_date_get_weekday (&probe) + 7) % 7
              + 7 * (rule->nth - 1);
      if (day > days_in_month)
        return FALSE;
    }
  else
    {
      g_date_set_dmy (&probe, days_in_month, rule->month, (GDateYear) year);
      day = days_in_month -
            ((int) g_date_get_weekday (&probe) - (int) rule->weekday + 7) % 7;
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, rule->month, (GDateYear) year);
  return TRUE;
}

static void
observe (LtObservedRule  rule,
         const GDate    *actual,
         GDate          *observed)
{
  GDateWeekday weekday = g_date_get_weekday (actual);
  guint32 julian = g_date_get_julian (actual);

  *observed = *actual;
  if (rule != LT_OBSERVED_RULE_NEAREST_WEEKDAY)
    return;

  /* The edges of GDate's range have no day before or after to move to. */
  if (weekday == G_DATE_SATURDAY && julian > 1)
    g_date_subtract_days (observed, 1);
  else if (weekday == G_DATE_SUNDAY &&
           !(g_date_get_year (actual) == MAX_DATE_YEAR &&
             g_date_get_month (actual) == G_DATE_DECEMBER &&
             g_date_get_day (actual) == 31))
    g_date_add_days (observed, 1);
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  const LtHoliday *ha = a;
  const LtHoliday *hb = b;

  return g_date_compare (&ha->date, &hb->date);
}

/* Holidays observed in @year. A holiday of the year before or after can be
 * observed in @year (New Year's Day on a Saturday: 31 December before), so
 * the neighbouring years are computed too. */
static GArray *
compute_holidays (LtBusinessCalendar *self,
                  int                 year)
{
  GArray *holidays = g_array_new (FALSE, TRUE, sizeof (LtHoliday));

  g_array_set_clear_func (holidays, (GDestroyNotify) lt_holiday_clear);

  for (int y = year - 1; y <= year + 1; y++)
    {
      for (guint i = 0; i < self->holiday_rules->len; i++)
        {
          const LtHolidayRule *rule = &g_array_index (self->holiday_rules, LtHolidayRule, i);
          LtHoliday holiday = { 0 };

          if (!holiday_rule_date (rule, y, &holiday.actual))
            continue;
          observe (self->observed_rule, &holiday.actual, &holiday.date);
          if (g_date_get_year (&holiday.date) != (GDateYear) year)
            continue;

          holiday.name = g_strdup (rule->name != NULL ? rule->name : _("Holiday"));
          holiday.observed = g_date_compare (&holiday.date, &holiday.actual) != 0;
          g_array_append_val (holidays, holiday);
        }
    }

  /* g_array_sort is stable, so holidays on one day keep the rules' order. */
  g_array_sort (holidays, compare_holidays);
  return holidays;
}

/*
 * The instant (µs since the Unix epoch) at which the vendor's wall clock
 * reads @seconds_of_day on @date. The day is built with g_date_time_new in
 * the vendor zone rather than by adding hours to another instant, so a
 * daylight-saving change never shifts business hours. Where that wall-clock
 * time does not exist (the hour skipped in spring) GLib gives the first
 * instant after the gap; where it exists twice (the hour repeated in autumn)
 * GLib gives the later one and we take the first, when the clock first
 * shows it. 86400 s and more run into the next day (closing at 24:00).
 */
static gboolean
resolve_local (GTimeZone   *zone,
               const GDate *date,
               guint        seconds_of_day,
               gint64      *usec)
{
  g_autoptr(GDateTime) dt = NULL;
  GDate day = *date;
  gint64 unix_seconds;
  int interval;

  /* Only reached for years up to 9999, far from GDate's end. */
  if (seconds_of_day >= 86400)
    {
      g_date_add_days (&day, seconds_of_day / 86400);
      seconds_of_day %= 86400;
    }
  if (g_date_get_year (&day) > MAX_TIME_YEAR)
    return FALSE;

  dt = g_date_time_new (zone,
                        g_date_get_year (&day), g_date_get_month (&day), g_date_get_day (&day),
                        (int) (seconds_of_day / 3600), (int) (seconds_of_day / 60 % 60),
                        seconds_of_day % 60);
  if (dt == NULL)
    return FALSE;

  unix_seconds = g_date_time_to_unix (dt);
  interval = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, unix_seconds);
  if (interval > 0)
    {
      gint64 wall = unix_seconds + g_time_zone_get_offset (zone, interval);
      gint64 earlier = wall - g_time_zone_get_offset (zone, interval - 1);

      if (earlier < unix_seconds &&
          g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, earlier) == interval - 1)
        unix_seconds = earlier;
    }

  *usec = unix_seconds * G_USEC_PER_SEC;
  return TRUE;
}

static YearInfo *
compute_year (LtBusinessCalendar *self,
              int                 year)
{
  YearInfo *info = g_new0 (YearInfo, 1);
  gboolean closed[366] = { FALSE };
  GDate jan1;
  GDateWeekday jan1_weekday;

  g_date_clear (&jan1, 1);
  g_date_set_dmy (&jan1, 1, G_DATE_JANUARY, (GDateYear) year);
  jan1_weekday = g_date_get_weekday (&jan1);

  info->year = year;
  info->first_julian = g_date_get_julian (&jan1);
  info->n_days = g_date_is_leap_year ((GDateYear) year) ? 366 : 365;
  info->holidays = compute_holidays (self, year);
  info->has_times = year <= MAX_TIME_YEAR;

  for (guint i = 0; i < info->holidays->len; i++)
    {
      const LtHoliday *holiday = &g_array_index (info->holidays, LtHoliday, i);

      closed[g_date_get_julian (&holiday->date) - info->first_julian] = TRUE;
    }
  for (guint i = 0; i < self->closures->len; i++)
    {
      const LtClosure *closure = &g_array_index (self->closures, LtClosure, i);

      if (g_date_get_year (&closure->date) == (GDateYear) year)
        closed[g_date_get_julian (&closure->date) - info->first_julian] = TRUE;
    }

  for (guint i = 0; i < info->n_days; i++)
    {
      guint weekday = ((guint) jan1_weekday - 1 + i) % 7 + 1;
      gboolean business = !closed[i] && (self->business_weekdays & (1u << weekday)) != 0;
      gint64 length = 0;

      info->days_before[i + 1] = info->days_before[i] + (business ? 1 : 0);

      if (business && info->has_times)
        {
          GDate day;

          g_date_clear (&day, 1);
          g_date_set_julian (&day, info->first_julian + i);
          if (resolve_local (self->time_zone, &day, self->opens_minute * 60, &info->opens[i]) &&
              resolve_local (self->time_zone, &day, self->closes_minute * 60, &info->closes[i]))
            length = MAX (0, info->closes[i] - info->opens[i]);
        }
      if (length == 0)
        info->opens[i] = info->closes[i] = 0;
      info->usec_before[i + 1] = info->usec_before[i] + length;
    }

  return info;
}

/* Returns: (transfer none) (nullable): the year's data, NULL outside
 * GDate's range. Safe from any thread. */
static const YearInfo *
get_year (LtBusinessCalendar *self,
          int                 year)
{
  YearInfo *info;

  if (year < 1 || year > MAX_DATE_YEAR)
    return NULL;

  g_mutex_lock (&self->years_lock);
  info = g_hash_table_lookup (self->years, GINT_TO_POINTER (year));
  if (info == NULL)
    {
      info = compute_year (self, year);
      g_hash_table_insert (self->years, GINT_TO_POINTER (year), info);
    }
  g_mutex_unlock (&self->years_lock);

  return info;
}

/* Returns: (nullable): NULL for an invalid @date (the local date of an
 * instant that has none, see lt_business_calendar_local_date()). */
static const YearInfo *
get_year_of_date (LtBusinessCalendar *self,
                  const GDate        *date,
                  guint              *day_index)
{
  const YearInfo *info;

  *day_index = 0;
  if (!g_date_valid (date))
    return NULL;
  info = get_year (self, g_date_get_year (date));
  if (info != NULL)
    *day_index = g_date_get_julian (date) - info->first_julian;
  return info;
}

static gint64
instant_to_usec (GDateTime *instant)
{
  return g_date_time_to_unix (instant) * G_USEC_PER_SEC + g_date_time_get_microsecond (instant);
}

static GDateTime *
usec_to_instant (LtBusinessCalendar *self,
                 gint64              usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) exact = NULL;

  if (rest < 0)
    {
      seconds -= 1;
      rest += G_USEC_PER_SEC;
    }

  utc = g_date_time_new_from_unix_utc (seconds);
  if (utc == NULL)
    return NULL;
  exact = g_date_time_add (utc, rest);
  if (exact == NULL)
    return NULL;
  return g_date_time_to_timezone (exact, self->time_zone);
}

/* The vendor-local year data and day index of @instant; NULL when the
 * instant has no vendor-local date (it is a day or less from the end of
 * GDateTime's range, on the other side of UTC). */
static const YearInfo *
get_year_of_instant (LtBusinessCalendar *self,
                     GDateTime          *instant,
                     guint              *day_index)
{
  GDate date;

  lt_business_calendar_local_date (self, instant, &date);
  return get_year_of_date (self, &date, day_index);
}

static gint64
day_length (const YearInfo *info,
            guint           i)
{
  return info->usec_before[i + 1] - info->usec_before[i];
}

/* Business µs from 1 January of @info's year up to @usec, which lies on day
 * @i of that year. */
static gint64
usec_into_year (const YearInfo *info,
                guint           i,
                gint64          usec)
{
  gint64 length = day_length (info, i);
  gint64 done = 0;

  if (length > 0)
    done = CLAMP (usec - info->opens[i], 0, length);
  return info->usec_before[i] + done;
}

/*
 * The instant at which @remaining (> 0) business µs, counted from the start
 * of day @first of @info's year, are used up. Whole years are skipped by
 * their totals and the day is found by binary search on the prefix sums, so
 * the cost does not grow with @remaining. The result is never an opening: a
 * count that ends exactly at a closing gives that closing.
 */
static gboolean
advance_usec (LtBusinessCalendar *self,
              const YearInfo     *info,
              guint               first,
              gint64              remaining,
              gint64             *result)
{
  g_assert (remaining > 0);

  for (;;)
    {
      gint64 available;
      gint64 target;
      guint lo, hi;

      if (info == NULL || !info->has_times)
        return FALSE;

      available = info->usec_before[info->n_days] - info->usec_before[first];
      if (remaining > available)
        {
          remaining -= available;
          info = get_year (self, info->year + 1);
          first = 0;
          continue;
        }

      /* The first day j >= first whose prefix sum reaches the target. */
      target = info->usec_before[first] + remaining;
      lo = first;
      hi = info->n_days - 1;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (info->usec_before[mid + 1] >= target)
            hi = mid;
          else
            lo = mid + 1;
        }

      *result = info->opens[lo] + (target - info->usec_before[lo]);
      return TRUE;
    }
}

/* The same for business days: the @remaining-th (> 0) business day counted
 * from day @first of @info's year, that day included. */
static gboolean
advance_days (LtBusinessCalendar *self,
              const YearInfo     *info,
              guint               first,
              guint64             remaining,
              GDate              *result)
{
  g_assert (remaining > 0);

  for (;;)
    {
      guint available;
      guint target;
      guint lo, hi;

      if (info == NULL)
        return FALSE;

      available = info->days_before[info->n_days] - info->days_before[first];
      if (remaining > available)
        {
          remaining -= available;
          info = get_year (self, info->year + 1);
          first = 0;
          continue;
        }

      target = info->days_before[first] + (guint) remaining;
      lo = first;
      hi = info->n_days - 1;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (info->days_before[mid + 1] >= target)
            hi = mid;
          else
            lo = mid + 1;
        }

      g_date_clear (result, 1);
      g_date_set_julian (result, info->first_julian + lo);
      return TRUE;
    }
}

static void
lt_business_calendar_finalize (GObject *object)
{
  LtBusinessCalendar *self = (LtBusinessCalendar *) object;

  g_clear_pointer (&self->years, g_hash_table_unref);
  g_mutex_clear (&self->years_lock);
  g_clear_pointer (&self->closure_by_julian, g_hash_table_unref);
  g_clear_pointer (&self->closures, g_array_unref);
  g_clear_pointer (&self->holiday_rules, g_array_unref);
  g_clear_pointer (&self->time_zone_id, g_free);
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (lt_business_calendar_parent_class)->finalize (object);
}

static void
lt_business_calendar_class_init (LtBusinessCalendarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lt_business_calendar_finalize;
}

static void
lt_business_calendar_init (LtBusinessCalendar *self)
{
  g_mutex_init (&self->years_lock);
  self->years = g_hash_table_new_full (NULL, NULL, NULL, year_info_free);

  self->holiday_rules = g_array_new (FALSE, TRUE, sizeof (LtHolidayRule));
  g_array_set_clear_func (self->holiday_rules, (GDestroyNotify) lt_holiday_rule_clear);
  self->closures = g_array_new (FALSE, TRUE, sizeof (LtClosure));
  g_array_set_clear_func (self->closures, (GDestroyNotify) lt_closure_clear);
  self->closure_by_julian = g_hash_table_new (NULL, NULL);
}

/**
 * lt_business_calendar_new:
 * @time_zone: the vendor's time zone
 * @business_weekdays: bit (1 << #GDateWeekday) set for each working weekday
 * @opens_minute: opening, in minutes after local midnight
 * @closes_minute: closing, in minutes after local midnight (at most 1440)
 * @holiday_rules: (array length=n_holiday_rules) (nullable): the holidays
 * @n_holiday_rules: their number
 * @observed_rule: how a holiday on a weekend is observed
 * @closures: (array length=n_closures) (nullable): extra closure dates
 * @n_closures: their number
 *
 * Creates an immutable calendar; the rules and closures are copied. The
 * calendar may be used from several threads at once.
 *
 * Returns: (transfer full): a new calendar
 */
LtBusinessCalendar *
lt_business_calendar_new (GTimeZone           *time_zone,
                          guint                business_weekdays,
                          guint                opens_minute,
                          guint                closes_minute,
                          const LtHolidayRule *holiday_rules,
                          guint                n_holiday_rules,
                          LtObservedRule       observed_rule,
                          const LtClosure     *closures,
                          guint                n_closures)
{
  LtBusinessCalendar *self;

  g_return_val_if_fail (time_zone != NULL, NULL);
  g_return_val_if_fail ((business_weekdays & ALL_WEEKDAYS_MASK) != 0, NULL);
  g_return_val_if_fail ((business_weekdays & ~ALL_WEEKDAYS_MASK) == 0, NULL);
  g_return_val_if_fail (opens_minute < closes_minute && closes_minute <= 24 * 60, NULL);
  g_return_val_if_fail (holiday_rules != NULL || n_holiday_rules == 0, NULL);
  g_return_val_if_fail (closures != NULL || n_closures == 0, NULL);
  g_return_val_if_fail (observed_rule == LT_OBSERVED_RULE_NONE ||
                        observed_rule == LT_OBSERVED_RULE_NEAREST_WEEKDAY, NULL);

  for (guint i = 0; i < n_holiday_rules; i++)
    g_return_val_if_fail (holiday_rule_is_valid (&holiday_rules[i]), NULL);
  for (guint i = 0; i < n_closures; i++)
    g_return_val_if_fail (g_date_valid (&closures[i].date), NULL);

  self = g_object_new (LT_TYPE_BUSINESS_CALENDAR, NULL);
  self->time_zone = g_time_zone_ref (time_zone);
  self->time_zone_id = g_strdup (g_time_zone_get_identifier (time_zone));
  self->business_weekdays = business_weekdays;
  self->opens_minute = opens_minute;
  self->closes_minute = closes_minute;
  self->observed_rule = observed_rule;

  for (guint i = 0; i < n_holiday_rules; i++)
    {
      LtHolidayRule copy = holiday_rules[i];

      copy.name = g_strdup (holiday_rules[i].name);
      g_array_append_val (self->holiday_rules, copy);
    }

  for (guint i = 0; i < n_closures; i++)
    {
      LtClosure copy = closures[i];

      copy.name = g_strdup (closures[i].name);
      g_array_append_val (self->closures, copy);
    }
  /* Indexed only now: the array no longer moves. The first closure of a
   * date gives its name. */
  for (guint i = 0; i < self->closures->len; i++)
    {
      LtClosure *closure = &g_array_index (self->closures, LtClosure, i);
      gpointer key = GUINT_TO_POINTER (g_date_get_julian (&closure->date));

      if (!g_hash_table_contains (self->closure_by_julian, key))
        g_hash_table_insert (self->closure_by_julian, key, closure);
    }

  return self;
}

/**
 * lt_business_calendar_get_time_zone:
 * @self: a calendar
 *
 * Returns: (transfer none): the vendor's time zone
 */
GTimeZone *
lt_business_calendar_get_time_zone (LtBusinessCalendar *self)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);

  return self->time_zone;
}

/**
 * lt_business_calendar_get_time_zone_id:
 * @self: a calendar
 *
 * Returns: (transfer none): the zone's identifier, e.g.
 *   "America/Indiana/Indianapolis"
 */
const char *
lt_business_calendar_get_time_zone_id (LtBusinessCalendar *self)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);

  return self->time_zone_id;
}

/**
 * lt_business_calendar_get_business_weekdays:
 * @self: a calendar
 *
 * Returns: bit (1 << #GDateWeekday) set for each working weekday
 */
guint
lt_business_calendar_get_business_weekdays (LtBusinessCalendar *self)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), 0);

  return self->business_weekdays;
}

/**
 * lt_business_calendar_get_opens_minute:
 * @self: a calendar
 *
 * Returns: the opening time in minutes after local midnight
 */
guint
lt_business_calendar_get_opens_minute (LtBusinessCalendar *self)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), 0);

  return self->opens_minute;
}

/**
 * lt_business_calendar_get_closes_minute:
 * @self: a calendar
 *
 * Returns: the closing time in minutes after local midnight
 */
guint
lt_business_calendar_get_closes_minute (LtBusinessCalendar *self)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), 0);

  return self->closes_minute;
}

/**
 * lt_business_calendar_get_observed_rule:
 * @self: a calendar
 *
 * Returns: how holidays on weekends are observed
 */
LtObservedRule
lt_business_calendar_get_observed_rule (LtBusinessCalendar *self)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), LT_OBSERVED_RULE_NONE);

  return self->observed_rule;
}

/**
 * lt_business_calendar_get_holiday_rules:
 * @self: a calendar
 * @n_rules: (out) (optional): their number
 *
 * Returns: (transfer none) (array length=n_rules): the holiday rules
 */
const LtHolidayRule *
lt_business_calendar_get_holiday_rules (LtBusinessCalendar *self,
                                        guint              *n_rules)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);

  if (n_rules != NULL)
    *n_rules = self->holiday_rules->len;
  return (const LtHolidayRule *) (gpointer) self->holiday_rules->data;
}

/**
 * lt_business_calendar_get_closures:
 * @self: a calendar
 * @n_closures: (out) (optional): their number
 *
 * Returns: (transfer none) (array length=n_closures): the extra closures,
 *   in the order given
 */
const LtClosure *
lt_business_calendar_get_closures (LtBusinessCalendar *self,
                                   guint              *n_closures)
{
  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);

  if (n_closures != NULL)
    *n_closures = self->closures->len;
  return (const LtClosure *) (gpointer) self->closures->data;
}

/**
 * lt_business_calendar_list_holidays:
 * @self: a calendar
 * @year: a year
 *
 * The holidays whose observed date falls in @year, sorted by date. New
 * Year's Day on a Saturday, observed on 31 December before, is listed under
 * the earlier year.
 *
 * Returns: (transfer full) (element-type LtHoliday): the holidays
 */
GArray *
lt_business_calendar_list_holidays (LtBusinessCalendar *self,
                                    int                 year)
{
  const YearInfo *info;
  GArray *holidays;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);
  g_return_val_if_fail (year >= 1 && year <= MAX_DATE_YEAR, NULL);

  info = get_year (self, year);
  holidays = g_array_sized_new (FALSE, TRUE, sizeof (LtHoliday), info->holidays->len);
  g_array_set_clear_func (holidays, (GDestroyNotify) lt_holiday_clear);
  for (guint i = 0; i < info->holidays->len; i++)
    {
      LtHoliday copy = g_array_index (info->holidays, LtHoliday, i);

      copy.name = g_strdup (copy.name);
      g_array_append_val (holidays, copy);
    }
  return holidays;
}

static const char *
weekday_name (GDateWeekday weekday)
{
  static const char * const names[] = {
    NULL, N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday"),
  };

  g_assert (g_date_valid_weekday (weekday));
  return _(names[weekday]);
}

/**
 * lt_business_calendar_dup_closure_reason:
 * @self: a calendar
 * @date: a date
 *
 * Why the vendor is closed on @date: the holiday's name (on its observed
 * date), else the extra closure's name, else the weekday's name for a
 * non-working weekday.
 *
 * Returns: (transfer full) (nullable): the reason, or %NULL on a business day
 */
char *
lt_business_calendar_dup_closure_reason (LtBusinessCalendar *self,
                                         const GDate        *date)
{
  const LtClosure *closure;
  const YearInfo *info;
  GDateWeekday weekday;
  guint i;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  info = get_year_of_date (self, date, &i);
  if (info == NULL)
    return NULL;
  for (guint h = 0; h < info->holidays->len; h++)
    {
      const LtHoliday *holiday = &g_array_index (info->holidays, LtHoliday, h);

      if (g_date_compare (&holiday->date, date) == 0)
        return g_strdup (holiday->name);
    }

  closure = g_hash_table_lookup (self->closure_by_julian,
                                 GUINT_TO_POINTER (g_date_get_julian (date)));
  if (closure != NULL)
    return g_strdup (closure->name != NULL ? closure->name : _("Closed"));

  weekday = g_date_get_weekday (date);
  if ((self->business_weekdays & (1u << weekday)) == 0)
    return g_strdup (weekday_name (weekday));

  return NULL;
}

/**
 * lt_business_calendar_is_business_day:
 * @self: a calendar
 * @date: a date
 *
 * Returns: %TRUE when @date is a working weekday that is neither an
 *   observed holiday nor an extra closure
 */
gboolean
lt_business_calendar_is_business_day (LtBusinessCalendar *self,
                                      const GDate        *date)
{
  const YearInfo *info;
  guint i;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  info = get_year_of_date (self, date, &i);
  return info != NULL && info->days_before[i + 1] != info->days_before[i];
}

/**
 * lt_business_calendar_add_business_days:
 * @self: a calendar
 * @date: a date
 * @n: business days to add
 * @result: (out caller-allocates): where to store the date
 *
 * R3: when @date is not a business day, first rolls forward to the next
 * one, then steps @n business days forward; @n == 0 gives the rolled date.
 * @result is left invalid (cleared) if it would lie beyond year 9999: a
 * date no instant, no RFC 3339 text and no user can have (a change notice
 * sent on 9999-12-29 has no earliest start, rather than one in 10000).
 */
void
lt_business_calendar_add_business_days (LtBusinessCalendar *self,
                                        const GDate        *date,
                                        guint               n,
                                        GDate              *result)
{
  const YearInfo *info;
  guint i;

  g_return_if_fail (LT_IS_BUSINESS_CALENDAR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (result != NULL);

  info = get_year_of_date (self, date, &i);
  /* The rolled date is the first business day from @date on; @n more make
   * it the (n + 1)-th. */
  if (info == NULL || !advance_days (self, info, i, (guint64) n + 1, result) ||
      g_date_get_year (result) > MAX_TIME_YEAR)
    g_date_clear (result, 1);
}

/**
 * lt_business_calendar_count_business_days:
 * @self: a calendar
 * @from: the first day counted
 * @to: the day after the last one counted
 *
 * Returns: the number of business days in [@from, @to); 0 when @to <= @from
 */
guint
lt_business_calendar_count_business_days (LtBusinessCalendar *self,
                                          const GDate        *from,
                                          const GDate        *to)
{
  const YearInfo *info;
  gint64 count = 0;
  guint i, j;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), 0);
  g_return_val_if_fail (from != NULL && g_date_valid (from), 0);
  g_return_val_if_fail (to != NULL && g_date_valid (to), 0);

  if (g_date_compare (to, from) <= 0)
    return 0;

  info = get_year_of_date (self, from, &i);
  count -= info->days_before[i];
  for (int year = info->year; year < (int) g_date_get_year (to); year++)
    {
      info = get_year (self, year);
      count += info->days_before[info->n_days];
    }
  info = get_year_of_date (self, to, &j);
  count += info->days_before[j];

  return (guint) CLAMP (count, 0, (gint64) G_MAXUINT);
}

/**
 * lt_business_calendar_local_date:
 * @self: a calendar
 * @instant: an instant, in any zone
 * @date: (out caller-allocates): where to store the vendor-local date; left
 *   invalid (cleared) when @instant has none: a day or less from the end of
 *   GDateTime's range its local date would be year 0 or 10000 (see
 *   lt_instant_is_supported())
 */
void
lt_business_calendar_local_date (LtBusinessCalendar *self,
                                 GDateTime          *instant,
                                 GDate              *date)
{
  g_autoptr(GDateTime) local = NULL;
  int year, month, day;

  g_return_if_fail (LT_IS_BUSINESS_CALENDAR (self));
  g_return_if_fail (instant != NULL);
  g_return_if_fail (date != NULL);

  g_date_clear (date, 1);
  local = g_date_time_to_timezone (instant, self->time_zone);
  if (local == NULL)
    return;
  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/**
 * lt_business_calendar_is_open:
 * @self: a calendar
 * @instant: an instant, in any zone
 *
 * Returns: %TRUE when @instant lies in business hours of a business day,
 *   the opening included and the closing excluded
 */
gboolean
lt_business_calendar_is_open (LtBusinessCalendar *self,
                              GDateTime          *instant)
{
  const YearInfo *info;
  gint64 usec;
  guint i;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), FALSE);
  g_return_val_if_fail (instant != NULL, FALSE);

  info = get_year_of_instant (self, instant, &i);
  if (info == NULL)
    return FALSE;
  usec = instant_to_usec (instant);
  return day_length (info, i) > 0 && usec >= info->opens[i] && usec < info->closes[i];
}

/**
 * lt_business_calendar_next_opening:
 * @self: a calendar
 * @instant: an instant, in any zone
 *
 * Returns: (transfer full) (nullable): @instant when the vendor is open,
 *   else the next opening, in the vendor zone; %NULL past year 9999 and
 *   for an @instant without a vendor-local date
 */
GDateTime *
lt_business_calendar_next_opening (LtBusinessCalendar *self,
                                   GDateTime          *instant)
{
  const YearInfo *info;
  gint64 usec;
  gint64 found;
  guint i;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);
  g_return_val_if_fail (instant != NULL, NULL);

  info = get_year_of_instant (self, instant, &i);
  if (info == NULL)
    return NULL;
  usec = instant_to_usec (instant);

  if (day_length (info, i) > 0 && usec < info->closes[i])
    return usec_to_instant (self, MAX (usec, info->opens[i]));

  /* The first business microsecond of a later day ends one microsecond
   * after that day's opening. */
  if (!advance_usec (self, info, i + 1, 1, &found))
    return NULL;
  return usec_to_instant (self, found - 1);
}

/**
 * lt_business_calendar_add_business_minutes:
 * @self: a calendar
 * @start: when the clock starts, in any zone
 * @minutes: business minutes to add
 *
 * R4: @start + @minutes counting only business hours of business days. A
 * start outside business hours begins at the next opening; with @minutes
 * == 0 that next opening is the result. A result that lands exactly on a
 * closing time is that closing time, not the next opening. Seconds (and
 * microseconds) of @start are kept.
 *
 * Returns: (transfer full) (nullable): the instant in the vendor zone;
 *   %NULL past year 9999 and for a @start without a vendor-local date
 */
GDateTime *
lt_business_calendar_add_business_minutes (LtBusinessCalendar *self,
                                           GDateTime          *start,
                                           guint64             minutes)
{
  const YearInfo *info;
  gint64 remaining;
  gint64 usec;
  gint64 found;
  guint i;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);
  g_return_val_if_fail (start != NULL, NULL);

  if (minutes == 0)
    return lt_business_calendar_next_opening (self, start);
  /* Far more than GDateTime's range; it keeps the µs count in a gint64. */
  if (minutes > (guint64) G_MAXINT64 / (60 * G_USEC_PER_SEC))
    return NULL;

  info = get_year_of_instant (self, start, &i);
  if (info == NULL)
    return NULL;
  usec = instant_to_usec (start);
  remaining = (gint64) minutes * 60 * G_USEC_PER_SEC;

  /* What is left of the start's own day; the rest comes from later days. */
  if (day_length (info, i) > 0 && usec < info->closes[i])
    {
      gint64 begin = MAX (usec, info->opens[i]);
      gint64 available = info->closes[i] - begin;

      if (remaining <= available)
        return usec_to_instant (self, begin + remaining);
      remaining -= available;
    }

  if (!advance_usec (self, info, i + 1, remaining, &found))
    return NULL;
  return usec_to_instant (self, found);
}

/**
 * lt_business_calendar_business_seconds_between:
 * @self: a calendar
 * @from: an instant, in any zone
 * @to: another instant, in any zone
 *
 * Returns: the business seconds in [@from, @to), negated when @to is
 *   before @from; a fraction of a second is dropped; 0 when either has no
 *   vendor-local date
 */
gint64
lt_business_calendar_business_seconds_between (LtBusinessCalendar *self,
                                               GDateTime          *from,
                                               GDateTime          *to)
{
  const YearInfo *from_info;
  const YearInfo *to_info;
  gint64 total = 0;
  guint i, j;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), 0);
  g_return_val_if_fail (from != NULL, 0);
  g_return_val_if_fail (to != NULL, 0);

  if (g_date_time_compare (to, from) < 0)
    return -lt_business_calendar_business_seconds_between (self, to, from);

  from_info = get_year_of_instant (self, from, &i);
  to_info = get_year_of_instant (self, to, &j);
  if (from_info == NULL || to_info == NULL)
    return 0;
  total = usec_into_year (to_info, j, instant_to_usec (to)) -
          usec_into_year (from_info, i, instant_to_usec (from));

  for (int year = from_info->year; year < to_info->year; year++)
    {
      const YearInfo *whole = get_year (self, year);

      total += whole->usec_before[whole->n_days];
    }

  return total / G_USEC_PER_SEC;
}

/**
 * lt_business_calendar_within_business_days:
 * @self: a calendar
 * @instant: an instant, in any zone
 * @n: business days
 *
 * R3: "within @n business days of @instant" ends at the same vendor-local
 * time of day on add_business_days (local date of @instant, @n). Where that
 * local time does not exist (the hour skipped when clocks go forward) it is
 * the first instant after the gap; where it exists twice (clocks go back)
 * it is the first of the two.
 *
 * Returns: (transfer full) (nullable): the instant in the vendor zone;
 *   %NULL past year 9999 and for an @instant without a vendor-local date
 */
GDateTime *
lt_business_calendar_within_business_days (LtBusinessCalendar *self,
                                           GDateTime          *instant,
                                           guint               n)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) found = NULL;
  GDate date;
  GDate target;
  guint seconds_of_day;
  gint64 usec;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);
  g_return_val_if_fail (instant != NULL, NULL);

  local = g_date_time_to_timezone (instant, self->time_zone);
  if (local == NULL)
    return NULL;
  lt_business_calendar_local_date (self, local, &date);
  lt_business_calendar_add_business_days (self, &date, n, &target);
  if (!g_date_valid (&target))
    return NULL;

  seconds_of_day = (guint) (g_date_time_get_hour (local) * 3600 +
                            g_date_time_get_minute (local) * 60 +
                            g_date_time_get_second (local));
  if (!resolve_local (self->time_zone, &target, seconds_of_day, &usec))
    return NULL;

  found = usec_to_instant (self, usec);
  if (found == NULL)
    return NULL;
  /* Keep the fraction of a second, except when a gap moved the time: the
   * first instant after the gap is its end, exactly. */
  if (g_date_time_get_hour (found) * 3600 + g_date_time_get_minute (found) * 60 +
      g_date_time_get_second (found) == (int) seconds_of_day)
    return usec_to_instant (self, usec + g_date_time_get_microsecond (local));
  return g_steal_pointer (&found);
}

/**
 * lt_business_calendar_previous_business_day:
 * @self: a calendar
 * @date: a valid date
 * @result: (out caller-allocates): the latest business day before @date
 *
 * @result is cleared when no business day comes before @date within ten
 * years (a calendar with no business weekday) or before year 1.
 */
void
lt_business_calendar_previous_business_day (LtBusinessCalendar *self,
                                             const GDate        *date,
                                             GDate              *result)
{
  GDate day;

  g_return_if_fail (LT_IS_BUSINESS_CALENDAR (self));
  g_return_if_fail (date != NULL && g_date_valid (date));
  g_return_if_fail (result != NULL);

  g_date_clear (result, 1);
  day = *date;
  /* Ten years of days is far more than any run of holidays; a calendar
   * without business days must not loop for ever. */
  for (guint i = 0; i < 3660; i++)
    {
      if (g_date_get_julian (&day) <= 1)
        return;
      g_date_subtract_days (&day, 1);
      if (lt_business_calendar_is_business_day (self, &day))
        {
          *result = day;
          return;
        }
    }
}

/**
 * lt_business_calendar_start_of_day:
 * @self: a calendar
 * @date: a valid vendor-local date
 *
 * Returns: (transfer full) (nullable): the first instant of @date in the
 *   vendor zone; %NULL past year 9999
 */
GDateTime *
lt_business_calendar_start_of_day (LtBusinessCalendar *self,
                                   const GDate        *date)
{
  gint64 usec;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (!resolve_local (self->time_zone, date, 0, &usec))
    return NULL;
  return usec_to_instant (self, usec);
}

/**
 * lt_business_calendar_business_day_before:
 * @self: a calendar
 * @instant: (nullable): a deadline, in any zone
 *
 * "One business day before @instant": the same vendor-local business time
 * on the previous business day. A time of day before opening counts as
 * the opening and one after closing as the closing (the business time
 * they stand for), and an instant on a closed day as the closing of the
 * business day before it. So a Monday 10:00 deadline gives Friday 10:00,
 * a Wednesday 20:00 one Tuesday 17:00, and a holiday in between is
 * skipped like a weekend.
 *
 * Returns: (transfer full) (nullable): the instant in the vendor zone;
 *   %NULL for an @instant that is %NULL or not lt_instant_is_supported(),
 *   and when no business day comes before it
 */
GDateTime *
lt_business_calendar_business_day_before (LtBusinessCalendar *self,
                                          GDateTime          *instant)
{
  g_autoptr(GDateTime) local = NULL;
  GDate date;
  GDate target;
  guint seconds_of_day;
  guint opens, closes;
  gint64 usec;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);

  if (!lt_instant_is_supported (instant))
    return NULL;
  local = g_date_time_to_timezone (instant, self->time_zone);
  if (local == NULL)
    return NULL;

  lt_business_calendar_local_date (self, local, &date);
  if (!g_date_valid (&date))
    return NULL;
  opens = self->opens_minute * 60;
  closes = self->closes_minute * 60;
  seconds_of_day = (guint) (g_date_time_get_hour (local) * 3600 +
                            g_date_time_get_minute (local) * 60 +
                            g_date_time_get_second (local));

  if (!lt_business_calendar_is_business_day (self, &date))
    {
      /* A closed day's business time is where the last business day
       * ended. */
      GDate before;

      lt_business_calendar_previous_business_day (self, &date, &before);
      if (!g_date_valid (&before))
        return NULL;
      date = before;
      seconds_of_day = closes;
    }
  else
    seconds_of_day = CLAMP (seconds_of_day, opens, closes);

  lt_business_calendar_previous_business_day (self, &date, &target);
  if (!g_date_valid (&target) || !resolve_local (self->time_zone, &target, seconds_of_day, &usec))
    return NULL;
  return usec_to_instant (self, usec);
}

/* systemd.time(7)'s weekday names, Monday first like GDateWeekday. */
static const char * const calendar_weekday_names[] = {
  NULL, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
};

/* "Mon..Fri", "Mon,Wed,Fri", "Mon..Wed,Sat": a run of three days or more
 * as a range, shorter ones listed. */
static char *
dup_calendar_weekdays (guint weekdays)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint day = G_DATE_MONDAY;

  while (day <= G_DATE_SUNDAY)
    {
      guint last = day;

      if ((weekdays & (1u << day)) == 0)
        {
          day++;
          continue;
        }
      while (last + 1 <= G_DATE_SUNDAY && (weekdays & (1u << (last + 1))) != 0)
        last++;
      if (text->len > 0)
        g_string_append_c (text, ',');
      if (last >= day + 2)
        g_string_append_printf (text, "%s..%s", calendar_weekday_names[day],
                                calendar_weekday_names[last]);
      else if (last == day + 1)
        g_string_append_printf (text, "%s,%s", calendar_weekday_names[day],
                                calendar_weekday_names[last]);
      else
        g_string_append (text, calendar_weekday_names[day]);
      day = last + 1;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * lt_business_calendar_dup_on_calendar:
 * @self: a calendar
 * @every_minutes: the interval between two runs, counted from the opening
 *
 * The business hours as systemd calendar expressions: the timer units of
 * data/systemd are generated from the bundled policy's calendar with it,
 * and `ltsupport policy on-calendar` prints them for another contract's
 * hours, so that the hours are written once, in the policy.
 *
 * Returns: (transfer full) (nullable): the expressions, one per group of
 *   hours that share their minutes
 */
char **
lt_business_calendar_dup_on_calendar (LtBusinessCalendar *self,
                                      guint               every_minutes)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *days = NULL;
  /* Bit m of minutes[h]: a run at h:m, vendor-local. */
  guint64 minutes[24] = { 0 };
  guint hour = 0;

  g_return_val_if_fail (LT_IS_BUSINESS_CALENDAR (self), NULL);

  if (every_minutes == 0)
    return NULL;

  builder = g_strv_builder_new ();
  if ((self->business_weekdays & 0xfe) == 0)
    return g_strv_builder_end (builder);

  /* The closing time is included: the last run of the day sees what the
   * vendor did before closing, not only the next morning. A calendar
   * closing at 24:00 ends at 23:xx, the last time of day systemd knows. */
  for (guint t = self->opens_minute; t <= self->closes_minute && t < 24 * 60; t += every_minutes)
    minutes[t / 60] |= G_GUINT64_CONSTANT (1) << (t % 60);

  days = dup_calendar_weekdays (self->business_weekdays);
  while (hour < 24)
    {
      g_autoptr(GString) minute_list = NULL;
      g_autofree char *hours = NULL;
      guint last = hour;

      if (minutes[hour] == 0)
        {
          hour++;
          continue;
        }
      /* Consecutive hours with the same minutes share one expression. */
      while (last + 1 < 24 && minutes[last + 1] == minutes[hour])
        last++;
      minute_list = g_string_new (NULL);
      for (guint m = 0; m < 60; m++)
        if ((minutes[hour] & (G_GUINT64_CONSTANT (1) << m)) != 0)
          g_string_append_printf (minute_list, "%s%02u", minute_list->len > 0 ? "," : "", m);
      if (last > hour)
        hours = g_strdup_printf ("%02u..%02u", hour, last);
      else
        hours = g_strdup_printf ("%02u", hour);
      {
        g_autofree char *expression = g_strdup_printf ("%s *-*-* %s:%s:00 %s", days, hours,
                                                       minute_list->str, self->time_zone_id);

        g_strv_builder_add (builder, expression);
      }
      hour = last + 1;
    }
  return g_strv_builder_end (builder);
}
