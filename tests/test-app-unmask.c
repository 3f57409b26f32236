/* test-app-unmask.c: the ticket's history reads the vendor's answer back
 * (issue 14, point 7; docs/bundle.md, "Reading the answer back")
 *
 * The demo customer (lt-app-demo-data.c) with a redaction map, as a
 * bundle leaves it, and a ticket whose history holds LockThreat's comment
 * naming host0 and 240.0.0.17 and Ada Lovelace's own comment naming host0.
 * The history shows the real names beside the vendor's, marked as this
 * computer's, and the "Real Names" switch (remembered in GSettings)
 * shows the text as sent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-app-unmask"

#include "config.h"

#include "lt-app-demo-data.h"
#include "lt-app-test-util.h"
#include "lt-redaction-map.h"
#include "lt-store-redaction-map.h"
#include "lt-store-tickets.h"
#include "lt-test-util.h"
#include "lt-ticket-detail.h"
#include "lt-tickets-page.h"

#include <string.h>

#define TICKET_ID "LT-000414"
#define VENDOR_COMMENT "host0 fails to reach 240.0.0.17. Is user0 allowed there?"
#define VENDOR_UNMASKED "host0 (vault) fails to reach 240.0.0.17 (10.0.3.17). Is user0 (alice) allowed there?"
#define CUSTOMER_COMMENT "Is host0 the one behind the firewall?"

typedef LtAppTicketsFixture Fixture;

static void
add_ticket_and_map (LtStore *store)
{
  g_autoptr(GDateTime) opened = lt_test_instant ("2026-11-26T14:00:00Z");
  g_autoptr(GDateTime) asked = lt_test_instant ("2026-11-26T15:00:00Z");
  g_autoptr(GDateTime) answered = lt_test_instant ("2026-11-26T16:00:00Z");
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(LtTicketEvent) vendor = lt_ticket_event_new_comment (asked, "Dana Whitfield (LockThreat Support)",
                                                                 VENDOR_COMMENT);
  g_autoptr(LtTicketEvent) customer = lt_ticket_event_new_comment (answered, "Ada Lovelace", CUSTOMER_COMMENT);
  LtTicketEvent *events[] = { vendor, customer };
  g_autoptr(GError) error = NULL;

  g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_HOSTNAME, "vault"));
  g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_IPV4, "10.0.3.17"));
  g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_USER, "alice"));
  g_assert_true (lt_store_set_redaction_map (store, map, answered, &error));
  g_assert_no_error (error);

  lt_ticket_set_id (ticket, TICKET_ID);
  lt_ticket_set_title (ticket, "Collector cannot reach its secrets store");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, LT_TICKET_STATE_IN_PROGRESS);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, answered);
  g_assert_true (lt_store_upsert_ticket (store, ticket, answered, &error));
  g_assert_no_error (error);
  lt_ticket_event_set_id (vendor, "EV-000001");
  lt_ticket_event_set_id (customer, "EV-000002");
  g_assert_true (lt_store_replace_ticket_events (store, ticket, events, G_N_ELEMENTS (events), &error));
  g_assert_no_error (error);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  lt_app_fixture_setup_demo (&f->app, LT_APP_DEMO_NOW);
  add_ticket_and_map (lt_context_get_store (f->app.context));
  lt_app_tickets_fixture_open (f, 1200, 800);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  lt_app_tickets_fixture_teardown (f);
}

static void
find_labels_containing (GtkWidget  *widget,
                        const char *needle,
                        guint      *count)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    (*count)++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_labels_containing (child, needle, count);
}

static guint
count_labels_containing (Fixture    *f,
                         const char *needle)
{
  guint count = 0;

  find_labels_containing (GTK_WIDGET (f->detail), needle, &count);
  return count;
}

static GtkWidget *
find_shown_label (Fixture    *f,
                  const char *text)
{
  GtkWidget *label = lt_app_test_find_label (GTK_WIDGET (f->detail), text);

  if (label == NULL)
    g_test_message ("“%s” is not shown in the ticket’s history", text);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_is_visible (label));
  return label;
}

/* The vendor's names with the real ones beside them, dimmed and in
 * italics, with the tooltip that says they stay here; the label's text
 * (what a screen reader reads) holds them. The customer's own comment is
 * as written. The switch, on by default, is labelled for the keyboard
 * (Alt+R) and for a screen reader; off, the text is as sent, and the
 * choice is remembered. */
