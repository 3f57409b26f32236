/* lt-portal-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-portal-json"

#include "config.h"

#include "lt-portal-json.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-json.h"

#include <glib/gi18n-lib.h>

/* ---------------------------------------------------------------- page */

static LtPortalPage *
page_new (void)
{
  LtPortalPage *page = g_new0 (LtPortalPage, 1);

  page->items = g_ptr_array_new_with_free_func (g_object_unref);
  return page;
}

LtPortalPage *
lt_portal_page_copy (const LtPortalPage *self)
{
  LtPortalPage *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = page_new ();
  for (guint i = 0; i < self->items->len; i++)
    g_ptr_array_add (copy->items, g_object_ref (g_ptr_array_index (self->items, i)));
  copy->next_cursor = g_strdup (self->next_cursor);
  copy->newest_updated_at = self->newest_updated_at ? g_date_time_ref (self->newest_updated_at) : NULL;
  copy->events_included = self->events_included;
  return copy;
}

void
lt_portal_page_free (LtPortalPage *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->items);
  g_free (self->next_cursor);
  g_clear_pointer (&self->newest_updated_at, g_date_time_unref);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (LtPortalPage, lt_portal_page, lt_portal_page_copy, lt_portal_page_free)

/* ------------------------------------------------------------- reading */

/* The contract lists every member of a response as always present, with
 * null where a value does not apply: a missing member is a broken answer,
 * not "unknown" (LT_JSON_REQUIRED or LT_JSON_NULLABLE); members the app
 * does not know are ignored. The typed readers are lt-json.h's. */

/* An identifier: a string that is not empty, since an empty id would make
 * every later request about the object go to the collection instead. */
static gboolean
read_id (JsonObject   *object,
         const char   *path,
         const char   *key,
         const char  **out,
         GError      **error)
{
  if (!lt_json_read_string (object, path, key, LT_JSON_REQUIRED, out, error))
    return FALSE;
  if (**out == '\0')
    {
      g_autofree char *at = lt_json_member_path (path, key);

      lt_json_set_path_error (error, at, _("must not be empty"));
      return FALSE;
    }
  return TRUE;
}

/* Another object's id, or null: not empty when given (read_id()). The
 * contract lists the member on every answer; a portal older than it that
 * leaves it out is read as null, so notices still sync from it. */
static gboolean
read_optional_id (JsonObject   *object,
                  const char   *path,
                  const char   *key,
                  const char  **out,
                  GError      **error)
{
  if (!lt_json_read_string (object, path, key, LT_JSON_OPTIONAL, out, error))
    return FALSE;
  if (*out != NULL && **out == '\0')
    {
      g_autofree char *at = lt_json_member_path (path, key);

      lt_json_set_path_error (error, at, _("must not be empty"));
      return FALSE;
    }
  return TRUE;
}

/* The vendor's text with a change notice's review: null (or absent, from
 * a portal older than the member) when none, at most the contract's
 * LT_CHANGE_NOTICE_MAX_REVIEW_TEXT characters; "" reads as none. Control
 * characters are kept as sent and escaped where the text is shown
 * (lt_text_dup_displayable()), like every other text of an answer. */
static gboolean
read_review_text (JsonObject   *object,
                  const char   *path,
                  const char  **out,
                  GError      **error)
{
  glong n_chars;

  if (!lt_json_read_string (object, path, "review_text", LT_JSON_OPTIONAL, out, error))
    return FALSE;
  if (*out == NULL)
    return TRUE;
  n_chars = g_utf8_strlen (*out, -1);
  if (n_chars > LT_CHANGE_NOTICE_MAX_REVIEW_TEXT)
    {
      g_autofree char *at = lt_json_member_path (path, "review_text");

      lt_json_set_path_error (error, at, _("is too long (%ld characters; at most %u)"),
                              n_chars, (guint) LT_CHANGE_NOTICE_MAX_REVIEW_TEXT);
      *out = NULL;
      return FALSE;
    }
  if (**out == '\0')
    *out = NULL;
  return TRUE;
}

/* An invoice amount: decimal text ("1250.00", "-20.5"). A JSON number is
 * refused, because json-glib has already turned it into a double and the
 * text the portal meant ("1250.00" vs "1250") is gone. */
