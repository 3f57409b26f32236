/* lt-change-notice-page-private.h: what the tests reach inside lt-change-notice-page
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-change-notice-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-change-notice-page.h"

G_BEGIN_DECLS

/* What the page shows, as shown (for tests and the screen reader's
 * summary): the state line, LockThreat's review text (NULL when none),
 * the lateness line, the overlap (NULL when none). */
const char     *lt_change_notice_page_get_state_text    (LtChangeNoticePage *self);

const char     *lt_change_notice_page_get_review_text   (LtChangeNoticePage *self);

const char     *lt_change_notice_page_get_lead_time_text (LtChangeNoticePage *self);

const char     *lt_change_notice_page_get_overlap_text  (LtChangeNoticePage *self);

G_END_DECLS
