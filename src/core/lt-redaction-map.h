/* lt-redaction-map.h: which replacement stands for which name
 *
 * A diagnostics bundle replaces host names, addresses, user names and the
 * admin's keywords by neutral names (host0, 240.0.0.17, user2…) so that
 * the vendor can follow "the same host" across files without learning
 * it. The map keeps original → replacement per kind, with the counter
 * that numbers the next one, so that the same name gets the same
 * replacement in every file of a bundle and in every bundle of a profile
 * (the store persists it, 0600, from lt_redaction_map_to_json()). It
 * never leaves the machine; lt_redaction_map_unmask() reads the vendor's
 * answer back. Rules: docs/bundle.md, "Redaction".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "lt-sensitive.h"
#include "lt-text-util.h"

G_BEGIN_DECLS

/**
 * LtRedactionKind:
 * @LT_REDACTION_KIND_PRIVATE_KEY … @LT_REDACTION_KIND_PASSWORD: the
 *   secrets, with the values and meaning of #LtSensitiveKind: replaced by
 *   a marker naming the kind, never mapped
 * @LT_REDACTION_KIND_UNSCANNABLE: a run of more than
 *   %LT_REDACTOR_MAX_LINE bytes with no place to cut it safely: dropped
 * @LT_REDACTION_KIND_HOSTNAME: a host name or domain
 * @LT_REDACTION_KIND_IPV4: an IPv4 address (its /24 mapped, host byte kept)
 * @LT_REDACTION_KIND_IPV6: an IPv6 address (its /64 mapped)
 * @LT_REDACTION_KIND_MAC: a MAC address
 * @LT_REDACTION_KIND_EMAIL: an e-mail address
 * @LT_REDACTION_KIND_USER: a user name
 * @LT_REDACTION_KIND_KEYWORD: one of the admin's keywords or a match of
 *   one of the admin's regular expressions
 */
typedef enum
{
  LT_REDACTION_KIND_PRIVATE_KEY = LT_SENSITIVE_KIND_PRIVATE_KEY,
  LT_REDACTION_KIND_CONNECTION_STRING = LT_SENSITIVE_KIND_CONNECTION_STRING,
  LT_REDACTION_KIND_AWS_ACCESS_KEY = LT_SENSITIVE_KIND_AWS_ACCESS_KEY,
  LT_REDACTION_KIND_AWS_SECRET_KEY = LT_SENSITIVE_KIND_AWS_SECRET_KEY,
  LT_REDACTION_KIND_JWT = LT_SENSITIVE_KIND_JWT,
  LT_REDACTION_KIND_BEARER_TOKEN = LT_SENSITIVE_KIND_BEARER_TOKEN,
  LT_REDACTION_KIND_API_TOKEN = LT_SENSITIVE_KIND_API_TOKEN,
  LT_REDACTION_KIND_PASSWORD = LT_SENSITIVE_KIND_PASSWORD,
  LT_REDACTION_KIND_UNSCANNABLE,
  LT_REDACTION_KIND_HOSTNAME,
  LT_REDACTION_KIND_IPV4,
  LT_REDACTION_KIND_IPV6,
  LT_REDACTION_KIND_MAC,
  LT_REDACTION_KIND_EMAIL,
  LT_REDACTION_KIND_USER,
  LT_REDACTION_KIND_KEYWORD,
} LtRedactionKind;

#define LT_REDACTION_N_KINDS (LT_REDACTION_KIND_KEYWORD + 1)

/* Whether @kind is a secret (a marker) rather than an identity (mapped). */
#define LT_REDACTION_KIND_IS_SECRET(kind) ((guint) (kind) <= LT_REDACTION_KIND_UNSCANNABLE)

/* "password", "hostname", "ipv4"…: stable, for markers and JSON. */
const char *lt_redaction_kind_to_string (LtRedactionKind kind);
/* The kind named @name by lt_redaction_kind_to_string(), or FALSE. */
gboolean    lt_redaction_kind_from_string (const char      *name,
                                           LtRedactionKind *kind);
