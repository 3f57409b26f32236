/* test-app-tickets.c: the Tickets page and the Overview over the demo
 * customer (lt-app-demo-data.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-tickets"

#include "config.h"

#include "lt-app-demo-data.h"
#include "lt-app-test-util.h"
#include "lt-overview-card.h"
#include "lt-overview-page.h"
#include "lt-test-util.h"
#include "lt-ticket-detail.h"
#include "lt-tickets-page.h"

typedef struct
{
  LtAppFixture  app;
  GtkWidget    *window;
  GtkWidget    *page;
} Fixture;

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
  f->page = g_object_new (GPOINTER_TO_SIZE (data) == 0 ? LT_TYPE_TICKETS_PAGE : LT_TYPE_OVERVIEW_PAGE,
                          "context", f->app.context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), f->page);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (f->window);
  lt_app_test_flush ();
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  lt_app_fixture_teardown (&f->app);
}

static GListModel *
shown (Fixture *f)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (lt_app_test_find_widget (f->page, GTK_TYPE_COLUMN_VIEW));

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static void
wait_for_list (Fixture *f)
{
  /* The sort model sorts incrementally; let it finish. */
  for (guint i = 0; i < 50; i++)
    lt_app_test_flush ();
}

static void
test_list_and_filters (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *search = lt_app_test_find_widget (f->page, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *state = lt_app_test_find_widget (f->page, GTK_TYPE_DROP_DOWN);

  wait_for_list (f);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 6);
  g_assert_nonnull (lt_app_test_find_label (f->page, "6 tickets"));
  g_assert_nonnull (lt_app_test_find_label (f->page, "LT-000142"));

  /* Live SLA verdicts from core: S1 opened 09:10, due 10:10, now 10:00. */
  g_assert_nonnull (lt_app_test_find_label (f->page, "At risk"));
  g_assert_nonnull (lt_app_test_find_label (f->page, "in 10 minutes"));
  g_assert_nonnull (lt_app_test_find_label (f->page, "Breached"));

  gtk_editable_set_text (GTK_EDITABLE (search), "export");
  g_signal_emit_by_name (search, "search-changed");
  wait_for_list (f);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2);
  g_assert_nonnull (lt_app_test_find_label (f->page, "2 tickets"));

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (state), 2);   /* Awaiting You */
  wait_for_list (f);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (search), "no such ticket");
  g_signal_emit_by_name (search, "search-changed");
  wait_for_list (f);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 0);
  g_assert_nonnull (lt_app_test_find_label (f->page, "No Matching Tickets"));
}

static guint
position_of (GListModel *model,
             const char *id)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtTicket) ticket = g_list_model_get_item (model, i);

      if (g_strcmp0 (lt_ticket_get_id (ticket), id) == 0)
        return i;
    }

  g_assert_not_reached ();
}

/* R10: the critical phone line only for S1 and security incidents; R11:
 * escalation suggested once the response SLA is breached. */
static void
test_detail (Fixture       *f,
             gconstpointer  data)
{
  LtPolicy *policy = lt_context_get_policy (f->app.context);
  const char *phone = lt_policy_get_critical_phone (policy);
  GtkSingleSelection *selection;
  GtkWidget *detail = lt_app_test_find_widget (f->page, LT_TYPE_TICKET_DETAIL);

  wait_for_list (f);
  selection = GTK_SINGLE_SELECTION (shown (f));

  gtk_single_selection_set_selected (selection, position_of (shown (f), "LT-000142"));
  lt_app_test_flush ();
  g_assert_true (gtk_widget_get_visible (detail));
  g_assert_nonnull (lt_app_test_find_label (detail, "Suspicious logins on the management console"));
  g_assert_nonnull (lt_app_test_find_label (detail, phone));
  g_assert_null (lt_app_test_find_label (detail, "Escalation Suggested"));

  gtk_single_selection_set_selected (selection, position_of (shown (f), "LT-000137"));
  lt_app_test_flush ();
  g_assert_null (lt_app_test_find_label (detail, phone));
  g_assert_nonnull (lt_app_test_find_label (detail, "Escalation Suggested"));
  g_assert_nonnull (lt_app_test_find_label (detail, "Breached"));

  /* Awaiting the customer: the auto-close date (R5) and the history. */
  gtk_single_selection_set_selected (selection, position_of (shown (f), "LT-000139"));
  lt_app_test_flush ();
  g_assert_nonnull (lt_app_test_find_label (detail, "Closes Automatically"));
  g_assert_nonnull (lt_app_test_find_label (detail, "Thanks for the logs. Could you send the collector configuration as well?"));
}

static void
test_overview (Fixture       *f,
               gconstpointer  data)
{
  g_auto(GStrv) titles = NULL;
  LtOverviewCard *maintenance = NULL;

  lt_overview_page_refresh (LT_OVERVIEW_PAGE (f->page));
  titles = lt_overview_page_dup_attention_titles (LT_OVERVIEW_PAGE (f->page));

  /* Most urgent first: the unpaid invoice and the unsupported Lab. */
  g_assert_cmpstr (titles[0], ==, "An invoice is unpaid for more than the policy allows");
  g_assert_true (g_strv_contains ((const char * const *) titles, "Lab runs an unsupported version"));
  g_assert_true (g_strv_contains ((const char * const *) titles,
                                  "The next release ends support for Disaster recovery"));
  g_assert_true (g_strv_contains ((const char * const *) titles, "1 submission is waiting to be sent"));

  /* Tickets: SLA breached and at risk (R4), waiting for the customer with
   * the auto-close date (R5). */
  g_assert_true (g_strv_contains ((const char * const *) titles, "LT-000137 is past its response time"));
  g_assert_true (g_strv_contains ((const char * const *) titles, "LT-000142: response due in 10 minutes"));
  g_assert_true (g_strv_contains ((const char * const *) titles, "LT-000139 is waiting for your answer"));
  g_assert_true (g_strv_contains ((const char * const *) titles,
                                  "LT-000131 was resolved: confirm it or say it is not fixed"));
  g_assert_false (g_strv_contains ((const char * const *) titles, "LT-000120 is waiting for your answer"));

  {
    LtOverviewCard *tickets = LT_OVERVIEW_CARD (gtk_widget_get_ancestor (lt_app_test_find_label (f->page, "Open Tickets"),
                                                                         LT_TYPE_OVERVIEW_CARD));

    /* 142, 139, 137, 131 and the feature request 118; 120 is closed. */
    g_assert_cmpstr (lt_overview_card_get_value (tickets), ==, "5 open");
    g_assert_cmpstr (lt_overview_card_get_detail (tickets), ==, "1 breached · 1 at risk");
  }

  g_assert_nonnull (lt_app_test_find_label (f->page, "Northwind Logistics"));
  g_assert_nonnull (lt_app_test_find_label (f->page, "Enterprise support"));

  maintenance = LT_OVERVIEW_CARD (gtk_widget_get_ancestor (lt_app_test_find_label (f->page, "Next Maintenance"),
                                                           LT_TYPE_OVERVIEW_CARD));
  g_assert_nonnull (strstr (lt_overview_card_get_detail (maintenance), "Emergency maintenance"));
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/tickets/list-and-filters", Fixture, GSIZE_TO_POINTER (0), setup,
              test_list_and_filters, teardown);
  g_test_add ("/lt/app/tickets/detail", Fixture, GSIZE_TO_POINTER (0), setup, test_detail, teardown);
  g_test_add ("/lt/app/overview/demo-customer", Fixture, GSIZE_TO_POINTER (1), setup, test_overview, teardown);

  return g_test_run ();
}
