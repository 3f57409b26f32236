/* test-cli-store.c: the ltsupport commands that use the local store
 *
 * `installation`, `outbox` and `eligibility --all` run end to end: the
 * built binary (path in $LTSUPPORT) against a store in the test's own
 * temporary folder, named with --profile. Outbox items are put in through
 * the store's API, as the app would, and checked through it afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-store"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "lt-test-cli.h"
#include "lt-test-util.h"
#include "lt-test-server.h"
#include "lt-outbox.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-store.h"
#include "lt-store-alerts.h"
#include "lt-store-maintenance-windows.h"
#include "lt-store-tickets.h"

#define INSTALLATION_MEMBERS "detected_at,eligibility,host,id,method,name,note,source,version"
#define ELIGIBILITY_MEMBERS "current,floor,hotfix_eligible,message,status,version"

/* The array of `installation list --json`, checked for its shape. */
static JsonArray *
list_installations (const char *profile,
                    const char *catalog)
{
  g_auto(LtTestCliRun) run = { 0 };
  JsonArray *array;

  if (catalog != NULL)
    lt_test_cli_run (&run, "--profile", profile, "installation", "list", "--json",
                   "--catalog", catalog, NULL);
  else
    lt_test_cli_run (&run, "--profile", profile, "installation", "list", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  array = lt_test_cli_json_items (run.out);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      lt_test_cli_assert_members (object, INSTALLATION_MEMBERS);
      lt_test_cli_assert_members (json_object_get_object_member (object, "eligibility"), ELIGIBILITY_MEMBERS);
    }
  return array;
}

static JsonObject *
find_by_name (JsonArray  *array,
              const char *name)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }
  g_assert_not_reached ();
}

/* ---- fixture files ------------------------------------------------------ */

/* G_TEST_OPTION_ISOLATE_DIRS gives each test its own folders, removed
 * afterwards. */
static char *
test_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "test-cli-store", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* The example of §11: latest 3.3.2 with 3.3.1 and 3.3.0 before it, so
 * 3.3.0 or later is supported. */
static char *
write_catalog (void)
{
  return lt_test_cli_write_file ("releases.json",
    "{\"releases\": ["
    " {\"version\": \"3.2.9\", \"released\": \"2024-12-03\"},"
    " {\"version\": \"3.3.0\", \"released\": \"2025-03-04\"},"
    " {\"version\": \"3.3.1\", \"released\": \"2025-05-06\"},"
    " {\"version\": \"3.3.2\", \"released\": \"2025-07-08\"}"
    "]}");
}

static char *
dup_profile (void)
{
  char *profile = test_path ("profile");
  g_autofree char *db = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(LtStore) store = NULL;

  /* Made as a command that writes makes it: the commands that only read
   * create no profile (tests/test-cli-greens.c). */
  g_assert_cmpint (g_mkdir_with_parents (profile, 0700), ==, 0);
  store = lt_store_open (db, NULL, NULL);
  g_assert_nonnull (store);
  return profile;
}

/* ---- installation add / list / remove ----------------------------------- */

static void
test_installation_add_list_remove (void)
{
  g_autofree char *profile = dup_profile ();
  g_autofree char *catalog = write_catalog ();
  g_autofree char *version_file = lt_test_cli_write_file ("VERSION", "v3.3.1\n");
  g_autofree char *missing = test_path ("no-such-VERSION");
  g_autofree char *db_path = g_build_filename (profile, "support.db", NULL);
  g_autoptr(JsonNode) added = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *object, *eligibility;
  g_autofree char *web1_id = NULL;
  struct stat st;

  /* File detection runs at once. */
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "web1",
                 "--host", "web1.example.com", "--file", version_file,
                 "--catalog", catalog, "--json", NULL);
  lt_test_cli_assert_ok (&run);
  added = lt_test_cli_json_answer (run.out);
  object = json_node_get_object (added);
  lt_test_cli_assert_members (object, INSTALLATION_MEMBERS);
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (object, "id")));
  web1_id = g_strdup (json_object_get_string_member (object, "id"));
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "web1");
  g_assert_cmpstr (json_object_get_string_member (object, "host"), ==, "web1.example.com");
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "file");
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, version_file);
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "v3.3.1");
  g_assert_nonnull (json_object_get_string_member (object, "detected_at"));
  g_assert_true (json_object_get_null_member (object, "note"));
  eligibility = json_object_get_object_member (object, "eligibility");
  g_assert_cmpstr (json_object_get_string_member (eligibility, "version"), ==, "3.3.1");
  g_assert_cmpstr (json_object_get_string_member (eligibility, "status"), ==, "supported");
  g_assert_true (json_object_get_boolean_member (eligibility, "hotfix_eligible"));

  /* The store is created private, in the profile folder. */
  g_assert_cmpint (g_stat (db_path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "db",
                 "--host", "db.example.com", "--version", "3.2.9", "--note", "old box", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "db\n");
  lt_test_cli_assert_contains (run.out, "  Version:         3.2.9\n");
  lt_test_cli_assert_contains (run.out, "  Source:          entered by hand\n");
  lt_test_cli_assert_contains (run.out, "  Note:            old box\n");

  /* An unreadable file: kept, without a version, with a warning. */
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "lab",
                 "--host", "lab.example.com", "--file", missing, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.err, "ltsupport: warning: ");
  lt_test_cli_assert_contains (run.err, missing);
  lt_test_cli_assert_contains (run.out, "  Version:         not known\n");
  lt_test_cli_assert_contains (run.out, "  Status:          no version\n");

  /* http: a server that cannot be reached is, like an unreadable file, a
   * warning; the installation is kept without a version. */
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "web2",
                 "--host", "web2.example.com", "--url", "https://web2.example.com/version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.err, "ltsupport: warning: ");
  lt_test_cli_assert_contains (run.out, "  Version:         not known\n");

  list = list_installations (profile, catalog);
  g_assert_cmpuint (json_array_get_length (list), ==, 4);
  /* Sorted by name. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "name"), ==, "db");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 1), "name"), ==, "lab");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 2), "name"), ==, "web1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 3), "name"), ==, "web2");

  object = find_by_name (list, "db");
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "manual");
  g_assert_true (json_object_get_null_member (object, "source"));
  g_assert_cmpstr (json_object_get_string_member (object, "note"), ==, "old box");
  eligibility = json_object_get_object_member (object, "eligibility");
  g_assert_cmpstr (json_object_get_string_member (eligibility, "status"), ==, "unsupported");
  g_assert_false (json_object_get_boolean_member (eligibility, "hotfix_eligible"));
  lt_test_cli_assert_contains (json_object_get_string_member (eligibility, "message"), "Professional Services");

  object = find_by_name (list, "lab");
  g_assert_true (json_object_get_null_member (object, "version"));
  g_assert_true (json_object_get_null_member (object, "detected_at"));
  eligibility = json_object_get_object_member (object, "eligibility");
  g_assert_true (json_object_get_null_member (eligibility, "version"));
  g_assert_true (json_object_get_null_member (eligibility, "status"));
  g_assert_cmpstr (json_object_get_string_member (eligibility, "current"), ==, "3.3.2");
  g_assert_false (json_object_get_boolean_member (eligibility, "hotfix_eligible"));
  lt_test_cli_assert_contains (json_object_get_string_member (eligibility, "message"), "“lab”");

  object = find_by_name (list, "web2");
  g_assert_cmpstr (json_object_get_string_member (object, "method"), ==, "http");
  g_assert_cmpstr (json_object_get_string_member (object, "source"), ==,
                   "https://web2.example.com/version");

  /* Human output. */
  lt_test_cli_run (&run, "--profile", profile, "installation", "list", "--catalog", catalog, NULL);
  lt_test_cli_assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "db\n"));
  lt_test_cli_assert_contains (run.out, "\nweb1\n");
  lt_test_cli_assert_contains (run.out, "  Status:          supported\n");
  lt_test_cli_assert_contains (run.out, "  Hotfix eligible: yes\n");

  /* Remove by name (any case) and by id. */
  lt_test_cli_run (&run, "--profile", profile, "installation", "remove", "DB", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "“db”");
  lt_test_cli_run (&run, "--profile", profile, "installation", "remove", web1_id, NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "“web1”");

  lt_test_cli_run (&run, "--profile", profile, "installation", "remove", "db", NULL);
  lt_test_cli_assert_usage_error (&run, "“db”");

  g_clear_pointer (&list, json_array_unref);
  list = list_installations (profile, catalog);
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
}

