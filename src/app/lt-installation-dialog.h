/* lt-installation-dialog.h: add or edit one installation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"
#include "lt-installation.h"

G_BEGIN_DECLS

#define LT_TYPE_INSTALLATION_DIALOG (lt_installation_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LtInstallationDialog, lt_installation_dialog, LT, INSTALLATION_DIALOG, AdwWindow)

/* @installation NULL adds a new one; otherwise edits it (the store is
 * written only on Save, so the list keeps the old values until then). */
GtkWidget *lt_installation_dialog_new (LtContext      *context,
                                       LtInstallation *installation);

G_END_DECLS
