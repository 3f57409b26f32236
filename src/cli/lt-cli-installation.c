/* lt-cli-installation.c: ltsupport installation add|list|remove|detect
 *
 * The customer's on-prem servers, kept in the local store. The version of
 * each is typed in (--version), read from a version file (--file) or
 * fetched from a URL (--url) through the portal client's HTTP stack.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-store-installations.h"
#include "lt-version-detect.h"

#include <glib/gi18n-lib.h>

static LtStoreInstallations *
open_installations (LtCli     *cli,
                    gboolean   writing,
                    GError   **error)
{
  LtStore *store = writing ? lt_cli_get_store (cli, error) : lt_cli_get_store_for_reading (cli, error);

  if (store == NULL)
    return NULL;
  return lt_store_installations_new (store, error);
}

static const char *
method_nick (LtInstallation *installation)
{
  return lt_enum_to_nick (LT_TYPE_DETECTION_METHOD,
                          lt_installation_get_detection_method (installation));
}

static void
build_installation (JsonBuilder      *builder,
                    LtInstallation   *installation,
                    LtReleaseCatalog *catalog,
                    LtPolicy         *policy)
{
  g_autofree char *reason = NULL;
  g_autoptr(LtEligibility) verdict = lt_cli_check_installation (installation, catalog,
                                                                policy, &reason);

  json_builder_begin_object (builder);
  lt_cli_add_string_member (builder, "id", lt_installation_get_id (installation));
  lt_cli_add_string_member (builder, "name", lt_installation_get_name (installation));
  lt_cli_add_string_member (builder, "host", lt_installation_get_host (installation));
  lt_cli_add_string_member (builder, "method", method_nick (installation));
  lt_cli_add_string_member (builder, "source", lt_installation_get_location (installation));
  lt_cli_add_string_member (builder, "version", lt_installation_get_detected_version (installation));
  lt_cli_add_instant_member (builder, "detected_at", lt_installation_get_detected_at (installation));
  lt_cli_add_string_member (builder, "note", lt_installation_get_note (installation));
  json_builder_set_member_name (builder, "eligibility");
  json_builder_begin_object (builder);
  lt_cli_build_eligibility_members (builder, catalog, policy, verdict, reason);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static char *
describe_source (LtInstallation *installation)
{
  switch (lt_installation_get_detection_method (installation))
    {
    case LT_DETECTION_METHOD_FILE:
      /* TRANSLATORS: how the version is found; %s is a file name */
      return g_strdup_printf (_("read from the file %s"), lt_installation_get_location (installation));
    case LT_DETECTION_METHOD_HTTP:
      /* TRANSLATORS: how the version is found; %s is a URL */
      return g_strdup_printf (_("fetched from %s"), lt_installation_get_location (installation));
    case LT_DETECTION_METHOD_MANUAL:
    default:
      return g_strdup (_("entered by hand"));
    }
}

static void
print_installation (LtInstallation   *installation,
                    LtReleaseCatalog *catalog,
                    LtPolicy         *policy)
{
  g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
  g_autofree char *reason = NULL;
  g_autoptr(LtEligibility) verdict = lt_cli_check_installation (installation, catalog,
                                                                policy, &reason);
  g_autofree char *source = describe_source (installation);
  g_autofree char *detected = lt_cli_format_local_instant (lt_installation_get_detected_at (installation),
                                                           _("never"));
  const char *version = lt_installation_get_detected_version (installation);
  const char *host = lt_installation_get_host (installation);
  const char *note = lt_installation_get_note (installation);

  g_print ("%s\n", lt_installation_get_name (installation));
  lt_cli_fields_add (fields, _("Id"), "%s", lt_installation_get_id (installation));
  lt_cli_fields_add (fields, _("Host"), "%s", host != NULL ? host : _("none"));
  lt_cli_fields_add (fields, _("Version"), "%s", version != NULL ? version : _("not known"));
  lt_cli_fields_add (fields, _("Source"), "%s", source);
  lt_cli_fields_add (fields, _("Detected"), "%s", detected);
  lt_cli_fields_add (fields, _("Status"), "%s", lt_cli_eligibility_status_text (verdict));
  lt_cli_fields_add (fields, _("Hotfix eligible"), "%s",
                     verdict != NULL && verdict->hotfix_eligible ? _("yes") : _("no"));
  if (note != NULL)
    lt_cli_fields_add (fields, _("Note"), "%s", note);
  lt_cli_fields_print_indented (fields, 2);
}

