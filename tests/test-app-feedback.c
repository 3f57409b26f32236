/* test-app-feedback.c: a toast for every action, Undo instead of a
 * confirmation, and the small points of issue 12 (items 8 and 11)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-feedback"

#include "config.h"

#include "lt-actions.h"
#include "lt-app-demo-data.h"
#include "lt-app-test-util.h"
#include "lt-installation-dialog.h"
#include "lt-maintenance-page.h"
#include "lt-new-ticket-assistant.h"
#include "lt-new-ticket-assistant-private.h"
#include "lt-sensitive.h"
#include "lt-store-installations.h"
#include "lt-store-tickets.h"
#include "lt-test-store.h"
#include "lt-test-util.h"
#include "lt-ticket-action-dialog.h"
#include "lt-ticket-action-dialog-private.h"
#include "lt-ticket-detail.h"
#include "lt-ticket-detail-private.h"
#include "lt-ui-util.h"
#include "lt-versions-page.h"
#include "lt-window.h"
#include "lt-window-private.h"

#include <string.h>

typedef struct
{
  LtAppFixture    app;
  LtWindow       *window;
  LtTicketDetail *detail;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->window = lt_app_fixture_open_demo_window (&f->app, LT_APP_DEMO_NOW, 1400, 900);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  GtkWidget *dialog = f->detail != NULL ? lt_ticket_detail_get_dialog (f->detail) : NULL;

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  lt_app_test_flush ();
  lt_app_fixture_teardown (&f->app);
}

static void
show_ticket (Fixture    *f,
             const char *id)
{
  lt_window_show_ticket (f->window, id);
  lt_app_test_flush ();
  f->detail = LT_TICKET_DETAIL (lt_app_test_find_widget (lt_window_get_page (f->window, "tickets"),
                                                         LT_TYPE_TICKET_DETAIL));
  g_assert_cmpstr (lt_ticket_get_id (lt_ticket_detail_get_ticket (f->detail)), ==, id);
}

/* A toast is shown in the window: its title is a label in the overlay. */
static void
assert_toast (Fixture    *f,
              const char *title)
{
  GtkWidget *overlay = lt_app_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);

  lt_app_test_flush ();
  g_assert_nonnull (overlay);
  g_test_message ("toast %s", title);
  g_assert_nonnull (lt_app_test_find_label (overlay, title));
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
run_ticket_action (Fixture    *f,
                   const char *id,
                   const char *action,
                   const char *text)
{
  GtkWidget *dialog;

  show_ticket (f, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->detail), action, NULL));
  dialog = lt_ticket_detail_get_dialog (f->detail);
  g_assert_nonnull (dialog);
  lt_ticket_action_dialog_set_text (LT_TICKET_ACTION_DIALOG (dialog), text);
  /* What the button does: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_close (GTK_WINDOW (dialog));
}

/* The confirmation of a ticket action reaches the window, not the log. */
static void
test_comment_toast (Fixture       *f,
                    gconstpointer  data)
{
  run_ticket_action (f, "LT-000139", "ticket.comment", "The collector restarted twice.");
  assert_toast (f, "Comment added");
}

static void
test_reopen_toast (Fixture       *f,
                   gconstpointer  data)
{
  run_ticket_action (f, "LT-000120", "ticket.reopen", "The export fails again.");
  assert_toast (f, "Ticket reopened");
}

static void
test_escalate_toast (Fixture       *f,
                     gconstpointer  data)
{
  run_ticket_action (f, "LT-000137", "ticket.escalate", "Branch policies are three days old.");
  assert_toast (f, "Escalation requested");
}

static void
test_attach_toast (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), "plain.log", NULL);

  g_assert_true (g_file_set_contents (path, "12:00 start\n12:01 stop\n", -1, NULL));
  show_ticket (f, "LT-000142");
  lt_ticket_detail_attach_path (f->detail, path);
  assert_toast (f, "File attached");
}

/* A secret in a file: a copy with it masked is attached, from the
 * profile's cache; the original is untouched. */
