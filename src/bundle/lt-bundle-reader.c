/* lt-bundle-reader.c
 *
 * Two passes over the parts. The first streams each file once: its own
 * size and SHA-256 (hashed as libarchive reads it), each entry's name,
 * metadata, size and SHA-256, and MANIFEST.json's text. With the manifest
 * found, the files are put in order by their checksums (the manifest lists
 * every part but the last by size and SHA-256, so a renamed part is still
 * recognised and a part of another bundle is not), and every entry is
 * held to the manifest's pieces. A file cut into pieces across parts is
 * hashed whole in a second pass, in order; a bundle of files that each fit
 * in one piece needs none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-bundle"

#include "config.h"

#include "lt-bundle-reader.h"
#include "lt-error.h"
#include "lt-json.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define READ_BLOCK (64 * 1024)

/* ---- one part, streamed ------------------------------------------------- */

typedef struct
{
  char    *name;
  guint    index;   /* in the archive */
  guint64  size;
  char    *sha256;
} Entry;

static void
entry_free (Entry *entry)
{
  g_free (entry->name);
  g_free (entry->sha256);
  g_free (entry);
}

typedef struct
{
  char      *path;      /* absolute */
  char      *display;   /* for messages */
  guint64    size;
  char      *sha256;
  GPtrArray  *entries;  /* (element-type Entry), in the archive's order */
  GHashTable *by_name;  /* entry name → Entry */
  GBytes    *manifest;  /* MANIFEST.json's text, when this part holds it */
} Scan;

static void
scan_free (Scan *scan)
{
  g_free (scan->path);
  g_free (scan->display);
  g_free (scan->sha256);
  g_clear_pointer (&scan->by_name, g_hash_table_unref);
  g_clear_pointer (&scan->entries, g_ptr_array_unref);
  g_clear_pointer (&scan->manifest, g_bytes_unref);
  g_free (scan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Scan, scan_free)

/* What the second pass does with an entry's bytes: @data is NULL and
 * @length 0 at the end of entry @index. */
typedef void (*EntryDataFunc) (guint       index,
                               const void *data,
                               gsize       length,
                               gpointer    user_data);

/* libarchive's source: the file's bytes, hashed on their way in, and
 * inflated once more by zlib to hold the gzip trailer to them. libarchive
 * does not check the trailer's CRC-32 and length: a part cut in its last
 * eight bytes would pass it. */
typedef struct
{
  GInputStream *stream;
  GChecksum    *checksum;
  guint64       size;
  guchar        head[2];
  GCancellable *cancellable;
  GError       *error;
  z_stream      z;
  gboolean      z_ready;
  gboolean      z_ended;     /* the gzip stream ended, trailer checked */
  gboolean      z_trailing;  /* bytes other than zeros after it */
  const char   *z_failure;   /* zlib's reason it is damaged */
  guchar       *sink;        /* zlib's output, discarded */
  guchar        buffer[READ_BLOCK];
} RawSource;

static void
raw_source_free (RawSource *src)
{
  g_clear_object (&src->stream);
  g_clear_pointer (&src->checksum, g_checksum_free);
  g_clear_error (&src->error);
  if (src->z_ready)
    inflateEnd (&src->z);
  g_free (src->sink);
  g_free (src);
}

/* libarchive pads its output with zeros to a whole block of 10240 bytes,
 * as tar does; gzip ignores them. Anything else after the gzip stream is
 * not from the writer. */
static gboolean
all_zero (const guchar *data,
          gsize         length)
{
  for (gsize i = 0; i < length; i++)
    if (data[i] != 0)
      return FALSE;
  return TRUE;
}

static void
raw_source_inflate (RawSource    *src,
                    const guchar *data,
                    gsize         length)
{
  if (!src->z_ready || src->z_failure != NULL || length == 0)
    return;
  if (src->z_ended)
    {
      src->z_trailing |= !all_zero (data, length);
      return;
    }
  src->z.next_in = (Bytef *) data;
  src->z.avail_in = (uInt) length;
  while (src->z.avail_in > 0)
    {
      int r;

      src->z.next_out = src->sink;
      src->z.avail_out = READ_BLOCK;
      r = inflate (&src->z, Z_NO_FLUSH);
      if (r == Z_STREAM_END)
        {
          src->z_ended = TRUE;
          src->z_trailing = !all_zero (src->z.next_in, src->z.avail_in);
          return;
        }
      if (r != Z_OK)
        {
          src->z_failure = src->z.msg != NULL ? src->z.msg : "inflate";
          return;
        }
    }
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RawSource, raw_source_free)

static gssize
raw_source_read (RawSource *src)
{
  gssize n;

  if (src->error != NULL)
    return -1;
  n = g_input_stream_read (src->stream, src->buffer, sizeof src->buffer, src->cancellable,
                           &src->error);
  if (n > 0)
    {
      /* The first bytes, to tell "not gzip" from "damaged gzip". */
      for (gsize i = 0; i < 2 && src->size + i < 2 && i < (gsize) n; i++)
        src->head[src->size + i] = src->buffer[i];
      g_checksum_update (src->checksum, src->buffer, n);
      raw_source_inflate (src, src->buffer, (gsize) n);
      src->size += (guint64) n;
    }
  return n;
}

static la_ssize_t
raw_read_cb (struct archive  *ar,
             void            *user_data,
             const void     **buffer)
{
  RawSource *src = user_data;
  gssize n = raw_source_read (src);

  if (n < 0)
    {
      archive_set_error (ar, EIO, "%s", src->error != NULL ? src->error->message : "");
      return -1;
    }
  *buffer = src->buffer;
  return n;
}

static GInputStream *
open_part (const char  *path,
           const char  *display,
           GError     **error)
{
  struct stat st;
  int fd;

  /* O_NONBLOCK: a FIFO named by mistake must not hang the check. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, LT_ERROR, saved == ENOENT ? LT_ERROR_NOT_FOUND : LT_ERROR_INVALID_INPUT,
                   _("Cannot read “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a regular file, so not a part of a diagnostics bundle"), display);
      return NULL;
    }
  return g_unix_input_stream_new (fd, TRUE);
}

static gboolean
safe_entry_name (const char *name)
{
  g_auto(GStrv) components = NULL;

  if (name == NULL || name[0] == '\0' || name[0] == '/')
    return FALSE;
  components = g_strsplit (name, "/", -1);
  for (guint i = 0; components[i] != NULL; i++)
    if (g_strcmp0 (components[i], "..") == 0)
      return FALSE;
  return TRUE;
}

/* Sets the error for a libarchive failure in @src's file. */
static void
set_archive_error (GError         **error,
                   struct archive  *ar,
                   RawSource       *src,
                   const char      *display)
{
  if (src->error != NULL && g_error_matches (src->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&src->error));
      return;
    }
  if (src->size < 2 || src->head[0] != 0x1f || src->head[1] != 0x8b)
    g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                 _("“%s” is not a diagnostics bundle: it is not a .tar.gz archive"), display);
  else
    g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                 _("“%s” is damaged or cut short: %s"), display,
                 archive_error_string (ar) != NULL ? archive_error_string (ar)
                                                    : _("it cannot be read to its end"));
}

