/* lt-bundle-job.c: one diagnostics bundle, from the profile to its parts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-bundle"

#include "config.h"

#include "lt-bundle-job.h"
#include "lt-error.h"
#include "lt-store-redaction-map.h"
#include "lt-ticket-event.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

/* ---- the review recorder ------------------------------------------------- */

/* What the review needs that the manifest does not hold: the findings
 * with their excerpts, per original path. The writer only sees a line
 * filter, so the redactor is wrapped in one that passes everything on
 * and reads the redactor's findings at the end of each file. A file may
 * pass more than once (a learning pass before the writing one): the last
 * pass is the one written, and replaces what an earlier one recorded. */

typedef struct
{
  guint64    counts[LT_REDACTION_N_KINDS];
  GPtrArray *findings;  /* (element-type LtRedactionFinding) */
} Recorded;

static void
recorded_free (Recorded *rec)
{
  g_clear_pointer (&rec->findings, g_ptr_array_unref);
  g_free (rec);
}

#define LT_TYPE_REVIEW_FILTER (lt_review_filter_get_type ())
G_DECLARE_FINAL_TYPE (LtReviewFilter, lt_review_filter, LT, REVIEW_FILTER, GObject)

struct _LtReviewFilter
{
  GObject parent_instance;

  /* Owned */
  LtRedactor *redactor;
  char       *current;    /* the original path of the file being read */
  GHashTable *originals;  /* shown path → original path */
  GHashTable *recorded;   /* original path → Recorded */
  GString    *scratch;    /* lt_line_filter_learn_line()'s, for a filter without learn_line */
};

static void lt_review_filter_line_filter_init (LtLineFilterInterface *iface);

G_DEFINE_TYPE_WITH_CODE (LtReviewFilter, lt_review_filter, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (LT_TYPE_LINE_FILTER,
                                                lt_review_filter_line_filter_init))

static void
lt_review_filter_dispose (GObject *object)
{
  LtReviewFilter *self = LT_REVIEW_FILTER (object);

  g_clear_object (&self->redactor);
  G_OBJECT_CLASS (lt_review_filter_parent_class)->dispose (object);
}

static void
lt_review_filter_finalize (GObject *object)
{
  LtReviewFilter *self = LT_REVIEW_FILTER (object);

  g_clear_pointer (&self->current, g_free);
  g_clear_pointer (&self->originals, g_hash_table_unref);
  g_clear_pointer (&self->recorded, g_hash_table_unref);
  g_string_free (self->scratch, TRUE);
  G_OBJECT_CLASS (lt_review_filter_parent_class)->finalize (object);
}

static void
lt_review_filter_class_init (LtReviewFilterClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lt_review_filter_dispose;
  G_OBJECT_CLASS (klass)->finalize = lt_review_filter_finalize;
}

static void
lt_review_filter_init (LtReviewFilter *self)
{
  self->originals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) recorded_free);
  self->scratch = g_string_new (NULL);
}

static char *
review_filter_path (LtLineFilter *filter,
                    const char   *path)
{
  LtReviewFilter *self = LT_REVIEW_FILTER (filter);
  char *shown = lt_line_filter_filter_path (LT_LINE_FILTER (self->redactor), path);

  g_hash_table_replace (self->originals, g_strdup (shown), g_strdup (path));
  return shown;
}

static void
review_begin_file (LtLineFilter *filter,
                   const char   *path)
{
  LtReviewFilter *self = LT_REVIEW_FILTER (filter);

  g_free (self->current);
  self->current = g_strdup (path);
  lt_line_filter_begin_file (LT_LINE_FILTER (self->redactor), path);
}

static gboolean
review_filter_line (LtLineFilter  *filter,
                    const char    *line,
                    gsize          length,
                    GString       *out,
                    GError       **error)
{
  LtReviewFilter *self = LT_REVIEW_FILTER (filter);

  return lt_line_filter_filter_line (LT_LINE_FILTER (self->redactor), line, length, out, error);
}

/* The learning pass only grows the map: the redactor's cheaper
 * learn-only line, not a redaction whose text is thrown away. */
