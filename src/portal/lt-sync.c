/* lt-sync.c
 *
 * One GTask per run, driven by callbacks on the caller's main context:
 *
 *   push_next -> send_item -> *_sent_cb -> push_next … -> pull_next
 *   pull_next -> account -> policy -> releases -> maintenance -> tickets
 *             -> change notices -> run_complete
 *
 * Every store write that follows an answer of the portal is one
 * transaction with the outbox state change it belongs to, so a kill at any
 * moment leaves either "not sent" (the item is sent again with the same
 * key; the portal replays its answer) or "sent and stored".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-sync"

#include "config.h"

#include "lt-sync.h"
#include "lt-actions.h"
#include "lt-bundle-job.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-portal-enums.h"
#include "lt-store-calendar.h"
#include "lt-store-entities.h"
#include "lt-store-sync.h"
#include "lt-store-tickets.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

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

G_DEFINE_FINAL_TYPE (LtSync, lt_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OUTBOX,
  PROP_CLIENT,
  PROP_PHASE,
  PROP_FRACTION,
  PROP_RUNNING,
  PROP_POLICY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- One run ------------------------------------------------------------- */

typedef void (*PhaseFunc) (GTask *task);
typedef struct _Refetch Refetch;

typedef struct
{
  LtSyncFlags    flags;
  LtSyncReport   report;
  GError        *deferred_error;   /* the first error that did not stop the run */

  /* push */
  guint          push_total;
  guint          push_done;
  LtOutboxItem  *item;
  char          *asked_id;         /* the portal id the item's request names */

  /* pull */
  guint          pull_index;
  char          *cursor;
  guint          pages;
  GHashTable    *listed;           /* ids of the maintenance windows listed */
  GHashTable    *cursors;          /* the cursors this phase's list gave */
  GPtrArray     *to_fetch;         /* ticket ids whose history is fetched */
  GPtrArray     *fetched;          /* those fetched, stored with the page */
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

static void
run_free (gpointer data)
{
  Run *run = data;

  g_clear_error (&run->deferred_error);
  g_clear_object (&run->item);
  g_free (run->asked_id);
  g_free (run->new_origin);
  g_free (run->cursor);
  g_clear_pointer (&run->listed, g_hash_table_unref);
  g_clear_pointer (&run->cursors, g_hash_table_unref);
  if (run->deadline != NULL)
    g_source_destroy (run->deadline);
  g_clear_pointer (&run->deadline, g_source_unref);
  if (run->caller_cancellable != NULL)
    g_cancellable_disconnect (run->caller_cancellable, run->cancelled_id);
  g_clear_object (&run->caller_cancellable);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->to_fetch, g_ptr_array_unref);
  g_clear_pointer (&run->fetched, g_ptr_array_unref);
  g_clear_pointer (&run->since, g_date_time_unref);
  g_clear_pointer (&run->max_updated, g_date_time_unref);
  g_clear_pointer (&run->unsent, g_hash_table_unref);
  g_strfreev (run->refetch);
  g_free (run);
}

static LtSync *
task_sync (GTask *task)
{
  return g_task_get_source_object (task);
}

static Run *
task_run (GTask *task)
{
  return g_task_get_task_data (task);
}

/* What every request of the run is cancelled by: the caller's
 * cancellable, or the run's deadline. */
static GCancellable *
run_cancellable (GTask *task)
{
  return task_run (task)->cancellable;
}

static LtStore *
sync_store (LtSync *self)
{
  return lt_outbox_get_store (self->outbox);
}

static GDateTime *
sync_now (LtSync *self)
{
  if (self->now_func != NULL)
    return self->now_func (self->now_data);
  return g_date_time_new_now_utc ();
}

/* ---- Progress ------------------------------------------------------------ */

static void
set_phase (LtSync      *self,
           LtSyncPhase  phase)
{
  if (self->phase == phase)
    return;
  self->phase = phase;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

static void
set_fraction (LtSync *self,
              double  fraction)
{
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (G_APPROX_VALUE (self->fraction, fraction, 1e-9))
    return;
  self->fraction = fraction;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static void
set_running (LtSync   *self,
             gboolean  running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* Where each phase starts and ends on a scale where the push is the first
 * half and the pull the second; a run of one of them is rescaled. The
 * ticket phase is the widest: it is the one with many requests. */
static const struct { LtSyncPhase phase; double start, end; } phase_spans[] = {
  { LT_SYNC_PHASE_PUSH,           0.00, 0.50 },
  { LT_SYNC_PHASE_ACCOUNT,        0.50, 0.55 },
  { LT_SYNC_PHASE_POLICY,         0.55, 0.60 },
  { LT_SYNC_PHASE_RELEASES,       0.60, 0.65 },
  { LT_SYNC_PHASE_MAINTENANCE,    0.65, 0.75 },
  { LT_SYNC_PHASE_TICKETS,        0.75, 0.95 },
  { LT_SYNC_PHASE_CHANGE_NOTICES, 0.95, 1.00 },
};

static void
report_progress (LtSync      *self,
                 LtSyncPhase  phase,
                 double       within)
{
  double raw = 0.0;

  for (guint i = 0; i < G_N_ELEMENTS (phase_spans); i++)
    if (phase_spans[i].phase == phase)
      raw = phase_spans[i].start + (phase_spans[i].end - phase_spans[i].start) * CLAMP (within, 0.0, 1.0);

  if (!(self->flags & LT_SYNC_PUSH))
    raw = (raw - 0.5) / 0.5;
  else if (!(self->flags & LT_SYNC_PULL))
    raw = raw / 0.5;

  set_phase (self, phase);
  /* Never backwards within a run. */
  set_fraction (self, MAX (self->fraction, raw));
}

/* ---- The end of a run ------------------------------------------------------ */

static void
record_resource (LtSync       *self,
                 const char   *resource,
                 const GError *error)
{
  g_auto(LtSyncState) state = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = sync_now (self);

  /* Bookkeeping only: failing to write it must not turn a good run bad. */
  if (!lt_store_load_sync_state (sync_store (self), resource, &state, &local_error))
    {
      g_debug ("Reading the sync state of %s: %s", resource, local_error->message);
      return;
    }
  g_clear_pointer (&state.last_attempt_at, g_date_time_unref);
  state.last_attempt_at = g_date_time_ref (now);
  g_clear_pointer (&state.last_error, g_free);
  if (error == NULL)
    {
      g_clear_pointer (&state.last_success_at, g_date_time_unref);
      state.last_success_at = g_date_time_ref (now);
    }
  else
    state.last_error = g_strdup (error->message);

  if (!lt_store_save_sync_state (sync_store (self), resource, &state, &local_error))
    g_debug ("Writing the sync state of %s: %s", resource, local_error->message);
}

/* The portal answered 429 or 503 with Retry-After: nothing is sent to it,
 * by this process or another, before that time (an outbox item's own
 * back-off covers only that item). */
static void
hold_portal (LtSync       *self,
             GAsyncResult *result)
{
  g_auto(LtSyncState) state = { 0 };
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  guint seconds = result != NULL ? lt_portal_result_get_retry_after (result) : 0;

  if (seconds == 0)
    return;
  now = sync_now (self);
  state.updated_since = g_date_time_add_seconds (now, seconds);
  state.last_attempt_at = g_date_time_ref (now);
  if (!lt_store_save_sync_state (sync_store (self), RESOURCE_HOLD, &state, &error))
    g_debug ("Recording the portal's Retry-After: %s", error->message);
}

/* The end of a hold still running, or NULL. */
static GDateTime *
dup_hold_until (LtSync *self)
{
  g_auto(LtSyncState) state = { 0 };
  g_autoptr(GDateTime) now = sync_now (self);

  if (!lt_store_load_sync_state (sync_store (self), RESOURCE_HOLD, &state, NULL) ||
      state.updated_since == NULL || g_date_time_compare (state.updated_since, now) <= 0)
    return NULL;
  return g_steal_pointer (&state.updated_since);
}

static void
finish_run (GTask *task)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = sync_now (self);
  g_autoptr(GDateTime) keep_from = g_date_time_add (now, -LT_SYNC_KEEP_SENT);

  /* Housekeeping: the admin's own events the portal now has, and sent
   * items old enough to go. */
  if (!lt_store_forget_settled_events (sync_store (self), NULL, &error) ||
      !lt_outbox_prune_sent (self->outbox, keep_from, NULL, &error))
    {
      g_debug ("Housekeeping after a sync: %s", error->message);
      g_clear_error (&error);
    }
  /* A pull refreshed the catalog (or found it unchanged, while today
   * moved on): the calendar of estimated ends of support follows, for the
   * app and `ltsupport sync` alike (lt-store-calendar.h). A push alone
   * (filing a ticket) leaves it. A file that cannot be written does not
   * fail the sync that fetched the data. */
  if ((run->flags & LT_SYNC_PULL) &&
      !lt_store_write_support_end_calendar (sync_store (self), now, &error))
    {
      g_message ("%s", error->message);
      g_clear_error (&error);
    }

  set_phase (self, LT_SYNC_PHASE_DONE);
  set_running (self, FALSE);

  if (run->deferred_error != NULL)
    {
      record_resource (self, RESOURCE_SYNC, run->deferred_error);
      g_task_return_error (task, g_steal_pointer (&run->deferred_error));
    }
  else
    {
      if ((run->flags & LT_SYNC_ALL) == LT_SYNC_ALL)
        record_resource (self, RESOURCE_SYNC, NULL);
      set_fraction (self, 1.0);
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
}

static void
fail_run (GTask  *task,
          GError *error)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);

  /* An item still claimed here has no outcome (a local error stopped the
   * run): give it back now, not when this process exits, so that the app
   * or another process sends it again with its key. */
  if (run->item != NULL)
    {
      g_autoptr(GError) release_error = NULL;

      if (!lt_outbox_release (self->outbox, lt_outbox_item_get_key (run->item),
                              &release_error))
        g_debug ("Outbox item %s stays claimed until this process ends: %s",
                 lt_outbox_item_get_key (run->item), release_error->message);
      g_clear_object (&run->item);
    }

  /* The run's own deadline cancelled it, not the caller. */
  if (run->deadline_passed && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      guint seconds = self->limits.max_seconds;

      g_error_free (error);
      if (seconds % 60 == 0)
        error = g_error_new (LT_ERROR, LT_ERROR_TIMED_OUT,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "The sync was stopped after %u minute, the longest one run may "
                                          "take; the next sync goes on from where it stopped",
                                          "The sync was stopped after %u minutes, the longest one run may "
                                          "take; the next sync goes on from where it stopped",
                                          seconds / 60),
                             seconds / 60);
      else
        error = g_error_new (LT_ERROR, LT_ERROR_TIMED_OUT,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "The sync was stopped after %u second, the longest one run may "
                                          "take; the next sync goes on from where it stopped",
                                          "The sync was stopped after %u seconds, the longest one run may "
                                          "take; the next sync goes on from where it stopped",
                                          seconds),
                             seconds);
    }
  g_clear_error (&run->deferred_error);
  run->deferred_error = error;
  finish_run (task);
}

