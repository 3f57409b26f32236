/* test-release-forecast.c: the release pace and the estimated end of
 * support (lt-release-forecast.h), and its iCalendar file
 *
 * Catalogs are written as the portal's GET /releases body, so the
 * forecast is tested on what loading really gives (version order, not
 * date order). Expected dates were worked out by hand from the intervals.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-icalendar.h"
#include "lt-installation.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-release-forecast.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* ---- helpers --------------------------------------------------------- */

typedef struct
{
  const char *version;
  const char *released;
  gboolean    withdrawn;
} Release;

static LtReleaseCatalog *
make_catalog (const Release *releases,
              guint          n)
{
  g_autoptr(GString) json = g_string_new ("{\"releases\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  LtReleaseCatalog *catalog;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s{\"version\": \"%s\", \"released\": \"%s\", \"withdrawn\": %s}",
                            i > 0 ? ", " : "", releases[i].version, releases[i].released,
                            releases[i].withdrawn ? "true" : "false");
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  catalog = lt_release_catalog_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  return catalog;
}

/* Quarterly (91 days) from 2024-09-03 to 2026-09-01: 3.0.0 … 3.8.0, eight
 * intervals; before them 2.0 … 2.8 ten days apart, which the forecast
 * must leave out (all seventeen intervals have a median of 10 days). */
static const Release regular[] = {
  { "2.0", "2024-06-15", FALSE }, { "2.1", "2024-06-25", FALSE }, { "2.2", "2024-07-05", FALSE },
  { "2.3", "2024-07-15", FALSE }, { "2.4", "2024-07-25", FALSE }, { "2.5", "2024-08-04", FALSE },
  { "2.6", "2024-08-14", FALSE }, { "2.7", "2024-08-24", FALSE },
  { "3.0.0", "2024-09-03", FALSE }, { "3.1.0", "2024-12-03", FALSE }, { "3.2.0", "2025-03-04", FALSE },
  { "3.3.0", "2025-06-03", FALSE }, { "3.4.0", "2025-09-02", FALSE }, { "3.5.0", "2025-12-02", FALSE },
  { "3.6.0", "2026-03-03", FALSE }, { "3.7.0", "2026-06-02", FALSE }, { "3.8.0", "2026-09-01", FALSE },
};

/* Intervals 30, 60, 90, 120, 200, 45, 80: median 80, from 30 to 200. */
static const Release irregular[] = {
  { "3.0.0", "2025-01-01", FALSE }, { "3.1.0", "2025-01-31", FALSE }, { "3.2.0", "2025-04-01", FALSE },
  { "3.3.0", "2025-06-30", FALSE }, { "3.4.0", "2025-10-28", FALSE }, { "3.5.0", "2026-05-16", FALSE },
  { "3.6.0", "2026-06-30", FALSE }, { "3.7.0", "2026-09-18", FALSE },
};

static LtReleaseForecast *
forecast_for (const Release *releases,
              guint          n,
              const char    *today)
{
  g_autoptr(LtReleaseCatalog) catalog = make_catalog (releases, n);
  GDate day = lt_test_date (today);

  return lt_release_forecast_new (catalog, &day);
}

static void
assert_release (const LtReleaseForecast *forecast,
                guint                    k,
                const char              *likely,
                const char              *earliest,
                const char              *latest)
{
  GDate a, b, c;

  g_assert_true (lt_release_forecast_get_release_dates (forecast, k, &a, &b, &c));
  lt_assert_date (&a, likely);
  lt_assert_date (&b, earliest);
  lt_assert_date (&c, latest);
}

static LtPolicy *
load_policy (void)
{
  g_autoptr(GError) error = NULL;
  LtPolicy *policy = lt_policy_new_default (&error);

  g_assert_no_error (error);
  return policy;
}

