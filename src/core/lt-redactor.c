/* lt-redactor.c
 *
 * A line at a time: the line is made valid UTF-8 (GRegex and the scanner
 * need it, and text after a bad byte must be scanned, not passed through),
 * then every rule claims spans of it in precedence order (secrets first,
 * then the admin's words, then the shapes of identities from the most to
 * the least distinctive, then words the map already knows); a later rule
 * never takes characters an earlier one claimed. The spans are replaced
 * and the line written out. Only a private key block and an overlong
 * token carry state from one line to the next. The rules and what they
 * leave alone are in docs/bundle.md, "Redaction".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-redactor"

#include "config.h"

#include "lt-redactor.h"

#include "lt-error.h"
#include "lt-line-filter.h"
#include "lt-sensitive.h"
#include "lt-text-util.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#define MARKER_FORMAT "[redacted:%s]"
/* What is kept of an overlong line inside a private key block: enough for
 * the closing line to straddle two pieces. */
#define KEY_TAIL 128
/* Characters of context each side of a finding's excerpt. */
#define EXCERPT_CONTEXT 24

typedef enum
{
  RULE_EMAIL,
  RULE_MAC,
  RULE_IPV6,
  RULE_IPV4,
  RULE_USER_URL,
  RULE_USER,
  RULE_HOST,
  RULE_SYSLOG_HOST,
  RULE_FQDN,
  RULE_WORD,
  N_RULES
} Rule;

/* Each with a group "v" where the identity is only part of the match. */
static const char * const rule_patterns[N_RULES] = {
  [RULE_EMAIL] =
    "(?<![\\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\\.[A-Za-z]{2,}(?![\\w-]|\\.\\w)",
  [RULE_MAC] =
    "(?<![\\w:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\\1[0-9A-Fa-f]{2}){4}(?![\\w:-])",
  [RULE_IPV6] =
    "(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|\\d{1,3}(?:\\.\\d{1,3}){3})?"
    "(?![\\w:.])",
  [RULE_IPV4] =
    "(?<![\\w.])\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}(?!\\w|\\.\\d)",
  [RULE_USER_URL] =
    "(?i)\\b[a-z][a-z0-9+.-]*://(?<v>[a-z_][a-z0-9._-]*)(?=(?::[^@\\s/]*)?@)",
  [RULE_USER] =
    "(?i)(?:\\b(?:user(?:name| ?id)?|login|uid|account|owner)\\s*[=:]\\s*[\"']?"
    "|\\b(?:accepted|failed) \\S+ for (?:invalid user )?"
    /* …but not "failed logins for user=NAME": the field names the user. */
    "(?!(?:user(?:name| ?id)?|login|uid|account|owner)\\s*[=:])"
    "|\\binvalid user |/home/|/Users/"
    "|\\b(?:for|of) user |\\buser (?=[\\w.-]+ not found\\b))"
    "(?<v>[a-z_][a-z0-9._-]*[a-z0-9_]|[a-z_])(?![\\w@])",
  [RULE_HOST] =
    "(?i)\\b(?:host(?:name)?|fqdn)\\s*[=:]\\s*[\"']?"
    "(?<v>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)(?![\\w-])",
  [RULE_SYSLOG_HOST] =
    "^(?:[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d"
    "|\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:?\\d\\d)?) "
    "(?<v>[A-Za-z0-9][A-Za-z0-9.-]*) [A-Za-z][^\\s:\\[]*(?:\\[\\d+\\])?:",
  [RULE_FQDN] =
    "(?<![\\w.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+(?<tld>[A-Za-z]{2,24})"
    "(?![\\w-]|\\.\\w)",
  [RULE_WORD] =
    "(?<![\\w.-])[A-Za-z0-9_](?:[A-Za-z0-9._-]*[A-Za-z0-9_])?(?![\\w-]|\\.\\w)",
};

/* The identity each rule finds. */
static const LtRedactionKind rule_kinds[N_RULES] = {
  [RULE_EMAIL] = LT_REDACTION_KIND_EMAIL,
  [RULE_MAC] = LT_REDACTION_KIND_MAC,
  [RULE_IPV6] = LT_REDACTION_KIND_IPV6,
  [RULE_IPV4] = LT_REDACTION_KIND_IPV4,
  [RULE_USER_URL] = LT_REDACTION_KIND_USER,
  [RULE_USER] = LT_REDACTION_KIND_USER,
  [RULE_HOST] = LT_REDACTION_KIND_HOSTNAME,
  [RULE_SYSLOG_HOST] = LT_REDACTION_KIND_HOSTNAME,
  [RULE_FQDN] = LT_REDACTION_KIND_HOSTNAME,
  [RULE_WORD] = LT_REDACTION_KIND_KEYWORD,
};

static GRegex *rule_regexes[N_RULES];

/* Top-level domains that make a dotted word a host name. Those that are
 * also file extensions (.sh, .py, .pl, .md, .rs, .so, .in…) are left out:
 * "backup.sh" is a file. */
static const char * const top_level_domains[] = {
  "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "co",
  "eu", "us", "uk", "de", "fr", "nl", "be", "ch", "at", "it", "es", "se", "no",
  "dk", "fi", "ie", "cz", "pt", "gr", "hu", "ro", "jp", "cn", "kr", "ru", "br",
  "mx", "ar", "au", "ca", "nz", "za", "local", "localdomain", "lan", "internal",
  "intranet", "intra", "corp", "home", "arpa", "cloud", "online", "site",
  "tech", "xyz",
  /* Reserved for tests and examples (RFC 2606, RFC 6761): test networks
   * and lab installations name their hosts under them. */
  "test", "example", NULL
};

/* Accounts every system has: they say nothing about the customer. And
 * the names of the fields the rules read ("login: password=…"), which,
 * learnt as a user, would be replaced everywhere. */
static const char * const common_users[] = {
  "root", "nobody", "daemon", "admin", "administrator", "guest", "anonymous",
  "unknown", "none", "null", "true", "false", "www-data", "system",
  "user", "username", "login", "password", "passwd", "pass", "pwd", "host",
  "hostname", "token", "secret", "key",
  /* PAM's management groups: "pam_unix(login:session)". */
  "auth", "session", NULL
};

