/* test-app-change-notice.c: the new change notice form (§6, R8)
 *
 * The clock is fixed at Monday 30 November 2026, 10:00 in Indianapolis
 * (15:00 UTC; already Tuesday in the tests' Chatham zone): a notice given
 * then may start on Thursday 3 December at the earliest.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-change-notice"

#include "config.h"

#include "lt-app-test-util.h"
#include "lt-change-notice-dialog.h"
#include "lt-change-notice-dialog-private.h"
#include "lt-store-change-notices.h"
#include "lt-store-maintenance-windows.h"
#include "lt-test-util.h"

#define NOW "2026-11-30T15:00:00Z"

static LtChangeNoticeDialog *
new_dialog (LtAppFixture *f)
{
  GtkWidget *dialog = lt_change_notice_dialog_new (f->context);

  gtk_window_present (GTK_WINDOW (dialog));
  return LT_CHANGE_NOTICE_DIALOG (dialog);
}

static void
set_schedule (LtChangeNoticeDialog *dialog,
              const char           *start,
              const char           *end)
{
  g_autoptr(GDateTime) s = lt_test_instant (start);
  g_autoptr(GDateTime) e = end != NULL ? lt_test_instant (end) : NULL;

  lt_change_notice_dialog_set_schedule (dialog, s, e);
}

static void
test_no_start (LtAppFixture  *f,
               gconstpointer  data)
{
  LtChangeNoticeDialog *dialog = new_dialog (f);

  g_assert_cmpstr (lt_change_notice_dialog_get_lead_time_text (dialog), ==,
                   "Earliest compliant start: Thursday 3 December");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* R8's own example: notice Monday 30 November, start Tuesday 1 December:
 * 2 business days short. */
