/* lt-secret.h: keeping the portal token out of core dumps and freed memory
 *
 * A process that holds the token (ltsupport commands that read it, the
 * app, the reference portal with its own) makes itself non-dumpable: no
 * core file, no ptrace by other processes of the same user, and its
 * /proc/PID/mem and /proc/PID/environ readable by root only. Buffers that
 * held the token are cleared before they are freed, so that a later dump
 * or a reused page cannot show them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* prctl (PR_SET_DUMPABLE, 0) for the whole process; idempotent. FALSE
 * (and a debug message) where the system does not allow it. */
gboolean lt_secret_protect_process (void);

/* Overwrites @size bytes at @data in a way the compiler keeps. */
void     lt_secret_clear           (gpointer  data,
                                    gsize     size);

/* A NUL-terminated string that held a secret: cleared, then freed. */
typedef char LtSecretString;
void     lt_secret_string_free     (LtSecretString *text);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtSecretString, lt_secret_string_free)

G_END_DECLS
