/* test-app-many-tickets.c: the Tickets page over 100,000 tickets
 *
 * The tickets are written with the store's own API in one transaction,
 * before the application's context opens the file (as a sync would have
 * left it), with an account so that the tier is known and the Response
 * Due and SLA columns are live. Typing a search filters the store's
 * compact rows and a click on a column header sorts them; the tests
 * assert the count and the order shown and report how long each
 * keystroke and each sort took (informational: machines differ, so the
 * times are not asserted).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-many-tickets"

#include "config.h"

#include "lt-app-test-util.h"
#include "lt-store-account.h"
#include "lt-store-tickets.h"
#include "lt-test-util.h"
#include "lt-ticket-list.h"
#include "lt-tickets-page.h"
#include "lt-tickets-page-private.h"

#include <string.h>

#define N_TICKETS 100000
#define NOW "2026-11-30T15:00:00Z"

/* A keystroke or a click may read from the store the tickets of the rows
 * GTK 4.8 builds (about 200 around the top of the view), not the
 * thousands of matches. */
#define MAX_READS 1000

static const char * const subjects[] = {
  "Collector", "Agent", "Report export", "Dashboard", "Policy sync",
  "Management console", "Update server", "SIEM connector", "Scanner", "Audit log",
};
static const char * const problems[] = {
  "restarts after log rotation", "times out", "shows stale data", "fails to start",
  "is slow", "rejects the certificate", "loses events", "reports a disk timeout",
};

static char *
title_of (guint i)
{
  return g_strdup_printf ("%s %s (site %u)", subjects[i % G_N_ELEMENTS (subjects)],
                          problems[(i / G_N_ELEMENTS (subjects)) % G_N_ELEMENTS (problems)], i % 97);
}

typedef struct
{
  LtAppFixture   app;
  GtkWidget     *window;
  LtTicketsPage *page;
} Fixture;

static char *seeded_path;

/* Writes the tickets with the store's API, one transaction. Ticket i
 * (LT-i+1) opened 7 minutes after ticket i-1: the higher the id, the
 * newer. A third of the tickets got their first response after an hour. */
static void
seed (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = lt_store_open (path, NULL, &error);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) now = lt_test_instant (NOW);
  g_autoptr(LtAccount) account = lt_account_new ();
  gint64 started = g_get_monotonic_time ();
  static const LtTicketState states[] = {
    LT_TICKET_STATE_SUBMITTED, LT_TICKET_STATE_IN_PROGRESS, LT_TICKET_STATE_RESOLVED,
    LT_TICKET_STATE_CLOSED, LT_TICKET_STATE_CLOSED, LT_TICKET_STATE_CLOSED,
  };

  g_assert_no_error (error);
  tx = lt_store_begin (store, &error);
  g_assert_no_error (error);

  lt_account_set_customer_name (account, "Many Tickets Inc.");
  lt_account_set_tier (account, LT_TIER_ENTERPRISE);
  g_assert_true (lt_store_save_account (store, account, now, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < N_TICKETS; i++)
    {
      g_autoptr(LtTicket) ticket = lt_ticket_new ();
      g_autofree char *id = g_strdup_printf ("LT-%06u", i + 1);
      g_autofree char *title = title_of (i);
      g_autoptr(GDateTime) opened = g_date_time_add_minutes (now, -(gint) (N_TICKETS - i) * 7);

      lt_ticket_set_id (ticket, id);
      lt_ticket_set_title (ticket, title);
      lt_ticket_set_description (ticket, "Steps to reproduce, logs and the error shown.");
      lt_ticket_set_severity (ticket, (LtSeverity) (i % 4));
      lt_ticket_set_category (ticket, "troubleshooting");
      lt_ticket_set_state (ticket, states[i % G_N_ELEMENTS (states)]);
      lt_ticket_set_opened_at (ticket, opened);
      lt_ticket_set_updated_at (ticket, opened);
      if (i % 3 == 0)
        {
          g_autoptr(GDateTime) answered = g_date_time_add_hours (opened, 1);

          lt_ticket_set_first_response_at (ticket, answered);
        }
      if (lt_ticket_get_state (ticket) == LT_TICKET_STATE_CLOSED)
        {
          lt_ticket_set_closed_at (ticket, opened);
          lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_CONFIRMED);
        }
      if (lt_ticket_get_state (ticket) == LT_TICKET_STATE_RESOLVED)
        lt_ticket_set_resolved_at (ticket, opened);

      if (!lt_store_upsert_ticket (store, ticket, now, &error))
        g_assert_no_error (error);
    }

  g_assert_true (lt_store_transaction_commit (tx, &error));
  g_assert_no_error (error);
  g_test_message ("Seeding %u tickets took %.1f s", N_TICKETS,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  lt_app_fixture_setup (&f->app, NOW, FALSE);
  /* Every test reads the same tickets: they are written once. */
  if (seeded_path == NULL)
    {
      seeded_path = g_build_filename (lt_app_test_get_scratch_dir (), "many", "support.db", NULL);
      seed (seeded_path);
    }
  g_assert_true (lt_context_open_store (f->app.context, seeded_path, &error));
  lt_app_test_wait_tickets_read (f->app.context);
  g_assert_no_error (error);

  f->window = gtk_window_new ();
  f->page = g_object_new (LT_TYPE_TICKETS_PAGE, "context", f->app.context, NULL);
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
  gtk_window_destroy (GTK_WINDOW (f->window));
  lt_app_fixture_teardown (&f->app);
}

