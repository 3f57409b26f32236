/* test-app-portal.c: the application against the real lockthreat-devportal
 *
 * A window over a fresh profile syncs with the demo portal (260 tickets,
 * 14 change notices, 7 maintenance windows) and every page is checked
 * against what the portal itself answers; a ticket is filed through the
 * assistant and found on the portal exactly once; a late change notice
 * comes back with the portal's late flag; a submission made while the
 * portal is down says so and goes out once it is back; the header shows
 * a run's progress.
 *
 * The token reaches the app only through LTSUPPORT_TOKEN (no keyring in
 * tests) and the portal through its own variable (lt-test-devportal.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-portal"

#include "config.h"

#include "lt-actions.h"
#include "lt-app-test-portal.h"
#include "lt-app-test-util.h"
#include "lt-change-notice-dialog.h"
#include "lt-change-notice-dialog-private.h"
#include "lt-credentials.h"
#include "lt-maintenance-page.h"
#include "lt-new-ticket-assistant.h"
#include "lt-new-ticket-assistant-private.h"
#include "lt-store-account.h"
#include "lt-store-tickets.h"
#include "lt-sync-controller-private.h"
#include "lt-error.h"
#include "lt-test-devportal.h"
#include "lt-test-util.h"
#include "lt-ticket-action-dialog.h"
#include "lt-ticket-action-dialog-private.h"
#include "lt-ticket-detail.h"
#include "lt-ticket-detail-private.h"
#include "lt-tickets-page.h"
#include "lt-tickets-page-private.h"
#include "lt-ui-util.h"
#include "lt-window.h"
#include "lt-window-private.h"

#include <string.h>

#define TOKEN "ui-test-token-4f1c2a"

typedef LtAppPortalFixture Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  /* The portal's demo is relative to its clock, the real one: so is ours. */
  const LtAppPortalOptions options = {
    .token = TOKEN, .demo = TRUE, .now = NULL, .connected = TRUE, .width = 1280, .height = 900,
  };

  lt_app_portal_fixture_setup (f, &options);
  g_assert_true (lt_sync_controller_get_available (f->sync));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  lt_app_portal_fixture_teardown (f);
}

/* Every ticket the portal lists, through its API. */
static JsonArray *
list_portal_tickets (Fixture *f)
{
  JsonArray *all = json_array_new ();
  g_autofree char *cursor = NULL;

  do
    {
      g_autofree char *path = cursor != NULL
                              ? g_strdup_printf ("/api/v1/tickets?limit=1000&cursor=%s", cursor)
                              : g_strdup ("/api/v1/tickets?limit=1000");
      g_autoptr(JsonNode) page = lt_test_devportal_request (f->portal, "GET", path, NULL);
      JsonObject *object = json_node_get_object (page);
      JsonArray *items = json_object_get_array_member (object, "items");

      for (guint i = 0; i < json_array_get_length (items); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (items, i)));

      g_clear_pointer (&cursor, g_free);
      if (json_object_has_member (object, "next_cursor") &&
          !json_object_get_null_member (object, "next_cursor"))
        cursor = g_uri_escape_string (json_object_get_string_member (object, "next_cursor"), NULL, FALSE);
    }
  while (cursor != NULL);

  return all;
}

static guint
count_state (JsonArray  *tickets,
             const char *state)
{
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (tickets); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (tickets, i), "state"), state))
      n++;

  return n;
}

static LtTicketsPage *
tickets_page (Fixture *f)
{
  return LT_TICKETS_PAGE (lt_window_get_page (f->window, "tickets"));
}

static void
assert_tickets_shown (Fixture *f,
                      guint    expected)
{
  g_autofree char *label = g_strdup_printf (expected == 1 ? "%u ticket" : "%u tickets", expected);

  g_assert_cmpuint (lt_tickets_page_get_n_shown (tickets_page (f)), ==, expected);
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (tickets_page (f)), label));
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_visible (row))
      n++;

  return n;
}

