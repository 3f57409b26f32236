/* lt-cli-metrics.c: ltsupport metrics
 *
 * The state of the local store in the Prometheus text exposition format
 * (version 0.0.4), on stdout or as a file for node_exporter's textfile
 * collector (docs/cli.md, "Metrics and timers"). The store is only read;
 * every verdict comes from core: eligibility (R2), the SLA state (R4) and
 * the auto-close due (R5) of each ticket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-actions.h"
#include "lt-cli-commands.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-outbox.h"
#include "lt-release-forecast.h"
#include "lt-store-enums.h"
#include "lt-store-installations.h"
#include "lt-store-sync.h"
#include "lt-text-util.h"
#include "lt-ticket-list.h"
#include "lt-version.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The file node_exporter's textfile collector reads in --textfile DIR:
 * it reads every "*.prom" there, so the temporary file must not end so. */
#define METRICS_FILE_NAME "lockthreat_support.prom"
#define METRICS_TEMP_TEMPLATE ".lockthreat_support.prom.XXXXXX"

#define N_TICKET_STATES (LT_TICKET_STATE_REOPENED + 1)
#define N_SLA_STATES    (LT_SLA_STATE_MISSED + 1)

/* One installation, as its metrics describe it. */
typedef struct
{
  char     *name;
  char     *version;        /* as detected, "" when not known */
  gboolean  has_verdict;    /* FALSE: no version, or one that does not parse */
  gboolean  supported;      /* current or supported: hotfix eligible (R2) */
  guint     releases_left;  /* releases that can ship before it leaves support */
  /* The day it probably leaves support (lt-release-forecast.h); not
   * valid when there is no estimate. */
  GDate     support_end;
} MetricsInstallation;

static void
metrics_installation_free (MetricsInstallation *installation)
{
  g_free (installation->name);
  g_free (installation->version);
  g_free (installation);
}

typedef struct
{
  GDateTime *now;
  char      *current_release;   /* nullable: an empty catalog */
  gboolean   tier_known;
  LtTier     tier;
  GPtrArray *installations;     /* of MetricsInstallation, the store's order */
  guint      tickets[N_TICKET_STATES][LT_N_SEVERITIES][N_SLA_STATES];
  GDateTime *next_auto_close;   /* nullable: no ticket closes on its own */
  guint      outbox[LT_OUTBOX_N_STATES];
  GDateTime *oldest_unsent;     /* nullable: nothing pending or sending */
  GDateTime *last_sync;         /* nullable: never synced */
} MetricsFacts;

static void
metrics_facts_clear (MetricsFacts *facts)
{
  g_clear_pointer (&facts->now, g_date_time_unref);
  g_clear_pointer (&facts->current_release, g_free);
  g_clear_pointer (&facts->installations, g_ptr_array_unref);
  g_clear_pointer (&facts->next_auto_close, g_date_time_unref);
  g_clear_pointer (&facts->oldest_unsent, g_date_time_unref);
  g_clear_pointer (&facts->last_sync, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MetricsFacts, metrics_facts_clear)

/* ---- facts --------------------------------------------------------------- */

static gboolean
collect_installations (LtStore          *store,
                       LtReleaseCatalog *catalog,
                       LtPolicy         *policy,
                       MetricsFacts     *facts,
                       GError          **error)
{
  g_autoptr(LtStoreInstallations) installations = lt_store_installations_new (store, error);
  g_autoptr(GDateTime) local = g_date_time_to_local (facts->now);
  g_autoptr(LtReleaseForecast) forecast = NULL;
  GDate today;
  guint n;

  if (installations == NULL)
    return FALSE;
  /* "Today" is the user's day, as in `eligibility`. */
  lt_date_set_from_instant (&today, local);
  forecast = lt_release_forecast_new (catalog, &today);
  n = g_list_model_get_n_items (G_LIST_MODEL (installations));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (G_LIST_MODEL (installations), i);
      g_autofree char *reason = NULL;
      g_autoptr(LtEligibility) verdict = lt_cli_check_installation (installation, catalog,
                                                                    policy, &reason);
      MetricsInstallation *row = g_new0 (MetricsInstallation, 1);
      const char *version = lt_installation_get_detected_version (installation);

      row->name = g_strdup (lt_installation_get_name (installation));
      row->version = g_strdup (version != NULL ? version : "");
      row->has_verdict = verdict != NULL;
      row->supported = verdict != NULL && verdict->hotfix_eligible;
      row->releases_left = verdict != NULL ? verdict->releases_until_unsupported : 0;
      g_date_clear (&row->support_end, 1);
      if (verdict != NULL)
        {
          g_autoptr(LtSupportEndEstimate) estimate = lt_support_end_estimate_new (forecast, verdict);

          if (estimate->available)
            row->support_end = estimate->likely;
        }
      g_ptr_array_add (facts->installations, row);
    }
  return TRUE;
}

