/* test-release-catalog.c: RULES.md R2, the release catalog and eligibility
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"

#include <string.h>

/* Fixtures are written with single quotes to stay readable in C; no
 * fixture needs a literal single quote. */
static GBytes *
json_bytes (const char *text)
{
  char *json = g_strdup (text);

  g_strdelimit (json, "'", '"');
  return g_bytes_new_take (json, strlen (json));
}

static LtReleaseCatalog *
load_ok (const char *text)
{
  g_autoptr(GBytes) bytes = json_bytes (text);
  g_autoptr(GError) error = NULL;
  LtReleaseCatalog *catalog = lt_release_catalog_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

static LtVersion *
version (const char *text)
{
  g_autoptr(GError) error = NULL;
  LtVersion *v = lt_version_parse (text, &error);

  g_assert_no_error (error);
  return v;
}

static LtEligibility *
check (LtReleaseCatalog *catalog,
       const char       *installed,
       guint             supported_preceding)
{
  g_autoptr(LtVersion) v = version (installed);
  LtEligibility *result = lt_release_catalog_check_version (catalog, v, supported_preceding);

  g_assert_nonnull (result);
  g_assert_nonnull (result->message);
  g_assert_true (lt_version_equal (result->installed, v));
  /* Hotfixes follow the status, always (R2). */
  g_assert_cmpint (result->hotfix_eligible, ==,
                   result->status == LT_SUPPORT_STATUS_CURRENT ||
                   result->status == LT_SUPPORT_STATUS_SUPPORTED);
  return result;
}

#define assert_version(v, text) \
  G_STMT_START { \
    g_assert_nonnull (v); \
    g_assert_cmpstr (lt_version_to_string (v), ==, (text)); \
  } G_STMT_END

static void
fail (const char *file,
      int         line,
      const char *func,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static void
fail (const char *file,
      int         line,
      const char *func,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, msg);
}

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *h_ = (haystack); \
    if (h_ == NULL || strstr (h_, (needle)) == NULL) \
      fail (__FILE__, __LINE__, G_STRFUNC, "“%s” does not contain “%s”", h_ ? h_ : "(null)", (needle)); \
  } G_STMT_END

#define assert_has_prefix(text, prefix) \
  G_STMT_START { \
    if (!g_str_has_prefix ((text), (prefix))) \
      fail (__FILE__, __LINE__, G_STRFUNC, "“%s” does not start with “%s”", (text), (prefix)); \
  } G_STMT_END

/* The policy's own example (§11): latest 3.3.2, with 3.3.1 and 3.3.0
 * released before it, means "3.3.0 or later". */
static const char policy_example[] =
  "{'releases': ["
  " {'version': '3.2.9', 'released': '2024-11-05'},"
  " {'version': '3.3.0', 'released': '2025-01-21'},"
  " {'version': '3.3.2', 'released': '2025-07-08'},"
  " {'version': '3.3.1', 'released': '2025-04-15'},"
  " {'version': '3.2.8', 'released': '2024-08-05'}"
  "]}";

