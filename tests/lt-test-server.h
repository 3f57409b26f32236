/* lt-test-server.h: a small loopback HTTP(S) server for client tests
 *
 * A SoupServer running on its own thread and GMainContext, so that the
 * client under test can block or iterate its own context freely. Routes
 * answer with a canned response or with a fault (a hang, a cut-off body, a
 * reset connection, a body that never ends), and every request is recorded
 * for the test to inspect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef enum
{
  LT_TEST_FAULT_NONE,
  /* Read the request, then never answer (the client's timeout fires). */
  LT_TEST_FAULT_HANG,
  /* Send the headers with the full Content-Length, half the body, then
   * close the connection. */
  LT_TEST_FAULT_TRUNCATE,
  /* Send a body delimited by closing the connection (no length, no
   * chunking) and close after half of it: the client cannot know. */
  LT_TEST_FAULT_CLOSE_DELIMITED_CUT,
  /* Reset the connection (TCP RST) without answering. */
  LT_TEST_FAULT_RESET,
  /* A chunked 200 response whose body never ends. */
  LT_TEST_FAULT_ENDLESS,
  /* A 200 with the full Content-Length whose body comes one byte per
   * second (a "slow drip"): each read gets a byte well within any I/O
   * timeout, and the whole takes as many seconds as the body has bytes. */
  LT_TEST_FAULT_SLOW_DRIP,
} LtTestFault;

typedef struct
{
  char               *method;
  char               *path;
  char               *query;    /* NULL without one */
  SoupMessageHeaders *headers;
  GBytes             *body;
} LtTestRequest;

void lt_test_request_free (LtTestRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtTestRequest, lt_test_request_free)

typedef struct _LtTestServer LtTestServer;

/* Starts listening on 127.0.0.1 on a free port; with @certificate, it
 * speaks HTTPS. */
LtTestServer  *lt_test_server_new              (GTlsCertificate *certificate);
void           lt_test_server_free             (LtTestServer    *self);
/* "http://127.0.0.1:PORT" or "https://127.0.0.1:PORT", no trailing slash. */
const char    *lt_test_server_get_url          (LtTestServer    *self);

/* Every @method request to @path (query ignored) gets this answer.
 * Extra headers follow as name, value pairs ending in NULL. A later call
 * for the same route replaces the earlier one. */
void           lt_test_server_add_response     (LtTestServer    *self,
                                                const char      *method,
                                                const char      *path,
                                                guint            status,
                                                const char      *content_type,
                                                const char      *body,
                                                ...) G_GNUC_NULL_TERMINATED;
/* The same with a body of @size bytes. */
void           lt_test_server_add_response_bytes (LtTestServer  *self,
                                                  const char    *method,
                                                  const char    *path,
                                                  guint          status,
                                                  const char    *content_type,
                                                  GBytes        *body);
/* Every @method request to @path gets @fault; @body is what TRUNCATE and
 * CLOSE_DELIMITED_CUT send half of, and what SLOW_DRIP sends whole. */
void           lt_test_server_add_fault        (LtTestServer    *self,
                                                const char      *method,
                                                const char      *path,
                                                LtTestFault      fault,
                                                const char      *body);

/* Every GET to @path (query ignored) answers a list page that is never
 * the last: {"items": [@item], "next_cursor": "page-N"}, where "@N@" in
 * @item and N are the page's number from 1 (a fresh cursor every time);
 * with @repeat_cursor the cursor is always "page-1". */
void           lt_test_server_add_endless_pages (LtTestServer   *self,
                                                 const char     *path,
                                                 const char     *item,
                                                 gboolean        repeat_cursor);
/* How many pages that route has answered. */
guint          lt_test_server_get_pages_served  (LtTestServer   *self,
                                                 const char     *path);

guint          lt_test_server_get_request_count (LtTestServer   *self);
/* How many requests carried the header @name (any value): which origin
 * got the token. */
guint          lt_test_server_count_requests_with_header (LtTestServer *self,
                                                          const char   *name);
/* The most recent request, or NULL before the first one. */
LtTestRequest *lt_test_server_dup_last_request (LtTestServer    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtTestServer, lt_test_server_free)

G_END_DECLS
