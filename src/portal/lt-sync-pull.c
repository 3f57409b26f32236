/* lt-sync-pull.c: reading what the portal knows, phase by phase
 *
 *   pull_next -> account -> policy -> releases -> maintenance -> tickets
 *             -> change notices -> run_complete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-sync"

#include "config.h"

#include "lt-sync-private.h"
#include "lt-error.h"
#include "lt-store-account.h"
#include "lt-store-documents.h"
#include "lt-store-maintenance-windows.h"
#include "lt-store-sync.h"
#include "lt-store-tickets.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* ---- Pull ------------------------------------------------------------------- */

typedef void (*PhaseFunc) (GTask *task);

/* Counts one list page (or a ticket's history, @page NULL) against the
 * run's caps, and refuses a cursor the list gave before: either way the
 * list would go on for ever. A page past a cap is not stored. */
static gboolean
count_answer (GTask         *task,
              GAsyncResult  *result,
              LtPortalPage  *page,
              GError       **error)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);

  run->run_bytes += lt_portal_result_get_body_size (result);
  if (page != NULL)
    {
      run->run_pages++;
      run->run_items += page->items->len;
    }

  if (run->run_pages > self->limits.max_pages)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("The portal's lists did not end after %u pages, the most one sync reads; "
                     "the sync was stopped"), self->limits.max_pages);
      run->capped = TRUE;
    }
  else if (run->run_items > self->limits.max_items)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("The portal's lists did not end after %u entries, the most one sync reads; "
                     "the sync was stopped"), self->limits.max_items);
      run->capped = TRUE;
    }
  else if (run->run_bytes > self->limits.max_bytes)
    {
      g_autofree char *size = g_format_size_full (self->limits.max_bytes, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                   _("The portal's answers exceeded %s, the most one sync reads; "
                     "the sync was stopped"), size);
      run->capped = TRUE;
    }
  if (run->capped)
    return FALSE;

  if (page != NULL && page->next_cursor != NULL)
    {
      if (run->cursors == NULL)
        run->cursors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      if (!g_hash_table_add (run->cursors, g_strdup (page->next_cursor)))
        {
          g_set_error_literal (error, LT_ERROR, LT_ERROR_INVALID_DATA,
                               _("The portal sent a page cursor it had sent before: "
                                 "the list would never end"));
          return FALSE;
        }
    }
  return TRUE;
}

/* The end of one pull phase: record it, then go on, or stop the run when
 * the error means the portal is out of reach. */
static void
phase_done_with_result (GTask        *task,
                        const char   *resource,
                        GAsyncResult *result,
                        GError       *error)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(GError) owned = error;

  /* The portal answered and what it sent is stored. */
  if (owned == NULL)
    _lt_sync_bind_new_portal (self, run, &owned);
  _lt_sync_record_resource (self, resource, owned);
  if (owned != NULL && g_error_matches (owned, LT_ERROR, LT_ERROR_RATE_LIMITED))
    _lt_sync_hold_portal (self, result);
  g_clear_pointer (&run->cursor, g_free);
  g_clear_pointer (&run->cursors, g_hash_table_unref);
  run->pages = 0;

  if (owned != NULL)
    {
      g_debug ("Pulling %s: %s", resource, owned->message);
      if (run->capped || _lt_sync_error_stops_run (owned))
        {
          _lt_sync_fail_run (task, g_steal_pointer (&owned));
          return;
        }
      g_prefix_error (&owned, "%s: ", resource);
      if (run->deferred_error == NULL)
        run->deferred_error = g_steal_pointer (&owned);
    }
  _lt_sync_pull_next (task);
}

static void
phase_done (GTask       *task,
            const char  *resource,
            GError      *error)
{
  phase_done_with_result (task, resource, NULL, error);
}

/* Account */

static void
account_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = _lt_sync_task_sync (task);
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  account = lt_portal_client_get_account_finish (LT_PORTAL_CLIENT (source), result, &error);
  now = _lt_sync_now (self);
  if (account != NULL &&
      _lt_sync_bind_new_portal (self, _lt_sync_task_run (task), &error) &&
      lt_store_save_account (_lt_sync_get_store (self), account, now, &error) &&
      lt_account_get_customer_name (account) != NULL)
    lt_store_set_portal_account (_lt_sync_get_store (self), lt_account_get_customer_name (account), &error);
  phase_done_with_result (task, RESOURCE_ACCOUNT, result, g_steal_pointer (&error));
}

