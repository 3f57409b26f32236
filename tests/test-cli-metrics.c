/* test-cli-metrics.c: ltsupport metrics and ltsupport policy on-calendar
 *
 * The built binary runs on a profile of the demo customer (ui-demo-seed,
 * tests/lt-app-demo-data.c) at its pinned instant; its real output goes
 * through `promtool check metrics` (package prometheus), which fails on
 * any lint problem, and the values are read back from the text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-metrics"

#include "config.h"

#include "lt-app-demo-data.h"
#include "lt-business-calendar.h"
#include "lt-date-util.h"
#include "lt-policy.h"
#include "lt-store-installations.h"
#include "lt-store-sync.h"
#include "lt-store.h"
#include "lt-test-cli.h"
#include "lt-test-util.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* An hour after the demo's instant: the queued notice has waited 3600 s. */
#define METRICS_NOW "2026-11-30T16:00:00Z"
#define LAST_SYNC   "2026-11-30T14:30:00Z"

static char *
dup_test_dir (const char *name)
{
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return path;
}

/* A profile of the demo customer, as `make screenshots` seeds it, plus a
 * successful sync at LAST_SYNC. */
static char *
dup_demo_profile (void)
{
  g_autofree char *profile = dup_test_dir ("demo-profile");
  g_autofree char *db = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  const char *seed = g_getenv ("LT_UI_DEMO_SEED");
  const char *argv[] = { seed, profile, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GDateTime) synced = lt_instant_parse (LAST_SYNC, NULL);
  LtSyncState state = { 0 };
  int status = -1;

  g_assert_nonnull (seed);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  store = lt_store_open (db, NULL, &error);
  g_assert_no_error (error);
  state.last_attempt_at = synced;
  state.last_success_at = synced;
  g_assert_true (lt_store_save_sync_state (store, LT_STORE_SYNC_RESOURCE_FULL, &state, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&profile);
}

/* Asserts that promtool finds nothing wrong with @text. */
static void
assert_promtool_accepts (const char *text)
{
  g_autoptr(GSubprocess) promtool = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  promtool = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                               "promtool", "check", "metrics", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (promtool, text, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (promtool) || *out != '\0' || *err != '\0')
    {
      g_autofree char *message = g_strdup_printf ("promtool check metrics refused:\n%s%s\n"
                                                  "--- the text ---\n%s", out, err, text);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
}

/* The value of the sample line that starts with @series ("name{…}" or
 * "name"), asserting that there is exactly one. */
static gint64
sample_value (const char *text,
              const char *series)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  const char *found = NULL;
  gint64 value;

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], series) && lines[i][strlen (series)] == ' ')
      {
        g_assert_null (found);
        found = lines[i] + strlen (series) + 1;
      }
  if (found == NULL)
    {
      g_autofree char *message = g_strdup_printf ("no sample “%s” in:\n%s", series, text);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
  g_assert_true (g_ascii_string_to_signed (found, 10, G_MININT64, G_MAXINT64, &value, NULL));
  return value;
}