static gboolean
review_learn_line (LtLineFilter  *filter,
                   const char    *line,
                   gsize          length,
                   GError       **error)
{
  LtReviewFilter *self = LT_REVIEW_FILTER (filter);

  return lt_line_filter_learn_line (LT_LINE_FILTER (self->redactor), line, length, self->scratch, error);
}

static GHashTable *
review_end_file (LtLineFilter *filter,
                 GString      *out)
{
  LtReviewFilter *self = LT_REVIEW_FILTER (filter);
  GHashTable *counts = lt_line_filter_end_file (LT_LINE_FILTER (self->redactor), out);
  GPtrArray *findings = lt_redactor_get_findings (self->redactor);
  Recorded *rec;

  if (self->current == NULL)
    return counts;
  rec = g_new0 (Recorded, 1);
  rec->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_redaction_finding_free);
  for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
    rec->counts[kind] = lt_redactor_get_count (self->redactor, (LtRedactionKind) kind);
  for (guint i = 0; i < findings->len; i++)
    {
      const LtRedactionFinding *f = g_ptr_array_index (findings, i);
      LtRedactionFinding *copy = g_new0 (LtRedactionFinding, 1);

      copy->kind = f->kind;
      copy->line = f->line;
      copy->excerpt = g_strdup (f->excerpt);
      g_ptr_array_add (rec->findings, copy);
    }
  g_hash_table_replace (self->recorded, g_steal_pointer (&self->current), rec);
  return counts;
}

static void
lt_review_filter_line_filter_init (LtLineFilterInterface *iface)
{
  iface->filter_path = review_filter_path;
  iface->begin_file = review_begin_file;
  iface->filter_line = review_filter_line;
  iface->learn_line = review_learn_line;
  iface->end_file = review_end_file;
}

static LtReviewFilter *
lt_review_filter_new (LtRedactor *redactor)
{
  LtReviewFilter *self = g_object_new (LT_TYPE_REVIEW_FILTER, NULL);

  self->redactor = g_object_ref (redactor);
  return self;
}

/* ---- the job ------------------------------------------------------------- */

typedef struct
{
  char              *path;
  LtBundlePathFlags  flags;
} JobPath;

static void
job_path_free (JobPath *p)
{
  g_free (p->path);
  g_free (p);
}

struct _LtBundleJob
{
  GObject parent_instance;

  /* Owned */
  LtStore    *store;
  GPtrArray  *paths;      /* (element-type JobPath) */
  GPtrArray  *excluded;   /* (element-type filename), canonical, in order */
  GPtrArray  *keywords;   /* (element-type utf8) */
  GPtrArray  *patterns;   /* (element-type utf8) */
  guint64     file_cap;
  guint64     total_cap;
  guint64     part_size;
  gboolean    running;

  /* The last run's results */
  GPtrArray  *files;      /* (element-type LtBundleReviewFile) */
  GPtrArray  *parts;      /* (element-type LtBundlePart) */
  JsonNode   *manifest;
  guint64     totals[LT_REDACTION_N_KINDS];
};

G_DEFINE_TYPE (LtBundleJob, lt_bundle_job, G_TYPE_OBJECT)

void
lt_bundle_review_file_free (LtBundleReviewFile *file)
{
  if (file == NULL)
    return;
  g_free (file->path);
  g_free (file->shown_path);
  g_free (file->left_out_reason);
  g_clear_pointer (&file->findings, g_ptr_array_unref);
  g_free (file);
}

static void
lt_bundle_job_dispose (GObject *object)
{
  LtBundleJob *self = LT_BUNDLE_JOB (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (lt_bundle_job_parent_class)->dispose (object);
}

static void
lt_bundle_job_finalize (GObject *object)
{
  LtBundleJob *self = LT_BUNDLE_JOB (object);

  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->excluded, g_ptr_array_unref);
  g_clear_pointer (&self->keywords, g_ptr_array_unref);
  g_clear_pointer (&self->patterns, g_ptr_array_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  g_clear_pointer (&self->manifest, json_node_unref);
  G_OBJECT_CLASS (lt_bundle_job_parent_class)->finalize (object);
}

static void
lt_bundle_job_class_init (LtBundleJobClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lt_bundle_job_dispose;
  G_OBJECT_CLASS (klass)->finalize = lt_bundle_job_finalize;
}

static void
lt_bundle_job_init (LtBundleJob *self)
{
  self->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) job_path_free);
  self->excluded = g_ptr_array_new_with_free_func (g_free);
  self->keywords = g_ptr_array_new_with_free_func (g_free);
  self->patterns = g_ptr_array_new_with_free_func (g_free);
  self->file_cap = LT_BUNDLE_DEFAULT_FILE_CAP;
  self->total_cap = LT_BUNDLE_DEFAULT_TOTAL_CAP;
  self->part_size = LT_ATTACHMENT_MAX_SIZE;
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_bundle_review_file_free);
  self->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_bundle_part_free);
}

