/* lt-change-notice-page.h: one change notice, everything about it (§6, R8)
 *
 * What was sent (description, systems, rollback plan, planned start and
 * end, the contact LockThreat reaches), the review with LockThreat's own
 * text, the lateness by core's R8 rule, the maintenance windows the change
 * overlaps, and what it replaced or what replaced it. Shown as a subpage
 * of the Changes page (lt-changes-page.h), whose actions it uses:
 * changes.back, changes.withdraw, changes.reschedule, changes.open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_CHANGE_NOTICE_PAGE (lt_change_notice_page_get_type ())
G_DECLARE_FINAL_TYPE (LtChangeNoticePage, lt_change_notice_page, LT, CHANGE_NOTICE_PAGE, AdwBin)

GtkWidget      *lt_change_notice_page_new            (LtContext          *context);
/* Shows @notice (followed as it changes: a sync, a withdrawal). */
void            lt_change_notice_page_set_notice     (LtChangeNoticePage *self,
                                                      LtChangeNotice     *notice);
LtChangeNotice *lt_change_notice_page_get_notice     (LtChangeNoticePage *self);

/* Whether Withdraw is offered (queued, submitted, under review). */
gboolean        lt_change_notice_page_can_withdraw      (LtChangeNotice     *notice);
/* "Reviewed: concerns", "Withdrawn: rescheduled", … (the list says the
 * same). */
char           *lt_change_notice_page_dup_state_text    (LtChangeNotice     *notice);

G_END_DECLS
