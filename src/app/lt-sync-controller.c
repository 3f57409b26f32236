/* lt-sync-controller.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-sync-controller"

#include "config.h"

#include "lt-sync-controller-private.h"

#include "lt-actions.h"
#include "lt-context.h"
#include "lt-credentials.h"
#include "lt-error.h"
#include "lt-store-tickets.h"

#include <glib/gi18n-lib.h>

/* A submission is pushed this soon after it was queued, so that several
 * actions in a row (a ticket and its attachments) go in one run. */
#define PUSH_DELAY_MS 200
/* An outbox item's back-off is waited for at least this long. */
#define MIN_RETRY_SECONDS 5
/* The clock ticks every minute: a gap this long between two ticks means
 * the machine slept (the timers' monotonic clock stood still meanwhile)
 * or the wall clock was set forward; either way, sync. */
#define RESUME_JUMP (5 * G_TIME_SPAN_MINUTE)
/* logind's PrepareForSleep and the clock's jump both tell of one resume:
 * one sync for both. */
#define RESUME_DEBOUNCE (60 * G_TIME_SPAN_SECOND)
/* While the portal cannot be reached, a full run is tried again after
 * this, doubling at each failure up to the sync interval: "next try in
 * 20 s" rather than at the next interval. */
#define OFFLINE_FIRST_RETRY 20

struct _LtSyncController
{
  GObject         parent_instance;

  /* Borrowed: the context owns the controller. */
  LtContext      *context;

  /* Owned */
  LtPortalClient *client;
  LtSync         *sync;
  GError         *setup_error;
  GCancellable   *cancellable;
  GError         *last_error;
  char           *status;
  GHashTable     *watched;          /* local_id → NULL */

  LtSyncOutcome   outcome;
  LtSyncFlags     pending;          /* asked for while a run was going on */
  gboolean        running;
  gboolean        started;
  gboolean        submission_waiting;
  gboolean        own_outbox_change;
  gboolean        switch_portal;    /* the admin confirmed a switch */
  guint           periodic_id;
  guint           retry_id;
  guint           push_id;
  guint           offline_retry_id;
  guint           offline_failures;
  gint64          offline_retry_at;  /* monotonic µs; 0 without one */
  gint64          periodic_armed_at; /* monotonic µs */

  /* Background sync (docs/app.md, "Background mode"). */
  GNetworkMonitor *network_monitor;
  gboolean        network_available;
  GDBusConnection *system_bus;
  guint           sleep_subscription;
  GDateTime      *last_tick;
  gint64          last_resume_run;   /* monotonic µs; 0 before any */
};

G_DEFINE_FINAL_TYPE (LtSyncController, lt_sync_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AVAILABLE,
  PROP_RUNNING,
  PROP_FRACTION,
  PROP_STATUS,
  PROP_OUTCOME,
  N_PROPS
};