static gint64
unix_time (const char *instant)
{
  g_autoptr(GDateTime) dt = lt_instant_parse (instant, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
test_demo (void)
{
  g_autofree char *profile = dup_demo_profile ();
  g_auto(LtTestCliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  lt_test_cli_run (&run, "--profile", profile, "metrics", "--now", METRICS_NOW, NULL);
  lt_test_cli_assert_ok (&run);
  assert_promtool_accepts (run.out);

  /* Every sample: a name, labels, one whole number; no timestamp, and a
   * HELP and TYPE line for its family before it. */
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *value;
      g_autofree char *name = NULL;
      g_autofree char *help = NULL;
      g_autofree char *type = NULL;

      if (*line == '\0' || *line == '#')
        continue;
      value = strrchr (line, '}') != NULL ? strrchr (line, '}') + 1 : strchr (line, ' ');
      g_assert_nonnull (value);
      g_assert_true (g_regex_match_simple ("^ -?[0-9]+$", value, 0, 0));
      name = g_strndup (line, strcspn (line, "{ "));
      help = g_strdup_printf ("# HELP %s ", name);
      type = g_strdup_printf ("# TYPE %s gauge\n", name);
      lt_test_cli_assert_contains (run.out, help);
      lt_test_cli_assert_contains (run.out, type);
    }

  /* R2 on the demo's installations: 3.5.1 current, 3.4.1 the lowest
   * supported, 3.2.2 out of support. */
  g_assert_cmpint (sample_value (run.out, "lockthreat_installation_supported{installation=\"Production\",version=\"3.5.1\"}"), ==, 1);
  g_assert_cmpint (sample_value (run.out, "lockthreat_installation_supported{installation=\"Disaster recovery\",version=\"3.4.1\"}"), ==, 1);
  g_assert_cmpint (sample_value (run.out, "lockthreat_installation_supported{installation=\"Lab\",version=\"3.2.2\"}"), ==, 0);
  g_assert_cmpint (sample_value (run.out, "lockthreat_installation_releases_left{installation=\"Production\",version=\"3.5.1\"}"), ==, 3);
  g_assert_cmpint (sample_value (run.out, "lockthreat_installation_releases_left{installation=\"Disaster recovery\",version=\"3.4.1\"}"), ==, 1);
  g_assert_cmpint (sample_value (run.out, "lockthreat_installation_releases_left{installation=\"Lab\",version=\"3.2.2\"}"), ==, 0);
  /* The estimate of when support ends (lt-release-forecast.h), as
   * `eligibility --all` gives it: the next release, about 5 January 2027,
   * ends Disaster recovery's; none for the unsupported Lab. */
  g_assert_cmpint (sample_value (run.out, "lockthreat_installation_support_end_estimate_seconds{installation=\"Disaster recovery\",version=\"3.4.1\"}"),
                   ==, unix_time ("2027-01-05T00:00:00Z"));
  g_assert_cmpint (sample_value (run.out, "lockthreat_installation_support_end_estimate_seconds{installation=\"Production\",version=\"3.5.1\"}"),
                   ==, unix_time ("2027-07-06T00:00:00Z"));
  lt_test_cli_assert_not_contains (run.out, "lockthreat_installation_support_end_estimate_seconds{installation=\"Lab\"");

  /* The tickets as R4 judges them an hour later: the S1 opened at 14:10
   * (09:10 in Indianapolis, 60 minutes on Enterprise) is now breached. */
  g_assert_cmpint (sample_value (run.out, "lockthreat_tickets{state=\"in-progress\",severity=\"s1\",sla_state=\"breached\"}"), ==, 1);
  g_assert_cmpint (sample_value (run.out, "lockthreat_tickets{state=\"awaiting-customer\",severity=\"s2\",sla_state=\"met\"}"), ==, 1);
  g_assert_cmpint (sample_value (run.out, "lockthreat_tickets{state=\"submitted\",severity=\"feature\",sla_state=\"none\"}"), ==, 1);
  lt_test_cli_assert_not_contains (run.out, "sla_state=\"on-track\"");
  /* LT-000139 awaits the customer since 25 November, 10:00 there: five
   * business days (Thanksgiving off) end on 3 December at the same time. */
  g_assert_cmpint (sample_value (run.out, "lockthreat_tickets_next_auto_close_seconds"), ==,
                   unix_time ("2026-12-03T15:00:00Z") - unix_time (METRICS_NOW));

  g_assert_cmpint (sample_value (run.out, "lockthreat_outbox_items{state=\"pending\"}"), ==, 1);
  g_assert_cmpint (sample_value (run.out, "lockthreat_outbox_items{state=\"failed\"}"), ==, 0);
  g_assert_cmpint (sample_value (run.out, "lockthreat_outbox_oldest_unsent_age_seconds"), ==, 3600);
  g_assert_cmpint (sample_value (run.out, "lockthreat_sync_last_success_timestamp_seconds"), ==,
                   unix_time (LAST_SYNC));
  g_assert_true (g_regex_match_simple ("^lockthreat_support_info\\{version=\"[^\"]+\",tier=\"enterprise\",current_release=\"3.5.1\"\\} 1$",
                                       run.out, G_REGEX_MULTILINE, 0));
}

/* A profile where nothing happened yet: the families are there, the
 * samples that have no value are not, and promtool still agrees. */
static void
test_empty (void)
{
  g_autofree char *profile = dup_test_dir ("empty-profile");
  g_autofree char *db = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = lt_store_open (db, NULL, &error);
  g_auto(LtTestCliRun) run = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (store);
  lt_test_cli_run (&run, "--profile", profile, "metrics", "--now", METRICS_NOW, NULL);
  lt_test_cli_assert_ok (&run);
  assert_promtool_accepts (run.out);
  lt_test_cli_assert_contains (run.out, "# TYPE lockthreat_sync_last_success_timestamp_seconds gauge\n");
  lt_test_cli_assert_not_contains (run.out, "\nlockthreat_sync_last_success_timestamp_seconds ");
  lt_test_cli_assert_not_contains (run.out, "\nlockthreat_tickets{");
  lt_test_cli_assert_not_contains (run.out, "\nlockthreat_tickets_next_auto_close_seconds ");
  g_assert_cmpint (sample_value (run.out, "lockthreat_outbox_oldest_unsent_age_seconds"), ==, 0);
  g_assert_cmpint (sample_value (run.out, "lockthreat_outbox_items{state=\"pending\"}"), ==, 0);
  lt_test_cli_assert_contains (run.out, "tier=\"\"");
}

static void
add_installation (LtStore    *store,
                  const char *name,
                  const char *version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreInstallations) installations = lt_store_installations_new (store, &error);
  g_autoptr(LtInstallation) installation = lt_installation_new ();
  g_autoptr(GDateTime) now = lt_instant_parse (LT_APP_DEMO_NOW, NULL);

  g_assert_no_error (error);
  lt_installation_set_name (installation, name);
  lt_installation_set_host (installation, "lt.example");
  lt_installation_set_detected_version (installation, version);
  lt_installation_set_detected_at (installation, now);
  g_assert_true (lt_store_installations_add (installations, installation, now, &error));
  g_assert_no_error (error);
}

/* Names and versions come from users and status pages: a quote, a
 * backslash and a line break are escaped as the format says, other
 * controls shown as visible escapes, and nothing breaks the file. */
static void
test_hostile_labels (void)
{
  g_autofree char *profile = dup_test_dir ("hostile-profile");
  g_autofree char *db = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = lt_store_open (db, NULL, &error);
  g_auto(LtTestCliRun) run = { 0 };

  g_assert_no_error (error);
  add_installation (store, "Site \"A\" \\ north\nsecond line", "3.5.1");
  add_installation (store, "Esc\033[2Jape", "3.5.1");
  add_installation (store, "} 1\nlockthreat_injected 1", "3.4.1");
  g_clear_object (&store);
  /* A version the store no longer accepts, as a file written by an
   * older release may still hold. */
  {
    sqlite3 *db_handle = NULL;

    g_assert_cmpint (sqlite3_open (db, &db_handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db_handle,
                                   "UPDATE installations SET detected_version = "
                                   "'3.5\"1\\' || char (10) WHERE name LIKE 'Esc%'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_changes (db_handle), ==, 1);
    sqlite3_close (db_handle);
  }

  lt_test_cli_run (&run, "--profile", profile, "metrics", "--now", METRICS_NOW, NULL);
  lt_test_cli_assert_ok (&run);
  assert_promtool_accepts (run.out);

  lt_test_cli_assert_contains (run.out,
                               "lockthreat_installation_supported{installation=\"Site \\\"A\\\" \\\\ north\\nsecond line\",version=\"3.5.1\"");
  lt_test_cli_assert_contains (run.out,
                               "lockthreat_installation_supported{installation=\"Esc\\\\u001b[2Jape\",version=\"3.5\\\"1\\\\\\n\"");
  lt_test_cli_assert_contains (run.out, "{installation=\"} 1\\nlockthreat_injected 1\",version=\"3.4.1\"");
  lt_test_cli_assert_not_contains (run.out, "\nlockthreat_injected");
  lt_test_cli_assert_not_contains (run.out, "\033");
  /* A version that does not parse: not supported, and no count of
   * releases left. */
  g_assert_true (g_regex_match_simple ("^lockthreat_installation_supported\\{installation=\"Esc[^}]*\\} 0$",
                                       run.out, G_REGEX_MULTILINE, 0));
  lt_test_cli_assert_not_contains (run.out, "lockthreat_installation_releases_left{installation=\"Esc");
}

static GPtrArray *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  return names;
}

static void
test_textfile (void)
{
  g_autofree char *profile = dup_demo_profile ();
  g_autofree char *dir = dup_test_dir ("node-exporter");
  g_autofree char *path = g_build_filename (dir, "lockthreat_support.prom", NULL);
  g_autofree char *old_link = g_build_filename (dir, "previous", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_auto(LtTestCliRun) printed = { 0 };
  g_auto(LtTestCliRun) run = { 0 };
  GStatBuf before, after;
  mode_t umask_before;

  /* A file from an earlier run, and a second name for it: a rewrite in
   * place would change what both names show, a rename only the first. */
  g_assert_true (g_file_set_contents (path, "# an earlier run\n", -1, NULL));
  g_assert_cmpint (link (path, old_link), ==, 0);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  lt_test_cli_run (&printed, "--profile", profile, "metrics", "--now", METRICS_NOW, NULL);
  lt_test_cli_assert_ok (&printed);

  /* The collector runs as another user: the file is readable by all
   * whatever the umask of the timer that wrote it. */
  umask_before = umask (077);
  lt_test_cli_run (&run, "--profile", profile, "metrics", "--now", METRICS_NOW, "--textfile", dir, NULL);
  umask (umask_before);
  lt_test_cli_assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "");

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, printed.out);
  assert_promtool_accepts (contents);
  g_assert_cmpint (g_stat (path, &after), ==, 0);
  g_assert_cmpint (after.st_mode & 07777, ==, 0644);
  g_assert_cmpuint (after.st_ino, !=, before.st_ino);
  g_assert_true (g_file_get_contents (old_link, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "# an earlier run\n");

  /* No temporary file is left, and none ever had a name the collector
   * reads ("*.prom"). */
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 2);
}

static void
assert_textfile_refused (const char *profile,
                         const char *dir,
                         const char *needle)
{
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "metrics", "--now", METRICS_NOW, "--textfile", dir, NULL);
  lt_test_cli_assert_usage_error (&run, needle);
  lt_test_cli_assert_contains (run.err, "--textfile");
}

