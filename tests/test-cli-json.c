/* test-cli-json.c: stable, versioned JSON (docs/cli.md, "JSON output")
 *
 * Every --json document is an object whose first member is
 * "schema_version"; a listing's array is its "items"; an error under
 * --json is one JSON object on stderr with a stable code. The schemas in
 * data/schemas/ are checked here to refuse what they must refuse (the
 * harness validates every --json run of the suite against them), and
 * `ticket show --json` is checked to be the portal writer's ticket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-json"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lt-test-cli.h"
#include "lt-test-util.h"
#include "lt-portal-json.h"
#include "lt-store.h"
#include "lt-store-tickets.h"

static char *
new_profile (void)
{
  return g_build_filename (g_get_user_cache_dir (), "profile", NULL);
}

/* "schema_version" is the first member, as text: a reader of the first
 * line knows the version before the rest. */
static void
assert_envelope_first (const char *out)
{
  g_autoptr(JsonObject) object = NULL;

  if (!g_str_has_prefix (out, "{\n  \"schema_version\" : 1,\n"))
    {
      g_autofree char *message = g_strdup_printf ("“%s” does not start with the envelope", out);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
  object = lt_test_cli_json_object (out);
}

/* Commands that answer with one object keep their members after the
 * version; listings put their array in "items" and nothing else. */
static void
test_envelope (void)
{
  g_autofree char *profile = new_profile ();
  const char * const objects[][8] = {
    { "classify", "--outage", "--json", NULL },
    { "eligibility", "3.3.0", "--json", NULL },
    { "calendar", "is-business-day", "2026-11-26", "--json", NULL },
    { "calendar", "add-business-days", "2026-11-25", "2", "--json", NULL },
    { "sla", "due", "--opened", "2026-11-25T16:00:00Z", "--minutes", "60", "--json" },
    { "policy", "show", "--json", NULL },
    { "change-notice", "check", "--notice", "2026-11-02", "--start", "2026-11-20", "--json" },
    { "notifications", "list", "--now", "2026-11-25T16:00:00Z", "--json", NULL },
  };
  const char * const lists[][4] = {
    { "calendar", "holidays", "2027", NULL },
    { "installation", "list", NULL, NULL },
    { "ticket", "list", NULL, NULL },
    { "change-notice", "list", NULL, NULL },
    { "maintenance", "list", NULL, NULL },
    { "outbox", "list", NULL, NULL },
  };
  g_auto(LtTestCliRun) run = { 0 };

  /* A profile with a store: commands that only read refuse to make one. */
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "lab", "--host", "lab.example",
                   "--version", "3.3.1", NULL);
  lt_test_cli_assert_ok (&run);

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      const char *args[12] = { "--profile", profile };
      guint n = 2;

      for (guint j = 0; j < G_N_ELEMENTS (objects[i]) && objects[i][j] != NULL; j++)
        args[n++] = objects[i][j];
      if (g_strcmp0 (args[n - 1], "--json") != 0)
        args[n++] = "--json";
      args[n] = NULL;
      lt_test_cli_run_argv (&run, NULL, -1, args);
      g_assert_cmpint (run.status, <=, 1);
      assert_envelope_first (run.out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      const char *args[8] = { "--profile", profile };
      guint n = 2;
      g_autoptr(JsonObject) object = NULL;
      g_autoptr(JsonArray) items = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (lists[i]) && lists[i][j] != NULL; j++)
        args[n++] = lists[i][j];
      args[n++] = "--json";
      args[n] = NULL;
      lt_test_cli_run_argv (&run, NULL, -1, args);
      lt_test_cli_assert_ok (&run);
      assert_envelope_first (run.out);
      object = lt_test_cli_json_object (run.out);
      lt_test_cli_assert_members (object, "items");
      items = lt_test_cli_json_items (run.out);
      g_assert_nonnull (items);
    }

  /* eligibility --all lists installations: "items" too. */
  lt_test_cli_run (&run, "--profile", profile, "eligibility", "--all", "--json", NULL);
  g_assert_cmpint (run.status, <=, 1);
  {
    g_autoptr(JsonArray) items = lt_test_cli_json_items (run.out);

    g_assert_cmpuint (json_array_get_length (items), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "name"),
                     ==, "lab");
  }
}

