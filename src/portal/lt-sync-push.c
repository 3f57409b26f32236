/* lt-sync-push.c: sending the outbox, several requests in flight
 *
 *   push_next -> settle_and_send: claim -> send_item × n
 *   an answer -> answer_arrived -> (half the window in, or none left in
 *             flight) settle_and_send: its outcomes and the next claims
 *             in one transaction -> send_item × m … -> pull_next
 *
 * Items are claimed before their requests leave, and the answers that
 * have arrived are settled in groups while the other requests are still
 * in flight, each group's outcomes and the claims that refill the window
 * in one transaction; each answer is stored with its item marked sent in
 * a savepoint of its own. Why that keeps delivery exactly once:
 * docs/sync.md, "Batches" and "A continuous window".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-sync"

#include "config.h"

#include "lt-sync-private.h"
#include "lt-actions.h"
#include "lt-bundle-job.h"
#include "lt-error.h"
#include "lt-store-sync.h"

#include <glib/gi18n-lib.h>

/* ---- Push ------------------------------------------------------------------ */

/* The kinds of items that may be in flight beside others: each creates
 * something new, which no older item can act on (an item acting on a
 * ticket still queued depends on its create, and waits for it). Any other
 * item goes alone, so two actions on one ticket keep their order. */
static const char * const joinable_kinds[] = {
  LT_OUTBOX_KIND_TICKET_CREATE,
  LT_OUTBOX_KIND_CHANGE_NOTICE_CREATE,
  NULL
};

/* One item claimed and not settled yet: its request, and its outcome
 * once answered. */
struct _Send
{
  GTask          *task;            /* unowned: the run outlives its items */
  LtOutboxItem   *item;
  char           *asked_id;        /* the portal id the item's request names */
  GAsyncResult   *result;
  LtTicket       *ticket;
  LtChangeNotice *notice;
  gboolean        replayed;
  GError         *error;           /* the request's, or why it could not be made */
  gboolean        unsendable;      /* @error is about the stored request */
  gboolean        answered;        /* no longer in flight */
  gboolean        settled;         /* its outcome is written */
  gboolean        delivered_file;  /* an attachment whose file can go */
};

void
_lt_sync_send_free (Send *send)
{
  g_clear_object (&send->item);
  g_free (send->asked_id);
  g_clear_object (&send->result);
  g_clear_object (&send->ticket);
  g_clear_object (&send->notice);
  g_clear_error (&send->error);
  g_free (send);
}

/* The first error that stops the run wins; the others are only logged. */
static void
stop_push (Run    *run,
           GError *error)
{
  if (run->push_error == NULL)
    {
      run->push_error = error;
      return;
    }
  g_debug ("Also stopping the push: %s", error->message);
  g_error_free (error);
}

static void
push_progress (GTask *task)
{
  Run *run = _lt_sync_task_run (task);
  double within = run->push_total > 0 ? (double) run->push_done / run->push_total : 1.0;

  _lt_sync_report_progress (_lt_sync_task_sync (task), LT_SYNC_PHASE_PUSH, within);
}

static void
settled (Send *send)
{
  Run *run = _lt_sync_task_run (send->task);

  send->settled = TRUE;
  run->push_done++;
}

/* The portal refused the item for good: failed, with its message. An
 * action whose result was shown at once (a new state, a withdrawn notice)
 * also leaves a marker, in the same transaction, so that the next pull
 * reads that ticket or notice again and the portal's state replaces the
 * one shown. */
