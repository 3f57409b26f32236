/* lt-cli-eligibility.c: ltsupport eligibility
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-installation.h"
#include "lt-release-catalog.h"
#include "lt-store-installations.h"
#include "lt-version.h"
#include "lt-text-util.h"

#include <glib/gi18n-lib.h>

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

/* `eligibility --all`: every installation of the store, judged by core. */
static int
run_all (LtCli            *cli,
         LtReleaseCatalog *catalog,
         LtPolicy         *policy,
         gboolean          json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreInstallations) installations = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) table = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  gboolean all_eligible = TRUE;
  LtStore *store;
  guint n;

  if ((store = lt_cli_get_store_for_reading (cli, &error)) == NULL ||
      (installations = lt_store_installations_new (store, &error)) == NULL)
    return lt_cli_fail (cli, error);

  n = g_list_model_get_n_items (G_LIST_MODEL (installations));
  g_ptr_array_add (table, g_strdup (_("Name")));
  g_ptr_array_add (table, g_strdup (_("Version")));
  g_ptr_array_add (table, g_strdup (_("Status")));
  g_ptr_array_add (table, g_strdup (_("Hotfix eligible")));
  json_builder_begin_array (builder);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (G_LIST_MODEL (installations), i);
      g_autofree char *reason = NULL;
      g_autoptr(LtEligibility) verdict = lt_cli_check_installation (installation, catalog,
                                                                    policy, &reason);
      const char *name = lt_installation_get_name (installation);
      gboolean eligible = verdict != NULL && verdict->hotfix_eligible;

      all_eligible = all_eligible && eligible;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, lt_installation_get_id (installation));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, name);
      lt_cli_build_eligibility_members (builder, catalog, policy, verdict, reason);
      json_builder_end_object (builder);

      g_ptr_array_add (table, g_strdup (name));
      g_ptr_array_add (table, g_strdup (verdict != NULL ? lt_version_to_string (verdict->installed)
                                                        : _("none")));
      g_ptr_array_add (table, g_strdup (lt_cli_eligibility_status_text (verdict)));
      g_ptr_array_add (table, g_strdup (eligible ? _("yes") : _("no")));
      /* Say why for each installation that is not eligible, and warn about
       * a withdrawn release even when it is. */
      if (!eligible)
        g_ptr_array_add (notes, g_strdup_printf ("%s: %s", name,
                                                 verdict != NULL ? verdict->message : reason));
      if (verdict != NULL && verdict->withdrawn_message != NULL)
        g_ptr_array_add (notes, g_strdup_printf (_("%s: Warning: %s"), name,
                                                 verdict->withdrawn_message));
    }
  json_builder_end_array (builder);

  if (json)
    lt_cli_print_json (builder);
  else if (n == 0)
    g_print ("%s\n", _("No installations yet; add one with “ltsupport installation add”."));
  else
    {
      print_table (table, 4);
      if (notes->len > 0)
        g_print ("\n");
      for (guint i = 0; i < notes->len; i++)
        g_print ("%s\n", (const char *) g_ptr_array_index (notes, i));
    }

  return all_eligible ? LT_CLI_EXIT_OK : LT_CLI_EXIT_NO;
}

int
lt_cli_eligibility_run (LtCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autofree char *catalog_path = NULL;
  gboolean json = FALSE;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_path,
      N_("Use the release catalog in FILE instead of the bundled one"), N_("FILE") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Check every installation of the local store instead of VERSION"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "VERSION" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtVersion) installed = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(LtEligibility) verdict = NULL;
  LtPolicy *policy;
  const char *status;

  context = lt_cli_context_new (cli, _("VERSION | --all"),
                                _("Prints whether VERSION is current, supported, unsupported "
                                  "or unknown (newer than the catalog), and whether it can "
                                  "receive hotfixes. Exit status 0 when it can, 1 when it "
                                  "cannot. With --all, checks every installation: 0 when all "
                                  "can, 1 when any cannot (an installation without a known "
                                  "version cannot)."),
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

  if (!all && (installed = lt_version_parse (argv[1], &error)) == NULL)
    {
      g_prefix_error (&error, "VERSION: ");
      return lt_cli_fail (cli, error);
    }
  if ((catalog = lt_cli_load_catalog (catalog_path, &error)) == NULL ||
      (policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);

  if (all)
    return run_all (cli, catalog, policy, json);

  verdict = lt_release_catalog_check_version_for_policy (catalog, installed, policy);
  status = lt_enum_to_nick (LT_TYPE_SUPPORT_STATUS, verdict->status);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_version_member (builder, "version", verdict->installed);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, status);
      add_version_member (builder, "current", verdict->current);
      add_version_member (builder, "floor", verdict->floor);
      json_builder_set_member_name (builder, "hotfix_eligible");
      json_builder_add_boolean_value (builder, verdict->hotfix_eligible);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, verdict->message);
      json_builder_end_object (builder);
      lt_cli_print_json (builder);
    }
  else
    {
      g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
      const char *version = lt_version_to_string (verdict->installed);

      lt_cli_fields_add (fields, _("Version"), "%s", version);
      lt_cli_fields_add (fields, _("Status"), "%s", status);
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
      lt_cli_fields_print (fields);

      g_print ("\n%s\n", verdict->message);
      if (verdict->withdrawn_message != NULL)
        g_print (_("Warning: %s\n"), verdict->withdrawn_message);
    }

  return verdict->hotfix_eligible ? LT_CLI_EXIT_OK : LT_CLI_EXIT_NO;
}
