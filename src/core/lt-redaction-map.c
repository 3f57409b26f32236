/* lt-redaction-map.c
 *
 * One table per name space, each a pair of hash tables (original →
 * replacement and back) and the counter of the next replacement. Host
 * names and e-mail addresses share the domain table, so that
 * "db1.corp.example.com" and "alice@corp.example.com" both show the same
 * "domN.invalid"; IPv4 addresses are mapped by their /24 and keep their
 * host byte; IPv6 addresses are mapped by their /64 and numbered inside
 * it. Replacements live in spaces that real logs do not use (the .invalid
 * top-level domain, 240.0.0.0/4, the ULA fd00::/48, locally administered
 * MACs), so that a replacement is never mistaken for an original, and a
 * second pass over redacted text leaves it as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-redaction-map"

#include "config.h"

#include "lt-redaction-map.h"

#include "lt-error.h"
#include "lt-json.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

typedef enum
{
  TABLE_HOST,
  TABLE_DOMAIN,
  TABLE_IPV4_NET,
  TABLE_IPV6_NET,
  TABLE_IPV6,
  TABLE_MAC,
  TABLE_EMAIL,
  TABLE_USER,
  TABLE_KEYWORD,
  N_TABLES
} Table;

/* NULL-terminated: also the known members of "tables". */
static const char * const table_names[N_TABLES + 1] = {
  "host", "domain", "ipv4-net", "ipv6-net", "ipv6", "mac", "email", "user", "keyword", NULL
};

typedef struct
{
  GHashTable *forward;  /* original (normalised) → replacement */
  GHashTable *reverse;  /* replacement → original */
  guint       next;
} MapTable;

struct _LtRedactionMap
{
  GObject  parent_instance;

  /* Owned */
  MapTable tables[N_TABLES];
};

G_DEFINE_FINAL_TYPE (LtRedactionMap, lt_redaction_map, G_TYPE_OBJECT)

G_STATIC_ASSERT (LT_REDACTION_KIND_PASSWORD + 1 == LT_SENSITIVE_N_KINDS);

static const char * const kind_names[LT_REDACTION_N_KINDS] = {
  [LT_REDACTION_KIND_UNSCANNABLE] = "unscannable",
  [LT_REDACTION_KIND_HOSTNAME] = "hostname",
  [LT_REDACTION_KIND_IPV4] = "ipv4",
  [LT_REDACTION_KIND_IPV6] = "ipv6",
  [LT_REDACTION_KIND_MAC] = "mac",
  [LT_REDACTION_KIND_EMAIL] = "email",
  [LT_REDACTION_KIND_USER] = "user",
  [LT_REDACTION_KIND_KEYWORD] = "keyword",
};

const char *
lt_redaction_kind_to_string (LtRedactionKind kind)
{
  g_return_val_if_fail ((guint) kind < LT_REDACTION_N_KINDS, "secret");

  if ((guint) kind < LT_SENSITIVE_N_KINDS)
    return lt_sensitive_kind_to_string ((LtSensitiveKind) kind);
  return kind_names[kind];
}

gboolean
lt_redaction_kind_from_string (const char      *name,
                               LtRedactionKind *kind)
{
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < LT_REDACTION_N_KINDS; i++)
    if (g_str_equal (name, lt_redaction_kind_to_string ((LtRedactionKind) i)))
      {
        *kind = (LtRedactionKind) i;
        return TRUE;
      }

  return FALSE;
}