/* Between two steps: the caller cancelled (the run ends quietly), or the
 * run's deadline passed (it ends with that error). */
static gboolean
stop_if_cancelled (GTask *task)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      set_phase (self, LT_SYNC_PHASE_DONE);
      set_running (self, FALSE);
      g_object_unref (task);
      return TRUE;
    }
  if (g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    {
      fail_run (task, error);
      return TRUE;
    }
  return FALSE;
}

/* Counts one list page (or a ticket's history, @page NULL) against the
 * run's caps, and refuses a cursor the list gave before: either way the
 * list would go on for ever. A page past a cap is not stored. */
static gboolean
count_answer (GTask         *task,
              GAsyncResult  *result,
              LtPortalPage  *page,
              GError       **error)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);

  run->run_bytes += lt_portal_result_get_body_size (result);
  if (page != NULL)
    {
      run->run_pages++;
      run->run_items += page->items->len;
    }

  if (run->run_pages > self->limits.max_pages)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("The portal's lists did not end after %u pages, the most one sync reads; "
                     "the sync was stopped"), self->limits.max_pages);
      run->capped = TRUE;
    }
  else if (run->run_items > self->limits.max_items)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("The portal's lists did not end after %u entries, the most one sync reads; "
                     "the sync was stopped"), self->limits.max_items);
      run->capped = TRUE;
    }
  else if (run->run_bytes > self->limits.max_bytes)
    {
      g_autofree char *size = g_format_size_full (self->limits.max_bytes, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("The portal's answers exceeded %s, the most one sync reads; "
                     "the sync was stopped"), size);
      run->capped = TRUE;
    }
  if (run->capped)
    return FALSE;

  if (page != NULL && page->next_cursor != NULL)
    {
      if (run->cursors == NULL)
        run->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (!g_hash_table_add (run->cursors, g_strdup (page->next_cursor)))
        {
          g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                               _("The portal sent a page cursor it had sent before: "
                                 "the list would never end"));
          return FALSE;
        }
    }
  return TRUE;
}

/* An answer about another ticket or notice than the one asked for is
 * unreadable: storing it would overwrite the row it names. @got NULL
 * (nothing arrived) passes. */
static gboolean
check_answer_id (const char  *asked,
                 const char  *got,
                 GError     **error)
{
  if (got == NULL || g_strcmp0 (asked, got) == 0)
    return TRUE;
  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
               _("$.id: the portal answered about “%s” when asked about “%s”"), got, asked);
  return FALSE;
}

static void
set_other_portal_error (GError     **error,
                        const char  *bound,
                        const char  *origin)
{
  g_set_error (error, LT_ERROR, LT_ERROR_OTHER_PORTAL,
               _("This profile belongs to the portal %s, not %s: its tickets and its unsent "
                 "actions are that portal's. Use a separate profile for %s, or switch this "
                 "profile to it (what it holds for %s is then kept in a profile of its own)"),
               bound, origin, origin, bound);
}

/* A profile never synced belongs to the first portal that answers: it is
 * bound with the first answer stored (in the same transaction where
 * there is one), so an address that never answered binds nothing. */
static gboolean
bind_new_portal (LtSync  *self,
                 Run     *run,
                 GError **error)
{
  LtStore *store = sync_store (self);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *bound = NULL;

  if (run->new_origin == NULL)
    return TRUE;
  now = sync_now (self);
  if ((tx = lt_store_begin (store, error)) == NULL ||
      !lt_store_load_portal_binding (store, &bound, NULL, NULL, error))
    return FALSE;
  /* Another process bound it meanwhile, to another portal. */
  if (bound != NULL && !g_str_equal (bound, run->new_origin))
    {
      set_other_portal_error (error, bound, run->new_origin);
      return FALSE;
    }
  if ((bound == NULL && !lt_store_bind_portal (store, run->new_origin, now, error)) ||
      !lt_store_transaction_commit (tx, error))
    return FALSE;
  g_clear_pointer (&run->new_origin, g_free);
  return TRUE;
}

/* Whether @error must stop the run: the portal cannot be reached or asked
 * us to back off, the token is refused, the user cancelled, or the local
 * store failed. Anything else concerns one item or one resource. */
static gboolean
error_stops_run (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return TRUE;
  if (error->domain != LT_ERROR)
    return TRUE;
  if (lt_portal_error_is_retryable (error))
    return TRUE;
  switch ((LtError) error->code)
    {
    case LT_ERROR_UNAUTHORIZED:
    case LT_ERROR_CREDENTIALS:
    case LT_ERROR_OTHER_PORTAL:
    case LT_ERROR_TLS:
    case LT_ERROR_STORE:
    case LT_ERROR_STORE_CORRUPT:
      return TRUE;
    case LT_ERROR_INVALID_INPUT:
    case LT_ERROR_INVALID_DATA:
    case LT_ERROR_NOT_FOUND:
    case LT_ERROR_NOT_ALLOWED:
    case LT_ERROR_NETWORK:
    case LT_ERROR_TIMED_OUT:
    case LT_ERROR_SERVER:
    case LT_ERROR_RATE_LIMITED:
    case LT_ERROR_REJECTED:
    default:
      return FALSE;
    }
}

/* ---- Unsent local work ------------------------------------------------------ */

static gboolean
kind_changes_ticket_state (const char *kind)
{
  return g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_CONFIRM_CLOSURE) == 0 ||
         g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_REOPEN) == 0 ||
         g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_WITHDRAW) == 0 ||
         g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_ESCALATE) == 0;
}

static JsonObject *
parse_payload (LtOutboxItem  *item,
               GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) json_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, lt_outbox_item_get_payload (item), -1, &json_error))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("$: the stored request is not JSON: %s"), json_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                           _("$: the stored request is not a JSON object"));
      return NULL;
    }
  return json_object_ref (json_node_get_object (root));
}

/* A string or null member of a payload; a missing member reads as null
 * when @required is FALSE. */
static gboolean
payload_get_string (JsonObject   *payload,
                    const char   *member,
                    gboolean      required,
                    const char  **value,
                    GError      **error)
{
  JsonNode *node = json_object_get_member (payload, member);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("$.%s: missing from the stored request"), member);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("$.%s: expected a string in the stored request"), member);
      return FALSE;
    }
  *value = json_node_get_string (node);
  return TRUE;
}

/* How the item of one kind of action names what it acts on: by the portal
 * id, or by the local id of something filed here, which gets its portal id
 * when its create item is delivered (depends_on ensured that). */
typedef struct
{
  gboolean    ticket;            /* else a change notice */
  const char *id_member;
  const char *local_id_member;
  const char *unsent_prefix;     /* its entries in collect_unsent() */
  const char *refetch_prefix;    /* its marker after a refusal */
  const char *names_nothing;     /* N_() */
  const char *never_filed;       /* N_() */
} Resolver;

static const Resolver ticket_resolver = {
  TRUE, "ticket_id", "ticket_local_id", "ticket:", REFETCH_TICKET_PREFIX,
  N_("$.ticket_id: the stored request names no ticket"),
  N_("The ticket this action belongs to was never filed"),
};

static const Resolver notice_resolver = {
  FALSE, "id", "local_id", "notice:", REFETCH_NOTICE_PREFIX,
  N_("$.id: the stored request names no change notice"),
  N_("The change notice this action belongs to was never filed"),
};

/* The resolver of an item whose result was shown here at once (a new
 * state, an escalation level, a withdrawn notice), or NULL. */
static const Resolver *
state_change_resolver (const char *kind)
{
  if (kind_changes_ticket_state (kind))
    return &ticket_resolver;
  /* A reschedule withdraws the notice it replaces: "id" / "local_id" of
   * its payload name that one. */
  if (g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_WITHDRAW) == 0 ||
      g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_RESCHEDULE) == 0)
    return &notice_resolver;
  return NULL;
}

/* The portal id of what a payload names. */
static char *
resolve_id (LtSync          *self,
            const Resolver  *resolver,
            JsonObject      *payload,
            GError         **error)
{
  LtStore *store = sync_store (self);
  g_autoptr(GObject) filed = NULL;
  g_autofree char *filed_id = NULL;
  const char *id, *local_id;

  if (!payload_get_string (payload, resolver->id_member, FALSE, &id, error) ||
      !payload_get_string (payload, resolver->local_id_member, FALSE, &local_id, error))
    return NULL;
  if (id != NULL)
    return g_strdup (id);
  if (local_id == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_DATA, _(resolver->names_nothing));
      return NULL;
    }

  filed = resolver->ticket
    ? G_OBJECT (lt_store_lookup_ticket_by_local_id (store, local_id, error))
    : G_OBJECT (lt_store_lookup_change_notice_by_local_id (store, local_id, error));
  if (filed == NULL)
    return NULL;
  /* Both models name the portal's id "id". */
  g_object_get (filed, "id", &filed_id, NULL);
  if (filed_id == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_FOUND, _(resolver->never_filed));
      return NULL;
    }
  return g_steal_pointer (&filed_id);
}