/* And the levels a log line puts where syslog puts the host
 * ("2026-12-06T09:49:21Z ERROR correlation[2210]: …"). */
static const char * const common_hosts[] = {
  "localhost", "localhost.localdomain", "localdomain", "none", "null",
  "unknown", "true", "false", "user", "username", "login", "password",
  "passwd", "pass", "pwd", "host", "hostname", "token", "secret", "key",
  "trace", "debug", "info", "notice", "warn", "warning", "err", "error",
  "crit", "critical", "alert", "emerg", "fatal", "panic", "severe", NULL
};

/* Words (or word endings) after which a cut would split an assignment or
 * a "Bearer …" from its value: an overlong line is not cut there. */
static const char * const binding_words[] = {
  "bearer", "password", "passwd", "pass", "pwd", "passphrase", "user",
  "login", "for", "host", "hostname", "token", "secret", "key", NULL
};

typedef struct
{
  gsize            start;
  gsize            end;
  LtRedactionKind  kind;
  char            *replacement;
  gboolean         counted;
} Span;

struct _LtRedactor
{
  GObject          parent_instance;

  /* Owned */
  LtRedactionMap  *map;
  GPtrArray       *keywords;
  GRegex          *keyword_regex;
  GPtrArray       *patterns;
  GString         *buffer;
  GPtrArray       *findings;
  guint64          counts[LT_REDACTION_N_KINDS];

  /* Scratch space of redact_line(), kept from line to line so that a
   * line costs no allocation of its own. */
  GString         *valid;             /* the line as valid UTF-8 */
  GString         *lower;             /* the same, ASCII lower-cased */
  GString         *redacted;
  GString         *discard;           /* learn_line()'s output */
  GArray          *spans;             /* (element-type Span) */
  GArray          *placed;            /* (element-type gsize) */

  guint            line;
  gboolean         in_key;            /* inside a private key block */
  gboolean         in_overlong_token; /* the rest of an unscannable run */
  gboolean         finished;          /* the next feed starts an input */
  gboolean         learning;          /* learn_line: the map only */
};

static void lt_redactor_line_filter_init (LtLineFilterInterface *iface);
static void span_clear (Span *span);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtRedactor, lt_redactor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LT_TYPE_LINE_FILTER, lt_redactor_line_filter_init))

void
lt_redaction_finding_free (LtRedactionFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->excerpt);
  g_free (finding);
}

static void
compile_rules (void)
{
  static gsize initialized = 0;

  if (!g_once_init_enter (&initialized))
    return;

  for (guint i = 0; i < N_RULES; i++)
    {
      g_autoptr(GError) error = NULL;

      rule_regexes[i] = g_regex_new (rule_patterns[i], G_REGEX_OPTIMIZE, 0, &error);
      /* Constants of this file: every test run shows a bad one. */
      g_assert_no_error (error);
    }

  g_once_init_leave (&initialized, 1);
}

static void
lt_redactor_finalize (GObject *object)
{
  LtRedactor *self = LT_REDACTOR (object);

  g_clear_object (&self->map);
  g_clear_pointer (&self->keywords, g_ptr_array_unref);
  g_clear_pointer (&self->keyword_regex, g_regex_unref);
  g_clear_pointer (&self->patterns, g_ptr_array_unref);
  g_string_free (self->buffer, TRUE);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_string_free (self->valid, TRUE);
  g_string_free (self->lower, TRUE);
  g_string_free (self->redacted, TRUE);
  g_string_free (self->discard, TRUE);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->placed, g_array_unref);

  G_OBJECT_CLASS (lt_redactor_parent_class)->finalize (object);
}

static void
lt_redactor_class_init (LtRedactorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lt_redactor_finalize;
}

static void
lt_redactor_init (LtRedactor *self)
{
  self->keywords = g_ptr_array_new_with_free_func (g_free);
  self->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);
  self->buffer = g_string_new (NULL);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_redaction_finding_free);
  self->valid = g_string_new (NULL);
  self->lower = g_string_new (NULL);
  self->redacted = g_string_new (NULL);
  self->discard = g_string_new (NULL);
  self->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_set_clear_func (self->spans, (GDestroyNotify) span_clear);
  self->placed = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->line = 1;
}

/**
 * lt_redactor_new:
 * @map: the identities already given a replacement; the redactor adds to it
 *
 * Returns: (transfer full): a redactor at the start of an input
 */
LtRedactor *
lt_redactor_new (LtRedactionMap *map)
{
  LtRedactor *self;

  g_return_val_if_fail (LT_IS_REDACTION_MAP (map), NULL);

  compile_rules ();

  self = g_object_new (LT_TYPE_REDACTOR, NULL);
  self->map = g_object_ref (map);
  return self;
}

/**
 * lt_redactor_get_map:
 * @self: a redactor
 *
 * Returns: (transfer none): its map
 */
LtRedactionMap *
lt_redactor_get_map (LtRedactor *self)
{
  g_return_val_if_fail (LT_IS_REDACTOR (self), NULL);

  return self->map;
}

void
lt_redactor_add_keyword (LtRedactor *self,
                         const char *keyword)
{
  g_autoptr(GString) pattern = g_string_new ("(?<!\\w)(?:");
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LT_IS_REDACTOR (self));
  g_return_if_fail (keyword != NULL);

  if (*keyword == '\0' || !g_utf8_validate (keyword, -1, NULL))
    return;

  g_ptr_array_add (self->keywords, g_strdup (keyword));

  /* One regular expression for all the words: a line is read once. */
  for (guint i = 0; i < self->keywords->len; i++)
    {
      g_autofree char *escaped = g_regex_escape_string (g_ptr_array_index (self->keywords, i), -1);

      if (i > 0)
        g_string_append_c (pattern, '|');
      g_string_append (pattern, escaped);
    }
  g_string_append (pattern, ")(?!\\w)");

  g_clear_pointer (&self->keyword_regex, g_regex_unref);
  self->keyword_regex = g_regex_new (pattern->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
  /* Every word is escaped: the expression is always valid. */
  g_assert_no_error (error);
}

