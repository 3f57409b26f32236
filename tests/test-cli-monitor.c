/* test-cli-monitor.c: `ltsupport check …`, the monitoring plugins
 *
 * The built binary runs on profiles filled through the store API (and
 * against the real devportal for `check portal`), at a pinned --now. Each
 * check is driven to each state; each run asserts the exit code the
 * Monitoring Plugins guidelines give it, the status line, and the
 * performance data's grammar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "lt-test-store.h"
#include "lt-test-util.h"
#include "lt-test-cli.h"
#include "lt-test-devportal.h"
#include "lt-test-server.h"
#include "lt-account.h"
#include "lt-change-notice.h"
#include "lt-date-util.h"
#include "lt-installation.h"
#include "lt-invoice.h"
#include "lt-outbox.h"
#include "lt-store.h"
#include "lt-store-change-notices.h"
#include "lt-store-account.h"
#include "lt-store-installations.h"
#include "lt-store-sync.h"
#include "lt-store-tickets.h"
#include "lt-ticket.h"

/* A Wednesday, 10:00 at LockThreat (America/Indiana/Indianapolis): inside
 * business hours, with no holiday in the two weeks before. */
#define NOW "2026-10-28T14:00:00Z"
#define TOKEN "lt-monitor-test-token-0123456789"

enum { OK = 0, WARNING = 1, CRITICAL = 2, UNKNOWN = 3 };

static GDateTime *
now_minus (GTimeSpan span)
{
  g_autoptr(GDateTime) now = lt_instant_parse (NOW, NULL);

  return g_date_time_add (now, -span);
}

static char *
new_profile (void)
{
  static guint n;
  char *dir = g_strdup_printf ("%s/profile-%u", g_get_user_cache_dir (), ++n);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return dir;
}

/* A profile whose last successful sync was @ago before NOW. */
static char *
new_synced_profile (GTimeSpan ago)
{
  char *profile = new_profile ();
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = now_minus (ago);
  LtSyncState state = { 0 };

  state.last_attempt_at = when;
  state.last_success_at = when;
  g_assert_true (lt_store_save_sync_state (store, "sync", &state, &error));
  g_assert_no_error (error);
  return profile;
}

/* ltsupport --profile PROFILE check CHECK --now NOW [ARGS…] */
static void
run_check (LtTestCliRun *run,
           const char   *profile,
           const char   *check,
           ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  const char *arg;

  g_ptr_array_add (args, (char *) "--profile");
  g_ptr_array_add (args, (char *) profile);
  g_ptr_array_add (args, (char *) "check");
  g_ptr_array_add (args, (char *) check);
  g_ptr_array_add (args, (char *) "--now");
  g_ptr_array_add (args, (char *) NOW);
  va_start (ap, check);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  lt_test_cli_run_argv (run, NULL, -1, (const char * const *) args->pdata);
}

/* The guidelines' performance data: 'label'=value[UOM];[warn];[crit];[min];[max],
 * separated by spaces; warn and crit in the range syntax. */
#define NUM   "-?[0-9]+(\\.[0-9]+)?"
#define RANGE "@?(" NUM "|(~|" NUM "):(" NUM ")?)"
#define ITEM  "'[^'=]+'=" NUM "(s|ms|us|%|B|KB|MB|TB|c)?;(" RANGE ")?;(" RANGE ")?;(" NUM ")?;(" NUM ")?"
#define STATUS_LINE "^LOCKTHREAT( [A-Z-]+)? (OK|WARNING|CRITICAL|UNKNOWN) - [^|\n]*( \\| " ITEM "( " ITEM ")*)?$"

static char *
dup_first_line (const char *out)
{
  const char *end = strchr (out, '\n');

  g_assert_nonnull (end);
  return g_strndup (out, end - out);
}

/* Exit @status; a first line that starts with @prefix and follows the
 * grammar; perfdata in it when @perfdata. */
static void
assert_plugin (const LtTestCliRun *run,
               int                 status,
               const char         *prefix)
{
  g_autofree char *first = dup_first_line (run->out);

  if (run->status != status || !g_str_has_prefix (first, prefix))
    g_printerr ("exit %d\nstdout: %s\nstderr: %s\n", run->status, run->out, run->err);
  g_assert_cmpint (run->status, ==, status);
  g_assert_true (g_str_has_prefix (first, prefix));
  if (!g_regex_match_simple (STATUS_LINE, first, 0, 0))
    g_error ("not a plugin status line: “%s”", first);
}

static void
assert_perfdata (const LtTestCliRun *run,
                 const char         *item)
{
  g_autofree char *first = dup_first_line (run->out);
  const char *bar = strstr (first, " | ");

  g_assert_nonnull (bar);
  lt_test_cli_assert_contains (bar, item);
}

