/* test-app-new-ticket.c: the new-ticket assistant, step by step, driven
 * through its widgets and actions as a person would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-new-ticket"

#include "config.h"

#include "lt-actions.h"
#include "lt-app-demo-data.h"
#include "lt-app-test-util.h"
#include "lt-new-ticket-assistant.h"
#include "lt-new-ticket-assistant-private.h"
#include "lt-sensitive.h"
#include "lt-store-tickets.h"
#include "lt-test-util.h"
#include "lt-ui-util.h"

#include <string.h>

typedef struct
{
  LtAppFixture          app;
  GtkWidget            *parent;
  LtNewTicketAssistant *assistant;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean demo = GPOINTER_TO_INT (data) == 0;

  lt_app_fixture_setup (&f->app, LT_APP_DEMO_NOW, TRUE);
  if (demo)
    {
      g_assert_true (lt_app_demo_data_fill (lt_context_get_store (f->app.context),
                                            lt_context_get_outbox (f->app.context), &error));
      g_assert_no_error (error);
    }

  f->parent = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (f->parent));
  f->assistant = LT_NEW_TICKET_ASSISTANT (lt_new_ticket_assistant_new (f->app.context));
  /* Closing on submit destroys it; keep the object for the checks. */
  g_object_ref (f->assistant);
  gtk_window_set_transient_for (GTK_WINDOW (f->assistant), GTK_WINDOW (f->parent));
  gtk_window_present (GTK_WINDOW (f->assistant));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->assistant));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->assistant));
  g_object_unref (f->assistant);
  gtk_window_destroy (GTK_WINDOW (f->parent));
  lt_app_fixture_teardown (&f->app);
}

static GtkWidget *
row (Fixture    *f,
     const char *title)
{
  GtkWidget *found = lt_ui_find_row (GTK_WIDGET (f->assistant), title);

  if (found == NULL)
    g_test_message ("no row titled “%s”", title);
  g_assert_nonnull (found);
  return found;
}

static void
toggle (Fixture    *f,
        const char *title,
        gboolean    active)
{
  GtkWidget *found = lt_ui_find_descendant (row (f, title), GTK_TYPE_SWITCH);

  gtk_switch_set_active (GTK_SWITCH (found), active);
}

/* A radio or check button in a row, clicked. */
static void
click_check (Fixture    *f,
             const char *title)
{
  GtkWidget *check = lt_ui_find_descendant (row (f, title), GTK_TYPE_CHECK_BUTTON);

  gtk_widget_activate (check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
}

static void
type (Fixture    *f,
      const char *title,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (f, title)), text);
}

static void
describe (Fixture    *f,
          const char *text)
{
  GtkWidget *view = lt_ui_find_descendant (GTK_WIDGET (f->assistant), GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
}

static void
next (Fixture    *f,
      const char *expected_step)
{
  g_assert_true (lt_new_ticket_assistant_can_continue (f->assistant));
  gtk_widget_activate_action (GTK_WIDGET (f->assistant), "assistant.next", NULL);
  if (expected_step != NULL)
    g_assert_cmpstr (lt_new_ticket_assistant_get_step (f->assistant), ==, expected_step);
}

static const char *
subtitle (Fixture    *f,
          const char *title)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row (f, title)));
}

