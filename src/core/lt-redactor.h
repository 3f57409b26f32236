/* lt-redactor.h: redacting text as it streams past
 *
 * The engine of the diagnostics bundle (docs/bundle.md, "Redaction"):
 * text goes in in chunks of any size, redacted text comes out a line at a
 * time. Secrets (every kind lt-sensitive.h knows) become a marker naming
 * the kind, "[redacted:password]"; identities (host names, addresses,
 * user names, the admin's keywords) become the replacement an
 * #LtRedactionMap gives them, the same in every file that shares the map.
 * Memory stays bounded whatever the input: a line longer than
 * %LT_REDACTOR_MAX_LINE is cut at a safe place, and a private key block
 * is dropped as it goes by. Pure: no I/O.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lt-redaction-map.h"

G_BEGIN_DECLS

/* The longest line kept whole; a longer one is redacted in pieces cut at
 * a separator (white space, ',', ';', '&') that does not follow an
 * assignment, so that no secret is split. This is also the bound of
 * lt_redactor_get_buffered_size(). */
#define LT_REDACTOR_MAX_LINE (64 * 1024)

/* How many findings lt_redactor_get_findings() keeps. */
#define LT_REDACTOR_MAX_FINDINGS 20

/**
 * LtRedactionFinding:
 * @kind: what was replaced
 * @line: 1-based line of the input where it was found
 * @excerpt: the redacted line around the replacement, a few characters
 *   each side: safe to show and to log
 */
typedef struct
{
  LtRedactionKind  kind;
  guint            line;
  char            *excerpt;
} LtRedactionFinding;

void lt_redaction_finding_free (LtRedactionFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtRedactionFinding, lt_redaction_finding_free)

#define LT_TYPE_REDACTOR (lt_redactor_get_type ())
G_DECLARE_FINAL_TYPE (LtRedactor, lt_redactor, LT, REDACTOR, GObject)

/* A redactor that records identities in @map (shared by every file of a
 * bundle and kept per profile). */
LtRedactor     *lt_redactor_new                (LtRedactionMap  *map);
LtRedactionMap *lt_redactor_get_map            (LtRedactor      *self);

/* The admin's words (compared without case, as whole words) and regular
 * expressions (PCRE, as GRegex reads them; the whole match is replaced):
 * both replaced by "keywordN". Added before the first lt_redactor_feed(). */
void            lt_redactor_add_keyword        (LtRedactor      *self,
                                                const char      *keyword);
gboolean        lt_redactor_add_pattern        (LtRedactor      *self,
                                                const char      *pattern,
                                                GError         **error);

/* Redacts @data (@length bytes, or -1 for a NUL-terminated string; any
 * bytes: invalid UTF-8 comes out as U+FFFD) and appends to @out every line
 * it completes, with its newline. */
void            lt_redactor_feed               (LtRedactor      *self,
                                                const char      *data,
                                                gssize           length,
                                                GString         *out);
/* The end of the input: appends the last line if it had no newline. The
 * counts and findings of that input stay readable until the next
 * lt_redactor_feed(), which starts a new input (line 1, no counts, no
 * findings) with the same map, keywords and patterns: one redactor serves
 * every file of a bundle. */
void            lt_redactor_finish             (LtRedactor      *self,
                                                GString         *out);

/* Bytes of input held back, waiting for the end of their line: never more
 * than %LT_REDACTOR_MAX_LINE. */
gsize           lt_redactor_get_buffered_size  (LtRedactor      *self);

/* Findings in the current input (since the last lt_redactor_finish()
 * started it): how many of @kind, and the first
 * %LT_REDACTOR_MAX_FINDINGS of all kinds, in order.
 * Returns: (element-type LtRedactionFinding) (transfer none) */
guint64         lt_redactor_get_count          (LtRedactor      *self,
                                                LtRedactionKind  kind);
GPtrArray      *lt_redactor_get_findings       (LtRedactor      *self);

G_END_DECLS
