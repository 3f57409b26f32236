/* lt-cli.c: argument parsing and output shared by the ltsupport commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-text-util.h"
#include "lt-types.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The "schema_version" of the running command's --json output
 * (LtCliCommand.json_schema_version): one command runs per process. */
static guint running_schema_version = 1;

static void
commit_policy_path (LtCli *cli)
{
  /* Each context stores --policy in the pending slot so that a value given
   * both before and after the subcommand does not leak: the last wins. */
  if (cli->pending_policy_path != NULL)
    {
      g_free (cli->policy_path);
      cli->policy_path = g_steal_pointer (&cli->pending_policy_path);
    }
  /* --profile works the same way. */
  if (cli->pending_profile_path != NULL)
    {
      g_free (cli->profile_path);
      cli->profile_path = g_steal_pointer (&cli->pending_profile_path);
    }
  /* And --portal. */
  if (cli->pending_portal_url != NULL)
    {
      g_free (cli->portal_url);
      cli->portal_url = g_steal_pointer (&cli->pending_portal_url);
    }
}

GOptionContext *
lt_cli_context_new (LtCli              *cli,
                    const char         *parameter_string,
                    const char         *summary,
                    const GOptionEntry *entries)
{
  const GOptionEntry global_entries[] = {
    { "policy", 0, 0, G_OPTION_ARG_FILENAME, &cli->pending_policy_path,
      N_("Use the policy in FILE instead of the bundled default"), N_("FILE") },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &cli->pending_profile_path,
      N_("Keep the local data in DIR (DIR/support.db) instead of the user's data folder; "
         "overrides $LTSUPPORT_PROFILE"), N_("DIR") },
    { "portal", 0, 0, G_OPTION_ARG_STRING, &cli->pending_portal_url,
      N_("Talk to the support portal at URL; overrides $LTSUPPORT_PORTAL and the saved "
         "setting"), N_("URL") },
    G_OPTION_ENTRY_NULL
  };
  GOptionContext *context = g_option_context_new (parameter_string);

  /* GOption writes the program name in the usage line; naming the whole
   * command path makes "ltsupport calendar holidays --help" read right. */
  g_set_prgname (cli->command);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);
  return context;
}

static void
set_usage_error (LtCli       *cli,
                 GError     **error,
                 const char  *message)
{
  cli->usage_error = TRUE;
  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               /* TRANSLATORS: the first %s is a message, the second a command such as "ltsupport calendar" */
               _("%s; see “%s --help”"), message, cli->command);
}

void
lt_cli_set_usage_error (LtCli       *cli,
                        GError     **error,
                        const char  *message)
{
  set_usage_error (cli, error, message);
}

gboolean
lt_cli_parse (LtCli               *cli,
              GOptionContext      *context,
              int                 *argc,
              char              ***argv,
              guint                n_args,
              const char * const  *arg_names,
              GError             **error)
{
  return lt_cli_parse_range (cli, context, argc, argv, n_args, n_args, arg_names, error);
}

gboolean
lt_cli_parse_range (LtCli               *cli,
                    GOptionContext      *context,
                    int                 *argc,
                    char              ***argv,
                    guint                min_args,
                    guint                max_args,
                    const char * const  *arg_names,
                    GError             **error)
{
  char **args;
  guint n_positional = 0;
  gboolean seen_separator = FALSE;

  if (!g_option_context_parse (context, argc, argv, error))
    {
      g_autofree char *message = g_strdup ((*error)->message);

      g_clear_error (error);
      set_usage_error (cli, error, message);
      return FALSE;
    }
  commit_policy_path (cli);

  /* GOption leaves a "--" separator in place when arguments follow it;
   * it only says where options end, so it is not a positional argument. */
  args = *argv;
  for (int i = 1; i < *argc; i++)
    {
      if (!seen_separator && g_strcmp0 (args[i], "--") == 0)
        {
          seen_separator = TRUE;
          continue;
        }
      args[1 + n_positional++] = args[i];
    }
  *argc = (int) n_positional + 1;
  args[*argc] = NULL;

  if (n_positional < min_args)
    {
      g_autofree char *message = g_strdup_printf (_("missing %s argument"),
                                                  arg_names[n_positional]);
      set_usage_error (cli, error, message);
      return FALSE;
    }
  if (n_positional > max_args)
    {
      g_autofree char *message = g_strdup_printf (_("unexpected argument “%s”"),
                                                  args[1 + max_args]);
      set_usage_error (cli, error, message);
      return FALSE;
    }
  return TRUE;
}

