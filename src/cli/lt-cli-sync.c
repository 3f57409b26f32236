/* lt-cli-sync.c: `ltsupport login`, `ltsupport sync`, and the HTTP part of
 * `installation detect`
 *
 * Which portal: lt_portal_choose_url() (lt-portal-choice.h): --portal URL,
 * else $LTSUPPORT_PORTAL, else the portal-url the user saved in the app's
 * settings, else the built-in default. Nothing the portal sends (the
 * policy's contacts.portal) moves it. The token: $LTSUPPORT_TOKEN when the
 * portal was named with --portal or $LTSUPPORT_PORTAL, else the keyring's
 * item for that origin (lt-credentials.h). It is never printed, logged or
 * written to the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli.h"
#include "lt-cli-commands.h"
#include "lt-credentials.h"
#include "lt-error.h"
#include "lt-http-detect.h"
#include "lt-outbox.h"
#include "lt-portal-client.h"
#include "lt-sync.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* The longest token line read; a bearer token is far shorter. */
#define MAX_TOKEN_LINE 8192

/* ---- Settings and the portal URL ----------------------------------------- */

/* The app's settings, when its schema is installed (the command line also
 * runs where only ltsupport is). */
static GSettings *
dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/* A value the user saved (not the schema's default). */
static char *
dup_user_setting (const char *key)
{
  g_autoptr(GSettings) settings = dup_settings ();
  g_autoptr(GVariant) value = NULL;
  const char *text;

  if (settings == NULL)
    return NULL;
  value = g_settings_get_user_value (settings, key);
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return NULL;
  text = g_variant_get_string (value, NULL);
  return *text != '\0' ? g_strdup (text) : NULL;
}

/**
 * lt_cli_dup_portal_url:
 * @cli: the command line
 * @source: (out) (optional): where the address came from
 * @error: %LT_ERROR_INVALID_INPUT naming where a bad address came from
 *
 * Returns: (transfer full) (nullable): the normalized portal URL
 */
char *
lt_cli_dup_portal_url (LtCli           *cli,
                       LtPortalSource  *source,
                       GError         **error)
{
  g_autofree char *saved = dup_user_setting ("portal-url");

  return lt_portal_choose_url (cli->portal_url, saved, source, error);
}

/**
 * lt_cli_new_portal_client:
 * @cli: the command line
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a client of the portal the admin
 *   chose, with the extra CA file saved in the app's settings
 */
LtPortalClient *
lt_cli_new_portal_client (LtCli   *cli,
                          GError **error)
{
  g_autofree char *url = NULL;
  g_autofree char *extra_ca = dup_user_setting ("extra-ca-file");
  g_autoptr(LtCredentials) credentials = NULL;
  LtPortalSource source;

  if ((url = lt_cli_dup_portal_url (cli, &source, error)) == NULL ||
      (credentials = lt_portal_choice_new_credentials (url, source, error)) == NULL)
    return NULL;
  return lt_portal_client_new (url, credentials, extra_ca, error);
}

/* ---- login ------------------------------------------------------------------ */

/* Reads one line from standard input without echoing it on a terminal.
 * The buffer is wiped by the caller. */
static gboolean
read_token_line (const char  *url,
                 char        *buffer,
                 gsize        size,
                 GError     **error)
{
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  gboolean echo_off = FALSE;
  char *line;
  gsize length;

  if (tty)
    {
      /* TRANSLATORS: a prompt; %s is the portal's URL */
      g_printerr (_("Token for %s: "), url);
      if (tcgetattr (STDIN_FILENO, &saved) == 0)
        {
          quiet = saved;
          quiet.c_lflag &= ~(tcflag_t) ECHO;
          quiet.c_lflag |= ECHONL;
          echo_off = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }

  line = fgets (buffer, (int) size, stdin);

  if (echo_off)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);

  if (line == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("no token was given on standard input"));
      return FALSE;
    }

  length = strlen (buffer);
  if (length == size - 1 && buffer[length - 1] != '\n')
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("the token line is too long to be a token"));
      return FALSE;
    }
  while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
    buffer[--length] = '\0';
  return TRUE;
}

