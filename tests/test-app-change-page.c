/* test-app-change-page.c: a change notice's own page, against the real
 * lockthreat-devportal (finding 5 of issue 12; toasts of finding 8)
 *
 * The app's clock and the portal's are both stopped at Monday 30
 * November 2026, 10:00 in Indianapolis (15:00 UTC): a notice given then
 * may start on Thursday 3 December at the earliest (R8), so a change on
 * Tuesday 1 December is 2 business days late. A scheduled maintenance
 * window covers that Tuesday evening.
 *
 * Before this page, a row of the Changes page did nothing when activated:
 * lt_changes_page_open_notice() and the page did not exist, the review
 * text was not in the contract, and no notice could be rescheduled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-change-page"

#include "config.h"

#include "lt-actions.h"
#include "lt-app-test-portal.h"
#include "lt-app-test-util.h"
#include "lt-change-notice-dialog.h"
#include "lt-change-notice-dialog-private.h"
#include "lt-change-notice-page.h"
#include "lt-change-notice-page-private.h"
#include "lt-changes-page.h"
#include "lt-credentials.h"
#include "lt-sync-controller.h"
#include "lt-test-devportal.h"
#include "lt-test-util.h"
#include "lt-window.h"
#include "lt-window-private.h"

#include <string.h>

#define TOKEN "change-page-token-7d21e9"
#define NOW   "2026-11-30T15:00:00Z"
#define TITLE "Upgrade the collector hosts to RHEL 9.4"
#define REVIEW_TEXT "The upgrade overlaps our database maintenance on 1 December.\n" \
                    "Move it to the week after, or keep nw-col-01 on 9.3 until then."
#define WINDOW_TITLE "Database cluster patching"

typedef LtAppPortalFixture Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  const LtAppPortalOptions options = {
    .token = TOKEN, .demo = FALSE, .now = NOW, .connected = TRUE, .width = 1280, .height = 900,
  };

  /* Toasts come and go at once: the one a test waits for is shown. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  lt_app_portal_fixture_setup (f, &options);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  lt_app_portal_fixture_teardown (f);
}

static LtChangesPage *
changes_page (Fixture *f)
{
  return LT_CHANGES_PAGE (lt_window_get_page (f->window, "changes"));
}

/* The notice of the context's list titled @title (the newest one when the
 * title is shared, as after a reschedule: the one without replaced_by). */
static LtChangeNotice *
find_notice (Fixture    *f,
             const char *title,
             gboolean    replaced)
{
  GListModel *notices = G_LIST_MODEL (lt_context_get_change_notices (f->context));

  for (guint i = 0; i < g_list_model_get_n_items (notices); i++)
    {
      g_autoptr(LtChangeNotice) notice = g_list_model_get_item (notices, i);

      if (g_strcmp0 (lt_change_notice_get_title (notice), title) == 0 &&
          (lt_change_notice_get_state (notice) == LT_CHANGE_STATE_WITHDRAWN) == replaced)
        return g_steal_pointer (&notice);
    }
  return NULL;
}

static GtkWidget *
find_close_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "window-close-symbolic") == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_close_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A toast with @text is shown in the window (others before it are
 * dismissed as their close button does). */
static gboolean
toast_shown (Fixture    *f,
             const char *text)
{
  for (guint attempt = 0; attempt < 20; attempt++)
    {
      GtkWidget *overlay = lt_app_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);
      GtkWidget *toast = NULL;

      lt_app_test_flush ();
      if (lt_app_test_find_label (overlay, text) != NULL)
        return TRUE;
      for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget"))
          toast = child;
      if (toast == NULL)
        return FALSE;
      /* Its close button. */
      {
        GtkWidget *button = find_close_button (toast);

        g_assert_nonnull (button);
        g_signal_emit_by_name (button, "clicked");
      }
    }
  return FALSE;
}

/* Files a notice as the app does (lt-actions, then the outbox's push):
 * the change on Tuesday 1 December 14:00–16:00 Indianapolis. */
