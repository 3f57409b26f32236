/* lt-ticket-event.h: one entry of a ticket's history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"

G_BEGIN_DECLS

/* The largest attachment the portal accepts (413 above it): the client
 * refuses a larger upload before sending, and a diagnostics bundle is
 * split into parts of at most this size. */
#define LT_ATTACHMENT_MAX_SIZE (10 * 1024 * 1024)

#define LT_TYPE_TICKET_EVENT (lt_ticket_event_get_type ())
G_DECLARE_FINAL_TYPE (LtTicketEvent, lt_ticket_event, LT, TICKET_EVENT, GObject)

LtTicketEvent     *lt_ticket_event_new                 (LtTicketEventKind  kind,
                                                        GDateTime         *at);
LtTicketEvent     *lt_ticket_event_new_comment         (GDateTime         *at,
                                                        const char        *author,
                                                        const char        *body);
LtTicketEvent     *lt_ticket_event_new_state_change    (GDateTime         *at,
                                                        const char        *author,
                                                        LtTicketState      from_state,
                                                        LtTicketState      to_state);
LtTicketEvent     *lt_ticket_event_new_escalation      (GDateTime         *at,
                                                        const char        *author,
                                                        guint              level,
                                                        const char        *reason);
LtTicketEvent     *lt_ticket_event_new_attachment      (GDateTime         *at,
                                                        const char        *author,
                                                        const char        *name,
                                                        guint64            size);

/* The portal's id of the event, NULL for one that waits in the outbox. */
const char        *lt_ticket_event_get_id              (LtTicketEvent     *self);
void               lt_ticket_event_set_id              (LtTicketEvent     *self,
                                                        const char        *id);
LtTicketEventKind  lt_ticket_event_get_kind            (LtTicketEvent     *self);
void               lt_ticket_event_set_kind            (LtTicketEvent     *self,
                                                        LtTicketEventKind  kind);
GDateTime         *lt_ticket_event_get_at              (LtTicketEvent     *self);
void               lt_ticket_event_set_at              (LtTicketEvent     *self,
                                                        GDateTime         *at);
const char        *lt_ticket_event_get_author          (LtTicketEvent     *self);
void               lt_ticket_event_set_author          (LtTicketEvent     *self,
                                                        const char        *author);
/* Whether LockThreat wrote it: sent (it has the portal's id; one in the
 * outbox is the admin's own) by an author who is not one of
 * @customer_names (the account's customer name and contacts, as the
 * portal writes them as authors). The alerts tell these as news, and
 * only their text is unmasked (docs/bundle.md, "Reading the answer
 * back"): the customer's own already holds the real names. */
gboolean           lt_ticket_event_is_from_vendor      (LtTicketEvent      *self,
                                                        const char * const *customer_names);
/* A comment's text, or the reason given for an escalation or a state
 * change. */
const char        *lt_ticket_event_get_body            (LtTicketEvent     *self);
void               lt_ticket_event_set_body            (LtTicketEvent     *self,
                                                        const char        *body);
LtTicketState      lt_ticket_event_get_from_state      (LtTicketEvent     *self);
void               lt_ticket_event_set_from_state      (LtTicketEvent     *self,
                                                        LtTicketState      from_state);
LtTicketState      lt_ticket_event_get_to_state        (LtTicketEvent     *self);
void               lt_ticket_event_set_to_state        (LtTicketEvent     *self,
                                                        LtTicketState      to_state);
guint              lt_ticket_event_get_level           (LtTicketEvent     *self);
void               lt_ticket_event_set_level           (LtTicketEvent     *self,
                                                        guint              level);
const char        *lt_ticket_event_get_attachment_name (LtTicketEvent     *self);
void               lt_ticket_event_set_attachment_name (LtTicketEvent     *self,
                                                        const char        *name);
guint64            lt_ticket_event_get_attachment_size (LtTicketEvent     *self);
void               lt_ticket_event_set_attachment_size (LtTicketEvent     *self,
                                                        guint64            size);

G_END_DECLS
