/* test-lifecycle.c: R5 transitions, close reasons, auto-close, reopen and
 * the customer's actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-lifecycle.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"

#include <string.h>

#define N_STATES (LT_TICKET_STATE_REOPENED + 1)
#define N_REASONS (LT_CLOSE_REASON_WITHDRAWN + 1)

typedef LtTicketState S;

static LtPolicy *
load_policy (void)
{
  g_autoptr(GError) error = NULL;
  LtPolicy *policy = lt_policy_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  return policy;
}

/* The table of docs/policy-rules.md, written out again here so that a
 * change to the code's table has to be a deliberate change to both. */
static const struct {
  S from;
  S to;
} allowed_transitions[] = {
  { LT_TICKET_STATE_DRAFT, LT_TICKET_STATE_QUEUED },
  { LT_TICKET_STATE_QUEUED, LT_TICKET_STATE_DRAFT },
  { LT_TICKET_STATE_QUEUED, LT_TICKET_STATE_SUBMITTED },
  { LT_TICKET_STATE_SUBMITTED, LT_TICKET_STATE_TRIAGED },
  { LT_TICKET_STATE_SUBMITTED, LT_TICKET_STATE_CLOSED },
  { LT_TICKET_STATE_TRIAGED, LT_TICKET_STATE_IN_PROGRESS },
  { LT_TICKET_STATE_TRIAGED, LT_TICKET_STATE_CLOSED },
  { LT_TICKET_STATE_IN_PROGRESS, LT_TICKET_STATE_AWAITING_CUSTOMER },
  { LT_TICKET_STATE_IN_PROGRESS, LT_TICKET_STATE_RESOLVED },
  { LT_TICKET_STATE_IN_PROGRESS, LT_TICKET_STATE_CLOSED },
  { LT_TICKET_STATE_AWAITING_CUSTOMER, LT_TICKET_STATE_IN_PROGRESS },
  { LT_TICKET_STATE_AWAITING_CUSTOMER, LT_TICKET_STATE_CLOSED },
  { LT_TICKET_STATE_RESOLVED, LT_TICKET_STATE_IN_PROGRESS },
  { LT_TICKET_STATE_RESOLVED, LT_TICKET_STATE_CLOSED },
  { LT_TICKET_STATE_CLOSED, LT_TICKET_STATE_REOPENED },
  { LT_TICKET_STATE_REOPENED, LT_TICKET_STATE_IN_PROGRESS },
  { LT_TICKET_STATE_REOPENED, LT_TICKET_STATE_CLOSED },
};

static const struct {
  LtCloseReason reason;
  S from;
} fitting_reasons[] = {
  { LT_CLOSE_REASON_CONFIRMED, LT_TICKET_STATE_RESOLVED },
  { LT_CLOSE_REASON_NO_RESPONSE, LT_TICKET_STATE_AWAITING_CUSTOMER },
  { LT_CLOSE_REASON_RESOLVED_TIMEOUT, LT_TICKET_STATE_RESOLVED },
  { LT_CLOSE_REASON_FIXED_IN_CURRENT, LT_TICKET_STATE_SUBMITTED },
  { LT_CLOSE_REASON_FIXED_IN_CURRENT, LT_TICKET_STATE_TRIAGED },
  { LT_CLOSE_REASON_FIXED_IN_CURRENT, LT_TICKET_STATE_IN_PROGRESS },
  { LT_CLOSE_REASON_FIXED_IN_CURRENT, LT_TICKET_STATE_AWAITING_CUSTOMER },
  { LT_CLOSE_REASON_FIXED_IN_CURRENT, LT_TICKET_STATE_REOPENED },
  { LT_CLOSE_REASON_WITHDRAWN, LT_TICKET_STATE_SUBMITTED },
  { LT_CLOSE_REASON_WITHDRAWN, LT_TICKET_STATE_TRIAGED },
  { LT_CLOSE_REASON_WITHDRAWN, LT_TICKET_STATE_IN_PROGRESS },
  { LT_CLOSE_REASON_WITHDRAWN, LT_TICKET_STATE_AWAITING_CUSTOMER },
  { LT_CLOSE_REASON_WITHDRAWN, LT_TICKET_STATE_RESOLVED },
  { LT_CLOSE_REASON_WITHDRAWN, LT_TICKET_STATE_REOPENED },
};

