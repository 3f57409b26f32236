/* fuzz-ticket-search.c: the ticket list's search against the plain one
 *
 * The input's first line is a search text, each further line (up to 16)
 * the title of a ticket. An even number of titles is stored as many
 * times as it takes the list to hold MIN_ROWS tickets: a list that large
 * counts its own frequent pairs and gives them exact bits (docs/store.md,
 * "Exact bits for the frequent pairs"), which a smaller one never does;
 * an odd number once each, which keeps most inputs fast. The text is typed one character at a time into
 * one LtTicketList, which narrows as the Tickets page does (the rows'
 * characters and pairs first, then their text), and set afresh on
 * another; after every character both must show exactly the tickets
 * whose casefolded id or title holds the casefolded, stripped text, in
 * the list's order (docs/store.md, "The search at a million tickets").
 * Lines that are not UTF-8 are made so first: the plain search needs
 * text that folds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-fuzz"

#include "config.h"

#include "lt-fuzz-util.h"
#include "lt-store-tickets.h"
#include "lt-store.h"
#include "lt-ticket-list.h"

#include <string.h>

#define MAX_TICKETS 16
/* At least the rows a ticket list chooses its pair table from (64). */
#define MIN_ROWS 64

/* Whether @ticket's casefolded id or title holds @needle (casefolded). */
static gboolean
plain_match (LtTicket   *ticket,
             const char *needle)
{
  g_autofree char *id = g_utf8_casefold (lt_ticket_get_id (ticket), -1);
  g_autofree char *title = g_utf8_casefold (lt_ticket_get_title (ticket) != NULL
                                              ? lt_ticket_get_title (ticket) : "", -1);

  return strstr (id, needle) != NULL || strstr (title, needle) != NULL;
}

/* The ids of @list, or of the tickets of @all that hold @needle (every
 * ticket when it is NULL), comma-separated. */
static char *
shown_ids (GListModel *list,
           const char *needle)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LtTicket) ticket = g_list_model_get_item (list, i);

      if (needle == NULL || plain_match (ticket, needle))
        g_string_append_printf (ids, "%s,", lt_ticket_get_id (ticket));
    }
  return g_string_free (ids, FALSE);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lt_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  g_auto(GStrv) lines = g_strsplit (input, "\n", MAX_TICKETS + 2);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtStore) store = lt_store_open (NULL, NULL, &error);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 7, 10, 0, 0);
  g_autoptr(LtTicketList) all = NULL;
  g_autoptr(LtTicketList) typing = NULL;
  g_autoptr(LtTicketList) fresh = NULL;
  guint n_titles, copies;

  g_assert_no_error (error);
  if (lines[0] == NULL)
    return 0;
  text = g_utf8_make_valid (lines[0], -1);
  n_titles = MIN (g_strv_length (lines) - 1, MAX_TICKETS);
  copies = n_titles % 2 == 1 ? 1 : n_titles > 0 ? (MIN_ROWS + n_titles - 1) / n_titles : 0;
  for (guint i = 1; i <= n_titles; i++)
    for (guint copy = 0; copy < copies; copy++)
      {
        g_autoptr(LtTicket) ticket = lt_ticket_new ();
        g_autofree char *id = g_strdup_printf ("LT-%u-%u", i, copy);
        g_autofree char *title = g_utf8_make_valid (lines[i], -1);
        g_autoptr(GDateTime) opened = g_date_time_add_minutes (now, -(int) (i * copies + copy));

        lt_ticket_set_id (ticket, id);
        lt_ticket_set_title (ticket, title);
        lt_ticket_set_opened_at (ticket, opened);
        lt_ticket_set_state (ticket, LT_TICKET_STATE_SUBMITTED);
        lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
        g_assert_true (lt_store_upsert_ticket (store, ticket, now, &error));
        g_assert_no_error (error);
      }
  all = lt_ticket_list_new (store, &error);
  g_assert_no_error (error);
  typing = lt_ticket_list_new (store, &error);
  g_assert_no_error (error);
  fresh = lt_ticket_list_new (store, &error);
  g_assert_no_error (error);

  for (const char *end = text; *end != '\0';)
    {
      g_autofree char *typed = NULL;
      g_autofree char *stripped = NULL;
      g_autofree char *needle = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *searched = NULL;

      end = g_utf8_next_char (end);
      typed = g_strndup (text, end - text);
      stripped = g_strstrip (g_strdup (typed));
      needle = stripped[0] != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
      expected = shown_ids (G_LIST_MODEL (all), needle);

      lt_ticket_list_set_search_text (typing, typed);
      lt_ticket_list_set_search_text (fresh, NULL);
      lt_ticket_list_set_search_text (fresh, typed);
      shown = shown_ids (G_LIST_MODEL (typing), NULL);
      searched = shown_ids (G_LIST_MODEL (fresh), NULL);
      g_assert_cmpstr (shown, ==, expected);
      g_assert_cmpstr (searched, ==, expected);
    }
  return 0;
}
