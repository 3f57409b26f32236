/* test-store-alerts.c: alert records, the alert state and the engine's
 * input, on real sqlite files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-outbox.h"
#include "lt-store-alerts.h"
#include "lt-store-change-notices.h"
#include "lt-store-account.h"
#include "lt-store-private.h"
#include "lt-store-tickets.h"
#include "lt-store.h"
#include "lt-test-store.h"
#include "lt-test-util.h"


/* Helpers ---------------------------------------------------------------- */

static char *
test_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "alerts", "support.db", NULL);
}

static LtAlert *
make_alert (LtAlertKind  kind,
            const char  *subject,
            const char  *qualifier,
            const char  *due)
{
  LtAlert *alert = g_new0 (LtAlert, 1);

  alert->kind = kind;
  alert->subject = g_strdup (subject);
  alert->key = qualifier != NULL
    ? g_strdup_printf ("%s:%s:%s", lt_alert_kind_to_nick (kind), subject, qualifier)
    : g_strdup_printf ("%s:%s", lt_alert_kind_to_nick (kind), subject);
  alert->due = due != NULL ? lt_test_instant (due) : NULL;
  return alert;
}

static gboolean
record (LtStore         *store,
        const LtAlert   *alert,
        LtAlertDelivery  delivery,
        const char      *now_text)
{
  g_autoptr(GDateTime) now = lt_test_instant (now_text);
  g_autoptr(GError) error = NULL;
  gboolean recorded = FALSE;

  g_assert_true (lt_store_record_alert (store, alert, delivery, now, &recorded, &error));
  g_assert_no_error (error);
  return recorded;
}

/* Alert state ------------------------------------------------------------ */

/* since is created at the first call and kept; last_check is NULL until
 * set; a second connection sees the same beginning. */
static void
test_alerts_state (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtStore) other = lt_test_store_open (path);
  g_autoptr(GDateTime) first = lt_test_instant ("2026-12-04T16:00:00Z");
  g_autoptr(GDateTime) later = lt_test_instant ("2026-12-07T08:00:00Z");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GDateTime) since = NULL;
    g_autoptr(GDateTime) last_check = NULL;

    g_assert_true (lt_store_get_alert_state (store, first, &since, &last_check, &error));
    g_assert_no_error (error);
    lt_assert_instant (since, "2026-12-04T16:00:00Z");
    g_assert_null (last_check);
  }
  g_assert_true (lt_store_set_alert_last_check (store, later, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GDateTime) since = NULL;
    g_autoptr(GDateTime) last_check = NULL;

    g_assert_true (lt_store_get_alert_state (other, later, &since, &last_check, &error));
    g_assert_no_error (error);
    lt_assert_instant (since, "2026-12-04T16:00:00Z");
    lt_assert_instant (last_check, "2026-12-07T08:00:00Z");
  }
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM alert_state"), ==, 1);
}

/* Records ---------------------------------------------------------------- */

typedef struct
{
  LtStore   *store;
  GPtrArray *alerts;
  gboolean  *recorded;      /* one per alert */
  GCond     *cond;
  GMutex    *mutex;
  gboolean  *go;
} RaceArgs;

static gpointer
race_thread (gpointer data)
{
  RaceArgs *args = data;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-07T08:00:00Z");

  g_mutex_lock (args->mutex);
  while (!*args->go)
    g_cond_wait (args->cond, args->mutex);
  g_mutex_unlock (args->mutex);

  for (guint i = 0; i < args->alerts->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lt_store_record_alert (args->store, g_ptr_array_index (args->alerts, i),
                                            LT_ALERT_DELIVERY_SHOWN, now, &args->recorded[i],
                                            &error));
      g_assert_no_error (error);
    }
  return NULL;
}

/* Two processes' connections on one file record the same alerts at the
 * same time: each alert is recorded by exactly one of them. */
static void
test_alerts_record_race (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) a = lt_test_store_open (path);
  g_autoptr(LtStore) b = lt_test_store_open (path);
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_free);
  enum { N = 200 };
  gboolean recorded_a[N] = { 0 }, recorded_b[N] = { 0 };
  GMutex mutex;
  GCond cond;
  gboolean go = FALSE;
  RaceArgs args_a = { a, alerts, recorded_a, &cond, &mutex, &go };
  RaceArgs args_b = { b, alerts, recorded_b, &cond, &mutex, &go };
  GThread *ta, *tb;

  for (guint i = 0; i < N; i++)
    {
      g_autofree char *id = g_strdup_printf ("LT-%06u", i);

      g_ptr_array_add (alerts, make_alert (LT_ALERT_KIND_AWAITING_CUSTOMER, id, "1",
                                           "2026-12-04T15:00:00Z"));
    }

  g_mutex_init (&mutex);
  g_cond_init (&cond);
  ta = g_thread_new ("race-a", race_thread, &args_a);
  tb = g_thread_new ("race-b", race_thread, &args_b);
  g_mutex_lock (&mutex);
  go = TRUE;
  g_cond_broadcast (&cond);
  g_mutex_unlock (&mutex);
  g_thread_join (ta);
  g_thread_join (tb);
  g_mutex_clear (&mutex);
  g_cond_clear (&cond);

  for (guint i = 0; i < N; i++)
    g_assert_cmpint (recorded_a[i] + recorded_b[i], ==, 1);
  g_assert_cmpint (lt_test_store_query_int (a, "SELECT count(*) FROM alerts"), ==, N);

  /* And once more, later, by either: already recorded. */
  g_assert_false (record (a, g_ptr_array_index (alerts, 0), LT_ALERT_DELIVERY_SHOWN,
                          "2026-12-08T08:00:00Z"));
}