/* R6 in order, R10's phone line for S1 and security only. */
static void
test_severity (Fixture       *f,
               gconstpointer  data)
{
  const char *phone = lt_policy_get_critical_phone (lt_context_get_policy (f->app.context));
  GtkWidget *phone_row = row (f, "Call the Critical Line Now");

  g_assert_cmpstr (lt_new_ticket_assistant_get_step (f->assistant), ==, "severity");
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));
  g_assert_nonnull (lt_new_ticket_assistant_get_blocker (f->assistant));
  g_assert_false (gtk_widget_get_visible (phone_row));

  toggle (f, "Issues for Some Users or Features", TRUE);
  g_assert_true (lt_new_ticket_assistant_can_continue (f->assistant));
  g_assert_nonnull (row (f, "Severity 3: Minor"));
  g_assert_false (gtk_widget_get_visible (phone_row));

  /* The first yes wins: degraded before limited. */
  toggle (f, "Significantly Degraded", TRUE);
  g_assert_nonnull (row (f, "Severity 2: Major"));
  g_assert_false (gtk_widget_get_visible (phone_row));

  /* A security incident is S1 with the critical line, whatever else. */
  toggle (f, "A Security Incident", TRUE);
  g_assert_nonnull (row (f, "Severity 1: Critical"));
  g_assert_true (gtk_widget_get_visible (phone_row));
  g_assert_nonnull (lt_app_test_find_label (phone_row, phone));

  /* Outage with no workaround for all users: S1 as well. */
  toggle (f, "A Security Incident", FALSE);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row (f, "A Total Outage")), TRUE);
  toggle (f, "No Workaround Exists", TRUE);
  toggle (f, "All Users Are Affected", TRUE);
  g_assert_nonnull (row (f, "Severity 1: Critical"));
  g_assert_true (gtk_widget_get_visible (phone_row));

  /* Accessibility: the switches carry the question. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (lt_ui_find_descendant (row (f, "A Security Incident"),
                                                                              GTK_TYPE_SWITCH)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "A security incident");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (lt_ui_find_descendant (row (f, "A Security Incident"),
                                                                          GTK_TYPE_SWITCH)),
                                   GTK_ACCESSIBLE_ROLE_SWITCH);
}

/* R7: out of scope needs an acknowledgement. */
static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  toggle (f, "Significantly Degraded", TRUE);
  next (f, "category");
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));

  click_check (f, "Custom code issues");
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));
  g_assert_cmpstr (lt_new_ticket_assistant_get_blocker (f->assistant), ==,
                   "Confirm that you understand the category is outside the support scope");
  /* Core's warning, pointing to Professional Services. */
  {
    GtkWidget *warning = lt_app_test_find_label (GTK_WIDGET (f->assistant),
                                                 "“Custom code issues” is outside the scope of LockThreat Support (§5). "
                                                 "LockThreat Professional Services can help with it. File the ticket only "
                                                 "if you accept that Support may decline it.");

    g_assert_nonnull (warning);
    g_assert_true (gtk_widget_is_visible (warning) || gtk_widget_get_visible (warning));
    gtk_test_accessible_assert_role (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_ROLE_ALERT);
  }
  click_check (f, "I Understand; File It Anyway");
  g_assert_true (lt_new_ticket_assistant_can_continue (f->assistant));

  /* Back in scope: no acknowledgement needed. */
  click_check (f, "Troubleshooting errors");
  g_assert_true (lt_new_ticket_assistant_can_continue (f->assistant));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (row (f, "I Understand; File It Anyway"),
                                                                   ADW_TYPE_PREFERENCES_GROUP)));

  /* Back goes back, Cancel on the first step closes. */
  gtk_widget_activate_action (GTK_WIDGET (f->assistant), "assistant.back", NULL);
  g_assert_cmpstr (lt_new_ticket_assistant_get_step (f->assistant), ==, "severity");
}

