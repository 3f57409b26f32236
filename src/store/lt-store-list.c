/* lt-store-list.c: the one implementation of the store's list models
 *
 * Rows live in one GArray in list order. While a filter is on, `visible`
 * holds the indices of the rows that match, ascending, and positions of
 * the model are positions in it; otherwise a position is a row index.
 * Every change is applied to both arrays before ::items-changed is
 * emitted, so a handler always sees the model it was told about.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-list.h"
#include "lt-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Above this many differences a reload replaces the whole list in one
 * ::items-changed: a merge moves the tail of the array once per
 * difference. */
#define MAX_MERGED_DIFFERENCES 256

typedef struct
{
  /* Owned */
  LtStore  *store;
  GArray   *rows;
  GArray   *visible;   /* of guint row indices; NULL while not filtering */

  gboolean  filtering;

  /* While rows are read elsewhere (a worker thread), the store's changes
   * wait here, oldest first, to be applied once those rows are in. */
  GArray   *held_changes;   /* of HeldChange; NULL when not holding */
} LtStoreListPrivate;

typedef struct
{
  LtStoreChangeKind  kind;
  char              *key;
} HeldChange;

static void
held_change_clear (gpointer data)
{
  g_free (((HeldChange *) data)->key);
}

static void lt_store_list_model_init (GListModelInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (LtStoreList, lt_store_list, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (LtStoreList)
                                  G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                         lt_store_list_model_init))

enum
{
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ROW(priv, klass, index) \
  ((gpointer) ((priv)->rows->data + (gsize) (index) * (klass)->row_size))

/* How many rows ahead a pass over the visible rows asks for: enough to
 * cover a cache miss with the work on the rows in between. */
#define PREFETCH_AHEAD 8

/* Positions -------------------------------------------------------------- */

static guint
n_visible (LtStoreListPrivate *priv)
{
  return priv->visible != NULL ? priv->visible->len : priv->rows->len;
}

/* The first position whose row index is >= @index. */
static guint
visible_lower_bound (LtStoreListPrivate *priv,
                     guint               index)
{
  guint lo = 0;
  guint hi = priv->visible->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (priv->visible, guint, mid) < index)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first row index whose row is not before @row in list order. */
static guint
rows_lower_bound (LtStoreList   *self,
                  gconstpointer  row)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  guint lo = 0;
  guint hi = priv->rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (klass->compare (self, ROW (priv, klass, mid), row) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
matches (LtStoreList   *self,
         gconstpointer  row)
{
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);

  return klass->row_matches == NULL || klass->row_matches (self, row);
}

static void
emit (LtStoreList *self,
      guint        position,
      guint        removed,
      guint        added)
{
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Row operations --------------------------------------------------------- */

/* Inserts @row (moved in; the caller must not clear it) at @index. */
static void
insert_row (LtStoreList *self,
            guint        index,
            gpointer     row)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  guint position;

  g_array_insert_vals (priv->rows, index, row, 1);

  if (priv->visible == NULL)
    {
      emit (self, index, 0, 1);
      return;
    }

  position = visible_lower_bound (priv, index);
  for (guint p = position; p < priv->visible->len; p++)
    g_array_index (priv->visible, guint, p)++;

  if (matches (self, row))
    {
      g_array_insert_val (priv->visible, position, index);
      emit (self, position, 0, 1);
    }
}

/* Takes the row at @index out of the arrays without clearing it (into
 * @out) and returns its position, or -1 when it was not visible. */
static gssize
take_row (LtStoreList *self,
          guint        index,
          gpointer     out)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  gssize position = index;

  memcpy (out, ROW (priv, klass, index), klass->row_size);
  g_array_remove_index (priv->rows, index);

  if (priv->visible != NULL)
    {
      guint p = visible_lower_bound (priv, index);

      position = -1;
      if (p < priv->visible->len && g_array_index (priv->visible, guint, p) == index)
        {
          g_array_remove_index (priv->visible, p);
          position = p;
        }
      for (guint q = p; q < priv->visible->len; q++)
        g_array_index (priv->visible, guint, q)--;
    }
  return position;
}

static void
remove_row (LtStoreList *self,
            guint        index)
{
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  g_autofree gpointer row = g_malloc (klass->row_size);
  gssize position = take_row (self, index, row);

  klass->clear_row (self, row, TRUE);
  if (position >= 0)
    emit (self, position, 1, 0);
}