/* What an unsent action changed on the local row: only those fields are
 * kept when the portal's copy arrives. */
typedef enum
{
  UNSENT_STATE = 1 << 0,   /* state, close reason, closed at */
  UNSENT_LEVEL = 1 << 1,   /* escalation level */
} UnsentFields;

/* The tickets and notices whose state the admin changed here and that the
 * portal has not acknowledged yet ("ticket:LT-000123", "notice:CN-…") with
 * the UnsentFields of each, leaving out the item @exclude_key. */
static GHashTable *
collect_unsent (LtSync      *self,
                const char  *exclude_key,
                GError     **error)
{
  g_autoptr(GHashTable) unsent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) items = lt_outbox_list (self->outbox, error);

  if (items == NULL)
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      LtOutboxItem *item = g_ptr_array_index (items, i);
      LtOutboxState state = lt_outbox_item_get_state (item);
      const char *kind = lt_outbox_item_get_kind (item);
      const Resolver *resolver = state_change_resolver (kind);
      g_autoptr(JsonObject) payload = NULL;
      g_autofree char *id = NULL;

      if (state != LT_OUTBOX_STATE_PENDING && state != LT_OUTBOX_STATE_SENDING)
        continue;
      if (g_strcmp0 (lt_outbox_item_get_key (item), exclude_key) == 0)
        continue;
      if (resolver == NULL)
        continue;

      /* An item that cannot be read or resolved changes nothing here; the
       * push reports it on its own. */
      payload = parse_payload (item, NULL);
      if (payload == NULL)
        continue;
      id = resolve_id (self, resolver, payload, NULL);
      if (id != NULL)
        {
          g_autofree char *name = g_strconcat (resolver->unsent_prefix, id, NULL);
          guint fields = GPOINTER_TO_UINT (g_hash_table_lookup (unsent, name));

          fields |= g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_ESCALATE) == 0 ? UNSENT_LEVEL : UNSENT_STATE;
          g_hash_table_replace (unsent, g_steal_pointer (&name), GUINT_TO_POINTER (fields));
        }
    }
  return g_steal_pointer (&unsent);
}

static guint
unsent_fields (GHashTable *unsent,
               const char *prefix,
               const char *id)
{
  g_autofree char *key = NULL;

  if (unsent == NULL || id == NULL)
    return 0;
  key = g_strconcat (prefix, id, NULL);
  return GPOINTER_TO_UINT (g_hash_table_lookup (unsent, key));
}

/* The portal wins, except on the fields the admin changed here that are
 * still on their way. */
static gboolean
keep_unsent_ticket_state (LtSync      *self,
                          GHashTable  *unsent,
                          LtTicket    *fetched,
                          GError     **error)
{
  g_autoptr(LtTicket) stored = NULL;
  g_autoptr(GError) local_error = NULL;
  guint fields = unsent_fields (unsent, ticket_resolver.unsent_prefix, lt_ticket_get_id (fetched));

  if (fields == 0)
    return TRUE;
  stored = lt_store_lookup_ticket (sync_store (self), lt_ticket_get_id (fetched), &local_error);
  if (stored == NULL)
    {
      if (g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_object_freeze_notify (G_OBJECT (fetched));
  if (fields & UNSENT_STATE)
    {
      lt_ticket_set_state (fetched, lt_ticket_get_state (stored));
      lt_ticket_set_close_reason (fetched, lt_ticket_get_close_reason (stored));
      lt_ticket_set_closed_at (fetched, lt_ticket_get_closed_at (stored));
    }
  if (fields & UNSENT_LEVEL)
    lt_ticket_set_escalation_level (fetched, lt_ticket_get_escalation_level (stored));
  g_object_thaw_notify (G_OBJECT (fetched));
  return TRUE;
}

static gboolean
keep_unsent_notice_state (LtSync          *self,
                          GHashTable      *unsent,
                          LtChangeNotice  *fetched,
                          GError         **error)
{
  g_autoptr(LtChangeNotice) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  if (unsent_fields (unsent, notice_resolver.unsent_prefix, lt_change_notice_get_id (fetched)) == 0)
    return TRUE;
  stored = lt_store_lookup_change_notice (sync_store (self), lt_change_notice_get_id (fetched),
                                          &local_error);
  if (stored == NULL)
    {
      if (g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  lt_change_notice_set_state (fetched, lt_change_notice_get_state (stored));
  return TRUE;
}

/* A ticket with its history, as the portal sent it: row and events. */
static gboolean
store_ticket (LtSync      *self,
              LtTicket    *ticket,
              GHashTable  *unsent,
              GDateTime   *now,
              GError     **error)
{
  LtStore *store = sync_store (self);
  GListModel *events = lt_ticket_get_events (ticket);
  guint n_events = g_list_model_get_n_items (events);
  g_autoptr(GPtrArray) array = g_ptr_array_new_full (n_events, g_object_unref);

  if (!keep_unsent_ticket_state (self, unsent, ticket, error))
    return FALSE;
  for (guint i = 0; i < n_events; i++)
    g_ptr_array_add (array, g_list_model_get_item (events, i));

  return lt_store_upsert_ticket (store, ticket, now, error) &&
         lt_store_replace_ticket_events (store, ticket, (LtTicketEvent * const *) array->pdata,
                                         array->len, error);
}

/* A change notice as the portal sent it. */
static gboolean
store_notice (LtSync          *self,
              LtChangeNotice  *notice,
              GHashTable      *unsent,
              GDateTime       *now,
              GError         **error)
{
  return keep_unsent_notice_state (self, unsent, notice, error) &&
         lt_store_upsert_change_notice (sync_store (self), notice, now, error);
}

/* ---- Push ------------------------------------------------------------------ */

static void push_next (GTask *task);
static void pull_next (GTask *task);

static void
push_progress (GTask *task)
{
  Run *run = task_run (task);
  double within = run->push_total > 0 ? (double) run->push_done / run->push_total : 1.0;

  report_progress (task_sync (task), LT_SYNC_PHASE_PUSH, within);
}

static void
push_item_done (GTask *task)
{
  Run *run = task_run (task);

  g_clear_object (&run->item);
  run->push_done++;
  push_progress (task);
  push_next (task);
}

/* The portal refused the item for good: failed, with its message. An
 * action whose result was shown at once (a new state, a withdrawn notice)
 * also leaves a marker, in the same transaction, so that the next pull
 * reads that ticket or notice again and the portal's state replaces the
 * one shown. */
static void
fail_item (GTask        *task,
           const GError *error)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  LtStore *store = sync_store (self);
  const char *key = lt_outbox_item_get_key (run->item);
  const char *kind = lt_outbox_item_get_kind (run->item);
  const Resolver *resolver = state_change_resolver (kind);
  g_autoptr(JsonObject) payload = parse_payload (run->item, NULL);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GDateTime) now = sync_now (self);
  g_autofree char *id = NULL;
  g_autofree char *resource = NULL;
  LtSyncState marker = { 0 };

  g_debug ("Outbox item %s (%s) refused: %s", key, kind, error->message);

  if (payload != NULL && resolver != NULL)
    {
      id = resolve_id (self, resolver, payload, NULL);
      resource = id != NULL ? g_strconcat (resolver->refetch_prefix, id, NULL) : NULL;
    }

  if ((tx = lt_store_begin (store, &store_error)) == NULL ||
      !lt_outbox_mark_failed (self->outbox, key, error->message, now, &store_error) ||
      (resource != NULL && !lt_store_save_sync_state (store, resource, &marker, &store_error)) ||
      !lt_store_transaction_commit (tx, &store_error))
    {
      fail_run (task, g_steal_pointer (&store_error));
      return;
    }
  run->report.n_failed++;
  push_item_done (task);
}

/* The stored request cannot be sent as it is (unreadable payload, a file
 * that is gone, a ticket never filed): failed with the reason, never
 * dropped. A store error stops the run instead. */
static void
item_unsendable (GTask  *task,
                 GError *error)
{
  g_autoptr(GError) owned = error;

  if (error_stops_run (owned))
    {
      fail_run (task, g_steal_pointer (&owned));
      return;
    }
  fail_item (task, owned);
}

/* Puts the item back to pending (same key) after a back-off, or at once
 * with @immediately, and stops the run with @error. */
static void
retry_item (GTask    *task,
            GError   *error,
            guint     retry_after,
            gboolean  immediately)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(GError) owned = error;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GDateTime) now = sync_now (self);

  g_debug ("Outbox item %s (%s) put back: %s", lt_outbox_item_get_key (run->item),
           lt_outbox_item_get_kind (run->item), owned->message);
  if (!lt_outbox_mark_retry (self->outbox, lt_outbox_item_get_key (run->item), owned->message, now,
                             immediately ? 0 : self->initial_delay,
                             immediately ? 0 : self->max_delay,
                             (GTimeSpan) retry_after * G_TIME_SPAN_SECOND, &store_error))
    {
      fail_run (task, g_steal_pointer (&store_error));
      return;
    }
  if (!immediately)
    run->report.n_retry++;
  g_clear_object (&run->item);
  fail_run (task, g_steal_pointer (&owned));
}

static void
retry_item_after (GTask        *task,
                  GAsyncResult *result,
                  GError       *error)
{
  hold_portal (task_sync (task), result);
  retry_item (task, error, result != NULL ? lt_portal_result_get_retry_after (result) : 0, FALSE);
}

