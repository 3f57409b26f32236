/* lt-icalendar.c: maintenance windows and change notices as iCalendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-icalendar"

#include "config.h"

#include "lt-icalendar.h"
#include "lt-date-util.h"
#include "lt-installation.h"
#include "lt-release-forecast.h"

#include <glib/gi18n-lib.h>

/* RFC 5545 3.1: a content line is at most 75 octets, CRLF excluded. */
#define MAX_LINE_OCTETS 75

/* RFC 5545 3.3.11: backslash, semicolon and comma are escaped, a line
 * break is written "\n". Control characters other than tab are not
 * allowed in a TEXT value at all (3.3.11, SAFE-CHAR excludes CONTROL), so
 * they are dropped; CR is dropped so that CRLF and LF both become one
 * "\n". */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  for (const char *p = valid; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
        case ';':
        case ',':
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\t':
          g_string_append_c (out, '\t');
          break;
        default:
          if ((guchar) *p >= 0x20 && *p != 0x7f)
            g_string_append_c (out, *p);
        }
    }
}

/* RFC 5545 3.1: a line longer than 75 octets is folded with CRLF and one
 * space, which counts towards the next line's 75. Folding never splits a
 * UTF-8 character: a reader that decodes line by line would see broken
 * text. */
static void
append_line (GString    *out,
             const char *line)
{
  gsize octets = 0;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize len = (gsize) (g_utf8_next_char (p) - p);

      if (octets + len > MAX_LINE_OCTETS)
        {
          g_string_append (out, "\r\n ");
          octets = 1;
        }
      g_string_append_len (out, p, (gssize) len);
      octets += len;
    }
  g_string_append (out, "\r\n");
}

/* A property whose value is TEXT (escaped). */
static void
append_text (GString    *out,
             const char *name,
             const char *value)
{
  g_autoptr(GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  append_escaped (line, value);
  append_line (out, line->str);
}

/* A property whose value has its own syntax (DATE-TIME, DURATION, an
 * enumerated value) and must not be escaped. */
static void
append_raw (GString    *out,
            const char *name,
            const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);

  append_line (out, line);
}

/* RFC 5545 3.3.5, form 2: UTC time, "19980119T070000Z". */
static void
append_instant (GString    *out,
                const char *name,
                GDateTime  *instant)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);
  g_autofree char *text = NULL;

  /* NULL for a time whose UTC lies past GDateTime's range (9999-12-31
   * late in a zone west of UTC): no property rather than a crash. */
  if (utc == NULL)
    return;
  text = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
  append_raw (out, name, text);
}

static void
begin_calendar (GString *out)
{
  append_line (out, "BEGIN:VCALENDAR");
  append_line (out, "VERSION:2.0");
  append_raw (out, "PRODID", LT_ICALENDAR_PRODID);
  append_line (out, "CALSCALE:GREGORIAN");
  append_line (out, "METHOD:PUBLISH");
}

static void
end_calendar (GString *out)
{
  append_line (out, "END:VCALENDAR");
}

/* ---- maintenance windows ------------------------------------------------ */

/* RFC 5545 3.3.6: a negative duration before the start, "-PT24H",
 * "-PT1H30M", "-PT45M". */
static char *
format_trigger (guint minutes)
{
  if (minutes == 0)
    return g_strdup ("PT0M");
  if (minutes % 60 == 0)
    return g_strdup_printf ("-PT%uH", minutes / 60);
  if (minutes > 60)
    return g_strdup_printf ("-PT%uH%uM", minutes / 60, minutes % 60);
  return g_strdup_printf ("-PT%uM", minutes);
}

static char *
describe_lead (guint minutes)
{
  if (minutes % 60 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u hour", "in %u hours", minutes / 60),
                            minutes / 60);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u minute", "in %u minutes", minutes),
                          minutes);
}

