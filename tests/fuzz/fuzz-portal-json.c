/* fuzz-portal-json.c: every JSON mapper of the portal client
 * (lt-portal-json.h) on arbitrary response bodies
 *
 * The body goes through lt_json_document_parse() as the client's does,
 * then through each reader the client uses: the account, a ticket with and
 * without its events, a ticket event, a change notice, a maintenance
 * window, a page of each list, and the error body. Beyond "no crash, no
 * leak": a reader fails only with a path-first LT_ERROR_INVALID_DATA, and
 * what it reads, written back in the portal's form, reads again to the
 * same JSON (the writers are the readers' inverse, which the reference
 * portal relies on).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-fuzz"

#include "config.h"

#include "lt-fuzz-util.h"
#include "lt-error.h"
#include "lt-json.h"
#include "lt-portal-json.h"
#include "lt-test-portal-json.h"

/* Readers and writers with one signature each, so that the table below
 * calls every function through its own type. */

static gpointer
read_account (JsonNode *node, const char *path, GError **error)
{
  return lt_portal_json_read_account (node, path, error);
}

static JsonNode *
write_account (gpointer model)
{
  return lt_test_portal_json_write_account (model);
}

static gpointer
read_maintenance_window (JsonNode *node, const char *path, GError **error)
{
  return lt_portal_json_read_maintenance_window (node, path, error);
}

static JsonNode *
write_maintenance_window (gpointer model)
{
  return lt_test_portal_json_write_maintenance_window (model);
}

static gpointer
read_ticket (JsonNode *node, const char *path, GError **error)
{
  return lt_portal_json_read_ticket (node, path, error);
}

static JsonNode *
write_ticket (gpointer model)
{
  return lt_portal_json_write_ticket (model, FALSE);
}

static gpointer
read_ticket_with_events (JsonNode *node, const char *path, GError **error)
{
  return lt_portal_json_read_ticket_with_events (node, path, error);
}

static JsonNode *
write_ticket_with_events (gpointer model)
{
  return lt_portal_json_write_ticket (model, TRUE);
}

static gpointer
read_ticket_event (JsonNode *node, const char *path, GError **error)
{
  return lt_portal_json_read_ticket_event (node, path, error);
}

static JsonNode *
write_ticket_event (gpointer model)
{
  return lt_portal_json_write_ticket_event (model);
}

static gpointer
read_change_notice (JsonNode *node, const char *path, GError **error)
{
  return lt_portal_json_read_change_notice (node, path, error);
}

static JsonNode *
write_change_notice (gpointer model)
{
  return lt_test_portal_json_write_change_notice (model);
}

typedef struct
{
  LtPortalJsonReadFunc read;
  JsonNode *(*write) (gpointer model);
  gboolean listed;      /* also read as the items of a page */
} Mapper;

static const Mapper mappers[] = {
  { read_account, write_account, FALSE },
  { read_maintenance_window, write_maintenance_window, TRUE },
  { read_ticket, write_ticket, TRUE },
  { read_ticket_with_events, write_ticket_with_events, FALSE },
  { read_ticket_event, write_ticket_event, FALSE },
  { read_change_notice, write_change_notice, TRUE },
};

static void
check_round_trip (const Mapper *mapper,
                  GObject      *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) written = mapper->write (model);
  g_autoptr(GObject) again = NULL;
  g_autoptr(JsonNode) written_again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;

  again = mapper->read (written, "$", &error);
  if (again == NULL)
    {
      text = lt_fuzz_node_to_string (written);
      g_printerr ("the portal form of a model does not read back: %s\n%s\n",
                  error->message, text);
      g_assert_not_reached ();
    }
  written_again = mapper->write (again);
  text = lt_fuzz_node_to_string (written);
  text_again = lt_fuzz_node_to_string (written_again);
  g_assert_cmpstr (text, ==, text_again);
}

static void
check_mapper (const Mapper *mapper,
              JsonNode     *root)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) model = mapper->read (root, "$", &error);

  if (model == NULL)
    lt_fuzz_assert_error (error, LT_ERROR_INVALID_DATA, "$");
  else
    {
      g_assert_no_error (error);
      g_assert_true (G_IS_OBJECT (model));
      check_round_trip (mapper, model);
    }

  if (mapper->listed)
    {
      g_autoptr(LtPortalPage) page = NULL;

      g_clear_error (&error);
      page = lt_portal_json_read_page (root, mapper->read, &error);
      if (page == NULL)
        lt_fuzz_assert_error (error, LT_ERROR_INVALID_DATA, "$");
      else
        {
          g_assert_no_error (error);
          g_assert_true (page->next_cursor == NULL || page->next_cursor[0] != '\0');
          for (guint i = 0; i < page->items->len; i++)
            check_round_trip (mapper, g_ptr_array_index (page->items, i));
        }
    }
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
  g_autoptr(GError) error = NULL;
  g_autoptr(LtJsonDocument) document = NULL;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  JsonNode *root;

  document = lt_json_document_parse ((const char *) data, size, LT_JSON_MAX_DEPTH, &error);
  if (document == NULL)
    {
      /* "$: …", or "$.a.b: appears more than once". */
      lt_fuzz_assert_error (error, LT_ERROR_INVALID_DATA, "$");
      return 0;
    }
  root = lt_json_document_get_root (document);

  for (guint i = 0; i < G_N_ELEMENTS (mappers); i++)
    check_mapper (&mappers[i], root);

  if (lt_portal_json_read_error (root, &code, &message))
    {
      g_assert_nonnull (code);
      g_assert_true (message == NULL || g_utf8_validate (message, -1, NULL));
    }
  else
    g_assert_true (code == NULL && message == NULL);

  return 0;
}