static void
test_policy_example (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (policy_example);
  g_autoptr(LtEligibility) old = check (catalog, "3.2.9", 2);
  g_autoptr(LtEligibility) middle = check (catalog, "3.3.1", 2);
  g_autoptr(LtEligibility) between = check (catalog, "3.3.0.5", 2);
  g_autoptr(LtEligibility) floor = check (catalog, "3.3", 2);
  g_autoptr(LtEligibility) latest = check (catalog, "v3.3.2", 2);
  g_autoptr(LtEligibility) newer = check (catalog, "3.4", 2);

  assert_version (lt_release_get_version (lt_release_catalog_get_current (catalog)), "3.3.2");
  assert_version (lt_release_get_version (lt_release_catalog_get_floor (catalog, 2)), "3.3.0");

  g_assert_cmpint (old->status, ==, LT_SUPPORT_STATUS_UNSUPPORTED);
  g_assert_false (old->hotfix_eligible);
  assert_version (old->current, "3.3.2");
  assert_version (old->floor, "3.3.0");
  assert_contains (old->message, "older than 2 releases behind");
  assert_contains (old->message, "Professional Services");
  assert_contains (old->message, "No hotfixes or maintenance updates");
  assert_contains (old->message, "upgrade to 3.3.0 or later");

  g_assert_cmpint (middle->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  g_assert_true (middle->hotfix_eligible);

  /* Not in the catalog, but within the window. */
  g_assert_cmpint (between->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  g_assert_true (between->hotfix_eligible);

  g_assert_cmpint (floor->status, ==, LT_SUPPORT_STATUS_SUPPORTED);

  g_assert_cmpint (latest->status, ==, LT_SUPPORT_STATUS_CURRENT);
  g_assert_true (latest->hotfix_eligible);
  assert_contains (latest->message, "current release");

  g_assert_cmpint (newer->status, ==, LT_SUPPORT_STATUS_UNKNOWN);
  g_assert_false (newer->hotfix_eligible);
  g_assert_cmpuint (newer->releases_until_unsupported, ==, 0);
  assert_contains (newer->message, "Refresh the release catalog");
  g_assert_null (strstr (newer->message, "supported and"));
}

static void
test_withdrawn_skipped (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (
    "{'releases': ["
    " {'version': '3.3.2', 'released': '2025-07-08'},"
    " {'version': '3.3.1', 'released': '2025-04-15', 'withdrawn': true},"
    " {'version': '3.3.0', 'released': '2025-01-21'},"
    " {'version': '3.2.9', 'released': '2024-11-05'},"
    " {'version': '3.2.8', 'released': '2024-08-05'}"
    "]}");
  g_autoptr(LtEligibility) low = check (catalog, "3.2.9", 2);
  g_autoptr(LtEligibility) lower = check (catalog, "3.2.8", 2);
  g_autoptr(LtEligibility) pulled = check (catalog, "3.3.1", 2);
  g_autoptr(LtEligibility) fine = check (catalog, "3.3.0", 2);

  /* 3.3.1 takes no place in the window, so the floor moves down a step. */
  assert_version (low->floor, "3.2.9");
  g_assert_cmpint (low->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  g_assert_false (low->installed_withdrawn);
  g_assert_null (low->withdrawn_message);
  g_assert_cmpint (lower->status, ==, LT_SUPPORT_STATUS_UNSUPPORTED);

  /* Running the withdrawn release itself: inside the window, but warned. */
  g_assert_cmpint (pulled->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  g_assert_true (pulled->installed_withdrawn);
  assert_version (pulled->replacement, "3.3.2");
  g_assert_nonnull (pulled->withdrawn_message);
  assert_contains (pulled->withdrawn_message, "3.3.1 was withdrawn");
  assert_contains (pulled->withdrawn_message, "3.3.2");

  g_assert_false (fine->installed_withdrawn);
  g_assert_null (fine->replacement);
}

static void
test_fewer_releases (void)
{
  g_autoptr(LtReleaseCatalog) two = load_ok (
    "{'releases': ["
    " {'version': '3.3.1', 'released': '2025-04-15'},"
    " {'version': '3.3.2', 'released': '2025-07-08'}"
    "]}");
  g_autoptr(LtReleaseCatalog) one = load_ok (
    "{'releases': ["
    " {'version': '3.3.0', 'released': '2025-01-21', 'withdrawn': true},"
    " {'version': '3.3.2', 'released': '2025-07-08'}"
    "]}");
  g_autoptr(LtEligibility) two_low = check (two, "3.3.1", 2);
  g_autoptr(LtEligibility) two_below = check (two, "3.3.0", 2);
  g_autoptr(LtEligibility) one_low = check (one, "3.3.1", 2);
  g_autoptr(LtEligibility) one_current = check (one, "3.3.2", 2);

  /* Floor = the lowest release when there are fewer than three. */
  assert_version (two_low->floor, "3.3.1");
  g_assert_cmpint (two_low->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  g_assert_cmpint (two_below->status, ==, LT_SUPPORT_STATUS_UNSUPPORTED);
  assert_contains (two_below->message, "3.3.1 or later");

  /* The lowest non-withdrawn one: a withdrawn release sets no floor. */
  assert_version (one_low->floor, "3.3.2");
  g_assert_cmpint (one_low->status, ==, LT_SUPPORT_STATUS_UNSUPPORTED);
  g_assert_cmpint (one_current->status, ==, LT_SUPPORT_STATUS_CURRENT);
}

static void
test_withdrawn_current (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "releases",
                                                 "variant-withdrawn-current.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_file (path, &error);
  g_autoptr(LtEligibility) pulled = NULL;
  g_autoptr(LtEligibility) latest = NULL;
  g_autoptr(LtEligibility) base = NULL;
  g_autoptr(LtRelease) top = NULL;

  g_assert_no_error (error);

  /* The highest release is withdrawn: current is the next one down. */
  assert_version (lt_release_get_version (lt_release_catalog_get_current (catalog)), "3.3.2");
  top = g_list_model_get_item (G_LIST_MODEL (catalog), 0);
  assert_version (lt_release_get_version (top), "3.4.0");

  latest = check (catalog, "3.3.2", 2);
  g_assert_cmpint (latest->status, ==, LT_SUPPORT_STATUS_CURRENT);
  base = check (catalog, "3.3.0", 2);
  g_assert_cmpint (base->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  assert_version (base->floor, "3.3.0");

  /* Running the withdrawn 3.4.0: above current, so never claimed
   * supported; told to move to current. */
  pulled = check (catalog, "3.4.0", 2);
  g_assert_cmpint (pulled->status, ==, LT_SUPPORT_STATUS_UNKNOWN);
  g_assert_false (pulled->hotfix_eligible);
  g_assert_true (pulled->installed_withdrawn);
  assert_version (pulled->replacement, "3.3.2");
  assert_contains (pulled->message, "withdrawn");
  assert_contains (pulled->withdrawn_message, "3.3.2");
}

static void
test_prerelease_in_catalog (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (
    "{'releases': ["
    " {'version': '3.3.2', 'released': '2025-07-08'},"
    " {'version': '3.4.0', 'released': '2025-11-04'},"
    " {'version': '3.3.1', 'released': '2025-04-15'},"
    " {'version': '3.4.0-rc1', 'released': '2025-10-01'}"
    "]}");
  g_autoptr(LtEligibility) rc2 = check (catalog, "3.4.0~rc2", 2);
  g_autoptr(LtEligibility) rc1 = check (catalog, "3.4.0-rc1", 2);
  g_autoptr(LtEligibility) old = check (catalog, "3.3.1", 2);
  g_autoptr(LtEligibility) next_rc = check (catalog, "3.5.0-rc1", 2);
  g_autoptr(LtRelease) second = NULL;

  /* A pre-release in the catalog counts as a release, ordered by R1. */
  second = g_list_model_get_item (G_LIST_MODEL (catalog), 1);
  assert_version (lt_release_get_version (second), "3.4.0-rc1");
  assert_version (rc1->floor, "3.3.2");
  g_assert_cmpint (rc1->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  g_assert_cmpint (rc2->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  g_assert_cmpint (old->status, ==, LT_SUPPORT_STATUS_UNSUPPORTED);
  g_assert_cmpint (next_rc->status, ==, LT_SUPPORT_STATUS_UNKNOWN);
}

static void
test_forecast (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (policy_example);
  static const struct {
    const char *installed;
    guint       preceding;
    guint       remaining;
  } cases[] = {
    { "3.3.2", 2, 3 },
    { "3.3.1", 2, 2 },
    { "3.3.0", 2, 1 },
    { "3.3.0.5", 2, 1 },
    { "3.3.1.9", 2, 2 },
    { "3.2.9", 2, 0 },
    { "3.4", 2, 0 },
    { "3.3.2", 0, 1 },
    { "3.3.1", 0, 0 },
    { "3.3.1", 1, 1 },
    { "3.2.8", 4, 1 },
    { "3.2.8", 10, 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LtEligibility) result = check (catalog, cases[i].installed, cases[i].preceding);

      g_test_message ("%s with %u preceding", cases[i].installed, cases[i].preceding);
      g_assert_cmpuint (result->releases_until_unsupported, ==, cases[i].remaining);
    }

  {
    g_autoptr(LtEligibility) two = check (catalog, "3.3.1", 2);
    g_autoptr(LtEligibility) one = check (catalog, "3.3.0", 2);

    assert_contains (two->message, "until 2 more releases ship");
    assert_contains (one->message, "next release will end its support");
  }
}

static void
test_window_size (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (policy_example);
  g_autoptr(LtEligibility) zero = check (catalog, "3.3.1", 0);
  g_autoptr(LtEligibility) one = check (catalog, "3.3.1", 1);
  g_autoptr(LtEligibility) one_below = check (catalog, "3.3.0", 1);
  g_autoptr(LtEligibility) all = check (catalog, "3.2.8", G_MAXUINT);

  assert_version (zero->floor, "3.3.2");
  g_assert_cmpint (zero->status, ==, LT_SUPPORT_STATUS_UNSUPPORTED);
  assert_contains (zero->message, "older than 0 releases behind");
  assert_version (one->floor, "3.3.1");
  g_assert_cmpint (one->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  g_assert_cmpint (one_below->status, ==, LT_SUPPORT_STATUS_UNSUPPORTED);
  assert_contains (one_below->message, "older than 1 release behind");
  assert_version (all->floor, "3.2.8");
  g_assert_cmpint (all->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  /* No overflow with an absurd window. */
  g_assert_cmpuint (all->releases_until_unsupported, >, 0);
}

static void
test_with_policy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPolicy) policy = lt_policy_new_default (&error);
  g_autoptr(LtReleaseCatalog) catalog = load_ok (policy_example);
  g_autoptr(LtVersion) old = version ("3.2.9");
  g_autoptr(LtVersion) base = version ("3.3.0");
  g_autoptr(LtEligibility) old_result = NULL;
  g_autoptr(LtEligibility) base_result = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (lt_policy_get_supported_preceding (policy), ==, 2);

  old_result = lt_release_catalog_check_version_for_policy (catalog, old, policy);
  base_result = lt_release_catalog_check_version_for_policy (catalog, base, policy);
  g_assert_cmpint (old_result->status, ==, LT_SUPPORT_STATUS_UNSUPPORTED);
  g_assert_cmpint (base_result->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  assert_version (base_result->floor, "3.3.0");
}

static const char fix_catalog[] =
  "{'releases': ["
  " {'version': '3.3.0', 'released': '2025-01-21', 'fixes': ['LT-1001']},"
  " {'version': '3.3.1', 'released': '2025-04-15', 'fixes': ['LT-1002']},"
  " {'version': '3.3.2', 'released': '2025-07-08', 'fixes': ['LT-1002', 'LT-1003']},"
  " {'version': '3.3.3', 'released': '2025-08-01', 'withdrawn': true, 'fixes': ['LT-1004']},"
  " {'version': '3.3.4', 'released': '2025-09-01', 'fixes': ['LT-1004', 'LT-1005']}"
  "]}";

static gboolean
find_fix (LtReleaseCatalog  *catalog,
          const char        *installed,
          const char        *issue_id,
          const char       **fixed_in,
          char             **warning,
          GError           **error)
{
  g_autoptr(LtVersion) v = version (installed);
  LtRelease *release = NULL;
  gboolean ok = lt_release_catalog_find_fix (catalog, v, issue_id, &release, warning, error);

  *fixed_in = release ? lt_version_to_string (lt_release_get_version (release)) : NULL;
  if (ok)
    g_assert_cmpint (release != NULL, ==, *warning != NULL);
  return ok;
}

static void
test_fix_lookup (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (fix_catalog);
  const char *fixed_in = NULL;

  /* Fixed in two newer releases: the lowest one is named. */
  {
    g_autofree char *warning = NULL;

    g_assert_true (find_fix (catalog, "3.3.0", "LT-1002", &fixed_in, &warning, NULL));
    g_assert_cmpstr (fixed_in, ==, "3.3.1");
    assert_contains (warning, "LT-1002");
    assert_contains (warning, "closed as resolved");
    assert_contains (warning, "upgrade to 3.3.1 or later first");
  }

  /* Fixed only in the installed release or an older one: nothing to say. */
  {
    g_autofree char *warning = NULL;

    g_assert_true (find_fix (catalog, "3.3.0", "LT-1001", &fixed_in, &warning, NULL));
    g_assert_null (fixed_in);
    g_assert_true (find_fix (catalog, "3.3.2", "LT-1002", &fixed_in, &warning, NULL));
    g_assert_null (fixed_in);
  }

  /* The withdrawn 3.3.3 does not count; its replacement does. */
  {
    g_autofree char *warning = NULL;

    g_assert_true (find_fix (catalog, "3.3.2", "LT-1004", &fixed_in, &warning, NULL));
    g_assert_cmpstr (fixed_in, ==, "3.3.4");
  }

  /* Installed is current (or newer): never a warning. */
  {
    g_autofree char *warning = NULL;

    g_assert_true (find_fix (catalog, "3.3.4", "LT-1005", &fixed_in, &warning, NULL));
    g_assert_null (fixed_in);
    g_assert_true (find_fix (catalog, "3.5", "LT-1005", &fixed_in, &warning, NULL));
    g_assert_null (fixed_in);
  }

  /* Installed between releases, and an ID nobody fixed. */
  {
    g_autofree char *warning = NULL;

    g_assert_true (find_fix (catalog, "3.3.1.2", "LT-1003", &fixed_in, &warning, NULL));
    g_assert_cmpstr (fixed_in, ==, "3.3.2");
  }
  {
    g_autofree char *warning = NULL;

    g_assert_true (find_fix (catalog, "3.3.0", "LT-9999", &fixed_in, &warning, NULL));
    g_assert_null (fixed_in);
  }
}

static void
test_fix_lookup_bad_id (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (fix_catalog);
  static const char * const bad[] = { "", "LT-", "lt-1002", "LT-10a", "LT 1002", "1002", "LT-1002 ", "LT--1" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *warning = NULL;
      g_autofree char *quoted = g_strdup_printf ("“%s”", bad[i]);
      const char *fixed_in = NULL;

      g_assert_false (find_fix (catalog, "3.3.0", bad[i], &fixed_in, &warning, &error));
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
      g_assert_true (g_str_has_prefix (error->message, quoted));
      g_assert_null (fixed_in);
      g_assert_null (warning);
    }
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *record = user_data;

  record[0]++;
  record[1] = position;
  record[2] = removed;
  record[3] = added;
}

static void
test_list_model (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (policy_example);
  g_autoptr(LtReleaseCatalog) refreshed = load_ok (
    "{'releases': ["
    " {'version': '3.3.2', 'released': '2025-07-08'},"
    " {'version': '3.4.0', 'released': '2025-11-04'}"
    "]}");
  GListModel *model = G_LIST_MODEL (catalog);
  static const char * const expected[] = { "3.3.2", "3.3.1", "3.3.0", "3.2.9", "3.2.8" };
  guint record[4] = { 0, };

  g_assert_true (g_list_model_get_item_type (model) == LT_TYPE_RELEASE);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (model, i);

      assert_version (lt_release_get_version (release), expected[i]);
    }
  g_assert_null (g_list_model_get_item (model, G_N_ELEMENTS (expected)));

  /* A refresh replaces the items in one signal; views follow. */
  g_signal_connect (catalog, "items-changed", G_CALLBACK (items_changed_cb), record);
  lt_release_catalog_replace (catalog, refreshed);
  g_assert_cmpuint (record[0], ==, 1);
  g_assert_cmpuint (record[1], ==, 0);
  g_assert_cmpuint (record[2], ==, 5);
  g_assert_cmpuint (record[3], ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  assert_version (lt_release_get_version (lt_release_catalog_get_current (catalog)), "3.4.0");
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%s;", pspec->name);
}

static void
test_release_notify (void)
{
  g_autoptr(LtVersion) v = version ("3.3.2");
  GDate date = lt_test_date ("2025-07-08");
  GDate later = lt_test_date ("2025-07-09");
  static const char * const fixes[] = { "LT-1", NULL };
  static const char * const more_fixes[] = { "LT-1", "LT-2", NULL };
  g_autoptr(LtRelease) release = lt_release_new (v, &date, FALSE, fixes, "Notes");
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(LtVersion) got = NULL;

  g_signal_connect (release, "notify", G_CALLBACK (notify_cb), log);

  /* Same values: no notification. */
  lt_release_set_withdrawn (release, FALSE);
  lt_release_set_released (release, &date);
  lt_release_set_fixes (release, fixes);
  lt_release_set_notes (release, "Notes");
  g_object_set (release, "withdrawn", FALSE, "notes", "Notes", NULL);
  g_assert_cmpstr (log->str, ==, "");

  lt_release_set_withdrawn (release, TRUE);
  lt_release_set_released (release, &later);
  lt_release_set_fixes (release, more_fixes);
  lt_release_set_notes (release, NULL);
  lt_release_set_released (release, NULL);
  g_assert_cmpstr (log->str, ==, "withdrawn;released;fixes;notes;released;");

  g_assert_true (lt_release_get_withdrawn (release));
  g_assert_null (lt_release_get_released (release));
  g_assert_true (lt_release_fixes_issue (release, "LT-2"));
  g_assert_false (lt_release_fixes_issue (release, "LT-3"));
  g_assert_null (lt_release_get_notes (release));

  g_object_get (release, "version", &got, NULL);
  g_assert_true (lt_version_equal (got, v));
  g_assert_true ((g_object_class_find_property (G_OBJECT_GET_CLASS (release), "version")->flags &
                  G_PARAM_CONSTRUCT_ONLY) != 0);
}

static void
test_release_fields (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (
    "{'releases': ["
    " {'version': 'v3.3', 'released': '2025-01-21', 'withdrawn': false,"
    "  'fixes': ['LT-1088', 'LT-1091'], 'notes': 'Cloud connector.'},"
    " {'version': '3.2.9', 'released': '2024-11-05', 'notes': null}"
    "]}");
  g_autoptr(LtVersion) lookup = version ("3.3.0");
  LtRelease *release = lt_release_catalog_lookup (catalog, lookup);
  static const char * const fixes[] = { "LT-1088", "LT-1091", NULL };

  g_assert_nonnull (release);
  assert_version (lt_release_get_version (release), "3.3");
  lt_assert_date (lt_release_get_released (release), "2025-01-21");
  g_assert_false (lt_release_get_withdrawn (release));
  g_assert_true (g_strv_equal (lt_release_get_fixes (release), fixes));
  g_assert_cmpstr (lt_release_get_notes (release), ==, "Cloud connector.");

  release = lt_release_catalog_get_floor (catalog, 2);
  assert_version (lt_release_get_version (release), "3.2.9");
  g_assert_null (lt_release_get_notes (release));
  g_assert_cmpuint (g_strv_length ((char **) lt_release_get_fixes (release)), ==, 0);
}

static void
test_json_round_trip (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (fix_catalog);
  g_autoptr(JsonNode) node = lt_release_catalog_to_json_node (catalog);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) again = lt_release_catalog_new_from_json_node (node, &error);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JsonNode) node_again = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 5);
  node_again = lt_release_catalog_to_json_node (again);
  first = json_to_string (node, FALSE);
  second = json_to_string (node_again, FALSE);
  g_assert_cmpstr (first, ==, second);
  assert_contains (first, "{\"version\":\"3.3.3\",\"released\":\"2025-08-01\",\"withdrawn\":true,"
                          "\"fixes\":[\"LT-1004\"],\"notes\":null}");
}

/* Loading @json (single quotes for double) fails with a data error whose
 * message starts with @prefix. */
static void
assert_malformed (const char *json,
                  const char *prefix)
{
  g_autoptr(GBytes) bytes = json_bytes (json);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_bytes (bytes, &error);

  g_test_message ("malformed: %s", json);
  g_assert_null (catalog);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  assert_has_prefix (error->message, prefix);
}

static void
test_malformed (void)
{
  static const struct {
    const char *json;
    const char *prefix;
  } cases[] = {
    { "", "$: the document is empty" },
    { "   ", "$: " },
    { "null", "$: expected an object, found null" },
    { "[]", "$: expected an object, found an array" },
    { "{}", "$.releases: missing (required)" },
    { "{'releases': {}}", "$.releases: expected an array, found an object" },
    { "{'releases': [], 'generated': '2026-10-06'}", "$.generated: unknown field" },
    { "{'releases': []}", "$.releases: " },
    { "{'releases': [1]}", "$.releases[0]: expected an object, found “1”" },
    { "{'releases': [{'released': '2025-01-21'}]}", "$.releases[0].version: missing (required)" },
    { "{'releases': [{'version': 3.3, 'released': '2025-01-21'}]}", "$.releases[0].version: expected a string, found “3.3”" },
    { "{'releases': [{'version': null, 'released': '2025-01-21'}]}", "$.releases[0].version: must not be null" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21'}, {'version': '3.x', 'released': '2025-01-21'}]}",
      "$.releases[1].version: “3.x” is not a version" },
    { "{'releases': [{'version': '', 'released': '2025-01-21'}]}", "$.releases[0].version: “” is not a version" },
    { "{'releases': [{'version': '3.04', 'released': '2025-01-21'}]}", "$.releases[0].version: “3.04”" },
    { "{'releases': [{'version': '3.3'}]}", "$.releases[0].released: missing (required)" },
    { "{'releases': [{'version': '3.3', 'released': '2025-02-30'}]}", "$.releases[0].released: “2025-02-30”" },
    { "{'releases': [{'version': '3.3', 'released': '2025-7-8'}]}", "$.releases[0].released: “2025-7-8”" },
    { "{'releases': [{'version': '3.3', 'released': 20250121}]}", "$.releases[0].released: expected a string, found “20250121”" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'withdrawn': 'yes'}]}",
      "$.releases[0].withdrawn: expected true or false, found the text “yes”" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'withdrawn': null}]}",
      "$.releases[0].withdrawn: must not be null" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'fixes': 'LT-1'}]}",
      "$.releases[0].fixes: expected an array, found the text “LT-1”" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'fixes': [1088]}]}",
      "$.releases[0].fixes[0]: expected a string, found “1088”" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'fixes': ['LT-1', 'LT-12a']}]}",
      "$.releases[0].fixes[1]: “LT-12a” is not a known-issue ID" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'fixes': ['LT-1', 'LT-1']}]}",
      "$.releases[0].fixes[1]: “LT-1” is listed twice" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'notes': ['x']}]}",
      "$.releases[0].notes: expected a string or null, found an array" },
    { "{'releases': [{'version': '3.2', 'released': '2024-01-21'}, {'version': '3.3', 'released': '2025-01-21'},"
      " {'version': '3.4', 'released': '2025-01-21', 'date': '2025-01-21'}]}",
      "$.releases[2].date: unknown field" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'release date': '2025-01-21'}]}",
      "$.releases[0][\"release date\"]: unknown field" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21'}, {'version': '3.2', 'released': '2024-01-21'},"
      " {'version': '3.3.0', 'released': '2025-01-22'}, {'version': '3.2', 'released': '2024-01-21'}]}",
      "$.releases[2].version: “3.3.0” is listed twice (also at $.releases[0])" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'withdrawn': true}]}",
      "$.releases: the catalog needs at least one release that is not withdrawn" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21'}", "$: not valid JSON" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21'}]} x", "$: not valid JSON" },
    { "{'releases': [{'version': '3.3\\u00002', 'released': '2025-01-21'}]}", "$: the document contains a NUL" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'notes': '\xff'}]}", "$: not valid JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_malformed (cases[i].json, cases[i].prefix);
}

