/* lt-ticket-list.c: every ticket of the store, as compact rows
 *
 * A row is 72 bytes plus its id and title in one GStringChunk: no object
 * and no malloc per ticket, so loading 100,000 tickets costs little more
 * than stepping through them (docs/performance.md). The LtTicket of a row
 * is read by pk when get_item() asks for it, and stays in a weak cache
 * while someone holds it: the same object comes back, and an update of
 * its row sets the new values on it, so it notifies what changed.
 *
 * Filters and sort columns work on the rows too: a view over the list
 * (GtkColumnView) reads only the tickets it shows, whatever the filter or
 * the order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-store"

#include "config.h"

#include "lt-ticket-list.h"

#include "lt-lifecycle.h"
#include "lt-natural-sort.h"
#include "lt-enums.h"
#include "lt-sla.h"
#include "lt-store-rows.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/* Strings of replaced and deleted rows stay in the chunk until this much
 * is wasted and more than is used: then the chunk is rebuilt. */
#define COMPACT_MIN_WASTE (1024 * 1024)

/* The list's statements: the columns of LT_TICKET_LIST_COLUMNS (0-6),
 * what the response due and SLA sort keys need (7, 8) and when the
 * ticket entered the state its deadline counts from (9: awaiting,
 * resolved, closed). */
#define LIST_COLUMNS LT_TICKET_LIST_COLUMNS ", first_response_at, response_due, " \
  "CASE state WHEN 'awaiting-customer' THEN awaiting_since WHEN 'resolved' THEN resolved_at " \
  "WHEN 'closed' THEN closed_at END"
#define LIST_SQL_LOCAL \
  "SELECT " LIST_COLUMNS " FROM tickets WHERE opened_at IS NULL ORDER BY created_at DESC, pk"
#define LIST_SQL_OPENED \
  "SELECT " LIST_COLUMNS " FROM tickets WHERE opened_at IS NOT NULL ORDER BY opened_at DESC, pk"
#define LIST_SQL_ONE \
  "SELECT " LIST_COLUMNS " FROM tickets WHERE pk = ?"

/* An instant a row does not have. */
#define NO_TIME G_MININT64

/* The response due key of a ticket without one: after every instant. */
#define NO_DUE G_MAXINT64

typedef struct
{
  gint64      pk;
  /* opened_at, or created_at while the ticket has not been opened; usec */
  gint64      time;
  gint64      first_response;  /* usec, or NO_TIME */
  gint64      response_due;    /* the portal's; usec, or NO_TIME */
  gint64      since;           /* entered awaiting/resolved/closed; usec, or NO_TIME */
  /* The key of the sort column in force, where it is computed rather
   * than read: the first bytes of the id or title
   * (lt_natural_sort_key()), the response due (usec, or NO_DUE) or the
   * SLA urgency. */
  gint64      key;
  const char *id;      /* in strings; NULL while local */
  const char *title;   /* in strings */
  guint8      state;
  guint8      severity;
  /* Not opened yet (draft, queued): sorts before every opened ticket. */
  guint8      local;
  /* Which characters the id and title hold, folded (char_bit()), so that a
   * search skips a row without reading its text; ALL_CHARS when either
   * holds a byte beyond ASCII, which case folding may turn into any
   * character. In the padding after the bytes above. */
  guint32     chars;
  /* Which pairs of adjacent characters the id and title hold, folded
   * (pair_bit() with the list's table: bit b is bit b % 64 of word
   * b / 64), so that a search of two characters or more skips most rows
   * that do not hold it without reading their text; ALL_PAIRS in both
   * with ALL_CHARS. */
  guint64     pairs[2];
} TicketRow;

typedef struct
{
  LtTicketList *list;
  gint64        pk;
  LtTicket     *ticket;   /* weak */
} CacheEntry;

struct _LtTicketList
{
  LtStoreList   parent_instance;

  /* Owned */
  GStringChunk *strings;
  gsize         stored_bytes;
  gsize         wasted_bytes;
  GHashTable   *cache;       /* &CacheEntry.pk -> CacheEntry, items alive */
  char         *search_text;
  char         *search_folded;
  gsize         search_length;  /* of search_folded */
  guint32       search_chars;   /* needed_chars() of search_folded */
  guint64       search_pairs[2];   /* needed_pairs() of search_folded */
  /* pair_bit()'s table (pair_table_new()), NULL until the list held
   * PAIR_TABLE_MIN_ROWS rows; every row's pairs are computed with it. */
  guint8       *pair_table;
  guint         pair_table_rows;  /* the rows it was chosen from */

  LtPolicy     *policy;       /* NULL while the tier is unknown */
  GDateTime    *now;
  /* Work lists and the deadline column: the policy's calendar and days,
   * known without the tier; "soon" ends at closing_limit (usec). */
  LtPolicy     *lifecycle_policy;
  LtTicketListWork work;
  gint64        now_usec;
  gint64        closing_limit;

  /* Borrowed from the store's statement cache, which lives as long as the
   * store this list holds. */
  sqlite3_stmt *by_pk;

  guint         state_filter;
  guint         severity_filter;
  gboolean      search_ascii;
  /* The search is one character or one pair of characters that its bit
   * tells apart (char_bit(), pair_bit_is_unique()): the bits of an ASCII
   * row answer it without its text. */
  gboolean      search_by_bits;
  LtTicketListSort sort;
  gboolean      descending;
  LtTier        tier;
  guint64       n_reads;
  guint64       n_texts_searched;

  /* Why the worker thread of lt_ticket_list_new_loading() read nothing */
  GError       *load_error;
};

G_DEFINE_FINAL_TYPE (LtTicketList, lt_ticket_list, LT_TYPE_STORE_LIST)

enum
{
  PROP_0,
  PROP_STATE_FILTER,
  PROP_SEVERITY_FILTER,
  PROP_SEARCH_TEXT,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The nicks of LtTicketState and LtSeverity by value, for reading the
 * text columns without a GEnumClass lookup per row. */
static const char *state_nicks[LT_TICKET_STATE_REOPENED + 1];
static const char *severity_nicks[LT_N_SEVERITIES];

static guint8
nick_to_value (const char * const *nicks,
               guint               n_nicks,
               const char         *nick,
               guint8              fallback)
{
  if (nick == NULL)
    return fallback;
  for (guint i = 0; i < n_nicks; i++)
    if (strcmp (nicks[i], nick) == 0)
      return (guint8) i;
  return fallback;
}

static const char *
chunk_string (GStringChunk *strings,
              gsize        *stored_bytes,
              const char   *text,
              int           length)
{
  if (text == NULL)
    return NULL;
  *stored_bytes += (gsize) length + 1;
  return g_string_chunk_insert_len (strings, text, length);
}

static const char *
store_string (LtTicketList *self,
              const char   *text,
              int           length)
{
  return chunk_string (self->strings, &self->stored_bytes, text, length);
}

/* The characters of a row ---------------------------------------------- */

/* A row whose text may hold any character. */
#define ALL_CHARS G_MAXUINT32

/* Letters, the space and the hyphen each have a bit of their own, so a
 * one-character search for one of them is answered by the bits alone;
 * digits share three bits and every other byte the last one. */
#define CHAR_BIT_SPACE  29
#define CHAR_BIT_HYPHEN 30
#define CHAR_BIT_OTHER  31

static inline guchar
fold_ascii (guchar c)
{
  return (guint) (c - 'A') < 26 ? (guchar) (c | 0x20) : c;
}

static inline guint
char_bit (guchar folded)
{
  if ((guint) (folded - 'a') < 26)
    return folded - 'a';
  if ((guint) (folded - '0') < 10)
    return 26 + (folded - '0') % 3;
  if (folded == ' ')
    return CHAR_BIT_SPACE;
  if (folded == '-')
    return CHAR_BIT_HYPHEN;
  return CHAR_BIT_OTHER;
}

/* Whether the one character of @bit can be told apart from every other
 * by its bit. */
static gboolean
char_bit_is_unique (guint bit)
{
  return bit < 26 || bit == CHAR_BIT_SPACE || bit == CHAR_BIT_HYPHEN;
}

/* Adds the characters of @text to @chars; ALL_CHARS at the first byte
 * beyond ASCII. */
static guint32
add_chars (guint32     chars,
           const char *text)
{
  if (text == NULL)
    return chars;
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p >= 0x80)
        return ALL_CHARS;
      chars |= 1u << char_bit (fold_ascii (*p));
    }
  return chars;
}

/* The bits a row must all have to hold @folded (casefolded): bytes
 * beyond ASCII need the "other" bit, which only rows that may hold them
 * (ALL_CHARS) or hold punctuation have. */
static guint32
needed_chars (const char *folded)
{
  guint32 chars = 0;

  for (const guchar *p = (const guchar *) folded; *p != '\0'; p++)
    chars |= 1u << (*p >= 0x80 ? CHAR_BIT_OTHER : char_bit (*p));
  return chars;
}

