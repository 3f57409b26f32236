/* lt-credentials.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-credentials"

#include "config.h"

#include "lt-credentials.h"
#include "lt-error.h"
#include "lt-portal-client.h"

#include <glib/gi18n-lib.h>

struct _LtCredentials
{
  GObject  parent_instance;

  /* Owned */
  char    *portal_url;
};

G_DEFINE_FINAL_TYPE (LtCredentials, lt_credentials, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PORTAL_URL,
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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_credentials_init (LtCredentials *self)
{
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
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (portal_url != NULL, NULL);

  normalized = lt_portal_normalize_url (portal_url, error);
  if (normalized == NULL)
    return NULL;

  return g_object_new (LT_TYPE_CREDENTIALS, "portal-url", normalized, NULL);
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

/* LTSUPPORT_TOKEN as a SecretValue, or NULL when unset or empty. */
static SecretValue *
lookup_environment (GError **error)
{
  const char *token = g_getenv (LT_CREDENTIALS_TOKEN_ENV);

  if (token == NULL || *token == '\0')
    return NULL;
  if (!lt_credentials_validate_token (token, error))
    {
      g_prefix_error (error, _("%s: "), LT_CREDENTIALS_TOKEN_ENV);
      return NULL;
    }
  return secret_value_new (token, -1, "text/plain");
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
lookup_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LtCredentials *self = g_task_get_source_object (task);
  LookupResult *lookup = g_new0 (LookupResult, 1);
  GError *error = NULL;

  lookup->value = secret_password_lookup_binary_finish (result, &error);
  if (error != NULL)
    {
      GError *converted = NULL;

      propagate_from_keyring (&converted, error, self->portal_url, TRUE);
      lookup_result_free (lookup);
      g_task_return_error (task, converted);
      return;
    }

  lookup->source = lookup->value ? LT_TOKEN_SOURCE_KEYRING : LT_TOKEN_SOURCE_NONE;
  g_debug ("token lookup for %s: %s", self->portal_url,
           lookup->value ? "found in the keyring" : "none stored");
  g_task_return_pointer (task, lookup, lookup_result_free);
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

  g_return_if_fail (LT_IS_CREDENTIALS (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lt_credentials_lookup_async);

  env_value = lookup_environment (&error);
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

  secret_password_lookup (lt_credentials_get_schema (), cancellable,
                          lookup_cb, g_steal_pointer (&task),
                          "portal", self->portal_url,
                          NULL);
}

/**
 * lt_credentials_lookup_finish:
 * @self: the credentials
 * @result: the result
 * @source: (out) (optional): where the token came from
 * @error: %LT_ERROR_CREDENTIALS when the keyring failed
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
  GError *local_error = NULL;

  g_return_val_if_fail (LT_IS_CREDENTIALS (self), NULL);

  if (source != NULL)
    *source = LT_TOKEN_SOURCE_NONE;

  value = lookup_environment (&local_error);
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

  value = secret_password_lookup_binary_sync (lt_credentials_get_schema (), cancellable,
                                              &local_error,
                                              "portal", self->portal_url,
                                              NULL);
  if (local_error != NULL)
    {
      propagate_from_keyring (error, local_error, self->portal_url, TRUE);
      return NULL;
    }

  if (source != NULL && value != NULL)
    *source = LT_TOKEN_SOURCE_KEYRING;
  return value;
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
                                   NULL))
    {
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
    case LT_TOKEN_SOURCE_NONE:
    default:
      return NULL;
    }
}
