/* lt-sync-unsent.c: the admin's unsent work, kept when the portal's copy arrives
 *
 * What the outbox still holds for a ticket or a notice (a new state, an
 * escalation level, a withdrawal) and how an item names what it acts on;
 * the push and the pull both store the portal's copies through here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-sync"

#include "config.h"

#include "lt-sync-private.h"
#include "lt-actions.h"
#include "lt-error.h"
#include "lt-store-change-notices.h"
#include "lt-store-tickets.h"

#include <glib/gi18n-lib.h>

/* ---- Unsent local work ------------------------------------------------------ */

/* The kinds of items whose result was shown here at once, before the
 * portal acknowledged it: a ticket's new state or escalation level, and a
 * change notice withdrawn (by itself or by the reschedule replacing it). */
static const char * const ticket_state_kinds[] = {
  LT_OUTBOX_KIND_TICKET_CONFIRM_CLOSURE,
  LT_OUTBOX_KIND_TICKET_REOPEN,
  LT_OUTBOX_KIND_TICKET_WITHDRAW,
  LT_OUTBOX_KIND_TICKET_ESCALATE,
  NULL
};

static const char * const notice_state_kinds[] = {
  LT_OUTBOX_KIND_CHANGE_NOTICE_WITHDRAW,
  LT_OUTBOX_KIND_CHANGE_NOTICE_RESCHEDULE,
  NULL
};

gboolean
_lt_sync_kind_changes_ticket_state (const char *kind)
{
  return kind != NULL && g_strv_contains (ticket_state_kinds, kind);
}

JsonObject *
_lt_sync_parse_payload (LtOutboxItem  *item,
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
gboolean
_lt_sync_payload_get_string (JsonObject   *payload,
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

const Resolver _lt_sync_ticket_resolver = {
  TRUE, "ticket_id", "ticket_local_id", "ticket:", REFETCH_TICKET_PREFIX,
  N_("$.ticket_id: the stored request names no ticket"),
  N_("The ticket this action belongs to was never filed"),
};

const Resolver _lt_sync_notice_resolver = {
  FALSE, "id", "local_id", "notice:", REFETCH_NOTICE_PREFIX,
  N_("$.id: the stored request names no change notice"),
  N_("The change notice this action belongs to was never filed"),
};

/* The resolver of an item whose result was shown here at once (a new
 * state, an escalation level, a withdrawn notice), or NULL. */
const Resolver *
_lt_sync_state_change_resolver (const char *kind)
{
  if (_lt_sync_kind_changes_ticket_state (kind))
    return &_lt_sync_ticket_resolver;
  /* A reschedule withdraws the notice it replaces: "id" / "local_id" of
   * its payload name that one. */
  if (kind != NULL && g_strv_contains (notice_state_kinds, kind))
    return &_lt_sync_notice_resolver;
  return NULL;
}

/* The portal id of what a payload names. */
char *
_lt_sync_resolve_id (LtSync          *self,
                     const Resolver  *resolver,
                     JsonObject      *payload,
                     GError         **error)
{
  LtStore *store = _lt_sync_get_store (self);
  g_autoptr(GObject) filed = NULL;
  g_autofree char *filed_id = NULL;
  const char *id, *local_id;

  if (!_lt_sync_payload_get_string (payload, resolver->id_member, FALSE, &id, error) ||
      !_lt_sync_payload_get_string (payload, resolver->local_id_member, FALSE, &local_id, error))
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
 * the UnsentFields of each, leaving out the items @exclude_keys (NULL:
 * none). Only the unsent items of those kinds are read: a drain asks this
 * for every group of answers while the outbox holds all it is sending. */
GHashTable *
_lt_sync_collect_unsent (LtSync              *self,
                         const char * const  *exclude_keys,
                         GError             **error)
{
  g_autoptr(GHashTable) unsent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kinds = NULL;
  g_autoptr(GPtrArray) items = NULL;

  g_strv_builder_addv (builder, (const char **) ticket_state_kinds);
  g_strv_builder_addv (builder, (const char **) notice_state_kinds);
  kinds = g_strv_builder_end (builder);
  items = lt_outbox_list_unsent (self->outbox, (const char * const *) kinds, error);
  if (items == NULL)
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      LtOutboxItem *item = g_ptr_array_index (items, i);
      const char *kind = lt_outbox_item_get_kind (item);
      const Resolver *resolver = _lt_sync_state_change_resolver (kind);
      g_autoptr(JsonObject) payload = NULL;
      g_autofree char *id = NULL;

      if (exclude_keys != NULL && g_strv_contains (exclude_keys, lt_outbox_item_get_key (item)))
        continue;
      if (resolver == NULL)
        continue;

      /* An item that cannot be read or resolved changes nothing here; the
       * push reports it on its own. */
      payload = _lt_sync_parse_payload (item, NULL);
      if (payload == NULL)
        continue;
      id = _lt_sync_resolve_id (self, resolver, payload, NULL);
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
  guint fields = unsent_fields (unsent, _lt_sync_ticket_resolver.unsent_prefix, lt_ticket_get_id (fetched));

  if (fields == 0)
    return TRUE;
  stored = lt_store_lookup_ticket (_lt_sync_get_store (self), lt_ticket_get_id (fetched), &local_error);
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

  if (unsent_fields (unsent, _lt_sync_notice_resolver.unsent_prefix, lt_change_notice_get_id (fetched)) == 0)
    return TRUE;
  stored = lt_store_lookup_change_notice (_lt_sync_get_store (self), lt_change_notice_get_id (fetched),
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
gboolean
_lt_sync_store_ticket (LtSync      *self,
                       LtTicket    *ticket,
                       GHashTable  *unsent,
                       GDateTime   *now,
                       GError     **error)
{
  LtStore *store = _lt_sync_get_store (self);
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
gboolean
_lt_sync_store_notice (LtSync          *self,
                       LtChangeNotice  *notice,
                       GHashTable      *unsent,
                       GDateTime       *now,
                       GError         **error)
{
  return keep_unsent_notice_state (self, unsent, notice, error) &&
         lt_store_upsert_change_notice (_lt_sync_get_store (self), notice, now, error);
}
