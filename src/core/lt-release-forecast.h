/* lt-release-forecast.h: when the next releases are likely, and so when
 * an installation probably leaves support (issue 13, point 6)
 *
 * The policy counts releases (R2: current plus N preceding ones are
 * supported); admins plan in dates. This turns the catalog's history into
 * dates, always as an estimate with its basis, never as a promise:
 *
 * - History: the release dates of the catalog's non-withdrawn releases,
 *   in date order, of which the most recent LT_RELEASE_FORECAST_MAX_INTERVALS
 *   + 1 (so at most 8 intervals, about two years at a quarterly pace: the
 *   vendor's present pace, not the one of its early years). A withdrawn
 *   release never shipped to anyone, so it is not part of the pace.
 * - Pace: the median of those intervals in days (the mean of the two
 *   middle ones for an even count, rounded down), robust against one
 *   hurried hotfix or one late release. Spread: the shortest and the
 *   longest of the same intervals.
 * - The k-th next release: likely last + k × median; earliest
 *   last + k × shortest; latest last + k × longest.
 * - Overdue: estimates are never in the past. When today is later than
 *   last + interval (for the likely date: the median; for each bound: its
 *   own interval), that release is taken to ship today and the ones after
 *   it at the same interval from today. So a late release moves every
 *   estimate forward day by day instead of pointing at a date gone by.
 * - Fewer than LT_RELEASE_FORECAST_MIN_INTERVALS (3) intervals: no
 *   forecast, and the reason says so.
 *
 * Everything is computed from the arguments: "today" is a parameter, and
 * nothing here reads a clock, a file or the network. The CLI
 * (`eligibility`, `check`, `metrics`), the app's Versions page and the
 * iCalendar export all call lt_support_end_estimate_new(); its @label is the
 * one text for people.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lt-release-catalog.h"

G_BEGIN_DECLS

/* At most this many of the most recent intervals make the pace. */
#define LT_RELEASE_FORECAST_MAX_INTERVALS 8
/* Fewer intervals than this give no forecast. */
#define LT_RELEASE_FORECAST_MIN_INTERVALS 3
/* An installation that more releases than this keep in support gets no
 * date: that far out, a pace says nothing. */
#define LT_RELEASE_FORECAST_MAX_RELEASES_AHEAD 24

/**
 * LtReleaseForecast:
 * @available: whether there is a forecast; when %FALSE only @reason and
 *   @n_intervals are set
 * @reason: (nullable): when not @available, why, for a person
 * @n_intervals: how many intervals the pace is based on
 * @median_days: the median interval between releases, in days
 * @shortest_days: the shortest of those intervals
 * @longest_days: the longest of those intervals
 * @last_release: the date of the most recent non-withdrawn release
 * @today: the day the forecast was made for
 * @overdue: whether today is later than @last_release + @median_days
 *
 * The release pace of a catalog. A plain struct that owns its strings.
 */
typedef struct
{
  gboolean  available;
  char     *reason;
  guint     n_intervals;
  guint     median_days;
  guint     shortest_days;
  guint     longest_days;
  GDate     last_release;
  GDate     today;
  gboolean  overdue;
} LtReleaseForecast;

/* The pace of @catalog's history as of @today (a calendar day). Never
 * NULL: a history too short gives a forecast that is not available, with
 * its reason. */
LtReleaseForecast *lt_release_forecast_new  (LtReleaseCatalog        *catalog,
                                             const GDate             *today);
void               lt_release_forecast_free (LtReleaseForecast       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtReleaseForecast, lt_release_forecast_free)

/* The likely, earliest and latest dates of the @k-th next release (k ≥ 1),
 * none before today. FALSE (and the dates untouched) when the forecast is
 * not available or the dates would lie past the year 9999. Any of the
 * out parameters may be NULL. */
gboolean lt_release_forecast_get_release_dates (const LtReleaseForecast *self,
                                                guint                    k,
                                                GDate                   *likely,
                                                GDate                   *earliest,
                                                GDate                   *latest);

/* "~3 months", "~6 weeks", "~10 days": the usual pace, translated. */
char    *lt_release_forecast_dup_pace_label    (const LtReleaseForecast *self);

/* The basis of every estimate, for a note under a table of them:
 * "if releases keep their usual pace of ~3 months (the median of the last
 * 8 intervals between releases)"; the reason when not available. */
char    *lt_release_forecast_dup_basis_label   (const LtReleaseForecast *self);

/**
 * LtSupportEndEstimate:
 * @available: whether there is an estimate
 * @reason: (nullable): when not @available, why, for a person ("fewer
 *   than 3 intervals…", "not supported now", …)
 * @releases_left: the eligibility's releases_until_unsupported: the
 *   @releases_left-th next release ends support
 * @likely: the day support probably ends (the day that release likely
 *   ships)
 * @earliest: the earliest day, at the fastest recent pace
 * @latest: the latest day, at the slowest recent pace
 * @median_days: the pace it is based on (as in #LtReleaseForecast)
 * @n_intervals: how many intervals the pace is based on
 * @label: (nullable): when @available, the estimate for a person with its
 *   basis: "about March 2027 (between February and May 2027), if releases
 *   keep their usual pace of ~3 months"
 *
 * When an installation probably leaves support. Dates are calendar days,
 * never before the forecast's today.
 */
typedef struct
{
  gboolean  available;
  char     *reason;
  guint     releases_left;
  GDate     likely;
  GDate     earliest;
  GDate     latest;
  guint     median_days;
  guint     n_intervals;
  char     *label;
} LtSupportEndEstimate;

/* The estimate for @eligibility (lt_installation_check_eligibility(),
 * lt_release_catalog_check_version()): a current or supported version
 * leaves support when its releases_until_unsupported-th next release
 * ships. Unsupported and unknown versions (and any other without a
 * release count) get no estimate, with the reason. */
LtSupportEndEstimate *lt_support_end_estimate_new  (const LtReleaseForecast *forecast,
                                                    const LtEligibility     *eligibility);
void                  lt_support_end_estimate_free (LtSupportEndEstimate    *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtSupportEndEstimate, lt_support_end_estimate_free)

/* "about March 2027": the likely date alone, translated; NULL when the
 * estimate is not available. For a narrow column. */
char *lt_support_end_estimate_dup_short_label (const LtSupportEndEstimate *self);

G_END_DECLS
