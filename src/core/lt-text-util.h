/* lt-text-util.h: text from outside, made safe to show
 *
 * Titles, comments, authors, error bodies and file names come from the
 * portal, from files or from other people. Printed raw to a terminal, an
 * ESC or a C1 control in them can retitle the terminal, clear it or draw
 * fake lines. Every place that shows such text goes through this one
 * helper, so "what is shown literally" means the same everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LtTextFlags:
 * @LT_TEXT_SINGLE_LINE: the text is one field (a title, an author, a
 *   table cell): line breaks and tabs are escaped like any other control.
 * @LT_TEXT_MULTI_LINE: the text is a body (a description, a comment, a
 *   whole message): line feeds and tabs are kept, "\r\n" reads as "\n".
 */
typedef enum
{
  LT_TEXT_SINGLE_LINE,
  LT_TEXT_MULTI_LINE,
} LtTextFlags;

/* @text (NULL reads as "") as valid UTF-8 with every C0 control, DEL and
 * C1 control written as the visible escape "\u001b" (the same spelling
 * as a JSON escape, so JSON text stays JSON with the same value), except
 * what @flags keeps. Bytes that are not UTF-8 become U+FFFD. */
char     *lt_text_dup_displayable  (const char   *text,
                                    LtTextFlags   flags);

/* TRUE when lt_text_dup_displayable() would change @text. */
gboolean  lt_text_needs_escaping   (const char   *text,
                                    LtTextFlags   flags);

/* At most @max_chars characters of @text on one line, escaped as
 * lt_text_dup_displayable() does, with "…" when it was cut: what an error
 * message may quote of a file or an answer. */
char     *lt_text_dup_excerpt      (const char   *text,
                                    gsize         length,
                                    guint         max_chars);

/* Whether @text begins with @prefix. For scanners that ask it at most
 * characters of every line: fails at the first character that differs,
 * without measuring @prefix first (g_str_has_prefix() does). */
static inline gboolean
lt_text_has_prefix (const char *text,
                    const char *prefix)
{
  for (; *prefix != '\0'; prefix++, text++)
    if (*text != *prefix)
      return FALSE;
  return TRUE;
}

G_END_DECLS