/* The status `installation list` shows comes from core with the bundled
 * catalog and policy. */
static void
test_installation_list_bundled (void)
{
  g_autofree char *profile = dup_profile ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPolicy) policy = lt_policy_new_default (&error);
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_default (&error);
  g_autoptr(LtEligibility) verdict = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  const LtVersion *current;
  JsonObject *eligibility;

  g_assert_no_error (error);
  current = lt_release_get_version (lt_release_catalog_get_current (catalog));
  verdict = lt_release_catalog_check_version_for_policy (catalog, current, policy);

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "prod",
                 "--host", "prod.example.com", "--version", lt_version_to_string (current), NULL);
  lt_test_cli_assert_ok (&run);

  list = list_installations (profile, NULL);
  eligibility = json_object_get_object_member (json_array_get_object_element (list, 0), "eligibility");
  g_assert_cmpstr (json_object_get_string_member (eligibility, "status"), ==, "current");
  g_assert_cmpstr (json_object_get_string_member (eligibility, "floor"), ==,
                   lt_version_to_string (verdict->floor));
  g_assert_cmpstr (json_object_get_string_member (eligibility, "message"), ==, verdict->message);
}

/* ---- installation detect ------------------------------------------------ */

static void
test_installation_detect (void)
{
  g_autofree char *profile = dup_profile ();
  g_autofree char *version_file = lt_test_cli_write_file ("VERSION", "3.3.1\n");
  g_autofree char *other_file = test_path ("OTHER-VERSION");
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(GDateTime) before = NULL;
  g_autoptr(GDateTime) detected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *object;

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "web1",
                 "--host", "web1.example.com", "--file", version_file, NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "web3",
                 "--host", "web3.example.com", "--file", other_file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "db",
                 "--host", "db.example.com", "--version", "3.3.0", NULL);
  lt_test_cli_assert_ok (&run);

  /* The file changed: detect reads it again and stores it. */
  g_file_set_contents (version_file, "3.3.2  \n", -1, &error);
  g_assert_no_error (error);
  before = g_date_time_new_now_utc ();
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "web1", NULL);
  lt_test_cli_assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "web1: 3.3.2 (was 3.3.1)\n");

  list = list_installations (profile, NULL);
  object = find_by_name (list, "web1");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "3.3.2");
  detected = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "detected_at"), NULL);
  g_assert_nonnull (detected);
  /* JSON instants have whole seconds. */
  g_assert_cmpint (g_date_time_to_unix (detected), >=, g_date_time_to_unix (before));

  /* --all: one file is still missing, so exit 1 naming it; the rest is
   * detected and stored. */
  g_file_set_contents (version_file, "3.3.1\n", -1, &error);
  g_assert_no_error (error);
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "--all", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.out, "web1: 3.3.1 (was 3.3.2)\n");
  lt_test_cli_assert_contains (run.out, "db: 3.3.0, entered by hand\n");
  lt_test_cli_assert_contains (run.err, "ltsupport: web3: ");
  lt_test_cli_assert_contains (run.err, other_file);

  /* With every file readable, --all succeeds. */
  g_file_set_contents (other_file, "v3.3.2\n", -1, &error);
  g_assert_no_error (error);
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "--all", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "web3: v3.3.2\n");

  /* A version file that holds no version: exit 1 with its content. */
  g_file_set_contents (other_file, "garbage\n", -1, &error);
  g_assert_no_error (error);
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "web3", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "“garbage”");
  g_clear_pointer (&list, json_array_unref);
  list = list_installations (profile, NULL);
  /* The version known before stays. */
  g_assert_cmpstr (json_object_get_string_member (find_by_name (list, "web3"), "version"), ==, "v3.3.2");

  /* A manual installation has nothing to detect. */
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "db", NULL);
  lt_test_cli_assert_usage_error (&run, "“db”");

  /* An http source that cannot be reached is a detection that did not
   * happen (1), named or with --all. */
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "web2",
                 "--host", "web2.example.com", "--url", "https://web2.example.com/version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_file_set_contents (other_file, "3.3.2\n", -1, &error);
  g_assert_no_error (error);
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "web2", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "ltsupport: web2: ");
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "--all", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "ltsupport: web2: ");

  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", NULL);
  lt_test_cli_assert_usage_error (&run, "missing ID|NAME");
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "web1", "--all", NULL);
  lt_test_cli_assert_usage_error (&run, "not both");
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "staging", NULL);
  lt_test_cli_assert_usage_error (&run, "“staging”");
}

/* ---- eligibility --all -------------------------------------------------- */

static void
test_eligibility_all (void)
{
  g_autofree char *profile = dup_profile ();
  g_autofree char *catalog = write_catalog ();
  g_autofree char *missing = test_path ("no-such-VERSION");
  g_autofree char *bad_catalog = lt_test_cli_write_file ("bad.json", "{\"releases\": [");
  g_autoptr(JsonNode) root = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonArray *array;
  JsonObject *object;

  /* No installations: nothing was checked, which is not a yes (issue 13;
   * test-cli-forecast.c has the details). */
  lt_test_cli_run (&run, "--profile", profile, "eligibility", "--all", "--catalog", catalog, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "no installations to check");

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "a",
                 "--host", "a.example.com", "--version", "3.3.2", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "b",
                 "--host", "b.example.com", "--version", "v3.3.0", NULL);
  lt_test_cli_assert_ok (&run);

  /* All eligible: 0. */
  lt_test_cli_run (&run, "--profile", profile, "eligibility", "--all", "--catalog", catalog,
                 "--now", "2025-07-10T12:00:00Z", NULL);
  lt_test_cli_assert_ok (&run);
  g_assert_cmpstr (run.out, ==,
                   "Name  Version  Status     Hotfix eligible  Support ends (estimate)\n"
                   "a     3.3.2    current    yes              about January 2026\n"
                   "b     3.3.0    supported  yes              about September 2025\n"
                   "\n"
                   "Support end dates are estimates, if releases keep their usual pace of ~2 "
                   "months (the median of the last 3 intervals between releases).\n");

  /* One unsupported: 1, with core's reason. */
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "c",
                 "--host", "c.example.com", "--version", "3.2.9", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_run (&run, "--profile", profile, "eligibility", "--all", "--catalog", catalog, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  lt_test_cli_assert_contains (run.out, "c     3.2.9    unsupported  no               —\n");
  lt_test_cli_assert_contains (run.out, "\nc: 3.2.9 is older than 2 releases behind");
  lt_test_cli_assert_contains (run.out, "Professional Services");

  lt_test_cli_run (&run, "--profile", profile, "eligibility", "--all", "--catalog", catalog,
                 "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  root = lt_test_cli_json_answer (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  for (guint i = 0; i < 3; i++)
    lt_test_cli_assert_members (json_array_get_object_element (array, i),
                    "current,floor,hotfix_eligible,id,message,name,status,support_end_estimate,"
                    "support_end_estimate_reason,version");
  object = json_array_get_object_element (array, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "c");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "unsupported");
  g_assert_cmpstr (json_object_get_string_member (object, "floor"), ==, "3.3.0");
  g_assert_false (json_object_get_boolean_member (object, "hotfix_eligible"));
  object = json_array_get_object_element (array, 1);
  /* The canonical version, as `eligibility VERSION --json` prints it. */
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "3.3.0");
  g_assert_true (json_object_get_boolean_member (object, "hotfix_eligible"));

  /* Without a version: not eligible, and it says why. */
  lt_test_cli_run (&run, "--profile", profile, "installation", "remove", "c", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "d",
                 "--host", "d.example.com", "--file", missing, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_run (&run, "--profile", profile, "eligibility", "--all", "--catalog", catalog, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.out, "d     none     no version  no               —\n");
  lt_test_cli_assert_contains (run.out, "\nd: The version of “d” is not known yet");

  /* Input errors: 2. */
  lt_test_cli_run (&run, "--profile", profile, "eligibility", "--all", "3.3.0", NULL);
  lt_test_cli_assert_usage_error (&run, "“3.3.0”");
  lt_test_cli_run (&run, "--profile", profile, "eligibility", "--all", "--catalog", bad_catalog, NULL);
  lt_test_cli_assert_usage_error (&run, bad_catalog);
  /* VERSION is still required without --all. */
  lt_test_cli_run (&run, "--profile", profile, "eligibility", NULL);
  lt_test_cli_assert_usage_error (&run, "missing VERSION argument");
}

