/* lt-overview-card.h: one card of the Overview page
 *
 * A caption with an icon, a value in large type and a detail line. The
 * Overview fills them from core's answers; activating a card (Enter, or
 * a click on the flow box child) opens the page it summarises.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LT_TYPE_OVERVIEW_CARD (lt_overview_card_get_type ())
G_DECLARE_FINAL_TYPE (LtOverviewCard, lt_overview_card, LT, OVERVIEW_CARD, GtkWidget)

void        lt_overview_card_set_value  (LtOverviewCard *self,
                                         const char     *value);
const char *lt_overview_card_get_value  (LtOverviewCard *self);
const char *lt_overview_card_get_title  (LtOverviewCard *self);
/* @detail is Pango markup. */
void        lt_overview_card_set_detail (LtOverviewCard *self,
                                         const char     *detail);
/* The page activating the card opens ("tickets"…), or NULL. */
const char *lt_overview_card_get_page   (LtOverviewCard *self);

G_END_DECLS
