/* test-icalendar.c: maintenance windows and change notices as RFC 5545
 *
 * The output is checked three ways: its physical form (CRLF, no line over
 * 75 octets, folds that start with a space and never split a UTF-8
 * character), its structure (BEGIN/END nesting, the required properties,
 * UTC instants with Z), and its values after unfolding and unescaping,
 * which must give back the model's text exactly. When Debian's
 * python3-icalendar is installed, an independent parser reads the file
 * too.
 *
 * Times are written with the vendor's offset (-05:00) and the tests run
 * in Pacific/Chatham: the calendar must hold the same instants in UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-change-notice.h"
#include "lt-icalendar.h"
#include "lt-maintenance-window.h"
#include "lt-policy.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* ---- helpers --------------------------------------------------------------- */

static LtPolicy *
load_policy (void)
{
  g_autoptr(GError) error = NULL;
  LtPolicy *policy = lt_policy_new_default (&error);

  g_assert_no_error (error);
  return policy;
}

static LtMaintenanceWindow *
make_window (const char        *id,
             LtMaintenanceKind  kind,
             const char        *title,
             const char        *starts_at,
             const char        *ends_at,
             const char        *announced_at)
{
  LtMaintenanceWindow *window = lt_maintenance_window_new ();

  lt_maintenance_window_set_id (window, id);
  lt_maintenance_window_set_kind (window, kind);
  lt_maintenance_window_set_title (window, title);
  if (starts_at != NULL)
    {
      g_autoptr(GDateTime) instant = lt_test_instant (starts_at);
      lt_maintenance_window_set_starts_at (window, instant);
    }
  if (ends_at != NULL)
    {
      g_autoptr(GDateTime) instant = lt_test_instant (ends_at);
      lt_maintenance_window_set_ends_at (window, instant);
    }
  if (announced_at != NULL)
    {
      g_autoptr(GDateTime) instant = lt_test_instant (announced_at);
      lt_maintenance_window_set_announced_at (window, instant);
    }
  return window;
}

/* Asserts the physical form of RFC 5545 3.1 and returns the content
 * lines, unfolded. */
static GPtrArray *
check_and_unfold (const char *text)
{
  g_autoptr(GPtrArray) physical = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (g_str_has_suffix (text, "\r\n"));

  while (*p != '\0')
    {
      const char *end = strstr (p, "\r\n");
      g_autofree char *line = NULL;

      g_assert_nonnull (end);
      line = g_strndup (p, (gsize) (end - p));
      /* No bare CR or LF inside a line. */
      g_assert_null (strchr (line, '\n'));
      g_assert_null (strchr (line, '\r'));
      /* 75 octets at most, CRLF excluded; each piece is whole UTF-8. */
      g_assert_cmpuint (strlen (line), <=, 75);
      g_assert_true (g_utf8_validate (line, -1, NULL));
      g_ptr_array_add (physical, g_steal_pointer (&line));
      p = end + 2;
    }

  for (guint i = 0; i < physical->len; i++)
    {
      const char *line = g_ptr_array_index (physical, i);

      if (line[0] == ' ' || line[0] == '\t')
        {
          char *previous;

          g_assert_cmpuint (lines->len, >, 0);
          previous = g_ptr_array_index (lines, lines->len - 1);
          lines->pdata[lines->len - 1] = g_strconcat (previous, line + 1, NULL);
          g_free (previous);
        }
      else
        g_ptr_array_add (lines, g_strdup (line));
    }
  return lines;
}

/* The inverse of RFC 5545 3.3.11 escaping; fails on an escape the RFC
 * does not define. */
static char *
unescape_text (const char *value)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p != '\\')
        {
          /* Unescaped TEXT may not hold these. */
          g_assert_true (*p != ';' && *p != ',');
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case '\\':
        case ';':
        case ',':
          g_string_append_c (out, *p);
          break;
        case 'n':
        case 'N':
          g_string_append_c (out, '\n');
          break;
        default:
          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, "bad escape");
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One component: its name and its own properties (NAME → raw value; a
 * repeated property keeps the first), and its children. */
typedef struct _Component Component;
struct _Component
{
  char       *name;
  GHashTable *props;
  GPtrArray  *children;
};

static void
component_free (Component *c)
{
  g_free (c->name);
  g_hash_table_unref (c->props);
  g_ptr_array_unref (c->children);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Component, component_free)

