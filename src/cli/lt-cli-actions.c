/* lt-cli-actions.c: what the ticket, change-notice and maintenance
 * commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-actions.h"
#include "lt-cli-commands.h"
#include "lt-business-calendar.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-credentials.h"
#include "lt-file-util.h"
#include "lt-sensitive.h"
#include "lt-portal-client.h"
#include "lt-store-account.h"
#include "lt-store-effective.h"
#include "lt-store-tickets.h"
#include "lt-sync.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* The longest text read for a description: the portal's own limit is
 * 20,000 characters, so a file much larger than that is a wrong path
 * (a log meant for --attach), not a description. */
#define MAX_TEXT_SIZE (1024 * 1024)

/* Standard input was read to its end for a description: it cannot answer
 * questions too. */
static gboolean stdin_consumed = FALSE;

/* The ticket named on the command line: the portal's id (LT-000123), or
 * the local id of one that is still queued. */
LtTicket *
lt_cli_find_ticket (LtStore     *store,
                    const char  *id,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LtTicket *ticket = lt_store_lookup_by_any_id (store, id,
                                                (LtStoreLookupFunc) lt_store_lookup_ticket,
                                                (LtStoreLookupFunc) lt_store_lookup_ticket_by_local_id,
                                                &local_error);

  if (g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
    g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                 _("ID: there is no ticket “%s” in the local store (“ltsupport sync” fetches the "
                   "portal's tickets)"), id);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ticket;
}

/* How a ticket is named to people: its portal id once it has one. */
const char *
lt_cli_ticket_name (LtTicket *ticket)
{
  return lt_ticket_get_id (ticket) != NULL ? lt_ticket_get_id (ticket) : lt_ticket_get_local_id (ticket);
}

LtPolicy *
lt_cli_get_effective_policy (LtCli    *cli,
                             LtStore  *store,
                             GError  **error)
{
  g_autoptr(GError) cached_error = NULL;

  if (cli->policy != NULL || cli->policy_path != NULL)
    return lt_cli_get_policy (cli, error);

  /* The cached policy, else the bundled one: decided in the store, as
   * for the app (lt-store-effective.h). */
  cli->policy = lt_store_load_effective_policy (store, &cached_error, error);
  if (cached_error != NULL)
    g_printerr (_("ltsupport: warning: the policy saved from the portal could not be read, "
                  "so the bundled policy is used: %s\n"), cached_error->message);
  if (cli->policy == NULL)
    g_prefix_error (error, _("bundled policy: "));
  return cli->policy;
}

LtReleaseCatalog *
lt_cli_load_effective_catalog (LtStore  *store,
                               GError  **error)
{
  g_autoptr(GError) cached_error = NULL;
  LtReleaseCatalog *catalog = lt_store_load_effective_catalog (store, &cached_error, error);

  if (cached_error != NULL)
    g_printerr (_("ltsupport: warning: the release catalog saved from the portal could not be "
                  "read, so the bundled catalog is used: %s\n"), cached_error->message);
  if (catalog == NULL)
    g_prefix_error (error, _("bundled release catalog: "));
  return catalog;
}

LtTier
lt_cli_get_tier (LtStore  *store,
                 gboolean *known)
{
  g_autoptr(LtAccount) account = lt_store_load_account (store, NULL);

  if (known != NULL)
    *known = account != NULL;
  return lt_account_get_effective_tier (account);
}

char *
lt_cli_describe_deadline (GDateTime *instant,
                          LtPolicy  *policy)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (policy);
  g_autofree char *local = NULL;
  g_autoptr(GDateTime) vendor = NULL;
  g_autofree char *vendor_text = NULL;

  /* The portal's own response due may be such a stored date too. */
  if (!lt_instant_is_supported (instant))
    return g_strdup (lt_instant_get_invalid_label ());
  local = lt_cli_format_local_instant (instant, NULL);
  vendor = g_date_time_to_timezone (instant, lt_business_calendar_get_time_zone (calendar));
  vendor_text = g_date_time_format (vendor, "%Y-%m-%d %H:%M %:z");

  /* TRANSLATORS: a deadline: "<your local time> (<the vendor's local time> at LockThreat, <time zone name>)" */
  return g_strdup_printf (_("%s (%s at LockThreat, %s)"), local, vendor_text,
                          lt_business_calendar_get_time_zone_id (calendar));
}

