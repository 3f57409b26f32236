/* test-app-bundle.c: "Attach Diagnostics…" (issue 14, points 1 and 5),
 * the Redaction group of Preferences and the redacted copy made by the
 * bundles' engine
 *
 * The real bundle job over tests/data/bundle/corpus, the real store of
 * the demo customer, the real outbox.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-bundle"

#include "config.h"

#include "lt-actions.h"
#include "lt-app-demo-data.h"
#include "lt-app-test-util.h"
#include "lt-bundle-dialog.h"
#include "lt-bundle-dialog-private.h"
#include "lt-new-ticket-assistant.h"
#include "lt-new-ticket-assistant-private.h"
#include "lt-outbox.h"
#include "lt-preferences-window.h"
#include "lt-preferences-window-private.h"
#include "lt-store-redaction-map.h"
#include "lt-test-util.h"
#include "lt-ticket-detail.h"
#include "lt-ticket-detail-private.h"
#include "lt-ui-util.h"
#include "lt-window.h"
#include "lt-window-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

typedef struct
{
  LtAppFixture    app;
  LtWindow       *window;
  LtTicketDetail *detail;
  char           *corpus;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->window = lt_app_fixture_open_demo_window (&f->app, LT_APP_DEMO_NOW, 1400, 900);
  f->corpus = g_test_build_filename (G_TEST_DIST, "data", "bundle", "corpus", NULL);
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
  g_free (f->corpus);
}

static char *
corpus_path (Fixture    *f,
             const char *relative)
{
  g_autofree char *path = g_build_filename (f->corpus, relative, NULL);

  return g_canonicalize_filename (path, NULL);
}

/* Runs the main loop until the dialog's job has finished (the job runs
 * in a worker thread and reports in the main context). */
