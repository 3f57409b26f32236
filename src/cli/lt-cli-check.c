/* lt-cli-check.c: ltsupport check portal|eligibility|tickets|change-notices|
 * outbox|sync|account — monitoring plugins
 *
 * Each check follows the Monitoring Plugins development guidelines: exit
 * 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN; one status line on stdout with
 * performance data, long output after it; thresholds in the guidelines'
 * range syntax (lt-cli-plugin.h). A check computes one facts structure
 * from the local store (or the portal) with core's rules, then renders it.
 * A check that cannot say anything true (bad usage, no store, data older
 * than --max-age) is UNKNOWN, never CRITICAL: a typo must not page anyone.
 * docs/cli.md, "Monitoring".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-cli-actions.h"
#include "lt-cli-plugin.h"
#include "lt-release-forecast.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-lifecycle.h"
#include "lt-outbox.h"
#include "lt-portal-check.h"
#include "lt-portal-enums.h"
#include "lt-sla.h"
#include "lt-store-change-notices.h"
#include "lt-store-account.h"
#include "lt-store-installations.h"
#include "lt-store-sync.h"
#include "lt-ticket-list.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Data the last successful sync brought is trusted for this long by
 * default: a sync timer in business hours leaves a long weekend (Friday
 * evening to Tuesday morning) without a sync, and that is not "stale". */
#define DEFAULT_MAX_AGE_SECONDS (4 * 24 * 3600)
/* Awaiting-you tickets closing within this many business hours warn. */
#define DEFAULT_CLOSING_WITHIN_HOURS 8
/* The bounds of the app's Test Connection: a verdict in seconds. */
#define PORTAL_CONNECT_TIMEOUT 10
#define PORTAL_DEFAULT_TIMEOUT 20

/* The sync's own resource in the sync_state table (docs/sync.md). */
#define SYNC_RESOURCE LT_STORE_SYNC_RESOURCE_FULL

/* ---- What every check shares ----------------------------------------------- */

typedef struct
{
  const char *service;          /* "TICKETS" */
  char       *warning_text;
  char       *critical_text;
  char       *now_text;
  char       *max_age_text;
  LtCliRange  warning;
  LtCliRange  critical;
  GDateTime  *now;
  guint       max_age;          /* seconds; 0: not checked */
} CheckRun;

static void
check_run_clear (CheckRun *run)
{
  g_free (run->warning_text);
  g_free (run->critical_text);
  g_free (run->now_text);
  g_free (run->max_age_text);
  lt_cli_range_clear (&run->warning);
  lt_cli_range_clear (&run->critical);
  g_clear_pointer (&run->now, g_date_time_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CheckRun, check_run_clear)

/* Which options a check takes besides its own. */
typedef enum
{
  CHECK_THRESHOLDS = 1 << 0,
  CHECK_MAX_AGE    = 1 << 1,
} CheckOptions;

/* The check's usage errors as a plugin's: the status line says UNKNOWN
 * and why, exit 3 (lt_cli_fail() calls this in the `check` group). */
static int
fail_unknown_cb (LtCli        *cli,
                 const GError *error)
{
  const char *prefix = "ltsupport check ";
  g_autofree char *service = NULL;

  if (g_str_has_prefix (cli->command, prefix))
    service = g_ascii_strup (cli->command + strlen (prefix), -1);
  return lt_cli_plugin_print_unknown (service, error->message);
}

/* Parses the options of a check: @entries (its own), the thresholds with
 * their defaults, --now and --max-age. */
static gboolean
parse_check (LtCli               *cli,
             CheckRun            *run,
             const char          *summary,
             const GOptionEntry  *entries,
             CheckOptions         options,
             const char          *default_warning,
             const char          *default_critical,
             int                 *argc,
             char              ***argv,
             GError             **error)
{
  const GOptionEntry threshold_entries[] = {
    { "warning", 'w', 0, G_OPTION_ARG_STRING, &run->warning_text,
      N_("WARNING outside RANGE (N, N:, ~:N, N:M, or @N:M for inside)"), N_("RANGE") },
    { "critical", 'c', 0, G_OPTION_ARG_STRING, &run->critical_text,
      N_("CRITICAL outside RANGE (N, N:, ~:N, N:M, or @N:M for inside)"), N_("RANGE") },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry max_age_entries[] = {
    { "max-age", 0, 0, G_OPTION_ARG_STRING, &run->max_age_text,
      N_("UNKNOWN when the last successful sync is more than SECONDS old (0: never; "
         "default 345600, four days)"), N_("SECONDS") },
    G_OPTION_ENTRY_NULL
  };
  const GOptionEntry now_entries[] = {
    LT_CLI_NOW_OPTION (run->now_text),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = lt_cli_context_new (cli, NULL, summary, entries);

  if (options & CHECK_THRESHOLDS)
    g_option_context_add_main_entries (context, threshold_entries, GETTEXT_PACKAGE);
  if (options & CHECK_MAX_AGE)
    g_option_context_add_main_entries (context, max_age_entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, now_entries, GETTEXT_PACKAGE);

  if (!lt_cli_parse (cli, context, argc, argv, 0, NULL, error))
    return FALSE;

  if ((options & CHECK_THRESHOLDS) &&
      ((run->warning_text != NULL ? !lt_cli_range_parse ("--warning", run->warning_text, &run->warning, error)
                                  : default_warning != NULL &&
                                    !lt_cli_range_parse ("--warning", default_warning, &run->warning, error)) ||
       (run->critical_text != NULL ? !lt_cli_range_parse ("--critical", run->critical_text, &run->critical, error)
                                   : default_critical != NULL &&
                                     !lt_cli_range_parse ("--critical", default_critical, &run->critical, error))))
    return FALSE;

  run->max_age = DEFAULT_MAX_AGE_SECONDS;
  if (run->max_age_text != NULL &&
      !lt_cli_parse_uint ("--max-age", run->max_age_text, G_MAXUINT, &run->max_age, error))
    return FALSE;

  run->now = lt_cli_parse_now (run->now_text, error);
  return run->now != NULL;
}

/* The profile's store, which must exist: a check never creates one (an
 * empty new store would answer "all is well"). */
static LtStore *
open_store (LtCli   *cli,
            GError **error)
{
  g_autofree char *path = lt_cli_dup_store_path (cli, error);

  if (path == NULL)
    return NULL;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("no local store at “%s” (name the profile with --profile DIR)"), display);
      return NULL;
    }
  return lt_cli_get_store_for_reading (cli, error);
}

/* When the last sync succeeded: @last is NULL when never. */
static gboolean
load_last_sync (LtStore    *store,
                GDateTime **last,
                GError    **error)
{
  g_auto(LtSyncState) state = { 0 };

  if (!lt_store_load_sync_state (store, SYNC_RESOURCE, &state, error))
    return FALSE;
  *last = g_steal_pointer (&state.last_success_at);
  return TRUE;
}

static gint64
seconds_between (GDateTime *earlier,
                 GDateTime *later)
{
  return g_date_time_difference (later, earlier) / G_TIME_SPAN_SECOND;
}

/* Whether the portal's data in @store is fresh enough to judge by: FALSE
 * with @error saying why not (never synced, or longer ago than
 * --max-age). */
static gboolean
check_fresh (CheckRun  *run,
             LtStore   *store,
             GError   **error)
{
  g_autoptr(GDateTime) last = NULL;
  gint64 age;

  if (!load_last_sync (store, &last, error))
    return FALSE;
  if (last == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                           _("this profile was never synced with the portal; run “ltsupport sync”"));
      return FALSE;
    }
  age = seconds_between (last, run->now);
  if (run->max_age > 0 && age > (gint64) run->max_age)
    {
      g_autofree char *when = lt_instant_format (last);

      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("the data is stale: the last successful sync was at %s, %lld s ago (--max-age %u)"),
                   when, (long long) age, run->max_age);
      return FALSE;
    }
  return TRUE;
}

