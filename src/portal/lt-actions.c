/* lt-actions.c
 *
 * Each action follows the same steps: read the row again inside a store
 * transaction, ask core whether the action is allowed, write the local
 * change (an event, and for some actions the new state) and the outbox item,
 * commit. The payloads are documented in docs/sync.md; LtSync reads them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-actions"

#include "config.h"

#include "lt-actions.h"
#include "lt-bundle.h"
#include "lt-error.h"
#include "lt-file-util.h"
#include "lt-lifecycle.h"
#include "lt-portal-client.h"
#include "lt-portal-json.h"
#include "lt-rules.h"
#include "lt-store-change-notices.h"
#include "lt-store-account.h"
#include "lt-store-tickets.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

/* ---- Helpers ------------------------------------------------------------ */

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_not_blank (const char  *text,
                 const char  *message,
                 GError     **error)
{
  if (!is_blank (text))
    return TRUE;
  g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT, message);
  return FALSE;
}

static char *
builder_to_payload (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/* ---- Attachments ---------------------------------------------------------- */

/* What is known of a file when it is attached; the sync checks the file
 * still matches before it uploads it. */
typedef struct
{
  char    *path;          /* absolute */
  char    *file_name;     /* UTF-8, for the portal */
  char    *content_type;  /* a MIME type */
  char    *sha256;
  guint64  size;
} AttachmentInfo;

static void
attachment_info_free (AttachmentInfo *info)
{
  g_free (info->path);
  g_free (info->file_name);
  g_free (info->content_type);
  g_free (info->sha256);
  g_free (info);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttachmentInfo, attachment_info_free)

static AttachmentInfo *
attachment_info_new (const char  *path,
                     GError     **error)
{
  g_autoptr(AttachmentInfo) info = g_new0 (AttachmentInfo, 1);
  g_autofree char *display = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *guessed = NULL;
  const char *contents;
  gsize length = 0;

  if (path == NULL || *path == '\0')
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("An attachment needs a file"));
      return NULL;
    }

  info->path = g_canonicalize_filename (path, NULL);
  display = g_filename_display_name (info->path);

  /* Reading the file now pins its content: the upload may be retried, and
   * the portal answers a repeated key with a different body 409. Only a
   * regular file: a FIFO would block, a device never end. */
  bytes = lt_file_read_regular (info->path, LT_PORTAL_MAX_UPLOAD_SIZE, error);
  if (bytes == NULL)
    {
      g_prefix_error (error, _("Cannot attach “%s”: "), display);
      return NULL;
    }
  contents = g_bytes_get_data (bytes, &length);

  basename = g_path_get_basename (info->path);
  info->file_name = g_filename_display_name (basename);
  info->size = length;
  info->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  guessed = g_content_type_guess (basename, (const guchar *) contents, MIN (length, 4096), NULL);
  info->content_type = guessed != NULL ? g_content_type_get_mime_type (guessed) : NULL;
  if (info->content_type == NULL)
    info->content_type = g_strdup ("application/octet-stream");

  return g_steal_pointer (&info);
}

/* ---- Tickets -------------------------------------------------------------- */

/* The stored row of the ticket @ticket names. */
static LtTicket *
load_stored_ticket (LtStore   *store,
                    LtTicket  *ticket,
                    GError   **error)
{
  const char *id = lt_ticket_get_id (ticket);
  const char *local_id = lt_ticket_get_local_id (ticket);

  if (id != NULL)
    return lt_store_lookup_ticket (store, id, error);
  if (local_id != NULL)
    return lt_store_lookup_ticket_by_local_id (store, local_id, error);

  g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("The ticket has neither a portal id nor a local id"));
  return NULL;
}

/* A queued ticket is judged as the portal will see it once its create item
 * is delivered: submitted. A draft is not filed at all. */
static gboolean
check_ticket_action (LtPolicy          *policy,
                     LtTicket          *stored,
                     LtCustomerAction   action,
                     GDateTime         *now,
                     GError           **error)
{
  LtTicketState state = lt_ticket_get_state (stored);

  if (state == LT_TICKET_STATE_DRAFT)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                           action == LT_CUSTOMER_ACTION_ATTACH
                             ? _("This ticket is a draft: attach the file when you file it")
                             : _("This ticket is a draft: file it first"));
      return FALSE;
    }
  if (state == LT_TICKET_STATE_QUEUED)
    state = LT_TICKET_STATE_SUBMITTED;

  return lt_lifecycle_check_customer_action_for_policy (policy, state,
                                                        lt_ticket_get_closed_at (stored),
                                                        lt_ticket_get_escalation_level (stored),
                                                        now, action, error);
}

