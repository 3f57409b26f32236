/* lt-store-alerts.h: what was notified, and what the deadline engine reads
 *
 * The application records every alert of the engine (lt-alerts.h) here
 * before it sends it, under the alert's key: a restart or a second process
 * never sends it again. A condition whose reason is gone is withdrawn; the
 * withdrawn records are pruned after 90 days. lt_store_load_alert_input()
 * reads what the engine needs in one go (docs/store.md, "Alerts").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-alerts.h"
#include "lt-store.h"

G_BEGIN_DECLS

/* How an alert reached the admin: a notification of its own, a line of
 * the "While you were away" summary, or not at all (its kind was switched
 * off; recorded so that switching it on does not bring back old news). */
typedef enum
{
  LT_ALERT_DELIVERY_SHOWN,
  LT_ALERT_DELIVERY_SUMMARISED,
  LT_ALERT_DELIVERY_MUTED,
} LtAlertDelivery;

const char *lt_alert_delivery_to_nick (LtAlertDelivery delivery);

/**
 * LtAlertRecord:
 * @key: the alert's key
 * @kind: its kind
 * @subject: its subject (ticket id, notice id…)
 * @due: (nullable): when it came due
 * @recorded_at: when it was recorded (sent)
 * @delivery: how it was delivered
 * @withdrawn_at: (nullable): when it was withdrawn
 */
typedef struct
{
  char            *key;
  LtAlertKind      kind;
  char            *subject;
  GDateTime       *due;
  GDateTime       *recorded_at;
  LtAlertDelivery  delivery;
  GDateTime       *withdrawn_at;
} LtAlertRecord;

void        lt_alert_record_free           (LtAlertRecord   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtAlertRecord, lt_alert_record_free)

/* How long a withdrawn record is kept. */
#define LT_STORE_ALERT_KEEP_WITHDRAWN_DAYS 90

/* @since: when this profile began to notify, created (= @now) at the first
 * call on a writable store; a read-only store answers @now. @last_check:
 * (nullable) NULL when never. */
gboolean    lt_store_get_alert_state       (LtStore          *self,
                                            GDateTime        *now,
                                            GDateTime       **since,
                                            GDateTime       **last_check,
                                            GError          **error);
gboolean    lt_store_set_alert_last_check  (LtStore          *self,
                                            GDateTime        *at,
                                            GError          **error);

/* The account's customer name and its contacts' names: the authors
 * whose events are the customer's own, not LockThreat's
 * (lt_ticket_event_is_from_vendor()). Empty before the first sync.
 * Returns: (transfer full) */
char      **lt_store_dup_customer_names    (LtStore          *self,
                                            GError          **error);

gboolean    lt_store_load_alert_input      (LtStore          *self,
                                            LtPolicy         *policy,
                                            LtReleaseCatalog *catalog,
                                            GDateTime        *now,
                                            GDateTime        *events_changed_since,
                                            LtAlertInput     *input,
                                            GError          **error);

/* Called with each batch of the engine's tickets (transfer none). */
typedef void (*LtStoreTicketBatchFunc) (GPtrArray *tickets,
                                        gpointer   user_data);

/* The same input with the tickets handed over a batch at a time, so
 * that a look holds one batch of tickets and their events, not all. */
gboolean    lt_store_stream_alert_input    (LtStore                *self,
                                            LtPolicy               *policy,
                                            LtReleaseCatalog       *catalog,
                                            GDateTime              *now,
                                            GDateTime              *events_changed_since,
                                            guint                   batch_size,
                                            LtStoreTicketBatchFunc  func,
                                            gpointer                user_data,
                                            LtAlertInput           *input,
                                            GError                **error);

/* One INSERT OR IGNORE: @recorded is TRUE only for the caller that
 * recorded the key first (of two processes racing, exactly one). */
gboolean    lt_store_record_alert          (LtStore          *self,
                                            const LtAlert    *alert,
                                            LtAlertDelivery   delivery,
                                            GDateTime        *now,
                                            gboolean         *recorded,
                                            GError          **error);
/* (element-type LtAlertRecord): shown or summarised, not withdrawn,
 * oldest recorded first. */
GPtrArray  *lt_store_list_standing_alerts  (LtStore          *self,
                                            GError          **error);
/* (element-type utf8): the keys of the standing records that are
 * conditions (not news), oldest recorded first, without the records. */
GPtrArray  *lt_store_dup_standing_condition_keys (LtStore    *self,
                                                  GError    **error);
gboolean    lt_store_withdraw_alert        (LtStore          *self,
                                            const char       *key,
                                            GDateTime        *now,
                                            GError          **error);
/* (element-type LtAlertRecord): the records of the newest summary (the
 * summarised ones sharing the newest recorded_at), earliest due first. */
GPtrArray  *lt_store_list_last_summary     (LtStore          *self,
                                            GError          **error);
gboolean    lt_store_is_alert_recorded     (LtStore          *self,
                                            const char       *key,
                                            gboolean         *recorded,
                                            GError          **error);
/* The keys of the records lt_store_prune_alerts() at @now keeps. */
GHashTable *lt_store_dup_kept_alert_keys   (LtStore          *self,
                                            GDateTime        *now,
                                            GError          **error);
/* Deletes the records withdrawn more than 90 days before @now. */
gboolean    lt_store_prune_alerts          (LtStore          *self,
                                            GDateTime        *now,
                                            guint            *n_pruned,
                                            GError          **error);

G_END_DECLS
