/* lt-alerts-types.c: the plain types of the deadline engine (lt-alerts.h)
 *
 * An alert, a refusal of the outbox, the input and the kinds' nicks: what
 * the store and the command line need to hold and name alerts, apart from
 * the engine's rules (lt-alerts.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-core"

#include "config.h"

#include "lt-alerts.h"

#include <string.h>

G_DEFINE_BOXED_TYPE (LtAlert, lt_alert, lt_alert_copy, lt_alert_free)

/**
 * lt_alert_copy:
 * @self: an alert
 *
 * Returns: (transfer full): a deep copy
 */
LtAlert *
lt_alert_copy (const LtAlert *self)
{
  LtAlert *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LtAlert, 1);
  copy->kind = self->kind;
  copy->key = g_strdup (self->key);
  copy->subject = g_strdup (self->subject);
  copy->subject_title = g_strdup (self->subject_title);
  copy->due = self->due != NULL ? g_date_time_ref (self->due) : NULL;
  copy->deadline = self->deadline != NULL ? g_date_time_ref (self->deadline) : NULL;
  copy->detail = g_strdup (self->detail);
  copy->urgent = self->urgent;
  return copy;
}

/**
 * lt_alert_free:
 * @self: (nullable): an alert
 */
void
lt_alert_free (LtAlert *self)
{
  if (self == NULL)
    return;

  g_free (self->key);
  g_free (self->subject);
  g_free (self->subject_title);
  g_clear_pointer (&self->due, g_date_time_unref);
  g_clear_pointer (&self->deadline, g_date_time_unref);
  g_free (self->detail);
  g_free (self);
}

/**
 * lt_alert_refusal_new:
 * @key: the outbox item's key
 * @what: what the item was, translated
 * @reason: (nullable): the portal's reason
 * @failed_at: (nullable): when it was refused
 *
 * Returns: (transfer full): a new refusal
 */
LtAlertRefusal *
lt_alert_refusal_new (const char *key,
                      const char *what,
                      const char *reason,
                      GDateTime  *failed_at)
{
  LtAlertRefusal *self;

  g_return_val_if_fail (key != NULL, NULL);

  self = g_new0 (LtAlertRefusal, 1);
  self->key = g_strdup (key);
  self->what = g_strdup (what);
  self->reason = g_strdup (reason);
  self->failed_at = failed_at != NULL ? g_date_time_ref (failed_at) : NULL;
  return self;
}

/**
 * lt_alert_refusal_free:
 * @self: (nullable): a refusal
 */
void
lt_alert_refusal_free (LtAlertRefusal *self)
{
  if (self == NULL)
    return;

  g_free (self->key);
  g_free (self->what);
  g_free (self->reason);
  g_clear_pointer (&self->failed_at, g_date_time_unref);
  g_free (self);
}

/**
 * lt_alert_input_clear:
 * @input: an input
 *
 * Releases every member and zeroes @input, so it can be filled again.
 */
void
lt_alert_input_clear (LtAlertInput *input)
{
  g_return_if_fail (input != NULL);

  g_clear_object (&input->policy);
  g_clear_pointer (&input->tickets, g_ptr_array_unref);
  g_clear_pointer (&input->customer_names, g_strfreev);
  g_clear_pointer (&input->since, g_date_time_unref);
  g_clear_pointer (&input->change_notices, g_ptr_array_unref);
  g_clear_pointer (&input->maintenance_windows, g_ptr_array_unref);
  g_clear_pointer (&input->reminder_leads, g_free);
  g_clear_object (&input->catalog);
  g_clear_pointer (&input->installations, g_ptr_array_unref);
  g_clear_pointer (&input->invoices, g_ptr_array_unref);
  g_clear_pointer (&input->refusals, g_ptr_array_unref);
  memset (input, 0, sizeof *input);
}

/* The settings' and the JSON's words, in the order of LtAlertKind; the
 * store's alerts.kind CHECK lists the same. */
static const char * const kind_nicks[LT_N_ALERT_KINDS] = {
  "ticket-update",
  "awaiting-customer",
  "awaiting-closing",
  "resolved",
  "reopen-ending",
  "sla-at-risk",
  "sla-breached",
  "change-reviewed",
  "change-unreviewed",
  "change-notice-due",
  "maintenance",
  "release",
  "invoice-overdue",
  "outbox-refused",
};

/**
 * lt_alert_kind_to_nick:
 * @kind: a kind
 *
 * Returns: (transfer none): its nick, "awaiting-customer"
 */
const char *
lt_alert_kind_to_nick (LtAlertKind kind)
{
  g_return_val_if_fail ((guint) kind < LT_N_ALERT_KINDS, NULL);

  return kind_nicks[kind];
}

/**
 * lt_alert_kind_from_nick:
 * @nick: a nick
 * @kind: (out): the kind
 *
 * Returns: %FALSE when @nick names no kind
 */
gboolean
lt_alert_kind_from_nick (const char  *nick,
                         LtAlertKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; nick != NULL && i < LT_N_ALERT_KINDS; i++)
    if (strcmp (kind_nicks[i], nick) == 0)
      {
        *kind = (LtAlertKind) i;
        return TRUE;
      }
  return FALSE;
}
