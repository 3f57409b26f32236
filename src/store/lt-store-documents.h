/* lt-store-documents.h: the cached policy and releases documents in the local store
 *
 * Every write records its change (LtStore::changed; docs/store.md, "Change
 * notification") and writes nothing when the row already holds the same
 * values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-store.h"

G_BEGIN_DECLS

/* The cached GET /policy and GET /releases documents ("documents", key =
 * the name). Saving parses the body first: a document the core refuses
 * never replaces a good copy. */
#define LT_STORE_DOCUMENT_POLICY   "policy"
#define LT_STORE_DOCUMENT_RELEASES "releases"

gboolean        lt_store_save_document            (LtStore             *self,
                                                   const char          *name,
                                                   GBytes              *body,
                                                   const char          *etag,
                                                   GDateTime           *now,
                                                   GError             **error);
/* NULL with LT_ERROR_NOT_FOUND when nothing is cached. */
GBytes         *lt_store_load_document            (LtStore             *self,
                                                   const char          *name,
                                                   char               **etag,
                                                   GDateTime          **fetched_at,
                                                   GError             **error);
LtPolicy       *lt_store_load_policy              (LtStore             *self,
                                                   GError             **error);
LtReleaseCatalog *lt_store_load_release_catalog   (LtStore             *self,
                                                   GError             **error);

G_END_DECLS
