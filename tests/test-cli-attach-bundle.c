/* test-cli-attach-bundle.c: `ltsupport ticket attach ID FILE…` with a
 * diagnostics bundle (docs/bundle.md, "Sending a bundle and air-gapped
 * use"; docs/cli.md)
 *
 * The bundles are real (LtBundleWriter, 1 MiB parts, lt-test-bundle.c);
 * the binary is the built one. Offline (no portal configured) every part
 * is queued and `outbox list --json` shows it; against the demo
 * devportal the parts are delivered by the command itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-attach-bundle"

#include "config.h"

#include "lt-actions.h"
#include "lt-store.h"
#include "lt-store-tickets.h"
#include "lt-test-bundle.h"
#include "lt-test-cli.h"
#include "lt-test-devportal.h"
#include "lt-test-store.h"
#include "lt-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

#define FILE_SIZE  (1300 * 1024)
#define TICKET     "LT-000401"
#define TOKEN      "ltTok-attach-bundle-5d1e"

typedef struct
{
  char      *dir;
  char      *profile;
  GPtrArray *parts;   /* of diag.tar.gz, three or more */
} Fixture;

/* An open ticket the portal knows, as a sync would have stored it. */
static void
insert_ticket (const char *profile)
{
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) opened = g_date_time_add_days (now, -1);
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GError) error = NULL;

  lt_ticket_set_id (ticket, TICKET);
  lt_ticket_set_title (ticket, "Collector stops after rotation");
  lt_ticket_set_description (ticket, "Logs follow.");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, LT_TICKET_STATE_IN_PROGRESS);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, opened);
  lt_store_upsert_ticket (store, ticket, now, &error);
  g_assert_no_error (error);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *output = NULL;

  f->dir = g_build_filename (g_get_user_cache_dir (), "test-cli-attach-bundle", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
  f->profile = g_build_filename (f->dir, "profile", NULL);
  insert_ticket (f->profile);
  output = g_build_filename (f->dir, "diag.tar.gz", NULL);
  f->parts = lt_test_bundle_write (f->dir, output, 2, FILE_SIZE, LT_BUNDLE_MIN_PART_SIZE, 1);
  g_assert_cmpuint (f->parts->len, >=, 3);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_ptr_array_unref (f->parts);
  g_free (f->profile);
  g_free (f->dir);
}

static const LtBundlePart *
part_at (GPtrArray *parts,
         guint      i)
{
  return g_ptr_array_index (parts, i);
}

static JsonArray *
outbox_items (Fixture *f)
{
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", f->profile, "outbox", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  return lt_test_cli_json_items (run.out);
}

/* `ticket attach ID` with @paths and @extra options (NULL-terminated,
 * or NULL). */
static void
run_attach (LtTestCliRun        *run,
            Fixture             *f,
            const char          *id,
            const char * const  *paths,
            const char         **extra)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer) "--profile");
  g_ptr_array_add (args, f->profile);
  g_ptr_array_add (args, (gpointer) "ticket");
  g_ptr_array_add (args, (gpointer) "attach");
  g_ptr_array_add (args, (gpointer) id);
  for (guint i = 0; paths[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) paths[i]);
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);
  lt_test_cli_run_argv (run, NULL, -1, (const char * const *) args->pdata);
}

/* The parts in reverse order, as a shell glob might not give them. */
static char **
reversed_paths (GPtrArray *parts)
{
  char **paths = g_new0 (char *, parts->len + 1);

  for (guint i = 0; i < parts->len; i++)
    paths[i] = part_at (parts, parts->len - 1 - i)->path;
  return paths;
}

/* Checked, queued in order, one outbox item per part, each with its note;
 * the JSON names the bundle's SHA-256 and every part; the text prints
 * them too. */