static gboolean
read_amount (JsonObject   *object,
             const char   *path,
             const char   *key,
             const char  **out,
             GError      **error)
{
  JsonNode *node;
  const char *p;
  gboolean digits = FALSE;

  *out = NULL;
  if (!lt_json_get_member (object, path, key, LT_JSON_REQUIRED, &node, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *at = lt_json_member_path (path, key);
      g_autofree char *found = lt_json_describe_node (node);

      lt_json_set_path_error (error, at, _("expected the amount as decimal text "
                                           "(e.g. \"1250.00\"), found %s"),
                              found);
      return FALSE;
    }

  p = json_node_get_string (node);
  if (*p == '-')
    p++;
  while (g_ascii_isdigit (*p))
    p++, digits = TRUE;
  if (digits && *p == '.')
    {
      p++;
      digits = FALSE;
      while (g_ascii_isdigit (*p))
        p++, digits = TRUE;
    }
  if (!digits || *p != '\0')
    {
      g_autofree char *at = lt_json_member_path (path, key);

      lt_json_set_path_error (error, at, _("“%s” is not a decimal amount (e.g. \"1250.00\")"),
                              json_node_get_string (node));
      return FALSE;
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_currency (JsonObject   *object,
               const char   *path,
               const char   *key,
               const char  **out,
               GError      **error)
{
  if (!lt_json_read_string (object, path, key, LT_JSON_REQUIRED, out, error))
    return FALSE;

  if (strlen (*out) != 3 ||
      !g_ascii_isupper ((*out)[0]) || !g_ascii_isupper ((*out)[1]) || !g_ascii_isupper ((*out)[2]))
    {
      g_autofree char *at = lt_json_member_path (path, key);

      lt_json_set_path_error (error, at, _("“%s” is not an ISO 4217 currency code (e.g. \"USD\")"),
                              *out);
      return FALSE;
    }
  return TRUE;
}

static LtContact *
read_contact (JsonObject  *object,
              const char  *path,
              const char  *key,
              gboolean    *ok,
              GError     **error)
{
  g_autofree char *at = lt_json_member_path (path, key);
  JsonNode *node;
  JsonObject *contact;
  const char *name, *email, *phone;

  *ok = FALSE;
  if (!lt_json_get_member (object, path, key, LT_JSON_NULLABLE, &node, error))
    return NULL;
  if (node == NULL)
    {
      *ok = TRUE;
      return NULL;
    }
  if (!(contact = lt_json_node_get_object (node, at, NULL, error)))
    return NULL;

  if (!lt_json_read_string (contact, at, "name", LT_JSON_REQUIRED, &name, error) ||
      !lt_json_read_string (contact, at, "email", LT_JSON_REQUIRED, &email, error) ||
      !lt_json_read_string (contact, at, "phone", LT_JSON_REQUIRED, &phone, error))
    return NULL;

  *ok = TRUE;
  return lt_contact_new (name, email, phone);
}

static LtInvoice *
read_invoice (JsonNode    *node,
              const char  *path,
              GError     **error)
{
  JsonObject *object;
  const char *id, *amount, *currency;
  gboolean paid, present;
  GDate issued;

  if (!(object = lt_json_node_get_object (node, path, NULL, error)))
    return NULL;

  if (!read_id (object, path, "id", &id, error) ||
      !lt_json_read_date (object, path, "issued", LT_JSON_REQUIRED, &issued, &present, error) ||
      !read_amount (object, path, "amount", &amount, error) ||
      !read_currency (object, path, "currency", &currency, error) ||
      !lt_json_read_boolean (object, path, "paid", LT_JSON_REQUIRED, &paid, error))
    return NULL;

  return lt_invoice_new (id, &issued, amount, currency, paid);
}

/**
 * lt_portal_json_read_account:
 * @node: the GET /account body
 * @path: the JSON path of @node, "$" for a whole document
 * @error: %LT_ERROR_INVALID_DATA naming the bad field
 *
 * Returns: (transfer full) (nullable): the account
 */
LtAccount *
lt_portal_json_read_account (JsonNode    *node,
                             const char  *path,
                             GError     **error)
{
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(LtContact) contact = NULL;
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
  g_autofree char *invoices_path = NULL;
  JsonObject *object;
  JsonArray *array;
  const char *customer_name, *csm_email;
  int tier;
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(object = lt_json_node_get_object (node, path, NULL, error)))
    return NULL;

  if (!lt_json_read_string (object, path, "customer_name", LT_JSON_REQUIRED, &customer_name,
                            error) ||
      !lt_json_read_enum (object, path, "tier", LT_JSON_REQUIRED, LT_TYPE_TIER, 0, &tier, error))
    return NULL;
  contact = read_contact (object, path, "primary_contact", &ok, error);
  if (!ok)
    return NULL;
  if (!lt_json_read_string (object, path, "csm_email", LT_JSON_NULLABLE, &csm_email, error) ||
      !lt_json_read_array (object, path, "invoices", LT_JSON_REQUIRED, 0, &array, NULL, error))
    return NULL;

  invoices_path = lt_json_member_path (path, "invoices");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *at = lt_json_element_path (invoices_path, i);
      LtInvoice *invoice = read_invoice (json_array_get_element (array, i), at, error);

      if (invoice == NULL)
        return NULL;
      g_ptr_array_add (invoices, invoice);
    }

  account = lt_account_new ();
  lt_account_set_customer_name (account, customer_name);
  lt_account_set_tier (account, tier);
  lt_account_set_primary_contact (account, contact);
  lt_account_set_csm_email (account, csm_email);
  lt_account_set_invoices (account, invoices);
  return g_steal_pointer (&account);
}

/**
 * lt_portal_json_read_maintenance_window:
 * @node: one element of GET /maintenance-windows
 * @path: its JSON path
 * @error: %LT_ERROR_INVALID_DATA naming the bad field
 *
 * Returns: (transfer full) (nullable): the window
 */
LtMaintenanceWindow *
lt_portal_json_read_maintenance_window (JsonNode    *node,
                                        const char  *path,
                                        GError     **error)
{
  g_autoptr(LtMaintenanceWindow) window = NULL;
  g_autoptr(GDateTime) starts_at = NULL;
  g_autoptr(GDateTime) ends_at = NULL;
  g_autoptr(GDateTime) announced_at = NULL;
  JsonObject *object;
  const char *id, *title, *description;
  int kind, affects;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(object = lt_json_node_get_object (node, path, NULL, error)))
    return NULL;

  if (!read_id (object, path, "id", &id, error) ||
      !lt_json_read_enum (object, path, "kind", LT_JSON_REQUIRED, LT_TYPE_MAINTENANCE_KIND, 0,
                          &kind, error) ||
      !lt_json_read_string (object, path, "title", LT_JSON_REQUIRED, &title, error) ||
      !lt_json_read_string (object, path, "description", LT_JSON_REQUIRED, &description, error) ||
      !lt_json_read_instant (object, path, "starts_at", LT_JSON_REQUIRED, &starts_at, error) ||
      !lt_json_read_instant (object, path, "ends_at", LT_JSON_REQUIRED, &ends_at, error) ||
      !lt_json_read_instant (object, path, "announced_at", LT_JSON_REQUIRED, &announced_at,
                             error) ||
      !lt_json_read_enum (object, path, "affects", LT_JSON_REQUIRED, LT_TYPE_MAINTENANCE_AFFECTS,
                          LT_MAINTENANCE_AFFECTS_BOTH, &affects, error))
    return NULL;

  if (g_date_time_compare (ends_at, starts_at) < 0)
    {
      g_autofree char *at = lt_json_member_path (path, "ends_at");

      lt_json_set_path_error (error, at, _("the window ends before it starts"));
      return NULL;
    }

  window = lt_maintenance_window_new ();
  lt_maintenance_window_set_id (window, id);
  lt_maintenance_window_set_kind (window, kind);
  lt_maintenance_window_set_title (window, title);
  lt_maintenance_window_set_description (window, description);
  lt_maintenance_window_set_starts_at (window, starts_at);
  lt_maintenance_window_set_ends_at (window, ends_at);
  lt_maintenance_window_set_announced_at (window, announced_at);
  lt_maintenance_window_set_affects (window, affects);
  return g_steal_pointer (&window);
}

