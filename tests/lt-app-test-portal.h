/* lt-app-test-portal.h: the main window against the real
 * lockthreat-devportal, for the UI tests that sync
 *
 * A fresh profile in the test's scratch folder, a context and a sync
 * controller over it, and the main window, drawn; the portal is started
 * on loopback (lt-test-devportal.h). Linked with lt-test-devportal.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-app-test-util.h"
#include "lt-sync-controller.h"
#include "lt-test-devportal.h"

G_BEGIN_DECLS

typedef struct
{
  /* The portal's bearer token. */
  const char *token;
  /* Whether the portal serves its demo customer. */
  gboolean    demo;
  /* NULL: the app and the portal on the real clock; else (RFC 3339) both
   * pinned to it. */
  const char *now;
  /* TRUE: the portal's address saved and named for the process (as
   * --portal does) and the token in LTSUPPORT_TOKEN, as `make run` does;
   * FALSE: a first run, nothing set, no token. */
  gboolean    connected;
  /* The window's default size. */
  int         width;
  int         height;
} LtAppPortalOptions;

typedef struct
{
  LtTestDevportal  *portal;
  LtClock          *clock;
  GSettings        *settings;
  LtContext        *context;
  LtSyncController *sync;
  LtWindow         *window;
  /* Set by the controller's signals. */
  gboolean          run_done;
  gboolean          run_ok;
  char             *filed_id;
  char             *waiting_message;
} LtAppPortalFixture;

void     lt_app_portal_fixture_setup    (LtAppPortalFixture       *fixture,
                                         const LtAppPortalOptions *options);
void     lt_app_portal_fixture_teardown (LtAppPortalFixture       *fixture);

/* Before an action that starts a run: the run may end before the test
 * waits for it with lt_app_portal_fixture_wait_started_run(). */
void     lt_app_portal_fixture_expect_run       (LtAppPortalFixture *fixture);
/* Runs the main loop until the run expected ends (asserting that it does
 * within @timeout_ms); returns whether it succeeded. */
gboolean lt_app_portal_fixture_wait_started_run (LtAppPortalFixture *fixture,
                                                 guint               timeout_ms);
/* Both: the controller's current or next run. */
gboolean lt_app_portal_fixture_wait_run         (LtAppPortalFixture *fixture,
                                                 guint               timeout_ms);
/* Syncs now and asserts that the run succeeds. */
void     lt_app_portal_fixture_sync_now         (LtAppPortalFixture *fixture);

G_END_DECLS
