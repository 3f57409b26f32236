/* test-app-ticket-rows.c: the Tickets page keeps its row widgets
 *
 * Over a few thousand tickets (more than the ~200 rows GTK 4.8 builds), a
 * search, a state filter and a new order change what most rows show: the
 * column view's factories must build no row and destroy none (GTK keeps a
 * row only for the same item, and the page's items are one slot per
 * position), the cells show the new tickets, and the selected ticket
 * stays selected where it went, or gives way to the first match when the
 * search hides it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-ticket-rows"

#include "config.h"

#include "lt-app-test-util.h"
#include "lt-store-account.h"
#include "lt-store-tickets.h"
#include "lt-test-util.h"
#include "lt-ticket-detail.h"
#include "lt-ticket-detail-private.h"
#include "lt-ticket-slot-model.h"
#include "lt-tickets-page.h"
#include "lt-tickets-page-private.h"

#define N_TICKETS 3000
#define NOW "2026-11-30T15:00:00Z"

typedef struct
{
  LtAppFixture   app;
  GtkWidget     *window;
  LtTicketsPage *page;
  guint          setups;
  guint          teardowns;
} Fixture;

static char *seeded_path;

/* Ticket i is LT-(i+1), opened 7 minutes after ticket i-1 (the newest
 * first in the list's own order); every tenth title says "disk". */
static void
seed (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = lt_store_open (path, NULL, &error);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) now = lt_test_instant (NOW);
  g_autoptr(LtAccount) account = lt_account_new ();

  g_assert_no_error (error);
  tx = lt_store_begin (store, &error);
  g_assert_no_error (error);
  lt_account_set_customer_name (account, "Rows Inc.");
  lt_account_set_tier (account, LT_TIER_ENTERPRISE);
  g_assert_true (lt_store_save_account (store, account, now, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_TICKETS; i++)
    {
      g_autoptr(LtTicket) ticket = lt_ticket_new ();
      g_autofree char *id = g_strdup_printf ("LT-%06u", i + 1);
      g_autofree char *title = g_strdup_printf ("%s %u", i % 10 == 0 ? "Collector reports a disk timeout" :
                                                "Agent restarts after log rotation", i);
      g_autoptr(GDateTime) opened = g_date_time_add_minutes (now, -(gint) (N_TICKETS - i) * 7);

      lt_ticket_set_id (ticket, id);
      lt_ticket_set_title (ticket, title);
      lt_ticket_set_severity (ticket, (LtSeverity) (i % 3));
      lt_ticket_set_category (ticket, "troubleshooting");
      lt_ticket_set_state (ticket, i % 2 == 0 ? LT_TICKET_STATE_IN_PROGRESS : LT_TICKET_STATE_SUBMITTED);
      lt_ticket_set_opened_at (ticket, opened);
      lt_ticket_set_updated_at (ticket, opened);
      if (!lt_store_upsert_ticket (store, ticket, now, &error))
        g_assert_no_error (error);
    }
  g_assert_true (lt_store_transaction_commit (tx, &error));
  g_assert_no_error (error);
}

static void
setup_cb (GtkListItemFactory *factory,
          GtkListItem        *item,
          Fixture            *f)
{
  f->setups++;
}

static void
teardown_cb (GtkListItemFactory *factory,
             GtkListItem        *item,
             Fixture            *f)
{
  f->teardowns++;
}

static GtkColumnView *
column_view (Fixture *f)
{
  return GTK_COLUMN_VIEW (lt_app_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW));
}

static GtkSingleSelection *
selection (Fixture *f)
{
  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view (f)));
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *columns;

  lt_app_fixture_setup (&f->app, NOW, FALSE);
  if (seeded_path == NULL)
    {
      seeded_path = g_build_filename (lt_app_test_get_scratch_dir (), "rows", "support.db", NULL);
      seed (seeded_path);
    }
  g_assert_true (lt_context_open_store (f->app.context, seeded_path, &error));
  g_assert_no_error (error);
  lt_app_test_wait_tickets_read (f->app.context);

  f->window = gtk_window_new ();
  f->page = g_object_new (LT_TYPE_TICKETS_PAGE, "context", f->app.context, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 900);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_test_widget_wait_for_draw (f->window);
  lt_app_test_flush ();

  /* Counted from here on: the rows of the first look are built. */
  columns = gtk_column_view_get_columns (column_view (f));
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), f);
      g_signal_connect (factory, "teardown", G_CALLBACK (teardown_cb), f);
    }
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  GListModel *columns = gtk_column_view_get_columns (column_view (f));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_signal_handlers_disconnect_by_data (gtk_column_view_column_get_factory (column), f);
    }
  gtk_window_destroy (GTK_WINDOW (f->window));
  lt_app_fixture_teardown (&f->app);
}