static Component *
component_new (const char *name)
{
  Component *c = g_new0 (Component, 1);

  c->name = g_strdup (name);
  c->props = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c->children = g_ptr_array_new_with_free_func ((GDestroyNotify) component_free);
  return c;
}

/* Parses the unfolded lines into the one VCALENDAR; asserts that every
 * BEGIN has its END, in order. */
static Component *
parse_calendar (const char *text)
{
  g_autoptr(GPtrArray) lines = check_and_unfold (text);
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  Component *root = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *colon = strchr (line, ':');
      g_autofree char *name = NULL;

      g_assert_nonnull (colon);
      name = g_strndup (line, (gsize) (colon - line));
      /* No parameters are written; a name is letters, digits and '-'. */
      for (const char *c = name; *c != '\0'; c++)
        g_assert_true (g_ascii_isupper (*c) || g_ascii_isdigit (*c) || *c == '-');

      if (g_str_equal (name, "BEGIN"))
        {
          Component *c = component_new (colon + 1);

          if (stack->len == 0)
            {
              g_assert_null (root);
              root = c;
            }
          else
            g_ptr_array_add (((Component *) g_ptr_array_index (stack, stack->len - 1))->children, c);
          g_ptr_array_add (stack, c);
        }
      else if (g_str_equal (name, "END"))
        {
          Component *top;

          g_assert_cmpuint (stack->len, >, 0);
          top = g_ptr_array_index (stack, stack->len - 1);
          g_assert_cmpstr (top->name, ==, colon + 1);
          g_ptr_array_set_size (stack, stack->len - 1);
        }
      else
        {
          Component *top;

          g_assert_cmpuint (stack->len, >, 0);
          top = g_ptr_array_index (stack, stack->len - 1);
          if (!g_hash_table_contains (top->props, name))
            g_hash_table_insert (top->props, g_strdup (name), g_strdup (colon + 1));
        }
    }
  g_assert_cmpuint (stack->len, ==, 0);
  g_assert_nonnull (root);
  g_assert_cmpstr (root->name, ==, "VCALENDAR");
  g_assert_cmpstr (g_hash_table_lookup (root->props, "VERSION"), ==, "2.0");
  g_assert_cmpstr (g_hash_table_lookup (root->props, "PRODID"), ==, LT_ICALENDAR_PRODID);
  return root;
}

static const char *
prop (Component  *c,
      const char *name)
{
  return g_hash_table_lookup (c->props, name);
}

static char *
text_prop (Component  *c,
           const char *name)
{
  const char *raw = prop (c, name);

  g_assert_nonnull (raw);
  return unescape_text (raw);
}

static Component *
child (Component *c,
       guint      i)
{
  g_assert_cmpuint (i, <, c->children->len);
  return g_ptr_array_index (c->children, i);
}

/* ---- maintenance windows ----------------------------------------------- */

