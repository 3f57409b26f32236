/* test-store-entities.c: the models in the store, and LtStore::changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-store-change-notices.h"
#include "lt-store-maintenance-windows.h"
#include "lt-store-account.h"
#include "lt-store-documents.h"
#include "lt-store-private.h"
#include "lt-store-effective.h"
#include "lt-store-tickets.h"
#include "lt-store.h"
#include "lt-test-store.h"
#include "lt-test-util.h"
#include "store-fixture.h"

#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>
#include <string.h>

/* Helpers ---------------------------------------------------------------- */

static char *
pk_key (LtStore    *store,
        const char *sql)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, lt_test_store_query_int (store, sql));
}

/* Pops one LtStore::changed emission and checks its arguments. */
#define assert_change(logger, store, expected_table, expected_kind, expected_key) \
  G_STMT_START { \
    g_autofree char *ac_table = NULL; \
    g_autofree char *ac_key = NULL; \
    int ac_kind = -1; \
    gt_signal_logger_assert_emission_pop ((logger), (store), "changed", \
                                          &ac_table, &ac_kind, &ac_key); \
    g_assert_cmpstr (ac_table, ==, (expected_table)); \
    g_assert_cmpint (ac_kind, ==, (expected_kind)); \
    g_assert_cmpstr (ac_key, ==, (expected_key)); \
  } G_STMT_END

/* Every readable property of @a equals that of @b (instants compared as
 * instants); object-valued ones (a ticket's events) are skipped. */
static void
assert_same_properties (gpointer a,
                        gpointer b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) va = G_VALUE_INIT;
      g_auto(GValue) vb = G_VALUE_INIT;
      GType type = pspecs[i]->value_type;

      if (g_type_is_a (type, G_TYPE_OBJECT) || g_type_is_a (type, G_TYPE_INTERFACE))
        continue;

      g_value_init (&va, type);
      g_value_init (&vb, type);
      g_object_get_property (a, pspecs[i]->name, &va);
      g_object_get_property (b, pspecs[i]->name, &vb);

      if (type == G_TYPE_DATE_TIME)
        {
          GDateTime *da = g_value_get_boxed (&va);
          GDateTime *db = g_value_get_boxed (&vb);

          g_test_message ("property %s", pspecs[i]->name);
          if (da == NULL || db == NULL)
            g_assert_true (da == db);
          else if (!g_date_time_equal (da, db))
            {
              g_autofree char *fa = g_date_time_format_iso8601 (da);
              g_autofree char *fb = g_date_time_format_iso8601 (db);

              g_assert_cmpstr (fa, ==, fb);
            }
        }
      else if (type == G_TYPE_STRV)
        {
          const char * const *sa = g_value_get_boxed (&va);
          const char * const *sb = g_value_get_boxed (&vb);

          if (sa == NULL || sb == NULL)
            g_assert_true (sa == sb);
          else
            g_assert_true (g_strv_equal (sa, sb));
        }
      else if (type == G_TYPE_STRING)
        g_assert_cmpstr (g_value_get_string (&va), ==, g_value_get_string (&vb));
      else
        {
          g_test_message ("property %s", pspecs[i]->name);
          g_assert_cmpint (g_param_values_cmp (pspecs[i], &va, &vb), ==, 0);
        }
    }
}

static LtTicket *
make_full_ticket (const char *id)
{
  static const char * const known[] = { "LT-1234", "LT-99", NULL };
  LtTicket *ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-25T21:00:00.123456Z");
  g_autoptr(GDateTime) updated = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GDateTime) first = lt_test_instant ("2026-11-25T21:30:00Z");
  g_autoptr(GDateTime) due = lt_test_instant ("2026-11-25T22:00:00Z");
  g_autoptr(GDateTime) awaiting = lt_test_instant ("2026-11-26T09:00:00+05:30");
  g_autoptr(GDateTime) resolved = lt_test_instant ("2026-11-27T09:00:00Z");
  g_autoptr(GDateTime) closed = lt_test_instant ("2026-11-28T09:00:00Z");

  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, "Nightly import fails");
  lt_ticket_set_description (ticket, "Error 1042 since the upgrade.");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S1);
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, LT_TICKET_STATE_CLOSED);
  lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_CONFIRMED);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, updated);
  lt_ticket_set_first_response_at (ticket, first);
  lt_ticket_set_response_due (ticket, due);
  lt_ticket_set_awaiting_since (ticket, awaiting);
  lt_ticket_set_resolved_at (ticket, resolved);
  lt_ticket_set_closed_at (ticket, closed);
  lt_ticket_set_escalation_level (ticket, 2);
  lt_ticket_set_product_version (ticket, "3.3.1");
  lt_ticket_set_installation (ticket, "prod-primary");
  lt_ticket_set_contact (ticket, "Dana Admin");
  lt_ticket_set_break_fix (ticket, TRUE);
  lt_ticket_set_security_incident (ticket, TRUE);
  lt_ticket_set_known_issue_ids (ticket, known);
  return ticket;
}

static LtTicket *
make_draft (const char *title)
{
  LtTicket *ticket = lt_ticket_new_draft ();

  lt_ticket_set_title (ticket, title);
  return ticket;
}

/* LtStore::changed -------------------------------------------------------- */