const char *
lt_redaction_kind_get_label (LtRedactionKind kind)
{
  switch (kind)
    {
    case LT_REDACTION_KIND_PRIVATE_KEY:
    case LT_REDACTION_KIND_CONNECTION_STRING:
    case LT_REDACTION_KIND_AWS_ACCESS_KEY:
    case LT_REDACTION_KIND_AWS_SECRET_KEY:
    case LT_REDACTION_KIND_JWT:
    case LT_REDACTION_KIND_BEARER_TOKEN:
    case LT_REDACTION_KIND_API_TOKEN:
    case LT_REDACTION_KIND_PASSWORD:
      return lt_sensitive_kind_get_label ((LtSensitiveKind) kind);
    case LT_REDACTION_KIND_UNSCANNABLE:
      return _("Overlong text that could not be scanned");
    case LT_REDACTION_KIND_HOSTNAME:
      return _("Host name");
    case LT_REDACTION_KIND_IPV4:
      return _("IPv4 address");
    case LT_REDACTION_KIND_IPV6:
      return _("IPv6 address");
    case LT_REDACTION_KIND_MAC:
      return _("MAC address");
    case LT_REDACTION_KIND_EMAIL:
      return _("E-mail address");
    case LT_REDACTION_KIND_USER:
      return _("User name");
    case LT_REDACTION_KIND_KEYWORD:
      return _("Keyword");
    default:
      return _("Secret");
    }
}

void
lt_redaction_unmasked_free (LtRedactionUnmasked *unmasked)
{
  if (unmasked == NULL)
    return;

  g_free (unmasked->original);
  g_free (unmasked);
}

static void
lt_redaction_map_finalize (GObject *object)
{
  LtRedactionMap *self = LT_REDACTION_MAP (object);

  for (guint i = 0; i < N_TABLES; i++)
    {
      g_clear_pointer (&self->tables[i].forward, g_hash_table_unref);
      g_clear_pointer (&self->tables[i].reverse, g_hash_table_unref);
    }

  G_OBJECT_CLASS (lt_redaction_map_parent_class)->finalize (object);
}

static void
lt_redaction_map_class_init (LtRedactionMapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lt_redaction_map_finalize;
}

static void
lt_redaction_map_init (LtRedactionMap *self)
{
  for (guint i = 0; i < N_TABLES; i++)
    {
      self->tables[i].forward = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->tables[i].reverse = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    }
}

LtRedactionMap *
lt_redaction_map_new (void)
{
  return g_object_new (LT_TYPE_REDACTION_MAP, NULL);
}

/* Records @original → @replacement; a host's full name also answers to
 * its short replacement ("host3" for "host3.dom1.invalid"), which is how
 * a vendor will write it. */
static void
record (LtRedactionMap *self,
        Table           table,
        const char     *original,
        const char     *replacement)
{
  MapTable *t = &self->tables[table];

  g_hash_table_replace (t->forward, g_strdup (original), g_strdup (replacement));
  g_hash_table_replace (t->reverse, g_strdup (replacement), g_strdup (original));

  if (table == TABLE_HOST)
    {
      const char *dot = strchr (replacement, '.');

      if (dot != NULL)
        {
          g_autofree char *short_name = g_strndup (replacement, dot - replacement);
          const char *original_dot = strchr (original, '.');

          /* The host's own name, learnt from its FQDN as sos clean does:
           * "collector-eu2" alone is the "host3" of
           * "collector-eu2.corp.example.com" → "host3.dom0.invalid". Only
           * a label with a digit or a '-' in it: "www", "mail" or
           * "intranet" are words as well as names. */
          if (original_dot != NULL)
            {
              g_autofree char *label = g_strndup (original, original_dot - original);

              if (strpbrk (label, "-0123456789") != NULL
                  && !g_hash_table_contains (t->forward, label)
                  && !g_hash_table_contains (t->reverse, short_name))
                g_hash_table_insert (t->forward, g_steal_pointer (&label), g_strdup (short_name));
            }
          if (!g_hash_table_contains (t->reverse, short_name))
            g_hash_table_insert (t->reverse, g_steal_pointer (&short_name), g_strdup (original));
        }
    }
}

/* The replacement of @key in @table, made by @make from the table's
 * counter when @create. */
typedef char *(*MakeFunc) (LtRedactionMap *self, guint n, const char *key);

