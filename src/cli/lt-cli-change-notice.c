/* lt-cli-change-notice.c: ltsupport change-notice check|submit|draft|send-draft|
 *   delete-draft|list|show|withdraw|reschedule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-cli-actions.h"
#include "lt-actions.h"
#include "lt-business-calendar.h"
#include "lt-change-notice.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-rules.h"
#include "lt-store-change-notices.h"
#include "lt-store-maintenance-windows.h"
#include "lt-text-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- change-notice check ---------------------------------------------------- */

/* What `change-notice check` found, computed before anything is printed. */
typedef struct
{
  GDate                notice;
  GDate                start;
  GDateTime           *span_start;   /* the change, as the overlap rule sees it */
  GDateTime           *span_end;
  LtChangeNoticeCheck  check;
  gboolean             windows_known; /* there is a local store to ask */
  GPtrArray           *overlapping;   /* LtMaintenanceWindow */
  GDateTime           *now;
} CheckFacts;

static void
check_facts_clear (CheckFacts *facts)
{
  g_clear_pointer (&facts->span_start, g_date_time_unref);
  g_clear_pointer (&facts->span_end, g_date_time_unref);
  lt_change_notice_check_clear (&facts->check);
  g_clear_pointer (&facts->overlapping, g_ptr_array_unref);
  g_clear_pointer (&facts->now, g_date_time_unref);
}

/* The first instant of the vendor-local day after @date: the end of a
 * change given as whole days. */
static GDateTime *
dup_end_of_day (const char          *what,
                LtBusinessCalendar  *calendar,
                const GDate         *date,
                GError             **error)
{
  GDate next = *date;
  GDateTime *end;

  if (g_date_get_year (&next) >= 9999 && g_date_get_month (&next) == G_DATE_DECEMBER &&
      g_date_get_day (&next) == 31)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("%s: the change must end before the year 10000"), what);
      return NULL;
    }
  g_date_add_days (&next, 1);
  end = lt_business_calendar_start_of_day (calendar, &next);
  if (end == NULL)
    g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                 _("%s: the change must end before the year 10000"), what);
  return end;
}

/* --start and --end: a vendor-local date (the whole day) or an RFC 3339
 * time. @end: a date stands for the end of its day (--end) rather than
 * its start. */
static GDateTime *
parse_date_or_time (const char          *what,
                    const char          *text,
                    LtBusinessCalendar  *calendar,
                    gboolean             end,
                    GError             **error)
{
  GDateTime *instant;
  GDate date;

  if (strlen (text) == 10 && text[4] == '-')
    {
      if (!lt_cli_parse_date (what, text, &date, error))
        return NULL;
      if (end)
        return dup_end_of_day (what, calendar, &date, error);
      instant = lt_business_calendar_start_of_day (calendar, &date);
      if (instant == NULL)
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                     _("%s: “%s” has no start in the vendor's time zone"), what, text);
      return instant;
    }
  instant = lt_instant_parse (text, error);
  if (instant == NULL)
    g_prefix_error (error, "%s: ", what);
  return instant;
}

/* The known maintenance windows that the change overlaps, by the rule the
 * app's change-notice dialog uses (lt_change_notice_find_overlapping_windows()).
 * With no local store yet nothing is known, and the answer says so. */
static gboolean
find_overlaps (LtCli       *cli,
               CheckFacts  *facts,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GListStore) model = NULL;
  g_autoptr(LtChangeNotice) change = NULL;
  LtStore *store;

  if ((store = lt_cli_get_store_for_reading (cli, &local_error)) == NULL)
    {
      if (!cli->no_local_data)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Not an answer of this command: the lead time still is. */
      cli->no_local_data = FALSE;
      facts->windows_known = FALSE;
      facts->overlapping = g_ptr_array_new_with_free_func (g_object_unref);
      return TRUE;
    }
  if ((windows = lt_store_load_maintenance_windows (store, error)) == NULL)
    return FALSE;

  model = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  for (guint i = 0; i < windows->len; i++)
    g_list_store_append (model, g_ptr_array_index (windows, i));
  change = lt_change_notice_new ();
  lt_change_notice_set_planned_start (change, facts->span_start);
  lt_change_notice_set_planned_end (change, facts->span_end);
  facts->windows_known = TRUE;
  facts->overlapping = lt_change_notice_find_overlapping_windows (change, G_LIST_MODEL (model));
  return TRUE;
}

static void
print_check_json (CheckFacts *facts,
                  LtPolicy   *policy)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  lt_cli_add_date_member (builder, "notice", &facts->notice);
  lt_cli_add_date_member (builder, "start", &facts->start);
  lt_cli_add_date_member (builder, "earliest_start", &facts->check.earliest_start);
  lt_cli_add_boolean_member (builder, "late", facts->check.late);
  lt_cli_add_int_member (builder, "business_days_short", facts->check.business_days_short);
  {
    g_autoptr(GDateTime) start_utc = g_date_time_to_utc (facts->span_start);
    g_autoptr(GDateTime) end_utc = g_date_time_to_utc (facts->span_end);

    /* Scripts get UTC, as every instant of --json. */
    lt_cli_add_instant_member (builder, "planned_start", start_utc);
    lt_cli_add_instant_member (builder, "planned_end", end_utc);
  }
  lt_cli_add_boolean_member (builder, "maintenance_windows_known", facts->windows_known);
  json_builder_set_member_name (builder, "overlaps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < facts->overlapping->len; i++)
    lt_cli_build_maintenance_window (builder, g_ptr_array_index (facts->overlapping, i),
                                     policy, facts->now);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  lt_cli_print_json (builder);
}

static char *format_span (GDateTime *start, GDateTime *end);

