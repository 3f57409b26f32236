/* lt-bundle-dialog.h: "Attach Diagnostics…", the review before anything
 * leaves
 *
 * The admin picks files and folders; the dialog runs an LtBundleJob
 * (src/bundle/lt-bundle-job.h, the engine `ltsupport bundle create`
 * uses) in a worker thread and shows, per file, the path as the bundle
 * shows it, the replacements per kind, the first findings with their
 * masked excerpts, what was left out and why, what was not scanned and
 * what the caps cut. The admin may exclude a file and add a keyword
 * (this bundle only, or remembered in the profile), then run again.
 * Attach queues every part on the ticket (lt_actions_attach_bundle()),
 * or, in the new-ticket assistant (no ticket yet), hands the parts over
 * with ::bundle-attached. The bundle is written to a folder of its own
 * in the profile's `bundles/` (docs/bundle.md, "In the app").
 *
 * Actions: bundle.add-files, bundle.add-folder, bundle.run, bundle.stop,
 * bundle.exclude (s), bundle.include (s), bundle.remove-path (s),
 * bundle.attach.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-bundle-job.h"
#include "lt-context.h"
#include "lt-ticket.h"

G_BEGIN_DECLS

#define LT_TYPE_BUNDLE_DIALOG (lt_bundle_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LtBundleDialog, lt_bundle_dialog, LT, BUNDLE_DIALOG, AdwWindow)

/* @ticket: (nullable) the ticket the parts are queued on; NULL for a
 * draft: Attach then emits ::bundle-attached and the caller keeps the
 * parts. */
GtkWidget   *lt_bundle_dialog_new            (LtContext      *context,
                                              LtTicket       *ticket);

/* A file or folder, as if chosen (a file named on its own is added even
 * when binary, "not scanned"); the bundle is made again. */
void         lt_bundle_dialog_add_path       (LtBundleDialog *self,
                                              const char     *path,
                                              gboolean        is_folder);
/* What the review's Exclude button and the keyword field do; each runs
 * the job again. @remember: add the keyword to the profile. */
void         lt_bundle_dialog_exclude        (LtBundleDialog *self,
                                              const char     *path);
gboolean     lt_bundle_dialog_add_keyword    (LtBundleDialog *self,
                                              const char     *keyword,
                                              gboolean        remember,
                                              GError        **error);

/* What Attach does; FALSE with @error when the parts could not be
 * queued (the dialog stays open). */
gboolean     lt_bundle_dialog_attach         (LtBundleDialog *self,
                                              GError        **error);

G_END_DECLS