static gboolean
check_entry_metadata (struct archive_entry  *e,
                      const char            *name,
                      const char            *display,
                      GError               **error)
{
  if (!safe_entry_name (name))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("“%s” holds an entry with an unsafe name (“%s”): it is not a diagnostics bundle"),
                   display, name != NULL ? name : "");
      return FALSE;
    }
  if (archive_entry_filetype (e) != AE_IFREG)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("“%s”: the entry “%s” is not a regular file: it is not a diagnostics bundle"),
                   display, name);
      return FALSE;
    }
  /* The writer's fixed metadata (docs/bundle.md, "The archive"). */
  if (archive_entry_perm (e) != 0644 || archive_entry_mtime (e) != 0 ||
      archive_entry_uid (e) != 0 || archive_entry_gid (e) != 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("“%s”: the entry “%s” has a mode, time or owner no bundle has: it is not a "
                     "diagnostics bundle"), display, name);
      return FALSE;
    }
  return TRUE;
}

/* Reads @path once. @func, when given, gets the bytes of every entry. */
static Scan *
read_part (const char     *path,
           EntryDataFunc   func,
           gpointer        user_data,
           GCancellable   *cancellable,
           GError        **error)
{
  g_autoptr(Scan) scan = g_new0 (Scan, 1);
  g_autoptr(RawSource) src = g_new0 (RawSource, 1);
  g_autoptr(GByteArray) manifest = NULL;
  g_autofree guchar *data = g_malloc (READ_BLOCK);
  struct archive *ar;
  struct archive_entry *e;
  gboolean ok = TRUE;
  int r;

  scan->path = g_canonicalize_filename (path, NULL);
  scan->display = g_filename_display_name (scan->path);
  scan->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  scan->by_name = g_hash_table_new (g_str_hash, g_str_equal);

  src->stream = open_part (scan->path, scan->display, error);
  if (src->stream == NULL)
    return NULL;
  src->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  src->cancellable = cancellable;
  src->sink = g_malloc (READ_BLOCK);
  /* 16 + MAX_WBITS: a gzip wrapper, whose trailer zlib checks. */
  src->z_ready = inflateInit2 (&src->z, 16 + MAX_WBITS) == Z_OK;
  if (!src->z_ready)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT, _("zlib could not be set up"));
      return NULL;
    }

  ar = archive_read_new ();
  /* gzip and tar only: anything else is not a bundle. */
  if (archive_read_support_filter_gzip (ar) != ARCHIVE_OK ||
      archive_read_support_format_tar (ar) != ARCHIVE_OK ||
      archive_read_open (ar, src, NULL, raw_read_cb, NULL) != ARCHIVE_OK)
    {
      set_archive_error (error, ar, src, scan->display);
      archive_read_free (ar);
      return NULL;
    }

  while (ok && (r = archive_read_next_header (ar, &e)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (e);
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      gboolean is_manifest = g_strcmp0 (name, LT_BUNDLE_MANIFEST_NAME) == 0;
      Entry *entry;
      la_ssize_t n;
      guint64 size = 0;

      if (archive_filter_code (ar, 0) != ARCHIVE_FILTER_GZIP)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("“%s” is not a diagnostics bundle: it is not a .tar.gz archive"),
                       scan->display);
          ok = FALSE;
          break;
        }
      if (!check_entry_metadata (e, name, scan->display, error))
        {
          ok = FALSE;
          break;
        }
      if (manifest != NULL)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("“%s”: the entry “%s” follows MANIFEST.json, which is always the last"),
                       scan->display, name);
          ok = FALSE;
          break;
        }
      if (g_hash_table_contains (scan->by_name, name))
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("“%s”: the entry “%s” appears twice"), scan->display, name);
          ok = FALSE;
          break;
        }
      if (is_manifest)
        manifest = g_byte_array_new ();

      while ((n = archive_read_data (ar, data, READ_BLOCK)) > 0)
        {
          g_checksum_update (checksum, data, n);
          size += (guint64) n;
          if (func != NULL)
            func (scan->entries->len, data, (gsize) n, user_data);
          if (is_manifest)
            {
              if (manifest->len + (guint64) n > LT_BUNDLE_MANIFEST_MAX_SIZE)
                {
                  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                               _("“%s”: MANIFEST.json is larger than any bundle's"), scan->display);
                  ok = FALSE;
                  break;
                }
              g_byte_array_append (manifest, data, (guint) n);
            }
        }
      if (!ok)
        break;
      if (n < 0 || (archive_entry_size_is_set (e) && size != (guint64) archive_entry_size (e)))
        {
          set_archive_error (error, ar, src, scan->display);
          ok = FALSE;
          break;
        }
      if (func != NULL)
        func (scan->entries->len, NULL, 0, user_data);

      entry = g_new0 (Entry, 1);
      entry->name = g_strdup (name);
      entry->index = scan->entries->len;
      entry->size = size;
      entry->sha256 = g_strdup (g_checksum_get_string (checksum));
      g_ptr_array_add (scan->entries, entry);
      g_hash_table_insert (scan->by_name, entry->name, entry);
    }
  if (ok && r != ARCHIVE_EOF)
    {
      set_archive_error (error, ar, src, scan->display);
      ok = FALSE;
    }
  if (ok && archive_read_close (ar) != ARCHIVE_OK)
    {
      set_archive_error (error, ar, src, scan->display);
      ok = FALSE;
    }
  archive_read_free (ar);
  if (!ok)
    return NULL;

  if (scan->entries->len == 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a diagnostics bundle: the archive is empty"), scan->display);
      return NULL;
    }

  /* The file's checksum covers every byte, also any libarchive did not
   * need. */
  for (gssize n = 1; n > 0;)
    {
      n = raw_source_read (src);
      if (n < 0)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&src->error),
                                      _("Cannot read “%s”: "), scan->display);
          return NULL;
        }
    }
  if (src->z_failure != NULL || !src->z_ended)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA, _("“%s” is damaged or cut short: %s"),
                   scan->display,
                   src->z_failure != NULL ? src->z_failure : _("its gzip stream does not end"));
      return NULL;
    }
  if (src->z_trailing)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("“%s” has bytes after the end of its gzip stream: it is not a diagnostics "
                     "bundle as written"), scan->display);
      return NULL;
    }
  scan->size = src->size;
  scan->sha256 = g_strdup (g_checksum_get_string (src->checksum));
  if (manifest != NULL)
    scan->manifest = g_byte_array_free_to_bytes (g_steal_pointer (&manifest));
  return g_steal_pointer (&scan);
}