/* @new_row (moved in) is the row at @index with new values; it may sort
 * elsewhere. @always: emit for the row even when its item did not change
 * (the store said it was written). */
static void
update_row (LtStoreList *self,
            guint        index,
            gpointer     new_row,
            gboolean     always)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  gpointer old_row = ROW (priv, klass, index);
  guint target = rows_lower_bound (self, new_row);
  gboolean changed;

  /* Where the row goes among the others: the lower bound counted the old
   * copy of this row when it sorts before the new one. */
  if (target > index && klass->compare (self, old_row, new_row) < 0)
    target--;

  changed = klass->replace_row (self, old_row, new_row) || always;

  if (target == index)
    {
      gssize position = index;
      gboolean was_visible = TRUE;
      gboolean now_visible = TRUE;

      klass->clear_row (self, old_row, FALSE);
      memcpy (old_row, new_row, klass->row_size);

      if (priv->visible != NULL)
        {
          guint p = visible_lower_bound (priv, index);

          position = p;
          was_visible = p < priv->visible->len && g_array_index (priv->visible, guint, p) == index;
          now_visible = matches (self, old_row);
          if (was_visible && !now_visible)
            g_array_remove_index (priv->visible, p);
          else if (!was_visible && now_visible)
            g_array_insert_val (priv->visible, p, index);
        }

      if (was_visible && now_visible)
        {
          if (changed)
            emit (self, position, 1, 1);
        }
      else if (was_visible)
        emit (self, position, 1, 0);
      else if (now_visible)
        emit (self, position, 0, 1);
      return;
    }

  /* It moves: out of its old place, then into its new one, each emitted
   * once the arrays agree with it. */
  {
    g_autofree gpointer old_copy = g_malloc (klass->row_size);
    gssize position = take_row (self, index, old_copy);

    klass->clear_row (self, old_copy, FALSE);
    if (position >= 0)
      emit (self, position, 1, 0);
    insert_row (self, target, new_row);
  }
}

/* The index of the row of @key, or -1. @hint: the row's new values, which
 * find it by binary search when its place did not change. */
static gssize
find_row (LtStoreList   *self,
          const char    *key,
          gconstpointer  hint)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);

  if (hint != NULL)
    {
      guint index = rows_lower_bound (self, hint);

      if (index < priv->rows->len && klass->row_has_key (self, ROW (priv, klass, index), key))
        return index;
    }

  if (klass->find_row != NULL)
    return klass->find_row (self, key);

  for (guint i = 0; i < priv->rows->len; i++)
    if (klass->row_has_key (self, ROW (priv, klass, i), key))
      return i;
  return -1;
}

/* Loading ---------------------------------------------------------------- */

static GArray *
new_rows (LtStoreList *self)
{
  return g_array_new (FALSE, TRUE, LT_STORE_LIST_GET_CLASS (self)->row_size);
}

static void
free_rows (LtStoreList *self,
           GArray      *rows)
{
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);

  if (rows == NULL)
    return;
  for (guint i = 0; i < rows->len; i++)
    klass->clear_row (self, rows->data + (gsize) i * klass->row_size, TRUE);
  g_array_unref (rows);
}

typedef struct
{
  LtStoreList *self;
} SortData;

static int
compare_rows_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  SortData *data = user_data;

  return LT_STORE_LIST_GET_CLASS (data->self)->compare (data->self, a, b);
}

static void sort_rows (LtStoreList *self,
                       GArray      *rows);

static GArray *
load_sorted (LtStoreList  *self,
             GError      **error)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  GArray *rows = new_rows (self);

  if (!klass->load_all (self, priv->store, rows, error))
    {
      free_rows (self, rows);
      return NULL;
    }

  sort_rows (self, rows);
  return rows;
}

/* The queries already return list order; checking is one pass, a sort
 * would be n log n. */
static void
sort_rows (LtStoreList *self,
           GArray      *rows)
{
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  SortData data = { self };

  for (guint i = 1; i < rows->len; i++)
    if (klass->compare (self, rows->data + (gsize) (i - 1) * klass->row_size,
                        rows->data + (gsize) i * klass->row_size) > 0)
      {
        g_array_sort_with_data (rows, compare_rows_cb, &data);
        break;
      }
}

/* A full pass writes its matches straight into an array as long as the
 * rows: appended one call at a time, the first keystroke over 1,000,000
 * rows spent more in g_array_append_val() and the array's doublings than
 * in testing the rows (tests/bench/performance-notes.md). */