/**
 * lt_bundle_job_new:
 * @store: the profile's store (its redaction map and keywords)
 *
 * Returns: (transfer full): a job with nothing to collect yet
 */
LtBundleJob *
lt_bundle_job_new (LtStore *store)
{
  LtBundleJob *self;

  g_return_val_if_fail (LT_IS_STORE (store), NULL);

  self = g_object_new (LT_TYPE_BUNDLE_JOB, NULL);
  self->store = g_object_ref (store);
  return self;
}

void
lt_bundle_job_add_path (LtBundleJob       *self,
                        const char        *path,
                        LtBundlePathFlags  flags)
{
  JobPath *p;

  g_return_if_fail (LT_IS_BUNDLE_JOB (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!self->running);

  p = g_new0 (JobPath, 1);
  p->path = g_strdup (path);
  p->flags = flags;
  g_ptr_array_add (self->paths, p);
}

void
lt_bundle_job_exclude (LtBundleJob *self,
                       const char  *path)
{
  g_autofree char *canonical = NULL;

  g_return_if_fail (LT_IS_BUNDLE_JOB (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (!self->running);

  canonical = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < self->excluded->len; i++)
    if (g_str_equal (g_ptr_array_index (self->excluded, i), canonical))
      return;
  g_ptr_array_add (self->excluded, g_steal_pointer (&canonical));
}

void
lt_bundle_job_add_keyword (LtBundleJob *self,
                           const char  *keyword)
{
  g_return_if_fail (LT_IS_BUNDLE_JOB (self));
  g_return_if_fail (keyword != NULL);
  g_return_if_fail (!self->running);

  g_ptr_array_add (self->keywords, g_strdup (keyword));
}

/**
 * lt_bundle_job_add_pattern:
 * @self: a job
 * @pattern: a regular expression, as GRegex reads it
 * @error: return location for a #GError
 *
 * Returns: %FALSE with %LT_ERROR_INVALID_INPUT when GRegex cannot compile
 *   @pattern (it is then not added)
 */
gboolean
lt_bundle_job_add_pattern (LtBundleJob  *self,
                           const char   *pattern,
                           GError      **error)
{
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LT_IS_BUNDLE_JOB (self), FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (!self->running, FALSE);

  regex = g_regex_new (pattern, 0, 0, &local_error);
  if (regex == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a valid regular expression: %s"),
                   pattern, local_error->message);
      return FALSE;
    }
  g_ptr_array_add (self->patterns, g_strdup (pattern));
  return TRUE;
}

void
lt_bundle_job_set_file_cap (LtBundleJob *self,
                            guint64      bytes)
{
  g_return_if_fail (LT_IS_BUNDLE_JOB (self));
  self->file_cap = bytes;
}

void
lt_bundle_job_set_total_cap (LtBundleJob *self,
                             guint64      bytes)
{
  g_return_if_fail (LT_IS_BUNDLE_JOB (self));
  self->total_cap = bytes;
}

void
lt_bundle_job_set_part_size (LtBundleJob *self,
                             guint64      bytes)
{
  g_return_if_fail (LT_IS_BUNDLE_JOB (self));
  self->part_size = bytes;
}

/* ---- a run --------------------------------------------------------------- */

/* One run, in three steps: prepared on the caller's thread (the store is
 * used by one thread at a time: the map and keywords are read here),
 * written (in a worker thread for the async form; the store is not
 * touched), completed on the caller's thread (the map saved, the review
 * built). */
typedef struct
{
  char           *output;
  LtRedactionMap *map;
  LtReviewFilter *filter;
  LtBundleWriter *writer;
  GPtrArray      *parts;
} Run;

static void
run_free (Run *run)
{
  g_free (run->output);
  g_clear_object (&run->map);
  g_clear_object (&run->filter);
  g_clear_object (&run->writer);
  g_clear_pointer (&run->parts, g_ptr_array_unref);
  g_free (run);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Run, run_free)

static Run *
run_prepare (LtBundleJob  *self,
             const char   *output,
             GError      **error)
{
  g_autoptr(Run) run = g_new0 (Run, 1);
  g_autoptr(LtRedactor) redactor = NULL;
  g_autoptr(GPtrArray) profile_keywords = NULL;

  if (self->paths->len == 0)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("A bundle needs at least one file or folder"));
      return NULL;
    }
  run->output = g_strdup (output);
  run->map = lt_store_dup_redaction_map (self->store, error);
  if (run->map == NULL)
    return NULL;
  profile_keywords = lt_store_list_redaction_keywords (self->store, error);
  if (profile_keywords == NULL)
    return NULL;

  redactor = lt_redactor_new (run->map);
  for (guint i = 0; i < profile_keywords->len; i++)
    {
      const LtRedactionKeyword *k = g_ptr_array_index (profile_keywords, i);

      if (!k->pattern)
        lt_redactor_add_keyword (redactor, k->text);
      else if (!lt_redactor_add_pattern (redactor, k->text, error))
        return NULL;
    }
  for (guint i = 0; i < self->keywords->len; i++)
    lt_redactor_add_keyword (redactor, g_ptr_array_index (self->keywords, i));
  for (guint i = 0; i < self->patterns->len; i++)
    if (!lt_redactor_add_pattern (redactor, g_ptr_array_index (self->patterns, i), error))
      return NULL;

  run->filter = lt_review_filter_new (redactor);
  run->writer = lt_bundle_writer_new (LT_LINE_FILTER (run->filter));
  lt_bundle_writer_set_file_cap (run->writer, self->file_cap);
  lt_bundle_writer_set_total_cap (run->writer, self->total_cap);
  if (!lt_bundle_writer_set_part_size (run->writer, self->part_size, error))
    return NULL;
  for (guint i = 0; i < self->paths->len; i++)
    {
      const JobPath *p = g_ptr_array_index (self->paths, i);

      if (!lt_bundle_writer_add_path (run->writer, p->path, p->flags, error))
        return NULL;
    }
  for (guint i = 0; i < self->excluded->len; i++)
    lt_bundle_writer_exclude (run->writer, g_ptr_array_index (self->excluded, i));
  return g_steal_pointer (&run);
}

