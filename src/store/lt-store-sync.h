/* lt-store-sync.h: what the sync engine keeps in the local store
 *
 * The sync_state table (one row per resource: "sync", "tickets",
 * "change-notices", …; "portal-hold", whose updated_since is the instant
 * before which the portal asked not to be contacted; and
 * "refetch/ticket/<id>" markers for tickets whose local copy must be read
 * again from the portal), and the cleanup of the admin's own ticket events
 * once the portal's copy of them has arrived. docs/sync.md lists them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-store.h"

G_BEGIN_DECLS

/**
 * LtSyncState:
 * @cursor: (nullable): a resource-specific position
 * @updated_since: (nullable): the `updated_since` of the next incremental
 *   pull (the portal's clock, never ours)
 * @last_attempt_at: (nullable): when a sync last tried this resource
 * @last_success_at: (nullable): when it last succeeded
 * @last_error: (nullable): why the last attempt failed
 */
typedef struct
{
  char      *cursor;
  GDateTime *updated_since;
  GDateTime *last_attempt_at;
  GDateTime *last_success_at;
  char      *last_error;
} LtSyncState;

/* The row a whole sync run writes (lt-sync.c): its last_success_at is
 * when the last full sync succeeded. */
#define LT_STORE_SYNC_RESOURCE_FULL "sync"

void       lt_sync_state_clear            (LtSyncState  *state);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LtSyncState, lt_sync_state_clear)

/* Fills @state (which must be zeroed or cleared) from the row of
 * @resource; a resource never synced leaves it all NULL. */
gboolean   lt_store_load_sync_state       (LtStore            *self,
                                           const char         *resource,
                                           LtSyncState        *state,
                                           GError            **error);
/* Writes every column of the row of @resource. */
gboolean   lt_store_save_sync_state       (LtStore            *self,
                                           const char         *resource,
                                           const LtSyncState  *state,
                                           GError            **error);
gboolean   lt_store_delete_sync_state     (LtStore            *self,
                                           const char         *resource,
                                           GError            **error);
/* The resources whose name starts with @prefix, in name order.
 * Returns: (transfer full): a NULL-terminated array */
GStrv      lt_store_list_sync_resources   (LtStore            *self,
                                           const char         *prefix,
                                           GError            **error);

/* Deletes the admin's own ticket events (outbox_key set) whose outbox item
 * was delivered (sent) or no longer exists (pruned after delivery, or
 * discarded): the portal's history now holds the delivered ones, and a
 * discarded one never happened. Records each deletion. @n_deleted:
 * (out) (optional). */
gboolean   lt_store_forget_settled_events (LtStore            *self,
                                           guint              *n_deleted,
                                           GError            **error);

/* The portal a profile belongs to (table portal_binding, docs/store.md).
 * @origin, @account, @bound_at: (out) (optional) (nullable): NULL when
 * the profile was never synced. */
gboolean   lt_store_load_portal_binding   (LtStore            *self,
                                           char              **origin,
                                           char              **account,
                                           GDateTime         **bound_at,
                                           GError            **error);
/* Records @origin as the profile's portal (replacing any). */
gboolean   lt_store_bind_portal           (LtStore            *self,
                                           const char         *origin,
                                           GDateTime          *now,
                                           GError            **error);
/* Records the account name of the bound portal, once. */
gboolean   lt_store_set_portal_account    (LtStore            *self,
                                           const char         *account,
                                           GError            **error);
/* Moves the profile to the portal @origin: copies the whole database to
 * @archive_path (a new file: a profile of its own, bound to the old
 * portal, with its unsent outbox), then empties what belonged to the old
 * portal here (account, documents, windows, tickets but drafts, notices,
 * the outbox, every sync_state row) and binds @origin, in one
 * transaction. Drafts and installations stay. */
gboolean   lt_store_switch_portal         (LtStore            *self,
                                           const char         *origin,
                                           const char         *archive_path,
                                           GDateTime          *now,
                                           GError            **error);

G_END_DECLS
