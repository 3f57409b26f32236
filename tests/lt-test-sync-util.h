/* lt-test-sync-util.h: a store, a client and an LtSync against the real
 * devportal, for test-sync*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-actions.h"
#include "lt-outbox.h"
#include "lt-portal-client.h"
#include "lt-store.h"
#include "lt-store-tickets.h"
#include "lt-sync.h"
#include "lt-test-devportal.h"

G_BEGIN_DECLS

/* Distinctive, so that a grep for it cannot match anything by chance. */
#define LT_TEST_SYNC_TOKEN "ltTok-9f3c2a7e51d04b68-sync-hygiene"

typedef struct
{
  LtTestDevportal *portal;
  char            *profile;
  char            *db_path;
  LtStore         *store;
  LtOutbox        *outbox;
  LtPolicy        *policy;
  LtPortalClient  *client;
  LtSync          *sync;
  GDateTime       *now;
} LtSyncFixture;

/* Starts a devportal (@demo: seeded), opens a store in a new profile and
 * makes a client (5 s timeouts) and a sync whose clock is f->now. */
void           lt_sync_fixture_setup      (LtSyncFixture  *f,
                                           gboolean        demo);
void           lt_sync_fixture_teardown   (LtSyncFixture  *f);
/* A new client (and sync) for @url, same store. */
void           lt_sync_fixture_use_url    (LtSyncFixture  *f,
                                           const char     *url);
void           lt_sync_fixture_advance    (LtSyncFixture  *f,
                                           gint64          seconds);
/* One run, the main loop iterated until it ends. */
gboolean       lt_sync_fixture_run        (LtSyncFixture  *f,
                                           LtSyncFlags     flags,
                                           LtSyncReport   *report,
                                           GError        **error);
/* Files a ticket titled @title through lt_actions_file_ticket(); returns
 * its key (= local id). */
char          *lt_sync_fixture_file_ticket (LtSyncFixture *f,
                                            const char    *title);
/* Submits a change notice titled @title through
 * lt_actions_submit_change_notice(); returns its key (= local id). */
char          *lt_sync_fixture_submit_notice (LtSyncFixture *f,
                                              const char    *title);
LtTicket      *lt_sync_fixture_ticket     (LtSyncFixture  *f,
                                           const char     *local_id);
LtOutboxItem  *lt_sync_fixture_item       (LtSyncFixture  *f,
                                           const char     *key);
/* How many tickets titled @title the portal lists. */
guint          lt_sync_fixture_portal_title_count (LtSyncFixture *f,
                                                   const char    *title);

/* Every log message of the process, whatever its level, is kept (and
 * warnings still printed); G_MESSAGES_DEBUG=all. */
void           lt_test_capture_logs       (void);
gboolean       lt_test_logs_contain       (const char     *needle);
/* Asserts that the file (if it exists) does not contain @needle. */
void           lt_test_assert_file_lacks  (const char     *path,
                                           const char     *needle);

G_END_DECLS