static void
test_attach_redacted_copy (Fixture       *f,
                           gconstpointer  data)
{
  static const char content[] = "12:00 start\n12:01 aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), "collector.log", NULL);
  g_autofree char *after = NULL;
  g_autofree char *profile = g_path_get_dirname (lt_store_get_path (lt_context_get_store (f->app.context)));
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autofree char *copy_text = NULL;
  const char *copy = NULL;
  GtkWidget *dialog;

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  show_ticket (f, "LT-000142");
  lt_ticket_detail_attach_path (f->detail, path);
  dialog = lt_ticket_detail_get_dialog (f->detail);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "redacted"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), "redacted"), ==,
                   "Attach a _Redacted Copy");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "redacted");
  gtk_window_close (GTK_WINDOW (dialog));
  assert_toast (f, "Redacted copy attached; the original is unchanged");

  /* The original as it was. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, content);

  /* One attachment, of a file in the profile's cache, secret masked. */
  items = lt_outbox_list (lt_context_get_outbox (f->app.context), NULL);
  for (guint i = 0; i < items->len; i++)
    {
      LtOutboxItem *item = g_ptr_array_index (items, i);

      if (!g_str_equal (lt_outbox_item_get_kind (item), LT_OUTBOX_KIND_TICKET_ATTACHMENT))
        continue;
      g_assert_null (copy);
      payload = json_from_string (lt_outbox_item_get_payload (item), NULL);
      g_assert_nonnull (payload);
      copy = json_object_get_string_member (json_node_get_object (payload), "path");
    }
  g_assert_nonnull (copy);
  g_test_message ("copy %s", copy);
  g_assert_true (g_str_has_prefix (copy, profile));
  g_assert_nonnull (strstr (copy, "/cache/"));
  g_assert_true (g_str_has_suffix (copy, "/collector.log"));
  g_assert_true (g_file_get_contents (copy, &copy_text, NULL, NULL));
  g_assert_null (strstr (copy_text, "wJalrXUtnFEMI"));
  /* The bundles' engine: the marker names the kind (test-app-bundle). */
  g_assert_nonnull (strstr (copy_text, "[redacted:aws-secret-key]"));
  g_assert_nonnull (strstr (copy_text, "12:00 start\n"));
}

static GtkWidget *
find_by_tooltip (GtkWidget  *root,
                 const char *tooltip)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The same in the new-ticket assistant: the file's row offers a redacted
 * copy, which clears its findings and leaves the file as it was. */
static void
test_assistant_redacted_copy (Fixture       *f,
                              gconstpointer  data)
{
  static const char content[] = "12:00 start\n12:01 aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), "bundle.log", NULL);
  g_autofree char *after = NULL;
  GtkWidget *assistant = lt_new_ticket_assistant_new (f->app.context);
  GtkWidget *button;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  g_assert_true (lt_new_ticket_assistant_add_attachment (LT_NEW_TICKET_ASSISTANT (assistant), path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lt_new_ticket_assistant_get_n_findings (LT_NEW_TICKET_ASSISTANT (assistant)), ==, 1);

  button = find_by_tooltip (assistant, "Attach a redacted copy of bundle.log instead");
  g_assert_nonnull (button);
  /* The details step is not the one shown: its button is clicked as is. */
  g_signal_emit_by_name (button, "clicked");
  lt_app_test_flush ();
  g_assert_cmpuint (lt_new_ticket_assistant_get_n_findings (LT_NEW_TICKET_ASSISTANT (assistant)), ==, 0);
  g_assert_null (find_by_tooltip (assistant, "Attach a redacted copy of bundle.log instead"));
  g_assert_nonnull (find_by_tooltip (assistant, "Remove bundle.log"));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, content);
  gtk_window_destroy (GTK_WINDOW (assistant));
}

static LtVersionsPage *
show_versions (Fixture *f)
{
  lt_window_show_page (f->window, "versions");
  lt_app_test_flush ();
  return LT_VERSIONS_PAGE (lt_window_get_page (f->window, "versions"));
}