static char *
find_or_make (LtRedactionMap *self,
              Table           table,
              const char     *key,
              gboolean        create,
              MakeFunc        make)
{
  MapTable *t = &self->tables[table];
  const char *known = g_hash_table_lookup (t->forward, key);
  g_autofree char *made = NULL;

  if (known != NULL)
    return g_strdup (known);
  if (!create)
    return NULL;

  /* An imported map may hold a replacement the counter would make again
   * (edited by hand): step over it rather than give two names one
   * replacement. */
  do
    {
      g_free (made);
      made = make (self, t->next++, key);
    }
  while (made != NULL && g_hash_table_contains (t->reverse, made));

  if (made == NULL)
    return NULL;

  record (self, table, key, made);
  return g_steal_pointer (&made);
}

static char *
make_domain (LtRedactionMap *self, guint n, const char *key)
{
  return g_strdup_printf ("dom%u.invalid", n);
}

static char *
make_short_host (LtRedactionMap *self, guint n, const char *key)
{
  return g_strdup_printf ("host%u", n);
}

static char *
make_full_host (LtRedactionMap *self, guint n, const char *key)
{
  g_autofree char *domain = find_or_make (self, TABLE_DOMAIN, strchr (key, '.') + 1, TRUE, make_domain);

  return g_strdup_printf ("host%u.%s", n, domain);
}

/* 240.0.0.0/4 is reserved: no log names a real host there. */
static char *
make_ipv4_net (LtRedactionMap *self, guint n, const char *key)
{
  return g_strdup_printf ("%u.%u.%u", 240 + (n >> 16), (n >> 8) & 0xff, n & 0xff);
}

/* fd00::/48: a unique local prefix (RFC 4193) whose global ID is all
 * zeros, which no site that follows the RFC draws at random; the /64s are
 * numbered in its subnet field and on into the global ID's last group.
 * Not 2001:db8::/32: documentation addresses are what test data and
 * examples plant as originals, and a replacement must never look like
 * one. */
static char *
make_ipv6_net (LtRedactionMap *self, guint n, const char *key)
{
  return g_strdup_printf ("fd00:0:%x:%x", (n >> 16) & 0xffff, n & 0xffff);
}

static char *
make_mac (LtRedactionMap *self, guint n, const char *key)
{
  /* 02:… is a locally administered address: no vendor's. */
  return g_strdup_printf ("02:00:00:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
}

static char *
make_email (LtRedactionMap *self, guint n, const char *key)
{
  g_autofree char *domain = find_or_make (self, TABLE_DOMAIN, strrchr (key, '@') + 1, TRUE, make_domain);

  return g_strdup_printf ("mail%u@%s", n, domain);
}

static char *
make_user (LtRedactionMap *self, guint n, const char *key)
{
  return g_strdup_printf ("user%u", n);
}

static char *
make_keyword (LtRedactionMap *self, guint n, const char *key)
{
  return g_strdup_printf ("keyword%u", n);
}

static gboolean
parse_ipv4 (const char *text,
            guint       octets[4])
{
  const char *p = text;

  for (guint i = 0; i < 4; i++)
    {
      guint value = 0, digits = 0;

      while (g_ascii_isdigit (*p) && digits < 4)
        {
          value = value * 10 + (guint) (*p++ - '0');
          digits++;
        }
      if (digits == 0 || digits > 3 || value > 255)
        return FALSE;
      octets[i] = value;
      if (i < 3 && *p++ != '.')
        return FALSE;
    }

  return *p == '\0';
}

static char *
map_ipv6 (LtRedactionMap *self,
          const char     *original,
          gboolean        create)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (original);
  g_autofree char *canonical = NULL;
  g_autofree char *net = NULL;
  g_autofree char *prefix = NULL;
  const char *known;
  const guint8 *bytes;
  char *made;

  if (address == NULL || g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6)
    return NULL;

  canonical = g_inet_address_to_string (address);
  known = g_hash_table_lookup (self->tables[TABLE_IPV6].forward, canonical);
  if (known != NULL)
    return g_strdup (known);
  if (!create)
    return NULL;

  bytes = g_inet_address_to_bytes (address);
  prefix = g_strdup_printf ("%02x%02x:%02x%02x:%02x%02x:%02x%02x",
                            bytes[0], bytes[1], bytes[2], bytes[3],
                            bytes[4], bytes[5], bytes[6], bytes[7]);
  net = find_or_make (self, TABLE_IPV6_NET, prefix, TRUE, make_ipv6_net);

  /* Numbered from 1, so that no replacement ends in "::0". */
  made = g_strdup_printf ("%s::%x", net, ++self->tables[TABLE_IPV6].next);
  while (g_hash_table_contains (self->tables[TABLE_IPV6].reverse, made))
    {
      g_free (made);
      made = g_strdup_printf ("%s::%x", net, ++self->tables[TABLE_IPV6].next);
    }

  record (self, TABLE_IPV6, canonical, made);
  return made;
}