/* The portal reports the states of tickets it has; draft and queued exist
 * only on this machine. */
static gboolean
read_portal_ticket_state (JsonObject  *object,
                          const char  *path,
                          const char  *key,
                          LtJsonNeed         need,
                          int          fallback,
                          int         *out,
                          GError     **error)
{
  if (!lt_json_read_enum (object, path, key, need, LT_TYPE_TICKET_STATE, fallback, out, error))
    return FALSE;

  if (json_object_get_member (object, key) != NULL &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, key)) &&
      (*out == LT_TICKET_STATE_DRAFT || *out == LT_TICKET_STATE_QUEUED))
    {
      g_autofree char *at = lt_json_member_path (path, key);

      lt_json_set_path_error (error, at, _("“%s” is a state only this app uses; "
                                           "the portal cannot report it"),
                              lt_enum_to_nick (LT_TYPE_TICKET_STATE, *out));
      return FALSE;
    }
  return TRUE;
}

/**
 * lt_portal_json_read_ticket_event:
 * @node: one element of a ticket's "events"
 * @path: its JSON path
 * @error: %LT_ERROR_INVALID_DATA naming the bad field
 *
 * Every event has kind, at, author, body ("" when there is none),
 * from_state, to_state, level and attachment. What each kind needs on top:
 * a state change a "to_state"; an escalation a "level" of 1 to 3; an
 * attachment its "attachment" object (name, size).
 *
 * Returns: (transfer full) (nullable): the event
 */
LtTicketEvent *
lt_portal_json_read_ticket_event (JsonNode    *node,
                                  const char  *path,
                                  GError     **error)
{
  g_autoptr(LtTicketEvent) event = NULL;
  g_autoptr(GDateTime) at = NULL;
  JsonObject *object;
  JsonNode *attachment_node;
  const char *id, *author, *body;
  int kind, from_state, to_state;
  gint64 level;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(object = lt_json_node_get_object (node, path, NULL, error)))
    return NULL;

  /* The id tells one of LockThreat's answers from another: the deadline
   * engine keys its "LockThreat answered" alerts by it. */
  if (!read_id (object, path, "id", &id, error) ||
      !lt_json_read_enum (object, path, "kind", LT_JSON_REQUIRED, LT_TYPE_TICKET_EVENT_KIND, 0,
                          &kind, error) ||
      !lt_json_read_instant (object, path, "at", LT_JSON_REQUIRED, &at, error) ||
      !lt_json_read_string (object, path, "author", LT_JSON_REQUIRED, &author, error) ||
      !lt_json_read_string (object, path, "body", LT_JSON_REQUIRED, &body, error) ||
      !read_portal_ticket_state (object, path, "from_state", LT_JSON_NULLABLE,
                                 LT_TICKET_STATE_DRAFT, &from_state, error) ||
      !read_portal_ticket_state (object, path, "to_state",
                                 kind == LT_TICKET_EVENT_KIND_STATE_CHANGE ? LT_JSON_REQUIRED : LT_JSON_NULLABLE,
                                 LT_TICKET_STATE_DRAFT, &to_state, error) ||
      !lt_json_read_int (object, path, "level", LT_JSON_REQUIRED,
                         kind == LT_TICKET_EVENT_KIND_ESCALATION ? 1 : 0,
                         LT_TICKET_MAX_ESCALATION_LEVEL, &level, NULL, error) ||
      !lt_json_get_member (object, path, "attachment",
                           kind == LT_TICKET_EVENT_KIND_ATTACHMENT ? LT_JSON_REQUIRED : LT_JSON_NULLABLE,
                           &attachment_node, error))
    return NULL;

  event = lt_ticket_event_new (kind, at);
  lt_ticket_event_set_id (event, id);
  lt_ticket_event_set_author (event, author);
  if (*body != '\0')
    lt_ticket_event_set_body (event, body);
  lt_ticket_event_set_from_state (event, from_state);
  lt_ticket_event_set_to_state (event, to_state);
  lt_ticket_event_set_level (event, level);

  if (attachment_node != NULL)
    {
      g_autofree char *attachment_path = lt_json_member_path (path, "attachment");
      JsonObject *attachment = lt_json_node_get_object (attachment_node, attachment_path, NULL,
                                                        error);
      const char *name;
      gint64 size;

      if (attachment == NULL ||
          !lt_json_read_string (attachment, attachment_path, "name", LT_JSON_REQUIRED, &name,
                                error) ||
          !lt_json_read_int (attachment, attachment_path, "size", LT_JSON_REQUIRED, 0, G_MAXINT64,
                             &size, NULL, error))
        return NULL;
      lt_ticket_event_set_attachment_name (event, name);
      lt_ticket_event_set_attachment_size (event, size);
    }

  return g_steal_pointer (&event);
}

