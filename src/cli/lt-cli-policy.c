/* lt-cli-policy.c: ltsupport policy show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-rules.h"
#include "lt-text-util.h"

#include <glib/gi18n-lib.h>

/* The policy file's weekday names, Monday first like GDateWeekday. */
static const char * const weekday_ids[] = {
  NULL, "mon", "tue", "wed", "thu", "fri", "sat", "sun",
};

typedef struct
{
  GDate     today;           /* vendor-local, decides "this year" */
  GDate     next_review;
  gboolean  review_overdue;
  GArray   *holidays;        /* of LtHoliday, this year */
} PolicyFacts;

static void
policy_facts_clear (PolicyFacts *facts)
{
  g_clear_pointer (&facts->holidays, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PolicyFacts, policy_facts_clear)

static void
collect_facts (LtPolicy    *policy,
               PolicyFacts *facts)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (policy);
  /* The command line is where time enters: the rules below take the date
   * as an argument, and "today" is the vendor's, not the machine's. */
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  lt_business_calendar_local_date (calendar, now, &facts->today);
  lt_rules_next_policy_review_for_policy (policy, &facts->next_review);
  facts->review_overdue = lt_rules_policy_review_is_overdue_for_policy (policy, &facts->today);
  facts->holidays = lt_business_calendar_list_holidays (calendar,
                                                        g_date_get_year (&facts->today));
}

/* For lists: the weekday abbreviation keeps the columns aligned. */
static char *
describe_short_date (const GDate *date)
{
  g_autofree char *iso = lt_date_format (date);
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date),
                                                 g_date_get_month (date),
                                                 g_date_get_day (date),
                                                 0, 0, 0);
  g_autofree char *weekday = g_date_time_format (dt, "%a");

  return g_strdup_printf ("%s  %s", iso, weekday);
}

static char *
dup_weekday_name (GDateWeekday weekday)
{
  /* 1 January 2024 was a Monday. */
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2024, 1, (int) weekday, 0, 0, 0);

  return g_date_time_format (dt, "%A");
}

