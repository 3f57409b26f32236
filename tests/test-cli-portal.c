/* test-cli-portal.c: ltsupport ticket, change-notice and maintenance
 *
 * The built binary ($LTSUPPORT) runs against a store in the test's own
 * folder (--profile), offline: no portal is configured, so every action
 * is queued in the outbox, and `outbox list --json` shows what would be
 * sent. The account, tickets, windows and the release catalog are put in
 * through the store's API, as a sync would. Acknowledgement prompts run
 * on a pseudo-terminal, so the binary sees a real terminal on its
 * standard input.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "test-cli-portal"

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <signal.h>
#include <unistd.h>

#include "lt-test-cli.h"
#include "lt-test-store.h"
#include "lt-test-util.h"
#include "lt-account.h"
#include "lt-maintenance-window.h"
#include "lt-store.h"
#include "lt-store-change-notices.h"
#include "lt-store-maintenance-windows.h"
#include "lt-store-account.h"
#include "lt-store-documents.h"
#include "lt-store-installations.h"
#include "lt-store-tickets.h"
#include "lt-ticket.h"

/* ---- JSON --------------------------------------------------------------- */

static JsonArray *
run_json_array (const char *profile,
                const char *group,
                const char *command)
{
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, group, command, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return lt_test_cli_json_items (run.out);
}

static JsonArray *
outbox_items (const char *profile)
{
  return run_json_array (profile, "outbox", "list");
}

/* The outbox items of @kind. */
static guint
count_items (JsonArray  *items,
             const char *kind)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (items, i), "kind"), kind) == 0)
      n++;
  return n;
}

static JsonObject *
last_item (JsonArray *items)
{
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  return json_array_get_object_element (items, json_array_get_length (items) - 1);
}

/* ---- the store ------------------------------------------------------------ */

static char *
test_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "test-cli-portal", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

static const char portal_catalog[] =
  "{\"releases\": ["
  " {\"version\": \"3.0.0\", \"released\": \"2025-01-07\"},"
  " {\"version\": \"3.1.0\", \"released\": \"2025-04-01\", \"fixes\": [\"LT-2001\"]},"
  " {\"version\": \"3.2.0\", \"released\": \"2025-07-01\", \"fixes\": [\"LT-2002\"]},"
  " {\"version\": \"3.3.0\", \"released\": \"2025-10-01\", \"fixes\": [\"LT-2003\"]}"
  "]}";

/* A profile with an Enterprise account (a complete primary contact unless
 * @contact is FALSE) and a release catalog from the portal: 3.3.0 is
 * current, 3.1.0 the floor, and 3.2.0 fixes LT-2002. */
static char *
new_profile (gboolean with_account,
             gboolean contact)
{
  static guint n_profiles = 0;
  g_autofree char *name = g_strdup_printf ("profile-%u", ++n_profiles);
  g_autofree char *profile = test_path (name);
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) catalog = g_bytes_new_static (portal_catalog, strlen (portal_catalog));

  lt_store_save_document (store, LT_STORE_DOCUMENT_RELEASES, catalog, NULL, now, &error);
  g_assert_no_error (error);

  if (with_account)
    {
      g_autoptr(LtAccount) account = lt_account_new ();
      g_autoptr(LtContact) person = contact
        ? lt_contact_new ("Ada Admin", "ada@example.com", "+1 317 555 0100")
        : lt_contact_new ("Ada Admin", "not-an-email", "+1 317 555 0100");

      lt_account_set_customer_name (account, "Example Corp");
      lt_account_set_tier (account, LT_TIER_ENTERPRISE);
      lt_account_set_primary_contact (account, person);
      lt_store_save_account (store, account, now, &error);
      g_assert_no_error (error);
    }
  return g_steal_pointer (&profile);
}

static GDateTime *
now_offset (GTimeSpan offset)
{
  /* One whole-second base for the run: instants built from separate clock
   * reads would differ by microseconds, and a duration between two of them
   * ("20 minutes of notice") would round either way. */
  static gint64 base_unix;
  g_autoptr(GDateTime) base = NULL;

  if (base_unix == 0)
    base_unix = g_get_real_time () / G_USEC_PER_SEC;
  base = g_date_time_new_from_unix_utc (base_unix);
  return g_date_time_add (base, offset);
}

/* A ticket the portal knows, in @state. */
static LtTicket *
insert_ticket (const char    *profile,
               const char    *id,
               const char    *title,
               LtSeverity     severity,
               LtTicketState  state,
               GDateTime     *opened_at,
               GDateTime     *closed_at,
               guint          escalation_level)
{
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  LtTicket *ticket = lt_ticket_new ();

  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, title);
  lt_ticket_set_description (ticket, "Steps to reproduce:\n1. log in");
  lt_ticket_set_severity (ticket, severity);
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, state);
  lt_ticket_set_opened_at (ticket, opened_at);
  lt_ticket_set_updated_at (ticket, opened_at);
  lt_ticket_set_escalation_level (ticket, escalation_level);
  if (state == LT_TICKET_STATE_CLOSED)
    {
      lt_ticket_set_closed_at (ticket, closed_at);
      lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_CONFIRMED);
    }
  if (state == LT_TICKET_STATE_RESOLVED)
    lt_ticket_set_resolved_at (ticket, closed_at);
  lt_store_upsert_ticket (store, ticket, now, &error);
  g_assert_no_error (error);
  return ticket;
}

static void
insert_window (const char        *profile,
               const char        *id,
               LtMaintenanceKind  kind,
               const char        *title,
               GDateTime         *starts_at,
               GDateTime         *ends_at,
               GDateTime         *announced_at)
{
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(LtMaintenanceWindow) window = lt_maintenance_window_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;

  lt_maintenance_window_set_id (window, id);
  lt_maintenance_window_set_kind (window, kind);
  lt_maintenance_window_set_title (window, title);
  lt_maintenance_window_set_starts_at (window, starts_at);
  lt_maintenance_window_set_ends_at (window, ends_at);
  lt_maintenance_window_set_announced_at (window, announced_at);
  lt_store_upsert_maintenance_window (store, window, now, &error);
  g_assert_no_error (error);
}

static char *
description_file (void)
{
  return lt_test_cli_write_file ("description.txt", "The dashboard shows error 500 since the upgrade.\n");
}

/* The JSON payload of an outbox item, as the portal would receive it. */
static JsonObject *
item_payload (JsonObject *item)
{
  return json_object_get_object_member (item, "payload");
}

/* ---- ticket file: refusals ---------------------------------------------- */

static void
test_file_no_contact (void)
{
  g_autofree char *profile = new_profile (FALSE, FALSE);
  g_autofree char *description = description_file ();
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Down",
                 "--category", "troubleshooting", "--severity", "s2",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "ltsupport: "));
  lt_test_cli_assert_contains (run.err, "primary technical contact");
  /* How to set it. */
  lt_test_cli_assert_contains (run.err, "https://support.lockthreat.com");
  lt_test_cli_assert_contains (run.err, "ltsupport sync");
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);

  /* A contact the rule refuses: the field is named and quoted. */
  g_clear_pointer (&profile, g_free);
  profile = new_profile (TRUE, FALSE);
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Down",
                 "--category", "troubleshooting", "--severity", "s2",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "not-an-email");
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
}

