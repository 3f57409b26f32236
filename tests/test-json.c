/* test-json.c: parsing untrusted JSON (lt-json.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-json"

#include "config.h"

#include "lt-enums.h"
#include "lt-json.h"
#include "lt-json-private.h"
#include "lt-test-util.h"

#include <string.h>

/* @text for the test log: one line of printable ASCII, shortened, as
 * the TAP reader wants it. */
static char *
describe_text (const char *text,
               gsize       length)
{
  g_autofree char *head = g_strndup (text != NULL ? text : "", MIN (length, 60));
  g_autofree char *escaped = g_strescape (head, NULL);

  return g_strdup_printf ("%s%s", escaped, length > 60 ? "..." : "");
}

static LtJsonDocument *
parse (const char  *text,
       guint        max_depth,
       GError     **error)
{
  return lt_json_document_parse (text, strlen (text), max_depth, error);
}

static void
assert_parses (const char *text,
               guint       max_depth)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtJsonDocument) document = NULL;
  g_autofree char *described = describe_text (text, strlen (text));

  g_test_message ("parses: %s", described);
  document = parse (text, max_depth, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);
  g_assert_nonnull (lt_json_document_get_root (document));
}

/* Asserts the exact message when @exact, else its prefix. */
static void
assert_refused (const char *text,
                gsize       length,
                guint       max_depth,
                const char *message,
                gboolean    exact)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtJsonDocument) document = NULL;
  g_autofree char *described = describe_text (text, length);

  g_test_message ("refused: %s", described);
  document = lt_json_document_parse (text, length, max_depth, &error);
  g_assert_null (document);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  if (exact)
    g_assert_cmpstr (error->message, ==, message);
  else if (!g_str_has_prefix (error->message, message))
    {
      g_autofree char *failure = g_strdup_printf ("“%s” does not start with “%s”",
                                                  error->message, message);

      g_assertion_message (G_LOG_DOMAIN, __FILE__, __LINE__, G_STRFUNC, failure);
    }
}

/* "[[…1…]]" with @depth levels, alternating arrays and objects. */
static char *
nested (guint depth)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (text, i % 2 == 0 ? "[" : "{\"k\": ");
  g_string_append (text, "1");
  for (guint i = depth; i > 0; i--)
    g_string_append (text, (i - 1) % 2 == 0 ? "]" : "}");
  return g_string_free (text, FALSE);
}

static void
test_depth_limit (void)
{
  const guint limits[] = { 1, 2, 5, LT_JSON_MAX_DEPTH };

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      guint limit = limits[i];
      g_autofree char *at = nested (limit);
      g_autofree char *over = nested (limit + 1);
      g_autofree char *message = g_strdup_printf ("$: the document is nested more than %u levels deep",
                                                  limit);

      assert_parses (at, limit);
      assert_refused (over, strlen (over), limit, message, TRUE);
    }

  /* Depth is nesting, not a count of brackets: siblings do not add up. */
  assert_parses ("[[1], [2], {\"a\": [3]}, [[]]]", 3);
  /* A scalar root has no depth at all. */
  assert_parses ("7", 0);
  assert_refused ("[]", 2, 0, "$: the document is nested more than 0 levels deep", TRUE);
}

static void
test_depth_deep (void)
{
  gsize depth = 100000;
  g_autoptr(GString) text = g_string_sized_new (depth * 2);

  /* Deep enough to overflow json-glib's recursive parser if it got there. */
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, ']');

  assert_refused (text->str, text->len, LT_JSON_MAX_DEPTH,
                  "$: the document is nested more than 32 levels deep", TRUE);
}

static void
test_depth_strings (void)
{
  /* Opening brackets inside strings are text… */
  assert_parses ("{\"a\": \"[[[[{{{{\", \"[[[\": 1}", 1);
  /* …and so are closing ones: were they counted, "]]]]" would lower the
   * depth and let the third level through. */
  assert_refused ("[[\"]]]]\", [[1]]]]", strlen ("[[\"]]]]\", [[1]]]]"), 2,
                  "$: the document is nested more than 2 levels deep", TRUE);
}