/* Standing records: shown and summarised, not muted, not withdrawn; a
 * withdrawal keeps its first instant; records withdrawn 90 days ago are
 * pruned when something new is recorded. */
static void
test_alerts_withdraw (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtAlert) shown = make_alert (LT_ALERT_KIND_AWAITING_CUSTOMER, "LT-000139", "1",
                                         "2026-12-04T15:00:00Z");
  g_autoptr(LtAlert) summarised = make_alert (LT_ALERT_KIND_RESOLVED, "LT-000140", "1",
                                              "2026-12-05T15:00:00Z");
  g_autoptr(LtAlert) muted = make_alert (LT_ALERT_KIND_TICKET_UPDATE, "LT-000141", "EV-1",
                                         "2026-12-05T16:00:00Z");
  g_autoptr(LtAlert) fresh = make_alert (LT_ALERT_KIND_INVOICE_OVERDUE, "INV-7", NULL,
                                         "2027-03-10T00:00:00Z");
  g_autoptr(GDateTime) withdrawn_at = lt_test_instant ("2026-12-08T09:00:00Z");
  g_autoptr(GDateTime) again = lt_test_instant ("2026-12-09T09:00:00Z");
  g_autoptr(GPtrArray) standing = NULL;
  g_autoptr(GError) error = NULL;
  gboolean recorded = FALSE;

  g_assert_true (record (store, shown, LT_ALERT_DELIVERY_SHOWN, "2026-12-04T15:00:00Z"));
  g_assert_true (record (store, summarised, LT_ALERT_DELIVERY_SUMMARISED, "2026-12-07T08:00:00Z"));
  g_assert_true (record (store, muted, LT_ALERT_DELIVERY_MUTED, "2026-12-07T08:00:00Z"));

  standing = lt_store_list_standing_alerts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (standing->len, ==, 2);
  g_assert_cmpstr (((LtAlertRecord *) g_ptr_array_index (standing, 0))->key, ==,
                   "awaiting-customer:LT-000139:1");
  g_assert_cmpint (((LtAlertRecord *) g_ptr_array_index (standing, 0))->kind, ==,
                   LT_ALERT_KIND_AWAITING_CUSTOMER);
  g_assert_cmpstr (((LtAlertRecord *) g_ptr_array_index (standing, 1))->key, ==,
                   "resolved:LT-000140:1");
  g_assert_cmpint (((LtAlertRecord *) g_ptr_array_index (standing, 1))->delivery, ==,
                   LT_ALERT_DELIVERY_SUMMARISED);
  g_clear_pointer (&standing, g_ptr_array_unref);

  g_assert_true (lt_store_withdraw_alert (store, shown->key, withdrawn_at, &error));
  g_assert_true (lt_store_withdraw_alert (store, shown->key, again, &error));
  g_assert_true (lt_store_withdraw_alert (store, "resolved:LT-999999:1", again, &error));
  g_assert_no_error (error);
  standing = lt_store_list_standing_alerts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (standing->len, ==, 1);
  g_assert_cmpstr (((LtAlertRecord *) g_ptr_array_index (standing, 0))->key, ==,
                   "resolved:LT-000140:1");
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT withdrawn_at FROM alerts "
                                                   "WHERE key = 'awaiting-customer:LT-000139:1'"),
                   ==, lt_store_instant_to_usec (withdrawn_at));

  /* Withdrawn, still recorded: not shown again. */
  g_assert_true (lt_store_is_alert_recorded (store, shown->key, &recorded, &error));
  g_assert_true (recorded);
  g_assert_true (lt_store_is_alert_recorded (store, fresh->key, &recorded, &error));
  g_assert_false (recorded);
  g_assert_false (record (store, shown, LT_ALERT_DELIVERY_SHOWN, "2026-12-10T09:00:00Z"));

  /* 89 days after the withdrawal it stays; 91 days after, the next
   * record prunes it. */
  g_assert_true (record (store, fresh, LT_ALERT_DELIVERY_SHOWN, "2027-03-07T09:00:00Z"));
  g_assert_true (lt_store_is_alert_recorded (store, shown->key, &recorded, &error));
  g_assert_true (recorded);
  {
    g_autoptr(LtAlert) later = make_alert (LT_ALERT_KIND_INVOICE_OVERDUE, "INV-8", NULL, NULL);

    g_assert_true (record (store, later, LT_ALERT_DELIVERY_SHOWN, "2027-03-09T09:00:00Z"));
  }
  g_assert_true (lt_store_is_alert_recorded (store, shown->key, &recorded, &error));
  g_assert_false (recorded);
  g_assert_no_error (error);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM alerts"), ==, 4);
}

