/* lt-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-preferences-window"

#include "config.h"

#include "lt-preferences-window.h"
#include "lt-preferences-window-private.h"

#include "lt-alerts.h"

#include "lt-credentials.h"
#include "lt-portal-choice.h"
#include "lt-portal-client.h"
#include "lt-error.h"
#include "lt-rules.h"
#include "lt-secret.h"
#include "lt-store-redaction-map.h"
#include "lt-store-sync.h"
#include "lt-sync.h"
#include "lt-sync-controller.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

/* The reminder lead times offered, in minutes; 0 is "off". The policy's
 * own leads are added when they are not among them. */
static const guint lead_choices[] = { 0, 15, 30, 60, 120, 240, 480, 1440, 2880, 10080 };
/* The sync intervals offered, in minutes (the schema's range is 5–1440). */
static const guint interval_choices[] = { 5, 15, 30, 60, 240, 1440 };
#define N_LEAD_ROWS 3

/* What a notification switch's binding needs: its kind, and the window
 * whose switches make up the whole list. */
typedef struct
{
  LtPreferencesWindow *self;
  LtAlertKind          kind;
} KindBinding;

struct _LtPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *contact_name_row;
  AdwEntryRow          *contact_email_row;
  AdwEntryRow          *contact_phone_row;
  GtkLabel             *contact_error_label;
  AdwEntryRow          *portal_row;
  AdwActionRow         *portal_override_row;
  AdwEntryRow          *ca_row;
  AdwPasswordEntryRow  *token_row;
  AdwActionRow         *token_status_row;
  GtkWidget            *forget_token_button;
  AdwActionRow         *keyring_row;
  AdwActionRow         *check_row;
  GtkImage             *check_icon;
  AdwComboRow          *interval_row;
  GtkStringList        *interval_model;
  GtkLabel             *portal_error_label;
  AdwPreferencesGroup  *kinds_group;
  GtkSwitch            *kind_switches[LT_N_ALERT_KINDS];
  KindBinding           kind_bindings[LT_N_ALERT_KINDS];
  GtkSwitch            *background_switch;
  AdwActionRow         *policy_leads_row;
  GtkSwitch            *policy_leads_switch;
  AdwComboRow          *lead_row_1;
  AdwComboRow          *lead_row_2;
  AdwComboRow          *lead_row_3;
  AdwEntryRow          *keyword_row;
  AdwEntryRow          *pattern_row;
  GtkLabel             *redaction_error_label;
  GtkListBox           *keywords_list;

  /* Owned */
  LtContext            *context;
  GArray               *leads;       /* guint minutes, one per combo position */
  GCancellable         *cancellable;
  char                 *check_text;  /* Test Connection's verdict, NULL before one */
  gboolean              syncing;     /* the lead rows set from code (load_leads) */
};

G_DEFINE_FINAL_TYPE (LtPreferencesWindow, lt_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static GSettings *
get_settings (LtPreferencesWindow *self)
{
  return lt_context_get_settings (self->context);
}

/* ---- Contact -------------------------------------------------------- */

static char *
dup_trimmed (AdwEntryRow *row)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  return g_strdup (g_strstrip (text));
}

static void
set_contact_error (LtPreferencesWindow *self,
                   const char          *message)
{
  gtk_label_set_text (self->contact_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->contact_error_label), message != NULL);
}

static gboolean
contact_differs (LtPreferencesWindow *self)
{
  GSettings *settings = get_settings (self);
  struct { AdwEntryRow *row; const char *key; } fields[] = {
    { self->contact_name_row, "contact-name" },
    { self->contact_email_row, "contact-email" },
    { self->contact_phone_row, "contact-phone" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *saved = g_settings_get_string (settings, fields[i].key);
      g_autofree char *typed = dup_trimmed (fields[i].row);

      if (g_strcmp0 (saved, typed) != 0)
        return TRUE;
    }

  return FALSE;
}

static void
contact_changed_cb (LtPreferencesWindow *self)
{
  set_contact_error (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.save-contact",
                                 contact_differs (self));
}

static gboolean
save_contact (LtPreferencesWindow *self)
{
  GSettings *settings = get_settings (self);
  g_autofree char *name = dup_trimmed (self->contact_name_row);
  g_autofree char *email = dup_trimmed (self->contact_email_row);
  g_autofree char *phone = dup_trimmed (self->contact_phone_row);
  g_autoptr(GError) error = NULL;

  /* R10 decides what is complete enough; the window only shows it. */
  if (!lt_rules_validate_primary_contact (name, email, phone, &error))
    {
      set_contact_error (self, error->message);
      return FALSE;
    }

  g_settings_delay (settings);
  g_settings_set_string (settings, "contact-name", name);
  g_settings_set_string (settings, "contact-email", email);
  g_settings_set_string (settings, "contact-phone", phone);
  g_settings_apply (settings);

  set_contact_error (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.save-contact", FALSE);
  lt_ui_show_toast (GTK_WIDGET (self), _("Primary technical contact saved"));

  return TRUE;
}

static void
save_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  save_contact (LT_PREFERENCES_WINDOW (widget));
}

static void
contact_activated_cb (LtPreferencesWindow *self)
{
  save_contact (self);
}

/* What is saved here, or the account's contact from the portal as a
 * proposal (Save then keeps it for tickets filed from this computer). */
static void
load_contact (LtPreferencesWindow *self)
{
  g_autoptr(LtContact) contact = lt_context_dup_primary_contact (self->context);

  /* Each row's "changed" clears the error and asks again whether Save
   * has something to save: the last answer is the one below. */
  gtk_editable_set_text (GTK_EDITABLE (self->contact_name_row), contact != NULL && contact->name ? contact->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_email_row), contact != NULL && contact->email ? contact->email : "");
  gtk_editable_set_text (GTK_EDITABLE (self->contact_phone_row), contact != NULL && contact->phone ? contact->phone : "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.save-contact", contact_differs (self));
}

