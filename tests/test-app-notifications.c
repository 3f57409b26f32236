/* test-app-notifications.c: a simulated month of notifications
 *
 * The application's notifier (lt-notifier.h) over a real store, synced
 * with the real lockthreat-devportal, sending through a GApplication
 * registered on a private session bus where a stand-in for GNOME Shell's
 * org.gtk.Notifications records what the desktop was asked to show. The
 * portal's clock and the application's move together through December
 * 2026 (the vendor is in Indianapolis, open 08:00–17:00, closed on
 * Christmas Day; the admin is in Berlin): tickets answered, awaiting the
 * customer, resolved and closed, SLA at risk and breached across a night,
 * a change notice reviewed, a maintenance window announced, a release
 * published, an invoice ageing, the application "closed" over a weekend
 * and "suspended" overnight. The exact sequence of notifications is
 * asserted: which, in what order, their titles and buttons, none missing,
 * none repeated across restarts.
 *
 * A second case runs the real `dunst` daemon (org.freedesktop.Notifications)
 * on the private bus: the notification reaches a real server, which
 * displays it, and is closed when its reason goes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-notifications"

#include "config.h"

#include "lt-actions.h"
#include "lt-app-test-util.h"
#include "lt-credentials.h"
#include "lt-date-util.h"
#include "lt-notifier.h"
#include "lt-overview-page.h"
#include "lt-preferences-window.h"
#include "lt-ui-util.h"
#include "lt-store-alerts.h"
#include "lt-store-private.h"
#include "lt-store-change-notices.h"
#include "lt-store-maintenance-windows.h"
#include "lt-store-installations.h"
#include "lt-store-tickets.h"
#include "lt-sync-controller.h"
#include "lt-test-devportal.h"
#include "lt-test-notification-server.h"
#include "lt-test-store.h"

#include <sqlite3.h>
#include <string.h>

#define TOKEN "notify-test-token-5d2e81"

typedef struct
{
  LtTestDevportal          *portal;
  LtTestNotificationServer *server;
  GApplication             *application;
  LtClock                  *clock;
  GSettings                *settings;
  LtContext                *context;
  LtSyncController         *sync;
  LtNotifier               *notifier;
  char                     *store_path;
  gboolean                  run_done;
} Fixture;

static void
run_finished_cb (LtSyncController *sync,
                 gboolean          ok,
                 Fixture          *f)
{
  f->run_done = TRUE;
}

/* The application, as a desktop sees it: registered on the bus. */
static void
start_application (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->application = g_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (f->application, NULL, &error));
  g_assert_no_error (error);
}

/* What one process of the application holds: context, store, sync, and
 * (when @watching) the notifier, which looks at once as at start-up. */
static void
open_app (Fixture  *f,
          gboolean  watching)
{
  g_autoptr(GError) error = NULL;

  f->context = lt_context_new (f->clock, f->settings, &error);
  g_assert_no_error (error);
  lt_context_set_portal_override (f->context, lt_test_devportal_get_url (f->portal));
  g_assert_true (lt_context_open_store (f->context, f->store_path, &error));
  g_assert_no_error (error);
  lt_app_test_wait_tickets_read (f->context);

  f->sync = lt_sync_controller_new (f->context);
  lt_context_set_sync (f->context, f->sync);
  g_signal_connect (f->sync, "run-finished", G_CALLBACK (run_finished_cb), f);

  if (watching)
    {
      f->notifier = lt_notifier_new (f->context, f->application);
      lt_context_set_notifier (f->context, f->notifier);
      lt_notifier_check (f->notifier);
    }
}

static void
close_app (Fixture *f)
{
  g_signal_handlers_disconnect_by_data (f->sync, f);
  g_clear_object (&f->notifier);
  g_clear_object (&f->sync);
  g_clear_object (&f->context);
  lt_app_test_flush ();
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  static guint serial;
  g_autofree char *dir = g_strdup_printf ("notify-profile-%u", ++serial);
  g_autoptr(GDateTime) start = lt_instant_parse ("2026-12-07T13:30:00Z", NULL);

  f->server = lt_test_notification_server_new_gtk ();
  start_application (f);

  f->portal = lt_test_devportal_start (TOKEN, FALSE);
  g_setenv (LT_CREDENTIALS_TOKEN_ENV, TOKEN, TRUE);
  lt_test_devportal_set_clock (f->portal, "2026-12-07T13:30:00Z");
  g_autoptr(JsonNode) account = lt_test_devportal_request (f->portal, "POST", "/_dev/account",
                                                           "{\"tier\": \"professional\", "
                                                           "\"invoices\": [{\"id\": \"INV-2026-104\", "
                                                           "\"issued\": \"2026-10-20\", \"amount\": \"4800.00\", "
                                                           "\"currency\": \"USD\", \"paid\": false}]}");

  g_assert_nonnull (account);

  f->settings = g_settings_new (APPLICATION_ID);
  lt_app_test_reset_settings (f->settings);

  f->clock = lt_clock_new_fixed (start);
  f->store_path = g_build_filename (lt_app_test_get_scratch_dir (), dir, "support.db", NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  if (f->context != NULL)
    close_app (f);
  g_clear_object (&f->settings);
  g_clear_object (&f->clock);
  g_clear_object (&f->application);
  g_clear_pointer (&f->portal, lt_test_devportal_free);
  g_clear_pointer (&f->server, lt_test_notification_server_free);
  g_clear_pointer (&f->store_path, g_free);
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);
  lt_app_test_flush ();
}

