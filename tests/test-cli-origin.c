/* test-cli-origin.c: where the token goes, how long ltsupport waits, and
 * who can read the token from its memory
 *
 * The built ltsupport ($LTSUPPORT) and the sync engine run against the real devportal
 * ($LT_DEVPORTAL, spawned here with --policy) and against
 * tests/lt-test-server.h, a second loopback origin that records every
 * request's headers. No keyring: the child has no session bus, so the
 * token can only come from LTSUPPORT_TOKEN.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "test-cli-origin"

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lt-test-cli.h"
#include "lt-test-util.h"
#include "lt-test-server.h"
#include "lt-account.h"
#include "lt-contact.h"
#include "lt-error.h"
#include "lt-store.h"
#include "lt-store-account.h"
#include "lt-test-sync-util.h"

/* Distinctive, so that a search for it cannot match by chance. */
#define TOKEN "ltTok-origin-5e0c9a1b7d3f4862"

/* The portal must not outlive a test that failed half-way. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags  flags,
              const char       *portal_env)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LTSUPPORT_PROFILE");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  g_subprocess_launcher_setenv (launcher, "LTSUPPORT_TOKEN", TOKEN, TRUE);
  /* No keyring: the token is the variable's or none. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);
  if (portal_env != NULL)
    g_subprocess_launcher_setenv (launcher, "LTSUPPORT_PORTAL", portal_env, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LTSUPPORT_PORTAL");
  return launcher;
}

/* The token must never be printed, whatever the command says. */
#define assert_no_token(run) \
  G_STMT_START { \
    g_assert_null (strstr ((run)->out, TOKEN)); \
    g_assert_null (strstr ((run)->err, TOKEN)); \
  } G_STMT_END

static char *
scratch_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "test-cli-origin", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* The bundled policy with contacts.portal set to @portal. */
static char *
write_policy (const char *portal)
{
  g_autofree char *bundled = g_test_build_filename (G_TEST_DIST, "..", "data", "policy",
                                                    "lockthreat-policy.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = scratch_path ("policy.json");
  JsonObject *contacts;

  json_parser_load_from_file (parser, bundled, &error);
  g_assert_no_error (error);
  contacts = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                            "contacts");
  json_object_set_string_member (contacts, "portal", portal);
  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* The devportal with the demo customer, serving @policy_file; returns its
 * URL. */
static GSubprocess *
start_devportal (const char  *policy_file,
                 char       **url)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE, NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *portal;

  g_subprocess_launcher_setenv (launcher, "LTSUPPORT_DEVPORTAL_TOKEN", TOKEN, TRUE);
  portal = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LT_DEVPORTAL"),
                                        "--listen", "127.0.0.1:0", "--demo",
                                        "--policy", policy_file, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (portal));
  *url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (*url, "http://127.0.0.1:"));
  return portal;
}

