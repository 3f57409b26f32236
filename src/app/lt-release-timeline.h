/* lt-release-timeline.h: the release catalog drawn as a line
 *
 * Releases in version order on a horizontal line, the support window as a
 * band behind them, withdrawn releases struck through, the customer's
 * installations as markers above the line and the next release as a ghost
 * slot to the right. Every position and colour comes from core's verdicts
 * (lt_release_catalog_check_version_for_policy()); the widget only draws.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lt-policy.h"
#include "lt-release-catalog.h"

G_BEGIN_DECLS

#define LT_TYPE_RELEASE_TIMELINE (lt_release_timeline_get_type ())
G_DECLARE_FINAL_TYPE (LtReleaseTimeline, lt_release_timeline, LT, RELEASE_TIMELINE, GtkWidget)


void              lt_release_timeline_set_catalog       (LtReleaseTimeline *self,
                                                         LtReleaseCatalog  *catalog);
void              lt_release_timeline_set_policy        (LtReleaseTimeline *self,
                                                         LtPolicy          *policy);
/* A GListModel of LtInstallation, or NULL. */
void              lt_release_timeline_set_installations (LtReleaseTimeline *self,
                                                         GListModel        *installations);

/* The text the widget shows to assistive technologies: what it draws, in
 * words. */
char             *lt_release_timeline_dup_summary       (LtReleaseTimeline *self);

G_END_DECLS