static void
test_file_usage (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autofree char *description = description_file ();
  g_auto(LtTestCliRun) run = { 0 };

  /* No severity at all. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Down",
                 "--category", "troubleshooting", "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "--severity");
  /* Both ways of giving it. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Down",
                 "--category", "troubleshooting", "--severity", "s2", "--degraded",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "alternatives");
  /* An unknown category names the good ones. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Down",
                 "--category", "gardening", "--severity", "s2",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "“gardening”");
  lt_test_cli_assert_contains (run.err, "custom-code");
  /* An empty description. */
  lt_test_cli_run_with_input (&run, "  \n\n", "--profile", profile, "ticket", "file", "--title", "Down",
                  "--category", "troubleshooting", "--severity", "s2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "description is empty");
  /* A malformed known-issue id, even without a version. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Down",
                 "--category", "troubleshooting", "--severity", "s2", "--known-issue", "1234",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "--known-issue");
  lt_test_cli_assert_contains (run.err, "“1234”");
  {
    g_autoptr(JsonArray) items = outbox_items (profile);

    g_assert_cmpuint (json_array_get_length (items), ==, 0);
  }
}

/* ---- ticket file: queued ------------------------------------------------ */

/* The portal's limits (200 characters of title, 20,000 of description)
 * are refused here, with the limit named, before anything is queued: the
 * portal would refuse the ticket later, after the user had moved on. */
static void
test_file_too_long (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *long_description = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  for (guint i = 0; i < 201; i++)
    g_string_append (title, "é");
  lt_test_cli_run_with_input (&run, "Error 500 on the dashboard.\n",
                              "--profile", profile, "ticket", "file", "--title", title->str,
                              "--category", "troubleshooting", "--severity", "s2", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, "ltsupport: ");
  lt_test_cli_assert_contains (run.err, "The title is longer than 200 characters");

  for (guint i = 0; i < 20001; i++)
    g_string_append_c (description, 'x');
  long_description = lt_test_cli_write_file ("long.txt", description->str);
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--json", "--title", "Down",
                   "--category", "troubleshooting", "--severity", "s2",
                   "--description-file", long_description, NULL);
  lt_test_cli_assert_json_error (&run, 2, "invalid-input", "The description is longer than 20000 characters");
  {
    g_autoptr(JsonArray) items = outbox_items (profile);

    g_assert_cmpuint (json_array_get_length (items), ==, 0);
  }
}

static void
test_file_queued (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonArray) tickets = NULL;
  g_autoptr(JsonNode) filed = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *payload, *ticket;

  /* The description on standard input; no portal is configured. */
  lt_test_cli_run_with_input (&run, "Error 500 on the dashboard.\nSince 09:00.\n",
                  "--profile", profile, "ticket", "file", "--title", "Dashboard broken",
                  "--category", "troubleshooting", "--degraded", "--break-fix",
                  "--version", "3.3.0", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Queued; run “ltsupport sync” to send it.\n");
  lt_test_cli_assert_contains (run.out, "Severity:");
  lt_test_cli_assert_contains (run.out, "s2");
  /* Only S1 and security incidents show the critical line. */
  lt_test_cli_assert_not_contains (run.out, "+1-317-886-0121");

  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (last_item (items), "kind"), ==, "ticket.create");
  g_assert_cmpstr (json_object_get_string_member (last_item (items), "state"), ==, "pending");
  payload = item_payload (last_item (items));
  g_assert_cmpstr (json_object_get_string_member (payload, "title"), ==, "Dashboard broken");
  g_assert_cmpstr (json_object_get_string_member (payload, "description"), ==,
                   "Error 500 on the dashboard.\nSince 09:00.\n");
  g_assert_cmpstr (json_object_get_string_member (payload, "severity"), ==, "s2");
  g_assert_cmpstr (json_object_get_string_member (payload, "category"), ==, "troubleshooting");
  g_assert_true (json_object_get_boolean_member (payload, "break_fix"));
  g_assert_cmpstr (json_object_get_string_member (payload, "product_version"), ==, "3.3.0");

  tickets = run_json_array (profile, "ticket", "list");
  g_assert_cmpuint (json_array_get_length (tickets), ==, 1);
  ticket = json_array_get_object_element (tickets, 0);
  g_assert_cmpstr (json_object_get_string_member (ticket, "state"), ==, "queued");
  g_assert_true (json_object_get_null_member (ticket, "id"));
  g_assert_cmpstr (json_object_get_string_member (ticket, "local_id"), ==,
                   json_object_get_string_member (last_item (items), "key"));

  /* --json says the same for a script. */
  lt_test_cli_run_with_input (&run, "Second.\n", "--profile", profile, "ticket", "file", "--title", "Second",
                  "--category", "configuration", "--limited", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  filed = lt_test_cli_json_answer (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (filed), "state"), ==, "queued");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (filed), "delivery"), ==, "queued");
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (filed), "severity"), ==, "s3");
  g_assert_true (json_object_get_null_member (json_node_get_object (filed), "id"));
}

static void
test_file_security (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autofree char *description = description_file ();
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *payload;

  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Intrusion",
                 "--category", "troubleshooting", "--security",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* §16: a security incident is S1, and the critical line is shown. */
  lt_test_cli_assert_contains (run.out, "s1 (security incident)");
  lt_test_cli_assert_contains (run.out, "+1-317-886-0121");
  items = outbox_items (profile);
  payload = item_payload (last_item (items));
  g_assert_cmpstr (json_object_get_string_member (payload, "severity"), ==, "s1");
  g_assert_true (json_object_get_boolean_member (payload, "security_incident"));
}

