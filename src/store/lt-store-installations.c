/* lt-store-installations.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store-installations"

#include "config.h"

#include "lt-store-installations.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-store-private.h"

#include <glib/gi18n-lib.h>

#define TABLE "installations"

#define COLUMNS \
  "id, name, host, detection, location, detected_version, detected_at, note"

/* Names compare without case for uniqueness and sorting ("Prod" and
 * "prod" are the same server to a person); the exact name and the id
 * break ties, so the order is total and the same on every query. */
#define ORDER "ORDER BY name COLLATE NOCASE, name, id"

typedef struct
{
  LtInstallation *installation;
  /* The name the row had when it was placed: the model's items can be
   * edited by their holders, and the position follows the stored name. */
  char           *sort_name;
} Entry;

struct _LtStoreInstallations
{
  GObject    parent_instance;

  /* Owned */
  LtStore   *store;
  GPtrArray *entries;   /* of Entry, in ORDER */

  gulong     changed_id;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtStoreInstallations, lt_store_installations, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->installation);
  g_clear_pointer (&entry->sort_name, g_free);
  g_free (entry);
}

static Entry *
entry_new (LtInstallation *installation)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->installation = g_object_ref (installation);
  entry->sort_name = g_strdup (lt_installation_get_name (installation));
  return entry;
}

static GType
get_item_type (GListModel *model)
{
  return LT_TYPE_INSTALLATION;
}

static guint
get_n_items (GListModel *model)
{
  LtStoreInstallations *self = LT_STORE_INSTALLATIONS (model);

  return self->entries->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  LtStoreInstallations *self = LT_STORE_INSTALLATIONS (model);
  Entry *entry;

  if (position >= self->entries->len)
    return NULL;
  entry = g_ptr_array_index (self->entries, position);
  return g_object_ref (entry->installation);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
lt_store_installations_dispose (GObject *object)
{
  LtStoreInstallations *self = (LtStoreInstallations *) object;

  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lt_store_installations_parent_class)->dispose (object);
}

static void
lt_store_installations_finalize (GObject *object)
{
  LtStoreInstallations *self = (LtStoreInstallations *) object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (lt_store_installations_parent_class)->finalize (object);
}

static void
lt_store_installations_class_init (LtStoreInstallationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_store_installations_dispose;
  object_class->finalize = lt_store_installations_finalize;
}

static void
lt_store_installations_init (LtStoreInstallations *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
}

/* ------------------------------------------------------------------ */
/* Reading rows                                                         */

/* @stmt is positioned on a row selected with COLUMNS. */
static LtInstallation *
installation_new_from_row (sqlite3_stmt  *stmt,
                           GError       **error)
{
  g_autoptr(LtInstallation) installation = g_object_new (LT_TYPE_INSTALLATION, NULL);
  g_autoptr(GDateTime) detected_at = lt_store_column_instant (stmt, 6);
  const char *detection = lt_store_column_text (stmt, 3);
  const char *note = lt_store_column_text (stmt, 7);
  int method;

  /* The schema CHECKs the method; this only fires on a file edited by hand. */
  if (!lt_enum_from_nick (LT_TYPE_DETECTION_METHOD, detection ? detection : "", &method, error))
    {
      g_prefix_error (error, "installations.detection: ");
      return NULL;
    }

  lt_installation_set_id (installation, lt_store_column_text (stmt, 0));
  lt_installation_set_name (installation, lt_store_column_text (stmt, 1));
  lt_installation_set_host (installation, lt_store_column_text (stmt, 2));
  lt_installation_set_detection_method (installation, method);
  lt_installation_set_location (installation, lt_store_column_text (stmt, 4));
  lt_installation_set_detected_version (installation, lt_store_column_text (stmt, 5));
  lt_installation_set_detected_at (installation, detected_at);
  /* The column is NOT NULL with '' for "no note"; the model says NULL. */
  lt_installation_set_note (installation, note != NULL && note[0] != '\0' ? note : NULL);

  return g_steal_pointer (&installation);
}

