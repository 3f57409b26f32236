/* lt-installation.h: an on-prem LockThreat server the customer runs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-version.h"

G_BEGIN_DECLS

#define LT_TYPE_INSTALLATION (lt_installation_get_type ())
G_DECLARE_FINAL_TYPE (LtInstallation, lt_installation, LT, INSTALLATION, GObject)

LtInstallation    *lt_installation_new                  (void);

const char        *lt_installation_get_id               (LtInstallation    *self);
void               lt_installation_set_id               (LtInstallation    *self,
                                                         const char        *id);
const char        *lt_installation_get_name             (LtInstallation    *self);
void               lt_installation_set_name             (LtInstallation    *self,
                                                         const char        *name);
const char        *lt_installation_get_host             (LtInstallation    *self);
void               lt_installation_set_host             (LtInstallation    *self,
                                                         const char        *host);
LtDetectionMethod  lt_installation_get_detection_method (LtInstallation    *self);
void               lt_installation_set_detection_method (LtInstallation    *self,
                                                         LtDetectionMethod  method);
/* The file's absolute path (file detection) or the http(s) URL (http
 * detection); unused for manual entry. */
const char        *lt_installation_get_location         (LtInstallation    *self);
void               lt_installation_set_location         (LtInstallation    *self,
                                                         const char        *location);
const char        *lt_installation_get_detected_version (LtInstallation    *self);
void               lt_installation_set_detected_version (LtInstallation    *self,
                                                         const char        *version);
GDateTime         *lt_installation_get_detected_at      (LtInstallation    *self);
void               lt_installation_set_detected_at      (LtInstallation    *self,
                                                         GDateTime         *detected_at);
const char        *lt_installation_get_note             (LtInstallation    *self);
void               lt_installation_set_note             (LtInstallation    *self,
                                                         const char        *note);

/* The detected version parsed (R1); LT_ERROR_INVALID_INPUT when there is
 * none or it does not parse. */
LtVersion         *lt_installation_dup_version          (LtInstallation    *self,
                                                         GError           **error);
/* Name required; http detection needs an http(s) URL; file detection an
 * absolute path; the version must parse (and is required for manual
 * entry). LT_ERROR_INVALID_INPUT quoting the bad value. */
gboolean           lt_installation_validate             (LtInstallation    *self,
                                                         GError           **error);
/* R2 eligibility of the detected version
 * (lt_release_catalog_check_version_for_policy()). */
LtEligibility     *lt_installation_check_eligibility    (LtInstallation    *self,
                                                         LtReleaseCatalog  *catalog,
                                                         LtPolicy          *policy,
                                                         GError           **error);

G_END_DECLS
