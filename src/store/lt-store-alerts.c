/* lt-store-alerts.c: alert records, the alert state and the engine's input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-alerts.h"
#include "lt-store-account.h"
#include "lt-store-installations.h"
#include "lt-store-private.h"
#include "lt-store-rows.h"
#include "lt-store-tickets.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* The reopen window is at most this long (§14: 5 business days, which
 * with holidays stays well inside 30 calendar days): closed tickets older
 * than that cannot give an alert and are not read. */
#define CLOSED_LOOKBACK_DAYS 30

static const char * const delivery_nicks[] = { "shown", "summarised", "muted" };

/**
 * lt_alert_delivery_to_nick:
 * @delivery: a delivery
 *
 * Returns: (transfer none): the word the store and the JSON use
 */
const char *
lt_alert_delivery_to_nick (LtAlertDelivery delivery)
{
  g_return_val_if_fail ((guint) delivery < G_N_ELEMENTS (delivery_nicks), NULL);

  return delivery_nicks[delivery];
}

/**
 * lt_alert_record_free:
 * @self: (nullable): a record
 */
void
lt_alert_record_free (LtAlertRecord *self)
{
  if (self == NULL)
    return;

  g_free (self->key);
  g_free (self->subject);
  g_clear_pointer (&self->due, g_date_time_unref);
  g_clear_pointer (&self->recorded_at, g_date_time_unref);
  g_clear_pointer (&self->withdrawn_at, g_date_time_unref);
  g_free (self);
}

static gboolean
store_is_writable (LtStore *self)
{
  return sqlite3_db_readonly (lt_store_get_db (self), "main") == 0;
}

/* Alert state ------------------------------------------------------------ */

static gboolean
read_alert_state (LtStore    *self,
                  gboolean   *found,
                  GDateTime **since,
                  GDateTime **last_check,
                  GError    **error)
{
  g_auto(LtCachedStmt) stmt = lt_store_prepare (self,
                                                "SELECT since, last_check FROM alert_state "
                                                "WHERE id = 1",
                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the state of the notifications"));
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  if (*found)
    {
      if (since != NULL)
        *since = lt_store_column_instant (stmt, 0);
      if (last_check != NULL)
        *last_check = lt_store_column_instant (stmt, 1);
    }
  return TRUE;
}

/**
 * lt_store_get_alert_state:
 * @self: the store
 * @now: the current time
 * @since: (out) (optional): when this profile began to notify
 * @last_check: (out) (optional) (nullable): the last check, %NULL when never
 * @error: return location for an error
 *
 * The first call on a writable store records @now as the beginning; of
 * two processes doing so at once, the first one's instant stays. A
 * read-only store that never began answers @now.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_get_alert_state (LtStore    *self,
                          GDateTime  *now,
                          GDateTime **since,
                          GDateTime **last_check,
                          GError    **error)
{
  g_autoptr(GDateTime) since_value = NULL;
  g_autoptr(GDateTime) last_value = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!read_alert_state (self, &found, &since_value, &last_value, error))
    return FALSE;

  if (!found && store_is_writable (self))
    {
      g_auto(LtCachedStmt) stmt = lt_store_prepare (self,
                                                    "INSERT INTO alert_state (id, since) "
                                                    "VALUES (1, ?) ON CONFLICT DO NOTHING",
                                                    error);

      if (stmt == NULL)
        return FALSE;
      lt_store_bind_instant (stmt, 1, now);
      if (!lt_store_step_done (self, stmt, error) ||
          !read_alert_state (self, &found, &since_value, &last_value, error))
        return FALSE;
    }
  if (!found)
    since_value = g_date_time_to_utc (now);

  if (since != NULL)
    *since = g_steal_pointer (&since_value);
  if (last_check != NULL)
    *last_check = g_steal_pointer (&last_value);
  return TRUE;
}

/**
 * lt_store_set_alert_last_check:
 * @self: the store
 * @at: when the engine was last asked
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_set_alert_last_check (LtStore    *self,
                               GDateTime  *at,
                               GError    **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (at != NULL, FALSE);

  /* since is NOT NULL: a first write also begins the profile's watch. */
  stmt = lt_store_prepare (self,
                           "INSERT INTO alert_state (id, since, last_check) VALUES (1, ?1, ?1) "
                           "ON CONFLICT (id) DO UPDATE SET last_check = excluded.last_check",
                           error);
  if (stmt == NULL)
    return FALSE;
  lt_store_bind_instant (stmt, 1, at);
  return lt_store_step_done (self, stmt, error);
}

