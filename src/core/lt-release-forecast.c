/* lt-release-forecast.c: release pace and estimated end of support
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-release-forecast"

#include "config.h"

#include "lt-release-forecast.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

/* The last day a GDate of ours may hold: the estimates stay in the years
 * every date of the project lives in (lt-date-util.h). */
#define LAST_JULIAN_DAY 3652059u /* 9999-12-31 */

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * lt_release_forecast_new:
 * @catalog: the release catalog
 * @today: the day to forecast from (the caller's clock, usually the
 *   user's local date)
 *
 * The release pace of @catalog's recent history (see the header for the
 * method). A history too short gives a forecast whose @available is
 * %FALSE, with its @reason.
 *
 * Returns: (transfer full): the forecast, for lt_release_forecast_free()
 */
LtReleaseForecast *
lt_release_forecast_new (LtReleaseCatalog *catalog,
                         const GDate      *today)
{
  g_autoptr(LtReleaseForecast) self = g_new0 (LtReleaseForecast, 1);
  g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint intervals[LT_RELEASE_FORECAST_MAX_INTERVALS];
  guint n_releases;
  guint first;
  guint n;

  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (catalog), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self->today = *today;
  g_date_clear (&self->last_release, 1);

  n_releases = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  for (guint i = 0; i < n_releases; i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      const GDate *released = lt_release_get_released (release);
      guint32 julian;

      if (lt_release_get_withdrawn (release) || released == NULL || !g_date_valid (released))
        continue;
      julian = g_date_get_julian (released);
      g_array_append_val (days, julian);
    }
  /* The catalog is in version order; the pace is in date order (a
   * maintenance release of an older line ships between newer ones). */
  g_array_sort (days, compare_julian);

  n = days->len > 0 ? MIN (days->len - 1, LT_RELEASE_FORECAST_MAX_INTERVALS) : 0;
  self->n_intervals = n;
  if (days->len > 0)
    g_date_set_julian (&self->last_release, g_array_index (days, guint32, days->len - 1));

  if (n < LT_RELEASE_FORECAST_MIN_INTERVALS)
    {
      self->reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "The release history is too short for an "
                                                   "estimate: it takes at least %u intervals "
                                                   "between releases and the catalog has %u.",
                                                   "The release history is too short for an "
                                                   "estimate: it takes at least %u intervals "
                                                   "between releases and the catalog has %u.",
                                                   LT_RELEASE_FORECAST_MIN_INTERVALS),
                                      LT_RELEASE_FORECAST_MIN_INTERVALS, n);
      return g_steal_pointer (&self);
    }

  first = days->len - 1 - n;
  for (guint i = 0; i < n; i++)
    intervals[i] = g_array_index (days, guint32, first + i + 1) - g_array_index (days, guint32, first + i);
  qsort (intervals, n, sizeof (guint), compare_uint);

  self->shortest_days = intervals[0];
  self->longest_days = intervals[n - 1];
  self->median_days = n % 2 == 1 ? intervals[n / 2]
                                 : (intervals[n / 2 - 1] + intervals[n / 2]) / 2;

  if (self->median_days == 0)
    {
      /* Every recent release shipped on one day with another: there is
       * no pace to speak of. */
      self->reason = g_strdup (_("The recent releases shipped on the same days, so they show "
                                 "no pace to estimate from."));
      return g_steal_pointer (&self);
    }

  self->available = TRUE;
  self->overdue = g_date_get_julian (today) > g_date_get_julian (&self->last_release) + self->median_days;

  return g_steal_pointer (&self);
}

void
lt_release_forecast_free (LtReleaseForecast *self)
{
  if (self == NULL)
    return;
  g_free (self->reason);
  g_free (self);
}

/* The k-th release at @interval days apart, from the last release, or from
 * today when the first of them would already be late (see the header). */
