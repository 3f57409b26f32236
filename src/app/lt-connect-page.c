/* lt-connect-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-connect-page"

#include "config.h"

#include "lt-connect-page.h"
#include "lt-connect-page-private.h"

#include "lt-credentials.h"
#include "lt-error.h"
#include "lt-portal-client.h"
#include "lt-secret.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtConnectPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwEntryRow         *portal_row;
  AdwPasswordEntryRow *token_row;
  AdwActionRow        *result_row;
  GtkImage            *result_icon;
  GtkSpinner          *result_spinner;
  AdwPreferencesGroup *keyring_group;
  AdwActionRow        *keyring_row;

  /* Owned */
  LtContext           *context;
  GCancellable        *cancellable;
  LtPortalCheck       *check;
  char                *error;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (LtConnectPage, lt_connect_page, ADW_TYPE_BIN)

enum {
  DONE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_trimmed (GtkEditable *editable)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (editable));

  return g_strdup (g_strstrip (text));
}

static void
update_actions (LtConnectPage *self)
{
  g_autofree char *url = dup_trimmed (GTK_EDITABLE (self->portal_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.test", !self->busy && *url != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect", !self->busy && *url != '\0');
}

/* One line under the fields: a verdict, an error, or a spinner. */
static void
show_result (LtConnectPage *self,
             gboolean       ok,
             const char    *title,
             const char    *subtitle)
{
  GtkWidget *row = GTK_WIDGET (self->result_row);

  gtk_widget_set_visible (row, title != NULL);
  if (title == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), title);
  adw_action_row_set_subtitle (self->result_row, subtitle != NULL ? subtitle : "");
  gtk_image_set_from_icon_name (self->result_icon, ok ? "emblem-ok-symbolic" : "dialog-error-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->result_icon), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_spinner), FALSE);
  gtk_spinner_set_spinning (self->result_spinner, FALSE);
  gtk_widget_remove_css_class (row, ok ? "error" : "success");
  gtk_widget_add_css_class (row, ok ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle != NULL ? subtitle : "",
                                  -1);
}

static void
show_busy (LtConnectPage *self,
           const char    *title)
{
  show_result (self, TRUE, title, NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_row), "success");
  gtk_widget_set_visible (GTK_WIDGET (self->result_icon), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_spinner), TRUE);
  gtk_spinner_set_spinning (self->result_spinner, TRUE);
}

static void
set_error (LtConnectPage *self,
           const char    *title,
           const char    *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  if (message != NULL)
    show_result (self, FALSE, title, message);
}

static void
set_busy (LtConnectPage *self,
          gboolean       busy)
{
  self->busy = busy;
  update_actions (self);
}

static void
fields_changed_cb (LtConnectPage *self)
{
  update_actions (self);
}

/* ---- Test connection -------------------------------------------------- */

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LtConnectPage) self = user_data;
  g_autoptr(LtPortalCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  check = lt_context_check_portal_finish (LT_CONTEXT (source), result, &error);
  if (check == NULL)
    return;

  set_busy (self, FALSE);
  g_set_object (&self->check, check);
  if (lt_portal_check_get_advice (check) != NULL)
    g_string_append (subtitle, lt_portal_check_get_advice (check));
  if (lt_portal_check_get_detail (check) != NULL)
    g_string_append_printf (subtitle, "%s(%s)", subtitle->len > 0 ? " " : "",
                            lt_portal_check_get_detail (check));
  show_result (self, lt_portal_check_get_ok (check), lt_portal_check_get_title (check), subtitle->str);
}

static void
test_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtConnectPage *self = LT_CONNECT_PAGE (widget);
  g_autofree char *url = dup_trimmed (GTK_EDITABLE (self->portal_row));
  g_autoptr(LtSecretString) token = dup_trimmed (GTK_EDITABLE (self->token_row));

  set_error (self, NULL, NULL);
  set_busy (self, TRUE);
  show_busy (self, _("Testing the connection…"));
  lt_context_check_portal_async (self->context, url, *token != '\0' ? token : NULL,
                                 self->cancellable, check_done_cb, g_object_ref (self));
}

