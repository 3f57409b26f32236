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
  g_subprocess_communicate_utf8 (process, input, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
  run->seconds = g_timer_elapsed (timer, NULL);
  g_test_message ("exit %d after %.1f s\nstdout: %s\nstderr: %s",
                  run->status, run->seconds, run->out, run->err);
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
  JsonObject *object;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  object = json_object_ref (json_node_get_object (root));
  if (json_object_has_member (object, "schema_version"))
    {
      g_assert_cmpint (json_object_get_int_member (object, "schema_version"), >=, 1);
      json_object_remove_member (object, "schema_version");
    }
  return object;
}

JsonArray *
lt_test_cli_json_items (const char *out)
{
  g_autoptr(JsonNode) root = lt_test_cli_parse_json (out);
  g_autoptr(JsonObject) object = NULL;

  if (JSON_NODE_HOLDS_ARRAY (root))
    return json_array_ref (json_node_get_array (root));
  object = lt_test_cli_json_object (out);
  g_assert_true (json_object_has_member (object, "items"));
  return json_array_ref (json_object_get_array_member (object, "items"));
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
