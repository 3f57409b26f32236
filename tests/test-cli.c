/* test-cli.c: the ltsupport command line, run as a user runs it
 *
 * Every test starts the built binary (path in $LTSUPPORT) with
 * GSubprocess and checks stdout, stderr and the exit status, which are
 * the interface scripts rely on (docs/cli.md). Expected verdicts are taken
 * from core where the data could change (the bundled catalog and policy),
 * and from RULES.md's own examples where the rule fixes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lt-test-cli.h"
#include "lt-test-util.h"
#include "lt-business-calendar.h"
#include "lt-date-util.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-rules.h"

/* ---- fixture files ------------------------------------------------------ */

/* The bundled policy document with root[@section][@member] replaced by
 * @value (taken), written to @name: a variant that differs in one answer. */
static char *
write_policy_variant (const char *name,
                      const char *section,
                      const char *member,
                      JsonNode   *value)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  bytes = g_resources_lookup_data (LT_POLICY_DEFAULT_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  root = lt_test_cli_parse_json (g_bytes_get_data (bytes, NULL));
  object = json_object_get_object_member (json_node_get_object (root), section);
  g_assert_nonnull (object);
  g_assert_true (json_object_has_member (object, member));
  json_object_set_member (object, member, value);

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  return lt_test_cli_write_file (name, text);
}

/* The example of §11: latest 3.3.2 with 3.3.1 and 3.3.0 before it. */
static const char section_11_catalog[] =
  "{\"releases\": ["
  " {\"version\": \"3.3.0\", \"released\": \"2025-03-04\"},"
  " {\"version\": \"3.3.1\", \"released\": \"2025-05-06\"},"
  " {\"version\": \"3.3.2\", \"released\": \"2025-07-08\"}"
  "]}";

static LtPolicy *
load_default_policy (void)
{
  g_autoptr(GError) error = NULL;
  LtPolicy *policy = lt_policy_new_default (&error);

  g_assert_no_error (error);
  return policy;
}

/* ---- global behaviour --------------------------------------------------- */

static void
test_version (void)
{
  g_auto(LtTestCliRun) run = { 0 };
  g_autofree char *expected = g_strdup_printf ("ltsupport %s\n", PACKAGE_VERSION);

  lt_test_cli_run (&run, "--version", NULL);
  lt_test_cli_assert_output (&run, 0, expected);
}

static void
test_help (void)
{
  /* Every command and group answers --help on stdout with exit 0 and a
   * usage line naming the whole command path. */
  const char * const commands[][3] = {
    { NULL },
    { "eligibility", NULL },
    { "calendar", NULL },
    { "calendar", "add-business-days", NULL },
    { "calendar", "is-business-day", NULL },
    { "calendar", "holidays", NULL },
    { "sla", NULL },
    { "sla", "due", NULL },
    { "change-notice", NULL },
    { "change-notice", "check", NULL },
    { "classify", NULL },
    { "policy", NULL },
    { "policy", "show", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(LtTestCliRun) run = { 0 };
      const char *args[4] = { NULL };
      g_autoptr(GString) usage = g_string_new ("ltsupport");
      guint n = 0;

      for (; n < 2 && commands[i][n] != NULL; n++)
        {
          args[n] = commands[i][n];
          g_string_append_printf (usage, " %s", commands[i][n]);
        }
      args[n] = "--help";
      g_string_append (usage, " [OPTION…]");

      lt_test_cli_run_argv (&run, NULL, -1, args);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      lt_test_cli_assert_contains (run.out, usage->str);
      lt_test_cli_assert_contains (run.out, "--policy");
    }
}

static void
test_usage_errors (void)
{
  g_auto(LtTestCliRun) run = { 0 };

  {
    const char * const none[] = { NULL };

    lt_test_cli_run_argv (&run, NULL, -1, none);
  }
  lt_test_cli_assert_usage_error (&run, "missing COMMAND");

  lt_test_cli_run (&run, "frobnicate", NULL);
  lt_test_cli_assert_usage_error (&run, "“frobnicate”");

  lt_test_cli_run (&run, "calendar", "frobnicate", NULL);
  lt_test_cli_assert_usage_error (&run, "“frobnicate”");

  lt_test_cli_run (&run, "--bogus", "policy", "show", NULL);
  lt_test_cli_assert_usage_error (&run, "--bogus");

  lt_test_cli_run (&run, "eligibility", "3.3.0", "--bogus", NULL);
  lt_test_cli_assert_usage_error (&run, "--bogus");

  lt_test_cli_run (&run, "eligibility", NULL);
  lt_test_cli_assert_usage_error (&run, "missing VERSION argument");

  lt_test_cli_run (&run, "eligibility", "3.3.0", "3.3.1", NULL);
  lt_test_cli_assert_usage_error (&run, "unexpected argument “3.3.1”");

  lt_test_cli_run (&run, "calendar", "add-business-days", "2026-11-25", NULL);
  lt_test_cli_assert_usage_error (&run, "missing N argument");

  lt_test_cli_run (&run, "classify", "--security", "now", NULL);
  lt_test_cli_assert_usage_error (&run, "unexpected argument “now”");

  lt_test_cli_run (&run, "policy", "show", "--policy", NULL);
  lt_test_cli_assert_usage_error (&run, "--policy");
}

/* ---- eligibility -------------------------------------------------------- */

static void
assert_eligibility_json (const char      *out,
                         const char      *version,
                         const char      *status,
                         const char      *current,
                         const char      *floor,
                         gboolean         hotfix_eligible,
                         const char      *message)
{
  g_autoptr(JsonObject) object = lt_test_cli_json_object (out);

  lt_test_cli_assert_members (object, "current,floor,hotfix_eligible,message,status,support_end_estimate,"
                  "support_end_estimate_reason,version");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, version);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, status);
  g_assert_cmpstr (json_object_get_string_member (object, "current"), ==, current);
  g_assert_cmpstr (json_object_get_string_member (object, "floor"), ==, floor);
  g_assert_cmpint (json_object_get_boolean_member (object, "hotfix_eligible"), ==, hotfix_eligible);
  if (message != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "message"), ==, message);
  else
    g_assert_cmpstr (json_object_get_string_member (object, "message"), !=, "");
}