static void
test_maintenance_structure (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GListStore) windows = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  g_autoptr(LtMaintenanceWindow) scheduled = NULL;
  g_autoptr(LtMaintenanceWindow) emergency = NULL;
  g_autoptr(LtMaintenanceWindow) unscheduled = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T09:30:00-05:00");
  g_autoptr(Component) cal = NULL;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;
  g_autofree char *summary = NULL;
  Component *event;

  scheduled = make_window ("mw-1", LT_MAINTENANCE_KIND_SCHEDULED, "Database upgrade",
                           "2026-12-05T22:00:00-05:00", "2026-12-06T02:00:00-05:00",
                           "2026-11-20T10:00:00-05:00");
  lt_maintenance_window_set_affects (scheduled, LT_MAINTENANCE_AFFECTS_SAAS);
  /* Announced 30 minutes before the start: short of the policy's hour. */
  emergency = make_window ("mw-2", LT_MAINTENANCE_KIND_EMERGENCY, NULL,
                           "2026-11-26T12:00:00-05:00", "2026-11-26T13:00:00-05:00",
                           "2026-11-26T11:30:00-05:00");
  lt_maintenance_window_set_description (emergency, "Certificate rotation");
  unscheduled = make_window ("mw-3", LT_MAINTENANCE_KIND_UPGRADE_PACKAGE, "Next package",
                             NULL, NULL, NULL);
  g_list_store_append (windows, scheduled);
  g_list_store_append (windows, unscheduled);
  g_list_store_append (windows, emergency);

  text = lt_icalendar_export_maintenance_windows (G_LIST_MODEL (windows), policy, now);
  cal = parse_calendar (text);

  g_assert_cmpstr (prop (cal, "METHOD"), ==, "PUBLISH");
  g_assert_cmpstr (prop (cal, "CALSCALE"), ==, "GREGORIAN");
  /* The window without a start cannot be an event; the others keep the
   * model's order. */
  g_assert_cmpuint (cal->children->len, ==, 2);

  event = child (cal, 0);
  g_assert_cmpstr (event->name, ==, "VEVENT");
  g_assert_cmpstr (prop (event, "UID"), ==, "maintenance-mw-1@support.lockthreat.com");
  g_assert_cmpstr (prop (event, "DTSTAMP"), ==, "20261126T143000Z");
  g_assert_cmpstr (prop (event, "DTSTART"), ==, "20261206T030000Z");
  g_assert_cmpstr (prop (event, "DTEND"), ==, "20261206T070000Z");
  g_assert_cmpstr (prop (event, "CREATED"), ==, "20261120T150000Z");
  g_assert_cmpstr (prop (event, "STATUS"), ==, "CONFIRMED");
  summary = text_prop (event, "SUMMARY");
  g_assert_cmpstr (summary, ==, "Database upgrade");
  description = text_prop (event, "DESCRIPTION");
  g_assert_cmpstr (description, ==, "Scheduled maintenance\nAffects: LockThreat SaaS");
  /* The policy's reminder leads (24 h and 1 h) become alarms. */
  g_assert_cmpuint (event->children->len, ==, 2);
  g_assert_cmpstr (child (event, 0)->name, ==, "VALARM");
  g_assert_cmpstr (prop (child (event, 0), "ACTION"), ==, "DISPLAY");
  g_assert_cmpstr (prop (child (event, 0), "TRIGGER"), ==, "-PT24H");
  g_assert_nonnull (prop (child (event, 0), "DESCRIPTION"));
  g_assert_cmpstr (prop (child (event, 1), "TRIGGER"), ==, "-PT1H");

  event = child (cal, 1);
  g_assert_cmpstr (prop (event, "UID"), ==, "maintenance-mw-2@support.lockthreat.com");
  g_assert_cmpstr (prop (event, "DTSTART"), ==, "20261126T170000Z");
  g_clear_pointer (&summary, g_free);
  summary = text_prop (event, "SUMMARY");
  /* Without a title the kind names the event. */
  g_assert_cmpstr (summary, ==, "Emergency maintenance");
  g_clear_pointer (&description, g_free);
  description = text_prop (event, "DESCRIPTION");
  {
    g_autofree char *warning = NULL;

    g_assert_true (lt_maintenance_window_is_notice_short (emergency, policy, NULL, &warning));
    g_assert_nonnull (strstr (description, warning));
  }
  g_assert_true (g_str_has_suffix (description, "\n\nCertificate rotation"));
}

static void
test_maintenance_without_policy (void)
{
  g_autoptr(GListStore) windows = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  g_autoptr(LtMaintenanceWindow) window = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T09:30:00Z");
  g_autoptr(Component) cal = NULL;
  g_autofree char *text = NULL;
  Component *event;

  /* An end before the start is not written as DTEND (3.6.1). */
  window = make_window ("mw-9", LT_MAINTENANCE_KIND_EMERGENCY, "Reversed",
                        "2026-11-26T12:00:00Z", "2026-11-26T11:00:00Z",
                        "2026-11-26T11:59:00Z");
  g_list_store_append (windows, window);

  text = lt_icalendar_export_maintenance_windows (G_LIST_MODEL (windows), NULL, now);
  cal = parse_calendar (text);
  g_assert_cmpuint (cal->children->len, ==, 1);
  event = child (cal, 0);
  g_assert_cmpstr (prop (event, "DTSTART"), ==, "20261126T120000Z");
  g_assert_null (prop (event, "DTEND"));
  /* No policy: no reminders, no notice verdict. */
  g_assert_cmpuint (event->children->len, ==, 0);
  g_assert_null (strstr (prop (event, "DESCRIPTION"), "notice"));
}