/* Records ---------------------------------------------------------------- */

#define RECORD_COLUMNS "key, kind, subject, due_at, recorded_at, delivery, withdrawn_at"

static LtAlertRecord *
record_new_from_row (sqlite3_stmt *stmt)
{
  LtAlertRecord *record = g_new0 (LtAlertRecord, 1);
  const char *delivery = lt_store_column_text (stmt, 5);

  record->key = g_strdup (lt_store_column_text (stmt, 0));
  /* The column is CHECKed against the same nicks. */
  if (!lt_alert_kind_from_nick (lt_store_column_text (stmt, 1), &record->kind))
    record->kind = LT_ALERT_KIND_TICKET_UPDATE;
  record->subject = g_strdup (lt_store_column_text (stmt, 2));
  record->due = lt_store_column_instant (stmt, 3);
  record->recorded_at = lt_store_column_instant (stmt, 4);
  record->delivery = LT_ALERT_DELIVERY_SHOWN;
  for (guint i = 0; delivery != NULL && i < G_N_ELEMENTS (delivery_nicks); i++)
    if (strcmp (delivery, delivery_nicks[i]) == 0)
      record->delivery = (LtAlertDelivery) i;
  record->withdrawn_at = lt_store_column_instant (stmt, 6);
  return record;
}

static GPtrArray *
load_records (LtStore     *self,
              const char  *sql,
              GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_record_free);
  g_auto(LtCachedStmt) stmt = lt_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (records, record_new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the notifications"));
      return NULL;
    }
  return g_steal_pointer (&records);
}

/**
 * lt_store_prune_alerts:
 * @self: the store
 * @now: the current time
 * @n_pruned: (out) (optional): how many records were deleted
 * @error: return location for an error
 *
 * Deletes the records withdrawn more than
 * %LT_STORE_ALERT_KEEP_WITHDRAWN_DAYS days before @now: their reason is
 * long gone, and a new reason has a new key.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_prune_alerts (LtStore    *self,
                       GDateTime  *now,
                       guint      *n_pruned,
                       GError    **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  stmt = lt_store_prepare (self, "DELETE FROM alerts WHERE withdrawn_at IS NOT NULL "
                                 "AND withdrawn_at < ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lt_store_instant_to_usec (now) -
                               LT_STORE_ALERT_KEEP_WITHDRAWN_DAYS * G_TIME_SPAN_DAY);
  if (!lt_store_step_done (self, stmt, error))
    return FALSE;
  if (n_pruned != NULL)
    *n_pruned = (guint) sqlite3_changes (lt_store_get_db (self));
  return TRUE;
}

/**
 * lt_store_dup_kept_alert_keys:
 * @self: the store
 * @now: the current time
 * @error: return location for an error
 *
 * The keys recorded (delivered, summarised, muted or withdrawn) that
 * lt_store_prune_alerts() at @now keeps: lt_store_record_alert() of any
 * of them records nothing, so a look need not try. The notifier reads
 * them in its worker with the engine's input, so that the main thread
 * only records what is new.
 *
 * Returns: (transfer full) (nullable): a set of keys (strings)
 */
