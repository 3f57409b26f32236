/* lt-portal-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-portal-check"

#include "config.h"

#include "lt-portal-check.h"

#include "lt-error.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

struct _LtPortalCheck
{
  GObject            parent_instance;

  LtPortalCheckKind  kind;
  char              *advice;
  char              *detail;
  char              *customer_name;
};

G_DEFINE_FINAL_TYPE (LtPortalCheck, lt_portal_check, G_TYPE_OBJECT)

static void
lt_portal_check_finalize (GObject *object)
{
  LtPortalCheck *self = (LtPortalCheck *) object;

  g_free (self->advice);
  g_free (self->detail);
  g_free (self->customer_name);

  G_OBJECT_CLASS (lt_portal_check_parent_class)->finalize (object);
}

static void
lt_portal_check_class_init (LtPortalCheckClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lt_portal_check_finalize;
}

static void
lt_portal_check_init (LtPortalCheck *self)
{
}

static gboolean
is_proxy_error (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_FAILED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_AUTH_FAILED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NEED_AUTH) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PROXY_NOT_ALLOWED);
}

/**
 * lt_portal_check_classify:
 * @result: (nullable): the result of a request of an #LtPortalClient
 * @error: (nullable): its error
 *
 * Returns: what failed, or %LT_PORTAL_CHECK_OK without @error
 */