static void
pull_account (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);

  _lt_sync_report_progress (self, LT_SYNC_PHASE_ACCOUNT, 0.0);
  lt_portal_client_get_account_async (self->client, _lt_sync_run_cancellable (task), account_cb, task);
}

/* Policy and releases: conditional GETs of cached documents */

static char *
dup_document_etag (LtSync     *self,
                   const char *name)
{
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) bytes = lt_store_load_document (_lt_sync_get_store (self), name, &etag, NULL, NULL);

  return bytes != NULL ? g_steal_pointer (&etag) : NULL;
}

static void
policy_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(LtPolicy) policy = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  if (lt_portal_client_get_policy_finish (LT_PORTAL_CLIENT (source), result, &policy, &etag,
                                          &document, &error))
    {
      now = _lt_sync_now (self);
      if (policy != NULL)
        {
          /* The store parses the document again with core's parser: one
           * set of rules decides what a valid policy is. */
          if (lt_store_save_document (_lt_sync_get_store (self), LT_STORE_DOCUMENT_POLICY, document, etag,
                                      now, &error))
            {
              run->report.policy_updated = TRUE;
              _lt_sync_set_policy (self, policy);
            }
        }
      else if (self->policy == NULL)
        {
          g_autoptr(LtPolicy) cached = lt_store_load_policy (_lt_sync_get_store (self), NULL);

          if (cached != NULL)
            _lt_sync_set_policy (self, cached);
        }
    }
  phase_done_with_result (task, RESOURCE_POLICY, result, g_steal_pointer (&error));
}

static void
pull_policy (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  g_autofree char *etag = dup_document_etag (self, LT_STORE_DOCUMENT_POLICY);

  _lt_sync_report_progress (self, LT_SYNC_PHASE_POLICY, 0.0);
  lt_portal_client_get_policy_async (self->client, etag, _lt_sync_run_cancellable (task), policy_cb, task);
}

static void
releases_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  if (lt_portal_client_get_releases_finish (LT_PORTAL_CLIENT (source), result, &catalog, &etag,
                                            &document, &error) &&
      catalog != NULL)
    {
      now = _lt_sync_now (self);
      if (lt_store_save_document (_lt_sync_get_store (self), LT_STORE_DOCUMENT_RELEASES, document, etag,
                                  now, &error))
        run->report.releases_updated = TRUE;
    }
  phase_done_with_result (task, RESOURCE_RELEASES, result, g_steal_pointer (&error));
}

static void
pull_releases (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  g_autofree char *etag = dup_document_etag (self, LT_STORE_DOCUMENT_RELEASES);

  _lt_sync_report_progress (self, LT_SYNC_PHASE_RELEASES, 0.0);
  lt_portal_client_get_releases_async (self->client, etag, _lt_sync_run_cancellable (task),
                                       releases_cb, task);
}

/* Maintenance windows: the whole list, every time (a handful of rows), so
 * that a window the portal dropped is dropped here too. */

static void maintenance_page (GTask *task);

static void
maintenance_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(LtPortalPage) page = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  g_autoptr(LtStoreTransaction) tx = NULL;

  page = lt_portal_client_list_maintenance_windows_finish (LT_PORTAL_CLIENT (source), result, &error);
  if (page == NULL || !count_answer (task, result, page, &error))
    {
      phase_done_with_result (task, RESOURCE_MAINTENANCE, result, g_steal_pointer (&error));
      return;
    }

  /* Each page is stored as it comes (memory stays one page, whatever the
   * portal sends); only the ids are kept, for the end of the list. */
  now = _lt_sync_now (self);
  if ((tx = lt_store_begin (_lt_sync_get_store (self), &error)) == NULL ||
      !_lt_sync_bind_new_portal (self, run, &error))
    {
      phase_done_with_result (task, RESOURCE_MAINTENANCE, result, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < page->items->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (page->items, i);

      if (!lt_store_upsert_maintenance_window (_lt_sync_get_store (self), window, now, &error))
        {
          phase_done_with_result (task, RESOURCE_MAINTENANCE, result, g_steal_pointer (&error));
          return;
        }
      g_hash_table_add (run->listed, g_strdup (lt_maintenance_window_get_id (window)));
    }
  if (!lt_store_transaction_commit (tx, &error))
    {
      phase_done_with_result (task, RESOURCE_MAINTENANCE, result, g_steal_pointer (&error));
      return;
    }
  run->pages++;
  _lt_sync_report_progress (self, LT_SYNC_PHASE_MAINTENANCE, 1.0 - 1.0 / (run->pages + 1));

  if (page->next_cursor != NULL)
    {
      g_free (run->cursor);
      run->cursor = g_strdup (page->next_cursor);
      maintenance_page (task);
      return;
    }

  /* The whole list arrived: a window the portal no longer lists goes.
   * A list that ended early (an error, a cap) removes nothing. */
  if (lt_store_retain_maintenance_windows (_lt_sync_get_store (self), run->listed, &error))
    run->report.n_maintenance_windows = g_hash_table_size (run->listed);
  g_hash_table_remove_all (run->listed);
  phase_done_with_result (task, RESOURCE_MAINTENANCE, result, g_steal_pointer (&error));
}