static void
test_malformed_nesting (void)
{
  gsize depth = 100000;
  g_autoptr(GString) json = g_string_sized_new (depth * 2 + 32);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;

  /* Deep enough to overflow json-glib's recursive parser if it got there. */
  g_string_append (json, "{\"releases\": ");
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');
  bytes = g_bytes_new (json->str, json->len);

  catalog = lt_release_catalog_new_from_bytes (bytes, &error);
  g_assert_null (catalog);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, "$: the document is nested more than"));
}

static void
test_malformed_node (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_json_node (NULL, &error);
  g_autoptr(JsonNode) string_root = json_node_init_string (json_node_alloc (), "releases");
  g_autoptr(LtReleaseCatalog) from_string = NULL;

  g_assert_null (catalog);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, "$: "));
  g_clear_error (&error);

  from_string = lt_release_catalog_new_from_json_node (string_root, &error);
  g_assert_null (from_string);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, "$: expected an object, found the text"));
}

/* json-glib keeps the last of two members with one name: a release that
 * says "withdrawn" twice must not be read as whichever came last. */
static void
test_malformed_duplicate_member (void)
{
  static const struct {
    const char *json;
    const char *message;
  } cases[] = {
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21', 'withdrawn': true, 'withdrawn': false}]}",
      "$.releases[0].withdrawn: appears more than once" },
    { "{'releases': [{'version': '3.3', 'released': '2025-01-21'}], 'releases': []}",
      "$.releases: appears more than once" },
    { "{'releases': [{'version': '3.2', 'released': '2024-01-21'},"
      " {'version': '3.3', 'released': '2025-01-21', 'version': '3.4'}]}",
      "$.releases[1].version: appears more than once" },
  };
  g_autoptr(GBytes) distinct = json_bytes ("{'releases': [{'version': '3.3', 'released': '2025-01-21'},"
                                           " {'version': '3.4', 'released': '2025-02-21'}]}");
  g_autoptr(GError) distinct_error = NULL;
  g_autoptr(LtReleaseCatalog) loaded = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_malformed (cases[i].json, cases[i].message);

  /* The same name in two different objects is no repetition. */
  loaded = lt_release_catalog_new_from_bytes (distinct, &distinct_error);
  g_assert_no_error (distinct_error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (loaded)), ==, 2);
}