static LtSupportEndEstimate *
estimate_for (const Release *releases,
              guint          n,
              const char    *version,
              const char    *today)
{
  g_autoptr(LtReleaseCatalog) catalog = make_catalog (releases, n);
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(LtVersion) installed = lt_version_parse (version, NULL);
  g_autoptr(LtEligibility) eligibility = NULL;
  g_autoptr(LtReleaseForecast) forecast = NULL;
  GDate day = lt_test_date (today);

  g_assert_nonnull (installed);
  eligibility = lt_release_catalog_check_version_for_policy (catalog, installed, policy);
  forecast = lt_release_forecast_new (catalog, &day);
  return lt_support_end_estimate_new (forecast, eligibility);
}

/* ---- the pace -------------------------------------------------------- */

static void
test_regular (void)
{
  g_autoptr(LtReleaseForecast) forecast = forecast_for (regular, G_N_ELEMENTS (regular), "2026-09-11");
  g_autofree char *pace = NULL;

  g_assert_true (forecast->available);
  g_assert_null (forecast->reason);
  /* Only the last eight intervals: the ten-day ones of 2.x are left out. */
  g_assert_cmpuint (forecast->n_intervals, ==, LT_RELEASE_FORECAST_MAX_INTERVALS);
  g_assert_cmpuint (forecast->median_days, ==, 91);
  g_assert_cmpuint (forecast->shortest_days, ==, 91);
  g_assert_cmpuint (forecast->longest_days, ==, 91);
  lt_assert_date (&forecast->last_release, "2026-09-01");
  g_assert_false (forecast->overdue);

  assert_release (forecast, 1, "2026-12-01", "2026-12-01", "2026-12-01");
  assert_release (forecast, 2, "2027-03-02", "2027-03-02", "2027-03-02");
  assert_release (forecast, 3, "2027-06-01", "2027-06-01", "2027-06-01");

  pace = lt_release_forecast_dup_pace_label (forecast);
  g_assert_cmpstr (pace, ==, "~3 months");
}

static void
test_irregular (void)
{
  g_autoptr(LtReleaseForecast) forecast = forecast_for (irregular, G_N_ELEMENTS (irregular), "2026-09-20");

  g_assert_true (forecast->available);
  g_assert_cmpuint (forecast->n_intervals, ==, 7);
  g_assert_cmpuint (forecast->median_days, ==, 80);
  g_assert_cmpuint (forecast->shortest_days, ==, 30);
  g_assert_cmpuint (forecast->longest_days, ==, 200);

  assert_release (forecast, 1, "2026-12-07", "2026-10-18", "2027-04-06");
  /* 2 × 80 = 160, 2 × 30 = 60, 2 × 200 = 400 days after 2026-09-18. */
  assert_release (forecast, 2, "2027-02-25", "2026-11-17", "2027-10-23");
}

/* An even number of intervals: the median is the mean of the middle two,
 * rounded down (60 and 91 → 75). */
static void
test_even_median (void)
{
  static const Release releases[] = {
    { "1.0", "2026-01-01", FALSE }, { "1.1", "2026-01-31", FALSE }, { "1.2", "2026-04-01", FALSE },
    { "1.3", "2026-07-01", FALSE }, { "1.4", "2026-10-30", FALSE },
  };
  g_autoptr(LtReleaseForecast) forecast = forecast_for (releases, G_N_ELEMENTS (releases), "2026-11-01");
  g_autoptr(LtSupportEndEstimate) estimate = estimate_for (releases, G_N_ELEMENTS (releases), "1.4",
                                                           "2026-11-01");

  g_assert_true (forecast->available);
  g_assert_cmpuint (forecast->n_intervals, ==, 4);
  g_assert_cmpuint (forecast->median_days, ==, 75);
  g_assert_cmpuint (forecast->shortest_days, ==, 30);
  g_assert_cmpuint (forecast->longest_days, ==, 121);

  /* A range within one year names the year once; 75 days read as ~2
   * months (2.46). */
  lt_assert_date (&estimate->likely, "2027-06-12");
  lt_assert_date (&estimate->earliest, "2027-01-28");
  lt_assert_date (&estimate->latest, "2027-10-28");
  g_assert_cmpstr (estimate->label, ==,
                   "about June 2027 (between January and October 2027), if releases keep their "
                   "usual pace of ~2 months");
}