GHashTable *
lt_store_dup_kept_alert_keys (LtStore    *self,
                              GDateTime  *now,
                              GError    **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  stmt = lt_store_prepare (self, "SELECT key FROM alerts WHERE withdrawn_at IS NULL "
                                 "OR withdrawn_at >= ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, lt_store_instant_to_usec (now) -
                               LT_STORE_ALERT_KEEP_WITHDRAWN_DAYS * G_TIME_SPAN_DAY);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (keys, g_strdup (lt_store_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the notifications"));
      return NULL;
    }
  return g_steal_pointer (&keys);
}

/**
 * lt_store_record_alert:
 * @self: the store
 * @alert: the alert
 * @delivery: how it is delivered
 * @now: the current time
 * @recorded: (out): %TRUE when this call recorded it, %FALSE when it was
 *   recorded before (by this or another process): then it must not be
 *   delivered again
 * @error: return location for an error
 *
 * Records @alert under its key in one statement, so of two processes
 * recording the same key at once exactly one gets @recorded %TRUE. Alone,
 * it also prunes the withdrawn records older than 90 days; inside a
 * transaction it leaves that to the caller (lt_store_prune_alerts() once
 * in the transaction): pruning reads every withdrawn record, and the
 * first look at a large profile records one alert per breached ticket.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_record_alert (LtStore         *self,
                       const LtAlert   *alert,
                       LtAlertDelivery  delivery,
                       GDateTime       *now,
                       gboolean        *recorded,
                       GError         **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (alert != NULL && alert->key != NULL && alert->subject != NULL, FALSE);
  g_return_val_if_fail ((guint) delivery < G_N_ELEMENTS (delivery_nicks), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (recorded != NULL, FALSE);

  /* INSERT OR IGNORE as an upsert that does nothing: only the key's
   * conflict is ignored (OR IGNORE would also swallow a CHECK). */
  stmt = lt_store_prepare (self,
                           "INSERT INTO alerts (" RECORD_COLUMNS ") "
                           "VALUES (?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (key) DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, alert->key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lt_alert_kind_to_nick (alert->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, alert->subject, -1, SQLITE_STATIC);
  lt_store_bind_instant (stmt, 4, alert->due);
  lt_store_bind_instant (stmt, 5, now);
  sqlite3_bind_text (stmt, 6, delivery_nicks[delivery], -1, SQLITE_STATIC);
  if (!lt_store_step_done (self, stmt, error))
    {
      g_prefix_error (error, _("Recording the notification “%s”: "), alert->key);
      return FALSE;
    }
  *recorded = sqlite3_changes (lt_store_get_db (self)) == 1;
  return !*recorded || lt_store_in_transaction (self) ||
         lt_store_prune_alerts (self, now, NULL, error);
}

/**
 * lt_store_list_standing_alerts:
 * @self: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type LtAlertRecord): the records
 *   delivered (shown or summarised) and not withdrawn, oldest first
 */
GPtrArray *
lt_store_list_standing_alerts (LtStore  *self,
                               GError  **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);

  return load_records (self,
                       "SELECT " RECORD_COLUMNS " FROM alerts "
                       "WHERE delivery IN ('shown', 'summarised') AND withdrawn_at IS NULL "
                       "ORDER BY recorded_at, key",
                       error);
}

/**
 * lt_store_dup_standing_condition_keys:
 * @self: the store
 * @error: return location for an error
 *
 * The keys of the standing records (delivered, shown or summarised, and
 * not withdrawn) whose kind is a condition, not news
 * (lt_alert_kind_is_news()): what a look withdraws when the engine no
 * longer returns it. Only the keys, without the records' instants: a look
 * at 100,000 tickets compares 18,000 of them, and GLib 2.74's slice
 * allocator would keep the `GDateTime`s of whole records (docs/app.md,
 * "A look gives its heap back").
 *
 * Returns: (transfer full) (element-type utf8) (nullable): the keys,
 *   oldest recorded first
 */
GPtrArray *
lt_store_dup_standing_condition_keys (LtStore  *self,
                                      GError  **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);

  stmt = lt_store_prepare (self, "SELECT key, kind FROM alerts "
                                 "WHERE delivery IN ('shown', 'summarised') AND withdrawn_at IS NULL "
                                 "ORDER BY recorded_at, key", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LtAlertKind kind;

      /* The column is CHECKed against the same nicks; a word that names
       * no kind is taken as news, as lt_store_list_standing_alerts()
       * reads it, and is never withdrawn. */
      if (lt_alert_kind_from_nick (lt_store_column_text (stmt, 1), &kind) &&
          !lt_alert_kind_is_news (kind))
        g_ptr_array_add (keys, g_strdup (lt_store_column_text (stmt, 0)));
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the notifications"));
      return NULL;
    }
  return g_steal_pointer (&keys);
}