static void
print_check_text (CheckFacts *facts,
                  LtPolicy   *policy)
{
  g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
  g_autofree char *notice_desc = lt_cli_describe_date (&facts->notice);
  g_autofree char *start_desc = lt_cli_describe_date (&facts->start);
  g_autofree char *earliest_desc = lt_cli_describe_date (&facts->check.earliest_start);
  g_autofree char *span = format_span (facts->span_start, facts->span_end);
  guint lead = lt_policy_get_change_lead_business_days (policy);

  lt_cli_fields_add (fields, _("Notice"), "%s", notice_desc);
  lt_cli_fields_add (fields, _("Planned start"), "%s", start_desc);
  lt_cli_fields_add (fields, _("Lead time"),
                     g_dngettext (GETTEXT_PACKAGE, "%u business day",
                                  "%u business days", lead), lead);
  lt_cli_fields_add (fields, _("Earliest start"), "%s", earliest_desc);
  lt_cli_fields_add (fields, _("Change"), "%s", span);
  if (!facts->windows_known)
    lt_cli_fields_add (fields, _("Maintenance"), "%s",
                       _("not checked: no local data yet (“ltsupport sync” fetches the windows)"));
  else if (facts->overlapping->len == 0)
    lt_cli_fields_add (fields, _("Maintenance"), "%s", _("no known window overlaps"));
  for (guint i = 0; i < facts->overlapping->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (facts->overlapping, i);
      g_autofree char *window_span = format_span (lt_maintenance_window_get_starts_at (window),
                                                  lt_maintenance_window_get_ends_at (window));

      lt_cli_fields_add (fields, _("Overlaps"), "%s (%s, %s)",
                         lt_maintenance_window_get_title (window) ?: lt_maintenance_window_get_id (window),
                         lt_enum_to_nick (LT_TYPE_MAINTENANCE_KIND, lt_maintenance_window_get_kind (window)),
                         window_span);
    }
  if (facts->check.late)
    lt_cli_fields_add (fields, _("Result"),
                       g_dngettext (GETTEXT_PACKAGE,
                                    "late, %u business day short",
                                    "late, %u business days short",
                                    facts->check.business_days_short),
                       facts->check.business_days_short);
  else if (facts->overlapping->len > 0)
    lt_cli_fields_add (fields, _("Result"), "%s", _("on time, but during a maintenance window"));
  else
    lt_cli_fields_add (fields, _("Result"), "%s", _("ok"));
  lt_cli_fields_print (fields);

  if (facts->check.warning != NULL)
    g_print ("\n%s\n", facts->check.warning);
}

int
lt_cli_change_notice_check_run (LtCli  *cli,
                                int     argc,
                                char  **argv)
{
  g_autofree char *notice_text = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  g_autofree char *now_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "notice", 0, 0, G_OPTION_ARG_STRING, &notice_text,
      N_("The day the notice is sent, YYYY-MM-DD or “today” (the default: today in the "
         "vendor's calendar)"), N_("DATE") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("The planned start of the change: YYYY-MM-DD (the vendor's day), or a time, RFC 3339 "
         "with an offset"), N_("DATE|TIME") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_text,
      N_("The planned end: the last day YYYY-MM-DD, or a time (default: the end of the "
         "start's day)"), N_("DATE|TIME") },
    LT_CLI_NOW_OPTION (now_text),
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  CheckFacts facts = { 0 };
  LtBusinessCalendar *calendar;
  LtPolicy *policy;
  int status;

  context = lt_cli_context_new (cli, NULL,
                                _("Checks a planned change against the policy's notice "
                                  "lead time (§6) in vendor business days, and against the "
                                  "maintenance windows in the local store. Exit status 0 "
                                  "when the notice is on time and no known window overlaps, "
                                  "1 when it is late or overlaps one."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      !lt_cli_require_option ("--start", start_text, &error) ||
      (policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);
  calendar = lt_policy_get_calendar (policy);

  if ((facts.now = lt_cli_parse_now (now_text, &error)) == NULL)
    return lt_cli_fail (cli, error);

  /* "Today" is the vendor's: late in the evening in Auckland it is
   * already tomorrow for nobody at LockThreat. */
  if (notice_text == NULL || g_str_equal (notice_text, "today"))
    lt_business_calendar_local_date (calendar, facts.now, &facts.notice);
  else if (!lt_cli_parse_date ("--notice", notice_text, &facts.notice, &error))
    return lt_cli_fail (cli, error);

  if ((facts.span_start = parse_date_or_time ("--start", start_text, calendar, FALSE, &error)) == NULL)
    {
      check_facts_clear (&facts);
      return lt_cli_fail (cli, error);
    }
  lt_business_calendar_local_date (calendar, facts.span_start, &facts.start);
  lt_rules_check_change_notice_for_policy (policy, &facts.notice, &facts.start, &facts.check);
  /* A date past 9999-12-31 would be one --start cannot take back. */
  if (!g_date_valid (&facts.check.earliest_start))
    {
      g_autofree char *notice_iso = lt_date_format (&facts.notice);

      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("--notice: a notice sent on “%s” leaves no compliant start "
                     "before the end of the year 9999"), notice_iso);
      check_facts_clear (&facts);
      return lt_cli_fail (cli, error);
    }
  facts.span_end = end_text != NULL
    ? parse_date_or_time ("--end", end_text, calendar, TRUE, &error)
    : dup_end_of_day ("--start", calendar, &facts.start, &error);
  if (facts.span_end == NULL)
    {
      check_facts_clear (&facts);
      return lt_cli_fail (cli, error);
    }
  if (g_date_time_compare (facts.span_end, facts.span_start) <= 0)
    {
      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("--end: “%s” is not after the start"), end_text);
      check_facts_clear (&facts);
      return lt_cli_fail (cli, error);
    }

  if (!find_overlaps (cli, &facts, &error))
    {
      check_facts_clear (&facts);
      return lt_cli_fail (cli, error);
    }

  if (json)
    print_check_json (&facts, policy);
  else
    print_check_text (&facts, policy);

  status = facts.check.late || facts.overlapping->len > 0 ? LT_CLI_EXIT_NO : LT_CLI_EXIT_OK;
  check_facts_clear (&facts);
  return status;
}

