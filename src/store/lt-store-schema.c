/* lt-store-schema.c: the schema of support.db, one migration per version
 *
 * migrations[N] takes a database from user_version N to N + 1; a new
 * database runs all of them. Never edit a migration that has shipped: append
 * the next one and check a database file of the previous version into
 * tests/data/ (docs/store.md, "Changing the schema").
 *
 * Conventions: instants are INTEGER microseconds since the Unix epoch in UTC
 * (columns named *_at, *_due, planned_*); dates are TEXT "YYYY-MM-DD"; enum
 * columns hold the glib-mkenums nicks (lt-types.h) and are CHECKed; JSON
 * columns are CHECKed with json_valid(). Tables are STRICT so a value of the
 * wrong type is an error, not a silent conversion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-store.h"

static const char schema_v1[] =
  /* The account as GET /account returned it; one row. */
  "CREATE TABLE account (\n"
  "  id            INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  customer_name TEXT NOT NULL,\n"
  "  tier          TEXT NOT NULL\n"
  "                CHECK (tier IN ('essential', 'professional', 'enterprise')),\n"
  "  csm_email     TEXT,\n"
  "  fetched_at    INTEGER NOT NULL\n"
  ") STRICT;\n"

  /* R10: exactly one primary technical contact is required before filing;
   * the partial unique index keeps it to at most one. */
  "CREATE TABLE contacts (\n"
  "  id         INTEGER PRIMARY KEY,\n"
  "  account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,\n"
  "  role       TEXT NOT NULL CHECK (role IN ('primary-technical', 'technical')),\n"
  "  name       TEXT NOT NULL CHECK (name <> ''),\n"
  "  email      TEXT,\n"
  "  phone      TEXT\n"
  ") STRICT;\n"
  "CREATE INDEX contacts_account ON contacts (account_id);\n"
  "CREATE UNIQUE INDEX contacts_one_primary ON contacts (account_id)\n"
  "  WHERE role = 'primary-technical';\n"

  /* The amount stays the decimal text the portal sent: the app only shows
   * it, and a float would round it. */
  "CREATE TABLE invoices (\n"
  "  id         TEXT PRIMARY KEY,\n"
  "  account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,\n"
  "  issued     TEXT NOT NULL\n"
  "             CHECK (issued GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),\n"
  "  amount     TEXT NOT NULL,\n"
  "  currency   TEXT NOT NULL CHECK (length (currency) = 3),\n"
  "  paid       INTEGER NOT NULL CHECK (paid IN (0, 1))\n"
  ") STRICT;\n"
  "CREATE INDEX invoices_account ON invoices (account_id);\n"
  "CREATE INDEX invoices_unpaid ON invoices (issued) WHERE paid = 0;\n"

  /* GET /policy and GET /releases are cached as the documents the portal
   * sent: the core parses and validates them exactly like the bundled
   * copies, so there is one parser and one set of rules. */
  "CREATE TABLE documents (\n"
  "  name       TEXT PRIMARY KEY CHECK (name IN ('policy', 'releases')),\n"
  "  body       TEXT NOT NULL CHECK (json_valid (body)),\n"
  "  etag       TEXT,\n"
  "  fetched_at INTEGER NOT NULL\n"
  ") STRICT;\n"

  "CREATE TABLE maintenance_windows (\n"
  "  id           TEXT PRIMARY KEY,\n"
  "  kind         TEXT NOT NULL\n"
  "               CHECK (kind IN ('scheduled', 'emergency', 'upgrade-package')),\n"
  "  title        TEXT NOT NULL,\n"
  "  description  TEXT NOT NULL DEFAULT '',\n"
  "  starts_at    INTEGER,\n"
  "  ends_at      INTEGER,\n"
  "  announced_at INTEGER,\n"
  "  affects      TEXT NOT NULL DEFAULT 'both'\n"
  "               CHECK (affects IN ('saas', 'on-prem', 'both')),\n"
  "  fetched_at   INTEGER NOT NULL,\n"
  "  CHECK (starts_at IS NULL OR ends_at IS NULL OR ends_at >= starts_at)\n"
  ") STRICT;\n"
  "CREATE INDEX maintenance_windows_starts ON maintenance_windows (starts_at);\n"

  /* R9: a reminder shown once must not be shown again after a restart. */
  "CREATE TABLE maintenance_reminders (\n"
  "  window_id    TEXT NOT NULL\n"
  "               REFERENCES maintenance_windows (id) ON DELETE CASCADE,\n"
  "  lead_minutes INTEGER NOT NULL CHECK (lead_minutes >= 0),\n"
  "  shown_at     INTEGER NOT NULL,\n"
  "  PRIMARY KEY (window_id, lead_minutes)\n"
  ") STRICT;\n"

  /* The customer's own records of their on-prem servers; id is the UUID
   * lt_installation_new() made. */
  "CREATE TABLE installations (\n"
  "  id               TEXT PRIMARY KEY CHECK (length (id) = 36),\n"
  "  name             TEXT NOT NULL CHECK (trim (name) <> ''),\n"
  "  host             TEXT,\n"
  "  detection        TEXT NOT NULL DEFAULT 'manual'\n"
  "                   CHECK (detection IN ('manual', 'file', 'http')),\n"
  "  location         TEXT,\n"
  "  detected_version TEXT,\n"
  "  detected_at      INTEGER,\n"
  "  note             TEXT NOT NULL DEFAULT '',\n"
  "  created_at       INTEGER NOT NULL,\n"
  "  updated_at       INTEGER NOT NULL,\n"
  "  CHECK (detection = 'manual' OR (location IS NOT NULL AND location <> ''))\n"
  ") STRICT;\n"

  /* A ticket filed here is a local row first (draft, then queued) with a
   * UUID local_id, which is also the idempotency key of its ticket.create
   * outbox item; it gets the portal's id when the portal accepts it. A
   * ticket filed elsewhere arrives with an id and no local_id. pk is only
   * the row's handle for ticket_events. */
  "CREATE TABLE tickets (\n"
  "  pk                INTEGER PRIMARY KEY,\n"
  "  local_id          TEXT UNIQUE CHECK (local_id IS NULL OR length (local_id) = 36),\n"
  "  id                TEXT UNIQUE,\n"
  "  title             TEXT NOT NULL,\n"
  "  description       TEXT NOT NULL DEFAULT '',\n"
  "  severity          TEXT NOT NULL DEFAULT 's3'\n"
  "                    CHECK (severity IN ('s1', 's2', 's3', 'feature')),\n"
  "  category          TEXT,\n"
  "  break_fix         INTEGER NOT NULL DEFAULT 0 CHECK (break_fix IN (0, 1)),\n"
  "  security_incident INTEGER NOT NULL DEFAULT 0 CHECK (security_incident IN (0, 1)),\n"
  "  state             TEXT NOT NULL DEFAULT 'draft'\n"
  "                    CHECK (state IN ('draft', 'queued', 'submitted', 'triaged',\n"
  "                                     'in-progress', 'awaiting-customer',\n"
  "                                     'resolved', 'closed', 'reopened')),\n"
  "  close_reason      TEXT NOT NULL DEFAULT 'none'\n"
  "                    CHECK (close_reason IN ('none', 'confirmed', 'no-response',\n"
  "                                            'resolved-timeout', 'fixed-in-current',\n"
  "                                            'withdrawn')),\n"
  "  opened_at         INTEGER,\n"
  "  updated_at        INTEGER,\n"
  "  first_response_at INTEGER,\n"
  "  response_due      INTEGER,\n"
  "  awaiting_since    INTEGER,\n"
  "  resolved_at       INTEGER,\n"
  "  closed_at         INTEGER,\n"
  "  escalation_level  INTEGER NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 3),\n"
  "  product_version   TEXT,\n"
  "  installation      TEXT,\n"
  "  contact           TEXT,\n"
  "  known_issue_ids   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (known_issue_ids)),\n"
  "  feature_criteria  TEXT CHECK (feature_criteria IS NULL OR json_valid (feature_criteria)),\n"
  "  references_ticket TEXT,\n"
  "  created_at        INTEGER NOT NULL,\n"
  "  local_updated_at  INTEGER NOT NULL,\n"
  "  CHECK (local_id IS NOT NULL OR id IS NOT NULL),\n"
  "  CHECK ((state IN ('draft', 'queued')) = (id IS NULL))\n"
  ") STRICT;\n"
  /* The ticket list: newest first, optionally filtered by state or
   * severity. */
  "CREATE INDEX tickets_opened ON tickets (opened_at DESC, pk);\n"
  "CREATE INDEX tickets_state_opened ON tickets (state, opened_at DESC);\n"
  "CREATE INDEX tickets_severity_opened ON tickets (severity, opened_at DESC);\n"

  /* A ticket's history from GET /tickets/{id}, and the admin's own
   * comments, state changes (reopen, confirm closure), escalations and
   * uploads while they wait in the outbox (id IS NULL, outbox_key set). */
  "CREATE TABLE ticket_events (\n"
  "  pk              INTEGER PRIMARY KEY,\n"
  "  ticket_pk       INTEGER NOT NULL REFERENCES tickets (pk) ON DELETE CASCADE,\n"
  "  id              TEXT UNIQUE,\n"
  "  kind            TEXT NOT NULL\n"
  "                  CHECK (kind IN ('comment', 'state-change', 'escalation', 'attachment')),\n"
  "  at              INTEGER,\n"
  "  author          TEXT,\n"
  "  body            TEXT NOT NULL DEFAULT '',\n"
  "  from_state      TEXT,\n"
  "  to_state        TEXT,\n"
  "  level           INTEGER NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 3),\n"
  "  attachment_name TEXT,\n"
  "  attachment_size INTEGER CHECK (attachment_size IS NULL OR attachment_size >= 0),\n"
  "  outbox_key      TEXT\n"
  ") STRICT;\n"
  "CREATE INDEX ticket_events_ticket ON ticket_events (ticket_pk, at);\n"
  "CREATE UNIQUE INDEX ticket_events_outbox_key ON ticket_events (outbox_key)\n"
  "  WHERE outbox_key IS NOT NULL;\n"

  /* Like tickets: local_id is the UUID of a notice filed here and the key
   * of its change-notice.create outbox item. */
  "CREATE TABLE change_notices (\n"
  "  pk             INTEGER PRIMARY KEY,\n"
  "  local_id       TEXT UNIQUE CHECK (local_id IS NULL OR length (local_id) = 36),\n"
  "  id             TEXT UNIQUE,\n"
  "  kind           TEXT NOT NULL\n"
  "                 CHECK (kind IN ('infrastructure', 'database-schema', 'third-party',\n"
  "                                 'core-configuration')),\n"
  "  title          TEXT NOT NULL,\n"
  "  description    TEXT NOT NULL DEFAULT '',\n"
  "  systems        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (systems)),\n"
  "  planned_start  INTEGER,\n"
  "  planned_end    INTEGER,\n"
  "  rollback_plan  TEXT NOT NULL DEFAULT '',\n"
  "  risk           TEXT NOT NULL DEFAULT 'low' CHECK (risk IN ('low', 'medium', 'high')),\n"
  "  state          TEXT NOT NULL DEFAULT 'queued'\n"
  "                 CHECK (state IN ('queued', 'submitted', 'under-review', 'reviewed',\n"
  "                                  'withdrawn')),\n"
  "  review_outcome TEXT NOT NULL DEFAULT 'none'\n"
  "                 CHECK (review_outcome IN ('none', 'no-concerns', 'concerns')),\n"
  "  late           INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),\n"
  "  noticed_at     INTEGER,\n"
  "  updated_at     INTEGER,\n"
  "  created_at     INTEGER NOT NULL,\n"
  "  CHECK (local_id IS NOT NULL OR id IS NOT NULL),\n"
  "  CHECK ((state = 'queued') = (id IS NULL)),\n"
  "  CHECK (planned_start IS NULL OR planned_end IS NULL OR planned_end >= planned_start)\n"
  ") STRICT;\n"
  "CREATE INDEX change_notices_planned ON change_notices (planned_start);\n"

  /* The outbox: docs/store.md, "The outbox". */
  "CREATE TABLE outbox (\n"
  "  id              INTEGER PRIMARY KEY,\n"
  "  key             TEXT NOT NULL UNIQUE CHECK (length (key) = 36),\n"
  "  kind            TEXT NOT NULL CHECK (kind <> ''),\n"
  "  payload         TEXT NOT NULL CHECK (json_valid (payload)),\n"
  "  depends_on      TEXT,\n"
  "  state           TEXT NOT NULL DEFAULT 'pending'\n"
  "                  CHECK (state IN ('pending', 'sending', 'sent', 'failed')),\n"
  "  attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),\n"
  "  created_at      INTEGER NOT NULL,\n"
  "  next_attempt_at INTEGER NOT NULL,\n"
  "  last_attempt_at INTEGER,\n"
  "  last_error      TEXT,\n"
  "  failure_reason  TEXT,\n"
  "  sent_at         INTEGER,\n"
  "  response        TEXT CHECK (response IS NULL OR json_valid (response)),\n"
  "  CHECK ((state = 'failed') = (failure_reason IS NOT NULL)),\n"
  "  CHECK ((state = 'sent') = (sent_at IS NOT NULL))\n"
  ") STRICT;\n"
  "CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);\n"
  "CREATE INDEX outbox_depends_on ON outbox (depends_on) WHERE depends_on IS NOT NULL;\n"

  /* Incremental sync per resource ("tickets", "change-notices", …). */
  "CREATE TABLE sync_state (\n"
  "  resource        TEXT PRIMARY KEY CHECK (resource <> ''),\n"
  "  cursor          TEXT,\n"
  "  updated_since   INTEGER,\n"
  "  last_attempt_at INTEGER,\n"
  "  last_success_at INTEGER,\n"
  "  last_error      TEXT\n"
  ") STRICT;\n";