/* ---- add ---------------------------------------------------------------- */

/* lt_installation_validate() checks the name first, then the source the
 * method needs, then the version: name the option the message is about. */
static const char *
validation_subject (LtInstallation *installation,
                    const char     *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  if (stripped[0] == '\0')
    return "NAME";
  switch (lt_installation_get_detection_method (installation))
    {
    case LT_DETECTION_METHOD_FILE:
      return "--file";
    case LT_DETECTION_METHOD_HTTP:
      return "--url";
    case LT_DETECTION_METHOD_MANUAL:
    default:
      return "--version";
    }
}

int
lt_cli_installation_add_run (LtCli  *cli,
                             int     argc,
                             char  **argv)
{
  g_autofree char *host = NULL;
  g_autofree char *version = NULL;
  g_autofree char *file = NULL;
  g_autofree char *url = NULL;
  g_autofree char *note = NULL;
  g_autofree char *catalog_path = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host,
      N_("The server's host name (required)"), N_("HOST") },
    { "version", 0, 0, G_OPTION_ARG_STRING, &version,
      N_("The installed version, entered by hand"), N_("VERSION") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("Read the version from this file (an absolute path), e.g. /opt/lockthreat/VERSION"),
      N_("PATH") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("Fetch the version from this http(s) URL"), N_("URL") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note for yourself"), N_("TEXT") },
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_path,
      N_("Judge eligibility with the release catalog in FILE"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "NAME" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreInstallations) installations = NULL;
  g_autoptr(LtInstallation) installation = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  LtPolicy *policy;
  guint n_sources;

  context = lt_cli_context_new (cli, "NAME",
                                _("Adds an installation. Give its version with exactly one of "
                                  "--version (entered by hand), --file (read from a version "
                                  "file now and by “installation detect”) or --url (fetched "
                                  "the same way)."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error))
    return lt_cli_fail (cli, error);

  n_sources = (version != NULL) + (file != NULL) + (url != NULL);
  if (n_sources != 1)
    {
      lt_cli_set_usage_error (cli, &error,
                              n_sources == 0
                                ? _("missing the version source: give one of --version, --file or --url")
                                : _("give only one of --version, --file or --url"));
      return lt_cli_fail (cli, error);
    }
  if (!lt_cli_require_option ("--host", host, &error))
    {
      g_autofree char *message = g_strdup (error->message);

      g_clear_error (&error);
      lt_cli_set_usage_error (cli, &error, message);
      return lt_cli_fail (cli, error);
    }

  installation = lt_installation_new ();
  lt_installation_set_name (installation, argv[1]);
  lt_installation_set_host (installation, host);
  lt_installation_set_note (installation, note != NULL && note[0] != '\0' ? note : NULL);
  if (version != NULL)
    {
      lt_installation_set_detection_method (installation, LT_DETECTION_METHOD_MANUAL);
      lt_installation_set_detected_version (installation, version);
      lt_installation_set_detected_at (installation, now);
    }
  else if (file != NULL)
    {
      lt_installation_set_detection_method (installation, LT_DETECTION_METHOD_FILE);
      lt_installation_set_location (installation, file);
    }
  else
    {
      lt_installation_set_detection_method (installation, LT_DETECTION_METHOD_HTTP);
      lt_installation_set_location (installation, url);
    }

  if (!lt_installation_validate (installation, &error))
    {
      g_prefix_error (&error, "%s: ", validation_subject (installation, argv[1]));
      return lt_cli_fail (cli, error);
    }

  /* Load what the answer needs before writing, so that a bad --catalog
   * does not leave a half-reported change behind. */
  if ((catalog = lt_cli_load_catalog (catalog_path, &error)) == NULL ||
      (policy = lt_cli_get_policy (cli, &error)) == NULL ||
      (installations = open_installations (cli, TRUE, &error)) == NULL)
    return lt_cli_fail (cli, error);

  if ((file != NULL && !lt_version_detect_installation_file (installation, now, &error)) ||
      (url != NULL && !lt_cli_detect_http (installation, now, &error)))
    {
      /* The record is still worth keeping: the file may be readable later
       * (another mount, fixed permissions) or the server reachable, and
       * "detect" will try again. */
      g_printerr (_("ltsupport: warning: %s; the installation is added without a version\n"),
                  error->message);
      g_clear_error (&error);
    }

  if (!lt_store_installations_add (installations, installation, now, &error))
    return lt_cli_fail (cli, error);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      build_installation (builder, installation, catalog, policy);
      lt_cli_print_json (builder);
    }
  else
    print_installation (installation, catalog, policy);

  return LT_CLI_EXIT_OK;
}

