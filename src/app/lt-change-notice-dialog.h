/* lt-change-notice-dialog.h: the new change notice form (§6, R8)
 *
 * As the planned start moves, the form shows core's verdict: the earliest
 * compliant start, or how many business days late the notice is, and
 * whether the change overlaps a vendor maintenance window. Sending saves
 * the notice and its outbox item in one transaction; it reaches the
 * portal when the portal can be reached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_CHANGE_NOTICE_DIALOG (lt_change_notice_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LtChangeNoticeDialog, lt_change_notice_dialog, LT, CHANGE_NOTICE_DIALOG, AdwWindow)

GtkWidget  *lt_change_notice_dialog_new              (LtContext            *context);
/* The form of a saved draft: saved again or sent from it. */
GtkWidget  *lt_change_notice_dialog_new_for_draft    (LtContext            *context,
                                                      LtChangeNotice       *draft);
/* The form filled from a sent notice, to move it: sending files a new
 * notice that replaces it (lt_actions_reschedule_change_notice()). */
GtkWidget  *lt_change_notice_dialog_new_for_reschedule (LtContext          *context,
                                                        LtChangeNotice     *old);

/* The planned start and end (either may be NULL), as if picked. */
void        lt_change_notice_dialog_set_schedule     (LtChangeNoticeDialog *self,
                                                      GDateTime            *start,
                                                      GDateTime            *end);

G_END_DECLS
