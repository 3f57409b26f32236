/* lt-release-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-release-list.h"
#include "lt-store-documents.h"
#include "lt-error.h"

struct _LtReleaseList
{
  LtStoreList parent_instance;
};

G_DEFINE_FINAL_TYPE (LtReleaseList, lt_release_list, LT_TYPE_STORE_LIST)

/* The cached catalog, or the bundled one before the first refresh: the app
 * always has a catalog to judge versions by (R2). */
static gboolean
lt_release_list_load_all (LtStoreList  *list,
                          LtStore      *store,
                          GArray       *rows,
                          GError      **error)
{
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n;

  catalog = lt_store_load_release_catalog (store, &local_error);
  if (catalog == NULL)
    {
      if (!g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      catalog = lt_release_catalog_new_default (error);
      if (catalog == NULL)
        return FALSE;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (catalog));
  for (guint i = 0; i < n; i++)
    {
      LtStoreListObjectRow row;
      LtRelease *release = g_list_model_get_item (G_LIST_MODEL (catalog), i);

      row.key = g_strdup (lt_version_to_string (lt_release_get_version (release)));
      row.pk = i;
      row.object = G_OBJECT (release);
      g_array_append_val (rows, row);
    }
  return TRUE;
}

/* Newest version first; versions are unique in a catalog (R1 equality). */
static int
lt_release_list_compare (LtStoreList   *list,
                         gconstpointer  a,
                         gconstpointer  b)
{
  const LtStoreListObjectRow *ra = a;
  const LtStoreListObjectRow *rb = b;

  return lt_version_compare (lt_release_get_version (LT_RELEASE (rb->object)),
                             lt_release_get_version (LT_RELEASE (ra->object)));
}

static void
lt_release_list_class_init (LtReleaseListClass *klass)
{
  LtStoreListClass *list_class = LT_STORE_LIST_CLASS (klass);

  list_class->item_type = LT_TYPE_RELEASE;
  list_class->table = "documents";
  list_class->only_key = LT_STORE_DOCUMENT_RELEASES;
  list_class->load_all = lt_release_list_load_all;
  list_class->compare = lt_release_list_compare;
}

static void
lt_release_list_init (LtReleaseList *self)
{
}

/**
 * lt_release_list_new:
 * @store: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the releases; %NULL when neither
 *   the cached nor the bundled catalog could be read
 */
LtReleaseList *
lt_release_list_new (LtStore  *store,
                     GError  **error)
{
  return lt_store_list_new_loaded (LT_TYPE_RELEASE_LIST, store, error);
}
