/* lt-installation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-installation"

#include "config.h"

#include "lt-installation.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-model-util.h"

#include <glib/gi18n-lib.h>

struct _LtInstallation
{
  GObject            parent_instance;

  /* Owned */
  char              *id;
  char              *name;
  char              *host;
  char              *location;
  char              *detected_version;
  GDateTime         *detected_at;
  char              *note;

  LtDetectionMethod  detection_method;
};

G_DEFINE_FINAL_TYPE (LtInstallation, lt_installation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_HOST,
  PROP_DETECTION_METHOD,
  PROP_LOCATION,
  PROP_DETECTED_VERSION,
  PROP_DETECTED_AT,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lt_installation_finalize (GObject *object)
{
  LtInstallation *self = (LtInstallation *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->detected_version, g_free);
  g_clear_pointer (&self->detected_at, g_date_time_unref);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (lt_installation_parent_class)->finalize (object);
}

static void
lt_installation_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LtInstallation *self = LT_INSTALLATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_HOST:
      g_value_set_string (value, self->host);
      break;
    case PROP_DETECTION_METHOD:
      g_value_set_enum (value, self->detection_method);
      break;
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_DETECTED_VERSION:
      g_value_set_string (value, self->detected_version);
      break;
    case PROP_DETECTED_AT:
      g_value_set_boxed (value, self->detected_at);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_installation_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LtInstallation *self = LT_INSTALLATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      lt_installation_set_id (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      lt_installation_set_name (self, g_value_get_string (value));
      break;
    case PROP_HOST:
      lt_installation_set_host (self, g_value_get_string (value));
      break;
    case PROP_DETECTION_METHOD:
      lt_installation_set_detection_method (self, g_value_get_enum (value));
      break;
    case PROP_LOCATION:
      lt_installation_set_location (self, g_value_get_string (value));
      break;
    case PROP_DETECTED_VERSION:
      lt_installation_set_detected_version (self, g_value_get_string (value));
      break;
    case PROP_DETECTED_AT:
      lt_installation_set_detected_at (self, g_value_get_boxed (value));
      break;
    case PROP_NOTE:
      lt_installation_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_installation_class_init (LtInstallationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = lt_installation_finalize;
  object_class->get_property = lt_installation_get_property;
  object_class->set_property = lt_installation_set_property;

  /* A local UUID: installations are the customer's own records and have
   * no portal id. */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_HOST] =
    g_param_spec_string ("host", NULL, NULL, NULL, flags);
  properties[PROP_DETECTION_METHOD] =
    g_param_spec_enum ("detection-method", NULL, NULL,
                       LT_TYPE_DETECTION_METHOD, LT_DETECTION_METHOD_MANUAL, flags);
  /* An absolute path (file) or an http(s) URL (http). */
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL, NULL, flags);
  /* As detected or typed; parsed on demand by lt_installation_dup_version(). */
  properties[PROP_DETECTED_VERSION] =
    g_param_spec_string ("detected-version", NULL, NULL, NULL, flags);
  properties[PROP_DETECTED_AT] =
    g_param_spec_boxed ("detected-at", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_installation_init (LtInstallation *self)
{
  self->detection_method = LT_DETECTION_METHOD_MANUAL;
}

/**
 * lt_installation_new:
 *
 * A new installation record with a fresh random id and manual detection.
 *
 * Returns: (transfer full): a new installation
 */
LtInstallation *
lt_installation_new (void)
{
  LtInstallation *self = g_object_new (LT_TYPE_INSTALLATION, NULL);

  self->id = g_uuid_string_random ();
  return self;
}

#define MODEL lt_installation, LtInstallation, LT_IS_INSTALLATION, properties

LT_MODEL_STRING_PROPERTY (MODEL, id, PROP_ID)
LT_MODEL_STRING_PROPERTY (MODEL, name, PROP_NAME)
LT_MODEL_STRING_PROPERTY (MODEL, host, PROP_HOST)
LT_MODEL_STRING_PROPERTY (MODEL, location, PROP_LOCATION)
LT_MODEL_STRING_PROPERTY (MODEL, detected_version, PROP_DETECTED_VERSION)
LT_MODEL_STRING_PROPERTY (MODEL, note, PROP_NOTE)
LT_MODEL_VALUE_PROPERTY (MODEL, LtDetectionMethod, detection_method, PROP_DETECTION_METHOD,
                         LT_DETECTION_METHOD_MANUAL)
/* When the version was last detected, in UTC; nullable. */
LT_MODEL_INSTANT_PROPERTY (MODEL, detected_at, PROP_DETECTED_AT)

#undef MODEL

/**
 * lt_installation_dup_version:
 * @self: an installation
 * @error: %LT_ERROR_INVALID_INPUT when no version is known or it does not
 *   parse (the message quotes it)
 *
 * Parses the detected version each time it is asked: the text is what the
 * store keeps and shows, and parsing is cheap.
 *
 * Returns: (transfer full) (nullable): the version
 */
LtVersion *
lt_installation_dup_version (LtInstallation  *self,
                             GError         **error)
{
  g_return_val_if_fail (LT_IS_INSTALLATION (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->detected_version == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("The version of “%s” is not known yet"),
                   self->name != NULL ? self->name : "");
      return NULL;
    }

  return lt_version_parse (self->detected_version, error);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static gboolean
validate_http_url (const char  *location,
                   GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (is_blank (location))
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("Detection over HTTP needs the URL of the server’s version page"));
      return FALSE;
    }

  uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0) ||
      is_blank (g_uri_get_host (uri)))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not an http:// or https:// URL"), location);
      return FALSE;
    }

  return TRUE;
}

