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
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a date (expected YYYY-MM-DD)"),
                   text ? text : "");
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

static gboolean
has_explicit_offset (const char *text)
{
  const char *t = strpbrk (text, "Tt ");
  const char *tail;

  if (t == NULL)
    return FALSE;
  tail = t + 1;
  return strpbrk (tail, "Zz+-") != NULL;
}

GDateTime *
lt_instant_parse (const char  *text,
                  GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL || !has_explicit_offset (text) ||
      (parsed = g_date_time_new_from_iso8601 (text, utc)) == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not an RFC 3339 time with an offset "
                     "(e.g. 2026-11-27T11:00:00-05:00)"),
                   text ? text : "");
      return NULL;
    }

  return g_date_time_to_utc (parsed);
}

char *
lt_instant_format (GDateTime *instant)
{
  g_autofree char *rest = NULL;

  g_return_val_if_fail (instant != NULL, NULL);

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

  local = g_date_time_to_timezone (instant, zone);
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