/* The pairs of a row ------------------------------------------------------ */

/* A row whose text may hold any pair of characters (in both words). */
#define ALL_PAIRS G_MAXUINT64

/* The pair table (pair_table_new()) gives each of the PAIR_EXACT_BITS
 * pairs most rows hold a bit of its own in the first word, and hashes
 * every other pair into the second. */
#define PAIR_EXACT_BITS 64
/* ASCII pairs: what the table maps, first byte times 128 plus second. */
#define N_ASCII_PAIRS (128 * 128)
/* The table is chosen once the list holds PAIR_TABLE_MIN_ROWS rows, and
 * again each time the rows doubled since, until it was chosen from
 * PAIR_TABLE_SAMPLE rows: a list that grows from nothing (a first sync)
 * gets a table from its own titles. A new table means every row's pairs
 * computed again: at most twice the sample's rows while the list grows by
 * a few at a time, every row once if a reload brings many at once. At
 * most PAIR_TABLE_SAMPLE rows spread over the list are counted. */
#define PAIR_TABLE_MIN_ROWS 64
#define PAIR_TABLE_SAMPLE   8192

static inline guint32
pair_hash (guchar first,
           guchar second)
{
  return (guint32) (first << 8 | second) * 0x9E3779B1u;
}

/* One of 128 bits for each pair of adjacent bytes (folded). Without a
 * table (a list of fewer than PAIR_TABLE_MIN_ROWS rows), a multiplicative
 * hash over all 128, so that the pairs of real text (about 40 a title)
 * spread over every bit rather than crowd the letters' few: about a
 * quarter of a row's bits are set. With one, the table's bit for an ASCII
 * pair, and for another (only in a search) a hashed bit of the second
 * word. */
static inline guint
pair_bit (const guint8 *table,
          guchar        first,
          guchar        second)
{
  if (table == NULL)
    return pair_hash (first, second) >> 25;
  if ((first | second) < 0x80)
    return table[first << 7 | second];
  return PAIR_EXACT_BITS + (pair_hash (first, second) >> 26);
}

/* Adds the pairs of @text (ASCII: its row's characters say so) to @pairs.
 * Only pairs inside @text: a search finds its text in the id or in the
 * title, never across the two. */
static void
add_pairs (const guint8 *table,
           guint64      *pairs,
           const char   *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  for (const guchar *p = (const guchar *) text; p[1] != '\0'; p++)
    {
      guint b = pair_bit (table, fold_ascii (p[0]), fold_ascii (p[1]));
      pairs[b >> 6] |= G_GUINT64_CONSTANT (1) << (b & 63);
    }
}

/* The pairs of a row, from its characters (add_chars()) and texts. */
static void
row_pairs (const guint8 *table,
           TicketRow    *row)
{
  row->pairs[0] = row->pairs[1] = row->chars == ALL_CHARS ? ALL_PAIRS : 0;
  if (row->chars == ALL_CHARS)
    return;
  add_pairs (table, row->pairs, row->id);
  add_pairs (table, row->pairs, row->title);
}

static void
rows_pairs_from (const guint8 *table,
                 GArray       *rows,
                 guint         first)
{
  for (guint i = first; i < rows->len; i++)
    row_pairs (table, &g_array_index (rows, TicketRow, i));
}

/* The bits a row must all have to hold @folded (casefolded): one per
 * pair of adjacent bytes. A pair with a byte beyond ASCII is in no ASCII
 * row, which cannot hold such text, so it may reject them. */
static void
needed_pairs (const guint8 *table,
              guint64      *pairs,
              const char   *folded)
{
  pairs[0] = pairs[1] = 0;
  if (folded == NULL || folded[0] == '\0')
    return;
  for (const guchar *p = (const guchar *) folded; p[1] != '\0'; p++)
    {
      guint b = pair_bit (table, p[0], p[1]);
      pairs[b >> 6] |= G_GUINT64_CONSTANT (1) << (b & 63);
    }
}

/* Whether the bit of @folded's one pair answers its search alone in an
 * ASCII row: a bit of its own. */
static gboolean
pair_bit_is_unique (const guint8 *table,
                    const char   *folded)
{
  const guchar *p = (const guchar *) folded;

  return table != NULL && (p[0] | p[1]) < 0x80 && table[p[0] << 7 | p[1]] < PAIR_EXACT_BITS;
}

/* Counts, for one text, the rows that hold each pair (a pair that a row
 * holds twice counts once: @seen holds the row that last counted it). */
static void
count_pairs (guint32    *counts,
             guint32    *seen,
             guint32     stamp,
             const char *text)
{
  if (text == NULL || text[0] == '\0')
    return;
  for (const guchar *p = (const guchar *) text; p[1] != '\0'; p++)
    {
      guint index = fold_ascii (p[0]) << 7 | fold_ascii (p[1]);

      if (seen[index] != stamp)
        {
          seen[index] = stamp;
          counts[index]++;
        }
    }
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const guint32 *counts = user_data;
  guint ia = *(const guint16 *) a;
  guint ib = *(const guint16 *) b;

  if (counts[ia] != counts[ib])
    return counts[ia] > counts[ib] ? -1 : 1;
  return ia < ib ? -1 : 1;
}

/* The table of pair_bit() for @rows (ASCII rows, up to PAIR_TABLE_SAMPLE
 * of them spread over the list): the PAIR_EXACT_BITS pairs most rows
 * hold get a bit each, the rest are hashed into the other 64. Titles
 * are the admins' own words in any language: the pairs they use are
 * counted, not guessed. A search of one such pair is answered by its bit
 * alone; the hashed bits, without the frequent pairs, are set more
 * rarely, and tell more rows apart. */
static guint8 *
pair_table_new (GArray *rows)
{
  g_autofree guint32 *counts = g_new0 (guint32, N_ASCII_PAIRS);
  g_autofree guint32 *seen = g_new0 (guint32, N_ASCII_PAIRS);
  g_autofree guint16 *order = g_new (guint16, N_ASCII_PAIRS);
  guint8 *table = g_new (guint8, N_ASCII_PAIRS);
  guint step = MAX (1, rows->len / PAIR_TABLE_SAMPLE);
  guint32 stamp = 0;
  guint n_counted = 0;

  for (guint i = 0; i < rows->len; i += step)
    {
      const TicketRow *row = &g_array_index (rows, TicketRow, i);

      if (row->chars == ALL_CHARS)
        continue;
      stamp++;
      count_pairs (counts, seen, stamp, row->id);
      count_pairs (counts, seen, stamp, row->title);
    }

  for (guint index = 0; index < N_ASCII_PAIRS; index++)
    {
      table[index] = PAIR_EXACT_BITS + (pair_hash (index >> 7, index & 127) >> 26);
      if (counts[index] > 0)
        order[n_counted++] = (guint16) index;
    }
  g_qsort_with_data (order, (gint) n_counted, sizeof *order, compare_counts, counts);
  for (guint i = 0; i < MIN (n_counted, PAIR_EXACT_BITS); i++)
    table[order[i]] = (guint8) i;
  return table;
}

/* Whether a table is to be chosen for a list of @n_rows rows that has
 * one chosen from @table_rows rows (0: none). */
static gboolean
pair_table_due (guint table_rows,
                guint n_rows)
{
  return table_rows < PAIR_TABLE_SAMPLE && n_rows >= MAX (PAIR_TABLE_MIN_ROWS, 2 * table_rows);
}

/* Whether the bits of an ASCII row answer the search alone: one
 * character or one pair with a bit of its own. */
static gboolean
search_by_bits (LtTicketList *self)
{
  if (!self->search_ascii)
    return FALSE;
  if (self->search_length == 1)
    return char_bit_is_unique (char_bit ((guchar) self->search_folded[0]));
  return self->search_length == 2 && pair_bit_is_unique (self->pair_table, self->search_folded);
}

/* Chooses the table from @rows; the caller computes every row's pairs
 * with it (rows_pairs_from()) before the list is searched again. */
static void
set_pair_table (LtTicketList *self,
                GArray       *rows,
                guint8       *table)
{
  g_free (self->pair_table);
  self->pair_table = table != NULL ? table : pair_table_new (rows);
  self->pair_table_rows = rows->len;
  needed_pairs (self->pair_table, self->search_pairs, self->search_folded);
  self->search_by_bits = search_by_bits (self);
}

/* Sort keys --------------------------------------------------------------- */

static gint64
column_time (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NO_TIME : sqlite3_column_int64 (stmt, column);
}

/* The response due the Tickets page shows: the portal's, else the one R4
 * computes from the opening (lt_ticket_dup_response_due()), which needs
 * the tier. */
