/* lt-alerts.h: the deadline engine — what needs the admin now, and when
 * the next thing will (RULES.md R5, R4, R8, R9, R10, R2; docs/app.md
 * "Notifications")
 *
 * Given what the store knows (LtAlertInput) and an instant, the engine
 * returns every alert that is due and still meaningful at that instant,
 * and the next instant at which that list changes (an alert comes due or
 * stops applying). It decides nothing about showing: the application
 * records each alert in the store before it sends it (so nothing is shown
 * twice), withdraws the shown ones the engine no longer returns, and
 * sleeps until the next instant; `ltsupport notifications list` prints
 * the same list. Core does no I/O: the caller loads the input.
 *
 * Every alert has a stable key: the same reason gives the same key on
 * every call, in every process, and a new reason (the ticket awaits the
 * customer a second time) a new key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-types.h"
#include "lt-change-notice.h"
#include "lt-installation.h"
#include "lt-invoice.h"
#include "lt-maintenance-window.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-ticket.h"

G_BEGIN_DECLS

/* One kind per reason the policy gives the admin to act or to know; each
 * can be switched off in Preferences (the nicks are the settings' words
 * and the JSON's). */
typedef enum
{
  LT_ALERT_KIND_TICKET_UPDATE,        /* LockThreat commented or changed the state */
  LT_ALERT_KIND_AWAITING_CUSTOMER,    /* §13: at once */
  LT_ALERT_KIND_AWAITING_CLOSING,     /* §13: < 1 business day before it closes */
  LT_ALERT_KIND_RESOLVED,             /* §7: confirm or "not fixed" before it closes */
  LT_ALERT_KIND_REOPEN_ENDING,        /* §14: < 1 business day of the reopen window left */
  LT_ALERT_KIND_SLA_AT_RISK,          /* §9/R4, only while the vendor is open */
  LT_ALERT_KIND_SLA_BREACHED,         /* §9/R4, only while the vendor is open */
  LT_ALERT_KIND_CHANGE_REVIEWED,      /* §6: the review's outcome */
  LT_ALERT_KIND_CHANGE_UNREVIEWED,    /* §6: starts within 24 h without a review */
  LT_ALERT_KIND_CHANGE_NOTICE_DUE,    /* §6: a draft's last on-time day is tomorrow */
  LT_ALERT_KIND_MAINTENANCE,          /* §10: 24 h / 1 h before, emergency at once */
  LT_ALERT_KIND_RELEASE,              /* §11: a new release and what it pushes out */
  LT_ALERT_KIND_INVOICE_OVERDUE,      /* §17: unpaid and past 60 days */
  LT_ALERT_KIND_OUTBOX_REFUSED,       /* an outbox item the portal refused for good */
} LtAlertKind;
#define LT_N_ALERT_KINDS (LT_ALERT_KIND_OUTBOX_REFUSED + 1)

/* One button of a notification: an action of the application ("app.…")
 * with a string target, and its translated label. */
typedef struct
{
  const char *action;       /* static */
  char       *target;
  char       *label;
} LtAlertButton;

/**
 * LtAlert:
 * @kind: why
 * @key: stable and unique, "<kind nick>:<subject>[:<qualifier>]"
 * @subject: the ticket id, change notice id (local id for a draft),
 *   maintenance window id, release version, invoice id or outbox key
 * @subject_title: its title ("Disk full on node 2", "4.3.0", …), may be NULL
 * @due: when the alert came due (UTC)
 * @deadline: (nullable): the instant it warns of — when the ticket
 *   closes, the reopen window ends, the response is due, the change or
 *   window starts, the invoice turned overdue (UTC)
 * @detail: (nullable): what varies within a kind: the new state nick and
 *   close reason ("closed/no-response"), the review outcome and its text,
 *   the lead minutes of a maintenance reminder, the installations a
 *   release affects, the refusal's reason
 * @urgent: shown as urgent (S1, breached SLA, emergency maintenance, an
 *   invoice that suspends service)
 */
typedef struct
{
  LtAlertKind  kind;
  char        *key;
  char        *subject;
  char        *subject_title;
  GDateTime   *due;
  GDateTime   *deadline;
  char        *detail;
  gboolean     urgent;
} LtAlert;

GType       lt_alert_get_type (void) G_GNUC_CONST;
LtAlert    *lt_alert_copy     (const LtAlert *self);
void        lt_alert_free     (LtAlert       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtAlert, lt_alert_free)

/* What the portal refused for good, as the outbox keeps it. */
typedef struct
{
  char       *key;          /* the outbox item's key */
  char       *what;         /* translated, e.g. "Comment on LT-000139" */
  char       *reason;       /* the portal's reason */
  GDateTime  *failed_at;
} LtAlertRefusal;

LtAlertRefusal *lt_alert_refusal_new  (const char *key,
                                       const char *what,
                                       const char *reason,
                                       GDateTime  *failed_at);
void        lt_alert_refusal_free     (LtAlertRefusal *self);

