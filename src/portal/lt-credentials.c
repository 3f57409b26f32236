/* lt-credentials.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-credentials"

#include "config.h"

#include "lt-credentials.h"
#include "lt-error.h"
#include "lt-portal-client.h"
#include "lt-secret.h"

#include <glib/gi18n-lib.h>

struct _LtCredentials
{
  GObject  parent_instance;

  /* Owned */
  char    *portal_url;
  char    *origin;

  /* Whether LTSUPPORT_TOKEN may answer for this portal */
  gboolean environment_token;
  /* A token given to these credentials only (lt_credentials_new_with_token()) */
  SecretValue *given;
};

G_DEFINE_FINAL_TYPE (LtCredentials, lt_credentials, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PORTAL_URL,
  PROP_ENVIRONMENT_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const SecretSchema *
lt_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    LT_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "portal", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "origin", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static void
lt_credentials_finalize (GObject *object)
{
  LtCredentials *self = LT_CREDENTIALS (object);

  g_free (self->portal_url);
  g_clear_pointer (&self->given, secret_value_unref);
  g_free (self->origin);

  G_OBJECT_CLASS (lt_credentials_parent_class)->finalize (object);
}

static void
lt_credentials_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LtCredentials *self = LT_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_PORTAL_URL:
      g_value_set_string (value, self->portal_url);
      break;

    case PROP_ENVIRONMENT_TOKEN:
      g_value_set_boolean (value, self->environment_token);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_credentials_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LtCredentials *self = LT_CREDENTIALS (object);

  switch (prop_id)
    {
    case PROP_PORTAL_URL:
      g_free (self->portal_url);
      self->portal_url = g_value_dup_string (value);
      g_free (self->origin);
      self->origin = self->portal_url ? lt_portal_url_dup_origin (self->portal_url, NULL) : NULL;
      break;

    case PROP_ENVIRONMENT_TOKEN:
      self->environment_token = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_credentials_class_init (LtCredentialsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lt_credentials_finalize;
  object_class->get_property = lt_credentials_get_property;
  object_class->set_property = lt_credentials_set_property;

  /**
   * LtCredentials:portal-url:
   *
   * The normalized portal URL; the keyring item's "portal" attribute.
   */
  properties[PROP_PORTAL_URL] =
    g_param_spec_string ("portal-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * LtCredentials:environment-token:
   *
   * Whether LTSUPPORT_TOKEN may be this portal's token: only for a portal
   * named for the process (lt-portal-choice.h).
   */
  properties[PROP_ENVIRONMENT_TOKEN] =
    g_param_spec_boolean ("environment-token", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_credentials_init (LtCredentials *self)
{
  self->environment_token = TRUE;
}

/**
 * lt_credentials_new:
 * @portal_url: the portal's base URL, e.g. "https://support.lockthreat.com"
 * @error: %LT_ERROR_INVALID_INPUT when it is not an http(s) URL
 *
 * Returns: (transfer full) (nullable): the credentials of that portal
 */
LtCredentials *
lt_credentials_new (const char  *portal_url,
                    GError     **error)
{
  return lt_credentials_new_full (portal_url, TRUE, error);
}

/**
 * lt_credentials_new_full:
 * @portal_url: the portal's base URL
 * @environment_token: whether LTSUPPORT_TOKEN may be its token
 * @error: %LT_ERROR_INVALID_INPUT when it is not an http(s) URL
 *
 * Returns: (transfer full) (nullable): the credentials of that portal
 */
LtCredentials *
lt_credentials_new_full (const char  *portal_url,
                         gboolean     environment_token,
                         GError     **error)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (portal_url != NULL, NULL);

  normalized = lt_portal_normalize_url (portal_url, error);
  if (normalized == NULL)
    return NULL;

  /* A process that handles a portal's token keeps it out of core dumps
   * and away from other processes of the user (lt-secret.h). */
  lt_secret_protect_process ();

  return g_object_new (LT_TYPE_CREDENTIALS,
                       "portal-url", normalized,
                       "environment-token", environment_token,
                       NULL);
}

/**
 * lt_credentials_new_with_token:
 * @portal_url: the portal
 * @token: the only token these credentials give
 * @error: %LT_ERROR_INVALID_INPUT for the URL, %LT_ERROR_CREDENTIALS for
 *   a token that cannot be a bearer token
 *
 * Returns: (transfer full) (nullable): credentials that ask nothing else
 */
LtCredentials *
lt_credentials_new_with_token (const char  *portal_url,
                               const char  *token,
                               GError     **error)
{
  g_autoptr(LtCredentials) self = NULL;

  g_return_val_if_fail (token != NULL, NULL);

  if (!lt_credentials_validate_token (token, error))
    return NULL;
  self = lt_credentials_new_full (portal_url, FALSE, error);
  if (self == NULL)
    return NULL;
  self->given = secret_value_new (token, -1, "text/plain");

  return g_steal_pointer (&self);
}

const char *
lt_credentials_get_portal_url (LtCredentials *self)
{
  g_return_val_if_fail (LT_IS_CREDENTIALS (self), NULL);

  return self->portal_url;
}

/**
 * lt_credentials_validate_token:
 * @token: a token
 * @error: %LT_ERROR_CREDENTIALS when it is empty or holds characters a
 *   bearer token cannot have; the message never quotes the token
 *
 * Returns: %TRUE when @token can go into an Authorization header
 */
gboolean
lt_credentials_validate_token (const char  *token,
                               GError     **error)
{
  gsize len;

  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_CREDENTIALS,
                           _("the portal token is empty"));
      return FALSE;
    }

  /* RFC 6750: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+"
   * / "/" ) *"=" */
  len = strlen (token);
  while (len > 0 && token[len - 1] == '=')
    len--;
  if (len == 0)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_CREDENTIALS,
                           _("the portal token holds only “=” signs"));
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    {
      char c = token[i];

      if (!g_ascii_isalnum (c) && strchr ("-._~+/", c) == NULL)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_CREDENTIALS,
                       _("the portal token has a character a token cannot have "
                         "at position %lu (spaces, line breaks and "
                         "quotes are not allowed); copy it again"),
                       (unsigned long) (i + 1));
          return FALSE;
        }
    }

  return TRUE;
}

