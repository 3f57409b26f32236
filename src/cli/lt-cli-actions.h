/* lt-cli-actions.h: what the ltsupport commands that act on the portal's
 * data share (ticket, change-notice, maintenance)
 *
 * They read the local store, judge with core, ask the user to acknowledge
 * the policy's warnings, queue through lt-actions and, when a portal is
 * configured and answers, hand the new item to the sync at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-cli.h"
#include "lt-outbox.h"
#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-store.h"
#include "lt-ticket.h"

G_BEGIN_DECLS

/* The policy these commands judge by: `--policy FILE` when given, else
 * the portal's copy cached by the last sync (it carries the customer's
 * contract), else the bundled default. (transfer none) */
LtPolicy         *lt_cli_get_effective_policy  (LtCli        *cli,
                                                LtStore      *store,
                                                GError      **error);
/* The ticket named on the command line: the portal's id (LT-000123), or
 * the local id of one that is still queued; LT_ERROR_NOT_FOUND saying
 * that `ltsupport sync` fetches the portal's tickets. (transfer full) */
LtTicket         *lt_cli_find_ticket           (LtStore      *store,
                                                const char   *id,
                                                GError      **error);
/* How a ticket is named to people: its portal id once it has one. */
const char       *lt_cli_ticket_name           (LtTicket     *ticket);

/* The portal's cached release catalog, else the bundled one.
 * (transfer full) */
LtReleaseCatalog *lt_cli_load_effective_catalog (LtStore     *store,
                                                 GError     **error);
/* The account's tier; Essential, the slowest targets, while no account
 * was fetched yet, so a deadline shown is never earlier than the
 * contract's (as the app does). @known: (out) (optional) */
LtTier            lt_cli_get_tier              (LtStore      *store,
                                                gboolean     *known);

/* "2026-12-01 10:45 +13:45 (2026-11-30 16:00 -05:00 at LockThreat,
 * America/Indiana/Indianapolis)": the user's clock first, then the
 * vendor's, whose business calendar the deadline is counted in. */
char             *lt_cli_describe_deadline     (GDateTime    *instant,
                                                LtPolicy     *policy);
/* "2 h 5 min" of business time, sign dropped. */
char             *lt_cli_format_business_duration (gint64     seconds);

/* The text of @path, or of standard input when @path is NULL or "-";
 * @what names it in errors ("--description-file"). Leading and trailing
 * blank lines are kept as written; the text must be UTF-8. */
char             *lt_cli_read_text             (const char   *what,
                                                const char   *path,
                                                GError      **error);

/* Whether y/N questions can be asked: standard input is a terminal and
 * was not used for other input. */
gboolean          lt_cli_can_prompt            (void);
/* Asks @question on stderr and reads the answer from the terminal. */
gboolean          lt_cli_ask_yes_no            (const char   *question);
/* One line from the terminal, without its line end; NULL at end of
 * input. */
char             *lt_cli_read_line             (const char   *prompt);

/* Gets the user's acknowledgement of the warnings already printed on
 * stderr; @acks holds what each is about ("an out-of-scope category"),
 * as (const char *). All are given with --yes (@yes); else, at a
 * terminal, one y/N @question asks for them; else the command stops.
 * Returns LT_CLI_EXIT_OK when given, LT_CLI_EXIT_NO when the user
 * answered no, LT_CLI_EXIT_USAGE (with @error naming what is missing and
 * --yes) when nobody can be asked. */
int               lt_cli_acknowledge           (LtCli        *cli,
                                                GPtrArray    *acks,
                                                gboolean      yes,
                                                const char   *question,
                                                GError      **error);
/* What a command is about to send, as pairs of (what, text): "--title",
 * "--message", "the description"… */
GPtrArray        *lt_cli_outgoing_new          (void);
void              lt_cli_outgoing_add          (GPtrArray     *outgoing,
                                                const char    *what,
                                                const char    *text);
/* The review the app's new-ticket assistant makes, before anything is
 * queued: text or a file of @attachments holding the portal token is
 * refused (LT_CLI_EXIT_USAGE, whatever --yes says); likely secrets found
 * by lt_sensitive_scan() in the texts and in the attachments that are
 * UTF-8 text are listed as warnings, masked, and need acknowledging as
 * lt_cli_acknowledge() does. */
int               lt_cli_review_outgoing       (LtCli              *cli,
                                                GPtrArray          *outgoing,
                                                const char * const *attachments,
                                                gboolean            yes,
                                                const char         *question,
                                                GError            **error);
/* "Warning: …" on stderr. */
void              lt_cli_warn                  (const char   *warning);

/* Prints an error of an action on stderr and returns its exit status:
 * LT_ERROR_NOT_ALLOWED (the policy forbids it) is 1, everything else 2. */
int               lt_cli_fail_action           (LtCli        *cli,
                                                const GError *error);

/* What became of an action right after it was queued. */
typedef enum
{
  LT_CLI_DELIVERY_QUEUED,   /* no portal to send it to now: it waits for a sync */
  LT_CLI_DELIVERY_OFFLINE,  /* the portal could not be reached: it waits */
  LT_CLI_DELIVERY_SENT,     /* the portal acknowledged it */
  LT_CLI_DELIVERY_REFUSED,  /* the portal refused it for good (failed item) */
} LtCliDelivery;

/* After an action was queued under @key: when a portal is configured,
 * one push of the outbox sends it (with what it depends on) at once.
 * @why: (out) (optional): the portal's reason for a refusal, or why it
 * could not be reached. */
LtCliDelivery     lt_cli_deliver_now           (LtCli        *cli,
                                                LtOutbox     *outbox,
                                                const char   *key,
                                                char        **why);
/* Prints what happened to an action that was not sent: @subject names it
 * ("The comment on LT-000123"; NULL: the sentence stands alone). Returns
 * the exit status: 0 while it waits in the outbox, 1 when the portal
 * refused it. */
int               lt_cli_report_not_sent       (LtCliDelivery  delivery,
                                                const char    *subject,
                                                const char    *why);

/* "queued", "offline", "sent", "refused": the --json form. */
const char       *lt_cli_delivery_to_string    (LtCliDelivery  delivery);

G_END_DECLS