static void
test_file_out_of_scope (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autofree char *description = description_file ();
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  /* Not a terminal and no --yes: the acknowledgement is missing. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Our plugin",
                 "--category", "custom-code", "--severity", "s3",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, "Warning: ");
  lt_test_cli_assert_contains (run.err, "Professional Services");
  lt_test_cli_assert_contains (run.err, "an out-of-scope category");
  lt_test_cli_assert_contains (run.err, "--yes");
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);

  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Our plugin",
                 "--category", "custom-code", "--severity", "s3", "--yes",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_true (json_object_get_boolean_member (item_payload (last_item (items)), "scope_acknowledged"));
}

static void
test_file_eligibility (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autofree char *description = description_file ();
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  /* Below the floor (3.1.0 of the portal's catalog): unsupported. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Old",
                 "--category", "troubleshooting", "--severity", "s3", "--version", "3.0.0",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "3.0.0 is older than");
  lt_test_cli_assert_contains (run.err, "an unsupported version");

  /* §12: LT-2002 is fixed in 3.2.0, newer than the installed 3.1.0. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Known",
                 "--category", "troubleshooting", "--severity", "s3", "--version", "3.1.0",
                 "--known-issue", "LT-2002", "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "3.2.0");
  lt_test_cli_assert_contains (run.err, "a known issue fixed in a newer release");

  /* An issue no newer release fixes needs nothing. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Unfixed",
                 "--category", "troubleshooting", "--severity", "s3", "--version", "3.1.0",
                 "--known-issue", "LT-2999", "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* The installation's detected version is the one checked. */
  {
    g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
    g_autoptr(LtStoreInstallations) installations = lt_store_installations_new (store, NULL);
    g_autoptr(LtInstallation) lab = lt_installation_new ();
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GError) error = NULL;

    lt_installation_set_name (lab, "lab");
    lt_installation_set_host (lab, "lab.example.com");
    lt_installation_set_detected_version (lab, "3.1.0");
    lt_store_installations_add (installations, lab, now, &error);
    g_assert_no_error (error);
  }
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Known on lab",
                 "--category", "troubleshooting", "--severity", "s3", "--installation", "lab",
                 "--known-issue", "LT-2002", "--yes", "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 0);
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (item_payload (last_item (items)), "installation"), ==, "lab");
  g_assert_cmpstr (json_object_get_string_member (item_payload (last_item (items)), "product_version"), ==, "3.1.0");
}

static void
test_file_feature (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autofree char *description = description_file ();
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *criteria;

  /* §15: a feature request carries every criterion. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Dark mode",
                 "--category", "configuration", "--enhancement",
                 "--feature-criteria", "customer-impact=All analysts",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "regulatory-compliance=TEXT");
  lt_test_cli_assert_contains (run.err, "roadmap-alignment=TEXT");
  lt_test_cli_assert_not_contains (run.err, "customer-impact=TEXT");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Dark mode",
                 "--category", "configuration", "--enhancement",
                 "--feature-criteria", "customer-impact=All analysts",
                 "--feature-criteria", "regulatory-compliance=None",
                 "--feature-criteria", "strategic-value=Retention",
                 "--feature-criteria", "roadmap-alignment=UI refresh",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "next review is ");
  items = outbox_items (profile);
  criteria = json_object_get_object_member (item_payload (last_item (items)), "feature_criteria");
  g_assert_cmpstr (json_object_get_string_member (criteria, "customer-impact"), ==, "All analysts");
  g_assert_cmpstr (json_object_get_string_member (criteria, "roadmap-alignment"), ==, "UI refresh");
  g_assert_cmpstr (json_object_get_string_member (item_payload (last_item (items)), "severity"), ==, "feature");

  /* Criteria belong to feature requests only. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "Bug",
                 "--category", "configuration", "--severity", "s3",
                 "--feature-criteria", "customer-impact=x", "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_file_prompt (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autofree char *description = description_file ();
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  /* At a terminal the user is asked; "n" files nothing. */
  lt_test_cli_run_on_terminal (&run, "n\n", "--profile", profile, "ticket", "file", "--title", "Our plugin",
                   "--category", "custom-code", "--severity", "s3",
                   "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "Professional Services");
  lt_test_cli_assert_contains (run.err, "File the ticket anyway? [y/N]");
  lt_test_cli_assert_contains (run.err, "Not filed.");
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);

  /* "y", then the description typed on the terminal, ended by Ctrl-D. */
  lt_test_cli_run_on_terminal (&run, "y\nTyped at the terminal.\n\x04", "--profile", profile, "ticket", "file",
                   "--title", "Our plugin", "--category", "custom-code", "--severity", "s3", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Queued");
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (item_payload (last_item (items)), "description"), ==,
                   "Typed at the terminal.\n");
  g_assert_true (json_object_get_boolean_member (item_payload (last_item (items)), "scope_acknowledged"));

  /* The §15 criteria are asked for one by one. */
  lt_test_cli_run_on_terminal (&run, "Audit\nAll\nHigh\nYes\n", "--profile", profile, "ticket", "file",
                   "--title", "Export", "--category", "configuration", "--severity", "feature",
                   "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.err, "Regulatory compliance needs: ");
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item_payload (last_item (items)),
                                                                                 "feature_criteria"),
                                                  "regulatory-compliance"), ==, "Audit");
}

/* ---- ticket list / show ------------------------------------------------- */

