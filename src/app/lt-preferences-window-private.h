/* lt-preferences-window-private.h: what the tests reach inside lt-preferences-window
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-preferences-window.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-preferences-window.h"

G_BEGIN_DECLS

/* Fills the contact rows and saves them, as a person would (tests). */
gboolean    lt_preferences_window_save_contact      (LtPreferencesWindow *self,
                                                     const char          *name,
                                                     const char          *email,
                                                     const char          *phone);

/* The message under the contact rows, or NULL while it is hidden. */
const char *lt_preferences_window_get_contact_error (LtPreferencesWindow *self);

/* The message under the portal rows (address, token, keyring), or NULL
 * while it is hidden. */
const char *lt_preferences_window_get_portal_error  (LtPreferencesWindow *self);

/* Test Connection's verdict (NULL before one), and the Connection row's
 * whole text ("Last synced …", then the verdict). */
const char *lt_preferences_window_get_connection_text (LtPreferencesWindow *self);

const char *lt_preferences_window_get_last_sync_text  (LtPreferencesWindow *self);

/* The message under the Redaction rows, or NULL while it is hidden. */
const char *lt_preferences_window_get_redaction_error (LtPreferencesWindow *self);

G_END_DECLS
