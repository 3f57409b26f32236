/* lt-store-effective.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-effective.h"
#include "lt-error.h"
#include "lt-store-documents.h"

/* A cached copy is checked when it is saved, so one that no longer loads
 * (a newer build's format, a damaged file) is worth saying, but never
 * worth stopping for: the bundled copy is always there. None cached
 * (before the first sync) is not news. */
#define REPORT_CACHED_ERROR(local_error, cached_error) \
  G_STMT_START { \
    if (!g_error_matches ((local_error), LT_ERROR, LT_ERROR_NOT_FOUND)) \
      g_propagate_error ((cached_error), g_steal_pointer (&(local_error))); \
  } G_STMT_END

/**
 * lt_store_load_effective_policy:
 * @self: the store
 * @cached_error: (optional): set when a cached policy is there but does
 *   not load (the bundled one is returned then)
 * @error: the bundled policy did not load (a broken build)
 *
 * Returns: (transfer full) (nullable): the portal's policy cached by the
 *   last sync, else the bundled one
 */
LtPolicy *
lt_store_load_effective_policy (LtStore  *self,
                                GError  **cached_error,
                                GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  LtPolicy *policy;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (cached_error == NULL || *cached_error == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  policy = lt_store_load_policy (self, &local_error);
  if (policy != NULL)
    return policy;
  REPORT_CACHED_ERROR (local_error, cached_error);
  return lt_policy_new_default (error);
}

/**
 * lt_store_load_effective_catalog:
 * @self: the store
 * @cached_error: (optional): set when a cached catalog is there but does
 *   not load (the bundled one is returned then)
 * @error: the bundled catalog did not load (a broken build)
 *
 * Returns: (transfer full) (nullable): the portal's release catalog
 *   cached by the last sync, else the bundled one
 */
LtReleaseCatalog *
lt_store_load_effective_catalog (LtStore  *self,
                                 GError  **cached_error,
                                 GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  LtReleaseCatalog *catalog;

  g_return_val_if_fail (LT_IS_STORE (self), NULL);
  g_return_val_if_fail (cached_error == NULL || *cached_error == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  catalog = lt_store_load_release_catalog (self, &local_error);
  if (catalog != NULL)
    return catalog;
  REPORT_CACHED_ERROR (local_error, cached_error);
  return lt_release_catalog_new_default (error);
}
