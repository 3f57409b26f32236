/* main.c: lockthreat-support, the GTK application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lockthreat-support"

#include "config.h"

#include "lt-application.h"
#include "lt-secret.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LtApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The app holds the portal token (typed in Preferences, read from the
   * keyring for every request): no core dumps, no ptrace (lt-secret.h). */
  lt_secret_protect_process ();

  /* What notification servers show as the sender, and window lists. */
  g_set_application_name (_("LockThreat Support"));

  app = lt_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
