/* lt-cli-eligibility.c: ltsupport eligibility
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-release-catalog.h"
#include "lt-version.h"

#include <glib/gi18n-lib.h>

static LtReleaseCatalog *
load_catalog (const char  *path,
              GError     **error)
{
  LtReleaseCatalog *catalog;

  if (path == NULL)
    {
      catalog = lt_release_catalog_new_default (error);
      if (catalog == NULL)
        g_prefix_error (error, _("bundled release catalog: "));
      return catalog;
    }

  catalog = lt_release_catalog_new_from_file (path, error);
  /* A read error already names the file; a data error names only the JSON
   * path, so say which document it is in. */
  if (catalog == NULL && error != NULL && g_error_matches (*error, LT_ERROR, LT_ERROR_INVALID_DATA))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_prefix_error (error, _("catalog file “%s”: "), display);
    }
  return catalog;
}

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

int
lt_cli_eligibility_run (LtCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autofree char *catalog_path = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_path,
      N_("Use the release catalog in FILE instead of the bundled one"), N_("FILE") },
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

  context = lt_cli_context_new (cli, "VERSION",
                                _("Prints whether VERSION is current, supported, unsupported "
                                  "or unknown (newer than the catalog), and whether it can "
                                  "receive hotfixes. Exit status 0 when it can, 1 when it "
                                  "cannot."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error))
    return lt_cli_fail (cli, error);

  if ((installed = lt_version_parse (argv[1], &error)) == NULL)
    {
      g_prefix_error (&error, "VERSION: ");
      return lt_cli_fail (cli, error);
    }
  if ((catalog = load_catalog (catalog_path, &error)) == NULL ||
      (policy = lt_cli_get_policy (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);

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