/* Runs `eligibility VERSION` against the bundled catalog both ways and
 * compares with what core decides. */
static void
check_bundled_eligibility (LtReleaseCatalog *catalog,
                           LtPolicy         *policy,
                           const char       *version_text,
                           const char       *expected_status)
{
  g_autoptr(LtVersion) version = lt_version_parse (version_text, NULL);
  g_autoptr(LtEligibility) verdict = NULL;
  g_autofree char *status_line = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  g_assert_nonnull (version);
  verdict = lt_release_catalog_check_version_for_policy (catalog, version, policy);

  lt_test_cli_run (&run, "eligibility", version_text, "--json", NULL);
  g_assert_cmpint (run.status, ==, verdict->hotfix_eligible ? 0 : 1);
  g_assert_cmpstr (run.err, ==, "");
  assert_eligibility_json (run.out, lt_version_to_string (version), expected_status,
                           lt_version_to_string (verdict->current),
                           lt_version_to_string (verdict->floor),
                           verdict->hotfix_eligible, verdict->message);

  lt_test_cli_run (&run, "eligibility", version_text, NULL);
  g_assert_cmpint (run.status, ==, verdict->hotfix_eligible ? 0 : 1);
  status_line = g_strdup_printf ("\nStatus:          %s\n", expected_status);
  lt_test_cli_assert_contains (run.out, status_line);
  lt_test_cli_assert_contains (run.out, verdict->hotfix_eligible ? "Hotfix eligible: yes\n" : "Hotfix eligible: no\n");
  lt_test_cli_assert_contains (run.out, verdict->message);
}

static void
test_eligibility_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPolicy) policy = load_default_policy ();
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_default (&error);
  LtRelease *current, *floor;
  const LtVersion *current_version, *floor_version;
  g_autofree char *unsupported = NULL;
  g_autofree char *unknown = NULL;
  guint n_releases;

  g_assert_no_error (error);
  current = lt_release_catalog_get_current (catalog);
  floor = lt_release_catalog_get_floor (catalog, lt_policy_get_supported_preceding (policy));
  g_assert_nonnull (current);
  g_assert_nonnull (floor);
  current_version = lt_release_get_version (current);
  floor_version = lt_release_get_version (floor);

  check_bundled_eligibility (catalog, policy, lt_version_to_string (current_version), "current");
  if (lt_version_compare (floor_version, current_version) < 0)
    check_bundled_eligibility (catalog, policy, lt_version_to_string (floor_version), "supported");

  /* The newest release below the window; "0" when the catalog keeps no
   * history, which is below any floor but 0. */
  n_releases = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  for (guint i = 0; i < n_releases && unsupported == NULL; i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (G_LIST_MODEL (catalog), i);
      const LtVersion *v = lt_release_get_version (release);

      if (lt_version_compare (v, floor_version) < 0)
        unsupported = g_strdup (lt_version_to_string (v));
    }
  check_bundled_eligibility (catalog, policy, unsupported != NULL ? unsupported : "0", "unsupported");

  unknown = g_strdup_printf ("%u.0.0", lt_version_get_component (current_version, 0) + 1);
  check_bundled_eligibility (catalog, policy, unknown, "unknown");
}

