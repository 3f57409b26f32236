/* lt-notifier.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-notifier"

#include "config.h"

#include "lt-notifier.h"
#include "lt-notifier-private.h"

#include "lt-store-alerts.h"

#include <glib/gi18n-lib.h>
#if HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

/* The notification id of the summary: one at a time, a later summary
 * replaces the earlier. */
#define AWAY_NOTIFICATION_ID "away"

struct _LtNotifier
{
  GObject       parent_instance;

  /* Owned */
  LtContext    *context;
  GApplication *application;      /* weak pointer */
  GDateTime    *watch_started;    /* alerts due before it were missed */
  gboolean      catching_up;      /* from start or resume to the first sync's check */
  gboolean      synced;           /* a sync run ended since catching up began */
  GDateTime    *last_check;       /* this process's; events since are news */
  GDateTime    *next;
  GPtrArray    *away;             /* LtAlert */
  gboolean      dirty;            /* the store changed since the last look began */
  guint         idle_id;
  gboolean      looks_in_worker;  /* its own looks run in a worker thread */
  GCancellable *worker_look;      /* the look running in the worker, NULL when none */
  gboolean      look_again;       /* asked for while the worker's look ran */
  gpointer      applying;         /* Look: the worker's answer, recorded a slice a turn */
  guint         applying_serial;  /* tells a slice's sync which answer it belongs to */
  guint         applied;          /* its alerts recorded so far */
  guint         apply_id;         /* the next slice's idle, 0 while one syncs */
};

G_DEFINE_FINAL_TYPE (LtNotifier, lt_notifier, G_TYPE_OBJECT)

enum {
  AWAY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_LOOKING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One look: what the main thread captured when it began (the settings, the
 * instant, the state of catching up), what the engine returned, and the
 * store it is recorded in. The reading and computing may run in a worker
 * thread on @reader; everything else is the main thread's. */
typedef struct
{
  LtStore          *store;
  LtStore          *reader;              /* the worker's only */
  LtPolicy         *policy;
  LtReleaseCatalog *catalog;
  guint            *reminder_leads;
  guint             n_reminder_leads;
  GDateTime        *now;
  GDateTime        *events_changed_since; /* the previous look's instant */
  char            **off;                 /* kinds switched off */
  GDateTime        *watch_started;
  gboolean          catching_up;
  gboolean          catches_up;          /* the look ends catching up */
  /* The engine's answer, less what the store had recorded before */
  GPtrArray        *alerts;              /* LtAlert */
  GDateTime        *next;
  GPtrArray        *gone;                /* keys to withdraw; NULL: unknown */
} Look;

static void
look_free (Look *look)
{
  g_clear_object (&look->store);
  g_clear_object (&look->reader);
  g_clear_object (&look->policy);
  g_clear_object (&look->catalog);
  g_free (look->reminder_leads);
  g_clear_pointer (&look->now, g_date_time_unref);
  g_clear_pointer (&look->events_changed_since, g_date_time_unref);
  g_strfreev (look->off);
  g_clear_pointer (&look->watch_started, g_date_time_unref);
  g_clear_pointer (&look->alerts, g_ptr_array_unref);
  g_clear_pointer (&look->next, g_date_time_unref);
  g_clear_pointer (&look->gone, g_ptr_array_unref);
  g_free (look);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Look, look_free)

/* The settings' maintenance lead times, or the policy's when none are
 * set (Preferences → Notifications). */
static guint *
dup_leads (LtNotifier *self,
           guint      *n_leads)
{
  g_autoptr(GVariant) value = g_settings_get_value (lt_context_get_settings (self->context),
                                                    "reminder-lead-minutes");
  gsize n = 0;
  const guint32 *saved = g_variant_get_fixed_array (value, &n, sizeof (guint32));

  if (n == 0)
    {
      guint n_policy = 0;
      const guint *policy = lt_policy_get_reminder_lead_minutes (lt_context_get_policy (self->context),
                                                                 &n_policy);

      *n_leads = n_policy;
      return g_memdup2 (policy, n_policy * sizeof (guint));
    }

  *n_leads = n;
  return g_memdup2 (saved, n * sizeof (guint32));
}

GNotification *
lt_notifier_create_notification (const LtAlert *alert,
                                 GTimeZone     *zone)
{
  g_autofree char *title = lt_alert_dup_title (alert, zone);
  g_autofree char *body = lt_alert_dup_body (alert, zone);
  g_autoptr(GPtrArray) buttons = lt_alert_dup_buttons (alert);
  GNotification *notification = g_notification_new (title);

  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, alert->urgent ? G_NOTIFICATION_PRIORITY_URGENT
                                                            : G_NOTIFICATION_PRIORITY_NORMAL);