/* ---- Portal --------------------------------------------------------- */

static void
set_portal_error (LtPreferencesWindow *self,
                  const char          *message)
{
  gtk_label_set_text (self->portal_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->portal_error_label), message != NULL);
}

static void
portal_switch_response_cb (AdwMessageDialog    *dialog,
                           const char          *response,
                           LtPreferencesWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (dialog), "lt-url");
  LtSyncController *sync = lt_context_get_sync (self->context);

  if (g_strcmp0 (response, "switch") != 0)
    {
      g_autofree char *saved = g_settings_get_string (get_settings (self), "portal-url");

      gtk_editable_set_text (GTK_EDITABLE (self->portal_row), saved);
      return;
    }

  if (sync != NULL)
    lt_sync_controller_allow_portal_switch (sync);
  g_settings_set_string (get_settings (self), "portal-url", url);
  /* The address may be the one saved already (a start refused it). */
  if (sync != NULL)
    lt_sync_controller_sync (sync);
  lt_ui_show_toast (GTK_WIDGET (self), _("Switching to the new portal; the old portal's data is kept in “previous-portals”"));
}

static void
portal_apply_cb (LtPreferencesWindow *self)
{
  g_autofree char *url = dup_trimmed (self->portal_row);
  g_autofree char *normalized = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *bound = NULL;
  g_autoptr(GError) error = NULL;
  LtStore *store;

  /* The rule the client applies (https, or http to this computer only):
   * an address it would refuse is not saved. */
  normalized = lt_portal_validate_url (url, &error);
  if (normalized == NULL)
    {
      set_portal_error (self, error->message);
      return;
    }

  set_portal_error (self, NULL);
  origin = lt_sync_dup_portal_origin (url);
  store = lt_context_get_store (self->context);
  /* The profile belongs to another portal: moving it is the admin's
   * choice (docs/sync.md, "One portal per profile"). With --portal the
   * address only applies to the next start, where a sync says so. */
  if (store != NULL && lt_context_get_portal_override (self->context) == NULL &&
      lt_store_load_portal_binding (store, &bound, NULL, NULL, NULL) &&
      bound != NULL && g_strcmp0 (bound, origin) != 0)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Switch to Another Portal?"), NULL);

      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      _("This profile holds the tickets and unsent actions of %s. "
                                        "Switching keeps them in a profile of their own, beside this "
                                        "one in “previous-portals” (open it with --profile; its unsent "
                                        "actions still go to %s only), and starts this one afresh "
                                        "with %s. To keep both at hand, start the app with "
                                        "--profile and a new folder for the new portal instead."),
                                      bound, bound, origin);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "switch", _("_Switch Portal"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "switch",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "lt-url", g_steal_pointer (&url), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (portal_switch_response_cb), self, 0);
      lt_ui_present_dialog (GTK_WINDOW (dialog), GTK_WIDGET (self));
      return;
    }

  g_settings_set_string (get_settings (self), "portal-url", url);
  lt_ui_show_toast (GTK_WIDGET (self), _("Portal address saved"));
}

static void
ca_apply_cb (LtPreferencesWindow *self)
{
  g_autofree char *path = dup_trimmed (self->ca_row);

  if (*path != '\0' && (!g_path_is_absolute (path) || !g_file_test (path, G_FILE_TEST_IS_REGULAR)))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not an existing file (give its absolute path)"), path);

      set_portal_error (self, message);
      return;
    }

  set_portal_error (self, NULL);
  g_settings_set_string (get_settings (self), "extra-ca-file", path);
  lt_ui_show_toast (GTK_WIDGET (self), *path != '\0' ? _("Certificate file saved")
                                                     : _("Only the system’s certificate authorities are trusted"));
}

