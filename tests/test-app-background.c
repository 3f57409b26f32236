/* test-app-background.c: background mode and background sync
 *
 * Real parts only: the autostart entry is checked by desktop-file-validate;
 * the Flatpak path (LTSUPPORT_TEST_SANDBOXED=1) talks through libportal to
 * a stand-in org.freedesktop.portal.Desktop on a private session bus
 * (GTestDBus); `--background` is the real lockthreat-support binary on
 * that bus, looked at through the org.gtk.Actions objects GtkApplication
 * exports for the application and for each window; the outbox goes to the
 * real devportal when a network monitor of the test's flips back to
 * available; logind's PrepareForSleep comes from a stand-in
 * org.freedesktop.login1 on a second private bus, named by
 * DBUS_SYSTEM_BUS_ADDRESS.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-background"

#include "config.h"

#include "lt-actions.h"
#include "lt-app-test-util.h"
#include "lt-application.h"
#include "lt-application-private.h"
#include "lt-background.h"
#include "lt-credentials.h"
#include "lt-preferences-window.h"
#include "lt-portal-choice.h"
#include "lt-sync-controller.h"
#include "lt-test-devportal.h"
#include "lt-test-util.h"
#include "lt-window.h"

#include <string.h>
#include <sys/wait.h>

#define TOKEN "background-test-token-8d2e"

static GTestDBus *session_bus;
static GTestDBus *system_bus;
/* One application for the in-process tests: a second one could not
 * export its objects on the same bus. */
static LtApplication *application;

/* ---- A network monitor the test flips --------------------------------- */

#define TEST_TYPE_NETWORK_MONITOR (test_network_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestNetworkMonitor, test_network_monitor, TEST, NETWORK_MONITOR, GObject)

struct _TestNetworkMonitor
{
  GObject  parent_instance;
  gboolean available;
};

static void test_network_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_network_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNetworkMonitor, test_network_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_network_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_network_monitor_iface_init))

enum { PROP_0, PROP_AVAILABLE, PROP_METERED, PROP_CONNECTIVITY };

static void
test_network_monitor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TestNetworkMonitor *self = TEST_NETWORK_MONITOR (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
test_network_monitor_init_sync (GInitable     *initable,
                                GCancellable  *cancellable,
                                GError       **error)
{
  return TRUE;
}

static void
test_network_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_network_monitor_init_sync;
}