/* The standing conditions' keys: shown and summarised, not muted, not
 * withdrawn, not news, oldest recorded first; the same keys as the
 * standing records that are not news. */
static void
test_alerts_standing_condition_keys (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtAlert) shown = make_alert (LT_ALERT_KIND_AWAITING_CUSTOMER, "LT-000139", "1",
                                         "2026-12-04T15:00:00Z");
  g_autoptr(LtAlert) summarised = make_alert (LT_ALERT_KIND_RESOLVED, "LT-000140", "1",
                                              "2026-12-05T15:00:00Z");
  g_autoptr(LtAlert) muted = make_alert (LT_ALERT_KIND_SLA_BREACHED, "LT-000142", "1",
                                         "2026-12-05T15:00:00Z");
  g_autoptr(LtAlert) news = make_alert (LT_ALERT_KIND_TICKET_UPDATE, "LT-000141", "EV-1",
                                        "2026-12-05T16:00:00Z");
  g_autoptr(LtAlert) withdrawn = make_alert (LT_ALERT_KIND_INVOICE_OVERDUE, "INV-7", NULL,
                                             "2026-12-01T00:00:00Z");
  g_autoptr(GDateTime) withdrawn_at = lt_test_instant ("2026-12-08T09:00:00Z");
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) standing = NULL;
  g_autoptr(GError) error = NULL;
  guint n_conditions = 0;

  g_assert_true (record (store, summarised, LT_ALERT_DELIVERY_SUMMARISED, "2026-12-03T08:00:00Z"));
  g_assert_true (record (store, shown, LT_ALERT_DELIVERY_SHOWN, "2026-12-04T15:00:00Z"));
  g_assert_true (record (store, muted, LT_ALERT_DELIVERY_MUTED, "2026-12-05T15:00:00Z"));
  g_assert_true (record (store, news, LT_ALERT_DELIVERY_SHOWN, "2026-12-05T16:00:00Z"));
  g_assert_true (record (store, withdrawn, LT_ALERT_DELIVERY_SHOWN, "2026-12-02T08:00:00Z"));
  g_assert_true (lt_store_withdraw_alert (store, withdrawn->key, withdrawn_at, &error));
  g_assert_no_error (error);

  keys = lt_store_dup_standing_condition_keys (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, summarised->key);
  g_assert_cmpstr (g_ptr_array_index (keys, 1), ==, shown->key);

  standing = lt_store_list_standing_alerts (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < standing->len; i++)
    {
      LtAlertRecord *shown_record = g_ptr_array_index (standing, i);

      if (lt_alert_kind_is_news (shown_record->kind))
        continue;
      g_assert_cmpuint (n_conditions, <, keys->len);
      g_assert_cmpstr (g_ptr_array_index (keys, n_conditions), ==, shown_record->key);
      n_conditions++;
    }
  g_assert_cmpuint (n_conditions, ==, keys->len);
}

/* The last summary: the summarised records of the newest recorded_at
 * only, earliest due first. */
static void
test_alerts_last_summary (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtAlert) old = make_alert (LT_ALERT_KIND_RESOLVED, "LT-000100", "1", "2026-11-20T10:00:00Z");
  g_autoptr(LtAlert) a = make_alert (LT_ALERT_KIND_AWAITING_CUSTOMER, "LT-000139", "1",
                                     "2026-12-05T15:00:00Z");
  g_autoptr(LtAlert) b = make_alert (LT_ALERT_KIND_RESOLVED, "LT-000140", "1", "2026-12-04T11:00:00Z");
  g_autoptr(LtAlert) shown = make_alert (LT_ALERT_KIND_MAINTENANCE, "MW-7", "60", "2026-12-07T07:00:00Z");
  g_autoptr(GPtrArray) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = lt_store_list_last_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->len, ==, 0);
  g_clear_pointer (&summary, g_ptr_array_unref);

  g_assert_true (record (store, old, LT_ALERT_DELIVERY_SUMMARISED, "2026-11-23T08:00:00Z"));
  g_assert_true (record (store, a, LT_ALERT_DELIVERY_SUMMARISED, "2026-12-07T08:00:00Z"));
  g_assert_true (record (store, b, LT_ALERT_DELIVERY_SUMMARISED, "2026-12-07T08:00:00Z"));
  g_assert_true (record (store, shown, LT_ALERT_DELIVERY_SHOWN, "2026-12-07T08:00:00Z"));

  summary = lt_store_list_last_summary (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->len, ==, 2);
  g_assert_cmpstr (((LtAlertRecord *) g_ptr_array_index (summary, 0))->key, ==, "resolved:LT-000140:1");
  lt_assert_instant (((LtAlertRecord *) g_ptr_array_index (summary, 0))->due, "2026-12-04T11:00:00Z");
  lt_assert_instant (((LtAlertRecord *) g_ptr_array_index (summary, 0))->recorded_at,
                     "2026-12-07T08:00:00Z");
  g_assert_cmpstr (((LtAlertRecord *) g_ptr_array_index (summary, 1))->key, ==,
                   "awaiting-customer:LT-000139:1");
}