char *
lt_cli_format_business_duration (gint64 seconds)
{
  guint minutes;

  if (seconds < 0)
    seconds = -seconds;
  /* Rounded up: "0 min" left would read as already late. Capped so that
   * the count fits the format (years of business time in any case). */
  minutes = (guint) MIN ((seconds + 59) / 60, (gint64) G_MAXUINT);
  if (minutes < 60)
    return g_strdup_printf (_("%u min"), minutes);
  if (minutes % 60 == 0)
    return g_strdup_printf (_("%u h"), minutes / 60);
  return g_strdup_printf (_("%u h %u min"), minutes / 60, minutes % 60);
}

static char *
read_fd (int          fd,
         const char  *what,
         const char  *display,
         GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[8192];

  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT, _("%s: “%s” could not be read: %s"),
                       what, display, g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      if (text->len + (gsize) n > MAX_TEXT_SIZE)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("%s: “%s” is larger than %u KiB; attach files with --attach"),
                       what, display, MAX_TEXT_SIZE / 1024);
          return NULL;
        }
      g_string_append_len (text, buffer, n);
    }

  if (!g_utf8_validate_len (text->str, text->len, NULL))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT, _("%s: “%s” is not UTF-8 text"),
                   what, display);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
lt_cli_read_text (const char  *what,
                  const char  *path,
                  GError     **error)
{
  g_autofree char *display = NULL;
  char *text;
  int fd;

  if (path == NULL || g_str_equal (path, "-"))
    {
      if (isatty (STDIN_FILENO))
        /* TRANSLATORS: Ctrl-D ends the input on a terminal */
        g_printerr ("%s\n", _("Type the text, then press Ctrl-D on a line of its own:"));
      stdin_consumed = TRUE;
      return read_fd (STDIN_FILENO, what, _("standard input"), error);
    }

  display = g_filename_display_name (path);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, LT_ERROR, saved_errno == ENOENT ? LT_ERROR_NOT_FOUND : LT_ERROR_INVALID_INPUT,
                   _("%s: “%s” could not be opened: %s"), what, display, g_strerror (saved_errno));
      return NULL;
    }
  text = read_fd (fd, what, display, error);
  close (fd);
  return text;
}

gboolean
lt_cli_can_prompt (void)
{
  return !stdin_consumed && isatty (STDIN_FILENO);
}

char *
lt_cli_read_line (const char *prompt)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean got_any = FALSE;

  g_printerr ("%s", prompt);
  fflush (stderr);

  /* Byte by byte from the descriptor: stdio's buffer could swallow what
   * belongs to the next question. */
  for (;;)
    {
      char c;
      gssize n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got_any = TRUE;
      if (c == '\n')
        break;
      if (c != '\r')
        g_string_append_c (line, c);
    }
  if (!got_any)
    {
      g_printerr ("\n");
      return NULL;
    }
  return g_string_free (g_steal_pointer (&line), FALSE);
}

gboolean
lt_cli_ask_yes_no (const char *question)
{
  /* TRANSLATORS: the suffix of a yes/no question whose default is no */
  g_autofree char *prompt = g_strdup_printf ("%s %s ", question, _("[y/N]"));
  g_autofree char *answer = lt_cli_read_line (prompt);
  g_autofree char *folded = NULL;

  if (answer == NULL)
    return FALSE;
  folded = g_utf8_casefold (g_strstrip (answer), -1);
  /* English answers always work, so a script written for the C locale
   * keeps working in a translated one. */
  return g_str_equal (folded, "y") || g_str_equal (folded, "yes") ||
         /* TRANSLATORS: the short answer "yes" to a [y/N] question, lower case */
         g_str_equal (folded, _("y")) ||
         /* TRANSLATORS: the answer "yes" to a [y/N] question, lower case */
         g_str_equal (folded, _("yes"));
}