/* The list box under @root whose accessible name is @label. */
static GtkWidget *
find_list (GtkWidget  *root,
           const char *label)
{
  g_autofree char *mismatch = NULL;

  if (GTK_IS_LIST_BOX (root) &&
      (mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root),
                                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label)) == NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Each page shows what the portal has, after one sync. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonArray) tickets = NULL;
  GtkWidget *page;
  GtkColumnView *view;
  GListModel *columns;
  static const char * const titles[] = { "ID", "Title", "Severity", "State", "Opened", "Response Due", "SLA", "Auto-Close" };
  GtkWidget *state_dropdown;

  lt_app_portal_fixture_sync_now (f);
  g_assert_cmpint (lt_sync_controller_get_outcome (f->sync), ==, LT_SYNC_OUTCOME_OK);
  tickets = list_portal_tickets (f);
  g_assert_cmpuint (json_array_get_length (tickets), ==, lt_test_devportal_count (f->portal, "tickets"));

  /* Tickets: every one, the columns, a state filter. */
  lt_window_show_page (f->window, "tickets");
  lt_app_test_flush ();
  assert_tickets_shown (f, json_array_get_length (tickets));
  view = GTK_COLUMN_VIEW (lt_app_test_find_widget (GTK_WIDGET (tickets_page (f)), GTK_TYPE_COLUMN_VIEW));
  columns = gtk_column_view_get_columns (view);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, titles[i]);
    }

  state_dropdown = lt_app_test_find_widget (GTK_WIDGET (tickets_page (f)), GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (state_dropdown), 4);   /* Closed */
  lt_app_test_flush ();
  g_assert_cmpuint (count_state (tickets, "closed"), >, 0);
  assert_tickets_shown (f, count_state (tickets, "closed"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (state_dropdown), 3);   /* Resolved */
  lt_app_test_flush ();
  assert_tickets_shown (f, count_state (tickets, "resolved"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (state_dropdown), 0);
  lt_app_test_flush ();

  /* Maintenance: every window, upcoming or past, in the lists named so. */
  page = lt_window_get_page (f->window, "maintenance");
  g_assert_cmpuint (count_rows (find_list (page, "Upcoming maintenance windows")) +
                    count_rows (find_list (page, "Past maintenance windows")), ==,
                    lt_test_devportal_count (f->portal, "maintenance_windows"));

  /* Changes: every notice. */
  page = lt_window_get_page (f->window, "changes");
  {
    LtChangeNoticeList *notices = lt_context_get_change_notices (f->context);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (notices)), ==,
                      lt_test_devportal_count (f->portal, "change_notices"));
  }

  /* Overview: the customer the portal knows. */
  page = lt_window_get_page (f->window, "overview");
  {
    g_autoptr(LtAccount) account = lt_store_load_account (lt_context_get_store (f->context), NULL);

    g_assert_nonnull (account);
    g_assert_nonnull (lt_app_test_find_label (page, lt_account_get_customer_name (account)));
  }

  /* The header: the sync control and its progress are named. */
  {
    GtkWidget *progress = lt_app_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_PROGRESS_BAR);

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (progress), GTK_ACCESSIBLE_PROPERTY_LABEL, "Sync progress");
    g_assert_false (gtk_widget_get_visible (progress));
  }
}

static void
toggle (GtkWidget  *root,
        const char *title)
{
  GtkWidget *row = lt_ui_find_row (root, title);

  g_assert_nonnull (row);
  gtk_switch_set_active (GTK_SWITCH (lt_ui_find_descendant (row, GTK_TYPE_SWITCH)), TRUE);
}

static void
check (GtkWidget  *root,
       const char *title)
{
  GtkWidget *row = lt_ui_find_row (root, title);

  g_assert_nonnull (row);
  gtk_widget_activate (lt_ui_find_descendant (row, GTK_TYPE_CHECK_BUTTON));
}

static void
next (GtkWidget *assistant)
{
  g_assert_true (lt_new_ticket_assistant_can_continue (LT_NEW_TICKET_ASSISTANT (assistant)));
  gtk_widget_activate_action (assistant, "assistant.next", NULL);
}

