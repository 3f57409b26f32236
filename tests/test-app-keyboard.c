/* test-app-keyboard.c: the keys, the shortcuts window that lists them,
 * focus after a dialog and Ctrl+Enter in a reason box (issue 12, item 7)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-keyboard"

#include "config.h"

#include "lt-app-demo-data.h"
#include "lt-app-test-util.h"
#include "lt-application.h"
#include "lt-change-notice-dialog.h"
#include "lt-new-ticket-assistant.h"
#include "lt-new-ticket-assistant-private.h"
#include "lt-shortcuts.h"
#include "lt-shortcuts-private.h"
#include "lt-test-util.h"
#include "lt-ticket-action-dialog.h"
#include "lt-ticket-action-dialog-private.h"
#include "lt-ticket-detail.h"
#include "lt-ticket-detail-private.h"
#include "lt-tickets-page.h"
#include "lt-ui-util.h"
#include "lt-window.h"
#include "lt-window-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* "<Control>Return <Control>KP_Enter" as GTK writes them, so that two
 * spellings of one key compare equal. */
static char *
normalize_accels (const char * const *accels)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; accels != NULL && accels[i] != NULL; i++)
    {
      guint key = 0;
      GdkModifierType mods = 0;

      g_assert_true (gtk_accelerator_parse (accels[i], &key, &mods));
      g_ptr_array_add (names, gtk_accelerator_name (key, mods));
    }
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static void
collect_shortcuts (GtkWidget  *widget,
                   GHashTable *shown)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *title = NULL;
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (widget, "title", &title, "accelerator", &accelerator, NULL);
      accels = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      g_hash_table_insert (shown, g_steal_pointer (&title),
                           normalize_accels ((const char * const *) accels));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcuts (child, shown);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        return toplevel;
    }

  return NULL;
}

/* The table, the application's accelerators and the shortcuts window say
 * the same, both ways: a key set but not shown, or shown but not set,
 * fails. */
static void
test_shortcuts_window (void)
{
  g_autoptr(LtApplication) app = lt_application_new ();
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) described = NULL;
  const LtShortcut *table;
  GtkWindow *shortcuts;
  guint n;

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  table = lt_shortcuts_get_all (&n);
  g_assert_cmpuint (n, >, 0);

  /* Application scope: what GTK has is what the table says… */
  for (guint i = 0; i < n; i++)
    if (table[i].scope == LT_SHORTCUT_SCOPE_APPLICATION)
      {
        g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                      table[i].action);
        g_autofree char *have = normalize_accels ((const char * const *) accels);
        g_autofree char *want = normalize_accels (table[i].accels);

        g_assert_cmpstr (have, ==, want);
      }
  /* …and nothing has a key the table does not list. */
  described = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; described[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), described[i]);
      const LtShortcut *entry = lt_shortcuts_lookup (described[i]);

      if (accels[0] == NULL)
        continue;
      g_test_message ("%s has keys", described[i]);
      g_assert_nonnull (entry);
      g_assert_cmpint (entry->scope, ==, LT_SHORTCUT_SCOPE_APPLICATION);
    }

  /* The window app.shortcuts shows: a title, every entry of the table
   * with its keys, and nothing else. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  g_assert_cmpstr (gtk_window_get_title (shortcuts), ==, "Keyboard Shortcuts");
  collect_shortcuts (GTK_WIDGET (shortcuts), shown);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *want = normalize_accels (table[i].accels);
      const char *have = g_hash_table_lookup (shown, _(table[i].title));

      g_test_message ("%s: %s", table[i].title, want);
      g_assert_nonnull (have);
      g_assert_cmpstr (have, ==, want);
      g_assert_cmpstr (have, !=, "");
    }
  g_assert_cmpuint (g_hash_table_size (shown), ==, n);
  /* The keys the issue found missing. */
  g_assert_nonnull (g_hash_table_lookup (shown, "New Ticket"));
  g_assert_nonnull (g_hash_table_lookup (shown, "Sync With the Portal"));
  g_assert_cmpstr (g_hash_table_lookup (shown, "Preferences"), ==, "<Control>comma");
  g_assert_cmpstr (g_hash_table_lookup (shown, "Quit"), ==, "<Control>q");
  g_assert_cmpstr (g_hash_table_lookup (shown, "Close Window"), ==, "<Control>w");
  g_assert_cmpstr (g_hash_table_lookup (shown, "New Change Notice"), ==, "<Shift><Control>n");
  g_assert_cmpstr (g_hash_table_lookup (shown, "Previous Step"), ==, "<Alt>Left");

  gtk_window_destroy (gtk_window_get_transient_for (shortcuts));
  gtk_window_destroy (shortcuts);
}

