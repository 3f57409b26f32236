/* lt-portal-client.c
 *
 * Every operation goes through one request pipeline:
 *
 *   token (LtCredentials, per request) -> SoupMessage -> soup_session_send_async
 *   -> bounded reads of the body -> status -> JSON -> model
 *
 * The body is streamed rather than loaded with send_and_read so that an
 * oversized answer is refused after max-response-size bytes instead of
 * after the whole of it sits in memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-portal-client"

#include "config.h"

#include "lt-portal-client.h"
#include "lt-error.h"
#include "lt-date-util.h"
#include "lt-json.h"
#include "lt-secret.h"
#include "lt-text-util.h"
#include "lt-tls-database.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#define API_PREFIX "/api/v1"
/* Error answers are read for their {"error": …} body only; beyond this
 * the rest is dropped, never refused: the status is the news. */
#define ERROR_BODY_LIMIT (64 * 1024)
#define READ_CHUNK       (64 * 1024)
/* A server message quoted in an error is cut to this many characters. */
#define QUOTE_LIMIT      300
/* libsoup 3.2 has no name for it (RFC 6585). */
#define STATUS_TOO_MANY_REQUESTS 429
/* Pooled connections are closed after this many idle seconds. */
#define IDLE_TIMEOUT     60

struct _LtPortalClient
{
  GObject        parent_instance;

  /* Owned */
  SoupSession   *session;
  LtCredentials *credentials;
  char          *base_url;
  char          *user_agent;
  guint          connect_timeout;
  guint          deadline;
  gsize          max_response_size;
};

G_DEFINE_FINAL_TYPE (LtPortalClient, lt_portal_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CREDENTIALS,
  PROP_CONNECT_TIMEOUT,
  PROP_TIMEOUT,
  PROP_DEADLINE,
  PROP_MAX_RESPONSE_SIZE,
  PROP_USER_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------- request */

typedef struct _Request Request;

/* Turns a 2xx answer's JSON into the task's result; sets *result_free. */
typedef gpointer (*ParseFunc) (Request         *request,
                               JsonNode        *root,
                               GDestroyNotify  *result_free,
                               GError         **error);

struct _Request
{
  /* What to send */
  char          *method;
  char          *url;
  char          *what;             /* "GET /api/v1/tickets", for messages and logs */
  gboolean       to_portal;        /* FALSE for fetch_text: no token, redirects allowed */
  char          *idempotency_key;
  char          *if_none_match;
  GBytes        *body;
  char          *body_type;
  SoupMultipart *multipart;
  ParseFunc      parse;
  gsize          limit;            /* the largest 2xx body accepted */
  guint          connect_timeout;  /* seconds; 0 for none */
  guint          deadline;         /* seconds for the whole request; 0 for none */

  /* While it runs */
  GCancellable  *cancellable;      /* ours: the caller's, or the connect timeout */
  GCancellable  *caller_cancellable;
  gulong         cancelled_id;
  SecretValue   *token;
  SoupMessage   *msg;
  GInputStream  *stream;
  GByteArray    *buffer;
  GSource       *connect_source;
  gboolean       connect_timed_out;
  GSource       *deadline_source;
  gboolean       deadline_passed;
  GTlsCertificateFlags tls_errors;
  gboolean       through_proxy;    /* a proxy was being negotiated */
  GError        *transport_error;  /* what libsoup or GIO reported, as it was */
  gint64         started;

  /* What the portal said, for lt_portal_result_*() */
  guint          status;
  char          *error_code;
  guint          retry_after;
  gboolean       replayed;
  char          *etag;
};

static void
request_stop_connect_timer (Request *request)
{
  if (request->connect_source != NULL)
    {
      g_source_destroy (request->connect_source);
      g_clear_pointer (&request->connect_source, g_source_unref);
    }
}

static void
request_stop_deadline_timer (Request *request)
{
  if (request->deadline_source != NULL)
    {
      g_source_destroy (request->deadline_source);
      g_clear_pointer (&request->deadline_source, g_source_unref);
    }
}

/* libsoup keeps its own copy of the Authorization header for as long as
 * the message lives; once the request is on the wire it is not needed
 * (redirects are not followed, and no SoupAuth resends it), so the copy
 * is cleared in place rather than left in freed memory. */
static void
request_scrub_authorization (Request *request)
{
  const char *value;

  if (request->msg == NULL || !request->to_portal)
    return;
  value = soup_message_headers_get_one (soup_message_get_request_headers (request->msg),
                                        "Authorization");
  if (value != NULL)
    lt_secret_clear ((char *) value, strlen (value));
}

static void
request_free (gpointer data)
{
  Request *request = data;

  request_stop_connect_timer (request);
  request_stop_deadline_timer (request);
  if (request->cancelled_id != 0)
    g_cancellable_disconnect (request->caller_cancellable, request->cancelled_id);
  g_clear_object (&request->caller_cancellable);
  g_clear_object (&request->cancellable);
  g_clear_pointer (&request->token, secret_value_unref);
  request_scrub_authorization (request);
  /* libsoup may keep the message a little longer than the task. */
  if (request->msg != NULL)
    g_signal_handlers_disconnect_by_data (request->msg, request);
  g_clear_object (&request->msg);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->buffer, g_byte_array_unref);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_clear_pointer (&request->multipart, soup_multipart_free);
  g_free (request->method);
  g_free (request->url);
  g_free (request->what);
  g_free (request->idempotency_key);
  g_free (request->if_none_match);
  g_free (request->body_type);
  g_free (request->error_code);
  g_free (request->etag);
  g_clear_error (&request->transport_error);
  g_free (request);
}

static void
caller_cancelled_cb (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

/* Creates the task of one request; the Request is its task data, so that
 * lt_portal_result_*() can read what the portal said after _finish. */
static GTask *
request_task_new (LtPortalClient      *self,
                  const char          *method,
                  const char          *url,
                  const char          *what,
                  ParseFunc            parse,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  g_task_set_source_tag (task, source_tag);
  request->method = g_strdup (method);
  request->url = g_strdup (url);
  request->what = g_strdup (what);
  request->to_portal = TRUE;
  request->parse = parse;
  request->limit = self->max_response_size;
  request->connect_timeout = self->connect_timeout;
  request->deadline = self->deadline;
  request->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      request->caller_cancellable = g_object_ref (cancellable);
      request->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                     g_object_ref (request->cancellable),
                                                     g_object_unref);
    }
  g_task_set_task_data (task, request, request_free);
  return task;
}

static Request *
task_request (GTask *task)
{
  return g_task_get_task_data (task);
}

/* A portal API request: @path below /api/v1 (already escaped), with an
 * optional query. */
static GTask *
api_task_new (LtPortalClient      *self,
              const char          *method,
              const char          *path,
              const char          *query,
              ParseFunc            parse,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data,
              gpointer             source_tag)
{
  g_autofree char *url = g_strconcat (self->base_url, API_PREFIX, path,
                                      query && *query ? "?" : "", query ? query : "", NULL);
  g_autofree char *what = g_strdup_printf ("%s %s%s", method, API_PREFIX, path);

  return request_task_new (self, method, url, what, parse, cancellable, callback,
                           user_data, source_tag);
}

static void
request_set_json_body (Request  *request,
                       JsonNode *body)
{
  g_autofree char *text = json_to_string (body, FALSE);
  gsize len = strlen (text);

  request->body = g_bytes_new_take (g_steal_pointer (&text), len);
  request->body_type = g_strdup ("application/json");
}

/* --------------------------------------------------------------- errors */

/* A piece of server text fit to quote: valid UTF-8, one line, short, and
 * never holding the token (a server echoing "invalid token …" must not
 * put it in a log or on the screen). */