/* Moves the portal's clock and the application's to @now (the clock's
 * tick lets the notifier look if something came due). */
static void
move_to (Fixture    *f,
         const char *now)
{
  g_autoptr(GDateTime) instant = lt_instant_parse (now, NULL);

  lt_test_devportal_set_clock (f->portal, now);

  g_assert_nonnull (instant);
  lt_clock_set_now (f->clock, instant);
  lt_app_test_flush ();
}

static void
sync_now (Fixture *f)
{
  f->run_done = FALSE;
  lt_sync_controller_sync (f->sync);
  g_assert_true (lt_app_test_wait_for (&f->run_done, 60000));
  g_assert_cmpint (lt_sync_controller_get_outcome (f->sync), ==, LT_SYNC_OUTCOME_OK);
  lt_app_test_flush ();
}

/* Support acts on @ticket: { "to": …, "comment": … }. */
static void
support (Fixture    *f,
         const char *ticket,
         const char *body)
{
  g_autoptr(JsonNode) answer = lt_test_devportal_transition (f->portal, ticket, body);

  g_assert_nonnull (answer);
}

static char *
file_ticket (Fixture    *f,
             const char *title,
             LtSeverity  severity)
{
  LtPolicy *policy = lt_context_get_policy (f->context);
  g_autoptr(LtTicket) ticket = lt_ticket_new_draft ();
  g_autoptr(GDateTime) now = lt_clock_dup_now (f->clock);
  g_autoptr(GError) error = NULL;
  const LtScopeCategory *categories;
  guint n_categories = 0;
  char *key;

  categories = lt_policy_get_scope_categories (policy, &n_categories);
  lt_ticket_set_title (ticket, title);
  lt_ticket_set_description (ticket, "Seen on the production cluster since this morning.");
  lt_ticket_set_severity (ticket, severity);
  lt_ticket_set_category (ticket, categories[0].id);
  lt_ticket_set_product_version (ticket, "3.5.1");
  key = lt_actions_file_ticket (lt_context_get_outbox (f->context), policy, ticket, NULL, now, &error);
  g_assert_no_error (error);

  return key;
}

static char *
portal_id_of (Fixture    *f,
              const char *local_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = lt_store_lookup_ticket_by_local_id (lt_context_get_store (f->context),
                                                                   local_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lt_ticket_get_id (ticket));
  return g_strdup (lt_ticket_get_id (ticket));
}

/* One line per call: "+ <id> | <title> | <default action> | <buttons>"
 * or "- <id>". */
static char *
describe (LtShownNotification *shown)
{
  g_autofree char *buttons = NULL;

  if (shown->removed)
    return g_strdup_printf ("- %s", shown->id);

  buttons = shown->buttons != NULL ? g_strjoinv (", ", shown->buttons) : g_strdup ("");
  return g_strdup_printf ("+ %s | %s | %s | %s | %s%s", shown->id, shown->title, shown->body,
                          shown->default_action != NULL ? shown->default_action : "",
                          buttons, g_strcmp0 (shown->priority, "urgent") == 0 ? " | urgent" : "");
}

/* Asserts that exactly @expected (NULL-terminated lines as describe()
 * prints them) reached the desktop since the last call, in that order. */
static void
expect (Fixture            *f,
        const char * const *expected)
{
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) want = g_string_new (NULL);
  guint n = expected != NULL ? g_strv_length ((char **) expected) : 0;

  /* The notifier's checks that are due, then the calls they made. */
  lt_app_test_flush ();
  lt_test_notification_server_flush (f->server, g_application_get_dbus_connection (f->application));
  shown = lt_test_notification_server_take (f->server);

  for (guint i = 0; i < shown->len; i++)
    {
      g_autofree char *line = describe (g_ptr_array_index (shown, i));

      g_string_append_printf (got, "%s\n", line);
    }
  for (guint i = 0; i < n; i++)
    g_string_append_printf (want, "%s\n", expected[i]);
  /* LT_TEST_DUMP=1 prints what came instead of asserting: for writing
   * the expectations of a new step, which are then checked by hand. */
  if (g_getenv ("LT_TEST_DUMP") != NULL)
    {
      g_printerr ("STEP:\n%s", got->str);
      return;
    }

  /* A line may end in "*" where the rest is not known in advance (an
   * outbox key is random). */
  if (shown->len == n)
    {
      gboolean all = TRUE;

      for (guint i = 0; i < n && all; i++)
        {
          g_autofree char *line = describe (g_ptr_array_index (shown, i));

          all = g_pattern_match_simple (expected[i], line);
        }
      if (all)
        return;
    }
  g_assert_cmpstr (got->str, ==, want->str);
}

