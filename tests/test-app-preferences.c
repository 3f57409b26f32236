/* test-app-preferences.c: Preferences and About
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-preferences"

#include "config.h"

#include "lt-about-window.h"
#include "lt-alerts.h"
#include "lt-app-test-util.h"
#include "lt-credentials.h"
#include "lt-ui-util.h"
#include "lt-overview-page.h"
#include "lt-overview-page-private.h"
#include "lt-preferences-window.h"
#include "lt-preferences-window-private.h"
#include "lt-store-sync.h"
#include "lt-test-util.h"

#define NOW "2026-11-30T15:00:00Z"

/* R10: a bad email is refused with a visible message; nothing is saved. */
static void
test_bad_contact_email (LtAppFixture  *f,
                        gconstpointer  data)
{
  LtPreferencesWindow *prefs = LT_PREFERENCES_WINDOW (lt_preferences_window_new (f->context));
  g_autofree char *saved = NULL;
  const char *message;

  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_false (lt_preferences_window_save_contact (prefs, "Ada Lovelace", "ada@example",
                                                      "+1 317 555 0100"));

  message = lt_preferences_window_get_contact_error (prefs);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "“ada@example”"));
  g_assert_nonnull (lt_app_test_find_label (GTK_WIDGET (prefs), message));
  g_assert_true (gtk_widget_get_mapped (lt_app_test_find_label (GTK_WIDGET (prefs), message)));

  saved = g_settings_get_string (f->settings, "contact-email");
  g_assert_cmpstr (saved, ==, "");

  /* Typing again hides the stale message. */
  g_assert_true (lt_preferences_window_save_contact (prefs, "Ada Lovelace", "ada@example.com",
                                                     "+1 317 555 0100"));
  g_assert_null (lt_preferences_window_get_contact_error (prefs));
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (f->settings, "contact-email");
  g_assert_cmpstr (saved, ==, "ada@example.com");

  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_missing_contact_on_overview (LtAppFixture  *f,
                                  gconstpointer  data)
{
  LtOverviewPage *page = g_object_ref_sink (g_object_new (LT_TYPE_OVERVIEW_PAGE, "context", f->context, NULL));
  g_auto(GStrv) titles = NULL;

  lt_overview_page_refresh (page);
  titles = lt_overview_page_dup_attention_titles (page);
  g_assert_true (g_strv_contains ((const char * const *) titles,
                                  "Add a primary technical contact before filing tickets"));

  g_settings_set_string (f->settings, "contact-name", "Ada Lovelace");
  g_settings_set_string (f->settings, "contact-email", "ada@example.com");
  g_settings_set_string (f->settings, "contact-phone", "+1 317 555 0100");
  lt_overview_page_refresh (page);
  g_clear_pointer (&titles, g_strfreev);
  titles = lt_overview_page_dup_attention_titles (page);
  g_assert_false (g_strv_contains ((const char * const *) titles,
                                   "Add a primary technical contact before filing tickets"));
  g_object_unref (page);
}