static LtTicket *
read_ticket (JsonNode    *node,
             const char  *path,
             LtJsonNeed         need_events,
             GError     **error)
{
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(GDateTime) opened_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  g_autoptr(GDateTime) first_response_at = NULL;
  g_autoptr(GDateTime) response_due = NULL;
  g_autoptr(GDateTime) awaiting_since = NULL;
  g_autoptr(GDateTime) resolved_at = NULL;
  g_autoptr(GDateTime) closed_at = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) known_issue_ids = NULL;
  g_autofree char *events_path = NULL;
  JsonObject *object;
  JsonArray *array;
  const char *id, *title, *description, *category, *product_version, *installation, *contact;
  int severity, state, close_reason;
  gint64 escalation_level;
  gboolean break_fix, security_incident;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(object = lt_json_node_get_object (node, path, NULL, error)))
    return NULL;

  if (!read_id (object, path, "id", &id, error) ||
      !lt_json_read_string (object, path, "title", LT_JSON_REQUIRED, &title, error) ||
      !lt_json_read_string (object, path, "description", LT_JSON_REQUIRED, &description, error) ||
      !lt_json_read_enum (object, path, "severity", LT_JSON_REQUIRED, LT_TYPE_SEVERITY, 0,
                          &severity, error) ||
      !lt_json_read_string (object, path, "category", LT_JSON_REQUIRED, &category, error) ||
      !lt_json_read_boolean (object, path, "break_fix", LT_JSON_REQUIRED, &break_fix, error) ||
      !lt_json_read_boolean (object, path, "security_incident", LT_JSON_REQUIRED,
                             &security_incident, error) ||
      !read_portal_ticket_state (object, path, "state", LT_JSON_REQUIRED, 0, &state, error) ||
      !lt_json_read_enum (object, path, "close_reason", LT_JSON_REQUIRED, LT_TYPE_CLOSE_REASON,
                          LT_CLOSE_REASON_NONE, &close_reason, error) ||
      !lt_json_read_instant (object, path, "opened_at", LT_JSON_REQUIRED, &opened_at, error) ||
      !lt_json_read_instant (object, path, "updated_at", LT_JSON_REQUIRED, &updated_at, error) ||
      !lt_json_read_instant (object, path, "first_response_at", LT_JSON_NULLABLE,
                             &first_response_at, error) ||
      !lt_json_read_instant (object, path, "response_due", LT_JSON_NULLABLE, &response_due,
                             error) ||
      !lt_json_read_instant (object, path, "awaiting_since", LT_JSON_NULLABLE, &awaiting_since,
                             error) ||
      !lt_json_read_instant (object, path, "resolved_at", LT_JSON_NULLABLE, &resolved_at, error) ||
      !lt_json_read_instant (object, path, "closed_at", LT_JSON_NULLABLE, &closed_at, error) ||
      !lt_json_read_int (object, path, "escalation_level", LT_JSON_REQUIRED, 0,
                         LT_TICKET_MAX_ESCALATION_LEVEL, &escalation_level, NULL, error) ||
      !lt_json_read_string (object, path, "product_version", LT_JSON_NULLABLE, &product_version,
                            error) ||
      !lt_json_read_string (object, path, "installation", LT_JSON_NULLABLE, &installation, error) ||
      !lt_json_read_string (object, path, "contact", LT_JSON_NULLABLE, &contact, error) ||
      !lt_json_read_strv (object, path, "known_issue_ids", LT_JSON_REQUIRED, &known_issue_ids,
                          error) ||
      !lt_json_read_array (object, path, "events", need_events, 0, &array, NULL, error))
    return NULL;

  events_path = lt_json_member_path (path, "events");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autofree char *at = lt_json_element_path (events_path, i);
      LtTicketEvent *event = lt_portal_json_read_ticket_event (json_array_get_element (array, i),
                                                               at, error);

      if (event == NULL)
        return NULL;
      g_ptr_array_add (events, event);
    }

  ticket = lt_ticket_new ();
  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, title);
  lt_ticket_set_description (ticket, description);
  lt_ticket_set_severity (ticket, severity);
  lt_ticket_set_category (ticket, *category != '\0' ? category : NULL);
  lt_ticket_set_state (ticket, state);
  lt_ticket_set_close_reason (ticket, close_reason);
  lt_ticket_set_opened_at (ticket, opened_at);
  lt_ticket_set_updated_at (ticket, updated_at);
  lt_ticket_set_first_response_at (ticket, first_response_at);
  lt_ticket_set_response_due (ticket, response_due);
  lt_ticket_set_awaiting_since (ticket, awaiting_since);
  lt_ticket_set_resolved_at (ticket, resolved_at);
  lt_ticket_set_closed_at (ticket, closed_at);
  lt_ticket_set_escalation_level (ticket, escalation_level);
  lt_ticket_set_product_version (ticket, product_version);
  lt_ticket_set_installation (ticket, installation);
  lt_ticket_set_contact (ticket, contact);
  lt_ticket_set_break_fix (ticket, break_fix);
  lt_ticket_set_security_incident (ticket, security_incident);
  lt_ticket_set_known_issue_ids (ticket, (const char * const *) known_issue_ids);
  if (events->len > 0)
    lt_ticket_set_events (ticket, (LtTicketEvent * const *) events->pdata, events->len);
  return g_steal_pointer (&ticket);
}

