/* lt-app-test-util.h: what the UI tests share
 *
 * A context as the application builds one, but with a fixed clock, the
 * memory settings backend (GSETTINGS_BACKEND=memory) reset for each test
 * and a store in the test's own isolated data directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"
#include "lt-ticket-detail.h"
#include "lt-tickets-page.h"
#include "lt-window.h"

G_BEGIN_DECLS

typedef struct
{
  LtClock   *clock;
  GSettings *settings;
  LtContext *context;
} LtAppFixture;

/* g_test_init() with the user's directories in a temporary folder, plus
 * GTK and libadwaita. */
void        lt_app_test_init         (int          *argc,
                                      char       ***argv);

/* A temporary folder for this test program, removed at exit. */
const char *lt_app_test_get_scratch_dir (void);

/* Every key of @settings back at its schema default: the memory backend
 * (GSETTINGS_BACKEND=memory) lives as long as the process. */
void        lt_app_test_reset_settings (GSettings *settings);

/* @now: RFC 3339; @with_store: open a store in the test's data dir. */
void        lt_app_fixture_setup     (LtAppFixture *fixture,
                                      const char   *now,
                                      gboolean      with_store);
void        lt_app_fixture_teardown  (LtAppFixture *fixture);

/* lt_app_fixture_setup() with a store holding the demo customer
 * (lt-app-demo-data.h). */
void        lt_app_fixture_setup_demo (LtAppFixture *fixture,
                                       const char   *now);

/* lt_app_fixture_setup_demo(), its tickets read, and the main window over
 * it at @width × @height, drawn. (transfer full): destroy it in the
 * teardown. */
LtWindow   *lt_app_fixture_open_demo_window (LtAppFixture *fixture,
                                             const char   *now,
                                             int           width,
                                             int           height);

/* A window of @width × @height holding only @child, presented and drawn.
 * (transfer full): destroy it in the teardown. */
GtkWidget  *lt_app_test_present_in_window (GtkWidget *child,
                                           int        width,
                                           int        height);

/* Runs the main context through three frames of @window and what they
 * leave pending: rows are built and laid out in the frames that follow a
 * change. */
void        lt_app_test_settle       (GtkWidget    *window);

/* The Tickets page alone in a window (in a toast overlay, as in the main
 * window), over a context the test fills first. */
typedef struct
{
  LtAppFixture    app;
  GtkWidget      *window;
  LtTicketsPage  *page;
  LtTicketDetail *detail;
} LtAppTicketsFixture;

/* After lt_app_fixture_setup_demo (&fixture->app, …) and whatever the
 * test adds to the store: the page over it at @width × @height, drawn. */
void        lt_app_tickets_fixture_open     (LtAppTicketsFixture *fixture,
                                             int                  width,
                                             int                  height);
void        lt_app_tickets_fixture_teardown (LtAppTicketsFixture *fixture);
/* Shows the ticket @id in the detail, asserting that it is the one shown. */
void        lt_app_tickets_fixture_show     (LtAppTicketsFixture *fixture,
                                             const char          *id);

/* Runs the main context until the context's ticket list, read in a
 * worker thread, is in (lt_ticket_list_new_loading()). */
void        lt_app_test_wait_tickets_read (LtContext *context);

/* Runs the main context until nothing is pending. */
void        lt_app_test_flush        (void);

/* The first GtkLabel under @root whose text is @text, or NULL. */
GtkWidget  *lt_app_test_find_label   (GtkWidget    *root,
                                      const char   *text);
/* The ticket IDs (the "LT-…" labels) of the rows @view shows now, top
 * to bottom: rows GTK 4.8 keeps built out of view are given a one-pixel
 * sliver and are left out. */
GPtrArray  *lt_app_test_dup_ids_in_view (GtkWidget   *view);
/* The first widget of @type under @root (depth first), or NULL. */
GtkWidget  *lt_app_test_find_widget  (GtkWidget    *root,
                                      GType         type);

/* Activates @button as the keyboard does (gtk_widget_activate()) and
 * waits for its ::clicked, which GTK 4 emits after a short delay. */
void        lt_app_test_click        (GtkWidget    *button);

/* Runs the main context until @done is TRUE or @timeout_ms pass; returns
 * @done. */
gboolean    lt_app_test_wait_for     (gboolean     *done,
                                      guint         timeout_ms);

G_END_DECLS