static void
test_depth_escaped_quotes (void)
{
  /* \" does not end the string, so the brackets after it are text. */
  assert_parses ("[\"a\\\"[[[[\", 1]", 1);
  /* \\ is a whole escape: the quote after it does end the string, and the
   * brackets after that count. */
  assert_parses ("[\"a\\\\\", [1]]", 2);
  assert_refused ("[\"a\\\\\", [[1]]]", strlen ("[\"a\\\\\", [[1]]]"), 2,
                  "$: the document is nested more than 2 levels deep", TRUE);
}

/* json-glib also reads C comments and single-quoted strings; a double
 * quote inside one hid the brackets after it from the depth check, and
 * json-glib overflowed its stack on them (found by fuzzing). Neither is
 * JSON: both are refused before json-glib sees them. */
static void
test_depth_comments (void)
{
  static const char * const prefixes[] = { "/* \" */ ", "// \"\n", "['\"', " };
  gsize depth = 100000;

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(GString) text = g_string_new (prefixes[i]);
      g_autofree char *message = g_strdup_printf ("$: not valid JSON: “%c” at byte %u "
                                                  "(comments and single quotes are not JSON)",
                                                  prefixes[i][0] == '[' ? '\'' : '/',
                                                  prefixes[i][0] == '[' ? 1u : 0u);

      for (gsize j = 0; j < depth; j++)
        g_string_append_c (text, '[');
      assert_refused (text->str, text->len, LT_JSON_MAX_DEPTH, message, TRUE);
    }

  assert_refused ("{\"a\": 1 /* one */}", strlen ("{\"a\": 1 /* one */}"), LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: “/” at byte 8 (comments and single quotes are not JSON)", TRUE);
  assert_refused ("{'a': 1}", strlen ("{'a': 1}"), LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: “'” at byte 1 (comments and single quotes are not JSON)", TRUE);
  /* Inside strings both are text. */
  assert_parses ("{\"url\": \"https://x.example/a\", \"name\": \"New Year's Day\"}", 1);
}

static void
test_nul_escape (void)
{
  static const char * const refused[] = {
    "{\"version\": \"3.3\\u00002\"}",
    "[\"\\u0000\"]",
    "{\"a\\u0000b\": 1}",
    "[\"ok\", \"\\\\\\u0000\"]",   /* \\ then \u0000: the second is a real escape */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LtJsonDocument) document = NULL;
  JsonNode *root;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_refused (refused[i], strlen (refused[i]), LT_JSON_MAX_DEPTH,
                    "$: the document contains a NUL character (\\u0000)", TRUE);

  /* An escaped backslash followed by "u0000" is the text \u0000, not a NUL. */
  document = parse ("[\"x\\\\u0000y\", \"\\u0001\"]", LT_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  root = lt_json_document_get_root (document);
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (root), 0), ==, "x\\u0000y");
  g_assert_cmpstr (json_array_get_string_element (json_node_get_array (root), 1), ==, "\001");
}