static void
test_changed_after_commit (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(LtTicket) a = make_draft ("first");
  g_autoptr(LtTicket) b = make_draft ("second");
  g_autoptr(GError) error = NULL;
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;

  gt_signal_logger_connect (logger, store, "changed");

  {
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (store, &error);

    g_assert_no_error (error);
    g_assert_true (lt_store_save_local_ticket (store, a, now, &error));
    g_assert_true (lt_store_save_local_ticket (store, b, now, &error));
    g_assert_no_error (error);

    /* Nothing is announced while the writer's transaction is open. */
    gt_signal_logger_assert_no_emissions (logger);

    g_assert_true (lt_store_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }

  key_a = pk_key (store, "SELECT pk FROM tickets WHERE title = 'first'");
  key_b = pk_key (store, "SELECT pk FROM tickets WHERE title = 'second'");
  assert_change (logger, store, "tickets", LT_STORE_CHANGE_INSERTED, key_a);
  assert_change (logger, store, "tickets", LT_STORE_CHANGE_INSERTED, key_b);
  gt_signal_logger_assert_no_emissions (logger);

  /* Outside a transaction a write is its own: announced when it returns. */
  lt_ticket_set_title (a, "first, renamed");
  g_assert_true (lt_store_save_local_ticket (store, a, now, &error));
  g_assert_no_error (error);
  assert_change (logger, store, "tickets", LT_STORE_CHANGE_UPDATED, key_a);
  gt_signal_logger_assert_no_emissions (logger);

  /* A direct record outside any transaction is emitted at once. */
  lt_store_record_change (store, "maintenance_windows", LT_STORE_CHANGE_DELETED, "MW-1");
  assert_change (logger, store, "maintenance_windows", LT_STORE_CHANGE_DELETED, "MW-1");
  gt_signal_logger_assert_no_emissions (logger);
}

static guint detail_count;

static void
count_tickets_cb (LtStore           *store,
                  const char        *table,
                  LtStoreChangeKind  kind,
                  const char        *key,
                  gpointer           user_data)
{
  g_assert_cmpstr (table, ==, "tickets");
  detail_count++;
}

static void
test_changed_detail (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);

  detail_count = 0;
  g_signal_connect (store, "changed::tickets", G_CALLBACK (count_tickets_cb), NULL);

  lt_store_record_change (store, "change_notices", LT_STORE_CHANGE_INSERTED, "1");
  lt_store_record_change_pk (store, "tickets", LT_STORE_CHANGE_INSERTED, 7);
  g_assert_cmpuint (detail_count, ==, 1);
}

static void
test_changed_rollback (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GError) error = NULL;

  gt_signal_logger_connect (logger, store, "changed");

  /* A transaction that is freed uncommitted announces nothing. */
  {
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (store, &error);
    g_autoptr(LtTicket) ticket = make_draft ("never");

    g_assert_no_error (error);
    g_assert_nonnull (tx);
    g_assert_true (lt_store_save_local_ticket (store, ticket, now, &error));
    g_assert_no_error (error);
  }
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM tickets"), ==, 0);

  /* A rolled-back savepoint drops its own changes only. */
  {
    g_autoptr(LtStoreTransaction) outer = lt_store_begin (store, &error);
    g_autoptr(LtTicket) kept = make_draft ("kept");
    g_autofree char *key = NULL;

    g_assert_true (lt_store_save_local_ticket (store, kept, now, &error));
    {
      g_autoptr(LtStoreTransaction) inner = lt_store_begin (store, &error);
      g_autoptr(LtTicket) dropped = make_draft ("dropped");

      g_assert_true (lt_store_save_local_ticket (store, dropped, now, &error));
      lt_store_transaction_rollback (inner);
    }
    /* A released savepoint hands its changes to the outer level. */
    {
      g_autoptr(LtStoreTransaction) inner = lt_store_begin (store, &error);

      lt_store_record_change (store, "account", LT_STORE_CHANGE_UPDATED, "1");
      g_assert_true (lt_store_transaction_commit (inner, &error));
    }
    g_assert_no_error (error);
    gt_signal_logger_assert_no_emissions (logger);
    g_assert_true (lt_store_transaction_commit (outer, &error));
    g_assert_no_error (error);

    key = pk_key (store, "SELECT pk FROM tickets WHERE title = 'kept'");
    assert_change (logger, store, "tickets", LT_STORE_CHANGE_INSERTED, key);
    assert_change (logger, store, "account", LT_STORE_CHANGE_UPDATED, "1");
    gt_signal_logger_assert_no_emissions (logger);
  }

  /* A committed savepoint inside a rolled-back transaction is gone too. */
  {
    g_autoptr(LtStoreTransaction) outer = lt_store_begin (store, &error);

    {
      g_autoptr(LtStoreTransaction) inner = lt_store_begin (store, &error);
      g_autoptr(LtTicket) ticket = make_draft ("inner");

      g_assert_true (lt_store_save_local_ticket (store, ticket, now, &error));
      g_assert_true (lt_store_transaction_commit (inner, &error));
    }
    lt_store_transaction_rollback (outer);
  }
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM tickets"), ==, 1);
}

typedef struct
{
  LtStore *store;
  guint    calls;
} WriterData;

/* A handler writes to the store: the queue was taken before emitting, and
 * its own change is announced after its own commit. */
static void
write_on_change_cb (LtStore           *store,
                    const char        *table,
                    LtStoreChangeKind  kind,
                    const char        *key,
                    WriterData        *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreTransaction) tx = NULL;

  data->calls++;
  if (!g_str_equal (table, "tickets"))
    return;

  tx = lt_store_begin (store, &error);
  g_assert_no_error (error);
  lt_store_record_change (store, "sync_state", LT_STORE_CHANGE_UPDATED, "tickets");
  g_assert_true (lt_store_transaction_commit (tx, &error));
  g_assert_no_error (error);
}

static void
test_changed_handler_may_write (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(LtTicket) ticket = make_draft ("a");
  g_autoptr(GError) error = NULL;
  WriterData data = { store, 0 };

  g_signal_connect (store, "changed", G_CALLBACK (write_on_change_cb), &data);
  g_assert_true (lt_store_save_local_ticket (store, ticket, now, &error));
  g_assert_no_error (error);
  /* The ticket, then the handler's own change. */
  g_assert_cmpuint (data.calls, ==, 2);
}

