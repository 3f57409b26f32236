/* lt-bundle-dialog-private.h: what the tests reach inside lt-bundle-dialog
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-bundle-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-bundle-dialog.h"

G_BEGIN_DECLS

/* Whether a run is going on; the last finished run's job (NULL before
 * one succeeded) and its error. */
gboolean     lt_bundle_dialog_is_running     (LtBundleDialog *self);

LtBundleJob *lt_bundle_dialog_get_job        (LtBundleDialog *self);

const GError *lt_bundle_dialog_get_error     (LtBundleDialog *self);

/* The folder of the profile's `bundles/` that holds the last run's parts. */
const char  *lt_bundle_dialog_get_directory  (LtBundleDialog *self);

G_END_DECLS