static void
search_for (Fixture    *f,
            const char *text)
{
  GtkWidget *search = lt_app_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  g_signal_emit_by_name (search, "search-changed");
  lt_app_test_flush ();
  gtk_test_widget_wait_for_draw (f->window);
}

static char *
id_at (Fixture *f,
       guint    position)
{
  g_autoptr(LtTicket) ticket = g_list_model_get_item (G_LIST_MODEL (selection (f)), position);

  g_assert_nonnull (ticket);
  return g_strdup (lt_ticket_get_id (ticket));
}

static const char *
detail_id (Fixture *f)
{
  LtTicketDetail *detail = LT_TICKET_DETAIL (lt_app_test_find_widget (GTK_WIDGET (f->page),
                                                                       LT_TYPE_TICKET_DETAIL));
  LtTicket *ticket = lt_ticket_detail_get_ticket (detail);

  return ticket != NULL ? lt_ticket_get_id (ticket) : NULL;
}

/* A search, a filter and a new order over thousands of tickets build no
 * row and destroy none; the rows show the new tickets. */
static void
test_no_rows_built (Fixture       *f,
                    gconstpointer  data)
{
  GtkColumnView *view = column_view (f);
  g_autoptr(LtTicket) first = g_list_model_get_item (G_LIST_MODEL (selection (f)), 0);
  g_autofree char *top = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection (f))), ==, N_TICKETS);
  g_assert_cmpstr (lt_ticket_get_id (first), ==, "LT-003000");

  search_for (f, "disk");
  g_assert_cmpuint (f->setups, ==, 0);
  g_assert_cmpuint (f->teardowns, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection (f))), ==, N_TICKETS / 10);
  top = id_at (f, 0);
  g_assert_cmpstr (top, ==, "LT-002991");
  /* The row at the top is the same widget's, and shows the new ticket. */
  g_assert_cmpstr (lt_ticket_get_id (first), ==, "LT-002991");
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (view), "LT-002991"));
  g_assert_null (lt_app_test_find_label (GTK_WIDGET (view), "LT-003000"));

  search_for (f, "disk t");
  search_for (f, "");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (lt_app_test_find_widget (GTK_WIDGET (f->page),
                                                                      GTK_TYPE_DROP_DOWN)),
                              LT_TICKETS_FILTER_OPEN);
  lt_app_test_flush ();
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  {
    GListModel *columns = gtk_column_view_get_columns (view);
    g_autoptr(GtkColumnViewColumn) id_column = g_list_model_get_item (columns, 0);

    gtk_column_view_sort_by_column (view, id_column, GTK_SORT_ASCENDING);
  }
  lt_app_test_flush ();
  gtk_test_widget_wait_for_draw (f->window);
  g_assert_cmpstr (lt_ticket_get_id (first), ==, "LT-000001");
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (view), "LT-000001"));

  g_assert_cmpuint (f->setups, ==, 0);
  g_assert_cmpuint (f->teardowns, ==, 0);
}

/* The selection follows the selected ticket, not its position: a search
 * that keeps it selects it where it went; one that hides it selects the
 * first match, and the detail shows what is selected. */
static void
test_selection_follows_ticket (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *selected = NULL;
  g_autofree char *first = NULL;

  /* LT-002981 (a "disk" title) is at position 19 of all the tickets and
   * at 1 of the disk ones. */
  lt_tickets_page_select_position (f->page, 19);
  lt_app_test_flush ();
  selected = id_at (f, 19);
  g_assert_cmpstr (selected, ==, "LT-002981");
  g_assert_cmpstr (detail_id (f), ==, "LT-002981");

  search_for (f, "disk");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (f)), ==, 1);
  g_assert_cmpstr (lt_ticket_get_id (gtk_single_selection_get_selected_item (selection (f))), ==, "LT-002981");
  g_assert_cmpstr (detail_id (f), ==, "LT-002981");

  /* Back to everything: it is at 19 again. */
  search_for (f, "");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (f)), ==, 19);
  g_assert_cmpstr (detail_id (f), ==, "LT-002981");

  /* Hidden by the search: the first match, at the selected position 0
   * after selecting the top ticket. */
  lt_tickets_page_select_position (f->page, 0);
  lt_app_test_flush ();
  g_assert_cmpstr (detail_id (f), ==, "LT-003000");
  search_for (f, "disk");
  first = id_at (f, 0);
  g_assert_cmpstr (first, ==, "LT-002991");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (f)), ==, 0);
  g_assert_cmpstr (detail_id (f), ==, "LT-002991");

  /* Nothing matches: nothing selected, no detail. */
  search_for (f, "no such ticket");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection (f))), ==, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (f)), ==, GTK_INVALID_LIST_POSITION);
  g_assert_null (detail_id (f));
}

