/* lt-bundle.c: collecting the files of a diagnostics bundle and writing it
 *
 * Collection walks the chosen paths with openat() and O_NOFOLLOW, so a
 * symbolic link (or one swapped in while the walk runs) is never followed
 * out of them; symbolic links, devices, FIFOs and sockets are left out with
 * a note. A text file is read from the newest line the caps allow (plain
 * files by seeking back from the end, .gz files by counting once and
 * reading again), every line goes through the LtLineFilter, and the result
 * is spooled to a private temporary file: a tar header needs the entry's
 * size before its data, and the filtered size is only known at the end.
 * The archive is written by libarchive with every varying field fixed, so
 * the same input gives the same bytes. docs/bundle.md, "Collection and the
 * archive".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-bundle"

#include "config.h"

#include "lt-bundle.h"

#include "lt-error.h"
#include "lt-ticket-event.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

/* How much of a file's start decides whether it is text: a NUL byte in
 * it means binary, as git and grep decide. */
#define SNIFF_SIZE  8192
#define READ_SIZE   65536
/* Room kept below the part size for what libarchive's gzip filter and
 * zlib hold back before it reaches the file: 64 KiB of compressed buffer,
 * zlib's pending output and one unfinished deflate block are far less. */
#define PART_MARGIN (256 * 1024)
/* The smallest piece a file is cut into while its part has other
 * entries: below this, the next piece starts a new part. */
#define MIN_PIECE (256 * 1024)
/* What a tar header and its padding add to an entry, at most. */
#define ENTRY_OVERHEAD 2048

typedef enum
{
  CANDIDATE_TEXT,
  CANDIDATE_BINARY_EXPLICIT,
} CandidateKind;

typedef struct
{
  char          *path;      /* as found: the chosen root joined with the walk */
  char          *entry;     /* the filtered name inside LT_BUNDLE_FILES_DIR */
  char          *shown;     /* the filtered path for MANIFEST.json */
  gboolean       explicit_binary;
} Candidate;

static void
candidate_free (Candidate *c)
{
  g_free (c->path);
  g_free (c->entry);
  g_free (c->shown);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Candidate, candidate_free)

struct _LtBundleWriter
{
  GObject parent_instance;

  /* Owned */
  LtLineFilter *filter;
  guint64       file_cap;
  guint64       total_cap;
  guint64       part_size;
  gboolean      learning_pass;
  GPtrArray    *roots;        /* (element-type Root) */
  GPtrArray    *candidates;   /* (element-type Candidate) */
  GHashTable   *excluded;     /* canonical paths the caller left out */
  JsonArray    *left_out;     /* { path, reason } */
  JsonNode     *manifest;
};

typedef struct
{
  char              *path;
  LtBundlePathFlags  flags;
} Root;

static void
root_free (Root *root)
{
  g_free (root->path);
  g_free (root);
}

G_DEFINE_TYPE (LtBundleWriter, lt_bundle_writer, G_TYPE_OBJECT)

void
lt_bundle_part_free (LtBundlePart *part)
{
  if (part == NULL)
    return;
  g_free (part->path);
  g_free (part->sha256);
  g_free (part);
}

static void
lt_bundle_writer_finalize (GObject *object)
{
  LtBundleWriter *self = LT_BUNDLE_WRITER (object);

  g_clear_object (&self->filter);
  g_clear_pointer (&self->roots, g_ptr_array_unref);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->excluded, g_hash_table_unref);
  g_clear_pointer (&self->left_out, json_array_unref);
  g_clear_pointer (&self->manifest, json_node_unref);

  G_OBJECT_CLASS (lt_bundle_writer_parent_class)->finalize (object);
}

static void
lt_bundle_writer_class_init (LtBundleWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lt_bundle_writer_finalize;
}

