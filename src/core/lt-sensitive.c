/* lt-sensitive.c
 *
 * One regular expression per shape, each with a group "s" around the
 * secret itself (the value, not the name it is assigned to), tried in the
 * order of LtSensitiveKind: a later shape never claims characters an
 * earlier one found. Assignments (password, generic tokens) skip values
 * that are evidently placeholders ("<password>", "${TOKEN}", "****"),
 * and generic token shapes must look random (a digit, or three kinds of
 * characters), so that prose such as "the bearer authentication failed"
 * is not flagged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-sensitive"

#include "config.h"

#include "lt-sensitive.h"
#include "lt-text-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

typedef enum
{
  CHECK_NONE,         /* the shape is distinctive enough */
  CHECK_PLACEHOLDER,  /* an assignment: skip obvious placeholders */
  CHECK_RANDOM,       /* a generic token: must also look random */
} Check;

typedef struct
{
  LtSensitiveKind  kind;
  Check            check;
  const char      *pattern;
  /* The words without which the shape cannot match, any one of them
   * (Word bits): a scan of a text that has none of them skips its regular
   * expression (see find_words()). */
  guint            words;
} Shape;

/* The words find_words() looks for; "without case" ones in the text
 * lower-cased. */
enum
{
  WORD_BEGIN_KEY  = 1 << 0,   /* "-----BEGIN" */
  WORD_SCHEME     = 1 << 1,   /* "://" */
  WORD_PWD        = 1 << 2,   /* "pwd", without case */
  WORD_PASS       = 1 << 3,   /* "pass", without case (and so "password") */
  WORD_AWS_ID     = 1 << 4,   /* "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "ANPA", "ANVA", "AIPA" */
  WORD_SECRET     = 1 << 5,   /* "secret", without case */
  WORD_JWT        = 1 << 6,   /* "eyJ" */
  WORD_BEARER     = 1 << 7,   /* "bearer", without case */
  WORD_TOKEN_SHAPE = 1 << 8,  /* "gh[pousr]_", "github_pat_", "glpat-", "xox", "[sr]k_live_",
                               * "[sr]k_test_", "AIza", "npm_" */
  WORD_KEY        = 1 << 9,   /* "key", without case */
  WORD_TOKEN      = 1 << 10,  /* "token", without case */
  WORD_DASH_PASS  = 1 << 11,  /* "--pass", without case */
};

/* The line that closes a private key block: shared by the shape below
 * and lt_sensitive_find_private_key_end(), which a reader that sees the
 * block a line at a time needs. */
#define PRIVATE_KEY_END "-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"

/* In precedence order (the order of LtSensitiveKind). */
static const Shape shapes[] = {
  { LT_SENSITIVE_KIND_PRIVATE_KEY, CHECK_NONE,
    "(?<s>(?<head>-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)"
    "[\\s\\S]*?(?:" PRIVATE_KEY_END "|\\z))",
    WORD_BEGIN_KEY },
  { LT_SENSITIVE_KIND_CONNECTION_STRING, CHECK_PLACEHOLDER,
    "(?i)\\b[a-z][a-z0-9+.\\-]{1,20}://[^\\s:/@'\"]+:(?<s>[^\\s@/'\"]+)@[^\\s/'\"]+",
    WORD_SCHEME },
  { LT_SENSITIVE_KIND_CONNECTION_STRING, CHECK_PLACEHOLDER,
    "(?i)\\b(?:server|data source|host|hostname|address|addr)\\s*=[^;\\n]*;"
    "(?:[^;\\n]*;)*?\\s*(?:password|pwd)\\s*=\\s*(?<s>\"[^\"\\n]*\"|'[^'\\n]*'|[^;\\n]+)",
    WORD_PWD | WORD_PASS },
  { LT_SENSITIVE_KIND_AWS_ACCESS_KEY, CHECK_NONE,
    "\\b(?<s>(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16})\\b",
    WORD_AWS_ID },
  { LT_SENSITIVE_KIND_AWS_SECRET_KEY, CHECK_NONE,
    "(?i)aws_?secret(?:_?access)?_?key[\"']?\\s*[:=]\\s*[\"']?(?<s>[a-z0-9/+=]{40})(?![a-z0-9/+=])",
    WORD_SECRET },
  { LT_SENSITIVE_KIND_JWT, CHECK_NONE,
    "\\b(?<s>eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*)",
    WORD_JWT },
  { LT_SENSITIVE_KIND_BEARER_TOKEN, CHECK_RANDOM,
    "(?i)\\bbearer\\s+(?<s>[a-z0-9\\-._~+/]{12,}=*)",
    WORD_BEARER },
  { LT_SENSITIVE_KIND_API_TOKEN, CHECK_NONE,
    "\\b(?<s>gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,}|glpat-[A-Za-z0-9_-]{20,}"
    "|xox[abposr]-[A-Za-z0-9-]{10,}|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}"
    "|AIza[0-9A-Za-z_-]{35}|npm_[A-Za-z0-9]{36})",
    WORD_TOKEN_SHAPE },
  { LT_SENSITIVE_KIND_API_TOKEN, CHECK_RANDOM,
    "(?i)(?:\\b|_)(?:api[_-]?key|apikey|api[_-]?token|access[_-]?token|auth[_-]?token"
    "|refresh[_-]?token|client[_-]?secret|secret[_-]?key|private[_-]?token|x-api-key"
    "|token|secret)[\"']?\\s*(?:=>|[:=])\\s*(?<s>\"[^\"\\n]*\"|'[^'\\n]*'|[a-z0-9\\-._~+/=]{8,})",
    WORD_KEY | WORD_TOKEN | WORD_SECRET },
  { LT_SENSITIVE_KIND_PASSWORD, CHECK_PLACEHOLDER,
    "(?i)(?:password|passwd|passphrase|\\bpwd|\\bpass)\\b[\"'\\]]{0,2}\\s*(?:=>|[:=])\\s*"
    "(?<s>\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"',;]+)",
    WORD_PASS | WORD_PWD },
  { LT_SENSITIVE_KIND_PASSWORD, CHECK_PLACEHOLDER,
    "(?i)--(?:password|passwd|pass)\\s+(?<s>\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"']+)",
    WORD_DASH_PASS },
};

