/* lt-cli-maintenance.c: ltsupport maintenance list
 *
 * The vendor's maintenance windows as the last sync stored them, with the
 * policy's verdicts from core: an emergency window announced with less
 * notice than the policy asks for is flagged, and the reminders are those
 * core computes for now (R9). --ics exports the same windows as an
 * iCalendar file (lt-icalendar.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-cli-actions.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-icalendar.h"
#include "lt-maintenance-window.h"
#include "lt-store-maintenance-windows.h"
#include "lt-text-util.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

/* --from/--to: a date is a day of the user's own calendar, the one the
 * list is printed in (from its first instant, through its last); a time
 * is RFC 3339 with an offset, as everywhere else. @end_of_day picks the
 * first instant of the next day, so a --to date includes its whole day. */
static GDateTime *
parse_bound (const char  *what,
             const char  *text,
             gboolean     end_of_day,
             GError     **error)
{
  GDate date;
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GError) date_error = NULL;

  /* "YYYY-MM-DDT…": a time. */
  if (strlen (text) > 10 && (text[10] == 'T' || text[10] == 't'))
    {
      GDateTime *instant = lt_instant_parse (text, error);

      if (instant == NULL)
        g_prefix_error (error, "%s: ", what);
      return instant;
    }

  if (!lt_date_parse (text, &date, &date_error))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("%s: “%s” is neither a date (YYYY-MM-DD) nor a time (RFC 3339 with an offset)"),
                   what, text);
      return NULL;
    }
  if (end_of_day)
    g_date_add_days (&date, 1);
  local = g_time_zone_new_local ();
  midnight = g_date_time_new (local, g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 0, 0, 0);
  /* The same range as a time given as text: midnight of 0001-01-01 east
   * of UTC is in the year 0 there, and g_date_time_to_utc() gives NULL. */
  utc = midnight != NULL ? g_date_time_to_utc (midnight) : NULL;
  if (!lt_instant_check_supported (utc, text, error))
    {
      g_prefix_error (error, "%s: ", what);
      return NULL;
    }
  return g_steal_pointer (&utc);
}

/* Whether @window is (partly) in [@from, @to); a window without an end
 * counts as the instant of its start. Windows without a start have no
 * place in time and are always listed. */
static gboolean
window_in_range (LtMaintenanceWindow *window,
                 GDateTime           *from,
                 GDateTime           *to)
{
  GDateTime *start = lt_maintenance_window_get_starts_at (window);
  GDateTime *end = lt_maintenance_window_get_ends_at (window);

  if (start == NULL)
    return TRUE;
  if (end == NULL || g_date_time_compare (end, start) < 0)
    end = start;
  if (to != NULL && g_date_time_compare (start, to) >= 0)
    return FALSE;
  if (from != NULL)
    {
      int c = g_date_time_compare (end, from);

      /* [start, end) is over once its end is not after @from; a window
       * without an end is over once its start is before @from. */
      if (end == start ? c < 0 : c <= 0)
        return FALSE;
    }
  return TRUE;
}

/* One window as `maintenance list --json` prints it; `change-notice
 * check --json` prints its overlaps so too. */
void
lt_cli_build_maintenance_window (JsonBuilder         *builder,
                                 LtMaintenanceWindow *window,
                                 LtPolicy            *policy,
                                 GDateTime           *now)
{
  g_autofree char *warning = NULL;
  g_autoptr(GPtrArray) reminders = lt_maintenance_window_dup_reminder_instants (window, policy, now);
  gint64 short_by = 0;
  gboolean is_short = lt_maintenance_window_is_notice_short (window, policy, &short_by, &warning);

  json_builder_begin_object (builder);
  lt_cli_add_string_member (builder, "id", lt_maintenance_window_get_id (window));
  lt_cli_add_string_member (builder, "kind",
                            lt_enum_to_nick (LT_TYPE_MAINTENANCE_KIND, lt_maintenance_window_get_kind (window)));
  lt_cli_add_string_member (builder, "title", lt_maintenance_window_get_title (window));
  lt_cli_add_string_member (builder, "description", lt_maintenance_window_get_description (window));
  lt_cli_add_instant_member (builder, "starts_at", lt_maintenance_window_get_starts_at (window));
  lt_cli_add_instant_member (builder, "ends_at", lt_maintenance_window_get_ends_at (window));
  lt_cli_add_instant_member (builder, "announced_at", lt_maintenance_window_get_announced_at (window));
  lt_cli_add_string_member (builder, "affects",
                            lt_enum_to_nick (LT_TYPE_MAINTENANCE_AFFECTS, lt_maintenance_window_get_affects (window)));
  lt_cli_add_boolean_member (builder, "notice_short", is_short);
  json_builder_set_member_name (builder, "notice_short_by_seconds");
  if (is_short)
    json_builder_add_int_value (builder, short_by);
  else
    json_builder_add_null_value (builder);
  lt_cli_add_string_member (builder, "notice_warning", is_short ? warning : NULL);
  json_builder_set_member_name (builder, "reminders");
  json_builder_begin_array (builder);
  for (guint i = 0; reminders != NULL && i < reminders->len; i++)
    {
      g_autofree char *text = lt_instant_format (g_ptr_array_index (reminders, i));

      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_window (LtMaintenanceWindow *window,
              LtPolicy            *policy,
              GDateTime           *now)
{
  g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
  g_autoptr(GPtrArray) reminders = lt_maintenance_window_dup_reminder_instants (window, policy, now);
  g_autofree char *warning = NULL;
  g_autofree char *starts = lt_cli_format_local_instant (lt_maintenance_window_get_starts_at (window),
                                                         _("not scheduled yet"));
  /* One line: a title from the portal must not draw lines of its own. */
  g_autofree char *title = lt_text_dup_displayable (lt_maintenance_window_get_title (window),
                                                    LT_TEXT_SINGLE_LINE);
  const char *description = lt_maintenance_window_get_description (window);
  LtMaintenanceKind kind = lt_maintenance_window_get_kind (window);

  g_print ("%s  %s\n", lt_maintenance_window_get_id (window), title);
  lt_cli_fields_add (fields, _("Kind"), "%s", lt_enum_to_nick (LT_TYPE_MAINTENANCE_KIND, kind));
  lt_cli_fields_add (fields, _("Starts"), "%s", starts);
  if (lt_maintenance_window_get_ends_at (window) != NULL)
    {
      g_autofree char *ends = lt_cli_format_local_instant (lt_maintenance_window_get_ends_at (window), NULL);

      lt_cli_fields_add (fields, _("Ends"), "%s", ends);
    }
  lt_cli_fields_add (fields, _("Affects"), "%s",
                     lt_enum_to_nick (LT_TYPE_MAINTENANCE_AFFECTS, lt_maintenance_window_get_affects (window)));
  if (lt_maintenance_window_get_announced_at (window) != NULL)
    {
      g_autofree char *announced = lt_cli_format_local_instant (lt_maintenance_window_get_announced_at (window),
                                                                NULL);

      lt_cli_fields_add (fields, _("Announced"), "%s", announced);
    }
  if (lt_maintenance_window_is_notice_short (window, policy, NULL, &warning))
    lt_cli_fields_add (fields, _("Short notice"), "%s", warning);
  if (reminders != NULL && reminders->len > 0)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; i < reminders->len; i++)
        {
          g_autofree char *at = lt_cli_format_local_instant (g_ptr_array_index (reminders, i), NULL);

          g_string_append_printf (joined, "%s%s", i > 0 ? ", " : "", at);
        }
      lt_cli_fields_add (fields, _("Reminders"), "%s", joined->str);
    }
  if (description != NULL && *description != '\0')
    lt_cli_fields_add (fields, _("Details"), "%s", description);
  lt_cli_fields_print_indented (fields, 2);
}