  /* The first button is what clicking the notification does. */
  for (guint i = 0; i < buttons->len; i++)
    {
      LtAlertButton *button = g_ptr_array_index (buttons, i);

      if (i == 0)
        g_notification_set_default_action_and_target (notification, button->action,
                                                      "s", button->target);
      else
        g_notification_add_button_with_target (notification, button->label, button->action,
                                               "s", button->target);
    }

  return notification;
}

/* One summary for the whole absence: what this check found missed joins
 * what earlier checks of the same catching up found, and the notification
 * (one id) is replaced by one naming them all. */
static void
send_summary (LtNotifier *self,
              GPtrArray  *missed,
              GTimeZone  *zone)
{
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GNotification) notification = NULL;

  g_ptr_array_extend_and_steal (self->away, g_ptr_array_ref (missed));
  title = lt_alerts_dup_summary_title (self->away->len);
  body = lt_alerts_dup_summary_body (self->away, zone);
  notification = g_notification_new (title);

  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "overview");
  if (self->application != NULL)
    g_application_send_notification (self->application, AWAY_NOTIFICATION_ID, notification);

  g_signal_emit (self, signals[AWAY_CHANGED], 0);
}

/* Records @alert and says whether this call was the one that did. The
 * caller delivers only after the transaction holding the record has
 * committed, so that a crash or a second process never shows it twice. */
static gboolean
record (LtStore         *store,
        const LtAlert   *alert,
        LtAlertDelivery  delivery,
        GDateTime       *now)
{
  g_autoptr(GError) error = NULL;
  gboolean recorded = FALSE;

  if (!lt_store_record_alert (store, alert, delivery, now, &recorded, &error))
    {
      g_message ("Recording the alert %s failed: %s", alert->key, error->message);
      return FALSE;
    }

  return recorded;
}

/* The conditions shown earlier whose reason is gone (the ticket was
 * answered, the window has started, the invoice was paid): the standing
 * records that are not news and that the engine no longer returns. */
static GPtrArray *
find_gone (LtStore    *store,
           GPtrArray  *alerts,
           GError    **error)
{
  g_autoptr(GPtrArray) standing = lt_store_dup_standing_condition_keys (store, error);
  g_autoptr(GHashTable) current = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);

  if (standing == NULL)
    return NULL;
  for (guint i = 0; i < alerts->len; i++)
    g_hash_table_add (current, ((LtAlert *) g_ptr_array_index (alerts, i))->key);
  for (guint i = 0; i < standing->len; i++)
    if (!g_hash_table_contains (current, g_ptr_array_index (standing, i)))
      g_ptr_array_add (gone, g_steal_pointer (&standing->pdata[i]));
  return g_steal_pointer (&gone);
}

/* Withdraws @gone (keys) in @store's open transaction and adds those it
 * withdrew to @withdrawn; news stays. */
static void
withdraw_gone (LtStore    *store,
               GPtrArray  *gone,
               GDateTime  *now,
               GPtrArray  *withdrawn)
{
  for (guint i = 0; i < gone->len; i++)
    {
      const char *key = g_ptr_array_index (gone, i);
      g_autoptr(GError) error = NULL;

      if (!lt_store_withdraw_alert (store, key, now, &error))
        {
          g_message ("Withdrawing the alert %s failed: %s", key, error->message);
          continue;
        }
      g_ptr_array_add (withdrawn, (gpointer) key);
    }
}

/* What a look needs from the main thread, captured once (the settings
 * are read once per look, not once per alert); NULL without a store. */