/* Filed through the assistant, delivered by the sync, once. */
static void
test_file_ticket (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *title = g_strdup_printf ("Collector stops after log rotation (%s)", g_get_prgname ());
  gint64 before;
  GtkWidget *assistant;
  g_autofree char *key = NULL;
  g_autoptr(JsonArray) tickets = NULL;
  guint n_with_title = 0;
  gint64 replays = -1;

  lt_app_portal_fixture_sync_now (f);
  before = lt_test_devportal_count (f->portal, "tickets");

  /* The header's New menu opens the assistant; the window's method is
   * what app.new-ticket calls. */
  lt_window_new_ticket (f->window, NULL);
  assistant = NULL;
  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (LT_IS_NEW_TICKET_ASSISTANT (l->data))
      assistant = l->data;
  g_assert_nonnull (assistant);
  g_object_ref (assistant);

  toggle (assistant, "Significantly Degraded");
  next (assistant);
  check (assistant, "Troubleshooting errors");
  next (assistant);
  gtk_editable_set_text (GTK_EDITABLE (lt_ui_find_row (assistant, "Installed Version")), "3.5.1");
  next (assistant);
  gtk_editable_set_text (GTK_EDITABLE (lt_ui_find_row (assistant, "Title")), title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (lt_ui_find_descendant (assistant, GTK_TYPE_TEXT_VIEW))),
                            "Every night at 00:00 when logrotate runs.", -1);
  next (assistant);
  g_assert_cmpstr (lt_new_ticket_assistant_get_step (LT_NEW_TICKET_ASSISTANT (assistant)), ==, "review");
  next (assistant);
  key = g_strdup (lt_new_ticket_assistant_get_filed_key (LT_NEW_TICKET_ASSISTANT (assistant)));
  g_assert_nonnull (key);
  g_object_unref (assistant);

  /* The push the outbox change starts delivers it; the toast's ticket id
   * arrives with the portal's answer. */
  g_assert_true (lt_app_portal_fixture_wait_run (f, 60000));
  lt_app_test_flush ();
  g_assert_nonnull (f->filed_id);
  g_assert_true (g_str_has_prefix (f->filed_id, "LT-"));

  /* Exactly once on the portal, under the ticket's key. */
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, before + 1);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, key, &replays), ==, 1);
  tickets = list_portal_tickets (f);
  for (guint i = 0; i < json_array_get_length (tickets); i++)
    {
      JsonObject *ticket = json_array_get_object_element (tickets, i);

      if (g_str_equal (json_object_get_string_member (ticket, "title"), title))
        {
          n_with_title++;
          g_assert_cmpstr (json_object_get_string_member (ticket, "id"), ==, f->filed_id);
          g_assert_cmpstr (json_object_get_string_member (ticket, "severity"), ==, "s2");
        }
    }
  g_assert_cmpuint (n_with_title, ==, 1);

  /* Another sync changes nothing: still one. */
  lt_app_portal_fixture_sync_now (f);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "tickets"), ==, before + 1);

  /* "Show" in the toast finds it on the Tickets page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-ticket", "s", f->filed_id));
  lt_app_test_flush ();
  g_assert_cmpstr (lt_window_get_visible_page (f->window), ==, "tickets");
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (tickets_page (f)), title));
}

/* R8: filed tomorrow, the portal flags it late and the page shows it. */
static void
test_late_change_notice (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GDateTime) start = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                      g_date_time_get_month (tomorrow),
                                                      g_date_time_get_day_of_month (tomorrow), 14, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_hours (start, 2);
  g_autofree char *title = g_strdup_printf ("Rotate the SIEM connector certificate (%s)", g_get_prgname ());
  GtkWidget *dialog;
  gint64 before;
  LtChangeNoticeList *notices;
  g_autoptr(LtChangeNotice) filed = NULL;
  GtkWidget *label;
  GtkWidget *row;

  lt_app_portal_fixture_sync_now (f);
  before = lt_test_devportal_count (f->portal, "change_notices");

  dialog = lt_change_notice_dialog_new (f->context);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (dialog));
  lt_change_notice_dialog_set_title (LT_CHANGE_NOTICE_DIALOG (dialog), title);
  lt_change_notice_dialog_set_schedule (LT_CHANGE_NOTICE_DIALOG (dialog), start, end);
  g_assert_true (g_str_has_prefix (lt_change_notice_dialog_get_lead_time_text (LT_CHANGE_NOTICE_DIALOG (dialog)),
                                   "Late by "));
  g_assert_true (gtk_widget_activate_action (dialog, "notice.send", NULL));

  g_assert_true (lt_app_portal_fixture_wait_run (f, 60000));
  lt_app_portal_fixture_sync_now (f);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "change_notices"), ==, before + 1);

  notices = lt_context_get_change_notices (f->context);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (notices)); i++)
    {
      g_autoptr(LtChangeNotice) notice = g_list_model_get_item (G_LIST_MODEL (notices), i);

      if (g_strcmp0 (lt_change_notice_get_title (notice), title) == 0)
        filed = g_steal_pointer (&notice);
    }
  g_assert_nonnull (filed);
  g_assert_nonnull (lt_change_notice_get_id (filed));
  /* The portal's flag, not the app's guess. */
  g_assert_true (lt_change_notice_get_late (filed));

  lt_window_show_page (f->window, "changes");
  lt_app_test_flush ();
  label = lt_app_test_find_label (lt_window_get_page (f->window, "changes"), title);
  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (lt_app_test_find_label (row, "Late")));
}