/**
 * lt_portal_json_read_ticket:
 * @node: a ticket of GET /tickets
 * @path: its JSON path
 * @error: %LT_ERROR_INVALID_DATA naming the bad field
 *
 * Every member of the contract's Ticket that the model holds is required
 * (nullable instants and strings may be null). "events" is read when
 * present; lists leave it out.
 *
 * Returns: (transfer full) (nullable): the ticket
 */
LtTicket *
lt_portal_json_read_ticket (JsonNode    *node,
                            const char  *path,
                            GError     **error)
{
  return read_ticket (node, path, LT_JSON_OPTIONAL, error);
}

/**
 * lt_portal_json_read_ticket_with_events:
 * @node: GET /tickets/{id}, or the answer to a ticket action
 * @path: its JSON path
 * @error: %LT_ERROR_INVALID_DATA naming the bad field
 *
 * The same as lt_portal_json_read_ticket() with "events" required: a
 * ticket that came without them would wipe the history the app holds.
 *
 * Returns: (transfer full) (nullable): the ticket with its events
 */
LtTicket *
lt_portal_json_read_ticket_with_events (JsonNode    *node,
                                        const char  *path,
                                        GError     **error)
{
  return read_ticket (node, path, LT_JSON_REQUIRED, error);
}

/**
 * lt_portal_json_read_change_notice:
 * @node: a change notice object
 * @path: its JSON path
 * @error: %LT_ERROR_INVALID_DATA naming the bad field
 *
 * Every member of the contract's ChangeNotice that the model holds is
 * required; "queued" is refused: it is a local state.
 *
 * Returns: (transfer full) (nullable): the notice
 */
LtChangeNotice *
lt_portal_json_read_change_notice (JsonNode    *node,
                                   const char  *path,
                                   GError     **error)
{
  g_autoptr(LtChangeNotice) notice = NULL;
  g_autoptr(GDateTime) planned_start = NULL;
  g_autoptr(GDateTime) planned_end = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  g_auto(GStrv) systems = NULL;
  JsonObject *object;
  const char *id, *title, *description, *rollback_plan;
  const char *review_text, *replaces, *replaced_by;
  int kind, risk, state, review_outcome;
  gboolean late;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(object = lt_json_node_get_object (node, path, NULL, error)))
    return NULL;

  if (!read_id (object, path, "id", &id, error) ||
      !lt_json_read_enum (object, path, "kind", LT_JSON_REQUIRED, LT_TYPE_CHANGE_KIND, 0, &kind,
                          error) ||
      !lt_json_read_string (object, path, "title", LT_JSON_REQUIRED, &title, error) ||
      !lt_json_read_string (object, path, "description", LT_JSON_REQUIRED, &description, error) ||
      !lt_json_read_strv (object, path, "systems", LT_JSON_REQUIRED, &systems, error) ||
      !lt_json_read_instant (object, path, "planned_start", LT_JSON_REQUIRED, &planned_start,
                             error) ||
      !lt_json_read_instant (object, path, "planned_end", LT_JSON_REQUIRED, &planned_end, error) ||
      !lt_json_read_string (object, path, "rollback_plan", LT_JSON_REQUIRED, &rollback_plan,
                            error) ||
      !lt_json_read_enum (object, path, "risk", LT_JSON_REQUIRED, LT_TYPE_RISK, LT_RISK_LOW, &risk,
                          error) ||
      !lt_json_read_enum (object, path, "state", LT_JSON_REQUIRED, LT_TYPE_CHANGE_STATE, 0, &state,
                          error) ||
      !lt_json_read_enum (object, path, "review_outcome", LT_JSON_REQUIRED, LT_TYPE_REVIEW_OUTCOME,
                          LT_REVIEW_OUTCOME_NONE, &review_outcome, error) ||
      !lt_json_read_boolean (object, path, "late", LT_JSON_REQUIRED, &late, error) ||
      !lt_json_read_instant (object, path, "updated_at", LT_JSON_REQUIRED, &updated_at, error) ||
      !read_review_text (object, path, &review_text, error) ||
      !read_optional_id (object, path, "replaces", &replaces, error) ||
      !read_optional_id (object, path, "replaced_by", &replaced_by, error))
    return NULL;

  if (state == LT_CHANGE_STATE_QUEUED || state == LT_CHANGE_STATE_DRAFT)
    {
      g_autofree char *at = lt_json_member_path (path, "state");

      lt_json_set_path_error (error, at, _("“%s” is a state only this app uses; "
                                           "the portal cannot report it"),
                              lt_enum_to_nick (LT_TYPE_CHANGE_STATE, state));
      return NULL;
    }
  if (g_date_time_compare (planned_end, planned_start) < 0)
    {
      g_autofree char *at = lt_json_member_path (path, "planned_end");

      lt_json_set_path_error (error, at, _("the change ends before it starts"));
      return NULL;
    }

  notice = lt_change_notice_new ();
  lt_change_notice_set_id (notice, id);
  lt_change_notice_set_kind (notice, kind);
  lt_change_notice_set_title (notice, title);
  lt_change_notice_set_description (notice, description);
  lt_change_notice_set_systems (notice, (const char * const *) systems);
  lt_change_notice_set_planned_start (notice, planned_start);
  lt_change_notice_set_planned_end (notice, planned_end);
  lt_change_notice_set_rollback_plan (notice, rollback_plan);
  lt_change_notice_set_risk (notice, risk);
  lt_change_notice_set_state (notice, state);
  lt_change_notice_set_review_outcome (notice, review_outcome);
  lt_change_notice_set_late (notice, late);
  lt_change_notice_set_updated_at (notice, updated_at);
  lt_change_notice_set_review_text (notice, review_text);
  lt_change_notice_set_replaces (notice, replaces);
  lt_change_notice_set_replaced_by (notice, replaced_by);
  return g_steal_pointer (&notice);
}