/* The rows in view show the new tickets at once; the rows GTK keeps
 * built out of view (most of them) follow once typing pauses, so a
 * keystroke does not measure and shape their ~1,400 labels. Row 150 is
 * built (GTK 4.8 builds ~200 from the top) but out of a 900-pixel view. */
static void
test_rows_out_of_view_later (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (column_view (f));
  GtkWidget *search = lt_app_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);
  g_autofree char *at_150 = id_at (f, 150);
  gint64 deadline;

  g_assert_cmpstr (at_150, ==, "LT-002850");
  g_assert_nonnull (lt_app_test_find_label (view, "LT-002850"));

  /* Read as the search returns, before the main loop runs again. */
  gtk_editable_set_text (GTK_EDITABLE (search), "disk");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_nonnull (lt_app_test_find_label (view, "LT-002991"));
  g_assert_nonnull (lt_app_test_find_label (view, "LT-002850"));
  g_assert_null (lt_app_test_find_label (view, "LT-001491"));

  /* Typing paused: they follow, a few at a time. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (lt_app_test_find_label (view, "LT-001491") == NULL && g_get_monotonic_time () < deadline)
    {
      g_usleep (20 * 1000);
      lt_app_test_flush ();
    }
  g_assert_nonnull (lt_app_test_find_label (view, "LT-001491"));
  g_assert_null (lt_app_test_find_label (view, "LT-002850"));
}

/* The whole list, its top ticket selected, then "disk" typed, which
 * hides it; read as the search returns. */
static void
type_disk_from_top (Fixture *f)
{
  GtkWidget *search = lt_app_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);

  search_for (f, "");
  lt_tickets_page_select_position (f->page, 0);
  lt_app_test_flush ();
  gtk_editable_set_text (GTK_EDITABLE (search), "disk");
  g_signal_emit_by_name (search, "search-changed");
}

/* Typing a search that hides the selected ticket selects the first match
 * at once, but the detail lays it out only once typing pauses: until
 * then it shows the ticket before, and nothing can be done from it. A
 * ticket the page is asked to show is shown at once. */
static void
test_detail_waits_for_typing (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *search = lt_app_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);
  LtTicketDetail *detail = LT_TICKET_DETAIL (lt_app_test_find_widget (GTK_WIDGET (f->page),
                                                                       LT_TYPE_TICKET_DETAIL));
  gint64 deadline;

  lt_tickets_page_select_position (f->page, 0);
  lt_app_test_flush ();
  g_assert_cmpstr (detail_id (f), ==, "LT-003000");
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (detail), "LT-003000"));
  g_assert_cmpuint (lt_ticket_detail_get_allowed_actions (detail) & LT_CUSTOMER_ACTION_COMMENT, !=, 0);

  /* Read as the search returns, typing going on. */
  gtk_editable_set_text (GTK_EDITABLE (search), "disk");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection (f)), ==, 0);
  g_assert_cmpstr (detail_id (f), ==, "LT-002991");
  g_assert_true (lt_ticket_detail_get_held (detail));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (detail), "LT-003000"));
  g_assert_null (lt_app_test_find_label (GTK_WIDGET (detail), "LT-002991"));
  g_assert_cmpuint (lt_ticket_detail_get_allowed_actions (detail), ==, LT_CUSTOMER_ACTION_NONE);
  gtk_widget_activate_action (GTK_WIDGET (detail), "ticket.comment", NULL);
  g_assert_null (lt_ticket_detail_get_dialog (detail));

  /* Typing paused: the first match, and what can be done with it. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (lt_ticket_detail_get_held (detail) && g_get_monotonic_time () < deadline)
    {
      g_usleep (20 * 1000);
      lt_app_test_flush ();
    }
  g_assert_false (lt_ticket_detail_get_held (detail));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (detail), "LT-002991"));
  g_assert_null (lt_app_test_find_label (GTK_WIDGET (detail), "LT-003000"));
  g_assert_cmpuint (lt_ticket_detail_get_allowed_actions (detail) & LT_CUSTOMER_ACTION_COMMENT, !=, 0);

  /* Held again, then asked for: shown at once. */
  type_disk_from_top (f);
  g_assert_true (lt_ticket_detail_get_held (detail));
  lt_tickets_page_show_ticket (f->page, "LT-002991");
  g_assert_false (lt_ticket_detail_get_held (detail));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (detail), "LT-002991"));

  /* Held again, then a filter chosen: shown at once. */
  type_disk_from_top (f);
  g_assert_true (lt_ticket_detail_get_held (detail));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (lt_app_test_find_widget (GTK_WIDGET (f->page),
                                                                      GTK_TYPE_DROP_DOWN)),
                              LT_TICKETS_FILTER_OPEN);
  g_assert_cmpstr (detail_id (f), ==, "LT-002991");
  g_assert_false (lt_ticket_detail_get_held (detail));
}