/**
 * lt_redactor_add_pattern:
 * @self: a redactor
 * @pattern: a regular expression of the admin's
 * @error: %LT_ERROR_INVALID_INPUT when it does not compile
 *
 * Returns: whether it was added
 */
gboolean
lt_redactor_add_pattern (LtRedactor  *self,
                         const char  *pattern,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GRegex *regex;

  g_return_val_if_fail (LT_IS_REDACTOR (self), FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  regex = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, &local_error);
  if (regex == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("The regular expression “%s” is not valid: %s"), pattern, local_error->message);
      return FALSE;
    }

  g_ptr_array_add (self->patterns, regex);
  return TRUE;
}

static void
span_clear (Span *span)
{
  g_free (span->replacement);
}

/* Adds [start, end) unless it overlaps a span already claimed; @spans is
 * kept sorted by start, so that a line full of addresses stays linear. */
static gboolean
claim (GArray          *spans,
       gsize            start,
       gsize            end,
       LtRedactionKind  kind,
       char            *replacement,
       gboolean         counted)
{
  guint low = 0, high = spans->len;
  Span span = { start, end, kind, replacement, counted };

  while (low < high)
    {
      guint mid = (low + high) / 2;

      if (g_array_index (spans, Span, mid).start < start)
        low = mid + 1;
      else
        high = mid;
    }

  if ((low > 0 && g_array_index (spans, Span, low - 1).end > start)
      || (low < spans->len && g_array_index (spans, Span, low).start < end)
      || end <= start)
    {
      g_free (replacement);
      return FALSE;
    }

  g_array_insert_val (spans, low, span);
  return TRUE;
}

static gboolean
is_claimed (GArray *spans,
            gsize   start,
            gsize   end)
{
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (span->start >= end)
        break;
      if (start < span->end)
        return TRUE;
    }

  return FALSE;
}

static gboolean
contains_letter (const char *text,
                 gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (g_ascii_isalpha (text[i]))
      return TRUE;

  return FALSE;
}

/* The word that ends just before @at (skipping blanks and "=:"),
 * lower-cased, at most 16 characters. */
static char *
word_before (const char *line,
             gsize       at)
{
  gsize end = at, start;

  while (end > 0 && strchr (" \t=:\"'", line[end - 1]) != NULL && at - end < 4)
    end--;
  start = end;
  while (start > 0 && end - start < 16 && g_ascii_isalnum (line[start - 1]))
    start--;

  return g_ascii_strdown (line + start, (gssize) (end - start));
}

/* A dotted quad that is a version number, not an address: "v" or
 * "version"/"release"/"build" before it, a package name joined to it
 * ("lockthreat-3.4.1.2"), a pre-release or build suffix after it; or,
 * with none of the words that introduce an address before it and no port
 * or prefix length after it, the shape of a version: a first number below
 * 10 and the others below 100 ("3.4.1.2", where 3.120.7.41 is an address). */
static gboolean
is_version (const char *line,
            gsize       start,
            gsize       end)
{
  static const char * const version_words[] = {
    "version", "ver", "release", "build", "rev", "revision", "firmware",
    "kernel", "v", NULL
  };
  static const char * const address_words[] = {
    "ip", "ipv4", "addr", "address", "src", "dst", "source",
    "destination", "client", "peer", "remote", "rhost", "host", "server",
    "inet", "via", "gateway", "gw", "nameserver", "dns", "listen", "bind",
    "connect", "connecting", "connected", NULL
  };
  g_autofree char *before = word_before (line, start);
  char next = line[end];
  guint octets[4] = { 0 };
  const char *p = line + start;

  if (g_strv_contains (version_words, before))
    return TRUE;
  if (start >= 2 && (line[start - 1] == '-' || line[start - 1] == '_') && g_ascii_isalnum (line[start - 2]))
    return TRUE;
  if (next == '~' || next == '+' || (next == '-' && g_ascii_isalpha (line[end + 1])))
    return TRUE;

  if (g_strv_contains (address_words, before) || (start > 0 && strchr ("[@", line[start - 1]) != NULL))
    return FALSE;
  if ((next == ':' || next == '/') && g_ascii_isdigit (line[end + 1]))
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      octets[i] = (guint) g_ascii_strtoull (p, (char **) &p, 10);
      p++;
    }

  return octets[0] < 10 && octets[1] < 100 && octets[2] < 100 && octets[3] < 100;
}

/* Addresses that name no one: unspecified, loopback, multicast,
 * netmasks, the reserved 240/4 where our replacements live. */
static gboolean
is_common_ipv4 (const char *text)
{
  guint first = (guint) g_ascii_strtoull (text, NULL, 10);

  return first == 0 || first == 127 || first >= 224;
}

static gboolean
is_common_ipv6 (GInetAddress *address)
{
  const guint8 *bytes = g_inet_address_to_bytes (address);

  /* fd00::/48 is where our replacements live (lt-redaction-map.c). */
  if (bytes[0] == 0xfd && bytes[1] == 0 && bytes[2] == 0 && bytes[3] == 0 && bytes[4] == 0 && bytes[5] == 0)
    return TRUE;

  return g_inet_address_get_is_any (address) || g_inet_address_get_is_loopback (address)
         || g_inet_address_get_is_multicast (address);
}

static gboolean
is_common_mac (const char *text)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);

  g_strdelimit (lower, "-", ':');
  return g_str_equal (lower, "00:00:00:00:00:00") || g_str_equal (lower, "ff:ff:ff:ff:ff:ff")
         || g_str_has_prefix (lower, "02:00:00:");
}

static gboolean
has_known_tld (const char *tld)
{
  g_autofree char *lower = g_ascii_strdown (tld, -1);

  return g_strv_contains (top_level_domains, lower);
}

static char *
marker_for (LtRedactionKind kind)
{
  return g_strdup_printf (MARKER_FORMAT, lt_redaction_kind_to_string (kind));
}