/**
 * lt_portal_json_read_page:
 * @root: a list response
 * @read_item: reads one element of "items"
 * @error: %LT_ERROR_INVALID_DATA naming the bad field
 *
 * "next_cursor" is null on the last page; an empty string is refused,
 * since sending it back would ask for the first page again.
 *
 * Returns: (transfer full) (nullable): the page
 */
LtPortalPage *
lt_portal_json_read_page (JsonNode             *root,
                          LtPortalJsonReadFunc  read_item,
                          GError              **error)
{
  g_autoptr(LtPortalPage) page = NULL;
  JsonObject *object;
  JsonArray *array;
  const char *next_cursor;

  g_return_val_if_fail (read_item != NULL, NULL);

  if (!(object = lt_json_node_get_object (root, "$", NULL, error)))
    return NULL;

  if (!lt_json_read_array (object, "$", "items", LT_JSON_REQUIRED, 0, &array, NULL, error) ||
      !lt_json_read_string (object, "$", "next_cursor", LT_JSON_NULLABLE, &next_cursor, error))
    return NULL;

  if (next_cursor != NULL && *next_cursor == '\0')
    {
      lt_json_set_path_error (error, "$.next_cursor",
                              _("must not be empty (null marks the last page)"));
      return NULL;
    }

  page = page_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *at = g_strdup_printf ("$.items[%u]", i);
      JsonNode *element = json_array_get_element (array, i);
      gpointer item = read_item (element, at, error);
      g_autoptr(GDateTime) updated_at = NULL;

      if (item == NULL)
        return NULL;
      g_ptr_array_add (page->items, item);

      /* read_item() has checked that the element is an object. */
      if (!lt_json_read_instant (json_node_get_object (element), at, "updated_at", LT_JSON_REQUIRED,
                                 &updated_at, error))
        return NULL;
      if (page->newest_updated_at == NULL ||
          g_date_time_compare (updated_at, page->newest_updated_at) > 0)
        {
          g_clear_pointer (&page->newest_updated_at, g_date_time_unref);
          page->newest_updated_at = g_steal_pointer (&updated_at);
        }
    }
  page->next_cursor = g_strdup (next_cursor);
  return g_steal_pointer (&page);
}

/**
 * lt_portal_json_read_ticket_page:
 * @root: an answer of GET /tickets
 * @error: %LT_ERROR_INVALID_DATA naming the bad field
 *
 * "events_included" (optional: a portal before ?include=events does not
 * send it) decides how the items are read: true requires every item's
 * "events", so a page that claims them and leaves one out is refused
 * rather than wiping that ticket's history; the events are read and
 * bounded by the same reader as GET /tickets/{id}'s.
 *
 * Returns: (transfer full) (nullable): the page
 */
LtPortalPage *
lt_portal_json_read_ticket_page (JsonNode  *root,
                                 GError   **error)
{
  LtPortalJsonReadFunc read_item;
  LtPortalPage *page;
  JsonObject *object;
  gboolean events_included;

  if (!(object = lt_json_node_get_object (root, "$", NULL, error)) ||
      !lt_json_read_boolean (object, "$", "events_included", LT_JSON_OPTIONAL, &events_included,
                             error))
    return NULL;
  read_item = events_included ? (LtPortalJsonReadFunc) lt_portal_json_read_ticket_with_events
                              : (LtPortalJsonReadFunc) lt_portal_json_read_ticket;
  page = lt_portal_json_read_page (root, read_item, error);
  if (page != NULL)
    page->events_included = events_included;
  return page;
}