static int
unknown (CheckRun     *run,
         const GError *error)
{
  return lt_cli_plugin_print_unknown (run->service, error->message);
}

/* ---- check portal ---------------------------------------------------------- */

typedef struct
{
  char          *url;       /* NULL when no client could be made */
  LtPortalCheck *check;
  gint64         elapsed_usec;
} PortalFacts;

static void
portal_facts_clear (PortalFacts *facts)
{
  g_free (facts->url);
  g_clear_object (&facts->check);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PortalFacts, portal_facts_clear)

static void
portal_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LtPortalCheck **check = user_data;

  *check = lt_portal_check_run_finish (LT_PORTAL_CLIENT (source), result, NULL);
}

static void
collect_portal (LtCli       *cli,
                guint        timeout,
                PortalFacts *facts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPortalClient) client = lt_cli_new_portal_client (cli, &error);
  gint64 started = g_get_monotonic_time ();

  if (client == NULL)
    {
      facts->check = lt_portal_check_new_failed (lt_portal_check_classify (NULL, error), error);
      return;
    }
  facts->url = g_strdup (lt_portal_client_get_base_url (client));
  lt_portal_client_set_connect_timeout (client, MIN (timeout, PORTAL_CONNECT_TIMEOUT));
  lt_portal_client_set_deadline (client, timeout);
  lt_portal_check_run_async (client, NULL, portal_done_cb, &facts->check);
  while (facts->check == NULL)
    g_main_context_iteration (NULL, TRUE);
  facts->elapsed_usec = g_get_monotonic_time () - started;
}

/* What each verdict means to a monitoring system: the address or token
 * this host is configured with is not a check of the portal (UNKNOWN); a
 * portal that answers but is busy (5xx, 429) may well recover by itself
 * (WARNING); everything else stops this host from reaching support
 * (CRITICAL). */
static LtCliPluginStatus
portal_status (LtPortalCheckKind kind)
{
  switch (kind)
    {
    case LT_PORTAL_CHECK_OK:
      return LT_CLI_PLUGIN_OK;
    case LT_PORTAL_CHECK_BAD_ADDRESS:
    case LT_PORTAL_CHECK_NO_TOKEN:
      return LT_CLI_PLUGIN_UNKNOWN;
    case LT_PORTAL_CHECK_UNAVAILABLE:
      return LT_CLI_PLUGIN_WARNING;
    case LT_PORTAL_CHECK_DNS:
    case LT_PORTAL_CHECK_REFUSED:
    case LT_PORTAL_CHECK_PROXY:
    case LT_PORTAL_CHECK_TIMEOUT:
    case LT_PORTAL_CHECK_TLS_UNTRUSTED:
    case LT_PORTAL_CHECK_TLS_WRONG_HOST:
    case LT_PORTAL_CHECK_TLS_OTHER:
    case LT_PORTAL_CHECK_TOKEN_REFUSED:
    case LT_PORTAL_CHECK_FORBIDDEN:
    case LT_PORTAL_CHECK_NOT_PORTAL:
    case LT_PORTAL_CHECK_NETWORK:
    default:
      return LT_CLI_PLUGIN_CRITICAL;
    }
}

static void
build_portal_json (PortalFacts *facts,
                   JsonBuilder *builder)
{
  LtPortalCheck *check = facts->check;

  json_builder_begin_object (builder);
  lt_cli_add_string_member (builder, "portal", facts->url);
  lt_cli_add_string_member (builder, "result", lt_enum_to_nick (LT_TYPE_PORTAL_CHECK_KIND,
                                                                lt_portal_check_get_kind (check)));
  lt_cli_add_string_member (builder, "title", lt_portal_check_get_title (check));
  lt_cli_add_string_member (builder, "advice", lt_portal_check_get_advice (check));
  lt_cli_add_string_member (builder, "detail", lt_portal_check_get_detail (check));
  lt_cli_add_string_member (builder, "customer_name", lt_portal_check_get_customer_name (check));
  json_builder_end_object (builder);
}

static int
render_portal (PortalFacts *facts)
{
  g_autoptr(LtCliPlugin) plugin = lt_cli_plugin_new ("PORTAL");
  LtPortalCheck *check = facts->check;
  const char *title = lt_portal_check_get_title (check);

  lt_cli_plugin_raise (plugin, portal_status (lt_portal_check_get_kind (check)));
  if (facts->url != NULL)
    lt_cli_plugin_set_summary (plugin, "%s: %s", facts->url, title);
  else
    lt_cli_plugin_set_summary (plugin, "%s", title);
  if (lt_portal_check_get_advice (check) != NULL)
    lt_cli_plugin_add_line (plugin, "%s", lt_portal_check_get_advice (check));
  if (lt_portal_check_get_detail (check) != NULL)
    lt_cli_plugin_add_line (plugin, "(%s)", lt_portal_check_get_detail (check));
  if (facts->url != NULL)
    {
      g_autofree char *seconds = g_strdup_printf ("%.3f", facts->elapsed_usec / (double) G_USEC_PER_SEC);

      lt_cli_plugin_add_perf (plugin, "time", seconds, "s", NULL, NULL, "0", NULL);
    }
  return lt_cli_plugin_print (plugin);
}

