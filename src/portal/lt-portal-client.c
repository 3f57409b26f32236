/* lt-portal-client.c
 *
 * One function per operation of the portal API (data/portal-api.yaml),
 * with the parser of its answer. Every operation goes through the one
 * request pipeline of lt-portal-request.c:
 *
 *   token (LtCredentials, per request) -> SoupMessage -> soup_session_send_async
 *   -> bounded reads of the body -> status -> JSON -> model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-portal-client"

#include "config.h"

#include "lt-portal-client-private.h"
#include "lt-error.h"
#include "lt-date-util.h"
#include "lt-tls-database.h"

#include <glib/gi18n-lib.h>

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
  return lt_portal_json_read_ticket_page (root, error);
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
  self->user_agent = g_strdup_printf ("LockThreatSupport/%s (%s)", PACKAGE_VERSION, APPLICATION_ID);
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

  return _lt_portal_task_request (G_TASK (result));
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

  _lt_portal_request_start (_lt_portal_api_task_new (self, "GET", "/account", NULL, parse_account,
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
  GTask *task = _lt_portal_api_task_new (self, "GET", path, NULL, parse, cancellable, callback,
                                         user_data, source_tag);

  _lt_portal_task_request (task)->if_none_match = g_strdup (if_none_match);
  _lt_portal_request_start (task);
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
  _lt_portal_request_start (_lt_portal_api_task_new (self, "GET", "/maintenance-windows", query->str,
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

static void
start_list_tickets (LtPortalClient      *self,
                    GDateTime           *updated_since,
                    const char          *cursor,
                    guint                limit,
                    gboolean             with_events,
                    LtPortalSentFunc     sent,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data,
                    gpointer             source_tag)
{
  g_autoptr(GString) query = g_string_new (NULL);
  GTask *task;
  Request *request;

  append_page_params (query, updated_since, cursor, limit);
  if (with_events)
    g_string_append_printf (query, "%sinclude=events", query->len ? "&" : "");
  task = _lt_portal_api_task_new (self, "GET", "/tickets", query->str, parse_ticket_page,
                                  cancellable, callback, user_data, source_tag);
  request = _lt_portal_task_request (task);
  request->sent = sent;
  request->sent_data = user_data;
  _lt_portal_request_start (task);
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
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  start_list_tickets (self, updated_since, cursor, limit, FALSE, NULL, cancellable, callback, user_data,
                      lt_portal_client_list_tickets_async);
}

/* GET /tickets?include=events: one request per page for the tickets and
 * their histories where the portal knows the parameter; the page's
 * events_included says whether it did. */
void
lt_portal_client_list_tickets_with_events_async (LtPortalClient      *self,
                                                 GDateTime           *updated_since,
                                                 const char          *cursor,
                                                 guint                limit,
                                                 LtPortalSentFunc     sent,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  g_return_if_fail (LT_IS_PORTAL_CLIENT (self));

  start_list_tickets (self, updated_since, cursor, limit, TRUE, sent, cancellable, callback, user_data,
                      lt_portal_client_list_tickets_with_events_async);
}

/**
 * lt_portal_client_list_tickets_finish:
 * @self: the client
 * @result: the result
 * @error: an LtError
 *
 * Finishes lt_portal_client_list_tickets_async() and
 * lt_portal_client_list_tickets_with_events_async().
 *
 * Returns: (transfer full) (nullable): a page of LtTicket, with their
 *   events when the page's events_included is set
 */
LtPortalPage *
lt_portal_client_list_tickets_finish (LtPortalClient  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  const gpointer tags[] = {
    lt_portal_client_list_tickets_async, lt_portal_client_list_tickets_with_events_async, NULL
  };

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
  _lt_portal_request_start (_lt_portal_api_task_new (self, "GET", "/change-notices", query->str,
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
  _lt_portal_request_start (_lt_portal_api_task_new (self, "GET", path, NULL, parse_ticket, cancellable, callback,
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
  GTask *task = _lt_portal_api_task_new (self, "POST", path, NULL, parse, cancellable, callback,
                                         user_data, source_tag);
  Request *request = _lt_portal_task_request (task);

  request->idempotency_key = g_strdup (idempotency_key);
  _lt_portal_request_set_json_body (request, body);
  _lt_portal_request_start (task);
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
  Request *request = _lt_portal_task_request (G_TASK (result));

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
  task = _lt_portal_api_task_new (self, "POST", path, NULL, parse_ticket, cancellable, callback,
                                  user_data, lt_portal_client_upload_attachment_async);
  request = _lt_portal_task_request (task);

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
  _lt_portal_request_start (task);
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
  _lt_portal_request_start (_lt_portal_api_task_new (self, "GET", path, NULL, parse_change_notice, cancellable,
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
  Request *request = _lt_portal_task_request (G_TASK (result));

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
  task = _lt_portal_request_task_new (self, "GET", url, what, NULL, cancellable, callback, user_data,
                                      lt_portal_client_fetch_text_async);
  request = _lt_portal_task_request (task);
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

  _lt_portal_request_start (task);
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
