/* lt-bulk-change-model.c
 *
 * A split change is emitted in two steps: every row from the change's
 * position to the end goes, then the rows from there to the new end come.
 * The rows after the change are taken out and put back too: if they
 * stayed, GTK 4.8 would keep its view on them (its anchor follows the row
 * it tracks, and they would be the only rows left) and the view would jump
 * to them. Between the steps the model is in a consistent state of its
 * own: the rows before the change, nothing after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-bulk-change-model"

#include "config.h"

#include "lt-bulk-change-model.h"

struct _LtBulkChangeModel
{
  GObject     parent_instance;

  /* Owned */
  GListModel *model;

  /* While a split change is under way: rows from hidden_from on are not
   * shown. */
  guint       hidden_from;
  gboolean    hiding;
};

static void lt_bulk_change_model_list_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtBulkChangeModel, lt_bulk_change_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      lt_bulk_change_model_list_init))

enum
{
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
lt_bulk_change_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (LT_BULK_CHANGE_MODEL (list)->model);
}

static guint
lt_bulk_change_model_get_n_items (GListModel *list)
{
  LtBulkChangeModel *self = LT_BULK_CHANGE_MODEL (list);
  guint n = g_list_model_get_n_items (self->model);

  return self->hiding ? MIN (n, self->hidden_from) : n;
}

static gpointer
lt_bulk_change_model_get_item (GListModel *list,
                               guint       position)
{
  LtBulkChangeModel *self = LT_BULK_CHANGE_MODEL (list);

  if (self->hiding && position >= self->hidden_from)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
lt_bulk_change_model_list_init (GListModelInterface *iface)
{
  iface->get_item_type = lt_bulk_change_model_get_item_type;
  iface->get_n_items = lt_bulk_change_model_get_n_items;
  iface->get_item = lt_bulk_change_model_get_item;
}

static void
items_changed_cb (GListModel        *model,
                  guint              position,
                  guint              removed,
                  guint              added,
                  LtBulkChangeModel *self)
{
  guint n_after, n_before;

  if (removed == 0 || added <= LT_BULK_CHANGE_MODEL_MAX_JOINED)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  n_after = g_list_model_get_n_items (model);
  n_before = n_after - added + removed;

  self->hiding = TRUE;
  self->hidden_from = position;
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_before - position, 0);
  self->hiding = FALSE;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n_after - position);
}

static void
lt_bulk_change_model_constructed (GObject *object)
{
  LtBulkChangeModel *self = LT_BULK_CHANGE_MODEL (object);

  G_OBJECT_CLASS (lt_bulk_change_model_parent_class)->constructed (object);

  g_assert (self->model != NULL);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (items_changed_cb), self, 0);
}

static void
lt_bulk_change_model_dispose (GObject *object)
{
  LtBulkChangeModel *self = LT_BULK_CHANGE_MODEL (object);

  g_clear_object (&self->model);

  G_OBJECT_CLASS (lt_bulk_change_model_parent_class)->dispose (object);
}

static void
lt_bulk_change_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  LtBulkChangeModel *self = LT_BULK_CHANGE_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_bulk_change_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  LtBulkChangeModel *self = LT_BULK_CHANGE_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_bulk_change_model_class_init (LtBulkChangeModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lt_bulk_change_model_constructed;
  object_class->dispose = lt_bulk_change_model_dispose;
  object_class->get_property = lt_bulk_change_model_get_property;
  object_class->set_property = lt_bulk_change_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_bulk_change_model_init (LtBulkChangeModel *self)
{
}

/**
 * lt_bulk_change_model_new:
 * @model: the model to pass through
 *
 * Returns: (transfer full): a model showing @model, whose changes that
 *   replace more than %LT_BULK_CHANGE_MODEL_MAX_JOINED rows arrive as a
 *   removal, then an insertion
 */
LtBulkChangeModel *
lt_bulk_change_model_new (GListModel *model)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  return g_object_new (LT_TYPE_BULK_CHANGE_MODEL, "model", model, NULL);
}

/**
 * lt_bulk_change_model_get_model:
 * @self: a model
 *
 * Returns: (transfer none): the model it passes through
 */
GListModel *
lt_bulk_change_model_get_model (LtBulkChangeModel *self)
{
  g_return_val_if_fail (LT_IS_BULK_CHANGE_MODEL (self), NULL);

  return self->model;
}