static Look *
begin_look (LtNotifier *self)
{
  LtStore *store = lt_context_get_store (self->context);
  LtSyncController *sync = lt_context_get_sync (self->context);
  g_autoptr(Look) look = NULL;
  g_autoptr(LtStoreTransaction) state_tx = NULL;
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return NULL;

  look = g_new0 (Look, 1);
  look->store = g_object_ref (store);
  look->policy = g_object_ref (lt_context_get_policy (self->context));
  look->catalog = lt_context_get_catalog (self->context) != NULL
                  ? g_object_ref (lt_context_get_catalog (self->context))
                  : NULL;
  look->reminder_leads = dup_leads (self, &look->n_reminder_leads);
  look->off = g_settings_get_strv (lt_context_get_settings (self->context), "notifications-off");
  look->now = lt_clock_dup_now (lt_context_get_clock (self->context));
  if (self->watch_started == NULL)
    self->watch_started = g_date_time_ref (look->now);
  look->watch_started = g_date_time_ref (self->watch_started);
  look->catching_up = self->catching_up;
  /* Caught up once the first sync since start or resume has been looked
   * at (at once when there is no portal to sync with): a sync that ends
   * while this look reads is not in what it reads. */
  look->catches_up = self->synced || sync == NULL;
  /* Events only of the tickets that changed since this process last
   * looked: older ones were news then (or belong to the first look). */
  look->events_changed_since = self->last_check != NULL ? g_date_time_ref (self->last_check) : NULL;

  /* The beginning of the profile's watch is written here, on the store's
   * own connection, before a reader looks for it: at this process's first
   * look (the profile's first ever writes it) in a transaction that does
   * not wait for the disk, whose fsync the look's own records or its end
   * leave to a worker (lt_store_sync_log_async()). */
  if (self->last_check == NULL)
    state_tx = lt_store_begin_unsynced (store, &error);
  if ((self->last_check == NULL && state_tx == NULL) ||
      !lt_store_get_alert_state (store, look->now, NULL, NULL, &error) ||
      (state_tx != NULL && !lt_store_transaction_commit (state_tx, &error)))
    {
      g_message ("Reading what is due failed: %s", error->message);
      return NULL;
    }

  /* A change from now on may not be in what this look reads. */
  self->dirty = FALSE;
  return g_steal_pointer (&look);
}

typedef struct
{
  LtAlertCollector   *collector;
  const LtAlertInput *input;
} TicketBatches;

static void
collect_ticket_batch (GPtrArray *tickets,
                      gpointer   user_data)
{
  TicketBatches *batches = user_data;

  lt_alert_collector_add_tickets (batches->collector, batches->input, tickets);
}

/* Reads what the engine needs from @store (the store itself or the
 * worker's reader) and asks the engine, a batch of tickets at a time
 * (docs/app.md, "A look holds a batch of tickets"): no GTK, no settings,
 * nothing of the notifier. */
static gboolean
compute_look (Look     *look,
              LtStore  *store,
              GError  **error)
{
  g_autoptr(LtAlertCollector) collector = lt_alert_collector_new (look->now);
  LtAlertInput input = { NULL, };
  TicketBatches batches = { collector, &input };

  if (!lt_store_stream_alert_input (store, look->policy, look->catalog, look->now,
                                    look->events_changed_since, LT_NOTIFIER_LOOK_TICKET_BATCH,
                                    collect_ticket_batch, &batches, &input, error))
    return FALSE;
  input.reminder_leads = g_memdup2 (look->reminder_leads, look->n_reminder_leads * sizeof (guint));
  input.n_reminder_leads = look->n_reminder_leads;

  look->alerts = lt_alert_collector_finish (collector, &input, &look->next);
  lt_alert_input_clear (&input);

  /* Read here too, so that the main thread, which records and withdraws,
   * has only what is new to record and what is gone to withdraw (reading
   * 18,000 standing records was a tenth of the first look at 100,000
   * tickets, and recording 18,000 known keys again does nothing). Without
   * them the records still ignore a known key, and nothing is withdrawn
   * this time. */
  {
    g_autoptr(GError) gone_error = NULL;
    g_autoptr(GError) kept_error = NULL;
    g_autoptr(GHashTable) kept = lt_store_dup_kept_alert_keys (store, look->now, &kept_error);
    g_autoptr(GPtrArray) all = NULL;

    look->gone = find_gone (store, look->alerts, &gone_error);
    if (look->gone == NULL)
      g_message ("Reading the standing alerts failed: %s", gone_error->message);
    if (kept == NULL)
      {
        g_message ("Reading the notifications failed: %s", kept_error->message);
        return TRUE;
      }

    /* In the engine's order (oldest first); the known ones are freed here. */
    all = g_steal_pointer (&look->alerts);
    look->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_free);
    for (guint i = 0; i < all->len; i++)
      if (!g_hash_table_contains (kept, ((LtAlert *) g_ptr_array_index (all, i))->key))
        g_ptr_array_add (look->alerts, g_steal_pointer (&all->pdata[i]));
  }
  return TRUE;
}

