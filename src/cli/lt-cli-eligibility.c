/* lt-cli-eligibility.c: ltsupport eligibility
 *
 * One facts structure (EligibilityFacts: a verdict and a support-end
 * estimate per installation, or for the one VERSION), rendered as a table,
 * fields, JSON or an iCalendar file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-cli-actions.h"
#include "lt-enums.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-icalendar.h"
#include "lt-release-forecast.h"
#include "lt-installation.h"
#include "lt-release-catalog.h"
#include "lt-store-installations.h"
#include "lt-version.h"
#include "lt-text-util.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

static void
add_version_member (JsonBuilder     *builder,
                    const char      *name,
                    const LtVersion *version)
{
  json_builder_set_member_name (builder, name);
  if (version != NULL)
    json_builder_add_string_value (builder, lt_version_to_string (version));
  else
    json_builder_add_null_value (builder);
}

static const char *
version_or_none (const LtVersion *version)
{
  return version != NULL ? lt_version_to_string (version) : _("none");
}

/**
 * lt_cli_check_installation:
 * @installation: an installation
 * @catalog: the release catalog
 * @policy: the policy
 * @reason: (out) (transfer full): when there is no verdict, why (the
 *   version is not known or does not parse)
 *
 * The verdict of core (lt_installation_check_eligibility()) on an
 * installation. Without a version there is none, and the installation
 * counts as not eligible for hotfixes.
 *
 * Returns: (transfer full) (nullable): the verdict
 */
LtEligibility *
lt_cli_check_installation (LtInstallation    *installation,
                           LtReleaseCatalog  *catalog,
                           LtPolicy          *policy,
                           char             **reason)
{
  g_autoptr(GError) error = NULL;
  LtEligibility *verdict;

  *reason = NULL;
  verdict = lt_installation_check_eligibility (installation, catalog, policy, &error);
  if (verdict == NULL)
    *reason = g_strdup (error->message);
  return verdict;
}

/* The members `eligibility --json` prints, with a null version and status
 * when there is no verdict: an installation whose version is not known. */
void
lt_cli_build_eligibility_members (JsonBuilder      *builder,
                                  LtReleaseCatalog *catalog,
                                  LtPolicy         *policy,
                                  LtEligibility    *verdict,
                                  const char       *reason)
{
  LtRelease *current = lt_release_catalog_get_current (catalog);
  LtRelease *floor = lt_release_catalog_get_floor (catalog, lt_policy_get_supported_preceding (policy));

  if (verdict != NULL)
    {
      add_version_member (builder, "version", verdict->installed);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, lt_enum_to_nick (LT_TYPE_SUPPORT_STATUS, verdict->status));
      add_version_member (builder, "current", verdict->current);
      add_version_member (builder, "floor", verdict->floor);
      json_builder_set_member_name (builder, "hotfix_eligible");
      json_builder_add_boolean_value (builder, verdict->hotfix_eligible);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, verdict->message);
      return;
    }

  add_version_member (builder, "version", NULL);
  json_builder_set_member_name (builder, "status");
  json_builder_add_null_value (builder);
  add_version_member (builder, "current", current != NULL ? lt_release_get_version (current) : NULL);
  add_version_member (builder, "floor", floor != NULL ? lt_release_get_version (floor) : NULL);
  json_builder_set_member_name (builder, "hotfix_eligible");
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, reason);
}

/* The status column: the R2 status, or "no version". */
const char *
lt_cli_eligibility_status_text (LtEligibility *verdict)
{
  if (verdict == NULL)
    /* TRANSLATORS: the status of an installation whose version is not known */
    return _("no version");
  return lt_enum_to_nick (LT_TYPE_SUPPORT_STATUS, verdict->status);
}