static char *
quote_server_text (Request    *request,
                   const char *text)
{
  g_autofree char *flat = g_strdelimit (g_strdup (text), "\r\n\t", ' ');
  g_autofree char *shown = lt_text_dup_displayable (flat, LT_TEXT_SINGLE_LINE);
  g_autoptr(GString) out = g_string_new (shown);
  glong n_chars;

  if (request->token != NULL)
    {
      const char *token = secret_value_get_text (request->token);

      if (token != NULL && *token != '\0')
        g_string_replace (out, token, "…", 0);
    }

  n_chars = g_utf8_strlen (out->str, -1);
  if (n_chars > QUOTE_LIMIT)
    {
      g_autofree char *cut = g_utf8_substring (out->str, 0, QUOTE_LIMIT);

      return g_strconcat (cut, "…", NULL);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* libsoup 3.2 calls 429 "Unknown Error". */
static const char *
status_phrase (guint status)
{
  if (status == STATUS_TOO_MANY_REQUESTS)
    return "Too Many Requests";
  return soup_status_get_phrase (status);
}

/* "reopen_window_closed — the ticket was closed more than 5 business days
 * ago", or the HTTP reason phrase when the body has no error object. */
static char *
describe_error_body (Request *request)
{
  g_autoptr(LtJsonDocument) document = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  if (request->buffer != NULL && request->buffer->len > 0)
    document = lt_json_document_parse ((const char *) request->buffer->data,
                                       request->buffer->len, LT_JSON_MAX_DEPTH, NULL);

  if (document != NULL &&
      lt_portal_json_read_error (lt_json_document_get_root (document), &code, &message))
    {
      g_autofree char *quoted_code = quote_server_text (request, code);

      g_free (request->error_code);
      request->error_code = g_strdup (code);
      if (message != NULL && *message != '\0')
        {
          g_autofree char *quoted_message = quote_server_text (request, message);

          return g_strdup_printf ("%s — %s", quoted_code, quoted_message);
        }
      return g_steal_pointer (&quoted_code);
    }

  return g_strdup (status_phrase (request->status));
}

static void
set_status_error (Request  *request,
                  GError  **error)
{
  g_autofree char *detail = describe_error_body (request);
  guint status = request->status;
  const char *phrase = status_phrase (status);

  if (!request->to_portal)
    {
      g_set_error (error, LT_ERROR,
                   status == 404 ? LT_ERROR_NOT_FOUND :
                   status >= 500 ? LT_ERROR_SERVER : LT_ERROR_REJECTED,
                   _("“%s” answered %u (%s)"), request->url, status, phrase);
      return;
    }

  if (status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error (error, LT_ERROR, LT_ERROR_UNAUTHORIZED,
                 _("the portal did not accept the token (401 %s) for %s: %s; "
                   "sign in again with a valid token"),
                 phrase, request->what, detail);
  else if (status == STATUS_TOO_MANY_REQUESTS || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    {
      if (request->retry_after > 0)
        g_set_error (error, LT_ERROR, LT_ERROR_RATE_LIMITED,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "the portal answered %u (%s) to %s and asked to wait "
                                  "%u second before trying again: %s",
                                  "the portal answered %u (%s) to %s and asked to wait "
                                  "%u seconds before trying again: %s",
                                  request->retry_after),
                     status, phrase, request->what, request->retry_after, detail);
      else
        g_set_error (error, LT_ERROR, LT_ERROR_RATE_LIMITED,
                     _("the portal answered %u (%s) to %s; try again later: %s"),
                     status, phrase, request->what, detail);
    }
  else if (status >= 500)
    g_set_error (error, LT_ERROR, LT_ERROR_SERVER,
                 _("the portal answered %u (%s) to %s: %s"),
                 status, phrase, request->what, detail);
  else if (status == SOUP_STATUS_NOT_FOUND)
    g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                 _("the portal answered 404 (%s) to %s: %s"),
                 phrase, request->what, detail);
  else if (status >= 400)
    g_set_error (error, LT_ERROR, LT_ERROR_REJECTED,
                 _("the portal refused the request %s (%u): %s"),
                 request->what, status, detail);
  else if (SOUP_STATUS_IS_REDIRECTION (status))
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (request->msg);
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autofree char *quoted = quote_server_text (request, location ? location : "");

      /* Not the portal's verdict on the request but a sign that the
       * address leads somewhere else (a moved portal, a captive proxy):
       * like an unreachable portal, the work waits and is retried, it is
       * never failed for it. */
      g_set_error (error, LT_ERROR, LT_ERROR_NETWORK,
                   _("the portal answered %u (%s) to %s and points to “%s”; check the "
                     "portal address (requests with the token never follow a redirect)"),
                   status, phrase, request->what, quoted);
    }
  else
    g_set_error (error, LT_ERROR, LT_ERROR_SERVER,
                 _("the portal answered %s with the unexpected status %u (%s)"),
                 request->what, status, phrase);
}

static const char *
describe_tls_errors (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("it is not signed by a certificate authority this system trusts (for an "
             "on-prem relay with its own CA, configure that CA's certificate file)");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("it was issued for another host name");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("it is not valid yet (check this computer's clock)");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("it has expired");
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("it has been revoked");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return _("it uses an insecure algorithm");
  return NULL;
}

/* Converts what libsoup or GIO reported into an LtError. @body_bytes is
 * the number of body bytes already read, or -1 before the headers. */
static void
set_transport_error (LtPortalClient  *self,
                     Request         *request,
                     GError          *src,
                     gssize           body_bytes,
                     GError         **error)
{
  const char *subject = request->to_portal ? _("the portal") : request->url;

  /* Kept as it came for lt_portal_result_get_transport_error(): the test
   * of a connection tells a proxy or a resolver from the rest. */
  g_clear_error (&request->transport_error);
  request->transport_error = g_error_copy (src);

  if (g_error_matches (src, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (request->deadline_passed)
        g_set_error (error, LT_ERROR, LT_ERROR_TIMED_OUT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "%s did not finish answering %s within %u second; the "
                                  "request was given up",
                                  "%s did not finish answering %s within %u seconds; the "
                                  "request was given up",
                                  request->deadline),
                     subject, request->what, request->deadline);
      else if (request->connect_timed_out)
        g_set_error (error, LT_ERROR, LT_ERROR_TIMED_OUT,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "could not connect to %s within %u second for %s",
                                  "could not connect to %s within %u seconds for %s",
                                  request->connect_timeout),
                     subject, request->connect_timeout, request->what);
      else
        g_propagate_error (error, g_error_copy (src));
      return;
    }

  if (g_error_matches (src, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      guint timeout = soup_session_get_timeout (self->session);

      g_set_error (error, LT_ERROR, LT_ERROR_TIMED_OUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s did not answer %s within %u second",
                                "%s did not answer %s within %u seconds",
                                timeout),
                   subject, request->what, timeout);
      return;
    }

  if (src->domain == G_TLS_ERROR || request->tls_errors != 0)
    {
      const char *why = describe_tls_errors (request->tls_errors);

      g_set_error (error, LT_ERROR, LT_ERROR_TLS,
                   _("the certificate of %s could not be verified: %s"),
                   subject, why ? why : src->message);
      return;
    }

  if (src->domain == G_RESOLVER_ERROR)
    {
      g_autoptr(GUri) uri = g_uri_parse (request->url, G_URI_FLAGS_NONE, NULL);

      g_set_error (error, LT_ERROR, LT_ERROR_NETWORK,
                   _("could not find the host “%s” (%s)"),
                   uri ? g_uri_get_host (uri) : request->url, src->message);
      return;
    }

  if (g_error_matches (src, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NETWORK,
                   _("%s refused the connection for %s (is the address right and the "
                     "service running?)"),
                   subject, request->what);
      return;
    }

  if (body_bytes >= 0)
    {
      /* Cut off inside the body: a Content-Length or chunked answer that
       * ended early. It is the connection that failed, so the request may
       * be sent again. */
      g_set_error (error, LT_ERROR, LT_ERROR_NETWORK,
                   g_dngettext (GETTEXT_PACKAGE,
                                "the connection was cut after %ld byte of "
                                "the answer to %s (%s)",
                                "the connection was cut after %ld bytes of "
                                "the answer to %s (%s)",
                                (gulong) body_bytes),
                   (long) body_bytes, request->what, src->message);
      return;
    }

  if (src->domain == SOUP_SESSION_ERROR &&
      (src->code == SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS ||
       src->code == SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION ||
       src->code == SOUP_SESSION_ERROR_REDIRECT_BAD_URI))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_REJECTED,
                   _("%s redirected %s in a way that cannot be followed: %s"),
                   subject, request->what, src->message);
      return;
    }

  g_set_error (error, LT_ERROR, LT_ERROR_NETWORK,
               _("the connection to %s failed during %s: %s"),
               subject, request->what, src->message);
}

/* ------------------------------------------------------------- pipeline */

/* Gives up on the rest of a body. Closing a libsoup body stream early
 * would read the rest to keep the connection (which never ends for an
 * endless body); cancelling the message drops the connection instead. */
static void
request_abandon_body (Request *request)
{
  if (request->stream == NULL)
    return;
  g_cancellable_cancel (request->cancellable);
  g_clear_object (&request->stream);
}

static void
request_return_error (GTask  *task,
                      GError *error)
{
  Request *request = task_request (task);

  request_stop_deadline_timer (request);
  request_abandon_body (request);

  g_debug ("%s failed after %" G_GINT64_FORMAT " ms: %s", request->what,
           (g_get_monotonic_time () - request->started) / 1000, error->message);
  /* The token is not needed any more; do not keep it as long as the
   * caller keeps the result. */
  g_clear_pointer (&request->token, secret_value_unref);
  g_task_return_error (task, error);
}

