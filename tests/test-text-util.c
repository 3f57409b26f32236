/* test-text-util.c: text from outside, shown literally
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-text-util"

#include "config.h"

#include <string.h>

#include "lt-test-util.h"
#include "lt-error.h"
#include "lt-text-util.h"
#include "lt-version.h"

static void
assert_displayable (const char  *text,
                    LtTextFlags  flags,
                    const char  *expected)
{
  g_autofree char *shown = lt_text_dup_displayable (text, flags);

  g_assert_cmpstr (shown, ==, expected);
  g_assert_true (g_utf8_validate (shown, -1, NULL));
  if (text != NULL)
    g_assert_cmpint (lt_text_needs_escaping (text, flags), ==, strcmp (text, expected) != 0);
}

static void
test_controls (void)
{
  assert_displayable ("plain “text” ✓", LT_TEXT_SINGLE_LINE, "plain “text” ✓");
  assert_displayable (NULL, LT_TEXT_SINGLE_LINE, "");
  /* OSC (retitle), CSI (clear), BEL, DEL, C1 CSI U+009B, NEL U+0085 */
  assert_displayable ("\033]0;x\007a\033[2J\177b\302\233" "31m\302\205",
                      LT_TEXT_SINGLE_LINE,
                      "\\u001b]0;x\\u0007a\\u001b[2J\\u007fb\\u009b31m\\u0085");
  /* One line: a break and a carriage return cannot draw a fake line. */
  assert_displayable ("a\nb\rc\td", LT_TEXT_SINGLE_LINE, "a\\u000ab\\u000dc\\u0009d");
  /* A body keeps its lines and tabs; CRLF reads as a line break; a lone
   * CR, which redraws the line, is escaped. */
  assert_displayable ("a\r\nb\tc\rd\n", LT_TEXT_MULTI_LINE, "a\nb\tc\\u000dd\n");
  /* Not UTF-8: U+FFFD, never a raw byte (0x9b alone is CSI on 8-bit
   * terminals). */
  assert_displayable ("a\233b", LT_TEXT_MULTI_LINE, "a\357\277\275b");
}

static void
test_excerpt (void)
{
  g_autofree char *shown = lt_text_dup_excerpt ("0123456789\033[2J", 14, 12);
  g_autofree char *binary = lt_text_dup_excerpt ("ab\0cd", 5, 10);

  g_assert_cmpstr (shown, ==, "0123456789\\u…");
  g_assert_cmpstr (binary, ==, "ab\357\277\275cd");
}

/* A version read from a file or a status page is quoted in the error with
 * its controls escaped. */
static void
test_version_error (void)
{
  g_autoptr(GError) error = NULL;
  LtVersion *version = lt_version_parse ("\033]0;pwned\0073.3", &error);

  g_assert_null (version);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_null (strchr (error->message, '\033'));
  g_assert_nonnull (strstr (error->message, "\\u001b]0;pwned\\u00073.3"));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/text-util/controls", test_controls);
  g_test_add_func ("/lt/text-util/excerpt", test_excerpt);
  g_test_add_func ("/lt/text-util/version-error", test_version_error);

  return g_test_run ();
}