static void
fail_item (Send         *send,
           const GError *error)
{
  LtSync *self = _lt_sync_task_sync (send->task);
  Run *run = _lt_sync_task_run (send->task);
  LtStore *store = _lt_sync_get_store (self);
  const char *key = lt_outbox_item_get_key (send->item);
  const char *kind = lt_outbox_item_get_kind (send->item);
  const Resolver *resolver = _lt_sync_state_change_resolver (kind);
  g_autoptr(JsonObject) payload = _lt_sync_parse_payload (send->item, NULL);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GDateTime) now = _lt_sync_now (self);
  g_autofree char *id = NULL;
  g_autofree char *resource = NULL;
  LtSyncState marker = { 0 };

  g_debug ("Outbox item %s (%s) refused: %s", key, kind, error->message);

  if (payload != NULL && resolver != NULL)
    {
      id = _lt_sync_resolve_id (self, resolver, payload, NULL);
      resource = id != NULL ? g_strconcat (resolver->refetch_prefix, id, NULL) : NULL;
    }

  if ((tx = lt_store_begin (store, &store_error)) == NULL ||
      !lt_outbox_mark_failed (self->outbox, key, error->message, now, &store_error) ||
      (resource != NULL && !lt_store_save_sync_state (store, resource, &marker, &store_error)) ||
      !lt_store_transaction_commit (tx, &store_error))
    {
      stop_push (run, g_steal_pointer (&store_error));
      return;
    }
  run->report.n_failed++;
  settled (send);
}

/* The stored request cannot be sent as it is (unreadable payload, a file
 * that is gone, a ticket never filed): failed with the reason, never
 * dropped. A store error stops the run instead. */
static void
item_unsendable (Send   *send,
                 GError *error)
{
  g_autoptr(GError) owned = error;

  if (_lt_sync_error_stops_run (owned))
    {
      stop_push (_lt_sync_task_run (send->task), g_steal_pointer (&owned));
      return;
    }
  fail_item (send, owned);
}

/* Puts the item back to pending (same key) after a back-off, or at once
 * with @immediately, and stops the run with @error. */
static void
retry_item (Send     *send,
            GError   *error,
            guint     retry_after,
            gboolean  immediately)
{
  LtSync *self = _lt_sync_task_sync (send->task);
  Run *run = _lt_sync_task_run (send->task);
  g_autoptr(GError) owned = error;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GDateTime) now = _lt_sync_now (self);

  g_debug ("Outbox item %s (%s) put back: %s", lt_outbox_item_get_key (send->item),
           lt_outbox_item_get_kind (send->item), owned->message);
  if (!lt_outbox_mark_retry (self->outbox, lt_outbox_item_get_key (send->item), owned->message, now,
                             immediately ? 0 : self->initial_delay,
                             immediately ? 0 : self->max_delay,
                             (GTimeSpan) retry_after * G_TIME_SPAN_SECOND, &store_error))
    {
      stop_push (run, g_steal_pointer (&store_error));
      return;
    }
  if (!immediately)
    run->report.n_retry++;
  settled (send);
  stop_push (run, g_steal_pointer (&owned));
}

static void
retry_item_after (Send         *send,
                  GAsyncResult *result,
                  GError       *error)
{
  _lt_sync_hold_portal (_lt_sync_task_sync (send->task), result);
  retry_item (send, error, result != NULL ? lt_portal_result_get_retry_after (result) : 0, FALSE);
}

/* What a failed send means for the item (docs/sync.md, "Errors"). */
static void
handle_send_error (Send         *send,
                   GAsyncResult *result,
                   GError       *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, LT_ERROR, LT_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, LT_ERROR, LT_ERROR_CREDENTIALS))
    {
      /* Not the item's fault: due again at once, nothing failed. */
      retry_item (send, error, 0, TRUE);
      return;
    }
  if (lt_portal_error_is_retryable (error) || g_error_matches (error, LT_ERROR, LT_ERROR_TLS))
    {
      retry_item_after (send, result, error);
      return;
    }
  if (g_error_matches (error, LT_ERROR, LT_ERROR_INVALID_DATA))
    {
      /* The portal may have done the work; ask again with the same key
       * for the stored answer, a few times. */
      if (lt_outbox_item_get_attempts (send->item) + 1 < LT_SYNC_MAX_UNREADABLE_ANSWERS)
        {
          retry_item (send, error, 0, FALSE);
          return;
        }
      g_prefix_error (&error, _("The portal's answer could not be read after %u attempts: "),
                      (guint) LT_SYNC_MAX_UNREADABLE_ANSWERS);
    }
  if (error->domain == LT_ERROR && !_lt_sync_error_stops_run (error))
    {
      fail_item (send, error);
      g_error_free (error);
      return;
    }
  /* The store failed, or something unexpected: no outcome for the item;
   * stopping the run gives it back (_lt_sync_push_give_back). */
  stop_push (_lt_sync_task_run (send->task), error);
}

