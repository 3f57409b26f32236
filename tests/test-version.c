/* test-version.c: RULES.md R1, version numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-text-util.h"
#include "lt-version.h"

#include <string.h>

static LtVersion *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  LtVersion *version = lt_version_parse (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (version);
  return version;
}

static int
compare_texts (const char *a,
               const char *b)
{
  g_autoptr(LtVersion) va = parse_ok (a);
  g_autoptr(LtVersion) vb = parse_ok (b);

  return lt_version_compare (va, vb);
}

static void
test_parse_valid (void)
{
  static const struct {
    const char *text;
    const char *canonical;
    guint       n_components;
    guint       components[4];
    const char *prerelease;
  } cases[] = {
    { "3", "3", 1, { 3, 0, 0, 0 }, NULL },
    { "3.3", "3.3", 2, { 3, 3, 0, 0 }, NULL },
    { "3.3.2", "3.3.2", 3, { 3, 3, 2, 0 }, NULL },
    { "3.3.2.1", "3.3.2.1", 4, { 3, 3, 2, 1 }, NULL },
    { "v3.3.2", "3.3.2", 3, { 3, 3, 2, 0 }, NULL },
    { "0", "0", 1, { 0, 0, 0, 0 }, NULL },
    { "0.0.0.0", "0.0.0.0", 4, { 0, 0, 0, 0 }, NULL },
    { "3.10.0", "3.10.0", 3, { 3, 10, 0, 0 }, NULL },
    { "4294967295.0", "4294967295.0", 2, { G_MAXUINT32, 0, 0, 0 }, NULL },
    { "3.4.0-rc1", "3.4.0-rc1", 3, { 3, 4, 0, 0 }, "rc1" },
    { "3.4.0~beta2", "3.4.0~beta2", 3, { 3, 4, 0, 0 }, "beta2" },
    { "v3.4-rc.1", "3.4-rc.1", 2, { 3, 4, 0, 0 }, "rc.1" },
    { "3.4.0.7-RC1", "3.4.0.7-RC1", 4, { 3, 4, 0, 7 }, "RC1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LtVersion) v = parse_ok (cases[i].text);

      g_test_message ("parsing %s", cases[i].text);
      g_assert_cmpstr (lt_version_to_string (v), ==, cases[i].canonical);
      g_assert_cmpuint (lt_version_get_n_components (v), ==, cases[i].n_components);
      for (guint c = 0; c < LT_VERSION_MAX_COMPONENTS; c++)
        g_assert_cmpuint (lt_version_get_component (v, c), ==, cases[i].components[c]);
      g_assert_cmpstr (lt_version_get_prerelease (v), ==, cases[i].prerelease);
    }
}

static void
test_parse_invalid (void)
{
  static const char * const cases[] = {
    "",
    "3.x",
    "3..3",
    "3.3.",
    ".3",
    "3.3.2.1.5",
    "-1",
    "3.3.2-",
    "3.3.2~",
    "v",
    "vv3",
    "V3.3",
    "3.04",
    "03",
    "4294967296",
    "3.99999999999999999999",
    " 3.3",
    "3.3 ",
    "3. 3",
    "3.3\n",
    "3.3.2-rc 1",
    "3.3.2-rc-1",
    "3.3.2-rc..1",
    "3.3.2-.rc1",
    "3.3.2-rc1.",
    "3.3.2+build5",
    "3,3",
    "+3",
    "3.3.2-rc1~2",
    "x3",
    "3.\xff",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtVersion) v = lt_version_parse (cases[i], &error);
      /* Quoted as it can be shown: valid UTF-8, a line break escaped. */
      g_autofree char *valid = lt_text_dup_displayable (cases[i], LT_TEXT_SINGLE_LINE);
      g_autofree char *quoted = g_strdup_printf ("“%s”", valid);

      g_test_message ("refusing “%s”", valid);
      g_assert_null (v);
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_true (g_str_has_prefix (error->message, quoted));
    }
}

