/* lt-actions.h: what the admin does, as a local change plus an outbox item
 *
 * Every user action that must reach the portal goes through one of these
 * functions. Each one checks the policy with the core rules (lt-lifecycle,
 * lt-rules; never re-implemented here), then writes the local change and
 * its outbox item in ONE store transaction, and returns the item's
 * idempotency key. Nothing touches the network: LtSync (lt-sync.h) sends
 * the outbox later. See docs/sync.md, "Actions".
 *
 * The ticket or notice passed in names the row (by portal id, else
 * local_id); its current state is read again from the store inside the
 * transaction, so a stale object in a view cannot slip past a check.
 *
 * A ticket that is still queued (filed here, not yet accepted by the
 * portal) can already be commented on, escalated, withdrawn…: the item
 * depends on the ticket's "ticket.create" item (depends_on) and the sync
 * fills in the portal id when it sends it. The policy checks then judge the
 * ticket as the portal will see it once filed, i.e. `submitted`.
 *
 * State-changing actions (confirm closure, reopen, escalate, withdraw) are
 * shown at once: the local row takes the new state, and the sync keeps that
 * local value until the item is delivered or refused (docs/sync.md,
 * "Server wins, local unsent work is kept").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lt-change-notice.h"
#include "lt-outbox.h"
#include "lt-policy.h"
#include "lt-ticket.h"

G_BEGIN_DECLS

/* Outbox item kinds (lt_outbox_item_get_kind()). LtSync maps each to its
 * request; docs/sync.md lists the payload of each. */
#define LT_OUTBOX_KIND_TICKET_CREATE          "ticket.create"
#define LT_OUTBOX_KIND_TICKET_COMMENT         "ticket.comment"
#define LT_OUTBOX_KIND_TICKET_ATTACHMENT      "ticket.attachment"
#define LT_OUTBOX_KIND_TICKET_CONFIRM_CLOSURE "ticket.confirm-closure"
#define LT_OUTBOX_KIND_TICKET_REOPEN          "ticket.reopen"
#define LT_OUTBOX_KIND_TICKET_ESCALATE        "ticket.escalate"
#define LT_OUTBOX_KIND_TICKET_WITHDRAW        "ticket.withdraw"
#define LT_OUTBOX_KIND_CHANGE_NOTICE_CREATE   "change-notice.create"
#define LT_OUTBOX_KIND_CHANGE_NOTICE_WITHDRAW "change-notice.withdraw"
#define LT_OUTBOX_KIND_CHANGE_NOTICE_RESCHEDULE "change-notice.reschedule"

/**
 * LtFileTicketOptions:
 * @feature_criteria: (nullable): the §15 criteria of a feature request, a
 *   JSON object of criterion id → text
 * @scope_acknowledged: the user acknowledged the out-of-scope warning of
 *   the ticket's category (R7); filing an out-of-scope ticket without it is
 *   LT_ERROR_NOT_ALLOWED
 * @references_ticket: (nullable): the closed ticket this one follows up
 *   after its reopen window (R5)
 * @attachments: (nullable) (array zero-terminated=1): files to attach once
 *   the ticket is filed, checked like lt_actions_attach(); each becomes a
 *   "ticket.attachment" item that depends on the ticket's create item
 *
 * What filing needs beyond the ticket itself. A zeroed struct (or %NULL)
 * means none of these.
 */
typedef struct
{
  JsonObject         *feature_criteria;
  gboolean            scope_acknowledged;
  const char         *references_ticket;
  const char * const *attachments;
} LtFileTicketOptions;

/* File @ticket, a draft (state draft, with or without a local_id; one is
 * made when missing and set on @ticket). Checks: a title, a category the
 * policy lists and its scope acknowledgement (R7), and, when the account
 * is known locally, a complete primary technical contact (R10). On success
 * @ticket is `queued`, its row is saved by local_id, and the
 * "ticket.create" item's payload is the POST /tickets body
 * (lt_portal_json_write_ticket_request()). Returns: (transfer full) the
 * idempotency key, which is the ticket's local_id. */
char *lt_actions_file_ticket           (LtOutbox                  *outbox,
                                        LtPolicy                  *policy,
                                        LtTicket                  *ticket,
                                        const LtFileTicketOptions *options,
                                        GDateTime                 *now,
                                        GError                   **error);

/* A comment (@body not blank). Recorded as a comment event of the ticket
 * with the item's key. */
char *lt_actions_comment               (LtOutbox        *outbox,
                                        LtPolicy        *policy,
                                        LtTicket        *ticket,
                                        const char      *body,
                                        GDateTime       *now,
                                        GError         **error);

/* Attach the file at @path (a log or diagnostic bundle; @note nullable)
 * to a ticket that is queued or open. The file must exist, be a regular
 * file and be at most LT_PORTAL_MAX_UPLOAD_SIZE bytes now
 * (LT_ERROR_NOT_FOUND / LT_ERROR_INVALID_INPUT quoting the path). The
 * payload records the absolute path, size and SHA-256; the sync reads and
 * uploads the file when it sends the item, and marks the item failed with
 * a reason naming the path if the file is gone or changed by then (a
 * retry must send the very bytes a first attempt may have delivered). A
 * draft takes its files through LtFileTicketOptions.attachments. */
char *lt_actions_attach                (LtOutbox        *outbox,
                                        LtPolicy        *policy,
                                        LtTicket        *ticket,
                                        const char      *path,
                                        const char      *note,
                                        GDateTime       *now,
                                        GError         **error);