static GArray *
compute_visible (LtStoreList *self)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  guint n_rows = priv->rows->len;
  GArray *visible = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_rows);
  guint *out;
  guint kept = 0;

  g_array_set_size (visible, n_rows);
  out = (guint *) (gpointer) visible->data;

  for (guint i = 0; i < n_rows; i++)
    if (matches (self, ROW (priv, klass, i)))
      out[kept++] = i;
  g_array_set_size (visible, kept);

  /* Not a list's worth of indices held for a few matches. */
  if (kept < n_rows / 2)
    {
      GArray *trimmed = g_array_sized_new (FALSE, FALSE, sizeof (guint), kept);

      g_array_append_vals (trimmed, visible->data, kept);
      g_array_unref (visible);
      visible = trimmed;
    }
  return visible;
}

/* Replaces every row at once: one ::items-changed. */
static void
replace_all (LtStoreList *self,
             GArray      *rows)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  guint removed = n_visible (priv);
  GArray *old = priv->rows;

  priv->rows = rows;
  g_clear_pointer (&priv->visible, g_array_unref);
  if (priv->filtering)
    priv->visible = compute_visible (self);
  free_rows (self, old);

  emit (self, 0, removed, n_visible (priv));
}

static guint
count_differences (LtStoreList *self,
                   GArray      *rows)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  guint i = 0, j = 0, n = 0;

  while (i < priv->rows->len && j < rows->len)
    {
      int cmp = klass->compare (self, ROW (priv, klass, i), rows->data + (gsize) j * klass->row_size);

      if (cmp <= 0)
        i++;
      if (cmp >= 0)
        j++;
      if (cmp != 0)
        n++;
    }
  return n + (priv->rows->len - i) + (rows->len - j);
}

/* Applies the difference between the rows held and @rows (both in list
 * order) row by row: removed, inserted, and rows present in both replaced,
 * emitting only for those whose item changed. */
static void
merge_rows (LtStoreList *self,
            GArray      *rows)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  guint i = 0;
  guint j = 0;

  while (j < rows->len || i < priv->rows->len)
    {
      gpointer incoming = j < rows->len ? rows->data + (gsize) j * klass->row_size : NULL;
      int cmp;

      if (incoming == NULL)
        cmp = -1;
      else if (i == priv->rows->len)
        cmp = 1;
      else
        cmp = klass->compare (self, ROW (priv, klass, i), incoming);

      if (cmp < 0)
        remove_row (self, i);
      else if (cmp > 0)
        {
          insert_row (self, i, incoming);
          i++;
          j++;
        }
      else
        {
          update_row (self, i, incoming, FALSE);
          i++;
          j++;
        }
    }

  /* Every row was moved into the list or cleared by update_row(). */
  g_array_set_size (rows, 0);
  g_array_unref (rows);
}

/**
 * lt_store_list_new_loaded:
 * @list_type: a subclass of #LtStoreList
 * @store: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a new list of @list_type with every
 *   row loaded; %NULL when they could not be read
 */
