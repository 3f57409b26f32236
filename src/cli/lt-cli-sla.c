/* lt-cli-sla.c: ltsupport sla due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-sla.h"

#include <glib/gi18n-lib.h>

/* About seven years of business time: far beyond any response target, and
 * small enough that the business-time walk answers at once. */
#define MAX_TARGET_MINUTES 1000000

int
lt_cli_sla_due_run (LtCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autofree char *opened_text = NULL;
  g_autofree char *minutes_text = NULL;
  g_autofree char *tier_text = NULL;
  g_autofree char *severity_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "opened", 0, 0, G_OPTION_ARG_STRING, &opened_text,
      N_("When the ticket was opened, RFC 3339 with an offset"), N_("TIME") },
    { "minutes", 0, 0, G_OPTION_ARG_STRING, &minutes_text,
      N_("The target in business minutes"), N_("N") },
    { "tier", 0, 0, G_OPTION_ARG_STRING, &tier_text,
      N_("The support tier: essential, professional or enterprise"), N_("TIER") },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &severity_text,
      N_("The severity: s1, s2, s3 or feature"), N_("SEV") },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) opened = NULL;
  g_autoptr(GDateTime) due = NULL;
  LtPolicy *policy;
  LtBusinessCalendar *calendar;
  GTimeZone *zone;
  int tier = 0, severity = 0;
  guint minutes = 0;
  gboolean has_target;
  g_autofree char *opened_local = NULL;
  g_autofree char *due_local = NULL;

  context = lt_cli_context_new (cli, NULL,
                                _("Prints when the first response is due, in RFC 3339 at "
                                  "the vendor's UTC offset: the opening time plus the "
                                  "target, counting business hours only. Give the target "
                                  "either as --minutes or as --tier and --severity. "
                                  "Feature requests have no target: nothing is printed "
                                  "and the exit status is 1."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      !lt_cli_require_option ("--opened", opened_text, &error))
    return lt_cli_fail (cli, error);

  if ((opened = lt_instant_parse (opened_text, &error)) == NULL)
    {
      g_prefix_error (&error, "--opened: ");
      return lt_cli_fail (cli, error);
    }

  if (minutes_text != NULL && (tier_text != NULL || severity_text != NULL))
    {
      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("give either --minutes or --tier and --severity, not both"));
      return lt_cli_fail (cli, error);
    }
  if (minutes_text != NULL)
    {
      if (!lt_cli_parse_uint ("--minutes", minutes_text, MAX_TARGET_MINUTES, &minutes, &error))
        return lt_cli_fail (cli, error);
    }
  else if (tier_text == NULL && severity_text == NULL)
    {
      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("missing the target: give --minutes, or --tier and --severity"));
      return lt_cli_fail (cli, error);
    }
  else if (!lt_cli_require_option ("--tier", tier_text, &error) ||
           !lt_cli_require_option ("--severity", severity_text, &error) ||
           !lt_cli_parse_enum ("--tier", LT_TYPE_TIER, tier_text, &tier, &error) ||
           !lt_cli_parse_enum ("--severity", LT_TYPE_SEVERITY, severity_text, &severity, &error))
    {
      return lt_cli_fail (cli, error);
    }

  if ((policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);
  calendar = lt_policy_get_calendar (policy);
  zone = lt_business_calendar_get_time_zone (calendar);

  if (minutes_text != NULL)
    {
      has_target = TRUE;
      due = lt_sla_response_due (calendar, opened, minutes);
    }
  else
    {
      has_target = lt_policy_get_response_minutes (policy, tier, severity, &minutes);
      if (has_target)
        due = lt_sla_response_due_for_policy (policy, tier, severity, opened);
    }

  if (has_target && due == NULL)
    {
      /* Core has no instant past GDateTime's range. */
      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("--opened: “%s”: the due time would fall after the year 9999"),
                   opened_text);
      return lt_cli_fail (cli, error);
    }

  opened_local = lt_instant_format_in_zone (opened, zone);
  if (due != NULL)
    due_local = lt_instant_format_in_zone (due, zone);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lt_cli_add_string_member (builder, "opened", opened_local);
      lt_cli_add_string_member (builder, "tier",
                           tier_text != NULL ? lt_enum_to_nick (LT_TYPE_TIER, tier) : NULL);
      lt_cli_add_string_member (builder, "severity",
                           severity_text != NULL ? lt_enum_to_nick (LT_TYPE_SEVERITY, severity) : NULL);
      json_builder_set_member_name (builder, "minutes");
      if (has_target)
        json_builder_add_int_value (builder, minutes);
      else
        json_builder_add_null_value (builder);
      lt_cli_add_string_member (builder, "due", due_local);
      json_builder_end_object (builder);
      lt_cli_print_json (builder);
    }
  else if (due_local != NULL)
    {
      g_print ("%s\n", due_local);
    }

  if (!has_target)
    {
      /* Not an error (the question was valid) but no instant exists: the
       * explanation goes to stderr so that stdout never holds a fake time. */
      g_printerr (_("ltsupport: the policy sets no response target for severity “%s” "
                    "in the %s tier\n"),
                  lt_enum_to_nick (LT_TYPE_SEVERITY, severity),
                  lt_policy_get_tier_name (policy, tier));
      return LT_CLI_EXIT_NO;
    }
  return LT_CLI_EXIT_OK;
}