/* What a failed send means for the item (docs/sync.md, "Errors"). */
static void
handle_send_error (GTask        *task,
                   GAsyncResult *result,
                   GError       *error)
{
  Run *run = task_run (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, LT_ERROR, LT_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, LT_ERROR, LT_ERROR_CREDENTIALS))
    {
      /* Not the item's fault: due again at once, nothing failed. */
      retry_item (task, error, 0, TRUE);
      return;
    }
  if (lt_portal_error_is_retryable (error) || g_error_matches (error, LT_ERROR, LT_ERROR_TLS))
    {
      retry_item_after (task, result, error);
      return;
    }
  if (g_error_matches (error, LT_ERROR, LT_ERROR_INVALID_DATA))
    {
      /* The portal may have done the work; ask again with the same key
       * for the stored answer, a few times. */
      if (lt_outbox_item_get_attempts (run->item) + 1 < LT_SYNC_MAX_UNREADABLE_ANSWERS)
        {
          retry_item (task, error, 0, FALSE);
          return;
        }
      g_prefix_error (&error, _("The portal's answer could not be read after %u attempts: "),
                      (guint) LT_SYNC_MAX_UNREADABLE_ANSWERS);
    }
  if (error->domain == LT_ERROR && !error_stops_run (error))
    {
      fail_item (task, error);
      g_error_free (error);
      return;
    }
  /* The store failed, or something unexpected: no outcome for the item;
   * stopping the run gives it back (fail_run). */
  fail_run (task, error);
}

/* A delivered attachment's file is read no more: a bundle part the
 * profile wrote for it goes (lt_bundle_job_remove_delivered()). */
static void
forget_delivered_file (LtSync       *self,
                       LtOutboxItem *item)
{
  g_autoptr(JsonObject) payload = parse_payload (item, NULL);
  const char *path = NULL;

  if (payload != NULL && payload_get_string (payload, "path", FALSE, &path, NULL) && path != NULL)
    lt_bundle_job_remove_delivered (sync_store (self), path);
}

/* The answer to an item, the ticket or the change notice it acted on (the
 * other NULL): store it and mark the item sent, in one transaction. */
static void
item_answered (GTask           *task,
               GAsyncResult    *result,
               LtTicket        *ticket,
               LtChangeNotice  *notice,
               gboolean         replayed,
               GError          *error)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  LtStore *store = sync_store (self);
  const char *key = lt_outbox_item_get_key (run->item);
  const char *kind = lt_outbox_item_get_kind (run->item);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GHashTable) unsent = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autofree char *response = NULL;

  if (ticket == NULL && notice == NULL)
    {
      handle_send_error (task, result, error);
      return;
    }
  /* An action on one ticket answered with another is unreadable: the
   * portal may have done the work, and a repeat gets the stored answer. */
  if (run->asked_id != NULL &&
      !check_answer_id (run->asked_id,
                        ticket != NULL ? lt_ticket_get_id (ticket) : lt_change_notice_get_id (notice),
                        &store_error))
    {
      handle_send_error (task, result, g_steal_pointer (&store_error));
      return;
    }

  now = sync_now (self);
  if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_CREATE) == 0)
    lt_ticket_set_local_id (ticket, key);
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_CREATE) == 0 ||
           g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_RESCHEDULE) == 0)
    lt_change_notice_set_local_id (notice, key);
  response = g_strdup_printf ("{\"id\": \"%s\", \"replayed\": %s}",
                              ticket != NULL ? lt_ticket_get_id (ticket)
                                             : lt_change_notice_get_id (notice),
                              replayed ? "true" : "false");

  /* Once the item is sent, the admin's own events it added to the ticket
   * give way to the portal's history. */
  if ((tx = lt_store_begin (store, &store_error)) == NULL ||
      !bind_new_portal (self, run, &store_error) ||
      (unsent = collect_unsent (self, key, &store_error)) == NULL ||
      (ticket != NULL && !store_ticket (self, ticket, unsent, now, &store_error)) ||
      (notice != NULL && !store_notice (self, notice, unsent, now, &store_error)) ||
      !lt_outbox_mark_sent (self->outbox, key, response, now, &store_error) ||
      (ticket != NULL && !lt_store_forget_settled_events (store, NULL, &store_error)) ||
      !lt_store_transaction_commit (tx, &store_error))
    {
      /* An answer the store refuses (an id that belongs to another item
       * filed here) is unreadable: nothing of it was written. */
      g_clear_pointer (&tx, lt_store_transaction_free);
      if (g_error_matches (store_error, LT_ERROR, LT_ERROR_INVALID_DATA))
        handle_send_error (task, result, g_steal_pointer (&store_error));
      else
        fail_run (task, g_steal_pointer (&store_error));
      return;
    }

  if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_ATTACHMENT) == 0)
    forget_delivered_file (self, run->item);
  g_debug ("Outbox item %s (%s) delivered%s", key, kind, replayed ? " (replayed)" : "");
  run->report.n_sent++;
  if (replayed)
    run->report.n_replayed++;
  push_item_done (task);
}

static void
create_ticket_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  gboolean replayed = FALSE;

  ticket = lt_portal_client_create_ticket_finish (LT_PORTAL_CLIENT (source), result, &replayed, &error);
  item_answered (user_data, result, ticket, NULL, replayed, g_steal_pointer (&error));
}

static void
ticket_action_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = NULL;

  ticket = lt_portal_client_ticket_action_finish (LT_PORTAL_CLIENT (source), result, &error);
  item_answered (user_data, result, ticket, NULL,
                 ticket != NULL && lt_portal_result_get_replayed (result), g_steal_pointer (&error));
}

static void
notice_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtChangeNotice) notice = NULL;
  gboolean replayed = FALSE;

  notice = lt_portal_client_change_notice_finish (LT_PORTAL_CLIENT (source), result, &replayed, &error);
  item_answered (user_data, result, NULL, notice, replayed, g_steal_pointer (&error));
}

/* The file of an attachment item, as it was when attached. */
static GBytes *
read_attachment (JsonObject  *payload,
                 const char **file_name,
                 const char **content_type,
                 const char **note,
                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autofree char *checksum = NULL;
  g_autoptr(GError) read_error = NULL;
  const char *path, *sha256;
  JsonNode *size_node;
  gsize length = 0;

  if (!payload_get_string (payload, "path", TRUE, &path, error) ||
      !payload_get_string (payload, "file_name", TRUE, file_name, error) ||
      !payload_get_string (payload, "content_type", FALSE, content_type, error) ||
      !payload_get_string (payload, "sha256", TRUE, &sha256, error) ||
      !payload_get_string (payload, "note", FALSE, note, error))
    return NULL;
  size_node = json_object_get_member (payload, "size");
  if (size_node == NULL || !JSON_NODE_HOLDS_VALUE (size_node) ||
      json_node_get_value_type (size_node) != G_TYPE_INT64)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                           _("$.size: expected a whole number in the stored request"));
      return NULL;
    }

  display = g_filename_display_name (path);
  if (!g_file_get_contents (path, &contents, &length, &read_error))
    {
      if (g_error_matches (read_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                     _("The attached file “%s” no longer exists; attach it again"), display);
      else
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                     _("The attached file “%s” cannot be read: %s"), display, read_error->message);
      return NULL;
    }

  /* A retry must send the very bytes an earlier attempt may have
   * delivered: the portal answers a repeated key with another body 409. */
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  if ((gint64) length != json_node_get_int (size_node) || g_strcmp0 (checksum, sha256) != 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("The attached file “%s” changed after it was attached; attach it again"),
                   display);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

static void
send_ticket_action (GTask       *task,
                    const char  *kind,
                    JsonObject  *payload,
                    const char  *key)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  GCancellable *cancellable = run_cancellable (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket_id = resolve_id (self, &ticket_resolver, payload, &error);
  const char *text = NULL;

  if (ticket_id == NULL)
    {
      item_unsendable (task, g_steal_pointer (&error));
      return;
    }
  g_free (run->asked_id);
  run->asked_id = g_strdup (ticket_id);

  if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_COMMENT) == 0)
    {
      if (payload_get_string (payload, "body", TRUE, &text, &error))
        lt_portal_client_add_comment_async (self->client, ticket_id, key, text, cancellable,
                                            ticket_action_cb, task);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_CONFIRM_CLOSURE) == 0)
    {
      if (payload_get_string (payload, "note", FALSE, &text, &error))
        lt_portal_client_confirm_closure_async (self->client, ticket_id, key, text, cancellable,
                                                ticket_action_cb, task);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_REOPEN) == 0)
    {
      if (payload_get_string (payload, "reason", TRUE, &text, &error))
        lt_portal_client_reopen_async (self->client, ticket_id, key, text, cancellable,
                                       ticket_action_cb, task);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_ESCALATE) == 0)
    {
      if (payload_get_string (payload, "reason", TRUE, &text, &error))
        lt_portal_client_escalate_async (self->client, ticket_id, key, text, cancellable,
                                         ticket_action_cb, task);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_WITHDRAW) == 0)
    {
      if (payload_get_string (payload, "reason", FALSE, &text, &error))
        lt_portal_client_withdraw_ticket_async (self->client, ticket_id, key, text, cancellable,
                                                ticket_action_cb, task);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_ATTACHMENT) == 0)
    {
      const char *file_name = NULL, *content_type = NULL, *note = NULL;
      g_autoptr(GBytes) contents = read_attachment (payload, &file_name, &content_type, &note, &error);

      if (contents != NULL)
        lt_portal_client_upload_attachment_async (self->client, ticket_id, key, file_name,
                                                  content_type, contents, note, cancellable,
                                                  ticket_action_cb, task);
    }
  else
    g_assert_not_reached ();

  if (error != NULL)
    item_unsendable (task, g_steal_pointer (&error));
}

/* @stored (read from the outbox, so sealed) as a new object with
 * "replaces": @notice_id. */
static JsonNode *
copy_body_replacing (JsonObject *stored,
                     const char *notice_id)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GList) members = json_object_get_members (stored);
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  for (GList *l = members; l != NULL; l = l->next)
    if (g_strcmp0 (l->data, "replaces") != 0)
      json_object_set_member (object, l->data,
                              json_node_copy (json_object_get_member (stored, l->data)));
  json_object_set_string_member (object, "replaces", notice_id);
  json_node_set_object (node, object);
  return node;
}

