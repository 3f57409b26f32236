/* bench-bundle.c: `bundle create` over generated logs, against gzip -6
 *
 *   bench-bundle [--runs N] [--filter redactor|copy] [--no-learning] [--output FILE] DIR
 *
 * DIR is the output of tests/bench/gen-bundle-logs.py (logs laid out like
 * the bundle corpus, with fresh identities and secrets in every line).
 * Bundles DIR as `ltsupport bundle create` does: an LtBundleWriter with
 * the real redactor (a new map, the corpus's keyword and expressions) as
 * its line filter, no caps, one part; then compresses the same files with
 * `gzip -6`. The two alternate, N times each (default 3); the medians are
 * compared. With --filter copy the filter copies each line (the cost of
 * the collection and the archive alone); --no-learning leaves out the
 * writer's learning pass. --output keeps the last bundle in FILE (two
 * builds of the engine give the same bytes when they redact alike).
 *
 * Peak memory: the bundle runs in a child process of its own (a fork per
 * run), whose ru_maxrss is the peak resident memory of one bundle from
 * start to end, against gzip's own peak. The processor time of each
 * child is printed too: on a machine shared with other work it says what
 * the wall times cannot.
 *
 * Prints, for run-bench.sh:
 *   RESULT bundle-create <bundle ms> <gzip -6 ms> ms
 *   RESULT bundle-memory <bundle peak MiB> <gzip -6 peak MiB> MiB
 * (the measure names change with --filter copy and --no-learning, so that
 * a figure is never mistaken for another).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-bundle.h"
#include "lt-redactor.h"

#include "bench-util.h"
#include "lt-test-bundle.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static gboolean use_copy = FALSE;
static gboolean no_learning = FALSE;
static char *keep = NULL;

/* One bundle of @in into @out, in this (child) process; the exit status
 * says whether it was written. */
static int
bundle_once (const char *in,
             const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(GObject) filter = NULL;
  g_autoptr(LtBundleWriter) writer = NULL;
  g_autoptr(GPtrArray) parts = NULL;

  if (use_copy)
    filter = G_OBJECT (lt_test_copy_filter_new ());
  else
    {
      LtRedactor *redactor = lt_redactor_new (map);

      /* What the corpus's admin configured (tests/data/bundle/
       * answer-key.json, "config"): an admin's words cost a little on
       * every line, as they would in use. */
      lt_redactor_add_keyword (redactor, "Bluefin");
      if (!lt_redactor_add_pattern (redactor, "CUST-[0-9]{6}", &error) ||
          !lt_redactor_add_pattern (redactor, "EMP[0-9]{5}", &error))
        {
          g_printerr ("bench-bundle: %s\n", error->message);
          return 2;
        }
      filter = G_OBJECT (redactor);
    }

  writer = lt_bundle_writer_new (LT_LINE_FILTER (filter));
  lt_bundle_writer_set_file_cap (writer, 0);
  lt_bundle_writer_set_total_cap (writer, 0);
  lt_bundle_writer_set_learning_pass (writer, !no_learning);
  if (!lt_bundle_writer_set_part_size (writer, 0, &error) ||
      !lt_bundle_writer_add_path (writer, in, LT_BUNDLE_PATH_NONE, &error) ||
      (parts = lt_bundle_writer_write (writer, out, NULL, &error)) == NULL)
    {
      g_printerr ("bench-bundle: %s\n", error->message);
      return 2;
    }
  return 0;
}

/* Runs @argv (or, when NULL, one bundle in a forked child) and returns
 * its wall time in ms; *@peak_kib is the child's ru_maxrss, *@cpu_ms its
 * processor time (user and system), which other work on a shared
 * machine moves far less than the wall time. */
static double
timed_child (char       **argv,
             const char  *in,
             const char  *out,
             glong       *peak_kib,
             double      *cpu_ms)
{
  gint64 t0 = g_get_monotonic_time ();
  struct rusage usage;
  int status = 0;
  pid_t pid;

  fflush (NULL);
  pid = fork ();
  if (pid < 0)
    {
      perror ("bench-bundle: fork");
      exit (2);
    }
  if (pid == 0)
    {
      if (argv != NULL)
        {
          execvp (argv[0], argv);
          _exit (127);
        }
      _exit (bundle_once (in, out));
    }
  if (wait4 (pid, &status, 0, &usage) != pid || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_printerr ("bench-bundle: %s failed\n", argv != NULL ? argv[0] : "the bundle");
      exit (2);
    }
  *peak_kib = usage.ru_maxrss;
  *cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
            + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
  return (g_get_monotonic_time () - t0) / 1000.0;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every regular file under @dir, sorted (gzip -6 reads them in the order
 * the bundle does). */
static void
list_files (const char *dir,
            GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    {
      const char *path = g_ptr_array_index (names, i);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_files (path, files);
      else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_strdup (path));
    }
}

