/* lt-versions-page.h: installations, the release catalog and its timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_VERSIONS_PAGE (lt_versions_page_get_type ())
G_DECLARE_FINAL_TYPE (LtVersionsPage, lt_versions_page, LT, VERSIONS_PAGE, AdwBin)

void       lt_versions_page_set_context (LtVersionsPage *self,
                                         LtContext      *context);

G_END_DECLS
