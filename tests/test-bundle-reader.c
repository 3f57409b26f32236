/* test-bundle-reader.c: checking a bundle's files against MANIFEST.json
 * before they are sent (docs/bundle.md, "Sending a bundle and air-gapped
 * use")
 *
 * The bundles are real ones from LtBundleWriter with 1 MiB parts
 * (lt-test-bundle.c), then damaged: a part left out, a part of another
 * bundle, an entry added, changed or after the manifest, a manifest that
 * lies, an archive cut short, files that are no bundle.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-bundle-reader"

#include "config.h"

#include "lt-bundle-reader.h"
#include "lt-error.h"
#include "lt-test-bundle.h"
#include "lt-test-util.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>
#include <zlib.h>

#define FILE_SIZE (1300 * 1024)

typedef struct
{
  char      *dir;
  GPtrArray *parts;     /* of diag.tar.gz, three or more */
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;

  f->dir = g_dir_make_tmp ("test-bundle-reader-XXXXXX", &error);
  g_assert_no_error (error);
  output = g_build_filename (f->dir, "diag.tar.gz", NULL);
  f->parts = lt_test_bundle_write (f->dir, output, 2, FILE_SIZE, LT_BUNDLE_MIN_PART_SIZE, 1);
  g_assert_cmpuint (f->parts->len, >=, 3);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_ptr_array_unref (f->parts);
}

static const char *
part_path (GPtrArray *parts,
           guint      i)
{
  return ((LtBundlePart *) g_ptr_array_index (parts, i))->path;
}