#define EXPECT(f, ...) expect ((f), (const char * const[]) { __VA_ARGS__, NULL })
#define EXPECT_NOTHING(f) expect ((f), (const char * const[]) { NULL })

/* The admin answers the ticket @local_id (a comment through lt-actions). */
static void
answer (Fixture    *f,
        const char *id,
        const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = lt_store_lookup_ticket (lt_context_get_store (f->context), id, &error);
  g_autoptr(GDateTime) now = lt_clock_dup_now (f->clock);
  g_autofree char *key = NULL;

  g_assert_no_error (error);
  key = lt_actions_comment (lt_context_get_outbox (f->context), lt_context_get_policy (f->context),
                            ticket, body, now, &error);
  g_assert_no_error (error);
}

static void
add_installation (Fixture    *f,
                  const char *name,
                  const char *version)
{
  g_autoptr(LtInstallation) installation = lt_installation_new ();
  g_autoptr(GDateTime) now = lt_clock_dup_now (f->clock);
  g_autoptr(GError) error = NULL;

  lt_installation_set_name (installation, name);
  lt_installation_set_detection_method (installation, LT_DETECTION_METHOD_MANUAL);
  lt_installation_set_detected_version (installation, version);
  g_assert_true (lt_store_installations_add (lt_context_get_installations (f->context),
                                             installation, now, &error));
  g_assert_no_error (error);
}

static LtChangeNotice *
new_notice (const char *title,
            const char *start,
            const char *end)
{
  LtChangeNotice *notice = lt_change_notice_new_queued ();
  g_autoptr(GDateTime) planned_start = lt_instant_parse (start, NULL);
  g_autoptr(GDateTime) planned_end = lt_instant_parse (end, NULL);
  const char * const systems[] = { "db1", NULL };

  lt_change_notice_set_kind (notice, LT_CHANGE_KIND_INFRASTRUCTURE);
  lt_change_notice_set_title (notice, title);
  lt_change_notice_set_systems (notice, systems);
  lt_change_notice_set_planned_start (notice, planned_start);
  lt_change_notice_set_planned_end (notice, planned_end);
  lt_change_notice_set_rollback_plan (notice, "Restore the snapshot.");
  return notice;
}

static char *
submit_notice (Fixture    *f,
               const char *title,
               const char *start,
               const char *end)
{
  g_autoptr(LtChangeNotice) notice = new_notice (title, start, end);
  g_autoptr(GDateTime) now = lt_clock_dup_now (f->clock);
  g_autoptr(GError) error = NULL;
  char *key = lt_actions_submit_change_notice (lt_context_get_outbox (f->context),
                                               lt_context_get_policy (f->context),
                                               notice, now, &error);

  g_assert_no_error (error);
  return key;
}

static char *
notice_id_of (Fixture    *f,
              const char *local_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtChangeNotice) notice =
    lt_store_lookup_change_notice_by_local_id (lt_context_get_store (f->context), local_id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (lt_change_notice_get_id (notice));
  return g_strdup (lt_change_notice_get_id (notice));
}

/* What the admin sees in Preferences → Notifications: the switch of the
 * row titled as core labels @kind. */
static void
switch_kind (Fixture     *f,
             LtAlertKind  kind,
             gboolean     on)
{
  GtkWidget *window = lt_preferences_window_new (f->context);
  GtkWidget *row = lt_ui_find_row (window, lt_alert_kind_get_label (kind));
  GtkWidget *toggle;

  g_assert_nonnull (row);
  toggle = lt_ui_find_descendant (row, GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)) != on);
  gtk_switch_set_active (GTK_SWITCH (toggle), on);
  gtk_window_destroy (GTK_WINDOW (window));
  lt_app_test_flush ();
}

static int
count_commit_cb (void *data)
{
  (*(guint *) data)++;
  return 0;
}

/* The first look at a large profile: an alert for every breached ticket,
 * recorded in one transaction, not a commit each (which froze the window
 * for minutes at 100,000 tickets), and delivered once committed. */
#define FIRST_LOOK_TICKETS 300

