/* test-sync-bundle.c: a diagnostics bundle's parts attached with
 * lt_actions_attach_bundle() and sent by LtSync to the real devportal
 * (docs/bundle.md, "Sending a bundle and air-gapped use")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sync-bundle"

#include "config.h"

#include "lt-error.h"
#include "lt-test-bundle.h"
#include "lt-test-sync-util.h"
#include "lt-test-util.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

/* Parts of 1 MiB (the smallest the writer takes) from 2.6 MiB of text
 * that hardly compresses: three parts or more. */
#define PART_SIZE  LT_BUNDLE_MIN_PART_SIZE
#define FILE_SIZE  (1300 * 1024)

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

static GPtrArray *
write_bundle (LtSyncFixture *f,
              guint32        seed)
{
  g_autofree char *name = g_strdup_printf ("diag-%u.tar.gz", seed);
  g_autofree char *output = g_build_filename (f->profile, name, NULL);
  GPtrArray *parts = lt_test_bundle_write (f->profile, output, 2, FILE_SIZE, PART_SIZE, seed);

  g_assert_cmpuint (parts->len, >=, 3);
  return parts;
}

static const char *
part_sha256 (GPtrArray *parts,
             guint      i)
{
  return ((LtBundlePart *) g_ptr_array_index (parts, i))->sha256;
}

static const char *
part_path (GPtrArray *parts,
           guint      i)
{
  return ((LtBundlePart *) g_ptr_array_index (parts, i))->path;
}

static char *
expected_note (GPtrArray *parts,
               guint      i)
{
  return g_strdup_printf ("Diagnostics bundle, part %u of %u, SHA-256 %s", i + 1, parts->len,
                          part_sha256 (parts, parts->len - 1));
}

static guint
count_items (LtSyncFixture *f)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = lt_outbox_list (f->outbox, &error);
  g_assert_no_error (error);
  return items->len;
}

/* The attachment events of the ticket's history in the store, oldest
 * first. */
static GPtrArray *
attachment_events (LtSyncFixture *f,
                   const char    *local_id)
{
  g_autoptr(LtTicket) ticket = lt_sync_fixture_ticket (f, local_id);
  g_autoptr(GError) error = NULL;
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;

  lt_store_load_ticket_events (f->store, ticket, &error);
  g_assert_no_error (error);
  model = lt_ticket_get_events (ticket);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LtTicketEvent) event = g_list_model_get_item (model, i);

      if (lt_ticket_event_get_kind (event) == LT_TICKET_EVENT_KIND_ATTACHMENT)
        g_ptr_array_add (events, g_steal_pointer (&event));
    }
  return events;
}

/* The history holds one attachment per part, in the parts' order, each
 * with its note. */
static void
assert_history (LtSyncFixture *f,
                const char    *local_id,
                GPtrArray     *parts)
{
  g_autoptr(GPtrArray) events = attachment_events (f, local_id);

  g_assert_cmpuint (events->len, ==, parts->len);
  for (guint i = 0; i < parts->len; i++)
    {
      LtTicketEvent *event = g_ptr_array_index (events, i);
      g_autofree char *base = g_path_get_basename (part_path (parts, i));
      g_autofree char *note = expected_note (parts, i);

      g_assert_cmpstr (lt_ticket_event_get_attachment_name (event), ==, base);
      g_assert_cmpstr (lt_ticket_event_get_body (event), ==, note);
    }
}

/* Queued on a ticket not yet filed: every part waits for the one before,
 * the first for the ticket. A part the portal took but whose answer was
 * lost is sent again with its key and replayed; while it backs off, no
 * later part overtakes it; in the end each part is on the portal once,
 * in order, with its note, and the history shows them. */