static void
test_list_show (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  /* Ten days: whatever the weekday and hour the suite runs at, at least
   * five business days have passed (two days, from a Sunday evening, were
   * a Friday after LockThreat's closing: the target was still ahead). */
  g_autoptr(GDateTime) opened = now_offset (-10 * G_TIME_SPAN_DAY);
  g_autoptr(GDateTime) closed = now_offset (-G_TIME_SPAN_HOUR);
  g_autoptr(LtTicket) a = NULL;
  g_autoptr(LtTicket) b = NULL;
  g_autoptr(LtTicket) c = NULL;
  g_autoptr(JsonArray) list = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *object;

  a = insert_ticket (profile, "LT-000101", "Login fails for SSO users", LT_SEVERITY_S2,
                     LT_TICKET_STATE_IN_PROGRESS, opened, NULL, 0);
  b = insert_ticket (profile, "LT-000102", "Report export slow", LT_SEVERITY_S3,
                     LT_TICKET_STATE_CLOSED, opened, closed, 0);
  c = insert_ticket (profile, "LT-000103", "Add dark mode", LT_SEVERITY_FEATURE,
                     LT_TICKET_STATE_SUBMITTED, opened, NULL, 0);
  {
    g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
    g_autoptr(LtTicketEvent) comment = lt_ticket_event_new_comment (opened, "Support", "Which IdP?");
    LtTicketEvent *events[] = { comment };
    g_autoptr(GError) error = NULL;

    lt_store_replace_ticket_events (store, a, events, 1, &error);
    g_assert_no_error (error);
  }

  lt_test_cli_run (&run, "--profile", profile, "ticket", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "ID");
  lt_test_cli_assert_contains (run.out, "Response due");
  lt_test_cli_assert_contains (run.out, "LT-000101");
  lt_test_cli_assert_contains (run.out, "Login fails for SSO users");
  /* Opened ten days ago with a 2-hour target: the response is overdue. */
  lt_test_cli_assert_contains (run.out, "Breached");
  /* States in words beside the SLA's, as the app shows them; the
   * nicks are for --state and --json. */
  lt_test_cli_assert_contains (run.out, "In progress");
  lt_test_cli_assert_contains (run.out, "Submitted");
  lt_test_cli_assert_not_contains (run.out, "in-progress");

  list = run_json_array (profile, "ticket", "list");
  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  object = json_array_get_object_element (list, 0);
  {
    g_autoptr(GList) names = json_object_get_members (object);

    g_assert_cmpuint (g_list_length (names), ==, 11);
  }
  g_assert_nonnull (json_object_get_string_member (object, "response_due"));

  /* The filters of the list model. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "list", "--state", "closed", NULL);
  lt_test_cli_assert_contains (run.out, "LT-000102");
  lt_test_cli_assert_not_contains (run.out, "LT-000101");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "list", "--severity", "s2,feature", NULL);
  lt_test_cli_assert_contains (run.out, "LT-000101");
  lt_test_cli_assert_contains (run.out, "LT-000103");
  lt_test_cli_assert_not_contains (run.out, "LT-000102");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "list", "--search", "EXPORT", NULL);
  lt_test_cli_assert_contains (run.out, "LT-000102");
  lt_test_cli_assert_not_contains (run.out, "LT-000101");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "list", "--state", "pending", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "“pending”");

  /* One ticket: deadline in both zones, actions, history. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-000101", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "LT-000101  Login fails for SSO users\n");
  lt_test_cli_assert_contains (run.out, "at LockThreat, America/Indiana/Indianapolis)");
  lt_test_cli_assert_contains (run.out, "overdue by");
  lt_test_cli_assert_contains (run.out, "In progress\n");
  lt_test_cli_assert_contains (run.out, "Escalate");
  lt_test_cli_assert_contains (run.out, "ltsupport ticket escalate LT-000101");
  lt_test_cli_assert_contains (run.out, "History:");
  lt_test_cli_assert_contains (run.out, "Comment by Support: Which IdP?");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-000102", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  shown = lt_test_cli_json_answer (run.out);
  object = json_node_get_object (shown);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "closed");
  g_assert_nonnull (json_object_get_string_member (object, "reopen_until"));
  {
    JsonArray *actions = json_object_get_array_member (object, "actions");

    g_assert_cmpuint (json_array_get_length (actions), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (actions, 0), ==, "reopen");
  }
  g_assert_cmpstr (json_object_get_string_member (object, "tier"), ==, "enterprise");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-999999", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "“LT-999999”");
}

/* ---- actions on tickets ------------------------------------------------- */

static void
test_reopen (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autoptr(GDateTime) opened = lt_test_instant ("2020-01-02T15:00:00Z");
  /* Closed Monday 2020-01-06 10:00 in Indianapolis: the window ended
   * Monday 2020-01-13 10:00 -05:00. */
  g_autoptr(GDateTime) long_ago = lt_test_instant ("2020-01-06T15:00:00Z");
  g_autoptr(GDateTime) just_now = now_offset (-G_TIME_SPAN_MINUTE);
  g_autoptr(LtTicket) old = NULL;
  g_autoptr(LtTicket) recent = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  old = insert_ticket (profile, "LT-000201", "Old", LT_SEVERITY_S3, LT_TICKET_STATE_CLOSED,
                       opened, long_ago, 0);
  recent = insert_ticket (profile, "LT-000202", "Recent", LT_SEVERITY_S3, LT_TICKET_STATE_CLOSED,
                          opened, just_now, 0);

  lt_test_cli_run (&run, "--profile", profile, "ticket", "reopen", "LT-000201", "--reason", "Back", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, "LT-000201: ");
  lt_test_cli_assert_contains (run.err, "2020-01-13T15:00:00Z");
  lt_test_cli_assert_contains (run.err, "2020-01-13 10:00 -05:00 at LockThreat");
  lt_test_cli_assert_contains (run.err, "--references LT-000201");
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);

  /* A reason is required. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "reopen", "LT-000202", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "--reason");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "reopen", "LT-000202", "--reason", "Back", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Reopening LT-000202: queued");
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (count_items (items, "ticket.reopen"), ==, 1);

  /* After the window the way back is a new ticket that references it;
   * not for a ticket still open (LT-000202 was just reopened here). */
  {
    g_autofree char *description = description_file ();

    lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "It is back",
                   "--category", "troubleshooting", "--severity", "s3", "--references", "LT-000202",
                   "--description-file", description, NULL);
    g_assert_cmpint (run.status, ==, 1);
    lt_test_cli_assert_contains (run.err, "--references LT-000202: ");
    lt_test_cli_assert_contains (run.err, "“reopened”");
    lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--title", "It is back",
                   "--category", "troubleshooting", "--severity", "s3", "--references", "LT-000201",
                   "--description-file", description, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_clear_pointer (&items, json_array_unref);
    items = outbox_items (profile);
    g_assert_cmpstr (json_object_get_string_member (item_payload (last_item (items)), "references_ticket"),
                     ==, "LT-000201");
  }
}

static void
test_escalate (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autoptr(GDateTime) opened = now_offset (-3 * G_TIME_SPAN_DAY);
  g_autoptr(LtTicket) top = NULL;
  g_autoptr(LtTicket) low = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  top = insert_ticket (profile, "LT-000301", "Top", LT_SEVERITY_S1, LT_TICKET_STATE_IN_PROGRESS,
                       opened, NULL, 3);
  low = insert_ticket (profile, "LT-000302", "Low", LT_SEVERITY_S1, LT_TICKET_STATE_IN_PROGRESS,
                       opened, NULL, 1);

  lt_test_cli_run (&run, "--profile", profile, "ticket", "escalate", "LT-000301", "--reason", "Slow", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "highest escalation level");
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);

  lt_test_cli_run (&run, "--profile", profile, "ticket", "escalate", "LT-000302", "--reason", "Slow", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "level 2 (Director, Customer Experience)");
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (count_items (items, "ticket.escalate"), ==, 1);
}

static void
test_comment_attach_confirm (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autofree char *log = lt_test_cli_write_file ("server.log", "2026-11-26 ERROR boom\n");
  g_autofree char *missing = test_path ("no-such.log");
  g_autoptr(GDateTime) opened = now_offset (-3 * G_TIME_SPAN_DAY);
  g_autoptr(GDateTime) resolved = now_offset (-G_TIME_SPAN_HOUR);
  g_autoptr(LtTicket) open_ticket = NULL;
  g_autoptr(LtTicket) done = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  open_ticket = insert_ticket (profile, "LT-000401", "Open", LT_SEVERITY_S3,
                               LT_TICKET_STATE_IN_PROGRESS, opened, NULL, 0);
  done = insert_ticket (profile, "LT-000402", "Done", LT_SEVERITY_S3, LT_TICKET_STATE_RESOLVED,
                        opened, resolved, 0);

  lt_test_cli_run (&run, "--profile", profile, "ticket", "comment", "LT-000401", "--message", "Any news?", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "The comment on LT-000401: queued");
  lt_test_cli_run_with_input (&run, "From stdin.\n", "--profile", profile, "ticket", "comment", "LT-000401", NULL);
  g_assert_cmpint (run.status, ==, 0);

  lt_test_cli_run (&run, "--profile", profile, "ticket", "attach", "LT-000401", log, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "server.log");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "attach", "LT-000401", missing, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "no-such.log");

  /* Only a resolved ticket can be confirmed. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "confirm", "LT-000401", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "resolved");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "confirm", "LT-000402", NULL);
  g_assert_cmpint (run.status, ==, 0);

  items = outbox_items (profile);
  g_assert_cmpuint (count_items (items, "ticket.comment"), ==, 2);
  g_assert_cmpuint (count_items (items, "ticket.attachment"), ==, 1);
  g_assert_cmpuint (count_items (items, "ticket.confirm-closure"), ==, 1);

  /* The queued comment shows in the ticket's history at once. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-000401", NULL);
  lt_test_cli_assert_contains (run.out, "Any news?");
}

/* ---- text from outside ---------------------------------------------------- */