static GRegex *compiled[G_N_ELEMENTS (shapes)];
static GRegex *private_key_end;

/* Which of the shapes' words @text (ASCII, and @lower, the same
 * lower-cased) holds, in one pass over it. Exact for ASCII text only:
 * without case, a regular expression over UTF-8 also takes "ſ" for "s"
 * and the Kelvin sign for "k", so text with any other character runs
 * every shape. Most lines of a log hold no word of most shapes, and a
 * regular expression not run costs nothing. */
static guint
find_words (const char *text,
            const char *lower)
{
  guint found = 0;

  for (gsize i = 0; lower[i] != '\0'; i++)
    {
      const char *t = text + i;
      const char *l = lower + i;

      switch (*l)
        {
        case '-':
          if (lt_text_has_prefix (t, "-----BEGIN"))
            found |= WORD_BEGIN_KEY;
          if (lt_text_has_prefix (l, "--pass"))
            found |= WORD_DASH_PASS;
          break;
        case ':':
          if (lt_text_has_prefix (t, "://"))
            found |= WORD_SCHEME;
          break;
        case 'p':
          if (lt_text_has_prefix (l, "pwd"))
            found |= WORD_PWD;
          else if (lt_text_has_prefix (l, "pass"))
            found |= WORD_PASS;
          break;
        case 'a':
          if (*t == 'A' && (lt_text_has_prefix (t, "AKIA") || lt_text_has_prefix (t, "ASIA") || lt_text_has_prefix (t, "AGPA")
                            || lt_text_has_prefix (t, "AIDA") || lt_text_has_prefix (t, "AROA") || lt_text_has_prefix (t, "ANPA")
                            || lt_text_has_prefix (t, "ANVA") || lt_text_has_prefix (t, "AIPA")))
            found |= WORD_AWS_ID;
          if (lt_text_has_prefix (t, "AIza"))
            found |= WORD_TOKEN_SHAPE;
          break;
        case 's':
          if (lt_text_has_prefix (l, "secret"))
            found |= WORD_SECRET;
          break;
        case 'e':
          if (lt_text_has_prefix (t, "eyJ"))
            found |= WORD_JWT;
          break;
        case 'b':
          if (lt_text_has_prefix (l, "bearer"))
            found |= WORD_BEARER;
          break;
        case 'g':
          if ((t[0] == 'g' && t[1] == 'h' && t[2] != '\0' && strchr ("pousr", t[2]) != NULL && t[3] == '_')
              || lt_text_has_prefix (t, "github_pat_") || lt_text_has_prefix (t, "glpat-"))
            found |= WORD_TOKEN_SHAPE;
          break;
        case 'x':
          if (lt_text_has_prefix (t, "xox"))
            found |= WORD_TOKEN_SHAPE;
          break;
        case 'n':
          if (lt_text_has_prefix (t, "npm_"))
            found |= WORD_TOKEN_SHAPE;
          break;
        case 'k':
          if (lt_text_has_prefix (l, "key"))
            found |= WORD_KEY;
          if (lt_text_has_prefix (t, "k_live_") || lt_text_has_prefix (t, "k_test_"))
            found |= WORD_TOKEN_SHAPE;
          break;
        case 't':
          if (lt_text_has_prefix (l, "token"))
            found |= WORD_TOKEN;
          break;
        default:
          break;
        }
    }
  return found;
}

