/* lt-cli.h: what the ltsupport subcommands share
 *
 * ltsupport is a thin main over src/core: every verdict it prints comes
 * from a core function. What lives here is only the command line itself:
 * parsing arguments strictly, loading the policy the user chose, and
 * printing answers for people (aligned labels) or for scripts (JSON).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lt-policy.h"
#include "lt-release-catalog.h"
#include "lt-store.h"

G_BEGIN_DECLS

/* Scripts branch on the exit status, so it is part of the interface and
 * documented in docs/cli.md. */
typedef enum
{
  LT_CLI_EXIT_OK    = 0, /* the answer is yes / ok, or the data was printed */
  LT_CLI_EXIT_NO    = 1, /* a valid question whose answer is no */
  LT_CLI_EXIT_USAGE = 2, /* bad usage or input, or a file that cannot be used */
} LtCliExit;

typedef struct _LtCli LtCli;

/* How a group reports a usage error (lt_cli_fail()); returns the exit
 * status. */
typedef int (*LtCliFailFunc) (LtCli        *cli,
                              const GError *error);

struct _LtCli
{
  /* "ltsupport calendar holidays": the usage line and the --help hint */
  char     *command;
  /* --policy is global and accepted before or after the subcommand; the
   * last one given wins */
  char     *policy_path;
  char     *pending_policy_path;
  gboolean  show_version;
  /* --profile DIR, global like --policy: the store is DIR/support.db */
  char     *profile_path;
  char     *pending_profile_path;
  /* --portal URL, global like --policy: the portal to sync with
   * (lt_cli_dup_portal_url(), lt-cli-sync.c) */
  char     *portal_url;
  char     *pending_portal_url;
  /* `--json` is on the command line: errors are printed as a JSON
   * object (lt_cli_fail()) */
  gboolean  json;
  /* The last error set by lt_cli_set_usage_error() and friends is a
   * usage error ("usage" rather than "invalid-input" in JSON) */
  gboolean  usage_error;
  /* Owned, loaded on first use */
  LtPolicy *policy;
  LtStore  *store;
  /* Set by a group whose errors are not the usual exit 2 (`check`, whose
   * usage errors are a monitoring plugin's UNKNOWN); NULL: the usual. */
  LtCliFailFunc fail_func;
  /* Set when a command that only reads found no store yet: its
   * lt_cli_fail() is then an answer (exit 1), not a usage error. */
  gboolean  no_local_data;
  /* Set by lt_cli_print_error(): the command reported an error, so a
   * usage exit (2) drops what it printed (lt_cli_main()); a monitoring
   * plugin's CRITICAL, also 2, is an answer and reports none. */
  gboolean  error_reported;
};

typedef int (*LtCliRunFunc) (LtCli  *cli,
                             int     argc,
                             char  **argv);

typedef struct _LtCliCommand LtCliCommand;
struct _LtCliCommand
{
  const char         *name;
  const char         *summary;  /* N_(), shown in the group's --help */
  LtCliRunFunc        run;      /* a command, or… */
  const LtCliCommand *children; /* …a group of them, ended by a NULL name */
  /* The "schema_version" of the command's --json output; 0 means 1. A
   * command raises it (and the "const" in its data/schemas/ file) when
   * a member is removed, renamed or changes meaning (docs/cli.md, "JSON
   * output"); adding a member does not. */
  guint               json_schema_version;
};

int             lt_cli_main             (const LtCliCommand  *commands,
                                         const char          *summary,
                                         int                  argc,
                                         char               **argv);

/* Runs the subcommand of @commands named in @argv[1], as the top level
 * does: for a command that is a group with its own handling (`check`). */
int             lt_cli_run_group        (LtCli               *cli,
                                         const LtCliCommand  *commands,
                                         const char          *summary,
                                         int                  argc,
                                         char               **argv);

/* A GOptionContext for the current command with @entries and the global
 * options. @parameter_string names the positional arguments ("VERSION"). */