static gboolean
release_day (const LtReleaseForecast *self,
             guint                    k,
             guint                    interval,
             GDate                   *day)
{
  guint64 last = g_date_get_julian (&self->last_release);
  guint64 today = g_date_get_julian (&self->today);
  guint64 julian;

  if (last + interval < today)
    julian = today + (guint64) (k - 1) * interval;
  else
    julian = last + (guint64) k * interval;
  julian = MAX (julian, today);

  if (julian > LAST_JULIAN_DAY)
    return FALSE;
  if (day != NULL)
    g_date_set_julian (day, (guint32) julian);
  return TRUE;
}

/**
 * lt_release_forecast_get_release_dates:
 * @self: a forecast
 * @k: which next release, from 1
 * @likely: (out) (optional): the likely day, at the median pace
 * @earliest: (out) (optional): at the shortest recent interval
 * @latest: (out) (optional): at the longest recent interval
 *
 * Returns: %FALSE when there is no forecast or the day would lie past
 *   9999-12-31; the out parameters are then untouched
 */
gboolean
lt_release_forecast_get_release_dates (const LtReleaseForecast *self,
                                       guint                    k,
                                       GDate                   *likely,
                                       GDate                   *earliest,
                                       GDate                   *latest)
{
  GDate a, b, c;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (k >= 1, FALSE);

  if (!self->available)
    return FALSE;
  if (!release_day (self, k, self->median_days, &a) ||
      !release_day (self, k, self->shortest_days, &b) ||
      !release_day (self, k, self->longest_days, &c))
    return FALSE;

  if (likely != NULL)
    *likely = a;
  if (earliest != NULL)
    *earliest = b;
  if (latest != NULL)
    *latest = c;
  return TRUE;
}

char *
lt_release_forecast_dup_pace_label (const LtReleaseForecast *self)
{
  guint days;

  g_return_val_if_fail (self != NULL, NULL);

  days = self->median_days;
  /* A month is 30.44 days on average; weeks below six of them read
   * better than "~1 month". */
  if (days >= 45)
    {
      guint months = (guint) ((days + 15.22) / 30.44);

      /* TRANSLATORS: the usual time between two releases, as in "if releases keep their usual pace of ~3 months" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "~%u month", "~%u months", months), months);
    }
  if (days >= 14)
    {
      guint weeks = (days + 3) / 7;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "~%u week", "~%u weeks", weeks), weeks);
    }
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "~%u day", "~%u days", days), days);
}

char *
lt_release_forecast_dup_basis_label (const LtReleaseForecast *self)
{
  g_autofree char *pace = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->available)
    return g_strdup (self->reason);
  pace = lt_release_forecast_dup_pace_label (self);
  /* TRANSLATORS: the basis of estimated end-of-support dates: "if releases keep their usual pace of ~3 months (the median of the last 8 intervals between releases)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "if releases keep their usual pace of %s (the median of "
                                       "the last %u interval between releases)",
                                       "if releases keep their usual pace of %s (the median of "
                                       "the last %u intervals between releases)",
                                       self->n_intervals),
                          pace, self->n_intervals);
}

/* ---- Support end -------------------------------------------------------- */

static char *
format_month (const GDate *date)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                    g_date_get_day (date), 0, 0, 0);

  /* TRANSLATORS: a month and year as a date estimate is worded, "March 2027";
   * a g_date_time_format() format (%OB: the month's name on its own) */
  return g_date_time_format (time, _("%OB %Y"));
}

/* The month alone, "February", for the start of a range within one year. */
static char *
format_month_only (const GDate *date)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                    g_date_get_day (date), 0, 0, 0);

  return g_date_time_format (time, "%OB");
}

