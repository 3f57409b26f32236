/* lt-test-cli.h: running the built ltsupport in a test
 *
 * Every CLI test runs the real binary ($LTSUPPORT, set by tests/meson.build)
 * the same way: in the test's own data folder, with nothing of the
 * developer's shell leaking in (no $LTSUPPORT_PROFILE, $LTSUPPORT_PORTAL,
 * $LTSUPPORT_TOKEN, no session bus and so no keyring), and killed when
 * the test dies. A test that needs more (a token, a portal by variable)
 * says so with lt_test_cli_setenv().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  int     status;   /* the exit status */
  char   *out;      /* standard output, whole */
  char   *err;      /* standard error, whole */
  double  seconds;  /* how long the run took */
} LtTestCliRun;

void lt_test_cli_run_clear (LtTestCliRun *run);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LtTestCliRun, lt_test_cli_run_clear)

/* Sets (@value) or unsets (%NULL) @name in the environment of every later
 * run of this test program, over the defaults above. */
void lt_test_cli_setenv (const char *name,
                         const char *value);

/* Every later run is killed after @seconds, which fails the test (0: no
 * limit, the default): for a run that must end however a portal stalls.
 * The run then waits in the thread-default main context, so a portal
 * served from this process keeps answering. */
void lt_test_cli_set_time_limit (guint seconds);

/* Runs ltsupport with @args (NULL-terminated, without the program name).
 * Standard input is @input when not %NULL, else the terminal @tty_fd when
 * >= 0, else /dev/null. */
void lt_test_cli_run_argv (LtTestCliRun       *run,
                           const char         *input,
                           int                 tty_fd,
                           const char * const *args);

void lt_test_cli_run (LtTestCliRun *run,
                      const char   *first,
                      ...) G_GNUC_NULL_TERMINATED;
void lt_test_cli_run_with_input (LtTestCliRun *run,
                                 const char   *input,
                                 const char   *first,
                                 ...) G_GNUC_NULL_TERMINATED;
/* As a person at a terminal who types @typed in answer to the prompts:
 * standard input is a pseudo-terminal that already holds it. */
void lt_test_cli_run_on_terminal (LtTestCliRun *run,
                                  const char   *typed,
                                  const char   *first,
                                  ...) G_GNUC_NULL_TERMINATED;

/* Every run above whose @args hold "--json" is validated against its
 * command's schema in data/schemas/ when the test case ends
 * (tests/validate-cli-json.py); a case fails when one does not follow
 * it. A run the harness could not start itself (one of several
 * concurrent processes) is handed over here, with its arguments. */
void lt_test_cli_check_json (const char * const *args,
                             LtTestCliRun       *run);

/* The JSON document @text; asserts that it parses. (transfer full) */
JsonNode   *lt_test_cli_parse_json (const char *text);
/* The object of a `--json` output, with its "schema_version" (required,
 * the first member) checked and removed, so that tests compare only what
 * the command answered. (transfer full) */
JsonObject *lt_test_cli_json_object (const char *out);
/* The list of a listing command's `--json` output: the "items" of an
 * envelope that holds nothing else. (transfer full) */
JsonArray  *lt_test_cli_json_items (const char *out);
/* What a `--json` output answers, as a node: the "items" array of a
 * listing, else the object without its "schema_version" (both checked
 * as above). (transfer full) */
JsonNode   *lt_test_cli_json_answer (const char *out);
/* The error object that ends stderr under `--json`:
 * {"error": {"code", "message"}}; returns its "error" member after
 * checking it has exactly those two. (transfer full) */
JsonObject *lt_test_cli_json_error (const char *err);

/* A run under --json that failed: exit @status, nothing on stdout, and
 * the error object with @code on stderr, whose message contains @needle. */
#define lt_test_cli_assert_json_error(run, expected_status, code, needle) \
  G_STMT_START { \
    g_autoptr(JsonObject) error_ = NULL; \
    g_assert_cmpint ((run)->status, ==, (expected_status)); \
    g_assert_cmpstr ((run)->out, ==, ""); \
    error_ = lt_test_cli_json_error ((run)->err); \
    g_assert_cmpstr (json_object_get_string_member (error_, "code"), ==, (code)); \
    lt_test_cli_assert_contains (json_object_get_string_member (error_, "message"), (needle)); \
  } G_STMT_END
/* @object's member names, sorted, joined with ",". */
char       *lt_test_cli_dup_member_names (JsonObject *object);

#define lt_test_cli_assert_members(object, sorted_names) \
  G_STMT_START { \
    g_autofree char *names_ = lt_test_cli_dup_member_names (object); \
    g_assert_cmpstr (names_, ==, (sorted_names)); \
  } G_STMT_END

#define lt_test_cli_assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *haystack_ = (haystack); \
    const char *needle_ = (needle); \
    if (strstr (haystack_, needle_) == NULL) \
      { \
        g_autofree char *message_ = g_strdup_printf ("“%s” does not contain “%s”", \
                                                     haystack_, needle_); \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message_); \
      } \
  } G_STMT_END

#define lt_test_cli_assert_not_contains(haystack, needle) \
  G_STMT_START { \
    const char *haystack_ = (haystack); \
    const char *needle_ = (needle); \
    if (strstr (haystack_, needle_) != NULL) \
      { \
        g_autofree char *message_ = g_strdup_printf ("“%s” contains “%s”", haystack_, needle_); \
        g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, message_); \
      } \
  } G_STMT_END

/* Exit status and exact stdout; stderr must be empty. */
#define lt_test_cli_assert_output(run, expected_status, expected_out) \
  G_STMT_START { \
    g_assert_cmpint ((run)->status, ==, (expected_status)); \
    g_assert_cmpstr ((run)->out, ==, (expected_out)); \
    g_assert_cmpstr ((run)->err, ==, ""); \
  } G_STMT_END

/* Exit 0 and nothing on stderr. */
#define lt_test_cli_assert_ok(run) \
  G_STMT_START { \
    g_assert_cmpint ((run)->status, ==, 0); \
    g_assert_cmpstr ((run)->err, ==, ""); \
  } G_STMT_END

/* Bad usage or input: exit 2, nothing on stdout, one "ltsupport: " line
 * on stderr that contains @needle (the bad input, quoted). */
#define lt_test_cli_assert_usage_error(run, needle) \
  G_STMT_START { \
    g_assert_cmpint ((run)->status, ==, 2); \
    g_assert_cmpstr ((run)->out, ==, ""); \
    g_assert_true (g_str_has_prefix ((run)->err, "ltsupport: ")); \
    lt_test_cli_assert_contains ((run)->err, (needle)); \
  } G_STMT_END

/* A file named @name with @contents in the test's own (isolated) cache
 * folder; returns its path. */
char *lt_test_cli_write_file (const char *name,
                              const char *contents);

G_END_DECLS
