/* lt-ticket.h: a support ticket as the portal and the outbox know it
 *
 * A plain model: properties with change notification, no I/O. Every value
 * the policy derives (response due, SLA state, auto-close due, reopen
 * window, customer actions, escalation) is a method that calls the rules in
 * lt-sla.h, lt-lifecycle.h and lt-rules.h with a policy and `now` passed in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-types.h"
#include "lt-lifecycle.h"
#include "lt-policy.h"
#include "lt-ticket-event.h"

G_BEGIN_DECLS

#define LT_TYPE_TICKET (lt_ticket_get_type ())
G_DECLARE_FINAL_TYPE (LtTicket, lt_ticket, LT, TICKET, GObject)

/* The highest escalation level the portal accepts (R11: 409 above it). */
#define LT_TICKET_MAX_ESCALATION_LEVEL 3

/* The portal's limits on a new ticket's two texts, in characters
 * (NewTicket in data/portal-api.yaml): longer ones are refused, so they
 * are refused here before they are queued. */
#define LT_TICKET_MAX_TITLE_CHARS       200
#define LT_TICKET_MAX_DESCRIPTION_CHARS 20000

gboolean       lt_ticket_check_title_length       (const char  *title,
                                                   GError     **error);
gboolean       lt_ticket_check_description_length (const char  *description,
                                                   GError     **error);

LtTicket      *lt_ticket_new                    (void);
LtTicket      *lt_ticket_new_draft              (void);

const char    *lt_ticket_get_id                 (LtTicket       *self);
void           lt_ticket_set_id                 (LtTicket       *self,
                                                 const char     *id);
const char    *lt_ticket_get_local_id           (LtTicket       *self);
void           lt_ticket_set_local_id           (LtTicket       *self,
                                                 const char     *local_id);
const char    *lt_ticket_get_title              (LtTicket       *self);
void           lt_ticket_set_title              (LtTicket       *self,
                                                 const char     *title);
const char    *lt_ticket_get_description        (LtTicket       *self);
void           lt_ticket_set_description        (LtTicket       *self,
                                                 const char     *description);
LtSeverity     lt_ticket_get_severity           (LtTicket       *self);
void           lt_ticket_set_severity           (LtTicket       *self,
                                                 LtSeverity      severity);
const char    *lt_ticket_get_category           (LtTicket       *self);
void           lt_ticket_set_category           (LtTicket       *self,
                                                 const char     *category);
LtTicketState  lt_ticket_get_state              (LtTicket       *self);
void           lt_ticket_set_state              (LtTicket       *self,
                                                 LtTicketState   state);
LtCloseReason  lt_ticket_get_close_reason       (LtTicket       *self);
void           lt_ticket_set_close_reason       (LtTicket       *self,
                                                 LtCloseReason   close_reason);
GDateTime     *lt_ticket_get_opened_at          (LtTicket       *self);
void           lt_ticket_set_opened_at          (LtTicket       *self,
                                                 GDateTime      *opened_at);
GDateTime     *lt_ticket_get_updated_at         (LtTicket       *self);
void           lt_ticket_set_updated_at         (LtTicket       *self,
                                                 GDateTime      *updated_at);
GDateTime     *lt_ticket_get_first_response_at  (LtTicket       *self);
void           lt_ticket_set_first_response_at  (LtTicket       *self,
                                                 GDateTime      *first_response_at);
/* The portal's own value; see lt_ticket_dup_response_due() for the one to
 * show. */
GDateTime     *lt_ticket_get_response_due       (LtTicket       *self);
void           lt_ticket_set_response_due       (LtTicket       *self,
                                                 GDateTime      *response_due);
GDateTime     *lt_ticket_get_awaiting_since     (LtTicket       *self);
void           lt_ticket_set_awaiting_since     (LtTicket       *self,
                                                 GDateTime      *awaiting_since);
GDateTime     *lt_ticket_get_resolved_at        (LtTicket       *self);
void           lt_ticket_set_resolved_at        (LtTicket       *self,
                                                 GDateTime      *resolved_at);
