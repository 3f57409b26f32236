/* lt-model-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-model"

#include "config.h"

#include "lt-model-util.h"

#include <string.h>

GDateTime *
lt_model_instant_to_utc (GDateTime *instant)
{
  GTimeZone *zone;

  if (instant == NULL)
    return NULL;

  /* Sharing the caller's object saves an allocation per instant; only an
   * instant that is really in the UTC zone (not merely at offset 0, like
   * London in winter) may be shared, or it would print in that zone. */
  zone = g_date_time_get_timezone (instant);
  if (g_date_time_get_utc_offset (instant) == 0 &&
      g_strcmp0 (g_time_zone_get_identifier (zone), "UTC") == 0)
    return g_date_time_ref (instant);

  return g_date_time_to_utc (instant);
}

gboolean
lt_model_set_instant (GDateTime **field,
                      GDateTime  *value)
{
  if (*field == value)
    return FALSE;
  if (*field != NULL && value != NULL && g_date_time_equal (*field, value))
    return FALSE;

  g_clear_pointer (field, g_date_time_unref);
  *field = lt_model_instant_to_utc (value);
  return TRUE;
}

gboolean
lt_model_set_string (char       **field,
                     const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

gboolean
lt_model_set_interned (const char **field,
                       const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  *field = g_intern_string (value);
  return TRUE;
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  guint i;

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    if (strcmp (a[i], b[i]) != 0)
      return FALSE;
  return a[i] == NULL && b[i] == NULL;
}

gboolean
lt_model_set_strv (char             ***field,
                   const char * const *value)
{
  const char * const *old = (const char * const *) *field;

  if (value != NULL && value[0] == NULL)
    value = NULL;

  if (old == NULL && value == NULL)
    return FALSE;
  if (old != NULL && value != NULL && strv_equal (old, value))
    return FALSE;

  g_strfreev (*field);
  *field = g_strdupv ((char **) value);
  return TRUE;
}
