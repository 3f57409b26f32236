/* store-fixture.h: what tests/data/schema-v1.db contains
 *
 * store-fixture-gen writes these rows; test-store checks that they survive
 * every migration. Changing a value here means regenerating the fixture,
 * which is only right before the schema has shipped (docs/store.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define FIXTURE_CUSTOMER_NAME     "Example Hospital Group"
#define FIXTURE_CONTACT_NAME      "Dana Admin"
#define FIXTURE_INVOICE_ID        "INV-1001"
#define FIXTURE_INSTALLATION_NAME "prod-primary"
#define FIXTURE_INSTALLATION_ID   "5e2d7c1b-9a3f-4b6e-8d0c-1f2a3b4c5d6e"
#define FIXTURE_TICKET_ID         "LT-000123"
#define FIXTURE_TICKET_OPENED_AT  "2026-11-25T21:00:00Z"
#define FIXTURE_COMMENT_BODY      "The nightly import fails with error 1042."
#define FIXTURE_CHANGE_NOTICE_ID  "CN-000045"
#define FIXTURE_CHANGE_NOTICE_LOCAL_ID "c3a9e0f2-7b14-4d8a-a6e5-90b1c2d3e4f5"
#define FIXTURE_WINDOW_ID         "MW-7"
#define FIXTURE_QUEUED_TITLE      "Audit export times out"
#define FIXTURE_OUTBOX_KEY        "0b6f8d1e-4c2a-4f7e-9a35-6d1c2b8e7f40"
#define FIXTURE_OUTBOX_KIND       "ticket.create"
#define FIXTURE_OUTBOX_CREATED_AT "2026-11-26T09:30:00Z"
#define FIXTURE_SYNC_CURSOR       "c-42"
#define FIXTURE_PORTAL_ORIGIN     "https://support.lockthreat.com:443"
#define FIXTURE_PORTAL_ACCOUNT    "Example Health"
/* v4: the hour-before reminder of FIXTURE_WINDOW_ID (starts 2026-12-05T06:00Z). */
#define FIXTURE_REMINDER_V4_SHOWN_AT "2026-12-05T05:00:00Z"
/* v5: a change notice draft (no id, no outbox item). */
#define FIXTURE_DRAFT_V5_LOCAL_ID "7d4e2a91-3b5c-4f60-8e17-a2b3c4d5e6f7"
#define FIXTURE_DRAFT_V5_TITLE    "Move the collectors to the new VLAN"
/* v6: the filed notice's review, and the notice that replaced it. */
#define FIXTURE_REVIEW_V6_TEXT    "Not during the quarter close: move it a week."
#define FIXTURE_REPLACED_BY_V6    "CN-000046"
/* v7: a redaction map entry and keyword, and a ticket naming an
 * installation the list does not have (v8 indexes it). */
#define FIXTURE_REDACTION_V7_ENTRIES  "{\"lt01.hospital.example\": \"host1\"}"
#define FIXTURE_KEYWORD_V7            "Example Hospital"
#define FIXTURE_NAMED_V7_TICKET_ID    "LT-000124"
#define FIXTURE_NAMED_V7_INSTALLATION "Edge cluster"
#define FIXTURE_NAMED_V7_VERSION      "3.4.0"