static void
compile_shapes (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(GError) error = NULL;

      compiled[i] = g_regex_new (shapes[i].pattern, G_REGEX_OPTIMIZE | G_REGEX_MULTILINE, 0, &error);
      /* The patterns are constants of this file: a failure is a bug that
       * every test run shows at once. */
      g_assert_no_error (error);
    }
  private_key_end = g_regex_new (PRIVATE_KEY_END, G_REGEX_OPTIMIZE, 0, NULL);
  g_assert_nonnull (private_key_end);

  g_once_init_leave (&initialized, 1);
}

void
lt_sensitive_finding_free (LtSensitiveFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->excerpt);
  g_free (finding);
}

/* Values that are evidently not a real secret: left empty, masked, a
 * template variable or a word standing for one. */
static gboolean
is_placeholder (const char *value,
                gsize       length)
{
  static const char * const words[] = {
    "password", "passwd", "secret", "token", "null", "none", "nil", "true",
    "false", "redacted", "hidden", "removed", "example", "yourpassword",
    "your_password", "your-password", "mypassword", NULL
  };
  g_autofree char *lower = NULL;
  gboolean masked = TRUE;

  if (length == 0)
    return TRUE;

  if (strchr ("<$%{[(", value[0]) != NULL)
    return TRUE;

  for (const char *p = value; p < value + length; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* "****", "xxxx", "••••", "…" */
      if (c >= 0x80 ? (c != 0x2022 && c != 0x2026 && c != 0x25CF)
                    : strchr ("*xX.-_#?", (int) c) == NULL)
        {
          masked = FALSE;
          break;
        }
    }
  if (masked)
    return TRUE;

  lower = g_ascii_strdown (value, (gssize) length);
  return g_strv_contains (words, lower);
}

/* A generic token must look like one: a digit, or three of lower case,
 * upper case and punctuation. Words of prose fail this. */
static gboolean
looks_random (const char *value,
              gsize       length)
{
  gboolean lower = FALSE, upper = FALSE, digit = FALSE, other = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = value[i];

      if (g_ascii_islower (c))
        lower = TRUE;
      else if (g_ascii_isupper (c))
        upper = TRUE;
      else if (g_ascii_isdigit (c))
        digit = TRUE;
      else
        other = TRUE;
    }

  return digit || (lower + upper + other) >= 3;
}

static gboolean
overlaps_claimed (GArray *claimed,
                  gsize   start,
                  gsize   end)
{
  /* Pairs of [start, end). */
  for (guint i = 0; i < claimed->len / 2; i++)
    {
      gsize a = g_array_index (claimed, gsize, 2 * i);
      gsize b = g_array_index (claimed, gsize, 2 * i + 1);

      if (start < b && a < end)
        return TRUE;
    }

  return FALSE;
}

/* The line of @offset, shortened around the secret, with the secret
 * masked. */
static char *
build_excerpt (const char *text,
               gsize       offset,
               gsize       length)
{
  const char *start = text + offset;
  const char *line_start = start;
  const char *line_end;
  const char *secret_end = start + length;
  g_autoptr(GString) before = NULL;
  g_autoptr(GString) after = NULL;
  g_autoptr(GString) excerpt = g_string_new (NULL);
  const guint context = 40;

  while (line_start > text && line_start[-1] != '\n')
    line_start--;
  line_end = strchr (start, '\n');
  if (line_end == NULL)
    line_end = start + strlen (start);
  if (secret_end > line_end)
    secret_end = line_end;

  before = g_string_new_len (line_start, start - line_start);
  after = g_string_new_len (secret_end, line_end - secret_end);

  /* Keep at most `context` characters each side. */
  if (g_utf8_strlen (before->str, -1) > context)
    {
      const char *cut = g_utf8_offset_to_pointer (before->str, g_utf8_strlen (before->str, -1) - context);

      g_string_erase (before, 0, cut - before->str);
      g_string_prepend (before, "…");
    }
  else
    {
      /* Indentation says nothing. */
      gsize lead = 0;

      while (lead < before->len && g_ascii_isspace (before->str[lead]))
        lead++;
      g_string_erase (before, 0, lead);
    }

  if (g_utf8_strlen (after->str, -1) > context)
    {
      const char *cut = g_utf8_offset_to_pointer (after->str, context);

      g_string_truncate (after, cut - after->str);
      g_string_append (after, "…");
    }
  else
    {
      while (after->len > 0 && g_ascii_isspace (after->str[after->len - 1]))
        g_string_truncate (after, after->len - 1);
    }

  g_string_append (excerpt, before->str);
  g_string_append (excerpt, LT_SENSITIVE_MASK);
  g_string_append (excerpt, after->str);

  return g_string_free (g_steal_pointer (&excerpt), FALSE);
}

