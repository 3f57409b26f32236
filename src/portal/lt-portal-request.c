/* lt-portal-request.c: the request pipeline of the portal client
 *
 *   token (LtCredentials, per request) -> SoupMessage -> soup_session_send_async
 *   -> bounded reads of the body -> status -> JSON -> model
 *
 * The body is streamed rather than loaded with send_and_read so that an
 * oversized answer is refused after max-response-size bytes instead of
 * after the whole of it sits in memory. What libsoup, GIO or the portal
 * reported becomes an LtError here (section "errors").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-portal-client"

#include "config.h"

#include "lt-portal-client-private.h"
#include "lt-error.h"
#include "lt-json.h"
#include "lt-text-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ------------------------------------------------------------- request */

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
GTask *
_lt_portal_request_task_new (LtPortalClient      *self,
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

Request *
_lt_portal_task_request (GTask *task)
{
  return g_task_get_task_data (task);
}

/* A portal API request: @path below /api/v1 (already escaped), with an
 * optional query. */
GTask *
_lt_portal_api_task_new (LtPortalClient      *self,
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

  return _lt_portal_request_task_new (self, method, url, what, parse, cancellable, callback,
                                      user_data, source_tag);
}

void
_lt_portal_request_set_json_body (Request  *request,
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

/* The caller's LtPortalSentFunc, once: from "wrote-body", or before the
 * result of a request that was never written. */
static void
request_notify_sent (Request *request)
{
  LtPortalSentFunc sent = request->sent;

  request->sent = NULL;
  if (sent != NULL)
    sent (request->sent_data);
}

static void
wrote_body_cb (SoupMessage *msg,
               gpointer     user_data)
{
  request_notify_sent (user_data);
}

static void
request_return_error (GTask  *task,
                      GError *error)
{
  Request *request = _lt_portal_task_request (task);

  request_notify_sent (request);
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
  Request *request = _lt_portal_task_request (task);
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
  request_notify_sent (request);
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
  Request *request = _lt_portal_task_request (task);
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
  Request *request = _lt_portal_task_request (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (request->msg);
  /* One byte past the limit tells "exactly the limit" from "more". */
  gsize want = MIN (READ_CHUNK, request->limit + 1 - request->buffer->len);
  goffset announced;

  /* A body of announced length is read into a buffer of its size, and the
   * end of the body into one byte: not into 64 KiB each time, which the
   * heap grows for and gives back (brk) at every request of a drain. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
      (announced = soup_message_headers_get_content_length (headers)) >= (goffset) request->buffer->len)
    want = MIN (want, (gsize) (announced - request->buffer->len) + 1);

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
  Request *request = _lt_portal_task_request (task);
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
  Request *request = _lt_portal_task_request (task);
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
  if (request->sent != NULL)
    g_signal_connect (request->msg, "wrote-body", G_CALLBACK (wrote_body_cb), request);

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
  Request *request = _lt_portal_task_request (task);
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
void
_lt_portal_request_start (GTask *task)
{
  LtPortalClient *self = g_task_get_source_object (task);
  Request *request = _lt_portal_task_request (task);

  request->started = g_get_monotonic_time ();
  if (request->to_portal)
    lt_credentials_lookup_async (self->credentials, request->cancellable, token_cb, task);
  else
    request_send (task);
}