/* Offline-first: queued while the portal is down, said so, sent later. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  LtTicketsPage *page = tickets_page (f);
  LtTicketDetail *detail;
  LtTicketActionDialog *dialog;
  gint64 comments;
  GtkWidget *status;
  g_autoptr(JsonArray) tickets = NULL;
  const char *open_id = NULL;

  lt_app_portal_fixture_sync_now (f);
  tickets = list_portal_tickets (f);
  for (guint i = 0; i < json_array_get_length (tickets) && open_id == NULL; i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (tickets, i), "state"),
                     "in-progress"))
      open_id = json_object_get_string_member (json_array_get_object_element (tickets, i), "id");
  g_assert_nonnull (open_id);
  comments = lt_test_devportal_count (f->portal, "comments");

  /* Retries come quickly here; the back-off itself is the sync's test. */
  lt_sync_set_retry_delays (lt_sync_controller_get_sync (f->sync), 200 * G_TIME_SPAN_MILLISECOND,
                            200 * G_TIME_SPAN_MILLISECOND);
  lt_test_devportal_stop (f->portal);

  lt_window_show_ticket (f->window, open_id);
  lt_app_test_flush ();
  detail = LT_TICKET_DETAIL (lt_app_test_find_widget (GTK_WIDGET (page), LT_TYPE_TICKET_DETAIL));
  gtk_widget_activate_action (GTK_WIDGET (detail), "ticket.comment", NULL);
  dialog = LT_TICKET_ACTION_DIALOG (lt_ticket_detail_get_dialog (detail));
  g_assert_nonnull (dialog);
  lt_ticket_action_dialog_set_text (dialog, "Written while the portal was down.");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_close (GTK_WINDOW (dialog));

  /* The push fails to connect: the user is told it waits. */
  g_assert_false (lt_app_portal_fixture_wait_run (f, 60000));
  lt_app_test_flush ();
  g_assert_cmpint (lt_sync_controller_get_outcome (f->sync), ==, LT_SYNC_OUTCOME_OFFLINE);
  g_assert_cmpstr (f->waiting_message, ==, "Saved; will be sent when the portal can be reached");
  status = lt_app_test_find_label (GTK_WIDGET (f->window), "The portal cannot be reached");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_visible (status));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (status), GTK_ACCESSIBLE_ROLE_STATUS);
  /* Readable offline: the comment is in the history already. */
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (detail), "Written while the portal was down."));

  /* Back online: sent once, at the first sync after the item's back-off. */
  lt_test_devportal_restart (f->portal);
  for (guint attempt = 0; attempt < 20 && lt_test_devportal_count (f->portal, "comments") == comments; attempt++)
    {
      g_usleep (100 * 1000);
      lt_app_portal_fixture_sync_now (f);
    }
  g_assert_cmpint (lt_test_devportal_count (f->portal, "comments"), ==, comments + 1);
  g_assert_false (gtk_widget_get_visible (status));
}

