/* lt-cli-calendar.c: ltsupport calendar add-business-days | is-business-day | holidays
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-business-calendar.h"
#include "lt-date-util.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

/* GDate's range: a year outside it cannot be represented, so it is bad
 * input rather than an empty list. */
#define MAX_YEAR 9999

int
lt_cli_calendar_add_business_days_run (LtCli  *cli,
                                       int     argc,
                                       char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "DATE", "N" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  LtPolicy *policy;
  GDate date, result;
  guint n;
  g_autofree char *result_text = NULL;

  context = lt_cli_context_new (cli, "DATE N",
                                _("Prints the date N business days after DATE in the "
                                  "vendor calendar. When DATE is not a business day it is "
                                  "first moved to the next one; N = 0 gives that day."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error) ||
      !lt_cli_parse_date ("DATE", argv[1], &date, &error) ||
      !lt_cli_parse_uint ("N", argv[2], G_MAXUINT16, &n, &error) ||
      (policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);

  /* The calendar gives no date past the year 9999, which DATE accepts
   * back, so a script can feed the output in again. */
  lt_business_calendar_add_business_days (lt_policy_get_calendar (policy), &date, n, &result);
  if (!g_date_valid (&result))
    {
      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("N: “%s” business days after %s falls after the year %d"),
                   argv[2], argv[1], MAX_YEAR);
      return lt_cli_fail (cli, error);
    }
  result_text = lt_date_format (&result);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lt_cli_add_date_member (builder, "date", &date);
      lt_cli_add_int_member (builder, "business_days", n);
      lt_cli_add_string_member (builder, "result", result_text);
      json_builder_end_object (builder);
      lt_cli_print_json (builder);
    }
  else
    {
      g_print ("%s\n", result_text);
    }
  return LT_CLI_EXIT_OK;
}

int
lt_cli_calendar_is_business_day_run (LtCli  *cli,
                                     int     argc,
                                     char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "DATE" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  LtPolicy *policy;
  LtBusinessCalendar *calendar;
  GDate date;
  gboolean open;
  g_autofree char *reason = NULL;

  context = lt_cli_context_new (cli, "DATE",
                                _("Prints “yes” when the vendor is open on DATE (exit 0), "
                                  "else “no” (exit 1) and the reason on standard error."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error) ||
      !lt_cli_parse_date ("DATE", argv[1], &date, &error) ||
      (policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);

  calendar = lt_policy_get_calendar (policy);
  open = lt_business_calendar_is_business_day (calendar, &date);
  if (!open)
    reason = lt_business_calendar_dup_closure_reason (calendar, &date);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lt_cli_add_string_member (builder, "date", argv[1]);
      lt_cli_add_boolean_member (builder, "business_day", open);
      lt_cli_add_string_member (builder, "reason", reason);
      json_builder_end_object (builder);
      lt_cli_print_json (builder);
    }
  else
    {
      /* stdout stays exactly "yes" or "no" for scripts; the why is for
       * the person watching. */
      g_print ("%s\n", open ? "yes" : "no");
      if (reason != NULL)
        g_printerr (_("%s is not a business day: %s\n"), argv[1], reason);
    }
  return open ? LT_CLI_EXIT_OK : LT_CLI_EXIT_NO;
}

int
lt_cli_calendar_holidays_run (LtCli  *cli,
                              int     argc,
                              char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "YEAR" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) holidays = NULL;
  LtPolicy *policy;
  guint year;

  context = lt_cli_context_new (cli, "YEAR",
                                _("Prints the days the vendor is closed for a holiday in "
                                  "YEAR, one per line: the observed date, a tab, the name."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error))
    return lt_cli_fail (cli, error);
  /* One message for every year refused, 0 and 10000 alike (the number
   * parser's own would give the range 0–9999 for one of them). */
  if (!lt_cli_parse_uint ("YEAR", argv[1], MAX_YEAR, &year, NULL) || year < 1)
    {
      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("YEAR: “%s” is not a year between 1 and %d"), argv[1], MAX_YEAR);
      return lt_cli_fail (cli, error);
    }
  if ((policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);

  holidays = lt_business_calendar_list_holidays (lt_policy_get_calendar (policy), (int) year);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      lt_cli_build_holidays (builder, holidays);
      lt_cli_print_json (builder);
    }
  else
    {
      for (guint i = 0; i < holidays->len; i++)
        {
          const LtHoliday *h = &g_array_index (holidays, LtHoliday, i);
          g_autofree char *date = lt_date_format (&h->date);

          /* TRANSLATORS: a holiday moved off a weekend, e.g. "Christmas Day (observed)" */
          if (h->observed)
            g_print (_("%s\t%s (observed)\n"), date, h->name);
          else
            g_print ("%s\t%s\n", date, h->name);
        }
    }
  return LT_CLI_EXIT_OK;
}