static void
ca_chosen_cb (GtkNativeDialog     *chooser,
              int                  response,
              LtPreferencesWindow *self)
{
  /* Dropped at the end of the scope, whichever way it is left. */
  G_GNUC_UNUSED g_autoptr(GtkNativeDialog) owned = chooser;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);

  if (file == NULL)
    return;

  {
    g_autofree char *path = g_file_get_path (file);

    gtk_editable_set_text (GTK_EDITABLE (self->ca_row), path != NULL ? path : "");
    ca_apply_cb (self);
  }
}

static void
choose_ca_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_mime_type (filter, "application/x-x509-ca-cert");

  chooser = gtk_file_chooser_native_new (_("Choose Certificate Authorities"),
                                         GTK_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (ca_chosen_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
load_portal (LtPreferencesWindow *self)
{
  GSettings *settings = get_settings (self);
  g_autofree char *url = g_settings_get_string (settings, "portal-url");
  g_autofree char *ca = g_settings_get_string (settings, "extra-ca-file");
  const char *override = lt_context_get_portal_override (self->context);
  const char *env = g_getenv (LT_PORTAL_ENV);

  /* Empty: the built-in default, written once (lt-portal-client.h). */
  gtk_editable_set_text (GTK_EDITABLE (self->portal_row), *url != '\0' ? url : LT_PORTAL_DEFAULT_URL);
  gtk_editable_set_text (GTK_EDITABLE (self->ca_row), ca);

  if (override == NULL && env != NULL && *env != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (env, -1);
      /* TRANSLATORS: %s is the environment variable's value, a URL */
      g_autofree char *subtitle = g_strdup_printf (_("Started with LTSUPPORT_PORTAL=%s; the address above applies once it is unset."),
                                                   escaped);

      adw_action_row_set_subtitle (self->portal_override_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->portal_override_row), TRUE);
    }
  if (override != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (override, -1);
      g_autofree char *subtitle = g_strdup_printf (_("Started with --portal %s; the address above applies to the next start."),
                                                   escaped);

      adw_action_row_set_subtitle (self->portal_override_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->portal_override_row), TRUE);
    }
}

/* ---- Token (keyring) ----------------------------------------------- */

static LtCredentials *
dup_credentials (LtPreferencesWindow  *self,
                 GError              **error)
{
  LtPortalSource source;
  g_autofree char *url = lt_context_dup_portal_url (self->context, &source, error);

  if (url == NULL)
    return NULL;
  return lt_portal_choice_new_credentials (url, source, error);
}

static void
set_token_status (LtPreferencesWindow *self,
                  const char          *text,
                  gboolean             stored)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_action_row_set_subtitle (self->token_status_row, escaped);
  gtk_widget_set_visible (self->forget_token_button, stored);
}

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LtPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LtTokenSource token_source = LT_TOKEN_SOURCE_NONE;
  SecretValue *token;

  token = lt_credentials_lookup_finish (LT_CREDENTIALS (source), result, &token_source, &error);
  /* The value itself is never shown; only where it comes from. */
  g_clear_pointer (&token, secret_value_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    set_token_status (self, error->message, FALSE);
  else if (token_source == LT_TOKEN_SOURCE_ENVIRONMENT)
    set_token_status (self, lt_token_source_describe (token_source), FALSE);
  else if (token_source == LT_TOKEN_SOURCE_KEYRING || token_source == LT_TOKEN_SOURCE_SESSION)
    set_token_status (self, lt_token_source_describe (token_source), TRUE);
  else
    set_token_status (self, _("No token yet. Paste the one from your account page on the portal; it is kept in your keyring."), FALSE);
}

static void
load_token_status (LtPreferencesWindow *self)
{
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = dup_credentials (self, &error);
  if (credentials == NULL)
    {
      set_token_status (self, error->message, FALSE);
      return;
    }

  set_token_status (self, _("Looking in the keyring…"), FALSE);
  lt_credentials_lookup_async (credentials, self->cancellable, lookup_done_cb, g_object_ref (self));
}

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LtPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  LtSyncController *sync;

  if (!lt_credentials_store_finish (LT_CREDENTIALS (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The token stays in its field (never silently emptied) and the
       * ways that work are offered: this session only, or the error's
       * LTSUPPORT_TOKEN. */
      set_portal_error (self, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), TRUE);
      return;
    }

  /* Not kept on screen: once saved, the field is empty again. */
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  set_portal_error (self, NULL);
  lt_ui_show_toast (GTK_WIDGET (self), _("Token saved in the keyring"));
  load_token_status (self);

  sync = lt_context_get_sync (self->context);
  if (sync != NULL)
    lt_sync_controller_sync (sync);
}

