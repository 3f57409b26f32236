/* test-cli-forecast.c: `ltsupport eligibility` with estimated ends of
 * support, its calendar, the calendar a sync writes, and no false green
 * for an empty store (issue 13, points 5 and 6)
 *
 * Runs the built ltsupport (tests/lt-test-cli.h) with a pinned --now;
 * the sync runs against the real lockthreat-devportal on loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-forecast"

#include "config.h"

#include "lt-test-cli.h"
#include "lt-test-devportal.h"
#include "lt-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#define TOKEN "test-token-forecast-5c1e"

/* Quarterly from 2024-09-03 to 2026-09-01: eight intervals of 91 days. */
static const char regular_catalog[] =
  "{\"releases\": ["
  " {\"version\": \"3.0.0\", \"released\": \"2024-09-03\"},"
  " {\"version\": \"3.1.0\", \"released\": \"2024-12-03\"},"
  " {\"version\": \"3.2.0\", \"released\": \"2025-03-04\"},"
  " {\"version\": \"3.3.0\", \"released\": \"2025-06-03\"},"
  " {\"version\": \"3.4.0\", \"released\": \"2025-09-02\"},"
  " {\"version\": \"3.5.0\", \"released\": \"2025-12-02\"},"
  " {\"version\": \"3.5.1\", \"released\": \"2026-01-15\", \"withdrawn\": true},"
  " {\"version\": \"3.6.0\", \"released\": \"2026-03-03\"},"
  " {\"version\": \"3.7.0\", \"released\": \"2026-06-02\"},"
  " {\"version\": \"3.8.0\", \"released\": \"2026-09-01\"}"
  "]}";

/* Two intervals: too short for an estimate. */
static const char short_catalog[] =
  "{\"releases\": ["
  " {\"version\": \"3.0.0\", \"released\": \"2026-01-06\"},"
  " {\"version\": \"3.1.0\", \"released\": \"2026-04-07\"},"
  " {\"version\": \"3.2.0\", \"released\": \"2026-07-07\"}"
  "]}";

/* Noon UTC is already 2026-09-12 in Pacific/Chatham (the tests' zone):
 * "today" is the user's day. */
#define NOW "2026-09-11T12:00:00Z"

typedef struct
{
  char *dir;
  char *profile;
  char *regular;
  char *too_short;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("lt-cli-forecast-XXXXXX", &error);
  g_assert_no_error (error);
  f->profile = g_build_filename (f->dir, "profile", NULL);
  f->regular = g_build_filename (f->dir, "regular.json", NULL);
  f->too_short = g_build_filename (f->dir, "short.json", NULL);
  g_file_set_contents (f->regular, regular_catalog, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (f->too_short, short_catalog, -1, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        remove_tree (child);
      }
  g_remove (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->profile);
  g_free (f->regular);
  g_free (f->too_short);
}

static void
add_installation (Fixture    *f,
                  const char *name,
                  const char *version)
{
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", f->profile, "installation", "add", name,
                   "--host", "lt.example.com", "--version", version, NULL);
  g_assert_cmpint (run.status, ==, 0);
}

/* ---- no false green --------------------------------------------------- */

/* Before issue 13 this exited 0 with "No installations yet" on stdout, so
 * `ltsupport eligibility --all && upgrade` passed without checking
 * anything. */
