/* lt-store-rows.c: what the persistence files share (column converters,
 * the keyed upsert of tickets and change notices)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-rows.h"
#include "lt-enums.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

/**
 * lt_store_column_enum:
 * @stmt: a statement on a row
 * @column: a column holding an enum nick (CHECKed by the schema)
 * @enum_type: the enum's GType
 * @fallback: the value for NULL or a nick this build does not know
 *
 * Returns: the value of the nick
 */
int
lt_store_column_enum (sqlite3_stmt *stmt,
                      int           column,
                      GType         enum_type,
                      int           fallback)
{
  const char *nick = lt_store_column_text (stmt, column);
  GEnumClass *klass;
  GEnumValue *value;

  if (nick == NULL)
    return fallback;

  /* Classes of static enum types live as long as the process once made;
   * peeking spares a ref and unref per column of every row read. */
  klass = g_type_class_peek (enum_type);
  if (klass == NULL)
    klass = g_type_class_ref (enum_type);
  value = g_enum_get_value_by_nick (klass, nick);
  return value != NULL ? value->value : fallback;
}

/**
 * lt_store_column_text_or_null:
 * @stmt: a statement on a row
 * @column: a NOT NULL DEFAULT '' text column
 *
 * The store writes a model's unset text (NULL) as '' where the column
 * requires text; reading it back gives NULL again.
 *
 * Returns: (nullable): the text, %NULL for none or ''
 */
const char *
lt_store_column_text_or_null (sqlite3_stmt *stmt,
                              int           column)
{
  const char *text = lt_store_column_text (stmt, column);

  return text != NULL && text[0] != '\0' ? text : NULL;
}

/**
 * lt_store_column_strv:
 * @stmt: a statement on a row
 * @column: a column holding a JSON array of strings
 *
 * Returns: (transfer full) (nullable): the strings; %NULL for an empty
 *   array, like the models store it
 */
char **
lt_store_column_strv (sqlite3_stmt *stmt,
                      int           column)
{
  const char *json = lt_store_column_text (stmt, column);
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) strings = NULL;
  JsonNode *root;
  JsonArray *array;

  /* Most rows hold "[]": not worth a parser. */
  if (json == NULL || g_str_equal (json, "[]"))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_ARRAY (root))
    return NULL;

  array = json_node_get_array (root);
  strings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_STRING)
        g_ptr_array_add (strings, g_strdup (json_node_get_string (element)));
    }
  if (strings->len == 0)
    return NULL;
  g_ptr_array_add (strings, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&strings), FALSE);
}

void
lt_store_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
lt_store_bind_enum (sqlite3_stmt *stmt,
                    int           index,
                    GType         enum_type,
                    int           value)
{
  sqlite3_bind_text (stmt, index, lt_enum_to_nick (enum_type, value), -1, SQLITE_STATIC);
}

/* An array of strings as the JSON the schema's json_valid() CHECKs;
 * NULL binds "[]". */
void
lt_store_bind_strv (sqlite3_stmt       *stmt,
                    int                 index,
                    const char * const *strv)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  sqlite3_bind_text (stmt, index, json_generator_to_data (generator, NULL), -1, g_free);
}

/* The pk of the row that @sql (one text parameter) finds; 0 when none. */
static gboolean
lookup_pk (LtStore     *store,
           const char  *sql,
           const char  *value,
           gint64      *pk,
           GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  *pk = 0;
  if (value == NULL)
    return TRUE;

  stmt = lt_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *pk = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      lt_store_set_error (store, error, _("Could not read the local database"));
      return FALSE;
    }
  return TRUE;
}

/* The local id of row @pk of @desc's table (NULL for a row the portal
 * sent first). Both keyed tables name it local_id. */
static gboolean
lookup_local_id (LtStore                  *store,
                 const LtStoreEntityDesc  *desc,
                 gint64                    pk,
                 char                    **local_id,
                 GError                  **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT local_id FROM %s WHERE pk = ?", desc->table);
  g_auto(LtCachedStmt) stmt = lt_store_prepare (store, sql, error);
  int rc;

  *local_id = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *local_id = g_strdup (lt_store_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      lt_store_set_error (store, error, _("Could not read the local database"));
      return FALSE;
    }
  return TRUE;
}