/* v2: the Overview asks every minute which tickets close on their own
 * soonest (lt_store_load_tickets_closing()); with this index that reads
 * the few it shows, not every ticket awaiting the customer or resolved.
 * The expression and the WHERE are the query's, word for word, as sqlite
 * requires to use them. */
static const char schema_v2[] =
  "CREATE INDEX tickets_closing ON tickets\n"
  "  ((CASE state WHEN 'awaiting-customer' THEN awaiting_since ELSE resolved_at END), pk)\n"
  "  WHERE state IN ('awaiting-customer', 'resolved');\n";

/* v3: a profile belongs to one portal (docs/store.md, "The portal of a
 * profile"): its origin (scheme://host:port) is recorded at the first
 * sync, with the customer name GET /account gave (the contract has no
 * account id). Ticket and notice ids are the portal's and only unique
 * within one portal, and the outbox was queued for it: a database of an
 * earlier version has no row, and the next sync records its portal. */
static const char schema_v3[] =
  "CREATE TABLE portal_binding (\n"
  "  id       INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  origin   TEXT NOT NULL CHECK (origin <> ''),\n"
  "  account  TEXT,\n"
  "  bound_at INTEGER NOT NULL\n"
  ") STRICT;\n";

/* v4: a claim names its owner (docs/store.md, "Claims"). Before, every
 * open put every `sending` item back to pending, also those another
 * running process was sending, which then went out twice. A claim now
 * carries the random id of the store connection that made it, and only
 * claims whose owner is gone are released. Claims made by an older
 * version have no owner: they are released here, as that version would
 * have done at its next open. */