static char *
description_file (void)
{
  g_autofree char *path = scratch_path ("description.txt");
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "The dashboard shows error 500 since the upgrade.\n", -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A new profile whose account (with its primary contact) is there, as a
 * sync would have left it, without any portal having been asked. */
static char *
new_profile (void)
{
  static guint serial;
  g_autofree char *name = g_strdup_printf ("profile-%u", ++serial);
  g_autofree char *profile = scratch_path (name);
  g_autofree char *path = g_build_filename (profile, LT_STORE_FILE_NAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtAccount) account = lt_account_new ();
  g_autoptr(LtContact) person = lt_contact_new ("Ada Admin", "ada@example.com", "+1 317 555 0100");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_cmpint (g_mkdir_with_parents (profile, 0700), ==, 0);
  store = lt_store_open (path, NULL, &error);
  g_assert_no_error (error);
  lt_account_set_customer_name (account, "Example Corp");
  lt_account_set_tier (account, LT_TIER_ENTERPRISE);
  lt_account_set_primary_contact (account, person);
  lt_store_save_account (store, account, now, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&profile);
}

/* ---- the portal cannot move the token ------------------------------------ */

/* The policy the portal serves names a second origin as contacts.portal.
 * Neither a later sync nor `ticket file` without --portal may take it as
 * the endpoint: nothing with the token ever reaches the second origin. */
static void
test_policy_cannot_move_token (void)
{
  g_autoptr(LtTestServer) elsewhere = lt_test_server_new (NULL);
  g_autofree char *policy = write_policy (lt_test_server_get_url (elsewhere));
  g_autofree char *url = NULL;
  g_autoptr(GSubprocess) portal = start_devportal (policy, &url);
  g_autofree char *profile = scratch_path ("moved");
  g_autofree char *description = description_file ();
  g_auto(LtTestCliRun) run = { 0 };

  /* The first sync, with the portal named: its policy is cached. */
  lt_test_cli_run (&run, "--profile", profile, "--portal", url, "sync", NULL);
  assert_no_token (&run);
  g_assert_cmpint (run.status, ==, 0);

  /* No portal named: the built-in default, for which LTSUPPORT_TOKEN is
   * not the token; nothing is sent anywhere. */
  lt_test_cli_run (&run, "--profile", profile, "sync", "--json", NULL);
  assert_no_token (&run);
  g_assert_cmpuint (lt_test_server_count_requests_with_header (elsewhere, "Authorization"), ==, 0);
  g_assert_cmpint (run.status, ==, 2);
  /* Refused: no report, whose zeros would read as "nothing to send". */
  g_assert_cmpstr (run.out, ==, "");
  /* Two refusals stand between the token and another origin here: the
   * profile belongs to the devportal (docs/sync.md, "One portal per
   * profile"), and the token in the environment belongs to the portal
   * named for the process only (/lt/credentials/environment/bound). The
   * first one answers. */
  lt_test_cli_assert_contains (run.err, "This profile belongs to the portal");

  lt_test_cli_run (&run, "--profile", profile, "ticket", "file",
                 "--title", "Dashboard broken", "--category", "troubleshooting",
                 "--severity", "s2", "--description-file", description, NULL);
  assert_no_token (&run);
  g_assert_cmpuint (lt_test_server_count_requests_with_header (elsewhere, "Authorization"), ==, 0);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Queued; run “ltsupport sync” to send it.");

  /* The portal named for the process: it gets the ticket. */
  lt_test_cli_setenv ("LTSUPPORT_PORTAL", url);
  lt_test_cli_run (&run, "--profile", profile, "sync", "--json", NULL);
  lt_test_cli_setenv ("LTSUPPORT_PORTAL", NULL);
  assert_no_token (&run);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonObject) report = lt_test_cli_json_object (run.out);

    g_assert_cmpint (json_object_get_int_member (report, "sent"), ==, 1);
  }

  g_assert_cmpuint (lt_test_server_count_requests_with_header (elsewhere, "Authorization"), ==, 0);
  g_assert_cmpuint (lt_test_server_get_request_count (elsewhere), ==, 0);

  g_subprocess_force_exit (portal);
  g_subprocess_wait (portal, NULL, NULL);
}

/* ---- deadlines ------------------------------------------------------------ */

/* The push right after filing is given up after its short deadline when
 * the portal accepts the request and never answers; the ticket waits in
 * the outbox, and the command says so. */
static void
test_deadline_file_push (void)
{
  g_autoptr(LtTestServer) silent = lt_test_server_new (NULL);
  g_autofree char *profile = new_profile ();
  g_autofree char *description = description_file ();
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_server_add_fault (silent, "POST", "/api/v1/tickets", LT_TEST_FAULT_HANG, NULL);
  lt_test_cli_run (&run, "--profile", profile, "--portal", lt_test_server_get_url (silent),
                 "ticket", "file", "--title", "Dashboard broken", "--category", "troubleshooting",
                 "--severity", "s2", "--description-file", description, NULL);
  assert_no_token (&run);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "Queued (offline): will be sent with the next sync.\n");
  lt_test_cli_assert_contains (run.out, "did not finish answering POST /api/v1/tickets within 10 seconds");
  /* 10 s, and a margin for a loaded machine; the I/O timeout is 60 s. */
  g_assert_cmpfloat (run.seconds, >=, 9.0);
  g_assert_cmpfloat (run.seconds, <, 25.0);
  g_assert_cmpuint (lt_test_server_get_request_count (silent), ==, 1);
}

/* A sync whose request outlives the deadline reports a failure, although
 * the portal would have answered (later) and every byte came in time for
 * the I/O timeout. */
static void
test_deadline_sync (void)
{
  LtSyncFixture fixture;
  LtSyncFixture *f = &fixture;
  g_autoptr(GError) error = NULL;
  LtSyncReport report = { 0 };
  gint64 start;

  lt_sync_fixture_setup (f, TRUE);
  lt_portal_client_set_deadline (f->client, 2);
  /* Within the fixture's 5 s I/O timeout, past the deadline. */
  lt_test_devportal_add_fault (f->portal, "{\"delay_ms\": 4000, \"count\": 1,"
                                          " \"path_prefix\": \"/api/v1/policy\"}");
  start = g_get_monotonic_time ();
  g_assert_false (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "did not finish answering GET /api/v1/policy within 2 seconds"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 8 * G_USEC_PER_SEC);
  lt_sync_fixture_teardown (f);
}

/* ---- the token is not dumpable ---------------------------------------------- */