/* Whether a libsecret error means that there is no Secret Service to talk
 * to (no session bus, or nobody owns org.freedesktop.secrets), as opposed
 * to a keyring that answered with a failure. */
static gboolean
is_service_missing (const GError *error)
{
  if (error->domain == G_DBUS_ERROR)
    return error->code == G_DBUS_ERROR_SERVICE_UNKNOWN ||
           error->code == G_DBUS_ERROR_NAME_HAS_NO_OWNER ||
           error->code == G_DBUS_ERROR_SPAWN_EXEC_FAILED ||
           error->code == G_DBUS_ERROR_SPAWN_CHILD_EXITED ||
           error->code == G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND ||
           error->code == G_DBUS_ERROR_SPAWN_SERVICE_INVALID ||
           error->code == G_DBUS_ERROR_NO_SERVER ||
           error->code == G_DBUS_ERROR_FILE_NOT_FOUND;

  /* g_bus_get() without a usable session bus address fails in the
   * G_IO_ERROR domain (no address, socket missing, refused). */
  return error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED;
}

/* Converts a libsecret failure to LT_ERROR_CREDENTIALS; cancellation is
 * passed on as it is. */
static void
propagate_from_keyring (GError     **dest,
                         GError      *src,
                         const char  *portal_url,
                         gboolean     reading)
{
  if (g_error_matches (src, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (dest, src);
      return;
    }

  if (is_service_missing (src))
    {
      if (reading)
        g_set_error (dest, LT_ERROR, LT_ERROR_CREDENTIALS,
                     _("no keyring (Secret Service) is running, so the portal token "
                       "for “%s” cannot be read; on a server without a keyring, set "
                       "%s for this process (%s)"),
                     portal_url, LT_CREDENTIALS_TOKEN_ENV, src->message);
      else
        g_set_error (dest, LT_ERROR, LT_ERROR_CREDENTIALS,
                     _("no keyring (Secret Service) is running, so the portal token "
                       "for “%s” cannot be saved; on a server without a keyring, set "
                       "%s for each process instead (%s)"),
                     portal_url, LT_CREDENTIALS_TOKEN_ENV, src->message);
    }
  /* A keyring that runs but cannot be used here (locked, no login
   * collection on a headless server, no prompter) leaves the admin the same
   * way out as no keyring at all. */
  else if (reading)
    g_set_error (dest, LT_ERROR, LT_ERROR_CREDENTIALS,
                 _("the keyring could not provide the portal token for “%s”: %s; where "
                   "the keyring cannot be used, set %s for this process"),
                 portal_url, src->message, LT_CREDENTIALS_TOKEN_ENV);
  else
    g_set_error (dest, LT_ERROR, LT_ERROR_CREDENTIALS,
                 _("the keyring could not save the portal token for “%s”: %s; where "
                   "the keyring cannot be used, set %s for each process instead"),
                 portal_url, src->message, LT_CREDENTIALS_TOKEN_ENV);
  g_error_free (src);
}

/* Whether LTSUPPORT_TOKEN is set (and not empty). */
static gboolean
environment_token_set (void)
{
  const char *token = g_getenv (LT_CREDENTIALS_TOKEN_ENV);

  return token != NULL && *token != '\0';
}

/* LTSUPPORT_TOKEN as a SecretValue, or NULL when unset, empty or not
 * accepted for this portal. */
static SecretValue *
lookup_environment (LtCredentials  *self,
                    GError        **error)
{
  const char *token = g_getenv (LT_CREDENTIALS_TOKEN_ENV);

  if (!self->environment_token || token == NULL || *token == '\0')
    return NULL;
  if (!lt_credentials_validate_token (token, error))
    {
      g_prefix_error (error, _("%s: "), LT_CREDENTIALS_TOKEN_ENV);
      return NULL;
    }
  return secret_value_new (token, -1, "text/plain");
}

/* The error when no token may be used for this portal although one is
 * there: LTSUPPORT_TOKEN set for a portal that was not named for this
 * process, or a keyring item of an earlier version (no origin). FALSE
 * when neither: simply not signed in. */
static gboolean
set_unusable_error (LtCredentials  *self,
                    gboolean        legacy_item,
                    GError        **error)
{
  if (!self->environment_token && environment_token_set ())
    {
      g_set_error (error, LT_ERROR, LT_ERROR_CREDENTIALS,
                   _("%s is not used for “%s”: it is the token only of the portal named "
                     "for this process (--portal or %s); name the portal, or sign in to it"),
                   LT_CREDENTIALS_TOKEN_ENV, self->portal_url, "LTSUPPORT_PORTAL");
      return TRUE;
    }
  if (legacy_item)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_CREDENTIALS,
                   _("the token saved in the keyring for “%s” by an earlier version is not "
                     "used, since it does not record the origin it was given for; sign in "
                     "again (ltsupport login, or Preferences)"),
                   self->portal_url);
      return TRUE;
    }
  return FALSE;
}