static void
file_notice (Fixture    *f,
             const char *title)
{
  static const char * const systems[] = { "nw-col-01", "nw-col-02", NULL };
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new_queued ();
  g_autoptr(GDateTime) start = lt_test_instant ("2026-12-01T19:00:00Z");
  g_autoptr(GDateTime) end = lt_test_instant ("2026-12-01T21:00:00Z");
  g_autoptr(GDateTime) now = lt_test_instant (NOW);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  lt_change_notice_set_kind (notice, LT_CHANGE_KIND_INFRASTRUCTURE);
  lt_change_notice_set_title (notice, title);
  lt_change_notice_set_description (notice, "In-place upgrade, one collector at a time; "
                                            "agents fail over to the other.");
  lt_change_notice_set_systems (notice, systems);
  lt_change_notice_set_planned_start (notice, start);
  lt_change_notice_set_planned_end (notice, end);
  lt_change_notice_set_rollback_plan (notice, "Boot the previous kernel and restore the VM snapshot.");
  lt_change_notice_set_risk (notice, LT_RISK_MEDIUM);
  key = lt_actions_submit_change_notice (lt_context_get_outbox (f->context),
                                         lt_context_get_policy (f->context), notice, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  lt_app_portal_fixture_expect_run (f);
  g_assert_true (lt_app_portal_fixture_wait_started_run (f, 60000));
  lt_app_test_flush ();
}

static void
announce_window (Fixture *f)
{
  g_autoptr(JsonNode) window = NULL;

  window = lt_test_devportal_announce_window (f->portal,
                                              "{\"kind\": \"scheduled\", \"title\": \"" WINDOW_TITLE "\","
                                              " \"starts_at\": \"2026-12-01T20:00:00Z\","
                                              " \"ends_at\": \"2026-12-01T23:00:00Z\", \"affects\": \"saas\"}");
  g_assert_nonnull (window);
}

static void
review (Fixture    *f,
        const char *id,
        const char *body)
{
  g_autofree char *path = g_strdup_printf ("/_dev/change-notices/%s/review", id);
  g_autoptr(JsonNode) answer = lt_test_devportal_request (f->portal, "POST", path, body);

  g_assert_nonnull (answer);
}

static JsonObject *
portal_notice (Fixture    *f,
               const char *id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/change-notices/%s", id);
  JsonNode *node = lt_test_devportal_request (f->portal, "GET", path, NULL);
  JsonObject *object = json_object_ref (json_node_get_object (node));

  json_node_unref (node);
  return object;
}

/* Activates the Changes page's row titled @title, as Enter or a click
 * does, and returns the notice page it opens. */
static LtChangeNoticePage *
open_row (Fixture    *f,
          const char *title)
{
  GtkWidget *label, *row;
  LtChangeNoticePage *page;

  lt_window_show_page (f->window, "changes");
  lt_app_test_flush ();
  g_assert_null (lt_changes_page_get_notice_page (changes_page (f)));
  label = lt_app_test_find_label (GTK_WIDGET (changes_page (f)), title);
  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, GTK_TYPE_LIST_BOX_ROW);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  lt_app_test_flush ();

  page = lt_changes_page_get_notice_page (changes_page (f));
  g_assert_nonnull (page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  return page;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  GtkWidget *found = lt_app_test_find_label (root, label);

  g_assert_nonnull (found);
  return gtk_widget_get_ancestor (found, GTK_TYPE_BUTTON);
}

/* The toplevel of @type that is shown, or NULL. */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

/* Everything sent, LockThreat's review with its words, the lateness by
 * R8 and the maintenance overlap; Back returns to the row. */
static void
test_everything (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LtChangeNotice) notice = NULL;
  LtChangeNoticePage *page;
  GtkWidget *root;

  announce_window (f);
  lt_app_portal_fixture_sync_now (f);
  file_notice (f, TITLE);
  notice = find_notice (f, TITLE, FALSE);
  g_assert_nonnull (notice);
  g_assert_nonnull (lt_change_notice_get_id (notice));
  review (f, lt_change_notice_get_id (notice),
          "{\"state\": \"reviewed\", \"review_outcome\": \"concerns\", \"review_text\": "
          "\"The upgrade overlaps our database maintenance on 1 December.\\n"
          "Move it to the week after, or keep nw-col-01 on 9.3 until then.\"}");
  lt_app_portal_fixture_sync_now (f);

  page = open_row (f, TITLE);
  root = GTK_WIDGET (page);
  g_assert_cmpstr (lt_change_notice_get_title (lt_change_notice_page_get_notice (page)), ==, TITLE);

  /* The review, with the vendor's own text, selectable. */
  g_assert_cmpstr (lt_change_notice_page_get_state_text (page), ==, "Reviewed: concerns");
  g_assert_cmpstr (lt_change_notice_page_get_review_text (page), ==, REVIEW_TEXT);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (lt_app_test_find_label (root, REVIEW_TEXT))));

  /* R8 by core: notice Monday, start Tuesday, 2 business days short. */
  g_assert_cmpstr (lt_change_notice_page_get_lead_time_text (page), ==,
                   "Late by 2 business days — not covered by the risk review");
  /* R8: the overlap with the vendor's window. */
  g_assert_nonnull (lt_change_notice_page_get_overlap_text (page));
  g_assert_nonnull (strstr (lt_change_notice_page_get_overlap_text (page), WINDOW_TITLE));

  /* Everything that was sent. */
  g_assert_nonnull (lt_app_test_find_label (root, TITLE));
  g_assert_nonnull (lt_app_test_find_label (root, "In-place upgrade, one collector at a time; "
                                                  "agents fail over to the other."));
  g_assert_nonnull (lt_app_test_find_label (root, "Boot the previous kernel and restore the VM snapshot."));
  g_assert_nonnull (lt_app_test_find_label (root, "nw-col-01, nw-col-02"));
  g_assert_nonnull (lt_app_test_find_label (root, "Infrastructure or environment"));
  g_assert_nonnull (lt_app_test_find_label (root, lt_change_notice_get_id (notice)));

  /* Reviewed: it can be moved, not withdrawn (R8: until reviewed). */
  g_assert_true (gtk_widget_get_visible (find_button (root, "Reschedule…")));
  g_assert_false (gtk_widget_get_visible (find_button (root, "Withdraw…")));

  /* Escape (the page's shortcut, the back button's action) returns to the
   * list, the focus on the notice's row. */
  g_assert_true (gtk_widget_activate_action (root, "changes.back", NULL));
  lt_app_test_flush ();
  g_assert_null (lt_changes_page_get_notice_page (changes_page (f)));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

    g_assert_nonnull (focus);
    g_assert_nonnull (gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) ?: (GTK_IS_LIST_BOX_ROW (focus) ? focus : NULL));
  }

  /* A notification's button about it ("LockThreat has concerns about a
   * change") opens the page, where the concerns are. */
  lt_window_show_page (f->window, "overview");
  lt_window_show_change_notice (f->window, lt_change_notice_get_id (notice));
  lt_app_test_flush ();
  g_assert_cmpstr (lt_window_get_visible_page (f->window), ==, "changes");
  page = lt_changes_page_get_notice_page (changes_page (f));
  g_assert_nonnull (page);
  g_assert_cmpstr (lt_change_notice_page_get_review_text (page), ==, REVIEW_TEXT);
}

