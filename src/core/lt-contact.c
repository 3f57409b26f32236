/* lt-contact.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-contact"

#include "config.h"

#include "lt-contact.h"

G_DEFINE_BOXED_TYPE (LtContact, lt_contact, lt_contact_copy, lt_contact_free)

/**
 * lt_contact_new:
 * @name: (nullable): the person's name
 * @email: (nullable): an email address
 * @phone: (nullable): a telephone number
 *
 * Returns: (transfer full): a new contact holding copies of the strings
 */
LtContact *
lt_contact_new (const char *name,
                const char *email,
                const char *phone)
{
  LtContact *self = g_new0 (LtContact, 1);

  self->name = g_strdup (name);
  self->email = g_strdup (email);
  self->phone = g_strdup (phone);
  return self;
}

/**
 * lt_contact_copy:
 * @self: a contact
 *
 * Returns: (transfer full): a deep copy of @self
 */
LtContact *
lt_contact_copy (const LtContact *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return lt_contact_new (self->name, self->email, self->phone);
}

void
lt_contact_free (LtContact *self)
{
  if (self == NULL)
    return;

  g_free (self->name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self);
}

/**
 * lt_contact_equal:
 * @a: (nullable): a contact
 * @b: (nullable): a contact
 *
 * Returns: %TRUE when both are %NULL or all their fields are equal
 */
gboolean
lt_contact_equal (const LtContact *a,
                  const LtContact *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->email, b->email) == 0 &&
         g_strcmp0 (a->phone, b->phone) == 0;
}