static void
test_good (Fixture       *f,
           gconstpointer  data)
{
  g_auto(LtTestCliRun) run = { 0 };
  g_autofree char **paths = reversed_paths (f->parts);
  const char *json[] = { "--json", NULL };
  const char *bundle_sha256 = part_at (f->parts, f->parts->len - 1)->sha256;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonArray) items = NULL;
  JsonArray *attachments;

  run_attach (&run, f, TICKET, (const char * const *) paths, json);
  g_assert_cmpint (run.status, ==, 0);
  answer = lt_test_cli_json_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (answer, "ticket"), ==, TICKET);
  g_assert_cmpstr (json_object_get_string_member (answer, "bundle_sha256"), ==, bundle_sha256);
  g_assert_cmpstr (json_object_get_string_member (answer, "delivery"), ==, "queued");
  attachments = json_object_get_array_member (answer, "attachments");
  g_assert_cmpuint (json_array_get_length (attachments), ==, f->parts->len);
  for (guint i = 0; i < f->parts->len; i++)
    {
      JsonObject *attachment = json_array_get_object_element (attachments, i);

      g_assert_cmpstr (json_object_get_string_member (attachment, "path"), ==, part_at (f->parts, i)->path);
      g_assert_cmpstr (json_object_get_string_member (attachment, "sha256"), ==, part_at (f->parts, i)->sha256);
      g_assert_cmpint (json_object_get_int_member (attachment, "size"), ==, (gint64) part_at (f->parts, i)->size);
    }

  items = outbox_items (f);
  g_assert_cmpuint (json_array_get_length (items), ==, f->parts->len);
  for (guint i = 0; i < f->parts->len; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *attachment = json_array_get_object_element (attachments, i);

      g_assert_cmpstr (json_object_get_string_member (item, "kind"), ==, LT_OUTBOX_KIND_TICKET_ATTACHMENT);
      g_assert_cmpstr (json_object_get_string_member (item, "key"), ==,
                       json_object_get_string_member (attachment, "outbox_key"));
    }

  /* Text: the checksum and each part, then what became of them. */
  {
    g_auto(LtTestCliRun) text = { 0 };
    g_autofree char *sha_line = g_strdup_printf ("Bundle SHA-256: %s\n", bundle_sha256);
    g_autofree char *first = g_strdup_printf ("Part 1 of %u: %s (", f->parts->len, part_at (f->parts, 0)->path);
    g_autofree char *queued = g_strdup_printf ("The bundle (%u parts) for %s: queued", f->parts->len, TICKET);

    run_attach (&text, f, TICKET, (const char * const *) paths, NULL);
    lt_test_cli_assert_ok (&text);
    lt_test_cli_assert_contains (text.out, sha_line);
    lt_test_cli_assert_contains (text.out, first);
    lt_test_cli_assert_contains (text.out, queued);
  }

  /* The ticket's history shows each part with its note. */
  {
    g_auto(LtTestCliRun) show = { 0 };
    g_autofree char *note = g_strdup_printf ("Diagnostics bundle, part 1 of %u, SHA-256 %s",
                                             f->parts->len, bundle_sha256);

    lt_test_cli_run (&show, "--profile", f->profile, "ticket", "show", TICKET, NULL);
    g_assert_cmpint (show.status, ==, 0);
    lt_test_cli_assert_contains (show.out, "diag.part01.tar.gz");
    lt_test_cli_assert_contains (show.out, note);
  }
}