static void
token_apply_cb (LtPreferencesWindow *self)
{
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtSecretString) token = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row)));

  g_strstrip (token);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), FALSE);

  credentials = dup_credentials (self, &error);
  if (credentials == NULL || !lt_credentials_validate_token (token, &error))
    {
      /* Not kept on screen: a token that cannot be one is not kept. */
      gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
      set_portal_error (self, error->message);
      return;
    }

  lt_credentials_store_async (credentials, token, self->cancellable, store_done_cb, g_object_ref (self));
}

static void
clear_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LtPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lt_credentials_clear_finish (LT_CREDENTIALS (source), result, NULL, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_portal_error (self, error->message);
      return;
    }

  lt_ui_show_toast (GTK_WIDGET (self), _("Token removed from the keyring"));
  load_token_status (self);
}

static void
forget_token_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LtPreferencesWindow *self = LT_PREFERENCES_WINDOW (widget);
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = dup_credentials (self, &error);
  if (credentials == NULL)
    {
      set_portal_error (self, error->message);
      return;
    }

  lt_credentials_clear_async (credentials, self->cancellable, clear_done_cb, g_object_ref (self));
}

static void
keep_for_session_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LtPreferencesWindow *self = LT_PREFERENCES_WINDOW (widget);
  g_autoptr(LtSecretString) token = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row)));
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  LtSyncController *sync;

  g_strstrip (token);
  credentials = dup_credentials (self, &error);
  if (credentials == NULL || !lt_credentials_keep_for_session (credentials, token, &error))
    {
      set_portal_error (self, error->message);
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_row), FALSE);
  set_portal_error (self, NULL);
  lt_ui_show_toast (GTK_WIDGET (self), _("Token kept for this session only"));
  load_token_status (self);

  sync = lt_context_get_sync (self->context);
  if (sync != NULL)
    lt_sync_controller_sync (sync);
}

/* ---- Connection ------------------------------------------------------ */

/* "Last synced …", then Test Connection's verdict once there is one. */
static void
load_check_row (LtPreferencesWindow *self)
{
  LtSyncController *sync = lt_context_get_sync (self->context);
  g_autoptr(GDateTime) last = sync != NULL ? lt_sync_controller_dup_last_success (sync) : NULL;
  g_autofree char *text = NULL;

  if (last != NULL)
    {
      g_autofree char *when = lt_ui_format_instant (last);

      /* TRANSLATORS: Preferences, "Last synced Mon 30 Nov 2026, 10:03" */
      text = g_strdup_printf (_("Last synced %s"), when);
    }
  else
    text = g_strdup (_("Not synced yet"));

  if (self->check_text != NULL)
    {
      g_autofree char *both = g_strdup_printf ("%s\n%s", text, self->check_text);

      g_free (text);
      text = g_steal_pointer (&both);
    }
  adw_action_row_set_subtitle (self->check_row, text);
}

static void
set_check_text (LtPreferencesWindow *self,
                const char          *text)
{
  g_free (self->check_text);
  self->check_text = g_strdup (text);
  load_check_row (self);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LtPreferencesWindow) self = user_data;
  g_autoptr(LtPortalCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  check = lt_context_check_portal_finish (LT_CONTEXT (source), result, &error);
  if (check == NULL)
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.test-connection", TRUE);
  g_string_append (text, lt_portal_check_get_title (check));
  if (lt_portal_check_get_advice (check) != NULL)
    g_string_append_printf (text, ". %s", lt_portal_check_get_advice (check));
  if (lt_portal_check_get_detail (check) != NULL)
    g_string_append_printf (text, " (%s)", lt_portal_check_get_detail (check));
  set_check_text (self, text->str);
  gtk_image_set_from_icon_name (self->check_icon, lt_portal_check_get_ok (check) ? "emblem-ok-symbolic"
                                                                                  : "dialog-error-symbolic");
}

static void
test_connection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  LtPreferencesWindow *self = LT_PREFERENCES_WINDOW (widget);
  g_autoptr(LtSecretString) token = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->token_row)));

  /* A token typed but not applied is the one tested. */
  g_strstrip (token);
  gtk_widget_action_set_enabled (widget, "preferences.test-connection", FALSE);
  set_check_text (self, _("Testing the connection…"));
  gtk_image_set_from_icon_name (self->check_icon, "network-server-symbolic");
  lt_context_check_portal_async (self->context, NULL, *token != '\0' ? token : NULL,
                                 self->cancellable, check_done_cb, g_object_ref (self));
}

const char *
lt_preferences_window_get_connection_text (LtPreferencesWindow *self)
{
  g_return_val_if_fail (LT_IS_PREFERENCES_WINDOW (self), NULL);

  return self->check_text;
}