static void
lt_bundle_writer_init (LtBundleWriter *self)
{
  self->file_cap = LT_BUNDLE_DEFAULT_FILE_CAP;
  self->total_cap = LT_BUNDLE_DEFAULT_TOTAL_CAP;
  self->part_size = LT_ATTACHMENT_MAX_SIZE;
  self->learning_pass = TRUE;
  self->roots = g_ptr_array_new_with_free_func ((GDestroyNotify) root_free);
  self->excluded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * lt_bundle_writer_new:
 * @filter: what every line and every path passes through
 *
 * A writer for one bundle. There is no writer without a filter: the
 * redaction engine is one, and a caller that means to copy files as they
 * are has to say so with a filter of its own.
 *
 * Returns: (transfer full): a new writer
 */
LtBundleWriter *
lt_bundle_writer_new (LtLineFilter *filter)
{
  LtBundleWriter *self;

  g_return_val_if_fail (LT_IS_LINE_FILTER (filter), NULL);

  self = g_object_new (LT_TYPE_BUNDLE_WRITER, NULL);
  self->filter = g_object_ref (filter);
  return self;
}

/**
 * lt_bundle_writer_set_learning_pass:
 * @self: a writer
 * @learning_pass: whether every text file goes through the filter once,
 *   its output discarded, before the bundle is written (the default)
 *
 * The learning pass lets a filter that learns as it reads (the redaction
 * engine's map) know every file before it writes the first one, so that a
 * name taught by a later file is replaced in an earlier one too. It reads
 * and filters the input twice; a filter that learns nothing (a copy) can
 * do without it.
 */
void
lt_bundle_writer_set_learning_pass (LtBundleWriter *self,
                                    gboolean        learning_pass)
{
  g_return_if_fail (LT_IS_BUNDLE_WRITER (self));
  self->learning_pass = learning_pass;
}

/**
 * lt_bundle_writer_set_file_cap:
 * @self: a writer
 * @bytes: the most of one file kept, in bytes of the original (of the
 *   decompressed text for a .gz file); 0 for no cap
 *
 * Older lines beyond the cap are left out and the manifest says so.
 */
void
lt_bundle_writer_set_file_cap (LtBundleWriter *self,
                               guint64         bytes)
{
  g_return_if_fail (LT_IS_BUNDLE_WRITER (self));
  self->file_cap = bytes;
}

/**
 * lt_bundle_writer_set_total_cap:
 * @self: a writer
 * @bytes: the most of all files together, in bytes of the originals; 0
 *   for no cap
 *
 * Files are taken in the order of their names in the bundle; once the
 * total is reached, a file keeps only its newest lines that still fit,
 * and the files after it are left out.
 */
void
lt_bundle_writer_set_total_cap (LtBundleWriter *self,
                                guint64         bytes)
{
  g_return_if_fail (LT_IS_BUNDLE_WRITER (self));
  self->total_cap = bytes;
}

/**
 * lt_bundle_writer_set_part_size:
 * @self: a writer
 * @bytes: the largest file written; 0 for one file whatever its size.
 *   The default is %LT_ATTACHMENT_MAX_SIZE.
 * @error: return location for a #GError
 *
 * Returns: %FALSE (%LT_ERROR_INVALID_INPUT) below %LT_BUNDLE_MIN_PART_SIZE
 */
gboolean
lt_bundle_writer_set_part_size (LtBundleWriter  *self,
                                guint64          bytes,
                                GError         **error)
{
  g_return_val_if_fail (LT_IS_BUNDLE_WRITER (self), FALSE);

  if (bytes != 0 && bytes < LT_BUNDLE_MIN_PART_SIZE)
    {
      g_autofree char *min = g_format_size_full (LT_BUNDLE_MIN_PART_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("A bundle part must be at least %s"), min);
      return FALSE;
    }
  self->part_size = bytes;
  return TRUE;
}

/**
 * lt_bundle_writer_add_path:
 * @self: a writer
 * @path: a file or a folder (read recursively)
 * @flags: %LT_BUNDLE_PATH_INCLUDE_BINARY to add a binary file as it is
 * @error: return location for a #GError
 *
 * Only checks that @path exists; what is in it is decided while writing.
 * The path is made absolute and `..` resolved by its spelling, so no
 * entry of the bundle can name a place above the root.
 *
 * Returns: %FALSE with %LT_ERROR_NOT_FOUND for a path that does not exist,
 *   %LT_ERROR_INVALID_INPUT for %LT_BUNDLE_PATH_INCLUDE_BINARY on a folder
 */
gboolean
lt_bundle_writer_add_path (LtBundleWriter     *self,
                           const char         *path,
                           LtBundlePathFlags   flags,
                           GError            **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *display = NULL;
  GStatBuf st;
  Root *root;

  g_return_val_if_fail (LT_IS_BUNDLE_WRITER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  canonical = g_canonicalize_filename (path, NULL);
  display = g_filename_display_name (path);
  if (g_lstat (canonical, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, LT_ERROR, saved == ENOENT ? LT_ERROR_NOT_FOUND : LT_ERROR_INVALID_INPUT,
                   _("Cannot add “%s”: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if ((flags & LT_BUNDLE_PATH_INCLUDE_BINARY) != 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("Cannot add “%s” unscanned: binary files are added one by one, not by folder"),
                   display);
      return FALSE;
    }

  root = g_new0 (Root, 1);
  root->path = g_steal_pointer (&canonical);
  root->flags = flags;
  g_ptr_array_add (self->roots, root);
  return TRUE;
}

/**
 * lt_bundle_writer_exclude:
 * @self: a writer
 * @path: a file or folder inside the paths added
 *
 * Leaves @path (and, for a folder, everything under it) out of the
 * bundle as if it had not been chosen: it is neither read nor named in
 * MANIFEST.json, and its name is not passed through the filter. The
 * caller reports the exclusion itself (the bundle job lists it as
 * "excluded" in its review).
 */
void
lt_bundle_writer_exclude (LtBundleWriter *self,
                          const char     *path)
{
  g_return_if_fail (LT_IS_BUNDLE_WRITER (self));
  g_return_if_fail (path != NULL);

  g_hash_table_add (self->excluded, g_canonicalize_filename (path, NULL));
}

/* Whether @path is excluded, or lies under an excluded folder. */
static gboolean
is_excluded (LtBundleWriter *self,
             const char     *path)
{
  g_autofree char *prefix = NULL;
  char *slash;

  if (g_hash_table_size (self->excluded) == 0)
    return FALSE;
  prefix = g_strdup (path);
  do
    {
      if (g_hash_table_contains (self->excluded, prefix))
        return TRUE;
      slash = strrchr (prefix, '/');
      if (slash != NULL)
        *slash = '\0';
    }
  while (slash != NULL && slash != prefix);
  return FALSE;
}

/* The name inside the bundle for a filtered path: relative, no empty, "."
 * or ".." component whatever the filter returned, so extracting the
 * bundle cannot write outside the folder it is extracted into. */
static char *
entry_name_for (const char *filtered)
{
  g_auto(GStrv) parts = g_strsplit (filtered, "/", -1);
  g_autoptr(GString) name = g_string_new (LT_BUNDLE_FILES_DIR);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      g_string_append_c (name, '/');
      g_string_append (name, strcmp (parts[i], "..") == 0 ? "_" : parts[i]);
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
note_left_out (LtBundleWriter *self,
               const char     *path,
               const char     *reason)
{
  g_autofree char *display = NULL;
  g_autofree char *shown = NULL;
  JsonObject *item;

  if (is_excluded (self, path))
    return;
  display = g_filename_display_name (path);
  shown = lt_line_filter_filter_path (self->filter, display);
  item = json_object_new ();

  json_object_set_string_member (item, "path", shown);
  json_object_set_string_member (item, "reason", reason);
  json_array_add_object_element (self->left_out, item);
}

/* The reason a file of this type is not read, or NULL for a regular file
 * or a folder. Stable strings: MANIFEST.json is read by programs. */
static const char *
refusal_for_mode (mode_t mode)
{
  if (S_ISLNK (mode))
    return "symbolic-link";
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return "device";
  if (S_ISFIFO (mode))
    return "fifo";
  if (S_ISSOCK (mode))
    return "socket";
  if (S_ISREG (mode) || S_ISDIR (mode))
    return NULL;
  return "not-a-regular-file";
}

static void
add_candidate (LtBundleWriter *self,
               const char     *path,
               gboolean        explicit_binary)
{
  Candidate *c;
  g_autofree char *display = NULL;

  if (is_excluded (self, path))
    return;
  c = g_new0 (Candidate, 1);
  display = g_filename_display_name (path);
  c->path = g_strdup (path);
  c->shown = lt_line_filter_filter_path (self->filter, display);
  c->entry = entry_name_for (c->shown);
  c->explicit_binary = explicit_binary;
  g_ptr_array_add (self->candidates, c);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Walks the folder open as @dir_fd (consumed), whose path is @path. Every
 * name is opened relative to its folder with O_NOFOLLOW: a link is
 * reported, never entered. */
static gboolean
walk_folder (LtBundleWriter  *self,
             int              dir_fd,
             const char      *path,
             GError         **error)
{
  DIR *dir = fdopendir (dir_fd);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  struct dirent *de;

  if (dir == NULL)
    {
      int saved = errno;

      close (dir_fd);
      note_left_out (self, path, "unreadable");
      g_debug ("cannot read folder %s: %s", path, g_strerror (saved));
      return TRUE;
    }
  while ((de = readdir (dir)) != NULL)
    if (strcmp (de->d_name, ".") != 0 && strcmp (de->d_name, "..") != 0)
      g_ptr_array_add (names, g_strdup (de->d_name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *child = g_build_filename (path, name, NULL);
      struct stat st;
      const char *refusal;

      if (fstatat (dirfd (dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        {
          note_left_out (self, child, "unreadable");
          continue;
        }
      refusal = refusal_for_mode (st.st_mode);
      if (refusal != NULL)
        note_left_out (self, child, refusal);
      else if (S_ISDIR (st.st_mode))
        {
          int fd = openat (dirfd (dir), name,
                           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

          if (fd < 0)
            note_left_out (self, child, errno == ELOOP ? "symbolic-link" : "unreadable");
          else if (!walk_folder (self, fd, child, error))
            {
              closedir (dir);
              return FALSE;
            }
        }
      else
        add_candidate (self, child, FALSE);
    }
  closedir (dir);
  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Candidate *ca = *(const Candidate * const *) a;
  const Candidate *cb = *(const Candidate * const *) b;

  return strcmp (ca->entry, cb->entry);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  const Candidate *ca = *(const Candidate * const *) a;
  const Candidate *cb = *(const Candidate * const *) b;

  return strcmp (ca->path, cb->path);
}

static gboolean
collect (LtBundleWriter  *self,
         GError         **error)
{
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->left_out, json_array_unref);
  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  self->left_out = json_array_new ();

  for (guint i = 0; i < self->roots->len; i++)
    {
      Root *root = g_ptr_array_index (self->roots, i);
      struct stat st;
      const char *refusal;

      if (lstat (root->path, &st) != 0)
        {
          note_left_out (self, root->path, "unreadable");
          continue;
        }
      refusal = refusal_for_mode (st.st_mode);
      if (refusal != NULL)
        note_left_out (self, root->path, refusal);
      else if (S_ISDIR (st.st_mode))
        {
          int fd = open (root->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

          if (fd < 0)
            note_left_out (self, root->path, "unreadable");
          else if (!walk_folder (self, fd, root->path, error))
            return FALSE;
        }
      else
        add_candidate (self, root->path, (root->flags & LT_BUNDLE_PATH_INCLUDE_BINARY) != 0);
    }

  /* The same file named twice (a folder and a file in it) is read once;
   * two paths the filter made the same name get a suffix, in the order of
   * their original paths, so the result does not depend on the walk. */
  g_ptr_array_sort (self->candidates, compare_paths);
  {
    g_autoptr(GHashTable) seen_paths = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GHashTable) seen_entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

    for (guint i = 0; i < self->candidates->len;)
      {
        Candidate *c = g_ptr_array_index (self->candidates, i);

        if (g_hash_table_contains (seen_paths, c->path))
          {
            /* Named on its own to be carried unscanned, and found in a
             * folder as well: the explicit choice stands. */
            if (c->explicit_binary)
              ((Candidate *) g_ptr_array_index (self->candidates, i - 1))->explicit_binary = TRUE;
            g_ptr_array_remove_index (self->candidates, i);
            continue;
          }
        g_hash_table_add (seen_paths, c->path);
        if (g_hash_table_contains (seen_entries, c->entry))
          {
            for (guint n = 2;; n++)
              {
                g_autofree char *other = g_strdup_printf ("%s~%u", c->entry, n);

                if (!g_hash_table_contains (seen_entries, other))
                  {
                    g_free (c->entry);
                    c->entry = g_steal_pointer (&other);
                    break;
                  }
              }
          }
        g_hash_table_add (seen_entries, g_strdup (c->entry));
        i++;
      }
  }
  g_ptr_array_sort (self->candidates, compare_entries);
  return TRUE;
}

/* ---- reading one file ---------------------------------------------------- */

/* An open source file: the fd (O_NOFOLLOW, checked regular) and, for a
 * .gz file, whether it is read through zlib. */
typedef struct
{
  int      fd;
  gboolean gzip;
  guint64  size;   /* of the file on disk */
} Source;

static GInputStream *
source_stream (Source   *src,
               GError  **error)
{
  g_autoptr(GInputStream) raw = NULL;

  if (lseek (src->fd, 0, SEEK_SET) != 0)
    {
      int saved = errno;

      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT, "%s", g_strerror (saved));
      return NULL;
    }
  raw = g_unix_input_stream_new (src->fd, FALSE);
  if (src->gzip)
    {
      g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

      return g_converter_input_stream_new (raw, G_CONVERTER (z));
    }
  return g_steal_pointer (&raw);
}

/* Reads and drops @count bytes, or to the end; returns how many it read. */
static gboolean
skip_bytes (GInputStream  *in,
            guint64        count,
            guint64       *skipped,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *buf = g_malloc (READ_SIZE);

  *skipped = 0;
  while (*skipped < count)
    {
      gssize n = g_input_stream_read (in, buf, MIN ((guint64) READ_SIZE, count - *skipped),
                                      cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      *skipped += (guint64) n;
    }
  return TRUE;
}

typedef struct
{
  guint64  size_before;     /* bytes of the original (decompressed) read */
  guint64  original_size;   /* of the whole (decompressed) original */
  guint64  skipped;         /* older bytes left out by the caps */
  guint    lines_cut;       /* lines longer than LT_BUNDLE_MAX_LINE_LENGTH */
  gboolean read_failed;     /* the error came from reading the file */
  GHashTable *counts;
} FileReport;

/* The spooled, filtered content of one file, and its checksum. */
typedef struct
{
  GFileIOStream *io;
  GFile         *file;
  guint64        size;
  GChecksum     *sha256;
  GString       *pending;   /* written in blocks, not one call a line */
} Spool;

static void
spool_clear (Spool *spool)
{
  if (spool->file != NULL)
    g_file_delete (spool->file, NULL, NULL);
  g_clear_object (&spool->io);
  g_clear_object (&spool->file);
  g_clear_pointer (&spool->sha256, g_checksum_free);
  if (spool->pending != NULL)
    g_string_free (g_steal_pointer (&spool->pending), TRUE);
}

static gboolean
spool_flush (Spool         *spool,
             GCancellable  *cancellable,
             GError       **error)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (spool->io));

  if (spool->pending->len > 0 &&
      !g_output_stream_write_all (out, spool->pending->str, spool->pending->len, NULL,
                                  cancellable, error))
    return FALSE;
  g_string_truncate (spool->pending, 0);
  return TRUE;
}

static gboolean
spool_write (Spool         *spool,
             const void    *data,
             gsize          length,
             GCancellable  *cancellable,
             GError       **error)
{
  if (length == 0)
    return TRUE;
  /* The learning pass's spool keeps nothing. */
  if (spool->io == NULL)
    {
      spool->size += length;
      return TRUE;
    }
  g_string_append_len (spool->pending, data, (gssize) length);
  g_checksum_update (spool->sha256, data, length);
  spool->size += length;
  return spool->pending->len < READ_SIZE || spool_flush (spool, cancellable, error);
}

static gboolean
spool_open (Spool         *spool,
            const char    *tmpdir,
            GError       **error)
{
  g_autofree char *path = g_build_filename (tmpdir, "spool", NULL);

  spool->file = g_file_new_for_path (path);
  spool->io = g_file_replace_readwrite (spool->file, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                        NULL, error);
  if (spool->io == NULL)
    return FALSE;
  spool->sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  spool->size = 0;
  spool->pending = g_string_sized_new (2 * READ_SIZE);
  return TRUE;
}

static gboolean
emit_line (LtBundleWriter  *self,
           GString         *line,
           gboolean         terminated,
           GString         *out,
           Spool           *spool,
           GCancellable    *cancellable,
           GError         **error)
{
  gboolean crlf = terminated && line->len > 0 && line->str[line->len - 1] == '\r';

  /* The learning pass (its spool keeps nothing). */
  if (spool->io == NULL)
    return lt_line_filter_learn_line (self->filter, line->str, crlf ? line->len - 1 : line->len,
                                      out, error);
  g_string_truncate (out, 0);
  if (!lt_line_filter_filter_line (self->filter, line->str, crlf ? line->len - 1 : line->len,
                                   out, error))
    return FALSE;
  if (terminated)
    g_string_append (out, crlf ? "\r\n" : "\n");
  return spool_write (spool, out->str, out->len, cancellable, error);
}

/* Streams at most @limit bytes of @in from its current position through
 * the filter into @spool, line by line; a line longer than LT_BUNDLE_MAX_LINE_LENGTH is cut there
 * and the rest of it dropped, so memory stays bounded. */
static gboolean
filter_stream (LtBundleWriter  *self,
               GInputStream    *in,
               guint64          limit,
               Spool           *spool,
               FileReport      *report,
               GCancellable    *cancellable,
               GError         **error)
{
  g_autofree char *buf = g_malloc (READ_SIZE);
  g_autoptr(GString) line = g_string_sized_new (256);
  g_autoptr(GString) out = g_string_sized_new (256);
  gboolean cutting = FALSE;

  for (;;)
    {
      gssize n = g_input_stream_read (in, buf,
                                      MIN ((guint64) READ_SIZE, limit - report->size_before),
                                      cancellable, error);
      gsize pos = 0;

      if (n < 0)
        {
          report->read_failed = TRUE;
          return FALSE;
        }
      if (n == 0)
        break;
      report->size_before += (guint64) n;
      while (pos < (gsize) n)
        {
          const char *nl = memchr (buf + pos, '\n', (gsize) n - pos);
          gsize len = (nl != NULL ? (gsize) (nl - buf) : (gsize) n) - pos;
          gsize room = LT_BUNDLE_MAX_LINE_LENGTH - line->len;

          if (!cutting)
            {
              if (len > room)
                {
                  g_string_append_len (line, buf + pos, room);
                  cutting = TRUE;
                  report->lines_cut++;
                }
              else
                g_string_append_len (line, buf + pos, len);
            }
          pos += len;
          if (nl == NULL)
            break;
          pos++;
          if (!emit_line (self, line, TRUE, out, spool, cancellable, error))
            return FALSE;
          g_string_truncate (line, 0);
          cutting = FALSE;
        }
    }
  if (line->len > 0 && !emit_line (self, line, FALSE, out, spool, cancellable, error))
    return FALSE;

  g_string_truncate (out, 0);
  report->counts = lt_line_filter_end_file (self->filter, out);
  return spool_write (spool, out->str, out->len, cancellable, error);
}

/* Opens @c->path again, this time to read it: O_NOFOLLOW and a check of
 * what was opened, so a file replaced by a link or a FIFO since the walk
 * is refused, and O_NONBLOCK so that opening a FIFO cannot hang. */
static const char *
open_source (Candidate *c,
             Source    *src)
{
  struct stat st;
  int fd = open (c->path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

  if (fd < 0)
    return errno == ELOOP ? "symbolic-link" : "unreadable";
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      const char *reason = refusal_for_mode (st.st_mode);

      close (fd);
      return reason != NULL ? reason : "unreadable";
    }
  src->fd = fd;
  src->size = (guint64) st.st_size;
  src->gzip = FALSE;
  if (g_str_has_suffix (c->path, ".gz"))
    {
      guchar magic[2];

      src->gzip = pread (fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
  return NULL;
}

/* Whether the start of the (decompressed) content has a NUL byte. */
static gboolean
sniff_binary (Source        *src,
              gboolean      *binary,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GInputStream) in = source_stream (src, error);
  char buf[SNIFF_SIZE];
  gsize got = 0;

  if (in == NULL ||
      !g_input_stream_read_all (in, buf, sizeof buf, &got, cancellable, error))
    return FALSE;
  *binary = memchr (buf, '\0', got) != NULL;
  return TRUE;
}

/* @src from @offset of its (decompressed) content: a seek for a plain
 * file, a read from the start for a .gz one. */
static GInputStream *
source_stream_at (Source        *src,
                  guint64        offset,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GInputStream) in = source_stream (src, error);
  guint64 skipped;

  if (in == NULL)
    return NULL;
  if (!src->gzip)
    {
      /* The stream reads the descriptor where it stands. */
      if (lseek (src->fd, (off_t) offset, SEEK_SET) != (off_t) offset)
        {
          int saved = errno;

          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT, "%s", g_strerror (saved));
          return NULL;
        }
    }
  else if (!skip_bytes (in, offset, &skipped, cancellable, error))
    return NULL;
  return g_steal_pointer (&in);
}

/* Where the newest @cap bytes start, moved forward to the start of a line:
 * for a plain file by seeking back from its end, for a .gz file by
 * decompressing it once to learn its length. */
static gboolean
find_start (Source        *src,
            guint64        cap,
            guint64       *start,
            guint64       *total,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autofree char *buf = NULL;
  guint64 from;

  if (src->gzip)
    {
      in = source_stream (src, error);
      if (in == NULL || !skip_bytes (in, G_MAXUINT64, total, cancellable, error))
        return FALSE;
      g_clear_object (&in);
    }
  else
    *total = src->size;

  if (cap == 0 || *total <= cap)
    {
      *start = 0;
      return TRUE;
    }

  /* From the byte before the cut to the next newline: a newline there
   * means the cut is at a line start already; otherwise the partial line
   * is dropped. */
  from = *total - cap - 1;
  in = source_stream_at (src, from, cancellable, error);
  if (in == NULL)
    return FALSE;
  buf = g_malloc (READ_SIZE);
  for (;;)
    {
      gssize n = g_input_stream_read (in, buf, READ_SIZE, cancellable, error);
      const char *nl;

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      nl = memchr (buf, '\n', (gsize) n);
      if (nl != NULL)
        {
          from += (guint64) (nl - buf) + 1;
          break;
        }
      from += (guint64) n;
    }
  *start = MIN (from, *total);
  return TRUE;
}

static gboolean
read_text (LtBundleWriter  *self,
           Source          *src,
           guint64          cap,
           Spool           *spool,
           FileReport      *report,
           GCancellable    *cancellable,
           GError         **error)
{
  g_autoptr(GInputStream) in = NULL;
  guint64 start;

  if (!find_start (src, cap, &start, &report->original_size, cancellable, error) ||
      (in = source_stream_at (src, start, cancellable, error)) == NULL)
    {
      report->read_failed = TRUE;
      return FALSE;
    }
  report->skipped = start;
  /* No further than the length measured: a log that grows while it is
   * read does not push the file past its cap. */
  return filter_stream (self, in, report->original_size - start, spool, report, cancellable,
                        error);
}

static gboolean
read_binary (Source        *src,
             Spool         *spool,
             FileReport    *report,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autofree char *buf = g_malloc (READ_SIZE);

  /* An unscanned file is carried as it is on disk, compressed or not. */
  src->gzip = FALSE;
  in = source_stream (src, error);
  if (in == NULL)
    {
      report->read_failed = TRUE;
      return FALSE;
    }
  for (;;)
    {
      gssize n = g_input_stream_read (in, buf, READ_SIZE, cancellable, error);

      if (n < 0)
        {
          report->read_failed = TRUE;
          return FALSE;
        }
      if (n == 0)
        break;
      report->size_before += (guint64) n;
      if (!spool_write (spool, buf, (gsize) n, cancellable, error))
        return FALSE;
    }
  report->original_size = report->size_before;
  return TRUE;
}

/* ---- the archive --------------------------------------------------------- */

/* One part being written: libarchive writes into @out through the
 * callbacks, which count and checksum what reaches the file. */
typedef struct
{
  GFile         *file;
  GOutputStream *out;
  GChecksum     *sha256;
  guint64        written;
  GError        *error;
  GCancellable  *cancellable;
  struct archive *ar;
} PartWriter;

static la_ssize_t
part_write_cb (struct archive *ar,
               void           *user_data,
               const void     *buffer,
               size_t          length)
{
  PartWriter *pw = user_data;

  if (!g_output_stream_write_all (pw->out, buffer, length, NULL, pw->cancellable,
                                  pw->error == NULL ? &pw->error : NULL))
    {
      archive_set_error (ar, EIO, "write failed");
      return -1;
    }
  g_checksum_update (pw->sha256, buffer, length);
  pw->written += length;
  return (la_ssize_t) length;
}

static gboolean
archive_failed (PartWriter  *pw,
                GError     **error)
{
  if (pw->error != NULL)
    g_propagate_error (error, g_steal_pointer (&pw->error));
  else
    g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT, _("Cannot write the bundle: %s"),
                 archive_error_string (pw->ar));
  return FALSE;
}

static gboolean
part_open (PartWriter    *pw,
           const char    *path,
           GCancellable  *cancellable,
           GError       **error)
{
  pw->file = g_file_new_for_path (path);
  pw->out = G_OUTPUT_STREAM (g_file_replace (pw->file, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                             cancellable, error));
  if (pw->out == NULL)
    return FALSE;
  pw->sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  pw->written = 0;
  pw->cancellable = cancellable;
  pw->ar = archive_write_new ();
  /* pax only where ustar cannot say it (long or non-ASCII names); the
   * gzip header without a time stamp; whole 10 KiB blocks as tar wants. */
  if (archive_write_set_format_pax_restricted (pw->ar) != ARCHIVE_OK ||
      archive_write_add_filter_gzip (pw->ar) != ARCHIVE_OK ||
      archive_write_set_filter_option (pw->ar, "gzip", "timestamp", NULL) < ARCHIVE_WARN ||
      archive_write_open (pw->ar, pw, NULL, part_write_cb, NULL) != ARCHIVE_OK)
    return archive_failed (pw, error);
  return TRUE;
}

/* Aborts a part: the replaced file keeps its old contents (or does not
 * appear). */
static void
part_abort (PartWriter *pw)
{
  if (pw->ar != NULL)
    {
      archive_write_fail (pw->ar);
      archive_write_free (pw->ar);
      pw->ar = NULL;
    }
  if (pw->out != NULL)
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (pw->out, cancelled, NULL);
    }
  g_clear_object (&pw->out);
  g_clear_object (&pw->file);
  g_clear_pointer (&pw->sha256, g_checksum_free);
  g_clear_error (&pw->error);
}

static LtBundlePart *
part_close (PartWriter    *pw,
            GCancellable  *cancellable,
            GError       **error)
{
  LtBundlePart *part;

  if (archive_write_close (pw->ar) != ARCHIVE_OK)
    return archive_failed (pw, error), NULL;
  archive_write_free (pw->ar);
  pw->ar = NULL;
  if (!g_output_stream_close (pw->out, cancellable, error))
    return NULL;
  part = g_new0 (LtBundlePart, 1);
  part->path = g_file_get_path (pw->file);
  part->size = pw->written;
  part->sha256 = g_strdup (g_checksum_get_string (pw->sha256));
  g_clear_object (&pw->out);
  g_clear_object (&pw->file);
  g_clear_pointer (&pw->sha256, g_checksum_free);
  return part;
}

/* Every field that could differ between two runs or two machines is
 * fixed: time, owner, group, their names, the mode. */
static gboolean
write_entry_header (PartWriter  *pw,
                    const char  *name,
                    guint64      size,
                    GError     **error)
{
  struct archive_entry *e = archive_entry_new ();
  int r;

  archive_entry_set_pathname_utf8 (e, name);
  archive_entry_set_size (e, (la_int64_t) size);
  archive_entry_set_filetype (e, AE_IFREG);
  archive_entry_set_perm (e, 0644);
  archive_entry_set_mtime (e, 0, 0);
  archive_entry_set_uid (e, 0);
  archive_entry_set_gid (e, 0);
  archive_entry_set_uname (e, "root");
  archive_entry_set_gname (e, "root");
  r = archive_write_header (pw->ar, e);
  archive_entry_free (e);
  if (r != ARCHIVE_OK)
    return archive_failed (pw, error);
  return TRUE;
}

static gboolean
write_entry_data (PartWriter  *pw,
                  const void  *data,
                  gsize        length,
                  GError     **error)
{
  if (length > 0 && archive_write_data (pw->ar, data, length) != (la_ssize_t) length)
    return archive_failed (pw, error);
  return TRUE;
}

/* ---- writing ------------------------------------------------------------- */

typedef struct
{
  LtBundleWriter *self;
  const char     *stem;     /* the output without ".tar.gz" */
  GPtrArray      *parts;    /* (element-type LtBundlePart) */
  PartWriter      pw;
  guint           n_entries;  /* in the open part */
  GCancellable   *cancellable;
} Run;

static char *
part_path (Run   *run,
           guint  number)
{
  return g_strdup_printf ("%s.part%02u.tar.gz", run->stem, number);
}

static gboolean
run_close_part (Run     *run,
                GError **error)
{
  LtBundlePart *part = part_close (&run->pw, run->cancellable, error);

  if (part == NULL)
    return FALSE;
  g_ptr_array_add (run->parts, part);
  return TRUE;
}

static gboolean
run_open_part (Run     *run,
               GError **error)
{
  g_autofree char *path = part_path (run, run->parts->len + 1);

  memset (&run->pw, 0, sizeof run->pw);
  run->n_entries = 0;
  return part_open (&run->pw, path, run->cancellable, error);
}

/* The most an entry of @size bytes can add to the part: its header and
 * padding, and deflate's worst case of stored blocks. */
static guint64
entry_bound (guint64 size)
{
  return size + ENTRY_OVERHEAD + (size / 16384 + 1) * 5;
}

/* The room of an empty part. */
static guint64
run_fresh_room (Run *run)
{
  guint64 limit = run->self->part_size;

  return limit == 0 ? G_MAXUINT64 : limit - PART_MARGIN - ENTRY_OVERHEAD * 2;
}

/* The bytes of entry data that still fit into the open part. */
static guint64
run_room (Run *run)
{
  guint64 limit = run->self->part_size;
  guint64 used = run->pw.written + PART_MARGIN;

  if (limit == 0)
    return G_MAXUINT64;
  return used + ENTRY_OVERHEAD * 2 < limit ? limit - used - ENTRY_OVERHEAD * 2 : 0;
}

/* Writes the spooled file as one entry, or as numbered pieces in several
 * parts when it does not fit into one; each piece is listed in @pieces
 * with its part, entry name, offset, size and SHA-256. */
static gboolean
run_add_spool (Run        *run,
               const char *entry,
               Spool      *spool,
               JsonArray  *pieces,
               GError    **error)
{
  guint64 offset = 0;
  guint piece = 0;

  /* A file that fits into a part of its own starts one rather than be
   * cut; a larger one is cut anyway and starts where there is room. */
  if (run->n_entries > 0 && entry_bound (spool->size) > run_room (run) &&
      (entry_bound (spool->size) <= run_fresh_room (run) || run_room (run) < MIN_PIECE))
    {
      if (!run_close_part (run, error) || !run_open_part (run, error))
        return FALSE;
    }

  do
    {
      guint64 room = run_room (run);
      guint64 length = spool->size - offset;
      g_autofree char *name = NULL;
      g_autoptr(GChecksum) sum = NULL;
      gboolean whole;
      JsonObject *item;

      if (entry_bound (length) > room)
        {
          /* The piece that surely fits, counted uncompressed; the part's
           * compressed size is measured again before the next piece, so
           * a part of text that compresses well takes several pieces. */
          length = room - MIN (room, ENTRY_OVERHEAD + (room / 16384 + 1) * 5);
          if (length < MIN_PIECE && run->n_entries > 0)
            {
              if (!run_close_part (run, error) || !run_open_part (run, error))
                return FALSE;
              continue;
            }
        }

      whole = offset == 0 && length == spool->size;
      name = whole ? g_strdup (entry) : g_strdup_printf ("%s.%03u", entry, piece);
      if (!write_entry_header (&run->pw, name, length, error))
        return FALSE;

      /* The piece's own checksum: a part is checked on its own. A whole
       * file's is the file's, already computed as it was spooled. */
      sum = whole ? NULL : g_checksum_new (G_CHECKSUM_SHA256);
      {
        GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (spool->io));
        g_autofree char *buf = g_malloc (READ_SIZE);
        guint64 left = length;

        if (!g_seekable_seek (G_SEEKABLE (spool->io), (goffset) offset, G_SEEK_SET,
                              run->cancellable, error))
          return FALSE;
        while (left > 0)
          {
            gsize got = 0;

            if (!g_input_stream_read_all (in, buf, MIN ((guint64) READ_SIZE, left), &got,
                                          run->cancellable, error))
              return FALSE;
            if (got == 0)
              {
                g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                                     _("The bundle's temporary file was cut short"));
                return FALSE;
              }
            if (sum != NULL)
              g_checksum_update (sum, (const guchar *) buf, got);
            if (!write_entry_data (&run->pw, buf, got, error))
              return FALSE;
            left -= got;
          }
      }
      run->n_entries++;

      item = json_object_new ();
      json_object_set_int_member (item, "part", run->parts->len + 1);
      json_object_set_string_member (item, "entry", name);
      json_object_set_int_member (item, "offset", (gint64) offset);
      json_object_set_int_member (item, "size", (gint64) length);
      json_object_set_string_member (item, "sha256",
                                     g_checksum_get_string (whole ? spool->sha256 : sum));
      json_array_add_object_element (pieces, item);

      offset += length;
      piece++;
    }
  while (offset < spool->size);
  return TRUE;
}

static void
set_counts (JsonObject *file,
            GHashTable *counts)
{
  JsonObject *obj = json_object_new ();

  if (counts != NULL)
    {
      g_autofree gpointer *kinds = g_hash_table_get_keys_as_array (counts, NULL);
      guint n = g_hash_table_size (counts);

      qsort (kinds, n, sizeof (gpointer), compare_names);
      for (guint i = 0; i < n; i++)
        json_object_set_int_member (obj, kinds[i],
                                    GPOINTER_TO_UINT (g_hash_table_lookup (counts, kinds[i])));
    }
  json_object_set_object_member (file, "redactions", obj);
}

/* Reads one candidate into @spool and describes it in a MANIFEST.json
 * object; NULL with @reason set when it is left out. @learning: the
 * learning pass, which has no use for a binary file. */
static JsonObject *
read_candidate (LtBundleWriter  *self,
                Candidate       *c,
                guint64         *budget,
                Spool           *spool,
                gboolean         learning,
                const char     **reason,
                GCancellable    *cancellable,
                GError         **error)
{
  Source src = { -1, FALSE, 0 };
  FileReport report = { 0, };
  g_autoptr(JsonObject) file = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean binary = FALSE;
  guint64 cap = self->file_cap;
  gboolean ok;

  *reason = open_source (c, &src);
  if (*reason != NULL)
    return NULL;

  if (!sniff_binary (&src, &binary, cancellable, &local_error))
    {
      close (src.fd);
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      /* A .gz that is not one, or a read error: this file only. */
      *reason = "unreadable";
      return NULL;
    }
  if (binary && (!c->explicit_binary || learning))
    {
      close (src.fd);
      *reason = "binary";
      return NULL;
    }
  if (self->total_cap != 0)
    {
      if (*budget == 0)
        {
          close (src.fd);
          *reason = "total-cap";
          return NULL;
        }
      cap = cap == 0 ? *budget : MIN (cap, *budget);
    }

  /* A binary file cannot keep its newest part: it fits whole or it is
   * left out. */
  if (binary && (cap != 0 && src.size > cap))
    {
      close (src.fd);
      *reason = self->file_cap != 0 && src.size > self->file_cap ? "file-cap" : "total-cap";
      return NULL;
    }

  if (binary)
    ok = read_binary (&src, spool, &report, cancellable, &local_error);
  else
    {
      lt_line_filter_begin_file (self->filter, c->path);
      ok = read_text (self, &src, cap, spool, &report, cancellable, &local_error);
    }
  close (src.fd);
  if (!ok)
    {
      g_clear_pointer (&report.counts, g_hash_table_unref);
      /* A file that fails while it is read (a rotated .gz cut short, an
       * I/O error) is left out; the filter refusing, the temporary file
       * failing or a cancellation end the bundle. */
      if (report.read_failed &&
          !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("cannot read %s: %s", c->path, local_error->message);
          *reason = "unreadable";
          return NULL;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (report.original_size > 0 && report.size_before == 0)
    {
      /* Not one whole line within the caps: left out, not an empty file. */
      g_clear_pointer (&report.counts, g_hash_table_unref);
      *reason = cap < self->file_cap || self->file_cap == 0 ? "total-cap" : "file-cap";
      return NULL;
    }
  if (self->total_cap != 0)
    *budget -= MIN (*budget, report.size_before);

  file = json_object_new ();
  json_object_set_string_member (file, "path", c->shown);
  json_object_set_string_member (file, "scanned", binary ? "not-scanned" : "scanned");
  json_object_set_boolean_member (file, "decompressed", src.gzip && !binary);
  json_object_set_int_member (file, "original_size", (gint64) report.original_size);
  json_object_set_int_member (file, "size_before", (gint64) report.size_before);
  json_object_set_int_member (file, "size_after", (gint64) spool->size);
  json_object_set_string_member (file, "sha256", g_checksum_get_string (spool->sha256));
  json_object_set_int_member (file, "truncated_bytes", (gint64) report.skipped);
  json_object_set_int_member (file, "lines_cut", report.lines_cut);
  set_counts (file, report.counts);
  g_clear_pointer (&report.counts, g_hash_table_unref);
  return g_steal_pointer (&file);
}

static JsonNode *
build_manifest (LtBundleWriter *self,
                JsonArray      *files,
                GPtrArray      *earlier_parts)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) caps = json_object_new ();
  g_autoptr(JsonObject) totals = json_object_new ();
  g_autoptr(GHashTable) sums = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *parts = json_array_new ();
  JsonNode *node;
  GList *kinds;

  json_object_set_int_member (root, "format", LT_BUNDLE_MANIFEST_FORMAT);
  json_object_set_int_member (caps, "file", (gint64) self->file_cap);
  json_object_set_int_member (caps, "total", (gint64) self->total_cap);
  json_object_set_int_member (caps, "line", LT_BUNDLE_MAX_LINE_LENGTH);
  json_object_set_int_member (caps, "part", (gint64) self->part_size);
  json_object_set_object_member (root, "caps", json_object_ref (caps));

  /* The redactions of the whole bundle, per kind. */
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *r = json_object_get_object_member (json_array_get_object_element (files, i),
                                                     "redactions");
      g_autoptr(GList) members = json_object_get_members (r);

      for (GList *l = members; l != NULL; l = l->next)
        {
          gint64 n = json_object_get_int_member (r, l->data);
          gint64 before = GPOINTER_TO_SIZE (g_hash_table_lookup (sums, l->data));

          g_hash_table_insert (sums, l->data, GSIZE_TO_POINTER ((gsize) (before + n)));
        }
    }
  kinds = g_list_sort (g_hash_table_get_keys (sums), (GCompareFunc) strcmp);
  for (GList *l = kinds; l != NULL; l = l->next)
    json_object_set_int_member (totals, l->data, (gint64) GPOINTER_TO_SIZE (g_hash_table_lookup (sums, l->data)));
  g_list_free (kinds);
  json_object_set_object_member (root, "redactions", json_object_ref (totals));

  json_object_set_array_member (root, "files", json_array_ref (files));
  json_object_set_array_member (root, "left_out", json_array_ref (self->left_out));

  /* The parts written before the one holding this manifest (it is in the
   * last part, which cannot name its own checksum). */
  for (guint i = 0; i < earlier_parts->len; i++)
    {
      LtBundlePart *p = g_ptr_array_index (earlier_parts, i);
      JsonObject *item = json_object_new ();

      json_object_set_int_member (item, "part", i + 1);
      json_object_set_int_member (item, "size", (gint64) p->size);
      json_object_set_string_member (item, "sha256", p->sha256);
      json_array_add_object_element (parts, item);
    }
  json_object_set_array_member (root, "parts", parts);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  return node;
}

static gboolean
run_add_manifest (Run       *run,
                  JsonArray *files,
                  GError   **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length;

  /* The manifest does not go into a part it would not fit into; it is
   * never split, so it lists every part but its own. */
  for (;;)
    {
      g_clear_pointer (&run->self->manifest, json_node_unref);
      run->self->manifest = build_manifest (run->self, files, run->parts);
      json_generator_set_root (gen, run->self->manifest);
      json_generator_set_pretty (gen, TRUE);
      g_free (text);
      text = json_generator_to_data (gen, &length);
      if (run->n_entries == 0 || entry_bound (length + 1) <= run_room (run))
        break;
      if (!run_close_part (run, error) || !run_open_part (run, error))
        return FALSE;
    }
  return write_entry_header (&run->pw, LT_BUNDLE_MANIFEST_NAME, length + 1, error) &&
         write_entry_data (&run->pw, text, length, error) &&
         write_entry_data (&run->pw, "\n", 1, error);
}

/* The learning pass: every text file read as run_all() will read it (the
 * same caps, the same lines) and passed through the filter, the output
 * discarded. Only the filter's own errors and a cancellation stop it; a
 * file that cannot be read is left to the writing pass to report. */
static gboolean
learn_all (LtBundleWriter  *self,
           GCancellable    *cancellable,
           GError         **error)
{
  guint64 budget = self->total_cap;

  for (guint i = 0; i < self->candidates->len; i++)
    {
      Candidate *c = g_ptr_array_index (self->candidates, i);
      Spool spool = { NULL, };
      const char *reason = NULL;
      g_autoptr(JsonObject) file = NULL;

      spool.sha256 = g_checksum_new (G_CHECKSUM_SHA256);
      file = read_candidate (self, c, &budget, &spool, TRUE, &reason, cancellable, error);
      spool_clear (&spool);
      if (file == NULL && reason == NULL)
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_all (Run           *run,
         const char    *tmpdir,
         GError       **error)
{
  LtBundleWriter *self = run->self;
  g_autoptr(JsonArray) files = json_array_new ();
  guint64 budget = self->total_cap;

  if (!run_open_part (run, error))
    return FALSE;
  for (guint i = 0; i < self->candidates->len; i++)
    {
      Candidate *c = g_ptr_array_index (self->candidates, i);
      Spool spool = { NULL, };
      const char *reason = NULL;
      g_autoptr(JsonObject) file = NULL;
      JsonArray *pieces;

      if (!spool_open (&spool, tmpdir, error))
        return FALSE;
      file = read_candidate (self, c, &budget, &spool, FALSE, &reason, run->cancellable, error);
      if (file == NULL)
        {
          spool_clear (&spool);
          if (reason == NULL)
            return FALSE;
          note_left_out (self, c->path, reason);
          continue;
        }
      pieces = json_array_new ();
      json_object_set_array_member (file, "pieces", pieces);
      if (!spool_flush (&spool, run->cancellable, error) ||
          !run_add_spool (run, c->entry, &spool, pieces, error))
        {
          spool_clear (&spool);
          return FALSE;
        }
      spool_clear (&spool);
      json_array_add_object_element (files, g_steal_pointer (&file));
    }
  return run_add_manifest (run, files, error) && run_close_part (run, error);
}

/**
 * lt_bundle_writer_write:
 * @self: a writer with its paths added
 * @output: the bundle's file name, ending in ".tar.gz"
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Collects and writes the bundle. One part is written to @output itself;
 * when the bundle is larger than the part size, the parts are
 * "<stem>.part01.tar.gz", "<stem>.part02.tar.gz"… beside it, each a
 * complete archive, and MANIFEST.json is in the last one. A failure
 * leaves no part behind. The manifest is then available from
 * lt_bundle_writer_get_manifest().
 *
 * Returns: (transfer full) (element-type LtBundlePart): the files
 *   written, in order, with their sizes and SHA-256
 */
GPtrArray *
lt_bundle_writer_write (LtBundleWriter  *self,
                        const char      *output,
                        GCancellable    *cancellable,
                        GError         **error)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_bundle_part_free);
  g_autofree char *stem = NULL;
  g_autofree char *tmpdir = NULL;
  Run run = { 0, };
  gboolean ok;

  g_return_val_if_fail (LT_IS_BUNDLE_WRITER (self), NULL);
  g_return_val_if_fail (output != NULL, NULL);

  stem = g_str_has_suffix (output, ".tar.gz")
    ? g_strndup (output, strlen (output) - strlen (".tar.gz"))
    : g_strdup (output);
  tmpdir = g_dir_make_tmp ("lt-bundle-XXXXXX", error);
  if (tmpdir == NULL)
    return NULL;

  run.self = self;
  run.stem = stem;
  run.parts = parts;
  run.cancellable = cancellable;
  /* With the learning pass, the paths are walked and filtered again after
   * it: a folder named after a host that a file teaches is replaced too. */
  ok = collect (self, error) &&
       (!self->learning_pass || (learn_all (self, cancellable, error) && collect (self, error))) &&
       run_all (&run, tmpdir, error);
  if (!ok)
    part_abort (&run.pw);
  g_rmdir (tmpdir);

  if (ok && parts->len == 1)
    {
      LtBundlePart *only = g_ptr_array_index (parts, 0);

      if (g_rename (only->path, output) != 0)
        {
          int saved = errno;
          g_autofree char *display = g_filename_display_name (output);

          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("Cannot write “%s”: %s"), display, g_strerror (saved));
          ok = FALSE;
        }
      else
        {
          g_free (only->path);
          only->path = g_strdup (output);
        }
    }
  if (!ok)
    {
      for (guint i = 0; i < parts->len; i++)
        g_unlink (((LtBundlePart *) g_ptr_array_index (parts, i))->path);
      return NULL;
    }
  return g_steal_pointer (&parts);
}