static gboolean
validate_file_path (const char  *location,
                    GError     **error)
{
  if (is_blank (location))
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("Detection from a file needs the file’s path"));
      return FALSE;
    }

  if (!g_path_is_absolute (location))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("“%s” is not an absolute path"), location);
      return FALSE;
    }

  return TRUE;
}

/**
 * lt_installation_validate:
 * @self: an installation
 * @error: %LT_ERROR_INVALID_INPUT describing the first problem found,
 *   quoting the bad value
 *
 * Checks what the installation editor needs before saving: a name; for
 * http detection an http(s) URL with a host; for file detection an
 * absolute path; a detected version that parses (R1), required when it is
 * typed in by hand since nothing else will ever fill it in.
 *
 * Returns: %TRUE when the installation may be saved
 */
gboolean
lt_installation_validate (LtInstallation  *self,
                          GError         **error)
{
  g_return_val_if_fail (LT_IS_INSTALLATION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (self->name))
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("An installation needs a name"));
      return FALSE;
    }

  switch (self->detection_method)
    {
    case LT_DETECTION_METHOD_HTTP:
      if (!validate_http_url (self->location, error))
        return FALSE;
      break;
    case LT_DETECTION_METHOD_FILE:
      if (!validate_file_path (self->location, error))
        return FALSE;
      break;
    case LT_DETECTION_METHOD_MANUAL:
      if (self->detected_version == NULL)
        {
          g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                               _("Enter the installed version: it is not detected automatically"));
          return FALSE;
        }
      break;
    default:
      g_return_val_if_reached (FALSE);
    }

  if (self->detected_version != NULL)
    {
      g_autoptr(LtVersion) version = lt_version_parse (self->detected_version, error);

      if (version == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * lt_installation_check_eligibility:
 * @self: an installation
 * @catalog: the release catalog
 * @policy: the policy in force (the size of the support window)
 * @error: %LT_ERROR_INVALID_INPUT when the version is unknown or does not
 *   parse
 *
 * Returns: (transfer full) (nullable): the R2 verdict on the detected
 *   version, from lt_release_catalog_check_version_for_policy()
 */
LtEligibility *
lt_installation_check_eligibility (LtInstallation    *self,
                                   LtReleaseCatalog  *catalog,
                                   LtPolicy          *policy,
                                   GError           **error)
{
  g_autoptr(LtVersion) version = NULL;

  g_return_val_if_fail (LT_IS_INSTALLATION (self), NULL);
  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (catalog), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  version = lt_installation_dup_version (self, error);
  if (version == NULL)
    return NULL;

  return lt_release_catalog_check_version_for_policy (catalog, version, policy);
}