/* A delivered attachment's file is read no more: a bundle part the
 * profile wrote for it goes (lt_bundle_job_remove_delivered()). */
static void
forget_delivered_file (LtSync       *self,
                       LtOutboxItem *item)
{
  g_autoptr(JsonObject) payload = _lt_sync_parse_payload (item, NULL);
  const char *path = NULL;

  if (payload != NULL && _lt_sync_payload_get_string (payload, "path", FALSE, &path, NULL) && path != NULL)
    lt_bundle_job_remove_delivered (_lt_sync_get_store (self), path);
}

/* The answer to an item, the ticket or the change notice it acted on (the
 * other NULL): store it and mark the item sent, in one transaction (a
 * savepoint of the group's), keeping what @unsent names (the group's
 * unsent local work, _lt_sync_collect_unsent()). Sets *@stored_ticket
 * when a ticket was stored. */
static void
item_answered (Send       *send,
               GHashTable *unsent,
               gboolean   *stored_ticket)
{
  LtSync *self = _lt_sync_task_sync (send->task);
  Run *run = _lt_sync_task_run (send->task);
  LtStore *store = _lt_sync_get_store (self);
  LtTicket *ticket = send->ticket;
  LtChangeNotice *notice = send->notice;
  GAsyncResult *result = send->result;
  gboolean replayed = send->replayed;
  const char *key = lt_outbox_item_get_key (send->item);
  const char *kind = lt_outbox_item_get_kind (send->item);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) store_error = NULL;
  g_autofree char *response = NULL;

  if (send->unsendable)
    {
      item_unsendable (send, g_steal_pointer (&send->error));
      return;
    }
  if (ticket == NULL && notice == NULL)
    {
      handle_send_error (send, result, g_steal_pointer (&send->error));
      return;
    }
  /* An action on one ticket answered with another is unreadable: the
   * portal may have done the work, and a repeat gets the stored answer. */
  if (send->asked_id != NULL &&
      !_lt_sync_check_answer_id (send->asked_id,
                                 ticket != NULL ? lt_ticket_get_id (ticket) : lt_change_notice_get_id (notice),
                                 &store_error))
    {
      handle_send_error (send, result, g_steal_pointer (&store_error));
      return;
    }

  now = _lt_sync_now (self);
  if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_CREATE) == 0)
    lt_ticket_set_local_id (ticket, key);
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_CREATE) == 0 ||
           g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_RESCHEDULE) == 0)
    lt_change_notice_set_local_id (notice, key);
  response = g_strdup_printf ("{\"id\": \"%s\", \"replayed\": %s}",
                              ticket != NULL ? lt_ticket_get_id (ticket)
                                             : lt_change_notice_get_id (notice),
                              replayed ? "true" : "false");

  if ((tx = lt_store_begin (store, &store_error)) == NULL ||
      !_lt_sync_bind_new_portal (self, run, &store_error) ||
      (ticket != NULL && !_lt_sync_store_ticket (self, ticket, unsent, now, &store_error)) ||
      (notice != NULL && !_lt_sync_store_notice (self, notice, unsent, now, &store_error)) ||
      !lt_outbox_mark_sent (self->outbox, key, response, now, &store_error) ||
      !lt_store_transaction_commit (tx, &store_error))
    {
      /* An answer the store refuses (an id that belongs to another item
       * filed here) is unreadable: nothing of it was written. */
      g_clear_pointer (&tx, lt_store_transaction_free);
      if (g_error_matches (store_error, LT_ERROR, LT_ERROR_INVALID_DATA))
        handle_send_error (send, result, g_steal_pointer (&store_error));
      else
        stop_push (run, g_steal_pointer (&store_error));
      return;
    }

  /* The file goes once the group's transaction has committed: until then
   * a crash leaves the item to be sent again, and that reads the file. */
  send->delivered_file = g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_ATTACHMENT) == 0;
  if (ticket != NULL)
    *stored_ticket = TRUE;
  g_debug ("Outbox item %s (%s) delivered%s", key, kind, replayed ? " (replayed)" : "");
  run->report.n_sent++;
  if (replayed)
    run->report.n_replayed++;
  settled (send);
}

