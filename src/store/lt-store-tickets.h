/* lt-store-tickets.h: tickets and their events in the local store
 *
 * A ticket row is found by the portal's id or, for a ticket filed here, by
 * its local_id (docs/store.md, "Persistence of the models"). Every write
 * records its change (LtStore::changed, "tickets" / "ticket_events", key =
 * the row's pk) and writes nothing, and records nothing, when the row
 * already holds the same values.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-store.h"
#include "lt-ticket.h"

G_BEGIN_DECLS

/* A draft or queued ticket filed here: insert, or update the row with the
 * same local_id. @ticket must have a local_id. */
gboolean   lt_store_save_local_ticket        (LtStore        *self,
                                              LtTicket       *ticket,
                                              GDateTime      *now,
                                              GError        **error);
/* A ticket as the portal sent it: insert, or update the row with the same
 * id; when there is none, the row with the ticket's local_id (a ticket
 * filed here that the portal has now accepted) takes the id. Local-only
 * columns (local_id, references_ticket, feature_criteria, created_at) are
 * kept. @ticket must have an id. */
gboolean   lt_store_upsert_ticket            (LtStore        *self,
                                              LtTicket       *ticket,
                                              GDateTime      *now,
                                              GError        **error);
/* Deletes the row of @ticket (by id, else local_id) and its events;
 * LT_ERROR_NOT_FOUND when there is none. */
gboolean   lt_store_delete_ticket            (LtStore        *self,
                                              LtTicket       *ticket,
                                              GError        **error);

/* NULL with LT_ERROR_NOT_FOUND when there is no such ticket. The events
 * are not loaded (lt_store_load_ticket_events()). */
LtTicket  *lt_store_lookup_ticket            (LtStore        *self,
                                              const char     *id,
                                              GError        **error);
/* The updated_at of each of @ids held here (NULL for a row without
 * one), in one query: a sync page's tickets are compared with the rows in
 * one statement rather than one lookup each. Ids not held are absent. */
GHashTable *lt_store_load_tickets_updated_at (LtStore            *self,
                                              const char * const *ids,
                                              guint               n_ids,
                                              GError            **error);
LtTicket  *lt_store_lookup_ticket_by_local_id (LtStore       *self,
                                               const char    *local_id,
                                               GError       **error);
guint      lt_store_count_tickets            (LtStore        *self,
                                              GError        **error);
GPtrArray *lt_store_load_tickets_closing     (LtStore        *self,
                                              guint           limit,
                                              guint          *n_total,
                                              GError        **error);

/* What only this app knows of a ticket: the ticket it references (R5, a
 * new ticket after the reopen window) and the feature-request criteria as
 * a JSON object. Either may be NULL. */
gboolean   lt_store_set_ticket_local_fields  (LtStore        *self,
                                              LtTicket       *ticket,
                                              const char     *references_ticket,
                                              const char     *feature_criteria_json,
                                              GError        **error);
gboolean   lt_store_get_ticket_local_fields  (LtStore        *self,
                                              LtTicket       *ticket,
                                              char          **references_ticket,
                                              char          **feature_criteria_json,
                                              GError        **error);

/* Replaces the events of @ticket (lt_ticket_set_events()) with those of
 * its row, oldest first. */
gboolean   lt_store_load_ticket_events       (LtStore        *self,
                                              LtTicket       *ticket,
                                              GError        **error);
/* The portal's history of @ticket: replaces the row's events that are not
 * waiting in the outbox; those (outbox_key set) stay. */
gboolean   lt_store_replace_ticket_events    (LtStore        *self,
                                              LtTicket       *ticket,
                                              LtTicketEvent * const *events,
                                              guint           n_events,
                                              GError        **error);
/* One event the admin made here (a comment, reopen, escalation…) whose
 * outbox item is @outbox_key (may be NULL for an event that is not sent). */
gboolean   lt_store_add_ticket_event         (LtStore        *self,
                                              LtTicket       *ticket,
                                              LtTicketEvent  *event,
                                              const char     *outbox_key,
                                              GError        **error);

G_END_DECLS
