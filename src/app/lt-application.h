/* lt-application.h: LockThreat Support, the GTK application
 *
 * One instance per user (APPLICATION_ID), except with --profile,
 * which runs on its own so that a demo profile never lands in the user's
 * running window. Options:
 *   --portal URL    the portal for this run (not saved)
 *   --profile DIR   keep the database in DIR/support.db
 *   --background    no window: the sync and timers run, held until the
 *                   menu's Quit or "run-in-background" is turned off
 *                   (lt-background.h; docs/app.md, "Background mode")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_APPLICATION (lt_application_get_type ())
G_DECLARE_FINAL_TYPE (LtApplication, lt_application, LT, APPLICATION, AdwApplication)

LtApplication *lt_application_new         (void);

/* The first-run question about background mode while it is shown. */
GtkWidget     *lt_application_get_background_question (LtApplication *self);

G_END_DECLS