static void
maintenance_page (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);

  lt_portal_client_list_maintenance_windows_async (self->client, NULL, NULL, NULL, run->cursor,
                                                   LT_SYNC_PAGE_SIZE, _lt_sync_run_cancellable (task),
                                                   maintenance_cb, task);
}

static void
pull_maintenance (GTask *task)
{
  Run *run = _lt_sync_task_run (task);

  _lt_sync_report_progress (_lt_sync_task_sync (task), LT_SYNC_PHASE_MAINTENANCE, 0.0);
  if (run->listed == NULL)
    run->listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_remove_all (run->listed);
  maintenance_page (task);
}

/* Tickets and notices whose local state was shown changed by an action
 * the portal then refused (a marker under the prefix, see fail_item()):
 * read again whatever their updated_at, at the end of their phase. */

struct _Refetch
{
  const char          *resource;      /* the pull phase's */
  LtSyncPhase          phase;
  const char          *prefix;
  void               (*fetch) (LtPortalClient      *client,
                               const char          *id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
  GAsyncReadyCallback  fetched;
};

static void ticket_refetched_cb (GObject *source, GAsyncResult *result, gpointer user_data);
static void notice_refetched_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static const Refetch ticket_refetch = {
  RESOURCE_TICKETS, LT_SYNC_PHASE_TICKETS, REFETCH_TICKET_PREFIX,
  lt_portal_client_get_ticket_async, ticket_refetched_cb,
};

static const Refetch notice_refetch = {
  RESOURCE_CHANGE_NOTICES, LT_SYNC_PHASE_CHANGE_NOTICES, REFETCH_NOTICE_PREFIX,
  lt_portal_client_get_change_notice_async, notice_refetched_cb,
};

static void
refetch_next (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  const Refetch *refetch = run->refetching;
  const char *resource = run->refetch[run->refetch_index];

  if (resource == NULL)
    {
      g_clear_pointer (&run->refetch, g_strfreev);
      _lt_sync_report_progress (self, refetch->phase, 1.0);
      phase_done (task, refetch->resource, NULL);
      return;
    }
  refetch->fetch (self->client, resource + strlen (refetch->prefix),
                  _lt_sync_run_cancellable (task), refetch->fetched, task);
}

static void
refetch_start (GTask          *task,
               const Refetch  *refetch,
               GAsyncResult   *result)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(GError) error = NULL;

  run->refetch = lt_store_list_sync_resources (_lt_sync_get_store (self), refetch->prefix, &error);
  if (run->refetch == NULL)
    {
      phase_done_with_result (task, refetch->resource, result, g_steal_pointer (&error));
      return;
    }
  run->refetching = refetch;
  run->refetch_index = 0;
  refetch_next (task);
}

/* The ticket or the notice read again (the other NULL; both when the
 * portal has it no more): stored, and its marker gone, in one
 * transaction. */