static gboolean
content_type_is_json (const char *content_type)
{
  return content_type == NULL ||
         g_ascii_strcasecmp (content_type, "application/json") == 0 ||
         (g_str_has_prefix (content_type, "application/") &&
          g_str_has_suffix (content_type, "+json"));
}

static void
request_complete (GTask *task)
{
  LtPortalClient *self = g_task_get_source_object (task);
  Request *request = task_request (task);
  g_autoptr(LtJsonDocument) document = NULL;
  GDestroyNotify result_free = NULL;
  GError *error = NULL;
  gpointer result;
  gsize size = request->buffer ? request->buffer->len : 0;

  request_stop_deadline_timer (request);
  g_clear_object (&request->stream);
  g_debug ("%s: %u, %" G_GSIZE_FORMAT " bytes, %" G_GINT64_FORMAT " ms", request->what,
           request->status, size, (g_get_monotonic_time () - request->started) / 1000);

  if (request->status == SOUP_STATUS_NOT_MODIFIED && request->if_none_match != NULL)
    {
      /* Parsers treat a NULL root as "not modified". */
      result = request->parse (request, NULL, &result_free, &error);
    }
  else if (!SOUP_STATUS_IS_SUCCESSFUL (request->status))
    {
      set_status_error (request, &error);
      request_return_error (task, error);
      return;
    }
  else if (!request->to_portal)
    {
      if (!g_utf8_validate ((const char *) request->buffer->data, size, NULL) ||
          memchr (request->buffer->data, '\0', size) != NULL)
        {
          g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("the answer of “%s” is not text"), request->url);
          request_return_error (task, error);
          return;
        }
      result = g_strndup ((const char *) request->buffer->data, size);
      result_free = g_free;
    }
  else
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (request->msg);
      const char *content_type = soup_message_headers_get_content_type (headers, NULL);

      if (!content_type_is_json (content_type))
        {
          g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("the answer to %s is “%s”, not JSON; is “%s” the portal's address?"),
                       request->what, content_type, self->base_url);
          request_return_error (task, error);
          return;
        }

      document = lt_json_document_parse ((const char *) request->buffer->data, size,
                                         LT_JSON_MAX_DEPTH, &error);
      result = document ? request->parse (request, lt_json_document_get_root (document),
                                          &result_free, &error)
                        : NULL;
    }

  if (error != NULL)
    {
      g_prefix_error (&error, _("the portal's answer to %s is not usable: "), request->what);
      request_return_error (task, error);
      return;
    }

  g_clear_pointer (&request->token, secret_value_unref);
  g_task_return_pointer (task, result, result_free);
}

static void read_next (GTask *task);

static void
read_cb (GObject      *source_object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LtPortalClient *self = g_task_get_source_object (task);
  Request *request = task_request (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  GError *error = NULL;
  gsize n;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source_object), result, &local_error);
  if (bytes == NULL)
    {
      set_transport_error (self, request, local_error, request->buffer->len, &error);
      request_return_error (task, error);
      return;
    }

  n = g_bytes_get_size (bytes);
  if (n == 0)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (request->msg);

      /* libsoup may end a Content-Length body at an early EOF without an
       * error; fewer bytes than announced is the same cut connection.
       * (A compressed body is counted after decoding, so the length
       * cannot be compared then.) An error answer keeps its status,
       * which says more than a cut quote of its body. */
      if (SOUP_STATUS_IS_SUCCESSFUL (request->status) &&
          soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
          (goffset) request->buffer->len < soup_message_headers_get_content_length (headers))
        {
          g_autoptr(GError) cut = g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                                               "%" G_GUINT32_FORMAT " of %" G_GOFFSET_FORMAT " bytes",
                                               request->buffer->len,
                                               soup_message_headers_get_content_length (headers));

          set_transport_error (self, request, cut, request->buffer->len, &error);
          request_return_error (task, error);
          return;
        }
      g_input_stream_close (request->stream, NULL, NULL);
      request_complete (task);
      return;
    }

  g_byte_array_append (request->buffer, g_bytes_get_data (bytes, NULL), n);
  if (request->buffer->len > request->limit)
    {
      if (SOUP_STATUS_IS_SUCCESSFUL (request->status))
        {
          g_autofree char *limit = g_format_size_full (request->limit, G_FORMAT_SIZE_IEC_UNITS);

          g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_DATA,
                       _("the answer to %s is larger than the limit of %s; it was not read "
                         "further"),
                       request->what, limit);
          request_return_error (task, error);
          return;
        }
      /* An error answer: its start is all we quote. */
      g_byte_array_set_size (request->buffer, request->limit);
      request_abandon_body (request);
      request_complete (task);
      return;
    }

  read_next (g_steal_pointer (&task));
}

static void
read_next (GTask *task)
{
  Request *request = task_request (task);
  /* One byte past the limit tells "exactly the limit" from "more". */
  gsize want = MIN (READ_CHUNK, request->limit + 1 - request->buffer->len);

  g_input_stream_read_bytes_async (request->stream, want, G_PRIORITY_DEFAULT,
                                   request->cancellable, read_cb, task);
}

/* Retry-After: delta-seconds, or an HTTP date taken relative to the
 * answer's own Date header (so that a wrong clock here does not matter)
 * or, without one, to now. */
static guint
parse_retry_after (SoupMessageHeaders *headers)
{
  const char *value = soup_message_headers_get_one (headers, "Retry-After");
  guint64 seconds;
  char *end = NULL;

  if (value == NULL)
    return 0;

  value += strspn (value, " \t");
  if (g_ascii_isdigit (*value))
    {
      seconds = g_ascii_strtoull (value, &end, 10);
      if (end != NULL && *(end + strspn (end, " \t")) != '\0')
        return 0;
    }
  else
    {
      g_autoptr(GDateTime) until = soup_date_time_new_from_http_string (value);
      const char *date = soup_message_headers_get_one (headers, "Date");
      g_autoptr(GDateTime) reference = date ? soup_date_time_new_from_http_string (date) : NULL;
      GTimeSpan span;

      if (until == NULL)
        return 0;
      if (reference == NULL)
        reference = g_date_time_new_now_utc ();
      span = g_date_time_difference (until, reference);
      if (span <= 0)
        return 0;
      seconds = (span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND;
    }

  return MIN (seconds, (guint64) LT_PORTAL_MAX_RETRY_AFTER);
}

static void
send_cb (GObject      *source_object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LtPortalClient *self = g_task_get_source_object (task);
  Request *request = task_request (task);
  g_autoptr(GError) local_error = NULL;
  SoupMessageHeaders *headers;
  GError *error = NULL;
  const char *replayed;

  request->stream = soup_session_send_finish (SOUP_SESSION (source_object), result, &local_error);
  request_stop_connect_timer (request);
  request_scrub_authorization (request);
  if (request->stream == NULL)
    {
      set_transport_error (self, request, local_error, -1, &error);
      request_return_error (task, error);
      return;
    }

  request->status = soup_message_get_status (request->msg);
  headers = soup_message_get_response_headers (request->msg);
  if (request->status == STATUS_TOO_MANY_REQUESTS ||
      request->status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    request->retry_after = parse_retry_after (headers);
  replayed = soup_message_headers_get_one (headers, "Idempotent-Replayed");
  request->replayed = replayed != NULL && g_ascii_strcasecmp (replayed, "true") == 0;
  request->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));

  if (!SOUP_STATUS_IS_SUCCESSFUL (request->status))
    request->limit = MIN (request->limit, ERROR_BODY_LIMIT);
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
           (guint64) soup_message_headers_get_content_length (headers) > request->limit)
    {
      g_autofree char *limit = g_format_size_full (request->limit, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *announced = g_format_size_full (soup_message_headers_get_content_length (headers),
                                                          G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("the answer to %s is %s, more than the limit of %s; it was not read"),
                   request->what, announced, limit);
      request_return_error (task, error);
      return;
    }

  request->buffer = g_byte_array_new ();
  read_next (g_steal_pointer (&task));
}

static gboolean
connect_timeout_cb (gpointer user_data)
{
  Request *request = user_data;

  request->connect_timed_out = TRUE;
  g_clear_pointer (&request->connect_source, g_source_unref);
  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
}

/* The whole request took too long: a portal that sends a byte now and
 * then never trips libsoup's I/O timeout. */
