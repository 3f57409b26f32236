/* lt-text-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-text-util"

#include "config.h"

#include "lt-text-util.h"

#include <string.h>

static gboolean
is_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

static gboolean
keeps (gunichar    c,
       LtTextFlags flags)
{
  return flags == LT_TEXT_MULTI_LINE && (c == '\n' || c == '\t');
}

gboolean
lt_text_needs_escaping (const char  *text,
                        LtTextFlags  flags)
{
  if (text == NULL)
    return FALSE;
  if (!g_utf8_validate (text, -1, NULL))
    return TRUE;
  /* The common case, plain text, is one pass without allocating: a
   * ticket list of 100,000 rows goes through here. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_control (c) && !keeps (c, flags))
        return TRUE;
    }
  return FALSE;
}

char *
lt_text_dup_displayable (const char  *text,
                         LtTextFlags  flags)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (!lt_text_needs_escaping (text, flags))
    return g_strdup (text);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid) + 16);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* A body written on another system ends its lines with "\r\n";
       * escaping each "\r" would bury the text in noise. A lone "\r"
       * (which redraws the line) is escaped. */
      if (flags == LT_TEXT_MULTI_LINE && c == '\r' && p[1] == '\n')
        continue;
      if (is_control (c) && !keeps (c, flags))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
lt_text_dup_excerpt (const char *text,
                     gsize       length,
                     guint       max_chars)
{
  g_autofree char *valid = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *cut = NULL;

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  /* Only the start is looked at: an excerpt of a 4 GiB file costs no
   * more than one of a line. Each character escapes to at most 6 bytes
   * and takes at most 4, so 4 bytes per character is enough input. */
  length = MIN (length, (gsize) max_chars * 4 + 4);
  valid = g_utf8_make_valid (text != NULL ? text : "", length);
  escaped = lt_text_dup_displayable (valid, LT_TEXT_SINGLE_LINE);
  if ((guint) g_utf8_strlen (escaped, -1) <= max_chars)
    return g_steal_pointer (&escaped);
  cut = g_utf8_substring (escaped, 0, max_chars);
  return g_strconcat (cut, "…", NULL);
}
