/* lt-json.c: parsing untrusted JSON, and reading it with JSON paths
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-json"

#include "config.h"

#include "lt-json.h"
#include "lt-json-private.h"
#include "lt-date-util.h"
#include "lt-error.h"
#include "lt-types.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

struct _LtJsonDocument
{
  /* Owned: one of the two. The parser owns json-glib's tree; the root is
   * the tree read_document() built. */
  JsonParser *parser;
  JsonNode   *root;
};

static char *escape_controls (const char *text);

void
lt_json_set_path_error (GError     **error,
                        const char  *path,
                        const char  *format,
                        ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  /* The detail often quotes the document ("“%s” is not a version"); a
   * hostile one must not reach a terminal or a log as control bytes. */
  escaped = escape_controls (detail);
  g_set_error (error, LT_ERROR, LT_ERROR_INVALID_DATA, "%s: %s", path, escaped);
}

/* The UTF-16 unit of the four hex digits at @data[@at], or G_MAXUINT32
 * when they are not four hex digits (json-glib refuses those itself). */
static guint32
read_escape_unit (const char *data,
                  gsize       length,
                  gsize       at)
{
  guint32 unit = 0;

  if (length - at < 4)
    return G_MAXUINT32;
  for (gsize k = at; k < at + 4; k++)
    {
      int digit = g_ascii_xdigit_value (data[k]);

      if (digit < 0)
        return G_MAXUINT32;
      unit = unit << 4 | (guint32) digit;
    }
  return unit;
}

/* "\uXXXX" with the "u" at @data[*@i]: json-glib decodes "\u0000" into a
 * NUL that cuts the string short ("3.3\u00002" would read as "3.3"), and
 * half of a surrogate pair, or a "\u" with fewer than four hex digits,
 * into bytes that are not UTF-8 (found by fuzzing), which every g_utf8
 * function and GTK label then trips on. A whole pair is skipped, so that
 * its second half is not taken for a lone one. */
static gboolean
check_unicode_escape (const char  *data,
                      gsize        length,
                      gsize       *i,
                      GError     **error)
{
  guint32 unit = read_escape_unit (data, length, *i + 1);

  if (unit == G_MAXUINT32)
    {
      lt_json_set_path_error (error, "$",
                              _("not valid JSON: “\\u” at byte %lu is not followed by four hex digits"),
                              (gulong) (*i - 1));
      return FALSE;
    }
  if (unit == 0)
    {
      lt_json_set_path_error (error, "$", _("the document contains a NUL character (\\u0000)"));
      return FALSE;
    }
  if (unit >= 0xD800 && unit <= 0xDBFF &&
      length - *i > 6 && data[*i + 5] == '\\' && data[*i + 6] == 'u')
    {
      guint32 low = read_escape_unit (data, length, *i + 7);

      if (low >= 0xDC00 && low <= 0xDFFF)
        {
          *i += 10;
          return TRUE;
        }
    }
  if (unit >= 0xD800 && unit <= 0xDFFF)
    {
      lt_json_set_path_error (error, "$",
                              _("not valid JSON: “\\u%.4s” at byte %lu is half of a surrogate pair"),
                              data + *i + 1, (gulong) (*i - 1));
      return FALSE;
    }
  return TRUE;
}

/* A byte-level look at the text before json-glib parses it, for what the
 * parser gets wrong rather than refuses: it recurses once per level and
 * overflows the stack a few ten thousand levels deep, it decodes some
 * escapes wrongly (check_unicode_escape()); and it reads the first of several top-level
 * values ("{…} {…}", also "\"x\" {…}") and ignores the rest, so what a
 * reviewer sees at the end of a file could differ from what is loaded.
 * Brackets and escapes inside strings are text. json-glib also reads C
 * comments and single-quoted strings, which are not JSON: a quote inside
 * one would make this scan see a string where json-glib sees none, and
 * the brackets after it would escape the depth limit (the fuzzer's
 * "/ * \" * / [[[[…" crashed json-glib), so both are refused here. */
