/* test-cli-greens.c: the ltsupport answers a script must not misread as
 * "all is well" (issue 13, "No false greens")
 *
 * Each test runs the built ltsupport on real profiles: a mistyped profile
 * is refused instead of created, `change-notice check` knows today and the
 * maintenance windows, every action `ticket show` offers has a command,
 * `ticket list --json` has the deadlines, `help` is a command, and a
 * command that fails prints nothing on stdout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "lt-enums.h"
#include "lt-store.h"
#include "lt-store-maintenance-windows.h"
#include "lt-store-tickets.h"
#include "lt-test-cli.h"
#include "lt-test-util.h"

/* A folder of the test's own (isolated) cache: G_TEST_OPTION_ISOLATE_DIRS
 * removes it afterwards. */
static char *
test_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "test-cli-greens", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* A profile folder with a store in it, opened for the test to fill. */
static LtStore *
open_profile (const char *profile)
{
  g_autofree char *path = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  LtStore *store;

  g_assert_cmpint (g_mkdir_with_parents (profile, 0700), ==, 0);
  store = lt_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
store_ticket (LtStore       *store,
              const char    *id,
              LtTicketState  state,
              const char    *at)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) instant = lt_test_instant (at);
  g_autoptr(GError) error = NULL;

  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, "Login fails");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S2);
  lt_ticket_set_category (ticket, "defect");
  lt_ticket_set_state (ticket, state);
  lt_ticket_set_opened_at (ticket, instant);
  lt_ticket_set_updated_at (ticket, instant);
  if (state == LT_TICKET_STATE_CLOSED)
    {
      lt_ticket_set_closed_at (ticket, instant);
      lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_CONFIRMED);
    }
  if (state == LT_TICKET_STATE_RESOLVED)
    lt_ticket_set_resolved_at (ticket, instant);
  g_assert_true (lt_store_upsert_ticket (store, ticket, instant, &error));
  g_assert_no_error (error);
}

static void
store_window (LtStore    *store,
              const char *id,
              const char *starts,
              const char *ends)
{
  g_autoptr(LtMaintenanceWindow) window = lt_maintenance_window_new ();
  g_autoptr(GDateTime) starts_at = lt_test_instant (starts);
  g_autoptr(GDateTime) ends_at = lt_test_instant (ends);
  g_autoptr(GError) error = NULL;

  lt_maintenance_window_set_id (window, id);
  lt_maintenance_window_set_kind (window, LT_MAINTENANCE_KIND_SCHEDULED);
  lt_maintenance_window_set_title (window, "Portal upgrade");
  lt_maintenance_window_set_starts_at (window, starts_at);
  lt_maintenance_window_set_ends_at (window, ends_at);
  g_assert_true (lt_store_upsert_maintenance_window (store, window, starts_at, &error));
  g_assert_no_error (error);
}

/* The commands that only read the store, each with what it needs. */
static const char * const read_only_commands[][6] = {
  { "ticket", "list", NULL },
  { "ticket", "list", "--json", NULL },
  { "ticket", "show", "LT-000001", NULL },
  { "outbox", "list", NULL },
  { "installation", "list", NULL },
  { "eligibility", "--all", NULL },
  { "change-notice", "list", NULL },
  { "change-notice", "show", "CN-000001", NULL },
  { "maintenance", "list", NULL },
  { "notifications", "list", NULL },
  { "change-notice", "check", "--notice", "2026-11-25", "--start", "2026-12-07" },
};

static void
run_with_profile (LtTestCliRun       *run,
                  const char         *profile,
                  const char * const *command)
{
  const char *args[10] = { NULL };
  guint n = 0;

  if (profile != NULL)
    {
      args[n++] = "--profile";
      args[n++] = profile;
    }
  for (guint i = 0; i < 6 && command[i] != NULL; i++)
    args[n++] = command[i];
  lt_test_cli_run_argv (run, NULL, -1, args);
}

/* Bad usage: the "ltsupport: " line, or under --json the error object
 * (docs/cli.md, "JSON output"), naming @needle. */