gpointer
lt_store_list_new_loaded (GType     list_type,
                          LtStore  *store,
                          GError  **error)
{
  g_autoptr(LtStoreList) self = NULL;

  g_return_val_if_fail (g_type_is_a (list_type, LT_TYPE_STORE_LIST), NULL);
  g_return_val_if_fail (LT_IS_STORE (store), NULL);

  self = g_object_new (list_type, "store", store, NULL);
  if (!lt_store_list_load (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * lt_store_list_load:
 * @self: a list
 * @error: return location for an error
 *
 * Loads every row; what subclasses' constructors call.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_list_load (LtStoreList  *self,
                    GError      **error)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  GArray *rows;

  g_return_val_if_fail (LT_IS_STORE_LIST (self), FALSE);

  rows = load_sorted (self, error);
  if (rows == NULL)
    return FALSE;

  if (priv->rows->len == 0 || rows->len == 0 ||
      count_differences (self, rows) > MAX_MERGED_DIFFERENCES)
    replace_all (self, rows);
  else
    merge_rows (self, rows);
  return TRUE;
}

/**
 * lt_store_list_reload:
 * @self: a list
 * @error: return location for an error
 *
 * Reads every row again and applies the difference with precise
 * ::items-changed, keeping the items of rows that stay. For changes the
 * store cannot announce: another process (the CLI) wrote the file.
 *
 * Returns: %TRUE on success; on failure the list is unchanged
 */
gboolean
lt_store_list_reload (LtStoreList  *self,
                      GError      **error)
{
  LtStoreListClass *klass;

  g_return_val_if_fail (LT_IS_STORE_LIST (self), FALSE);

  klass = LT_STORE_LIST_GET_CLASS (self);
  if (!lt_store_list_load (self, error))
    return FALSE;
  if (klass->changes_done != NULL)
    klass->changes_done (self);
  return TRUE;
}

static void
apply_change (LtStoreList        *self,
              LtStoreChangeKind   kind,
              const char         *key)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  g_autofree gpointer row = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;
  gssize index;

  if (kind == LT_STORE_CHANGE_DELETED)
    {
      index = find_row (self, key, NULL);
      if (index >= 0)
        remove_row (self, index);
      return;
    }

  row = g_malloc0 (klass->row_size);
  if (!klass->load_row (self, priv->store, key, row, &found, &error))
    {
      g_warning ("Could not follow a change of “%s” in %s: %s", key, klass->table,
                 error->message);
      return;
    }

  if (!found)
    {
      /* A later change in the same transaction deleted it. */
      index = find_row (self, key, NULL);
      if (index >= 0)
        remove_row (self, index);
      return;
    }

  /* A new row is looked for only where it would sort: a scan for a row
   * that cannot be there would cost a pass over the list per insert. */
  if (kind == LT_STORE_CHANGE_INSERTED)
    {
      guint at = rows_lower_bound (self, row);

      if (at < priv->rows->len && klass->row_has_key (self, ROW (priv, klass, at), key))
        index = at;
      else
        {
          insert_row (self, at, row);
          return;
        }
    }
  else
    index = find_row (self, key, row);

  if (index >= 0)
    update_row (self, index, row, TRUE);
  else
    insert_row (self, rows_lower_bound (self, row), row);
}

static gboolean object_rows_load_row (LtStoreList  *self,
                                      LtStore      *store,
                                      const char   *key,
                                      gpointer      row,
                                      gboolean     *found,
                                      GError      **error);

/* Whether a change can be applied row by row; lists whose rows change only
 * as a whole (a document: no load_row, or object rows without sql_one)
 * reload instead. */
static gboolean
follows_rows (LtStoreListClass *klass)
{
  return klass->load_row != NULL &&
         (klass->load_row != object_rows_load_row || klass->sql_one != NULL);
}

static void
store_changed_cb (LtStore            *store,
                  const char         *table,
                  LtStoreChangeKind   kind,
                  const char         *key,
                  LtStoreList        *self)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);

  if (klass->only_key != NULL && g_strcmp0 (key, klass->only_key) != 0)
    return;

  if (priv->held_changes != NULL)
    {
      HeldChange change = { kind, g_strdup (key) };

      g_array_append_val (priv->held_changes, change);
      return;
    }

  if (!follows_rows (klass))
    {
      g_autoptr(GError) error = NULL;

      if (!lt_store_list_load (self, &error))
        g_warning ("Could not reload %s: %s", klass->table, error->message);
    }
  else
    apply_change (self, kind, key);

  if (klass->changes_done != NULL)
    klass->changes_done (self);
}

/* Filtering -------------------------------------------------------------- */

/**
 * lt_store_list_set_filtering:
 * @self: a list
 * @filtering: whether the subclass's row_matches() applies
 *
 * Call lt_store_list_refilter() after it.
 */
void
lt_store_list_set_filtering (LtStoreList *self,
                             gboolean     filtering)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);

  g_return_if_fail (LT_IS_STORE_LIST (self));

  priv->filtering = filtering;
}

/**
 * lt_store_list_refilter:
 * @self: a list
 *
 * The filter changed: recomputes which rows are visible and emits one
 * ::items-changed for the whole list (a new filter is a new list to the
 * view).
 */
void
lt_store_list_refilter (LtStoreList *self)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  guint removed;

  g_return_if_fail (LT_IS_STORE_LIST (self));

  removed = n_visible (priv);
  g_clear_pointer (&priv->visible, g_array_unref);
  if (priv->filtering)
    priv->visible = compute_visible (self);
  emit (self, 0, removed, n_visible (priv));
}