static LtBundlePart *
part_at (GPtrArray *parts,
         guint      i)
{
  return g_ptr_array_index (parts, i);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* Asserts that checking @paths fails with @code and a message holding
 * @needle (a file's name). */
static void
assert_refused (const char * const *paths,
                int                 code,
                const char         *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(JsonNode) manifest = NULL;

  parts = lt_bundle_reader_check (paths, &manifest, NULL, &error);
  g_assert_null (parts);
  g_assert_null (manifest);
  g_assert_error (error, LT_ERROR, code);
  g_test_message ("refused: %s", error->message);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not name “%s”", error->message, needle);
}

/* ---- rewriting an archive, for the damage ---------------------------------- */

typedef enum
{
  KEEP,
  DROP,
  CHANGE,    /* same size, one byte different */
} Fate;

typedef struct
{
  const char *change;        /* the entry to change (CHANGE), or NULL */
  const char *extra_before;  /* an entry added before MANIFEST.json */
  const char *extra_after;   /* an entry added after it */
  const char *manifest_from; /* replaced in MANIFEST.json… */
  const char *manifest_to;   /* …by this */
} Damage;

static void
write_entry (struct archive *out,
             const char     *name,
             const void     *data,
             gsize           size)
{
  struct archive_entry *e = archive_entry_new ();

  archive_entry_set_pathname (e, name);
  archive_entry_set_size (e, (la_int64_t) size);
  archive_entry_set_filetype (e, AE_IFREG);
  archive_entry_set_perm (e, 0644);
  archive_entry_set_mtime (e, 0, 0);
  g_assert_cmpint (archive_write_header (out, e), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (out, data, size), ==, (la_ssize_t) size);
  archive_entry_free (e);
}

/* Copies the .tar.gz @from to @to with @damage done; the writer's metadata
 * is kept, so only the damage differs. */
static void
rewrite (const char   *from,
         const char   *to,
         const Damage *damage)
{
  struct archive *in = archive_read_new ();
  struct archive *out = archive_write_new ();
  struct archive_entry *e;
  static const char extra[] = "not in the manifest\n";

  archive_read_support_filter_gzip (in);
  archive_read_support_format_tar (in);
  g_assert_cmpint (archive_read_open_filename (in, from, 65536), ==, ARCHIVE_OK);
  archive_write_set_format_pax_restricted (out);
  archive_write_add_filter_gzip (out);
  g_assert_cmpint (archive_write_open_filename (out, to), ==, ARCHIVE_OK);

  while (archive_read_next_header (in, &e) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (e);
      g_autoptr(GString) data = g_string_new (NULL);
      char block[65536];
      la_ssize_t n;
      gboolean is_manifest = g_strcmp0 (name, LT_BUNDLE_MANIFEST_NAME) == 0;
      g_autofree char *copy = g_strdup (name);

      while ((n = archive_read_data (in, block, sizeof block)) > 0)
        g_string_append_len (data, block, n);
      g_assert_cmpint (n, ==, 0);

      if (is_manifest && damage->extra_before != NULL)
        write_entry (out, damage->extra_before, extra, strlen (extra));
      if (g_strcmp0 (copy, damage->change) == 0)
        data->str[data->len / 2] ^= 0x20;
      if (is_manifest && damage->manifest_from != NULL)
        g_assert_cmpuint (g_string_replace (data, damage->manifest_from, damage->manifest_to, 1), ==, 1);
      write_entry (out, copy, data->str, data->len);
    }
  if (damage->extra_after != NULL)
    write_entry (out, damage->extra_after, extra, strlen (extra));
  archive_read_free (in);
  g_assert_cmpint (archive_write_close (out), ==, ARCHIVE_OK);
  archive_write_free (out);
}

/* The name of the first entry of @path (a piece of a file). */
static char *
first_entry (const char *path)
{
  struct archive *in = archive_read_new ();
  struct archive_entry *e;
  char *name;

  archive_read_support_filter_gzip (in);
  archive_read_support_format_tar (in);
  g_assert_cmpint (archive_read_open_filename (in, path, 65536), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_read_next_header (in, &e), ==, ARCHIVE_OK);
  name = g_strdup (archive_entry_pathname (e));
  archive_read_free (in);
  return name;
}

static void
truncate_copy (const char *from,
               const char *to,
               gsize       keep)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_file_get_contents (from, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keep, <, length);
  g_file_set_contents (to, contents, (gssize) keep, &error);
  g_assert_no_error (error);
}

/* ---- tests -------------------------------------------------------------------- */

/* The parts in any order come back in the manifest's, as the writer wrote
 * them, with the manifest. */
static void
test_good (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) shuffled = g_ptr_array_new ();
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(JsonNode) manifest = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  for (guint i = f->parts->len; i > 0; i--)
    g_ptr_array_add (shuffled, (gpointer) part_path (f->parts, (i + 1) % f->parts->len));
  g_ptr_array_add (shuffled, NULL);

  parts = lt_bundle_reader_check ((const char * const *) shuffled->pdata, &manifest, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parts);
  g_assert_cmpuint (parts->len, ==, f->parts->len);
  for (guint i = 0; i < parts->len; i++)
    {
      g_assert_cmpstr (part_at (parts, i)->path, ==, part_at (f->parts, i)->path);
      g_assert_cmpuint (part_at (parts, i)->size, ==, part_at (f->parts, i)->size);
      g_assert_cmpstr (part_at (parts, i)->sha256, ==, part_at (f->parts, i)->sha256);
    }
  g_assert_nonnull (manifest);
  root = json_node_get_object (manifest);
  g_assert_cmpint (json_object_get_int_member (root, "format"), ==, LT_BUNDLE_MANIFEST_FORMAT);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "parts")), ==,
                    f->parts->len - 1);

  /* One file, one part. */
  {
    g_autofree char *output = path_in (f, "small.tar.gz");
    g_autoptr(GPtrArray) written = lt_test_bundle_write (f->dir, output, 1, 4096, 0, 7);
    const char *paths[] = { output, NULL };
    g_autoptr(GPtrArray) read = lt_bundle_reader_check (paths, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (read->len, ==, 1);
    g_assert_cmpstr (part_at (read, 0)->sha256, ==, part_at (written, 0)->sha256);
    g_assert_true (lt_bundle_reader_looks_like_bundle (output));
  }
}