const char *
lt_cli_error_code (LtCli        *cli,
                   const GError *error)
{
  /* A small, stable set: scripts branch on these, so two LtError codes
   * that call for the same reaction share one, and a new LtError code
   * maps to an existing one unless scripts need to tell it apart. */
  if (error->domain != LT_ERROR)
    return "io";
  switch ((LtError) error->code)
    {
    case LT_ERROR_INVALID_INPUT:
      return cli->usage_error ? "usage" : "invalid-input";
    case LT_ERROR_INVALID_DATA:
      return "invalid-data";
    case LT_ERROR_NOT_FOUND:
      return "not-found";
    case LT_ERROR_NOT_ALLOWED:
      return "not-allowed";
    case LT_ERROR_STORE:
    case LT_ERROR_STORE_CORRUPT:
      return "store";
    case LT_ERROR_NETWORK:
    case LT_ERROR_TIMED_OUT:
    case LT_ERROR_SERVER:
    case LT_ERROR_RATE_LIMITED:
    case LT_ERROR_TLS:
      return "portal";
    case LT_ERROR_REJECTED:
      return "rejected";
    case LT_ERROR_UNAUTHORIZED:
    case LT_ERROR_CREDENTIALS:
      return "credentials";
    case LT_ERROR_OTHER_PORTAL:
      return "other-portal";
    }
  return "io";
}

void
lt_cli_print_error (LtCli        *cli,
                    const GError *error)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  cli->error_reported = TRUE;

  if (!cli->json)
    {
      g_printerr ("ltsupport: %s\n", error->message);
      return;
    }

  /* One line, the last on stderr: a warning printed before it stays a
   * line of text, and a script reads the error from the last line. */
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  lt_cli_add_string_member (builder, "code", lt_cli_error_code (cli, error));
  lt_cli_add_string_member (builder, "message", error->message);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_printerr ("%s\n", text);
}

int
lt_cli_fail (LtCli        *cli,
             const GError *error)
{
  if (cli->fail_func != NULL)
    return cli->fail_func (cli, error);
  lt_cli_print_error (cli, error);
  return cli->no_local_data ? LT_CLI_EXIT_NO : LT_CLI_EXIT_USAGE;
}

LtPolicy *
lt_cli_get_policy (LtCli   *cli,
                   GError **error)
{
  if (cli->policy != NULL)
    return cli->policy;

  if (cli->policy_path != NULL)
    {
      g_autofree char *display = g_filename_display_name (cli->policy_path);

      cli->policy = lt_policy_new_from_file (cli->policy_path, error);
      /* A read error already names the file; a data error names only the
       * JSON path, so say which document it is in. */
      if (cli->policy == NULL && error != NULL && g_error_matches (*error, LT_ERROR, LT_ERROR_INVALID_DATA))
        g_prefix_error (error, _("policy file “%s”: "), display);
    }
  else
    {
      cli->policy = lt_policy_new_default (error);
      if (cli->policy == NULL)
        g_prefix_error (error, _("bundled policy: "));
    }
  return cli->policy;
}