/**
 * lt_bundle_reader_looks_like_bundle:
 * @path: a file
 *
 * Whether @path is meant as a part of a diagnostics bundle: a name ending
 * in ".partNN.tar.gz", or a .tar.gz archive whose first entry is
 * MANIFEST.json or under "files/" (as the writer makes them). Only the
 * first entry is read; lt_bundle_reader_check() then checks it all. A
 * damaged archive that still shows its first entry is a bundle, so the
 * check refuses it rather than let it be attached as a plain file.
 *
 * Returns: %TRUE when @path should be checked as a bundle
 */
gboolean
lt_bundle_reader_looks_like_bundle (const char *path)
{
  g_autoptr(RawSource) src = NULL;
  g_autoptr(GRegex) part_name = NULL;
  g_autofree char *base = NULL;
  struct archive *ar;
  struct archive_entry *e;
  gboolean bundle = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);

  base = g_path_get_basename (path);
  if (!g_str_has_suffix (base, ".tar.gz"))
    return FALSE;
  part_name = g_regex_new ("\\.part[0-9]{2,}\\.tar\\.gz$", G_REGEX_OPTIMIZE, 0, NULL);
  if (g_regex_match (part_name, base, 0, NULL))
    return TRUE;

  src = g_new0 (RawSource, 1);
  src->stream = open_part (path, base, NULL);
  if (src->stream == NULL)
    return FALSE;
  src->checksum = g_checksum_new (G_CHECKSUM_SHA256);

  ar = archive_read_new ();
  if (archive_read_support_filter_gzip (ar) == ARCHIVE_OK &&
      archive_read_support_format_tar (ar) == ARCHIVE_OK &&
      archive_read_open (ar, src, NULL, raw_read_cb, NULL) == ARCHIVE_OK &&
      archive_read_next_header (ar, &e) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (e);

      bundle = g_strcmp0 (name, LT_BUNDLE_MANIFEST_NAME) == 0 ||
               (name != NULL && g_str_has_prefix (name, LT_BUNDLE_FILES_DIR "/"));
    }
  archive_read_free (ar);
  return bundle;
}