/* The GtkShortcut of @widget's own controllers for @accel, and the
 * controller's phase. */
static GtkShortcut *
find_shortcut (GtkWidget        *widget,
               const char       *accel,
               GtkPropagationPhase *phase)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  guint key = 0;
  GdkModifierType mods = 0;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == key &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == mods)
            {
              *phase = gtk_event_controller_get_propagation_phase (controller);
              return shortcut;
            }
        }
    }

  return NULL;
}

/* What pressing @accel on @widget does: its shortcut's action, as GTK
 * runs it; returns whether the key was taken. */
static gboolean
press (GtkWidget  *widget,
       const char *accel)
{
  GtkPropagationPhase phase = GTK_PHASE_NONE;
  GtkShortcut *shortcut = find_shortcut (widget, accel, &phase);

  g_assert_nonnull (shortcut);
  /* Before the focused child: a text view never sees it. */
  g_assert_cmpint (phase, ==, GTK_PHASE_CAPTURE);
  return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget, NULL);
}

typedef struct
{
  LtAppFixture  app;
  LtWindow     *window;
  LtTicketDetail *detail;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->window = lt_app_fixture_open_demo_window (&f->app, LT_APP_DEMO_NOW, 1400, 900);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  GtkWidget *dialog = f->detail != NULL ? lt_ticket_detail_get_dialog (f->detail) : NULL;

  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (f->window));
  lt_app_test_flush ();
  lt_app_fixture_teardown (&f->app);
}

static void
show_ticket (Fixture    *f,
             const char *id)
{
  lt_window_show_ticket (f->window, id);
  lt_app_test_flush ();
  f->detail = LT_TICKET_DETAIL (lt_app_test_find_widget (lt_window_get_page (f->window, "tickets"),
                                                         LT_TYPE_TICKET_DETAIL));
  g_assert_nonnull (lt_ticket_detail_get_ticket (f->detail));
  g_assert_cmpstr (lt_ticket_get_id (lt_ticket_detail_get_ticket (f->detail)), ==, id);
}

