/* lt-line-filter.h: what a diagnostics bundle passes every line through
 *
 * The bundle (src/bundle) reads the files the admin chose and hands each
 * line of a text file to an LtLineFilter, which gives back the text to
 * write in its place; the redaction engine implements it. A bundle is
 * never written without one: the collector has no "no filter" mode, so
 * nothing reaches an archive that a filter has not seen (docs/bundle.md,
 * "Collection and the archive").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LT_TYPE_LINE_FILTER (lt_line_filter_get_type ())
G_DECLARE_INTERFACE (LtLineFilter, lt_line_filter, LT, LINE_FILTER, GObject)

/**
 * LtLineFilterInterface:
 * @filter_path: returns (transfer full) the text that stands for the
 *   path @path in the bundle (its entry name and its MANIFEST.json line):
 *   the same replacements as in the contents, so a host name in a folder
 *   name is replaced like one in a log line. Required.
 * @begin_file: a new file starts; @path is its original path. A filter
 *   that keeps state across lines (a private key spanning several) resets
 *   it here. Optional.
 * @filter_line: appends to @out the text that replaces @line (@length
 *   bytes, without its line terminator, not nul-terminated, and not
 *   necessarily UTF-8). The collector writes the original terminator
 *   after it. Returns %FALSE with @error set to abandon the bundle.
 *   Required.
 * @end_file: the file ended; may append text still held back to @out.
 *   Returns (transfer full) (element-type utf8 guint) the number of
 *   replacements made in this file per kind (the engine's names for them,
 *   "ipv4", "password"…), or %NULL for none. Optional.
 * @learn_line: the learning pass's @filter_line (lt_bundle_writer_set_learning_pass()):
 *   the line is read for what the filter learns from it, and nothing is
 *   written. It must leave the filter as @filter_line would (what it
 *   learnt, the state across lines), not what it counts. Optional: without
 *   it, the learning pass calls @filter_line and discards the output.
 *
 * One line in, its replacement out: the collector reads the file, keeps
 * the newest lines within the size caps and decides what a line is; the
 * filter only decides what to write instead.
 */
struct _LtLineFilterInterface
{
  GTypeInterface parent_iface;

  char       *(*filter_path) (LtLineFilter  *self,
                              const char    *path);
  void        (*begin_file)  (LtLineFilter  *self,
                              const char    *path);
  gboolean    (*filter_line) (LtLineFilter  *self,
                              const char    *line,
                              gsize          length,
                              GString       *out,
                              GError       **error);
  GHashTable *(*end_file)    (LtLineFilter  *self,
                              GString       *out);
  gboolean    (*learn_line)  (LtLineFilter  *self,
                              const char    *line,
                              gsize          length,
                              GError       **error);
};

char       *lt_line_filter_filter_path (LtLineFilter  *self,
                                        const char    *path);
void        lt_line_filter_begin_file  (LtLineFilter  *self,
                                        const char    *path);
gboolean    lt_line_filter_filter_line (LtLineFilter  *self,
                                        const char    *line,
                                        gsize          length,
                                        GString       *out,
                                        GError       **error);
GHashTable *lt_line_filter_end_file    (LtLineFilter  *self,
                                        GString       *out);
gboolean    lt_line_filter_learn_line  (LtLineFilter  *self,
                                        const char    *line,
                                        gsize          length,
                                        GString       *scratch,
                                        GError       **error);

G_END_DECLS