/**
 * lt_bundle_writer_get_manifest:
 * @self: a writer
 *
 * Returns: (transfer none) (nullable): MANIFEST.json of the last bundle
 *   written, as it is in the bundle
 */
JsonNode *
lt_bundle_writer_get_manifest (LtBundleWriter *self)
{
  g_return_val_if_fail (LT_IS_BUNDLE_WRITER (self), NULL);
  return self->manifest;
}

/**
 * lt_bundle_describe_left_out:
 * @reason: (nullable): a reason from the manifest's `left_out`
 *   (docs/bundle.md, "What is collected") or "excluded"
 *
 * Says why a file was left out, translated: the CLI's summary and the
 * app's review read the same words.
 *
 * Returns: (transfer none): the words; an unknown reason as it is
 */
const char *
lt_bundle_describe_left_out (const char *reason)
{
  static const struct {
    const char *reason;
    const char *text;
  } reasons[] = {
    { "symbolic-link", N_("a symbolic link, not followed") },
    { "device", N_("a device") },
    { "fifo", N_("a pipe (FIFO)") },
    { "socket", N_("a socket") },
    { "not-a-regular-file", N_("not a regular file") },
    { "unreadable", N_("it could not be read") },
    { "binary", N_("not text; add the file on its own to send it as it is") },
    { "total-cap", N_("the bundle reached its size limit") },
    { "file-cap", N_("larger than the limit for one file") },
    { "excluded", N_("excluded by you") },
  };

  for (guint i = 0; reason != NULL && i < G_N_ELEMENTS (reasons); i++)
    if (g_str_equal (reasons[i].reason, reason))
      return _(reasons[i].text);

  return reason != NULL ? reason : _("unknown");
}