/* ---- bad input ---------------------------------------------------------- */

static void
test_bad_input (void)
{
  g_autofree char *profile = dup_profile ();
  g_autoptr(JsonArray) list = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "a",
                 "--host", "a.example.com", "--version", "3.x", NULL);
  lt_test_cli_assert_usage_error (&run, "--version: “3.x” is not a version");

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "a",
                 "--host", "a.example.com", "--file", "VERSION", NULL);
  lt_test_cli_assert_usage_error (&run, "--file: “VERSION” is not an absolute path");

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "a",
                 "--host", "a.example.com", "--url", "ftp://a.example.com/version", NULL);
  lt_test_cli_assert_usage_error (&run, "--url: “ftp://a.example.com/version”");

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", " ",
                 "--host", "a.example.com", "--version", "3.3.0", NULL);
  lt_test_cli_assert_usage_error (&run, "NAME: ");

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "a",
                 "--host", "a.example.com", NULL);
  lt_test_cli_assert_usage_error (&run, "--version, --file or --url");

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "a",
                 "--host", "a.example.com", "--version", "3.3.0", "--url", "https://a/v", NULL);
  lt_test_cli_assert_usage_error (&run, "only one");

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "a",
                 "--version", "3.3.0", NULL);
  lt_test_cli_assert_usage_error (&run, "--host");

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", NULL);
  lt_test_cli_assert_usage_error (&run, "missing NAME argument");

  /* Nothing was stored by any of them. */
  list = list_installations (profile, NULL);
  g_assert_cmpuint (json_array_get_length (list), ==, 0);

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "a",
                 "--host", "a.example.com", "--version", "3.3.0", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "A",
                 "--host", "other.example.com", "--version", "3.3.0", NULL);
  lt_test_cli_assert_usage_error (&run, "“A”");

  lt_test_cli_run (&run, "--profile", profile, "installation", "remove",
                 "00000000-0000-4000-8000-000000000000", NULL);
  lt_test_cli_assert_usage_error (&run, "ID|NAME: ");
  lt_test_cli_assert_contains (run.err, "“00000000-0000-4000-8000-000000000000”");

  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", "--state", "queued", NULL);
  lt_test_cli_assert_usage_error (&run, "--state: “queued”");
  lt_test_cli_run (&run, "--profile", profile, "outbox", "retry", "no-such-key", NULL);
  lt_test_cli_assert_usage_error (&run, "KEY: ");
  lt_test_cli_assert_contains (run.err, "“no-such-key”");
  lt_test_cli_run (&run, "--profile", profile, "outbox", "discard", NULL);
  lt_test_cli_assert_usage_error (&run, "missing KEY argument");

  lt_test_cli_run (&run, "--profile", "", "installation", "list", NULL);
  lt_test_cli_assert_usage_error (&run, "--profile");
}

/* ---- outbox ------------------------------------------------------------- */

typedef struct
{
  char *pending;
  char *failed;
  char *sent;
  char *dependent;
} OutboxKeys;

static void
outbox_keys_clear (OutboxKeys *keys)
{
  g_clear_pointer (&keys->pending, g_free);
  g_clear_pointer (&keys->failed, g_free);
  g_clear_pointer (&keys->sent, g_free);
  g_clear_pointer (&keys->dependent, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OutboxKeys, outbox_keys_clear)

static LtStore *
open_profile_store (const char *profile)
{
  g_autofree char *path = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  LtStore *store = lt_store_open (path, NULL, &error);

  g_assert_no_error (error);
  return store;
}

/* One item in each state the command line can meet (an item left
 * "sending" goes back to pending whenever a store is opened). */
static void
fill_outbox (const char *profile,
             OutboxKeys *keys)
{
  g_autoptr(LtStore) store = open_profile_store (profile);
  g_autoptr(LtOutbox) outbox = lt_outbox_new (store);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-25T16:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutboxItem) claimed = NULL;

  keys->failed = lt_outbox_enqueue (outbox, "ticket.create", "{\"title\": \"Login fails\"}",
                                    NULL, now, &error);
  g_assert_no_error (error);
  claimed = lt_outbox_claim_next (outbox, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_outbox_item_get_key (claimed), ==, keys->failed);
  g_assert_true (lt_outbox_mark_failed (outbox, keys->failed, "Reopen window closed", now, &error));
  g_assert_no_error (error);
  g_clear_object (&claimed);

  keys->sent = lt_outbox_enqueue (outbox, "ticket.comment", "{\"body\": \"More logs\"}",
                                  NULL, now, &error);
  g_assert_no_error (error);
  claimed = lt_outbox_claim_next (outbox, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_outbox_item_get_key (claimed), ==, keys->sent);
  g_assert_true (lt_outbox_mark_sent (outbox, keys->sent, "{\"id\": \"LT-000123\"}", now, &error));
  g_assert_no_error (error);

  keys->pending = lt_outbox_enqueue (outbox, "change-notice.create", "{\"title\": \"Upgrade\"}",
                                     NULL, now, &error);
  g_assert_no_error (error);
  keys->dependent = lt_outbox_enqueue (outbox, "ticket.comment", "{\"body\": \"Also\"}",
                                       keys->pending, now, &error);
  g_assert_no_error (error);
}

static LtOutboxState
lookup_state (const char *profile,
              const char *key,
              gboolean   *exists)
{
  g_autoptr(LtStore) store = open_profile_store (profile);
  g_autoptr(LtOutbox) outbox = lt_outbox_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutboxItem) item = lt_outbox_lookup (outbox, key, &error);

  *exists = item != NULL;
  if (item == NULL)
    {
      g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
      return LT_OUTBOX_STATE_PENDING;
    }
  return lt_outbox_item_get_state (item);
}

