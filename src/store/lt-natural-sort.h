/* lt-natural-sort.h: text in the order a person expects of a list
 *
 * Case and accents do not count, numbers compare by value (LT-99 before
 * LT-100); lt-natural-sort.c says how, and why not the locale's
 * collation. The ticket list compares the keys of two rows first and
 * the texts only where the keys are equal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int      lt_natural_sort_compare (const char *a,
                                  const char *b);
guint64  lt_natural_sort_key     (const char *text);

G_END_DECLS