typedef struct
{
  SecretValue   *value;
  LtTokenSource  source;
} LookupResult;

static void
lookup_result_free (gpointer data)
{
  LookupResult *result = data;

  g_clear_pointer (&result->value, secret_value_unref);
  g_free (result);
}

static void
legacy_lookup_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LtCredentials *self = g_task_get_source_object (task);
  SecretValue *legacy;
  GError *error = NULL;

  /* Only whether there is one matters; a failure here is "none". */
  legacy = secret_password_lookup_binary_finish (result, NULL);
  if (set_unusable_error (self, legacy != NULL, &error))
    {
      g_clear_pointer (&legacy, secret_value_unref);
      g_task_return_error (task, error);
      return;
    }

  g_debug ("token lookup for %s: none stored", self->portal_url);
  g_task_return_pointer (task, g_new0 (LookupResult, 1), lookup_result_free);
}

static void
lookup_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LtCredentials *self = g_task_get_source_object (task);
  LookupResult *lookup;
  SecretValue *value;
  GError *error = NULL;

  value = secret_password_lookup_binary_finish (result, &error);
  if (error != NULL)
    {
      GError *converted = NULL;

      /* The keyring's own failure would say "set LTSUPPORT_TOKEN", which
       * is set: say why it is not used instead. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          set_unusable_error (self, FALSE, &converted))
        g_error_free (error);
      else
        propagate_from_keyring (&converted, error, self->portal_url, TRUE);
      g_task_return_error (task, converted);
      return;
    }

  if (value == NULL)
    {
      /* An item of an earlier version (no origin) is not used; look for
       * one only to say so. */
      GCancellable *cancellable = g_task_get_cancellable (task);

      secret_password_lookup (lt_credentials_get_schema (), cancellable,
                              legacy_lookup_cb, g_steal_pointer (&task),
                              "portal", self->portal_url,
                              NULL);
      return;
    }

  lookup = g_new0 (LookupResult, 1);
  lookup->value = value;
  lookup->source = LT_TOKEN_SOURCE_KEYRING;
  g_debug ("token lookup for %s: found in the keyring", self->portal_url);
  g_task_return_pointer (task, lookup, lookup_result_free);
}