LtReleaseCatalog *
lt_cli_load_catalog (const char  *path,
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

/* The store's file by the precedence of docs/cli.md. */
char *
lt_cli_dup_store_path (LtCli   *cli,
                       GError **error)
{
  /* Precedence: the option, then the environment (which
   * lt_store_dup_default_path() reads), then the user's data folder. A
   * command line that names a profile must not be overridden by a
   * variable left in the shell. */
  if (cli->profile_path != NULL)
    {
      if (cli->profile_path[0] == '\0')
        {
          g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                               _("--profile: the folder name is empty"));
          return NULL;
        }
      return g_build_filename (cli->profile_path, LT_STORE_FILE_NAME, NULL);
    }
  return lt_store_dup_default_path ();
}

LtStore *
lt_cli_get_store (LtCli   *cli,
                  GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) notice = NULL;

  /* One store per run: a command decides up front whether it writes, so
   * a store opened for reading is only asked for again by code that reads
   * (the cached policy); callers hold it borrowed, so it is never
   * replaced. */
  if (cli->store != NULL)
    return cli->store;

  if ((path = lt_cli_dup_store_path (cli, error)) == NULL)
    return NULL;
  cli->store = lt_store_open (path, &notice, error);
  if (cli->store == NULL)
    return NULL;
  if (notice != NULL)
    g_printerr (_("ltsupport: warning: %s\n"), notice->message);
  return cli->store;
}

/* A command that only reads never creates a store: a mistyped profile
 * would otherwise be made, empty, and answer "nothing to report" (a false
 * green). The folder of a named profile must exist; where it does (or for
 * the user's data folder) but holds no store yet, the answer is that
 * there is no local data, an exit 1 through lt_cli_fail(). */
static gboolean
check_store_exists (LtCli       *cli,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *shown_folder = g_filename_display_name (folder);
  g_autofree char *shown_path = g_filename_display_name (path);
  const char *env = g_getenv (LT_STORE_PROFILE_ENV);
  const char *named_by = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (cli->profile_path != NULL)
    named_by = "--profile";
  else if (env != NULL && *env != '\0')
    named_by = "$" LT_STORE_PROFILE_ENV;
  if (named_by != NULL && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (folder, G_FILE_TEST_EXISTS))
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                     /* TRANSLATORS: the first %s is --profile or $LTSUPPORT_PROFILE */
                     _("%s: “%s” is not a folder"), named_by, shown_folder);
      else
        g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                     /* TRANSLATORS: the first %s is --profile or $LTSUPPORT_PROFILE */
                     _("%s: there is no profile folder “%s”; a command that only reads creates "
                       "none (check the name; the commands that change the data, such as "
                       "“ltsupport sync”, create it)"),
                     named_by, shown_folder);
      return FALSE;
    }

  cli->no_local_data = TRUE;
  g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
               _("there is no local data yet (no “%s”): nothing was fetched or added here; "
                 "“ltsupport sync” fetches it from the portal"),
               shown_path);
  return FALSE;
}

LtStore *
lt_cli_get_store_for_reading (LtCli   *cli,
                              GError **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  if (cli->store != NULL)
    return cli->store;

  if ((path = lt_cli_dup_store_path (cli, error)) == NULL ||
      !check_store_exists (cli, path, error))
    return NULL;
  /* As the commands that write open it, so that reading a profile also
   * recovers a damaged file and gives back the claims of processes that
   * are gone (both change nothing another process relies on); read-only
   * where that cannot be done, so that listing works on a profile the
   * user cannot write (a read-only folder or file system, an immutable
   * file). */
  if (lt_cli_get_store (cli, &local_error) != NULL)
    return cli->store;
  cli->store = lt_store_open_read_only (path, NULL);
  if (cli->store != NULL)
    {
      g_debug ("%s: opened read-only: %s", path, local_error->message);
      return cli->store;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

gboolean
lt_cli_parse_uint (const char  *what,
                   const char  *text,
                   guint        max,
                   guint       *value,
                   GError     **error)
{
  guint64 parsed;

  /* g_ascii_string_to_unsigned refuses signs, spaces and trailing junk
   * ("3x"), which is the strictness a script's typo deserves. */
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &parsed, NULL))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("%s: “%s” is not a whole number between 0 and %u"),
                   what, text, max);
      return FALSE;
    }
  *value = (guint) parsed;
  return TRUE;
}