int
lt_cli_maintenance_list_run (LtCli  *cli,
                             int     argc,
                             char  **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *ics_path = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("Windows that end after this day (YYYY-MM-DD, your time zone) or time (default: now)"),
      N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("Windows that start before the end of this day or before this time"), N_("DATE") },
    { "ics", 0, 0, G_OPTION_ARG_FILENAME, &ics_path,
      N_("Also save the windows as an iCalendar file (“-”: print it instead of the list)"), N_("FILE") },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GListStore) shown = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  LtStore *store;
  LtPolicy *policy;
  guint n;

  context = lt_cli_context_new (cli, NULL,
                                _("Lists LockThreat's maintenance windows as the last sync stored "
                                  "them, earliest first, in your time zone: by default those not "
                                  "over yet. An emergency window announced with less notice than "
                                  "the policy asks for (§10) is flagged, and the reminders due are "
                                  "listed."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      (from_text != NULL && (from = parse_bound ("--from", from_text, FALSE, &error)) == NULL) ||
      (to_text != NULL && (to = parse_bound ("--to", to_text, TRUE, &error)) == NULL))
    return lt_cli_fail (cli, error);
  if (from == NULL)
    from = g_date_time_ref (now);
  if (to != NULL && g_date_time_compare (to, from) <= 0)
    {
      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("--to: “%s” is not after the start of the range"), to_text);
      return lt_cli_fail (cli, error);
    }

  if ((store = lt_cli_get_store_for_reading (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
      (windows = lt_store_load_maintenance_windows (store, &error)) == NULL)
    return lt_cli_fail (cli, error);

  for (guint i = 0; i < windows->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (windows, i);

      if (window_in_range (window, from, to))
        g_list_store_append (shown, window);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (shown));

  if (ics_path != NULL)
    {
      g_autofree char *calendar = lt_icalendar_export_maintenance_windows (G_LIST_MODEL (shown),
                                                                           policy, now);

      if (g_str_equal (ics_path, "-"))
        {
          /* The calendar is the output: CRLF and all, nothing else. */
          fwrite (calendar, 1, strlen (calendar), stdout);
          return LT_CLI_EXIT_OK;
        }
      if (!g_file_set_contents (ics_path, calendar, -1, &error))
        {
          g_prefix_error (&error, "--ics: ");
          return lt_cli_fail (cli, error);
        }
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LtMaintenanceWindow) window = g_list_model_get_item (G_LIST_MODEL (shown), i);

          lt_cli_build_maintenance_window (builder, window, policy, now);
        }
      json_builder_end_array (builder);
      lt_cli_print_json (builder);
      return LT_CLI_EXIT_OK;
    }

  if (n == 0)
    g_print ("%s\n", _("No maintenance windows in that range."));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtMaintenanceWindow) window = g_list_model_get_item (G_LIST_MODEL (shown), i);

      if (i > 0)
        g_print ("\n");
      print_window (window, policy, now);
    }
  if (ics_path != NULL)
    {
      g_autofree char *display = g_filename_display_name (ics_path);
      guint n_events = 0;

      /* A window without a start cannot be a calendar event. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LtMaintenanceWindow) window = g_list_model_get_item (G_LIST_MODEL (shown), i);

          if (lt_maintenance_window_get_starts_at (window) != NULL)
            n_events++;
        }
      g_print ("\n");
      g_print (g_dngettext (GETTEXT_PACKAGE, "Saved %u window to %s (iCalendar).\n",
                            "Saved %u windows to %s (iCalendar).\n", n_events), n_events, display);
    }
  return LT_CLI_EXIT_OK;
}
