/* lt-test-notification-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-notification-server.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <unistd.h>
#include <string.h>

static GTestDBus *test_bus;
static gboolean stopped;

struct _LtTestNotificationServer
{
  GDBusConnection *connection;
  guint            owner_id;
  guint            registration_id;
  GSubprocess     *dunst;
  char            *config;       /* dunst's configuration file */
  GMutex           lock;         /* the monitor's filter runs in GDBus's thread */
  GPtrArray       *received;     /* LtShownNotification */
};

static const char gtk_interface_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "    </method>"
  /* The tests' own: answered after every call sent before it. */
  "    <method name='Flush'/>"
  "  </interface>"
  "</node>";

void
lt_shown_notification_free (LtShownNotification *shown)
{
  g_free (shown->id);
  g_free (shown->title);
  g_free (shown->body);
  g_free (shown->priority);
  g_free (shown->default_action);
  g_strfreev (shown->buttons);
  g_free (shown);
}

void
lt_test_notification_bus_up (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  g_assert_null (test_bus);
  test_bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  /* GTestDBus forgets the display (so that nothing X11-autolaunches a
   * bus); the UI and dunst need it. */
  g_test_dbus_up (test_bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
}

void
lt_test_notification_bus_down (void)
{
  if (test_bus == NULL || stopped)
    return;
  stopped = TRUE;
  /* Stops the daemon without waiting for the process's shared
   * connection, which GIO keeps (g_test_dbus_down() would wait for it to
   * be finalized and fail). */
  g_test_dbus_stop (test_bus);
  /* Kept, not unreffed: its dispose would call g_test_dbus_down() and
   * wait; the process is about to end. */
}

static GDBusConnection *
connect_private (GDBusConnectionFlags extra)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection;

  g_assert_nonnull (test_bus);
  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (test_bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION |
                                                       extra,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);

  return connection;
}

static void
record (LtTestNotificationServer *self,
        LtShownNotification      *shown)
{
  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->received, shown);
  g_mutex_unlock (&self->lock);
  g_main_context_wakeup (NULL);
}

/* "action::target" for a string target, else the action's detailed name. */
static char *
print_action (const char *action,
              GVariant   *target)
{
  if (target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING))
    return g_strdup_printf ("%s::%s", action, g_variant_get_string (target, NULL));

  return g_action_print_detailed_name (action, target);
}

static void
gtk_method_call_cb (GDBusConnection       *connection,
                    const char            *sender,
                    const char            *object_path,
                    const char            *interface_name,
                    const char            *method_name,
                    GVariant              *parameters,
                    GDBusMethodInvocation *invocation,
                    gpointer               user_data)
{
  LtTestNotificationServer *self = user_data;
  LtShownNotification *shown;

  if (g_str_equal (method_name, "Flush"))
    {
      g_dbus_method_invocation_return_value (invocation, NULL);
      return;
    }

  shown = g_new0 (LtShownNotification, 1);
  if (g_str_equal (method_name, "AddNotification"))
    {
      g_autoptr(GVariant) dict = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GVariant) buttons = NULL;
      g_autoptr(GStrvBuilder) printed = g_strv_builder_new ();
      const char *action = NULL;

      g_variant_get (parameters, "(&ss@a{sv})", NULL, &shown->id, &dict);
      g_variant_lookup (dict, "title", "s", &shown->title);
      g_variant_lookup (dict, "body", "s", &shown->body);
      g_variant_lookup (dict, "priority", "s", &shown->priority);
      if (g_variant_lookup (dict, "default-action", "&s", &action))
        {
          target = g_variant_lookup_value (dict, "default-action-target", NULL);
          shown->default_action = print_action (action, target);
        }
      buttons = g_variant_lookup_value (dict, "buttons", G_VARIANT_TYPE ("aa{sv}"));
      for (gsize i = 0; buttons != NULL && i < g_variant_n_children (buttons); i++)
        {
          g_autoptr(GVariant) button = g_variant_get_child_value (buttons, i);
          g_autoptr(GVariant) button_target = g_variant_lookup_value (button, "target", NULL);
          const char *label = NULL;
          const char *button_action = NULL;
          g_autofree char *detailed = NULL;

          g_variant_lookup (button, "label", "&s", &label);
          g_variant_lookup (button, "action", "&s", &button_action);
          detailed = print_action (button_action, button_target);
          g_autofree char *line = g_strdup_printf ("%s=%s", label, detailed);

          g_strv_builder_add (printed, line);
        }
      shown->buttons = g_strv_builder_end (printed);
    }
  else
    {
      shown->removed = TRUE;
      g_variant_get (parameters, "(&ss)", NULL, &shown->id);
    }

  record (self, shown);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