static int
check_portal_run (LtCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_auto(CheckRun) run = { .service = "PORTAL" };
  g_auto(PortalFacts) facts = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  guint timeout = PORTAL_DEFAULT_TIMEOUT;
  g_autofree char *timeout_text = NULL;
  const GOptionEntry entries[] = {
    { "timeout", 't', 0, G_OPTION_ARG_STRING, &timeout_text,
      N_("Give up after SECONDS (default 20)"), N_("SECONDS") },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };

  if (!parse_check (cli, &run,
                    _("Tests the connection to the portal with its token, as the app's Test "
                      "Connection does, and says exactly what failed: the host name (DNS), the "
                      "certificate, a proxy, the token (401, 403), an address that is not a "
                      "LockThreat portal, or no answer in time. OK when connected; WARNING when "
                      "the portal answers that it is busy or failing (5xx, 429); UNKNOWN when no "
                      "token or no valid address is configured; CRITICAL otherwise."),
                    entries, 0, NULL, NULL, &argc, &argv, &error) ||
      (timeout_text != NULL && !lt_cli_parse_uint ("--timeout", timeout_text, 3600, &timeout, &error)))
    return lt_cli_fail (cli, error);
  if (timeout == 0)
    {
      lt_cli_set_usage_error (cli, &error, _("--timeout: must be at least 1 second"));
      return lt_cli_fail (cli, error);
    }

  collect_portal (cli, timeout, &facts);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      build_portal_json (&facts, builder);
      lt_cli_print_json (builder);
      return portal_status (lt_portal_check_get_kind (facts.check));
    }
  return render_portal (&facts);
}

/* ---- check eligibility ----------------------------------------------------- */

typedef struct
{
  guint      n_installations;
  guint      n_unsupported;
  guint      n_last_release;     /* the next release ends support */
  guint      n_unknown;          /* no version, or newer than the catalog */
  gint       min_releases_left;  /* over the supported ones; -1: none */
  GPtrArray *worst;              /* names at min_releases_left */
  GPtrArray *unknown;            /* names without a judged version */
  GPtrArray *lines;              /* one per installation */
  /* The soonest estimated end of support (lt-release-forecast.h) over
   * the supported ones, and whose it is; not valid: no estimate. */
  GDate      soonest_end;
  char      *soonest_end_label;
  char      *soonest_end_name;
} EligibilityFacts;

static void
eligibility_facts_clear (EligibilityFacts *facts)
{
  g_clear_pointer (&facts->worst, g_ptr_array_unref);
  g_clear_pointer (&facts->unknown, g_ptr_array_unref);
  g_clear_pointer (&facts->lines, g_ptr_array_unref);
  g_clear_pointer (&facts->soonest_end_label, g_free);
  g_clear_pointer (&facts->soonest_end_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EligibilityFacts, eligibility_facts_clear)

static gboolean
collect_eligibility (LtCli            *cli,
                     LtStore          *store,
                     GDateTime        *now,
                     EligibilityFacts *facts,
                     GError          **error)
{
  g_autoptr(LtStoreInstallations) installations = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(LtReleaseForecast) forecast = NULL;
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  GDate today;
  LtPolicy *policy;

  if ((policy = lt_cli_get_effective_policy (cli, store, error)) == NULL ||
      (catalog = lt_cli_load_effective_catalog (store, error)) == NULL ||
      (installations = lt_store_installations_new (store, error)) == NULL)
    return FALSE;

  facts->min_releases_left = -1;
  facts->worst = g_ptr_array_new_with_free_func (g_free);
  facts->unknown = g_ptr_array_new_with_free_func (g_free);
  facts->lines = g_ptr_array_new_with_free_func (g_free);
  facts->n_installations = g_list_model_get_n_items (G_LIST_MODEL (installations));
  /* "Today" is the user's day, as in `eligibility`. */
  lt_date_set_from_instant (&today, local);
  forecast = lt_release_forecast_new (catalog, &today);
  g_date_clear (&facts->soonest_end, 1);

  for (guint i = 0; i < facts->n_installations; i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (G_LIST_MODEL (installations), i);
      g_autofree char *reason = NULL;
      g_autoptr(LtEligibility) verdict = lt_cli_check_installation (installation, catalog, policy, &reason);
      const char *name = lt_installation_get_name (installation);
      g_autoptr(LtSupportEndEstimate) estimate = NULL;
      g_autofree char *line = NULL;
      gint left;

      if (verdict == NULL || verdict->status == LT_SUPPORT_STATUS_UNKNOWN)
        {
          facts->n_unknown++;
          g_ptr_array_add (facts->unknown, g_strdup (name));
          g_ptr_array_add (facts->lines, g_strdup_printf ("%s: %s", name,
                                                          verdict != NULL ? verdict->message : reason));
          continue;
        }

      left = verdict->releases_until_unsupported;
      if (verdict->status == LT_SUPPORT_STATUS_UNSUPPORTED)
        facts->n_unsupported++;
      else if (left == 1)
        facts->n_last_release++;
      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s: %s, %s, %d release left",
                                           "%s: %s, %s, %d releases left", left),
                              name, lt_version_to_string (verdict->installed),
                              lt_cli_eligibility_status_text (verdict), left);
      estimate = lt_support_end_estimate_new (forecast, verdict);
      if (estimate->available)
        {
          g_autofree char *with_end = NULL;

          /* TRANSLATORS: "Production: 3.5.1, current, 3 releases left; support ends about
           * June 2027 (between …), if releases keep their usual pace of ~3 months" */
          with_end = g_strdup_printf (_("%s; support ends %s"), line, estimate->label);
          g_free (line);
          line = g_steal_pointer (&with_end);
          if (!g_date_valid (&facts->soonest_end) ||
              g_date_compare (&estimate->likely, &facts->soonest_end) < 0)
            {
              facts->soonest_end = estimate->likely;
              g_free (facts->soonest_end_label);
              facts->soonest_end_label = lt_support_end_estimate_dup_short_label (estimate);
              g_free (facts->soonest_end_name);
              facts->soonest_end_name = g_strdup (name);
            }
        }
      g_ptr_array_add (facts->lines, g_steal_pointer (&line));

      if (facts->min_releases_left < 0 || left < facts->min_releases_left)
        {
          facts->min_releases_left = left;
          g_ptr_array_set_size (facts->worst, 0);
        }
      if (left == facts->min_releases_left)
        g_ptr_array_add (facts->worst, g_strdup (name));
    }
  return TRUE;
}