static gboolean
collect_tickets (LtStore      *store,
                 LtPolicy     *policy,
                 MetricsFacts *facts,
                 GError      **error)
{
  g_autoptr(LtTicketList) list = lt_ticket_list_new (store, error);
  guint n;

  if (list == NULL)
    return FALSE;
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtTicket) ticket = g_list_model_get_item (G_LIST_MODEL (list), i);
      LtSlaState sla = lt_ticket_get_sla_state (ticket, policy, facts->tier, facts->now);
      g_autoptr(GDateTime) auto_close = lt_ticket_dup_auto_close_due (ticket, policy, NULL);

      facts->tickets[lt_ticket_get_state (ticket)][lt_ticket_get_severity (ticket)][sla]++;
      if (auto_close != NULL &&
          (facts->next_auto_close == NULL || g_date_time_compare (auto_close, facts->next_auto_close) < 0))
        {
          g_clear_pointer (&facts->next_auto_close, g_date_time_unref);
          facts->next_auto_close = g_steal_pointer (&auto_close);
        }
    }
  return TRUE;
}

static gboolean
collect_outbox (LtStore      *store,
                MetricsFacts *facts,
                GError      **error)
{
  g_autoptr(LtOutbox) outbox = lt_outbox_new (store);
  g_autoptr(GPtrArray) items = NULL;

  if (!lt_outbox_count (outbox, facts->outbox, error) ||
      (items = lt_outbox_list (outbox, error)) == NULL)
    return FALSE;
  /* Unsent: waiting or on its way. A refused (failed) item is not going
   * to be sent; it has its own count. */
  for (guint i = 0; i < items->len; i++)
    {
      LtOutboxItem *item = g_ptr_array_index (items, i);
      LtOutboxState state = lt_outbox_item_get_state (item);
      GDateTime *created = lt_outbox_item_get_created_at (item);

      if ((state == LT_OUTBOX_STATE_PENDING || state == LT_OUTBOX_STATE_SENDING) && created != NULL &&
          (facts->oldest_unsent == NULL || g_date_time_compare (created, facts->oldest_unsent) < 0))
        {
          g_clear_pointer (&facts->oldest_unsent, g_date_time_unref);
          facts->oldest_unsent = g_date_time_ref (created);
        }
    }
  return TRUE;
}

static gboolean
collect_facts (LtCli        *cli,
               GDateTime    *now,
               MetricsFacts *facts,
               GError      **error)
{
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_auto(LtSyncState) sync = { 0 };
  LtStore *store;
  LtPolicy *policy;
  LtRelease *current;

  facts->now = g_date_time_ref (now);
  facts->installations = g_ptr_array_new_with_free_func ((GDestroyNotify) metrics_installation_free);

  /* Never a new, empty store: its metrics would read as all clear. */
  if ((store = lt_cli_get_store_for_reading (cli, error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, error)) == NULL ||
      (catalog = lt_cli_load_effective_catalog (store, error)) == NULL)
    return FALSE;

  current = lt_release_catalog_get_current (catalog);
  if (current != NULL)
    facts->current_release = g_strdup (lt_version_to_string (lt_release_get_version (current)));
  facts->tier = lt_cli_get_tier (store, &facts->tier_known);

  if (!collect_installations (store, catalog, policy, facts, error) ||
      !collect_tickets (store, policy, facts, error) ||
      !collect_outbox (store, facts, error) ||
      !lt_store_load_sync_state (store, LT_STORE_SYNC_RESOURCE_FULL, &sync, error))
    return FALSE;
  facts->last_sync = g_steal_pointer (&sync.last_success_at);
  return TRUE;
}

/* ---- the exposition format ------------------------------------------------ */

/* A label value as the format wants it: backslash, double quote and line
 * feed escaped. Names and versions come from users, status pages and the
 * portal: made valid UTF-8 first, with the other controls written as
 * visible escapes, as everything ltsupport prints. */
static void
append_label_value (GString    *out,
                    const char *value)
{
  g_autofree char *shown = lt_text_dup_displayable (value, LT_TEXT_MULTI_LINE);

  for (const char *p = shown; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '"')
        g_string_append (out, "\\\"");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
}

