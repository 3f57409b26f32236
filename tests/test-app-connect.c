/* test-app-connect.c: connecting, and saying how the connection stands
 *
 * The first-run "Connect to LockThreat" page, Test Connection's verdicts,
 * a keyring that cannot store the token (a private session bus with no
 * Secret Service at all, GTestDBus), the plain-http refusal in
 * Preferences and on the page, and the connection banner with the last
 * sync and the next try; all against the real lockthreat-devportal on
 * loopback.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-connect"

#include "config.h"

#include "lt-app-test-portal.h"
#include "lt-app-test-util.h"
#include "lt-connect-page.h"
#include "lt-connect-page-private.h"
#include "lt-credentials.h"
#include "lt-portal-check.h"
#include "lt-preferences-window.h"
#include "lt-preferences-window-private.h"
#include "lt-sync-controller.h"
#include "lt-test-cli.h"
#include "lt-test-devportal.h"
#include "lt-test-util.h"
#include "lt-ui-util.h"
#include "lt-window.h"
#include "lt-window-private.h"

#include <string.h>

#define TOKEN "connect-test-token-7d2e"

static GTestDBus *session_bus;

typedef LtAppPortalFixture Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  /* The default size, where the header's status was cut to "…". */
  const LtAppPortalOptions options = {
    .token = TOKEN, .demo = TRUE, .now = NULL, .connected = FALSE, .width = 1120, .height = 800,
  };

  lt_app_portal_fixture_setup (f, &options);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  lt_app_portal_fixture_teardown (f);
}

static gboolean
wait_run (Fixture *f)
{
  gboolean ok = lt_app_portal_fixture_wait_run (f, 30000);

  lt_app_test_flush ();
  return ok;
}

static gboolean
wait_until (gboolean (*ready) (gpointer),
            gpointer   data,
            guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!ready (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return ready (data);
}

static gboolean
page_has_check (gpointer data)
{
  return lt_connect_page_get_check (data) != NULL;
}

static gboolean
page_keyring_failed (gpointer data)
{
  return lt_connect_page_get_keyring_failed (data);
}

static gboolean
page_has_error (gpointer data)
{
  return lt_connect_page_get_error (data) != NULL;
}

static LtConnectPage *
connect_page (Fixture *f)
{
  GtkWidget *page = lt_window_get_connect_page (f->window);

  g_assert_nonnull (page);
  return LT_CONNECT_PAGE (page);
}

/* A fresh profile (no portal address of the admin's) opens on the
 * connect page; where the keyring cannot store the token, the page says
 * so, keeps the token in its field and offers this session only or
 * LTSUPPORT_TOKEN; the session's token then syncs and the page goes. */
static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  LtConnectPage *page;
  g_autofree char *saved = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(SecretValue) token = NULL;
  LtTokenSource source = LT_TOKEN_SOURCE_NONE;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  lt_window_offer_connect (f->window);
  page = connect_page (f);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (page), "Connect to LockThreat"));
  /* The pages are behind it, not beside it. */
  g_assert_false (gtk_widget_get_mapped (lt_window_get_page (f->window, "overview")));

  lt_connect_page_set_fields (page, lt_test_devportal_get_url (f->portal), TOKEN);
  gtk_widget_activate_action (GTK_WIDGET (page), "connect.connect", NULL);
  g_assert_true (wait_until (page_keyring_failed, page, 30000));

  /* Said, with what works instead; the token is not thrown away. */
  g_assert_nonnull (lt_connect_page_get_error (page));
  g_assert_nonnull (strstr (lt_connect_page_get_error (page), "no keyring (Secret Service) is running"));
  g_assert_nonnull (strstr (lt_connect_page_get_error (page), "LTSUPPORT_TOKEN"));
  row = lt_ui_find_row (GTK_WIDGET (page), "Keep It for This Session Only");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_nonnull (lt_ui_find_row (GTK_WIDGET (page), "Access Token"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lt_ui_find_row (GTK_WIDGET (page), "Access Token"))),
                   ==, TOKEN);
  saved = g_settings_get_string (f->settings, "portal-url");
  g_assert_cmpstr (saved, ==, lt_test_devportal_get_url (f->portal));

  gtk_widget_activate_action (GTK_WIDGET (page), "connect.keep-for-session", NULL);
  g_assert_null (lt_window_get_connect_page (f->window));
  g_assert_true (wait_run (f));
  g_assert_cmpint (lt_sync_controller_get_outcome (f->sync), ==, LT_SYNC_OUTCOME_OK);

  /* In memory only: the keyring still has nothing (it cannot). */
  credentials = lt_credentials_new_full (saved, FALSE, &error);
  g_assert_no_error (error);
  token = lt_credentials_lookup_sync (credentials, &source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_SESSION);
  g_assert_cmpstr (secret_value_get_text (token), ==, TOKEN);
  g_assert_true (gtk_widget_get_mapped (lt_window_get_page (f->window, "overview")));
}

