/* lt-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-test-server"

#include "config.h"

#include "lt-test-server.h"

#include <sys/socket.h>

typedef struct
{
  guint        status;
  char        *content_type;
  GBytes      *body;
  GStrv        headers;   /* name, value, name, value… */
  LtTestFault  fault;
  char        *page_item;     /* endless pages: the item, "@N@" = page number */
  gboolean     repeat_cursor;
  guint        pages_served;
} Route;

struct _LtTestServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;           /* owned by the server thread */
  GTlsCertificate *certificate;
  char         *url;
  GError       *start_error;

  GMutex        lock;             /* guards everything below */
  GCond         started_cond;
  gboolean      started;
  GHashTable   *routes;           /* "METHOD path" -> Route */
  GPtrArray    *requests;         /* LtTestRequest */
};

static void
route_free (gpointer data)
{
  Route *route = data;

  g_free (route->content_type);
  g_clear_pointer (&route->body, g_bytes_unref);
  g_strfreev (route->headers);
  g_free (route->page_item);
  g_free (route);
}

void
lt_test_request_free (LtTestRequest *request)
{
  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_clear_pointer (&request->headers, soup_message_headers_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request);
}

static LtTestRequest *
copy_request (const LtTestRequest *request)
{
  LtTestRequest *copy = g_new0 (LtTestRequest, 1);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  copy->method = g_strdup (request->method);
  copy->path = g_strdup (request->path);
  copy->query = g_strdup (request->query);
  copy->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, request->headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (copy->headers, name, value);
  copy->body = g_bytes_ref (request->body);
  return copy;
}

static char *
route_key (const char *method,
           const char *path)
{
  return g_strdup_printf ("%s %s", method, path);
}

/* Writes @text on a connection taken over from the server; errors only
 * mean the client went away, which the faults expect. */
static gboolean
write_raw (GOutputStream *out,
           const void    *data,
           gsize          size)
{
  return g_output_stream_write_all (out, data, size, NULL, NULL, NULL);
}

typedef struct
{
  GIOStream *stream;
  GBytes    *body;
} Drip;

/* On a thread of its own, so that the server keeps answering other
 * requests; it ends when the body is out or the client hung up. */
static gpointer
drip_thread (gpointer data)
{
  Drip *drip = data;
  GOutputStream *out = g_io_stream_get_output_stream (drip->stream);
  gsize size = 0;
  const char *body = g_bytes_get_data (drip->body, &size);
  g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                           "Content-Type: application/json\r\n"
                                           "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                           "\r\n", size);

  if (write_raw (out, head, strlen (head)))
    for (gsize i = 0; i < size; i++)
      {
        g_usleep (G_USEC_PER_SEC);
        if (!write_raw (out, body + i, 1))
          break;
      }

  g_io_stream_close (drip->stream, NULL, NULL);
  g_object_unref (drip->stream);
  g_bytes_unref (drip->body);
  g_free (drip);
  return NULL;
}

