/* lt-natural-sort.c: text in the order a person expects of a list
 *
 * The ticket list's sort by id and by title (lt-ticket-list.c): a key of
 * the first bytes, compared first, and the whole comparison where two
 * keys are equal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-natural-sort.h"

#include <string.h>

/* g_ascii_tolower() is a call into GLib; a sort makes millions. */
static inline guchar
ascii_lower (guchar c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* The next character of *@text as a list sorts it: lower case, accents
 * dropped (é as e, the KELVIN SIGN as k), combining marks skipped; 0 at
 * the end. A byte that is not UTF-8 counts as itself. */
static gunichar
next_sort_char (const char **text)
{
  while (TRUE)
    {
      const guchar *p = (const guchar *) *text;
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gunichar c;

      if (*p < 0x80)
        {
          if (*p != '\0')
            (*text)++;
          return ascii_lower (*p);
        }

      c = g_utf8_get_char_validated (*text, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          (*text)++;
          return *p;
        }
      *text = g_utf8_next_char (*text);

      if (g_unichar_ismark (c))
        continue;
      if (g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed)) > 0)
        c = decomposed[0];
      return g_unichar_tolower (c);
    }
}

/* @text past any combining marks: they count for nothing, so a digit
 * after one ("e\u0301" "10") still starts a number, in the comparison as
 * in the key. */
static inline const char *
skip_marks (const char *text)
{
  while ((guchar) *text >= 0x80)
    {
      gunichar c = g_utf8_get_char_validated (text, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_ismark (c))
        break;
      text = g_utf8_next_char (text);
    }
  return text;
}

/* Compares the runs of digits at *@a and *@b by value, and moves past
 * them when they are equal. */
static int
compare_numbers (const char **a,
                 const char **b)
{
  const char *start_a = *a;
  const char *start_b = *b;
  const char *end_a, *end_b;
  int cmp;

  while (*start_a == '0')
    start_a++;
  while (*start_b == '0')
    start_b++;
  for (end_a = start_a; g_ascii_isdigit (*end_a); end_a++)
    ;
  for (end_b = start_b; g_ascii_isdigit (*end_b); end_b++)
    ;

  if (end_a - start_a != end_b - start_b)
    return end_a - start_a < end_b - start_b ? -1 : 1;
  cmp = memcmp (start_a, start_b, (gsize) (end_a - start_a));
  if (cmp != 0)
    return cmp < 0 ? -1 : 1;

  *a = end_a;
  *b = end_b;
  return 0;
}

/* Text as a person expects a list of it sorted: case and accents do not
 * count, and numbers compare by value (LT-99 before LT-100, "site 9"
 * before "site 10"). Not the locale's collation: a ticket list is sorted
 * about a million comparisons at a time, and this needs no allocation
 * and no collation key per row. Texts that differ only in case, accents
 * or leading zeros are equal here; the list's order breaks the tie. */
int
lt_natural_sort_compare (const char *a,
                         const char *b)
{
  while (TRUE)
    {
      gunichar ca, cb;

      /* Plain ASCII letters and punctuation, the usual case, without a
       * call per character. */
      while ((guchar) *a < 0x80 && (guchar) *b < 0x80 && *a != '\0' &&
             !g_ascii_isdigit (*a) && !g_ascii_isdigit (*b))
        {
          guchar la = ascii_lower ((guchar) *a);
          guchar lb = ascii_lower ((guchar) *b);

          if (la != lb)
            return la < lb ? -1 : 1;
          a++;
          b++;
        }

      a = skip_marks (a);
      b = skip_marks (b);
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          int cmp = compare_numbers (&a, &b);

          if (cmp != 0)
            return cmp;
          continue;
        }

      ca = next_sort_char (&a);
      cb = next_sort_char (&b);
      if (ca != cb)
        return ca < cb ? -1 : 1;
      if (ca == 0)
        return 0;
    }
}

/* The first bytes of @text in lt_natural_sort_compare()'s order, packed
 * so that two keys that differ compare as lt_natural_sort_compare()
 * compares the texts (equal keys say nothing): a character as its
 * lower-case ASCII byte; a run of digits as '0' (where every digit sorts
 * against other characters), its length without leading zeros and its
 * digits; anything beyond ASCII as 0xff, which ends the key. Sorting
 * 100,000 titles then compares numbers, and texts only where their first
 * bytes agree. */
guint64
lt_natural_sort_key (const char *text)
{
  guint8 bytes[8] = { 0 };
  guint n = 0;
  guint64 key = 0;

  while (n < G_N_ELEMENTS (bytes))
    {
      gunichar c;

      text = skip_marks (text);
      if (g_ascii_isdigit (*text))
        {
          const char *start = text;
          const char *end;
          gsize length;

          while (*start == '0')
            start++;
          for (end = start; g_ascii_isdigit (*end); end++)
            ;
          length = (gsize) (end - start);

          bytes[n++] = '0';
          if (n < G_N_ELEMENTS (bytes))
            bytes[n++] = (guint8) MIN (length, 0xff);
          if (length >= 0xff)
            break;
          for (const char *digit = start; digit < end && n < G_N_ELEMENTS (bytes); digit++)
            bytes[n++] = (guint8) *digit;
          text = end;
          continue;
        }

      c = next_sort_char (&text);
      if (c == 0)
        break;
      /* A digit that a character beyond ASCII decomposed to is not a run
       * of digits to lt_natural_sort_compare(). */
      if (c >= 0x80 || g_ascii_isdigit (c))
        {
          bytes[n++] = 0xff;
          break;
        }
      bytes[n++] = (guint8) c;
    }

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    key = key << 8 | bytes[i];
  return key;
}
