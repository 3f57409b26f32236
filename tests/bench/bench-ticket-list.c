/* bench-ticket-list.c: loading N tickets (100,000 by default) into
 * LtTicketList, side by side with a bare sqlite3_step loop over the same
 * rows; and the Versions page's query of the installations the tickets
 * name, side by side with a bare scan of the column it would otherwise read
 *
 * Generates its own database (fixed seed) in a folder it is given: the
 * profile every benchmark of that size shares (run-bench.sh makes 10,000,
 * 100,000 and 1,000,000 tickets this way; one transaction and one prepared
 * statement, so a million rows take seconds, not minutes). Then it
 * alternates each measurement with its baseline in one process on one
 * connection, so both see the same page cache, and reports the medians,
 * their ratio (goal for the load: at most 2) and the resident memory the
 * loaded list adds. Exits 1 when the load's ratio misses the goal.
 * `make bench` runs it; docs/performance.md records the figures.
 *
 * Prints RESULT lines for run-bench.sh, as the other programs do:
 *   RESULT <measure> <ours> <baseline> <unit>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-util.h"
#include "lt-store-installations.h"
#include "lt-store-rows.h"
#include "lt-store.h"
#include "lt-ticket-list.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATIO_GOAL 2.0

/* Fixed, so every run measures the same rows. */
#define SEED 20261126

static const char * const subjects[] = {
  "Nightly import", "Audit export", "Login page", "Report builder", "Backup job",
  "LDAP sync", "Dashboard", "Alert rules", "Search index", "API gateway",
  "Scheduled scan", "Certificate renewal", "Agent upgrade", "Policy editor",
  "Email digest", "SAML sign-on", "Asset inventory", "Retention cleanup",
  "Disk monitor", "Disk cleanup",
};
static const char * const problems[] = {
  "fails with error 1042", "times out after 30 s", "is slow since the upgrade",
  "shows no data", "crashes on large files", "returns HTTP 500",
  "skips some records", "loses its settings after restart",
  "uses 100 % CPU", "reports the wrong time zone", "cannot reach the database",
  "sends duplicate notifications", "hits a disk timeout",
};
static const char * const places[] = {
  "", " on the primary node", " for some users", " after 3.3.1", " in the EU tenant",
  " since Monday", " on Windows agents", " behind the proxy",
};

/* Weights: a realistic backlog is mostly closed. */
static const struct { const char *nick; int weight; } states[] = {
  { "submitted", 3 }, { "triaged", 3 }, { "in-progress", 8 }, { "awaiting-customer", 5 },
  { "resolved", 6 }, { "closed", 72 }, { "reopened", 2 },
};
/* The customer's installations, as tickets name them (the portal's
 * `installation`): a handful of servers, written as people write them. */
static const char * const installations[] = {
  "prod-eu-1", "prod-eu-2", "prod-us-1", "PROD-US-1", "dr-site", "staging",
  "lab", "Lab ", "edge-collector-3", "reporting",
};

static const struct { const char *nick; int weight; } severities[] = {
  { "s1", 5 }, { "s2", 20 }, { "s3", 65 }, { "feature", 10 },
};

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static const char *
pick_weighted_state (GRand *rand)
{
  int n = g_rand_int_range (rand, 0, 100);

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      if (n < states[i].weight)
        return states[i].nick;
      n -= states[i].weight;
    }
  return "closed";
}

static const char *
pick_weighted_severity (GRand *rand)
{
  int n = g_rand_int_range (rand, 0, 100);

  for (guint i = 0; i < G_N_ELEMENTS (severities); i++)
    {
      if (n < severities[i].weight)
        return severities[i].nick;
      n -= severities[i].weight;
    }
  return "s3";
}

