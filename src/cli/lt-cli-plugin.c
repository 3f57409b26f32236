/* lt-cli-plugin.c: monitoring plugin output for `ltsupport check …`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-plugin.h"
#include "lt-error.h"
#include "lt-text-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _LtCliPlugin
{
  char              *service;
  LtCliPluginStatus  status;
  char              *summary;
  GPtrArray         *lines;
  GString           *perfdata;
};

static const char * const status_words[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

void
lt_cli_range_clear (LtCliRange *range)
{
  g_clear_pointer (&range->text, g_free);
  memset (range, 0, sizeof *range);
}

/* A bound: an optional minus, digits, an optional fraction. Stricter than
 * strtod, which would take "1e3", "inf", "0x10" or leading spaces: none of
 * those is in the guidelines' syntax, and a typo must not become a
 * threshold nobody meant. */
static gboolean
parse_bound (const char *text,
             double     *value)
{
  const char *p = text;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (*p != '\0')
    return FALSE;
  *value = g_ascii_strtod (text, NULL);
  return TRUE;
}

/* The bounds of @body (the range without its "@"); FALSE when they are
 * not in the guidelines' syntax. */
static gboolean
parse_bounds (const char *body,
              LtCliRange *range)
{
  const char *colon = strchr (body, ':');
  g_autofree char *start = NULL;

  if (colon == NULL)
    {
      /* "10" is "0:10". */
      range->start = 0;
      return parse_bound (body, &range->end);
    }

  start = g_strndup (body, colon - body);
  if (g_strcmp0 (start, "~") == 0)
    range->start_infinite = TRUE;
  else if (!parse_bound (start, &range->start))
    return FALSE;

  if (colon[1] == '\0')
    {
      range->end_infinite = TRUE;
      return TRUE;
    }
  return parse_bound (colon + 1, &range->end);
}

gboolean
lt_cli_range_parse (const char  *what,
                    const char  *text,
                    LtCliRange  *range,
                    GError     **error)
{
  const char *body = text;

  lt_cli_range_clear (range);
  if (*body == '@')
    {
      range->inside = TRUE;
      body++;
    }

  if (!parse_bounds (body, range))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("%s: “%s” is not a threshold range (N, N:, ~:N, N:M or @N:M, N a decimal "
                     "number)"), what, text);
      lt_cli_range_clear (range);
      return FALSE;
    }
  if (!range->start_infinite && !range->end_infinite && range->start > range->end)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("%s: “%s”: the start of the range is above its end"), what, text);
      lt_cli_range_clear (range);
      return FALSE;
    }
  range->set = TRUE;
  range->text = g_strdup (text);
  return TRUE;
}

gboolean
lt_cli_range_alerts (const LtCliRange *range,
                     double            value)
{
  gboolean within;

  if (!range->set)
    return FALSE;
  within = (range->start_infinite || value >= range->start) &&
           (range->end_infinite || value <= range->end);
  return range->inside ? within : !within;
}

LtCliPlugin *
lt_cli_plugin_new (const char *service)
{
  LtCliPlugin *self = g_new0 (LtCliPlugin, 1);

  self->service = g_strdup (service);
  self->status = LT_CLI_PLUGIN_OK;
  self->lines = g_ptr_array_new_with_free_func (g_free);
  self->perfdata = g_string_new (NULL);
  return self;
}

void
lt_cli_plugin_free (LtCliPlugin *self)
{
  g_free (self->service);
  g_free (self->summary);
  g_ptr_array_unref (self->lines);
  g_string_free (self->perfdata, TRUE);
  g_free (self);
}

void
lt_cli_plugin_raise (LtCliPlugin       *self,
                     LtCliPluginStatus  status)
{
  self->status = MAX (self->status, status);
}

void
lt_cli_plugin_check (LtCliPlugin      *self,
                     double            value,
                     const LtCliRange *warning,
                     const LtCliRange *critical)
{
  if (critical != NULL && lt_cli_range_alerts (critical, value))
    lt_cli_plugin_raise (self, LT_CLI_PLUGIN_CRITICAL);
  else if (warning != NULL && lt_cli_range_alerts (warning, value))
    lt_cli_plugin_raise (self, LT_CLI_PLUGIN_WARNING);
}

void
lt_cli_plugin_set_summary (LtCliPlugin *self,
                           const char  *format,
                           ...)
{
  va_list args;

  va_start (args, format);
  g_free (self->summary);
  self->summary = g_strdup_vprintf (format, args);
  va_end (args);
}

void
lt_cli_plugin_add_line (LtCliPlugin *self,
                        const char  *format,
                        ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (self->lines, g_strdup_vprintf (format, args));
  va_end (args);
}

void
lt_cli_plugin_add_perf (LtCliPlugin      *self,
                        const char       *label,
                        const char       *value_text,
                        const char       *uom,
                        const LtCliRange *warning,
                        const LtCliRange *critical,
                        const char       *min,
                        const char       *max)
{
  /* The labels are ours (fixed words without quotes or "="), so they are
   * quoted but need no escaping. */
  g_string_append_printf (self->perfdata, "%s'%s'=%s%s;%s;%s;%s;%s",
                          self->perfdata->len > 0 ? " " : "",
                          label, value_text, uom != NULL ? uom : "",
                          warning != NULL && warning->set ? warning->text : "",
                          critical != NULL && critical->set ? critical->text : "",
                          min != NULL ? min : "",
                          max != NULL ? max : "");
}

void
lt_cli_plugin_add_count (LtCliPlugin      *self,
                         const char       *label,
                         gint64            value,
                         const char       *uom,
                         const LtCliRange *warning,
                         const LtCliRange *critical,
                         gint64            max)
{
  g_autofree char *value_text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  g_autofree char *max_text = max >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, max) : NULL;

  lt_cli_plugin_add_perf (self, label, value_text, uom, warning, critical, "0", max_text);
}

/* One line without controls, and without a "|", which would start the
 * performance data in the monitoring system's parser. */
static char *
dup_plugin_text (const char *text)
{
  char *shown = lt_text_dup_displayable (text != NULL ? text : "", LT_TEXT_SINGLE_LINE);

  g_strdelimit (shown, "|", '/');
  return shown;
}

static char *
dup_status_prefix (const char        *service,
                   LtCliPluginStatus  status)
{
  if (service == NULL)
    return g_strdup_printf ("LOCKTHREAT %s", status_words[status]);
  return g_strdup_printf ("LOCKTHREAT %s %s", service, status_words[status]);
}

int
lt_cli_plugin_print (LtCliPlugin *self)
{
  g_autofree char *prefix = dup_status_prefix (self->service, self->status);
  g_autofree char *summary = dup_plugin_text (self->summary);
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "%s - %s", prefix, summary);
  if (self->perfdata->len > 0)
    g_string_append_printf (out, " | %s", self->perfdata->str);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < self->lines->len; i++)
    {
      g_autofree char *line = dup_plugin_text (g_ptr_array_index (self->lines, i));

      g_string_append_printf (out, "%s\n", line);
    }
  g_print ("%s", out->str);
  return self->status;
}

int
lt_cli_plugin_print_unknown (const char *service,
                             const char *message)
{
  g_autofree char *prefix = dup_status_prefix (service, LT_CLI_PLUGIN_UNKNOWN);
  g_autofree char *shown = dup_plugin_text (message);

  g_print ("%s - %s\n", prefix, shown);
  return LT_CLI_PLUGIN_UNKNOWN;
}
