/* lt-store-change-notices.h: change notices in the local store
 *
 * Every write records its change (LtStore::changed; docs/store.md, "Change
 * notification") and writes nothing when the row already holds the same
 * values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-change-notice.h"
#include "lt-store.h"

G_BEGIN_DECLS

/* Change notices ("change_notices", key = pk). Like tickets: a notice filed
 * here is saved by local id; the portal's copy is upserted by id and takes
 * over the local row. noticed_at (when the notice was given, for the R8
 * lead time) is set to @now when a row is first written and kept after. */
gboolean        lt_store_save_local_change_notice (LtStore        *self,
                                                   LtChangeNotice *notice,
                                                   GDateTime      *now,
                                                   GError        **error);
gboolean        lt_store_upsert_change_notice     (LtStore        *self,
                                                   LtChangeNotice *notice,
                                                   GDateTime      *now,
                                                   GError        **error);
gboolean        lt_store_delete_change_notice     (LtStore        *self,
                                                   LtChangeNotice *notice,
                                                   GError        **error);
/* Drafts (state draft): saved here with their planned start, not sent,
 * no id, no outbox item, no notice date until sent; the sync never
 * touches them. Saving again updates the draft with the same local id. */
gboolean        lt_store_save_change_notice_draft (LtStore        *self,
                                                   LtChangeNotice *notice,
                                                   GDateTime      *now,
                                                   GError        **error);
gboolean        lt_store_delete_change_notice_draft (LtStore      *self,
                                                     const char   *local_id,
                                                     GError      **error);
LtChangeNotice *lt_store_lookup_change_notice     (LtStore        *self,
                                                   const char     *id,
                                                   GError        **error);
LtChangeNotice *lt_store_lookup_change_notice_by_local_id (LtStore    *self,
                                                           const char *local_id,
                                                           GError    **error);
/* (element-type LtChangeNotice), newest planned start first. */
GPtrArray      *lt_store_load_change_notices      (LtStore        *self,
                                                   GError        **error);
GDateTime      *lt_store_dup_change_notice_noticed_at (LtStore        *self,
                                                       LtChangeNotice *notice,
                                                       GError        **error);

G_END_DECLS
