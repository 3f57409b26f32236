/* test-cli-unmask.c: `ltsupport ticket show` reads the vendor's answer
 * back (issue 14, point 7; docs/bundle.md, "Reading the answer back")
 *
 * A real profile (sqlite file) with a redaction map, as a bundle leaves
 * it, and a ticket whose history holds LockThreat's comment and
 * attachment note naming host0 and 240.0.0.17 and the customer's own
 * comment naming host0: the real binary shows the originals beside the
 * vendor's names only, through the displayable-text path; --no-unmask
 * shows the text as sent; --json keeps the text as sent and lists the
 * spans (validated against data/schemas/ticket-show.schema.json by the
 * harness).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-unmask"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lt-account.h"
#include "lt-contact.h"
#include "lt-redaction-map.h"
#include "lt-store.h"
#include "lt-store-account.h"
#include "lt-store-redaction-map.h"
#include "lt-store-tickets.h"
#include "lt-test-cli.h"
#include "lt-test-util.h"

#define TICKET_ID "LT-000414"
#define SUPPORT "Dana Whitfield (LockThreat Support)"
/* Characters before the replacements, so that offsets in characters and
 * in bytes differ. */
#define VENDOR_COMMENT "Grüße: host0 fails to reach 240.0.0.17; is keyword0 set on user0?"
#define CUSTOMER_COMMENT "Is host0 the one behind the firewall?"
#define VENDOR_NOTE "Patched config for host0"

/* A profile whose map knows vault, 10.0.3.17, alice and a keyword with a
 * terminal escape in it (an admin's regular expression can match one),
 * and whose account names the customer "Northwind Logistics" with its
 * contact "Ada Lovelace". */
static char *
dup_profile (gboolean with_map)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "test-cli-unmask", NULL);
  char *profile = g_build_filename (dir, "profile", NULL);
  g_autofree char *db = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-25T16:00:00Z");
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-20T15:00:00Z");
  g_autoptr(GDateTime) asked = lt_test_instant ("2026-11-21T15:00:00Z");
  g_autoptr(GDateTime) answered = lt_test_instant ("2026-11-21T16:00:00Z");
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtAccount) account = lt_account_new ();
  g_autoptr(LtContact) contact = lt_contact_new ("Ada Lovelace", "ada.lovelace@northwind.example",
                                                 "+1 317 555 0142");
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(LtTicketEvent) vendor = lt_ticket_event_new_comment (asked, SUPPORT, VENDOR_COMMENT);
  g_autoptr(LtTicketEvent) customer = lt_ticket_event_new_comment (answered, "Ada Lovelace", CUSTOMER_COMMENT);
  g_autoptr(LtTicketEvent) note = lt_ticket_event_new_attachment (answered, SUPPORT, "collector.ini", 120);
  LtTicketEvent *events[] = { vendor, customer, note };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (profile, 0700), ==, 0);
  store = lt_store_open (db, NULL, &error);
  g_assert_no_error (error);

  lt_account_set_customer_name (account, "Northwind Logistics");
  lt_account_set_tier (account, LT_TIER_ENTERPRISE);
  lt_account_set_primary_contact (account, contact);
  g_assert_true (lt_store_save_account (store, account, now, &error));
  g_assert_no_error (error);

  if (with_map)
    {
      g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
      g_autofree char *host = lt_redaction_map_replace (map, LT_REDACTION_KIND_HOSTNAME, "vault");
      g_autofree char *ip = lt_redaction_map_replace (map, LT_REDACTION_KIND_IPV4, "10.0.3.17");
      g_autofree char *user = lt_redaction_map_replace (map, LT_REDACTION_KIND_USER, "alice");
      g_autofree char *keyword = lt_redaction_map_replace (map, LT_REDACTION_KIND_KEYWORD, "bluefin\x1b]0;owned\x07");

      g_assert_cmpstr (host, ==, "host0");
      g_assert_cmpstr (ip, ==, "240.0.0.17");
      g_assert_cmpstr (user, ==, "user0");
      g_assert_cmpstr (keyword, ==, "keyword0");
      g_assert_true (lt_store_set_redaction_map (store, map, now, &error));
      g_assert_no_error (error);
    }

  lt_ticket_set_id (ticket, TICKET_ID);
  lt_ticket_set_title (ticket, "Collector cannot reach its secrets store");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, LT_TICKET_STATE_IN_PROGRESS);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, answered);
  g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
  g_assert_no_error (error);
  lt_ticket_event_set_id (vendor, "EV-000001");
  lt_ticket_event_set_id (customer, "EV-000002");
  lt_ticket_event_set_id (note, "EV-000003");
  lt_ticket_event_set_body (note, VENDOR_NOTE);
  g_assert_true (lt_store_replace_ticket_events (store, ticket, events, G_N_ELEMENTS (events), &error));
  g_assert_no_error (error);

  return profile;
}

