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
 * lt_store_get_redaction_map:
 * @self: a store
 * @error: return location for a #GError
 *
 * Reads the profile's map: each row is one table of
 * lt_redaction_map_to_json(), put together and read by the engine, which
 * refuses a table it does not know (%LT_ERROR_INVALID_DATA, with the JSON
 * path of the bad member).
 *
 * Returns: (transfer full): the map, empty for a profile without one
 */
LtRedactionMap *
lt_store_get_redaction_map (LtStore  *self,
                            GError  **error)
{
  g_autoptr(GHashTable) documents = NULL;
  g_autoptr(JsonObject) tables = json_object_new ();
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree gpointer *kinds = NULL;
  guint n_kinds = 0;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  documents = lt_store_load_redaction_map (self, error);
  if (documents == NULL)
    return NULL;
  kinds = g_hash_table_get_keys_as_array (documents, &n_kinds);
  qsort (kinds, n_kinds, sizeof (gpointer), compare_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      const char *text = g_hash_table_lookup (documents, kinds[i]);
      g_autoptr(LtJsonDocument) doc = NULL;
      g_autoptr(GError) local_error = NULL;

      doc = lt_json_document_parse (text, strlen (text), LT_JSON_MAX_DEPTH, &local_error);
      if (doc == NULL)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("The redaction map of “%s” cannot be read: %s"),
                       (const char *) kinds[i], local_error->message);
          return NULL;
        }
      json_object_set_member (tables, kinds[i], json_node_copy (lt_json_document_get_root (doc)));
    }
  json_object_set_int_member (root, "version", 1);
  json_object_set_object_member (root, "tables", g_steal_pointer (&tables));
  node = json_node_init_object (json_node_alloc (), root);
  return lt_redaction_map_new_from_json (node, error);
}

/**
 * lt_store_set_redaction_map:
 * @self: a store
 * @map: the map to keep
 * @now: when
 * @error: return location for a #GError
 *
 * Saves @map as the profile's, one row per table, in one transaction
 * (lt_store_save_redaction_map()).
 *
 * Returns: %TRUE when saved
 */
gboolean
lt_store_set_redaction_map (LtStore         *self,
                            LtRedactionMap  *map,
                            GDateTime       *now,
                            GError         **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *tables;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_REDACTION_MAP (map), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  node = lt_redaction_map_to_json (map);
  tables = json_object_get_object_member (json_node_get_object (node), "tables");
  members = json_object_get_members (tables);
  for (GList *l = members; l != NULL; l = l->next)
    {
      g_autoptr(JsonGenerator) gen = json_generator_new ();

      json_generator_set_root (gen, json_object_get_member (tables, l->data));
      g_hash_table_insert (documents, g_strdup (l->data), json_generator_to_data (gen, NULL));
    }
  return lt_store_save_redaction_map (self, documents, now, error);
}

/* ---- the admin's keywords ------------------------------------------------- */

#define KEYWORDS "redaction_keywords"

void
lt_redaction_keyword_free (LtRedactionKeyword *keyword)
{
  if (keyword == NULL)
    return;
  g_free (keyword->text);
  g_free (keyword);
}

/**
 * lt_store_list_redaction_keywords:
 * @self: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type LtRedactionKeyword): the
 *   profile's keywords, words first, each group in byte order
 */
GPtrArray *
lt_store_list_redaction_keywords (LtStore  *self,
                                  GError  **error)
{
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_redaction_keyword_free);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = lt_store_prepare (self, "SELECT text, pattern FROM " KEYWORDS " ORDER BY pattern, text", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LtRedactionKeyword *keyword = g_new0 (LtRedactionKeyword, 1);

      keyword->text = g_strdup (lt_store_column_text (stmt, 0));
      keyword->pattern = sqlite3_column_int (stmt, 1) != 0;
      g_ptr_array_add (keywords, keyword);
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the redaction keywords"));
      return NULL;
    }
  return g_steal_pointer (&keywords);
}

/**
 * lt_store_add_redaction_keyword:
 * @self: a store
 * @text: a word, or a regular expression
 * @pattern: whether @text is a regular expression
 * @now: when
 * @error: return location for a #GError
 *
 * Adds one of the admin's keywords. A pattern is compiled with GRegex
 * first, as the redaction engine will compile it, so that a pattern that
 * would make every later bundle fail is refused when it is typed.
 *
 * Returns: %TRUE when it is saved (or was there already)
 */
gboolean
lt_store_add_redaction_keyword (LtStore     *self,
                                const char  *text,
                                gboolean     pattern,
                                GDateTime   *now,
                                GError     **error)
{
  g_autofree char *stripped = NULL;
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0' || !g_utf8_validate (stripped, -1, NULL))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   pattern ? _("A redaction pattern cannot be empty")
                           : _("A redaction keyword cannot be empty"));
      return FALSE;
    }
  if (pattern)
    {
      g_autoptr(GRegex) regex = NULL;
      g_autoptr(GError) local_error = NULL;

      regex = g_regex_new (stripped, G_REGEX_OPTIMIZE, 0, &local_error);
      if (regex == NULL)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("“%s” is not a valid regular expression: %s"),
                       stripped, local_error->message);
          return FALSE;
        }
    }

  stmt = lt_store_prepare (self,
                           "INSERT INTO " KEYWORDS " (text, pattern, added_at) VALUES (?, ?, ?)"
                           " ON CONFLICT DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, pattern ? 1 : 0);
  lt_store_bind_instant (stmt, 3, now);
  if (!lt_store_step_done (self, stmt, error))
    {
      g_prefix_error (error, _("Could not save the redaction keyword “%s”: "), stripped);
      return FALSE;
    }
  if (sqlite3_changes (lt_store_get_db (self)) > 0)
    lt_store_record_change (self, KEYWORDS, LT_STORE_CHANGE_INSERTED, stripped);
  return TRUE;
}

/**
 * lt_store_remove_redaction_keyword:
 * @self: a store
 * @text: the word or pattern, as listed
 * @error: return location for a #GError
 *
 * Returns: %TRUE when a keyword was removed; %LT_ERROR_NOT_FOUND when the
 *   profile has none written @text
 */
gboolean
lt_store_remove_redaction_keyword (LtStore     *self,
                                   const char  *text,
                                   GError     **error)
{
  g_autofree char *stripped = NULL;
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  stmt = lt_store_prepare (self, "DELETE FROM " KEYWORDS " WHERE text = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_TRANSIENT);
  if (!lt_store_step_done (self, stmt, error))
    {
      g_prefix_error (error, _("Could not remove the redaction keyword “%s”: "), stripped);
      return FALSE;
    }
  if (sqlite3_changes (lt_store_get_db (self)) == 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("There is no redaction keyword “%s”"), stripped);
      return FALSE;
    }
  lt_store_record_change (self, KEYWORDS, LT_STORE_CHANGE_DELETED, stripped);
  return TRUE;
}
