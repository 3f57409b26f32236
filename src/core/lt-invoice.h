/* lt-invoice.h: one invoice of the customer's account (RULES.md R10, §17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"

G_BEGIN_DECLS

#define LT_TYPE_INVOICE (lt_invoice_get_type ())

/**
 * LtInvoice:
 * @id: the portal's invoice id
 * @issued: the date it was issued (a calendar date, no time of day)
 * @amount: the amount as the portal's decimal text, e.g. "1250.00"
 * @currency: the ISO 4217 code, e.g. "USD"
 * @paid: whether it has been paid
 *
 * The amount is kept as decimal text, not as a double nor as integer
 * minor units: no rule does arithmetic on it (only the issue date and the
 * paid flag matter to §17), text is exact, and minor units would need a
 * table of each currency's decimals that core has no other use for.
 */
typedef struct
{
  char     *id;
  GDate     issued;
  char     *amount;
  char     *currency;
  gboolean  paid;
} LtInvoice;

GType      lt_invoice_get_type (void) G_GNUC_CONST;

LtInvoice *lt_invoice_new      (const char      *id,
                                const GDate     *issued,
                                const char      *amount,
                                const char      *currency,
                                gboolean         paid);
LtInvoice *lt_invoice_copy     (const LtInvoice *self);
void       lt_invoice_free     (LtInvoice       *self);
gboolean   lt_invoice_equal    (const LtInvoice *a,
                                const LtInvoice *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtInvoice, lt_invoice_free)

G_END_DECLS