static void
build_json (LtCli       *cli,
            LtPolicy    *policy,
            PolicyFacts *facts,
            JsonBuilder *builder)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (policy);
  guint weekdays = lt_business_calendar_get_business_weekdays (calendar);
  g_autofree char *opens = lt_cli_format_minute_of_day (lt_business_calendar_get_opens_minute (calendar));
  g_autofree char *closes = lt_cli_format_minute_of_day (lt_business_calendar_get_closes_minute (calendar));
  const LtClosure *closures;
  guint n_closures = 0;
  const guint *leads;
  guint n_leads = 0;

  json_builder_begin_object (builder);
  lt_cli_add_string_member (builder, "source", cli->policy_path != NULL ? cli->policy_path : "bundled");
  lt_cli_add_string_member (builder, "title", lt_policy_get_title (policy));
  lt_cli_add_date_member (builder, "effective", lt_policy_get_effective_date (policy));
  lt_cli_add_date_member (builder, "updated", lt_policy_get_updated_date (policy));
  lt_cli_add_int_member (builder, "review_interval_months", lt_policy_get_review_interval_months (policy));
  lt_cli_add_date_member (builder, "next_review", &facts->next_review);
  lt_cli_add_boolean_member (builder, "review_overdue", facts->review_overdue);

  json_builder_set_member_name (builder, "tiers");
  json_builder_begin_array (builder);
  for (int tier = 0; tier < LT_N_TIERS; tier++)
    {
      const char * const *channels = lt_policy_get_tier_channels (policy, tier);

      json_builder_begin_object (builder);
      lt_cli_add_string_member (builder, "id", lt_enum_to_nick (LT_TYPE_TIER, tier));
      lt_cli_add_string_member (builder, "name", lt_policy_get_tier_name (policy, tier));
      json_builder_set_member_name (builder, "channels");
      json_builder_begin_array (builder);
      for (guint i = 0; channels != NULL && channels[i] != NULL; i++)
        json_builder_add_string_value (builder, channels[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "sla");
  json_builder_begin_object (builder);
  lt_cli_add_boolean_member (builder, "is_default", lt_policy_get_sla_is_default (policy));
  json_builder_set_member_name (builder, "at_risk_fraction");
  json_builder_add_double_value (builder, lt_policy_get_sla_at_risk_fraction (policy));
  json_builder_set_member_name (builder, "response_minutes");
  json_builder_begin_object (builder);
  for (int tier = 0; tier < LT_N_TIERS; tier++)
    {
      json_builder_set_member_name (builder, lt_enum_to_nick (LT_TYPE_TIER, tier));
      json_builder_begin_object (builder);
      for (int severity = 0; severity < LT_N_SEVERITIES; severity++)
        {
          guint minutes;

          json_builder_set_member_name (builder, lt_enum_to_nick (LT_TYPE_SEVERITY, severity));
          if (lt_policy_get_response_minutes (policy, tier, severity, &minutes))
            json_builder_add_int_value (builder, minutes);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "calendar");
  json_builder_begin_object (builder);
  lt_cli_add_string_member (builder, "time_zone", lt_business_calendar_get_time_zone_id (calendar));
  json_builder_set_member_name (builder, "business_days");
  json_builder_begin_array (builder);
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    if (weekdays & (1u << day))
      json_builder_add_string_value (builder, weekday_ids[day]);
  json_builder_end_array (builder);
  lt_cli_add_string_member (builder, "opens", opens);
  lt_cli_add_string_member (builder, "closes", closes);
  lt_cli_add_int_member (builder, "year", g_date_get_year (&facts->today));
  json_builder_set_member_name (builder, "holidays");
  lt_cli_build_holidays (builder, facts->holidays);
  json_builder_set_member_name (builder, "extra_closures");
  json_builder_begin_array (builder);
  closures = lt_business_calendar_get_closures (calendar, &n_closures);
  for (guint i = 0; i < n_closures; i++)
    {
      json_builder_begin_object (builder);
      lt_cli_add_date_member (builder, "date", &closures[i].date);
      lt_cli_add_string_member (builder, "name", closures[i].name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "lead_times");
  json_builder_begin_object (builder);
  lt_cli_add_int_member (builder, "change_notice_business_days",
                  lt_policy_get_change_lead_business_days (policy));
  lt_cli_add_int_member (builder, "emergency_notice_minutes",
                  lt_policy_get_emergency_notice_minutes (policy));
  json_builder_set_member_name (builder, "maintenance_reminder_minutes");
  json_builder_begin_array (builder);
  leads = lt_policy_get_reminder_lead_minutes (policy, &n_leads);
  for (guint i = 0; i < n_leads; i++)
    json_builder_add_int_value (builder, leads[i]);
  json_builder_end_array (builder);
  lt_cli_add_int_member (builder, "auto_close_business_days",
                  lt_policy_get_auto_close_business_days (policy));
  lt_cli_add_int_member (builder, "reopen_business_days",
                  lt_policy_get_reopen_business_days (policy));
  json_builder_end_object (builder);

  /* The document itself, so that a script can save it, edit it and pass
   * it back with --policy. */
  json_builder_set_member_name (builder, "document");
  json_builder_add_value (builder, json_node_copy (lt_policy_get_json (policy)));
  json_builder_end_object (builder);
}

static void
print_sla_table (LtPolicy *policy)
{
  const char *headings[LT_N_SEVERITIES] = { "S1", "S2", "S3", _("Feature") };
  int name_width = g_utf8_strlen (_("Tier"), -1);
  int column_width = 0;

  for (int tier = 0; tier < LT_N_TIERS; tier++)
    name_width = MAX (name_width, g_utf8_strlen (lt_policy_get_tier_name (policy, tier), -1));
  for (int severity = 0; severity < LT_N_SEVERITIES; severity++)
    column_width = MAX (column_width, g_utf8_strlen (headings[severity], -1));
  column_width = MAX (column_width, 5);

  /* Padding is computed in characters so translated names line up. */
  g_print ("  %s%*s", _("Tier"), name_width - (int) g_utf8_strlen (_("Tier"), -1), "");
  for (int severity = 0; severity < LT_N_SEVERITIES; severity++)
    g_print ("  %*s%s", column_width - (int) g_utf8_strlen (headings[severity], -1), "",
             headings[severity]);
  g_print ("\n");

  for (int tier = 0; tier < LT_N_TIERS; tier++)
    {
      const char *name = lt_policy_get_tier_name (policy, tier);

      g_print ("  %s%*s", name, name_width - (int) g_utf8_strlen (name, -1), "");
      for (int severity = 0; severity < LT_N_SEVERITIES; severity++)
        {
          guint minutes;
          g_autofree char *cell = NULL;

          if (lt_policy_get_response_minutes (policy, tier, severity, &minutes))
            cell = g_strdup_printf ("%u", minutes);
          else
            cell = g_strdup (_("none"));
          g_print ("  %*s%s", column_width - (int) g_utf8_strlen (cell, -1), "", cell);
        }
      g_print ("\n");
    }
}

static void
print_human (LtCli       *cli,
             LtPolicy    *policy,
             PolicyFacts *facts)
{
  LtBusinessCalendar *calendar = lt_policy_get_calendar (policy);
  guint weekdays = lt_business_calendar_get_business_weekdays (calendar);
  g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
  g_autoptr(GString) days = g_string_new (NULL);
  g_autoptr(GString) leads_text = g_string_new (NULL);
  g_autofree char *effective = lt_cli_describe_date (lt_policy_get_effective_date (policy));
  g_autofree char *updated = lt_cli_describe_date (lt_policy_get_updated_date (policy));
  g_autofree char *next_review = lt_cli_describe_date (&facts->next_review);
  g_autofree char *opens = lt_cli_format_minute_of_day (lt_business_calendar_get_opens_minute (calendar));
  g_autofree char *closes = lt_cli_format_minute_of_day (lt_business_calendar_get_closes_minute (calendar));
  g_autofree char *source = NULL;
  g_autofree char *holidays_label = NULL;
  const LtClosure *closures;
  guint n_closures = 0;
  const guint *leads;
  guint n_leads = 0;
  guint value;

  if (cli->policy_path != NULL)
    source = g_filename_display_name (cli->policy_path);
  else
    source = g_strdup (_("bundled default"));

  {
    /* The title of a policy the portal sent: one line. */
    g_autofree char *title = lt_text_dup_displayable (lt_policy_get_title (policy), LT_TEXT_SINGLE_LINE);

    g_print ("%s\n", title);
  }
  lt_cli_fields_add (fields, _("Source"), "%s", source);
  lt_cli_fields_add (fields, _("Effective"), "%s", effective);
  lt_cli_fields_add (fields, _("Last updated"), "%s", updated);
  if (facts->review_overdue)
    lt_cli_fields_add (fields, _("Next review"), _("%s, overdue"), next_review);
  else
    lt_cli_fields_add (fields, _("Next review"), "%s", next_review);
  lt_cli_fields_print_indented (fields, 2);

  g_print ("\n%s\n", _("Support tiers"));
  g_ptr_array_set_size (fields, 0);
  for (int tier = 0; tier < LT_N_TIERS; tier++)
    {
      const char * const *channels = lt_policy_get_tier_channels (policy, tier);
      g_autofree char *joined = channels != NULL ? g_strjoinv (", ", (char **) channels) : g_strdup ("");

      lt_cli_fields_add (fields, lt_policy_get_tier_name (policy, tier), "%s", joined);
    }
  lt_cli_fields_print_indented (fields, 2);

  g_print ("\n%s\n", lt_policy_get_sla_is_default (policy)
           ? _("First-response targets in business minutes (per your contract; defaults)")
           : _("First-response targets in business minutes (per your contract)"));
  print_sla_table (policy);

  g_print ("\n%s\n", _("Business calendar"));
  g_ptr_array_set_size (fields, 0);
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    if (weekdays & (1u << day))
      {
        g_autofree char *name = dup_weekday_name (day);

        g_string_append_printf (days, "%s%s", days->len ? ", " : "", name);
      }
  lt_cli_fields_add (fields, _("Time zone"), "%s", lt_business_calendar_get_time_zone_id (calendar));
  lt_cli_fields_add (fields, _("Business days"), "%s", days->str);
  /* TRANSLATORS: opening and closing time, e.g. "08:00–17:00" */
  lt_cli_fields_add (fields, _("Hours"), _("%s–%s"), opens, closes);
  holidays_label = g_strdup_printf (_("Holidays %d"), g_date_get_year (&facts->today));
  lt_cli_fields_add (fields, holidays_label, "%u", facts->holidays->len);
  lt_cli_fields_print_indented (fields, 2);
  for (guint i = 0; i < facts->holidays->len; i++)
    {
      const LtHoliday *h = &g_array_index (facts->holidays, LtHoliday, i);
      g_autofree char *date = describe_short_date (&h->date);

      if (h->observed)
        g_print ("    %s  %s %s\n", date, h->name, _("(observed)"));
      else
        g_print ("    %s  %s\n", date, h->name);
    }
  closures = lt_business_calendar_get_closures (calendar, &n_closures);
  if (n_closures > 0)
    {
      g_print ("  %s\n", _("Extra closures:"));
      for (guint i = 0; i < n_closures; i++)
        {
          g_autofree char *date = describe_short_date (&closures[i].date);

          g_print ("    %s  %s\n", date, closures[i].name);
        }
    }

  g_print ("\n%s\n", _("Lead times"));
  g_ptr_array_set_size (fields, 0);
  value = lt_policy_get_change_lead_business_days (policy);
  lt_cli_fields_add (fields, _("Change notice"),
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%u business day before the planned start",
                                  "%u business days before the planned start", value), value);
  value = lt_policy_get_emergency_notice_minutes (policy);
  lt_cli_fields_add (fields, _("Emergency maintenance notice"),
                     g_dngettext (GETTEXT_PACKAGE,
                                  "at least %u minute before it starts",
                                  "at least %u minutes before it starts", value), value);
  leads = lt_policy_get_reminder_lead_minutes (policy, &n_leads);
  for (guint i = 0; i < n_leads; i++)
    g_string_append_printf (leads_text, "%s%u", i ? ", " : "", leads[i]);
  lt_cli_fields_add (fields, _("Maintenance reminders"),
                     _("%s minutes before the start"), n_leads ? leads_text->str : _("none"));
  value = lt_policy_get_auto_close_business_days (policy);
  lt_cli_fields_add (fields, _("Auto-close"),
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%u business day without an answer",
                                  "%u business days without an answer", value), value);
  value = lt_policy_get_reopen_business_days (policy);
  lt_cli_fields_add (fields, _("Reopen"),
                     g_dngettext (GETTEXT_PACKAGE,
                                  "within %u business day of closing",
                                  "within %u business days of closing", value), value);
  lt_cli_fields_print_indented (fields, 2);
}

int
lt_cli_policy_show_run (LtCli  *cli,
                        int     argc,
                        char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(PolicyFacts) facts = { 0 };
  LtPolicy *policy;

  context = lt_cli_context_new (cli, NULL,
                                _("Prints the policy in effect: the bundled default, or "
                                  "the file given with --policy."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      (policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);

  collect_facts (policy, &facts);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      build_json (cli, policy, &facts, builder);
      lt_cli_print_json (builder);
    }
  else
    {
      print_human (cli, policy, &facts);
    }
  return LT_CLI_EXIT_OK;
}

/* How often the shipped timers sync during business hours: often enough
 * that a quarter of an S1 target (R4's at-risk share of 60 minutes) is
 * not missed, rare enough to leave the portal alone. */
#define ON_CALENDAR_EVERY_MINUTES 15

int
lt_cli_policy_on_calendar_run (LtCli  *cli,
                               int     argc,
                               char  **argv)
{
  g_autofree char *every_text = NULL;
  gboolean drop_in = FALSE;
  const GOptionEntry entries[] = {
    { "every", 0, 0, G_OPTION_ARG_STRING, &every_text,
      N_("Run every N minutes from the opening (default 15)"), N_("N") },
    { "drop-in", 0, 0, G_OPTION_ARG_NONE, &drop_in,
      N_("Print a [Timer] drop-in that replaces the shipped timer's hours"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) expressions = NULL;
  guint every = ON_CALENDAR_EVERY_MINUTES;
  LtPolicy *policy;

  context = lt_cli_context_new (cli, NULL,
                                _("Prints the business hours of the policy in effect as systemd "
                                  "calendar expressions, one per line, for the OnCalendar= lines "
                                  "of a timer: every N minutes from opening to closing time on "
                                  "business days, in the vendor's time zone. Holidays cannot be "
                                  "expressed: the timer runs on them too. The timers LockThreat "
                                  "Support installs are made with it from the bundled policy."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      (every_text != NULL && !lt_cli_parse_uint ("--every", every_text, 24 * 60, &every, &error)))
    return lt_cli_fail (cli, error);
  if (every == 0)
    {
      lt_cli_set_usage_error (cli, &error, _("--every: the interval must be at least 1 minute"));
      return lt_cli_fail (cli, error);
    }
  if ((policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);

  expressions = lt_business_calendar_dup_on_calendar (lt_policy_get_calendar (policy), every);
  if (expressions[0] == NULL)
    {
      g_printerr ("ltsupport: %s\n", _("the policy has no business days"));
      return LT_CLI_EXIT_NO;
    }
  if (drop_in)
    {
      /* An empty OnCalendar= first: it clears the shipped unit's lines
       * instead of adding to them. */
      g_print ("[Timer]\nOnCalendar=\n");
      for (guint i = 0; expressions[i] != NULL; i++)
        g_print ("OnCalendar=%s\n", expressions[i]);
    }
  else
    {
      for (guint i = 0; expressions[i] != NULL; i++)
        g_print ("%s\n", expressions[i]);
    }
  return LT_CLI_EXIT_OK;
}