static void
test_maintenance_empty (void)
{
  g_autoptr(GListStore) windows = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T09:30:00Z");
  g_autoptr(Component) cal = NULL;
  g_autofree char *text = NULL;

  text = lt_icalendar_export_maintenance_windows (G_LIST_MODEL (windows), NULL, now);
  cal = parse_calendar (text);
  g_assert_cmpuint (cal->children->len, ==, 0);
}

/* ---- folding and escaping ---------------------------------------------- */

static void
test_folding (void)
{
  g_autoptr(GListStore) windows = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  g_autoptr(LtMaintenanceWindow) window = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T09:30:00Z");
  g_autoptr(Component) cal = NULL;
  g_autoptr(GString) title = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  guint folded = 0;

  /* Two- and four-byte characters at every offset: any fold at a fixed
   * byte count would split one of them. */
  for (guint i = 0; i < 40; i++)
    g_string_append (title, i % 3 == 0 ? "é" : i % 3 == 1 ? "🔒" : "x");
  window = make_window ("mw-fold", LT_MAINTENANCE_KIND_SCHEDULED, title->str,
                        "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z", NULL);
  g_list_store_append (windows, window);

  text = lt_icalendar_export_maintenance_windows (G_LIST_MODEL (windows), NULL, now);
  /* check_and_unfold (through parse_calendar) asserts each physical line
   * is at most 75 octets and valid UTF-8 on its own. */
  cal = parse_calendar (text);
  summary = text_prop (child (cal, 0), "SUMMARY");
  g_assert_cmpstr (summary, ==, title->str);

  for (const char *p = text; (p = strstr (p, "\r\n ")) != NULL; p += 3)
    folded++;
  g_assert_cmpuint (folded, >=, 2);

  /* A line filled to exactly 75 octets is not folded. */
  {
    g_autoptr(GListStore) exact = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
    g_autoptr(LtMaintenanceWindow) w = NULL;
    g_autofree char *name = g_strnfill (75 - strlen ("SUMMARY:"), 'a');
    g_autofree char *line = g_strconcat ("\r\nSUMMARY:", name, "\r\n", NULL);
    g_autofree char *out = NULL;

    w = make_window ("mw-exact", LT_MAINTENANCE_KIND_SCHEDULED, name,
                     "2026-12-01T10:00:00Z", NULL, NULL);
    g_list_store_append (exact, w);
    out = lt_icalendar_export_maintenance_windows (G_LIST_MODEL (exact), NULL, now);
    g_assert_nonnull (strstr (out, line));
  }
}

static void
test_escaping (void)
{
  g_autoptr(GListStore) windows = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  g_autoptr(LtMaintenanceWindow) window = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T09:30:00Z");
  g_autoptr(Component) cal = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  const char *title = "Nodes a,b; path C:\\lt\\data";

  window = make_window ("mw-esc", LT_MAINTENANCE_KIND_SCHEDULED, title,
                        "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z", NULL);
  /* CRLF and LF become one \n; a control character is dropped (not
   * allowed in TEXT); a tab stays. */
  lt_maintenance_window_set_description (window, "line 1\r\nline 2\nbell\a\tend");
  g_list_store_append (windows, window);

  text = lt_icalendar_export_maintenance_windows (G_LIST_MODEL (windows), NULL, now);
  g_assert_nonnull (strstr (text, "SUMMARY:Nodes a\\,b\\; path C:\\\\lt\\\\data\r\n"));
  cal = parse_calendar (text);
  summary = text_prop (child (cal, 0), "SUMMARY");
  g_assert_cmpstr (summary, ==, title);
  description = text_prop (child (cal, 0), "DESCRIPTION");
  g_assert_true (g_str_has_suffix (description, "\n\nline 1\nline 2\nbell\tend"));
}

/* ---- change notices ---------------------------------------------------- */