/* ---- list --------------------------------------------------------------- */

int
lt_cli_installation_list_run (LtCli  *cli,
                              int     argc,
                              char  **argv)
{
  g_autofree char *catalog_path = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "catalog", 0, 0, G_OPTION_ARG_FILENAME, &catalog_path,
      N_("Judge eligibility with the release catalog in FILE"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreInstallations) installations = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  LtPolicy *policy;
  guint n;

  context = lt_cli_context_new (cli, NULL,
                                _("Lists the installations, sorted by name, with their "
                                  "version and whether it can receive hotfixes."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error))
    return lt_cli_fail (cli, error);

  if ((catalog = lt_cli_load_catalog (catalog_path, &error)) == NULL ||
      (policy = lt_cli_get_policy (cli, &error)) == NULL ||
      (installations = open_installations (cli, FALSE, &error)) == NULL)
    return lt_cli_fail (cli, error);

  n = g_list_model_get_n_items (G_LIST_MODEL (installations));
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LtInstallation) installation = g_list_model_get_item (G_LIST_MODEL (installations), i);

          build_installation (builder, installation, catalog, policy);
        }
      json_builder_end_array (builder);
      lt_cli_print_json (builder);
      return LT_CLI_EXIT_OK;
    }

  if (n == 0)
    g_print ("%s\n", _("No installations yet; add one with “ltsupport installation add”."));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (G_LIST_MODEL (installations), i);

      if (i > 0)
        g_print ("\n");
      print_installation (installation, catalog, policy);
    }
  return LT_CLI_EXIT_OK;
}

/* ---- remove ------------------------------------------------------------- */

static LtInstallation *
find_installation (LtStoreInstallations  *installations,
                   const char            *id_or_name,
                   GError               **error)
{
  LtInstallation *installation = lt_store_installations_find (installations, id_or_name, error);

  if (installation == NULL)
    g_prefix_error (error, "ID|NAME: ");
  return installation;
}

int
lt_cli_installation_remove_run (LtCli  *cli,
                                int     argc,
                                char  **argv)
{
  const char * const arg_names[] = { "ID|NAME" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreInstallations) installations = NULL;
  g_autoptr(LtInstallation) installation = NULL;

  context = lt_cli_context_new (cli, "ID|NAME",
                                _("Removes an installation, named by its id or its name."),
                                NULL);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error))
    return lt_cli_fail (cli, error);

  if ((installations = open_installations (cli, TRUE, &error)) == NULL ||
      (installation = find_installation (installations, argv[1], &error)) == NULL ||
      !lt_store_installations_remove (installations, lt_installation_get_id (installation), &error))
    return lt_cli_fail (cli, error);

  g_print (_("Removed the installation “%s” (%s).\n"),
           lt_installation_get_name (installation), lt_installation_get_id (installation));
  return LT_CLI_EXIT_OK;
}

/* ---- detect ------------------------------------------------------------- */

typedef enum
{
  DETECT_OK,
  DETECT_FAILED,      /* the file or URL could not be read or holds no version */
  DETECT_NOTHING,     /* manual: nothing to detect */
} DetectResult;

/* Detects one installation and stores the result. FALSE only when the
 * store could not be written (@error set). */
