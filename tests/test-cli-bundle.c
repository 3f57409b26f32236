/* test-cli-bundle.c: ltsupport bundle create|keywords, the real binary
 *
 * The review summary of the corpus (tests/data/bundle/corpus) per file,
 * with what was left out and why, the parts and the bundle's SHA-256;
 * --output writes a bundle that tests/check-bundle.py accepts and sends
 * nothing; --ticket needs --yes when nobody can be asked, asks at a
 * terminal, and queues one outbox item per part; the profile's keywords.
 * Every --json run is checked against data/schemas/ by the harness.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-cli-bundle"

#include "config.h"

#include "lt-store.h"
#include "lt-store-redaction-map.h"
#include "lt-store-tickets.h"
#include "lt-test-cli.h"
#include "lt-test-store.h"
#include "lt-test-util.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

static char *
corpus_path (void)
{
  g_autofree char *dist = g_test_build_filename (G_TEST_DIST, "data", "bundle", "corpus", NULL);

  return g_canonicalize_filename (dist, NULL);
}

/* A new, empty profile folder of this test. */
static char *
new_profile (void)
{
  static guint n = 0;
  g_autofree char *name = g_strdup_printf ("profile-%u", ++n);
  char *profile = g_build_filename (g_get_user_cache_dir (), "test-cli-bundle", name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (profile, 0700), ==, 0);
  return profile;
}

static char *
out_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "test-cli-bundle", "out", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* An open ticket the portal knows, LT-000401. */
static void
insert_ticket (const char *profile)
{
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) opened = g_date_time_add_days (now, -3);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = lt_ticket_new ();

  lt_ticket_set_id (ticket, "LT-000401");
  lt_ticket_set_title (ticket, "Collector drops events");
  lt_ticket_set_description (ticket, "Steps to reproduce:\n1. start the collector");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, LT_TICKET_STATE_IN_PROGRESS);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, opened);
  lt_store_upsert_ticket (store, ticket, now, &error);
  g_assert_no_error (error);
}

static char *
sha256_of (const char *path)
{
  g_autoptr(GBytes) bytes = lt_test_read_bytes (path);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static int
run_status (const char * const *argv,
            char              **out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, &err, &status, &error);
  g_assert_no_error (error);
  if (err != NULL && *err != '\0')
    g_test_message ("%s: %s", argv[0], err);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

/* The outbox items of the profile, as `outbox list --json` gives them. */
static JsonArray *
outbox_items (const char *profile)
{
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "outbox", "list", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  return lt_test_cli_json_items (run.out);
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  if (d == NULL)
    return 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* About 3 MiB of lowercase words that compress to about 60 %: no rule
 * of the redactor takes them, and at 1 MiB a part they make several
 * parts. */
static char *
write_big_log (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  g_autoptr(GString) text = g_string_new (NULL);

  while (text->len < 3 * 1024 * 1024)
    {
      guint words = g_rand_int_range (rand, 6, 14);

      for (guint w = 0; w < words; w++)
        {
          guint letters = g_rand_int_range (rand, 4, 9);

          for (guint l = 0; l < letters; l++)
            g_string_append_c (text, (char) ('a' + g_rand_int_range (rand, 0, 26)));
          g_string_append_c (text, w + 1 < words ? ' ' : '\n');
        }
    }
  return lt_test_cli_write_file ("big.log", text->str);
}

/* --output: the summary per file (counts per kind, the first findings'
 * redacted excerpts, what was left out and why), the parts with their
 * SHA-256; a bundle check-bundle.py accepts; nothing queued. */
static void
test_output_review (void)
{
  g_autofree char *profile = new_profile ();
  g_autofree char *corpus = corpus_path ();
  g_autofree char *control = g_build_filename (corpus, "control", NULL);
  g_autofree char *output = out_path ("review.tar.gz");
  g_autofree char *checker = g_test_build_filename (G_TEST_DIST, "check-bundle.py", NULL);
  g_autofree char *sha = NULL;
  g_autofree char *line = NULL;
  g_autofree char *check_out = NULL;
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output,
                   "--keyword", "Bluefin", "--exclude", control, corpus, NULL);
  lt_test_cli_assert_ok (&run);
  g_test_message ("%s", run.out);
  /* Per file: its name, its counts by kind, its first findings. */
  lt_test_cli_assert_contains (run.out, "/syslog/syslog\n");
  lt_test_cli_assert_contains (run.out, "MAC address: 2");
  lt_test_cli_assert_contains (run.out, "    line 1: MAC address: ");
  lt_test_cli_assert_contains (run.out, "02:00:00:00:00:00");
  lt_test_cli_assert_contains (run.out, "Keyword: 1");
  lt_test_cli_assert_contains (run.out, "more; --json lists the first 20)");
  /* Left out, with the reason. */
  line = g_strdup_printf ("Left out:\n  %s (excluded by you)\n", control);
  lt_test_cli_assert_contains (run.out, line);
  /* Only what leaves: no original identity, no keyword. */
  lt_test_cli_assert_not_contains (run.out, "Bluefin");
  lt_test_cli_assert_not_contains (run.out, "corp.example.com");
  lt_test_cli_assert_not_contains (run.out, "52:54:00:ab:cd:ef");
  /* The part and the bundle's SHA-256, as sha256sum computes them. */
  sha = sha256_of (output);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("Bundle SHA-256: %s\n", sha);
  lt_test_cli_assert_contains (run.out, line);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("Parts:\n  %s  ", output);
  lt_test_cli_assert_contains (run.out, line);

  {
    const char *argv[] = { "python3", checker, output, NULL };

    g_assert_cmpint (run_status (argv, &check_out), ==, 0);
  }
  /* The control files are not in it. */
  lt_test_cli_assert_not_contains (check_out, "/control/");
  lt_test_cli_assert_contains (check_out, "/syslog/syslog");

  /* Nothing is sent without --ticket. */
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);

  /* The same facts in JSON (checked against bundle-create.schema.json). */
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output,
                   "--json", corpus, NULL);
  lt_test_cli_assert_ok (&run);
  {
    g_autoptr(JsonObject) answer = lt_test_cli_json_object (run.out);
    JsonArray *files = json_object_get_array_member (answer, "files");
    JsonArray *parts = json_object_get_array_member (answer, "parts");
    g_autofree char *again = sha256_of (output);

    g_assert_cmpuint (json_array_get_length (files), ==, 21);
    g_assert_cmpuint (json_array_get_length (parts), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (answer, "sha256"), ==, again);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (answer, "outbox_keys")), ==, 0);
    g_assert_true (json_node_is_null (json_object_get_member (answer, "ticket")));
  }
}