/**
 * LtAlertInput:
 * @policy: the calendar, auto-close and reopen days, lead times, the
 *   maintenance reminder leads, the invoice days
 * @tickets: (element-type LtTicket): every ticket not closed, and those
 *   closed whose reopen window has not ended; a ticket whose events are
 *   set has them looked at for LockThreat's comments and state changes
 * @customer_names: (nullable): display names whose events are the
 *   customer's own (the account's contacts and customer name)
 * @since: nothing that happened before this instant is news (the instant
 *   this profile began to notify); a ticket update, review or release
 *   older than it gives no alert
 * @change_notices: (element-type LtChangeNotice): drafts and notices
 *   whose planned start is not past
 * @maintenance_windows: (element-type LtMaintenanceWindow)
 * @reminder_leads, @n_reminder_leads: the maintenance reminders' lead
 *   minutes (the settings', else the policy's)
 * @catalog: (nullable): the release catalog
 * @installations: (element-type LtInstallation) (nullable)
 * @invoices: (element-type LtInvoice) (nullable)
 * @refusals: (element-type LtAlertRefusal) (nullable)
 * @tier: the account's tier, for the SLA targets (R4); a zeroed input
 *   means Essential
 */
typedef struct
{
  LtPolicy          *policy;
  GPtrArray         *tickets;
  char             **customer_names;
  GDateTime         *since;
  GPtrArray         *change_notices;
  GPtrArray         *maintenance_windows;
  guint             *reminder_leads;
  guint              n_reminder_leads;
  LtReleaseCatalog  *catalog;
  GPtrArray         *installations;
  GPtrArray         *invoices;
  GPtrArray         *refusals;
  LtTier             tier;
} LtAlertInput;

/* Releases what the input holds (each member is owned by it: arrays
 * unreffed, objects unreffed, names freed) and zeroes it. */
void        lt_alert_input_clear      (LtAlertInput *input);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LtAlertInput, lt_alert_input_clear)

/* Whether a kind is news (a ticket update, a review, a release: a fact
 * that stays true, shown once and left to the desktop's list) rather than
 * a condition (awaiting, SLA, windows…: withdrawn when the engine no
 * longer returns it). News is only returned for what the input carries
 * (a ticket's events, a reviewed notice, a release) dated at or after
 * @since. */
gboolean    lt_alert_kind_is_news     (LtAlertKind  kind);

/* The alerts due at @now, oldest first (LtAlert, owned). @next: (out)
 * (optional) (nullable): the first instant after @now at which the list
 * will differ, NULL when nothing is ahead. */
GPtrArray  *lt_alerts_compute         (const LtAlertInput *input,
                                       GDateTime          *now,
                                       GDateTime         **next);

/* The same computed in parts, for a caller that reads the tickets a
 * slice at a time: the tickets and their events are most of a look's
 * memory at a large profile, and GLib's slice allocator keeps what it
 * once held (docs/app.md, "A look holds a batch of tickets"). Give every ticket once, in
 * the order lt_alerts_compute() would see them, then finish: the result
 * is the same list. */
typedef struct _LtAlertCollector LtAlertCollector;

LtAlertCollector *lt_alert_collector_new        (GDateTime          *now);
void        lt_alert_collector_add_tickets      (LtAlertCollector   *self,
                                                 const LtAlertInput *input,
                                                 GPtrArray          *tickets);
GPtrArray  *lt_alert_collector_finish           (LtAlertCollector   *self,
                                                 const LtAlertInput *input,
                                                 GDateTime         **next);
void        lt_alert_collector_free             (LtAlertCollector   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtAlertCollector, lt_alert_collector_free)

const char *lt_alert_kind_to_nick     (LtAlertKind  kind);
gboolean    lt_alert_kind_from_nick   (const char  *nick,
                                       LtAlertKind *kind);
/* Preferences' words: a short label ("Ticket awaits your answer") and a
 * line saying when it comes and the policy's section. */
const char *lt_alert_kind_get_label   (LtAlertKind  kind);
const char *lt_alert_kind_get_description (LtAlertKind kind);

/* What the desktop shows, translated, with instants in @zone (the
 * admin's): title, body and buttons (LtAlertButton, owned; the default
 * action, opening the subject, is the first). */
char       *lt_alert_dup_title        (const LtAlert *alert,
                                       GTimeZone     *zone);
char       *lt_alert_dup_body         (const LtAlert *alert,
                                       GTimeZone     *zone);
GPtrArray  *lt_alert_dup_buttons      (const LtAlert *alert);

/* The one notification for what came due while nobody watched:
 * "While you were away" and a body naming the first few alerts and
 * counting the rest. */
/* The Overview's "While you were away" list shows this many alerts and
 * counts the rest in one row: a first start on a large profile can find
 * thousands, and a row each froze the window for minutes. */
#define LT_ALERTS_AWAY_LISTED 8

char       *lt_alerts_dup_summary_title (guint          n_alerts);
char       *lt_alerts_dup_more_title    (guint          n_more);
char       *lt_alerts_dup_summary_body  (GPtrArray     *alerts,
                                         GTimeZone     *zone);

G_END_DECLS