static char *
join_acknowledgements (GPtrArray *acks)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < acks->len; i++)
    {
      if (i > 0)
        /* TRANSLATORS: separates the items of a list: "an out-of-scope category, an unsupported version" */
        g_string_append (joined, _(", "));
      g_string_append (joined, g_ptr_array_index (acks, i));
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

int
lt_cli_acknowledge (LtCli       *cli,
                    GPtrArray   *acks,
                    gboolean     yes,
                    const char  *question,
                    GError     **error)
{
  g_autofree char *what = NULL;

  if (acks->len == 0 || yes)
    return LT_CLI_EXIT_OK;

  what = join_acknowledgements (acks);
  if (lt_cli_can_prompt ())
    {
      g_printerr (_("Going ahead means you acknowledge the warnings above (%s).\n"), what);
      return lt_cli_ask_yes_no (question) ? LT_CLI_EXIT_OK : LT_CLI_EXIT_NO;
    }

  {
    g_autofree char *message =
      g_strdup_printf (_("this needs your acknowledgement of %s, and standard input is not a "
                         "terminal to ask on: read the warnings above and run the command again "
                         "with --yes"), what);

    lt_cli_set_usage_error (cli, error, message);
    return LT_CLI_EXIT_USAGE;
  }
}

int
lt_cli_fail_action (LtCli        *cli,
                    const GError *error)
{
  lt_cli_print_error (cli, error);
  return g_error_matches (error, LT_ERROR, LT_ERROR_NOT_ALLOWED) ? LT_CLI_EXIT_NO : LT_CLI_EXIT_USAGE;
}

void
lt_cli_warn (const char *warning)
{
  g_printerr (_("Warning: %s\n"), warning);
}

/* ---- what leaves: the review for secrets ------------------------------------- */

static SecretValue *lookup_token (LtCli *cli, GError **error);

static gboolean
contains_bytes (const char *data,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  /* Not strstr(): an attached file may hold NUL bytes before the token. */
  if (n == 0)
    return FALSE;
  for (const char *p = data; n <= length - (gsize) (p - data);)
    {
      const char *first = memchr (p, needle[0], length - (gsize) (p - data) - n + 1);

      if (first == NULL)
        return FALSE;
      if (memcmp (first, needle, n) == 0)
        return TRUE;
      p = first + 1;
    }
  return FALSE;
}

GPtrArray *
lt_cli_outgoing_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

void
lt_cli_outgoing_add (GPtrArray     *outgoing,
                     const char    *what,
                     const char    *text)
{
  if (text == NULL)
    return;
  g_ptr_array_add (outgoing, g_strdup (what));
  g_ptr_array_add (outgoing, g_strdup (text));
}

/* Warns of every likely secret in @text (@length bytes); FALSE with
 * @error when it holds one of @tokens (NULL-terminated). */
static gboolean
review_text (const char          *what,
             const char          *text,
             gsize                length,
             const char * const  *tokens,
             guint               *n_findings,
             GError             **error)
{
  g_autoptr(GPtrArray) findings = NULL;
  gboolean holds_token = FALSE;

  for (guint i = 0; tokens[i] != NULL; i++)
    holds_token = holds_token || contains_bytes (text, length, tokens[i]);
  if (holds_token)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("%s holds your portal token; it is never sent to LockThreat. "
                     "Remove it (and consider revoking the token)"), what);
      return FALSE;
    }
  /* Text files (logs, configurations) are where secrets get pasted; an
   * archive or an image cannot be read for them. */
  if (!g_utf8_validate_len (text, length, NULL))
    return TRUE;

  findings = lt_sensitive_scan (text);
  for (guint i = 0; i < findings->len; i++)
    {
      const LtSensitiveFinding *finding = g_ptr_array_index (findings, i);
      /* TRANSLATORS: "--message, line 3: Password: password=••••••••" */
      g_autofree char *warning = g_strdup_printf (_("%s, line %u: %s: %s"), what, finding->line,
                                                  lt_sensitive_kind_get_label (finding->kind),
                                                  finding->excerpt);

      lt_cli_warn (warning);
      (*n_findings)++;
    }
  return TRUE;
}