/* One line as the rules see it: valid UTF-8, and, when it is all ASCII,
 * lower-cased too, for the words a rule cannot match without. */
typedef struct
{
  const char *text;
  gsize       length;
  const char *lower;    /* NULL when the line has other characters */
  gsize       from;     /* where the words were looked for */
  guint       words;    /* Word bits found from there, for an ASCII line */
} Line;

/* Words an expression that reads them without case cannot match without. */
enum
{
  WORD_USER     = 1 << 0,
  WORD_LOGIN    = 1 << 1,
  WORD_UID      = 1 << 2,
  WORD_ACCOUNT  = 1 << 3,
  WORD_OWNER    = 1 << 4,
  WORD_ACCEPTED = 1 << 5,
  WORD_FAILED   = 1 << 6,
  WORD_HOME     = 1 << 7,   /* "/home/" */
  WORD_HOST     = 1 << 8,
  WORD_FQDN     = 1 << 9,
};

/* The Word bits of @lower (a lower-cased ASCII line), in one pass. */
static guint
find_words (const char *lower)
{
  guint found = 0;

  for (const char *l = lower; *l != '\0'; l++)
    switch (*l)
      {
      case 'u':
        if (lt_text_has_prefix (l, "user"))
          found |= WORD_USER;
        else if (lt_text_has_prefix (l, "uid"))
          found |= WORD_UID;
        break;
      case 'l':
        if (lt_text_has_prefix (l, "login"))
          found |= WORD_LOGIN;
        break;
      case 'a':
        if (lt_text_has_prefix (l, "account"))
          found |= WORD_ACCOUNT;
        else if (lt_text_has_prefix (l, "accepted"))
          found |= WORD_ACCEPTED;
        break;
      case 'o':
        if (lt_text_has_prefix (l, "owner"))
          found |= WORD_OWNER;
        break;
      case 'f':
        if (lt_text_has_prefix (l, "failed"))
          found |= WORD_FAILED;
        else if (lt_text_has_prefix (l, "fqdn"))
          found |= WORD_FQDN;
        break;
      case '/':
        if (lt_text_has_prefix (l, "/home/"))
          found |= WORD_HOME;
        break;
      case 'h':
        if (lt_text_has_prefix (l, "host"))
          found |= WORD_HOST;
        break;
      default:
        break;
      }
  return found;
}

/* Whether the line holds one of @words from @from, compared without
 * case. Only known for an ASCII line: with case folded as a regular
 * expression over UTF-8 folds it, "ſ" is an "s" and the Kelvin sign a
 * "k", so any other line may match. */
static gboolean
has_words (Line  *line,
           gsize  from,
           guint  words)
{
  if (line->lower == NULL)
    return TRUE;
  if (line->from != from)
    {
      line->from = from;
      line->words = find_words (line->lower + from);
    }
  return (line->words & words) != 0;
}

static gboolean
is_hex (char c)
{
  return g_ascii_isxdigit (c);
}

/* Whether @text has six hex pairs joined by one of ':' and '-': what
 * RULE_MAC needs before its boundaries are looked at. Times ("09:40:21")
 * and dates have fewer. */
static gboolean
has_mac_shape (const char *text)
{
  for (const char *p = text; (p = strpbrk (p, ":-")) != NULL; p++)
    {
      char sep = *p;
      const char *start = p - 2;
      guint pairs = 1;

      if (p - text < 2 || !is_hex (start[0]) || !is_hex (start[1]))
        continue;
      for (const char *q = p; *q == sep && is_hex (q[1]) && is_hex (q[2]); q += 3)
        if (++pairs == 6)
          return TRUE;
    }
  return FALSE;
}

/* Whether the character before @at in @text may precede a match whose
 * expression starts with "(?<![\\w@CHARS])": not an ASCII letter, digit,
 * "_" or one of @chars. Any other character may (the expression's
 * "\\w" takes letters of every script; the expression decides). */
static gboolean
may_start_after (const char *text,
                 const char *at,
                 const char *chars)
{
  char c;

  if (at == text)
    return TRUE;
  c = at[-1];
  return !(g_ascii_isalnum (c) || c == '_' || strchr (chars, c) != NULL);
}

/* Whether @text has "H:H:" (H: zero to four hex digits) where an IPv6
 * address may start, which RULE_IPV6 needs: the colons of a time
 * ("T09:40:21") follow a letter or a digit. */
static gboolean
has_ipv6_shape (const char *text)
{
  for (const char *p = text; (p = strchr (p, ':')) != NULL; p++)
    {
      const char *start = p;
      const char *q = p + 1;
      guint n = 0;

      while (start > text && g_ascii_isxdigit (start[-1]) && p - start < 5)
        start--;
      if (p - start > 4 || !may_start_after (text, start, ":."))
        continue;
      while (g_ascii_isxdigit (*q) && n < 4)
        q++, n++;
      if (*q == ':')
        return TRUE;
    }
  return FALSE;
}

/* Whether @text (ASCII) has four groups of one to three digits joined
 * by dots where an address may start, which RULE_IPV4 needs. */
static gboolean
has_ipv4_shape (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      const char *q = p;
      guint groups = 0;

      if (!g_ascii_isdigit (*p) || !may_start_after (text, p, "."))
        continue;
      for (;;)
        {
          guint n = 0;

          while (g_ascii_isdigit (*q) && n < 4)
            q++, n++;
          if (n == 0 || n > 3)
            break;
          if (++groups == 4)
            return TRUE;
          if (*q != '.')
            break;
          q++;
        }
    }
  return FALSE;
}

/* Whether @text starts with a syslog or RFC 3339 stamp's first
 * characters ("Dec ", "2026-"), which RULE_SYSLOG_HOST needs. */
