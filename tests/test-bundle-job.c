/* test-bundle-job.c: a bundle made from a profile (LtBundleJob)
 *
 * The corpus of tests/data/bundle/corpus bundled by jobs of one profile,
 * whose store is a real sqlite file: the map the first job grows is saved
 * in the profile and gives the same names to the second (checked by
 * tests/check-redaction.py with --also), it is never in a bundle, the
 * review shows per file what the manifest counts with excerpts that hold
 * no original, an excluded file is not in the re-run's bundle, and a
 * keyword added to the profile is replaced at the next run. The profile's
 * keywords (words and checked patterns) are the store's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-bundle-job"

#include "config.h"

#include "lt-bundle-job.h"
#include "lt-error.h"
#include "lt-store-redaction-map.h"
#include "lt-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static const char *
python (void)
{
  const char *p = g_getenv ("LT_PYTHON");

  return p != NULL ? p : "python3";
}

/* A profile of its own for each test, in @dir. */
static LtStore *
open_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "support.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  LtStore *store = lt_store_open (path, &notice, &error);

  g_assert_no_error (error);
  g_assert_no_error (notice);
  g_assert_nonnull (store);
  return store;
}

static char *
corpus_path (void)
{
  g_autofree char *dist = g_test_build_filename (G_TEST_DIST, "data", "bundle", "corpus", NULL);

  return g_canonicalize_filename (dist, NULL);
}

static char *
run (const char * const *argv,
     int                *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s: %s", argv[0], err);
  return out;
}

static void
remove_tree (const char *dir)
{
  const char *argv[] = { "rm", "-rf", dir, NULL };
  int status = 0;

  g_free (run (argv, &status));
}

