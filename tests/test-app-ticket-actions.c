/* test-app-ticket-actions.c: what the ticket detail lets the customer do,
 * exactly when the policy allows it (R5, R11), and the action dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-ticket-actions"

#include "config.h"

#include "lt-actions.h"
#include "lt-app-demo-data.h"
#include "lt-error.h"
#include "lt-app-test-util.h"
#include "lt-sensitive.h"
#include "lt-store-tickets.h"
#include "lt-test-util.h"
#include "lt-ticket-action-dialog.h"
#include "lt-ticket-action-dialog-private.h"
#include "lt-ticket-detail.h"
#include "lt-ticket-detail-private.h"
#include "lt-tickets-page.h"
#include "lt-ui-util.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  LtAppFixture  app;
  GtkWidget    *window;
  LtTicketsPage *page;
  LtTicketDetail *detail;
} Fixture;

static const struct {
  LtCustomerAction  action;
  const char       *name;
} all_actions[] = {
  { LT_CUSTOMER_ACTION_COMMENT, "ticket.comment" },
  { LT_CUSTOMER_ACTION_ATTACH, "ticket.attach" },
  { LT_CUSTOMER_ACTION_CONFIRM_CLOSURE, "ticket.confirm-closure" },
  { LT_CUSTOMER_ACTION_NOT_FIXED, "ticket.not-fixed" },
  { LT_CUSTOMER_ACTION_REOPEN, "ticket.reopen" },
  { LT_CUSTOMER_ACTION_NEW_REFERENCING, "ticket.new-referencing" },
  { LT_CUSTOMER_ACTION_ESCALATE, "ticket.escalate" },
  { LT_CUSTOMER_ACTION_WITHDRAW, "ticket.withdraw" },
};

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  lt_app_fixture_setup (&f->app, LT_APP_DEMO_NOW, TRUE);
  g_assert_true (lt_app_demo_data_fill (lt_context_get_store (f->app.context),
                                        lt_context_get_outbox (f->app.context), &error));
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  f->page = g_object_new (LT_TYPE_TICKETS_PAGE, "context", f->app.context, NULL);
  f->detail = LT_TICKET_DETAIL (lt_app_test_find_widget (GTK_WIDGET (f->page), LT_TYPE_TICKET_DETAIL));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (f->window);
  lt_app_test_flush ();
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  GtkWidget *dialog = lt_ticket_detail_get_dialog (f->detail);

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  lt_app_fixture_teardown (&f->app);
}

static void
show (Fixture    *f,
      const char *id)
{
  lt_tickets_page_show_ticket (f->page, id);
  lt_app_test_flush ();
  g_assert_nonnull (lt_ticket_detail_get_ticket (f->detail));
  g_assert_cmpstr (lt_ticket_get_id (lt_ticket_detail_get_ticket (f->detail)), ==, id);
}

/* The rows are what a person sees: present, and sensitive exactly when
 * the policy allows the action. */
static GtkWidget *
row (Fixture    *f,
     const char *title)
{
  GtkWidget *found = lt_ui_find_row (GTK_WIDGET (f->detail), title);

  g_assert_nonnull (found);
  return found;
}

/* What core allows, and the widget actions: activating one that is not
 * allowed opens nothing. */
static void
assert_allowed (Fixture          *f,
                LtCustomerAction  expected)
{
  LtCustomerAction allowed = lt_ticket_detail_get_allowed_actions (f->detail);

  g_assert_cmphex (allowed, ==, expected);
  for (guint i = 0; i < G_N_ELEMENTS (all_actions); i++)
    if ((expected & all_actions[i].action) == 0)
      gtk_widget_activate_action (GTK_WIDGET (f->detail), all_actions[i].name, NULL);
  g_assert_null (lt_ticket_detail_get_dialog (f->detail));
}

static void
assert_row (Fixture    *f,
            const char *title,
            gboolean    visible,
            gboolean    sensitive)
{
  GtkWidget *r = row (f, title);

  g_assert_cmpint (gtk_widget_get_visible (r), ==, visible);
  if (visible)
    g_assert_cmpint (gtk_widget_get_sensitive (r), ==, sensitive);
}

static const char *
subtitle_of (Fixture    *f,
             const char *title)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, title)));
}

