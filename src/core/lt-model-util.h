/* lt-model-util.h: what the plain models share when a property changes
 *
 * Internal to src/core: the setters of every model compare the old and new
 * value with these, so "notify only on a real change" means the same thing
 * everywhere (instants by g_date_time_equal, strings by g_strcmp0).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @instant as a UTC GDateTime (a new reference); NULL stays NULL. */
GDateTime *lt_model_instant_to_utc   (GDateTime          *instant);

/* Each returns TRUE when *@field changed and was replaced by a copy of
 * @value; FALSE (and *@field untouched) when both are equal. */
gboolean   lt_model_set_instant      (GDateTime         **field,
                                      GDateTime          *value);
gboolean   lt_model_set_string       (char              **field,
                                      const char         *value);
/* For values shared by many objects (a category id, a version): the
 * field holds an interned string, so 100,000 tickets of one product
 * version cost one allocation, not 100,000. */
gboolean   lt_model_set_interned     (const char        **field,
                                      const char         *value);
/* An empty vector is stored as NULL so that objects without one allocate
 * nothing. */
gboolean   lt_model_set_strv         (char             ***field,
                                      const char * const *value);

G_END_DECLS