static void
test_in_order_once (LtSyncFixture *f,
                    gconstpointer  data)
{
  g_autofree char *local_id = lt_sync_fixture_file_ticket (f, "Agent stops collecting");
  g_autoptr(LtTicket) ticket = lt_sync_fixture_ticket (f, local_id);
  g_autoptr(GPtrArray) parts = write_bundle (f, 1);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  LtSyncReport report;
  gint64 replays = -1;

  keys = lt_actions_attach_bundle (f->outbox, f->policy, ticket, parts, f->now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (keys);
  g_assert_cmpuint (keys->len, ==, parts->len);
  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(LtOutboxItem) item = lt_sync_fixture_item (f, g_ptr_array_index (keys, i));
      g_autofree char *note = expected_note (parts, i);

      g_assert_cmpstr (lt_outbox_item_get_kind (item), ==, LT_OUTBOX_KIND_TICKET_ATTACHMENT);
      g_assert_cmpstr (lt_outbox_item_get_depends_on (item), ==,
                       i == 0 ? local_id : g_ptr_array_index (keys, i - 1));
      g_assert_nonnull (strstr (lt_outbox_item_get_payload (item), note));
      g_assert_nonnull (strstr (lt_outbox_item_get_payload (item), part_sha256 (parts, i)));
    }
  /* Shown in the history at once, before anything is sent. */
  assert_history (f, local_id, parts);

  /* The first part is stored by the portal, its answer lost. */
  lt_test_devportal_add_fault (f->portal,
                               "{\"drop_connection\": true, \"count\": 1, \"method\": \"POST\","
                               " \"path_prefix\": \"/api/v1/tickets/\"}");
  g_assert_false (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, 1);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "attachments"), ==, 1);

  /* While it backs off, nothing overtakes it. */
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, 0);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "attachments"), ==, 1);

  lt_sync_fixture_advance (f, 3600);
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, parts->len);
  g_assert_cmpuint (report.n_failed, ==, 0);

  /* Each part once; the first one's repeat was a replay. */
  g_assert_cmpint (lt_test_devportal_count (f->portal, "attachments"), ==, parts->len);
  for (guint i = 0; i < keys->len; i++)
    {
      g_assert_cmpuint (lt_test_devportal_key_count (f->portal, g_ptr_array_index (keys, i), &replays), ==, 1);
      g_assert_cmpint (replays, ==, i == 0 ? 1 : 0);
    }

  /* The history is now the portal's: the parts in order with their
   * notes, tied to the ticket. */
  assert_history (f, local_id, parts);
  events = attachment_events (f, local_id);
  for (guint i = 0; i < events->len; i++)
    g_assert_nonnull (lt_ticket_event_get_id (g_ptr_array_index (events, i)));
}

/* A part gone before it is sent fails naming its path; the parts after it
 * wait. Put back and retried, the rest go out, none twice. */
static void
test_part_gone (LtSyncFixture *f,
                gconstpointer  data)
{
  g_autofree char *local_id = lt_sync_fixture_file_ticket (f, "Collector crashes on rotate");
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(GPtrArray) parts = write_bundle (f, 2);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  LtSyncReport report;

  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  ticket = lt_sync_fixture_ticket (f, local_id);
  g_assert_nonnull (lt_ticket_get_id (ticket));

  keys = lt_actions_attach_bundle (f->outbox, f->policy, ticket, parts, f->now, &error);
  g_assert_no_error (error);
  item = lt_sync_fixture_item (f, g_ptr_array_index (keys, 0));
  g_assert_null (lt_outbox_item_get_depends_on (item));
  g_clear_object (&item);

  g_file_get_contents (part_path (parts, 1), &contents, &length, &error);
  g_assert_no_error (error);
  saved = g_strconcat (part_path (parts, 1), ".saved", NULL);
  g_assert_cmpint (g_rename (part_path (parts, 1), saved), ==, 0);

  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, 1);
  g_assert_cmpuint (report.n_failed, ==, 1);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "attachments"), ==, 1);

  item = lt_sync_fixture_item (f, g_ptr_array_index (keys, 1));
  g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_FAILED);
  g_assert_nonnull (strstr (lt_outbox_item_get_failure_reason (item), part_path (parts, 1)));
  g_assert_nonnull (strstr (lt_outbox_item_get_failure_reason (item), "no longer exists"));
  g_clear_object (&item);
  for (guint i = 2; i < keys->len; i++)
    {
      item = lt_sync_fixture_item (f, g_ptr_array_index (keys, i));
      g_assert_cmpint (lt_outbox_item_get_state (item), ==, LT_OUTBOX_STATE_PENDING);
      g_clear_object (&item);
    }

  /* Put back, retried: the rest, once each. */
  g_assert_cmpint (g_rename (saved, part_path (parts, 1)), ==, 0);
  lt_outbox_retry (f->outbox, g_ptr_array_index (keys, 1), f->now, &error);
  g_assert_no_error (error);
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_sent, ==, parts->len - 1);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "attachments"), ==, parts->len);
  for (guint i = 0; i < keys->len; i++)
    g_assert_cmpuint (lt_test_devportal_key_count (f->portal, g_ptr_array_index (keys, i), NULL), ==, 1);
  assert_history (f, local_id, parts);
}

/* Once delivered, a part the profile wrote for the ticket (in its
 * bundles/ folder) has done its work and goes, with its run's folder; a
 * bundle the admin wrote elsewhere (--output) stays. A part whose answer
 * is lost is kept for its retry. */