/* A damaged bundle is refused whole, naming the file; nothing is
 * queued. */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *cut = g_build_filename (f->dir, "cut.part03.tar.gz", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  const char *json[] = { "--json", NULL };
  gsize length = 0;

  g_file_get_contents (part_at (f->parts, f->parts->len - 1)->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (cut, contents, (gssize) (length / 2), &error);
  g_assert_no_error (error);
  for (guint i = 0; i + 1 < f->parts->len; i++)
    g_ptr_array_add (paths, part_at (f->parts, i)->path);
  g_ptr_array_add (paths, cut);
  g_ptr_array_add (paths, NULL);

  {
    g_auto(LtTestCliRun) run = { 0 };

    run_attach (&run, f, TICKET, (const char * const *) paths->pdata, NULL);
    lt_test_cli_assert_usage_error (&run, "cut.part03.tar.gz");
    lt_test_cli_assert_contains (run.err, "cut short");
  }
  {
    g_auto(LtTestCliRun) run = { 0 };

    run_attach (&run, f, TICKET, (const char * const *) paths->pdata, json);
    lt_test_cli_assert_json_error (&run, 2, "invalid-data", "cut.part03.tar.gz");
  }
  /* One part alone, named as a part: checked, and refused. */
  {
    g_auto(LtTestCliRun) run = { 0 };
    const char *one[] = { part_at (f->parts, 0)->path, NULL };

    run_attach (&run, f, TICKET, one, NULL);
    lt_test_cli_assert_usage_error (&run, "MANIFEST.json");
  }

  items = outbox_items (f);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
}

/* A part left out: refused, naming the missing part; nothing queued. */
static void
test_missing_part (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  for (guint i = 0; i < f->parts->len; i++)
    if (i != 1)
      g_ptr_array_add (paths, part_at (f->parts, i)->path);
  g_ptr_array_add (paths, NULL);

  run_attach (&run, f, TICKET, (const char * const *) paths->pdata, NULL);
  lt_test_cli_assert_usage_error (&run, "diag.part02.tar.gz");
  lt_test_cli_assert_contains (run.err, "missing");

  items = outbox_items (f);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
}

/* A plain file keeps today's behaviour (the review, one item), also a
 * .tar.gz that is no bundle; --note is refused with a bundle. */
static void
test_plain_file (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *log = lt_test_cli_write_file ("server.log", "2026-12-06 ERROR collector stopped\n");
  g_autofree char *secret = lt_test_cli_write_file ("secret.log", "db password=Hunter2Secret!\n");
  g_autofree char *folder = g_build_filename (f->dir, "logs", NULL);
  g_autofree char *inside = g_build_filename (folder, "app.log", NULL);
  g_autofree char *plain = g_build_filename (f->dir, "logs.tar.gz", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = NULL;
  const char *json[] = { "--json", NULL };
  const char *note[] = { "--note", "From the collector", NULL };

  {
    g_auto(LtTestCliRun) run = { 0 };
    const char *paths[] = { log, NULL };

    run_attach (&run, f, TICKET, paths, note);
    lt_test_cli_assert_ok (&run);
    g_assert_cmpstr (run.out, ==, "The attachment server.log for " TICKET ": queued; run “ltsupport sync” to send it.\n");
  }
  {
    g_auto(LtTestCliRun) run = { 0 };
    const char *paths[] = { secret, NULL };

    run_attach (&run, f, TICKET, paths, NULL);
    g_assert_cmpint (run.status, ==, 2);
    lt_test_cli_assert_contains (run.err, "secret.log, line 1: Password");
  }
  {
    g_auto(LtTestCliRun) run = { 0 };
    const char *paths[] = { secret, NULL };
    const char *yes[] = { "--yes", NULL };

    run_attach (&run, f, TICKET, paths, yes);
    g_assert_cmpint (run.status, ==, 0);
    lt_test_cli_assert_contains (run.out, "The attachment secret.log for " TICKET ": queued");
  }

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (inside, "2026-12-06 INFO started\n", -1, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "tar", "-czf", plain, "-C", f->dir, "logs", NULL };
    int status = 0;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  {
    g_auto(LtTestCliRun) run = { 0 };
    const char *paths[] = { plain, NULL };
    g_autoptr(JsonObject) answer = NULL;
    JsonArray *attachments;

    run_attach (&run, f, TICKET, paths, json);
    g_assert_cmpint (run.status, ==, 0);
    answer = lt_test_cli_json_object (run.out);
    g_assert_true (json_object_get_null_member (answer, "bundle_sha256"));
    attachments = json_object_get_array_member (answer, "attachments");
    g_assert_cmpuint (json_array_get_length (attachments), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attachments, 0), "path"),
                     ==, plain);
  }
  {
    g_auto(LtTestCliRun) run = { 0 };
    g_autofree char **paths = reversed_paths (f->parts);

    run_attach (&run, f, TICKET, (const char * const *) paths, note);
    lt_test_cli_assert_usage_error (&run, "--note");
  }

  items = outbox_items (f);
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
}

/* Against the demo devportal: the command sends every part itself, in
 * order, each once. */
static void
test_sent (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LtTestDevportal) portal = NULL;
  g_auto(LtTestCliRun) run = { 0 };
  g_autoptr(JsonArray) tickets = NULL;
  g_autoptr(JsonObject) answer = NULL;
  g_autoptr(JsonNode) portal_ticket = NULL;
  g_autofree char **paths = reversed_paths (f->parts);
  g_autofree char *portal_path = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *id = NULL;
  const char *json[] = { "--json", NULL };
  JsonArray *events;
  gint64 before;

  if (g_getenv ("LT_DEVPORTAL") == NULL)
    {
      g_test_skip ("the reference portal is not built (-Ddevportal=false)");
      return;
    }
  portal = lt_test_devportal_start (TOKEN, TRUE);
  lt_test_cli_setenv ("LTSUPPORT_TOKEN", TOKEN);
  lt_test_cli_setenv ("LTSUPPORT_PORTAL", lt_test_devportal_get_url (portal));

  lt_test_cli_run (&run, "--profile", f->profile, "sync", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_run_clear (&run);
  lt_test_cli_run (&run, "--profile", f->profile, "ticket", "list", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  tickets = lt_test_cli_json_items (run.out);
  for (guint i = 0; i < json_array_get_length (tickets) && id == NULL; i++)
    {
      JsonObject *ticket = json_array_get_object_element (tickets, i);
      const char *state = json_object_get_string_member (ticket, "state");

      if (g_strcmp0 (state, "in-progress") == 0 || g_strcmp0 (state, "triaged") == 0)
        id = json_object_get_string_member (ticket, "id");
    }
  g_assert_nonnull (id);
  lt_test_cli_run_clear (&run);

  before = lt_test_devportal_count (portal, "attachments");
  run_attach (&run, f, id, (const char * const *) paths, json);
  g_assert_cmpint (run.status, ==, 0);
  answer = lt_test_cli_json_object (run.out);
  g_assert_cmpstr (json_object_get_string_member (answer, "delivery"), ==, "sent");
  g_assert_cmpint (lt_test_devportal_count (portal, "attachments"), ==, before + f->parts->len);

  /* On the portal's ticket, the parts in order, with their notes. */
  portal_path = g_strdup_printf ("/api/v1/tickets/%s", id);
  portal_ticket = lt_test_devportal_request (portal, "GET", portal_path, NULL);
  events = json_object_get_array_member (json_node_get_object (portal_ticket), "events");
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member (event, "kind"), "attachment") == 0 &&
          g_str_has_prefix (json_object_get_string_member (event, "body"), "Diagnostics bundle, part"))
        {
          JsonObject *attachment = json_object_get_object_member (event, "attachment");

          g_ptr_array_add (names, g_strdup (json_object_get_string_member (attachment, "name")));
        }
    }
  g_assert_cmpuint (names->len, ==, f->parts->len);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *base = g_path_get_basename (part_at (f->parts, i)->path);

      g_assert_cmpstr (g_ptr_array_index (names, i), ==, base);
    }
}