static void
test_missing_part (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autofree char *second = g_path_get_basename (part_path (f->parts, 1));

  /* The second left out: named by the name it would have. */
  for (guint i = 0; i < f->parts->len; i++)
    if (i != 1)
      g_ptr_array_add (paths, (gpointer) part_path (f->parts, i));
  g_ptr_array_add (paths, NULL);
  g_assert_cmpstr (second, ==, "diag.part02.tar.gz");
  assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_INPUT, "diag.part02.tar.gz");

  /* The last left out: no manifest. */
  g_ptr_array_set_size (paths, 0);
  for (guint i = 0; i + 1 < f->parts->len; i++)
    g_ptr_array_add (paths, (gpointer) part_path (f->parts, i));
  g_ptr_array_add (paths, NULL);
  assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_INPUT, "“diag.part01.tar.gz”, ");

  /* A file that does not exist. */
  {
    g_autofree char *gone = path_in (f, "gone.part09.tar.gz");
    const char *with_gone[] = { part_path (f->parts, f->parts->len - 1), gone, NULL };

    assert_refused (with_gone, LT_ERROR_NOT_FOUND, "gone.part09.tar.gz");
  }
}

/* A part of another bundle (of the same name, from another run), and the
 * same part twice. */
static void
test_other_bundle (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *other_dir = path_in (f, "other");
  g_autofree char *output = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();

  g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
  output = g_build_filename (other_dir, "diag.tar.gz", NULL);
  other = lt_test_bundle_write (other_dir, output, 2, FILE_SIZE, LT_BUNDLE_MIN_PART_SIZE, 2);
  g_assert_cmpuint (other->len, >=, 2);

  g_ptr_array_add (paths, (gpointer) part_path (other, 0));
  for (guint i = 1; i < f->parts->len; i++)
    g_ptr_array_add (paths, (gpointer) part_path (f->parts, i));
  g_ptr_array_add (paths, NULL);
  assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_INPUT, part_path (other, 0));

  /* Another bundle's last part with these earlier parts. */
  g_ptr_array_set_size (paths, 0);
  for (guint i = 0; i + 1 < f->parts->len; i++)
    g_ptr_array_add (paths, (gpointer) part_path (f->parts, i));
  g_ptr_array_add (paths, (gpointer) part_path (other, other->len - 1));
  g_ptr_array_add (paths, NULL);
  assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_INPUT, part_path (f->parts, 0));

  /* Two last parts. */
  {
    const char *two[] = { part_path (f->parts, f->parts->len - 1), part_path (other, other->len - 1), NULL };

    assert_refused (two, LT_ERROR_INVALID_INPUT, "both hold a MANIFEST.json");
  }
  /* The same part twice. */
  {
    g_autoptr(GPtrArray) twice = g_ptr_array_new ();

    for (guint i = 0; i < f->parts->len; i++)
      g_ptr_array_add (twice, (gpointer) part_path (f->parts, i));
    g_ptr_array_add (twice, (gpointer) part_path (f->parts, 0));
    g_ptr_array_add (twice, NULL);
    assert_refused ((const char * const *) twice->pdata, LT_ERROR_INVALID_INPUT, "given twice");
  }
}

/* The last part rewritten: an entry the manifest does not list, an entry
 * after the manifest, a piece changed, a manifest whose file checksum
 * lies. Each names the file. */