int
lt_cli_login_run (LtCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autofree char *url = NULL;
  LtPortalSource source;
  char *buffer;
  gboolean ok;

  context = lt_cli_context_new (cli, NULL,
                                _("Reads the portal token from standard input (without echoing "
                                  "it) and saves it in your keyring for the portal. Where no "
                                  "keyring runs, set LTSUPPORT_TOKEN for each command instead."),
                                NULL);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error))
    return lt_cli_fail (cli, error);

  url = lt_cli_dup_portal_url (cli, &source, &error);
  if (url == NULL)
    return lt_cli_fail (cli, error);
  credentials = lt_portal_choice_new_credentials (url, source, &error);
  if (credentials == NULL)
    return lt_cli_fail (cli, error);

  /* Not a GString: the token must not be copied around the heap as the
   * string grows. */
  buffer = g_malloc0 (MAX_TOKEN_LINE);
  ok = read_token_line (url, buffer, MAX_TOKEN_LINE, &error) &&
       lt_credentials_validate_token (buffer, &error) &&
       lt_credentials_store_sync (credentials, buffer, NULL, &error);
  explicit_bzero (buffer, MAX_TOKEN_LINE);
  g_free (buffer);
  if (!ok)
    return lt_cli_fail (cli, error);

  /* TRANSLATORS: %s is the portal's URL */
  g_print (_("The token for %s is saved in your keyring.\n"), url);
  return LT_CLI_EXIT_OK;
}

/* ---- sync --------------------------------------------------------------------- */

typedef struct
{
  GMainLoop    *loop;
  LtSyncReport  report;
  GError       *error;
  gboolean      done;
  gboolean      progress;
} SyncRun;

static const char *
describe_phase (LtSyncPhase phase)
{
  switch (phase)
    {
    case LT_SYNC_PHASE_PUSH:
      return _("Sending your changes");
    case LT_SYNC_PHASE_ACCOUNT:
      return _("Reading the account");
    case LT_SYNC_PHASE_POLICY:
      return _("Reading the support policy");
    case LT_SYNC_PHASE_RELEASES:
      return _("Reading the release catalog");
    case LT_SYNC_PHASE_MAINTENANCE:
      return _("Reading maintenance windows");
    case LT_SYNC_PHASE_TICKETS:
      return _("Reading tickets");
    case LT_SYNC_PHASE_CHANGE_NOTICES:
      return _("Reading change notices");
    case LT_SYNC_PHASE_IDLE:
    case LT_SYNC_PHASE_DONE:
    default:
      return _("Done");
    }
}