/* A look that read or recorded nothing: the next tick of the clock
 * tries again, as after a change. */
static void
look_failed (LtNotifier *self)
{
  self->dirty = TRUE;
}

/* Records the new alerts of @look from @from to @to (excluded) in one
 * transaction and says which to show (@shown) and which the summary tells
 * (@missed, copies both): those this call recorded first. @unsynced: a
 * commit that does not wait for the disk, after which nothing may be
 * delivered before lt_store_sync_log_async() has returned. */
static gboolean
record_range (Look      *look,
              guint      from,
              guint      to,
              gboolean   unsynced,
              GPtrArray *shown,
              GPtrArray *missed)
{
  LtStore *store = look->store;
  GDateTime *now = look->now;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GError) error = NULL;

  /* A commit per record would keep the window frozen for minutes at the
   * first look at a large profile (docs/performance.md); the prune goes
   * with the look's first records. */
  tx = unsynced ? lt_store_begin_unsynced (store, &error) : lt_store_begin (store, &error);
  if (tx == NULL || (from == 0 && !lt_store_prune_alerts (store, now, NULL, &error)))
    {
      g_message ("Recording the alerts failed: %s", error->message);
      return FALSE;
    }
  for (guint i = from; i < to; i++)
    {
      LtAlert *alert = g_ptr_array_index (look->alerts, i);

      if (g_strv_contains ((const char * const *) look->off, lt_alert_kind_to_nick (alert->kind)))
        {
          /* Switched off: recorded as such, so that switching the kind on
           * again does not bring back the past. */
          record (store, alert, LT_ALERT_DELIVERY_MUTED, now);
          continue;
        }

      /* Missed: it came due before this process watched (or while the
       * machine slept) and is learnt while catching up. What a later
       * sync brings is news now, whatever its date. */
      if (look->catching_up && g_date_time_compare (alert->due, look->watch_started) < 0)
        {
          if (record (store, alert, LT_ALERT_DELIVERY_SUMMARISED, now))
            g_ptr_array_add (missed, lt_alert_copy (alert));
          continue;
        }

      if (record (store, alert, LT_ALERT_DELIVERY_SHOWN, now))
        g_ptr_array_add (shown, lt_alert_copy (alert));
    }
  if (!lt_store_transaction_commit (tx, &error))
    {
      g_message ("Recording the alerts failed: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

/* Shows @shown and tells @missed in the summary: what a committed
 * transaction recorded first. */
static void
deliver (LtNotifier *self,
         GPtrArray  *shown,
         GPtrArray  *missed)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  for (guint i = 0; i < shown->len && self->application != NULL; i++)
    {
      LtAlert *alert = g_ptr_array_index (shown, i);
      g_autoptr(GNotification) notification = lt_notifier_create_notification (alert, zone);

      g_application_send_notification (self->application, alert->key, notification);
    }

  if (missed->len > 0)
    send_summary (self, missed, zone);
}

/* Once every record of @look is written: withdraws what is gone and
 * notes the look's instant and the engine's next one. The withdrawals
 * and the instant are one transaction that does not wait for the disk
 * (its fsync and checkpoint run in a worker after it): a withdrawal or an
 * instant that a power cut loses, the next look makes again, and nothing
 * is shown for them. The notifications go once it has committed. */
static void
finish_look (LtNotifier *self,
             Look       *look)
{
  g_autoptr(GPtrArray) withdrawn = g_ptr_array_new ();
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GError) error = NULL;

  tx = lt_store_begin_unsynced (look->store, &error);
  if (tx == NULL)
    {
      g_message ("Withdrawing the alerts failed: %s", error->message);
    }
  else
    {
      /* One transaction for all of them: a sync can answer many tickets
       * at once. */
      if (look->gone != NULL)
        withdraw_gone (look->store, look->gone, look->now, withdrawn);
      if (!lt_store_set_alert_last_check (look->store, look->now, &error))
        {
          g_debug ("Recording the time of the check failed: %s", error->message);
          g_clear_error (&error);
        }
      if (lt_store_transaction_commit (tx, &error))
        {
          lt_store_sync_log_async (look->store, NULL, NULL, NULL);
        }
      else
        {
          g_message ("Withdrawing the alerts failed: %s", error->message);
          g_ptr_array_set_size (withdrawn, 0);
        }
    }
  for (guint i = 0; i < withdrawn->len && self->application != NULL; i++)
    g_application_withdraw_notification (self->application, g_ptr_array_index (withdrawn, i));

  if (look->catches_up)
    self->catching_up = FALSE;

  g_clear_pointer (&self->last_check, g_date_time_unref);
  self->last_check = g_date_time_ref (look->now);
  g_clear_pointer (&self->next, g_date_time_unref);
  self->next = g_steal_pointer (&look->next);
}

