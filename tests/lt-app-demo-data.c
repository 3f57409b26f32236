/* lt-app-demo-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-app-demo-data"

#include "config.h"

#include "lt-app-demo-data.h"

#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-store-change-notices.h"
#include "lt-store-maintenance-windows.h"
#include "lt-store-account.h"
#include "lt-store-installations.h"
#include "lt-store-tickets.h"
#include "lt-ticket-event.h"

static GDateTime *
instant (const char *text)
{
  GDateTime *dt = lt_instant_parse (text, NULL);

  g_assert (dt != NULL);
  return dt;
}

static gboolean
add_ticket (LtStore     *store,
            GDateTime   *now,
            const char  *id,
            const char  *title,
            LtSeverity   severity,
            LtTicketState state,
            const char  *opened,
            const char  *first_response,
            const char  *awaiting_since,
            const char  *resolved,
            const char  *closed,
            gboolean     security,
            GError     **error)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened_at = instant (opened);

  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, title);
  lt_ticket_set_description (ticket, "Seen on the production cluster since the last maintenance; logs attached.");
  lt_ticket_set_severity (ticket, severity);
  lt_ticket_set_category (ticket, "troubleshooting");
  lt_ticket_set_state (ticket, state);
  lt_ticket_set_opened_at (ticket, opened_at);
  lt_ticket_set_updated_at (ticket, opened_at);
  lt_ticket_set_product_version (ticket, "3.4.1");
  lt_ticket_set_installation (ticket, "Disaster recovery");
  lt_ticket_set_security_incident (ticket, security);

  if (first_response != NULL)
    {
      g_autoptr(GDateTime) at = instant (first_response);
      lt_ticket_set_first_response_at (ticket, at);
    }
  if (awaiting_since != NULL)
    {
      g_autoptr(GDateTime) at = instant (awaiting_since);
      lt_ticket_set_awaiting_since (ticket, at);
    }
  if (resolved != NULL)
    {
      g_autoptr(GDateTime) at = instant (resolved);
      lt_ticket_set_resolved_at (ticket, at);
    }
  if (closed != NULL)
    {
      g_autoptr(GDateTime) at = instant (closed);
      lt_ticket_set_closed_at (ticket, at);
      lt_ticket_set_close_reason (ticket, LT_CLOSE_REASON_CONFIRMED);
    }

  if (!lt_store_upsert_ticket (store, ticket, now, error))
    return FALSE;

  /* A short history for each ticket. */
  {
    g_autoptr(LtTicketEvent) submitted = lt_ticket_event_new_state_change (opened_at, "LockThreat Support",
                                                                           LT_TICKET_STATE_SUBMITTED,
                                                                           LT_TICKET_STATE_TRIAGED);
    g_autoptr(LtTicketEvent) comment = NULL;
    LtTicketEvent *events[2] = { submitted, NULL };
    guint n = 1;

    if (first_response != NULL)
      {
        g_autoptr(GDateTime) at = instant (first_response);

        comment = lt_ticket_event_new_comment (at, "Dana Whitfield (LockThreat)",
                                               "Thanks for the logs. Could you send the collector configuration as well?");
        events[n++] = comment;
      }

    return lt_store_replace_ticket_events (store, ticket, events, n, error);
  }
}

/* LT-000139's whole story, for the history pane and its screenshot: filed
 * naming LT-1133 on 3.4.1, closed at triage as fixed in 3.5.1 (§12, the
 * portal's words as the reference portal writes them), reopened by the
 * admin with a reason, a log attached, answered, escalated one level,
 * then waiting for the admin again. */
