/* lt-devportal-hostile.c: answers a broken or malicious portal would give
 *
 * A fault switch with `"answer": KIND` (docs/portal.md, "Hostile answers")
 * lets the devportal handle the request as usual and then spoil the
 * answer the way a broken proxy or a hostile portal would: at the HTTP
 * level (an HTML page, a redirect, a body that never ends or drips one
 * byte a second, no answer at all) or inside the JSON (a duplicated
 * member, another ticket's id, a date in year 1, terminal escapes in the
 * text, cursors that never end). The client tests run the real programs
 * against it and check what the product does with each (docs/reliability.md,
 * "Hostile portal and local hazards").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-devportal"

#include "config.h"

#include "lt-devportal-hostile.h"

#include <string.h>

static const char * const answer_nicks[] = {
  [LT_HOSTILE_NONE] = "none",
  [LT_HOSTILE_HTML] = "html",
  [LT_HOSTILE_HUGE] = "huge",
  [LT_HOSTILE_ENDLESS] = "endless",
  [LT_HOSTILE_DEEP] = "deep",
  [LT_HOSTILE_BAD_UTF8] = "bad-utf8",
  [LT_HOSTILE_REDIRECT] = "redirect",
  [LT_HOSTILE_SILENT] = "silent",
  [LT_HOSTILE_SLOW_DRIP] = "slow-drip",
  [LT_HOSTILE_DUPLICATE_MEMBER] = "duplicate-member",
  [LT_HOSTILE_WRONG_ID] = "wrong-id",
  [LT_HOSTILE_ANCIENT_DATE] = "ancient-date",
  [LT_HOSTILE_ESCAPES] = "escapes",
  [LT_HOSTILE_ENDLESS_CURSOR] = "endless-cursor",
  [LT_HOSTILE_REPEAT_CURSOR] = "repeat-cursor",
  [LT_HOSTILE_PORTAL_CONTACT] = "portal-contact",
  [LT_HOSTILE_OLD_PORTAL] = "old-portal",
};

G_STATIC_ASSERT (G_N_ELEMENTS (answer_nicks) == LT_N_HOSTILE);

/* Bigger than any limit of the client (16 MiB by default). */
#define HUGE_BODY_SIZE (48 * 1024 * 1024)
/* Deeper than any JSON reader should follow. */
#define DEEP_NESTING 100000
/* What `escapes` appends to every text a person reads: retitle the
 * terminal, clear it, a CSI in its C1 form, and a fake line. */
#define ESCAPES "\x1b]0;owned\x07\x1b[2J\xc2\x9b" "31m\rLT-000999 resolved: nothing to do"

gboolean
lt_hostile_answer_from_nick (const char      *nick,
                             LtHostileAnswer *answer)
{
  for (guint i = 0; i < LT_N_HOSTILE; i++)
    if (g_strcmp0 (nick, answer_nicks[i]) == 0)
      {
        *answer = i;
        return TRUE;
      }
  return FALSE;
}

const char *
lt_hostile_answer_to_nick (LtHostileAnswer answer)
{
  g_return_val_if_fail (answer < LT_N_HOSTILE, NULL);
  return answer_nicks[answer];
}

char *
lt_hostile_list_nicks (void)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 1; i < LT_N_HOSTILE; i++)
    g_string_append_printf (list, "%s%s", i > 1 ? ", " : "", answer_nicks[i]);
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* ---- Inside the JSON ---------------------------------------------------- */

/* The objects an answer is about: the root object, or each item of a list
 * page. */
static GPtrArray *
answer_objects (JsonNode *root)
{
  GPtrArray *objects = g_ptr_array_new ();
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return objects;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "items") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "items")))
    {
      JsonArray *items = json_object_get_array_member (object, "items");

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonNode *item = json_array_get_element (items, i);

          if (JSON_NODE_HOLDS_OBJECT (item))
            g_ptr_array_add (objects, json_node_get_object (item));
        }
    }
  else
    g_ptr_array_add (objects, object);
  return objects;
}