/* Sent from the form: a toast says so; withdrawn from its page: a toast,
 * the portal has it withdrawn, the page says so. */
static void
test_send_and_withdraw (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GDateTime) start = lt_test_instant ("2026-12-08T15:00:00Z");
  g_autoptr(GDateTime) end = lt_test_instant ("2026-12-08T17:00:00Z");
  g_autoptr(LtChangeNotice) notice = NULL;
  g_autoptr(JsonObject) on_portal = NULL;
  LtChangeNoticePage *page;
  GtkWidget *dialog;

  dialog = lt_change_notice_dialog_new (f->context);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (f->window));
  gtk_window_present (GTK_WINDOW (dialog));
  lt_change_notice_dialog_set_title (LT_CHANGE_NOTICE_DIALOG (dialog), TITLE);
  lt_change_notice_dialog_set_schedule (LT_CHANGE_NOTICE_DIALOG (dialog), start, end);
  lt_app_portal_fixture_expect_run (f);
  g_assert_true (gtk_widget_activate_action (dialog, "notice.send", NULL));
  g_assert_true (toast_shown (f, "Change notice queued: it is sent to LockThreat as soon as the portal can be reached"));
  g_assert_true (lt_app_portal_fixture_wait_started_run (f, 60000));
  lt_app_test_flush ();

  notice = find_notice (f, TITLE, FALSE);
  g_assert_nonnull (notice);
  g_assert_nonnull (lt_change_notice_get_id (notice));
  page = open_row (f, TITLE);
  g_assert_cmpstr (lt_change_notice_page_get_state_text (page), ==, "Submitted");
  g_assert_null (lt_change_notice_page_get_review_text (page));
  g_assert_cmpstr (lt_change_notice_page_get_lead_time_text (page), ==, "Given in time");
  g_assert_null (lt_change_notice_page_get_overlap_text (page));

  lt_app_test_click (find_button (GTK_WIDGET (page), "Withdraw…"));
  lt_app_test_flush ();
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  lt_app_portal_fixture_expect_run (f);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "withdraw");
  g_assert_true (toast_shown (f, "Withdrawal queued: it is sent as soon as the portal can be reached"));
  g_assert_true (lt_app_portal_fixture_wait_started_run (f, 60000));
  lt_app_test_flush ();

  on_portal = portal_notice (f, lt_change_notice_get_id (notice));
  g_assert_cmpstr (json_object_get_string_member (on_portal, "state"), ==, "withdrawn");
  g_assert_cmpstr (lt_change_notice_page_get_state_text (page), ==, "Withdrawn");
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (page), "Withdraw…")));
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (page), "Reschedule…")));
}

