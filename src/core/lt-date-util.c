/* lt-date-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-date-util"

#include "config.h"

#include "lt-date-util.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

static gboolean
parse_fixed_digits (const char *p,
                    guint       n_digits,
                    guint      *value)
{
  guint v = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (guint) (p[i] - '0');
    }
  *value = v;
  return TRUE;
}

/* @text as an error message may quote it: valid UTF-8 whatever arrived
 * (the message is shown in a label and a terminal), and short (a portal
 * may put a megabyte where a date belongs). Anything longer than any date
 * or time is cut with an ellipsis. */
static char *
dup_quotable (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  if (g_utf8_strlen (valid, -1) <= 40)
    return g_steal_pointer (&valid);
  {
    g_autofree char *head = g_utf8_substring (valid, 0, 39);

    return g_strconcat (head, "…", NULL);
  }
}

gboolean
lt_date_parse (const char  *text,
               GDate       *date,
               GError     **error)
{
  guint y, m, d;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !parse_fixed_digits (text, 4, &y) ||
      !parse_fixed_digits (text + 5, 2, &m) ||
      !parse_fixed_digits (text + 8, 2, &d))
    {
      g_autofree char *quoted = dup_quotable (text);

      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a date (expected YYYY-MM-DD)"), quoted);
      return FALSE;
    }

  if (y < 1 || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a valid calendar date"), text);
      return FALSE;
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
  return TRUE;
}

char *
lt_date_format (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/* The first and the end (excluded) of the instants lt_instant_parse()
 * accepts, in seconds since the Unix epoch: 0001-01-02T00:00:00Z and
 * 9999-12-31T00:00:00Z. GDateTime ends at 0001-01-01 and 9999-12-31 of the
 * zone it is in, so an instant closer than a day to either end has no local
 * date in a zone on the other side of UTC (0001-01-01T00:00:00Z in the
 * vendor's -05:00 is year 0), and every calendar computation on it failed.
 * A day is more than any UTC offset (RFC 3339 allows up to 23:59), so an
 * instant in this range has a local date in 0001–9999 in every zone. */
#define INSTANT_MIN_UNIX G_GINT64_CONSTANT (-62135510400)
#define INSTANT_END_UNIX G_GINT64_CONSTANT (253402214400)

/**
 * lt_instant_is_supported:
 * @instant: (nullable): an instant, in any zone
 *
 * Returns: %TRUE when @instant lies from 0001-01-02T00:00:00Z up to (not
 *   including) 9999-12-31T00:00:00Z, so that its local date in any zone is
 *   a date of the years 0001–9999; %FALSE for %NULL
 */
gboolean
lt_instant_is_supported (GDateTime *instant)
{
  gint64 seconds;

  if (instant == NULL)
    return FALSE;
  seconds = g_date_time_to_unix (instant);
  return seconds >= INSTANT_MIN_UNIX && seconds < INSTANT_END_UNIX;
}

/**
 * lt_instant_check_supported:
 * @instant: (nullable): an instant, in any zone
 * @text: how the user or the portal gave it, quoted in the error
 * @error: return location for a #GError
 *
 * Returns: %TRUE when lt_instant_is_supported(); else %FALSE with
 *   LT_ERROR_INVALID_INPUT saying the range
 */
gboolean
lt_instant_check_supported (GDateTime   *instant,
                            const char  *text,
                            GError     **error)
{
  if (lt_instant_is_supported (instant))
    return TRUE;
  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("“%s” is outside the supported range of times "
                 "(0001-01-02T00:00:00Z to 9999-12-30T23:59:59Z)"),
               text);
  return FALSE;
}

/**
 * lt_instant_get_invalid_label:
 *
 * Returns: (transfer none): "invalid date", translated
 */
const char *
lt_instant_get_invalid_label (void)
{
  /* TRANSLATORS: shown in place of a stored time that lies outside the
   * years 0001–9999 in some time zone */
  return _("invalid date");
}

/* RFC 3339 §5.6 date-time: full-date "T" partial-time time-offset, with
 * the "T" and "Z" in either case (§5.6, note on case) or the separator a
 * space (§5.6, NOTE). GLib's ISO 8601 reader also takes week dates,
 * ordinal dates and the basic format, which no portal or user sends as
 * RFC 3339: the shape is checked here first. */