GDateTime *
lt_cli_parse_now (const char  *text,
                  GError     **error)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (text == NULL)
    return g_date_time_new_now_utc ();
  if ((parsed = lt_instant_parse (text, error)) == NULL)
    {
      g_prefix_error (error, "--now: ");
      return NULL;
    }
  return g_date_time_to_utc (parsed);
}

gboolean
lt_cli_parse_date (const char  *what,
                   const char  *text,
                   GDate       *date,
                   GError     **error)
{
  if (!lt_date_parse (text, date, error))
    {
      g_prefix_error (error, "%s: ", what);
      return FALSE;
    }
  return TRUE;
}

gboolean
lt_cli_parse_enum (const char  *what,
                   GType        enum_type,
                   const char  *text,
                   int         *value,
                   GError     **error)
{
  if (!lt_enum_from_nick (enum_type, text, value, error))
    {
      g_prefix_error (error, "%s: ", what);
      return FALSE;
    }
  return TRUE;
}

gboolean
lt_cli_require_option (const char  *option,
                       const char  *value,
                       GError     **error)
{
  if (value == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("missing required option %s"), option);
      return FALSE;
    }
  return TRUE;
}

char *
lt_cli_format_long_date (const GDate *date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (g_date_get_year (date),
                                                 g_date_get_month (date),
                                                 g_date_get_day (date),
                                                 0, 0, 0);

  /* TRANSLATORS: a date written out, see g_date_time_format() */
  return g_date_time_format (dt, _("%A, %-d %B %Y"));
}

char *
lt_cli_describe_date (const GDate *date)
{
  g_autofree char *iso = lt_date_format (date);
  g_autofree char *written = NULL;

  /* GDateTime, which writes the weekday and month names, ends with the
   * year 9999; a date a rule computed past it (a policy updated on
   * 9999-12-31 is next reviewed in 10000) is written in digits only. */
  if (g_date_get_year (date) > 9999)
    return g_steal_pointer (&iso);
  written = lt_cli_format_long_date (date);
  return g_strdup_printf ("%s (%s)", iso, written);
}

char *
lt_cli_format_minute_of_day (guint minute)
{
  return g_strdup_printf ("%02u:%02u", minute / 60, minute % 60);
}

GPtrArray *
lt_cli_fields_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

void
lt_cli_fields_add (GPtrArray  *fields,
                   const char *label,
                   const char *format,
                   ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (fields, g_strdup (label));
  g_ptr_array_add (fields, g_strdup_vprintf (format, args));
  va_end (args);
}

void
lt_cli_fields_print (GPtrArray *fields)
{
  lt_cli_fields_print_indented (fields, 0);
}

void
lt_cli_fields_print_indented (GPtrArray *fields,
                              guint      indent)
{
  glong width = 0;

  /* Labels are translated, so their width is counted in characters, not
   * bytes, for the values to line up in any language. */
  for (guint i = 0; i < fields->len; i += 2)
    width = MAX (width, g_utf8_strlen (g_ptr_array_index (fields, i), -1));

  for (guint i = 0; i < fields->len; i += 2)
    {
      const char *label = g_ptr_array_index (fields, i);
      const char *value = g_ptr_array_index (fields, i + 1);
      glong pad = width - g_utf8_strlen (label, -1);
      /* One row per field: a value from the portal with a line break
       * must not draw a row of its own. */
      g_autofree char *shown = lt_text_dup_displayable (value, LT_TEXT_SINGLE_LINE);

      g_print ("%*s%s:%*s %s\n", (int) indent, "", label, (int) pad, "", shown);
    }
}