static void
refetched (GTask           *task,
           GAsyncResult    *result,
           LtTicket        *ticket,
           LtChangeNotice  *notice,
           GError          *fetch_error)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  const Refetch *refetch = run->refetching;
  const char *resource = run->refetch[run->refetch_index];
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = fetch_error;

  if (ticket == NULL && notice == NULL && !g_error_matches (error, LT_ERROR, LT_ERROR_NOT_FOUND))
    {
      phase_done_with_result (task, refetch->resource, result, g_steal_pointer (&error));
      return;
    }
  g_clear_error (&error);
  if (!_lt_sync_check_answer_id (resource + strlen (refetch->prefix),
                                 ticket != NULL ? lt_ticket_get_id (ticket)
                                 : notice != NULL ? lt_change_notice_get_id (notice) : NULL,
                                 &error))
    {
      phase_done_with_result (task, refetch->resource, result, g_steal_pointer (&error));
      return;
    }

  now = _lt_sync_now (self);
  if ((tx = lt_store_begin (_lt_sync_get_store (self), &error)) == NULL ||
      (ticket != NULL && !_lt_sync_store_ticket (self, ticket, run->unsent, now, &error)) ||
      (notice != NULL && !_lt_sync_store_notice (self, notice, run->unsent, now, &error)) ||
      !lt_store_delete_sync_state (_lt_sync_get_store (self), resource, &error) ||
      !lt_store_transaction_commit (tx, &error))
    {
      phase_done_with_result (task, refetch->resource, result, g_steal_pointer (&error));
      return;
    }
  if (ticket != NULL)
    run->report.n_tickets_fetched++;
  run->refetch_index++;
  refetch_next (task);
}

static void
ticket_refetched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTicket) ticket = NULL;

  ticket = lt_portal_client_get_ticket_finish (LT_PORTAL_CLIENT (source), result, &error);
  refetched (user_data, result, ticket, NULL, g_steal_pointer (&error));
}

static void
notice_refetched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtChangeNotice) notice = NULL;

  notice = lt_portal_client_change_notice_finish (LT_PORTAL_CLIENT (source), result, NULL, &error);
  refetched (user_data, result, NULL, notice, g_steal_pointer (&error));
}

/* The start of an incremental pull: the changes made here that are still
 * on their way (the portal's copies must not undo them on screen), and
 * where the last pull of @resource ended. */
static gboolean
incremental_pull_start (GTask        *task,
                        LtSyncPhase   phase,
                        const char   *resource)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(GError) error = NULL;
  g_auto(LtSyncState) state = { 0 };

  _lt_sync_report_progress (self, phase, 0.0);
  g_clear_pointer (&run->unsent, g_hash_table_unref);
  run->unsent = _lt_sync_collect_unsent (self, NULL, &error);
  if (run->unsent == NULL ||
      !lt_store_load_sync_state (_lt_sync_get_store (self), resource, &state, &error))
    {
      phase_done (task, resource, g_steal_pointer (&error));
      return FALSE;
    }
  g_clear_pointer (&run->since, g_date_time_unref);
  run->since = state.updated_since != NULL ? g_date_time_ref (state.updated_since) : NULL;
  return TRUE;
}

/* Tickets: incremental by updated_since (the portal's clock), in pages
 * that carry the tickets' histories (?include=events); from a portal
 * without it, a history is fetched on its own. Either way a history is
 * stored only when the ticket's updated_at differs from the stored row's
 * (the list is inclusive at its boundary, so the last ticket of a sync
 * comes again in the next one and costs nothing). */

static void tickets_page (GTask *task);
static void tickets_fetch_next (GTask *task);

static gboolean
save_tickets_cursor (LtSync     *self,
                     GDateTime  *updated_since,
                     GError    **error)
{
  g_auto(LtSyncState) state = { 0 };

  if (!lt_store_load_sync_state (_lt_sync_get_store (self), RESOURCE_TICKETS, &state, error))
    return FALSE;
  g_clear_pointer (&state.updated_since, g_date_time_unref);
  state.updated_since = g_date_time_ref (updated_since);
  return lt_store_save_sync_state (_lt_sync_get_store (self), RESOURCE_TICKETS, &state, error);
}

/* Whether the history of a listed ticket is fetched: a ticket not held
 * yet (not in @held, the page's rows' updated_at), one whose updated_at
 * moved, and one at the boundary of the last pull. The portal stamps
 * whole seconds, so a change made in the same second as the copy held
 * keeps its updated_at; such a ticket is at the boundary the next time
 * and is read again then. */
