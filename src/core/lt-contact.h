/* lt-contact.h: a person the vendor can reach (RULES.md R10)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"

G_BEGIN_DECLS

#define LT_TYPE_CONTACT (lt_contact_get_type ())

/**
 * LtContact:
 * @name: (nullable): the person's name
 * @email: (nullable): an email address
 * @phone: (nullable): a telephone number, as the customer wrote it
 *
 * A plain value: copied whole, compared field by field. Whether it is
 * complete enough to file a ticket is a rule (lt-rules.h), not a method of
 * this struct.
 */
typedef struct
{
  char *name;
  char *email;
  char *phone;
} LtContact;

GType      lt_contact_get_type (void) G_GNUC_CONST;

LtContact *lt_contact_new      (const char      *name,
                                const char      *email,
                                const char      *phone);
LtContact *lt_contact_copy     (const LtContact *self);
void       lt_contact_free     (LtContact       *self);
gboolean   lt_contact_equal    (const LtContact *a,
                                const LtContact *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtContact, lt_contact_free)

G_END_DECLS
