/* lt-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-account"

#include "config.h"

#include "lt-account.h"
#include "lt-enums.h"
#include "lt-model-util.h"
#include "lt-rules.h"

struct _LtAccount
{
  GObject     parent_instance;

  /* Owned */
  char       *customer_name;
  LtContact  *primary_contact;
  char       *csm_email;
  GPtrArray  *invoices;        /* element-type LtInvoice */

  LtTier      tier;
};

G_DEFINE_FINAL_TYPE (LtAccount, lt_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CUSTOMER_NAME,
  PROP_TIER,
  PROP_PRIMARY_CONTACT,
  PROP_CSM_EMAIL,
  PROP_INVOICES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lt_account_finalize (GObject *object)
{
  LtAccount *self = (LtAccount *)object;

  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->primary_contact, lt_contact_free);
  g_clear_pointer (&self->csm_email, g_free);
  g_clear_pointer (&self->invoices, g_ptr_array_unref);

  G_OBJECT_CLASS (lt_account_parent_class)->finalize (object);
}

static void
lt_account_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LtAccount *self = LT_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;
    case PROP_TIER:
      g_value_set_enum (value, self->tier);
      break;
    case PROP_PRIMARY_CONTACT:
      g_value_set_boxed (value, self->primary_contact);
      break;
    case PROP_CSM_EMAIL:
      g_value_set_string (value, self->csm_email);
      break;
    case PROP_INVOICES:
      g_value_set_boxed (value, self->invoices);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_account_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LtAccount *self = LT_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_CUSTOMER_NAME:
      lt_account_set_customer_name (self, g_value_get_string (value));
      break;
    case PROP_TIER:
      lt_account_set_tier (self, g_value_get_enum (value));
      break;
    case PROP_PRIMARY_CONTACT:
      lt_account_set_primary_contact (self, g_value_get_boxed (value));
      break;
    case PROP_CSM_EMAIL:
      lt_account_set_csm_email (self, g_value_get_string (value));
      break;
    case PROP_INVOICES:
      lt_account_set_invoices (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_account_class_init (LtAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = lt_account_finalize;
  object_class->get_property = lt_account_get_property;
  object_class->set_property = lt_account_set_property;

  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL, NULL, flags);
  properties[PROP_TIER] =
    g_param_spec_enum ("tier", NULL, NULL,
                       LT_TYPE_TIER, LT_TIER_ESSENTIAL, flags);
  /* An LtContact, or NULL when the portal has none on file. */
  properties[PROP_PRIMARY_CONTACT] =
    g_param_spec_boxed ("primary-contact", NULL, NULL, LT_TYPE_CONTACT, flags);
  properties[PROP_CSM_EMAIL] =
    g_param_spec_string ("csm-email", NULL, NULL, NULL, flags);
  /* A GPtrArray of LtInvoice, never NULL when read; set copies it. */
  properties[PROP_INVOICES] =
    g_param_spec_boxed ("invoices", NULL, NULL, G_TYPE_PTR_ARRAY, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_account_init (LtAccount *self)
{
  self->tier = LT_TIER_ESSENTIAL;
  self->invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
}

/**
 * lt_account_new:
 *
 * Returns: (transfer full): a new, empty account (Essential tier)
 */
LtAccount *
lt_account_new (void)
{
  return g_object_new (LT_TYPE_ACCOUNT, NULL);
}

#define MODEL lt_account, LtAccount, LT_IS_ACCOUNT, properties

LT_MODEL_STRING_PROPERTY (MODEL, customer_name, PROP_CUSTOMER_NAME)
LT_MODEL_STRING_PROPERTY (MODEL, csm_email, PROP_CSM_EMAIL)
LT_MODEL_VALUE_PROPERTY (MODEL, LtTier, tier, PROP_TIER, LT_TIER_ESSENTIAL)

#undef MODEL

/**
 * lt_account_get_effective_tier:
 * @account: (nullable): the account the portal sent, if any yet
 *
 * No account means the Essential tier: before the first sync the SLA
 * targets shown are the smallest promise, never a larger one the
 * customer may not have.
 *
 * Returns: @account's tier, else %LT_TIER_ESSENTIAL
 */
LtTier
lt_account_get_effective_tier (LtAccount *account)
{
  g_return_val_if_fail (account == NULL || LT_IS_ACCOUNT (account), LT_TIER_ESSENTIAL);

  return account != NULL ? account->tier : LT_TIER_ESSENTIAL;
}

/**
 * lt_account_get_primary_contact:
 * @self: an account
 *
 * Returns: (transfer none) (nullable): the primary technical contact
 */
const LtContact *
lt_account_get_primary_contact (LtAccount *self)
{
  g_return_val_if_fail (LT_IS_ACCOUNT (self), NULL);

  return self->primary_contact;
}

/**
 * lt_account_set_primary_contact:
 * @self: an account
 * @contact: (nullable): the new contact; copied
 */
void
lt_account_set_primary_contact (LtAccount       *self,
                                const LtContact *contact)
{
  g_return_if_fail (LT_IS_ACCOUNT (self));

  if (lt_contact_equal (self->primary_contact, contact))
    return;

  g_clear_pointer (&self->primary_contact, lt_contact_free);
  if (contact != NULL)
    self->primary_contact = lt_contact_copy (contact);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIMARY_CONTACT]);
}