/* Reviewed with concerns, moved to the week after from its page: the form
 * comes filled from the old notice, a toast says so, the portal has one
 * new notice that replaces the old one (withdrawn, replaced_by), and each
 * page names the other. */
static void
test_reschedule (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) start = lt_test_instant ("2026-12-08T19:00:00Z");
  g_autoptr(GDateTime) end = lt_test_instant ("2026-12-08T21:00:00Z");
  g_autoptr(LtChangeNotice) old = NULL;
  g_autoptr(LtChangeNotice) replacement = NULL;
  g_autoptr(JsonObject) old_on_portal = NULL;
  g_autoptr(JsonObject) new_on_portal = NULL;
  g_autofree char *toast = NULL;
  LtChangeNoticePage *page;
  GtkWidget *dialog;
  gint64 before;

  file_notice (f, TITLE);
  old = find_notice (f, TITLE, FALSE);
  review (f, lt_change_notice_get_id (old),
          "{\"state\": \"reviewed\", \"review_outcome\": \"concerns\", "
          "\"review_text\": \"Move it to the week after.\"}");
  lt_app_portal_fixture_sync_now (f);
  before = lt_test_devportal_count (f->portal, "change_notices");

  page = open_row (f, TITLE);
  lt_app_test_click (find_button (GTK_WIDGET (page), "Reschedule…"));
  lt_app_test_flush ();
  dialog = find_toplevel (LT_TYPE_CHANGE_NOTICE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Reschedule Change Notice");
  g_assert_cmpstr (lt_change_notice_get_id (lt_change_notice_dialog_get_replaces (LT_CHANGE_NOTICE_DIALOG (dialog))),
                   ==, lt_change_notice_get_id (old));
  /* Prefilled: everything that was sent, its dates too. */
  g_assert_nonnull (lt_app_test_find_label (dialog, "Boot the previous kernel and restore the VM snapshot.") ?:
                    lt_app_test_find_widget (dialog, GTK_TYPE_TEXT_VIEW));
  g_assert_true (g_str_has_prefix (lt_change_notice_dialog_get_lead_time_text (LT_CHANGE_NOTICE_DIALOG (dialog)),
                                   "Late by 2 business days"));
  lt_change_notice_dialog_set_schedule (LT_CHANGE_NOTICE_DIALOG (dialog), start, end);
  g_assert_cmpstr (lt_change_notice_dialog_get_lead_time_text (LT_CHANGE_NOTICE_DIALOG (dialog)), ==,
                   "Earliest compliant start: Thursday 3 December");
  lt_app_portal_fixture_expect_run (f);
  g_assert_true (gtk_widget_activate_action (dialog, "notice.send", NULL));
  toast = g_strdup_printf ("Reschedule of “%s” queued: the new notice replaces it once LockThreat has it", TITLE);
  g_assert_true (toast_shown (f, toast));
  g_assert_true (lt_app_portal_fixture_wait_started_run (f, 60000));
  lt_app_portal_fixture_sync_now (f);

  /* One new notice on the portal, the old one withdrawn for it. */
  g_assert_cmpint (lt_test_devportal_count (f->portal, "change_notices"), ==, before + 1);
  replacement = find_notice (f, TITLE, FALSE);
  g_assert_nonnull (replacement);
  g_assert_nonnull (lt_change_notice_get_id (replacement));
  g_assert_cmpstr (lt_change_notice_get_id (replacement), !=, lt_change_notice_get_id (old));
  old_on_portal = portal_notice (f, lt_change_notice_get_id (old));
  new_on_portal = portal_notice (f, lt_change_notice_get_id (replacement));
  g_assert_cmpstr (json_object_get_string_member (old_on_portal, "state"), ==, "withdrawn");
  g_assert_cmpstr (json_object_get_string_member (old_on_portal, "replaced_by"), ==,
                   lt_change_notice_get_id (replacement));
  g_assert_cmpstr (json_object_get_string_member (new_on_portal, "replaces"), ==, lt_change_notice_get_id (old));
  g_assert_cmpstr (json_object_get_string_member (new_on_portal, "rollback_plan"), ==,
                   "Boot the previous kernel and restore the VM snapshot.");
  g_assert_cmpstr (json_object_get_string_member (new_on_portal, "state"), ==, "submitted");
  g_assert_false (json_object_get_boolean_member (new_on_portal, "late"));

  /* The old page: withdrawn for the new one, which it opens. */
  g_assert_cmpstr (lt_change_notice_page_get_state_text (page), ==, "Withdrawn: rescheduled");
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (page), "Reschedule…")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "changes.open", "s",
                                             lt_change_notice_get_id (replacement)));
  lt_app_test_flush ();
  g_assert_cmpstr (lt_change_notice_get_id (lt_change_notice_page_get_notice (page)), ==,
                   lt_change_notice_get_id (replacement));
  g_assert_cmpstr (lt_change_notice_page_get_lead_time_text (page), ==, "Given in time");
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (page), "Replaces"));
}

