/* lt-store-account.c: the account, its contact and invoices in the local store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-account.h"
#include "lt-store-rows.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

static gboolean
accounts_equal (LtAccount *a,
                LtAccount *b)
{
  GPtrArray *ia = lt_account_get_invoices (a);
  GPtrArray *ib = lt_account_get_invoices (b);

  if (g_strcmp0 (lt_account_get_customer_name (a), lt_account_get_customer_name (b)) != 0 ||
      lt_account_get_tier (a) != lt_account_get_tier (b) ||
      g_strcmp0 (lt_account_get_csm_email (a), lt_account_get_csm_email (b)) != 0 ||
      !lt_contact_equal (lt_account_get_primary_contact (a), lt_account_get_primary_contact (b)) ||
      ia->len != ib->len)
    return FALSE;

  for (guint i = 0; i < ia->len; i++)
    if (!lt_invoice_equal (g_ptr_array_index (ia, i), g_ptr_array_index (ib, i)))
      return FALSE;
  return TRUE;
}

static gboolean
exec_bound (LtStore     *self,
            const char  *sql,
            GError     **error)
{
  g_auto(LtCachedStmt) stmt = lt_store_prepare (self, sql, error);

  return stmt != NULL && lt_store_step_done (self, stmt, error);
}

static gboolean
write_invoice (LtStore          *self,
               const LtInvoice  *invoice,
               GError          **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  g_autofree char *issued = NULL;

  if (invoice->id == NULL || !g_date_valid (&invoice->issued) || invoice->amount == NULL ||
      invoice->currency == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("Invoice “%s” lacks an id, a date, an amount or a currency"),
                   invoice->id != NULL ? invoice->id : "");
      return FALSE;
    }

  stmt = lt_store_prepare (self,
                           "INSERT INTO invoices (id, account_id, issued, amount, currency, paid) "
                           "VALUES (?, 1, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  issued = lt_date_format (&invoice->issued);
  sqlite3_bind_text (stmt, 1, invoice->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, issued, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, invoice->amount, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, invoice->currency, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, invoice->paid ? 1 : 0);
  return lt_store_step_done (self, stmt, error);
}

static gboolean
write_account (LtStore    *self,
               LtAccount  *account,
               GDateTime  *now,
               GError    **error)
{
  const LtContact *contact = lt_account_get_primary_contact (account);
  GPtrArray *invoices = lt_account_get_invoices (account);

  {
    g_auto(LtCachedStmt) stmt = NULL;

    stmt = lt_store_prepare (self,
                             "INSERT INTO account (id, customer_name, tier, csm_email, fetched_at) "
                             "VALUES (1, ?1, ?2, ?3, ?4) "
                             "ON CONFLICT (id) DO UPDATE SET customer_name = ?1, tier = ?2, "
                             "  csm_email = ?3, fetched_at = ?4",
                             error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, lt_account_get_customer_name (account), -1, SQLITE_STATIC);
    lt_store_bind_enum (stmt, 2, LT_TYPE_TIER, lt_account_get_tier (account));
    lt_store_bind_text (stmt, 3, lt_account_get_csm_email (account));
    lt_store_bind_instant (stmt, 4, now);
    if (!lt_store_step_done (self, stmt, error))
      return FALSE;
  }

  if (!exec_bound (self, "DELETE FROM contacts WHERE account_id = 1 "
                         "AND role = 'primary-technical'", error))
    return FALSE;

  /* A contact without a name is not one the vendor can call: the column
   * requires a name, and R10 asks for one before filing anyway. */
  if (contact != NULL && contact->name != NULL && contact->name[0] != '\0')
    {
      g_auto(LtCachedStmt) stmt = NULL;

      stmt = lt_store_prepare (self,
                               "INSERT INTO contacts (account_id, role, name, email, phone) "
                               "VALUES (1, 'primary-technical', ?, ?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, contact->name, -1, SQLITE_STATIC);
      lt_store_bind_text (stmt, 2, contact->email);
      lt_store_bind_text (stmt, 3, contact->phone);
      if (!lt_store_step_done (self, stmt, error))
        return FALSE;
    }

  if (!exec_bound (self, "DELETE FROM invoices WHERE account_id = 1", error))
    return FALSE;
  for (guint i = 0; i < invoices->len; i++)
    if (!write_invoice (self, g_ptr_array_index (invoices, i), error))
      return FALSE;

  return TRUE;
}

