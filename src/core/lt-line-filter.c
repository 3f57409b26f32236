/* lt-line-filter.c: the interface between the bundle and the redaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-core"

#include "config.h"

#include "lt-line-filter.h"

G_DEFINE_INTERFACE (LtLineFilter, lt_line_filter, G_TYPE_OBJECT)

static void
lt_line_filter_default_init (LtLineFilterInterface *iface)
{
}

/**
 * lt_line_filter_filter_path:
 * @self: a filter
 * @path: a path as the file system spells it
 *
 * Returns: (transfer full): the text that stands for @path in a bundle
 */
char *
lt_line_filter_filter_path (LtLineFilter *self,
                            const char   *path)
{
  LtLineFilterInterface *iface;

  g_return_val_if_fail (LT_IS_LINE_FILTER (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  iface = LT_LINE_FILTER_GET_IFACE (self);
  g_return_val_if_fail (iface->filter_path != NULL, NULL);
  return iface->filter_path (self, path);
}

/**
 * lt_line_filter_begin_file:
 * @self: a filter
 * @path: the original path of the file that starts
 */
void
lt_line_filter_begin_file (LtLineFilter *self,
                           const char   *path)
{
  LtLineFilterInterface *iface;

  g_return_if_fail (LT_IS_LINE_FILTER (self));
  g_return_if_fail (path != NULL);

  iface = LT_LINE_FILTER_GET_IFACE (self);
  if (iface->begin_file != NULL)
    iface->begin_file (self, path);
}

/**
 * lt_line_filter_filter_line:
 * @self: a filter
 * @line: (array length=length): one line without its terminator
 * @length: its length in bytes
 * @out: where the replacement text is appended
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @out holds the line's replacement
 */
gboolean
lt_line_filter_filter_line (LtLineFilter  *self,
                            const char    *line,
                            gsize          length,
                            GString       *out,
                            GError       **error)
{
  LtLineFilterInterface *iface;

  g_return_val_if_fail (LT_IS_LINE_FILTER (self), FALSE);
  g_return_val_if_fail (line != NULL || length == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = LT_LINE_FILTER_GET_IFACE (self);
  g_return_val_if_fail (iface->filter_line != NULL, FALSE);
  return iface->filter_line (self, line != NULL ? line : "", length, out, error);
}

/**
 * lt_line_filter_end_file:
 * @self: a filter
 * @out: where text the filter still held back is appended
 *
 * Returns: (transfer full) (nullable) (element-type utf8 guint): the
 *   replacements made in the file per kind
 */
GHashTable *
lt_line_filter_end_file (LtLineFilter *self,
                         GString      *out)
{
  LtLineFilterInterface *iface;

  g_return_val_if_fail (LT_IS_LINE_FILTER (self), NULL);
  g_return_val_if_fail (out != NULL, NULL);

  iface = LT_LINE_FILTER_GET_IFACE (self);
  return iface->end_file != NULL ? iface->end_file (self, out) : NULL;
}

/**
 * lt_line_filter_learn_line:
 * @self: a filter
 * @line: (array length=length): one line without its terminator
 * @length: its length in bytes
 * @scratch: where the output goes when the filter has no @learn_line
 *   (emptied first; its contents are not used)
 * @error: return location for a #GError
 *
 * Returns: %FALSE with @error set to abandon the bundle
 */
gboolean
lt_line_filter_learn_line (LtLineFilter  *self,
                           const char    *line,
                           gsize          length,
                           GString       *scratch,
                           GError       **error)
{
  LtLineFilterInterface *iface;

  g_return_val_if_fail (LT_IS_LINE_FILTER (self), FALSE);
  g_return_val_if_fail (line != NULL || length == 0, FALSE);
  g_return_val_if_fail (scratch != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = LT_LINE_FILTER_GET_IFACE (self);
  if (iface->learn_line != NULL)
    return iface->learn_line (self, line != NULL ? line : "", length, error);
  g_string_truncate (scratch, 0);
  return lt_line_filter_filter_line (self, line, length, scratch, error);
}