/* A profile of @n tickets whose response is long overdue. */
static void
add_breached_tickets (Fixture *f,
                      guint    n)
{
  g_autofree char *dir = g_path_get_dirname (f->store_path);
  g_autoptr(LtStore) store = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  store = lt_test_store_open (f->store_path);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("LT-%06u", 500000 + i);

      /* S3, triaged a month ago and never answered: breached. */
      lt_test_store_add_ticket_naming (store, id, NULL, "7.4.2", "2026-11-02T15:00:00Z");
    }
}

static void
test_first_look_one_commit (Fixture       *f,
                            gconstpointer  data)
{
  guint commits = 0;

  add_breached_tickets (f, FIRST_LOOK_TICKETS);
  open_app (f, FALSE);
  sqlite3_commit_hook (lt_store_get_db (lt_context_get_store (f->context)), count_commit_cb,
                       &commits);
  f->notifier = lt_notifier_new (f->context, f->application);
  lt_context_set_notifier (f->context, f->notifier);
  lt_notifier_check (f->notifier);
  sqlite3_commit_hook (lt_store_get_db (lt_context_get_store (f->context)), NULL, NULL);

  g_assert_cmpint (lt_test_store_query_int (lt_context_get_store (f->context),
                                            "SELECT count(*) FROM alerts "
                                            "WHERE kind = 'sla-breached'"),
                   ==, FIRST_LOOK_TICKETS);
  /* The records, the withdrawals (none here) and the time of the look. */
  g_assert_cmpuint (commits, <=, 3);
}

static guint
count_rows_titled (GtkWidget  *root,
                   const char *prefix)
{
  guint n = 0;

  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), prefix))
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows_titled (child, prefix);
  return n;
}

/* What came due while away on a large profile: the Overview lists the
 * first few and counts the rest in one row (a row each froze the window
 * for minutes at 100,000 tickets). */
static void
test_away_listed (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GtkWidget) page = NULL;
  g_autofree char *more = NULL;
  GPtrArray *away;

  add_breached_tickets (f, FIRST_LOOK_TICKETS);
  open_app (f, TRUE);
  away = lt_notifier_get_away (f->notifier);
  g_assert_cmpuint (away->len, >=, FIRST_LOOK_TICKETS);

  page = g_object_ref_sink (g_object_new (LT_TYPE_OVERVIEW_PAGE, NULL));
  lt_overview_page_set_context (LT_OVERVIEW_PAGE (page), f->context);
  lt_overview_page_refresh (LT_OVERVIEW_PAGE (page));
  g_assert_cmpuint (count_rows_titled (page, "LT-5"), ==, LT_ALERTS_AWAY_LISTED);
  more = g_strdup_printf ("%u more notifications", away->len - LT_ALERTS_AWAY_LISTED);
  g_assert_nonnull (lt_ui_find_row (page, more));
}

/* December 2026. Times in UTC; the vendor is at UTC−5 (open 13:00–22:00
 * UTC), the admin at UTC+1. Tier professional: S2 is answered within 4
 * business hours, S3 within 9; at risk with a quarter left. */