/* ---- the manifest ----------------------------------------------------------- */

typedef struct
{
  guint        part;    /* 1-based */
  const char  *entry;
  guint64      offset;
  guint64      size;
  const char  *sha256;
} Piece;

typedef struct
{
  const char *path;
  const char *sha256;
  guint64     size_after;
  GArray     *pieces;   /* (element-type Piece) */
} ManifestFile;

static void
manifest_file_clear (ManifestFile *file)
{
  g_clear_pointer (&file->pieces, g_array_unref);
}

typedef struct
{
  guint64     size;
  const char *sha256;
} ListedPart;

typedef struct
{
  LtJsonDocument *document;
  GArray         *files;  /* (element-type ManifestFile) */
  GArray         *parts;  /* (element-type ListedPart): every part but the last */
} Manifest;

static void
manifest_free (Manifest *manifest)
{
  g_clear_pointer (&manifest->files, g_array_unref);
  g_clear_pointer (&manifest->parts, g_array_unref);
  g_clear_pointer (&manifest->document, lt_json_document_free);
  g_free (manifest);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Manifest, manifest_free)

static gboolean
read_sha256 (JsonObject  *object,
             const char  *path,
             const char **out,
             GError     **error)
{
  if (!lt_json_read_string (object, path, "sha256", LT_JSON_REQUIRED, out, error))
    return FALSE;
  if (strlen (*out) != 64 || strspn (*out, "0123456789abcdef") != 64)
    {
      g_autofree char *member = lt_json_member_path (path, "sha256");

      lt_json_set_path_error (error, member, _("expected a SHA-256 in lower-case hex"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_size (JsonObject  *object,
           const char  *path,
           const char  *name,
           guint64     *out,
           GError     **error)
{
  gint64 value = 0;

  if (!lt_json_read_int (object, path, name, LT_JSON_REQUIRED, 0, G_MAXINT64, &value, NULL, error))
    return FALSE;
  *out = (guint64) value;
  return TRUE;
}

/* The members the check needs, with their types; other members are the
 * reader's business (the review, the counts). */
static Manifest *
parse_manifest (GBytes  *bytes,
                GError **error)
{
  g_autoptr(Manifest) manifest = g_new0 (Manifest, 1);
  JsonObject *root;
  JsonArray *files, *parts;
  g_autofree char *files_path = NULL;
  g_autofree char *parts_path = NULL;
  gint64 format = 0;
  guint n_listed;

  manifest->document = lt_json_document_parse_bytes (bytes, LT_JSON_MAX_DEPTH, error);
  if (manifest->document == NULL)
    return NULL;
  root = lt_json_node_get_object (lt_json_document_get_root (manifest->document), "$", NULL, error);
  if (root == NULL ||
      !lt_json_read_int (root, "$", "format", LT_JSON_REQUIRED, 0, G_MAXINT, &format, NULL, error))
    return NULL;
  if (format != LT_BUNDLE_MANIFEST_FORMAT)
    {
      lt_json_set_path_error (error, "$.format",
                              _("format %lld is not one this version reads (%d)"),
                              (long long) format, LT_BUNDLE_MANIFEST_FORMAT);
      return NULL;
    }
  if (!lt_json_read_array (root, "$", "files", LT_JSON_REQUIRED, 0, &files, &files_path, error) ||
      !lt_json_read_array (root, "$", "parts", LT_JSON_REQUIRED, 0, &parts, &parts_path, error))
    return NULL;

  n_listed = json_array_get_length (parts);
  manifest->parts = g_array_new (FALSE, TRUE, sizeof (ListedPart));
  for (guint i = 0; i < n_listed; i++)
    {
      g_autofree char *path = lt_json_element_path (parts_path, i);
      JsonObject *object = lt_json_node_get_object (json_array_get_element (parts, i), path, NULL, error);
      ListedPart listed = { 0, };
      gint64 number = 0;

      if (object == NULL ||
          !lt_json_read_int (object, path, "part", LT_JSON_REQUIRED, i + 1, i + 1, &number, NULL, error) ||
          !read_size (object, path, "size", &listed.size, error) ||
          !read_sha256 (object, path, &listed.sha256, error))
        return NULL;
      g_array_append_val (manifest->parts, listed);
    }

  manifest->files = g_array_new (FALSE, TRUE, sizeof (ManifestFile));
  g_array_set_clear_func (manifest->files, (GDestroyNotify) manifest_file_clear);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      g_autofree char *path = lt_json_element_path (files_path, i);
      g_autofree char *pieces_path = NULL;
      JsonObject *object = lt_json_node_get_object (json_array_get_element (files, i), path, NULL, error);
      JsonArray *pieces;
      ManifestFile file = { 0, };

      if (object == NULL ||
          !lt_json_read_string (object, path, "path", LT_JSON_REQUIRED, &file.path, error) ||
          !read_sha256 (object, path, &file.sha256, error) ||
          !read_size (object, path, "size_after", &file.size_after, error) ||
          !lt_json_read_array (object, path, "pieces", LT_JSON_REQUIRED, 0, &pieces, &pieces_path, error))
        return NULL;
      if (i > 0 && strcmp (g_array_index (manifest->files, ManifestFile, i - 1).path, file.path) >= 0)
        {
          lt_json_set_path_error (error, path, _("the files are not in the order of their paths"));
          return NULL;
        }

      file.pieces = g_array_new (FALSE, TRUE, sizeof (Piece));
      g_array_append_val (manifest->files, file);
      for (guint j = 0; j < json_array_get_length (pieces); j++)
        {
          g_autofree char *piece_path = lt_json_element_path (pieces_path, j);
          JsonObject *piece_object = lt_json_node_get_object (json_array_get_element (pieces, j),
                                                              piece_path, NULL, error);
          Piece piece = { 0, };
          gint64 part = 0;

          if (piece_object == NULL ||
              !lt_json_read_int (piece_object, piece_path, "part", LT_JSON_REQUIRED, 1, n_listed + 1,
                                 &part, NULL, error) ||
              !lt_json_read_string (piece_object, piece_path, "entry", LT_JSON_REQUIRED, &piece.entry,
                                    error) ||
              !read_size (piece_object, piece_path, "offset", &piece.offset, error) ||
              !read_size (piece_object, piece_path, "size", &piece.size, error) ||
              !read_sha256 (piece_object, piece_path, &piece.sha256, error))
            return NULL;
          piece.part = (guint) part;
          g_array_append_val (g_array_index (manifest->files, ManifestFile, i).pieces, piece);
        }
    }
  return g_steal_pointer (&manifest);
}

/* ---- the whole bundle ------------------------------------------------------- */

/* The name the part @number of the bundle whose last part is @last would
 * have, for a message. */
static char *
expected_part_name (const char *last,
                    guint       number)
{
  g_autofree char *base = g_path_get_basename (last);
  g_autoptr(GRegex) regex = g_regex_new ("\\.part[0-9]{2,}\\.tar\\.gz$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  gint start = 0;

  if (g_regex_match (regex, base, 0, &match) && g_match_info_fetch_pos (match, 0, &start, NULL))
    {
      g_autofree char *stem = g_strndup (base, (gsize) start);
      g_autofree char *name = g_strdup_printf ("%s.part%02u.tar.gz", stem, number);

      return g_filename_display_name (name);
    }
  return g_strdup_printf (_("part %u"), number);
}

/* The entries a part must hold, in order. */
static GPtrArray *
expected_entries (Manifest *manifest,
                  guint     part)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < manifest->files->len; i++)
    {
      ManifestFile *file = &g_array_index (manifest->files, ManifestFile, i);

      for (guint j = 0; j < file->pieces->len; j++)
        if (g_array_index (file->pieces, Piece, j).part == part)
          g_ptr_array_add (names, (gpointer) g_array_index (file->pieces, Piece, j).entry);
    }
  if (part == manifest->parts->len + 1)
    g_ptr_array_add (names, (gpointer) LT_BUNDLE_MANIFEST_NAME);
  return names;
}

/* The part's entries are exactly the manifest's, in its order. */
static gboolean
check_entries (Manifest  *manifest,
               Scan      *scan,
               guint      part,
               GError   **error)
{
  g_autoptr(GPtrArray) expected = expected_entries (manifest, part);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < expected->len; i++)
    g_hash_table_add (listed, g_ptr_array_index (expected, i));

  for (guint i = 0; i < scan->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (scan->entries, i);

      if (!g_hash_table_contains (listed, entry->name))
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("“%s” holds “%s”, which its bundle's MANIFEST.json does not list there"),
                       scan->display, entry->name);
          return FALSE;
        }
    }
  for (guint i = 0; i < expected->len; i++)
    if (!g_hash_table_contains (scan->by_name, g_ptr_array_index (expected, i)))
      {
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                     _("“%s” lacks “%s”, which its bundle's MANIFEST.json lists there"),
                     scan->display, (const char *) g_ptr_array_index (expected, i));
        return FALSE;
      }
  /* The same names (no entry repeats, and a piece named twice would be
   * missing from the archive once): now their order. */
  for (guint i = 0; i < expected->len && i < scan->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (scan->entries, i);

      if (g_strcmp0 (g_ptr_array_index (expected, i), entry->name) != 0)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("“%s”: the entries are not in the order of MANIFEST.json (“%s” comes "
                         "where “%s” should)"), scan->display, entry->name,
                       (const char *) g_ptr_array_index (expected, i));
          return FALSE;
        }
    }
  if (expected->len != scan->entries->len)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("“%s”: MANIFEST.json names one of its entries twice"), scan->display);
      return FALSE;
    }
  return TRUE;
}