static void
append_alarm (GString    *out,
              const char *summary,
              guint       lead_minutes)
{
  g_autofree char *trigger = format_trigger (lead_minutes);
  g_autofree char *when = describe_lead (lead_minutes);
  /* TRANSLATORS: a calendar reminder: "LockThreat maintenance in 24 hours: Database upgrade" */
  g_autofree char *text = g_strdup_printf (_("LockThreat maintenance %s: %s"), when, summary);

  append_line (out, "BEGIN:VALARM");
  append_raw (out, "ACTION", "DISPLAY");
  append_raw (out, "TRIGGER", trigger);
  append_text (out, "DESCRIPTION", text);
  append_line (out, "END:VALARM");
}

static void
append_window (GString             *out,
               LtMaintenanceWindow *window,
               LtPolicy            *policy,
               GDateTime           *now)
{
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *uid = NULL;
  const char *id = lt_maintenance_window_get_id (window);
  const char *title = lt_maintenance_window_get_title (window);
  const char *text = lt_maintenance_window_get_description (window);
  LtMaintenanceKind kind = lt_maintenance_window_get_kind (window);
  GDateTime *ends_at = lt_maintenance_window_get_ends_at (window);
  const char *summary;

  summary = title != NULL && *title != '\0' ? title : lt_maintenance_kind_get_label (kind);
  uid = g_strdup_printf ("maintenance-%s@support.lockthreat.com", id != NULL ? id : "unsaved");

  g_string_append_printf (description, "%s\n%s: %s", lt_maintenance_kind_get_label (kind),
                          _("Affects"), lt_maintenance_affects_get_label (lt_maintenance_window_get_affects (window)));
  if (policy != NULL)
    {
      g_autofree char *warning = NULL;

      if (lt_maintenance_window_is_notice_short (window, policy, NULL, &warning) && warning != NULL)
        g_string_append_printf (description, "\n\n%s", warning);
    }
  if (text != NULL && *text != '\0')
    g_string_append_printf (description, "\n\n%s", text);

  append_line (out, "BEGIN:VEVENT");
  append_text (out, "UID", uid);
  append_instant (out, "DTSTAMP", now);
  append_instant (out, "DTSTART", lt_maintenance_window_get_starts_at (window));
  /* An end before the start is the portal's mistake; DTEND must not
   * precede DTSTART (RFC 5545 3.6.1), so such a window is written as an
   * instant rather than refused. */
  if (ends_at != NULL && g_date_time_compare (ends_at, lt_maintenance_window_get_starts_at (window)) > 0)
    append_instant (out, "DTEND", ends_at);
  if (lt_maintenance_window_get_announced_at (window) != NULL)
    append_instant (out, "CREATED", lt_maintenance_window_get_announced_at (window));
  append_text (out, "SUMMARY", summary);
  append_text (out, "DESCRIPTION", description->str);
  append_text (out, "CATEGORIES", lt_maintenance_kind_get_label (kind));
  append_raw (out, "STATUS", "CONFIRMED");
  /* The systems are down: the time is busy. */
  append_raw (out, "TRANSP", "OPAQUE");

  if (policy != NULL)
    {
      guint n_leads = 0;
      const guint *leads = lt_policy_get_reminder_lead_minutes (policy, &n_leads);

      for (guint i = 0; i < n_leads; i++)
        append_alarm (out, summary, leads[i]);
    }
  append_line (out, "END:VEVENT");
}

char *
lt_icalendar_export_maintenance_windows (GListModel *windows,
                                         LtPolicy   *policy,
                                         GDateTime  *now)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (windows), NULL);
  g_return_val_if_fail (policy == NULL || LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  begin_calendar (out);
  n = g_list_model_get_n_items (windows);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtMaintenanceWindow) window = g_list_model_get_item (windows, i);

      g_return_val_if_fail (LT_IS_MAINTENANCE_WINDOW (window), NULL);
      /* A start outside what lt_instant_parse() accepts (a row stored
       * before it checked the range) has no date a calendar could take. */
      if (lt_instant_is_supported (lt_maintenance_window_get_starts_at (window)))
        append_window (out, window, policy, now);
    }
  end_calendar (out);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- change notices ----------------------------------------------------- */