static gboolean
window_has_connect_page (gpointer data)
{
  return lt_window_get_connect_page (data) != NULL;
}

/* With the admin's address and no token, the offer asks the keyring
 * (libsecret's session key, computed on the main thread) only once the
 * window has painted its first frame; the keyring's "no" then brings
 * the connect page. */
static void
test_offer_lookup_after_first_frame (Fixture       *f,
                                     gconstpointer  data)
{
  LtWindow *window;

  g_settings_set_string (f->settings, "portal-url", lt_test_devportal_get_url (f->portal));
  window = lt_window_new (NULL, f->context);
  lt_window_offer_connect (window);
  /* No keyring here answers at once; before a frame nobody asked it. */
  g_assert_false (wait_until (window_has_connect_page, window, 3000));

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (wait_until (window_has_connect_page, window, 30000));

  gtk_window_destroy (GTK_WINDOW (window));
  lt_app_test_flush ();
}

/* Test Connection says exactly what failed, and a plain-http address to
 * another computer is refused before anything is saved. */
static void
test_test_connection (Fixture       *f,
                      gconstpointer  data)
{
  LtConnectPage *page;
  LtPortalCheck *check;
  g_autofree char *saved = NULL;

  lt_window_set_connect_page_shown (f->window, TRUE);
  page = connect_page (f);

  lt_connect_page_set_fields (page, lt_test_devportal_get_url (f->portal), "not-the-token");
  gtk_widget_activate_action (GTK_WIDGET (page), "connect.test", NULL);
  g_assert_true (wait_until (page_has_check, page, 30000));
  check = lt_connect_page_get_check (page);
  g_assert_cmpint (lt_portal_check_get_kind (check), ==, LT_PORTAL_CHECK_TOKEN_REFUSED);
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (page), "The portal refused the token (401)"));

  lt_connect_page_set_fields (page, NULL, TOKEN);
  gtk_widget_activate_action (GTK_WIDGET (page), "connect.test", NULL);
  while (lt_connect_page_get_check (page) == check)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait_until (page_has_check, page, 30000));
  check = lt_connect_page_get_check (page);
  g_assert_true (lt_portal_check_get_ok (check));
  g_assert_nonnull (lt_portal_check_get_customer_name (check));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (page), "Connected to the LockThreat portal"));

  lt_connect_page_set_fields (page, "http://portal.example.com", TOKEN);
  gtk_widget_activate_action (GTK_WIDGET (page), "connect.connect", NULL);
  g_assert_true (wait_until (page_has_error, page, 1000));
  g_assert_nonnull (strstr (lt_connect_page_get_error (page), "plain http://"));
  saved = g_settings_get_string (f->settings, "portal-url");
  g_assert_cmpstr (saved, ==, "");
}

static gboolean
preferences_has_error (gpointer data)
{
  return lt_preferences_window_get_portal_error (data) != NULL;
}

static gboolean
preferences_tested (gpointer data)
{
  const char *text = lt_preferences_window_get_connection_text (data);

  return text != NULL && strstr (text, "Testing") == NULL;
}

static gboolean
token_row_says_session (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return subtitle != NULL && strstr (subtitle, "for this session only") != NULL;
}

