/* lt-connect-page.h: "Connect to LockThreat", the first-run page
 *
 * Shown by the window instead of the pages while the profile has no
 * portal address or no token: the address, the token, Test Connection
 * (lt-portal-check.h: exactly what failed), Connect (the token into the
 * keyring, or, where the keyring cannot store it, for this session only)
 * and Work Offline. Emits ::done when it is no longer needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_CONNECT_PAGE (lt_connect_page_get_type ())
G_DECLARE_FINAL_TYPE (LtConnectPage, lt_connect_page, LT, CONNECT_PAGE, AdwBin)

GtkWidget     *lt_connect_page_new              (LtContext     *context);

G_END_DECLS