static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
render_eligibility (CheckRun         *run,
                    EligibilityFacts *facts)
{
  g_autoptr(LtCliPlugin) plugin = lt_cli_plugin_new (run->service);
  g_autofree char *worst = join_names (facts->worst);
  g_autofree char *unknown = join_names (facts->unknown);
  guint n = facts->n_installations;
  g_autofree char *what = NULL;
  gboolean alerting;

  if (facts->min_releases_left >= 0)
    lt_cli_plugin_check (plugin, facts->min_releases_left, &run->warning, &run->critical);
  /* An installation whose support cannot be judged needs the admin: its
   * version is to be detected again, or the catalog refreshed. */
  if (facts->n_unknown > 0)
    lt_cli_plugin_raise (plugin, LT_CLI_PLUGIN_WARNING);

  if (facts->min_releases_left <= 0)
    what = g_strdup (_("unsupported"));
  else if (facts->min_releases_left == 1)
    what = g_strdup (_("next release ends support"));
  else
    what = g_strdup_printf (_("%d releases left before support ends"), facts->min_releases_left);

  alerting = facts->min_releases_left >= 0 &&
             (lt_cli_range_alerts (&run->critical, facts->min_releases_left) ||
              lt_cli_range_alerts (&run->warning, facts->min_releases_left));
  if (alerting)
    {
      /* The fewest releases left is also the soonest estimated end:
       * every installation is judged at the same pace. */
      if (facts->min_releases_left > 0 && facts->soonest_end_label != NULL)
        /* TRANSLATORS: "1 of 3 installations: next release ends support (dr-siem-01), about
         * January 2027, an estimate" */
        lt_cli_plugin_set_summary (plugin, _("%u of %u installations: %s (%s), %s, an estimate"),
                                   facts->worst->len, n, what, worst, facts->soonest_end_label);
      else
        /* TRANSLATORS: "1 of 3 installations: next release ends support (dr-siem-01)" */
        lt_cli_plugin_set_summary (plugin, _("%u of %u installations: %s (%s)"),
                                   facts->worst->len, n, what, worst);
      if (facts->n_unknown > 0)
        lt_cli_plugin_add_line (plugin, _("Support cannot be judged: %s"), unknown);
    }
  else if (facts->n_unknown > 0)
    lt_cli_plugin_set_summary (plugin, _("%u of %u installations: support cannot be judged (%s)"),
                               facts->n_unknown, n, unknown);
  else if (facts->soonest_end_label != NULL)
    /* TRANSLATORS: the last %s is an estimate ("about June 2027"), then an installation's name */
    lt_cli_plugin_set_summary (plugin,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u installation supported, at least %d releases left; "
                                            "support ends first %s (%s), an estimate",
                                            "%u installations supported, at least %d releases left; "
                                            "support ends first %s (%s), an estimate", n),
                               n, facts->min_releases_left, facts->soonest_end_label,
                               facts->soonest_end_name);
  else
    lt_cli_plugin_set_summary (plugin,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u installation supported, at least %d releases left",
                                            "%u installations supported, at least %d releases left", n),
                               n, facts->min_releases_left);

  for (guint i = 0; i < facts->lines->len; i++)
    lt_cli_plugin_add_line (plugin, "%s", (const char *) g_ptr_array_index (facts->lines, i));

  lt_cli_plugin_add_count (plugin, "unsupported", facts->n_unsupported, NULL, NULL, NULL, n);
  lt_cli_plugin_add_count (plugin, "last_release_left", facts->n_last_release, NULL, NULL, NULL, n);
  lt_cli_plugin_add_count (plugin, "unknown_version", facts->n_unknown, NULL, NULL, NULL, n);
  if (facts->min_releases_left >= 0)
    lt_cli_plugin_add_count (plugin, "releases_left", facts->min_releases_left, NULL,
                             &run->warning, &run->critical, -1);
  /* Seconds from now to the soonest estimated end: a graph of it shows
   * the pace changing. No threshold: the policy counts releases, and
   * -w/-c already apply to those. */
  if (g_date_valid (&facts->soonest_end))
    {
      g_autoptr(GDateTime) end = lt_date_to_utc_midnight (&facts->soonest_end);
      GTimeSpan until = g_date_time_difference (end, run->now);

      lt_cli_plugin_add_count (plugin, "support_end_estimate", MAX (0, until / G_TIME_SPAN_SECOND),
                               "s", NULL, NULL, -1);
    }
  return lt_cli_plugin_print (plugin);
}

static int
check_eligibility_run (LtCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_auto(CheckRun) run = { .service = "ELIGIBILITY" };
  g_auto(EligibilityFacts) facts = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) last_sync = NULL;
  LtStore *store;

  if (!parse_check (cli, &run,
                    _("Judges every installation of the profile by the support policy (R2): the "
                      "thresholds apply to the fewest releases any installation has left before it "
                      "leaves support (0: unsupported). Defaults: -w 2: (WARNING when the next "
                      "release ends support), -c 1: (CRITICAL when unsupported). An installation "
                      "whose version is not known is WARNING; no installations is UNKNOWN."),
                    NULL, CHECK_THRESHOLDS | CHECK_MAX_AGE, "2:", "1:", &argc, &argv, &error))
    return lt_cli_fail (cli, error);

  if ((store = open_store (cli, &error)) == NULL)
    return unknown (&run, error);
  /* The catalog of a profile that was synced is the portal's: judge by it
   * only while it is fresh. One never synced uses the bundled catalog. */
  if (!load_last_sync (store, &last_sync, &error) ||
      (last_sync != NULL && !check_fresh (&run, store, &error)) ||
      !collect_eligibility (cli, store, run.now, &facts, &error))
    return unknown (&run, error);

  if (facts.n_installations == 0)
    return lt_cli_plugin_print_unknown (run.service,
                                        _("no installations to check; add one with “ltsupport "
                                          "installation add”"));
  return render_eligibility (&run, &facts);
}

/* ---- check tickets ---------------------------------------------------------- */

typedef struct
{
  guint      n_open;
  guint      n_breached;
  guint      n_at_risk;
  guint      n_closing;          /* awaiting you, closing within the hours */
  GPtrArray *breached;           /* ids */
  GPtrArray *at_risk;
  GPtrArray *closing;
  GPtrArray *lines;
} TicketFacts;