/* ---- The grammar itself ----------------------------------------------------- */

static void
test_perfdata_regex (void)
{
  /* The regex the other tests rely on must itself refuse what the
   * guidelines do not allow. */
  g_assert_true (g_regex_match_simple (STATUS_LINE, "LOCKTHREAT ELIGIBILITY WARNING - 1 of 3 installations: "
                                       "next release ends support (dr-siem-01) | 'unsupported'=0;;1;0; "
                                       "'last_release_left'=1;1;0;0;", 0, 0));
  g_assert_true (g_regex_match_simple (STATUS_LINE, "LOCKTHREAT SYNC OK - fine | 'age'=5s;@10:20;~:30;0;", 0, 0));
  g_assert_false (g_regex_match_simple (STATUS_LINE, "LOCKTHREAT SYNC OK - fine | age=5s;;;;", 0, 0));
  g_assert_false (g_regex_match_simple (STATUS_LINE, "LOCKTHREAT SYNC OK - fine | 'age'=5 s;;;;", 0, 0));
  g_assert_false (g_regex_match_simple (STATUS_LINE, "LOCKTHREAT SYNC OK - fine | 'age'=5s;1e3;;;", 0, 0));
  g_assert_false (g_regex_match_simple (STATUS_LINE, "LOCKTHREAT SYNC FINE - fine", 0, 0));
}

/* ---- Usage: UNKNOWN, never CRITICAL --------------------------------------------- */