static void
test_network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
test_network_monitor_class_init (TestNetworkMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_monitor_get_property;
  g_object_class_override_property (object_class, PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_monitor_init (TestNetworkMonitor *self)
{
  self->available = TRUE;
}

static void
test_network_monitor_set_available (TestNetworkMonitor *self,
                                    gboolean            available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ---- Helpers ------------------------------------------------------------ */

static gboolean
wait_until_file (const char *path,
                 gboolean    exists)
{
  for (guint i = 0; i < 200; i++)
    {
      if (g_file_test (path, G_FILE_TEST_EXISTS) == exists)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  return g_file_test (path, G_FILE_TEST_EXISTS) == exists;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} ApplyResult;

static void
apply_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ApplyResult *r = user_data;

  r->ok = lt_background_apply_finish (result, &r->error);
  r->done = TRUE;
}

static gboolean
apply (gboolean   enabled,
       GError   **error)
{
  ApplyResult r = { 0 };

  lt_background_apply_async (enabled, NULL, NULL, apply_result_cb, &r);
  g_assert_true (lt_app_test_wait_for (&r.done, 10000));
  if (r.error != NULL)
    g_propagate_error (error, r.error);
  return r.ok;
}

static LtApplication *
get_application (void)
{
  g_autoptr(GError) error = NULL;

  if (application != NULL)
    return application;

  application = lt_application_new ();
  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);
  return application;
}

/* ---- The autostart entry (outside Flatpak) ------------------------------ */

static void
assert_valid_autostart (const char *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();
  g_autofree char *exec = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "desktop-file-validate", path, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("desktop-file-validate %s failed:\n%s%s", path, out, err);
  /* Hints are not errors, but a clean entry has none either. */
  g_assert_cmpstr (out, ==, "");

  g_assert_true (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (g_key_file_get_string (keyfile, "Desktop Entry", "Type", NULL), ==, "Application");
  g_assert_true (g_key_file_get_boolean (keyfile, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));
  exec = g_key_file_get_string (keyfile, "Desktop Entry", "Exec", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (exec, "lockthreat-support --background"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
}

static void
test_autostart_entry (void)
{
  g_autofree char *path = lt_background_dup_autostart_path ();
  g_autofree char *expected = g_build_filename (g_get_user_config_dir (), "autostart",
                                                APPLICATION_ID ".desktop", NULL);
  g_autoptr(GError) error = NULL;

  g_unsetenv (LT_BACKGROUND_TEST_SANDBOXED_ENV);
  g_assert_cmpstr (path, ==, expected);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_assert_true (apply (TRUE, &error));
  g_assert_no_error (error);
  assert_valid_autostart (path);

  /* Written again over itself: still one valid entry. */
  g_assert_true (apply (TRUE, &error));
  assert_valid_autostart (path);

  g_assert_true (apply (FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  /* Removing what is not there is not an error. */
  g_assert_true (apply (FALSE, &error));
  g_assert_no_error (error);
}

/* The switch in Preferences → General turns the setting on; the running
 * application writes the entry, and removes it when turned off. */
static void
test_preferences_switch (void)
{
  LtApplication *app;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *path = lt_background_dup_autostart_path ();
  GtkWidget *preferences;
  GtkWidget *label;
  GtkWidget *row;
  GtkWidget *toggle;

  g_unsetenv (LT_BACKGROUND_TEST_SANDBOXED_ENV);
  lt_app_test_reset_settings (settings);
  app = get_application ();

  preferences = lt_preferences_window_new (lt_application_get_context (app));
  gtk_window_present (GTK_WINDOW (preferences));
  label = lt_app_test_find_label (preferences, "Run in Background");
  g_assert_nonnull (label);
  g_assert_nonnull (lt_app_test_find_label (preferences,
                                            "Keep watching deadlines and sending queued items when the window "
                                            "is closed, and start at login without a window"));
  row = gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW);
  toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (wait_until_file (path, TRUE));
  assert_valid_autostart (path);

  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  g_assert_true (wait_until_file (path, FALSE));

  gtk_window_destroy (GTK_WINDOW (preferences));
  lt_app_test_flush ();
}

/* The first-run question: once, after the first good sync with a window
 * open; "Run in Background" turns the setting on. */
static void
test_first_run_question (void)
{
  LtApplication *app;
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *path = lt_background_dup_autostart_path ();
  LtContext *context;
  LtSyncController *sync;
  GtkWidget *window;
  GtkWidget *question;

  g_unsetenv (LT_BACKGROUND_TEST_SANDBOXED_ENV);
  lt_app_test_reset_settings (settings);
  app = get_application ();
  context = lt_application_get_context (app);
  sync = lt_context_get_sync (context);
  g_assert_nonnull (sync);

  /* A failed run asks nothing; nor does a good one without a window. */
  g_signal_emit_by_name (sync, "run-finished", FALSE);
  g_signal_emit_by_name (sync, "run-finished", TRUE);
  g_assert_null (lt_application_get_background_question (app));

  window = GTK_WIDGET (lt_window_new (GTK_APPLICATION (app), context));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_emit_by_name (sync, "run-finished", TRUE);
  question = lt_application_get_background_question (app);
  g_assert_nonnull (question);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (question));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (question)), ==,
                   "Keep Watch in the Background?");
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (question), "not-now"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (question), "background"), ==,
                   "_Run in Background");
  /* Not twice while it is shown. */
  g_signal_emit_by_name (sync, "run-finished", TRUE);
  g_assert_true (lt_application_get_background_question (app) == question);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "background");
  g_assert_null (lt_application_get_background_question (app));
  g_assert_true (g_settings_get_boolean (settings, "background-asked"));
  g_assert_true (g_settings_get_boolean (settings, "run-in-background"));
  g_assert_true (wait_until_file (path, TRUE));

  /* Asked once: not again, even with the setting off. */
  g_settings_set_boolean (settings, "run-in-background", FALSE);
  g_assert_true (wait_until_file (path, FALSE));
  g_signal_emit_by_name (sync, "run-finished", TRUE);
  g_assert_null (lt_application_get_background_question (app));

  gtk_window_destroy (GTK_WINDOW (window));
  lt_app_test_flush ();
}

