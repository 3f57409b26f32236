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
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand policy_commands[] = {
  { "show", N_("The effective support policy"),
    lt_cli_policy_show_run, NULL },
  { NULL, NULL, NULL, NULL }
};

static const LtCliCommand commands[] = {
  { "eligibility", N_("Support status and hotfix eligibility of a version"),
    lt_cli_eligibility_run, NULL },
  { "calendar", N_("The vendor's business calendar"), NULL, calendar_commands },
  { "sla", N_("Response-time targets"), NULL, sla_commands },
  { "change-notice", N_("Lead time of planned changes"), NULL, change_notice_commands },
  { "classify", N_("The severity of an issue from the questionnaire"),
    lt_cli_classify_run, NULL },
  { "policy", N_("The support policy in effect"), NULL, policy_commands },
  { NULL, NULL, NULL, NULL }
};

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  return lt_cli_main (commands,
                      _("Answers questions about the LockThreat support policy. "
                        "Exit status: 0 yes or ok, 1 no, 2 bad usage or input."),
                      argc, argv);
}