static GtkColumnView *
column_view (Fixture *f)
{
  return GTK_COLUMN_VIEW (lt_app_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_COLUMN_VIEW));
}

/* What the column view shows, in its order. */
static GListModel *
shown (Fixture *f)
{
  return G_LIST_MODEL (gtk_column_view_get_model (column_view (f)));
}

static GtkColumnViewColumn *
column_titled (Fixture    *f,
               const char *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view (f));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_assert_not_reached ();
}

/* Runs the main loop until nothing is pending. */
static void
settle (Fixture *f)
{
  lt_app_test_flush ();
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  if (times->len % 2 == 1)
    return g_array_index (times, double, times->len / 2);
  return (g_array_index (times, double, times->len / 2 - 1) +
          g_array_index (times, double, times->len / 2)) / 2;
}

static double
worst (GArray *times)
{
  double max = 0;

  for (guint i = 0; i < times->len; i++)
    max = MAX (max, g_array_index (times, double, i));
  return max;
}

static void
search_for (Fixture    *f,
            const char *text)
{
  GtkWidget *search = lt_app_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);

  gtk_editable_set_text (GTK_EDITABLE (search), text);
  g_signal_emit_by_name (search, "search-changed");
  settle (f);
}

static GtkWidget *
first_id_label (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), "LT-"))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_id_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The view shows the top of the list: its first row is the list's
 * first. */
static void
assert_view_at_top (Fixture *f)
{
  GtkWidget *label = first_id_label (GTK_WIDGET (column_view (f)));
  g_autoptr(LtTicket) first = g_list_model_get_item (shown (f), 0);

  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, lt_ticket_get_id (first));
}

typedef struct
{
  gint64 before;
  gint64 after;
} FrameTimes;

static void
before_paint_cb (GdkFrameClock *clock,
                 FrameTimes    *times)
{
  if (times->before == 0)
    times->before = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                FrameTimes    *times)
{
  if (times->before != 0 && times->after == 0)
    times->after = g_get_monotonic_time ();
}

/* How long the next frame took, from its "before-paint" to its
 * "after-paint": layout, binding the rows that changed, painting. The
 * wait for the frame's slot is not work and is not counted. */
static double
next_frame_ms (Fixture *f)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (f->window);
  FrameTimes times = { 0, 0 };
  gulong before = g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &times);
  gulong after = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &times);

  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
  while (times.after == 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, before);
  g_signal_handler_disconnect (clock, after);
  return (times.after - times.before) / 1000.0;
}

/* Types one character at the end of the search, as a key press does
 * (gtk_editable_set_text() would empty the entry first, and an empty
 * search entry reports at once), and asks for the search at once rather
 * than after the entry's delay. Returns the work it caused (ms): until
 * the page settled (what ran synchronously, and anything it left to idle
 * callbacks, such as a sort model's steps), plus the next frame. */
static double
type_char (Fixture *f,
           char     c)
{
  GtkWidget *search = lt_app_test_find_widget (GTK_WIDGET (f->page), GTK_TYPE_SEARCH_ENTRY);
  int position = (int) g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (search)), -1);
  /* GTK 4.8 measures the inserted text with strlen() whatever the
   * length says, so it must be NUL-terminated (ASan caught this). */
  const char text[2] = { c, '\0' };
  gint64 started = g_get_monotonic_time ();
  double ms;

  gtk_editable_insert_text (GTK_EDITABLE (search), text, 1, &position);
  g_signal_emit_by_name (search, "search-changed");
  settle (f);
  ms = (g_get_monotonic_time () - started) / 1000.0;
  return ms + next_frame_ms (f);
}

static guint64
n_reads (Fixture *f)
{
  return lt_ticket_list_get_n_reads (lt_context_get_tickets (f->app.context));
}