static void
test_parse_reasons (void)
{
  static const struct {
    const char *text;
    const char *reason;
  } cases[] = {
    { "", "empty" },
    { "3.04", "leading zero" },
    { "4294967296", "too large" },
    { "3.3.2.1.5", "more than 4" },
    { "3.3.2-", "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtVersion) v = lt_version_parse (cases[i].text, &error);

      g_assert_null (v);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, cases[i].reason));
    }
}

static void
test_compare_missing_components (void)
{
  g_autoptr(LtVersion) a = parse_ok ("3.3");
  g_autoptr(LtVersion) b = parse_ok ("3.3.0");
  g_autoptr(LtVersion) c = parse_ok ("v3.3.0.0");

  g_assert_cmpint (lt_version_compare (a, b), ==, 0);
  g_assert_cmpint (lt_version_compare (b, c), ==, 0);
  g_assert_true (lt_version_equal (a, c));
  /* Equal, yet each keeps its own text. */
  g_assert_cmpstr (lt_version_to_string (a), ==, "3.3");
  g_assert_cmpstr (lt_version_to_string (c), ==, "3.3.0.0");

  g_assert_cmpint (compare_texts ("3", "3.0.0.0"), ==, 0);
  g_assert_cmpint (compare_texts ("3.3", "3.3.0.1"), <, 0);
  g_assert_cmpint (compare_texts ("3.3.1", "3.3"), >, 0);
}

static void
test_compare_numeric (void)
{
  g_assert_cmpint (compare_texts ("3.10", "3.9"), >, 0);
  g_assert_cmpint (compare_texts ("3.3.2", "3.3.10"), <, 0);
  g_assert_cmpint (compare_texts ("4294967295", "4294967294"), >, 0);
  g_assert_cmpint (compare_texts ("10", "9.99.99.99"), >, 0);
  g_assert_cmpint (compare_texts ("3.3.2.1", "3.3.2"), >, 0);
  g_assert_cmpint (compare_texts ("3.3.2.1", "3.3.3"), <, 0);
}

static void
test_compare_prerelease (void)
{
  /* Before the same version without a suffix, after the one before it. */
  g_assert_cmpint (compare_texts ("3.4.0-rc1", "3.4.0"), <, 0);
  g_assert_cmpint (compare_texts ("3.4.0-rc1", "3.4"), <, 0);
  g_assert_cmpint (compare_texts ("3.4.0-rc1", "3.3.99"), >, 0);
  g_assert_cmpint (compare_texts ("3.4.0-rc1", "3.4.0.0-rc1"), ==, 0);

  /* Numeric runs compare as numbers. */
  g_assert_cmpint (compare_texts ("3.4.0-rc2", "3.4.0-rc10"), <, 0);
  g_assert_cmpint (compare_texts ("3.4.0-rc01", "3.4.0-rc1"), ==, 0);
  g_assert_cmpint (compare_texts ("3.4.0-rc99999999999999999999", "3.4.0-rc100000000000000000000"), <, 0);

  /* Letters alphabetically, case not significant. */
  g_assert_cmpint (compare_texts ("3.4.0-beta2", "3.4.0-rc1"), <, 0);
  g_assert_cmpint (compare_texts ("3.4.0-alpha9", "3.4.0-beta1"), <, 0);
  g_assert_cmpint (compare_texts ("3.4.0-RC1", "3.4.0-rc1"), ==, 0);

  /* A prefix sorts first; a number before letters. */
  g_assert_cmpint (compare_texts ("3.4.0-rc", "3.4.0-rc1"), <, 0);
  g_assert_cmpint (compare_texts ("3.4.0-1", "3.4.0-rc"), <, 0);

  /* The separator is not significant, nor are dots between runs. */
  g_assert_cmpint (compare_texts ("3.4.0-rc1", "3.4.0~rc1"), ==, 0);
  g_assert_cmpint (compare_texts ("3.4.0~beta2", "3.4.0-rc1"), <, 0);
  g_assert_cmpint (compare_texts ("3.4.0-rc.1", "3.4.0-rc1"), ==, 0);
}

