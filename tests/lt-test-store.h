/* lt-test-store.h: opening a store and reading it back, for the tests of
 * the store and of ltsupport
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "lt-store.h"

G_BEGIN_DECLS

/* The store at @path (NULL: the default path in the test's isolated XDG
 * dirs), asserting that it opened without an error and without a notice
 * (no salvage, no migration that had something to say). */
LtStore *lt_test_store_open         (const char *path);

/* The store of the ltsupport profile @profile (its LT_STORE_FILE_NAME),
 * asserting only that it opened: a test fills a profile this way before
 * it runs the binary on it. */
LtStore *lt_test_store_open_profile (const char *profile);

/* The integer in the first column of the first row @sql gives, asserting
 * that there is one. For checking the tables behind the store's API. */
gint64   lt_test_store_query_int    (LtStore    *store,
                                     const char *sql);

/* Stores a ticket as the portal sends it: @id, triaged, naming
 * @installation (NULL: none) and @version, opened and updated at @opened
 * (ISO 8601), asserting that it was stored. */
void     lt_test_store_add_ticket_naming (LtStore    *store,
                                          const char *id,
                                          const char *installation,
                                          const char *version,
                                          const char *opened);

/* Counts the commits of @store that changed @table: the store's change
 * signal says a change of @table was committed, and a second connection
 * to the file tells one commit from the next by `PRAGMA data_version`
 * (which moves when another connection commits). Not timed, so a test of
 * how many transactions a job takes holds under any load. */
typedef struct _LtTestCommitCounter LtTestCommitCounter;

LtTestCommitCounter *lt_test_commit_counter_new  (LtStore             *store,
                                                  const char          *table);
guint                lt_test_commit_counter_get  (LtTestCommitCounter *self);
void                 lt_test_commit_counter_free (LtTestCommitCounter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtTestCommitCounter, lt_test_commit_counter_free)

/* Counts the fsyncs sqlite asks for (its VFS's xSync, the log's at a
 * commit, the database's at a checkpoint), on the thread that called
 * lt_test_store_count_syncs() and on every other. Installs a pass-through
 * VFS as sqlite's default, once: only connections opened after the first
 * call are counted. Not timed: what a test of the main thread's fsyncs
 * checks holds under any load. */
void     lt_test_store_count_syncs  (void);
guint    lt_test_store_get_syncs    (gboolean    on_this_thread);

G_END_DECLS
