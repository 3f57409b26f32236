/* outbox-crash-child.c: the process test-outbox kills
 *
 *   outbox-crash-child DB SEED
 *
 * Opens the store (recovering whatever the last kill left), prints "READY",
 * then works the outbox until it is killed: it files tickets (a local ticket
 * row and its outbox item in one transaction), claims items and marks them
 * sent (updating the ticket in the same transaction), to be retried or
 * failed, leaves some claimed items in `sending`, and retries failed ones.
 * After each commit returns it prints one line, "ACK <key>", "SENT <key>",
 * "RETRY <key>", "FAILED <key>" or "RETRIED <key>", so the parent knows what
 * must have survived.
 *
 * Each payload carries its own key and a SHA-256 of key and body, so the
 * parent can tell a torn or mixed-up payload from an intact one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "outbox-crash-child"

#include "config.h"

#include "lt-outbox.h"
#include "lt-store-private.h"
#include "lt-store.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef __linux__
#include <signal.h>
#include <sys/prctl.h>
#endif

/* A child whose parent died must not write forever. */
#define MAX_RUN_USEC (20 * G_USEC_PER_SEC)

static G_NORETURN void
die (const char   *what,
     const GError *error)
{
  fprintf (stderr, "outbox-crash-child: %s: %s\n", what, error ? error->message : "failed");
  exit (EXIT_FAILURE);
}

static void
say (const char *verb,
     const char *key)
{
  /* One write(2) of less than PIPE_BUF bytes: the parent sees the whole
   * line or nothing. */
  printf ("%s %s\n", verb, key);
  fflush (stdout);
}

static char *
make_payload (GRand      *rand,
              const char *key)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *signed_text = NULL;
  g_autofree char *checksum = NULL;
  int length = g_rand_int_range (rand, 1, 400);

  for (int i = 0; i < length; i++)
    g_string_append_c (body, (char) g_rand_int_range (rand, ' ', '~' + 1));

  signed_text = g_strconcat (key, "\n", body->str, NULL);
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, signed_text, -1);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, key);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, body->str);
  json_builder_set_member_name (builder, "checksum");
  json_builder_add_string_value (builder, checksum);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
file_ticket (LtStore  *store,
             LtOutbox *outbox,
             GRand    *rand,
             GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *payload = make_payload (rand, key);

  tx = lt_store_begin (store, &error);
  if (tx == NULL)
    die ("begin", error);

  {
    g_auto(LtCachedStmt) stmt =
      lt_store_prepare (store,
                        "INSERT INTO tickets (local_id, title, severity, state, created_at, "
                        "                     local_updated_at) "
                        "VALUES (?1, ?1, 's3', 'queued', ?2, ?2)",
                        &error);
    if (stmt == NULL)
      die ("prepare ticket", error);
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    lt_store_bind_instant (stmt, 2, now);
    if (!lt_store_step_done (store, stmt, &error))
      die ("insert ticket", error);
  }

  if (!lt_outbox_enqueue_with_key (outbox, key, "ticket.create", payload, NULL, now, &error))
    die ("enqueue", error);
  if (!lt_store_transaction_commit (tx, &error))
    die ("commit enqueue", error);

  say ("ACK", key);
}

static void
acknowledge (LtStore    *store,
             LtOutbox   *outbox,
             const char *key,
             GDateTime  *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autofree char *response = NULL;

  tx = lt_store_begin (store, &error);
  if (tx == NULL)
    die ("begin", error);

  /* What the sync does with the portal's 201: the ticket gets its id and
   * leaves the queued state in the same transaction as the outbox row. */
  {
    g_auto(LtCachedStmt) stmt =
      lt_store_prepare (store,
                        "UPDATE tickets SET state = 'submitted', id = printf ('LT-%06d', pk), "
                        "                   opened_at = ?2, local_updated_at = ?2 "
                        "WHERE local_id = ?1 AND state = 'queued' "
                        "RETURNING id",
                        &error);
    if (stmt == NULL)
      die ("prepare submit", error);
    sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    lt_store_bind_instant (stmt, 2, now);
    if (sqlite3_step (stmt) != SQLITE_ROW)
      die ("submit ticket: no queued ticket", NULL);
    response = g_strdup_printf ("{\"id\": \"%s\"}", lt_store_column_text (stmt, 0));
    if (sqlite3_step (stmt) != SQLITE_DONE)
      die ("submit ticket", NULL);
  }

  if (!lt_outbox_mark_sent (outbox, key, response, now, &error))
    die ("mark sent", error);
  if (!lt_store_transaction_commit (tx, &error))
    die ("commit sent", error);

  say ("SENT", key);
}

static void
send_one (LtStore   *store,
          LtOutbox  *outbox,
          GRand     *rand,
          GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutboxItem) item = lt_outbox_claim_next (outbox, now, &error);
  const char *key;
  int outcome;

  if (item == NULL)
    {
      if (error != NULL)
        die ("claim", error);
      return;
    }

  key = lt_outbox_item_get_key (item);
  outcome = g_rand_int_range (rand, 0, 100);

  if (outcome < 50)
    acknowledge (store, outbox, key, now);
  else if (outcome < 75)
    {
      if (!lt_outbox_mark_retry (outbox, key, "connection refused", now,
                                 G_TIME_SPAN_MILLISECOND, 20 * G_TIME_SPAN_MILLISECOND, 0,
                                 &error))
        die ("mark retry", error);
      say ("RETRY", key);
    }
  else if (outcome < 92)
    {
      if (!lt_outbox_mark_failed (outbox, key, "The portal rejected the ticket", now, &error))
        die ("mark failed", error);
      say ("FAILED", key);
    }
  /* else: the answer never comes; the item stays claimed until a restart
   * puts it back. */
}

static void
retry_failed (LtStore   *store,
              LtOutbox  *outbox,
              GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  {
    g_auto(LtCachedStmt) stmt =
      lt_store_prepare (store, "SELECT key FROM outbox WHERE state = 'failed' ORDER BY id LIMIT 1",
                        &error);
    if (stmt == NULL)
      die ("prepare failed", error);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      key = g_strdup (lt_store_column_text (stmt, 0));
  }

  if (key == NULL)
    return;
  if (!lt_outbox_retry (outbox, key, now, &error))
    die ("retry", error);
  say ("RETRIED", key);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(GRand) rand = NULL;
  gint64 started = g_get_monotonic_time ();
  guint64 seed;

#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT32, &seed, NULL))
    {
      fprintf (stderr, "usage: %s DB SEED\n", argv[0]);
      return EXIT_FAILURE;
    }

  store = lt_store_open (argv[1], &notice, &error);
  if (store == NULL)
    die ("open", error);
  if (notice != NULL)
    die ("open found a damaged database", notice);

  outbox = lt_outbox_new (store);
  rand = g_rand_new_with_seed ((guint32) seed);
  say ("READY", argv[1]);

  while (g_get_monotonic_time () - started < MAX_RUN_USEC)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      int op = g_rand_int_range (rand, 0, 100);

      if (op < 55)
        file_ticket (store, outbox, rand, now);
      else if (op < 92)
        send_one (store, outbox, rand, now);
      else
        retry_failed (store, outbox, now);
    }

  fprintf (stderr, "outbox-crash-child: ran for %d s without being killed\n",
           (int) (MAX_RUN_USEC / G_USEC_PER_SEC));
  return EXIT_FAILURE;
}
