/* lt-store-documents.c: the cached policy and releases documents in the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-documents.h"
#include "lt-store-rows.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Parses @body the way it will be read back, so that a document the core
 * refuses never replaces a good cached copy. */
static gboolean
validate_document (const char  *name,
                   GBytes      *body,
                   GError     **error)
{
  if (g_str_equal (name, LT_STORE_DOCUMENT_POLICY))
    {
      g_autoptr(LtPolicy) policy = lt_policy_new_from_bytes (body, error);

      return policy != NULL;
    }
  if (g_str_equal (name, LT_STORE_DOCUMENT_RELEASES))
    {
      g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_bytes (body, error);

      return catalog != NULL;
    }

  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("“%s” is not a document the store keeps"), name);
  return FALSE;
}

/**
 * lt_store_save_document:
 * @self: the store
 * @name: %LT_STORE_DOCUMENT_POLICY or %LT_STORE_DOCUMENT_RELEASES
 * @body: the document exactly as the portal sent it
 * @etag: (nullable): the response's ETag, for the next conditional GET
 * @now: when it was fetched
 * @error: return location for an error
 *
 * Returns: %TRUE on success; %FALSE with the parser's
 *   LT_ERROR_INVALID_DATA when the core refuses the document (the cached
 *   copy is then kept)
 */
gboolean
lt_store_save_document (LtStore     *self,
                        const char  *name,
                        GBytes      *body,
                        const char  *etag,
                        GDateTime   *now,
                        GError     **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  gboolean exists = FALSE;
  gboolean same = FALSE;
  gsize length;
  const char *data;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (body != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (!validate_document (name, body, error))
    {
      g_prefix_error (error, _("The %s document was not saved: "), name);
      return FALSE;
    }

  data = g_bytes_get_data (body, &length);
  tx = lt_store_begin (self, error);
  if (tx == NULL)
    return FALSE;

  {
    g_auto(LtCachedStmt) stmt = NULL;
    int rc;

    stmt = lt_store_prepare (self, "SELECT body FROM documents WHERE name = ?", error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        exists = TRUE;
        same = (gsize) sqlite3_column_bytes (stmt, 0) == length &&
               memcmp (sqlite3_column_blob (stmt, 0), data, length) == 0;
      }
    else if (rc != SQLITE_DONE)
      {
        lt_store_set_error (self, error, _("Could not read a document from the local database"));
        return FALSE;
      }
  }

  {
    g_auto(LtCachedStmt) stmt = NULL;

    stmt = lt_store_prepare (self,
                             "INSERT INTO documents (name, body, etag, fetched_at) "
                             "VALUES (?1, ?2, ?3, ?4) "
                             "ON CONFLICT (name) DO UPDATE SET body = ?2, etag = ?3, "
                             "  fetched_at = ?4",
                             error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, data, (int) length, SQLITE_STATIC);
    lt_store_bind_text (stmt, 3, etag);
    lt_store_bind_instant (stmt, 4, now);
    if (!lt_store_step_done (self, stmt, error))
      return FALSE;
  }

  /* A refetch of the same body (a 200 where a 304 would have done) changes
   * nothing anyone shows. */
  if (!exists)
    lt_store_record_change (self, "documents", LT_STORE_CHANGE_INSERTED, name);
  else if (!same)
    lt_store_record_change (self, "documents", LT_STORE_CHANGE_UPDATED, name);

  return lt_store_transaction_commit (tx, error);
}

/**
 * lt_store_load_document:
 * @self: the store
 * @name: the document's name
 * @etag: (out) (optional) (nullable) (transfer full): its ETag
 * @fetched_at: (out) (optional) (transfer full): when it was fetched
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the body; %NULL with
 *   LT_ERROR_NOT_FOUND when nothing is cached under @name
 */
GBytes *
lt_store_load_document (LtStore     *self,
                        const char  *name,
                        char       **etag,
                        GDateTime  **fetched_at,
                        GError     **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = lt_store_prepare (self, "SELECT body, etag, fetched_at FROM documents WHERE name = ?",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("No %s document is cached in the local database"), name);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      lt_store_set_error (self, error, _("Could not read a document from the local database"));
      return NULL;
    }

  if (etag != NULL)
    *etag = g_strdup (lt_store_column_text (stmt, 1));
  if (fetched_at != NULL)
    *fetched_at = lt_store_column_instant (stmt, 2);
  return g_bytes_new (sqlite3_column_blob (stmt, 0), (gsize) sqlite3_column_bytes (stmt, 0));
}

/**
 * lt_store_load_policy:
 * @self: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the cached portal policy; %NULL
 *   with LT_ERROR_NOT_FOUND when none is cached (use the bundled one)
 */
LtPolicy *
lt_store_load_policy (LtStore  *self,
                      GError  **error)
{
  g_autoptr(GBytes) body = lt_store_load_document (self, LT_STORE_DOCUMENT_POLICY,
                                                   NULL, NULL, error);

  if (body == NULL)
    return NULL;
  return lt_policy_new_from_bytes (body, error);
}

/**
 * lt_store_load_release_catalog:
 * @self: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the cached release catalog; %NULL
 *   with LT_ERROR_NOT_FOUND when none is cached (use the bundled one)
 */
LtReleaseCatalog *
lt_store_load_release_catalog (LtStore  *self,
                               GError  **error)
{
  g_autoptr(GBytes) body = lt_store_load_document (self, LT_STORE_DOCUMENT_RELEASES,
                                                   NULL, NULL, error);

  if (body == NULL)
    return NULL;
  return lt_release_catalog_new_from_bytes (body, error);
}