const char *
lt_preferences_window_get_last_sync_text (LtPreferencesWindow *self)
{
  g_return_val_if_fail (LT_IS_PREFERENCES_WINDOW (self), NULL);

  return adw_action_row_get_subtitle (self->check_row);
}

const char *
lt_preferences_window_get_portal_error (LtPreferencesWindow *self)
{
  g_return_val_if_fail (LT_IS_PREFERENCES_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->portal_error_label)))
    return NULL;

  return gtk_label_get_text (self->portal_error_label);
}

/* ---- Sync interval ---------------------------------------------------- */

/* The key's minutes as the row's position. A value set elsewhere
 * (gsettings) that is not offered is shown too, as a last row of its
 * own: added once, relabelled in place, so the row the binding selects
 * is always there when it does. */
static gboolean
interval_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  LtPreferencesWindow *self = user_data;
  guint minutes = g_variant_get_uint32 (variant);
  g_autofree char *label = NULL;
  const char *labels[2] = { NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (interval_choices); i++)
    if (interval_choices[i] == minutes)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  label = lt_ui_format_duration ((GTimeSpan) minutes * G_TIME_SPAN_MINUTE);
  labels[0] = label;
  gtk_string_list_splice (self->interval_model, G_N_ELEMENTS (interval_choices),
                          g_list_model_get_n_items (G_LIST_MODEL (self->interval_model)) - G_N_ELEMENTS (interval_choices),
                          labels);
  g_value_set_uint (value, G_N_ELEMENTS (interval_choices));
  return TRUE;
}

/* The row's position as minutes; the last row of a value set elsewhere
 * writes nothing. */
static GVariant *
interval_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (interval_choices))
    return NULL;

  return g_variant_new_uint32 (interval_choices[selected]);
}

static void
bind_interval (LtPreferencesWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (interval_choices); i++)
    {
      g_autofree char *label = lt_ui_format_duration ((GTimeSpan) interval_choices[i] * G_TIME_SPAN_MINUTE);

      gtk_string_list_append (self->interval_model, label);
    }

  g_settings_bind_with_mapping (get_settings (self), "sync-interval-minutes",
                                self->interval_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                interval_get_mapping, interval_set_mapping, self, NULL);
}

/* ---- Reminders ------------------------------------------------------ */

/* Not a binding, unlike the other settings rows: three rows and a switch
 * make up one array (sorted, without repeats, empty for the policy's
 * times, all "off" meaning the maintenance switch), and a binding per row
 * would re-sort the other rows each time one is chosen. */

static int
compare_guint_desc (gconstpointer a,
                    gconstpointer b)
{
  guint ua = *(const guint *) a, ub = *(const guint *) b;

  return (ua < ub) - (ua > ub);
}

static AdwComboRow *
lead_row (LtPreferencesWindow *self,
          guint                i)
{
  AdwComboRow *rows[N_LEAD_ROWS] = { self->lead_row_1, self->lead_row_2, self->lead_row_3 };

  return rows[i];
}

static guint
position_of_lead (LtPreferencesWindow *self,
                  guint                minutes)
{
  for (guint i = 0; i < self->leads->len; i++)
    if (g_array_index (self->leads, guint, i) == minutes)
      return i;

  return 0;
}

/* The choices: 0 (off), the fixed ones, the policy's, largest last. */
static void
build_lead_choices (LtPreferencesWindow *self)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const guint *policy_leads;
  guint n_policy;

  g_array_set_size (self->leads, 0);
  for (guint i = 0; i < G_N_ELEMENTS (lead_choices); i++)
    g_array_append_val (self->leads, lead_choices[i]);

  policy_leads = lt_policy_get_reminder_lead_minutes (policy, &n_policy);
  for (guint i = 0; i < n_policy; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < self->leads->len; j++)
        known |= g_array_index (self->leads, guint, j) == policy_leads[i];
      if (!known)
        g_array_append_val (self->leads, policy_leads[i]);
    }
  g_array_sort (self->leads, compare_guint_desc);
  /* "Off" first. */
  g_array_remove_index (self->leads, self->leads->len - 1);
  g_array_prepend_val (self->leads, lead_choices[0]);

  for (guint i = 0; i < self->leads->len; i++)
    {
      guint minutes = g_array_index (self->leads, guint, i);

      if (minutes == 0)
        gtk_string_list_append (labels, _("Off"));
      else
        {
          g_autofree char *duration = lt_ui_format_duration ((GTimeSpan) minutes * G_TIME_SPAN_MINUTE);
          /* TRANSLATORS: a reminder lead time, "24 hours before" */
          g_autofree char *label = g_strdup_printf (_("%s before"), duration);

          gtk_string_list_append (labels, label);
        }
    }

  for (guint i = 0; i < N_LEAD_ROWS; i++)
    adw_combo_row_set_model (lead_row (self, i), G_LIST_MODEL (labels));
}