static void
test_entries (Fixture       *f,
              gconstpointer  data)
{
  const char *last = part_path (f->parts, f->parts->len - 1);
  g_autofree char *damaged = path_in (f, "diag.part99.tar.gz");
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autofree char *piece = first_entry (last);
  const char *sha256;

  for (guint i = 0; i + 1 < f->parts->len; i++)
    g_ptr_array_add (paths, (gpointer) part_path (f->parts, i));
  g_ptr_array_add (paths, damaged);
  g_ptr_array_add (paths, NULL);

  {
    const Damage extra = { .extra_before = "files/extra.log" };

    rewrite (last, damaged, &extra);
    assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_DATA, "files/extra.log");
    g_assert_nonnull (strstr (piece, "files/"));
  }
  {
    const Damage after = { .extra_after = "files/late.log" };

    rewrite (last, damaged, &after);
    assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_DATA, "diag.part99.tar.gz");
  }
  {
    const Damage changed = { .change = piece };

    rewrite (last, damaged, &changed);
    assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_DATA, piece);
  }
  {
    /* The rewrite alone (same entries, same bytes) passes: the damage is
     * what fails above. */
    const Damage none = { 0, };
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) parts = NULL;

    rewrite (last, damaged, &none);
    parts = lt_bundle_reader_check ((const char * const *) paths->pdata, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (parts->len, ==, f->parts->len);
  }
  {
    /* The whole file's checksum in the manifest is not its pieces'. The
     * first file is cut into pieces across parts: only the second pass
     * can see this. */
    g_autoptr(JsonNode) manifest = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) parts = NULL;
    JsonObject *file;
    g_autofree char *wrong = NULL;
    Damage lie = { 0, };

    parts = lt_bundle_reader_check ((const char * const *) paths->pdata, &manifest, NULL, &error);
    g_assert_no_error (error);
    file = json_array_get_object_element (json_object_get_array_member (json_node_get_object (manifest),
                                                                        "files"), 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (file, "pieces")), >, 1);
    sha256 = json_object_get_string_member (file, "sha256");
    wrong = g_strdup (sha256);
    wrong[0] = wrong[0] == '0' ? '1' : '0';
    lie.manifest_from = sha256;
    lie.manifest_to = wrong;
    rewrite (last, damaged, &lie);
    assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_DATA,
                    json_object_get_string_member (file, "path"));
  }
  {
    /* Not JSON any more. */
    const Damage broken = { .manifest_from = "{", .manifest_to = "[" };

    rewrite (last, damaged, &broken);
    assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_DATA, "diag.part99.tar.gz");
  }
}

/* Where the gzip stream of @data ends (libarchive pads the file with zeros
 * after it, to a whole block). */
static gsize
gzip_end (const char *data,
          gsize       length)
{
  z_stream z = { 0, };
  g_autofree guchar *sink = g_malloc (65536);
  int r = Z_OK;
  gsize end;

  g_assert_cmpint (inflateInit2 (&z, 16 + MAX_WBITS), ==, Z_OK);
  z.next_in = (Bytef *) data;
  z.avail_in = (uInt) length;
  while (r == Z_OK)
    {
      z.next_out = sink;
      z.avail_out = 65536;
      r = inflate (&z, Z_NO_FLUSH);
    }
  g_assert_cmpint (r, ==, Z_STREAM_END);
  end = z.total_in;
  inflateEnd (&z);
  return end;
}

/* The last part cut short (in the middle, in its gzip trailer), its
 * trailer's CRC-32 wrong, something after its gzip stream; the first part
 * cut short. libarchive notices only the first of these: the reader
 * checks the gzip trailer itself. */