static void
locate (const char *text,
        gsize       offset,
        guint      *line,
        guint      *column)
{
  const char *line_start = text;

  *line = 1;
  for (const char *p = text; p < text + offset; p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }

  *column = (guint) g_utf8_strlen (line_start, (text + offset) - line_start) + 1;
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const LtSensitiveFinding *fa = *(LtSensitiveFinding * const *) a;
  const LtSensitiveFinding *fb = *(LtSensitiveFinding * const *) b;

  return (fa->offset > fb->offset) - (fa->offset < fb->offset);
}

/**
 * lt_sensitive_scan:
 * @text: (nullable): the text a person is about to send
 *
 * Returns: (transfer full) (element-type LtSensitiveFinding): the likely
 *   secrets, ordered by offset
 */
GPtrArray *
lt_sensitive_scan (const char *text)
{
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_sensitive_finding_free);
  g_autoptr(GArray) claimed = NULL;
  g_autofree char *valid = NULL;
  g_autofree char *lower_copy = NULL;
  char lower_buf[1024];
  char *lower = NULL;
  const char *end = NULL;
  gboolean ascii = TRUE;
  gsize length = 0;
  guint words = 0;

  if (text == NULL || *text == '\0')
    return g_steal_pointer (&findings);

  compile_shapes ();

  /* GRegex needs valid UTF-8; what follows an invalid byte is binary
   * data, which is not what this rule is about. */
  if (!g_utf8_validate (text, -1, &end))
    text = valid = g_strndup (text, end - text);

  for (const char *p = text; *p != '\0'; p++, length++)
    if ((guchar) *p >= 0x80)
      {
        ascii = FALSE;
        break;
      }
  /* A line of a log is scanned on its own: no allocation for it. */
  if (ascii)
    {
      lower = length < sizeof lower_buf ? lower_buf : (lower_copy = g_malloc (length + 1));
      for (gsize i = 0; i <= length; i++)
        lower[i] = (char) (text[i] >= 'A' && text[i] <= 'Z' ? text[i] + ('a' - 'A') : text[i]);
    }

  if (ascii)
    words = find_words (text, lower);

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (ascii && (shapes[i].words & words) == 0)
        continue;
      if (claimed == NULL)
        claimed = g_array_new (FALSE, FALSE, sizeof (gsize));

      g_regex_match (compiled[i], text, 0, &match);
      while (g_match_info_matches (match))
        {
          int start = -1, stop = -1;

          if (g_match_info_fetch_named_pos (match, "s", &start, &stop) && start >= 0 && stop > start)
            {
              gsize s = (gsize) start, e = (gsize) stop;
              gboolean keep;

              /* A quoted value: the secret is what is inside the quotes. */
              if (e - s >= 2 && (text[s] == '"' || text[s] == '\'') && text[e - 1] == text[s])
                {
                  s++;
                  e--;
                }

              switch (shapes[i].check)
                {
                case CHECK_PLACEHOLDER:
                  keep = !is_placeholder (text + s, e - s);
                  break;
                case CHECK_RANDOM:
                  keep = !is_placeholder (text + s, e - s) && looks_random (text + s, e - s);
                  break;
                case CHECK_NONE:
                default:
                  keep = e > s;
                  break;
                }

              if (keep && !overlaps_claimed (claimed, s, e))
                {
                  LtSensitiveFinding *finding = g_new0 (LtSensitiveFinding, 1);

                  finding->kind = shapes[i].kind;
                  finding->offset = s;
                  finding->length = e - s;
                  locate (text, s, &finding->line, &finding->column);

                  if (finding->kind == LT_SENSITIVE_KIND_PRIVATE_KEY)
                    {
                      g_autofree char *head = g_match_info_fetch_named (match, "head");

                      finding->excerpt = g_strdup_printf ("%s %s", head, LT_SENSITIVE_MASK);
                    }
                  else
                    finding->excerpt = build_excerpt (text, s, e - s);

                  g_array_append_val (claimed, s);
                  g_array_append_val (claimed, e);
                  g_ptr_array_add (findings, finding);
                }
            }

          g_match_info_next (match, NULL);
        }
    }

  g_ptr_array_sort (findings, compare_findings);

  return g_steal_pointer (&findings);
}

