/* lt-cli-commands.h: the ltsupport commands, one run function each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-cli.h"
#include "lt-installation.h"
#include "lt-maintenance-window.h"
#include "lt-portal-choice.h"
#include "lt-portal-client.h"

G_BEGIN_DECLS

int lt_cli_eligibility_run                (LtCli *cli, int argc, char **argv);
int lt_cli_calendar_add_business_days_run (LtCli *cli, int argc, char **argv);
int lt_cli_calendar_is_business_day_run   (LtCli *cli, int argc, char **argv);
int lt_cli_calendar_holidays_run          (LtCli *cli, int argc, char **argv);
int lt_cli_sla_due_run                    (LtCli *cli, int argc, char **argv);
int lt_cli_change_notice_check_run        (LtCli *cli, int argc, char **argv);
void lt_cli_build_maintenance_window      (JsonBuilder         *builder,
                                           LtMaintenanceWindow *window,
                                           LtPolicy            *policy,
                                           GDateTime           *now);
int lt_cli_classify_run                   (LtCli *cli, int argc, char **argv);
int lt_cli_policy_show_run                (LtCli *cli, int argc, char **argv);
int lt_cli_installation_add_run           (LtCli *cli, int argc, char **argv);
int lt_cli_installation_list_run          (LtCli *cli, int argc, char **argv);
int lt_cli_installation_remove_run        (LtCli *cli, int argc, char **argv);
int lt_cli_installation_detect_run        (LtCli *cli, int argc, char **argv);
int lt_cli_outbox_list_run                (LtCli *cli, int argc, char **argv);
int lt_cli_outbox_retry_run               (LtCli *cli, int argc, char **argv);
int lt_cli_outbox_discard_run             (LtCli *cli, int argc, char **argv);
int lt_cli_outbox_import_run              (LtCli *cli, int argc, char **argv);
int lt_cli_ticket_file_run                (LtCli *cli, int argc, char **argv);
int lt_cli_ticket_list_run                (LtCli *cli, int argc, char **argv);
int lt_cli_ticket_show_run                (LtCli *cli, int argc, char **argv);
int lt_cli_ticket_comment_run             (LtCli *cli, int argc, char **argv);
int lt_cli_ticket_attach_run              (LtCli *cli, int argc, char **argv);
int lt_cli_ticket_confirm_run             (LtCli *cli, int argc, char **argv);
int lt_cli_ticket_reopen_run              (LtCli *cli, int argc, char **argv);
int lt_cli_ticket_escalate_run            (LtCli *cli, int argc, char **argv);
int lt_cli_ticket_withdraw_run            (LtCli *cli, int argc, char **argv);
int lt_cli_change_notice_submit_run       (LtCli *cli, int argc, char **argv);
int lt_cli_change_notice_list_run         (LtCli *cli, int argc, char **argv);
int lt_cli_change_notice_draft_run        (LtCli *cli, int argc, char **argv);
int lt_cli_change_notice_send_draft_run   (LtCli *cli, int argc, char **argv);
int lt_cli_change_notice_delete_draft_run (LtCli *cli, int argc, char **argv);
int lt_cli_notifications_list_run         (LtCli *cli, int argc, char **argv);
int lt_cli_change_notice_withdraw_run     (LtCli *cli, int argc, char **argv);
int lt_cli_change_notice_show_run         (LtCli *cli, int argc, char **argv);
int lt_cli_change_notice_reschedule_run   (LtCli *cli, int argc, char **argv);
int lt_cli_maintenance_list_run           (LtCli *cli, int argc, char **argv);
int lt_cli_login_run                      (LtCli *cli, int argc, char **argv);
int lt_cli_check_run                      (LtCli *cli, int argc, char **argv);
int lt_cli_sync_run                       (LtCli *cli, int argc, char **argv);
int lt_cli_metrics_run                    (LtCli *cli, int argc, char **argv);
int lt_cli_policy_on_calendar_run         (LtCli *cli, int argc, char **argv);
int lt_cli_bundle_create_run              (LtCli *cli, int argc, char **argv);
int lt_cli_bundle_keywords_run            (LtCli *cli, int argc, char **argv);

/* The portal the admin chose (lt_portal_choose_url(): --portal,
 * $LTSUPPORT_PORTAL, the app's saved portal-url, else the built-in
 * default), normalized, and a client for it whose credentials take
 * LTSUPPORT_TOKEN only for a portal named for this run (lt-cli-sync.c). */
char           *lt_cli_dup_portal_url     (LtCli             *cli,
                                           LtPortalSource    *source,
                                           GError           **error);
LtPortalClient *lt_cli_new_portal_client  (LtCli             *cli,
                                           GError           **error);

/* The version of an http installation, fetched through the portal client
 * (lt-cli-sync.c). */
gboolean lt_cli_detect_http               (LtInstallation    *installation,
                                           GDateTime         *now,
                                           GError           **error);

/* Eligibility of stored installations, shared by `eligibility --all` and
 * `installation list` (lt-cli-eligibility.c). */
LtEligibility *lt_cli_check_installation        (LtInstallation    *installation,
                                                 LtReleaseCatalog  *catalog,
                                                 LtPolicy          *policy,
                                                 char             **reason);
void           lt_cli_build_eligibility_members (JsonBuilder       *builder,
                                                 LtReleaseCatalog  *catalog,
                                                 LtPolicy          *policy,
                                                 LtEligibility     *verdict,
                                                 const char        *reason);
const char    *lt_cli_eligibility_status_text   (LtEligibility     *verdict);

G_END_DECLS