static gboolean
detect_one (LtStoreInstallations  *installations,
            LtInstallation        *installation,
            GDateTime             *now,
            DetectResult          *result,
            GError               **error)
{
  g_autoptr(GError) detect_error = NULL;
  g_autofree char *before = g_strdup (lt_installation_get_detected_version (installation));
  const char *name = lt_installation_get_name (installation);
  const char *after;

  switch (lt_installation_get_detection_method (installation))
    {
    case LT_DETECTION_METHOD_MANUAL:
      *result = DETECT_NOTHING;
      return TRUE;
    case LT_DETECTION_METHOD_HTTP:
    case LT_DETECTION_METHOD_FILE:
    default:
      break;
    }

  /* http goes through the portal client's HTTP stack (lt-cli-sync.c). */
  if (lt_installation_get_detection_method (installation) == LT_DETECTION_METHOD_HTTP
      ? !lt_cli_detect_http (installation, now, &detect_error)
      : !lt_version_detect_installation_file (installation, now, &detect_error))
    {
      g_printerr ("ltsupport: %s: %s\n", name, detect_error->message);
      *result = DETECT_FAILED;
      return TRUE;
    }

  if (!lt_store_installations_update (installations, installation, now, error))
    return FALSE;

  after = lt_installation_get_detected_version (installation);
  if (before != NULL && g_strcmp0 (before, after) != 0)
    /* TRANSLATORS: an installation's name, its new version and the old one */
    g_print (_("%s: %s (was %s)\n"), name, after, before);
  else
    g_print ("%s: %s\n", name, after);
  *result = DETECT_OK;
  return TRUE;
}

int
lt_cli_installation_detect_run (LtCli  *cli,
                                int     argc,
                                char  **argv)
{
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all,
      N_("Detect the version of every installation"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "ID|NAME" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreInstallations) installations = NULL;
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n_failed = 0;
  DetectResult result = DETECT_OK;

  context = lt_cli_context_new (cli, _("ID|NAME | --all"),
                                _("Reads the version file of an installation (or of all of "
                                  "them) again and stores the version found. Exit status 1 "
                                  "when a version could not be detected."),
                                entries);
  if (!lt_cli_parse_range (cli, context, &argc, &argv, 0, G_N_ELEMENTS (arg_names), arg_names,
                           &error))
    return lt_cli_fail (cli, error);

  if (all == (argc > 1))
    {
      lt_cli_set_usage_error (cli, &error,
                              all ? _("give either ID|NAME or --all, not both")
                                  : _("missing ID|NAME argument (or --all)"));
      return lt_cli_fail (cli, error);
    }

  if ((installations = open_installations (cli, TRUE, &error)) == NULL)
    return lt_cli_fail (cli, error);

  if (all)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (installations));

      /* Fresh copies, not the model's items: a failed write must not
       * leave the list showing a version that was not stored. */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LtInstallation) item = g_list_model_get_item (G_LIST_MODEL (installations), i);
          LtInstallation *copy = lt_store_installations_lookup (installations,
                                                                lt_installation_get_id (item),
                                                                &error);

          if (copy == NULL)
            return lt_cli_fail (cli, error);
          g_ptr_array_add (targets, copy);
        }
      if (n == 0)
        g_print ("%s\n", _("No installations yet; add one with “ltsupport installation add”."));
    }
  else
    {
      LtInstallation *installation = find_installation (installations, argv[1], &error);

      if (installation == NULL)
        return lt_cli_fail (cli, error);
      if (lt_installation_get_detection_method (installation) == LT_DETECTION_METHOD_MANUAL)
        {
          g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("ID|NAME: the version of “%s” is entered by hand; there is "
                         "nothing to detect"),
                       lt_installation_get_name (installation));
          g_object_unref (installation);
          return lt_cli_fail (cli, error);
        }
      g_ptr_array_add (targets, installation);
    }

  for (guint i = 0; i < targets->len; i++)
    {
      LtInstallation *installation = g_ptr_array_index (targets, i);

      if (!detect_one (installations, installation, now, &result, &error))
        return lt_cli_fail (cli, error);

      if (result == DETECT_NOTHING)
        g_print (_("%s: %s, entered by hand\n"), lt_installation_get_name (installation),
                 lt_installation_get_detected_version (installation));
      else if (result != DETECT_OK)
        n_failed++;
    }

  return n_failed > 0 ? LT_CLI_EXIT_NO : LT_CLI_EXIT_OK;
}