static void
test_files (void)
{
  static const struct {
    const char *name;
    const char *prefix;   /* NULL: loads */
  } cases[] = {
    { "variant-withdrawn-current.json", NULL },
    { "variant-minimal.json", NULL },
    { "bad-unknown-key.json", "$.releases[1].release_date: unknown field" },
    { "bad-fix-id.json", "$.releases[0].fixes[1]: “lt-1091”" },
    { "bad-all-withdrawn.json", "$.releases: " },
    { "bad-truncated.json", "$: not valid JSON" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "releases",
                                                     cases[i].name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_file (path, &error);

      g_test_message ("%s", cases[i].name);
      if (cases[i].prefix == NULL)
        {
          g_assert_no_error (error);
          g_assert_nonnull (catalog);
        }
      else
        {
          g_assert_null (catalog);
          g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
          assert_has_prefix (error->message, cases[i].prefix);
        }
    }

  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "releases",
                                                   "variant-minimal.json", NULL);
    g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_file (path, NULL);
    LtRelease *release = lt_release_catalog_get_current (catalog);

    /* Optional keys take their defaults. */
    assert_version (lt_release_get_version (release), "3.1");
    g_assert_false (lt_release_get_withdrawn (release));
    g_assert_null (lt_release_get_fixes (release)[0]);
    g_assert_null (lt_release_get_notes (release));
  }

  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "releases",
                                                   "does-not-exist.json", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_file (path, &error);

    g_assert_null (catalog);
    g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  }
}

