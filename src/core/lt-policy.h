/* lt-policy.h: the support policy as data (RULES.md, all of R1–R12)
 *
 * Every number the policy fixes or leaves to the contract (SLA minutes,
 * lead times, business calendar, review intervals…) lives in a policy
 * document: data/policy/lockthreat-policy.json is the default, compiled in
 * as a GResource; a file given with --policy, or the portal's GET /policy,
 * replaces it. No such constant lives in C code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lt-types.h"
#include "lt-business-calendar.h"

G_BEGIN_DECLS

#define LT_TYPE_POLICY (lt_policy_get_type ())
G_DECLARE_FINAL_TYPE (LtPolicy, lt_policy, LT, POLICY, GObject)

/* The resource path of the bundled default policy. */
#define LT_POLICY_DEFAULT_RESOURCE "/com/lockthreat/Support/policy/lockthreat-policy.json"

/* The policy document format this build reads ("schema": 1); a document
 * with a higher number is refused rather than half-understood. */
#define LT_POLICY_SCHEMA 1

typedef struct
{
  char     *id;         /* "troubleshooting", "custom-code", … */
  char     *label;      /* "Troubleshooting errors" */
  gboolean  in_scope;
} LtScopeCategory;

typedef struct
{
  guint  level;         /* 1, 2, 3 */
  char  *title;         /* "Support Team Leader" */
} LtEscalationLevel;

/* Loading validates every field; a bad one is LT_ERROR_INVALID_DATA with a
 * message that starts with its JSON path, e.g.
 * "$.sla.response_minutes.enterprise.s1: expected a whole number ≥ 0 or null". */
LtPolicy   *lt_policy_new_default        (GError   **error);
LtPolicy   *lt_policy_new_from_bytes     (GBytes    *json,
                                          GError   **error);
LtPolicy   *lt_policy_new_from_file      (const char *path,
                                          GError   **error);
LtPolicy   *lt_policy_new_from_json_node (JsonNode  *root,
                                          GError   **error);
/* The document the policy was loaded from (for caching and `policy show --json`). */
JsonNode   *lt_policy_get_json           (LtPolicy  *self);

const char *lt_policy_get_title          (LtPolicy  *self);
const GDate *lt_policy_get_effective_date (LtPolicy *self);
const GDate *lt_policy_get_updated_date  (LtPolicy  *self);
guint       lt_policy_get_review_interval_months (LtPolicy *self);

LtBusinessCalendar *lt_policy_get_calendar (LtPolicy *self);

/* Tiers (§2). */
const char *lt_policy_get_tier_name      (LtPolicy  *self,
                                          LtTier     tier);
const char * const *lt_policy_get_tier_channels (LtPolicy *self,
                                                 LtTier    tier);

/* SLA (§3, R4). FALSE when no target applies (feature requests). */
gboolean    lt_policy_get_response_minutes (LtPolicy   *self,
                                            LtTier      tier,
                                            LtSeverity  severity,
                                            guint      *minutes);
/* TRUE while the SLA table is the documented default rather than the
 * customer's contract: the UI says "per your contract; defaults". */
gboolean    lt_policy_get_sla_is_default (LtPolicy  *self);
/* Fraction of the target below which an open SLA is at risk (0.25). */
double      lt_policy_get_sla_at_risk_fraction (LtPolicy *self);

/* Versions (§11). The number of releases preceding current that stay
 * supported (2). */
guint       lt_policy_get_supported_preceding (LtPolicy *self);

/* Ticket lifecycle (§7, §13, §14). */
guint       lt_policy_get_auto_close_business_days (LtPolicy *self);
guint       lt_policy_get_reopen_business_days (LtPolicy *self);

/* Change notices (§6). */
guint       lt_policy_get_change_lead_business_days (LtPolicy *self);

/* Maintenance (§10). */
guint       lt_policy_get_emergency_notice_minutes (LtPolicy *self);
guint       lt_policy_get_upgrade_package_interval_months (LtPolicy *self);
const guint *lt_policy_get_reminder_lead_minutes (LtPolicy *self,
                                                  guint    *n_leads);

/* Account (§17). */
guint       lt_policy_get_invoice_suspension_days (LtPolicy *self);

/* Escalation (§9). */
const LtEscalationLevel *lt_policy_get_escalation_levels (LtPolicy *self,
                                                          guint    *n_levels);

/* Scope (§5). */
const LtScopeCategory *lt_policy_get_scope_categories (LtPolicy *self,
                                                       guint    *n_categories);
const LtScopeCategory *lt_policy_find_scope_category  (LtPolicy   *self,
                                                       const char *id);

/* Feature requests (§15): the prioritisation criteria, NULL-terminated. */
const char * const *lt_policy_get_feature_criteria (LtPolicy *self);
/* Their stable ids ("customer-impact", …), parallel to the labels above:
 * what a ticket stores and the portal receives. */
const char * const *lt_policy_get_feature_criterion_ids (LtPolicy *self);
/* Months between feature-request reviews (3: quarterly). */
guint       lt_policy_get_feature_review_interval_months (LtPolicy *self);

/* Contacts (§18). */
const char *lt_policy_get_portal_url     (LtPolicy  *self);
const char *lt_policy_get_support_email  (LtPolicy  *self);
const char *lt_policy_get_critical_phone (LtPolicy  *self);
const char *lt_policy_get_csm_email      (LtPolicy  *self);

G_END_DECLS
