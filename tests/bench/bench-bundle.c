/* bench-bundle.c: a bundle over generated logs, against gzip -6
 *
 *   bench-bundle [MIB]    (default 1024)
 *
 * Writes MIB MiB of application-like log lines into 64 MiB files in a
 * temporary folder, bundles them with a filter that copies each line (the
 * cost of the collection and the archive, not of the redaction), then
 * compresses the same files with `gzip -6`. Prints the wall times, their
 * ratio and the peak resident memory of this process (ru_maxrss), which
 * the bundle must keep far below the input (docs/bundle.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-bundle.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#define COPY_TYPE_FILTER (copy_filter_get_type ())
G_DECLARE_FINAL_TYPE (CopyFilter, copy_filter, COPY, FILTER, GObject)

struct _CopyFilter
{
  GObject parent_instance;
};

static char *
copy_filter_path (LtLineFilter *filter,
                  const char   *path)
{
  return g_strdup (path);
}

static gboolean
copy_filter_line (LtLineFilter  *filter,
                  const char    *line,
                  gsize          length,
                  GString       *out,
                  GError       **error)
{
  g_string_append_len (out, line, (gssize) length);
  return TRUE;
}

static void
copy_filter_iface_init (LtLineFilterInterface *iface)
{
  iface->filter_path = copy_filter_path;
  iface->filter_line = copy_filter_line;
}

G_DEFINE_TYPE_WITH_CODE (CopyFilter, copy_filter, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (LT_TYPE_LINE_FILTER, copy_filter_iface_init))

static void
copy_filter_class_init (CopyFilterClass *klass)
{
}

static void
copy_filter_init (CopyFilter *self)
{
}

static void
generate (const char *dir,
          guint64     total)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  guint64 written = 0;

  for (guint n = 0; written < total; n++)
    {
      g_autofree char *path = g_strdup_printf ("%s/app-%03u.log", dir, n);
      FILE *f = fopen (path, "w");
      guint64 in_file = 0;

      g_assert (f != NULL);
      while (in_file < 64 * 1024 * 1024 && written < total)
        {
          int len = fprintf (f, "2026-12-%02u 10:%02u:%02u.%03u INFO [worker-%u] host=db%02u.corp.example "
                                "src=10.0.%u.%u user=u%u request=/api/v2/items/%u status=%u took=%ums\n",
                             g_rand_int_range (rand, 1, 29), g_rand_int_range (rand, 0, 60),
                             g_rand_int_range (rand, 0, 60), g_rand_int_range (rand, 0, 1000),
                             g_rand_int_range (rand, 0, 16), g_rand_int_range (rand, 0, 40),
                             g_rand_int_range (rand, 0, 8), g_rand_int_range (rand, 1, 255),
                             g_rand_int_range (rand, 0, 500), g_rand_int (rand) % 100000,
                             200 + 100 * g_rand_int_range (rand, 0, 4), g_rand_int_range (rand, 1, 900));
          in_file += (guint64) len;
          written += (guint64) len;
        }
      fclose (f);
    }
}

int
main (int    argc,
      char **argv)
{
  guint64 mib = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 1024;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-bundle-XXXXXX", &error);
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *cmd = NULL;
  g_autoptr(CopyFilter) filter = g_object_new (COPY_TYPE_FILTER, NULL);
  g_autoptr(LtBundleWriter) writer = lt_bundle_writer_new (LT_LINE_FILTER (filter));
  g_autoptr(GPtrArray) parts = NULL;
  struct rusage usage;
  gint64 t0, t1, t2;
  int status = 0;

  g_assert_no_error (error);
  in = g_build_filename (dir, "in", NULL);
  out = g_build_filename (dir, "bundle.tar.gz", NULL);
  g_assert (g_mkdir (in, 0700) == 0);
  generate (in, mib * 1024 * 1024);

  lt_bundle_writer_set_file_cap (writer, 0);
  lt_bundle_writer_set_total_cap (writer, 0);
  g_assert (lt_bundle_writer_set_part_size (writer, 0, NULL));
  g_assert (lt_bundle_writer_add_path (writer, in, LT_BUNDLE_PATH_NONE, &error));
  t0 = g_get_monotonic_time ();
  parts = lt_bundle_writer_write (writer, out, NULL, &error);
  t1 = g_get_monotonic_time ();
  g_assert_no_error (error);
  getrusage (RUSAGE_SELF, &usage);

  cmd = g_strdup_printf ("sh -c 'cat %s/*.log | gzip -6 > /dev/null'", in);
  g_assert (g_spawn_command_line_sync (cmd, NULL, NULL, &status, NULL));
  t2 = g_get_monotonic_time ();

  printf ("input_mib %" G_GUINT64_FORMAT "\n", mib);
  printf ("bundle_seconds %.2f\n", (t1 - t0) / 1e6);
  printf ("gzip6_seconds %.2f\n", (t2 - t1) / 1e6);
  printf ("ratio %.2f\n", (double) (t1 - t0) / (double) (t2 - t1));
  printf ("bundle_bytes %" G_GUINT64_FORMAT "\n",
          ((LtBundlePart *) g_ptr_array_index (parts, 0))->size);
  printf ("peak_rss_kib %ld\n", usage.ru_maxrss);

  g_free (cmd);
  cmd = g_strdup_printf ("rm -rf %s", dir);
  g_assert (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
  return EXIT_SUCCESS;
}