/**
 * lt_store_save_account:
 * @self: the store
 * @account: the account as GET /account returned it
 * @now: when it was fetched
 * @error: return location for an error
 *
 * Replaces the stored account, its primary technical contact and its
 * invoices in one transaction. When nothing changed only fetched_at is
 * written and no change is recorded.
 *
 * Returns: %TRUE on success
 */
gboolean
lt_store_save_account (LtStore    *self,
                       LtAccount  *account,
                       GDateTime  *now,
                       GError    **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(LtAccount) stored = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LT_IS_STORE (self), FALSE);
  g_return_val_if_fail (LT_IS_ACCOUNT (account), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  if (lt_account_get_customer_name (account) == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("The account has no customer name"));
      return FALSE;
    }

  tx = lt_store_begin (self, error);
  if (tx == NULL)
    return FALSE;

  stored = lt_store_load_account (self, &local_error);
  if (stored == NULL && !g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (stored != NULL && accounts_equal (stored, account))
    {
      g_auto(LtCachedStmt) stmt = NULL;

      stmt = lt_store_prepare (self, "UPDATE account SET fetched_at = ? WHERE id = 1", error);
      if (stmt == NULL)
        return FALSE;
      lt_store_bind_instant (stmt, 1, now);
      if (!lt_store_step_done (self, stmt, error))
        return FALSE;
    }
  else
    {
      if (!write_account (self, account, now, error))
        {
          g_prefix_error (error, _("Saving the account: "));
          return FALSE;
        }
      lt_store_record_change (self, "account",
                              stored == NULL ? LT_STORE_CHANGE_INSERTED : LT_STORE_CHANGE_UPDATED,
                              "1");
    }

  return lt_store_transaction_commit (tx, error);
}

static gboolean
load_invoices (LtStore    *self,
               GPtrArray  *invoices,
               GError    **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (self,
                           "SELECT id, issued, amount, currency, paid FROM invoices "
                           "WHERE account_id = 1 ORDER BY issued, id",
                           error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate issued;

      if (!lt_date_parse (lt_store_column_text (stmt, 1), &issued, error))
        return FALSE;
      g_ptr_array_add (invoices,
                       lt_invoice_new (lt_store_column_text (stmt, 0), &issued,
                                       lt_store_column_text (stmt, 2),
                                       lt_store_column_text (stmt, 3),
                                       sqlite3_column_int (stmt, 4) != 0));
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (self, error, _("Could not read the invoices"));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_store_load_account:
 * @self: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the account with its primary
 *   technical contact and its invoices (oldest first); %NULL with
 *   LT_ERROR_NOT_FOUND before the first lt_store_save_account()
 */
LtAccount *
lt_store_load_account (LtStore  *self,
                       GError  **error)
{
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);

  g_return_val_if_fail (LT_IS_STORE (self), NULL);

  {
    g_auto(LtCachedStmt) stmt = NULL;
    int rc;

    stmt = lt_store_prepare (self,
                             "SELECT customer_name, tier, csm_email FROM account WHERE id = 1",
                             error);
    if (stmt == NULL)
      return NULL;
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_DONE)
      {
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                     _("The account has not been fetched from the portal yet"));
        return NULL;
      }
    if (rc != SQLITE_ROW)
      {
        lt_store_set_error (self, error, _("Could not read the account"));
        return NULL;
      }

    account = lt_account_new ();
    lt_account_set_customer_name (account, lt_store_column_text (stmt, 0));
    lt_account_set_tier (account, lt_store_column_enum (stmt, 1, LT_TYPE_TIER, LT_TIER_ESSENTIAL));
    lt_account_set_csm_email (account, lt_store_column_text (stmt, 2));
  }

  {
    g_auto(LtCachedStmt) stmt = NULL;
    int rc;

    stmt = lt_store_prepare (self,
                             "SELECT name, email, phone FROM contacts "
                             "WHERE account_id = 1 AND role = 'primary-technical'",
                             error);
    if (stmt == NULL)
      return NULL;
    rc = sqlite3_step (stmt);
    if (rc == SQLITE_ROW)
      {
        g_autoptr(LtContact) contact = lt_contact_new (lt_store_column_text (stmt, 0),
                                                       lt_store_column_text (stmt, 1),
                                                       lt_store_column_text (stmt, 2));

        lt_account_set_primary_contact (account, contact);
      }
    else if (rc != SQLITE_DONE)
      {
        lt_store_set_error (self, error, _("Could not read the contacts"));
        return NULL;
      }
  }

  if (!load_invoices (self, invoices, error))
    return NULL;
  lt_account_set_invoices (account, invoices);

  return g_steal_pointer (&account);
}
