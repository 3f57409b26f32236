/* lt-bundle-job.h: one diagnostics bundle, from the profile to its parts
 *
 * The one way the CLI (`ltsupport bundle create`) and the app ("Attach
 * Diagnostics…") make a bundle: the profile's redaction map and keywords
 * are loaded from the store, the chosen paths are collected through an
 * LtRedactor by an LtBundleWriter, the admin reviews what was found per
 * file (and may exclude a file or add a keyword and run again), and the
 * grown map is saved back to the profile. Sending the parts is the
 * portal's (lt_actions_attach_bundle()); a job only writes files.
 * docs/bundle.md, "Making a bundle", has the flow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-bundle.h"
#include "lt-redactor.h"
#include "lt-store.h"

G_BEGIN_DECLS

/* The folder of the profile (beside support.db) where the bundles queued
 * on a ticket are written, by `bundle create --ticket` and the app: the
 * outbox reads an attachment from its path when it sends it, so the
 * parts outlive the run (docs/bundle.md, "Making a bundle"). */
#define LT_BUNDLE_JOB_PROFILE_DIR "bundles"

/**
 * LtBundleFileState:
 * @LT_BUNDLE_FILE_SCANNED: text, redacted
 * @LT_BUNDLE_FILE_NOT_SCANNED: a binary file the admin added explicitly,
 *   in the bundle as it is
 * @LT_BUNDLE_FILE_LEFT_OUT: not in the bundle (@left_out_reason says why:
 *   the manifest's reasons, or "excluded" for the admin's exclusion)
 */
typedef enum
{
  LT_BUNDLE_FILE_SCANNED,
  LT_BUNDLE_FILE_NOT_SCANNED,
  LT_BUNDLE_FILE_LEFT_OUT,
} LtBundleFileState;

/**
 * LtBundleReviewFile:
 * @path: the original path (local; never leaves the machine)
 * @shown_path: the path as the bundle shows it (redacted)
 * @state: scanned, not scanned or left out
 * @left_out_reason: (nullable): why it is left out
 * @size_before: bytes of the original read (after the caps)
 * @size_after: bytes in the bundle
 * @truncated_bytes: older bytes left out by the caps
 * @counts: replacements per #LtRedactionKind
 * @findings: (element-type LtRedactionFinding): the first
 *   %LT_REDACTOR_MAX_FINDINGS, with their redacted excerpts
 *
 * What the review shows for one file.
 */
typedef struct
{
  char              *path;
  char              *shown_path;
  LtBundleFileState  state;
  char              *left_out_reason;
  guint64            size_before;
  guint64            size_after;
  guint64            truncated_bytes;
  guint64            counts[LT_REDACTION_N_KINDS];
  GPtrArray         *findings;
} LtBundleReviewFile;

void lt_bundle_review_file_free (LtBundleReviewFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtBundleReviewFile, lt_bundle_review_file_free)

#define LT_TYPE_BUNDLE_JOB (lt_bundle_job_get_type ())
G_DECLARE_FINAL_TYPE (LtBundleJob, lt_bundle_job, LT, BUNDLE_JOB, GObject)

/* A job for @store's profile (its map and keywords are read at each run,
 * so a keyword added in Preferences counts at the next re-run). */
LtBundleJob *lt_bundle_job_new              (LtStore            *store);

/* What to collect: a file or folder (as lt_bundle_writer_add_path()
 * takes it; checked at the run). */
void         lt_bundle_job_add_path         (LtBundleJob        *self,
                                             const char         *path,
                                             LtBundlePathFlags   flags);
/* Leaves the file at @path (an original path of the review) out of the
 * next run; listed as left out, "excluded". */
void         lt_bundle_job_exclude          (LtBundleJob        *self,
                                             const char         *path);
/* A keyword or a regular expression for this job's runs only, beside the
 * profile's (lt_store_list_redaction_keywords()). */
void         lt_bundle_job_add_keyword      (LtBundleJob        *self,
                                             const char         *keyword);
gboolean     lt_bundle_job_add_pattern      (LtBundleJob        *self,
                                             const char         *pattern,
                                             GError            **error);
void         lt_bundle_job_set_file_cap     (LtBundleJob        *self,
                                             guint64             bytes);
void         lt_bundle_job_set_total_cap    (LtBundleJob        *self,
                                             guint64             bytes);
/* The largest part (lt_bundle_writer_set_part_size(); by default the
 * portal's attachment limit), checked at the run. */
void         lt_bundle_job_set_part_size    (LtBundleJob        *self,
                                             guint64             bytes);

/* Collects, redacts and writes the bundle at @output (NAME.tar.gz, or
 * NAME.partNN.tar.gz when it is larger than one attachment), then saves
 * the grown map to the profile. A run replaces the previous run's files
 * and review. The async form runs in a thread; @self must not be changed
 * while it runs. */
gboolean     lt_bundle_job_run              (LtBundleJob        *self,
                                             const char         *output,
                                             GCancellable       *cancellable,
                                             GError            **error);
void         lt_bundle_job_run_async        (LtBundleJob        *self,
                                             const char         *output,
                                             GCancellable       *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer            user_data);
gboolean     lt_bundle_job_run_finish       (LtBundleJob        *self,
                                             GAsyncResult       *result,
                                             GError            **error);

/* After a run: the review (element-type LtBundleReviewFile, in the
 * manifest's order, then the files left out), the parts written
 * (element-type LtBundlePart; the last holds MANIFEST.json, and its
 * SHA-256 is the bundle's), the manifest and the totals per kind.
 * Returns: (transfer none) */
GPtrArray   *lt_bundle_job_get_files        (LtBundleJob        *self);
GPtrArray   *lt_bundle_job_get_parts        (LtBundleJob        *self);
JsonNode    *lt_bundle_job_get_manifest     (LtBundleJob        *self);
const char  *lt_bundle_job_get_sha256       (LtBundleJob        *self);
guint64      lt_bundle_job_get_total        (LtBundleJob        *self,
                                             LtRedactionKind     kind);

/* A file the outbox delivered: when it lies in the profile's
 * %LT_BUNDLE_JOB_PROFILE_DIR (a part written for a ticket), it has done
 * its work and is removed, with its folder once that is empty; a file
 * anywhere else is the admin's and stays. */
void         lt_bundle_job_remove_delivered (LtStore            *store,
                                             const char         *path);

G_END_DECLS