static void
progress_cb (LtSync     *sync,
             GParamSpec *pspec,
             SyncRun    *run)
{
  /* \r and a clearing escape: one line that updates in place. */
  g_printerr ("\r\033[K[%3d%%] %s…", (int) (lt_sync_get_fraction (sync) * 100.0 + 0.5),
              describe_phase (lt_sync_get_phase (sync)));
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncRun *run = user_data;

  lt_sync_run_finish (LT_SYNC (source), result, &run->report, &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

static void
print_report_json (const SyncRun *run,
                   const char    *url,
                   GDateTime     *last_success,
                   guint          n_failed_waiting)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  lt_cli_add_string_member (builder, "portal", url);
  lt_cli_add_boolean_member (builder, "ok", run->error == NULL);
  lt_cli_add_string_member (builder, "error", run->error != NULL ? run->error->message : NULL);
  lt_cli_add_int_member (builder, "sent", run->report.n_sent);
  lt_cli_add_int_member (builder, "replayed", run->report.n_replayed);
  lt_cli_add_int_member (builder, "failed", run->report.n_failed);
  lt_cli_add_int_member (builder, "retry", run->report.n_retry);
  lt_cli_add_int_member (builder, "failed_waiting", n_failed_waiting);
  lt_cli_add_int_member (builder, "tickets_listed", run->report.n_tickets_listed);
  lt_cli_add_int_member (builder, "tickets_fetched", run->report.n_tickets_fetched);
  lt_cli_add_int_member (builder, "change_notices", run->report.n_change_notices);
  lt_cli_add_int_member (builder, "maintenance_windows", run->report.n_maintenance_windows);
  lt_cli_add_boolean_member (builder, "policy_updated", run->report.policy_updated);
  lt_cli_add_boolean_member (builder, "releases_updated", run->report.releases_updated);
  lt_cli_add_instant_member (builder, "last_success", last_success);
  json_builder_end_object (builder);
  lt_cli_print_json (builder);
}

static void
print_report (const SyncRun *run,
              const char    *url,
              GDateTime     *last_success,
              guint          n_failed_waiting)
{
  g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
  g_autofree char *when = lt_cli_format_local_instant (last_success, _("never"));

  lt_cli_fields_add (fields, _("Portal"), "%s", url);
  lt_cli_fields_add (fields, _("Sent"), "%u", run->report.n_sent);
  if (run->report.n_replayed > 0)
    lt_cli_fields_add (fields, _("Already received"), "%u", run->report.n_replayed);
  if (run->report.n_failed > 0 || n_failed_waiting > 0)
    lt_cli_fields_add (fields, _("Refused"),
                       /* TRANSLATORS: the number of outbox items refused by the portal */
                       _("%u (see “ltsupport outbox list”)"), MAX (run->report.n_failed, n_failed_waiting));
  if (run->report.n_retry > 0)
    lt_cli_fields_add (fields, _("To retry"), "%u", run->report.n_retry);
  lt_cli_fields_add (fields, _("Tickets updated"), "%u", run->report.n_tickets_fetched);
  lt_cli_fields_add (fields, _("Change notices"), "%u", run->report.n_change_notices);
  lt_cli_fields_add (fields, _("Maintenance windows"), "%u", run->report.n_maintenance_windows);
  lt_cli_fields_add (fields, _("Last complete sync"), "%s", when);
  lt_cli_fields_print (fields);
}

int
lt_cli_sync_run (LtCli  *cli,
                 int     argc,
                 char  **argv)
{
  gboolean json = FALSE;
  gboolean push_only = FALSE;
  gboolean switch_portal = FALSE;
  const GOptionEntry entries[] = {
    LT_CLI_JSON_OPTION (json),
    { "push-only", 0, 0, G_OPTION_ARG_NONE, &push_only,
      N_("Only send the outbox; do not fetch from the portal"), NULL },
    { "switch-portal", 0, 0, G_OPTION_ARG_NONE, &switch_portal,
      N_("Move this profile to the portal named, when it belongs to another one; what it "
         "holds for the other is kept in a profile of its own"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPortalClient) client = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(LtSync) sync = NULL;
  g_autoptr(GDateTime) last_success = NULL;
  const char *url;
  guint counts[LT_OUTBOX_N_STATES] = { 0 };
  SyncRun run = { 0 };
  LtStore *store;

  context = lt_cli_context_new (cli, NULL,
                                _("Sends the actions waiting in the outbox to the portal, then "
                                  "fetches the account, policy, releases, maintenance windows, "
                                  "tickets and change notices. Progress goes to standard error "
                                  "on a terminal. Exit status: 0 when everything went through; "
                                  "1 when the portal could not be reached or refused something "
                                  "(nothing is lost: the outbox keeps it); 2 on bad usage, a "
                                  "missing or refused token, a profile that belongs to another "
                                  "portal, or a local database error."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error))
    return lt_cli_fail (cli, error);

  if ((store = lt_cli_get_store (cli, &error)) == NULL ||
      (client = lt_cli_new_portal_client (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);
  url = lt_portal_client_get_base_url (client);

  outbox = lt_outbox_new (store);
  sync = lt_sync_new (outbox, client);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.progress = isatty (STDERR_FILENO);
  if (run.progress)
    {
      g_signal_connect (sync, "notify::fraction", G_CALLBACK (progress_cb), &run);
      g_signal_connect (sync, "notify::phase", G_CALLBACK (progress_cb), &run);
    }

  lt_sync_run_async (sync,
                     (push_only ? LT_SYNC_PUSH : LT_SYNC_ALL) | (switch_portal ? LT_SYNC_SWITCH_PORTAL : 0),
                     NULL, sync_done_cb, &run);
  if (!run.done)
    g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);
  if (run.progress)
    {
      g_signal_handlers_disconnect_by_data (sync, &run);
      g_printerr ("\r\033[K");
    }

  if (lt_sync_get_archived_profile (sync) != NULL)
    g_printerr (_("ltsupport: this profile now belongs to %s; what it held for the portal before is "
                  "kept in “%s” (read it with ltsupport --profile “%s”)\n"),
                url, lt_sync_get_archived_profile (sync), lt_sync_get_archived_profile (sync));

  /* The verdict first: a sync stopped by bad usage (no token, a refused
   * one, another portal's profile, a store error) prints no report, whose
   * zeros would read as "nothing to do"; only the error says what
   * happened. */
  if (g_error_matches (run.error, LT_ERROR, LT_ERROR_OTHER_PORTAL))
    {
      /* The advice first under --json: the error object is the last line. */
      if (json)
        g_printerr (_("ltsupport: for a separate profile, name its folder: ltsupport --profile DIR sync; "
                      "to switch this one: ltsupport sync --switch-portal\n"));
      lt_cli_print_error (cli, run.error);
      if (!json)
        g_printerr (_("ltsupport: for a separate profile, name its folder: ltsupport --profile DIR sync; "
                      "to switch this one: ltsupport sync --switch-portal\n"));
      g_clear_error (&run.error);
      return LT_CLI_EXIT_USAGE;
    }
  if (g_error_matches (run.error, LT_ERROR, LT_ERROR_UNAUTHORIZED) ||
      g_error_matches (run.error, LT_ERROR, LT_ERROR_CREDENTIALS) ||
      g_error_matches (run.error, LT_ERROR, LT_ERROR_STORE) ||
      g_error_matches (run.error, LT_ERROR, LT_ERROR_STORE_CORRUPT))
    {
      lt_cli_print_error (cli, run.error);
      g_clear_error (&run.error);
      return LT_CLI_EXIT_USAGE;
    }

  last_success = lt_sync_dup_last_success (sync);
  lt_outbox_count (outbox, counts, NULL);
  if (json)
    print_report_json (&run, url, last_success, counts[LT_OUTBOX_STATE_FAILED]);
  else
    print_report (&run, url, last_success, counts[LT_OUTBOX_STATE_FAILED]);

  if (run.error != NULL)
    {
      lt_cli_print_error (cli, run.error);
      g_clear_error (&run.error);
      return LT_CLI_EXIT_NO;
    }
  if (run.report.n_failed > 0)
    {
      g_autoptr(GError) refused = g_error_new (LT_ERROR, LT_ERROR_REJECTED,
                                               g_dngettext (GETTEXT_PACKAGE,
                                                            "the portal refused %u action; see “ltsupport outbox list”",
                                                            "the portal refused %u actions; see “ltsupport outbox list”",
                                                            run.report.n_failed),
                                               run.report.n_failed);

      lt_cli_print_error (cli, refused);
      return LT_CLI_EXIT_NO;
    }
  return LT_CLI_EXIT_OK;
}

/* ---- installation detect, http ---------------------------------------------- */

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   done;
} DetectRun;

static void
detect_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  DetectRun *run = user_data;

  lt_http_detect_installation_finish (LT_PORTAL_CLIENT (source), result, &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

/**
 * lt_cli_detect_http:
 * @installation: an installation whose detection method is http
 * @now: when the detection runs
 * @error: return location for an error
 *
 * Fetches the installation's status URL through the portal client (its
 * TLS trust, timeouts and size limit; no token is sent) and sets its
 * detected version.
 *
 * Returns: %TRUE when a version was read
 */
gboolean
lt_cli_detect_http (LtInstallation  *installation,
                    GDateTime       *now,
                    GError         **error)
{
  g_autoptr(LtPortalClient) client = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autofree char *extra_ca = dup_user_setting ("extra-ca-file");
  DetectRun run = { 0 };

  /* The client needs a portal; the default one is only its identity here,
   * since fetching a status URL never sends the token. */
  credentials = lt_credentials_new_full (LT_PORTAL_DEFAULT_URL, FALSE, error);
  if (credentials == NULL)
    return FALSE;
  client = lt_portal_client_new (LT_PORTAL_DEFAULT_URL, credentials, extra_ca, error);
  if (client == NULL)
    return FALSE;

  run.loop = g_main_loop_new (NULL, FALSE);
  lt_http_detect_installation_async (client, installation, now, NULL, detect_done_cb, &run);
  if (!run.done)
    g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);

  if (run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }
  return TRUE;
}