/* {"ticket_id": …, "ticket_local_id": …, …: the members every ticket
 * action carries, so that the sync can find the portal id at send time. */
static JsonBuilder *
ticket_payload_begin (LtTicket *stored)
{
  JsonBuilder *builder = json_builder_new_immutable ();

  json_builder_begin_object (builder);
  add_string_or_null (builder, "ticket_id", lt_ticket_get_id (stored));
  add_string_or_null (builder, "ticket_local_id", lt_ticket_get_local_id (stored));
  return builder;
}

static void
add_attachment_members (JsonBuilder          *builder,
                        const AttachmentInfo *info,
                        const char           *note)
{
  add_string_or_null (builder, "path", info->path);
  add_string_or_null (builder, "file_name", info->file_name);
  add_string_or_null (builder, "content_type", info->content_type);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, (gint64) info->size);
  add_string_or_null (builder, "sha256", info->sha256);
  add_string_or_null (builder, "note", note);
}

/* Writes the outbox item of a ticket action and its event. The item waits
 * for @after when given, else, for a ticket the portal does not know yet,
 * for its create item (@after is then behind that one already). Returns
 * the new key. */
static char *
enqueue_ticket_item_after (LtOutbox       *outbox,
                           LtTicket       *stored,
                           const char     *kind,
                           JsonBuilder    *builder,
                           LtTicketEvent  *event,
                           const char     *after,
                           GDateTime      *now,
                           GError        **error)
{
  LtStore *store = lt_outbox_get_store (outbox);
  g_autofree char *payload = NULL;
  g_autofree char *key = NULL;
  const char *depends_on = after;

  json_builder_end_object (builder);
  payload = builder_to_payload (builder);

  if (depends_on == NULL && lt_ticket_get_id (stored) == NULL)
    depends_on = lt_ticket_get_local_id (stored);

  key = lt_outbox_enqueue (outbox, kind, payload, depends_on, now, error);
  if (key == NULL)
    return NULL;
  if (event != NULL && !lt_store_add_ticket_event (store, stored, event, key, error))
    return NULL;
  return g_steal_pointer (&key);
}

static char *
enqueue_ticket_item (LtOutbox       *outbox,
                     LtTicket       *stored,
                     const char     *kind,
                     JsonBuilder    *builder,
                     LtTicketEvent  *event,
                     GDateTime      *now,
                     GError        **error)
{
  return enqueue_ticket_item_after (outbox, stored, kind, builder, event, NULL, now, error);
}

/* Saves the optimistic local state of @stored: by id when the portal knows
 * the ticket, else as the local (queued) row. */
static gboolean
save_stored_ticket (LtStore    *store,
                    LtTicket   *stored,
                    GDateTime  *now,
                    GError    **error)
{
  if (lt_ticket_get_id (stored) != NULL)
    return lt_store_upsert_ticket (store, stored, now, error);
  return lt_store_save_local_ticket (store, stored, now, error);
}

static gboolean
file_ticket_checks (LtOutbox                  *outbox,
                    LtPolicy                  *policy,
                    LtTicket                  *ticket,
                    const LtFileTicketOptions *options,
                    GError                   **error)
{
  LtScopeCheck scope = { 0 };
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GError) account_error = NULL;
  gboolean allowed;

  if (lt_ticket_get_state (ticket) != LT_TICKET_STATE_DRAFT || lt_ticket_get_id (ticket) != NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                           _("Only a draft can be filed; this ticket was filed already"));
      return FALSE;
    }
  if (!lt_lifecycle_check_transition (LT_TICKET_STATE_DRAFT, LT_TICKET_STATE_QUEUED,
                                      LT_CLOSE_REASON_NONE, error))
    return FALSE;
  if (!check_not_blank (lt_ticket_get_title (ticket), _("A ticket needs a title"), error) ||
      !lt_ticket_check_title_length (lt_ticket_get_title (ticket), error) ||
      !lt_ticket_check_description_length (lt_ticket_get_description (ticket), error))
    return FALSE;

  /* R7: an out-of-scope category needs the user's acknowledgement. */
  allowed = lt_rules_check_scope_for_policy (policy, lt_ticket_get_category (ticket), &scope, error) &&
            lt_rules_scope_allows_filing (&scope, options != NULL && options->scope_acknowledged, error);
  lt_scope_check_clear (&scope);
  if (!allowed)
    return FALSE;

  /* R10: the primary technical contact must be complete. Only the account
   * the portal sent can be checked; before the first sync the portal
   * checks it itself (409 primary_contact_required). */
  account = lt_store_load_account (lt_outbox_get_store (outbox), &account_error);
  if (account == NULL && !g_error_matches (account_error, LT_ERROR, LT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&account_error));
      return FALSE;
    }
  if (account != NULL && !lt_account_check_primary_contact (account, error))
    return FALSE;

  return TRUE;
}