static gint64
due_key (LtTicketList    *self,
         const TicketRow *row)
{
  g_autoptr(GDateTime) opened = NULL;
  g_autoptr(GDateTime) due = NULL;

  if (row->response_due != NO_TIME)
    return row->response_due;
  if (row->local || self->policy == NULL)
    return NO_DUE;

  opened = lt_store_instant_from_usec (row->time);
  due = lt_sla_response_due_for_policy (self->policy, self->tier, row->severity, opened);
  return due != NULL ? lt_store_instant_to_usec (due) : NO_DUE;
}

/* Most urgent first. */
static gint64
sla_urgency (LtSlaState state)
{
  switch (state)
    {
    case LT_SLA_STATE_BREACHED:
      return 0;
    case LT_SLA_STATE_AT_RISK:
      return 1;
    case LT_SLA_STATE_ON_TRACK:
      return 2;
    case LT_SLA_STATE_MISSED:
      return 3;
    case LT_SLA_STATE_MET:
      return 4;
    case LT_SLA_STATE_NONE:
    default:
      return 5;
    }
}

/* Whether time can still change an SLA state: answered (met, missed) and
 * unanswered past due (breached) stay so as "now" moves on. */
static gboolean
sla_urgency_settled (gint64 urgency)
{
  return urgency != sla_urgency (LT_SLA_STATE_AT_RISK) &&
         urgency != sla_urgency (LT_SLA_STATE_ON_TRACK);
}

/* The SLA state at the list's "now", by the core rule the Tickets page
 * shows it with (lt_ticket_get_sla_state()). */
static gint64
sla_key (LtTicketList    *self,
         const TicketRow *row)
{
  g_autoptr(GDateTime) opened = NULL;
  g_autoptr(GDateTime) answered = NULL;

  if (row->local || self->policy == NULL || self->now == NULL)
    return sla_urgency (LT_SLA_STATE_NONE);

  opened = lt_store_instant_from_usec (row->time);
  if (row->first_response != NO_TIME)
    answered = lt_store_instant_from_usec (row->first_response);
  return sla_urgency (lt_sla_compute_state_for_policy (self->policy, self->tier, row->severity,
                                                       opened, answered, self->now));
}

/* When a ticket awaiting the customer or resolved closes on its own, by
 * core's rule (lt_lifecycle_auto_close_due_for_policy()); NO_DUE for
 * every other state. */
static gint64
auto_close_key (LtTicketList    *self,
                const TicketRow *row)
{
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) due = NULL;

  if (self->lifecycle_policy == NULL || row->since == NO_TIME ||
      !lt_lifecycle_state_needs_customer (row->state))
    return NO_DUE;

  since = lt_store_instant_from_usec (row->since);
  due = lt_lifecycle_auto_close_due_for_policy (self->lifecycle_policy, row->state, since, NULL);
  return due != NULL ? lt_store_instant_to_usec (due) : NO_DUE;
}

/* The deadline column: the auto-close of a ticket that waits for the
 * customer, the end of the reopen window of a closed one (§14). */
static gint64
deadline_key (LtTicketList    *self,
              const TicketRow *row)
{
  g_autoptr(GDateTime) since = NULL;
  g_autoptr(GDateTime) until = NULL;

  if (row->state != LT_TICKET_STATE_CLOSED)
    return auto_close_key (self, row);
  if (self->lifecycle_policy == NULL || row->since == NO_TIME)
    return NO_DUE;

  since = lt_store_instant_from_usec (row->since);
  until = lt_lifecycle_reopen_until_for_policy (self->lifecycle_policy, since);
  return until != NULL ? lt_store_instant_to_usec (until) : NO_DUE;
}

static gboolean sort_has_computed_keys (LtTicketListSort sort);

static gint64
compute_key (LtTicketList    *self,
             const TicketRow *row)
{
  switch (self->sort)
    {
    case LT_TICKET_LIST_SORT_ID:
      return row->id != NULL ? (gint64) lt_natural_sort_key (row->id) : 0;
    case LT_TICKET_LIST_SORT_TITLE:
      return (gint64) lt_natural_sort_key (row->title);
    case LT_TICKET_LIST_SORT_RESPONSE_DUE:
      return due_key (self, row);
    case LT_TICKET_LIST_SORT_SLA:
      return sla_key (self, row);
    case LT_TICKET_LIST_SORT_DEADLINE:
      return deadline_key (self, row);
    case LT_TICKET_LIST_SORT_DEFAULT:
    case LT_TICKET_LIST_SORT_SEVERITY:
    case LT_TICKET_LIST_SORT_STATE:
    case LT_TICKET_LIST_SORT_OPENED:
    default:
      return 0;
    }
}

static gboolean
sort_has_computed_keys (LtTicketListSort sort)
{
  return sort == LT_TICKET_LIST_SORT_ID || sort == LT_TICKET_LIST_SORT_TITLE ||
         sort == LT_TICKET_LIST_SORT_RESPONSE_DUE || sort == LT_TICKET_LIST_SORT_SLA ||
         sort == LT_TICKET_LIST_SORT_DEADLINE;
}

/* Computes the key of every row again (@only_unsettled: of rows whose SLA
 * state time can still change); returns whether one changed. */
static gboolean
update_keys (LtTicketList *self,
             gboolean      only_unsettled)
{
  GArray *rows = lt_store_list_get_rows (LT_STORE_LIST (self));
  gboolean changed = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      TicketRow *row = &g_array_index (rows, TicketRow, i);
      gint64 key;

      if (only_unsettled && sla_urgency_settled (row->key))
        continue;
      key = compute_key (self, row);
      changed |= key != row->key;
      row->key = key;
    }
  return changed;
}

#define COMPARE(x, y) (((x) > (y)) - ((x) < (y)))

static int
compare_text_keys (const TicketRow *a,
                   const TicketRow *b,
                   const char      *text_a,
                   const char      *text_b)
{
  if (a->key != b->key)
    return (guint64) a->key < (guint64) b->key ? -1 : 1;
  return lt_natural_sort_compare (text_a, text_b);
}

/* The sort column's order, ascending; 0 for a tie. */
static int
compare_sort_keys (LtTicketList    *self,
                   const TicketRow *a,
                   const TicketRow *b)
{
  switch (self->sort)
    {
    case LT_TICKET_LIST_SORT_ID:
      if (a->id == NULL || b->id == NULL)
        return (a->id == NULL) - (b->id == NULL);
      return compare_text_keys (a, b, a->id, b->id);
    case LT_TICKET_LIST_SORT_TITLE:
      return compare_text_keys (a, b, a->title, b->title);
    case LT_TICKET_LIST_SORT_SEVERITY:
      return COMPARE (a->severity, b->severity);
    case LT_TICKET_LIST_SORT_STATE:
      return COMPARE (a->state, b->state);
    case LT_TICKET_LIST_SORT_OPENED:
      if (a->local || b->local)
        return COMPARE (a->local, b->local);
      return COMPARE (a->time, b->time);
    case LT_TICKET_LIST_SORT_RESPONSE_DUE:
    case LT_TICKET_LIST_SORT_SLA:
    case LT_TICKET_LIST_SORT_DEADLINE:
      return COMPARE (a->key, b->key);
    case LT_TICKET_LIST_SORT_DEFAULT:
    default:
      return 0;
    }
}

/* Rows ------------------------------------------------------------------- */

/* Everything of a row but its sort key; @strings and @stored_bytes are
 * the list's, or a worker thread's own while it reads every row. */
static void
read_row (GStringChunk *strings,
          gsize        *stored_bytes,
          sqlite3_stmt *stmt,
          TicketRow    *row)
{
  row->pk = sqlite3_column_int64 (stmt, 0);
  row->id = chunk_string (strings, stored_bytes, lt_store_column_text (stmt, 1), sqlite3_column_bytes (stmt, 1));
  row->title = chunk_string (strings, stored_bytes, lt_store_column_text (stmt, 2), sqlite3_column_bytes (stmt, 2));
  if (row->title == NULL)
    row->title = chunk_string (strings, stored_bytes, "", 0);
  row->severity = nick_to_value (severity_nicks, G_N_ELEMENTS (severity_nicks),
                                 lt_store_column_text (stmt, 3), LT_SEVERITY_S3);
  row->state = nick_to_value (state_nicks, G_N_ELEMENTS (state_nicks),
                              lt_store_column_text (stmt, 4), LT_TICKET_STATE_DRAFT);
  row->local = sqlite3_column_type (stmt, 5) == SQLITE_NULL;
  row->time = sqlite3_column_int64 (stmt, row->local ? 6 : 5);
  row->first_response = column_time (stmt, 7);
  row->response_due = column_time (stmt, 8);
  row->since = column_time (stmt, 9);
  row->key = 0;
  /* The pairs come once every row is read: they need the pair table,
   * which may be chosen from these rows (rows_pairs_from()). Until then
   * every bit, which rejects nothing. */
  row->chars = add_chars (add_chars (0, row->id), row->title);
  row->pairs[0] = row->pairs[1] = ALL_PAIRS;
}