void
lt_cli_build_holidays (JsonBuilder *builder,
                       GArray      *holidays)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < holidays->len; i++)
    {
      const LtHoliday *h = &g_array_index (holidays, LtHoliday, i);
      g_autofree char *date = lt_date_format (&h->date);
      g_autofree char *actual = lt_date_format (&h->actual);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, date);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, h->name);
      json_builder_set_member_name (builder, "actual");
      json_builder_add_string_value (builder, actual);
      json_builder_set_member_name (builder, "observed");
      json_builder_add_boolean_value (builder, h->observed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

char *
lt_cli_format_local_instant (GDateTime  *instant,
                             const char *none)
{
  g_autoptr(GDateTime) local = NULL;

  if (instant == NULL)
    return g_strdup (none);
  /* A row stored before the range was checked: its local time may not
   * exist (year 0 or 10000), and it is not a real date anyway. */
  if (!lt_instant_is_supported (instant))
    return g_strdup (lt_instant_get_invalid_label ());
  /* People read their own clock; scripts get UTC from --json. */
  local = g_date_time_to_local (instant);
  return g_date_time_format (local, "%Y-%m-%d %H:%M %:z");
}

void
lt_cli_add_string_member (JsonBuilder *builder,
                          const char  *name,
                          const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
lt_cli_add_instant_member (JsonBuilder *builder,
                           const char  *name,
                           GDateTime   *instant)
{
  g_autofree char *text = instant != NULL ? lt_instant_format (instant) : NULL;

  lt_cli_add_string_member (builder, name, text);
}

void
lt_cli_add_date_member (JsonBuilder *builder,
                        const char  *name,
                        const GDate *date)
{
  g_autofree char *text = lt_date_format (date);

  lt_cli_add_string_member (builder, name, text);
}

void
lt_cli_add_int_member (JsonBuilder *builder,
                       const char  *name,
                       gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
lt_cli_add_boolean_member (JsonBuilder *builder,
                           const char  *name,
                           gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

void
lt_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) answer = json_builder_get_root (builder);

  lt_cli_print_json_node (answer);
}

void
lt_cli_print_json_node (JsonNode *answer)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) envelope = json_object_new ();
  g_autofree char *text = NULL;

  g_return_if_fail (JSON_NODE_HOLDS_OBJECT (answer) || JSON_NODE_HOLDS_ARRAY (answer));

  /* The version first, so that a reader of a stream or of the first
   * lines knows at once which schema the rest follows. json-glib keeps
   * members in the order they were added. */
  json_object_set_int_member (envelope, "schema_version", running_schema_version);
  if (JSON_NODE_HOLDS_ARRAY (answer))
    json_object_set_member (envelope, "items", json_node_copy (answer));
  else
    {
      JsonObject *object = json_node_get_object (answer);
      g_autoptr(GList) names = json_object_get_members (object);

      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (envelope, l->data,
                                json_node_copy (json_object_get_member (object, l->data)));
    }
  json_node_set_object (root, envelope);

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static int run_group (LtCli              *cli,
                      const LtCliCommand *commands,
                      const char         *summary,
                      gboolean            is_root,
                      int                 argc,
                      char              **argv);

int
lt_cli_run_group (LtCli               *cli,
                  const LtCliCommand  *commands,
                  const char          *summary,
                  int                  argc,
                  char               **argv)
{
  return run_group (cli, commands, summary, FALSE, argc, argv);
}

static char *
describe_commands (const LtCliCommand *commands,
                   gboolean            is_root)
{
  g_autoptr(GString) text = g_string_new (_("Commands:"));
  int width = is_root ? (int) strlen ("help") : 0;

  for (const LtCliCommand *c = commands; c->name != NULL; c++)
    width = MAX (width, (int) strlen (c->name));
  for (const LtCliCommand *c = commands; c->name != NULL; c++)
    g_string_append_printf (text, "\n  %-*s  %s", width, c->name, _(c->summary));
  if (is_root)
    g_string_append_printf (text, "\n  %-*s  %s", width, "help",
                            _("The help of a command: “ltsupport help ticket show” is "
                              "“ltsupport ticket show --help”"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
list_command_names (const LtCliCommand *commands,
                    gboolean            is_root)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (const LtCliCommand *c = commands; c->name != NULL; c++)
    g_string_append_printf (text, "%s%s", c == commands ? "" : ", ", c->name);
  if (is_root)
    g_string_append (text, ", help");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static int
run_group (LtCli              *cli,
           const LtCliCommand *commands,
           const char         *summary,
           gboolean            is_root,
           int                 argc,
           char              **argv)
{
  const GOptionEntry root_entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, &cli->show_version,
      N_("Show the program version"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = describe_commands (commands, is_root);
  g_autofree char *names = list_command_names (commands, is_root);
  const LtCliCommand *found = NULL;
  g_autofree char *parent = NULL;

  context = lt_cli_context_new (cli, _("COMMAND [ARGUMENT…]"), summary,
                                is_root ? root_entries : NULL);
  g_option_context_set_description (context, description);
  /* Stop at the command name: the options after it are the command's. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_autofree char *message = g_strdup (error->message);

      g_clear_error (&error);
      set_usage_error (cli, &error, message);
      return lt_cli_fail (cli, error);
    }
  commit_policy_path (cli);

  if (is_root && cli->show_version)
    {
      g_print ("ltsupport %s\n", PACKAGE_VERSION);
      return LT_CLI_EXIT_OK;
    }

  if (argc >= 2 && g_strcmp0 (argv[1], "--") == 0)
    {
      argv++;
      argc--;
    }
  if (argc < 2)
    {
      g_autofree char *message = g_strdup_printf (_("missing COMMAND argument (one of: %s)"), names);

      set_usage_error (cli, &error, message);
      return lt_cli_fail (cli, error);
    }

  /* `ltsupport help [COMMAND…]` is `ltsupport [COMMAND…] --help`, the
   * same text from the same place; an unknown command is the same usage
   * error. */
  if (is_root && g_strcmp0 (argv[1], "help") == 0)
    {
      g_autofree char **help_argv = g_new0 (char *, argc + 1);
      int help_argc = 0;

      help_argv[help_argc++] = argv[0];
      for (int i = 2; i < argc; i++)
        help_argv[help_argc++] = argv[i];
      help_argv[help_argc++] = (char *) "--help";
      return run_group (cli, commands, summary, TRUE, help_argc, help_argv);
    }

  for (const LtCliCommand *c = commands; c->name != NULL; c++)
    if (g_strcmp0 (c->name, argv[1]) == 0)
      found = c;
  if (found == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a command (expected one of: %s)"),
                                                  argv[1], names);

      set_usage_error (cli, &error, message);
      return lt_cli_fail (cli, error);
    }

  parent = g_steal_pointer (&cli->command);
  cli->command = g_strdup_printf ("%s %s", parent, found->name);
  if (found->children != NULL)
    return run_group (cli, found->children, _(found->summary), FALSE, argc - 1, argv + 1);
  running_schema_version = MAX (found->json_schema_version, 1);
  return found->run (cli, argc - 1, argv + 1);
}

/* Standard output is held until the command's exit status is known, and
 * dropped when it is a usage error (exit 2 with an error reported): a script that runs
 * `ltsupport … > out` must never find the first half of an answer, or a
 * zeroed summary, next to an error (docs/cli.md, "Exit status").
 * Handlers compute first and print last, so this is only the safety
 * net; it holds at most OUTPUT_HOLD_MAX bytes, after which the output
 * streams: a command that has printed that much is printing a list it
 * has already computed (100,000 tickets), and holding all of it would
 * cost its memory twice. */
#define OUTPUT_HOLD_MAX (1024 * 1024)

static GString *held_output;
static gboolean output_streaming;

static void
write_stdout (const char *text,
              gsize       length,
              gboolean    flush)
{
  if (!output_streaming)
    {
      if (held_output == NULL)
        held_output = g_string_sized_new (4096);
      g_string_append_len (held_output, text, length);
      if (held_output->len <= OUTPUT_HOLD_MAX)
        return;
      output_streaming = TRUE;
      fwrite (held_output->str, 1, held_output->len, stdout);
      g_string_free (g_steal_pointer (&held_output), TRUE);
    }
  else
    fwrite (text, 1, length, stdout);
  if (flush)
    fflush (stdout);
}

/* Writes what was held (@keep) or drops it. */
static void
release_output (gboolean keep)
{
  if (held_output != NULL)
    {
      if (keep)
        fwrite (held_output->str, 1, held_output->len, stdout);
      g_string_free (g_steal_pointer (&held_output), TRUE);
    }
  output_streaming = TRUE;
  fflush (stdout);
}

/* GOption prints --help with g_print() and calls exit (0). */
static void
release_output_at_exit (void)
{
  release_output (TRUE);
}

/* Everything ltsupport prints passes here: text from the portal, from
 * files and from other people is in titles, comments, error messages and
 * file names, and an ESC or a C1 control in it could retitle or clear the
 * terminal (docs/cli.md, "Text from outside"). Single-line values (a
 * title in a table) are escaped where they are formatted; this catches
 * the rest, keeping line breaks. JSON stays JSON: the escape has JSON's
 * spelling, and json-glib already escapes the controls it knows. */
static char *
dup_displayable (const char *text)
{
  g_autofree char *shown = lt_text_dup_displayable (text, LT_TEXT_MULTI_LINE);
  const char *charset = NULL;
  char *converted;

  /* What g_print() itself does: convert to the terminal's charset. */
  if (g_get_console_charset (&charset))
    return g_steal_pointer (&shown);
  converted = g_convert_with_fallback (shown, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  return converted != NULL ? converted : g_steal_pointer (&shown);
}

static void
print_cb (const char *text)
{
  g_autofree char *shown = dup_displayable (text);

  write_stdout (shown, strlen (shown), TRUE);
}

static void
printerr_cb (const char *text)
{
  g_autofree char *shown = dup_displayable (text);

  fputs (shown, stderr);
  fflush (stderr);
}

void
lt_cli_write_out (const char *text,
                  gsize       length)
{
  g_autofree char *copy = g_strndup (text, length);
  g_autofree char *shown = lt_text_dup_displayable (copy, LT_TEXT_MULTI_LINE);

  write_stdout (shown, strlen (shown), FALSE);
}

int
lt_cli_main (const LtCliCommand  *commands,
             const char          *summary,
             int                  argc,
             char               **argv)
{
  LtCli cli = { 0 };
  int status;

  cli.command = g_strdup ("ltsupport");
  /* Known before any option is parsed, so that an error in parsing them
   * is in JSON too; "--" ends the options, as for GOption. */
  for (int i = 1; i < argc && g_strcmp0 (argv[i], "--") != 0; i++)
    if (g_strcmp0 (argv[i], "--json") == 0)
      cli.json = TRUE;
  g_set_print_handler (print_cb);
  g_set_printerr_handler (printerr_cb);
  atexit (release_output_at_exit);
  status = run_group (&cli, commands, summary, TRUE, argc, argv);
  release_output (status != LT_CLI_EXIT_USAGE || !cli.error_reported);

  g_free (cli.command);
  g_free (cli.policy_path);
  g_free (cli.pending_policy_path);
  g_free (cli.profile_path);
  g_free (cli.pending_profile_path);
  g_free (cli.portal_url);
  g_free (cli.pending_portal_url);
  g_clear_object (&cli.policy);
  g_clear_object (&cli.store);
  return status;
}