/**
 * lt_actions_file_ticket:
 * @outbox: the outbox (and through it the store)
 * @policy: the policy in effect
 * @ticket: a draft; it becomes queued and gets a local id if it had none
 * @options: (nullable): feature criteria, scope acknowledgement, reference
 *   and attachments
 * @now: the current time
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key (the ticket's
 *   local id)
 */
char *
lt_actions_file_ticket (LtOutbox                  *outbox,
                        LtPolicy                  *policy,
                        LtTicket                  *ticket,
                        const LtFileTicketOptions *options,
                        GDateTime                 *now,
                        GError                   **error)
{
  LtStore *store;
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_info_free);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *criteria = NULL;
  const char *local_id;

  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = lt_outbox_get_store (outbox);
  if (!file_ticket_checks (outbox, policy, ticket, options, error))
    return NULL;

  for (guint i = 0; options != NULL && options->attachments != NULL && options->attachments[i] != NULL; i++)
    {
      AttachmentInfo *info = attachment_info_new (options->attachments[i], error);

      if (info == NULL)
        return NULL;
      g_ptr_array_add (attachments, info);
    }

  if (lt_ticket_get_local_id (ticket) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      lt_ticket_set_local_id (ticket, uuid);
    }
  local_id = lt_ticket_get_local_id (ticket);

  body = lt_portal_json_write_ticket_request (ticket,
                                              options != NULL ? options->feature_criteria : NULL,
                                              options != NULL && options->scope_acknowledged,
                                              options != NULL ? options->references_ticket : NULL);
  payload = json_to_string (body, FALSE);
  if (options != NULL && options->feature_criteria != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, options->feature_criteria);
      criteria = json_to_string (node, FALSE);
    }

  tx = lt_store_begin (store, error);
  if (tx == NULL)
    return NULL;

  lt_ticket_set_state (ticket, LT_TICKET_STATE_QUEUED);
  if (!lt_store_save_local_ticket (store, ticket, now, error) ||
      !lt_store_set_ticket_local_fields (store, ticket,
                                         options != NULL ? options->references_ticket : NULL,
                                         criteria, error) ||
      !lt_outbox_enqueue_with_key (outbox, local_id, LT_OUTBOX_KIND_TICKET_CREATE, payload,
                                   NULL, now, error))
    {
      /* Nothing was written (the transaction rolls back): the caller still
       * holds a draft. */
      lt_ticket_set_state (ticket, LT_TICKET_STATE_DRAFT);
      return NULL;
    }

  for (guint i = 0; i < attachments->len; i++)
    {
      AttachmentInfo *info = g_ptr_array_index (attachments, i);
      g_autoptr(JsonBuilder) builder = ticket_payload_begin (ticket);
      g_autoptr(LtTicketEvent) event = lt_ticket_event_new_attachment (now, NULL, info->file_name,
                                                                       info->size);
      g_autofree char *key = NULL;

      add_attachment_members (builder, info, NULL);
      key = enqueue_ticket_item (outbox, ticket, LT_OUTBOX_KIND_TICKET_ATTACHMENT, builder, event,
                                 now, error);
      if (key == NULL)
        {
          lt_ticket_set_state (ticket, LT_TICKET_STATE_DRAFT);
          return NULL;
        }
    }

  if (!lt_store_transaction_commit (tx, error))
    {
      lt_ticket_set_state (ticket, LT_TICKET_STATE_DRAFT);
      return NULL;
    }
  return g_strdup (local_id);
}

/* The shared start of an action on an existing ticket: the transaction,
 * the stored row and core's verdict. */
static LtStoreTransaction *
begin_ticket_action (LtOutbox          *outbox,
                     LtPolicy          *policy,
                     LtTicket          *ticket,
                     LtCustomerAction   action,
                     GDateTime         *now,
                     LtTicket         **stored,
                     GError           **error)
{
  LtStore *store = lt_outbox_get_store (outbox);
  g_autoptr(LtStoreTransaction) tx = lt_store_begin (store, error);

  if (tx == NULL)
    return NULL;
  *stored = load_stored_ticket (store, ticket, error);
  if (*stored == NULL)
    return NULL;
  if (!check_ticket_action (policy, *stored, action, now, error))
    {
      g_clear_object (stored);
      return NULL;
    }
  return g_steal_pointer (&tx);
}