static void
print_table (GPtrArray *rows,
             guint      n_columns)
{
  g_autofree glong *widths = g_new0 (glong, n_columns);

  /* Names are the user's, versions may come from a status page: one line
   * per row, controls escaped before the widths are measured. */
  for (guint i = 0; i < rows->len; i++)
    {
      char *shown = lt_text_dup_displayable (g_ptr_array_index (rows, i), LT_TEXT_SINGLE_LINE);

      g_free (g_ptr_array_index (rows, i));
      g_ptr_array_index (rows, i) = shown;
    }

  /* Widths in characters: the headers are translated. */
  for (guint i = 0; i < rows->len; i++)
    widths[i % n_columns] = MAX (widths[i % n_columns],
                                 g_utf8_strlen (g_ptr_array_index (rows, i), -1));

  for (guint i = 0; i < rows->len; i++)
    {
      const char *cell = g_ptr_array_index (rows, i);
      guint column = i % n_columns;

      if (column + 1 == n_columns)
        g_print ("%s\n", cell);
      else
        g_print ("%s%*s  ", cell, (int) (widths[column] - g_utf8_strlen (cell, -1)), "");
    }
}

/* ---- facts ---------------------------------------------------------- */

typedef struct
{
  LtInstallation       *installation;  /* NULL for `eligibility VERSION` */
  LtEligibility        *verdict;       /* NULL: no version known */
  char                 *reason;        /* why there is no verdict */
  LtSupportEndEstimate *estimate;      /* NULL without a verdict */
} EligibilityRow;

typedef struct
{
  LtReleaseCatalog  *catalog;   /* borrowed */
  LtPolicy          *policy;    /* borrowed */
  LtReleaseForecast *forecast;
  GPtrArray         *rows;      /* of EligibilityRow */
  gboolean           all_eligible;
} EligibilityFacts;

static void
eligibility_row_free (EligibilityRow *row)
{
  g_clear_object (&row->installation);
  g_clear_pointer (&row->verdict, lt_eligibility_free);
  g_clear_pointer (&row->estimate, lt_support_end_estimate_free);
  g_free (row->reason);
  g_free (row);
}

static void
eligibility_facts_clear (EligibilityFacts *facts)
{
  g_clear_pointer (&facts->forecast, lt_release_forecast_free);
  g_clear_pointer (&facts->rows, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EligibilityFacts, eligibility_facts_clear)

static void
facts_init (EligibilityFacts *facts,
            LtReleaseCatalog *catalog,
            LtPolicy         *policy,
            const GDate      *today)
{
  facts->catalog = catalog;
  facts->policy = policy;
  facts->forecast = lt_release_forecast_new (catalog, today);
  facts->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) eligibility_row_free);
  facts->all_eligible = TRUE;
}

/* Takes @verdict and @reason. */
static void
facts_add (EligibilityFacts *facts,
           LtInstallation   *installation,
           LtEligibility    *verdict,
           char             *reason)
{
  EligibilityRow *row = g_new0 (EligibilityRow, 1);

  row->installation = installation != NULL ? g_object_ref (installation) : NULL;
  row->verdict = verdict;
  row->reason = reason;
  if (verdict != NULL)
    row->estimate = lt_support_end_estimate_new (facts->forecast, verdict);
  facts->all_eligible = facts->all_eligible && verdict != NULL && verdict->hotfix_eligible;
  g_ptr_array_add (facts->rows, row);
}

/* ---- rendering ------------------------------------------------------ */

/* "support_end_estimate": an object, or null and
 * "support_end_estimate_reason" saying why (also when there is no verdict
 * at all). */
static void
build_estimate_members (JsonBuilder            *builder,
                        const EligibilityFacts *facts,
                        const EligibilityRow   *row)
{
  const LtSupportEndEstimate *estimate = row->estimate;

  json_builder_set_member_name (builder, "support_end_estimate");
  if (estimate == NULL || !estimate->available)
    {
      json_builder_add_null_value (builder);
      lt_cli_add_string_member (builder, "support_end_estimate_reason",
                                estimate != NULL ? estimate->reason : row->reason);
      return;
    }

  json_builder_begin_object (builder);
  lt_cli_add_date_member (builder, "likely", &estimate->likely);
  lt_cli_add_date_member (builder, "earliest", &estimate->earliest);
  lt_cli_add_date_member (builder, "latest", &estimate->latest);
  lt_cli_add_int_member (builder, "releases_left", estimate->releases_left);
  lt_cli_add_int_member (builder, "median_interval_days", facts->forecast->median_days);
  lt_cli_add_int_member (builder, "shortest_interval_days", facts->forecast->shortest_days);
  lt_cli_add_int_member (builder, "longest_interval_days", facts->forecast->longest_days);
  lt_cli_add_int_member (builder, "intervals", facts->forecast->n_intervals);
  lt_cli_add_date_member (builder, "last_release", &facts->forecast->last_release);
  lt_cli_add_string_member (builder, "label", estimate->label);
  json_builder_end_object (builder);
  lt_cli_add_string_member (builder, "support_end_estimate_reason", NULL);
}

