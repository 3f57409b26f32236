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
#include "lt-overview-card-private.h"
#include "lt-overview-page.h"
#include "lt-overview-page-private.h"
#include "lt-store-tickets.h"
#include "lt-test-util.h"
#include "lt-installation-dialog.h"
#include "lt-ticket-detail.h"
#include "lt-tickets-page.h"

#include <string.h>

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
  lt_app_fixture_setup_demo (&f->app, LT_APP_DEMO_NOW);
  f->page = g_object_new (GPOINTER_TO_SIZE (data) == 0 ? LT_TYPE_TICKETS_PAGE : LT_TYPE_OVERVIEW_PAGE,
                          "context", f->app.context, NULL);
  f->window = lt_app_test_present_in_window (f->page, 1200, 900);
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
test_list_and_filters (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *search = lt_app_test_find_widget (f->page, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *state = lt_app_test_find_widget (f->page, GTK_TYPE_DROP_DOWN);

  lt_app_test_settle (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 6);
  g_assert_nonnull (lt_app_test_find_label (f->page, "6 tickets"));
  g_assert_nonnull (lt_app_test_find_label (f->page, "LT-000142"));

  /* Live SLA verdicts from core: S1 opened 09:10, due 10:10, now 10:00. */
  g_assert_nonnull (lt_app_test_find_label (f->page, "At risk"));
  g_assert_nonnull (lt_app_test_find_label (f->page, "in 10 business minutes · today 04:55"));
  g_assert_nonnull (lt_app_test_find_label (f->page, "Breached"));

  gtk_editable_set_text (GTK_EDITABLE (search), "export");
  g_signal_emit_by_name (search, "search-changed");
  lt_app_test_settle (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 2);
  g_assert_nonnull (lt_app_test_find_label (f->page, "2 tickets"));

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (state), 2);   /* Awaiting You */
  lt_app_test_settle (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, 1);

  gtk_editable_set_text (GTK_EDITABLE (search), "no such ticket");
  g_signal_emit_by_name (search, "search-changed");
  lt_app_test_settle (f->window);
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

  lt_app_test_settle (f->window);
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

/* The detail builds its ticket page when it first shows a ticket, not
 * with the Tickets page: none can be chosen before the list is read
 * (docs/app.md "Start-up"). Built then, it shows the ticket in full. */
static void
test_detail_built_when_shown (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *detail = lt_app_test_find_widget (f->page, LT_TYPE_TICKET_DETAIL);
  GtkSingleSelection *selection;

  /* The first frame, and the list read: the status only. */
  g_assert_nonnull (lt_app_test_find_label (detail, "No Ticket Selected"));
  g_assert_null (lt_app_test_find_label (detail, "What You Can Do Now"));
  lt_app_test_settle (f->window);
  g_assert_null (lt_app_test_find_label (detail, "What You Can Do Now"));

  selection = GTK_SINGLE_SELECTION (shown (f));
  gtk_single_selection_set_selected (selection, position_of (shown (f), "LT-000142"));
  lt_app_test_flush ();
  g_assert_nonnull (lt_app_test_find_label (detail, "What You Can Do Now"));
  g_assert_nonnull (lt_app_test_find_label (detail, "LT-000142"));
  g_assert_nonnull (lt_app_test_find_label (detail, "Suspicious logins on the management console"));
  g_assert_nonnull (lt_app_test_find_label (detail, "History"));
  g_assert_true (lt_ticket_detail_get_ticket (LT_TICKET_DETAIL (detail)) != NULL);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (lt_app_test_find_label (detail, "What You Can Do Now"))));
}

static void
collect_ids (GtkWidget *widget,
             GString   *ids)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "LT-"))
    {
      if (ids->len > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, gtk_label_get_text (GTK_LABEL (widget)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_ids (child, ids);
}

/* The ID column as the column view shows it, top to bottom: its rows are
 * its children in the order of their positions. */
static char *
visible_ids (Fixture *f)
{
  GString *ids = g_string_new (NULL);

  collect_ids (lt_app_test_find_widget (f->page, GTK_TYPE_COLUMN_VIEW), ids);
  return g_string_free (ids, FALSE);
}

/* The same, read from the model the view shows. */
static char *
model_ids (Fixture *f)
{
  GListModel *model = shown (f);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LtTicket) ticket = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append_c (ids, ',');
      g_string_append (ids, lt_ticket_get_id (ticket));
    }
  return g_string_free (ids, FALSE);
}