/* Tickets ----------------------------------------------------------------- */

static void
test_ticket_round_trip (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(LtTicket) ticket = make_full_ticket ("LT-000500");
  g_autoptr(LtTicket) loaded = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GError) error = NULL;

  g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
  g_assert_no_error (error);

  loaded = lt_store_lookup_ticket (store, "LT-000500", &error);
  g_assert_no_error (error);
  assert_same_properties (ticket, loaded);
  lt_assert_instant (lt_ticket_get_opened_at (loaded), "2026-11-25T21:00:00.123456Z");
  /* Read back in UTC whatever zone it was written in. */
  g_assert_cmpint (g_date_time_get_utc_offset (lt_ticket_get_awaiting_since (loaded)), ==, 0);

  g_assert_null (lt_store_lookup_ticket (store, "LT-404", &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_assert_cmpuint (lt_store_count_tickets (store, NULL), ==, 1);
}

/* A sync page's rows in one statement: the ids go to sqlite as one JSON
 * array, so an id with a quote or a backslash is matched as it is, and
 * one not held is absent; a row without updated_at maps to NULL. */
static void
test_ticket_updated_at_of_page (void)
{
  static const char * const ids[] = { "LT-000500", "LT-\"5\\", "LT-404", "LT-000501" };
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(LtTicket) quoted = make_full_ticket ("LT-\"5\\");
  g_autoptr(LtTicket) plain = make_full_ticket ("LT-000500");
  g_autoptr(LtTicket) undated = make_full_ticket ("LT-000501");
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GHashTable) held = NULL;
  g_autoptr(GError) error = NULL;
  gpointer updated = NULL;

  lt_ticket_set_updated_at (undated, NULL);
  g_assert_true (lt_store_upsert_ticket (store, quoted, now, &error));
  g_assert_true (lt_store_upsert_ticket (store, plain, now, &error));
  g_assert_true (lt_store_upsert_ticket (store, undated, now, &error));
  g_assert_no_error (error);

  held = lt_store_load_tickets_updated_at (store, ids, G_N_ELEMENTS (ids), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (held), ==, 3);
  lt_assert_instant (g_hash_table_lookup (held, "LT-\"5\\"), "2026-11-26T10:00:00Z");
  lt_assert_instant (g_hash_table_lookup (held, "LT-000500"), "2026-11-26T10:00:00Z");
  g_assert_true (g_hash_table_lookup_extended (held, "LT-000501", NULL, &updated));
  g_assert_null (updated);
  g_assert_false (g_hash_table_contains (held, "LT-404"));
  g_clear_pointer (&held, g_hash_table_unref);

  held = lt_store_load_tickets_updated_at (store, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (held), ==, 0);
}

static void
test_ticket_local_draft (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(LtTicket) draft = lt_ticket_new_draft ();
  g_autoptr(LtTicket) loaded = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GDateTime) later = lt_test_instant ("2026-11-26T10:05:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  gt_signal_logger_connect (logger, store, "changed");

  /* A draft without a title yet can be kept. */
  g_assert_true (lt_store_save_local_ticket (store, draft, now, &error));
  g_assert_no_error (error);
  key = pk_key (store, "SELECT pk FROM tickets");
  assert_change (logger, store, "tickets", LT_STORE_CHANGE_INSERTED, key);

  /* Saving it unchanged writes and announces nothing. */
  g_assert_true (lt_store_save_local_ticket (store, draft, later, &error));
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT local_updated_at FROM tickets"), ==,
                   lt_store_instant_to_usec (now));

  /* Queued with a title: the same row, updated. */
  lt_ticket_set_title (draft, "Audit export times out");
  lt_ticket_set_state (draft, LT_TICKET_STATE_QUEUED);
  g_assert_true (lt_store_save_local_ticket (store, draft, later, &error));
  g_assert_no_error (error);
  assert_change (logger, store, "tickets", LT_STORE_CHANGE_UPDATED, key);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM tickets"), ==, 1);

  loaded = lt_store_lookup_ticket_by_local_id (store, lt_ticket_get_local_id (draft), &error);
  g_assert_no_error (error);
  assert_same_properties (draft, loaded);
}