static GPtrArray *
query_all (LtStoreInstallations  *self,
           GError               **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (self->store, "SELECT " COLUMNS " FROM installations " ORDER, error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LtInstallation *installation = installation_new_from_row (stmt, error);

      if (installation == NULL)
        return NULL;
      g_ptr_array_add (rows, installation);
    }

  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self->store, error, _("Could not read the installations"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* ------------------------------------------------------------------ */
/* Following the store                                                  */

static void
copy_installation (LtInstallation *to,
                   LtInstallation *from)
{
  /* Through the setters, which notify only for values that really
   * changed, so a view bound to the item redraws only what it must. */
  g_object_freeze_notify (G_OBJECT (to));
  lt_installation_set_name (to, lt_installation_get_name (from));
  lt_installation_set_host (to, lt_installation_get_host (from));
  lt_installation_set_detection_method (to, lt_installation_get_detection_method (from));
  lt_installation_set_location (to, lt_installation_get_location (from));
  lt_installation_set_detected_version (to, lt_installation_get_detected_version (from));
  lt_installation_set_detected_at (to, lt_installation_get_detected_at (from));
  lt_installation_set_note (to, lt_installation_get_note (from));
  g_object_thaw_notify (G_OBJECT (to));
}

static gboolean
entry_is_stale (Entry      *entry,
                GHashTable *rows_by_id)
{
  LtInstallation *row = g_hash_table_lookup (rows_by_id,
                                             lt_installation_get_id (entry->installation));

  /* Gone, or renamed: a new name may mean a new place in the order. */
  return row == NULL || g_strcmp0 (entry->sort_name, lt_installation_get_name (row)) != 0;
}

/* Brings the entries to @rows (in ORDER) with the fewest, exact
 * items-changed: runs of removed rows, then runs of inserted rows; rows
 * that stay are updated in place (property notifications only). A renamed
 * row is removed and inserted again at its new place, as the same object,
 * so a selection or a binding holding it stays valid. */
static void
apply_rows (LtStoreInstallations *self,
            GPtrArray            *rows)
{
  g_autoptr(GHashTable) rows_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) moving = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                        NULL, g_object_unref);
  guint i, position, run_start, run_length;

  for (i = 0; i < rows->len; i++)
    {
      LtInstallation *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (rows_by_id, (gpointer) lt_installation_get_id (row), row);
    }

  /* 1. Removals, from the end so earlier positions stay valid, one
   * emission per run of adjacent rows. */
  i = self->entries->len;
  while (i > 0)
    {
      guint end;

      if (!entry_is_stale (g_ptr_array_index (self->entries, i - 1), rows_by_id))
        {
          i--;
          continue;
        }

      end = i;
      while (i > 0 && entry_is_stale (g_ptr_array_index (self->entries, i - 1), rows_by_id))
        {
          Entry *entry = g_ptr_array_index (self->entries, i - 1);
          const char *id = lt_installation_get_id (entry->installation);

          if (g_hash_table_contains (rows_by_id, id))
            g_hash_table_insert (moving, (gpointer) id, g_object_ref (entry->installation));
          i--;
        }
      g_ptr_array_remove_range (self->entries, i, end - i);
      g_list_model_items_changed (G_LIST_MODEL (self), i, end - i, 0);
    }

  /* 2. What is left keeps its name, so it is in the same relative order as
   * in @rows; walk both and insert what is missing. */
  position = 0;
  run_start = 0;
  run_length = 0;
  for (i = 0; i < rows->len; i++)
    {
      LtInstallation *row = g_ptr_array_index (rows, i);
      const char *id = lt_installation_get_id (row);
      Entry *entry = position < self->entries->len
        ? g_ptr_array_index (self->entries, position) : NULL;

      if (entry != NULL && g_strcmp0 (lt_installation_get_id (entry->installation), id) == 0)
        {
          if (run_length > 0)
            {
              g_list_model_items_changed (G_LIST_MODEL (self), run_start, 0, run_length);
              run_length = 0;
            }
          copy_installation (entry->installation, row);
          position++;
          continue;
        }

      {
        LtInstallation *existing = g_hash_table_lookup (moving, id);

        if (existing != NULL)
          copy_installation (existing, row);
        if (run_length == 0)
          run_start = position;
        g_ptr_array_insert (self->entries, (int) position,
                            entry_new (existing != NULL ? existing : row));
        run_length++;
        position++;
      }
    }
  if (run_length > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), run_start, 0, run_length);

  g_assert (position == self->entries->len);
}