static void
test_in_progress (Fixture       *f,
                  gconstpointer  data)
{
  show (f, "LT-000142");

  assert_allowed (f, LT_CUSTOMER_ACTION_COMMENT | LT_CUSTOMER_ACTION_ATTACH |
                     LT_CUSTOMER_ACTION_ESCALATE | LT_CUSTOMER_ACTION_WITHDRAW);
  assert_row (f, "Comment", TRUE, TRUE);
  assert_row (f, "Attach a File", TRUE, TRUE);
  assert_row (f, "Escalate", TRUE, TRUE);
  assert_row (f, "Withdraw", TRUE, TRUE);
  assert_row (f, "Confirm Closure", FALSE, FALSE);
  assert_row (f, "Not Fixed", FALSE, FALSE);
  assert_row (f, "Reopen", FALSE, FALSE);
  assert_row (f, "Open a New Ticket", FALSE, FALSE);

  /* R11: the next level by name, from the policy. */
  g_assert_cmpstr (subtitle_of (f, "Escalate"), ==, "Next: level 1, Support Team Leader");
  g_assert_nonnull (strstr (subtitle_of (f, "Attach a File"), "10.0"));
  g_assert_nonnull (strstr (subtitle_of (f, "Attach a File"), "MiB"));

  /* Accessibility: the list is named, each row is an activatable item
   * named by its title. */
  {
    GtkWidget *list = gtk_widget_get_parent (row (f, "Comment"));

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "What you can do now");
    g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (row (f, "Comment")),
                                                 gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row (f, "Withdraw")))));
    g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row (f, "Comment"))));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row (f, "Comment"))), ==, "ticket.comment");
  }
}

static void
test_resolved (Fixture       *f,
               gconstpointer  data)
{
  show (f, "LT-000131");

  /* Resolved: confirm it, or say it is not fixed (R5). */
  g_assert_true (lt_ticket_detail_get_allowed_actions (f->detail) & LT_CUSTOMER_ACTION_CONFIRM_CLOSURE);
  g_assert_true (lt_ticket_detail_get_allowed_actions (f->detail) & LT_CUSTOMER_ACTION_NOT_FIXED);
  assert_row (f, "Confirm Closure", TRUE, TRUE);
  assert_row (f, "Not Fixed", TRUE, TRUE);
  assert_row (f, "Reopen", FALSE, FALSE);
}

/* R5: reopen only while now < the end of the window; at the deadline the
 * row stays, insensitive, and points to a new ticket instead. */
static void
test_reopen_window (Fixture       *f,
                    gconstpointer  data)
{
  LtTicket *ticket;
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) before = NULL;

  show (f, "LT-000120");
  ticket = lt_ticket_detail_get_ticket (f->detail);
  until = lt_ticket_dup_reopen_until (ticket, lt_context_get_policy (f->app.context));
  /* Closed Friday 20 November 14:00 in Indianapolis; five business days
   * with Thanksgiving: Monday 30 November 14:00. */
  lt_assert_instant (until, "2026-11-30T19:00:00Z");

  assert_allowed (f, LT_CUSTOMER_ACTION_REOPEN);
  assert_row (f, "Reopen", TRUE, TRUE);
  assert_row (f, "Open a New Ticket", FALSE, FALSE);
  g_assert_true (g_str_has_prefix (subtitle_of (f, "Reopen"), "Possible until "));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.new-referencing", NULL) &&
                  lt_ticket_detail_get_dialog (f->detail) != NULL);

  before = g_date_time_add_seconds (until, -1);
  lt_clock_set_now (f->app.clock, before);
  lt_app_test_flush ();
  assert_row (f, "Reopen", TRUE, TRUE);

  lt_clock_set_now (f->app.clock, until);
  lt_app_test_flush ();
  assert_allowed (f, LT_CUSTOMER_ACTION_NEW_REFERENCING);
  assert_row (f, "Reopen", TRUE, FALSE);
  assert_row (f, "Open a New Ticket", TRUE, TRUE);
  g_assert_true (g_str_has_prefix (subtitle_of (f, "Reopen"), "The reopen window ended "));
  g_assert_nonnull (strstr (subtitle_of (f, "Reopen"), "open a new ticket referencing this one"));

  /* The disabled action does nothing; the new ticket opens the assistant
   * with the reference. */
  gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.reopen", NULL);
  g_assert_null (lt_ticket_detail_get_dialog (f->detail));
  gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.new-referencing", NULL);
  g_assert_nonnull (lt_ticket_detail_get_dialog (f->detail));
  g_assert_nonnull (lt_ui_find_row (lt_ticket_detail_get_dialog (f->detail), "Follows Up"));
  g_assert_true (gtk_widget_get_visible (lt_ui_find_row (lt_ticket_detail_get_dialog (f->detail), "Follows Up")));
}

