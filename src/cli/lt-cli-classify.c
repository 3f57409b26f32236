/* lt-cli-classify.c: ltsupport classify
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-enums.h"
#include "lt-rules.h"

#include <glib/gi18n-lib.h>

int
lt_cli_classify_run (LtCli  *cli,
                     int     argc,
                     char  **argv)
{
  LtSeverityAnswers answers = { 0 };
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "security", 0, 0, G_OPTION_ARG_NONE, &answers.security,
      N_("1. It is a security incident"), NULL },
    { "outage", 0, 0, G_OPTION_ARG_NONE, &answers.outage,
      N_("2. The product is completely non-functional (total outage)…"), NULL },
    { "no-workaround", 0, 0, G_OPTION_ARG_NONE, &answers.no_workaround,
      N_("2. …with no workaround…"), NULL },
    { "all-users", 0, 0, G_OPTION_ARG_NONE, &answers.all_users,
      N_("2. …for all users"), NULL },
    { "degraded", 0, 0, G_OPTION_ARG_NONE, &answers.degraded,
      N_("3. Significantly degraded, a major disruption (a workaround may exist)"), NULL },
    { "limited", 0, 0, G_OPTION_ARG_NONE, &answers.limited,
      N_("4. Working, with issues for limited users or features"), NULL },
    { "enhancement", 0, 0, G_OPTION_ARG_NONE, &answers.enhancement,
      N_("5. A request for a new capability or an enhancement"), NULL },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  LtSeverityAssessment assessment = { 0 };
  const char *nick;

  context = lt_cli_context_new (cli, NULL,
                                _("Prints the severity of an issue (s1, s2, s3 or feature) "
                                  "and why, from the answers to the severity questionnaire: "
                                  "give the option of each question answered “yes”. The "
                                  "first question that applies, in order, decides."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      !lt_rules_assess_severity (&answers, &assessment, &error))
    return lt_cli_fail (cli, error);

  nick = lt_enum_to_nick (LT_TYPE_SEVERITY, assessment.severity);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lt_cli_add_string_member (builder, "severity", nick);
      lt_cli_add_boolean_member (builder, "security_incident", assessment.security_incident);
      lt_cli_add_string_member (builder, "reason", assessment.reason);
      json_builder_end_object (builder);
      lt_cli_print_json (builder);
    }
  else
    {
      g_autoptr(GPtrArray) fields = lt_cli_fields_new ();

      lt_cli_fields_add (fields, _("Severity"), "%s", nick);
      lt_cli_fields_add (fields, _("Reason"), "%s", assessment.reason);
      lt_cli_fields_print (fields);
    }

  lt_severity_assessment_clear (&assessment);
  return LT_CLI_EXIT_OK;
}