static gboolean
ticket_needs_history (Run        *run,
                      GHashTable *held,
                      LtTicket   *listed)
{
  GDateTime *a, *b;

  if (!g_hash_table_lookup_extended (held, lt_ticket_get_id (listed), NULL, (gpointer *) &a))
    return TRUE;
  b = lt_ticket_get_updated_at (listed);
  return a == NULL || b == NULL || !g_date_time_equal (a, b) ||
         (run->since != NULL && g_date_time_equal (b, run->since));
}

/* The updated_at of the rows held for a page's tickets, one query. */
static GHashTable *
load_held_updated_at (LtSync        *self,
                      LtPortalPage  *page,
                      GError       **error)
{
  g_autofree const char **ids = g_new (const char *, page->items->len);

  for (guint i = 0; i < page->items->len; i++)
    ids[i] = lt_ticket_get_id (g_ptr_array_index (page->items, i));
  return lt_store_load_tickets_updated_at (_lt_sync_get_store (self), ids, page->items->len, error);
}

/* The page's tickets whose history is new (run->fetched) and the cursor
 * after them in one transaction: one commit (one fsync) per page rather
 * than per ticket, and the next sync starts after the page only once all
 * of it is stored. */
static gboolean
store_fetched (GTask   *task,
               GError **error)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) now = _lt_sync_now (self);

  if ((tx = lt_store_begin (_lt_sync_get_store (self), error)) == NULL ||
      !_lt_sync_bind_new_portal (self, run, error))
    return FALSE;
  for (guint i = 0; i < run->fetched->len; i++)
    if (!_lt_sync_store_ticket (self, g_ptr_array_index (run->fetched, i), run->unsent, now, error))
      return FALSE;
  if ((run->max_updated != NULL && !save_tickets_cursor (self, run->max_updated, error)) ||
      !lt_store_transaction_commit (tx, error))
    return FALSE;
  run->report.n_tickets_fetched += run->fetched->len;
  g_ptr_array_set_size (run->fetched, 0);
  return TRUE;
}

/* Stores the page that waited for the next page's request, if one does;
 * an error is kept for the next page's callback, the one way on. */
static void
store_pending_page (GTask *task)
{
  Run *run = _lt_sync_task_run (task);

  if (run->store_source != NULL)
    g_source_destroy (run->store_source);
  g_clear_pointer (&run->store_source, g_source_unref);
  if (!run->store_pending)
    return;
  run->store_pending = FALSE;
  if (!store_fetched (task, &run->store_error))
    g_debug ("Storing a page of tickets: %s", run->store_error->message);
}

static gboolean
store_pending_page_cb (gpointer user_data)
{
  store_pending_page (user_data);
  return G_SOURCE_REMOVE;
}

/* The next page's request has been written (or failed before): the page
 * before it is stored now. Not here and now but from the main loop, at
 * the priority of the I/O: this runs inside libsoup's writing, and the
 * store's change signals run whatever the application connected. A
 * page's answer that comes first stores it from its callback. */