/* A notification's "Escalate" (app.escalate-ticket): the ticket shown and
 * its escalate dialog open, as if the row had been activated. */
static void
test_escalate_from_notification (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *dialog;

  lt_tickets_page_activate_ticket_action (f->page, "LT-000137", "ticket.escalate");
  lt_app_test_flush ();
  g_assert_cmpstr (lt_ticket_get_id (lt_ticket_detail_get_ticket (f->detail)), ==, "LT-000137");
  dialog = lt_ticket_detail_get_dialog (f->detail);
  g_assert_true (LT_IS_TICKET_ACTION_DIALOG (dialog));
  g_assert_true (gtk_widget_get_visible (dialog));
}

/* R11: at level 3 there is no next level: the row says so and the action
 * is disabled. */
static void
test_escalate_at_top (Fixture       *f,
                      gconstpointer  data)
{
  LtStore *store = lt_context_get_store (f->app.context);
  g_autoptr(LtTicket) stored = lt_store_lookup_ticket (store, "LT-000137", NULL);
  g_autoptr(GDateTime) now = lt_clock_dup_now (f->app.clock);
  g_autoptr(GError) error = NULL;

  show (f, "LT-000137");
  g_assert_true (lt_ticket_detail_get_allowed_actions (f->detail) & LT_CUSTOMER_ACTION_ESCALATE);

  lt_ticket_set_escalation_level (stored, 2);
  g_assert_true (lt_store_upsert_ticket (store, stored, now, &error));
  g_assert_no_error (error);
  lt_app_test_flush ();
  g_assert_true (lt_ticket_detail_get_allowed_actions (f->detail) & LT_CUSTOMER_ACTION_ESCALATE);
  g_assert_cmpstr (subtitle_of (f, "Escalate"), ==, "Next: level 3, Chief Customer Officer");

  lt_ticket_set_escalation_level (stored, 3);
  g_assert_true (lt_store_upsert_ticket (store, stored, now, &error));
  g_assert_no_error (error);
  lt_app_test_flush ();
  g_assert_false (lt_ticket_detail_get_allowed_actions (f->detail) & LT_CUSTOMER_ACTION_ESCALATE);
  assert_row (f, "Escalate", TRUE, FALSE);
  g_assert_cmpstr (subtitle_of (f, "Escalate"), ==, "Already at level 3, the highest");
  gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.escalate", NULL);
  g_assert_null (lt_ticket_detail_get_dialog (f->detail));
}

static GPtrArray *
outbox_items (Fixture    *f,
              const char *kind)
{
  g_autoptr(GPtrArray) all = lt_outbox_list (lt_context_get_outbox (f->app.context), NULL);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (lt_outbox_item_get_kind (g_ptr_array_index (all, i)), kind))
      g_ptr_array_add (items, g_object_ref (g_ptr_array_index (all, i)));

  return items;
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static void
test_comment_dialog (Fixture       *f,
                     gconstpointer  data)
{
  LtTicketActionDialog *dialog;
  g_autoptr(GPtrArray) items = NULL;
  guint outbox_changed = 0;

  show (f, "LT-000139");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.comment", NULL));
  dialog = LT_TICKET_ACTION_DIALOG (lt_ticket_detail_get_dialog (f->detail));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Comment on LT-000139");

  /* A comment needs words. */
  g_assert_false (lt_ticket_action_dialog_can_apply (dialog));
  lt_ticket_action_dialog_set_text (dialog, "   ");
  g_assert_false (lt_ticket_action_dialog_can_apply (dialog));

  /* A secret is flagged before it leaves. */
  lt_ticket_action_dialog_set_text (dialog, "Config attached.\ndb_password = Tr0ub4dor&3");
  g_assert_true (lt_ticket_action_dialog_can_apply (dialog));
  g_assert_cmpstr (lt_ticket_action_dialog_get_warning (dialog), ==,
                   "Password on line 2 looks like a secret. LockThreat never needs it.");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "action-dialog.mask", NULL);
  g_assert_null (lt_ticket_action_dialog_get_warning (dialog));

  lt_ticket_action_dialog_set_text (dialog, "Here is the collector configuration.");
  g_signal_connect_swapped (f->app.context, "outbox-changed", G_CALLBACK (count_cb), &outbox_changed);
  /* What the button does: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_close (GTK_WINDOW (dialog));
  lt_app_test_flush ();

  /* One item, with the text, for this ticket; the history shows it. */
  items = outbox_items (f, LT_OUTBOX_KIND_TICKET_COMMENT);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (g_ptr_array_index (items, 0)),
                            "Here is the collector configuration."));
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (g_ptr_array_index (items, 0)), "LT-000139"));
  g_assert_cmpuint (outbox_changed, ==, 1);
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (f->detail), "Here is the collector configuration."));
  g_assert_null (lt_ticket_detail_get_dialog (f->detail));
}

