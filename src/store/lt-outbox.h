/* lt-outbox.h: the durable queue of actions for the portal
 *
 * Every action that must reach the portal (a ticket, a comment, a change
 * notice, a reopen…) is written to the outbox in the same transaction as
 * the local change it belongs to, with a UUID idempotency key that goes out
 * as `Idempotency-Key`. The state machine and its guarantees are in
 * docs/store.md, "The outbox".
 *
 *   pending --claim--> sending --mark_sent--> sent --prune--> (deleted)
 *      ^                 |  |
 *      +---mark_retry----+  +--mark_failed--> failed --discard--> (deleted)
 *      +-----------------(user) retry------------+
 *   sending --(crash, next open)--> pending      (same key)
 *   pending --discard (user, before any send)--> (deleted)
 *
 * Every function takes the caller's `now`; instants are stored in UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lt-outbox-item.h"
#include "lt-store.h"

G_BEGIN_DECLS

#define LT_TYPE_OUTBOX (lt_outbox_get_type ())
G_DECLARE_FINAL_TYPE (LtOutbox, lt_outbox, LT, OUTBOX, GObject)

LtOutbox     *lt_outbox_new              (LtStore        *store);
LtStore      *lt_outbox_get_store        (LtOutbox       *self);

char         *lt_outbox_enqueue          (LtOutbox       *self,
                                          const char     *kind,
                                          const char     *payload,
                                          const char     *depends_on,
                                          GDateTime      *now,
                                          GError        **error);
gboolean      lt_outbox_enqueue_with_key (LtOutbox       *self,
                                          const char     *key,
                                          const char     *kind,
                                          const char     *payload,
                                          const char     *depends_on,
                                          GDateTime      *now,
                                          GError        **error);

LtOutboxItem *lt_outbox_claim_next       (LtOutbox       *self,
                                          GDateTime      *now,
                                          GError        **error);
GPtrArray    *lt_outbox_claim_batch      (LtOutbox       *self,
                                          GDateTime      *now,
                                          guint           max_items,
                                          const char * const *joinable_kinds,
                                          GError        **error);
GPtrArray    *lt_outbox_claim_joinable   (LtOutbox       *self,
                                          GDateTime      *now,
                                          guint           max_items,
                                          const char * const *joinable_kinds,
                                          GError        **error);
gboolean      lt_outbox_mark_sent        (LtOutbox       *self,
                                          const char     *key,
                                          const char     *response,
                                          GDateTime      *now,
                                          GError        **error);
gboolean      lt_outbox_mark_retry       (LtOutbox       *self,
                                          const char     *key,
                                          const char     *last_error,
                                          GDateTime      *now,
                                          GTimeSpan       initial_delay,
                                          GTimeSpan       max_delay,
                                          GTimeSpan       retry_after,
                                          GError        **error);
gboolean      lt_outbox_release          (LtOutbox       *self,
                                          const char     *key,
                                          GError        **error);
gboolean      lt_outbox_mark_failed      (LtOutbox       *self,
                                          const char     *key,
                                          const char     *reason,
                                          GDateTime      *now,
                                          GError        **error);

gboolean      lt_outbox_retry            (LtOutbox       *self,
                                          const char     *key,
                                          GDateTime      *now,
                                          GError        **error);
gboolean      lt_outbox_discard          (LtOutbox       *self,
                                          const char     *key,
                                          GError        **error);
gboolean      lt_outbox_prune_sent       (LtOutbox       *self,
                                          GDateTime      *sent_before,
                                          guint          *n_pruned,
                                          GError        **error);

LtOutboxItem *lt_outbox_lookup           (LtOutbox       *self,
                                          const char     *key,
                                          GError        **error);
GPtrArray    *lt_outbox_list             (LtOutbox       *self,
                                          GError        **error);
GPtrArray    *lt_outbox_list_unsent      (LtOutbox       *self,
                                          const char * const *kinds,
                                          GError        **error);
gboolean      lt_outbox_count            (LtOutbox       *self,
                                          guint           counts[LT_OUTBOX_N_STATES],
                                          GError        **error);
/* The network is back: backed-off pending items are due now. */
gboolean      lt_outbox_wake_pending     (LtOutbox       *self,
                                          GDateTime      *now,
                                          guint          *n_woken,
                                          GError        **error);
gboolean      lt_outbox_get_next_due     (LtOutbox       *self,
                                          GDateTime     **next_due,
                                          GError        **error);

GTimeSpan     lt_outbox_backoff_delay    (guint           failures,
                                          GTimeSpan       initial_delay,
                                          GTimeSpan       max_delay);

G_END_DECLS
