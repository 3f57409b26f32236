/* lt-portal-json.h: the portal's JSON and the models of src/core
 *
 * Readers turn a node of a portal response into a model; writers turn a
 * model into the JSON the portal speaks (request bodies, and the response
 * forms, which the reference portal and the tests use).
 *
 * Reading is strict about what it uses and lenient about the rest: every
 * member of the contract (data/portal-api.yaml) that a model holds must be
 * present with its type, null only where the contract allows it (a
 * missing member, a wrong type, an unknown enum value or a malformed time
 * is LT_ERROR_INVALID_DATA whose message starts with the JSON path,
 * "$.items[3].opened_at: …"), while members the app does not know are
 * ignored, so that the portal can add fields without breaking clients that
 * are already installed. (The policy and the release catalog are our own
 * documents and refuse unknown keys; see lt-policy.h.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lt-account.h"
#include "lt-change-notice.h"
#include "lt-maintenance-window.h"
#include "lt-ticket.h"
#include "lt-ticket-event.h"

G_BEGIN_DECLS

/**
 * LtPortalPage:
 * @items: (element-type GObject): the models of this page, in the
 *   portal's order
 * @next_cursor: (nullable): the cursor of the next page; %NULL on the last
 * @newest_updated_at: (nullable): the latest "updated_at" of the items, in
 *   UTC; %NULL for an empty page. The next incremental sync asks for
 *   ?updated_since= this (inclusive, so the item at the boundary comes
 *   again rather than being lost). Read from the JSON because not every
 *   model keeps its updated_at.
 * @events_included: a ticket page whose items carry their events, read as
 *   GET /tickets/{id}'s are (the portal said "events_included": true);
 *   %FALSE for every other page
 *
 * One page of a paginated list: {"items": […], "next_cursor": "…" | null}.
 */
typedef struct
{
  GPtrArray *items;
  char      *next_cursor;
  GDateTime *newest_updated_at;
  gboolean   events_included;
} LtPortalPage;

#define LT_TYPE_PORTAL_PAGE (lt_portal_page_get_type ())
GType         lt_portal_page_get_type (void) G_GNUC_CONST;
LtPortalPage *lt_portal_page_copy     (const LtPortalPage *self);
void          lt_portal_page_free     (LtPortalPage       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtPortalPage, lt_portal_page_free)

/* Reads the value @node found at @path (e.g. "$.items[3]") into a new
 * object; NULL with LT_ERROR_INVALID_DATA naming the bad field. */
typedef gpointer (*LtPortalJsonReadFunc) (JsonNode    *node,
                                          const char  *path,
                                          GError     **error);

LtAccount           *lt_portal_json_read_account            (JsonNode    *node,
                                                             const char  *path,
                                                             GError     **error);
LtMaintenanceWindow *lt_portal_json_read_maintenance_window (JsonNode    *node,
                                                             const char  *path,
                                                             GError     **error);
/* A ticket; its events too when the object has "events". */
LtTicket            *lt_portal_json_read_ticket             (JsonNode    *node,
                                                             const char  *path,
                                                             GError     **error);
/* A ticket whose "events" are required (GET /tickets/{id}, actions). */
LtTicket            *lt_portal_json_read_ticket_with_events (JsonNode    *node,
                                                             const char  *path,
                                                             GError     **error);
LtTicketEvent       *lt_portal_json_read_ticket_event       (JsonNode    *node,
                                                             const char  *path,
                                                             GError     **error);
LtChangeNotice      *lt_portal_json_read_change_notice      (JsonNode    *node,
                                                             const char  *path,
                                                             GError     **error);

/* {"items": [...], "next_cursor": "…" | null}, each item read with
 * @read_item at "$.items[i]"; every item must have an "updated_at". */
LtPortalPage        *lt_portal_json_read_page               (JsonNode            *root,
                                                             LtPortalJsonReadFunc read_item,
                                                             GError             **error);

/* A page of GET /tickets: with "events_included": true every item's
 * "events" are required (lt_portal_json_read_ticket_with_events()), else
 * the items are read as a list's (a portal that predates ?include=events
 * leaves the member out). */
LtPortalPage        *lt_portal_json_read_ticket_page        (JsonNode    *root,
                                                             GError     **error);

/* The error body {"error": {"code": "…", "message": "…"}}. Lenient: an
 * error response may come from a proxy in front of the portal, so FALSE
 * (and NULLs) for anything else, never an error. */
gboolean             lt_portal_json_read_error              (JsonNode    *root,
                                                             char       **code,
                                                             char       **message);

/* Request bodies (POST /tickets, POST /change-notices); unset optional
 * fields are left out. @feature_criteria: (nullable) the §15 text per
 * criterion id of a feature request; @references_ticket: (nullable) the
 * closed ticket a new one follows up (R5). */
JsonNode            *lt_portal_json_write_ticket_request    (LtTicket        *ticket,
                                                             JsonObject      *feature_criteria,
                                                             gboolean         scope_acknowledged,
                                                             const char      *references_ticket);
JsonNode            *lt_portal_json_write_change_notice_request (LtChangeNotice *notice);

/* A ticket in the portal's form, the inverse of its reader: what GET
 * /tickets/{id} returns (`ltsupport ticket show --json` prints it). The
 * other answers are only read; tests write them with
 * tests/lt-test-portal-json.h. */
JsonNode            *lt_portal_json_write_ticket            (LtTicket            *ticket,
                                                             gboolean             with_events);
JsonNode            *lt_portal_json_write_ticket_event      (LtTicketEvent       *event);

G_END_DECLS
