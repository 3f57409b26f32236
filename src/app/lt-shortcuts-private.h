/* lt-shortcuts-private.h: what the tests reach inside lt-shortcuts
 *
 * Only the tests (and the unit itself) include this; the application
 * uses lt-shortcuts.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-shortcuts.h"

G_BEGIN_DECLS

const LtShortcut *lt_shortcuts_get_all      (guint        *n_shortcuts);

G_END_DECLS