/* ---- change-notice submit|list|withdraw ------------------------------------ */

/* The notice named on the command line: the portal's id, or the local id
 * of one still queued. */
static LtChangeNotice *
find_notice (LtStore     *store,
             const char  *id,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LtChangeNotice *notice =
    lt_store_lookup_by_any_id (store, id,
                               (LtStoreLookupFunc) lt_store_lookup_change_notice,
                               (LtStoreLookupFunc) lt_store_lookup_change_notice_by_local_id,
                               &local_error);

  if (g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
    g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                 _("ID: there is no change notice “%s” in the local store (“ltsupport sync” fetches "
                   "the portal's)"), id);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return notice;
}

static const char *
notice_name (LtChangeNotice *notice)
{
  return lt_change_notice_get_id (notice) != NULL ? lt_change_notice_get_id (notice)
                                                  : lt_change_notice_get_local_id (notice);
}

static gboolean
parse_instant_option (const char  *what,
                      const char  *text,
                      GDateTime  **instant,
                      GError     **error)
{
  *instant = lt_instant_parse (text, error);
  if (*instant == NULL)
    {
      g_prefix_error (error, "%s: ", what);
      return FALSE;
    }
  return TRUE;
}

/* "a, b ,c" → {"a", "b", "c"}; empty names are dropped. */
static GStrv
split_systems (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) systems = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (*name != '\0')
        g_ptr_array_add (systems, g_strdup (name));
    }
  g_ptr_array_add (systems, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&systems), FALSE);
}

static char *
format_span (GDateTime *start,
             GDateTime *end)
{
  g_autofree char *from = lt_cli_format_local_instant (start, "—");
  g_autofree char *to = lt_cli_format_local_instant (end, "—");

  return g_strdup_printf (_("%s to %s"), from, to);
}

/* What giving notice asks of the admin, for a new notice and for a draft
 * alike: the R8 lead time judged now (a late notice needs the
 * acknowledgement), the vendor's maintenance windows it overlaps, and the
 * review of what goes to LockThreat; then it is queued (@draft_id: the
 * draft, queued in one transaction with its item) and sent at once when
 * the portal answers. */
static int
review_and_send (LtCli          *cli,
                 LtStore        *store,
                 LtPolicy       *policy,
                 LtChangeNotice *notice,
                 const char     *draft_id,
                 LtChangeNotice *replaces,
                 gboolean        yes,
                 gboolean        json,
                 GDateTime      *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtChangeNotice) stored = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GListStore) window_model = NULL;
  g_autoptr(GPtrArray) overlapping = NULL;
  g_autoptr(GPtrArray) acks = g_ptr_array_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = NULL;
  g_autofree char *why = NULL;
  LtChangeNoticeCheck check = { 0 };
  LtCliDelivery delivery;
  gboolean late;
  int status;

  if ((windows = lt_store_load_maintenance_windows (store, &error)) == NULL)
    return lt_cli_fail (cli, error);

  /* R8: the lead time, judged by core in the vendor's calendar with the
   * notice given now. */
  lt_change_notice_check_lead_time (notice, policy, now, &check);
  late = check.late;
  if (late)
    {
      lt_cli_warn (check.warning);
      g_ptr_array_add (warnings, g_strdup (check.warning));
      g_ptr_array_add (acks, (gpointer) _("a late notice"));
    }

  /* R8: a change during a vendor maintenance window. */
  window_model = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  for (guint i = 0; i < windows->len; i++)
    g_list_store_append (window_model, g_ptr_array_index (windows, i));
  overlapping = lt_change_notice_find_overlapping_windows (notice, G_LIST_MODEL (window_model));
  for (guint i = 0; overlapping != NULL && i < overlapping->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (overlapping, i);
      g_autofree char *span = format_span (lt_maintenance_window_get_starts_at (window),
                                           lt_maintenance_window_get_ends_at (window));
      g_autofree char *warning =
        g_strdup_printf (_("The change overlaps the LockThreat maintenance window “%s” (%s, %s)."),
                         lt_maintenance_window_get_title (window) ?: lt_maintenance_window_get_id (window),
                         lt_enum_to_nick (LT_TYPE_MAINTENANCE_KIND, lt_maintenance_window_get_kind (window)),
                         span);

      lt_cli_warn (warning);
      g_ptr_array_add (warnings, g_steal_pointer (&warning));
    }

  status = lt_cli_acknowledge (cli, acks, yes, _("Submit the late notice anyway?"), &error);
  lt_change_notice_check_clear (&check);
  if (status == LT_CLI_EXIT_NO)
    {
      g_printerr ("%s\n", _("Not submitted."));
      return status;
    }
  if (status != LT_CLI_EXIT_OK)
    return lt_cli_fail (cli, error);

  /* The notice goes to LockThreat like a ticket: the same review. */
  {
    g_autoptr(GPtrArray) outgoing = lt_cli_outgoing_new ();

    lt_cli_outgoing_add (outgoing, "--title", lt_change_notice_get_title (notice));
    lt_cli_outgoing_add (outgoing, _("the description"), lt_change_notice_get_description (notice));
    lt_cli_outgoing_add (outgoing, "--rollback-plan", lt_change_notice_get_rollback_plan (notice));
    status = lt_cli_review_outgoing (cli, outgoing, NULL, yes, _("Send it anyway?"), &error);
    if (status == LT_CLI_EXIT_NO)
      {
        g_printerr ("%s\n", _("Not submitted."));
        return status;
      }
    if (status != LT_CLI_EXIT_OK)
      return lt_cli_fail (cli, error);
  }

  /* Shown late at once; the portal's own flag replaces it when it
   * answers. */
  lt_change_notice_set_late (notice, late);

  outbox = lt_outbox_new (store);
  if (draft_id != NULL)
    key = lt_actions_send_change_notice_draft (outbox, policy, draft_id, now, NULL, &error);
  else if (replaces != NULL)
    key = lt_actions_reschedule_change_notice (outbox, policy, replaces, notice, now, &error);
  else
    key = lt_actions_submit_change_notice (outbox, policy, notice, now, &error);
  if (key == NULL)
    return lt_cli_fail_action (cli, error);

  delivery = lt_cli_deliver_now (cli, outbox, key, &why);
  stored = lt_store_lookup_change_notice_by_local_id (store, lt_change_notice_get_local_id (notice), NULL);
  if (stored == NULL)
    stored = g_object_ref (notice);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lt_cli_add_string_member (builder, "id", lt_change_notice_get_id (stored));
      lt_cli_add_string_member (builder, "local_id", lt_change_notice_get_local_id (stored));
      lt_cli_add_string_member (builder, "outbox_key", key);
      lt_cli_add_string_member (builder, "state",
                                lt_enum_to_nick (LT_TYPE_CHANGE_STATE, lt_change_notice_get_state (stored)));
      lt_cli_add_boolean_member (builder, "late", lt_change_notice_get_late (stored));
      lt_cli_add_string_member (builder, "delivery", lt_cli_delivery_to_string (delivery));
      lt_cli_add_string_member (builder, "delivery_message", why);
      json_builder_set_member_name (builder, "warnings");
      json_builder_begin_array (builder);
      for (guint i = 0; i < warnings->len; i++)
        json_builder_add_string_value (builder, g_ptr_array_index (warnings, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      lt_cli_print_json (builder);
      return delivery == LT_CLI_DELIVERY_REFUSED ? LT_CLI_EXIT_NO : LT_CLI_EXIT_OK;
    }

  if (delivery == LT_CLI_DELIVERY_SENT && replaces != NULL)
    {
      g_print (lt_change_notice_get_late (stored) ? _("Rescheduled as %s, marked late; %s is withdrawn.\n")
                                                  : _("Rescheduled as %s; %s is withdrawn.\n"),
               lt_change_notice_get_id (stored), notice_name (replaces));
      return LT_CLI_EXIT_OK;
    }
  if (delivery == LT_CLI_DELIVERY_SENT)
    {
      g_print (lt_change_notice_get_late (stored) ? _("Submitted as %s, marked late.\n")
                                                  : _("Submitted as %s.\n"),
               lt_change_notice_get_id (stored));
      return LT_CLI_EXIT_OK;
    }
  {
    g_autofree char *subject =
      g_strdup_printf (lt_change_notice_get_late (stored) ? _("Change notice %s, marked late")
                                                          : _("Change notice %s"),
                       lt_change_notice_get_local_id (stored));

    return lt_cli_report_not_sent (delivery, subject, why);
  }
}