static void
fill_row (LtTicketList *self,
          sqlite3_stmt *stmt,
          TicketRow    *row)
{
  read_row (self->strings, &self->stored_bytes, stmt, row);
  row_pairs (self->pair_table, row);
  row->key = compute_key (self, row);
}

/* Appends every row of @sql to @rows, without sort keys: what the list
 * and its worker thread both run. */
static gboolean
read_rows (LtStore      *store,
           const char   *sql,
           GStringChunk *strings,
           gsize        *stored_bytes,
           GArray       *rows,
           GError      **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TicketRow row;

      read_row (strings, stored_bytes, stmt, &row);
      g_array_append_val (rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      lt_store_set_error (store, error, _("Could not read the tickets"));
      return FALSE;
    }
  return TRUE;
}

/* Room for every ticket before the rows are read: the array is then
 * allocated once. Grown by doubling instead, it is copied at each step,
 * and the blocks it leaves in the heap stay resident around the strings
 * allocated meanwhile (50 bytes a ticket at 1,000,000 tickets,
 * docs/performance.md, "Memory"). A ticket written between the count and
 * the reads only costs one more growth. */
static gboolean
reserve_rows (LtStore  *store,
              GArray   *rows,
              GError  **error)
{
  g_auto(LtCachedStmt) stmt = NULL;
  guint len = rows->len;

  stmt = lt_store_prepare (store, "SELECT count(*) FROM tickets", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lt_store_set_error (store, error, _("Could not read the tickets"));
      return FALSE;
    }
  g_array_set_size (rows, len + (guint) MIN (sqlite3_column_int64 (stmt, 0), G_MAXUINT - len));
  g_array_set_size (rows, len);
  return TRUE;
}

/* Every row, local ones first, into @rows (room reserved first). */
static gboolean
read_all_rows (LtStore      *store,
               GStringChunk *strings,
               gsize        *stored_bytes,
               GArray       *rows,
               GError      **error)
{
  return reserve_rows (store, rows, error) &&
         read_rows (store, LIST_SQL_LOCAL, strings, stored_bytes, rows, error) &&
         read_rows (store, LIST_SQL_OPENED, strings, stored_bytes, rows, error);
}

static void
compute_keys_from (LtTicketList *self,
                   GArray       *rows,
                   guint         first)
{
  if (!sort_has_computed_keys (self->sort))
    return;
  for (guint i = first; i < rows->len; i++)
    g_array_index (rows, TicketRow, i).key = compute_key (self, &g_array_index (rows, TicketRow, i));
}

static gboolean
lt_ticket_list_load_all (LtStoreList  *list,
                         LtStore      *store,
                         GArray       *rows,
                         GError      **error)
{
  LtTicketList *self = LT_TICKET_LIST (list);
  guint first = rows->len;

  if (!read_all_rows (store, self->strings, &self->stored_bytes, rows, error))
    return FALSE;
  /* A first load chooses the table from its rows; a reload keeps the
   * table, since the rows that did not change are kept with their bits
   * (changes_done() may choose again, for every row). */
  if (lt_store_list_get_rows (list)->len == 0 && pair_table_due (self->pair_table_rows, rows->len))
    set_pair_table (self, rows, NULL);
  rows_pairs_from (self->pair_table, rows, first);
  compute_keys_from (self, rows, first);
  return TRUE;
}

static gboolean
lt_ticket_list_load_row (LtStoreList  *list,
                         LtStore      *store,
                         const char   *key,
                         gpointer      row,
                         gboolean     *found,
                         GError      **error)
{
  LtTicketList *self = LT_TICKET_LIST (list);
  g_auto(LtCachedStmt) stmt = NULL;
  int rc;

  stmt = lt_store_prepare (store, LIST_SQL_ONE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (key, NULL, 10));

  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  if (*found)
    fill_row (self, stmt, row);
  else if (rc != SQLITE_DONE)
    {
      lt_store_set_error (store, error, _("Could not read a ticket"));
      return FALSE;
    }
  return TRUE;
}

/* The sort column's order, then the list's own: not opened yet first
 * (newest created first), then newest opening first, then the pk. */
static int
lt_ticket_list_compare (LtStoreList   *list,
                        gconstpointer  a,
                        gconstpointer  b)
{
  /* Not LT_TICKET_LIST (): a sort calls this millions of times. */
  LtTicketList *self = (LtTicketList *) list;
  const TicketRow *ra = a;
  const TicketRow *rb = b;

  if (self->sort != LT_TICKET_LIST_SORT_DEFAULT)
    {
      int cmp = compare_sort_keys (self, ra, rb);

      if (cmp != 0)
        return self->descending ? -cmp : cmp;
    }

  if (ra->local != rb->local)
    return ra->local ? -1 : 1;
  if (ra->time != rb->time)
    return ra->time > rb->time ? -1 : 1;
  return (ra->pk > rb->pk) - (ra->pk < rb->pk);
}

static gboolean
lt_ticket_list_row_has_key (LtStoreList   *list,
                            gconstpointer  row,
                            const char    *key)
{
  return ((const TicketRow *) row)->pk == g_ascii_strtoll (key, NULL, 10);
}

/* A tight scan on the pk: a deleted ticket is looked for this way, and
 * drafts, the usual ones, are at the top. */
static gssize
lt_ticket_list_find_row (LtStoreList *list,
                         const char  *key)
{
  GArray *rows = lt_store_list_get_rows (list);
  gint64 pk = g_ascii_strtoll (key, NULL, 10);

  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, TicketRow, i).pk == pk)
      return i;
  return -1;
}

/* The weak cache ---------------------------------------------------------- */

static void
ticket_finalized_cb (gpointer  data,
                     GObject  *where_the_object_was)
{
  CacheEntry *entry = data;

  g_hash_table_remove (entry->list->cache, &entry->pk);
  g_free (entry);
}

static void
drop_cached (LtTicketList *self,
             gint64        pk)
{
  CacheEntry *entry;

  if (self->cache == NULL)
    return;
  entry = g_hash_table_lookup (self->cache, &pk);
  if (entry == NULL)
    return;

  g_object_weak_unref (G_OBJECT (entry->ticket), ticket_finalized_cb, entry);
  g_hash_table_remove (self->cache, &pk);
  g_free (entry);
}

static LtTicket *
lookup_cached (LtTicketList *self,
               gint64        pk)
{
  CacheEntry *entry = g_hash_table_lookup (self->cache, &pk);

  return entry != NULL ? entry->ticket : NULL;
}

/* NULL when it cannot be prepared; the load then reports why. */
static sqlite3_stmt *
ticket_statement (LtTicketList *self)
{
  if (self->by_pk == NULL)
    self->by_pk = lt_store_prepare (lt_store_list_get_store (LT_STORE_LIST (self)),
                                    LT_TICKET_SQL_BY_PK, NULL);
  return self->by_pk;
}

/* What the row itself knows, when the full row cannot be read (another
 * process deleted it a moment ago, or the disk failed). */
static LtTicket *
ticket_from_row (const TicketRow *row)
{
  LtTicket *ticket = lt_ticket_new ();

  lt_ticket_set_id (ticket, row->id);
  lt_ticket_set_title (ticket, row->title);
  lt_ticket_set_state (ticket, row->state);
  lt_ticket_set_severity (ticket, row->severity);
  if (!row->local)
    {
      g_autoptr(GDateTime) opened_at = lt_store_instant_from_usec (row->time);

      lt_ticket_set_opened_at (ticket, opened_at);
    }
  return ticket;
}

static gpointer
lt_ticket_list_dup_item (LtStoreList *list,
                         gpointer     data)
{
  LtTicketList *self = LT_TICKET_LIST (list);
  TicketRow *row = data;
  g_autoptr(GError) error = NULL;
  LtTicket *ticket = lookup_cached (self, row->pk);
  CacheEntry *entry;

  if (ticket != NULL)
    return g_object_ref (ticket);

  self->n_reads++;
  ticket = lt_store_load_ticket_by_pk (lt_store_list_get_store (list), ticket_statement (self),
                                       row->pk, &error);
  if (ticket == NULL)
    {
      if (error != NULL)
        g_warning ("Could not read ticket %" G_GINT64_FORMAT ": %s", row->pk, error->message);
      ticket = ticket_from_row (row);
    }

  entry = g_new0 (CacheEntry, 1);
  entry->list = self;
  entry->pk = row->pk;
  entry->ticket = ticket;
  g_object_weak_ref (G_OBJECT (ticket), ticket_finalized_cb, entry);
  g_hash_table_insert (self->cache, &entry->pk, entry);
  return ticket;
}