/**
 * lt_store_withdraw_alert:
 * @self: the store
 * @key: the alert's key
 * @now: the current time
 * @error: return location for an error
 *
 * Marks the record withdrawn (its reason is gone); a record withdrawn
 * already keeps its first instant, and an unknown key is no error.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_withdraw_alert (LtStore     *self,
                         const char  *key,
                         GDateTime   *now,
                         GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  stmt = lt_store_prepare (self, "UPDATE alerts SET withdrawn_at = ? "
                                 "WHERE key = ? AND withdrawn_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  lt_store_bind_instant (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  return lt_store_step_done (self, stmt, error);
}

/**
 * lt_store_list_last_summary:
 * @self: the store
 * @error: return location for an error
 *
 * What the last "While you were away" summary said (the Overview lists
 * it): the summarised records recorded at the newest such instant.
 *
 * Returns: (transfer full) (element-type LtAlertRecord): earliest due
 *   first; empty when nothing was ever summarised
 */
GPtrArray *
lt_store_list_last_summary (LtStore  *self,
                            GError  **error)
{
  g_return_val_if_fail (LT_IS_STORE (self), NULL);

  return load_records (self,
                       "SELECT " RECORD_COLUMNS " FROM alerts "
                       "WHERE delivery = 'summarised' AND recorded_at = "
                       "  (SELECT max (recorded_at) FROM alerts WHERE delivery = 'summarised') "
                       "ORDER BY due_at IS NULL, due_at, key",
                       error);
}

/**
 * lt_store_is_alert_recorded:
 * @self: the store
 * @key: an alert's key
 * @recorded: (out): whether a record exists (withdrawn or not)
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_is_alert_recorded (LtStore     *self,
                            const char  *key,
                            gboolean    *recorded,
                            GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (recorded != NULL, FALSE);

  stmt = lt_store_prepare (self, "SELECT 1 FROM alerts WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the notifications"));
      return FALSE;
    }
  *recorded = rc == SQLITE_ROW;
  return TRUE;
}

/* The engine's input ----------------------------------------------------- */

/* Rows of @sql with ?1 bound to @instant (or NULL), made by @new_from_row
 * (a GObject each). */
static GPtrArray *
load_objects (LtStore           *self,
              const char        *sql,
              GDateTime         *instant,
              LtStoreNewFromRow  new_from_row,
              GError           **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(LtCachedStmt) stmt = lt_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  lt_store_bind_instant (stmt, 1, instant);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (objects, new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the local database"));
      return NULL;
    }
  return g_steal_pointer (&objects);
}

/* Reads the events of @with_events (those of @batch whose row changed
 * since the look's bound), hands @batch to @func and empties both. */
static gboolean
hand_over_batch (LtStore                 *self,
                 GPtrArray               *batch,
                 GPtrArray               *with_events,
                 LtStoreTicketBatchFunc   func,
                 gpointer                 user_data,
                 GError                 **error)
{
  for (guint i = 0; i < with_events->len; i++)
    if (!lt_store_load_ticket_events (self, g_ptr_array_index (with_events, i), error))
      return FALSE;
  g_ptr_array_set_size (with_events, 0);
  if (batch->len > 0)
    func (batch, user_data);
  g_ptr_array_set_size (batch, 0);
  return TRUE;
}

/* Tickets that can still give an alert: those opened and not closed, and
 * those closed within the look-back (the reopen window), handed to @func
 * @batch_size at a time. Each branch is served by an index
 * (tickets_state_opened, tickets_closed_at); without statistics sqlite
 * would pick the state index for the second and walk every closed
 * ticket, hence INDEXED BY. The last column, local_updated_at, says whose
 * events to read. The statement stays open while a batch's events are
 * read and @func runs: its read transaction keeps the parts in one
 * snapshot also where the store begins none. */