/**
 * lt_account_get_invoices:
 * @self: an account
 *
 * Returns: (transfer none) (element-type LtInvoice): the invoices, in the
 *   portal's order; do not modify
 */
GPtrArray *
lt_account_get_invoices (LtAccount *self)
{
  g_return_val_if_fail (LT_IS_ACCOUNT (self), NULL);

  return self->invoices;
}

static gboolean
invoices_equal (GPtrArray *a,
                GPtrArray *b)
{
  guint n_b = b != NULL ? b->len : 0;

  if (a->len != n_b)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!lt_invoice_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/**
 * lt_account_set_invoices:
 * @self: an account
 * @invoices: (nullable) (element-type LtInvoice): the invoices; copied
 *   deeply, %NULL for none
 */
void
lt_account_set_invoices (LtAccount *self,
                         GPtrArray *invoices)
{
  g_autoptr(GPtrArray) copy = NULL;
  guint n = invoices != NULL ? invoices->len : 0;

  g_return_if_fail (LT_IS_ACCOUNT (self));

  if (invoices_equal (self->invoices, invoices))
    return;

  /* A new array rather than editing the old one: a caller that read the
   * property before keeps a consistent snapshot. */
  copy = g_ptr_array_new_full (n, (GDestroyNotify) lt_invoice_free);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (copy, lt_invoice_copy (g_ptr_array_index (invoices, i)));

  g_ptr_array_unref (self->invoices);
  self->invoices = g_steal_pointer (&copy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVOICES]);
}

/**
 * lt_account_dup_overdue_invoices:
 * @self: an account
 * @policy: the policy in force (the suspension threshold)
 * @today: the current date
 *
 * Returns: (transfer full) (element-type LtInvoice): copies of the
 *   invoices lt_rules_invoice_is_overdue_for_policy() finds overdue at
 *   @today, in the account's order
 */
GPtrArray *
lt_account_dup_overdue_invoices (LtAccount   *self,
                                 LtPolicy    *policy,
                                 const GDate *today)
{
  g_autoptr(GPtrArray) overdue = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);

  g_return_val_if_fail (LT_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  for (guint i = 0; i < self->invoices->len; i++)
    {
      const LtInvoice *invoice = g_ptr_array_index (self->invoices, i);

      if (lt_rules_invoice_is_overdue_for_policy (policy, invoice->paid, &invoice->issued, today))
        g_ptr_array_add (overdue, lt_invoice_copy (invoice));
    }

  return g_steal_pointer (&overdue);
}

/**
 * lt_account_dup_invoice_warning:
 * @self: an account
 * @policy: the policy in force
 * @today: the current date
 *
 * Returns: (transfer full) (nullable): the persistent §17 warning
 *   (lt_rules_dup_invoice_warning()) while an invoice is overdue, else
 *   %NULL
 */
char *
lt_account_dup_invoice_warning (LtAccount   *self,
                                LtPolicy    *policy,
                                const GDate *today)
{
  g_autoptr(GPtrArray) overdue = NULL;

  g_return_val_if_fail (LT_IS_ACCOUNT (self), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);

  overdue = lt_account_dup_overdue_invoices (self, policy, today);
  if (overdue == NULL || overdue->len == 0)
    return NULL;

  return lt_rules_dup_invoice_warning (lt_policy_get_invoice_suspension_days (policy));
}

/**
 * lt_account_check_primary_contact:
 * @self: an account
 * @error: %LT_ERROR_INVALID_INPUT naming the missing or malformed field
 *
 * Whether the primary technical contact is complete enough to file a
 * ticket (lt_rules_validate_primary_contact()).
 *
 * Returns: %TRUE when it is
 */
gboolean
lt_account_check_primary_contact (LtAccount  *self,
                                  GError    **error)
{
  const LtContact *contact;

  g_return_val_if_fail (LT_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  contact = self->primary_contact;
  return lt_rules_validate_primary_contact (contact != NULL ? contact->name : NULL,
                                            contact != NULL ? contact->email : NULL,
                                            contact != NULL ? contact->phone : NULL,
                                            error);
}