/* Titles, bodies and authors from the portal reach the terminal with
 * their controls escaped: an OSC retitles the terminal, CSI 2J clears it,
 * a C1 CSI (U+009B) does the same on many terminals, "\r" and "\n" in a
 * title draw a fake line. JSON keeps the exact text. */
static void
test_untrusted_text (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autoptr(GDateTime) opened = now_offset (-2 * G_TIME_SPAN_DAY);
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  const char *title = "\033]0;pwned\007Login fails\rState: closed\nFake: line";

  ticket = insert_ticket (profile, "LT-000901", title, LT_SEVERITY_S2,
                          LT_TICKET_STATE_IN_PROGRESS, opened, NULL, 0);
  {
    g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
    g_autoptr(LtTicketEvent) comment =
      lt_ticket_event_new_comment (opened, "Sup\033[2Jport", "Line one\r\nLine \302\233""31mtwo\033[2J");
    LtTicketEvent *events[] = { comment };
    g_autoptr(GError) error = NULL;

    lt_ticket_set_description (ticket, "Steps:\n\0331. \033[2Jlog in");
    lt_store_upsert_ticket (store, ticket, opened, &error);
    g_assert_no_error (error);
    lt_store_replace_ticket_events (store, ticket, events, 1, &error);
    g_assert_no_error (error);
  }

  for (guint i = 0; i < 2; i++)
    {
      if (i == 0)
        lt_test_cli_run (&run, "--profile", profile, "ticket", "list", NULL);
      else
        lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-000901", NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_null (strchr (run.out, '\033'));
      g_assert_null (strchr (run.out, '\007'));
      g_assert_null (strchr (run.out, '\r'));
      g_assert_null (strstr (run.out, "\302\233"));
      lt_test_cli_assert_contains (run.out, "\\u001b]0;pwned\\u0007Login");
      lt_test_cli_assert_not_contains (run.out, "\nFake: line");
    }
  /* The body keeps its lines; the author is one line. */
  lt_test_cli_assert_contains (run.out, "\\u001b[2Jlog in");
  lt_test_cli_assert_contains (run.out, "Comment by Sup\\u001b[2Jport: Line one\n");
  lt_test_cli_assert_contains (run.out, "Line \\u009b31mtwo\\u001b[2J");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-000901", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strchr (run.out, '\033'));
  g_assert_null (strstr (run.out, "\302\233"));
  shown = lt_test_cli_json_answer (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown), "title"), ==, title);

  /* A maintenance window's title is one line too. */
  {
    g_autoptr(GDateTime) starts = now_offset (2 * G_TIME_SPAN_DAY);
    g_autoptr(GDateTime) ends = now_offset (2 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR);

    insert_window (profile, "mw-hostile", LT_MAINTENANCE_KIND_SCHEDULED,
                   "Upgrade\nmw-fake  Cancelled\033[2J", starts, ends, opened);
    lt_test_cli_run (&run, "--profile", profile, "maintenance", "list", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strchr (run.out, '\033'));
    lt_test_cli_assert_contains (run.out, "mw-hostile  Upgrade\\u000amw-fake  Cancelled\\u001b[2J\n");
  }
}

/* What the CLI sends gets the review the app's assistant makes: likely
 * secrets are listed (masked) and need --yes or a "y" at the terminal;
 * the portal token itself is never queued, whatever is answered. */
static void
test_secrets_review (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autoptr(GDateTime) opened = now_offset (-2 * G_TIME_SPAN_DAY);
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  const char *token = "ltk_TestToken0123456789abcdefXYZ";
  g_autofree char *secret_log = lt_test_cli_write_file ("secret.log", "connecting\npassword=Hunter2Secret!\n");
  g_autofree char *token_log = NULL;

  ticket = insert_ticket (profile, "LT-000951", "Open", LT_SEVERITY_S3,
                          LT_TICKET_STATE_IN_PROGRESS, opened, NULL, 0);
  {
    g_autofree char *tail = g_strdup_printf (" Authorization: Bearer %s\n", token);
    g_autoptr(GString) contents = g_string_new_len ("binary\001\002\0", 9);
    g_autofree char *path = test_path ("token.log");
    g_autoptr(GError) error = NULL;

    /* The token after a NUL byte: the check must not stop at it. */
    g_string_append (contents, tail);
    g_file_set_contents (path, contents->str, contents->len, &error);
    g_assert_no_error (error);
    token_log = g_steal_pointer (&path);
  }

  /* No terminal to ask on and no --yes: refused, nothing queued, the
   * secret not repeated. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "comment", "LT-000951",
                 "--message", "Tried again with password=Hunter2Secret!", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "--message, line 1: Password");
  lt_test_cli_assert_contains (run.err, "--yes");
  lt_test_cli_assert_not_contains (run.err, "Hunter2Secret");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "attach", "LT-000951", secret_log, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "secret.log, line 2: Password");
  lt_test_cli_assert_not_contains (run.err, "Hunter2Secret");
  lt_test_cli_run_with_input (&run, "Login fails.\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n",
                  "--profile", profile, "ticket", "file", "--title", "Dashboard broken",
                  "--category", "troubleshooting", "--degraded", "--break-fix",
                  "--version", "3.3.0", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "Private key");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "escalate", "LT-000951",
                 "--reason", "Still down; the admin password=Hunter2Secret! fails", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "--reason, line 1: Password");
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
  g_clear_pointer (&items, json_array_unref);

  /* At a terminal, "n" keeps it back; --yes sends it. */
  lt_test_cli_run_on_terminal (&run, "n\n", "--profile", profile, "ticket", "comment", "LT-000951",
                   "--message", "password=Hunter2Secret!", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.err, "Not sent.");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "comment", "LT-000951",
                 "--message", "password=Hunter2Secret!", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_run (&run, "--profile", profile, "ticket", "attach", "LT-000951", secret_log, "--yes", NULL);
  g_assert_cmpint (run.status, ==, 0);
  items = outbox_items (profile);
  g_assert_cmpuint (count_items (items, "ticket.comment"), ==, 1);
  g_assert_cmpuint (count_items (items, "ticket.attachment"), ==, 1);
  g_clear_pointer (&items, json_array_unref);

  /* The token: refused even with --yes, in text and in any file, and
   * never printed. */
  lt_test_cli_setenv ("LTSUPPORT_TOKEN", token);
  {
    g_autofree char *message = g_strdup_printf ("my token is %s", token);

    lt_test_cli_run (&run, "--profile", profile, "ticket", "comment", "LT-000951",
                   "--message", message, "--yes", NULL);
    g_assert_cmpint (run.status, ==, 2);
    lt_test_cli_assert_contains (run.err, "portal token");
    lt_test_cli_assert_not_contains (run.err, token);
    lt_test_cli_assert_not_contains (run.out, token);
    lt_test_cli_run (&run, "--profile", profile, "ticket", "attach", "LT-000951", token_log, "--yes", NULL);
    g_assert_cmpint (run.status, ==, 2);
    lt_test_cli_assert_contains (run.err, "portal token");
    lt_test_cli_assert_not_contains (run.err, token);
    lt_test_cli_run (&run, "--profile", profile, "ticket", "escalate", "LT-000951",
                   "--reason", message, "--yes", NULL);
    g_assert_cmpint (run.status, ==, 2);
    lt_test_cli_assert_contains (run.err, "portal token");
    lt_test_cli_run_with_input (&run, message, "--profile", profile, "ticket", "file", "--title", "Dashboard broken",
                    "--category", "troubleshooting", "--degraded", "--break-fix",
                    "--version", "3.3.0", "--yes", NULL);
    g_assert_cmpint (run.status, ==, 2);
    lt_test_cli_assert_contains (run.err, "portal token");
  }
  lt_test_cli_setenv ("LTSUPPORT_TOKEN", NULL);
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
}

