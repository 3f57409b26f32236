/* lt-cli-notifications.c: ltsupport notifications list
 *
 * What the app would notify now, computed by the same engine
 * (lt_alerts_compute()) from the same store, so scripts and tests see
 * exactly what the desktop sees (docs/cli.md, "notifications list").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-cli-actions.h"
#include "lt-alerts.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-store-alerts.h"
#include "lt-text-util.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  LtAlert   *alert;      /* borrowed */
  char      *title;
  char      *body;
  GPtrArray *buttons;    /* LtAlertButton */
  gboolean   recorded;
} Shown;

static void
shown_clear (Shown *shown)
{
  g_free (shown->title);
  g_free (shown->body);
  g_clear_pointer (&shown->buttons, g_ptr_array_unref);
}

static void
build_json (JsonBuilder *builder,
            GDateTime   *now,
            GDateTime   *since,
            GArray      *shown,
            GDateTime   *next)
{
  json_builder_begin_object (builder);
  lt_cli_add_instant_member (builder, "now", now);
  lt_cli_add_instant_member (builder, "since", since);
  json_builder_set_member_name (builder, "alerts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < shown->len; i++)
    {
      Shown *s = &g_array_index (shown, Shown, i);
      LtAlert *alert = s->alert;

      json_builder_begin_object (builder);
      lt_cli_add_string_member (builder, "kind", lt_alert_kind_to_nick (alert->kind));
      lt_cli_add_string_member (builder, "key", alert->key);
      lt_cli_add_string_member (builder, "subject", alert->subject);
      lt_cli_add_string_member (builder, "subject_title", alert->subject_title);
      lt_cli_add_string_member (builder, "title", s->title);
      lt_cli_add_string_member (builder, "body", s->body);
      lt_cli_add_instant_member (builder, "due", alert->due);
      lt_cli_add_instant_member (builder, "deadline", alert->deadline);
      lt_cli_add_string_member (builder, "detail", alert->detail);
      lt_cli_add_boolean_member (builder, "urgent", alert->urgent);
      lt_cli_add_boolean_member (builder, "news", lt_alert_kind_is_news (alert->kind));
      lt_cli_add_boolean_member (builder, "recorded", s->recorded);
      json_builder_set_member_name (builder, "buttons");
      json_builder_begin_array (builder);
      for (guint j = 0; j < s->buttons->len; j++)
        {
          LtAlertButton *button = g_ptr_array_index (s->buttons, j);

          json_builder_begin_object (builder);
          lt_cli_add_string_member (builder, "label", button->label);
          lt_cli_add_string_member (builder, "action", button->action);
          lt_cli_add_string_member (builder, "target", button->target);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  lt_cli_add_instant_member (builder, "next", next);
  json_builder_end_object (builder);
}

static void
print_text (GArray    *shown,
            GDateTime *next)
{
  g_autofree char *next_text = lt_cli_format_local_instant (next, _("nothing ahead"));

  if (shown->len == 0)
    g_print ("%s\n", _("Nothing needs your attention now."));
  for (guint i = 0; i < shown->len; i++)
    {
      Shown *s = &g_array_index (shown, Shown, i);
      LtAlert *alert = s->alert;
      g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
      g_autofree char *title = lt_text_dup_displayable (s->title, LT_TEXT_SINGLE_LINE);
      g_autofree char *due = lt_cli_format_local_instant (alert->due, "—");

      if (i > 0)
        g_print ("\n");
      g_print ("%s%s\n", alert->urgent ? _("[urgent] ") : "", title);
      if (s->body != NULL && *s->body != '\0')
        g_print ("%s\n", s->body);
      lt_cli_fields_add (fields, _("Kind"), "%s", lt_alert_kind_to_nick (alert->kind));
      lt_cli_fields_add (fields, _("Key"), "%s", alert->key);
      lt_cli_fields_add (fields, _("Subject"), "%s", alert->subject);
      lt_cli_fields_add (fields, _("Due"), "%s", due);
      if (alert->deadline != NULL)
        {
          g_autofree char *deadline = lt_cli_format_local_instant (alert->deadline, "—");

          lt_cli_fields_add (fields, _("Deadline"), "%s", deadline);
        }
      lt_cli_fields_add (fields, _("Notified"), "%s",
                         s->recorded ? _("yes, recorded") : _("not yet"));
      for (guint j = 0; j < s->buttons->len; j++)
        {
          LtAlertButton *button = g_ptr_array_index (s->buttons, j);

          /* TRANSLATORS: a notification's button: its label, then the
           * application action and target it opens */
          lt_cli_fields_add (fields, j == 0 ? _("Buttons") : "", _("%s (%s %s)"),
                             button->label, button->action, button->target ? button->target : "");
        }
      lt_cli_fields_print_indented (fields, 2);
    }
  g_print ("\n%s %s\n", _("Next:"), next_text);
}

int
lt_cli_notifications_list_run (LtCli  *cli,
                               int     argc,
                               char  **argv)
{
  g_autofree char *now_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    LT_CLI_NOW_OPTION (now_text),
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) next = NULL;
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GArray) shown = g_array_new (FALSE, TRUE, sizeof (Shown));
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  LtAlertInput input = { 0 };
  const guint *leads;
  guint n_leads = 0;
  LtStore *store;
  LtPolicy *policy;

  context = lt_cli_context_new (cli, NULL,
                                _("Lists what the app would notify now, computed by the same rules "
                                  "from the same local store: each alert with its title, text, "
                                  "deadline and buttons, whether it was notified already, and when "
                                  "something is next due. Maintenance reminders use the policy's "
                                  "lead times."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error))
    return lt_cli_fail (cli, error);
  if ((now = lt_cli_parse_now (now_text, &error)) == NULL)
    return lt_cli_fail (cli, error);

  if ((store = lt_cli_get_store_for_reading (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
      (catalog = lt_cli_load_effective_catalog (store, &error)) == NULL ||
      !lt_store_load_alert_input (store, policy, catalog, now, NULL, &input, &error))
    return lt_cli_fail (cli, error);

  leads = lt_policy_get_reminder_lead_minutes (policy, &n_leads);
  input.reminder_leads = g_memdup2 (leads, n_leads * sizeof (guint));
  input.n_reminder_leads = n_leads;

  alerts = lt_alerts_compute (&input, now, &next);
  g_array_set_clear_func (shown, (GDestroyNotify) shown_clear);
  for (guint i = 0; i < alerts->len; i++)
    {
      LtAlert *alert = g_ptr_array_index (alerts, i);
      Shown s = { alert, NULL, NULL, NULL, FALSE };

      if (!lt_store_is_alert_recorded (store, alert->key, &s.recorded, &error))
        {
          lt_alert_input_clear (&input);
          return lt_cli_fail (cli, error);
        }
      s.title = lt_alert_dup_title (alert, zone);
      s.body = lt_alert_dup_body (alert, zone);
      s.buttons = lt_alert_dup_buttons (alert);
      g_array_append_val (shown, s);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      build_json (builder, now, input.since, shown, next);
      lt_cli_print_json (builder);
    }
  else
    print_text (shown, next);

  lt_alert_input_clear (&input);
  return LT_CLI_EXIT_OK;
}