static void
ticket_facts_clear (TicketFacts *facts)
{
  g_clear_pointer (&facts->breached, g_ptr_array_unref);
  g_clear_pointer (&facts->at_risk, g_ptr_array_unref);
  g_clear_pointer (&facts->closing, g_ptr_array_unref);
  g_clear_pointer (&facts->lines, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TicketFacts, ticket_facts_clear)

static gboolean
collect_tickets (LtCli       *cli,
                 LtStore     *store,
                 GDateTime   *now,
                 guint        closing_hours,
                 TicketFacts *facts,
                 GError     **error)
{
  g_autoptr(LtTicketList) list = NULL;
  LtPolicy *policy;
  LtTier tier;
  guint n;

  if ((policy = lt_cli_get_effective_policy (cli, store, error)) == NULL ||
      (list = lt_ticket_list_new (store, error)) == NULL)
    return FALSE;
  tier = lt_cli_get_tier (store, NULL);

  facts->breached = g_ptr_array_new_with_free_func (g_free);
  facts->at_risk = g_ptr_array_new_with_free_func (g_free);
  facts->closing = g_ptr_array_new_with_free_func (g_free);
  facts->lines = g_ptr_array_new_with_free_func (g_free);

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtTicket) ticket = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GDateTime) auto_close = NULL;
      LtTicketState state = lt_ticket_get_state (ticket);
      const char *id = lt_ticket_get_id (ticket);
      LtCloseReason reason;
      LtSlaStatus sla = { 0 };

      /* Not filed yet (no id), or no longer open at the vendor. */
      if (id == NULL || !lt_lifecycle_state_is_open (state))
        continue;
      facts->n_open++;

      if (lt_ticket_get_opened_at (ticket) != NULL)
        {
          lt_sla_get_status_for_policy (policy, tier, lt_ticket_get_severity (ticket),
                                        lt_ticket_get_opened_at (ticket),
                                        lt_ticket_get_first_response_at (ticket), now, &sla);
          if (sla.state == LT_SLA_STATE_BREACHED)
            {
              facts->n_breached++;
              g_ptr_array_add (facts->breached, g_strdup (id));
            }
          else if (sla.state == LT_SLA_STATE_AT_RISK)
            {
              facts->n_at_risk++;
              g_ptr_array_add (facts->at_risk, g_strdup (id));
            }
          if (sla.state == LT_SLA_STATE_BREACHED || sla.state == LT_SLA_STATE_AT_RISK)
            g_ptr_array_add (facts->lines, g_strdup_printf (_("%s: response %s: %s"), id,
                                                            lt_sla_state_get_label (sla.state),
                                                            lt_ticket_get_title (ticket)));
          lt_sla_status_clear (&sla);
        }

      /* Awaiting you: closes on its own unless you answer (R5). */
      auto_close = lt_ticket_dup_auto_close_due (ticket, policy, &reason);
      if (lt_lifecycle_state_needs_customer (state) && auto_close != NULL)
        {
          gint64 left = lt_sla_remaining_seconds (lt_policy_get_calendar (policy), auto_close, now);

          if (left <= (gint64) closing_hours * 3600)
            {
              g_autofree char *when = lt_instant_format (auto_close);

              facts->n_closing++;
              g_ptr_array_add (facts->closing, g_strdup (id));
              g_ptr_array_add (facts->lines, g_strdup_printf (_("%s: awaiting you, closes at %s: %s"),
                                                              id, when, lt_ticket_get_title (ticket)));
            }
        }
    }
  return TRUE;
}

static int
render_tickets (CheckRun    *run,
                guint        closing_hours,
                TicketFacts *facts)
{
  g_autoptr(LtCliPlugin) plugin = lt_cli_plugin_new (run->service);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  lt_cli_plugin_check (plugin, facts->n_breached, &run->warning, &run->critical);
  if (facts->n_at_risk > 0 || facts->n_closing > 0)
    lt_cli_plugin_raise (plugin, LT_CLI_PLUGIN_WARNING);

  if (facts->n_breached > 0)
    {
      g_autofree char *ids = join_names (facts->breached);

      g_ptr_array_add (parts, g_strdup_printf (_("%u SLA breached (%s)"), facts->n_breached, ids));
    }
  if (facts->n_at_risk > 0)
    {
      g_autofree char *ids = join_names (facts->at_risk);

      g_ptr_array_add (parts, g_strdup_printf (_("%u SLA at risk (%s)"), facts->n_at_risk, ids));
    }
  if (facts->n_closing > 0)
    {
      g_autofree char *ids = join_names (facts->closing);

      g_ptr_array_add (parts, g_strdup_printf (_("%u awaiting you, closing within %u business hours (%s)"),
                                               facts->n_closing, closing_hours, ids));
    }
  if (parts->len == 0)
    lt_cli_plugin_set_summary (plugin,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u open ticket, none breached, at risk or closing",
                                            "%u open tickets, none breached, at risk or closing",
                                            facts->n_open),
                               facts->n_open);
  else
    {
      g_autofree char *joined = join_names (parts);

      lt_cli_plugin_set_summary (plugin, "%s", joined);
    }
  for (guint i = 0; i < facts->lines->len; i++)
    lt_cli_plugin_add_line (plugin, "%s", (const char *) g_ptr_array_index (facts->lines, i));

  lt_cli_plugin_add_count (plugin, "breached", facts->n_breached, NULL, &run->warning, &run->critical,
                           facts->n_open);
  lt_cli_plugin_add_count (plugin, "at_risk", facts->n_at_risk, NULL, NULL, NULL, facts->n_open);
  lt_cli_plugin_add_count (plugin, "closing", facts->n_closing, NULL, NULL, NULL, facts->n_open);
  lt_cli_plugin_add_count (plugin, "open", facts->n_open, NULL, NULL, NULL, -1);
  return lt_cli_plugin_print (plugin);
}

static int
check_tickets_run (LtCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_auto(CheckRun) run = { .service = "TICKETS" };
  g_auto(TicketFacts) facts = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *within_text = NULL;
  guint within = DEFAULT_CLOSING_WITHIN_HOURS;
  const GOptionEntry entries[] = {
    { "closing-within", 0, 0, G_OPTION_ARG_STRING, &within_text,
      N_("WARNING for tickets awaiting you that close within HOURS business hours (default 8)"),
      N_("HOURS") },
    G_OPTION_ENTRY_NULL
  };
  LtStore *store;

  if (!parse_check (cli, &run,
                    _("The open tickets' first-response SLA (R4) and the tickets awaiting you "
                      "that close on their own soon (R5). The thresholds apply to the number of "
                      "tickets whose SLA is breached; defaults: no -w, -c 0 (CRITICAL when any "
                      "is). A ticket at risk, or awaiting you and closing within "
                      "--closing-within business hours, is WARNING."),
                    entries, CHECK_THRESHOLDS | CHECK_MAX_AGE, NULL, "0", &argc, &argv, &error) ||
      (within_text != NULL && !lt_cli_parse_uint ("--closing-within", within_text, 10000, &within, &error)))
    return lt_cli_fail (cli, error);

  if ((store = open_store (cli, &error)) == NULL ||
      !check_fresh (&run, store, &error) ||
      !collect_tickets (cli, store, run.now, within, &facts, &error))
    return unknown (&run, error);
  return render_tickets (&run, within, &facts);
}

