/* lt-sync.c
 *
 * One GTask per run, driven by callbacks on the caller's main context:
 *
 *   push_next -> requests in flight, settled as they answer … -> pull_next
 *   pull_next -> account -> policy -> releases -> maintenance -> tickets
 *             -> change notices -> run_complete
 *
 * Every store write that follows an answer of the portal is one
 * transaction with the outbox state change it belongs to, so a kill at any
 * moment leaves either "not sent" (the item is sent again with the same
 * key; the portal replays its answer) or "sent and stored".
 *
 * This file holds the object, the start, progress and end of a run, and
 * the one portal a profile belongs to; the unsent work, the push and the
 * pull have files of their own (lt-sync-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-sync"

#include "config.h"

#include "lt-sync-private.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-portal-enums.h"
#include "lt-store-calendar.h"
#include "lt-store-sync.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

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

static void
run_free (gpointer data)
{
  Run *run = data;

  g_clear_error (&run->deferred_error);
  g_clear_pointer (&run->sending, g_ptr_array_unref);
  g_clear_error (&run->push_error);
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
  g_clear_error (&run->store_error);
  if (run->store_source != NULL)
    g_source_destroy (run->store_source);
  g_clear_pointer (&run->store_source, g_source_unref);
  g_clear_pointer (&run->since, g_date_time_unref);
  g_clear_pointer (&run->max_updated, g_date_time_unref);
  g_clear_pointer (&run->unsent, g_hash_table_unref);
  g_strfreev (run->refetch);
  g_free (run);
}

LtSync *
_lt_sync_task_sync (GTask *task)
{
  return g_task_get_source_object (task);
}

Run *
_lt_sync_task_run (GTask *task)
{
  return g_task_get_task_data (task);
}

/* What every request of the run is cancelled by: the caller's
 * cancellable, or the run's deadline. */
GCancellable *
_lt_sync_run_cancellable (GTask *task)
{
  return _lt_sync_task_run (task)->cancellable;
}

LtStore *
_lt_sync_get_store (LtSync *self)
{
  return lt_outbox_get_store (self->outbox);
}

GDateTime *
_lt_sync_now (LtSync *self)
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

void
_lt_sync_set_policy (LtSync   *self,
                     LtPolicy *policy)
{
  if (!g_set_object (&self->policy, policy))
    return;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
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

void
_lt_sync_report_progress (LtSync      *self,
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

void
_lt_sync_record_resource (LtSync       *self,
                          const char   *resource,
                          const GError *error)
{
  g_auto(LtSyncState) state = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDateTime) now = _lt_sync_now (self);

  /* Bookkeeping only: failing to write it must not turn a good run bad. */
  if (!lt_store_load_sync_state (_lt_sync_get_store (self), resource, &state, &local_error))
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

  if (!lt_store_save_sync_state (_lt_sync_get_store (self), resource, &state, &local_error))
    g_debug ("Writing the sync state of %s: %s", resource, local_error->message);
}

/* The portal answered 429 or 503 with Retry-After: nothing is sent to it,
 * by this process or another, before that time (an outbox item's own
 * back-off covers only that item). */
void
_lt_sync_hold_portal (LtSync       *self,
                      GAsyncResult *result)
{
  g_auto(LtSyncState) state = { 0 };
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  guint seconds = result != NULL ? lt_portal_result_get_retry_after (result) : 0;

  if (seconds == 0)
    return;
  now = _lt_sync_now (self);
  state.updated_since = g_date_time_add_seconds (now, seconds);
  state.last_attempt_at = g_date_time_ref (now);
  if (!lt_store_save_sync_state (_lt_sync_get_store (self), RESOURCE_HOLD, &state, &error))
    g_debug ("Recording the portal's Retry-After: %s", error->message);
}

/* The end of a hold still running, or NULL. */
static GDateTime *
dup_hold_until (LtSync *self)
{
  g_auto(LtSyncState) state = { 0 };
  g_autoptr(GDateTime) now = _lt_sync_now (self);

  if (!lt_store_load_sync_state (_lt_sync_get_store (self), RESOURCE_HOLD, &state, NULL) ||
      state.updated_since == NULL || g_date_time_compare (state.updated_since, now) <= 0)
    return NULL;
  return g_steal_pointer (&state.updated_since);
}

void
_lt_sync_finish_run (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = _lt_sync_now (self);
  g_autoptr(GDateTime) keep_from = g_date_time_add (now, -LT_SYNC_KEEP_SENT);

  /* Housekeeping: the admin's own events the portal now has, and sent
   * items old enough to go. */
  if (!lt_store_forget_settled_events (_lt_sync_get_store (self), NULL, &error) ||
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
      !lt_store_write_support_end_calendar (_lt_sync_get_store (self), now, &error))
    {
      g_message ("%s", error->message);
      g_clear_error (&error);
    }

  set_phase (self, LT_SYNC_PHASE_DONE);
  set_running (self, FALSE);

  if (run->deferred_error != NULL)
    {
      _lt_sync_record_resource (self, RESOURCE_SYNC, run->deferred_error);
      g_task_return_error (task, g_steal_pointer (&run->deferred_error));
    }
  else
    {
      if ((run->flags & LT_SYNC_ALL) == LT_SYNC_ALL)
        _lt_sync_record_resource (self, RESOURCE_SYNC, NULL);
      set_fraction (self, 1.0);
      g_task_return_boolean (task, TRUE);
    }
  g_object_unref (task);
}

void
_lt_sync_fail_run (GTask  *task,
                   GError *error)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);

  /* Items still claimed here have no outcome (a local error stopped the
   * run). */
  _lt_sync_push_give_back (task);

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
  _lt_sync_finish_run (task);
}