/* Runs @sql with ?1 = @a and ?2 = @b. */
static gboolean
run_pair (LtStore     *store,
          const char  *sql,
          gint64       a,
          gint64       b,
          GError     **error)
{
  g_auto(LtCachedStmt) stmt = lt_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  return lt_store_step_done (store, stmt, error);
}

/* The portal sent a row we also hold as a local one (filed here, then
 * synced before the outbox learnt its id): the portal's row takes over the
 * local row's children and local-only columns, and the local row goes. */
static gboolean
merge_local_row (LtStore                  *store,
                 const LtStoreEntityDesc  *desc,
                 gint64                    keep_pk,
                 gint64                    local_pk,
                 GError                  **error)
{
  if (desc->sql_adopt_children != NULL &&
      !run_pair (store, desc->sql_adopt_children, keep_pk, local_pk, error))
    return FALSE;
  if (!run_pair (store, desc->sql_adopt_columns, keep_pk, local_pk, error))
    return FALSE;

  {
    g_auto(LtCachedStmt) stmt = lt_store_prepare (store, desc->sql_delete, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, local_pk);
    if (!lt_store_step_done (store, stmt, error))
      return FALSE;
  }

  lt_store_record_change_pk (store, desc->table, LT_STORE_CHANGE_DELETED, local_pk);
  return TRUE;
}

/**
 * lt_store_upsert_keyed:
 * @store: the store
 * @desc: the table's statements
 * @object: the model, passed to @desc's bind function
 * @id: (nullable): the portal's id of @object
 * @local_id: (nullable): the local id of @object
 * @by_local_id: %TRUE to find the row by @local_id only (a draft saved
 *   here); %FALSE to find it by @id, then by @local_id (a sync)
 * @now: the write time
 * @pk_out: (out) (optional): the row's pk
 * @error: return location for an error
 *
 * Inserts or updates one row in its own savepoint and records the change.
 * An update that would not change any value of the model writes nothing
 * and records nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_upsert_keyed (LtStore                  *store,
                       const LtStoreEntityDesc  *desc,
                       gpointer                  object,
                       const char               *id,
                       const char               *local_id,
                       gboolean                  by_local_id,
                       GDateTime                *now,
                       gint64                   *pk_out,
                       GError                  **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  gint64 pk = 0;
  gint64 local_pk = 0;

  tx = lt_store_begin (store, error);
  if (tx == NULL)
    return FALSE;

  if (!by_local_id && !lookup_pk (store, desc->sql_pk_by_id, id, &pk, error))
    return FALSE;
  if (!lookup_pk (store, desc->sql_pk_by_local_id, local_id, &local_pk, error))
    return FALSE;

  /* A portal id already held by another ticket or notice filed here: the
   * portal gave one id to two things, and writing it would fold two rows
   * into one (only a row without a local id, pulled before the outbox
   * learnt the id, may be merged). */
  if (pk != 0 && local_id != NULL && !by_local_id)
    {
      g_autofree char *other = NULL;

      if (!lookup_local_id (store, desc, pk, &other, error))
        return FALSE;
      if (other != NULL && g_strcmp0 (other, local_id) != 0)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("The portal answered with “%s”, which already belongs to another item "
                         "filed here"), id);
          return FALSE;
        }
    }

  if (pk == 0)
    pk = local_pk;
  else if (local_pk != 0 && local_pk != pk &&
           !merge_local_row (store, desc, pk, local_pk, error))
    return FALSE;

  if (pk == 0)
    {
      g_auto(LtCachedStmt) stmt = lt_store_prepare (store, desc->sql_insert, error);

      if (stmt == NULL)
        return FALSE;
      desc->bind (stmt, object);
      lt_store_bind_instant (stmt, desc->n_columns + 1, now);
      if (!lt_store_step_done (store, stmt, error))
        return FALSE;
      pk = sqlite3_last_insert_rowid (lt_store_get_db (store));
      lt_store_record_change_pk (store, desc->table, LT_STORE_CHANGE_INSERTED, pk);
    }
  else
    {
      g_auto(LtCachedStmt) stmt = lt_store_prepare (store, desc->sql_update, error);

      if (stmt == NULL)
        return FALSE;
      desc->bind (stmt, object);
      lt_store_bind_instant (stmt, desc->n_columns + 1, now);
      sqlite3_bind_int64 (stmt, desc->n_columns + 2, pk);
      if (!lt_store_step_done (store, stmt, error))
        return FALSE;
      if (sqlite3_changes (lt_store_get_db (store)) > 0)
        lt_store_record_change_pk (store, desc->table, LT_STORE_CHANGE_UPDATED, pk);
    }

  if (!lt_store_transaction_commit (tx, error))
    return FALSE;
  if (pk_out != NULL)
    *pk_out = pk;
  return TRUE;
}