static gboolean
scan_document (const char  *data,
               gsize        length,
               guint        max_depth,
               gssize      *trailing_at,
               GError     **error)
{
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  gboolean in_scalar = FALSE;   /* in a top-level number or literal */
  gboolean root_closed = FALSE;
  guint depth = 0;

  *trailing_at = -1;
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];
      gboolean space = c == ' ' || c == '\t' || c == '\n' || c == '\r';

      if (root_closed)
        {
          if (space)
            continue;
          *trailing_at = (gssize) i;
          return TRUE;
        }

      if (in_string)
        {
          if (escaped)
            {
              /* json-glib also takes C escapes: "\0" is a NUL and "\101"
               * an "A" (found by fuzzing). */
              if (c == '\0' || strchr ("\"\\/bfnrtu", c) == NULL)
                {
                  if (g_ascii_isgraph (c))
                    lt_json_set_path_error (error, "$",
                                            _("not valid JSON: “\\%c” at byte %lu is not a JSON escape"),
                                            c, (gulong) (i - 1));
                  else
                    lt_json_set_path_error (error, "$",
                                            _("not valid JSON: the backslash at byte %lu escapes nothing JSON knows"),
                                            (gulong) (i - 1));
                  return FALSE;
                }
              if (c == 'u' && !check_unicode_escape (data, length, &i, error))
                return FALSE;
              escaped = FALSE;
            }
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            {
              in_string = FALSE;
              root_closed = depth == 0;
            }
          continue;
        }

      if (c == '/' || c == '\'')
        {
          lt_json_set_path_error (error, "$",
                                  _("not valid JSON: “%c” at byte %lu (comments and single quotes are not JSON)"),
                                  c, (gulong) i);
          return FALSE;
        }

      /* A top-level number or literal ends at white space or where
       * another value begins. */
      if (in_scalar && (space || c == '"' || c == '{' || c == '['))
        {
          root_closed = TRUE;
          if (space)
            continue;
          *trailing_at = (gssize) i;
          return TRUE;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > max_depth)
            {
              lt_json_set_path_error (error, "$",
                                      _("the document is nested more than %u levels deep"),
                                      max_depth);
              return FALSE;
            }
        }
      else if ((c == '}' || c == ']') && depth > 0)
        root_closed = --depth == 0;
      else if (depth == 0 && !space && (guchar) c < 0x80)
        in_scalar = TRUE;
    }

  return TRUE;
}

/* json-glib keeps the last of two members with the same name and emits
 * ::object-member once per member it reads, after storing it. While the
 * object holds fewer members than were emitted for it, the one just
 * emitted repeated a name. Counting instead of keeping every name costs
 * one table entry per object, for the parse only. */
typedef struct
{
  GHashTable *counts;      /* JsonObject * → members emitted so far */
  GHashTable *duplicates;  /* JsonObject * → first repeated name */
} MemberTracker;

static void
object_member_cb (JsonParser *parser,
                  JsonObject *object,
                  const char *member_name,
                  gpointer    user_data)
{
  MemberTracker *tracker = user_data;
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (tracker->counts, object)) + 1;

  g_hash_table_insert (tracker->counts, object, GUINT_TO_POINTER (count));
  if (json_object_get_size (object) < count &&
      !g_hash_table_contains (tracker->duplicates, object))
    g_hash_table_insert (tracker->duplicates, object, g_strdup (member_name));
}

/* ---- The direct reader ----------------------------------------------
 *
 * json-glib's parser goes through a copy of GScanner a character at a
 * time, and the duplicate check above needs a signal emission per member:
 * two thirds of the client's time on a page of tickets (callgrind,
 * tests/bench/performance-notes.md, "Sync pull: the page read directly").
 * Most documents are plain JSON, which read_document() turns into the
 * same immutable tree json-glib builds, checking duplicates as it goes.
 * It takes only what it is sure json-glib reads the same way: anything
 * else (a number with a fraction or an exponent, a leading zero, "-0", a
 * carriage return, a control character in a string, a repeated member
 * name, any error) is left to json-glib, so every refusal and its message
 * stay json-glib's and this file's. scan_document() has already bounded
 * the depth and checked the escapes. */

typedef struct
{
  const char *p;
  const char *end;
  GString    *text;    /* the string being decoded */
} DirectReader;

static void
skip_space (DirectReader *reader)
{
  while (reader->p < reader->end && (*reader->p == ' ' || *reader->p == '\t' || *reader->p == '\n'))
    reader->p++;
}