/* The engine's input ----------------------------------------------------- */

static void
add_ticket (LtStore       *store,
            const char    *id,
            LtTicketState  state,
            const char    *closed_at,
            GDateTime     *now)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-10-01T12:00:00Z");
  g_autoptr(GDateTime) closed = closed_at != NULL ? lt_test_instant (closed_at) : NULL;
  g_autoptr(LtTicketEvent) comment = NULL;
  g_autoptr(GError) error = NULL;

  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, id);
  lt_ticket_set_state (ticket, state);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_closed_at (ticket, closed);
  g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
  g_assert_no_error (error);
  comment = lt_ticket_event_new_comment (opened, "LockThreat Support", "Which version?");
  g_assert_true (lt_store_replace_ticket_events (store, ticket, &comment, 1, &error));
  g_assert_no_error (error);
}

static LtTicket *
find_ticket (GPtrArray  *tickets,
             const char *id)
{
  for (guint i = 0; i < tickets->len; i++)
    if (g_strcmp0 (lt_ticket_get_id (g_ptr_array_index (tickets, i)), id) == 0)
      return g_ptr_array_index (tickets, i);
  return NULL;
}

static void
add_notice (LtStore       *store,
            const char    *id,
            LtChangeState  state,
            const char    *start_text,
            GDateTime     *now)
{
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new ();
  g_autoptr(GDateTime) start = lt_test_instant (start_text);
  g_autoptr(GError) error = NULL;

  lt_change_notice_set_kind (notice, LT_CHANGE_KIND_INFRASTRUCTURE);
  lt_change_notice_set_title (notice, id != NULL ? id : "Draft");
  lt_change_notice_set_planned_start (notice, start);
  lt_change_notice_set_planned_end (notice, start);
  lt_change_notice_set_state (notice, state);
  if (id != NULL)
    {
      lt_change_notice_set_id (notice, id);
      g_assert_true (lt_store_upsert_change_notice (store, notice, now, &error));
    }
  else
    g_assert_true (lt_store_save_change_notice_draft (store, notice, now, &error));
  g_assert_no_error (error);
}

static void
fill_store (LtStore   *store,
            GDateTime *now,
            GDateTime *later)
{
  g_autoptr(LtOutbox) outbox = lt_outbox_new (store);
  g_autoptr(LtAccount) account = lt_account_new ();
  g_autoptr(LtContact) contact = lt_contact_new ("Dana Admin", "dana@example.org", NULL);
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
  g_autoptr(LtTicket) open_ticket = NULL;
  g_autoptr(LtTicketEvent) mine = NULL;
  g_autoptr(LtOutboxItem) claimed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  GDate older = lt_test_date ("2026-08-01");
  GDate newer = lt_test_date ("2026-10-01");

  add_ticket (store, "LT-000001", LT_TICKET_STATE_IN_PROGRESS, NULL, now);
  add_ticket (store, "LT-000002", LT_TICKET_STATE_AWAITING_CUSTOMER, NULL, now);
  add_ticket (store, "LT-000003", LT_TICKET_STATE_CLOSED, "2026-11-25T12:00:00Z", now);
  add_ticket (store, "LT-000004", LT_TICKET_STATE_CLOSED, "2026-10-20T12:00:00Z", now);
  /* Changed after the others: its events are read with a later bound. */
  add_ticket (store, "LT-000005", LT_TICKET_STATE_RESOLVED, NULL, later);

  add_notice (store, NULL, LT_CHANGE_STATE_DRAFT, "2026-12-20T02:00:00Z", now);
  add_notice (store, "CN-000001", LT_CHANGE_STATE_SUBMITTED, "2026-12-15T02:00:00Z", now);
  add_notice (store, "CN-000002", LT_CHANGE_STATE_REVIEWED, "2026-11-15T02:00:00Z", now);

  g_ptr_array_add (invoices, lt_invoice_new ("INV-1", &older, "1250.00", "USD", FALSE));
  g_ptr_array_add (invoices, lt_invoice_new ("INV-2", &newer, "99.90", "EUR", TRUE));
  lt_account_set_customer_name (account, "Example Hospital Group");
  lt_account_set_tier (account, LT_TIER_ENTERPRISE);
  lt_account_set_primary_contact (account, contact);
  lt_account_set_invoices (account, invoices);
  g_assert_true (lt_store_save_account (store, account, now, &error));
  g_assert_no_error (error);

  /* A comment the portal refused for good. */
  open_ticket = lt_store_lookup_ticket (store, "LT-000001", &error);
  g_assert_no_error (error);
  key = lt_outbox_enqueue (outbox, "ticket.comment", "{\"ticket_id\": \"LT-000001\"}", NULL, now,
                           &error);
  g_assert_no_error (error);
  mine = lt_ticket_event_new_comment (now, "Dana Admin", "Here are the logs");
  g_assert_true (lt_store_add_ticket_event (store, open_ticket, mine, key, &error));
  claimed = lt_outbox_claim_next (outbox, now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_outbox_item_get_key (claimed), ==, key);
  g_assert_true (lt_outbox_mark_failed (outbox, key, "The ticket is closed", now, &error));
  g_assert_no_error (error);
}