/**
 * lt_store_installations_refresh:
 * @self: the installations
 * @error: return location for an error
 *
 * Reads the installations again and updates the model with precise
 * items-changed. Writes made through any LtStoreInstallations or store
 * module of the same LtStore are followed without this; call it for
 * writes by another process (the command line while the app runs).
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_installations_refresh (LtStoreInstallations  *self,
                                GError               **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (LT_IS_STORE_INSTALLATIONS (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  rows = query_all (self, error);
  if (rows == NULL)
    return FALSE;

  g_object_ref (self);
  apply_rows (self, rows);
  g_object_unref (self);
  return TRUE;
}

static void
store_changed_cb (LtStore              *store,
                  const char           *table,
                  LtStoreChangeKind     kind,
                  const char           *key,
                  LtStoreInstallations *self)
{
  g_autoptr(GError) error = NULL;

  /* The few rows are read again whole: simpler than applying each change,
   * and it takes in every row of the commit at the first emission (the
   * following ones then find nothing to change). */
  if (!lt_store_installations_refresh (self, &error))
    g_warning ("Could not follow a change of installation %s: %s", key, error->message);
}

/**
 * lt_store_installations_new:
 * @store: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the installations of @store, read
 *   now and followed from then on
 */
LtStoreInstallations *
lt_store_installations_new (LtStore  *store,
                            GError  **error)
{
  g_autoptr(LtStoreInstallations) self = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (LT_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (LT_TYPE_STORE_INSTALLATIONS, NULL);
  self->store = g_object_ref (store);

  rows = query_all (self, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (self->entries, entry_new (g_ptr_array_index (rows, i)));

  self->changed_id = g_signal_connect (store, "changed::" TABLE,
                                       G_CALLBACK (store_changed_cb), self);
  return g_steal_pointer (&self);
}

/**
 * lt_store_installations_get_store:
 *
 * Returns: (transfer none): the store
 */
LtStore *
lt_store_installations_get_store (LtStoreInstallations *self)
{
  g_return_val_if_fail (LT_IS_STORE_INSTALLATIONS (self), NULL);

  return self->store;
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */

/* Another installation (not @id) already uses @name, compared without
 * case: two servers called "Prod" and "prod" could not be told apart by
 * name on the command line. */
static gboolean
check_name_free (LtStoreInstallations  *self,
                 const char            *name,
                 const char            *id,
                 GError               **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (self->store,
                           "SELECT 1 FROM installations "
                           "WHERE name = ?1 COLLATE NOCASE AND id <> ?2 LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("There is already an installation named “%s”"), name);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self->store, error, _("Could not read the installations"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_writable (LtStoreInstallations  *self,
                LtInstallation        *installation,
                GError               **error)
{
  const char *id = lt_installation_get_id (installation);

  if (id == NULL || !g_uuid_string_is_valid (id))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a UUID; an installation’s id must be one "
                     "(lt_installation_new() makes one)"),
                   id != NULL ? id : "");
      return FALSE;
    }

  return lt_installation_validate (installation, error) &&
         check_name_free (self, lt_installation_get_name (installation), id, error);
}

static void
bind_installation (sqlite3_stmt   *stmt,
                   LtInstallation *installation,
                   GDateTime      *now)
{
  const char *note = lt_installation_get_note (installation);
  LtDetectionMethod method = lt_installation_get_detection_method (installation);

  sqlite3_bind_text (stmt, 1, lt_installation_get_id (installation), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lt_installation_get_name (installation), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, lt_installation_get_host (installation), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, lt_enum_to_nick (LT_TYPE_DETECTION_METHOD, method), -1,
                     SQLITE_STATIC);
  /* Manual entry has no location; a stale one left on the model after
   * switching the method is not kept. */
  sqlite3_bind_text (stmt, 5,
                     method == LT_DETECTION_METHOD_MANUAL ? NULL : lt_installation_get_location (installation),
                     -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, lt_installation_get_detected_version (installation), -1,
                     SQLITE_TRANSIENT);
  lt_store_bind_instant (stmt, 7, lt_installation_get_detected_at (installation));
  sqlite3_bind_text (stmt, 8, note != NULL ? note : "", -1, SQLITE_TRANSIENT);
  lt_store_bind_instant (stmt, 9, now);
}

/**
 * lt_store_installations_add:
 * @self: the installations
 * @installation: a new installation (lt_installation_new())
 * @now: the current time, recorded as when the row was created
 * @error: return location for an error
 *
 * Stores @installation after lt_installation_validate(). The name must not
 * be used by another installation (compared without case).
 * The model shows the new row once the write is committed (at once, or
 * when the caller's transaction commits).
 *
 * Returns: %TRUE on success; %LT_ERROR_INVALID_INPUT for an installation
 *   that does not validate, a name in use or an id that exists already
 */
gboolean
lt_store_installations_add (LtStoreInstallations  *self,
                            LtInstallation        *installation,
                            GDateTime             *now,
                            GError               **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE_INSTALLATIONS (self), FALSE);
  g_return_val_if_fail (LT_IS_INSTALLATION (installation), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* One transaction: the name check and the insert must see the same
   * table, even with the app and the command line writing at once. */
  tx = lt_store_begin (self->store, error);
  if (tx == NULL)
    return FALSE;

  if (!check_writable (self, installation, error))
    return FALSE;

  stmt = lt_store_prepare (self->store,
                           "INSERT INTO installations (" COLUMNS ", created_at, updated_at) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) "
                           "ON CONFLICT (id) DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;

  bind_installation (stmt, installation, now);
  if (!lt_store_step_done (self->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (lt_store_get_db (self->store)) != 1)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("There is already an installation with the id “%s”"),
                   lt_installation_get_id (installation));
      return FALSE;
    }

  lt_store_record_change (self->store, TABLE, LT_STORE_CHANGE_INSERTED,
                          lt_installation_get_id (installation));
  return lt_store_transaction_commit (tx, error);
}

/**
 * lt_store_installations_update:
 * @self: the installations
 * @installation: an installation that is stored, with its new values
 * @now: the current time, recorded as when the row was updated
 * @error: return location for an error
 *
 * Writes every field of @installation to its row (found by id), with the
 * checks of lt_store_installations_add().
 *
 * Returns: %TRUE on success; %LT_ERROR_NOT_FOUND when no installation has
 *   that id
 */
gboolean
lt_store_installations_update (LtStoreInstallations  *self,
                               LtInstallation        *installation,
                               GDateTime             *now,
                               GError               **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE_INSTALLATIONS (self), FALSE);
  g_return_val_if_fail (LT_IS_INSTALLATION (installation), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tx = lt_store_begin (self->store, error);
  if (tx == NULL)
    return FALSE;

  if (!check_writable (self, installation, error))
    return FALSE;

  stmt = lt_store_prepare (self->store,
                           "UPDATE installations SET name = ?2, host = ?3, detection = ?4, "
                           "  location = ?5, detected_version = ?6, detected_at = ?7, "
                           "  note = ?8, updated_at = ?9 "
                           "WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;

  bind_installation (stmt, installation, now);
  if (!lt_store_step_done (self->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (lt_store_get_db (self->store)) != 1)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("There is no installation “%s”"), lt_installation_get_id (installation));
      return FALSE;
    }

  lt_store_record_change (self->store, TABLE, LT_STORE_CHANGE_UPDATED,
                          lt_installation_get_id (installation));
  return lt_store_transaction_commit (tx, error);
}

/**
 * lt_store_installations_remove:
 * @self: the installations
 * @id: the installation's id
 * @error: return location for an error
 *
 * Deletes the installation. Tickets name installations by text, so they
 * keep what they were filed with.
 *
 * Returns: %TRUE on success; %LT_ERROR_NOT_FOUND when no installation has
 *   that id
 */
gboolean
lt_store_installations_remove (LtStoreInstallations  *self,
                               const char            *id,
                               GError               **error)
{
  g_auto(LtCachedStmt) stmt = NULL;

  g_return_val_if_fail (LT_IS_STORE_INSTALLATIONS (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = lt_store_prepare (self->store, "DELETE FROM installations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
  if (!lt_store_step_done (self->store, stmt, error))
    return FALSE;
  if (sqlite3_changes (lt_store_get_db (self->store)) != 1)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("There is no installation “%s”"), id);
      return FALSE;
    }

  /* Outside a caller's transaction the DELETE committed by itself and
   * this emits at once. */
  lt_store_record_change (self->store, TABLE, LT_STORE_CHANGE_DELETED, id);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Looking up                                                           */

/* The rows matching @sql with @value bound to ?1. */
static GPtrArray *
query_matching (LtStoreInstallations  *self,
                const char            *sql,
                const char            *value,
                GError               **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (self->store, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LtInstallation *installation = installation_new_from_row (stmt, error);

      if (installation == NULL)
        return NULL;
      g_ptr_array_add (rows, installation);
    }

  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self->store, error, _("Could not read the installations"));
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/**
 * lt_store_installations_lookup:
 * @self: the installations
 * @id: an installation's id
 * @error: return location for an error
 *
 * Reads one installation from the store. The object is new, not the
 * model's item: the caller may change it and pass it to
 * lt_store_installations_update() without the list showing unsaved values.
 *
 * Returns: (transfer full) (nullable): the installation; %NULL with
 *   %LT_ERROR_NOT_FOUND when there is none
 */
LtInstallation *
lt_store_installations_lookup (LtStoreInstallations  *self,
                               const char            *id,
                               GError               **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (LT_IS_STORE_INSTALLATIONS (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  rows = query_matching (self, "SELECT " COLUMNS " FROM installations WHERE id = ?1", id, error);
  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("There is no installation “%s”"), id);
      return NULL;
    }
  return g_object_ref (g_ptr_array_index (rows, 0));
}

/**
 * lt_store_installations_find:
 * @self: the installations
 * @id_or_name: an installation's id, or its name (compared without case)
 * @error: return location for an error
 *
 * What the command line accepts where it needs one installation: the id
 * wins, then the name. Like lt_store_installations_lookup(), the object
 * is new.
 *
 * Returns: (transfer full) (nullable): the installation; %NULL with
 *   %LT_ERROR_NOT_FOUND when none matches, or %LT_ERROR_INVALID_INPUT when
 *   several have that name (possible in a file written before names were
 *   kept unique)
 */
LtInstallation *
lt_store_installations_find (LtStoreInstallations  *self,
                             const char            *id_or_name,
                             GError               **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) local_error = NULL;
  LtInstallation *found;

  g_return_val_if_fail (LT_IS_STORE_INSTALLATIONS (self), NULL);
  g_return_val_if_fail (id_or_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  found = lt_store_installations_lookup (self, id_or_name, &local_error);
  if (found != NULL)
    return found;
  if (!g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  rows = query_matching (self,
                         "SELECT " COLUMNS " FROM installations "
                         "WHERE name = ?1 COLLATE NOCASE " ORDER,
                         id_or_name, error);
  if (rows == NULL)
    return NULL;

  if (rows->len == 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("There is no installation with the id or name “%s”"), id_or_name);
      return NULL;
    }
  if (rows->len > 1)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("%u installations are named “%s”; name one by its id"),
                   rows->len, id_or_name);
      return NULL;
    }

  return g_object_ref (g_ptr_array_index (rows, 0));
}

/* g_ptr_array_sort(): pointers to the elements. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  g_autofree char *x = g_utf8_casefold (lt_installation_get_name (*(LtInstallation * const *) a), -1);
  g_autofree char *y = g_utf8_casefold (lt_installation_get_name (*(LtInstallation * const *) b), -1);

  return g_utf8_collate (x, y);
}

/**
 * lt_store_list_installations_named_in_tickets:
 * @store: the store, or a reader of it (lt_store_open_reader())
 * @error: return location for an error
 *
 * The installations the tickets name (the portal's `installation` of each
 * ticket, trimmed) that are not in the installations table, compared
 * without case: what the admin may want to import. Each is a new, unsaved
 * #LtInstallation with the name and, as its version, the product version
 * of the newest ticket naming it (opened last), entered by hand. It is
 * answered from the index `tickets_installation` (schema v8): a few seeks
 * per distinct name, however many tickets there are. The Versions page
 * still calls it from a worker thread with a reader, as any query on a
 * possibly busy file.
 *
 * Returns: (transfer full) (element-type LtInstallation) (nullable): the
 *   installations, sorted by name
 */
GPtrArray *
lt_store_list_installations_named_in_tickets (LtStore  *store,
                                              GError  **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The distinct names by skipping through the index (each next name is
   * one seek past the previous: sqlite has no skip scan for DISTINCT, and
   * DISTINCT would read every entry), then the newest ticket of each name
   * is the last index entry of that name. The same name written
   * differently (case, spaces) is one installation: the newest of its
   * spellings wins. */
  stmt = lt_store_prepare (store,
                           "WITH RECURSIVE names (installation) AS ("
                           "  SELECT min (installation) FROM tickets WHERE installation IS NOT NULL "
                           "  UNION ALL "
                           "  SELECT (SELECT min (t.installation) FROM tickets t "
                           "          WHERE t.installation > names.installation) "
                           "  FROM names WHERE names.installation IS NOT NULL) "
                           "SELECT trim (d.installation), "
                           "       (SELECT t.product_version FROM tickets t "
                           "        WHERE t.installation = d.installation "
                           "        ORDER BY coalesce (t.opened_at, t.created_at) DESC LIMIT 1), "
                           "       (SELECT coalesce (t.opened_at, t.created_at) FROM tickets t "
                           "        WHERE t.installation = d.installation "
                           "        ORDER BY coalesce (t.opened_at, t.created_at) DESC LIMIT 1) AS newest "
                           "FROM names d "
                           "WHERE d.installation IS NOT NULL AND trim (d.installation) <> '' "
                           "  AND NOT EXISTS (SELECT 1 FROM installations i "
                           "                  WHERE i.name = trim (d.installation) COLLATE NOCASE) "
                           "ORDER BY newest DESC",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *folded = g_utf8_casefold (name, -1);
      LtInstallation *installation;

      if (!g_hash_table_add (seen, g_steal_pointer (&folded)))
        continue;
      installation = lt_installation_new ();
      lt_installation_set_name (installation, name);
      lt_installation_set_detection_method (installation, LT_DETECTION_METHOD_MANUAL);
      lt_installation_set_detected_version (installation, (const char *) sqlite3_column_text (stmt, 1));
      g_ptr_array_add (found, installation);
    }

  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (store, error, _("Could not read the installations the tickets name"));
      return NULL;
    }

  g_ptr_array_sort (found, compare_names);
  return g_steal_pointer (&found);
}