static void settle_and_send (GTask *task);

/* Settles what has answered once nothing is in flight: while the window
 * grows, each round of requests is settled whole (a portal that fails
 * the second request of a run has not been sent a third). A full window
 * slides: half of it answered is settled and replaced while the other
 * half keeps the portal busy. A run that stops settles once, when its
 * last request has answered. */
static void
settle_when_due (GTask *task)
{
  Run *run = _lt_sync_task_run (task);

  if (run->starting)
    return;
  if (run->n_in_flight == 0 ||
      (run->push_error == NULL && run->window == LT_SYNC_MAX_IN_FLIGHT &&
       run->sending->len - run->n_in_flight >= LT_SYNC_MAX_IN_FLIGHT / 2))
    settle_and_send (task);
}

static void
answer_arrived (Send *send)
{
  Run *run = _lt_sync_task_run (send->task);

  g_assert (run->n_in_flight > 0 && !send->answered);
  send->answered = TRUE;
  run->n_in_flight--;
  settle_when_due (send->task);
}

/* The portal's answer to @send: the ticket or the change notice it acted
 * on, or the request's @error. */
static void
send_answered (Send           *send,
               GAsyncResult   *result,
               LtTicket       *ticket,
               LtChangeNotice *notice,
               gboolean        replayed,
               GError         *error)
{
  send->result = g_object_ref (result);
  g_set_object (&send->ticket, ticket);
  g_set_object (&send->notice, notice);
  send->replayed = replayed;
  send->error = error;
  answer_arrived (send);
}

/* The stored request of @send cannot be sent (settled as item_unsendable()). */
static void
send_unsendable (Send   *send,
                 GError *error)
{
  send->unsendable = TRUE;
  send->error = error;
  answer_arrived (send);
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
  send_answered (user_data, result, ticket, NULL, replayed, g_steal_pointer (&error));
}