static gboolean
expect_transition (S from,
                   S to)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed_transitions); i++)
    if (allowed_transitions[i].from == from && allowed_transitions[i].to == to)
      return TRUE;
  return FALSE;
}

static gboolean
expect_reason (S             from,
               LtCloseReason reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (fitting_reasons); i++)
    if (fitting_reasons[i].from == from && fitting_reasons[i].reason == reason)
      return TRUE;
  return FALSE;
}

/* Every one of the 81 pairs, allowed or refused as documented. */
static void
test_lifecycle_transitions_exhaustive (void)
{
  for (S from = 0; from < N_STATES; from++)
    for (S to = 0; to < N_STATES; to++)
      {
        gboolean expected = expect_transition (from, to);

        if (lt_lifecycle_can_transition (from, to) != expected)
          g_test_fail_printf ("transition %s -> %s: expected %s",
                   lt_enum_to_nick (LT_TYPE_TICKET_STATE, from),
                   lt_enum_to_nick (LT_TYPE_TICKET_STATE, to),
                   expected ? "allowed" : "refused");
      }
}

/* Every close reason against every state it could leave. */
static void
test_lifecycle_close_reasons_exhaustive (void)
{
  for (LtCloseReason reason = 0; reason < N_REASONS; reason++)
    for (S from = 0; from < N_STATES; from++)
      {
        gboolean expected = expect_reason (from, reason);

        g_assert_cmpint (lt_lifecycle_close_reason_fits (from, reason), ==, expected);
        /* A fitting reason is only ever for a state that may close. */
        if (expected)
          g_assert_true (lt_lifecycle_can_transition (from, LT_TICKET_STATE_CLOSED));
      }
}

/* check_transition combines the two tables and explains a refusal. */
static void
test_lifecycle_check_transition (void)
{
  for (S from = 0; from < N_STATES; from++)
    for (S to = 0; to < N_STATES; to++)
      for (LtCloseReason reason = 0; reason < N_REASONS; reason++)
        {
          g_autoptr(GError) error = NULL;
          gboolean expected;
          gboolean ok;

          if (to == LT_TICKET_STATE_CLOSED)
            expected = expect_transition (from, to) && expect_reason (from, reason);
          else
            expected = expect_transition (from, to) && reason == LT_CLOSE_REASON_NONE;

          ok = lt_lifecycle_check_transition (from, to, reason, &error);
          g_assert_cmpint (ok, ==, expected);
          if (expected)
            g_assert_no_error (error);
          else
            g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
        }
}