static char *
commit_ticket_action (LtStoreTransaction  *tx,
                      char                *key,
                      GError             **error)
{
  g_autofree char *owned = key;

  if (owned == NULL || !lt_store_transaction_commit (tx, error))
    return NULL;
  return g_steal_pointer (&owned);
}

/**
 * lt_actions_comment:
 * @outbox: the outbox
 * @policy: the policy in effect
 * @ticket: names the ticket (by id, else local id)
 * @body: the comment
 * @now: the current time
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key
 */
char *
lt_actions_comment (LtOutbox    *outbox,
                    LtPolicy    *policy,
                    LtTicket    *ticket,
                    const char  *body,
                    GDateTime   *now,
                    GError     **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtTicket) stored = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(LtTicketEvent) event = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!check_not_blank (body, _("A comment needs some text"), error))
    return NULL;
  tx = begin_ticket_action (outbox, policy, ticket, LT_CUSTOMER_ACTION_COMMENT, now, &stored, error);
  if (tx == NULL)
    return NULL;

  builder = ticket_payload_begin (stored);
  add_string_or_null (builder, "body", body);
  event = lt_ticket_event_new_comment (now, NULL, body);
  return commit_ticket_action (tx, enqueue_ticket_item (outbox, stored, LT_OUTBOX_KIND_TICKET_COMMENT,
                                                        builder, event, now, error),
                               error);
}

/**
 * lt_actions_attach:
 * @outbox: the outbox
 * @policy: the policy in effect
 * @ticket: names the ticket
 * @path: the file to upload
 * @note: (nullable): a note for the support engineer
 * @now: the current time
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key
 */
char *
lt_actions_attach (LtOutbox    *outbox,
                   LtPolicy    *policy,
                   LtTicket    *ticket,
                   const char  *path,
                   const char  *note,
                   GDateTime   *now,
                   GError     **error)
{
  g_autoptr(AttachmentInfo) info = NULL;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtTicket) stored = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(LtTicketEvent) event = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  /* The file is read before the transaction: up to 10 MiB of I/O must not
   * hold the database's write lock. */
  info = attachment_info_new (path, error);
  if (info == NULL)
    return NULL;
  tx = begin_ticket_action (outbox, policy, ticket, LT_CUSTOMER_ACTION_ATTACH, now, &stored, error);
  if (tx == NULL)
    return NULL;

  builder = ticket_payload_begin (stored);
  add_attachment_members (builder, info, note);
  event = lt_ticket_event_new_attachment (now, NULL, info->file_name, info->size);
  if (note != NULL)
    lt_ticket_event_set_body (event, note);
  return commit_ticket_action (tx, enqueue_ticket_item (outbox, stored, LT_OUTBOX_KIND_TICKET_ATTACHMENT,
                                                        builder, event, now, error),
                               error);
}

/* The note of a bundle's part @number of @count. Not translated: the
 * support team reads it, and the same words from every customer let
 * their tools put the parts together. */
static char *
bundle_part_note (guint       number,
                  guint       count,
                  const char *bundle_sha256)
{
  return g_strdup_printf ("Diagnostics bundle, part %u of %u, SHA-256 %s",
                          number, count, bundle_sha256);
}

/**
 * lt_actions_attach_bundle:
 * @outbox: the outbox
 * @policy: the policy in effect
 * @ticket: names the ticket
 * @parts: (element-type LtBundlePart): the bundle's parts in order, the
 *   last holding MANIFEST.json
 * @now: the current time
 * @error: return location for an error
 *
 * Each part is checked as lt_actions_attach() checks a file, and must
 * still have the size and SHA-256 its LtBundlePart records (the bundle
 * reader or the writer saw those bytes; another file under the same name
 * is refused, LT_ERROR_INVALID_INPUT naming it). Each part's item waits
 * for the one before, so the parts reach the portal in order even when
 * one is retried later.
 *
 * Returns: (transfer full) (nullable) (element-type utf8): the items'
 *   keys, in the parts' order
 */
