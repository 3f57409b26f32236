/* lt-change-notice.h: a customer's notice of a planned change (RULES.md R8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-types.h"
#include "lt-policy.h"
#include "lt-rules.h"

G_BEGIN_DECLS

/* The longest review text the contract allows (data/portal-api.yaml,
 * ChangeNotice.review_text), in characters. */
#define LT_CHANGE_NOTICE_MAX_REVIEW_TEXT 20000

#define LT_TYPE_CHANGE_NOTICE (lt_change_notice_get_type ())
G_DECLARE_FINAL_TYPE (LtChangeNotice, lt_change_notice, LT, CHANGE_NOTICE, GObject)

LtChangeNotice     *lt_change_notice_new                (void);
LtChangeNotice     *lt_change_notice_new_queued         (void);

const char         *lt_change_notice_get_id             (LtChangeNotice     *self);
void                lt_change_notice_set_id             (LtChangeNotice     *self,
                                                         const char         *id);
const char         *lt_change_notice_get_local_id       (LtChangeNotice     *self);
void                lt_change_notice_set_local_id       (LtChangeNotice     *self,
                                                         const char         *local_id);
LtChangeKind        lt_change_notice_get_kind           (LtChangeNotice     *self);
void                lt_change_notice_set_kind           (LtChangeNotice     *self,
                                                         LtChangeKind        kind);
const char         *lt_change_notice_get_title          (LtChangeNotice     *self);
void                lt_change_notice_set_title          (LtChangeNotice     *self,
                                                         const char         *title);
const char         *lt_change_notice_get_description    (LtChangeNotice     *self);
void                lt_change_notice_set_description    (LtChangeNotice     *self,
                                                         const char         *description);
const char * const *lt_change_notice_get_systems        (LtChangeNotice     *self);
void                lt_change_notice_set_systems        (LtChangeNotice     *self,
                                                         const char * const *systems);
GDateTime          *lt_change_notice_get_planned_start  (LtChangeNotice     *self);
void                lt_change_notice_set_planned_start  (LtChangeNotice     *self,
                                                         GDateTime          *planned_start);
GDateTime          *lt_change_notice_get_planned_end    (LtChangeNotice     *self);
void                lt_change_notice_set_planned_end    (LtChangeNotice     *self,
                                                         GDateTime          *planned_end);
const char         *lt_change_notice_get_rollback_plan  (LtChangeNotice     *self);
void                lt_change_notice_set_rollback_plan  (LtChangeNotice     *self,
                                                         const char         *rollback_plan);
LtRisk              lt_change_notice_get_risk           (LtChangeNotice     *self);
void                lt_change_notice_set_risk           (LtChangeNotice     *self,
                                                         LtRisk              risk);
LtChangeState       lt_change_notice_get_state          (LtChangeNotice     *self);
void                lt_change_notice_set_state          (LtChangeNotice     *self,
                                                         LtChangeState       state);
LtReviewOutcome     lt_change_notice_get_review_outcome (LtChangeNotice     *self);
void                lt_change_notice_set_review_outcome (LtChangeNotice     *self,
                                                         LtReviewOutcome     outcome);
/* The portal's flag; lt_change_notice_check_lead_time() is the app's. */
gboolean            lt_change_notice_get_late           (LtChangeNotice     *self);
void                lt_change_notice_set_late           (LtChangeNotice     *self,
                                                         gboolean            late);

/* When the portal last changed the notice (its review, for one); NULL
 * when unknown. */
GDateTime          *lt_change_notice_get_updated_at     (LtChangeNotice     *self);
void                lt_change_notice_set_updated_at     (LtChangeNotice     *self,
                                                         GDateTime          *updated_at);

/* The vendor's text with the review outcome; NULL when none. */
const char         *lt_change_notice_get_review_text    (LtChangeNotice     *self);
void                lt_change_notice_set_review_text    (LtChangeNotice     *self,
                                                         const char         *review_text);
/* Rescheduling (docs/portal.md, "Rescheduling a change notice"): the
 * notice this one replaces, and the one that replaced it. */
const char         *lt_change_notice_get_replaces       (LtChangeNotice     *self);
void                lt_change_notice_set_replaces       (LtChangeNotice     *self,
                                                         const char         *replaces);
const char         *lt_change_notice_get_replaced_by    (LtChangeNotice     *self);
void                lt_change_notice_set_replaced_by    (LtChangeNotice     *self,
                                                         const char         *replaced_by);

/* Derived (R8), see docs/models.md. */
gboolean            lt_change_notice_check_lead_time    (LtChangeNotice      *self,
                                                         LtPolicy            *policy,
                                                         GDateTime           *noticed_at,
                                                         LtChangeNoticeCheck *check);
gboolean            lt_change_notice_is_late_at         (LtChangeNotice      *self,
                                                         LtPolicy            *policy,
                                                         GDateTime           *noticed_at);
GPtrArray          *lt_change_notice_find_overlapping_windows (LtChangeNotice *self,
                                                               GListModel     *windows);

G_END_DECLS
