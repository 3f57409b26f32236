/* fuzz-version.c: lt_version_parse() on arbitrary text (RULES.md R1)
 *
 * Beyond "no crash, no leak": what parses must print back to text that
 * parses to the same version, compare like a total order, and a
 * pre-release must sort before its release.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-fuzz"

#include "config.h"

#include "lt-fuzz-util.h"
#include "lt-error.h"
#include "lt-version.h"

static int
sign (int value)
{
  return (value > 0) - (value < 0);
}

static void
check_parsed (const LtVersion *version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtVersion) again = NULL;
  g_autoptr(LtVersion) reference = NULL;
  g_autoptr(GString) release_text = g_string_new (NULL);
  guint n = lt_version_get_n_components (version);
  const char *text = lt_version_to_string (version);
  const char *prerelease = lt_version_get_prerelease (version);

  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, LT_VERSION_MAX_COMPONENTS);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  /* The canonical text is itself a version, and the same one. */
  again = lt_version_parse (text, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lt_version_compare (version, again), ==, 0);
  g_assert_true (lt_version_equal (version, again));
  g_assert_cmpstr (lt_version_to_string (again), ==, text);
  g_assert_cmpstr (lt_version_get_prerelease (again), ==, prerelease);

  /* Antisymmetric against a fixed point. */
  reference = lt_version_parse ("3.3.2", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sign (lt_version_compare (version, reference)), ==,
                   -sign (lt_version_compare (reference, version)));

  /* R1: "3.4.0-rc1" < "3.4.0". */
  for (guint i = 0; i < n; i++)
    g_string_append_printf (release_text, "%s%u", i > 0 ? "." : "",
                            lt_version_get_component (version, i));
  if (prerelease != NULL)
    {
      g_autoptr(LtVersion) release = lt_version_parse (release_text->str, &error);

      g_assert_no_error (error);
      g_assert_cmpint (lt_version_compare (version, release), <, 0);
      g_assert_cmpint (lt_version_compare (release, version), >, 0);
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
  /* The parser takes a C string: a NUL-terminated copy, so that reading
   * past the input is caught rather than hidden by libFuzzer's buffer. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtVersion) version = lt_version_parse (text, &error);

  if (version == NULL)
    lt_fuzz_assert_error (error, LT_ERROR_INVALID_INPUT, NULL);
  else
    check_parsed (version);

  return 0;
}
