/* lt-test-notification-server.h: what the desktop was asked to show
 *
 * A private session bus (GTestDBus) and, on it, either an implementation
 * of GNOME Shell's org.gtk.Notifications that records every
 * AddNotification and RemoveNotification, or the real `dunst` notification
 * daemon (org.freedesktop.Notifications) watched by a bus monitor that
 * records its Notify and CloseNotification calls. GApplication's
 * GNotification picks the interface on its own, as on a desktop.
 *
 * Call lt_test_notification_bus_up() before anything connects to the
 * session bus (before gtk_init()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One call the desktop received. */
typedef struct
{
  gboolean  removed;        /* RemoveNotification / CloseNotification */
  char     *id;             /* the application's notification id (gtk) */
  char     *title;
  char     *body;
  char     *priority;       /* "normal", "urgent"… (gtk) */
  char     *default_action; /* "app.show-ticket::LT-000001"-like: action::target */
  GStrv     buttons;        /* "Label=app.action::target" */
} LtShownNotification;

typedef struct _LtTestNotificationServer LtTestNotificationServer;

/* Starts the private session bus. */
void                      lt_test_notification_bus_up   (void);
void                      lt_test_notification_bus_down (void);

/* org.gtk.Notifications in this process. */
LtTestNotificationServer *lt_test_notification_server_new_gtk   (void);
/* The real dunst (needs a display: the UI suite runs under Xvfb). */
LtTestNotificationServer *lt_test_notification_server_new_dunst (void);
void                      lt_test_notification_server_free      (LtTestNotificationServer *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtTestNotificationServer, lt_test_notification_server_free)

/* The calls received so far, and forgets them (LtShownNotification). */
GPtrArray                *lt_test_notification_server_take      (LtTestNotificationServer *self);
/* Runs the main context until @n calls arrived or @timeout_ms passed. */
gboolean                  lt_test_notification_server_wait      (LtTestNotificationServer *self,
                                                                 guint                     n,
                                                                 guint                     timeout_ms);
/* gtk only: returns once every call sent on @from before it (the
 * application's connection) has been received: no waiting on time. */
void                      lt_test_notification_server_flush     (LtTestNotificationServer *self,
                                                                 GDBusConnection          *from);
/* dunst only: how many notifications it displays now (`dunstctl count
 * displayed`). */
guint                     lt_test_notification_server_count_displayed (LtTestNotificationServer *self);

void                      lt_shown_notification_free (LtShownNotification *shown);

G_END_DECLS
