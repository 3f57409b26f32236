/* lt-connect-page-private.h: what the tests reach inside lt-connect-page
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-connect-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-connect-page.h"

G_BEGIN_DECLS

/* Fills the fields as a person types them (tests, screenshots). */
void           lt_connect_page_set_fields       (LtConnectPage *self,
                                                 const char    *url,
                                                 const char    *token);

/* The last verdict of Test Connection, NULL before one. */
LtPortalCheck *lt_connect_page_get_check        (LtConnectPage *self);

/* What the page says went wrong (the address, the token, the keyring),
 * NULL when nothing. */
const char    *lt_connect_page_get_error        (LtConnectPage *self);

/* Whether the keyring's refusal and its ways out are shown. */
gboolean       lt_connect_page_get_keyring_failed (LtConnectPage *self);

G_END_DECLS