static void
test_lifecycle_check_transition_messages (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lt_lifecycle_check_transition (LT_TICKET_STATE_DRAFT, LT_TICKET_STATE_RESOLVED,
                                                 LT_CLOSE_REASON_NONE, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "“draft”"));
  g_assert_nonnull (strstr (error->message, "“resolved”"));
  g_clear_error (&error);

  g_assert_false (lt_lifecycle_check_transition (LT_TICKET_STATE_IN_PROGRESS, LT_TICKET_STATE_CLOSED,
                                                 LT_CLOSE_REASON_CONFIRMED, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "“confirmed”"));
  g_clear_error (&error);

  g_assert_false (lt_lifecycle_check_transition (LT_TICKET_STATE_RESOLVED, LT_TICKET_STATE_CLOSED,
                                                 LT_CLOSE_REASON_NONE, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
}

static void
test_lifecycle_state_is_open (void)
{
  for (S s = 0; s < N_STATES; s++)
    g_assert_cmpint (lt_lifecycle_state_is_open (s), ==,
                     s != LT_TICKET_STATE_DRAFT && s != LT_TICKET_STATE_QUEUED &&
                     s != LT_TICKET_STATE_CLOSED);
}

static void
assert_auto_close (LtPolicy      *policy,
                   S              state,
                   const char    *entered,
                   const char    *expected,
                   LtCloseReason  expected_reason)
{
  g_autoptr(GDateTime) entered_at = lt_test_instant (entered);
  g_autoptr(GDateTime) due = NULL;
  LtCloseReason reason = LT_CLOSE_REASON_CONFIRMED;

  due = lt_lifecycle_auto_close_due_for_policy (policy, state, entered_at, &reason);
  g_assert_cmpint (reason, ==, expected_reason);
  if (expected == NULL)
    {
      g_assert_null (due);
      return;
    }
  g_assert_nonnull (due);
  g_assert_cmpint (g_date_time_get_utc_offset (due), ==, 0);
  lt_assert_instant (due, expected);
}

/* Five business days, same local time; Thanksgiving does not count. */
static void
test_lifecycle_auto_close_thanksgiving (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();

  g_assert_cmpuint (lt_policy_get_auto_close_business_days (policy), ==, 5);

  /* Tue 24, Wed 25, (Thu 26), Fri 27, Mon 30, Tue 1 */
  assert_auto_close (policy, LT_TICKET_STATE_AWAITING_CUSTOMER, "2026-11-23T10:00:00-05:00",
                     "2026-12-01T10:00:00-05:00", LT_CLOSE_REASON_NO_RESPONSE);
  assert_auto_close (policy, LT_TICKET_STATE_RESOLVED, "2026-11-23T10:00:00-05:00",
                     "2026-12-01T10:00:00-05:00", LT_CLOSE_REASON_RESOLVED_TIMEOUT);
  /* Entered on a Saturday: the count starts from Monday (R3 roll). */
  assert_auto_close (policy, LT_TICKET_STATE_RESOLVED, "2026-11-21T10:00:00-05:00",
                     "2026-12-01T10:00:00-05:00", LT_CLOSE_REASON_RESOLVED_TIMEOUT);
}

static void
test_lifecycle_auto_close_year_end (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();

  /* Tue 29, Wed 30, Thu 31, (Fri 1 Jan), Mon 4, Tue 5 */
  assert_auto_close (policy, LT_TICKET_STATE_AWAITING_CUSTOMER, "2026-12-28T15:00:00-05:00",
                     "2027-01-05T15:00:00-05:00", LT_CLOSE_REASON_NO_RESPONSE);
  /* 2027: Christmas observed Fri 24 Dec, New Year 2028 observed Fri 31 Dec.
   * Wed 29, Thu 30, (Fri 31), Mon 3, Tue 4, Wed 5 */
  assert_auto_close (policy, LT_TICKET_STATE_RESOLVED, "2027-12-28T09:00:00-05:00",
                     "2028-01-05T09:00:00-05:00", LT_CLOSE_REASON_RESOLVED_TIMEOUT);
}

/* Only awaiting-customer and resolved close by themselves. */
static void
test_lifecycle_auto_close_other_states (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();

  for (S s = 0; s < N_STATES; s++)
    if (s != LT_TICKET_STATE_AWAITING_CUSTOMER && s != LT_TICKET_STATE_RESOLVED)
      assert_auto_close (policy, s, "2026-11-23T10:00:00-05:00", NULL, LT_CLOSE_REASON_NONE);
}

/* The explicit function takes the number of days from its caller. */
static void
test_lifecycle_auto_close_explicit (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GDateTime) entered = lt_test_instant ("2026-11-23T10:00:00-05:00");
  g_autoptr(GDateTime) due = NULL;
  LtCloseReason reason;

  due = lt_lifecycle_auto_close_due (lt_policy_get_calendar (policy),
                                     LT_TICKET_STATE_AWAITING_CUSTOMER, entered, 2, &reason);
  lt_assert_instant (due, "2026-11-25T10:00:00-05:00");
  g_assert_cmpint (reason, ==, LT_CLOSE_REASON_NO_RESPONSE);
}

/* Reopen until within 5 business days of closing; the deadline itself is
 * outside the window. */
static void
test_lifecycle_reopen_window (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GDateTime) closed = lt_test_instant ("2026-11-20T14:00:00-05:00");
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) before = lt_test_instant ("2026-11-30T13:59:59-05:00");
  g_autoptr(GDateTime) at = lt_test_instant ("2026-11-30T14:00:00-05:00");

  g_assert_cmpuint (lt_policy_get_reopen_business_days (policy), ==, 5);

  /* Mon 23, Tue 24, Wed 25, (Thu 26), Fri 27, Mon 30 */
  until = lt_lifecycle_reopen_until_for_policy (policy, closed);
  lt_assert_instant (until, "2026-11-30T14:00:00-05:00");
  g_assert_cmpint (g_date_time_get_utc_offset (until), ==, 0);

  g_assert_true (lt_lifecycle_can_reopen (until, before));
  g_assert_false (lt_lifecycle_can_reopen (until, at));
}