static void
test_ticket_upsert_accepts_local (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(LtTicket) queued = make_draft ("Audit export times out");
  g_autoptr(LtTicket) accepted = NULL;
  g_autoptr(LtTicket) loaded = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-26T10:01:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *references = NULL;
  g_autofree char *criteria = NULL;

  lt_ticket_set_state (queued, LT_TICKET_STATE_QUEUED);
  g_assert_true (lt_store_save_local_ticket (store, queued, now, &error));
  g_assert_true (lt_store_set_ticket_local_fields (store, queued, "LT-000100",
                                                   "{\"impact\": \"high\"}", &error));
  g_assert_no_error (error);
  key = pk_key (store, "SELECT pk FROM tickets");

  gt_signal_logger_connect (logger, store, "changed");

  /* The portal's copy names the local id it was filed with. */
  accepted = make_draft ("Audit export times out");
  lt_ticket_set_local_id (accepted, lt_ticket_get_local_id (queued));
  lt_ticket_set_id (accepted, "LT-000777");
  lt_ticket_set_state (accepted, LT_TICKET_STATE_SUBMITTED);
  lt_ticket_set_opened_at (accepted, opened);
  g_assert_true (lt_store_upsert_ticket (store, accepted, now, &error));
  g_assert_no_error (error);

  assert_change (logger, store, "tickets", LT_STORE_CHANGE_UPDATED, key);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM tickets"), ==, 1);

  loaded = lt_store_lookup_ticket (store, "LT-000777", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_ticket_get_local_id (loaded), ==, lt_ticket_get_local_id (queued));
  g_assert_cmpint (lt_ticket_get_state (loaded), ==, LT_TICKET_STATE_SUBMITTED);

  /* Later syncs do not carry the local id; the row keeps it, and its
   * local-only fields. */
  lt_ticket_set_local_id (accepted, NULL);
  lt_ticket_set_state (accepted, LT_TICKET_STATE_TRIAGED);
  g_assert_true (lt_store_upsert_ticket (store, accepted, now, &error));
  g_assert_no_error (error);
  assert_change (logger, store, "tickets", LT_STORE_CHANGE_UPDATED, key);
  g_clear_object (&loaded);
  loaded = lt_store_lookup_ticket (store, "LT-000777", &error);
  g_assert_cmpstr (lt_ticket_get_local_id (loaded), ==, lt_ticket_get_local_id (queued));
  g_assert_true (lt_store_get_ticket_local_fields (store, loaded, &references, &criteria, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (references, ==, "LT-000100");
  g_assert_cmpstr (criteria, ==, "{\"impact\": \"high\"}");

  /* The same values again: nothing written, nothing announced. */
  g_assert_true (lt_store_upsert_ticket (store, accepted, now, &error));
  gt_signal_logger_assert_no_emissions (logger);
}

static void
test_ticket_upsert_merges_rows (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(LtTicket) queued = make_draft ("Audit export times out");
  g_autoptr(LtTicket) portal = make_full_ticket ("LT-000778");
  g_autoptr(LtTicketEvent) comment = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *local_key = NULL;
  g_autofree char *portal_key = NULL;
  g_autofree char *references = NULL;

  lt_ticket_set_state (queued, LT_TICKET_STATE_QUEUED);
  g_assert_true (lt_store_save_local_ticket (store, queued, now, &error));
  g_assert_true (lt_store_set_ticket_local_fields (store, queued, "LT-000100", NULL, &error));
  comment = lt_ticket_event_new_comment (now, "Dana", "queued comment");
  g_assert_true (lt_store_add_ticket_event (store, queued, comment,
                                            "0b6f8d1e-4c2a-4f7e-9a35-6d1c2b8e7f41", &error));
  /* The portal's copy arrived first by a sync, without the local id. */
  g_assert_true (lt_store_upsert_ticket (store, portal, now, &error));
  g_assert_no_error (error);
  local_key = pk_key (store, "SELECT pk FROM tickets WHERE id IS NULL");
  portal_key = pk_key (store, "SELECT pk FROM tickets WHERE id = 'LT-000778'");

  gt_signal_logger_connect (logger, store, "changed");
  lt_ticket_set_local_id (portal, lt_ticket_get_local_id (queued));
  g_assert_true (lt_store_upsert_ticket (store, portal, now, &error));
  g_assert_no_error (error);

  /* One ticket is left: the portal's row, with the local id, the local
   * fields and the comment of the local row. */
  assert_change (logger, store, "tickets", LT_STORE_CHANGE_DELETED, local_key);
  assert_change (logger, store, "tickets", LT_STORE_CHANGE_UPDATED, portal_key);
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM tickets"), ==, 1);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM ticket_events AS e "
                                                   "JOIN tickets AS t ON t.pk = e.ticket_pk "
                                                   "WHERE t.id = 'LT-000778'"), ==, 1);
  g_assert_true (lt_store_get_ticket_local_fields (store, portal, &references, NULL, &error));
  g_assert_cmpstr (references, ==, "LT-000100");
}