static void
test_delivered_removed (LtSyncFixture *f,
                        gconstpointer  data)
{
  g_autofree char *local_id = lt_sync_fixture_file_ticket (f, "Agent loses its queue");
  g_autofree char *bundles_dir = g_build_filename (f->profile, "bundles", NULL);
  g_autofree char *run_dir = g_build_filename (bundles_dir, "run-1", NULL);
  g_autofree char *kept_dir = g_build_filename (f->profile, "kept", NULL);
  g_autofree char *ours = g_build_filename (run_dir, "diag.tar.gz", NULL);
  g_autofree char *theirs = g_build_filename (kept_dir, "diag.tar.gz", NULL);
  g_autoptr(GPtrArray) our_parts = NULL;
  g_autoptr(GPtrArray) their_parts = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) more_keys = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  LtSyncReport report;

  g_assert_cmpint (g_mkdir_with_parents (run_dir, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (kept_dir, 0700), ==, 0);
  our_parts = lt_test_bundle_write (f->profile, ours, 2, FILE_SIZE, PART_SIZE, 5);
  their_parts = lt_test_bundle_write (f->profile, theirs, 2, FILE_SIZE, PART_SIZE, 6);
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  ticket = lt_sync_fixture_ticket (f, local_id);

  keys = lt_actions_attach_bundle (f->outbox, f->policy, ticket, our_parts, f->now, &error);
  g_assert_no_error (error);
  more_keys = lt_actions_attach_bundle (f->outbox, f->policy, ticket, their_parts, f->now, &error);
  g_assert_no_error (error);

  /* The first part reaches the portal, its answer does not: kept. */
  lt_test_devportal_add_fault (f->portal,
                               "{\"drop_connection\": true, \"count\": 1, \"method\": \"POST\","
                               " \"path_prefix\": \"/api/v1/tickets/\"}");
  g_assert_false (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_clear_error (&error);
  g_assert_true (g_file_test (part_path (our_parts, 0), G_FILE_TEST_EXISTS));

  lt_sync_fixture_advance (f, 3600);
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_failed, ==, 0);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "attachments"), ==, our_parts->len + their_parts->len);

  for (guint i = 0; i < our_parts->len; i++)
    g_assert_false (g_file_test (part_path (our_parts, i), G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (run_dir, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (bundles_dir, G_FILE_TEST_IS_DIR));
  for (guint i = 0; i < their_parts->len; i++)
    g_assert_true (g_file_test (part_path (their_parts, i), G_FILE_TEST_IS_REGULAR));
}

/* All parts or none: a part that is missing, too large or not the one
 * checked queues nothing. */
static void
test_all_or_none (LtSyncFixture *f,
                  gconstpointer  data)
{
  g_autofree char *local_id = lt_sync_fixture_file_ticket (f, "Bundle refused");
  g_autoptr(LtTicket) ticket = lt_sync_fixture_ticket (f, local_id);
  g_autoptr(GPtrArray) parts = write_bundle (f, 3);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autofree char *big = g_build_filename (f->profile, "big.part02.tar.gz", NULL);
  g_autofree char *big_contents = g_malloc0 (LT_ATTACHMENT_MAX_SIZE + 1);
  LtBundlePart *last = g_ptr_array_index (parts, parts->len - 1);
  g_autofree char *last_path = g_strdup (last->path);
  g_autofree char *last_sha256 = g_strdup (last->sha256);
  guint before = count_items (f);

  /* Not the checked bytes. */
  g_free (last->sha256);
  last->sha256 = g_strdup (part_sha256 (parts, 0));
  keys = lt_actions_attach_bundle (f->outbox, f->policy, ticket, parts, f->now, &error);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, last_path));
  g_assert_null (keys);
  g_clear_error (&error);
  g_free (last->sha256);
  last->sha256 = g_steal_pointer (&last_sha256);

  /* Missing. */
  g_assert_cmpint (g_unlink (last_path), ==, 0);
  keys = lt_actions_attach_bundle (f->outbox, f->policy, ticket, parts, f->now, &error);
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, last_path));
  g_assert_null (keys);
  g_clear_error (&error);

  /* Larger than the portal takes (LT_ATTACHMENT_MAX_SIZE). */
  g_file_set_contents (big, big_contents, LT_ATTACHMENT_MAX_SIZE + 1, &error);
  g_assert_no_error (error);
  g_free (last->path);
  last->path = g_strdup (big);
  keys = lt_actions_attach_bundle (f->outbox, f->policy, ticket, parts, f->now, &error);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "big.part02.tar.gz"));
  g_assert_null (keys);
  g_clear_error (&error);

  keys = lt_actions_attach_bundle (f->outbox, f->policy, ticket, empty, f->now, &error);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_null (keys);
  g_clear_error (&error);

  g_assert_cmpuint (count_items (f), ==, before);
  {
    g_autoptr(GPtrArray) events = attachment_events (f, local_id);

    g_assert_cmpuint (events->len, ==, 0);
  }
}