/* The string at reader->p (its opening quote), decoded into reader->text. */
static gboolean
read_direct_string (DirectReader *reader)
{
  const char *p = reader->p + 1;

  g_string_truncate (reader->text, 0);
  for (;;)
    {
      const char *run = p;
      gunichar c;

      while (p < reader->end && *p != '"' && *p != '\\' && (guchar) *p >= 0x20)
        p++;
      g_string_append_len (reader->text, run, p - run);
      if (p >= reader->end || (guchar) *p < 0x20)
        return FALSE;
      if (*p == '"')
        {
          reader->p = p + 1;
          return TRUE;
        }
      if (reader->end - p < 2)
        return FALSE;
      if (p[1] != 'u')
        {
          static const char escapes[] = "\"\\/bfnrt";
          static const char decoded[] = "\"\\/\b\f\n\r\t";
          const char *escape = p[1] != '\0' ? strchr (escapes, p[1]) : NULL;

          if (escape == NULL)
            return FALSE;
          g_string_append_c (reader->text, decoded[escape - escapes]);
        }
      else
        {
          c = read_escape_unit (p + 2, reader->end - (p + 2), 0);
          if (c == G_MAXUINT32 || c == 0)
            return FALSE;
          p += 4;
          if (c >= 0xD800 && c <= 0xDBFF)
            {
              gunichar low;

              if (reader->end - p < 8 || p[2] != '\\' || p[3] != 'u')
                return FALSE;
              low = read_escape_unit (p + 4, reader->end - (p + 4), 0);
              if (low < 0xDC00 || low > 0xDFFF)
                return FALSE;
              c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
              p += 6;
            }
          else if (c >= 0xDC00 && c <= 0xDFFF)
            return FALSE;
          g_string_append_unichar (reader->text, c);
        }
      p += 2;
    }
}

/* A whole number of at most 18 digits, which no reading can round. */
static gboolean
read_direct_integer (DirectReader *reader,
                     gint64       *out)
{
  const char *p = reader->p;
  gboolean negative = *p == '-';
  gint64 value = 0;
  int digits = 0;

  if (negative)
    p++;
  /* Stops before a 19th digit, which could overflow: such a number is
   * left to json-glib below. */
  while (p < reader->end && g_ascii_isdigit (*p) && digits < 18)
    {
      value = value * 10 + (*p - '0');
      digits++;
      p++;
    }
  if (digits == 0 || (reader->p[negative] == '0' && (digits > 1 || negative)))
    return FALSE;
  if (p < reader->end && (*p == '.' || *p == 'e' || *p == 'E' || g_ascii_isdigit (*p)))
    return FALSE;
  reader->p = p;
  *out = negative ? -value : value;
  return TRUE;
}

static gboolean
read_direct_word (DirectReader *reader,
                  const char   *word,
                  gsize         length)
{
  if ((gsize) (reader->end - reader->p) < length || memcmp (reader->p, word, length) != 0)
    return FALSE;
  reader->p += length;
  return TRUE;
}

static JsonNode *read_direct_value (DirectReader *reader, guint depth);

/* After a member or an element: a comma (*@closed FALSE, another
 * follows) or @close (*@closed TRUE); anything else is not taken. */
static gboolean
read_direct_separator (DirectReader *reader,
                       char          close,
                       gboolean     *closed)
{
  skip_space (reader);
  if (reader->p >= reader->end || (*reader->p != ',' && *reader->p != close))
    return FALSE;
  *closed = *reader->p == close;
  reader->p++;
  skip_space (reader);
  return TRUE;
}

/* Past the opening bracket: whether @close follows at once (read). */
static gboolean
read_direct_empty (DirectReader *reader,
                   char          close)
{
  reader->p++;
  skip_space (reader);
  if (reader->p >= reader->end || *reader->p != close)
    return FALSE;
  reader->p++;
  return TRUE;
}

static JsonNode *
read_direct_object (DirectReader *reader,
                    guint         depth)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();
  gboolean closed;

  json_node_init_object (node, object);
  if (read_direct_empty (reader, '}'))
    return g_steal_pointer (&node);
  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *member;

      if (reader->p >= reader->end || *reader->p != '"' || !read_direct_string (reader))
        return NULL;
      /* json-glib would keep the last; its path says which is repeated. */
      if (json_object_has_member (object, reader->text->str))
        return NULL;
      name = g_strndup (reader->text->str, reader->text->len);
      skip_space (reader);
      if (reader->p >= reader->end || *reader->p != ':')
        return NULL;
      reader->p++;
      skip_space (reader);
      if ((member = read_direct_value (reader, depth + 1)) == NULL)
        return NULL;
      json_node_set_parent (member, node);
      json_object_set_member (object, name, member);
      if (!read_direct_separator (reader, '}', &closed))
        return NULL;
      if (closed)
        return g_steal_pointer (&node);
    }
}

static JsonNode *
read_direct_array (DirectReader *reader,
                   guint         depth)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) node = json_node_alloc ();
  gboolean closed;

  json_node_init_array (node, array);
  if (read_direct_empty (reader, ']'))
    return g_steal_pointer (&node);
  for (;;)
    {
      JsonNode *element = read_direct_value (reader, depth + 1);

      if (element == NULL)
        return NULL;
      json_node_set_parent (element, node);
      json_array_add_element (array, element);
      if (!read_direct_separator (reader, ']', &closed))
        return NULL;
      if (closed)
        return g_steal_pointer (&node);
    }
}