static gboolean
rows_differ (const TicketRow *a,
             const TicketRow *b)
{
  return a->time != b->time || a->local != b->local || a->state != b->state ||
         a->severity != b->severity || a->first_response != b->first_response ||
         a->response_due != b->response_due || a->since != b->since || g_strcmp0 (a->id, b->id) != 0 ||
         g_strcmp0 (a->title, b->title) != 0;
}

/* The row was written: a ticket someone holds takes the new values, so
 * that it notifies exactly the properties that changed. */
static gboolean
lt_ticket_list_replace_row (LtStoreList *list,
                            gpointer     old_row,
                            gpointer     new_row)
{
  LtTicketList *self = LT_TICKET_LIST (list);
  TicketRow *row = new_row;
  gboolean changed = rows_differ (old_row, new_row);
  LtTicket *live = lookup_cached (self, row->pk);

  if (live != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtTicket) fresh = lt_store_load_ticket_by_pk (lt_store_list_get_store (list),
                                                              ticket_statement (self),
                                                              row->pk, &error);

      if (fresh != NULL)
        changed |= lt_store_list_copy_properties (G_OBJECT (live), G_OBJECT (fresh)) > 0;
      else if (error != NULL)
        g_warning ("Could not read ticket %" G_GINT64_FORMAT ": %s", row->pk, error->message);
    }
  return changed;
}

static void
lt_ticket_list_clear_row (LtStoreList *list,
                          gpointer     data,
                          gboolean     gone)
{
  LtTicketList *self = LT_TICKET_LIST (list);
  TicketRow *row = data;

  self->wasted_bytes += strlen (row->title) + 1;
  if (row->id != NULL)
    self->wasted_bytes += strlen (row->id) + 1;
  if (gone)
    drop_cached (self, row->pk);
}

/* Rebuilds the string chunk once replaced rows have left more waste than
 * live text behind (a long session of syncs). */
static void
lt_ticket_list_changes_done (LtStoreList *list)
{
  LtTicketList *self = LT_TICKET_LIST (list);
  GArray *rows = lt_store_list_get_rows (list);
  GStringChunk *old;

  /* A list that grew (a first sync, a reload after an import) counts its
   * pairs again, and every row takes the new table's bits. */
  if (pair_table_due (self->pair_table_rows, rows->len))
    {
      set_pair_table (self, rows, NULL);
      rows_pairs_from (self->pair_table, rows, 0);
    }

  if (self->wasted_bytes < COMPACT_MIN_WASTE ||
      self->wasted_bytes * 2 < self->stored_bytes)
    return;

  old = self->strings;
  self->strings = g_string_chunk_new (64 * 1024);
  self->stored_bytes = 0;
  self->wasted_bytes = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      TicketRow *row = &g_array_index (rows, TicketRow, i);

      row->title = store_string (self, row->title, strlen (row->title));
      if (row->id != NULL)
        row->id = store_string (self, row->id, strlen (row->id));
    }
  g_string_chunk_free (old);
}

/* Filters ----------------------------------------------------------------- */

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether @haystack holds @needle (lower-case ASCII, @n bytes) ignoring
 * ASCII case, in one pass without a call per byte: 1 or 0, or -1 when a
 * byte beyond ASCII comes first. Then only Unicode case folding can tell
 * (a KELVIN SIGN folds to "k"); a match found before that byte is one in
 * the folded text as well, since folding keeps ASCII runs whole.
 * @ascii_only: the text is known to be ASCII (its row's characters say
 * so), so the first byte of the needle is looked for with strpbrk(),
 * which glibc runs 16 bytes a step. */
static int
find_ascii_folded (const char *haystack,
                   const char *needle,
                   gsize       n,
                   gboolean    ascii_only)
{
  const guchar first = (guchar) needle[0];
  const guchar upper = (guint) (first - 'a') < 26 ? first - 0x20 : first;
  const char either_case[] = { (char) first, (char) upper, '\0' };

  for (const guchar *p = (const guchar *) haystack;; p++)
    {
      gsize i;

      if (ascii_only)
        {
          p = (const guchar *) strpbrk ((const char *) p, either_case);
          if (p == NULL)
            return 0;
        }
      else if (*p == '\0')
        return 0;
      else if (*p >= 0x80)
        return -1;
      else if (fold_ascii (*p) != first)
        continue;

      for (i = 1; i < n; i++)
        {
          guchar c = p[i];

          /* The end of the text and any byte beyond ASCII mismatch; the
           * outer loop then meets the latter. */
          if (c == '\0' || c >= 0x80 || fold_ascii (c) != (guchar) needle[i])
            break;
        }
      if (i == n)
        return 1;
    }
}

static gboolean
contains_folded (LtTicketList *self,
                 const char   *haystack,
                 gboolean      ascii_only)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  /* The common case needs no allocation: ASCII text and an ASCII search
   * fold alike with fold_ascii(). */
  if (self->search_ascii)
    {
      int found = find_ascii_folded (haystack, self->search_folded, self->search_length, ascii_only);

      if (found >= 0)
        return found == 1;
    }

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, self->search_folded) != NULL;
}

/* The search on one row: its characters and pairs first, which settle
 * most rows (every one, for a search of one letter or of a frequent
 * pair) without reading any text. */
static gboolean
search_matches (LtTicketList    *self,
                const TicketRow *row)
{
  gboolean ascii_only = row->chars != ALL_CHARS;

  if ((row->chars & self->search_chars) != self->search_chars ||
      (row->pairs[0] & self->search_pairs[0]) != self->search_pairs[0] ||
      (row->pairs[1] & self->search_pairs[1]) != self->search_pairs[1])
    return FALSE;
  if (self->search_by_bits && ascii_only)
    return TRUE;
  self->n_texts_searched++;
  /* The title first: it holds nearly every match, and the id is then
   * not read. */
  return contains_folded (self, row->title, ascii_only) || contains_folded (self, row->id, ascii_only);
}

/* lt_lifecycle_closes_soon() on the compact rows: the limit is core's
 * (lt_lifecycle_closing_soon_limit()), computed once per "now". */
static gboolean
row_closes_soon (LtTicketList    *self,
                 const TicketRow *row,
                 gint64           now_usec,
                 gint64           limit)
{
  gint64 due;

  if (limit == NO_TIME || !lt_lifecycle_state_needs_customer (row->state))
    return FALSE;
  due = auto_close_key (self, row);
  return due != NO_DUE && due > now_usec && due <= limit;
}

/* lt_lifecycle_needs_customer(), likewise. */
static gboolean
work_matches (LtTicketList    *self,
              const TicketRow *row,
              gint64           now_usec,
              gint64           limit)
{
  if (self->work == LT_TICKET_LIST_WORK_RESPONSE_TIME)
    {
      gint64 urgency = sla_key (self, row);

      return urgency == sla_urgency (LT_SLA_STATE_BREACHED) || urgency == sla_urgency (LT_SLA_STATE_AT_RISK);
    }
  if (self->work == LT_TICKET_LIST_WORK_NEEDS_YOU && lt_lifecycle_state_needs_customer (row->state))
    return TRUE;
  return row_closes_soon (self, row, now_usec, limit);
}

static gboolean
lt_ticket_list_row_matches (LtStoreList   *list,
                            gconstpointer  data)
{
  /* Not LT_TICKET_LIST (): a search calls this for every row. */
  LtTicketList *self = (LtTicketList *) list;
  const TicketRow *row = data;

  if (self->state_filter != 0 && (self->state_filter & LT_TICKET_LIST_STATE_BIT (row->state)) == 0)
    return FALSE;
  if (self->severity_filter != 0 &&
      (self->severity_filter & LT_TICKET_LIST_SEVERITY_BIT (row->severity)) == 0)
    return FALSE;
  if (self->search_folded != NULL && !search_matches (self, row))
    return FALSE;
  if (self->work != LT_TICKET_LIST_WORK_ALL && !work_matches (self, row, self->now_usec, self->closing_limit))
    return FALSE;
  return TRUE;
}

static void
lt_ticket_list_prefetch_row (LtStoreList   *list,
                             gconstpointer  data)
{
  const TicketRow *row = data;

  /* Its title, which a search reads first (search_matches()). */
  __builtin_prefetch (row->title);
}

static void
update_filter (LtTicketList *self)
{
  lt_store_list_set_filtering (LT_STORE_LIST (self),
                               self->state_filter != 0 || self->severity_filter != 0 ||
                               self->search_folded != NULL || self->work != LT_TICKET_LIST_WORK_ALL);
  lt_store_list_refilter (LT_STORE_LIST (self));
}

/**
 * lt_ticket_list_set_state_filter:
 * @self: the list
 * @states: LT_TICKET_LIST_STATE_BIT()s of the states to show; 0 for all
 */
void
lt_ticket_list_set_state_filter (LtTicketList *self,
                                 guint         states)
{
  g_return_if_fail (LT_IS_TICKET_LIST (self));

  if (self->state_filter == states)
    return;
  self->state_filter = states;
  update_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_FILTER]);
}