static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  const char *last = part_path (f->parts, f->parts->len - 1);
  g_autofree char *damaged = path_in (f, "cut.tar.gz");
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gsize end;

  g_file_get_contents (last, &contents, &length, &error);
  g_assert_no_error (error);
  end = gzip_end (contents, length);
  g_assert_cmpuint (end, <=, length);
  g_test_message ("last part: %" G_GSIZE_FORMAT " bytes, its gzip stream %" G_GSIZE_FORMAT,
                  length, end);

  for (guint i = 0; i + 1 < f->parts->len; i++)
    g_ptr_array_add (paths, (gpointer) part_path (f->parts, i));
  g_ptr_array_add (paths, damaged);
  g_ptr_array_add (paths, NULL);

  {
    const gsize cuts[] = { length / 2, end - 1, end - 4, end - 8, 10 };

    for (guint c = 0; c < G_N_ELEMENTS (cuts); c++)
      {
        g_test_message ("cut at %" G_GSIZE_FORMAT, cuts[c]);
        truncate_copy (last, damaged, cuts[c]);
        assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_DATA, "cut.tar.gz");
      }
  }
  {
    g_autofree char *copy = g_memdup2 (contents, length);

    /* The CRC-32 is the trailer's first four bytes. */
    copy[end - 8] ^= 0x01;
    g_file_set_contents (damaged, copy, (gssize) length, &error);
    g_assert_no_error (error);
    assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_DATA, "cut.tar.gz");
  }
  {
    g_autoptr(GString) copy = g_string_new_len (contents, (gssize) length);

    g_string_append (copy, "appended");
    g_file_set_contents (damaged, copy->str, (gssize) copy->len, &error);
    g_assert_no_error (error);
    assert_refused ((const char * const *) paths->pdata, LT_ERROR_INVALID_DATA, "cut.tar.gz");
  }
  {
    /* The same bytes, whole, pass: the damage is what fails above. */
    g_autoptr(GPtrArray) parts = NULL;

    g_file_set_contents (damaged, contents, (gssize) length, &error);
    g_assert_no_error (error);
    parts = lt_bundle_reader_check ((const char * const *) paths->pdata, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (parts->len, ==, f->parts->len);
  }

  /* The first part cut short. */
  {
    g_autofree char *first_cut = path_in (f, "first-cut.tar.gz");
    g_autoptr(GPtrArray) with_cut = g_ptr_array_new ();

    truncate_copy (part_path (f->parts, 0), first_cut, part_at (f->parts, 0)->size / 2);
    g_ptr_array_add (with_cut, first_cut);
    for (guint i = 1; i < f->parts->len; i++)
      g_ptr_array_add (with_cut, (gpointer) part_path (f->parts, i));
    g_ptr_array_add (with_cut, NULL);
    assert_refused ((const char * const *) with_cut->pdata, LT_ERROR_INVALID_DATA, "first-cut.tar.gz");
  }
}

/* Files that are no bundle: text, a .tar.gz of an ordinary folder, a
 * folder. */
static void
test_not_a_bundle (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = path_in (f, "server.log");
  g_autofree char *plain = path_in (f, "logs.tar.gz");
  g_autofree char *folder = path_in (f, "logs");
  g_autofree char *inside = g_build_filename (folder, "app.log", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_file_set_contents (text, "2026-12-06 ERROR collector stopped\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_file_set_contents (inside, "2026-12-06 INFO started\n", -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "tar", "-czf", plain, "-C", f->dir, "logs", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }

  {
    const char *paths[] = { text, NULL };

    assert_refused (paths, LT_ERROR_INVALID_INPUT, "server.log");
  }
  {
    const char *paths[] = { plain, NULL };

    assert_refused (paths, LT_ERROR_INVALID_DATA, "logs.tar.gz");
  }
  {
    const char *paths[] = { folder, NULL };

    assert_refused (paths, LT_ERROR_INVALID_INPUT, "logs");
  }

  /* Which files the CLI checks as a bundle at all. */
  g_assert_false (lt_bundle_reader_looks_like_bundle (text));
  g_assert_false (lt_bundle_reader_looks_like_bundle (plain));
  g_assert_false (lt_bundle_reader_looks_like_bundle (folder));
  for (guint i = 0; i < f->parts->len; i++)
    g_assert_true (lt_bundle_reader_looks_like_bundle (part_path (f->parts, i)));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/lt/bundle-reader/good", test_good);
  ADD ("/lt/bundle-reader/missing-part", test_missing_part);
  ADD ("/lt/bundle-reader/other-bundle", test_other_bundle);
  ADD ("/lt/bundle-reader/entries", test_entries);
  ADD ("/lt/bundle-reader/truncated", test_truncated);
  ADD ("/lt/bundle-reader/not-a-bundle", test_not_a_bundle);

  return g_test_run ();
}