/* A part of exactly LT_ATTACHMENT_MAX_SIZE, the most the writer may
 * make, reaches the portal: the limit is the file's, and the request's
 * multipart framing and note come on top of it. */
static void
test_largest_part (LtSyncFixture *f,
                   gconstpointer  data)
{
  g_autofree char *local_id = lt_sync_fixture_file_ticket (f, "The largest part");
  g_autoptr(LtTicket) ticket = lt_sync_fixture_ticket (f, local_id);
  g_autofree char *path = g_build_filename (f->profile, "large.part01.tar.gz", NULL);
  g_autofree guchar *contents = g_malloc (LT_ATTACHMENT_MAX_SIZE);
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_bundle_part_free);
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  LtBundlePart *part = g_new0 (LtBundlePart, 1);
  LtSyncReport report;

  for (gsize i = 0; i < LT_ATTACHMENT_MAX_SIZE; i++)
    contents[i] = (guchar) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, (const char *) contents, LT_ATTACHMENT_MAX_SIZE, &error);
  g_assert_no_error (error);
  part->path = g_strdup (path);
  part->size = LT_ATTACHMENT_MAX_SIZE;
  part->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, contents, LT_ATTACHMENT_MAX_SIZE);
  g_ptr_array_add (parts, part);

  keys = lt_actions_attach_bundle (f->outbox, f->policy, ticket, parts, f->now, &error);
  g_assert_no_error (error);
  g_assert_true (lt_sync_fixture_run (f, LT_SYNC_ALL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.n_failed, ==, 0);
  g_assert_cmpuint (report.n_sent, ==, 2);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "attachments"), ==, 1);
  assert_history (f, local_id, parts);

  /* One byte more is the portal's 413 (the client refuses it before
   * sending, so the request is made by hand): the limit is the file's. */
  {
    g_autoptr(LtTicket) filed = lt_sync_fixture_ticket (f, local_id);
    g_autofree char *url = g_strdup_printf ("%s/api/v1/tickets/%s/attachments",
                                            lt_test_devportal_get_url (f->portal),
                                            lt_ticket_get_id (filed));
    g_autofree char *auth = g_strdup_printf ("Bearer %s", LT_TEST_SYNC_TOKEN);
    g_autofree guchar *larger = g_malloc0 (LT_ATTACHMENT_MAX_SIZE + 1);
    g_autofree char *key = g_uuid_string_random ();
    g_autoptr(SoupSession) session = soup_session_new ();
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
    g_autoptr(SoupMultipart) multipart = soup_multipart_new (SOUP_FORM_MIME_TYPE_MULTIPART);
    g_autoptr(GBytes) file = g_bytes_new_take (g_steal_pointer (&larger), LT_ATTACHMENT_MAX_SIZE + 1);
    g_autoptr(GBytes) body = NULL;
    g_autoptr(GBytes) answer = NULL;

    soup_multipart_append_form_file (multipart, "file", "large.part02.tar.gz", "application/gzip", file);
    soup_multipart_to_message (multipart, soup_message_get_request_headers (msg), &body);
    soup_message_set_request_body_from_bytes (msg, NULL, body);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "Idempotency-Key", key);
    answer = soup_session_send_and_read (session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 413);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer),
                                    "payload_too_large"));
    g_assert_cmpint (lt_test_devportal_count (f->portal, "attachments"), ==, 1);
  }
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);
  lt_test_capture_logs ();

  g_test_add ("/lt/sync/bundle/in-order-once", LtSyncFixture, NULL, setup, test_in_order_once, teardown);
  g_test_add ("/lt/sync/bundle/part-gone", LtSyncFixture, NULL, setup, test_part_gone, teardown);
  g_test_add ("/lt/sync/bundle/delivered-removed", LtSyncFixture, NULL, setup, test_delivered_removed, teardown);
  g_test_add ("/lt/sync/bundle/all-or-none", LtSyncFixture, NULL, setup, test_all_or_none, teardown);
  g_test_add ("/lt/sync/bundle/largest-part", LtSyncFixture, NULL, setup, test_largest_part, teardown);

  return g_test_run ();
}
