/* lt-devportal-hostile.h: answers a broken or malicious portal would give
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-devportal-private.h"

G_BEGIN_DECLS

/* The `answer` of a fault switch (docs/portal.md, "Hostile answers"). */
typedef enum
{
  LT_HOSTILE_NONE,
  LT_HOSTILE_HTML,              /* 200 with a login page in HTML */
  LT_HOSTILE_HUGE,              /* 200 with 48 MiB of JSON and its Content-Length */
  LT_HOSTILE_ENDLESS,           /* 200, chunked, a body that never ends */
  LT_HOSTILE_DEEP,              /* 200 with arrays nested 100,000 deep */
  LT_HOSTILE_BAD_UTF8,          /* the answer with bytes that are not UTF-8 */
  LT_HOSTILE_REDIRECT,          /* 302 to `location` + the request's path */
  LT_HOSTILE_SILENT,            /* never answers */
  LT_HOSTILE_SLOW_DRIP,         /* the answer, one byte a second */
  LT_HOSTILE_DUPLICATE_MEMBER,  /* the first member of the object again, last */
  LT_HOSTILE_WRONG_ID,          /* "id" (of the object, or of each item) is `location` or LT-000001 */
  LT_HOSTILE_ANCIENT_DATE,      /* every *_at member is 0001-01-01T00:00:00Z */
  LT_HOSTILE_ESCAPES,           /* terminal escapes appended to every text a person reads */
  LT_HOSTILE_ENDLESS_CURSOR,    /* every list page has a new next_cursor */
  LT_HOSTILE_REPEAT_CURSOR,     /* every list page has the cursor it was asked for */
  LT_HOSTILE_PORTAL_CONTACT,    /* the policy's contacts.portal is `location` */
  LT_HOSTILE_OLD_PORTAL,        /* a portal before ?include=events: the parameter ignored, no "events_included" */
  LT_N_HOSTILE
} LtHostileAnswer;

gboolean    lt_hostile_answer_from_nick (const char      *nick,
                                         LtHostileAnswer *answer);
const char *lt_hostile_answer_to_nick   (LtHostileAnswer  answer);
/* "html, huge, …", for error messages. */
char       *lt_hostile_list_nicks       (void);

/* Before the request is handled: drops the cursors the cursor answers
 * made up from @query, and the parameters an old portal does not know. */
void        lt_hostile_prepare_query    (LtHostileAnswer  answer,
                                         GHashTable      *query);

/* Sends the answer the request was going to get (@status with @body, or
 * the serialised @bytes) spoilt as @answer says; @location is the switch's
 * `location`. Returns FALSE for LT_HOSTILE_NONE (nothing was sent). */
gboolean    lt_devportal_hostile_answer (LtDevportal       *self,
                                         SoupServerMessage *msg,
                                         GHashTable        *query,
                                         LtHostileAnswer    answer,
                                         const char        *location,
                                         guint              status,
                                         JsonNode          *body,
                                         GBytes            *bytes,
                                         gboolean           already_paused);

G_END_DECLS