/* ---- The Background portal (Flatpak), against a stand-in ---------------- */

typedef struct
{
  GDBusConnection *connection;
  guint            owner_id;
  guint            object_id;
  gboolean         grant;
  guint            n_requests;
  GVariant        *options;        /* of the last request */
  char            *parent_window;
} PortalStandIn;

static const char portal_xml[] =
  "<node>"
  "  <interface name='org.freedesktop.portal.Background'>"
  "    <method name='RequestBackground'>"
  "      <arg type='s' name='parent_window' direction='in'/>"
  "      <arg type='a{sv}' name='options' direction='in'/>"
  "      <arg type='o' name='handle' direction='out'/>"
  "    </method>"
  "    <property name='version' type='u' access='read'/>"
  "  </interface>"
  "</node>";

typedef struct
{
  PortalStandIn *portal;
  char          *sender;
  char          *handle;
} PendingResponse;

/* After the method's answer, as a real portal does once the user chose. */
static gboolean
send_response_cb (gpointer user_data)
{
  PendingResponse *pending = user_data;
  GVariantBuilder results;
  g_autoptr(GError) error = NULL;

  g_variant_builder_init (&results, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&results, "{sv}", "background", g_variant_new_boolean (pending->portal->grant));
  g_variant_builder_add (&results, "{sv}", "autostart", g_variant_new_boolean (pending->portal->grant));
  g_dbus_connection_emit_signal (pending->portal->connection, pending->sender, pending->handle,
                                 "org.freedesktop.portal.Request", "Response",
                                 g_variant_new ("(u@a{sv})", 0, g_variant_builder_end (&results)),
                                 &error);
  g_assert_no_error (error);

  g_free (pending->sender);
  g_free (pending->handle);
  g_free (pending);
  return G_SOURCE_REMOVE;
}

static void
portal_method_cb (GDBusConnection       *connection,
                  const char            *sender,
                  const char            *object_path,
                  const char            *interface_name,
                  const char            *method_name,
                  GVariant              *parameters,
                  GDBusMethodInvocation *invocation,
                  gpointer               user_data)
{
  PortalStandIn *portal = user_data;
  PendingResponse *pending;
  g_autofree char *escaped = NULL;
  const char *token = NULL;
  const char *parent = NULL;
  g_autoptr(GVariant) options = NULL;

  g_assert_cmpstr (method_name, ==, "RequestBackground");
  g_variant_get (parameters, "(&s@a{sv})", &parent, &options);
  g_assert_true (g_variant_lookup (options, "handle_token", "&s", &token));

  portal->n_requests++;
  g_clear_pointer (&portal->options, g_variant_unref);
  portal->options = g_variant_ref (options);
  g_free (portal->parent_window);
  portal->parent_window = g_strdup (parent);

  /* The documented request path: the sender's unique name without its
   * ':' and with '.' as '_', then the caller's token. */
  escaped = g_strdelimit (g_strdup (sender + 1), ".", '_');
  pending = g_new0 (PendingResponse, 1);
  pending->portal = portal;
  pending->sender = g_strdup (sender);
  pending->handle = g_strdup_printf ("/org/freedesktop/portal/desktop/request/%s/%s", escaped, token);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(o)", pending->handle));
  g_idle_add (send_response_cb, pending);
}