static void
wait_run (LtBundleDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (lt_bundle_dialog_is_running (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (lt_bundle_dialog_is_running (dialog));
  if (lt_bundle_dialog_get_error (dialog) != NULL)
    g_test_message ("run: %s", lt_bundle_dialog_get_error (dialog)->message);
  g_assert_null (lt_bundle_dialog_get_error (dialog));
  g_assert_nonnull (lt_bundle_dialog_get_job (dialog));
  lt_app_test_flush ();
}

static const LtBundleReviewFile *
find_file (LtBundleDialog *dialog,
           const char     *path)
{
  GPtrArray *files = lt_bundle_job_get_files (lt_bundle_dialog_get_job (dialog));

  for (guint i = 0; i < files->len; i++)
    {
      const LtBundleReviewFile *file = g_ptr_array_index (files, i);

      if (g_str_equal (file->path, path))
        return file;
    }

  return NULL;
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

static GtkWidget *
find_row_with_subtitle (GtkWidget  *root,
                        const char *subtitle)
{
  if (ADW_IS_ACTION_ROW (root) && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)), subtitle) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_with_subtitle (child, subtitle);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static LtBundleDialog *
open_dialog_on_ticket (Fixture    *f,
                       const char *id)
{
  GtkWidget *dialog;

  lt_window_show_ticket (f->window, id);
  lt_app_test_flush ();
  f->detail = LT_TICKET_DETAIL (lt_app_test_find_widget (lt_window_get_page (f->window, "tickets"),
                                                         LT_TYPE_TICKET_DETAIL));
  g_assert_cmpstr (lt_ticket_get_id (lt_ticket_detail_get_ticket (f->detail)), ==, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.attach-diagnostics", NULL));
  dialog = lt_ticket_detail_get_dialog (f->detail);
  g_assert_true (LT_IS_BUNDLE_DIALOG (dialog));
  lt_app_test_flush ();

  return LT_BUNDLE_DIALOG (dialog);
}

/* The review's row of @shown_path (the chosen paths' rows are action
 * rows, the review's expander rows). */
static GtkWidget *
find_file_row (GtkWidget  *root,
               const char *shown_path)
{
  if (ADW_IS_EXPANDER_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), shown_path) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_file_row (child, shown_path);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The row of @shown_path: its subtitle says what was replaced. */
static const char *
row_subtitle (LtBundleDialog *dialog,
              const char     *shown_path)
{
  GtkWidget *row = find_file_row (GTK_WIDGET (dialog), shown_path);

  g_assert_nonnull (row);
  return adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row));
}

/* A small folder of the corpus, reviewed with the real job: every file
 * has its row, named by the redacted path, and the row says the counts
 * per kind with core's labels; the findings' excerpts are the redacted
 * text. Attach is possible only once the run is done. */
static void
test_review_counts (Fixture       *f,
                    gconstpointer  data)
{
  LtBundleDialog *dialog = open_dialog_on_ticket (f, "LT-000142");
  g_autofree char *folder = corpus_path (f, "config");
  g_autofree char *ini = corpus_path (f, "config/lockthreat.ini");
  const LtBundleReviewFile *file;
  g_autofree char *host_count = NULL;
  const char *subtitle;

  /* Nothing to attach before a run, nor during one. */
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "_Attach")));
  lt_bundle_dialog_add_path (dialog, folder, TRUE);
  g_assert_true (lt_bundle_dialog_is_running (dialog));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "_Attach")));
  g_assert_true (gtk_widget_get_visible (find_button (GTK_WIDGET (dialog), "_Stop")));
  wait_run (dialog);

  g_assert_cmpuint (lt_bundle_job_get_files (lt_bundle_dialog_get_job (dialog))->len, ==, 3);
  file = find_file (dialog, ini);
  g_assert_nonnull (file);
  g_assert_cmpint (file->state, ==, LT_BUNDLE_FILE_SCANNED);
  g_assert_cmpuint (file->counts[LT_REDACTION_KIND_HOSTNAME], >, 0);
  g_assert_cmpuint (file->counts[LT_REDACTION_KIND_PASSWORD], >, 0);
  /* The path as the bundle shows it: no original identity in it. */
  g_assert_true (g_str_has_suffix (file->shown_path, "config/lockthreat.ini"));

  subtitle = row_subtitle (dialog, file->shown_path);
  g_test_message ("%s: %s", file->shown_path, subtitle);
  host_count = g_strdup_printf ("%s: %" G_GUINT64_FORMAT,
                                lt_redaction_kind_get_label (LT_REDACTION_KIND_HOSTNAME),
                                file->counts[LT_REDACTION_KIND_HOSTNAME]);
  g_assert_nonnull (strstr (subtitle, host_count));
  g_assert_nonnull (strstr (subtitle, lt_redaction_kind_get_label (LT_REDACTION_KIND_PASSWORD)));

  /* The first findings, as their excerpts: nothing of the original. */
  g_assert_cmpuint (file->findings->len, >, 0);
  {
    const LtRedactionFinding *first = g_ptr_array_index (file->findings, 0);
    g_autofree char *escaped = g_markup_escape_text (first->excerpt, -1);
    GtkWidget *row = find_file_row (GTK_WIDGET (dialog), file->shown_path);

    g_assert_nonnull (find_row_with_subtitle (row, escaped));
    g_assert_null (strstr (first->excerpt, "corp.example.com"));
  }

  /* Attach is possible now that the run is done. */
  g_assert_true (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "_Attach")));
  g_assert_false (gtk_widget_get_visible (find_button (GTK_WIDGET (dialog), "_Stop")));
}

/* Excluding a file and running again leaves it out of the bundle, listed
 * as left out ("excluded"); Include brings it back. */
