/* lt-alerts.c: the deadline engine's rules, as far as the store and the
 * command line need them before the engine proper (the maintenance
 * reminders of R9 and the outbox's refusals); the engine's lt-alerts.c
 * replaces this file whole.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-core"

#include "config.h"

#include "lt-alerts.h"

#include <glib/gi18n-lib.h>

gboolean
lt_alert_kind_is_news (LtAlertKind kind)
{
  return kind == LT_ALERT_KIND_TICKET_UPDATE || kind == LT_ALERT_KIND_CHANGE_REVIEWED ||
         kind == LT_ALERT_KIND_RELEASE;
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const LtAlert *x = *(const LtAlert * const *) a;
  const LtAlert *y = *(const LtAlert * const *) b;
  int c = g_date_time_compare (x->due, y->due);

  return c != 0 ? c : g_strcmp0 (x->key, y->key);
}

static void
consider_next (GDateTime **next,
               GDateTime  *at,
               GDateTime  *now)
{
  if (g_date_time_compare (at, now) <= 0)
    return;
  if (*next == NULL || g_date_time_compare (at, *next) < 0)
    {
      g_clear_pointer (next, g_date_time_unref);
      *next = g_date_time_ref (at);
    }
}

GPtrArray *
lt_alerts_compute (const LtAlertInput *input,
                   GDateTime          *now,
                   GDateTime         **next)
{
  g_autoptr(GPtrArray) alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_alert_free);
  g_autoptr(GDateTime) first_next = NULL;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  for (guint i = 0; input->maintenance_windows != NULL && i < input->maintenance_windows->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (input->maintenance_windows, i);
      GDateTime *start = lt_maintenance_window_get_starts_at (window);

      if (start == NULL || g_date_time_compare (start, now) <= 0)
        continue;
      consider_next (&first_next, start, now);
      for (guint j = 0; j < input->n_reminder_leads; j++)
        {
          g_autoptr(GDateTime) at = g_date_time_add_minutes (start, -(int) input->reminder_leads[j]);
          LtAlert *alert;

          if (g_date_time_compare (at, now) > 0)
            {
              consider_next (&first_next, at, now);
              continue;
            }
          alert = g_new0 (LtAlert, 1);
          alert->kind = LT_ALERT_KIND_MAINTENANCE;
          alert->subject = g_strdup (lt_maintenance_window_get_id (window));
          alert->key = g_strdup_printf ("maintenance:%s:%u", alert->subject, input->reminder_leads[j]);
          alert->subject_title = g_strdup (lt_maintenance_window_get_title (window));
          alert->due = g_date_time_ref (at);
          alert->deadline = g_date_time_ref (start);
          alert->detail = g_strdup_printf ("%u", input->reminder_leads[j]);
          alert->urgent = lt_maintenance_window_get_kind (window) == LT_MAINTENANCE_KIND_EMERGENCY;
          g_ptr_array_add (alerts, alert);
        }
    }

  for (guint i = 0; input->refusals != NULL && i < input->refusals->len; i++)
    {
      LtAlertRefusal *refusal = g_ptr_array_index (input->refusals, i);
      LtAlert *alert = g_new0 (LtAlert, 1);

      alert->kind = LT_ALERT_KIND_OUTBOX_REFUSED;
      alert->subject = g_strdup (refusal->key);
      alert->key = g_strdup_printf ("outbox-refused:%s", refusal->key);
      alert->subject_title = g_strdup (refusal->what);
      alert->due = refusal->failed_at != NULL ? g_date_time_ref (refusal->failed_at)
                                              : g_date_time_ref (now);
      alert->detail = g_strdup (refusal->reason);
      g_ptr_array_add (alerts, alert);
    }

  g_ptr_array_sort (alerts, compare_due);
  if (next != NULL)
    *next = g_steal_pointer (&first_next);
  return g_steal_pointer (&alerts);
}

static const struct
{
  const char *label;
  const char *description;
} kind_texts[LT_N_ALERT_KINDS] = {
  { N_("LockThreat answered"), N_("A new comment or state on a ticket") },
  { N_("Ticket awaits your answer"), N_("At once (§13)") },
  { N_("Ticket closes without your answer"), N_("Less than one business day before it closes (§13)") },
  { N_("Ticket resolved"), N_("Confirm or say it is not fixed (§7)") },
  { N_("Reopen window ends"), N_("Less than one business day left (§14)") },
  { N_("SLA at risk"), N_("While the vendor is open (§9)") },
  { N_("SLA breached"), N_("While the vendor is open (§9)") },
  { N_("Change notice reviewed"), N_("The review's outcome (§6)") },
  { N_("Change not reviewed"), N_("Starts within 24 hours without a review (§6)") },
  { N_("Change notice due"), N_("A draft's last on-time day is tomorrow (§6)") },
  { N_("Maintenance"), N_("Before a maintenance window (§10)") },
  { N_("New release"), N_("What it pushes out of support (§11)") },
  { N_("Invoice overdue"), N_("Unpaid after 60 days (§17)") },
  { N_("Action refused"), N_("The portal refused an action for good") },
};

const char *
lt_alert_kind_get_label (LtAlertKind kind)
{
  g_return_val_if_fail ((guint) kind < LT_N_ALERT_KINDS, NULL);
  return _(kind_texts[kind].label);
}

const char *
lt_alert_kind_get_description (LtAlertKind kind)
{
  g_return_val_if_fail ((guint) kind < LT_N_ALERT_KINDS, NULL);
  return _(kind_texts[kind].description);
}

char *
lt_alert_dup_title (const LtAlert *alert,
                    GTimeZone     *zone)
{
  g_return_val_if_fail (alert != NULL, NULL);

  return g_strdup_printf ("%s: %s", lt_alert_kind_get_label (alert->kind),
                          alert->subject_title != NULL ? alert->subject_title : alert->subject);
}

char *
lt_alert_dup_body (const LtAlert *alert,
                   GTimeZone     *zone)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (alert != NULL, NULL);

  if (alert->deadline == NULL)
    return g_strdup (alert->detail != NULL ? alert->detail : "");
  local = g_date_time_to_timezone (alert->deadline, zone);
  when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  /* TRANSLATORS: %s is a date and time */
  return g_strdup_printf (_("At %s"), when);
}