static void
test_late (LtAppFixture  *f,
           gconstpointer  data)
{
  LtChangeNoticeDialog *dialog = new_dialog (f);

  set_schedule (dialog, "2026-12-01T14:00:00-05:00", "2026-12-01T16:00:00-05:00");
  g_assert_cmpstr (lt_change_notice_dialog_get_lead_time_text (dialog), ==,
                   "Late by 2 business days — not covered by the risk review");

  /* One day later it is 1 short; on the earliest day it complies. */
  set_schedule (dialog, "2026-12-02T14:00:00-05:00", "2026-12-02T16:00:00-05:00");
  g_assert_cmpstr (lt_change_notice_dialog_get_lead_time_text (dialog), ==,
                   "Late by 1 business day — not covered by the risk review");

  set_schedule (dialog, "2026-12-03T08:00:00-05:00", "2026-12-03T10:00:00-05:00");
  g_assert_cmpstr (lt_change_notice_dialog_get_lead_time_text (dialog), ==,
                   "Earliest compliant start: Thursday 3 December");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The start is judged on the vendor's calendar: 22:00 Wednesday in
 * Indianapolis is Thursday in UTC and in Chatham, and still late. */
static void
test_vendor_date (LtAppFixture  *f,
                  gconstpointer  data)
{
  LtChangeNoticeDialog *dialog = new_dialog (f);

  set_schedule (dialog, "2026-12-02T22:00:00-05:00", "2026-12-02T23:00:00-05:00");
  g_assert_cmpstr (lt_change_notice_dialog_get_lead_time_text (dialog), ==,
                   "Late by 1 business day — not covered by the risk review");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The line follows the clock: the next day the same start is later. */
static void
test_follows_clock (LtAppFixture  *f,
                    gconstpointer  data)
{
  LtChangeNoticeDialog *dialog = new_dialog (f);
  g_autoptr(GDateTime) tomorrow = lt_test_instant ("2026-12-01T15:00:00Z");

  set_schedule (dialog, "2026-12-03T09:00:00-05:00", "2026-12-03T10:00:00-05:00");
  g_assert_cmpstr (lt_change_notice_dialog_get_lead_time_text (dialog), ==,
                   "Earliest compliant start: Thursday 3 December");

  lt_clock_set_now (f->clock, tomorrow);
  g_assert_cmpstr (lt_change_notice_dialog_get_lead_time_text (dialog), ==,
                   "Late by 1 business day — not covered by the risk review");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
add_window (LtAppFixture *f,
            const char   *id,
            const char   *title,
            const char   *starts,
            const char   *ends)
{
  g_autoptr(LtMaintenanceWindow) window = lt_maintenance_window_new ();
  g_autoptr(GDateTime) s = lt_test_instant (starts);
  g_autoptr(GDateTime) e = lt_test_instant (ends);
  g_autoptr(GDateTime) now = lt_test_instant (NOW);
  g_autoptr(GError) error = NULL;

  lt_maintenance_window_set_id (window, id);
  lt_maintenance_window_set_title (window, title);
  lt_maintenance_window_set_kind (window, LT_MAINTENANCE_KIND_SCHEDULED);
  lt_maintenance_window_set_starts_at (window, s);
  lt_maintenance_window_set_ends_at (window, e);
  lt_maintenance_window_set_announced_at (window, now);
  g_assert_true (lt_store_upsert_maintenance_window (lt_context_get_store (f->context), window, now, &error));
  g_assert_no_error (error);
}

static void
test_overlap (LtAppFixture  *f,
              gconstpointer  data)
{
  LtChangeNoticeDialog *dialog;
  const char *text;

  add_window (f, "mw-1", "Database cluster upgrade", "2026-12-08T07:00:00Z", "2026-12-08T11:00:00Z");
  dialog = new_dialog (f);

  set_schedule (dialog, "2026-12-08T10:00:00Z", "2026-12-08T12:00:00Z");
  text = lt_change_notice_dialog_get_overlap_text (dialog);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Database cluster upgrade"));

  /* Touching at the window's end is not an overlap (half-open spans). */
  set_schedule (dialog, "2026-12-08T11:00:00Z", "2026-12-08T12:00:00Z");
  g_assert_null (lt_change_notice_dialog_get_overlap_text (dialog));

  /* A window announced while the form is open is taken into account. */
  add_window (f, "mw-2", "Network maintenance", "2026-12-08T11:30:00Z", "2026-12-08T13:00:00Z");
  text = lt_change_notice_dialog_get_overlap_text (dialog);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "Network maintenance"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Sending saves the notice and its outbox item, keyed by its local id. */
static void
test_send_queues (LtAppFixture  *f,
                  gconstpointer  data)
{
  LtChangeNoticeDialog *dialog = new_dialog (f);
  guint counts[LT_OUTBOX_N_STATES] = { 0, };
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  LtChangeNotice *notice;

  g_object_ref_sink (dialog);
  lt_change_notice_dialog_set_title (dialog, "Move the database to new storage");
  set_schedule (dialog, "2026-12-01T14:00:00-05:00", "2026-12-01T16:00:00-05:00");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "notice.send", NULL));
  lt_app_test_flush ();

  notices = lt_store_load_change_notices (lt_context_get_store (f->context), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 1);
  notice = g_ptr_array_index (notices, 0);
  g_assert_cmpstr (lt_change_notice_get_title (notice), ==, "Move the database to new storage");
  g_assert_cmpint (lt_change_notice_get_state (notice), ==, LT_CHANGE_STATE_QUEUED);

  g_assert_true (lt_outbox_count (lt_context_get_outbox (f->context), counts, &error));
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_PENDING], ==, 1);
  items = lt_outbox_list (lt_context_get_outbox (f->context), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_outbox_item_get_key (g_ptr_array_index (items, 0)), ==,
                   lt_change_notice_get_local_id (notice));
  g_assert_cmpstr (lt_outbox_item_get_kind (g_ptr_array_index (items, 0)), ==, "change-notice.create");

  /* The late notice is still sent (R8): the form closed. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);
}

/* An incomplete notice is refused with a message; nothing is queued. */
static void
test_send_incomplete (LtAppFixture  *f,
                      gconstpointer  data)
{
  LtChangeNoticeDialog *dialog = new_dialog (f);
  guint counts[LT_OUTBOX_N_STATES] = { 0, };

  set_schedule (dialog, "2026-12-03T14:00:00-05:00", "2026-12-03T16:00:00-05:00");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "notice.send", NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (dialog), "Give the change a title."));

  g_assert_true (lt_outbox_count (lt_context_get_outbox (f->context), counts, NULL));
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_PENDING], ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A draft is saved with nothing queued; opened again it is sent, with its
 * outbox item under the draft's own local id. */
