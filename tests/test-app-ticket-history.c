/* test-app-ticket-history.c: the ticket's whole history and honest times
 * (issue 12, findings 1 and 9; the detail pane's scroll position and its
 * labelled badges from findings 8 and 10)
 *
 * The Tickets page over the demo customer (lt-app-demo-data.c), whose
 * LT-000139 was closed as fixed in 3.5.1 at triage (§12), reopened by the
 * admin with a reason, given a log, answered and escalated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-ticket-history"

#include "config.h"

#include "lt-app-demo-data.h"
#include "lt-app-test-util.h"
#include "lt-date-time-button.h"
#include "lt-date-time-button-private.h"
#include "lt-store-tickets.h"
#include "lt-test-util.h"
#include "lt-ticket-detail.h"
#include "lt-tickets-page.h"
#include "lt-ui-util.h"

#include <string.h>

/* The §12 closing of LT-000139 as the portal worded it. */
#define FIXED_IN_CURRENT_BODY \
  "LT-1133 is fixed in 3.5.1, which is newer than the installed 3.4.1. A ticket about it " \
  "will be closed as resolved: upgrade to 3.5.1 or later first."
#define REOPEN_REASON \
  "Production already runs 3.5.1 and its exports time out too, so LT-1133 is not the cause."

typedef LtAppTicketsFixture Fixture;

/* @data: the instant the clock is pinned to (RFC 3339). */
static void
setup (Fixture       *f,
       gconstpointer  data)
{
  lt_app_fixture_setup_demo (&f->app, data != NULL ? data : LT_APP_DEMO_NOW);
  /* Short: every ticket's detail is taller than its pane. */
  lt_app_tickets_fixture_open (f, 1200, 480);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  lt_app_tickets_fixture_teardown (f);
}

/* A history text: shown, and selectable so that it can be copied. */
static GtkWidget *
assert_selectable_text (Fixture    *f,
                        const char *text)
{
  GtkWidget *label = lt_app_test_find_label (GTK_WIDGET (f->detail), text);

  if (label == NULL)
    g_test_message ("“%s” is not shown in the ticket’s history", text);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
  return label;
}

static void
count_labels_with_prefix (GtkWidget  *widget,
                          const char *prefix,
                          guint      *count)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    (*count)++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_labels_with_prefix (child, prefix, count);
}

/* Finding 1: every event with its body. The portal's explanation of a
 * §12 closing, the admin's reopen reason, an attachment's note and an
 * escalation's reason were all dropped; only "Submitted → Closed" was
 * shown. */
static void
test_full_history (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *size = g_format_size (253952);
  g_autofree char *attached = g_strdup_printf ("Attached export-timeout.log (%s)", size);

  lt_app_tickets_fixture_show (f, "LT-000139");

  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (f->detail), "Submitted → Closed"));
  assert_selectable_text (f, FIXED_IN_CURRENT_BODY);
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (f->detail), "Closed → Reopened"));
  assert_selectable_text (f, REOPEN_REASON);
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (f->detail), attached));
  assert_selectable_text (f, "Server log of a failed export on Production");
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (f->detail), "Escalated to level 1, Support Team Leader"));
  assert_selectable_text (f, "Month-end reports are due on Friday: we need a workaround before then.");
  assert_selectable_text (f, "Thanks for the logs. Could you send the collector configuration as well?");
  assert_selectable_text (f, "Please raise report.export.timeout to 120 s and tell us whether the export completes.");
  /* Who and when, for each entry. */
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (f->detail), "Ada Lovelace · Wed 25 Nov 2026, 04:25"));
}

/* Finding 1: the close reason in words, with the known issue and the
 * release that fixes it (§12), under the closing it belongs to, and only
 * there: an earlier closing of a ticket reopened since is not given the
 * latest reason. */