static void
ticket_action_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = NULL;

  ticket = lt_portal_client_ticket_action_finish (LT_PORTAL_CLIENT (source), result, &error);
  send_answered (user_data, result, ticket, NULL,
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
  send_answered (user_data, result, NULL, notice, replayed, g_steal_pointer (&error));
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

  if (!_lt_sync_payload_get_string (payload, "path", TRUE, &path, error) ||
      !_lt_sync_payload_get_string (payload, "file_name", TRUE, file_name, error) ||
      !_lt_sync_payload_get_string (payload, "content_type", FALSE, content_type, error) ||
      !_lt_sync_payload_get_string (payload, "sha256", TRUE, &sha256, error) ||
      !_lt_sync_payload_get_string (payload, "note", FALSE, note, error))
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
send_ticket_action (Send        *send,
                    const char  *kind,
                    JsonObject  *payload,
                    const char  *key)
{
  LtSync *self = _lt_sync_task_sync (send->task);
  GCancellable *cancellable = _lt_sync_run_cancellable (send->task);
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket_id = _lt_sync_resolve_id (self, &_lt_sync_ticket_resolver, payload, &error);
  const char *text = NULL;

  if (ticket_id == NULL)
    {
      send_unsendable (send, g_steal_pointer (&error));
      return;
    }
  send->asked_id = g_strdup (ticket_id);

  if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_COMMENT) == 0)
    {
      if (_lt_sync_payload_get_string (payload, "body", TRUE, &text, &error))
        lt_portal_client_add_comment_async (self->client, ticket_id, key, text, cancellable,
                                            ticket_action_cb, send);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_CONFIRM_CLOSURE) == 0)
    {
      if (_lt_sync_payload_get_string (payload, "note", FALSE, &text, &error))
        lt_portal_client_confirm_closure_async (self->client, ticket_id, key, text, cancellable,
                                                ticket_action_cb, send);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_REOPEN) == 0)
    {
      if (_lt_sync_payload_get_string (payload, "reason", TRUE, &text, &error))
        lt_portal_client_reopen_async (self->client, ticket_id, key, text, cancellable,
                                       ticket_action_cb, send);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_ESCALATE) == 0)
    {
      if (_lt_sync_payload_get_string (payload, "reason", TRUE, &text, &error))
        lt_portal_client_escalate_async (self->client, ticket_id, key, text, cancellable,
                                         ticket_action_cb, send);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_WITHDRAW) == 0)
    {
      if (_lt_sync_payload_get_string (payload, "reason", FALSE, &text, &error))
        lt_portal_client_withdraw_ticket_async (self->client, ticket_id, key, text, cancellable,
                                                ticket_action_cb, send);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_ATTACHMENT) == 0)
    {
      const char *file_name = NULL, *content_type = NULL, *note = NULL;
      g_autoptr(GBytes) contents = read_attachment (payload, &file_name, &content_type, &note, &error);

      if (contents != NULL)
        lt_portal_client_upload_attachment_async (self->client, ticket_id, key, file_name,
                                                  content_type, contents, note, cancellable,
                                                  ticket_action_cb, send);
    }
  else
    g_assert_not_reached ();

  if (error != NULL)
    send_unsendable (send, g_steal_pointer (&error));
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
send_item (Send *send)
{
  LtSync *self = _lt_sync_task_sync (send->task);
  GCancellable *cancellable = _lt_sync_run_cancellable (send->task);
  LtOutboxItem *item = send->item;
  const char *kind = lt_outbox_item_get_kind (item);
  const char *key = lt_outbox_item_get_key (item);
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(GError) error = NULL;

  g_debug ("Sending outbox item %s (%s), attempt %u", key, kind, lt_outbox_item_get_attempts (item) + 1);

  /* A stored request that cannot be read is failed with the reason, never
   * dropped: the user sees it in the outbox. */
  payload = _lt_sync_parse_payload (item, &error);
  if (payload == NULL)
    {
      send_unsendable (send, g_steal_pointer (&error));
      return;
    }

  if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_CREATE) == 0 ||
      g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_CREATE) == 0)
    {
      g_autoptr(JsonNode) body = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (body, payload);
      if (g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_CREATE) == 0)
        lt_portal_client_create_ticket_async (self->client, key, body, cancellable,
                                              create_ticket_cb, send);
      else
        lt_portal_client_create_change_notice_async (self->client, key, body, cancellable,
                                                     notice_sent_cb, send);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_RESCHEDULE) == 0)
    {
      g_autofree char *notice_id = _lt_sync_resolve_id (self, &_lt_sync_notice_resolver, payload, &error);
      g_autoptr(JsonNode) body = NULL;
      JsonNode *stored_body;

      if (notice_id == NULL)
        {
          send_unsendable (send, g_steal_pointer (&error));
          return;
        }
      stored_body = json_object_get_member (payload, "body");
      if (stored_body == NULL || !JSON_NODE_HOLDS_OBJECT (stored_body))
        {
          g_set_error_literal (&error, LT_ERROR, LT_ERROR_INVALID_DATA,
                               _("$.body: the stored request has no change notice"));
          send_unsendable (send, g_steal_pointer (&error));
          return;
        }
      /* The POST /change-notices body, naming the notice replaced by the
       * id it has now (it may have been filed after this was queued). The
       * key is the new notice's: a repeat gets the stored answer, and the
       * old one is withdrawn once. */
      body = copy_body_replacing (json_node_get_object (stored_body), notice_id);
      lt_portal_client_create_change_notice_async (self->client, key, body, cancellable,
                                                   notice_sent_cb, send);
    }
  else if (g_strcmp0 (kind, LT_OUTBOX_KIND_CHANGE_NOTICE_WITHDRAW) == 0)
    {
      g_autofree char *notice_id = _lt_sync_resolve_id (self, &_lt_sync_notice_resolver, payload, &error);

      if (notice_id == NULL)
        {
          send_unsendable (send, g_steal_pointer (&error));
          return;
        }
      send->asked_id = g_strdup (notice_id);
      /* The contract's body is {} (data/portal-api.yaml): the reason the
       * admin gave stays in the local payload. */
      lt_portal_client_withdraw_change_notice_async (self->client, notice_id, key,
                                                     cancellable, notice_sent_cb, send);
    }
  else if (g_str_has_prefix (kind, "ticket.") &&
           (_lt_sync_kind_changes_ticket_state (kind) ||
            g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_COMMENT) == 0 ||
            g_strcmp0 (kind, LT_OUTBOX_KIND_TICKET_ATTACHMENT) == 0))
    {
      send_ticket_action (send, kind, payload, key);
    }
  else
    {
      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("This version of LockThreat Support does not know how to send “%s”"), kind);
      send_unsendable (send, g_steal_pointer (&error));
    }
}

