/* lt-sync.h: the sync engine between the local store and the portal
 *
 * One run pushes the outbox, then pulls what the portal knows:
 *
 *   push      claim items oldest first (depends_on and back-off honoured),
 *             send each with its idempotency key, store the portal's answer
 *             with the item marked sent in one transaction
 *   pull      account, policy, releases, maintenance windows, tickets
 *             (incremental, with their events), change notices
 *
 * The portal wins on state; local work still in the outbox is never
 * overwritten. Everything runs on the thread-default main context of the
 * caller (the store is used from that thread only). docs/sync.md has the
 * rules and their reasons.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-outbox.h"
#include "lt-policy.h"
#include "lt-portal-client.h"

G_BEGIN_DECLS

/**
 * LtSyncPhase:
 * @LT_SYNC_PHASE_IDLE: not running
 * @LT_SYNC_PHASE_PUSH: sending the outbox
 * @LT_SYNC_PHASE_ACCOUNT: GET /account
 * @LT_SYNC_PHASE_POLICY: GET /policy
 * @LT_SYNC_PHASE_RELEASES: GET /releases
 * @LT_SYNC_PHASE_MAINTENANCE: GET /maintenance-windows
 * @LT_SYNC_PHASE_TICKETS: GET /tickets and the changed tickets' histories
 * @LT_SYNC_PHASE_CHANGE_NOTICES: GET /change-notices
 * @LT_SYNC_PHASE_DONE: the last run ended (see its result)
 *
 * What a run is doing, for the UI ("Sending 2 of 5…"). The string forms
 * are the nicks ("change-notices").
 */
typedef enum
{
  LT_SYNC_PHASE_IDLE,
  LT_SYNC_PHASE_PUSH,
  LT_SYNC_PHASE_ACCOUNT,
  LT_SYNC_PHASE_POLICY,
  LT_SYNC_PHASE_RELEASES,
  LT_SYNC_PHASE_MAINTENANCE,
  LT_SYNC_PHASE_TICKETS,
  LT_SYNC_PHASE_CHANGE_NOTICES,
  LT_SYNC_PHASE_DONE,
} LtSyncPhase;

/**
 * LtSyncFlags:
 * @LT_SYNC_PUSH: send the outbox
 * @LT_SYNC_PULL: fetch what the portal knows
 * @LT_SYNC_ALL: both, push first
 * @LT_SYNC_SWITCH_PORTAL: with push and/or pull: the profile belongs to
 *   another portal and the admin chose to move it to this one (its data
 *   for the other is first kept in a profile of its own)
 */
typedef enum /*< flags >*/
{
  LT_SYNC_PUSH          = 1 << 0,
  LT_SYNC_PULL          = 1 << 1,
  LT_SYNC_ALL           = LT_SYNC_PUSH | LT_SYNC_PULL,
  LT_SYNC_SWITCH_PORTAL = 1 << 2,
} LtSyncFlags;

/**
 * LtSyncReport:
 * @n_sent: outbox items the portal acknowledged in this run
 * @n_replayed: of those, answered as a repeat of an earlier delivery
 * @n_failed: items the portal refused for good in this run (now failed)
 * @n_retry: items put back for a later attempt (the push stops at one)
 * @n_tickets_listed: tickets the incremental list returned
 * @n_tickets_fetched: ticket histories fetched (GET /tickets/{id})
 * @n_change_notices: change notices the incremental list returned
 * @n_maintenance_windows: maintenance windows the portal lists
 * @policy_updated: a new policy document was stored
 * @releases_updated: a new release catalog was stored
 *
 * What a run did; filled also when the run ends with an error.
 */
typedef struct
{
  guint    n_sent;
  guint    n_replayed;
  guint    n_failed;
  guint    n_retry;
  guint    n_tickets_listed;
  guint    n_tickets_fetched;
  guint    n_change_notices;
  guint    n_maintenance_windows;
  gboolean policy_updated;
  gboolean releases_updated;
} LtSyncReport;

/* Defaults of the outbox back-off (docs/sync.md): the first retry after
 * 30 s, doubling up to 1 h, or the portal's Retry-After when longer. */
#define LT_SYNC_DEFAULT_INITIAL_DELAY (30 * G_TIME_SPAN_SECOND)
#define LT_SYNC_DEFAULT_MAX_DELAY     (G_TIME_SPAN_HOUR)
/* An item whose answer could not be read (malformed, wrong types, too
 * large) is retried this many times before it is marked failed: the
 * portal may have done the work, and a repeat with the same key gets the
 * stored answer, which a proxy may have mangled only once. */
#define LT_SYNC_MAX_UNREADABLE_ANSWERS 5
/* Page size of the incremental lists. */
#define LT_SYNC_PAGE_SIZE 100
/* The most outbox items a push has in flight at once (docs/sync.md,
 * "Batches"). */