static void
assert_input (LtAlertInput *input,
              gboolean      events_of_all)
{
  LtTicket *ticket;

  g_assert_nonnull (input->policy);
  g_assert_nonnull (input->since);
  /* The SLA targets are the account's tier's (R4). */
  g_assert_cmpint (input->tier, ==, LT_TIER_ENTERPRISE);
  g_assert_null (input->reminder_leads);

  /* Not closed, and closed in the last 30 days; LT-000004 is older. */
  g_assert_cmpuint (input->tickets->len, ==, 4);
  g_assert_nonnull (find_ticket (input->tickets, "LT-000003"));
  g_assert_null (find_ticket (input->tickets, "LT-000004"));
  ticket = find_ticket (input->tickets, "LT-000005");
  g_assert_cmpuint (g_list_model_get_n_items (lt_ticket_get_events (ticket)), ==, 1);
  ticket = find_ticket (input->tickets, "LT-000002");
  g_assert_cmpuint (g_list_model_get_n_items (lt_ticket_get_events (ticket)), ==,
                    events_of_all ? 1 : 0);

  g_assert_true (g_strv_contains ((const char * const *) input->customer_names,
                                  "Example Hospital Group"));
  g_assert_true (g_strv_contains ((const char * const *) input->customer_names, "Dana Admin"));

  /* The draft and the notice still ahead, not the past one. */
  g_assert_cmpuint (input->change_notices->len, ==, 2);
  g_assert_cmpstr (lt_change_notice_get_id (g_ptr_array_index (input->change_notices, 0)), ==,
                   "CN-000001");
  g_assert_cmpint (lt_change_notice_get_state (g_ptr_array_index (input->change_notices, 1)), ==,
                   LT_CHANGE_STATE_DRAFT);

  g_assert_cmpuint (input->invoices->len, ==, 1);
  g_assert_cmpstr (((LtInvoice *) g_ptr_array_index (input->invoices, 0))->id, ==, "INV-1");

  g_assert_cmpuint (input->refusals->len, ==, 1);
  g_assert_cmpstr (((LtAlertRefusal *) g_ptr_array_index (input->refusals, 0))->what, ==,
                   "Comment on LT-000001");
  g_assert_cmpstr (((LtAlertRefusal *) g_ptr_array_index (input->refusals, 0))->reason, ==,
                   "The ticket is closed");
  g_assert_nonnull (((LtAlertRefusal *) g_ptr_array_index (input->refusals, 0))->failed_at);
  g_assert_nonnull (input->maintenance_windows);
  g_assert_nonnull (input->installations);
}

static void
test_alerts_load_input (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-07T08:00:00Z");
  g_autoptr(GDateTime) later = lt_test_instant ("2026-12-07T09:00:00Z");
  g_autoptr(GDateTime) read_at = lt_test_instant ("2026-12-07T10:00:00Z");
  g_autoptr(GError) error = NULL;
  LtAlertInput input = { 0 };

  policy = lt_policy_new_default (&error);
  g_assert_no_error (error);

  {
    g_autoptr(LtStore) store = lt_test_store_open (path);

    fill_store (store, now, later);
    g_assert_true (lt_store_load_alert_input (store, policy, NULL, read_at, NULL, &input, &error));
    g_assert_no_error (error);
    assert_input (&input, TRUE);
    lt_assert_instant (input.since, "2026-12-07T10:00:00Z");
    lt_alert_input_clear (&input);
    g_assert_null (input.tickets);

    /* Events only of the tickets changed since @later. */
    g_assert_true (lt_store_load_alert_input (store, policy, NULL, read_at, later, &input, &error));
    g_assert_no_error (error);
    assert_input (&input, FALSE);
    lt_alert_input_clear (&input);
  }

  /* A read-only store reads the same, and its since is the profile's. */
  {
    g_autoptr(LtStore) store = lt_store_open_read_only (path, &error);

    g_assert_no_error (error);
    g_assert_true (lt_store_load_alert_input (store, policy, NULL, read_at, NULL, &input, &error));
    g_assert_no_error (error);
    assert_input (&input, TRUE);
    lt_assert_instant (input.since, "2026-12-07T10:00:00Z");
    lt_alert_input_clear (&input);
  }
}