GPtrArray *
lt_actions_attach_bundle (LtOutbox    *outbox,
                          LtPolicy    *policy,
                          LtTicket    *ticket,
                          GPtrArray   *parts,
                          GDateTime   *now,
                          GError     **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_info_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtTicket) stored = NULL;
  const char *bundle_sha256;
  const char *previous = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (parts != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (parts->len == 0)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("A diagnostics bundle needs at least one part"));
      return NULL;
    }
  bundle_sha256 = ((LtBundlePart *) g_ptr_array_index (parts, parts->len - 1))->sha256;

  /* Read before the transaction, as lt_actions_attach() does; one part
   * at a time, so at most one part's bytes are held. */
  for (guint i = 0; i < parts->len; i++)
    {
      const LtBundlePart *part = g_ptr_array_index (parts, i);
      AttachmentInfo *info = attachment_info_new (part->path, error);

      if (info == NULL)
        return NULL;
      g_ptr_array_add (infos, info);
      if (info->size != part->size || g_strcmp0 (info->sha256, part->sha256) != 0)
        {
          g_autofree char *display = g_filename_display_name (info->path);

          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("Cannot attach “%s”: it is not the part of the bundle that was checked "
                         "(its size or SHA-256 differs)"), display);
          return NULL;
        }
    }

  tx = begin_ticket_action (outbox, policy, ticket, LT_CUSTOMER_ACTION_ATTACH, now, &stored, error);
  if (tx == NULL)
    return NULL;

  for (guint i = 0; i < infos->len; i++)
    {
      AttachmentInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(JsonBuilder) builder = ticket_payload_begin (stored);
      g_autoptr(LtTicketEvent) event = NULL;
      g_autofree char *note = bundle_part_note (i + 1, infos->len, bundle_sha256);
      char *key;

      add_attachment_members (builder, info, note);
      event = lt_ticket_event_new_attachment (now, NULL, info->file_name, info->size);
      lt_ticket_event_set_body (event, note);
      key = enqueue_ticket_item_after (outbox, stored, LT_OUTBOX_KIND_TICKET_ATTACHMENT, builder,
                                       event, previous, now, error);
      if (key == NULL)
        return NULL;
      g_ptr_array_add (keys, key);
      previous = key;
    }

  if (!lt_store_transaction_commit (tx, error))
    return NULL;
  return g_steal_pointer (&keys);
}

/* A state change made here: the event that shows it and, when the portal
 * knows the ticket, the new state on the row (kept by the sync until the
 * item is delivered or refused). A queued ticket keeps its state: the
 * portal must file it first. */
static char *
state_change_action (LtOutbox          *outbox,
                     LtPolicy          *policy,
                     LtTicket          *ticket,
                     LtCustomerAction   action,
                     const char        *kind,
                     LtTicketState      to_state,
                     LtCloseReason      close_reason,
                     const char        *text_member,
                     const char        *text,
                     GDateTime         *now,
                     GError           **error)
{
  LtStore *store = lt_outbox_get_store (outbox);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtTicket) stored = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(LtTicketEvent) event = NULL;
  LtTicketState from_state;

  tx = begin_ticket_action (outbox, policy, ticket, action, now, &stored, error);
  if (tx == NULL)
    return NULL;

  from_state = lt_ticket_get_state (stored);
  if (from_state == LT_TICKET_STATE_QUEUED)
    from_state = LT_TICKET_STATE_SUBMITTED;
  if (!lt_lifecycle_check_transition (from_state, to_state, close_reason, error))
    return NULL;

  builder = ticket_payload_begin (stored);
  add_string_or_null (builder, text_member, text);
  event = lt_ticket_event_new_state_change (now, NULL, from_state, to_state);
  if (text != NULL)
    lt_ticket_event_set_body (event, text);

  if (lt_ticket_get_id (stored) != NULL)
    {
      g_object_freeze_notify (G_OBJECT (stored));
      lt_ticket_set_state (stored, to_state);
      lt_ticket_set_close_reason (stored, close_reason);
      lt_ticket_set_closed_at (stored, to_state == LT_TICKET_STATE_CLOSED ? now : NULL);
      g_object_thaw_notify (G_OBJECT (stored));
      if (!lt_store_upsert_ticket (store, stored, now, error))
        return NULL;
    }

  return commit_ticket_action (tx, enqueue_ticket_item (outbox, stored, kind, builder, event, now, error),
                               error);
}

/**
 * lt_actions_confirm_closure:
 * @outbox: the outbox
 * @policy: the policy in effect
 * @ticket: names a resolved ticket
 * @note: (nullable): a closing word
 * @now: the current time
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key
 */
char *
lt_actions_confirm_closure (LtOutbox    *outbox,
                            LtPolicy    *policy,
                            LtTicket    *ticket,
                            const char  *note,
                            GDateTime   *now,
                            GError     **error)
{
  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  return state_change_action (outbox, policy, ticket, LT_CUSTOMER_ACTION_CONFIRM_CLOSURE,
                              LT_OUTBOX_KIND_TICKET_CONFIRM_CLOSURE, LT_TICKET_STATE_CLOSED,
                              LT_CLOSE_REASON_CONFIRMED, "note", note, now, error);
}

/**
 * lt_actions_reopen:
 * @outbox: the outbox
 * @policy: the policy in effect
 * @ticket: names a closed ticket
 * @reason: why it is reopened
 * @now: the current time
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key
 */