/* Tokens kept for this session only (lt_credentials_keep_for_session()):
 * origin → SecretValue, in this process's memory and nowhere else. */
static GMutex session_lock;
static GHashTable *session_tokens;

/* The token given to these credentials, or kept for this session for
 * their origin; NULL when neither. */
static SecretValue *
lookup_in_memory (LtCredentials *self,
                  LtTokenSource *source)
{
  SecretValue *value = NULL;

  if (self->given != NULL)
    {
      *source = LT_TOKEN_SOURCE_SESSION;
      return secret_value_ref (self->given);
    }

  g_mutex_lock (&session_lock);
  if (session_tokens != NULL)
    value = g_hash_table_lookup (session_tokens, self->origin);
  if (value != NULL)
    secret_value_ref (value);
  g_mutex_unlock (&session_lock);

  if (value != NULL)
    *source = LT_TOKEN_SOURCE_SESSION;
  return value;
}

/**
 * lt_credentials_keep_for_session:
 * @self: the credentials
 * @token: the token
 * @error: %LT_ERROR_CREDENTIALS when @token cannot be a bearer token
 *
 * Keeps @token in this process's memory as the token of this portal's
 * origin, for as long as the process runs: where the keyring cannot store
 * it. It is never written anywhere; a lookup prefers it to the keyring,
 * and lt_credentials_clear_async() forgets it.
 *
 * Returns: whether it is kept
 */
gboolean
lt_credentials_keep_for_session (LtCredentials  *self,
                                 const char     *token,
                                 GError        **error)
{
  g_return_val_if_fail (LT_IS_CREDENTIALS (self), FALSE);
  g_return_val_if_fail (token != NULL, FALSE);

  if (!lt_credentials_validate_token (token, error))
    return FALSE;

  g_mutex_lock (&session_lock);
  if (session_tokens == NULL)
    session_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) secret_value_unref);
  g_hash_table_replace (session_tokens, g_strdup (self->origin),
                        secret_value_new (token, -1, "text/plain"));
  g_mutex_unlock (&session_lock);

  g_debug ("token for %s kept for this session", self->portal_url);
  return TRUE;
}

/* Forgets the session's token of this origin; whether there was one. */
static gboolean
forget_session_token (LtCredentials *self)
{
  gboolean removed = FALSE;

  g_mutex_lock (&session_lock);
  if (session_tokens != NULL)
    removed = g_hash_table_remove (session_tokens, self->origin);
  g_mutex_unlock (&session_lock);

  return removed;
}

