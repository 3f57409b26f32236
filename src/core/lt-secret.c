/* lt-secret.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-secret"

#include "config.h"

#include "lt-secret.h"

#include <errno.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

gboolean
lt_secret_protect_process (void)
{
#ifdef __linux__
  if (prctl (PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    {
      g_debug ("the process could not be made non-dumpable: %s", g_strerror (errno));
      return FALSE;
    }
  return TRUE;
#else
  return FALSE;
#endif
}

void
lt_secret_clear (gpointer data,
                 gsize    size)
{
  if (data != NULL && size > 0)
    explicit_bzero (data, size);
}

void
lt_secret_string_free (LtSecretString *text)
{
  if (text == NULL)
    return;
  lt_secret_clear (text, strlen (text));
  g_free (text);
}