int
lt_cli_review_outgoing (LtCli               *cli,
                        GPtrArray           *outgoing,
                        const char * const  *attachments,
                        gboolean             yes,
                        const char          *question,
                        GError             **error)
{
  g_autoptr(GPtrArray) acks = g_ptr_array_new ();
  g_autoptr(GError) local_error = NULL;
  SecretValue *token;
  const char *tokens[3] = { NULL, };
  guint n_tokens = 0;
  const char *environment_token = g_getenv (LT_CREDENTIALS_TOKEN_ENV);
  guint n_findings = 0;
  gboolean ok = TRUE;

  /* The token never leaves in a ticket, whatever the person answers: it
   * is compared here, never printed, and the copy is the keyring's own.
   * The one in the environment is a secret too, even where it is not the
   * token of the portal this command would push to. */
  token = lookup_token (cli, &local_error);
  if (token != NULL && secret_value_get_text (token) != NULL && *secret_value_get_text (token) != '\0')
    tokens[n_tokens++] = secret_value_get_text (token);
  if (environment_token != NULL && *environment_token != '\0')
    tokens[n_tokens++] = environment_token;

  for (guint i = 0; ok && i + 1 < outgoing->len; i += 2)
    {
      const char *text = g_ptr_array_index (outgoing, i + 1);

      ok = review_text (g_ptr_array_index (outgoing, i), text, strlen (text), tokens,
                        &n_findings, error);
    }
  for (guint i = 0; ok && attachments != NULL && attachments[i] != NULL; i++)
    {
      g_autofree char *display = g_filename_display_name (attachments[i]);
      g_autoptr(GBytes) file = lt_file_read_regular (attachments[i], LT_PORTAL_MAX_UPLOAD_SIZE, error);
      gsize length = 0;
      const char *data;

      if (file == NULL)
        {
          g_prefix_error (error, _("Cannot attach “%s”: "), display);
          ok = FALSE;
          break;
        }
      data = g_bytes_get_data (file, &length);
      ok = review_text (display, data != NULL ? data : "", length, tokens, &n_findings, error);
    }
  g_clear_pointer (&token, secret_value_unref);
  if (!ok)
    return LT_CLI_EXIT_USAGE;

  if (n_findings == 0)
    return LT_CLI_EXIT_OK;
  g_printerr ("%s\n", _("What you send goes to LockThreat Support: remove passwords, keys and "
                        "tokens unless they are needed."));
  g_ptr_array_add (acks, (gpointer) _("likely secrets in what is sent"));
  return lt_cli_acknowledge (cli, acks, yes, question, error);
}

/* ---- delivering at once ------------------------------------------------------ */

/* An immediate push waits less than a sync for a connection: the command
 * has already done its work, and the outbox keeps the item either way. */
#define DELIVER_CONNECT_TIMEOUT 5
/* …and for the whole of each request: a portal that accepts the
 * connection and then answers nothing (or a byte at a time) must not hold
 * the command for the sync's LT_PORTAL_DEFAULT_DEADLINE. */
#define DELIVER_DEADLINE 10

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   done;
} PushRun;

static void
push_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  PushRun *run = user_data;

  lt_sync_run_finish (LT_SYNC (source), result, NULL, &run->error);
  run->done = TRUE;
  g_main_loop_quit (run->loop);
}

/* Errors after which trying again later can work without the user doing
 * anything: the portal was out of reach. */
static gboolean
is_offline_error (const GError *error)
{
  return g_error_matches (error, LT_ERROR, LT_ERROR_NETWORK) ||
         g_error_matches (error, LT_ERROR, LT_ERROR_TIMED_OUT) ||
         g_error_matches (error, LT_ERROR, LT_ERROR_SERVER) ||
         g_error_matches (error, LT_ERROR, LT_ERROR_RATE_LIMITED);
}

/* The token of the portal this command would push to, or NULL (with
 * @error set only when no portal could be worked out). */
static SecretValue *
lookup_token (LtCli   *cli,
              GError **error)
{
  g_autofree char *url = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  LtPortalSource source;

  if ((url = lt_cli_dup_portal_url (cli, &source, error)) == NULL ||
      (credentials = lt_portal_choice_new_credentials (url, source, error)) == NULL)
    return NULL;
  return lt_credentials_lookup_sync (credentials, NULL, NULL, NULL);
}