static void
test_exclude_rerun (Fixture       *f,
                    gconstpointer  data)
{
  LtBundleDialog *dialog = open_dialog_on_ticket (f, "LT-000142");
  g_autofree char *folder = corpus_path (f, "config");
  g_autofree char *env = corpus_path (f, "config/collector.env");
  const LtBundleReviewFile *file;
  JsonNode *manifest;
  g_autofree char *manifest_text = NULL;

  lt_bundle_dialog_add_path (dialog, folder, TRUE);
  wait_run (dialog);
  file = find_file (dialog, env);
  g_assert_nonnull (file);
  g_assert_cmpint (file->state, ==, LT_BUNDLE_FILE_SCANNED);

  /* The row's Exclude button, as the keyboard activates it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bundle.exclude", "s", env));
  wait_run (dialog);

  file = find_file (dialog, env);
  g_assert_nonnull (file);
  g_assert_cmpint (file->state, ==, LT_BUNDLE_FILE_LEFT_OUT);
  g_assert_cmpstr (file->left_out_reason, ==, "excluded");
  g_assert_nonnull (strstr (row_subtitle (dialog, file->shown_path), "excluded by you"));
  manifest = lt_bundle_job_get_manifest (lt_bundle_dialog_get_job (dialog));
  manifest_text = json_to_string (manifest, FALSE);
  g_assert_null (strstr (manifest_text, "\"sha256\":null"));
  {
    JsonArray *files = json_object_get_array_member (json_node_get_object (manifest), "files");

    g_assert_cmpuint (json_array_get_length (files), ==, 2);
    for (guint i = 0; i < json_array_get_length (files); i++)
      g_assert_false (g_str_has_suffix (json_object_get_string_member (json_array_get_object_element (files, i), "path"),
                                        "collector.env"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bundle.include", "s", env));
  wait_run (dialog);
  g_assert_cmpint (find_file (dialog, env)->state, ==, LT_BUNDLE_FILE_SCANNED);
}

/* A keyword added for this bundle is replaced at the re-run; one
 * remembered goes to the profile (and counts for later bundles too). */
static void
test_keyword_rerun (Fixture       *f,
                    gconstpointer  data)
{
  LtBundleDialog *dialog = open_dialog_on_ticket (f, "LT-000142");
  g_autofree char *yaml = corpus_path (f, "config/agent.yaml");
  LtStore *store = lt_context_get_store (f->app.context);
  g_autoptr(GPtrArray) keywords = NULL;
  g_autoptr(GError) error = NULL;
  const LtBundleReviewFile *file;

  lt_bundle_dialog_add_path (dialog, yaml, FALSE);
  wait_run (dialog);
  file = find_file (dialog, yaml);
  g_assert_cmpuint (file->counts[LT_REDACTION_KIND_KEYWORD], ==, 0);

  g_assert_true (lt_bundle_dialog_add_keyword (dialog, "Bluefin", FALSE, &error));
  g_assert_no_error (error);
  wait_run (dialog);
  file = find_file (dialog, yaml);
  g_assert_cmpuint (file->counts[LT_REDACTION_KIND_KEYWORD], >, 0);
  g_assert_nonnull (strstr (row_subtitle (dialog, file->shown_path),
                            lt_redaction_kind_get_label (LT_REDACTION_KIND_KEYWORD)));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (dialog), "For this bundle only: Bluefin"));
  /* This bundle only: the profile does not have it. */
  keywords = lt_store_list_redaction_keywords (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keywords->len, ==, 0);
  g_clear_pointer (&keywords, g_ptr_array_unref);

  /* Remembered: in the profile, and replaced without being this
   * bundle's. */
  g_assert_true (lt_bundle_dialog_add_keyword (dialog, "Northwind", TRUE, &error));
  g_assert_no_error (error);
  wait_run (dialog);
  keywords = lt_store_list_redaction_keywords (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keywords->len, ==, 1);
  g_assert_cmpstr (((LtRedactionKeyword *) g_ptr_array_index (keywords, 0))->text, ==, "Northwind");
  g_assert_null (lt_app_test_find_label (GTK_WIDGET (dialog), "For this bundle only: Bluefin, Northwind"));

  /* A blank keyword is refused. */
  g_assert_false (lt_bundle_dialog_add_keyword (dialog, "  ", FALSE, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
}

static guint
count_attachment_items (Fixture    *f,
                        GPtrArray **paths)
{
  g_autoptr(GPtrArray) items = lt_outbox_list (lt_context_get_outbox (f->app.context), NULL);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    {
      LtOutboxItem *item = g_ptr_array_index (items, i);
      g_autoptr(JsonNode) payload = NULL;

      if (!g_str_equal (lt_outbox_item_get_kind (item), LT_OUTBOX_KIND_TICKET_ATTACHMENT))
        continue;
      n++;
      payload = json_from_string (lt_outbox_item_get_payload (item), NULL);
      if (paths != NULL)
        g_ptr_array_add (*paths, g_strdup (json_object_get_string_member (json_node_get_object (payload), "path")));
    }

  return n;
}

/* Attach on a ticket's page queues one outbox item per part, each naming
 * a part in the profile's bundles/ folder; the parts stay after the dialog is
 * gone, since the outbox reads them when it sends. */
static void
test_attach_queues_parts (Fixture       *f,
                          gconstpointer  data)
{
  LtBundleDialog *dialog = open_dialog_on_ticket (f, "LT-000142");
  g_autofree char *folder = corpus_path (f, "lockthreat");
  g_autofree char *profile = g_path_get_dirname (lt_store_get_path (lt_context_get_store (f->app.context)));
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) parts = NULL;
  guint before = count_attachment_items (f, NULL);

  lt_bundle_dialog_add_path (dialog, folder, TRUE);
  wait_run (dialog);
  parts = g_ptr_array_ref (lt_bundle_job_get_parts (lt_bundle_dialog_get_job (dialog)));
  g_assert_cmpuint (parts->len, >=, 1);

  g_object_ref (dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bundle.attach", NULL));
  lt_app_test_flush ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);
  lt_app_test_flush ();
  g_assert_null (lt_ticket_detail_get_dialog (f->detail));

  g_assert_cmpuint (count_attachment_items (f, &paths), ==, before + parts->len);
  for (guint i = 0; i < parts->len; i++)
    {
      const LtBundlePart *part = g_ptr_array_index (parts, i);

      g_assert_true (g_ptr_array_find_with_equal_func (paths, part->path, g_str_equal, NULL));
      g_assert_true (g_str_has_prefix (part->path, profile));
      g_assert_nonnull (strstr (part->path, "/" LT_BUNDLE_JOB_PROFILE_DIR "/run-"));
      g_assert_true (g_file_test (part->path, G_FILE_TEST_IS_REGULAR));
    }
}