static void
send_item (GTask        *task,
           LtOutboxItem *item)
{
  LtSync *self = task_sync (task);
  GCancellable *cancellable = run_cancellable (task);
  const char *kind = lt_outbox_item_get_kind (item);
  const char *key = lt_outbox_item_get_key (item);
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(GError) error = NULL;

  g_debug ("Sending outbox item %s (%s), attempt %u", key, kind, lt_outbox_item_get_attempts (item) + 1);
  g_clear_pointer (&task_run (task)->asked_id, g_free);

  /* A stored request that cannot be read is failed with the reason, never
   * dropped: the user sees it in the outbox. */
  payload = parse_payload (item, &error);
  if (payload == NULL)
    {
      item_unsendable (task, g_steal_pointer (&error));
      return;
    }

  if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_CREATE) == 0 ||
      g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_CREATE) == 0)
    {
      g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (body, payload);
      if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_CREATE) == 0)
        lt_portal_client_create_ticket_async (self->client, key, body, cancellable,
                                              create_ticket_cb, task);
      else
        lt_portal_client_create_change_notice_async (self->client, key, body, cancellable,
                                                     notice_sent_cb, task);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_RESCHEDULE) == 0)
    {
      g_autofree char *notice_id = resolve_id (self, &notice_resolver, payload, &error);
      g_autoptr(JsonNode) body = NULL;
      JsonNode *stored_body;

      if (notice_id == NULL)
        {
          item_unsendable (task, g_steal_pointer (&error));
          return;
        }
      stored_body = json_object_get_member (payload, "body");
      if (stored_body == NULL || !JSON_NODE_HOLDS_OBJECT (stored_body))
        {
          g_set_error_literal (&error, LT_ERROR, LT_ERROR_INVALID_DATA,
                               _("$.body: the stored request has no change notice"));
          item_unsendable (task, g_steal_pointer (&error));
          return;
        }
      /* The POST /change-notices body, naming the notice replaced by the
       * id it has now (it may have been filed after this was queued). The
       * key is the new notice's: a repeat gets the stored answer, and the
       * old one is withdrawn once. */
      body = copy_body_replacing (json_node_get_object (stored_body), notice_id);
      lt_portal_client_create_change_notice_async (self->client, key, body, cancellable,
                                                   notice_sent_cb, task);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_WITHDRAW) == 0)
    {
      g_autofree char *notice_id = resolve_id (self, &notice_resolver, payload, &error);

      if (notice_id == NULL)
        {
          item_unsendable (task, g_steal_pointer (&error));
          return;
        }
      g_free (task_run (task)->asked_id);
      task_run (task)->asked_id = g_strdup (notice_id);
      /* The contract's body is {} (data/portal-api.yaml): the reason the
       * admin gave stays in the local payload. */
      lt_portal_client_withdraw_change_notice_async (self->client, notice_id, key,
                                                     cancellable, notice_sent_cb, task);
    }
  else if (g_str_has_prefix (kind, "ticket.") &&
           (kind_changes_ticket_state (kind) ||
            g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_COMMENT) == 0 ||
            g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_ATTACHMENT) == 0))
    {
      send_ticket_action (task, kind, payload, key);
    }
  else
    {
      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("This version of LockThreat Support does not know how to send “%s”"), kind);
      item_unsendable (task, g_steal_pointer (&error));
    }
}

static void
push_next (GTask *task)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;

  if (stop_if_cancelled (task))
    return;

  now = sync_now (self);
  run->item = lt_outbox_claim_next (self->outbox, now, &error);
  if (run->item == NULL)
    {
      if (error != NULL)
        {
          fail_run (task, g_steal_pointer (&error));
          return;
        }
      report_progress (self, LT_SYNC_PHASE_PUSH, 1.0);
      if (run->flags & LT_SYNC_PULL)
        pull_next (task);
      else
        finish_run (task);
      return;
    }

  /* New items may arrive while the push runs: grow the total. */
  run->push_total = MAX (run->push_total, run->push_done + 1);
  send_item (task, run->item);
}

/* ---- Pull ------------------------------------------------------------------- */

/* The end of one pull phase: record it, then go on, or stop the run when
 * the error means the portal is out of reach. */
static void
phase_done_with_result (GTask        *task,
                        const char   *resource,
                        GAsyncResult *result,
                        GError       *error)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(GError) owned = error;

  /* The portal answered and what it sent is stored. */
  if (owned == NULL)
    bind_new_portal (self, run, &owned);
  record_resource (self, resource, owned);
  if (owned != NULL && g_error_matches (owned, LT_ERROR, LT_ERROR_RATE_LIMITED))
    hold_portal (self, result);
  g_clear_pointer (&run->cursor, g_free);
  g_clear_pointer (&run->cursors, g_hash_table_unref);
  run->pages = 0;

  if (owned != NULL)
    {
      g_debug ("Pulling %s: %s", resource, owned->message);
      if (run->capped || error_stops_run (owned))
        {
          fail_run (task, g_steal_pointer (&owned));
          return;
        }
      g_prefix_error (&owned, "%s: ", resource);
      if (run->deferred_error == NULL)
        run->deferred_error = g_steal_pointer (&owned);
    }
  pull_next (task);
}

static void
phase_done (GTask       *task,
            const char  *resource,
            GError      *error)
{
  phase_done_with_result (task, resource, NULL, error);
}

/* Account */

static void
account_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = task_sync (task);
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  account = lt_portal_client_get_account_finish (LT_PORTAL_CLIENT (source), result, &error);
  now = sync_now (self);
  if (account != NULL &&
      bind_new_portal (self, task_run (task), &error) &&
      lt_store_save_account (sync_store (self), account, now, &error) &&
      lt_account_get_customer_name (account) != NULL)
    lt_store_set_portal_account (sync_store (self), lt_account_get_customer_name (account), &error);
  phase_done_with_result (task, RESOURCE_ACCOUNT, result, g_steal_pointer (&error));
}

static void
pull_account (GTask *task)
{
  LtSync *self = task_sync (task);

  report_progress (self, LT_SYNC_PHASE_ACCOUNT, 0.0);
  lt_portal_client_get_account_async (self->client, run_cancellable (task), account_cb, task);
}

/* Policy and releases: conditional GETs of cached documents */

static char *
dup_document_etag (LtSync     *self,
                   const char *name)
{
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) bytes = lt_store_load_document (sync_store (self), name, &etag, NULL, NULL);

  return bytes != NULL ? g_steal_pointer (&etag) : NULL;
}

static void
set_policy (LtSync   *self,
            LtPolicy *policy)
{
  if (!g_set_object (&self->policy, policy))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

static void
policy_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  if (lt_portal_client_get_policy_finish (LT_PORTAL_CLIENT (source), result, &policy, &etag,
                                          &document, &error))
    {
      now = sync_now (self);
      if (policy != NULL)
        {
          /* The store parses the document again with core's parser: one
           * set of rules decides what a valid policy is. */
          if (lt_store_save_document (sync_store (self), LT_STORE_DOCUMENT_POLICY, document, etag,
                                      now, &error))
            {
              run->report.policy_updated = TRUE;
              set_policy (self, policy);
            }
        }
      else if (self->policy == NULL)
        {
          g_autoptr(LtPolicy) cached = lt_store_load_policy (sync_store (self), NULL);

          if (cached != NULL)
            set_policy (self, cached);
        }
    }
  phase_done_with_result (task, RESOURCE_POLICY, result, g_steal_pointer (&error));
}

static void
pull_policy (GTask *task)
{
  LtSync *self = task_sync (task);
  g_autofree char *etag = dup_document_etag (self, LT_STORE_DOCUMENT_POLICY);

  report_progress (self, LT_SYNC_PHASE_POLICY, 0.0);
  lt_portal_client_get_policy_async (self->client, etag, run_cancellable (task), policy_cb, task);
}

static void
releases_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  if (lt_portal_client_get_releases_finish (LT_PORTAL_CLIENT (source), result, &catalog, &etag,
                                            &document, &error) &&
      catalog != NULL)
    {
      now = sync_now (self);
      if (lt_store_save_document (sync_store (self), LT_STORE_DOCUMENT_RELEASES, document, etag,
                                  now, &error))
        run->report.releases_updated = TRUE;
    }
  phase_done_with_result (task, RESOURCE_RELEASES, result, g_steal_pointer (&error));
}

static void
pull_releases (GTask *task)
{
  LtSync *self = task_sync (task);
  g_autofree char *etag = dup_document_etag (self, LT_STORE_DOCUMENT_RELEASES);

  report_progress (self, LT_SYNC_PHASE_RELEASES, 0.0);
  lt_portal_client_get_releases_async (self->client, etag, run_cancellable (task),
                                       releases_cb, task);
}

/* Maintenance windows: the whole list, every time (a handful of rows), so
 * that a window the portal dropped is dropped here too. */

static void maintenance_page (GTask *task);