/* Log lines and file names are outside text: the review prints their
 * terminal escapes as visible text, never raw, whether in a path, a
 * finding's excerpt or a file left out. */
static void
test_hostile_terminal (void)
{
  g_autofree char *profile = new_profile ();
  g_autofree char *dir = out_path ("hostile");
  g_autofree char *evil = g_build_filename (dir, "evil\033]0;owned\007.log", NULL);
  g_autofree char *link = g_build_filename (dir, "link\033[2J", NULL);
  g_autofree char *output = out_path ("hostile.tar.gz");
  g_autoptr(GError) error = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_file_set_contents (evil, "login ok for user=alice \033]52;c;cGF3bmVk\007 from 10.0.3.17\n"
                             "password=hunter2 \033[31mred\033[0m\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink ("/etc/hostname", link), ==, 0);

  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output, dir, NULL);
  lt_test_cli_assert_ok (&run);
  g_test_message ("%s", run.out);
  g_assert_null (strchr (run.out, '\033'));
  g_assert_null (strchr (run.out, '\007'));
  lt_test_cli_assert_contains (run.out, "evil\\u001b]0;owned\\u0007.log");
  lt_test_cli_assert_contains (run.out, "[redacted:password] \\u001b[31mred");
  lt_test_cli_assert_contains (run.out, "link\\u001b[2J (a symbolic link, not followed)");
  lt_test_cli_assert_not_contains (run.out, "alice");
}

static void
test_usage (void)
{
  g_autofree char *profile = new_profile ();
  g_autofree char *corpus = corpus_path ();
  g_autofree char *output = out_path ("usage.tar.gz");
  g_auto(LtTestCliRun) run = { 0 };

  /* Neither --ticket nor --output: nowhere to put the bundle. */
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", corpus, NULL);
  lt_test_cli_assert_usage_error (&run, "--output");
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", "b.zip", corpus, NULL);
  lt_test_cli_assert_usage_error (&run, "b.zip");
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output, NULL);
  lt_test_cli_assert_usage_error (&run, "PATH");
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output,
                   "--pattern", "CUST-[0-9", corpus, NULL);
  lt_test_cli_assert_usage_error (&run, "CUST-[0-9");
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output,
                   "--part-size", "11", corpus, NULL);
  lt_test_cli_assert_usage_error (&run, "--part-size");
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--ticket", "LT-000999",
                   "--yes", corpus, NULL);
  lt_test_cli_assert_usage_error (&run, "LT-000999");
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--ticket", "LT-000999",
                   "--json", corpus, NULL);
  lt_test_cli_assert_json_error (&run, 2, "usage", "--yes");
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* The caps: a file above --file-cap keeps its newest lines, and the
 * review says how much was cut. */