/* Extracts @bundle into a new folder @dir. */
static void
extract (const char *bundle,
         const char *dir)
{
  const char *argv[] = { "tar", "-xzf", bundle, "-C", dir, NULL };
  int status = 0;
  g_autofree char *out = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  out = run (argv, &status);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* The profile's keywords as the answer key configures them. */
static void
add_key_keywords (LtStore *store)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-06T12:00:00Z");
  g_autoptr(GError) error = NULL;

  {
    gboolean ok_ = lt_store_add_redaction_keyword (store, "Bluefin", FALSE, now, &error);

    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  {
    gboolean ok_ = lt_store_add_redaction_keyword (store, "CUST-[0-9]{6}", TRUE, now, &error);

    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  {
    gboolean ok_ = lt_store_add_redaction_keyword (store, "EMP[0-9]{5}", TRUE, now, &error);

    g_assert_no_error (error);
    g_assert_true (ok_);
  }
}

static LtBundleJob *
run_job (LtStore    *store,
         const char *corpus,
         const char *output)
{
  LtBundleJob *job = lt_bundle_job_new (store);
  g_autoptr(GError) error = NULL;

  lt_bundle_job_add_path (job, corpus, LT_BUNDLE_PATH_NONE);
  {
    gboolean ok_ = lt_bundle_job_run (job, output, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  return job;
}

static char *
map_json (LtStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtRedactionMap) map = lt_store_get_redaction_map (store, &error);
  g_autoptr(JsonNode) node = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (map);
  node = lt_redaction_map_to_json (map);
  return json_to_string (node, FALSE);
}

static LtBundleReviewFile *
find_file (LtBundleJob *job,
           const char  *path)
{
  GPtrArray *files = lt_bundle_job_get_files (job);

  for (guint i = 0; i < files->len; i++)
    {
      LtBundleReviewFile *file = g_ptr_array_index (files, i);

      if (g_str_equal (file->path, path))
        return file;
    }
  return NULL;
}

static gboolean
tree_contains (const char *dir,
               const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          if (tree_contains (path, needle))
            return TRUE;
          continue;
        }
      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      if (g_strstr_len (text, (gssize) length, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* Two jobs of one profile, the second started after the store was closed
 * and opened again: the map is saved in the file and numbers the second
 * bundle's names as the first; check-redaction.py finds no inconsistency
 * between them and no original (nor the map) in either. */
static void
test_consistency (void)
{
  g_autofree char *corpus = corpus_path ();
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "bundle", "answer-key.json", NULL);
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-redaction.py", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-bundle-job-XXXXXX", &error);
  g_autofree char *first = g_build_filename (tmp, "first.tar.gz", NULL);
  g_autofree char *second = g_build_filename (tmp, "second.tar.gz", NULL);
  g_autofree char *x1 = g_build_filename (tmp, "x1", NULL);
  g_autofree char *x2 = g_build_filename (tmp, "x2", NULL);
  g_autofree char *files1 = g_build_filename (x1, "files", corpus, NULL);
  g_autofree char *files2 = g_build_filename (x2, "files", corpus, NULL);
  g_autofree char *map_path = g_build_filename (tmp, "map.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *report_text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *faults;
  int status = 0;

  g_assert_no_error (error);
  {
    g_autoptr(LtStore) store = open_store (tmp);
    g_autoptr(LtBundleJob) job = NULL;
    g_autofree char *empty = map_json (store);

    add_key_keywords (store);
    job = run_job (store, corpus, first);
    json = map_json (store);
    /* The first run saved what it learnt. */
    g_assert_cmpstr (json, !=, empty);
    g_assert_cmpuint (lt_bundle_job_get_parts (job)->len, ==, 1);
    g_assert_cmpstr (lt_bundle_job_get_sha256 (job), ==,
                     ((LtBundlePart *) g_ptr_array_index (lt_bundle_job_get_parts (job), 0))->sha256);
  }
  {
    g_autoptr(LtStore) store = open_store (tmp);
    g_autoptr(LtBundleJob) job = NULL;
    g_autofree char *again = map_json (store);

    /* Read back from the file as it was saved. */
    g_assert_cmpstr (again, ==, json);
    job = run_job (store, corpus, second);
    g_free (json);
    json = map_json (store);
    /* Nothing new to learn: the same names. */
    g_assert_cmpstr (json, ==, again);
  }

  g_file_set_contents (map_path, json, -1, &error);
  g_assert_no_error (error);
  extract (first, x1);
  extract (second, x2);
  /* The map, whole, is in neither bundle (check-redaction.py looks for
   * each of its originals as well: "leak"). */
  g_assert_false (tree_contains (x1, json));
  g_assert_false (tree_contains (x2, json));
  g_assert_false (tree_contains (x2, "\"tables\""));

  {
    const char *argv[] = { python (), checker, "--json", "--also", files2,
                           corpus, key, files1, map_path, NULL };

    report_text = run (argv, &status);
  }
  json_parser_load_from_data (parser, report_text, -1, &error);
  g_assert_no_error (error);
  faults = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "faults");
  for (guint i = 0; i < json_array_get_length (faults); i++)
    {
      JsonObject *fault = json_array_get_object_element (faults, i);

      g_test_message ("fault %s: %s %s %s: %s", json_object_get_string_member (fault, "fault"),
                      json_object_get_string_member_with_default (fault, "bundle", "first"),
                      json_object_get_string_member_with_default (fault, "file", ""),
                      json_object_get_string_member_with_default (fault, "kind", ""),
                      json_object_get_string_member_with_default (fault, "detail", ""));
    }
  /* A first bundle is complete (the writer's learning pass), and the
   * second, made with the map the first saved, names everything as the
   * first did: no fault in either. */
  g_assert_cmpuint (json_array_get_length (faults), ==, 0);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (json_parser_get_root (parser)),
                                                 "passed"));
  remove_tree (tmp);
}

/* The review: one entry per file of the manifest with the manifest's
 * counts, totals that add them up, findings with excerpts that hold no
 * original, and nothing found in the control files. */
static void
test_findings (void)
{
  g_autofree char *corpus = corpus_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-bundle-job-XXXXXX", &error);
  g_autofree char *output = g_build_filename (tmp, "b.tar.gz", NULL);
  g_autoptr(LtStore) store = open_store (tmp);
  g_autoptr(LtBundleJob) job = NULL;
  g_autoptr(LtRedactionMap) map = NULL;
  g_autofree char *syslog = g_build_filename (corpus, "syslog", "syslog", NULL);
  g_autofree char *control = g_build_filename (corpus, "control", "upgrade.log", NULL);
  JsonArray *manifest_files;
  GPtrArray *files;
  LtBundleReviewFile *file;
  guint64 sums[LT_REDACTION_N_KINDS] = { 0, };

  g_assert_no_error (error);
  add_key_keywords (store);
  job = run_job (store, corpus, output);
  map = lt_store_get_redaction_map (store, &error);
  g_assert_no_error (error);

  files = lt_bundle_job_get_files (job);
  manifest_files = json_object_get_array_member (json_node_get_object (lt_bundle_job_get_manifest (job)),
                                                 "files");
  g_assert_cmpuint (files->len, ==, 21);
  g_assert_cmpuint (json_array_get_length (manifest_files), ==, 21);
  for (guint i = 0; i < files->len; i++)
    {
      LtBundleReviewFile *f = g_ptr_array_index (files, i);
      JsonObject *m = json_array_get_object_element (manifest_files, i);
      JsonObject *counts = json_object_get_object_member (m, "redactions");
      guint64 n_counted = 0;

      g_assert_cmpint (f->state, ==, LT_BUNDLE_FILE_SCANNED);
      g_assert_true (g_str_has_prefix (f->path, corpus));
      g_assert_cmpstr (f->shown_path, ==, json_object_get_string_member (m, "path"));
      g_assert_cmpuint (f->size_after, ==, json_object_get_int_member (m, "size_after"));
      for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
        {
          const char *name = lt_redaction_kind_to_string (kind);

          g_assert_cmpuint (f->counts[kind], ==,
                            json_object_get_int_member_with_default (counts, name, 0));
          sums[kind] += f->counts[kind];
          n_counted += f->counts[kind];
        }
      /* The first findings of the file, at most the redactor's number. */
      g_assert_cmpuint (f->findings->len, ==, MIN (n_counted, LT_REDACTOR_MAX_FINDINGS));
      for (guint j = 0; j < f->findings->len; j++)
        {
          LtRedactionFinding *finding = g_ptr_array_index (f->findings, j);
          g_autoptr(GPtrArray) originals = NULL;

          g_assert_cmpuint (f->counts[finding->kind], >, 0);
          g_assert_cmpuint (finding->line, >=, 1);
          /* An excerpt shows only what leaves: unmasking it finds
           * replacements, and no excerpt holds an original. */
          originals = lt_redaction_map_unmask (map, finding->excerpt);
          for (guint k = 0; k < originals->len; k++)
            {
              LtRedactionUnmasked *u = g_ptr_array_index (originals, k);

              g_assert_null (strstr (finding->excerpt, u->original));
            }
        }
    }
  for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
    g_assert_cmpuint (lt_bundle_job_get_total (job, kind), ==, sums[kind]);

  file = find_file (job, syslog);
  g_assert_nonnull (file);
  /* The syslog plants 12 host names, 8 IPv4 and 2 MAC addresses. */
  g_assert_cmpuint (file->counts[LT_REDACTION_KIND_MAC], >=, 2);
  g_assert_cmpuint (file->counts[LT_REDACTION_KIND_IPV4], >=, 8);
  g_assert_cmpuint (file->findings->len, ==, LT_REDACTOR_MAX_FINDINGS);

  file = find_file (job, control);
  g_assert_nonnull (file);
  g_assert_cmpuint (file->findings->len, ==, 0);
  for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
    g_assert_cmpuint (file->counts[kind], ==, 0);
  remove_tree (tmp);
}

/* A file excluded after the review is not in the re-run's bundle, which
 * replaces the first at the same name; the review lists it left out,
 * "excluded", and the manifest does not name it. */
static void
test_exclude (void)
{
  g_autofree char *corpus = corpus_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-bundle-job-XXXXXX", &error);
  g_autofree char *output = g_build_filename (tmp, "b.tar.gz", NULL);
  g_autofree char *syslog = g_build_filename (corpus, "syslog", "syslog", NULL);
  g_autofree char *first_sha = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(LtStore) store = open_store (tmp);
  g_autoptr(LtBundleJob) job = lt_bundle_job_new (store);
  LtBundleReviewFile *file;
  JsonObject *manifest;
  g_autofree char *manifest_text = NULL;
  GPtrArray *parts;
  int status = 0;

  g_assert_no_error (error);
  lt_bundle_job_add_path (job, corpus, LT_BUNDLE_PATH_NONE);
  {
    gboolean ok_ = lt_bundle_job_run (job, output, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  first_sha = g_strdup (lt_bundle_job_get_sha256 (job));
  file = find_file (job, syslog);
  g_assert_nonnull (file);
  g_assert_cmpint (file->state, ==, LT_BUNDLE_FILE_SCANNED);

  lt_bundle_job_exclude (job, syslog);
  {
    gboolean ok_ = lt_bundle_job_run (job, output, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  g_assert_cmpstr (lt_bundle_job_get_sha256 (job), !=, first_sha);
  parts = lt_bundle_job_get_parts (job);
  g_assert_cmpuint (parts->len, ==, 1);
  g_assert_cmpstr (((LtBundlePart *) g_ptr_array_index (parts, 0))->path, ==, output);

  file = find_file (job, syslog);
  g_assert_nonnull (file);
  g_assert_cmpint (file->state, ==, LT_BUNDLE_FILE_LEFT_OUT);
  g_assert_cmpstr (file->left_out_reason, ==, "excluded");
  g_assert_cmpuint (file->findings->len, ==, 0);
  /* 20 in the bundle, the excluded one after them. */
  g_assert_cmpuint (lt_bundle_job_get_files (job)->len, ==, 21);
  g_assert_true (g_ptr_array_index (lt_bundle_job_get_files (job), 20) == file);

  manifest = json_node_get_object (lt_bundle_job_get_manifest (job));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "files")), ==, 20);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "left_out")), ==, 0);
  manifest_text = json_to_string (lt_bundle_job_get_manifest (job), FALSE);
  g_assert_null (strstr (manifest_text, "/syslog/syslog"));
  {
    const char *argv[] = { "tar", "-tzf", output, NULL };

    listing = run (argv, &status);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_null (strstr (listing, "/syslog/syslog"));
  g_assert_nonnull (strstr (listing, "/nginx/access.log"));
  remove_tree (tmp);
}

