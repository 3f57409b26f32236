/* lt-error.h: the one error domain of LockThreat Support
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LT_ERROR (lt_error_quark ())

/**
 * LtError:
 * @LT_ERROR_INVALID_INPUT: a value given by the user or a caller could not be
 *   parsed (a version, a date, a time, a tier…); the message quotes it.
 * @LT_ERROR_INVALID_DATA: a data document (policy, release catalog, portal
 *   response) is malformed; the message names the JSON path of the bad field.
 * @LT_ERROR_NOT_FOUND: the thing asked for does not exist.
 * @LT_ERROR_NOT_ALLOWED: the policy forbids the action right now (reopen
 *   after the window, escalate past level 3, …).
 * @LT_ERROR_STORE: the local database failed.
 * @LT_ERROR_STORE_CORRUPT: the local database was corrupt; it was moved aside
 *   and the message says where.
 * @LT_ERROR_NETWORK: the portal could not be reached.
 * @LT_ERROR_TIMED_OUT: the portal did not answer in time.
 * @LT_ERROR_SERVER: the portal answered with a server error (5xx).
 * @LT_ERROR_RATE_LIMITED: the portal asked us to come back later (429/503
 *   with Retry-After).
 * @LT_ERROR_REJECTED: the portal refused the request (4xx other than 401);
 *   retrying the same request will not help.
 * @LT_ERROR_UNAUTHORIZED: the portal refused the token (401).
 * @LT_ERROR_TLS: the portal's certificate could not be verified.
 * @LT_ERROR_CREDENTIALS: the keyring could not store or provide the token.
 * @LT_ERROR_OTHER_PORTAL: the profile belongs to another portal than the
 *   one named (docs/sync.md, "One portal per profile").
 *
 * Errors are converted to this domain at the layer boundary where they arise
 * (sqlite, libsoup, json-glib), so callers above handle one domain only.
 */
typedef enum
{
  LT_ERROR_INVALID_INPUT,
  LT_ERROR_INVALID_DATA,
  LT_ERROR_NOT_FOUND,
  LT_ERROR_NOT_ALLOWED,
  LT_ERROR_STORE,
  LT_ERROR_STORE_CORRUPT,
  LT_ERROR_NETWORK,
  LT_ERROR_TIMED_OUT,
  LT_ERROR_SERVER,
  LT_ERROR_RATE_LIMITED,
  LT_ERROR_REJECTED,
  LT_ERROR_UNAUTHORIZED,
  LT_ERROR_TLS,
  LT_ERROR_CREDENTIALS,
  LT_ERROR_OTHER_PORTAL,
} LtError;

GQuark lt_error_quark (void);

G_END_DECLS