static void
test_ticket_delete (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(LtTicket) ticket = make_full_ticket ("LT-000501");
  g_autoptr(LtTicketEvent) event = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
  event = lt_ticket_event_new_comment (now, "Dana", "hello");
  g_assert_true (lt_store_replace_ticket_events (store, ticket, &event, 1, &error));
  g_assert_no_error (error);
  key = pk_key (store, "SELECT pk FROM tickets");

  gt_signal_logger_connect (logger, store, "changed");
  g_assert_true (lt_store_delete_ticket (store, ticket, &error));
  g_assert_no_error (error);
  assert_change (logger, store, "tickets", LT_STORE_CHANGE_DELETED, key);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM ticket_events"), ==, 0);

  g_assert_false (lt_store_delete_ticket (store, ticket, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  gt_signal_logger_assert_no_emissions (logger);
}

static void
test_ticket_events (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(LtTicket) ticket = make_full_ticket ("LT-000502");
  g_autoptr(LtTicket) loaded = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GDateTime) t1 = lt_test_instant ("2026-11-25T21:00:00Z");
  g_autoptr(GDateTime) t2 = lt_test_instant ("2026-11-25T22:00:00Z");
  g_autoptr(GDateTime) t3 = lt_test_instant ("2026-11-25T23:00:00Z");
  g_autoptr(GDateTime) t4 = lt_test_instant ("2026-11-26T01:00:00Z");
  g_autoptr(GError) error = NULL;
  LtTicketEvent *history[4];
  g_autoptr(LtTicketEvent) local = NULL;
  GListModel *events;

  /* Handed over out of order: the store returns them by time. */
  history[0] = lt_ticket_event_new_attachment (t4, "Dana", "import.log", 20480);
  history[1] = lt_ticket_event_new_comment (t1, "Dana", "It fails.");
  history[2] = lt_ticket_event_new_state_change (t2, "Support", LT_TICKET_STATE_SUBMITTED,
                                                 LT_TICKET_STATE_TRIAGED);
  history[3] = lt_ticket_event_new_escalation (t3, "Dana", 1, "No answer.");

  g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
  g_assert_true (lt_store_replace_ticket_events (store, ticket, history, 4, &error));
  g_assert_no_error (error);
  local = lt_ticket_event_new_comment (NULL, "Dana", "sent while offline");
  g_assert_true (lt_store_add_ticket_event (store, ticket, local,
                                            "0b6f8d1e-4c2a-4f7e-9a35-6d1c2b8e7f42", &error));
  g_assert_no_error (error);

  loaded = lt_store_lookup_ticket (store, "LT-000502", &error);
  g_assert_true (lt_store_load_ticket_events (store, loaded, &error));
  g_assert_no_error (error);
  events = lt_ticket_get_events (loaded);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 5);
  {
    g_autoptr(LtTicketEvent) e0 = g_list_model_get_item (events, 0);
    g_autoptr(LtTicketEvent) e1 = g_list_model_get_item (events, 1);
    g_autoptr(LtTicketEvent) e2 = g_list_model_get_item (events, 2);
    g_autoptr(LtTicketEvent) e3 = g_list_model_get_item (events, 3);
    g_autoptr(LtTicketEvent) e4 = g_list_model_get_item (events, 4);

    assert_same_properties (e0, history[1]);
    assert_same_properties (e1, history[2]);
    assert_same_properties (e2, history[3]);
    assert_same_properties (e3, history[0]);
    /* Without a time last. */
    assert_same_properties (e4, local);
  }

  /* A new history from the portal replaces the old one; the queued
   * comment stays. */
  g_assert_true (lt_store_replace_ticket_events (store, ticket, history, 1, &error));
  g_assert_true (lt_store_load_ticket_events (store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (history); i++)
    g_object_unref (history[i]);
}

/* Change notices ----------------------------------------------------------- */

static LtChangeNotice *
make_notice (void)
{
  static const char * const systems[] = { "db-1", "db-2", NULL };
  LtChangeNotice *notice = lt_change_notice_new_queued ();
  g_autoptr(GDateTime) start = lt_test_instant ("2026-12-02T03:00:00Z");
  g_autoptr(GDateTime) end = lt_test_instant ("2026-12-02T05:00:00Z");

  lt_change_notice_set_kind (notice, LT_CHANGE_KIND_DATABASE_SCHEMA);
  lt_change_notice_set_title (notice, "Add an index");
  lt_change_notice_set_description (notice, "On the audit table.");
  lt_change_notice_set_systems (notice, systems);
  lt_change_notice_set_planned_start (notice, start);
  lt_change_notice_set_planned_end (notice, end);
  lt_change_notice_set_rollback_plan (notice, "Drop it.");
  lt_change_notice_set_risk (notice, LT_RISK_MEDIUM);
  return notice;
}

static void
test_change_notice_lifecycle (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(LtChangeNotice) notice = make_notice ();
  g_autoptr(LtChangeNotice) loaded = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDateTime) filed = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GDateTime) synced = lt_test_instant ("2026-11-27T10:00:00Z");
  g_autoptr(GDateTime) noticed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  gt_signal_logger_connect (logger, store, "changed");
  g_assert_true (lt_store_save_local_change_notice (store, notice, filed, &error));
  g_assert_no_error (error);
  key = pk_key (store, "SELECT pk FROM change_notices");
  assert_change (logger, store, "change_notices", LT_STORE_CHANGE_INSERTED, key);

  loaded = lt_store_lookup_change_notice_by_local_id (store, lt_change_notice_get_local_id (notice),
                                                      &error);
  g_assert_no_error (error);
  assert_same_properties (notice, loaded);

  /* The portal accepted and reviewed it. */
  lt_change_notice_set_id (notice, "CN-000046");
  lt_change_notice_set_state (notice, LT_CHANGE_STATE_REVIEWED);
  lt_change_notice_set_review_outcome (notice, LT_REVIEW_OUTCOME_CONCERNS);
  lt_change_notice_set_late (notice, TRUE);
  g_assert_true (lt_store_upsert_change_notice (store, notice, synced, &error));
  g_assert_no_error (error);
  assert_change (logger, store, "change_notices", LT_STORE_CHANGE_UPDATED, key);
  gt_signal_logger_assert_no_emissions (logger);

  g_clear_object (&loaded);
  loaded = lt_store_lookup_change_notice (store, "CN-000046", &error);
  g_assert_no_error (error);
  assert_same_properties (notice, loaded);

  /* The notice date is when it was filed, not when it was synced. */
  noticed = lt_store_dup_change_notice_noticed_at (store, loaded, &error);
  g_assert_no_error (error);
  lt_assert_instant (noticed, "2026-11-26T10:00:00Z");

  all = lt_store_load_change_notices (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);

  g_assert_true (lt_store_delete_change_notice (store, notice, &error));
  g_assert_no_error (error);
  assert_change (logger, store, "change_notices", LT_STORE_CHANGE_DELETED, key);
  g_assert_null (lt_store_lookup_change_notice (store, "CN-000046", &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
}

/* Maintenance windows ------------------------------------------------------ */

static LtMaintenanceWindow *
make_window (const char *id,
             const char *starts_at)
{
  LtMaintenanceWindow *window = lt_maintenance_window_new ();
  g_autoptr(GDateTime) start = starts_at != NULL ? lt_test_instant (starts_at) : NULL;
  g_autoptr(GDateTime) end = start != NULL ? g_date_time_add_hours (start, 2) : NULL;
  g_autoptr(GDateTime) announced = lt_test_instant ("2026-11-20T12:00:00Z");

  lt_maintenance_window_set_id (window, id);
  lt_maintenance_window_set_kind (window, LT_MAINTENANCE_KIND_EMERGENCY);
  lt_maintenance_window_set_title (window, id);
  lt_maintenance_window_set_description (window, "Database failover.");
  lt_maintenance_window_set_starts_at (window, start);
  lt_maintenance_window_set_ends_at (window, end);
  lt_maintenance_window_set_announced_at (window, announced);
  lt_maintenance_window_set_affects (window, LT_MAINTENANCE_AFFECTS_SAAS);
  return window;
}

static void
test_maintenance_windows (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GDateTime) later = lt_test_instant ("2026-11-26T11:00:00Z");
  g_autoptr(LtMaintenanceWindow) a = make_window ("MW-1", "2026-12-01T03:00:00Z");
  g_autoptr(LtMaintenanceWindow) b = make_window ("MW-2", "2026-11-30T03:00:00Z");
  g_autoptr(LtMaintenanceWindow) c = make_window ("MW-3", NULL);
  g_autoptr(LtMaintenanceWindow) loaded = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  LtMaintenanceWindow *first[] = { a, b, c };
  gt_signal_logger_connect (logger, store, "changed");
  g_assert_true (lt_store_replace_maintenance_windows (store, first, 3, now, &error));
  g_assert_no_error (error);
  assert_change (logger, store, "maintenance_windows", LT_STORE_CHANGE_INSERTED, "MW-1");
  assert_change (logger, store, "maintenance_windows", LT_STORE_CHANGE_INSERTED, "MW-2");
  assert_change (logger, store, "maintenance_windows", LT_STORE_CHANGE_INSERTED, "MW-3");
  gt_signal_logger_assert_no_emissions (logger);

  loaded = lt_store_lookup_maintenance_window (store, "MW-1", &error);
  g_assert_no_error (error);
  assert_same_properties (a, loaded);

  all = lt_store_load_maintenance_windows (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (lt_maintenance_window_get_id (g_ptr_array_index (all, 0)), ==, "MW-2");
  g_assert_cmpstr (lt_maintenance_window_get_id (g_ptr_array_index (all, 1)), ==, "MW-1");
  g_assert_cmpstr (lt_maintenance_window_get_id (g_ptr_array_index (all, 2)), ==, "MW-3");

  /* Fetched again unchanged: no change; MW-1 changed, MW-2 no longer
   * listed. */
  lt_maintenance_window_set_title (a, "MW-1 moved");
  {
    LtMaintenanceWindow *second[] = { a, c };

    g_assert_true (lt_store_replace_maintenance_windows (store, second, 2, later, &error));
    g_assert_no_error (error);
  }
  assert_change (logger, store, "maintenance_windows", LT_STORE_CHANGE_UPDATED, "MW-1");
  assert_change (logger, store, "maintenance_windows", LT_STORE_CHANGE_DELETED, "MW-2");
  gt_signal_logger_assert_no_emissions (logger);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT fetched_at FROM maintenance_windows "
                                                   "WHERE id = 'MW-3'"),
                   ==, lt_store_instant_to_usec (later));

  g_assert_true (lt_store_delete_maintenance_window (store, "MW-3", &error));
  assert_change (logger, store, "maintenance_windows", LT_STORE_CHANGE_DELETED, "MW-3");
  g_assert_false (lt_store_delete_maintenance_window (store, "MW-3", &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
}

/* The account -------------------------------------------------------------- */

static LtAccount *
make_account (void)
{
  LtAccount *account = lt_account_new ();
  g_autoptr(LtContact) contact = lt_contact_new ("Dana Admin", "dana@example.org",
                                                 "+1 317 555 0100");
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
  GDate older = lt_test_date ("2026-08-01");
  GDate newer = lt_test_date ("2026-10-01");

  g_ptr_array_add (invoices, lt_invoice_new ("INV-1", &older, "1250.00", "USD", FALSE));
  g_ptr_array_add (invoices, lt_invoice_new ("INV-2", &newer, "99.90", "EUR", TRUE));
  lt_account_set_customer_name (account, "Example Hospital Group");
  lt_account_set_tier (account, LT_TIER_ENTERPRISE);
  lt_account_set_csm_email (account, "csm@lockthreat.example");
  lt_account_set_primary_contact (account, contact);
  lt_account_set_invoices (account, invoices);
  return account;
}

static void
test_account (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(LtAccount) account = make_account ();
  g_autoptr(LtAccount) loaded = NULL;
  g_autoptr(LtAccount) nameless = lt_account_new ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GError) error = NULL;
  GPtrArray *a;
  GPtrArray *b;

  g_assert_null (lt_store_load_account (store, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (lt_store_save_account (store, nameless, now, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  gt_signal_logger_connect (logger, store, "changed");
  g_assert_true (lt_store_save_account (store, account, now, &error));
  g_assert_no_error (error);
  assert_change (logger, store, "account", LT_STORE_CHANGE_INSERTED, "1");

  loaded = lt_store_load_account (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_account_get_customer_name (loaded), ==, "Example Hospital Group");
  g_assert_cmpint (lt_account_get_tier (loaded), ==, LT_TIER_ENTERPRISE);
  g_assert_cmpstr (lt_account_get_csm_email (loaded), ==, "csm@lockthreat.example");
  g_assert_true (lt_contact_equal (lt_account_get_primary_contact (loaded),
                                   lt_account_get_primary_contact (account)));
  a = lt_account_get_invoices (account);
  b = lt_account_get_invoices (loaded);
  g_assert_cmpuint (b->len, ==, 2);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (lt_invoice_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)));

  /* The same account fetched again announces nothing. */
  g_assert_true (lt_store_save_account (store, account, now, &error));
  gt_signal_logger_assert_no_emissions (logger);

  /* A paid invoice and no contact on file. */
  lt_account_set_primary_contact (account, NULL);
  lt_account_set_invoices (account, NULL);
  g_assert_true (lt_store_save_account (store, account, now, &error));
  g_assert_no_error (error);
  assert_change (logger, store, "account", LT_STORE_CHANGE_UPDATED, "1");
  g_clear_object (&loaded);
  loaded = lt_store_load_account (store, &error);
  g_assert_null (lt_account_get_primary_contact (loaded));
  g_assert_cmpuint (lt_account_get_invoices (loaded)->len, ==, 0);
}

/* Documents ---------------------------------------------------------------- */

static void
test_documents (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GtSignalLogger) logger = gt_signal_logger_new ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GBytes) policy = g_resources_lookup_data (LT_POLICY_DEFAULT_RESOURCE, 0, NULL);
  g_autoptr(GBytes) releases = g_resources_lookup_data (LT_RELEASE_CATALOG_DEFAULT_RESOURCE, 0,
                                                        NULL);
  g_autoptr(GBytes) bad = g_bytes_new_static ("{\"releases\": []}", 16);
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(LtPolicy) cached_policy = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(GDateTime) fetched = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  g_assert_nonnull (policy);
  g_assert_nonnull (releases);

  g_assert_null (lt_store_load_policy (store, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  gt_signal_logger_connect (logger, store, "changed");
  g_assert_true (lt_store_save_document (store, LT_STORE_DOCUMENT_POLICY, policy, "\"p1\"", now,
                                         &error));
  g_assert_true (lt_store_save_document (store, LT_STORE_DOCUMENT_RELEASES, releases, NULL, now,
                                         &error));
  g_assert_no_error (error);
  assert_change (logger, store, "documents", LT_STORE_CHANGE_INSERTED, "policy");
  assert_change (logger, store, "documents", LT_STORE_CHANGE_INSERTED, "releases");

  loaded = lt_store_load_document (store, LT_STORE_DOCUMENT_POLICY, &etag, &fetched, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, policy));
  g_assert_cmpstr (etag, ==, "\"p1\"");
  lt_assert_instant (fetched, "2026-11-26T10:00:00Z");

  cached_policy = lt_store_load_policy (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cached_policy);
  catalog = lt_store_load_release_catalog (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), >, 0);

  /* A catalog the core refuses does not replace the good one. */
  g_assert_false (lt_store_save_document (store, LT_STORE_DOCUMENT_RELEASES, bad, NULL, now,
                                          &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_clear_object (&catalog);
  catalog = lt_store_load_release_catalog (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);

  /* The same body again changes nothing anyone shows. */
  g_assert_true (lt_store_save_document (store, LT_STORE_DOCUMENT_RELEASES, releases, NULL, now,
                                         &error));
  gt_signal_logger_assert_no_emissions (logger);

  g_assert_false (lt_store_save_document (store, "contacts", releases, NULL, now, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
}

/* The documents in effect (lt-store-effective.h): the bundled ones until
 * the portal sent its own, the cached ones then, and the bundled ones
 * again, with the reason, when a cached one no longer loads. */
static void
test_documents_effective (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-26T10:00:00Z");
  g_autoptr(GBytes) bundled = g_resources_lookup_data (LT_POLICY_DEFAULT_RESOURCE, 0, NULL);
  g_autoptr(GBytes) releases = g_resources_lookup_data (LT_RELEASE_CATALOG_DEFAULT_RESOURCE, 0,
                                                        NULL);
  g_autoptr(GString) text = NULL;
  g_autoptr(GBytes) portal = NULL;
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(GError) cached_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bundled_title = NULL;

  policy = lt_store_load_effective_policy (store, &cached_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (cached_error);
  g_assert_nonnull (policy);
  bundled_title = g_strdup (lt_policy_get_title (policy));
  catalog = lt_store_load_effective_catalog (store, &cached_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (cached_error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), >, 0);
  g_clear_object (&policy);
  g_clear_object (&catalog);

  /* The portal's copy, told apart by its title. */
  text = g_string_new_len (g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled));
  g_assert_cmpuint (g_string_replace (text, bundled_title, "The portal's policy", 1), ==, 1);
  portal = g_bytes_new (text->str, text->len);
  g_assert_true (lt_store_save_document (store, LT_STORE_DOCUMENT_POLICY, portal, NULL, now, &error));
  g_assert_true (lt_store_save_document (store, LT_STORE_DOCUMENT_RELEASES, releases, NULL, now,
                                         &error));
  g_assert_no_error (error);
  policy = lt_store_load_effective_policy (store, &cached_error, &error);
  g_assert_no_error (error);
  g_assert_no_error (cached_error);
  g_assert_cmpstr (lt_policy_get_title (policy), ==, "The portal's policy");
  g_clear_object (&policy);

  /* A cached copy that no longer loads (saved by a newer build, say):
   * the bundled one, and why. */
  g_assert_cmpint (sqlite3_exec (lt_store_get_db (store),
                                 "UPDATE documents SET body = '{}'", NULL, NULL, NULL), ==, SQLITE_OK);
  policy = lt_store_load_effective_policy (store, &cached_error, &error);
  g_assert_no_error (error);
  g_assert_error (cached_error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_cmpstr (lt_policy_get_title (policy), ==, bundled_title);
  g_clear_error (&cached_error);
  catalog = lt_store_load_effective_catalog (store, &cached_error, &error);
  g_assert_no_error (error);
  g_assert_error (cached_error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (catalog)), >, 0);
}

/* Schema version 1 files, read through the model functions ----------------- */

static void
test_v1_fixture_models (void)
{
  g_autofree char *path = lt_store_dup_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  const char *fixture = g_test_get_filename (G_TEST_DIST, "data", "schema-v1.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(LtTicketEvent) comment = NULL;
  g_autoptr(LtChangeNotice) notice = NULL;
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (fixture, &contents, &length, &error));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, &error));
  g_assert_no_error (error);
  store = lt_test_store_open (NULL);

  ticket = lt_store_lookup_ticket (store, FIXTURE_TICKET_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lt_ticket_get_state (ticket), ==, LT_TICKET_STATE_IN_PROGRESS);
  lt_assert_instant (lt_ticket_get_opened_at (ticket), FIXTURE_TICKET_OPENED_AT);
  g_assert_true (lt_store_load_ticket_events (store, ticket, &error));
  g_assert_no_error (error);
  comment = g_list_model_get_item (lt_ticket_get_events (ticket), 0);
  g_assert_cmpstr (lt_ticket_event_get_body (comment), ==, FIXTURE_COMMENT_BODY);

  notice = lt_store_lookup_change_notice (store, FIXTURE_CHANGE_NOTICE_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_change_notice_get_local_id (notice), ==, FIXTURE_CHANGE_NOTICE_LOCAL_ID);

  account = lt_store_load_account (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_account_get_customer_name (account), ==, FIXTURE_CUSTOMER_NAME);
  g_assert_cmpstr (lt_account_get_primary_contact (account)->name, ==, FIXTURE_CONTACT_NAME);
  g_assert_cmpstr (((LtInvoice *) g_ptr_array_index (lt_account_get_invoices (account), 0))->id,
                   ==, FIXTURE_INVOICE_ID);

  windows = lt_store_load_maintenance_windows (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (windows->len, ==, 1);
  g_assert_cmpstr (lt_maintenance_window_get_id (g_ptr_array_index (windows, 0)), ==,
                   FIXTURE_WINDOW_ID);

  g_clear_object (&ticket);
  ticket = lt_store_lookup_ticket_by_local_id (store, FIXTURE_OUTBOX_KEY, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_ticket_get_title (ticket), ==, FIXTURE_QUEUED_TITLE);
}

/* A portal's copy that names the local id of a draft (which never left
 * this machine) is refused; the draft stays as it was, and the list shows
 * it with the state "draft". */
static void
test_change_notice_draft_guarded (void)
{
  g_autoptr(LtStore) store = lt_test_store_open (NULL);
  g_autoptr(LtChangeNotice) draft = lt_change_notice_new ();
  g_autoptr(LtChangeNotice) hostile = lt_change_notice_new ();
  g_autoptr(LtChangeNotice) stored = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-07T08:00:00Z");
  g_autoptr(GError) error = NULL;

  lt_change_notice_set_state (draft, LT_CHANGE_STATE_DRAFT);
  lt_change_notice_set_kind (draft, LT_CHANGE_KIND_INFRASTRUCTURE);
  lt_change_notice_set_title (draft, "Replace the core switch");
  g_assert_true (lt_store_save_change_notice_draft (store, draft, now, &error));
  g_assert_no_error (error);

  lt_change_notice_set_id (hostile, "CN-000666");
  lt_change_notice_set_local_id (hostile, lt_change_notice_get_local_id (draft));
  lt_change_notice_set_state (hostile, LT_CHANGE_STATE_SUBMITTED);
  lt_change_notice_set_title (hostile, "Taken over");
  g_assert_false (lt_store_upsert_change_notice (store, hostile, now, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_clear_error (&error);

  stored = lt_store_lookup_change_notice_by_local_id (store, lt_change_notice_get_local_id (draft),
                                                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (lt_change_notice_get_state (stored), ==, LT_CHANGE_STATE_DRAFT);
  g_assert_cmpstr (lt_change_notice_get_title (stored), ==, "Replace the core switch");
  g_assert_null (lt_change_notice_get_id (stored));
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM change_notices "
                                                   "WHERE noticed_at IS NULL AND state = 'draft'"),
                   ==, 1);
  all = lt_store_load_change_notices (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpint (lt_change_notice_get_state (g_ptr_array_index (all, 0)), ==, LT_CHANGE_STATE_DRAFT);

  /* Only a draft is saved as one. */
  g_assert_false (lt_store_save_change_notice_draft (store, hostile, now, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/store/changed/after-commit", test_changed_after_commit);
  g_test_add_func ("/lt/store/changed/detail", test_changed_detail);
  g_test_add_func ("/lt/store/changed/rollback", test_changed_rollback);
  g_test_add_func ("/lt/store/changed/handler-may-write", test_changed_handler_may_write);
  g_test_add_func ("/lt/store/tickets/round-trip", test_ticket_round_trip);
  g_test_add_func ("/lt/store/tickets/updated-at-of-page", test_ticket_updated_at_of_page);
  g_test_add_func ("/lt/store/tickets/local-draft", test_ticket_local_draft);
  g_test_add_func ("/lt/store/tickets/upsert-accepts-local", test_ticket_upsert_accepts_local);
  g_test_add_func ("/lt/store/tickets/upsert-merges-rows", test_ticket_upsert_merges_rows);
  g_test_add_func ("/lt/store/tickets/delete", test_ticket_delete);
  g_test_add_func ("/lt/store/tickets/events", test_ticket_events);
  g_test_add_func ("/lt/store/change-notices/lifecycle", test_change_notice_lifecycle);
  g_test_add_func ("/lt/store/change-notices/draft-guarded", test_change_notice_draft_guarded);
  g_test_add_func ("/lt/store/maintenance-windows", test_maintenance_windows);
  g_test_add_func ("/lt/store/account", test_account);
  g_test_add_func ("/lt/store/documents", test_documents);
  g_test_add_func ("/lt/store/documents/effective", test_documents_effective);
  g_test_add_func ("/lt/store/migrate-v1/models", test_v1_fixture_models);

  return g_test_run ();
}