/* A keyword added to the profile between two runs of one job is replaced
 * in the second: the profile's keywords are read at each run. */
static void
test_keyword_rerun (void)
{
  g_autofree char *corpus = corpus_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-bundle-job-XXXXXX", &error);
  g_autofree char *output = g_build_filename (tmp, "b.tar.gz", NULL);
  g_autofree char *x1 = g_build_filename (tmp, "x1", NULL);
  g_autofree char *x2 = g_build_filename (tmp, "x2", NULL);
  g_autofree char *correlation = g_build_filename (corpus, "lockthreat", "correlation.log", NULL);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-06T12:00:00Z");
  g_autoptr(LtStore) store = open_store (tmp);
  g_autoptr(LtBundleJob) job = lt_bundle_job_new (store);
  LtBundleReviewFile *file;
  gboolean found = FALSE;

  g_assert_no_error (error);
  lt_bundle_job_add_path (job, corpus, LT_BUNDLE_PATH_NONE);
  {
    gboolean ok_ = lt_bundle_job_run (job, output, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  extract (output, x1);
  g_assert_true (tree_contains (x1, "Bluefin"));
  g_assert_cmpuint (lt_bundle_job_get_total (job, LT_REDACTION_KIND_KEYWORD), ==, 0);

  {
    gboolean ok_ = lt_store_add_redaction_keyword (store, "bluefin", FALSE, now, &error);

    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  {
    gboolean ok_ = lt_bundle_job_run (job, output, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok_);
  }
  extract (output, x2);
  g_assert_false (tree_contains (x2, "Bluefin"));
  /* agent.yaml, correlation.log (twice) and the Windows agent's log. */
  g_assert_cmpuint (lt_bundle_job_get_total (job, LT_REDACTION_KIND_KEYWORD), ==, 4);
  file = find_file (job, correlation);
  g_assert_nonnull (file);
  g_assert_cmpuint (file->counts[LT_REDACTION_KIND_KEYWORD], ==, 2);
  for (guint i = 0; i < file->findings->len; i++)
    {
      LtRedactionFinding *f = g_ptr_array_index (file->findings, i);

      if (f->kind == LT_REDACTION_KIND_KEYWORD)
        {
          g_assert_nonnull (strstr (f->excerpt, "keyword0"));
          found = TRUE;
        }
    }
  g_assert_true (found);
  remove_tree (tmp);
}

/* The profile's keywords in the real file: words and patterns, a bad
 * pattern refused before it is saved, removal. */
static void
test_store_keywords (void)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-06T12:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-bundle-job-XXXXXX", &error);
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(LtStore) store = open_store (tmp);

    {
      gboolean ok_ = lt_store_add_redaction_keyword (store, "  Bluefin ", FALSE, now, &error);

      g_assert_no_error (error);
      g_assert_true (ok_);
    }
    {
      gboolean ok_ = lt_store_add_redaction_keyword (store, "Bluefin", FALSE, now, &error);

      g_assert_no_error (error);
      g_assert_true (ok_);
    }
    {
      gboolean ok_ = lt_store_add_redaction_keyword (store, "CUST-[0-9]{6}", TRUE, now, &error);

      g_assert_no_error (error);
      g_assert_true (ok_);
    }
    {
      gboolean ok_ = lt_store_add_redaction_keyword (store, "Bluefin", TRUE, now, &error);

      g_assert_no_error (error);
      g_assert_true (ok_);
    }
    g_assert_false (lt_store_add_redaction_keyword (store, "CUST-[0-9", TRUE, now, &error));
    g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    g_assert_false (lt_store_add_redaction_keyword (store, "   ", FALSE, now, &error));
    g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }
  {
    g_autoptr(LtStore) store = open_store (tmp);
    LtRedactionKeyword *k;

    list = lt_store_list_redaction_keywords (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 3);
    k = g_ptr_array_index (list, 0);
    g_assert_cmpstr (k->text, ==, "Bluefin");
    g_assert_false (k->pattern);
    k = g_ptr_array_index (list, 1);
    g_assert_cmpstr (k->text, ==, "Bluefin");
    g_assert_true (k->pattern);
    k = g_ptr_array_index (list, 2);
    g_assert_cmpstr (k->text, ==, "CUST-[0-9]{6}");
    g_assert_true (k->pattern);

    {
      gboolean ok_ = lt_store_remove_redaction_keyword (store, "Bluefin", &error);

      g_assert_no_error (error);
      g_assert_true (ok_);
    }
    g_assert_false (lt_store_remove_redaction_keyword (store, "Bluefin", &error));
    g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = lt_store_list_redaction_keywords (store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
  }
  remove_tree (tmp);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  lt_bundle_job_run_finish (LT_BUNDLE_JOB (source), result, error);
  *(gboolean *) g_object_get_data (source, "done") = TRUE;
}

/* The async form: the bundle the sync form gives, the review, and the
 * map saved to the profile when it ends (on the caller's thread). */
static void
test_async (void)
{
  g_autofree char *corpus = corpus_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-bundle-job-XXXXXX", &error);
  g_autofree char *one = g_build_filename (tmp, "one.tar.gz", NULL);
  g_autofree char *two = g_build_filename (tmp, "two.tar.gz", NULL);
  g_autoptr(LtStore) store = open_store (tmp);
  g_autoptr(LtBundleJob) job = lt_bundle_job_new (store);
  g_autoptr(LtBundleJob) again = NULL;
  g_autoptr(GError) run_error = NULL;
  g_autofree char *empty = map_json (store);
  g_autofree char *saved = NULL;
  gboolean done = FALSE;

  g_assert_no_error (error);
  lt_bundle_job_add_path (job, corpus, LT_BUNDLE_PATH_NONE);
  g_object_set_data (G_OBJECT (job), "done", &done);
  lt_bundle_job_run_async (job, one, NULL, run_done_cb, &run_error);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (run_error);
  g_assert_cmpuint (lt_bundle_job_get_files (job)->len, ==, 21);
  g_assert_nonnull (lt_bundle_job_get_sha256 (job));
  saved = map_json (store);
  g_assert_cmpstr (saved, !=, empty);

  /* The learning pass made that first bundle complete: a sync run with
   * the map it saved gives the same bytes. */
  again = run_job (store, corpus, two);
  g_assert_cmpstr (lt_bundle_job_get_sha256 (again), ==, lt_bundle_job_get_sha256 (job));
  remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/bundle-job/consistency", test_consistency);
  g_test_add_func ("/lt/bundle-job/findings", test_findings);
  g_test_add_func ("/lt/bundle-job/exclude", test_exclude);
  g_test_add_func ("/lt/bundle-job/keyword-rerun", test_keyword_rerun);
  g_test_add_func ("/lt/bundle-job/store-keywords", test_store_keywords);
  g_test_add_func ("/lt/bundle-job/async", test_async);

  return g_test_run ();
}
