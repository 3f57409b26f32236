/* lockthreat-devportal.c: the reference portal as a program
 *
 *   lockthreat-devportal [--listen 127.0.0.1:0] [--data DIR] [--demo]
 *                        [--token TOKEN] [--dev-controls]
 *
 * The first line on stdout is the portal's root URL (without /api/v1), the
 * value a client is configured with; nothing else is printed there, so a
 * script or test can read it and go. Messages go to stderr. Exit status:
 * 0 after SIGINT/SIGTERM, 1 when the portal cannot start, 2 on bad usage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-devportal"

#include "config.h"

#include "lt-devportal.h"
#include "lt-secret.h"

#include <glib-unix.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

/* The token comes from the environment by preference: a command line is
 * visible to every user of the machine in ps. The --token help spells the
 * name out, as xgettext cannot expand this macro inside a message. */
#define TOKEN_VARIABLE "LTSUPPORT_DEVPORTAL_TOKEN"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtDevportal) portal = NULL;
  g_autoptr(GInetSocketAddress) address = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *token = NULL;
  g_autofree char *policy_file = NULL;
  g_autofree char *releases_file = NULL;
  gboolean demo = FALSE;
  gboolean dev_controls = FALSE;
  gboolean version = FALSE;
  LtDevportalOptions options = { 0 };
  const GOptionEntry entries[] = {
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen,
      N_("Address to listen on (default 127.0.0.1:0: loopback, a free port)"), N_("HOST:PORT") },
    { "data", 0, 0, G_OPTION_ARG_FILENAME, &data_dir,
      N_("Keep the portal's database in DIR (default: in memory, gone at exit)"), N_("DIR") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo,
      N_("Seed a new database with a demo customer, tickets and maintenance windows"), NULL },
    { "token", 0, 0, G_OPTION_ARG_STRING, &token,
      N_("The bearer token clients must send (default: $LTSUPPORT_DEVPORTAL_TOKEN)"), N_("TOKEN") },
    { "dev-controls", 0, 0, G_OPTION_ARG_NONE, &dev_controls,
      N_("Serve /_dev/: move the clock, act as support, inject faults"), NULL },
    { "policy", 0, 0, G_OPTION_ARG_FILENAME, &policy_file,
      N_("Serve this policy document instead of the bundled one"), N_("FILE") },
    { "releases", 0, 0, G_OPTION_ARG_FILENAME, &releases_file,
      N_("Serve this release catalog instead of the bundled one"), N_("FILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version"), NULL },
    { NULL }
  };

  /* The portal holds its clients' bearer token for as long as it runs:
   * no core dumps, no ptrace (lt-secret.h). */
  lt_secret_protect_process ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The URL line must reach a reader through a pipe at once. */
  setvbuf (stdout, NULL, _IOLBF, 0);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("The LockThreat support portal contract (data/portal-api.yaml) "
                                  "served locally, for development, demos and tests. Prints its "
                                  "URL as the first line of output."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("lockthreat-devportal %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (argc > 1)
    {
      g_printerr (_("Unexpected argument “%s”\n"), argv[1]);
      return 2;
    }

  if (token == NULL && g_getenv (TOKEN_VARIABLE) != NULL)
    token = g_strdup (g_getenv (TOKEN_VARIABLE));
  if (token == NULL || token[0] == '\0')
    {
      g_printerr (_("No token: set %s (or pass --token). Clients send it as "
                    "“Authorization: Bearer <token>”.\n"), TOKEN_VARIABLE);
      return 2;
    }

  address = lt_devportal_parse_listen (listen != NULL ? listen : "127.0.0.1:0", &error);
  if (address == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!g_inet_address_get_is_loopback (g_inet_socket_address_get_address (address)))
    g_printerr (_("Warning: listening on a non-loopback address; anyone who can reach it "
                  "and knows the token can use this portal.\n"));

  options.data_dir = data_dir;
  options.token = token;
  options.policy_file = policy_file;
  options.releases_file = releases_file;
  options.demo = demo;
  options.dev_controls = dev_controls;
  portal = lt_devportal_new (&options, &error);
  lt_secret_clear (token, strlen (token));
  if (portal == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!lt_devportal_listen (portal, address, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("%s\n", lt_devportal_get_base_url (portal));

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);

  lt_devportal_shutdown (portal);
  return 0;
}
