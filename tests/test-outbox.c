/* test-outbox.c: the durable outbox and its crash safety
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-outbox.h"
#include "lt-store-private.h"
#include "lt-store.h"
#include "lt-test-store.h"
#include "lt-test-util.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <string.h>

#define SECOND G_TIME_SPAN_SECOND

/* Helpers ---------------------------------------------------------------- */

typedef struct
{
  char     *path;
  LtStore  *store;
  LtOutbox *outbox;
} Fixture;

static void
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;

  f->store = lt_store_open (f->path, &notice, &error);
  g_assert_no_error (error);
  g_assert_no_error (notice);
  f->outbox = lt_outbox_new (f->store);
}

static void
fixture_close (Fixture *f)
{
  g_clear_object (&f->outbox);
  g_clear_object (&f->store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->path = g_build_filename (g_get_user_data_dir (), "outbox-test", "support.db", NULL);
  fixture_open (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fixture_close (f);
  g_clear_pointer (&f->path, g_free);
}

static char *
enqueue_ok (Fixture    *f,
            const char *payload,
            const char *depends_on,
            const char *now_iso)
{
  g_autoptr(GDateTime) now = lt_test_instant (now_iso);
  g_autoptr(GError) error = NULL;
  char *key = lt_outbox_enqueue (f->outbox, "ticket.comment", payload, depends_on, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static LtOutboxItem *
lookup_ok (Fixture    *f,
           const char *key)
{
  g_autoptr(GError) error = NULL;
  LtOutboxItem *item = lt_outbox_lookup (f->outbox, key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (item);
  return item;
}

/* The key of the item claimed at @now_iso, or NULL when none is due. */
static char *
claim_key (Fixture    *f,
           const char *now_iso)
{
  g_autoptr(GDateTime) now = lt_test_instant (now_iso);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutboxItem) item = lt_outbox_claim_next (f->outbox, now, &error);

  g_assert_no_error (error);
  if (item == NULL)
    return NULL;
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_SENDING);
  return g_strdup (lt_outbox_item_get_key (item));
}

static void
assert_counts (Fixture *f,
               guint    pending,
               guint    sending,
               guint    sent,
               guint    failed)
{
  g_autoptr(GError) error = NULL;
  guint counts[LT_OUTBOX_N_STATES];

  g_assert_true (lt_outbox_count (f->outbox, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_PENDING], ==, pending);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_SENDING], ==, sending);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_SENT], ==, sent);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_FAILED], ==, failed);
}

/* Enqueue ---------------------------------------------------------------- */

static void
test_enqueue (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *key = enqueue_ok (f, "{\"body\": \"Any update?\"}", NULL,
                                     "2026-11-26T10:00:00.5+13:45");
  g_autoptr(LtOutboxItem) item = lookup_ok (f, key);

  g_assert_true (g_uuid_string_is_valid (key));
  g_assert_cmpstr (lt_outbox_item_get_key (item), ==, key);
  g_assert_cmpstr (lt_outbox_item_get_kind (item), ==, "ticket.comment");
  g_assert_cmpstr (lt_outbox_item_get_payload (item), ==, "{\"body\": \"Any update?\"}");
  g_assert_null (lt_outbox_item_get_depends_on (item));
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 0);
  g_assert_null (lt_outbox_item_get_last_error (item));
  g_assert_null (lt_outbox_item_get_failure_reason (item));
  g_assert_null (lt_outbox_item_get_sent_at (item));
  /* Due at once; stored and read back in UTC, to the microsecond. */
  lt_assert_instant (lt_outbox_item_get_created_at (item), "2026-11-25T20:15:00.5Z");
  lt_assert_instant (lt_outbox_item_get_next_attempt_at (item), "2026-11-25T20:15:00.5Z");
  g_assert_cmpint (g_date_time_get_utc_offset (lt_outbox_item_get_created_at (item)), ==, 0);
  g_assert_cmpint (lt_test_store_query_int (f->store, "SELECT created_at FROM outbox"), ==,
                   G_GINT64_CONSTANT (1795637700500000));
  assert_counts (f, 1, 0, 0, 0);
}

