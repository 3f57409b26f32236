/* lt-devportal-demo.c: what a new portal starts with
 *
 * Every portal gets an account. With --demo it is a believable customer
 * instead: an Enterprise account with an invoice past the §17 limit,
 * maintenance windows of every kind around now, change notices in every
 * review state, and a few hundred tickets whose histories are played
 * forward through the same transitions, first responses and deadlines the
 * live portal applies. The random choices come from a fixed seed, so two
 * demos started at the same clock are identical; times are relative to
 * the portal's clock, so the demo always looks current.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-devportal"

#include "config.h"

#include "lt-devportal-private.h"

#include "lt-change-notice.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-release.h"
#include "lt-version.h"

#include <glib/gi18n-lib.h>

#define DEMO_SEED     20251126
#define DEMO_TICKETS  260
#define DEMO_NOTICES  14

#define MINUTE (G_GINT64_CONSTANT (60))
#define HOUR   (60 * MINUTE)
#define DAY    (24 * HOUR)

static const char * const support_staff[] = {
  "Dana Whitfield (LockThreat Support)",
  "Sam Okafor (LockThreat Support)",
  "Inés García (LockThreat Support)",
  "Tomasz Nowak (LockThreat Support)",
};

static const char * const customer_staff[] = {
  "Priya Raman",
  "Marcus Chen",
  "Elena Petrova",
};

static const char * const installations[] = {
  "prod-siem-01", "prod-siem-02", "dr-siem-01", "staging-lt", "eu-collector-03",
};

typedef struct
{
  const char *title;
  const char *description;
  const char *category;
  LtSeverity  severity;
  gboolean    security;
  gboolean    break_fix;
} Issue;

static const Issue issues[] = {
  { "Correlation engine stops ingesting syslog after upgrade",
    "Since the upgrade last night the correlation engine shows no new events from our syslog "
    "sources. The collector service is running and receives packets (tcpdump confirms), but the "
    "ingest queue stays at zero.", "troubleshooting", LT_SEVERITY_S1, FALSE, TRUE },
  { "All analysts locked out: SAML login loops back to the IdP",
    "Every analyst is redirected back to Azure AD after signing in; nobody can reach the console. "
    "The IdP certificate was rotated this morning.", "troubleshooting", LT_SEVERITY_S1, FALSE, TRUE },
  { "Suspicious administrator login from an unknown address",
    "Our SOC saw a successful admin login to the LockThreat console from an address we do not "
    "recognise, outside working hours. We disabled the account; please help us review the audit "
    "trail.", "troubleshooting", LT_SEVERITY_S1, TRUE, FALSE },
  { "Dashboard queries time out for 30-day ranges",
    "Dashboards with a 30-day range fail with a timeout after 120 seconds; 7-day ranges work. "
    "This started when we added the EU collectors.", "performance", LT_SEVERITY_S2, FALSE, TRUE },
  { "Agent enrolment fails behind the corporate HTTP proxy",
    "New agents in the London office fail to enrol with “TLS handshake failed”. They reach the "
    "manager through an authenticating proxy.", "configuration", LT_SEVERITY_S2, FALSE, FALSE },
  { "Report export to PDF truncates wide tables",
    "The weekly compliance report cuts off the last three columns of the asset table when "
    "exported to PDF. CSV export is complete.", "troubleshooting", LT_SEVERITY_S3, FALSE, TRUE },
  { "Scheduled scan ran an hour late after the daylight-saving change",
    "The Sunday 02:00 scan started at 03:00 on the first Sunday after the clocks changed.",
    "troubleshooting", LT_SEVERITY_S3, FALSE, TRUE },
  { "High memory use in the log collector on prod-siem-02",
    "The collector's resident memory grows by about 1 GB a day until the OOM killer restarts it.",
    "performance", LT_SEVERITY_S2, FALSE, TRUE },
  { "API v2 asset search returns 500 with a wildcard",
    "GET /api/v2/assets?name=web* returns HTTP 500; an exact name works.", "troubleshooting",
    LT_SEVERITY_S3, FALSE, FALSE },
  { "How should retention be configured for PCI scope?",
    "We need 12 months of searchable logs for PCI-scoped hosts and 90 days for the rest. What is "
    "the recommended configuration?", "configuration", LT_SEVERITY_S3, FALSE, FALSE },
  { "Upgrade path from 3.1.1 to the current release",
    "We are on 3.1.1 and want to plan the upgrade. Which intermediate versions are required?",
    "updates", LT_SEVERITY_S3, FALSE, FALSE },
  { "Threat-intel feed import slower since last patch",
    "The nightly STIX import now takes 4 hours instead of 40 minutes.", "performance",
    LT_SEVERITY_S3, FALSE, TRUE },
  { "Alert e-mails arrive without the rule name",
    "Alert notifications have an empty subject line since Tuesday.", "troubleshooting",
    LT_SEVERITY_S3, FALSE, TRUE },
  { "Our custom enrichment script fails on the new API",
    "A Python script we wrote to enrich alerts with CMDB data fails with 401 since the API token "
    "format changed.", "custom-code", LT_SEVERITY_S3, FALSE, TRUE },
  { "Export alerts to ServiceNow as incidents",
    "We would like alerts above a threshold to open ServiceNow incidents directly, with a link "
    "back to the alert.", "configuration", LT_SEVERITY_FEATURE, FALSE, FALSE },
  { "Per-tenant retention policies",
    "As an MSSP we need different retention periods per tenant.", "configuration",
    LT_SEVERITY_FEATURE, FALSE, FALSE },
  { "Dark mode for the analyst console",
    "Our night-shift analysts ask for a dark theme.", "configuration", LT_SEVERITY_FEATURE,
    FALSE, FALSE },
  { "Collector drops events during log rotation",
    "A few hundred events are missing every night at 00:00 when the firewall rotates its log.",
    "troubleshooting", LT_SEVERITY_S2, FALSE, TRUE },
};

typedef struct
{
  LtDevportal *self;
  GRand       *rand;
  GDateTime   *now;
  LtTier       tier;
  GPtrArray   *versions;   /* newest first, non-withdrawn: char* */
} Demo;