static const char schema_v4[] =
  "UPDATE outbox SET state = 'pending' WHERE state = 'sending';\n"
  "ALTER TABLE outbox ADD COLUMN claimed_by TEXT\n"
  "  CHECK ((claimed_by IS NOT NULL) = (state = 'sending'));\n";

/* v5: notifications (docs/store.md, "Alerts"). Every alert the app shows,
 * summarises or mutes is recorded under its engine key before it is sent,
 * so neither a restart nor a second process shows it twice; the
 * maintenance reminders of v1 become such records (their key is the
 * engine's, "maintenance:<window id>:<lead minutes>"), and their table
 * goes. alert_state holds when this profile began to notify (nothing
 * older is news) and the last check.
 *
 * A change notice may now be a draft: saved here with its planned start,
 * not sent, so without an id and without an outbox item. A CHECK cannot
 * be altered in sqlite: the table is rebuilt (the 12 steps of the sqlite
 * documentation; foreign keys are off while migrating and nothing refers
 * to it), keeping every row with its pk and the index.
 *
 * tickets_closed_at: the deadline engine reads the tickets closed in the
 * last 30 days (the reopen window) out of possibly 100,000 closed ones. */
static const char schema_v5[] =
  "CREATE TABLE alerts (\n"
  "  key          TEXT PRIMARY KEY CHECK (key <> ''),\n"
  "  kind         TEXT NOT NULL\n"
  "               CHECK (kind IN ('ticket-update', 'awaiting-customer', 'awaiting-closing',\n"
  "                               'resolved', 'reopen-ending', 'sla-at-risk', 'sla-breached',\n"
  "                               'change-reviewed', 'change-unreviewed', 'change-notice-due',\n"
  "                               'maintenance', 'release', 'invoice-overdue',\n"
  "                               'outbox-refused')),\n"
  "  subject      TEXT NOT NULL,\n"
  "  due_at       INTEGER,\n"
  "  recorded_at  INTEGER NOT NULL,\n"
  "  delivery     TEXT NOT NULL CHECK (delivery IN ('shown', 'summarised', 'muted')),\n"
  "  withdrawn_at INTEGER\n"
  ") STRICT;\n"
  /* The last summary: the summarised records of the newest recorded_at. */
  "CREATE INDEX alerts_summarised ON alerts (recorded_at) WHERE delivery = 'summarised';\n"
  /* Pruning the withdrawn records. */
  "CREATE INDEX alerts_withdrawn ON alerts (withdrawn_at) WHERE withdrawn_at IS NOT NULL;\n"
  "CREATE TABLE alert_state (\n"
  "  id         INTEGER PRIMARY KEY CHECK (id = 1),\n"
  "  since      INTEGER NOT NULL,\n"
  "  last_check INTEGER\n"
  ") STRICT;\n"
  "INSERT INTO alerts (key, kind, subject, due_at, recorded_at, delivery)\n"
  "  SELECT 'maintenance:' || r.window_id || ':' || r.lead_minutes, 'maintenance', r.window_id,\n"
  "         w.starts_at - r.lead_minutes * 60000000, r.shown_at, 'shown'\n"
  "  FROM maintenance_reminders AS r\n"
  "  LEFT JOIN maintenance_windows AS w ON w.id = r.window_id;\n"
  "DROP TABLE maintenance_reminders;\n"

  "CREATE TABLE change_notices_v5 (\n"
  "  pk             INTEGER PRIMARY KEY,\n"
  "  local_id       TEXT UNIQUE CHECK (local_id IS NULL OR length (local_id) = 36),\n"
  "  id             TEXT UNIQUE,\n"
  "  kind           TEXT NOT NULL\n"
  "                 CHECK (kind IN ('infrastructure', 'database-schema', 'third-party',\n"
  "                                 'core-configuration')),\n"
  "  title          TEXT NOT NULL,\n"
  "  description    TEXT NOT NULL DEFAULT '',\n"
  "  systems        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid (systems)),\n"
  "  planned_start  INTEGER,\n"
  "  planned_end    INTEGER,\n"
  "  rollback_plan  TEXT NOT NULL DEFAULT '',\n"
  "  risk           TEXT NOT NULL DEFAULT 'low' CHECK (risk IN ('low', 'medium', 'high')),\n"
  "  state          TEXT NOT NULL DEFAULT 'queued'\n"
  "                 CHECK (state IN ('draft', 'queued', 'submitted', 'under-review',\n"
  "                                  'reviewed', 'withdrawn')),\n"
  "  review_outcome TEXT NOT NULL DEFAULT 'none'\n"
  "                 CHECK (review_outcome IN ('none', 'no-concerns', 'concerns')),\n"
  "  late           INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),\n"
  "  noticed_at     INTEGER,\n"
  "  updated_at     INTEGER,\n"
  "  created_at     INTEGER NOT NULL,\n"
  /* The portal's own updated_at: when LockThreat last changed it (a
   * review is news only after the profile began to notify). */
  "  portal_updated_at INTEGER,\n"
  "  CHECK (local_id IS NOT NULL OR id IS NOT NULL),\n"
  "  CHECK ((state IN ('draft', 'queued')) = (id IS NULL)),\n"
  "  CHECK (planned_start IS NULL OR planned_end IS NULL OR planned_end >= planned_start)\n"
  ") STRICT;\n"
  "INSERT INTO change_notices_v5 (pk, local_id, id, kind, title, description, systems,\n"
  "                               planned_start, planned_end, rollback_plan, risk, state,\n"
  "                               review_outcome, late, noticed_at, updated_at, created_at)\n"
  "  SELECT pk, local_id, id, kind, title, description, systems, planned_start, planned_end,\n"
  "         rollback_plan, risk, state, review_outcome, late, noticed_at, updated_at,\n"
  "         created_at\n"
  "  FROM change_notices;\n"
  "DROP TABLE change_notices;\n"
  "ALTER TABLE change_notices_v5 RENAME TO change_notices;\n"
  "CREATE INDEX change_notices_planned ON change_notices (planned_start);\n"

  "CREATE INDEX tickets_closed_at ON tickets (closed_at) WHERE state = 'closed';\n";