static void
answer_raw (SoupServerMessage *msg,
            Route             *route)
{
  g_autoptr(GSocket) socket = g_object_ref (soup_server_message_get_socket (msg));
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  GOutputStream *out = g_io_stream_get_output_stream (stream);
  gsize size = route->body ? g_bytes_get_size (route->body) : 0;
  const char *data = route->body ? g_bytes_get_data (route->body, NULL) : "";

  switch (route->fault)
    {
    case LT_TEST_FAULT_SLOW_DRIP:
      {
        Drip *drip = g_new0 (Drip, 1);

        drip->stream = g_steal_pointer (&stream);
        drip->body = route->body ? g_bytes_ref (route->body) : g_bytes_new_static ("", 0);
        g_thread_unref (g_thread_new ("lt-test-server-drip", drip_thread, drip));
      }
      return;

    case LT_TEST_FAULT_TRUNCATE:
      {
        g_autofree char *head = g_strdup_printf ("HTTP/1.1 200 OK\r\n"
                                                 "Content-Type: application/json\r\n"
                                                 "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                                                 "\r\n", size);

        if (write_raw (out, head, strlen (head)))
          write_raw (out, data, size / 2);
      }
      break;

    case LT_TEST_FAULT_CLOSE_DELIMITED_CUT:
      {
        const char *head = "HTTP/1.1 200 OK\r\n"
                           "Content-Type: application/json\r\n"
                           "Connection: close\r\n"
                           "\r\n";

        if (write_raw (out, head, strlen (head)))
          write_raw (out, data, size / 2);
      }
      break;

    case LT_TEST_FAULT_RESET:
      {
        /* A zero linger time makes close() send RST instead of FIN. */
        struct linger linger = { 1, 0 };

        setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER,
                    &linger, sizeof linger);
      }
      break;

    case LT_TEST_FAULT_ENDLESS:
      {
        const char *head = "HTTP/1.1 200 OK\r\n"
                           "Content-Type: application/json\r\n"
                           "Transfer-Encoding: chunked\r\n"
                           "\r\n"
                           "1\r\n[\r\n";
        g_autofree char *chunk = NULL;
        gsize chunk_size = 0;
        GString *text = g_string_new (NULL);

        /* 16 KiB of "0," per chunk until the client hangs up. */
        g_string_append_printf (text, "%x\r\n", 16 * 1024);
        for (guint i = 0; i < 8 * 1024; i++)
          g_string_append (text, "0,");
        g_string_append (text, "\r\n");
        chunk_size = text->len;
        chunk = g_string_free (text, FALSE);

        if (write_raw (out, head, strlen (head)))
          while (write_raw (out, chunk, chunk_size))
            ;
      }
      break;

    case LT_TEST_FAULT_NONE:
    case LT_TEST_FAULT_HANG:
    default:
      g_assert_not_reached ();
    }

  g_io_stream_close (stream, NULL, NULL);
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  LtTestServer *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  LtTestRequest *request = g_new0 (LtTestRequest, 1);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  g_autofree char *key = NULL;
  Route *route = NULL;
  Route copy = { 0 };

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (g_uri_get_path (uri));
  request->query = g_strdup (g_uri_get_query (uri));
  request->headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_append (request->headers, name, value);
  request->body = soup_message_body_flatten (body);

  key = route_key (request->method, request->path);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->requests, request);
  route = g_hash_table_lookup (self->routes, key);
  if (route != NULL)
    {
      copy.status = route->status;
      copy.content_type = g_strdup (route->content_type);
      copy.body = route->body ? g_bytes_ref (route->body) : NULL;
      copy.headers = g_strdupv (route->headers);
      copy.fault = route->fault;
      if (route->page_item != NULL)
        {
          g_autofree char *number = g_strdup_printf ("%u", ++route->pages_served);
          g_auto(GStrv) parts = g_strsplit (route->page_item, "@N@", -1);
          g_autofree char *item = g_strjoinv (number, parts);
          g_autofree char *text = g_strdup_printf ("{\"items\": [%s], \"next_cursor\": \"page-%s\"}",
                                                   item, route->repeat_cursor ? "1" : number);

          g_clear_pointer (&copy.body, g_bytes_unref);
          copy.body = g_bytes_new (text, strlen (text));
        }
    }
  g_mutex_unlock (&self->lock);

  if (route == NULL)
    {
      const char *text = "{\"error\": {\"code\": \"not_found\", \"message\": \"no such route\"}}";

      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        text, strlen (text));
      return;
    }

  switch (copy.fault)
    {
    case LT_TEST_FAULT_NONE:
      {
        SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
        gsize size = 0;
        const char *data = copy.body ? g_bytes_get_data (copy.body, &size) : NULL;

        soup_server_message_set_status (msg, copy.status, NULL);
        for (guint i = 0; copy.headers && copy.headers[i] && copy.headers[i + 1]; i += 2)
          soup_message_headers_replace (response_headers, copy.headers[i], copy.headers[i + 1]);
        if (copy.content_type != NULL)
          soup_server_message_set_response (msg, copy.content_type, SOUP_MEMORY_COPY,
                                            data, size);
      }
      break;

    case LT_TEST_FAULT_HANG:
      /* Paused messages stay unanswered until the server is freed. */
      soup_server_message_pause (msg);
      break;

    case LT_TEST_FAULT_TRUNCATE:
    case LT_TEST_FAULT_CLOSE_DELIMITED_CUT:
    case LT_TEST_FAULT_RESET:
    case LT_TEST_FAULT_ENDLESS:
    case LT_TEST_FAULT_SLOW_DRIP:
    default:
      answer_raw (msg, &copy);
      break;
    }

  g_free (copy.content_type);
  g_clear_pointer (&copy.body, g_bytes_unref);
  g_strfreev (copy.headers);
}

static gpointer
server_thread (gpointer data)
{
  LtTestServer *self = data;
  g_autoptr(GError) error = NULL;
  SoupServerListenOptions options = SOUP_SERVER_LISTEN_IPV4_ONLY;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("tls-certificate", self->certificate, NULL);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);
  if (self->certificate != NULL)
    options |= SOUP_SERVER_LISTEN_HTTPS;

  if (soup_server_listen_local (self->server, 0, options, &error))
    {
      GSList *uris = soup_server_get_uris (self->server);
      GUri *uri = uris->data;

      self->url = g_strdup_printf ("%s://127.0.0.1:%d",
                                   self->certificate ? "https" : "http",
                                   g_uri_get_port (uri));
      g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
    }

  g_mutex_lock (&self->lock);
  self->start_error = g_steal_pointer (&error);
  self->started = TRUE;
  g_cond_signal (&self->started_cond);
  g_mutex_unlock (&self->lock);

  if (self->start_error == NULL)
    g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let the server's pending sources finish their cleanup here, on the
   * context they belong to. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