/* Preferences: http:// to another computer is refused, not "saved"; a
 * keyring that cannot store the token says so and keeps the field; this
 * session only works; Test Connection and the last sync are there. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LtPreferencesWindow) preferences = NULL;
  GtkWidget *portal_row;
  GtkWidget *token_row;
  GtkWidget *keep_row;
  g_autofree char *saved = NULL;

  preferences = g_object_ref_sink (LT_PREFERENCES_WINDOW (lt_preferences_window_new (f->context)));
  gtk_window_present (GTK_WINDOW (preferences));
  portal_row = lt_ui_find_row (GTK_WIDGET (preferences), "Portal Address");
  token_row = lt_ui_find_row (GTK_WIDGET (preferences), "Access Token");
  keep_row = lt_ui_find_row (GTK_WIDGET (preferences), "Keep It for This Session Only");
  g_assert_nonnull (portal_row);
  g_assert_nonnull (token_row);
  g_assert_nonnull (keep_row);
  g_assert_cmpstr (lt_preferences_window_get_last_sync_text (preferences), ==, "Not synced yet");
  g_assert_null (lt_preferences_window_get_connection_text (preferences));

  gtk_editable_set_text (GTK_EDITABLE (portal_row), "http://portal.example.com");
  g_signal_emit_by_name (portal_row, "apply");
  g_assert_nonnull (lt_preferences_window_get_portal_error (preferences));
  g_assert_nonnull (strstr (lt_preferences_window_get_portal_error (preferences), "plain http://"));
  saved = g_settings_get_string (f->settings, "portal-url");
  g_assert_cmpstr (saved, ==, "");

  gtk_editable_set_text (GTK_EDITABLE (portal_row), lt_test_devportal_get_url (f->portal));
  g_signal_emit_by_name (portal_row, "apply");
  g_assert_null (lt_preferences_window_get_portal_error (preferences));

  gtk_editable_set_text (GTK_EDITABLE (token_row), TOKEN);
  g_signal_emit_by_name (token_row, "apply");
  g_assert_true (wait_until (preferences_has_error, preferences, 30000));
  g_assert_nonnull (strstr (lt_preferences_window_get_portal_error (preferences), "cannot be saved"));
  g_assert_nonnull (strstr (lt_preferences_window_get_portal_error (preferences), "LTSUPPORT_TOKEN"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, TOKEN);
  g_assert_true (gtk_widget_get_visible (keep_row));

  gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.keep-for-session", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, "");
  g_assert_false (gtk_widget_get_visible (keep_row));
  g_assert_null (lt_preferences_window_get_portal_error (preferences));

  /* The token row says where the token is now. */
  g_assert_true (wait_until (token_row_says_session, lt_ui_find_row (GTK_WIDGET (preferences), "Token"), 10000));

  gtk_widget_activate_action (GTK_WIDGET (preferences), "preferences.test-connection", NULL);
  g_assert_true (wait_until (preferences_tested, preferences, 30000));
  g_assert_true (g_str_has_prefix (lt_preferences_window_get_connection_text (preferences),
                                   "Connected to the LockThreat portal"));
  g_assert_true (g_str_has_prefix (lt_preferences_window_get_last_sync_text (preferences),
                                   "Not synced yet\nConnected to the LockThreat portal"));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static gboolean
label_says (gpointer data)
{
  GtkLabel *label = data;

  return strstr (gtk_label_get_text (label), "Next try in 1") != NULL ||
         strstr (gtk_label_get_text (label), "Next try in 9") != NULL;
}

/* Offline: a banner says so, with the last sync and the next try counting
 * down; the header does not try to (it had no room); back online, it
 * goes. */
static void
test_banner (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *banner;
  GtkWidget *title;
  GtkWidget *detail;
  GtkWidget *phase;
  const char *text;

  g_settings_set_string (f->settings, "portal-url", lt_test_devportal_get_url (f->portal));
  credentials = lt_credentials_new_full (lt_test_devportal_get_url (f->portal), FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (lt_credentials_keep_for_session (credentials, TOKEN, &error));
  g_assert_null (lt_window_get_connection_banner (f->window));

  /* The portal stopped: the banner says it cannot be reached. */
  lt_test_devportal_stop (f->portal);
  lt_sync_controller_start (f->sync, TRUE);
  g_assert_false (wait_run (f));
  g_assert_cmpint (lt_sync_controller_get_outcome (f->sync), ==, LT_SYNC_OUTCOME_OFFLINE);

  banner = lt_window_get_connection_banner (f->window);
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_get_visible (banner));
  title = lt_app_test_find_label (GTK_WIDGET (f->window), "The portal cannot be reached");
  g_assert_nonnull (title);
  g_assert_true (gtk_widget_is_ancestor (title, banner));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_true (gtk_widget_get_mapped (title));
  detail = gtk_widget_get_next_sibling (title);
  text = gtk_label_get_text (GTK_LABEL (detail));
  g_assert_nonnull (strstr (text, "Not synced yet."));
  g_assert_nonnull (strstr (text, "Next try in 20 s."));
  /* Counting down. */
  g_assert_true (wait_until (label_says, detail, 5000));

  /* Back: the next run clears it. While it runs (slowed to be seen) the
   * banner says so, and the header's phase is whole at 1120 px, not "…". */
  lt_test_devportal_restart (f->portal);
  lt_test_devportal_add_fault (f->portal, "{\"delay_ms\": 1500, \"path_prefix\": \"/api/v1/account\", \"count\": 1}");
  lt_sync_controller_sync (f->sync);
  g_assert_true (lt_sync_controller_get_running (f->sync));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (detail)), "Trying now…"));
  phase = lt_app_test_find_label (GTK_WIDGET (f->window), lt_sync_controller_get_status (f->sync));
  g_assert_nonnull (phase);
  g_assert_true (gtk_widget_get_mapped (phase));
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (phase))));
  g_assert_true (wait_run (f));
  g_assert_false (gtk_widget_get_visible (banner));
  g_assert_false (gtk_widget_get_visible (title));
}