static char *
dup_buffer_text (GtkWidget *dialog)
{
  GtkTextView *view = GTK_TEXT_VIEW (lt_app_test_find_widget (dialog, GTK_TYPE_TEXT_VIEW));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

static guint
count_outbox (Fixture    *f,
              const char *needle)
{
  g_autoptr(GPtrArray) items = lt_outbox_list (lt_context_get_outbox (f->app.context), NULL);
  guint n = 0;

  for (guint i = 0; i < items->len; i++)
    if (strstr (lt_outbox_item_get_payload (g_ptr_array_index (items, i)), needle) != NULL)
      n++;

  return n;
}

/* Ctrl+Enter in a reason box submits and is never a newline: taken
 * before the text view, also while the reason is still missing. */
static void
test_ctrl_enter (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *dialog;
  g_autofree char *text = NULL;

  show_ticket (f, "LT-000139");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.comment", NULL));
  dialog = lt_ticket_detail_get_dialog (f->detail);
  g_assert_nonnull (dialog);

  /* Blank: nothing is sent, nothing typed, the dialog stays. */
  g_assert_true (press (dialog, "<Control>Return"));
  lt_app_test_flush ();
  g_assert_true (lt_ticket_detail_get_dialog (f->detail) == dialog);
  text = dup_buffer_text (dialog);
  g_assert_cmpstr (text, ==, "");

  lt_ticket_action_dialog_set_text (LT_TICKET_ACTION_DIALOG (dialog), "The collector restarted twice.");
  g_assert_true (press (dialog, "<Control>Return"));
  lt_app_test_flush ();
  g_assert_null (lt_ticket_detail_get_dialog (f->detail));
  g_assert_cmpuint (count_outbox (f, "The collector restarted twice.\""), ==, 1);
  g_assert_cmpuint (count_outbox (f, "The collector restarted twice.\\n"), ==, 0);

  /* The change notice form and the assistant: the same keys, as
   * listed, taken before their text boxes. */
  {
    GtkWidget *notice = lt_change_notice_dialog_new (f->app.context);
    GtkWidget *assistant = lt_new_ticket_assistant_new (f->app.context);

    g_assert_true (press (notice, "<Control>Return"));
    gtk_switch_set_active (GTK_SWITCH (lt_app_test_find_widget (lt_ui_find_row (assistant, "Issues for Some Users or Features"),
                                                                GTK_TYPE_SWITCH)), TRUE);
    g_assert_cmpstr (lt_new_ticket_assistant_get_step (LT_NEW_TICKET_ASSISTANT (assistant)), ==, "severity");
    g_assert_true (press (assistant, "<Alt>Right"));
    g_assert_cmpstr (lt_new_ticket_assistant_get_step (LT_NEW_TICKET_ASSISTANT (assistant)), !=, "severity");
    g_assert_true (press (assistant, "<Alt>Left"));
    g_assert_cmpstr (lt_new_ticket_assistant_get_step (LT_NEW_TICKET_ASSISTANT (assistant)), ==, "severity");
    g_assert_true (press (assistant, "<Control>Return"));
    g_assert_cmpstr (lt_new_ticket_assistant_get_step (LT_NEW_TICKET_ASSISTANT (assistant)), !=, "severity");
    gtk_window_destroy (GTK_WINDOW (notice));
    gtk_window_destroy (GTK_WINDOW (assistant));
  }

  /* Ctrl+F on the Tickets page, from the table too. */
  {
    GtkWidget *page = lt_window_get_page (f->window, "tickets");
    GtkWidget *search = lt_app_test_find_widget (page, GTK_TYPE_SEARCH_ENTRY);

    g_assert_true (press (page, "<Control>f"));
    lt_app_test_flush ();
    g_assert_true (gtk_widget_has_focus (search) ||
                   gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), search));
  }
}

static GtkWidget *
focus_of (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

/* After a dialog the focus is back where it was: on the row that opened
 * it, or, when the action took that row away, still in the pane. */
static void
test_focus_returns (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *row;
  GtkWidget *dialog;
  GtkWidget *focus;

  show_ticket (f, "LT-000139");
  row = lt_ui_find_row (GTK_WIDGET (f->detail), "Comment");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (focus_of (f) == row);

  /* Cancelled. */
  gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.comment", NULL);
  dialog = lt_ticket_detail_get_dialog (f->detail);
  g_assert_nonnull (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  lt_app_test_flush ();
  g_assert_true (focus_of (f) == row);

  /* Reopened: the Reopen row goes with the closed state. */
  show_ticket (f, "LT-000120");
  row = lt_ui_find_row (GTK_WIDGET (f->detail), "Reopen");
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (focus_of (f) == row);
  gtk_widget_activate_action (GTK_WIDGET (f->detail), "ticket.reopen", NULL);
  dialog = lt_ticket_detail_get_dialog (f->detail);
  g_assert_nonnull (dialog);
  lt_ticket_action_dialog_set_text (LT_TICKET_ACTION_DIALOG (dialog), "The export fails again.");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  gtk_window_close (GTK_WINDOW (dialog));
  lt_app_test_flush ();
  g_assert_cmpint (lt_ticket_get_state (lt_ticket_detail_get_ticket (f->detail)), !=, LT_TICKET_STATE_CLOSED);

  focus = focus_of (f);
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_drawable (focus));
  g_assert_true (gtk_widget_is_sensitive (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (f->detail)));
}

/* The header's menu button that F10 opens (GtkMenuButton:primary), or the
 * other one. */
static GtkMenuButton *
find_menu_button (GtkWidget *root,
                  gboolean   primary)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found;

      if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (child)) == primary)
        return GTK_MENU_BUTTON (child);
      found = find_menu_button (child, primary);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The label of the first item of @popover's menu (its first section's). */