/* Across the end of daylight-saving time the local time is kept. */
static void
test_lifecycle_reopen_window_dst (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GDateTime) closed = lt_test_instant ("2026-10-28T16:00:00-04:00");
  g_autoptr(GDateTime) until = lt_lifecycle_reopen_until_for_policy (policy, closed);

  lt_assert_instant (until, "2026-11-04T16:00:00-05:00");
}

static void
test_lifecycle_reopen_actions (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GDateTime) closed = lt_test_instant ("2026-11-20T14:00:00-05:00");
  g_autoptr(GDateTime) before = lt_test_instant ("2026-11-30T13:59:59-05:00");
  g_autoptr(GDateTime) at = lt_test_instant ("2026-11-30T14:00:00-05:00");
  g_autoptr(GError) error = NULL;
  LtCustomerAction actions;

  actions = lt_lifecycle_customer_actions_for_policy (policy, LT_TICKET_STATE_CLOSED, closed,
                                                      0, before);
  g_assert_cmpuint (actions, ==, LT_CUSTOMER_ACTION_REOPEN);

  actions = lt_lifecycle_customer_actions_for_policy (policy, LT_TICKET_STATE_CLOSED, closed,
                                                      0, at);
  g_assert_cmpuint (actions, ==, LT_CUSTOMER_ACTION_NEW_REFERENCING);

  g_assert_true (lt_lifecycle_check_customer_action_for_policy (policy, LT_TICKET_STATE_CLOSED,
                                                                closed, 0, before,
                                                                LT_CUSTOMER_ACTION_REOPEN, &error));
  g_assert_no_error (error);

  g_assert_false (lt_lifecycle_check_customer_action_for_policy (policy, LT_TICKET_STATE_CLOSED,
                                                                 closed, 0, at,
                                                                 LT_CUSTOMER_ACTION_REOPEN, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "new ticket"));
  g_assert_nonnull (strstr (error->message, "2026-11-30T19:00:00Z"));
  g_clear_error (&error);

  g_assert_false (lt_lifecycle_check_customer_action_for_policy (policy, LT_TICKET_STATE_CLOSED,
                                                                 closed, 0, before,
                                                                 LT_CUSTOMER_ACTION_NEW_REFERENCING,
                                                                 &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* Without a closing time there is no window to reopen in. */
  actions = lt_lifecycle_customer_actions_for_policy (policy, LT_TICKET_STATE_CLOSED, NULL, 0, at);
  g_assert_cmpuint (actions, ==, LT_CUSTOMER_ACTION_NEW_REFERENCING);
}

/* The customer's actions in every state (closed inside its window, not
 * escalated, three levels). */
static void
test_lifecycle_customer_actions_table (void)
{
  const LtCustomerAction open_common = LT_CUSTOMER_ACTION_COMMENT | LT_CUSTOMER_ACTION_ATTACH |
                                       LT_CUSTOMER_ACTION_ESCALATE | LT_CUSTOMER_ACTION_WITHDRAW;
  const LtCustomerAction expected[N_STATES] = {
    [LT_TICKET_STATE_DRAFT] = LT_CUSTOMER_ACTION_ATTACH,
    [LT_TICKET_STATE_QUEUED] = LT_CUSTOMER_ACTION_NONE,
    [LT_TICKET_STATE_SUBMITTED] = open_common,
    [LT_TICKET_STATE_TRIAGED] = open_common,
    [LT_TICKET_STATE_IN_PROGRESS] = open_common,
    [LT_TICKET_STATE_AWAITING_CUSTOMER] = open_common,
    [LT_TICKET_STATE_RESOLVED] = open_common | LT_CUSTOMER_ACTION_CONFIRM_CLOSURE |
                                 LT_CUSTOMER_ACTION_NOT_FIXED,
    [LT_TICKET_STATE_CLOSED] = LT_CUSTOMER_ACTION_REOPEN,
    [LT_TICKET_STATE_REOPENED] = open_common,
  };
  g_autoptr(GDateTime) until = lt_test_instant ("2026-11-30T14:00:00-05:00");
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-25T09:00:00-05:00");

  for (S s = 0; s < N_STATES; s++)
    {
      LtCustomerAction actions = lt_lifecycle_customer_actions (s, until, 0, 3, now);

      if (actions != expected[s])
        g_test_fail_printf ("actions in %s: got 0x%x, expected 0x%x",
                 lt_enum_to_nick (LT_TYPE_TICKET_STATE, s), actions, expected[s]);

      /* check_customer_action agrees with the set, flag by flag. */
      for (guint bit = 0; bit < 8; bit++)
        {
          LtCustomerAction action = 1u << bit;
          g_autoptr(GError) error = NULL;
          gboolean ok = lt_lifecycle_check_customer_action (s, until, 0, 3, now, action, &error);

          g_assert_cmpint (ok, ==, (expected[s] & action) != 0);
          if (ok)
            g_assert_no_error (error);
          else
            g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
        }
    }
}

/* Escalation one level at a time, up to the policy's highest level. */
static void
test_lifecycle_escalate_levels (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-25T09:00:00-05:00");
  g_autoptr(GError) error = NULL;

  for (guint level = 0; level < 3; level++)
    g_assert_true (lt_lifecycle_customer_actions_for_policy (policy, LT_TICKET_STATE_IN_PROGRESS,
                                                             NULL, level, now)
                   & LT_CUSTOMER_ACTION_ESCALATE);

  g_assert_false (lt_lifecycle_customer_actions_for_policy (policy, LT_TICKET_STATE_IN_PROGRESS,
                                                            NULL, 3, now)
                  & LT_CUSTOMER_ACTION_ESCALATE);
  g_assert_false (lt_lifecycle_check_customer_action_for_policy (policy, LT_TICKET_STATE_IN_PROGRESS,
                                                                 NULL, 3, now,
                                                                 LT_CUSTOMER_ACTION_ESCALATE, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "highest"));
}

/* The flags' string forms are the nicks the CLI and the portal use. */
static void
test_lifecycle_action_nicks_and_labels (void)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (LT_TYPE_CUSTOMER_ACTION);
  GFlagsValue *value = g_flags_get_value_by_nick (klass, "confirm-closure");

  g_assert_nonnull (value);
  g_assert_cmpuint (value->value, ==, LT_CUSTOMER_ACTION_CONFIRM_CLOSURE);
  value = g_flags_get_value_by_nick (klass, "new-referencing");
  g_assert_nonnull (value);
  g_assert_cmpuint (value->value, ==, LT_CUSTOMER_ACTION_NEW_REFERENCING);

  g_assert_cmpstr (lt_customer_action_get_label (LT_CUSTOMER_ACTION_REOPEN), ==, "Reopen");
  g_assert_cmpstr (lt_close_reason_get_label (LT_CLOSE_REASON_NO_RESPONSE), ==,
                   "No customer response");
}