static gboolean
add_rich_history (LtStore    *store,
                  GDateTime  *now,
                  GError    **error)
{
  const char * const issues[] = { "LT-1133", NULL };
  g_autoptr(LtTicket) ticket = lt_store_lookup_ticket (store, "LT-000139", error);
  g_autoptr(GDateTime) closed_at = instant ("2026-11-24T14:05:00Z");
  g_autoptr(GDateTime) reopened_at = instant ("2026-11-24T14:40:00Z");
  g_autoptr(GDateTime) attached_at = instant ("2026-11-24T14:45:00Z");
  g_autoptr(GDateTime) progress_at = instant ("2026-11-24T15:05:00Z");
  g_autoptr(GDateTime) answered_at = instant ("2026-11-24T15:10:00Z");
  g_autoptr(GDateTime) escalated_at = instant ("2026-11-25T14:30:00Z");
  g_autoptr(GDateTime) asked_at = instant ("2026-11-25T15:00:00Z");
  g_autoptr(LtTicketEvent) closed = NULL;
  g_autoptr(LtTicketEvent) reopened = NULL;
  g_autoptr(LtTicketEvent) attached = NULL;
  g_autoptr(LtTicketEvent) progress = NULL;
  g_autoptr(LtTicketEvent) answer = NULL;
  g_autoptr(LtTicketEvent) escalated = NULL;
  g_autoptr(LtTicketEvent) question = NULL;
  g_autoptr(LtTicketEvent) awaiting = NULL;

  if (ticket == NULL)
    return FALSE;
  lt_ticket_set_known_issue_ids (ticket, issues);
  lt_ticket_set_escalation_level (ticket, 1);
  if (!lt_store_upsert_ticket (store, ticket, now, error))
    return FALSE;

  closed = lt_ticket_event_new_state_change (closed_at, "LockThreat Support",
                                             LT_TICKET_STATE_SUBMITTED, LT_TICKET_STATE_CLOSED);
  lt_ticket_event_set_body (closed, "LT-1133 is fixed in 3.5.1, which is newer than the installed 3.4.1. "
                                    "A ticket about it will be closed as resolved: upgrade to 3.5.1 or "
                                    "later first.");
  reopened = lt_ticket_event_new_state_change (reopened_at, "Ada Lovelace",
                                               LT_TICKET_STATE_CLOSED, LT_TICKET_STATE_REOPENED);
  lt_ticket_event_set_body (reopened, "Production already runs 3.5.1 and its exports time out too, "
                                      "so LT-1133 is not the cause.");
  attached = lt_ticket_event_new_attachment (attached_at, "Ada Lovelace", "export-timeout.log", 253952);
  lt_ticket_event_set_body (attached, "Server log of a failed export on Production");
  progress = lt_ticket_event_new_state_change (progress_at, "Dana Whitfield (LockThreat)",
                                               LT_TICKET_STATE_REOPENED, LT_TICKET_STATE_IN_PROGRESS);
  answer = lt_ticket_event_new_comment (answered_at, "Dana Whitfield (LockThreat)",
                                        "Thanks for the logs. Could you send the collector configuration as well?");
  escalated = lt_ticket_event_new_escalation (escalated_at, "Ada Lovelace", 1,
                                              "Month-end reports are due on Friday: we need a workaround "
                                              "before then.");
  question = lt_ticket_event_new_comment (asked_at, "Dana Whitfield (LockThreat)",
                                          "Please raise report.export.timeout to 120 s and tell us whether "
                                          "the export completes.");
  awaiting = lt_ticket_event_new_state_change (asked_at, "Dana Whitfield (LockThreat)",
                                               LT_TICKET_STATE_IN_PROGRESS, LT_TICKET_STATE_AWAITING_CUSTOMER);

  {
    LtTicketEvent *events[] = { closed, reopened, attached, progress, answer, escalated, question, awaiting };

    return lt_store_replace_ticket_events (store, ticket, events, G_N_ELEMENTS (events), error);
  }
}

