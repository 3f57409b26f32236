/* lt-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-error"

#include "config.h"

#include "lt-error.h"

G_DEFINE_QUARK (lt-error-quark, lt_error)
