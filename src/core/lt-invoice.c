/* lt-invoice.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-invoice"

#include "config.h"

#include "lt-invoice.h"

G_DEFINE_BOXED_TYPE (LtInvoice, lt_invoice, lt_invoice_copy, lt_invoice_free)

/**
 * lt_invoice_new:
 * @id: the portal's invoice id
 * @issued: a valid date
 * @amount: (nullable): decimal text, e.g. "1250.00"
 * @currency: (nullable): an ISO 4217 code
 * @paid: whether it has been paid
 *
 * Returns: (transfer full): a new invoice holding copies of the values
 */
LtInvoice *
lt_invoice_new (const char  *id,
                const GDate *issued,
                const char  *amount,
                const char  *currency,
                gboolean     paid)
{
  LtInvoice *self;

  g_return_val_if_fail (issued != NULL && g_date_valid (issued), NULL);

  self = g_new0 (LtInvoice, 1);
  self->id = g_strdup (id);
  self->issued = *issued;
  self->amount = g_strdup (amount);
  self->currency = g_strdup (currency);
  self->paid = !!paid;
  return self;
}

/**
 * lt_invoice_copy:
 * @self: an invoice
 *
 * Returns: (transfer full): a deep copy of @self
 */
LtInvoice *
lt_invoice_copy (const LtInvoice *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lt_invoice_new (self->id, &self->issued, self->amount,
                         self->currency, self->paid);
}

void
lt_invoice_free (LtInvoice *self)
{
  if (self == NULL)
    return;

  g_free (self->id);
  g_free (self->amount);
  g_free (self->currency);
  g_free (self);
}

/**
 * lt_invoice_equal:
 * @a: (nullable): an invoice
 * @b: (nullable): an invoice
 *
 * Returns: %TRUE when both are %NULL or all their fields are equal
 */
gboolean
lt_invoice_equal (const LtInvoice *a,
                  const LtInvoice *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (a->id, b->id) == 0 &&
         g_date_compare (&a->issued, &b->issued) == 0 &&
         g_strcmp0 (a->amount, b->amount) == 0 &&
         g_strcmp0 (a->currency, b->currency) == 0 &&
         a->paid == b->paid;
}