int
main (int    argc,
      char **argv)
{
  int runs = 3;
  const char *filter_name = "redactor";
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Alternated runs of each (default 3)", "N" },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter_name, "redactor (default) or copy", "NAME" },
    { "no-learning", 0, 0, G_OPTION_ARG_NONE, &no_learning, "Without the learning pass", NULL },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the last bundle in FILE", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DIR");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) gzip_argv = g_ptr_array_new ();
  g_autoptr(GArray) bundle_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gzip_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bundle_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) gzip_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *tmp = NULL;
  g_autofree char *out = NULL;
  g_autofree char *in = NULL;
  g_autofree char *gz_out = NULL;
  const char *measure;
  const char *memory_measure;
  guint64 input_bytes = 0;
  guint64 bundle_bytes = 0;
  glong bundle_peak = 0, gzip_peak = 0;
  double bundle_median, gzip_median;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1 ||
      (strcmp (filter_name, "redactor") != 0 && strcmp (filter_name, "copy") != 0))
    {
      g_printerr ("usage: bench-bundle [--runs N] [--filter redactor|copy] [--no-learning] "
                  "[--output FILE] DIR\n");
      return 2;
    }
  use_copy = strcmp (filter_name, "copy") == 0;
  in = g_canonicalize_filename (argv[1], NULL);
  list_files (in, files);
  if (files->len == 0)
    {
      g_printerr ("bench-bundle: no files in %s\n", in);
      return 2;
    }
  for (guint i = 0; i < files->len; i++)
    {
      GStatBuf st;

      if (g_stat (g_ptr_array_index (files, i), &st) == 0)
        input_bytes += (guint64) st.st_size;
    }

  tmp = g_dir_make_tmp ("bench-bundle-XXXXXX", &error);
  if (tmp == NULL)
    {
      g_printerr ("bench-bundle: %s\n", error->message);
      return 2;
    }
  out = g_build_filename (tmp, "bundle.tar.gz", NULL);
  gz_out = g_build_filename (tmp, "all.gz", NULL);

  /* gzip -6 of the same files as they are on disk (a rotated .gz
   * compressed again), into one file on the same disk as the bundle. */
  g_ptr_array_add (gzip_argv, (gpointer) "sh");
  g_ptr_array_add (gzip_argv, (gpointer) "-c");
  g_ptr_array_add (gzip_argv, (gpointer) "out=$1; shift; exec gzip -6 -c -- \"$@\" > \"$out\"");
  g_ptr_array_add (gzip_argv, (gpointer) "gzip");
  g_ptr_array_add (gzip_argv, gz_out);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (gzip_argv, g_ptr_array_index (files, i));
  g_ptr_array_add (gzip_argv, NULL);

  for (int i = 0; i < runs; i++)
    {
      glong peak = 0;
      double ms, cpu = 0;
      GStatBuf st;

      ms = timed_child (NULL, in, out, &peak, &cpu);
      g_array_append_val (bundle_ms, ms);
      g_array_append_val (bundle_cpu, cpu);
      bundle_peak = MAX (bundle_peak, peak);
      if (g_stat (out, &st) == 0)
        bundle_bytes = (guint64) st.st_size;
      if (keep == NULL || i < runs - 1 || g_rename (out, keep) != 0)
        g_unlink (out);
      g_printerr ("  bundle %.0f ms (processor %.0f ms), peak %.1f MiB\n", ms, cpu, peak / 1024.0);

      ms = timed_child ((char **) gzip_argv->pdata, NULL, NULL, &peak, &cpu);
      g_array_append_val (gzip_ms, ms);
      g_array_append_val (gzip_cpu, cpu);
      gzip_peak = MAX (gzip_peak, peak);
      g_unlink (gz_out);
      g_printerr ("  gzip -6 %.0f ms (processor %.0f ms), peak %.1f MiB\n", ms, cpu, peak / 1024.0);
    }
  g_rmdir (tmp);

  bundle_median = lt_bench_median (bundle_ms);
  gzip_median = lt_bench_median (gzip_ms);
  if (use_copy)
    measure = "bundle-create-copy", memory_measure = "bundle-memory-copy";
  else if (no_learning)
    measure = "bundle-create-no-learning", memory_measure = "bundle-memory-no-learning";
  else
    measure = "bundle-create", memory_measure = "bundle-memory";

  g_print ("input: %u files, %.1f MiB on disk (%s)\n", files->len, input_bytes / 1048576.0, in);
  g_print ("filter: %s, learning pass %s\n", filter_name, no_learning ? "off" : "on");
  g_print ("bundle: %.0f ms (median of %d), %.1f MiB/s of input, %.1f MiB written, peak RSS %.1f MiB\n",
           bundle_median, runs, input_bytes / 1048576.0 / (bundle_median / 1000.0),
           bundle_bytes / 1048576.0, bundle_peak / 1024.0);
  g_print ("gzip -6: %.0f ms (median of %d), %.1f MiB/s, peak RSS %.1f MiB\n",
           gzip_median, runs, input_bytes / 1048576.0 / (gzip_median / 1000.0), gzip_peak / 1024.0);
  g_print ("ratio: %.2f (of processor time: %.0f ms / %.0f ms = %.2f)\n", bundle_median / gzip_median,
           lt_bench_median (bundle_cpu), lt_bench_median (gzip_cpu),
           lt_bench_median (bundle_cpu) / lt_bench_median (gzip_cpu));
  g_print ("RESULT %s %.3f %.3f ms\n", measure, bundle_median, gzip_median);
  g_print ("RESULT %s %.3f %.3f MiB\n", memory_measure, bundle_peak / 1024.0, gzip_peak / 1024.0);
  return EXIT_SUCCESS;
}