static void
test_month (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *disk_key = NULL;
  g_autofree char *export_key = NULL;
  g_autofree char *disk = NULL;
  g_autofree char *export = NULL;
  g_autofree char *database_key = NULL;
  g_autofree char *firewall_key = NULL;
  g_autofree char *database = NULL;
  g_autofree char *firewall = NULL;
  g_autofree char *review_path = NULL;

  /* Mon 7th, 08:30 at the vendor: the app starts on a fresh profile. */
  open_app (f, TRUE);
  sync_now (f);
  add_installation (f, "Frankfurt cluster", "3.4.1");
  add_installation (f, "Lab", "3.4.2");
  EXPECT_NOTHING (f);

  /* 09:00: two tickets filed; nothing needs the admin yet. */
  move_to (f, "2026-12-07T14:00:00Z");
  disk_key = file_ticket (f, "Disk full on node 2", LT_SEVERITY_S2);
  export_key = file_ticket (f, "Report export slow", LT_SEVERITY_S3);
  database_key = submit_notice (f, "Database upgrade", "2026-12-21T15:00:00Z", "2026-12-21T17:00:00Z");
  firewall_key = submit_notice (f, "Firewall rules", "2026-12-17T15:00:00Z", "2026-12-17T16:00:00Z");
  sync_now (f);
  disk = portal_id_of (f, disk_key);
  export = portal_id_of (f, export_key);
  database = notice_id_of (f, database_key);
  firewall = notice_id_of (f, firewall_key);
  EXPECT_NOTHING (f);

  /* 10:00: LockThreat answers the disk ticket, triaging it. */
  move_to (f, "2026-12-07T15:00:00Z");
  support (f, disk, "{\"to\": \"triaged\", \"comment\": \"Which volume is full?\"}");
  sync_now (f);
  EXPECT (f,
          "+ ticket-update:LT-000001:EV-000002 | LockThreat triaged LT-000001 | Disk full on node 2 | app.show-ticket::LT-000001 | ");

  /* The export ticket's first response comes at risk at 15:45, with a
   * quarter of its 9 business hours left, and is due Tue 09:00. */
  move_to (f, "2026-12-07T20:44:00Z");
  EXPECT_NOTHING (f);
  move_to (f, "2026-12-07T20:46:00Z");
  EXPECT (f,
          "+ sla-at-risk:LT-000002:1796738400 | LT-000002: first response at risk | LockThreat's first response is due Tue 15:00 (§9): Report export slow | app.show-ticket::LT-000002 | Escalate=app.escalate-ticket::LT-000002");
  /* The night: nothing. */
  move_to (f, "2026-12-08T13:59:00Z");
  EXPECT_NOTHING (f);
  /* Tue 09:00: breached, while LockThreat is open. */
  move_to (f, "2026-12-08T14:01:00Z");
  EXPECT (f,
          "+ sla-breached:LT-000002:1796738400 | LT-000002: first response overdue | LockThreat's first response was due Tue 15:00; you can escalate (§9): Report export slow | app.show-ticket::LT-000002 | Escalate=app.escalate-ticket::LT-000002 | urgent",
          "- sla-at-risk:LT-000002:1796738400");

  /* 10:00: LockThreat answers the export ticket (withdrawing the SLA
   * notifications) and asks about the disk ticket. */
  move_to (f, "2026-12-08T15:00:00Z");
  support (f, export, "{\"to\": \"triaged\", \"comment\": \"We can reproduce it.\"}");
  support (f, disk, "{\"to\": \"in-progress\"}");
  support (f, disk, "{\"to\": \"awaiting-customer\", \"comment\": \"Please send df -h of node 2.\"}");
  review_path = g_strdup_printf ("/_dev/change-notices/%s/review", database);
  {
    g_autoptr(JsonNode) reviewed = lt_test_devportal_request (f->portal, "POST", review_path,
      "{\"state\": \"reviewed\", \"review_outcome\": \"concerns\"}");

    g_assert_nonnull (reviewed);
  }
  g_clear_pointer (&review_path, g_free);
  review_path = g_strdup_printf ("/_dev/change-notices/%s/review", firewall);
  {
    g_autoptr(JsonNode) under_review = lt_test_devportal_request (f->portal, "POST", review_path,
      "{\"state\": \"under-review\"}");

    g_assert_nonnull (under_review);
  }
  move_to (f, "2026-12-08T15:01:00Z");
  sync_now (f);
  EXPECT (f,
          "+ awaiting-customer:LT-000001:1796742000 | LT-000001 awaits your answer | Answer by 15 Dec, 16:00 or it closes (§13): Disk full on node 2 | app.show-ticket::LT-000001 | ",
          "+ change-reviewed:CN-000001 | LockThreat has concerns about a change | Review of “Database upgrade” (§6) | app.show-change::CN-000001 | ",
          "+ ticket-update:LT-000001:EV-000005 | LT-000001 is in progress | Disk full on node 2 | app.show-ticket::LT-000001 | ",
          "+ ticket-update:LT-000001:EV-000007 | LockThreat asked you about LT-000001 | Disk full on node 2 | app.show-ticket::LT-000001 | ",
          "+ ticket-update:LT-000002:EV-000004 | LockThreat triaged LT-000002 | Report export slow | app.show-ticket::LT-000002 | ",
          "- sla-breached:LT-000002:1796738400");

  /* Fri 11th, 17:30 at the vendor: the app is closed for the weekend. */
  move_to (f, "2026-12-11T22:30:00Z");
  sync_now (f);
  EXPECT_NOTHING (f);
  close_app (f);

  /* Meanwhile: the export ticket is resolved, and maintenance is
   * announced for Tuesday. */
  move_to (f, "2026-12-12T15:00:00Z");
  support (f, export, "{\"to\": \"in-progress\"}");
  support (f, export, "{\"to\": \"resolved\", \"comment\": \"Fixed by the index in 3.5.1.\"}");
  {
    g_autoptr(JsonNode) window = lt_test_devportal_announce_window (f->portal,
      "{\"kind\": \"scheduled\", \"title\": \"Signature service upgrade\", "
      "\"starts_at\": \"2026-12-15T23:00:00Z\", \"ends_at\": \"2026-12-16T01:00:00Z\", "
      "\"affects\": \"saas\"}");

    g_assert_nonnull (window);
  }

  /* Mon 14th, 11:00 at the vendor: the app starts again; the disk
   * ticket closes tomorrow at 10:00 unless answered. */
  move_to (f, "2026-12-14T16:00:00Z");
  open_app (f, TRUE);
  EXPECT (f,
          "+ away | While you were away: 1 notification | LT-000001 closes within a business day, closes Tue 16:00 | app.show-page::overview | ");
  sync_now (f);
  EXPECT (f,
          "+ away | While you were away: 4 notifications | LT-000001 closes within a business day, closes Tue 16:00; LT-000002 was resolved: confirm or say it is not fixed, closes 21 Dec, 16:00; 2 ticket updates | app.show-page::overview | ");

  /* The Overview lists what the summary names. */
  {
    GtkWidget *page = g_object_new (LT_TYPE_OVERVIEW_PAGE, NULL);

    g_object_ref_sink (page);
    lt_overview_page_set_context (LT_OVERVIEW_PAGE (page), f->context);
    lt_overview_page_refresh (LT_OVERVIEW_PAGE (page));
    g_assert_nonnull (lt_ui_find_row (page, "LT-000001 closes within a business day"));
    g_assert_nonnull (lt_ui_find_row (page, "LT-000002 was resolved: confirm or say it is not fixed"));
    lt_notifier_dismiss_away (f->notifier);
    lt_overview_page_refresh (LT_OVERVIEW_PAGE (page));
    g_assert_null (lt_ui_find_row (page, "LT-000001 closes within a business day"));
    g_object_unref (page);
  }
  EXPECT (f, "- away");

  /* Restarted at once: nothing again. */
  close_app (f);
  open_app (f, TRUE);
  sync_now (f);
  EXPECT_NOTHING (f);

  /* The admin answers the disk ticket, and saves a draft notice of a
   * storage migration on Wednesday 23rd. */
  move_to (f, "2026-12-14T16:30:00Z");
  answer (f, disk, "/dev/sdb1 is at 100 %.");
  {
    g_autoptr(LtChangeNotice) draft = new_notice ("Storage migration", "2026-12-23T15:00:00Z",
                                                  "2026-12-23T18:00:00Z");
    g_autoptr(GDateTime) now = lt_clock_dup_now (f->clock);
    g_autoptr(GError) error = NULL;

    lt_change_notice_set_state (draft, LT_CHANGE_STATE_DRAFT);
    lt_change_notice_set_local_id (draft, "5d6c1f0e-8a43-4b7e-9d2c-3f1a0b9e7c21");
    g_assert_true (lt_store_save_change_notice_draft (lt_context_get_store (f->context), draft,
                                                      now, &error));
    g_assert_no_error (error);
  }
  sync_now (f);
  EXPECT (f,
          "- awaiting-customer:LT-000001:1796742000",
          "- awaiting-closing:LT-000001:1796742000");

  /* The maintenance reminders: 24 h and 1 h before. */
  move_to (f, "2026-12-14T23:00:00Z");
  EXPECT (f,
          "+ maintenance:MW-000001:1440 | Maintenance in 1 day | Signature service upgrade starts Wed 00:00 (§10) | app.show-page::maintenance | ");
  move_to (f, "2026-12-15T22:00:00Z");
  EXPECT (f,
          "+ maintenance:MW-000001:60 | Maintenance in 1 hour | Signature service upgrade starts Wed 00:00 (§10) | app.show-page::maintenance | ");

  /* Suspended overnight from Tue 22:30 to Wed 14:00: meanwhile the
   * window ran and a release came out. */
  move_to (f, "2026-12-15T22:30:00Z");
  {
    g_autoptr(JsonNode) release = lt_test_devportal_publish_release (f->portal,
      "{\"version\": \"3.6.0\", \"released\": \"2026-12-16\", \"notes\": \"New collector.\"}");

    g_assert_nonnull (release);
  }
  move_to (f, "2026-12-16T14:00:00Z");
  lt_notifier_resumed (f->notifier);
  sync_now (f);
  EXPECT (f,
          "- maintenance:MW-000001:1440",
          "- maintenance:MW-000001:60",
          "+ away | While you were away: 1 notification | LockThreat 3.6.0 was released | app.show-page::overview | ");
  /* The summary's release: the installation on 3.3 is out of support,
   * the one on 3.4 is next (§11). */
  {
    GPtrArray *away = lt_notifier_get_away (f->notifier);
    g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
    g_autofree char *body = NULL;

    g_assert_cmpuint (away->len, ==, 1);
    body = lt_alert_dup_body (g_ptr_array_index (away, 0), zone);
    g_assert_cmpstr (body, ==, "No longer supported: Frankfurt cluster. "
                               "The next release ends support for: Lab. (§11)");
  }

  /* The firewall change starts tomorrow at 10:00 and LockThreat has not
   * reviewed it. */
  move_to (f, "2026-12-16T15:30:00Z");
  EXPECT (f,
          "+ change-unreviewed:CN-000002 | A change starts within 24 hours without a review | “Firewall rules” starts Thu 16:00 and LockThreat has not reviewed it (§6) | app.show-change::CN-000002 | ");

  /* Thursday: tomorrow is the last day to send the storage migration's
   * notice on time. */
  move_to (f, "2026-12-17T13:30:00Z");
  EXPECT (f,
          "+ change-notice-due:5d6c1f0e-8a43-4b7e-9d2c-3f1a0b9e7c21:1798038000 | Last chance to give notice of a change on time | Send the notice of “Storage migration” before Sat 06:00 to give LockThreat its lead time (§6) | app.show-change::5d6c1f0e-8a43-4b7e-9d2c-3f1a0b9e7c21 | ");

  /* The admin does not want invoice notifications. */
  switch_kind (f, LT_ALERT_KIND_INVOICE_OVERDUE, FALSE);
  {
    g_auto(GStrv) off = g_settings_get_strv (f->settings, "notifications-off");

    g_assert_true (g_strv_contains ((const char * const *) off, "invoice-overdue"));
  }

  /* The invoice of 20 October passes 60 days on Sunday 20 December:
   * nothing, as asked. */
  move_to (f, "2026-12-21T14:00:00Z");
  sync_now (f);
  EXPECT (f,
          "- change-unreviewed:CN-000002",
          "- change-notice-due:5d6c1f0e-8a43-4b7e-9d2c-3f1a0b9e7c21:1798038000");
  /* Switched on again, the past does not come back. */
  switch_kind (f, LT_ALERT_KIND_INVOICE_OVERDUE, TRUE);
  EXPECT_NOTHING (f);

  /* The resolved export ticket closes itself at 10:00; not knowing yet,
   * the admin says it is not fixed at 11:00, and the portal refuses. */
  move_to (f, "2026-12-21T16:00:00Z");
  answer (f, export, "Still slow with 50,000 rows.");
  sync_now (f);
  EXPECT (f,
          "- resolved:LT-000002:1797087600",
          "+ ticket-update:LT-000002:EV-000013 | LT-000002 was closed: Resolved, no customer answer | Report export slow | app.show-ticket::LT-000002 | ",
          "+ outbox-refused:* | The portal refused: Comment on LT-000002 | It will not be sent: *(409): invalid_transition * | app.show-page::overview | ");

  /* Its reopen window runs over Christmas Day. */
  move_to (f, "2026-12-28T15:30:00Z");
  sync_now (f);
  EXPECT (f,
          "+ reopen-ending:LT-000002:1797865200 | Last business day to reopen LT-000002 | It can be reopened until Tue 16:00; after that only a new ticket can follow it up (§14): Report export slow | app.show-ticket::LT-000002 | ");
  /* The reopen window ends: the notification goes. */
  move_to (f, "2026-12-29T15:00:00Z");
  EXPECT (f,
          "- reopen-ending:LT-000002:1797865200");

  /* A last restart: nothing of the month again. */
  close_app (f);
  open_app (f, TRUE);
  sync_now (f);
  EXPECT_NOTHING (f);
}