static Entry *
find_entry (Scan       *scan,
            const char *name)
{
  return g_hash_table_lookup (scan->by_name, name);
}

/* The second pass: which manifest file each entry of a part feeds, for
 * the files in several pieces. */
typedef struct
{
  GArray    *owners;      /* guint per entry of the current part; G_MAXUINT: none */
  GChecksum *checksum;    /* the file being put together */
  guint      file;        /* its index, G_MAXUINT before the first */
  GPtrArray *sums;        /* (element-type utf8) per manifest file, once complete */
} Whole;

static void
whole_data_cb (guint       index,
               const void *data,
               gsize       length,
               gpointer    user_data)
{
  Whole *whole = user_data;
  guint owner = index < whole->owners->len ? g_array_index (whole->owners, guint, index) : G_MAXUINT;

  if (owner == G_MAXUINT || data == NULL)
    return;
  if (owner != whole->file)
    {
      if (whole->checksum != NULL)
        g_ptr_array_index (whole->sums, whole->file) = g_strdup (g_checksum_get_string (whole->checksum));
      g_clear_pointer (&whole->checksum, g_checksum_free);
      whole->checksum = g_checksum_new (G_CHECKSUM_SHA256);
      whole->file = owner;
    }
  g_checksum_update (whole->checksum, data, (gssize) length);
}