static void
test_eligibility_catalog_file (void)
{
  g_autofree char *catalog = lt_test_cli_write_file ("releases.json", section_11_catalog);
  g_auto(LtTestCliRun) run = { 0 };

  /* §11: "if the latest release is 3.3.2, customers running 3.3.0 or
   * later will continue to receive full support". */
  lt_test_cli_run (&run, "eligibility", "3.2.9", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  assert_eligibility_json (run.out, "3.2.9", "unsupported", "3.3.2", "3.3.0", FALSE, NULL);
  lt_test_cli_assert_contains (run.out, "Professional Services");

  lt_test_cli_run (&run, "eligibility", "3.3.0", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_eligibility_json (run.out, "3.3.0", "supported", "3.3.2", "3.3.0", TRUE, NULL);

  lt_test_cli_run (&run, "eligibility", "3.3.2", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_eligibility_json (run.out, "3.3.2", "current", "3.3.2", "3.3.0", TRUE, NULL);

  lt_test_cli_run (&run, "eligibility", "3.4.0", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_eligibility_json (run.out, "3.4.0", "unknown", "3.3.2", "3.3.0", FALSE, NULL);

  /* A leading "v" is accepted and the canonical form printed (R1). */
  lt_test_cli_run (&run, "eligibility", "v3.3.1", "--catalog", catalog, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_eligibility_json (run.out, "3.3.1", "supported", "3.3.2", "3.3.0", TRUE, NULL);

  /* Human output: the forecast counts the releases still to come. */
  lt_test_cli_run (&run, "eligibility", "3.3.0", "--catalog", catalog, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Version:         3.3.0\n");
  lt_test_cli_assert_contains (run.out, "Current release: 3.3.2\n");
  lt_test_cli_assert_contains (run.out, "Supported from:  3.3.0\n");
  lt_test_cli_assert_contains (run.out, "Supported until: 1 more release ships\n");

  lt_test_cli_run (&run, "eligibility", "3.3.2", "--catalog", catalog, NULL);
  lt_test_cli_assert_contains (run.out, "Supported until: 3 more releases ship\n");

  lt_test_cli_run (&run, "eligibility", "3.2.9", "--catalog", catalog, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_null (strstr (run.out, "Supported until"));
}

static void
test_eligibility_withdrawn (void)
{
  g_autofree char *path = lt_test_cli_write_file ("withdrawn.json",
    "{\"releases\": ["
    " {\"version\": \"3.3.0\", \"released\": \"2025-03-04\"},"
    " {\"version\": \"3.3.1\", \"released\": \"2025-05-06\", \"withdrawn\": true},"
    " {\"version\": \"3.3.2\", \"released\": \"2025-07-08\"},"
    " {\"version\": \"3.3.3\", \"released\": \"2025-09-09\"}"
    "]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPolicy) policy = load_default_policy ();
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_file (path, &error);
  g_autoptr(LtVersion) version = lt_version_parse ("3.3.1", NULL);
  g_autoptr(LtEligibility) verdict = NULL;
  g_autofree char *warning = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  g_assert_no_error (error);
  verdict = lt_release_catalog_check_version_for_policy (catalog, version, policy);
  g_assert_nonnull (verdict->withdrawn_message);
  warning = g_strdup_printf ("Warning: %s\n", verdict->withdrawn_message);

  /* The withdrawn 3.3.1 is skipped when counting the window, so 3.3.0
   * stays the floor; 3.3.1 itself is supported but must be left. */
  lt_test_cli_run (&run, "eligibility", "3.3.1", "--catalog", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Supported from:  3.3.0\n");
  lt_test_cli_assert_contains (run.out, warning);

  lt_test_cli_run (&run, "eligibility", "3.3.2", "--catalog", path, NULL);
  g_assert_null (strstr (run.out, "Warning:"));
}

static void
test_eligibility_bad_input (void)
{
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "no-such-catalog.json", NULL);
  g_autofree char *malformed = lt_test_cli_write_file ("malformed.json",
    "{\"releases\": [{\"version\": \"3.x\", \"released\": \"2025-03-04\"}]}");
  g_autofree char *not_json = lt_test_cli_write_file ("not-json.json", "{\"releases\": [");
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "eligibility", "3.x", NULL);
  lt_test_cli_assert_usage_error (&run, "“3.x”");

  lt_test_cli_run (&run, "eligibility", "3.3.0", "--catalog", missing, NULL);
  lt_test_cli_assert_usage_error (&run, missing);

  lt_test_cli_run (&run, "eligibility", "3.3.0", "--catalog", malformed, NULL);
  lt_test_cli_assert_usage_error (&run, "$.releases[0].version");
  lt_test_cli_assert_contains (run.err, malformed);

  /* Under --json the error is a JSON object too, with its stable code. */
  lt_test_cli_run (&run, "eligibility", "3.3.0", "--catalog", not_json, "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "invalid-data", not_json);
}

/* ---- calendar ----------------------------------------------------------- */

static void
test_calendar_is_business_day (void)
{
  g_auto(LtTestCliRun) run = { 0 };

  /* Independence Day 2026 is a Saturday, observed on Friday 3 July (R3). */
  lt_test_cli_run (&run, "calendar", "is-business-day", "2026-07-03", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "no\n");
  lt_test_cli_assert_contains (run.err, "Independence Day");

  lt_test_cli_run (&run, "calendar", "is-business-day", "2026-07-06", NULL);
  lt_test_cli_assert_output (&run, 0, "yes\n");

  lt_test_cli_run (&run, "calendar", "is-business-day", "2026-07-05", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "no\n");

  lt_test_cli_run (&run, "calendar", "is-business-day", "2026-07-03", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);

    lt_test_cli_assert_members (object, "business_day,date,reason");
    g_assert_cmpstr (json_object_get_string_member (object, "date"), ==, "2026-07-03");
    g_assert_false (json_object_get_boolean_member (object, "business_day"));
    lt_test_cli_assert_contains (json_object_get_string_member (object, "reason"), "Independence Day");
  }

  lt_test_cli_run (&run, "calendar", "is-business-day", "2026-02-30", NULL);
  lt_test_cli_assert_usage_error (&run, "“2026-02-30”");

  lt_test_cli_run (&run, "calendar", "is-business-day", "2026-7-3", NULL);
  lt_test_cli_assert_usage_error (&run, "“2026-7-3”");
}

static void
test_calendar_holidays (void)
{
  g_auto(LtTestCliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;

  lt_test_cli_run (&run, "calendar", "holidays", "2027", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  /* New Year's Day 2028 is a Saturday: observed on Friday 31 December
   * 2027, so it belongs to 2027's list; Christmas 2027 (Saturday) is
   * observed on the 24th and Independence Day (Sunday) on 5 July. */
  lt_test_cli_assert_contains (run.out, "2027-12-31\tNew Year's Day (observed)\n");
  lt_test_cli_assert_contains (run.out, "2027-12-24\tChristmas Day (observed)\n");
  lt_test_cli_assert_contains (run.out, "2027-07-05\tIndependence Day (observed)\n");
  lt_test_cli_assert_contains (run.out, "2027-11-25\tThanksgiving Day\n");
  g_assert_true (g_str_has_prefix (run.out, "2027-01-01\tNew Year's Day\n"));
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 12 + 1);

  lt_test_cli_run (&run, "calendar", "holidays", "2027", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonArray) array = lt_test_cli_json_items (run.out);
    JsonObject *last = json_array_get_object_element (array, json_array_get_length (array) - 1);

    g_assert_cmpuint (json_array_get_length (array), ==, 12);
    lt_test_cli_assert_members (last, "actual,date,name,observed");
    g_assert_cmpstr (json_object_get_string_member (last, "date"), ==, "2027-12-31");
    g_assert_cmpstr (json_object_get_string_member (last, "actual"), ==, "2028-01-01");
    g_assert_true (json_object_get_boolean_member (last, "observed"));
  }

  lt_test_cli_run (&run, "calendar", "holidays", "20x7", NULL);
  lt_test_cli_assert_usage_error (&run, "“20x7”");

  /* Both ends of the range are refused with the same range (issue 10,
   * point 16: 0 said 1–9999, 10000 said 0–9999). */
  lt_test_cli_run (&run, "calendar", "holidays", "0", NULL);
  lt_test_cli_assert_usage_error (&run, "“0” is not a year between 1 and 9999");
  lt_test_cli_run (&run, "calendar", "holidays", "10000", NULL);
  lt_test_cli_assert_usage_error (&run, "“10000” is not a year between 1 and 9999");
  lt_test_cli_run (&run, "calendar", "holidays", "99999999999", NULL);
  lt_test_cli_assert_usage_error (&run, "“99999999999” is not a year between 1 and 9999");
  lt_test_cli_run (&run, "calendar", "holidays", "9999", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_run (&run, "calendar", "holidays", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_calendar_add_business_days (void)
{
  g_auto(LtTestCliRun) run = { 0 };

  /* Thanksgiving (Thursday 26 November 2026) is skipped. */
  lt_test_cli_run (&run, "calendar", "add-business-days", "2026-11-25", "1", NULL);
  lt_test_cli_assert_output (&run, 0, "2026-11-27\n");

  lt_test_cli_run (&run, "calendar", "add-business-days", "2026-11-25", "3", NULL);
  lt_test_cli_assert_output (&run, 0, "2026-12-01\n");

  /* A closed day first rolls forward; N = 0 gives that day (R3). */
  lt_test_cli_run (&run, "calendar", "add-business-days", "2026-11-26", "0", NULL);
  lt_test_cli_assert_output (&run, 0, "2026-11-27\n");

  lt_test_cli_run (&run, "calendar", "add-business-days", "2026-11-25", "1", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);

    lt_test_cli_assert_members (object, "business_days,date,result");
    g_assert_cmpstr (json_object_get_string_member (object, "result"), ==, "2026-11-27");
    g_assert_cmpint (json_object_get_int_member (object, "business_days"), ==, 1);
  }

  lt_test_cli_run (&run, "calendar", "add-business-days", "2026-11-25", "3x", NULL);
  lt_test_cli_assert_usage_error (&run, "“3x”");

  lt_test_cli_run (&run, "calendar", "add-business-days", "2026-11-25", "+3", NULL);
  lt_test_cli_assert_usage_error (&run, "“+3”");

  lt_test_cli_run (&run, "calendar", "add-business-days", "2026-11-25", "-1", NULL);
  lt_test_cli_assert_usage_error (&run, "-1");

  /* The answer must stay a date that DATE accepts back. */
  lt_test_cli_run (&run, "calendar", "add-business-days", "9999-12-30", "65535", NULL);
  lt_test_cli_assert_usage_error (&run, "“65535”");

  lt_test_cli_run (&run, "calendar", "add-business-days", "2026-02-30", "1", NULL);
  lt_test_cli_assert_usage_error (&run, "“2026-02-30”");
}

/* ---- sla ---------------------------------------------------------------- */

static void
test_sla_due (void)
{
  g_auto(LtTestCliRun) run = { 0 };

  /* 60 minutes on Wednesday, Thanksgiving closed, 180 on Friday. */
  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00-05:00", "--minutes", "240", NULL);
  lt_test_cli_assert_output (&run, 0, "2026-11-27T11:00:00-05:00\n");

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00-05:00",
                 "--tier", "enterprise", "--severity", "s3", NULL);
  lt_test_cli_assert_output (&run, 0, "2026-11-27T11:00:00-05:00\n");

  /* Any offset is accepted; the answer is at the vendor's offset. */
  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-26T10:00:00+13:00",
                 "--tier", "enterprise", "--severity", "s3", NULL);
  lt_test_cli_assert_output (&run, 0, "2026-11-27T11:00:00-05:00\n");

  /* Friday 16:40: 20 minutes left that day, the rest on Monday. */
  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-20T16:40:00-05:00",
                 "--tier", "enterprise", "--severity", "s1", NULL);
  lt_test_cli_assert_output (&run, 0, "2026-11-23T08:40:00-05:00\n");

  /* Landing exactly on closing time stays at closing time (R4). */
  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-20T21:40:00Z", "--minutes", "20", NULL);
  lt_test_cli_assert_output (&run, 0, "2026-11-20T17:00:00-05:00\n");

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00-05:00",
                 "--tier", "enterprise", "--severity", "s3", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);

    lt_test_cli_assert_members (object, "due,minutes,opened,severity,tier");
    g_assert_cmpstr (json_object_get_string_member (object, "due"), ==, "2026-11-27T11:00:00-05:00");
    g_assert_cmpstr (json_object_get_string_member (object, "opened"), ==, "2026-11-25T16:00:00-05:00");
    g_assert_cmpstr (json_object_get_string_member (object, "tier"), ==, "enterprise");
    g_assert_cmpstr (json_object_get_string_member (object, "severity"), ==, "s3");
    g_assert_cmpint (json_object_get_int_member (object, "minutes"), ==, 240);
  }
}

static void
test_sla_due_feature (void)
{
  g_auto(LtTestCliRun) run = { 0 };

  /* Feature requests have no target: exit 1, no instant on stdout. */
  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00-05:00",
                 "--tier", "enterprise", "--severity", "feature", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, "no response target");

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00-05:00",
                 "--tier", "enterprise", "--severity", "feature", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);

    g_assert_true (json_object_get_null_member (object, "due"));
    g_assert_true (json_object_get_null_member (object, "minutes"));
    g_assert_cmpstr (json_object_get_string_member (object, "severity"), ==, "feature");
  }
}

static void
test_sla_due_bad_input (void)
{
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00-05:00",
                 "--tier", "platinum", "--severity", "s1", NULL);
  lt_test_cli_assert_usage_error (&run, "“platinum”");

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00-05:00",
                 "--tier", "enterprise", "--severity", "s9", NULL);
  lt_test_cli_assert_usage_error (&run, "“s9”");

  /* A time without an offset would be read in some zone: refused. */
  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00", "--minutes", "60", NULL);
  lt_test_cli_assert_usage_error (&run, "“2026-11-25T16:00:00”");

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-31T16:00:00Z", "--minutes", "60", NULL);
  lt_test_cli_assert_usage_error (&run, "“2026-11-31T16:00:00Z”");

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00Z", "--minutes", "3x", NULL);
  lt_test_cli_assert_usage_error (&run, "“3x”");

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00Z", "--minutes", "1000001", NULL);
  lt_test_cli_assert_usage_error (&run, "“1000001”");

  /* Past GDateTime's range there is no instant to print. */
  lt_test_cli_run (&run, "sla", "due", "--opened", "9999-12-30T16:00:00Z", "--minutes", "100000", NULL);
  lt_test_cli_assert_usage_error (&run, "“9999-12-30T16:00:00Z”");

  /* A day or less from either end of GDateTime's range an instant has no
   * local date on the other side of UTC: these crashed with SIGSEGV
   * (issue 10) and are refused by the parser now, quoted. */
  lt_test_cli_run (&run, "sla", "due", "--opened", "0001-01-01T00:00:00Z", "--minutes", "240", NULL);
  lt_test_cli_assert_usage_error (&run, "“0001-01-01T00:00:00Z” is outside the supported range");
  lt_test_cli_run (&run, "sla", "due", "--opened", "9999-12-31T23:59:59-12:00", "--minutes", "240", NULL);
  lt_test_cli_assert_usage_error (&run, "“9999-12-31T23:59:59-12:00” is outside the supported range");
  lt_test_cli_run (&run, "sla", "due", "--opened", "0001-01-01T00:00:00Z",
                 "--tier", "enterprise", "--severity", "s1", NULL);
  lt_test_cli_assert_usage_error (&run, "“0001-01-01T00:00:00Z”");

  /* RFC 3339 §5.6 allows a lower-case "t" and "z". */
  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25t16:00:00z", "--minutes", "60", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  lt_test_cli_assert_contains (run.out, "\"opened\" : \"2026-11-25T11:00:00-05:00\"");

  lt_test_cli_run (&run, "sla", "due", "--minutes", "60", NULL);
  lt_test_cli_assert_usage_error (&run, "--opened");

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00Z", NULL);
  lt_test_cli_assert_usage_error (&run, "--minutes");

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00Z", "--tier", "enterprise", NULL);
  lt_test_cli_assert_usage_error (&run, "--severity");

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00Z", "--minutes", "60",
                 "--tier", "enterprise", "--severity", "s1", NULL);
  lt_test_cli_assert_usage_error (&run, "--minutes");
}