/* Auto-close and reopen deadlines of a ticket whose times lie a day or
 * less from the end of GDateTime's range (a bad row already in a
 * database): no deadline, and no crash. */
static void
test_lifecycle_edge_instants (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  g_autoptr(GDateTime) year_1 = g_date_time_new_utc (1, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) last_day = g_date_time_new_utc (9999, 12, 31, 23, 59, 59);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 25, 16, 0, 0);
  GDateTime *bad[] = { year_1, last_day, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      LtCloseReason reason = LT_CLOSE_REASON_WITHDRAWN;
      g_autoptr(GDateTime) close_due =
        lt_lifecycle_auto_close_due_for_policy (policy, LT_TICKET_STATE_RESOLVED, bad[i], &reason);
      g_autoptr(GDateTime) until = lt_lifecycle_reopen_until_for_policy (policy, bad[i]);

      g_assert_null (close_due);
      g_assert_cmpint (reason, ==, LT_CLOSE_REASON_NONE);
      g_assert_null (until);
      /* Without a reopen window a closed ticket offers a new one. */
      g_assert_cmpint (lt_lifecycle_customer_actions_for_policy (policy, LT_TICKET_STATE_CLOSED,
                                                                 bad[i], 0, now), ==,
                       LT_CUSTOMER_ACTION_NEW_REFERENCING);
    }
}

/* §12 in words under a closing: the reason's label, each known issue with
 * the lowest release newer than the installed one that fixes it (a
 * withdrawn one skipped), and the upgrade that covers them all. */