LtTestServer *
lt_test_server_new (GTlsCertificate *certificate)
{
  LtTestServer *self = g_new0 (LtTestServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->started_cond);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->certificate = certificate ? g_object_ref (certificate) : NULL;
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, route_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_test_request_free);

  self->thread = g_thread_new ("lt-test-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->started)
    g_cond_wait (&self->started_cond, &self->lock);
  g_mutex_unlock (&self->lock);

  g_assert_no_error (self->start_error);
  return self;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
lt_test_server_free (LtTestServer *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_clear_object (&self->certificate);
  g_clear_error (&self->start_error);
  g_free (self->url);
  g_hash_table_unref (self->routes);
  g_ptr_array_unref (self->requests);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->started_cond);
  g_free (self);
}

const char *
lt_test_server_get_url (LtTestServer *self)
{
  return self->url;
}

static void
add_route (LtTestServer *self,
           const char   *method,
           const char   *path,
           Route        *route)
{
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->routes, route_key (method, path), route);
  g_mutex_unlock (&self->lock);
}

void
lt_test_server_add_response (LtTestServer *self,
                             const char   *method,
                             const char   *path,
                             guint         status,
                             const char   *content_type,
                             const char   *body,
                             ...)
{
  Route *route = g_new0 (Route, 1);
  g_autoptr(GStrvBuilder) headers = g_strv_builder_new ();
  const char *name;
  va_list args;

  va_start (args, body);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_strv_builder_add (headers, name);
      g_strv_builder_add (headers, va_arg (args, const char *));
    }
  va_end (args);

  route->status = status;
  route->content_type = g_strdup (content_type);
  route->body = body ? g_bytes_new (body, strlen (body)) : NULL;
  route->headers = g_strv_builder_end (headers);
  add_route (self, method, path, route);
}

void
lt_test_server_add_response_bytes (LtTestServer *self,
                                   const char   *method,
                                   const char   *path,
                                   guint         status,
                                   const char   *content_type,
                                   GBytes       *body)
{
  Route *route = g_new0 (Route, 1);

  route->status = status;
  route->content_type = g_strdup (content_type);
  route->body = g_bytes_ref (body);
  add_route (self, method, path, route);
}

void
lt_test_server_add_fault (LtTestServer *self,
                          const char   *method,
                          const char   *path,
                          LtTestFault   fault,
                          const char   *body)
{
  Route *route = g_new0 (Route, 1);

  route->status = SOUP_STATUS_OK;
  route->fault = fault;
  route->body = body ? g_bytes_new (body, strlen (body)) : NULL;
  add_route (self, method, path, route);
}

guint
lt_test_server_get_request_count (LtTestServer *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->requests->len;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
lt_test_server_count_requests_with_header (LtTestServer *self,
                                           const char   *name)
{
  guint n = 0;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    {
      LtTestRequest *request = g_ptr_array_index (self->requests, i);

      if (soup_message_headers_get_one (request->headers, name) != NULL)
        n++;
    }
  g_mutex_unlock (&self->lock);
  return n;
}

LtTestRequest *
lt_test_server_dup_last_request (LtTestServer *self)
{
  LtTestRequest *request = NULL;

  g_mutex_lock (&self->lock);
  if (self->requests->len > 0)
    request = copy_request (g_ptr_array_index (self->requests, self->requests->len - 1));
  g_mutex_unlock (&self->lock);
  return request;
}

void
lt_test_server_add_endless_pages (LtTestServer *self,
                                  const char   *path,
                                  const char   *item,
                                  gboolean      repeat_cursor)
{
  Route *route = g_new0 (Route, 1);

  route->status = SOUP_STATUS_OK;
  route->content_type = g_strdup ("application/json");
  route->page_item = g_strdup (item);
  route->repeat_cursor = repeat_cursor;
  add_route (self, "GET", path, route);
}

guint
lt_test_server_get_pages_served (LtTestServer *self,
                                 const char   *path)
{
  g_autofree char *key = route_key ("GET", path);
  Route *route;
  guint n = 0;

  g_mutex_lock (&self->lock);
  route = g_hash_table_lookup (self->routes, key);
  if (route != NULL)
    n = route->pages_served;
  g_mutex_unlock (&self->lock);
  return n;
}
