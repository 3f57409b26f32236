/* lt-file-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-file-util"

#include "config.h"

#include "lt-file-util.h"
#include "lt-error.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

static void
set_errno_error (GError **error,
                 int      saved_errno)
{
  g_set_error_literal (error, LT_ERROR,
                       saved_errno == ENOENT ? LT_ERROR_NOT_FOUND : LT_ERROR_INVALID_INPUT,
                       g_strerror (saved_errno));
}

static void
set_too_large_error (GError **error,
                     gsize    max_size)
{
  g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("it is larger than %s"), limit);
}

GBytes *
lt_file_read_regular (const char  *path,
                      gsize        max_size,
                      GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize length = 0;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size < G_MAXSIZE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* O_NONBLOCK: opening a FIFO must not wait for a writer. The kind is
   * checked on the opened descriptor, so a path swapped in between
   * cannot slip a device past the check. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno);
      return NULL;
    }
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      set_errno_error (error, saved_errno);
      return NULL;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT, _("it is a folder, not a file"));
      return NULL;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("it is not a regular file (a device, a pipe or a socket)"));
      return NULL;
    }
  if (st.st_size < 0 || (guint64) st.st_size > max_size)
    {
      close (fd);
      set_too_large_error (error, max_size);
      return NULL;
    }

  /* The size is checked again while reading: the file may grow. One byte
   * more than allowed is asked for, to tell "exactly the limit" from
   * "more". */
  buffer = g_malloc ((gsize) st.st_size + 1);
  for (gsize capacity = (gsize) st.st_size + 1;;)
    {
      gssize n;

      if (length == capacity)
        {
          capacity = MIN (capacity * 2, max_size + 1);
          buffer = g_realloc (buffer, capacity);
        }
      n = read (fd, buffer + length, capacity - length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          set_errno_error (error, saved_errno);
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;
      if (length > max_size)
        {
          close (fd);
          set_too_large_error (error, max_size);
          return NULL;
        }
    }
  close (fd);
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}
