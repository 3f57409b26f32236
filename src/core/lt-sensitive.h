/* lt-sensitive.h: finding likely secrets in text before it leaves
 *
 * A ticket's title, description, comments and text attachments go to
 * LockThreat; a password or a token pasted with a log must not. This is
 * the rule that recognises the usual shapes (a password assignment, a
 * bearer or API token, AWS keys, a private key block, a JWT, a connection
 * string with credentials) so the UI can show them before anything is
 * queued. It is a heuristic that errs on the side of asking: the person
 * decides. A pure function over text: no I/O, no GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LtSensitiveKind:
 * @LT_SENSITIVE_KIND_PRIVATE_KEY: a PEM private key block
 * @LT_SENSITIVE_KIND_CONNECTION_STRING: a URL or ADO/ODBC connection
 *   string that carries a password
 * @LT_SENSITIVE_KIND_AWS_ACCESS_KEY: an AWS access key id (AKIA…, ASIA…)
 * @LT_SENSITIVE_KIND_AWS_SECRET_KEY: an AWS secret access key assignment
 * @LT_SENSITIVE_KIND_JWT: a JSON Web Token (eyJ….eyJ….…)
 * @LT_SENSITIVE_KIND_BEARER_TOKEN: an `Authorization: Bearer …` credential
 * @LT_SENSITIVE_KIND_API_TOKEN: a token of a known shape (GitHub, GitLab,
 *   Slack, Stripe, Google, npm) or an `api_key = …`-style assignment
 * @LT_SENSITIVE_KIND_PASSWORD: a `password = …`-style assignment
 *
 * In order of precedence: where two shapes cover the same characters, the
 * earlier kind is reported (a JWT used as a bearer token is a JWT).
 */
typedef enum
{
  LT_SENSITIVE_KIND_PRIVATE_KEY,
  LT_SENSITIVE_KIND_CONNECTION_STRING,
  LT_SENSITIVE_KIND_AWS_ACCESS_KEY,
  LT_SENSITIVE_KIND_AWS_SECRET_KEY,
  LT_SENSITIVE_KIND_JWT,
  LT_SENSITIVE_KIND_BEARER_TOKEN,
  LT_SENSITIVE_KIND_API_TOKEN,
  LT_SENSITIVE_KIND_PASSWORD,
} LtSensitiveKind;

#define LT_SENSITIVE_N_KINDS (LT_SENSITIVE_KIND_PASSWORD + 1)

/* What replaces a secret in an excerpt and in lt_sensitive_redact():
 * always the same, so that it says nothing about the secret's length. */
#define LT_SENSITIVE_MASK "••••••••"

/**
 * LtSensitiveFinding:
 * @kind: what it looks like
 * @line: 1-based line of the secret's first character
 * @column: 1-based column of it, in characters (not bytes)
 * @offset: byte offset of the secret in the scanned text
 * @length: byte length of the secret (the value only: for
 *   `password=hunter2` it is `hunter2`)
 * @excerpt: the line, shortened around the secret, with the secret
 *   replaced by %LT_SENSITIVE_MASK: safe to show and to log
 */
typedef struct
{
  LtSensitiveKind  kind;
  guint            line;
  guint            column;
  gsize            offset;
  gsize            length;
  char            *excerpt;
} LtSensitiveFinding;

void        lt_sensitive_finding_free (LtSensitiveFinding *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtSensitiveFinding, lt_sensitive_finding_free)

/* Every likely secret in @text (UTF-8; invalid UTF-8 is scanned up to the
 * first invalid byte), ordered by offset, no two overlapping.
 * Returns: (transfer full) (element-type LtSensitiveFinding): never NULL */
GPtrArray  *lt_sensitive_scan         (const char *text);

/* @text with every finding of @findings (from lt_sensitive_scan() of the
 * same text) replaced by %LT_SENSITIVE_MASK.
 * Returns: (transfer full) */
char       *lt_sensitive_redact       (const char *text,
                                       GPtrArray  *findings);

/* "Password", "Private key"…, translated. */
const char *lt_sensitive_kind_get_label (LtSensitiveKind kind);
/* "password", "private-key"…: stable, for markers and JSON. */
const char *lt_sensitive_kind_to_string (LtSensitiveKind kind);

/* For a reader that sees text a line at a time (lt-redactor.h): a
 * private key block that lt_sensitive_scan() found running to the end of
 * the text it was given goes on until the line this finds; *@after is the
 * offset just past that line's closing dashes. @text must be valid UTF-8. */
gboolean    lt_sensitive_find_private_key_end (const char *text,
                                               gsize       length,
                                               gsize      *after);

G_END_DECLS