typedef struct
{
  GtkWidget *view;
  GPtrArray *painted;   /* the IDs in view when the frame was painted */
} PaintWatch;

static void
after_paint_cb (GdkFrameClock *clock,
                PaintWatch    *watch)
{
  if (watch->painted == NULL)
    watch->painted = lt_app_test_dup_ids_in_view (watch->view);
}

/* Rows GTK keeps built out of view keep an earlier ticket through a
 * keystroke; scrolled into view, they show their own in the very first
 * frame that paints them, not after typing pauses. Every "disk" ticket's
 * ID ends in 1 (every tenth of the seed). */
static void
test_scrolled_in_before_paint (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (column_view (f));
  GtkWidget *search = lt_app_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);
  GtkAdjustment *scroll = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  PaintWatch watch = { view, NULL };
  gulong paint_id;

  gtk_editable_set_text (GTK_EDITABLE (search), "disk");
  g_signal_emit_by_name (search, "search-changed");
  /* One page down: rows GTK built below the view (it keeps ~200 from
   * the top), out of view until now. */
  gtk_adjustment_set_value (scroll, gtk_adjustment_get_value (scroll) + gtk_adjustment_get_page_size (scroll));
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &watch);
  while (watch.painted == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, paint_id);

  g_assert_cmpuint (watch.painted->len, >, 5);
  for (guint i = 0; i < watch.painted->len; i++)
    {
      const char *id = g_ptr_array_index (watch.painted, i);

      g_assert_true (g_str_has_suffix (id, "1"));
    }
  g_ptr_array_unref (watch.painted);
}

/* A keystroke reads from the store only the tickets of the rows in view
 * (a 900-pixel window shows a few dozen): the ~180 other rows GTK keeps
 * built take theirs once typing pauses. */
static void
test_reads_rows_in_view (Fixture       *f,
                         gconstpointer  data)
{
  LtTicketList *list = lt_context_get_tickets (f->app.context);
  GtkWidget *view = GTK_WIDGET (column_view (f));
  GtkWidget *search = lt_app_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);
  guint64 reads = lt_ticket_list_get_n_reads (list);
  guint64 keystroke_reads;
  gint64 deadline;

  gtk_editable_set_text (GTK_EDITABLE (search), "disk");
  g_signal_emit_by_name (search, "search-changed");
  keystroke_reads = lt_ticket_list_get_n_reads (list) - reads;
  g_assert_nonnull (lt_app_test_find_label (view, "LT-002991"));
  g_assert_cmpuint (keystroke_reads, >, 0);
  g_assert_cmpuint (keystroke_reads, <, 60);

  /* Typing paused: the rest are read, and shown. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (lt_app_test_find_label (view, "LT-001491") == NULL && g_get_monotonic_time () < deadline)
    {
      g_usleep (20 * 1000);
      lt_app_test_flush ();
    }
  g_assert_nonnull (lt_app_test_find_label (view, "LT-001491"));
  g_assert_cmpuint (lt_ticket_list_get_n_reads (list) - reads, >, keystroke_reads + 100);
}

static gboolean
defer_named_cb (LtTicket *slot,
              gpointer  user_data)
{
  LtTicket *deferred = user_data;

  return slot == deferred;
}

static void
record_cb (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           GString    *emitted)
{
  g_string_append_printf (emitted, "(%u,%u,%u)", position, removed, added);
}

/* A slot is the same object at its position while held, takes the values
 * of the ticket that comes to its position, and the model reports only
 * the positions added or removed at the end. */
