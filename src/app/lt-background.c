/* lt-background.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-background"

#include "config.h"

#include "lt-background.h"

#include "lt-error.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libportal/portal.h>
#include <libportal-gtk4/portal-gtk4.h>

/* The command inside the sandbox: the manifest's "command". */
#define SANDBOX_COMMAND "lockthreat-support"

gboolean
lt_background_is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ||
         g_strcmp0 (g_getenv (LT_BACKGROUND_TEST_SANDBOXED_ENV), "1") == 0;
}

char *
lt_background_dup_autostart_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", APPLICATION_ID ".desktop", NULL);
}

/* The program that runs now when it is the application (installed or in
 * the build tree), else the installed one: the entry must start what the
 * admin started, not whatever comes first in a login shell's PATH. */
static char *
dup_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *base = self != NULL ? g_path_get_basename (self) : NULL;

  if (g_strcmp0 (base, SANDBOX_COMMAND) == 0)
    return g_steal_pointer (&self);

  return g_build_filename (BINDIR, SANDBOX_COMMAND, NULL);
}

/* One argument of an Exec line (Desktop Entry Specification, "The Exec
 * key"): quoted when it has a reserved character, with ", `, $ and \
 * escaped inside the quotes; % doubled, as it starts field codes.
 * GKeyFile then adds the string escaping of the value itself. */
static char *
quote_exec_argument (const char *arg)
{
  gboolean quote = *arg == '\0' || strpbrk (arg, " \t\n\"'\\><~|&;$*?#()`") != NULL;
  GString *out = g_string_new (quote ? "\"" : "");

  for (const char *p = arg; *p != '\0'; p++)
    {
      if (quote && strchr ("\"`$\\", *p) != NULL)
        g_string_append_c (out, '\\');
      if (*p == '%')
        g_string_append_c (out, '%');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');

  return g_string_free (out, FALSE);
}

gboolean
lt_background_write_autostart (GError **error)
{
  g_autofree char *path = lt_background_dup_autostart_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *program = dup_program ();
  g_autofree char *quoted = quote_exec_argument (program);
  g_autofree char *exec = g_strdup_printf ("%s --%s", quoted, LT_BACKGROUND_OPTION);
  g_autofree char *data = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  const char *group = G_KEY_FILE_DESKTOP_GROUP;

  g_key_file_set_string (keyfile, group, G_KEY_FILE_DESKTOP_KEY_TYPE, G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  g_key_file_set_string (keyfile, group, G_KEY_FILE_DESKTOP_KEY_NAME, "LockThreat Support");
  g_key_file_set_string (keyfile, group, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         "Watches support deadlines and sends queued items while no window is open");
  g_key_file_set_string (keyfile, group, G_KEY_FILE_DESKTOP_KEY_EXEC, exec);
  g_key_file_set_string (keyfile, group, G_KEY_FILE_DESKTOP_KEY_ICON, APPLICATION_ID);
  g_key_file_set_boolean (keyfile, group, G_KEY_FILE_DESKTOP_KEY_TERMINAL, FALSE);
  g_key_file_set_boolean (keyfile, group, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (keyfile, group, "X-GNOME-Autostart-enabled", TRUE);
  g_key_file_set_string (keyfile, group, "X-GNOME-Autostart-Phase", "Applications");
  g_key_file_set_comment (keyfile, NULL, NULL,
                          " Written by LockThreat Support while Preferences → General →\n"
                          " Run in Background is on; removed when it is turned off.", NULL);
  data = g_key_file_to_data (keyfile, NULL, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* g_file_set_contents() writes a temporary file and renames it: the
   * session never reads half an entry. */
  if (!g_file_set_contents (path, data, -1, error))
    {
      g_prefix_error (error, _("Could not write the autostart entry: "));
      return FALSE;
    }

  return TRUE;
}

gboolean
lt_background_remove_autostart (GError **error)
{
  g_autofree char *path = lt_background_dup_autostart_path ();

  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("Could not remove the autostart entry %s: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* ---- The Background portal ---------------------------------------------- */

static void
request_background_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  gboolean enabled = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;
  gboolean granted;

  granted = xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Turning autostart off needs no permission: whatever the answer, the
   * portal removed the entry it kept for us. */
  if (enabled && !granted)
    {
      g_task_return_new_error (task, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                               _("The system did not allow LockThreat Support to run in the background"));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

void
lt_background_apply_async (gboolean             enabled,
                           GtkWindow           *parent,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(XdpPortal) portal = NULL;
  g_autoptr(GPtrArray) commandline = NULL;
  XdpParent *xdp_parent = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lt_background_apply_async);
  g_task_set_task_data (task, GINT_TO_POINTER (enabled), NULL);

  if (!lt_background_is_sandboxed ())
    {
      gboolean ok = enabled ? lt_background_write_autostart (&error)
                            : lt_background_remove_autostart (&error);

      if (ok)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  commandline = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (commandline, g_strdup (SANDBOX_COMMAND));
  g_ptr_array_add (commandline, g_strdup ("--" LT_BACKGROUND_OPTION));

  portal = xdp_portal_new ();
  if (parent != NULL && gtk_widget_get_realized (GTK_WIDGET (parent)))
    xdp_parent = xdp_parent_new_gtk (parent);

  /* The reason is what GNOME shows when it asks the user. */
  xdp_portal_request_background (portal, xdp_parent,
                                 _("LockThreat Support watches support deadlines and sends queued items while its window is closed."),
                                 commandline,
                                 enabled ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 cancellable, request_background_cb, g_steal_pointer (&task));
  g_clear_pointer (&xdp_parent, xdp_parent_free);
}

gboolean
lt_background_apply_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lt_background_apply_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