/* ---- check change-notices --------------------------------------------------- */

typedef struct
{
  guint      n_upcoming;
  guint      n_late;
  guint      n_concerns;
  guint      n_attention;        /* late or with concerns */
  GPtrArray *ids;                /* of those */
  GPtrArray *lines;
} NoticeFacts;

static void
notice_facts_clear (NoticeFacts *facts)
{
  g_clear_pointer (&facts->ids, g_ptr_array_unref);
  g_clear_pointer (&facts->lines, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (NoticeFacts, notice_facts_clear)

static gboolean
collect_notices (LtStore     *store,
                 GDateTime   *now,
                 NoticeFacts *facts,
                 GError     **error)
{
  g_autoptr(GPtrArray) notices = lt_store_load_change_notices (store, error);

  if (notices == NULL)
    return FALSE;
  facts->ids = g_ptr_array_new_with_free_func (g_free);
  facts->lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < notices->len; i++)
    {
      LtChangeNotice *notice = g_ptr_array_index (notices, i);
      LtChangeState state = lt_change_notice_get_state (notice);
      GDateTime *start = lt_change_notice_get_planned_start (notice);
      const char *id = lt_change_notice_get_id (notice);
      gboolean late, concerns;

      /* What was sent and is still ahead; drafts and withdrawn notices
       * are nobody's concern yet or any more. */
      if (state == LT_CHANGE_STATE_DRAFT || state == LT_CHANGE_STATE_WITHDRAWN ||
          start == NULL || g_date_time_compare (start, now) <= 0)
        continue;
      facts->n_upcoming++;
      late = lt_change_notice_get_late (notice);
      concerns = lt_change_notice_get_review_outcome (notice) == LT_REVIEW_OUTCOME_CONCERNS;
      facts->n_late += late;
      facts->n_concerns += concerns;
      if (late || concerns)
        {
          g_autofree char *when = lt_instant_format (start);
          const char *shown_id = id != NULL ? id : lt_change_notice_get_local_id (notice);

          facts->n_attention++;
          g_ptr_array_add (facts->ids, g_strdup (shown_id));
          g_ptr_array_add (facts->lines,
                           /* TRANSLATORS: "CN-1042: late, review has concerns, starts
                            * 2026-11-20T14:00:00Z: Upgrade the collectors" */
                           g_strdup_printf (_("%s: %s%s%s, starts %s: %s"), shown_id,
                                            late ? _("late") : "",
                                            late && concerns ? ", " : "",
                                            concerns ? _("review has concerns") : "",
                                            when, lt_change_notice_get_title (notice)));
          if (concerns && lt_change_notice_get_review_text (notice) != NULL)
            g_ptr_array_add (facts->lines, g_strdup_printf ("  %s", lt_change_notice_get_review_text (notice)));
        }
    }
  return TRUE;
}

static int
render_notices (CheckRun    *run,
                NoticeFacts *facts)
{
  g_autoptr(LtCliPlugin) plugin = lt_cli_plugin_new (run->service);

  lt_cli_plugin_check (plugin, facts->n_attention, &run->warning, &run->critical);
  if (facts->n_attention == 0)
    lt_cli_plugin_set_summary (plugin,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "%u upcoming change notice, none late or with concerns",
                                            "%u upcoming change notices, none late or with concerns",
                                            facts->n_upcoming),
                               facts->n_upcoming);
  else
    {
      g_autofree char *ids = join_names (facts->ids);

      lt_cli_plugin_set_summary (plugin, _("%u of %u upcoming change notices: %u late, %u with "
                                           "concerns (%s)"),
                                 facts->n_attention, facts->n_upcoming, facts->n_late,
                                 facts->n_concerns, ids);
    }
  for (guint i = 0; i < facts->lines->len; i++)
    lt_cli_plugin_add_line (plugin, "%s", (const char *) g_ptr_array_index (facts->lines, i));
  lt_cli_plugin_add_count (plugin, "attention", facts->n_attention, NULL, &run->warning, &run->critical,
                           facts->n_upcoming);
  lt_cli_plugin_add_count (plugin, "late", facts->n_late, NULL, NULL, NULL, facts->n_upcoming);
  lt_cli_plugin_add_count (plugin, "concerns", facts->n_concerns, NULL, NULL, NULL, facts->n_upcoming);
  lt_cli_plugin_add_count (plugin, "upcoming", facts->n_upcoming, NULL, NULL, NULL, -1);
  return lt_cli_plugin_print (plugin);
}

static int
check_change_notices_run (LtCli  *cli,
                          int     argc,
                          char  **argv)
{
  g_auto(CheckRun) run = { .service = "CHANGE-NOTICES" };
  g_auto(NoticeFacts) facts = { 0 };
  g_autoptr(GError) error = NULL;
  LtStore *store;

  if (!parse_check (cli, &run,
                    _("The change notices sent and still ahead: late ones (§6: shorter notice "
                      "than the policy's lead time) and those whose review has concerns. The "
                      "thresholds apply to the number of notices that are either; defaults: "
                      "-w 0 (WARNING when any is), no -c."),
                    NULL, CHECK_THRESHOLDS | CHECK_MAX_AGE, "0", NULL, &argc, &argv, &error))
    return lt_cli_fail (cli, error);

  if ((store = open_store (cli, &error)) == NULL ||
      !check_fresh (&run, store, &error) ||
      !collect_notices (store, run.now, &facts, &error))
    return unknown (&run, error);
  return render_notices (&run, &facts);
}

/* ---- check outbox ------------------------------------------------------------ */

typedef struct
{
  guint      n_unsent;           /* pending or sending */
  guint      n_refused;          /* failed: refused for good */
  gint64     oldest_age;         /* seconds; 0 when none unsent */
  char      *oldest_key;
  GPtrArray *lines;
} OutboxFacts;

