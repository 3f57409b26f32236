/* lt-store-redaction-map.c: the profile's redaction map, kept by kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-redaction-map.h"
#include "lt-error.h"
#include "lt-json.h"
#include "lt-store-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#define TABLE "redaction_map"

static int
compare_kinds (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * lt_store_load_redaction_map:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type utf8 utf8): the JSON document of
 *   every kind saved, keyed by kind; empty for a profile that has none
 */
GHashTable *
lt_store_load_redaction_map (LtStore  *self,
                             GError  **error)
{
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = lt_store_prepare (self, "SELECT kind, entries FROM " TABLE " ORDER BY kind", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (documents, g_strdup (lt_store_column_text (stmt, 0)),
                         g_strdup (lt_store_column_text (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the redaction map"));
      return NULL;
    }
  return g_steal_pointer (&documents);
}

/**
 * lt_store_save_redaction_map:
 * @self: a store
 * @documents: (element-type utf8 utf8): a JSON document per kind
 * @now: when
 * @error: return location for a #GError
 *
 * Replaces the whole map with @documents, in one transaction: a kind not
 * in @documents is removed. A document that is not JSON is refused
 * (%LT_ERROR_STORE) and nothing is changed.
 *
 * Returns: %TRUE when saved
 */
gboolean
lt_store_save_redaction_map (LtStore     *self,
                             GHashTable  *documents,
                             GDateTime   *now,
                             GError     **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_auto(LtCachedStmt) insert = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autofree gpointer *kinds = NULL;
  guint n_kinds = 0;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (documents != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tx = lt_store_begin (self, error);
  if (tx == NULL || (before = lt_store_load_redaction_map (self, error)) == NULL)
    return FALSE;
  if (!lt_store_exec (self, "DELETE FROM " TABLE, error))
    return FALSE;
  insert = lt_store_prepare (self,
                             "INSERT INTO " TABLE " (kind, entries, updated_at) VALUES (?, ?, ?)",
                             error);
  if (insert == NULL)
    return FALSE;

  /* In the order of the kinds, so that the file does not depend on the
   * hash table's. */
  kinds = g_hash_table_get_keys_as_array (documents, &n_kinds);
  qsort (kinds, n_kinds, sizeof (gpointer), compare_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      const char *entries = g_hash_table_lookup (documents, kinds[i]);

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, kinds[i], -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert, 2, entries, -1, SQLITE_TRANSIENT);
      lt_store_bind_instant (insert, 3, now);
      if (!lt_store_step_done (self, insert, error))
        {
          g_prefix_error (error, _("Could not save the redaction map of “%s”: "),
                          (const char *) kinds[i]);
          return FALSE;
        }
      lt_store_record_change (self, TABLE,
                              g_hash_table_contains (before, kinds[i])
                                ? LT_STORE_CHANGE_UPDATED : LT_STORE_CHANGE_INSERTED,
                              kinds[i]);
    }
  g_free (kinds);
  kinds = g_hash_table_get_keys_as_array (before, &n_kinds);
  qsort (kinds, n_kinds, sizeof (gpointer), compare_kinds);
  for (guint i = 0; i < n_kinds; i++)
    if (!g_hash_table_contains (documents, kinds[i]))
      lt_store_record_change (self, TABLE, LT_STORE_CHANGE_DELETED, kinds[i]);
  return lt_store_transaction_commit (tx, error);
}

/**
 * lt_store_dup_redaction_map:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the profile's map, empty when it
 *   has none
 */
LtRedactionMap *
lt_store_dup_redaction_map (LtStore  *self,
                            GError  **error)
{
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree gpointer *kinds = NULL;
  guint n_kinds = 0;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  documents = lt_store_load_redaction_map (self, error);
  if (documents == NULL)
    return NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "tables");
  json_builder_begin_object (builder);
  kinds = g_hash_table_get_keys_as_array (documents, &n_kinds);
  qsort (kinds, n_kinds, sizeof (gpointer), compare_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      const char *text = g_hash_table_lookup (documents, kinds[i]);
      g_autoptr(LtJsonDocument) document = NULL;

      document = lt_json_document_parse (text, strlen (text), LT_JSON_MAX_DEPTH, error);
      if (document == NULL)
        {
          g_prefix_error (error, _("The redaction map of “%s”: "), (const char *) kinds[i]);
          return NULL;
        }
      json_builder_set_member_name (builder, kinds[i]);
      json_builder_add_value (builder, json_node_copy (lt_json_document_get_root (document)));
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return lt_redaction_map_new_from_json (root, error);
}

/**
 * lt_store_set_redaction_map:
 * @self: a store
 * @map: the map to keep, whole
 * @now: when
 * @error: return location for a #GError
 *
 * Returns: %TRUE when saved
 */
gboolean
lt_store_set_redaction_map (LtStore         *self,
                            LtRedactionMap  *map,
                            GDateTime       *now,
                            GError         **error)
{
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *tables;
  g_autoptr(GList) names = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_REDACTION_MAP (map), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  root = lt_redaction_map_to_json (map);
  tables = json_object_get_object_member (json_node_get_object (root), "tables");
  names = json_object_get_members (tables);
  for (GList *l = names; l != NULL; l = l->next)
    g_hash_table_insert (documents, g_strdup (l->data),
                         json_to_string (json_object_get_member (tables, l->data), FALSE));

  return lt_store_save_redaction_map (self, documents, now, error);
}
