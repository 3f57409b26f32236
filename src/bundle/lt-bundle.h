/* lt-bundle.h: a diagnostics bundle, collected and archived
 *
 * The bundle layer sits between the store and the portal: it reads the
 * files and folders the admin chose, passes every line of every text file
 * through an LtLineFilter (core; the redaction engine), and writes a
 * reproducible .tar.gz with MANIFEST.json inside, split into parts no
 * larger than the portal accepts. It is the only layer that sees
 * libarchive. docs/bundle.md, "Collection and the archive", gives the
 * rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lt-line-filter.h"

G_BEGIN_DECLS

/* Defaults of the caps (bytes of the original file kept, newest lines
 * first); the CLI and the app may offer others. */
#define LT_BUNDLE_DEFAULT_FILE_CAP   (G_GUINT64_CONSTANT (64) * 1024 * 1024)
#define LT_BUNDLE_DEFAULT_TOTAL_CAP  (G_GUINT64_CONSTANT (1024) * 1024 * 1024)
/* A longer line is cut here (bounded memory whatever the input). */
#define LT_BUNDLE_MAX_LINE_LENGTH    (1024 * 1024)
/* The smallest part size accepted: the writer keeps a margin for what
 * the compressor still holds (docs/bundle.md). */
#define LT_BUNDLE_MIN_PART_SIZE      (1024 * 1024)
/* The name of the manifest inside every bundle, and the folder of the
 * files. */
#define LT_BUNDLE_MANIFEST_NAME      "MANIFEST.json"
#define LT_BUNDLE_FILES_DIR          "files"
#define LT_BUNDLE_MANIFEST_FORMAT    1

/**
 * LtBundlePathFlags:
 * @LT_BUNDLE_PATH_NONE: a file or folder; binary files in it are left out
 * @LT_BUNDLE_PATH_INCLUDE_BINARY: the path names one file that is added
 *   even when it is binary, as it is, listed "not scanned"
 *
 * How lt_bundle_writer_add_path() takes a path.
 */
typedef enum /*< flags >*/
{
  LT_BUNDLE_PATH_NONE           = 0,
  LT_BUNDLE_PATH_INCLUDE_BINARY = 1 << 0,
} LtBundlePathFlags;

/**
 * LtBundlePart:
 * @path: the file written
 * @size: its size in bytes
 * @sha256: its SHA-256, lower-case hex
 *
 * One file of a written bundle (a bundle larger than the part size is
 * several).
 */
typedef struct
{
  char    *path;
  guint64  size;
  char    *sha256;
} LtBundlePart;

void lt_bundle_part_free (LtBundlePart *part);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtBundlePart, lt_bundle_part_free)

#define LT_TYPE_BUNDLE_WRITER (lt_bundle_writer_get_type ())
G_DECLARE_FINAL_TYPE (LtBundleWriter, lt_bundle_writer, LT, BUNDLE_WRITER, GObject)

LtBundleWriter *lt_bundle_writer_new            (LtLineFilter       *filter);

void            lt_bundle_writer_set_learning_pass (LtBundleWriter  *self,
                                                    gboolean         learning_pass);
void            lt_bundle_writer_set_file_cap   (LtBundleWriter     *self,
                                                 guint64             bytes);
void            lt_bundle_writer_set_total_cap  (LtBundleWriter     *self,
                                                 guint64             bytes);
gboolean        lt_bundle_writer_set_part_size  (LtBundleWriter     *self,
                                                 guint64             bytes,
                                                 GError            **error);

gboolean        lt_bundle_writer_add_path       (LtBundleWriter     *self,
                                                 const char         *path,
                                                 LtBundlePathFlags   flags,
                                                 GError            **error);
void            lt_bundle_writer_exclude        (LtBundleWriter     *self,
                                                 const char         *path);

GPtrArray      *lt_bundle_writer_write          (LtBundleWriter     *self,
                                                 const char         *output,
                                                 GCancellable       *cancellable,
                                                 GError            **error);

JsonNode       *lt_bundle_writer_get_manifest   (LtBundleWriter     *self);

/* Why a file is left out (a manifest's reason or "excluded"), said. */
const char     *lt_bundle_describe_left_out     (const char         *reason);

G_END_DECLS