/* A real Secret Service that refuses: GNOME Keyring with no login
 * keyring and no prompter to create one (no display, nothing to activate
 * on this bus), as on a jump host. Preferences says so and offers what
 * works; the token stays in its field. */
static gboolean
secret_service_owned (gpointer data)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

static void
test_keyring_refuses (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *home = NULL;
  g_autofree char *runtime = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) keyring = NULL;
  g_autoptr(LtPreferencesWindow) preferences = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *token_row;
  GtkWidget *keep_row;
  const char *message;

  if (daemon == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return;
    }

  home = g_build_filename (lt_app_test_get_scratch_dir (), "keyring-home", NULL);
  runtime = g_build_filename (home, "run", NULL);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  keyring = g_subprocess_launcher_spawn (launcher, &error, daemon, "--foreground",
                                         "--components=secrets", NULL);
  g_assert_no_error (error);
  g_assert_true (wait_until (secret_service_owned, NULL, 10000));

  g_settings_set_string (f->settings, "portal-url", lt_test_devportal_get_url (f->portal));
  preferences = g_object_ref_sink (LT_PREFERENCES_WINDOW (lt_preferences_window_new (f->context)));
  gtk_window_present (GTK_WINDOW (preferences));
  token_row = lt_ui_find_row (GTK_WIDGET (preferences), "Access Token");
  keep_row = lt_ui_find_row (GTK_WIDGET (preferences), "Keep It for This Session Only");

  gtk_editable_set_text (GTK_EDITABLE (token_row), TOKEN);
  g_signal_emit_by_name (token_row, "apply");
  g_assert_true (wait_until (preferences_has_error, preferences, 30000));
  message = lt_preferences_window_get_portal_error (preferences);
  g_assert_true (g_str_has_prefix (message, "the keyring could not save the portal token for"));
  g_assert_nonnull (strstr (message, "set LTSUPPORT_TOKEN for each process instead"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, TOKEN);
  g_assert_true (gtk_widget_get_visible (keep_row));
  gtk_window_destroy (GTK_WINDOW (preferences));

  g_subprocess_force_exit (keyring);
  g_subprocess_wait (keyring, NULL, NULL);
}

/* `ltsupport check portal` gives the same verdicts, for monitoring: 0
 * (OK) when connected, 2 (CRITICAL) with what failed. */
static void
run_cli_check (Fixture     *f,
               const char  *token,
               int         *status,
               JsonObject **answer)
{
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_setenv (LT_CREDENTIALS_TOKEN_ENV, token);
  lt_test_cli_run (&run, "check", "portal", "--portal", lt_test_devportal_get_url (f->portal), "--json", NULL);
  *status = run.status;
  *answer = lt_test_cli_json_object (run.out);
}

static void
test_cli_check (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) out = NULL;
  g_autoptr(JsonObject) refused = NULL;
  int status;

  if (g_getenv ("LTSUPPORT") == NULL)
    {
      g_test_skip ("LTSUPPORT does not name the ltsupport binary");
      return;
    }

  run_cli_check (f, TOKEN, &status, &out);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (json_object_get_string_member (out, "result"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (out, "title"), ==, "Connected to the LockThreat portal");

  run_cli_check (f, "not-the-token", &status, &refused);
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (refused, "result"), ==, "token-refused");
  g_assert_cmpstr (json_object_get_string_member (refused, "title"), ==, "The portal refused the token (401)");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  int status;

  /* A session bus of our own with no Secret Service on it: the keyring
   * cannot store anything, as on a jump host or a minimal desktop. */
  session_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (session_bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  lt_app_test_init (&argc, &argv);

  g_test_add ("/app-connect/first-run", Fixture, NULL, setup, test_first_run, teardown);
  g_test_add ("/app-connect/offer-lookup-after-first-frame", Fixture, NULL, setup,
              test_offer_lookup_after_first_frame, teardown);
  g_test_add ("/app-connect/test-connection", Fixture, NULL, setup, test_test_connection, teardown);
  g_test_add ("/app-connect/preferences", Fixture, NULL, setup, test_preferences, teardown);
  g_test_add ("/app-connect/banner", Fixture, NULL, setup, test_banner, teardown);
  g_test_add ("/app-connect/cli-check", Fixture, NULL, setup, test_cli_check, teardown);
  /* Last: the keyring it starts stays on the bus until it is stopped. */
  g_test_add ("/app-connect/keyring-refuses", Fixture, NULL, setup, test_keyring_refuses, teardown);

  status = g_test_run ();

  /* Stopped, not taken down (which waits for every connection to go):
   * GTK keeps its session bus connection until the process ends, and its
   * closing must not end the process before it reports. */
  {
    g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

    if (connection != NULL)
      g_dbus_connection_set_exit_on_close (connection, FALSE);
  }
  g_test_dbus_stop (session_bus);
  return status;
}