enum {
  TICKET_FILED,
  SUBMISSION_WAITING,
  ITEMS_REFUSED,
  RUN_FINISHED,
  RESUMED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_run (LtSyncController *self,
                       LtSyncFlags       flags);

/* ---- Words -------------------------------------------------------------- */

static const char *
phase_status (LtSyncPhase phase)
{
  switch (phase)
    {
    case LT_SYNC_PHASE_PUSH:
      return _("Sending queued items…");
    case LT_SYNC_PHASE_ACCOUNT:
      return _("Fetching the account…");
    case LT_SYNC_PHASE_POLICY:
      return _("Fetching the support policy…");
    case LT_SYNC_PHASE_RELEASES:
      return _("Fetching the release catalog…");
    case LT_SYNC_PHASE_MAINTENANCE:
      return _("Fetching maintenance windows…");
    case LT_SYNC_PHASE_TICKETS:
      return _("Fetching tickets…");
    case LT_SYNC_PHASE_CHANGE_NOTICES:
      return _("Fetching change notices…");
    case LT_SYNC_PHASE_IDLE:
    case LT_SYNC_PHASE_DONE:
    default:
      return _("Connecting to the portal…");
    }
}

static void
set_status (LtSyncController *self,
            const char       *status)
{
  if (g_strcmp0 (self->status, status) == 0)
    return;

  g_free (self->status);
  self->status = g_strdup (status);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
sync_phase_cb (LtSyncController *self)
{
  if (self->running && self->sync != NULL)
    set_status (self, phase_status (lt_sync_get_phase (self->sync)));
}

static void
sync_fraction_cb (LtSyncController *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
}

static GDateTime *
clock_now (gpointer user_data)
{
  return lt_clock_dup_now (LT_CLOCK (user_data));
}

/* ---- Filed tickets -------------------------------------------------------- */

static void
check_watched (LtSyncController *self)
{
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  if (store == NULL || g_hash_table_size (self->watched) == 0)
    return;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autoptr(LtTicket) ticket = NULL;
      g_autoptr(GError) error = NULL;

      ticket = lt_store_lookup_ticket_by_local_id (store, key, &error);
      if (ticket == NULL)
        {
          /* Taken back before it was sent: nothing to announce. */
          if (g_error_matches (error, LT_ERROR, LT_ERROR_NOT_FOUND))
            g_ptr_array_add (done, g_strdup (key));
          continue;
        }
      if (lt_ticket_get_id (ticket) == NULL)
        continue;

      g_ptr_array_add (done, g_strdup (key));
      g_signal_emit (self, signals[TICKET_FILED], 0, (const char *) key,
                     lt_ticket_get_id (ticket), lt_ticket_get_title (ticket));
    }

  for (guint i = 0; i < done->len; i++)
    g_hash_table_remove (self->watched, g_ptr_array_index (done, i));
}

void
lt_sync_controller_watch_ticket (LtSyncController *self,
                                 const char       *local_id)
{
  g_return_if_fail (LT_IS_SYNC_CONTROLLER (self));
  g_return_if_fail (local_id != NULL);

  g_hash_table_add (self->watched, g_strdup (local_id));
  check_watched (self);
}

/* Tickets filed in an earlier session that are still on their way. */
static void
watch_queued_tickets (LtSyncController *self)
{
  LtOutbox *outbox = lt_context_get_outbox (self->context);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  if (outbox == NULL)
    return;

  items = lt_outbox_list (outbox, &error);
  if (items == NULL)
    {
      g_debug ("Listing the outbox: %s", error->message);
      return;
    }

  for (guint i = 0; i < items->len; i++)
    {
      LtOutboxItem *item = g_ptr_array_index (items, i);
      LtOutboxState state = lt_outbox_item_get_state (item);

      if (g_strcmp0 (lt_outbox_item_get_kind (item), LT_OUTBOX_KIND_TICKET_CREATE) == 0 &&
          (state == LT_OUTBOX_STATE_PENDING || state == LT_OUTBOX_STATE_SENDING))
        g_hash_table_add (self->watched, g_strdup (lt_outbox_item_get_key (item)));
    }
}

static guint
count_unsent (LtSyncController *self)
{
  LtOutbox *outbox = lt_context_get_outbox (self->context);
  guint counts[LT_OUTBOX_N_STATES] = { 0 };

  if (outbox == NULL || !lt_outbox_count (outbox, counts, NULL))
    return 0;

  return counts[LT_OUTBOX_STATE_PENDING] + counts[LT_OUTBOX_STATE_SENDING];
}

/* ---- Scheduling ------------------------------------------------------------ */

static gboolean
periodic_cb (gpointer user_data)
{
  LtSyncController *self = user_data;

  start_run (self, LT_SYNC_ALL);
  return G_SOURCE_CONTINUE;
}

static void
arm_periodic (LtSyncController *self)
{
  guint minutes;

  g_clear_handle_id (&self->periodic_id, g_source_remove);
  if (!self->started)
    return;

  minutes = g_settings_get_uint (lt_context_get_settings (self->context), "sync-interval-minutes");
  self->periodic_id = g_timeout_add_seconds (MAX (minutes, 1) * 60, periodic_cb, self);
  self->periodic_armed_at = g_get_monotonic_time ();
}

static gboolean
offline_retry_cb (gpointer user_data)
{
  LtSyncController *self = user_data;

  self->offline_retry_id = 0;
  self->offline_retry_at = 0;
  start_run (self, LT_SYNC_ALL);
  return G_SOURCE_REMOVE;
}

/* The portal could not be reached: try again soon, then less often. */
static void
arm_offline_retry (LtSyncController *self)
{
  guint minutes = g_settings_get_uint (lt_context_get_settings (self->context), "sync-interval-minutes");
  guint delay = OFFLINE_FIRST_RETRY << MIN (self->offline_failures, 8);

  g_clear_handle_id (&self->offline_retry_id, g_source_remove);
  self->offline_retry_at = 0;
  if (!self->started)
    return;

  delay = MIN (delay, MAX (minutes, 1) * 60);
  self->offline_failures++;
  self->offline_retry_id = g_timeout_add_seconds (delay, offline_retry_cb, self);
  self->offline_retry_at = g_get_monotonic_time () + (gint64) delay * G_USEC_PER_SEC;
}

static gboolean
retry_cb (gpointer user_data)
{
  LtSyncController *self = user_data;

  self->retry_id = 0;
  start_run (self, LT_SYNC_PUSH);
  return G_SOURCE_REMOVE;
}

/* Queued items whose back-off ends before the next periodic run are sent
 * when it ends, not up to an interval later. */
static void
arm_retry (LtSyncController *self)
{
  LtOutbox *outbox = lt_context_get_outbox (self->context);
  g_autoptr(GDateTime) next_due = NULL;
  g_autoptr(GDateTime) now = NULL;
  GTimeSpan wait;
  guint minutes;

  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (!self->started || outbox == NULL ||
      !lt_outbox_get_next_due (outbox, &next_due, NULL) || next_due == NULL)
    return;

  now = lt_clock_dup_now (lt_context_get_clock (self->context));
  wait = g_date_time_difference (next_due, now) / G_TIME_SPAN_SECOND;
  minutes = g_settings_get_uint (lt_context_get_settings (self->context), "sync-interval-minutes");
  if (wait >= (GTimeSpan) minutes * 60)
    return;

  self->retry_id = g_timeout_add_seconds ((guint) MAX (wait, MIN_RETRY_SECONDS), retry_cb, self);
}

static gboolean
push_cb (gpointer user_data)
{
  LtSyncController *self = user_data;

  self->push_id = 0;
  start_run (self, LT_SYNC_PUSH);
  return G_SOURCE_REMOVE;
}

/* Something was queued (or, between runs, discarded): send it soon. The
 * store tells of every outbox write; those made while a run goes on other
 * than a new item are the engine's own (claims, outcomes, pruning), and
 * waking the outbox when the network is back (own_outbox_change) starts
 * its run itself. */
static void
outbox_changed_cb (LtStore           *store,
                   const char        *table,
                   LtStoreChangeKind  kind,
                   const char        *key,
                   LtSyncController  *self)
{
  if (self->own_outbox_change)
    return;
  if (self->running && kind != LT_STORE_CHANGE_INSERTED)
    return;

  self->submission_waiting = TRUE;
  if (self->push_id == 0)
    self->push_id = g_timeout_add (PUSH_DELAY_MS, push_cb, self);
}

/* ---- Runs ---------------------------------------------------------------- */

static LtSyncOutcome
classify (const GError *error)
{
  if (error == NULL)
    return LT_SYNC_OUTCOME_OK;
  if (g_error_matches (error, LT_ERROR, LT_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, LT_ERROR, LT_ERROR_CREDENTIALS))
    return LT_SYNC_OUTCOME_SIGN_IN;
  if (lt_portal_error_is_retryable (error))
    return LT_SYNC_OUTCOME_OFFLINE;
  return LT_SYNC_OUTCOME_ERROR;
}

static const char *
waiting_message (LtSyncOutcome outcome)
{
  switch (outcome)
    {
    case LT_SYNC_OUTCOME_SIGN_IN:
      return _("Saved; will be sent once the portal accepts your token");
    case LT_SYNC_OUTCOME_OFFLINE:
    case LT_SYNC_OUTCOME_ERROR:
    case LT_SYNC_OUTCOME_NONE:
    case LT_SYNC_OUTCOME_OK:
    default:
      return _("Saved; will be sent when the portal can be reached");
    }
}

static void
idle_status (LtSyncController *self)
{
  g_autoptr(GDateTime) last = lt_sync_controller_dup_last_success (self);

  set_status (self, lt_sync_outcome_describe (self->outcome, last != NULL));
}

/**
 * lt_sync_outcome_describe:
 * @outcome: how a run ended
 * @synced: whether a run ever succeeded
 *
 * Returns: a short sentence for the header and the connection banner
 */
const char *
lt_sync_outcome_describe (LtSyncOutcome outcome,
                          gboolean      synced)
{
  switch (outcome)
    {
    case LT_SYNC_OUTCOME_OFFLINE:
      return _("The portal cannot be reached");
    case LT_SYNC_OUTCOME_SIGN_IN:
      return _("The portal needs a valid token");
    case LT_SYNC_OUTCOME_ERROR:
      return _("The last sync failed");
    case LT_SYNC_OUTCOME_OK:
    case LT_SYNC_OUTCOME_NONE:
    default:
      return synced ? _("Up to date") : _("Not synced yet");
    }
}

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(LtSyncController) self = user_data;
  LtSyncReport report = { 0 };
  g_autoptr(GError) error = NULL;
  LtSyncFlags pending;