static void
test_usage (void)
{
  g_autofree char *profile = new_synced_profile (1000 * G_TIME_SPAN_SECOND);

  {
    g_auto(LtTestCliRun) run = { 0 };

    lt_test_cli_run (&run, "check", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT UNKNOWN - missing COMMAND argument");
  }
  {
    g_auto(LtTestCliRun) run = { 0 };

    lt_test_cli_run (&run, "check", "nonsense", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT UNKNOWN - “nonsense” is not a command");
  }
  {
    g_auto(LtTestCliRun) run = { 0 };

    run_check (&run, profile, "sync", "--bogus", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT SYNC UNKNOWN - Unknown option --bogus");
  }
  {
    g_auto(LtTestCliRun) run = { 0 };

    run_check (&run, profile, "sync", "extra", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT SYNC UNKNOWN - unexpected argument “extra”");
  }
  {
    g_auto(LtTestCliRun) run = { 0 };

    run_check (&run, profile, "tickets", "--closing-within", "-1", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT TICKETS UNKNOWN - --closing-within");
  }
  {
    g_auto(LtTestCliRun) run = { 0 };

    run_check (&run, profile, "outbox", "--now", "yesterday", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT OUTBOX UNKNOWN - --now");
  }
  /* The other commands keep their exit 2. */
  {
    g_auto(LtTestCliRun) run = { 0 };

    lt_test_cli_run (&run, "nonsense", NULL);
    lt_test_cli_assert_usage_error (&run, "“nonsense” is not a command");
  }
}

/* An absent store is UNKNOWN for every check that reads one; none is
 * created. */
static void
test_no_store (void)
{
  g_autofree char *profile = g_build_filename (g_get_user_cache_dir (), "no-such-profile", NULL);
  const char * const checks[] = { "eligibility", "tickets", "change-notices", "outbox", "sync", "account" };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_auto(LtTestCliRun) run = { 0 };
      g_autofree char *service = g_ascii_strup (checks[i], -1);
      g_autofree char *prefix = g_strdup_printf ("LOCKTHREAT %s UNKNOWN - no local store at", service);

      run_check (&run, profile, checks[i], NULL);
      assert_plugin (&run, UNKNOWN, prefix);
      g_assert_false (g_file_test (profile, G_FILE_TEST_EXISTS));
    }
}

/* ---- Threshold ranges, through the binary ----------------------------------------- */

static void
test_ranges (void)
{
  /* The last sync was 1000 s before NOW: -w RANGE alerts or not. */
  static const struct { const char *range; int status; } cases[] = {
    { "10", WARNING }, { "2000", OK }, { "1000", OK }, { "999", WARNING },
    { "1000:", OK }, { "1001:", WARNING }, { "~:999", WARNING }, { "~:1000", OK },
    { "10:20", WARNING }, { "900:1100", OK }, { "@900:1100", WARNING }, { "@0:10", OK },
    { "@1000", WARNING }, { "0.5:1000.5", OK }, { "-5:999.5", WARNING }, { "~:", OK },
  };
  static const char * const invalid[] = {
    "", "20:10", "1e3", ":10", "10:20:30", "abc", "@", "~", "10 ", " 10", "+5", "0x10",
    "1.", ".5", "~:~", "@@1", "10:~", "inf", "nan", "1,5",
  };
  g_autofree char *profile = new_synced_profile (1000 * G_TIME_SPAN_SECOND);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(LtTestCliRun) run = { 0 };
      g_autofree char *item = g_strdup_printf ("'age'=1000s;%s;345600;0;", cases[i].range);

      run_check (&run, profile, "sync", "-w", cases[i].range, NULL);
      assert_plugin (&run, cases[i].status, cases[i].status == OK ? "LOCKTHREAT SYNC OK - "
                                                                  : "LOCKTHREAT SYNC WARNING - ");
      assert_perfdata (&run, item);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_auto(LtTestCliRun) run = { 0 };
      g_autofree char *prefix = g_strdup_printf ("LOCKTHREAT SYNC UNKNOWN - --critical: “%s”", invalid[i]);

      run_check (&run, profile, "sync", "--critical", invalid[i], NULL);
      assert_plugin (&run, UNKNOWN, prefix);
    }

  /* Critical before warning; the long forms. */
  {
    g_auto(LtTestCliRun) run = { 0 };

    run_check (&run, profile, "sync", "--warning", "10", "--critical", "999", NULL);
    assert_plugin (&run, CRITICAL, "LOCKTHREAT SYNC CRITICAL - last successful sync 1000 s ago");
    assert_perfdata (&run, "'age'=1000s;10;999;0;");
  }
}

/* ---- check sync ------------------------------------------------------------------ */

static void
test_sync (void)
{
  {
    g_autofree char *profile = new_synced_profile (1000 * G_TIME_SPAN_SECOND);
    g_auto(LtTestCliRun) run = { 0 };
    g_autofree char *first = NULL;

    run_check (&run, profile, "sync", NULL);
    first = dup_first_line (run.out);
    g_assert_cmpint (run.status, ==, OK);
    g_assert_cmpstr (first, ==, "LOCKTHREAT SYNC OK - last successful sync 1000 s ago "
                                "(2026-10-28T13:43:20Z) | 'age'=1000s;86400;345600;0;");
  }
  {
    g_autofree char *profile = new_synced_profile (2 * G_TIME_SPAN_DAY);
    g_auto(LtTestCliRun) run = { 0 };

    run_check (&run, profile, "sync", NULL);
    assert_plugin (&run, WARNING, "LOCKTHREAT SYNC WARNING - last successful sync 172800 s ago");
  }
  {
    g_autofree char *profile = new_synced_profile (5 * G_TIME_SPAN_DAY);
    g_auto(LtTestCliRun) run = { 0 };

    run_check (&run, profile, "sync", NULL);
    assert_plugin (&run, CRITICAL, "LOCKTHREAT SYNC CRITICAL - last successful sync 432000 s ago");
  }
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    g_object_unref (lt_test_store_open_profile (profile));
    run_check (&run, profile, "sync", NULL);
    assert_plugin (&run, CRITICAL, "LOCKTHREAT SYNC CRITICAL - never synced");
  }
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    run_check (&run, profile, "sync", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT SYNC UNKNOWN - no local store");
  }
}

/* ---- check outbox ---------------------------------------------------------------- */

static void
enqueue (const char *profile,
         GTimeSpan   ago,
         gboolean    refuse)
{
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(LtOutbox) outbox = lt_outbox_new (store);
  g_autoptr(GDateTime) when = now_minus (ago);
  g_autoptr(GError) error = NULL;
  g_autofree char *key = lt_outbox_enqueue (outbox, "ticket.comment", "{\"body\": \"More logs\"}",
                                            NULL, when, &error);

  g_assert_no_error (error);
  if (refuse)
    {
      /* Only an item being sent can be refused. */
      g_autoptr(LtOutboxItem) claimed = lt_outbox_claim_next (outbox, when, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (lt_outbox_item_get_key (claimed), ==, key);
      g_assert_true (lt_outbox_mark_failed (outbox, key, "Reopen window closed", when, &error));
      g_assert_no_error (error);
    }
}

static void
test_outbox (void)
{
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };
    g_autofree char *first = NULL;

    g_object_unref (lt_test_store_open_profile (profile));
    run_check (&run, profile, "outbox", NULL);
    first = dup_first_line (run.out);
    g_assert_cmpint (run.status, ==, OK);
    g_assert_cmpstr (first, ==, "LOCKTHREAT OUTBOX OK - nothing waiting for the portal | "
                                "'oldest_unsent_age'=0s;3600;86400;0; 'unsent'=0;;;0; 'refused'=0;;;0;");
  }
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    enqueue (profile, 2 * G_TIME_SPAN_HOUR, FALSE);
    enqueue (profile, 10 * G_TIME_SPAN_MINUTE, FALSE);
    run_check (&run, profile, "outbox", NULL);
    assert_plugin (&run, WARNING, "LOCKTHREAT OUTBOX WARNING - 2 unsent, the oldest");
    assert_perfdata (&run, "'oldest_unsent_age'=7200s;3600;86400;0; 'unsent'=2;;;0;");
  }
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    enqueue (profile, 2 * G_TIME_SPAN_DAY, FALSE);
    run_check (&run, profile, "outbox", NULL);
    assert_plugin (&run, CRITICAL, "LOCKTHREAT OUTBOX CRITICAL - 1 unsent");
    assert_perfdata (&run, "'oldest_unsent_age'=172800s;3600;86400;0;");
  }
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    enqueue (profile, G_TIME_SPAN_MINUTE, TRUE);
    run_check (&run, profile, "outbox", NULL);
    assert_plugin (&run, CRITICAL, "LOCKTHREAT OUTBOX CRITICAL - 1 refused by the portal");
    assert_perfdata (&run, "'refused'=1;;;0;");
    lt_test_cli_assert_contains (run.out, "refused: Reopen window closed\n");
  }
}