/* Records what @look found in one transaction, delivers what this
 * process recorded first, withdraws what is gone. */
static void
apply_look (LtNotifier *self,
            Look       *look)
{
  g_autoptr(GPtrArray) missed = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_free);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_free);

  /* Nothing new (a restart, most looks): no transaction, and the prune
   * waits for a look that records something, as lt_store_record_alert()
   * alone does. */
  if (look->alerts->len > 0 &&
      !record_range (look, 0, look->alerts->len, FALSE, shown, missed))
    {
      look_failed (self);
      return;
    }
  deliver (self, shown, missed);
  finish_look (self, look);
}

/* Stops recording the worker's answer a slice a turn: what is recorded
 * stays (and was delivered), the rest is the next look's. */
static void
stop_applying (LtNotifier *self)
{
  g_clear_handle_id (&self->apply_id, g_source_remove);
  g_clear_pointer (&self->applying, look_free);
  self->applied = 0;
}

/* The look running in the worker read an older snapshot than what comes
 * now (a look on this thread, a resume): its answer is dropped, or what
 * is left of it unrecorded. */
static void
drop_worker_look (LtNotifier *self)
{
  if (self->worker_look == NULL)
    return;
  stop_applying (self);
  g_cancellable_cancel (self->worker_look);
  g_clear_object (&self->worker_look);
  self->look_again = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOKING]);
}