static JsonNode *
read_direct_value (DirectReader *reader,
                   guint         depth)
{
  gint64 number;

  /* scan_document() bounded the depth already; this only keeps the
   * recursion bounded should that ever change. */
  if (reader->p >= reader->end || depth > LT_JSON_MAX_DEPTH * 8)
    return NULL;
  switch (*reader->p)
    {
    case '{':
      return read_direct_object (reader, depth);
    case '[':
      return read_direct_array (reader, depth);
    case '"':
      return read_direct_string (reader)
               ? json_node_init_string (json_node_alloc (), reader->text->str)
               : NULL;
    case 't':
      return read_direct_word (reader, "true", 4) ? json_node_init_boolean (json_node_alloc (), TRUE)
                                                  : NULL;
    case 'f':
      return read_direct_word (reader, "false", 5) ? json_node_init_boolean (json_node_alloc (), FALSE)
                                                   : NULL;
    case 'n':
      return read_direct_word (reader, "null", 4) ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      return read_direct_integer (reader, &number) ? json_node_init_int (json_node_alloc (), number)
                                                   : NULL;
    }
}

/* The tree of @data as json-glib would build it, sealed like an immutable
 * parser's; NULL when the document is not one read_document() takes. */
static JsonNode *
read_document (const char *data,
               gsize       length)
{
  g_autoptr(GString) text = g_string_sized_new (64);
  DirectReader reader = { data, data + length, text };
  g_autoptr(JsonNode) root = NULL;

  skip_space (&reader);
  if (reader.p >= reader.end || (*reader.p != '{' && *reader.p != '['))
    return NULL;
  root = read_direct_value (&reader, 1);
  if (root == NULL)
    return NULL;
  skip_space (&reader);
  if (reader.p != reader.end)
    return NULL;
  json_node_seal (root);
  return g_steal_pointer (&root);
}

/* @message without json-glib's quotations "`…'" (and the space before
 * each). */
static char *
drop_quoted_tokens (const char *message)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = message; *p != '\0'; p++)
    {
      const char *close = *p == '`' ? strchr (p + 1, '\'') : NULL;

      if (close == NULL)
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      p = close;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The path of the first member name repeated in document order, walking
 * the tree from @node at @path; NULL when no object under @node repeats
 * one. Pre-order, so that an object json-glib dropped when its name came
 * again (and whose address the table may still hold) cannot hide the
 * repetition in its parent. The depth is bounded by the parse. */
static char *
find_duplicate (GHashTable *duplicates,
                JsonNode   *node,
                const char *path)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *repeated = g_hash_table_lookup (duplicates, object);
      g_autoptr(GList) members = NULL;

      if (repeated != NULL)
        return lt_json_member_path (path, repeated);

      members = json_object_get_members (object);
      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *member = lt_json_member_path (path, l->data);
          char *found = find_duplicate (duplicates, json_object_get_member (object, l->data),
                                        member);

          if (found != NULL)
            return found;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *element = lt_json_element_path (path, i);
          char *found = find_duplicate (duplicates, json_array_get_element (array, i), element);

          if (found != NULL)
            return found;
        }
    }
  return NULL;
}

/* "<data>:3:7: Parse error: …" -> "line 3, column 7: Parse error: …" */
static char *
describe_parse_error (const char *message)
{
  const char *p = message;
  guint64 line;
  guint64 column;
  char *end;

  if (!g_str_has_prefix (p, "<data>:"))
    return g_strdup (message);
  p += strlen ("<data>:");
  line = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return g_strdup (message);
  p = end + 1;
  column = g_ascii_strtoull (p, &end, 10);
  if (end == p || *end != ':')
    return g_strdup (message);
  p = end + 1;
  while (*p == ' ')
    p++;

  return g_strdup_printf (_("line %u, column %u: %s"),
                          (guint) MIN (line, G_MAXUINT), (guint) MIN (column, G_MAXUINT), p);
}

/**
 * lt_json_document_parse:
 * @data: (array length=length): UTF-8 JSON text
 * @length: the number of bytes of @data
 * @max_depth: the deepest nesting of objects and arrays accepted
 * @error: return location for an %LT_ERROR_INVALID_DATA error whose
 *   message starts with "$: "
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 *   set
 */