/* ---- change-notice ------------------------------------------------------ */

static void
assert_change_notice_json (const char *out,
                           const char *notice,
                           const char *start,
                           const char *earliest,
                           gboolean    late,
                           gint64      short_by)
{
  g_autoptr(JsonObject) object = lt_test_cli_json_object (out);

  lt_test_cli_assert_members (object, "business_days_short,earliest_start,late,maintenance_windows_known,notice,"
                          "overlaps,planned_end,planned_start,start");
  g_assert_cmpstr (json_object_get_string_member (object, "notice"), ==, notice);
  g_assert_cmpstr (json_object_get_string_member (object, "start"), ==, start);
  g_assert_cmpstr (json_object_get_string_member (object, "earliest_start"), ==, earliest);
  g_assert_cmpint (json_object_get_boolean_member (object, "late"), ==, late);
  g_assert_cmpint (json_object_get_int_member (object, "business_days_short"), ==, short_by);
}

static void
test_change_notice (void)
{
  g_auto(LtTestCliRun) run = { 0 };

  /* 3 business days from Wednesday 25 November 2026, Thanksgiving
   * closed: Friday, Monday, Tuesday 1 December. */
  lt_test_cli_run (&run, "change-notice", "check", "--notice", "2026-11-25", "--start", "2026-11-30",
                 "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  assert_change_notice_json (run.out, "2026-11-25", "2026-11-30", "2026-12-01", TRUE, 1);

  /* Short by the business days between the planned and the earliest
   * start: Friday 27 and Monday 30 (the 26th is Thanksgiving). */
  lt_test_cli_run (&run, "change-notice", "check", "--notice", "2026-11-25", "--start", "2026-11-26",
                 "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  assert_change_notice_json (run.out, "2026-11-25", "2026-11-26", "2026-12-01", TRUE, 2);

  lt_test_cli_run (&run, "change-notice", "check", "--notice", "2026-11-25", "--start", "2026-12-01",
                 "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_change_notice_json (run.out, "2026-11-25", "2026-12-01", "2026-12-01", FALSE, 0);

  lt_test_cli_run (&run, "change-notice", "check", "--notice", "2026-11-25", "--start", "2026-11-30", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.out, "Earliest start: 2026-12-01 (Tuesday, 1 December 2026)\n");
  lt_test_cli_assert_contains (run.out, "Result:         late, 1 business day short\n");
  lt_test_cli_assert_contains (run.out, lt_rules_change_liability_text ());

  lt_test_cli_run (&run, "change-notice", "check", "--notice", "2026-11-25", "--start", "2026-12-07", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Result:         ok\n");
  g_assert_null (strstr (run.out, lt_rules_change_liability_text ()));

  lt_test_cli_run (&run, "change-notice", "check", "--notice", "2026-02-30", "--start", "2026-03-05", NULL);
  lt_test_cli_assert_usage_error (&run, "“2026-02-30”");

  lt_test_cli_run (&run, "change-notice", "check", "--notice", "2026-11-25", "--start", "tomorrow", NULL);
  lt_test_cli_assert_usage_error (&run, "“tomorrow”");

  lt_test_cli_run (&run, "change-notice", "check", "--notice", "2026-11-25", NULL);
  lt_test_cli_assert_usage_error (&run, "--start");

  /* The earliest start would lie in the year 10000, a date --start does
   * not take (issue 10, point 16): refused, with no year 10000 printed. */
  lt_test_cli_run (&run, "change-notice", "check", "--notice", "9999-12-29", "--start", "9999-12-31", NULL);
  lt_test_cli_assert_usage_error (&run, "“9999-12-29” leaves no compliant start before the end of the year 9999");
  g_assert_null (strstr (run.err, "10000"));
  lt_test_cli_run (&run, "change-notice", "check", "--notice", "9999-12-29", "--start", "9999-12-31",
                 "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "invalid-input", "“9999-12-29”");

  /* The last notice that still fits: Monday 27 December, three business
   * days before Thursday 30 (Friday 31 is New Year's Day 10000 observed). */
  lt_test_cli_run (&run, "change-notice", "check", "--notice", "9999-12-27", "--start", "9999-12-30",
                 "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_change_notice_json (run.out, "9999-12-27", "9999-12-30", "9999-12-30", FALSE, 0);
}

/* 9999-12-31T22:00:00-12:00 exists in its own zone but not in UTC: the
 * parser gave NULL without an error and lt_cli_fail() crashed on it
 * (issue 10). Refused before any store is opened, quoted. */
static void
test_change_notice_submit_edge_start (void)
{
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "change-notice", "submit", "--kind", "infrastructure", "--title", "Upgrade",
                 "--start", "9999-12-31T22:00:00-12:00", "--end", "9999-12-31T23:00:00-12:00",
                 "--yes", NULL);
  lt_test_cli_assert_usage_error (&run, "--start: “9999-12-31T22:00:00-12:00” is outside the supported range");

  lt_test_cli_run (&run, "change-notice", "submit", "--kind", "infrastructure", "--title", "Upgrade",
                 "--start", "2026-12-03T22:00:00-05:00", "--end", "0001-01-01T00:00:00Z",
                 "--yes", NULL);
  lt_test_cli_assert_usage_error (&run, "--end: “0001-01-01T00:00:00Z” is outside the supported range");
}

/* ---- classify ----------------------------------------------------------- */

static void
check_classify (const char * const *flags,
                const char         *expected_nick)
{
  LtSeverityAnswers answers = { 0 };
  LtSeverityAssessment assessment = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *expected = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  g_ptr_array_add (args, (gpointer) "classify");
  for (guint i = 0; flags[i] != NULL; i++)
    {
      const char *flag = flags[i];

      g_ptr_array_add (args, (gpointer) flag);
      answers.security |= g_str_equal (flag, "--security");
      answers.outage |= g_str_equal (flag, "--outage");
      answers.no_workaround |= g_str_equal (flag, "--no-workaround");
      answers.all_users |= g_str_equal (flag, "--all-users");
      answers.degraded |= g_str_equal (flag, "--degraded");
      answers.limited |= g_str_equal (flag, "--limited");
      answers.enhancement |= g_str_equal (flag, "--enhancement");
    }
  g_ptr_array_add (args, NULL);

  /* The reason is core's sentence; the severity is pinned here. */
  g_assert_true (lt_rules_assess_severity (&answers, &assessment, &error));
  g_assert_no_error (error);
  expected = g_strdup_printf ("Severity: %s\nReason:   %s\n", expected_nick, assessment.reason);

  lt_test_cli_run_argv (&run, NULL, -1, (const char * const *) args->pdata);
  lt_test_cli_assert_output (&run, 0, expected);

  g_ptr_array_remove_index (args, args->len - 1);
  g_ptr_array_add (args, (gpointer) "--json");
  g_ptr_array_add (args, NULL);
  lt_test_cli_run_argv (&run, NULL, -1, (const char * const *) args->pdata);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);

    lt_test_cli_assert_members (object, "reason,security_incident,severity");
    g_assert_cmpstr (json_object_get_string_member (object, "severity"), ==, expected_nick);
    g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, assessment.reason);
    g_assert_cmpint (json_object_get_boolean_member (object, "security_incident"), ==,
                     assessment.security_incident);
  }
  lt_severity_assessment_clear (&assessment);
}

static void
test_classify (void)
{
  g_auto(LtTestCliRun) run = { 0 };

  /* R6, first matching question wins. */
  check_classify ((const char *[]) { "--security", NULL }, "s1");
  check_classify ((const char *[]) { "--security", "--enhancement", NULL }, "s1");
  check_classify ((const char *[]) { "--outage", "--no-workaround", "--all-users", NULL }, "s1");
  /* An outage with a workaround or not for everyone is not total. */
  check_classify ((const char *[]) { "--outage", NULL }, "s2");
  check_classify ((const char *[]) { "--outage", "--all-users", NULL }, "s2");
  check_classify ((const char *[]) { "--degraded", NULL }, "s2");
  check_classify ((const char *[]) { "--degraded", "--limited", NULL }, "s2");
  check_classify ((const char *[]) { "--limited", NULL }, "s3");
  check_classify ((const char *[]) { "--limited", "--enhancement", NULL }, "s3");
  check_classify ((const char *[]) { "--enhancement", NULL }, "feature");

  /* No impact answered: nothing to classify. */
  lt_test_cli_run (&run, "classify", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "ltsupport: "));

  lt_test_cli_run (&run, "classify", "--urgent", NULL);
  lt_test_cli_assert_usage_error (&run, "--urgent");
}

/* ---- policy ------------------------------------------------------------- */

static void
test_policy_show (void)
{
  g_autoptr(LtPolicy) policy = load_default_policy ();
  LtBusinessCalendar *calendar = lt_policy_get_calendar (policy);
  g_autoptr(GArray) holidays = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *object, *sla, *minutes, *cal, *leads;
  GDate next_review;
  g_autofree char *next_review_text = NULL;
  g_autofree char *zone_line = NULL;
  gint64 year;

  lt_test_cli_run (&run, "policy", "show", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  {
    g_autoptr(JsonObject) shown = lt_test_cli_json_object (run.out);

    object = shown;
    g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, "bundled");
    g_assert_cmpstr (json_object_get_string_member (object, "effective"), ==, "2025-06-26");
    g_assert_cmpstr (json_object_get_string_member (object, "updated"), ==, "2025-09-24");

    /* R12: semiannual review, six months after the last update. */
    lt_rules_next_policy_review_for_policy (policy, &next_review);
    next_review_text = lt_date_format (&next_review);
    g_assert_cmpstr (json_object_get_string_member (object, "next_review"), ==, "2026-03-24");
    g_assert_cmpstr (next_review_text, ==, "2026-03-24");
    g_assert_true (json_object_has_member (object, "review_overdue"));

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "tiers")), ==, LT_N_TIERS);

    sla = json_object_get_object_member (object, "sla");
    g_assert_true (json_object_get_boolean_member (sla, "is_default"));
    minutes = json_object_get_object_member (json_object_get_object_member (sla, "response_minutes"),
                                             "enterprise");
    g_assert_cmpint (json_object_get_int_member (minutes, "s1"), ==, 60);
    g_assert_cmpint (json_object_get_int_member (minutes, "s3"), ==, 240);
    g_assert_true (json_object_get_null_member (minutes, "feature"));

    cal = json_object_get_object_member (object, "calendar");
    g_assert_cmpstr (json_object_get_string_member (cal, "time_zone"), ==,
                     lt_business_calendar_get_time_zone_id (calendar));
    g_assert_cmpstr (json_object_get_string_member (cal, "opens"), ==, "08:00");
    g_assert_cmpstr (json_object_get_string_member (cal, "closes"), ==, "17:00");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cal, "business_days")), ==, 5);
    year = json_object_get_int_member (cal, "year");
    holidays = lt_business_calendar_list_holidays (calendar, (int) year);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (cal, "holidays")), ==,
                      holidays->len);

    leads = json_object_get_object_member (object, "lead_times");
    g_assert_cmpint (json_object_get_int_member (leads, "change_notice_business_days"), ==, 3);

    g_assert_true (json_object_has_member (json_object_get_object_member (object, "document"), "schema"));
  }

  lt_test_cli_run (&run, "policy", "show", NULL);
  g_assert_cmpint (run.status, ==, 0);
  zone_line = g_strdup_printf ("Time zone:     %s\n", lt_business_calendar_get_time_zone_id (calendar));
  lt_test_cli_assert_contains (run.out, "(per your contract; defaults)");
  lt_test_cli_assert_contains (run.out, zone_line);
  lt_test_cli_assert_contains (run.out, "Hours:         08:00–17:00\n");
  lt_test_cli_assert_contains (run.out, "2026-03-24 (Tuesday, 24 March 2026)");
  lt_test_cli_assert_contains (run.out, "Change notice:");
}