/**
 * lt_store_list_refilter_narrowed:
 * @self: a list
 *
 * The filter changed, and only narrowed: every row it lets through now it
 * let through before (a search text that grew by a typed character).
 * Only the rows visible now are tested, so each keystroke costs what is
 * still shown rather than the whole list; one ::items-changed as with
 * lt_store_list_refilter().
 */
void
lt_store_list_refilter_narrowed (LtStoreList *self)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  guint removed, kept = 0;

  g_return_if_fail (LT_IS_STORE_LIST (self));

  if (!priv->filtering || priv->visible == NULL)
    {
      lt_store_list_refilter (self);
      return;
    }

  removed = priv->visible->len;
  for (guint p = 0; p < priv->visible->len; p++)
    {
      guint index = g_array_index (priv->visible, guint, p);

      /* The rows shown after a few keystrokes lie far apart in the array:
       * each would be a cache miss, waited for in turn. The row comes
       * first, then (half way) what it points to. */
      if (p + PREFETCH_AHEAD < priv->visible->len)
        __builtin_prefetch (ROW (priv, klass, g_array_index (priv->visible, guint, p + PREFETCH_AHEAD)));
      if (klass->prefetch_row != NULL && p + PREFETCH_AHEAD / 2 < priv->visible->len)
        klass->prefetch_row (self, ROW (priv, klass, g_array_index (priv->visible, guint,
                                                                    p + PREFETCH_AHEAD / 2)));
      if (matches (self, ROW (priv, klass, index)))
        g_array_index (priv->visible, guint, kept++) = index;
    }
  g_array_set_size (priv->visible, kept);
  /* Nothing left the list: every position holds the same item. */
  if (kept != removed)
    emit (self, 0, removed, kept);
}

/* Sorting ---------------------------------------------------------------- */

typedef struct
{
  LtStoreList      *self;
  LtStoreListClass *klass;
  const guint8     *data;
} IndexSortData;

static int
compare_indices_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  IndexSortData *data = user_data;
  gsize size = data->klass->row_size;

  return data->klass->compare (data->self, data->data + *(const guint *) a * size,
                               data->data + *(const guint *) b * size);
}

/**
 * lt_store_list_resort:
 * @self: a list
 *
 * The subclass changed its order (a sort column, or keys that depend on
 * the time): sorts the rows by compare() again. The positions from the
 * first row that moved to the last one are one ::items-changed (for a new
 * sort column, nearly the whole list); the rows around them kept their
 * items and are not announced. Nothing is emitted when no row moved.
 * Which rows the filter lets through does not change.
 */
void
lt_store_list_resort (LtStoreList *self)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  IndexSortData data = { self, klass, NULL };
  g_autofree guint *order = NULL;
  g_autofree guint8 *moved = NULL;
  guint n, first, last, n_moved;

  g_return_if_fail (LT_IS_STORE_LIST (self));

  n = priv->rows->len;
  if (n < 2)
    return;

  /* Sorting indices rather than rows: the rows stay where they are until
   * the new order is known, so the stretch that moved can be told. */
  order = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  data.data = (const guint8 *) priv->rows->data;
  g_qsort_with_data (order, (gint) n, sizeof (guint), compare_indices_cb, &data);

  for (first = 0; first < n && order[first] == first; first++)
    ;
  if (first == n)
    return;
  for (last = n - 1; order[last] == last; last--)
    ;
  n_moved = last - first + 1;

  moved = g_malloc ((gsize) n_moved * klass->row_size);
  for (guint i = first; i <= last; i++)
    memcpy (moved + (gsize) (i - first) * klass->row_size, ROW (priv, klass, order[i]),
            klass->row_size);
  memcpy (ROW (priv, klass, first), moved, (gsize) n_moved * klass->row_size);

  if (priv->visible == NULL)
    {
      emit (self, first, n_moved, n_moved);
      return;
    }

  /* The same rows stay visible: the rows of the moved stretch that were
   * shown take the positions of that stretch in their new order. */
  {
    guint p_first = visible_lower_bound (priv, first);
    guint p_end = visible_lower_bound (priv, last + 1);
    g_autofree guint8 *shown = g_malloc0 (n_moved);
    guint p = p_first;

    for (guint q = p_first; q < p_end; q++)
      shown[g_array_index (priv->visible, guint, q) - first] = 1;
    for (guint i = first; i <= last; i++)
      if (shown[order[i] - first])
        g_array_index (priv->visible, guint, p++) = i;
    g_assert (p == p_end);

    emit (self, p_first, p_end - p_first, p_end - p_first);
  }
}