static void
append_family (GString    *out,
               const char *name,
               const char *help)
{
  /* Every metric is a gauge: the file is a snapshot of the store, and
   * nothing here only ever grows. */
  g_string_append_printf (out, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

/* One sample; @labels are name/value pairs ending with NULL. No
 * timestamp: the collector stamps the file's samples when it reads it. */
static void
append_sample (GString            *out,
               const char         *name,
               const char * const *labels,
               gint64              value)
{
  g_string_append (out, name);
  if (labels != NULL && labels[0] != NULL)
    {
      g_string_append_c (out, '{');
      for (guint i = 0; labels[i] != NULL; i += 2)
        {
          g_string_append_printf (out, "%s%s=\"", i > 0 ? "," : "", labels[i]);
          append_label_value (out, labels[i + 1]);
          g_string_append_c (out, '"');
        }
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, " %" G_GINT64_FORMAT "\n", value);
}

/* The per-installation metrics, each a value of the facts: a metric of
 * another verdict (an estimate of when support ends) is one more row. */
typedef struct
{
  const char *name;
  const char *help;
  /* FALSE when the installation has no value (no sample is written) */
  gboolean  (*get) (const MetricsInstallation *installation,
                    gint64                    *value);
} InstallationMetric;

static gboolean
get_supported (const MetricsInstallation *installation,
               gint64                    *value)
{
  *value = installation->supported ? 1 : 0;
  return TRUE;
}

static gboolean
get_releases_left (const MetricsInstallation *installation,
                   gint64                    *value)
{
  *value = installation->releases_left;
  return installation->has_verdict;
}

static gboolean
get_support_end_estimate (const MetricsInstallation *installation,
                          gint64                    *value)
{
  g_autoptr(GDateTime) end = NULL;

  if (!g_date_valid (&installation->support_end))
    return FALSE;
  end = lt_date_to_utc_midnight (&installation->support_end);
  *value = g_date_time_to_unix (end);
  return TRUE;
}

static const InstallationMetric installation_metrics[] = {
  { "lockthreat_installation_supported",
    "1 when the installed version is current or supported (hotfix eligible), else 0; "
    "an unknown or unparsable version is 0",
    get_supported },
  { "lockthreat_installation_releases_left",
    "How many more releases can ship before the installation leaves support; "
    "1 means the next release ends its support, 0 that it is not supported",
    get_releases_left },
  { "lockthreat_installation_support_end_estimate_seconds",
    "An estimate, as a Unix time (midnight UTC of the day): when the installation probably "
    "leaves support, if releases keep the median pace of the catalog's recent history; "
    "absent without an estimate (unsupported, unknown version, too short a history)",
    get_support_end_estimate },
};

static void
render_installations (const MetricsFacts *facts,
                      GString            *out)
{
  for (guint m = 0; m < G_N_ELEMENTS (installation_metrics); m++)
    {
      const InstallationMetric *metric = &installation_metrics[m];

      append_family (out, metric->name, metric->help);
      for (guint i = 0; i < facts->installations->len; i++)
        {
          const MetricsInstallation *installation = g_ptr_array_index (facts->installations, i);
          /* The store keeps names unique: the name is the series. */
          const char * const labels[] = {
            "installation", installation->name,
            "version", installation->version,
            NULL
          };
          gint64 value;

          if (metric->get (installation, &value))
            append_sample (out, metric->name, labels, value);
        }
    }
}

static void
render_tickets (const MetricsFacts *facts,
                GString            *out)
{
  append_family (out, "lockthreat_tickets",
                 "Tickets of the local store by state, severity and first-response SLA state; "
                 "combinations without tickets are left out");
  for (int state = 0; state < N_TICKET_STATES; state++)
    for (int severity = 0; severity < LT_N_SEVERITIES; severity++)
      for (int sla = 0; sla < N_SLA_STATES; sla++)
        {
          const char * const labels[] = {
            "state", lt_enum_to_nick (LT_TYPE_TICKET_STATE, state),
            "severity", lt_enum_to_nick (LT_TYPE_SEVERITY, severity),
            "sla_state", lt_enum_to_nick (LT_TYPE_SLA_STATE, sla),
            NULL
          };

          if (facts->tickets[state][severity][sla] > 0)
            append_sample (out, "lockthreat_tickets", labels, facts->tickets[state][severity][sla]);
        }

  append_family (out, "lockthreat_tickets_next_auto_close_seconds",
                 "Seconds until the next ticket closes on its own (awaiting your answer or "
                 "resolved, R5); negative when it is past and the portal has not closed it yet; "
                 "absent when none will");
  if (facts->next_auto_close != NULL)
    append_sample (out, "lockthreat_tickets_next_auto_close_seconds", NULL,
                   g_date_time_difference (facts->next_auto_close, facts->now) / G_TIME_SPAN_SECOND);
}

static void
render_outbox (const MetricsFacts *facts,
               GString            *out)
{
  append_family (out, "lockthreat_outbox_items",
                 "Actions in the local outbox by state (failed: refused by the portal)");
  for (int state = 0; state < LT_OUTBOX_N_STATES; state++)
    {
      const char * const labels[] = {
        "state", lt_enum_to_nick (LT_TYPE_OUTBOX_STATE, state), NULL
      };

      append_sample (out, "lockthreat_outbox_items", labels, facts->outbox[state]);
    }

  append_family (out, "lockthreat_outbox_oldest_unsent_age_seconds",
                 "Age of the oldest action not yet delivered (pending or sending); 0 when none");
  append_sample (out, "lockthreat_outbox_oldest_unsent_age_seconds", NULL,
                 facts->oldest_unsent != NULL
                 ? MAX (0, g_date_time_difference (facts->now, facts->oldest_unsent) / G_TIME_SPAN_SECOND)
                 : 0);
}

static void
render_metrics (const MetricsFacts *facts,
                GString            *out)
{
  const char * const info_labels[] = {
    "version", PACKAGE_VERSION,
    "tier", facts->tier_known ? lt_enum_to_nick (LT_TYPE_TIER, facts->tier) : "",
    "current_release", facts->current_release != NULL ? facts->current_release : "",
    NULL
  };

  append_family (out, "lockthreat_support_info",
                 "Always 1: this program's version, the account's support tier (empty until the "
                 "account is fetched) and the current release of the catalog");
  append_sample (out, "lockthreat_support_info", info_labels, 1);

  render_installations (facts, out);
  render_tickets (facts, out);
  render_outbox (facts, out);

  append_family (out, "lockthreat_sync_last_success_timestamp_seconds",
                 "When a full sync with the portal last succeeded, as a Unix time; absent when "
                 "never");
  if (facts->last_sync != NULL)
    append_sample (out, "lockthreat_sync_last_success_timestamp_seconds", NULL,
                   g_date_time_to_unix (facts->last_sync));
}

/* ---- --textfile ------------------------------------------------------------ */

static gboolean
set_textfile_error (GError     **error,
                    const char  *dir,
                    int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (dir);

  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("--textfile: cannot write in the folder “%s”: %s"),
               display, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int         fd,
           const char *text,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, text, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      text += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* @text as DIR/lockthreat_support.prom, so that the collector never reads
 * half a file: written to a temporary file in DIR (a name the collector
 * skips), flushed to disk, made readable by the collector's user
 * whatever the umask, then renamed over the old one. On failure nothing
 * is left behind and the old file stays. */
static gboolean
write_textfile (const char  *dir,
                const char  *text,
                GError     **error)
{
  g_autofree char *temp_path = g_build_filename (dir, METRICS_TEMP_TEMPLATE, NULL);
  g_autofree char *path = g_build_filename (dir, METRICS_FILE_NAME, NULL);
  int saved_errno;
  int dir_fd;
  int fd;

  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return set_textfile_error (error, dir, errno);

  if (!write_all (fd, text, strlen (text)) || fchmod (fd, 0644) != 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      g_unlink (temp_path);
      return set_textfile_error (error, dir, saved_errno);
    }
  if (close (fd) != 0 || g_rename (temp_path, path) != 0)
    {
      saved_errno = errno;
      g_unlink (temp_path);
      return set_textfile_error (error, dir, saved_errno);
    }

  /* The rename itself survives a crash once the folder is flushed; a
   * folder that cannot be opened for that still has the new file. */
  dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

int
lt_cli_metrics_run (LtCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autofree char *textfile_dir = NULL;
  g_autofree char *now_text = NULL;
  const GOptionEntry entries[] = {
    { "textfile", 0, 0, G_OPTION_ARG_FILENAME, &textfile_dir,
      N_("Write DIR/lockthreat_support.prom for node_exporter's textfile collector instead "
         "of printing"), N_("DIR") },
    LT_CLI_NOW_OPTION (now_text),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_auto(MetricsFacts) facts = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);

  context = lt_cli_context_new (cli, NULL,
                                _("Prints the state of the local store as Prometheus metrics "
                                  "(text format 0.0.4): installations and their support, tickets "
                                  "by state and SLA, the outbox, the last sync. With --textfile, "
                                  "replaces DIR/lockthreat_support.prom in one step instead."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error))
    return lt_cli_fail (cli, error);
  if (textfile_dir != NULL && textfile_dir[0] == '\0')
    {
      lt_cli_set_usage_error (cli, &error, _("--textfile: the folder name is empty"));
      return lt_cli_fail (cli, error);
    }

  if ((now = lt_cli_parse_now (now_text, &error)) == NULL)
    return lt_cli_fail (cli, error);

  if (!collect_facts (cli, now, &facts, &error))
    return lt_cli_fail (cli, error);
  render_metrics (&facts, out);

  if (textfile_dir == NULL)
    {
      lt_cli_write_out (out->str, out->len);
      return LT_CLI_EXIT_OK;
    }
  if (!write_textfile (textfile_dir, out->str, &error))
    return lt_cli_fail (cli, error);
  return LT_CLI_EXIT_OK;
}