static void
test_real_names (Fixture       *f,
                 gconstpointer  data)
{
  GSettings *settings = lt_context_get_settings (f->app.context);
  GtkWidget *label;
  GtkWidget *sw;
  GtkWidget *caption;
  g_autofree char *tooltip = NULL;

  lt_app_tickets_fixture_show (f, TICKET_ID);

  label = find_shown_label (f, VENDOR_UNMASKED);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
  g_assert_true (gtk_label_get_use_markup (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)),
                            "<span style=\"italic\" alpha=\"60%\">(vault)</span>"));
  tooltip = g_strdup (gtk_widget_get_tooltip_text (label));
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "only on this computer"));
  find_shown_label (f, CUSTOMER_COMMENT);
  g_assert_cmpuint (count_labels_containing (f, "(vault)"), ==, 1);

  sw = lt_app_test_find_widget (GTK_WIDGET (f->detail), GTK_TYPE_SWITCH);
  g_assert_nonnull (sw);
  g_assert_true (gtk_widget_is_visible (sw));
  g_assert_true (gtk_widget_get_focusable (sw));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  caption = find_shown_label (f, "Real Names");
  g_assert_true (gtk_label_get_mnemonic_widget (GTK_LABEL (caption)) == sw);
  g_assert_cmpuint (gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (caption))), ==, GDK_KEY_r);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL);

  /* As the keyboard toggles it. */
  gtk_widget_activate (sw);
  lt_app_test_settle (f->window);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
  g_assert_false (g_settings_get_boolean (settings, "show-real-names"));
  label = find_shown_label (f, VENDOR_COMMENT);
  g_assert_false (gtk_label_get_use_markup (GTK_LABEL (label)));
  g_assert_null (gtk_widget_get_tooltip_text (label));
  find_shown_label (f, CUSTOMER_COMMENT);
  g_assert_cmpuint (count_labels_containing (f, "vault"), ==, 0);
  g_assert_cmpuint (count_labels_containing (f, "10.0.3.17"), ==, 0);

  /* Remembered: another ticket and back, still as sent. */
  lt_app_tickets_fixture_show (f, "LT-000139");
  lt_app_tickets_fixture_show (f, TICKET_ID);
  find_shown_label (f, VENDOR_COMMENT);

  /* The setting, changed elsewhere (another window), is followed. */
  g_settings_set_boolean (settings, "show-real-names", TRUE);
  lt_app_test_settle (f->window);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
  find_shown_label (f, VENDOR_UNMASKED);
}

/* Where no text of LockThreat names anything the map knows, there is no
 * switch: it would change nothing. */
static void
test_no_switch (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *sw;

  lt_app_tickets_fixture_show (f, "LT-000139");
  sw = lt_app_test_find_widget (GTK_WIDGET (f->detail), GTK_TYPE_SWITCH);
  g_assert_nonnull (sw);
  g_assert_false (gtk_widget_is_visible (sw));
  g_assert_cmpuint (count_labels_containing (f, "(vault)"), ==, 0);

  lt_app_tickets_fixture_show (f, TICKET_ID);
  g_assert_true (gtk_widget_is_visible (sw));
}

int
main (int   argc,
      char *argv[])
{
  lt_app_test_init (&argc, &argv);

  g_test_add ("/lt/app/unmask/real-names", Fixture, NULL, setup, test_real_names, teardown);
  g_test_add ("/lt/app/unmask/no-switch", Fixture, NULL, setup, test_no_switch, teardown);

  return g_test_run ();
}