static gboolean
generate (LtStore  *store,
          guint     n_tickets,
          GError  **error)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  /* Its own sequence, so the other columns stay what they were before
   * tickets named installations. */
  g_autoptr(GRand) installation_rand = g_rand_new_with_seed (SEED + 1);
  g_auto(LtCachedStmt) stmt = NULL;
  /* Five years of tickets ending on 2026-11-26. */
  const gint64 end = G_GINT64_CONSTANT (1795651200) * G_USEC_PER_SEC;
  const gint64 span = G_GINT64_CONSTANT (5) * 365 * 24 * 3600 * G_USEC_PER_SEC;

  /* The whole profile in the page cache until the commit: with sqlite's
   * default of 2 MiB, a million rows inserted in random order into the
   * tickets' indexes spill to the log and rewrite the same pages over and
   * over (minutes instead of seconds). The caller puts the cache back
   * (restore_cache_size()). */
  if (!lt_store_exec (store, "PRAGMA cache_size = -1048576", error))
    return FALSE;
  tx = lt_store_begin (store, error);
  if (tx == NULL)
    return FALSE;

  stmt = lt_store_prepare (store,
                           "INSERT INTO tickets (local_id, id, title, description, severity, "
                           "  category, state, opened_at, updated_at, product_version, "
                           "  created_at, local_updated_at, installation) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12)",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_tickets; i++)
    {
      g_autofree char *title = g_strdup_printf ("%s %s%s", PICK (rand, subjects),
                                                PICK (rand, problems), PICK (rand, places));
      gint64 opened = end - (gint64) (g_rand_double (rand) * (double) span);
      /* One ticket in two hundred is still a local draft or queued. */
      gboolean local = g_rand_int_range (rand, 0, 200) == 0;
      g_autofree char *id = local ? NULL : g_strdup_printf ("LT-%06u", i + 1);
      g_autofree char *local_id = local ? g_uuid_string_random () : NULL;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, local_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, "Steps to reproduce, logs and the error shown.", -1,
                         SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, pick_weighted_severity (rand), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, "troubleshooting", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, local ? "draft" : pick_weighted_state (rand), -1,
                         SQLITE_STATIC);
      if (local)
        sqlite3_bind_null (stmt, 8);
      else
        sqlite3_bind_int64 (stmt, 8, opened);
      sqlite3_bind_int64 (stmt, 9, opened + G_TIME_SPAN_HOUR);
      sqlite3_bind_text (stmt, 10, "3.3.1", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 11, opened);
      /* Two tickets in five name no installation. */
      if (g_rand_int_range (installation_rand, 0, 5) < 2)
        sqlite3_bind_null (stmt, 12);
      else
        sqlite3_bind_text (stmt, 12, PICK (installation_rand, installations), -1, SQLITE_STATIC);
      if (!lt_store_step_done (store, stmt, error))
        return FALSE;
    }

  return lt_store_transaction_commit (tx, error);
}

/* The store's own page cache again, and the memory of the generator's
 * given back to the system, so that the measurements see the store as the
 * application opens it and the list's resident memory is its own. */
static void
restore_cache_size (LtStore *store,
                    gint64   cache_size)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, cache_size);

  sqlite3_exec (lt_store_get_db (store), sql, NULL, NULL, NULL);
  malloc_trim (0);
}

static gint64
get_cache_size (LtStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (lt_store_get_db (store), "PRAGMA cache_size", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_printerr ("cache_size: %s\n", sqlite3_errmsg (lt_store_get_db (store)));
      exit (2);
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* The baseline: the list's own two statements, prepared, stepped and
 * every column read, nothing kept. @row_bytes (nullable): what those
 * columns weigh as sqlite hands them out (text by its bytes, numbers as 8
 * bytes), the floor of any model that holds them. */
static guint64
bare_scan (sqlite3 *db,
           guint   *n_rows,
           gint64  *row_bytes)
{
  static const char * const queries[] = { LT_TICKET_LIST_SQL_LOCAL, LT_TICKET_LIST_SQL_OPENED };
  guint64 checksum = 0;
  gint64 bytes = 0;

  *n_rows = 0;
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL) != SQLITE_OK)
        {
          g_printerr ("prepare: %s\n", sqlite3_errmsg (db));
          exit (2);
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const unsigned char *id = sqlite3_column_text (stmt, 1);
          const unsigned char *title = sqlite3_column_text (stmt, 2);
          const unsigned char *severity = sqlite3_column_text (stmt, 3);
          const unsigned char *state = sqlite3_column_text (stmt, 4);

          checksum += (guint64) sqlite3_column_int64 (stmt, 0);
          checksum += id != NULL ? id[0] : 0;
          checksum += title[0] + severity[0] + state[0];
          checksum += (guint64) sqlite3_column_int64 (stmt, 5);
          checksum += (guint64) sqlite3_column_int64 (stmt, 6);
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            bytes += sqlite3_column_type (stmt, i) == SQLITE_TEXT ? sqlite3_column_bytes (stmt, i)
                   : sqlite3_column_type (stmt, i) == SQLITE_NULL ? 0 : 8;
          (*n_rows)++;
        }
    }
  if (row_bytes != NULL)
    *row_bytes = bytes;
  return checksum;
}

