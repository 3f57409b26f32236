/* lt-store-installations.h: the customer's installations in the local store
 *
 * Installations are the customer's own records (no portal id): name, host,
 * how the version is found (manual, file, http), where, and the version
 * last detected. LtStoreInstallations writes them to the installations
 * table and is a GListModel of LtInstallation, sorted by name, that follows
 * every committed write (LtStore::changed) with precise items-changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-installation.h"
#include "lt-store.h"

G_BEGIN_DECLS

#define LT_TYPE_STORE_INSTALLATIONS (lt_store_installations_get_type ())
G_DECLARE_FINAL_TYPE (LtStoreInstallations, lt_store_installations, LT, STORE_INSTALLATIONS, GObject)

LtStoreInstallations *lt_store_installations_new       (LtStore               *store,
                                                        GError               **error);
LtStore              *lt_store_installations_get_store (LtStoreInstallations  *self);

gboolean              lt_store_installations_add       (LtStoreInstallations  *self,
                                                        LtInstallation        *installation,
                                                        GDateTime             *now,
                                                        GError               **error);
gboolean              lt_store_installations_update    (LtStoreInstallations  *self,
                                                        LtInstallation        *installation,
                                                        GDateTime             *now,
                                                        GError               **error);
gboolean              lt_store_installations_remove    (LtStoreInstallations  *self,
                                                        const char            *id,
                                                        GError               **error);

LtInstallation       *lt_store_installations_lookup    (LtStoreInstallations  *self,
                                                        const char            *id,
                                                        GError               **error);
LtInstallation       *lt_store_installations_find      (LtStoreInstallations  *self,
                                                        const char            *id_or_name,
                                                        GError               **error);

gboolean              lt_store_installations_refresh   (LtStoreInstallations  *self,
                                                        GError               **error);

/* Installations named by tickets and not in the list (new, unsaved);
 * reads every ticket: from a worker thread, on a reader. */
GPtrArray            *lt_store_list_installations_named_in_tickets (LtStore  *store,
                                                                    GError  **error);

G_END_DECLS