/* Offline-first: a queued submission is said to be waiting. */
static void
test_outbox_on_overview (LtAppFixture  *f,
                         gconstpointer  data)
{
  LtOverviewPage *page = g_object_ref_sink (g_object_new (LT_TYPE_OVERVIEW_PAGE, "context", f->context, NULL));
  g_autoptr(GDateTime) now = lt_test_instant (NOW);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_auto(GStrv) titles = NULL;

  key = lt_outbox_enqueue (lt_context_get_outbox (f->context), "ticket.comment", "{\"body\": \"hi\"}",
                           NULL, now, &error);
  g_assert_no_error (error);
  lt_overview_page_refresh (page);

  titles = lt_overview_page_dup_attention_titles (page);
  g_assert_true (g_strv_contains ((const char * const *) titles, "1 submission is waiting to be sent"));

  /* A sender claims it and the portal refuses it for good. */
  {
    g_autoptr(LtOutboxItem) claimed = lt_outbox_claim_next (lt_context_get_outbox (f->context), now, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (lt_outbox_item_get_key (claimed), ==, key);
  }
  g_assert_true (lt_outbox_mark_failed (lt_context_get_outbox (f->context), key, "409 refused", now, &error));
  g_assert_no_error (error);
  lt_overview_page_refresh (page);
  g_clear_pointer (&titles, g_strfreev);
  titles = lt_overview_page_dup_attention_titles (page);
  g_assert_cmpstr (titles[0], ==, "1 submission was refused by the portal");
  g_assert_false (g_strv_contains ((const char * const *) titles, "1 submission is waiting to be sent"));
  g_object_unref (page);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

/* The outbox reports its own changes: items written through the store
 * API alone, by no dialog and no sync controller (as another writer in
 * the process would), reach the context's ::outbox-changed and the
 * Overview's attention list without anyone telling the app. */
static void
test_outbox_follows_store (LtAppFixture  *f,
                           gconstpointer  data)
{
  LtOverviewPage *page = g_object_ref_sink (g_object_new (LT_TYPE_OVERVIEW_PAGE, "context", f->context, NULL));
  g_autoptr(LtOutbox) outbox = lt_outbox_new (lt_context_get_store (f->context));
  g_autoptr(GDateTime) now = lt_test_instant (NOW);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_auto(GStrv) titles = NULL;
  guint changed = 0;

  lt_overview_page_refresh (page);
  titles = lt_overview_page_dup_attention_titles (page);
  g_assert_false (g_strv_contains ((const char * const *) titles, "1 submission is waiting to be sent"));

  g_signal_connect_swapped (f->context, "outbox-changed", G_CALLBACK (count_cb), &changed);
  key = lt_outbox_enqueue (outbox, "ticket.comment", "{\"body\": \"hi\"}", NULL, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  lt_app_test_flush ();
  g_clear_pointer (&titles, g_strfreev);
  titles = lt_overview_page_dup_attention_titles (page);
  g_assert_true (g_strv_contains ((const char * const *) titles, "1 submission is waiting to be sent"));

  {
    g_autoptr(LtOutboxItem) claimed = lt_outbox_claim_next (outbox, now, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (lt_outbox_item_get_key (claimed), ==, key);
  }
  g_assert_true (lt_outbox_mark_failed (outbox, key, "409 refused", now, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 3);
  lt_app_test_flush ();
  g_clear_pointer (&titles, g_strfreev);
  titles = lt_overview_page_dup_attention_titles (page);
  g_assert_cmpstr (titles[0], ==, "1 submission was refused by the portal");

  g_assert_true (lt_outbox_discard (outbox, key, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 4);
  lt_app_test_flush ();
  g_clear_pointer (&titles, g_strfreev);
  titles = lt_overview_page_dup_attention_titles (page);
  g_assert_false (g_strv_contains ((const char * const *) titles, "1 submission was refused by the portal"));
  g_object_unref (page);
}

/* About: the policy's dates and the next review; the §18 contacts but not
 * the critical line (R10). */
static void
test_about (LtAppFixture  *f,
            gconstpointer  data)
{
  AdwAboutWindow *about = ADW_ABOUT_WINDOW (lt_about_window_new (f->context));
  const char *comments = adw_about_window_get_comments (about);
  LtPolicy *policy = lt_context_get_policy (f->context);

  g_assert_nonnull (strstr (comments, "in effect since Thursday 26 June 2025"));
  g_assert_nonnull (strstr (comments, "last updated Wednesday 24 September 2025"));
  /* Next review 2026-03-24 is before the fixed "now": overdue. */
  g_assert_nonnull (strstr (comments, "Its review was due on Tuesday 24 March 2026."));
  g_assert_cmpstr (adw_about_window_get_support_url (about), ==, lt_policy_get_portal_url (policy));
  g_assert_null (strstr (comments, lt_policy_get_critical_phone (policy)));
  gtk_window_destroy (GTK_WINDOW (about));
}

static void
setup (LtAppFixture  *f,
       gconstpointer  data)
{
  lt_app_fixture_setup (f, NOW, TRUE);
}

static void
teardown (LtAppFixture  *f,
          gconstpointer  data)
{
  lt_app_fixture_teardown (f);
}

static gboolean
label_shown (GtkWidget  *root,
             const char *text)
{
  GtkWidget *label = lt_app_test_find_label (root, text);

  return label != NULL && gtk_widget_get_visible (label);
}

/* The token: a password row, never shown back; where it comes from is
 * said, including "this session only" for LTSUPPORT_TOKEN. */
static void
test_token (LtAppFixture  *f,
            gconstpointer  data)
{
  LtPreferencesWindow *prefs;
  GtkWidget *token_row;
  const char *subtitle;
  gboolean done = FALSE;

  /* The variable answers only for a portal named for the process. */
  g_setenv (LT_CREDENTIALS_TOKEN_ENV, "from-the-environment-7d1e", TRUE);
  lt_context_set_portal_override (f->context, "https://relay.example.com");
  prefs = LT_PREFERENCES_WINDOW (lt_preferences_window_new (f->context));
  gtk_window_present (GTK_WINDOW (prefs));

  token_row = lt_ui_find_row (GTK_WIDGET (prefs), "Access Token");
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (token_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, "");

  /* The lookup is asynchronous; the row says where the token is from. */
  while (!done)
    {
      subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (lt_ui_find_row (GTK_WIDGET (prefs), "Token")));
      done = g_strcmp0 (subtitle, lt_token_source_describe (LT_TOKEN_SOURCE_ENVIRONMENT)) == 0;
      if (!done)
        g_main_context_iteration (NULL, TRUE);
    }

  /* A token with a line break cannot be a bearer token: refused, and the
   * field is emptied either way, so it is never left on screen. */
  gtk_editable_set_text (GTK_EDITABLE (token_row), "two\nlines");
  g_signal_emit_by_name (token_row, "apply");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, "");
  {
    GError *expected = NULL;

    g_assert_false (lt_credentials_validate_token ("two\nlines", &expected));
    g_assert_true (label_shown (GTK_WIDGET (prefs), expected->message));
    g_error_free (expected);
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  lt_context_set_portal_override (f->context, NULL);
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);
}

/* How often to sync, from the settings. */
static void
test_sync_interval (LtAppFixture  *f,
                    gconstpointer  data)
{
  LtPreferencesWindow *prefs;
  AdwComboRow *row;

  g_settings_set_uint (f->settings, "sync-interval-minutes", 60);
  prefs = LT_PREFERENCES_WINDOW (lt_preferences_window_new (f->context));
  row = ADW_COMBO_ROW (lt_ui_find_row (GTK_WIDGET (prefs), "Sync Every"));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                               adw_combo_row_get_selected (row)), ==, "60 minutes");

  adw_combo_row_set_selected (row, 0);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "sync-interval-minutes"), ==, 5);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static const char *
selected_label (AdwComboRow *row)
{
  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                     adw_combo_row_get_selected (row));
}

