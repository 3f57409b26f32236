/* lt-test-cli.c: running the built ltsupport in a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "lt-test-cli"

#include "config.h"

#include "lt-test-cli.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

/* name -> value, or name -> NULL to unset: lt_test_cli_setenv() */
static GHashTable *extra_env = NULL;

/* lt_test_cli_set_time_limit(); 0 for none */
static guint time_limit = 0;

/* The --json runs of the current test case, one file each, validated
 * against data/schemas/ when the case ends (validate_json_runs()). */
static char *json_runs_dir = NULL;
static guint n_json_runs = 0;

static gboolean asks_json       (const char * const *args);
static void     record_json_run (const char * const *args,
                                 LtTestCliRun       *run);

void
lt_test_cli_run_clear (LtTestCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
lt_test_cli_setenv (const char *name,
                    const char *value)
{
  if (extra_env == NULL)
    extra_env = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (extra_env, g_strdup (name), g_strdup (value));
}

void
lt_test_cli_set_time_limit (guint seconds)
{
  time_limit = seconds;
}

typedef struct
{
  gboolean  done;
  gboolean  late;
  char     *out;
  char     *err;
  GError   *error;
} Waiting;

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Waiting *waiting = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &waiting->out, &waiting->err,
                                        &waiting->error);
  waiting->done = TRUE;
}

static gboolean
late_cb (gpointer user_data)
{
  Waiting *waiting = user_data;

  waiting->late = TRUE;
  return G_SOURCE_REMOVE;
}

/* communicate() with the time limit: a run still going after it is
 * killed, and the test fails naming the limit. */
static void
communicate_within_limit (GSubprocess  *process,
                          const char   *input,
                          LtTestCliRun *run)
{
  Waiting waiting = { 0 };
  guint timeout;

  g_subprocess_communicate_utf8_async (process, input, NULL, communicated_cb, &waiting);
  timeout = g_timeout_add_seconds (time_limit, late_cb, &waiting);
  while (!waiting.done && !waiting.late)
    g_main_context_iteration (NULL, TRUE);
  if (!waiting.done)
    {
      g_subprocess_force_exit (process);
      while (!waiting.done)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    g_source_remove (timeout);
  g_assert_no_error (waiting.error);
  run->out = waiting.out;
  run->err = waiting.err;
  g_assert_true (g_subprocess_wait (process, NULL, NULL));
  if (waiting.late)
    {
      g_autofree char *message = g_strdup_printf ("ltsupport still ran after %u s; stdout: %s; stderr: %s",
                                                  time_limit, run->out, run->err);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }
}

/* A portal or a prompt the child waits on must not outlive a test that
 * failed half-way. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  GHashTableIter iter;
  gpointer name, value;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  /* GLib isolates the test's own folders, not its environment: give the
   * child the same data folder, so that the default store is a private
   * one, and keep whatever the developer's shell holds out. */
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LTSUPPORT_PROFILE");
  g_subprocess_launcher_unsetenv (launcher, "LTSUPPORT_PORTAL");
  g_subprocess_launcher_unsetenv (launcher, "LTSUPPORT_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  /* Offline and keyring-less unless a test says otherwise: no session
   * bus whose keyring could be asked for a token (or started to answer). */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", "disabled:", TRUE);

  if (extra_env != NULL)
    {
      g_hash_table_iter_init (&iter, extra_env);
      while (g_hash_table_iter_next (&iter, &name, &value))
        {
          if (value != NULL)
            g_subprocess_launcher_setenv (launcher, name, value, TRUE);
          else
            g_subprocess_launcher_unsetenv (launcher, name);
        }
    }
  return launcher;
}

void
lt_test_cli_run_argv (LtTestCliRun       *run,
                      const char         *input,
                      int                 tty_fd,
                      const char * const *args)
{
  const char *binary = g_getenv ("LTSUPPORT");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  GSubprocessFlags flags = G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (gpointer) binary);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  if (input != NULL)
    flags |= G_SUBPROCESS_FLAGS_STDIN_PIPE;
  launcher = new_launcher (flags);
  if (input == NULL && tty_fd >= 0)
    g_subprocess_launcher_take_stdin_fd (launcher, dup (tty_fd));

  lt_test_cli_run_clear (run);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  if (time_limit > 0)
    communicate_within_limit (process, input, run);
  else
    {
      g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
      g_assert_no_error (error);
    }
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  run->seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("exit %d after %.1f s\nstdout: %s\nstderr: %s",
                  run->status, run->seconds, run->out, run->err);
  lt_test_cli_check_json (args, run);
}