static void
test_policy_option (void)
{
  g_autofree char *lead_2 = write_policy_variant ("lead-2.json", "change_notices", "lead_business_days",
                                                  json_node_init_int (json_node_alloc (), 2));
  g_autofree char *contract = write_policy_variant ("contract.json", "sla", "source",
                                                    json_node_init_string (json_node_alloc (), "contract"));
  g_auto(LtTestCliRun) run = { 0 };

  /* The default needs 3 business days: late. */
  lt_test_cli_run (&run, "change-notice", "check", "--notice", "2026-11-25", "--start", "2026-11-30", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* With 2 lead days the same change is on time, wherever --policy goes. */
  lt_test_cli_run (&run, "--policy", lead_2, "change-notice", "check",
                 "--notice", "2026-11-25", "--start", "2026-11-30", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_change_notice_json (run.out, "2026-11-25", "2026-11-30", "2026-11-30", FALSE, 0);

  lt_test_cli_run (&run, "change-notice", "check", "--notice", "2026-11-25", "--start", "2026-11-30",
                 "--json", "--policy", lead_2, NULL);
  g_assert_cmpint (run.status, ==, 0);
  assert_change_notice_json (run.out, "2026-11-25", "2026-11-30", "2026-11-30", FALSE, 0);

  lt_test_cli_run (&run, "change-notice", "--policy", lead_2, "check",
                 "--notice", "2026-11-25", "--start", "2026-11-30", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Lead time:      2 business days\n");

  /* The last --policy wins. */
  lt_test_cli_run (&run, "--policy", lead_2, "change-notice", "check", "--policy", contract,
                 "--notice", "2026-11-25", "--start", "2026-11-30", NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* A contract SLA table is no longer labelled as the defaults. */
  lt_test_cli_run (&run, "policy", "show", "--policy", contract, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "(per your contract)\n");
  g_assert_null (strstr (run.out, "defaults)"));
  lt_test_cli_assert_contains (run.out, contract);

  lt_test_cli_run (&run, "--policy", contract, "policy", "show", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonObject) object = lt_test_cli_json_object (run.out);

    g_assert_cmpstr (json_object_get_string_member (object, "source"), ==, contract);
    g_assert_false (json_object_get_boolean_member (json_object_get_object_member (object, "sla"),
                                                    "is_default"));
  }
}

static void
test_policy_bad_file (void)
{
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "no-such-policy.json", NULL);
  g_autofree char *malformed = write_policy_variant ("malformed.json", "change_notices", "lead_business_days",
                                                     json_node_init_string (json_node_alloc (), "three"));
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--policy", missing, "policy", "show", NULL);
  lt_test_cli_assert_usage_error (&run, missing);

  lt_test_cli_run (&run, "calendar", "holidays", "2027", "--policy", malformed, NULL);
  lt_test_cli_assert_usage_error (&run, "$.change_notices.lead_business_days");
  lt_test_cli_assert_contains (run.err, malformed);

  lt_test_cli_run (&run, "sla", "due", "--opened", "2026-11-25T16:00:00Z", "--minutes", "60",
                 "--policy", malformed, "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "invalid-data", "$.change_notices.lead_business_days");
}

/* A policy (the portal may send one) updated on 9999-12-31 is next
 * reviewed in the year 10000, which GDateTime cannot name: `policy show`
 * printed "(null)" after a critical. The date is written in digits. */
static void
test_policy_far_dates (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *path = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  guint replaced;

  bytes = g_resources_lookup_data (LT_POLICY_DEFAULT_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  text = g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  replaced = g_string_replace (text, "\"updated\": \"2025-09-24\"", "\"updated\": \"9999-12-31\"", 1);
  g_assert_cmpuint (replaced, ==, 1);
  path = lt_test_cli_write_file ("far-updated.json", text->str);

  lt_test_cli_run (&run, "policy", "show", "--policy", path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  lt_test_cli_assert_contains (run.out, "9999-12-31 (Friday, 31 December 9999)\n");
  lt_test_cli_assert_contains (run.out, "10000-06-30\n");
  g_assert_null (strstr (run.out, "(null)"));
}

/* --policy and --catalog read regular files only: /dev/zero would fill
 * memory, a FIFO block for ever. And text that is not JSON (a symlink to
 * a password file named by mistake) is never quoted back. */
static void
test_policy_not_a_file (void)
{
  g_autofree char *fifo = g_build_filename (g_get_user_cache_dir (), "policy.fifo", NULL);
  g_autofree char *secrets = g_build_filename (g_get_user_cache_dir (), "shadow", NULL);
  g_autofree char *link = g_build_filename (g_get_user_cache_dir (), "policy-link.json", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  const char *options[] = { "--policy", "--catalog" };

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_file_set_contents (secrets, "root:$6$Zm9vYmFyHunter2SecretHash:19000:0:99999:7:::\n"
                       "{\"a\": hunter2TopSecret}\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink (secrets, link), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      const char *paths[] = { fifo, "/dev/zero", g_get_user_cache_dir () };

      for (guint j = 0; j < G_N_ELEMENTS (paths); j++)
        {
          if (i == 0)
            lt_test_cli_run (&run, "--policy", paths[j], "policy", "show", NULL);
          else
            lt_test_cli_run (&run, "eligibility", "3.3.0", "--catalog", paths[j], NULL);
          lt_test_cli_assert_usage_error (&run, paths[j]);
          lt_test_cli_assert_contains (run.err, j == 2 ? "folder" : "not a regular file");
        }

      if (i == 0)
        lt_test_cli_run (&run, "--policy", link, "policy", "show", NULL);
      else
        lt_test_cli_run (&run, "eligibility", "3.3.0", "--catalog", link, NULL);
      lt_test_cli_assert_usage_error (&run, "not valid JSON");
      g_assert_null (strstr (run.err, "root"));
      g_assert_null (strstr (run.err, "Hunter2"));
      g_assert_null (strstr (run.err, "hunter2"));
      g_assert_null (strstr (run.err, "$6$"));
    }
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/cli/version", test_version);
  g_test_add_func ("/lt/cli/help", test_help);
  g_test_add_func ("/lt/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/lt/cli/eligibility/bundled", test_eligibility_bundled);
  g_test_add_func ("/lt/cli/eligibility/catalog-file", test_eligibility_catalog_file);
  g_test_add_func ("/lt/cli/eligibility/withdrawn", test_eligibility_withdrawn);
  g_test_add_func ("/lt/cli/eligibility/bad-input", test_eligibility_bad_input);
  g_test_add_func ("/lt/cli/calendar/is-business-day", test_calendar_is_business_day);
  g_test_add_func ("/lt/cli/calendar/holidays", test_calendar_holidays);
  g_test_add_func ("/lt/cli/calendar/add-business-days", test_calendar_add_business_days);
  g_test_add_func ("/lt/cli/sla/due", test_sla_due);
  g_test_add_func ("/lt/cli/sla/due-feature", test_sla_due_feature);
  g_test_add_func ("/lt/cli/sla/bad-input", test_sla_due_bad_input);
  g_test_add_func ("/lt/cli/change-notice/check", test_change_notice);
  g_test_add_func ("/lt/cli/change-notice/submit-edge-start", test_change_notice_submit_edge_start);
  g_test_add_func ("/lt/cli/classify", test_classify);
  g_test_add_func ("/lt/cli/policy/show", test_policy_show);
  g_test_add_func ("/lt/cli/policy/option", test_policy_option);
  g_test_add_func ("/lt/cli/policy/bad-file", test_policy_bad_file);
  g_test_add_func ("/lt/cli/policy/far-dates", test_policy_far_dates);
  g_test_add_func ("/lt/cli/policy/not-a-file", test_policy_not_a_file);

  return g_test_run ();
}