/* ---- Connect ------------------------------------------------------------ */

static void
finish (LtConnectPage *self,
        const char    *toast)
{
  /* ::done gives the window its pages back, which lets go of this page. */
  G_GNUC_UNUSED g_autoptr(LtConnectPage) hold = g_object_ref (self);
  LtSyncController *sync = lt_context_get_sync (self->context);

  set_busy (self, FALSE);
  /* Not kept on screen once it is where it belongs. */
  gtk_editable_set_text (GTK_EDITABLE (self->token_row), "");
  if (sync != NULL)
    lt_sync_controller_sync (sync);
  lt_ui_show_toast (GTK_WIDGET (self), toast);
  g_signal_emit (self, signals[DONE], 0, TRUE);
}

static LtCredentials *
dup_credentials (LtConnectPage  *self,
                 GError        **error)
{
  LtPortalSource source;
  g_autofree char *url = lt_context_dup_portal_url (self->context, &source, error);

  if (url == NULL)
    return NULL;
  return lt_portal_choice_new_credentials (url, source, error);
}

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LtConnectPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;

  if (lt_credentials_store_finish (LT_CREDENTIALS (source), result, &error))
    {
      finish (self, _("Token saved in the keyring; syncing with the portal"));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The token stays in its field: the admin chooses what works instead.
   * The group below says it once, with the ways out. */
  set_busy (self, FALSE);
  set_error (self, NULL, error->message);
  show_result (self, FALSE, NULL, NULL);
  /* A group's description is markup; the message quotes an address. */
  escaped = g_markup_escape_text (error->message, -1);
  adw_preferences_group_set_description (self->keyring_group, escaped);
  gtk_widget_set_visible (GTK_WIDGET (self->keyring_group), TRUE);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LtConnectPage *self = LT_CONNECT_PAGE (widget);
  g_autofree char *url = dup_trimmed (GTK_EDITABLE (self->portal_row));
  g_autoptr(LtSecretString) token = dup_trimmed (GTK_EDITABLE (self->token_row));
  g_autofree char *normalized = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->keyring_group), FALSE);
  /* The one rule for where a token may go (lt-portal-client.h). */
  normalized = lt_portal_validate_url (url, &error);
  if (normalized == NULL)
    {
      set_error (self, lt_portal_check_kind_get_title (LT_PORTAL_CHECK_BAD_ADDRESS), error->message);
      return;
    }
  if (*token == '\0' || !lt_credentials_validate_token (token, &error))
    {
      set_error (self, lt_portal_check_kind_get_title (LT_PORTAL_CHECK_NO_TOKEN),
                 error != NULL ? error->message : lt_portal_check_kind_get_advice (LT_PORTAL_CHECK_NO_TOKEN));
      return;
    }

  set_error (self, NULL, NULL);
  if (lt_context_get_portal_override (self->context) == NULL)
    g_settings_set_string (lt_context_get_settings (self->context), "portal-url", normalized);

  credentials = dup_credentials (self, &error);
  if (credentials == NULL)
    {
      set_error (self, lt_portal_check_kind_get_title (LT_PORTAL_CHECK_BAD_ADDRESS), error->message);
      return;
    }

  set_busy (self, TRUE);
  show_busy (self, _("Saving the token in the keyring…"));
  lt_credentials_store_async (credentials, token, self->cancellable, store_done_cb, g_object_ref (self));
}