static void
spoil_object (JsonObject      *object,
              LtHostileAnswer  answer,
              const char      *location)
{
  static const char * const text_members[] = {
    "title", "description", "body", "author", "customer_name", "message", "summary",
    "review_text", NULL
  };
  g_autoptr(GList) members = json_object_get_members (object);

  if (answer == LT_HOSTILE_WRONG_ID && json_object_has_member (object, "id"))
    json_object_set_string_member (object, "id", location != NULL ? location : "LT-000001");

  if (answer == LT_HOSTILE_ANCIENT_DATE)
    for (GList *l = members; l != NULL; l = l->next)
      if (g_str_has_suffix (l->data, "_at") &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (object, l->data)))
        json_object_set_string_member (object, l->data, "0001-01-01T00:00:00Z");

  if (answer == LT_HOSTILE_ESCAPES)
    for (guint i = 0; text_members[i] != NULL; i++)
      {
        JsonNode *member = json_object_get_member (object, text_members[i]);

        if (member != NULL && json_node_get_value_type (member) == G_TYPE_STRING)
          {
            g_autofree char *text = g_strconcat (json_node_get_string (member), ESCAPES, NULL);

            json_object_set_string_member (object, text_members[i], text);
          }
      }
}

/* The request's own cursor, for a portal that answers every page with
 * the cursor it was asked for. */
static const char *
request_cursor (GHashTable *query)
{
  const char *cursor = query != NULL ? g_hash_table_lookup (query, "cursor") : NULL;

  return cursor != NULL ? cursor : "hostile-repeat";
}

static char *
spoil_json (LtDevportal     *self,
            JsonNode        *root,
            GHashTable      *query,
            LtHostileAnswer  answer,
            const char      *location)
{
  g_autoptr(GPtrArray) objects = answer_objects (root);
  JsonObject *object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  g_autofree char *text = NULL;

  if (answer == LT_HOSTILE_WRONG_ID || answer == LT_HOSTILE_ANCIENT_DATE ||
      answer == LT_HOSTILE_ESCAPES)
    for (guint i = 0; i < objects->len; i++)
      spoil_object (g_ptr_array_index (objects, i), answer, location);

  if (answer == LT_HOSTILE_ENDLESS_CURSOR && object != NULL)
    {
      g_autofree char *cursor = g_strdup_printf ("hostile-%" G_GUINT64_FORMAT,
                                                 ++self->hostile_cursors);

      json_object_set_string_member (object, "next_cursor", cursor);
    }

  if (answer == LT_HOSTILE_REPEAT_CURSOR && object != NULL)
    json_object_set_string_member (object, "next_cursor", request_cursor (query));

  /* A portal of the contract before ?include=events sends pages without
   * the member that says whether they carry events. */
  if (answer == LT_HOSTILE_OLD_PORTAL && object != NULL)
    json_object_remove_member (object, "events_included");

  if (answer == LT_HOSTILE_PORTAL_CONTACT && object != NULL &&
      json_object_has_member (object, "contacts") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "contacts")))
    json_object_set_string_member (json_object_get_object_member (object, "contacts"),
                                   "portal", location != NULL ? location : "https://example.invalid");

  text = root != NULL ? json_to_string (root, FALSE) : g_strdup ("{}");

  if (answer == LT_HOSTILE_DUPLICATE_MEMBER && text[0] == '{' && object != NULL &&
      json_object_get_size (object) > 0)
    {
      /* The first member again, last: a reader that lets the last one win
       * takes whatever a hostile portal puts there. */
      g_autoptr(GList) names = json_object_get_members (object);
      const char *name = names->data;
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *value = NULL;
      gsize length = strlen (text);

      json_generator_set_root (generator, json_object_get_member (object, name));
      value = json_generator_to_data (generator, NULL);
      text[length - 1] = '\0';
      return g_strdup_printf ("%s,\"%s\":%s}", text, name, value);
    }

  if (answer == LT_HOSTILE_BAD_UTF8)
    {
      /* A byte no UTF-8 text contains, inside the first string value. */
      const char *quote = strstr (text, "\":\"");

      if (quote != NULL)
        {
          gsize at = (quote - text) + 3;

          return g_strdup_printf ("%.*s\xff\xfe%s", (int) at, text, text + at);
        }
      return g_strdup ("{\"customer_name\":\"\xff\xfe\"}");
    }

  return g_steal_pointer (&text);
}

/* ---- At the HTTP level ---------------------------------------------------- */

typedef struct
{
  LtDevportal       *self;
  SoupServerMessage *msg;
  GIOStream         *stream;
  GBytes            *raw;        /* slow-drip: what is left to send */
  gsize              offset;
  guint              source;
  guint64            chunks;     /* endless: how many were sent */
} Drip;

