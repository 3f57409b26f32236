/* lt-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-types"

#include "config.h"

#include "lt-types.h"
#include "lt-error.h"

#include <glib/gi18n-lib.h>

/**
 * lt_enum_to_nick:
 * @enum_type: a registered enum #GType (e.g. %LT_TYPE_SEVERITY)
 * @value: a value of it
 *
 * Returns: (transfer none): the nick, e.g. "in-progress"; "" for an invalid
 *   value
 */
const char *
lt_enum_to_nick (GType enum_type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  g_return_val_if_fail (ev != NULL, "");
  return ev->value_nick;
}

/**
 * lt_enum_from_nick:
 * @enum_type: a registered enum #GType
 * @nick: the string form, e.g. "s2"
 * @value: (out): where to store the value
 * @error: set to %LT_ERROR_INVALID_INPUT, quoting @nick and listing the
 *   accepted values
 *
 * Returns: %TRUE when @nick names a value of @enum_type
 */
gboolean
lt_enum_from_nick (GType        enum_type,
                   const char  *nick,
                   int         *value,
                   GError     **error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  g_autoptr(GString) accepted = g_string_new (NULL);
  GEnumValue *ev = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (ev != NULL)
    {
      *value = ev->value;
      return TRUE;
    }

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (accepted, "%s%s", i ? ", " : "", klass->values[i].value_nick);

  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
               _("“%s” is not a valid value (expected one of: %s)"),
               nick ? nick : "(null)", accepted->str);
  return FALSE;
}

/* ---- labels ----------------------------------------------------------------
 *
 * What a person reads for the shared enums above, translated here once:
 * the app, the calendar export and the CLI's text output all call these
 * (the nicks are for machines: JSON, the command line, the portal). */

/**
 * lt_support_status_get_label:
 * @status: a version's support status
 *
 * Returns: (transfer none): its translated label, as a person reads it
 */
const char *
lt_support_status_get_label (LtSupportStatus status)
{
  switch (status)
    {
    case LT_SUPPORT_STATUS_CURRENT:
      /* TRANSLATORS: support status of a version: the newest release */
      return _("Current");
    case LT_SUPPORT_STATUS_SUPPORTED:
      return _("Supported");
    case LT_SUPPORT_STATUS_UNSUPPORTED:
      return _("Unsupported");
    case LT_SUPPORT_STATUS_UNKNOWN:
    default:
      /* TRANSLATORS: support status of a version newer than the catalog knows */
      return _("Unknown");
    }
}

/**
 * lt_maintenance_kind_get_label:
 * @kind: a maintenance window's kind
 *
 * Returns: (transfer none): its translated label, as a person reads it
 */
const char *
lt_maintenance_kind_get_label (LtMaintenanceKind kind)
{
  switch (kind)
    {
    case LT_MAINTENANCE_KIND_SCHEDULED:
      return _("Scheduled maintenance");
    case LT_MAINTENANCE_KIND_EMERGENCY:
      return _("Emergency maintenance");
    case LT_MAINTENANCE_KIND_UPGRADE_PACKAGE:
    default:
      return _("Upgrade package");
    }
}

/**
 * lt_change_kind_get_label:
 * @kind: a change notice's kind
 *
 * Returns: (transfer none): its translated label, as a person reads it
 */
const char *
lt_change_kind_get_label (LtChangeKind kind)
{
  switch (kind)
    {
    case LT_CHANGE_KIND_INFRASTRUCTURE:
      return _("Infrastructure or environment");
    case LT_CHANGE_KIND_DATABASE_SCHEMA:
      return _("Database schema");
    case LT_CHANGE_KIND_THIRD_PARTY:
      return _("Third-party systems");
    case LT_CHANGE_KIND_CORE_CONFIGURATION:
    default:
      return _("Core configuration or code");
    }
}

/**
 * lt_change_state_get_label:
 * @state: a change notice's state
 *
 * Returns: (transfer none): its translated label, as a person reads it
 */
const char *
lt_change_state_get_label (LtChangeState state)
{
  switch (state)
    {
    case LT_CHANGE_STATE_DRAFT:
      /* TRANSLATORS: a change notice saved but not sent */
      return _("Draft");
    case LT_CHANGE_STATE_QUEUED:
      /* TRANSLATORS: a change notice waiting in the outbox */
      return _("Queued");
    case LT_CHANGE_STATE_SUBMITTED:
      return _("Submitted");
    case LT_CHANGE_STATE_UNDER_REVIEW:
      return _("Under review");
    case LT_CHANGE_STATE_REVIEWED:
      return _("Reviewed");
    case LT_CHANGE_STATE_WITHDRAWN:
    default:
      return _("Withdrawn");
    }
}

/**
 * lt_risk_get_label:
 * @risk: the customer's risk assessment of a change
 *
 * Returns: (transfer none): its translated label, as a person reads it
 */
const char *
lt_risk_get_label (LtRisk risk)
{
  switch (risk)
    {
    case LT_RISK_LOW:
      return _("Low");
    case LT_RISK_MEDIUM:
      return _("Medium");
    case LT_RISK_HIGH:
    default:
      return _("High");
    }
}

/**
 * lt_severity_get_label:
 * @severity: a severity
 *
 * Returns: (transfer none): its translated label, as a person reads it
 */
const char *
lt_severity_get_label (LtSeverity severity)
{
  switch (severity)
    {
    case LT_SEVERITY_S1:
      /* TRANSLATORS: Severity 1 (§4), short */
      return _("S1");
    case LT_SEVERITY_S2:
      return _("S2");
    case LT_SEVERITY_S3:
      return _("S3");
    case LT_SEVERITY_FEATURE:
    default:
      return _("Feature");
    }
}

/**
 * lt_ticket_state_get_label:
 * @state: a ticket's state
 *
 * Returns: (transfer none): its translated label, as a person reads it
 */
const char *
lt_ticket_state_get_label (LtTicketState state)
{
  switch (state)
    {
    case LT_TICKET_STATE_DRAFT:
      return _("Draft");
    case LT_TICKET_STATE_QUEUED:
      /* TRANSLATORS: a ticket waiting in the outbox to be sent */
      return _("Queued");
    case LT_TICKET_STATE_SUBMITTED:
      return _("Submitted");
    case LT_TICKET_STATE_TRIAGED:
      return _("Triaged");
    case LT_TICKET_STATE_IN_PROGRESS:
      return _("In progress");
    case LT_TICKET_STATE_AWAITING_CUSTOMER:
      return _("Awaiting you");
    case LT_TICKET_STATE_RESOLVED:
      return _("Resolved");
    case LT_TICKET_STATE_CLOSED:
      return _("Closed");
    case LT_TICKET_STATE_REOPENED:
    default:
      return _("Reopened");
    }
}

/**
 * lt_maintenance_affects_get_label:
 * @affects: what a maintenance window affects (R9)
 *
 * Returns: (transfer none): its translated label, as a person reads it
 */
const char *
lt_maintenance_affects_get_label (LtMaintenanceAffects affects)
{
  switch (affects)
    {
    case LT_MAINTENANCE_AFFECTS_SAAS:
      return _("LockThreat SaaS");
    case LT_MAINTENANCE_AFFECTS_ON_PREM:
      return _("On-premises installations");
    case LT_MAINTENANCE_AFFECTS_BOTH:
    default:
      return _("LockThreat SaaS and on-premises installations");
    }
}
