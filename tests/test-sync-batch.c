/* test-sync-batch.c: the push in batches against the devportal
 *
 * Several outbox items in flight at once, their "sending" marks and their
 * outcomes each written in one transaction per batch (docs/sync.md,
 * "Batches"): how many commits a drain takes (counted through the real
 * sqlite file, not timed), the order of items that act on one ticket, and
 * the states a batch whose requests partly fail leaves; and a full window
 * that slides while one of its requests waits (docs/sync.md, "A
 * continuous window").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-store.h"
#include "lt-test-sync-util.h"
#include "lt-test-util.h"

#include "lt-actions.h"

#include <string.h>

static void
setup (LtSyncFixture *f,
       gconstpointer  data)
{
  lt_sync_fixture_setup (f, FALSE);
}

static void
teardown (LtSyncFixture *f,
          gconstpointer  data)
{
  lt_sync_fixture_teardown (f);
}

static void
assert_item (LtSyncFixture *f,
             const char    *key,
             LtOutboxState  state,
             guint          attempts)
{
  g_autoptr(LtOutboxItem) item = lt_sync_fixture_item (f, key);

  g_assert_cmpint (lt_outbox_item_get_state (item), ==, state);
  g_assert_cmpuint (lt_outbox_item_get_attempts (item), ==, attempts);
}

/* A drain of N tickets commits a batch's claims together and a batch's
 * answers together: far fewer than the 2 × N commits of one claim and one
 * answer per item. Every ticket still reaches the portal once. */
static void
test_commits_per_batch (LtSyncFixture *f,
                        gconstpointer  data)
{
  const guint n_tickets = 48;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LtTestCommitCounter) commits = NULL;
  g_autoptr(GError) error = NULL;
  LtSyncReport report;

  for (guint i = 0; i < n_tickets; i++)
    {
      g_autofree char *title = g_strdup_printf ("Batch ticket %u", i);

      g_ptr_array_add (keys, lt_sync_fixture_file_ticket (f, title));
    }

  commits = lt_test_commit_counter_new (f->store, "outbox");
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_PUSH, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, n_tickets);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, n_tickets);
  for (guint i = 0; i < keys->len; i++)
    g_assert_cmpuint (lt_test_devportal_key_count (f->portal, g_ptr_array_index (keys, i), NULL),
                      ==, 1);

  /* Batches of 1, 2, 4, 8, 16, 16 and 1 (LT_SYNC_MAX_IN_FLIGHT): a claim
   * and a settlement each, 14 commits for 48 items. */
  g_test_message ("%u commits for %u items", lt_test_commit_counter_get (commits), n_tickets);
  g_assert_cmpuint (LT_SYNC_MAX_IN_FLIGHT, ==, 16);
  g_assert_cmpuint (lt_test_commit_counter_get (commits), <=, 14);
}

/* The comment bodies of the portal's copy of ticket @local_id, oldest
 * first. */
static GStrv
portal_comments (LtSyncFixture *f,
                 const char    *local_id)
{
  g_autoptr(LtTicket) ticket = lt_sync_fixture_ticket (f, local_id);
  g_autofree char *path = g_strconcat ("/api/v1/tickets/", lt_ticket_get_id (ticket), NULL);
  g_autoptr(JsonNode) copy = lt_test_devportal_request (f->portal, "GET", path, NULL);
  JsonArray *events = json_object_get_array_member (json_node_get_object (copy), "events");
  g_autoptr(GStrvBuilder) bodies = g_strv_builder_new ();

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      if (g_strcmp0 (json_object_get_string_member (event, "kind"), "comment") == 0)
        g_strv_builder_add (bodies, json_object_get_string_member (event, "body"));
    }
  return g_strv_builder_end (bodies);
}

/* Items that act on one ticket keep their order while others are in
 * flight beside them: a ticket's comments (each waiting for the ticket to
 * be filed, none for the other) reach the portal in the order written,
 * among tickets filed in between. */