/* The outcomes of the answered items, in the order they were queued,
 * inside the caller's transaction; stops at the first that gets none (the
 * store failed). @n_settled: how many got theirs. */
static gboolean
settle_answered (GTask   *task,
                 guint   *n_settled,
                 GError **error)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
  g_auto(GStrv) group = NULL;
  g_autoptr(GHashTable) unsent = NULL;
  gboolean stored_ticket = FALSE;
  gboolean any_object = FALSE;

  *n_settled = 0;
  for (guint i = 0; i < run->sending->len; i++)
    {
      Send *send = g_ptr_array_index (run->sending, i);

      if (!send->answered)
        continue;
      g_strv_builder_add (keys, lt_outbox_item_get_key (send->item));
      any_object |= send->ticket != NULL || send->notice != NULL;
    }
  group = g_strv_builder_end (keys);

  /* The admin's unsent work, read once for the group: only an item on
   * one ticket or notice changes it, and such an item goes alone, so what
   * one item of the group stores never changes what another keeps. */
  if (any_object &&
      (unsent = _lt_sync_collect_unsent (self, (const char * const *) group, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < run->sending->len; i++)
    {
      Send *send = g_ptr_array_index (run->sending, i);

      if (!send->answered)
        continue;
      item_answered (send, unsent, &stored_ticket);
      /* No outcome: the store failed, and the run stops; what is left is
       * given back. */
      if (!send->settled)
        {
          run->settle_failed = TRUE;
          break;
        }
      (*n_settled)++;
    }

  /* Once their items are sent, the admin's own events they added to
   * their tickets give way to the portal's history. */
  return !stored_ticket || lt_store_forget_settled_events (_lt_sync_get_store (self), NULL, error);
}

/* The claims that refill the window, inside the caller's transaction:
 * beside requests in flight only what may join them. */
static GPtrArray *
claim_more (GTask   *task,
            GError **error)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(GDateTime) now = _lt_sync_now (self);
  guint room = run->window - run->n_in_flight;

  if (run->push_error != NULL || room == 0 || g_cancellable_is_cancelled (run->cancellable))
    return g_ptr_array_new ();
  if (run->n_in_flight > 0)
    return lt_outbox_claim_joinable (self->outbox, now, room, joinable_kinds, error);
  return lt_outbox_claim_batch (self->outbox, now, room, joinable_kinds, error);
}

/* Starts the requests of @items, claimed and committed. */
static void
send_claimed (GTask     *task,
              GPtrArray *items)
{
  Run *run = _lt_sync_task_run (task);

  /* New items may arrive while the push runs: grow the total. */
  run->push_total = MAX (run->push_total, run->push_done + run->sending->len + items->len);
  run->n_in_flight += items->len;
  /* A request that answers at once (its stored request unusable) must not
   * settle anything while the others are still being started. */
  run->starting = TRUE;
  for (guint i = 0; i < items->len; i++)
    {
      Send *send = g_new0 (Send, 1);

      send->task = task;
      send->item = g_object_ref (g_ptr_array_index (items, i));
      g_ptr_array_add (run->sending, send);
      send_item (send);
    }
  run->starting = FALSE;
  settle_when_due (task);
}