static gboolean
deadline_cb (gpointer user_data)
{
  Request *request = user_data;

  request->deadline_passed = TRUE;
  g_clear_pointer (&request->deadline_source, g_source_unref);
  g_cancellable_cancel (request->cancellable);
  return G_SOURCE_REMOVE;
}

/* libsoup has a single I/O timeout; the connect timeout is measured from
 * the first resolver event to the end of the TLS handshake, so that a
 * portal that is unreachable is reported sooner than one that is slow. A
 * reused connection has no such events and no connect timer. */
static void
network_event_cb (SoupMessage        *msg,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  Request *request = user_data;

  if (event == G_SOCKET_CLIENT_RESOLVING && request->connect_source == NULL &&
      request->connect_timeout > 0)
    {
      request->connect_source = g_timeout_source_new_seconds (request->connect_timeout);
      g_source_set_callback (request->connect_source, connect_timeout_cb, request, NULL);
      g_source_set_static_name (request->connect_source, "[lt-portal] connect timeout");
      g_source_attach (request->connect_source, g_main_context_get_thread_default ());
    }
  else if (event == G_SOCKET_CLIENT_COMPLETE)
    request_stop_connect_timer (request);

  if (event == G_SOCKET_CLIENT_PROXY_NEGOTIATING)
    request->through_proxy = TRUE;
}

/* Never accepts a certificate the TLS database refused; only records why,
 * for the error message. */
static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Request *request = user_data;

  request->tls_errors = errors;
  return FALSE;
}

static void
request_send (GTask *task)
{
  LtPortalClient *self = g_task_get_source_object (task);
  Request *request = task_request (task);
  SoupMessageHeaders *headers;

  request->msg = soup_message_new (request->method, request->url);
  if (request->msg == NULL)
    {
      GError *error = g_error_new (LT_ERROR, LT_ERROR_INVALID_INPUT,
                                   _("“%s” is not a URL libsoup can request"), request->url);

      request_return_error (task, error);
      g_object_unref (task);
      return;
    }
  headers = soup_message_get_request_headers (request->msg);

  if (request->to_portal)
    {
      g_autoptr(LtSecretString) authorization = NULL;

      /* A redirect could carry the token to another address. */
      soup_message_add_flags (request->msg, SOUP_MESSAGE_NO_REDIRECT);
      soup_message_headers_replace (headers, "Accept", "application/json");
      authorization = g_strconcat ("Bearer ", secret_value_get_text (request->token), NULL);
      /* Our copy is cleared when it goes out of scope: libsoup has its
       * own (request_scrub_authorization()). */
      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  if (request->idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", request->idempotency_key);
  if (request->if_none_match != NULL)
    soup_message_headers_replace (headers, "If-None-Match", request->if_none_match);

  if (request->multipart != NULL)
    {
      g_autoptr(GBytes) body = NULL;

      soup_multipart_to_message (request->multipart, headers, &body);
      soup_message_set_request_body_from_bytes (request->msg, NULL, body);
    }
  else if (request->body != NULL)
    soup_message_set_request_body_from_bytes (request->msg, request->body_type, request->body);

  g_signal_connect (request->msg, "network-event", G_CALLBACK (network_event_cb), request);
  g_signal_connect (request->msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), request);

  g_debug ("%s%s%s", request->what,
           request->idempotency_key ? ", Idempotency-Key " : "",
           request->idempotency_key ? request->idempotency_key : "");
  if (request->deadline > 0)
    {
      request->deadline_source = g_timeout_source_new_seconds (request->deadline);
      g_source_set_callback (request->deadline_source, deadline_cb, request, NULL);
      g_source_set_static_name (request->deadline_source, "[lt-portal] deadline");
      g_source_attach (request->deadline_source, g_main_context_get_thread_default ());
    }
  soup_session_send_async (self->session, request->msg, G_PRIORITY_DEFAULT,
                           request->cancellable, send_cb, task);
}

static void
token_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  LtPortalClient *self = g_task_get_source_object (task);
  Request *request = task_request (task);
  GError *error = NULL;

  request->token = lt_credentials_lookup_finish (LT_CREDENTIALS (source_object), result,
                                                 NULL, &error);
  if (error == NULL && request->token == NULL)
    g_set_error (&error, LT_ERROR, LT_ERROR_CREDENTIALS,
                 _("no portal token is stored for “%s”; sign in first, or set %s for "
                   "this process where no keyring runs"),
                 lt_credentials_get_portal_url (self->credentials), LT_CREDENTIALS_TOKEN_ENV);
  if (error == NULL)
    lt_credentials_validate_token (secret_value_get_text (request->token), &error);
  if (error != NULL)
    {
      request_return_error (task, error);
      g_object_unref (task);
      return;
    }

  request_send (task);
}

/* Takes @task over. */
static void
request_start (GTask *task)
{
  LtPortalClient *self = g_task_get_source_object (task);
  Request *request = task_request (task);

  request->started = g_get_monotonic_time ();
  if (request->to_portal)
    lt_credentials_lookup_async (self->credentials, request->cancellable, token_cb, task);
  else
    request_send (task);
}

/* --------------------------------------------------------------- parsers */

static gpointer
parse_account (Request         *request,
               JsonNode        *root,
               GDestroyNotify  *result_free,
               GError         **error)
{
  *result_free = g_object_unref;
  return lt_portal_json_read_account (root, "$", error);
}

static gpointer
parse_ticket (Request         *request,
              JsonNode        *root,
              GDestroyNotify  *result_free,
              GError         **error)
{
  *result_free = g_object_unref;
  return lt_portal_json_read_ticket_with_events (root, "$", error);
}

static gpointer
parse_change_notice (Request         *request,
                     JsonNode        *root,
                     GDestroyNotify  *result_free,
                     GError         **error)
{
  *result_free = g_object_unref;
  return lt_portal_json_read_change_notice (root, "$", error);
}

static gpointer
parse_ticket_page (Request         *request,
                   JsonNode        *root,
                   GDestroyNotify  *result_free,
                   GError         **error)
{
  *result_free = (GDestroyNotify) lt_portal_page_free;
  return lt_portal_json_read_page (root, (LtPortalJsonReadFunc) lt_portal_json_read_ticket, error);
}

static gpointer
parse_change_notice_page (Request         *request,
                          JsonNode        *root,
                          GDestroyNotify  *result_free,
                          GError         **error)
{
  *result_free = (GDestroyNotify) lt_portal_page_free;
  return lt_portal_json_read_page (root, (LtPortalJsonReadFunc) lt_portal_json_read_change_notice,
                                   error);
}

static gpointer
parse_window_page (Request         *request,
                   JsonNode        *root,
                   GDestroyNotify  *result_free,
                   GError         **error)
{
  *result_free = (GDestroyNotify) lt_portal_page_free;
  return lt_portal_json_read_page (root,
                                   (LtPortalJsonReadFunc) lt_portal_json_read_maintenance_window,
                                   error);
}

/* GET /policy and GET /releases: the model, its ETag and the body as it
 * came, or only the ETag when the held copy is current. */
typedef struct
{
  GObject *object;       /* NULL when not modified */
  char    *etag;
  GBytes  *document;
} Document;

static void
document_free (gpointer data)
{
  Document *document = data;

  g_clear_object (&document->object);
  g_free (document->etag);
  g_clear_pointer (&document->document, g_bytes_unref);
  g_free (document);
}

static Document *
document_new (Request *request)
{
  Document *document = g_new0 (Document, 1);

  document->etag = g_strdup (request->etag ? request->etag : request->if_none_match);
  if (request->buffer != NULL && request->status != SOUP_STATUS_NOT_MODIFIED)
    document->document = g_bytes_new (request->buffer->data, request->buffer->len);
  return document;
}

/* @object is what the model's parser made of the body, NULL when it
 * failed; nothing was parsed when @root is NULL ("not modified"). */
static gpointer
parse_document (Request         *request,
                JsonNode        *root,
                gpointer         object,
                GDestroyNotify  *result_free)
{
  Document *document;

  *result_free = document_free;
  if (root != NULL && object == NULL)
    return NULL;
  document = document_new (request);
  document->object = object;
  return document;
}

static gpointer
parse_policy (Request         *request,
              JsonNode        *root,
              GDestroyNotify  *result_free,
              GError         **error)
{
  return parse_document (request, root,
                         root != NULL ? lt_policy_new_from_json_node (root, error) : NULL,
                         result_free);
}

static gpointer
parse_releases (Request         *request,
                JsonNode        *root,
                GDestroyNotify  *result_free,
                GError         **error)
{
  return parse_document (request, root,
                         root != NULL ? lt_release_catalog_new_from_json_node (root, error) : NULL,
                         result_free);
}

