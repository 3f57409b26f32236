/* lt-store-account.h: the account, its contact and invoices in the local store
 *
 * Every write records its change (LtStore::changed; docs/store.md, "Change
 * notification") and writes nothing when the row already holds the same
 * values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-account.h"
#include "lt-store.h"

G_BEGIN_DECLS

/* The account ("account", key "1"): the account row, its primary technical
 * contact and its invoices are saved and loaded as one. */
gboolean        lt_store_save_account             (LtStore             *self,
                                                   LtAccount           *account,
                                                   GDateTime           *now,
                                                   GError             **error);
/* NULL with LT_ERROR_NOT_FOUND before the first save. */
LtAccount      *lt_store_load_account             (LtStore             *self,
                                                   GError             **error);

G_END_DECLS