static void
drip_free (Drip *drip)
{
  if (drip->stream != NULL)
    g_io_stream_close (drip->stream, NULL, NULL);
  g_clear_object (&drip->stream);
  g_clear_object (&drip->msg);
  g_clear_object (&drip->self);
  g_clear_pointer (&drip->raw, g_bytes_unref);
  g_free (drip);
}

static gboolean
write_now (Drip       *drip,
           const void *data,
           gsize       size)
{
  GOutputStream *out = g_io_stream_get_output_stream (drip->stream);
  g_autoptr(GError) error = NULL;

  /* Small writes on a loopback socket: blocking is fine for a test
   * portal, and a client that hung up ends the drip. */
  if (!g_output_stream_write_all (out, data, size, NULL, NULL, &error) ||
      !g_output_stream_flush (out, NULL, &error))
    {
      g_debug ("hostile answer ended: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
drip_cb (gpointer user_data)
{
  Drip *drip = user_data;

  if (drip->raw != NULL)
    {
      gsize size = g_bytes_get_size (drip->raw);
      const guint8 *data = g_bytes_get_data (drip->raw, NULL);

      if (drip->offset >= size || !write_now (drip, data + drip->offset, 1))
        return G_SOURCE_REMOVE;
      drip->offset++;
      return drip->offset < size ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
    }

  {
    /* endless: 64 KiB chunks of a JSON array that never closes. */
    static char chunk[64 * 1024];
    g_autofree char *head = g_strdup_printf ("%zx\r\n", sizeof chunk);

    if (chunk[0] == '\0')
      memset (chunk, '[', sizeof chunk);
    if (!write_now (drip, head, strlen (head)) ||
        !write_now (drip, chunk, sizeof chunk) ||
        !write_now (drip, "\r\n", 2))
      return G_SOURCE_REMOVE;
    /* A client with no size limit would read for ever: stop at 1 GiB. */
    return ++drip->chunks < 16384 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
  }
}

static gboolean
start_drip_cb (gpointer user_data)
{
  Drip *drip = user_data;
  g_autoptr(GString) head = g_string_new ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n");

  drip->stream = soup_server_message_steal_connection (drip->msg);
  g_hash_table_remove (drip->self->paused, drip->msg);
  if (drip->stream == NULL)
    {
      drip_free (drip);
      return G_SOURCE_REMOVE;
    }

  if (drip->raw != NULL)
    g_string_append_printf (head, "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                            g_bytes_get_size (drip->raw));
  else
    g_string_append (head, "Transfer-Encoding: chunked\r\n\r\n");
  if (!write_now (drip, head->str, head->len))
    {
      drip_free (drip);
      return G_SOURCE_REMOVE;
    }
  drip->source = g_timeout_add_full (G_PRIORITY_DEFAULT, drip->raw != NULL ? 1000 : 1,
                                     drip_cb, drip, (GDestroyNotify) drip_free);
  return G_SOURCE_REMOVE;
}

/* Takes the connection over (from an idle callback: stealing it inside
 * the handler would free the message under libsoup's feet) and sends
 * @raw one byte a second, or with @raw NULL a chunked body that never
 * ends. */
static void
start_drip (LtDevportal       *self,
            SoupServerMessage *msg,
            GBytes            *raw,
            gboolean           already_paused)
{
  Drip *drip = g_new0 (Drip, 1);
  guint id;

  drip->self = g_object_ref (self);
  drip->msg = g_object_ref (msg);
  drip->raw = raw != NULL ? g_bytes_ref (raw) : NULL;
  if (!already_paused)
    soup_server_message_pause (msg);
  id = g_idle_add (start_drip_cb, drip);
  g_hash_table_replace (self->paused, g_object_ref (msg), GUINT_TO_POINTER (id));
}

void
lt_hostile_prepare_query (LtHostileAnswer  answer,
                          GHashTable      *query)
{
  const char *cursor;

  /* An old portal ignores a parameter it does not know. */
  if (answer == LT_HOSTILE_OLD_PORTAL && query != NULL)
    g_hash_table_remove (query, "include");
  if (answer != LT_HOSTILE_ENDLESS_CURSOR && answer != LT_HOSTILE_REPEAT_CURSOR)
    return;
  /* The made-up cursors mean nothing to the real handler: it serves the
   * first page again, which the answer then sends on with a cursor. */
  cursor = query != NULL ? g_hash_table_lookup (query, "cursor") : NULL;
  if (cursor != NULL && g_str_has_prefix (cursor, "hostile-"))
    g_hash_table_remove (query, "cursor");
}

gboolean
lt_devportal_hostile_answer (LtDevportal       *self,
                             SoupServerMessage *msg,
                             GHashTable        *query,
                             LtHostileAnswer    answer,
                             const char        *location,
                             guint              status,
                             JsonNode          *body,
                             GBytes            *bytes,
                             gboolean           already_paused)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr(JsonNode) parsed = NULL;
  g_autofree char *text = NULL;

  switch (answer)
    {
    case LT_HOSTILE_NONE:
      return FALSE;

    case LT_HOSTILE_SILENT:
      /* Never answered: the paused message waits until the client gives
       * up (or the portal stops). */
      if (!already_paused)
        soup_server_message_pause (msg);
      g_hash_table_replace (self->paused, g_object_ref (msg), GUINT_TO_POINTER (0));
      return TRUE;

    case LT_HOSTILE_ENDLESS:
      start_drip (self, msg, NULL, already_paused);
      return TRUE;

    case LT_HOSTILE_HTML:
      {
        static const char page[] =
          "<!DOCTYPE html><html><head><title>Sign in</title></head>"
          "<body><form action=\"/login\"><input name=\"user\"></form></body></html>";

        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_STATIC,
                                          page, strlen (page));
        break;
      }

    case LT_HOSTILE_REDIRECT:
      {
        GUri *uri = soup_server_message_get_uri (msg);
        g_autofree char *target = g_strconcat (location != NULL ? location : "https://example.invalid",
                                               g_uri_get_path (uri), NULL);

        soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
        soup_message_headers_replace (headers, "Location", target);
        break;
      }

    case LT_HOSTILE_HUGE:
      {
        char *huge = g_malloc (HUGE_BODY_SIZE);

        memset (huge, ' ', HUGE_BODY_SIZE);
        huge[0] = '[';
        huge[HUGE_BODY_SIZE - 1] = ']';
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                          huge, HUGE_BODY_SIZE);
        break;
      }

    case LT_HOSTILE_DEEP:
      {
        char *deep = g_malloc (2 * DEEP_NESTING);

        memset (deep, '[', DEEP_NESTING);
        memset (deep + DEEP_NESTING, ']', DEEP_NESTING);
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                          deep, 2 * DEEP_NESTING);
        break;
      }

    case LT_HOSTILE_SLOW_DRIP:
    case LT_HOSTILE_BAD_UTF8:
    case LT_HOSTILE_DUPLICATE_MEMBER:
    case LT_HOSTILE_WRONG_ID:
    case LT_HOSTILE_ANCIENT_DATE:
    case LT_HOSTILE_ESCAPES:
    case LT_HOSTILE_ENDLESS_CURSOR:
    case LT_HOSTILE_REPEAT_CURSOR:
    case LT_HOSTILE_PORTAL_CONTACT:
    case LT_HOSTILE_OLD_PORTAL:
    case LT_N_HOSTILE:
    default:
      /* A hostile portal does not honour If-None-Match: the client gets
       * the spoilt policy even when its copy is current. */
      if (answer == LT_HOSTILE_PORTAL_CONTACT && status == SOUP_STATUS_NOT_MODIFIED)
        {
          status = SOUP_STATUS_OK;
          bytes = self->policy_body;
        }
      if (body == NULL && bytes != NULL)
        {
          gsize size = 0;
          const char *data = g_bytes_get_data (bytes, &size);
          g_autofree char *copy = g_strndup (data != NULL ? data : "", size);

          parsed = json_from_string (copy, NULL);
        }
      text = spoil_json (self, body != NULL ? body : parsed, query, answer, location);
      if (answer == LT_HOSTILE_SLOW_DRIP)
        {
          gsize length = strlen (text);
          g_autoptr(GBytes) raw = g_bytes_new_take (g_steal_pointer (&text), length);

          start_drip (self, msg, raw, already_paused);
          return TRUE;
        }
      soup_server_message_set_status (msg, status, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        text, strlen (text));
      break;
    }

  if (already_paused)
    soup_server_message_unpause (msg);
  return TRUE;
}