/**
 * lt_portal_json_read_error:
 * @root: (nullable): an error response
 * @code: (out) (transfer full) (optional): the error code, e.g.
 *   "reopen_window_closed"
 * @message: (out) (transfer full) (optional): the portal's explanation
 *
 * Returns: %TRUE when @root is {"error": {"code": "…", …}}
 */
gboolean
lt_portal_json_read_error (JsonNode  *root,
                           char     **code,
                           char     **message)
{
  JsonObject *object;
  JsonNode *inner;
  JsonNode *member;

  if (code != NULL)
    *code = NULL;
  if (message != NULL)
    *message = NULL;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  inner = json_object_get_member (object, "error");
  if (inner == NULL || !JSON_NODE_HOLDS_OBJECT (inner))
    return FALSE;
  object = json_node_get_object (inner);

  member = json_object_get_member (object, "code");
  if (member == NULL || !(JSON_NODE_HOLDS_VALUE (member) && json_node_get_value_type (member) == G_TYPE_STRING))
    return FALSE;
  if (code != NULL)
    *code = g_strdup (json_node_get_string (member));

  member = json_object_get_member (object, "message");
  if (member != NULL && JSON_NODE_HOLDS_VALUE (member) &&
      json_node_get_value_type (member) == G_TYPE_STRING && message != NULL)
    *message = g_strdup (json_node_get_string (member));

  return TRUE;
}

/* ------------------------------------------------------------- writing */

static void
set_string (JsonObject *object,
            const char *key,
            const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, key, value);
  else
    json_object_set_null_member (object, key);
}

static void
set_instant (JsonObject *object,
             const char *key,
             GDateTime  *value)
{
  if (value != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (value);
      g_autofree char *text = lt_instant_format (utc);

      json_object_set_string_member (object, key, text);
    }
  else
    json_object_set_null_member (object, key);
}

static void
set_enum (JsonObject *object,
          const char *key,
          GType       type,
          int         value)
{
  json_object_set_string_member (object, key, lt_enum_to_nick (type, value));
}

static void
set_strv (JsonObject         *object,
          const char         *key,
          const char * const *values)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, key, array);
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* Leaves out what the user did not fill in, so that the portal applies
 * its own defaults rather than a null it may refuse. */
static void
set_optional_string (JsonObject *object,
                     const char *key,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, key, value);
}

/**
 * lt_portal_json_write_ticket_request:
 * @ticket: a draft or queued ticket
 * @feature_criteria: (nullable): for a feature request, the customer's text
 *   per §15 criterion id ({"customer-impact": "…", …})
 * @scope_acknowledged: the customer acknowledged an out-of-scope category
 *   (R7)
 * @references_ticket: (nullable): the closed ticket this one follows up
 *   after its reopen window (R5)
 *
 * Returns: (transfer full): the POST /tickets body
 */
JsonNode *
lt_portal_json_write_ticket_request (LtTicket   *ticket,
                                     JsonObject *feature_criteria,
                                     gboolean    scope_acknowledged,
                                     const char *references_ticket)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);

  json_object_set_string_member (object, "title", lt_ticket_get_title (ticket) ?: "");
  json_object_set_string_member (object, "description", lt_ticket_get_description (ticket) ?: "");
  set_enum (object, "severity", LT_TYPE_SEVERITY, lt_ticket_get_severity (ticket));
  set_optional_string (object, "category", lt_ticket_get_category (ticket));
  json_object_set_boolean_member (object, "break_fix", lt_ticket_get_break_fix (ticket));
  json_object_set_boolean_member (object, "security_incident",
                                  lt_ticket_get_security_incident (ticket));
  set_optional_string (object, "product_version", lt_ticket_get_product_version (ticket));
  set_optional_string (object, "installation", lt_ticket_get_installation (ticket));
  set_optional_string (object, "contact", lt_ticket_get_contact (ticket));
  set_strv (object, "known_issue_ids", lt_ticket_get_known_issue_ids (ticket));
  if (scope_acknowledged)
    json_object_set_boolean_member (object, "scope_acknowledged", TRUE);
  if (feature_criteria != NULL)
    json_object_set_object_member (object, "feature_criteria", json_object_ref (feature_criteria));
  set_optional_string (object, "references_ticket", references_ticket);
  return object_node (object);
}

/**
 * lt_portal_json_write_change_notice_request:
 * @notice: a queued change notice
 *
 * Returns: (transfer full): the POST /change-notices body
 */
JsonNode *
lt_portal_json_write_change_notice_request (LtChangeNotice *notice)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (LT_IS_CHANGE_NOTICE (notice), NULL);

  set_enum (object, "kind", LT_TYPE_CHANGE_KIND, lt_change_notice_get_kind (notice));
  json_object_set_string_member (object, "title", lt_change_notice_get_title (notice) ?: "");
  json_object_set_string_member (object, "description",
                                 lt_change_notice_get_description (notice) ?: "");
  set_strv (object, "systems", lt_change_notice_get_systems (notice));
  /* Both times are required by the portal; without one the notice is
   * not ready to send, and the portal's 400 names the member. */
  if (lt_change_notice_get_planned_start (notice) != NULL)
    set_instant (object, "planned_start", lt_change_notice_get_planned_start (notice));
  if (lt_change_notice_get_planned_end (notice) != NULL)
    set_instant (object, "planned_end", lt_change_notice_get_planned_end (notice));
  json_object_set_string_member (object, "rollback_plan",
                                 lt_change_notice_get_rollback_plan (notice) ?: "");
  set_enum (object, "risk", LT_TYPE_RISK, lt_change_notice_get_risk (notice));
  /* A reschedule: the portal withdraws the notice named, in the same
   * request (docs/portal.md, "Rescheduling a change notice"). */
  set_optional_string (object, "replaces", lt_change_notice_get_replaces (notice));
  return object_node (object);
}