static void
assert_refused (LtTestCliRun       *run,
                const char * const *command,
                const char         *needle)
{
  for (guint i = 0; i < 6 && command[i] != NULL; i++)
    if (g_str_equal (command[i], "--json"))
      {
        lt_test_cli_assert_json_error (run, 2, "invalid-input", needle);
        return;
      }
  lt_test_cli_assert_usage_error (run, needle);
}

/* A mistyped --profile (or $LTSUPPORT_PROFILE) is refused, named, and
 * not created; the user's data folder is not created by a first read
 * either, which says there is no local data yet, exit 1. */
static void
test_profile_missing (void)
{
  g_autofree char *missing = test_path ("no-such-profile");
  g_autofree char *file = test_path ("a-file");
  g_autofree char *data_dir = g_build_filename (g_get_user_data_dir (), "lockthreat-support", NULL);

  g_assert_true (g_file_set_contents (file, "", 0, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (read_only_commands); i++)
    {
      g_auto(LtTestCliRun) run = { 0 };

      g_test_message ("%s %s", read_only_commands[i][0], read_only_commands[i][1]);

      run_with_profile (&run, missing, read_only_commands[i]);
      assert_refused (&run, read_only_commands[i], missing);
      lt_test_cli_assert_contains (run.err, "--profile");
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

      /* A file is not a profile folder either. */
      run_with_profile (&run, file, read_only_commands[i]);
      assert_refused (&run, read_only_commands[i], "is not a folder");

      lt_test_cli_setenv ("LTSUPPORT_PROFILE", missing);
      run_with_profile (&run, NULL, read_only_commands[i]);
      lt_test_cli_setenv ("LTSUPPORT_PROFILE", NULL);
      assert_refused (&run, read_only_commands[i], missing);
      lt_test_cli_assert_contains (run.err, "$LTSUPPORT_PROFILE");
      g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

      /* The first run: no data yet, and nothing made. change-notice check
       * still answers its question, and says the windows were not
       * checked. */
      run_with_profile (&run, NULL, read_only_commands[i]);
      if (g_str_equal (read_only_commands[i][1], "check"))
        {
          lt_test_cli_assert_ok (&run);
          lt_test_cli_assert_contains (run.out, "not checked: no local data yet");
        }
      else
        {
          g_assert_cmpint (run.status, ==, 1);
          g_assert_cmpstr (run.out, ==, "");
          lt_test_cli_assert_contains (run.err, "there is no local data yet");
        }
      g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
    }
}

/* A profile folder that exists but holds no store yet: the same "no
 * local data yet" answer, and still nothing is created in it. */
static void
test_profile_empty (void)
{
  g_autofree char *profile = test_path ("empty-profile");
  g_autofree char *db = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);

  g_assert_cmpint (g_mkdir_with_parents (profile, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (read_only_commands); i++)
    {
      g_auto(LtTestCliRun) run = { 0 };

      if (g_str_equal (read_only_commands[i][1], "check"))
        continue;
      run_with_profile (&run, profile, read_only_commands[i]);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      lt_test_cli_assert_contains (run.err, db);
      g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
    }
}

/* --notice defaults to today in the vendor's calendar (Indianapolis):
 * at 03:00 UTC on 25 November it is still the 24th there, and a change on
 * Monday 30 November is on time (Wednesday, Friday, Monday; Thanksgiving
 * closed); from the 25th it would be late. */
static void
test_change_notice_today (void)
{
  const char *now = "2026-11-25T03:00:00Z";
  const char *notices[] = { NULL, "today" };

  for (guint i = 0; i < G_N_ELEMENTS (notices); i++)
    {
      g_auto(LtTestCliRun) run = { 0 };
      g_autoptr(JsonObject) object = NULL;

      if (notices[i] == NULL)
        lt_test_cli_run (&run, "change-notice", "check", "--now", now, "--start", "2026-11-30",
                         "--json", NULL);
      else
        lt_test_cli_run (&run, "change-notice", "check", "--now", now, "--notice", notices[i],
                         "--start", "2026-11-30", "--json", NULL);
      lt_test_cli_assert_ok (&run);
      object = lt_test_cli_json_object (run.out);
      g_assert_cmpstr (json_object_get_string_member (object, "notice"), ==, "2026-11-24");
      g_assert_false (json_object_get_boolean_member (object, "late"));
    }

  {
    g_auto(LtTestCliRun) run = { 0 };

    /* A day later there, late. */
    lt_test_cli_run (&run, "change-notice", "check", "--now", "2026-11-26T03:00:00Z",
                     "--start", "2026-11-30", NULL);
    g_assert_cmpint (run.status, ==, 1);
    lt_test_cli_assert_contains (run.out, "2026-11-25");
    lt_test_cli_assert_contains (run.out, "late");

    lt_test_cli_run (&run, "change-notice", "check", "--now", "yesterday", "--start", "2026-11-30",
                     NULL);
    lt_test_cli_assert_usage_error (&run, "--now");
    lt_test_cli_run (&run, "change-notice", "check", "--notice", "tomorrow", "--start", "2026-11-30",
                     NULL);
    lt_test_cli_assert_usage_error (&run, "“tomorrow”");
  }
}

/* The known maintenance windows, by the app's overlap rule. */
static void
test_change_notice_overlaps (void)
{
  g_autofree char *profile = test_path ("windows");
  g_autoptr(LtStore) store = open_profile (profile);
  g_auto(LtTestCliRun) run = { 0 };
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) overlaps = NULL;
  JsonObject *window;

  /* Saturday 5 December 2026, 01:00–05:00 in Indianapolis. */
  store_window (store, "mw-1", "2026-12-05T06:00:00Z", "2026-12-05T10:00:00Z");
  g_clear_object (&store);

  /* On time, but on the window's day: exit 1, and the window named. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "check",
                   "--notice", "2026-11-25", "--start", "2026-12-05", "--json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.err, ==, "");
  object = lt_test_cli_json_object (run.out);
  g_assert_false (json_object_get_boolean_member (object, "late"));
  g_assert_true (json_object_get_boolean_member (object, "maintenance_windows_known"));
  g_assert_cmpstr (json_object_get_string_member (object, "planned_start"), ==, "2026-12-05T05:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (object, "planned_end"), ==, "2026-12-06T05:00:00Z");
  overlaps = json_array_ref (json_object_get_array_member (object, "overlaps"));
  g_assert_cmpuint (json_array_get_length (overlaps), ==, 1);
  window = json_array_get_object_element (overlaps, 0);
  g_assert_cmpstr (json_object_get_string_member (window, "id"), ==, "mw-1");
  g_assert_cmpstr (json_object_get_string_member (window, "starts_at"), ==, "2026-12-05T06:00:00Z");

  lt_test_cli_run (&run, "--profile", profile, "change-notice", "check",
                   "--notice", "2026-11-25", "--start", "2026-12-05", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.out, "Portal upgrade");
  lt_test_cli_assert_contains (run.out, "during a maintenance window");

  /* The same day after the window ends: no overlap. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "check",
                   "--notice", "2026-11-25", "--start", "2026-12-05T10:00:00Z",
                   "--end", "2026-12-05T12:00:00Z", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  g_clear_pointer (&object, json_object_unref);
  object = lt_test_cli_json_object (run.out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "overlaps")), ==, 0);

  /* A change over several days that takes the window in. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "check",
                   "--notice", "2026-11-25", "--start", "2026-12-04", "--end", "2026-12-06", NULL);
  g_assert_cmpint (run.status, ==, 1);

  /* Late and overlapping: exit 1 too. */
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "check",
                   "--notice", "2026-12-04", "--start", "2026-12-05", NULL);
  g_assert_cmpint (run.status, ==, 1);
  lt_test_cli_assert_contains (run.out, "late");

  lt_test_cli_run (&run, "--profile", profile, "change-notice", "check",
                   "--notice", "2026-11-25", "--start", "2026-12-05", "--end", "2026-12-04", NULL);
  lt_test_cli_assert_usage_error (&run, "--end");
}