#define assert_shown(f, expected) \
  G_STMT_START { \
    g_autofree char *as_visible = visible_ids (f); \
    g_autofree char *as_model = model_ids (f); \
    g_assert_cmpstr (as_visible, ==, (expected)); \
    g_assert_cmpstr (as_model, ==, (expected)); \
  } G_STMT_END

static void
sort_by (Fixture     *f,
         const char  *title,
         GtkSortType  direction)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (lt_app_test_find_widget (f->page, GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) column = NULL;

  for (guint i = 0; title != NULL && column == NULL && i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) candidate = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (candidate), title) == 0)
        column = g_steal_pointer (&candidate);
    }
  g_assert_true (title == NULL || column != NULL);

  /* What a click on the header does. */
  gtk_column_view_sort_by_column (view, column, direction);
  lt_app_test_settle (f->window);
}

/* A click on a column header orders the table by that column (the
 * store's list sorts its rows; GTK 4.8 does not say which column, the
 * page finds out); a second click reverses it; the selected ticket stays
 * selected; a search keeps the order and shows the right count. */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *search = lt_app_test_find_widget (f->page, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *detail = lt_app_test_find_widget (f->page, LT_TYPE_TICKET_DETAIL);
  GtkSingleSelection *selection;
  LtTicket *selected;

  lt_app_test_settle (f->window);
  selection = GTK_SINGLE_SELECTION (shown (f));
  /* Newest opening first. */
  assert_shown (f, "LT-000142,LT-000137,LT-000139,LT-000131,LT-000120,LT-000118");
  gtk_single_selection_set_selected (selection, position_of (shown (f), "LT-000131"));
  lt_app_test_flush ();

  sort_by (f, "Title", GTK_SORT_ASCENDING);
  assert_shown (f, "LT-000137,LT-000120,LT-000131,LT-000118,LT-000139,LT-000142");
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (selected);
  g_assert_cmpstr (lt_ticket_get_id (selected), ==, "LT-000131");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  g_assert_nonnull (lt_app_test_find_label (detail, "Dashboard widgets load slowly for large sites"));

  sort_by (f, "Title", GTK_SORT_DESCENDING);
  assert_shown (f, "LT-000142,LT-000139,LT-000118,LT-000131,LT-000120,LT-000137");

  /* Most urgent first, by core's verdict at 10:00 on Monday 30 November:
   * breached, at risk, then the three met (newest opening first), then
   * the feature request, which has no target. */
  sort_by (f, "SLA", GTK_SORT_ASCENDING);
  assert_shown (f, "LT-000137,LT-000142,LT-000139,LT-000131,LT-000120,LT-000118");

  sort_by (f, "ID", GTK_SORT_ASCENDING);
  assert_shown (f, "LT-000118,LT-000120,LT-000131,LT-000137,LT-000139,LT-000142");

  /* A search keeps the order; the count is the matches'. */
  sort_by (f, "Title", GTK_SORT_ASCENDING);
  gtk_editable_set_text (GTK_EDITABLE (search), "export");
  g_signal_emit_by_name (search, "search-changed");
  lt_app_test_settle (f->window);
  assert_shown (f, "LT-000118,LT-000139");
  g_assert_nonnull (lt_app_test_find_label (f->page, "2 tickets"));

  sort_by (f, "Title", GTK_SORT_DESCENDING);
  assert_shown (f, "LT-000139,LT-000118");
  g_assert_nonnull (lt_app_test_find_label (f->page, "2 tickets"));

  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  lt_app_test_settle (f->window);
  assert_shown (f, "LT-000142,LT-000139,LT-000118,LT-000131,LT-000120,LT-000137");
  g_assert_nonnull (lt_app_test_find_label (f->page, "6 tickets"));

  /* No sort column: the list's own order again. */
  sort_by (f, NULL, GTK_SORT_ASCENDING);
  assert_shown (f, "LT-000142,LT-000137,LT-000139,LT-000131,LT-000120,LT-000118");
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
  g_assert_true (g_strv_contains ((const char * const *) titles, "LT-000142: response due in 10 business minutes · today 04:55"));
  g_assert_true (g_strv_contains ((const char * const *) titles, "LT-000139 is waiting for your answer"));
  g_assert_true (g_strv_contains ((const char * const *) titles,
                                  "LT-000131 was resolved: confirm it or say it is not fixed"));
  g_assert_false (g_strv_contains ((const char * const *) titles, "LT-000120 is waiting for your answer"));

  {
    LtOverviewCard *tickets = LT_OVERVIEW_CARD (gtk_widget_get_ancestor (lt_app_test_find_label (f->page, "Open Tickets"),
                                                                         LT_TYPE_OVERVIEW_CARD));

    /* 142, 139, 137, 131 and the feature request 118; 120 is closed. */
    g_assert_cmpstr (lt_overview_card_get_value (tickets), ==, "5 open");
    g_assert_cmpstr (lt_overview_card_get_detail (tickets), ==, "1 breached · 1 at risk · 2 met");
  }

  g_assert_nonnull (lt_app_test_find_label (f->page, "Northwind Logistics"));
  g_assert_nonnull (lt_app_test_find_label (f->page, "Enterprise support"));

  maintenance = LT_OVERVIEW_CARD (gtk_widget_get_ancestor (lt_app_test_find_label (f->page, "Next Maintenance"),
                                                           LT_TYPE_OVERVIEW_CARD));
  g_assert_nonnull (strstr (lt_overview_card_get_detail (maintenance), "Emergency maintenance"));
}