static void
test_default_catalog (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_default (&error);
  g_autoptr(LtVersion) withdrawn = version ("3.5.0");
  g_autoptr(LtEligibility) pulled = NULL;
  g_autoptr(LtEligibility) old = NULL;
  LtRelease *previous = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), >=, 10);

  /* 3.5.0 was withdrawn inside the window: current 3.5.1, and the window
   * reaches down to 3.4.1 instead of stopping at 3.4.2. */
  assert_version (lt_release_get_version (lt_release_catalog_get_current (catalog)), "3.5.1");
  assert_version (lt_release_get_version (lt_release_catalog_get_floor (catalog, 2)), "3.4.1");
  g_assert_true (lt_release_get_withdrawn (lt_release_catalog_lookup (catalog, withdrawn)));

  pulled = check (catalog, "3.5.0", 2);
  g_assert_cmpint (pulled->status, ==, LT_SUPPORT_STATUS_SUPPORTED);
  g_assert_true (pulled->installed_withdrawn);
  assert_version (pulled->replacement, "3.5.1");
  old = check (catalog, "3.4.0", 2);
  g_assert_cmpint (old->status, ==, LT_SUPPORT_STATUS_UNSUPPORTED);

  /* Newest first, strictly: the model is sorted and free of duplicates. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (catalog)); i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      g_assert_nonnull (lt_release_get_released (release));
      if (previous != NULL)
        g_assert_cmpint (lt_version_compare (lt_release_get_version (previous),
                                             lt_release_get_version (release)), >, 0);
      previous = release;
    }
}

static void
test_default_truncated (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (LT_RELEASE_CATALOG_DEFAULT_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize size = 0;
  const char *data;
  guint n_valid = 0;

  g_assert_nonnull (bytes);
  data = g_bytes_get_data (bytes, &size);
  g_assert_cmpuint (size, >, 100);

  for (gsize len = 0; len < size; len++)
    {
      g_autoptr(GBytes) prefix = g_bytes_new_from_bytes (bytes, 0, len);
      g_autoptr(GError) error = NULL;
      g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_bytes (prefix, &error);

      if (catalog != NULL)
        {
          /* Only a cut in the trailing whitespace leaves a whole document. */
          for (gsize i = len; i < size; i++)
            g_assert_true (g_ascii_isspace (data[i]));
          n_valid++;
          continue;
        }
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
      g_assert_true (g_str_has_prefix (error->message, "$"));
    }

  g_assert_cmpuint (n_valid, <=, 1);
}