static GVariant *
portal_get_property_cb (GDBusConnection  *connection,
                        const char       *sender,
                        const char       *object_path,
                        const char       *interface_name,
                        const char       *property_name,
                        GError          **error,
                        gpointer          user_data)
{
  return g_variant_new_uint32 (1);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
portal_stand_in_start (PortalStandIn *portal)
{
  static const GDBusInterfaceVTable vtable = { portal_method_cb, portal_get_property_cb, NULL };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (portal_xml, NULL);
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE;

  portal->connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (session_bus),
                                                               G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                               NULL, NULL, &error);
  g_assert_no_error (error);
  portal->object_id = g_dbus_connection_register_object (portal->connection, "/org/freedesktop/portal/desktop",
                                                         info->interfaces[0], &vtable, portal, NULL, &error);
  g_assert_no_error (error);
  portal->owner_id = g_bus_own_name_on_connection (portal->connection, "org.freedesktop.portal.Desktop",
                                                   G_BUS_NAME_OWNER_FLAGS_NONE,
                                                   name_acquired_cb, NULL, &owned, NULL);
  g_assert_true (lt_app_test_wait_for (&owned, 5000));
}

static void
portal_stand_in_stop (PortalStandIn *portal)
{
  g_bus_unown_name (portal->owner_id);
  g_dbus_connection_unregister_object (portal->connection, portal->object_id);
  g_dbus_connection_close_sync (portal->connection, NULL, NULL);
  g_clear_object (&portal->connection);
  g_clear_pointer (&portal->options, g_variant_unref);
  g_clear_pointer (&portal->parent_window, g_free);
}