LtCliDelivery
lt_cli_deliver_now (LtCli       *cli,
                    LtOutbox    *outbox,
                    const char  *key,
                    char       **why)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPortalClient) client = NULL;
  g_autoptr(LtSync) sync = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  SecretValue *token;
  PushRun run = { 0 };

  g_return_val_if_fail (LT_IS_OUTBOX (outbox), LT_CLI_DELIVERY_QUEUED);
  g_return_val_if_fail (key != NULL, LT_CLI_DELIVERY_QUEUED);

  if (why != NULL)
    *why = NULL;

  /* A portal is configured when there is a token for it: without one
   * (never signed in, no keyring) the item waits for `ltsupport sync`,
   * which says what is missing. */
  client = lt_cli_new_portal_client (cli, &error);
  if (client == NULL)
    {
      if (why != NULL)
        *why = g_strdup (error->message);
      return LT_CLI_DELIVERY_QUEUED;
    }
  token = lt_credentials_lookup_sync (lt_portal_client_get_credentials (client), NULL, NULL, NULL);
  if (token == NULL)
    return LT_CLI_DELIVERY_QUEUED;
  secret_value_unref (token);
  lt_portal_client_set_connect_timeout (client, DELIVER_CONNECT_TIMEOUT);
  lt_portal_client_set_deadline (client, DELIVER_DEADLINE);

  /* One push of the outbox: the new item goes with those before it and
   * the ones it depends on, in the outbox's order. */
  sync = lt_sync_new (outbox, client);
  run.loop = g_main_loop_new (NULL, FALSE);
  lt_sync_run_async (sync, LT_SYNC_PUSH, NULL, push_done_cb, &run);
  if (!run.done)
    g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);

  item = lt_outbox_lookup (outbox, key, NULL);
  if (item != NULL && lt_outbox_item_get_state (item) == LT_OUTBOX_STATE_SENT)
    {
      g_clear_error (&run.error);
      return LT_CLI_DELIVERY_SENT;
    }
  if (item != NULL && lt_outbox_item_get_state (item) == LT_OUTBOX_STATE_FAILED)
    {
      if (why != NULL)
        *why = g_strdup (lt_outbox_item_get_failure_reason (item));
      g_clear_error (&run.error);
      return LT_CLI_DELIVERY_REFUSED;
    }

  if (why != NULL)
    {
      if (run.error != NULL)
        *why = g_strdup (run.error->message);
      else if (item != NULL && lt_outbox_item_get_last_error (item) != NULL)
        *why = g_strdup (lt_outbox_item_get_last_error (item));
    }
  /* Not sent and not refused: out of reach, or stopped by something the
   * user has to fix (a refused token, an untrusted certificate). */
  if (run.error == NULL || is_offline_error (run.error))
    {
      g_clear_error (&run.error);
      return LT_CLI_DELIVERY_OFFLINE;
    }
  g_clear_error (&run.error);
  return LT_CLI_DELIVERY_QUEUED;
}

int
lt_cli_report_not_sent (LtCliDelivery  delivery,
                        const char    *subject,
                        const char    *why)
{
  switch (delivery)
    {
    case LT_CLI_DELIVERY_REFUSED:
      if (subject != NULL)
        /* TRANSLATORS: the first %s names the action ("The comment on LT-000123"), the second is the portal's reason */
        g_print (_("%s was refused by the portal: %s\n"), subject, why != NULL ? why : "");
      else
        g_print (_("Refused by the portal: %s\n"), why != NULL ? why : "");
      g_print ("%s\n", _("It stays in the outbox as failed: see “ltsupport outbox list --state failed”."));
      return LT_CLI_EXIT_NO;
    case LT_CLI_DELIVERY_OFFLINE:
      if (subject != NULL)
        g_print (_("%s: queued (offline): will be sent with the next sync.\n"), subject);
      else
        g_print ("%s\n", _("Queued (offline): will be sent with the next sync."));
      if (why != NULL)
        g_print ("%s\n", why);
      return LT_CLI_EXIT_OK;
    case LT_CLI_DELIVERY_QUEUED:
    case LT_CLI_DELIVERY_SENT:
    default:
      if (subject != NULL)
        g_print (_("%s: queued; run “ltsupport sync” to send it.\n"), subject);
      else
        g_print ("%s\n", _("Queued; run “ltsupport sync” to send it."));
      return LT_CLI_EXIT_OK;
    }
}

const char *
lt_cli_delivery_to_string (LtCliDelivery delivery)
{
  switch (delivery)
    {
    case LT_CLI_DELIVERY_OFFLINE:
      return "offline";
    case LT_CLI_DELIVERY_SENT:
      return "sent";
    case LT_CLI_DELIVERY_REFUSED:
      return "refused";
    case LT_CLI_DELIVERY_QUEUED:
    default:
      return "queued";
    }
}
