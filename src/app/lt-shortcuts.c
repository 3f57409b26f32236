/* lt-shortcuts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-shortcuts"

#include "config.h"

#include "lt-shortcuts.h"
#include "lt-shortcuts-private.h"

#include <glib/gi18n-lib.h>

#define APP LT_SHORTCUT_SCOPE_APPLICATION
#define WIDGET LT_SHORTCUT_SCOPE_WIDGET

static const LtShortcut shortcuts[] = {
  { "app.new-ticket", { "<Control>n", NULL }, N_("General"), N_("New Ticket"), APP },
  { "app.sync", { "<Control>r", "F5", NULL }, N_("General"), N_("Sync With the Portal"), APP },
  { "app.preferences", { "<Control>comma", NULL }, N_("General"), N_("Preferences"), APP },
  { "app.shortcuts", { "<Control>question", NULL }, N_("General"), N_("Keyboard Shortcuts"), APP },
  { "window.close", { "<Control>w", NULL }, N_("General"), N_("Close Window"), APP },
  { "app.quit", { "<Control>q", NULL }, N_("General"), N_("Quit"), APP },
  { "win.page::overview", { "<Alt>1", NULL }, N_("Pages"), N_("Overview"), APP },
  { "win.page::tickets", { "<Alt>2", NULL }, N_("Pages"), N_("Tickets"), APP },
  { "win.page::changes", { "<Alt>3", NULL }, N_("Pages"), N_("Changes"), APP },
  { "win.page::maintenance", { "<Alt>4", NULL }, N_("Pages"), N_("Maintenance"), APP },
  { "win.page::versions", { "<Alt>5", NULL }, N_("Pages"), N_("Versions"), APP },
  { "tickets.search", { "<Control>f", NULL }, N_("Tickets and Changes"), N_("Search Tickets"), WIDGET },
  { "action-dialog.submit", { "<Control>Return", NULL },
    N_("Tickets and Changes"), N_("Send a Comment or Reason"), WIDGET },
  { "app.new-change", { "<Shift><Control>n", NULL }, N_("Tickets and Changes"), N_("New Change Notice"), APP },
  { "notice.send", { "<Control>Return", NULL },
    N_("Tickets and Changes"), N_("Send the Change Notice"), WIDGET },
  { "assistant.back", { "<Alt>Left", NULL }, N_("New Ticket"), N_("Previous Step"), WIDGET },
  { "assistant.next", { "<Alt>Right", "<Control>Return", NULL },
    N_("New Ticket"), N_("Next Step, or File the Ticket"), WIDGET },
};

const LtShortcut *
lt_shortcuts_get_all (guint *n_shortcuts)
{
  g_return_val_if_fail (n_shortcuts != NULL, NULL);

  *n_shortcuts = G_N_ELEMENTS (shortcuts);
  return shortcuts;
}

const LtShortcut *
lt_shortcuts_lookup (const char *action)
{
  g_return_val_if_fail (action != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    if (g_str_equal (shortcuts[i].action, action))
      return &shortcuts[i];

  return NULL;
}

void
lt_shortcuts_set_accels (GtkApplication *app)
{
  g_return_if_fail (GTK_IS_APPLICATION (app));

  /* Ctrl+? belongs to app.shortcuts, not to GTK's own help overlay
   * action, so there is one accelerator per action. */
  gtk_application_set_accels_for_action (app, "win.show-help-overlay", (const char *[]) { NULL });
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    if (shortcuts[i].scope == LT_SHORTCUT_SCOPE_APPLICATION)
      gtk_application_set_accels_for_action (app, shortcuts[i].action, shortcuts[i].accels);
}

static gboolean
activate_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  const char *detailed = user_data;
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target = NULL;

  if (g_action_parse_detailed_name (detailed, &name, &target, NULL))
    gtk_widget_activate_action_variant (widget, name, target);

  /* Consumed even when the action is disabled: Ctrl+Enter in a reason
   * box must not fall through to the text view as a newline. */
  return TRUE;
}

void
lt_shortcuts_attach (GtkWidget  *widget,
                     const char *action)
{
  const LtShortcut *shortcut;
  GtkEventController *controller;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (action != NULL);

  shortcut = lt_shortcuts_lookup (action);
  g_return_if_fail (shortcut != NULL);

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, shortcut->action);
  for (guint i = 0; shortcut->accels[i] != NULL; i++)
    {
      GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (shortcut->accels[i]);
      GtkShortcutAction *callback = gtk_callback_action_new (activate_cb, g_strdup (shortcut->action), g_free);

      g_return_if_fail (trigger != NULL);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (trigger, callback));
    }
  gtk_widget_add_controller (widget, controller);
}

static void
append_escaped (GString    *xml,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (xml, escaped);
}

GtkWindow *
lt_shortcuts_window_new (void)
{
  g_autoptr(GString) xml = g_string_new (NULL);
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  const char *group = NULL;
  GtkWindow *window;

  /* GtkShortcutsWindow is built by GtkBuilder only in GTK 4.8 (adding
   * sections and groups from C is 4.14), so the table is written as a
   * template. The keys are given as accelerators, not looked up through
   * action names: the window shows the table, whichever window opened it. */
  g_string_append (xml, "<interface><object class=\"GtkShortcutsWindow\" id=\"shortcuts\">"
                        "<property name=\"modal\">True</property><property name=\"title\">");
  append_escaped (xml, _("Keyboard Shortcuts"));
  /* One page: GTK 4.8's page switcher of a longer section warns of a
   * label with a negative width. */
  g_string_append (xml, "</property><child><object class=\"GtkShortcutsSection\">"
                        "<property name=\"section-name\">shortcuts</property>"
                        "<property name=\"max-height\">16</property>");
  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    {
      g_autofree char *accels = g_strjoinv (" ", (char **) shortcuts[i].accels);

      if (g_strcmp0 (group, shortcuts[i].group) != 0)
        {
          if (group != NULL)
            g_string_append (xml, "</object></child>");
          group = shortcuts[i].group;
          g_string_append (xml, "<child><object class=\"GtkShortcutsGroup\"><property name=\"title\">");
          append_escaped (xml, _(group));
          g_string_append (xml, "</property>");
        }
      g_string_append (xml, "<child><object class=\"GtkShortcutsShortcut\"><property name=\"title\">");
      append_escaped (xml, _(shortcuts[i].title));
      g_string_append (xml, "</property><property name=\"accelerator\">");
      append_escaped (xml, accels);
      g_string_append (xml, "</property></object></child>");
    }
  g_string_append (xml, "</object></child></object></child></object></interface>");

  builder = gtk_builder_new ();
  if (!gtk_builder_add_from_string (builder, xml->str, (gssize) xml->len, &error))
    {
      /* The template is ours; a mistake in it is a programming error. */
      g_critical ("The shortcuts window: %s", error->message);
      return NULL;
    }

  window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts"));
  return window;
}
