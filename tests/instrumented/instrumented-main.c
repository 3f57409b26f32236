/* instrumented-main.c: lockthreat-support with the hooks of `make
 * screenshots` and `make bench`
 *
 * The application as src/app/main.c starts it, plus two things the
 * product does not carry:
 *   --screenshot DIR   render every page and the main dialogs to DIR
 *                      (lt-screenshot.h), then exit; non-zero when a
 *                      picture could not be made
 *   LTSUPPORT_BENCH_FIRST_FRAME=1
 *                      report the first frame and exit (lt-bench-hook.h)
 * Every other option is the application's own (--profile, --now…).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lockthreat-support-instrumented"

#include "config.h"

#include "lt-application-private.h"
#include "lt-bench-hook.h"
#include "lt-screenshot.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

typedef struct
{
  char *screenshot_dir;
  int   exit_status;
} Hooks;

static void
screenshots_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Hooks *hooks = user_data;
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_get_default ();

  if (!lt_screenshot_run_finish (LT_WINDOW (source), result, &error))
    {
      g_printerr ("lockthreat-support: --screenshot: %s\n", error->message);
      hooks->exit_status = 1;
    }

  g_application_quit (app);
}

static void
bench_tickets_read_cb (LtTicketList *tickets)
{
  g_signal_handlers_disconnect_by_func (tickets, bench_tickets_read_cb, NULL);
  lt_bench_hook_mark ("tickets-read");
}

static void
window_ready_cb (LtApplication *app,
                 LtWindow      *window,
                 gpointer       user_data)
{
  Hooks *hooks = user_data;

  /* make bench: the first frame and when the tickets were read in. */
  if (lt_bench_hook_enabled ())
    {
      LtTicketList *tickets = lt_context_get_tickets (lt_application_get_context (app));

      lt_bench_hook_watch_first_frame (GTK_WINDOW (window));
      if (tickets != NULL && lt_ticket_list_get_loading (tickets))
        {
          lt_bench_hook_await_mark ();
          g_signal_connect (tickets, "notify::loading", G_CALLBACK (bench_tickets_read_cb), NULL);
        }
      else
        lt_bench_hook_mark ("tickets-read");
    }

  if (hooks->screenshot_dir != NULL)
    lt_screenshot_run_async (window, hooks->screenshot_dir, screenshots_done_cb, hooks);
}

/* Runs before the application's own handler, which ignores the option. */
static int
handle_local_options_cb (GApplication *app,
                         GVariantDict *options,
                         gpointer      user_data)
{
  Hooks *hooks = user_data;
  const char *text = NULL;

  if (g_variant_dict_lookup (options, "screenshot", "^&ay", &text))
    {
      hooks->screenshot_dir = g_canonicalize_filename (text, NULL);
      lt_application_set_window_only (LT_APPLICATION (app), TRUE);
    }

  return -1;
}

int
main (int   argc,
      char *argv[])
{
  static const GOptionEntry entries[] = {
    { "screenshot", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      "Render every page and the main dialogs to DIR, then exit", "DIR" },
    { NULL }
  };
  g_autoptr(LtApplication) app = NULL;
  Hooks hooks = { NULL, 0 };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("LockThreat Support"));

  app = lt_application_new ();
  g_application_add_main_option_entries (G_APPLICATION (app), entries);
  g_signal_connect (app, "handle-local-options", G_CALLBACK (handle_local_options_cb), &hooks);
  lt_application_set_window_ready (app, window_ready_cb, &hooks);
  /* `make bench` measures the pages' first frame, on a profile with no
   * portal: no offer to connect over them. */
  if (lt_bench_hook_enabled ())
    lt_application_set_connect_offer (app, FALSE);

  status = g_application_run (G_APPLICATION (app), argc, argv);
  g_free (hooks.screenshot_dir);

  return status != 0 ? status : hooks.exit_status;
}