static void
test_caps (void)
{
  g_autofree char *profile = new_profile ();
  g_autofree char *output = out_path ("caps.tar.gz");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *log = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  for (guint i = 0; text->len < 3 * 512 * 1024; i++)
    g_string_append_printf (text, "2026-12-06T10:00:00Z INFO request %u served in 12 ms\n", i);
  log = lt_test_cli_write_file ("long.log", text->str);

  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output,
                   "--file-cap", "1", "--total-cap", "0", log, NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_contains (run.out, "    truncated: the oldest ");
  lt_test_cli_assert_contains (run.out, " left out (size cap)\n");

  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output,
                   "--file-cap", "1", "--json", log, NULL);
  lt_test_cli_assert_ok (&run);
  {
    g_autoptr(JsonObject) answer = lt_test_cli_json_object (run.out);
    JsonObject *file = json_array_get_object_element (json_object_get_array_member (answer, "files"), 0);

    g_assert_cmpint (json_object_get_int_member (file, "size_before"), <=, 1024 * 1024);
    g_assert_cmpint (json_object_get_int_member (file, "size_before") +
                     json_object_get_int_member (file, "truncated_bytes"), ==, (gint64) text->len);
  }

  /* Without a cap, nothing is cut. */
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output,
                   "--file-cap", "0", log, NULL);
  lt_test_cli_assert_ok (&run);
  lt_test_cli_assert_not_contains (run.out, "truncated");
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output,
                   "--file-cap", "-1", log, NULL);
  lt_test_cli_assert_usage_error (&run, "--file-cap");
}

/* --ticket: nothing is queued without --yes when nobody can be asked, nor
 * when the admin at the terminal says no (and the parts written for it
 * are removed); with --yes, one outbox item per part, the parts kept in
 * the profile's bundles folder for the outbox to send. */
static void
test_ticket (void)
{
  g_autofree char *profile = new_profile ();
  g_autofree char *bundles = g_build_filename (profile, "bundles", NULL);
  g_autofree char *big = write_big_log ();
  g_autofree char *corpus = corpus_path ();
  g_autofree char *syslog = g_build_filename (corpus, "syslog", "syslog", NULL);
  g_autofree char *kept = out_path ("kept.tar.gz");
  g_autoptr(JsonArray) items = NULL;
  g_autoptr(JsonObject) answer = NULL;
  JsonArray *parts;
  JsonArray *keys;
  g_auto(LtTestCliRun) run = { 0 };

  insert_ticket (profile);

  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--ticket", "LT-000401",
                   syslog, NULL);
  /* Nobody to ask: refused before anything is made, saying how to
   * review it and go ahead. */
  lt_test_cli_assert_usage_error (&run, "--yes");
  lt_test_cli_assert_contains (run.err, "--output");
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
  g_assert_cmpuint (count_files (bundles), ==, 0);

  lt_test_cli_run_on_terminal (&run, "n\n", "--profile", profile, "bundle", "create",
                               "--ticket", "LT-000401", syslog, NULL);
  g_assert_cmpint (run.status, ==, 1);
  /* The review, then the question. */
  lt_test_cli_assert_contains (run.out, "Bundle SHA-256: ");
  lt_test_cli_assert_contains (run.err, "Attach this bundle (1 part) to LT-000401? [y/N]");
  lt_test_cli_assert_contains (run.out, "Not sent.");
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
  g_assert_cmpuint (count_files (bundles), ==, 0);

  /* A bundle the admin named stays when it is not sent. */
  lt_test_cli_run_on_terminal (&run, "n\n", "--profile", profile, "bundle", "create",
                               "--ticket", "LT-000401", "--output", kept, syslog, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  lt_test_cli_run_on_terminal (&run, "y\n", "--profile", profile, "bundle", "create",
                               "--ticket", "LT-000401", syslog, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lt_test_cli_assert_contains (run.out, "The bundle for LT-000401: queued");
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpuint (count_files (bundles), ==, 1);

  /* Several parts: one item each. */
  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--ticket", "LT-000401",
                   "--part-size", "1", "--yes", "--json", big, NULL);
  lt_test_cli_assert_ok (&run);
  answer = lt_test_cli_json_object (run.out);
  parts = json_object_get_array_member (answer, "parts");
  keys = json_object_get_array_member (answer, "outbox_keys");
  g_assert_cmpuint (json_array_get_length (parts), >=, 2);
  g_assert_cmpuint (json_array_get_length (keys), ==, json_array_get_length (parts));
  g_assert_cmpstr (json_object_get_string_member (answer, "ticket"), ==, "LT-000401");
  g_assert_cmpstr (json_object_get_string_member (answer, "delivery"), ==, "queued");
  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      JsonObject *part = json_array_get_object_element (parts, i);
      const char *path = json_object_get_string_member (part, "path");
      g_autofree char *sha = sha256_of (path);

      g_assert_true (g_str_has_prefix (path, bundles));
      g_assert_cmpstr (sha, ==, json_object_get_string_member (part, "sha256"));
    }
  g_clear_pointer (&items, json_array_unref);
  items = outbox_items (profile);
  g_assert_cmpuint (json_array_get_length (items), ==, 1 + json_array_get_length (parts));
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, i), "kind"),
                     ==, "ticket.attachment");
  /* Each of the new items is one part, in order, naming the bundle. */
  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      JsonObject *item = json_array_get_object_element (items, 1 + i);
      JsonObject *payload = json_object_get_object_member (item, "payload");
      JsonObject *part = json_array_get_object_element (parts, i);
      g_autofree char *which = g_strdup_printf ("part %u of %u", i + 1, json_array_get_length (parts));

      g_assert_cmpstr (json_object_get_string_member (item, "key"), ==,
                       json_array_get_string_element (keys, i));
      g_assert_cmpstr (json_object_get_string_member (payload, "path"), ==,
                       json_object_get_string_member (part, "path"));
      g_assert_cmpstr (json_object_get_string_member (payload, "sha256"), ==,
                       json_object_get_string_member (part, "sha256"));
      lt_test_cli_assert_contains (json_object_get_string_member (payload, "note"), which);
      lt_test_cli_assert_contains (json_object_get_string_member (payload, "note"),
                                   json_object_get_string_member (answer, "sha256"));
    }
  g_assert_cmpuint (count_files (bundles), ==, 1 + json_array_get_length (parts));
}