  lt_sync_run_finish (LT_SYNC (source), result, &report, &error);

  self->running = FALSE;

  /* The context let go of this controller while the run went on. */
  if (self->context == NULL)
    return;

  /* A run cancelled because the portal changed says nothing about the
   * new portal. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      idle_status (self);
      if (self->pending != 0 && self->sync != NULL)
        {
          pending = self->pending;
          self->pending = 0;
          start_run (self, pending);
        }
      return;
    }

  self->outcome = classify (error);
  g_clear_error (&self->last_error);
  if (error != NULL)
    {
      g_debug ("Sync failed: %s", error->message);
      self->last_error = g_error_copy (error);
    }

  check_watched (self);

  if (report.n_failed > 0)
    {
      g_autofree char *message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The portal refused %u submission",
                                      "The portal refused %u submissions",
                                      report.n_failed),
                         report.n_failed);

      g_signal_emit (self, signals[ITEMS_REFUSED], 0, report.n_failed, message);
    }

  if (self->submission_waiting)
    {
      if (count_unsent (self) == 0)
        self->submission_waiting = FALSE;
      else if (self->outcome != LT_SYNC_OUTCOME_OK)
        {
          /* Said once per submission, not at every retry. */
          self->submission_waiting = FALSE;
          g_signal_emit (self, signals[SUBMISSION_WAITING], 0, self->outcome,
                         waiting_message (self->outcome));
        }
    }

  arm_retry (self);
  if (self->outcome == LT_SYNC_OUTCOME_OFFLINE)
    arm_offline_retry (self);
  else
    {
      self->offline_failures = 0;
      self->offline_retry_at = 0;
      g_clear_handle_id (&self->offline_retry_id, g_source_remove);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
  idle_status (self);

  g_signal_emit (self, signals[RUN_FINISHED], 0, self->outcome == LT_SYNC_OUTCOME_OK);

  if (self->pending != 0)
    {
      pending = self->pending;
      self->pending = 0;
      start_run (self, pending);
    }
}