/* ---- check eligibility ------------------------------------------------------------ */

static void
add_installation (const char *profile,
                  const char *name,
                  const char *version)
{
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStoreInstallations) installations = lt_store_installations_new (store, &error);
  g_autoptr(LtInstallation) installation = lt_installation_new ();
  g_autoptr(GDateTime) now = now_minus (0);

  g_assert_no_error (error);
  lt_installation_set_name (installation, name);
  lt_installation_set_host (installation, "siem.example.com");
  lt_installation_set_detected_version (installation, version);
  lt_store_installations_add (installations, installation, now, &error);
  g_assert_no_error (error);
}

static void
test_eligibility (void)
{
  /* The bundled catalog: current 3.5.1; 3.4.2 has two releases left,
   * 3.4.1 one, 3.0.0 none. */
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    g_object_unref (lt_test_store_open_profile (profile));
    run_check (&run, profile, "eligibility", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT ELIGIBILITY UNKNOWN - no installations to check");
  }
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    add_installation (profile, "siem-01", "3.5.1");
    add_installation (profile, "siem-02", "3.4.2");
    run_check (&run, profile, "eligibility", NULL);
    /* With the estimate of when support ends first (lt-release-forecast.h):
     * 3.4.2 leaves at the second next release, about April 2027, which
     * is 2027-04-05 at the bundled catalog's pace. */
    assert_plugin (&run, OK, "LOCKTHREAT ELIGIBILITY OK - 2 installations supported, at least 2 releases left; "
                             "support ends first about April 2027 (siem-02), an estimate");
    assert_perfdata (&run, "'unsupported'=0;;;0;2 'last_release_left'=0;;;0;2 'unknown_version'=0;;;0;2 "
                           "'releases_left'=2;2:;1:;0; 'support_end_estimate'=13773600s;;;0;");
    lt_test_cli_assert_contains (run.out, "\nsiem-02: 3.4.2, supported, 2 releases left; support ends about "
                                          "April 2027 (between February and June 2027), if releases keep "
                                          "their usual pace of ~3 months\n");
  }
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };
    g_autofree char *first = NULL;

    add_installation (profile, "siem-01", "3.5.1");
    add_installation (profile, "dr-siem-01", "3.4.1");
    add_installation (profile, "siem-02", "3.4.2");
    run_check (&run, profile, "eligibility", NULL);
    first = dup_first_line (run.out);
    g_assert_cmpint (run.status, ==, WARNING);
    g_assert_cmpstr (first, ==, "LOCKTHREAT ELIGIBILITY WARNING - 1 of 3 installations: next release ends "
                                "support (dr-siem-01), about January 2027, an estimate | 'unsupported'=0;;;0;3 "
                                "'last_release_left'=1;;;0;3 'unknown_version'=0;;;0;3 'releases_left'=1;2:;1:;0; "
                                "'support_end_estimate'=5911200s;;;0;");
  }
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    add_installation (profile, "siem-01", "3.5.1");
    add_installation (profile, "old-siem", "3.0.0");
    run_check (&run, profile, "eligibility", NULL);
    assert_plugin (&run, CRITICAL, "LOCKTHREAT ELIGIBILITY CRITICAL - 1 of 2 installations: unsupported (old-siem)");
    assert_perfdata (&run, "'unsupported'=1;;;0;2");
  }
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    add_installation (profile, "siem-01", "3.5.1");
    /* Newer than the catalog knows: to be refreshed. */
    add_installation (profile, "lab", "9.0.0");
    run_check (&run, profile, "eligibility", NULL);
    assert_plugin (&run, WARNING, "LOCKTHREAT ELIGIBILITY WARNING - 1 of 2 installations: support cannot be judged (lab)");
    assert_perfdata (&run, "'unknown_version'=1;;;0;2");
  }
  /* A profile synced too long ago judges by a stale catalog: UNKNOWN. */
  {
    g_autofree char *profile = new_synced_profile (10 * G_TIME_SPAN_DAY);
    g_auto(LtTestCliRun) run = { 0 };

    add_installation (profile, "siem-01", "3.5.1");
    run_check (&run, profile, "eligibility", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT ELIGIBILITY UNKNOWN - the data is stale");
    run_check (&run, profile, "eligibility", "--max-age", "0", NULL);
    assert_plugin (&run, OK, "LOCKTHREAT ELIGIBILITY OK - ");
  }
}