void
lt_notifier_check (LtNotifier *self)
{
  g_autoptr(Look) look = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LT_IS_NOTIFIER (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  drop_worker_look (self);
  look = begin_look (self);
  if (look == NULL)
    return;
  if (!compute_look (look, look->store, &error))
    {
      g_message ("Reading what is due failed: %s", error->message);
      look_failed (self);
      return;
    }
  apply_look (self, look);
}

static void
look_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Look *look = task_data;
  GError *error = NULL;

  if (!compute_look (look, look->reader, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  /* The reader's statements and connection go with the thread that used
   * them. */
  g_clear_object (&look->reader);
#if HAVE_MALLOC_TRIM
  /* What the look freed (every standing alert computed again, the
   * records and keys it was compared with, the tickets a batch at a
   * time) lies in this thread's malloc arena between the pages that GLib
   * 2.74's slice allocator keeps, so glibc never trims it from the top:
   * about 10 MiB resident for good at 100,000 tickets. Given back here,
   * off the main thread (docs/app.md, "A look gives its heap back"). */
  malloc_trim (0);
#endif
  g_task_return_boolean (task, TRUE);
}

/* The worker's look is applied (or dropped): what was asked for
 * meanwhile is one more look. */
static void
end_worker_look (LtNotifier *self)
{
  g_clear_object (&self->worker_look);
  if (self->look_again)
    {
      self->look_again = FALSE;
      lt_notifier_check_in_worker (self);
    }
  if (self->worker_look == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOKING]);
}

/* A slice recorded and committed, waiting for its sync: what it delivers
 * once the records are on the disk. */
typedef struct
{
  LtNotifier *notifier;
  guint       serial;     /* the answer it belongs to */
  GPtrArray  *shown;      /* LtAlert */
  GPtrArray  *missed;     /* LtAlert */
} Slice;

static void
slice_free (Slice *slice)
{
  g_clear_object (&slice->notifier);
  g_clear_pointer (&slice->shown, g_ptr_array_unref);
  g_clear_pointer (&slice->missed, g_ptr_array_unref);
  g_free (slice);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Slice, slice_free)

static gboolean apply_slice_cb (gpointer user_data);

/* A slice's records are on the disk: it delivers them, also when the
 * answer was dropped meanwhile (what is recorded is delivered, the rest
 * is the next look's), and the next slice follows in a turn of its own;
 * the last one finishes the look. */
static void
slice_synced_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Slice) slice = user_data;
  LtNotifier *self = slice->notifier;
  Look *look = self->applying;
  g_autoptr(GError) error = NULL;

  /* Committed but perhaps not on the disk: still delivered. Kept back,
   * they would never be shown (they are recorded); shown, only a power
   * cut before the disk took them could show them again. */
  if (!lt_store_sync_log_finish (LT_STORE (source_object), result, &error))
    g_message ("Writing the alerts to the disk failed: %s", error->message);
  deliver (self, slice->shown, slice->missed);

  /* Whoever the summary told may have dropped the look meanwhile (a look
   * on this thread, a resume), or it was dropped while this slice synced. */
  if (look == NULL || self->applying != look || self->applying_serial != slice->serial)
    return;
  if (self->applied < look->alerts->len)
    {
      self->apply_id = g_idle_add (apply_slice_cb, self);
      return;
    }

  finish_look (self, look);
  stop_applying (self);
  end_worker_look (self);
}

/* One slice of the worker's answer: its records in one transaction that
 * does not wait for the disk (an fsync of the log can take a frame on a
 * loaded machine, and a commit that passes sqlite's auto-checkpoint
 * copies the log into the database, several frames), then, once a worker
 * has synced and checkpointed the log, their deliveries. */
static gboolean
apply_slice_cb (gpointer user_data)
{
  LtNotifier *self = user_data;
  Look *look = self->applying;
  guint to = MIN (self->applied + LT_NOTIFIER_RECORDS_PER_SLICE, look->alerts->len);
  g_autoptr(Slice) slice = g_new0 (Slice, 1);

  self->apply_id = 0;
  /* A store that is no longer the context's has nothing more of it to
   * record. */
  if (look->store != lt_context_get_store (self->context))
    {
      stop_applying (self);
      end_worker_look (self);
      return G_SOURCE_REMOVE;
    }
  slice->shown = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_free);
  slice->missed = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_free);
  if (!record_range (look, self->applied, to, TRUE, slice->shown, slice->missed))
    {
      stop_applying (self);
      look_failed (self);
      end_worker_look (self);
      return G_SOURCE_REMOVE;
    }
  self->applied = to;
  slice->notifier = g_object_ref (self);
  slice->serial = self->applying_serial;
  lt_store_sync_log_async (look->store, NULL, slice_synced_cb, g_steal_pointer (&slice));
  return G_SOURCE_REMOVE;
}

static void
looked_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LtNotifier *self = LT_NOTIFIER (source_object);
  Look *look = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Dropped by drop_worker_look(), which already forgot it. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("Reading what is due failed: %s", error->message);
      look_failed (self);
    }
  /* Applied as of its snapshot, even when the store changed meanwhile:
   * it is what a look made then would have found, and the change has
   * asked for the next look (docs/app.md, "What a look costs"). A store
   * that is no longer the context's has nothing of it to record. */
  else if (look->store == lt_context_get_store (self->context))
    {
      /* Something to record: a slice a turn, at the priority of idles, so
       * that input and frames come between, each delivered once a worker
       * has synced it (docs/app.md, "Where a look runs"). The look runs on
       * until the last slice. */
      if (look->alerts->len > 0)
        {
          self->applying = g_memdup2 (look, sizeof (Look));
          memset (look, 0, sizeof (Look));
          self->applying_serial++;
          self->applied = 0;
          self->apply_id = g_idle_add (apply_slice_cb, self);
          return;
        }
      apply_look (self, look);
    }

  end_worker_look (self);
}