char *
lt_actions_reopen (LtOutbox    *outbox,
                   LtPolicy    *policy,
                   LtTicket    *ticket,
                   const char  *reason,
                   GDateTime   *now,
                   GError     **error)
{
  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (!check_not_blank (reason, _("Reopening a ticket needs a reason"), error))
    return NULL;
  return state_change_action (outbox, policy, ticket, LT_CUSTOMER_ACTION_REOPEN,
                              LT_OUTBOX_KIND_TICKET_REOPEN, LT_TICKET_STATE_REOPENED,
                              LT_CLOSE_REASON_NONE, "reason", reason, now, error);
}

/**
 * lt_actions_withdraw_ticket:
 * @outbox: the outbox
 * @policy: the policy in effect
 * @ticket: names an open (or queued) ticket
 * @reason: (nullable): why
 * @now: the current time
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key
 */
char *
lt_actions_withdraw_ticket (LtOutbox    *outbox,
                            LtPolicy    *policy,
                            LtTicket    *ticket,
                            const char  *reason,
                            GDateTime   *now,
                            GError     **error)
{
  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  return state_change_action (outbox, policy, ticket, LT_CUSTOMER_ACTION_WITHDRAW,
                              LT_OUTBOX_KIND_TICKET_WITHDRAW, LT_TICKET_STATE_CLOSED,
                              LT_CLOSE_REASON_WITHDRAWN, "reason", reason, now, error);
}

/**
 * lt_actions_escalate:
 * @outbox: the outbox
 * @policy: the policy in effect
 * @ticket: names an open (or queued) ticket
 * @reason: why
 * @level: (out) (optional): the level asked for
 * @now: the current time
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key
 */
char *
lt_actions_escalate (LtOutbox    *outbox,
                     LtPolicy    *policy,
                     LtTicket    *ticket,
                     const char  *reason,
                     guint       *level,
                     GDateTime   *now,
                     GError     **error)
{
  LtStore *store;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtTicket) stored = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(LtTicketEvent) event = NULL;
  const LtEscalationLevel *next;

  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  store = lt_outbox_get_store (outbox);
  if (!lt_rules_check_escalation_reason (reason, error))
    return NULL;
  tx = begin_ticket_action (outbox, policy, ticket, LT_CUSTOMER_ACTION_ESCALATE, now, &stored, error);
  if (tx == NULL)
    return NULL;
  next = lt_rules_next_escalation_for_policy (policy, lt_ticket_get_escalation_level (stored), error);
  if (next == NULL)
    return NULL;

  builder = ticket_payload_begin (stored);
  add_string_or_null (builder, "reason", reason);
  json_builder_set_member_name (builder, "level");
  json_builder_add_int_value (builder, next->level);
  event = lt_ticket_event_new_escalation (now, NULL, next->level, reason);

  /* The level is shown at once, also on a queued ticket: a second
   * escalation made before the sync asks for the level after it. */
  lt_ticket_set_escalation_level (stored, next->level);
  if (!save_stored_ticket (store, stored, now, error))
    return NULL;

  if (level != NULL)
    *level = next->level;
  return commit_ticket_action (tx, enqueue_ticket_item (outbox, stored, LT_OUTBOX_KIND_TICKET_ESCALATE,
                                                        builder, event, now, error),
                               error);
}

/* ---- Change notices -------------------------------------------------------- */

/* What a notice needs before it is queued for the portal; gives it a local
 * id when it has none. */
static gboolean
check_new_notice (LtChangeNotice  *notice,
                  GError         **error)
{
  GDateTime *start, *end;

  if (lt_change_notice_get_id (notice) != NULL ||
      lt_change_notice_get_state (notice) != LT_CHANGE_STATE_QUEUED)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                           _("This change notice was submitted already"));
      return FALSE;
    }
  if (!check_not_blank (lt_change_notice_get_title (notice), _("A change notice needs a title"), error))
    return FALSE;
  start = lt_change_notice_get_planned_start (notice);
  end = lt_change_notice_get_planned_end (notice);
  /* The contract requires both ends of the change window. */
  if (start == NULL || end == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           start == NULL ? _("A change notice needs a planned start")
                                         : _("A change notice needs a planned end"));
      return FALSE;
    }
  if (g_date_time_compare (end, start) < 0)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("The planned end of a change is before its start"));
      return FALSE;
    }
  /* R8: a late notice is still sent; the portal computes and returns its
   * late flag with the same rule, and the dialog showed the §6 warning. */

  if (lt_change_notice_get_local_id (notice) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      lt_change_notice_set_local_id (notice, uuid);
    }
  return TRUE;
}