/* Every action `ticket show` can offer (every LtCustomerAction) has a
 * command, named in `ticket show --help`, whose --help works. */
static void
test_action_commands (void)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (LT_TYPE_CUSTOMER_ACTION);
  g_auto(LtTestCliRun) help = { 0 };
  g_auto(GStrv) lines = NULL;

  lt_test_cli_run (&help, "ticket", "show", "--help", NULL);
  lt_test_cli_assert_ok (&help);
  lines = g_strsplit (help.out, "\n", -1);

  for (guint i = 0; i < klass->n_values; i++)
    {
      const GFlagsValue *value = &klass->values[i];
      g_autofree char *prefix = g_strdup_printf ("  %s ", value->value_nick);
      const char *command = NULL;

      if (value->value == 0)
        continue;
      for (guint j = 0; lines[j] != NULL && command == NULL; j++)
        if (g_str_has_prefix (lines[j], prefix))
          command = g_strstrip (lines[j] + strlen (prefix));
      /* A new action needs its line in action_commands (lt-cli-ticket.c). */
      if (command == NULL)
        g_test_message ("“ticket show --help” names no command for the action “%s”",
                        value->value_nick);
      g_assert_nonnull (command);

      {
        g_auto(GStrv) words = g_strsplit (command, " ", -1);
        g_auto(LtTestCliRun) run = { 0 };
        g_autofree char *usage = NULL;

        g_assert_cmpstr (words[0], ==, "ltsupport");
        g_assert_cmpstr (words[1], ==, "ticket");
        lt_test_cli_run (&run, words[1], words[2], "--help", NULL);
        lt_test_cli_assert_ok (&run);
        usage = g_strdup_printf ("ltsupport ticket %s ", words[2]);
        lt_test_cli_assert_contains (run.out, usage);
      }
    }
}

