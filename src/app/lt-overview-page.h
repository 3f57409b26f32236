/* lt-overview-page.h: what needs action, and a summary of the rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_OVERVIEW_PAGE (lt_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (LtOverviewPage, lt_overview_page, LT, OVERVIEW_PAGE, AdwBin)

void       lt_overview_page_set_context (LtOverviewPage *self,
                                         LtContext      *context);

/* Recomputes everything now instead of at the next idle (tests). */
void       lt_overview_page_refresh     (LtOverviewPage *self);

G_END_DECLS