static gboolean
run_write (Run           *run,
           GCancellable  *cancellable,
           GError       **error)
{
  run->parts = lt_bundle_writer_write (run->writer, run->output, cancellable, error);
  return run->parts != NULL;
}

static LtBundleReviewFile *
review_file_new (Run        *run,
                 const char *shown)
{
  LtBundleReviewFile *file = g_new0 (LtBundleReviewFile, 1);
  const char *original = g_hash_table_lookup (run->filter->originals, shown);

  file->path = g_strdup (original != NULL ? original : shown);
  file->shown_path = g_strdup (shown);
  file->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_redaction_finding_free);
  return file;
}

/* The review from the manifest (sizes, states, counts, reasons) and what
 * the filter recorded (original paths, findings). */
static void
build_review (LtBundleJob *self,
              Run         *run)
{
  JsonObject *root = json_node_get_object (self->manifest);
  JsonArray *files = json_object_get_array_member (root, "files");
  JsonArray *left_out = json_object_get_array_member (root, "left_out");

  g_ptr_array_set_size (self->files, 0);
  memset (self->totals, 0, sizeof self->totals);

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *f = json_array_get_object_element (files, i);
      JsonObject *counts = json_object_get_object_member (f, "redactions");
      LtBundleReviewFile *file = review_file_new (run, json_object_get_string_member (f, "path"));
      g_autoptr(GList) kinds = json_object_get_members (counts);
      Recorded *rec;

      file->state = g_str_equal (json_object_get_string_member (f, "scanned"), "not-scanned")
        ? LT_BUNDLE_FILE_NOT_SCANNED : LT_BUNDLE_FILE_SCANNED;
      file->size_before = (guint64) json_object_get_int_member (f, "size_before");
      file->size_after = (guint64) json_object_get_int_member (f, "size_after");
      file->truncated_bytes = (guint64) json_object_get_int_member (f, "truncated_bytes");
      for (GList *l = kinds; l != NULL; l = l->next)
        {
          LtRedactionKind kind;

          if (lt_redaction_kind_from_string (l->data, &kind))
            {
              file->counts[kind] = (guint64) json_object_get_int_member (counts, l->data);
              self->totals[kind] += file->counts[kind];
            }
        }
      rec = file->state == LT_BUNDLE_FILE_SCANNED
        ? g_hash_table_lookup (run->filter->recorded, file->path) : NULL;
      if (rec != NULL)
        for (guint j = 0; j < rec->findings->len; j++)
          {
            const LtRedactionFinding *src = g_ptr_array_index (rec->findings, j);
            LtRedactionFinding *copy = g_new0 (LtRedactionFinding, 1);

            copy->kind = src->kind;
            copy->line = src->line;
            copy->excerpt = g_strdup (src->excerpt);
            g_ptr_array_add (file->findings, copy);
          }
      g_ptr_array_add (self->files, file);
    }

  for (guint i = 0; i < json_array_get_length (left_out); i++)
    {
      JsonObject *f = json_array_get_object_element (left_out, i);
      LtBundleReviewFile *file = review_file_new (run, json_object_get_string_member (f, "path"));

      file->state = LT_BUNDLE_FILE_LEFT_OUT;
      file->left_out_reason = g_strdup (json_object_get_string_member (f, "reason"));
      g_ptr_array_add (self->files, file);
    }

  /* The admin's exclusions: never read, and their names never went
   * through the filter during the run; shown as the map now shows them. */
  for (guint i = 0; i < self->excluded->len; i++)
    {
      const char *path = g_ptr_array_index (self->excluded, i);
      g_autofree char *display = g_filename_display_name (path);
      LtBundleReviewFile *file = g_new0 (LtBundleReviewFile, 1);

      file->path = g_strdup (display);
      file->shown_path = lt_line_filter_filter_path (LT_LINE_FILTER (run->filter->redactor), display);
      file->state = LT_BUNDLE_FILE_LEFT_OUT;
      file->left_out_reason = g_strdup ("excluded");
      file->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_redaction_finding_free);
      g_ptr_array_add (self->files, file);
    }
}