/* `ticket withdraw` closes an open ticket as withdrawn (queued for the
 * portal), and refuses a closed one. */
static void
test_ticket_withdraw (void)
{
  g_autofree char *profile = test_path ("withdraw");
  g_autoptr(LtStore) store = open_profile (profile);
  g_auto(LtTestCliRun) run = { 0 };
  g_autoptr(JsonObject) ticket = NULL;
  g_autoptr(JsonArray) items = NULL;

  store_ticket (store, "LT-000500", LT_TICKET_STATE_IN_PROGRESS, "2026-11-20T15:00:00Z");
  g_clear_object (&store);

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-000500", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "\"withdraw\"");

  lt_test_cli_run (&run, "--profile", profile, "--portal", "http://127.0.0.1:9",
                   "ticket", "withdraw", "LT-000500", "--reason", "Found the cause ourselves", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "LT-000500");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-000500", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  ticket = lt_test_cli_json_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (ticket, "state"), ==, "closed");
  g_assert_cmpstr (json_object_get_string_member (ticket, "close_reason"), ==, "withdrawn");

  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  items = lt_test_cli_json_items (run.out);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "kind"),
                   ==, "ticket.withdraw");

  /* Closed now: not again. */
  lt_test_cli_run (&run, "--profile", profile, "--portal", "http://127.0.0.1:9",
                   "ticket", "withdraw", "LT-000500", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "withdraw", NULL);
  lt_test_cli_assert_usage_error (&run, "ID");
}

/* `ticket list --json` has the deadlines `ticket show --json` has, from
 * the same core functions. */