/* Closing the dialog without attaching leaves no bundle behind. */
static void
test_cancel_removes_bundle (Fixture       *f,
                            gconstpointer  data)
{
  LtBundleDialog *dialog = open_dialog_on_ticket (f, "LT-000142");
  g_autofree char *folder = corpus_path (f, "config");
  g_autofree char *directory = NULL;
  guint before = count_attachment_items (f, NULL);

  lt_bundle_dialog_add_path (dialog, folder, TRUE);
  wait_run (dialog);
  directory = g_strdup (lt_bundle_dialog_get_directory (dialog));
  g_assert_true (g_file_test (directory, G_FILE_TEST_IS_DIR));

  gtk_window_close (GTK_WINDOW (dialog));
  lt_app_test_flush ();
  g_assert_false (g_file_test (directory, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_attachment_items (f, NULL), ==, before);
}

/* In the new-ticket assistant: Attach adds the parts to the draft, and
 * they are filed with the ticket, as attachments of its outbox item. */
static void
test_assistant_files_bundle (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *assistant = lt_new_ticket_assistant_new (f->app.context);
  g_autofree char *folder = corpus_path (f, "config");
  g_autofree char *directory = NULL;
  LtBundleDialog *dialog;
  guint n_parts;

  gtk_window_present (GTK_WINDOW (assistant));
  g_assert_true (gtk_widget_activate_action (assistant, "assistant.attach-diagnostics", NULL));
  dialog = LT_BUNDLE_DIALOG (lt_new_ticket_assistant_get_bundle_dialog (LT_NEW_TICKET_ASSISTANT (assistant)));
  g_assert_nonnull (dialog);
  lt_bundle_dialog_add_path (dialog, folder, TRUE);
  wait_run (dialog);
  n_parts = lt_bundle_job_get_parts (lt_bundle_dialog_get_job (dialog))->len;
  directory = g_strdup (lt_bundle_dialog_get_directory (dialog));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bundle.attach", NULL));
  lt_app_test_flush ();
  g_assert_null (lt_new_ticket_assistant_get_bundle_dialog (LT_NEW_TICKET_ASSISTANT (assistant)));
  g_assert_cmpuint (lt_new_ticket_assistant_get_n_attachments (LT_NEW_TICKET_ASSISTANT (assistant)), ==, n_parts);
  /* The dialog went; the draft keeps the bundle. */
  g_assert_true (g_file_test (directory, G_FILE_TEST_IS_DIR));
  g_assert_nonnull (lt_ui_find_row (assistant, "diagnostics.tar.gz"));

  /* The ticket is not filed: the bundle goes with the assistant. */
  gtk_window_destroy (GTK_WINDOW (assistant));
  lt_app_test_flush ();
  g_assert_false (g_file_test (directory, G_FILE_TEST_EXISTS));
}

/* Preferences: a keyword and a regular expression added to the real
 * store and listed; a pattern that does not compile is refused in place;
 * the row's remove button removes it. */
static void
test_preferences_keywords (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *window = lt_preferences_window_new (f->app.context);
  LtStore *store = lt_context_get_store (f->app.context);
  g_autoptr(GPtrArray) keywords = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  gtk_window_present (GTK_WINDOW (window));
  lt_app_test_flush ();
  g_assert_nonnull (lt_ui_find_row (window, "No Keywords Yet"));

  /* Typed into the row and applied, as Enter does. */
  row = lt_ui_find_row (window, "Add a Keyword");
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "Bluefin");
  g_signal_emit_by_name (row, "apply");
  lt_app_test_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "");
  g_assert_nonnull (lt_ui_find_row (window, "Bluefin"));

  g_assert_true (lt_preferences_window_add_keyword (LT_PREFERENCES_WINDOW (window), "CUST-[0-9]{6}", TRUE, &error));
  g_assert_no_error (error);
  keywords = lt_store_list_redaction_keywords (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keywords->len, ==, 2);
  g_assert_cmpstr (((LtRedactionKeyword *) g_ptr_array_index (keywords, 0))->text, ==, "Bluefin");
  g_assert_false (((LtRedactionKeyword *) g_ptr_array_index (keywords, 0))->pattern);
  g_assert_true (((LtRedactionKeyword *) g_ptr_array_index (keywords, 1))->pattern);
  g_clear_pointer (&keywords, g_ptr_array_unref);

  /* A broken pattern: the message is under the rows, nothing kept. */
  row = lt_ui_find_row (window, "Add a Regular Expression");
  gtk_editable_set_text (GTK_EDITABLE (row), "EMP[0-9");
  g_signal_emit_by_name (row, "apply");
  lt_app_test_flush ();
  g_assert_nonnull (lt_preferences_window_get_redaction_error (LT_PREFERENCES_WINDOW (window)));
  g_test_message ("%s", lt_preferences_window_get_redaction_error (LT_PREFERENCES_WINDOW (window)));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  keywords = lt_store_list_redaction_keywords (store, &error);
  g_assert_cmpuint (keywords->len, ==, 2);
  g_clear_pointer (&keywords, g_ptr_array_unref);

  /* The remove button of Bluefin's row, named for a screen reader. */
  row = lt_ui_find_row (window, "Bluefin");
  {
    GtkWidget *button = lt_ui_find_descendant (row, GTK_TYPE_BUTTON);

    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "preferences.remove-keyword");
    g_assert_true (gtk_widget_activate_action (window, "preferences.remove-keyword", "s", "Bluefin"));
  }
  lt_app_test_flush ();
  keywords = lt_store_list_redaction_keywords (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (keywords->len, ==, 1);
  g_assert_cmpstr (((LtRedactionKeyword *) g_ptr_array_index (keywords, 0))->text, ==, "CUST-[0-9]{6}");
  g_assert_null (lt_ui_find_row (window, "Bluefin"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* "Attach a Redacted Copy" is the bundles' engine: the secret becomes a
 * marker naming its kind, the host and the user the replacements the
 * profile's map gives them (saved, so that a bundle made afterwards
 * replaces them the same way); the original is untouched. */
static void
test_redacted_copy_engine (Fixture       *f,
                           gconstpointer  data)
{
  static const char content[] =
    "12:00 connect host=db7.corp.example.com user=kwalsh\n"
    "12:01 password=Hunter2-Secret\n";
  g_autofree char *path = g_build_filename (lt_app_test_get_scratch_dir (), "copy-source.log", NULL);
  LtStore *store = lt_context_get_store (f->app.context);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (f->app.context));
  g_autoptr(LtRedactionMap) map = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *text = NULL;
  g_autofree char *after = NULL;
  g_autofree char *host = NULL;
  g_autofree char *user = NULL;

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  copy = lt_ui_write_redacted_copy (path, store, now, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (copy, &text, NULL, NULL));
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "Hunter2-Secret"));
  g_assert_nonnull (strstr (text, "[redacted:password]"));
  g_assert_null (strstr (text, "db7.corp.example.com"));
  g_assert_null (strstr (text, "kwalsh"));

  map = lt_store_dup_redaction_map (store, &error);
  g_assert_no_error (error);
  host = lt_redaction_map_lookup (map, LT_REDACTION_KIND_HOSTNAME, "db7.corp.example.com");
  user = lt_redaction_map_lookup (map, LT_REDACTION_KIND_USER, "kwalsh");
  g_assert_nonnull (host);
  g_assert_nonnull (user);
  g_assert_nonnull (strstr (text, host));
  g_assert_nonnull (strstr (text, user));

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, content);
}