/* The outcomes of what has answered, and the claims that refill the
 * window, in one transaction: *@claimed gets the items to send once it
 * has committed. */
static gboolean
settle_and_claim (GTask      *task,
                  GPtrArray **claimed,
                  GError    **error)
{
  Run *run = _lt_sync_task_run (task);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n_settled;

  if ((tx = lt_store_begin (_lt_sync_get_store (_lt_sync_task_sync (task)), error)) == NULL ||
      !settle_answered (task, &n_settled, error))
    return FALSE;
  /* The portal answered a whole round without stopping the run: the next
   * one may be twice as large. */
  if (run->push_error == NULL && run->n_in_flight == 0 && n_settled > 0)
    run->window = MIN (run->window * 2, LT_SYNC_MAX_IN_FLIGHT);
  if ((items = claim_more (task, error)) == NULL ||
      !lt_store_transaction_commit (tx, error))
    return FALSE;
  *claimed = g_steal_pointer (&items);
  return TRUE;
}

/* Writes the outcomes of what has answered and claims what refills the
 * window, then sends the claimed items; the push ends when nothing is in
 * flight and nothing more is due. */
static void
settle_and_send (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;

  if (!run->settle_failed && !settle_and_claim (task, &claimed, &error))
    {
      /* Nothing of the group was written, and nothing claimed: what is
       * left is given back when the run stops. */
      for (guint i = 0; i < run->sending->len; i++)
        ((Send *) g_ptr_array_index (run->sending, i))->settled = FALSE;
      run->settle_failed = TRUE;
      stop_push (run, g_steal_pointer (&error));
    }

  /* Settled items leave the window; a delivered attachment's file goes
   * now that its outcome is committed. */
  for (guint i = run->sending->len; i-- > 0;)
    {
      Send *send = g_ptr_array_index (run->sending, i);

      if (!send->settled)
        continue;
      if (send->delivered_file)
        forget_delivered_file (self, send->item);
      g_ptr_array_remove_index (run->sending, i);
    }
  push_progress (task);

  if (claimed != NULL && claimed->len > 0)
    {
      send_claimed (task, claimed);
      return;
    }
  /* The answers still to come settle the rest. */
  if (run->n_in_flight > 0)
    return;

  if (run->push_error != NULL)
    {
      _lt_sync_fail_run (task, g_steal_pointer (&run->push_error));
      return;
    }
  if (_lt_sync_stop_if_cancelled (task))
    return;
  _lt_sync_report_progress (self, LT_SYNC_PHASE_PUSH, 1.0);
  if (run->flags & LT_SYNC_PULL)
    _lt_sync_pull_next (task);
  else
    _lt_sync_finish_run (task);
}

/* Gives back what the push still has claimed without an outcome, when the
 * run stops: pending again now, not when this process exits, so that the
 * app or another process sends it again with its key. */
void
_lt_sync_push_give_back (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);

  if (run->sending == NULL)
    return;
  for (guint i = 0; i < run->sending->len; i++)
    {
      Send *send = g_ptr_array_index (run->sending, i);
      g_autoptr(GError) release_error = NULL;

      if (send->settled)
        continue;
      if (!lt_outbox_release (self->outbox, lt_outbox_item_get_key (send->item), &release_error))
        g_debug ("Outbox item %s stays claimed until this process ends: %s",
                 lt_outbox_item_get_key (send->item), release_error->message);
    }
  g_clear_pointer (&run->sending, g_ptr_array_unref);
}

void
_lt_sync_push_next (GTask *task)
{
  Run *run = _lt_sync_task_run (task);

  if (_lt_sync_stop_if_cancelled (task))
    return;

  /* A run starts with one request: a portal that is down or refuses the
   * token costs one item's attempt, not a window's. */
  run->window = 1;
  run->sending = g_ptr_array_new_with_free_func ((GDestroyNotify) _lt_sync_send_free);
  settle_and_send (task);
}