/* Attach every part of a diagnostics bundle (@parts, element-type
 * LtBundlePart, in order, the last holding MANIFEST.json; as
 * lt_bundle_job_get_parts() gives them or as the bundle reader checked
 * them) to a ticket that is queued or open: one "ticket.attachment" item
 * per part, each as lt_actions_attach() queues a file, its note naming
 * the part ("part 2 of 3") and the bundle's SHA-256 (the last part's).
 * A part must still have the size and SHA-256 its LtBundlePart records.
 * Each part's item depends on the one before (the first, on a queued
 * ticket, on its create item), so the parts reach the portal in order.
 * All parts are queued or none (one transaction).
 * Returns: (transfer full) (element-type utf8) the items' keys. */
GPtrArray *lt_actions_attach_bundle    (LtOutbox        *outbox,
                                        LtPolicy        *policy,
                                        LtTicket        *ticket,
                                        GPtrArray       *parts,
                                        GDateTime       *now,
                                        GError         **error);

/* Confirm a resolved ticket's closure (@note nullable): closed, reason
 * confirmed. */
char *lt_actions_confirm_closure       (LtOutbox        *outbox,
                                        LtPolicy        *policy,
                                        LtTicket        *ticket,
                                        const char      *note,
                                        GDateTime       *now,
                                        GError         **error);

/* Reopen a closed ticket (@reason not blank). LT_ERROR_NOT_ALLOWED after
 * the reopen window (R5), with the core's message pointing to a new ticket
 * that references this one. */
char *lt_actions_reopen                (LtOutbox        *outbox,
                                        LtPolicy        *policy,
                                        LtTicket        *ticket,
                                        const char      *reason,
                                        GDateTime       *now,
                                        GError         **error);

/* Escalate one level (R11; @reason not blank). LT_ERROR_NOT_ALLOWED at the
 * highest level. @level: (out) (optional) the level asked for. */
char *lt_actions_escalate              (LtOutbox        *outbox,
                                        LtPolicy        *policy,
                                        LtTicket        *ticket,
                                        const char      *reason,
                                        guint           *level,
                                        GDateTime       *now,
                                        GError         **error);

/* Withdraw an open ticket (@reason nullable): closed, reason withdrawn.
 * A ticket still queued is withdrawn after it is filed (the item depends
 * on the create item); to drop a ticket that never left, discard its
 * outbox item instead (lt_outbox_discard()). */
char *lt_actions_withdraw_ticket       (LtOutbox        *outbox,
                                        LtPolicy        *policy,
                                        LtTicket        *ticket,
                                        const char      *reason,
                                        GDateTime       *now,
                                        GError         **error);

/* Submit @notice (state queued, with or without a local_id; one is made
 * when missing). Checks the title and the planned start and end (a late
 * notice is allowed, R8; the portal flags it). The payload is the
 * POST /change-notices body (lt_portal_json_write_change_notice_request());
 * the key is the notice's local_id. */
char *lt_actions_submit_change_notice  (LtOutbox        *outbox,
                                        LtPolicy        *policy,
                                        LtChangeNotice  *notice,
                                        GDateTime       *now,
                                        GError         **error);

/* Send the draft @local_id (lt_store_save_change_notice_draft()): in one
 * transaction it becomes queued with its change-notice.create item, by
 * lt_actions_submit_change_notice() (same checks; a late draft is still
 * sent, R8, after the caller's late warning), its notice date now.
 * LT_ERROR_NOT_FOUND without the draft, LT_ERROR_NOT_ALLOWED when it was
 * sent already. @notice: (out) (optional) the notice as queued. */
char *lt_actions_send_change_notice_draft (LtOutbox        *outbox,
                                           LtPolicy        *policy,
                                           const char      *local_id,
                                           GDateTime       *now,
                                           LtChangeNotice **notice,
                                           GError         **error);

/* Withdraw @notice (@reason nullable; kept in the payload only: the
 * contract's withdraw body is empty): shown withdrawn at once when the
 * portal knows it; a notice still queued is withdrawn right after it is
 * filed (the item depends on its create item). LT_ERROR_NOT_ALLOWED when
 * it is withdrawn already (the contract allows any other state). */
char *lt_actions_withdraw_change_notice (LtOutbox       *outbox,
                                         LtChangeNotice *notice,
                                         const char     *reason,
                                         GDateTime      *now,
                                         GError        **error);

/* Reschedule @old: @replacement (queued, usually a copy of it with other
 * dates) is filed as a new notice that replaces it (POST /change-notices
 * with "replaces", docs/portal.md); the portal withdraws @old in the same
 * request. In one transaction: @replacement is saved with its
 * change-notice.reschedule item (key = its local id) and, when the portal
 * knows @old, @old is shown withdrawn at once; a still queued @old is
 * replaced right after it is filed (the item depends on its create item).
 * LT_ERROR_NOT_ALLOWED when @old is withdrawn (or replaced) already or a
 * draft; @replacement's checks are lt_actions_submit_change_notice()'s. */
char *lt_actions_reschedule_change_notice (LtOutbox       *outbox,
                                           LtPolicy       *policy,
                                           LtChangeNotice *old,
                                           LtChangeNotice *replacement,
                                           GDateTime      *now,
                                           GError        **error);

G_END_DECLS
