/* lt-version-detect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-version-detect"

#include "config.h"

#include "lt-version-detect.h"
#include "lt-error.h"
#include "lt-text-util.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A version is at most four numbers and a short suffix. A longer line is
 * not one, and quoting it whole would drown the message. */
#define MAX_QUOTED_CHARS 40
#define MAX_VERSION_LINE 128

static void
set_read_error (GError     **error,
                const char  *display,
                int          saved_errno)
{
  if (saved_errno == ENOENT)
    g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                 _("The version file “%s” does not exist"), display);
  else
    g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                 _("Cannot read the version file “%s”: %s"), display,
                 g_strerror (saved_errno));
}

/* Reads at most LT_VERSION_FILE_MAX_SIZE bytes of @path. The size is
 * checked before reading and again while reading, since a file may grow
 * in between and some files report no size at all. */
static GBytes *
read_limited (const char  *path,
              const char  *display,
              GError     **error)
{
  g_autofree char *buffer = NULL;
  gsize length = 0;
  struct stat st;
  int fd;

  /* O_NONBLOCK: a FIFO at the path must not hang the caller in open(). */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_read_error (error, display, saved_errno);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      set_read_error (error, display, saved_errno);
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is a folder, not a version file"), display);
      return NULL;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a regular file, so it cannot be a version file"), display);
      return NULL;
    }

  if (st.st_size > LT_VERSION_FILE_MAX_SIZE)
    {
      close (fd);
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("The version file “%s” is %lld bytes long; a version "
                     "file holds one short line (at most %u bytes are read)"),
                   display, (long long) st.st_size, (guint) LT_VERSION_FILE_MAX_SIZE);
      return NULL;
    }

  buffer = g_malloc (LT_VERSION_FILE_MAX_SIZE + 1);
  for (;;)
    {
      gssize n = read (fd, buffer + length, LT_VERSION_FILE_MAX_SIZE + 1 - length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          set_read_error (error, display, saved_errno);
          return NULL;
        }
      if (n == 0)
        break;
      length += (gsize) n;
      if (length > LT_VERSION_FILE_MAX_SIZE)
        {
          close (fd);
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("The version file “%s” is longer than %u bytes; a version "
                         "file holds one short line"),
                       display, (guint) LT_VERSION_FILE_MAX_SIZE);
          return NULL;
        }
    }

  close (fd);
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

/* The first line that is not blank, trimmed; NULL when there is none. */
static char *
dup_first_line (const char *text,
                gsize       length)
{
  const char *end = text + length;
  const char *line = text;

  /* Editors on Windows start UTF-8 files with a byte order mark. */
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    line += 3;

  while (line < end)
    {
      const char *newline = memchr (line, '\n', (gsize) (end - line));
      const char *line_end = newline != NULL ? newline : end;
      g_autofree char *trimmed = g_strstrip (g_strndup (line, (gsize) (line_end - line)));

      if (trimmed[0] != '\0')
        return g_steal_pointer (&trimmed);
      line = line_end + 1;
    }

  return NULL;
}

/* A file's or a server's text, fit to quote: short, one line, controls
 * escaped (a status page may answer with terminal escapes). */
static char *
dup_quotable (const char *text)
{
  return lt_text_dup_excerpt (text, strlen (text), MAX_QUOTED_CHARS);
}

/* Where a version text came from: the messages differ, the rules do
 * not. */
typedef enum
{
  SOURCE_FILE,
  SOURCE_URL,
} SourceKind;

/* The version on the first non-blank line of @data. @display is the file
 * name or URL quoted in messages. */
static char *
parse_version_text (const char  *data,
                    gsize        length,
                    const char  *display,
                    SourceKind   kind,
                    LtVersion  **version,
                    GError     **error)
{
  g_autoptr(LtVersion) parsed = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autofree char *line = NULL;

  if (length > 0 && !g_utf8_validate_len (data, length, NULL))
    {
      if (kind == SOURCE_FILE)
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                     _("The version file “%s” does not hold text, so it holds no version"),
                     display);
      else
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                     _("“%s” did not answer with text, so it gave no version"), display);
      return NULL;
    }

  line = dup_first_line (data, length);
  if (line == NULL)
    {
      if (kind == SOURCE_FILE)
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                     _("The version file “%s” is empty"), display);
      else
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                     _("“%s” answered with an empty text instead of a version"), display);
      return NULL;
    }

  if (strlen (line) > MAX_VERSION_LINE)
    {
      g_autofree char *quoted = dup_quotable (line);

      if (kind == SOURCE_FILE)
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                     _("The version file “%s” does not hold a version: its first line "
                       "“%s” is too long to be one"),
                     display, quoted);
      else
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                     _("“%s” did not answer with a version: its first line “%s” is too "
                       "long to be one"),
                     display, quoted);
      return NULL;
    }

  parsed = lt_version_parse (line, &parse_error);
  if (parsed == NULL)
    {
      /* The parser's message already quotes the line. */
      if (kind == SOURCE_FILE)
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                     _("The version file “%s” does not hold a version: %s"),
                     display, parse_error->message);
      else
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                     _("“%s” did not answer with a version: %s"),
                     display, parse_error->message);
      return NULL;
    }

  if (version != NULL)
    *version = g_steal_pointer (&parsed);
  return g_steal_pointer (&line);
}

