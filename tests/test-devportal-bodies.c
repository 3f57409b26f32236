/* test-devportal-bodies.c: the devportal refuses a body before reading it
 *
 * A raw loopback socket talks to the real lockthreat-devportal: headers
 * that announce a huge body without a valid token get their 401 while the
 * body is still unsent; a Content-Length over the cap gets its 413 the
 * same way, and a chunked body as soon as it passes the cap. The portal's
 * memory (VmHWM, the peak, in /proc/PID/status) stays flat while a client
 * streams 200 MiB at it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-test-devportal.h"
#include "lt-ticket-event.h"

#include <gio/gio.h>
#include <string.h>

#define TOKEN "bodies-test-token"
#define MIB (1024 * 1024)

typedef struct
{
  LtTestDevportal *portal;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->portal = lt_test_devportal_start (TOKEN, FALSE);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_clear_pointer (&f->portal, lt_test_devportal_free);
}

static GSocketConnection *
connect_raw (Fixture *f)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  const char *url = lt_test_devportal_get_url (f->portal);
  GSocketConnection *connection;

  connection = g_socket_client_connect_to_uri (client, url, 80, NULL, &error);
  g_assert_no_error (error);
  /* An answer that only comes after the body would never come. */
  g_socket_set_timeout (g_socket_connection_get_socket (connection), 10);
  return connection;
}

static void
send_all (GSocket    *socket,
          const char *data,
          gsize       size)
{
  g_autoptr(GError) error = NULL;

  while (size > 0)
    {
      gssize n = g_socket_send (socket, data, size, NULL, &error);

      g_assert_no_error (error);
      data += n;
      size -= (gsize) n;
    }
}

/* Whether the portal has said something (or closed) already. */
static gboolean
answer_waiting (GSocket *socket)
{
  return (g_socket_condition_check (socket, G_IO_IN | G_IO_HUP | G_IO_ERR) != 0);
}

/* Reads the answer up to the end of the connection (the portal closes it
 * after an early answer); asserts its status and returns it whole. */
static char *
read_answer (GSocket *socket,
             guint    status)
{
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autofree char *status_line = g_strdup_printf ("HTTP/1.1 %u ", status);
  char buffer[4096];

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      if (n <= 0)
        {
          /* A timeout here is the hole: nothing was answered before the
           * body came. */
          g_assert_false (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
          break;
        }
      g_string_append_len (answer, buffer, n);
      if (answer->len > 64 * 1024)
        break;
    }

  g_test_message ("answer: %s", answer->str);
  g_assert_true (g_str_has_prefix (answer->str, status_line));
  return g_string_free (g_steal_pointer (&answer), FALSE);
}

/* Headers for a 600 MiB ticket without (or with a wrong) token: the 401
 * comes back while not one byte of the body was sent. */
static void
test_unauthenticated (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const auth[] = { "", "Authorization: Bearer not-the-token\r\n" };

  for (guint i = 0; i < G_N_ELEMENTS (auth); i++)
    {
      g_autoptr(GSocketConnection) connection = connect_raw (f);
      GSocket *socket = g_socket_connection_get_socket (connection);
      g_autofree char *headers = g_strdup_printf ("POST /api/v1/tickets HTTP/1.1\r\n"
                                                  "Host: 127.0.0.1\r\n"
                                                  "%s"
                                                  "Content-Type: application/json\r\n"
                                                  "Idempotency-Key: 0b7e5a52-4f8e-4c43-9d52-1f6d3c0c0001\r\n"
                                                  "Content-Length: %d\r\n\r\n",
                                                  auth[i], 600 * MIB);
      g_autofree char *answer = NULL;

      send_all (socket, headers, strlen (headers));
      answer = read_answer (socket, 401);
      g_assert_nonnull (strstr (answer, "WWW-Authenticate: Bearer"));
      g_assert_nonnull (strstr (answer, "\"code\":\"unauthorized\""));
    }

  /* The same with a chunked body. */
  {
    g_autoptr(GSocketConnection) connection = connect_raw (f);
    GSocket *socket = g_socket_connection_get_socket (connection);
    static const char headers[] = "POST /api/v1/tickets HTTP/1.1\r\n"
                                  "Host: 127.0.0.1\r\n"
                                  "Content-Type: application/json\r\n"
                                  "Transfer-Encoding: chunked\r\n\r\n";
    g_autofree char *answer = NULL;

    send_all (socket, headers, strlen (headers));
    answer = read_answer (socket, 401);
  }

  /* Nothing was filed, and the portal serves the next client as before. */
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 0);
}