static char *
map_identity (LtRedactionMap  *self,
              LtRedactionKind  kind,
              const char      *original,
              gboolean         create)
{
  g_autofree char *key = NULL;

  switch (kind)
    {
    case LT_REDACTION_KIND_HOSTNAME:
      {
        const char *dot;

        key = g_ascii_strdown (original, -1);
        g_strchomp (key);
        while (*key != '\0' && key[strlen (key) - 1] == '.')
          key[strlen (key) - 1] = '\0';
        if (*key == '\0')
          return NULL;

        dot = strchr (key, '.');
        if (dot == NULL)
          return find_or_make (self, TABLE_HOST, key, create, make_short_host);
        /* "example.com" is a domain; "db1.example.com" a host in it. */
        if (strchr (dot + 1, '.') == NULL)
          return find_or_make (self, TABLE_DOMAIN, key, create, make_domain);
        return find_or_make (self, TABLE_HOST, key, create, make_full_host);
      }

    case LT_REDACTION_KIND_IPV4:
      {
        guint octets[4];
        g_autofree char *net_key = NULL;
        g_autofree char *net = NULL;

        if (!parse_ipv4 (original, octets))
          return NULL;
        net_key = g_strdup_printf ("%u.%u.%u", octets[0], octets[1], octets[2]);
        net = find_or_make (self, TABLE_IPV4_NET, net_key, create, make_ipv4_net);
        return net != NULL ? g_strdup_printf ("%s.%u", net, octets[3]) : NULL;
      }

    case LT_REDACTION_KIND_IPV6:
      return map_ipv6 (self, original, create);

    case LT_REDACTION_KIND_MAC:
      key = g_ascii_strdown (original, -1);
      g_strdelimit (key, "-", ':');
      return find_or_make (self, TABLE_MAC, key, create, make_mac);

    case LT_REDACTION_KIND_EMAIL:
      key = g_ascii_strdown (original, -1);
      if (strrchr (key, '@') == NULL)
        return NULL;
      return find_or_make (self, TABLE_EMAIL, key, create, make_email);

    case LT_REDACTION_KIND_USER:
      return find_or_make (self, TABLE_USER, original, create, make_user);

    case LT_REDACTION_KIND_KEYWORD:
      key = g_utf8_strdown (original, -1);
      return find_or_make (self, TABLE_KEYWORD, key, create, make_keyword);

    case LT_REDACTION_KIND_PRIVATE_KEY:
    case LT_REDACTION_KIND_CONNECTION_STRING:
    case LT_REDACTION_KIND_AWS_ACCESS_KEY:
    case LT_REDACTION_KIND_AWS_SECRET_KEY:
    case LT_REDACTION_KIND_JWT:
    case LT_REDACTION_KIND_BEARER_TOKEN:
    case LT_REDACTION_KIND_API_TOKEN:
    case LT_REDACTION_KIND_PASSWORD:
    case LT_REDACTION_KIND_UNSCANNABLE:
    default:
      /* Secrets are never mapped: a marker replaces them. */
      g_return_val_if_reached (NULL);
    }
}