void
lt_notifier_check_in_worker (LtNotifier *self)
{
  g_autoptr(Look) look = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LT_IS_NOTIFIER (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);
  /* One look at a time; what is asked meanwhile is one more look after
   * it, however often it is asked. */
  if (self->worker_look != NULL)
    {
      self->look_again = TRUE;
      return;
    }

  look = begin_look (self);
  if (look == NULL)
    return;
  look->reader = lt_store_open_reader (look->store, &error);
  if (look->reader == NULL)
    {
      /* Without a second connection the look is made here, as
       * lt_notifier_check() makes it. */
      g_debug ("No reader (%s); looking on the main thread", error->message);
      g_clear_error (&error);
      if (compute_look (look, look->store, &error))
        {
          apply_look (self, look);
        }
      else
        {
          g_message ("Reading what is due failed: %s", error->message);
          look_failed (self);
        }
      return;
    }

  self->worker_look = g_cancellable_new ();
  task = g_task_new (self, self->worker_look, looked_cb, NULL);
  g_task_set_source_tag (task, lt_notifier_check_in_worker);
  g_task_set_task_data (task, g_steal_pointer (&look), (GDestroyNotify) look_free);
  g_task_run_in_thread (task, look_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOOKING]);
}

/* A look the notifier asks for itself (a change, something due, a
 * resume): in the worker when the application said so. */
static void
request_look (LtNotifier *self)
{
  if (self->looks_in_worker)
    lt_notifier_check_in_worker (self);
  else
    lt_notifier_check (self);
}

static gboolean
check_idle_cb (gpointer user_data)
{
  LtNotifier *self = user_data;

  self->idle_id = 0;
  request_look (self);

  return G_SOURCE_REMOVE;
}

/* After a sync or a local change: once, when the main loop is idle. Not
 * while a sync runs: half of what it brings (the tickets, not yet the
 * notices) is not what the portal says; its end looks. */
static void
store_changed_cb (LtNotifier *self)
{
  LtSyncController *sync = lt_context_get_sync (self->context);

  self->dirty = TRUE;
  if (sync != NULL && lt_sync_controller_get_running (sync))
    return;
  /* Before the first look, which the application makes once start-up is
   * on screen, a change needs no look of its own: the first reads all. */
  if (self->watch_started == NULL)
    return;
  /* The look in the worker may have read before this change: one more
   * after it. */
  if (self->worker_look != NULL)
    {
      self->look_again = TRUE;
      return;
    }
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_LOW, check_idle_cb, self, NULL);
}

static void
run_finished_cb (LtNotifier *self)
{
  self->synced = TRUE;
  store_changed_cb (self);
}

/* The clock's minute: only compared with the engine's next instant. */
static void
tick_cb (LtNotifier *self)
{
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  LtSyncController *sync = lt_context_get_sync (self->context);
  gboolean syncing = sync != NULL && lt_sync_controller_get_running (sync);

  if ((self->dirty && !syncing) ||
      (self->next != NULL && g_date_time_compare (now, self->next) >= 0))
    request_look (self);
}

void
lt_notifier_resumed (LtNotifier *self)
{
  g_return_if_fail (LT_IS_NOTIFIER (self));

  /* What came due while the machine slept is missed, not fresh news. */
  g_clear_pointer (&self->watch_started, g_date_time_unref);
  self->watch_started = lt_clock_dup_now (lt_context_get_clock (self->context));
  self->catching_up = TRUE;
  self->synced = FALSE;
  /* A new absence: the Overview's list starts again. A look running in
   * the worker began before it and would tell what came due meanwhile
   * as fresh news: it is dropped. */
  g_ptr_array_set_size (self->away, 0);
  drop_worker_look (self);
  request_look (self);
}

GPtrArray *
lt_notifier_get_away (LtNotifier *self)
{
  g_return_val_if_fail (LT_IS_NOTIFIER (self), NULL);

  return self->away;
}