static void
keep_for_session_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LtConnectPage *self = LT_CONNECT_PAGE (widget);
  g_autoptr(LtSecretString) token = dup_trimmed (GTK_EDITABLE (self->token_row));
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = dup_credentials (self, &error);
  if (credentials == NULL || !lt_credentials_keep_for_session (credentials, token, &error))
    {
      set_error (self, lt_portal_check_kind_get_title (LT_PORTAL_CHECK_NO_TOKEN), error->message);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->keyring_group), FALSE);
  set_error (self, NULL, NULL);
  finish (self, _("Token kept for this session only; syncing with the portal"));
}

static void
entry_activated_cb (LtConnectPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "connect.connect", NULL);
}

static void
work_offline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_autoptr(LtConnectPage) self = g_object_ref (LT_CONNECT_PAGE (widget));

  g_cancellable_cancel (self->cancellable);
  g_signal_emit (self, signals[DONE], 0, FALSE);
}

/* ---- GObject ------------------------------------------------------------- */

static void
lt_connect_page_dispose (GObject *object)
{
  LtConnectPage *self = (LtConnectPage *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->check);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_CONNECT_PAGE);

  G_OBJECT_CLASS (lt_connect_page_parent_class)->dispose (object);
}

static void
lt_connect_page_finalize (GObject *object)
{
  LtConnectPage *self = (LtConnectPage *) object;

  g_free (self->error);

  G_OBJECT_CLASS (lt_connect_page_parent_class)->finalize (object);
}

static void
lt_connect_page_class_init (LtConnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_connect_page_dispose;
  object_class->finalize = lt_connect_page_finalize;

  /**
   * LtConnectPage::done:
   * @connected: TRUE after Connect, FALSE for Work Offline
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-connect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LtConnectPage, portal_row);
  gtk_widget_class_bind_template_child (widget_class, LtConnectPage, token_row);
  gtk_widget_class_bind_template_child (widget_class, LtConnectPage, result_row);
  gtk_widget_class_bind_template_child (widget_class, LtConnectPage, result_icon);
  gtk_widget_class_bind_template_child (widget_class, LtConnectPage, result_spinner);
  gtk_widget_class_bind_template_child (widget_class, LtConnectPage, keyring_group);
  gtk_widget_class_bind_template_child (widget_class, LtConnectPage, keyring_row);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "connect.test", NULL, test_action);
  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "connect.keep-for-session", NULL, keep_for_session_action);
  gtk_widget_class_install_action (widget_class, "connect.work-offline", NULL, work_offline_action);
}

static void
lt_connect_page_init (LtConnectPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_action_row_set_subtitle (self->keyring_row, lt_ui_session_token_explanation ());
}

GtkWidget *
lt_connect_page_new (LtContext *context)
{
  LtConnectPage *self;
  g_autofree char *url = NULL;
  const char *override;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);

  self = g_object_new (LT_TYPE_CONNECT_PAGE, NULL);
  self->context = g_object_ref (context);

  /* The portal in effect; an address given for this run cannot be
   * changed here (it is not saved). */
  override = lt_context_get_portal_override (context);
  url = lt_context_dup_portal_url (context, NULL, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->portal_row), url != NULL ? url : LT_PORTAL_DEFAULT_URL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->portal_row), override == NULL);
  update_actions (self);

  return GTK_WIDGET (self);
}

void
lt_connect_page_set_fields (LtConnectPage *self,
                            const char    *url,
                            const char    *token)
{
  g_return_if_fail (LT_IS_CONNECT_PAGE (self));

  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->portal_row), url);
  if (token != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->token_row), token);
}

LtPortalCheck *
lt_connect_page_get_check (LtConnectPage *self)
{
  g_return_val_if_fail (LT_IS_CONNECT_PAGE (self), NULL);

  return self->check;
}

const char *
lt_connect_page_get_error (LtConnectPage *self)
{
  g_return_val_if_fail (LT_IS_CONNECT_PAGE (self), NULL);

  return self->error;
}

gboolean
lt_connect_page_get_keyring_failed (LtConnectPage *self)
{
  g_return_val_if_fail (LT_IS_CONNECT_PAGE (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->keyring_group));
}