static void
maintenance_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(LtPortalPage) page = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  g_autoptr(LtStoreTransaction) tx = NULL;

  page = lt_portal_client_list_maintenance_windows_finish (LT_PORTAL_CLIENT (source), result, &error);
  if (page == NULL || !count_answer (task, result, page, &error))
    {
      phase_done_with_result (task, RESOURCE_MAINTENANCE, result, g_steal_pointer (&error));
      return;
    }

  /* Each page is stored as it comes (memory stays one page, whatever the
   * portal sends); only the ids are kept, for the end of the list. */
  now = sync_now (self);
  if ((tx = lt_store_begin (sync_store (self), &error)) == NULL ||
      !bind_new_portal (self, run, &error))
    {
      phase_done_with_result (task, RESOURCE_MAINTENANCE, result, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < page->items->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (page->items, i);

      if (!lt_store_upsert_maintenance_window (sync_store (self), window, now, &error))
        {
          phase_done_with_result (task, RESOURCE_MAINTENANCE, result, g_steal_pointer (&error));
          return;
        }
      g_hash_table_add (run->listed, g_strdup (lt_maintenance_window_get_id (window)));
    }
  if (!lt_store_transaction_commit (tx, &error))
    {
      phase_done_with_result (task, RESOURCE_MAINTENANCE, result, g_steal_pointer (&error));
      return;
    }
  run->pages++;
  report_progress (self, LT_SYNC_PHASE_MAINTENANCE, 1.0 - 1.0 / (run->pages + 1));

  if (page->next_cursor != NULL)
    {
      g_free (run->cursor);
      run->cursor = g_strdup (page->next_cursor);
      maintenance_page (task);
      return;
    }

  /* The whole list arrived: a window the portal no longer lists goes.
   * A list that ended early (an error, a cap) removes nothing. */
  if (lt_store_retain_maintenance_windows (sync_store (self), run->listed, &error))
    run->report.n_maintenance_windows = g_hash_table_size (run->listed);
  g_hash_table_remove_all (run->listed);
  phase_done_with_result (task, RESOURCE_MAINTENANCE, result, g_steal_pointer (&error));
}

static void
maintenance_page (GTask *task)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);

  lt_portal_client_list_maintenance_windows_async (self->client, NULL, NULL, NULL, run->cursor,
                                                   LT_SYNC_PAGE_SIZE, run_cancellable (task),
                                                   maintenance_cb, task);
}

static void
pull_maintenance (GTask *task)
{
  Run *run = task_run (task);

  report_progress (task_sync (task), LT_SYNC_PHASE_MAINTENANCE, 0.0);
  if (run->listed == NULL)
    run->listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_remove_all (run->listed);
  maintenance_page (task);
}

/* Tickets and notices whose local state was shown changed by an action
 * the portal then refused (a marker under the prefix, see fail_item()):
 * read again whatever their updated_at, at the end of their phase. */

struct _Refetch
{
  const char          *resource;      /* the pull phase's */
  LtSyncPhase          phase;
  const char          *prefix;
  void               (*fetch) (LtPortalClient      *client,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
  GAsyncReadyCallback  fetched;
};

static void ticket_refetched_cb (GObject *source, GAsyncResult *result, gpointer user_data);
static void notice_refetched_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static const Refetch ticket_refetch = {
  RESOURCE_TICKETS, LT_SYNC_PHASE_TICKETS, REFETCH_TICKET_PREFIX,
  lt_portal_client_get_ticket_async, ticket_refetched_cb,
};

static const Refetch notice_refetch = {
  RESOURCE_CHANGE_NOTICES, LT_SYNC_PHASE_CHANGE_NOTICES, REFETCH_NOTICE_PREFIX,
  lt_portal_client_get_change_notice_async, notice_refetched_cb,
};

static void
refetch_next (GTask *task)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  const Refetch *refetch = run->refetching;
  const char *resource = run->refetch[run->refetch_index];

  if (resource == NULL)
    {
      g_clear_pointer (&run->refetch, g_strfreev);
      report_progress (self, refetch->phase, 1.0);
      phase_done (task, refetch->resource, NULL);
      return;
    }
  refetch->fetch (self->client, resource + strlen (refetch->prefix),
                  run_cancellable (task), refetch->fetched, task);
}

static void
refetch_start (GTask          *task,
               const Refetch  *refetch,
               GAsyncResult   *result)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(GError) error = NULL;

  run->refetch = lt_store_list_sync_resources (sync_store (self), refetch->prefix, &error);
  if (run->refetch == NULL)
    {
      phase_done_with_result (task, refetch->resource, result, g_steal_pointer (&error));
      return;
    }
  run->refetching = refetch;
  run->refetch_index = 0;
  refetch_next (task);
}

/* The ticket or the notice read again (the other NULL; both when the
 * portal has it no more): stored, and its marker gone, in one
 * transaction. */
static void
refetched (GTask           *task,
           GAsyncResult    *result,
           LtTicket        *ticket,
           LtChangeNotice  *notice,
           GError          *fetch_error)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  const Refetch *refetch = run->refetching;
  const char *resource = run->refetch[run->refetch_index];
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = fetch_error;

  if (ticket == NULL && notice == NULL && !g_error_matches (error, LT_ERROR, LT_ERROR_NOT_FOUND))
    {
      phase_done_with_result (task, refetch->resource, result, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);
  if (!check_answer_id (resource + strlen (refetch->prefix),
                        ticket != NULL ? lt_ticket_get_id (ticket)
                        : notice != NULL ? lt_change_notice_get_id (notice) : NULL,
                        &error))
    {
      phase_done_with_result (task, refetch->resource, result, g_steal_pointer (&error));
      return;
    }

  now = sync_now (self);
  if ((tx = lt_store_begin (sync_store (self), &error)) == NULL ||
      (ticket != NULL && !store_ticket (self, ticket, run->unsent, now, &error)) ||
      (notice != NULL && !store_notice (self, notice, run->unsent, now, &error)) ||
      !lt_store_delete_sync_state (sync_store (self), resource, &error) ||
      !lt_store_transaction_commit (tx, &error))
    {
      phase_done_with_result (task, refetch->resource, result, g_steal_pointer (&error));
      return;
    }
  if (ticket != NULL)
    run->report.n_tickets_fetched++;
  run->refetch_index++;
  refetch_next (task);
}

static void
ticket_refetched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = NULL;

  ticket = lt_portal_client_get_ticket_finish (LT_PORTAL_CLIENT (source), result, &error);
  refetched (user_data, result, ticket, NULL, g_steal_pointer (&error));
}

static void
notice_refetched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtChangeNotice) notice = NULL;

  notice = lt_portal_client_change_notice_finish (LT_PORTAL_CLIENT (source), result, NULL, &error);
  refetched (user_data, result, NULL, notice, g_steal_pointer (&error));
}

/* The start of an incremental pull: the changes made here that are still
 * on their way (the portal's copies must not undo them on screen), and
 * where the last pull of @resource ended. */
static gboolean
incremental_pull_start (GTask        *task,
                        LtSyncPhase   phase,
                        const char   *resource)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(GError) error = NULL;
  g_auto(LtSyncState) state = { 0 };

  report_progress (self, phase, 0.0);
  g_clear_pointer (&run->unsent, g_hash_table_unref);
  run->unsent = collect_unsent (self, NULL, &error);
  if (run->unsent == NULL ||
      !lt_store_load_sync_state (sync_store (self), resource, &state, &error))
    {
      phase_done (task, resource, g_steal_pointer (&error));
      return FALSE;
    }
  g_clear_pointer (&run->since, g_date_time_unref);
  run->since = state.updated_since != NULL ? g_date_time_ref (state.updated_since) : NULL;
  return TRUE;
}

/* Tickets: incremental by updated_since (the portal's clock), in pages;
 * the history of a ticket is fetched only when its updated_at differs from
 * the stored row's (the list is inclusive at its boundary, so the last
 * ticket of a sync comes again in the next one and costs nothing). */

static void tickets_page (GTask *task);
static void tickets_fetch_next (GTask *task);

static gboolean
save_tickets_cursor (LtSync     *self,
                     GDateTime  *updated_since,
                     GError    **error)
{
  g_auto(LtSyncState) state = { 0 };

  if (!lt_store_load_sync_state (sync_store (self), RESOURCE_TICKETS, &state, error))
    return FALSE;
  g_clear_pointer (&state.updated_since, g_date_time_unref);
  state.updated_since = g_date_time_ref (updated_since);
  return lt_store_save_sync_state (sync_store (self), RESOURCE_TICKETS, &state, error);
}

/* Whether the history of a listed ticket is fetched: a ticket not held
 * yet, one whose updated_at moved, and one at the boundary of the last
 * pull. The portal stamps whole seconds, so a change made in the same
 * second as the copy held keeps its updated_at; such a ticket is at the
 * boundary the next time and is read again then. */
static gboolean
ticket_needs_history (LtSync     *self,
                      Run        *run,
                      LtTicket   *listed,
                      gboolean   *needed,
                      GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LtTicket) stored = lt_store_lookup_ticket (sync_store (self), lt_ticket_get_id (listed),
                                                       &local_error);
  GDateTime *a, *b;

  if (stored == NULL)
    {
      if (!g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      *needed = TRUE;
      return TRUE;
    }
  a = lt_ticket_get_updated_at (stored);
  b = lt_ticket_get_updated_at (listed);
  *needed = a == NULL || b == NULL || !g_date_time_equal (a, b) ||
            (run->since != NULL && g_date_time_equal (b, run->since));
  return TRUE;
}