static void
test_textfile_unwritable (void)
{
  g_autofree char *profile = dup_demo_profile ();
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "no-such-folder", NULL);
  g_autofree char *plain_file = g_build_filename (g_get_user_cache_dir (), "a-file", NULL);
  g_autofree char *read_only = dup_test_dir ("read-only");
  g_autoptr(GPtrArray) names = NULL;

  assert_textfile_refused (profile, missing, "no-such-folder");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_set_contents (plain_file, "", -1, NULL));
  assert_textfile_refused (profile, plain_file, "a-file");

  /* The temporary file is written, but cannot replace a folder of the
   * same name: it is removed again. */
  {
    g_autofree char *blocked = dup_test_dir ("blocked");
    g_autofree char *in_the_way = g_build_filename (blocked, "lockthreat_support.prom", "x", NULL);
    g_autofree char *parent = g_path_get_dirname (in_the_way);
    g_autoptr(GPtrArray) left = NULL;

    g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
    g_assert_true (g_file_set_contents (in_the_way, "", -1, NULL));
    assert_textfile_refused (profile, blocked, "blocked");
    left = list_dir (blocked);
    g_assert_cmpuint (left->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (left, 0), ==, "lockthreat_support.prom");
  }

  /* Nobody creates files in /proc; root writes in a read-only folder
   * all the same. */
  assert_textfile_refused (profile, "/proc", "/proc");
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (read_only, 0555), ==, 0);
      assert_textfile_refused (profile, read_only, "read-only");
      g_assert_cmpint (g_chmod (read_only, 0700), ==, 0);
      names = list_dir (read_only);
      g_assert_cmpuint (names->len, ==, 0);
    }
}