/* ---- change notices ----------------------------------------------------- */

static void
test_change_notice_late (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autoptr(GDateTime) start = now_offset (2 * G_TIME_SPAN_HOUR);
  g_autoptr(GDateTime) end = now_offset (3 * G_TIME_SPAN_HOUR);
  g_autofree char *start_text = g_date_time_format_iso8601 (start);
  g_autofree char *end_text = g_date_time_format_iso8601 (end);
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonArray) notices = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *notice;

  /* Hours ahead is always short of 3 business days. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "submit", "--kind", "database-schema",
                 "--title", "Add index", "--start", start_text, "--end", end_text, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "not liable");
  lt_test_cli_assert_contains (run.err, "a late notice");
  lt_test_cli_assert_contains (run.err, "--yes");
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);

  lt_test_cli_run (&run, "--profile", profile, "change-notice", "submit", "--kind", "database-schema",
                 "--title", "Add index", "--start", start_text, "--end", end_text,
                 "--systems", "db-1, db-2", "--risk", "medium", "--yes", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "marked late: queued");
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (count_items (items, "change-notice.create"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (item_payload (last_item (items)), "risk"), ==, "medium");

  notices = run_json_array (profile, "change-notice", "list");
  g_assert_cmpuint (json_array_get_length (notices), ==, 1);
  notice = json_array_get_object_element (notices, 0);
  g_assert_cmpstr (json_object_get_string_member (notice, "state"), ==, "queued");
  g_assert_true (json_object_get_boolean_member (notice, "late"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (notice, "systems")), ==, 2);

  /* Withdrawn by its local id while still queued. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "withdraw",
                 json_object_get_string_member (notice, "local_id"), NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (count_items (items, "change-notice.withdraw"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (last_item (items), "depends_on"), ==,
                   json_object_get_string_member (notice, "local_id"));

  lt_test_cli_run (&run, "--profile", profile, "change-notice", "withdraw", "CN-404", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_change_notice_on_time (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autoptr(GDateTime) start = now_offset (30 * G_TIME_SPAN_DAY);
  g_autoptr(GDateTime) end = now_offset (30 * G_TIME_SPAN_DAY + 2 * G_TIME_SPAN_HOUR);
  g_autoptr(GDateTime) window_start = now_offset (30 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR);
  g_autoptr(GDateTime) window_end = now_offset (30 * G_TIME_SPAN_DAY + 4 * G_TIME_SPAN_HOUR);
  g_autoptr(GDateTime) announced = now_offset (-G_TIME_SPAN_DAY);
  g_autofree char *start_text = g_date_time_format_iso8601 (start);
  g_autofree char *end_text = g_date_time_format_iso8601 (end);
  g_autofree char *description = lt_test_cli_write_file ("change.txt", "Reindex the events table.");
  g_autoptr(JsonArray) notices = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  insert_window (profile, "mw-overlap", LT_MAINTENANCE_KIND_SCHEDULED, "Storage upgrade",
                 window_start, window_end, announced);

  /* On time: no acknowledgement needed; the overlap is a warning only. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "submit", "--kind", "infrastructure",
                 "--title", "Move racks", "--start", start_text, "--end", end_text,
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.err, "overlaps the LockThreat maintenance window “Storage upgrade”");
  lt_test_cli_assert_not_contains (run.err, "liable");
  lt_test_cli_assert_contains (run.out, "Change notice ");
  notices = run_json_array (profile, "change-notice", "list");
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (notices, 0), "late"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (notices, 0), "description"), ==,
                   "Reindex the events table.");

  /* An end before the start is bad input. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "submit", "--kind", "infrastructure",
                 "--title", "Backwards", "--start", end_text, "--end", start_text, NULL);
  g_assert_cmpint (run.status, ==, 2);
  /* A time without an offset is refused. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "submit", "--kind", "infrastructure",
                 "--title", "Local", "--start", "2027-01-05T10:00:00", "--end", end_text, NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "--start");

  /* A notice goes to LockThreat too: a likely secret needs --yes. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "submit", "--kind", "infrastructure",
                 "--title", "Rotate keys", "--start", start_text, "--end", end_text,
                 "--rollback-plan", "log in with password=Hunter2Secret! and revert", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "--rollback-plan, line 1: Password");
  lt_test_cli_assert_not_contains (run.err, "Hunter2Secret");
  g_clear_pointer (&notices, json_array_unref);
  notices = run_json_array (profile, "change-notice", "list");
  g_assert_cmpuint (json_array_get_length (notices), ==, 1);
}

/* `change-notice show`: everything sent and LockThreat's review with its
 * text (a hostile escape shown, never sent to the terminal); `reschedule`:
 * a new notice with the same content at the new dates, queued as one
 * change-notice.reschedule item naming the old one, which is shown
 * withdrawn at once and cannot be moved twice. */