static GtkSwitch *
row_switch (LtPreferencesWindow *prefs,
            const char          *title)
{
  GtkWidget *row = lt_ui_find_row (GTK_WIDGET (prefs), title);

  g_assert_nonnull (row);
  return GTK_SWITCH (lt_ui_find_descendant (row, GTK_TYPE_SWITCH));
}

/* The settings rows are bound to their keys (g_settings_bind): a key
 * changed elsewhere (gsettings, another window) shows in the open window
 * at once, and a row changed writes its key. */
static void
test_settings_bound (LtAppFixture  *f,
                     gconstpointer  data)
{
  LtPreferencesWindow *prefs = LT_PREFERENCES_WINDOW (lt_preferences_window_new (f->context));
  AdwComboRow *interval = ADW_COMBO_ROW (lt_ui_find_row (GTK_WIDGET (prefs), "Sync Every"));
  const char *release = lt_alert_kind_get_label (LT_ALERT_KIND_RELEASE);
  const char *resolved = lt_alert_kind_get_label (LT_ALERT_KIND_RESOLVED);
  g_auto(GStrv) off = NULL;

  /* Sync Every: from outside, an offered value, then one that is not
   * (shown as a row of its own), then an offered one again. */
  g_settings_set_uint (f->settings, "sync-interval-minutes", 240);
  g_assert_cmpstr (selected_label (interval), ==, "4 hours");
  g_settings_set_uint (f->settings, "sync-interval-minutes", 7);
  g_assert_cmpstr (selected_label (interval), ==, "7 minutes");
  g_settings_set_uint (f->settings, "sync-interval-minutes", 30);
  g_assert_cmpstr (selected_label (interval), ==, "30 minutes");
  /* The row writes the key; the row of a value from outside does not. */
  adw_combo_row_set_selected (interval, 0);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "sync-interval-minutes"), ==, 5);
  adw_combo_row_set_selected (interval, g_list_model_get_n_items (adw_combo_row_get_model (interval)) - 1);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "sync-interval-minutes"), ==, 5);

  /* A notification kind switched off elsewhere, then on here. */
  g_assert_true (gtk_switch_get_active (row_switch (prefs, release)));
  g_settings_set_strv (f->settings, "notifications-off",
                       (const char * const[]) { lt_alert_kind_to_nick (LT_ALERT_KIND_RELEASE), NULL });
  g_assert_false (gtk_switch_get_active (row_switch (prefs, release)));
  g_assert_true (gtk_switch_get_active (row_switch (prefs, resolved)));
  gtk_switch_set_active (row_switch (prefs, resolved), FALSE);
  off = g_settings_get_strv (f->settings, "notifications-off");
  g_assert_cmpuint (g_strv_length (off), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) off, lt_alert_kind_to_nick (LT_ALERT_KIND_RELEASE)));
  g_assert_true (g_strv_contains ((const char * const *) off, lt_alert_kind_to_nick (LT_ALERT_KIND_RESOLVED)));
  gtk_switch_set_active (row_switch (prefs, release), TRUE);
  g_clear_pointer (&off, g_strfreev);
  off = g_settings_get_strv (f->settings, "notifications-off");
  g_assert_cmpstrv (off, ((const char * const[]) { lt_alert_kind_to_nick (LT_ALERT_KIND_RESOLVED), NULL }));

  /* Run in Background, both ways. */
  g_settings_set_boolean (f->settings, "run-in-background", TRUE);
  g_assert_true (gtk_switch_get_active (row_switch (prefs, "Run in Background")));
  gtk_switch_set_active (row_switch (prefs, "Run in Background"), FALSE);
  g_assert_false (g_settings_get_boolean (f->settings, "run-in-background"));

  gtk_window_destroy (GTK_WINDOW (prefs));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* A profile synced with portal A: another address asks first (issue 10,
 * one portal per profile); Cancel keeps A, Switch saves B; an address of
 * the same origin is saved without a question. */