static void
test_ticket_list_deadlines (void)
{
  g_autofree char *profile = test_path ("deadlines");
  g_autoptr(LtStore) store = open_profile (profile);
  g_auto(LtTestCliRun) run = { 0 };
  g_autoptr(JsonArray) items = NULL;
  /* A resolved one closes by itself, a closed one may be reopened until a
   * date, an open one has its response due. Long ago and far ahead, so
   * that the day of the week the test runs changes nothing. */
  const char *ids[] = { "LT-000601", "LT-000602", "LT-000603" };

  store_ticket (store, ids[0], LT_TICKET_STATE_RESOLVED, "2026-11-20T15:00:00Z");
  store_ticket (store, ids[1], LT_TICKET_STATE_CLOSED, "2026-11-20T15:00:00Z");
  store_ticket (store, ids[2], LT_TICKET_STATE_IN_PROGRESS, "2026-11-20T15:00:00Z");
  g_clear_object (&store);

  lt_test_cli_run (&run, "--profile", profile, "ticket", "list", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  items = lt_test_cli_json_items (run.out);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *id = json_object_get_string_member (item, "id");
      g_auto(LtTestCliRun) show = { 0 };
      g_autoptr(JsonObject) shown = NULL;

      g_assert_true (json_object_has_member (item, "auto_close_at"));
      g_assert_true (json_object_has_member (item, "reopen_until"));
      g_assert_true (json_object_has_member (item, "sla_due"));
      g_assert_true (json_object_has_member (item, "sla_state"));

      lt_test_cli_run (&show, "--profile", profile, "ticket", "show", id, "--json", NULL);
      lt_test_cli_assert_ok (&show);
      shown = lt_test_cli_json_object (show.out);
      g_assert_cmpstr (json_object_get_string_member (item, "auto_close_at"), ==,
                       json_object_get_string_member (shown, "auto_close_due"));
      g_assert_cmpstr (json_object_get_string_member (item, "reopen_until"), ==,
                       json_object_get_string_member (shown, "reopen_until"));
      g_assert_cmpstr (json_object_get_string_member (item, "sla_due"), ==,
                       json_object_get_string_member (shown, "response_due"));
      g_assert_cmpstr (json_object_get_string_member (item, "sla_state"), ==,
                       json_object_get_string_member (shown, "sla_state"));

      if (g_str_equal (id, ids[0]))
        g_assert_nonnull (json_object_get_string_member (item, "auto_close_at"));
      if (g_str_equal (id, ids[1]))
        g_assert_nonnull (json_object_get_string_member (item, "reopen_until"));
      if (g_str_equal (id, ids[2]))
        g_assert_nonnull (json_object_get_string_member (item, "sla_due"));
    }
}