/* "Password", "Host name"…, translated. */
const char *lt_redaction_kind_get_label (LtRedactionKind kind);
/* "Host name: 3 · IPv4 address: 2" for @counts (one per kind, in the
 * kinds' order), translated; NULL when every count is 0. */
char       *lt_redaction_describe_counts (const guint64 *counts);

/* Whether @text has the shape of a replacement ("host3", "240.0.1.17",
 * "mail0@dom1.invalid"): a second pass over redacted text leaves it. */
gboolean    lt_redaction_is_replacement (const char *text);

/**
 * LtRedactionUnmasked:
 * @offset: byte offset of a replacement in the text given
 * @length: its byte length
 * @kind: the kind of identity it stands for
 * @original: the name it replaced (local only: never send it)
 */
typedef struct
{
  gsize            offset;
  gsize            length;
  LtRedactionKind  kind;
  char            *original;
} LtRedactionUnmasked;

void lt_redaction_unmasked_free (LtRedactionUnmasked *unmasked);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtRedactionUnmasked, lt_redaction_unmasked_free)

#define LT_TYPE_REDACTION_MAP (lt_redaction_map_get_type ())
G_DECLARE_FINAL_TYPE (LtRedactionMap, lt_redaction_map, LT, REDACTION_MAP, GObject)

LtRedactionMap *lt_redaction_map_new            (void);

/* The replacement of @original as an identity of @kind (not a secret
 * kind), made and recorded on first use: "host0", "host1.dom0.invalid",
 * "240.0.0.17", "fd00:0:0:0::1", "02:00:00:00:00:01", "mail0@dom1.invalid",
 * "user0", "keyword0". Host names, domains, e-mail and MAC addresses and
 * keywords compare without case.
 * Returns: (transfer full) */
char           *lt_redaction_map_replace        (LtRedactionMap  *self,
                                                 LtRedactionKind  kind,
                                                 const char      *original);

/* The replacement already recorded for @original, or NULL.
 * Returns: (transfer full) (nullable) */
char           *lt_redaction_map_lookup         (LtRedactionMap  *self,
                                                 LtRedactionKind  kind,
                                                 const char      *original);

/* A word met without context (no "user=", not shaped like an address)
 * that the map already knows as a short host name, a user name or a
 * keyword: its kind and replacement, so that what was learnt once is
 * replaced everywhere.
 * Returns: (transfer full) (nullable) */
char           *lt_redaction_map_lookup_word    (LtRedactionMap  *self,
                                                 const char      *word,
                                                 gsize            length,
                                                 LtRedactionKind *kind);

/* How many originals the map holds. */
guint           lt_redaction_map_get_size       (LtRedactionMap  *self);

/* Every replacement in @text that this map made, with its original
 * ("host3 fails to reach 240.0.2.7"), ordered by offset.
 * Returns: (transfer full) (element-type LtRedactionUnmasked) */
GPtrArray      *lt_redaction_map_unmask         (LtRedactionMap  *self,
                                                 const char      *text);

/* How a vendor's text is shown on this machine, the one rendering the
 * CLI and the app share: @text made displayable as @flags say
 * (lt_text_dup_displayable()), each replacement this map made followed
 * by its original in brackets, "host3 (db1.corp.example.com) fails to
 * reach 240.0.0.7 (10.0.3.7)". An original is shown as one line
 * (LT_TEXT_SINGLE_LINE), whatever it holds. @notes, when given, gets each
 * inserted "(original)": @offset and @length of it in the returned text,
 * with its kind and original (displayable), for a UI to style it.
 * Returns: (transfer full) */
char           *lt_redaction_map_dup_unmasked   (LtRedactionMap  *self,
                                                 const char      *text,
                                                 LtTextFlags      flags,
                                                 GPtrArray      **notes);

/* {"version": 1, "tables": {"host": {"next": 2, "entries": {"db1": "host0",
 * …}}, …}}: docs/bundle.md.
 * Returns: (transfer full) */
JsonNode       *lt_redaction_map_to_json        (LtRedactionMap  *self);
LtRedactionMap *lt_redaction_map_new_from_json  (JsonNode        *node,
                                                 GError         **error);

G_END_DECLS