static gboolean
check_whole_files (Manifest      *manifest,
                   GPtrArray     *ordered,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GPtrArray) sums = g_ptr_array_new_full (manifest->files->len, g_free);
  Whole whole = { NULL, NULL, G_MAXUINT, sums };
  gboolean needed = FALSE;

  g_ptr_array_set_size (sums, manifest->files->len);
  for (guint i = 0; i < manifest->files->len; i++)
    needed |= g_array_index (manifest->files, ManifestFile, i).pieces->len > 1;
  if (!needed)
    return TRUE;

  for (guint p = 0; p < ordered->len; p++)
    {
      Scan *first = g_ptr_array_index (ordered, p);
      g_autoptr(Scan) again = NULL;
      g_autoptr(GArray) owners = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint e = 0; e < first->entries->len; e++)
        {
          guint none = G_MAXUINT;

          g_array_append_val (owners, none);
        }
      for (guint i = 0; i < manifest->files->len; i++)
        {
          ManifestFile *file = &g_array_index (manifest->files, ManifestFile, i);

          for (guint j = 0; file->pieces->len > 1 && j < file->pieces->len; j++)
            {
              Piece *piece = &g_array_index (file->pieces, Piece, j);
              Entry *entry = piece->part == p + 1 ? find_entry (first, piece->entry) : NULL;

              if (entry != NULL)
                g_array_index (owners, guint, entry->index) = i;
            }
        }
      whole.owners = owners;
      again = read_part (first->path, whole_data_cb, &whole, cancellable, error);
      whole.owners = NULL;
      if (again == NULL)
        {
          g_clear_pointer (&whole.checksum, g_checksum_free);
          return FALSE;
        }
      if (g_strcmp0 (again->sha256, first->sha256) != 0)
        {
          g_clear_pointer (&whole.checksum, g_checksum_free);
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("“%s” changed while it was being checked"), first->display);
          return FALSE;
        }
    }
  if (whole.checksum != NULL)
    g_ptr_array_index (sums, whole.file) = g_strdup (g_checksum_get_string (whole.checksum));
  g_clear_pointer (&whole.checksum, g_checksum_free);

  for (guint i = 0; i < manifest->files->len; i++)
    {
      ManifestFile *file = &g_array_index (manifest->files, ManifestFile, i);

      if (file->pieces->len > 1 && g_strcmp0 (g_ptr_array_index (sums, i), file->sha256) != 0)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("The pieces of “%s” put together do not give the SHA-256 in MANIFEST.json"),
                       file->path);
          return FALSE;
        }
    }
  return TRUE;
}

