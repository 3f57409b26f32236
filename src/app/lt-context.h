/* lt-context.h: what one running application knows
 *
 * The policy, the release catalog, the local store with its outbox, the
 * settings and the clock: everything a page needs to show data and ask
 * src/core for verdicts. One context per application; windows and pages
 * borrow it. Tests build one with a fixed clock and a temporary profile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-clock.h"
#include "lt-contact.h"
#include "lt-outbox.h"
#include "lt-policy.h"
#include "lt-portal-check.h"
#include "lt-portal-choice.h"
#include "lt-release-catalog.h"
#include "lt-store.h"
#include "lt-store-installations.h"
#include "lt-change-notice-list.h"
#include "lt-maintenance-list.h"
#include "lt-ticket-list.h"
#include "lt-sync-controller.h"

G_BEGIN_DECLS

#define LT_TYPE_CONTEXT (lt_context_get_type ())
G_DECLARE_FINAL_TYPE (LtContext, lt_context, LT, CONTEXT, GObject)

LtContext        *lt_context_new                (LtClock      *clock,
                                                 GSettings    *settings,
                                                 GError      **error);

/* The bundled policy and release catalog lt_context_new() loads, for a
 * caller that loads them in another thread (LtApplication's start-up);
 * FALSE with @error prefixed with what could not be loaded. */
gboolean          lt_context_load_bundled_documents (LtPolicy         **policy,
                                                     LtReleaseCatalog **catalog,
                                                     GError           **error);
LtContext        *lt_context_new_with_documents (LtClock          *clock,
                                                 GSettings        *settings,
                                                 LtPolicy         *policy,
                                                 LtReleaseCatalog *catalog);

/* Opens the store at @path (NULL: lt_store_dup_default_path()). On failure
 * the context stays usable without a store (offline-first: the bundled
 * policy and catalog still answer) and remembers the error for the UI. */
gboolean          lt_context_open_store         (LtContext    *self,
                                                 const char   *path,
                                                 GError      **error);

LtClock          *lt_context_get_clock          (LtContext    *self);
GSettings        *lt_context_get_settings       (LtContext    *self);
LtPolicy         *lt_context_get_policy         (LtContext    *self);
void              lt_context_set_policy         (LtContext    *self,
                                                 LtPolicy     *policy);
LtReleaseCatalog *lt_context_get_catalog        (LtContext    *self);
/* NULL while no store could be opened. */
LtStore          *lt_context_get_store          (LtContext    *self);
/* LtContext::outbox-changed is emitted for every outbox item written,
 * whoever wrote it: the store's LtStore::changed::outbox, relayed once the
 * write committed, for views that count or list the outbox. */
LtOutbox         *lt_context_get_outbox         (LtContext    *self);
/* The customer's installations (a GListModel of LtInstallation); NULL
 * without a store. */
LtStoreInstallations *lt_context_get_installations (LtContext *self);
/* The store's list models (NULL without a store): every ticket, every
 * maintenance window (earliest first), every change notice. */
LtTicketList       *lt_context_get_tickets            (LtContext *self);
LtMaintenanceList  *lt_context_get_maintenance_windows (LtContext *self);
LtChangeNoticeList *lt_context_get_change_notices     (LtContext *self);
/* Why there is no store (NULL when there is one or none was tried). */
const GError     *lt_context_get_store_error    (LtContext    *self);
/* The store's corruption-recovery notice from opening, if any. */
const GError     *lt_context_get_recovery_notice (LtContext   *self);

/* Why a policy or catalog cached from the portal was not used. */
const GError     *lt_context_get_document_error (LtContext    *self);

/* The portal base URL in effect, normalized, by the one rule of
 * lt_portal_choose_url(): the --portal override of this run, else
 * $LTSUPPORT_PORTAL, else the "portal-url" setting, else the built-in
 * default. @source: (out) (optional). NULL with LT_ERROR_INVALID_INPUT
 * when the address chosen cannot be used. */
char             *lt_context_dup_portal_url     (LtContext       *self,
                                                 LtPortalSource  *source,
                                                 GError         **error);
void              lt_context_set_portal_override (LtContext   *self,
                                                  const char  *url);
const char       *lt_context_get_portal_override (LtContext   *self);

/* "Test connection" (lt-portal-check.h) with this profile's extra CA
 * file: @url (NULL: the portal in effect) and @token (NULL: the token its
 * credentials find). A bounded test: 10 s to connect, 20 s in all. The
 * finish's error is only G_IO_ERROR_CANCELLED. */
void              lt_context_check_portal_async  (LtContext          *self,
                                                  const char         *url,
                                                  const char         *token,
                                                  GCancellable       *cancellable,
                                                  GAsyncReadyCallback callback,
                                                  gpointer            user_data);
LtPortalCheck    *lt_context_check_portal_finish (LtContext          *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/* The primary technical contact for tickets filed here (R10): the one
 * saved in Preferences when any part of it is, else the account's from
 * the portal, else NULL. Validate it with lt_rules_validate_primary_contact(). */
LtContact        *lt_context_dup_primary_contact (LtContext  *self);

/* The portal sync of this application (lt-sync-controller.h), NULL when
 * there is none (tests, no store). The context owns it; set it once the
 * store is open. */
LtSyncController *lt_context_get_sync           (LtContext    *self);
void              lt_context_set_sync           (LtContext    *self,
                                                 LtSyncController *sync);

/* The application's notifier (lt-notifier.h), NULL when there is none
 * (tests, screenshots, no store). Not owned: the application owns it and
 * the context forgets it when it goes. */
typedef struct _LtNotifier LtNotifier;
LtNotifier       *lt_context_get_notifier       (LtContext    *self);
void              lt_context_set_notifier       (LtContext    *self,
                                                 LtNotifier   *notifier);
/* The network's state as the sync controller sees it: the system's
 * GNetworkMonitor unless one was set (tests). */
GNetworkMonitor  *lt_context_get_network_monitor (LtContext   *self);
void              lt_context_set_network_monitor (LtContext   *self,
                                                  GNetworkMonitor *monitor);

G_END_DECLS