static void
test_order_kept (LtSyncFixture *f,
                 gconstpointer  data)
{
  g_autofree char *first = lt_sync_fixture_file_ticket (f, "Ticket with comments");
  g_autoptr(LtTicket) ticket = lt_sync_fixture_ticket (f, first);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) comments = NULL;
  LtSyncReport report;
  const guint n_comments = 6;

  for (guint i = 0; i < n_comments; i++)
    {
      g_autofree char *body = g_strdup_printf ("Comment %u", i);
      g_autofree char *key = NULL;
      g_autofree char *other = NULL;
      g_autofree char *title = g_strdup_printf ("Filed between %u", i);

      key = lt_actions_comment (f->outbox, f->policy, ticket, body, f->now, &error);
      g_assert_no_error (error);
      other = lt_sync_fixture_file_ticket (f, title);
      g_assert_nonnull (other);
    }

  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_PUSH, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, 1 + 2 * n_comments);

  comments = portal_comments (f, first);
  g_assert_cmpuint (g_strv_length (comments), ==, n_comments);
  for (guint i = 0; i < n_comments; i++)
    {
      g_autofree char *body = g_strdup_printf ("Comment %u", i);

      g_assert_cmpstr (comments[i], ==, body);
    }
}

typedef struct
{
  char *tickets[3];
  char *notice;
} Mixed;

/* Batches of a drain: {tickets[0]}, {tickets[1], notice}, {tickets[2]}. */
static void
queue_mixed (LtSyncFixture *f,
             Mixed         *mixed)
{
  mixed->tickets[0] = lt_sync_fixture_file_ticket (f, "Mixed 0");
  mixed->tickets[1] = lt_sync_fixture_file_ticket (f, "Mixed 1");
  mixed->notice = lt_sync_fixture_submit_notice (f, "Mixed notice");
  mixed->tickets[2] = lt_sync_fixture_file_ticket (f, "Mixed 2");
}

static void
mixed_clear (Mixed *mixed)
{
  for (guint i = 0; i < G_N_ELEMENTS (mixed->tickets); i++)
    g_free (mixed->tickets[i]);
  g_free (mixed->notice);
}

/* The portal refuses one request of a batch for good: that item failed
 * with the portal's message, the other one of its batch and the items
 * after it sent. */
static void
test_batch_partly_refused (LtSyncFixture *f,
                           gconstpointer  data)
{
  Mixed mixed = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutboxItem) notice = NULL;
  LtSyncReport report;

  queue_mixed (f, &mixed);
  lt_test_devportal_add_fault (f->portal, "{\"status\": 409, \"count\": 1, \"method\": \"POST\","
                                          " \"path_prefix\": \"/api/v1/change-notices\"}");
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_PUSH, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, 3);
  g_assert_cmpuint (report.n_failed, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (mixed.tickets); i++)
    {
      assert_item (f, mixed.tickets[i], LT_OUTBOX_STATE_SENT, 1);
      g_assert_cmpuint (lt_test_devportal_key_count (f->portal, mixed.tickets[i], NULL), ==, 1);
    }
  assert_item (f, mixed.notice, LT_OUTBOX_STATE_FAILED, 1);
  notice = lt_sync_fixture_item (f, mixed.notice);
  g_assert_nonnull (strstr (lt_outbox_item_get_failure_reason (notice), "409"));
  g_assert_cmpint (lt_test_devportal_count (f->portal, "change_notices"), ==, 0);
  mixed_clear (&mixed);
}

/* A transient fault on one request of a batch: the other one of its
 * batch is sent, the faulted one backs off, the run stops there (the item
 * after the batch is not tried), and nothing stays claimed. */
static void
test_batch_partly_retried (LtSyncFixture *f,
                           gconstpointer  data)
{
  Mixed mixed = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutboxItem) notice = NULL;
  g_autoptr(GDateTime) due = g_date_time_add_seconds (f->now, 30);
  guint counts[LT_OUTBOX_N_STATES];
  gint64 replays = 0;
  LtSyncReport report;

  queue_mixed (f, &mixed);
  lt_test_devportal_add_fault (f->portal, "{\"status\": 500, \"count\": 1, \"method\": \"POST\","
                                          " \"path_prefix\": \"/api/v1/change-notices\"}");
  g_assert_false (lt_sync_fixture_run (f, LT_SYNC_PUSH, &report, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (report.n_sent, ==, 2);
  g_assert_cmpuint (report.n_retry, ==, 1);
  g_assert_cmpuint (report.n_failed, ==, 0);

  assert_item (f, mixed.tickets[0], LT_OUTBOX_STATE_SENT, 1);
  assert_item (f, mixed.tickets[1], LT_OUTBOX_STATE_SENT, 1);
  assert_item (f, mixed.notice, LT_OUTBOX_STATE_PENDING, 1);
  assert_item (f, mixed.tickets[2], LT_OUTBOX_STATE_PENDING, 0);
  notice = lt_sync_fixture_item (f, mixed.notice);
  g_assert_true (g_date_time_equal (lt_outbox_item_get_next_attempt_at (notice), due));
  g_assert_true (lt_outbox_count (f->outbox, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_SENDING], ==, 0);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, mixed.tickets[2], NULL), ==, 0);

  /* After the back-off everything is on the portal once. */
  lt_sync_fixture_advance (f, 30);
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_PUSH, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, 2);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, mixed.notice, &replays), ==, 1);
  g_assert_cmpint (replays, ==, 0);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, mixed.tickets[2], NULL), ==, 1);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 3);
  mixed_clear (&mixed);
}