static void
outbox_facts_clear (OutboxFacts *facts)
{
  g_free (facts->oldest_key);
  g_clear_pointer (&facts->lines, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OutboxFacts, outbox_facts_clear)

static gboolean
collect_outbox (LtStore     *store,
                GDateTime   *now,
                OutboxFacts *facts,
                GError     **error)
{
  g_autoptr(LtOutbox) outbox = lt_outbox_new (store);
  g_autoptr(GPtrArray) items = lt_outbox_list (outbox, error);

  if (items == NULL)
    return FALSE;
  facts->lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < items->len; i++)
    {
      LtOutboxItem *item = g_ptr_array_index (items, i);
      LtOutboxState state = lt_outbox_item_get_state (item);
      GDateTime *created = lt_outbox_item_get_created_at (item);

      if (state == LT_OUTBOX_STATE_FAILED)
        {
          facts->n_refused++;
          g_ptr_array_add (facts->lines,
                           g_strdup_printf (_("%s (%s): refused: %s"), lt_outbox_item_get_key (item),
                                            lt_outbox_item_get_kind (item),
                                            lt_outbox_item_get_failure_reason (item) != NULL
                                            ? lt_outbox_item_get_failure_reason (item) : "—"));
        }
      else if (state == LT_OUTBOX_STATE_PENDING || state == LT_OUTBOX_STATE_SENDING)
        {
          gint64 age = created != NULL ? MAX (0, seconds_between (created, now)) : 0;

          facts->n_unsent++;
          if (facts->oldest_key == NULL || age > facts->oldest_age)
            {
              facts->oldest_age = age;
              g_free (facts->oldest_key);
              facts->oldest_key = g_strdup (lt_outbox_item_get_key (item));
            }
        }
    }
  return TRUE;
}

static int
render_outbox (CheckRun    *run,
               OutboxFacts *facts)
{
  g_autoptr(LtCliPlugin) plugin = lt_cli_plugin_new (run->service);

  lt_cli_plugin_check (plugin, facts->oldest_age, &run->warning, &run->critical);
  /* A refused action never reaches LockThreat unless the admin retries
   * or discards it: nothing will fix it by itself. */
  if (facts->n_refused > 0)
    lt_cli_plugin_raise (plugin, LT_CLI_PLUGIN_CRITICAL);

  if (facts->n_unsent == 0 && facts->n_refused == 0)
    lt_cli_plugin_set_summary (plugin, "%s", _("nothing waiting for the portal"));
  else if (facts->n_refused == 0)
    lt_cli_plugin_set_summary (plugin, _("%u unsent, the oldest (%s) %lld s old"),
                               facts->n_unsent, facts->oldest_key, (long long) facts->oldest_age);
  else if (facts->n_unsent == 0)
    lt_cli_plugin_set_summary (plugin, _("%u refused by the portal; see “ltsupport outbox list”"),
                               facts->n_refused);
  else
    lt_cli_plugin_set_summary (plugin, _("%u refused by the portal; %u unsent, the oldest (%s) %lld s old"),
                               facts->n_refused, facts->n_unsent, facts->oldest_key,
                               (long long) facts->oldest_age);
  for (guint i = 0; i < facts->lines->len; i++)
    lt_cli_plugin_add_line (plugin, "%s", (const char *) g_ptr_array_index (facts->lines, i));

  lt_cli_plugin_add_count (plugin, "oldest_unsent_age", facts->oldest_age, "s",
                           &run->warning, &run->critical, -1);
  lt_cli_plugin_add_count (plugin, "unsent", facts->n_unsent, NULL, NULL, NULL, -1);
  lt_cli_plugin_add_count (plugin, "refused", facts->n_refused, NULL, NULL, NULL, -1);
  return lt_cli_plugin_print (plugin);
}

static int
check_outbox_run (LtCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_auto(CheckRun) run = { .service = "OUTBOX" };
  g_auto(OutboxFacts) facts = { 0 };
  g_autoptr(GError) error = NULL;
  LtStore *store;

  if (!parse_check (cli, &run,
                    _("What waits to reach the portal. The thresholds apply to the age in seconds "
                      "of the oldest unsent action; defaults: -w 3600 (an hour), -c 86400 (a "
                      "day). An action the portal refused for good is CRITICAL."),
                    NULL, CHECK_THRESHOLDS, "3600", "86400", &argc, &argv, &error))
    return lt_cli_fail (cli, error);

  if ((store = open_store (cli, &error)) == NULL ||
      !collect_outbox (store, run.now, &facts, &error))
    return unknown (&run, error);
  return render_outbox (&run, &facts);
}

/* ---- check sync ---------------------------------------------------------------- */

typedef struct
{
  GDateTime *last_success;       /* NULL: never */
  gint64     age;
  char      *last_error;
} SyncFacts;