static void
tickets_page_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(LtPortalPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = lt_portal_client_list_tickets_finish (LT_PORTAL_CLIENT (source), result, &error);
  if (page == NULL || !count_answer (task, result, page, &error))
    {
      phase_done_with_result (task, RESOURCE_TICKETS, result, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_set_size (run->to_fetch, 0);
  run->fetch_index = 0;
  for (guint i = 0; i < page->items->len; i++)
    {
      LtTicket *listed = g_ptr_array_index (page->items, i);
      GDateTime *updated = lt_ticket_get_updated_at (listed);
      gboolean needed = FALSE;

      run->report.n_tickets_listed++;
      if (!ticket_needs_history (self, run, listed, &needed, &error))
        {
          phase_done_with_result (task, RESOURCE_TICKETS, result, g_steal_pointer (&error));
          return;
        }
      if (needed)
        g_ptr_array_add (run->to_fetch, g_strdup (lt_ticket_get_id (listed)));
      if (updated != NULL && (run->max_updated == NULL || g_date_time_compare (updated, run->max_updated) > 0))
        {
          g_clear_pointer (&run->max_updated, g_date_time_unref);
          run->max_updated = g_date_time_ref (updated);
        }
    }

  g_free (run->cursor);
  run->cursor = g_strdup (page->next_cursor);
  run->pages++;
  tickets_fetch_next (task);
}

static void
ticket_fetched_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = task_run (task);
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = lt_portal_client_get_ticket_finish (LT_PORTAL_CLIENT (source), result, &error);
  if (ticket == NULL || !count_answer (task, result, NULL, &error) ||
      !check_answer_id (g_ptr_array_index (run->to_fetch, run->fetch_index),
                        lt_ticket_get_id (ticket), &error))
    {
      phase_done_with_result (task, RESOURCE_TICKETS, result, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (run->fetched, g_steal_pointer (&ticket));
  run->fetch_index++;
  tickets_fetch_next (task);
}

static void
tickets_fetch_next (GTask *task)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(GError) error = NULL;
  double page_share = 1.0 / (run->pages + 1);
  double within;

  within = 1.0 - page_share;
  if (run->to_fetch->len > 0)
    within += page_share * 0.5 * run->fetch_index / run->to_fetch->len;
  report_progress (self, LT_SYNC_PHASE_TICKETS, within * 0.9);

  if (run->fetch_index < run->to_fetch->len)
    {
      lt_portal_client_get_ticket_async (self->client, g_ptr_array_index (run->to_fetch, run->fetch_index),
                                         run_cancellable (task), ticket_fetched_cb, task);
      return;
    }

  /* The page's tickets and the cursor after them in one transaction: one
   * commit (one fsync) per page rather than per ticket, and the next sync
   * starts after the page only once all of it is stored. */
  {
    g_autoptr(LtStoreTransaction) tx = NULL;
    g_autoptr(GDateTime) now = sync_now (self);

    if ((tx = lt_store_begin (sync_store (self), &error)) == NULL ||
        !bind_new_portal (self, run, &error))
      {
        phase_done (task, RESOURCE_TICKETS, g_steal_pointer (&error));
        return;
      }
    for (guint i = 0; i < run->fetched->len; i++)
      if (!store_ticket (self, g_ptr_array_index (run->fetched, i), run->unsent, now, &error))
        {
          phase_done (task, RESOURCE_TICKETS, g_steal_pointer (&error));
          return;
        }
    if ((run->max_updated != NULL && !save_tickets_cursor (self, run->max_updated, &error)) ||
        !lt_store_transaction_commit (tx, &error))
      {
        phase_done (task, RESOURCE_TICKETS, g_steal_pointer (&error));
        return;
      }
    run->report.n_tickets_fetched += run->fetched->len;
    g_ptr_array_set_size (run->fetched, 0);
  }

  if (run->cursor != NULL)
    {
      tickets_page (task);
      return;
    }
  refetch_start (task, &ticket_refetch, NULL);
}

static void
tickets_page (GTask *task)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);

  /* Every page repeats the query the cursor belongs to. */
  lt_portal_client_list_tickets_async (self->client, run->since, run->cursor, LT_SYNC_PAGE_SIZE,
                                       run_cancellable (task), tickets_page_cb, task);
}

static void
pull_tickets (GTask *task)
{
  Run *run = task_run (task);

  if (!incremental_pull_start (task, LT_SYNC_PHASE_TICKETS, RESOURCE_TICKETS))
    return;
  g_clear_pointer (&run->max_updated, g_date_time_unref);
  run->max_updated = run->since != NULL ? g_date_time_ref (run->since) : NULL;
  if (run->to_fetch == NULL)
    run->to_fetch = g_ptr_array_new_with_free_func (g_free);
  if (run->fetched == NULL)
    run->fetched = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_size (run->fetched, 0);
  tickets_page (task);
}

/* Change notices: incremental like tickets, no history. */

static void notices_page (GTask *task);

static void
notices_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = task_sync (task);
  Run *run = task_run (task);
  g_autoptr(LtPortalPage) page = NULL;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  page = lt_portal_client_list_change_notices_finish (LT_PORTAL_CLIENT (source), result, &error);
  if (page == NULL || !count_answer (task, result, page, &error))
    {
      phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
      return;
    }

  now = sync_now (self);
  if ((tx = lt_store_begin (sync_store (self), &error)) == NULL ||
      !bind_new_portal (self, run, &error))
    {
      phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < page->items->len; i++)
    {
      LtChangeNotice *notice = g_ptr_array_index (page->items, i);

      run->report.n_change_notices++;
      if (!store_notice (self, notice, run->unsent, now, &error))
        {
          phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
          return;
        }
    }

  /* The page is stored: the next sync may start from its newest
   * updated_at (the model keeps none; the client reads it from the page),
   * committed with the rows. */
  if (page->newest_updated_at != NULL)
    {
      g_auto(LtSyncState) state = { 0 };

      if (!lt_store_load_sync_state (sync_store (self), RESOURCE_CHANGE_NOTICES, &state, &error))
        {
          phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
          return;
        }
      if (state.updated_since == NULL ||
          g_date_time_compare (page->newest_updated_at, state.updated_since) > 0)
        {
          g_clear_pointer (&state.updated_since, g_date_time_unref);
          state.updated_since = g_date_time_ref (page->newest_updated_at);
        }
      if (!lt_store_save_sync_state (sync_store (self), RESOURCE_CHANGE_NOTICES, &state, &error))
        {
          phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
          return;
        }
    }
  if (!lt_store_transaction_commit (tx, &error))
    {
      phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
      return;
    }

  run->pages++;
  report_progress (self, LT_SYNC_PHASE_CHANGE_NOTICES, (1.0 - 1.0 / (run->pages + 1)) * 0.9);
  g_free (run->cursor);
  run->cursor = g_strdup (page->next_cursor);
  if (run->cursor != NULL)
    {
      notices_page (task);
      return;
    }
  refetch_start (task, &notice_refetch, result);
}

/* Incremental like tickets (?updated_since= the newest updated_at seen,
 * inclusive): a notice at the boundary comes again and is not written,
 * since the store compares before it writes. Every page repeats the query
 * its cursor belongs to. */
static void
notices_page (GTask *task)
{
  LtSync *self = task_sync (task);
  Run *run = task_run (task);

  lt_portal_client_list_change_notices_async (self->client, run->since, run->cursor, LT_SYNC_PAGE_SIZE,
                                              run_cancellable (task), notices_cb, task);
}

static void
pull_change_notices (GTask *task)
{
  if (incremental_pull_start (task, LT_SYNC_PHASE_CHANGE_NOTICES, RESOURCE_CHANGE_NOTICES))
    notices_page (task);
}

static const PhaseFunc pull_phases[] = {
  pull_account,
  pull_policy,
  pull_releases,
  pull_maintenance,
  pull_tickets,
  pull_change_notices,
};

static void
pull_next (GTask *task)
{
  Run *run = task_run (task);

  if (stop_if_cancelled (task))
    return;
  if (run->pull_index >= G_N_ELEMENTS (pull_phases))
    {
      finish_run (task);
      return;
    }
  pull_phases[run->pull_index++] (task);
}

/* ---- One portal per profile (docs/sync.md) ------------------------------ */

/**
 * lt_sync_dup_portal_origin:
 * @url: a portal URL
 *
 * Returns: (transfer full): "scheme://host:port" of @url; @url itself when
 *   it has no host
 */
char *
lt_sync_dup_portal_origin (const char *url)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *scheme = NULL;
  g_autofree char *host = NULL;
  int port;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return g_strdup (url);
  scheme = g_ascii_strdown (g_uri_get_scheme (uri), -1);
  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  port = g_uri_get_port (uri);
  if (port < 0)
    port = g_str_equal (scheme, "https") ? 443 : 80;
  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("%s://[%s]:%d", scheme, host, port);
  return g_strdup_printf ("%s://%s:%d", scheme, host, port);
}

/* Where a switch keeps the data of @origin: a profile folder of its own
 * beside the database, "previous-portals/<host>-<port>-<when>/". */
static char *
dup_archive_path (LtSync      *self,
                  const char  *origin,
                  GDateTime   *now,
                  GError     **error)
{
  const char *db_path = lt_store_get_path (sync_store (self));
  const char *rest = strstr (origin, "://");
  g_autofree char *name = NULL;
  g_autofree char *when = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *leaf = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *profile = NULL;

  if (db_path == NULL || !g_path_is_absolute (db_path))
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_STORE,
                           _("A profile kept in memory cannot be switched to another portal"));
      return NULL;
    }
  name = g_strdup (rest != NULL ? rest + 3 : origin);
  g_strcanon (name, "abcdefghijklmnopqrstuvwxyz0123456789.-", '-');
  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (now);

    when = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  }
  dir = g_path_get_dirname (db_path);
  base = g_path_get_basename (db_path);
  leaf = g_strdup_printf ("%s-%s", name, when);
  parent = g_build_filename (dir, "previous-portals", NULL);
  profile = g_build_filename (parent, leaf, NULL);
  /* A new folder: an earlier switch's data is never overwritten. */
  if (g_mkdir_with_parents (parent, 0700) != 0 || g_mkdir (profile, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, LT_ERROR, LT_ERROR_STORE, _("Could not create “%s”: %s"), profile,
                   g_strerror (saved));
      return NULL;
    }
  return g_build_filename (profile, base, NULL);
}

/* Before anything reaches the portal: a profile never synced will be
 * bound to it once it answers (bind_new_portal()); one bound to another
 * portal is refused, or moved to this one when
 * the admin chose so (LT_SYNC_SWITCH_PORTAL). Ticket ids are the portal's
 * and only unique there, and the outbox was queued for its portal: mixing
 * two portals in one profile overwrote tickets (issue 10). */