static void
test_portal_request (void)
{
  PortalStandIn portal = { .grant = TRUE };
  g_autofree char *path = lt_background_dup_autostart_path ();
  g_autofree const char **commandline = NULL;
  gboolean autostart = FALSE;
  g_autoptr(GError) error = NULL;

  g_setenv (LT_BACKGROUND_TEST_SANDBOXED_ENV, "1", TRUE);
  g_assert_true (lt_background_is_sandboxed ());
  portal_stand_in_start (&portal);

  g_assert_true (apply (TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (portal.n_requests, ==, 1);
  g_assert_true (g_variant_lookup (portal.options, "autostart", "b", &autostart));
  g_assert_true (autostart);
  g_assert_true (g_variant_lookup (portal.options, "commandline", "^a&s", &commandline));
  g_assert_cmpuint (g_strv_length ((char **) commandline), ==, 2);
  g_assert_cmpstr (commandline[0], ==, "lockthreat-support");
  g_assert_cmpstr (commandline[1], ==, "--background");
  g_assert_true (g_variant_lookup (portal.options, "reason", "&s", NULL));
  /* No window: no parent. */
  g_assert_cmpstr (portal.parent_window, ==, "");
  /* Inside the sandbox the portal keeps the entry, not the app. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Turned off: the same request without autostart. */
  g_assert_true (apply (FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (portal.n_requests, ==, 2);
  g_assert_true (g_variant_lookup (portal.options, "autostart", "b", &autostart));
  g_assert_false (autostart);

  /* The user said no. */
  portal.grant = FALSE;
  g_assert_false (apply (TRUE, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
  g_assert_cmpuint (portal.n_requests, ==, 3);

  portal_stand_in_stop (&portal);
  g_unsetenv (LT_BACKGROUND_TEST_SANDBOXED_ENV);
}

/* ---- --background: the real binary ------------------------------------- */

/* GApplication's object path: the build's application id as a path. */
static char *
dup_app_object_path (void)
{
  return g_strdelimit (g_strdup_printf ("/%s", APPLICATION_ID), ".", '/');
}

static gboolean
window_exported (GDBusConnection *bus,
                 guint            id)
{
  g_autofree char *app_path = dup_app_object_path ();
  g_autofree char *path = g_strdup_printf ("%s/window/%u", app_path, id);
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID, path,
                                       "org.gtk.Actions", "List", NULL, G_VARIANT_TYPE ("(as)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  return reply != NULL;
}

static gboolean
name_has_owner (GDBusConnection *bus,
                const char      *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean has = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner", g_variant_new ("(s)", name),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &has);
  return has;
}

static void
child_exited_cb (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  int *exit_status = user_data;

  *exit_status = status;
  g_spawn_close_pid (pid);
}

static char **
child_environment (void)
{
  char **envp = g_get_environ ();

  /* Nothing to reach: the run fails fast and quietly. */
  envp = g_environ_setenv (envp, LT_PORTAL_ENV, "http://127.0.0.1:9", TRUE);
  envp = g_environ_unsetenv (envp, LT_BACKGROUND_TEST_SANDBOXED_ENV);
  return envp;
}

static void
test_background_launch (void)
{
  const char *program = g_getenv ("LOCKTHREAT_SUPPORT");
  g_autoptr(GDBusConnection) bus = NULL;
  g_auto(GStrv) envp = child_environment ();
  g_autofree char *app_path = dup_app_object_path ();
  const char *first[] = { program, "--background", NULL };
  const char *second[] = { program, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status = -1;
  int status = 0;
  GPid pid;
  guint i;

  g_assert_nonnull (program);
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (name_has_owner (bus, APPLICATION_ID));

  g_assert_true (g_spawn_async (NULL, (char **) first, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &exit_status);

  for (i = 0; i < 300 && !name_has_owner (bus, APPLICATION_ID); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50 * 1000);
    }
  g_assert_true (name_has_owner (bus, APPLICATION_ID));

  /* Held without a window: still there a while later, and no window. */
  for (i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50 * 1000);
    }
  g_assert_cmpint (exit_status, ==, -1);
  g_assert_false (window_exported (bus, 1));

  /* A second launch presents the window in the running instance. */
  g_assert_true (g_spawn_sync (NULL, (char **) second, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (i = 0; i < 200 && !window_exported (bus, 1); i++)
    g_usleep (50 * 1000);
  g_assert_true (window_exported (bus, 1));
  g_assert_cmpint (exit_status, ==, -1);

  /* app.quit (Ctrl+Q) quits, held or not. */
  g_dbus_connection_call_sync (bus, APPLICATION_ID, app_path,
                               "org.gtk.Actions", "Activate",
                               g_variant_new ("(sava{sv})", "quit", NULL, NULL),
                               NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL, &error);
  g_assert_no_error (error);
  for (i = 0; i < 200 && exit_status == -1; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (50 * 1000);
    }
  g_assert_cmpint (exit_status, !=, -1);
  g_assert_true (WIFEXITED (exit_status));
  g_assert_cmpint (WEXITSTATUS (exit_status), ==, 0);
}

/* ---- Background sync ---------------------------------------------------- */

typedef struct
{
  LtTestDevportal    *portal;
  LtClock            *clock;
  GSettings          *settings;
  LtContext          *context;
  TestNetworkMonitor *monitor;
  LtSyncController   *sync;
  guint               n_runs;
  gboolean            last_ok;
} SyncFixture;

static void
run_finished_cb (LtSyncController *sync,
                 gboolean          ok,
                 SyncFixture      *f)
{
  f->n_runs++;
  f->last_ok = ok;
}

static void
sync_setup (SyncFixture   *f,
            gconstpointer  data)
{
  static guint serial;
  g_autofree char *dir = g_strdup_printf ("background-profile-%u", ++serial);
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), dir, "support.db", NULL);
  g_autoptr(GError) error = NULL;
  gboolean fixed_clock = GPOINTER_TO_INT (data);

  f->portal = lt_test_devportal_start (TOKEN, FALSE);
  g_setenv (LT_CREDENTIALS_TOKEN_ENV, TOKEN, TRUE);

  f->settings = g_settings_new (APPLICATION_ID);
  lt_app_test_reset_settings (f->settings);
  if (fixed_clock)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      f->clock = lt_clock_new_fixed (now);
    }
  else
    f->clock = lt_clock_new_system ();
  f->context = lt_context_new (f->clock, f->settings, &error);
  g_assert_no_error (error);
  lt_context_set_portal_override (f->context, lt_test_devportal_get_url (f->portal));
  g_assert_true (lt_context_open_store (f->context, path, &error));
  g_assert_no_error (error);
  lt_app_test_wait_tickets_read (f->context);

  f->monitor = g_object_new (TEST_TYPE_NETWORK_MONITOR, NULL);
  lt_context_set_network_monitor (f->context, G_NETWORK_MONITOR (f->monitor));
  f->sync = lt_sync_controller_new (f->context);
  lt_context_set_sync (f->context, f->sync);
  g_assert_true (lt_sync_controller_get_available (f->sync));
  g_signal_connect (f->sync, "run-finished", G_CALLBACK (run_finished_cb), f);
  /* As the application does, without a window; no run at start. */
  lt_sync_controller_start (f->sync, FALSE);
}

static void
sync_teardown (SyncFixture   *f,
               gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->sync, f);
  g_clear_object (&f->sync);
  g_clear_object (&f->context);
  g_clear_object (&f->monitor);
  g_clear_object (&f->settings);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->portal, lt_test_devportal_free);
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);
}

static gboolean
wait_runs (SyncFixture *f,
           guint        n_runs,
           guint        timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * G_TIME_SPAN_MILLISECOND;

  while (f->n_runs < n_runs && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5 * 1000);
    }
  return f->n_runs >= n_runs;
}

static void
test_network_back (SyncFixture   *f,
                   gconstpointer  data)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new_draft ();
  g_autoptr(GDateTime) now = lt_clock_dup_now (f->clock);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  const LtScopeCategory *categories;
  guint n_categories = 0;
  gint64 back_at;
  gint64 replays = 0;

  /* The network goes, and with it the portal. */
  test_network_monitor_set_available (f->monitor, FALSE);
  lt_test_devportal_stop (f->portal);

  categories = lt_policy_get_scope_categories (lt_context_get_policy (f->context), &n_categories);
  g_assert_cmpuint (n_categories, >, 0);
  lt_ticket_set_title (ticket, "Filed while offline");
  lt_ticket_set_description (ticket, "The login page answers 502 after the upgrade.");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_category (ticket, categories[0].id);
  lt_ticket_set_product_version (ticket, "3.3.1");
  key = lt_actions_file_ticket (lt_context_get_outbox (f->context), lt_context_get_policy (f->context),
                                ticket, NULL, now, &error);
  g_assert_no_error (error);

  /* The push right after queueing fails: the item backs off (30 s). */
  g_assert_true (wait_runs (f, 1, 20000));
  g_assert_false (f->last_ok);
  g_assert_cmpint (lt_sync_controller_get_outcome (f->sync), ==, LT_SYNC_OUTCOME_OFFLINE);

  /* The portal is there again, but nothing tells the app until the
   * network does: no run. */
  lt_test_devportal_restart (f->portal);
  g_assert_false (wait_runs (f, 2, 500));
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 0);

  /* The network is back: the item goes now, not after its back-off or
   * the interval. */
  back_at = g_get_monotonic_time ();
  test_network_monitor_set_available (f->monitor, TRUE);
  g_assert_true (wait_runs (f, 2, 10000));
  g_assert_true (f->last_ok);
  g_assert_cmpint (g_get_monotonic_time () - back_at, <, 10 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 1);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, key, &replays), ==, 1);

  /* Available again while nothing waits: no run. */
  test_network_monitor_set_available (f->monitor, FALSE);
  test_network_monitor_set_available (f->monitor, TRUE);
  g_assert_false (wait_runs (f, 3, 500));
}