static void
test_change_notice_show_reschedule (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autoptr(GDateTime) start = now_offset (10 * G_TIME_SPAN_DAY);
  g_autoptr(GDateTime) end = now_offset (10 * G_TIME_SPAN_DAY + 2 * G_TIME_SPAN_HOUR);
  g_autoptr(GDateTime) new_start = now_offset (20 * G_TIME_SPAN_DAY);
  g_autoptr(GDateTime) new_end = now_offset (20 * G_TIME_SPAN_DAY + 2 * G_TIME_SPAN_HOUR);
  g_autofree char *start_text = g_date_time_format_iso8601 (new_start);
  g_autofree char *end_text = g_date_time_format_iso8601 (new_end);
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonArray) notices = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *payload, *body;
  const char *new_local_id = NULL;

  {
    g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
    g_autoptr(LtChangeNotice) notice = lt_change_notice_new ();
    g_autoptr(GDateTime) now = now_offset (0);
    g_autoptr(GError) error = NULL;
    static const char * const systems[] = { "nw-col-01", NULL };

    lt_change_notice_set_id (notice, "CN-000050");
    lt_change_notice_set_kind (notice, LT_CHANGE_KIND_INFRASTRUCTURE);
    lt_change_notice_set_title (notice, "Upgrade the collectors");
    lt_change_notice_set_description (notice, "One at a time.");
    lt_change_notice_set_systems (notice, systems);
    lt_change_notice_set_planned_start (notice, start);
    lt_change_notice_set_planned_end (notice, end);
    lt_change_notice_set_rollback_plan (notice, "Restore the snapshot.");
    lt_change_notice_set_risk (notice, LT_RISK_MEDIUM);
    lt_change_notice_set_state (notice, LT_CHANGE_STATE_REVIEWED);
    lt_change_notice_set_review_outcome (notice, LT_REVIEW_OUTCOME_CONCERNS);
    lt_change_notice_set_review_text (notice, "Not during the feed migration.\nMove it a week.\033[2J");
    g_assert_true (lt_store_upsert_change_notice (store, notice, now, &error));
    g_assert_no_error (error);
  }

  lt_test_cli_run (&run, "--profile", profile, "change-notice", "show", "CN-000050", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Upgrade the collectors");
  lt_test_cli_assert_contains (run.out, "reviewed (concerns)");
  lt_test_cli_assert_contains (run.out, "LockThreat's review:");
  lt_test_cli_assert_contains (run.out, "  Not during the feed migration.\n  Move it a week.\\u001b[2J");
  lt_test_cli_assert_not_contains (run.out, "\033");
  lt_test_cli_assert_contains (run.out, "Rollback plan:");
  lt_test_cli_assert_contains (run.out, "  Restore the snapshot.");
  lt_test_cli_assert_contains (run.out, "nw-col-01");

  lt_test_cli_run (&run, "--profile", profile, "change-notice", "show", "CN-000050", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  shown = lt_test_cli_json_answer (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown), "review_text"), ==,
                   "Not during the feed migration.\nMove it a week.\033[2J");

  lt_test_cli_run (&run, "--profile", profile, "change-notice", "reschedule", "CN-000050",
                 "--start", start_text, "--end", end_text, NULL);
  g_assert_cmpint (run.status, ==, 0);
  items = outbox_items (profile);
  g_assert_cmpuint (count_items (items, "change-notice.reschedule"), ==, 1);
  payload = item_payload (last_item (items));
  g_assert_cmpstr (json_object_get_string_member (payload, "id"), ==, "CN-000050");
  body = json_object_get_object_member (payload, "body");
  g_assert_cmpstr (json_object_get_string_member (body, "title"), ==, "Upgrade the collectors");
  g_assert_cmpstr (json_object_get_string_member (body, "rollback_plan"), ==, "Restore the snapshot.");
  g_assert_false (json_object_has_member (body, "replaces"));

  notices = run_json_array (profile, "change-notice", "list");
  g_assert_cmpuint (json_array_get_length (notices), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *notice = json_array_get_object_element (notices, i);

      if (g_strcmp0 (json_object_get_string_member (notice, "id"), "CN-000050") == 0)
        g_assert_cmpstr (json_object_get_string_member (notice, "state"), ==, "withdrawn");
      else
        {
          g_assert_cmpstr (json_object_get_string_member (notice, "state"), ==, "queued");
          new_local_id = json_object_get_string_member (notice, "local_id");
        }
    }
  g_assert_nonnull (new_local_id);
  g_assert_cmpstr (json_object_get_string_member (last_item (items), "key"), ==, new_local_id);
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "show", new_local_id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Replaces");
  lt_test_cli_assert_contains (run.out, "CN-000050");

  /* Moved already: not twice. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "reschedule", "CN-000050",
                 "--start", start_text, "--end", end_text, NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (count_items (items, "change-notice.reschedule"), ==, 1);
}

/* ---- maintenance ---------------------------------------------------------- */

static void
test_maintenance (void)
{
  g_autofree char *profile = new_profile (TRUE, TRUE);
  g_autofree char *ics = test_path ("maintenance.ics");
  g_autoptr(GDateTime) past_start = now_offset (-3 * G_TIME_SPAN_DAY);
  g_autoptr(GDateTime) past_end = now_offset (-3 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR);
  g_autoptr(GDateTime) next_start = now_offset (2 * G_TIME_SPAN_DAY);
  g_autoptr(GDateTime) next_end = now_offset (2 * G_TIME_SPAN_DAY + 2 * G_TIME_SPAN_HOUR);
  g_autoptr(GDateTime) next_announced = now_offset (-G_TIME_SPAN_DAY);
  g_autoptr(GDateTime) emergency_start = now_offset (5 * G_TIME_SPAN_DAY);
  g_autoptr(GDateTime) emergency_end = now_offset (5 * G_TIME_SPAN_DAY + G_TIME_SPAN_HOUR);
  g_autoptr(GDateTime) emergency_announced = now_offset (5 * G_TIME_SPAN_DAY - 20 * G_TIME_SPAN_MINUTE);
  g_autoptr(JsonArray) windows = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  JsonObject *window;
  guint events = 0;

  insert_window (profile, "mw-past", LT_MAINTENANCE_KIND_SCHEDULED, "Old one", past_start, past_end,
                 past_start);
  insert_window (profile, "mw-next", LT_MAINTENANCE_KIND_SCHEDULED, "Database upgrade, phase 1",
                 next_start, next_end, next_announced);
  insert_window (profile, "mw-emergency", LT_MAINTENANCE_KIND_EMERGENCY, "Certificate rotation",
                 emergency_start, emergency_end, emergency_announced);

  /* By default the windows not over yet, earliest first. */
  windows = run_json_array (profile, "maintenance", "list");
  g_assert_cmpuint (json_array_get_length (windows), ==, 2);
  window = json_array_get_object_element (windows, 0);
  g_assert_cmpstr (json_object_get_string_member (window, "id"), ==, "mw-next");
  g_assert_false (json_object_get_boolean_member (window, "notice_short"));
  /* Reminders from core: 24 h and 1 h before the start. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (window, "reminders")), ==, 2);
  window = json_array_get_object_element (windows, 1);
  g_assert_cmpstr (json_object_get_string_member (window, "id"), ==, "mw-emergency");
  /* Announced 20 minutes ahead: 40 minutes short of the hour. */
  g_assert_true (json_object_get_boolean_member (window, "notice_short"));
  g_assert_cmpint (json_object_get_int_member (window, "notice_short_by_seconds"), ==, 40 * 60);

  lt_test_cli_run (&run, "--profile", profile, "maintenance", "list", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "mw-emergency  Certificate rotation");
  lt_test_cli_assert_contains (run.out, "Short notice:");
  lt_test_cli_assert_contains (run.out, "Reminders:");
  lt_test_cli_assert_not_contains (run.out, "mw-past");

  /* A range that includes the past. */
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (past_start);
    g_autofree char *from = g_date_time_format (local, "%Y-%m-%d");

    lt_test_cli_run (&run, "--profile", profile, "maintenance", "list", "--from", from, NULL);
    lt_test_cli_assert_contains (run.out, "mw-past");
    lt_test_cli_run (&run, "--profile", profile, "maintenance", "list", "--from", from, "--to", from, NULL);
    lt_test_cli_assert_contains (run.out, "mw-past");
    lt_test_cli_assert_not_contains (run.out, "mw-next");
  }
  lt_test_cli_run (&run, "--profile", profile, "maintenance", "list", "--from", "yesterday", NULL);
  g_assert_cmpint (run.status, ==, 2);
  lt_test_cli_assert_contains (run.err, "“yesterday”");

  /* --ics: the same windows as RFC 5545. */
  lt_test_cli_run (&run, "--profile", profile, "maintenance", "list", "--ics", ics, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Saved 2 windows to ");
  g_file_get_contents (ics, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  g_assert_true (g_str_has_suffix (contents, "END:VCALENDAR\r\n"));
  for (const char *p = contents; (p = strstr (p, "BEGIN:VEVENT\r\n")) != NULL; p++)
    events++;
  g_assert_cmpuint (events, ==, 2);
  lt_test_cli_assert_contains (contents, "UID:maintenance-mw-next@support.lockthreat.com\r\n");
  lt_test_cli_assert_contains (contents, "UID:maintenance-mw-emergency@support.lockthreat.com\r\n");
  lt_test_cli_assert_contains (contents, "SUMMARY:Database upgrade\\, phase 1\r\n");
  lt_test_cli_assert_contains (contents, "TRIGGER:-PT24H\r\n");
  lt_test_cli_assert_not_contains (contents, "mw-past");
  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (next_start);
    g_autofree char *dtstart = g_date_time_format (utc, "DTSTART:%Y%m%dT%H%M%SZ\r\n");

    lt_test_cli_assert_contains (contents, dtstart);
  }
  /* Every line ends in CRLF and is at most 75 octets. */
  {
    g_auto(GStrv) lines = g_strsplit (contents, "\r\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_assert_null (strchr (lines[i], '\n'));
        g_assert_cmpuint (strlen (lines[i]), <=, 75);
      }
  }

  /* "-" prints the calendar alone. */
  lt_test_cli_run (&run, "--profile", profile, "maintenance", "list", "--ics", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_suffix (run.out, "END:VCALENDAR\r\n"));
}