static void
test_too_short (void)
{
  static const Release three[] = {
    { "3.0.0", "2026-01-01", FALSE }, { "3.1.0", "2026-04-01", FALSE }, { "3.2.0", "2026-07-01", FALSE },
  };
  static const Release one[] = {
    { "3.0.0", "2026-01-01", FALSE },
  };
  g_autoptr(LtReleaseForecast) forecast = forecast_for (three, G_N_ELEMENTS (three), "2026-07-02");
  g_autoptr(LtReleaseForecast) single = forecast_for (one, G_N_ELEMENTS (one), "2026-07-02");
  g_autoptr(LtSupportEndEstimate) estimate = estimate_for (three, G_N_ELEMENTS (three), "3.2.0",
                                                           "2026-07-02");
  GDate day;

  g_assert_false (forecast->available);
  g_assert_cmpuint (forecast->n_intervals, ==, 2);
  g_assert_cmpstr (forecast->reason, ==,
                   "The release history is too short for an estimate: it takes at least 3 "
                   "intervals between releases and the catalog has 2.");
  g_assert_false (lt_release_forecast_get_release_dates (forecast, 1, &day, NULL, NULL));

  g_assert_false (single->available);
  g_assert_cmpuint (single->n_intervals, ==, 0);
  g_assert_nonnull (strstr (single->reason, "the catalog has 0"));

  /* A current installation of that catalog: no estimate, and why. */
  g_assert_false (estimate->available);
  g_assert_null (estimate->label);
  g_assert_cmpstr (estimate->reason, ==, forecast->reason);
}

/* Today is past last + median: the late release is taken to ship today,
 * the next ones at the usual pace from there; never a date gone by. */
static void
test_overdue (void)
{
  g_autoptr(LtReleaseForecast) forecast = forecast_for (regular, G_N_ELEMENTS (regular), "2027-01-15");
  g_autoptr(LtReleaseForecast) irr = forecast_for (irregular, G_N_ELEMENTS (irregular), "2027-01-01");
  GDate today = lt_test_date ("2027-01-15");

  g_assert_true (forecast->overdue);
  assert_release (forecast, 1, "2027-01-15", "2027-01-15", "2027-01-15");
  assert_release (forecast, 3, "2027-07-16", "2027-07-16", "2027-07-16");
  for (guint k = 1; k <= 10; k++)
    {
      GDate a, b, c;

      g_assert_true (lt_release_forecast_get_release_dates (forecast, k, &a, &b, &c));
      g_assert_cmpint (g_date_compare (&b, &today), >=, 0);
      g_assert_cmpint (g_date_compare (&b, &a), <=, 0);
      g_assert_cmpint (g_date_compare (&a, &c), <=, 0);
    }

  /* 2026-09-18 + 80 = 2026-12-07 is gone by on 2027-01-01, the latest
   * bound (+200, 2027-04-06) is not: only the late ones move. */
  g_assert_true (irr->overdue);
  assert_release (irr, 1, "2027-01-01", "2027-01-01", "2027-04-06");
  assert_release (irr, 2, "2027-03-22", "2027-01-31", "2027-10-23");

  /* On the day the release is due it is not overdue yet. */
  {
    g_autoptr(LtReleaseForecast) due = forecast_for (regular, G_N_ELEMENTS (regular), "2026-12-01");

    g_assert_false (due->overdue);
    assert_release (due, 1, "2026-12-01", "2026-12-01", "2026-12-01");
  }
}

