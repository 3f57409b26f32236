/* test-redaction-unmask.c: how a vendor's text is shown on this machine
 *
 * lt_redaction_map_dup_unmasked() is the one rendering `ltsupport ticket
 * show` and the app's history share (docs/bundle.md, "Reading the answer
 * back"); lt_ticket_event_is_from_vendor() decides whose text it is
 * used on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-redaction-unmask"

#include "config.h"

#include "lt-redaction-map.h"
#include "lt-ticket-event.h"
#include "lt-test-util.h"

#include <string.h>

static LtRedactionMap *
map_new (void)
{
  LtRedactionMap *map = lt_redaction_map_new ();

  g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_HOSTNAME, "vault"));
  g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_HOSTNAME, "db1.corp.example.com"));
  g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_IPV4, "10.0.3.17"));
  g_free (lt_redaction_map_replace (map, LT_REDACTION_KIND_USER, "alice"));
  return map;
}

/* Each note is where the returned text has "(original)". */
static void
assert_notes (const char *shown,
              GPtrArray  *notes)
{
  for (guint i = 0; i < notes->len; i++)
    {
      const LtRedactionUnmasked *note = g_ptr_array_index (notes, i);
      g_autofree char *at = g_strndup (shown + note->offset, note->length);
      g_autofree char *expected = g_strdup_printf ("(%s)", note->original);

      g_assert_cmpstr (at, ==, expected);
      g_assert_cmpint (shown[note->offset - 1], ==, ' ');
    }
}

static void
test_render (void)
{
  g_autoptr(LtRedactionMap) map = map_new ();
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *shown = NULL;
  const LtRedactionUnmasked *note;

  shown = lt_redaction_map_dup_unmasked (map,
                                         "host0 fails to reach 240.0.0.17.\n"
                                         "Ask user0 about host1.dom0.invalid, not host9.\n",
                                         LT_TEXT_MULTI_LINE, &notes);
  g_assert_cmpstr (shown, ==,
                   "host0 (vault) fails to reach 240.0.0.17 (10.0.3.17).\n"
                   "Ask user0 (alice) about host1.dom0.invalid (db1.corp.example.com), not host9.\n");
  g_assert_cmpuint (notes->len, ==, 4);
  assert_notes (shown, notes);
  note = g_ptr_array_index (notes, 0);
  g_assert_cmpuint (note->offset, ==, strlen ("host0 "));
  g_assert_cmpint (note->kind, ==, LT_REDACTION_KIND_HOSTNAME);
  note = g_ptr_array_index (notes, 1);
  g_assert_cmpint (note->kind, ==, LT_REDACTION_KIND_IPV4);
  g_assert_cmpstr (note->original, ==, "10.0.3.17");
  note = g_ptr_array_index (notes, 2);
  g_assert_cmpint (note->kind, ==, LT_REDACTION_KIND_USER);

  /* Nothing this map made: the text as the displayable form shows it. */
  g_clear_pointer (&notes, g_ptr_array_unref);
  g_clear_pointer (&shown, g_free);
  shown = lt_redaction_map_dup_unmasked (map, "host7 and 240.9.9.9 are someone else's", LT_TEXT_MULTI_LINE, &notes);
  g_assert_cmpstr (shown, ==, "host7 and 240.9.9.9 are someone else's");
  g_assert_cmpuint (notes->len, ==, 0);

  g_clear_pointer (&shown, g_free);
  shown = lt_redaction_map_dup_unmasked (map, NULL, LT_TEXT_MULTI_LINE, NULL);
  g_assert_cmpstr (shown, ==, "");
}

/* The terminal is hostile: controls in the vendor's text and in an
 * original (an admin's regular expression can match anything) come out
 * as visible escapes, and an original never breaks the line. */
static void
test_hostile (void)
{
  g_autoptr(LtRedactionMap) map = map_new ();
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *keyword = lt_redaction_map_replace (map, LT_REDACTION_KIND_KEYWORD,
                                                       "blue\x1b]0;owned\x07\nfin");

  g_assert_cmpstr (keyword, ==, "keyword0");
  shown = lt_redaction_map_dup_unmasked (map, "\x1b[2J keyword0 on host0\r\nbye\rX", LT_TEXT_MULTI_LINE, &notes);
  g_assert_cmpstr (shown, ==,
                   "\\u001b[2J keyword0 (blue\\u001b]0;owned\\u0007\\u000afin) on host0 (vault)\nbye\\u000dX");
  g_assert_cmpuint (notes->len, ==, 2);
  assert_notes (shown, notes);
  g_assert_null (strchr (shown, '\x1b'));

  g_clear_pointer (&notes, g_ptr_array_unref);
  g_clear_pointer (&shown, g_free);
  shown = lt_redaction_map_dup_unmasked (map, "host0\nhost0", LT_TEXT_SINGLE_LINE, &notes);
  g_assert_cmpstr (shown, ==, "host0 (vault)\\u000ahost0 (vault)");
  assert_notes (shown, notes);
}

/* Only LockThreat's text is unmasked: not what waits in the outbox, not
 * what the customer's names wrote. */
static void
test_from_vendor (void)
{
  g_autoptr(GDateTime) at = lt_test_instant ("2026-12-06T12:00:00Z");
  g_autoptr(LtTicketEvent) queued = lt_ticket_event_new_comment (at, "Ada Admin", "host0?");
  g_autoptr(LtTicketEvent) ours = lt_ticket_event_new_comment (at, "Ada Admin", "host0?");
  g_autoptr(LtTicketEvent) theirs = lt_ticket_event_new_comment (at, "Dana Whitfield (LockThreat Support)", "host0!");
  g_autoptr(LtTicketEvent) portal = lt_ticket_event_new_comment (at, NULL, "host0!");
  const char * const names[] = { "Example Corp", "Ada Admin", NULL };

  lt_ticket_event_set_id (ours, "EV-000001");
  lt_ticket_event_set_id (theirs, "EV-000002");
  lt_ticket_event_set_id (portal, "EV-000003");

  g_assert_false (lt_ticket_event_is_from_vendor (queued, names));
  g_assert_false (lt_ticket_event_is_from_vendor (queued, NULL));
  g_assert_false (lt_ticket_event_is_from_vendor (ours, names));
  g_assert_true (lt_ticket_event_is_from_vendor (theirs, names));
  g_assert_true (lt_ticket_event_is_from_vendor (theirs, NULL));
  g_assert_true (lt_ticket_event_is_from_vendor (portal, names));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/redaction/unmask/render", test_render);
  g_test_add_func ("/lt/redaction/unmask/hostile", test_hostile);
  g_test_add_func ("/lt/redaction/unmask/from-vendor", test_from_vendor);

  return g_test_run ();
}
