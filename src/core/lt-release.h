/* lt-release.h: one entry of the release catalog (RULES.md R2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"
#include "lt-version.h"

G_BEGIN_DECLS

#define LT_TYPE_RELEASE (lt_release_get_type ())
G_DECLARE_FINAL_TYPE (LtRelease, lt_release, LT, RELEASE, GObject)

/* A release is identified by its version, so "version" is construct-only:
 * a catalog keeps its releases sorted by it. The other properties may
 * change (a release can be withdrawn later) and notify only on change. */
LtRelease   *lt_release_new            (const LtVersion    *version,
                                        const GDate        *released,
                                        gboolean            withdrawn,
                                        const char * const *fixes,
                                        const char         *notes);

const LtVersion *lt_release_get_version (LtRelease         *self);

/* NULL when no date is set. */
const GDate *lt_release_get_released   (LtRelease          *self);
void         lt_release_set_released   (LtRelease          *self,
                                        const GDate        *released);

gboolean     lt_release_get_withdrawn  (LtRelease          *self);
void         lt_release_set_withdrawn  (LtRelease          *self,
                                        gboolean            withdrawn);

/* The known-issue IDs this release fixes ("LT-1234"); never NULL. */
const char * const *lt_release_get_fixes (LtRelease        *self);
void         lt_release_set_fixes      (LtRelease          *self,
                                        const char * const *fixes);
gboolean     lt_release_fixes_issue    (LtRelease          *self,
                                        const char         *issue_id);

/* NULL when the release has no notes. */
const char  *lt_release_get_notes      (LtRelease          *self);
void         lt_release_set_notes      (LtRelease          *self,
                                        const char         *notes);

/* A known-issue ID is "LT-" followed by one or more ASCII digits, matched
 * exactly (case and leading zeros count). Anything else is
 * LT_ERROR_INVALID_INPUT quoting @issue_id. */
gboolean     lt_release_validate_issue_id (const char      *issue_id,
                                           GError         **error);

G_END_DECLS
