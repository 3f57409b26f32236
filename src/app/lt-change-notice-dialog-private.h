/* lt-change-notice-dialog-private.h: what the tests reach inside lt-change-notice-dialog
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-change-notice-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-change-notice-dialog.h"

G_BEGIN_DECLS

/* The notice a reschedule form replaces, or NULL. */
LtChangeNotice *lt_change_notice_dialog_get_replaces   (LtChangeNoticeDialog *self);

/* Fills in the title, as if typed (a notice prefilled from elsewhere). */
void        lt_change_notice_dialog_set_title        (LtChangeNoticeDialog *self,
                                                      const char           *title);

/* The lead-time line as shown ("Earliest compliant start: …" or
 * "Late by 2 business days — …"). */
const char *lt_change_notice_dialog_get_lead_time_text (LtChangeNoticeDialog *self);

/* The overlap warning's text, or NULL while it is hidden. */
const char *lt_change_notice_dialog_get_overlap_text (LtChangeNoticeDialog *self);

G_END_DECLS
