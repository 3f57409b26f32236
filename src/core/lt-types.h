/* lt-types.h: forward declarations and the enums shared across layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _LtVersion          LtVersion;
typedef struct _LtBusinessCalendar LtBusinessCalendar;
typedef struct _LtPolicy           LtPolicy;
typedef struct _LtRelease          LtRelease;
typedef struct _LtReleaseCatalog   LtReleaseCatalog;

/* Support tiers (§2). The string forms ("essential", …) are the portal's. */
typedef enum
{
  LT_TIER_ESSENTIAL,
  LT_TIER_PROFESSIONAL,
  LT_TIER_ENTERPRISE,
} LtTier;
#define LT_N_TIERS 3

/* Severities (§4, R6). String forms: "s1", "s2", "s3", "feature". */
typedef enum
{
  LT_SEVERITY_S1,
  LT_SEVERITY_S2,
  LT_SEVERITY_S3,
  LT_SEVERITY_FEATURE,
} LtSeverity;
#define LT_N_SEVERITIES 4

/* Eligibility of an installed version (R2). */
typedef enum
{
  LT_SUPPORT_STATUS_CURRENT,
  LT_SUPPORT_STATUS_SUPPORTED,
  LT_SUPPORT_STATUS_UNSUPPORTED,
  LT_SUPPORT_STATUS_UNKNOWN,
} LtSupportStatus;

/* SLA state of a ticket's first response (R4). NONE: no target applies
 * (feature requests). */
typedef enum
{
  LT_SLA_STATE_NONE,
  LT_SLA_STATE_ON_TRACK,
  LT_SLA_STATE_AT_RISK,
  LT_SLA_STATE_BREACHED,
  LT_SLA_STATE_MET,
  LT_SLA_STATE_MISSED,
} LtSlaState;

/* Ticket lifecycle (R5). String forms use dashes: "in-progress". */
typedef enum
{
  LT_TICKET_STATE_DRAFT,
  LT_TICKET_STATE_QUEUED,
  LT_TICKET_STATE_SUBMITTED,
  LT_TICKET_STATE_TRIAGED,
  LT_TICKET_STATE_IN_PROGRESS,
  LT_TICKET_STATE_AWAITING_CUSTOMER,
  LT_TICKET_STATE_RESOLVED,
  LT_TICKET_STATE_CLOSED,
  LT_TICKET_STATE_REOPENED,
} LtTicketState;

typedef enum
{
  LT_CLOSE_REASON_NONE,
  LT_CLOSE_REASON_CONFIRMED,
  LT_CLOSE_REASON_NO_RESPONSE,
  LT_CLOSE_REASON_RESOLVED_TIMEOUT,
  LT_CLOSE_REASON_FIXED_IN_CURRENT,
  LT_CLOSE_REASON_WITHDRAWN,
} LtCloseReason;

/* Change notices (R8). */
typedef enum
{
  LT_CHANGE_KIND_INFRASTRUCTURE,
  LT_CHANGE_KIND_DATABASE_SCHEMA,
  LT_CHANGE_KIND_THIRD_PARTY,
  LT_CHANGE_KIND_CORE_CONFIGURATION,
} LtChangeKind;

typedef enum
{
  LT_CHANGE_STATE_QUEUED,
  LT_CHANGE_STATE_SUBMITTED,
  LT_CHANGE_STATE_UNDER_REVIEW,
  LT_CHANGE_STATE_REVIEWED,
  LT_CHANGE_STATE_WITHDRAWN,
  /* Saved here with its planned start, not sent: the portal never
   * answers with it (docs/app.md "Notifications", §6 lead time). */
  LT_CHANGE_STATE_DRAFT,
} LtChangeState;

/* Maintenance windows (R9). */
typedef enum
{
  LT_MAINTENANCE_KIND_SCHEDULED,
  LT_MAINTENANCE_KIND_EMERGENCY,
  LT_MAINTENANCE_KIND_UPGRADE_PACKAGE,
} LtMaintenanceKind;

/* What a maintenance window affects (R9); the portal's "affects". */
typedef enum
{
  LT_MAINTENANCE_AFFECTS_SAAS,
  LT_MAINTENANCE_AFFECTS_ON_PREM,
  LT_MAINTENANCE_AFFECTS_BOTH,
} LtMaintenanceAffects;

/* The customer's own assessment of a planned change (R8, POST
 * /change-notices "risk"). */
typedef enum
{
  LT_RISK_LOW,
  LT_RISK_MEDIUM,
  LT_RISK_HIGH,
} LtRisk;

/* The vendor's verdict on a reviewed change notice (R8). NONE until the
 * notice reaches LT_CHANGE_STATE_REVIEWED. */
typedef enum
{
  LT_REVIEW_OUTCOME_NONE,
  LT_REVIEW_OUTCOME_NO_CONCERNS,
  LT_REVIEW_OUTCOME_CONCERNS,
} LtReviewOutcome;

/* The entries of a ticket's history (GET /tickets/{id}). */
typedef enum
{
  LT_TICKET_EVENT_KIND_COMMENT,
  LT_TICKET_EVENT_KIND_STATE_CHANGE,
  LT_TICKET_EVENT_KIND_ESCALATION,
  LT_TICKET_EVENT_KIND_ATTACHMENT,
} LtTicketEventKind;

/* How the installed LockThreat version of an on-prem server is learnt:
 * typed in, read from a file the user names, or fetched from a URL. */
typedef enum
{
  LT_DETECTION_METHOD_MANUAL,
  LT_DETECTION_METHOD_FILE,
  LT_DETECTION_METHOD_HTTP,
} LtDetectionMethod;

/* The portal's and the CLI's string forms are the enum nicks that
 * glib-mkenums derives (LT_TICKET_STATE_IN_PROGRESS -> "in-progress"). */
const char *lt_enum_to_nick   (GType        enum_type,
                               int          value);
gboolean    lt_enum_from_nick (GType        enum_type,
                               const char  *nick,
                               int         *value,
                               GError     **error);

/* Labels: what a person reads for each value, translated once here (the
 * nicks above are for machines). */
const char *lt_support_status_get_label      (LtSupportStatus      status);
const char *lt_maintenance_kind_get_label    (LtMaintenanceKind    kind);
const char *lt_change_kind_get_label         (LtChangeKind         kind);
const char *lt_change_state_get_label        (LtChangeState        state);
const char *lt_risk_get_label                (LtRisk               risk);
const char *lt_severity_get_label            (LtSeverity           severity);
const char *lt_ticket_state_get_label        (LtTicketState        state);
const char *lt_maintenance_affects_get_label (LtMaintenanceAffects affects);

G_END_DECLS