/* 360 px: the dialog asks for no more, filled with a review. */
static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  LtBundleDialog *dialog = open_dialog_on_ticket (f, "LT-000142");
  g_autofree char *folder = corpus_path (f, "config");
  int minimum = 0;

  lt_bundle_dialog_add_path (dialog, folder, TRUE);
  wait_run (dialog);
  gtk_widget_measure (adw_window_get_content (ADW_WINDOW (dialog)), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 360);
}

/* Everything from the keyboard: Tab reaches the keyword field, the
 * remember switch, Add Files and Add Folder, each file of the review and
 * its Exclude button, Run Again and Attach; every button it stops on
 * says what it does (a label or an accessible name). */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  LtBundleDialog *dialog = open_dialog_on_ticket (f, "LT-000142");
  g_autofree char *folder = corpus_path (f, "config");
  gboolean keyword = FALSE, remember = FALSE, add_files = FALSE, add_folder = FALSE;
  gboolean file_row = FALSE, exclude = FALSE, rerun = FALSE, attach = FALSE;

  lt_bundle_dialog_add_path (dialog, folder, TRUE);
  wait_run (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  lt_app_test_flush ();

  for (guint i = 0; i < 120; i++)
    {
      GtkWidget *focus;
      GtkWidget *row;

      gtk_widget_child_focus (GTK_WIDGET (dialog), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (dialog));
      if (focus == NULL)
        continue;
      if (gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) != NULL)
        keyword = TRUE;
      if (GTK_IS_SWITCH (focus) || (ADW_IS_ACTION_ROW (focus) &&
                                    g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (focus)),
                                               "Remember for Every Bundle") == 0))
        remember = TRUE;
      row = gtk_widget_get_ancestor (focus, ADW_TYPE_EXPANDER_ROW);
      if (row != NULL && g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ".ini"))
        file_row = TRUE;
      if (GTK_IS_BUTTON (focus))
        {
          const char *label = gtk_button_get_label (GTK_BUTTON (focus));
          const char *action = gtk_actionable_get_action_name (GTK_ACTIONABLE (focus));

          g_test_message ("button %s (%s)", label != NULL ? label : "-", action != NULL ? action : "-");
          g_assert_true (label != NULL ||
                         gtk_test_accessible_has_property (GTK_ACCESSIBLE (focus), GTK_ACCESSIBLE_PROPERTY_LABEL) ||
                         gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) != NULL);
          add_files |= g_strcmp0 (action, "bundle.add-files") == 0;
          add_folder |= g_strcmp0 (action, "bundle.add-folder") == 0;
          exclude |= g_strcmp0 (action, "bundle.exclude") == 0;
          rerun |= g_strcmp0 (action, "bundle.run") == 0;
          attach |= g_strcmp0 (action, "bundle.attach") == 0;
        }
    }

  g_assert_true (keyword);
  g_assert_true (remember);
  g_assert_true (add_files);
  g_assert_true (add_folder);
  g_assert_true (file_row);
  g_assert_true (exclude);
  g_assert_true (rerun);
  g_assert_true (attach);
}