GOptionContext *lt_cli_context_new      (LtCli               *cli,
                                         const char          *parameter_string,
                                         const char          *summary,
                                         const GOptionEntry  *entries);
/* Parses the options and checks that exactly @n_args positional arguments
 * remain (named by @arg_names in messages); on return (*argv)[1] is the
 * first of them. */
gboolean        lt_cli_parse            (LtCli               *cli,
                                         GOptionContext      *context,
                                         int                 *argc,
                                         char              ***argv,
                                         guint                n_args,
                                         const char * const  *arg_names,
                                         GError             **error);
/* lt_cli_parse() for commands whose positional arguments are optional:
 * between @min_args and @max_args remain. */
gboolean        lt_cli_parse_range      (LtCli               *cli,
                                         GOptionContext      *context,
                                         int                 *argc,
                                         char              ***argv,
                                         guint                min_args,
                                         guint                max_args,
                                         const char * const  *arg_names,
                                         GError             **error);
/* A usage error for the current command: @message and the --help hint. */
void            lt_cli_set_usage_error  (LtCli               *cli,
                                         GError             **error,
                                         const char          *message);
/* Prints "ltsupport: <message>" on stderr and returns LT_CLI_EXIT_USAGE
 * (LT_CLI_EXIT_NO after lt_cli_get_store_for_reading() found no store);
 * in a group with a fail_func, what that does. */
int             lt_cli_fail             (LtCli               *cli,
                                         const GError        *error);
/* Prints @error on stderr: "ltsupport: <message>", or under --json the
 * object {"error": {"code": …, "message": …}} on one line. */
void            lt_cli_print_error      (LtCli               *cli,
                                         const GError        *error);
/* The stable code of @error in JSON ("not-found", "store", …): the one
 * mapping from LtError to what scripts branch on (docs/cli.md). */
const char     *lt_cli_error_code       (LtCli               *cli,
                                         const GError        *error);

/* The policy of --policy FILE, or the bundled default. (transfer none) */
LtPolicy       *lt_cli_get_policy       (LtCli               *cli,
                                         GError             **error);

/* The release catalog in @path (`--catalog FILE`), or the bundled one when
 * @path is NULL. Errors name the file. (transfer full) */
LtReleaseCatalog *lt_cli_load_catalog   (const char          *path,
                                         GError             **error);

/* The local store: `--profile DIR` gives DIR/support.db; else
 * $LTSUPPORT_PROFILE/support.db; else the user's data folder
 * (lt_store_dup_default_path()). Opened on first use; a recovery notice
 * is printed on stderr as a warning. (transfer none) */
LtStore        *lt_cli_get_store        (LtCli               *cli,
                                         GError             **error);

/* The file of the store lt_cli_get_store() opens. (transfer full) */
char           *lt_cli_dup_store_path   (LtCli               *cli,
                                         GError             **error);

/* The store for a command that only reads it: opened read-only (nothing
 * is created, migrated or written; a profile the user cannot write still
 * works), else as lt_cli_get_store() opens it. Nothing is ever created:
 * a profile folder named by --profile or $LTSUPPORT_PROFILE that does not
 * exist is a usage error; no store yet (a first run) is an error with
 * which lt_cli_fail() exits 1 (docs/cli.md, "--profile DIR").
 * (transfer none) */
LtStore        *lt_cli_get_store_for_reading (LtCli          *cli,
                                         GError             **error);

/* Strict argument parsers: the whole text must be valid; errors are
 * LT_ERROR_INVALID_INPUT quoting @text and naming @what ("N", "--notice"). */
gboolean        lt_cli_parse_uint       (const char          *what,
                                         const char          *text,
                                         guint                max,
                                         guint               *value,
                                         GError             **error);
gboolean        lt_cli_parse_date       (const char          *what,
                                         const char          *text,
                                         GDate               *date,
                                         GError             **error);