/* ---- check tickets ----------------------------------------------------------------- */

static void
add_ticket (const char    *profile,
            const char    *id,
            LtSeverity     severity,
            LtTicketState  state,
            GTimeSpan      opened_ago,
            GTimeSpan      awaiting_ago)
{
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(LtTicket) ticket = lt_ticket_new ();
  g_autoptr(GDateTime) opened = now_minus (opened_ago);
  g_autoptr(GDateTime) now = now_minus (0);
  g_autoptr(GError) error = NULL;

  lt_ticket_set_id (ticket, id);
  lt_ticket_set_title (ticket, "Collectors drop events | \033[2Jagain");
  lt_ticket_set_severity (ticket, severity);
  lt_ticket_set_category (ticket, "defect");
  lt_ticket_set_state (ticket, state);
  lt_ticket_set_opened_at (ticket, opened);
  lt_ticket_set_updated_at (ticket, opened);
  if (awaiting_ago > 0)
    {
      g_autoptr(GDateTime) awaiting = now_minus (awaiting_ago);

      /* Answered: the response SLA is met. */
      lt_ticket_set_first_response_at (ticket, awaiting);
      lt_ticket_set_awaiting_since (ticket, awaiting);
    }
  g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
  g_assert_no_error (error);
}

static void
test_tickets (void)
{
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    add_ticket (profile, "LT-000001", LT_SEVERITY_S1, LT_TICKET_STATE_SUBMITTED, 10 * G_TIME_SPAN_DAY, 0);
    g_object_unref (lt_test_store_open_profile (profile));
    run_check (&run, profile, "tickets", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT TICKETS UNKNOWN - this profile was never synced");
  }
  {
    g_autofree char *profile = new_synced_profile (G_TIME_SPAN_HOUR);
    g_auto(LtTestCliRun) run = { 0 };
    g_autofree char *first = NULL;

    add_ticket (profile, "LT-000002", LT_SEVERITY_S3, LT_TICKET_STATE_AWAITING_CUSTOMER,
                10 * G_TIME_SPAN_DAY, G_TIME_SPAN_HOUR);
    run_check (&run, profile, "tickets", NULL);
    first = dup_first_line (run.out);
    g_assert_cmpint (run.status, ==, OK);
    g_assert_cmpstr (first, ==, "LOCKTHREAT TICKETS OK - 1 open ticket, none breached, at risk or closing | "
                                "'breached'=0;;0;0;1 'at_risk'=0;;;0;1 'closing'=0;;;0;1 'open'=1;;;0;");
  }
  {
    g_autofree char *profile = new_synced_profile (G_TIME_SPAN_HOUR);
    g_auto(LtTestCliRun) run = { 0 };

    add_ticket (profile, "LT-000003", LT_SEVERITY_S1, LT_TICKET_STATE_SUBMITTED, 10 * G_TIME_SPAN_DAY, 0);
    run_check (&run, profile, "tickets", NULL);
    assert_plugin (&run, CRITICAL, "LOCKTHREAT TICKETS CRITICAL - 1 SLA breached (LT-000003)");
    assert_perfdata (&run, "'breached'=1;;0;0;1");
    /* The portal's title in the long output: one line, no controls, no
     * "|" that would start performance data. */
    lt_test_cli_assert_contains (run.out, "LT-000003: response Breached: Collectors drop events / ");
    lt_test_cli_assert_not_contains (run.out, "\033");
    /* -c 1: one breach is tolerated, then only -w. */
    run_check (&run, profile, "tickets", "-c", "1", NULL);
    assert_plugin (&run, OK, "LOCKTHREAT TICKETS OK - 1 SLA breached");
    run_check (&run, profile, "tickets", "-w", "0", "-c", "1", NULL);
    assert_plugin (&run, WARNING, "LOCKTHREAT TICKETS WARNING - 1 SLA breached");
  }
  {
    g_autofree char *profile = new_synced_profile (G_TIME_SPAN_HOUR);
    g_auto(LtTestCliRun) run = { 0 };

    /* Awaiting you for a week less two hours: it closes on its own within
     * the next business day. */
    add_ticket (profile, "LT-000004", LT_SEVERITY_S3, LT_TICKET_STATE_AWAITING_CUSTOMER,
                30 * G_TIME_SPAN_DAY, 7 * G_TIME_SPAN_DAY - 2 * G_TIME_SPAN_HOUR);
    run_check (&run, profile, "tickets", NULL);
    assert_plugin (&run, WARNING, "LOCKTHREAT TICKETS WARNING - 1 awaiting you, closing within 8 business hours (LT-000004)");
    assert_perfdata (&run, "'closing'=1;;;0;1");
    /* Not within one business hour. */
    run_check (&run, profile, "tickets", "--closing-within", "0", NULL);
    assert_plugin (&run, OK, "LOCKTHREAT TICKETS OK - ");
  }
  {
    g_autofree char *profile = new_synced_profile (6 * G_TIME_SPAN_DAY);
    g_auto(LtTestCliRun) run = { 0 };

    run_check (&run, profile, "tickets", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT TICKETS UNKNOWN - the data is stale");
  }
}

/* ---- check change-notices ------------------------------------------------------------ */

static void
add_notice (const char      *profile,
            const char      *id,
            gboolean         late,
            LtReviewOutcome  outcome)
{
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new ();
  g_autoptr(GDateTime) start = now_minus (-3 * G_TIME_SPAN_DAY);
  g_autoptr(GDateTime) end = now_minus (-3 * G_TIME_SPAN_DAY - 2 * G_TIME_SPAN_HOUR);
  g_autoptr(GDateTime) now = now_minus (0);
  g_autoptr(GError) error = NULL;
  static const char * const systems[] = { "nw-col-01", NULL };

  lt_change_notice_set_id (notice, id);
  lt_change_notice_set_kind (notice, LT_CHANGE_KIND_INFRASTRUCTURE);
  lt_change_notice_set_title (notice, "Upgrade the collectors");
  lt_change_notice_set_description (notice, "One at a time.");
  lt_change_notice_set_systems (notice, systems);
  lt_change_notice_set_planned_start (notice, start);
  lt_change_notice_set_planned_end (notice, end);
  lt_change_notice_set_rollback_plan (notice, "Restore the snapshot.");
  lt_change_notice_set_risk (notice, LT_RISK_MEDIUM);
  lt_change_notice_set_late (notice, late);
  lt_change_notice_set_state (notice, outcome != LT_REVIEW_OUTCOME_NONE ? LT_CHANGE_STATE_REVIEWED
                                                                        : LT_CHANGE_STATE_SUBMITTED);
  lt_change_notice_set_review_outcome (notice, outcome);
  if (outcome == LT_REVIEW_OUTCOME_CONCERNS)
    lt_change_notice_set_review_text (notice, "Not during the feed migration.");
  g_assert_true (lt_store_upsert_change_notice (store, notice, now, &error));
  g_assert_no_error (error);
}

static void
test_change_notices (void)
{
  {
    g_autofree char *profile = new_synced_profile (G_TIME_SPAN_HOUR);
    g_auto(LtTestCliRun) run = { 0 };
    g_autofree char *first = NULL;

    add_notice (profile, "CN-000001", FALSE, LT_REVIEW_OUTCOME_NO_CONCERNS);
    run_check (&run, profile, "change-notices", NULL);
    first = dup_first_line (run.out);
    g_assert_cmpint (run.status, ==, OK);
    g_assert_cmpstr (first, ==, "LOCKTHREAT CHANGE-NOTICES OK - 1 upcoming change notice, none late or with "
                                "concerns | 'attention'=0;0;;0;1 'late'=0;;;0;1 'concerns'=0;;;0;1 "
                                "'upcoming'=1;;;0;");
  }
  {
    g_autofree char *profile = new_synced_profile (G_TIME_SPAN_HOUR);
    g_auto(LtTestCliRun) run = { 0 };

    add_notice (profile, "CN-000001", FALSE, LT_REVIEW_OUTCOME_NO_CONCERNS);
    add_notice (profile, "CN-000002", TRUE, LT_REVIEW_OUTCOME_NONE);
    add_notice (profile, "CN-000003", FALSE, LT_REVIEW_OUTCOME_CONCERNS);
    run_check (&run, profile, "change-notices", NULL);
    assert_plugin (&run, WARNING, "LOCKTHREAT CHANGE-NOTICES WARNING - 2 of 3 upcoming change notices: "
                                  "1 late, 1 with concerns");
    assert_perfdata (&run, "'attention'=2;0;;0;3 'late'=1;;;0;3 'concerns'=1;;;0;3");
    lt_test_cli_assert_contains (run.out, "Not during the feed migration.");
    run_check (&run, profile, "change-notices", "-c", "1", NULL);
    assert_plugin (&run, CRITICAL, "LOCKTHREAT CHANGE-NOTICES CRITICAL - 2 of 3");
  }
  {
    g_autofree char *profile = new_profile ();
    g_auto(LtTestCliRun) run = { 0 };

    add_notice (profile, "CN-000002", TRUE, LT_REVIEW_OUTCOME_NONE);
    run_check (&run, profile, "change-notices", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT CHANGE-NOTICES UNKNOWN - this profile was never synced");
  }
}

/* ---- check account --------------------------------------------------------------------- */

static void
save_account (const char *profile,
              guint       issued_days_ago,
              gboolean    paid)
{
  g_autoptr(LtStore) store = lt_test_store_open_profile (profile);
  g_autoptr(LtAccount) account = lt_account_new ();
  g_autoptr(GPtrArray) invoices = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_invoice_free);
  g_autoptr(GDateTime) now = now_minus (0);
  g_autoptr(GError) error = NULL;
  GDate issued;

  g_date_clear (&issued, 1);
  g_date_set_dmy (&issued, 28, G_DATE_OCTOBER, 2026);
  g_date_subtract_days (&issued, issued_days_ago);
  lt_account_set_customer_name (account, "Northwind Logistics");
  lt_account_set_tier (account, LT_TIER_ENTERPRISE);
  g_ptr_array_add (invoices, lt_invoice_new ("INV-2026-0042", &issued, "1250.00", "USD", paid));
  lt_account_set_invoices (account, invoices);
  g_assert_true (lt_store_save_account (store, account, now, &error));
  g_assert_no_error (error);
}

static void
test_account (void)
{
  {
    g_autofree char *profile = new_synced_profile (G_TIME_SPAN_HOUR);
    g_auto(LtTestCliRun) run = { 0 };
    g_autofree char *first = NULL;

    save_account (profile, 90, TRUE);
    run_check (&run, profile, "account", NULL);
    first = dup_first_line (run.out);
    g_assert_cmpint (run.status, ==, OK);
    g_assert_cmpstr (first, ==, "LOCKTHREAT ACCOUNT OK - no unpaid invoices | 'overdue'=0;;0;0; "
                                "'unpaid'=0;;;0; 'oldest_unpaid_age'=0s;;;0;");
  }
  {
    g_autofree char *profile = new_synced_profile (G_TIME_SPAN_HOUR);
    g_auto(LtTestCliRun) run = { 0 };

    save_account (profile, 30, FALSE);
    run_check (&run, profile, "account", NULL);
    assert_plugin (&run, OK, "LOCKTHREAT ACCOUNT OK - 1 unpaid invoice, none overdue");
    assert_perfdata (&run, "'oldest_unpaid_age'=2592000s;;;0;");
  }
  {
    g_autofree char *profile = new_synced_profile (G_TIME_SPAN_HOUR);
    g_auto(LtTestCliRun) run = { 0 };

    save_account (profile, 90, FALSE);
    run_check (&run, profile, "account", NULL);
    assert_plugin (&run, CRITICAL, "LOCKTHREAT ACCOUNT CRITICAL - ");
    assert_perfdata (&run, "'overdue'=1;;0;0; 'unpaid'=1;;;0; 'oldest_unpaid_age'=7776000s;;;0;");
    lt_test_cli_assert_contains (run.out, "INV-2026-0042: 1250.00 USD, issued 2026-07-30, unpaid\n");
    run_check (&run, profile, "account", "-w", "0", "-c", "5", NULL);
    assert_plugin (&run, WARNING, "LOCKTHREAT ACCOUNT WARNING - ");
  }
  {
    g_autofree char *profile = new_synced_profile (G_TIME_SPAN_HOUR);
    g_auto(LtTestCliRun) run = { 0 };

    run_check (&run, profile, "account", NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT ACCOUNT UNKNOWN - ");
  }
}

/* ---- check portal ------------------------------------------------------------------------ */

static void
run_portal (LtTestCliRun *run,
            const char   *url,
            const char   *token,
            const char   *extra)
{
  lt_test_cli_setenv ("LTSUPPORT_TOKEN", token);
  lt_test_cli_run (run, "check", "portal", "--portal", url, extra, NULL);
}

static void
test_portal (void)
{
  g_autoptr(LtTestDevportal) portal = NULL;
  const char *url;
  g_autofree char *ok_prefix = NULL;
  g_autofree char *refused_prefix = NULL;

  if (g_getenv ("LT_DEVPORTAL") == NULL)
    {
      g_test_skip ("the reference portal is not built (-Ddevportal=false)");
      return;
    }
  portal = lt_test_devportal_start (TOKEN, TRUE);
  url = lt_test_devportal_get_url (portal);
  ok_prefix = g_strdup_printf ("LOCKTHREAT PORTAL OK - %s: Connected", url);
  refused_prefix = g_strdup_printf ("LOCKTHREAT PORTAL CRITICAL - %s: The portal refused the token (401)", url);

  {
    g_auto(LtTestCliRun) run = { 0 };

    run_portal (&run, url, TOKEN, NULL);
    assert_plugin (&run, OK, ok_prefix);
    assert_perfdata (&run, "'time'=");
  }
  {
    g_auto(LtTestCliRun) run = { 0 };
    JsonObject *object;

    run_portal (&run, url, TOKEN, "--json");
    g_assert_cmpint (run.status, ==, OK);
    object = lt_test_cli_json_object (run.out);
    g_assert_cmpstr (json_object_get_string_member (object, "result"), ==, "ok");
    g_assert_cmpstr (json_object_get_string_member (object, "portal"), ==, url);
  }
  {
    g_auto(LtTestCliRun) run = { 0 };

    run_portal (&run, url, "not-the-token-but-long-enough-0123", NULL);
    assert_plugin (&run, CRITICAL, refused_prefix);
    g_assert_nonnull (strchr (run.out, '\n') + 1);
    g_assert_cmpstr (strchr (run.out, '\n') + 1, !=, "");
  }
  {
    g_auto(LtTestCliRun) run = { 0 };

    run_portal (&run, url, TOKEN, "--timeout=0");
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT PORTAL UNKNOWN - --timeout");
  }
  /* This host's set-up, not the portal: UNKNOWN. No token (and no
   * keyring to read one from)… */
  {
    g_auto(LtTestCliRun) run = { 0 };
    g_autofree char *prefix = g_strdup_printf ("LOCKTHREAT PORTAL UNKNOWN - %s: No access token", url);
    g_autofree char *bus = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));

    lt_test_cli_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent");
    run_portal (&run, url, NULL, NULL);
    lt_test_cli_setenv ("DBUS_SESSION_BUS_ADDRESS", bus);
    assert_plugin (&run, UNKNOWN, prefix);
  }
  /* …or an address a token may not go to. */
  {
    g_auto(LtTestCliRun) run = { 0 };

    run_portal (&run, "http://portal.example.com", TOKEN, NULL);
    assert_plugin (&run, UNKNOWN, "LOCKTHREAT PORTAL UNKNOWN - The portal address cannot be used");
  }
  {
    g_autoptr(LtTestServer) busy = lt_test_server_new (NULL);
    g_autofree char *prefix = g_strdup_printf ("LOCKTHREAT PORTAL WARNING - %s: ", lt_test_server_get_url (busy));
    g_auto(LtTestCliRun) run = { 0 };

    lt_test_server_add_response (busy, "GET", "/api/v1/account", 503, "application/json",
                                 "{\"error\": {\"code\": \"unavailable\", \"message\": \"maintenance\"}}",
                                 NULL);
    run_portal (&run, lt_test_server_get_url (busy), TOKEN, NULL);
    assert_plugin (&run, WARNING, prefix);
  }
  {
    g_auto(LtTestCliRun) run = { 0 };
    g_autofree char *prefix = g_strdup_printf ("LOCKTHREAT PORTAL CRITICAL - %s: ", url);

    lt_test_devportal_stop (portal);
    run_portal (&run, url, TOKEN, NULL);
    assert_plugin (&run, CRITICAL, prefix);
  }
  lt_test_cli_setenv ("LTSUPPORT_TOKEN", NULL);
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/cli-monitor/perfdata-regex", test_perfdata_regex);
  g_test_add_func ("/cli-monitor/usage", test_usage);
  g_test_add_func ("/cli-monitor/no-store", test_no_store);
  g_test_add_func ("/cli-monitor/ranges", test_ranges);
  g_test_add_func ("/cli-monitor/sync", test_sync);
  g_test_add_func ("/cli-monitor/outbox", test_outbox);
  g_test_add_func ("/cli-monitor/eligibility", test_eligibility);
  g_test_add_func ("/cli-monitor/tickets", test_tickets);
  g_test_add_func ("/cli-monitor/change-notices", test_change_notices);
  g_test_add_func ("/cli-monitor/account", test_account);
  g_test_add_func ("/cli-monitor/portal", test_portal);
  return g_test_run ();
}
