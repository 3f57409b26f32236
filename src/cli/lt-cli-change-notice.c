/* lt-cli-change-notice.c: ltsupport change-notice check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-date-util.h"
#include "lt-rules.h"

#include <glib/gi18n-lib.h>

static char *
describe_date (const GDate *date)
{
  g_autofree char *iso = lt_date_format (date);
  g_autofree char *written = lt_cli_format_long_date (date);

  return g_strdup_printf ("%s (%s)", iso, written);
}

int
lt_cli_change_notice_check_run (LtCli  *cli,
                                int     argc,
                                char  **argv)
{
  g_autofree char *notice_text = NULL;
  g_autofree char *start_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "notice", 0, 0, G_OPTION_ARG_STRING, &notice_text,
      N_("The day the notice is sent, YYYY-MM-DD"), N_("DATE") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("The planned start of the change, YYYY-MM-DD"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  LtChangeNoticeCheck check = { 0 };
  gboolean late;
  LtPolicy *policy;
  GDate notice, start;
  g_autofree char *earliest_text = NULL;

  context = lt_cli_context_new (cli, NULL,
                                _("Checks a planned change against the policy's notice "
                                  "lead time (§6) in vendor business days. Exit status 0 "
                                  "when the notice is on time, 1 when it is late."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      !lt_cli_require_option ("--notice", notice_text, &error) ||
      !lt_cli_require_option ("--start", start_text, &error) ||
      !lt_cli_parse_date ("--notice", notice_text, &notice, &error) ||
      !lt_cli_parse_date ("--start", start_text, &start, &error) ||
      (policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);

  lt_rules_check_change_notice_for_policy (policy, &notice, &start, &check);
  earliest_text = lt_date_format (&check.earliest_start);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autofree char *notice_iso = lt_date_format (&notice);
      g_autofree char *start_iso = lt_date_format (&start);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "notice");
      json_builder_add_string_value (builder, notice_iso);
      json_builder_set_member_name (builder, "start");
      json_builder_add_string_value (builder, start_iso);
      json_builder_set_member_name (builder, "earliest_start");
      json_builder_add_string_value (builder, earliest_text);
      json_builder_set_member_name (builder, "late");
      json_builder_add_boolean_value (builder, check.late);
      json_builder_set_member_name (builder, "business_days_short");
      json_builder_add_int_value (builder, check.business_days_short);
      json_builder_end_object (builder);
      lt_cli_print_json (builder);
    }
  else
    {
      g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
      g_autofree char *notice_desc = describe_date (&notice);
      g_autofree char *start_desc = describe_date (&start);
      g_autofree char *earliest_desc = describe_date (&check.earliest_start);
      guint lead = lt_policy_get_change_lead_business_days (policy);

      lt_cli_fields_add (fields, _("Notice"), "%s", notice_desc);
      lt_cli_fields_add (fields, _("Planned start"), "%s", start_desc);
      lt_cli_fields_add (fields, _("Lead time"),
                         g_dngettext (GETTEXT_PACKAGE, "%u business day",
                                      "%u business days", lead), lead);
      lt_cli_fields_add (fields, _("Earliest start"), "%s", earliest_desc);
      if (check.late)
        lt_cli_fields_add (fields, _("Result"),
                           g_dngettext (GETTEXT_PACKAGE,
                                        "late, %u business day short",
                                        "late, %u business days short",
                                        check.business_days_short),
                           check.business_days_short);
      else
        lt_cli_fields_add (fields, _("Result"), "%s", _("ok"));
      lt_cli_fields_print (fields);

      if (check.warning != NULL)
        g_print ("\n%s\n", check.warning);
    }

  late = check.late;
  lt_change_notice_check_clear (&check);
  return late ? LT_CLI_EXIT_NO : LT_CLI_EXIT_OK;
}