/* The fields of a notice on the command line: `submit` and `draft` take
 * the same options. */
typedef struct
{
  char *kind_text;
  char *title;
  char *start_text;
  char *end_text;
  char *systems_text;
  char *rollback;
  char *risk_text;
  char *description_file;
} NoticeFields;

static void
notice_fields_clear (NoticeFields *fields)
{
  g_free (fields->kind_text);
  g_free (fields->title);
  g_free (fields->start_text);
  g_free (fields->end_text);
  g_free (fields->systems_text);
  g_free (fields->rollback);
  g_free (fields->risk_text);
  g_free (fields->description_file);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NoticeFields, notice_fields_clear)

#define NOTICE_FIELD_ENTRIES(f) \
  { "kind", 0, 0, G_OPTION_ARG_STRING, &(f).kind_text, \
    N_("infrastructure, database-schema, third-party or core-configuration"), N_("K") }, \
  { "title", 0, 0, G_OPTION_ARG_STRING, &(f).title, \
    N_("A one-line summary of the change"), N_("TEXT") }, \
  { "start", 0, 0, G_OPTION_ARG_STRING, &(f).start_text, \
    N_("The planned start, RFC 3339 with an offset (2026-12-03T22:00:00-05:00)"), N_("TIME") }, \
  { "end", 0, 0, G_OPTION_ARG_STRING, &(f).end_text, \
    N_("The planned end, RFC 3339 with an offset"), N_("TIME") }, \
  { "systems", 0, 0, G_OPTION_ARG_STRING, &(f).systems_text, \
    N_("The systems changed, comma-separated"), N_("A,B") }, \
  { "rollback-plan", 0, 0, G_OPTION_ARG_STRING, &(f).rollback, \
    N_("How the change is undone if it fails"), N_("TEXT") }, \
  { "risk", 0, 0, G_OPTION_ARG_STRING, &(f).risk_text, \
    N_("Your assessment: low (the default), medium or high"), N_("RISK") }, \
  { "description-file", 0, 0, G_OPTION_ARG_FILENAME, &(f).description_file, \
    N_("Read the description from FILE (“-”: standard input)"), N_("FILE") }

/* Sets on @notice every field given; @require_all: kind, title, start and
 * end must be given (a new notice), else those of a new draft (kind,
 * title, start) when @notice has none yet. */