/* The floor of answering "which installations do the tickets name" by
 * reading the tickets: the column stepped over every row, nothing kept
 * (what the Versions page's query cost before schema v8). */
static guint64
bare_installation_scan (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint64 checksum = 0;

  if (sqlite3_prepare_v2 (db, "SELECT installation FROM tickets", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_printerr ("prepare: %s\n", sqlite3_errmsg (db));
      exit (2);
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const unsigned char *name = sqlite3_column_text (stmt, 0);

      checksum += name != NULL ? name[0] : 0;
    }
  return checksum;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) list_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) named_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) column_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  gboolean own_dir = FALSE;
  gboolean reuse = FALSE;
  int n_tickets = 100000;
  int n_runs = 7;
  int n_items = 10000;
  gint64 rss_before, rss_after, row_bytes = 0, generate_start, cache_size;
  double ratio, get_item_us, filter_ms, generate_s, list_bytes;
  guint n_named = 0;
  guint n_rows = 0;
  guint64 checksum = 0;
  GOptionEntry entries[] = {
    { "tickets", 'n', 0, G_OPTION_ARG_INT, &n_tickets, "Tickets to generate", "N" },
    { "runs", 'r', 0, G_OPTION_ARG_INT, &n_runs, "Runs of each measurement (median)", "R" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &dir, "Folder for the database (new)", "DIR" },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse,
      "Measure the database an earlier run generated in --dir (by hand: a million tickets take minutes)", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— LtTicketList load against a bare sqlite3_step scan");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_tickets <= 0 || n_runs < 5)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "need --tickets > 0 and --runs >= 5");
      return 2;
    }
  if (reuse && dir == NULL)
    {
      g_printerr ("--reuse needs --dir\n");
      return 2;
    }
  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("lt-bench-XXXXXX", &error);
      own_dir = TRUE;
    }
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  path = g_build_filename (dir, "support.db", NULL);
  generate_start = g_get_monotonic_time ();
  store = lt_store_open (path, NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 2;
    }
  cache_size = get_cache_size (store);
  if (!reuse && !generate (store, (guint) n_tickets, &error))
    {
      g_printerr ("generating %s: %s\n", path, error->message);
      return 2;
    }
  /* Checkpoint so that every run reads the database file, not the log. */
  sqlite3_wal_checkpoint_v2 (lt_store_get_db (store), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  restore_cache_size (store, cache_size);
  generate_s = (double) (g_get_monotonic_time () - generate_start) / G_USEC_PER_SEC;

  /* Warm the page cache for both, then the memory of one loaded list. */
  checksum += bare_scan (lt_store_get_db (store), &n_rows, &row_bytes);
  rss_before = lt_bench_vm_rss_kib ();
  {
    g_autoptr(LtTicketList) list = lt_ticket_list_new (store, &error);

    if (list == NULL)
      {
        g_printerr ("loading: %s\n", error->message);
        return 2;
      }
    rss_after = lt_bench_vm_rss_kib ();
    if (g_list_model_get_n_items (G_LIST_MODEL (list)) != n_rows)
      {
        g_printerr ("the list holds %u tickets, the scan saw %u\n",
                    g_list_model_get_n_items (G_LIST_MODEL (list)), n_rows);
        return 2;
      }

    /* What scrolling costs: the first items, each read by pk. */
    {
      GPtrArray *held = g_ptr_array_new_with_free_func (g_object_unref);
      gint64 start = g_get_monotonic_time ();

      n_items = MIN (n_items, n_tickets);
      for (int i = 0; i < n_items; i++)
        g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (list), (guint) i));
      get_item_us = (double) (g_get_monotonic_time () - start) / n_items;
      g_ptr_array_unref (held);
    }

    /* A search over every row, as typing in the search field does. */
    {
      gint64 start = g_get_monotonic_time ();

      lt_ticket_list_set_search_text (list, "timed out");
      lt_ticket_list_set_search_text (list, "backup");
      filter_ms = (double) (g_get_monotonic_time () - start) / 2 / 1000.0;
    }
  }

  /* Alternate the two so that drift (frequency, other load) hits both. */
  for (int run = 0; run < n_runs; run++)
    {
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();
      checksum += bare_scan (lt_store_get_db (store), &n_rows, NULL);
      ms = (double) (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (bare_ms, ms);

      start = g_get_monotonic_time ();
      {
        g_autoptr(LtTicketList) list = lt_ticket_list_new (store, &error);

        ms = (double) (g_get_monotonic_time () - start) / 1000.0;
        if (list == NULL)
          {
            g_printerr ("loading: %s\n", error->message);
            return 2;
          }
      }
      g_array_append_val (list_ms, ms);
    }

  /* The Versions page's query against reading the column it would
   * otherwise scan; once first, so the statement is prepared and the
   * pages are cached for both. */
  checksum += bare_installation_scan (lt_store_get_db (store));
  for (int run = -1; run < n_runs; run++)
    {
      g_autoptr(GPtrArray) named = NULL;
      gint64 start;
      double ms;

      start = g_get_monotonic_time ();
      checksum += bare_installation_scan (lt_store_get_db (store));
      ms = (double) (g_get_monotonic_time () - start) / 1000.0;
      if (run >= 0)
        g_array_append_val (column_ms, ms);

      start = g_get_monotonic_time ();
      named = lt_store_list_installations_named_in_tickets (store, &error);
      ms = (double) (g_get_monotonic_time () - start) / 1000.0;
      if (named == NULL)
        {
          g_printerr ("installations named in tickets: %s\n", error->message);
          return 2;
        }
      n_named = named->len;
      if (run >= 0)
        g_array_append_val (named_ms, ms);
    }

  ratio = lt_bench_median (list_ms) / lt_bench_median (bare_ms);
  list_bytes = (double) (rss_after - rss_before) * 1024.0 / n_rows;

  g_print ("tickets                      %u (generated, seed %d, in %.1f s)\n", n_rows, SEED,
           generate_s);
  g_print ("runs                         %d each, alternated; medians\n", n_runs);
  g_print ("bare sqlite3_step scan       %8.1f ms\n", lt_bench_median (bare_ms));
  g_print ("LtTicketList load            %8.1f ms\n", lt_bench_median (list_ms));
  g_print ("ratio                        %8.2f   (goal <= %.1f: %s)\n", ratio, RATIO_GOAL,
           ratio <= RATIO_GOAL ? "met" : "MISSED");
  g_print ("resident memory of the list  %8.1f MiB (%.0f bytes per ticket; its columns %.0f)\n",
           (double) (rss_after - rss_before) / 1024.0, list_bytes, (double) row_bytes / n_rows);
  g_print ("get_item, first %d          %8.2f us per item\n", n_items, get_item_us);
  g_print ("search over every row        %8.1f ms\n", filter_ms);
  g_print ("installations named (index)  %8.3f ms (%u names)\n", lt_bench_median (named_ms), n_named);
  g_print ("bare scan of the column      %8.3f ms\n", lt_bench_median (column_ms));
  g_print ("RESULT ticket-load %.3f %.3f ms\n", lt_bench_median (list_ms), lt_bench_median (bare_ms));
  /* The list's own resident memory per ticket against the bytes of the
   * columns it is loaded from. */
  g_print ("RESULT list-bytes-per-ticket %.1f %.1f bytes\n", list_bytes, (double) row_bytes / n_rows);
  g_print ("RESULT installations-named %.4f %.4f ms\n", lt_bench_median (named_ms),
           lt_bench_median (column_ms));
  g_debug ("checksum %" G_GUINT64_FORMAT, checksum);

  g_clear_object (&store);
  if (own_dir)
    {
      static const char * const suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

          g_remove (file);
        }
      g_rmdir (dir);
    }

  return ratio <= RATIO_GOAL ? 0 : 1;
}
