/* lt-store-entities.h: change notices, maintenance windows, the account
 * and the cached policy and release documents in the local store
 *
 * Every write records its change (LtStore::changed; docs/store.md, "Change
 * notification") and writes nothing when the row already holds the same
 * values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-account.h"
#include "lt-change-notice.h"
#include "lt-maintenance-window.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"
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

/* Maintenance windows ("maintenance_windows", key = id). */
gboolean        lt_store_upsert_maintenance_window (LtStore             *self,
                                                    LtMaintenanceWindow *window,
                                                    GDateTime           *now,
                                                    GError             **error);
/* The portal's whole list: upserts each and deletes the windows it no
 * longer lists, in one transaction. */
gboolean        lt_store_replace_maintenance_windows (LtStore              *self,
                                                      LtMaintenanceWindow * const *windows,
                                                      guint                 n_windows,
                                                      GDateTime            *now,
                                                      GError              **error);
/* Deletes every window whose id is not in the set @listed. */
gboolean        lt_store_retain_maintenance_windows (LtStore            *self,
                                                     GHashTable         *listed,
                                                     GError            **error);
gboolean        lt_store_delete_maintenance_window (LtStore             *self,
                                                    const char          *id,
                                                    GError             **error);
LtMaintenanceWindow *lt_store_lookup_maintenance_window (LtStore        *self,
                                                         const char     *id,
                                                         GError        **error);
/* (element-type LtMaintenanceWindow), earliest start first, windows
 * without a start last. */
GPtrArray      *lt_store_load_maintenance_windows (LtStore             *self,
                                                   GError             **error);
/* The account ("account", key "1"): the account row, its primary technical
 * contact and its invoices are saved and loaded as one. */
gboolean        lt_store_save_account             (LtStore             *self,
                                                   LtAccount           *account,
                                                   GDateTime           *now,
                                                   GError             **error);
/* NULL with LT_ERROR_NOT_FOUND before the first save. */
LtAccount      *lt_store_load_account             (LtStore             *self,
                                                   GError             **error);

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