static char *
format_label (const LtReleaseForecast    *forecast,
              const LtSupportEndEstimate *estimate)
{
  g_autofree char *likely = format_month (&estimate->likely);
  g_autofree char *earliest = format_month (&estimate->earliest);
  g_autofree char *latest = format_month (&estimate->latest);
  g_autofree char *pace = lt_release_forecast_dup_pace_label (forecast);

  /* "between February and May 2027": the year once when both ends share it. */
  if (g_date_get_year (&estimate->earliest) == g_date_get_year (&estimate->latest) &&
      !g_str_equal (earliest, latest))
    {
      g_free (earliest);
      earliest = format_month_only (&estimate->earliest);
    }

  if (g_str_equal (earliest, latest))
    /* TRANSLATORS: an estimated end of support with its basis: "about March 2027, if releases keep their usual pace of ~3 months" */
    return g_strdup_printf (_("about %s, if releases keep their usual pace of %s"), likely, pace);

  /* TRANSLATORS: an estimated end of support with its range and basis: "about March 2027 (between February and May 2027), if releases keep their usual pace of ~3 months" */
  return g_strdup_printf (_("about %s (between %s and %s), if releases keep their usual pace of %s"),
                          likely, earliest, latest, pace);
}

/**
 * lt_support_end_estimate_new:
 * @forecast: the catalog's forecast (lt_release_forecast_new())
 * @eligibility: the verdict on the installed version, from the same
 *   catalog
 *
 * When the version of @eligibility probably leaves support: the day its
 * releases_until_unsupported-th next release ships. This is what
 * `eligibility`, `check eligibility`, `metrics`
 * (lockthreat_installation_support_end_estimate_seconds: @likely), the
 * Versions page and the calendar show.
 *
 * Returns: (transfer full): the estimate, never %NULL; @available %FALSE
 *   with a @reason when there is none
 */
LtSupportEndEstimate *
lt_support_end_estimate_new (const LtReleaseForecast *forecast,
                             const LtEligibility     *eligibility)
{
  g_autoptr(LtSupportEndEstimate) self = g_new0 (LtSupportEndEstimate, 1);

  g_return_val_if_fail (forecast != NULL, NULL);
  g_return_val_if_fail (eligibility != NULL, NULL);

  g_date_clear (&self->likely, 1);
  g_date_clear (&self->earliest, 1);
  g_date_clear (&self->latest, 1);
  self->releases_left = eligibility->releases_until_unsupported;
  self->median_days = forecast->median_days;
  self->n_intervals = forecast->n_intervals;

  switch (eligibility->status)
    {
    case LT_SUPPORT_STATUS_UNSUPPORTED:
      self->reason = g_strdup (_("It is not supported now, so there is no end of support to "
                                 "estimate."));
      return g_steal_pointer (&self);
    case LT_SUPPORT_STATUS_UNKNOWN:
      self->reason = g_strdup (_("Its version is not in the release catalog, so its end of "
                                 "support cannot be estimated."));
      return g_steal_pointer (&self);
    case LT_SUPPORT_STATUS_CURRENT:
    case LT_SUPPORT_STATUS_SUPPORTED:
    default:
      break;
    }

  if (!forecast->available)
    {
      self->reason = g_strdup (forecast->reason);
      return g_steal_pointer (&self);
    }
  if (self->releases_left == 0)
    {
      self->reason = g_strdup (_("It is not supported now, so there is no end of support to "
                                 "estimate."));
      return g_steal_pointer (&self);
    }
  if (self->releases_left > LT_RELEASE_FORECAST_MAX_RELEASES_AHEAD ||
      !lt_release_forecast_get_release_dates (forecast, self->releases_left, &self->likely,
                                              &self->earliest, &self->latest))
    {
      self->reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "It stays supported for %u more release, too "
                                                   "far ahead to estimate a date.",
                                                   "It stays supported for %u more releases, too "
                                                   "far ahead to estimate a date.",
                                                   self->releases_left),
                                      self->releases_left);
      return g_steal_pointer (&self);
    }

  self->available = TRUE;
  self->label = format_label (forecast, self);
  return g_steal_pointer (&self);
}

void
lt_support_end_estimate_free (LtSupportEndEstimate *self)
{
  if (self == NULL)
    return;
  g_free (self->reason);
  g_free (self->label);
  g_free (self);
}

char *
lt_support_end_estimate_dup_short_label (const LtSupportEndEstimate *self)
{
  g_autofree char *month = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->available)
    return NULL;
  month = format_month (&self->likely);
  /* TRANSLATORS: an estimated end of support, "about March 2027" */
  return g_strdup_printf (_("about %s"), month);
}