static gint64
between (Demo   *demo,
         gint64  low,
         gint64  high)
{
  return low + (gint64) (g_rand_double (demo->rand) * (double) (high - low));
}

static const char *
pick (Demo               *demo,
      const char * const *choices,
      guint               n)
{
  return choices[g_rand_int_range (demo->rand, 0, n)];
}

static gboolean
chance (Demo   *demo,
        double  p)
{
  return g_rand_double (demo->rand) < p;
}

/* ---- Account ---------------------------------------------------------------- */

static gboolean
insert_account (LtDevportal  *self,
                const char   *customer,
                const char   *tier,
                const char   *contact,
                const char   *email,
                const char   *phone,
                GDateTime    *now,
                GError      **error)
{
  g_auto(LtDevStmt) stmt = NULL;

  stmt = lt_devportal_db_prepare (self->db,
                                  "INSERT INTO account (id, customer_name, tier, contact_name,"
                                  " contact_email, contact_phone, csm_email, updated_at)"
                                  " VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  lt_dev_bind_text (stmt, 1, customer);
  lt_dev_bind_text (stmt, 2, tier);
  lt_dev_bind_text (stmt, 3, contact);
  lt_dev_bind_text (stmt, 4, email);
  lt_dev_bind_text (stmt, 5, phone);
  lt_dev_bind_text (stmt, 6, lt_policy_get_csm_email (self->policy));
  lt_dev_bind_instant (stmt, 7, now);
  return lt_devportal_db_step_done (self->db, stmt, error);
}

static gboolean
insert_invoice (Demo        *demo,
                const char  *id,
                gint64       days_ago,
                const char  *amount,
                gboolean     paid,
                GError     **error)
{
  g_autoptr(GDateTime) issued = g_date_time_add_days (demo->now, -days_ago);
  g_autofree char *date = g_date_time_format (issued, "%Y-%m-%d");
  g_auto(LtDevStmt) stmt = NULL;

  stmt = lt_devportal_db_prepare (demo->self->db,
                                  "INSERT INTO invoices (id, issued, amount, currency, paid)"
                                  " VALUES (?, ?, ?, 'USD', ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  lt_dev_bind_text (stmt, 1, id);
  lt_dev_bind_text (stmt, 2, date);
  lt_dev_bind_text (stmt, 3, amount);
  sqlite3_bind_int (stmt, 4, paid);
  return lt_devportal_db_step_done (demo->self->db, stmt, error);
}

/* ---- Maintenance windows ------------------------------------------------------ */

static gboolean
insert_window (Demo                  *demo,
               guint                  number,
               LtMaintenanceKind      kind,
               const char            *title,
               const char            *description,
               gint64                 starts_in,
               gint64                 duration,
               gint64                 announced_before,
               LtMaintenanceAffects   affects,
               GError               **error)
{
  g_autoptr(GDateTime) starts = g_date_time_add_seconds (demo->now, starts_in);
  g_autoptr(GDateTime) ends = g_date_time_add_seconds (starts, duration);
  g_autoptr(GDateTime) announced = g_date_time_add_seconds (starts, -announced_before);
  g_autofree char *id = g_strdup_printf ("MW-%06u", number);
  g_auto(LtDevStmt) stmt = NULL;

  /* Nothing is announced in the future of the portal's clock. */
  if (g_date_time_compare (announced, demo->now) > 0)
    {
      g_date_time_unref (announced);
      announced = g_date_time_ref (demo->now);
    }

  stmt = lt_devportal_db_prepare (demo->self->db,
                                  "INSERT INTO maintenance_windows (id, kind, title, description,"
                                  " starts_at, ends_at, announced_at, affects, updated_at)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  lt_dev_bind_text (stmt, 1, id);
  lt_dev_bind_text (stmt, 2, lt_enum_to_nick (LT_TYPE_MAINTENANCE_KIND, kind));
  lt_dev_bind_text (stmt, 3, title);
  lt_dev_bind_text (stmt, 4, description);
  lt_dev_bind_instant (stmt, 5, starts);
  lt_dev_bind_instant (stmt, 6, ends);
  lt_dev_bind_instant (stmt, 7, announced);
  lt_dev_bind_text (stmt, 8, lt_enum_to_nick (LT_TYPE_MAINTENANCE_AFFECTS, affects));
  lt_dev_bind_instant (stmt, 9, announced);
  return lt_devportal_db_step_done (demo->self->db, stmt, error);
}

static gboolean
seed_windows (Demo    *demo,
              GError **error)
{
  return
    insert_window (demo, 1, LT_MAINTENANCE_KIND_UPGRADE_PACKAGE,
                   "Semi-annual upgrade package 3.3",
                   "On-premises upgrade package with the 3.3 release line. Apply within the "
                   "announced window; support engineers are on standby.",
                   -124 * DAY, 8 * HOUR, 21 * DAY, LT_MAINTENANCE_AFFECTS_ON_PREM, error) &&
    insert_window (demo, 2, LT_MAINTENANCE_KIND_SCHEDULED,
                   "Portal and threat-intel feed maintenance",
                   "The support portal and the hosted threat-intel feed are unavailable while "
                   "the database cluster is upgraded.",
                   -20 * DAY, 4 * HOUR, 10 * DAY, LT_MAINTENANCE_AFFECTS_SAAS, error) &&
    insert_window (demo, 3, LT_MAINTENANCE_KIND_EMERGENCY,
                   "Emergency certificate rotation",
                   "An intermediate certificate of the update service is rotated ahead of its "
                   "revocation. Agents may fail to download updates for a few minutes.",
                   -6 * DAY, 45 * MINUTE, 35 * MINUTE, LT_MAINTENANCE_AFFECTS_BOTH, error) &&
    insert_window (demo, 4, LT_MAINTENANCE_KIND_EMERGENCY,
                   "Emergency patch of the hosted collectors",
                   "A vulnerability in a third-party library is patched on the hosted collectors. "
                   "Ingestion is buffered and catches up afterwards.",
                   40 * MINUTE, 90 * MINUTE, 50 * MINUTE, LT_MAINTENANCE_AFFECTS_SAAS, error) &&
    insert_window (demo, 5, LT_MAINTENANCE_KIND_SCHEDULED,
                   "Update service migration",
                   "The update service moves to a new region. On-premises servers keep working; "
                   "update downloads pause during the window.",
                   3 * DAY + 5 * HOUR, 4 * HOUR, 9 * DAY, LT_MAINTENANCE_AFFECTS_BOTH, error) &&
    insert_window (demo, 6, LT_MAINTENANCE_KIND_SCHEDULED,
                   "Quarterly infrastructure maintenance",
                   "Network and storage maintenance of the hosted service.",
                   17 * DAY, 6 * HOUR, 14 * DAY, LT_MAINTENANCE_AFFECTS_SAAS, error) &&
    insert_window (demo, 7, LT_MAINTENANCE_KIND_UPGRADE_PACKAGE,
                   "Semi-annual upgrade package 3.4",
                   "The next on-premises upgrade package, six months after the last one.",
                   58 * DAY, 8 * HOUR, 2 * DAY, LT_MAINTENANCE_AFFECTS_ON_PREM, error);
}

/* ---- Change notices ------------------------------------------------------------ */

static const struct
{
  LtChangeKind  kind;
  const char   *title;
  const char   *description;
  const char   *systems;
  const char   *rollback;
  LtRisk        risk;
} notices[] = {
  { LT_CHANGE_KIND_INFRASTRUCTURE, "Replace the SAN behind prod-siem-01",
    "The storage array of the primary LockThreat server is replaced; the server is moved to the "
    "new LUNs during the window.", "[\"prod-siem-01\"]",
    "Boot from the old LUNs, which stay untouched for a week.", LT_RISK_HIGH },
  { LT_CHANGE_KIND_DATABASE_SCHEMA, "Add partitioning to the events archive",
    "Our DBA team partitions the archive tables by month.", "[\"prod-siem-01\",\"prod-siem-02\"]",
    "Restore from the pre-change snapshot.", LT_RISK_MEDIUM },
  { LT_CHANGE_KIND_THIRD_PARTY, "Upgrade the Palo Alto firewalls to PAN-OS 11.1",
    "Syslog format of the firewalls may change slightly.", "[\"edge-fw-01\",\"edge-fw-02\"]",
    "Downgrade to the previous PAN-OS image.", LT_RISK_MEDIUM },
  { LT_CHANGE_KIND_CORE_CONFIGURATION, "Enable TLS 1.3 only on the collectors",
    "Older agents that only speak TLS 1.2 will be upgraded first.", "[\"eu-collector-03\"]",
    "Re-enable TLS 1.2 in the collector configuration.", LT_RISK_LOW },
  { LT_CHANGE_KIND_INFRASTRUCTURE, "Move DR site to the new data centre",
    "The disaster-recovery server is shipped to the new site.", "[\"dr-siem-01\"]",
    "None needed: production is unaffected.", LT_RISK_LOW },
  { LT_CHANGE_KIND_THIRD_PARTY, "Replace the SMTP relay",
    "Alert e-mails will be sent through the new Exchange Online connector.", "[\"smtp-relay\"]",
    "Point the notification settings back to the old relay.", LT_RISK_LOW },
  { LT_CHANGE_KIND_CORE_CONFIGURATION, "Raise the correlation window to 15 minutes",
    "Tuning requested by the SOC to catch slow brute-force attempts.", "[\"prod-siem-01\"]",
    "Restore the previous rule pack export.", LT_RISK_MEDIUM },
};

static gboolean
seed_notices (Demo    *demo,
              GError **error)
{
  for (guint i = 0; i < DEMO_NOTICES; i++)
    {
      guint template = i % G_N_ELEMENTS (notices);
      /* The first two are fresh, so that a notice waits in each of the
       * open review states whatever the random draw. */
      gint64 submitted_ago = i == 0 ? 5 * HOUR : i == 1 ? 36 * HOUR : between (demo, 3 * DAY, 75 * DAY);
      g_autoptr(GDateTime) submitted = g_date_time_add_seconds (demo->now, -submitted_ago);
      /* Most are planned with enough notice; some are not, and the core
       * rule marks those late. */
      gint64 lead = i > 1 && chance (demo, 0.3) ? between (demo, 6 * HOUR, 2 * DAY)
                                                : between (demo, 4 * DAY, 20 * DAY);
      g_autoptr(GDateTime) start = g_date_time_add_seconds (submitted, lead);
      g_autoptr(GDateTime) end = g_date_time_add_seconds (start, between (demo, 2 * HOUR, 6 * HOUR));
      g_autoptr(LtChangeNotice) model = lt_change_notice_new ();
      g_autoptr(GDateTime) updated = NULL;
      g_autofree char *id = g_strdup_printf ("CN-%06u", i + 1);
      g_auto(LtDevStmt) stmt = NULL;
      LtChangeState state;
      LtReviewOutcome outcome = LT_REVIEW_OUTCOME_NONE;
      gint64 since = submitted_ago;

      lt_change_notice_set_planned_start (model, start);
      lt_change_notice_set_planned_end (model, end);

      if (i == DEMO_NOTICES - 1)
        state = LT_CHANGE_STATE_WITHDRAWN;
      else if (since < 1 * DAY)
        state = LT_CHANGE_STATE_SUBMITTED;
      else if (since < 3 * DAY && g_date_time_compare (start, demo->now) > 0)
        state = LT_CHANGE_STATE_UNDER_REVIEW;
      else
        state = LT_CHANGE_STATE_REVIEWED;
      if (state == LT_CHANGE_STATE_REVIEWED)
        outcome = chance (demo, 0.8) ? LT_REVIEW_OUTCOME_NO_CONCERNS : LT_REVIEW_OUTCOME_CONCERNS;

      updated = state == LT_CHANGE_STATE_SUBMITTED
        ? g_date_time_ref (submitted)
        : g_date_time_add_seconds (submitted, MIN (since / 2, 2 * DAY));

      stmt = lt_devportal_db_prepare (demo->self->db,
                                      "INSERT INTO change_notices (pk, id, kind, title, description,"
                                      " systems, planned_start, planned_end, rollback_plan, risk,"
                                      " state, review_outcome, late, submitted_at, updated_at,"
                                      " review_text)"
                                      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, i + 1);
      lt_dev_bind_text (stmt, 2, id);
      lt_dev_bind_text (stmt, 3, lt_enum_to_nick (LT_TYPE_CHANGE_KIND, notices[template].kind));
      lt_dev_bind_text (stmt, 4, notices[template].title);
      lt_dev_bind_text (stmt, 5, notices[template].description);
      lt_dev_bind_text (stmt, 6, notices[template].systems);
      lt_dev_bind_instant (stmt, 7, start);
      lt_dev_bind_instant (stmt, 8, end);
      lt_dev_bind_text (stmt, 9, notices[template].rollback);
      lt_dev_bind_text (stmt, 10, lt_enum_to_nick (LT_TYPE_RISK, notices[template].risk));
      lt_dev_bind_text (stmt, 11, lt_enum_to_nick (LT_TYPE_CHANGE_STATE, state));
      lt_dev_bind_text (stmt, 12, lt_enum_to_nick (LT_TYPE_REVIEW_OUTCOME, outcome));
      sqlite3_bind_int (stmt, 13, lt_change_notice_is_late_at (model, demo->self->policy, submitted));
      lt_dev_bind_instant (stmt, 14, submitted);
      lt_dev_bind_instant (stmt, 15, updated);
      /* Support's words with each review (no extra random draw: the rest
       * of the demo stays as it was). */
      if (outcome == LT_REVIEW_OUTCOME_CONCERNS)
        lt_dev_bind_text (stmt, 16, "The window overlaps our scheduled maintenance and the rollback "
                                    "plan has no time limit. Move the change to the following week, "
                                    "or call the support line before you start so an engineer is on hand.");
      else if (outcome == LT_REVIEW_OUTCOME_NO_CONCERNS)
        lt_dev_bind_text (stmt, 16, "Reviewed against your installation: no concerns. "
                                    "Keep the rollback plan ready until the next morning.");
      else
        sqlite3_bind_null (stmt, 16);
      if (!lt_devportal_db_step_done (demo->self->db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- Tickets ----------------------------------------------------------------- */

/* One ticket's history, played forward from its opening. Each step moves
 * the ticket's own time on; a step that would pass the portal's clock does
 * not happen, so the ticket stays in the state it reached. */
typedef struct
{
  Demo        *demo;
  LtDevTicket *t;
  GDateTime   *time;
  const char  *engineer;
  const char  *customer;
  gboolean     stopped;
} Story;

static gboolean
story_wait (Story  *story,
            gint64  low,
            gint64  high)
{
  g_autoptr(GDateTime) next = NULL;

  if (story->stopped)
    return FALSE;
  next = g_date_time_add_seconds (story->time, between (story->demo, low, high));
  if (g_date_time_compare (next, story->demo->now) > 0)
    {
      story->stopped = TRUE;
      return FALSE;
    }
  g_date_time_unref (story->time);
  story->time = g_steal_pointer (&next);
  return TRUE;
}

static gboolean
story_move (Story          *story,
            LtTicketState   to,
            LtCloseReason   reason,
            const char     *author,
            const char     *body,
            GError        **error)
{
  return lt_devportal_ticket_transition (story->demo->self, story->t, to, reason, story->time,
                                         story->time, author, body, error);
}

static gboolean
story_say (Story       *story,
           const char  *author,
           const char  *body,
           GError     **error)
{
  return lt_devportal_ticket_add_event (story->demo->self, story->t, LT_TICKET_EVENT_KIND_COMMENT,
                                        story->time, author, body, 0, error) &&
         lt_devportal_ticket_touch (story->demo->self, story->t, story->time, error);
}

/* The customer does not answer before the auto-close deadline, or the
 * deadline is still ahead: close at the deadline when it has passed. */
static gboolean
story_timeout (Story    *story,
               GError  **error)
{
  LtCloseReason reason = LT_CLOSE_REASON_NONE;
  g_autoptr(GDateTime) due = lt_ticket_dup_auto_close_due (story->t->ticket,
                                                           story->demo->self->policy, &reason);
  g_autofree char *body = NULL;

  story->stopped = TRUE;
  if (due == NULL || g_date_time_compare (due, story->demo->now) > 0)
    return TRUE;
  body = g_strdup_printf (_("Closed automatically: %s"), lt_close_reason_get_label (reason));
  g_date_time_unref (story->time);
  story->time = g_date_time_ref (due);
  return story_move (story, LT_TICKET_STATE_CLOSED, reason, "LockThreat Support", body, error);
}

/* Whether the customer's next answer comes before the auto-close deadline
 * of the state the ticket waits in. */
static gboolean
story_answer_in_time (Story  *story,
                      gint64  low,
                      gint64  high)
{
  g_autoptr(GDateTime) due = lt_ticket_dup_auto_close_due (story->t->ticket,
                                                           story->demo->self->policy, NULL);
  g_autoptr(GDateTime) before = g_date_time_ref (story->time);

  if (!story_wait (story, low, high))
    return FALSE;
  if (due != NULL && g_date_time_compare (story->time, due) >= 0)
    {
      g_date_time_unref (story->time);
      story->time = g_steal_pointer (&before);
      return FALSE;
    }
  return TRUE;
}

static gboolean
play_resolution (Story    *story,
                 GError  **error)
{
  for (guint round = 0; round < 3 && !story->stopped; round++)
    {
      if (chance (story->demo, 0.45) && story_wait (story, 1 * HOUR, 30 * HOUR))
        {
          if (!story_say (story, story->engineer,
                          "Could you send us the collector log and the output of "
                          "“ltctl diag --bundle” from the affected server?", error) ||
              !story_move (story, LT_TICKET_STATE_AWAITING_CUSTOMER, LT_CLOSE_REASON_NONE,
                           story->engineer, NULL, error))
            return FALSE;
          /* Up to nine days: some customers never answer in time and the
           * ticket closes with no-response. */
          if (!story_answer_in_time (story, 2 * HOUR, 9 * DAY))
            return story_timeout (story, error);
          if (!story_say (story, story->customer, "Attached the bundle; the log is from this morning.",
                          error) ||
              !lt_devportal_ticket_add_attachment (story->demo->self, story->t, story->time,
                                                   story->customer, NULL, "diag-bundle.tar.gz",
                                                   between (story->demo, 200000, 9000000),
                                                   "application/gzip", NULL, error) ||
              !story_move (story, LT_TICKET_STATE_IN_PROGRESS, LT_CLOSE_REASON_NONE,
                           story->customer, NULL, error))
            return FALSE;
        }
      if (story->stopped)
        return TRUE;

      if (chance (story->demo, 0.08) && story_wait (story, 1 * HOUR, 10 * HOUR))
        {
          guint level = lt_ticket_get_escalation_level (story->t->ticket) + 1;

          lt_ticket_set_escalation_level (story->t->ticket, level);
          if (!lt_devportal_ticket_add_event (story->demo->self, story->t,
                                              LT_TICKET_EVENT_KIND_ESCALATION, story->time,
                                              story->customer,
                                              "Production is still affected and we have had no "
                                              "update for a day.", level, error) ||
              !lt_devportal_ticket_touch (story->demo->self, story->t, story->time, error))
            return FALSE;
        }

      if (!story_wait (story, 2 * HOUR, 72 * HOUR))
        return TRUE;
      if (!story_say (story, story->engineer,
                      "We identified the cause and applied the fix described in the knowledge "
                      "base article. Please confirm that it works for you.", error) ||
          !story_move (story, LT_TICKET_STATE_RESOLVED, LT_CLOSE_REASON_NONE, story->engineer, NULL,
                       error))
        return FALSE;

      if (chance (story->demo, 0.6))
        {
          if (!story_answer_in_time (story, 1 * HOUR, 60 * HOUR))
            return story_timeout (story, error);
          return story_move (story, LT_TICKET_STATE_CLOSED, LT_CLOSE_REASON_CONFIRMED,
                             story->customer, "Confirmed fixed, thank you.", error);
        }
      if (chance (story->demo, 0.3))
        {
          if (!story_answer_in_time (story, 1 * HOUR, 40 * HOUR))
            return story_timeout (story, error);
          if (!story_say (story, story->customer, "Not fixed: the problem came back overnight.", error) ||
              !story_move (story, LT_TICKET_STATE_IN_PROGRESS, LT_CLOSE_REASON_NONE, story->customer,
                           NULL, error))
            return FALSE;
          continue;
        }
      return story_timeout (story, error);
    }
  return TRUE;
}

static gboolean
play_reopen (Story    *story,
             GError  **error)
{
  g_autoptr(GDateTime) until = lt_ticket_dup_reopen_until (story->t->ticket, story->demo->self->policy);
  g_autoptr(GDateTime) before = g_date_time_ref (story->time);

  if (until == NULL || !story_wait (story, 2 * HOUR, 60 * HOUR))
    return TRUE;
  /* Only inside the window (R5): a demo must not show what the portal
   * refuses. */
  if (g_date_time_compare (story->time, until) >= 0)
    {
      g_date_time_unref (story->time);
      story->time = g_steal_pointer (&before);
      return TRUE;
    }
  if (!story_move (story, LT_TICKET_STATE_REOPENED, LT_CLOSE_REASON_NONE, story->customer,
                   "The issue is back after the weekend restart.", error))
    return FALSE;
  if (!story_wait (story, 1 * HOUR, 8 * HOUR))
    return TRUE;
  if (!story_move (story, LT_TICKET_STATE_IN_PROGRESS, LT_CLOSE_REASON_NONE, story->engineer, NULL, error))
    return FALSE;
  return play_resolution (story, error);
}

static char *
feature_criteria_json (LtPolicy *policy)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonNode) root = NULL;
  const char * const *ids = lt_policy_get_feature_criterion_ids (policy);

  json_builder_begin_object (builder);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, ids[i]);
      json_builder_add_string_value (builder,
                                     "Requested by three business units; "
                                     "it saves the SOC about two hours a week.");
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return lt_json_canonicalize (root);
}

/* A known issue that a release newer than @version fixes, for the §12
 * triage path; NULL when there is none. */
static const char *
newer_fix (Demo       *demo,
           const char *version)
{
  g_autoptr(LtVersion) installed = lt_version_parse (version, NULL);
  GListModel *releases = G_LIST_MODEL (demo->self->catalog);

  for (guint i = 0; installed != NULL && i < g_list_model_get_n_items (releases); i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (releases, i);
      const char * const *fixes = lt_release_get_fixes (release);

      if (!lt_release_get_withdrawn (release) &&
          lt_version_compare (lt_release_get_version (release), installed) > 0 &&
          fixes[0] != NULL)
        return fixes[0];
    }
  return NULL;
}

typedef enum
{
  PLAN_RANDOM,
  PLAN_STOP_SUBMITTED,
  PLAN_STOP_TRIAGED,
  PLAN_STOP_IN_PROGRESS,
  PLAN_STOP_AWAITING,
  PLAN_STOP_RESOLVED,
  PLAN_STOP_REOPENED,
} Plan;

static gboolean
seed_ticket (Demo     *demo,
             Plan      plan,
             gint64    age,
             GError  **error)
{
  const Issue *issue = &issues[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (issues))];
  g_autoptr(LtTicket) model = lt_ticket_new ();
  g_autoptr(GDateTime) opened = g_date_time_add_seconds (demo->now, -age);
  g_autoptr(GDateTime) due = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *criteria = NULL;
  const char *version;
  const char *known[2] = { NULL, NULL };
  Story story = { 0 };
  gboolean ok = TRUE;

  version = g_ptr_array_index (demo->versions,
                               MIN ((guint) g_rand_int_range (demo->rand, 0, 4) +
                                    (guint) g_rand_int_range (demo->rand, 0, 3),
                                    demo->versions->len - 1));
  if (plan == PLAN_RANDOM && issue->severity != LT_SEVERITY_FEATURE && chance (demo, 0.04))
    known[0] = newer_fix (demo, version);

  lt_ticket_set_title (model, issue->title);
  lt_ticket_set_description (model, issue->description);
  lt_ticket_set_severity (model, issue->severity);
  lt_ticket_set_category (model, issue->category);
  lt_ticket_set_break_fix (model, issue->break_fix);
  lt_ticket_set_security_incident (model, issue->security);
  lt_ticket_set_product_version (model, version);
  lt_ticket_set_installation (model, pick (demo, installations, G_N_ELEMENTS (installations)));
  lt_ticket_set_known_issue_ids (model, known);
  lt_ticket_set_opened_at (model, opened);
  due = lt_ticket_dup_response_due (model, demo->self->policy, demo->tier);
  lt_ticket_set_response_due (model, due);
  if (issue->severity == LT_SEVERITY_FEATURE)
    criteria = feature_criteria_json (demo->self->policy);

  story.demo = demo;
  story.engineer = pick (demo, support_staff, G_N_ELEMENTS (support_staff));
  story.customer = pick (demo, customer_staff, G_N_ELEMENTS (customer_staff));
  story.t = lt_devportal_insert_ticket (demo->self, model, criteria, NULL, error);
  if (story.t == NULL)
    return FALSE;
  story.time = g_date_time_ref (opened);

  /* A step whose time would pass the clock returns FALSE without an error
   * and ends the story there; only local_error means something broke. */
  if (plan != PLAN_STOP_SUBMITTED)
    {
      if (chance (demo, 0.3) && story_wait (&story, 5 * MINUTE, 60 * MINUTE))
        ok = lt_devportal_ticket_add_attachment (demo->self, story.t, story.time, story.customer,
                                                 "Logs from the affected server.", "collector.log",
                                                 between (demo, 20000, 4000000), "text/plain",
                                                 NULL, &local_error) &&
             lt_devportal_ticket_touch (demo->self, story.t, story.time, &local_error);

      /* Triage with the first response; its delay makes some SLAs met and
       * some missed. */
      if (ok && story_wait (&story, 10 * MINUTE, plan != PLAN_RANDOM ? 2 * HOUR : 5 * HOUR))
        ok = story_say (&story, story.engineer,
                        "Thank you for the report. We are looking into it and will update you "
                        "shortly.", &local_error) &&
             lt_devportal_ticket_set_first_response (demo->self, story.t, story.time, &local_error) &&
             lt_devportal_ticket_triage (demo->self, story.t, story.time, story.time,
                                         story.engineer, &local_error);

      if (ok && plan != PLAN_STOP_TRIAGED &&
          lt_ticket_get_state (story.t->ticket) == LT_TICKET_STATE_TRIAGED)
        {
          if (plan == PLAN_RANDOM && chance (demo, 0.04) && story_wait (&story, 1 * HOUR, 24 * HOUR))
            ok = story_move (&story, LT_TICKET_STATE_CLOSED, LT_CLOSE_REASON_WITHDRAWN, story.customer,
                             "We found a misconfiguration on our side; withdrawing.", &local_error);
          else if (story_wait (&story, 15 * MINUTE, plan != PLAN_RANDOM ? 1 * HOUR : 8 * HOUR))
            ok = story_move (&story, LT_TICKET_STATE_IN_PROGRESS, LT_CLOSE_REASON_NONE,
                             story.engineer, NULL, &local_error);
        }

      if (ok && lt_ticket_get_state (story.t->ticket) == LT_TICKET_STATE_IN_PROGRESS)
        {
          switch (plan)
            {
            case PLAN_STOP_AWAITING:
              if (story_wait (&story, 10 * MINUTE, 1 * HOUR))
                story_move (&story, LT_TICKET_STATE_AWAITING_CUSTOMER, LT_CLOSE_REASON_NONE,
                            story.engineer, NULL, &local_error);
              break;
            case PLAN_STOP_RESOLVED:
              if (story_wait (&story, 10 * MINUTE, 1 * HOUR))
                story_move (&story, LT_TICKET_STATE_RESOLVED, LT_CLOSE_REASON_NONE,
                            story.engineer, NULL, &local_error);
              break;
            case PLAN_STOP_REOPENED:
              if (story_wait (&story, 10 * MINUTE, 1 * HOUR) &&
                  story_move (&story, LT_TICKET_STATE_RESOLVED, LT_CLOSE_REASON_NONE,
                              story.engineer, NULL, &local_error) &&
                  story_wait (&story, 10 * MINUTE, 1 * HOUR) &&
                  story_move (&story, LT_TICKET_STATE_CLOSED, LT_CLOSE_REASON_CONFIRMED,
                              story.customer, NULL, &local_error) &&
                  story_wait (&story, 10 * MINUTE, 1 * HOUR))
                story_move (&story, LT_TICKET_STATE_REOPENED, LT_CLOSE_REASON_NONE,
                            story.customer, "It failed again this morning.", &local_error);
              break;
            case PLAN_RANDOM:
              if (play_resolution (&story, &local_error) &&
                  lt_ticket_get_state (story.t->ticket) == LT_TICKET_STATE_CLOSED &&
                  chance (demo, 0.08))
                {
                  story.stopped = FALSE;
                  play_reopen (&story, &local_error);
                }
              break;
            case PLAN_STOP_SUBMITTED:
            case PLAN_STOP_TRIAGED:
            case PLAN_STOP_IN_PROGRESS:
            default:
              break;
            }
        }
    }

  lt_dev_ticket_free (story.t);
  g_date_time_unref (story.time);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  Plan   plan;
  gint64 age;
} Seed;

static int
compare_older_first (gconstpointer a,
                     gconstpointer b)
{
  const Seed *sa = a;
  const Seed *sb = b;

  return sa->age < sb->age ? 1 : sa->age > sb->age ? -1 : 0;
}

static gboolean
seed_tickets (Demo    *demo,
              GError **error)
{
  static const Plan planned[] = {
    PLAN_STOP_SUBMITTED, PLAN_STOP_TRIAGED, PLAN_STOP_IN_PROGRESS, PLAN_STOP_AWAITING,
    PLAN_STOP_RESOLVED, PLAN_STOP_REOPENED,
  };
  g_autoptr(GArray) seeds = g_array_sized_new (FALSE, FALSE, sizeof (Seed), DEMO_TICKETS);

  /* The planned tickets guarantee that every open state appears whatever
   * day of the week the demo starts on; the random ones bring closed
   * tickets with every close reason. A sixth of the random ones is from
   * the last three days, the rest spreads over five months. */
  for (guint i = 0; i < DEMO_TICKETS; i++)
    {
      Seed seed = { PLAN_RANDOM, 0 };

      if (i < G_N_ELEMENTS (planned))
        {
          seed.plan = planned[i];
          seed.age = between (demo, 20 * HOUR, 30 * HOUR);
        }
      else if (chance (demo, 0.17))
        seed.age = between (demo, 1 * HOUR, 3 * DAY);
      else
        seed.age = between (demo, 3 * DAY, 150 * DAY);
      g_array_append_val (seeds, seed);
    }

  /* Filed in opening order, so that ids grow with time as on a real
   * portal. */
  g_array_sort (seeds, compare_older_first);
  for (guint i = 0; i < seeds->len; i++)
    {
      Seed *seed = &g_array_index (seeds, Seed, i);

      if (!seed_ticket (demo, seed->plan, seed->age, error))
        return FALSE;
    }
  return TRUE;
}

static void
collect_versions (Demo *demo)
{
  GListModel *releases = G_LIST_MODEL (demo->self->catalog);

  demo->versions = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (releases); i++)
    {
      g_autoptr(LtRelease) release = g_list_model_get_item (releases, i);

      if (!lt_release_get_withdrawn (release))
        g_ptr_array_add (demo->versions,
                         g_strdup (lt_version_to_string (lt_release_get_version (release))));
    }
}

/**
 * lt_devportal_seed:
 * @self: a #LtDevportal with a new, empty database
 * @demo: seed the demo customer rather than the plain development account
 * @error: a #GError
 *
 * Returns: %TRUE when the portal was seeded, in one transaction
 */
gboolean
lt_devportal_seed (LtDevportal  *self,
                   gboolean      demo_data,
                   GError      **error)
{
  g_autoptr(LtDevTransaction) tx = lt_devportal_db_begin (self->db, error);
  g_autoptr(GDateTime) now = lt_devportal_dup_now (self);
  Demo demo = { 0 };
  gboolean ok;

  if (tx == NULL)
    return FALSE;

  if (!demo_data)
    {
      return insert_account (self, "Development customer", "enterprise", "Alex Admin",
                             "alex.admin@customer.example", "+1 317 555 0100", now, error) &&
             lt_dev_transaction_commit (tx, error);
    }

  demo.self = self;
  demo.rand = g_rand_new_with_seed (DEMO_SEED);
  demo.now = now;
  demo.tier = LT_TIER_ENTERPRISE;
  collect_versions (&demo);

  ok = insert_account (self, "Northwind Logistics, Inc.", "enterprise", "Priya Raman",
                       "priya.raman@northwind-logistics.example", "+1 317 555 0142", now, error) &&
       insert_invoice (&demo, "INV-2025-0412", 155, "18750.00", TRUE, error) &&
       insert_invoice (&demo, "INV-2025-0587", 95, "18750.00", FALSE, error) &&
       insert_invoice (&demo, "INV-2026-0033", 12, "4200.00", FALSE, error) &&
       seed_windows (&demo, error) &&
       seed_notices (&demo, error) &&
       demo.versions->len > 0 &&
       seed_tickets (&demo, error) &&
       lt_dev_transaction_commit (tx, error);

  g_rand_free (demo.rand);
  g_ptr_array_unref (demo.versions);
  return ok;
}
