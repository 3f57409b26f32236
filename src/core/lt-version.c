/* lt-version.c: LockThreat version numbers (RULES.md R1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-version"

#include "config.h"

#include "lt-version.h"
#include "lt-error.h"
#include "lt-text-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _LtVersion
{
  guint32  components[LT_VERSION_MAX_COMPONENTS];
  guint    n_components;
  /* The suffix without its separator ("rc1"), NULL for a release. */
  char    *prerelease;
  /* The canonical text, kept so that to_string() can return it borrowed. */
  char    *text;
};

G_DEFINE_BOXED_TYPE (LtVersion, lt_version, lt_version_copy, lt_version_free)

/* The largest value a component may have: guint32, so that versions fit
 * the portal's integer columns and compare without overflow. */
#define COMPONENT_MAX G_MAXUINT32

static void
set_parse_error (GError     **error,
                 const char  *text,
                 const char  *reason)
{
  /* The input may come from a file or the network: never put invalid
   * UTF-8 or a terminal's control sequence into a message a person
   * reads. */
  g_autofree char *quoted = lt_text_dup_displayable (text, LT_TEXT_SINGLE_LINE);

  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               /* TRANSLATORS: the first %s is the text that was given, the
                * second one says what is wrong with it. */
               _("“%s” is not a version: %s"), quoted, reason);
}

static const char *
generic_reason (void)
{
  return _("expected 1 to 4 numbers separated by dots, such as “3.3.2”, "
           "optionally followed by a pre-release suffix such as “-rc1”");
}

/* Parses one component at *p, advancing it past the digits. */
static gboolean
parse_component (const char  *text,
                 const char **p,
                 guint32     *value,
                 GError     **error)
{
  const char *start = *p;
  const char *q = start;
  guint64 v = 0;
  gboolean overflow = FALSE;

  while (g_ascii_isdigit (*q))
    {
      if (!overflow)
        {
          v = v * 10 + (guint64) (*q - '0');
          overflow = v > COMPONENT_MAX;
        }
      q++;
    }

  if (q == start)
    {
      set_parse_error (error, text, generic_reason ());
      return FALSE;
    }

  /* "3.04" is refused rather than read as 3.4: the canonical text keeps the
   * components as given, so "3.04" and "3.4" would compare equal yet print
   * differently, and a zero-padded component is far more likely a typo
   * (for 3.0.4?) than a real LockThreat version. */
  if (*start == '0' && q - start > 1)
    {
      g_autofree char *component = g_strndup (start, (gsize) (q - start));
      g_autofree char *reason =
        g_strdup_printf (_("the number “%s” has a leading zero"), component);
      set_parse_error (error, text, reason);
      return FALSE;
    }

  if (overflow)
    {
      g_autofree char *component = g_strndup (start, (gsize) (q - start));
      g_autofree char *reason =
        g_strdup_printf (_("the number “%s” is too large"), component);
      set_parse_error (error, text, reason);
      return FALSE;
    }

  *value = (guint32) v;
  *p = q;
  return TRUE;
}

/* A suffix is one or more runs of ASCII letters and digits separated by
 * single dots: "rc1", "beta2", "rc.1". Anything wider ("rc-1", "rc 1",
 * "rc+build") is refused so that every accepted suffix has one obvious
 * order. */
static gboolean
validate_prerelease (const char  *text,
                     const char  *suffix,
                     char         separator,
                     GError     **error)
{
  gboolean at_part_start = TRUE;

  if (*suffix == '\0')
    {
      g_autofree char *reason =
        g_strdup_printf (_("the pre-release suffix after “%c” is empty"), separator);
      set_parse_error (error, text, reason);
      return FALSE;
    }

  for (const char *p = suffix; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          at_part_start = FALSE;
          continue;
        }
      if (*p == '.' && !at_part_start)
        {
          at_part_start = TRUE;
          continue;
        }
      set_parse_error (error, text,
                       _("a pre-release suffix may only contain letters and digits, "
                         "in parts separated by single dots"));
      return FALSE;
    }

  if (at_part_start)
    {
      set_parse_error (error, text,
                       _("a pre-release suffix may only contain letters and digits, "
                         "in parts separated by single dots"));
      return FALSE;
    }

  return TRUE;
}

