/* lt-shortcuts.h: every keyboard shortcut of the application, in one table
 *
 * The application sets the accelerators of its own and its windows'
 * actions from this table, the widgets whose actions live on them (the
 * assistant, the forms, the reason dialogs) attach theirs from it, and
 * the shortcuts window is generated from it: what the window shows is
 * what the keys do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  /* gtk_application_set_accels_for_action(): app.*, win.*, window.* */
  LT_SHORTCUT_SCOPE_APPLICATION,
  /* lt_shortcuts_attach() on the widget that has the action */
  LT_SHORTCUT_SCOPE_WIDGET,
} LtShortcutScope;

typedef struct
{
  const char      *action;      /* detailed action name, "win.page::tickets" */
  const char      *accels[4];   /* gtk_accelerator_parse() forms, NULL-terminated */
  const char      *group;       /* untranslated (N_()) group of the shortcuts window */
  const char      *title;       /* untranslated (N_()) title */
  LtShortcutScope  scope;
} LtShortcut;

/* The table, @n_shortcuts entries, in the shortcuts window's order. */
/* The entry of @action, or NULL. */
const LtShortcut *lt_shortcuts_lookup       (const char   *action);

/* Sets every application-scope accelerator of the table on @app. */
void              lt_shortcuts_set_accels   (GtkApplication *app);

/* Adds the keys of @action (a widget-scope entry) to @widget, in the
 * capture phase: they act before the focused child sees them, so Ctrl+Enter
 * in a text view never inserts a newline, and the key is consumed even
 * while the action is disabled. */
void              lt_shortcuts_attach       (GtkWidget    *widget,
                                             const char   *action);

/* A GtkShortcutsWindow generated from the table (translated titles),
 * owned by GTK as every toplevel; NULL only if the template is broken. */
GtkWindow        *lt_shortcuts_window_new   (void);

G_END_DECLS