static void
start_run (LtSyncController *self,
           LtSyncFlags       flags)
{
  if (self->sync == NULL)
    {
      /* Nothing can be sent; a submission still deserves the sentence. */
      if (self->submission_waiting && (flags & LT_SYNC_PUSH))
        {
          self->submission_waiting = FALSE;
          g_signal_emit (self, signals[SUBMISSION_WAITING], 0, LT_SYNC_OUTCOME_ERROR,
                         waiting_message (LT_SYNC_OUTCOME_ERROR));
        }
      return;
    }

  if (self->running)
    {
      self->pending |= flags;
      return;
    }
  if (self->switch_portal)
    {
      flags |= LT_SYNC_SWITCH_PORTAL;
      self->switch_portal = FALSE;
    }

  self->running = TRUE;
  set_status (self, phase_status ((flags & LT_SYNC_PUSH) ? LT_SYNC_PHASE_PUSH : LT_SYNC_PHASE_ACCOUNT));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);

  lt_sync_run_async (self->sync, flags, self->cancellable, run_cb, g_object_ref (self));
}

/* ---- Network and resume ------------------------------------------------------ */

/* The network came back after it was gone: what waits in the outbox goes
 * now, not at the end of its back-off or at the next interval. */
static void
network_changed_cb (GNetworkMonitor  *monitor,
                    gboolean          available,
                    LtSyncController *self)
{
  gboolean was_available = self->network_available;
  LtOutbox *outbox;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  self->network_available = available;
  if (!available || was_available || !self->started || self->context == NULL)
    return;
  outbox = lt_context_get_outbox (self->context);
  if (outbox == NULL)
    return;
  if (count_unsent (self) == 0)
    return;

  g_debug ("The network is back: pushing the outbox");
  now = lt_clock_dup_now (lt_context_get_clock (self->context));
  self->own_outbox_change = TRUE;
  if (!lt_outbox_wake_pending (outbox, now, NULL, &error))
    g_debug ("Waking the outbox: %s", error->message);
  self->own_outbox_change = FALSE;
  start_run (self, LT_SYNC_PUSH);
}

