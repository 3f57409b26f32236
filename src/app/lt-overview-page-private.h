/* lt-overview-page-private.h: what the tests reach inside lt-overview-page
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-overview-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-overview-page.h"

G_BEGIN_DECLS

/* The titles of the attention rows shown, in order (tests, screen
 * readers' summaries). Returns: (transfer full) */
GStrv      lt_overview_page_dup_attention_titles (LtOverviewPage *self);

G_END_DECLS
