/* lt-sync-controller.h: when the application talks to the portal, and what
 * it tells the user about it
 *
 * Owns the portal client and the LtSync engine of one application and
 * decides when a run happens: at start, every "sync-interval-minutes", on
 * demand (app.sync), soon after anything was queued (LtStore
 * ::changed::outbox), when an outbox item's back-off ends, as soon as the
 * network comes back while something waits in the outbox (the context's
 * GNetworkMonitor), 20 s after a run could not reach the portal (then
 * 40 s, 80 s… up to the interval), and after the machine resumes from
 * suspend (logind's
 * PrepareForSleep, or the clock jumping forward between two ticks). None
 * of it needs a window (docs/app.md, "Background mode"). It turns
 * the engine's progress and results into what the window shows: a phase
 * for the header, "Filed as LT-000123" once a ticket filed here has its
 * portal id, "Saved; will be sent when the portal can be reached" when a
 * submission could not go out, and refusals.
 *
 * The client is rebuilt when the portal address or the extra CA file
 * change; an address that cannot be used leaves the controller without an
 * engine (get_available() FALSE) and says why (get_setup_error()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-sync.h"

G_BEGIN_DECLS

typedef struct _LtContext LtContext;

/**
 * LtSyncOutcome:
 * @LT_SYNC_OUTCOME_NONE: no run finished yet
 * @LT_SYNC_OUTCOME_OK: the last run completed
 * @LT_SYNC_OUTCOME_OFFLINE: the portal could not be reached (network,
 *   timeout, server busy or failing): queued work waits and is retried
 * @LT_SYNC_OUTCOME_SIGN_IN: the portal refused the token, or there is none
 * @LT_SYNC_OUTCOME_ERROR: anything else (a bad answer, a local error)
 */
typedef enum
{
  LT_SYNC_OUTCOME_NONE,
  LT_SYNC_OUTCOME_OK,
  LT_SYNC_OUTCOME_OFFLINE,
  LT_SYNC_OUTCOME_SIGN_IN,
  LT_SYNC_OUTCOME_ERROR,
} LtSyncOutcome;

/* "The portal cannot be reached", "The portal needs a valid token"…;
 * @synced: whether a run ever succeeded ("Up to date" or "Not synced
 * yet"). */
const char *lt_sync_outcome_describe (LtSyncOutcome outcome,
                                      gboolean      synced);

#define LT_TYPE_SYNC_CONTROLLER (lt_sync_controller_get_type ())
G_DECLARE_FINAL_TYPE (LtSyncController, lt_sync_controller, LT, SYNC_CONTROLLER, GObject)

/* @context must have a store for the controller to be available; it is
 * borrowed (the context owns the controller, lt_context_set_sync()). */
LtSyncController *lt_sync_controller_new           (LtContext        *context);

/* Whether runs are possible: a store and a usable portal address. */
gboolean          lt_sync_controller_get_available (LtSyncController *self);
/* Why not, when the address or CA file is the reason. */
const GError     *lt_sync_controller_get_setup_error (LtSyncController *self);

/* Starts a full run now, or right after the one in progress. */
void              lt_sync_controller_sync          (LtSyncController *self);
/* Starts the periodic runs (and one now when @now is TRUE) and the
 * watch on the network and on resume. Screenshots do not call it; most
 * tests do not either. */
void              lt_sync_controller_start         (LtSyncController *self,
                                                    gboolean          now);

/* For the header: whether a run is going on, how far it is (0–1) and a
 * short sentence saying what it does ("Fetching tickets…"). */
gboolean          lt_sync_controller_get_running   (LtSyncController *self);
double            lt_sync_controller_get_fraction  (LtSyncController *self);
const char       *lt_sync_controller_get_status    (LtSyncController *self);
/* How the last run ended, its error (NULL after a good run) and when the
 * last good run was (NULL before the first; kept in the store). */
LtSyncOutcome     lt_sync_controller_get_outcome   (LtSyncController *self);
const GError     *lt_sync_controller_get_last_error (LtSyncController *self);
GDateTime        *lt_sync_controller_dup_last_success (LtSyncController *self);
/* When the next run starts by itself (g_get_monotonic_time() µs): a
 * retry soon after the portal could not be reached (20 s, doubling up to
 * the interval), else the next periodic run; 0 when none is planned. */
gint64            lt_sync_controller_get_next_attempt (LtSyncController *self);

/* The admin confirmed moving this profile to the portal now configured
 * (Preferences): the next run may switch it (LT_SYNC_SWITCH_PORTAL,
 * docs/sync.md "One portal per profile"), that run only. */
void              lt_sync_controller_allow_portal_switch (LtSyncController *self);

/* Waits for the ticket filed here with @local_id to get its portal id
 * and then emits ::ticket-filed. Tickets still queued at start are
 * watched without being asked. */
void              lt_sync_controller_watch_ticket  (LtSyncController *self,
                                                    const char       *local_id);

G_END_DECLS