static gboolean
add_window (LtStore           *store,
            GDateTime         *now,
            const char        *id,
            LtMaintenanceKind  kind,
            const char        *title,
            const char        *starts,
            const char        *ends,
            const char        *announced,
            GError           **error)
{
  g_autoptr(LtMaintenanceWindow) window = lt_maintenance_window_new ();
  g_autoptr(GDateTime) s = instant (starts);
  g_autoptr(GDateTime) e = instant (ends);
  g_autoptr(GDateTime) a = instant (announced);

  lt_maintenance_window_set_id (window, id);
  lt_maintenance_window_set_kind (window, kind);
  lt_maintenance_window_set_title (window, title);
  lt_maintenance_window_set_starts_at (window, s);
  lt_maintenance_window_set_ends_at (window, e);
  lt_maintenance_window_set_announced_at (window, a);
  lt_maintenance_window_set_affects (window, kind == LT_MAINTENANCE_KIND_UPGRADE_PACKAGE
                                     ? LT_MAINTENANCE_AFFECTS_ON_PREM : LT_MAINTENANCE_AFFECTS_BOTH);

  return lt_store_upsert_maintenance_window (store, window, now, error);
}

static gboolean
add_installation (LtStore    *store,
                  GDateTime  *now,
                  const char *name,
                  const char *host,
                  const char *version,
                  GError    **error)
{
  g_autoptr(LtStoreInstallations) installations = lt_store_installations_new (store, error);
  g_autoptr(LtInstallation) installation = lt_installation_new ();

  if (installations == NULL)
    return FALSE;

  lt_installation_set_name (installation, name);
  lt_installation_set_host (installation, host);
  lt_installation_set_detected_version (installation, version);
  lt_installation_set_detected_at (installation, now);

  return lt_store_installations_add (installations, installation, now, error);
}

