/* lt-devportal-private.h: what the files of the devportal share
 *
 * lt-devportal.c owns the server, routing, authentication, idempotency,
 * pagination parameters, the clock and the fault switches; the handlers of
 * each resource live in their own file and are listed here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lt-devportal.h"
#include "lt-devportal-db.h"
#include "lt-enums.h"
#include "lt-json.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-ticket.h"
#include "lt-ticket-event.h"
#include "lt-types.h"

G_BEGIN_DECLS

/* The wire vocabulary of errors (data/portal-api.yaml, ErrorCode): each
 * code has one HTTP status. A GError in this domain is what a handler
 * returns to refuse a request; anything else becomes internal_error. */
#define LT_API_ERROR (lt_api_error_quark ())
GQuark lt_api_error_quark (void);

typedef enum
{
  LT_API_ERROR_UNAUTHORIZED,
  LT_API_ERROR_NOT_FOUND,
  LT_API_ERROR_METHOD_NOT_ALLOWED,
  LT_API_ERROR_VALIDATION_FAILED,
  LT_API_ERROR_IDEMPOTENCY_KEY_REQUIRED,
  LT_API_ERROR_SCOPE_ACKNOWLEDGEMENT_REQUIRED,
  LT_API_ERROR_IDEMPOTENCY_CONFLICT,
  LT_API_ERROR_INVALID_TRANSITION,
  LT_API_ERROR_REOPEN_WINDOW_CLOSED,
  LT_API_ERROR_ESCALATION_MAX_LEVEL,
  LT_API_ERROR_PRIMARY_CONTACT_REQUIRED,
  LT_API_ERROR_PAYLOAD_TOO_LARGE,
  LT_API_ERROR_UNSUPPORTED_MEDIA_TYPE,
  LT_API_ERROR_RATE_LIMITED,
  LT_API_ERROR_INTERNAL_ERROR,
  LT_API_ERROR_UNAVAILABLE,
} LtApiError;

const char *lt_api_error_get_code   (LtApiError code);
guint       lt_api_error_get_status (LtApiError code);
/* The code for an injected fault's status: 429 rate_limited, 503
 * unavailable, 404 not_found…; internal_error for any other 5xx,
 * validation_failed for any other 4xx. */
LtApiError  lt_api_error_for_status (guint      status);

/* Limits of request bodies (payload_too_large). The contract's 10 MiB
 * of an upload is its file's (LT_ATTACHMENT_MAX_SIZE, what the client
 * and the bundle's parts are held to): the body also carries the
 * multipart framing and a note of up to 2000 characters, for which it
 * has 64 KiB more. The file part is then held to the limit itself. */
#define LT_DEVPORTAL_MAX_JSON_BODY      (1024 * 1024)
#define LT_DEVPORTAL_UPLOAD_FRAMING     (64 * 1024)
#define LT_DEVPORTAL_MAX_UPLOAD         (LT_ATTACHMENT_MAX_SIZE + LT_DEVPORTAL_UPLOAD_FRAMING)

typedef struct _LtFault LtFault;

struct _LtDevportal
{
  GObject             parent_instance;

  /* Owned */
  SoupServer         *server;
  LtDevportalDb      *db;
  LtPolicy           *policy;
  LtReleaseCatalog   *catalog;
  GBytes             *policy_body;
  char               *policy_etag;
  GBytes             *releases_body;
  char               *releases_etag;
  char               *token;
  char               *base_url;
  GPtrArray          *faults;          /* LtFault */
  GHashTable         *paused;          /* SoupServerMessage -> GSource id */
  guint64             hostile_cursors;  /* next_cursor values made up so far */
  GHashTable         *api_requests;     /* "METHOD pattern" of an API route -> requests routed there */
  gboolean            dev_controls;

  /* The clock: frozen at an instant, or the real time plus an offset.
   * Whole seconds, persisted in the settings table. */
  gboolean            clock_frozen;
  gint64              clock_frozen_at;
  gint64              clock_offset;
};