static void
load_leads (LtPreferencesWindow *self)
{
  g_autoptr(GVariant) value = g_settings_get_value (get_settings (self), "reminder-lead-minutes");
  gsize n = 0;
  const guint32 *saved = g_variant_get_fixed_array (value, &n, sizeof (guint32));
  LtPolicy *policy = lt_context_get_policy (self->context);
  const guint *leads = saved;
  guint n_leads = (guint) n;
  g_autofree char *policy_text = NULL;
  g_autoptr(GString) described = g_string_new (NULL);
  const guint *policy_leads;
  guint n_policy;

  policy_leads = lt_policy_get_reminder_lead_minutes (policy, &n_policy);
  for (guint i = 0; i < n_policy; i++)
    {
      g_autofree char *duration = lt_ui_format_duration ((GTimeSpan) policy_leads[i] * G_TIME_SPAN_MINUTE);

      if (described->len > 0)
        g_string_append (described, ", ");
      g_string_append (described, duration);
    }
  policy_text = g_strdup_printf (_("%s before a window starts"),
                                 described->len > 0 ? described->str : _("none"));
  adw_action_row_set_subtitle (self->policy_leads_row, policy_text);

  if (n == 0)
    {
      leads = policy_leads;
      n_leads = n_policy;
    }

  self->syncing = TRUE;
  gtk_switch_set_active (self->policy_leads_switch, n == 0);
  for (guint i = 0; i < N_LEAD_ROWS; i++)
    {
      adw_combo_row_set_selected (lead_row (self, i),
                                  i < n_leads ? position_of_lead (self, leads[i]) : 0);
      gtk_widget_set_visible (GTK_WIDGET (lead_row (self, i)), n != 0);
    }
  self->syncing = FALSE;
}

static void
save_leads (LtPreferencesWindow *self)
{
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint32));
  GVariant *value;

  for (guint i = 0; i < N_LEAD_ROWS; i++)
    {
      guint position = adw_combo_row_get_selected (lead_row (self, i));
      guint32 minutes;
      gboolean seen = FALSE;

      if (position >= self->leads->len)
        continue;
      minutes = g_array_index (self->leads, guint, position);
      for (guint j = 0; j < chosen->len; j++)
        seen |= g_array_index (chosen, guint32, j) == minutes;
      if (minutes != 0 && !seen)
        g_array_append_val (chosen, minutes);
    }
  g_array_sort (chosen, compare_guint_desc);

  /* All "off" is kept as a choice of its own: reminders stay on but none
   * is wanted. An empty array would mean "the policy's times". */
  if (chosen->len == 0)
    {
      gtk_switch_set_active (self->kind_switches[LT_ALERT_KIND_MAINTENANCE], FALSE);
      return;
    }

  value = g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, chosen->data, chosen->len, sizeof (guint32));
  g_settings_set_value (get_settings (self), "reminder-lead-minutes", value);
}

static void
policy_leads_toggled_cb (LtPreferencesWindow *self)
{
  if (self->syncing)
    return;

  if (gtk_switch_get_active (self->policy_leads_switch))
    g_settings_reset (get_settings (self), "reminder-lead-minutes");
  else
    save_leads (self);

  load_leads (self);
}

static void
lead_changed_cb (LtPreferencesWindow *self)
{
  if (self->syncing || gtk_switch_get_active (self->policy_leads_switch))
    return;

  save_leads (self);
}

/* ---- Notifications ---------------------------------------------------- */

/* One switch per alert kind, with core's words; the setting lists the
 * kinds switched off, so a kind added later is on. Each switch is bound
 * to that one key: on when its kind is not listed. */
static gboolean
kind_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  g_autofree const char **off = g_variant_get_strv (variant, NULL);
  const KindBinding *binding = user_data;

  g_value_set_boolean (value, !g_strv_contains (off, lt_alert_kind_to_nick (binding->kind)));
  return TRUE;
}

/* A switch turned writes the whole list, from every switch (the one
 * turned shows its new state already). */
static GVariant *
kind_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  LtPreferencesWindow *self = ((const KindBinding *) user_data)->self;
  g_autoptr(GStrvBuilder) off = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint kind = 0; kind < LT_N_ALERT_KINDS; kind++)
    if (!gtk_switch_get_active (self->kind_switches[kind]))
      g_strv_builder_add (off, lt_alert_kind_to_nick (kind));
  strv = g_strv_builder_end (off);

  return g_variant_new_strv ((const char * const *) strv, -1);
}