/* Types @query a character at a time into the empty search, as a person
 * does, and appends what each keystroke cost to @times (ms). Every
 * keystroke may read from the store only the tickets of the rows GTK
 * builds, never every match. */
static void
type_query (Fixture    *f,
            const char *query,
            GArray     *times)
{
  g_autoptr(GString) typed = g_string_new (NULL);

  for (const char *p = query; *p != '\0'; p++)
    {
      guint64 reads = n_reads (f);
      double ms;

      g_string_append_c (typed, *p);
      ms = type_char (f, *p);
      g_array_append_val (times, ms);
      g_test_message ("“%s”: %.1f ms, %" G_GUINT64_FORMAT " tickets read, %u shown", typed->str, ms,
                      n_reads (f) - reads, lt_tickets_page_get_n_shown (f->page));
      g_assert_cmpuint (n_reads (f) - reads, <=, MAX_READS);
      assert_view_at_top (f);
    }
}

/* Clicks the header of @title (as gtk_column_view_sort_by_column() does)
 * and returns the work it caused (ms), as type_char() counts it. */
static double
sort_by (Fixture     *f,
         const char  *title,
         GtkSortType  direction)
{
  gint64 started = g_get_monotonic_time ();
  guint64 reads = n_reads (f);
  double ms;

  gtk_column_view_sort_by_column (column_view (f), title != NULL ? column_titled (f, title) : NULL,
                                  direction);
  settle (f);
  ms = (g_get_monotonic_time () - started) / 1000.0;
  ms += next_frame_ms (f);
  g_test_message ("Sort by %s %s: %.1f ms, %" G_GUINT64_FORMAT " tickets read",
                  title != NULL ? title : "nothing",
                  direction == GTK_SORT_ASCENDING ? "ascending" : "descending", ms, n_reads (f) - reads);
  g_assert_cmpuint (n_reads (f) - reads, <=, MAX_READS);
  assert_view_at_top (f);
  return ms;
}

static guint
expected_matches (const char *text)
{
  g_autofree char *needle = g_utf8_casefold (text, -1);
  guint n = 0;

  for (guint i = 0; i < N_TICKETS; i++)
    {
      g_autofree char *title = title_of (i);
      g_autofree char *folded = g_utf8_casefold (title, -1);
      g_autofree char *id = g_strdup_printf ("lt-%06u", i + 1);

      if (strstr (folded, needle) != NULL || strstr (id, needle) != NULL)
        n++;
    }

  return n;
}

static void
assert_count (Fixture *f,
              guint    expected)
{
  g_autofree char *label = g_strdup_printf (expected == 1 ? "%u ticket" : "%u tickets", expected);

  g_assert_cmpuint (lt_tickets_page_get_n_shown (f->page), ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (shown (f)), ==, expected);
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (f->page), label));
}

static LtTicket *
ticket_at (Fixture *f,
           guint    position)
{
  LtTicket *ticket = g_list_model_get_item (shown (f), position);

  g_assert_nonnull (ticket);
  return ticket;
}

#define assert_id_at(f, position, expected) \
  G_STMT_START { \
    g_autoptr(LtTicket) aia_ticket = ticket_at ((f), (position)); \
    g_assert_cmpstr (lt_ticket_get_id (aia_ticket), ==, (expected)); \
  } G_STMT_END

#define assert_title_at(f, position, expected) \
  G_STMT_START { \
    g_autoptr(LtTicket) ata_ticket = ticket_at ((f), (position)); \
    g_assert_cmpstr (lt_ticket_get_title (ata_ticket), ==, (expected)); \
  } G_STMT_END

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  assert_count (f, N_TICKETS);

  /* One keystroke at a time; each must leave the list and the label
   * right. Blocks of ten subjects, one problem in eight: 1,250 blocks. */
  type_query (f, "log rotation", times);
  g_assert_cmpuint (expected_matches ("log rotation"), ==, 12500);
  assert_count (f, 12500);
  search_for (f, "");
  assert_count (f, N_TICKETS);
  g_array_set_size (times, 0);

  type_query (f, "disk timeout", times);
  g_assert_cmpuint (expected_matches ("disk timeout"), ==, 12500);
  assert_count (f, 12500);
  g_test_message ("Typing “disk timeout” over %u tickets: median %.1f ms per keystroke, %.1f ms at worst (%u keystrokes)",
                  N_TICKETS, median (times), worst (times), times->len);

  /* An ID narrows to one; clearing shows them all again. */
  search_for (f, "LT-054321");
  assert_count (f, 1);
  assert_id_at (f, 0, "LT-054321");

  search_for (f, "");
  assert_count (f, N_TICKETS);
}