static void
sync_facts_clear (SyncFacts *facts)
{
  g_clear_pointer (&facts->last_success, g_date_time_unref);
  g_free (facts->last_error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SyncFacts, sync_facts_clear)

static gboolean
collect_sync (LtStore   *store,
              GDateTime *now,
              SyncFacts *facts,
              GError   **error)
{
  g_auto(LtSyncState) state = { 0 };

  if (!lt_store_load_sync_state (store, SYNC_RESOURCE, &state, error))
    return FALSE;
  facts->last_success = g_steal_pointer (&state.last_success_at);
  facts->last_error = g_steal_pointer (&state.last_error);
  if (facts->last_success != NULL)
    facts->age = MAX (0, seconds_between (facts->last_success, now));
  return TRUE;
}

static int
render_sync (CheckRun  *run,
             SyncFacts *facts)
{
  g_autoptr(LtCliPlugin) plugin = lt_cli_plugin_new (run->service);

  if (facts->last_success == NULL)
    {
      /* What this check watches has never happened. */
      lt_cli_plugin_raise (plugin, LT_CLI_PLUGIN_CRITICAL);
      lt_cli_plugin_set_summary (plugin, "%s", _("never synced with the portal; run “ltsupport sync”"));
    }
  else
    {
      g_autofree char *when = lt_instant_format (facts->last_success);

      lt_cli_plugin_check (plugin, facts->age, &run->warning, &run->critical);
      lt_cli_plugin_set_summary (plugin, _("last successful sync %lld s ago (%s)"),
                                 (long long) facts->age, when);
      lt_cli_plugin_add_count (plugin, "age", facts->age, "s", &run->warning, &run->critical, -1);
    }
  if (facts->last_error != NULL)
    lt_cli_plugin_add_line (plugin, _("Last error: %s"), facts->last_error);
  return lt_cli_plugin_print (plugin);
}

static int
check_sync_run (LtCli  *cli,
                int     argc,
                char  **argv)
{
  g_auto(CheckRun) run = { .service = "SYNC" };
  g_auto(SyncFacts) facts = { 0 };
  g_autoptr(GError) error = NULL;
  LtStore *store;

  if (!parse_check (cli, &run,
                    _("How long ago the last successful sync with the portal was. The thresholds "
                      "apply to its age in seconds; defaults: -w 86400 (a day), -c 345600 (four "
                      "days). A profile never synced is CRITICAL."),
                    NULL, CHECK_THRESHOLDS, "86400", "345600", &argc, &argv, &error))
    return lt_cli_fail (cli, error);

  if ((store = open_store (cli, &error)) == NULL ||
      !collect_sync (store, run.now, &facts, &error))
    return unknown (&run, error);
  return render_sync (&run, &facts);
}

/* ---- check account ------------------------------------------------------------- */

typedef struct
{
  guint      n_unpaid;
  guint      n_overdue;          /* §17, by core */
  gint64     oldest_unpaid_age;  /* seconds since issued; 0: none unpaid */
  char      *warning;            /* core's §17 text */
  GPtrArray *lines;
} AccountFacts;

static void
account_facts_clear (AccountFacts *facts)
{
  g_free (facts->warning);
  g_clear_pointer (&facts->lines, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AccountFacts, account_facts_clear)

static gboolean
collect_account (LtCli        *cli,
                 LtStore      *store,
                 GDateTime    *now,
                 AccountFacts *facts,
                 GError      **error)
{
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GPtrArray) overdue = NULL;
  GPtrArray *invoices;
  LtPolicy *policy;
  GDate today;

  if ((policy = lt_cli_get_effective_policy (cli, store, error)) == NULL ||
      (account = lt_store_load_account (store, error)) == NULL)
    return FALSE;
  /* §17 counts calendar days at the vendor. */
  lt_business_calendar_local_date (lt_policy_get_calendar (policy), now, &today);
  overdue = lt_account_dup_overdue_invoices (account, policy, &today);
  facts->n_overdue = overdue != NULL ? overdue->len : 0;
  facts->warning = lt_account_dup_invoice_warning (account, policy, &today);
  facts->lines = g_ptr_array_new_with_free_func (g_free);

  invoices = lt_account_get_invoices (account);
  for (guint i = 0; invoices != NULL && i < invoices->len; i++)
    {
      LtInvoice *invoice = g_ptr_array_index (invoices, i);
      g_autofree char *issued = NULL;
      gint64 age;

      if (invoice->paid || !g_date_valid (&invoice->issued))
        continue;
      facts->n_unpaid++;
      age = MAX (0, (gint64) g_date_days_between (&invoice->issued, &today)) * 86400;
      facts->oldest_unpaid_age = MAX (facts->oldest_unpaid_age, age);
      issued = lt_date_format (&invoice->issued);
      g_ptr_array_add (facts->lines, g_strdup_printf (_("%s: %s %s, issued %s, unpaid"), invoice->id,
                                                      invoice->amount, invoice->currency, issued));
    }
  return TRUE;
}

static int
render_account (CheckRun     *run,
                AccountFacts *facts)
{
  g_autoptr(LtCliPlugin) plugin = lt_cli_plugin_new (run->service);

  lt_cli_plugin_check (plugin, facts->n_overdue, &run->warning, &run->critical);
  if (facts->n_overdue > 0 && facts->warning != NULL)
    lt_cli_plugin_set_summary (plugin, "%s", facts->warning);
  else if (facts->n_overdue > 0)
    lt_cli_plugin_set_summary (plugin, g_dngettext (GETTEXT_PACKAGE, "%u invoice overdue (§17)",
                                                    "%u invoices overdue (§17)", facts->n_overdue),
                               facts->n_overdue);
  else if (facts->n_unpaid > 0)
    lt_cli_plugin_set_summary (plugin, g_dngettext (GETTEXT_PACKAGE, "%u unpaid invoice, none overdue (§17)",
                                                    "%u unpaid invoices, none overdue (§17)", facts->n_unpaid),
                               facts->n_unpaid);
  else
    lt_cli_plugin_set_summary (plugin, "%s", _("no unpaid invoices"));
  for (guint i = 0; i < facts->lines->len; i++)
    lt_cli_plugin_add_line (plugin, "%s", (const char *) g_ptr_array_index (facts->lines, i));

  lt_cli_plugin_add_count (plugin, "overdue", facts->n_overdue, NULL, &run->warning, &run->critical, -1);
  lt_cli_plugin_add_count (plugin, "unpaid", facts->n_unpaid, NULL, NULL, NULL, -1);
  lt_cli_plugin_add_count (plugin, "oldest_unpaid_age", facts->oldest_unpaid_age, "s", NULL, NULL, -1);
  return lt_cli_plugin_print (plugin);
}

static int
check_account_run (LtCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_auto(CheckRun) run = { .service = "ACCOUNT" };
  g_auto(AccountFacts) facts = { 0 };
  g_autoptr(GError) error = NULL;
  LtStore *store;

  if (!parse_check (cli, &run,
                    _("The account's unpaid invoices (§17: one unpaid more than 60 days may "
                      "suspend services). The thresholds apply to the number of overdue "
                      "invoices; defaults: no -w, -c 0 (CRITICAL when any is)."),
                    NULL, CHECK_THRESHOLDS | CHECK_MAX_AGE, NULL, "0", &argc, &argv, &error))
    return lt_cli_fail (cli, error);

  if ((store = open_store (cli, &error)) == NULL ||
      !check_fresh (&run, store, &error) ||
      !collect_account (cli, store, run.now, &facts, &error))
    return unknown (&run, error);
  return render_account (&run, &facts);
}

/* ---- The group ------------------------------------------------------------------ */

static const LtCliCommand check_commands[] = {
  { "portal", N_("The connection to the portal, and what failed"), check_portal_run, NULL },
  { "eligibility", N_("Releases left before each installation leaves support"),
    check_eligibility_run, NULL },
  { "tickets", N_("Breached or at-risk SLAs, tickets closing without your answer"),
    check_tickets_run, NULL },
  { "change-notices", N_("Late change notices and reviews with concerns"),
    check_change_notices_run, NULL },
  { "outbox", N_("The oldest unsent action, and refused ones"), check_outbox_run, NULL },
  { "sync", N_("The age of the last successful sync"), check_sync_run, NULL },
  { "account", N_("Overdue invoices (§17)"), check_account_run, NULL },
  { NULL, NULL, NULL, NULL }
};

int
lt_cli_check_run (LtCli  *cli,
                  int     argc,
                  char  **argv)
{
  /* From here on a usage error is a plugin's UNKNOWN (3), not 2: a
   * monitoring system reads 2 as CRITICAL. */
  cli->fail_func = fail_unknown_cb;
  return lt_cli_run_group (cli, check_commands,
                           _("Monitoring plugins (Monitoring Plugins guidelines): one status line, "
                             "performance data, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN."),
                           argc, argv);
}