/* --------------------------------------------------------------- GObject */

static void
lt_portal_client_dispose (GObject *object)
{
  LtPortalClient *self = LT_PORTAL_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (lt_portal_client_parent_class)->dispose (object);
}

static void
lt_portal_client_finalize (GObject *object)
{
  LtPortalClient *self = LT_PORTAL_CLIENT (object);

  g_free (self->base_url);
  g_free (self->user_agent);

  G_OBJECT_CLASS (lt_portal_client_parent_class)->finalize (object);
}

static void
lt_portal_client_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LtPortalClient *self = LT_PORTAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;

    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;

    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;

    case PROP_TIMEOUT:
      g_value_set_uint (value, lt_portal_client_get_timeout (self));
      break;

    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;

    case PROP_MAX_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->max_response_size);
      break;

    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_portal_client_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LtPortalClient *self = LT_PORTAL_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      break;

    case PROP_CREDENTIALS:
      g_set_object (&self->credentials, g_value_get_object (value));
      break;

    case PROP_CONNECT_TIMEOUT:
      lt_portal_client_set_connect_timeout (self, g_value_get_uint (value));
      break;

    case PROP_TIMEOUT:
      lt_portal_client_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_DEADLINE:
      lt_portal_client_set_deadline (self, g_value_get_uint (value));
      break;

    case PROP_MAX_RESPONSE_SIZE:
      lt_portal_client_set_max_response_size (self, g_value_get_uint64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_portal_client_class_init (LtPortalClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_portal_client_dispose;
  object_class->finalize = lt_portal_client_finalize;
  object_class->get_property = lt_portal_client_get_property;
  object_class->set_property = lt_portal_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL, LT_TYPE_CREDENTIALS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL,
                       0, G_MAXUINT, LT_PORTAL_DEFAULT_CONNECT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       0, G_MAXUINT, LT_PORTAL_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL,
                       0, G_MAXUINT, LT_PORTAL_DEFAULT_DEADLINE,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_RESPONSE_SIZE] =
    g_param_spec_uint64 ("max-response-size", NULL, NULL,
                         1, G_MAXSIZE, LT_PORTAL_DEFAULT_MAX_RESPONSE_SIZE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_portal_client_init (LtPortalClient *self)
{
  self->connect_timeout = LT_PORTAL_DEFAULT_CONNECT_TIMEOUT;
  self->deadline = LT_PORTAL_DEFAULT_DEADLINE;
  self->max_response_size = LT_PORTAL_DEFAULT_MAX_RESPONSE_SIZE;
  self->user_agent = g_strdup_printf ("LockThreatSupport/%s (%s)", PACKAGE_VERSION, APP_ID);
}

/* ------------------------------------------------------------ public API */

/**
 * lt_portal_normalize_url:
 * @url: a portal URL as the user typed it
 * @error: %LT_ERROR_INVALID_INPUT quoting @url
 *
 * Returns: (transfer full) (nullable): the canonical form, e.g.
 *   "https://support.lockthreat.com" for "HTTPS://Support.LockThreat.com:443/"
 */
char *
lt_portal_normalize_url (const char  *url,
                         GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  const char *scheme;
  int port;

  g_return_val_if_fail (url != NULL, NULL);

  uri = g_uri_parse (url, G_URI_FLAGS_SCHEME_NORMALIZE | G_URI_FLAGS_ENCODED, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not a URL: %s"), url, local_error->message);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not an https:// URL"), url);
      return NULL;
    }
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” has no host name"), url);
      return NULL;
    }
  /* A password in the URL would end up in logs and messages; the token
   * is the portal's only credential. */
  if (g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” must be only the portal's address, without a user name, "
                     "“?…” or “#…”"), url);
      return NULL;
    }

  host = g_ascii_strdown (g_uri_get_host (uri), -1);
  path = g_strdup (g_uri_get_path (uri));
  while (g_str_has_suffix (path, "/"))
    path[strlen (path) - 1] = '\0';
  /* G_URI_FLAGS_SCHEME_NORMALIZE misses "HTTPS://…:443". */
  port = g_uri_get_port (uri);
  if ((port == 443 && g_str_equal (scheme, "https")) || (port == 80 && g_str_equal (scheme, "http")))
    port = -1;

  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, host, port, path, NULL, NULL);
}

/**
 * lt_portal_url_dup_origin:
 * @url: an http(s) URL
 * @error: %LT_ERROR_INVALID_INPUT quoting @url
 *
 * Returns: (transfer full) (nullable): "scheme://host:port", lower-case,
 *   with the default port spelled out, so that two spellings of one
 *   origin compare equal as strings
 */
char *
lt_portal_url_dup_origin (const char  *url,
                          GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  int port;

  g_return_val_if_fail (url != NULL, NULL);

  normalized = lt_portal_normalize_url (url, error);
  if (normalized == NULL)
    return NULL;
  uri = g_uri_parse (normalized, G_URI_FLAGS_ENCODED, NULL);
  scheme = g_uri_get_scheme (uri);
  port = g_uri_get_port (uri);
  if (port < 0)
    port = g_str_equal (scheme, "https") ? 443 : 80;
  return g_uri_join (G_URI_FLAGS_ENCODED, scheme, NULL, g_uri_get_host (uri), port, "", NULL, NULL);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  /* GUri keeps the brackets of an IPv6 literal. */
  bare = g_strdup (host);
  if (bare[0] == '[' && g_str_has_suffix (bare, "]"))
    {
      memmove (bare, bare + 1, strlen (bare));
      bare[strlen (bare) - 1] = '\0';
    }
  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * lt_portal_validate_url:
 * @url: a portal address as typed
 * @error: %LT_ERROR_INVALID_INPUT quoting @url
 *
 * The normalized address when a token may be sent to it: https://, or
 * plain http:// to this computer's own addresses only.
 *
 * Returns: (transfer full) (nullable): the normalized URL
 */
char *
lt_portal_validate_url (const char  *url,
                        GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, NULL);

  normalized = lt_portal_normalize_url (url, error);
  if (normalized == NULL)
    return NULL;

  uri = g_uri_parse (normalized, G_URI_FLAGS_ENCODED, NULL);
  if (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 && !host_is_loopback (g_uri_get_host (uri)))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is plain http://, which would send the portal token "
                     "unencrypted; use https:// (http:// is accepted only for this "
                     "computer's own addresses)"),
                   url);
      return NULL;
    }

  return g_steal_pointer (&normalized);
}

/**
 * lt_portal_client_new:
 * @base_url: the portal's root, e.g. %LT_PORTAL_DEFAULT_URL
 * @credentials: where the token comes from
 * @extra_ca_file: (nullable): CA certificates to trust besides the system's
 * @error: %LT_ERROR_INVALID_INPUT for the URL, %LT_ERROR_TLS for the file
 *
 * Returns: (transfer full) (nullable): the client
 */
LtPortalClient *
lt_portal_client_new (const char     *base_url,
                      LtCredentials  *credentials,
                      const char     *extra_ca_file,
                      GError        **error)
{
  g_autoptr(LtPortalClient) self = NULL;
  g_autoptr(GTlsDatabase) database = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *token_origin = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (LT_IS_CREDENTIALS (credentials), NULL);

  normalized = lt_portal_validate_url (base_url, error);
  if (normalized == NULL)
    return NULL;

  /* The token is bound to the origin it was given for: credentials of
   * another portal would send their token here. */
  origin = lt_portal_url_dup_origin (normalized, error);
  token_origin = lt_portal_url_dup_origin (lt_credentials_get_portal_url (credentials), NULL);
  if (origin == NULL)
    return NULL;
  if (g_strcmp0 (origin, token_origin) != 0)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("the token of “%s” cannot be used for “%s”: a token goes only to "
                     "the portal it was given for"),
                   lt_credentials_get_portal_url (credentials), normalized);
      return NULL;
    }

  if (extra_ca_file != NULL)
    {
      database = lt_tls_database_new (NULL, extra_ca_file, error);
      if (database == NULL)
        return NULL;
    }

  self = g_object_new (LT_TYPE_PORTAL_CLIENT,
                       "base-url", normalized,
                       "credentials", credentials,
                       NULL);

  /* The system proxy resolver is libsoup's default; TLS verification is
   * always on, and the database is either the system's or the system's
   * plus the extra CA (lt-tls-database.h). */
  self->session = soup_session_new_with_options ("user-agent", self->user_agent,
                                                 "timeout", LT_PORTAL_DEFAULT_TIMEOUT,
                                                 "idle-timeout", IDLE_TIMEOUT,
                                                 NULL);
  if (database != NULL)
    soup_session_set_tls_database (self->session, database);

  return g_steal_pointer (&self);
}