/* One request as the handlers see it. */
typedef struct
{
  SoupServerMessage  *msg;
  const char         *method;
  const char         *path;         /* the full request path */
  char              **segments;     /* the path below /api/v1 or /_dev, split at '/' */
  guint               n_segments;
  GHashTable         *query;        /* (nullable) name -> value */
  GDateTime          *now;          /* the portal's clock for this request */
  LtJsonDocument     *document;     /* (nullable) a parsed JSON body */
  JsonObject         *body;         /* (nullable) its root object */
  SoupMultipart      *multipart;    /* (nullable) a parsed multipart body */
} LtRequest;

/* The answer a handler builds. */
typedef struct
{
  guint               status;
  JsonNode           *body;         /* (nullable) serialised as JSON */
  GBytes             *bytes;        /* (nullable) JSON already serialised;
                                     * sent instead of @body */
  char               *resource_id;  /* what a POST created or changed */
  GPtrArray          *headers;      /* name, value, name, value… */
} LtResponse;

void         lt_response_clear         (LtResponse *resp);
void         lt_response_add_header    (LtResponse *resp,
                                        const char *name,
                                        const char *value);
/* Takes @body. */
void         lt_response_set_json      (LtResponse *resp,
                                        guint       status,
                                        JsonNode   *body);

typedef gboolean (*LtRouteFunc) (LtDevportal  *self,
                                 LtRequest    *req,
                                 LtResponse   *resp,
                                 GError      **error);

/* ---- lt-devportal.c ---------------------------------------------------- */

GDateTime   *lt_devportal_dup_now      (LtDevportal  *self);
gboolean     lt_devportal_set_clock    (LtDevportal  *self,
                                        gboolean      frozen,
                                        gint64        unix_seconds,
                                        GError      **error);
LtTier       lt_devportal_get_tier     (LtDevportal  *self,
                                        GError      **error);

/* The release catalog (/_dev/releases). */
LtReleaseCatalog *lt_devportal_catalog_new_with (LtReleaseCatalog  *base,
                                                 JsonArray         *added,
                                                 GError           **error);
gboolean     lt_devportal_publish_release (LtDevportal       *self,
                                           LtReleaseCatalog  *catalog,
                                           JsonNode          *release,
                                           GError           **error);

/* Pagination and updated_since (data/portal-api.yaml "Lists"). */
typedef struct
{
  guint   limit;
  gint64  since;        /* G_MININT64 without updated_since */
  gint64  after_at;     /* the cursor's position; G_MININT64 at the start */
  char   *after_id;
} LtPageParams;

gboolean     lt_page_params_parse      (LtRequest     *req,
                                        LtPageParams  *params,
                                        GError       **error);
void         lt_page_params_clear      (LtPageParams  *params);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LtPageParams, lt_page_params_clear)
char        *lt_page_cursor_encode     (gint64         updated_at,
                                        const char    *id);
/* {"items": @items, "next_cursor": @next_cursor} */
JsonNode    *lt_page_new               (JsonArray     *items,
                                        const char    *next_cursor);

/* One list of the API: @sql binds ?1 to updated_since, ?2 and ?3 to the
 * cursor's updated_at and id, ?4 to the limit plus one (the row more tells
 * whether another page follows) and ?5 on to the caller's extra values,
 * and orders by updated_at, then id, which it selects as @updated_column
 * and @id_column. */
typedef struct
{
  const char   *sql;
  int           updated_column;
  int           id_column;
  JsonNode   *(*row_to_json) (LtDevportal   *self,
                              sqlite3_stmt  *stmt,
                              GError       **error);
} LtPageQuery;

/* Answers a list request with the page of @query the request asks for. */
gboolean     lt_devportal_respond_page (LtDevportal        *self,
                                        LtRequest          *req,
                                        const LtPageQuery  *query,
                                        const gint64       *extra,
                                        guint               n_extra,
                                        LtResponse         *resp,
                                        GError            **error);

/* Faults (/_dev/faults). */
LtFault     *lt_fault_new_from_json    (JsonObject    *object,
                                        GError       **error);