static void
test_eligibility_boxed (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (
    "{'releases': ["
    " {'version': '3.3.2', 'released': '2025-07-08'},"
    " {'version': '3.3.1', 'released': '2025-04-15', 'withdrawn': true}"
    "]}");
  g_autoptr(LtEligibility) result = check (catalog, "3.3.1", 2);
  g_autoptr(LtEligibility) copy = NULL;

  g_assert_true (G_TYPE_IS_BOXED (LT_TYPE_ELIGIBILITY));
  copy = g_boxed_copy (LT_TYPE_ELIGIBILITY, result);
  g_clear_pointer (&catalog, g_object_unref);

  /* The snapshot owns its data: it outlives the catalog and the original. */
  g_assert_true (copy->installed != result->installed);
  g_assert_cmpint (copy->status, ==, result->status);
  g_assert_cmpstr (copy->message, ==, result->message);
  g_assert_cmpstr (copy->withdrawn_message, ==, result->withdrawn_message);
  g_clear_pointer (&result, lt_eligibility_free);
  assert_version (copy->current, "3.3.2");
  assert_version (copy->replacement, "3.3.2");
}

static void
test_all_withdrawn_later (void)
{
  g_autoptr(LtReleaseCatalog) catalog = load_ok (
    "{'releases': [{'version': '3.3.2', 'released': '2025-07-08'}]}");
  g_autoptr(LtEligibility) result = NULL;
  g_autoptr(LtRelease) only = g_list_model_get_item (G_LIST_MODEL (catalog), 0);

  /* Loading refuses this state; a model change can still reach it. */
  lt_release_set_withdrawn (only, TRUE);
  g_assert_null (lt_release_catalog_get_current (catalog));
  result = check (catalog, "3.3.2", 2);
  g_assert_cmpint (result->status, ==, LT_SUPPORT_STATUS_UNKNOWN);
  g_assert_null (result->current);
  g_assert_null (result->floor);
  g_assert_true (result->installed_withdrawn);
  assert_contains (result->message, "Refresh the release catalog");
}