typedef struct
{
  GDBusConnection *connection;
  guint            owner_id;
} LogindStandIn;

static void
logind_emit (LogindStandIn *logind,
             gboolean       sleeping)
{
  g_autoptr(GError) error = NULL;

  g_dbus_connection_emit_signal (logind->connection, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", "PrepareForSleep",
                                 g_variant_new ("(b)", sleeping), &error);
  g_assert_no_error (error);
  g_dbus_connection_flush_sync (logind->connection, NULL, NULL);
}

static void
test_resume (SyncFixture   *f,
             gconstpointer  data)
{
  LogindStandIn logind = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean owned = FALSE;
  guint i;

  logind.connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (system_bus),
                                                              G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                              G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                              NULL, NULL, &error);
  g_assert_no_error (error);
  logind.owner_id = g_bus_own_name_on_connection (logind.connection, "org.freedesktop.login1",
                                                  G_BUS_NAME_OWNER_FLAGS_NONE,
                                                  name_acquired_cb, NULL, &owned, NULL);
  g_assert_true (lt_app_test_wait_for (&owned, 5000));

  /* Going to sleep is no reason to sync. The controller subscribes once
   * its system bus connection is up: give it the time. */
  for (i = 0; i < 10; i++)
    {
      logind_emit (&logind, TRUE);
      g_assert_false (wait_runs (f, 1, 100));
    }
  g_assert_cmpuint (f->n_runs, ==, 0);

  /* Waking up is: one full run. */
  logind_emit (&logind, FALSE);
  g_assert_true (wait_runs (f, 1, 10000));
  g_assert_true (f->last_ok);
  {
    g_autoptr(GDateTime) last = lt_sync_controller_dup_last_success (f->sync);

    g_assert_nonnull (last);
  }
  /* One resume, one run: a second word of the same wake-up adds none. */
  logind_emit (&logind, FALSE);
  g_assert_false (wait_runs (f, 2, 500));

  g_bus_unown_name (logind.owner_id);
  g_dbus_connection_close_sync (logind.connection, NULL, NULL);
  g_clear_object (&logind.connection);
}