static void
test_no_installations (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(LtTestCliRun) run = { 0 };

  /* A profile whose only installation was removed: a store, empty. */
  add_installation (f, "gone", "3.8.0");
  lt_test_cli_run (&run, "--profile", f->profile, "installation", "remove", "gone", NULL);
  g_assert_cmpint (run.status, ==, 0);

  lt_test_cli_run (&run, "--profile", f->profile, "eligibility", "--all", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, "no installations to check");

  lt_test_cli_run (&run, "--profile", f->profile, "eligibility", "--all", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, "no installations to check");

  /* Once there is one, the answer is about it. */
  add_installation (f, "prod", "3.8.0");
  lt_test_cli_run (&run, "--profile", f->profile, "eligibility", "--all", "--catalog", f->regular,
                   "--now", NOW, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
}

/* ---- eligibility VERSION ---------------------------------------------- */

static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  g_auto(LtTestCliRun) run = { 0 };
  g_autoptr(JsonObject) object = NULL;
  JsonObject *estimate;

  /* Current: the third release after it ends its support, 3 × 91 days
   * after 2026-09-01. */
  lt_test_cli_run (&run, "eligibility", "3.8.0", "--catalog", f->regular, "--now", NOW, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Supported until: 3 more releases ship\n");
  lt_test_cli_assert_contains (run.out,
                               "Support ends:    about June 2027, if releases keep their usual "
                               "pace of ~3 months (estimate)\n");

  lt_test_cli_run (&run, "eligibility", "3.8.0", "--catalog", f->regular, "--now", NOW, "--json",
                   NULL);
  g_assert_cmpint (run.status, ==, 0);
  object = lt_test_cli_json_object (run.out);
  g_assert_true (json_object_get_null_member (object, "support_end_estimate_reason"));
  estimate = json_object_get_object_member (object, "support_end_estimate");
  g_assert_nonnull (estimate);
  lt_test_cli_assert_members (estimate, "earliest,intervals,label,last_release,latest,likely,"
                                        "longest_interval_days,median_interval_days,"
                                        "releases_left,shortest_interval_days");
  g_assert_cmpstr (json_object_get_string_member (estimate, "likely"), ==, "2027-06-01");
  g_assert_cmpstr (json_object_get_string_member (estimate, "earliest"), ==, "2027-06-01");
  g_assert_cmpstr (json_object_get_string_member (estimate, "latest"), ==, "2027-06-01");
  g_assert_cmpstr (json_object_get_string_member (estimate, "last_release"), ==, "2026-09-01");
  g_assert_cmpint (json_object_get_int_member (estimate, "releases_left"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (estimate, "median_interval_days"), ==, 91);
  /* The withdrawn 3.5.1 is not part of the pace. */
  g_assert_cmpint (json_object_get_int_member (estimate, "shortest_interval_days"), ==, 91);
  g_assert_cmpint (json_object_get_int_member (estimate, "intervals"), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (estimate, "label"), ==,
                   "about June 2027, if releases keep their usual pace of ~3 months");
  g_clear_pointer (&object, json_object_unref);

  /* Overdue: on 2027-01-15 the release due 2026-12-01 has not shipped;
   * it is taken to ship today, never in the past. */
  lt_test_cli_run (&run, "eligibility", "3.6.0", "--catalog", f->regular,
                   "--now", "2027-01-15T00:00:00Z", "--json", NULL);
  object = lt_test_cli_json_object (run.out);
  estimate = json_object_get_object_member (object, "support_end_estimate");
  g_assert_cmpstr (json_object_get_string_member (estimate, "likely"), ==, "2027-01-15");
  g_clear_pointer (&object, json_object_unref);

  /* Unsupported: no estimate, and why. */
  lt_test_cli_run (&run, "eligibility", "3.5.0", "--catalog", f->regular, "--now", NOW, "--json",
                   NULL);
  g_assert_cmpint (run.status, ==, 1);
  object = lt_test_cli_json_object (run.out);
  g_assert_true (json_object_get_null_member (object, "support_end_estimate"));
  g_assert_cmpstr (json_object_get_string_member (object, "support_end_estimate_reason"), ==,
                   "It is not supported now, so there is no end of support to estimate.");
  g_clear_pointer (&object, json_object_unref);
  lt_test_cli_run (&run, "eligibility", "3.5.0", "--catalog", f->regular, "--now", NOW, NULL);
  lt_test_cli_assert_not_contains (run.out, "Support ends");

  /* Too short a history: no estimate, and it says so. */
  lt_test_cli_run (&run, "eligibility", "3.2.0", "--catalog", f->too_short, "--now", NOW, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out,
                               "Support ends:    The release history is too short for an "
                               "estimate: it takes at least 3 intervals between releases and "
                               "the catalog has 2.\n");
  lt_test_cli_run (&run, "eligibility", "3.2.0", "--catalog", f->too_short, "--now", NOW, "--json",
                   NULL);
  object = lt_test_cli_json_object (run.out);
  g_assert_true (json_object_get_null_member (object, "support_end_estimate"));
  lt_test_cli_assert_contains (json_object_get_string_member (object, "support_end_estimate_reason"),
                               "too short");

  /* --now is checked. */
  lt_test_cli_run (&run, "eligibility", "3.8.0", "--now", "tomorrow", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "--now: ");
}

/* ---- eligibility --all, --ics ----------------------------------------- */

static void
test_all (Fixture       *f,
          gconstpointer  data)
{
  g_auto(LtTestCliRun) run = { 0 };
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonObject) calendar = NULL;
  g_autofree char *ics = g_build_filename (f->dir, "support-end.ics", NULL);
  g_autofree char *text = NULL;
  JsonObject *item;

  add_installation (f, "prod", "3.8.0");
  add_installation (f, "dr", "3.6.0");
  add_installation (f, "old", "3.5.0");

  lt_test_cli_run (&run, "--profile", f->profile, "eligibility", "--all", "--catalog", f->regular,
                   "--now", NOW, "--ics", ics, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  lt_test_cli_assert_contains (run.out,
                               "Name  Version  Status       Hotfix eligible  Support ends (estimate)\n"
                               "dr    3.6.0    supported    yes              about December 2026\n"
                               "old   3.5.0    unsupported  no               —\n"
                               "prod  3.8.0    current      yes              about June 2027\n");
  lt_test_cli_assert_contains (run.out,
                               "Support end dates are estimates, if releases keep their usual "
                               "pace of ~3 months (the median of the last 8 intervals between "
                               "releases).\n");
  lt_test_cli_assert_contains (run.out, "Saved 2 estimated ends of support to ");

  g_file_get_contents (ics, &text, NULL, NULL);
  g_assert_nonnull (text);
  lt_test_cli_assert_contains (text, "UID:support-end-");
  lt_test_cli_assert_contains (text, "DTSTART;VALUE=DATE:20270601\r\n");
  lt_test_cli_assert_contains (text, "DTSTART;VALUE=DATE:20261201\r\n");
  /* Read by python3-icalendar too (lt_test_read_icalendar_file ()). */
  if ((calendar = lt_test_read_icalendar_file (ics)) != NULL)
    {
      JsonArray *events = json_object_get_array_member (calendar, "events");

      g_assert_cmpuint (json_array_get_length (events), ==, 2);
      for (guint i = 0; i < 2; i++)
        {
          JsonArray *alarms = json_object_get_array_member (json_array_get_object_element (events, i),
                                                            "alarms");

          g_assert_cmpuint (json_array_get_length (alarms), ==, 3);
          g_assert_cmpint (json_array_get_int_element (alarms, 0), ==, -90 * 86400);
          g_assert_cmpint (json_array_get_int_element (alarms, 1), ==, -30 * 86400);
          g_assert_cmpint (json_array_get_int_element (alarms, 2), ==, -7 * 86400);
        }
    }

  /* "-": the calendar is the output. */
  lt_test_cli_run (&run, "--profile", f->profile, "eligibility", "--all", "--catalog", f->regular,
                   "--now", NOW, "--ics", "-", NULL);
  g_assert_true (g_str_has_prefix (run.out, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_suffix (run.out, "END:VCALENDAR\r\n"));

  lt_test_cli_run (&run, "--profile", f->profile, "eligibility", "--all", "--catalog", f->regular,
                   "--now", NOW, "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  items = lt_test_cli_json_items (run.out);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  /* Sorted by name. */
  item = json_array_get_object_element (items, 0);
  g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "dr");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item, "support_end_estimate"),
                                                  "likely"), ==, "2026-12-01");
  item = json_array_get_object_element (items, 1);
  g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "old");
  g_assert_true (json_object_get_null_member (item, "support_end_estimate"));
  g_assert_nonnull (json_object_get_string_member (item, "support_end_estimate_reason"));

  /* --ics is for --all. */
  lt_test_cli_run (&run, "eligibility", "3.8.0", "--ics", ics, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "--ics needs --all");
}