static void
test_utf8 (void)
{
  static const char with_nul_byte[] = "[\"ab\0c\"]";

  assert_refused ("[\"ab\xff\"]", strlen ("[\"ab\xff\"]"), LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: not UTF-8 text at byte 4", TRUE);
  /* A sequence cut short: "é" is C3 A9. */
  assert_refused ("{\"caf\xc3\": 1}", strlen ("{\"caf\xc3\": 1}"), LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: not UTF-8 text at byte 5", TRUE);
  assert_refused (with_nul_byte, sizeof with_nul_byte - 1, LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: not UTF-8 text at byte 4", TRUE);
  assert_parses ("[\"caf\xc3\xa9\"]", 1);
}

/* json-glib turns half of a surrogate pair into bytes that are not UTF-8
 * ("\\udc00x" read as ED B0 80, the "x" lost) and quotes such bytes in
 * its error messages (found by fuzzing). */
static void
test_surrogates (void)
{
  static const struct {
    const char *text;
    const char *message;
  } refused[] = {
    { "[\"\\udc00x\"]", "$: not valid JSON: “\\udc00” at byte 2 is half of a surrogate pair" },
    { "[\"\\ud800\"]", "$: not valid JSON: “\\ud800” at byte 2 is half of a surrogate pair" },
    { "[\"ab\\uD83D \"]", "$: not valid JSON: “\\uD83D” at byte 4 is half of a surrogate pair" },
    /* A high half followed by another high half, or by a non-surrogate. */
    { "[\"\\ud83d\\ud83d\"]", "$: not valid JSON: “\\ud83d” at byte 2 is half of a surrogate pair" },
    { "[\"\\ud83d\\u0041\"]", "$: not valid JSON: “\\ud83d” at byte 2 is half of a surrogate pair" },
    { "{\"\\ude00\": 1}", "$: not valid JSON: “\\ude00” at byte 2 is half of a surrogate pair" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LtJsonDocument) document = NULL;
  JsonArray *array;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_refused (refused[i].text, strlen (refused[i].text), LT_JSON_MAX_DEPTH,
                    refused[i].message, TRUE);

  /* A whole pair is one character; an escaped backslash before "u" is
   * text, not an escape. */
  document = parse ("[\"\\ud83d\\ude00\", \"\\\\ud800\", \"\\u00e9\"]", LT_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  array = json_node_get_array (lt_json_document_get_root (document));
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==, "\\ud800");
  g_assert_cmpstr (json_array_get_string_element (array, 2), ==, "\xc3\xa9");
}

/* json-glib also takes C escapes, "\0" a NUL that cuts the string short
 * like "\u0000", and decodes a "\u" without four hex digits into bytes
 * that are not UTF-8 (found by fuzzing). */
static void
test_escapes (void)
{
  static const struct {
    const char *text;
    const char *message;
  } refused[] = {
    { "[\"3.3\\02\"]", "$: not valid JSON: “\\0” at byte 5 is not a JSON escape" },
    { "[\"\\101\"]", "$: not valid JSON: “\\1” at byte 2 is not a JSON escape" },
    { "[\"\\x41\"]", "$: not valid JSON: “\\x” at byte 2 is not a JSON escape" },
    { "[\"\\'\"]", "$: not valid JSON: “\\'” at byte 2 is not a JSON escape" },
    { "[\"a\\\tb\"]", "$: not valid JSON: the backslash at byte 3 escapes nothing JSON knows" },
    { "[\"\\ud8mi\"]", "$: not valid JSON: “\\u” at byte 2 is not followed by four hex digits" },
    { "[\"\\u12\"]", "$: not valid JSON: “\\u” at byte 2 is not followed by four hex digits" },
    { "[\"\\u00e", "$: not valid JSON: “\\u” at byte 2 is not followed by four hex digits" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LtJsonDocument) document = NULL;
  JsonArray *array;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    assert_refused (refused[i].text, strlen (refused[i].text), LT_JSON_MAX_DEPTH,
                    refused[i].message, TRUE);

  /* Every escape JSON has. */
  document = parse ("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00E9\"]", LT_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  array = json_node_get_array (lt_json_document_get_root (document));
  g_assert_cmpstr (json_array_get_string_element (array, 0), ==, "\"\\/\b\f\n\r\tA\xc3\xa9");
}

/* json-glib reads the first of several top-level values and drops the
 * rest; a second document glued to the first must not pass unseen. */
static void
test_trailing_text (void)
{
  assert_refused ("{\"a\": 1} {\"a\": 2}", 17, LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: unexpected text after the end of the document at byte 9", TRUE);
  assert_refused ("[1][2]", 6, LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: unexpected text after the end of the document at byte 3", TRUE);
  assert_refused ("{} x", 4, LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: unexpected text after the end of the document at byte 3", TRUE);
  /* A first value that is a string, number or literal ends too: json-glib
   * took "\"x\" {…}" for "x" (found by fuzzing). */
  assert_refused ("\"x\" {\"a\": 1}", 12, LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: unexpected text after the end of the document at byte 4", TRUE);
  assert_refused ("1 [2]", 5, LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: unexpected text after the end of the document at byte 2", TRUE);
  assert_refused ("true{}", 6, LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: unexpected text after the end of the document at byte 4", TRUE);
  assert_parses ("-1.5e3 \n", LT_JSON_MAX_DEPTH);
  assert_parses ("\"x\"\n", LT_JSON_MAX_DEPTH);
  assert_parses ("{\"a\": \"} {\"}  \r\n\t ", LT_JSON_MAX_DEPTH);
  assert_parses ("[[1], {\"b\": [2]}]\n", LT_JSON_MAX_DEPTH);
}

static void
test_empty (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtJsonDocument) document = NULL;

  assert_refused ("", 0, LT_JSON_MAX_DEPTH, "$: the document is empty", TRUE);
  assert_refused (NULL, 0, LT_JSON_MAX_DEPTH, "$: the document is empty", TRUE);
  assert_refused (" \n\t\r ", 5, LT_JSON_MAX_DEPTH, "$: the document is empty", TRUE);

  document = lt_json_document_parse_bytes (empty, LT_JSON_MAX_DEPTH, &error);
  g_assert_null (document);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "$: the document is empty");
}

static void
test_parse_error_position (void)
{
  assert_refused ("{\n  \"a\": 1,\n  \"b\": }", strlen ("{\n  \"a\": 1,\n  \"b\": }"),
                  LT_JSON_MAX_DEPTH, "$: not valid JSON: line 3, column 8: ", FALSE);
  assert_refused ("[1,\n 2,,]", strlen ("[1,\n 2,,]"),
                  LT_JSON_MAX_DEPTH, "$: not valid JSON: line 2, column 4: ", FALSE);
  assert_refused ("[1] 2", strlen ("[1] 2"), LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: unexpected text after the end of the document at byte 4", TRUE);
  /* An error inside the first value is json-glib's, with its position,
   * whatever follows. */
  assert_refused ("[1,\n 2,] x", strlen ("[1,\n 2,] x"), LT_JSON_MAX_DEPTH,
                  "$: not valid JSON: line 2, column ", FALSE);
  /* Only @length bytes are read: what follows is not part of the text. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LtJsonDocument) document = lt_json_document_parse ("[1] trailing", 3,
                                                                 LT_JSON_MAX_DEPTH, &error);

    g_assert_no_error (error);
    g_assert_nonnull (document);
  }
}

/* json-glib keeps the last of two equal names; every document we read is
 * refused instead, naming the first repeated member in document order. */
static void
test_duplicate_members (void)
{
  static const struct
  {
    const char *text;
    const char *message;
  } cases[] = {
    { "{\"a\": {\"x\": 1, \"x\": 2}}", "$.a.x: appears more than once" },
    /* The first name repeated, not the first of the names that repeat. */
    { "{\"b\": {\"x\": 1, \"y\": 2, \"z\": 3, \"z\": 4, \"y\": 5}}", "$.b.z: appears more than once" },
    /* The repeating object is the inner one, not its parent. */
    { "{\"d\": {\"k\": {\"k\": 1, \"k\": 2}}}", "$.d.k.k: appears more than once" },
    /* Objects inside arrays too. */
    { "{\"e\": [{\"v\": 1}, {\"v\": 1, \"v\": 2}]}", "$.e[1].v: appears more than once" },
    /* A portal answer: the last "tier" would have won. */
    { "{\"tier\": \"enterprise\", \"tier\": \"essential\"}", "$.tier: appears more than once" },
    /* The object json-glib drops for the second "q" leaves its address
     * behind; the repetition is still named where it is. */
    { "{\"p\": {\"q\": {\"x\": 1}, \"q\": 1}, \"r\": {\"x\": 1}}", "$.p.q: appears more than once" },
    { "{\"calendar\": {\"time zone\": 1, \"time zone\": 2}}",
      "$.calendar[\"time zone\"]: appears more than once" },
  };
  /* A name used again in a nested object is no repetition of either. */
  assert_parses ("{\"c\": {\"x\": 1, \"c\": {\"x\": 2}}, \"x\": [{\"x\": 1}, {\"x\": 2}]}",
                 LT_JSON_MAX_DEPTH);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtJsonDocument) document = NULL;

      g_test_message ("%s", cases[i].text);
      document = parse (cases[i].text, LT_JSON_MAX_DEPTH, &error);
      g_assert_null (document);
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* The one set of typed readers the policy, the catalog and the portal
 * answers share: what each need allows, and messages that start with the
 * member's path and quote what was found, control characters escaped. */
static void
test_typed_readers (void)
{
  static const char text[] =
    "{\"s\": \"x\", \"n\": null, \"i\": 7, \"f\": 1.5, \"b\": true, \"e\": \"s2\","
    " \"bad\": \"\\u001b]0;owned\\u0007\", \"d\": \"2026-02-30\", \"t\": \"2026-01-09T21:40:00Z\","
    " \"a\": [\"p\", 3], \"o\": {\"id\": 1, \"extra\": 2}, \"blank\": \"  \"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LtJsonDocument) document = parse (text, LT_JSON_MAX_DEPTH, &error);
  g_autoptr(GDateTime) instant = NULL;
  g_auto(GStrv) strv = NULL;
  JsonObject *root;
  JsonObject *inner;
  JsonArray *array;
  const char *str;
  gboolean flag;
  gboolean present;
  gint64 number;
  int value;
  GDate date;

  g_assert_no_error (error);
  root = json_node_get_object (lt_json_document_get_root (document));

#define ASSERT_REFUSED(call, expected) \
  G_STMT_START { \
    g_assert_false (call); \
    g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA); \
    g_assert_cmpstr (error->message, ==, expected); \
    g_clear_error (&error); \
  } G_STMT_END

  /* Missing and null, by need. */
  ASSERT_REFUSED (lt_json_read_string (root, "$", "zz", LT_JSON_REQUIRED, &str, &error),
                  "$.zz: missing (required)");
  ASSERT_REFUSED (lt_json_read_string (root, "$", "zz", LT_JSON_NULLABLE, &str, &error),
                  "$.zz: missing (required)");
  g_assert_true (lt_json_read_string (root, "$", "zz", LT_JSON_OPTIONAL, &str, &error));
  g_assert_null (str);
  ASSERT_REFUSED (lt_json_read_string (root, "$", "n", LT_JSON_REQUIRED, &str, &error),
                  "$.n: must not be null");
  g_assert_true (lt_json_read_string (root, "$", "n", LT_JSON_NULLABLE, &str, &error));
  g_assert_null (str);

  /* Types, quoting what was found: text and numbers do not read alike. */
  ASSERT_REFUSED (lt_json_read_string (root, "$", "i", LT_JSON_REQUIRED, &str, &error),
                  "$.i: expected a string, found “7”");
  ASSERT_REFUSED (lt_json_read_boolean (root, "$", "s", LT_JSON_REQUIRED, &flag, &error),
                  "$.s: expected true or false, found the text “x”");
  ASSERT_REFUSED (lt_json_read_int (root, "$", "f", LT_JSON_REQUIRED, 0, 3, &number, NULL, &error),
                  "$.f: expected a whole number from 0 to 3, found “1.5”");
  ASSERT_REFUSED (lt_json_read_int (root, "$", "i", LT_JSON_NULLABLE, 0, 3, &number, NULL, &error),
                  "$.i: expected a whole number from 0 to 3 or null, found “7”");
  g_assert_true (lt_json_read_int (root, "$", "n", LT_JSON_NULLABLE, 0, 3, &number, &present, &error));
  g_assert_false (present);
  g_assert_true (lt_json_read_int (root, "$", "i", LT_JSON_REQUIRED, 0, 9, &number, &present, &error));
  g_assert_true (present);
  g_assert_cmpint (number, ==, 7);
  g_assert_true (lt_json_read_enum (root, "$", "e", LT_JSON_REQUIRED, LT_TYPE_SEVERITY, 0, &value, &error));
  g_assert_cmpint (value, ==, LT_SEVERITY_S2);
  ASSERT_REFUSED (lt_json_read_date (root, "$", "d", LT_JSON_REQUIRED, &date, &present, &error),
                  "$.d: “2026-02-30” is not a valid calendar date");
  g_assert_true (lt_json_read_instant (root, "$", "t", LT_JSON_REQUIRED, &instant, &error));
  g_assert_nonnull (instant);
  ASSERT_REFUSED (lt_json_read_strv (root, "$", "a", LT_JSON_REQUIRED, &strv, &error),
                  "$.a[1]: expected a string, found “3”");
  ASSERT_REFUSED (lt_json_read_array (root, "$", "a", LT_JSON_REQUIRED, 3, &array, NULL, &error),
                  "$.a: expected at least 3 entries");
  ASSERT_REFUSED (lt_json_read_text (root, "$", "blank", 10, &str, &error),
                  "$.blank: must not be empty");
  ASSERT_REFUSED (lt_json_read_text (root, "$", "s", 0, &str, &error),
                  "$.s: is too long (1 characters; at most 0)");

  /* Our own documents refuse a member they do not know; portal answers
   * (no list) ignore it. */
  ASSERT_REFUSED (lt_json_read_object (root, "$", "o", LT_JSON_REQUIRED,
                                       (const char * const []) { "id", NULL }, &inner, NULL, &error),
                  "$.o.extra: unknown field: the document is a contract and this version of "
                  "LockThreat Support does not know this field");
  g_assert_true (lt_json_read_object (root, "$", "o", LT_JSON_REQUIRED, NULL, &inner, NULL, &error));
  g_assert_nonnull (inner);

  /* A hostile value is quoted without its control characters, by the
   * readers and by every message of lt_json_set_path_error(). */
  ASSERT_REFUSED (lt_json_read_enum (root, "$", "bad", LT_JSON_REQUIRED, LT_TYPE_SEVERITY, 0,
                                     &value, &error),
                  "$.bad: “\\u001b]0;owned\\u0007” is not a valid value (expected one of: s1, s2, s3, feature)");
  ASSERT_REFUSED (lt_json_read_int (root, "$", "bad", LT_JSON_REQUIRED, 0, 1, &number, NULL, &error),
                  "$.bad: expected a whole number from 0 to 1, found the text “\\u001b]0;owned\\u0007”");
#undef ASSERT_REFUSED
}

static void
test_root_types (void)
{
  static const struct {
    const char   *text;
    JsonNodeType  node_type;
    GType         value_type;
  } cases[] = {
    { "null", JSON_NODE_NULL, G_TYPE_INVALID },
    { "true", JSON_NODE_VALUE, G_TYPE_BOOLEAN },
    { " false ", JSON_NODE_VALUE, G_TYPE_BOOLEAN },
    { "-12", JSON_NODE_VALUE, G_TYPE_INT64 },
    { "1.5", JSON_NODE_VALUE, G_TYPE_DOUBLE },
    { "\"text\"", JSON_NODE_VALUE, G_TYPE_STRING },
    { "[]", JSON_NODE_ARRAY, G_TYPE_INVALID },
    { "{}", JSON_NODE_OBJECT, G_TYPE_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtJsonDocument) document = parse (cases[i].text, LT_JSON_MAX_DEPTH, &error);
      JsonNode *root;

      g_test_message ("root: %s", cases[i].text);
      g_assert_no_error (error);
      root = lt_json_document_get_root (document);
      g_assert_nonnull (root);
      g_assert_cmpint (json_node_get_node_type (root), ==, cases[i].node_type);
      if (cases[i].value_type != G_TYPE_INVALID)
        g_assert_true (json_node_get_value_type (root) == cases[i].value_type);
      /* Nothing may change the tree under the code that validated it. */
      g_assert_true (json_node_is_immutable (root));
    }
}

static void
test_paths (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = lt_json_member_path ("$.calendar", "opens");
  g_autofree char *underscore = lt_json_member_path ("$", "_x9");
  g_autofree char *spaced = lt_json_member_path ("$.calendar", "time zone");
  g_autofree char *digit = lt_json_member_path ("$", "1st");
  g_autofree char *quoted = lt_json_member_path ("$", "a\"b\\c");
  g_autofree char *accented = lt_json_member_path ("$", "caf\xc3\xa9");
  g_autofree char *element = lt_json_element_path ("$.tiers", 2);

  g_assert_cmpstr (plain, ==, "$.calendar.opens");
  g_assert_cmpstr (underscore, ==, "$._x9");
  g_assert_cmpstr (spaced, ==, "$.calendar[\"time zone\"]");
  g_assert_cmpstr (digit, ==, "$[\"1st\"]");
  g_assert_cmpstr (quoted, ==, "$[\"a\\\"b\\\\c\"]");
  g_assert_cmpstr (accented, ==, "$[\"caf\\303\\251\"]");
  g_assert_cmpstr (element, ==, "$.tiers[2]");

  lt_json_set_path_error (&error, "$.tiers[2].id", "“%s” is %d", "x", 7);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "$.tiers[2].id: “x” is 7");
}

/* Two trees hold the same thing in the same order: node and value types
 * (an integer is not a double), values, member names and their order,
 * and each child's parent. */
static void
assert_same_tree (JsonNode *a,
                  JsonNode *b)
{
  g_assert_cmpint (json_node_get_node_type (a), ==, json_node_get_node_type (b));
  g_assert_true (json_node_is_immutable (a) == json_node_is_immutable (b));
  switch (json_node_get_node_type (a))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a);
        JsonObject *y = json_node_get_object (b);
        g_autoptr(GList) xs = json_object_get_members (x);
        g_autoptr(GList) ys = json_object_get_members (y);

        g_assert_cmpuint (g_list_length (xs), ==, g_list_length (ys));
        for (GList *l = xs, *m = ys; l != NULL; l = l->next, m = m->next)
          {
            g_assert_cmpstr (l->data, ==, m->data);
            g_assert_true (json_node_get_parent (json_object_get_member (x, l->data)) == a);
            assert_same_tree (json_object_get_member (x, l->data), json_object_get_member (y, m->data));
          }
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a);
        JsonArray *y = json_node_get_array (b);

        g_assert_cmpuint (json_array_get_length (x), ==, json_array_get_length (y));
        for (guint i = 0; i < json_array_get_length (x); i++)
          {
            g_assert_true (json_node_get_parent (json_array_get_element (x, i)) == a);
            assert_same_tree (json_array_get_element (x, i), json_array_get_element (y, i));
          }
        break;
      }
    case JSON_NODE_VALUE:
      g_assert_true (json_node_get_value_type (a) == json_node_get_value_type (b));
      if (json_node_get_value_type (a) == G_TYPE_STRING)
        g_assert_cmpstr (json_node_get_string (a), ==, json_node_get_string (b));
      else if (json_node_get_value_type (a) == G_TYPE_INT64)
        g_assert_cmpint (json_node_get_int (a), ==, json_node_get_int (b));
      else if (json_node_get_value_type (a) == G_TYPE_BOOLEAN)
        g_assert_true (json_node_get_boolean (a) == json_node_get_boolean (b));
      else
        g_assert_not_reached ();
      break;
    case JSON_NODE_NULL:
      break;
    }
}

/* The documents a portal sends (objects, arrays, strings with every
 * escape, whole numbers, literals) are read without json-glib's parser
 * into the tree json-glib builds for them. */
static void
test_direct_same_tree (void)
{
  static const char * const documents[] = {
    "{}",
    "[]",
    "{\"items\": [], \"next_cursor\": null, \"events_included\": true}",
    "{\"a\": 0, \"b\": -1, \"c\": 123456789012345678, \"d\": -987654321098765432, \"e\": 7}",
    "{\"t\": true, \"f\": false, \"n\": null, \"x\": [true, false, null, [], {}, [[1]]]}",
    "{\"s\": \"plain\", \"q\": \"a\\\"b\\\\c\\/d\", \"w\": \"\\b\\f\\n\\r\\t\"}",
    "{\"u\": \"caf\\u00e9 \\u20ac \\ud83d\\ude00 \\u0041\", \"raw\": \"caf\xc3\xa9 \xf0\x9f\x98\x80\"}",
    "{\"\": \"empty name\", \"time zone\": 1, \"caf\xc3\xa9\": 2, \"a\\u0062\": 3}",
    " \n\t{ \"spaced\" :\t[ 1 ,2\n, 3 ] ,\n\"o\" : { } }\n ",
    ("[{\"id\": \"T-1\", \"events\": [{\"kind\": \"comment\", \"at\": \"2026-01-02T03:04:05Z\"}]},"
     " {\"id\": \"T-2\", \"events\": []}]"),
    "[-123, 0, 5, [[[[[]]]]], \"a\x7f\xc2\x80z\", \"\\u2028\\u007f\"]",
    /* The same name in different objects repeats nothing. */
    "{\"c\": {\"x\": 1, \"c\": {\"x\": 2}}, \"x\": [{\"x\": 1}, {\"x\": 2}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtJsonDocument) document = NULL;
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      g_test_message ("%s", documents[i]);
      document = lt_json_document_parse (documents[i], strlen (documents[i]), LT_JSON_MAX_DEPTH, &error);
      g_assert_no_error (error);
      g_assert_true (_lt_json_document_read_directly (document));
      g_assert_true (json_parser_load_from_data (parser, documents[i], -1, &error));
      g_assert_no_error (error);
      assert_same_tree (lt_json_document_get_root (document), json_parser_get_root (parser));
    }
}

/* Hostile bytes: a page with a few bytes changed at random. Whatever the
 * direct reader takes, json-glib takes too and builds the same tree of. */
static void
test_direct_mutations (void)
{
  static const char page[] =
    "{\"items\": [{\"id\": \"T-1\", \"title\": \"Disk \\u00e9 \\\"full\\\"\", \"level\": 2,"
    " \"tags\": [\"a\", \"b\"], \"closed_at\": null, \"break_fix\": true,"
    " \"events\": [{\"kind\": \"comment\", \"body\": \"line\\nline\", \"size\": -12}]}],"
    " \"next_cursor\": \"c2\", \"events_included\": false}";
  static const char alphabet[] = "{}[]\",:\\/u0123456789abcdefABCDEF-+.eEtrnls \t\n\r\x01";
  guint n_direct = 0;

  for (guint i = 0; i < 4000; i++)
    {
      g_autofree char *text = g_strdup (page);
      guint n_changes = g_test_rand_int_range (1, 4);
      g_autoptr(LtJsonDocument) document = NULL;
      g_autoptr(JsonParser) parser = NULL;
      g_autoptr(GError) error = NULL;

      for (guint k = 0; k < n_changes; k++)
        text[g_test_rand_int_range (0, sizeof page - 1)] =
          alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      document = lt_json_document_parse (text, strlen (text), LT_JSON_MAX_DEPTH, NULL);
      if (document == NULL || !_lt_json_document_read_directly (document))
        continue;
      n_direct++;
      parser = json_parser_new_immutable ();
      if (!json_parser_load_from_data (parser, text, -1, &error))
        g_test_message ("json-glib refuses what the direct reader took: %s", text);
      g_assert_no_error (error);
      assert_same_tree (lt_json_document_get_root (document), json_parser_get_root (parser));
    }
  /* Most changes land in strings, which stay plain JSON. */
  g_assert_cmpuint (n_direct, >, 100);
}

/* What the direct reader is not sure to read as json-glib does goes to
 * json-glib, which reads it (or refuses it) as before. */
static void
test_direct_leaves_the_rest (void)
{
  static const char * const parsed[] = {
    "{\"f\": 1.5}", "{\"e\": 1e3}", "{\"z\": -0}", "{\"big\": 1234567890123456789}",
    "{\"nines\": 9999999999999999999}", "[-99999999999999999999999999999]",
    "{\"crlf\": 1}\r\n", "\"a string\"", "42", "[01]", "{\"ctl\": \"a\tb\"}",
  };
  const char *twice = "{\"a\": {\"x\": 1, \"x\": 2}}";
  g_autoptr(LtJsonDocument) repeated = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (parsed); i++)
    {
      g_autoptr(LtJsonDocument) document = NULL;
      g_autoptr(GError) parse_error = NULL;

      g_test_message ("%s", parsed[i]);
      document = lt_json_document_parse (parsed[i], strlen (parsed[i]), LT_JSON_MAX_DEPTH, &parse_error);
      if (document != NULL)
        g_assert_false (_lt_json_document_read_directly (document));
    }

  repeated = lt_json_document_parse (twice, strlen (twice), LT_JSON_MAX_DEPTH, &error);
  g_assert_null (repeated);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  g_assert_cmpstr (error->message, ==, "$.a.x: appears more than once");
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/json/depth/limit", test_depth_limit);
  g_test_add_func ("/lt/json/depth/deep", test_depth_deep);
  g_test_add_func ("/lt/json/depth/strings", test_depth_strings);
  g_test_add_func ("/lt/json/depth/escaped-quotes", test_depth_escaped_quotes);
  g_test_add_func ("/lt/json/depth/comments", test_depth_comments);
  g_test_add_func ("/lt/json/nul-escape", test_nul_escape);
  g_test_add_func ("/lt/json/utf8", test_utf8);
  g_test_add_func ("/lt/json/surrogates", test_surrogates);
  g_test_add_func ("/lt/json/escapes", test_escapes);
  g_test_add_func ("/lt/json/trailing-text", test_trailing_text);
  g_test_add_func ("/lt/json/empty", test_empty);
  g_test_add_func ("/lt/json/parse-error-position", test_parse_error_position);
  g_test_add_func ("/lt/json/duplicate-members", test_duplicate_members);
  g_test_add_func ("/lt/json/typed-readers", test_typed_readers);
  g_test_add_func ("/lt/json/root-types", test_root_types);
  g_test_add_func ("/lt/json/paths", test_paths);
  g_test_add_func ("/lt/json/direct/same-tree", test_direct_same_tree);
  g_test_add_func ("/lt/json/direct/leaves-the-rest", test_direct_leaves_the_rest);
  g_test_add_func ("/lt/json/direct/mutations", test_direct_mutations);

  return g_test_run ();
}
