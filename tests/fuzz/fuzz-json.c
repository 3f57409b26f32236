/* fuzz-json.c: lt_json_document_parse(), the gate every JSON document the
 * product reads goes through (the policy, the release catalog, each portal
 * response)
 *
 * The input is not NUL-terminated and is parsed in place, as the portal
 * client parses a response buffer: a read one byte past the end is caught.
 * A document that parses (no member given twice, since the parse refuses
 * that) is walked the way the loaders walk it, reading every member with
 * every typed reader of lt-json.h. A document the direct reader took
 * (lt-json.c, "The direct reader") must be one json-glib's parser takes
 * too, into an equal tree: the direct reader is a shortcut, never a
 * second opinion on what hostile bytes mean.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-fuzz"

#include "config.h"

#include "lt-fuzz-util.h"
#include "lt-error.h"
#include "lt-json.h"
#include "lt-json-private.h"

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
  g_autoptr(GError) error = NULL;
  g_autoptr(LtJsonDocument) document = NULL;

  document = lt_json_document_parse ((const char *) data, size, LT_JSON_MAX_DEPTH, &error);
  if (document == NULL)
    {
      /* "$: …", or "$.a.b: appears more than once". */
      lt_fuzz_assert_error (error, LT_ERROR_INVALID_DATA, "$");
      return 0;
    }

  g_assert_no_error (error);
  if (_lt_json_document_read_directly (document))
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();

      g_assert_true (json_parser_load_from_data (parser, (const char *) data, (gssize) size, &error));
      g_assert_no_error (error);
      g_assert_true (json_node_equal (lt_json_document_get_root (document), json_parser_get_root (parser)));
    }
  lt_fuzz_walk_json (lt_json_document_get_root (document), "$");
  return 0;
}