const char *
lt_portal_client_get_base_url (LtPortalClient *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CLIENT (self), NULL);

  return self->base_url;
}

LtCredentials *
lt_portal_client_get_credentials (LtPortalClient *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CLIENT (self), NULL);

  return self->credentials;
}

guint
lt_portal_client_get_connect_timeout (LtPortalClient *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CLIENT (self), 0);

  return self->connect_timeout;
}

/**
 * lt_portal_client_set_connect_timeout:
 * @self: the client
 * @seconds: seconds to resolve, connect and shake hands; 0 for only the
 *   I/O timeout
 */
void
lt_portal_client_set_connect_timeout (LtPortalClient *self,
                                      guint           seconds)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  if (self->connect_timeout == seconds)
    return;
  self->connect_timeout = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECT_TIMEOUT]);
}

guint
lt_portal_client_get_timeout (LtPortalClient *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CLIENT (self), 0);

  return self->session ? soup_session_get_timeout (self->session) : LT_PORTAL_DEFAULT_TIMEOUT;
}

/**
 * lt_portal_client_set_timeout:
 * @self: the client
 * @seconds: seconds a request may wait for the next bytes; 0 for none
 */
void
lt_portal_client_set_timeout (LtPortalClient *self,
                              guint           seconds)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  if (self->session == NULL || soup_session_get_timeout (self->session) == seconds)
    return;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

guint
lt_portal_client_get_deadline (LtPortalClient *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CLIENT (self), 0);

  return self->deadline;
}

/**
 * lt_portal_client_set_deadline:
 * @self: the client
 * @seconds: seconds one request may take from sending to the last byte of
 *   the answer; 0 for no limit
 */
void
lt_portal_client_set_deadline (LtPortalClient *self,
                               guint           seconds)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  if (self->deadline == seconds)
    return;
  self->deadline = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

gsize
lt_portal_client_get_max_response_size (LtPortalClient *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CLIENT (self), 0);

  return self->max_response_size;
}

void
lt_portal_client_set_max_response_size (LtPortalClient *self,
                                        gsize           max_size)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (max_size > 0);

  if (self->max_response_size == max_size)
    return;
  self->max_response_size = max_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_RESPONSE_SIZE]);
}

const char *
lt_portal_client_get_user_agent (LtPortalClient *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CLIENT (self), NULL);

  return self->user_agent;
}

/**
 * lt_portal_error_is_retryable:
 * @error: an error from this client
 *
 * Whether sending the same request again later may succeed: the portal
 * was unreachable, slow, overloaded or failed itself. A refusal, a bad
 * answer, a certificate or a token problem needs a person first.
 *
 * Returns: %TRUE for %LT_ERROR_NETWORK, %LT_ERROR_TIMED_OUT,
 *   %LT_ERROR_SERVER and %LT_ERROR_RATE_LIMITED
 */
gboolean
lt_portal_error_is_retryable (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain != LT_ERROR)
    return FALSE;

  switch ((LtError) error->code)
    {
    case LT_ERROR_NETWORK:
    case LT_ERROR_TIMED_OUT:
    case LT_ERROR_SERVER:
    case LT_ERROR_RATE_LIMITED:
      return TRUE;

    case LT_ERROR_INVALID_INPUT:
    case LT_ERROR_INVALID_DATA:
    case LT_ERROR_NOT_FOUND:
    case LT_ERROR_NOT_ALLOWED:
    case LT_ERROR_STORE:
    case LT_ERROR_STORE_CORRUPT:
    case LT_ERROR_REJECTED:
    case LT_ERROR_UNAUTHORIZED:
    case LT_ERROR_TLS:
    case LT_ERROR_CREDENTIALS:
    case LT_ERROR_OTHER_PORTAL:
    default:
      return FALSE;
    }
}

static Request *
result_request (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (LT_IS_PORTAL_CLIENT (g_task_get_source_object (G_TASK (result))), NULL);

  return task_request (G_TASK (result));
}

const GError *
lt_portal_result_get_transport_error (GAsyncResult *result)
{
  Request *request = result_request (result);

  return request ? request->transport_error : NULL;
}

GTlsCertificateFlags
lt_portal_result_get_tls_errors (GAsyncResult *result)
{
  Request *request = result_request (result);

  return request ? request->tls_errors : 0;
}

gboolean
lt_portal_result_get_through_proxy (GAsyncResult *result)
{
  Request *request = result_request (result);

  return request ? request->through_proxy : FALSE;
}

guint
lt_portal_result_get_status (GAsyncResult *result)
{
  Request *request = result_request (result);

  return request ? request->status : 0;
}

const char *
lt_portal_result_get_error_code (GAsyncResult *result)
{
  Request *request = result_request (result);

  return request ? request->error_code : NULL;
}

guint
lt_portal_result_get_retry_after (GAsyncResult *result)
{
  Request *request = result_request (result);

  return request ? request->retry_after : 0;
}

/**
 * lt_portal_result_get_replayed:
 * @result: a result of this client
 *
 * Returns: %TRUE when the portal answered with the stored result of an
 *   earlier request with the same Idempotency-Key ("Idempotent-Replayed:
 *   true", or 200 where a first answer is 201)
 */
gboolean
lt_portal_result_get_replayed (GAsyncResult *result)
{
  Request *request = result_request (result);

  return request ? request->replayed : FALSE;
}

/**
 * lt_portal_result_get_body_size:
 * @result: a result of this client
 *
 * Returns: how many bytes of the answer's body were read; 0 before an
 *   answer
 */
gsize
lt_portal_result_get_body_size (GAsyncResult *result)
{
  Request *request = result_request (result);

  return request != NULL && request->buffer != NULL ? request->buffer->len : 0;
}