/* The portal id a ticket filed here got, "LT-000123": zero-padded, so
 * ids compare in the order the portal created the tickets. */
static char *
portal_id (LtSyncFixture *f,
           const char    *local_id)
{
  g_autoptr(LtTicket) ticket = lt_sync_fixture_ticket (f, local_id);

  g_assert_nonnull (lt_ticket_get_id (ticket));
  return g_strdup (lt_ticket_get_id (ticket));
}

/* A full window slides: while one request waits for its answer, the
 * answers of the others are settled and the next items go out. The
 * window grows in rounds of 1, 2, 4 and 8 requests (15 tickets); the
 * portal then holds the first request of the full window to reach it 3 s
 * before it creates the ticket. Which of tickets 15 to 30 that is depends
 * on which of the 16 connections is served first, so the held ticket is
 * the one of them the portal created last. Tickets 31 and after, claimed
 * once half of the window has answered, reach it meanwhile and are
 * created first. A push that waited for the last answer of a batch before
 * sending more would create them after it. Every ticket still reaches the
 * portal once. */
static void
test_window_slides (LtSyncFixture *f,
                    gconstpointer  data)
{
  const guint n_tickets = 40;
  const guint n_ramp = 1 + 2 + 4 + 8;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *passing = NULL;
  g_autofree char *held = NULL;
  g_autoptr(GError) error = NULL;
  LtSyncReport report;

  for (guint i = 0; i < n_tickets; i++)
    {
      g_autofree char *title = g_strdup_printf ("Window ticket %u", i);

      g_ptr_array_add (keys, lt_sync_fixture_file_ticket (f, title));
    }
  /* Faults apply in the order added, one request each: the requests of
   * the ramp pass (a delay of 1 ms), the next one is held. */
  passing = g_strdup_printf ("{\"delay_ms\": 1, \"count\": %u, \"method\": \"POST\","
                             " \"path_prefix\": \"/api/v1/tickets\"}", n_ramp);
  lt_test_devportal_add_fault (f->portal, passing);
  lt_test_devportal_add_fault (f->portal, "{\"delay_ms\": 3000, \"count\": 1, \"method\": \"POST\","
                                          " \"path_prefix\": \"/api/v1/tickets\"}");

  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_PUSH, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, n_tickets);
  for (guint i = 0; i < keys->len; i++)
    g_assert_cmpuint (lt_test_devportal_key_count (f->portal, g_ptr_array_index (keys, i), NULL),
                      ==, 1);

  for (guint i = n_ramp; i < n_ramp + LT_SYNC_MAX_IN_FLIGHT; i++)
    {
      g_autofree char *id = portal_id (f, g_ptr_array_index (keys, i));

      if (held == NULL || strcmp (id, held) > 0)
        {
          g_free (held);
          held = g_steal_pointer (&id);
        }
    }
  for (guint i = n_ramp + LT_SYNC_MAX_IN_FLIGHT; i < n_ramp + LT_SYNC_MAX_IN_FLIGHT + 2; i++)
    {
      g_autofree char *later = portal_id (f, g_ptr_array_index (keys, i));

      g_test_message ("ticket %u is %s, the held ticket (the full window's last created) is %s",
                      i, later, held);
      g_assert_cmpstr (later, <, held);
    }
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, LtSyncFixture, NULL, setup, func, teardown)

  ADD ("/lt/sync/batch/commits", test_commits_per_batch);
  ADD ("/lt/sync/batch/order-kept", test_order_kept);
  ADD ("/lt/sync/batch/partly-refused", test_batch_partly_refused);
  ADD ("/lt/sync/batch/partly-retried", test_batch_partly_retried);
  ADD ("/lt/sync/batch/window-slides", test_window_slides);

#undef ADD

  return g_test_run ();
}