static void
next_page_sent (gpointer user_data)
{
  GTask *task = user_data;
  Run *run = _lt_sync_task_run (task);

  if (!run->store_pending || run->store_source != NULL)
    return;
  run->store_source = g_idle_source_new ();
  g_source_set_priority (run->store_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (run->store_source, store_pending_page_cb, task, NULL);
  g_source_set_static_name (run->store_source, "[lt-sync] store a page");
  g_source_attach (run->store_source, g_main_context_get_thread_default ());
}

static void
tickets_page_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(LtPortalPage) page = NULL;
  g_autoptr(GHashTable) held = NULL;
  g_autoptr(GError) error = NULL;

  page = lt_portal_client_list_tickets_finish (LT_PORTAL_CLIENT (source), result, &error);

  /* The page before this one is stored before this one is looked at,
   * when its idle has not come yet (see store_pending_page()); storing
   * it failed: the phase ends with that error, this page unread. */
  store_pending_page (task);
  if (run->store_error != NULL)
    {
      phase_done (task, RESOURCE_TICKETS, g_steal_pointer (&run->store_error));
      return;
    }
  if (page == NULL || !count_answer (task, result, page, &error))
    {
      phase_done_with_result (task, RESOURCE_TICKETS, result, g_steal_pointer (&error));
      return;
    }

  held = load_held_updated_at (self, page, &error);
  if (held == NULL)
    {
      phase_done_with_result (task, RESOURCE_TICKETS, result, g_steal_pointer (&error));
      return;
    }
  g_ptr_array_set_size (run->to_fetch, 0);
  run->fetch_index = 0;
  for (guint i = 0; i < page->items->len; i++)
    {
      LtTicket *listed = g_ptr_array_index (page->items, i);
      GDateTime *updated = lt_ticket_get_updated_at (listed);
      gboolean needed = ticket_needs_history (run, held, listed);

      run->report.n_tickets_listed++;
      /* A page with events carries the histories; a portal that ignored
       * ?include=events sent none, and they are fetched one by one. */
      if (needed && page->events_included)
        g_ptr_array_add (run->fetched, g_object_ref (listed));
      else if (needed)
        g_ptr_array_add (run->to_fetch, g_strdup (lt_ticket_get_id (listed)));
      if (updated != NULL && (run->max_updated == NULL || g_date_time_compare (updated, run->max_updated) > 0))
        {
          g_clear_pointer (&run->max_updated, g_date_time_unref);
          run->max_updated = g_date_time_ref (updated);
        }
    }

  g_free (run->cursor);
  run->cursor = g_strdup (page->next_cursor);
  run->pages++;
  if (!page->events_included)
    {
      tickets_fetch_next (task);
      return;
    }

  /* The next page is asked for first and this one is stored once that
   * request is on the wire (next_page_sent()): the portal builds the
   * next page while this one is written. Its callback is the one way on,
   * also when this store fails. */
  _lt_sync_report_progress (self, LT_SYNC_PHASE_TICKETS, (1.0 - 1.0 / (run->pages + 1)) * 0.9);
  if (run->cursor != NULL)
    {
      run->store_pending = TRUE;
      tickets_page (task);
      return;
    }
  if (!store_fetched (task, &error))
    {
      phase_done (task, RESOURCE_TICKETS, g_steal_pointer (&error));
      return;
    }
  refetch_start (task, &ticket_refetch, NULL);
}

static void
ticket_fetched_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = _lt_sync_task_run (task);
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;

  ticket = lt_portal_client_get_ticket_finish (LT_PORTAL_CLIENT (source), result, &error);
  if (ticket == NULL || !count_answer (task, result, NULL, &error) ||
      !_lt_sync_check_answer_id (g_ptr_array_index (run->to_fetch, run->fetch_index),
                                 lt_ticket_get_id (ticket), &error))
    {
      phase_done_with_result (task, RESOURCE_TICKETS, result, g_steal_pointer (&error));
      return;
    }

  g_ptr_array_add (run->fetched, g_steal_pointer (&ticket));
  run->fetch_index++;
  tickets_fetch_next (task);
}

/* The fallback for a portal without ?include=events: each changed
 * ticket's history with its own GET /tickets/{id}, then the page. */
static void
tickets_fetch_next (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(GError) error = NULL;
  double page_share = 1.0 / (run->pages + 1);
  double within;

  within = 1.0 - page_share;
  if (run->to_fetch->len > 0)
    within += page_share * 0.5 * run->fetch_index / run->to_fetch->len;
  _lt_sync_report_progress (self, LT_SYNC_PHASE_TICKETS, within * 0.9);

  if (run->fetch_index < run->to_fetch->len)
    {
      lt_portal_client_get_ticket_async (self->client, g_ptr_array_index (run->to_fetch, run->fetch_index),
                                         _lt_sync_run_cancellable (task), ticket_fetched_cb, task);
      return;
    }

  if (!store_fetched (task, &error))
    {
      phase_done (task, RESOURCE_TICKETS, g_steal_pointer (&error));
      return;
    }
  if (run->cursor != NULL)
    {
      tickets_page (task);
      return;
    }
  refetch_start (task, &ticket_refetch, NULL);
}

static void
tickets_page (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);

  /* Every page repeats the query the cursor belongs to, and asks for the
   * events with the tickets; the answer says whether it got them. */
  lt_portal_client_list_tickets_with_events_async (self->client, run->since, run->cursor,
                                                   LT_SYNC_PAGE_SIZE, next_page_sent,
                                                   _lt_sync_run_cancellable (task),
                                                   tickets_page_cb, task);
}