char *
lt_icalendar_export_change_notice (LtChangeNotice *notice,
                                   GDateTime      *now)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *uid = NULL;
  const char * const *systems;
  const char *key;
  const char *title;
  GDateTime *start;
  GDateTime *end;

  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (notice), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  start = lt_change_notice_get_planned_start (notice);
  if (start == NULL)
    return NULL;
  end = lt_change_notice_get_planned_end (notice);

  /* The local id first: it exists from the moment the notice is filed
   * and stays when the portal's id arrives, so the event keeps its UID
   * across the sync. */
  key = lt_change_notice_get_local_id (notice);
  if (key == NULL)
    key = lt_change_notice_get_id (notice);
  uid = g_strdup_printf ("change-notice-%s@support.lockthreat.com", key != NULL ? key : "unsaved");

  g_string_append_printf (description, _("Change notice to LockThreat: %s"),
                          lt_change_kind_get_label (lt_change_notice_get_kind (notice)));
  if (lt_change_notice_get_id (notice) != NULL)
    g_string_append_printf (description, "\n%s: %s", _("Portal id"), lt_change_notice_get_id (notice));
  g_string_append_printf (description, "\n%s: %s", _("Risk"),
                          lt_risk_get_label (lt_change_notice_get_risk (notice)));
  g_string_append_printf (description, "\n%s: %s", _("State"),
                          lt_change_state_get_label (lt_change_notice_get_state (notice)));
  systems = lt_change_notice_get_systems (notice);
  if (systems != NULL)
    {
      g_autofree char *joined = g_strjoinv (", ", (char **) systems);

      g_string_append_printf (description, "\n%s: %s", _("Systems"), joined);
    }
  if (lt_change_notice_get_description (notice) != NULL)
    g_string_append_printf (description, "\n\n%s", lt_change_notice_get_description (notice));
  if (lt_change_notice_get_rollback_plan (notice) != NULL)
    g_string_append_printf (description, "\n\n%s:\n%s", _("Rollback plan"),
                            lt_change_notice_get_rollback_plan (notice));

  title = lt_change_notice_get_title (notice);

  begin_calendar (out);
  append_line (out, "BEGIN:VEVENT");
  append_text (out, "UID", uid);
  append_instant (out, "DTSTAMP", now);
  append_instant (out, "DTSTART", start);
  if (end != NULL && g_date_time_compare (end, start) > 0)
    append_instant (out, "DTEND", end);
  append_text (out, "SUMMARY", title != NULL && *title != '\0' ? title : _("Planned change"));
  append_text (out, "DESCRIPTION", description->str);
  append_text (out, "CATEGORIES", _("Change notice"));
  append_raw (out, "STATUS",
              lt_change_notice_get_state (notice) == LT_CHANGE_STATE_WITHDRAWN ? "CANCELLED" : "CONFIRMED");
  append_line (out, "END:VEVENT");
  end_calendar (out);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- estimated end of support ------------------------------------------ */

/* RFC 5545 3.3.4: "19970714", with VALUE=DATE on the property. */
static void
append_day (GString     *out,
            const char  *name,
            const GDate *day)
{
  g_autofree char *property = g_strconcat (name, ";VALUE=DATE", NULL);
  char text[16];

  g_snprintf (text, sizeof text, "%04u%02u%02u", (guint) g_date_get_year (day),
              (guint) g_date_get_month (day), (guint) g_date_get_day (day));
  append_raw (out, property, text);
}