/* Air-gapped use, end to end: `bundle create --output` on one profile
 * (the machine with the logs, no portal), `ticket attach` of its parts on
 * another (the machine with the ticket); the checksum printed by the one
 * is the one the other checks and sends. */
static void
test_air_gapped (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *logs = g_build_filename (f->dir, "logs", NULL);
  g_autofree char *log = g_build_filename (logs, "collector.log", NULL);
  g_autofree char *usb = g_build_filename (f->dir, "usb", NULL);
  g_autofree char *output = g_build_filename (usb, "diag.tar.gz", NULL);
  g_autofree char *offline = g_build_filename (f->dir, "offline-profile", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autoptr(JsonObject) attached = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  JsonArray *written;
  JsonArray *attachments;
  const char *json[] = { "--json", NULL };

  g_assert_cmpint (g_mkdir_with_parents (logs, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (usb, 0700), ==, 0);
  /* Log lines with a host name to redact, and random words that hardly
   * compress (and that no rule takes for a secret or a name), so that
   * 1 MiB parts make several. */
  while (text->len < 3 * 1024 * 1024)
    {
      g_string_append (text, "2026-12-06T10:00:00Z INFO collector host=db1.corp.example.com msg=");
      for (guint w = 0; w < 12; w++)
        {
          for (guint c = 0; c < 6; c++)
            g_string_append_c (text, (char) ('a' + g_rand_int_range (rand, 0, 26)));
          g_string_append_c (text, ' ');
        }
      g_string_append_c (text, '\n');
    }
  g_file_set_contents (log, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);

  {
    g_auto(LtTestCliRun) run = { 0 };

    lt_test_cli_run (&run, "--profile", offline, "bundle", "create", "--output", output,
                     "--part-size", "1", "--json", logs, NULL);
    g_assert_cmpint (run.status, ==, 0);
    created = lt_test_cli_json_object (run.out);
  }
  written = json_object_get_array_member (created, "parts");
  g_assert_cmpuint (json_array_get_length (written), >=, 2);
  /* Given as a shell glob gives them, and as they are on the stick. */
  for (guint i = 0; i < json_array_get_length (written); i++)
    g_ptr_array_add (parts, (gpointer) json_object_get_string_member (json_array_get_object_element (written, i), "path"));
  g_ptr_array_add (parts, NULL);

  {
    g_auto(LtTestCliRun) run = { 0 };

    run_attach (&run, f, TICKET, (const char * const *) parts->pdata, json);
    g_assert_cmpint (run.status, ==, 0);
    attached = lt_test_cli_json_object (run.out);
  }
  g_assert_cmpstr (json_object_get_string_member (attached, "bundle_sha256"), ==,
                   json_object_get_string_member (created, "sha256"));
  attachments = json_object_get_array_member (attached, "attachments");
  g_assert_cmpuint (json_array_get_length (attachments), ==, json_array_get_length (written));
  for (guint i = 0; i < json_array_get_length (written); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (attachments, i), "sha256"),
                     ==,
                     json_object_get_string_member (json_array_get_object_element (written, i), "sha256"));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/lt/cli/attach-bundle/good", test_good);
  ADD ("/lt/cli/attach-bundle/damaged", test_damaged);
  ADD ("/lt/cli/attach-bundle/missing-part", test_missing_part);
  ADD ("/lt/cli/attach-bundle/plain-file", test_plain_file);
  ADD ("/lt/cli/attach-bundle/sent", test_sent);
  ADD ("/lt/cli/attach-bundle/air-gapped", test_air_gapped);

  return g_test_run ();
}