static void
build_row (JsonBuilder            *builder,
           const EligibilityFacts *facts,
           const EligibilityRow   *row)
{
  json_builder_begin_object (builder);
  if (row->installation != NULL)
    {
      lt_cli_add_string_member (builder, "id", lt_installation_get_id (row->installation));
      lt_cli_add_string_member (builder, "name", lt_installation_get_name (row->installation));
    }
  lt_cli_build_eligibility_members (builder, facts->catalog, facts->policy, row->verdict,
                                    row->reason);
  build_estimate_members (builder, facts, row);
  json_builder_end_object (builder);
}

static void
print_json (const EligibilityFacts *facts,
            gboolean                all)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!all)
    build_row (builder, facts, g_ptr_array_index (facts->rows, 0));
  else
    {
      json_builder_begin_array (builder);
      for (guint i = 0; i < facts->rows->len; i++)
        build_row (builder, facts, g_ptr_array_index (facts->rows, i));
      json_builder_end_array (builder);
    }
  lt_cli_print_json (builder);
}

/* The short estimate for a table cell, or a dash. */
static char *
dup_estimate_cell (const EligibilityRow *row)
{
  char *text = row->estimate != NULL ? lt_support_end_estimate_dup_short_label (row->estimate) : NULL;

  return text != NULL ? text : g_strdup ("—");
}

static void
print_all (const EligibilityFacts *facts)
{
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  gboolean any_estimate = FALSE;

  g_ptr_array_add (table, g_strdup (_("Name")));
  g_ptr_array_add (table, g_strdup (_("Version")));
  g_ptr_array_add (table, g_strdup (_("Status")));
  g_ptr_array_add (table, g_strdup (_("Hotfix eligible")));
  g_ptr_array_add (table, g_strdup (_("Support ends (estimate)")));

  for (guint i = 0; i < facts->rows->len; i++)
    {
      const EligibilityRow *row = g_ptr_array_index (facts->rows, i);
      const char *name = lt_installation_get_name (row->installation);
      gboolean eligible = row->verdict != NULL && row->verdict->hotfix_eligible;

      any_estimate = any_estimate || (row->estimate != NULL && row->estimate->available);
      g_ptr_array_add (table, g_strdup (name));
      g_ptr_array_add (table, g_strdup (row->verdict != NULL ? lt_version_to_string (row->verdict->installed)
                                                             : _("none")));
      g_ptr_array_add (table, g_strdup (lt_cli_eligibility_status_text (row->verdict)));
      g_ptr_array_add (table, g_strdup (eligible ? _("yes") : _("no")));
      g_ptr_array_add (table, dup_estimate_cell (row));
      /* Say why for each installation that is not eligible, and warn about
       * a withdrawn release even when it is. */
      if (!eligible)
        g_ptr_array_add (notes, g_strdup_printf ("%s: %s", name,
                                                 row->verdict != NULL ? row->verdict->message
                                                                      : row->reason));
      if (row->verdict != NULL && row->verdict->withdrawn_message != NULL)
        g_ptr_array_add (notes, g_strdup_printf (_("%s: Warning: %s"), name,
                                                 row->verdict->withdrawn_message));
    }

  print_table (table, 5);
  g_print ("\n");
  for (guint i = 0; i < notes->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (notes, i));
  {
    g_autofree char *basis = lt_release_forecast_dup_basis_label (facts->forecast);

    /* The basis of the dates, once, under the table. */
    if (any_estimate)
      g_print (_("Support end dates are estimates, %s.\n"), basis);
    else
      g_print (_("No support end date can be estimated: %s\n"), basis);
  }
}