/* v6: the change-notice page (docs/store.md, "Schema v6"). The vendor's
 * text with its review (what the concerns are), and rescheduling: a new
 * notice names the one it replaces (the portal's id, or the local id while
 * that one is still queued), the portal names the replacement on the old
 * one. Plain nullable columns: no CHECK to change, no rebuild. */
static const char schema_v6[] =
  "ALTER TABLE change_notices ADD COLUMN review_text TEXT;\n"
  "ALTER TABLE change_notices ADD COLUMN replaces TEXT;\n"
  "ALTER TABLE change_notices ADD COLUMN replaced_by TEXT;\n"
  "CREATE INDEX change_notices_replaces ON change_notices (replaces)\n"
  "  WHERE replaces IS NOT NULL;\n";

/* v7: the redaction map of the profile (docs/bundle.md, "Collection and
 * the archive"). The redaction engine keeps, per kind of identity ("host",
 * "ipv4", "email"…), what it replaced by what, so that the same host is
 * "host3" in every bundle of this profile and the vendor's answer can be
 * read back. The store does not know the engine's structures: each kind
 * is one JSON document the engine writes and reads (its originals, their
 * replacements, its counters), kept whole. It never leaves the profile:
 * this file is 0600 and no bundle reads it. */
static const char schema_v7[] =
  "CREATE TABLE redaction_map (\n"
  "  kind       TEXT PRIMARY KEY CHECK (kind <> ''),\n"
  "  entries    TEXT NOT NULL CHECK (json_valid (entries)),\n"
  "  updated_at INTEGER NOT NULL\n"
  ") STRICT;\n"
  /* The admin's own keywords and regular expressions (Preferences,
   * `ltsupport bundle keywords`), replaced in every bundle of the
   * profile. A word and a pattern of the same text are two rows: they
   * match differently. */
  "CREATE TABLE redaction_keywords (\n"
  "  text       TEXT NOT NULL CHECK (text <> ''),\n"
  "  pattern    INTEGER NOT NULL CHECK (pattern IN (0, 1)),\n"
  "  added_at   INTEGER NOT NULL,\n"
  "  PRIMARY KEY (text, pattern)\n"
  ") STRICT;\n";

