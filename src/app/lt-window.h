/* lt-window.h: the main window
 *
 * A header bar with a view switcher over five pages (Overview, Tickets,
 * Changes, Maintenance, Versions), a banner area for conditions that last
 * (a damaged database, a store that cannot be opened) and a toast overlay
 * for events. Narrow windows move the switcher to a bottom bar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_WINDOW (lt_window_get_type ())
G_DECLARE_FINAL_TYPE (LtWindow, lt_window, LT, WINDOW, AdwApplicationWindow)

/* @application may be NULL (tests). */
LtWindow   *lt_window_new              (GtkApplication *application,
                                        LtContext      *context);

/* "overview", "tickets", "changes", "maintenance", "versions". */
void        lt_window_show_page        (LtWindow       *self,
                                        const char     *name);

/* A lasting condition: a banner under the header bar until closed.
 * @details (nullable) adds a "Details" button. */
void        lt_window_add_banner       (LtWindow       *self,
                                        GtkMessageType  type,
                                        const char     *text,
                                        const char     *details);

/* At start: the "Connect to LockThreat" page over the pages when the
 * profile has no portal address of the admin's or no token. */
void        lt_window_offer_connect    (LtWindow       *self);
void        lt_window_set_connect_page_shown (LtWindow *self,
                                              gboolean  shown);

/* Opens the new-ticket assistant; @references_ticket (nullable) is the
 * closed ticket the new one follows up (R5, after its reopen window). */
void        lt_window_new_ticket       (LtWindow      *self,
                                        const char    *references_ticket);
/* Shows the Tickets page with the ticket @id selected. */
void        lt_window_show_ticket      (LtWindow      *self,
                                        const char    *id);

/* Shows the ticket @id and activates the detail's @action on it
 * ("ticket.escalate"). */
void        lt_window_activate_ticket_action (LtWindow   *self,
                                              const char *id,
                                              const char *action);
/* The Changes page with the notice @key (local id or id) focused. */
void        lt_window_show_change_notice (LtWindow   *self,
                                          const char *key);

/* Opens the new change notice form on the Changes page. */
void        lt_window_new_change_notice (LtWindow      *self);

G_END_DECLS