static gboolean
has_stamp_start (const char *text)
{
  /* "\\d" takes the digits of every script. */
  for (guint i = 0; i < 5 && text[i] != '\0'; i++)
    if ((guchar) text[i] >= 0x80)
      return TRUE;
  if (g_ascii_isupper (text[0]))
    return g_ascii_islower (text[1]) && g_ascii_islower (text[2]) && text[3] == ' ';
  return g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2])
         && g_ascii_isdigit (text[3]) && text[4] == '-';
}

/* Whether @text has a dot followed by two letters: a top-level domain. */
static gboolean
has_dotted_letters (const char *text)
{
  for (const char *p = text; (p = strchr (p, '.')) != NULL; p++)
    if (g_ascii_isalpha (p[1]) && g_ascii_isalpha (p[2]))
      return TRUE;
  return FALSE;
}

/* Whether @rule can match at all in @line from @from: each test is a
 * part of the rule's expression that a match cannot do without (a word,
 * a character, a shape), so that most lines of a log, which have no "@",
 * no "user" and no MAC address, skip most expressions; a regular
 * expression not run costs nothing. */
static gboolean
rule_may_match (LtRedactor *self,
                Rule        rule,
                Line       *line,
                gsize       from)
{
  const char *text = line->text + from;

  switch (rule)
    {
    case RULE_EMAIL:
      return strchr (text, '@') != NULL;
    case RULE_USER_URL:
      return strchr (text, '@') != NULL && strstr (text, "://") != NULL;
    case RULE_MAC:
      return has_mac_shape (text);
    case RULE_IPV6:
      return has_ipv6_shape (text);
    case RULE_IPV4:
      /* "\\d" takes the digits of every script. */
      return line->lower == NULL || has_ipv4_shape (text);
    case RULE_FQDN:
      return has_dotted_letters (text);
    case RULE_HOST:
      return strpbrk (text, "=:") != NULL && has_words (line, from, WORD_HOST | WORD_FQDN);
    case RULE_SYSLOG_HOST:
      return has_stamp_start (text);
    case RULE_WORD:
      return lt_redaction_map_get_size (self->map) > 0;
    case RULE_USER:
      return has_words (line, from, WORD_USER | WORD_LOGIN | WORD_UID | WORD_ACCOUNT | WORD_OWNER
                                    | WORD_ACCEPTED | WORD_FAILED | WORD_HOME);
    case N_RULES:
    default:
      return TRUE;
    }
}

/* Whether the character at @p is one that "\\w" matches in the rules'
 * expressions (GRegex reads them with Unicode properties): a letter, a
 * number or "_". */
static gboolean
is_word_char (const char *p)
{
  guchar c = (guchar) *p;

  if (c < 0x80)
    return g_ascii_isalnum (c) || c == '_';
  return g_unichar_isalnum (g_utf8_get_char (p));
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* RULE_WORD by hand: it is tried on every word of every line once the map
 * knows a name, and a regular expression's match object per word was
 * most of the engine's time. The same matches as rule_patterns[RULE_WORD]:
 * a run of [A-Za-z0-9._-] not after a word character, "." or "-",
 * starting and ending with [A-Za-z0-9_], the longest one not followed by
 * a word character, "-" or "." and a word character. */
static void
apply_known_words (LtRedactor *self,
                   const Line *line,
                   gsize       from,
                   GArray     *spans)
{
  const char *text = line->text;
  gsize length = line->length;
  gsize p = from;

  while (p < length)
    {
      gsize run, e;

      if (!is_name_char (text[p]))
        {
          p++;
          continue;
        }
      if (p > 0)
        {
          const char *prev = g_utf8_find_prev_char (text, text + p);

          if (*prev == '.' || *prev == '-' || is_word_char (prev))
            {
              p++;
              continue;
            }
        }

      run = p + 1;
      while (run < length && (is_name_char (text[run]) || text[run] == '.' || text[run] == '-'))
        run++;
      for (e = run; e > p; e--)
        {
          if (!is_name_char (text[e - 1]))
            continue;
          if (e < length && (is_word_char (text + e) || text[e] == '-'))
            continue;
          if (e + 1 < length && text[e] == '.' && is_word_char (text + e + 1))
            continue;
          break;
        }
      if (e == p)
        {
          /* Every start inside the run follows a character of it. */
          p = run;
          continue;
        }

      if (!is_claimed (spans, p, e))
        {
          LtRedactionKind kind = LT_REDACTION_KIND_KEYWORD;
          char *replacement = lt_redaction_map_lookup_word (self->map, text + p, e - p, &kind);

          if (replacement != NULL)
            claim (spans, p, e, kind, replacement, TRUE);
        }
      p = e;
    }
}

/* Applies one identity rule over @line from @from. */
static void
apply_rule (LtRedactor *self,
            Rule        rule,
            Line       *info,
            gsize       from,
            GArray     *spans)
{
  g_autoptr(GMatchInfo) match = NULL;
  const char *line = info->text;
  gsize length = info->length;

  /* The syslog header is only ever at the start of a line. */
  if (!rule_may_match (self, rule, info, from) || (rule == RULE_SYSLOG_HOST && from > 0))
    return;
  if (rule == RULE_WORD)
    {
      apply_known_words (self, info, from, spans);
      return;
    }

  g_regex_match_full (rule_regexes[rule], line, (gssize) length, (int) from, 0, &match, NULL);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int s = -1, e = -1;
      g_autofree char *value = NULL;
      LtRedactionKind kind = rule_kinds[rule];
      char *replacement = NULL;

      if (!g_match_info_fetch_named_pos (match, "v", &s, &e) || s < 0)
        g_match_info_fetch_pos (match, 0, &s, &e);
      if (s < 0 || e <= s || is_claimed (spans, (gsize) s, (gsize) e))
        continue;

      value = g_strndup (line + s, (gsize) (e - s));
      /* Already redacted (a second pass, a quoted earlier answer). A known
       * word is an original: the map never learns a replacement's shape. */
      if (rule != RULE_WORD && lt_redaction_is_replacement (value))
        continue;

      switch (rule)
        {
        case RULE_IPV4:
          if (is_common_ipv4 (value) || is_version (line, (gsize) s, (gsize) e))
            continue;
          break;

        case RULE_IPV6:
          {
            g_autoptr(GInetAddress) address = g_inet_address_new_from_string (value);

            if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6
                || is_common_ipv6 (address))
              continue;
          }
          break;

        case RULE_MAC:
          if (is_common_mac (value))
            continue;
          break;

        case RULE_USER_URL:
        case RULE_USER:
          if (g_strv_contains (common_users, value))
            continue;
          break;

        case RULE_HOST:
        case RULE_SYSLOG_HOST:
          {
            g_autofree char *lower = g_ascii_strdown (value, -1);

            if (!contains_letter (value, strlen (value)) || g_strv_contains (common_hosts, lower))
              continue;
          }
          break;

        case RULE_FQDN:
          {
            g_autofree char *tld = g_match_info_fetch_named (match, "tld");

            if (!has_known_tld (tld))
              continue;
          }
          break;

        case RULE_WORD:
          replacement = lt_redaction_map_lookup_word (self->map, value, strlen (value), &kind);
          if (replacement == NULL)
            continue;
          break;

        case RULE_EMAIL:
        case N_RULES:
        default:
          break;
        }

      if (replacement == NULL)
        replacement = lt_redaction_map_replace (self->map, kind, value);
      if (replacement != NULL)
        claim (spans, (gsize) s, (gsize) e, kind, replacement, TRUE);
    }
}