static void
test_close_reason (Fixture       *f,
                   gconstpointer  data)
{
  LtStore *store = lt_context_get_store (f->app.context);
  const char * const issues[] = { "LT-1133", NULL };
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-26T14:00:00Z");
  g_autoptr(GDateTime) first_close = lt_test_instant ("2026-11-26T14:05:00Z");
  g_autoptr(GDateTime) reopened_at = lt_test_instant ("2026-11-26T15:00:00Z");
  g_autoptr(GDateTime) closed_at = lt_test_instant ("2026-11-27T14:05:00Z");
  g_autoptr(LtTicketEvent) first = lt_ticket_event_new_state_change (first_close, "LockThreat Support",
                                                                     LT_TICKET_STATE_SUBMITTED,
                                                                     LT_TICKET_STATE_CLOSED);
  g_autoptr(LtTicketEvent) reopened = lt_ticket_event_new_state_change (reopened_at, "Ada Lovelace",
                                                                        LT_TICKET_STATE_CLOSED,
                                                                        LT_TICKET_STATE_REOPENED);
  g_autoptr(LtTicketEvent) closed = lt_ticket_event_new_state_change (closed_at, "LockThreat Support",
                                                                      LT_TICKET_STATE_REOPENED,
                                                                      LT_TICKET_STATE_CLOSED);
  LtTicketEvent *events[] = { first, reopened, closed };
  g_autoptr(GError) error = NULL;
  guint reasons = 0;

  lt_ticket_set_id (ticket, "LT-000150");
  lt_ticket_set_title (ticket, "Scheduled exports stop after the first run");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_product_version (ticket, "3.4.1");
  lt_ticket_set_known_issue_ids (ticket, issues);
  lt_ticket_set_state (ticket, LT_TICKET_STATE_CLOSED);
  lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_FIXED_IN_CURRENT);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, closed_at);
  lt_ticket_set_closed_at (ticket, closed_at);
  g_assert_true (lt_store_upsert_ticket (store, ticket, closed_at, &error));
  g_assert_no_error (error);
  g_assert_true (lt_store_replace_ticket_events (store, ticket, events, G_N_ELEMENTS (events), &error));
  g_assert_no_error (error);
  lt_app_test_settle (f->window);

  lt_app_tickets_fixture_show (f, "LT-000150");
  assert_selectable_text (f, "Close reason: Fixed in the current release: LT-1133 is fixed in 3.5.1. "
                             "Upgrade to 3.5.1 or later.");
  count_labels_with_prefix (GTK_WIDGET (f->detail), "Close reason:", &reasons);
  g_assert_cmpuint (reasons, ==, 1);
}

/* Finding 1: the whole history copied at once, headings and times with
 * it, as plain text. */
static void
test_copy_history (Fixture       *f,
                   gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->detail));
  GdkContentProvider *content;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  const char *text;

  lt_app_tickets_fixture_show (f, "LT-000139");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.copy-history", NULL));
  lt_app_test_flush ();

  content = gdk_clipboard_get_content (clipboard);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  text = g_value_get_string (&value);
  g_assert_true (g_str_has_prefix (text, "LT-000139  Report export times out after 30 seconds\n"));
  g_assert_nonnull (strstr (text, "\nClosed → Reopened\nAda Lovelace · Wed 25 Nov 2026, 04:25\n    "
                                  REOPEN_REASON "\n"));
  g_assert_nonnull (strstr (text, "    " FIXED_IN_CURRENT_BODY "\n"));
}

/* Finding 9: relative times say they count business time, and where the
 * deadline really falls. Monday 16:30 in Indianapolis, an S2 ticket just
 * filed: two business hours, half an hour today and the rest tomorrow
 * morning, 04:15 on Wednesday in the admin's Chatham time; the old list
 * said "in 2 hours". */
static void
test_business_times (Fixture       *f,
                     gconstpointer  data)
{
  LtStore *store = lt_context_get_store (f->app.context);
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-30T21:30:00Z");
  g_autoptr(GDateTime) due = lt_test_instant ("2026-12-01T14:30:00Z");
  g_autoptr(GError) error = NULL;
  GtkWidget *row;
  g_autofree char *countdown = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *long_wait = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *full = NULL;
  g_autofree char *yesterday = NULL;

  lt_ticket_set_id (ticket, "LT-000151");
  lt_ticket_set_title (ticket, "Alert e-mails arrive an hour late");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S2);
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, LT_TICKET_STATE_SUBMITTED);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, opened);
  g_assert_true (lt_store_upsert_ticket (store, ticket, opened, &error));
  g_assert_no_error (error);
  lt_app_test_settle (f->window);

  /* The list's column and the detail, from the same formatter. */
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (f->page), "in 2 business hours · tomorrow 04:15"));
  lt_app_tickets_fixture_show (f, "LT-000151");
  row = lt_ui_find_row (GTK_WIDGET (f->detail), "First Response Due");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Wed 2 Dec 2026, 04:15 · in 2 business hours");

  countdown = lt_ui_format_countdown (60 * 60 - 30);
  g_assert_cmpstr (countdown, ==, "in 60 business minutes");
  overdue = lt_ui_format_countdown (-(2 * 3600 + 30 * 60));
  g_assert_cmpstr (overdue, ==, "overdue by 2 business hours 30 min");
  /* Never days: 30 business hours are more than three business days. */
  long_wait = lt_ui_format_business_duration (30 * 3600);
  g_assert_cmpstr (long_wait, ==, "30 business hours");
  deadline = lt_ui_format_business_deadline (3600, due, opened);
  g_assert_cmpstr (deadline, ==, "in 60 business minutes · tomorrow 04:15");
  yesterday = lt_ui_format_instant_relative (opened, due);
  g_assert_cmpstr (yesterday, ==, "yesterday 11:15");
  /* The absolute instant, one hover away: both clocks named. */
  full = lt_ui_format_instant_full (due, lt_policy_get_calendar (lt_context_get_policy (f->app.context)));
  g_assert_cmpstr (full, ==, "Wed 2 Dec 2026, 04:15 (your time, +1345); Tue 1 Dec, 09:30 at LockThreat (EST)");
}