/**
 * lt_store_find_keyed:
 * @store: the store
 * @desc: the table's statements
 * @id: (nullable): the portal's id
 * @local_id: (nullable): the local id, tried when @id finds nothing
 * @pk: (out): the row's pk, 0 when there is none
 * @error: return location for an error
 *
 * Returns: %FALSE on a database error
 */
gboolean
lt_store_find_keyed (LtStore                  *store,
                     const LtStoreEntityDesc  *desc,
                     const char               *id,
                     const char               *local_id,
                     gint64                   *pk,
                     GError                  **error)
{
  if (!lookup_pk (store, desc->sql_pk_by_id, id, pk, error))
    return FALSE;
  if (*pk == 0 && !lookup_pk (store, desc->sql_pk_by_local_id, local_id, pk, error))
    return FALSE;
  return TRUE;
}

/**
 * lt_store_delete_keyed:
 * @store: the store
 * @desc: the table's statements
 * @id: (nullable): the portal's id
 * @local_id: (nullable): the local id, tried when @id finds nothing
 * @error: return location for an error
 *
 * Deletes the row (children go with it: ON DELETE CASCADE) and records the
 * change.
 *
 * Returns: %TRUE on success; %FALSE with LT_ERROR_NOT_FOUND when there is
 *   no such row
 */
gboolean
lt_store_delete_keyed (LtStore                  *store,
                       const LtStoreEntityDesc  *desc,
                       const char               *id,
                       const char               *local_id,
                       GError                  **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  gint64 pk;

  if (!lt_store_find_keyed (store, desc, id, local_id, &pk, error))
    return FALSE;
  if (pk == 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("“%s” is not in the local database"), id != NULL ? id : local_id);
      return FALSE;
    }

  stmt = lt_store_prepare (store, desc->sql_delete, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pk);
  if (!lt_store_step_done (store, stmt, error))
    return FALSE;

  lt_store_record_change_pk (store, desc->table, LT_STORE_CHANGE_DELETED, pk);
  return TRUE;
}

/**
 * lt_store_load_one:
 * @store: the store
 * @sql: a SELECT with one parameter
 * @value: its value (text)
 * @new_from_row: builds the object from the row
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the object of the first row; %NULL
 *   with LT_ERROR_NOT_FOUND when there is none
 */
gpointer
lt_store_load_one (LtStore          *store,
                   const char       *sql,
                   const char       *value,
                   LtStoreNewFromRow new_from_row,
                   GError          **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return new_from_row (stmt);
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (store, error, _("Could not read the local database"));
      return NULL;
    }

  g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
               _("“%s” is not in the local database"), value);
  return NULL;
}

/**
 * lt_store_load_all:
 * @store: the store
 * @sql: a SELECT without parameters
 * @new_from_row: builds an object from a row
 * @error: return location for an error
 *
 * Returns: (transfer full) (element-type GObject): the objects, in the
 *   order of @sql; %NULL on error
 */
GPtrArray *
lt_store_load_all (LtStore           *store,
                   const char        *sql,
                   LtStoreNewFromRow  new_from_row,
                   GError           **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  stmt = lt_store_prepare (store, sql, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (objects, new_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (store, error, _("Could not read the local database"));
      return NULL;
    }
  return g_steal_pointer (&objects);
}