static void
pull_tickets (GTask *task)
{
  Run *run = _lt_sync_task_run (task);

  if (!incremental_pull_start (task, LT_SYNC_PHASE_TICKETS, RESOURCE_TICKETS))
    return;
  g_clear_pointer (&run->max_updated, g_date_time_unref);
  run->max_updated = run->since != NULL ? g_date_time_ref (run->since) : NULL;
  if (run->to_fetch == NULL)
    run->to_fetch = g_ptr_array_new_with_free_func (g_free);
  if (run->fetched == NULL)
    run->fetched = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_set_size (run->fetched, 0);
  g_clear_error (&run->store_error);
  run->store_pending = FALSE;
  tickets_page (task);
}

/* Change notices: incremental like tickets, no history. */

static void notices_page (GTask *task);

static void
notices_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);
  g_autoptr(LtPortalPage) page = NULL;
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  page = lt_portal_client_list_change_notices_finish (LT_PORTAL_CLIENT (source), result, &error);
  if (page == NULL || !count_answer (task, result, page, &error))
    {
      phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
      return;
    }

  now = _lt_sync_now (self);
  if ((tx = lt_store_begin (_lt_sync_get_store (self), &error)) == NULL ||
      !_lt_sync_bind_new_portal (self, run, &error))
    {
      phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < page->items->len; i++)
    {
      LtChangeNotice *notice = g_ptr_array_index (page->items, i);

      run->report.n_change_notices++;
      if (!_lt_sync_store_notice (self, notice, run->unsent, now, &error))
        {
          phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
          return;
        }
    }

  /* The page is stored: the next sync may start from its newest
   * updated_at (the model keeps none; the client reads it from the page),
   * committed with the rows. */
  if (page->newest_updated_at != NULL)
    {
      g_auto(LtSyncState) state = { 0 };

      if (!lt_store_load_sync_state (_lt_sync_get_store (self), RESOURCE_CHANGE_NOTICES, &state, &error))
        {
          phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
          return;
        }
      if (state.updated_since == NULL ||
          g_date_time_compare (page->newest_updated_at, state.updated_since) > 0)
        {
          g_clear_pointer (&state.updated_since, g_date_time_unref);
          state.updated_since = g_date_time_ref (page->newest_updated_at);
        }
      if (!lt_store_save_sync_state (_lt_sync_get_store (self), RESOURCE_CHANGE_NOTICES, &state, &error))
        {
          phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
          return;
        }
    }
  if (!lt_store_transaction_commit (tx, &error))
    {
      phase_done_with_result (task, RESOURCE_CHANGE_NOTICES, result, g_steal_pointer (&error));
      return;
    }

  run->pages++;
  _lt_sync_report_progress (self, LT_SYNC_PHASE_CHANGE_NOTICES, (1.0 - 1.0 / (run->pages + 1)) * 0.9);
  g_free (run->cursor);
  run->cursor = g_strdup (page->next_cursor);
  if (run->cursor != NULL)
    {
      notices_page (task);
      return;
    }
  refetch_start (task, &notice_refetch, result);
}

/* Incremental like tickets (?updated_since= the newest updated_at seen,
 * inclusive): a notice at the boundary comes again and is not written,
 * since the store compares before it writes. Every page repeats the query
 * its cursor belongs to. */
static void
notices_page (GTask *task)
{
  LtSync *self = _lt_sync_task_sync (task);
  Run *run = _lt_sync_task_run (task);

  lt_portal_client_list_change_notices_async (self->client, run->since, run->cursor, LT_SYNC_PAGE_SIZE,
                                              _lt_sync_run_cancellable (task), notices_cb, task);
}

static void
pull_change_notices (GTask *task)
{
  if (incremental_pull_start (task, LT_SYNC_PHASE_CHANGE_NOTICES, RESOURCE_CHANGE_NOTICES))
    notices_page (task);
}

static const PhaseFunc pull_phases[] = {
  pull_account,
  pull_policy,
  pull_releases,
  pull_maintenance,
  pull_tickets,
  pull_change_notices,
};

void
_lt_sync_pull_next (GTask *task)
{
  Run *run = _lt_sync_task_run (task);

  if (_lt_sync_stop_if_cancelled (task))
    return;
  if (run->pull_index >= G_N_ELEMENTS (pull_phases))
    {
      _lt_sync_finish_run (task);
      return;
    }
  pull_phases[run->pull_index++] (task);
}