/* A profile that does not exist is not created: empty, it would read
 * as all clear (the reading commands' rule, docs/cli.md "--profile"). */
static void
test_missing_profile (void)
{
  g_autofree char *profile = g_build_filename (g_get_user_cache_dir (), "mistyped-profile", NULL);
  g_autofree char *dir = dup_test_dir ("node-exporter-2");
  g_autoptr(GPtrArray) names = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "metrics", "--textfile", dir, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, "mistyped-profile");
  g_assert_false (g_file_test (profile, G_FILE_TEST_EXISTS));
  names = list_dir (dir);
  g_assert_cmpuint (names->len, ==, 0);

  /* A profile folder without a store: no local data yet, nothing to
   * measure (exit 1), and none is made. */
  {
    g_autofree char *empty = dup_test_dir ("profile-without-store");
    g_autoptr(GPtrArray) in_profile = NULL;
    g_auto(LtTestCliRun) first_run = { 0 };

    lt_test_cli_run (&first_run, "--profile", empty, "metrics", "--textfile", dir, NULL);
    g_assert_cmpint (first_run.status, ==, 1);
    g_assert_cmpstr (first_run.out, ==, "");
    lt_test_cli_assert_contains (first_run.err, "no local data yet");
    in_profile = list_dir (empty);
    g_assert_cmpuint (in_profile->len, ==, 0);
    g_ptr_array_unref (names);
    names = list_dir (dir);
    g_assert_cmpuint (names->len, ==, 0);
  }
}