/* By default the vendor's names have their originals beside them, the
 * customer's own text is as written, and nothing reaches the terminal
 * unescaped. */
static void
test_show (void)
{
  g_autofree char *profile = dup_profile (TRUE);
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", TICKET_ID, NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out,
                               "Grüße: host0 (vault) fails to reach 240.0.0.17 (10.0.3.17); "
                               "is keyword0 (bluefin\\u001b]0;owned\\u0007) set on user0 (alice)?");
  lt_test_cli_assert_contains (run.out, "Attached collector.ini");
  lt_test_cli_assert_contains (run.out, "Patched config for host0 (vault)");
  lt_test_cli_assert_contains (run.out, CUSTOMER_COMMENT);
  lt_test_cli_assert_not_contains (run.out, "host0 (vault) the one");
  lt_test_cli_assert_contains (run.out, "Names in brackets are the real ones");
  g_assert_null (strchr (run.out, '\x1b'));
  g_assert_null (strchr (run.out, '\x07'));
}

/* --no-unmask: as sent, no original anywhere. */
static void
test_no_unmask (void)
{
  g_autofree char *profile = dup_profile (TRUE);
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", TICKET_ID, "--no-unmask", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, VENDOR_COMMENT);
  lt_test_cli_assert_contains (run.out, VENDOR_NOTE "\n");
  lt_test_cli_assert_not_contains (run.out, "vault");
  lt_test_cli_assert_not_contains (run.out, "10.0.3.17");
  lt_test_cli_assert_not_contains (run.out, "alice");
  lt_test_cli_assert_not_contains (run.out, "Names in brackets");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", TICKET_ID, "--no-unmask", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  {
    g_autoptr(JsonObject) shown = lt_test_cli_json_object (run.out);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (shown, "unmasked")), ==, 0);
  }
  lt_test_cli_assert_not_contains (run.out, "vault");
}

/* A profile that never made a bundle: the text as sent, no note. */
static void
test_no_map (void)
{
  g_autofree char *profile = dup_profile (FALSE);
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", TICKET_ID, NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, VENDOR_COMMENT);
  lt_test_cli_assert_not_contains (run.out, "Names in brackets");
}

static void
assert_span (JsonArray  *spans,
             guint       i,
             const char *event_id,
             gint64      offset,
             const char *replacement,
             const char *kind,
             const char *original)
{
  JsonObject *span = json_array_get_object_element (spans, i);

  lt_test_cli_assert_members (span, "event_id,kind,length,offset,original,replacement");
  g_assert_cmpstr (json_object_get_string_member (span, "event_id"), ==, event_id);
  g_assert_cmpint (json_object_get_int_member (span, "offset"), ==, offset);
  g_assert_cmpint (json_object_get_int_member (span, "length"), ==, g_utf8_strlen (replacement, -1));
  g_assert_cmpstr (json_object_get_string_member (span, "replacement"), ==, replacement);
  g_assert_cmpstr (json_object_get_string_member (span, "kind"), ==, kind);
  g_assert_cmpstr (json_object_get_string_member (span, "original"), ==, original);
}

/* --json: the events' text as sent, the spans beside it, offsets in
 * characters. */
static void
test_json (void)
{
  g_autofree char *profile = dup_profile (TRUE);
  g_auto(LtTestCliRun) run = { 0 };
  g_autoptr(JsonObject) shown = NULL;
  JsonArray *events;
  JsonArray *spans;

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", TICKET_ID, "--json", NULL);
  lt_test_cli_assert_ok (&run);
  shown = lt_test_cli_json_object (run.out);

  events = json_object_get_array_member (shown, "events");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "body"), ==,
                   VENDOR_COMMENT);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 2), "body"), ==,
                   VENDOR_NOTE);

  spans = json_object_get_array_member (shown, "unmasked");
  g_assert_cmpuint (json_array_get_length (spans), ==, 5);
  assert_span (spans, 0, "EV-000001", 7, "host0", "hostname", "vault");
  assert_span (spans, 1, "EV-000001", 28, "240.0.0.17", "ipv4", "10.0.3.17");
  assert_span (spans, 2, "EV-000001", 43, "keyword0", "keyword", "bluefin\x1b]0;owned\x07");
  assert_span (spans, 3, "EV-000001", 59, "user0", "user", "alice");
  assert_span (spans, 4, "EV-000003", 19, "host0", "hostname", "vault");
  /* The escape is JSON's, never raw. */
  g_assert_null (strchr (run.out, '\x1b'));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/cli/unmask/show", test_show);
  g_test_add_func ("/lt/cli/unmask/no-unmask", test_no_unmask);
  g_test_add_func ("/lt/cli/unmask/no-map", test_no_map);
  g_test_add_func ("/lt/cli/unmask/json", test_json);

  return g_test_run ();
}
