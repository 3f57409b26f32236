/* lt-overview-card-private.h: what the tests reach inside lt-overview-card
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-overview-card.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-overview-card.h"

G_BEGIN_DECLS

const char *lt_overview_card_get_detail (LtOverviewCard *self);

G_END_DECLS