/* R1, R2 and §12 on the installation step. */
static void
test_installation (Fixture       *f,
                   gconstpointer  data)
{
  AdwComboRow *installations;
  GListModel *names;
  GtkWidget *fix_warning;

  toggle (f, "Significantly Degraded", TRUE);
  next (f, "category");
  click_check (f, "Troubleshooting errors");
  next (f, "installation");

  /* Choosing an installation proposes its detected version. */
  installations = ADW_COMBO_ROW (row (f, "Installation"));
  names = adw_combo_row_get_model (installations);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Disaster recovery"))
      adw_combo_row_set_selected (installations, i);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "Installed Version"))), ==, "3.4.1");
  g_assert_true (gtk_widget_get_visible (row (f, "Eligible for Fixes")));
  g_assert_nonnull (lt_app_test_find_label (row (f, "Eligible for Fixes"), "Supported"));

  /* §12: LT-1127 is fixed in 3.4.2, newer than 3.4.1. */
  type (f, "Issue IDs, such as LT-1234", "LT-1127");
  fix_warning = lt_app_test_find_label (GTK_WIDGET (f->assistant),
                                        "LT-1127 is fixed in 3.4.2, which is newer than the installed 3.4.1. "
                                        "A ticket about it will be closed as resolved: upgrade to 3.4.2 or later first.");
  g_assert_nonnull (fix_warning);
  g_assert_true (gtk_widget_get_visible (fix_warning));
  /* A warning, not a refusal (R2: "warn before filing"). */
  g_assert_true (lt_new_ticket_assistant_can_continue (f->assistant));

  type (f, "Issue IDs, such as LT-1234", "LT-1127, LT-12x");
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));

  type (f, "Issue IDs, such as LT-1234", "");
  type (f, "Installed Version", "3.x");
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));
  g_assert_true (gtk_widget_get_visible (row (f, "Not a Version")));

  /* An unsupported version says so (R2), and may still be filed. */
  type (f, "Installed Version", "3.2.2");
  g_assert_true (gtk_widget_get_visible (row (f, "Not Eligible for Fixes")));
  g_assert_nonnull (lt_app_test_find_label (row (f, "Not Eligible for Fixes"), "Unsupported"));
  g_assert_true (lt_new_ticket_assistant_can_continue (f->assistant));

  type (f, "Installed Version", "");
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));
}

/* R12: a feature request asks for the §15 criteria and shows the next
 * quarterly review. */
static void
test_feature_request (Fixture       *f,
                      gconstpointer  data)
{
  const char * const *criteria = lt_policy_get_feature_criteria (lt_context_get_policy (f->app.context));

  toggle (f, "A New Capability or Enhancement", TRUE);
  g_assert_nonnull (row (f, "Feature Request"));
  next (f, "category");
  click_check (f, "Configuration guidance");
  next (f, "installation");
  /* No version needed to ask for a feature. */
  type (f, "Installed Version", "");
  next (f, "criteria");

  g_assert_cmpuint (g_strv_length ((char **) criteria), ==, 4);
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));
  for (guint i = 0; criteria[i] != NULL; i++)
    type (f, criteria[i], "Needed for the audit.");
  g_assert_true (lt_new_ticket_assistant_can_continue (f->assistant));
  type (f, criteria[2], "  ");
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));
  type (f, criteria[2], "Removes a manual step.");

  /* Now is Tuesday 1 December 2026 in the test's zone: the next quarter
   * starts on 1 January 2027. */
  g_assert_true (g_str_has_prefix (subtitle (f, "Next Quarterly Review"), "Starts Friday 1 January 2027."));

  next (f, "details");
  type (f, "Title", "Export scheduled reports as PDF");
  describe (f, "The weekly access report as a PDF attachment.");
  next (f, "review");
  next (f, NULL);

  {
    g_autoptr(LtOutboxItem) item = lt_outbox_lookup (lt_context_get_outbox (f->app.context),
                                                     lt_new_ticket_assistant_get_filed_key (f->assistant), NULL);
    const char *payload = lt_outbox_item_get_payload (item);

    g_assert_nonnull (strstr (payload, "\"severity\":\"feature\""));
    g_assert_nonnull (strstr (payload, "\"regulatory-compliance\":\"Needed for the audit.\""));
    g_assert_nonnull (strstr (payload, "\"strategic-value\":\"Removes a manual step.\""));
  }
}

/* Before anything leaves: likely secrets in the texts and attachments are
 * listed with where they are, and block until masked or confirmed. */
