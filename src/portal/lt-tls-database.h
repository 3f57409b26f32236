/* lt-tls-database.h: the system's trust plus an extra CA file
 *
 * An on-prem relay may present a certificate from the customer's own CA.
 * g_tls_file_database_new() trusts only the one file it reads, so a
 * session given that database would stop trusting the public CAs the real
 * portal uses. This database asks the system's first and, when the chain
 * does not end at a CA the system knows, asks the extra file's; every
 * other check (host name, expiry, revocation) is the backends' own.
 * Verification is never switched off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LT_TYPE_TLS_DATABASE (lt_tls_database_get_type ())
G_DECLARE_FINAL_TYPE (LtTlsDatabase, lt_tls_database, LT, TLS_DATABASE, GTlsDatabase)

/* @system: (nullable) the database to extend, the TLS backend's default
 * when NULL. @ca_file: a PEM file of one or more CA certificates. Errors
 * are LT_ERROR_TLS naming the file. */
GTlsDatabase *lt_tls_database_new (GTlsDatabase  *system,
                                   const char    *ca_file,
                                   GError       **error);

G_END_DECLS
