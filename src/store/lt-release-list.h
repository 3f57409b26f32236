/* lt-release-list.h: the release catalog the store caches (GET /releases),
 * or the bundled one until the portal sent one, as a GListModel of
 * LtRelease, newest version first
 *
 * A refreshed catalog is applied release by release: a release that stays
 * keeps its object, which takes the new values (withdrawn, fixes, notes)
 * and notifies them; ::items-changed covers exactly the releases added,
 * removed or changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-release.h"
#include "lt-store-list.h"

G_BEGIN_DECLS

#define LT_TYPE_RELEASE_LIST (lt_release_list_get_type ())
G_DECLARE_FINAL_TYPE (LtReleaseList, lt_release_list, LT, RELEASE_LIST, LtStoreList)

LtReleaseList *lt_release_list_new (LtStore  *store,
                                    GError  **error);

G_END_DECLS