/**
 * lt_redaction_map_replace:
 * @self: a map
 * @kind: an identity kind
 * @original: the name as found
 *
 * Returns: (transfer full) (nullable): its replacement, or NULL when
 *   @original is not a name of @kind (an IPv4 address that does not parse)
 */
char *
lt_redaction_map_replace (LtRedactionMap  *self,
                          LtRedactionKind  kind,
                          const char      *original)
{
  g_return_val_if_fail (LT_IS_REDACTION_MAP (self), NULL);
  g_return_val_if_fail (original != NULL, NULL);

  return map_identity (self, kind, original, TRUE);
}

char *
lt_redaction_map_lookup (LtRedactionMap  *self,
                         LtRedactionKind  kind,
                         const char      *original)
{
  g_return_val_if_fail (LT_IS_REDACTION_MAP (self), NULL);
  g_return_val_if_fail (original != NULL, NULL);

  return map_identity (self, kind, original, FALSE);
}

char *
lt_redaction_map_lookup_word (LtRedactionMap  *self,
                              const char      *word,
                              gsize            length,
                              LtRedactionKind *kind)
{
  g_autofree char *exact_copy = NULL;
  g_autofree char *lower_copy = NULL;
  char exact_buf[128];
  char lower_buf[128];
  const char *exact = exact_buf;
  const char *lower = lower_buf;
  gboolean plain = length < sizeof exact_buf;
  const char *known;

  g_return_val_if_fail (LT_IS_REDACTION_MAP (self), NULL);
  g_return_val_if_fail (word != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  /* Called for every word of every line: a short ASCII word is looked up
   * from the stack. Not with an "I", which g_utf8_strdown() lowers to a
   * dotless "ı" in a Turkish locale, as the keyword table's keys were. */
  for (gsize i = 0; plain && i < length; i++)
    {
      if ((guchar) word[i] >= 0x80 || word[i] == 'I' || word[i] == '\0')
        plain = FALSE;
      else
        {
          exact_buf[i] = word[i];
          lower_buf[i] = g_ascii_tolower (word[i]);
        }
    }
  if (plain)
    exact_buf[length] = lower_buf[length] = '\0';
  else
    {
      exact = exact_copy = g_strndup (word, length);
      lower = lower_copy = g_utf8_strdown (exact_copy, -1);
    }

  if ((known = g_hash_table_lookup (self->tables[TABLE_HOST].forward, lower)) != NULL)
    *kind = LT_REDACTION_KIND_HOSTNAME;
  else if ((known = g_hash_table_lookup (self->tables[TABLE_USER].forward, exact)) != NULL)
    *kind = LT_REDACTION_KIND_USER;
  else if ((known = g_hash_table_lookup (self->tables[TABLE_KEYWORD].forward, lower)) != NULL)
    *kind = LT_REDACTION_KIND_KEYWORD;

  return g_strdup (known);
}

guint
lt_redaction_map_get_size (LtRedactionMap *self)
{
  guint size = 0;

  g_return_val_if_fail (LT_IS_REDACTION_MAP (self), 0);

  for (guint i = 0; i < N_TABLES; i++)
    size += g_hash_table_size (self->tables[i].forward);

  return size;
}

/* The original of @replacement, as the vendor wrote it back. */
static char *
unmask_one (LtRedactionMap  *self,
            const char      *replacement,
            LtRedactionKind *kind)
{
  /* The prefix each table's replacements begin with (the make_*()
   * functions' shapes); anything else is an IPv4 address. */
  static const struct {
    const char      *prefix;
    LtRedactionKind  kind;
    guint            table;
  } shapes[] = {
    { "host", LT_REDACTION_KIND_HOSTNAME, TABLE_HOST },
    { "dom", LT_REDACTION_KIND_HOSTNAME, TABLE_DOMAIN },
    { "mail", LT_REDACTION_KIND_EMAIL, TABLE_EMAIL },
    { "user", LT_REDACTION_KIND_USER, TABLE_USER },
    { "keyword", LT_REDACTION_KIND_KEYWORD, TABLE_KEYWORD },
    { "02:00:00:", LT_REDACTION_KIND_MAC, TABLE_MAC },
    { "fd00:0:", LT_REDACTION_KIND_IPV6, TABLE_IPV6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    if (g_str_has_prefix (replacement, shapes[i].prefix))
      {
        *kind = shapes[i].kind;
        return g_strdup (g_hash_table_lookup (self->tables[shapes[i].table].reverse, replacement));
      }

  {
    const char *dot = strrchr (replacement, '.');
    g_autofree char *net = g_strndup (replacement, dot - replacement);
    const char *net_original = g_hash_table_lookup (self->tables[TABLE_IPV4_NET].reverse, net);

    *kind = LT_REDACTION_KIND_IPV4;
    if (net_original != NULL)
      return g_strconcat (net_original, dot, NULL);
  }

  return NULL;
}

/* The shapes the make_*() functions above write, as whole words. */
#define REPLACEMENT_PATTERN \
  "(?:host\\d+\\.dom\\d+\\.invalid|mail\\d+@dom\\d+\\.invalid" \
  "|dom\\d+\\.invalid|host\\d+|user\\d+|keyword\\d+" \
  "|fd00:0:[0-9a-f]+:[0-9a-f]+::[0-9a-f]+|02:00:00(?::[0-9a-f]{2}){3}" \
  "|2[45]\\d\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})"

static GRegex *
compile_once (GRegex    **regex,
              const char *pattern)
{
  if (g_once_init_enter (regex))
    {
      GRegex *compiled = g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL);

      /* A constant of this file: every test run shows a bad one. */
      g_assert_nonnull (compiled);
      g_once_init_leave (regex, compiled);
    }

  return *regex;
}

/**
 * lt_redaction_is_replacement:
 * @text: a name found in text
 *
 * Returns: whether @text has the shape of a replacement ("host3",
 *   "240.0.1.17"), which a second pass over redacted text leaves alone
 */
gboolean
lt_redaction_is_replacement (const char *text)
{
  static GRegex *whole;

  g_return_val_if_fail (text != NULL, FALSE);

  /* Called for every name a rule finds: most begin with none of the
   * replacements' own beginnings and need no expression. */
  if (!g_str_has_prefix (text, "host") && !g_str_has_prefix (text, "mail") && !g_str_has_prefix (text, "dom")
      && !g_str_has_prefix (text, "user") && !g_str_has_prefix (text, "keyword")
      && !g_str_has_prefix (text, "fd00:0:") && !g_str_has_prefix (text, "02:00:00")
      && !g_str_has_prefix (text, "24") && !g_str_has_prefix (text, "25"))
    return FALSE;
  return g_regex_match (compile_once (&whole, "^" REPLACEMENT_PATTERN "$"), text, 0, NULL);
}

/**
 * lt_redaction_map_unmask:
 * @self: the map that redacted what the vendor read
 * @text: a vendor's comment
 *
 * Returns: (transfer full) (element-type LtRedactionUnmasked): the
 *   replacements in @text that this map knows, with their originals
 */
GPtrArray *
lt_redaction_map_unmask (LtRedactionMap *self,
                         const char     *text)
{
  static GRegex *replacement_regex;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_redaction_unmasked_free);
  g_autoptr(GMatchInfo) match = NULL;

  g_return_val_if_fail (LT_IS_REDACTION_MAP (self), NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_steal_pointer (&found);

  compile_once (&replacement_regex, "(?<![\\w.@:-])" REPLACEMENT_PATTERN "(?![\\w@-]|[.:]\\w)");

  g_regex_match (replacement_regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      int start = -1, stop = -1;
      g_autofree char *word = g_match_info_fetch (match, 0);
      LtRedactionKind kind = LT_REDACTION_KIND_HOSTNAME;
      g_autofree char *original = NULL;

      g_match_info_fetch_pos (match, 0, &start, &stop);
      original = unmask_one (self, word, &kind);
      if (original != NULL)
        {
          LtRedactionUnmasked *unmasked = g_new0 (LtRedactionUnmasked, 1);

          unmasked->offset = (gsize) start;
          unmasked->length = (gsize) (stop - start);
          unmasked->kind = kind;
          unmasked->original = g_steal_pointer (&original);
          g_ptr_array_add (found, unmasked);
        }
      g_match_info_next (match, NULL);
    }

  return g_steal_pointer (&found);
}

/**
 * lt_redaction_map_dup_unmasked:
 * @self: the map that redacted what the vendor read
 * @text: (nullable): a vendor's comment, as sent
 * @flags: how @text is shown
 * @notes: (out) (optional) (transfer full) (element-type LtRedactionUnmasked):
 *   the "(original)" inserted, by their place in the returned text
 *
 * Returns: (transfer full): @text, displayable, with the originals beside
 *   the replacements
 */
char *
lt_redaction_map_dup_unmasked (LtRedactionMap  *self,
                               const char      *text,
                               LtTextFlags      flags,
                               GPtrArray      **notes)
{
  g_autoptr(GPtrArray) spans = NULL;
  g_autoptr(GPtrArray) inserted = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_redaction_unmasked_free);
  g_autoptr(GString) out = g_string_new (NULL);
  gsize done = 0;

  g_return_val_if_fail (LT_IS_REDACTION_MAP (self), NULL);

  if (text == NULL)
    text = "";
  /* Text that is not UTF-8 has no spans, and is shown as the displayable
   * form makes it. */
  spans = lt_redaction_map_unmask (self, text);

  /* The pieces between replacements are made displayable one by one:
   * lt_text_dup_displayable() reads character by character (but "\r\n",
   * which no replacement splits), so the result is the same as for the
   * whole text, and the places of the notes are known. */
  for (guint i = 0; i < spans->len; i++)
    {
      LtRedactionUnmasked *span = g_ptr_array_index (spans, i);
      g_autofree char *before = g_strndup (text + done, span->offset + span->length - done);
      g_autofree char *shown_before = lt_text_dup_displayable (before, flags);
      g_autofree char *original = lt_text_dup_displayable (span->original, LT_TEXT_SINGLE_LINE);
      LtRedactionUnmasked *note = g_new0 (LtRedactionUnmasked, 1);

      g_string_append (out, shown_before);
      g_string_append_c (out, ' ');
      note->offset = out->len;
      g_string_append_printf (out, "(%s)", original);
      note->length = out->len - note->offset;
      note->kind = span->kind;
      note->original = g_steal_pointer (&original);
      g_ptr_array_add (inserted, note);
      done = span->offset + span->length;
    }
  {
    g_autofree char *rest = lt_text_dup_displayable (text + done, flags);

    g_string_append (out, rest);
  }

  if (notes != NULL)
    *notes = g_steal_pointer (&inserted);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * lt_redaction_map_to_json:
 * @self: a map
 *
 * Returns: (transfer full): the map, for the profile (never the bundle)
 */
JsonNode *
lt_redaction_map_to_json (LtRedactionMap *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (LT_IS_REDACTION_MAP (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "tables");
  json_builder_begin_object (builder);
  for (guint i = 0; i < N_TABLES; i++)
    {
      g_autoptr(GList) keys = g_hash_table_get_keys (self->tables[i].forward);

      /* Sorted, so that the same map always writes the same text. */
      keys = g_list_sort (keys, (GCompareFunc) strcmp);

      json_builder_set_member_name (builder, table_names[i]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "next");
      json_builder_add_int_value (builder, self->tables[i].next);
      json_builder_set_member_name (builder, "entries");
      json_builder_begin_object (builder);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          json_builder_set_member_name (builder, l->data);
          json_builder_add_string_value (builder, g_hash_table_lookup (self->tables[i].forward, l->data));
        }
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * lt_redaction_map_new_from_json:
 * @node: what lt_redaction_map_to_json() wrote (read back through
 *   lt_json_document_parse())
 * @error: an %LT_ERROR_INVALID_DATA with the JSON path of the bad member
 *
 * Returns: (transfer full) (nullable): the map
 */
LtRedactionMap *
lt_redaction_map_new_from_json (JsonNode  *node,
                                GError   **error)
{
  static const char * const root_members[] = { "version", "tables", NULL };
  static const char * const table_members[] = { "next", "entries", NULL };
  g_autoptr(LtRedactionMap) self = lt_redaction_map_new ();
  JsonObject *root;
  JsonObject *tables = NULL;
  g_autofree char *tables_path = NULL;
  guint version = 0;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = lt_json_node_get_object (node, "$", root_members, error);
  if (root == NULL
      || !lt_json_read_uint (root, "$", "version", 1, 1, &version, error)
      || !lt_json_read_object (root, "$", "tables", LT_JSON_REQUIRED, table_names, &tables, &tables_path, error))
    return NULL;

  for (guint i = 0; i < N_TABLES; i++)
    {
      JsonObject *table = NULL;
      JsonObject *entries = NULL;
      g_autofree char *table_path = NULL;
      g_autofree char *entries_path = NULL;
      g_autoptr(GList) names = NULL;
      guint next = 0;

      if (!lt_json_read_object (tables, tables_path, table_names[i], LT_JSON_OPTIONAL,
                                table_members, &table, &table_path, error))
        return NULL;
      if (table == NULL)
        continue;
      if (!lt_json_read_uint (table, table_path, "next", 0, G_MAXUINT, &next, error)
          || !lt_json_read_object (table, table_path, "entries", LT_JSON_REQUIRED, NULL,
                                   &entries, &entries_path, error))
        return NULL;

      self->tables[i].next = next;
      names = json_object_get_members (entries);
      for (GList *l = names; l != NULL; l = l->next)
        {
          const char *replacement = NULL;

          if (!lt_json_read_string (entries, entries_path, l->data, LT_JSON_REQUIRED, &replacement, error))
            return NULL;
          if (g_hash_table_contains (self->tables[i].reverse, replacement))
            {
              g_autofree char *path = lt_json_member_path (entries_path, l->data);

              lt_json_set_path_error (error, path, _("the replacement “%s” is given twice"), replacement);
              return NULL;
            }
          record (self, (Table) i, l->data, replacement);
        }
    }

  return g_steal_pointer (&self);
}

/**
 * lt_redaction_describe_counts:
 * @counts: (array fixed-size=LT_REDACTION_N_KINDS): replacements per kind
 *
 * Says how many of each kind were replaced, in the kinds' order, for the
 * CLI's summary and the app's review alike.
 *
 * Returns: (transfer full) (nullable): "Host name: 3 · IPv4 address: 2",
 *   or %NULL when nothing was replaced
 */
char *
lt_redaction_describe_counts (const guint64 *counts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
    {
      g_autofree char *count = NULL;

      if (counts[kind] == 0)
        continue;
      count = g_strdup_printf ("%" G_GUINT64_FORMAT, counts[kind]);
      if (text->len > 0)
        g_string_append (text, " · ");
      /* TRANSLATORS: a kind of replaced item and how many: "Host name: 3" */
      g_string_append_printf (text, _("%s: %s"),
                              lt_redaction_kind_get_label ((LtRedactionKind) kind), count);
    }
  if (text->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}