void
lt_notifier_dismiss_away (LtNotifier *self)
{
  g_return_if_fail (LT_IS_NOTIFIER (self));

  if (self->away->len == 0)
    return;
  g_ptr_array_set_size (self->away, 0);
  if (self->application != NULL)
    g_application_withdraw_notification (self->application, AWAY_NOTIFICATION_ID);
  g_signal_emit (self, signals[AWAY_CHANGED], 0);
}

/**
 * lt_notifier_get_looking:
 * @self: a notifier
 *
 * Returns: whether a look runs in a worker thread
 */
gboolean
lt_notifier_get_looking (LtNotifier *self)
{
  g_return_val_if_fail (LT_IS_NOTIFIER (self), FALSE);

  return self->worker_look != NULL;
}

/**
 * lt_notifier_set_looks_in_worker:
 * @self: a notifier
 * @in_worker: whether its own looks run in a worker thread
 *
 * The looks the notifier makes itself (after a change, when something
 * comes due, after a resume) read and compute in a worker thread, as
 * lt_notifier_check_in_worker() does, rather than on the main thread.
 */
void
lt_notifier_set_looks_in_worker (LtNotifier *self,
                                 gboolean    in_worker)
{
  g_return_if_fail (LT_IS_NOTIFIER (self));

  self->looks_in_worker = in_worker;
}

static void
lt_notifier_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LtNotifier *self = LT_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_LOOKING:
      g_value_set_boolean (value, lt_notifier_get_looking (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_notifier_dispose (GObject *object)
{
  LtNotifier *self = (LtNotifier *) object;

  g_clear_handle_id (&self->idle_id, g_source_remove);
  /* A worker's look holds the notifier until it has read (its task's
   * source object); one still recording its slices stops here, the rest
   * left to the next process's look. */
  stop_applying (self);
  g_clear_object (&self->worker_look);
  g_clear_weak_pointer (&self->application);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lt_notifier_parent_class)->dispose (object);
}

static void
lt_notifier_finalize (GObject *object)
{
  LtNotifier *self = (LtNotifier *) object;

  g_clear_pointer (&self->watch_started, g_date_time_unref);
  g_clear_pointer (&self->last_check, g_date_time_unref);
  g_clear_pointer (&self->next, g_date_time_unref);
  g_clear_pointer (&self->away, g_ptr_array_unref);

  G_OBJECT_CLASS (lt_notifier_parent_class)->finalize (object);
}

static void
lt_notifier_class_init (LtNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lt_notifier_get_property;
  object_class->dispose = lt_notifier_dispose;
  object_class->finalize = lt_notifier_finalize;

  /**
   * LtNotifier:looking:
   *
   * Whether a look runs in a worker thread (lt_notifier_check_in_worker()).
   */
  properties[PROP_LOOKING] =
    g_param_spec_boolean ("looking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[AWAY_CHANGED] = g_signal_new ("away-changed",
                                        G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
lt_notifier_init (LtNotifier *self)
{
  self->away = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_free);
  self->catching_up = TRUE;
}

LtNotifier *
lt_notifier_new (LtContext    *context,
                 GApplication *application)
{
  LtNotifier *self;
  LtSyncController *sync;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  self = g_object_new (LT_TYPE_NOTIFIER, NULL);
  self->context = g_object_ref (context);
  g_set_weak_pointer (&self->application, application);

  g_signal_connect_object (lt_context_get_clock (context), "tick",
                           G_CALLBACK (tick_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "outbox-changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  sync = lt_context_get_sync (context);
  if (sync != NULL)
    {
      g_signal_connect_object (sync, "run-finished",
                               G_CALLBACK (run_finished_cb), self, G_CONNECT_SWAPPED);
      /* The controller tells of a resume (logind or a jump of the clock). */
      g_signal_connect_object (sync, "resumed",
                               G_CALLBACK (lt_notifier_resumed), self, G_CONNECT_SWAPPED);
    }
  if (lt_context_get_store (context) != NULL)
    g_signal_connect_object (lt_context_get_store (context), "changed",
                             G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lt_context_get_settings (context), "changed::notifications-off",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lt_context_get_settings (context), "changed::reminder-lead-minutes",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}