/* Finding 9: the picker's proposal is taken as shown (the change's end
 * was left unset unless changed), and the picker says its time zone. */
static void
test_date_time_button (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = lt_date_time_button_new ();
  GtkWidget *menu_button = lt_app_test_find_widget (button, GTK_TYPE_MENU_BUTTON);
  g_autoptr(GDateTime) proposal = lt_test_instant ("2026-12-01T01:45:00Z");
  GDateTime *chosen;

  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  lt_date_time_button_set_suggestion (LT_DATE_TIME_BUTTON (button), proposal);
  g_assert_null (lt_date_time_button_get_date_time (LT_DATE_TIME_BUTTON (button)));

  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  lt_app_test_flush ();
  /* The popover names the zone its times are in. */
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))),
                                            "Your time zone: Pacific/Chatham (+1345)"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  lt_app_test_flush ();

  chosen = lt_date_time_button_get_date_time (LT_DATE_TIME_BUTTON (button));
  g_assert_nonnull (chosen);
  g_assert_true (g_date_time_equal (chosen, proposal));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (menu_button)), ==,
                   "Tue 1 Dec 2026, 15:30 (your time, +1345)");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Finding 8: another ticket is shown from its top. */
static void
test_scroll_reset (Fixture       *f,
                   gconstpointer  data)
{
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;

  lt_app_tickets_fixture_show (f, "LT-000139");
  /* The pane's own, around the ticket (the empty state has another). */
  scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (lt_app_test_find_label (GTK_WIDGET (f->detail),
                                                                                   "LT-000139"),
                                                           GTK_TYPE_SCROLLED_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  lt_app_test_settle (f->window);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  lt_app_tickets_fixture_show (f, "LT-000142");
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
}

/* Finding 10: severity, state and SLA say what they are, on screen (a
 * caption beside each) and to a screen reader (the badge's name). */
static void
test_badges_labelled (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *severity;
  GtkWidget *state;
  GtkWidget *sla;
  GtkWidget *caption;

  lt_app_tickets_fixture_show (f, "LT-000139");
  severity = lt_app_test_find_label (GTK_WIDGET (f->detail), "S2");
  state = lt_app_test_find_label (GTK_WIDGET (f->detail), "Awaiting you");
  sla = lt_app_test_find_label (GTK_WIDGET (f->detail), "Met");
  g_assert_nonnull (severity);
  g_assert_nonnull (state);
  g_assert_nonnull (sla);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (severity), GTK_ACCESSIBLE_PROPERTY_LABEL, "Severity: S2");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (state), GTK_ACCESSIBLE_PROPERTY_LABEL, "State: Awaiting you");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (sla), GTK_ACCESSIBLE_PROPERTY_LABEL, "Response SLA: Met");

  /* Seen beside the badge, not read twice. */
  caption = lt_app_test_find_label (GTK_WIDGET (f->detail), "Severity");
  g_assert_nonnull (caption);
  g_assert_true (gtk_widget_is_visible (caption));
  g_assert_true (gtk_widget_get_parent (caption) == gtk_widget_get_parent (severity));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (caption), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);

  /* A ticket without an SLA verdict has neither the badge nor its caption. */
  lt_app_tickets_fixture_show (f, "LT-000118");
  g_assert_false (gtk_widget_is_visible (lt_app_test_find_label (GTK_WIDGET (f->detail), "Response SLA")));
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/ticket-history/full-history", Fixture, NULL, setup, test_full_history, teardown);
  g_test_add ("/lt/app/ticket-history/close-reason", Fixture, NULL, setup, test_close_reason, teardown);
  g_test_add ("/lt/app/ticket-history/copy", Fixture, NULL, setup, test_copy_history, teardown);
  g_test_add ("/lt/app/ticket-history/business-times", Fixture, "2026-11-30T21:30:00Z", setup,
              test_business_times, teardown);
  g_test_add ("/lt/app/ticket-history/date-time-button", Fixture, NULL, setup, test_date_time_button, teardown);
  g_test_add ("/lt/app/ticket-history/scroll-reset", Fixture, NULL, setup, test_scroll_reset, teardown);
  g_test_add ("/lt/app/ticket-history/badges-labelled", Fixture, NULL, setup, test_badges_labelled, teardown);

  return g_test_run ();
}
