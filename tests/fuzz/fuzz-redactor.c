/* fuzz-redactor.c: the streaming redactor on arbitrary bytes
 * (lt-redactor.h, docs/bundle.md "Redaction")
 *
 * Beyond "no crash, no leak": the output is valid UTF-8 whatever came in,
 * the engine never holds more than one line, the map it filled writes
 * and reads back as the same JSON, the vendor-side lookup runs over the
 * output, and the next input on the same redactor starts clean (a secret
 * in it is masked whatever state the fuzzed input left).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-fuzz"

#include "config.h"

#include "lt-fuzz-util.h"
#include "lt-json.h"
#include "lt-redactor.h"

#include <string.h>

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lt_fuzz_init ();
  return 0;
}

static void
check_map_round_trip (LtRedactionMap *map)
{
  g_autoptr(JsonNode) node = lt_redaction_map_to_json (map);
  g_autofree char *json = lt_fuzz_node_to_string (node);
  g_autoptr(GError) error = NULL;
  g_autoptr(LtJsonDocument) document = lt_json_document_parse (json, strlen (json), LT_JSON_MAX_DEPTH, &error);
  g_autoptr(LtRedactionMap) again = NULL;
  g_autoptr(JsonNode) again_node = NULL;
  g_autofree char *again_json = NULL;

  g_assert_no_error (error);
  again = lt_redaction_map_new_from_json (lt_json_document_get_root (document), &error);
  g_assert_no_error (error);
  again_node = lt_redaction_map_to_json (again);
  again_json = lt_fuzz_node_to_string (again_node);
  g_assert_cmpstr (again_json, ==, json);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) unmasked = NULL;
  guint64 total = 0;
  gsize chunk;

  /* The first byte chooses how the input is cut into feeds, so that
   * lines and private key blocks straddle them in every way. */
  if (size == 0)
    return 0;
  chunk = 1 + data[0];
  data++;
  size--;

  lt_redactor_add_keyword (redactor, "falcon");
  for (gsize at = 0; at < size; at += chunk)
    {
      lt_redactor_feed (redactor, (const char *) data + at, (gssize) MIN (chunk, size - at), out);
      g_assert_cmpuint (lt_redactor_get_buffered_size (redactor), <=, LT_REDACTOR_MAX_LINE);
    }
  lt_redactor_finish (redactor, out);

  g_assert_true (g_utf8_validate (out->str, (gssize) out->len, NULL));
  for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
    total += lt_redactor_get_count (redactor, (LtRedactionKind) kind);
  g_assert_cmpuint (lt_redactor_get_findings (redactor)->len, <=, MIN (total, LT_REDACTOR_MAX_FINDINGS));
  for (guint i = 0; i < lt_redactor_get_findings (redactor)->len; i++)
    {
      const LtRedactionFinding *finding = g_ptr_array_index (lt_redactor_get_findings (redactor), i);

      g_assert_true (g_utf8_validate (finding->excerpt, -1, NULL));
    }

  unmasked = lt_redaction_map_unmask (map, out->str);
  for (guint i = 0; i < unmasked->len; i++)
    {
      const LtRedactionUnmasked *u = g_ptr_array_index (unmasked, i);

      g_assert_cmpuint (u->offset + u->length, <=, out->len);
      g_assert_nonnull (u->original);
    }

  check_map_round_trip (map);

  /* A new input starts clean: whatever the fuzzed one taught the map,
   * the secret is masked. */
  g_string_truncate (out, 0);
  lt_redactor_feed (redactor, "password=Zq8Canary7\n", -1, out);
  lt_redactor_finish (redactor, out);
  g_assert_null (strstr (out->str, "Zq8Canary7"));
  g_assert_true (g_str_has_suffix (out->str, "=[redacted:password]\n"));

  return 0;
}
