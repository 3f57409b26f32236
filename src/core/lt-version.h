/* lt-version.h: LockThreat version numbers (RULES.md R1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"

G_BEGIN_DECLS

#define LT_TYPE_VERSION (lt_version_get_type ())
#define LT_VERSION_MAX_COMPONENTS 4

GType      lt_version_get_type       (void) G_GNUC_CONST;

/* Accepts "3", "3.3", "3.3.2", "3.3.2.1", an optional leading "v", and an
 * optional pre-release suffix after "-" or "~" ("3.4.0-rc1"). Anything else
 * is LT_ERROR_INVALID_INPUT with a message quoting @text. */
LtVersion *lt_version_parse          (const char       *text,
                                      GError          **error);
LtVersion *lt_version_copy           (const LtVersion  *self);
void       lt_version_free           (LtVersion        *self);

/* Missing components compare as 0; a pre-release sorts before the same
 * version without one. Returns <0, 0 or >0 like strcmp(). */
int        lt_version_compare        (const LtVersion  *a,
                                      const LtVersion  *b);
gboolean   lt_version_equal          (const LtVersion  *a,
                                      const LtVersion  *b);

/* The canonical text: no "v", components as given ("3.3" stays "3.3"),
 * the suffix with its original separator. */
const char *lt_version_to_string     (const LtVersion  *self);
guint      lt_version_get_n_components (const LtVersion *self);
guint      lt_version_get_component  (const LtVersion  *self,
                                      guint             index);
/* NULL when not a pre-release. */
const char *lt_version_get_prerelease (const LtVersion *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtVersion, lt_version_free)

G_END_DECLS