static void
progress_cb (LtSyncController *sync,
             GParamSpec       *pspec,
             Fixture          *f)
{
  GtkWidget *progress = lt_app_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_PROGRESS_BAR);
  GtkWidget *spinner = lt_app_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_SPINNER);
  GtkWidget *status = lt_app_test_find_label (GTK_WIDGET (f->window), "Fetching tickets…");

  /* Seen once while the tickets are fetched: the header says so. */
  if (status != NULL && gtk_widget_get_visible (status))
    {
      g_assert_true (gtk_widget_get_visible (progress));
      g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
      g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (progress)), >, 0.0);
      g_object_set_data (G_OBJECT (f->window), "lt-seen-progress", GINT_TO_POINTER (TRUE));
    }
}

/* A run shows its phase and progress in the header, then goes away. */
static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *progress = lt_app_test_find_widget (GTK_WIDGET (f->window), GTK_TYPE_PROGRESS_BAR);

  /* Slow enough to be seen. */
  lt_test_devportal_add_fault (f->portal, "{\"delay_ms\": 300, \"path_prefix\": \"/api/v1/tickets\", \"count\": 2}");
  g_signal_connect (f->sync, "notify::status", G_CALLBACK (progress_cb), f);
  lt_app_portal_fixture_sync_now (f);
  g_assert_true (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (f->window), "lt-seen-progress")));
  g_assert_false (gtk_widget_get_visible (progress));
  g_assert_false (lt_sync_controller_get_running (f->sync));
}

/* A portal that does not answer cannot hold the app's one sync at a time
 * for ever (issue 10): the run's deadline ends it, the header says the
 * sync stopped, and the next run starts. */
static void
test_stuck_run (Fixture       *f,
                gconstpointer  data)
{
  LtSyncLimits limits = {
    LT_SYNC_MAX_PAGES_PER_RUN, LT_SYNC_MAX_ITEMS_PER_RUN, LT_SYNC_MAX_BYTES_PER_RUN, 1,
  };
  const GError *error;
  gint64 start;

  lt_sync_set_limits (lt_sync_controller_get_sync (f->sync), &limits);
  lt_test_devportal_add_fault (f->portal, "{\"delay_ms\": 20000, \"path_prefix\": \"/api/v1/account\", \"count\": 1}");
  start = g_get_monotonic_time ();
  lt_sync_controller_sync (f->sync);
  g_assert_true (lt_sync_controller_get_running (f->sync));
  g_assert_false (lt_app_portal_fixture_wait_run (f, 60000));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_false (lt_sync_controller_get_running (f->sync));
  error = lt_sync_controller_get_last_error (f->sync);
  g_assert_error ((GError *) error, LT_ERROR, LT_ERROR_TIMED_OUT);

  /* Free again: the next run goes through. */
  limits.max_seconds = LT_SYNC_MAX_RUN_SECONDS;
  lt_sync_set_limits (lt_sync_controller_get_sync (f->sync), &limits);
  lt_app_portal_fixture_sync_now (f);
  g_assert_null (lt_sync_controller_get_last_error (f->sync));
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/portal/pages", Fixture, NULL, setup, test_pages, teardown);
  g_test_add ("/lt/app/portal/file-ticket", Fixture, NULL, setup, test_file_ticket, teardown);
  g_test_add ("/lt/app/portal/late-change-notice", Fixture, NULL, setup, test_late_change_notice, teardown);
  g_test_add ("/lt/app/portal/offline", Fixture, NULL, setup, test_offline, teardown);
  g_test_add ("/lt/app/portal/progress", Fixture, NULL, setup, test_progress, teardown);
  g_test_add ("/lt/app/portal/stuck-run", Fixture, NULL, setup, test_stuck_run, teardown);

  return g_test_run ();
}
