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

G_END_DECLS
