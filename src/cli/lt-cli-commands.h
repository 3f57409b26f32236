/* lt-cli-commands.h: the ltsupport commands, one run function each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-cli.h"

G_BEGIN_DECLS

int lt_cli_eligibility_run                (LtCli *cli, int argc, char **argv);
int lt_cli_calendar_add_business_days_run (LtCli *cli, int argc, char **argv);
int lt_cli_calendar_is_business_day_run   (LtCli *cli, int argc, char **argv);
int lt_cli_calendar_holidays_run          (LtCli *cli, int argc, char **argv);
int lt_cli_sla_due_run                    (LtCli *cli, int argc, char **argv);
int lt_cli_change_notice_check_run        (LtCli *cli, int argc, char **argv);
int lt_cli_classify_run                   (LtCli *cli, int argc, char **argv);
int lt_cli_policy_show_run                (LtCli *cli, int argc, char **argv);

G_END_DECLS