/* Every piece is its entry, with its size and SHA-256; a file's pieces
 * follow each other and add up to it. */
static gboolean
check_pieces (Manifest   *manifest,
              GPtrArray  *ordered,
              GError    **error)
{
  static const char empty_sha256[] =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  for (guint i = 0; i < manifest->files->len; i++)
    {
      ManifestFile *file = &g_array_index (manifest->files, ManifestFile, i);
      guint64 offset = 0;

      for (guint j = 0; j < file->pieces->len; j++)
        {
          Piece *piece = &g_array_index (file->pieces, Piece, j);
          Scan *scan = g_ptr_array_index (ordered, piece->part - 1);
          Entry *entry = find_entry (scan, piece->entry);

          g_assert (entry != NULL);  /* check_entries() */
          if (entry->size != piece->size || g_strcmp0 (entry->sha256, piece->sha256) != 0)
            {
              g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                           _("“%s”: the size or SHA-256 of “%s” differs from MANIFEST.json"),
                           scan->display, piece->entry);
              return FALSE;
            }
          if (piece->offset != offset)
            {
              g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                           _("MANIFEST.json: the pieces of “%s” do not follow each other"), file->path);
              return FALSE;
            }
          offset += piece->size;
        }
      if (offset != file->size_after ||
          (file->pieces->len == 1 &&
           g_strcmp0 (g_array_index (file->pieces, Piece, 0).sha256, file->sha256) != 0) ||
          (file->pieces->len == 0 && g_strcmp0 (file->sha256, empty_sha256) != 0))
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("The pieces of “%s” put together do not give its size or SHA-256 in "
                         "MANIFEST.json"), file->path);
          return FALSE;
        }
    }
  return TRUE;
}

/* Puts @scans in the manifest's order: the earlier parts by their size
 * and SHA-256, @last last. */
static GPtrArray *
order_parts (Manifest   *manifest,
             GPtrArray  *scans,
             Scan       *last,
             GError    **error)
{
  guint n_parts = manifest->parts->len + 1;
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();

  g_ptr_array_set_size (ordered, n_parts);
  g_ptr_array_index (ordered, n_parts - 1) = last;

  for (guint s = 0; s < scans->len; s++)
    {
      Scan *scan = g_ptr_array_index (scans, s);
      gboolean placed = FALSE;

      if (scan == last)
        continue;
      for (guint i = 0; i < manifest->parts->len && !placed; i++)
        {
          ListedPart *listed = &g_array_index (manifest->parts, ListedPart, i);

          if (g_ptr_array_index (ordered, i) == NULL && listed->size == scan->size &&
              g_strcmp0 (listed->sha256, scan->sha256) == 0)
            {
              g_ptr_array_index (ordered, i) = scan;
              placed = TRUE;
            }
        }
      if (!placed)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("“%s” is not a part of the bundle whose MANIFEST.json is in “%s” (its size "
                         "and SHA-256 are not among the parts it lists), or is given twice"),
                       scan->display, last->display);
          return NULL;
        }
    }

  for (guint i = 0; i < n_parts; i++)
    if (g_ptr_array_index (ordered, i) == NULL)
      {
        g_autofree char *name = expected_part_name (last->path, i + 1);

        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                     _("Part %u of %u of the bundle “%s” is missing (%s, SHA-256 %s)"),
                     i + 1, n_parts, last->display, name,
                     g_array_index (manifest->parts, ListedPart, i).sha256);
        return NULL;
      }
  return g_steal_pointer (&ordered);
}