static void
test_lifecycle_close_reason_explanation (void)
{
  static const char json[] =
    "{\"releases\": ["
    "  {\"version\": \"3.4.1\", \"released\": \"2026-03-02\"},"
    "  {\"version\": \"3.5.0\", \"released\": \"2026-06-01\", \"withdrawn\": true,"
    "   \"fixes\": [\"LT-1133\"]},"
    "  {\"version\": \"3.5.1\", \"released\": \"2026-06-15\", \"fixes\": [\"LT-1133\"]},"
    "  {\"version\": \"3.6.0\", \"released\": \"2026-10-01\", \"fixes\": [\"LT-1133\", \"LT-1140\"]}"
    "]}";
  const char * const one[] = { "LT-1133", NULL };
  const char * const several[] = { "LT-1140", "LT-1133", "LT-9999", "not an id", NULL };
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  g_autoptr(GError) error = NULL;
  g_autoptr(LtReleaseCatalog) catalog = lt_release_catalog_new_from_bytes (bytes, &error);
  g_autofree char *text = NULL;
  g_autofree char *both = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *current = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *confirmed = NULL;

  g_assert_no_error (error);

  text = lt_close_reason_dup_explanation (LT_CLOSE_REASON_FIXED_IN_CURRENT, catalog, "3.4.1", one);
  g_assert_cmpstr (text, ==, "Fixed in the current release: LT-1133 is fixed in 3.5.1. "
                             "Upgrade to 3.5.1 or later.");
  /* A malformed ID or one no release fixes is left out. */
  both = lt_close_reason_dup_explanation (LT_CLOSE_REASON_FIXED_IN_CURRENT, catalog, "3.4.1", several);
  g_assert_cmpstr (both, ==, "Fixed in the current release: LT-1140 is fixed in 3.6.0; "
                             "LT-1133 is fixed in 3.5.1. Upgrade to 3.6.0 or later.");

  /* Nothing to name: the label alone, never a made-up release. */
  bare = lt_close_reason_dup_explanation (LT_CLOSE_REASON_FIXED_IN_CURRENT, NULL, "3.4.1", one);
  g_assert_cmpstr (bare, ==, "Fixed in the current release");
  current = lt_close_reason_dup_explanation (LT_CLOSE_REASON_FIXED_IN_CURRENT, catalog, "3.6.0", one);
  g_assert_cmpstr (current, ==, "Fixed in the current release");
  unknown = lt_close_reason_dup_explanation (LT_CLOSE_REASON_FIXED_IN_CURRENT, catalog, "3.x", one);
  g_assert_cmpstr (unknown, ==, "Fixed in the current release");

  /* The other reasons are their label. */
  confirmed = lt_close_reason_dup_explanation (LT_CLOSE_REASON_CONFIRMED, catalog, "3.4.1", one);
  g_assert_cmpstr (confirmed, ==, "Confirmed by the customer");
}

/* Work lists: closing soon is (now, within 3 business days of now], R3's
 * "within" counted from now; Thanksgiving and weekends are not counted. */
static void
test_lifecycle_closes_soon (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  LtBusinessCalendar *calendar = lt_policy_get_calendar (policy);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-30T10:00:00-05:00");
  g_autoptr(GDateTime) entered = lt_test_instant ("2026-11-25T10:00:00-05:00");
  g_autoptr(GDateTime) due = lt_lifecycle_auto_close_due_for_policy (policy, LT_TICKET_STATE_AWAITING_CUSTOMER,
                                                                     entered, NULL);
  g_autoptr(GDateTime) later = lt_test_instant ("2026-12-03T10:00:01-05:00");
  g_autoptr(GDateTime) past = lt_test_instant ("2026-11-30T09:59:59-05:00");
  g_autoptr(GDateTime) friday = lt_test_instant ("2026-12-04T16:00:00-05:00");
  g_autoptr(GDateTime) wednesday = lt_test_instant ("2026-12-09T16:00:00-05:00");
  g_autoptr(GDateTime) wednesday_late = lt_test_instant ("2026-12-09T16:00:01-05:00");

  g_assert_cmpuint (LT_LIFECYCLE_CLOSING_SOON_BUSINESS_DAYS, ==, 3);
  /* Awaiting since Wed 25 Nov: closes Thu 3 Dec 10:00 (Thanksgiving
   * skipped), exactly three business days from Mon 30 Nov 10:00. */
  lt_assert_instant (due, "2026-12-03T10:00:00-05:00");
  g_assert_true (lt_lifecycle_closes_soon (calendar, due, now, 3));
  g_assert_false (lt_lifecycle_closes_soon (calendar, due, now, 2));
  g_assert_false (lt_lifecycle_closes_soon (calendar, later, now, 3));
  g_assert_false (lt_lifecycle_closes_soon (calendar, past, now, 3));
  g_assert_false (lt_lifecycle_closes_soon (calendar, now, now, 3));
  g_assert_false (lt_lifecycle_closes_soon (calendar, NULL, now, 3));
  /* From a Friday afternoon the weekend does not count. */
  g_assert_true (lt_lifecycle_closes_soon (calendar, wednesday, friday, 3));
  g_assert_false (lt_lifecycle_closes_soon (calendar, wednesday_late, friday, 3));
}