static void
test_outbox_list (void)
{
  g_autofree char *profile = dup_profile ();
  g_auto(OutboxKeys) keys = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) failed_root = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonArray *array;
  JsonObject *object;
  g_autofree char *failed_block = NULL;

  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", NULL);
  lt_test_cli_assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "The outbox is empty.\n");

  fill_outbox (profile, &keys);

  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  root = lt_test_cli_json_answer (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  for (guint i = 0; i < 4; i++)
    lt_test_cli_assert_members (json_array_get_object_element (array, i),
                    "attempts,created_at,depends_on,failure_reason,key,kind,last_attempt_at,"
                    "last_error,next_attempt_at,payload,response,sent_at,state");

  /* Oldest first. */
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (object, "key"), ==, keys.failed);
  g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "ticket.create");
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "failed");
  g_assert_cmpint (json_object_get_int_member (object, "attempts"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "failure_reason"), ==, "Reopen window closed");
  g_assert_cmpstr (json_object_get_string_member (object, "created_at"), ==, "2026-11-25T16:00:00Z");
  /* The payload is embedded as JSON, not as a string. */
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "payload"),
                                                  "title"), ==, "Login fails");
  g_assert_true (json_object_get_null_member (object, "response"));

  object = json_array_get_object_element (array, 1);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "sent");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "response"),
                                                  "id"), ==, "LT-000123");
  g_assert_cmpstr (json_object_get_string_member (object, "sent_at"), ==, "2026-11-25T16:00:00Z");

  object = json_array_get_object_element (array, 3);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (object, "depends_on"), ==, keys.pending);

  /* --state filters. */
  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", "--state", "failed", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  failed_root = lt_test_cli_json_answer (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (failed_root)), ==, 1);

  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", "--state", "pending", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, keys.pending);
  lt_test_cli_assert_contains (run.out, keys.dependent);
  g_assert_null (strstr (run.out, keys.failed));
  g_assert_null (strstr (run.out, keys.sent));
  lt_test_cli_assert_contains (run.out, "  State:        pending\n");
  lt_test_cli_assert_contains (run.out, "  Waits for:    ");

  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", NULL);
  lt_test_cli_assert_ok (&run);
  failed_block = g_strdup_printf ("%s\n  Kind:           ticket.create\n  State:          failed\n",
                                  keys.failed);
  g_assert_true (g_str_has_prefix (run.out, failed_block));
  lt_test_cli_assert_contains (run.out, "  Failed because: Reopen window closed\n");
  /* The refusal is also the last error; it is said once. */
  g_assert_null (strstr (run.out, "Last error"));

  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", "--state", "sending", NULL);
  lt_test_cli_assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "No outbox items in that state.\n");
}

/* An item another process is sending right now (issue 10, point 5): this
 * test process holds the claim, a second process runs `ltsupport`. Before,
 * every open put such an item back to pending, so the item went out twice
 * and `outbox discard` deleted it while it was on its way (exit 0). */
static void
test_outbox_in_flight (void)
{
  g_autofree char *profile = dup_profile ();
  g_autoptr(LtStore) store = open_profile_store (profile);
  g_autoptr(LtOutbox) outbox = lt_outbox_new (store);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-25T16:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutboxItem) claimed = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *key = NULL;
  g_autofree char *stray = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  gboolean exists;

  /* What a CLI killed after its last answer leaves: an unlocked lock file
   * that no item names. The next open removes it. */
  stray = g_build_filename (profile, LT_STORE_FILE_NAME ".claims",
                            "6f1c2e3d-4b5a-4978-8a1b-2c3d4e5f6a7b", NULL);
  {
    g_autofree char *claims = g_path_get_dirname (stray);

    g_assert_cmpint (g_mkdir_with_parents (claims, 0700), ==, 0);
  }
  g_assert_true (g_file_set_contents (stray, "", 0, &error));
  g_assert_no_error (error);

  key = lt_outbox_enqueue (outbox, "ticket.create", "{\"title\": \"Login fails\"}", NULL, now,
                           &error);
  g_assert_no_error (error);
  claimed = lt_outbox_claim_next (outbox, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_outbox_item_get_key (claimed), ==, key);

  /* Listing from another process leaves the claim alone. */
  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  root = lt_test_cli_json_answer (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (root), 0),
                                                  "state"), ==, "sending");
  g_assert_false (g_file_test (stray, G_FILE_TEST_EXISTS));
  g_assert_cmpint (lookup_state (profile, key, &exists), ==, LT_OUTBOX_STATE_SENDING);

  /* It cannot be discarded while it is on its way: exit 1, kept. */
  lt_test_cli_run (&run, "--profile", profile, "outbox", "discard", key, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, key);
  lt_test_cli_assert_contains (run.err, "being sent right now");
  g_assert_cmpint (lookup_state (profile, key, &exists), ==, LT_OUTBOX_STATE_SENDING);
  g_assert_true (exists);

  /* The sender's answer lands as usual. */
  g_assert_true (lt_outbox_mark_sent (outbox, key, "{\"id\": \"LT-000124\"}", now, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lookup_state (profile, key, &exists), ==, LT_OUTBOX_STATE_SENT);

  /* A sender that goes away without an answer: the next process puts its
   * claim back to pending. */
  g_clear_object (&claimed);
  g_free (lt_outbox_enqueue (outbox, "ticket.comment", "{\"body\": \"More\"}", NULL, now, &error));
  g_assert_no_error (error);
  claimed = lt_outbox_claim_next (outbox, now, &error);
  g_assert_no_error (error);
  g_clear_object (&outbox);
  g_clear_object (&store);
  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", "--state", "pending", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  g_clear_pointer (&root, json_node_unref);
  root = lt_test_cli_json_answer (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_node_get_array (root), 0),
                                                  "key"), ==, lt_outbox_item_get_key (claimed));
}

static void
test_outbox_retry_discard (void)
{
  g_autofree char *profile = dup_profile ();
  g_auto(OutboxKeys) keys = { 0 };
  g_auto(LtTestCliRun) run = { 0 };
  gboolean exists;

  fill_outbox (profile, &keys);

  /* Only failed items can be retried: the others are refused (1). */
  lt_test_cli_run (&run, "--profile", profile, "outbox", "retry", keys.pending, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, keys.pending);
  lt_test_cli_assert_contains (run.err, "is pending, not failed");
  lt_test_cli_run (&run, "--profile", profile, "outbox", "retry", keys.sent, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "is sent, not failed");

  lt_test_cli_run (&run, "--profile", profile, "outbox", "retry", keys.failed, NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, keys.failed);
  g_assert_cmpint (lookup_state (profile, keys.failed, &exists), ==, LT_OUTBOX_STATE_PENDING);
  g_assert_true (exists);

  /* A sent item cannot be taken back. */
  lt_test_cli_run (&run, "--profile", profile, "outbox", "discard", keys.sent, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, keys.sent);
  lt_test_cli_assert_contains (run.err, "already sent");
  g_assert_cmpint (lookup_state (profile, keys.sent, &exists), ==, LT_OUTBOX_STATE_SENT);
  g_assert_true (exists);

  /* A pending item can be withdrawn; what depended on it fails. */
  lt_test_cli_run (&run, "--profile", profile, "outbox", "discard", keys.pending, NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, keys.pending);
  lookup_state (profile, keys.pending, &exists);
  g_assert_false (exists);
  g_assert_cmpint (lookup_state (profile, keys.dependent, &exists), ==, LT_OUTBOX_STATE_FAILED);
  g_assert_true (exists);

  /* And a failed one. */
  lt_test_cli_run (&run, "--profile", profile, "outbox", "discard", keys.dependent, NULL);
  lt_test_cli_assert_ok (&run);
  lookup_state (profile, keys.dependent, &exists);
  g_assert_false (exists);

  lt_test_cli_run (&run, "--profile", profile, "outbox", "discard", keys.dependent, NULL);
  lt_test_cli_assert_usage_error (&run, keys.dependent);
}