/* Between two steps: the caller cancelled (the run ends quietly), or the
 * run's deadline passed (it ends with that error). */
gboolean
_lt_sync_stop_if_cancelled (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
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
      _lt_sync_fail_run (task, error);
      return TRUE;
    }
  return FALSE;
}

/* An answer about another ticket or notice than the one asked for is
 * unreadable: storing it would overwrite the row it names. @got NULL
 * (nothing arrived) passes. */
gboolean
_lt_sync_check_answer_id (const char  *asked,
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
gboolean
_lt_sync_bind_new_portal (LtSync  *self,
                          Run     *run,
                          GError **error)
{
  LtStore *store = _lt_sync_get_store (self);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *bound = NULL;

  if (run->new_origin == NULL)
    return TRUE;
  now = _lt_sync_now (self);
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
gboolean
_lt_sync_error_stops_run (const GError *error)
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
  const char *db_path = lt_store_get_path (_lt_sync_get_store (self));
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
 * bound to it once it answers (_lt_sync_bind_new_portal()); one bound to another
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
  LtStore *store = _lt_sync_get_store (self);
  g_autofree char *origin = lt_sync_dup_portal_origin (lt_portal_client_get_base_url (self->client));
  g_autofree char *bound = NULL;
  g_autofree char *archive = NULL;
  g_autoptr(GDateTime) now = _lt_sync_now (self);

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
      _lt_sync_fail_run (g_steal_pointer (&task), g_steal_pointer (&error));
      return;
    }

  hold = dup_hold_until (self);
  if (hold != NULL)
    {
      g_autofree char *until = lt_instant_format (hold);

      _lt_sync_fail_run (g_steal_pointer (&task),
                         g_error_new (LT_ERROR, LT_ERROR_RATE_LIMITED,
                                      _("The portal asked to wait until %s before it is contacted again"),
                                      until));
      return;
    }

  if (flags & LT_SYNC_PUSH)
    {
      if (!lt_outbox_count (self->outbox, counts, &error))
        {
          _lt_sync_fail_run (g_steal_pointer (&task), g_steal_pointer (&error));
          return;
        }
      run->push_total = counts[LT_OUTBOX_STATE_PENDING] + counts[LT_OUTBOX_STATE_SENDING];
      _lt_sync_report_progress (self, LT_SYNC_PHASE_PUSH, 0.0);
      _lt_sync_push_next (g_steal_pointer (&task));
    }
  else
    _lt_sync_pull_next (g_steal_pointer (&task));
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
    *report = _lt_sync_task_run (G_TASK (result))->report;
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

  if (!lt_store_load_sync_state (_lt_sync_get_store (self), RESOURCE_SYNC, &state, NULL))
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