static void
test_enqueue_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autofree char *existing = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:00Z");
  static const struct {
    const char *key;
    const char *kind;
    const char *payload;
    const char *depends_on;
    LtError     code;
  } cases[] = {
    { "7d3c1f0a-58b2-4d59-9a8e-2f6b0c4d1e93", "ticket.create", "{oops", NULL,
      LT_ERROR_INVALID_INPUT },
    { "7d3c1f0a-58b2-4d59-9a8e-2f6b0c4d1e93", "ticket.create", "[1, 2]", NULL,
      LT_ERROR_INVALID_INPUT },
    { "7d3c1f0a-58b2-4d59-9a8e-2f6b0c4d1e93", "ticket.create", NULL, NULL,
      LT_ERROR_INVALID_INPUT },
    { "7d3c1f0a-58b2-4d59-9a8e-2f6b0c4d1e93", "", "{}", NULL, LT_ERROR_INVALID_INPUT },
    { "not-a-uuid", "ticket.create", "{}", NULL, LT_ERROR_INVALID_INPUT },
    { "7d3c1f0a-58b2-4d59-9a8e-2f6b0c4d1e93", "ticket.comment", "{}",
      "0b6f8d1e-4c2a-4f7e-9a35-6d1c2b8e7f40", LT_ERROR_NOT_FOUND },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lt_outbox_enqueue_with_key (f->outbox, cases[i].key, cases[i].kind,
                                                  cases[i].payload, cases[i].depends_on,
                                                  now, &error));
      g_assert_error (error, LT_ERROR, cases[i].code);
    }

  /* A key is used once: the second enqueue of the same key is refused. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (lt_outbox_enqueue_with_key (f->outbox, existing, "ticket.create", "{}",
                                                NULL, now, &error));
    g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
  }

  assert_counts (f, 1, 0, 0, 0);
}

static void
insert_draft (Fixture    *f,
              const char *key)
{
  g_autoptr(GError) error = NULL;
  g_auto(LtCachedStmt) stmt =
    lt_store_prepare (f->store,
                      "INSERT INTO tickets (local_id, title, severity, state, created_at, "
                      "                     local_updated_at) "
                      "VALUES (?, 'Export fails', 's2', 'queued', 0, 0)",
                      &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  g_assert_true (lt_store_step_done (f->store, stmt, &error));
  g_assert_no_error (error);
}

static void
test_enqueue_atomic_with_local_change (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = g_uuid_string_random ();

  /* Abandoned half way: neither the ticket nor the item exists. */
  {
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (f->store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (tx);
    insert_draft (f, key);
    g_assert_true (lt_outbox_enqueue_with_key (f->outbox, key, "ticket.create", "{}", NULL,
                                               now, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (lt_test_store_query_int (f->store, "SELECT count(*) FROM tickets"), ==, 0);
  assert_counts (f, 0, 0, 0, 0);

  /* Committed: both, and both survive a restart. */
  {
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (f->store, &error);

    g_assert_no_error (error);
    insert_draft (f, key);
    g_assert_true (lt_outbox_enqueue_with_key (f->outbox, key, "ticket.create", "{}", NULL,
                                               now, &error));
    g_assert_no_error (error);
    g_assert_true (lt_store_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }

  fixture_close (f);
  fixture_open (f);
  g_assert_cmpint (lt_test_store_query_int (f->store,
                                            "SELECT count(*) FROM tickets AS t JOIN outbox AS o "
                                            "ON o.key = t.local_id"),
                   ==, 1);
}

/* Claiming --------------------------------------------------------------- */

static void
test_claim_oldest_first (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *a = enqueue_ok (f, "{\"n\": 1}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *b = enqueue_ok (f, "{\"n\": 2}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *c = enqueue_ok (f, "{\"n\": 3}", NULL, "2026-11-26T10:00:01Z");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *none = NULL;
  g_autoptr(LtOutboxItem) claimed = NULL;

  /* Not yet due: c was enqueued after this instant. */
  first = claim_key (f, "2026-11-26T10:00:00.5Z");
  second = claim_key (f, "2026-11-26T10:00:00.5Z");
  none = claim_key (f, "2026-11-26T10:00:00.5Z");
  g_assert_cmpstr (first, ==, a);
  g_assert_cmpstr (second, ==, b);
  g_assert_null (none);

  third = claim_key (f, "2026-11-26T10:00:02Z");
  g_assert_cmpstr (third, ==, c);
  assert_counts (f, 0, 3, 0, 0);

  claimed = lookup_ok (f, a);
  lt_assert_instant (lt_outbox_item_get_last_attempt_at (claimed), "2026-11-26T10:00:00.5Z");
  g_assert_cmpuint (lt_outbox_item_get_attempts (claimed), ==, 0);
}

static void
test_claim_waits_for_dependency (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:01:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket = enqueue_ok (f, "{\"title\": \"t\"}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *comment = enqueue_ok (f, "{\"body\": \"c\"}", ticket, "2026-11-26T10:00:00Z");
  g_autofree char *first = claim_key (f, "2026-11-26T10:01:00Z");
  g_autofree char *blocked = claim_key (f, "2026-11-26T10:01:00Z");
  g_autofree char *after = NULL;
  g_autoptr(GDateTime) next_due = NULL;
  g_autoptr(LtOutboxItem) item = lookup_ok (f, comment);

  g_assert_cmpstr (lt_outbox_item_get_depends_on (item), ==, ticket);
  g_assert_cmpstr (first, ==, ticket);
  /* The comment waits while its ticket is being sent… */
  g_assert_null (blocked);
  g_assert_true (lt_outbox_get_next_due (f->outbox, &next_due, &error));
  g_assert_no_error (error);
  g_assert_null (next_due);

  /* …and goes once the portal has the ticket. */
  g_assert_true (lt_outbox_mark_sent (f->outbox, ticket, "{\"id\": \"LT-000200\"}", now, &error));
  g_assert_no_error (error);
  g_assert_true (lt_outbox_get_next_due (f->outbox, &next_due, &error));
  lt_assert_instant (next_due, "2026-11-26T10:00:00Z");
  after = claim_key (f, "2026-11-26T10:01:00Z");
  g_assert_cmpstr (after, ==, comment);
}

static char *
enqueue_kind_ok (Fixture    *f,
                 const char *kind,
                 const char *depends_on)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GError) error = NULL;
  char *key = lt_outbox_enqueue (f->outbox, kind, "{}", depends_on, now, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

static const char * const joinable[] = { "ticket.create", NULL };

/* The keys of @items, claimed without @error: each `sending`. */
static GStrv
claimed_keys (GPtrArray    *items,
              const GError *error)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  g_assert_no_error (error);
  g_assert_nonnull (items);
  for (guint i = 0; i < items->len; i++)
    {
      LtOutboxItem *item = g_ptr_array_index (items, i);

      g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_SENDING);
      g_strv_builder_add (keys, lt_outbox_item_get_key (item));
    }
  return g_strv_builder_end (keys);
}

/* The keys of the items claimed at 10:01, at most @max: a batch, or with
 * @join_only what lt_outbox_claim_joinable() claims. */
static GStrv
claim_keys (Fixture  *f,
            guint     max,
            gboolean  join_only)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:01:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = join_only
    ? lt_outbox_claim_joinable (f->outbox, now, max, joinable, &error)
    : lt_outbox_claim_batch (f->outbox, now, max, joinable, &error);

  return claimed_keys (items, error);
}

/* The keys of the batch claimed at 10:01 with at most @max items. */
static GStrv
claim_batch_keys (Fixture *f,
                  guint    max)
{
  return claim_keys (f, max, FALSE);
}

static GStrv
claim_joinable_keys (Fixture *f,
                     guint    max)
{
  return claim_keys (f, max, TRUE);
}

/* A batch: the oldest due item, then the next ones while all may be in
 * flight side by side, in one commit; never an item whose dependency is
 * not sent, never one past an item that must go alone. */
static void
test_claim_batch (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:01:00Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTestCommitCounter) commits = lt_test_commit_counter_new (f->store, "outbox");
  g_autofree char *a = enqueue_kind_ok (f, "ticket.create", NULL);
  g_autofree char *b = enqueue_kind_ok (f, "ticket.create", NULL);
  g_autofree char *on_a = enqueue_kind_ok (f, "ticket.comment", a);
  g_autofree char *c = enqueue_kind_ok (f, "ticket.create", NULL);
  g_autofree char *alone = enqueue_kind_ok (f, "ticket.escalate", NULL);
  g_autofree char *d = enqueue_kind_ok (f, "ticket.create", NULL);
  g_autofree char *e = enqueue_kind_ok (f, "ticket.create", NULL);
  g_autofree char *g = enqueue_kind_ok (f, "ticket.create", NULL);
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) second = NULL;
  g_auto(GStrv) third = NULL;
  g_auto(GStrv) fourth = NULL;
  g_auto(GStrv) fifth = NULL;
  g_auto(GStrv) last = NULL;
  guint enqueued = lt_test_commit_counter_get (commits);

  /* The comment waits for a; the escalation ends the batch. */
  first = claim_batch_keys (f, 8);
  g_assert_cmpuint (g_strv_length (first), ==, 3);
  g_assert_cmpstr (first[0], ==, a);
  g_assert_cmpstr (first[1], ==, b);
  g_assert_cmpstr (first[2], ==, c);
  g_assert_cmpuint (lt_test_commit_counter_get (commits), ==, enqueued + 1);
  assert_counts (f, 5, 3, 0, 0);

  /* An item that must go alone is a batch of its own. */
  second = claim_batch_keys (f, 8);
  g_assert_cmpuint (g_strv_length (second), ==, 1);
  g_assert_cmpstr (second[0], ==, alone);

  /* At most @max_items. */
  third = claim_batch_keys (f, 2);
  g_assert_cmpuint (g_strv_length (third), ==, 2);
  g_assert_cmpstr (third[0], ==, d);
  g_assert_cmpstr (third[1], ==, e);

  /* The comment goes once a is sent, before the younger g. */
  g_assert_true (lt_outbox_mark_sent (f->outbox, a, "{\"id\": \"LT-000300\"}", now, &error));
  g_assert_no_error (error);
  fourth = claim_batch_keys (f, 8);
  g_assert_cmpuint (g_strv_length (fourth), ==, 1);
  g_assert_cmpstr (fourth[0], ==, on_a);
  fifth = claim_batch_keys (f, 8);
  g_assert_cmpuint (g_strv_length (fifth), ==, 1);
  g_assert_cmpstr (fifth[0], ==, g);

  /* Nothing left: an empty batch, and no commit. */
  enqueued = lt_test_commit_counter_get (commits);
  last = claim_batch_keys (f, 8);
  g_assert_cmpuint (g_strv_length (last), ==, 0);
  g_assert_cmpuint (lt_test_commit_counter_get (commits), ==, enqueued);
  assert_counts (f, 0, 7, 1, 0);
}

/* Beside items in flight only what may join them: nothing while the
 * oldest due item must go alone, and never an item past it. */
static void
test_claim_joinable (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LtTestCommitCounter) commits = lt_test_commit_counter_new (f->store, "outbox");
  g_autofree char *a = enqueue_kind_ok (f, "ticket.create", NULL);
  g_autofree char *b = enqueue_kind_ok (f, "ticket.create", NULL);
  g_autofree char *alone = enqueue_kind_ok (f, "ticket.escalate", NULL);
  g_autofree char *c = enqueue_kind_ok (f, "ticket.create", NULL);
  g_auto(GStrv) first = NULL;
  g_auto(GStrv) blocked = NULL;
  g_auto(GStrv) batch = NULL;
  g_auto(GStrv) after = NULL;
  guint enqueued = lt_test_commit_counter_get (commits);

  first = claim_joinable_keys (f, 8);
  g_assert_cmpuint (g_strv_length (first), ==, 2);
  g_assert_cmpstr (first[0], ==, a);
  g_assert_cmpstr (first[1], ==, b);
  g_assert_cmpuint (lt_test_commit_counter_get (commits), ==, enqueued + 1);

  /* The escalation is next: it joins nothing, and c stays behind it. */
  blocked = claim_joinable_keys (f, 8);
  g_assert_cmpuint (g_strv_length (blocked), ==, 0);
  assert_counts (f, 2, 2, 0, 0);

  /* Once what was in flight settled, a batch takes it alone. */
  batch = claim_batch_keys (f, 8);
  g_assert_cmpuint (g_strv_length (batch), ==, 1);
  g_assert_cmpstr (batch[0], ==, alone);
  after = claim_joinable_keys (f, 8);
  g_assert_cmpuint (g_strv_length (after), ==, 1);
  g_assert_cmpstr (after[0], ==, c);
}

static void
test_discard_fails_dependents (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:01:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *ticket = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *comment = enqueue_ok (f, "{}", ticket, "2026-11-26T10:00:00Z");
  g_autofree char *claimed = claim_key (f, "2026-11-26T10:01:00Z");
  g_autofree char *blocked = NULL;
  g_autoptr(LtOutboxItem) item = NULL;

  g_assert_cmpstr (claimed, ==, ticket);
  g_assert_true (lt_outbox_mark_failed (f->outbox, ticket, "Title is required", now, &error));
  g_assert_no_error (error);

  /* A failed ticket holds its comment back. */
  blocked = claim_key (f, "2026-11-26T10:02:00Z");
  g_assert_null (blocked);

  g_assert_true (lt_outbox_discard (f->outbox, ticket, &error));
  g_assert_no_error (error);
  item = lookup_ok (f, comment);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_FAILED);
  g_assert_nonnull (lt_outbox_item_get_failure_reason (item));
  assert_counts (f, 0, 0, 0, 1);
}