static void
test_withdrawn_ignored (void)
{
  /* The regular history with a withdrawn 3.8.1 five days after 3.8.0 and
   * a withdrawn 3.8.2 a year later: neither changes the pace or the last
   * release. */
  Release releases[G_N_ELEMENTS (regular) + 2];
  static const Release short_with_withdrawn[] = {
    { "3.0.0", "2026-01-01", FALSE }, { "3.1.0", "2026-04-01", FALSE }, { "3.1.1", "2026-05-01", TRUE },
    { "3.2.0", "2026-07-01", FALSE },
  };
  g_autoptr(LtReleaseForecast) forecast = NULL;
  g_autoptr(LtReleaseForecast) too_short = forecast_for (short_with_withdrawn,
                                                         G_N_ELEMENTS (short_with_withdrawn),
                                                         "2026-07-02");

  memcpy (releases, regular, sizeof regular);
  releases[G_N_ELEMENTS (regular)] = (Release) { "3.8.1", "2026-09-06", TRUE };
  releases[G_N_ELEMENTS (regular) + 1] = (Release) { "3.8.2", "2027-09-01", TRUE };
  forecast = forecast_for (releases, G_N_ELEMENTS (releases), "2026-09-11");

  g_assert_true (forecast->available);
  g_assert_cmpuint (forecast->median_days, ==, 91);
  g_assert_cmpuint (forecast->shortest_days, ==, 91);
  lt_assert_date (&forecast->last_release, "2026-09-01");
  assert_release (forecast, 1, "2026-12-01", "2026-12-01", "2026-12-01");

  /* Three intervals with the withdrawn one, two without: no estimate. */
  g_assert_false (too_short->available);
  g_assert_cmpuint (too_short->n_intervals, ==, 2);
}

/* ---- installations --------------------------------------------------- */

static void
test_current (void)
{
  /* The default policy supports current and two preceding releases: the
   * current one leaves with the third release after it. */
  g_autoptr(LtSupportEndEstimate) estimate = estimate_for (regular, G_N_ELEMENTS (regular), "3.8.0",
                                                           "2026-09-11");
  g_autofree char *brief = lt_support_end_estimate_dup_short_label (estimate);

  g_assert_true (estimate->available);
  g_assert_null (estimate->reason);
  g_assert_cmpuint (estimate->releases_left, ==, 3);
  lt_assert_date (&estimate->likely, "2027-06-01");
  lt_assert_date (&estimate->earliest, "2027-06-01");
  lt_assert_date (&estimate->latest, "2027-06-01");
  g_assert_cmpuint (estimate->median_days, ==, 91);
  g_assert_cmpuint (estimate->n_intervals, ==, 8);
  g_assert_cmpstr (estimate->label, ==, "about June 2027, if releases keep their usual pace of ~3 months");
  g_assert_cmpstr (brief, ==, "about June 2027");
}

static void
test_supported (void)
{
  g_autoptr(LtSupportEndEstimate) next = estimate_for (regular, G_N_ELEMENTS (regular), "3.6.0",
                                                       "2026-09-11");
  g_autoptr(LtSupportEndEstimate) spread = estimate_for (irregular, G_N_ELEMENTS (irregular), "3.6.0",
                                                         "2026-09-20");

  g_assert_true (next->available);
  g_assert_cmpuint (next->releases_left, ==, 1);
  lt_assert_date (&next->likely, "2026-12-01");
  g_assert_cmpstr (next->label, ==, "about December 2026, if releases keep their usual pace of ~3 months");

  /* With a spread the label gives the range too. */
  g_assert_true (spread->available);
  g_assert_cmpuint (spread->releases_left, ==, 2);
  lt_assert_date (&spread->likely, "2027-02-25");
  lt_assert_date (&spread->earliest, "2026-11-17");
  lt_assert_date (&spread->latest, "2027-10-23");
  g_assert_cmpstr (spread->label, ==,
                   "about February 2027 (between November 2026 and October 2027), "
                   "if releases keep their usual pace of ~3 months");
}