LtPortalCheckKind
lt_portal_check_classify (GAsyncResult *result,
                          const GError *error)
{
  const GError *transport = result != NULL ? lt_portal_result_get_transport_error (result) : NULL;
  guint status = result != NULL ? lt_portal_result_get_status (result) : 0;

  if (error == NULL)
    return LT_PORTAL_CHECK_OK;

  if (g_error_matches (error, LT_ERROR, LT_ERROR_INVALID_INPUT))
    return LT_PORTAL_CHECK_BAD_ADDRESS;
  if (g_error_matches (error, LT_ERROR, LT_ERROR_CREDENTIALS))
    return LT_PORTAL_CHECK_NO_TOKEN;
  if (g_error_matches (error, LT_ERROR, LT_ERROR_UNAUTHORIZED))
    return LT_PORTAL_CHECK_TOKEN_REFUSED;
  if (status == SOUP_STATUS_FORBIDDEN)
    return LT_PORTAL_CHECK_FORBIDDEN;
  /* A proxy that wants credentials answers 407 for a plain http:// portal
   * and fails the CONNECT (GIO's proxy errors) for an https:// one. */
  if (status == SOUP_STATUS_PROXY_AUTHENTICATION_REQUIRED || is_proxy_error (transport))
    return LT_PORTAL_CHECK_PROXY;

  if (g_error_matches (error, LT_ERROR, LT_ERROR_TLS))
    {
      GTlsCertificateFlags flags = result != NULL ? lt_portal_result_get_tls_errors (result) : 0;

      if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
        return LT_PORTAL_CHECK_TLS_UNTRUSTED;
      if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
        return LT_PORTAL_CHECK_TLS_WRONG_HOST;
      return LT_PORTAL_CHECK_TLS_OTHER;
    }

  if (transport != NULL && transport->domain == G_RESOLVER_ERROR)
    {
      /* With a proxy, the name the resolver could not find is the
       * proxy's. */
      return lt_portal_result_get_through_proxy (result) ? LT_PORTAL_CHECK_PROXY
                                                          : LT_PORTAL_CHECK_DNS;
    }
  if (g_error_matches (error, LT_ERROR, LT_ERROR_TIMED_OUT))
    return LT_PORTAL_CHECK_TIMEOUT;
  if (result != NULL && lt_portal_result_get_through_proxy (result) && transport != NULL &&
      status == 0)
    return LT_PORTAL_CHECK_PROXY;
  if (g_error_matches (transport, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return LT_PORTAL_CHECK_REFUSED;
  if (g_error_matches (error, LT_ERROR, LT_ERROR_SERVER) ||
      g_error_matches (error, LT_ERROR, LT_ERROR_RATE_LIMITED))
    return LT_PORTAL_CHECK_UNAVAILABLE;
  /* An answer that is not the contract's: a web server, a sign-in page, a
   * redirect elsewhere, a 404 for the API's path. */
  if (g_error_matches (error, LT_ERROR, LT_ERROR_NOT_FOUND) ||
      g_error_matches (error, LT_ERROR, LT_ERROR_INVALID_DATA) ||
      g_error_matches (error, LT_ERROR, LT_ERROR_REJECTED) ||
      SOUP_STATUS_IS_REDIRECTION (status))
    return LT_PORTAL_CHECK_NOT_PORTAL;

  return LT_PORTAL_CHECK_NETWORK;
}

const char *
lt_portal_check_kind_get_title (LtPortalCheckKind kind)
{
  switch (kind)
    {
    case LT_PORTAL_CHECK_OK:
      return _("Connected to the LockThreat portal");
    case LT_PORTAL_CHECK_BAD_ADDRESS:
      return _("The portal address cannot be used");
    case LT_PORTAL_CHECK_NO_TOKEN:
      return _("No access token to test with");
    case LT_PORTAL_CHECK_DNS:
      return _("The portal’s host name could not be found (DNS)");
    case LT_PORTAL_CHECK_REFUSED:
      return _("Nothing answers at the portal address");
    case LT_PORTAL_CHECK_PROXY:
      return _("The proxy did not let the connection through");
    case LT_PORTAL_CHECK_TIMEOUT:
      return _("The portal did not answer in time");
    case LT_PORTAL_CHECK_TLS_UNTRUSTED:
      return _("The portal’s certificate is not trusted");
    case LT_PORTAL_CHECK_TLS_WRONG_HOST:
      return _("The portal’s certificate is for another host name");
    case LT_PORTAL_CHECK_TLS_OTHER:
      return _("The portal’s certificate was refused");
    case LT_PORTAL_CHECK_TOKEN_REFUSED:
      return _("The portal refused the token (401)");
    case LT_PORTAL_CHECK_FORBIDDEN:
      return _("The token may not use this portal (403)");
    case LT_PORTAL_CHECK_NOT_PORTAL:
      return _("This address is not a LockThreat portal");
    case LT_PORTAL_CHECK_UNAVAILABLE:
      return _("The portal is busy or failing");
    case LT_PORTAL_CHECK_NETWORK:
    default:
      return _("The connection to the portal failed");
    }
}

const char *
lt_portal_check_kind_get_advice (LtPortalCheckKind kind)
{
  switch (kind)
    {
    case LT_PORTAL_CHECK_OK:
      return NULL;
    case LT_PORTAL_CHECK_BAD_ADDRESS:
      return _("Use the https:// address of your portal.");
    case LT_PORTAL_CHECK_NO_TOKEN:
      return _("Paste the access token from your account page on the portal.");
    case LT_PORTAL_CHECK_DNS:
      return _("Check the address for typing mistakes, and that this computer can look up names on its network.");
    case LT_PORTAL_CHECK_REFUSED:
      return _("Check the address and its port, and that the portal (or your relay) is running.");
    case LT_PORTAL_CHECK_PROXY:
      return _("Check the proxy in the system’s network settings, or ask for the portal to be let through it.");
    case LT_PORTAL_CHECK_TIMEOUT:
      return _("A firewall may be dropping the connection; check the address, or try again later.");
    case LT_PORTAL_CHECK_TLS_UNTRUSTED:
      return _("For an on-prem relay with its own certificate authority, choose that authority’s certificate file under Extra Certificate Authorities.");
    case LT_PORTAL_CHECK_TLS_WRONG_HOST:
      return _("Use the host name the certificate was issued for; something else may be answering at this address.");
    case LT_PORTAL_CHECK_TLS_OTHER:
      return _("Check this computer’s date and time; otherwise the portal’s certificate needs renewing.");
    case LT_PORTAL_CHECK_TOKEN_REFUSED:
      return _("The token is wrong, expired or revoked: paste a new one from your account page on the portal.");
    case LT_PORTAL_CHECK_FORBIDDEN:
      return _("The token is valid but not for this portal’s API: ask your LockThreat administrator for a token with access.");
    case LT_PORTAL_CHECK_NOT_PORTAL:
      return _("Something answered, but not the LockThreat support API: check the address (the portal’s root, without a path).");
    case LT_PORTAL_CHECK_UNAVAILABLE:
      return _("Try again later; what you submit meanwhile is queued.");
    case LT_PORTAL_CHECK_NETWORK:
    default:
      return _("Check this computer’s network connection and try again.");
    }
}

/**
 * lt_portal_check_new_failed:
 * @kind: what stopped it
 * @error: (nullable): the message to quote
 *
 * Returns: (transfer full): a verdict
 */
LtPortalCheck *
lt_portal_check_new_failed (LtPortalCheckKind  kind,
                            const GError      *error)
{
  LtPortalCheck *self = g_object_new (LT_TYPE_PORTAL_CHECK, NULL);

  self->kind = kind;
  self->advice = g_strdup (lt_portal_check_kind_get_advice (kind));
  self->detail = error != NULL ? g_strdup (error->message) : NULL;

  return self;
}

static void
account_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GError) error = NULL;
  LtPortalCheck *check;
  LtPortalCheckKind kind;

  account = lt_portal_client_get_account_finish (LT_PORTAL_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  kind = lt_portal_check_classify (result, error);
  check = lt_portal_check_new_failed (kind, error);
  if (account != NULL)
    {
      check->customer_name = g_strdup (lt_account_get_customer_name (account));
      /* TRANSLATORS: %s is the customer's name from the portal's account */
      check->advice = g_strdup_printf (_("Signed in for %s."), check->customer_name);
    }
  g_debug ("connection test of %s: %s", lt_portal_client_get_base_url (LT_PORTAL_CLIENT (source)),
           lt_portal_check_kind_get_title (kind));
  g_task_return_pointer (task, check, g_object_unref);
}

void
lt_portal_check_run_async (LtPortalClient      *client,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (LT_IS_PORTAL_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, lt_portal_check_run_async);
  lt_portal_client_get_account_async (client, cancellable, account_cb, task);
}

/**
 * lt_portal_check_run_finish:
 * @client: the client
 * @result: the result
 * @error: only %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the verdict
 */
LtPortalCheck *
lt_portal_check_run_finish (LtPortalClient  *client,
                            GAsyncResult    *result,
                            GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lt_portal_check_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

LtPortalCheckKind
lt_portal_check_get_kind (LtPortalCheck *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CHECK (self), LT_PORTAL_CHECK_NETWORK);

  return self->kind;
}

gboolean
lt_portal_check_get_ok (LtPortalCheck *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CHECK (self), FALSE);

  return self->kind == LT_PORTAL_CHECK_OK;
}

const char *
lt_portal_check_get_title (LtPortalCheck *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CHECK (self), NULL);

  return lt_portal_check_kind_get_title (self->kind);
}

const char *
lt_portal_check_get_advice (LtPortalCheck *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CHECK (self), NULL);

  return self->advice;
}

const char *
lt_portal_check_get_detail (LtPortalCheck *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CHECK (self), NULL);

  return self->detail;
}

const char *
lt_portal_check_get_customer_name (LtPortalCheck *self)
{
  g_return_val_if_fail (LT_IS_PORTAL_CHECK (self), NULL);

  return self->customer_name;
}