static void
resumed (LtSyncController *self,
         const char       *why)
{
  gint64 now = g_get_monotonic_time ();

  if (!self->started || self->context == NULL)
    return;
  if (self->last_resume_run != 0 && now - self->last_resume_run < RESUME_DEBOUNCE)
    return;

  g_debug ("Resumed (%s): syncing", why);
  self->last_resume_run = now;
  g_signal_emit (self, signals[RESUMED], 0);
  arm_periodic (self);
  start_run (self, LT_SYNC_ALL);
}

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  LtSyncController *self = user_data;
  gboolean going_to_sleep;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &going_to_sleep);
  if (!going_to_sleep)
    resumed (self, "logind");
}

static void
system_bus_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LtSyncController) self = user_data;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      /* No system bus (a container): the clock's jump still tells. */
      g_debug ("No system bus, so no word of sleep from logind: %s", error->message);
      return;
    }
  if (self->context == NULL || self->system_bus != NULL)
    return;

  self->system_bus = g_steal_pointer (&bus);
  self->sleep_subscription =
    g_dbus_connection_signal_subscribe (self->system_bus,
                                        "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager",
                                        "PrepareForSleep",
                                        "/org/freedesktop/login1",
                                        NULL, G_DBUS_SIGNAL_FLAGS_NONE,
                                        prepare_for_sleep_cb, self, NULL);
}

static void
clock_tick_cb (LtClock          *clock,
               LtSyncController *self)
{
  g_autoptr(GDateTime) now = lt_clock_dup_now (clock);
  gboolean jumped = self->last_tick != NULL &&
                    g_date_time_difference (now, self->last_tick) > RESUME_JUMP;

  g_clear_pointer (&self->last_tick, g_date_time_unref);
  self->last_tick = g_steal_pointer (&now);

  if (jumped)
    resumed (self, "clock");
}