/* Whether the run answers in JSON: "--json" among the options (before
 * any "--"), as ltsupport itself decides (lt_cli_main()); a --help
 * answers in text whatever else is asked. */
static gboolean
asks_json (const char * const *args)
{
  gboolean json = FALSE;

  for (guint i = 0; args[i] != NULL && g_strcmp0 (args[i], "--") != 0; i++)
    {
      if (g_strcmp0 (args[i], "--help") == 0 || g_strcmp0 (args[i], "-h") == 0)
        return FALSE;
      if (g_strcmp0 (args[i], "--json") == 0)
        json = TRUE;
    }
  return json;
}

/* Validates every --json run of the test case that ends, in one python
 * run (tests/validate-cli-json.py): a document its command's schema does
 * not allow fails the test, as a wrong value would. */
static void
validate_json_runs (gpointer user_data)
{
  const char *python = g_getenv ("LT_PYTHON");
  const char *script = g_getenv ("LT_VALIDATE_CLI_JSON");
  const char *schemas = g_getenv ("LT_CLI_JSON_SCHEMAS");
  g_autofree char *dir = g_steal_pointer (&json_runs_dir);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GDir) listing = NULL;
  const char *name;

  n_json_runs = 0;
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                              &error, python, script, schemas, dir, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("validate-cli-json.py after %.2f s: %s", g_timer_elapsed (timer, NULL), out);
  if (!g_subprocess_get_if_exited (process) || g_subprocess_get_exit_status (process) != 0)
    {
      g_autofree char *message = g_strdup_printf ("a --json output does not follow its schema:\n%s", out);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message);
    }

  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Keeps @run of @args for validate_json_runs(). */
static void
record_json_run (const char * const *args,
                 LtTestCliRun       *run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  if (json_runs_dir == NULL)
    {
      /* Every configuration that runs ltsupport validates: a test
       * program set up without the schemas fails here, not silently. */
      g_assert_nonnull (g_getenv ("LT_PYTHON"));
      g_assert_nonnull (g_getenv ("LT_VALIDATE_CLI_JSON"));
      g_assert_nonnull (g_getenv ("LT_CLI_JSON_SCHEMAS"));
      json_runs_dir = g_dir_make_tmp ("lt-test-cli-json-XXXXXX", &error);
      g_assert_no_error (error);
      g_test_queue_destroy (validate_json_runs, NULL);
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "test");
  json_builder_add_string_value (builder, g_test_get_path ());
  json_builder_set_member_name (builder, "args");
  json_builder_begin_array (builder);
  for (guint i = 0; args[i] != NULL; i++)
    json_builder_add_string_value (builder, args[i]);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, run->status);
  json_builder_set_member_name (builder, "stdout");
  json_builder_add_string_value (builder, run->out);
  json_builder_set_member_name (builder, "stderr");
  json_builder_add_string_value (builder, run->err);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  name = g_strdup_printf ("run-%04u.json", n_json_runs++);
  path = g_build_filename (json_runs_dir, name, NULL);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

void
lt_test_cli_check_json (const char * const *args,
                        LtTestCliRun       *run)
{
  if (asks_json (args))
    record_json_run (args, run);
}

static GPtrArray *
collect_args (const char *first,
              va_list     ap)
{
  GPtrArray *args = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  g_ptr_array_add (args, NULL);
  return args;
}

void
lt_test_cli_run (LtTestCliRun *run,
                 const char   *first,
                 ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, first);
  args = collect_args (first, ap);
  va_end (ap);
  lt_test_cli_run_argv (run, NULL, -1, (const char * const *) args->pdata);
}