/* ---- where the store lives ---------------------------------------------- */

/* The whole --url path of the CLI against a real HTTP server on loopback:
 * add detects at once, detect re-reads after the server's answer changed. */
static void
test_installation_detect_http (void)
{
  g_autofree char *profile = dup_profile ();
  g_autofree char *url = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  LtTestServer *server = lt_test_server_new (NULL);

  url = g_strconcat (lt_test_server_get_url (server), "/lockthreat/version", NULL);
  lt_test_server_add_response (server, "GET", "/lockthreat/version", 200, "text/plain",
                               "v3.4.2\n", NULL);

  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "edge",
                 "--host", "edge.example.com", "--url", url, NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "  Version:         v3.4.2\n");

  lt_test_server_add_response (server, "GET", "/lockthreat/version", 200, "text/plain",
                               "3.5.1\n", NULL);
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "edge", NULL);
  lt_test_cli_assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "edge: 3.5.1 (was v3.4.2)\n");

  /* A server error is a failed detection that keeps the version known. */
  lt_test_server_add_response (server, "GET", "/lockthreat/version", 503, "text/plain",
                               "busy\n", NULL);
  lt_test_cli_run (&run, "--profile", profile, "installation", "detect", "edge", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "ltsupport: edge: ");
  list = list_installations (profile, NULL);
  g_assert_cmpstr (json_object_get_string_member (find_by_name (list, "edge"), "version"), ==, "3.5.1");

  lt_test_server_free (server);
}

static void
test_profile (void)
{
  g_autofree char *from_env = test_path ("env-profile");
  g_autofree char *from_option = test_path ("option-profile");
  g_autofree char *env_db = g_build_filename (from_env, "support.db", NULL);
  g_autofree char *option_db = g_build_filename (from_option, "support.db", NULL);
  g_autofree char *default_db = g_build_filename (g_get_user_data_dir (), "lockthreat-support",
                                                  "support.db", NULL);
  const char * const add_env[] = { "installation", "add", "env", "--host", "h",
                                   "--version", "3.3.0", NULL };
  const char * const add_both[] = { "--profile", from_option, "installation", "add", "opt",
                                    "--host", "h", "--version", "3.3.0", NULL };
  const char * const list_env[] = { "installation", "list", NULL };
  const char * const list_after[] = { "installation", "list", "--profile", from_option, NULL };
  g_auto(LtTestCliRun) run = { 0 };
  struct stat st;

  /* $LTSUPPORT_PROFILE names the folder... */
  lt_test_cli_setenv (LT_STORE_PROFILE_ENV, from_env);
  lt_test_cli_run_argv (&run, NULL, -1, add_env);
  lt_test_cli_assert_ok (&run);
  g_assert_true (g_file_test (env_db, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (from_env, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0700);

  /* ...and --profile wins over it. */
  lt_test_cli_run_argv (&run, NULL, -1, add_both);
  lt_test_cli_assert_ok (&run);
  g_assert_true (g_file_test (option_db, G_FILE_TEST_IS_REGULAR));

  lt_test_cli_run_argv (&run, NULL, -1, list_env);
  lt_test_cli_assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "env\n"));
  g_assert_null (strstr (run.out, "opt\n"));

  /* Global: accepted after the command too. */
  lt_test_cli_run_argv (&run, NULL, -1, list_after);
  lt_test_cli_assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "opt\n"));
  g_assert_null (strstr (run.out, "env\n"));

  /* Neither: the user's data folder (isolated by the test), which a
   * command that only reads does not create (tests/test-cli-greens.c)... */
  g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
  lt_test_cli_setenv (LT_STORE_PROFILE_ENV, NULL);
  lt_test_cli_run_argv (&run, NULL, -1, list_env);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "no local data yet");
  g_assert_false (g_file_test (default_db, G_FILE_TEST_EXISTS));
  /* ...and one that writes does. */
  {
    const char * const add_default[] = { "installation", "add", "home", "--host", "h",
                                         "--version", "3.3.0", NULL };

    lt_test_cli_run_argv (&run, NULL, -1, add_default);
    lt_test_cli_assert_ok (&run);
  }
  g_assert_true (g_file_test (default_db, G_FILE_TEST_IS_REGULAR));
  lt_test_cli_run_argv (&run, NULL, -1, list_env);
  lt_test_cli_assert_ok (&run);
  g_assert_true (g_str_has_prefix (run.out, "home\n"));
}

static void
test_help (void)
{
  const char * const commands[][3] = {
    { "installation", NULL },
    { "installation", "add", NULL },
    { "installation", "list", NULL },
    { "installation", "remove", NULL },
    { "installation", "detect", NULL },
    { "outbox", NULL },
    { "outbox", "list", NULL },
    { "outbox", "retry", NULL },
    { "outbox", "discard", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(LtTestCliRun) run = { 0 };
      const char *args[4] = { commands[i][0], commands[i][1], NULL, NULL };
      g_autofree char *usage = NULL;

      args[commands[i][1] != NULL ? 2 : 1] = "--help";
      usage = commands[i][1] != NULL
        ? g_strdup_printf ("ltsupport %s %s [OPTION…]", commands[i][0], commands[i][1])
        : g_strdup_printf ("ltsupport %s [OPTION…]", commands[i][0]);
      lt_test_cli_run_argv (&run, NULL, -1, args);
      lt_test_cli_assert_ok (&run);
      lt_test_cli_assert_contains (run.out, usage);
      lt_test_cli_assert_contains (run.out, "--profile");
    }
}

/* ---- tickets with dates a pre-fix sync stored ------------------------------ */

/* A ticket from the portal, stored as sync stores it. */
static void
store_portal_ticket (LtStore       *store,
                     const char    *id,
                     LtTicketState  state,
                     const char    *opened)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened_at = lt_test_instant (opened);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-25T16:00:00Z");
  g_autoptr(GError) error = NULL;

  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, "Login fails");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S1);
  lt_ticket_set_category (ticket, "defect");
  lt_ticket_set_state (ticket, state);
  lt_ticket_set_opened_at (ticket, opened_at);
  lt_ticket_set_updated_at (ticket, opened_at);
  if (state == LT_TICKET_STATE_CLOSED)
    {
      lt_ticket_set_closed_at (ticket, opened_at);
      lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_CONFIRMED);
    }
  if (state == LT_TICKET_STATE_RESOLVED)
    lt_ticket_set_resolved_at (ticket, opened_at);
  g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
  g_assert_no_error (error);
}

/* Writes @usec into @column of ticket @id with sqlite itself: the value a
 * sync stored before lt_instant_parse() checked the range (0001-01-01,
 * 9999-12-31 at the end of the day) or one no GDateTime can hold. */
