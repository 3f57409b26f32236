/* store-fixture-gen.c: writes tests/data/schema-vN.db
 *
 *   store-fixture-gen 1 tests/data/schema-v1.db
 *   store-fixture-gen 2 tests/data/schema-v2.db
 *   store-fixture-gen 4 tests/data/schema-v4.db
 *   store-fixture-gen 5 tests/data/schema-v5.db
 *   store-fixture-gen 6 tests/data/schema-v6.db
 *   store-fixture-gen 7 tests/data/schema-v7.db
 *
 * Creates a database at schema version N with the store's own migrations
 * (only the first N of them) and fills it with the rows of store-fixture.h,
 * through the same outbox API the app uses. Run once when a schema version
 * is about to ship; the file is then checked in and never regenerated, so
 * test-store can prove that later migrations keep the data of real old
 * files (docs/store.md, "Changing the schema").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "store-fixture-gen"

#include "config.h"

#include "lt-outbox.h"
#include "lt-store-private.h"
#include "lt-store.h"
#include "store-fixture.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static GDateTime *
instant (const char *iso8601)
{
  GDateTime *dt = g_date_time_new_from_iso8601 (iso8601, NULL);

  g_assert (dt != NULL);
  return dt;
}

/* @types names each following argument: 't' text (NULL binds NULL), 'i' a
 * gint64, 'u' an ISO 8601 instant stored as microseconds. */