/* With the token, a Content-Length over the cap of its route is refused
 * before the body: 1 MiB for JSON, 10 MiB and 64 KiB for an upload. */
static void
test_content_length_over_cap (Fixture       *f,
                              gconstpointer  data)
{
  static const struct
  {
    const char *path;
    const char *type;
    int         length;
  } cases[] = {
    { "/api/v1/tickets", "application/json", MIB + 1 },
    /* The file may be LT_ATTACHMENT_MAX_SIZE; the body has 64 KiB more
     * for the multipart framing and the note. */
    { "/api/v1/tickets/LT-000001/attachments", "multipart/form-data; boundary=x",
      LT_ATTACHMENT_MAX_SIZE + 64 * 1024 + 1 },
    { "/_dev/clock", "application/json", 600 * MIB },
    /* Where no route is, the body is not read either. */
    { "/api/v1/nowhere", "application/json", 600 * MIB },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GSocketConnection) connection = connect_raw (f);
      GSocket *socket = g_socket_connection_get_socket (connection);
      g_autofree char *headers = g_strdup_printf ("POST %s HTTP/1.1\r\n"
                                                  "Host: 127.0.0.1\r\n"
                                                  "Authorization: Bearer " TOKEN "\r\n"
                                                  "Content-Type: %s\r\n"
                                                  "Idempotency-Key: 0b7e5a52-4f8e-4c43-9d52-1f6d3c0c0002\r\n"
                                                  "Content-Length: %d\r\n\r\n",
                                                  cases[i].path, cases[i].type, cases[i].length);
      g_autofree char *answer = NULL;

      g_test_message ("%s, %d bytes", cases[i].path, cases[i].length);
      send_all (socket, headers, strlen (headers));
      answer = read_answer (socket, 413);
      g_assert_nonnull (strstr (answer, "\"code\":\"payload_too_large\""));
    }
}

/* A chunked body has no length up front: it is refused once it passed the
 * cap, not after the client finished. */
static void
test_chunked_over_cap (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = connect_raw (f);
  GSocket *socket = g_socket_connection_get_socket (connection);
  static const char headers[] = "POST /api/v1/tickets HTTP/1.1\r\n"
                                "Host: 127.0.0.1\r\n"
                                "Authorization: Bearer " TOKEN "\r\n"
                                "Content-Type: application/json\r\n"
                                "Idempotency-Key: 0b7e5a52-4f8e-4c43-9d52-1f6d3c0c0003\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n";
  g_autofree char *chunk = NULL;
  g_autofree char *answer = NULL;
  gsize chunk_size = 64 * 1024;
  gsize sent = 0;

  chunk = g_malloc (chunk_size + 32);
  {
    int header = g_snprintf (chunk, 32, "%" G_GSIZE_MODIFIER "x\r\n", chunk_size);

    memset (chunk + header, ' ', chunk_size);
    memcpy (chunk + header + chunk_size, "\r\n", 2);
    send_all (socket, headers, strlen (headers));
    /* Up to 32 MiB, never finishing the body: the answer must come long
     * before (what the client sends ahead of it depends on the socket
     * buffers and the machine's load, hence the margin below). */
    while (sent < 32 * MIB && !answer_waiting (socket))
      {
        send_all (socket, chunk, header + chunk_size + 2);
        sent += chunk_size;
        g_usleep (2000);
      }
  }

  g_test_message ("%" G_GSIZE_FORMAT " bytes sent before the answer", sent);
  answer = read_answer (socket, 413);
  g_assert_nonnull (strstr (answer, "\"code\":\"payload_too_large\""));
  g_assert_cmpuint (sent, >, MIB);
  g_assert_cmpuint (sent, <, 16 * MIB);
}