/* The real notification server: dunst on the private bus, drawing on the
 * test's X display. GNotification uses org.freedesktop.Notifications
 * when no org.gtk.Notifications is there, as on a desktop without GNOME
 * Shell. */
static void
setup_dunst (Fixture       *f,
             gconstpointer  data)
{
  static guint serial;
  g_autofree char *dir = g_strdup_printf ("dunst-profile-%u", ++serial);
  g_autoptr(GDateTime) start = lt_instant_parse ("2026-12-08T14:56:00Z", NULL);
  g_autoptr(GError) error = NULL;

  f->server = lt_test_notification_server_new_dunst ();
  start_application (f);
  f->settings = g_settings_new (APPLICATION_ID);
  f->clock = lt_clock_new_fixed (start);
  f->store_path = g_build_filename (lt_app_test_get_scratch_dir (), dir, "support.db", NULL);
  f->context = lt_context_new (f->clock, f->settings, &error);
  g_assert_no_error (error);
  g_assert_true (lt_context_open_store (f->context, f->store_path, &error));
  lt_app_test_wait_tickets_read (f->context);
}

static void
teardown_dunst (Fixture       *f,
                gconstpointer  data)
{
  g_clear_object (&f->notifier);
  g_clear_object (&f->context);
  g_clear_object (&f->settings);
  g_clear_object (&f->clock);
  g_clear_object (&f->application);
  g_clear_pointer (&f->server, lt_test_notification_server_free);
  g_clear_pointer (&f->store_path, g_free);
  lt_app_test_flush ();
}

