/* lt-test-bundle.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-test-bundle"

#include "config.h"

#include "lt-test-bundle.h"

#include <glib/gstdio.h>

/* A filter that changes nothing: these tests are about the archive and its
 * journey, not about redaction. */
#define COPY_TYPE_FILTER (copy_filter_get_type ())
G_DECLARE_FINAL_TYPE (CopyFilter, copy_filter, COPY, FILTER, GObject)

struct _CopyFilter
{
  GObject parent_instance;
};

static void copy_filter_iface_init (LtLineFilterInterface *iface);

G_DEFINE_TYPE_WITH_CODE (CopyFilter, copy_filter, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (LT_TYPE_LINE_FILTER, copy_filter_iface_init))

static char *
copy_filter_filter_path (LtLineFilter *filter,
                         const char   *path)
{
  return g_strdup (path);
}

static gboolean
copy_filter_filter_line (LtLineFilter  *filter,
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
  iface->filter_path = copy_filter_filter_path;
  iface->filter_line = copy_filter_filter_line;
}

static void
copy_filter_class_init (CopyFilterClass *klass)
{
}

static void
copy_filter_init (CopyFilter *self)
{
}

LtLineFilter *
lt_test_copy_filter_new (void)
{
  return g_object_new (COPY_TYPE_FILTER, NULL);
}

static void
write_random_text (const char *path,
                   gsize       size,
                   GRand      *rand)
{
  static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  g_autoptr(GString) text = g_string_sized_new (size + 80);
  g_autoptr(GError) error = NULL;

  while (text->len < size)
    {
      for (guint i = 0; i < 76; i++)
        g_string_append_c (text, alphabet[g_rand_int_range (rand, 0, 64)]);
      g_string_append_c (text, '\n');
    }
  g_file_set_contents (path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
}

GPtrArray *
lt_test_bundle_write (const char *dir,
                      const char *output,
                      guint       n_files,
                      gsize       file_size,
                      guint64     part_size,
                      guint32     seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autofree char *name = g_strdup_printf ("input-%u", seed);
  g_autofree char *input = g_build_filename (dir, name, NULL);
  g_autoptr(CopyFilter) filter = g_object_new (COPY_TYPE_FILTER, NULL);
  g_autoptr(LtBundleWriter) writer = lt_bundle_writer_new (LT_LINE_FILTER (filter));
  g_autoptr(GError) error = NULL;
  GPtrArray *parts;

  g_assert_cmpint (g_mkdir_with_parents (input, 0700), ==, 0);
  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *file_name = g_strdup_printf ("app-%u.log", i);
      g_autofree char *path = g_build_filename (input, file_name, NULL);

      write_random_text (path, file_size, rand);
    }

  lt_bundle_writer_set_part_size (writer, part_size, &error);
  g_assert_no_error (error);
  lt_bundle_writer_add_path (writer, input, LT_BUNDLE_PATH_NONE, &error);
  g_assert_no_error (error);
  parts = lt_bundle_writer_write (writer, output, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parts);
  return parts;
}