static LtChangeNotice *
make_notice (void)
{
  LtChangeNotice *notice = lt_change_notice_new ();
  g_autoptr(GDateTime) start = lt_test_instant ("2026-12-03T22:00:00-05:00");
  g_autoptr(GDateTime) end = lt_test_instant ("2026-12-04T01:00:00-05:00");
  const char * const systems[] = { "db-1", "db-2", NULL };

  lt_change_notice_set_local_id (notice, "0b5f1c7e-4a7e-4a8b-9c43-2f0f3c9d6a11");
  lt_change_notice_set_kind (notice, LT_CHANGE_KIND_DATABASE_SCHEMA);
  lt_change_notice_set_title (notice, "Add index; reindex, vacuum");
  lt_change_notice_set_description (notice, "Adds an index to events.");
  lt_change_notice_set_systems (notice, systems);
  lt_change_notice_set_planned_start (notice, start);
  lt_change_notice_set_planned_end (notice, end);
  lt_change_notice_set_rollback_plan (notice, "Drop the index.");
  lt_change_notice_set_risk (notice, LT_RISK_MEDIUM);
  lt_change_notice_set_state (notice, LT_CHANGE_STATE_QUEUED);
  return notice;
}

static void
test_change_notice (void)
{
  g_autoptr(LtChangeNotice) notice = make_notice ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T09:30:00-05:00");
  g_autoptr(Component) cal = NULL;
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  Component *event;

  text = lt_icalendar_export_change_notice (notice, now);
  cal = parse_calendar (text);
  g_assert_cmpuint (cal->children->len, ==, 1);
  event = child (cal, 0);
  g_assert_cmpstr (prop (event, "UID"), ==,
                   "change-notice-0b5f1c7e-4a7e-4a8b-9c43-2f0f3c9d6a11@support.lockthreat.com");
  g_assert_cmpstr (prop (event, "DTSTAMP"), ==, "20261126T143000Z");
  g_assert_cmpstr (prop (event, "DTSTART"), ==, "20261204T030000Z");
  g_assert_cmpstr (prop (event, "DTEND"), ==, "20261204T060000Z");
  g_assert_cmpstr (prop (event, "STATUS"), ==, "CONFIRMED");
  summary = text_prop (event, "SUMMARY");
  g_assert_cmpstr (summary, ==, "Add index; reindex, vacuum");
  description = text_prop (event, "DESCRIPTION");
  g_assert_cmpstr (description, ==,
                   "Change notice to LockThreat: Database schema\n"
                   "Risk: Medium\nState: Queued\nSystems: db-1, db-2\n\n"
                   "Adds an index to events.\n\nRollback plan:\nDrop the index.");

  /* The portal's id joins the description; the UID stays the local id's,
   * so a calendar that imported the queued notice updates that event. */
  lt_change_notice_set_id (notice, "CN-000042");
  lt_change_notice_set_state (notice, LT_CHANGE_STATE_WITHDRAWN);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&cal, component_free);
  text = lt_icalendar_export_change_notice (notice, now);
  cal = parse_calendar (text);
  event = child (cal, 0);
  g_assert_cmpstr (prop (event, "UID"), ==,
                   "change-notice-0b5f1c7e-4a7e-4a8b-9c43-2f0f3c9d6a11@support.lockthreat.com");
  g_assert_cmpstr (prop (event, "STATUS"), ==, "CANCELLED");
  g_clear_pointer (&description, g_free);
  description = text_prop (event, "DESCRIPTION");
  g_assert_nonnull (strstr (description, "\nPortal id: CN-000042\n"));

  /* A notice filed on the portal's web site has only the portal's id. */
  lt_change_notice_set_local_id (notice, NULL);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&cal, component_free);
  text = lt_icalendar_export_change_notice (notice, now);
  cal = parse_calendar (text);
  g_assert_cmpstr (prop (child (cal, 0), "UID"), ==, "change-notice-CN-000042@support.lockthreat.com");

  /* Without a planned start there is no event to write. */
  lt_change_notice_set_planned_start (notice, NULL);
  g_assert_null (lt_icalendar_export_change_notice (notice, now));
}

/* ---- an independent parser --------------------------------------------- */

/* Debian's python3-icalendar (in .ci/install-deps) reads the file
 * (lt_test_read_icalendar(), tests/read-icalendar.py); /usr/bin/python3
 * because the default python3 may be a separate build without Debian's
 * modules (TOOLCHAIN.md). */