/**
 * lt_sensitive_redact:
 * @text: the scanned text
 * @findings: (element-type LtSensitiveFinding): lt_sensitive_scan() of @text
 *
 * Returns: (transfer full): @text with the secrets masked
 */
char *
lt_sensitive_redact (const char *text,
                     GPtrArray  *findings)
{
  g_autoptr(GString) out = NULL;
  gsize at = 0;
  gsize text_length;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (findings != NULL, NULL);

  text_length = strlen (text);
  out = g_string_sized_new (text_length);

  /* Findings are ordered and disjoint (lt_sensitive_scan()). */
  for (guint i = 0; i < findings->len; i++)
    {
      const LtSensitiveFinding *finding = g_ptr_array_index (findings, i);

      if (finding->offset < at || finding->offset + finding->length > text_length)
        continue;
      g_string_append_len (out, text + at, finding->offset - at);
      g_string_append (out, LT_SENSITIVE_MASK);
      at = finding->offset + finding->length;
    }
  g_string_append (out, text + at);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

const char *
lt_sensitive_kind_get_label (LtSensitiveKind kind)
{
  switch (kind)
    {
    case LT_SENSITIVE_KIND_PRIVATE_KEY:
      return _("Private key");
    case LT_SENSITIVE_KIND_CONNECTION_STRING:
      return _("Connection string with a password");
    case LT_SENSITIVE_KIND_AWS_ACCESS_KEY:
      return _("AWS access key");
    case LT_SENSITIVE_KIND_AWS_SECRET_KEY:
      return _("AWS secret key");
    case LT_SENSITIVE_KIND_JWT:
      return _("JSON Web Token");
    case LT_SENSITIVE_KIND_BEARER_TOKEN:
      return _("Bearer token");
    case LT_SENSITIVE_KIND_API_TOKEN:
      return _("API token");
    case LT_SENSITIVE_KIND_PASSWORD:
      return _("Password");
    default:
      return _("Secret");
    }
}

/**
 * lt_sensitive_kind_to_string:
 * @kind: a kind
 *
 * Returns: a stable name of @kind, not translated ("private-key",
 *   "password"…), for markers in redacted text and for JSON
 */
const char *
lt_sensitive_kind_to_string (LtSensitiveKind kind)
{
  static const char * const names[] = {
    [LT_SENSITIVE_KIND_PRIVATE_KEY] = "private-key",
    [LT_SENSITIVE_KIND_CONNECTION_STRING] = "connection-string",
    [LT_SENSITIVE_KIND_AWS_ACCESS_KEY] = "aws-access-key",
    [LT_SENSITIVE_KIND_AWS_SECRET_KEY] = "aws-secret-key",
    [LT_SENSITIVE_KIND_JWT] = "jwt",
    [LT_SENSITIVE_KIND_BEARER_TOKEN] = "bearer-token",
    [LT_SENSITIVE_KIND_API_TOKEN] = "api-token",
    [LT_SENSITIVE_KIND_PASSWORD] = "password",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == LT_SENSITIVE_N_KINDS);
  g_return_val_if_fail ((guint) kind < LT_SENSITIVE_N_KINDS, "secret");

  return names[kind];
}

/**
 * lt_sensitive_find_private_key_end:
 * @text: (array length=length): UTF-8 text, not necessarily NUL-terminated
 * @length: its length in bytes
 * @after: (out): the byte offset just after the closing line's dashes
 *
 * Returns: whether @text holds the line that closes a private key block
 */
gboolean
lt_sensitive_find_private_key_end (const char *text,
                                   gsize       length,
                                   gsize      *after)
{
  g_autoptr(GMatchInfo) match = NULL;
  int start = -1, stop = -1;

  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (after != NULL, FALSE);

  compile_shapes ();

  if (!g_regex_match_full (private_key_end, text, (gssize) length, 0, 0, &match, NULL)
      || !g_match_info_fetch_pos (match, 0, &start, &stop))
    return FALSE;

  *after = (gsize) stop;
  return TRUE;
}