/* Under --json an error is the object {"error": {"code", "message"}} on
 * the last line of stderr, with the same exit status as in text; without
 * --json it stays the "ltsupport: " line. */
static void
test_errors (void)
{
  g_autofree char *profile = new_profile ();
  g_auto(LtTestCliRun) run = { 0 };

  /* Usage: an option the command does not know, a missing argument. */
  lt_test_cli_run (&run, "eligibility", "--bogus", "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "usage", "--bogus");
  lt_test_cli_run (&run, "calendar", "holidays", "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "usage", "YEAR");
  lt_test_cli_run (&run, "calendar", "holidays", NULL);
  lt_test_cli_assert_usage_error (&run, "YEAR");

  /* A value that does not parse. */
  lt_test_cli_run (&run, "eligibility", "3.x", "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "invalid-input", "“3.x”");
  lt_test_cli_run (&run, "eligibility", "3.x", NULL);
  lt_test_cli_assert_usage_error (&run, "“3.x”");
  g_assert_null (strchr (run.err, '{'));

  /* Something that is not there: a profile folder, a ticket, a notice. */
  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-999999", "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "invalid-input", "no profile folder");
  lt_test_cli_run (&run, "--profile", profile, "installation", "add", "lab", "--host", "lab.example",
                   "--version", "3.3.1", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-999999", "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "not-found", "“LT-999999”");
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "show", "CN-999999", "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "not-found", "“CN-999999”");

  /* A file that cannot be read, another that is not a catalog. */
  {
    g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "no-such.json", NULL);
    g_autofree char *not_json = lt_test_cli_write_file ("not.json", "releases");

    lt_test_cli_run (&run, "eligibility", "3.3.0", "--catalog", missing, "--json", NULL);
    lt_test_cli_assert_json_error (&run, 2, "not-found", missing);
    lt_test_cli_run (&run, "eligibility", "3.3.0", "--catalog", not_json, "--json", NULL);
    lt_test_cli_assert_json_error (&run, 2, "invalid-data", not_json);
  }

  /* A portal that cannot be reached: sync answers its report on stdout
   * and the error object on stderr. */
  lt_test_cli_setenv ("LTSUPPORT_TOKEN", "ltTok-json-0123456789abcdef");
  lt_test_cli_run (&run, "--profile", profile, "--portal", "http://127.0.0.1:9", "sync", "--json", NULL);
  lt_test_cli_setenv ("LTSUPPORT_TOKEN", NULL);
  g_assert_cmpint (run.status, ==, 1);
  {
    g_autoptr(JsonObject) report = lt_test_cli_json_object (run.out);
    g_autoptr(JsonObject) error = lt_test_cli_json_error (run.err);

    g_assert_false (json_object_get_boolean_member (report, "ok"));
    g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, "portal");
    g_assert_cmpstr (json_object_get_string_member (error, "message"), ==,
                     json_object_get_string_member (report, "error"));
  }
}

/* ---- the validator ------------------------------------------------------ */

/* Runs tests/validate-cli-json.py on one recorded run, as the harness
 * does at the end of a test case; returns its exit status and output. */
static int
validate (const char  *command_json,
          int          status,
          const char  *out,
          const char  *err,
          char       **report)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-cli-json-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *record = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) args = NULL;
  g_autoptr(GSubprocess) process = NULL;

  g_assert_no_error (error);
  args = json_from_string (command_json, &error);
  g_assert_no_error (error);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "test");
  json_builder_add_string_value (builder, g_test_get_path ());
  json_builder_set_member_name (builder, "args");
  json_builder_add_value (builder, g_steal_pointer (&args));
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_set_member_name (builder, "stdout");
  json_builder_add_string_value (builder, out);
  json_builder_set_member_name (builder, "stderr");
  json_builder_add_string_value (builder, err);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  record = json_generator_to_data (generator, NULL);
  path = g_build_filename (dir, "run-0000.json", NULL);
  g_file_set_contents (path, record, -1, &error);
  g_assert_no_error (error);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                              g_getenv ("LT_PYTHON"), g_getenv ("LT_VALIDATE_CLI_JSON"),
                              g_getenv ("LT_CLI_JSON_SCHEMAS"), dir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, report, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", *report);
  g_unlink (path);
  g_rmdir (dir);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