/* A binary file: left out of a folder ("not text"), sent as it is and
 * listed "Not scanned" when chosen on its own. */
static void
test_binary_files (Fixture       *f,
                   gconstpointer  data)
{
  static const char binary[] = "\177ELF\002\001\001\000\000\000core";
  static const char text[] = "2026-11-30T14:02:11Z INFO collector: peer 10.20.4.17\n";
  g_autofree char *folder = g_build_filename (lt_app_test_get_scratch_dir (), "binary-case", NULL);
  g_autofree char *core = g_build_filename (folder, "core.3101", NULL);
  g_autofree char *log = g_build_filename (folder, "collector.log", NULL);
  LtBundleDialog *dialog = open_dialog_on_ticket (f, "LT-000142");
  const LtBundleReviewFile *file;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (core, binary, sizeof binary, NULL));
  g_assert_true (g_file_set_contents (log, text, -1, NULL));

  lt_bundle_dialog_add_path (dialog, folder, TRUE);
  wait_run (dialog);
  file = find_file (dialog, core);
  g_assert_nonnull (file);
  g_assert_cmpint (file->state, ==, LT_BUNDLE_FILE_LEFT_OUT);
  g_assert_cmpstr (file->left_out_reason, ==, "binary");
  g_assert_nonnull (strstr (row_subtitle (dialog, file->shown_path), "Left out: not text"));
  g_assert_cmpint (find_file (dialog, log)->state, ==, LT_BUNDLE_FILE_SCANNED);

  /* Named on its own: the admin's explicit choice. */
  lt_bundle_dialog_add_path (dialog, core, FALSE);
  wait_run (dialog);
  file = find_file (dialog, core);
  g_assert_nonnull (file);
  g_assert_cmpint (file->state, ==, LT_BUNDLE_FILE_NOT_SCANNED);
  g_assert_true (g_str_has_prefix (row_subtitle (dialog, file->shown_path), "Not scanned: sent as it is"));
}

