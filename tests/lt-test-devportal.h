/* lt-test-devportal.h: the real lockthreat-devportal for client tests
 *
 * Starts the program named by $LT_DEVPORTAL (set by tests/meson.build) with
 * --dev-controls and a temporary --data folder on a free loopback port,
 * reads its URL from the first line of its output, and drives its /_dev/
 * controls (faults, clock, acting as support, publishing releases,
 * announcing maintenance, stats) with blocking requests on a private
 * SoupSession. Its standard error goes to a file the test can read (token
 * hygiene).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _LtTestDevportal LtTestDevportal;

/* @token: what clients must send; @demo: seed the demo customer. Aborts
 * the test when the portal does not start. */
LtTestDevportal *lt_test_devportal_start      (const char      *token,
                                               gboolean         demo);
void             lt_test_devportal_free       (LtTestDevportal *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtTestDevportal, lt_test_devportal_free)

/* "http://127.0.0.1:PORT", no trailing slash. */
const char      *lt_test_devportal_get_url    (LtTestDevportal *self);
/* The folder of its database and of its stderr log ("devportal.log"). */
const char      *lt_test_devportal_get_dir    (LtTestDevportal *self);

/* SIGTERM and wait: the portal is unreachable until restarted. */
void             lt_test_devportal_stop       (LtTestDevportal *self);
/* Starts it again on the same port with the same data. */
void             lt_test_devportal_restart    (LtTestDevportal *self);

/* A request to the portal with the token; asserts a 2xx answer and
 * returns its JSON body. @body may be NULL. */
JsonNode        *lt_test_devportal_request    (LtTestDevportal *self,
                                               const char      *method,
                                               const char      *path,
                                               const char      *body);

/* POST /_dev/faults with @fault_json; DELETE /_dev/faults. */
void             lt_test_devportal_add_fault  (LtTestDevportal *self,
                                               const char      *fault_json);
void             lt_test_devportal_clear_faults (LtTestDevportal *self);

/* A member of GET /_dev/stats ("tickets", "comments", …). */
gint64           lt_test_devportal_count      (LtTestDevportal *self,
                                               const char      *member);
/* How many API requests the portal routed to @route since it started:
 * the method and the pattern of its route table, "GET tickets"; an id in
 * the path is a "*" segment there. */
gint64           lt_test_devportal_count_requests (LtTestDevportal *self,
                                                   const char      *route);
/* How many idempotency keys the portal stored for @key (0 or 1), and how
 * many times it replayed it. */
guint            lt_test_devportal_key_count  (LtTestDevportal *self,
                                               const char      *key,
                                               gint64          *replays);

/* POST /_dev/tickets/{id}/transition with @body_json; returns the ticket. */
JsonNode        *lt_test_devportal_transition (LtTestDevportal *self,
                                               const char      *ticket_id,
                                               const char      *body_json);

/* POST /_dev/clock {"now": @rfc3339}: the portal's clock stops there. */
void             lt_test_devportal_set_clock  (LtTestDevportal *self,
                                               const char      *rfc3339);

/* POST /_dev/releases with @release_json (a release as GET /releases has
 * it); returns the release as the catalog now shows it. */
JsonNode        *lt_test_devportal_publish_release (LtTestDevportal *self,
                                                    const char      *release_json);

/* POST /_dev/maintenance-windows with @window_json; returns the window as
 * GET /maintenance-windows lists it. */
JsonNode        *lt_test_devportal_announce_window (LtTestDevportal *self,
                                                    const char      *window_json);

/* The process id of the running portal (its memory can be read in
 * /proc/PID/status). */
GPid             lt_test_devportal_get_pid    (LtTestDevportal *self);

G_END_DECLS