static LtInstallationDialog *
find_installation_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (LT_IS_INSTALLATION_DIALOG (toplevel))
        return LT_INSTALLATION_DIALOG (toplevel);
    }

  return NULL;
}

static GtkWidget *
find_actionable (GtkWidget  *root,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
type_into (GtkWidget  *root,
           const char *title,
           const char *text)
{
  GtkWidget *row = lt_ui_find_row (root, title);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Adding an installation says so; Save waits while the version is not
 * one, and the dialog says why. */
static void
test_installation_added (Fixture       *f,
                         gconstpointer  data)
{
  LtVersionsPage *page = show_versions (f);
  LtInstallationDialog *dialog;
  GtkWidget *save;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "versions.add-installation", NULL));
  dialog = find_installation_dialog ();
  g_assert_nonnull (dialog);
  save = find_actionable (GTK_WIDGET (dialog), "installation.save");
  g_assert_nonnull (save);

  type_into (GTK_WIDGET (dialog), "Name", "Staging");
  type_into (GTK_WIDGET (dialog), "Installed Version", "3.x");
  lt_app_test_flush ();
  g_assert_false (gtk_widget_is_sensitive (save));
  {
    GtkWidget *status = lt_ui_find_row (GTK_WIDGET (dialog), "Support Status");

    g_assert_nonnull (status);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (status)), "3.x"));
  }

  type_into (GTK_WIDGET (dialog), "Installed Version", "3.5.1");
  lt_app_test_flush ();
  g_assert_true (gtk_widget_is_sensitive (save));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "installation.save", NULL));
  assert_toast (f, "“Staging” added");
  g_assert_null (find_installation_dialog ());
}

static LtInstallation *
lookup_installation (Fixture    *f,
                     const char *name)
{
  LtStoreInstallations *installations = lt_context_get_installations (f->app.context);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (installations)); i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (G_LIST_MODEL (installations), i);

      if (g_strcmp0 (lt_installation_get_name (installation), name) == 0)
        return installation;
    }

  return NULL;
}