static gsize
read_status_kib (GPid        pid,
                 const char *field)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  line = strstr (text, field);
  g_assert_nonnull (line);
  return (gsize) g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* Streams @total bytes after @headers for as long as the portal takes
 * them; returns how many it took. */
static gsize
stream_body (Fixture    *f,
             const char *headers,
             gsize       total,
             gboolean    chunked)
{
  g_autoptr(GSocketConnection) connection = connect_raw (f);
  GSocket *socket = g_socket_connection_get_socket (connection);
  gsize block = MIB;
  g_autofree char *data = g_malloc (block + 32);
  gsize header = 0;
  gsize sent = 0;

  if (chunked)
    header = (gsize) g_snprintf (data, 32, "%" G_GSIZE_MODIFIER "x\r\n", block);
  memset (data + header, '{', block);
  memcpy (data + header + block, "\r\n", 2);

  send_all (socket, headers, strlen (headers));
  while (sent < total)
    {
      g_autoptr(GError) error = NULL;
      const char *p = data;
      gsize left = header + block + (chunked ? 2 : 0);

      while (left > 0)
        {
          gssize n = g_socket_send (socket, p, left, NULL, &error);

          /* The portal answered and hung up: the rest is not wanted. */
          if (n < 0)
            return sent;
          p += n;
          left -= (gsize) n;
        }
      sent += block;
    }
  return sent;
}

static void
test_memory (Fixture       *f,
             gconstpointer  data)
{
  GPid pid = lt_test_devportal_get_pid (f->portal);
  g_autofree char *unauthenticated = g_strdup_printf ("POST /api/v1/tickets HTTP/1.1\r\n"
                                                      "Host: 127.0.0.1\r\n"
                                                      "Content-Type: application/json\r\n"
                                                      "Content-Length: %d\r\n\r\n", 200 * MIB);
  static const char chunked[] = "POST /api/v1/tickets HTTP/1.1\r\n"
                                "Host: 127.0.0.1\r\n"
                                "Authorization: Bearer " TOKEN "\r\n"
                                "Content-Type: application/json\r\n"
                                "Idempotency-Key: 0b7e5a52-4f8e-4c43-9d52-1f6d3c0c0004\r\n"
                                "Transfer-Encoding: chunked\r\n\r\n";
  gsize rss_before;
  gsize peak_after;
  gsize sent;

  /* Warm up: one ordinary request, so the portal's own first use of its
   * database is not counted. */
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 0);
  rss_before = read_status_kib (pid, "VmRSS:");

  sent = stream_body (f, unauthenticated, 200 * MIB, FALSE);
  g_test_message ("unauthenticated: %" G_GSIZE_FORMAT " MiB sent", sent / MIB);
  sent = stream_body (f, chunked, 200 * MIB, TRUE);
  g_test_message ("chunked: %" G_GSIZE_FORMAT " MiB sent", sent / MIB);

  /* The portal is still there and well. */
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 0);
  peak_after = read_status_kib (pid, "VmHWM:");
  g_test_message ("VmRSS before %" G_GSIZE_FORMAT " KiB, VmHWM after %" G_GSIZE_FORMAT " KiB",
                  rss_before, peak_after);
  g_assert_cmpuint (peak_after, <, rss_before + 20 * 1024);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/lt/devportal/bodies/unauthenticated", test_unauthenticated);
  ADD ("/lt/devportal/bodies/content-length-over-cap", test_content_length_over_cap);
  ADD ("/lt/devportal/bodies/chunked-over-cap", test_chunked_over_cap);
  ADD ("/lt/devportal/bodies/memory", test_memory);

  return g_test_run ();
}