/* The user the children run as when the test runs as root: the files of
 * /proc/PID/status belong to the process's user while it is dumpable and to root
 * once it is not, which tells the two apart only for a user that is not
 * root. */
#define NOBODY 65534

static void
child_setup_as_user (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getuid () == 0)
    {
      if (setgroups (0, NULL) != 0 || setgid (NOBODY) != 0 || setuid (NOBODY) != 0)
        _exit (125);
    }
}

static GSubprocessLauncher *
new_user_launcher (const char *home)
{
  GSubprocessLauncher *launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                G_SUBPROCESS_FLAGS_STDERR_SILENCE, NULL);
  const char * const dirs[] = { "HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "TMPDIR" };

  g_subprocess_launcher_set_child_setup (launcher, child_setup_as_user, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    g_subprocess_launcher_setenv (launcher, dirs[i], home, TRUE);
  return launcher;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* The owner of /proc/PID/status: root for a process that is not
 * dumpable (proc(5)). */
static uid_t
proc_owner (GSubprocess *process)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/status", g_subprocess_get_identifier (process));
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  return info.st_uid;
}

/* Whether every folder above @path lets other users through (o+x). */
static gboolean
reachable_by_others (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  while (strcmp (dir, "/") != 0 && strcmp (dir, ".") != 0)
    {
      GStatBuf info;
      char *parent;

      if (g_stat (dir, &info) != 0 || (info.st_mode & S_IXOTH) == 0)
        return FALSE;
      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }

  return TRUE;
}

/* ltsupport, once it holds a token (here: a sync waiting for a portal
 * that never answers), and the devportal, which holds its clients' token,
 * cannot be dumped or traced by other processes of their user. */
static void
test_not_dumpable (void)
{
  g_autoptr(LtTestServer) silent = lt_test_server_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("lt-cli-origin-XXXXXX", &error);
  g_autofree char *profile = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) sync = NULL;
  g_autoptr(GSubprocess) portal = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *url = NULL;
  uid_t user = getuid () == 0 ? NOBODY : getuid ();

  g_assert_no_error (error);
  /* The other user must reach the programs: a build tree in a private
   * folder (mktemp -d is 0700) cannot be run by it. */
  if (!reachable_by_others (g_getenv ("LTSUPPORT")))
    {
      g_test_skip ("the build tree is in a folder another user cannot enter");
      return;
    }
  g_assert_cmpint (g_chmod (home, 0777), ==, 0);
  profile = g_build_filename (home, "profile", NULL);
  lt_test_server_add_fault (silent, "GET", "/api/v1/account", LT_TEST_FAULT_HANG, NULL);

  launcher = new_user_launcher (home);
  sync = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LTSUPPORT"),
                                      "--profile", profile, "--portal", lt_test_server_get_url (silent),
                                      "sync", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 400 && lt_test_server_get_request_count (silent) == 0; i++)
    g_usleep (50 * 1000);
  g_assert_cmpuint (lt_test_server_get_request_count (silent), ==, 1);
  g_assert_cmpuint (lt_test_server_count_requests_with_header (silent, "Authorization"), ==, 1);
  g_assert_cmpuint (proc_owner (sync), ==, 0);
  g_assert_cmpuint (proc_owner (sync), !=, user);
  g_subprocess_force_exit (sync);
  g_subprocess_wait (sync, NULL, NULL);

  g_clear_object (&launcher);
  launcher = new_user_launcher (home);
  g_subprocess_launcher_setenv (launcher, "LTSUPPORT_DEVPORTAL_TOKEN", TOKEN, TRUE);
  portal = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LT_DEVPORTAL"),
                                        "--listen", "127.0.0.1:0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (portal));
  url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (url);
  g_assert_cmpuint (proc_owner (portal), ==, 0);
  g_subprocess_force_exit (portal);
  g_subprocess_wait (portal, NULL, NULL);

  remove_tree (home);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  if (g_getenv ("LTSUPPORT") == NULL || g_getenv ("LT_DEVPORTAL") == NULL)
    {
      g_test_message ("LTSUPPORT and LT_DEVPORTAL must name the built programs");
      return 77;
    }

  lt_test_cli_setenv ("LTSUPPORT_TOKEN", TOKEN);
  g_test_add_func ("/lt/cli-origin/policy-cannot-move-token", test_policy_cannot_move_token);
  g_test_add_func ("/lt/cli-origin/deadline/file-push", test_deadline_file_push);
  g_test_add_func ("/lt/cli-origin/deadline/sync", test_deadline_sync);
  g_test_add_func ("/lt/cli-origin/not-dumpable", test_not_dumpable);

  return g_test_run ();
}