/**
 * lt_ticket_list_set_severity_filter:
 * @self: the list
 * @severities: LT_TICKET_LIST_SEVERITY_BIT()s of the severities to show;
 *   0 for all
 */
void
lt_ticket_list_set_severity_filter (LtTicketList *self,
                                    guint         severities)
{
  g_return_if_fail (LT_IS_TICKET_LIST (self));

  if (self->severity_filter == severities)
    return;
  self->severity_filter = severities;
  update_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEVERITY_FILTER]);
}

const char *
lt_ticket_list_get_search_text (LtTicketList *self)
{
  g_return_val_if_fail (LT_IS_TICKET_LIST (self), NULL);

  return self->search_text;
}

/**
 * lt_ticket_list_set_search_text:
 * @self: the list
 * @text: (nullable): text to find in the id or title, ignoring case;
 *   %NULL or blank shows every ticket
 */
void
lt_ticket_list_set_search_text (LtTicketList *self,
                                const char   *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  gboolean narrowed;

  g_return_if_fail (LT_IS_TICKET_LIST (self));

  if (text != NULL)
    {
      stripped = g_strstrip (g_strdup (text));
      if (stripped[0] == '\0')
        g_clear_pointer (&stripped, g_free);
    }
  if (g_strcmp0 (self->search_text, stripped) == 0)
    return;

  folded = stripped != NULL ? g_utf8_casefold (stripped, -1) : NULL;
  /* Typing one more character only narrows: what does not hold the old
   * text cannot hold the new one, so only the rows shown are searched
   * again. */
  narrowed = folded != NULL && (self->search_folded == NULL || strstr (folded, self->search_folded) != NULL);

  g_free (self->search_text);
  g_free (self->search_folded);
  self->search_text = g_steal_pointer (&stripped);
  self->search_folded = g_steal_pointer (&folded);
  self->search_length = self->search_folded != NULL ? strlen (self->search_folded) : 0;
  self->search_ascii = self->search_folded != NULL && is_ascii (self->search_folded);
  self->search_chars = self->search_folded != NULL ? needed_chars (self->search_folded) : 0;
  needed_pairs (self->pair_table, self->search_pairs, self->search_folded);
  self->search_by_bits = search_by_bits (self);
  if (narrowed)
    {
      lt_store_list_set_filtering (LT_STORE_LIST (self), TRUE);
      lt_store_list_refilter_narrowed (LT_STORE_LIST (self));
    }
  else
    update_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_TEXT]);
}

/* Sorting ----------------------------------------------------------------- */

/**
 * lt_ticket_list_get_sort:
 * @self: the list
 * @descending: (out) (optional): whether the column's order is reversed
 *
 * Returns: the sort column
 */
LtTicketListSort
lt_ticket_list_get_sort (LtTicketList *self,
                         gboolean     *descending)
{
  g_return_val_if_fail (LT_IS_TICKET_LIST (self), LT_TICKET_LIST_SORT_DEFAULT);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

/**
 * lt_ticket_list_set_sort:
 * @self: the list
 * @sort: the sort column
 * @descending: whether to reverse the column's order (ties keep the
 *   list's own order either way)
 *
 * Sorts the compact rows: no ticket is read. The new order is one
 * ::items-changed over the positions that changed.
 */
void
lt_ticket_list_set_sort (LtTicketList     *self,
                         LtTicketListSort  sort,
                         gboolean          descending)
{
  g_return_if_fail (LT_IS_TICKET_LIST (self));
  g_return_if_fail (sort <= LT_TICKET_LIST_SORT_DEADLINE);

  descending = sort != LT_TICKET_LIST_SORT_DEFAULT && descending;
  if (self->sort == sort && self->descending == descending)
    return;

  /* The computed keys the rows hold belong to the column in force. */
  if (self->sort != sort && sort_has_computed_keys (sort))
    {
      self->sort = sort;
      update_keys (self, FALSE);
    }
  self->sort = sort;
  self->descending = descending;
  lt_store_list_resort (LT_STORE_LIST (self));
}

/**
 * lt_ticket_list_set_sla_terms:
 * @self: the list
 * @policy: (nullable): the policy in force; %NULL while the customer's
 *   tier is unknown
 * @tier: the customer's tier
 *
 * What the response due and SLA sort columns are judged by, as the
 * Tickets page judges its cells: with a policy, the response due is the
 * portal's or R4's and the SLA state is core's; without one, only the
 * portal's response due counts and no ticket has an SLA state.
 */
void
lt_ticket_list_set_sla_terms (LtTicketList *self,
                              LtPolicy     *policy,
                              LtTier        tier)
{
  g_return_if_fail (LT_IS_TICKET_LIST (self));
  g_return_if_fail (policy == NULL || LT_IS_POLICY (policy));

  if (self->policy == policy && (policy == NULL || self->tier == tier))
    return;

  g_set_object (&self->policy, policy);
  self->tier = tier;
  if (sort_has_computed_keys (self->sort) && update_keys (self, FALSE))
    lt_store_list_resort (LT_STORE_LIST (self));
  if (self->work == LT_TICKET_LIST_WORK_RESPONSE_TIME)
    lt_store_list_refilter (LT_STORE_LIST (self));
}

/* "Soon" moves with the clock and the policy; a work list shows what it
 * lets through then (@refilter: only when a row came in or went out). */
static void
update_closing_limit (LtTicketList *self,
                      gboolean      refilter)
{
  gint64 old_now = self->now_usec;
  gint64 old_limit = self->closing_limit;
  g_autoptr(GDateTime) limit = NULL;
  GArray *rows;

  self->now_usec = self->now != NULL ? lt_store_instant_to_usec (self->now) : NO_TIME;
  if (self->lifecycle_policy != NULL && self->now != NULL)
    limit = lt_lifecycle_closing_soon_limit (lt_policy_get_calendar (self->lifecycle_policy), self->now,
                                             LT_LIFECYCLE_CLOSING_SOON_BUSINESS_DAYS);
  self->closing_limit = limit != NULL ? lt_store_instant_to_usec (limit) : NO_TIME;

  if (!refilter || self->work == LT_TICKET_LIST_WORK_ALL)
    return;
  /* The SLA state is judged at the list's "now", already the new one:
   * any tick may move a ticket into or out of that list. */
  if (self->work == LT_TICKET_LIST_WORK_RESPONSE_TIME)
    {
      lt_store_list_refilter (LT_STORE_LIST (self));
      return;
    }

  rows = lt_store_list_get_rows (LT_STORE_LIST (self));
  for (guint i = 0; i < rows->len; i++)
    {
      const TicketRow *row = &g_array_index (rows, TicketRow, i);

      if (work_matches (self, row, old_now, old_limit) !=
          work_matches (self, row, self->now_usec, self->closing_limit))
        {
          lt_store_list_refilter (LT_STORE_LIST (self));
          return;
        }
    }
}

/**
 * lt_ticket_list_set_lifecycle_policy:
 * @self: the list
 * @policy: (nullable): the policy in force
 *
 * The calendar and business days of the deadline column and the work
 * lists (auto-close, reopen window); they need no tier.
 */
void
lt_ticket_list_set_lifecycle_policy (LtTicketList *self,
                                     LtPolicy     *policy)
{
  g_return_if_fail (LT_IS_TICKET_LIST (self));
  g_return_if_fail (policy == NULL || LT_IS_POLICY (policy));

  if (!g_set_object (&self->lifecycle_policy, policy))
    return;

  update_closing_limit (self, FALSE);
  if (self->work != LT_TICKET_LIST_WORK_ALL)
    lt_store_list_refilter (LT_STORE_LIST (self));
  if (self->sort == LT_TICKET_LIST_SORT_DEADLINE && update_keys (self, FALSE))
    lt_store_list_resort (LT_STORE_LIST (self));
}

/**
 * lt_ticket_list_set_work_filter:
 * @self: the list
 * @work: the work list to show, on top of the other filters
 *
 * Judged at the list's "now" with the lifecycle policy; without either,
 * "needs you" is the states that wait for the customer and nothing
 * "closes soon".
 */
void
lt_ticket_list_set_work_filter (LtTicketList     *self,
                                LtTicketListWork  work)
{
  g_return_if_fail (LT_IS_TICKET_LIST (self));
  g_return_if_fail (work <= LT_TICKET_LIST_WORK_RESPONSE_TIME);

  if (self->work == work)
    return;
  self->work = work;
  update_filter (self);
}

/**
 * lt_ticket_list_count_work:
 * @self: the list
 * @needs_you: (out) (optional): tickets that need the customer
 * @closing_soon: (out) (optional): tickets that close on their own soon
 *
 * Counts the whole list, whatever its filters, at its "now" and with its
 * lifecycle policy, by the rules of the work lists.
 */
void
lt_ticket_list_count_work (LtTicketList *self,
                           guint        *needs_you,
                           guint        *closing_soon)
{
  GArray *rows;
  guint n_needs = 0, n_soon = 0;

  g_return_if_fail (LT_IS_TICKET_LIST (self));

  rows = lt_store_list_get_rows (LT_STORE_LIST (self));
  for (guint i = 0; i < rows->len; i++)
    {
      const TicketRow *row = &g_array_index (rows, TicketRow, i);
      gboolean soon = row_closes_soon (self, row, self->now_usec, self->closing_limit);

      n_soon += soon;
      n_needs += soon || lt_lifecycle_state_needs_customer (row->state);
    }
  if (needs_you != NULL)
    *needs_you = n_needs;
  if (closing_soon != NULL)
    *closing_soon = n_soon;
}

/**
 * lt_ticket_list_set_now:
 * @self: the list
 * @now: the current instant
 *
 * The instant SLA states are judged at. While the list is sorted by SLA
 * state, the tickets whose state changed move to their new place (one
 * ::items-changed, none when nothing moved). Only tickets that time can
 * still change are judged again as the clock moves on: answered ones
 * (met, missed) and breached ones stay so.
 */
void
lt_ticket_list_set_now (LtTicketList *self,
                        GDateTime    *now)
{
  gboolean forward;

  g_return_if_fail (LT_IS_TICKET_LIST (self));
  g_return_if_fail (now != NULL);

  if (self->now != NULL && g_date_time_equal (self->now, now))
    return;

  forward = self->now != NULL && g_date_time_compare (now, self->now) > 0;
  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = g_date_time_ref (now);
  update_closing_limit (self, TRUE);

  if (self->sort == LT_TICKET_LIST_SORT_SLA && update_keys (self, forward))
    lt_store_list_resort (LT_STORE_LIST (self));
}

/* The open tickets at a glance ------------------------------------------- */

typedef struct
{
  gint64     due;     /* usec */
  TicketRow *row;
} Urgent;

/* Keeps the @limit rows of smallest due (ties: list order) in @top. */
static void
keep_most_urgent (GArray    *top,
                  guint      limit,
                  TicketRow *row,
                  gint64     due)
{
  Urgent urgent = { due, row };
  guint at = top->len;

  while (at > 0 && g_array_index (top, Urgent, at - 1).due > due)
    at--;
  if (at >= limit)
    return;
  g_array_insert_val (top, at, urgent);
  if (top->len > limit)
    g_array_set_size (top, limit);
}

static GPtrArray *
dup_tickets (LtTicketList *self,
             GArray       *top)
{
  GPtrArray *tickets = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < top->len; i++)
    g_ptr_array_add (tickets, lt_ticket_list_dup_item (LT_STORE_LIST (self),
                                                       g_array_index (top, Urgent, i).row));
  return tickets;
}