static gboolean
part_written (GPtrArray  *parts,
              const char *path)
{
  for (guint i = 0; i < parts->len; i++)
    if (g_str_equal (((LtBundlePart *) g_ptr_array_index (parts, i))->path, path))
      return TRUE;
  return FALSE;
}

static gboolean
run_complete (LtBundleJob  *self,
              Run          *run,
              GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  /* The map grew with this run's names: saved before anything is shown,
   * so the next bundle of the profile numbers on from here. */
  if (!lt_store_set_redaction_map (self->store, run->map, now, error))
    {
      for (guint i = 0; i < run->parts->len; i++)
        g_unlink (((LtBundlePart *) g_ptr_array_index (run->parts, i))->path);
      return FALSE;
    }

  /* A re-run replaces the previous run's files: a part of the last run
   * that this one did not write again would otherwise be sent with it. */
  for (guint i = 0; i < self->parts->len; i++)
    {
      const char *old = ((LtBundlePart *) g_ptr_array_index (self->parts, i))->path;

      if (!part_written (run->parts, old))
        g_unlink (old);
    }
  g_clear_pointer (&self->parts, g_ptr_array_unref);
  self->parts = g_steal_pointer (&run->parts);
  g_clear_pointer (&self->manifest, json_node_unref);
  self->manifest = json_node_copy (lt_bundle_writer_get_manifest (run->writer));
  build_review (self, run);
  return TRUE;
}

/**
 * lt_bundle_job_run:
 * @self: a job with its paths
 * @output: the bundle's file name, ending in ".tar.gz"
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the bundle is written and the map saved; on failure
 *   no part is left and the previous run's results stay
 */