void
lt_credentials_lookup_async (LtCredentials       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SecretValue *env_value;
  LtTokenSource memory_source = LT_TOKEN_SOURCE_NONE;

  g_return_if_fail (LT_IS_CREDENTIALS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lt_credentials_lookup_async);

  env_value = lookup_environment (self, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (env_value != NULL)
    {
      LookupResult *lookup = g_new0 (LookupResult, 1);

      lookup->value = env_value;
      lookup->source = LT_TOKEN_SOURCE_ENVIRONMENT;
      g_debug ("token for %s taken from %s", self->portal_url, LT_CREDENTIALS_TOKEN_ENV);
      g_task_return_pointer (task, lookup, lookup_result_free);
      return;
    }

  env_value = lookup_in_memory (self, &memory_source);
  if (env_value != NULL)
    {
      LookupResult *lookup = g_new0 (LookupResult, 1);

      lookup->value = env_value;
      lookup->source = memory_source;
      g_task_return_pointer (task, lookup, lookup_result_free);
      return;
    }

  secret_password_lookup (lt_credentials_get_schema (), cancellable,
                          lookup_cb, g_steal_pointer (&task),
                          "portal", self->portal_url,
                          "origin", self->origin,
                          NULL);
}

/**
 * lt_credentials_lookup_finish:
 * @self: the credentials
 * @result: the result
 * @source: (out) (optional): where the token came from
 * @error: %LT_ERROR_CREDENTIALS when the keyring failed, or when the only
 *   token there may not be used for this portal
 *
 * Returns: (transfer full) (nullable): the token, or %NULL (without an
 *   error) when none is stored and LTSUPPORT_TOKEN is not set
 */
SecretValue *
lt_credentials_lookup_finish (LtCredentials  *self,
                              GAsyncResult   *result,
                              LtTokenSource  *source,
                              GError        **error)
{
  LookupResult *lookup;
  SecretValue *value;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lt_credentials_lookup_async, NULL);

  if (source != NULL)
    *source = LT_TOKEN_SOURCE_NONE;

  lookup = g_task_propagate_pointer (G_TASK (result), error);
  if (lookup == NULL)
    return NULL;

  if (source != NULL)
    *source = lookup->source;
  value = g_steal_pointer (&lookup->value);
  lookup_result_free (lookup);
  return value;
}

SecretValue *
lt_credentials_lookup_sync (LtCredentials  *self,
                            LtTokenSource  *source,
                            GCancellable   *cancellable,
                            GError        **error)
{
  SecretValue *value;
  SecretValue *legacy;
  GError *local_error = NULL;
  LtTokenSource memory_source = LT_TOKEN_SOURCE_NONE;

  g_return_val_if_fail (LT_IS_CREDENTIALS (self), NULL);

  if (source != NULL)
    *source = LT_TOKEN_SOURCE_NONE;

  value = lookup_environment (self, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (value != NULL)
    {
      if (source != NULL)
        *source = LT_TOKEN_SOURCE_ENVIRONMENT;
      return value;
    }
  value = lookup_in_memory (self, &memory_source);
  if (value != NULL)
    {
      if (source != NULL)
        *source = memory_source;
      return value;
    }

  value = secret_password_lookup_binary_sync (lt_credentials_get_schema (), cancellable,
                                              &local_error,
                                              "portal", self->portal_url,
                                              "origin", self->origin,
                                              NULL);
  if (local_error != NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          set_unusable_error (self, FALSE, error))
        g_error_free (local_error);
      else
        propagate_from_keyring (error, local_error, self->portal_url, TRUE);
      return NULL;
    }
  if (value != NULL)
    {
      if (source != NULL)
        *source = LT_TOKEN_SOURCE_KEYRING;
      return value;
    }

  /* Only whether an item of an earlier version is there matters. */
  legacy = secret_password_lookup_binary_sync (lt_credentials_get_schema (), cancellable, NULL,
                                               "portal", self->portal_url,
                                               NULL);
  set_unusable_error (self, legacy != NULL, error);
  g_clear_pointer (&legacy, secret_value_unref);
  return NULL;
}

static char *
dup_item_label (LtCredentials *self)
{
  /* TRANSLATORS: the label of the keyring item, shown in Passwords and Keys */
  return g_strdup_printf (_("LockThreat Support portal token (%s)"), self->portal_url);
}

static void
store_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LtCredentials *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      GError *converted = NULL;

      /* libsecret reports a dismissed prompt (a locked or missing login
       * keyring with no one to unlock it) as a failure without an error:
       * it is one. */
      if (error == NULL)
        error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                     _("the keyring is locked or has no login keyring, and "
                                       "the request to unlock or create it was dismissed"));

      propagate_from_keyring (&converted, error, self->portal_url, FALSE);
      g_task_return_error (task, converted);
      return;
    }

  g_debug ("token for %s saved in the keyring", self->portal_url);
  g_task_return_boolean (task, TRUE);
}