/* A bad morning is a few rows, not one per ticket: three named, the rest
 * counted. */
static void
test_overview_many_breached (Fixture       *f,
                             gconstpointer  data)
{
  LtStore *store = lt_context_get_store (f->app.context);
  g_autoptr(LtTicket) breached = NULL;
  g_autoptr(GDateTime) now = lt_clock_dup_now (f->app.clock);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) titles = NULL;
  guint named = 0;

  breached = lt_store_lookup_ticket (store, "LT-000137", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("LT-00020%u", i);
      g_autoptr(LtTicket) copy = lt_ticket_new ();

      lt_ticket_set_id (copy, id);
      lt_ticket_set_title (copy, lt_ticket_get_title (breached));
      lt_ticket_set_severity (copy, lt_ticket_get_severity (breached));
      lt_ticket_set_state (copy, lt_ticket_get_state (breached));
      lt_ticket_set_opened_at (copy, lt_ticket_get_opened_at (breached));
      g_assert_true (lt_store_upsert_ticket (store, copy, now, &error));
      g_assert_no_error (error);
    }

  lt_overview_page_refresh (LT_OVERVIEW_PAGE (f->page));
  titles = lt_overview_page_dup_attention_titles (LT_OVERVIEW_PAGE (f->page));
  for (guint i = 0; titles[i] != NULL; i++)
    if (g_str_has_suffix (titles[i], " is past its response time"))
      named++;
  g_assert_cmpuint (named, ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) titles, "3 more tickets are past their response time"));

  {
    LtOverviewCard *tickets = LT_OVERVIEW_CARD (gtk_widget_get_ancestor (lt_app_test_find_label (f->page, "Open Tickets"),
                                                                         LT_TYPE_OVERVIEW_CARD));

    g_assert_cmpstr (lt_overview_card_get_value (tickets), ==, "10 open");
    g_assert_cmpstr (lt_overview_card_get_detail (tickets), ==, "6 breached · 1 at risk · 2 met");
  }
}

/* The window comes before the tickets: the pages say they are reading,
 * then show them, without anyone refreshing by hand. */