static gboolean
stream_tickets (LtStore                 *self,
                GDateTime               *now,
                GDateTime               *events_changed_since,
                guint                    batch_size,
                LtStoreTicketBatchFunc   func,
                gpointer                 user_data,
                GError                 **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) with_events = g_ptr_array_new ();
  g_autoptr(GDateTime) closed_after = g_date_time_add_days (now, -CLOSED_LOOKBACK_DAYS);
  gint64 changed_since = events_changed_since != NULL ?
                         lt_store_instant_to_usec (events_changed_since) : G_MININT64;
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (self,
                           "SELECT " LT_TICKET_COLUMNS ", local_updated_at FROM tickets "
                           "WHERE state IN ('submitted', 'triaged', 'in-progress', "
                           "                'awaiting-customer', 'resolved', 'reopened') "
                           "UNION ALL "
                           "SELECT " LT_TICKET_COLUMNS ", local_updated_at FROM tickets "
                           "INDEXED BY tickets_closed_at "
                           "WHERE state = 'closed' AND closed_at >= ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  lt_store_bind_instant (stmt, 1, closed_after);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LtTicket *ticket = lt_store_ticket_new_from_row (stmt);

      g_ptr_array_add (batch, ticket);
      if (sqlite3_column_int64 (stmt, 23) >= changed_since)
        g_ptr_array_add (with_events, ticket);
      if (batch->len >= batch_size &&
          !hand_over_batch (self, batch, with_events, func, user_data, error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the tickets"));
      return FALSE;
    }
  return hand_over_batch (self, batch, with_events, func, user_data, error);
}

/**
 * lt_store_dup_customer_names:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the names the customer's own events
 *   carry as their author
 */
char **
lt_store_dup_customer_names (LtStore  *self,
                             GError  **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = lt_store_prepare (self,
                           "SELECT customer_name FROM account "
                           "UNION SELECT name FROM contacts",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, lt_store_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the account"));
      return NULL;
    }
  return g_strv_builder_end (names);
}

/* The account's unpaid invoices, and its tier (the SLA targets, R4;
 * essential while the account is unknown). */
static GPtrArray *
load_unpaid_invoices (LtStore  *self,
                      LtTier   *tier,
                      GError  **error)
{
  g_autoptr(GPtrArray) unpaid = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LtAccount) account = lt_store_load_account (self, &local_error);
  GPtrArray *invoices;

  if (account == NULL)
    {
      if (!g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_steal_pointer (&unpaid);
    }
  *tier = lt_account_get_tier (account);
  invoices = lt_account_get_invoices (account);
  for (guint i = 0; invoices != NULL && i < invoices->len; i++)
    {
      const LtInvoice *invoice = g_ptr_array_index (invoices, i);

      if (!invoice->paid)
        g_ptr_array_add (unpaid, lt_invoice_copy (invoice));
    }
  return g_steal_pointer (&unpaid);
}

static GPtrArray *
load_installations (LtStore  *self,
                    GError  **error)
{
  g_autoptr(LtStoreInstallations) model = lt_store_installations_new (self, error);
  g_autoptr(GPtrArray) installations = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (model == NULL)
    return NULL;
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (installations, g_list_model_get_item (G_LIST_MODEL (model), i));
  return g_steal_pointer (&installations);
}

/* What a refused outbox item was, for the admin: the action and the
 * ticket or notice it is about, found through the rows it belongs to
 * (a ticket or notice filed here has the item's key as its local id; an
 * event made here names it in outbox_key). */
static char *
describe_outbox_item (const char *kind,
                      const char *ticket,
                      const char *notice)
{
  g_autofree char *subject = ticket != NULL ? g_strdup (ticket) : g_strdup (_("a ticket"));

  if (g_strcmp0 (kind, "ticket.create") == 0)
    /* TRANSLATORS: an outbox item; %s is the ticket's title */
    return g_strdup_printf (_("New ticket “%s”"), ticket != NULL ? ticket : "");
  if (g_strcmp0 (kind, "ticket.comment") == 0)
    /* TRANSLATORS: an outbox item; %s is a ticket id, "LT-000139" */
    return g_strdup_printf (_("Comment on %s"), subject);
  if (g_strcmp0 (kind, "ticket.attachment") == 0)
    return g_strdup_printf (_("Attachment to %s"), subject);
  if (g_strcmp0 (kind, "ticket.confirm-closure") == 0)
    return g_strdup_printf (_("Confirming that %s is fixed"), subject);
  if (g_strcmp0 (kind, "ticket.reopen") == 0)
    return g_strdup_printf (_("Reopening %s"), subject);
  if (g_strcmp0 (kind, "ticket.escalate") == 0)
    return g_strdup_printf (_("Escalation of %s"), subject);
  if (g_strcmp0 (kind, "ticket.withdraw") == 0)
    return g_strdup_printf (_("Withdrawal of %s"), subject);
  if (g_strcmp0 (kind, "change-notice.create") == 0)
    /* TRANSLATORS: an outbox item; %s is the change notice's title */
    return g_strdup_printf (_("Change notice “%s”"), notice != NULL ? notice : "");
  if (g_strcmp0 (kind, "change-notice.withdraw") == 0)
    return g_strdup (_("Withdrawal of a change notice"));
  if (g_strcmp0 (kind, "change-notice.reschedule") == 0)
    /* TRANSLATORS: an outbox item; %s is the new change notice's title */
    return g_strdup_printf (_("Rescheduled change notice “%s”"), notice != NULL ? notice : "");
  /* TRANSLATORS: an outbox item of a kind this version does not know */
  return g_strdup_printf (_("Outbox item “%s”"), kind);
}

static GPtrArray *
load_refusals (LtStore  *self,
               GError  **error)
{
  g_autoptr(GPtrArray) refusals = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_refusal_free);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (self,
                           "SELECT o.key, o.kind, o.failure_reason, o.last_attempt_at, "
                           "       CASE WHEN o.kind = 'ticket.create' THEN t.title "
                           "            ELSE coalesce (t.id, t.title) END, "
                           "       c.title "
                           "FROM outbox AS o "
                           "LEFT JOIN ticket_events AS e ON e.outbox_key = o.key "
                           "LEFT JOIN tickets AS t ON t.pk = e.ticket_pk OR t.local_id = o.key "
                           "LEFT JOIN change_notices AS c ON c.local_id = o.key "
                           "WHERE o.state = 'failed' ORDER BY o.id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GDateTime) failed_at = lt_store_column_instant (stmt, 3);
      g_autofree char *what = describe_outbox_item (lt_store_column_text (stmt, 1),
                                                    lt_store_column_text (stmt, 4),
                                                    lt_store_column_text (stmt, 5));

      g_ptr_array_add (refusals, lt_alert_refusal_new (lt_store_column_text (stmt, 0), what,
                                                       lt_store_column_text (stmt, 2), failed_at));
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the outbox"));
      return NULL;
    }
  return g_steal_pointer (&refusals);
}