static char *
dup_first_item_label (GtkPopover *popover)
{
  GMenuModel *model = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);
  char *label = NULL;

  g_assert_nonnull (section);
  g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_LABEL, "s", &label));
  return label;
}

/* F10 opens the main menu, and a click the New menu, though neither
 * popover is made before it is first opened (docs/app.md, "Start-up"). */
static void
test_menus_open (Fixture       *f,
                 gconstpointer  data)
{
  GtkMenuButton *main_menu = find_menu_button (GTK_WIDGET (f->window), TRUE);
  GtkMenuButton *new_menu = find_menu_button (GTK_WIDGET (f->window), FALSE);
  GtkPropagationPhase phase = GTK_PHASE_NONE;
  GtkShortcut *f10 = find_shortcut (GTK_WIDGET (f->window), "F10", &phase);
  g_autofree char *main_first = NULL;
  g_autofree char *new_first = NULL;

  g_assert_nonnull (main_menu);
  g_assert_nonnull (new_menu);
  g_assert_null (gtk_menu_button_get_popover (main_menu));
  g_assert_null (gtk_menu_button_get_popover (new_menu));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (main_menu)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (new_menu)));

  g_assert_nonnull (f10);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (f10), 0,
                                               GTK_WIDGET (f->window), NULL));
  g_assert_nonnull (gtk_menu_button_get_popover (main_menu));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (main_menu))));
  main_first = dup_first_item_label (gtk_menu_button_get_popover (main_menu));
  g_assert_cmpstr (main_first, ==, "_Preferences");
  gtk_menu_button_popdown (main_menu);

  gtk_menu_button_popup (new_menu);
  g_assert_nonnull (gtk_menu_button_get_popover (new_menu));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (new_menu))));
  new_first = dup_first_item_label (gtk_menu_button_get_popover (new_menu));
  g_assert_cmpstr (new_first, ==, "New _Ticket…");
  gtk_menu_button_popdown (new_menu);
  lt_app_test_flush ();
}

/* The new ticket assistant's "total outage" switch (AdwExpanderRow's
 * own) says what it switches. */
static void
test_outage_switch_named (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *assistant = lt_new_ticket_assistant_new (f->app.context);
  GtkWidget *row = lt_ui_find_row (assistant, "A Total Outage");
  GtkWidget *toggle;

  g_assert_nonnull (row);
  toggle = lt_app_test_find_widget (row, GTK_TYPE_SWITCH);
  g_assert_nonnull (toggle);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "A total outage");
  gtk_window_destroy (GTK_WINDOW (assistant));
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add_func ("/lt/app/keyboard/shortcuts-window", test_shortcuts_window);
  g_test_add ("/lt/app/keyboard/ctrl-enter", Fixture, NULL, setup, test_ctrl_enter, teardown);
  g_test_add ("/lt/app/keyboard/focus-returns", Fixture, NULL, setup, test_focus_returns, teardown);
  g_test_add ("/lt/app/keyboard/outage-switch-named", Fixture, NULL, setup, test_outage_switch_named, teardown);
  g_test_add ("/lt/app/keyboard/menus-open", Fixture, NULL, setup, test_menus_open, teardown);

  return g_test_run ();
}