void
lt_credentials_store_async (LtCredentials       *self,
                            const char          *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  g_return_if_fail (LT_IS_CREDENTIALS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lt_credentials_store_async);

  if (!lt_credentials_validate_token (token, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  label = dup_item_label (self);
  secret_password_store (lt_credentials_get_schema (), SECRET_COLLECTION_DEFAULT,
                         label, token, cancellable,
                         store_cb, g_steal_pointer (&task),
                         "portal", self->portal_url,
                         "origin", self->origin,
                         NULL);
}

gboolean
lt_credentials_store_finish (LtCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lt_credentials_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lt_credentials_store_sync (LtCredentials  *self,
                           const char     *token,
                           GCancellable   *cancellable,
                           GError        **error)
{
  g_autofree char *label = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (LT_IS_CREDENTIALS (self), FALSE);

  if (!lt_credentials_validate_token (token, error))
    return FALSE;

  label = dup_item_label (self);
  if (!secret_password_store_sync (lt_credentials_get_schema (), SECRET_COLLECTION_DEFAULT,
                                   label, token, cancellable, &local_error,
                                   "portal", self->portal_url,
                                   "origin", self->origin,
                                   NULL))
    {
      if (local_error == NULL)
        local_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                           _("the keyring is locked or has no login keyring, and "
                                             "the request to unlock or create it was dismissed"));
      propagate_from_keyring (error, local_error, self->portal_url, FALSE);
      return FALSE;
    }
  return TRUE;
}

static void
clear_cb (GObject      *source_object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LtCredentials *self = g_task_get_source_object (task);
  GError *error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      GError *converted = NULL;

      propagate_from_keyring (&converted, error, self->portal_url, FALSE);
      g_task_return_error (task, converted);
      return;
    }

  g_task_set_task_data (task, GINT_TO_POINTER (removed), NULL);
  g_task_return_boolean (task, TRUE);
}

void
lt_credentials_clear_async (LtCredentials       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LT_IS_CREDENTIALS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lt_credentials_clear_async);
  forget_session_token (self);

  /* By the URL alone: signing out also removes an item of an earlier
   * version, which has no origin. */
  secret_password_clear (lt_credentials_get_schema (), cancellable,
                         clear_cb, g_steal_pointer (&task),
                         "portal", self->portal_url,
                         NULL);
}

gboolean
lt_credentials_clear_finish (LtCredentials  *self,
                             GAsyncResult   *result,
                             gboolean       *removed,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lt_credentials_clear_async, FALSE);

  if (removed != NULL)
    *removed = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lt_credentials_clear_sync (LtCredentials  *self,
                           gboolean       *removed,
                           GCancellable   *cancellable,
                           GError        **error)
{
  GError *local_error = NULL;
  gboolean was_there;

  g_return_val_if_fail (LT_IS_CREDENTIALS (self), FALSE);

  forget_session_token (self);
  /* By the URL alone, as lt_credentials_clear_async(). */
  was_there = secret_password_clear_sync (lt_credentials_get_schema (), cancellable,
                                          &local_error,
                                          "portal", self->portal_url,
                                          NULL);
  if (local_error != NULL)
    {
      propagate_from_keyring (error, local_error, self->portal_url, FALSE);
      return FALSE;
    }
  if (removed != NULL)
    *removed = was_there;
  return TRUE;
}

const char *
lt_token_source_describe (LtTokenSource source)
{
  switch (source)
    {
    case LT_TOKEN_SOURCE_KEYRING:
      return _("Using the portal token saved in your keyring.");
    case LT_TOKEN_SOURCE_ENVIRONMENT:
      return _("Using the portal token from LTSUPPORT_TOKEN for this process only; "
               "it was not saved.");
    case LT_TOKEN_SOURCE_SESSION:
      return _("Using the portal token you gave for this session only; it was not "
               "saved and is forgotten when LockThreat Support quits.");
    case LT_TOKEN_SOURCE_NONE:
    default:
      return NULL;
    }
}