static void
test_installation_edited (Fixture       *f,
                          gconstpointer  data)
{
  LtVersionsPage *page = show_versions (f);
  GtkWidget *edit = find_by_tooltip (GTK_WIDGET (page), "Edit Lab");
  LtInstallationDialog *dialog;

  g_assert_nonnull (edit);
  lt_app_test_click (edit);
  dialog = find_installation_dialog ();
  g_assert_nonnull (dialog);
  type_into (GTK_WIDGET (dialog), "Installed Version", "3.5.1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "installation.save", NULL));
  assert_toast (f, "“Lab” saved");
}

static gboolean
any_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
in_store (Fixture    *f,
          const char *id)
{
  g_autoptr(LtInstallation) installation =
    lt_store_installations_lookup (lt_context_get_installations (f->app.context), id, NULL);

  return installation != NULL;
}

/* Removing an installation: no question, a toast with Undo; the row
 * goes at once, the store keeps it until the toast goes; Undo brings it
 * back; closing the window while the toast shows carries it out. */
static void
test_installation_remove_undo (Fixture       *f,
                               gconstpointer  data)
{
  LtVersionsPage *page = show_versions (f);
  LtInstallation *lab = lookup_installation (f, "Lab");
  g_autofree char *id = g_strdup (lt_installation_get_id (lab));
  GtkWidget *undo;

  lt_app_test_click (find_by_tooltip (GTK_WIDGET (page), "Remove Lab"));
  lt_app_test_flush ();
  g_assert_false (any_dialog ());
  g_assert_null (lt_ui_find_row (GTK_WIDGET (page), "Lab"));
  g_assert_true (in_store (f, id));
  assert_toast (f, "“Lab” removed");

  undo = find_button (GTK_WIDGET (f->window), "_Undo");
  g_assert_nonnull (undo);
  lt_app_test_click (undo);
  lt_app_test_flush ();
  g_assert_nonnull (lt_ui_find_row (GTK_WIDGET (page), "Lab"));
  g_assert_true (in_store (f, id));

  /* Again, and the window closes (Quit) while the toast shows. */
  lt_app_test_click (find_by_tooltip (GTK_WIDGET (page), "Remove Lab"));
  lt_app_test_flush ();
  g_assert_null (lt_ui_find_row (GTK_WIDGET (page), "Lab"));
  g_assert_true (in_store (f, id));
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  lt_app_test_flush ();
  g_assert_false (in_store (f, id));
}

/* Without Undo the removal happens when the toast times out. */
static void
test_installation_remove_timeout (Fixture       *f,
                                  gconstpointer  data)
{
  LtVersionsPage *page = show_versions (f);
  g_autofree char *id = g_strdup (lt_installation_get_id (lookup_installation (f, "Lab")));
  gboolean never = FALSE;

  lt_app_test_click (find_by_tooltip (GTK_WIDGET (page), "Remove Lab"));
  lt_app_test_flush ();
  g_assert_true (in_store (f, id));
  /* libadwaita's default timeout is 5 s. */
  lt_app_test_wait_for (&never, 7000);
  g_assert_false (in_store (f, id));
  g_assert_null (lt_ui_find_row (GTK_WIDGET (page), "Lab"));
}

/* Installations the synced tickets name and the list lacks are offered,
 * with the newest ticket's version; one already listed (any case) is not. */
static void
test_import_named_installations (Fixture       *f,
                                 gconstpointer  data)
{
  LtStore *store = lt_context_get_store (f->app.context);
  LtVersionsPage *page;
  GtkWidget *row;
  GtkWidget *group;
  LtInstallation *imported;

  lt_test_store_add_ticket_naming (store, "LT-000901", "Edge cluster", "3.3.0", "2026-10-01T10:00:00Z");
  lt_test_store_add_ticket_naming (store, "LT-000902", "Edge cluster ", "3.5.1", "2026-11-02T10:00:00Z");
  lt_test_store_add_ticket_naming (store, "LT-000903", "production", "3.5.1", "2026-11-03T10:00:00Z");

  page = show_versions (f);
  /* Read in a worker thread. */
  for (guint i = 0; i < 500 && lt_ui_find_row (GTK_WIDGET (page), "Edge cluster") == NULL; i++)
    {
      g_usleep (10000);
      lt_app_test_flush ();
    }
  row = lt_ui_find_row (GTK_WIDGET (page), "Edge cluster");
  g_assert_nonnull (row);
  group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), ==, "Named in Your Tickets");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "version 3.5.1 in the newest ticket");
  g_assert_null (lt_ui_find_row (group, "production"));
  g_assert_null (lt_ui_find_row (group, "Production"));

  lt_app_test_click (find_by_tooltip (row, "Add Edge cluster to your installations"));
  lt_app_test_flush ();
  assert_toast (f, "“Edge cluster” added");
  imported = lookup_installation (f, "Edge cluster");
  g_assert_nonnull (imported);
  g_assert_cmpstr (lt_installation_get_detected_version (imported), ==, "3.5.1");
  for (guint i = 0; i < 500 && gtk_widget_get_visible (group); i++)
    {
      g_usleep (10000);
      lt_app_test_flush ();
    }
  g_assert_false (gtk_widget_get_visible (group));
}

static gboolean
in_outbox (Fixture    *f,
           const char *key)
{
  g_autoptr(LtOutboxItem) item = lt_outbox_lookup (lt_context_get_outbox (f->app.context), key, NULL);

  return item != NULL;
}

/* A refused submission: Discard asks nothing; the row goes, the item
 * stays until the toast goes; Undo lists it again; closing the window
 * while the toast shows discards it. */