/* Retry and back-off ----------------------------------------------------- */

static void
test_backoff_delay (void)
{
  g_assert_cmpint (lt_outbox_backoff_delay (1, 10 * SECOND, 300 * SECOND), ==, 10 * SECOND);
  g_assert_cmpint (lt_outbox_backoff_delay (2, 10 * SECOND, 300 * SECOND), ==, 20 * SECOND);
  g_assert_cmpint (lt_outbox_backoff_delay (3, 10 * SECOND, 300 * SECOND), ==, 40 * SECOND);
  g_assert_cmpint (lt_outbox_backoff_delay (5, 10 * SECOND, 300 * SECOND), ==, 160 * SECOND);
  g_assert_cmpint (lt_outbox_backoff_delay (6, 10 * SECOND, 300 * SECOND), ==, 300 * SECOND);
  /* No overflow however often it failed. */
  g_assert_cmpint (lt_outbox_backoff_delay (G_MAXUINT, 10 * SECOND, 300 * SECOND), ==,
                   300 * SECOND);
  g_assert_cmpint (lt_outbox_backoff_delay (200, G_MAXINT64 / 4, G_MAXINT64), ==, G_MAXINT64);
  g_assert_cmpint (lt_outbox_backoff_delay (1, 0, 300 * SECOND), ==, 0);
}