/**
 * lt_store_stream_alert_input:
 * @self: the store
 * @policy: the policy in force (reffed into @input)
 * @catalog: (nullable): the release catalog (reffed into @input)
 * @now: the current time
 * @events_changed_since: (nullable): read the events of the tickets whose
 *   row changed at or after this instant only; %NULL: of every ticket read
 * @batch_size: at most this many tickets per call of @func (at least 1)
 * @func: (scope call): called with each batch of tickets, in order
 * @user_data: for @func
 * @input: (out caller-allocates): zeroed, or cleared with
 *   lt_alert_input_clear()
 * @error: return location for an error
 *
 * Fills @input from the store as lt_store_load_alert_input() does but
 * for the tickets, which it hands to @func a batch at a time (transfer
 * none: a batch is freed when @func returns, unless @func keeps a
 * reference) in the order lt_store_load_alert_input() lists them. @input
 * is filled before the first call, and @input->tickets stays %NULL. All
 * is read in one snapshot.
 *
 * Returns: %TRUE on success; on failure @input is cleared (@func may
 *   have seen some of the tickets)
 */
gboolean
lt_store_stream_alert_input (LtStore                 *self,
                             LtPolicy                *policy,
                             LtReleaseCatalog        *catalog,
                             GDateTime               *now,
                             GDateTime               *events_changed_since,
                             guint                    batch_size,
                             LtStoreTicketBatchFunc   func,
                             gpointer                 user_data,
                             LtAlertInput            *input,
                             GError                 **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_POLICY (policy), FALSE);
  g_return_val_if_fail (catalog == NULL || LT_IS_RELEASE_CATALOG (catalog), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (batch_size > 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  memset (input, 0, sizeof *input);
  input->policy = g_object_ref (policy);
  input->catalog = catalog != NULL ? g_object_ref (catalog) : NULL;

  /* The state is written (since begins) before the reading transaction,
   * which on a writable store is a write transaction otherwise. */
  if (!lt_store_get_alert_state (self, now, &input->since, NULL, error))
    {
      lt_alert_input_clear (input);
      return FALSE;
    }

  /* One transaction, so that the parts agree: on a reader (the notifier's
   * worker, lt_store_open_reader()) a read transaction, one snapshot. A
   * writable store's file that sqlite opened read-only cannot begin one
   * the store's way (BEGIN IMMEDIATE) and reads each part on its own.
   * The tickets come last: what their alerts depend on (the names, since,
   * the tier) is in @input by then. */
  if ((store_is_writable (self) || lt_store_is_read_only (self)) &&
      (tx = lt_store_begin (self, error)) == NULL)
    {
      lt_alert_input_clear (input);
      return FALSE;
    }
  if ((input->customer_names = lt_store_dup_customer_names (self, error)) == NULL ||
      (input->change_notices =
         load_objects (self,
                       "SELECT " LT_CHANGE_NOTICE_COLUMNS " FROM change_notices "
                       "WHERE state = 'draft' OR planned_start >= ?1 "
                       "ORDER BY planned_start IS NULL, planned_start, pk",
                       now, (LtStoreNewFromRow) lt_store_change_notice_new_from_row,
                       error)) == NULL ||
      (input->maintenance_windows =
         load_objects (self,
                       "SELECT " LT_MAINTENANCE_WINDOW_COLUMNS " FROM maintenance_windows "
                       "WHERE coalesce (ends_at, starts_at) IS NULL "
                       "   OR coalesce (ends_at, starts_at) >= ?1 "
                       "ORDER BY starts_at IS NULL, starts_at, id",
                       now, (LtStoreNewFromRow) lt_store_maintenance_window_new_from_row,
                       error)) == NULL ||
      (input->installations = load_installations (self, error)) == NULL ||
      (input->invoices = load_unpaid_invoices (self, &input->tier, error)) == NULL ||
      (input->refusals = load_refusals (self, error)) == NULL ||
      !stream_tickets (self, now, events_changed_since, batch_size, func, user_data, error))
    {
      lt_alert_input_clear (input);
      return FALSE;
    }
  /* Only read: ending it either way releases the snapshot. */
  if (tx != NULL)
    lt_store_transaction_rollback (tx);
  return TRUE;
}

static void
keep_tickets (GPtrArray *batch,
              gpointer   user_data)
{
  GPtrArray *tickets = user_data;

  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (tickets, g_object_ref (g_ptr_array_index (batch, i)));
}

/**
 * lt_store_load_alert_input:
 * @self: the store
 * @policy: the policy in force (reffed into @input)
 * @catalog: (nullable): the release catalog (reffed into @input)
 * @now: the current time
 * @events_changed_since: (nullable): read the events of the tickets whose
 *   row changed at or after this instant only; %NULL: of every ticket read
 * @input: (out caller-allocates): zeroed, or cleared with
 *   lt_alert_input_clear()
 * @error: return location for an error
 *
 * Fills @input from the store: the tickets opened and not closed, and
 * those closed in the last 30 days (drafts and queued tickets have no
 * deadline and are left out); the customer's names (the account's
 * customer name and contacts); since (lt_store_get_alert_state()); the
 * change notices that are drafts or whose planned start is not past; the
 * maintenance windows not ended; the installations; the unpaid invoices;
 * the outbox items the portal refused. Leaves the reminder leads to the
 * caller.
 *
 * Returns: %TRUE on success; on failure @input is cleared
 */
gboolean
lt_store_load_alert_input (LtStore          *self,
                           LtPolicy         *policy,
                           LtReleaseCatalog *catalog,
                           GDateTime        *now,
                           GDateTime        *events_changed_since,
                           LtAlertInput     *input,
                           GError          **error)
{
  g_autoptr(GPtrArray) tickets = g_ptr_array_new_with_free_func (g_object_unref);

  if (!lt_store_stream_alert_input (self, policy, catalog, now, events_changed_since, G_MAXUINT,
                                    keep_tickets, tickets, input, error))
    return FALSE;
  input->tickets = g_steal_pointer (&tickets);
  return TRUE;
}