/* Runs the main context for @ms: the server's answers (the ids GLib
 * needs to close a notification later) arrive meanwhile. */
static void
iterate_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_real_server (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LtMaintenanceWindow) window = lt_maintenance_window_new ();
  g_autoptr(GDateTime) announced = lt_instant_parse ("2026-12-08T14:55:00Z", NULL);
  g_autoptr(GDateTime) starts = lt_instant_parse ("2026-12-08T16:00:00Z", NULL);
  g_autoptr(GDateTime) ends = lt_instant_parse ("2026-12-08T18:00:00Z", NULL);
  g_autoptr(GDateTime) hour_before = lt_instant_parse ("2026-12-08T15:00:00Z", NULL);
  g_autoptr(GDateTime) later = lt_instant_parse ("2026-12-08T16:00:00Z", NULL);
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GError) error = NULL;
  LtShownNotification *notify;

  f->notifier = lt_notifier_new (f->context, f->application);
  lt_notifier_check (f->notifier);
  g_assert_cmpuint (lt_test_notification_server_count_displayed (f->server), ==, 0);

  /* An emergency window, announced 65 minutes ahead: at once (§10). */
  lt_maintenance_window_set_id (window, "MW-EMERGENCY-1");
  lt_maintenance_window_set_kind (window, LT_MAINTENANCE_KIND_EMERGENCY);
  lt_maintenance_window_set_title (window, "Emergency patch of the signature service");
  lt_maintenance_window_set_starts_at (window, starts);
  lt_maintenance_window_set_ends_at (window, ends);
  lt_maintenance_window_set_announced_at (window, announced);
  lt_maintenance_window_set_affects (window, LT_MAINTENANCE_AFFECTS_BOTH);
  g_assert_true (lt_store_upsert_maintenance_window (lt_context_get_store (f->context), window,
                                                     announced, &error));
  g_assert_no_error (error);
  lt_notifier_check (f->notifier);

  g_assert_true (lt_test_notification_server_wait (f->server, 1, 5000));
  shown = lt_test_notification_server_take (f->server);
  g_assert_cmpuint (shown->len, ==, 1);
  notify = g_ptr_array_index (shown, 0);
  g_assert_false (notify->removed);
  g_assert_nonnull (strstr (notify->title, "Emergency"));
  g_assert_nonnull (strstr (notify->body, "Emergency patch of the signature service"));
  g_assert_cmpstr (notify->priority, ==, "urgent");
  g_assert_cmpstr (notify->default_action, ==, "default");
  /* The real server shows it. */
  for (guint attempt = 0; attempt < 100 && lt_test_notification_server_count_displayed (f->server) == 0; attempt++)
    iterate_for (20);
  g_assert_cmpuint (lt_test_notification_server_count_displayed (f->server), ==, 1);
  iterate_for (300);

  /* An hour before it starts, the second reminder (§10). */
  lt_clock_set_now (f->clock, hour_before);
  lt_notifier_check (f->notifier);
  g_assert_true (lt_test_notification_server_wait (f->server, 1, 5000));
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = lt_test_notification_server_take (f->server);
  g_assert_cmpuint (shown->len, ==, 1);
  notify = g_ptr_array_index (shown, 0);
  g_assert_nonnull (strstr (notify->title, "1 hour"));
  for (guint attempt = 0; attempt < 100 && lt_test_notification_server_count_displayed (f->server) < 2; attempt++)
    iterate_for (20);
  g_assert_cmpuint (lt_test_notification_server_count_displayed (f->server), ==, 2);
  iterate_for (300);

  /* The window starts: the reminders' reason is gone, the server is told
   * to close both, and does. */
  lt_clock_set_now (f->clock, later);
  lt_notifier_check (f->notifier);
  g_assert_true (lt_test_notification_server_wait (f->server, 2, 5000));
  g_clear_pointer (&shown, g_ptr_array_unref);
  shown = lt_test_notification_server_take (f->server);
  g_assert_cmpuint (shown->len, ==, 2);
  g_assert_true (((LtShownNotification *) g_ptr_array_index (shown, 0))->removed);
  g_assert_true (((LtShownNotification *) g_ptr_array_index (shown, 1))->removed);
  for (guint attempt = 0; attempt < 100 && lt_test_notification_server_count_displayed (f->server) > 0; attempt++)
    iterate_for (20);
  g_assert_cmpuint (lt_test_notification_server_count_displayed (f->server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Before anything connects to the session bus. */
  lt_test_notification_bus_up ();
  lt_app_test_init (&argc, &argv);

  g_test_add ("/app/notifications/month", Fixture, NULL, setup, test_month, teardown);
  g_test_add ("/app/notifications/first-look-one-commit", Fixture, NULL, setup,
              test_first_look_one_commit, teardown);
  g_test_add ("/app/notifications/away-listed", Fixture, NULL, setup,
              test_away_listed, teardown);
  g_test_add ("/app/notifications/real-server", Fixture, NULL, setup_dunst, test_real_server,
              teardown_dunst);

  status = g_test_run ();
  lt_test_notification_bus_down ();

  return status;
}