static void
test_usage (void)
{
  g_auto(LtTestCliRun) bad_now = { 0 };
  g_auto(LtTestCliRun) extra = { 0 };
  g_auto(LtTestCliRun) empty_dir = { 0 };

  lt_test_cli_run (&bad_now, "metrics", "--now", "tomorrow", NULL);
  lt_test_cli_assert_usage_error (&bad_now, "tomorrow");
  lt_test_cli_run (&extra, "metrics", "now", NULL);
  lt_test_cli_assert_usage_error (&extra, "“now”");
  lt_test_cli_run (&empty_dir, "metrics", "--textfile", "", NULL);
  lt_test_cli_assert_usage_error (&empty_dir, "--textfile");
}

/* The timers' hours are the policy's: the bundled one's by default, and
 * those of a contract's policy file with --policy. */
static void
test_on_calendar (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPolicy) bundled = lt_policy_new_default (&error);
  g_auto(GStrv) expected = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *document = NULL;
  g_autofree char *policy_path = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_auto(LtTestCliRun) run = { 0 };
  g_auto(LtTestCliRun) drop_in = { 0 };
  g_auto(LtTestCliRun) policy_show = { 0 };
  g_auto(LtTestCliRun) contract = { 0 };
  g_auto(LtTestCliRun) bad = { 0 };
  JsonObject *calendar;

  g_assert_no_error (error);
  expected = lt_business_calendar_dup_on_calendar (lt_policy_get_calendar (bundled), 15);
  joined = g_strjoinv ("\n", expected);

  lt_test_cli_run (&run, "policy", "on-calendar", NULL);
  lt_test_cli_assert_ok (&run);
  g_assert_cmpstr (run.out, ==,
                   "Mon..Fri *-*-* 08..16:00,15,30,45:00 America/Indiana/Indianapolis\n"
                   "Mon..Fri *-*-* 17:00:00 America/Indiana/Indianapolis\n");
  g_assert_true (g_str_has_prefix (run.out, joined));

  lt_test_cli_run (&drop_in, "policy", "on-calendar", "--drop-in", "--every", "60", NULL);
  lt_test_cli_assert_ok (&drop_in);
  g_assert_cmpstr (drop_in.out, ==,
                   "[Timer]\nOnCalendar=\n"
                   "OnCalendar=Mon..Fri *-*-* 08..17:00:00 America/Indiana/Indianapolis\n");

  /* A contract with other hours: the policy document with its calendar
   * changed, as an admin would save it. */
  lt_test_cli_run (&policy_show, "policy", "show", "--json", NULL);
  lt_test_cli_assert_ok (&policy_show);
  shown = lt_test_cli_json_object (policy_show.out);
  calendar = json_object_get_object_member (json_object_get_object_member (shown, "document"), "calendar");
  g_assert_nonnull (calendar);
  json_object_set_string_member (calendar, "opens", "07:30");
  json_object_set_string_member (calendar, "closes", "18:00");
  json_object_set_string_member (calendar, "time_zone", "Europe/Berlin");
  {
    g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (),
                                                      json_object_get_object_member (shown, "document"));

    json_generator_set_root (generator, root);
    document = json_generator_to_data (generator, NULL);
  }
  policy_path = lt_test_cli_write_file ("contract.json", document);
  lt_test_cli_run (&contract, "--policy", policy_path, "policy", "on-calendar", "--every", "30", NULL);
  lt_test_cli_assert_ok (&contract);
  g_assert_cmpstr (contract.out, ==,
                   "Mon..Fri *-*-* 07:30:00 Europe/Berlin\n"
                   "Mon..Fri *-*-* 08..17:00,30:00 Europe/Berlin\n"
                   "Mon..Fri *-*-* 18:00:00 Europe/Berlin\n");

  lt_test_cli_run (&bad, "policy", "on-calendar", "--every", "0", NULL);
  lt_test_cli_assert_usage_error (&bad, "--every");
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/cli-metrics/demo", test_demo);
  g_test_add_func ("/lt/cli-metrics/empty", test_empty);
  g_test_add_func ("/lt/cli-metrics/hostile-labels", test_hostile_labels);
  g_test_add_func ("/lt/cli-metrics/textfile", test_textfile);
  g_test_add_func ("/lt/cli-metrics/textfile-unwritable", test_textfile_unwritable);
  g_test_add_func ("/lt/cli-metrics/missing-profile", test_missing_profile);
  g_test_add_func ("/lt/cli-metrics/usage", test_usage);
  g_test_add_func ("/lt/cli-metrics/on-calendar", test_on_calendar);

  return g_test_run ();
}