static gboolean
check_portal (LtSync       *self,
              Run          *run,
              LtSyncFlags   flags,
              GError      **error)
{
  LtStore *store = sync_store (self);
  g_autofree char *origin = lt_sync_dup_portal_origin (lt_portal_client_get_base_url (self->client));
  g_autofree char *bound = NULL;
  g_autofree char *archive = NULL;
  g_autoptr(GDateTime) now = sync_now (self);

  if (!lt_store_load_portal_binding (store, &bound, NULL, NULL, error))
    return FALSE;
  if (bound == NULL)
    {
      run->new_origin = g_steal_pointer (&origin);
      return TRUE;
    }
  if (g_str_equal (bound, origin))
    return TRUE;

  if (!(flags & LT_SYNC_SWITCH_PORTAL))
    {
      set_other_portal_error (error, bound, origin);
      return FALSE;
    }

  archive = dup_archive_path (self, bound, now, error);
  if (archive == NULL || !lt_store_switch_portal (store, origin, archive, now, error))
    {
      if (archive != NULL)
        {
          g_autofree char *folder = g_path_get_dirname (archive);

          g_rmdir (folder);
        }
      return FALSE;
    }
  g_free (self->archived_profile);
  self->archived_profile = g_path_get_dirname (archive);
  g_debug ("Profile moved from %s to %s; the old data is in %s", bound, origin, self->archived_profile);
  return TRUE;
}

/* ---- Public API ----------------------------------------------------------- */

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
run_deadline_cb (gpointer user_data)
{
  Run *run = user_data;

  g_debug ("The sync run passed its deadline; stopping it");
  run->deadline_passed = TRUE;
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

/**
 * lt_sync_run_async:
 * @self: the sync engine
 * @flags: push, pull or both
 * @cancellable: (nullable): to stop the run; an item being sent is put back
 * @callback: called when the run ends
 * @user_data: for @callback
 *
 * Runs one sync on the thread-default main context.
 */
void
lt_sync_run_async (LtSync              *self,
                   LtSyncFlags          flags,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) hold = NULL;
  guint counts[LT_OUTBOX_N_STATES] = { 0 };
  Run *run;

  g_return_if_fail (LT_IS_SYNC (self));
  g_return_if_fail ((flags & LT_SYNC_ALL) != 0 &&
                    (flags & ~(LT_SYNC_ALL | LT_SYNC_SWITCH_PORTAL)) == 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lt_sync_run_async);
  g_task_set_name (task, "[lt-sync] run");
  run = g_new0 (Run, 1);
  run->flags = flags;
  g_task_set_task_data (task, run, run_free);

  if (self->running)
    {
      g_task_return_new_error (task, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                               _("A sync with the portal is running already"));
      return;
    }

  /* The run's own cancellable: the caller's cancels it, and so does the
   * run's deadline, so that no portal can hold the one run for ever. */
  run->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      run->caller_cancellable = g_object_ref (cancellable);
      run->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                 g_object_ref (run->cancellable), g_object_unref);
    }
  run->deadline = g_timeout_source_new_seconds (self->limits.max_seconds);
  g_source_set_name (run->deadline, "[lt-sync] run deadline");
  g_source_set_callback (run->deadline, run_deadline_cb, run, NULL);
  g_source_attach (run->deadline, g_main_context_get_thread_default ());

  self->flags = flags;
  self->fraction = 0.0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  set_running (self, TRUE);

  if (!check_portal (self, run, flags, &error))
    {
      fail_run (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  hold = dup_hold_until (self);
  if (hold != NULL)
    {
      g_autofree char *until = lt_instant_format (hold);

      fail_run (g_steal_pointer (&task),
                g_error_new (LT_ERROR, LT_ERROR_RATE_LIMITED,
                             _("The portal asked to wait until %s before it is contacted again"),
                             until));
      return;
    }

  if (flags & LT_SYNC_PUSH)
    {
      if (!lt_outbox_count (self->outbox, counts, &error))
        {
          fail_run (g_steal_pointer (&task), g_steal_pointer (&error));
          return;
        }
      run->push_total = counts[LT_OUTBOX_STATE_PENDING] + counts[LT_OUTBOX_STATE_SENDING];
      report_progress (self, LT_SYNC_PHASE_PUSH, 0.0);
      push_next (g_steal_pointer (&task));
    }
  else
    pull_next (g_steal_pointer (&task));
}

/**
 * lt_sync_run_finish:
 * @self: the sync engine
 * @result: the result
 * @report: (out) (optional) (caller-allocates): what the run did
 * @error: return location for an error
 *
 * Returns: %TRUE when the whole run succeeded
 */
gboolean
lt_sync_run_finish (LtSync        *self,
                    GAsyncResult  *result,
                    LtSyncReport  *report,
                    GError       **error)
{
  g_return_val_if_fail (LT_IS_SYNC (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lt_sync_run_async, FALSE);

  if (report != NULL)
    *report = task_run (G_TASK (result))->report;
  return g_task_propagate_boolean (G_TASK (result), error);
}

LtSync *
lt_sync_new (LtOutbox       *outbox,
             LtPortalClient *client)
{
  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_PORTAL_CLIENT (client), NULL);

  return g_object_new (LT_TYPE_SYNC, "outbox", outbox, "client", client, NULL);
}

LtOutbox *
lt_sync_get_outbox (LtSync *self)
{
  g_return_val_if_fail (LT_IS_SYNC (self), NULL);
  return self->outbox;
}

LtPortalClient *
lt_sync_get_client (LtSync *self)
{
  g_return_val_if_fail (LT_IS_SYNC (self), NULL);
  return self->client;
}

LtSyncPhase
lt_sync_get_phase (LtSync *self)
{
  g_return_val_if_fail (LT_IS_SYNC (self), LT_SYNC_PHASE_IDLE);
  return self->phase;
}

double
lt_sync_get_fraction (LtSync *self)
{
  g_return_val_if_fail (LT_IS_SYNC (self), 0.0);
  return self->fraction;
}

gboolean
lt_sync_get_running (LtSync *self)
{
  g_return_val_if_fail (LT_IS_SYNC (self), FALSE);
  return self->running;
}

/**
 * lt_sync_dup_last_success:
 * @self: the sync engine
 *
 * Returns: (transfer full) (nullable): when a full run last succeeded
 */
GDateTime *
lt_sync_dup_last_success (LtSync *self)
{
  g_auto(LtSyncState) state = { 0 };

  g_return_val_if_fail (LT_IS_SYNC (self), NULL);

  if (!lt_store_load_sync_state (sync_store (self), RESOURCE_SYNC, &state, NULL))
    return NULL;
  return g_steal_pointer (&state.last_success_at);
}

LtPolicy *
lt_sync_get_policy (LtSync *self)
{
  g_return_val_if_fail (LT_IS_SYNC (self), NULL);
  return self->policy;
}

void
lt_sync_set_now_func (LtSync         *self,
                      LtSyncNowFunc   func,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
{
  g_return_if_fail (LT_IS_SYNC (self));

  if (self->now_destroy != NULL)
    self->now_destroy (self->now_data);
  self->now_func = func;
  self->now_data = user_data;
  self->now_destroy = destroy;
}

void
lt_sync_set_retry_delays (LtSync    *self,
                          GTimeSpan  initial_delay,
                          GTimeSpan  max_delay)
{
  g_return_if_fail (LT_IS_SYNC (self));
  g_return_if_fail (initial_delay >= 0 && max_delay >= initial_delay);

  self->initial_delay = initial_delay;
  self->max_delay = max_delay;
}

/* ---- GObject ---------------------------------------------------------------- */

/**
 * lt_sync_get_archived_profile:
 * @self: the sync engine
 *
 * Returns: (nullable): the profile folder where the last switch to another
 *   portal kept the old portal's data
 */
const char *
lt_sync_get_archived_profile (LtSync *self)
{
  g_return_val_if_fail (LT_IS_SYNC (self), NULL);

  return self->archived_profile;
}

/**
 * lt_sync_set_limits:
 * @self: the sync engine
 * @limits: the caps of the next runs
 *
 * Lower caps than the LT_SYNC_MAX_* constants, for tests that must reach
 * them quickly.
 */
void
lt_sync_set_limits (LtSync             *self,
                    const LtSyncLimits *limits)
{
  g_return_if_fail (LT_IS_SYNC (self));
  g_return_if_fail (limits != NULL && limits->max_pages > 0 && limits->max_items > 0 &&
                    limits->max_bytes > 0 && limits->max_seconds > 0);

  self->limits = *limits;
}

static void
lt_sync_dispose (GObject *object)
{
  LtSync *self = (LtSync *) object;

  g_clear_object (&self->outbox);
  g_clear_object (&self->client);
  g_clear_object (&self->policy);
  g_clear_pointer (&self->archived_profile, g_free);
  if (self->now_destroy != NULL)
    self->now_destroy (self->now_data);
  self->now_destroy = NULL;
  self->now_func = NULL;

  G_OBJECT_CLASS (lt_sync_parent_class)->dispose (object);
}

static void
lt_sync_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LtSync *self = LT_SYNC (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_PHASE:
      g_value_set_enum (value, self->phase);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_sync_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  LtSync *self = LT_SYNC (object);

  switch (prop_id)
    {
    case PROP_OUTBOX:
      self->outbox = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_sync_class_init (LtSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_sync_dispose;
  object_class->get_property = lt_sync_get_property;
  object_class->set_property = lt_sync_set_property;

  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, LT_TYPE_OUTBOX,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, LT_TYPE_PORTAL_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHASE] =
    g_param_spec_enum ("phase", NULL, NULL, LT_TYPE_SYNC_PHASE, LT_SYNC_PHASE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, LT_TYPE_POLICY,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_sync_init (LtSync *self)
{
  self->initial_delay = LT_SYNC_DEFAULT_INITIAL_DELAY;
  self->max_delay = LT_SYNC_DEFAULT_MAX_DELAY;
  self->limits.max_pages = LT_SYNC_MAX_PAGES_PER_RUN;
  self->limits.max_items = LT_SYNC_MAX_ITEMS_PER_RUN;
  self->limits.max_bytes = LT_SYNC_MAX_BYTES_PER_RUN;
  self->limits.max_seconds = LT_SYNC_MAX_RUN_SECONDS;
  self->phase = LT_SYNC_PHASE_IDLE;
}