static void
test_slot_model (Fixture       *f,
                 gconstpointer  data)
{
  LtTicketList *list = lt_context_get_tickets (f->app.context);
  g_autoptr(LtTicketSlotModel) slots = lt_ticket_slot_model_new (list);
  g_autoptr(GString) emitted = g_string_new (NULL);
  g_autoptr(LtTicket) first = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_autoptr(LtTicket) again = NULL;
  g_autoptr(LtTicket) own = NULL;

  g_assert_cmpstr (lt_ticket_get_id (first), ==, "LT-003000");
  g_assert_cmpuint (lt_ticket_slot_model_get_n_live (slots), ==, 1);
  g_signal_connect (slots, "items-changed", G_CALLBACK (record_cb), emitted);

  lt_ticket_list_set_search_text (list, "disk");
  g_assert_cmpstr (emitted->str, ==, "(300,2700,0)");
  again = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_assert_true (again == first);
  g_assert_cmpstr (lt_ticket_get_id (first), ==, "LT-002991");
  g_assert_cmpstr (lt_ticket_get_title (first), ==, "Collector reports a disk timeout 2990");

  /* The list's own ticket, to act on: not the copy. */
  own = lt_ticket_slot_model_dup_ticket (slots, 0);
  g_assert_true (own != first);
  g_assert_cmpstr (lt_ticket_get_id (own), ==, "LT-002991");
  g_assert_null (lt_ticket_slot_model_dup_ticket (slots, 300));

  g_string_truncate (emitted, 0);
  lt_ticket_list_set_search_text (list, "");
  g_assert_cmpstr (emitted->str, ==, "(300,0,2700)");
  g_assert_cmpstr (lt_ticket_get_id (first), ==, "LT-003000");

  g_clear_object (&first);
  g_clear_object (&again);
  g_assert_cmpuint (lt_ticket_slot_model_get_n_live (slots), ==, 0);
}

/* A slot the defer function names keeps its values through a change
 * until refreshed, or until someone asks the model for it. */
static void
test_slot_model_deferred (Fixture       *f,
                          gconstpointer  data)
{
  LtTicketList *list = lt_context_get_tickets (f->app.context);
  g_autoptr(LtTicketSlotModel) slots = lt_ticket_slot_model_new (list);
  g_autoptr(LtTicket) first = g_list_model_get_item (G_LIST_MODEL (slots), 0);
  g_autoptr(LtTicket) second = g_list_model_get_item (G_LIST_MODEL (slots), 1);
  g_autoptr(LtTicket) again = NULL;

  lt_ticket_slot_model_set_defer_func (slots, defer_named_cb, second);
  lt_ticket_list_set_search_text (list, "disk");
  g_assert_cmpstr (lt_ticket_get_id (first), ==, "LT-002991");
  g_assert_cmpstr (lt_ticket_get_id (second), ==, "LT-002999");
  lt_ticket_slot_model_refresh (slots, 1);
  g_assert_cmpstr (lt_ticket_get_id (second), ==, "LT-002981");

  lt_ticket_list_set_search_text (list, "");
  g_assert_cmpstr (lt_ticket_get_id (first), ==, "LT-003000");
  g_assert_cmpstr (lt_ticket_get_id (second), ==, "LT-002981");
  again = g_list_model_get_item (G_LIST_MODEL (slots), 1);
  g_assert_true (again == second);
  g_assert_cmpstr (lt_ticket_get_id (second), ==, "LT-002999");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/ticket-rows/no-rows-built", Fixture, NULL, setup, test_no_rows_built, teardown);
  g_test_add ("/lt/app/ticket-rows/selection-follows-ticket", Fixture, NULL, setup,
              test_selection_follows_ticket, teardown);
  g_test_add ("/lt/app/ticket-rows/slot-model", Fixture, NULL, setup, test_slot_model, teardown);
  g_test_add ("/lt/app/ticket-rows/rows-out-of-view-later", Fixture, NULL, setup,
              test_rows_out_of_view_later, teardown);
  g_test_add ("/lt/app/ticket-rows/detail-waits-for-typing", Fixture, NULL, setup,
              test_detail_waits_for_typing, teardown);
  g_test_add ("/lt/app/ticket-rows/reads-rows-in-view", Fixture, NULL, setup,
              test_reads_rows_in_view, teardown);
  g_test_add ("/lt/app/ticket-rows/slot-model-deferred", Fixture, NULL, setup,
              test_slot_model_deferred, teardown);
  g_test_add ("/lt/app/ticket-rows/scrolled-in-before-paint", Fixture, NULL, setup,
              test_scrolled_in_before_paint, teardown);

  status = g_test_run ();
  g_clear_pointer (&seeded_path, g_free);
  return status;
}
