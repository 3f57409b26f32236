/* lt-store-effective.h: the policy and the release catalog in effect
 *
 * The portal's copies, cached by the last sync, replace the bundled ones;
 * a cached copy that no longer loads is said (@cached_error) and the
 * bundled one is used. The app and `ltsupport` both ask here, so both
 * decide the same way (docs/store.md, "Persistence of the models").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-store.h"

G_BEGIN_DECLS

LtPolicy         *lt_store_load_effective_policy  (LtStore  *self,
                                                   GError  **cached_error,
                                                   GError  **error);
LtReleaseCatalog *lt_store_load_effective_catalog (LtStore  *self,
                                                   GError  **cached_error,
                                                   GError  **error);

G_END_DECLS