static void
apply_regex (LtRedactor *self,
             GRegex     *regex,
             const char *line,
             gsize       length,
             gsize       from,
             GArray     *spans)
{
  g_autoptr(GMatchInfo) match = NULL;

  g_regex_match_full (regex, line, (gssize) length, (int) from, 0, &match, NULL);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      int s = -1, e = -1;
      g_autofree char *value = NULL;

      g_match_info_fetch_pos (match, 0, &s, &e);
      if (s < 0 || e <= s || is_claimed (spans, (gsize) s, (gsize) e))
        continue;

      value = g_strndup (line + s, (gsize) (e - s));
      claim (spans, (gsize) s, (gsize) e, LT_REDACTION_KIND_KEYWORD,
             lt_redaction_map_replace (self->map, LT_REDACTION_KIND_KEYWORD, value), TRUE);
    }
}

/* @raw as valid UTF-8 in @valid, each bad byte (and NUL) as U+FFFD. */
static void
make_valid (GString    *valid,
            const char *raw,
            gsize       length)
{
  const char *p = raw;
  const char *limit = raw + length;

  g_string_truncate (valid, 0);
  while (p < limit)
    {
      const char *end = NULL;

      if (g_utf8_validate_len (p, (gsize) (limit - p), &end))
        {
          g_string_append_len (valid, p, limit - p);
          break;
        }
      g_string_append_len (valid, p, end - p);
      g_string_append (valid, "\xef\xbf\xbd");
      p = end + 1;
    }
}

static gboolean
is_separator (char c)
{
  return c == ' ' || c == '\t' || c == ',' || c == ';' || c == '&';
}

static void
add_finding (LtRedactor      *self,
             LtRedactionKind  kind,
             const char      *text,
             gsize            length,
             gsize            start,
             gsize            end)
{
  LtRedactionFinding *finding;
  const char *before = text + start;
  const char *after = text + end;
  g_autoptr(GString) excerpt = g_string_new (NULL);

  self->counts[kind]++;
  if (self->findings->len >= LT_REDACTOR_MAX_FINDINGS)
    return;

  for (guint i = 0; i < EXCERPT_CONTEXT && before > text; i++)
    before = g_utf8_find_prev_char (text, before);
  for (guint i = 0; i < EXCERPT_CONTEXT && after < text + length; i++)
    after = g_utf8_next_char (after);
  /* @text is valid UTF-8 (make_valid()): this only guards the end. */
  if (after > text + length)
    after = text + length;

  if (before > text)
    g_string_append (excerpt, "…");
  g_string_append_len (excerpt, before, after - before);
  if (after < text + length)
    g_string_append (excerpt, "…");

  finding = g_new0 (LtRedactionFinding, 1);
  finding->kind = kind;
  finding->line = self->line;
  finding->excerpt = g_string_free (g_steal_pointer (&excerpt), FALSE);
  g_ptr_array_add (self->findings, finding);
}

/* Whether one of the admin's words can be in @line from @from: without
 * case, an ASCII line holds an ASCII word only as the same letters. A
 * word with other characters may match ASCII text ("ſ" folds to "s"),
 * so then the expression always runs. */
