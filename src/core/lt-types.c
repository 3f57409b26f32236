/* lt-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-types"

#include "config.h"

#include "lt-types.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

/**
 * lt_enum_to_nick:
 * @enum_type: a registered enum #GType (e.g. %LT_TYPE_SEVERITY)
 * @value: a value of it
 *
 * Returns: (transfer none): the nick, e.g. "in-progress"; "" for an invalid
 *   value
 */
const char *
lt_enum_to_nick (GType enum_type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  g_return_val_if_fail (ev != NULL, "");
  return ev->value_nick;
}

/**
 * lt_enum_from_nick:
 * @enum_type: a registered enum #GType
 * @nick: the string form, e.g. "s2"
 * @value: (out): where to store the value
 * @error: set to %LT_ERROR_INVALID_INPUT, quoting @nick and listing the
 *   accepted values
 *
 * Returns: %TRUE when @nick names a value of @enum_type
 */
gboolean
lt_enum_from_nick (GType        enum_type,
                   const char  *nick,
                   int         *value,
                   GError     **error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  g_autoptr(GString) accepted = g_string_new (NULL);
  GEnumValue *ev = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (ev != NULL)
    {
      *value = ev->value;
      return TRUE;
    }

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (accepted, "%s%s", i ? ", " : "", klass->values[i].value_nick);

  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("“%s” is not a valid value (expected one of: %s)"),
               nick ? nick : "(null)", accepted->str);
  return FALSE;
}