static void
test_discard_refused_undo (Fixture       *f,
                           gconstpointer  data)
{
  LtOutbox *outbox = lt_context_get_outbox (f->app.context);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (LT_APP_DEMO_NOW, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  GtkWidget *page;
  GtkWidget *row;

  key = lt_outbox_enqueue (outbox, "ticket.comment", "{\"body\": \"hi\"}", NULL, now, &error);
  g_assert_no_error (error);
  /* A sender claims it (after the demo's own queued items) and the portal
   * refuses it for good. */
  for (;;)
    {
      g_autoptr(LtOutboxItem) claimed = lt_outbox_claim_next (outbox, now, &error);

      g_assert_no_error (error);
      g_assert_nonnull (claimed);
      if (g_str_equal (lt_outbox_item_get_key (claimed), key))
        break;
    }
  g_assert_true (lt_outbox_mark_failed (outbox, key, "409 the ticket is closed", now, &error));
  g_assert_no_error (error);

  lt_window_show_page (f->window, "overview");
  page = lt_window_get_page (f->window, "overview");
  lt_app_test_flush ();
  row = lt_ui_find_row (page, "Refused: 409 the ticket is closed");
  g_assert_nonnull (row);

  lt_app_test_click (find_button (row, "_Discard"));
  lt_app_test_flush ();
  g_assert_false (any_dialog ());
  g_assert_null (lt_ui_find_row (page, "Refused: 409 the ticket is closed"));
  g_assert_null (lt_ui_find_row (page, "1 submission was refused by the portal"));
  g_assert_true (in_outbox (f, key));
  assert_toast (f, "Refused submission discarded");

  lt_app_test_click (find_button (GTK_WIDGET (f->window), "_Undo"));
  lt_app_test_flush ();
  g_assert_nonnull (lt_ui_find_row (page, "Refused: 409 the ticket is closed"));
  g_assert_true (in_outbox (f, key));

  lt_app_test_click (find_button (lt_ui_find_row (page, "Refused: 409 the ticket is closed"), "_Discard"));
  lt_app_test_flush ();
  g_assert_true (in_outbox (f, key));
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  lt_app_test_flush ();
  g_assert_false (in_outbox (f, key));
}

/* The .ics export's toast opens the file. */
static void
test_ics_open (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), "maintenance.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *page;

  lt_window_show_page (f->window, "maintenance");
  lt_app_test_flush ();
  page = lt_window_get_page (f->window, "maintenance");
  lt_maintenance_page_export (LT_MAINTENANCE_PAGE (page), file);
  assert_toast (f, "Calendar file saved");
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (find_button (GTK_WIDGET (f->window), "_Open"));
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/feedback/comment", Fixture, NULL, setup, test_comment_toast, teardown);
  g_test_add ("/lt/app/feedback/reopen", Fixture, NULL, setup, test_reopen_toast, teardown);
  g_test_add ("/lt/app/feedback/escalate", Fixture, NULL, setup, test_escalate_toast, teardown);
  g_test_add ("/lt/app/feedback/attach", Fixture, NULL, setup, test_attach_toast, teardown);
  g_test_add ("/lt/app/feedback/attach-redacted-copy", Fixture, NULL, setup,
              test_attach_redacted_copy, teardown);
  g_test_add ("/lt/app/feedback/assistant-redacted-copy", Fixture, NULL, setup,
              test_assistant_redacted_copy, teardown);
  g_test_add ("/lt/app/feedback/installation-added", Fixture, NULL, setup,
              test_installation_added, teardown);
  g_test_add ("/lt/app/feedback/installation-edited", Fixture, NULL, setup,
              test_installation_edited, teardown);
  g_test_add ("/lt/app/feedback/installation-remove-undo", Fixture, NULL, setup,
              test_installation_remove_undo, teardown);
  g_test_add ("/lt/app/feedback/installation-remove-timeout", Fixture, NULL, setup,
              test_installation_remove_timeout, teardown);
  g_test_add ("/lt/app/feedback/import-named-installations", Fixture, NULL, setup,
              test_import_named_installations, teardown);
  g_test_add ("/lt/app/feedback/discard-refused-undo", Fixture, NULL, setup,
              test_discard_refused_undo, teardown);
  g_test_add ("/lt/app/feedback/ics-open", Fixture, NULL, setup, test_ics_open, teardown);

  return g_test_run ();
}