static void
set_ticket_instant (const char *profile,
                    const char *id,
                    const char *column,
                    gint64      usec)
{
  g_autofree char *path = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autofree char *sql = g_strdup_printf ("UPDATE tickets SET %s = ?1 WHERE id = ?2", column);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, usec);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* Issue 10, point 1: a ticket with "opened_at": "0001-01-01T00:00:00Z",
 * stored by a sync, made `ticket list` and `ticket show` die with SIGSEGV
 * for ever (year 0 in the vendor's zone). Such rows now show as "invalid
 * date" and have no SLA, auto-close or reopen deadline; the other tickets
 * are listed as before. */
static void
test_ticket_bad_dates (void)
{
  g_autofree char *profile = dup_profile ();
  static const char * const ids[] = {
    "LT-000001", "LT-000002", "LT-000003", "LT-000004", "LT-000005",
  };
  g_auto(LtTestCliRun) run = { 0 };

  {
    g_autoptr(LtStore) store = open_profile_store (profile);

    store_portal_ticket (store, ids[0], LT_TICKET_STATE_SUBMITTED, "2026-11-25T15:00:00Z");
    store_portal_ticket (store, ids[1], LT_TICKET_STATE_CLOSED, "2026-11-20T15:00:00Z");
    store_portal_ticket (store, ids[2], LT_TICKET_STATE_RESOLVED, "2026-11-20T15:00:00Z");
    store_portal_ticket (store, ids[3], LT_TICKET_STATE_SUBMITTED, "2026-11-20T15:00:00Z");
    store_portal_ticket (store, ids[4], LT_TICKET_STATE_SUBMITTED, "2026-11-24T15:00:00Z");
  }
  /* 0001-01-01T00:00:00Z, 9999-12-31T23:59:59Z and far past GDateTime. */
  set_ticket_instant (profile, ids[0], "opened_at", G_GINT64_CONSTANT (-62135596800000000));
  set_ticket_instant (profile, ids[1], "closed_at", G_GINT64_CONSTANT (253402300799000000));
  set_ticket_instant (profile, ids[2], "resolved_at", G_GINT64_CONSTANT (-62135596800000000));
  set_ticket_instant (profile, ids[3], "opened_at", G_GINT64_CONSTANT (253402300799000000));
  set_ticket_instant (profile, ids[4], "opened_at", G_MAXINT64);

  lt_test_cli_run (&run, "--profile", profile, "ticket", "list", NULL);
  lt_test_cli_assert_ok (&run);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    lt_test_cli_assert_contains (run.out, ids[i]);
  lt_test_cli_assert_contains (run.out, "invalid date");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "list", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  {
    g_autoptr(JsonNode) root = lt_test_cli_json_answer (run.out);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, G_N_ELEMENTS (ids));
  }

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      lt_test_cli_run (&run, "--profile", profile, "ticket", "show", ids[i], NULL);
      lt_test_cli_assert_ok (&run);
      lt_test_cli_assert_contains (run.out, ids[i]);
      lt_test_cli_run (&run, "--profile", profile, "ticket", "show", ids[i], "--json", NULL);
      lt_test_cli_assert_ok (&run);
    }
  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", ids[0], NULL);
  lt_test_cli_assert_contains (run.out, "invalid date");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", ids[1], NULL);
  lt_test_cli_assert_contains (run.out, "invalid date");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", ids[4], NULL);
  lt_test_cli_assert_contains (run.out, "invalid date");
  g_assert_null (strstr (run.out, "queued"));
}

/* A ticket closed "fixed in the current release" says, as the app's
 * history does, which release fixes its known issue (the bundled
 * catalog: LT-1133 in 3.5.1, the withdrawn 3.5.0 skipped) and what to do. */
static void
test_ticket_show_close_explanation (void)
{
  g_autofree char *profile = dup_profile ();
  g_auto(LtTestCliRun) run = { 0 };

  {
    g_autoptr(LtStore) store = open_profile_store (profile);
    g_autoptr(LtTicket) ticket = lt_ticket_new ();
    g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-20T15:00:00Z");
    g_autoptr(GDateTime) now = lt_test_instant ("2026-11-25T16:00:00Z");
    g_autoptr(GError) error = NULL;
    const char * const issues[] = { "LT-1133", NULL };

    lt_ticket_set_id (ticket, "LT-000777");
    lt_ticket_set_title (ticket, "Exports time out");
    lt_ticket_set_severity (ticket, LT_SEVERITY_S2);
    lt_ticket_set_category (ticket, "defect");
    lt_ticket_set_product_version (ticket, "3.4.1");
    lt_ticket_set_known_issue_ids (ticket, issues);
    lt_ticket_set_state (ticket, LT_TICKET_STATE_CLOSED);
    lt_ticket_set_opened_at (ticket, opened);
    lt_ticket_set_updated_at (ticket, opened);
    lt_ticket_set_closed_at (ticket, opened);
    lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_FIXED_IN_CURRENT);
    g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
    g_assert_no_error (error);
  }

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-000777", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "Close reason");
  lt_test_cli_assert_contains (run.out, "LT-1133 is fixed in 3.5.1. Upgrade to 3.5.1 or later.");
}

/* Midnight of 0001-01-01 in the tests' Pacific/Chatham (+12:45) is in the
 * year 0 in UTC: the day was taken, the time came back NULL without an
 * error and `maintenance list` crashed. Both ends are refused, quoted. */
static void
test_maintenance_bound_edges (void)
{
  g_autofree char *profile = dup_profile ();
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "maintenance", "list", "--from", "0001-01-01", NULL);
  lt_test_cli_assert_usage_error (&run, "--from: “0001-01-01” is outside the supported range");
  lt_test_cli_run (&run, "--profile", profile, "maintenance", "list", "--to", "9999-12-31", NULL);
  lt_test_cli_assert_usage_error (&run, "--to: “9999-12-31” is outside the supported range");
  lt_test_cli_run (&run, "--profile", profile, "maintenance", "list",
                 "--from", "0001-01-01T00:00:00Z", NULL);
  lt_test_cli_assert_usage_error (&run, "--from: “0001-01-01T00:00:00Z” is outside the supported range");
  lt_test_cli_run (&run, "--profile", profile, "maintenance", "list", "--from", "0001-01-03",
                 "--to", "9999-12-29", NULL);
  lt_test_cli_assert_ok (&run);
}

/* ---- change notice drafts ----------------------------------------------- */

static char *
member_string (const char *json,
               const char *member)
{
  g_autoptr(JsonObject) object = lt_test_cli_json_object (json);

  return g_strdup (json_object_get_string_member (object, member));
}

/* A draft is saved with its planned start and the last on-time day (R8
 * backwards, in the vendor's calendar), changed, listed with the state
 * "draft", sent with the create path's checks (it becomes queued with its
 * outbox item, key = its local id) and, while a draft, deleted. */