/* Stop cancels the run: nothing to attach, the run's folder gone, and
 * the status says so. The input is large enough (8 MiB of log lines)
 * that the run is still going when Stop is pressed. */
static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (lt_app_test_get_scratch_dir (), "stop-case", NULL);
  g_autofree char *log = g_build_filename (folder, "access.log", NULL);
  g_autofree char *profile = g_path_get_dirname (lt_store_get_path (lt_context_get_store (f->app.context)));
  g_autofree char *bundles = g_build_filename (profile, LT_BUNDLE_JOB_PROFILE_DIR, NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  LtBundleDialog *dialog = open_dialog_on_ticket (f, "LT-000142");
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_autoptr(GDir) dir = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  for (guint i = 0; text->len < 8 * 1024 * 1024; i++)
    g_string_append_printf (text, "2026-11-30T14:%02u:%02uZ GET /api/v2/events 200 from 10.20.%u.%u host=web%u.corp.example.com\n",
                            (i / 60) % 60, i % 60, (i / 250) % 250, i % 250, i % 97);
  g_assert_true (g_file_set_contents (log, text->str, (gssize) text->len, NULL));

  lt_bundle_dialog_add_path (dialog, folder, TRUE);
  g_assert_true (lt_bundle_dialog_is_running (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "bundle.stop", NULL));
  while (lt_bundle_dialog_is_running (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  lt_app_test_flush ();

  g_assert_false (lt_bundle_dialog_is_running (dialog));
  g_assert_null (lt_bundle_dialog_get_job (dialog));
  g_assert_null (lt_bundle_dialog_get_directory (dialog));
  /* Not an error: the admin's choice. */
  g_assert_null (lt_bundle_dialog_get_error (dialog));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (dialog),
                                            "Stopped; nothing was attached. Run again to make the bundle."));
  g_assert_false (gtk_widget_is_sensitive (find_button (GTK_WIDGET (dialog), "_Attach")));
  /* No run folder is left in the profile. */
  dir = g_dir_open (bundles, 0, NULL);
  g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
}