/* v8: the installations the tickets name (the Versions page,
 * lt_store_list_installations_named_in_tickets()), answered from an index
 * instead of a scan of every ticket: each distinct name is one seek, and
 * its newest ticket the last entry of that name. Partial: most tickets
 * name no installation. Only an index, so no data moves. */
static const char schema_v8[] =
  "CREATE INDEX tickets_installation\n"
  "  ON tickets (installation, coalesce (opened_at, created_at))\n"
  "  WHERE installation IS NOT NULL;\n";

static const char * const migrations[] = {
  schema_v1,
  schema_v2,
  schema_v3,
  schema_v4,
  schema_v5,
  schema_v6,
  schema_v7,
  schema_v8,
};

/**
 * lt_store_get_migrations:
 * @n_migrations: (out): the number of migrations
 *
 * The schema as a list of migrations: element N takes a database from
 * schema version N to N + 1. Exposed so that tests and the fixture
 * generator can open a store at an older version, or with an extra
 * migration appended (lt_store_open_full()).
 *
 * Returns: (transfer none) (array length=n_migrations): the SQL of each step
 */
const char * const *
lt_store_get_migrations (guint *n_migrations)
{
  g_return_val_if_fail (n_migrations != NULL, NULL);

  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

/**
 * lt_store_get_latest_schema_version:
 *
 * Returns: the schema version this build creates and migrates to
 */
guint
lt_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}