/* ---- the calendar a sync writes --------------------------------------- */

static void
test_sync_writes_calendar (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(LtTestDevportal) portal = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  g_autofree char *path = g_build_filename (f->profile, "support-end.ics", NULL);
  g_autofree char *first = NULL;
  g_autofree char *text = NULL;

  if (g_getenv ("LT_DEVPORTAL") == NULL)
    {
      g_test_skip ("the reference portal is not built (-Ddevportal=false)");
      return;
    }
  portal = lt_test_devportal_start (TOKEN, TRUE);
  lt_test_cli_setenv ("LTSUPPORT_TOKEN", TOKEN);

  /* The demo portal's catalog is the bundled one: 3.4.1 is supported
   * until the next release. */
  add_installation (f, "prod", "3.4.1");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  lt_test_cli_run (&run, "--profile", f->profile, "--portal", lt_test_devportal_get_url (portal),
                   "sync", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));
  lt_test_cli_assert_contains (first, "BEGIN:VCALENDAR\r\n");
  lt_test_cli_assert_contains (first, "SUMMARY:Support for prod probably ends (estimate)\r\n");
  lt_test_cli_assert_contains (first, "TRIGGER:-P90D\r\n");

  /* The next sync writes it again, with what the store then holds. */
  add_installation (f, "dr", "3.5.1");
  lt_test_cli_run (&run, "--profile", f->profile, "--portal", lt_test_devportal_get_url (portal),
                   "sync", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lt_test_cli_assert_contains (text, "SUMMARY:Support for dr probably ends (estimate)\r\n");
  lt_test_cli_assert_contains (text, "SUMMARY:Support for prod probably ends (estimate)\r\n");

  /* On demand: the same calendar (the synced catalog and policy), but for
   * its time stamps. */
  lt_test_cli_run (&run, "--profile", f->profile, "eligibility", "--all", "--ics", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(GRegex) stamp = g_regex_new ("DTSTAMP:[0-9TZ]+\r\n", 0, 0, NULL);
    g_autofree char *saved = g_regex_replace_literal (stamp, text, -1, 0, "", 0, NULL);
    g_autofree char *exported = g_regex_replace_literal (stamp, run.out, -1, 0, "", 0, NULL);

    g_assert_cmpstr (exported, ==, saved);
  }
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add ("/cli/forecast/no-installations", Fixture, NULL, fixture_setup, test_no_installations,
              fixture_teardown);
  g_test_add ("/cli/forecast/version", Fixture, NULL, fixture_setup, test_version, fixture_teardown);
  g_test_add ("/cli/forecast/all", Fixture, NULL, fixture_setup, test_all, fixture_teardown);
  g_test_add ("/cli/forecast/sync-writes-calendar", Fixture, NULL, fixture_setup,
              test_sync_writes_calendar, fixture_teardown);

  return g_test_run ();
}