/* Only where core allows attaching: a closed ticket has neither the row
 * nor the action. */
static void
test_only_when_attachable (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *row;

  lt_window_show_ticket (f->window, "LT-000120");
  lt_app_test_flush ();
  f->detail = LT_TICKET_DETAIL (lt_app_test_find_widget (lt_window_get_page (f->window, "tickets"),
                                                         LT_TYPE_TICKET_DETAIL));
  g_assert_cmpstr (lt_ticket_get_id (lt_ticket_detail_get_ticket (f->detail)), ==, "LT-000120");
  g_assert_false (lt_ticket_detail_get_allowed_actions (f->detail) & LT_CUSTOMER_ACTION_ATTACH);
  row = lt_ui_find_row (GTK_WIDGET (f->detail), "Attach Diagnostics…");
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_get_visible (row));
  gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.attach-diagnostics", NULL);
  lt_app_test_flush ();
  g_assert_null (lt_ticket_detail_get_dialog (f->detail));

  /* An open one has both. */
  lt_window_show_ticket (f->window, "LT-000142");
  lt_app_test_flush ();
  g_assert_true (lt_ticket_detail_get_allowed_actions (f->detail) & LT_CUSTOMER_ACTION_ATTACH);
  g_assert_true (gtk_widget_get_visible (lt_ui_find_row (GTK_WIDGET (f->detail), "Attach Diagnostics…")));
}

int
main (int    argc,
      char **argv)
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/bundle/review-counts", Fixture, NULL, setup, test_review_counts, teardown);
  g_test_add ("/lt/app/bundle/exclude-rerun", Fixture, NULL, setup, test_exclude_rerun, teardown);
  g_test_add ("/lt/app/bundle/keyword-rerun", Fixture, NULL, setup, test_keyword_rerun, teardown);
  g_test_add ("/lt/app/bundle/attach-queues-parts", Fixture, NULL, setup, test_attach_queues_parts, teardown);
  g_test_add ("/lt/app/bundle/cancel-removes-bundle", Fixture, NULL, setup, test_cancel_removes_bundle, teardown);
  g_test_add ("/lt/app/bundle/assistant-files-bundle", Fixture, NULL, setup, test_assistant_files_bundle, teardown);
  g_test_add ("/lt/app/bundle/preferences-keywords", Fixture, NULL, setup, test_preferences_keywords, teardown);
  g_test_add ("/lt/app/bundle/redacted-copy-engine", Fixture, NULL, setup, test_redacted_copy_engine, teardown);
  g_test_add ("/lt/app/bundle/narrow", Fixture, NULL, setup, test_narrow, teardown);
  g_test_add ("/lt/app/bundle/keyboard", Fixture, NULL, setup, test_keyboard, teardown);
  g_test_add ("/lt/app/bundle/binary-files", Fixture, NULL, setup, test_binary_files, teardown);
  g_test_add ("/lt/app/bundle/stop", Fixture, NULL, setup, test_stop, teardown);
  g_test_add ("/lt/app/bundle/only-when-attachable", Fixture, NULL, setup, test_only_when_attachable, teardown);

  return g_test_run ();
}