/* Streaming the input ---------------------------------------------------- */

#define STREAM_TICKETS 3000
#define STREAM_BATCH   128

/* @n tickets of every kind that gives an alert: unanswered ones of each
 * severity opened over the last week, some awaiting the customer after
 * an answer, resolved, closed (some too long ago to be read), answered
 * and in progress with the vendor's comments and the customer's. */
static void
add_generated_tickets (LtStore   *store,
                       guint      n,
                       GDateTime *now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreTransaction) tx = lt_store_begin (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtTicket) ticket = lt_ticket_new ();
      g_autofree char *id = g_strdup_printf ("LT-%06u", i + 1);
      g_autoptr(GDateTime) opened = g_date_time_add_minutes (now, -(int) (37 * (i % 271) + 5));
      g_autoptr(GDateTime) answered = g_date_time_add_minutes (opened, 20);
      g_autoptr(GDateTime) later = g_date_time_add_minutes (opened, 45);
      g_autoptr(GDateTime) days_ago = g_date_time_add_days (now, -(int) (i % 13));
      LtTicketEvent *events[3] = { NULL };
      guint n_events = 0;

      lt_ticket_set_id (ticket, id);
      lt_ticket_set_title (ticket, id);
      lt_ticket_set_severity (ticket, (LtSeverity) (i % 4));
      lt_ticket_set_opened_at (ticket, opened);
      switch (i % 6)
        {
        case 0:
          lt_ticket_set_state (ticket, LT_TICKET_STATE_SUBMITTED);
          break;
        case 1:
          lt_ticket_set_state (ticket, LT_TICKET_STATE_AWAITING_CUSTOMER);
          lt_ticket_set_first_response_at (ticket, answered);
          lt_ticket_set_awaiting_since (ticket, answered);
          events[n_events++] = lt_ticket_event_new_comment (answered, "LockThreat Support",
                                                            "Which volume?");
          events[n_events++] = lt_ticket_event_new_state_change (answered, "LockThreat Support",
                                                                 LT_TICKET_STATE_IN_PROGRESS,
                                                                 LT_TICKET_STATE_AWAITING_CUSTOMER);
          break;
        case 2:
          lt_ticket_set_state (ticket, LT_TICKET_STATE_RESOLVED);
          lt_ticket_set_first_response_at (ticket, answered);
          lt_ticket_set_resolved_at (ticket, days_ago);
          break;
        case 3:
          lt_ticket_set_state (ticket, LT_TICKET_STATE_CLOSED);
          lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_CONFIRMED);
          lt_ticket_set_closed_at (ticket, days_ago);
          events[n_events++] = lt_ticket_event_new_state_change (days_ago, "LockThreat Support",
                                                                 LT_TICKET_STATE_RESOLVED,
                                                                 LT_TICKET_STATE_CLOSED);
          break;
        case 4:
          lt_ticket_set_state (ticket, LT_TICKET_STATE_IN_PROGRESS);
          lt_ticket_set_first_response_at (ticket, answered);
          events[n_events++] = lt_ticket_event_new_comment (answered, "LockThreat Support",
                                                            "Looking into it");
          events[n_events++] = lt_ticket_event_new_comment (later, "Dana Admin", "Thanks");
          events[n_events++] = lt_ticket_event_new_attachment (later, "LockThreat Support",
                                                               "patch.tar.gz", 2048);
          break;
        default:
          {
            g_autoptr(GDateTime) long_ago = g_date_time_add_days (now, -45);

            lt_ticket_set_state (ticket, LT_TICKET_STATE_CLOSED);
            lt_ticket_set_closed_at (ticket, long_ago);
          }
          break;
        }
      for (guint e = 0; e < n_events; e++)
        {
          g_autofree char *event_id = g_strdup_printf ("%s-E%u", id, e + 1);

          lt_ticket_event_set_id (events[e], event_id);
        }
      g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
      g_assert_no_error (error);
      g_assert_true (lt_store_replace_ticket_events (store, ticket, events, n_events, &error));
      g_assert_no_error (error);
      for (guint e = 0; e < n_events; e++)
        g_object_unref (events[e]);
    }
  g_assert_true (lt_store_transaction_commit (tx, &error));
  g_assert_no_error (error);
}

typedef struct
{
  LtAlertCollector   *collector;
  const LtAlertInput *input;
  guint               n_batches;
  guint               n_tickets;
  guint               largest;
  guint               alive;    /* tickets of the batches given so far not yet freed */
} Streamed;

static void
ticket_freed (gpointer  user_data,
              GObject  *ticket)
{
  Streamed *streamed = user_data;

  streamed->alive--;
}