static void
build_kind_rows (LtPreferencesWindow *self)
{
  for (guint kind = 0; kind < LT_N_ALERT_KINDS; kind++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lt_alert_kind_get_label (kind));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lt_alert_kind_get_description (kind));
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, lt_alert_kind_get_label (kind),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      adw_preferences_group_add (self->kinds_group, row);
      self->kind_switches[kind] = GTK_SWITCH (toggle);
    }

  /* Bound once all exist: writing reads every switch. */
  for (guint kind = 0; kind < LT_N_ALERT_KINDS; kind++)
    {
      self->kind_bindings[kind].self = self;
      self->kind_bindings[kind].kind = kind;
      g_settings_bind_with_mapping (get_settings (self), "notifications-off",
                                    self->kind_switches[kind], "active", G_SETTINGS_BIND_DEFAULT,
                                    kind_get_mapping, kind_set_mapping,
                                    &self->kind_bindings[kind], NULL);
    }
}

/* ---- GObject -------------------------------------------------------- */

/* ---- Redaction: the profile's keywords ------------------------------- */

static void
set_redaction_error (LtPreferencesWindow *self,
                     const char          *message)
{
  gtk_label_set_text (self->redaction_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->redaction_error_label), message != NULL);
}

static void
load_keywords (LtPreferencesWindow *self)
{
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(GPtrArray) keywords = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->keywords_list))) != NULL)
    gtk_list_box_remove (self->keywords_list, child);

  gtk_widget_set_sensitive (GTK_WIDGET (self->keyword_row), store != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->pattern_row), store != NULL);
  if (store != NULL)
    keywords = lt_store_list_redaction_keywords (store, &error);
  if (keywords == NULL)
    {
      set_redaction_error (self, error != NULL ? error->message
                                               : _("The local database is not open, so no keyword can be kept"));
      return;
    }

  for (guint i = 0; i < keywords->len; i++)
    {
      const LtRedactionKeyword *keyword = g_ptr_array_index (keywords, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *escaped = g_markup_escape_text (keyword->text, -1);
      g_autofree char *label = g_strdup_printf (_("Remove %s"), keyword->text);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   keyword->pattern ? _("Regular expression") : _("Word"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "preferences.remove-keyword");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", keyword->text);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->keywords_list, row);
    }

  if (keywords->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No Keywords Yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("A project name, a customer number: what only your organisation would recognise"));
      gtk_list_box_append (self->keywords_list, row);
    }
}