GDateTime     *lt_ticket_get_closed_at          (LtTicket       *self);
void           lt_ticket_set_closed_at          (LtTicket       *self,
                                                 GDateTime      *closed_at);
guint          lt_ticket_get_escalation_level   (LtTicket       *self);
void           lt_ticket_set_escalation_level   (LtTicket       *self,
                                                 guint           escalation_level);
const char    *lt_ticket_get_product_version    (LtTicket       *self);
void           lt_ticket_set_product_version    (LtTicket       *self,
                                                 const char     *product_version);
const char    *lt_ticket_get_installation       (LtTicket       *self);
void           lt_ticket_set_installation       (LtTicket       *self,
                                                 const char     *installation);
const char    *lt_ticket_get_contact            (LtTicket       *self);
void           lt_ticket_set_contact            (LtTicket       *self,
                                                 const char     *contact);
gboolean       lt_ticket_get_break_fix          (LtTicket       *self);
void           lt_ticket_set_break_fix          (LtTicket       *self,
                                                 gboolean        break_fix);
gboolean       lt_ticket_get_security_incident  (LtTicket       *self);
void           lt_ticket_set_security_incident  (LtTicket       *self,
                                                 gboolean        security_incident);
const char * const *lt_ticket_get_known_issue_ids (LtTicket     *self);
void           lt_ticket_set_known_issue_ids    (LtTicket       *self,
                                                 const char * const *known_issue_ids);

/* Events (comments, state changes, escalations, attachments), oldest
 * first. The list model is created on first use. */
GListModel    *lt_ticket_get_events             (LtTicket       *self);
void           lt_ticket_add_event              (LtTicket       *self,
                                                 LtTicketEvent  *event);
void           lt_ticket_set_events             (LtTicket       *self,
                                                 LtTicketEvent * const *events,
                                                 guint           n_events);

/* Derived values: each calls the rules; see docs/models.md. */
GDateTime     *lt_ticket_dup_response_due       (LtTicket       *self,
                                                 LtPolicy       *policy,
                                                 LtTier          tier);
LtSlaState     lt_ticket_get_sla_state          (LtTicket       *self,
                                                 LtPolicy       *policy,
                                                 LtTier          tier,
                                                 GDateTime      *now);
gboolean       lt_ticket_get_remaining_business_seconds (LtTicket  *self,
                                                         LtPolicy  *policy,
                                                         LtTier     tier,
                                                         GDateTime *now,
                                                         gint64    *remaining);
GDateTime     *lt_ticket_dup_auto_close_due     (LtTicket       *self,
                                                 LtPolicy       *policy,
                                                 LtCloseReason  *reason);
GDateTime     *lt_ticket_dup_reopen_until       (LtTicket       *self,
                                                 LtPolicy       *policy);
gboolean       lt_ticket_can_reopen             (LtTicket       *self,
                                                 LtPolicy       *policy,
                                                 GDateTime      *now);
LtCustomerAction lt_ticket_get_customer_actions (LtTicket       *self,
                                                 LtPolicy       *policy,
                                                 GDateTime      *now);
const LtEscalationLevel *lt_ticket_get_next_escalation (LtTicket  *self,
                                                        LtPolicy  *policy,
                                                        GError   **error);
gboolean       lt_ticket_is_escalation_suggested (LtTicket      *self,
                                                  LtPolicy      *policy,
                                                  LtTier         tier,
                                                  GDateTime     *now);
gboolean       lt_ticket_shows_critical_phone   (LtTicket       *self);
/* Why a closed ticket was closed, in words: the close reason's label and,
 * for §12 (fixed-in-current), each known issue the ticket names with the
 * release that fixes it and the upgrade to make. NULL when the ticket is
 * not closed. @catalog may be NULL (the label alone). */
char          *lt_ticket_dup_close_explanation  (LtTicket          *self,
                                                 LtReleaseCatalog  *catalog);

G_END_DECLS
