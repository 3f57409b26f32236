/* test-natural-sort.c: the order of ids and titles in the ticket list,
 * without a list (test-list-models sorts real lists by it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-natural-sort.h"
#include "lt-test-util.h"

static int
sign (int value)
{
  return (value > 0) - (value < 0);
}

static void
assert_order (const char *a,
              int         expected,
              const char *b)
{
  int got = sign (lt_natural_sort_compare (a, b));

  if (got != expected)
    g_test_message ("“%s” against “%s”: %d, expected %d", a, b, got, expected);
  g_assert_cmpint (got, ==, expected);
  /* Either way round. */
  g_assert_cmpint (sign (lt_natural_sort_compare (b, a)), ==, -expected);
}

/* Case and accents do not count; combining marks are skipped. */
static void
test_case_and_accents (void)
{
  assert_order ("éclair", 0, "Eclair");
  assert_order ("ECLAIR", 0, "eclair");
  /* e followed by COMBINING ACUTE ACCENT. */
  assert_order ("e\xcc\x81" "clair", 0, "eclair");
  /* KELVIN SIGN decomposes to K. */
  assert_order ("\xe2\x84\xaa" "ey", 0, "key");
  assert_order ("Ärger", 1, "arg");
  assert_order ("abc", -1, "ABD");
  assert_order ("", 0, "");
  assert_order ("", -1, "a");
}

/* Runs of digits compare by value; leading zeros make a tie. */
static void
test_numbers (void)
{
  assert_order ("LT-99", -1, "LT-100");
  assert_order ("LT-100", -1, "LT-101");
  assert_order ("site 9", -1, "site 10");
  assert_order ("SITE 100", 1, "site 10");
  assert_order ("site 09", 0, "site 9");
  assert_order ("007", 0, "7");
  assert_order ("x2y10", -1, "x10y2");
  assert_order ("x10y2", -1, "x10y10");
  /* Longer than any integer type. */
  assert_order ("n 123456789012345678901234567890", -1, "n 123456789012345678901234567891");
  assert_order ("n 99999999999999999999", -1, "n 100000000000000000000");
  /* A digit sorts as itself against a letter. */
  assert_order ("a1", -1, "ab");
  assert_order ("a-", -1, "a1");
  /* A combining mark before a digit does not stop the number. */
  assert_order ("e\xcc\x81" "10", 1, "e9");
  assert_order ("site \xcc\x81" "9", -1, "site 10");
}

/* Characters beyond ASCII that do not reduce to a letter sort after
 * every ASCII one; a byte that is not UTF-8 counts as itself. */
static void
test_beyond_ascii (void)
{
  assert_order ("Ωmega", 1, "zebra");
  assert_order ("Ωmega", 0, "ωMEGA");
  assert_order ("\xff", 1, "a");
  assert_order ("a\xff" "b", -1, "a\xff" "c");
  assert_order ("a\xc3", -1, "a\xc3" "b");
}

/* The key the list compares first: keys that differ order two texts as
 * the comparison does; equal keys say nothing. */
static void
test_key (void)
{
  static const char * const pieces[] = {
    "a", "A", "á", "b", "B", "é", "e", "1", "01", "9", "10", "100", " ", "-", "Ω", "z", "site ", "0",
    "\xe2\x84\xaa", "\xff", "\xcc\x81",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) long_run = g_string_new ("x");

  g_assert_cmpuint (lt_natural_sort_key (""), ==, 0);
  g_assert_cmpuint (lt_natural_sort_key ("LT-99"), <, lt_natural_sort_key ("LT-100"));
  g_assert_cmpuint (lt_natural_sort_key ("Site 9"), ==, lt_natural_sort_key ("site 09"));
  /* Only the first bytes count. */
  g_assert_cmpuint (lt_natural_sort_key ("abcdefgh1"), ==, lt_natural_sort_key ("abcdefgh2"));
  assert_order ("abcdefgh1", -1, "abcdefgh2");

  /* A run of 300 digits: its length does not fit the key's byte. */
  for (guint i = 0; i < 300; i++)
    g_string_append_c (long_run, '1');
  g_assert_cmpuint (lt_natural_sort_key ("x2"), <, lt_natural_sort_key (long_run->str));
  assert_order ("x2", -1, long_run->str);

  for (guint i = 0; i < 400; i++)
    {
      GString *text = g_string_new (NULL);
      guint n = (guint) g_rand_int_range (rand, 0, 10);

      for (guint j = 0; j < n; j++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      g_ptr_array_add (texts, g_string_free (text, FALSE));
    }

  for (guint i = 0; i < texts->len; i++)
    for (guint j = 0; j < texts->len; j++)
      {
        const char *a = g_ptr_array_index (texts, i);
        const char *b = g_ptr_array_index (texts, j);
        guint64 ka = lt_natural_sort_key (a);
        guint64 kb = lt_natural_sort_key (b);
        int cmp = sign (lt_natural_sort_compare (a, b));

        g_assert_cmpint (cmp, ==, -sign (lt_natural_sort_compare (b, a)));
        if (ka != kb)
          {
            if (cmp != (ka < kb ? -1 : 1))
              g_test_message ("keys of “%s” and “%s” disagree with the texts", a, b);
            g_assert_cmpint (cmp, ==, ka < kb ? -1 : 1);
          }
      }
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/store/natural-sort/case-and-accents", test_case_and_accents);
  g_test_add_func ("/lt/store/natural-sort/numbers", test_numbers);
  g_test_add_func ("/lt/store/natural-sort/beyond-ascii", test_beyond_ascii);
  g_test_add_func ("/lt/store/natural-sort/key", test_key);

  return g_test_run ();
}
