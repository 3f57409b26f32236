/* lt-store-redaction-map.h: the profile's redaction map, kept by kind
 *
 * The redaction engine (core) replaces identities consistently across
 * the bundles of one profile and turns the vendor's replacements back
 * into the real names locally; what it needs to remember is kept here,
 * one JSON document per kind of identity, which the engine alone
 * interprets (schema v7, docs/bundle.md). The store checks only that each
 * document is JSON. The map stays in the profile's database (0600) and
 * never goes into a bundle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-redaction-map.h"
#include "lt-store.h"

G_BEGIN_DECLS

GHashTable *lt_store_load_redaction_map  (LtStore     *self,
                                          GError     **error);
gboolean    lt_store_save_redaction_map  (LtStore     *self,
                                          GHashTable  *documents,
                                          GDateTime   *now,
                                          GError     **error);

/* The same map as the engine's object: the documents above are the
 * tables of lt_redaction_map_to_json() ("host", "ipv4-net"…), one per
 * row, so that a profile's map is read and written in one place for the
 * bundle job and for unmasking. An empty profile gives an empty map. */
LtRedactionMap *lt_store_get_redaction_map  (LtStore         *self,
                                             GError         **error);
gboolean        lt_store_set_redaction_map  (LtStore         *self,
                                             LtRedactionMap  *map,
                                             GDateTime       *now,
                                             GError         **error);

/**
 * LtRedactionKeyword:
 * @text: the word, or the regular expression (as GRegex reads it)
 * @pattern: whether @text is a regular expression
 *
 * One of the admin's keywords, replaced in every bundle of the profile
 * (docs/bundle.md, "Making a bundle").
 */
typedef struct
{
  char     *text;
  gboolean  pattern;
} LtRedactionKeyword;

void lt_redaction_keyword_free (LtRedactionKeyword *keyword);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtRedactionKeyword, lt_redaction_keyword_free)

/* The profile's keywords, words first, each group in byte order.
 * Returns: (transfer full) (element-type LtRedactionKeyword) */
GPtrArray  *lt_store_list_redaction_keywords  (LtStore     *self,
                                               GError     **error);
/* Adds a word (@pattern FALSE) or a regular expression: an empty text,
 * or a pattern GRegex cannot compile, is refused (%LT_ERROR_INVALID_INPUT)
 * and nothing is saved. Adding one already there changes nothing.
 * Surrounding white space is not part of it. */
gboolean    lt_store_add_redaction_keyword    (LtStore     *self,
                                               const char  *text,
                                               gboolean     pattern,
                                               GDateTime   *now,
                                               GError     **error);
/* Removes the word and the pattern written @text; %LT_ERROR_NOT_FOUND
 * when there is neither. */
gboolean    lt_store_remove_redaction_keyword (LtStore     *self,
                                               const char  *text,
                                               GError     **error);

G_END_DECLS
