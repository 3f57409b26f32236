/* fuzz-catalog.c: the release catalog loader,
 * lt_release_catalog_new_from_bytes(), and the eligibility questions a
 * loaded catalog answers (RULES.md R2)
 *
 * The catalog comes from the portal (GET /releases): any text must either
 * load or fail with a path-first error. A catalog that loads has a current
 * release, finds each of its releases again, judges each of them
 * supported or not, and survives the round trip through the JSON it is
 * cached as.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-fuzz"

#include "config.h"

#include "lt-fuzz-util.h"
#include "lt-error.h"
#include "lt-release.h"
#include "lt-release-catalog.h"
#include "lt-version.h"

#include <gio/gio.h>

static void
check_release (LtReleaseCatalog *catalog,
               LtRelease        *release)
{
  const LtVersion *version = lt_release_get_version (release);
  const char * const *fixes = lt_release_get_fixes (release);
  g_autoptr(LtEligibility) eligibility = NULL;

  g_assert_true (lt_release_catalog_lookup (catalog, version) == release);

  eligibility = lt_release_catalog_check_version (catalog, version, 2);
  g_assert_nonnull (eligibility);
  g_assert_nonnull (eligibility->message);
  g_assert_true (g_utf8_validate (eligibility->message, -1, NULL));
  g_assert_true (eligibility->installed_withdrawn == lt_release_get_withdrawn (release));
  /* Current is the highest release that is not withdrawn: no such
   * release is newer than it. */
  if (!lt_release_get_withdrawn (release))
    g_assert_cmpint (eligibility->status, !=, LT_SUPPORT_STATUS_UNKNOWN);

  for (guint i = 0; fixes != NULL && fixes[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *warning = NULL;
      LtRelease *fixed_in = NULL;

      g_assert_true (lt_release_fixes_issue (release, fixes[i]));
      g_assert_true (lt_release_catalog_find_fix (catalog, version, fixes[i],
                                                  &fixed_in, &warning, &error));
      g_assert_no_error (error);
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lt_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const probes[] = { "0", "3.3.2", "3.4.0-rc1", "4294967295.0.0.1" };
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(LtReleaseCatalog) again = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) json_again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  guint n;

  catalog = lt_release_catalog_new_from_bytes (bytes, &error);
  if (catalog == NULL)
    {
      lt_fuzz_assert_error (error, LT_ERROR_INVALID_DATA, "$");
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (lt_release_catalog_get_current (catalog));
  g_assert_nonnull (lt_release_catalog_get_floor (catalog, 2));

  n = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      check_release (catalog, release);
    }

  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_autoptr(LtVersion) probe = lt_version_parse (probes[i], &error);
      g_autoptr(LtEligibility) eligibility = NULL;

      g_assert_no_error (error);
      eligibility = lt_release_catalog_check_version (catalog, probe, 2);
      g_assert_nonnull (eligibility);
      g_assert_true (eligibility->hotfix_eligible ==
                     (eligibility->status == LT_SUPPORT_STATUS_CURRENT ||
                      eligibility->status == LT_SUPPORT_STATUS_SUPPORTED));
    }

  /* The catalog as cached and printed loads again, to the same JSON. */
  json = lt_release_catalog_to_json_node (catalog);
  again = lt_release_catalog_new_from_json_node (json, &error);
  g_assert_no_error (error);
  json_again = lt_release_catalog_to_json_node (again);
  text = lt_fuzz_node_to_string (json);
  text_again = lt_fuzz_node_to_string (json_again);
  g_assert_cmpstr (text, ==, text_again);
  return 0;
}