static gboolean
apply_notice_fields (NoticeFields    *fields,
                     LtChangeNotice  *notice,
                     gboolean         require_all,
                     GError         **error)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *description = NULL;
  int kind = 0, risk = LT_RISK_LOW;
  gboolean is_new = lt_change_notice_get_local_id (notice) == NULL;

  if ((require_all || is_new) &&
      (!lt_cli_require_option ("--kind", fields->kind_text, error) ||
       !lt_cli_require_option ("--title", fields->title, error) ||
       !lt_cli_require_option ("--start", fields->start_text, error)))
    return FALSE;
  if (require_all && !lt_cli_require_option ("--end", fields->end_text, error))
    return FALSE;
  if ((fields->kind_text != NULL &&
       !lt_cli_parse_enum ("--kind", LT_TYPE_CHANGE_KIND, fields->kind_text, &kind, error)) ||
      (fields->risk_text != NULL &&
       !lt_cli_parse_enum ("--risk", LT_TYPE_RISK, fields->risk_text, &risk, error)) ||
      (fields->start_text != NULL && !parse_instant_option ("--start", fields->start_text, &start, error)) ||
      (fields->end_text != NULL && !parse_instant_option ("--end", fields->end_text, &end, error)))
    return FALSE;
  if (fields->title != NULL && *g_strstrip (fields->title) == '\0')
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT, _("--title: the title is empty"));
      return FALSE;
    }
  if (fields->description_file != NULL &&
      (description = lt_cli_read_text ("--description-file", fields->description_file, error)) == NULL)
    return FALSE;

  if (fields->kind_text != NULL)
    lt_change_notice_set_kind (notice, kind);
  if (fields->title != NULL)
    lt_change_notice_set_title (notice, fields->title);
  if (description != NULL)
    lt_change_notice_set_description (notice, description);
  if (fields->systems_text != NULL)
    {
      g_auto(GStrv) systems = split_systems (fields->systems_text);

      lt_change_notice_set_systems (notice, (const char * const *) systems);
    }
  if (start != NULL)
    lt_change_notice_set_planned_start (notice, start);
  if (end != NULL)
    lt_change_notice_set_planned_end (notice, end);
  if (fields->rollback != NULL)
    lt_change_notice_set_rollback_plan (notice, fields->rollback);
  if (fields->risk_text != NULL || is_new)
    lt_change_notice_set_risk (notice, risk);

  if (lt_change_notice_get_planned_start (notice) != NULL &&
      lt_change_notice_get_planned_end (notice) != NULL &&
      g_date_time_compare (lt_change_notice_get_planned_end (notice),
                           lt_change_notice_get_planned_start (notice)) < 0)
    {
      g_autofree char *from = lt_instant_format (lt_change_notice_get_planned_start (notice));
      g_autofree char *to = lt_instant_format (lt_change_notice_get_planned_end (notice));

      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("--end: “%s” is before the start “%s”"), to, from);
      return FALSE;
    }
  return TRUE;
}