/**
 * lt_version_parse:
 * @text: the version as typed or as found in a document
 * @error: set to %LT_ERROR_INVALID_INPUT, quoting @text
 *
 * Parses a version number (RULES.md R1): 1 to 4 dot-separated non-negative
 * integers, each at most 4294967295 and without leading zeros, an optional
 * leading "v", and an optional pre-release suffix after "-" or "~". No
 * whitespace is accepted anywhere: callers that take user input trim it
 * themselves.
 *
 * Returns: (transfer full) (nullable): the version, or %NULL on error
 */
LtVersion *
lt_version_parse (const char  *text,
                  GError     **error)
{
  g_autoptr(LtVersion) self = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*text == '\0')
    {
      set_parse_error (error, text, _("it is empty"));
      return NULL;
    }

  self = g_new0 (LtVersion, 1);
  p = text;
  if (*p == 'v')
    p++;

  for (;;)
    {
      guint32 value = 0;

      if (self->n_components == LT_VERSION_MAX_COMPONENTS)
        {
          g_autofree char *reason =
            g_strdup_printf (_("it has more than %u numbers"),
                             (guint) LT_VERSION_MAX_COMPONENTS);
          set_parse_error (error, text, reason);
          return NULL;
        }

      if (!parse_component (text, &p, &value, error))
        return NULL;
      self->components[self->n_components++] = value;

      if (*p != '.')
        break;
      p++;
    }

  if (*p == '-' || *p == '~')
    {
      char separator = *p;

      if (!validate_prerelease (text, p + 1, separator, error))
        return NULL;
      self->prerelease = g_strdup (p + 1);
      p += strlen (p);
    }

  if (*p != '\0')
    {
      set_parse_error (error, text, generic_reason ());
      return NULL;
    }

  /* Everything was validated above, so the canonical text is the input
   * without its optional "v". */
  self->text = g_strdup (text[0] == 'v' ? text + 1 : text);

  return g_steal_pointer (&self);
}

/**
 * lt_version_copy:
 * @self: a version
 *
 * Returns: (transfer full): a deep copy of @self
 */
LtVersion *
lt_version_copy (const LtVersion *self)
{
  LtVersion *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LtVersion, 1);
  memcpy (copy->components, self->components, sizeof copy->components);
  copy->n_components = self->n_components;
  copy->prerelease = g_strdup (self->prerelease);
  copy->text = g_strdup (self->text);
  return copy;
}

void
lt_version_free (LtVersion *self)
{
  if (self == NULL)
    return;

  g_free (self->prerelease);
  g_free (self->text);
  g_free (self);
}

/* Compares two runs of digits as numbers of any length, so that "rc10"
 * sorts after "rc2" and a 30-digit run cannot overflow. */
static int
compare_digit_runs (const char *a,
                    gsize       a_len,
                    const char *b,
                    gsize       b_len)
{
  int cmp;

  while (a_len > 1 && *a == '0')
    a++, a_len--;
  while (b_len > 1 && *b == '0')
    b++, b_len--;

  if (a_len != b_len)
    return a_len < b_len ? -1 : 1;
  cmp = strncmp (a, b, a_len);
  return (cmp > 0) - (cmp < 0);
}

static int
compare_alpha_runs (const char *a,
                    gsize       a_len,
                    const char *b,
                    gsize       b_len)
{
  int cmp = g_ascii_strncasecmp (a, b, MIN (a_len, b_len));

  if (cmp != 0)
    return (cmp > 0) - (cmp < 0);
  if (a_len != b_len)
    return a_len < b_len ? -1 : 1;
  return 0;
}