/* Offline: the reschedule waits in the outbox, survives the wait, and the
 * portal gets it once, however often the app syncs. */
static void
test_reschedule_offline (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GDateTime) start = lt_test_instant ("2026-12-09T19:00:00Z");
  g_autoptr(GDateTime) end = lt_test_instant ("2026-12-09T21:00:00Z");
  g_autoptr(LtChangeNotice) old = NULL;
  g_autoptr(LtChangeNotice) replacement = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = lt_test_instant (NOW);
  g_autofree char *key = NULL;
  gint64 before;
  gint64 replays = 0;

  file_notice (f, TITLE);
  old = find_notice (f, TITLE, FALSE);
  before = lt_test_devportal_count (f->portal, "change_notices");

  lt_test_devportal_stop (f->portal);
  replacement = lt_change_notice_new_queued ();
  lt_change_notice_set_title (replacement, TITLE);
  lt_change_notice_set_planned_start (replacement, start);
  lt_change_notice_set_planned_end (replacement, end);
  key = lt_actions_reschedule_change_notice (lt_context_get_outbox (f->context),
                                             lt_context_get_policy (f->context), old, replacement,
                                             now, &error);
  g_assert_no_error (error);
  lt_app_portal_fixture_expect_run (f);
  g_assert_false (lt_app_portal_fixture_wait_started_run (f, 60000));

  /* Back an hour later, past the outbox's backoff. */
  lt_test_devportal_restart (f->portal);
  lt_test_devportal_set_clock (f->portal, "2026-11-30T16:00:00Z");
  {
    g_autoptr(GDateTime) later = lt_test_instant ("2026-11-30T16:00:00Z");

    lt_clock_set_now (f->clock, later);
  }
  lt_app_portal_fixture_sync_now (f);
  lt_app_portal_fixture_sync_now (f);
  g_assert_cmpint (lt_test_devportal_count (f->portal, "change_notices"), ==, before + 1);
  g_assert_cmpuint (lt_test_devportal_key_count (f->portal, key, &replays), ==, 1);
  {
    g_autoptr(JsonObject) old_on_portal = portal_notice (f, lt_change_notice_get_id (old));

    g_assert_cmpstr (json_object_get_string_member (old_on_portal, "state"), ==, "withdrawn");
    g_assert_nonnull (json_object_get_string_member (old_on_portal, "replaced_by"));
  }
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/change-page/everything", Fixture, NULL, setup, test_everything, teardown);
  g_test_add ("/lt/app/change-page/send-and-withdraw", Fixture, NULL, setup, test_send_and_withdraw, teardown);
  g_test_add ("/lt/app/change-page/reschedule", Fixture, NULL, setup, test_reschedule, teardown);
  g_test_add ("/lt/app/change-page/reschedule-offline", Fixture, NULL, setup, test_reschedule_offline,
              teardown);

  return g_test_run ();
}