static void
collect_batch (GPtrArray *tickets,
               gpointer   user_data)
{
  Streamed *streamed = user_data;

  /* The batch before this one is gone: a look holds one batch. */
  g_assert_cmpuint (streamed->alive, ==, 0);
  /* What the tickets' alerts depend on is read before them. */
  g_assert_nonnull (streamed->input->customer_names);
  g_assert_nonnull (streamed->input->since);
  g_assert_null (streamed->input->tickets);

  streamed->n_batches++;
  streamed->n_tickets += tickets->len;
  streamed->largest = MAX (streamed->largest, tickets->len);
  for (guint i = 0; i < tickets->len; i++)
    {
      g_object_weak_ref (g_ptr_array_index (tickets, i), ticket_freed, streamed);
      streamed->alive++;
    }
  lt_alert_collector_add_tickets (streamed->collector, streamed->input, tickets);
}

static void
assert_same_alerts (GPtrArray *alerts,
                    GPtrArray *expected)
{
  g_assert_cmpuint (alerts->len, ==, expected->len);
  for (guint i = 0; i < alerts->len; i++)
    {
      const LtAlert *alert = g_ptr_array_index (alerts, i);
      const LtAlert *other = g_ptr_array_index (expected, i);

      g_assert_cmpstr (alert->key, ==, other->key);
      g_assert_cmpint (alert->kind, ==, other->kind);
      g_assert_cmpstr (alert->subject, ==, other->subject);
      g_assert_cmpstr (alert->subject_title, ==, other->subject_title);
      g_assert_true (g_date_time_equal (alert->due, other->due));
      g_assert_true ((alert->deadline == NULL && other->deadline == NULL) ||
                     (alert->deadline != NULL && other->deadline != NULL &&
                      g_date_time_equal (alert->deadline, other->deadline)));
      g_assert_cmpstr (alert->detail, ==, other->detail);
      g_assert_cmpint (alert->urgent, ==, other->urgent);
    }
}

/* The tickets come a batch at a time, each batch freed before the next,
 * and the alerts computed batch by batch are those of all the tickets at
 * once, in the same order, with the same next instant. */