static void
test_change_notice_drafts (void)
{
  g_autofree char *profile = dup_profile ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *message = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonArray *array;

  /* Sunday 20 December 2026: Tuesday 15 is the last day that leaves 3
   * business days (Wed 16 + 3 is Mon 21). */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "draft", "--kind", "infrastructure",
                 "--title", "Replace the core switch", "--start", "2026-12-20T02:00:00-05:00",
                 "--json", NULL);
  lt_test_cli_assert_ok (&run);
  first = member_string (run.out, "local_id");
  g_assert_nonnull (first);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);

    lt_test_cli_assert_members (object, "last_on_time_day,late_if_sent_now,local_id,planned_start,state");
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "draft");
    g_assert_cmpstr (json_object_get_string_member (object, "last_on_time_day"), ==, "2026-12-15");
    g_assert_cmpstr (json_object_get_string_member (object, "planned_start"), ==,
                     "2026-12-20T07:00:00Z");
  }

  /* Text: its id and the verdict; a second draft far ahead is on time. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "draft", "--kind", "third-party",
                 "--title", "Patch the SSO provider", "--start", "2036-06-12T09:00:00Z", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "Saved as draft ");
  lt_test_cli_assert_contains (run.out, "The last on-time day to send it: 2036-06-09");
  second = g_strndup (run.out + strlen ("Saved as draft "), 36);

  /* A new draft needs its start; an unknown draft is named. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "draft", "--kind", "infrastructure",
                 "--title", "No start", NULL);
  lt_test_cli_assert_usage_error (&run, "--start");
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "draft", "--draft",
                 "00000000-0000-4000-8000-000000000000", "--title", "x", NULL);
  lt_test_cli_assert_usage_error (&run, "00000000-0000-4000-8000-000000000000");

  /* Changed: only what is given. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "draft", "--draft", second,
                 "--end", "2036-06-12T10:00:00Z", "--rollback-plan", "Restore the old version", NULL);
  lt_test_cli_assert_ok (&run);
  message = g_strdup_printf ("Draft %s saved.", second);
  lt_test_cli_assert_contains (run.out, message);

  lt_test_cli_run (&run, "--profile", profile, "change-notice", "list", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  list = lt_test_cli_json_answer (run.out);
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "draft");
      g_assert_true (json_object_get_null_member (object, "id"));
      if (g_strcmp0 (json_object_get_string_member (object, "local_id"), second) == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (object, "title"), ==, "Patch the SSO provider");
          g_assert_cmpstr (json_object_get_string_member (object, "rollback_plan"), ==,
                           "Restore the old version");
          g_assert_cmpstr (json_object_get_string_member (object, "planned_end"), ==,
                           "2036-06-12T10:00:00Z");
        }
    }
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "list", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "State:   draft");

  /* No outbox item for a draft. */
  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", NULL);
  lt_test_cli_assert_ok (&run);
  g_assert_cmpstr (run.out, ==, "The outbox is empty.\n");

  /* The first has no end yet, which the portal needs. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "send-draft", first, "--yes", NULL);
  lt_test_cli_assert_usage_error (&run, "no planned end");

  /* Sent: queued, its item keyed by its local id (no portal here). */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "send-draft", second, "--yes",
                 "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);

    g_assert_cmpstr (json_object_get_string_member (object, "local_id"), ==, second);
    g_assert_cmpstr (json_object_get_string_member (object, "outbox_key"), ==, second);
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "queued");
    g_assert_false (json_object_get_boolean_member (object, "late"));
  }
  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, second);
  lt_test_cli_assert_contains (run.out, "change-notice.create");

  /* Sent once: neither sent again nor deleted as a draft. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "send-draft", second, "--yes", NULL);
  lt_test_cli_assert_usage_error (&run, "not a draft");
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "delete-draft", second, NULL);
  lt_test_cli_assert_usage_error (&run, "not a draft");

  /* A draft whose start is too close is late: sent only once the late
   * notice is acknowledged, as a new notice would be. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "draft", "--kind", "core-configuration",
                 "--title", "Too close", "--start", "2026-01-05T09:00:00Z",
                 "--end", "2026-01-05T10:00:00Z", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);
    g_autofree char *late = g_strdup (json_object_get_string_member (object, "local_id"));

    g_assert_true (json_object_get_boolean_member (object, "late_if_sent_now"));
    lt_test_cli_run (&run, "--profile", profile, "change-notice", "send-draft", late, NULL);
    g_assert_cmpint (run.status, ==, 2);
    lt_test_cli_assert_contains (run.err, "late");
    lt_test_cli_assert_contains (run.err, "--yes");
    /* Not sent: still a draft, with no outbox item. */
    lt_test_cli_run (&run, "--profile", profile, "outbox", "list", NULL);
    lt_test_cli_assert_not_contains (run.out, late);
    lt_test_cli_run (&run, "--profile", profile, "change-notice", "send-draft", late, "--yes",
                   "--json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_clear_pointer (&object, json_object_unref);
    object = lt_test_cli_json_object (run.out);
    g_assert_true (json_object_get_boolean_member (object, "late"));
    g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "queued");
  }

  lt_test_cli_run (&run, "--profile", profile, "change-notice", "delete-draft", first, NULL);
  lt_test_cli_assert_ok (&run);
  g_clear_pointer (&message, g_free);
  message = g_strdup_printf ("Draft %s deleted.\n", first);
  g_assert_cmpstr (run.out, ==, message);
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "delete-draft", first, NULL);
  lt_test_cli_assert_usage_error (&run, first);
}

/* ---- notifications list --------------------------------------------------- */

#define ALERT_MEMBERS "body,buttons,deadline,detail,due,key,kind,news,recorded,subject," \
                      "subject_title,title,urgent"

static JsonObject *
find_alert (JsonArray  *alerts,
            const char *key)
{
  for (guint i = 0; i < json_array_get_length (alerts); i++)
    {
      JsonObject *object = json_array_get_object_element (alerts, i);

      if (g_strcmp0 (json_object_get_string_member (object, "key"), key) == 0)
        return object;
    }
  return NULL;
}

/* What the app would show: a maintenance window whose reminders are due
 * (the policy's 24 h and 1 h) and an action the portal refused, in the
 * documented JSON, with whether each was notified already; the text form
 * shows a hostile title without its control characters. */