gboolean        lt_cli_parse_enum       (const char          *what,
                                         GType                enum_type,
                                         const char          *text,
                                         int                 *value,
                                         GError             **error);
/* Checks that a required option was given. */
gboolean        lt_cli_require_option   (const char          *option,
                                         const char          *value,
                                         GError             **error);

/* "Thursday, 26 November 2026", in the user's language. */
char           *lt_cli_format_long_date (const GDate         *date);
/* "2026-11-26 (Thursday, 26 November 2026)": the ISO date a script can
 * read back, then the long form. */
char           *lt_cli_describe_date    (const GDate         *date);
/* "08:00" from minutes after midnight. */
char           *lt_cli_format_minute_of_day (guint            minute);

/* Human output: label/value rows printed with the values aligned. */
GPtrArray      *lt_cli_fields_new       (void);
void            lt_cli_fields_add       (GPtrArray           *fields,
                                         const char          *label,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (3, 4);
void            lt_cli_fields_print     (GPtrArray           *fields);
void            lt_cli_fields_print_indented (GPtrArray      *fields,
                                         guint                indent);

/* An array of {date, name, actual, observed}, the observed date first:
 * `calendar holidays --json` and `policy show --json` print the same. */
void            lt_cli_build_holidays   (JsonBuilder         *builder,
                                         GArray              *holidays);

/* An instant for people, in the user's time zone ("2026-11-25 16:00
 * +13:45"), or @none when @instant is NULL. */
char           *lt_cli_format_local_instant (GDateTime       *instant,
                                         const char          *none);
/* A nullable string or instant (RFC 3339 UTC) as a JSON member. */
void            lt_cli_add_string_member (JsonBuilder        *builder,
                                         const char          *name,
                                         const char          *value);
void            lt_cli_add_instant_member (JsonBuilder       *builder,
                                         const char          *name,
                                         GDateTime           *instant);
/* A date as "YYYY-MM-DD", a whole number, true or false as a JSON member. */
void            lt_cli_add_date_member  (JsonBuilder         *builder,
                                         const char          *name,
                                         const GDate         *date);
void            lt_cli_add_int_member   (JsonBuilder         *builder,
                                         const char          *name,
                                         gint64               value);
void            lt_cli_add_boolean_member (JsonBuilder       *builder,
                                         const char          *name,
                                         gboolean             value);

/* The --json option of every command that can answer in JSON; @flag is
 * the command's gboolean. Needs <glib/gi18n-lib.h> where it is used. */
#define LT_CLI_JSON_OPTION(flag) \
  { "json", 0, 0, G_OPTION_ARG_NONE, &(flag), N_("Print JSON"), NULL }

/* The --now option of the commands that answer as of an instant (for
 * scripts that ask about another day, and for tests): @text is the
 * command's char *. Needs <glib/gi18n-lib.h> where it is used. */
#define LT_CLI_NOW_OPTION(text) \
  { "now", 0, 0, G_OPTION_ARG_STRING, &(text), \
    N_("Answer as of TIME instead of now (RFC 3339 with an offset)"), N_("TIME") }

/* The instant of --now @text, in UTC, or the current time when @text is
 * NULL: the command line is where time enters. Errors name --now.
 * (transfer full) */
GDateTime      *lt_cli_parse_now        (const char          *text,
                                         GError             **error);

/* @length bytes of @text on stdout, without g_print()'s flush per call
 * (for long tables), with controls escaped as every print is. Like
 * g_print(), it is held until the command ends (lt_cli_main()). */
void            lt_cli_write_out        (const char          *text,
                                         gsize                length);

/* Script output: the builder's root, pretty-printed, on stdout, in the
 * envelope every --json document has: an object whose first member is
 * "schema_version" (the running command's json_schema_version); a root
 * array becomes that object's "items". */
void            lt_cli_print_json       (JsonBuilder         *builder);
/* The same for an answer built as a node (@answer: an object or an array). */
void            lt_cli_print_json_node  (JsonNode            *answer);

G_END_DECLS
