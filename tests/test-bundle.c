/* test-bundle.c: collecting and archiving a diagnostics bundle
 *
 * The bundles are read back by tools that share no code with libarchive:
 * GNU tar, sha256sum and Python's tarfile (check-bundle.py). The filter is
 * a real one of the test's own ("alice" becomes "user0", counted as kind
 * "user"), since the bundle has no mode without one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-bundle.h"
#include "lt-error.h"
#include "lt-test-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <utime.h>

/* ---- the test filter ------------------------------------------------------ */

#define TEST_TYPE_FILTER (test_filter_get_type ())
G_DECLARE_FINAL_TYPE (TestFilter, test_filter, TEST, FILTER, GObject)

struct _TestFilter
{
  GObject parent_instance;
  guint   replaced;     /* in the current file */
  guint   lines;        /* every line seen, all files */
  guint   files;        /* begin_file calls */
};

static void test_filter_iface_init (LtLineFilterInterface *iface);

G_DEFINE_TYPE_WITH_CODE (TestFilter, test_filter, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (LT_TYPE_LINE_FILTER, test_filter_iface_init))

static char *
replace_all (const char *text,
             gsize       length,
             guint      *count)
{
  g_autoptr(GString) s = g_string_new_len (text, (gssize) length);

  *count += g_string_replace (s, "alice", "user0", 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
test_filter_filter_path (LtLineFilter *filter,
                         const char   *path)
{
  guint ignored = 0;
  g_autofree char *replaced = replace_all (path, strlen (path), &ignored);
  g_autoptr(GString) s = g_string_new (replaced);

  /* A hostile filter result: the bundle must not turn it into a path
   * that climbs out of the folder it is extracted into. */
  g_string_replace (s, "dotdot", "..", 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_filter_begin_file (LtLineFilter *filter,
                        const char   *path)
{
  TestFilter *self = TEST_FILTER (filter);

  self->replaced = 0;
  self->files++;
}

static gboolean
test_filter_filter_line (LtLineFilter  *filter,
                         const char    *line,
                         gsize          length,
                         GString       *out,
                         GError       **error)
{
  TestFilter *self = TEST_FILTER (filter);
  g_autofree char *replaced = replace_all (line, length, &self->replaced);

  g_assert_null (memchr (line, '\n', length));
  self->lines++;
  g_string_append (out, replaced);
  return TRUE;
}

static GHashTable *
test_filter_end_file (LtLineFilter *filter,
                      GString      *out)
{
  TestFilter *self = TEST_FILTER (filter);
  GHashTable *counts = g_hash_table_new (g_str_hash, g_str_equal);

  if (self->replaced > 0)
    g_hash_table_insert (counts, (gpointer) "user", GUINT_TO_POINTER (self->replaced));
  return counts;
}

static void
test_filter_iface_init (LtLineFilterInterface *iface)
{
  iface->filter_path = test_filter_filter_path;
  iface->begin_file = test_filter_begin_file;
  iface->filter_line = test_filter_filter_line;
  iface->end_file = test_filter_end_file;
}

static void
test_filter_class_init (TestFilterClass *klass)
{
}

static void
test_filter_init (TestFilter *self)
{
}

/* ---- helpers -------------------------------------------------------------- */

typedef struct
{
  char       *dir;      /* the files to bundle */
  char       *out;      /* where bundles go */
  TestFilter *filter;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-bundle-in-XXXXXX", &error);
  g_assert_no_error (error);
  f->out = g_dir_make_tmp ("test-bundle-out-XXXXXX", &error);
  g_assert_no_error (error);
  f->filter = g_object_new (TEST_TYPE_FILTER, NULL);
}

static void
remove_tree (const char *path)
{
  g_autofree char *quoted = g_shell_quote (path);
  g_autofree char *cmd = g_strdup_printf ("rm -rf %s", quoted);

  g_assert_true (g_spawn_command_line_sync (cmd, NULL, NULL, NULL, NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  remove_tree (f->out);
  g_free (f->dir);
  g_free (f->out);
  g_clear_object (&f->filter);
}

/* A writer over the test filter, without the learning pass: the filter
 * learns nothing, and the tests count the lines and files it sees once
 * (test-bundle-redaction.c has the learning pass). */
static LtBundleWriter *
new_writer (Fixture *f)
{
  LtBundleWriter *writer = lt_bundle_writer_new (LT_LINE_FILTER (f->filter));

  lt_bundle_writer_set_learning_pass (writer, FALSE);
  return writer;
}

static char *
write_file (Fixture    *f,
            const char *relative,
            const char *contents,
            gssize      length)
{
  g_autofree char *path = g_build_filename (f->dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* Runs @argv, asserts it succeeded, returns its standard output. */
static char *
run_ok (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_printerr ("%s failed: %s%s\n", argv[0], out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static const char *
python (void)
{
  const char *p = g_getenv ("LT_PYTHON");

  return p != NULL ? p : "python3";
}

/* check-bundle.py over the parts; returns its "path\tsha256" lines. */
static char *
check_with_python (GPtrArray *parts)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "check-bundle.py", NULL);

  g_ptr_array_add (argv, (gpointer) python ());
  g_ptr_array_add (argv, script);
  for (guint i = 0; i < parts->len; i++)
    g_ptr_array_add (argv, ((LtBundlePart *) g_ptr_array_index (parts, i))->path);
  g_ptr_array_add (argv, NULL);
  return run_ok ((const char * const *) argv->pdata);
}

static GPtrArray *
write_bundle (LtBundleWriter *writer,
              const char     *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = lt_bundle_writer_write (writer, output, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (parts);
  return g_steal_pointer (&parts);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static JsonObject *
manifest_file (LtBundleWriter *writer,
               const char     *suffix)
{
  JsonArray *files = json_object_get_array_member (
    json_node_get_object (lt_bundle_writer_get_manifest (writer)), "files");

  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);

      if (g_str_has_suffix (json_object_get_string_member (file, "path"), suffix))
        return file;
    }
  return NULL;
}

static const char *
left_out_reason (LtBundleWriter *writer,
                 const char     *suffix)
{
  JsonArray *left = json_object_get_array_member (
    json_node_get_object (lt_bundle_writer_get_manifest (writer)), "left_out");

  for (guint i = 0; i < json_array_get_length (left); i++)
    {
      JsonObject *item = json_array_get_object_element (left, i);

      if (g_str_has_suffix (json_object_get_string_member (item, "path"), suffix))
        return json_object_get_string_member (item, "reason");
    }
  return NULL;
}

/* The bundle's file for an original path below f->dir, extracted into
 * @into. */
static char *
extracted (Fixture    *f,
           const char *into,
           const char *relative)
{
  g_autofree char *original = g_build_filename (f->dir, relative, NULL);
  g_autoptr(GString) shown = g_string_new (original);

  g_string_replace (shown, "alice", "user0", 0);
  return g_build_filename (into, LT_BUNDLE_FILES_DIR, shown->str, NULL);
}

/* ---- tests ---------------------------------------------------------------- */

/* tar and Python read the bundle; the manifest's checksums are those
 * sha256sum computes over the extracted files; "alice" is replaced in
 * contents and names and counted per file. */
static void
test_archive_readable (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LtBundleWriter) writer = new_writer (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree char *bundle = g_build_filename (f->out, "b.tar.gz", NULL);
  g_autofree char *into = g_build_filename (f->out, "x", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *python_lines = NULL;
  g_autofree char *log = NULL;
  g_autofree char *log_text = NULL;
  g_autofree char *ini = NULL;
  g_autofree char *sums = NULL;
  g_autofree char *bundle_sum = NULL;
  JsonObject *file;
  JsonArray *files;
  LtBundlePart *part;

  g_free (write_file (f, "var/log/app.log",
                      "2026-12-01 login: alice\r\nalice again, alice\nlast line without end", -1));
  g_free (write_file (f, "home/alice/.config/app.ini", "[server]\nuser=alice\n", -1));
  g_free (write_file (f, "var/log/empty.log", "", 0));

  g_assert_true (lt_bundle_writer_add_path (writer, f->dir, LT_BUNDLE_PATH_NONE, &error));
  g_assert_no_error (error);
  parts = write_bundle (writer, bundle);
  g_assert_cmpuint (parts->len, ==, 1);
  part = g_ptr_array_index (parts, 0);
  g_assert_cmpstr (part->path, ==, bundle);

  /* The bundle's own checksum is the file's. */
  {
    const char *argv[] = { "sha256sum", bundle, NULL };

    bundle_sum = run_ok (argv);
    g_assert_true (g_str_has_prefix (bundle_sum, part->sha256));
  }

  /* GNU tar lists it: sorted files, then the manifest. */
  {
    const char *argv[] = { "tar", "-tzf", bundle, NULL };
    g_autofree char *home = g_strdup_printf ("%s/home/user0/.config/app.ini",
                                             f->dir + 1);
    g_autofree char *expected = g_strdup_printf ("files/%s\nfiles/%s/var/log/app.log\n"
                                                 "files/%s/var/log/empty.log\nMANIFEST.json\n",
                                                 home, f->dir + 1, f->dir + 1);

    listing = run_ok (argv);
    g_assert_cmpstr (listing, ==, expected);
  }

  python_lines = check_with_python (parts);
  g_assert_nonnull (strstr (python_lines, "/home/user0/.config/app.ini\t"));

  /* Extracted by tar, checked by sha256sum against the manifest. */
  g_assert_cmpint (g_mkdir (into, 0700), ==, 0);
  {
    const char *argv[] = { "tar", "-xzf", bundle, "-C", into, NULL };

    g_free (run_ok (argv));
  }
  log = extracted (f, into, "var/log/app.log");
  ini = extracted (f, into, "home/alice/.config/app.ini");
  log_text = read_text (log);
  g_assert_cmpstr (log_text, ==,
                   "2026-12-01 login: user0\r\nuser0 again, user0\nlast line without end");
  {
    const char *argv[] = { "sha256sum", log, ini, NULL };

    sums = run_ok (argv);
  }
  file = manifest_file (writer, "/var/log/app.log");
  g_assert_nonnull (file);
  g_assert_nonnull (strstr (sums, json_object_get_string_member (file, "sha256")));
  g_assert_cmpint (json_object_get_int_member (file, "size_before"), ==, 65);
  g_assert_cmpint (json_object_get_int_member (file, "size_after"), ==, 65);
  g_assert_cmpint (json_object_get_int_member (file, "truncated_bytes"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (file, "redactions"), "user"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (file, "scanned"), ==, "scanned");
  file = manifest_file (writer, "/home/user0/.config/app.ini");
  g_assert_nonnull (file);
  g_assert_nonnull (strstr (sums, json_object_get_string_member (file, "sha256")));
  g_assert_null (manifest_file (writer, "/home/alice/.config/app.ini"));

  /* Totals per kind over the bundle. */
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (
                       json_node_get_object (lt_bundle_writer_get_manifest (writer)),
                       "redactions"), "user"), ==, 4);
  files = json_object_get_array_member (json_node_get_object (lt_bundle_writer_get_manifest (writer)),
                                        "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 3);
  g_assert_cmpuint (f->filter->files, ==, 3);
}

/* Two runs over the same input, with the files touched in between, give
 * the same bytes. */
static void
test_archive_reproducible (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *one = g_build_filename (f->out, "one.tar.gz", NULL);
  g_autofree char *two = g_build_filename (f->out, "two.tar.gz", NULL);
  g_autofree char *log = write_file (f, "b/app.log", "alice\nbob\n", -1);
  g_autofree char *conf = write_file (f, "a/app.conf", "x=1\n", -1);
  g_autoptr(GBytes) bytes_one = NULL;
  g_autoptr(GBytes) bytes_two = NULL;
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  gsize length = 0;

  for (guint run = 0; run < 2; run++)
    {
      g_autoptr(LtBundleWriter) writer = new_writer (f);
      g_autoptr(GPtrArray) parts = NULL;

      /* The other order, and other times: neither may show. */
      g_assert_true (lt_bundle_writer_add_path (writer, run == 0 ? log : conf, 0, &error));
      g_assert_true (lt_bundle_writer_add_path (writer, run == 0 ? conf : log, 0, &error));
      g_assert_no_error (error);
      if (run == 1)
        {
          g_assert_cmpint (g_utime (log, NULL), ==, 0);
          g_assert_cmpint (g_chmod (conf, 0640), ==, 0);
          sleep (1);
        }
      parts = write_bundle (writer, run == 0 ? one : two);
      g_assert_cmpuint (parts->len, ==, 1);
    }

  g_file_get_contents (one, &text, &length, &error);
  g_assert_no_error (error);
  bytes_one = g_bytes_new_take (text, length);
  g_file_get_contents (two, &text, &length, &error);
  g_assert_no_error (error);
  bytes_two = g_bytes_new_take (text, length);
  g_assert_true (g_bytes_equal (bytes_one, bytes_two));
}

static char *
numbered_lines (guint first,
                guint last)
{
  GString *s = g_string_new (NULL);

  for (guint i = first; i <= last; i++)
    g_string_append_printf (s, "line %04u\n", i);
  return g_string_free (s, FALSE);
}

/* A per-file cap keeps the newest whole lines; a total cap takes from the
 * files in the bundle's order and leaves out what does not fit. */
static void
test_caps_newest (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LtBundleWriter) writer = new_writer (f);
  g_autofree char *bundle = g_build_filename (f->out, "c.tar.gz", NULL);
  g_autofree char *into = g_build_filename (f->out, "x", NULL);
  g_autofree char *lines = numbered_lines (1, 1000);   /* 10 bytes a line */
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *file;

  g_free (write_file (f, "1.log", lines, -1));
  g_free (write_file (f, "2.log", lines, -1));
  g_free (write_file (f, "3.log", lines, -1));
  g_assert_true (lt_bundle_writer_add_path (writer, f->dir, 0, &error));
  g_assert_no_error (error);
  /* 95 bytes: the newest nine lines and a half; the half is dropped. */
  lt_bundle_writer_set_file_cap (writer, 95);
  /* 1.log takes 90, 2.log the newest 3 lines of the 35 left, 3.log none. */
  lt_bundle_writer_set_total_cap (writer, 125);
  parts = write_bundle (writer, bundle);
  g_free (check_with_python (parts));

  g_assert_cmpint (g_mkdir (into, 0700), ==, 0);
  {
    const char *argv[] = { "tar", "-xzf", bundle, "-C", into, NULL };

    g_free (run_ok (argv));
  }
  path = extracted (f, into, "1.log");
  text = read_text (path);
  expected = numbered_lines (992, 1000);
  g_assert_cmpstr (text, ==, expected);
  file = manifest_file (writer, "/1.log");
  g_assert_cmpint (json_object_get_int_member (file, "original_size"), ==, 10000);
  g_assert_cmpint (json_object_get_int_member (file, "size_before"), ==, 90);
  g_assert_cmpint (json_object_get_int_member (file, "truncated_bytes"), ==, 9910);

  g_free (path);
  g_free (text);
  g_free (expected);
  path = extracted (f, into, "2.log");
  text = read_text (path);
  expected = numbered_lines (998, 1000);
  g_assert_cmpstr (text, ==, expected);

  g_assert_null (manifest_file (writer, "/3.log"));
  g_assert_cmpstr (left_out_reason (writer, "/3.log"), ==, "total-cap");
  /* The filter saw only the lines that were kept. */
  g_assert_cmpuint (f->filter->lines, ==, 9 + 3);
}

/* A line longer than LT_BUNDLE_MAX_LINE_LENGTH is cut there, the rest of
 * it dropped, and counted; the lines around it are kept whole. */
static void
test_long_line (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LtBundleWriter) writer = new_writer (f);
  g_autofree char *bundle = g_build_filename (f->out, "l.tar.gz", NULL);
  g_autofree char *into = g_build_filename (f->out, "x", NULL);
  g_autoptr(GString) text = g_string_new ("short alice\n");
  g_autoptr(GString) expected = g_string_new ("short user0\n");
  g_autofree char *path = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *file;

  for (gsize i = 0; i < LT_BUNDLE_MAX_LINE_LENGTH + 500000; i++)
    g_string_append_c (text, 'a' + (char) (i % 26));
  g_string_append_len (expected, text->str + strlen ("short alice\n"), LT_BUNDLE_MAX_LINE_LENGTH);
  g_string_append (text, "\nend alice\n");
  g_string_append (expected, "\nend user0\n");
  g_free (write_file (f, "long.log", text->str, (gssize) text->len));

  g_assert_true (lt_bundle_writer_add_path (writer, f->dir, 0, &error));
  g_assert_no_error (error);
  parts = write_bundle (writer, bundle);
  g_free (check_with_python (parts));
  g_assert_cmpint (g_mkdir (into, 0700), ==, 0);
  {
    const char *argv[] = { "tar", "-xzf", bundle, "-C", into, NULL };

    g_free (run_ok (argv));
  }
  path = extracted (f, into, "long.log");
  got = read_text (path);
  g_assert_cmpuint (strlen (got), ==, expected->len);
  g_assert_true (strcmp (got, expected->str) == 0);
  file = manifest_file (writer, "/long.log");
  g_assert_cmpint (json_object_get_int_member (file, "lines_cut"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (file, "size_before"), ==, (gint64) text->len);
  g_assert_cmpuint (f->filter->lines, ==, 3);
}

/* A rotated .gz log is read through, capped to its newest lines like
 * any other. */
static void
test_gzip_input (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LtBundleWriter) writer = new_writer (f);
  g_autofree char *bundle = g_build_filename (f->out, "g.tar.gz", NULL);
  g_autofree char *into = g_build_filename (f->out, "x", NULL);
  g_autofree char *lines = numbered_lines (1, 5000);
  g_autofree char *plain = write_file (f, "app.log.1", lines, -1);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *file;

  {
    const char *argv[] = { "gzip", "-n", plain, NULL };

    g_free (run_ok (argv));
  }
  g_assert_true (lt_bundle_writer_add_path (writer, f->dir, 0, &error));
  g_assert_no_error (error);
  lt_bundle_writer_set_file_cap (writer, 1000);
  parts = write_bundle (writer, bundle);
  g_free (check_with_python (parts));

  g_assert_cmpint (g_mkdir (into, 0700), ==, 0);
  {
    const char *argv[] = { "tar", "-xzf", bundle, "-C", into, NULL };

    g_free (run_ok (argv));
  }
  path = extracted (f, into, "app.log.1.gz");
  text = read_text (path);
  expected = numbered_lines (4901, 5000);
  g_assert_cmpstr (text, ==, expected);
  file = manifest_file (writer, "/app.log.1.gz");
  g_assert_true (json_object_get_boolean_member (file, "decompressed"));
  g_assert_cmpint (json_object_get_int_member (file, "original_size"), ==, 50000);
  g_assert_cmpint (json_object_get_int_member (file, "truncated_bytes"), ==, 49000);
}

/* A rotated log cut short (the compression was interrupted) is left out
 * as unreadable; the bundle is still written with the other files. */
static void
test_gzip_cut_short (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LtBundleWriter) writer = new_writer (f);
  g_autofree char *bundle = g_build_filename (f->out, "g.tar.gz", NULL);
  g_autofree char *lines = numbered_lines (1, 50000);
  g_autofree char *plain = write_file (f, "app.log.2", lines, -1);
  g_autofree char *gz = g_strconcat (plain, ".gz", NULL);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_free (write_file (f, "app.log", "current\n", -1));
  {
    const char *argv[] = { "gzip", "-n", plain, NULL };

    g_free (run_ok (argv));
  }
  g_assert_cmpint (g_stat (gz, &st), ==, 0);
  g_assert_cmpint (truncate (gz, st.st_size / 2), ==, 0);

  g_assert_true (lt_bundle_writer_add_path (writer, f->dir, 0, &error));
  g_assert_no_error (error);
  parts = write_bundle (writer, bundle);
  g_free (check_with_python (parts));
  g_assert_cmpstr (left_out_reason (writer, "/app.log.2.gz"), ==, "unreadable");
  g_assert_null (manifest_file (writer, "/app.log.2.gz"));
  g_assert_nonnull (manifest_file (writer, "/app.log"));
}

/* Symbolic links (inside and out), a FIFO and a device are refused with
 * a note; nothing they point to is read. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LtBundleWriter) writer = new_writer (f);
  g_autofree char *bundle = g_build_filename (f->out, "r.tar.gz", NULL);
  g_autofree char *secret = g_build_filename (f->out, "outside.txt", NULL);
  g_autofree char *inside = write_file (f, "logs/app.log", "ok\n", -1);
  g_autofree char *link_out = g_build_filename (f->dir, "logs", "outside.log", NULL);
  g_autofree char *link_in = g_build_filename (f->dir, "logs", "again.log", NULL);
  g_autofree char *link_dir = g_build_filename (f->dir, "logs", "etc-link", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "logs", "pipe", NULL);
  g_autofree char *dotdot = g_build_filename (f->dir, "logs", "..", "logs", NULL);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *files;

  g_assert_true (g_file_set_contents (secret, "do not read\n", -1, NULL));
  g_assert_cmpint (symlink (secret, link_out), ==, 0);
  g_assert_cmpint (symlink (inside, link_in), ==, 0);
  g_assert_cmpint (symlink (f->out, link_dir), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* "logs/../logs" is the folder itself; /dev/null is a device. */
  g_assert_true (lt_bundle_writer_add_path (writer, dotdot, 0, &error));
  g_assert_true (lt_bundle_writer_add_path (writer, "/dev/null", 0, &error));
  g_assert_true (lt_bundle_writer_add_path (writer, link_out, 0, &error));
  g_assert_no_error (error);
  parts = write_bundle (writer, bundle);
  g_free (check_with_python (parts));

  files = json_object_get_array_member (json_node_get_object (lt_bundle_writer_get_manifest (writer)),
                                        "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 1);
  g_assert_nonnull (manifest_file (writer, "/logs/app.log"));
  g_assert_cmpstr (left_out_reason (writer, "/logs/outside.log"), ==, "symbolic-link");
  g_assert_cmpstr (left_out_reason (writer, "/logs/again.log"), ==, "symbolic-link");
  g_assert_cmpstr (left_out_reason (writer, "/logs/etc-link"), ==, "symbolic-link");
  g_assert_cmpstr (left_out_reason (writer, "/logs/pipe"), ==, "fifo");
  g_assert_cmpstr (left_out_reason (writer, "/dev/null"), ==, "device");
  g_assert_cmpuint (f->filter->lines, ==, 1);
  {
    const char *argv[] = { "tar", "-tzf", bundle, NULL };
    g_autofree char *listing = run_ok (argv);

    g_assert_null (strstr (listing, ".."));
    g_assert_null (strstr (listing, "outside"));
  }
}

/* A name the filter turned into ".." components stays inside the
 * bundle's folder. */
static void
test_hostile_names (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LtBundleWriter) writer = new_writer (f);
  g_autofree char *bundle = g_build_filename (f->out, "h.tar.gz", NULL);
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;

  g_free (write_file (f, "dotdot/dotdot/x.log", "x\n", -1));
  g_assert_true (lt_bundle_writer_add_path (writer, f->dir, 0, &error));
  g_assert_no_error (error);
  parts = write_bundle (writer, bundle);
  /* check-bundle.py refuses absolute names and ".." components. */
  g_free (check_with_python (parts));
  {
    const char *argv[] = { "tar", "-tzf", bundle, NULL };
    g_autofree char *listing = run_ok (argv);

    g_assert_nonnull (strstr (listing, "/_/_/x.log\n"));
  }
}

/* Binary files found in a folder are left out; one added explicitly is
 * carried as it is and listed "not-scanned"; a folder cannot be added
 * that way. */
static void
test_binary (Fixture       *f,
             gconstpointer  data)
{
  static const char blob[] = "ELF\0\1\2alice\0";
  g_autofree char *bin = write_file (f, "bin/core.dump", blob, sizeof blob);
  g_autofree char *bundle = g_build_filename (f->out, "b.tar.gz", NULL);
  g_autofree char *bundle2 = g_build_filename (f->out, "b2.tar.gz", NULL);
  g_autofree char *into = g_build_filename (f->out, "x", NULL);
  g_autoptr(GError) error = NULL;

  g_free (write_file (f, "bin/notes.txt", "text\n", -1));
  {
    g_autoptr(LtBundleWriter) writer = new_writer (f);
    g_autoptr(GPtrArray) parts = NULL;

    g_assert_true (lt_bundle_writer_add_path (writer, f->dir, 0, &error));
    g_assert_no_error (error);
    parts = write_bundle (writer, bundle);
    g_assert_cmpstr (left_out_reason (writer, "/bin/core.dump"), ==, "binary");
    g_assert_null (manifest_file (writer, "/bin/core.dump"));
    g_assert_nonnull (manifest_file (writer, "/bin/notes.txt"));
  }
  {
    g_autoptr(LtBundleWriter) writer = new_writer (f);
    g_autoptr(GPtrArray) parts = NULL;
    g_autofree char *path = NULL;
    g_autofree char *contents = NULL;
    gsize length = 0;
    JsonObject *file;

    g_assert_false (lt_bundle_writer_add_path (writer, f->dir, LT_BUNDLE_PATH_INCLUDE_BINARY,
                                               &error));
    g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    /* The folder as well: the file is in it, and read once, unscanned. */
    g_assert_true (lt_bundle_writer_add_path (writer, f->dir, 0, &error));
    g_assert_true (lt_bundle_writer_add_path (writer, bin, LT_BUNDLE_PATH_INCLUDE_BINARY, &error));
    g_assert_no_error (error);
    parts = write_bundle (writer, bundle2);
    g_assert_null (left_out_reason (writer, "/bin/core.dump"));
    g_free (check_with_python (parts));
    file = manifest_file (writer, "/bin/core.dump");
    g_assert_nonnull (file);
    g_assert_cmpstr (json_object_get_string_member (file, "scanned"), ==, "not-scanned");

    g_assert_cmpint (g_mkdir (into, 0700), ==, 0);
    {
      const char *argv[] = { "tar", "-xzf", bundle2, "-C", into, NULL };

      g_free (run_ok (argv));
    }
    path = extracted (f, into, "bin/core.dump");
    g_file_get_contents (path, &contents, &length, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (contents, length, blob, sizeof blob);
  }
  {
    /* A binary file cannot keep its newest part: above the cap it is left
     * out whole. */
    g_autoptr(LtBundleWriter) writer = new_writer (f);
    g_autoptr(GPtrArray) parts = NULL;
    g_autofree char *bundle3 = g_build_filename (f->out, "b3.tar.gz", NULL);

    g_assert_true (lt_bundle_writer_add_path (writer, bin, LT_BUNDLE_PATH_INCLUDE_BINARY, &error));
    g_assert_no_error (error);
    lt_bundle_writer_set_file_cap (writer, 4);
    parts = write_bundle (writer, bundle3);
    g_assert_cmpstr (left_out_reason (writer, "/bin/core.dump"), ==, "file-cap");
  }
}

/* Text that compresses badly (hex of a fixed pseudo-random sequence). */
static char *
noise_lines (guint32 seed,
             gsize   size)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GString *s = g_string_sized_new (size + 80);

  while (s->len < size)
    {
      for (guint i = 0; i < 16; i++)
        g_string_append_printf (s, "%08x", g_rand_int (rand));
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}

/* Above the part size the bundle is several parts, each a complete
 * archive no larger than the limit; a file larger than a part is cut
 * into pieces; the set checks against the manifest in the last part. */
static void
test_split_parts (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LtBundleWriter) writer = new_writer (f);
  g_autofree char *bundle = g_build_filename (f->out, "s.tar.gz", NULL);
  g_autofree char *big = noise_lines (1, 2500 * 1024);
  g_autofree char *small = noise_lines (2, 300 * 1024);
  g_autofree char *numbered = numbered_lines (1, 800000);
  g_autofree char *python_lines = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *file;

  g_free (write_file (f, "a-big.log", big, -1));
  g_free (write_file (f, "b-small.log", small, -1));
  g_free (write_file (f, "c-small.log", small, -1));
  /* 8 MB that compress well: a part takes several pieces of it. */
  g_free (write_file (f, "d-numbered.log", numbered, -1));
  g_assert_true (lt_bundle_writer_add_path (writer, f->dir, 0, &error));
  g_assert_no_error (error);
  g_assert_false (lt_bundle_writer_set_part_size (writer, LT_BUNDLE_MIN_PART_SIZE - 1, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (lt_bundle_writer_set_part_size (writer, LT_BUNDLE_MIN_PART_SIZE, &error));
  parts = write_bundle (writer, bundle);

  /* About 1.7 MiB of noise and 8 MB of lines that gzip makes 1.9 MB:
   * parts are filled by their compressed size (about 3.6 MB here, 0.75 MiB
   * of each part usable), not by the 11 MB of text, which would take 15. */
  for (guint i = 0; i < parts->len; i++)
    g_test_message ("part %u: %" G_GUINT64_FORMAT " bytes", i + 1,
                    ((LtBundlePart *) g_ptr_array_index (parts, i))->size);
  g_assert_cmpuint (parts->len, >=, 3);
  g_assert_cmpuint (parts->len, <=, 7);
  g_assert_false (g_file_test (bundle, G_FILE_TEST_EXISTS));
  for (guint i = 0; i < parts->len; i++)
    {
      LtBundlePart *part = g_ptr_array_index (parts, i);
      g_autofree char *name = g_strdup_printf ("s.part%02u.tar.gz", i + 1);
      g_autofree char *base = g_path_get_basename (part->path);
      const char *argv[] = { "tar", "-tzf", part->path, NULL };
      GStatBuf st;

      g_assert_cmpstr (base, ==, name);
      g_assert_cmpint (g_stat (part->path, &st), ==, 0);
      g_assert_cmpuint (st.st_size, ==, part->size);
      g_assert_cmpuint (part->size, <=, LT_BUNDLE_MIN_PART_SIZE);
      g_free (run_ok (argv));
    }
  python_lines = check_with_python (parts);
  file = manifest_file (writer, "/a-big.log");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (file, "pieces")), >=, 3);
  g_assert_nonnull (strstr (python_lines, "/c-small.log\t"));
  g_assert_nonnull (strstr (python_lines, "/d-numbered.log\t"));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lt/bundle/archive/readable", test_archive_readable);
  ADD ("/lt/bundle/archive/reproducible", test_archive_reproducible);
  ADD ("/lt/bundle/archive/hostile-names", test_hostile_names);
  ADD ("/lt/bundle/caps/newest-lines", test_caps_newest);
  ADD ("/lt/bundle/caps/long-line", test_long_line);
  ADD ("/lt/bundle/gzip-input", test_gzip_input);
  ADD ("/lt/bundle/gzip-cut-short", test_gzip_cut_short);
  ADD ("/lt/bundle/refused", test_refused);
  ADD ("/lt/bundle/binary", test_binary);
  ADD ("/lt/bundle/split-parts", test_split_parts);
#undef ADD

  return g_test_run ();
}