static void
test_portal_switch (LtAppFixture  *f,
                    gconstpointer  data)
{
  LtPreferencesWindow *prefs;
  GtkWidget *row;
  AdwMessageDialog *dialog;
  g_autoptr(GDateTime) now = lt_test_instant (NOW);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  g_assert_true (lt_store_bind_portal (lt_context_get_store (f->context), "https://portal-a.example:443",
                                       now, &error));
  g_assert_no_error (error);
  g_settings_set_string (f->settings, "portal-url", "https://portal-a.example");
  prefs = LT_PREFERENCES_WINDOW (lt_preferences_window_new (f->context));
  gtk_window_present (GTK_WINDOW (prefs));
  row = lt_ui_find_row (GTK_WIDGET (prefs), "Portal Address");

  /* The same portal, written differently: no question. */
  gtk_editable_set_text (GTK_EDITABLE (row), "https://PORTAL-A.example:443/");
  g_signal_emit_by_name (row, "apply");
  g_assert_null (find_message_dialog ());
  saved = g_settings_get_string (f->settings, "portal-url");
  g_assert_cmpstr (saved, ==, "https://PORTAL-A.example:443/");

  gtk_editable_set_text (GTK_EDITABLE (row), "https://portal-b.example");
  g_signal_emit_by_name (row, "apply");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "https://portal-a.example:443"));
  adw_message_dialog_response (dialog, "cancel");
  lt_app_test_flush ();
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (f->settings, "portal-url");
  g_assert_cmpstr (saved, ==, "https://PORTAL-A.example:443/");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "https://PORTAL-A.example:443/");

  gtk_editable_set_text (GTK_EDITABLE (row), "https://portal-b.example");
  g_signal_emit_by_name (row, "apply");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "switch");
  lt_app_test_flush ();
  g_clear_pointer (&saved, g_free);
  saved = g_settings_get_string (f->settings, "portal-url");
  g_assert_cmpstr (saved, ==, "https://portal-b.example");

  gtk_window_destroy (GTK_WINDOW (prefs));
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/preferences/bad-contact-email", LtAppFixture, NULL, setup,
              test_bad_contact_email, teardown);
  g_test_add ("/lt/app/overview/missing-contact", LtAppFixture, NULL, setup,
              test_missing_contact_on_overview, teardown);
  g_test_add ("/lt/app/overview/outbox", LtAppFixture, NULL, setup, test_outbox_on_overview, teardown);
  g_test_add ("/lt/app/overview/outbox-follows-store", LtAppFixture, NULL, setup,
              test_outbox_follows_store, teardown);
  g_test_add ("/lt/app/about/policy", LtAppFixture, NULL, setup, test_about, teardown);
  g_test_add ("/lt/app/preferences/token", LtAppFixture, NULL, setup, test_token, teardown);
  g_test_add ("/lt/app/preferences/sync-interval", LtAppFixture, NULL, setup, test_sync_interval, teardown);
  g_test_add ("/lt/app/preferences/settings-bound", LtAppFixture, NULL, setup, test_settings_bound, teardown);
  g_test_add ("/lt/app/preferences/portal-switch", LtAppFixture, NULL, setup, test_portal_switch, teardown);

  return g_test_run ();
}