/* Checks @result and takes its pointer; @tags is NULL-terminated. */
static gpointer
finish_pointer (LtPortalClient  *self,
                GAsyncResult    *result,
                const gpointer  *tags,
                GError         **error)
{
  gboolean known = FALSE;

  g_return_val_if_fail (LT_IS_PORTAL_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  for (guint i = 0; tags[i] != NULL; i++)
    known |= g_task_get_source_tag (G_TASK (result)) == tags[i];
  g_return_val_if_fail (known, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* "/@collection/@id", or "/@collection/@id/@action": the id escaped as
 * one path segment. */
static char *
item_path (const char *collection,
           const char *id,
           const char *action)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  if (action == NULL)
    return g_strdup_printf ("/%s/%s", collection, escaped);
  return g_strdup_printf ("/%s/%s/%s", collection, escaped, action);
}

/* ---- Documents ---- */

void
lt_portal_client_get_account_async (LtPortalClient      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  request_start (api_task_new (self, "GET", "/account", NULL, parse_account,
                               cancellable, callback, user_data,
                               lt_portal_client_get_account_async));
}

/**
 * lt_portal_client_get_account_finish:
 * @self: the client
 * @result: the result
 * @error: an LtError
 *
 * Returns: (transfer full) (nullable): the account
 */
LtAccount *
lt_portal_client_get_account_finish (LtPortalClient  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  const gpointer tags[] = { lt_portal_client_get_account_async, NULL };

  return finish_pointer (self, result, tags, error);
}

static void
start_document (LtPortalClient      *self,
                const char          *path,
                const char          *if_none_match,
                ParseFunc            parse,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                gpointer             source_tag)
{
  GTask *task = api_task_new (self, "GET", path, NULL, parse, cancellable, callback,
                              user_data, source_tag);

  task_request (task)->if_none_match = g_strdup (if_none_match);
  request_start (task);
}

static gboolean
finish_document (LtPortalClient  *self,
                 GAsyncResult    *result,
                 gpointer         source_tag,
                 GObject        **object,
                 char           **etag,
                 GBytes         **bytes,
                 GError         **error)
{
  const gpointer tags[] = { source_tag, NULL };
  Document *document;

  if (object != NULL)
    *object = NULL;
  if (etag != NULL)
    *etag = NULL;
  if (bytes != NULL)
    *bytes = NULL;

  document = finish_pointer (self, result, tags, error);
  if (document == NULL)
    return FALSE;

  if (object != NULL)
    *object = g_steal_pointer (&document->object);
  if (etag != NULL)
    *etag = g_steal_pointer (&document->etag);
  if (bytes != NULL)
    *bytes = g_steal_pointer (&document->document);
  document_free (document);
  return TRUE;
}

void
lt_portal_client_get_policy_async (LtPortalClient      *self,
                                   const char          *if_none_match,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  start_document (self, "/policy", if_none_match, parse_policy, cancellable, callback,
                  user_data, lt_portal_client_get_policy_async);
}

/**
 * lt_portal_client_get_policy_finish:
 * @self: the client
 * @result: the result
 * @policy: (out) (transfer full) (optional) (nullable): the policy, %NULL
 *   when the copy named by if_none_match is current
 * @etag: (out) (transfer full) (optional) (nullable): its ETag
 * @document: (out) (transfer full) (optional) (nullable): the body as
 *   received
 * @error: an LtError
 *
 * Returns: %TRUE on success, including "not modified"
 */
gboolean
lt_portal_client_get_policy_finish (LtPortalClient  *self,
                                    GAsyncResult    *result,
                                    LtPolicy       **policy,
                                    char           **etag,
                                    GBytes         **document,
                                    GError         **error)
{
  return finish_document (self, result, lt_portal_client_get_policy_async,
                          (GObject **) policy, etag, document, error);
}

void
lt_portal_client_get_releases_async (LtPortalClient      *self,
                                     const char          *if_none_match,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  start_document (self, "/releases", if_none_match, parse_releases, cancellable, callback,
                  user_data, lt_portal_client_get_releases_async);
}

/**
 * lt_portal_client_get_releases_finish:
 * @self: the client
 * @result: the result
 * @catalog: (out) (transfer full) (optional) (nullable): the catalog, %NULL
 *   when the copy named by if_none_match is current
 * @etag: (out) (transfer full) (optional) (nullable): its ETag
 * @document: (out) (transfer full) (optional) (nullable): the body
 * @error: an LtError
 *
 * Returns: %TRUE on success, including "not modified"
 */
gboolean
lt_portal_client_get_releases_finish (LtPortalClient    *self,
                                      GAsyncResult      *result,
                                      LtReleaseCatalog **catalog,
                                      char             **etag,
                                      GBytes           **document,
                                      GError           **error)
{
  return finish_document (self, result, lt_portal_client_get_releases_async,
                          (GObject **) catalog, etag, document, error);
}

/* ---- Lists ---- */

static void
append_instant_param (GString    *query,
                      const char *name,
                      GDateTime  *instant)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;

  if (instant == NULL)
    return;
  utc = g_date_time_to_utc (instant);
  text = lt_instant_format (utc);
  escaped = g_uri_escape_string (text, NULL, FALSE);
  g_string_append_printf (query, "%s%s=%s", query->len ? "&" : "", name, escaped);
}

static void
append_page_params (GString    *query,
                    GDateTime  *updated_since,
                    const char *cursor,
                    guint       limit)
{
  append_instant_param (query, "updated_since", updated_since);
  if (cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

      g_string_append_printf (query, "%scursor=%s", query->len ? "&" : "", escaped);
    }
  if (limit > 0)
    g_string_append_printf (query, "%slimit=%u", query->len ? "&" : "", limit);
}

void
lt_portal_client_list_maintenance_windows_async (LtPortalClient      *self,
                                                 GDateTime           *from,
                                                 GDateTime           *to,
                                                 GDateTime           *updated_since,
                                                 const char          *cursor,
                                                 guint                limit,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  append_instant_param (query, "from", from);
  append_instant_param (query, "to", to);
  append_page_params (query, updated_since, cursor, limit);
  request_start (api_task_new (self, "GET", "/maintenance-windows", query->str,
                               parse_window_page, cancellable, callback, user_data,
                               lt_portal_client_list_maintenance_windows_async));
}

/**
 * lt_portal_client_list_maintenance_windows_finish:
 * @self: the client
 * @result: the result
 * @error: an LtError
 *
 * Returns: (transfer full) (nullable): a page of LtMaintenanceWindow
 */
LtPortalPage *
lt_portal_client_list_maintenance_windows_finish (LtPortalClient  *self,
                                                  GAsyncResult    *result,
                                                  GError         **error)
{
  const gpointer tags[] = { lt_portal_client_list_maintenance_windows_async, NULL };

  return finish_pointer (self, result, tags, error);
}

void
lt_portal_client_list_tickets_async (LtPortalClient      *self,
                                     GDateTime           *updated_since,
                                     const char          *cursor,
                                     guint                limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  append_page_params (query, updated_since, cursor, limit);
  request_start (api_task_new (self, "GET", "/tickets", query->str, parse_ticket_page,
                               cancellable, callback, user_data,
                               lt_portal_client_list_tickets_async));
}

/**
 * lt_portal_client_list_tickets_finish:
 * @self: the client
 * @result: the result
 * @error: an LtError
 *
 * Returns: (transfer full) (nullable): a page of LtTicket (without events)
 */
LtPortalPage *
lt_portal_client_list_tickets_finish (LtPortalClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  const gpointer tags[] = { lt_portal_client_list_tickets_async, NULL };

  return finish_pointer (self, result, tags, error);
}

void
lt_portal_client_list_change_notices_async (LtPortalClient      *self,
                                            GDateTime           *updated_since,
                                            const char          *cursor,
                                            guint                limit,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  append_page_params (query, updated_since, cursor, limit);
  request_start (api_task_new (self, "GET", "/change-notices", query->str,
                               parse_change_notice_page, cancellable, callback, user_data,
                               lt_portal_client_list_change_notices_async));
}

/**
 * lt_portal_client_list_change_notices_finish:
 * @self: the client
 * @result: the result
 * @error: an LtError
 *
 * Returns: (transfer full) (nullable): a page of LtChangeNotice
 */
LtPortalPage *
lt_portal_client_list_change_notices_finish (LtPortalClient  *self,
                                             GAsyncResult    *result,
                                             GError         **error)
{
  const gpointer tags[] = { lt_portal_client_list_change_notices_async, NULL };

  return finish_pointer (self, result, tags, error);
}

/* ---- Tickets ---- */

void
lt_portal_client_get_ticket_async (LtPortalClient      *self,
                                   const char          *ticket_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && *ticket_id != '\0');

  path = item_path ("tickets", ticket_id, NULL);
  request_start (api_task_new (self, "GET", path, NULL, parse_ticket, cancellable, callback,
                               user_data, lt_portal_client_get_ticket_async));
}

/**
 * lt_portal_client_get_ticket_finish:
 * @self: the client
 * @result: the result
 * @error: an LtError
 *
 * Returns: (transfer full) (nullable): the ticket with its events
 */
LtTicket *
lt_portal_client_get_ticket_finish (LtPortalClient  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  const gpointer tags[] = { lt_portal_client_get_ticket_async, NULL };

  return finish_pointer (self, result, tags, error);
}

/* A POST with a JSON body to @path below /api/v1. */
static void
start_post (LtPortalClient      *self,
            const char          *path,
            const char          *idempotency_key,
            JsonNode            *body,
            ParseFunc            parse,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  GTask *task = api_task_new (self, "POST", path, NULL, parse, cancellable, callback,
                              user_data, source_tag);
  Request *request = task_request (task);

  request->idempotency_key = g_strdup (idempotency_key);
  request_set_json_body (request, body);
  request_start (task);
}

/* {"<member>": value} or {} when @value is NULL. */
static JsonNode *
single_member_body (const char *member,
                    const char *value)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  if (value != NULL)
    json_object_set_string_member (object, member, value);
  json_node_take_object (node, object);
  return node;
}

static void
start_ticket_action (LtPortalClient      *self,
                     const char          *ticket_id,
                     const char          *action,
                     const char          *idempotency_key,
                     const char          *member,
                     const char          *value,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data,
                     gpointer             source_tag)
{
  g_autofree char *path = item_path ("tickets", ticket_id, action);
  g_autoptr(JsonNode) body = single_member_body (member, value);

  start_post (self, path, idempotency_key, body, parse_ticket, cancellable, callback,
              user_data, source_tag);
}

void
lt_portal_client_create_ticket_async (LtPortalClient      *self,
                                      const char          *idempotency_key,
                                      JsonNode            *body,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL);
  g_return_if_fail (body != NULL && JSON_NODE_HOLDS_OBJECT (body));

  start_post (self, "/tickets", idempotency_key, body, parse_ticket, cancellable, callback,
              user_data, lt_portal_client_create_ticket_async);
}

/**
 * lt_portal_client_create_ticket_finish:
 * @self: the client
 * @result: the result
 * @replayed: (out) (optional): whether the portal had filed it before
 * @error: an LtError
 *
 * Returns: (transfer full) (nullable): the filed ticket with its events
 */