static LtAlertButton *
button_new (const char *action,
            const char *target,
            const char *label)
{
  LtAlertButton *button = g_new0 (LtAlertButton, 1);

  button->action = action;
  button->target = g_strdup (target);
  button->label = g_strdup (label);
  return button;
}

static void
button_free (LtAlertButton *button)
{
  g_free (button->target);
  g_free (button->label);
  g_free (button);
}

GPtrArray *
lt_alert_dup_buttons (const LtAlert *alert)
{
  GPtrArray *buttons = g_ptr_array_new_with_free_func ((GDestroyNotify) button_free);

  g_return_val_if_fail (alert != NULL, buttons);

  if (alert->kind == LT_ALERT_KIND_MAINTENANCE)
    g_ptr_array_add (buttons, button_new ("app.show-page", "maintenance", _("Show")));
  else if (alert->kind == LT_ALERT_KIND_OUTBOX_REFUSED)
    g_ptr_array_add (buttons, button_new ("app.show-page", "overview", _("Show")));
  else
    g_ptr_array_add (buttons, button_new ("app.show-ticket", alert->subject, _("Show")));
  return buttons;
}

char *
lt_alerts_dup_summary_title (guint n_alerts)
{
  return g_strdup (_("While you were away"));
}

char *
lt_alerts_dup_summary_body (GPtrArray *alerts,
                            GTimeZone *zone)
{
  g_autoptr(GString) body = g_string_new (NULL);

  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    {
      g_autofree char *title = lt_alert_dup_title (g_ptr_array_index (alerts, i), zone);

      if (i > 0)
        g_string_append (body, "; ");
      g_string_append (body, title);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}
