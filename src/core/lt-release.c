/* lt-release.c: one entry of the release catalog (RULES.md R2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-release"

#include "config.h"

#include "lt-release.h"
#include "lt-error.h"
#include "lt-model-util.h"

#include <glib/gi18n-lib.h>

struct _LtRelease
{
  GObject     parent_instance;

  /* Owned */
  LtVersion  *version;
  GDate       released;       /* invalid (cleared) when not set */
  char      **fixes;          /* never NULL */
  char       *notes;

  gboolean    withdrawn;
};

G_DEFINE_FINAL_TYPE (LtRelease, lt_release, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_VERSION,
  PROP_RELEASED,
  PROP_WITHDRAWN,
  PROP_FIXES,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lt_release_finalize (GObject *object)
{
  LtRelease *self = (LtRelease *) object;

  g_clear_pointer (&self->version, lt_version_free);
  g_clear_pointer (&self->fixes, g_strfreev);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (lt_release_parent_class)->finalize (object);
}

static void
lt_release_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LtRelease *self = LT_RELEASE (object);

  switch (prop_id)
    {
    case PROP_VERSION:
      g_value_set_boxed (value, self->version);
      break;

    case PROP_RELEASED:
      g_value_set_boxed (value, lt_release_get_released (self));
      break;

    case PROP_WITHDRAWN:
      g_value_set_boolean (value, self->withdrawn);
      break;

    case PROP_FIXES:
      g_value_set_boxed (value, self->fixes);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_release_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LtRelease *self = LT_RELEASE (object);

  switch (prop_id)
    {
    case PROP_VERSION:
      /* Construct-only: set exactly once, before anyone can observe it. */
      g_clear_pointer (&self->version, lt_version_free);
      self->version = g_value_dup_boxed (value);
      break;

    case PROP_RELEASED:
      lt_release_set_released (self, g_value_get_boxed (value));
      break;

    case PROP_WITHDRAWN:
      lt_release_set_withdrawn (self, g_value_get_boolean (value));
      break;

    case PROP_FIXES:
      lt_release_set_fixes (self, g_value_get_boxed (value));
      break;

    case PROP_NOTES:
      lt_release_set_notes (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_release_class_init (LtReleaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lt_release_finalize;
  object_class->get_property = lt_release_get_property;
  object_class->set_property = lt_release_set_property;

  /**
   * LtRelease:version:
   *
   * The version of the release; it identifies the release, so it is set
   * once at construction.
   */
  properties[PROP_VERSION] =
    g_param_spec_boxed ("version", NULL, NULL,
                        LT_TYPE_VERSION,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * LtRelease:released:
   *
   * The date of general availability, a #GDate; %NULL when unknown.
   */
  properties[PROP_RELEASED] =
    g_param_spec_boxed ("released", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * LtRelease:withdrawn:
   *
   * Whether the vendor withdrew the release; a withdrawn release never
   * counts as current nor takes a place in the support window.
   */
  properties[PROP_WITHDRAWN] =
    g_param_spec_boolean ("withdrawn", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  /**
   * LtRelease:fixes:
   *
   * The known-issue IDs ("LT-1234") the release fixes.
   */
  properties[PROP_FIXES] =
    g_param_spec_boxed ("fixes", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * LtRelease:notes:
   *
   * A short human-readable summary of the release, or %NULL.
   */
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lt_release_init (LtRelease *self)
{
  g_date_clear (&self->released, 1);
  self->fixes = g_new0 (char *, 1);
}

/**
 * lt_release_new:
 * @version: the version
 * @released: (nullable): the date of general availability
 * @withdrawn: whether the release was withdrawn
 * @fixes: (nullable) (array zero-terminated=1): known-issue IDs it fixes
 * @notes: (nullable): a short summary
 *
 * Creates a release. The catalog validates the known-issue IDs it loads;
 * this constructor takes them as given.
 *
 * Returns: (transfer full): a new #LtRelease
 */
LtRelease *
lt_release_new (const LtVersion    *version,
                const GDate        *released,
                gboolean            withdrawn,
                const char * const *fixes,
                const char         *notes)
{
  g_return_val_if_fail (version != NULL, NULL);
  g_return_val_if_fail (released == NULL || g_date_valid (released), NULL);

  return g_object_new (LT_TYPE_RELEASE,
                       "version", version,
                       "released", released,
                       "withdrawn", withdrawn,
                       "fixes", fixes,
                       "notes", notes,
                       NULL);
}

/**
 * lt_release_get_version:
 * @self: a release
 *
 * Returns: (transfer none): the version
 */
const LtVersion *
lt_release_get_version (LtRelease *self)
{
  g_return_val_if_fail (LT_IS_RELEASE (self), NULL);

  return self->version;
}

/**
 * lt_release_get_released:
 * @self: a release
 *
 * Returns: (transfer none) (nullable): the date of general availability
 */
const GDate *
lt_release_get_released (LtRelease *self)
{
  g_return_val_if_fail (LT_IS_RELEASE (self), NULL);

  return g_date_valid (&self->released) ? &self->released : NULL;
}

/**
 * lt_release_set_released:
 * @self: a release
 * @released: (nullable): a valid date, or %NULL to unset it
 */
void
lt_release_set_released (LtRelease   *self,
                         const GDate *released)
{
  gboolean had_date;

  g_return_if_fail (LT_IS_RELEASE (self));
  g_return_if_fail (released == NULL || g_date_valid (released));

  had_date = g_date_valid (&self->released);
  if (released == NULL)
    {
      if (!had_date)
        return;
      g_date_clear (&self->released, 1);
    }
  else
    {
      if (had_date && g_date_compare (&self->released, released) == 0)
        return;
      self->released = *released;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELEASED]);
}

#define MODEL lt_release, LtRelease, LT_IS_RELEASE, properties

LT_MODEL_BOOLEAN_PROPERTY (MODEL, withdrawn, PROP_WITHDRAWN)
LT_MODEL_STRING_PROPERTY (MODEL, notes, PROP_NOTES)

#undef MODEL

/**
 * lt_release_get_fixes:
 * @self: a release
 *
 * Returns: (transfer none) (array zero-terminated=1): the known-issue IDs
 *   the release fixes, possibly none
 */
const char * const *
lt_release_get_fixes (LtRelease *self)
{
  g_return_val_if_fail (LT_IS_RELEASE (self), NULL);

  return (const char * const *) self->fixes;
}

/**
 * lt_release_set_fixes:
 * @self: a release
 * @fixes: (nullable) (array zero-terminated=1): known-issue IDs; %NULL
 *   means none
 */
void
lt_release_set_fixes (LtRelease          *self,
                      const char * const *fixes)
{
  static const char * const none[] = { NULL };

  g_return_if_fail (LT_IS_RELEASE (self));

  if (fixes == NULL)
    fixes = none;
  if (g_strv_equal ((const char * const *) self->fixes, fixes))
    return;

  g_strfreev (self->fixes);
  self->fixes = g_strdupv ((char **) fixes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIXES]);
}

/**
 * lt_release_fixes_issue:
 * @self: a release
 * @issue_id: a known-issue ID such as "LT-1234"
 *
 * Returns: whether @issue_id is among the fixes of @self
 */
gboolean
lt_release_fixes_issue (LtRelease  *self,
                        const char *issue_id)
{
  g_return_val_if_fail (LT_IS_RELEASE (self), FALSE);
  g_return_val_if_fail (issue_id != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->fixes, issue_id);
}

/**
 * lt_release_validate_issue_id:
 * @issue_id: the text to check
 * @error: set to %LT_ERROR_INVALID_INPUT, quoting @issue_id
 *
 * Checks that @issue_id is a known-issue ID: "LT-" then one or more ASCII
 * digits, nothing else.
 *
 * Returns: %TRUE when @issue_id is well formed
 */
gboolean
lt_release_validate_issue_id (const char  *issue_id,
                              GError     **error)
{
  const char *p;

  g_return_val_if_fail (issue_id != NULL, FALSE);

  if (g_str_has_prefix (issue_id, "LT-") && issue_id[3] != '\0')
    {
      for (p = issue_id + 3; g_ascii_isdigit (*p); p++)
        ;
      if (*p == '\0')
        return TRUE;
    }

  {
    g_autofree char *quoted = g_utf8_make_valid (issue_id, -1);

    g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                 _("“%s” is not a known-issue ID (expected “LT-” and a number, "
                   "such as “LT-1234”)"),
                 quoted);
  }
  return FALSE;
}