static void
append_support_end (GString                    *out,
                    LtInstallation             *installation,
                    const LtEligibility        *eligibility,
                    const LtSupportEndEstimate *estimate,
                    GDateTime                  *now)
{
  static const guint alarm_days[] = LT_ICALENDAR_SUPPORT_END_ALARM_DAYS;
  const char *name = lt_installation_get_name (installation);
  const char *id = lt_installation_get_id (installation);
  g_autofree char *uid = g_strdup_printf ("support-end-%s@support.lockthreat.com",
                                          id != NULL ? id : "unsaved");
  g_autofree char *summary = NULL;
  g_autofree char *earliest = lt_date_format (&estimate->earliest);
  g_autofree char *latest = lt_date_format (&estimate->latest);
  g_autoptr(GString) description = g_string_new (NULL);
  GDate end = estimate->likely;

  /* TRANSLATORS: a calendar event: "Support for dr-siem-01 probably ends (estimate)" */
  summary = g_strdup_printf (_("Support for %s probably ends (estimate)"), name);
  /* TRANSLATORS: "dr-siem-01 runs 3.3.2: support ends about March 2027, if releases keep their usual pace of ~3 months." */
  g_string_append_printf (description, _("%s runs %s: support ends %s."), name,
                          lt_version_to_string (eligibility->installed), estimate->label);
  g_string_append (description, "\n");
  g_string_append_printf (description,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "It leaves support when %u more release ships: "
                                       "at the earliest %s, at the latest %s.",
                                       "It leaves support when %u more releases ship: "
                                       "at the earliest %s, at the latest %s.",
                                       estimate->releases_left),
                          estimate->releases_left, earliest, latest);
  g_string_append (description, "\n");
  g_string_append_printf (description,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "An estimate from the median of the last %u interval "
                                       "between releases in the catalog, not a date LockThreat "
                                       "has announced.",
                                       "An estimate from the median of the last %u intervals "
                                       "between releases in the catalog, not a date LockThreat "
                                       "has announced.",
                                       estimate->n_intervals),
                          estimate->n_intervals);
  g_date_add_days (&end, 1);

  append_line (out, "BEGIN:VEVENT");
  append_text (out, "UID", uid);
  append_instant (out, "DTSTAMP", now);
  append_day (out, "DTSTART", &estimate->likely);
  /* All day: DTEND is the next day, exclusive (RFC 5545 3.6.1). */
  append_day (out, "DTEND", &end);
  append_text (out, "SUMMARY", summary);
  append_text (out, "DESCRIPTION", description->str);
  append_text (out, "CATEGORIES", _("End of support (estimate)"));
  append_raw (out, "STATUS", "TENTATIVE");
  /* A date to plan by, not time taken. */
  append_raw (out, "TRANSP", "TRANSPARENT");
  for (guint i = 0; i < G_N_ELEMENTS (alarm_days); i++)
    {
      g_autofree char *trigger = g_strdup_printf ("-P%uD", alarm_days[i]);
      /* TRANSLATORS: a calendar reminder: "In 30 days: Support for dr-siem-01 probably ends (estimate)" */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "In %u day: %s",
                                                            "In %u days: %s", alarm_days[i]),
                                               alarm_days[i], summary);

      append_line (out, "BEGIN:VALARM");
      append_raw (out, "ACTION", "DISPLAY");
      append_raw (out, "TRIGGER", trigger);
      append_text (out, "DESCRIPTION", text);
      append_line (out, "END:VALARM");
    }
  append_line (out, "END:VEVENT");
}

char *
lt_icalendar_export_support_end (GListModel       *installations,
                                 LtReleaseCatalog *catalog,
                                 LtPolicy         *policy,
                                 const GDate      *today,
                                 GDateTime        *now,
                                 guint            *n_events)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(LtReleaseForecast) forecast = NULL;
  guint n;
  guint written = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (installations), NULL);
  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (catalog), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  forecast = lt_release_forecast_new (catalog, today);
  begin_calendar (out);
  n = g_list_model_get_n_items (installations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (installations, i);
      g_autoptr(LtEligibility) eligibility = NULL;
      g_autoptr(LtSupportEndEstimate) estimate = NULL;

      eligibility = lt_installation_check_eligibility (installation, catalog, policy, NULL);
      if (eligibility == NULL)
        continue;
      estimate = lt_support_end_estimate_new (forecast, eligibility);
      if (!estimate->available)
        continue;
      append_support_end (out, installation, eligibility, estimate, now);
      written++;
    }
  end_calendar (out);

  if (n_events != NULL)
    *n_events = written;
  return g_string_free (g_steal_pointer (&out), FALSE);
}