/* A click on a column header sorts all 100,000 tickets by that column;
 * the order holds while a search narrows them, and a second click
 * reverses it. */
static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GArray) sorts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  double ms;

  /* Without a sort column: newest opening first. */
  assert_id_at (f, 0, "LT-100000");
  assert_id_at (f, N_TICKETS - 1, "LT-000001");

  ms = sort_by (f, "Opened", GTK_SORT_ASCENDING);
  g_array_append_val (sorts, ms);
  assert_count (f, N_TICKETS);
  assert_id_at (f, 0, "LT-000001");
  assert_id_at (f, 1, "LT-000002");
  assert_id_at (f, N_TICKETS - 1, "LT-100000");

  ms = sort_by (f, "Opened", GTK_SORT_DESCENDING);
  g_array_append_val (sorts, ms);
  assert_id_at (f, 0, "LT-100000");

  /* Equal titles keep the newest opening first, in both directions:
   * LT-099232 is the newest "Agent fails to start (site 0)" (99,231 is 1
   * mod 10, in the fourth problem's block of ten, 0 mod 97), LT-093217 the
   * newest "Update server times out (site 96)". */
  ms = sort_by (f, "Title", GTK_SORT_ASCENDING);
  g_array_append_val (sorts, ms);
  assert_title_at (f, 0, "Agent fails to start (site 0)");
  assert_id_at (f, 0, "LT-099232");
  assert_title_at (f, N_TICKETS - 1, "Update server times out (site 96)");

  ms = sort_by (f, "Title", GTK_SORT_DESCENDING);
  g_array_append_val (sorts, ms);
  assert_title_at (f, 0, "Update server times out (site 96)");
  assert_id_at (f, 0, "LT-093217");
  assert_title_at (f, N_TICKETS - 1, "Agent fails to start (site 0)");

  ms = sort_by (f, "ID", GTK_SORT_DESCENDING);
  g_array_append_val (sorts, ms);
  assert_id_at (f, 0, "LT-100000");
  ms = sort_by (f, "ID", GTK_SORT_ASCENDING);
  g_array_append_val (sorts, ms);
  assert_id_at (f, 0, "LT-000001");

  /* Severity 1 first; among them the newest opening (i = 99,996 is 0 mod
   * 4). */
  ms = sort_by (f, "Severity", GTK_SORT_ASCENDING);
  g_array_append_val (sorts, ms);
  assert_id_at (f, 0, "LT-099997");

  /* At 10:00 on Monday 30 November in Indianapolis, the newest breached
   * ticket: LT-099989, an S1 without an answer opened at 08:36, due at
   * 09:36 (LT-099993 opened at 09:04 is only at risk). */
  ms = sort_by (f, "SLA", GTK_SORT_ASCENDING);
  g_array_append_val (sorts, ms);
  assert_id_at (f, 0, "LT-099989");

  /* The first ticket, an S1, was due first; feature requests have no due
   * time, the newest of them is LT-100000. */
  ms = sort_by (f, "Response Due", GTK_SORT_ASCENDING);
  g_array_append_val (sorts, ms);
  assert_id_at (f, 0, "LT-000001");
  ms = sort_by (f, "Response Due", GTK_SORT_DESCENDING);
  g_array_append_val (sorts, ms);
  assert_id_at (f, 0, "LT-100000");

  g_test_message ("Sorting %u tickets by a column: median %.1f ms per click, %.1f ms at worst (%u clicks)",
                  N_TICKETS, median (sorts), worst (sorts), sorts->len);

  /* Typing with a sort column: the order holds, the count is right. */
  sort_by (f, "Title", GTK_SORT_ASCENDING);
  type_query (f, "disk timeout", times);
  assert_count (f, 12500);
  assert_title_at (f, 0, "Agent reports a disk timeout (site 0)");
  assert_title_at (f, 12499, "Update server reports a disk timeout (site 96)");
  g_test_message ("Typing “disk timeout” over %u tickets sorted by title: median %.1f ms per keystroke, %.1f ms at worst (%u keystrokes)",
                  N_TICKETS, median (times), worst (times), times->len);

  search_for (f, "");
  assert_count (f, N_TICKETS);
  assert_title_at (f, 0, "Agent fails to start (site 0)");

  /* Back to the list's own order. */
  sort_by (f, NULL, GTK_SORT_ASCENDING);
  assert_id_at (f, 0, "LT-100000");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/many-tickets/search", Fixture, NULL, setup, test_search, teardown);
  g_test_add ("/lt/app/many-tickets/sort", Fixture, NULL, setup, test_sort, teardown);

  status = g_test_run ();
  g_clear_pointer (&seeded_path, g_free);
  return status;
}