/* The stored row @notice names (by id, else local id). */
static LtChangeNotice *
lookup_stored_notice (LtStore         *store,
                      LtChangeNotice  *notice,
                      GError         **error)
{
  if (lt_change_notice_get_id (notice) != NULL)
    return lt_store_lookup_change_notice (store, lt_change_notice_get_id (notice), error);
  if (lt_change_notice_get_local_id (notice) != NULL)
    return lt_store_lookup_change_notice_by_local_id (store, lt_change_notice_get_local_id (notice),
                                                      error);
  g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("The change notice has neither a portal id nor a local id"));
  return NULL;
}

/**
 * lt_actions_submit_change_notice:
 * @outbox: the outbox
 * @policy: the policy in effect
 * @notice: a queued notice not yet submitted
 * @now: the current time
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key (the notice's
 *   local id)
 */
char *
lt_actions_submit_change_notice (LtOutbox        *outbox,
                                 LtPolicy        *policy,
                                 LtChangeNotice  *notice,
                                 GDateTime       *now,
                                 GError         **error)
{
  LtStore *store;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *payload = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (notice), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  store = lt_outbox_get_store (outbox);
  if (!check_new_notice (notice, error))
    return NULL;

  body = lt_portal_json_write_change_notice_request (notice);
  payload = json_to_string (body, FALSE);

  tx = lt_store_begin (store, error);
  if (tx == NULL ||
      !lt_store_save_local_change_notice (store, notice, now, error) ||
      !lt_outbox_enqueue_with_key (outbox, lt_change_notice_get_local_id (notice),
                                   LT_OUTBOX_KIND_CHANGE_NOTICE_CREATE, payload, NULL, now, error) ||
      !lt_store_transaction_commit (tx, error))
    return NULL;
  return g_strdup (lt_change_notice_get_local_id (notice));
}

/**
 * lt_actions_send_change_notice_draft:
 * @outbox: the outbox
 * @policy: the policy in effect
 * @local_id: the draft's local id
 * @now: the current time (the notice date)
 * @notice: (out) (optional) (transfer full): the notice, now queued
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key (the local id)
 */
char *
lt_actions_send_change_notice_draft (LtOutbox        *outbox,
                                     LtPolicy        *policy,
                                     const char      *local_id,
                                     GDateTime       *now,
                                     LtChangeNotice **notice,
                                     GError         **error)
{
  LtStore *store;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtChangeNotice) stored = NULL;
  g_autofree char *key = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (local_id != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  store = lt_outbox_get_store (outbox);
  tx = lt_store_begin (store, error);
  if (tx == NULL ||
      (stored = lt_store_lookup_change_notice_by_local_id (store, local_id, error)) == NULL)
    return NULL;
  if (lt_change_notice_get_state (stored) != LT_CHANGE_STATE_DRAFT)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("The change notice “%s” is not a draft: it was sent already"), local_id);
      return NULL;
    }

  /* The draft's row becomes the queued notice (same local id, so the same
   * pk); its notice date, empty while a draft, is set now. */
  lt_change_notice_set_state (stored, LT_CHANGE_STATE_QUEUED);
  /* Shown late at once, like a notice given directly; the portal's own
   * flag replaces it when it answers. */
  lt_change_notice_set_late (stored, lt_change_notice_get_planned_start (stored) != NULL &&
                                     lt_change_notice_is_late_at (stored, policy, now));
  key = lt_actions_submit_change_notice (outbox, policy, stored, now, error);
  if (key == NULL || !lt_store_transaction_commit (tx, error))
    return NULL;
  if (notice != NULL)
    *notice = g_steal_pointer (&stored);
  return g_steal_pointer (&key);
}

/**
 * lt_actions_withdraw_change_notice:
 * @outbox: the outbox
 * @notice: names the notice (by id, else local id)
 * @reason: (nullable): why
 * @now: the current time
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key
 */