static void
print_one (const EligibilityFacts *facts)
{
  const EligibilityRow *row = g_ptr_array_index (facts->rows, 0);
  const LtEligibility *verdict = row->verdict;
  g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
  const char *version = lt_version_to_string (verdict->installed);

  lt_cli_fields_add (fields, _("Version"), "%s", version);
  lt_cli_fields_add (fields, _("Status"), "%s", lt_enum_to_nick (LT_TYPE_SUPPORT_STATUS, verdict->status));
  lt_cli_fields_add (fields, _("Current release"), "%s", version_or_none (verdict->current));
  lt_cli_fields_add (fields, _("Supported from"), "%s", version_or_none (verdict->floor));
  lt_cli_fields_add (fields, _("Hotfix eligible"), "%s",
                     verdict->hotfix_eligible ? _("yes") : _("no"));
  if (verdict->releases_until_unsupported > 0)
    lt_cli_fields_add (fields, _("Supported until"),
                       g_dngettext (GETTEXT_PACKAGE,
                                    "%u more release ships",
                                    "%u more releases ship",
                                    verdict->releases_until_unsupported),
                       verdict->releases_until_unsupported);
  /* An unsupported version has no end to estimate: no line rather than
   * a reason that repeats its status. */
  if (row->estimate->available)
    lt_cli_fields_add (fields, _("Support ends"), _("%s (estimate)"), row->estimate->label);
  else if (verdict->hotfix_eligible)
    lt_cli_fields_add (fields, _("Support ends"), "%s", row->estimate->reason);
  lt_cli_fields_print (fields);

  g_print ("\n%s\n", verdict->message);
  if (verdict->withdrawn_message != NULL)
    g_print (_("Warning: %s\n"), verdict->withdrawn_message);
}

/* --ics FILE: the estimated end-of-support dates of every installation,
 * by the same writer as the file a sync regenerates. */
static gboolean
export_calendar (const char        *path,
                 GListModel        *installations,
                 EligibilityFacts  *facts,
                 const GDate       *today,
                 GDateTime         *now,
                 guint             *n_events,
                 GError           **error)
{
  g_autofree char *calendar = lt_icalendar_export_support_end (installations, facts->catalog,
                                                               facts->policy, today, now,
                                                               n_events);

  if (g_str_equal (path, "-"))
    {
      /* The calendar is the output: CRLF and all, nothing else. */
      fwrite (calendar, 1, strlen (calendar), stdout);
      return TRUE;
    }
  if (!g_file_set_contents (path, calendar, -1, error))
    {
      g_prefix_error (error, "--ics: ");
      return FALSE;
    }
  return TRUE;
}

/* `eligibility --all`: every installation of the store, judged by core
 * against the catalog and policy the last sync saved (else the bundled
 * ones), as the app and the profile's support-end.ics are; --catalog and
 * --policy still win. */
static int
run_all (LtCli       *cli,
         const char  *catalog_path,
         const GDate *today,
         GDateTime   *now,
         const char  *ics_path,
         gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreInstallations) installations = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_auto(EligibilityFacts) facts = { 0 };
  LtStore *store;
  LtPolicy *policy;
  guint n_events = 0;
  guint n;

  if ((store = lt_cli_get_store_for_reading (cli, &error)) == NULL ||
      (catalog = catalog_path != NULL ? lt_cli_load_catalog (catalog_path, &error)
                                      : lt_cli_load_effective_catalog (store, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
      (installations = lt_store_installations_new (store, &error)) == NULL)
    return lt_cli_fail (cli, error);

  n = g_list_model_get_n_items (G_LIST_MODEL (installations));
  if (n == 0)
    {
      /* Exit 1, not 0: `eligibility --all && upgrade` must not pass
       * without having checked anything (issue 13). */
      g_set_error_literal (&error, LT_ERROR, LT_ERROR_NOT_FOUND,
                           _("no installations to check; add one with “ltsupport installation add”"));
      lt_cli_fail (cli, error);
      return LT_CLI_EXIT_NO;
    }

  facts_init (&facts, catalog, policy, today);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (G_LIST_MODEL (installations), i);
      char *reason = NULL;
      LtEligibility *verdict = lt_cli_check_installation (installation, catalog, policy, &reason);

      facts_add (&facts, installation, verdict, reason);
    }

  if (ics_path != NULL &&
      !export_calendar (ics_path, G_LIST_MODEL (installations), &facts, today, now, &n_events, &error))
    return lt_cli_fail (cli, error);
  if (ics_path != NULL && g_str_equal (ics_path, "-"))
    return facts.all_eligible ? LT_CLI_EXIT_OK : LT_CLI_EXIT_NO;

  if (json)
    print_json (&facts, TRUE);
  else
    {
      print_all (&facts);
      if (ics_path != NULL)
        {
          g_autofree char *display = g_filename_display_name (ics_path);

          g_print (g_dngettext (GETTEXT_PACKAGE,
                                "Saved %u estimated end of support to %s (iCalendar).\n",
                                "Saved %u estimated ends of support to %s (iCalendar).\n",
                                n_events), n_events, display);
        }
    }

  return facts.all_eligible ? LT_CLI_EXIT_OK : LT_CLI_EXIT_NO;
}