wait_for_name (const char *name)
{
  g_autoptr(GDBusConnection) bus = connect_private (0);

  for (guint attempt = 0; attempt < 500; attempt++)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20 * 1000);
    }

  g_error ("%s did not appear on the test bus", name);
}

LtTestNotificationServer *
lt_test_notification_server_new_gtk (void)
{
  LtTestNotificationServer *self = g_new0 (LtTestNotificationServer, 1);
  static const GDBusInterfaceVTable vtable = { gtk_method_call_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (gtk_interface_xml, NULL);
  g_autoptr(GError) error = NULL;

  g_mutex_init (&self->lock);
  self->received = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_shown_notification_free);
  self->connection = connect_private (0);
  self->registration_id = g_dbus_connection_register_object (self->connection, "/org/gtk/Notifications",
                                                             info->interfaces[0], &vtable,
                                                             self, NULL, &error);
  g_assert_no_error (error);
  self->owner_id = g_bus_own_name_on_connection (self->connection, "org.gtk.Notifications",
                                                 G_BUS_NAME_OWNER_FLAGS_NONE,
                                                 NULL, NULL, NULL, NULL);
  wait_for_name ("org.gtk.Notifications");

  return self;
}

static char *
dup_hint_or_null (GVariant *hints,
                  const char *name)
{
  const char *value = NULL;

  return g_variant_lookup (hints, name, "&s", &value) ? g_strdup (value) : NULL;
}

/* The monitor's messages, in GDBus's worker thread: recorded, and kept
 * from GDBus (a monitor must never answer). */
static GDBusMessage *
monitor_filter_cb (GDBusConnection *connection,
                   GDBusMessage    *message,
                   gboolean         incoming,
                   gpointer         user_data)
{
  LtTestNotificationServer *self = user_data;
  const char *member = g_dbus_message_get_member (message);
  GVariant *body = g_dbus_message_get_body (message);
  LtShownNotification *shown;

  /* Replies (BecomeMonitor's own) and signals go on to GDBus; calls are
   * someone else's and must never be answered from here. */
  if (!incoming || g_dbus_message_get_message_type (message) != G_DBUS_MESSAGE_TYPE_METHOD_CALL)
    return message;
  if (g_strcmp0 (g_dbus_message_get_interface (message), "org.freedesktop.Notifications") != 0 ||
      body == NULL)
    {
      g_object_unref (message);
      return NULL;
    }

  shown = g_new0 (LtShownNotification, 1);
  if (g_strcmp0 (member, "Notify") == 0 &&
      g_variant_is_of_type (body, G_VARIANT_TYPE ("(susssasa{sv}i)")))
    {
      g_autoptr(GVariant) hints = NULL;
      g_autofree const char **actions = NULL;
      g_autoptr(GStrvBuilder) printed = g_strv_builder_new ();
      guint urgency = 1;

      g_variant_get (body, "(&su&s&s&s^a&s@a{sv}i)", NULL, NULL, NULL,
                     NULL, NULL, &actions, &hints, NULL);
      g_variant_get_child (body, 3, "s", &shown->title);
      g_variant_get_child (body, 4, "s", &shown->body);
      g_variant_lookup (hints, "urgency", "y", &urgency);
      shown->priority = g_strdup (urgency >= 2 ? "urgent" : "normal");
      shown->id = dup_hint_or_null (hints, "desktop-entry");
      /* Pairs of action key and label; "default" is the click. */
      for (guint i = 0; actions != NULL && actions[i] != NULL && actions[i + 1] != NULL; i += 2)
        {
          if (g_str_equal (actions[i], "default"))
            shown->default_action = g_strdup (actions[i]);
          else
            {
              g_autofree char *line = g_strdup_printf ("%s=%s", actions[i + 1], actions[i]);

              g_strv_builder_add (printed, line);
            }
        }
      shown->buttons = g_strv_builder_end (printed);
    }
  else if (g_strcmp0 (member, "CloseNotification") == 0)
    shown->removed = TRUE;
  else
    {
      lt_shown_notification_free (shown);
      g_object_unref (message);
      return NULL;
    }

  record (self, shown);
  g_object_unref (message);

  return NULL;
}

