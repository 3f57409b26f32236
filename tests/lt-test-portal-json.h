/* lt-test-portal-json.h: the portal's answers written from models, for the
 * tests and the fuzzer of the readers in lt-portal-json.h
 *
 * The application only reads these forms (GET /account,
 * /maintenance-windows, /change-notices); writing them is what a test
 * needs to check that a model read back is the model written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lt-account.h"
#include "lt-change-notice.h"
#include "lt-maintenance-window.h"

G_BEGIN_DECLS

/* The GET /account form of @account. */
JsonNode *lt_test_portal_json_write_account            (LtAccount           *account);
/* The form of one element of GET /maintenance-windows. */
JsonNode *lt_test_portal_json_write_maintenance_window (LtMaintenanceWindow *window);
/* The portal's form of a change notice it knows. */
JsonNode *lt_test_portal_json_write_change_notice      (LtChangeNotice      *notice);

G_END_DECLS
