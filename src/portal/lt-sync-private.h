/* lt-sync-private.h: what the files of the sync engine share
 *
 * LtSync is one object in four files, split along its stages:
 *
 *   lt-sync.c          the object, one run (start, progress, end) and the
 *                      one portal a profile belongs to
 *   lt-sync-unsent.c   the admin's unsent work, kept over the portal's copy
 *   lt-sync-push.c     sending the outbox
 *   lt-sync-pull.c     reading what the portal knows
 *
 * Only those files include this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lt-store-sync.h"
#include "lt-sync.h"

G_BEGIN_DECLS

/* sync_state resources (docs/sync.md). */
#define RESOURCE_SYNC            LT_STORE_SYNC_RESOURCE_FULL
#define RESOURCE_ACCOUNT         "account"
#define RESOURCE_POLICY          "policy"
#define RESOURCE_RELEASES        "releases"
#define RESOURCE_MAINTENANCE     "maintenance-windows"
#define RESOURCE_TICKETS         "tickets"
#define RESOURCE_CHANGE_NOTICES  "change-notices"
/* While the portal's Retry-After runs: its updated_since column holds the
 * instant before which the portal is not asked again. */
#define RESOURCE_HOLD            "portal-hold"
#define REFETCH_TICKET_PREFIX    "refetch/ticket/"
#define REFETCH_NOTICE_PREFIX    "refetch/change-notice/"

struct _LtSync
{
  GObject         parent_instance;

  /* Owned */
  LtOutbox       *outbox;
  LtPortalClient *client;
  LtPolicy       *policy;
  LtSyncNowFunc   now_func;
  gpointer        now_data;
  GDestroyNotify  now_destroy;

  GTimeSpan       initial_delay;
  GTimeSpan       max_delay;
  LtSyncLimits    limits;
  LtSyncPhase     phase;
  double          fraction;
  LtSyncFlags     flags;
  gboolean        running;
  char           *archived_profile;
};

typedef struct _Refetch Refetch;
typedef struct _Send Send;

typedef struct
{
  LtSyncFlags    flags;
  LtSyncReport   report;
  GError        *deferred_error;   /* the first error that did not stop the run */

  /* push */
  guint          push_total;
  guint          push_done;
  guint          window;           /* how many requests may be in flight */
  GPtrArray     *sending;          /* the Send of each item claimed and not settled, oldest first */
  guint          n_in_flight;      /* of those, the requests not answered yet */
  gboolean       starting;         /* requests are being started: nothing settles meanwhile */
  gboolean       settle_failed;    /* the store failed: nothing more settles, the rest goes back */
  GError        *push_error;       /* what stops the run once nothing is in flight */

  /* pull */
  guint          pull_index;
  char          *cursor;
  guint          pages;
  GHashTable    *listed;           /* ids of the maintenance windows listed */
  GHashTable    *cursors;          /* the cursors this phase's list gave */
  GPtrArray     *to_fetch;         /* ticket ids whose history is fetched */
  GPtrArray     *fetched;          /* the page's new histories, stored with it */
  GError        *store_error;      /* storing a page failed while the next was asked for */
  gboolean       store_pending;    /* run->fetched waits for the next page's request to leave */
  GSource       *store_source;     /* then stores it, from the main loop */
  guint          fetch_index;
  GDateTime     *since;            /* the updated_since the ticket list started from */
  GDateTime     *max_updated;
  GHashTable    *unsent;           /* "ticket:ID" / "notice:ID" with unsent state changes */
  GStrv          refetch;
  guint          refetch_index;
  const Refetch *refetching;       /* the phase refetch belongs to */

  /* The caps of the whole run (LtSyncLimits) */
  guint          run_pages;
  guint          run_items;
  guint64        run_bytes;
  gboolean       capped;           /* a cap was passed: the run stops */
  GCancellable  *cancellable;      /* the run's: the caller's, or the deadline */
  GCancellable  *caller_cancellable;
  gulong         cancelled_id;
  GSource       *deadline;
  gboolean       deadline_passed;
  char          *new_origin;       /* a profile never synced: bound once the portal answers */
} Run;

/* How the item of one kind of action names what it acts on: by the portal
 * id, or by the local id of something filed here, which gets its portal id
 * when its create item is delivered (depends_on ensured that). */
typedef struct
{
  gboolean    ticket;            /* else a change notice */
  const char *id_member;
  const char *local_id_member;
  const char *unsent_prefix;     /* its entries in _lt_sync_collect_unsent() */
  const char *refetch_prefix;    /* its marker after a refusal */
  const char *names_nothing;     /* N_() */
  const char *never_filed;       /* N_() */
} Resolver;

/* lt-sync.c: one run */
LtSync         *_lt_sync_task_sync             (GTask         *task);
Run            *_lt_sync_task_run              (GTask         *task);
GCancellable   *_lt_sync_run_cancellable       (GTask         *task);
LtStore        *_lt_sync_get_store             (LtSync        *self);
GDateTime      *_lt_sync_now                   (LtSync        *self);
void            _lt_sync_report_progress       (LtSync        *self,
                                                LtSyncPhase    phase,
                                                double         within);
void            _lt_sync_set_policy            (LtSync        *self,
                                                LtPolicy      *policy);
void            _lt_sync_record_resource       (LtSync        *self,
                                                const char    *resource,
                                                const GError  *error);
void            _lt_sync_hold_portal           (LtSync        *self,
                                                GAsyncResult  *result);
void            _lt_sync_finish_run            (GTask         *task);
void            _lt_sync_fail_run              (GTask         *task,
                                                GError        *error);
gboolean        _lt_sync_stop_if_cancelled     (GTask         *task);
gboolean        _lt_sync_check_answer_id       (const char    *asked,
                                                const char    *got,
                                                GError       **error);
gboolean        _lt_sync_bind_new_portal       (LtSync        *self,
                                                Run           *run,
                                                GError       **error);
gboolean        _lt_sync_error_stops_run       (const GError  *error);

/* lt-sync-unsent.c */
extern const Resolver _lt_sync_ticket_resolver;
extern const Resolver _lt_sync_notice_resolver;

gboolean        _lt_sync_kind_changes_ticket_state (const char *kind);
JsonObject     *_lt_sync_parse_payload         (LtOutboxItem  *item,
                                                GError       **error);
gboolean        _lt_sync_payload_get_string    (JsonObject    *payload,
                                                const char    *member,
                                                gboolean       required,
                                                const char   **value,
                                                GError       **error);
const Resolver *_lt_sync_state_change_resolver (const char    *kind);
char           *_lt_sync_resolve_id            (LtSync          *self,
                                                const Resolver  *resolver,
                                                JsonObject      *payload,
                                                GError         **error);
GHashTable     *_lt_sync_collect_unsent        (LtSync              *self,
                                                const char * const  *exclude_keys,
                                                GError             **error);
gboolean        _lt_sync_store_ticket          (LtSync          *self,
                                                LtTicket        *ticket,
                                                GHashTable      *unsent,
                                                GDateTime       *now,
                                                GError         **error);
gboolean        _lt_sync_store_notice          (LtSync          *self,
                                                LtChangeNotice  *notice,
                                                GHashTable      *unsent,
                                                GDateTime       *now,
                                                GError         **error);

/* lt-sync-push.c */
void            _lt_sync_push_next             (GTask         *task);
void            _lt_sync_push_give_back        (GTask         *task);
void            _lt_sync_send_free             (Send          *send);

/* lt-sync-pull.c */
void            _lt_sync_pull_next             (GTask         *task);

G_END_DECLS