static void
test_draft_then_send (LtAppFixture  *f,
                      gconstpointer  data)
{
  LtChangeNoticeDialog *dialog = new_dialog (f);
  LtStore *store = lt_context_get_store (f->context);
  guint counts[LT_OUTBOX_N_STATES] = { 0, };
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *local_id = NULL;
  LtChangeNotice *draft;

  /* Without a title: refused, in words. */
  set_schedule (dialog, "2026-12-10T14:00:00-05:00", "2026-12-10T16:00:00-05:00");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "notice.save-draft", NULL));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (dialog), "A draft needs a title and a planned start."));

  g_object_ref_sink (dialog);
  lt_change_notice_dialog_set_title (dialog, "Replace the load balancer");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "notice.save-draft", NULL));
  lt_app_test_flush ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);

  notices = lt_store_load_change_notices (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 1);
  draft = g_ptr_array_index (notices, 0);
  g_assert_cmpint (lt_change_notice_get_state (draft), ==, LT_CHANGE_STATE_DRAFT);
  g_assert_null (lt_change_notice_get_id (draft));
  local_id = g_strdup (lt_change_notice_get_local_id (draft));
  g_assert_true (lt_outbox_count (lt_context_get_outbox (f->context), counts, &error));
  g_assert_cmpuint (counts[LT_OUTBOX_STATE_PENDING], ==, 0);

  /* Opened again: the form holds the draft, and sends it. */
  dialog = LT_CHANGE_NOTICE_DIALOG (lt_change_notice_dialog_new_for_draft (f->context, draft));
  g_object_ref_sink (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "notice.send", NULL));
  lt_app_test_flush ();
  g_object_unref (dialog);

  g_clear_pointer (&notices, g_ptr_array_unref);
  notices = lt_store_load_change_notices (store, &error);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpint (lt_change_notice_get_state (g_ptr_array_index (notices, 0)), ==, LT_CHANGE_STATE_QUEUED);
  g_assert_cmpstr (lt_change_notice_get_title (g_ptr_array_index (notices, 0)), ==, "Replace the load balancer");
  items = lt_outbox_list (lt_context_get_outbox (f->context), &error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (lt_outbox_item_get_key (g_ptr_array_index (items, 0)), ==, local_id);
}

static void
setup (LtAppFixture  *f,
       gconstpointer  data)
{
  lt_app_fixture_setup (f, NOW, TRUE);
}

static void
teardown (LtAppFixture  *f,
          gconstpointer  data)
{
  lt_app_fixture_teardown (f);
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/change-notice/no-start", LtAppFixture, NULL, setup, test_no_start, teardown);
  g_test_add ("/lt/app/change-notice/late", LtAppFixture, NULL, setup, test_late, teardown);
  g_test_add ("/lt/app/change-notice/vendor-date", LtAppFixture, NULL, setup, test_vendor_date, teardown);
  g_test_add ("/lt/app/change-notice/follows-clock", LtAppFixture, NULL, setup, test_follows_clock, teardown);
  g_test_add ("/lt/app/change-notice/overlap", LtAppFixture, NULL, setup, test_overlap, teardown);
  g_test_add ("/lt/app/change-notice/send-queues", LtAppFixture, NULL, setup, test_send_queues, teardown);
  g_test_add ("/lt/app/change-notice/send-incomplete", LtAppFixture, NULL, setup, test_send_incomplete, teardown);
  g_test_add ("/lt/app/change-notice/draft-then-send", LtAppFixture, NULL, setup, test_draft_then_send, teardown);

  return g_test_run ();
}
