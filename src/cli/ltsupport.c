/* ltsupport.c: the administrator's command-line interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli.h"
#include "lt-cli-commands.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

static const LtCliCommand calendar_commands[] = {
  { "add-business-days", N_("The date N business days after DATE"),
    lt_cli_calendar_add_business_days_run, NULL },
  { "is-business-day", N_("Whether the vendor is open on DATE"),
    lt_cli_calendar_is_business_day_run, NULL },
  { "holidays", N_("The vendor's observed holidays in YEAR"),
    lt_cli_calendar_holidays_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand sla_commands[] = {
  { "due", N_("When the first response to a ticket is due"),
    lt_cli_sla_due_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand change_notice_commands[] = {
  { "check", N_("Whether a change notice gives enough lead time"),
    lt_cli_change_notice_check_run, NULL },
  { "submit", N_("Give notice of a planned change"),
    lt_cli_change_notice_submit_run, NULL },
  { "draft", N_("Save a change notice as a draft, not sent"),
    lt_cli_change_notice_draft_run, NULL },
  { "send-draft", N_("Send a change notice draft"),
    lt_cli_change_notice_send_draft_run, NULL },
  { "delete-draft", N_("Delete a change notice draft"),
    lt_cli_change_notice_delete_draft_run, NULL },
  { "list", N_("Your change notices, drafts included, and their review"),
    lt_cli_change_notice_list_run, NULL },
  { "show", N_("One change notice: what was sent, its review and overlaps"),
    lt_cli_change_notice_show_run, NULL },
  { "withdraw", N_("Withdraw a change notice"),
    lt_cli_change_notice_withdraw_run, NULL },
  { "reschedule", N_("Move a change notice to other dates"),
    lt_cli_change_notice_reschedule_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand ticket_commands[] = {
  { "file", N_("File a support ticket, after the policy's checks"),
    lt_cli_ticket_file_run, NULL },
  { "list", N_("The tickets, with their SLA state"),
    lt_cli_ticket_list_run, NULL },
  { "show", N_("One ticket: deadlines, what you can do, history"),
    lt_cli_ticket_show_run, NULL },
  { "comment", N_("Add a comment to a ticket"),
    lt_cli_ticket_comment_run, NULL },
  { "attach", N_("Attach a log file or diagnostic bundle"),
    lt_cli_ticket_attach_run, NULL },
  { "confirm", N_("Confirm that a resolved ticket is fixed"),
    lt_cli_ticket_confirm_run, NULL },
  { "reopen", N_("Reopen a closed ticket within the reopen window"),
    lt_cli_ticket_reopen_run, NULL },
  { "escalate", N_("Escalate a ticket one level"),
    lt_cli_ticket_escalate_run, NULL },
  { "withdraw", N_("Withdraw an open ticket you no longer need"),
    lt_cli_ticket_withdraw_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand maintenance_commands[] = {
  { "list", N_("LockThreat's maintenance windows"),
    lt_cli_maintenance_list_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand policy_commands[] = {
  { "show", N_("The effective support policy"),
    lt_cli_policy_show_run, NULL },
  { "on-calendar", N_("The business hours as systemd OnCalendar= expressions"),
    lt_cli_policy_on_calendar_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand installation_commands[] = {
  { "add", N_("Add an installation and detect its version"),
    lt_cli_installation_add_run, NULL },
  { "list", N_("The installations, their versions and eligibility"),
    lt_cli_installation_list_run, NULL },
  { "remove", N_("Remove an installation"),
    lt_cli_installation_remove_run, NULL },
  { "detect", N_("Read the version of installations again"),
    lt_cli_installation_detect_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand outbox_commands[] = {
  { "list", N_("The actions waiting for the portal"),
    lt_cli_outbox_list_run, NULL },
  { "retry", N_("Send a failed action again"),
    lt_cli_outbox_retry_run, NULL },
  { "discard", N_("Give up on a failed or pending action"),
    lt_cli_outbox_discard_run, NULL },
  { "import", N_("Queue again the unsent actions of a kept database file"),
    lt_cli_outbox_import_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand notifications_commands[] = {
  { "list", N_("What the app would notify now, and when next"),
    lt_cli_notifications_list_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand bundle_commands[] = {
  { "create", N_("Make a diagnostics bundle, redacted; attach it or write it"),
    lt_cli_bundle_create_run, NULL },
  { "keywords", N_("The profile's own words and patterns to replace"),
    lt_cli_bundle_keywords_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand commands[] = {
  { "eligibility", N_("Support status and hotfix eligibility of a version"),
    lt_cli_eligibility_run, NULL },
  { "calendar", N_("The vendor's business calendar"), NULL, calendar_commands },
  { "sla", N_("Response-time targets"), NULL, sla_commands },
  { "ticket", N_("Support tickets"), NULL, ticket_commands },
  { "change-notice", N_("Notices of planned changes"), NULL, change_notice_commands },
  { "bundle", N_("Diagnostics bundles: logs and configuration, redacted"), NULL, bundle_commands },
  { "maintenance", N_("LockThreat's maintenance windows"), NULL, maintenance_commands },
  { "classify", N_("The severity of an issue from the questionnaire"),
    lt_cli_classify_run, NULL },
  { "policy", N_("The support policy in effect"), NULL, policy_commands },
  { "installation", N_("Your LockThreat installations"), NULL, installation_commands },
  { "outbox", N_("Actions waiting to reach the portal"), NULL, outbox_commands },
  { "notifications", N_("What needs your attention, as the app notifies it"), NULL,
    notifications_commands },
  { "login", N_("Save the portal token in your keyring"), lt_cli_login_run, NULL },
  { "check", N_("Monitoring plugins: the portal, eligibility, tickets, change notices, outbox, "
                 "sync, account"), lt_cli_check_run, NULL },
  { "sync", N_("Send the outbox and fetch from the portal"), lt_cli_sync_run, NULL },
  { "metrics", N_("The local state as Prometheus metrics"), lt_cli_metrics_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static void
init_i18n (void)
{
  const char *localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
#if DEVELOPMENT
  /* Uninstalled runs (tests, `make run`) read the catalogs that meson
   * compiles into <build>/po; an installed build never looks elsewhere
   * than its own locale directory. */
  if (g_getenv ("LTSUPPORT_LOCALEDIR") != NULL)
    localedir = g_getenv ("LTSUPPORT_LOCALEDIR");
#endif
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

int
main (int    argc,
      char **argv)
{
  init_i18n ();

  return lt_cli_main (commands,
                      _("Answers questions about the LockThreat support policy. "
                        "Exit status: 0 yes or ok, 1 no, 2 bad usage or input; the monitoring "
                        "checks (“ltsupport check”) exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."),
                      argc, argv);
}