void         lt_fault_free             (LtFault       *fault);
JsonNode    *lt_fault_to_json          (LtFault       *fault);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtFault, lt_fault_free)

/* ---- lt-devportal-json.c ----------------------------------------------- */

typedef enum
{
  LT_FIELD_OPTIONAL  = 0,
  LT_FIELD_REQUIRED  = 1 << 0,
  LT_FIELD_NULLABLE  = 1 << 1,
  LT_FIELD_NOT_BLANK = 1 << 2,
} LtFieldFlags;

/* validation_failed "$.name: unknown field" for a member not in @allowed. */
gboolean     lt_body_check_members     (JsonObject          *object,
                                        const char          *path,
                                        const char * const  *allowed,
                                        GError             **error);
gboolean     lt_body_get_string        (JsonObject          *object,
                                        const char          *name,
                                        LtFieldFlags         flags,
                                        guint                max_chars,
                                        const char         **value,
                                        GError             **error);
gboolean     lt_body_get_bool          (JsonObject          *object,
                                        const char          *name,
                                        LtFieldFlags         flags,
                                        gboolean            *value,
                                        GError             **error);
gboolean     lt_body_get_int           (JsonObject          *object,
                                        const char          *name,
                                        LtFieldFlags         flags,
                                        gint64               min,
                                        gint64               max,
                                        gint64              *value,
                                        GError             **error);
gboolean     lt_body_get_enum          (JsonObject          *object,
                                        const char          *name,
                                        LtFieldFlags         flags,
                                        GType                enum_type,
                                        int                 *value,
                                        GError             **error);
gboolean     lt_body_get_instant       (JsonObject          *object,
                                        const char          *name,
                                        LtFieldFlags         flags,
                                        GDateTime          **value,
                                        GError             **error);
/* An array of strings; *@value NULL when absent or null. */
gboolean     lt_body_get_strv          (JsonObject          *object,
                                        const char          *name,
                                        LtFieldFlags         flags,
                                        guint                max_items,
                                        guint                max_chars,
                                        GStrv               *value,
                                        GError             **error);

/* JSON text with object members sorted, for comparing bodies. */
char        *lt_json_canonicalize      (JsonNode            *node);
/* Whole-second RFC 3339 UTC, or null. */
void         lt_builder_add_instant    (JsonBuilder         *builder,
                                        const char          *name,
                                        GDateTime           *instant);
void         lt_builder_add_string_or_null (JsonBuilder     *builder,
                                            const char      *name,
                                            const char      *value);
char        *lt_instant_to_wire        (GDateTime           *instant);
/* The JSON text of a string array (a column of such arrays). */
char        *lt_strv_to_json           (const char * const  *strv);

/* ---- lt-devportal-tickets.c -------------------------------------------- */

typedef struct
{
  gint64    pk;
  LtTicket *ticket;
  char     *feature_criteria;   /* JSON text or NULL */
  char     *references_ticket;
} LtDevTicket;

void         lt_dev_ticket_free        (LtDevTicket *ticket);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtDevTicket, lt_dev_ticket_free)

LtDevTicket *lt_devportal_insert_ticket (LtDevportal  *self,
                                         LtTicket     *model,
                                         const char   *feature_criteria,
                                         const char   *references,
                                         GError      **error);
LtDevTicket *lt_devportal_load_ticket  (LtDevportal   *self,
                                        const char    *id,
                                        GError       **error);
JsonNode    *lt_devportal_ticket_to_json (LtDevportal *self,
                                          LtDevTicket *ticket,
                                          gboolean     with_events,
                                          GError     **error);

/* A state change with its event, checked against the R5 table
 * (invalid_transition when refused). Sets the timestamps that go with the
 * new state; @at is when it happened, @now the portal's clock. */
gboolean     lt_devportal_ticket_transition (LtDevportal    *self,
                                             LtDevTicket    *ticket,
                                             LtTicketState   to,
                                             LtCloseReason   reason,
                                             GDateTime      *at,
                                             GDateTime      *now,
                                             const char     *author,
                                             const char     *body,
                                             GError        **error);