#define CLASSIFY "[\"classify\", \"--outage\", \"--json\"]"
#define CLASSIFY_MEMBERS "\"severity\": \"s1\", \"security_incident\": false, \"reason\": \"A full outage\""

/* What the schemas refuse: the test that fails when a command prints a
 * member nobody documented, or forgets the envelope. */
static void
test_validator (void)
{
  struct {
    const char *args;
    int         status;
    const char *out;
    const char *err;
    const char *complaint;  /* NULL: valid */
  } cases[] = {
    { CLASSIFY, 0, "{\"schema_version\": 1, " CLASSIFY_MEMBERS "}", "", NULL },
    /* An undocumented member. */
    { CLASSIFY, 0, "{\"schema_version\": 1, " CLASSIFY_MEMBERS ", \"surprise\": 1}", "",
      "'surprise' was unexpected" },
    /* No version, or another one. */
    { CLASSIFY, 0, "{" CLASSIFY_MEMBERS "}", "", "'schema_version' is a required property" },
    { CLASSIFY, 0, "{\"schema_version\": 2, " CLASSIFY_MEMBERS "}", "", "schema_version" },
    /* A member missing, a nickname that is not one, a wrong type. */
    { CLASSIFY, 0, "{\"schema_version\": 1, \"severity\": \"s1\", \"reason\": \"x\"}", "",
      "'security_incident' is a required property" },
    { CLASSIFY, 0, "{\"schema_version\": 1, \"severity\": \"sev1\", \"security_incident\": false, "
      "\"reason\": \"x\"}", "", "'sev1' is not one of" },
    /* A listing as the bare array it was before the envelope. */
    { "[\"ticket\", \"list\", \"--json\"]", 0, "[]", "", "is not of type 'object'" },
    { "[\"ticket\", \"list\", \"--json\"]", 0, "{\"schema_version\": 1, \"items\": []}", "", NULL },
    /* An instant that is not RFC 3339. */
    { "[\"ticket\", \"list\", \"--json\"]", 0,
      "{\"schema_version\": 1, \"items\": [{\"id\": \"LT-1\", \"local_id\": null, \"title\": \"t\", "
      "\"severity\": \"s1\", \"state\": \"submitted\", \"opened_at\": \"yesterday\", "
      "\"response_due\": null, \"sla_due\": null, \"sla_state\": \"none\", \"auto_close_at\": null, "
      "\"reopen_until\": null}]}", "", "'yesterday' is not a 'date-time'" },
    /* Errors: the object, its codes, and one there must be. */
    { "[\"ticket\", \"show\", \"LT-1\", \"--json\"]", 2, "",
      "{\"error\":{\"code\":\"not-found\",\"message\":\"no\"}}\n", NULL },
    { "[\"ticket\", \"show\", \"LT-1\", \"--json\"]", 2, "",
      "{\"error\":{\"code\":\"missing\",\"message\":\"no\"}}\n", "'missing' is not one of" },
    { "[\"ticket\", \"show\", \"LT-1\", \"--json\"]", 2, "", "ltsupport: no\n",
      "without an error object" },
    /* A command nobody wrote a schema for. */
    { "[\"frobnicate\", \"--json\"]", 0, "{\"schema_version\": 1}", "", "no schema for" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *report = NULL;
      int status = validate (cases[i].args, cases[i].status, cases[i].out, cases[i].err, &report);

      if (cases[i].complaint == NULL)
        g_assert_cmpint (status, ==, 0);
      else
        {
          g_assert_cmpint (status, ==, 1);
          lt_test_cli_assert_contains (report, cases[i].complaint);
        }
    }
}

/* ---- ticket show: the portal's writer ----------------------------------- */

/* `ticket show --json` holds the ticket as lt_portal_json_write_ticket()
 * writes it, member for member (events included), and the members
 * ltsupport computes on top. */
static void
test_ticket_show_writer (void)
{
  g_autofree char *profile = new_profile ();
  g_autofree char *db_path = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-20T15:00:00Z");
  g_autoptr(GDateTime) commented = lt_test_instant ("2026-11-20T16:30:00Z");
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-25T16:00:00Z");
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(LtTicket) stored = NULL;
  g_autoptr(LtTicketEvent) comment = lt_ticket_event_new_comment (commented, "Support", "Which IdP?");
  g_autoptr(LtTicketEvent) attachment = lt_ticket_event_new_attachment (commented, "You", "app.log", 2048);
  LtTicketEvent *events[2];
  g_autoptr(JsonNode) written = NULL;
  g_autoptr(JsonObject) shown = NULL;
  g_autoptr(GList) names = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (profile, 0700), ==, 0);
  {
    g_autoptr(LtStore) store = lt_store_open (db_path, NULL, &error);
    const char * const issues[] = { "KI-7", NULL };

    g_assert_no_error (error);
    lt_ticket_set_id (ticket, "LT-000321");
    lt_ticket_set_title (ticket, "SSO login fails");
    lt_ticket_set_description (ticket, "Since the upgrade.");
    lt_ticket_set_severity (ticket, LT_SEVERITY_S2);
    lt_ticket_set_category (ticket, "defect");
    lt_ticket_set_state (ticket, LT_TICKET_STATE_IN_PROGRESS);
    lt_ticket_set_opened_at (ticket, opened);
    lt_ticket_set_updated_at (ticket, commented);
    lt_ticket_set_first_response_at (ticket, commented);
    lt_ticket_set_contact (ticket, "ops@example.com");
    lt_ticket_set_product_version (ticket, "3.5.1");
    lt_ticket_set_known_issue_ids (ticket, issues);
    g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
    g_assert_no_error (error);
    lt_ticket_event_set_id (comment, "ev-1");
    lt_ticket_event_set_id (attachment, "ev-2");
    events[0] = comment;
    events[1] = attachment;
    g_assert_true (lt_store_replace_ticket_events (store, ticket, events, G_N_ELEMENTS (events), &error));
    g_assert_no_error (error);

    /* What the writer makes of the stored ticket. */
    stored = lt_store_lookup_ticket (store, "LT-000321", &error);
    g_assert_no_error (error);
    g_assert_true (lt_store_load_ticket_events (store, stored, &error));
    g_assert_no_error (error);
    written = lt_portal_json_write_ticket (stored, TRUE);
  }

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-000321", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  shown = lt_test_cli_json_object (run.out);

  names = json_object_get_members (json_node_get_object (written));
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;

      g_assert_true (json_object_has_member (shown, name));
      /* The policy's deadline, computed here, stands for the stored one. */
      if (g_strcmp0 (name, "response_due") == 0)
        continue;
      if (!json_node_equal (json_object_get_member (json_node_get_object (written), name),
                            json_object_get_member (shown, name)))
        {
          g_autofree char *message = g_strdup_printf ("“%s” differs from the portal writer's", name);

          g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
        }
    }
  g_assert_cmpstr (json_object_get_string_member (shown, "contact"), ==, "ops@example.com");
  g_assert_cmpstr (json_object_get_string_member (shown, "close_reason"), ==, "none");
  {
    JsonArray *shown_events = json_object_get_array_member (shown, "events");
    JsonObject *file = json_array_get_object_element (shown_events, 1);

    g_assert_cmpuint (json_array_get_length (shown_events), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (file, "id"), ==, "ev-2");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (file, "attachment"), "name"),
                     ==, "app.log");
  }
  /* And what ltsupport adds. */
  g_assert_true (json_object_has_member (shown, "local_id"));
  g_assert_true (json_object_has_member (shown, "sla_state"));
  g_assert_true (json_object_has_member (shown, "auto_close_due"));
  g_assert_true (json_object_has_member (shown, "actions"));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/cli-json/envelope", test_envelope);
  g_test_add_func ("/lt/cli-json/errors", test_errors);
  g_test_add_func ("/lt/cli-json/validator", test_validator);
  g_test_add_func ("/lt/cli-json/ticket-show-writer", test_ticket_show_writer);

  return g_test_run ();
}