char *
lt_actions_withdraw_change_notice (LtOutbox        *outbox,
                                   LtChangeNotice  *notice,
                                   const char      *reason,
                                   GDateTime       *now,
                                   GError         **error)
{
  LtStore *store;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtChangeNotice) stored = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *key = NULL;
  const char *depends_on = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (notice), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  store = lt_outbox_get_store (outbox);
  tx = lt_store_begin (store, error);
  if (tx == NULL)
    return NULL;

  stored = lookup_stored_notice (store, notice, error);
  if (stored == NULL)
    return NULL;

  /* The contract: any state but withdrawn may be withdrawn. */
  if (lt_change_notice_get_state (stored) == LT_CHANGE_STATE_WITHDRAWN)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                           _("This change notice was withdrawn already"));
      return NULL;
    }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", lt_change_notice_get_id (stored));
  add_string_or_null (builder, "local_id", lt_change_notice_get_local_id (stored));
  add_string_or_null (builder, "reason", reason);
  json_builder_end_object (builder);
  payload = builder_to_payload (builder);

  if (lt_change_notice_get_id (stored) == NULL)
    {
      /* Still queued: withdrawn once filed. (A queued row must stay
       * queued until it has the portal's id.) */
      depends_on = lt_change_notice_get_local_id (stored);
    }
  else
    {
      lt_change_notice_set_state (stored, LT_CHANGE_STATE_WITHDRAWN);
      if (!lt_store_upsert_change_notice (store, stored, now, error))
        return NULL;
    }

  key = lt_outbox_enqueue (outbox, LT_OUTBOX_KIND_CHANGE_NOTICE_WITHDRAW, payload, depends_on,
                           now, error);
  if (key == NULL || !lt_store_transaction_commit (tx, error))
    return NULL;
  return g_steal_pointer (&key);
}

/**
 * lt_actions_reschedule_change_notice:
 * @outbox: the outbox
 * @policy: the policy in effect
 * @old: names the notice moved (by id, else local id)
 * @replacement: the new notice, state queued, not yet submitted
 * @now: the current time (the new notice's date)
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the idempotency key (the
 *   replacement's local id)
 */
char *
lt_actions_reschedule_change_notice (LtOutbox        *outbox,
                                     LtPolicy        *policy,
                                     LtChangeNotice  *old,
                                     LtChangeNotice  *replacement,
                                     GDateTime       *now,
                                     GError         **error)
{
  LtStore *store;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtChangeNotice) stored = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *payload = NULL;
  const char *depends_on = NULL;

  g_return_val_if_fail (LT_IS_OUTBOX (outbox), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (old), NULL);
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (replacement), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  store = lt_outbox_get_store (outbox);
  if (!check_new_notice (replacement, error))
    return NULL;

  tx = lt_store_begin (store, error);
  if (tx == NULL || (stored = lookup_stored_notice (store, old, error)) == NULL)
    return NULL;
  /* The contract replaces any notice but a withdrawn one; a draft was
   * never sent, so it is edited instead. */
  if (lt_change_notice_get_state (stored) == LT_CHANGE_STATE_WITHDRAWN)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                           lt_change_notice_get_replaced_by (stored) != NULL
                           ? _("This change notice was rescheduled already")
                           : _("This change notice was withdrawn: file a new one instead"));
      return NULL;
    }
  if (lt_change_notice_get_state (stored) == LT_CHANGE_STATE_DRAFT)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                           _("A draft is not sent yet: edit its dates instead"));
      return NULL;
    }

  /* Named by its portal id once it has one; until then by its local id,
   * which the sync turns into the id when it sends the item. */
  lt_change_notice_set_replaces (replacement, lt_change_notice_get_id (stored) != NULL
                                              ? lt_change_notice_get_id (stored)
                                              : lt_change_notice_get_local_id (stored));
  /* The stored body names no notice: "replaces" is added when sent, with
   * the id the old notice has by then. */
  {
    g_autofree char *replaces = g_strdup (lt_change_notice_get_replaces (replacement));

    lt_change_notice_set_replaces (replacement, NULL);
    body = lt_portal_json_write_change_notice_request (replacement);
    lt_change_notice_set_replaces (replacement, replaces);
  }

  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", lt_change_notice_get_id (stored));
  add_string_or_null (builder, "local_id", lt_change_notice_get_local_id (stored));
  json_builder_set_member_name (builder, "body");
  json_builder_add_value (builder, g_steal_pointer (&body));
  json_builder_end_object (builder);
  payload = builder_to_payload (builder);

  if (lt_change_notice_get_id (stored) == NULL)
    /* Still queued: replaced once filed, like a withdrawal. */
    depends_on = lt_change_notice_get_local_id (stored);
  else
    {
      /* Shown withdrawn at once, like a withdrawal; the portal's copy
       * with replaced_by comes with the next sync. */
      lt_change_notice_set_state (stored, LT_CHANGE_STATE_WITHDRAWN);
      if (!lt_store_upsert_change_notice (store, stored, now, error))
        return NULL;
    }

  if (!lt_store_save_local_change_notice (store, replacement, now, error) ||
      !lt_outbox_enqueue_with_key (outbox, lt_change_notice_get_local_id (replacement),
                                   LT_OUTBOX_KIND_CHANGE_NOTICE_RESCHEDULE, payload, depends_on,
                                   now, error) ||
      !lt_store_transaction_commit (tx, error))
    return NULL;
  return g_strdup (lt_change_notice_get_local_id (replacement));
}
