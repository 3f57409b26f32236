/* lt-test-devportal.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-devportal.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

struct _LtTestDevportal
{
  GSubprocess *process;
  SoupSession *session;
  char        *token;
  char        *dir;
  char        *url;
  char        *listen;   /* "127.0.0.1:PORT" once known */
  gboolean     demo;
};

/* A test that aborts skips its teardown: the portal must not outlive it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
spawn (LtTestDevportal *self)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *log_path = g_build_filename (self->dir, "devportal.log", NULL);
  g_autofree char *line = NULL;
  const char *program = g_getenv ("LT_DEVPORTAL");
  int log_fd;

  g_assert_nonnull (program);
  g_ptr_array_add (args, (gpointer) program);
  g_ptr_array_add (args, (gpointer) "--dev-controls");
  g_ptr_array_add (args, (gpointer) "--data");
  g_ptr_array_add (args, self->dir);
  g_ptr_array_add (args, (gpointer) "--listen");
  g_ptr_array_add (args, self->listen != NULL ? self->listen : (gpointer) "127.0.0.1:0");
  if (self->demo)
    g_ptr_array_add (args, (gpointer) "--demo");
  g_ptr_array_add (args, NULL);

  /* The token through the environment, as the program prefers; the log is
   * appended to across restarts, so a test can read all of it. */
  g_subprocess_launcher_setenv (launcher, "LTSUPPORT_DEVPORTAL_TOKEN", self->token, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  log_fd = g_open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  g_assert_cmpint (log_fd, >=, 0);
  g_subprocess_launcher_take_stderr_fd (launcher, log_fd);

  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));

  g_free (self->url);
  self->url = g_strdup (line);
  if (self->listen == NULL)
    self->listen = g_strdup (line + strlen ("http://"));
}

LtTestDevportal *
lt_test_devportal_start (const char *token,
                         gboolean    demo)
{
  LtTestDevportal *self = g_new0 (LtTestDevportal, 1);
  g_autoptr(GError) error = NULL;

  self->token = g_strdup (token);
  self->demo = demo;
  self->dir = g_dir_make_tmp ("lt-devportal-XXXXXX", &error);
  g_assert_no_error (error);
  self->session = soup_session_new ();
  soup_session_set_timeout (self->session, 30);
  spawn (self);
  return self;
}

const char *
lt_test_devportal_get_url (LtTestDevportal *self)
{
  return self->url;
}

const char *
lt_test_devportal_get_dir (LtTestDevportal *self)
{
  return self->dir;
}

GPid
lt_test_devportal_get_pid (LtTestDevportal *self)
{
  const char *id;

  g_assert_nonnull (self->process);
  id = g_subprocess_get_identifier (self->process);
  g_assert_nonnull (id);
  return (GPid) g_ascii_strtoll (id, NULL, 10);
}

void
lt_test_devportal_stop (LtTestDevportal *self)
{
  g_autoptr(GError) error = NULL;

  if (self->process == NULL)
    return;
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&self->process);
  /* Pooled connections point at the old process. */
  g_clear_object (&self->session);
  self->session = soup_session_new ();
  soup_session_set_timeout (self->session, 30);
}

void
lt_test_devportal_restart (LtTestDevportal *self)
{
  g_assert_null (self->process);
  spawn (self);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
lt_test_devportal_free (LtTestDevportal *self)
{
  lt_test_devportal_stop (self);
  g_clear_object (&self->session);
  remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->token);
  g_free (self->url);
  g_free (self->listen);
  g_free (self);
}

JsonNode *
lt_test_devportal_request (LtTestDevportal *self,
                           const char      *method,
                           const char      *path,
                           const char      *body)
{
  g_autofree char *uri = g_strconcat (self->url, path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint status;

  g_assert_nonnull (msg);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);
  status = soup_message_get_status (msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    g_test_message ("%s %s answered %u: %.*s", method, path, status,
                    (int) g_bytes_get_size (answer), (const char *) g_bytes_get_data (answer, NULL));
  g_assert_true (SOUP_STATUS_IS_SUCCESSFUL (status));
  json_parser_load_from_data (parser, g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                              &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

void
lt_test_devportal_add_fault (LtTestDevportal *self,
                             const char      *fault_json)
{
  json_node_unref (lt_test_devportal_request (self, "POST", "/_dev/faults", fault_json));
}

void
lt_test_devportal_clear_faults (LtTestDevportal *self)
{
  json_node_unref (lt_test_devportal_request (self, "DELETE", "/_dev/faults", NULL));
}

gint64
lt_test_devportal_count (LtTestDevportal *self,
                         const char      *member)
{
  g_autoptr(JsonNode) stats = lt_test_devportal_request (self, "GET", "/_dev/stats", NULL);

  return json_object_get_int_member (json_node_get_object (stats), member);
}

gint64
lt_test_devportal_count_requests (LtTestDevportal *self,
                                  const char      *route)
{
  g_autoptr(JsonNode) stats = lt_test_devportal_request (self, "GET", "/_dev/stats", NULL);
  JsonObject *requests = json_object_get_object_member (json_node_get_object (stats), "requests");

  return json_object_get_int_member_with_default (requests, route, 0);
}

guint
lt_test_devportal_key_count (LtTestDevportal *self,
                             const char      *key,
                             gint64          *replays)
{
  g_autofree char *path = g_strconcat ("/_dev/stats?key=", key, NULL);
  g_autoptr(JsonNode) stats = lt_test_devportal_request (self, "GET", path, NULL);
  JsonArray *keys = json_object_get_array_member (json_node_get_object (stats), "idempotency_keys");
  guint n = json_array_get_length (keys);

  if (replays != NULL)
    *replays = n > 0 ? json_object_get_int_member (json_array_get_object_element (keys, 0), "replays") : 0;
  return n;
}

JsonNode *
lt_test_devportal_transition (LtTestDevportal *self,
                              const char      *ticket_id,
                              const char      *body_json)
{
  g_autofree char *path = g_strdup_printf ("/_dev/tickets/%s/transition", ticket_id);

  return lt_test_devportal_request (self, "POST", path, body_json);
}

void
lt_test_devportal_set_clock (LtTestDevportal *self,
                             const char      *rfc3339)
{
  g_autofree char *body = g_strdup_printf ("{\"now\": \"%s\"}", rfc3339);
  g_autoptr(JsonNode) clock = lt_test_devportal_request (self, "POST", "/_dev/clock", body);
  g_autoptr(GDateTime) asked = g_date_time_new_from_iso8601 (rfc3339, NULL);
  g_autoptr(GDateTime) now = NULL;

  /* Compared as instants: the portal answers in UTC what may have been
   * asked with an offset. */
  g_assert_nonnull (asked);
  now = g_date_time_new_from_iso8601 (json_object_get_string_member (json_node_get_object (clock), "now"),
                                      NULL);
  g_assert_nonnull (now);
  g_assert_cmpint (g_date_time_to_unix (now), ==, g_date_time_to_unix (asked));
}

JsonNode *
lt_test_devportal_publish_release (LtTestDevportal *self,
                                   const char      *release_json)
{
  return lt_test_devportal_request (self, "POST", "/_dev/releases", release_json);
}

JsonNode *
lt_test_devportal_announce_window (LtTestDevportal *self,
                                   const char      *window_json)
{
  return lt_test_devportal_request (self, "POST", "/_dev/maintenance-windows", window_json);
}