static void
mark_retry_ok (Fixture    *f,
               const char *key,
               const char *now_iso,
               GTimeSpan   retry_after)
{
  g_autoptr(GDateTime) now = lt_test_instant (now_iso);
  g_autoptr(GError) error = NULL;

  g_assert_true (lt_outbox_mark_retry (f->outbox, key, "Could not connect to the portal", now,
                                       10 * SECOND, 300 * SECOND, retry_after, &error));
  g_assert_no_error (error);
}

static void
test_retry_backoff (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *claim1 = claim_key (f, "2026-11-26T10:00:00Z");
  g_autofree char *early = NULL;
  g_autofree char *claim2 = NULL;
  g_autofree char *claim3 = NULL;
  g_autoptr(LtOutboxItem) item = NULL;

  /* A retry is only for an item being sent. */
  g_assert_false (lt_outbox_mark_retry (f->outbox, "0b6f8d1e-4c2a-4f7e-9a35-6d1c2b8e7f40",
                                        "x", now, SECOND, SECOND, 0, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  mark_retry_ok (f, claim1, "2026-11-26T10:00:00Z", 0);
  item = lookup_ok (f, key);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 1);
  g_assert_cmpstr (lt_outbox_item_get_last_error (item), ==, "Could not connect to the portal");
  lt_assert_instant (lt_outbox_item_get_next_attempt_at (item), "2026-11-26T10:00:10Z");
  g_clear_object (&item);

  /* Not before the back-off has passed. */
  early = claim_key (f, "2026-11-26T10:00:09Z");
  g_assert_null (early);
  claim2 = claim_key (f, "2026-11-26T10:00:10Z");
  g_assert_cmpstr (claim2, ==, key);
  mark_retry_ok (f, key, "2026-11-26T10:00:10Z", 0);
  item = lookup_ok (f, key);
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 2);
  lt_assert_instant (lt_outbox_item_get_next_attempt_at (item), "2026-11-26T10:00:30Z");
  g_clear_object (&item);

  /* Retry-After asks for longer than the back-off: it wins. */
  claim3 = claim_key (f, "2026-11-26T10:00:30Z");
  g_assert_cmpstr (claim3, ==, key);
  mark_retry_ok (f, key, "2026-11-26T10:00:30Z", 120 * SECOND);
  item = lookup_ok (f, key);
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 3);
  lt_assert_instant (lt_outbox_item_get_next_attempt_at (item), "2026-11-26T10:02:30Z");
  g_assert_cmpstr (lt_outbox_item_get_key (item), ==, key);
}

/* The network came back: a backed-off item is due at once, keeps its
 * attempts (the next failure backs off further), and nothing due already
 * or not pending moves. */
