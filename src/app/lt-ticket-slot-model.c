/* lt-ticket-slot-model.c
 *
 * The live slots are the few GTK holds (its rows, ~200 in GTK 4.8, and
 * the selection's item), kept in a table by position; each holds the
 * list's ticket it copies, so that re-pointing a slot to a ticket another
 * slot held finds it in the list's cache rather than reading sqlite.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-ticket-slot-model"

#include "config.h"

#include "lt-ticket-slot-model.h"

#include "lt-store-list.h"

struct _LtTicketSlotModel
{
  GObject       parent_instance;

  /* Owned */
  LtTicketList *list;
  GHashTable   *live;      /* position → Slot */

  /* The number of positions last reported. */
  guint         n_items;

  LtTicketSlotDeferFunc defer_func;
  gpointer              defer_data;
};

typedef struct
{
  LtTicketSlotModel *model;
  guint              position;
  LtTicket          *slot;     /* weak: GTK holds it */
  LtTicket          *ticket;   /* the list's, owned */
  /* Still the values of an earlier ticket at this position: a change
   * the defer function put off (lt_ticket_slot_model_refresh()). */
  gboolean           stale;
} Slot;

static void lt_ticket_slot_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtTicketSlotModel, lt_ticket_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      lt_ticket_slot_model_list_init))

static void
slot_free (Slot *slot)
{
  g_clear_object (&slot->ticket);
  g_free (slot);
}

static void
slot_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  Slot *slot = data;

  g_hash_table_remove (slot->model->live, GUINT_TO_POINTER (slot->position));
}

/* The slot object lives on with the values it had; nothing points it
 * anywhere any more. */
static gboolean
detach_slot (gpointer key,
             gpointer value,
             gpointer user_data)
{
  Slot *slot = value;

  g_object_weak_unref (G_OBJECT (slot->slot), slot_finalized_cb, slot);
  return TRUE;
}

/* The slot takes its position's ticket now. */
static void
refresh_slot (LtTicketSlotModel *self,
              Slot              *slot)
{
  slot->stale = FALSE;
  g_clear_object (&slot->ticket);
  slot->ticket = g_list_model_get_item (G_LIST_MODEL (self->list), slot->position);
  if (slot->ticket != NULL)
    lt_store_list_copy_properties (G_OBJECT (slot->slot), G_OBJECT (slot->ticket));
}

static GType
lt_ticket_slot_model_get_item_type (GListModel *model)
{
  return LT_TYPE_TICKET;
}

static guint
lt_ticket_slot_model_get_n_items (GListModel *model)
{
  return LT_TICKET_SLOT_MODEL (model)->n_items;
}

static gpointer
lt_ticket_slot_model_get_item (GListModel *model,
                               guint       position)
{
  LtTicketSlotModel *self = LT_TICKET_SLOT_MODEL (model);
  Slot *slot;
  LtTicket *ticket;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (slot != NULL)
    {
      /* Whoever asks sees the ticket at the position. */
      if (slot->stale)
        refresh_slot (self, slot);
      return g_object_ref (slot->slot);
    }

  ticket = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  if (ticket == NULL)
    return NULL;

  slot = g_new0 (Slot, 1);
  slot->model = self;
  slot->position = position;
  slot->ticket = ticket;
  slot->slot = lt_ticket_new ();
  lt_store_list_copy_properties (G_OBJECT (slot->slot), G_OBJECT (ticket));
  g_object_weak_ref (G_OBJECT (slot->slot), slot_finalized_cb, slot);
  g_hash_table_insert (self->live, GUINT_TO_POINTER (position), slot);
  return slot->slot;
}

static void
lt_ticket_slot_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = lt_ticket_slot_model_get_item_type;
  iface->get_n_items = lt_ticket_slot_model_get_n_items;
  iface->get_item = lt_ticket_slot_model_get_item;
}

/* Every live slot from @position on takes its position's new ticket, or
 * is marked stale when the defer function says it can wait (reading a
 * ticket and copying it cost most of a keystroke's slots, and most slots
 * are rows out of view); the view hears only that positions were added or
 * removed at the end. */