LtJsonDocument *
lt_json_document_parse (const char  *data,
                        gsize        length,
                        guint        max_depth,
                        GError     **error)
{
  g_autoptr(LtJsonDocument) self = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GHashTable) duplicates = NULL;
  g_autoptr(GError) local_error = NULL;
  MemberTracker tracker;
  const char *invalid;
  gulong handler;
  gboolean parsed;
  gssize trailing_at;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* json-glib refuses a NULL buffer, which is what empty GBytes hold. */
  if (length == 0)
    {
      lt_json_set_path_error (error, "$", _("the document is empty"));
      return NULL;
    }
  if (length > G_MAXSSIZE)
    {
      lt_json_set_path_error (error, "$", _("the document is too large"));
      return NULL;
    }
  /* Checked here rather than left to json-glib so that the message says
   * where; a NUL byte is not valid here either. */
  if (!g_utf8_validate_len (data, length, &invalid))
    {
      lt_json_set_path_error (error, "$", _("not valid JSON: not UTF-8 text at byte %lu"),
                              (gulong) (invalid - data));
      return NULL;
    }
  if (!scan_document (data, length, max_depth, &trailing_at, error))
    return NULL;

  self = g_new0 (LtJsonDocument, 1);
  if (trailing_at < 0 && (self->root = read_document (data, length)) != NULL)
    return g_steal_pointer (&self);

  self->parser = json_parser_new_immutable ();

  counts = g_hash_table_new (NULL, NULL);
  duplicates = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  tracker.counts = counts;
  tracker.duplicates = duplicates;
  handler = g_signal_connect (self->parser, "object-member", G_CALLBACK (object_member_cb), &tracker);
  /* Only the first value: json-glib would read a second one too, and
   * leak it when it keeps the first; the rest is refused below. */
  parsed = json_parser_load_from_data (self->parser, data,
                                       trailing_at >= 0 ? trailing_at : (gssize) length,
                                       &local_error);
  g_signal_handler_disconnect (self->parser, handler);

  if (!parsed)
    {
      /* json-glib quotes the token it stopped at (“unexpected identifier
       * `root'”). Text that is not JSON is not what was asked for and may
       * be anything (a path named by mistake, a symlink to a password
       * file), so none of it is quoted: the line and column say where. */
      g_autofree char *unquoted = drop_quoted_tokens (local_error->message);
      g_autofree char *valid = g_utf8_make_valid (unquoted, -1);
      g_autofree char *detail = describe_parse_error (valid);

      lt_json_set_path_error (error, "$", _("not valid JSON: %s"), detail);
      return NULL;
    }

  /* Only white space: json-glib succeeds without a root. */
  if (json_parser_get_root (self->parser) == NULL)
    {
      lt_json_set_path_error (error, "$", _("the document is empty"));
      return NULL;
    }

  /* json-glib accepted the text, yet more follows the first value. */
  if (trailing_at >= 0)
    {
      lt_json_set_path_error (error, "$",
                              _("not valid JSON: unexpected text after the end of the document at byte %lu"),
                              (gulong) trailing_at);
      return NULL;
    }

  /* json-glib keeps the last of two equal names: a portal answer saying
   * "tier" twice, or a policy saying "s1" twice, would be read as
   * whichever came last, unnoticed. No document we read may repeat one. */
  if (g_hash_table_size (duplicates) > 0)
    {
      g_autofree char *repeated = find_duplicate (duplicates, json_parser_get_root (self->parser), "$");

      lt_json_set_path_error (error, repeated != NULL ? repeated : "$", _("appears more than once"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * lt_json_document_parse_bytes:
 * @bytes: UTF-8 JSON text
 * @max_depth: the deepest nesting of objects and arrays accepted
 * @error: as lt_json_document_parse()
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 *   set
 */
LtJsonDocument *
lt_json_document_parse_bytes (GBytes  *bytes,
                              guint    max_depth,
                              GError **error)
{
  const char *data;
  gsize length = 0;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return lt_json_document_parse (data, length, max_depth, error);
}

void
lt_json_document_free (LtJsonDocument *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->parser);
  g_clear_pointer (&self->root, json_node_unref);
  g_free (self);
}

/**
 * lt_json_document_get_root:
 * @self: a document
 *
 * Returns: (transfer none): the immutable root node, never %NULL
 */
JsonNode *
lt_json_document_get_root (LtJsonDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->root != NULL ? self->root : json_parser_get_root (self->parser);
}

gboolean
_lt_json_document_read_directly (LtJsonDocument *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->root != NULL;
}

static gboolean
is_plain_name (const char *name)
{
  if (!g_ascii_isalpha (name[0]) && name[0] != '_')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

char *
lt_json_member_path (const char *path,
                     const char *name)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (is_plain_name (name))
    return g_strdup_printf ("%s.%s", path, name);

  /* g_strescape() writes every byte outside printable ASCII as an octal
   * escape, so the path stays one readable line whatever the name holds. */
  escaped = g_strescape (name, NULL);
  return g_strdup_printf ("%s[\"%s\"]", path, escaped);
}

char *
lt_json_element_path (const char *path,
                      guint       index)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_strdup_printf ("%s[%u]", path, index);
}

/* ---- Typed reading ------------------------------------------------------ */

#define MAX_DESCRIBE_CHARS 40

/* Control characters of a value quoted in a message are written as
 * escapes, so that a hostile document cannot draw on the terminal or the
 * log that shows the message. */
static char *
escape_controls (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
lt_json_describe_node (JsonNode *node)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  gboolean is_string;

  g_return_val_if_fail (node != NULL, NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return g_strdup (_("an object"));
    case JSON_NODE_ARRAY:
      return g_strdup (_("an array"));
    case JSON_NODE_NULL:
      return g_strdup ("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  is_string = json_node_get_value_type (node) == G_TYPE_STRING;
  if (is_string)
    text = g_strdup (json_node_get_string (node));
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      /* json-glib prints every digit of the double ("3.2999999999999998"
       * for 3.3); fifteen significant ones give back what was written. */
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      text = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", json_node_get_double (node)));
    }
  else
    text = json_to_string (node, FALSE);
  if (text == NULL)
    text = g_strdup ("");

  if (g_utf8_strlen (text, -1) > MAX_DESCRIBE_CHARS)
    {
      g_autofree char *head = g_utf8_substring (text, 0, MAX_DESCRIBE_CHARS);

      g_free (text);
      text = g_strconcat (head, "…", NULL);
    }
  escaped = escape_controls (text);

  /* The text "60" and the number 60 must not read alike. */
  if (is_string)
    return g_strdup_printf (_("the text “%s”"), escaped);
  return g_strdup_printf ("“%s”", escaped);
}

/* A node is named by the path of its parent and, for a member, its name
 * (NULL for the node at @path itself): the path string is only built for
 * a message, so that reading a good answer allocates no path per field. */
static char *
where_path (const char *path,
            const char *name)
{
  return name != NULL ? lt_json_member_path (path, name) : g_strdup (path);
}

static gboolean set_error_at (GError     **error,
                              const char  *path,
                              const char  *name,
                              const char  *format,
                              ...) G_GNUC_PRINTF (4, 5);

static gboolean
set_error_at (GError     **error,
              const char  *path,
              const char  *name,
              const char  *format,
              ...)
{
  g_autofree char *at = where_path (path, name);
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  lt_json_set_path_error (error, at, "%s", detail);
  return FALSE;
}

/* "<path>: expected <what>, found <node>" */
static gboolean
set_type_error (GError     **error,
                const char  *path,
                const char  *name,
                const char  *expected,
                JsonNode    *node)
{
  g_autofree char *found = lt_json_describe_node (node);

  /* TRANSLATORS: "expected a string, found the text “x”"; the first %s
   * is what was expected, the second what the document holds. */
  return set_error_at (error, path, name, _("expected %s, found %s"), expected, found);
}

static gboolean
holds_type (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
lt_json_get_member (JsonObject  *object,
                    const char  *path,
                    const char  *name,
                    LtJsonNeed   need,
                    JsonNode   **out,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = json_object_get_member (object, name);
  *out = NULL;
  if (node == NULL)
    {
      if (need != LT_JSON_OPTIONAL)
        return set_error_at (error, path, name, _("missing (required)"));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (need == LT_JSON_REQUIRED)
        return set_error_at (error, path, name, _("must not be null"));
      return TRUE;
    }

  *out = node;
  return TRUE;
}

gboolean
lt_json_check_members (JsonObject          *object,
                       const char          *path,
                       const char * const  *known,
                       GError             **error)
{
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (known != NULL, FALSE);

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (known, l->data))
      return set_error_at (error, path, l->data,
                           _("unknown field: the document is a contract and this "
                             "version of LockThreat Support does not know this field"));
  return TRUE;
}

static JsonObject *
get_object_at (JsonNode            *node,
               const char          *path,
               const char          *name,
               const char * const  *known,
               GError             **error)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_type_error (error, path, name, _("an object"), node);
      return NULL;
    }

  object = json_node_get_object (node);
  if (known != NULL)
    {
      g_autofree char *at = where_path (path, name);

      if (!lt_json_check_members (object, at, known, error))
        return NULL;
    }
  return object;
}