static void
test_validator (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GListStore) windows = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  g_autoptr(LtMaintenanceWindow) window = NULL;
  g_autoptr(LtChangeNotice) notice = make_notice ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T09:30:00-05:00");
  g_autoptr(GString) title = g_string_new ("Wartung, Phase 1; ");
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) result = NULL;
  JsonObject *event;

  for (guint i = 0; i < 30; i++)
    g_string_append (title, "größere Änderung 🔒 ");
  window = make_window ("mw-py", LT_MAINTENANCE_KIND_SCHEDULED, title->str,
                        "2026-12-05T22:00:00-05:00", "2026-12-06T02:00:00-05:00",
                        "2026-11-20T10:00:00-05:00");
  lt_maintenance_window_set_description (window, "a\\b\nc,d;e");
  g_list_store_append (windows, window);

  text = lt_icalendar_export_maintenance_windows (G_LIST_MODEL (windows), policy, now);
  if ((result = lt_test_read_icalendar (text)) == NULL)
    return;
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "events")), ==, 1);
  event = json_array_get_object_element (json_object_get_array_member (result, "events"), 0);
  g_assert_cmpstr (json_object_get_string_member (event, "uid"), ==, "maintenance-mw-py@support.lockthreat.com");
  g_assert_cmpstr (json_object_get_string_member (event, "summary"), ==, title->str);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (event, "description"), "\n\na\\b\nc,d;e"));
  g_assert_cmpstr (json_object_get_string_member (event, "start"), ==, "2026-12-06T03:00:00+00:00");
  g_assert_cmpstr (json_object_get_string_member (event, "end"), ==, "2026-12-06T07:00:00+00:00");
  g_assert_cmpstr (json_object_get_string_member (event, "stamp"), ==, "2026-11-26T14:30:00+00:00");
  {
    JsonArray *alarms = json_object_get_array_member (event, "alarms");

    g_assert_cmpuint (json_array_get_length (alarms), ==, 2);
    g_assert_cmpint (json_array_get_int_element (alarms, 0), ==, -24 * 3600);
    g_assert_cmpint (json_array_get_int_element (alarms, 1), ==, -3600);
  }

  g_clear_pointer (&text, g_free);
  g_clear_pointer (&result, json_object_unref);
  text = lt_icalendar_export_change_notice (notice, now);
  result = lt_test_read_icalendar (text);
  event = json_array_get_object_element (json_object_get_array_member (result, "events"), 0);
  g_assert_cmpstr (json_object_get_string_member (event, "summary"), ==, "Add index; reindex, vacuum");
  g_assert_cmpstr (json_object_get_string_member (event, "start"), ==, "2026-12-04T03:00:00+00:00");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (event, "description"),
                                   "Rollback plan:\nDrop the index."));
}

/* A window whose start exists in its own zone but not in UTC
 * (9999-12-31T22:00:00-12:00; the parser refuses it now): the model keeps
 * times in UTC, so it has no start, and the export leaves it out rather
 * than writing a time or an alarm it cannot have. */
static void
test_maintenance_edge_instants (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GListStore) windows = g_list_store_new (LT_TYPE_MAINTENANCE_WINDOW);
  g_autoptr(LtMaintenanceWindow) window = lt_maintenance_window_new ();
  g_autoptr(GTimeZone) west = g_time_zone_new_identifier ("-12:00");
  g_autoptr(GDateTime) starts = g_date_time_new (west, 9999, 12, 31, 22, 0, 0);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T09:30:00Z");
  g_autoptr(Component) cal = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (starts);
  lt_maintenance_window_set_id (window, "mw-edge");
  lt_maintenance_window_set_kind (window, LT_MAINTENANCE_KIND_SCHEDULED);
  lt_maintenance_window_set_title (window, "Edge");
  lt_maintenance_window_set_starts_at (window, starts);
  lt_maintenance_window_set_announced_at (window, now);
  g_list_store_append (windows, window);

  text = lt_icalendar_export_maintenance_windows (G_LIST_MODEL (windows), policy, now);
  cal = parse_calendar (text);
  g_assert_cmpuint (cal->children->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/icalendar/maintenance/structure", test_maintenance_structure);
  g_test_add_func ("/lt/icalendar/maintenance/without-policy", test_maintenance_without_policy);
  g_test_add_func ("/lt/icalendar/maintenance/empty", test_maintenance_empty);
  g_test_add_func ("/lt/icalendar/maintenance/edge-instants", test_maintenance_edge_instants);
  g_test_add_func ("/lt/icalendar/folding", test_folding);
  g_test_add_func ("/lt/icalendar/escaping", test_escaping);
  g_test_add_func ("/lt/icalendar/change-notice", test_change_notice);
  g_test_add_func ("/lt/icalendar/validator", test_validator);

  return g_test_run ();
}