static void
items_changed_cb (GListModel        *list,
                  guint              position,
                  guint              removed,
                  guint              added,
                  LtTicketSlotModel *self)
{
  guint n_before = self->n_items;
  guint n_after = g_list_model_get_n_items (list);
  g_autoptr(GPtrArray) moved = g_ptr_array_new ();
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  Slot *slot;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &slot))
    {
      if (slot->position < position)
        continue;
      if (slot->position >= n_after)
        {
          detach_slot (NULL, slot, NULL);
          g_hash_table_iter_remove (&iter);
          continue;
        }
      if (self->defer_func != NULL && self->defer_func (slot->slot, self->defer_data))
        {
          slot->stale = TRUE;
          continue;
        }
      g_ptr_array_add (moved, slot);
    }

  /* All new tickets first, while the old ones are still held: a ticket
   * that only moved comes from the list's cache. */
  for (guint i = 0; i < moved->len; i++)
    {
      slot = g_ptr_array_index (moved, i);
      g_ptr_array_add (fresh, g_list_model_get_item (list, slot->position));
    }
  for (guint i = 0; i < moved->len; i++)
    {
      slot = g_ptr_array_index (moved, i);
      g_set_object (&slot->ticket, g_ptr_array_index (fresh, i));
      slot->stale = FALSE;
      if (slot->ticket != NULL)
        lt_store_list_copy_properties (G_OBJECT (slot->slot), G_OBJECT (slot->ticket));
    }

  self->n_items = n_after;
  if (n_after < n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_after, n_before - n_after, 0);
  else if (n_after > n_before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_before, 0, n_after - n_before);
}

static void
lt_ticket_slot_model_dispose (GObject *object)
{
  LtTicketSlotModel *self = LT_TICKET_SLOT_MODEL (object);

  if (self->live != NULL)
    g_hash_table_foreach_remove (self->live, detach_slot, NULL);
  if (self->list != NULL)
    g_signal_handlers_disconnect_by_func (self->list, items_changed_cb, self);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (lt_ticket_slot_model_parent_class)->dispose (object);
}

static void
lt_ticket_slot_model_finalize (GObject *object)
{
  LtTicketSlotModel *self = LT_TICKET_SLOT_MODEL (object);

  g_clear_pointer (&self->live, g_hash_table_unref);

  G_OBJECT_CLASS (lt_ticket_slot_model_parent_class)->finalize (object);
}

static void
lt_ticket_slot_model_class_init (LtTicketSlotModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_ticket_slot_model_dispose;
  object_class->finalize = lt_ticket_slot_model_finalize;
}

static void
lt_ticket_slot_model_init (LtTicketSlotModel *self)
{
  self->live = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) slot_free);
}

/**
 * lt_ticket_slot_model_new:
 * @list: the tickets
 *
 * Returns: (transfer full): a model with one slot per position of @list
 */
LtTicketSlotModel *
lt_ticket_slot_model_new (LtTicketList *list)
{
  LtTicketSlotModel *self;

  g_return_val_if_fail (LT_IS_TICKET_LIST (list), NULL);

  self = g_object_new (LT_TYPE_TICKET_SLOT_MODEL, NULL);
  self->list = g_object_ref (list);
  self->n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}

/**
 * lt_ticket_slot_model_dup_ticket:
 * @self: a model
 * @position: a position
 *
 * Returns: (transfer full) (nullable): the list's own ticket at @position
 *   (not the slot's copy): the one to show in full and to act on
 */
LtTicket *
lt_ticket_slot_model_dup_ticket (LtTicketSlotModel *self,
                                 guint              position)
{
  g_return_val_if_fail (LT_IS_TICKET_SLOT_MODEL (self), NULL);

  if (position >= self->n_items)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (self->list), position);
}

/**
 * lt_ticket_slot_model_get_n_live:
 * @self: a model
 *
 * Returns: how many slots someone holds (the rows a view built)
 */
guint
lt_ticket_slot_model_get_n_live (LtTicketSlotModel *self)
{
  g_return_val_if_fail (LT_IS_TICKET_SLOT_MODEL (self), 0);

  return g_hash_table_size (self->live);
}

/**
 * lt_ticket_slot_model_set_defer_func:
 * @self: a model
 * @func: (nullable): says whether a slot may keep its values through a
 *   change of the list, to take them with lt_ticket_slot_model_refresh()
 * @user_data: for @func
 *
 * Without one (the default), every live slot takes its ticket at once.
 */
void
lt_ticket_slot_model_set_defer_func (LtTicketSlotModel     *self,
                                     LtTicketSlotDeferFunc  func,
                                     gpointer               user_data)
{
  g_return_if_fail (LT_IS_TICKET_SLOT_MODEL (self));

  self->defer_func = func;
  self->defer_data = user_data;
}

/**
 * lt_ticket_slot_model_refresh:
 * @self: a model
 * @position: a position
 *
 * The slot at @position, if someone holds it and a change was put off
 * for it, takes its position's ticket now (notifying what changed).
 */
void
lt_ticket_slot_model_refresh (LtTicketSlotModel *self,
                              guint              position)
{
  Slot *slot;

  g_return_if_fail (LT_IS_TICKET_SLOT_MODEL (self));

  slot = g_hash_table_lookup (self->live, GUINT_TO_POINTER (position));
  if (slot != NULL && slot->stale)
    refresh_slot (self, slot);
}