static void
test_alerts_stream_input (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "alerts-stream", "support.db",
                                            NULL);
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtAccount) account = lt_account_new ();
  g_autoptr(LtContact) contact = lt_contact_new ("Dana Admin", "dana@example.org", NULL);
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(GDateTime) began = lt_test_instant ("2026-11-01T00:00:00Z");
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-07T10:00:00Z");
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(GDateTime) expected_next = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LtAlertInput) whole = { 0 };
  g_auto(LtAlertInput) input = { 0 };
  guint kinds = 0;
  Streamed streamed = { lt_alert_collector_new (now), &input };

  policy = lt_policy_new_default (&error);
  g_assert_no_error (error);
  /* The watch began before every event: the updates are news. */
  g_assert_true (lt_store_get_alert_state (store, began, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Her comments are the customer's own, not news. */
  lt_account_set_customer_name (account, "Example Hospital Group");
  lt_account_set_tier (account, LT_TIER_ENTERPRISE);
  lt_account_set_primary_contact (account, contact);
  g_assert_true (lt_store_save_account (store, account, now, &error));
  g_assert_no_error (error);
  add_generated_tickets (store, STREAM_TICKETS, now);

  g_assert_true (lt_store_load_alert_input (store, policy, NULL, now, NULL, &whole, &error));
  g_assert_no_error (error);
  expected = lt_alerts_compute (&whole, now, &expected_next);

  g_assert_true (lt_store_stream_alert_input (store, policy, NULL, now, NULL, STREAM_BATCH,
                                              collect_batch, &streamed, &input, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (streamed.alive, ==, 0);
  g_assert_null (input.tickets);
  g_assert_cmpuint (streamed.n_tickets, ==, whole.tickets->len);
  g_assert_cmpuint (streamed.largest, ==, STREAM_BATCH);
  g_assert_cmpuint (streamed.n_batches, ==, (whole.tickets->len + STREAM_BATCH - 1) / STREAM_BATCH);
  alerts = lt_alert_collector_finish (streamed.collector, &input, &next);
  lt_alert_collector_free (streamed.collector);

  assert_same_alerts (alerts, expected);
  g_assert_nonnull (next);
  g_assert_true (g_date_time_equal (next, expected_next));

  /* Every ticket rule had its say. */
  for (guint i = 0; i < alerts->len; i++)
    kinds |= 1u << ((LtAlert *) g_ptr_array_index (alerts, i))->kind;
  g_assert_true (kinds & (1u << LT_ALERT_KIND_TICKET_UPDATE));
  g_assert_true (kinds & (1u << LT_ALERT_KIND_AWAITING_CUSTOMER));
  g_assert_true (kinds & (1u << LT_ALERT_KIND_RESOLVED));
  g_assert_true (kinds & (1u << LT_ALERT_KIND_SLA_BREACHED));
  g_assert_cmpuint (alerts->len, >, STREAM_TICKETS);
}

/* A read-only store that never began: since is now, and nothing is
 * written. */
static void
test_alerts_read_only (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-07T08:00:00Z");
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) last_check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) reader = NULL;
  g_autoptr(LtAlert) alert = make_alert (LT_ALERT_KIND_RESOLVED, "LT-000140", "1", NULL);
  gboolean recorded = TRUE;

  /* The file exists, written by a writer that never asked. */
  g_object_unref (lt_test_store_open (path));
  reader = lt_store_open_read_only (path, &error);
  g_assert_no_error (error);
  g_assert_true (lt_store_get_alert_state (reader, now, &since, &last_check, &error));
  g_assert_no_error (error);
  lt_assert_instant (since, "2026-12-07T08:00:00Z");
  g_assert_null (last_check);
  g_assert_cmpint (lt_test_store_query_int (reader, "SELECT count(*) FROM alert_state"), ==, 0);

  g_assert_true (lt_store_is_alert_recorded (reader, alert->key, &recorded, &error));
  g_assert_false (recorded);
  g_assert_false (lt_store_record_alert (reader, alert, LT_ALERT_DELIVERY_SHOWN, now, &recorded,
                                         &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_STORE);
}

/* The keys a look need not record again: every record that the prune at
 * that instant keeps (delivered, muted, withdrawn within 90 days), not one
 * withdrawn longer ago, which the prune deletes and a look records anew. */
static void
test_alerts_kept_keys (void)
{
  g_autofree char *path = test_db_path ();
  g_autoptr(LtStore) store = lt_test_store_open (path);
  g_autoptr(LtAlert) shown = make_alert (LT_ALERT_KIND_AWAITING_CUSTOMER, "LT-000139", "1",
                                         "2026-08-04T15:00:00Z");
  g_autoptr(LtAlert) muted = make_alert (LT_ALERT_KIND_TICKET_UPDATE, "LT-000141", "EV-1",
                                         "2026-08-05T16:00:00Z");
  g_autoptr(LtAlert) recent = make_alert (LT_ALERT_KIND_RESOLVED, "LT-000140", "1",
                                          "2026-08-05T15:00:00Z");
  g_autoptr(LtAlert) old = make_alert (LT_ALERT_KIND_SLA_AT_RISK, "LT-000142", "1",
                                       "2026-08-05T15:00:00Z");
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-07T09:00:00Z");
  g_autoptr(GDateTime) recently = lt_test_instant ("2026-11-07T09:00:00Z");
  g_autoptr(GDateTime) long_ago = lt_test_instant ("2026-09-07T08:59:59Z");
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GError) error = NULL;
  guint n_pruned = 0;

  g_assert_true (record (store, shown, LT_ALERT_DELIVERY_SHOWN, "2026-08-04T15:00:00Z"));
  g_assert_true (record (store, muted, LT_ALERT_DELIVERY_MUTED, "2026-08-05T16:00:00Z"));
  g_assert_true (record (store, recent, LT_ALERT_DELIVERY_SUMMARISED, "2026-08-05T15:00:00Z"));
  g_assert_true (record (store, old, LT_ALERT_DELIVERY_SHOWN, "2026-08-05T15:00:00Z"));
  g_assert_true (lt_store_withdraw_alert (store, recent->key, recently, &error));
  g_assert_true (lt_store_withdraw_alert (store, old->key, long_ago, &error));
  g_assert_no_error (error);

  kept = lt_store_dup_kept_alert_keys (store, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (kept), ==, 3);
  g_assert_true (g_hash_table_contains (kept, shown->key));
  g_assert_true (g_hash_table_contains (kept, muted->key));
  g_assert_true (g_hash_table_contains (kept, recent->key));
  g_assert_false (g_hash_table_contains (kept, old->key));

  /* The prune at the same instant agrees: it deletes only that one. */
  g_assert_true (lt_store_prune_alerts (store, now, &n_pruned, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pruned, ==, 1);
  g_assert_cmpint (lt_test_store_query_int (store, "SELECT count(*) FROM alerts"), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/store/alerts/state", test_alerts_state);
  g_test_add_func ("/lt/store/alerts/record-race", test_alerts_record_race);
  g_test_add_func ("/lt/store/alerts/withdraw", test_alerts_withdraw);
  g_test_add_func ("/lt/store/alerts/standing-condition-keys", test_alerts_standing_condition_keys);
  g_test_add_func ("/lt/store/alerts/last-summary", test_alerts_last_summary);
  g_test_add_func ("/lt/store/alerts/load-input", test_alerts_load_input);
  g_test_add_func ("/lt/store/alerts/read-only", test_alerts_read_only);
  g_test_add_func ("/lt/store/alerts/kept-keys", test_alerts_kept_keys);
  g_test_add_func ("/lt/store/alerts/stream-input", test_alerts_stream_input);

  return g_test_run ();
}