static gboolean
run (LtStore     *store,
     GError     **error,
     const char  *sql,
     const char  *types,
     ...)
{
  g_auto(LtCachedStmt) stmt = lt_store_prepare (store, sql, error);
  va_list ap;

  if (stmt == NULL)
    return FALSE;

  va_start (ap, types);
  for (int i = 0; types[i] != '\0'; i++)
    {
      switch (types[i])
        {
        case 't':
          {
            const char *text = va_arg (ap, const char *);

            if (text != NULL)
              sqlite3_bind_text (stmt, i + 1, text, -1, SQLITE_TRANSIENT);
          }
          break;
        case 'i':
          sqlite3_bind_int64 (stmt, i + 1, va_arg (ap, gint64));
          break;
        case 'u':
          {
            g_autoptr(GDateTime) dt = instant (va_arg (ap, const char *));

            lt_store_bind_instant (stmt, i + 1, dt);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  va_end (ap);

  return lt_store_step_done (store, stmt, error);
}

static gboolean
fill_v1 (LtStore  *store,
         GError  **error)
{
  g_autoptr(LtOutbox) outbox = lt_outbox_new (store);
  g_autoptr(LtStoreTransaction) tx = lt_store_begin (store, error);
  g_autoptr(GDateTime) queued_at = instant (FIXTURE_OUTBOX_CREATED_AT);

  if (tx == NULL)
    return FALSE;

  if (!run (store, error,
            "INSERT INTO account (id, customer_name, tier, csm_email, fetched_at) "
            "VALUES (1, ?, 'enterprise', 'csm@lockthreat.example', ?)",
            "tu", FIXTURE_CUSTOMER_NAME, "2026-11-26T08:00:00Z") ||
      !run (store, error,
            "INSERT INTO contacts (account_id, role, name, email, phone) "
            "VALUES (1, 'primary-technical', ?, 'dana@hospital.example', '+1 317 555 0100')",
            "t", FIXTURE_CONTACT_NAME) ||
      !run (store, error,
            "INSERT INTO invoices (id, account_id, issued, amount, currency, paid) "
            "VALUES (?, 1, '2026-08-15', '12500.00', 'USD', 0)",
            "t", FIXTURE_INVOICE_ID) ||
      !run (store, error,
            "INSERT INTO documents (name, body, etag, fetched_at) "
            "VALUES ('releases', ?, '\"r-17\"', ?)",
            "tu",
            "{\"releases\": [{\"version\": \"3.3.2\", \"released\": \"2025-09-01\", "
            "\"withdrawn\": false, \"fixes\": [\"LT-1234\"], \"notes\": \"\"}]}",
            "2026-11-26T08:00:00Z") ||
      !run (store, error,
            "INSERT INTO maintenance_windows (id, kind, title, description, starts_at, "
            "                                 ends_at, announced_at, affects, fetched_at) "
            "VALUES (?, 'scheduled', 'Database upgrade', '', ?, ?, ?, 'saas', ?)",
            "tuuuu", FIXTURE_WINDOW_ID, "2026-12-05T06:00:00Z", "2026-12-05T08:00:00Z",
            "2026-11-20T15:00:00Z", "2026-11-26T08:00:00Z") ||
      !run (store, error,
            "INSERT INTO maintenance_reminders (window_id, lead_minutes, shown_at) "
            "VALUES (?, 1440, ?)",
            "tu", FIXTURE_WINDOW_ID, "2026-12-04T06:00:00Z") ||
      !run (store, error,
            "INSERT INTO installations (id, name, host, detection, location, "
            "                           detected_version, detected_at, note, created_at, "
            "                           updated_at) "
            "VALUES (?, ?, 'lt01.hospital.example', 'http', "
            "        'https://lt01.hospital.example/api/version', '3.3.1', ?, '', ?, ?)",
            "ttuuu", FIXTURE_INSTALLATION_ID, FIXTURE_INSTALLATION_NAME, "2026-11-26T07:00:00Z",
            "2026-10-01T12:00:00Z", "2026-11-26T07:00:00Z") ||
      !run (store, error,
            "INSERT INTO tickets (id, title, description, severity, category, state, "
            "                     opened_at, updated_at, response_due, product_version, "
            "                     installation, contact, known_issue_ids, "
            "                     created_at, local_updated_at) "
            "VALUES (?, 'Nightly import fails', 'Since the upgrade to 3.3.1.', 's2', "
            "        'troubleshooting', 'in-progress', ?, ?, ?, '3.3.1', ?, 'Dana Admin', "
            "        '[\"LT-1234\"]', ?, ?)",
            "tuuutuu", FIXTURE_TICKET_ID, FIXTURE_TICKET_OPENED_AT, "2026-11-26T14:00:00Z",
            "2026-11-26T15:00:00Z", FIXTURE_INSTALLATION_NAME, FIXTURE_TICKET_OPENED_AT,
            "2026-11-26T14:00:00Z") ||
      !run (store, error,
            "INSERT INTO ticket_events (ticket_pk, id, kind, author, body, at) "
            "VALUES (1, 'EV-9001', 'comment', 'LockThreat Support', ?, ?)",
            "tu", FIXTURE_COMMENT_BODY, "2026-11-26T14:00:00Z") ||
      !run (store, error,
            "INSERT INTO change_notices (local_id, id, kind, title, systems, planned_start, "
            "                            planned_end, rollback_plan, risk, state, noticed_at, "
            "                            created_at) "
            "VALUES (?, ?, 'database-schema', 'Add audit columns', '[\"db01\"]', ?, ?, "
            "        'Drop the columns', 'low', 'submitted', ?, ?)",
            "ttuuuu", FIXTURE_CHANGE_NOTICE_LOCAL_ID, FIXTURE_CHANGE_NOTICE_ID,
            "2026-12-10T02:00:00Z", "2026-12-10T03:00:00Z",
            "2026-11-24T16:00:00Z", "2026-11-24T16:00:00Z") ||
      !run (store, error,
            "INSERT INTO sync_state (resource, cursor, updated_since, last_attempt_at, "
            "                        last_success_at) "
            "VALUES ('tickets', ?, ?, ?, ?)",
            "tuuu", FIXTURE_SYNC_CURSOR, "2026-11-26T08:00:00Z", "2026-11-26T08:00:00Z",
            "2026-11-26T08:00:00Z"))
    return FALSE;

  /* A ticket filed offline: the local row and its outbox item, together;
   * the ticket's local id is the item's idempotency key. */
  if (!run (store, error,
            "INSERT INTO tickets (local_id, title, severity, state, created_at, "
            "                     local_updated_at) "
            "VALUES (?, ?, 's3', 'queued', ?, ?)",
            "ttuu", FIXTURE_OUTBOX_KEY, FIXTURE_QUEUED_TITLE, FIXTURE_OUTBOX_CREATED_AT,
            FIXTURE_OUTBOX_CREATED_AT) ||
      !lt_outbox_enqueue_with_key (outbox, FIXTURE_OUTBOX_KEY, FIXTURE_OUTBOX_KIND,
                                   "{\"title\": \"" FIXTURE_QUEUED_TITLE "\", "
                                   "\"severity\": \"s3\"}",
                                   NULL, queued_at, error))
    return FALSE;

  return lt_store_transaction_commit (tx, error);
}

/* v2 added only an index: the rows of v1, and the queued ticket's item
 * left in `sending` as a process of that version left it when it died or
 * while it was sending. Claims had no owner then; v4 must release it. */
static gboolean
fill_v2 (LtStore  *store,
         GError  **error)
{
  return fill_v1 (store, error) &&
         run (store, error, "UPDATE outbox SET state = 'sending', last_attempt_at = ? WHERE key = ?",
              "ut", "2026-11-26T09:31:00Z", FIXTURE_OUTBOX_KEY);
}

/* v3 recorded the portal of a profile: the rows of v2 (the item still in
 * `sending` without an owner) and the portal the profile belongs to. */
static gboolean
fill_v3 (LtStore  *store,
         GError  **error)
{
  return fill_v2 (store, error) &&
         run (store, error, "INSERT INTO portal_binding (id, origin, account, bound_at)"
              " VALUES (1, ?, ?, ?)",
              "ttu", FIXTURE_PORTAL_ORIGIN, FIXTURE_PORTAL_ACCOUNT, "2026-11-26T09:00:00Z");
}

/* v4 named the owner of a claim (an item cannot be `sending` without
 * one, so the queued item is pending here), with the portal binding of v3
 * and a second maintenance reminder, the hour before: v5 turns the
 * reminders into alert records. */
static gboolean
fill_v4 (LtStore  *store,
         GError  **error)
{
  return fill_v1 (store, error) &&
         run (store, error, "INSERT INTO portal_binding (id, origin, account, bound_at)"
              " VALUES (1, ?, ?, ?)",
              "ttu", FIXTURE_PORTAL_ORIGIN, FIXTURE_PORTAL_ACCOUNT, "2026-11-26T09:00:00Z") &&
         run (store, error,
              "INSERT INTO maintenance_reminders (window_id, lead_minutes, shown_at) "
              "VALUES (?, 60, ?)",
              "tu", FIXTURE_WINDOW_ID, FIXTURE_REMINDER_V4_SHOWN_AT);
}

/* v5 dropped the maintenance reminders fill_v1() writes: its file is the
 * v4 file migrated by v5 (the reminders become alert records), plus what
 * v5 added, a change notice draft. Then v6 adds the review text and the
 * rescheduling columns to every notice. */
static gboolean
fill_v5 (const char           *path,
         const char * const   *migrations,
         GError              **error)
{
  g_autoptr(LtStore) store = lt_store_open_full (path, migrations, 4, NULL, error);

  if (store == NULL || !fill_v4 (store, error))
    return FALSE;
  g_clear_object (&store);

  store = lt_store_open_full (path, migrations, 5, NULL, error);
  return store != NULL &&
         run (store, error,
              "INSERT INTO change_notices (local_id, kind, title, systems, planned_start, "
              "                            rollback_plan, risk, state, created_at) "
              "VALUES (?, 'infrastructure', ?, '[]', ?, '', 'medium', 'draft', ?)",
              "ttuu", FIXTURE_DRAFT_V5_LOCAL_ID, FIXTURE_DRAFT_V5_TITLE,
              "2026-12-14T14:00:00Z", "2026-11-26T10:00:00Z");
}

/* v6: the v5 file migrated by v6, and what v6 added: the vendor's review
 * text on the filed notice, and a notice that replaces it. */
static gboolean
fill_v6 (const char           *path,
         const char * const   *migrations,
         GError              **error)
{
  g_autoptr(LtStore) store = NULL;

  if (!fill_v5 (path, migrations, error))
    return FALSE;
  store = lt_store_open_full (path, migrations, 6, NULL, error);
  return store != NULL &&
         run (store, error,
              "UPDATE change_notices SET review_text = ?, replaced_by = ? WHERE id = ?",
              "ttt", FIXTURE_REVIEW_V6_TEXT, FIXTURE_REPLACED_BY_V6, FIXTURE_CHANGE_NOTICE_ID);
}

/* v7: the v6 file migrated by v7, and what v7 added: a redaction map
 * entry and a keyword; and a ticket naming an installation that is not in
 * the list, which v8 indexes (the Versions page offers it). */
static gboolean
fill_v7 (const char           *path,
         const char * const   *migrations,
         GError              **error)
{
  g_autoptr(LtStore) store = NULL;

  if (!fill_v6 (path, migrations, error))
    return FALSE;
  store = lt_store_open_full (path, migrations, 7, NULL, error);
  return store != NULL &&
         run (store, error,
              "INSERT INTO redaction_map (kind, entries, updated_at) VALUES ('host', ?, ?)",
              "tu", FIXTURE_REDACTION_V7_ENTRIES, "2026-11-26T11:00:00Z") &&
         run (store, error,
              "INSERT INTO redaction_keywords (text, pattern, added_at) VALUES (?, 0, ?)",
              "tu", FIXTURE_KEYWORD_V7, "2026-11-26T11:00:00Z") &&
         run (store, error,
              "INSERT INTO tickets (id, title, severity, category, state, opened_at, "
              "                     product_version, installation, created_at, "
              "                     local_updated_at) "
              "VALUES (?, 'Collector drops events', 's3', 'troubleshooting', 'triaged', ?, "
              "        ?, ?, ?, ?)",
              "tuttuu", FIXTURE_NAMED_V7_TICKET_ID, "2026-11-26T10:00:00Z",
              FIXTURE_NAMED_V7_VERSION, FIXTURE_NAMED_V7_INSTALLATION,
              "2026-11-26T10:00:00Z", "2026-11-26T10:00:00Z");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = NULL;
  const char * const *migrations;
  guint n_migrations;
  guint64 version;

  if (argc != 3 || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT, &version, NULL))
    {
      fprintf (stderr, "usage: %s SCHEMA-VERSION OUTPUT.db\n", argv[0]);
      return EXIT_FAILURE;
    }

  if (g_file_test (argv[2], G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "%s already exists; fixtures are written once\n", argv[2]);
      return EXIT_FAILURE;
    }

  migrations = lt_store_get_migrations (&n_migrations);
  if (version < 1 || version > 7 || version > n_migrations)
    {
      fprintf (stderr, "no rows defined for schema version %s: add fill_v%s()\n",
               argv[1], argv[1]);
      return EXIT_FAILURE;
    }

  if (version >= 5)
    {
      if (!(version == 5 ? fill_v5 (argv[2], migrations, &error) :
            version == 6 ? fill_v6 (argv[2], migrations, &error)
                         : fill_v7 (argv[2], migrations, &error)))
        {
          fprintf (stderr, "%s\n", error->message);
          return EXIT_FAILURE;
        }
      return EXIT_SUCCESS;
    }

  store = lt_store_open_full (argv[2], migrations, (guint) version, NULL, &error);
  if (store == NULL ||
      !(version == 1 ? fill_v1 (store, &error) :
        version == 2 ? fill_v2 (store, &error) :
        version == 3 ? fill_v3 (store, &error) : fill_v4 (store, &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