/**
 * lt_store_list_get_row_position:
 * @self: a list
 * @index: an index into lt_store_list_get_rows()
 * @position: (out) (optional): the row's position in the model
 *
 * For subclasses that find a row themselves (by a key the model does not
 * show).
 *
 * Returns: %TRUE when the row is in the model (the filter lets it
 *   through)
 */
gboolean
lt_store_list_get_row_position (LtStoreList *self,
                                guint        index,
                                guint       *position)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  guint p;

  g_return_val_if_fail (LT_IS_STORE_LIST (self), FALSE);
  g_return_val_if_fail (index < priv->rows->len, FALSE);

  if (priv->visible == NULL)
    p = index;
  else
    {
      p = visible_lower_bound (priv, index);
      if (p == priv->visible->len || g_array_index (priv->visible, guint, p) != index)
        return FALSE;
    }

  if (position != NULL)
    *position = p;
  return TRUE;
}

/* Object rows (the default) ---------------------------------------------- */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The properties lt_store_list_copy_properties() copies, listed once per
 * type: listing them walks the type's whole parameter pool, which cost
 * more than the copy when a view re-points its ~200 rows at each
 * keystroke. */
static GPtrArray *
get_copied_pspecs (GObjectClass *klass)
{
  GType type = G_TYPE_FROM_CLASS (klass);
  static GQuark quark;
  G_LOCK_DEFINE_STATIC (copied_pspecs);
  GPtrArray *copied;

  G_LOCK (copied_pspecs);
  if (quark == 0)
    quark = g_quark_from_static_string ("lt-store-list-copied-pspecs");
  copied = g_type_get_qdata (type, quark);
  if (copied == NULL)
    {
      g_autofree GParamSpec **pspecs = NULL;
      guint n_pspecs;

      pspecs = g_object_class_list_properties (klass, &n_pspecs);
      /* Kept for the life of the process, as the type is. */
      copied = g_ptr_array_new ();
      for (guint i = 0; i < n_pspecs; i++)
        if ((pspecs[i]->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE &&
            (pspecs[i]->flags & G_PARAM_CONSTRUCT_ONLY) == 0)
          g_ptr_array_add (copied, pspecs[i]);
      g_type_set_qdata (type, quark, copied);
    }
  G_UNLOCK (copied_pspecs);
  return copied;
}

/**
 * lt_store_list_copy_properties:
 * @dest: an object
 * @src: an object of the same type
 *
 * Sets every writable property of @dest (construct-only ones excepted) to
 * the value @src has. The models' setters notify only for a real change,
 * so a live object shown somewhere notifies exactly what changed.
 *
 * Returns: how many notifications @dest emitted
 */
guint
lt_store_list_copy_properties (GObject *dest,
                               GObject *src)
{
  GPtrArray *pspecs;
  guint count = 0;
  gulong handler;

  g_return_val_if_fail (G_IS_OBJECT (dest), 0);
  g_return_val_if_fail (G_OBJECT_TYPE (dest) == G_OBJECT_TYPE (src), 0);

  pspecs = get_copied_pspecs (G_OBJECT_GET_CLASS (dest));
  handler = g_signal_connect (dest, "notify", G_CALLBACK (count_notify_cb), &count);
  for (guint i = 0; i < pspecs->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (pspecs, i);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (src, pspec->name, &value);
      g_object_set_property (dest, pspec->name, &value);
    }
  g_signal_handler_disconnect (dest, handler);
  return count;
}

static int
object_row_compare_pk (gconstpointer a,
                       gconstpointer b)
{
  const LtStoreListObjectRow *ra = a;
  const LtStoreListObjectRow *rb = b;

  return (ra->pk > rb->pk) - (ra->pk < rb->pk);
}

static gboolean
object_row_has_key (LtStoreList   *self,
                    gconstpointer  row,
                    const char    *key)
{
  return g_strcmp0 (((const LtStoreListObjectRow *) row)->key, key) == 0;
}

static gpointer
object_row_dup_item (LtStoreList *self,
                     gpointer     row)
{
  return g_object_ref (((LtStoreListObjectRow *) row)->object);
}

/* The item shown stays the same object: it takes the new values and the
 * new row takes it. */
static gboolean
object_row_replace (LtStoreList *self,
                    gpointer     old_row,
                    gpointer     new_row)
{
  LtStoreListObjectRow *old = old_row;
  LtStoreListObjectRow *fresh = new_row;
  guint changed = lt_store_list_copy_properties (old->object, fresh->object);
  GObject *kept = old->object;

  old->object = fresh->object;
  fresh->object = kept;
  return changed > 0;
}

static void
object_row_clear (LtStoreList *self,
                  gpointer     row,
                  gboolean     gone)
{
  LtStoreListObjectRow *object_row = row;

  g_clear_pointer (&object_row->key, g_free);
  g_clear_object (&object_row->object);
}

static void
fill_object_row (LtStoreListClass     *klass,
                 sqlite3_stmt         *stmt,
                 LtStoreListObjectRow *row)
{
  row->key = g_strdup (lt_store_column_text (stmt, klass->key_column));
  row->pk = sqlite3_column_int64 (stmt, 0);
  row->object = klass->new_item (stmt);
}

/* The default load_all of object rows: every row of sql_all. */
static gboolean
object_rows_load_all (LtStoreList  *self,
                      LtStore      *store,
                      GArray       *rows,
                      GError      **error)
{
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_assert (klass->sql_all != NULL && klass->new_item != NULL);

  stmt = lt_store_prepare (store, klass->sql_all, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LtStoreListObjectRow row;

      fill_object_row (klass, stmt, &row);
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (store, error, _("Could not read the local database"));
      return FALSE;
    }
  return TRUE;
}

/* The default load_row of object rows: the row sql_one finds. */
static gboolean
object_rows_load_row (LtStoreList  *self,
                      LtStore      *store,
                      const char   *key,
                      gpointer      row,
                      gboolean     *found,
                      GError      **error)
{
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (store, klass->sql_one, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (*found)
    fill_object_row (klass, stmt, row);
  else if (rc != SQLITE_DONE)
    {
      lt_store_set_error (store, error, _("Could not read the local database"));
      return FALSE;
    }
  return TRUE;
}

/* GListModel ------------------------------------------------------------- */

static GType
lt_store_list_get_item_type (GListModel *model)
{
  return LT_STORE_LIST_GET_CLASS (model)->item_type;
}

static guint
lt_store_list_get_n_items (GListModel *model)
{
  LtStoreList *self = LT_STORE_LIST (model);
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);

  return n_visible (priv);
}

static gpointer
lt_store_list_get_item (GListModel *model,
                        guint       position)
{
  LtStoreList *self = LT_STORE_LIST (model);
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  guint index;

  if (position >= n_visible (priv))
    return NULL;

  index = priv->visible != NULL ? g_array_index (priv->visible, guint, position) : position;
  return klass->dup_item (self, ROW (priv, klass, index));
}

static void
lt_store_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = lt_store_list_get_item_type;
  iface->get_n_items = lt_store_list_get_n_items;
  iface->get_item = lt_store_list_get_item;
}