/**
 * lt_version_detect_from_file:
 * @path: the version file, e.g. `/opt/lockthreat/VERSION`
 * @version: (out) (optional) (transfer full): the version parsed
 * @error: return location for an error
 *
 * Reads the first non-blank line of @path, trims it and parses it as a
 * version (R1): `3.4.1`, `v3.4.1` with a newline, trailing spaces or CRLF
 * line ends are all accepted.
 *
 * Errors name the path and, for a file that was read, quote its content:
 * %LT_ERROR_NOT_FOUND when the file does not exist;
 * %LT_ERROR_INVALID_INPUT when the path cannot be read (permission denied,
 * a folder, not a regular file); %LT_ERROR_INVALID_DATA when the content is
 * not a version (empty, not text, not a version, larger than
 * %LT_VERSION_FILE_MAX_SIZE).
 *
 * Returns: (transfer full) (nullable): the version text as found (trimmed),
 *   which is what an installation stores and shows
 */
char *
lt_version_detect_from_file (const char  *path,
                             LtVersion  **version,
                             GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  bytes = read_limited (path, display, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  return parse_version_text (data, length, display, SOURCE_FILE, version, error);
}

/**
 * lt_version_detect_from_text:
 * @text: what an installation's status URL answered
 * @length: the length of @text in bytes, or -1 when it is nul-terminated
 * @url: the URL it came from, quoted in messages
 * @version: (out) (optional) (transfer full): the version parsed
 * @error: return location for an error
 *
 * The same reading as lt_version_detect_from_file() (first non-blank line,
 * trimmed, a byte order mark skipped, R1 parsing) for a text fetched over
 * HTTP; the fetching belongs to the portal layer (lt-http-detect.h).
 * Errors are %LT_ERROR_INVALID_DATA naming @url and quoting the line.
 *
 * Returns: (transfer full) (nullable): the version text as found (trimmed)
 */
char *
lt_version_detect_from_text (const char  *text,
                             gssize       length,
                             const char  *url,
                             LtVersion  **version,
                             GError     **error)
{
  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (text);
  if ((gsize) length > LT_VERSION_FILE_MAX_SIZE)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("“%s” answered with %ld bytes; a version is one "
                     "short line (at most %u bytes are read)"),
                   url, (long) length, (guint) LT_VERSION_FILE_MAX_SIZE);
      return NULL;
    }
  return parse_version_text (text != NULL ? text : "", (gsize) length, url, SOURCE_URL,
                             version, error);
}

/**
 * lt_version_detect_installation_file:
 * @installation: an installation whose detection method is file
 * @now: when the detection runs, recorded as its detected-at
 * @error: return location for an error (see lt_version_detect_from_file())
 *
 * Reads the installation's version file and, on success, sets its
 * detected-version and detected-at. On failure the installation keeps the
 * version detected before: it is still the best thing known.
 *
 * Returns: %TRUE when a version was read
 */
gboolean
lt_version_detect_installation_file (LtInstallation  *installation,
                                     GDateTime       *now,
                                     GError         **error)
{
  g_autofree char *text = NULL;
  const char *path;

  g_return_val_if_fail (LT_IS_INSTALLATION (installation), FALSE);
  g_return_val_if_fail (lt_installation_get_detection_method (installation) ==
                        LT_DETECTION_METHOD_FILE, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = lt_installation_get_location (installation);
  if (path == NULL || !g_path_is_absolute (path))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not an absolute path"), path != NULL ? path : "");
      return FALSE;
    }

  text = lt_version_detect_from_file (path, NULL, error);
  if (text == NULL)
    return FALSE;

  g_object_freeze_notify (G_OBJECT (installation));
  lt_installation_set_detected_version (installation, text);
  lt_installation_set_detected_at (installation, now);
  g_object_thaw_notify (G_OBJECT (installation));
  return TRUE;
}