static void
test_pages_while_reading (Fixture       *f,
                          gconstpointer  data)
{
  const char *path = lt_store_get_path (lt_context_get_store (f->app.context));
  g_autoptr(GError) error = NULL;
  g_autoptr(LtContext) context = lt_context_new (f->app.clock, f->app.settings, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *overview;
  GtkWidget *tickets;
  LtOverviewCard *card;

  g_assert_no_error (error);
  g_assert_true (lt_context_open_store (context, path, &error));
  g_assert_no_error (error);
  g_assert_true (lt_ticket_list_get_loading (lt_context_get_tickets (context)));

  overview = g_object_new (LT_TYPE_OVERVIEW_PAGE, "context", context, NULL);
  tickets = g_object_new (LT_TYPE_TICKETS_PAGE, "context", context, NULL);
  gtk_box_append (GTK_BOX (box), overview);
  gtk_box_append (GTK_BOX (box), tickets);
  gtk_window_set_child (GTK_WINDOW (window), box);

  card = LT_OVERVIEW_CARD (gtk_widget_get_ancestor (lt_app_test_find_label (overview, "Open Tickets"),
                                                    LT_TYPE_OVERVIEW_CARD));
  g_assert_cmpstr (lt_overview_card_get_value (card), ==, "…");
  {
    GtkWidget *status = gtk_widget_get_ancestor (lt_app_test_find_label (tickets, "Reading Tickets…"),
                                                 ADW_TYPE_STATUS_PAGE);

    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (status))), ==, "empty");
  }

  lt_app_test_wait_tickets_read (context);
  lt_app_test_flush ();
  g_assert_cmpstr (lt_overview_card_get_value (card), ==, "5 open");
  g_assert_cmpstr (lt_overview_card_get_detail (card), ==, "1 breached · 1 at risk · 2 met");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lt_context_get_tickets (context))), >, 0);
  {
    GtkWidget *status = gtk_widget_get_ancestor (lt_app_test_find_label (tickets, "Reading Tickets…"),
                                                 ADW_TYPE_STATUS_PAGE);
    GtkStack *stack = GTK_STACK (gtk_widget_get_parent (status));

    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Issue 10, point 1: a ticket a pre-fix sync stored with
 * "opened_at": "0001-01-01T00:00:00Z" (year 0 in the vendor's zone) made
 * the app die at every start. The list, its SLA column, the overview and
 * the detail now show "invalid date" and no SLA. */
static void
test_bad_dates (Fixture       *f,
                gconstpointer  data)
{
  LtStore *store = lt_context_get_store (f->app.context);
  g_autoptr(GDateTime) now = lt_clock_dup_now (f->app.clock);
  g_autoptr(GDateTime) year_1 = g_date_time_new_utc (1, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) year_9999 = g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
  GDateTime *times[] = { year_1, year_9999 };
  static const char * const ids[] = { "LT-000301", "LT-000302" };
  g_autoptr(GError) error = NULL;
  GtkWidget *detail = lt_app_test_find_widget (f->page, LT_TYPE_TICKET_DETAIL);
  GtkSingleSelection *selection;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(LtTicket) ticket = lt_ticket_new ();

      lt_ticket_set_id (ticket, ids[i]);
      lt_ticket_set_title (ticket, "Odd date");
      lt_ticket_set_severity (ticket, LT_SEVERITY_S1);
      lt_ticket_set_state (ticket, i == 0 ? LT_TICKET_STATE_SUBMITTED : LT_TICKET_STATE_RESOLVED);
      lt_ticket_set_opened_at (ticket, times[i]);
      lt_ticket_set_updated_at (ticket, now);
      if (i == 1)
        lt_ticket_set_resolved_at (ticket, times[i]);
      g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
      g_assert_no_error (error);
    }

  lt_app_test_settle (f->window);
  selection = GTK_SINGLE_SELECTION (shown (f));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      gtk_single_selection_set_selected (selection, position_of (shown (f), ids[i]));
      lt_app_test_flush ();
      gtk_test_widget_wait_for_draw (f->window);
      g_assert_true (gtk_widget_get_visible (detail));
      g_assert_nonnull (lt_app_test_find_label (detail, "invalid date"));
      g_assert_null (lt_app_test_find_label (detail, "Closes Automatically"));
    }
}

/* The preferences row titled @title under @root, or NULL. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a label under @root shows a text (markup already applied) that
 * contains @text. */
static gboolean
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label_containing (child, text))
      return TRUE;
  return FALSE;
}