/* The clock jumping forward between two ticks is a resume too (no logind,
 * or a suspend it did not announce); a minute's tick is not. */
static void
test_clock_jump (SyncFixture   *f,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_clock_dup_now (f->clock);
  g_autoptr(GDateTime) minute = g_date_time_add_minutes (now, 1);
  g_autoptr(GDateTime) later = g_date_time_add_minutes (minute, 47);

  lt_clock_set_now (f->clock, minute);
  g_assert_false (wait_runs (f, 1, 300));

  lt_clock_set_now (f->clock, later);
  g_assert_true (wait_runs (f, 1, 10000));
  g_assert_true (f->last_ok);
}

/* ---- main --------------------------------------------------------------- */

static GTestDBus *
private_bus (void)
{
  /* GTestDBus unsets DISPLAY and XDG_RUNTIME_DIR for the tests it expects;
   * these need the X server of xvfb-run. */
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  g_autofree char *runtime_dir = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  GTestDBus *bus = g_test_dbus_new (G_TEST_DBUS_NONE);

  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  if (runtime_dir != NULL)
    g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);
  return bus;
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before GTK and libadwaita connect to any session bus: everything here
   * (the application, libportal, the stand-ins) shares the private ones.
   * The first bus stands for the system bus (logind). */
  system_bus = private_bus ();
  g_setenv ("DBUS_SYSTEM_BUS_ADDRESS", g_test_dbus_get_bus_address (system_bus), TRUE);
  session_bus = private_bus ();

  lt_app_test_init (&argc, &argv);

  g_test_add_func ("/background/autostart-entry", test_autostart_entry);
  g_test_add_func ("/background/preferences-switch", test_preferences_switch);
  g_test_add_func ("/background/first-run-question", test_first_run_question);
  g_test_add_func ("/background/portal-request", test_portal_request);
  g_test_add_func ("/background/launch", test_background_launch);
  g_test_add ("/background/network-back", SyncFixture, GINT_TO_POINTER (FALSE),
              sync_setup, test_network_back, sync_teardown);
  g_test_add ("/background/resume", SyncFixture, GINT_TO_POINTER (FALSE),
              sync_setup, test_resume, sync_teardown);
  g_test_add ("/background/clock-jump", SyncFixture, GINT_TO_POINTER (TRUE),
              sync_setup, test_clock_jump, sync_teardown);

  status = g_test_run ();

  g_clear_object (&application);
  /* Stopped, not taken down (which waits for every connection to go):
   * GTK keeps its session bus connection until the process ends. Their
   * closing must not end the process before it reports. */
  for (GBusType type = G_BUS_TYPE_SYSTEM; type <= G_BUS_TYPE_SESSION; type++)
    {
      g_autoptr(GDBusConnection) connection = g_bus_get_sync (type, NULL, NULL);

      if (connection != NULL)
        g_dbus_connection_set_exit_on_close (connection, FALSE);
    }
  g_test_dbus_stop (session_bus);
  g_test_dbus_stop (system_bus);
  return status;
}