static void
test_wake_pending (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:05Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *claim1 = claim_key (f, "2026-11-26T10:00:00Z");
  g_autofree char *due = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:01Z");
  g_autofree char *claim2 = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  guint n_woken = 99;

  mark_retry_ok (f, claim1, "2026-11-26T10:00:00Z", 0);
  item = lookup_ok (f, key);
  lt_assert_instant (lt_outbox_item_get_next_attempt_at (item), "2026-11-26T10:00:10Z");
  g_clear_object (&item);

  g_assert_true (lt_outbox_wake_pending (f->outbox, now, &n_woken, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_woken, ==, 1);
  item = lookup_ok (f, key);
  lt_assert_instant (lt_outbox_item_get_next_attempt_at (item), "2026-11-26T10:00:05Z");
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 1);
  g_clear_object (&item);
  item = lookup_ok (f, due);
  lt_assert_instant (lt_outbox_item_get_next_attempt_at (item), "2026-11-26T10:00:01Z");
  g_clear_object (&item);

  claim2 = claim_key (f, "2026-11-26T10:00:05Z");
  g_assert_cmpstr (claim2, ==, key);

  /* Nothing left to wake. */
  g_assert_true (lt_outbox_wake_pending (f->outbox, now, &n_woken, &error));
  g_assert_cmpuint (n_woken, ==, 0);
}

