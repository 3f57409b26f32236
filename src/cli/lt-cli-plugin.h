/* lt-cli-plugin.h: monitoring plugin output for `ltsupport check …`
 *
 * What the Monitoring Plugins development guidelines ask of a plugin,
 * written once: the four states and their exit codes, threshold ranges
 * ("10", "10:", "~:10", "10:20", "@10:20") parsed strictly, the status
 * line ("LOCKTHREAT SYNC WARNING - … | 'age'=90000s;86400;604800;0;"),
 * long output lines after it, and performance data. docs/cli.md,
 * "Monitoring".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The exit codes a monitoring system reads; their order is severity. */
typedef enum
{
  LT_CLI_PLUGIN_OK       = 0,
  LT_CLI_PLUGIN_WARNING  = 1,
  LT_CLI_PLUGIN_CRITICAL = 2,
  LT_CLI_PLUGIN_UNKNOWN  = 3,
} LtCliPluginStatus;

/**
 * LtCliRange:
 * @set: FALSE: no threshold (never alerts)
 * @inside: "@": alert inside the range instead of outside
 * @start, @end: the bounds, inclusive
 * @start_infinite: "~:": no lower bound
 * @end_infinite: "N:": no upper bound
 * @text: the range as given, for the performance data
 */
typedef struct
{
  gboolean  set;
  gboolean  inside;
  double    start;
  gboolean  start_infinite;
  double    end;
  gboolean  end_infinite;
  char     *text;
} LtCliRange;

void        lt_cli_range_clear          (LtCliRange         *range);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LtCliRange, lt_cli_range_clear)

/* Parses @text into @range (cleared first). LT_ERROR_INVALID_INPUT naming
 * @what ("--warning") and quoting @text for anything the guidelines'
 * syntax does not allow: an empty range, a bound that is not a decimal
 * number, a start above the end, trailing text. */
gboolean    lt_cli_range_parse          (const char         *what,
                                         const char         *text,
                                         LtCliRange         *range,
                                         GError            **error);
/* Whether @value raises an alert: outside the range (inside with "@");
 * never when the range is not set. */
gboolean    lt_cli_range_alerts         (const LtCliRange   *range,
                                         double              value);

typedef struct _LtCliPlugin LtCliPlugin;

/* @service: "ELIGIBILITY", the word after "LOCKTHREAT". */
LtCliPlugin *lt_cli_plugin_new          (const char         *service);
void        lt_cli_plugin_free          (LtCliPlugin        *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtCliPlugin, lt_cli_plugin_free)

/* Raises the state to @status when that is worse; never lowers it. */
void        lt_cli_plugin_raise         (LtCliPlugin        *self,
                                         LtCliPluginStatus   status);
/* CRITICAL when @value alerts against @critical, else WARNING when it
 * alerts against @warning; raises the state to that. */
void        lt_cli_plugin_check         (LtCliPlugin        *self,
                                         double              value,
                                         const LtCliRange   *warning,
                                         const LtCliRange   *critical);
/* The text after "STATUS - "; made one line by lt_cli_plugin_print(). */
void        lt_cli_plugin_set_summary   (LtCliPlugin        *self,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* One line of long output, after the status line. */
void        lt_cli_plugin_add_line      (LtCliPlugin        *self,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (2, 3);
/* 'label'=value[uom];warn;crit;min;max. @value_text is a decimal number;
 * @uom, @min and @max may be NULL; @warning and @critical may be NULL or
 * unset. */
void        lt_cli_plugin_add_perf      (LtCliPlugin        *self,
                                         const char         *label,
                                         const char         *value_text,
                                         const char         *uom,
                                         const LtCliRange   *warning,
                                         const LtCliRange   *critical,
                                         const char         *min,
                                         const char         *max);
/* lt_cli_plugin_add_perf() for a whole number, min 0; @max < 0: none. */
void        lt_cli_plugin_add_count     (LtCliPlugin        *self,
                                         const char         *label,
                                         gint64              value,
                                         const char         *uom,
                                         const LtCliRange   *warning,
                                         const LtCliRange   *critical,
                                         gint64              max);

/* Prints the status line and the long output on stdout; returns the
 * state, the exit code. Text from outside (the portal's) is made one line
 * and control-free, and a "|" in it cannot start performance data. */
int         lt_cli_plugin_print         (LtCliPlugin        *self);

/* "LOCKTHREAT[ SERVICE] UNKNOWN - @message" on stdout: a check that could
 * not run (bad usage, no store, stale data). Returns UNKNOWN. @service
 * may be NULL. */
int         lt_cli_plugin_print_unknown (const char         *service,
                                         const char         *message);

G_END_DECLS