static void
test_notifications_list (void)
{
  g_autofree char *profile = dup_profile ();
  g_auto(OutboxKeys) keys = { 0 };
  g_autofree char *refused_key = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *alert;

  lt_test_cli_run (&run, "--profile", profile, "notifications", "list", "--json",
                 "--now", "2026-12-05T05:30:00Z", NULL);
  lt_test_cli_assert_ok (&run);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);

    lt_test_cli_assert_members (object, "alerts,next,now,since");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "alerts")), ==, 0);
    g_assert_cmpstr (json_object_get_string_member (object, "now"), ==, "2026-12-05T05:30:00Z");
  }
  lt_test_cli_run (&run, "--profile", profile, "notifications", "list", "--now", "tomorrow", NULL);
  lt_test_cli_assert_usage_error (&run, "--now");

  {
    g_autoptr(LtStore) store = open_profile_store (profile);
    g_autoptr(LtMaintenanceWindow) window = lt_maintenance_window_new ();
    g_autoptr(GDateTime) starts = lt_test_instant ("2026-12-05T06:00:00Z");
    g_autoptr(GDateTime) ends = lt_test_instant ("2026-12-05T08:00:00Z");
    g_autoptr(GDateTime) announced = lt_test_instant ("2026-11-20T15:00:00Z");
    g_autoptr(GDateTime) now = lt_test_instant ("2026-12-05T05:00:00Z");
    g_autoptr(GError) error = NULL;
    LtAlert recorded = { LT_ALERT_KIND_MAINTENANCE, (char *) "maintenance:MW-7:1440",
                         (char *) "MW-7", NULL, NULL, NULL, NULL, FALSE };
    gboolean done = FALSE;

    lt_maintenance_window_set_id (window, "MW-7");
    lt_maintenance_window_set_kind (window, LT_MAINTENANCE_KIND_SCHEDULED);
    lt_maintenance_window_set_title (window, "Database upgrade\x1b[2J\x1b]0;pwned\x07");
    lt_maintenance_window_set_starts_at (window, starts);
    lt_maintenance_window_set_ends_at (window, ends);
    lt_maintenance_window_set_announced_at (window, announced);
    g_assert_true (lt_store_upsert_maintenance_window (store, window, now, &error));
    g_assert_no_error (error);
    /* The 24 h reminder was shown already. */
    g_assert_true (lt_store_record_alert (store, &recorded, LT_ALERT_DELIVERY_SHOWN, now, &done,
                                          &error));
    g_assert_no_error (error);
    g_assert_true (done);
  }
  fill_outbox (profile, &keys);
  refused_key = g_strconcat ("outbox-refused:", keys.failed, NULL);

  lt_test_cli_run (&run, "--profile", profile, "notifications", "list", "--json",
                 "--now", "2026-12-05T05:30:00+00:00", NULL);
  lt_test_cli_assert_ok (&run);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);
    JsonArray *alerts = json_object_get_array_member (object, "alerts");

    lt_test_cli_assert_members (object, "alerts,next,now,since");
    g_assert_cmpuint (json_array_get_length (alerts), >=, 3);
    for (guint i = 0; i < json_array_get_length (alerts); i++)
      {
        JsonObject *each = json_array_get_object_element (alerts, i);
        JsonArray *buttons = json_object_get_array_member (each, "buttons");

        lt_test_cli_assert_members (each, ALERT_MEMBERS);
        g_assert_nonnull (json_object_get_string_member (each, "title"));
        g_assert_cmpuint (json_array_get_length (buttons), >=, 1);
        for (guint j = 0; j < json_array_get_length (buttons); j++)
          {
            JsonObject *button = json_array_get_object_element (buttons, j);

            lt_test_cli_assert_members (button, "action,label,target");
            g_assert_true (g_str_has_prefix (json_object_get_string_member (button, "action"), "app."));
          }
      }

    alert = find_alert (alerts, "maintenance:MW-7:1440");
    g_assert_nonnull (alert);
    g_assert_cmpstr (json_object_get_string_member (alert, "kind"), ==, "maintenance");
    g_assert_cmpstr (json_object_get_string_member (alert, "subject"), ==, "MW-7");
    g_assert_true (json_object_get_boolean_member (alert, "recorded"));
    alert = find_alert (alerts, "maintenance:MW-7:60");
    g_assert_nonnull (alert);
    g_assert_cmpstr (json_object_get_string_member (alert, "due"), ==, "2026-12-05T05:00:00Z");
    g_assert_false (json_object_get_boolean_member (alert, "recorded"));
    alert = find_alert (alerts, refused_key);
    g_assert_nonnull (alert);
    g_assert_cmpstr (json_object_get_string_member (alert, "kind"), ==, "outbox-refused");
    g_assert_cmpstr (json_object_get_string_member (alert, "subject"), ==, keys.failed);
    /* Something is still ahead: at the latest, the window's start. */
    g_assert_nonnull (json_object_get_string_member (object, "next"));
    g_assert_cmpstr (json_object_get_string_member (object, "next"), <=, "2026-12-05T06:00:00Z");
  }

  lt_test_cli_run (&run, "--profile", profile, "notifications", "list",
                 "--now", "2026-12-05T05:30:00Z", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "maintenance:MW-7:60");
  lt_test_cli_assert_contains (run.out, refused_key);
  lt_test_cli_assert_contains (run.out, "Next:");
  lt_test_cli_assert_not_contains (run.out, "\x1b");
  lt_test_cli_assert_not_contains (run.out, "\x07");
}

/* ---- a profile that cannot be written ----------------------------------- */

static gboolean
set_immutable (const char *path,
               gboolean    immutable)
{
  const char *argv[] = { "chattr", immutable ? "+i" : "-i", path, NULL };
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static char *
checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Commands that only read open the store read-only: they leave the file
 * as it was and work on a profile nobody may write (an immutable file in
 * an immutable folder: even root cannot write it, which a chmod would not
 * show when the tests run as root). Commands that write say the profile
 * is read-only, not "Could not create" a file that exists. */
static void
test_read_only_profile (void)
{
  g_autofree char *profile = test_path ("read-only-profile");
  g_autofree char *db_path = g_build_filename (profile, "support.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *reads[][3] = {
    { "installation", "list", NULL },
    { "ticket", "list", NULL },
    { "outbox", "list", NULL },
    { "eligibility", "--all", NULL },
    { "change-notice", "list", NULL },
  };
  LtTestCliRun runs[G_N_ELEMENTS (reads)] = { { 0 } };
  g_auto(LtTestCliRun) write = { 0 };
  gboolean immutable;

  lt_test_cli_run (&write, "--profile", profile, "installation", "add", "lab", "--host", "lab.example",
                 "--version", "3.3.1", NULL);
  g_assert_cmpint (write.status, ==, 0);

  before = checksum_file (db_path);
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      lt_test_cli_run (&runs[i], "--profile", profile, reads[i][0], reads[i][1], NULL);
      g_assert_cmpint (runs[i].status, !=, 2);
    }
  after = checksum_file (db_path);
  g_assert_cmpstr (before, ==, after);

  immutable = set_immutable (db_path, TRUE);
  if (immutable && !set_immutable (profile, TRUE))
    {
      set_immutable (db_path, FALSE);
      immutable = FALSE;
    }
  if (!immutable)
    {
      for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
        lt_test_cli_run_clear (&runs[i]);
      g_test_skip ("chattr +i is not available here (not root, or a file system without it)");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    lt_test_cli_run (&runs[i], "--profile", profile, reads[i][0], reads[i][1], NULL);
  lt_test_cli_run (&write, "--profile", profile, "installation", "add", "dmz", "--host", "dmz.example",
                 "--version", "3.3.1", NULL);
  /* Undone before asserting: the test's folder must stay removable. */
  set_immutable (profile, FALSE);
  set_immutable (db_path, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_assert_cmpint (runs[i].status, !=, 2);
      lt_test_cli_assert_not_contains (runs[i].err, "Could not");
      lt_test_cli_run_clear (&runs[i]);
    }
  g_assert_cmpint (write.status, ==, 2);
  lt_test_cli_assert_contains (write.err, "is read-only");
  lt_test_cli_assert_not_contains (write.err, "Could not create");
  after = (g_free (after), checksum_file (db_path));
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/cli-store/read-only-profile", test_read_only_profile);
  g_test_add_func ("/lt/cli-store/installation/add-list-remove", test_installation_add_list_remove);
  g_test_add_func ("/lt/cli-store/installation/list-bundled", test_installation_list_bundled);
  g_test_add_func ("/lt/cli-store/installation/detect", test_installation_detect);
  g_test_add_func ("/lt/cli-store/installation/detect-http", test_installation_detect_http);
  g_test_add_func ("/lt/cli-store/eligibility-all", test_eligibility_all);
  g_test_add_func ("/lt/cli-store/bad-input", test_bad_input);
  g_test_add_func ("/lt/cli-store/outbox/list", test_outbox_list);
  g_test_add_func ("/lt/cli-store/outbox/retry-discard", test_outbox_retry_discard);
  g_test_add_func ("/lt/cli-store/outbox/in-flight", test_outbox_in_flight);
  g_test_add_func ("/lt/cli-store/profile", test_profile);
  g_test_add_func ("/lt/cli-store/help", test_help);
  g_test_add_func ("/lt/cli-store/ticket/bad-dates", test_ticket_bad_dates);
  g_test_add_func ("/lt/cli-store/ticket/close-explanation", test_ticket_show_close_explanation);
  g_test_add_func ("/lt/cli-store/maintenance/bound-edges", test_maintenance_bound_edges);
  g_test_add_func ("/lt/cli-store/change-notice/drafts", test_change_notice_drafts);
  g_test_add_func ("/lt/cli-store/notifications/list", test_notifications_list);

  return g_test_run ();
}