/* Returns the next run of digits or of letters at or after *p, skipping
 * the dots that only separate runs, or FALSE at the end. */
static gboolean
next_run (const char **p,
          const char **run,
          gsize       *len,
          gboolean    *numeric)
{
  const char *q = *p;

  while (*q == '.')
    q++;
  if (*q == '\0')
    {
      *p = q;
      return FALSE;
    }

  *run = q;
  *numeric = g_ascii_isdigit (*q);
  while (*q != '\0' && *q != '.' && (g_ascii_isdigit (*q) != FALSE) == *numeric)
    q++;
  *len = (gsize) (q - *run);
  *p = q;
  return TRUE;
}

/* Pre-release suffixes compare run by run: numbers as numbers, letters
 * alphabetically without regard to case, a number before letters, and a
 * suffix that is a prefix of the other first ("rc" < "rc1"). */
static int
compare_prerelease (const char *a,
                    const char *b)
{
  for (;;)
    {
      const char *ra = NULL, *rb = NULL;
      gsize la = 0, lb = 0;
      gboolean na = FALSE, nb = FALSE;
      gboolean has_a = next_run (&a, &ra, &la, &na);
      gboolean has_b = next_run (&b, &rb, &lb, &nb);
      int cmp;

      if (!has_a || !has_b)
        return (int) has_a - (int) has_b;

      if (na != nb)
        return na ? -1 : 1;

      cmp = na ? compare_digit_runs (ra, la, rb, lb)
               : compare_alpha_runs (ra, la, rb, lb);
      if (cmp != 0)
        return cmp;
    }
}

/**
 * lt_version_compare:
 * @a: a version
 * @b: another version
 *
 * Orders versions (RULES.md R1): components numerically, a missing
 * component counting as 0 ("3.3" == "3.3.0"); then a pre-release before the
 * same version without one ("3.4.0-rc1" < "3.4.0"); then pre-release
 * suffixes run by run. Whether the suffix followed "-" or "~" does not
 * matter.
 *
 * Returns: <0, 0 or >0 like strcmp()
 */
int
lt_version_compare (const LtVersion *a,
                    const LtVersion *b)
{
  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  for (guint i = 0; i < LT_VERSION_MAX_COMPONENTS; i++)
    {
      guint32 ca = i < a->n_components ? a->components[i] : 0;
      guint32 cb = i < b->n_components ? b->components[i] : 0;

      if (ca != cb)
        return ca < cb ? -1 : 1;
    }

  if (a->prerelease == NULL || b->prerelease == NULL)
    return (a->prerelease == NULL) - (b->prerelease == NULL);

  return compare_prerelease (a->prerelease, b->prerelease);
}

gboolean
lt_version_equal (const LtVersion *a,
                  const LtVersion *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return lt_version_compare (a, b) == 0;
}

/**
 * lt_version_to_string:
 * @self: a version
 *
 * Returns: (transfer none): the canonical text: the input without a
 *   leading "v"
 */
const char *
lt_version_to_string (const LtVersion *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

guint
lt_version_get_n_components (const LtVersion *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_components;
}

/**
 * lt_version_get_component:
 * @self: a version
 * @index: 0 for the major number
 *
 * Returns: the component, 0 for one that was not given (up to
 *   %LT_VERSION_MAX_COMPONENTS)
 */
guint
lt_version_get_component (const LtVersion *self,
                          guint            index)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (index < LT_VERSION_MAX_COMPONENTS, 0);

  return index < self->n_components ? self->components[index] : 0;
}

/**
 * lt_version_get_prerelease:
 * @self: a version
 *
 * Returns: (transfer none) (nullable): the pre-release suffix without its
 *   separator ("rc1" for "3.4.0-rc1"), or %NULL for a release
 */
const char *
lt_version_get_prerelease (const LtVersion *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->prerelease;
}