/**
 * lt_bundle_reader_check:
 * @paths: (array zero-terminated=1): the files of one bundle, in any order
 * @manifest: (out) (optional) (transfer full): MANIFEST.json
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for an error
 *
 * Checks the files of one diagnostics bundle (NAME.tar.gz, or
 * NAME.part01.tar.gz … the last holding MANIFEST.json) as
 * tests/check-bundle.py does: each is a .tar.gz of regular entries with
 * the writer's fixed metadata and safe names, MANIFEST.json is the last
 * entry of exactly one of them, the others are every part the manifest
 * lists (by size and SHA-256), each part holds exactly the manifest's
 * entries in order, every piece has its size and SHA-256, and the pieces
 * of each file give the file's. Refused, with LT_ERROR_INVALID_INPUT or
 * LT_ERROR_INVALID_DATA naming the file (LT_ERROR_NOT_FOUND for a file
 * that does not exist): a file that is not a bundle, a missing part, a
 * part of another bundle, an extra or missing entry, a checksum that
 * differs, an archive cut short.
 *
 * Returns: (transfer full) (element-type LtBundlePart): the parts in
 *   order, the last holding MANIFEST.json (its SHA-256 is the bundle's)
 */
GPtrArray *
lt_bundle_reader_check (const char * const  *paths,
                        JsonNode           **manifest,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GPtrArray) scans = g_ptr_array_new_with_free_func ((GDestroyNotify) scan_free);
  g_autoptr(GHashTable) given = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(Manifest) parsed = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  Scan *last = NULL;

  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (paths[0] == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("A diagnostics bundle needs at least one file"));
      return NULL;
    }

  for (guint i = 0; paths[i] != NULL; i++)
    {
      Scan *scan = read_part (paths[i], NULL, NULL, cancellable, error);

      if (scan == NULL)
        return NULL;
      g_ptr_array_add (scans, scan);
      if (!g_hash_table_add (given, scan->path))
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("“%s” is given twice"), scan->display);
          return NULL;
        }
      if (scan->manifest != NULL)
        {
          if (last != NULL)
            {
              g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("“%s” and “%s” both hold a MANIFEST.json: they are the last parts of "
                             "two bundles"), last->display, scan->display);
              return NULL;
            }
          last = scan;
        }
    }

  if (last == NULL)
    {
      Scan *first = g_ptr_array_index (scans, 0);

      if (scans->len == 1)
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                     _("“%s” holds no MANIFEST.json: it is not a diagnostics bundle, or not its "
                       "last part"), first->display);
      else
        {
          g_autoptr(GString) names = g_string_new (NULL);

          for (guint i = 0; i < scans->len; i++)
            {
              g_autofree char *base = g_path_get_basename (((Scan *) g_ptr_array_index (scans, i))->display);

              g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "", base);
            }
          /* TRANSLATORS: %s lists the files given: “diag.part01.tar.gz”, “diag.part02.tar.gz” */
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("None of %s holds MANIFEST.json: the bundle's last part is missing"),
                       names->str);
        }
      return NULL;
    }

  parsed = parse_manifest (last->manifest, error);
  if (parsed == NULL)
    {
      g_prefix_error (error, _("“%s”: MANIFEST.json: "), last->display);
      return NULL;
    }

  ordered = order_parts (parsed, scans, last, error);
  if (ordered == NULL)
    return NULL;

  for (guint p = 0; p < ordered->len; p++)
    if (!check_entries (parsed, g_ptr_array_index (ordered, p), p + 1, error))
      return NULL;
  if (!check_pieces (parsed, ordered, error) ||
      !check_whole_files (parsed, ordered, cancellable, error))
    return NULL;

  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_bundle_part_free);
  for (guint p = 0; p < ordered->len; p++)
    {
      Scan *scan = g_ptr_array_index (ordered, p);
      LtBundlePart *part = g_new0 (LtBundlePart, 1);

      part->path = g_strdup (scan->path);
      part->size = scan->size;
      part->sha256 = g_strdup (scan->sha256);
      g_ptr_array_add (parts, part);
    }
  if (manifest != NULL)
    *manifest = json_node_copy (lt_json_document_get_root (parsed->document));
  return g_steal_pointer (&parts);
}