int
lt_cli_change_notice_submit_run (LtCli  *cli,
                                 int     argc,
                                 char  **argv)
{
  g_auto(NoticeFields) fields = { 0 };
  gboolean yes = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    NOTICE_FIELD_ENTRIES (fields),
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Acknowledge the late-notice warning without asking"), NULL },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new_queued ();
  LtStore *store;
  LtPolicy *policy;

  context = lt_cli_context_new (cli, NULL,
                                _("Gives LockThreat notice of a planned change (§6). The policy asks "
                                  "for 3 business days of notice: a later notice is still sent, "
                                  "marked late, once you acknowledge that LockThreat is not liable "
                                  "for issues the change causes (at a terminal you are asked, "
                                  "otherwise give --yes). A change that overlaps a vendor "
                                  "maintenance window is warned about."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      !apply_notice_fields (&fields, notice, TRUE, &error) ||
      (store = lt_cli_get_store (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL)
    return lt_cli_fail (cli, error);

  return review_and_send (cli, store, policy, notice, NULL, NULL, yes, json, now);
}

/* A draft by its local id, or LT_ERROR_NOT_FOUND naming it. */
static LtChangeNotice *
find_draft (LtStore     *store,
            const char  *local_id,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LtChangeNotice) notice = lt_store_lookup_change_notice_by_local_id (store, local_id,
                                                                                &local_error);

  if (notice == NULL)
    {
      if (g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
        g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                     _("ID: there is no change notice draft “%s” (“ltsupport change-notice list” "
                       "shows the drafts)"), local_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (lt_change_notice_get_state (notice) != LT_CHANGE_STATE_DRAFT)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED,
                   _("ID: the change notice “%s” is not a draft: it was sent already"), local_id);
      return NULL;
    }
  return g_steal_pointer (&notice);
}

int
lt_cli_change_notice_draft_run (LtCli  *cli,
                                int     argc,
                                char  **argv)
{
  g_auto(NoticeFields) fields = { 0 };
  g_autofree char *draft_id = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    NOTICE_FIELD_ENTRIES (fields),
    { "draft", 0, 0, G_OPTION_ARG_STRING, &draft_id,
      N_("Change the draft ID instead of saving a new one"), N_("ID") },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(LtChangeNotice) notice = NULL;
  g_autofree char *last_text = NULL;
  LtChangeNoticeCheck check = { 0 };
  GDate start_date, last;
  gboolean late_now;
  LtStore *store;
  LtPolicy *policy;

  context = lt_cli_context_new (cli, NULL,
                                _("Saves a change notice as a draft with its planned start, without "
                                  "sending it, and says the last day on which sending it still gives "
                                  "the notice the policy asks for (§6). The app reminds you the day "
                                  "before; send it with “change-notice send-draft ID”."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      (store = lt_cli_get_store (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL)
    return lt_cli_fail (cli, error);

  if (draft_id != NULL)
    notice = find_draft (store, draft_id, &error);
  else
    {
      notice = lt_change_notice_new ();
      lt_change_notice_set_state (notice, LT_CHANGE_STATE_DRAFT);
    }
  if (notice == NULL ||
      !apply_notice_fields (&fields, notice, FALSE, &error) ||
      !lt_store_save_change_notice_draft (store, notice, now, &error))
    return lt_cli_fail (cli, error);

  /* R8 backwards, in the vendor's calendar: the last day a notice sent
   * is still on time, and whether sending it now would be late. */
  g_date_clear (&last, 1);
  if (lt_change_notice_get_planned_start (notice) != NULL)
    {
      lt_business_calendar_local_date (lt_policy_get_calendar (policy),
                                       lt_change_notice_get_planned_start (notice), &start_date);
      lt_rules_last_on_time_notice_date_for_policy (policy, &start_date, &last);
    }
  late_now = lt_change_notice_check_lead_time (notice, policy, now, &check) && check.late;
  lt_change_notice_check_clear (&check);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      lt_cli_add_string_member (builder, "local_id", lt_change_notice_get_local_id (notice));
      lt_cli_add_string_member (builder, "state", "draft");
      lt_cli_add_instant_member (builder, "planned_start", lt_change_notice_get_planned_start (notice));
      if (g_date_valid (&last))
        lt_cli_add_date_member (builder, "last_on_time_day", &last);
      else
        lt_cli_add_string_member (builder, "last_on_time_day", NULL);
      lt_cli_add_boolean_member (builder, "late_if_sent_now", late_now);
      json_builder_end_object (builder);
      lt_cli_print_json (builder);
      return LT_CLI_EXIT_OK;
    }

  g_print (draft_id != NULL ? _("Draft %s saved.\n") : _("Saved as draft %s.\n"),
           lt_change_notice_get_local_id (notice));
  if (!g_date_valid (&last))
    return LT_CLI_EXIT_OK;
  last_text = lt_cli_describe_date (&last);
  if (late_now)
    /* TRANSLATORS: %s is a date, "2026-12-04 (Friday, 4 December 2026)" */
    g_print (_("Sent now, the notice is late (§6): the last on-time day to send it was %s.\n"),
             last_text);
  else
    g_print (_("The last on-time day to send it: %s.\n"), last_text);
  return LT_CLI_EXIT_OK;
}

int
lt_cli_change_notice_send_draft_run (LtCli  *cli,
                                     int     argc,
                                     char  **argv)
{
  gboolean yes = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Acknowledge the late-notice warning without asking"), NULL },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "ID" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(LtChangeNotice) notice = NULL;
  LtStore *store;
  LtPolicy *policy;

  context = lt_cli_context_new (cli, "ID",
                                _("Sends a change notice draft to LockThreat, with the same checks "
                                  "and questions as “change-notice submit”: a late notice is still "
                                  "sent once you acknowledge it."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error) ||
      (store = lt_cli_get_store (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
      (notice = find_draft (store, argv[1], &error)) == NULL)
    return lt_cli_fail (cli, error);
  /* The contract needs both ends: said before any question is asked. */
  if (lt_change_notice_get_planned_end (notice) == NULL)
    {
      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("ID: the draft “%s” has no planned end yet; give it with “ltsupport "
                     "change-notice draft --draft %s --end TIME”"), argv[1], argv[1]);
      return lt_cli_fail (cli, error);
    }

  return review_and_send (cli, store, policy, notice, argv[1], NULL, yes, json, now);
}

int
lt_cli_change_notice_delete_draft_run (LtCli  *cli,
                                       int     argc,
                                       char  **argv)
{
  const GOptionEntry entries[] = {
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "ID" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  LtStore *store;

  context = lt_cli_context_new (cli, "ID",
                                _("Deletes a change notice draft; it was never sent. A notice that "
                                  "was sent is withdrawn instead (“change-notice withdraw”)."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error) ||
      (store = lt_cli_get_store (cli, &error)) == NULL ||
      !lt_store_delete_change_notice_draft (store, argv[1], &error))
    {
      if (error != NULL && error->domain == LT_ERROR && error->code == LT_ERROR_NOT_FOUND)
        {
          g_clear_error (&error);
          g_set_error (&error, LT_ERROR, LT_ERROR_NOT_FOUND,
                       _("ID: there is no change notice draft “%s” (“ltsupport change-notice list” "
                         "shows the drafts)"), argv[1]);
        }
      return lt_cli_fail (cli, error);
    }
  g_print (_("Draft %s deleted.\n"), argv[1]);
  return LT_CLI_EXIT_OK;
}

/* The JSON members `list --json` and `show --json` both give, in order:
 * what was sent, then the state and the review's outcome. */
static void
add_notice_members (JsonBuilder    *builder,
                    LtChangeNotice *notice)
{
  const char * const *systems = lt_change_notice_get_systems (notice);

  lt_cli_add_string_member (builder, "id", lt_change_notice_get_id (notice));
  lt_cli_add_string_member (builder, "local_id", lt_change_notice_get_local_id (notice));
  lt_cli_add_string_member (builder, "kind",
                            lt_enum_to_nick (LT_TYPE_CHANGE_KIND, lt_change_notice_get_kind (notice)));
  lt_cli_add_string_member (builder, "title", lt_change_notice_get_title (notice));
  lt_cli_add_string_member (builder, "description", lt_change_notice_get_description (notice));
  json_builder_set_member_name (builder, "systems");
  json_builder_begin_array (builder);
  for (guint i = 0; systems != NULL && systems[i] != NULL; i++)
    json_builder_add_string_value (builder, systems[i]);
  json_builder_end_array (builder);
  lt_cli_add_instant_member (builder, "planned_start", lt_change_notice_get_planned_start (notice));
  lt_cli_add_instant_member (builder, "planned_end", lt_change_notice_get_planned_end (notice));
  lt_cli_add_string_member (builder, "rollback_plan", lt_change_notice_get_rollback_plan (notice));
  lt_cli_add_string_member (builder, "risk",
                            lt_enum_to_nick (LT_TYPE_RISK, lt_change_notice_get_risk (notice)));
  lt_cli_add_string_member (builder, "state",
                            lt_enum_to_nick (LT_TYPE_CHANGE_STATE, lt_change_notice_get_state (notice)));
  lt_cli_add_string_member (builder, "review_outcome",
                            lt_enum_to_nick (LT_TYPE_REVIEW_OUTCOME,
                                             lt_change_notice_get_review_outcome (notice)));
}

/* The fields `list` and `show` both print of a notice: kind, planned
 * span, systems, risk, state (with the review outcome) and lateness. */
static void
add_notice_fields (GPtrArray      *fields,
                   LtChangeNotice *notice)
{
  g_autofree char *span = format_span (lt_change_notice_get_planned_start (notice),
                                       lt_change_notice_get_planned_end (notice));
  const char * const *systems = lt_change_notice_get_systems (notice);
  LtChangeState state = lt_change_notice_get_state (notice);

  lt_cli_fields_add (fields, _("Kind"), "%s",
                     lt_enum_to_nick (LT_TYPE_CHANGE_KIND, lt_change_notice_get_kind (notice)));
  lt_cli_fields_add (fields, _("Planned"), "%s", span);
  if (systems != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) systems);

      lt_cli_fields_add (fields, _("Systems"), "%s", joined);
    }
  lt_cli_fields_add (fields, _("Risk"), "%s",
                     lt_enum_to_nick (LT_TYPE_RISK, lt_change_notice_get_risk (notice)));
  if (state == LT_CHANGE_STATE_REVIEWED)
    lt_cli_fields_add (fields, _("State"), "%s (%s)", lt_enum_to_nick (LT_TYPE_CHANGE_STATE, state),
                       lt_enum_to_nick (LT_TYPE_REVIEW_OUTCOME,
                                        lt_change_notice_get_review_outcome (notice)));
  else
    lt_cli_fields_add (fields, _("State"), "%s", lt_enum_to_nick (LT_TYPE_CHANGE_STATE, state));
  lt_cli_fields_add (fields, _("Late"), "%s", lt_change_notice_get_late (notice) ? _("yes") : _("no"));
}

int
lt_cli_change_notice_list_run (LtCli  *cli,
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
  g_autoptr(GPtrArray) notices = NULL;
  LtStore *store;

  context = lt_cli_context_new (cli, NULL,
                                _("Lists your change notices: those without a planned start first, "
                                  "then the latest start first. Times are in your time zone."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      (store = lt_cli_get_store_for_reading (cli, &error)) == NULL ||
      (notices = lt_store_load_change_notices (store, &error)) == NULL)
    return lt_cli_fail (cli, error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < notices->len; i++)
        {
          LtChangeNotice *notice = g_ptr_array_index (notices, i);

          json_builder_begin_object (builder);
          add_notice_members (builder, notice);
          lt_cli_add_boolean_member (builder, "late", lt_change_notice_get_late (notice));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      lt_cli_print_json (builder);
      return LT_CLI_EXIT_OK;
    }

  if (notices->len == 0)
    {
      g_print ("%s\n", _("No change notices yet; give one with “ltsupport change-notice submit”."));
      return LT_CLI_EXIT_OK;
    }
  for (guint i = 0; i < notices->len; i++)
    {
      LtChangeNotice *notice = g_ptr_array_index (notices, i);
      g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
      g_autofree char *title = lt_text_dup_displayable (lt_change_notice_get_title (notice),
                                                        LT_TEXT_SINGLE_LINE);

      if (i > 0)
        g_print ("\n");

      g_print ("%s  %s\n", notice_name (notice), title);
      add_notice_fields (fields, notice);
      lt_cli_fields_print_indented (fields, 2);
    }
  return LT_CLI_EXIT_OK;
}

int
lt_cli_change_notice_withdraw_run (LtCli  *cli,
                                   int     argc,
                                   char  **argv)
{
  g_autofree char *reason = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why, for the reviewers"), N_("TEXT") },
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "ID" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(LtChangeNotice) notice = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autofree char *key = NULL;
  g_autofree char *why = NULL;
  LtCliDelivery delivery;
  LtStore *store;

  context = lt_cli_context_new (cli, "ID",
                                _("Withdraws a change notice (its portal id, or the local id of one "
                                  "still queued). Exit status 1 when it was withdrawn already."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error) ||
      (store = lt_cli_get_store (cli, &error)) == NULL ||
      (notice = find_notice (store, argv[1], &error)) == NULL)
    return lt_cli_fail (cli, error);

  outbox = lt_outbox_new (store);
  key = lt_actions_withdraw_change_notice (outbox, notice, reason, now, &error);
  if (key == NULL)
    {
      g_prefix_error (&error, "%s: ", notice_name (notice));
      return lt_cli_fail_action (cli, error);
    }

  delivery = lt_cli_deliver_now (cli, outbox, key, &why);
  if (delivery == LT_CLI_DELIVERY_SENT)
    {
      g_print (_("%s withdrawn.\n"), notice_name (notice));
      return LT_CLI_EXIT_OK;
    }
  {
    g_autofree char *subject = g_strdup_printf (_("The withdrawal of %s"), notice_name (notice));

    return lt_cli_report_not_sent (delivery, subject, why);
  }
}

/* The notice's text fields as the CLI prints them: the block under its
 * label, every control character escaped. */
static void
print_block (const char *label,
             const char *text)
{
  g_autofree char *shown = NULL;
  g_auto(GStrv) lines = NULL;

  if (text == NULL || *text == '\0')
    return;
  shown = lt_text_dup_displayable (text, LT_TEXT_MULTI_LINE);
  g_strchomp (shown);
  lines = g_strsplit (shown, "\n", -1);
  g_print ("\n%s\n", label);
  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("  %s\n", lines[i]);
}

int
lt_cli_change_notice_show_run (LtCli  *cli,
                               int     argc,
                               char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "ID" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtChangeNotice) notice = NULL;
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GListStore) window_model = NULL;
  g_autoptr(GPtrArray) overlapping = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  LtStore *store;

  context = lt_cli_context_new (cli, "ID",
                                _("Shows one change notice (its portal id, or the local id of one "
                                  "still queued): everything that was sent, LockThreat's review "
                                  "with its text, the maintenance windows it overlaps, and what "
                                  "replaced it or what it replaces."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error) ||
      (store = lt_cli_get_store_for_reading (cli, &error)) == NULL ||
      (notice = find_notice (store, argv[1], &error)) == NULL ||
      (windows = lt_store_load_maintenance_windows (store, &error)) == NULL)
    return lt_cli_fail (cli, error);

  window_model = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  for (guint i = 0; i < windows->len; i++)
    g_list_store_append (window_model, g_ptr_array_index (windows, i));
  overlapping = lt_change_notice_find_overlapping_windows (notice, G_LIST_MODEL (window_model));

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_notice_members (builder, notice);
      lt_cli_add_string_member (builder, "review_text", lt_change_notice_get_review_text (notice));
      lt_cli_add_boolean_member (builder, "late", lt_change_notice_get_late (notice));
      lt_cli_add_string_member (builder, "replaces", lt_change_notice_get_replaces (notice));
      lt_cli_add_string_member (builder, "replaced_by", lt_change_notice_get_replaced_by (notice));
      json_builder_set_member_name (builder, "overlapping_maintenance");
      json_builder_begin_array (builder);
      for (guint i = 0; overlapping != NULL && i < overlapping->len; i++)
        json_builder_add_string_value (builder,
                                       lt_maintenance_window_get_id (g_ptr_array_index (overlapping, i)));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      lt_cli_print_json (builder);
      return LT_CLI_EXIT_OK;
    }

  {
    g_autofree char *title = lt_text_dup_displayable (lt_change_notice_get_title (notice),
                                                      LT_TEXT_SINGLE_LINE);

    g_print ("%s  %s\n", notice_name (notice), title);
  }
  fields = lt_cli_fields_new ();
  add_notice_fields (fields, notice);
  if (lt_change_notice_get_replaces (notice) != NULL)
    lt_cli_fields_add (fields, _("Replaces"), "%s", lt_change_notice_get_replaces (notice));
  if (lt_change_notice_get_replaced_by (notice) != NULL)
    lt_cli_fields_add (fields, _("Replaced by"), "%s", lt_change_notice_get_replaced_by (notice));
  for (guint i = 0; overlapping != NULL && i < overlapping->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (overlapping, i);
      g_autofree char *window_span = format_span (lt_maintenance_window_get_starts_at (window),
                                                  lt_maintenance_window_get_ends_at (window));

      lt_cli_fields_add (fields, _("Overlaps"), "%s (%s, %s)",
                         lt_maintenance_window_get_title (window) ?: lt_maintenance_window_get_id (window),
                         lt_enum_to_nick (LT_TYPE_MAINTENANCE_KIND, lt_maintenance_window_get_kind (window)),
                         window_span);
    }
  lt_cli_fields_print_indented (fields, 2);

  print_block (_("Description:"), lt_change_notice_get_description (notice));
  print_block (_("Rollback plan:"), lt_change_notice_get_rollback_plan (notice));
  print_block (_("LockThreat's review:"), lt_change_notice_get_review_text (notice));
  return LT_CLI_EXIT_OK;
}

int
lt_cli_change_notice_reschedule_run (LtCli  *cli,
                                     int     argc,
                                     char  **argv)
{
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;
  gboolean yes = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text,
      N_("The new planned start, RFC 3339 with an offset (2026-12-03T22:00:00-05:00)"), N_("TIME") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_text,
      N_("The new planned end, RFC 3339 with an offset"), N_("TIME") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Acknowledge the late-notice warning without asking"), NULL },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "ID" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autoptr(LtChangeNotice) old = NULL;
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new_queued ();
  LtStore *store;
  LtPolicy *policy;

  context = lt_cli_context_new (cli, "ID",
                                _("Moves a change notice to other dates: a new notice with the same "
                                  "content replaces it, and LockThreat withdraws the old one in the "
                                  "same request. The new one is judged like any notice (§6 lead "
                                  "time, maintenance overlap) and reviewed again. Queued when the "
                                  "portal cannot be reached."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error) ||
      !lt_cli_require_option ("--start", start_text, &error) ||
      !lt_cli_require_option ("--end", end_text, &error) ||
      !parse_instant_option ("--start", start_text, &start, &error) ||
      !parse_instant_option ("--end", end_text, &end, &error) ||
      (store = lt_cli_get_store (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
      (old = find_notice (store, argv[1], &error)) == NULL)
    return lt_cli_fail (cli, error);

  /* Everything that was sent, at the new dates. */
  lt_change_notice_set_kind (notice, lt_change_notice_get_kind (old));
  lt_change_notice_set_title (notice, lt_change_notice_get_title (old));
  lt_change_notice_set_description (notice, lt_change_notice_get_description (old));
  lt_change_notice_set_systems (notice, lt_change_notice_get_systems (old));
  lt_change_notice_set_rollback_plan (notice, lt_change_notice_get_rollback_plan (old));
  lt_change_notice_set_risk (notice, lt_change_notice_get_risk (old));
  lt_change_notice_set_planned_start (notice, start);
  lt_change_notice_set_planned_end (notice, end);

  return review_and_send (cli, store, policy, notice, NULL, old, yes, json, now);
}
