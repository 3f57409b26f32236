/* lt-account.h: the customer's account (RULES.md R10; GET /account)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"
#include "lt-contact.h"
#include "lt-invoice.h"
#include "lt-policy.h"

G_BEGIN_DECLS

#define LT_TYPE_ACCOUNT (lt_account_get_type ())
G_DECLARE_FINAL_TYPE (LtAccount, lt_account, LT, ACCOUNT, GObject)

LtAccount       *lt_account_new                      (void);

const char      *lt_account_get_customer_name        (LtAccount        *self);
void             lt_account_set_customer_name        (LtAccount        *self,
                                                      const char       *customer_name);
LtTier           lt_account_get_tier                 (LtAccount        *self);
void             lt_account_set_tier                 (LtAccount        *self,
                                                      LtTier            tier);
/* The tier whose SLA targets apply (R4): @account's, or Essential while
 * no account has been fetched. @account may be NULL. */
LtTier           lt_account_get_effective_tier       (LtAccount        *account);
const LtContact *lt_account_get_primary_contact      (LtAccount        *self);
void             lt_account_set_primary_contact      (LtAccount        *self,
                                                      const LtContact  *contact);
const char      *lt_account_get_csm_email            (LtAccount        *self);
void             lt_account_set_csm_email            (LtAccount        *self,
                                                      const char       *csm_email);
GPtrArray       *lt_account_get_invoices             (LtAccount        *self);
void             lt_account_set_invoices             (LtAccount        *self,
                                                      GPtrArray        *invoices);

/* Derived (R10), see docs/models.md. */
GPtrArray       *lt_account_dup_overdue_invoices     (LtAccount        *self,
                                                      LtPolicy         *policy,
                                                      const GDate      *today);
char            *lt_account_dup_invoice_warning      (LtAccount        *self,
                                                      LtPolicy         *policy,
                                                      const GDate      *today);
gboolean         lt_account_check_primary_contact    (LtAccount        *self,
                                                      GError          **error);

G_END_DECLS
