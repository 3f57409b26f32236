/* lt-tls-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-tls-database"

#include "config.h"

#include "lt-tls-database.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

struct _LtTlsDatabase
{
  GTlsDatabase  parent_instance;

  /* Owned */
  GTlsDatabase *system;
  GTlsDatabase *extra;
};

G_DEFINE_FINAL_TYPE (LtTlsDatabase, lt_tls_database, G_TYPE_TLS_DATABASE)

static GTlsCertificateFlags
lt_tls_database_verify_chain (GTlsDatabase             *database,
                              GTlsCertificate          *chain,
                              const char               *purpose,
                              GSocketConnectable       *identity,
                              GTlsInteraction          *interaction,
                              GTlsDatabaseVerifyFlags   flags,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  LtTlsDatabase *self = LT_TLS_DATABASE (database);
  GTlsCertificateFlags system_errors;
  GTlsCertificateFlags extra_errors;
  GError *local_error = NULL;

  system_errors = g_tls_database_verify_chain (self->system, chain, purpose, identity,
                                               interaction, flags, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return G_TLS_CERTIFICATE_GENERIC_ERROR;
    }
  /* Only a chain that ends at an unknown CA can be rescued by the extra
   * file; an expired or misnamed certificate stays refused. */
  if ((system_errors & G_TLS_CERTIFICATE_UNKNOWN_CA) == 0)
    return system_errors;

  extra_errors = g_tls_database_verify_chain (self->extra, chain, purpose, identity,
                                              interaction, flags, cancellable, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return G_TLS_CERTIFICATE_GENERIC_ERROR;
    }
  if ((extra_errors & G_TLS_CERTIFICATE_UNKNOWN_CA) == 0)
    {
      g_debug ("certificate chain anchored by the extra CA file (flags 0x%x)", extra_errors);
      return extra_errors;
    }
  return system_errors;
}

static GTlsCertificate *
lt_tls_database_lookup_certificate_issuer (GTlsDatabase             *database,
                                           GTlsCertificate          *certificate,
                                           GTlsInteraction          *interaction,
                                           GTlsDatabaseLookupFlags   flags,
                                           GCancellable             *cancellable,
                                           GError                  **error)
{
  LtTlsDatabase *self = LT_TLS_DATABASE (database);
  GTlsCertificate *issuer;
  GError *local_error = NULL;

  issuer = g_tls_database_lookup_certificate_issuer (self->system, certificate, interaction,
                                                     flags, cancellable, &local_error);
  if (issuer != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return issuer;
    }
  return g_tls_database_lookup_certificate_issuer (self->extra, certificate, interaction,
                                                   flags, cancellable, error);
}

static GList *
lt_tls_database_lookup_certificates_issued_by (GTlsDatabase             *database,
                                               GByteArray               *issuer_raw_dn,
                                               GTlsInteraction          *interaction,
                                               GTlsDatabaseLookupFlags   flags,
                                               GCancellable             *cancellable,
                                               GError                  **error)
{
  LtTlsDatabase *self = LT_TLS_DATABASE (database);
  GList *system_list;
  GList *extra_list;

  system_list = g_tls_database_lookup_certificates_issued_by (self->system, issuer_raw_dn,
                                                              interaction, flags,
                                                              cancellable, error);
  if (error != NULL && *error != NULL)
    return system_list;
  extra_list = g_tls_database_lookup_certificates_issued_by (self->extra, issuer_raw_dn,
                                                             interaction, flags,
                                                             cancellable, error);
  return g_list_concat (system_list, extra_list);
}

static char *
lt_tls_database_create_certificate_handle (GTlsDatabase    *database,
                                           GTlsCertificate *certificate)
{
  LtTlsDatabase *self = LT_TLS_DATABASE (database);

  return g_tls_database_create_certificate_handle (self->system, certificate);
}

static GTlsCertificate *
lt_tls_database_lookup_certificate_for_handle (GTlsDatabase             *database,
                                               const char               *handle,
                                               GTlsInteraction          *interaction,
                                               GTlsDatabaseLookupFlags   flags,
                                               GCancellable             *cancellable,
                                               GError                  **error)
{
  LtTlsDatabase *self = LT_TLS_DATABASE (database);

  return g_tls_database_lookup_certificate_for_handle (self->system, handle, interaction,
                                                       flags, cancellable, error);
}

static void
lt_tls_database_dispose (GObject *object)
{
  LtTlsDatabase *self = LT_TLS_DATABASE (object);

  g_clear_object (&self->system);
  g_clear_object (&self->extra);

  G_OBJECT_CLASS (lt_tls_database_parent_class)->dispose (object);
}

static void
lt_tls_database_class_init (LtTlsDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->dispose = lt_tls_database_dispose;

  database_class->verify_chain = lt_tls_database_verify_chain;
  database_class->lookup_certificate_issuer = lt_tls_database_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by = lt_tls_database_lookup_certificates_issued_by;
  database_class->create_certificate_handle = lt_tls_database_create_certificate_handle;
  database_class->lookup_certificate_for_handle = lt_tls_database_lookup_certificate_for_handle;
}

static void
lt_tls_database_init (LtTlsDatabase *self)
{
}

/**
 * lt_tls_database_new:
 * @system: (nullable): the database to extend; the TLS backend's default
 *   when %NULL
 * @ca_file: a PEM file of CA certificates to trust as well
 * @error: %LT_ERROR_TLS when there is no TLS support or @ca_file cannot be
 *   read
 *
 * Returns: (transfer full) (nullable): the combined database
 */
GTlsDatabase *
lt_tls_database_new (GTlsDatabase  *system,
                     const char    *ca_file,
                     GError       **error)
{
  g_autoptr(LtTlsDatabase) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GTlsDatabase) extra = NULL;
  g_autoptr(GList) anchors = NULL;
  GTlsBackend *backend;

  g_return_val_if_fail (system == NULL || G_IS_TLS_DATABASE (system), NULL);
  g_return_val_if_fail (ca_file != NULL, NULL);

  backend = g_tls_backend_get_default ();
  if (!g_tls_backend_supports_tls (backend))
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_TLS,
                           _("this system has no TLS support (is glib-networking installed?)"));
      return NULL;
    }

  /* g_tls_file_database_new() accepts a file without a single
   * certificate; reading the list first turns that into an error that
   * names the file instead of a trust that silently adds nothing. */
  anchors = g_tls_certificate_list_new_from_file (ca_file, &local_error);
  if (anchors == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_TLS,
                   _("the CA file “%s” could not be read: %s"), ca_file,
                   local_error ? local_error->message : _("it holds no PEM certificate"));
      return NULL;
    }
  g_list_free_full (g_steal_pointer (&anchors), g_object_unref);

  extra = g_tls_file_database_new (ca_file, &local_error);
  if (extra == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_TLS,
                   _("the CA file “%s” could not be read: %s"), ca_file, local_error->message);
      return NULL;
    }

  self = g_object_new (LT_TYPE_TLS_DATABASE, NULL);
  self->system = system ? g_object_ref (system) : g_tls_backend_get_default_database (backend);
  self->extra = g_steal_pointer (&extra);
  return G_TLS_DATABASE (g_steal_pointer (&self));
}