static void
test_escalate_dialog (Fixture       *f,
                      gconstpointer  data)
{
  LtTicketActionDialog *dialog;
  g_autoptr(GPtrArray) items = NULL;

  show (f, "LT-000137");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.escalate", NULL));
  dialog = LT_TICKET_ACTION_DIALOG (lt_ticket_detail_get_dialog (f->detail));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Escalate to Level 1?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Support Team Leader"));

  /* R11: a reason is required. */
  g_assert_false (lt_ticket_action_dialog_can_apply (dialog));
  lt_ticket_action_dialog_set_text (dialog, "Branch policies are three days old.");
  g_assert_true (lt_ticket_action_dialog_can_apply (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  lt_app_test_flush ();

  items = outbox_items (f, LT_OUTBOX_KIND_TICKET_ESCALATE);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (g_ptr_array_index (items, 0)),
                            "Branch policies are three days old."));

  /* Shown at once: level 1 now, level 2 is next. */
  g_assert_cmpuint (lt_ticket_get_escalation_level (lt_ticket_detail_get_ticket (f->detail)), ==, 1);
  g_assert_cmpstr (subtitle_of (f, "Escalate"), ==, "Next: level 2, Director, Customer Experience");
}

static void
test_attach (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), "collector.log", NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "12:00 start\n12:01 aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
                                      -1, &error));

  /* The file chooser's path goes through the scanner first. */
  findings = lt_ui_scan_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpint (((LtSensitiveFinding *) g_ptr_array_index (findings, 0))->kind, ==,
                   LT_SENSITIVE_KIND_AWS_SECRET_KEY);

  show (f, "LT-000142");
  g_assert_true (lt_ticket_detail_attach_file (f->detail, path, &error));
  g_assert_no_error (error);
  items = outbox_items (f, LT_OUTBOX_KIND_TICKET_ATTACHMENT);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (g_ptr_array_index (items, 0)), "collector.log"));

  /* A closed ticket takes no file (R5). */
  show (f, "LT-000120");
  g_assert_false (lt_ticket_detail_attach_file (f->detail, path, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/ticket-actions/in-progress", Fixture, NULL, setup, test_in_progress, teardown);
  g_test_add ("/lt/app/ticket-actions/escalate-from-notification", Fixture, NULL, setup,
              test_escalate_from_notification, teardown);
  g_test_add ("/lt/app/ticket-actions/resolved", Fixture, NULL, setup, test_resolved, teardown);
  g_test_add ("/lt/app/ticket-actions/reopen-window", Fixture, NULL, setup, test_reopen_window, teardown);
  g_test_add ("/lt/app/ticket-actions/escalate-at-level-3", Fixture, NULL, setup, test_escalate_at_top, teardown);
  g_test_add ("/lt/app/ticket-actions/comment", Fixture, NULL, setup, test_comment_dialog, teardown);
  g_test_add ("/lt/app/ticket-actions/escalate", Fixture, NULL, setup, test_escalate_dialog, teardown);
  g_test_add ("/lt/app/ticket-actions/attach", Fixture, NULL, setup, test_attach, teardown);

  return g_test_run ();
}
