/* lt-outbox-item.h: one action waiting for (or delivered to) the portal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * LtOutboxState:
 * @LT_OUTBOX_STATE_PENDING: waiting to be sent (now or after a back-off)
 * @LT_OUTBOX_STATE_SENDING: claimed by a sender; back to pending if the
 *   process dies before the portal answers
 * @LT_OUTBOX_STATE_SENT: the portal acknowledged it; may be pruned
 * @LT_OUTBOX_STATE_FAILED: the portal refused it for good; kept until the
 *   user retries or discards it
 *
 * The string forms ("pending", …) are what the database stores.
 */
typedef enum
{
  LT_OUTBOX_STATE_PENDING,
  LT_OUTBOX_STATE_SENDING,
  LT_OUTBOX_STATE_SENT,
  LT_OUTBOX_STATE_FAILED,
} LtOutboxState;
#define LT_OUTBOX_N_STATES 4

#define LT_TYPE_OUTBOX_ITEM (lt_outbox_item_get_type ())
G_DECLARE_FINAL_TYPE (LtOutboxItem, lt_outbox_item, LT, OUTBOX_ITEM, GObject)

const char    *lt_outbox_item_get_key             (LtOutboxItem *self);
const char    *lt_outbox_item_get_kind            (LtOutboxItem *self);
const char    *lt_outbox_item_get_payload         (LtOutboxItem *self);
const char    *lt_outbox_item_get_depends_on      (LtOutboxItem *self);
LtOutboxState  lt_outbox_item_get_state           (LtOutboxItem *self);
guint          lt_outbox_item_get_attempts        (LtOutboxItem *self);
GDateTime     *lt_outbox_item_get_created_at      (LtOutboxItem *self);
GDateTime     *lt_outbox_item_get_next_attempt_at (LtOutboxItem *self);
GDateTime     *lt_outbox_item_get_last_attempt_at (LtOutboxItem *self);
const char    *lt_outbox_item_get_last_error      (LtOutboxItem *self);
const char    *lt_outbox_item_get_failure_reason  (LtOutboxItem *self);
GDateTime     *lt_outbox_item_get_sent_at         (LtOutboxItem *self);
const char    *lt_outbox_item_get_response        (LtOutboxItem *self);

G_END_DECLS
