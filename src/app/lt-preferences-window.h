/* lt-preferences-window.h: every preference of the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_PREFERENCES_WINDOW (lt_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LtPreferencesWindow, lt_preferences_window, LT, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget  *lt_preferences_window_new               (LtContext           *context);

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

/* What the Redaction group's rows do: a word or a regular expression
 * (checked: an error is also shown under the rows) kept in the profile
 * for every diagnostics bundle, and its removal. */
gboolean    lt_preferences_window_add_keyword       (LtPreferencesWindow *self,
                                                     const char          *text,
                                                     gboolean             pattern,
                                                     GError             **error);
gboolean    lt_preferences_window_remove_keyword    (LtPreferencesWindow *self,
                                                     const char          *text,
                                                     GError             **error);
/* The message under the Redaction rows, or NULL while it is hidden. */
const char *lt_preferences_window_get_redaction_error (LtPreferencesWindow *self);

G_END_DECLS