/**
 * lt_ticket_list_summarize_open:
 * @self: the list
 * @policy: (nullable): the policy in force; %NULL while the tier is
 *   unknown (then no SLA state is judged)
 * @tier: the customer's tier
 * @now: the instant the SLA states are judged at
 * @limit: how many tickets to return of each kind
 * @summary: (out caller-allocates): where to put what was found; clear it
 *   with lt_ticket_summary_clear()
 *
 * Counts the open tickets (lt_lifecycle_state_is_open()) of the whole
 * list, whatever its filters, and their first-response SLA states by the
 * core rule the Tickets page shows (lt_sla_compute_state_for_policy()),
 * on the compact rows: only the tickets returned are read from the store.
 * The breached ones come longest overdue first, those at risk soonest due
 * first.
 */
void
lt_ticket_list_summarize_open (LtTicketList    *self,
                               LtPolicy        *policy,
                               LtTier           tier,
                               GDateTime       *now,
                               guint            limit,
                               LtTicketSummary *summary)
{
  GArray *rows;
  g_autoptr(GArray) breached = g_array_new (FALSE, FALSE, sizeof (Urgent));
  g_autoptr(GArray) at_risk = g_array_new (FALSE, FALSE, sizeof (Urgent));

  g_return_if_fail (LT_IS_TICKET_LIST (self));
  g_return_if_fail (policy == NULL || LT_IS_POLICY (policy));
  g_return_if_fail (now != NULL);
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  rows = lt_store_list_get_rows (LT_STORE_LIST (self));
  for (guint i = 0; i < rows->len; i++)
    {
      TicketRow *row = &g_array_index (rows, TicketRow, i);
      g_autoptr(GDateTime) opened = NULL;
      g_autoptr(GDateTime) answered = NULL;
      g_autoptr(GDateTime) due = NULL;
      LtSlaState state;

      if (row->local || !lt_lifecycle_state_is_open (row->state))
        continue;
      summary->n_open++;
      if (policy == NULL)
        continue;

      opened = lt_store_instant_from_usec (row->time);
      if (row->first_response != NO_TIME)
        answered = lt_store_instant_from_usec (row->first_response);
      state = lt_sla_compute_state_for_policy (policy, tier, row->severity, opened, answered, now);
      summary->sla_counts[state]++;
      if (state != LT_SLA_STATE_BREACHED && state != LT_SLA_STATE_AT_RISK)
        continue;

      due = lt_sla_response_due_for_policy (policy, tier, row->severity, opened);
      keep_most_urgent (state == LT_SLA_STATE_BREACHED ? breached : at_risk, limit, row,
                        due != NULL ? lt_store_instant_to_usec (due) : NO_DUE);
    }

  summary->breached = dup_tickets (self, breached);
  summary->at_risk = dup_tickets (self, at_risk);
}

/**
 * lt_ticket_summary_clear:
 * @summary: a summary lt_ticket_list_summarize_open() filled
 *
 * Frees what it holds.
 */
void
lt_ticket_summary_clear (LtTicketSummary *summary)
{
  g_clear_pointer (&summary->breached, g_ptr_array_unref);
  g_clear_pointer (&summary->at_risk, g_ptr_array_unref);
}

/* The index of the row of @pk, or -1. */
static gssize
find_pk (LtTicketList *self,
         gint64        pk)
{
  GArray *rows = lt_store_list_get_rows (LT_STORE_LIST (self));

  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, TicketRow, i).pk == pk)
      return i;
  return -1;
}

/**
 * lt_ticket_list_find_ticket:
 * @self: the list
 * @ticket: a ticket this list handed out
 * @position: (out) (optional): its position
 *
 * Where the ticket is now (after a sort, say), found on the compact rows.
 *
 * Returns: %TRUE when @ticket is in the list as filtered now
 */
gboolean
lt_ticket_list_find_ticket (LtTicketList *self,
                            LtTicket     *ticket,
                            guint        *position)
{
  GHashTableIter iter;
  CacheEntry *entry;

  g_return_val_if_fail (LT_IS_TICKET_LIST (self), FALSE);
  g_return_val_if_fail (LT_IS_TICKET (ticket), FALSE);

  /* The cache holds only the tickets someone holds: a few. */
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    if (entry->ticket == ticket)
      {
        gssize index = find_pk (self, entry->pk);

        return index >= 0 &&
               lt_store_list_get_row_position (LT_STORE_LIST (self), (guint) index, position);
      }
  return FALSE;
}

/**
 * lt_ticket_list_find_id:
 * @self: the list
 * @id: a portal id
 * @position: (out) (optional): the position of the ticket with that id
 *
 * Returns: %TRUE when a ticket with @id is in the list as filtered now
 */