gboolean
lt_preferences_window_add_keyword (LtPreferencesWindow  *self,
                                   const char           *text,
                                   gboolean              pattern,
                                   GError              **error)
{
  LtStore *store;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (LT_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  store = lt_context_get_store (self->context);
  if (store == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_STORE,
                           _("The local database is not open, so no keyword can be kept"));
      return FALSE;
    }
  now = lt_clock_dup_now (lt_context_get_clock (self->context));
  if (!lt_store_add_redaction_keyword (store, text, pattern, now, &local_error))
    {
      set_redaction_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  set_redaction_error (self, NULL);
  load_keywords (self);
  return TRUE;
}

static void
add_keyword_from (LtPreferencesWindow *self,
                  AdwEntryRow         *row,
                  gboolean             pattern)
{
  g_autoptr(GError) error = NULL;

  if (!lt_preferences_window_add_keyword (self, gtk_editable_get_text (GTK_EDITABLE (row)), pattern, &error))
    {
      /* In place, where the text is (add_keyword showed the store's
       * message, which quotes it). */
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
keyword_apply_cb (LtPreferencesWindow *self)
{
  add_keyword_from (self, self->keyword_row, FALSE);
}

static void
pattern_apply_cb (LtPreferencesWindow *self)
{
  add_keyword_from (self, self->pattern_row, TRUE);
}

const char *
lt_preferences_window_get_redaction_error (LtPreferencesWindow *self)
{
  g_return_val_if_fail (LT_IS_PREFERENCES_WINDOW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->redaction_error_label))
         ? gtk_label_get_text (self->redaction_error_label) : NULL;
}

gboolean
lt_preferences_window_remove_keyword (LtPreferencesWindow  *self,
                                      const char           *text,
                                      GError              **error)
{
  LtStore *store;

  g_return_val_if_fail (LT_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  store = lt_context_get_store (self->context);
  if (store == NULL)
    {
      g_set_error_literal (error, LT_ERROR, LT_ERROR_STORE,
                           _("The local database is not open, so no keyword can be kept"));
      return FALSE;
    }
  if (!lt_store_remove_redaction_keyword (store, text, error))
    return FALSE;

  load_keywords (self);
  return TRUE;
}

static void
remove_keyword_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LtPreferencesWindow *self = LT_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *text = g_variant_get_string (parameter, NULL);

  if (!lt_preferences_window_remove_keyword (self, text, &error))
    {
      set_redaction_error (self, error->message);
      return;
    }
  set_redaction_error (self, NULL);
  /* The row and its button went: the focus stays in the group. */
  gtk_widget_grab_focus (GTK_WIDGET (self->keyword_row));
  message = g_strdup_printf (_("“%s” removed"), text);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

static void
lt_preferences_window_dispose (GObject *object)
{
  LtPreferencesWindow *self = (LtPreferencesWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  /* The bindings' mappings read this window: a row that outlives it (a
   * reference held elsewhere) must not follow the key any more. */
  if (self->interval_row != NULL)
    g_settings_unbind (self->interval_row, "selected");
  for (guint kind = 0; kind < LT_N_ALERT_KINDS; kind++)
    if (self->kind_switches[kind] != NULL)
      {
        g_settings_unbind (self->kind_switches[kind], "active");
        self->kind_switches[kind] = NULL;
      }
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (lt_preferences_window_parent_class)->dispose (object);
}

static void
lt_preferences_window_finalize (GObject *object)
{
  LtPreferencesWindow *self = (LtPreferencesWindow *) object;

  g_clear_pointer (&self->leads, g_array_unref);
  g_free (self->check_text);

  G_OBJECT_CLASS (lt_preferences_window_parent_class)->finalize (object);
}

static void
lt_preferences_window_class_init (LtPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_preferences_window_dispose;
  object_class->finalize = lt_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, contact_name_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, contact_email_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, contact_error_label);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, portal_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, portal_override_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, ca_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, token_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, token_status_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, forget_token_button);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, keyring_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, check_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, check_icon);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, interval_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, interval_model);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, portal_error_label);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, kinds_group);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, policy_leads_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, policy_leads_switch);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, lead_row_1);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, lead_row_2);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, lead_row_3);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, keyword_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, pattern_row);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, redaction_error_label);
  gtk_widget_class_bind_template_child (widget_class, LtPreferencesWindow, keywords_list);
  gtk_widget_class_bind_template_callback (widget_class, keyword_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, pattern_apply_cb);
  gtk_widget_class_install_action (widget_class, "preferences.remove-keyword", "s", remove_keyword_action);
  gtk_widget_class_bind_template_callback (widget_class, contact_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, portal_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, ca_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, policy_leads_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, lead_changed_cb);

  gtk_widget_class_install_action (widget_class, "preferences.save-contact", NULL, save_contact_action);
  gtk_widget_class_install_action (widget_class, "preferences.choose-ca", NULL, choose_ca_action);
  gtk_widget_class_install_action (widget_class, "preferences.forget-token", NULL, forget_token_action);
  gtk_widget_class_install_action (widget_class, "preferences.keep-for-session", NULL, keep_for_session_action);
  gtk_widget_class_install_action (widget_class, "preferences.test-connection", NULL, test_connection_action);
}

static void
lt_preferences_window_init (LtPreferencesWindow *self)
{
  self->leads = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lt_preferences_window_new (LtContext *context)
{
  LtPreferencesWindow *self;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);

  self = g_object_new (LT_TYPE_PREFERENCES_WINDOW, NULL);
  self->context = g_object_ref (context);

  load_contact (self);
  load_portal (self);
  load_token_status (self);
  adw_action_row_set_subtitle (self->keyring_row, lt_ui_session_token_explanation ());
  load_check_row (self);
  if (lt_context_get_sync (context) != NULL)
    g_signal_connect_object (lt_context_get_sync (context), "notify::outcome",
                             G_CALLBACK (load_check_row), self, G_CONNECT_SWAPPED);
  bind_interval (self);
  build_kind_rows (self);
  /* Giving the combo rows their choices selects one: not a choice of the
   * admin's to save. */
  self->syncing = TRUE;
  build_lead_choices (self);
  self->syncing = FALSE;
  load_leads (self);
  load_keywords (self);
  /* LtApplication follows the key: the hold, the autostart entry or the
   * Background portal (lt-background.h). */
  g_settings_bind (get_settings (self), "run-in-background",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);

  return GTK_WIDGET (self);
}

gboolean
lt_preferences_window_save_contact (LtPreferencesWindow *self,
                                    const char          *name,
                                    const char          *email,
                                    const char          *phone)
{
  g_return_val_if_fail (LT_IS_PREFERENCES_WINDOW (self), FALSE);

  gtk_editable_set_text (GTK_EDITABLE (self->contact_name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (self->contact_email_row), email);
  gtk_editable_set_text (GTK_EDITABLE (self->contact_phone_row), phone);

  return save_contact (self);
}

const char *
lt_preferences_window_get_contact_error (LtPreferencesWindow *self)
{
  g_return_val_if_fail (LT_IS_PREFERENCES_WINDOW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->contact_error_label)))
    return NULL;

  return gtk_label_get_text (self->contact_error_label);
}
