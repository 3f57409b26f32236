/* lt-context.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-context"

#include "config.h"

#include "lt-context.h"

#include "lt-error.h"
#include "lt-store-account.h"
#include "lt-store-effective.h"

#include <glib/gi18n-lib.h>

struct _LtContext
{
  GObject           parent_instance;

  /* Owned */
  LtClock          *clock;
  GSettings        *settings;
  LtPolicy         *policy;
  LtReleaseCatalog *catalog;
  LtStore          *store;
  LtOutbox         *outbox;
  LtStoreInstallations *installations;
  LtTicketList     *tickets;
  LtMaintenanceList *maintenance_windows;
  LtChangeNoticeList *change_notices;
  GError           *store_error;
  GError           *recovery_notice;
  GError           *document_error;
  char             *portal_override;
  LtSyncController *sync;
  GObject          *notifier;   /* weak: the application owns it */
  GNetworkMonitor  *network_monitor;
};

G_DEFINE_FINAL_TYPE (LtContext, lt_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLOCK,
  PROP_SETTINGS,
  PROP_POLICY,
  PROP_CATALOG,
  PROP_STORE,
  PROP_OUTBOX,
  PROP_INSTALLATIONS,
  PROP_SYNC,
  N_PROPS
};

enum {
  OUTBOX_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
lt_context_dispose (GObject *object)
{
  LtContext *self = (LtContext *) object;

  /* A run in progress holds the controller: make it let go of us now. */
  if (self->sync != NULL)
    g_object_run_dispose (G_OBJECT (self->sync));
  g_clear_object (&self->sync);
  g_clear_weak_pointer (&self->notifier);
  g_clear_object (&self->network_monitor);
  g_clear_object (&self->installations);
  g_clear_object (&self->tickets);
  g_clear_object (&self->maintenance_windows);
  g_clear_object (&self->change_notices);
  g_clear_object (&self->outbox);
  g_clear_object (&self->store);
  g_clear_object (&self->catalog);
  g_clear_object (&self->policy);
  g_clear_object (&self->settings);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (lt_context_parent_class)->dispose (object);
}

static void
lt_context_finalize (GObject *object)
{
  LtContext *self = (LtContext *) object;

  g_clear_error (&self->store_error);
  g_clear_error (&self->recovery_notice);
  g_clear_error (&self->document_error);
  g_free (self->portal_override);

  G_OBJECT_CLASS (lt_context_parent_class)->finalize (object);
}

static void
lt_context_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LtContext *self = LT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_OUTBOX:
      g_value_set_object (value, self->outbox);
      break;
    case PROP_INSTALLATIONS:
      g_value_set_object (value, self->installations);
      break;
    case PROP_SYNC:
      g_value_set_object (value, self->sync);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_context_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LtContext *self = LT_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_POLICY:
      lt_context_set_policy (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_context_class_init (LtContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_context_dispose;
  object_class->finalize = lt_context_finalize;
  object_class->get_property = lt_context_get_property;
  object_class->set_property = lt_context_set_property;

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, LT_TYPE_CLOCK,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The portal's GET /policy replaces the bundled policy: views that show
   * policy numbers follow this property. */
  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, LT_TYPE_POLICY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, LT_TYPE_RELEASE_CATALOG,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LT_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_OUTBOX] =
    g_param_spec_object ("outbox", NULL, NULL, LT_TYPE_OUTBOX,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INSTALLATIONS] =
    g_param_spec_object ("installations", NULL, NULL, LT_TYPE_STORE_INSTALLATIONS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  properties[PROP_SYNC] =
    g_param_spec_object ("sync", NULL, NULL, LT_TYPE_SYNC_CONTROLLER,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OUTBOX_CHANGED] = g_signal_new ("outbox-changed",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
lt_context_init (LtContext *self)
{
}

static void
store_outbox_changed_cb (LtStore           *store,
                         const char        *table,
                         LtStoreChangeKind  kind,
                         const char        *key,
                         LtContext         *self)
{
  g_signal_emit (self, signals[OUTBOX_CHANGED], 0);
}

/**
 * lt_context_load_bundled_documents:
 * @policy: (out) (transfer full): the bundled support policy
 * @catalog: (out) (transfer full): the bundled release catalog
 * @error: what could not be loaded (a broken build)
 *
 * Parses the two documents every context starts from. Touches nothing
 * but the application's resources, so it may run in another thread.
 *
 * Returns: %TRUE when both loaded
 */
gboolean
lt_context_load_bundled_documents (LtPolicy         **policy,
                                   LtReleaseCatalog **catalog,
                                   GError           **error)
{
  g_autoptr(LtPolicy) loaded_policy = NULL;
  g_autoptr(LtReleaseCatalog) loaded_catalog = NULL;

  g_return_val_if_fail (policy != NULL && catalog != NULL, FALSE);

  loaded_policy = lt_policy_new_default (error);
  if (loaded_policy == NULL)
    {
      g_prefix_error (error, _("The bundled support policy could not be loaded: "));
      return FALSE;
    }

  loaded_catalog = lt_release_catalog_new_default (error);
  if (loaded_catalog == NULL)
    {
      g_prefix_error (error, _("The bundled release catalog could not be loaded: "));
      return FALSE;
    }

  *policy = g_steal_pointer (&loaded_policy);
  *catalog = g_steal_pointer (&loaded_catalog);
  return TRUE;
}

/**
 * lt_context_new_with_documents:
 * @clock: where "now" comes from
 * @settings: the application's settings (schema APPLICATION_ID)
 * @policy: the bundled policy (lt_context_load_bundled_documents())
 * @catalog: the bundled release catalog, which the context keeps and
 *   updates
 *
 * Returns: (transfer full): a context without a store; call
 *   lt_context_open_store() next
 */
LtContext *
lt_context_new_with_documents (LtClock          *clock,
                               GSettings        *settings,
                               LtPolicy         *policy,
                               LtReleaseCatalog *catalog)
{
  LtContext *self;

  g_return_val_if_fail (LT_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);
  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (catalog), NULL);

  self = g_object_new (LT_TYPE_CONTEXT, NULL);
  self->clock = g_object_ref (clock);
  self->settings = g_object_ref (settings);
  self->policy = g_object_ref (policy);
  self->catalog = g_object_ref (catalog);

  return self;
}

/**
 * lt_context_new:
 * @clock: where "now" comes from
 * @settings: the application's settings (schema APPLICATION_ID)
 * @error: the bundled policy or catalog failed to load (a broken build)
 *
 * Returns: (transfer full) (nullable): a context without a store; call
 *   lt_context_open_store() next
 */
LtContext *
lt_context_new (LtClock    *clock,
                GSettings  *settings,
                GError    **error)
{
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;

  g_return_val_if_fail (LT_IS_CLOCK (clock), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  if (!lt_context_load_bundled_documents (&policy, &catalog, error))
    return NULL;

  return lt_context_new_with_documents (clock, settings, policy, catalog);
}

/* The portal's copies of the policy and the release catalog, cached by
 * the last sync, replace the bundled ones (lt-store-effective.h). A
 * cached document that no longer loads is reported and the bundled one
 * is used. */
static void
load_cached_documents (LtContext *self,
                       LtStore   *store)
{
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_error (&self->document_error);

  /* The bundled copies loaded in lt_context_new(), so they load here too. */
  policy = lt_store_load_effective_policy (store, &error, NULL);
  if (policy != NULL)
    lt_context_set_policy (self, policy);
  if (error != NULL)
    {
      g_prefix_error (&error, _("The policy saved from the portal could not be read, so the bundled policy is used: "));
      self->document_error = g_steal_pointer (&error);
    }

  catalog = lt_store_load_effective_catalog (store, &error, NULL);
  if (catalog != NULL)
    lt_release_catalog_replace (self->catalog, catalog);
  if (error != NULL && self->document_error == NULL)
    {
      g_prefix_error (&error, _("The release catalog saved from the portal could not be read, so the bundled catalog is used: "));
      self->document_error = g_steal_pointer (&error);
    }
}

static void
documents_changed_cb (LtStore           *store,
                      const char        *table,
                      LtStoreChangeKind  kind,
                      const char        *key,
                      LtContext         *self)
{
  load_cached_documents (self, store);
}

gboolean
lt_context_open_store (LtContext   *self,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtStoreInstallations) installations = NULL;
  g_autoptr(LtTicketList) tickets = NULL;
  g_autoptr(LtMaintenanceList) windows = NULL;
  g_autoptr(LtChangeNoticeList) notices = NULL;

  g_return_val_if_fail (LT_IS_CONTEXT (self), FALSE);
  g_return_val_if_fail (self->store == NULL, FALSE);

  if (path == NULL)
    path = default_path = lt_store_dup_default_path ();

  /* The page-by-page check of the whole file waits until the window is
   * up (lt_window_check_store()): on 100,000 tickets it takes longer
   * than everything else before the first frame. */
  store = lt_store_open_with_flags (path, LT_STORE_OPEN_DEFER_CHECK, &notice, &local_error);
  if (store == NULL)
    {
      g_clear_error (&self->store_error);
      self->store_error = g_error_copy (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The lists read their tables now; a failure here means the file is
   * unusable, so the app carries on without a store, as when it cannot
   * be opened at all. */
  if ((installations = lt_store_installations_new (store, &local_error)) == NULL ||
      (windows = lt_maintenance_list_new (store, &local_error)) == NULL ||
      (notices = lt_change_notice_list_new (store, &local_error)) == NULL)
    {
      g_prefix_error (&local_error, _("Reading the local database failed: "));
      g_clear_error (&self->store_error);
      self->store_error = g_error_copy (local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* One list of every ticket for the whole app (the Tickets page and
   * the Overview's counts), read in a worker thread: the window is
   * painted before 100,000 rows are (docs/app.md, "Start-up"). */
  tickets = lt_ticket_list_new_loading (store);

  load_cached_documents (self, store);

  g_clear_error (&self->store_error);
  g_clear_error (&self->recovery_notice);
  self->recovery_notice = g_steal_pointer (&notice);
  self->store = g_steal_pointer (&store);
  self->outbox = lt_outbox_new (self->store);
  /* Whoever wrote the outbox (a dialog, the sync, a test through the
   * store API), the store says so once the write committed. */
  g_signal_connect_object (self->store, "changed::outbox",
                           G_CALLBACK (store_outbox_changed_cb), self, 0);
  self->installations = g_steal_pointer (&installations);
  self->tickets = g_steal_pointer (&tickets);
  self->maintenance_windows = g_steal_pointer (&windows);
  self->change_notices = g_steal_pointer (&notices);

  g_signal_connect_object (self->store, "changed::documents",
                           G_CALLBACK (documents_changed_cb), self, 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTALLATIONS]);

  return TRUE;
}

LtClock *
lt_context_get_clock (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->clock;
}

GSettings *
lt_context_get_settings (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->settings;
}

LtPolicy *
lt_context_get_policy (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->policy;
}

void
lt_context_set_policy (LtContext *self,
                       LtPolicy  *policy)
{
  g_return_if_fail (LT_IS_CONTEXT (self));
  g_return_if_fail (LT_IS_POLICY (policy));

  if (g_set_object (&self->policy, policy))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
}

LtReleaseCatalog *
lt_context_get_catalog (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->catalog;
}

LtStore *
lt_context_get_store (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->store;
}

LtStoreInstallations *
lt_context_get_installations (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->installations;
}

LtTicketList *
lt_context_get_tickets (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->tickets;
}

LtMaintenanceList *
lt_context_get_maintenance_windows (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->maintenance_windows;
}

LtChangeNoticeList *
lt_context_get_change_notices (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->change_notices;
}

LtOutbox *
lt_context_get_outbox (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->outbox;
}

const GError *
lt_context_get_store_error (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->store_error;
}

const GError *
lt_context_get_recovery_notice (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->recovery_notice;
}

const GError *
lt_context_get_document_error (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->document_error;
}

char *
lt_context_dup_portal_url (LtContext       *self,
                           LtPortalSource  *source,
                           GError         **error)
{
  g_autofree char *saved = NULL;

  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  saved = g_settings_get_string (self->settings, "portal-url");
  return lt_portal_choose_url (self->portal_override, saved, source, error);
}

void
lt_context_set_portal_override (LtContext  *self,
                                const char *url)
{
  g_return_if_fail (LT_IS_CONTEXT (self));

  g_free (self->portal_override);
  self->portal_override = g_strdup (url);
}

const char *
lt_context_get_portal_override (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->portal_override;
}

#define CHECK_CONNECT_TIMEOUT 10 /* seconds */
#define CHECK_DEADLINE        20 /* seconds */

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  LtPortalCheck *check;

  check = lt_portal_check_run_finish (LT_PORTAL_CLIENT (source), result, &error);
  if (check == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, check, g_object_unref);
}

void
lt_context_check_portal_async (LtContext          *self,
                               const char         *url,
                               const char         *token,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *ca_file = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(LtPortalClient) client = NULL;
  LtPortalSource source = LT_PORTAL_SOURCE_SETTING;

  g_return_if_fail (LT_IS_CONTEXT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lt_context_check_portal_async);

  /* The address typed is checked by the same rule the client applies. */
  chosen = url != NULL ? lt_portal_validate_url (url, &error)
                       : lt_context_dup_portal_url (self, &source, &error);
  if (chosen == NULL)
    {
      g_task_return_pointer (task, lt_portal_check_new_failed (LT_PORTAL_CHECK_BAD_ADDRESS, error),
                             g_object_unref);
      return;
    }

  if (token != NULL && *token != '\0')
    credentials = lt_credentials_new_with_token (chosen, token, &error);
  else
    credentials = lt_portal_choice_new_credentials (chosen, source, &error);
  if (credentials == NULL)
    {
      g_task_return_pointer (task, lt_portal_check_new_failed (lt_portal_check_classify (NULL, error), error),
                             g_object_unref);
      return;
    }

  ca_file = g_settings_get_string (self->settings, "extra-ca-file");
  client = lt_portal_client_new (chosen, credentials, *ca_file != '\0' ? ca_file : NULL, &error);
  if (client == NULL)
    {
      g_task_return_pointer (task, lt_portal_check_new_failed (lt_portal_check_classify (NULL, error), error),
                             g_object_unref);
      return;
    }
  lt_portal_client_set_connect_timeout (client, CHECK_CONNECT_TIMEOUT);
  lt_portal_client_set_deadline (client, CHECK_DEADLINE);

  lt_portal_check_run_async (client, cancellable, check_done_cb, g_steal_pointer (&task));
}

/**
 * lt_context_check_portal_finish:
 * @self: the context
 * @result: the result
 * @error: only %G_IO_ERROR_CANCELLED
 *
 * Returns: (transfer full) (nullable): the verdict
 */
LtPortalCheck *
lt_context_check_portal_finish (LtContext     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lt_context_dup_primary_contact:
 * @self: a context
 *
 * Returns: (transfer full) (nullable): the contact to validate and send
 */
LtContact *
lt_context_dup_primary_contact (LtContext *self)
{
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autoptr(LtAccount) account = NULL;
  const LtContact *from_account;

  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  name = g_settings_get_string (self->settings, "contact-name");
  email = g_settings_get_string (self->settings, "contact-email");
  phone = g_settings_get_string (self->settings, "contact-phone");

  /* A contact typed here wins, even half typed: it is the one the admin
   * means, and the rule's message then says what is missing. */
  if (*name != '\0' || *email != '\0' || *phone != '\0')
    return lt_contact_new (name, email, phone);

  if (self->store == NULL)
    return NULL;

  account = lt_store_load_account (self->store, NULL);
  from_account = account != NULL ? lt_account_get_primary_contact (account) : NULL;

  return from_account != NULL ? lt_contact_copy (from_account) : NULL;
}

LtSyncController *
lt_context_get_sync (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return self->sync;
}

void
lt_context_set_sync (LtContext        *self,
                     LtSyncController *sync)
{
  g_return_if_fail (LT_IS_CONTEXT (self));
  g_return_if_fail (sync == NULL || LT_IS_SYNC_CONTROLLER (sync));

  if (self->sync != NULL && self->sync != sync)
    g_object_run_dispose (G_OBJECT (self->sync));
  if (g_set_object (&self->sync, sync))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
}

LtNotifier *
lt_context_get_notifier (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  return (LtNotifier *) self->notifier;
}

void
lt_context_set_notifier (LtContext  *self,
                         LtNotifier *notifier)
{
  g_return_if_fail (LT_IS_CONTEXT (self));

  g_set_weak_pointer (&self->notifier, (GObject *) notifier);
}

/**
 * lt_context_get_network_monitor:
 * @self: a context
 *
 * Returns: (transfer none): the monitor set with
 *   lt_context_set_network_monitor(), else the system's
 */
GNetworkMonitor *
lt_context_get_network_monitor (LtContext *self)
{
  g_return_val_if_fail (LT_IS_CONTEXT (self), NULL);

  if (self->network_monitor != NULL)
    return self->network_monitor;

  return g_network_monitor_get_default ();
}

/**
 * lt_context_set_network_monitor:
 * @self: a context
 * @monitor: (nullable): the monitor to follow instead of the system's
 *
 * Tests flip availability with a monitor of their own. Set it before the
 * sync controller is made: the controller follows the one it found.
 */
void
lt_context_set_network_monitor (LtContext       *self,
                                GNetworkMonitor *monitor)
{
  g_return_if_fail (LT_IS_CONTEXT (self));
  g_return_if_fail (monitor == NULL || G_IS_NETWORK_MONITOR (monitor));

  g_set_object (&self->network_monitor, monitor);
}