/* ---- online: the reference portal ----------------------------------------- */

#define DEVPORTAL_TOKEN "test-token-cli-7d41"

/* The portal must not outlive a test that failed half-way. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
test_online (void)
{
  const char *devportal = g_getenv ("LT_DEVPORTAL");
  g_autofree char *profile = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) portal = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonNode) shown = NULL;
  g_autofree char *url = NULL;
  g_autofree char *id = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  if (devportal == NULL)
    {
      g_test_skip ("the reference portal is not built (-Ddevportal=false)");
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "LTSUPPORT_DEVPORTAL_TOKEN", DEVPORTAL_TOKEN, TRUE);
  portal = g_subprocess_launcher_spawn (launcher, &error, devportal, "--listen", "127.0.0.1:0",
                                        "--demo", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (portal));
  url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  lt_test_cli_setenv ("LTSUPPORT_TOKEN", DEVPORTAL_TOKEN);
  profile = new_profile (FALSE, FALSE);
  description = description_file ();

  /* The account (and its primary contact) comes with the first sync. */
  lt_test_cli_run (&run, "--profile", profile, "--portal", url, "sync", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* Filing sends the ticket at once and says under which id. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--portal", url,
                 "--title", "Filed online", "--category", "troubleshooting", "--severity", "s2",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Filed as LT-"));
  lt_test_cli_assert_contains (run.out, "Response due:");
  id = g_strndup (run.out + strlen ("Filed as "), strcspn (run.out + strlen ("Filed as "), ".\n"));

  items = outbox_items (profile);
  g_assert_cmpstr (json_object_get_string_member (last_item (items), "kind"), ==, "ticket.create");
  g_assert_cmpstr (json_object_get_string_member (last_item (items), "state"), ==, "sent");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", id, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  shown = lt_test_cli_json_answer (run.out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (shown), "state"), ==, "submitted");
  g_assert_nonnull (json_object_get_string_member (json_node_get_object (shown), "opened_at"));

  lt_test_cli_run (&run, "--profile", profile, "--portal", url, "ticket", "comment", id,
                 "--message", "Logs attached soon.", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Comment added to LT-");

  /* The portal gone: queued, and said so. */
  g_subprocess_force_exit (portal);
  g_subprocess_wait (portal, NULL, NULL);
  lt_test_cli_run (&run, "--profile", profile, "ticket", "file", "--portal", url,
                 "--title", "Filed offline", "--category", "troubleshooting", "--severity", "s3",
                 "--description-file", description, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Queued (offline): will be sent with the next sync.\n"));
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpstr (json_object_get_string_member (last_item (items), "state"), ==, "pending");

  lt_test_cli_setenv ("LTSUPPORT_TOKEN", NULL);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/cli-portal/ticket/file/no-contact", test_file_no_contact);
  g_test_add_func ("/lt/cli-portal/ticket/file/usage", test_file_usage);
  g_test_add_func ("/lt/cli-portal/ticket/file/too-long", test_file_too_long);
  g_test_add_func ("/lt/cli-portal/ticket/file/queued", test_file_queued);
  g_test_add_func ("/lt/cli-portal/ticket/file/security", test_file_security);
  g_test_add_func ("/lt/cli-portal/ticket/file/out-of-scope", test_file_out_of_scope);
  g_test_add_func ("/lt/cli-portal/ticket/file/eligibility", test_file_eligibility);
  g_test_add_func ("/lt/cli-portal/ticket/file/feature", test_file_feature);
  g_test_add_func ("/lt/cli-portal/ticket/file/prompt", test_file_prompt);
  g_test_add_func ("/lt/cli-portal/ticket/list-show", test_list_show);
  g_test_add_func ("/lt/cli-portal/ticket/reopen", test_reopen);
  g_test_add_func ("/lt/cli-portal/ticket/escalate", test_escalate);
  g_test_add_func ("/lt/cli-portal/ticket/comment-attach-confirm", test_comment_attach_confirm);
  g_test_add_func ("/lt/cli-portal/untrusted-text", test_untrusted_text);
  g_test_add_func ("/lt/cli-portal/secrets-review", test_secrets_review);
  g_test_add_func ("/lt/cli-portal/change-notice/late", test_change_notice_late);
  g_test_add_func ("/lt/cli-portal/change-notice/on-time", test_change_notice_on_time);
  g_test_add_func ("/lt/cli-portal/change-notice/show-reschedule", test_change_notice_show_reschedule);
  g_test_add_func ("/lt/cli-portal/maintenance", test_maintenance);
  g_test_add_func ("/lt/cli-portal/online", test_online);

  return g_test_run ();
}