JsonObject *
lt_json_node_get_object (JsonNode            *node,
                         const char          *path,
                         const char * const  *known,
                         GError             **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (node == NULL)
    {
      lt_json_set_path_error (error, path, _("the document is empty"));
      return NULL;
    }
  return get_object_at (node, path, NULL, known, error);
}

/* @expected is an untranslated N_() text: it is looked up only when the
 * node is not a string, not for each string a page of tickets holds. */
static gboolean
get_string_at (JsonNode     *node,
               const char   *path,
               const char   *name,
               const char   *expected,
               const char  **out,
               GError      **error)
{
  if (!holds_type (node, G_TYPE_STRING))
    return set_type_error (error, path, name, _(expected), node);
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
lt_json_node_get_string (JsonNode     *node,
                         const char   *path,
                         const char  **out,
                         GError      **error)
{
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return get_string_at (node, path, NULL, N_("a string"), out, error);
}

static gboolean
get_text_at (JsonNode     *node,
             const char   *path,
             const char   *name,
             guint         max_chars,
             const char  **out,
             GError      **error)
{
  const char *text = NULL;
  const char *p;
  glong n_chars;

  if (!get_string_at (node, path, name, N_("a string"), &text, error))
    return FALSE;

  for (p = text; g_ascii_isspace (*p); p++)
    ;
  if (*p == '\0')
    return set_error_at (error, path, name, _("must not be empty"));
  n_chars = g_utf8_strlen (text, -1);
  if (n_chars > (glong) max_chars)
    return set_error_at (error, path, name, _("is too long (%ld characters; at most %u)"),
                         n_chars, max_chars);

  *out = text;
  return TRUE;
}

gboolean
lt_json_node_get_text (JsonNode     *node,
                       const char   *path,
                       guint         max_chars,
                       const char  **out,
                       GError      **error)
{
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return get_text_at (node, path, NULL, max_chars, out, error);
}

/* With @null_allowed the message offers null too. */
static gboolean
get_int_at (JsonNode    *node,
            const char  *path,
            const char  *name,
            gint64       min,
            gint64       max,
            gboolean     null_allowed,
            gint64      *out,
            GError     **error)
{
  if (!holds_type (node, G_TYPE_INT64) ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      /* The bounds are formatted apart: xgettext cannot read a
       * G_GINT64_FORMAT inside a translatable string. */
      g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);
      g_autofree char *expected = null_allowed
        ? g_strdup_printf (_("a whole number from %s to %s or null"), low, high)
        : g_strdup_printf (_("a whole number from %s to %s"), low, high);

      return set_type_error (error, path, name, expected, node);
    }

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
lt_json_node_get_int (JsonNode     *node,
                      const char   *path,
                      gint64        min,
                      gint64        max,
                      gint64       *out,
                      GError      **error)
{
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return get_int_at (node, path, NULL, min, max, FALSE, out, error);
}

static gboolean
get_enum_at (JsonNode    *node,
             const char  *path,
             const char  *name,
             GType        enum_type,
             int         *out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text = NULL;

  if (!get_string_at (node, path, name, N_("a string"), &text, error))
    return FALSE;
  if (!lt_enum_from_nick (enum_type, text, out, &local_error))
    return set_error_at (error, path, name, "%s", local_error->message);
  return TRUE;
}

gboolean
lt_json_node_get_enum (JsonNode     *node,
                       const char   *path,
                       GType         enum_type,
                       int          *out,
                       GError      **error)
{
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return get_enum_at (node, path, NULL, enum_type, out, error);
}

gboolean
lt_json_read_object (JsonObject          *object,
                     const char          *path,
                     const char          *name,
                     LtJsonNeed           need,
                     const char * const  *known,
                     JsonObject         **out,
                     char               **out_path,
                     GError             **error)
{
  JsonNode *node;

  *out = NULL;
  if (!lt_json_get_member (object, path, name, need, &node, error))
    return FALSE;
  if (node != NULL && !(*out = get_object_at (node, path, name, known, error)))
    return FALSE;
  if (out_path != NULL)
    *out_path = lt_json_member_path (path, name);
  return TRUE;
}

gboolean
lt_json_read_array (JsonObject   *object,
                    const char   *path,
                    const char   *name,
                    LtJsonNeed    need,
                    guint         min_length,
                    JsonArray   **out,
                    char        **out_path,
                    GError      **error)
{
  JsonNode *node;

  *out = NULL;
  if (!lt_json_get_member (object, path, name, need, &node, error))
    return FALSE;
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return set_type_error (error, path, name, _("an array"), node);
      if (json_array_get_length (json_node_get_array (node)) < min_length)
        return set_error_at (error, path, name,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "expected at least %u entry",
                                          "expected at least %u entries", min_length),
                             min_length);
      *out = json_node_get_array (node);
    }
  if (out_path != NULL)
    *out_path = lt_json_member_path (path, name);
  return TRUE;
}