/* `ltsupport help [COMMAND…]` is `ltsupport [COMMAND…] --help`. */
static void
test_help (void)
{
  const char * const commands[][3] = {
    { NULL },
    { "ticket", NULL },
    { "ticket", "show", NULL },
    { "change-notice", "check", NULL },
    { "sync", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(LtTestCliRun) help = { 0 };
      g_auto(LtTestCliRun) option = { 0 };
      const char *help_args[5] = { "help", NULL };
      const char *option_args[5] = { NULL };
      guint n = 0;

      for (; n < 2 && commands[i][n] != NULL; n++)
        {
          help_args[n + 1] = commands[i][n];
          option_args[n] = commands[i][n];
        }
      option_args[n] = "--help";

      lt_test_cli_run_argv (&help, NULL, -1, help_args);
      lt_test_cli_run_argv (&option, NULL, -1, option_args);
      lt_test_cli_assert_ok (&option);
      lt_test_cli_assert_ok (&help);
      g_assert_cmpstr (help.out, ==, option.out);
      lt_test_cli_assert_contains (help.out, "Usage:");
    }

  {
    g_auto(LtTestCliRun) run = { 0 };

    lt_test_cli_run (&run, "--help", NULL);
    lt_test_cli_assert_contains (run.out, "  help ");

    lt_test_cli_run (&run, "help", "nosuch", NULL);
    lt_test_cli_assert_usage_error (&run, "“nosuch” is not a command");
    lt_test_cli_run (&run, "help", "ticket", "nosuch", NULL);
    lt_test_cli_assert_usage_error (&run, "“nosuch” is not a command");
  }
}

/* A command that fails (exit 2) prints nothing on stdout: no zeroed
 * summary, no half of a list. */
static void
test_no_partial_stdout (void)
{
  g_autofree char *profile = test_path ("partial");
  g_autoptr(LtStore) store = open_profile (profile);
  g_auto(LtTestCliRun) run = { 0 };

  g_clear_object (&store);

  /* A portal named, no token for it (no keyring, no variable). */
  lt_test_cli_run (&run, "--profile", profile, "--portal", "http://127.0.0.1:9", "sync", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_assert_contains (run.err, "ltsupport: ");
  lt_test_cli_run (&run, "--profile", profile, "--portal", "http://127.0.0.1:9", "sync", "--json", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "show", "LT-999999", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_run (&run, "--profile", profile, "change-notice", "show", "CN-999999", "--json", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  lt_test_cli_run (&run, "--profile", profile, "ticket", "list", "--state", "nosuch", "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "invalid-input", "nosuch");
  lt_test_cli_run (&run, "change-notice", "check", "--start", "2026-02-30", "--json", NULL);
  lt_test_cli_assert_json_error (&run, 2, "invalid-input", "2026-02-30");
}

/* stdout is held only up to a bound, then streams: a list longer than
 * that comes out whole, once, in order. */
static void
test_long_output (void)
{
  g_autofree char *profile = test_path ("long");
  g_autofree char *db = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(LtStore) store = open_profile (profile);
  g_auto(LtTestCliRun) run = { 0 };
  g_auto(GStrv) lines = NULL;
  const guint n_tickets = 12000;
  sqlite3 *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  g_clear_object (&store);
  /* Written by sqlite itself, in one transaction: the store's API would
   * take a transaction per ticket. */
  g_assert_cmpint (sqlite3_open (db, &sql), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (sql, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (sql,
                                       "INSERT INTO tickets (id, title, severity, state, opened_at, "
                                       "updated_at, created_at, local_updated_at) "
                                       "VALUES (?1, ?2, 's3', 'in-progress', ?3, ?3, ?3, ?3)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n_tickets; i++)
    {
      g_autofree char *id = g_strdup_printf ("LT-%06u", i);
      g_autofree char *title = g_strdup_printf ("Ticket %u of a long list", i);
      gint64 opened = (G_GINT64_CONSTANT (1795000000) + i * 60) * G_USEC_PER_SEC;

      sqlite3_bind_text (stmt, 1, id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, opened);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (sql, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (sql);

  lt_test_cli_run (&run, "--profile", profile, "ticket", "list", NULL);
  lt_test_cli_assert_ok (&run);
  /* More than the 1 MiB held. */
  g_assert_cmpuint (strlen (run.out), >, 1024 * 1024);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "ID "));
  /* The newest first, each once. */
  for (guint i = 0; i < n_tickets; i++)
    {
      g_autofree char *id = g_strdup_printf ("LT-%06u ", n_tickets - 1 - i);

      g_assert_true (g_str_has_prefix (lines[1 + i], id));
    }
  g_assert_cmpstr (lines[1 + n_tickets], ==, "");
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/cli-greens/profile/missing", test_profile_missing);
  g_test_add_func ("/lt/cli-greens/profile/empty", test_profile_empty);
  g_test_add_func ("/lt/cli-greens/change-notice/today", test_change_notice_today);
  g_test_add_func ("/lt/cli-greens/change-notice/overlaps", test_change_notice_overlaps);
  g_test_add_func ("/lt/cli-greens/ticket/action-commands", test_action_commands);
  g_test_add_func ("/lt/cli-greens/ticket/withdraw", test_ticket_withdraw);
  g_test_add_func ("/lt/cli-greens/ticket/list-deadlines", test_ticket_list_deadlines);
  g_test_add_func ("/lt/cli-greens/help", test_help);
  g_test_add_func ("/lt/cli-greens/no-partial-stdout", test_no_partial_stdout);
  g_test_add_func ("/lt/cli-greens/long-output", test_long_output);

  return g_test_run ();
}