static gboolean
is_rfc3339_shape (const char *text)
{
  static const char layout[] = "dddd-dd-dd?dd:dd:dd";
  const char *p = text;

  for (guint i = 0; layout[i] != '\0'; i++, p++)
    {
      if (layout[i] == 'd' ? !g_ascii_isdigit (*p)
          : layout[i] == '?' ? (*p != 'T' && *p != 't' && *p != ' ')
          : *p != layout[i])
        return FALSE;
    }

  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (*p == 'Z' || *p == 'z')
    return p[1] == '\0';
  return (*p == '+' || *p == '-') &&
         g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]) && p[3] == ':' &&
         g_ascii_isdigit (p[4]) && g_ascii_isdigit (p[5]) && p[6] == '\0';
}

/**
 * lt_instant_parse:
 * @text: (nullable): an RFC 3339 date-time
 * @error: return location for a #GError
 *
 * The one reader of instants: the portal's answers, the devportal's
 * requests, the command line and the app's fixed clock all come through
 * here. Refuses a time without an offset (it would be read in some zone),
 * any other ISO 8601 form, an impossible date or time, and an instant
 * outside lt_instant_is_supported().
 *
 * Returns: (transfer full) (nullable): the instant in UTC
 */
GDateTime *
lt_instant_parse (const char  *text,
                  GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autoptr(GDateTime) result = NULL;
  g_autofree char *upper = NULL;

  if (text != NULL && is_rfc3339_shape (text))
    {
      /* GLib reads only an upper-case "Z"; the shape admits no other
       * letter. */
      upper = g_ascii_strup (text, -1);
      parsed = g_date_time_new_from_iso8601 (upper, utc);
    }
  if (parsed == NULL)
    {
      g_autofree char *quoted = dup_quotable (text);

      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not an RFC 3339 time with an offset "
                     "(e.g. 2026-11-27T11:00:00-05:00)"), quoted);
      return NULL;
    }

  /* 9999-12-31T23:59:59-12:00 exists in its own zone but not in UTC:
   * g_date_time_to_utc() gives NULL there. */
  result = g_date_time_to_utc (parsed);
  if (!lt_instant_check_supported (result, text, error))
    return NULL;

  return g_steal_pointer (&result);
}

char *
lt_instant_format (GDateTime *instant)
{
  g_autofree char *rest = NULL;

  g_return_val_if_fail (instant != NULL, NULL);

  /* Before standard time a zone's offset is its local mean time, with
   * seconds (Indianapolis was -05:44:38): RFC 3339 offsets have none, and
   * "-05:44" would name another instant. Such an instant is written in
   * UTC instead (found by fuzzing the instant parser). */
  if (g_date_time_get_utc_offset (instant) % G_TIME_SPAN_MINUTE != 0)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);

      if (utc != NULL)
        return lt_instant_format (utc);
    }

  /* g_date_time_format() writes the year 285 as "285", which is not RFC
   * 3339 and which lt_instant_parse() refuses (found by fuzzing the
   * portal's JSON): the year is padded here. */
  if (g_date_time_get_utc_offset (instant) == 0 &&
      g_strcmp0 (g_date_time_get_timezone_abbreviation (instant), "UTC") == 0)
    rest = g_date_time_format (instant, "-%m-%dT%H:%M:%SZ");
  else
    rest = g_date_time_format (instant, "-%m-%dT%H:%M:%S%:z");
  return g_strdup_printf ("%04d%s", g_date_time_get_year (instant), rest);
}

char *
lt_instant_format_in_zone (GDateTime *instant,
                           GTimeZone *zone)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (instant != NULL && zone != NULL, NULL);

  /* NULL where the local date would lie outside 0001–9999. */
  local = g_date_time_to_timezone (instant, zone);
  if (local == NULL)
    return NULL;
  return lt_instant_format (local);
}

void
lt_date_add_months (const GDate *date,
                    guint        months,
                    GDate       *result)
{
  g_return_if_fail (date != NULL && g_date_valid (date) && result != NULL);

  /* g_date_add_months clamps to the last day of the target month, which is
   * what "6 months after 31 August" means to a person. */
  *result = *date;
  g_date_add_months (result, months);
}

void
lt_date_set_from_instant (GDate     *date,
                          GDateTime *instant)
{
  g_return_if_fail (date != NULL && instant != NULL);

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (instant),
                  (GDateMonth) g_date_time_get_month (instant),
                  (GDateYear) g_date_time_get_year (instant));
}

GDateTime *
lt_date_to_utc_midnight (const GDate *date)
{
  return g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 0, 0, 0);
}
