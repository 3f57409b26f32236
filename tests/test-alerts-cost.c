/* test-alerts-cost.c: what one look of the deadline engine costs per
 * open ticket, counted, not timed: the calls of the business calendar's
 * two walks (adding business minutes, business seconds between two
 * instants), wrapped at link time (-Wl,--wrap, tests/meson.build).
 *
 * The SLA onset search bisects the seconds between the opening and the
 * due instant; it used to compute the due instant again at each step and
 * to search the risk of every ticket, also of those whose breach was told
 * long ago: some 90 walks per unanswered ticket, most of the notifier's
 * first look at a large profile (docs/performance.md, "The notifier's
 * look").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-alerts.h"
#include "lt-business-calendar.h"
#include "lt-test-util.h"

static guint add_minutes_calls;
static guint seconds_between_calls;

GDateTime *__real_lt_business_calendar_add_business_minutes (LtBusinessCalendar *self,
                                                             GDateTime          *start,
                                                             guint64             minutes);
gint64     __real_lt_business_calendar_business_seconds_between (LtBusinessCalendar *self,
                                                                 GDateTime          *from,
                                                                 GDateTime          *to);
GDateTime *__wrap_lt_business_calendar_add_business_minutes (LtBusinessCalendar *self,
                                                             GDateTime          *start,
                                                             guint64             minutes);
gint64     __wrap_lt_business_calendar_business_seconds_between (LtBusinessCalendar *self,
                                                                 GDateTime          *from,
                                                                 GDateTime          *to);

GDateTime *
__wrap_lt_business_calendar_add_business_minutes (LtBusinessCalendar *self,
                                                  GDateTime          *start,
                                                  guint64             minutes)
{
  add_minutes_calls++;
  return __real_lt_business_calendar_add_business_minutes (self, start, minutes);
}

gint64
__wrap_lt_business_calendar_business_seconds_between (LtBusinessCalendar *self,
                                                      GDateTime          *from,
                                                      GDateTime          *to)
{
  seconds_between_calls++;
  return __real_lt_business_calendar_business_seconds_between (self, from, to);
}

/* @n unanswered S2 tickets opened on Monday 2 November 2026, a minute
 * apart: breached, and told, weeks before the look. */
static void
add_breached_tickets (GPtrArray *tickets,
                      guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      LtTicket *ticket = lt_ticket_new ();
      g_autofree char *id = g_strdup_printf ("LT-%06u", i + 1);
      g_autoptr(GDateTime) opened = g_date_time_new_utc (2026, 11, 2, 15, (int) (i % 60), 0);

      lt_ticket_set_id (ticket, id);
      lt_ticket_set_title (ticket, "Disk full on node 2");
      lt_ticket_set_severity (ticket, LT_SEVERITY_S2);
      lt_ticket_set_state (ticket, LT_TICKET_STATE_SUBMITTED);
      lt_ticket_set_opened_at (ticket, opened);
      g_ptr_array_add (tickets, ticket);
    }
}

typedef struct
{
  guint n_alerts;
  guint add_minutes;
  guint seconds_between;
} Look;

static Look
look_at (guint n_tickets)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = lt_test_instant ("2026-12-10T15:00:00Z");
  g_autoptr(GPtrArray) alerts = NULL;
  g_auto(LtAlertInput) input = { .tier = LT_TIER_ENTERPRISE };
  Look look;

  input.policy = lt_policy_new_default (&error);
  g_assert_no_error (error);
  input.tickets = g_ptr_array_new_with_free_func (g_object_unref);
  input.since = lt_test_instant ("2026-12-01T00:00:00Z");
  add_breached_tickets (input.tickets, n_tickets);

  add_minutes_calls = 0;
  seconds_between_calls = 0;
  alerts = lt_alerts_compute (&input, now, NULL);
  look = (Look) { alerts->len, add_minutes_calls, seconds_between_calls };
  for (guint i = 0; i < alerts->len; i++)
    g_assert_cmpint (((LtAlert *) g_ptr_array_index (alerts, i))->kind, ==,
                     LT_ALERT_KIND_SLA_BREACHED);
  return look;
}

/* A breached ticket costs its due instant once, and no search of its
 * risk: the calendar's walks grow by a constant few per ticket. */
static void
test_breached (void)
{
  Look small = look_at (100);
  Look large = look_at (1000);
  guint per_ticket_minutes = (large.add_minutes - small.add_minutes) / 900;
  guint per_ticket_seconds = (large.seconds_between - small.seconds_between) / 900;

  g_assert_cmpuint (small.n_alerts, ==, 100);
  g_assert_cmpuint (large.n_alerts, ==, 1000);
  g_test_message ("per ticket: %u additions of business minutes, %u business-time spans",
                  per_ticket_minutes, per_ticket_seconds);
  g_assert_cmpuint (per_ticket_minutes, <=, 2);
  g_assert_cmpuint (per_ticket_seconds, <=, 2);
}

int
main (int argc, char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/alerts-cost/breached", test_breached);

  return g_test_run ();
}