/* GObject ---------------------------------------------------------------- */

static void
lt_store_list_constructed (GObject *object)
{
  LtStoreList *self = LT_STORE_LIST (object);
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass = LT_STORE_LIST_GET_CLASS (self);
  g_autofree char *signal = g_strconcat ("changed::", klass->table, NULL);

  G_OBJECT_CLASS (lt_store_list_parent_class)->constructed (object);

  g_assert (klass->row_size > 0 && klass->table != NULL && klass->load_all != NULL &&
            klass->compare != NULL);

  /* Here, not in init: the class of the instance is the subclass's (and so
   * is the row size) only once construction has finished. */
  priv->rows = new_rows (self);
  g_return_if_fail (priv->store != NULL);
  g_signal_connect_object (priv->store, signal, G_CALLBACK (store_changed_cb), self, 0);
}

static void
lt_store_list_dispose (GObject *object)
{
  LtStoreList *self = LT_STORE_LIST (object);
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);

  free_rows (self, g_steal_pointer (&priv->rows));
  g_clear_pointer (&priv->visible, g_array_unref);
  g_clear_pointer (&priv->held_changes, g_array_unref);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (lt_store_list_parent_class)->dispose (object);
}

static void
lt_store_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LtStoreList *self = LT_STORE_LIST (object);
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_store_list_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LtStoreList *self = LT_STORE_LIST (object);
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static int
object_row_compare_default (LtStoreList   *self,
                            gconstpointer  a,
                            gconstpointer  b)
{
  return object_row_compare_pk (a, b);
}