static void
test_failed_retry_and_discard (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GDateTime) later = lt_test_instant ("2026-11-27T08:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *claimed = claim_key (f, "2026-11-26T10:00:00Z");
  g_autofree char *none = NULL;
  g_autofree char *again = NULL;
  g_autoptr(LtOutboxItem) item = NULL;

  g_assert_cmpstr (claimed, ==, key);
  g_assert_true (lt_outbox_mark_failed (f->outbox, key,
                                        "The reopen window closed on 2026-11-20", now, &error));
  g_assert_no_error (error);
  item = lookup_ok (f, key);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_FAILED);
  g_assert_cmpstr (lt_outbox_item_get_failure_reason (item), ==,
                   "The reopen window closed on 2026-11-20");
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 1);
  g_clear_object (&item);

  /* A failed item is never sent on its own, however long we wait… */
  none = claim_key (f, "2027-01-01T00:00:00Z");
  g_assert_null (none);
  assert_counts (f, 0, 0, 0, 1);

  /* …until the user retries it: same key, due now. */
  g_assert_true (lt_outbox_retry (f->outbox, key, later, &error));
  g_assert_no_error (error);
  item = lookup_ok (f, key);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);
  g_assert_null (lt_outbox_item_get_failure_reason (item));
  lt_assert_instant (lt_outbox_item_get_next_attempt_at (item), "2026-11-27T08:00:00Z");
  again = claim_key (f, "2026-11-27T08:00:00Z");
  g_assert_cmpstr (again, ==, key);

  /* Being sent: neither retried nor discarded. */
  g_assert_false (lt_outbox_retry (f->outbox, key, later, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lt_outbox_discard (f->outbox, key, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lt_outbox_mark_failed (f->outbox, key, "Still refused", later, &error));
  g_assert_true (lt_outbox_discard (f->outbox, key, &error));
  g_assert_no_error (error);
  assert_counts (f, 0, 0, 0, 0);
}

static void
test_discard_pending (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:00Z");

  g_assert_true (lt_outbox_discard (f->outbox, key, &error));
  g_assert_no_error (error);
  assert_counts (f, 0, 0, 0, 0);
}

/* Sent items ------------------------------------------------------------- */

static void
test_sent_kept_until_pruned (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GDateTime) sent_at = lt_test_instant ("2026-11-26T10:00:05Z");
  g_autoptr(GDateTime) before = lt_test_instant ("2026-11-26T10:00:05Z");
  g_autoptr(GDateTime) after = lt_test_instant ("2026-12-03T10:00:05Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *sent = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *failed = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *pending = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *claim1 = claim_key (f, "2026-11-26T10:00:00Z");
  g_autofree char *claim2 = claim_key (f, "2026-11-26T10:00:00Z");
  g_autofree char *resend = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  guint n_pruned = 99;

  /* Claimed in the order they were queued. */
  g_assert_cmpstr (claim1, ==, sent);
  g_assert_cmpstr (claim2, ==, failed);
  g_assert_true (lt_outbox_mark_sent (f->outbox, sent, "{\"id\": \"LT-000301\"}", sent_at,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (lt_outbox_mark_failed (f->outbox, failed, "Refused", sent_at, &error));
  g_assert_no_error (error);

  item = lookup_ok (f, sent);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_SENT);
  g_assert_cmpstr (lt_outbox_item_get_response (item), ==, "{\"id\": \"LT-000301\"}");
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 1);
  lt_assert_instant (lt_outbox_item_get_sent_at (item), "2026-11-26T10:00:05Z");

  /* Acknowledged once is enough: never sent again, and a second answer
   * for the same key (another sender's) changes nothing and is no error. */
  {
    g_autoptr(GDateTime) later = lt_test_instant ("2026-11-26T10:00:09Z");
    g_autoptr(LtOutboxItem) again = NULL;

    g_assert_true (lt_outbox_mark_sent (f->outbox, sent, "{\"id\": \"LT-999999\"}", later, &error));
    g_assert_no_error (error);
    again = lookup_ok (f, sent);
    g_assert_cmpstr (lt_outbox_item_get_response (again), ==, "{\"id\": \"LT-000301\"}");
    g_assert_cmpuint (lt_outbox_item_get_attempts (again), ==, 1);
    lt_assert_instant (lt_outbox_item_get_sent_at (again), "2026-11-26T10:00:05Z");
  }
  resend = claim_key (f, "2026-11-26T10:00:06Z");
  g_assert_cmpstr (resend, ==, pending);

  g_assert_true (lt_outbox_prune_sent (f->outbox, before, &n_pruned, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pruned, ==, 0);
  g_assert_true (lt_outbox_prune_sent (f->outbox, after, &n_pruned, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pruned, ==, 1);
  /* Only the sent item went; the failed and the in-flight ones stay. */
  assert_counts (f, 0, 1, 0, 1);
}

static void
test_mark_sent_after_recovery (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:05Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = enqueue_ok (f, "{}", NULL, "2026-11-26T10:00:00Z");

  /* The answer to an earlier send arrives after a restart put the item
   * back to pending: it is acknowledged, not sent twice. */
  g_assert_true (lt_outbox_mark_sent (f->outbox, key, NULL, now, &error));
  g_assert_no_error (error);
  assert_counts (f, 0, 0, 1, 0);
}

/* Restarts --------------------------------------------------------------- */

static void
test_recover_on_open (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *a = enqueue_ok (f, "{\"n\": 1}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *b = enqueue_ok (f, "{\"n\": 2}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *claimed = claim_key (f, "2026-11-26T10:00:01Z");
  g_autofree char *again = NULL;
  g_autofree char *next = NULL;
  g_autoptr(LtOutboxItem) item = NULL;

  g_assert_cmpstr (claimed, ==, a);
  assert_counts (f, 1, 1, 0, 0);

  /* The process goes away without an answer from the portal. */
  fixture_close (f);
  fixture_open (f);

  assert_counts (f, 2, 0, 0, 0);
  item = lookup_ok (f, a);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);
  g_assert_cmpstr (lt_outbox_item_get_payload (item), ==, "{\"n\": 1}");
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 0);
  again = claim_key (f, "2026-11-26T10:00:02Z");
  g_assert_cmpstr (again, ==, a);
  /* The recovered item kept its place ahead of the one queued after it. */
  next = claim_key (f, "2026-11-26T10:00:02Z");
  g_assert_cmpstr (next, ==, b);
}

/* Two connections to one file (the app and a CLI, here in one process:
 * flock() locks of two open files conflict within a process too). The
 * other's live claim survives an open and a claim here, cannot be
 * discarded, and goes back to pending only once its owner is gone; an
 * answer for an item the other already settled is no error; a release
 * gives back only one's own claim. */
static void
test_claims_of_another_connection (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:01Z");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autofree char *a = enqueue_ok (f, "{\"n\": 1}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *b = enqueue_ok (f, "{\"n\": 2}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *claimed = claim_key (f, "2026-11-26T10:00:01Z");
  g_autoptr(LtStore) other = NULL;
  g_autoptr(LtOutbox) other_outbox = NULL;
  g_autoptr(LtOutboxItem) item = NULL;

  g_assert_cmpstr (claimed, ==, a);

  other = lt_store_open (f->path, &notice, &error);
  g_assert_no_error (error);
  g_assert_no_error (notice);
  other_outbox = lt_outbox_new (other);
  assert_counts (f, 1, 1, 0, 0);

  /* The other connection claims the next one, not ours. */
  item = lt_outbox_claim_next (other_outbox, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_outbox_item_get_key (item), ==, b);
  g_clear_object (&item);
  g_assert_false (lt_outbox_discard (other_outbox, a, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Its retry of our item changes nothing: not its claim. */
  g_assert_false (lt_outbox_mark_retry (other_outbox, a, "timeout", now, 0, 0, 0, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (lt_outbox_release (other_outbox, a, &error));
  g_assert_no_error (error);
  assert_counts (f, 0, 2, 0, 0);

  /* It got the portal's answer for ours first (the same key): we find it
   * sent, and that is no error, also for a retry or a failure. */
  g_assert_true (lt_outbox_mark_sent (other_outbox, a, NULL, now, &error));
  g_assert_no_error (error);
  g_assert_true (lt_outbox_mark_sent (f->outbox, a, NULL, now, &error));
  g_assert_no_error (error);
  g_assert_true (lt_outbox_mark_failed (f->outbox, a, "Refused", now, &error));
  g_assert_no_error (error);
  assert_counts (f, 0, 1, 1, 0);

  /* It gives its claim back: pending, the attempt not counted. */
  g_assert_true (lt_outbox_release (other_outbox, b, &error));
  g_assert_no_error (error);
  item = lookup_ok (f, b);
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, 0);
  g_clear_object (&item);

  /* It claims again and goes away without an answer: our next claim
   * releases it and takes it. */
  item = lt_outbox_claim_next (other_outbox, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_outbox_item_get_key (item), ==, b);
  g_clear_object (&item);
  g_clear_object (&other_outbox);
  g_clear_object (&other);
  item = lt_outbox_claim_next (f->outbox, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);
  g_assert_cmpstr (lt_outbox_item_get_key (item), ==, b);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = enqueue_ok (f, "{\"n\": 1}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *b = enqueue_ok (f, "{\"n\": 2}", NULL, "2026-11-26T10:00:00Z");
  g_autofree char *claimed = claim_key (f, "2026-11-26T10:00:01Z");
  g_autoptr(GPtrArray) items = lt_outbox_list (f->outbox, &error);
  LtOutboxState state;

  g_assert_cmpstr (claimed, ==, a);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (lt_outbox_item_get_key (g_ptr_array_index (items, 0)), ==, a);
  g_assert_cmpstr (lt_outbox_item_get_key (g_ptr_array_index (items, 1)), ==, b);
  g_object_get (g_ptr_array_index (items, 0), "state", &state, NULL);
  g_assert_cmpint (state, ==, LT_OUTBOX_STATE_SENDING);
}

/* The unsent items of the kinds asked for, and none other: not a sent or
 * failed one, not one of another kind. */
static void
test_list_unsent (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const kinds[] = { "ticket.escalate", "ticket.reopen", NULL };
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:01:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *create = enqueue_kind_ok (f, "ticket.create", NULL);
  g_autofree char *sent = enqueue_kind_ok (f, "ticket.escalate", NULL);
  g_autofree char *failed = enqueue_kind_ok (f, "ticket.reopen", NULL);
  g_autofree char *sending = enqueue_kind_ok (f, "ticket.escalate", NULL);
  g_autofree char *pending = enqueue_kind_ok (f, "ticket.reopen", NULL);
  g_autoptr(GPtrArray) items = NULL;

  /* One at a time, oldest first: each kind goes alone here. */
  const char *order[] = { create, sent, failed, sending };

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_auto(GStrv) claimed = claim_batch_keys (f, 1);

      g_assert_cmpstr (claimed[0], ==, order[i]);
    }
  g_assert_true (lt_outbox_mark_sent (f->outbox, sent, "{\"id\": \"LT-000300\"}", now, &error));
  g_assert_no_error (error);
  g_assert_true (lt_outbox_mark_failed (f->outbox, failed, "Refused", now, &error));
  g_assert_no_error (error);
  assert_counts (f, 1, 2, 1, 1);

  items = lt_outbox_list_unsent (f->outbox, kinds, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpstr (lt_outbox_item_get_key (g_ptr_array_index (items, 0)), ==, sending);
  g_assert_cmpstr (lt_outbox_item_get_key (g_ptr_array_index (items, 1)), ==, pending);
}

/* Crash safety ----------------------------------------------------------- */

#define CRASH_KILLS 200
#define CRASH_SEED 20261126

typedef struct
{
  GHashTable *acked;        /* keys whose enqueue committed */
  GHashTable *sent;         /* keys whose acknowledgement committed */
  guint       recovered;    /* items found in `sending` after a kill */
  guint       early_kills;  /* kills before the child reported READY */
} CrashLog;

static void
read_child_lines (GDataInputStream *lines,
                  CrashLog         *log)
{
  char *line;

  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      g_autofree char *owned = line;

      if (g_str_has_prefix (owned, "ACK "))
        g_hash_table_add (log->acked, g_strdup (owned + 4));
      else if (g_str_has_prefix (owned, "SENT "))
        g_hash_table_add (log->sent, g_strdup (owned + 5));
    }
}

/* Before the store recovers anything: which items did the kill leave in
 * `sending`? Read with a plain connection. */
static GHashTable *
collect_sending (const char *path)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return keys;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  /* The first kills may land before the schema exists. */
  if (sqlite3_prepare_v2 (db, "SELECT key FROM outbox WHERE state = 'sending'", -1, &stmt,
                          NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_hash_table_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  g_clear_pointer (&stmt, sqlite3_finalize);
  sqlite3_close (db);
  return keys;
}

static void
check_after_crash (const char *path,
                   CrashLog   *log,
                   GHashTable *were_sending)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(LtStore) store = lt_store_open (path, &notice, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *integrity = NULL;
  GHashTableIter iter;
  gpointer key;
  int rc;

  g_assert_no_error (error);
  g_assert_no_error (notice);

  {
    g_autoptr(sqlite3_stmt) check = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (store), "PRAGMA integrity_check",
                                         -1, &check, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
    integrity = g_strdup ((const char *) sqlite3_column_text (check, 0));
    g_assert_cmpstr (integrity, ==, "ok");
  }

  /* No item is left claimed, and every item has its ticket and vice versa,
   * in matching states. */
  g_assert_cmpint (lt_test_store_query_int (store,
                                            "SELECT count(*) FROM outbox WHERE state = 'sending'"),
                   ==, 0);
  g_assert_cmpint (lt_test_store_query_int (store,
                                            "SELECT count(*) FROM outbox AS o WHERE NOT EXISTS "
                                            "(SELECT 1 FROM tickets AS t WHERE t.local_id = o.key)"),
                   ==, 0);
  g_assert_cmpint (lt_test_store_query_int (store,
                                            "SELECT count(*) FROM tickets AS t WHERE NOT EXISTS "
                                            "(SELECT 1 FROM outbox AS o WHERE o.key = t.local_id)"),
                   ==, 0);
  g_assert_cmpint (lt_test_store_query_int (store,
                                            "SELECT count(*) FROM outbox AS o "
                                            "JOIN tickets AS t ON t.local_id = o.key "
                                            "WHERE (o.state = 'sent') <> (t.state = 'submitted') "
                                            "   OR (o.state = 'sent' AND "
                                            "       json_extract (o.response, '$.id') IS NOT t.id)"),
                   ==, 0);

  /* Every payload is whole: it names its own key and its checksum
   * matches. */
  g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (store),
                                       "SELECT key, state, json_extract (payload, '$.key'), "
                                       "       json_extract (payload, '$.title'), "
                                       "       json_extract (payload, '$.checksum') "
                                       "FROM outbox",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row_key = (const char *) sqlite3_column_text (stmt, 0);
      const char *state = (const char *) sqlite3_column_text (stmt, 1);
      const char *payload_key = (const char *) sqlite3_column_text (stmt, 2);
      const char *title = (const char *) sqlite3_column_text (stmt, 3);
      const char *checksum = (const char *) sqlite3_column_text (stmt, 4);
      g_autofree char *signed_text = g_strconcat (row_key, "\n", title, NULL);
      g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                                 signed_text, -1);

      g_assert_cmpstr (payload_key, ==, row_key);
      g_assert_cmpstr (checksum, ==, expected);
      g_assert_true (g_hash_table_add (seen, g_strdup (row_key)));

      if (g_hash_table_contains (log->sent, row_key))
        g_assert_cmpstr (state, ==, "sent");
      if (g_hash_table_contains (were_sending, row_key))
        g_assert_cmpstr (state, ==, "pending");
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);

  /* Every enqueue the child reported is there, once (the key is UNIQUE
   * and `seen` refused duplicates above). */
  g_hash_table_iter_init (&iter, log->acked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (seen, key))
      {
        g_autofree char *msg = g_strdup_printf ("acknowledged enqueue %s is missing after a crash",
                                                (const char *) key);
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, msg);
      }
}

static void
test_crash_safety (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "crash", "support.db", NULL);
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "outbox-crash-child", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (CRASH_SEED);
  CrashLog log = { 0 };

  log.acked = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  log.sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint kill = 0; kill < CRASH_KILLS; kill++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      g_autoptr(GHashTable) were_sending = NULL;
      g_autofree char *seed = g_strdup_printf ("%u", g_rand_int (rand));
      /* One kill in ten lands while the child is still opening the store
       * (recovery, migration); the others while it works the outbox. */
      gboolean early = g_rand_int_range (rand, 0, 10) == 0;
      gulong delay_usec = (gulong) g_rand_int_range (rand, 1000, 30001);

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                               child, path, seed, NULL);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));

      if (!early)
        {
          g_autofree char *ready = g_data_input_stream_read_line (lines, NULL, NULL, &error);

          g_assert_no_error (error);
          g_assert_nonnull (ready);
          g_assert_true (g_str_has_prefix (ready, "READY "));

          /* The random delay runs from the first committed enqueue, so each
           * of these kills lands in the middle of outbox work however slow
           * the machine's fsync is. */
          while (TRUE)
            {
              g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

              g_assert_no_error (error);
              g_assert_nonnull (line);
              if (g_str_has_prefix (line, "ACK "))
                {
                  g_hash_table_add (log.acked, g_strdup (line + 4));
                  break;
                }
              if (g_str_has_prefix (line, "SENT "))
                g_hash_table_add (log.sent, g_strdup (line + 5));
            }
        }

      g_usleep (delay_usec);
      g_subprocess_send_signal (proc, SIGKILL);
      g_assert_true (g_subprocess_wait (proc, NULL, &error));
      g_assert_no_error (error);
      /* Killed, not dead of an error of its own. */
      g_assert_true (g_subprocess_get_if_signaled (proc));
      g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);

      read_child_lines (lines, &log);
      if (early)
        log.early_kills++;

      were_sending = collect_sending (path);
      log.recovered += g_hash_table_size (were_sending);
      check_after_crash (path, &log, were_sending);
    }

  g_test_message ("%u kills (%u while opening): %u enqueues and %u acknowledgements "
                  "survived; %u claimed items recovered",
                  CRASH_KILLS, log.early_kills, g_hash_table_size (log.acked),
                  g_hash_table_size (log.sent), log.recovered);

  /* The children did real work across the kills, including being killed
   * with items claimed. */
  g_assert_cmpuint (g_hash_table_size (log.acked), >=, CRASH_KILLS - log.early_kills);
  g_assert_cmpuint (g_hash_table_size (log.sent), >, 0);
  g_assert_cmpuint (log.recovered, >, 0);

  g_hash_table_unref (log.acked);
  g_hash_table_unref (log.sent);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);
  g_unsetenv (LT_STORE_PROFILE_ENV);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/lt/outbox/enqueue", test_enqueue);
  ADD ("/lt/outbox/enqueue/refused", test_enqueue_refused);
  ADD ("/lt/outbox/enqueue/atomic-with-local-change", test_enqueue_atomic_with_local_change);
  ADD ("/lt/outbox/claim/oldest-first", test_claim_oldest_first);
  ADD ("/lt/outbox/claim/waits-for-dependency", test_claim_waits_for_dependency);
  ADD ("/lt/outbox/claim/batch", test_claim_batch);
  ADD ("/lt/outbox/claim/joinable", test_claim_joinable);
  ADD ("/lt/outbox/discard/fails-dependents", test_discard_fails_dependents);
  ADD ("/lt/outbox/retry/backoff", test_retry_backoff);
  ADD ("/lt/outbox/retry/wake-pending", test_wake_pending);
  ADD ("/lt/outbox/failed/retry-and-discard", test_failed_retry_and_discard);
  ADD ("/lt/outbox/discard/pending", test_discard_pending);
  ADD ("/lt/outbox/sent/kept-until-pruned", test_sent_kept_until_pruned);
  ADD ("/lt/outbox/sent/after-recovery", test_mark_sent_after_recovery);
  ADD ("/lt/outbox/recover-on-open", test_recover_on_open);
  ADD ("/lt/outbox/claims/another-connection", test_claims_of_another_connection);
  ADD ("/lt/outbox/list", test_list);
  ADD ("/lt/outbox/list/unsent", test_list_unsent);
  g_test_add_func ("/lt/outbox/backoff-delay", test_backoff_delay);
  g_test_add_func ("/lt/outbox/crash-safety", test_crash_safety);

#undef ADD

  return g_test_run ();
}