static void
test_sensitive_data (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), "agent-config.yaml", NULL);
  g_autoptr(GError) error = NULL;
  GtkTextView *view;
  GtkTextIter start, end;
  g_autofree char *masked = NULL;

  toggle (f, "Significantly Degraded", TRUE);
  next (f, "category");
  click_check (f, "Troubleshooting errors");
  next (f, "installation");
  type (f, "Installed Version", "3.5.1");
  next (f, "details");

  g_assert_true (gtk_widget_get_visible (row (f, "Nothing that looks like a password, a token or a key")));
  type (f, "Title", "Collector stops after log rotation");
  describe (f, "It stops every night.\nWe log in with password=Winter2026! on the collector.");
  g_assert_cmpuint (lt_new_ticket_assistant_get_n_findings (f->assistant), ==, 1);
  g_assert_nonnull (row (f, "Password · Description, line 2, column 25"));
  g_assert_cmpstr (subtitle (f, "Password · Description, line 2, column 25"), ==,
                   "We log in with password=" LT_SENSITIVE_MASK " on the collector.");
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));

  /* Mask in text: the secret is gone from the description itself. */
  gtk_widget_activate_action (GTK_WIDGET (f->assistant), "assistant.mask", NULL);
  g_assert_cmpuint (lt_new_ticket_assistant_get_n_findings (f->assistant), ==, 0);
  view = GTK_TEXT_VIEW (lt_ui_find_descendant (GTK_WIDGET (f->assistant), GTK_TYPE_TEXT_VIEW));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  masked = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
  g_assert_null (strstr (masked, "Winter2026!"));
  g_assert_true (lt_new_ticket_assistant_can_continue (f->assistant));

  /* A text attachment is scanned too; it cannot be masked, only removed
   * or confirmed. */
  g_assert_true (g_file_set_contents (path, "collector:\n  token: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n", -1, &error));
  g_assert_true (lt_new_ticket_assistant_add_attachment (f->assistant, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lt_new_ticket_assistant_get_n_findings (f->assistant), ==, 1);
  g_assert_nonnull (row (f, "API token · agent-config.yaml, line 2, column 10"));
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));
  click_check (f, "These Are Not Secrets");
  g_assert_true (lt_new_ticket_assistant_can_continue (f->assistant));

  /* Removing the file removes its findings. */
  lt_app_test_click (lt_ui_find_descendant (row (f, "agent-config.yaml"), GTK_TYPE_BUTTON));
  g_assert_cmpuint (lt_new_ticket_assistant_get_n_findings (f->assistant), ==, 0);
}