int
lt_cli_eligibility_run (LtCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autofree char *catalog_path = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *ics_path = NULL;
  gboolean json = FALSE;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_path,
      N_("Use the release catalog in FILE instead of the bundled one"), N_("FILE") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Check every installation of the local store instead of VERSION"), NULL },
    { "ics", 0, 0, G_OPTION_ARG_FILENAME, &ics_path,
      N_("With --all, also save the estimated ends of support as an iCalendar file "
         "(“-”: print it instead of the table)"), N_("FILE") },
    LT_CLI_NOW_OPTION (now_text),
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "VERSION" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtVersion) installed = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_auto(EligibilityFacts) facts = { 0 };
  GDate today;
  LtPolicy *policy;
  LtEligibility *verdict;

  context = lt_cli_context_new (cli, _("VERSION | --all"),
                                _("Prints whether VERSION is current, supported, unsupported "
                                  "or unknown (newer than the catalog), and whether it can "
                                  "receive hotfixes, with an estimate of when its support "
                                  "ends from the catalog's release pace. Exit status 0 when "
                                  "it can, 1 when it cannot. With --all, checks every "
                                  "installation: 0 when all can, 1 when any cannot (an "
                                  "installation without a known version cannot) or when "
                                  "there is no installation to check."),
                                entries);
  if (!lt_cli_parse_range (cli, context, &argc, &argv, 0, G_N_ELEMENTS (arg_names), arg_names,
                           &error))
    return lt_cli_fail (cli, error);

  if (all && argc > 1)
    {
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”: --all checks "
                                                    "every installation"), argv[1]);

      lt_cli_set_usage_error (cli, &error, message);
      return lt_cli_fail (cli, error);
    }
  if (!all && argc < 2)
    {
      g_autofree char *message = g_strdup_printf (_("missing %s argument"), arg_names[0]);

      lt_cli_set_usage_error (cli, &error, message);
      return lt_cli_fail (cli, error);
    }
  if (!all && ics_path != NULL)
    {
      lt_cli_set_usage_error (cli, &error, _("--ics needs --all: the calendar holds the "
                                              "installations of the local store"));
      return lt_cli_fail (cli, error);
    }
  if ((now = lt_cli_parse_now (now_text, &error)) == NULL)
    return lt_cli_fail (cli, error);
  /* "Today" is the user's day, as every date the CLI prints. */
  local = g_date_time_to_local (now);
  lt_date_set_from_instant (&today, local);

  if (!all && (installed = lt_version_parse (argv[1], &error)) == NULL)
    {
      g_prefix_error (&error, "VERSION: ");
      return lt_cli_fail (cli, error);
    }
  if (all)
    return run_all (cli, catalog_path, &today, now, ics_path, json);

  if ((catalog = lt_cli_load_catalog (catalog_path, &error)) == NULL ||
      (policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);

  facts_init (&facts, catalog, policy, &today);
  verdict = lt_release_catalog_check_version_for_policy (catalog, installed, policy);
  facts_add (&facts, NULL, verdict, NULL);

  if (json)
    print_json (&facts, FALSE);
  else
    print_one (&facts);

  return facts.all_eligible ? LT_CLI_EXIT_OK : LT_CLI_EXIT_NO;
}