static void
test_lifecycle_needs_customer (void)
{
  g_autoptr(LtPolicy) policy = load_policy ();
  LtBusinessCalendar *calendar = lt_policy_get_calendar (policy);
  g_autoptr(GDateTime) now = lt_test_instant ("2026-11-30T10:00:00-05:00");
  g_autoptr(GDateTime) soon = lt_test_instant ("2026-12-01T10:00:00-05:00");
  g_autoptr(GDateTime) far = lt_test_instant ("2026-12-10T10:00:00-05:00");

  for (S s = LT_TICKET_STATE_DRAFT; s < N_STATES; s++)
    {
      gboolean expected = s == LT_TICKET_STATE_AWAITING_CUSTOMER || s == LT_TICKET_STATE_RESOLVED;

      g_assert_cmpint (lt_lifecycle_needs_customer (calendar, s, NULL, now, 3), ==, expected);
      g_assert_cmpint (lt_lifecycle_needs_customer (calendar, s, far, now, 3), ==, expected);
      /* Closing soon is reason enough, whatever the state says. */
      g_assert_true (lt_lifecycle_needs_customer (calendar, s, soon, now, 3));
    }
}

int
main (int argc, char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/lifecycle/transitions/exhaustive", test_lifecycle_transitions_exhaustive);
  g_test_add_func ("/lt/lifecycle/close-reasons/exhaustive", test_lifecycle_close_reasons_exhaustive);
  g_test_add_func ("/lt/lifecycle/close-reasons/explanation", test_lifecycle_close_reason_explanation);
  g_test_add_func ("/lt/lifecycle/transitions/check", test_lifecycle_check_transition);
  g_test_add_func ("/lt/lifecycle/transitions/messages", test_lifecycle_check_transition_messages);
  g_test_add_func ("/lt/lifecycle/state-is-open", test_lifecycle_state_is_open);
  g_test_add_func ("/lt/lifecycle/auto-close/thanksgiving", test_lifecycle_auto_close_thanksgiving);
  g_test_add_func ("/lt/lifecycle/auto-close/year-end", test_lifecycle_auto_close_year_end);
  g_test_add_func ("/lt/lifecycle/auto-close/other-states", test_lifecycle_auto_close_other_states);
  g_test_add_func ("/lt/lifecycle/auto-close/explicit", test_lifecycle_auto_close_explicit);
  g_test_add_func ("/lt/lifecycle/reopen/window", test_lifecycle_reopen_window);
  g_test_add_func ("/lt/lifecycle/reopen/dst", test_lifecycle_reopen_window_dst);
  g_test_add_func ("/lt/lifecycle/reopen/actions", test_lifecycle_reopen_actions);
  g_test_add_func ("/lt/lifecycle/customer-actions/table", test_lifecycle_customer_actions_table);
  g_test_add_func ("/lt/lifecycle/customer-actions/escalate", test_lifecycle_escalate_levels);
  g_test_add_func ("/lt/lifecycle/customer-actions/nicks", test_lifecycle_action_nicks_and_labels);
  g_test_add_func ("/lt/lifecycle/edge-instants", test_lifecycle_edge_instants);
  g_test_add_func ("/lt/lifecycle/work-lists/closes-soon", test_lifecycle_closes_soon);
  g_test_add_func ("/lt/lifecycle/work-lists/needs-customer", test_lifecycle_needs_customer);

  return g_test_run ();
}