/* The profile's keywords: added, listed, used by the next bundle,
 * removed; a bad pattern changes nothing. */
static void
test_keywords (void)
{
  g_autofree char *profile = new_profile ();
  g_autofree char *corpus = corpus_path ();
  g_autofree char *correlation = g_build_filename (corpus, "lockthreat", "correlation.log", NULL);
  g_autofree char *output = out_path ("keywords.tar.gz");
  g_autoptr(JsonArray) items = NULL;
  g_auto(LtTestCliRun) run = { 0 };

  lt_test_cli_run (&run, "--profile", profile, "bundle", "keywords", "--add", "Bluefin",
                   "--add-pattern", "CUST-[0-9]{6}", NULL);
  lt_test_cli_assert_output (&run, 0, "word     Bluefin\npattern  CUST-[0-9]{6}\n");

  /* A bad pattern: refused, and the removal before it is not made. */
  lt_test_cli_run (&run, "--profile", profile, "bundle", "keywords", "--remove", "Bluefin",
                   "--add-pattern", "EMP[0-9", NULL);
  lt_test_cli_assert_usage_error (&run, "EMP[0-9");
  lt_test_cli_run (&run, "--profile", profile, "bundle", "keywords", "--json", NULL);
  lt_test_cli_assert_ok (&run);
  items = lt_test_cli_json_items (run.out);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);

  lt_test_cli_run (&run, "--profile", profile, "bundle", "create", "--output", output,
                   correlation, NULL);
  lt_test_cli_assert_ok (&run);
  /* Bluefin twice, a CUST- number once. */
  lt_test_cli_assert_contains (run.out, "Keyword: 3");
  lt_test_cli_assert_not_contains (run.out, "Bluefin");

  lt_test_cli_run (&run, "--profile", profile, "bundle", "keywords", "--remove", "Bluefin", NULL);
  lt_test_cli_assert_output (&run, 0, "pattern  CUST-[0-9]{6}\n");
  lt_test_cli_run (&run, "--profile", profile, "bundle", "keywords", "--remove", "Bluefin", NULL);
  lt_test_cli_assert_usage_error (&run, "Bluefin");
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/cli-bundle/output-review", test_output_review);
  g_test_add_func ("/lt/cli-bundle/usage", test_usage);
  g_test_add_func ("/lt/cli-bundle/hostile-terminal", test_hostile_terminal);
  g_test_add_func ("/lt/cli-bundle/caps", test_caps);
  g_test_add_func ("/lt/cli-bundle/ticket", test_ticket);
  g_test_add_func ("/lt/cli-bundle/keywords", test_keywords);

  return g_test_run ();
}