static void
watch_network_and_sleep (LtSyncController *self)
{
  LtClock *clock = lt_context_get_clock (self->context);

  if (self->network_monitor != NULL)
    return;

  self->network_monitor = g_object_ref (lt_context_get_network_monitor (self->context));
  self->network_available = g_network_monitor_get_network_available (self->network_monitor);
  g_signal_connect_object (self->network_monitor, "network-changed",
                           G_CALLBACK (network_changed_cb), self, 0);

  self->last_tick = lt_clock_dup_now (clock);
  g_signal_connect_object (clock, "tick", G_CALLBACK (clock_tick_cb), self, 0);

  /* Not self->cancellable: a new portal address cancels that one. */
  g_bus_get (G_BUS_TYPE_SYSTEM, NULL, system_bus_cb, g_object_ref (self));
}

/* ---- Configuration ---------------------------------------------------------- */

static void
drop_engine (LtSyncController *self)
{
  if (self->sync != NULL)
    g_signal_handlers_disconnect_by_data (self->sync, self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  g_clear_object (&self->sync);
  g_clear_object (&self->client);
  g_clear_error (&self->setup_error);
}

static void
configure (LtSyncController *self)
{
  LtOutbox *outbox = lt_context_get_outbox (self->context);
  g_autofree char *url = NULL;
  g_autofree char *ca_file = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  drop_engine (self);

  /* What the last run said was about the portal before. */
  if (self->outcome != LT_SYNC_OUTCOME_NONE)
    {
      self->outcome = LT_SYNC_OUTCOME_NONE;
      g_clear_error (&self->last_error);
      self->offline_failures = 0;
      self->offline_retry_at = 0;
      g_clear_handle_id (&self->offline_retry_id, g_source_remove);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
    }

  if (outbox != NULL)
    {
      LtPortalSource source;

      url = lt_context_dup_portal_url (self->context, &source, &error);
      ca_file = g_settings_get_string (lt_context_get_settings (self->context), "extra-ca-file");

      if (url != NULL)
        credentials = lt_portal_choice_new_credentials (url, source, &error);
      if (credentials != NULL)
        self->client = lt_portal_client_new (url, credentials, *ca_file != '\0' ? ca_file : NULL, &error);

      if (self->client != NULL)
        {
          LtClock *clock = lt_context_get_clock (self->context);

          self->sync = lt_sync_new (outbox, self->client);
          lt_sync_set_now_func (self->sync, clock_now, g_object_ref (clock), g_object_unref);
          g_signal_connect_object (self->sync, "notify::phase",
                                   G_CALLBACK (sync_phase_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->sync, "notify::fraction",
                                   G_CALLBACK (sync_fraction_cb), self, G_CONNECT_SWAPPED);
        }
      else
        {
          g_prefix_error (&error, _("The portal address cannot be used: "));
          g_debug ("%s", error->message);
          self->setup_error = g_steal_pointer (&error);
        }
    }

  if (self->running)
    {
      /* The cancelled run still reports; the new engine runs after it. */
      self->pending |= LT_SYNC_ALL;
    }
  else
    idle_status (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

static void
settings_changed_cb (GSettings        *settings,
                     const char       *key,
                     LtSyncController *self)
{
  if (g_str_equal (key, "sync-interval-minutes"))
    arm_periodic (self);
  else if (g_str_equal (key, "extra-ca-file") ||
           (g_str_equal (key, "portal-url") && lt_context_get_portal_override (self->context) == NULL))
    {
      configure (self);
      if (self->started)
        start_run (self, LT_SYNC_ALL);
    }
}

/* ---- GObject -------------------------------------------------------------- */

static void
lt_sync_controller_dispose (GObject *object)
{
  LtSyncController *self = (LtSyncController *) object;

  g_clear_handle_id (&self->periodic_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->push_id, g_source_remove);
  g_clear_handle_id (&self->offline_retry_id, g_source_remove);
  if (self->system_bus != NULL && self->sleep_subscription != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_subscription);
  self->sleep_subscription = 0;
  g_clear_object (&self->system_bus);
  g_clear_object (&self->network_monitor);
  self->started = FALSE;
  drop_engine (self);
  g_clear_object (&self->cancellable);
  self->context = NULL;

  G_OBJECT_CLASS (lt_sync_controller_parent_class)->dispose (object);
}

static void
lt_sync_controller_finalize (GObject *object)
{
  LtSyncController *self = (LtSyncController *) object;

  g_clear_error (&self->last_error);
  g_clear_error (&self->setup_error);
  g_free (self->status);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->last_tick, g_date_time_unref);

  G_OBJECT_CLASS (lt_sync_controller_parent_class)->finalize (object);
}

static void
lt_sync_controller_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LtSyncController *self = LT_SYNC_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, lt_sync_controller_get_available (self));
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, lt_sync_controller_get_fraction (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_OUTCOME:
      g_value_set_int (value, self->outcome);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_sync_controller_class_init (LtSyncControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_sync_controller_dispose;
  object_class->finalize = lt_sync_controller_finalize;
  object_class->get_property = lt_sync_controller_get_property;

  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OUTCOME] =
    g_param_spec_int ("outcome", NULL, NULL, LT_SYNC_OUTCOME_NONE, LT_SYNC_OUTCOME_ERROR,
                      LT_SYNC_OUTCOME_NONE,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LtSyncController::ticket-filed:
   * @local_id: the ticket's local id
   * @id: its portal id ("LT-000123")
   * @title: its title
   */
  signals[TICKET_FILED] = g_signal_new ("ticket-filed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  /**
   * LtSyncController::submission-waiting:
   * @outcome: why it could not be sent (an LtSyncOutcome)
   * @message: what to tell the user
   *
   * Something was queued and the run that followed could not send it.
   */
  signals[SUBMISSION_WAITING] = g_signal_new ("submission-waiting", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_STRING);
  /**
   * LtSyncController::items-refused:
   * @n_items: how many outbox items the portal refused for good in a run
   * @message: what to tell the user
   */
  signals[ITEMS_REFUSED] = g_signal_new ("items-refused", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * LtSyncController::run-finished:
   * @ok: whether the run completed without an error
   */
  /**
   * LtSyncController::resumed:
   *
   * The machine resumed from suspend (logind, or the clock jumped); a
   * sync follows. What came due meanwhile was missed (LtNotifier).
   */
  signals[RESUMED] = g_signal_new ("resumed", G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
  signals[RUN_FINISHED] = g_signal_new ("run-finished", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
lt_sync_controller_init (LtSyncController *self)
{
  self->cancellable = g_cancellable_new ();
  self->watched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * lt_sync_controller_new:
 * @context: the application's context (borrowed)
 *
 * Returns: (transfer full): a controller; nothing runs until asked
 */
LtSyncController *
lt_sync_controller_new (LtContext *context)
{
  LtSyncController *self;
  LtStore *store;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);

  self = g_object_new (LT_TYPE_SYNC_CONTROLLER, NULL);
  self->context = context;

  configure (self);
  watch_queued_tickets (self);
  idle_status (self);

  g_signal_connect_object (lt_context_get_settings (context), "changed",
                           G_CALLBACK (settings_changed_cb), self, 0);
  store = lt_context_get_store (context);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed::tickets",
                               G_CALLBACK (check_watched), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed::outbox",
                               G_CALLBACK (outbox_changed_cb), self, 0);
    }

  return self;
}

gboolean
lt_sync_controller_get_available (LtSyncController *self)
{
  g_return_val_if_fail (LT_IS_SYNC_CONTROLLER (self), FALSE);

  return self->sync != NULL;
}

const GError *
lt_sync_controller_get_setup_error (LtSyncController *self)
{
  g_return_val_if_fail (LT_IS_SYNC_CONTROLLER (self), NULL);

  return self->setup_error;
}

/* lt-sync-controller-private.h */
LtSync *
lt_sync_controller_get_sync (LtSyncController *self)
{
  g_return_val_if_fail (LT_IS_SYNC_CONTROLLER (self), NULL);

  return self->sync;
}

void
lt_sync_controller_sync (LtSyncController *self)
{
  g_return_if_fail (LT_IS_SYNC_CONTROLLER (self));

  start_run (self, LT_SYNC_ALL);
}

void
lt_sync_controller_start (LtSyncController *self,
                          gboolean          now)
{
  g_return_if_fail (LT_IS_SYNC_CONTROLLER (self));

  self->started = TRUE;
  watch_network_and_sleep (self);
  arm_periodic (self);
  if (now)
    start_run (self, LT_SYNC_ALL);
}

void
lt_sync_controller_stop (LtSyncController *self)
{
  g_return_if_fail (LT_IS_SYNC_CONTROLLER (self));

  self->started = FALSE;
  g_clear_handle_id (&self->periodic_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->offline_retry_id, g_source_remove);
  self->offline_retry_at = 0;
}

/**
 * lt_sync_controller_allow_portal_switch:
 * @self: the controller
 *
 * Lets the next run move the profile to the portal configured now.
 */
void
lt_sync_controller_allow_portal_switch (LtSyncController *self)
{
  g_return_if_fail (LT_IS_SYNC_CONTROLLER (self));

  self->switch_portal = TRUE;
}

gboolean
lt_sync_controller_get_running (LtSyncController *self)
{
  g_return_val_if_fail (LT_IS_SYNC_CONTROLLER (self), FALSE);

  return self->running;
}

double
lt_sync_controller_get_fraction (LtSyncController *self)
{
  g_return_val_if_fail (LT_IS_SYNC_CONTROLLER (self), 0.0);

  return self->running && self->sync != NULL ? lt_sync_get_fraction (self->sync) : 0.0;
}

const char *
lt_sync_controller_get_status (LtSyncController *self)
{
  g_return_val_if_fail (LT_IS_SYNC_CONTROLLER (self), NULL);

  return self->status;
}

LtSyncOutcome
lt_sync_controller_get_outcome (LtSyncController *self)
{
  g_return_val_if_fail (LT_IS_SYNC_CONTROLLER (self), LT_SYNC_OUTCOME_NONE);

  return self->outcome;
}

const GError *
lt_sync_controller_get_last_error (LtSyncController *self)
{
  g_return_val_if_fail (LT_IS_SYNC_CONTROLLER (self), NULL);

  return self->last_error;
}

/**
 * lt_sync_controller_dup_last_success:
 * @self: a controller
 *
 * Returns: (transfer full) (nullable): when the last good run ended
 */
GDateTime *
lt_sync_controller_dup_last_success (LtSyncController *self)
{
  g_return_val_if_fail (LT_IS_SYNC_CONTROLLER (self), NULL);

  return self->sync != NULL ? lt_sync_dup_last_success (self->sync) : NULL;
}

/**
 * lt_sync_controller_get_next_attempt:
 * @self: a controller
 *
 * When the next run starts by itself: the retry after the portal could
 * not be reached, or the next periodic run, whichever comes first.
 *
 * Returns: a monotonic time (g_get_monotonic_time()), or 0 when no run
 *   is planned (not started, or one is running)
 */
gint64
lt_sync_controller_get_next_attempt (LtSyncController *self)
{
  gint64 next = 0;

  g_return_val_if_fail (LT_IS_SYNC_CONTROLLER (self), 0);

  if (!self->started || self->running || self->sync == NULL)
    return 0;

  if (self->periodic_id != 0)
    {
      guint minutes = g_settings_get_uint (lt_context_get_settings (self->context), "sync-interval-minutes");
      gint64 period = (gint64) MAX (minutes, 1) * 60 * G_USEC_PER_SEC;
      gint64 now = g_get_monotonic_time ();
      gint64 elapsed = MAX (now - self->periodic_armed_at, 0);

      next = self->periodic_armed_at + (elapsed / period + 1) * period;
    }
  if (self->offline_retry_at != 0 && (next == 0 || self->offline_retry_at < next))
    next = self->offline_retry_at;

  return next;
}