static gboolean
keywords_may_match (LtRedactor *self,
                    const Line *line,
                    gsize       from)
{
  if (line->lower == NULL)
    return TRUE;
  for (guint i = 0; i < self->keywords->len; i++)
    {
      const char *keyword = g_ptr_array_index (self->keywords, i);
      char lower[128];
      gsize n = strlen (keyword);

      if (n >= sizeof lower)
        return TRUE;
      for (gsize k = 0; k <= n; k++)
        {
          if ((guchar) keyword[k] >= 0x80)
            return TRUE;
          lower[k] = g_ascii_tolower (keyword[k]);
        }
      if (strstr (line->lower + from, lower) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Redacts one line (without its newline) or one piece of an overlong one
 * and appends it to @out, with a newline when @newline. */
static void
redact_line (LtRedactor *self,
             const char *raw,
             gsize       raw_length,
             gboolean    newline,
             GString    *out)
{
  const char *line;
  gsize length;
  GArray *spans = self->spans;
  GString *redacted = self->redacted;
  g_autoptr(GPtrArray) secrets = NULL;
  GArray *placed = self->placed;
  gsize from = 0;
  gsize at = 0;
  Line info;

  make_valid (self->valid, raw, raw_length);
  line = self->valid->str;
  length = self->valid->len;
  g_array_set_size (spans, 0);
  g_array_set_size (placed, 0);
  g_string_truncate (redacted, 0);

  info.text = line;
  info.length = length;
  info.lower = NULL;
  info.from = G_MAXSIZE;
  info.words = 0;
  g_string_set_size (self->lower, length);
  info.lower = self->lower->str;
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) line[i];

      if (c >= 0x80)
        {
          info.lower = NULL;
          break;
        }
      self->lower->str[i] = (char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }

  if (self->in_overlong_token)
    {
      while (from < length && !is_separator (line[from]))
        from++;
      claim (spans, 0, from, LT_REDACTION_KIND_UNSCANNABLE, g_strdup (""), FALSE);
      if (from < length || newline)
        self->in_overlong_token = FALSE;
    }

  if (self->in_key)
    {
      gsize after = 0;

      if (!lt_sensitive_find_private_key_end (line + from, length - from, &after))
        return;
      claim (spans, from, from + after, LT_REDACTION_KIND_PRIVATE_KEY, g_strdup (""), FALSE);
      from += after;
      self->in_key = FALSE;
    }

  /* Secrets: lt-sensitive's shapes, each a marker. */
  secrets = lt_sensitive_scan (line + from);
  for (guint i = 0; i < secrets->len; i++)
    {
      const LtSensitiveFinding *secret = g_ptr_array_index (secrets, i);
      gsize s = from + secret->offset;
      gsize e = s + secret->length;

      /* sudo's "PWD=/home/rdiaz" is the working directory: a path, whose
       * user the rules below replace, not a password. */
      if (secret->kind == LT_SENSITIVE_KIND_PASSWORD && s >= 4 && line[s] == '/'
          && strncmp (line + s - 4, "PWD=", 4) == 0)
        continue;

      if (secret->kind == LT_SENSITIVE_KIND_PRIVATE_KEY && e == length)
        {
          gsize after = 0;

          /* The block opens here and goes on below this line. */
          if (!lt_sensitive_find_private_key_end (line + s, e - s, &after))
            self->in_key = TRUE;
        }
      claim (spans, s, e, (LtRedactionKind) secret->kind, marker_for ((LtRedactionKind) secret->kind), TRUE);
    }

  /* The admin's words and expressions, before the shapes: what the
   * admin names is replaced as the admin named it. */
  if (self->keyword_regex != NULL && keywords_may_match (self, &info, from))
    apply_regex (self, self->keyword_regex, line, length, from, spans);
  for (guint i = 0; i < self->patterns->len; i++)
    apply_regex (self, g_ptr_array_index (self->patterns, i), line, length, from, spans);

  for (guint rule = 0; rule < N_RULES; rule++)
    {
      /* Known words teach the map nothing. */
      if (self->learning && rule == RULE_WORD)
        break;
      apply_rule (self, (Rule) rule, &info, from, spans);
    }
  /* Everything below writes and counts. */
  if (self->learning)
    return;

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);
      gsize placed_at;

      g_string_append_len (redacted, line + at, span->start - at);
      placed_at = redacted->len;
      g_string_append (redacted, span->replacement);
      at = span->end;
      if (span->counted)
        {
          gsize placed_end = redacted->len;

          g_array_append_val (placed, placed_at);
          g_array_append_val (placed, placed_end);
        }
    }
  g_string_append_len (redacted, line + at, length - at);

  /* Findings point into the redacted line: their excerpts show only what
   * leaves. */
  for (guint i = 0, k = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (!span->counted)
        continue;
      add_finding (self, span->kind, redacted->str, redacted->len,
                   g_array_index (placed, gsize, 2 * k), g_array_index (placed, gsize, 2 * k + 1));
      k++;
    }

  g_string_append_len (out, redacted->str, redacted->len);
  /* The line that opens a key block ends where the block does. */
  if (newline && !self->in_key)
    g_string_append_c (out, '\n');
}

/* Whether an overlong line may be cut after the separator at @at. */
static gboolean
is_safe_cut (const char *line,
             gsize       at)
{
  g_autofree char *before = NULL;
  gsize end = at;

  while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t'))
    end--;
  if (end == 0 || strchr ("=:>", line[end - 1]) != NULL)
    return FALSE;

  /* "PGPASSWORD = …" binds as "password = …" does. */
  before = word_before (line, end);
  for (guint i = 0; binding_words[i] != NULL; i++)
    if (g_str_has_suffix (before, binding_words[i]))
      return FALSE;

  return TRUE;
}

/* The buffer is full and holds no newline: redact as much of it as can be
 * cut off safely. */
static void
flush_overlong (LtRedactor *self,
                GString    *out)
{
  GString *buffer = self->buffer;

  if (self->in_key)
    {
      /* Nothing of a key is written: keep only what the closing line may
       * start with. */
      g_string_erase (buffer, 0, (gssize) (buffer->len - KEY_TAIL));
      return;
    }

  for (gsize p = buffer->len - 1; p > 0; p--)
    if (is_separator (buffer->str[p]) && is_safe_cut (buffer->str, p))
      {
        redact_line (self, buffer->str, p + 1, FALSE, out);
        g_string_erase (buffer, 0, (gssize) (p + 1));
        return;
      }

  /* One run with no place to cut: nothing in it can be read safely. */
  {
    g_autofree char *marker = marker_for (LT_REDACTION_KIND_UNSCANNABLE);
    gsize start = out->len;

    if (!self->in_overlong_token)
      {
        g_string_append (out, marker);
        add_finding (self, LT_REDACTION_KIND_UNSCANNABLE, out->str + start, out->len - start, 0, out->len - start);
      }
    self->in_overlong_token = TRUE;
    g_string_truncate (buffer, 0);
  }
}

static void
start_input (LtRedactor *self)
{
  self->finished = FALSE;
  self->line = 1;
  self->in_key = FALSE;
  self->in_overlong_token = FALSE;
  memset (self->counts, 0, sizeof self->counts);
  g_ptr_array_set_size (self->findings, 0);
  g_string_truncate (self->buffer, 0);
}