#define LT_SYNC_MAX_IN_FLIGHT 16
/* Sent items are kept this long before they are pruned. */
#define LT_SYNC_KEEP_SENT (7 * G_TIME_SPAN_DAY)

/* The caps of one run (docs/sync.md, "Caps"): a portal whose lists never
 * end, or end only after more than any real account holds, stops the run
 * with an error instead of holding it (and the app's one sync at a time)
 * for ever. Pages count every list page of the pull (tickets, windows,
 * notices); items the entries of those pages; bytes every answer body of
 * the pull. 2,000 pages of 100 hold the 100,000 tickets of
 * docs/performance.md twice; the duration covers the run from its start,
 * each request also having its own deadline in the client. */
#define LT_SYNC_MAX_PAGES_PER_RUN    2000
#define LT_SYNC_MAX_ITEMS_PER_RUN    (LT_SYNC_MAX_PAGES_PER_RUN * LT_SYNC_PAGE_SIZE)
#define LT_SYNC_MAX_BYTES_PER_RUN    (G_GUINT64_CONSTANT (1024) * 1024 * 1024)
#define LT_SYNC_MAX_RUN_SECONDS      (60 * 60)

/**
 * LtSyncLimits:
 * @max_pages: list pages one run reads at most
 * @max_items: list entries one run reads at most
 * @max_bytes: answer bytes one pull reads at most
 * @max_seconds: how long one run may take, from its start
 *
 * The caps of a run; lt_sync_new() uses the LT_SYNC_MAX_* constants.
 */
typedef struct
{
  guint   max_pages;
  guint   max_items;
  guint64 max_bytes;
  guint   max_seconds;
} LtSyncLimits;

/* The clock of the sync: outbox times and back-off. */
typedef GDateTime *(*LtSyncNowFunc) (gpointer user_data);

#define LT_TYPE_SYNC (lt_sync_get_type ())
G_DECLARE_FINAL_TYPE (LtSync, lt_sync, LT, SYNC, GObject)

LtSync         *lt_sync_new                (LtOutbox          *outbox,
                                            LtPortalClient    *client);


/* Properties for the UI; each notifies on change. */
LtSyncPhase     lt_sync_get_phase          (LtSync            *self);
/* 0.0 to 1.0 over the whole run; never goes back within a run. */
double          lt_sync_get_fraction       (LtSync            *self);
gboolean        lt_sync_get_running        (LtSync            *self);
/* When a run last completed without an error (kept in the store, so it
 * survives restarts); NULL before the first. (transfer full) */
GDateTime      *lt_sync_dup_last_success   (LtSync            *self);
/* The policy the portal sent (GET /policy), once a pull stored or found
 * one; NULL before. (transfer none) */
LtPolicy       *lt_sync_get_policy         (LtSync            *self);

/* The folder of the profile where the last run with
 * LT_SYNC_SWITCH_PORTAL kept the old portal's data; NULL when none did.
 * (transfer none) */
const char     *lt_sync_get_archived_profile (LtSync          *self);
/* The origin of a portal URL as profiles record it: scheme://host:port,
 * lower case, the port always written. (transfer full) */
char           *lt_sync_dup_portal_origin  (const char        *url);

/* @func: (nullable) NULL for the system clock. */
void            lt_sync_set_now_func       (LtSync            *self,
                                            LtSyncNowFunc      func,
                                            gpointer           user_data,
                                            GDestroyNotify     destroy);
void            lt_sync_set_retry_delays   (LtSync            *self,
                                            GTimeSpan          initial_delay,
                                            GTimeSpan          max_delay);
/* Lower caps, for tests that must reach them quickly. */
void            lt_sync_set_limits         (LtSync            *self,
                                            const LtSyncLimits *limits);

/* One run. Only one runs at a time (LT_ERROR_NOT_ALLOWED otherwise).
 * A profile never synced is bound to the client's portal with the first
 * answer stored; one bound to another portal fails with
 * LT_ERROR_OTHER_PORTAL before anything is sent, unless @flags has
 * LT_SYNC_SWITCH_PORTAL.
 * _finish returns FALSE with the first error that stopped or spoiled the
 * run: a transport or server error (the outbox item is due again after
 * its back-off), LT_ERROR_UNAUTHORIZED (nothing marked failed; sign in
 * again), G_IO_ERROR_CANCELLED, a store error, or an unreadable resource
 * (the other resources were still pulled). Items the portal refused for
 * good are not an error of the run: they are failed in the outbox with
 * the portal's message, and counted in @report. @report: (out) (optional)
 * (caller-allocates). */
void            lt_sync_run_async          (LtSync              *self,
                                            LtSyncFlags          flags,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean        lt_sync_run_finish         (LtSync              *self,
                                            GAsyncResult        *result,
                                            LtSyncReport        *report,
                                            GError             **error);

G_END_DECLS