static void
lt_store_list_class_init (LtStoreListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lt_store_list_constructed;
  object_class->dispose = lt_store_list_dispose;
  object_class->get_property = lt_store_list_get_property;
  object_class->set_property = lt_store_list_set_property;

  klass->row_size = sizeof (LtStoreListObjectRow);
  klass->item_type = G_TYPE_OBJECT;
  klass->load_all = object_rows_load_all;
  klass->load_row = object_rows_load_row;
  klass->compare = object_row_compare_default;
  klass->row_has_key = object_row_has_key;
  klass->dup_item = object_row_dup_item;
  klass->replace_row = object_row_replace;
  klass->clear_row = object_row_clear;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LT_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_store_list_init (LtStoreList *self)
{
}

/**
 * lt_store_list_get_store:
 * @self: a list
 *
 * Returns: (transfer none): the store it follows
 */
LtStore *
lt_store_list_get_store (LtStoreList *self)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);

  g_return_val_if_fail (LT_IS_STORE_LIST (self), NULL);

  return priv->store;
}

/**
 * lt_store_list_get_rows:
 * @self: a list
 *
 * Returns: (transfer none): every row in list order, filtered or not; for
 *   subclasses, which must not change it
 */
GArray *
lt_store_list_get_rows (LtStoreList *self)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);

  g_return_val_if_fail (LT_IS_STORE_LIST (self), NULL);

  return priv->rows;
}

/**
 * lt_store_list_hold_changes:
 * @self: a list
 *
 * From now on the store's changes are kept, in order, instead of being
 * applied: the list's rows are being read elsewhere (a worker thread on a
 * reader of the store), and a change committed while they are read may or
 * may not be in them. lt_store_list_take_rows() applies every held change
 * after the rows are in; a change already in the rows applies again
 * harmlessly, as the row is read afresh from the store.
 */
void
lt_store_list_hold_changes (LtStoreList *self)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);

  g_return_if_fail (LT_IS_STORE_LIST (self));

  if (priv->held_changes == NULL)
    {
      priv->held_changes = g_array_new (FALSE, FALSE, sizeof (HeldChange));
      g_array_set_clear_func (priv->held_changes, held_change_clear);
    }
}

/**
 * lt_store_list_get_holding_changes:
 * @self: a list
 *
 * Returns: whether changes are held (the rows are being read elsewhere)
 */
gboolean
lt_store_list_get_holding_changes (LtStoreList *self)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);

  g_return_val_if_fail (LT_IS_STORE_LIST (self), FALSE);

  return priv->held_changes != NULL;
}

/**
 * lt_store_list_take_rows:
 * @self: a list holding changes (lt_store_list_hold_changes())
 * @rows: (transfer full) (nullable): every row, read elsewhere, in any
 *   order; %NULL when reading them failed, leaving the list as it was
 *
 * Puts @rows in list order, replaces the list's rows with them (one
 * ::items-changed), then applies the changes held meanwhile, each with its
 * own ::items-changed, and follows the store directly again.
 */
void
lt_store_list_take_rows (LtStoreList *self,
                         GArray      *rows)
{
  LtStoreListPrivate *priv = lt_store_list_get_instance_private (self);
  LtStoreListClass *klass;
  g_autoptr(GArray) held = NULL;

  g_return_if_fail (LT_IS_STORE_LIST (self));
  g_return_if_fail (priv->held_changes != NULL);

  klass = LT_STORE_LIST_GET_CLASS (self);
  held = g_steal_pointer (&priv->held_changes);

  if (rows != NULL)
    {
      g_return_if_fail (g_array_get_element_size (rows) == klass->row_size);
      sort_rows (self, rows);
      replace_all (self, rows);
    }

  if (!follows_rows (klass) && held->len > 0)
    {
      g_autoptr(GError) error = NULL;

      /* Its rows change only as a whole: one reload covers them all. */
      if (!lt_store_list_load (self, &error))
        g_warning ("Could not reload %s: %s", klass->table, error->message);
    }
  else
    for (guint i = 0; i < held->len; i++)
      {
        HeldChange *change = &g_array_index (held, HeldChange, i);

        apply_change (self, change->kind, change->key);
      }

  if (klass->changes_done != NULL)
    klass->changes_done (self);
}