LtTestNotificationServer *
lt_test_notification_server_new_dunst (void)
{
  LtTestNotificationServer *self = g_new0 (LtTestNotificationServer, 1);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *rules[] = { "type='method_call',interface='org.freedesktop.Notifications'", NULL };
  g_autofree char *config = NULL;
  int fd;

  g_mutex_init (&self->lock);
  self->received = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_shown_notification_free);

  /* The real daemon, on the private bus (its address is in the
   * environment GTestDBus set), drawing on the test's X display. */
  /* Nothing expires on its own: what closes a notification is the
   * application withdrawing it, which is what the tests watch. */
  config = g_build_filename (g_get_tmp_dir (), "lt-test-dunstrc-XXXXXX", NULL);
  fd = g_mkstemp (config);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_set_contents (config,
                                      "[urgency_low]\n    timeout = 0\n"
                                      "[urgency_normal]\n    timeout = 0\n"
                                      "[urgency_critical]\n    timeout = 0\n", -1, &error));
  self->dunst = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                  &error, "dunst", "-config", config, NULL);
  self->config = g_steal_pointer (&config);
  g_assert_no_error (error);
  wait_for_name ("org.freedesktop.Notifications");

  self->connection = connect_private (0);
  g_dbus_connection_add_filter (self->connection, monitor_filter_cb, self, NULL);
  reply = g_dbus_connection_call_sync (self->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus.Monitoring", "BecomeMonitor",
                                       g_variant_new ("(^asu)", rules, 0), NULL,
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);

  return self;
}

void
lt_test_notification_server_free (LtTestNotificationServer *self)
{
  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  if (self->owner_id != 0)
    g_bus_unown_name (self->owner_id);
  if (self->connection != NULL)
    g_dbus_connection_close_sync (self->connection, NULL, NULL);
  g_clear_object (&self->connection);
  if (self->dunst != NULL)
    {
      g_subprocess_send_signal (self->dunst, SIGTERM);
      g_subprocess_wait (self->dunst, NULL, NULL);
      g_clear_object (&self->dunst);
    }
  if (self->config != NULL)
    g_unlink (self->config);
  g_free (self->config);
  g_ptr_array_unref (self->received);
  g_mutex_clear (&self->lock);
  g_free (self);
}

GPtrArray *
lt_test_notification_server_take (LtTestNotificationServer *self)
{
  GPtrArray *taken;

  g_mutex_lock (&self->lock);
  taken = self->received;
  self->received = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_shown_notification_free);
  g_mutex_unlock (&self->lock);

  return taken;
}

static guint
n_received (LtTestNotificationServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->received->len;
  g_mutex_unlock (&self->lock);

  return n;
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
lt_test_notification_server_wait (LtTestNotificationServer *self,
                                  guint                     n,
                                  guint                     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (n_received (self) < n && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (source);

  return n_received (self) >= n;
}

static void
flushed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);

  g_assert_nonnull (reply);
  *(gboolean *) user_data = TRUE;
}

void
lt_test_notification_server_flush (LtTestNotificationServer *self,
                                   GDBusConnection          *from)
{
  gboolean done = FALSE;

  g_assert_null (self->dunst);
  g_dbus_connection_call (from, "org.gtk.Notifications", "/org/gtk/Notifications",
                          "org.gtk.Notifications", "Flush", NULL, NULL,
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, flushed_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

guint
lt_test_notification_server_count_displayed (LtTestNotificationServer *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;
  const char *argv[] = { "dunstctl", "count", "displayed", NULL };

  g_assert_nonnull (self->dunst);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return (guint) g_ascii_strtoull (out, NULL, 10);
}