void
lt_redactor_feed (LtRedactor *self,
                  const char *data,
                  gssize      length,
                  GString    *out)
{
  gsize left;

  g_return_if_fail (LT_IS_REDACTOR (self));
  g_return_if_fail (data != NULL || length == 0);
  g_return_if_fail (out != NULL);

  if (self->finished)
    start_input (self);

  left = length < 0 ? strlen (data) : (gsize) length;
  while (left > 0)
    {
      const char *newline = memchr (data, '\n', left);
      gsize piece = newline != NULL ? (gsize) (newline - data) : left;
      gsize room = LT_REDACTOR_MAX_LINE - self->buffer->len;

      if (piece >= room)
        {
          g_string_append_len (self->buffer, data, (gssize) room);
          data += room;
          left -= room;
          flush_overlong (self, out);
          continue;
        }

      g_string_append_len (self->buffer, data, (gssize) piece);
      data += piece;
      left -= piece;
      if (newline != NULL)
        {
          redact_line (self, self->buffer->str, self->buffer->len, TRUE, out);
          g_string_truncate (self->buffer, 0);
          self->line++;
          data++;
          left--;
        }
    }
}

void
lt_redactor_finish (LtRedactor *self,
                    GString    *out)
{
  g_return_if_fail (LT_IS_REDACTOR (self));
  g_return_if_fail (out != NULL);

  if (self->finished)
    start_input (self);

  if (self->buffer->len > 0)
    redact_line (self, self->buffer->str, self->buffer->len, FALSE, out);
  /* A key block never closed: its marker line still ends. */
  if (self->in_key)
    g_string_append_c (out, '\n');

  g_string_truncate (self->buffer, 0);
  self->in_key = FALSE;
  self->in_overlong_token = FALSE;
  self->finished = TRUE;
}

gsize
lt_redactor_get_buffered_size (LtRedactor *self)
{
  g_return_val_if_fail (LT_IS_REDACTOR (self), 0);

  return self->buffer->len;
}

guint64
lt_redactor_get_count (LtRedactor      *self,
                       LtRedactionKind  kind)
{
  g_return_val_if_fail (LT_IS_REDACTOR (self), 0);
  g_return_val_if_fail ((guint) kind < LT_REDACTION_N_KINDS, 0);

  return self->counts[kind];
}

GPtrArray *
lt_redactor_get_findings (LtRedactor *self)
{
  g_return_val_if_fail (LT_IS_REDACTOR (self), NULL);

  return self->findings;
}

/* The redactor as the bundle's LtLineFilter (lt-line-filter.h): one file
 * is one input, one line is fed whole, and the path is redacted like a
 * line of its own with the same map, outside the file's counts. */

static char *
lt_redactor_filter_path (LtLineFilter *filter,
                         const char   *path)
{
  LtRedactor *self = LT_REDACTOR (filter);
  guint64 counts[LT_REDACTION_N_KINDS];
  guint findings = self->findings->len;
  guint line = self->line;
  gboolean in_key = self->in_key;
  gboolean in_overlong_token = self->in_overlong_token;
  GString *out = g_string_new (NULL);

  /* A path is never longer than a line may be (PATH_MAX); it leaves the
   * state of the file being read, if any, as it was. */
  memcpy (counts, self->counts, sizeof counts);
  self->in_key = FALSE;
  self->in_overlong_token = FALSE;
  redact_line (self, path, strlen (path), FALSE, out);
  memcpy (self->counts, counts, sizeof counts);
  g_ptr_array_set_size (self->findings, findings);
  self->line = line;
  self->in_key = in_key;
  self->in_overlong_token = in_overlong_token;
  return g_string_free (out, FALSE);
}

static void
lt_redactor_begin_file (LtLineFilter *filter,
                        const char   *path)
{
  start_input (LT_REDACTOR (filter));
}

static gboolean
lt_redactor_filter_line (LtLineFilter  *filter,
                         const char    *line,
                         gsize          length,
                         GString       *out,
                         GError       **error)
{
  LtRedactor *self = LT_REDACTOR (filter);

  if (self->finished)
    start_input (self);

  /* An overlong line goes out in pieces as lt_redactor_feed() cuts it;
   * the rest, or the whole line, without a newline: the collector writes
   * the line's own terminator. */
  if (length > 0)
    lt_redactor_feed (self, line, (gssize) length, out);
  if (self->buffer->len > 0 || !self->in_key)
    redact_line (self, self->buffer->str, self->buffer->len, FALSE, out);
  g_string_truncate (self->buffer, 0);
  self->in_overlong_token = FALSE;
  self->line++;
  return TRUE;
}

/* The writer's learning pass: the line as filter_line() reads it, for the
 * map only (its state across lines kept alike); no known word looked up,
 * nothing written, nothing counted. */
static gboolean
lt_redactor_learn_line (LtLineFilter  *filter,
                        const char    *line,
                        gsize          length,
                        GError       **error)
{
  LtRedactor *self = LT_REDACTOR (filter);
  gboolean ok;

  self->learning = TRUE;
  g_string_truncate (self->discard, 0);
  ok = lt_redactor_filter_line (filter, line, length, self->discard, error);
  self->learning = FALSE;
  return ok;
}

static GHashTable *
lt_redactor_end_file (LtLineFilter *filter,
                      GString      *out)
{
  LtRedactor *self = LT_REDACTOR (filter);
  GHashTable *counts = NULL;

  /* Every line was written whole: nothing is held back. A key block never
   * closed has had its marker already. */
  g_string_truncate (self->buffer, 0);
  self->in_key = FALSE;
  self->in_overlong_token = FALSE;
  self->finished = TRUE;

  for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
    {
      if (self->counts[kind] == 0)
        continue;
      if (counts == NULL)
        counts = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (counts, (gpointer) lt_redaction_kind_to_string ((LtRedactionKind) kind),
                           GUINT_TO_POINTER ((guint) MIN (self->counts[kind], G_MAXUINT)));
    }
  return counts;
}

static void
lt_redactor_line_filter_init (LtLineFilterInterface *iface)
{
  iface->filter_path = lt_redactor_filter_path;
  iface->begin_file = lt_redactor_begin_file;
  iface->filter_line = lt_redactor_filter_line;
  iface->end_file = lt_redactor_end_file;
  iface->learn_line = lt_redactor_learn_line;
}