gboolean
lt_bundle_job_run (LtBundleJob   *self,
                   const char    *output,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(Run) run = NULL;

  g_return_val_if_fail (LT_IS_BUNDLE_JOB (self), FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (!self->running, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  run = run_prepare (self, output, error);
  return run != NULL && run_write (run, cancellable, error) && run_complete (self, run, error);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (run_write (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back on the caller's thread: the store is written here, not in the
 * worker. */
static void
run_written_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LtBundleJob *self = LT_BUNDLE_JOB (source);
  g_autoptr(GTask) outer = user_data;
  Run *run = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  self->running = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error) ||
      !run_complete (self, run, &error))
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * lt_bundle_job_run_async:
 * @self: a job with its paths
 * @output: the bundle's file name
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 * @user_data: for @callback
 *
 * lt_bundle_job_run() with the collecting and writing in a worker
 * thread. The profile's map and keywords are read before it starts and
 * the map is saved after it ends, on the caller's thread (an #LtStore is
 * used by one thread at a time).
 */
void
lt_bundle_job_run_async (LtBundleJob         *self,
                         const char          *output,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  Run *run;

  g_return_if_fail (LT_IS_BUNDLE_JOB (self));
  g_return_if_fail (output != NULL);
  g_return_if_fail (!self->running);

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, lt_bundle_job_run_async);
  run = run_prepare (self, output, &error);
  if (run == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }
  self->running = TRUE;
  inner = g_task_new (self, cancellable, run_written_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, run, (GDestroyNotify) run_free);
  g_task_set_return_on_cancel (inner, FALSE);
  g_task_run_in_thread (inner, run_thread);
}

gboolean
lt_bundle_job_run_finish (LtBundleJob   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (LT_IS_BUNDLE_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lt_bundle_job_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- results ------------------------------------------------------------- */

GPtrArray *
lt_bundle_job_get_files (LtBundleJob *self)
{
  g_return_val_if_fail (LT_IS_BUNDLE_JOB (self), NULL);
  return self->files;
}

GPtrArray *
lt_bundle_job_get_parts (LtBundleJob *self)
{
  g_return_val_if_fail (LT_IS_BUNDLE_JOB (self), NULL);
  return self->parts;
}

/**
 * lt_bundle_job_get_manifest:
 * @self: a job
 *
 * Returns: (transfer none) (nullable): MANIFEST.json of the last run
 */
JsonNode *
lt_bundle_job_get_manifest (LtBundleJob *self)
{
  g_return_val_if_fail (LT_IS_BUNDLE_JOB (self), NULL);
  return self->manifest;
}

/**
 * lt_bundle_job_get_sha256:
 * @self: a job
 *
 * Returns: (nullable): the bundle's SHA-256 (its last part's, which holds
 *   the manifest), or %NULL before a run
 */
const char *
lt_bundle_job_get_sha256 (LtBundleJob *self)
{
  g_return_val_if_fail (LT_IS_BUNDLE_JOB (self), NULL);

  if (self->parts->len == 0)
    return NULL;
  return ((LtBundlePart *) g_ptr_array_index (self->parts, self->parts->len - 1))->sha256;
}

guint64
lt_bundle_job_get_total (LtBundleJob     *self,
                         LtRedactionKind  kind)
{
  g_return_val_if_fail (LT_IS_BUNDLE_JOB (self), 0);
  g_return_val_if_fail ((guint) kind < LT_REDACTION_N_KINDS, 0);
  return self->totals[kind];
}

void
lt_bundle_job_remove_delivered (LtStore    *store,
                                const char *path)
{
  g_autofree char *profile = NULL;
  g_autofree char *bundles = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *file = NULL;
  g_autofree char *folder = NULL;

  g_return_if_fail (LT_IS_STORE (store));
  g_return_if_fail (path != NULL);

  profile = g_path_get_dirname (lt_store_get_path (store));
  bundles = g_canonicalize_filename (LT_BUNDLE_JOB_PROFILE_DIR, profile);
  prefix = g_strconcat (bundles, G_DIR_SEPARATOR_S, NULL);
  file = g_canonicalize_filename (path, NULL);
  if (!g_str_has_prefix (file, prefix))
    return;

  /* What is left is only disk space: a failure is no reason to fail the
   * item the portal has. */
  if (g_unlink (file) != 0 && errno != ENOENT)
    g_debug ("Could not remove the delivered part %s: %s", file, g_strerror (errno));
  folder = g_path_get_dirname (file);
  if (!g_str_equal (folder, bundles))
    g_rmdir (folder);
}