LtTicket *
lt_portal_client_create_ticket_finish (LtPortalClient  *self,
                                       GAsyncResult    *result,
                                       gboolean        *replayed,
                                       GError         **error)
{
  const gpointer tags[] = { lt_portal_client_create_ticket_async, NULL };
  LtTicket *ticket = finish_pointer (self, result, tags, error);
  Request *request = task_request (G_TASK (result));

  if (replayed != NULL)
    *replayed = ticket != NULL && (request->replayed || request->status == SOUP_STATUS_OK);
  return ticket;
}

void
lt_portal_client_add_comment_async (LtPortalClient      *self,
                                    const char          *ticket_id,
                                    const char          *idempotency_key,
                                    const char          *body,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && idempotency_key != NULL && body != NULL);

  start_ticket_action (self, ticket_id, "comments", idempotency_key, "body", body,
                       cancellable, callback, user_data, lt_portal_client_add_comment_async);
}

void
lt_portal_client_upload_attachment_async (LtPortalClient      *self,
                                          const char          *ticket_id,
                                          const char          *idempotency_key,
                                          const char          *file_name,
                                          const char          *content_type,
                                          GBytes              *contents,
                                          const char          *note,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;
  Request *request;

  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && idempotency_key != NULL);
  g_return_if_fail (file_name != NULL && contents != NULL);

  path = item_path ("tickets", ticket_id, "attachments");
  task = api_task_new (self, "POST", path, NULL, parse_ticket, cancellable, callback,
                       user_data, lt_portal_client_upload_attachment_async);
  request = task_request (task);

  if (g_bytes_get_size (contents) > LT_PORTAL_MAX_UPLOAD_SIZE)
    {
      g_autofree char *size = g_format_size_full (g_bytes_get_size (contents),
                                                  G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT);
      g_autofree char *limit = g_format_size_full (LT_PORTAL_MAX_UPLOAD_SIZE, G_FORMAT_SIZE_IEC_UNITS);

      g_task_return_new_error (task, LT_ERROR, LT_ERROR_INVALID_INPUT,
                               _("“%s” is %s; the portal accepts attachments of at most %s"),
                               file_name, size, limit);
      g_object_unref (task);
      return;
    }

  request->idempotency_key = g_strdup (idempotency_key);
  request->multipart = soup_multipart_new ("multipart/form-data");
  soup_multipart_append_form_file (request->multipart, "file", file_name,
                                   content_type ? content_type : "application/octet-stream",
                                   contents);
  if (note != NULL)
    soup_multipart_append_form_string (request->multipart, "note", note);
  request_start (task);
}

void
lt_portal_client_confirm_closure_async (LtPortalClient      *self,
                                        const char          *ticket_id,
                                        const char          *idempotency_key,
                                        const char          *note,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && idempotency_key != NULL);

  start_ticket_action (self, ticket_id, "confirm-closure", idempotency_key, "note", note,
                       cancellable, callback, user_data,
                       lt_portal_client_confirm_closure_async);
}

void
lt_portal_client_reopen_async (LtPortalClient      *self,
                               const char          *ticket_id,
                               const char          *idempotency_key,
                               const char          *reason,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && idempotency_key != NULL && reason != NULL);

  start_ticket_action (self, ticket_id, "reopen", idempotency_key, "reason", reason,
                       cancellable, callback, user_data, lt_portal_client_reopen_async);
}

void
lt_portal_client_escalate_async (LtPortalClient      *self,
                                 const char          *ticket_id,
                                 const char          *idempotency_key,
                                 const char          *reason,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && idempotency_key != NULL && reason != NULL);

  start_ticket_action (self, ticket_id, "escalations", idempotency_key, "reason", reason,
                       cancellable, callback, user_data, lt_portal_client_escalate_async);
}

void
lt_portal_client_withdraw_ticket_async (LtPortalClient      *self,
                                        const char          *ticket_id,
                                        const char          *idempotency_key,
                                        const char          *reason,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (ticket_id != NULL && idempotency_key != NULL);

  start_ticket_action (self, ticket_id, "withdraw", idempotency_key, "reason", reason,
                       cancellable, callback, user_data,
                       lt_portal_client_withdraw_ticket_async);
}

/**
 * lt_portal_client_ticket_action_finish:
 * @self: the client
 * @result: the result of add_comment, upload_attachment, confirm_closure,
 *   reopen, escalate or withdraw_ticket
 * @error: an LtError; a refusal by the rules is %LT_ERROR_REJECTED and
 *   lt_portal_result_get_error_code() gives the portal's code
 *   ("reopen_window_closed", "escalation_max_level", …)
 *
 * Returns: (transfer full) (nullable): the ticket after the action
 */
LtTicket *
lt_portal_client_ticket_action_finish (LtPortalClient  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  const gpointer tags[] = {
    lt_portal_client_add_comment_async,
    lt_portal_client_upload_attachment_async,
    lt_portal_client_confirm_closure_async,
    lt_portal_client_reopen_async,
    lt_portal_client_escalate_async,
    lt_portal_client_withdraw_ticket_async,
    NULL
  };

  return finish_pointer (self, result, tags, error);
}

/* ---- Change notices ---- */

void
lt_portal_client_get_change_notice_async (LtPortalClient      *self,
                                          const char          *change_notice_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (change_notice_id != NULL && *change_notice_id != '\0');

  path = item_path ("change-notices", change_notice_id, NULL);
  request_start (api_task_new (self, "GET", path, NULL, parse_change_notice, cancellable,
                               callback, user_data, lt_portal_client_get_change_notice_async));
}

void
lt_portal_client_create_change_notice_async (LtPortalClient      *self,
                                             const char          *idempotency_key,
                                             JsonNode            *body,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (idempotency_key != NULL);
  g_return_if_fail (body != NULL && JSON_NODE_HOLDS_OBJECT (body));

  start_post (self, "/change-notices", idempotency_key, body, parse_change_notice,
              cancellable, callback, user_data, lt_portal_client_create_change_notice_async);
}

void
lt_portal_client_withdraw_change_notice_async (LtPortalClient      *self,
                                               const char          *change_notice_id,
                                               const char          *idempotency_key,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (change_notice_id != NULL && idempotency_key != NULL);

  path = item_path ("change-notices", change_notice_id, "withdraw");
  /* The contract's withdraw takes no reason: an empty object. */
  body = single_member_body ("reason", NULL);
  start_post (self, path, idempotency_key, body, parse_change_notice, cancellable, callback,
              user_data, lt_portal_client_withdraw_change_notice_async);
}

/**
 * lt_portal_client_change_notice_finish:
 * @self: the client
 * @result: the result of get_change_notice, create_change_notice or
 *   withdraw_change_notice
 * @replayed: (out) (optional): whether the answer is the stored result of
 *   an earlier request with the same key
 * @error: an LtError
 *
 * Returns: (transfer full) (nullable): the change notice
 */
LtChangeNotice *
lt_portal_client_change_notice_finish (LtPortalClient  *self,
                                       GAsyncResult    *result,
                                       gboolean        *replayed,
                                       GError         **error)
{
  const gpointer tags[] = {
    lt_portal_client_get_change_notice_async,
    lt_portal_client_create_change_notice_async,
    lt_portal_client_withdraw_change_notice_async,
    NULL
  };
  LtChangeNotice *notice = finish_pointer (self, result, tags, error);
  Request *request = task_request (G_TASK (result));

  if (replayed != NULL)
    *replayed = notice != NULL &&
                (request->replayed ||
                 (g_task_get_source_tag (G_TASK (result)) == lt_portal_client_create_change_notice_async &&
                  request->status == SOUP_STATUS_OK));
  return notice;
}

/* ---- Anything else ---- */

void
lt_portal_client_fetch_text_async (LtPortalClient      *self,
                                   const char          *url,
                                   gsize                max_size,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GUri) uri = NULL;
  g_autofree char *what = NULL;
  GTask *task;
  Request *request;

  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (max_size > 0);

  what = g_strdup_printf ("GET %s", url);
  task = request_task_new (self, "GET", url, what, NULL, cancellable, callback, user_data,
                           lt_portal_client_fetch_text_async);
  request = task_request (task);
  request->to_portal = FALSE;
  request->limit = max_size;

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_task_return_new_error (task, LT_ERROR, LT_ERROR_INVALID_INPUT,
                               _("“%s” is not an http:// or https:// URL with a host"), url);
      g_object_unref (task);
      return;
    }

  request_start (task);
}

/**
 * lt_portal_client_fetch_text_finish:
 * @self: the client
 * @result: the result
 * @error: an LtError
 *
 * Returns: (transfer full) (nullable): the body, valid UTF-8
 */
char *
lt_portal_client_fetch_text_finish (LtPortalClient  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  const gpointer tags[] = { lt_portal_client_fetch_text_async, NULL };

  return finish_pointer (self, result, tags, error);
}