/**
 * lt_portal_json_write_ticket_event:
 * @event: an event
 *
 * Returns: (transfer full): the form of one element of "events" (without
 *   "id", which the model does not keep)
 */
JsonNode *
lt_portal_json_write_ticket_event (LtTicketEvent *event)
{
  JsonObject *object = json_object_new ();
  LtTicketEventKind kind;

  g_return_val_if_fail (LT_IS_TICKET_EVENT (event), NULL);

  kind = lt_ticket_event_get_kind (event);
  set_string (object, "id", lt_ticket_event_get_id (event));
  set_enum (object, "kind", LT_TYPE_TICKET_EVENT_KIND, kind);
  set_instant (object, "at", lt_ticket_event_get_at (event));
  json_object_set_string_member (object, "author", lt_ticket_event_get_author (event) ?: "");
  json_object_set_string_member (object, "body", lt_ticket_event_get_body (event) ?: "");

  if (kind == LT_TICKET_EVENT_KIND_STATE_CHANGE)
    {
      LtTicketState from_state = lt_ticket_event_get_from_state (event);

      /* The model's default (draft) stands for "no state before". */
      if (from_state != LT_TICKET_STATE_DRAFT)
        set_enum (object, "from_state", LT_TYPE_TICKET_STATE, from_state);
      else
        json_object_set_null_member (object, "from_state");
      set_enum (object, "to_state", LT_TYPE_TICKET_STATE, lt_ticket_event_get_to_state (event));
    }
  else
    {
      json_object_set_null_member (object, "from_state");
      json_object_set_null_member (object, "to_state");
    }

  json_object_set_int_member (object, "level",
                              kind == LT_TICKET_EVENT_KIND_ESCALATION ? lt_ticket_event_get_level (event) : 0);

  if (kind == LT_TICKET_EVENT_KIND_ATTACHMENT)
    {
      JsonObject *attachment = json_object_new ();

      json_object_set_string_member (attachment, "name",
                                     lt_ticket_event_get_attachment_name (event) ?: "");
      json_object_set_int_member (attachment, "size",
                                  (gint64) lt_ticket_event_get_attachment_size (event));
      json_object_set_object_member (object, "attachment", attachment);
    }
  else
    json_object_set_null_member (object, "attachment");

  return object_node (object);
}

/**
 * lt_portal_json_write_ticket:
 * @ticket: a ticket the portal knows
 * @with_events: whether to write "events" (GET /tickets/{id}) or not
 *   (list items)
 *
 * Returns: (transfer full): the portal's form of @ticket
 */
JsonNode *
lt_portal_json_write_ticket (LtTicket *ticket,
                             gboolean  with_events)
{
  JsonObject *object = json_object_new ();

  g_return_val_if_fail (LT_IS_TICKET (ticket), NULL);

  set_string (object, "id", lt_ticket_get_id (ticket));
  set_string (object, "title", lt_ticket_get_title (ticket));
  set_string (object, "description", lt_ticket_get_description (ticket) ?: "");
  set_enum (object, "severity", LT_TYPE_SEVERITY, lt_ticket_get_severity (ticket));
  set_string (object, "category", lt_ticket_get_category (ticket) ?: "");
  set_enum (object, "state", LT_TYPE_TICKET_STATE, lt_ticket_get_state (ticket));
  set_enum (object, "close_reason", LT_TYPE_CLOSE_REASON, lt_ticket_get_close_reason (ticket));
  set_instant (object, "opened_at", lt_ticket_get_opened_at (ticket));
  set_instant (object, "updated_at", lt_ticket_get_updated_at (ticket));
  set_instant (object, "first_response_at", lt_ticket_get_first_response_at (ticket));
  set_instant (object, "response_due", lt_ticket_get_response_due (ticket));
  set_instant (object, "awaiting_since", lt_ticket_get_awaiting_since (ticket));
  set_instant (object, "resolved_at", lt_ticket_get_resolved_at (ticket));
  set_instant (object, "closed_at", lt_ticket_get_closed_at (ticket));
  json_object_set_int_member (object, "escalation_level", lt_ticket_get_escalation_level (ticket));
  set_string (object, "product_version", lt_ticket_get_product_version (ticket));
  set_string (object, "installation", lt_ticket_get_installation (ticket));
  set_string (object, "contact", lt_ticket_get_contact (ticket));
  json_object_set_boolean_member (object, "break_fix", lt_ticket_get_break_fix (ticket));
  json_object_set_boolean_member (object, "security_incident",
                                  lt_ticket_get_security_incident (ticket));
  set_strv (object, "known_issue_ids", lt_ticket_get_known_issue_ids (ticket));

  if (with_events)
    {
      GListModel *events = lt_ticket_get_events (ticket);
      JsonArray *array = json_array_new ();
      guint n = g_list_model_get_n_items (events);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LtTicketEvent) event = g_list_model_get_item (events, i);

          json_array_add_element (array, lt_portal_json_write_ticket_event (event));
        }
      json_object_set_array_member (object, "events", array);
    }

  return object_node (object);
}
