/* lt-store-calendar.c: the profile's calendar of estimated ends of support
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store-calendar.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-icalendar.h"
#include "lt-store-documents.h"
#include "lt-store-installations.h"

#include <glib/gi18n-lib.h>

char *
lt_store_dup_support_end_calendar_path (LtStore *store)
{
  const char *db_path;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (LT_IS_STORE (store), NULL);

  db_path = lt_store_get_path (store);
  if (db_path == NULL || !g_path_is_absolute (db_path))
    return NULL;
  dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, LT_STORE_SUPPORT_END_CALENDAR_NAME, NULL);
}

gboolean
lt_store_write_support_end_calendar (LtStore    *store,
                                     GDateTime  *now,
                                     GError    **error)
{
  g_autofree char *path = NULL;
  g_autoptr(LtStoreInstallations) installations = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *text = NULL;
  GDate today;

  g_return_val_if_fail (LT_IS_STORE (store), FALSE);
  g_return_val_if_fail (now != NULL, FALSE);

  path = lt_store_dup_support_end_calendar_path (store);
  if (path == NULL)
    return TRUE;

  /* The saved catalog and policy are what the sync just refreshed; a copy
   * that no longer loads falls back to the bundled one, as the app and
   * the CLI do. */
  if ((catalog = lt_store_load_release_catalog (store, NULL)) == NULL &&
      (catalog = lt_release_catalog_new_default (error)) == NULL)
    return FALSE;
  if ((policy = lt_store_load_policy (store, NULL)) == NULL &&
      (policy = lt_policy_new_default (error)) == NULL)
    return FALSE;
  if ((installations = lt_store_installations_new (store, error)) == NULL)
    return FALSE;

  local = g_date_time_to_local (now);
  lt_date_set_from_instant (&today, local);
  text = lt_icalendar_export_support_end (G_LIST_MODEL (installations), catalog, policy, &today,
                                          now, NULL);

  /* Temporary file, fsync, rename: readers see the old calendar or the
   * new one. Private like the rest of the profile. */
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    {
      g_prefix_error (error, _("Could not write the calendar of support end dates: "));
      return FALSE;
    }
  return TRUE;
}