gboolean
lt_ticket_list_find_id (LtTicketList *self,
                        const char   *id,
                        guint        *position)
{
  GArray *rows;

  g_return_val_if_fail (LT_IS_TICKET_LIST (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  rows = lt_store_list_get_rows (LT_STORE_LIST (self));
  for (guint i = 0; i < rows->len; i++)
    {
      const TicketRow *row = &g_array_index (rows, TicketRow, i);

      if (row->id != NULL && strcmp (row->id, id) == 0)
        return lt_store_list_get_row_position (LT_STORE_LIST (self), i, position);
    }
  return FALSE;
}

guint64
lt_ticket_list_get_n_reads (LtTicketList *self)
{
  g_return_val_if_fail (LT_IS_TICKET_LIST (self), 0);

  return self->n_reads;
}

guint64
lt_ticket_list_get_n_texts_searched (LtTicketList *self)
{
  g_return_val_if_fail (LT_IS_TICKET_LIST (self), 0);

  return self->n_texts_searched;
}

/* GObject ----------------------------------------------------------------- */

/**
 * lt_ticket_list_new:
 * @store: the store
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): every ticket of @store, following
 *   its changes; %NULL when the tickets could not be read
 */
LtTicketList *
lt_ticket_list_new (LtStore  *store,
                    GError  **error)
{
  return lt_store_list_new_loaded (LT_TYPE_TICKET_LIST, store, error);
}

/* Loading in a worker thread --------------------------------------------- */

typedef struct
{
  LtStore      *reader;     /* used by the worker thread only */
  GStringChunk *strings;
  gsize         stored_bytes;
  GArray       *rows;
  guint8       *pair_table;   /* chosen from rows, when due */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_object (&job->reader);
  g_clear_pointer (&job->strings, g_string_chunk_free);
  g_clear_pointer (&job->rows, g_array_unref);
  g_free (job->pair_table);
  g_free (job);
}

/* The pair table of the rows read (the list is new: none yet) and the
 * rows' pairs, in the worker thread too. */
static void
pair_rows (LoadJob *job)
{
  if (pair_table_due (0, job->rows->len))
    job->pair_table = pair_table_new (job->rows);
  rows_pairs_from (job->pair_table, job->rows, 0);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  GError *error = NULL;

  if (!read_all_rows (job->reader, job->strings, &job->stored_bytes, job->rows, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  pair_rows (job);
  /* The reader's statements and connection go with the thread that used
   * them. */
  g_clear_object (&job->reader);
  g_task_return_boolean (task, TRUE);
}

static void
loaded_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  LtTicketList *self = LT_TICKET_LIST (source_object);
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      GArray *rows = g_steal_pointer (&job->rows);

      /* Nothing used the list's (empty) chunk meanwhile: held changes are
       * applied only now. */
      g_string_chunk_free (self->strings);
      self->strings = g_steal_pointer (&job->strings);
      self->stored_bytes = job->stored_bytes;
      /* Before the held changes, whose rows take its bits. */
      if (job->pair_table != NULL)
        set_pair_table (self, rows, g_steal_pointer (&job->pair_table));
      compute_keys_from (self, rows, 0);
      lt_store_list_take_rows (LT_STORE_LIST (self), rows);
    }
  else
    {
      g_message ("Reading the tickets failed: %s", error->message);
      self->load_error = g_steal_pointer (&error);
      lt_store_list_take_rows (LT_STORE_LIST (self), NULL);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * lt_ticket_list_new_loading:
 * @store: the store
 *
 * A list that reads its rows in a worker thread, on a reader of @store,
 * while the main loop runs on: the window can be painted before 100,000
 * tickets are read. It starts empty with #LtTicketList:loading %TRUE; the
 * rows arrive in one ::items-changed, the changes the store made meanwhile
 * right after, and then :loading turns %FALSE. When the rows cannot be
 * read, the list stays empty and follows the store from then on, and
 * lt_ticket_list_get_load_error() says why.
 *
 * Returns: (transfer full): the list
 */
LtTicketList *
lt_ticket_list_new_loading (LtStore *store)
{
  g_autoptr(LtTicketList) self = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  LoadJob *job;

  g_return_val_if_fail (LT_IS_STORE (store), NULL);

  self = g_object_new (LT_TYPE_TICKET_LIST, "store", store, NULL);
  lt_store_list_hold_changes (LT_STORE_LIST (self));

  job = g_new0 (LoadJob, 1);
  job->strings = g_string_chunk_new (64 * 1024);
  job->rows = g_array_new (FALSE, TRUE, sizeof (TicketRow));
  task = g_task_new (self, NULL, loaded_cb, NULL);
  g_task_set_source_tag (task, lt_ticket_list_new_loading);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);

  job->reader = lt_store_open_reader (store, &error);
  if (job->reader == NULL)
    {
      /* Without a second connection the rows are read here, as
       * lt_ticket_list_new() does; the list still arrives the same way. */
      g_debug ("No reader (%s); reading the tickets on the main thread", error->message);
      g_clear_error (&error);
      if (read_all_rows (store, job->strings, &job->stored_bytes, job->rows, &error))
        {
          pair_rows (job);
          g_task_return_boolean (task, TRUE);
        }
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return g_steal_pointer (&self);
    }

  g_task_run_in_thread (task, load_thread);
  return g_steal_pointer (&self);
}

/**
 * lt_ticket_list_get_loading:
 * @self: the list
 *
 * Returns: whether its rows are still being read
 */
gboolean
lt_ticket_list_get_loading (LtTicketList *self)
{
  g_return_val_if_fail (LT_IS_TICKET_LIST (self), FALSE);

  /* Changes are held exactly while the worker's rows are not in. */
  return lt_store_list_get_holding_changes (LT_STORE_LIST (self));
}

/**
 * lt_ticket_list_get_load_error:
 * @self: the list
 *
 * Returns: (nullable): why a list of lt_ticket_list_new_loading() could
 *   not read its rows
 */
const GError *
lt_ticket_list_get_load_error (LtTicketList *self)
{
  g_return_val_if_fail (LT_IS_TICKET_LIST (self), NULL);

  return self->load_error;
}

static void
lt_ticket_list_dispose (GObject *object)
{
  LtTicketList *self = LT_TICKET_LIST (object);

  /* Tickets handed out outlive the list; they must not call back into it. */
  if (self->cache != NULL)
    {
      GHashTableIter iter;
      CacheEntry *entry;

      g_hash_table_iter_init (&iter, self->cache);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
        {
          g_object_weak_unref (G_OBJECT (entry->ticket), ticket_finalized_cb, entry);
          g_hash_table_iter_remove (&iter);
          g_free (entry);
        }
      g_clear_pointer (&self->cache, g_hash_table_unref);
    }
  g_clear_object (&self->policy);
  g_clear_object (&self->lifecycle_policy);

  G_OBJECT_CLASS (lt_ticket_list_parent_class)->dispose (object);
}

static void
lt_ticket_list_finalize (GObject *object)
{
  LtTicketList *self = LT_TICKET_LIST (object);

  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->pair_table, g_free);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (lt_ticket_list_parent_class)->finalize (object);
}

static void
lt_ticket_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LtTicketList *self = LT_TICKET_LIST (object);

  switch (prop_id)
    {
    case PROP_STATE_FILTER:
      g_value_set_uint (value, self->state_filter);
      break;
    case PROP_SEVERITY_FILTER:
      g_value_set_uint (value, self->severity_filter);
      break;
    case PROP_SEARCH_TEXT:
      g_value_set_string (value, self->search_text);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, lt_ticket_list_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_ticket_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LtTicketList *self = LT_TICKET_LIST (object);

  switch (prop_id)
    {
    case PROP_STATE_FILTER:
      lt_ticket_list_set_state_filter (self, g_value_get_uint (value));
      break;
    case PROP_SEVERITY_FILTER:
      lt_ticket_list_set_severity_filter (self, g_value_get_uint (value));
      break;
    case PROP_SEARCH_TEXT:
      lt_ticket_list_set_search_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fill_nicks (GType        enum_type,
            const char **nicks,
            guint        n_nicks)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);

  for (guint i = 0; i < n_nicks; i++)
    nicks[i] = g_enum_get_value (klass, (int) i)->value_nick;
}

static void
lt_ticket_list_class_init (LtTicketListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LtStoreListClass *list_class = LT_STORE_LIST_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = lt_ticket_list_dispose;
  object_class->finalize = lt_ticket_list_finalize;
  object_class->get_property = lt_ticket_list_get_property;
  object_class->set_property = lt_ticket_list_set_property;

  list_class->row_size = sizeof (TicketRow);
  list_class->item_type = LT_TYPE_TICKET;
  list_class->table = "tickets";
  list_class->load_all = lt_ticket_list_load_all;
  list_class->load_row = lt_ticket_list_load_row;
  list_class->compare = lt_ticket_list_compare;
  list_class->row_has_key = lt_ticket_list_row_has_key;
  list_class->find_row = lt_ticket_list_find_row;
  list_class->dup_item = lt_ticket_list_dup_item;
  list_class->replace_row = lt_ticket_list_replace_row;
  list_class->clear_row = lt_ticket_list_clear_row;
  list_class->row_matches = lt_ticket_list_row_matches;
  list_class->prefetch_row = lt_ticket_list_prefetch_row;
  list_class->changes_done = lt_ticket_list_changes_done;

  properties[PROP_STATE_FILTER] =
    g_param_spec_uint ("state-filter", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SEVERITY_FILTER] =
    g_param_spec_uint ("severity-filter", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_SEARCH_TEXT] =
    g_param_spec_string ("search-text", NULL, NULL, NULL, flags);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  fill_nicks (LT_TYPE_TICKET_STATE, state_nicks, G_N_ELEMENTS (state_nicks));
  fill_nicks (LT_TYPE_SEVERITY, severity_nicks, G_N_ELEMENTS (severity_nicks));
}

static void
lt_ticket_list_init (LtTicketList *self)
{
  self->strings = g_string_chunk_new (64 * 1024);
  self->cache = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->now_usec = NO_TIME;
  self->closing_limit = NO_TIME;
}
