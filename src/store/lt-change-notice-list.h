/* lt-change-notice-list.h: the stored change notices as a GListModel of
 * LtChangeNotice: those without a planned start first, then the newest
 * planned start first; follows the store with precise ::items-changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-change-notice.h"
#include "lt-store-list.h"

G_BEGIN_DECLS

#define LT_TYPE_CHANGE_NOTICE_LIST (lt_change_notice_list_get_type ())
G_DECLARE_FINAL_TYPE (LtChangeNoticeList, lt_change_notice_list, LT, CHANGE_NOTICE_LIST, LtStoreList)

LtChangeNoticeList *lt_change_notice_list_new (LtStore  *store,
                                               GError  **error);

G_END_DECLS
