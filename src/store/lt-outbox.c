/* lt-outbox.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-outbox"

#include "config.h"

#include "lt-outbox.h"
#include "lt-error.h"
#include "lt-store-private.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

struct _LtOutbox
{
  GObject  parent_instance;

  /* Owned */
  LtStore *store;
};

G_DEFINE_FINAL_TYPE (LtOutbox, lt_outbox, G_TYPE_OBJECT)

/* A row may go out when it is due and the row it depends on (if any) has
 * been acknowledged; a dependency that was pruned after it was sent counts
 * as acknowledged. */
#define CLAIMABLE(o) \
  o ".state = 'pending' AND NOT EXISTS (SELECT 1 FROM outbox AS dep " \
  "WHERE dep.key = " o ".depends_on AND dep.state <> 'sent')"

static void
lt_outbox_dispose (GObject *object)
{
  LtOutbox *self = (LtOutbox *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (lt_outbox_parent_class)->dispose (object);
}

static void
lt_outbox_class_init (LtOutboxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_outbox_dispose;
}

static void
lt_outbox_init (LtOutbox *self)
{
}

/**
 * lt_outbox_new:
 * @store: the store whose outbox table this works on
 *
 * Returns: (transfer full): a new outbox view of @store
 */
LtOutbox *
lt_outbox_new (LtStore *store)
{
  LtOutbox *self;

  g_return_val_if_fail (LT_IS_STORE (store), NULL);

  self = g_object_new (LT_TYPE_OUTBOX, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * lt_outbox_get_store:
 *
 * Returns: (transfer none): the store
 */
LtStore *
lt_outbox_get_store (LtOutbox *self)
{
  g_return_val_if_fail (LT_IS_OUTBOX (self), NULL);

  return self->store;
}

/* Every write below tells the store which item it changed (by its key),
 * so that what shows the outbox (the app's counts and banners) follows it
 * through LtStore::changed::outbox, whoever wrote: docs/store.md, "Change
 * notification". */
static void
record_change (LtOutbox          *self,
               LtStoreChangeKind  kind,
               const char        *key)
{
  lt_store_record_change (self->store, "outbox", kind, key);
}

static void
set_not_found (GError     **error,
               const char  *key,
               const char  *expected)
{
  /* TRANSLATORS: the second %s is a state: "being sent", "failed"… */
  g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
               _("There is no outbox item “%s” that is %s"), key, expected);
}

/* The state of item @key as stored, or NULL in @state when there is no
 * such item. */
static gboolean
read_state (LtOutbox    *self,
            const char  *key,
            char       **state,
            GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (self->store, "SELECT state FROM outbox WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lt_store_set_error (self->store, error, _("Could not read the outbox"));
      return FALSE;
    }
  *state = rc == SQLITE_ROW ? g_strdup (lt_store_column_text (stmt, 0)) : NULL;
  return TRUE;
}

static gboolean
key_exists (LtOutbox    *self,
            const char  *key,
            gboolean    *exists,
            GError     **error)
{
  g_autofree char *state = NULL;

  if (!read_state (self, key, &state, error))
    return FALSE;
  *exists = state != NULL;
  return TRUE;
}

/**
 * lt_outbox_enqueue_with_key:
 * @self: the outbox
 * @key: the idempotency key, a UUID the caller generated (so that the local
 *   row it belongs to can name it in the same transaction)
 * @kind: what the action is, e.g. "ticket.create"; the portal layer maps
 *   kinds to requests
 * @payload: the request as a JSON object
 * @depends_on: (nullable): the key of an item that must be acknowledged
 *   before this one is sent (a comment on a ticket still in the outbox)
 * @now: the current time
 * @error: return location for an error
 *
 * Adds a pending item, due at once. Call it inside the transaction
 * (lt_store_begin()) that writes the local change; the item is durable when
 * that transaction commits.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_outbox_enqueue_with_key (LtOutbox    *self,
                            const char  *key,
                            const char  *kind,
                            const char  *payload,
                            const char  *depends_on,
                            GDateTime   *now,
                            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_auto(LtCachedStmt) stmt = NULL;
  JsonNode *root;

  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (key == NULL || !g_uuid_string_is_valid (key))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a UUID; an idempotency key must be one"), key ? key : "");
      return FALSE;
    }

  if (kind == NULL || kind[0] == '\0')
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("An outbox item needs a kind"));
      return FALSE;
    }

  parser = json_parser_new_immutable ();
  if (payload == NULL || !json_parser_load_from_data (parser, payload, -1, &json_error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("$: the payload of a “%s” outbox item must be a JSON object%s%s"),
                   kind, json_error ? ": " : "", json_error ? json_error->message : "");
      return FALSE;
    }

  if (depends_on != NULL)
    {
      gboolean exists;

      if (!key_exists (self, depends_on, &exists, error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                       _("The outbox item “%s” this one depends on does not exist"),
                       depends_on);
          return FALSE;
        }
    }

  stmt = lt_store_prepare (self->store,
                           "INSERT INTO outbox (key, kind, payload, depends_on, state, "
                           "                    created_at, next_attempt_at) "
                           "VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?5)",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, payload, -1, SQLITE_TRANSIENT);
  if (depends_on != NULL)
    sqlite3_bind_text (stmt, 4, depends_on, -1, SQLITE_TRANSIENT);
  lt_store_bind_instant (stmt, 5, now);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_autofree char *doing = g_strdup_printf (_("Could not queue “%s” for the portal"), kind);

      lt_store_set_error (self->store, error, doing);
      return FALSE;
    }

  record_change (self, LT_STORE_CHANGE_INSERTED, key);
  return TRUE;
}

/**
 * lt_outbox_enqueue:
 * @self: the outbox
 * @kind: see lt_outbox_enqueue_with_key()
 * @payload: the request as a JSON object
 * @depends_on: (nullable): see lt_outbox_enqueue_with_key()
 * @now: the current time
 * @error: return location for an error
 *
 * Like lt_outbox_enqueue_with_key() with a new random key.
 *
 * Returns: (transfer full) (nullable): the idempotency key
 */
char *
lt_outbox_enqueue (LtOutbox    *self,
                   const char  *kind,
                   const char  *payload,
                   const char  *depends_on,
                   GDateTime   *now,
                   GError     **error)
{
  g_autofree char *key = g_uuid_string_random ();

  if (!lt_outbox_enqueue_with_key (self, key, kind, payload, depends_on, now, error))
    return NULL;
  return g_steal_pointer (&key);
}

/* Whether @kind is one of @kinds (NULL-terminated; NULL: none). */
static gboolean
kind_is_one_of (const char        *kind,
                const char * const *kinds)
{
  return kinds != NULL && kind != NULL && g_strv_contains (kinds, kind);
}

/* The ids of the items a claim takes, oldest first (see
 * lt_outbox_claim_batch()); with @join_only, none that is not of
 * @joinable_kinds, the first one included (lt_outbox_claim_joinable()). */
static GArray *
select_claimable (LtOutbox            *self,
                  GDateTime           *now,
                  guint                max_items,
                  const char * const  *joinable_kinds,
                  gboolean             join_only,
                  GError             **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (self->store,
                           "SELECT o.id, o.kind FROM outbox AS o "
                           "WHERE o.next_attempt_at <= ?1 AND " CLAIMABLE ("o")
                           " ORDER BY o.id LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;

  lt_store_bind_instant (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, max_items);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      /* The first item always goes (unless it must join others already
       * in flight); the next ones only while every item so far can be in
       * flight beside the others, so that no item overtakes an older one
       * it might act on. */
      if ((ids->len > 0 || join_only) && !kind_is_one_of (lt_store_column_text (stmt, 1), joinable_kinds))
        break;
      g_array_append_val (ids, id);
      if (!kind_is_one_of (lt_store_column_text (stmt, 1), joinable_kinds))
        break;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lt_store_set_error (self->store, error, _("Could not read the outbox"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Marks the item @id `sending` for @owner. */
static LtOutboxItem *
claim_one (LtOutbox    *self,
           gint64       id,
           const char  *owner,
           GDateTime   *now,
           GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  int rc;

  stmt = lt_store_prepare (self->store,
                           "UPDATE outbox SET state = 'sending', claimed_by = ?2, "
                           "                  last_attempt_at = ?1 "
                           "WHERE id = ?3 "
                           "RETURNING " LT_OUTBOX_ITEM_COLUMNS,
                           error);
  if (stmt == NULL)
    return NULL;

  lt_store_bind_instant (stmt, 1, now);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      item = lt_outbox_item_new_from_row (stmt, error);
      if (item == NULL)
        return NULL;
      rc = sqlite3_step (stmt);
    }
  if (rc != SQLITE_DONE || item == NULL)
    {
      lt_store_set_error (self->store, error, _("Could not take the next item from the outbox"));
      return NULL;
    }

  record_change (self, LT_STORE_CHANGE_UPDATED, lt_outbox_item_get_key (item));
  return g_steal_pointer (&item);
}

/* lt_outbox_claim_batch() and, with @join_only, lt_outbox_claim_joinable(). */
static GPtrArray *
claim (LtOutbox            *self,
       GDateTime           *now,
       guint                max_items,
       const char * const  *joinable_kinds,
       gboolean             join_only,
       GError             **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GArray) ids = NULL;
  const char *owner;

  /* A long-running sender (the app) also takes over what a CLI that was
   * killed while sending left behind, without waiting for a restart. */
  if ((owner = lt_store_get_claim_owner (self->store, error)) == NULL)
    return NULL;

  /* One transaction holding the write lock from its start, so two
   * senders (the app and the CLI) cannot claim the same row; the claim
   * names its owner, so that only this connection's death releases it. */
  if ((tx = lt_store_begin (self->store, error)) == NULL ||
      !lt_store_release_abandoned_claims (self->store, error) ||
      (ids = select_claimable (self, now, max_items, joinable_kinds, join_only, error)) == NULL)
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      LtOutboxItem *item = claim_one (self, g_array_index (ids, gint64, i), owner, now, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }

  if (!lt_store_transaction_commit (tx, error))
    return NULL;
  return g_steal_pointer (&items);
}

/**
 * lt_outbox_claim_batch:
 * @self: the outbox
 * @now: the current time
 * @max_items: how many items at most, at least 1
 * @joinable_kinds: (nullable) (array zero-terminated=1): the kinds of
 *   items that may be sent side by side: each acts on nothing another
 *   item could act on first (creating a new ticket or change notice)
 * @error: return location for an error
 *
 * Takes the oldest pending item that is due at @now and whose dependency
 * has been acknowledged, as lt_outbox_claim_next() does, and, when it is
 * of @joinable_kinds, the next such items after it while they are of
 * @joinable_kinds too, up to @max_items; all marked `sending` in one
 * transaction (one commit for the batch, not one per item). The caller
 * sends them and settles each as for lt_outbox_claim_next().
 *
 * Returns: (transfer container) (element-type LtOutboxItem) (nullable):
 *   the claimed items, oldest first; empty when nothing is due
 */
GPtrArray *
lt_outbox_claim_batch (LtOutbox            *self,
                       GDateTime           *now,
                       guint                max_items,
                       const char * const  *joinable_kinds,
                       GError             **error)
{
  g_return_val_if_fail (LT_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (max_items > 0, NULL);

  return claim (self, now, max_items, joinable_kinds, FALSE, error);
}

/**
 * lt_outbox_claim_joinable:
 * @self: the outbox
 * @now: the current time
 * @max_items: how many items at most, at least 1
 * @joinable_kinds: (array zero-terminated=1): the kinds of items that may
 *   be sent side by side, as for lt_outbox_claim_batch()
 * @error: return location for an error
 *
 * What may join items of @joinable_kinds already in flight: like
 * lt_outbox_claim_batch(), but the oldest claimable item must be of
 * @joinable_kinds too; when it is not, nothing is claimed (it goes alone,
 * once what is in flight has settled).
 *
 * Returns: (transfer container) (element-type LtOutboxItem) (nullable):
 *   the claimed items, oldest first; empty when none may join
 */
GPtrArray *
lt_outbox_claim_joinable (LtOutbox            *self,
                          GDateTime           *now,
                          guint                max_items,
                          const char * const  *joinable_kinds,
                          GError             **error)
{
  g_return_val_if_fail (LT_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (max_items > 0, NULL);
  g_return_val_if_fail (joinable_kinds != NULL, NULL);

  return claim (self, now, max_items, joinable_kinds, TRUE, error);
}

/**
 * lt_outbox_claim_next:
 * @self: the outbox
 * @now: the current time
 * @error: return location for an error
 *
 * Takes the oldest pending item that is due at @now and whose dependency
 * has been acknowledged, and marks it `sending`. The caller sends it and
 * then calls lt_outbox_mark_sent(), _mark_retry() or _mark_failed().
 *
 * Returns: (transfer full) (nullable): the claimed item; %NULL without an
 *   error when nothing is due
 */
LtOutboxItem *
lt_outbox_claim_next (LtOutbox   *self,
                      GDateTime  *now,
                      GError    **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  items = lt_outbox_claim_batch (self, now, 1, NULL, error);
  if (items == NULL || items->len == 0)
    return NULL;
  return g_object_ref (g_ptr_array_index (items, 0));
}

/* Steps a statement over any number of items that ends in "RETURNING
 * key" and records each item it changed; @n_changed: (out) (optional)
 * how many. The keys are recorded once the statement ran to its end: only
 * then has its change committed, and outside a transaction recording
 * emits at once. */
static gboolean
step_recording (LtOutbox           *self,
                sqlite3_stmt       *stmt,
                LtStoreChangeKind   kind,
                guint              *n_changed,
                GError            **error)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (keys, g_strdup (lt_store_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self->store, error, _("Could not update the local database"));
      return FALSE;
    }

  for (guint i = 0; i < keys->len; i++)
    record_change (self, kind, g_ptr_array_index (keys, i));
  if (n_changed != NULL)
    *n_changed = keys->len;
  return TRUE;
}

static gboolean
step_changing_one (LtOutbox          *self,
                   sqlite3_stmt      *stmt,
                   LtStoreChangeKind  kind,
                   const char        *key,
                   const char        *expected,
                   GError           **error)
{
  if (!lt_store_step_done (self->store, stmt, error))
    return FALSE;

  if (sqlite3_changes (lt_store_get_db (self->store)) != 1)
    {
      set_not_found (error, key, expected);
      return FALSE;
    }
  record_change (self, kind, key);
  return TRUE;
}

/* A sender's outcome for an item that changed nothing. When the item is
 * `sent`, another process delivered it meanwhile (the portal answered it
 * a second time from the same idempotency key): nothing is left to do and
 * it is not an error. Otherwise the item is not what the caller thinks. */
static gboolean
settle_unchanged (LtOutbox    *self,
                  const char  *key,
                  const char  *expected,
                  GError     **error)
{
  g_autofree char *state = NULL;

  if (!read_state (self, key, &state, error))
    return FALSE;
  if (g_strcmp0 (state, "sent") == 0)
    {
      g_debug ("Outbox item %s was already acknowledged by another sender", key);
      return TRUE;
    }

  set_not_found (error, key, expected);
  return FALSE;
}

/* Steps an UPDATE of one item by a sender: one row changed, or none
 * because the item was sent meanwhile (settle_unchanged()). */
static gboolean
step_settling (LtOutbox     *self,
               sqlite3_stmt *stmt,
               const char   *key,
               const char   *expected,
               GError      **error)
{
  if (!lt_store_step_done (self->store, stmt, error))
    return FALSE;

  if (sqlite3_changes (lt_store_get_db (self->store)) == 1)
    {
      record_change (self, LT_STORE_CHANGE_UPDATED, key);
      return TRUE;
    }
  return settle_unchanged (self, key, expected, error);
}

/**
 * lt_outbox_mark_sent:
 * @self: the outbox
 * @key: the item's key
 * @response: (nullable): the portal's answer as JSON, kept with the item
 * @now: the current time
 * @error: return location for an error
 *
 * Records that the portal acknowledged the item. Call it in the transaction
 * that stores what the portal answered (the ticket's new id…). A pending
 * item is accepted too: the answer to a send whose claim was released.
 * An item that is already sent stays as it is, and that is success: two
 * senders that both got the portal's answer for one key lost nothing.
 *
 * Returns: %TRUE on success; %LT_ERROR_NOT_FOUND when no such item is
 *   pending, being sent or sent
 */
gboolean
lt_outbox_mark_sent (LtOutbox    *self,
                     const char  *key,
                     const char  *response,
                     GDateTime   *now,
                     GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (key != NULL && now != NULL, FALSE);

  stmt = lt_store_prepare (self->store,
                           "UPDATE outbox SET state = 'sent', sent_at = ?2, response = ?3, "
                           "                  claimed_by = NULL, "
                           "                  attempts = attempts + 1, last_error = NULL "
                           "WHERE key = ?1 AND state IN ('sending', 'pending')",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  lt_store_bind_instant (stmt, 2, now);
  if (response != NULL)
    sqlite3_bind_text (stmt, 3, response, -1, SQLITE_TRANSIENT);

  return step_settling (self, stmt, key, _("waiting to be sent"), error);
}

/**
 * lt_outbox_backoff_delay:
 * @failures: how many attempts have failed so far, at least 1
 * @initial_delay: the delay after the first failure
 * @max_delay: the longest delay
 *
 * Exponential back-off: @initial_delay doubled for every further failure,
 * at most @max_delay. There is no jitter: one client talks to the portal,
 * so there is no herd to spread out, and tests can predict the time.
 *
 * Returns: the delay before the next attempt
 */
GTimeSpan
lt_outbox_backoff_delay (guint     failures,
                         GTimeSpan initial_delay,
                         GTimeSpan max_delay)
{
  GTimeSpan delay = MAX (initial_delay, 0);

  g_return_val_if_fail (max_delay >= 0, 0);

  for (guint i = 1; i < failures && delay < max_delay; i++)
    delay = delay > G_MAXINT64 / 2 ? G_MAXINT64 : delay * 2;

  return MIN (delay, max_delay);
}

/**
 * lt_outbox_mark_retry:
 * @self: the outbox
 * @key: the key of an item being sent
 * @last_error: why this attempt failed (network down, 503…), for display
 * @now: the current time
 * @initial_delay: see lt_outbox_backoff_delay()
 * @max_delay: see lt_outbox_backoff_delay()
 * @retry_after: the least delay the portal asked for (Retry-After); 0 if
 *   none
 * @error: return location for an error
 *
 * Puts the item back to pending, due after the back-off delay for its
 * failure count or @retry_after, whichever is later.
 *
 * Returns: %TRUE on success, also when another sender delivered the item
 *   meanwhile (it stays sent); %LT_ERROR_NOT_FOUND when this connection
 *   is not sending it
 */
gboolean
lt_outbox_mark_retry (LtOutbox    *self,
                      const char  *key,
                      const char  *last_error,
                      GDateTime   *now,
                      GTimeSpan    initial_delay,
                      GTimeSpan    max_delay,
                      GTimeSpan    retry_after,
                      GError     **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) next = NULL;
  const char *owner;
  GTimeSpan delay;
  gint64 attempts;

  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (key != NULL && now != NULL, FALSE);

  if ((owner = lt_store_get_claim_owner (self->store, error)) == NULL)
    return FALSE;

  tx = lt_store_begin (self->store, error);
  if (tx == NULL)
    return FALSE;

  {
    g_auto(LtCachedStmt) stmt = NULL;
    int rc;

    /* Only this connection's own claim: a claim released and taken by
     * another sender meanwhile is that sender's to settle. */
    stmt = lt_store_prepare (self->store,
                             "SELECT attempts FROM outbox "
                             "WHERE key = ? AND state = 'sending' AND claimed_by = ?",
                             error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        if (!settle_unchanged (self, key, _("being sent"), error))
          return FALSE;
        return lt_store_transaction_commit (tx, error);
      }
    if (rc != SQLITE_ROW)
      {
        lt_store_set_error (self->store, error, _("Could not read the outbox"));
        return FALSE;
      }
    attempts = sqlite3_column_int64 (stmt, 0);
  }

  delay = lt_outbox_backoff_delay ((guint) MIN (attempts + 1, G_MAXUINT), initial_delay, max_delay);
  next = g_date_time_add (now, MAX (delay, retry_after));

  {
    g_auto(LtCachedStmt) stmt = NULL;

    stmt = lt_store_prepare (self->store,
                             "UPDATE outbox SET state = 'pending', claimed_by = NULL, "
                             "                  attempts = attempts + 1, "
                             "                  next_attempt_at = ?2, last_error = ?3 "
                             "WHERE key = ?1 AND state = 'sending' AND claimed_by = ?4",
                             error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    lt_store_bind_instant (stmt, 2, next);
    if (last_error != NULL)
      sqlite3_bind_text (stmt, 3, last_error, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, owner, -1, SQLITE_TRANSIENT);
    if (!step_changing_one (self, stmt, LT_STORE_CHANGE_UPDATED, key, _("being sent"), error))
      return FALSE;
  }

  return lt_store_transaction_commit (tx, error);
}

/**
 * lt_outbox_release:
 * @self: the outbox
 * @key: the key of an item this connection claimed
 * @error: return location for an error
 *
 * The sender gives an item back without an outcome (its run stopped on a
 * local error): pending again, due as before, the attempt not counted, so
 * a long-running sender does not keep it claimed until it exits. Nothing
 * happens when this connection does not hold the claim.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_outbox_release (LtOutbox    *self,
                   const char  *key,
                   GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  const char *owner;

  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if ((owner = lt_store_get_claim_owner (self->store, error)) == NULL)
    return FALSE;

  stmt = lt_store_prepare (self->store,
                           "UPDATE outbox SET state = 'pending', claimed_by = NULL "
                           "WHERE key = ? AND state = 'sending' AND claimed_by = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, owner, -1, SQLITE_TRANSIENT);
  if (!lt_store_step_done (self->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (lt_store_get_db (self->store)) == 1)
    record_change (self, LT_STORE_CHANGE_UPDATED, key);
  return TRUE;
}

/**
 * lt_outbox_mark_failed:
 * @self: the outbox
 * @key: the key of an item being sent
 * @reason: why the portal refused it, in words the user can act on
 * @now: the current time
 * @error: return location for an error
 *
 * The portal refused the item and sending it again unchanged will not help.
 * It stays in the outbox until the user retries or discards it; items that
 * depend on it wait.
 *
 * Returns: %TRUE on success, also when another sender delivered the item
 *   meanwhile (it stays sent); %LT_ERROR_NOT_FOUND when this connection
 *   is not sending it
 */
gboolean
lt_outbox_mark_failed (LtOutbox    *self,
                       const char  *key,
                       const char  *reason,
                       GDateTime   *now,
                       GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  const char *owner;

  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (key != NULL && reason != NULL && now != NULL, FALSE);

  if ((owner = lt_store_get_claim_owner (self->store, error)) == NULL)
    return FALSE;

  stmt = lt_store_prepare (self->store,
                           "UPDATE outbox SET state = 'failed', claimed_by = NULL, "
                           "                  failure_reason = ?2, "
                           "                  last_error = ?2, attempts = attempts + 1 "
                           "WHERE key = ?1 AND state = 'sending' AND claimed_by = ?3",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, owner, -1, SQLITE_TRANSIENT);

  return step_settling (self, stmt, key, _("being sent"), error);
}

/**
 * lt_outbox_retry:
 * @self: the outbox
 * @key: the key of a failed item
 * @now: the current time
 * @error: return location for an error
 *
 * The user asks to send a failed item again: it becomes pending, due at
 * @now, with the same key (so the portal can still recognise it).
 *
 * Returns: %TRUE on success; %LT_ERROR_NOT_FOUND when the item has not
 *   failed
 */
gboolean
lt_outbox_retry (LtOutbox    *self,
                 const char  *key,
                 GDateTime   *now,
                 GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (key != NULL && now != NULL, FALSE);

  stmt = lt_store_prepare (self->store,
                           "UPDATE outbox SET state = 'pending', failure_reason = NULL, "
                           "                  next_attempt_at = ?2 "
                           "WHERE key = ?1 AND state = 'failed'",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  lt_store_bind_instant (stmt, 2, now);

  return step_changing_one (self, stmt, LT_STORE_CHANGE_UPDATED, key, _("failed"), error);
}

/**
 * lt_outbox_discard:
 * @self: the outbox
 * @key: the key of a failed or pending item
 * @error: return location for an error
 *
 * The user gives up on an item: it is deleted. Only failed items, and
 * pending ones no sender has claimed, can be discarded; an item being sent
 * or sent cannot be taken back. Pending items that depend on it fail with
 * a reason saying so. Call it in the transaction that undoes the local
 * change the item carried.
 *
 * Returns: %TRUE on success; %LT_ERROR_NOT_FOUND when no such item is
 *   failed or pending
 */
gboolean
lt_outbox_discard (LtOutbox    *self,
                   const char  *key,
                   GError     **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  tx = lt_store_begin (self->store, error);
  if (tx == NULL)
    return FALSE;

  {
    g_auto(LtCachedStmt) stmt = NULL;

    stmt = lt_store_prepare (self->store,
                             "DELETE FROM outbox WHERE key = ? AND state IN ('failed', 'pending')",
                             error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    if (!step_changing_one (self, stmt, LT_STORE_CHANGE_DELETED, key,
                            _("failed or waiting to be sent"), error))
      return FALSE;
  }

  {
    g_auto(LtCachedStmt) stmt = NULL;

    stmt = lt_store_prepare (self->store,
                             "UPDATE outbox SET state = 'failed', failure_reason = ?2, "
                             "                  last_error = ?2 "
                             "WHERE depends_on = ?1 AND state = 'pending' "
                             "RETURNING key",
                             error);
    if (stmt == NULL)
      return FALSE;

    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2,
                       _("The change this one depended on was discarded"), -1,
                       SQLITE_TRANSIENT);
    if (!step_recording (self, stmt, LT_STORE_CHANGE_UPDATED, NULL, error))
      return FALSE;
  }

  return lt_store_transaction_commit (tx, error);
}

/* One statement over the outbox with @instant as ?1; @n_changed: (out)
 * (optional) how many rows it changed. @sql ends in "RETURNING key". */
static gboolean
change_with_instant (LtOutbox           *self,
                     const char         *sql,
                     LtStoreChangeKind   kind,
                     GDateTime          *instant,
                     guint              *n_changed,
                     GError            **error)
{
  g_auto(LtCachedStmt) stmt = lt_store_prepare (self->store, sql, error);

  if (stmt == NULL)
    return FALSE;

  lt_store_bind_instant (stmt, 1, instant);
  return step_recording (self, stmt, kind, n_changed, error);
}

/**
 * lt_outbox_prune_sent:
 * @self: the outbox
 * @sent_before: items acknowledged before this instant are deleted
 * @n_pruned: (out) (optional): how many were deleted
 * @error: return location for an error
 *
 * Sent items are kept for a while so the UI can show "sent" and so a late
 * duplicate answer can still be matched; only they are ever pruned.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_outbox_prune_sent (LtOutbox    *self,
                      GDateTime   *sent_before,
                      guint       *n_pruned,
                      GError     **error)
{
  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (sent_before != NULL, FALSE);

  return change_with_instant (self,
                              "DELETE FROM outbox WHERE state = 'sent' AND sent_at < ?1 "
                              "RETURNING key",
                              LT_STORE_CHANGE_DELETED, sent_before, n_pruned, error);
}

/**
 * lt_outbox_lookup:
 * @self: the outbox
 * @key: an idempotency key
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the item; %NULL with
 *   %LT_ERROR_NOT_FOUND when there is none
 */
LtOutboxItem *
lt_outbox_lookup (LtOutbox    *self,
                  const char  *key,
                  GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = lt_store_prepare (self->store,
                           "SELECT " LT_OUTBOX_ITEM_COLUMNS " FROM outbox WHERE key = ?",
                           error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return lt_outbox_item_new_from_row (stmt, error);

  if (rc == SQLITE_DONE)
    g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                 _("There is no outbox item “%s”"), key);
  else
    lt_store_set_error (self->store, error, _("Could not read the outbox"));
  return NULL;
}

/* The items the statement @stmt (LT_OUTBOX_ITEM_COLUMNS) gives. */
static GPtrArray *
read_items (LtOutbox      *self,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LtOutboxItem *item = lt_outbox_item_new_from_row (stmt, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self->store, error, _("Could not read the outbox"));
      return NULL;
    }
  return g_steal_pointer (&items);
}

/**
 * lt_outbox_list:
 * @self: the outbox
 * @error: return location for an error
 *
 * Returns: (transfer container) (element-type LtOutboxItem) (nullable):
 *   every item, oldest first
 */
GPtrArray *
lt_outbox_list (LtOutbox  *self,
                GError   **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (self), NULL);

  stmt = lt_store_prepare (self->store,
                           "SELECT " LT_OUTBOX_ITEM_COLUMNS " FROM outbox ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  return read_items (self, stmt, error);
}

/**
 * lt_outbox_list_unsent:
 * @self: the outbox
 * @kinds: (array zero-terminated=1): the kinds wanted
 * @error: return location for an error
 *
 * The items of @kinds the portal has not acknowledged yet (`pending` or
 * `sending`), without reading the others: a drain asks this for every
 * answer it stores while the outbox holds the many items it is sending.
 *
 * Returns: (transfer container) (element-type LtOutboxItem) (nullable):
 *   those items, oldest first
 */
GPtrArray *
lt_outbox_list_unsent (LtOutbox            *self,
                       const char * const  *kinds,
                       GError             **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  g_autoptr(JsonNode) list = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(JsonArray) array = json_array_new ();
  g_autofree char *json = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (self), NULL);
  g_return_val_if_fail (kinds != NULL, NULL);

  /* The kinds go to sqlite as one JSON array (json_each()). */
  for (guint i = 0; kinds[i] != NULL; i++)
    json_array_add_string_element (array, kinds[i]);
  json_node_set_array (list, array);
  json = json_to_string (list, FALSE);

  stmt = lt_store_prepare (self->store,
                           "SELECT " LT_OUTBOX_ITEM_COLUMNS " FROM outbox "
                           "WHERE state IN ('pending', 'sending') "
                           "AND kind IN (SELECT value FROM json_each (?1)) ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
  return read_items (self, stmt, error);
}

/**
 * lt_outbox_count:
 * @self: the outbox
 * @counts: (out caller-allocates) (array fixed-size=4): the number of items
 *   in each #LtOutboxState
 * @error: return location for an error
 *
 * Returns: %TRUE on success
 */
gboolean
lt_outbox_count (LtOutbox  *self,
                 guint      counts[LT_OUTBOX_N_STATES],
                 GError   **error)
{
  static const struct { const char *nick; LtOutboxState state; } states[] = {
    { "pending", LT_OUTBOX_STATE_PENDING },
    { "sending", LT_OUTBOX_STATE_SENDING },
    { "sent", LT_OUTBOX_STATE_SENT },
    { "failed", LT_OUTBOX_STATE_FAILED },
  };
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  for (guint i = 0; i < LT_OUTBOX_N_STATES; i++)
    counts[i] = 0;

  stmt = lt_store_prepare (self->store,
                           "SELECT state, count(*) FROM outbox GROUP BY state",
                           error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *nick = lt_store_column_text (stmt, 0);

      for (guint i = 0; i < G_N_ELEMENTS (states); i++)
        if (g_strcmp0 (nick, states[i].nick) == 0)
          counts[states[i].state] = (guint) sqlite3_column_int64 (stmt, 1);
    }

  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self->store, error, _("Could not read the outbox"));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_outbox_wake_pending:
 * @self: the outbox
 * @now: the current time
 * @n_woken: (out) (optional): how many items became due
 * @error: return location for an error
 *
 * The network came back: pending items waiting out a back-off (which
 * counted failures to connect) are due at @now instead. Their failure
 * counts stay, so a portal still unreachable backs off as before; a
 * portal's Retry-After is kept apart, in the sync state, and still holds.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_outbox_wake_pending (LtOutbox   *self,
                        GDateTime  *now,
                        guint      *n_woken,
                        GError    **error)
{
  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  return change_with_instant (self,
                              "UPDATE outbox SET next_attempt_at = ?1 "
                              "WHERE state = 'pending' AND next_attempt_at > ?1 "
                              "RETURNING key",
                              LT_STORE_CHANGE_UPDATED, now, n_woken, error);
}

/**
 * lt_outbox_get_next_due:
 * @self: the outbox
 * @next_due: (out) (transfer full) (nullable): when the next item can be
 *   claimed; %NULL when nothing is waiting (failed items wait for the user)
 * @error: return location for an error
 *
 * For the sender's timer: sleep until @next_due, or until something is
 * enqueued.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_outbox_get_next_due (LtOutbox    *self,
                        GDateTime  **next_due,
                        GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (self), FALSE);
  g_return_val_if_fail (next_due != NULL, FALSE);

  stmt = lt_store_prepare (self->store,
                           "SELECT min (o.next_attempt_at) FROM outbox AS o "
                           "WHERE " CLAIMABLE ("o"),
                           error);
  if (stmt == NULL)
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lt_store_set_error (self->store, error, _("Could not read the outbox"));
      return FALSE;
    }

  *next_due = lt_store_column_instant (stmt, 0);
  return TRUE;
}