static void
test_unsupported_unknown (void)
{
  g_autoptr(LtSupportEndEstimate) old = estimate_for (regular, G_N_ELEMENTS (regular), "3.5.0",
                                                      "2026-09-11");
  g_autoptr(LtSupportEndEstimate) newer = estimate_for (regular, G_N_ELEMENTS (regular), "4.0.0",
                                                        "2026-09-11");

  g_assert_false (old->available);
  g_assert_null (old->label);
  g_assert_cmpuint (old->releases_left, ==, 0);
  g_assert_cmpstr (old->reason, ==, "It is not supported now, so there is no end of support to estimate.");
  g_assert_null (lt_support_end_estimate_dup_short_label (old));

  g_assert_false (newer->available);
  g_assert_nonnull (strstr (newer->reason, "not in the release catalog"));
}

/* ---- the calendar ---------------------------------------------------- */

static LtInstallation *
make_installation (const char *id,
                   const char *name,
                   const char *version)
{
  LtInstallation *installation = lt_installation_new ();

  lt_installation_set_id (installation, id);
  lt_installation_set_name (installation, name);
  if (version != NULL)
    lt_installation_set_detected_version (installation, version);
  return installation;
}

static GListStore *
make_installations (void)
{
  GListStore *store = g_list_store_new (LT_TYPE_INSTALLATION);
  g_autoptr(LtInstallation) a = make_installation ("inst-a", "prod-siem-01", "3.8.0");
  g_autoptr(LtInstallation) b = make_installation ("inst-b", "dr-siem-01", "3.6.0");
  g_autoptr(LtInstallation) c = make_installation ("inst-c", "old-siem", "3.5.0");
  g_autoptr(LtInstallation) d = make_installation ("inst-d", "new-box", NULL);

  g_list_store_append (store, a);
  g_list_store_append (store, b);
  g_list_store_append (store, c);
  g_list_store_append (store, d);
  return store;
}

static char *
unfold (const char *text)
{
  g_autoptr(GRegex) fold = g_regex_new ("\r\n ", 0, 0, NULL);

  return g_regex_replace_literal (fold, text, -1, 0, "", 0, NULL);
}

static void
test_calendar (void)
{
  g_autoptr(LtReleaseCatalog) catalog = make_catalog (regular, G_N_ELEMENTS (regular));
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GListStore) installations = make_installations ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-09-11T10:00:00Z");
  GDate today = lt_test_date ("2026-09-11");
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_events = 0;
  guint begins = 0;
  guint alarms = 0;

  text = lt_icalendar_export_support_end (G_LIST_MODEL (installations), catalog, policy, &today,
                                          now, &n_events);
  /* Unsupported and without a version: no event. */
  g_assert_cmpuint (n_events, ==, 2);

  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_null (strchr (lines[i], '\n'));
      if (g_str_equal (lines[i], "BEGIN:VEVENT"))
        begins++;
      if (g_str_equal (lines[i], "BEGIN:VALARM"))
        alarms++;
    }
  g_assert_cmpuint (begins, ==, 2);
  g_assert_cmpuint (alarms, ==, 6);
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:" LT_ICALENDAR_PRODID "\r\n"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));

  flat = unfold (text);
  g_assert_nonnull (strstr (flat, "UID:support-end-inst-a@support.lockthreat.com\r\n"));
  g_assert_nonnull (strstr (flat, "UID:support-end-inst-b@support.lockthreat.com\r\n"));
  g_assert_null (strstr (flat, "inst-c"));
  g_assert_null (strstr (flat, "inst-d"));
  g_assert_nonnull (strstr (flat, "DTSTART;VALUE=DATE:20270601\r\nDTEND;VALUE=DATE:20270602\r\n"));
  g_assert_nonnull (strstr (flat, "DTSTART;VALUE=DATE:20261201\r\nDTEND;VALUE=DATE:20261202\r\n"));
  g_assert_nonnull (strstr (flat, "SUMMARY:Support for prod-siem-01 probably ends (estimate)\r\n"));
  g_assert_nonnull (strstr (flat, "about June 2027\\, if releases keep their usual pace of ~3 months"));
  g_assert_nonnull (strstr (flat, "STATUS:TENTATIVE\r\n"));
  g_assert_nonnull (strstr (flat, "TRIGGER:-P90D\r\n"));
  g_assert_nonnull (strstr (flat, "TRIGGER:-P30D\r\n"));
  g_assert_nonnull (strstr (flat, "TRIGGER:-P7D\r\n"));
  g_assert_nonnull (strstr (flat, "DTSTAMP:20260911T100000Z\r\n"));
}