/* Text from the portal is shown literally: a ticket title, a comment and
 * its author that look like Pango markup are neither interpreted nor
 * refused (a refused markup string logs a warning, which fails the test),
 * and neither is a version the user types in the installation dialog,
 * quoted back in the dialog's verdict. */
#define MARKUP_LOOKALIKE "<b>x</b> & <i"

static void
test_literal_text (Fixture       *f,
                   gconstpointer  data)
{
  LtStore *store = lt_context_get_store (f->app.context);
  GtkWidget *detail = lt_app_test_find_widget (f->page, LT_TYPE_TICKET_DETAIL);
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-20T15:00:00Z");
  g_autoptr(LtTicketEvent) comment = lt_ticket_event_new_comment (opened, "<i>Eve & co",
                                                                  "Comment " MARKUP_LOOKALIKE);
  LtTicketEvent *events[] = { comment };
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkWidget *version_row;
  GtkWidget *status_row;

  lt_app_test_settle (f->window);
  lt_ticket_set_id (ticket, "LT-000901");
  lt_ticket_set_title (ticket, MARKUP_LOOKALIKE);
  lt_ticket_set_description (ticket, "Description " MARKUP_LOOKALIKE);
  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, LT_TICKET_STATE_IN_PROGRESS);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, opened);
  lt_store_upsert_ticket (store, ticket, opened, &error);
  g_assert_no_error (error);
  lt_store_replace_ticket_events (store, ticket, events, 1, &error);
  g_assert_no_error (error);
  lt_app_test_flush ();

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (shown (f)), position_of (shown (f), "LT-000901"));
  lt_app_test_flush ();
  g_assert_true (gtk_widget_get_visible (detail));
  g_assert_nonnull (lt_app_test_find_label (detail, MARKUP_LOOKALIKE));
  g_assert_nonnull (lt_app_test_find_label (detail, "Comment " MARKUP_LOOKALIKE));
  g_assert_null (lt_app_test_find_label (detail, "x"));

  dialog = lt_installation_dialog_new (f->app.context, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  version_row = find_row (dialog, "Installed Version");
  status_row = find_row (dialog, "Support Status");
  g_assert_nonnull (version_row);
  g_assert_nonnull (status_row);
  gtk_editable_set_text (GTK_EDITABLE (version_row), MARKUP_LOOKALIKE);
  lt_app_test_flush ();
  /* The verdict quotes the typed text as it was typed: shown literally. */
  g_assert_nonnull (lt_app_test_find_label (status_row, "Not a version"));
  {
    g_autofree char *quoted = g_strdup_printf ("“%s” is not a version", MARKUP_LOOKALIKE);

    g_assert_true (find_label_containing (status_row, quoted));
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/tickets/list-and-filters", Fixture, GSIZE_TO_POINTER (0), setup,
              test_list_and_filters, teardown);
  g_test_add ("/lt/app/tickets/detail", Fixture, GSIZE_TO_POINTER (0), setup, test_detail, teardown);
  g_test_add ("/lt/app/tickets/detail-built-when-shown", Fixture, GSIZE_TO_POINTER (0), setup,
              test_detail_built_when_shown, teardown);
  g_test_add ("/lt/app/tickets/literal-text", Fixture, GSIZE_TO_POINTER (0), setup, test_literal_text,
              teardown);
  g_test_add ("/lt/app/tickets/sort", Fixture, GSIZE_TO_POINTER (0), setup, test_sort, teardown);
  g_test_add ("/lt/app/tickets/bad-dates", Fixture, GSIZE_TO_POINTER (0), setup, test_bad_dates, teardown);
  g_test_add ("/lt/app/overview/demo-customer", Fixture, GSIZE_TO_POINTER (1), setup, test_overview, teardown);

  g_test_add ("/lt/app/overview/many-breached", Fixture, GSIZE_TO_POINTER (1), setup,
              test_overview_many_breached, teardown);
  g_test_add ("/lt/app/overview/pages-while-reading", Fixture, GSIZE_TO_POINTER (1), setup,
              test_pages_while_reading, teardown);
  return g_test_run ();
}