gboolean
lt_app_demo_data_fill (LtStore   *store,
                       LtOutbox  *outbox,
                       GError   **error)
{
  g_autoptr(GDateTime) now = instant (LT_APP_DEMO_NOW);
  g_autoptr(LtAccount) account = lt_account_new ();
  g_autoptr(LtContact) contact = lt_contact_new ("Ada Lovelace", "ada.lovelace@northwind.example",
                                                 "+1 317 555 0142");
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
  g_autoptr(LtChangeNotice) submitted = lt_change_notice_new ();
  g_autoptr(LtChangeNotice) reviewed = lt_change_notice_new ();
  g_autoptr(LtChangeNotice) queued = lt_change_notice_new_queued ();
  g_autoptr(LtChangeNotice) concerns = lt_change_notice_new ();
  GDate issued;

  /* The account, with an invoice unpaid for more than 60 days (§17). */
  lt_account_set_customer_name (account, "Northwind Logistics");
  lt_account_set_tier (account, LT_TIER_ENTERPRISE);
  lt_account_set_primary_contact (account, contact);
  lt_account_set_csm_email (account, "csm@lockthreat.com");
  g_date_clear (&issued, 1);
  g_date_set_dmy (&issued, 10, G_DATE_SEPTEMBER, 2026);
  g_ptr_array_add (invoices, lt_invoice_new ("INV-2026-0917", &issued, "18400.00", "USD", FALSE));
  g_date_set_dmy (&issued, 10, G_DATE_JUNE, 2026);
  g_ptr_array_add (invoices, lt_invoice_new ("INV-2026-0611", &issued, "18400.00", "USD", TRUE));
  lt_account_set_invoices (account, invoices);
  if (!lt_store_save_account (store, account, now, error))
    return FALSE;

  if (!add_installation (store, now, "Production", "lt-prod-1.northwind.example", "3.5.1", error) ||
      !add_installation (store, now, "Disaster recovery", "lt-dr.northwind.example", "3.4.1", error) ||
      !add_installation (store, now, "Lab", "lt-lab.northwind.example", "3.2.2", error))
    return FALSE;

  /* Tickets in every SLA situation the Overview talks about. */
  if (!add_ticket (store, now, "LT-000142", "Suspicious logins on the management console",
                   LT_SEVERITY_S1, LT_TICKET_STATE_IN_PROGRESS,
                   "2026-11-30T14:10:00Z", NULL, NULL, NULL, NULL, TRUE, error) ||
      !add_ticket (store, now, "LT-000139", "Report export times out after 30 seconds",
                   LT_SEVERITY_S2, LT_TICKET_STATE_AWAITING_CUSTOMER,
                   "2026-11-24T14:00:00Z", "2026-11-24T15:10:00Z", "2026-11-25T15:00:00Z", NULL, NULL,
                   FALSE, error) ||
      !add_ticket (store, now, "LT-000137", "Agents on branch networks report stale policies",
                   LT_SEVERITY_S3, LT_TICKET_STATE_TRIAGED,
                   "2026-11-25T21:00:00Z", NULL, NULL, NULL, NULL, FALSE, error) ||
      !add_ticket (store, now, "LT-000131", "Dashboard widgets load slowly for large sites",
                   LT_SEVERITY_S3, LT_TICKET_STATE_RESOLVED,
                   "2026-11-16T15:00:00Z", "2026-11-16T16:30:00Z", NULL, "2026-11-27T16:00:00Z", NULL,
                   FALSE, error) ||
      !add_ticket (store, now, "LT-000120", "Collector restarts after log rotation",
                   LT_SEVERITY_S2, LT_TICKET_STATE_CLOSED,
                   "2026-11-02T14:00:00Z", "2026-11-02T15:00:00Z", NULL, "2026-11-18T15:00:00Z",
                   "2026-11-20T19:00:00Z", FALSE, error) ||
      !add_ticket (store, now, "LT-000118", "Export scheduled reports as PDF",
                   LT_SEVERITY_FEATURE, LT_TICKET_STATE_SUBMITTED,
                   "2026-10-29T14:00:00Z", NULL, NULL, NULL, NULL, FALSE, error) ||
      !add_rich_history (store, now, error))
    return FALSE;

  /* Vendor maintenance: an emergency announced with 45 minutes' notice,
   * a scheduled window next week and the last upgrade package. */
  if (!add_window (store, now, "mw-emergency-1130", LT_MAINTENANCE_KIND_EMERGENCY,
                   "Certificate rotation on the update servers",
                   "2026-11-30T15:30:00Z", "2026-11-30T16:30:00Z", "2026-11-30T14:45:00Z", error) ||
      !add_window (store, now, "mw-2026-12-05", LT_MAINTENANCE_KIND_SCHEDULED,
                   "Threat-intelligence feed migration",
                   "2026-12-05T07:00:00Z", "2026-12-05T11:00:00Z", "2026-11-20T15:00:00Z", error) ||
      !add_window (store, now, "mw-2026-11-14", LT_MAINTENANCE_KIND_SCHEDULED,
                   "Portal database upgrade",
                   "2026-11-14T07:00:00Z", "2026-11-14T09:00:00Z", "2026-11-03T15:00:00Z", error) ||
      !add_window (store, now, "up-2026-06", LT_MAINTENANCE_KIND_UPGRADE_PACKAGE,
                   "On-premise upgrade package 2026.1",
                   "2026-06-06T12:00:00Z", "2026-06-06T18:00:00Z", "2026-05-15T15:00:00Z", error))
    return FALSE;

  /* Change notices: one under review, one reviewed, one reviewed with
   * concerns, one still queued. */
  {
    g_autoptr(GDateTime) s1 = instant ("2026-12-08T23:00:00Z");
    g_autoptr(GDateTime) e1 = instant ("2026-12-09T02:00:00Z");
    g_autoptr(GDateTime) s2 = instant ("2026-11-21T23:00:00Z");
    g_autoptr(GDateTime) e2 = instant ("2026-11-22T01:00:00Z");
    g_autoptr(GDateTime) s3 = instant ("2026-12-01T19:00:00Z");
    g_autoptr(GDateTime) e3 = instant ("2026-12-01T21:00:00Z");
    const char * const systems[] = { "db-01", "db-02", NULL };
    g_autoptr(LtStoreTransaction) tx = NULL;

    lt_change_notice_set_id (submitted, "CN-0007");
    lt_change_notice_set_kind (submitted, LT_CHANGE_KIND_DATABASE_SCHEMA);
    lt_change_notice_set_title (submitted, "Partition the events table");
    lt_change_notice_set_systems (submitted, systems);
    lt_change_notice_set_planned_start (submitted, s1);
    lt_change_notice_set_planned_end (submitted, e1);
    lt_change_notice_set_risk (submitted, LT_RISK_MEDIUM);
    lt_change_notice_set_state (submitted, LT_CHANGE_STATE_UNDER_REVIEW);

    lt_change_notice_set_id (reviewed, "CN-0005");
    lt_change_notice_set_kind (reviewed, LT_CHANGE_KIND_INFRASTRUCTURE);
    lt_change_notice_set_title (reviewed, "Move collectors to the new VLAN");
    lt_change_notice_set_planned_start (reviewed, s2);
    lt_change_notice_set_planned_end (reviewed, e2);
    lt_change_notice_set_risk (reviewed, LT_RISK_LOW);
    lt_change_notice_set_state (reviewed, LT_CHANGE_STATE_REVIEWED);
    lt_change_notice_set_review_outcome (reviewed, LT_REVIEW_OUTCOME_NO_CONCERNS);

    lt_change_notice_set_kind (queued, LT_CHANGE_KIND_THIRD_PARTY);
    lt_change_notice_set_title (queued, "Renew the SIEM connector certificate");
    lt_change_notice_set_planned_start (queued, s3);
    lt_change_notice_set_planned_end (queued, e3);
    lt_change_notice_set_risk (queued, LT_RISK_LOW);
    lt_change_notice_set_state (queued, LT_CHANGE_STATE_QUEUED);

    /* Reviewed with concerns, LockThreat's words with it; late, and over
     * the scheduled window of 5 December (the change-notice page's shot). */
    {
      const char * const collectors[] = { "nw-col-01", "nw-col-02", "collector load balancer", NULL };
      g_autoptr(GDateTime) s4 = instant ("2026-12-05T08:00:00Z");
      g_autoptr(GDateTime) e4 = instant ("2026-12-05T10:30:00Z");

      lt_change_notice_set_id (concerns, "CN-0009");
      lt_change_notice_set_kind (concerns, LT_CHANGE_KIND_INFRASTRUCTURE);
      lt_change_notice_set_title (concerns, "Upgrade the collector hosts to RHEL 9.4");
      lt_change_notice_set_description (concerns,
                                        "In-place upgrade of both collectors, one at a time; agents fail over "
                                        "to the other collector through the load balancer. Expected downtime "
                                        "per host: 20 minutes.");
      lt_change_notice_set_systems (concerns, collectors);
      lt_change_notice_set_planned_start (concerns, s4);
      lt_change_notice_set_planned_end (concerns, e4);
      lt_change_notice_set_rollback_plan (concerns,
                                          "Boot the previous kernel from the GRUB menu and restore the VM "
                                          "snapshot taken before the upgrade (15 minutes per host).");
      lt_change_notice_set_risk (concerns, LT_RISK_MEDIUM);
      lt_change_notice_set_state (concerns, LT_CHANGE_STATE_REVIEWED);
      lt_change_notice_set_review_outcome (concerns, LT_REVIEW_OUTCOME_CONCERNS);
      lt_change_notice_set_late (concerns, TRUE);
      lt_change_notice_set_review_text (concerns,
                                        "The upgrade overlaps our threat-intelligence feed migration on "
                                        "5 December: collectors restarted during it may miss feed updates "
                                        "for up to an hour.\n\nMove the change to the week of 7 December, or "
                                        "keep nw-col-02 on RHEL 9.3 until the migration has finished.");
    }

    if (!lt_store_upsert_change_notice (store, submitted, now, error) ||
        !lt_store_upsert_change_notice (store, reviewed, now, error) ||
        !lt_store_upsert_change_notice (store, concerns, now, error))
      return FALSE;

    /* As the form queues one: the row and its outbox item together. */
    tx = lt_store_begin (store, error);
    if (tx == NULL ||
        !lt_store_save_local_change_notice (store, queued, now, error) ||
        !lt_outbox_enqueue_with_key (outbox, lt_change_notice_get_local_id (queued),
                                     "change-notice.create", "{\"title\": \"Renew the SIEM connector certificate\"}",
                                     NULL, now, error) ||
        !lt_store_transaction_commit (tx, error))
      return FALSE;
  }

  return TRUE;
}