int
main (int argc, char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/release-catalog/eligibility/policy-example", test_policy_example);
  g_test_add_func ("/lt/release-catalog/eligibility/withdrawn-skipped", test_withdrawn_skipped);
  g_test_add_func ("/lt/release-catalog/eligibility/fewer-releases", test_fewer_releases);
  g_test_add_func ("/lt/release-catalog/eligibility/withdrawn-current", test_withdrawn_current);
  g_test_add_func ("/lt/release-catalog/eligibility/prerelease", test_prerelease_in_catalog);
  g_test_add_func ("/lt/release-catalog/eligibility/forecast", test_forecast);
  g_test_add_func ("/lt/release-catalog/eligibility/window-size", test_window_size);
  g_test_add_func ("/lt/release-catalog/eligibility/policy", test_with_policy);
  g_test_add_func ("/lt/release-catalog/eligibility/boxed", test_eligibility_boxed);
  g_test_add_func ("/lt/release-catalog/eligibility/all-withdrawn-later", test_all_withdrawn_later);
  g_test_add_func ("/lt/release-catalog/fix/lookup", test_fix_lookup);
  g_test_add_func ("/lt/release-catalog/fix/bad-id", test_fix_lookup_bad_id);
  g_test_add_func ("/lt/release-catalog/list-model", test_list_model);
  g_test_add_func ("/lt/release-catalog/release/notify", test_release_notify);
  g_test_add_func ("/lt/release-catalog/release/fields", test_release_fields);
  g_test_add_func ("/lt/release-catalog/json-round-trip", test_json_round_trip);
  g_test_add_func ("/lt/release-catalog/malformed/table", test_malformed);
  g_test_add_func ("/lt/release-catalog/malformed/nesting", test_malformed_nesting);
  g_test_add_func ("/lt/release-catalog/malformed/node", test_malformed_node);
  g_test_add_func ("/lt/release-catalog/malformed/duplicate-member", test_malformed_duplicate_member);
  g_test_add_func ("/lt/release-catalog/files", test_files);
  g_test_add_func ("/lt/release-catalog/default", test_default_catalog);
  g_test_add_func ("/lt/release-catalog/default/truncated", test_default_truncated);

  return g_test_run ();
}