gboolean
lt_json_read_string (JsonObject   *object,
                     const char   *path,
                     const char   *name,
                     LtJsonNeed    need,
                     const char  **out,
                     GError      **error)
{
  JsonNode *node;

  *out = NULL;
  if (!lt_json_get_member (object, path, name, need, &node, error))
    return FALSE;
  return node == NULL ||
         get_string_at (node, path, name,
                        need == LT_JSON_REQUIRED ? N_("a string") : N_("a string or null"),
                        out, error);
}

gboolean
lt_json_read_text (JsonObject   *object,
                   const char   *path,
                   const char   *name,
                   guint         max_chars,
                   const char  **out,
                   GError      **error)
{
  JsonNode *node;

  *out = NULL;
  return lt_json_get_member (object, path, name, LT_JSON_REQUIRED, &node, error) &&
         get_text_at (node, path, name, max_chars, out, error);
}

gboolean
lt_json_read_boolean (JsonObject  *object,
                      const char  *path,
                      const char  *name,
                      LtJsonNeed   need,
                      gboolean    *out,
                      GError     **error)
{
  JsonNode *node;

  *out = FALSE;
  if (!lt_json_get_member (object, path, name, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!holds_type (node, G_TYPE_BOOLEAN))
    return set_type_error (error, path, name,
                           need == LT_JSON_REQUIRED ? _("true or false") : _("true, false or null"),
                           node);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
lt_json_read_int (JsonObject  *object,
                  const char  *path,
                  const char  *name,
                  LtJsonNeed   need,
                  gint64       min,
                  gint64       max,
                  gint64      *out,
                  gboolean    *present,
                  GError     **error)
{
  JsonNode *node;

  *out = 0;
  if (present != NULL)
    *present = FALSE;
  if (!lt_json_get_member (object, path, name, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  /* Where null is allowed, the message says so. */
  if (!get_int_at (node, path, name, min, max, need != LT_JSON_REQUIRED, out, error))
    return FALSE;
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

gboolean
lt_json_read_uint (JsonObject  *object,
                   const char  *path,
                   const char  *name,
                   guint        min,
                   guint        max,
                   guint       *out,
                   GError     **error)
{
  gint64 value;

  if (!lt_json_read_int (object, path, name, LT_JSON_REQUIRED, min, max, &value, NULL, error))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

gboolean
lt_json_read_enum (JsonObject  *object,
                   const char  *path,
                   const char  *name,
                   LtJsonNeed   need,
                   GType        enum_type,
                   int          fallback,
                   int         *out,
                   GError     **error)
{
  JsonNode *node;

  *out = fallback;
  if (!lt_json_get_member (object, path, name, need, &node, error))
    return FALSE;
  return node == NULL || get_enum_at (node, path, name, enum_type, out, error);
}

gboolean
lt_json_read_date (JsonObject  *object,
                   const char  *path,
                   const char  *name,
                   LtJsonNeed   need,
                   GDate       *out,
                   gboolean    *present,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;

  g_date_clear (out, 1);
  if (present != NULL)
    *present = FALSE;
  if (!lt_json_read_string (object, path, name, need, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!lt_date_parse (text, out, &local_error))
    return set_error_at (error, path, name, "%s", local_error->message);
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

gboolean
lt_json_read_instant (JsonObject   *object,
                      const char   *path,
                      const char   *name,
                      LtJsonNeed    need,
                      GDateTime   **out,
                      GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;

  *out = NULL;
  if (!lt_json_read_string (object, path, name, need, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *out = lt_instant_parse (text, &local_error);
  if (*out == NULL)
    return set_error_at (error, path, name, "%s", local_error->message);
  return TRUE;
}

gboolean
lt_json_read_strv (JsonObject   *object,
                   const char   *path,
                   const char   *name,
                   LtJsonNeed    need,
                   char       ***out,
                   GError      **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonNode *node;
  JsonArray *array;
  guint n;

  *out = NULL;
  if (!lt_json_get_member (object, path, name, need, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return set_type_error (error, path, name, _("an array of strings"), node);

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n == 0)
    return TRUE;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!holds_type (element, G_TYPE_STRING))
        {
          g_autofree char *at = lt_json_member_path (path, name);
          g_autofree char *element_at = lt_json_element_path (at, i);

          return set_type_error (error, element_at, NULL, _("a string"), element);
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}