gboolean     lt_devportal_ticket_add_event (LtDevportal       *self,
                                            LtDevTicket       *ticket,
                                            LtTicketEventKind  kind,
                                            GDateTime         *at,
                                            const char        *author,
                                            const char        *body,
                                            guint              level,
                                            GError           **error);
gboolean     lt_devportal_ticket_add_attachment (LtDevportal  *self,
                                                 LtDevTicket  *ticket,
                                                 GDateTime    *at,
                                                 const char   *author,
                                                 const char   *note,
                                                 const char   *name,
                                                 gint64        size,
                                                 const char   *content_type,
                                                 const char   *sha256,
                                                 GError      **error);
gboolean     lt_devportal_ticket_touch (LtDevportal   *self,
                                        LtDevTicket   *ticket,
                                        GDateTime     *now,
                                        GError       **error);
/* Records the first response from support at @at unless one exists. */
gboolean     lt_devportal_ticket_set_first_response (LtDevportal  *self,
                                                     LtDevTicket  *ticket,
                                                     GDateTime    *at,
                                                     GError      **error);
/* §12 triage: closes the ticket as fixed-in-current when it names a known
 * issue fixed in a release newer than its product version; else triaged. */
gboolean     lt_devportal_ticket_triage (LtDevportal  *self,
                                         LtDevTicket  *ticket,
                                         GDateTime    *at,
                                         GDateTime    *now,
                                         const char   *author,
                                         GError      **error);
/* R5 auto-close of every ticket whose deadline is at or before @now. */
gboolean     lt_devportal_sweep        (LtDevportal   *self,
                                        GDateTime     *now,
                                        GError       **error);

/* The account's primary contact name, the author of customer events. */
char        *lt_devportal_dup_customer_author (LtDevportal *self);

gboolean     lt_devportal_list_tickets        (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_get_ticket          (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_create_ticket       (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_comment_ticket      (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_attach_ticket       (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_confirm_ticket      (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_reopen_ticket       (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_escalate_ticket     (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_withdraw_ticket     (LtDevportal *, LtRequest *, LtResponse *, GError **);

/* ---- lt-devportal-resources.c ------------------------------------------ */

gboolean     lt_devportal_get_account         (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_get_policy          (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_get_releases        (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_list_windows        (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_list_notices        (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_get_notice          (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_create_notice       (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_withdraw_notice     (LtDevportal *, LtRequest *, LtResponse *, GError **);

JsonNode    *lt_devportal_account_to_json     (LtDevportal  *self,
                                               GError      **error);
JsonNode    *lt_devportal_window_to_json      (LtDevportal  *self,
                                               const char   *id,
                                               GError      **error);
JsonNode    *lt_devportal_notice_to_json      (LtDevportal  *self,
                                               const char   *id,
                                               GError      **error);
/* Answers with the notice @id as it is now. */
gboolean     lt_devportal_respond_notice      (LtDevportal  *self,
                                               const char   *id,
                                               guint         status,
                                               LtResponse   *resp,
                                               GError      **error);

/* ---- lt-devportal-dev.c ------------------------------------------------- */

gboolean     lt_devportal_dev_get_clock       (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_dev_set_clock       (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_dev_transition      (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_dev_review_notice   (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_dev_set_account     (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_dev_add_fault       (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_dev_list_faults     (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_dev_clear_faults    (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_dev_stats           (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_dev_publish_release (LtDevportal *, LtRequest *, LtResponse *, GError **);
gboolean     lt_devportal_dev_announce_window (LtDevportal *, LtRequest *, LtResponse *, GError **);

/* ---- lt-devportal-demo.c ------------------------------------------------ */

/* The account every new portal starts with (a primary contact, no
 * invoices); with @demo a believable customer with history instead. */
gboolean     lt_devportal_seed                (LtDevportal  *self,
                                               gboolean      demo,
                                               GError      **error);

G_END_DECLS