void
lt_test_cli_run_with_input (LtTestCliRun *run,
                            const char   *input,
                            const char   *first,
                            ...)
{
  g_autoptr(GPtrArray) args = NULL;
  va_list ap;

  va_start (ap, first);
  args = collect_args (first, ap);
  va_end (ap);
  lt_test_cli_run_argv (run, input, -1, (const char * const *) args->pdata);
}

/* A pseudo-terminal whose input already holds @typed. Returns the
 * terminal's descriptor for the child; *master must stay open until the
 * child has exited. */
static int
open_terminal (const char *typed,
               int        *master)
{
  int slave;
  gssize n;

  *master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (*master, >=, 0);
  g_assert_cmpint (grantpt (*master), ==, 0);
  g_assert_cmpint (unlockpt (*master), ==, 0);
  slave = g_open (ptsname (*master), O_RDWR | O_NOCTTY, 0);
  g_assert_cmpint (slave, >=, 0);
  n = write (*master, typed, strlen (typed));
  g_assert_cmpint (n, ==, (gssize) strlen (typed));
  return slave;
}

void
lt_test_cli_run_on_terminal (LtTestCliRun *run,
                             const char   *typed,
                             const char   *first,
                             ...)
{
  g_autoptr(GPtrArray) args = NULL;
  int master, slave;
  va_list ap;

  va_start (ap, first);
  args = collect_args (first, ap);
  va_end (ap);
  slave = open_terminal (typed, &master);
  lt_test_cli_run_argv (run, NULL, slave, (const char * const *) args->pdata);
  close (slave);
  close (master);
}

JsonNode *
lt_test_cli_parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

JsonObject *
lt_test_cli_json_object (const char *out)
{
  g_autoptr(JsonNode) root = lt_test_cli_parse_json (out);
  g_autoptr(GList) names = NULL;
  JsonObject *object;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_object_ref (json_node_get_object (root));
  names = json_object_get_members (object);
  g_assert_nonnull (names);
  g_assert_cmpstr (names->data, ==, "schema_version");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "schema_version")), ==, G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "schema_version"), >=, 1);
  json_object_remove_member (object, "schema_version");
  return object;
}

JsonArray *
lt_test_cli_json_items (const char *out)
{
  g_autoptr(JsonObject) object = lt_test_cli_json_object (out);

  lt_test_cli_assert_members (object, "items");
  return json_array_ref (json_object_get_array_member (object, "items"));
}

JsonNode *
lt_test_cli_json_answer (const char *out)
{
  g_autoptr(JsonObject) object = lt_test_cli_json_object (out);
  JsonNode *answer = json_node_new (JSON_NODE_OBJECT);

  if (json_object_get_size (object) == 1 && json_object_has_member (object, "items") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "items")))
    {
      json_node_free (answer);
      return json_node_copy (json_object_get_member (object, "items"));
    }
  json_node_set_object (answer, object);
  return answer;
}

JsonObject *
lt_test_cli_json_error (const char *err)
{
  const char *last_line;
  g_autofree char *trimmed = g_strdup (err);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *error;

  g_strchomp (trimmed);
  last_line = strrchr (trimmed, '\n');
  last_line = last_line != NULL ? last_line + 1 : trimmed;
  root = lt_test_cli_parse_json (last_line);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  lt_test_cli_assert_members (json_node_get_object (root), "error");
  error = json_object_get_object_member (json_node_get_object (root), "error");
  g_assert_nonnull (error);
  lt_test_cli_assert_members (error, "code,message");
  return json_object_ref (error);
}

char *
lt_test_cli_dup_member_names (JsonObject *object)
{
  g_autoptr(GList) names = json_object_get_members (object);
  g_autoptr(GString) joined = g_string_new (NULL);

  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    g_string_append_printf (joined, "%s%s", joined->len ? "," : "", (const char *) l->data);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

char *
lt_test_cli_write_file (const char *name,
                        const char *contents)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "lt-test-cli", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}