static int
compare_versions_cb (gconstpointer a,
                     gconstpointer b)
{
  return lt_version_compare (*(LtVersion * const *) a, *(LtVersion * const *) b);
}

static void
test_sort_order (void)
{
  /* In ascending order; shuffled below with a fixed permutation. */
  static const char * const sorted[] = {
    "2.9.9",
    "3",
    "3.0.1",
    "3.2.2",
    "3.2.2.1",
    "3.2.2.10",
    "3.3.0-alpha",
    "3.3.0~beta2",
    "3.3.0-rc1",
    "3.3.0-rc2",
    "3.3.0-rc10",
    "3.3",
    "3.3.0.5",
    "3.3.1",
    "3.3.2",
    "3.10",
    "v4",
  };
  static const guint shuffle[] = { 9, 3, 16, 0, 12, 5, 14, 1, 10, 7, 15, 2, 11, 6, 13, 4, 8 };
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_version_free);

  G_STATIC_ASSERT (G_N_ELEMENTS (sorted) == G_N_ELEMENTS (shuffle));

  for (guint i = 0; i < G_N_ELEMENTS (shuffle); i++)
    g_ptr_array_add (versions, parse_ok (sorted[shuffle[i]]));

  g_ptr_array_sort (versions, compare_versions_cb);

  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    {
      g_autoptr(LtVersion) expected = parse_ok (sorted[i]);

      g_assert_cmpstr (lt_version_to_string (g_ptr_array_index (versions, i)), ==,
                       lt_version_to_string (expected));
    }

  /* Antisymmetric over every pair: a broken comparison would break
   * sorting in ways a single ordering check can miss. */
  for (guint i = 0; i < versions->len; i++)
    for (guint j = 0; j < versions->len; j++)
      {
        int ij = lt_version_compare (g_ptr_array_index (versions, i), g_ptr_array_index (versions, j));
        int ji = lt_version_compare (g_ptr_array_index (versions, j), g_ptr_array_index (versions, i));

        g_assert_cmpint ((ij > 0) - (ij < 0), ==, -((ji > 0) - (ji < 0)));
        g_assert_cmpint ((ij > 0) - (ij < 0), ==, (i > j) - (i < j));
      }
}

static void
test_boxed_copy (void)
{
  g_autoptr(LtVersion) v = parse_ok ("v3.4.0~rc2");
  g_autoptr(LtVersion) copy = lt_version_copy (v);
  g_auto(GValue) value = G_VALUE_INIT;
  const LtVersion *from_value;

  g_assert_true (copy != v);
  g_assert_true (lt_version_equal (copy, v));
  g_assert_cmpstr (lt_version_to_string (copy), ==, "3.4.0~rc2");
  g_assert_cmpstr (lt_version_get_prerelease (copy), ==, "rc2");

  g_assert_true (G_TYPE_IS_BOXED (LT_TYPE_VERSION));
  g_value_init (&value, LT_TYPE_VERSION);
  g_value_set_boxed (&value, v);
  from_value = g_value_get_boxed (&value);
  g_assert_true (from_value != v);
  g_assert_cmpstr (lt_version_to_string (from_value), ==, "3.4.0~rc2");
}

int
main (int argc, char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/version/parse/valid", test_parse_valid);
  g_test_add_func ("/lt/version/parse/invalid", test_parse_invalid);
  g_test_add_func ("/lt/version/parse/reasons", test_parse_reasons);
  g_test_add_func ("/lt/version/compare/missing-components", test_compare_missing_components);
  g_test_add_func ("/lt/version/compare/numeric", test_compare_numeric);
  g_test_add_func ("/lt/version/compare/prerelease", test_compare_prerelease);
  g_test_add_func ("/lt/version/sort-order", test_sort_order);
  g_test_add_func ("/lt/version/boxed-copy", test_boxed_copy);

  return g_test_run ();
}
