/* lt-background.h: running without a window, the GNOME way
 *
 * With "run-in-background" on, the application keeps running when its
 * window closes, starts at login without one (`--background`) and shows
 * in GNOME's background apps. How it gets started at login depends on
 * where it runs:
 *
 * - outside Flatpak it writes its own autostart entry,
 *   $XDG_CONFIG_HOME/autostart/<application id>.desktop, and removes
 *   it when the setting is turned off;
 * - inside Flatpak (/.flatpak-info exists) it cannot write there, and asks
 *   the XDG Background portal instead (RequestBackground with autostart
 *   and the command line), as Geary does.
 *
 * The rest of background mode (the hold, --background, the first-run
 * question) is LtApplication's; docs/app.md, "Background mode".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Tests only: "1" takes the sandbox path (the portal request) outside
 * Flatpak, so that it runs against a stand-in portal on a private bus. */
#define LT_BACKGROUND_TEST_SANDBOXED_ENV "LTSUPPORT_TEST_SANDBOXED"

/* The option that starts the application without a window. */
#define LT_BACKGROUND_OPTION "background"

/* Whether the portal, not an autostart file, is the way (Flatpak). */
gboolean  lt_background_is_sandboxed         (void);

/* $XDG_CONFIG_HOME/autostart/<application id>.desktop (APPLICATION_ID) */
char     *lt_background_dup_autostart_path   (void);

/* Outside Flatpak: writes the autostart entry (atomically) or removes it
 * (no error when there is none). */
gboolean  lt_background_write_autostart      (GError      **error);
gboolean  lt_background_remove_autostart     (GError      **error);

/* Makes the system start the application at login without a window
 * (@enabled) or no longer: the autostart file outside Flatpak, the
 * Background portal inside. @parent: (nullable) the window the portal's
 * question belongs to. Fails with LT_ERROR_NOT_ALLOWED when the portal
 * (the user) refused. */
void      lt_background_apply_async          (gboolean              enabled,
                                              GtkWindow            *parent,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean  lt_background_apply_finish         (GAsyncResult         *result,
                                              GError              **error);

G_END_DECLS