/* The whole way, into the outbox through lt-actions. */
static void
test_submit (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), "collector.log", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  g_autoptr(LtTicket) stored = NULL;
  g_autoptr(GPtrArray) all = NULL;
  const char *key;
  guint n_attachments = 0;

  toggle (f, "Significantly Degraded", TRUE);
  next (f, "category");
  click_check (f, "Troubleshooting errors");
  next (f, "installation");
  type (f, "Installed Version", "3.5.1");
  type (f, "Issue IDs, such as LT-1234", "LT-1140");
  next (f, "details");
  type (f, "Title", "Collector stops after log rotation");
  describe (f, "It stops every night at 00:00 when logrotate runs.");
  toggle (f, "It Worked Before", TRUE);
  g_assert_true (g_file_set_contents (path, "00:00 reconnect loop\n", -1, &error));
  g_assert_true (lt_new_ticket_assistant_add_attachment (f->assistant, path, &error));
  next (f, "review");

  /* The summary says what will be filed, with the contact (R10). */
  g_assert_cmpstr (subtitle (f, "Severity"), ==, "Severity 2: Major · worked before (break/fix)");
  g_assert_cmpstr (subtitle (f, "Known Issues"), ==, "LT-1140");
  g_assert_cmpstr (subtitle (f, "Attachments"), ==, "collector.log");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (row (f, "Required Before Filing (§8)"),
                                                                   ADW_TYPE_PREFERENCES_GROUP)));
  /* The last step submits. */
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (f->assistant), "Submit"));

  next (f, NULL);
  key = lt_new_ticket_assistant_get_filed_key (f->assistant);
  g_assert_nonnull (key);

  /* One create item keyed by the ticket's local id, and its upload. */
  item = lt_outbox_lookup (lt_context_get_outbox (f->app.context), key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lt_outbox_item_get_kind (item), ==, LT_OUTBOX_KIND_TICKET_CREATE);
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (item), "\"title\":\"Collector stops after log rotation\""));
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (item), "\"severity\":\"s2\""));
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (item), "\"category\":\"troubleshooting\""));
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (item), "\"break_fix\":true"));
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (item), "\"product_version\":\"3.5.1\""));
  g_assert_nonnull (strstr (lt_outbox_item_get_payload (item), "\"known_issue_ids\":[\"LT-1140\"]"));

  all = lt_outbox_list (lt_context_get_outbox (f->app.context), NULL);
  for (guint i = 0; i < all->len; i++)
    {
      LtOutboxItem *other = g_ptr_array_index (all, i);

      if (g_str_equal (lt_outbox_item_get_kind (other), LT_OUTBOX_KIND_TICKET_ATTACHMENT))
        {
          n_attachments++;
          g_assert_cmpstr (lt_outbox_item_get_depends_on (other), ==, key);
        }
    }
  g_assert_cmpuint (n_attachments, ==, 1);

  stored = lt_store_lookup_ticket_by_local_id (lt_context_get_store (f->app.context), key, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lt_ticket_get_state (stored), ==, LT_TICKET_STATE_QUEUED);

  /* The assistant closed itself. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->assistant)));
}

/* R10: without a complete primary technical contact nothing is filed. */
static void
test_contact_required (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *contact_group;

  toggle (f, "Significantly Degraded", TRUE);
  next (f, "category");
  click_check (f, "Troubleshooting errors");
  next (f, "installation");
  type (f, "Installed Version", "3.5.1");
  next (f, "details");
  type (f, "Title", "Collector stops after log rotation");
  describe (f, "It stops every night.");
  next (f, "review");

  contact_group = gtk_widget_get_ancestor (row (f, "Required Before Filing (§8)"), ADW_TYPE_PREFERENCES_GROUP);
  g_assert_true (gtk_widget_get_visible (contact_group));
  g_assert_false (lt_new_ticket_assistant_can_continue (f->assistant));
  gtk_widget_activate_action (GTK_WIDGET (f->assistant), "assistant.next", NULL);
  g_assert_null (lt_new_ticket_assistant_get_filed_key (f->assistant));

  /* A contact saved in Preferences counts once it is complete. */
  g_settings_set_string (f->app.settings, "contact-name", "Priya Raman");
  g_settings_set_string (f->app.settings, "contact-email", "priya.raman@northwind.example");
  g_settings_set_string (f->app.settings, "contact-phone", "+1 317 555 0100");
  gtk_widget_activate_action (GTK_WIDGET (f->assistant), "assistant.back", NULL);
  next (f, "review");
  g_assert_false (gtk_widget_get_visible (contact_group));
  g_assert_true (lt_new_ticket_assistant_can_continue (f->assistant));
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/new-ticket/severity", Fixture, GINT_TO_POINTER (0), setup, test_severity, teardown);
  g_test_add ("/lt/app/new-ticket/scope", Fixture, GINT_TO_POINTER (0), setup, test_scope, teardown);
  g_test_add ("/lt/app/new-ticket/installation", Fixture, GINT_TO_POINTER (0), setup, test_installation, teardown);
  g_test_add ("/lt/app/new-ticket/feature-request", Fixture, GINT_TO_POINTER (0), setup, test_feature_request, teardown);
  g_test_add ("/lt/app/new-ticket/sensitive-data", Fixture, GINT_TO_POINTER (0), setup, test_sensitive_data, teardown);
  g_test_add ("/lt/app/new-ticket/submit", Fixture, GINT_TO_POINTER (0), setup, test_submit, teardown);
  g_test_add ("/lt/app/new-ticket/contact-required", Fixture, GINT_TO_POINTER (1), setup, test_contact_required, teardown);

  return g_test_run ();
}