/* Debian's python3-icalendar reads the calendar (lt_test_read_icalendar(),
 * as test-icalendar.c does for the maintenance export): dates, alarms,
 * text as written. */
static void
test_calendar_parsed (void)
{
  g_autoptr(LtReleaseCatalog) catalog = make_catalog (irregular, G_N_ELEMENTS (irregular));
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GListStore) installations = make_installations ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-09-20T10:00:00Z");
  GDate today = lt_test_date ("2026-09-20");
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) root = NULL;
  JsonArray *events;
  JsonObject *event;
  JsonArray *triggers;

  /* 3.6.0 installed, "dr-siem-01": two releases left, 2027-02-25 likely. */
  text = lt_icalendar_export_support_end (G_LIST_MODEL (installations), catalog, policy, &today,
                                          now, NULL);
  if ((root = lt_test_read_icalendar (text)) == NULL)
    return;
  events = json_object_get_array_member (root, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 2);

  /* 3.8.0 is newer than this catalog and has no event; 3.5.0 is
   * supported here. */
  event = json_array_get_object_element (events, 0);
  g_assert_cmpstr (json_object_get_string_member (event, "uid"), ==,
                   "support-end-inst-b@support.lockthreat.com");
  g_assert_cmpstr (json_object_get_string_member (event, "start"), ==, "2027-02-25");
  g_assert_cmpstr (json_object_get_string_member (event, "end"), ==, "2027-02-26");
  g_assert_cmpstr (json_object_get_string_member (event, "summary"), ==,
                   "Support for dr-siem-01 probably ends (estimate)");
  g_assert_cmpstr (json_object_get_string_member (event, "description"), ==,
                   "dr-siem-01 runs 3.6.0: support ends about February 2027 (between November "
                   "2026 and October 2027), if releases keep their usual pace of ~3 months.\n"
                   "It leaves support when 2 more releases ship: at the earliest 2026-11-17, at "
                   "the latest 2027-10-23.\n"
                   "An estimate from the median of the last 7 intervals between releases in the "
                   "catalog, not a date LockThreat has announced.");
  triggers = json_object_get_array_member (event, "alarms");
  g_assert_cmpuint (json_array_get_length (triggers), ==, 3);
  g_assert_cmpint (json_array_get_int_element (triggers, 0), ==, -90 * 86400);
  g_assert_cmpint (json_array_get_int_element (triggers, 1), ==, -30 * 86400);
  g_assert_cmpint (json_array_get_int_element (triggers, 2), ==, -7 * 86400);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/release-forecast/regular", test_regular);
  g_test_add_func ("/lt/release-forecast/irregular", test_irregular);
  g_test_add_func ("/lt/release-forecast/even-median", test_even_median);
  g_test_add_func ("/lt/release-forecast/too-short", test_too_short);
  g_test_add_func ("/lt/release-forecast/overdue", test_overdue);
  g_test_add_func ("/lt/release-forecast/withdrawn-ignored", test_withdrawn_ignored);
  g_test_add_func ("/lt/release-forecast/installation/current", test_current);
  g_test_add_func ("/lt/release-forecast/installation/supported", test_supported);
  g_test_add_func ("/lt/release-forecast/installation/unsupported-unknown", test_unsupported_unknown);
  g_test_add_func ("/lt/release-forecast/calendar", test_calendar);
  g_test_add_func ("/lt/release-forecast/calendar-parsed", test_calendar_parsed);

  return g_test_run ();
}
