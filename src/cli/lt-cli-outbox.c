/* lt-cli-outbox.c: ltsupport outbox list|retry|discard|import
 *
 * The outbox holds what was filed here and has not reached the portal yet
 * (docs/store.md, "The outbox"). These commands show it and let the
 * administrator send a failed item again or give up on one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-error.h"
#include "lt-outbox.h"
#include "lt-store-enums.h"

#include <glib/gi18n-lib.h>

static LtOutbox *
open_outbox (LtCli     *cli,
             gboolean   writing,
             GError   **error)
{
  LtStore *store = writing ? lt_cli_get_store (cli, error) : lt_cli_get_store_for_reading (cli, error);

  if (store == NULL)
    return NULL;
  return lt_outbox_new (store);
}

static const char *
state_nick (LtOutboxItem *item)
{
  return lt_enum_to_nick (LT_TYPE_OUTBOX_STATE, lt_outbox_item_get_state (item));
}

/* The payload and the response are JSON; they are embedded as JSON so a
 * script can read them with the same parser. The response is the
 * portal's text and is embedded as a string if it is not JSON. */
static void
add_json_text_member (JsonBuilder *builder,
                      const char  *name,
                      const char  *text)
{
  g_autoptr(JsonParser) parser = NULL;

  json_builder_set_member_name (builder, name);
  if (text == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  parser = json_parser_new_immutable ();
  if (json_parser_load_from_data (parser, text, -1, NULL) && json_parser_get_root (parser) != NULL)
    json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_string_value (builder, text);
}

static void
build_item (JsonBuilder  *builder,
            LtOutboxItem *item)
{
  json_builder_begin_object (builder);
  lt_cli_add_string_member (builder, "key", lt_outbox_item_get_key (item));
  lt_cli_add_string_member (builder, "kind", lt_outbox_item_get_kind (item));
  lt_cli_add_string_member (builder, "state", state_nick (item));
  lt_cli_add_string_member (builder, "depends_on", lt_outbox_item_get_depends_on (item));
  json_builder_set_member_name (builder, "attempts");
  json_builder_add_int_value (builder, lt_outbox_item_get_attempts (item));
  lt_cli_add_instant_member (builder, "created_at", lt_outbox_item_get_created_at (item));
  lt_cli_add_instant_member (builder, "next_attempt_at", lt_outbox_item_get_next_attempt_at (item));
  lt_cli_add_instant_member (builder, "last_attempt_at", lt_outbox_item_get_last_attempt_at (item));
  lt_cli_add_instant_member (builder, "sent_at", lt_outbox_item_get_sent_at (item));
  lt_cli_add_string_member (builder, "last_error", lt_outbox_item_get_last_error (item));
  lt_cli_add_string_member (builder, "failure_reason", lt_outbox_item_get_failure_reason (item));
  add_json_text_member (builder, "payload", lt_outbox_item_get_payload (item));
  add_json_text_member (builder, "response", lt_outbox_item_get_response (item));
  json_builder_end_object (builder);
}

static void
print_item (LtOutboxItem *item)
{
  g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
  g_autofree char *created = lt_cli_format_local_instant (lt_outbox_item_get_created_at (item), NULL);
  LtOutboxState state = lt_outbox_item_get_state (item);
  const char *depends_on = lt_outbox_item_get_depends_on (item);
  const char *last_error = lt_outbox_item_get_last_error (item);
  const char *reason = lt_outbox_item_get_failure_reason (item);

  g_print ("%s\n", lt_outbox_item_get_key (item));
  lt_cli_fields_add (fields, _("Kind"), "%s", lt_outbox_item_get_kind (item));
  lt_cli_fields_add (fields, _("State"), "%s", state_nick (item));
  lt_cli_fields_add (fields, _("Created"), "%s", created);
  lt_cli_fields_add (fields, _("Attempts"), "%u", lt_outbox_item_get_attempts (item));
  if (state == LT_OUTBOX_STATE_PENDING)
    {
      g_autofree char *next = lt_cli_format_local_instant (lt_outbox_item_get_next_attempt_at (item),
                                                           _("now"));

      lt_cli_fields_add (fields, _("Next attempt"), "%s", next);
    }
  if (state == LT_OUTBOX_STATE_SENT)
    {
      g_autofree char *sent = lt_cli_format_local_instant (lt_outbox_item_get_sent_at (item), NULL);

      lt_cli_fields_add (fields, _("Sent"), "%s", sent);
    }
  if (depends_on != NULL)
    lt_cli_fields_add (fields, _("Waits for"), "%s", depends_on);
  /* A refusal is recorded as both; say it once. */
  if (last_error != NULL && state != LT_OUTBOX_STATE_SENT && g_strcmp0 (last_error, reason) != 0)
    lt_cli_fields_add (fields, _("Last error"), "%s", last_error);
  if (reason != NULL)
    lt_cli_fields_add (fields, _("Failed because"), "%s", reason);
  lt_cli_fields_print_indented (fields, 2);
}

int
lt_cli_outbox_list_run (LtCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autofree char *state_text = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_text,
      N_("Only items in STATE: pending, sending, sent or failed"), N_("STATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  int state = -1;

  context = lt_cli_context_new (cli, NULL,
                                _("Lists the actions waiting for the portal, oldest first: "
                                  "pending (to be sent), sending, sent (acknowledged) and "
                                  "failed (refused by the portal; retry or discard them)."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error))
    return lt_cli_fail (cli, error);

  if (state_text != NULL &&
      !lt_cli_parse_enum ("--state", LT_TYPE_OUTBOX_STATE, state_text, &state, &error))
    return lt_cli_fail (cli, error);

  if ((outbox = open_outbox (cli, FALSE, &error)) == NULL ||
      (items = lt_outbox_list (outbox, &error)) == NULL)
    return lt_cli_fail (cli, error);

  for (guint i = 0; i < items->len; i++)
    {
      LtOutboxItem *item = g_ptr_array_index (items, i);

      if (state < 0 || (int) lt_outbox_item_get_state (item) == state)
        g_ptr_array_add (shown, item);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < shown->len; i++)
        build_item (builder, g_ptr_array_index (shown, i));
      json_builder_end_array (builder);
      lt_cli_print_json (builder);
      return LT_CLI_EXIT_OK;
    }

  if (shown->len == 0)
    g_print ("%s\n", state < 0 ? _("The outbox is empty.") : _("No outbox items in that state."));
  for (guint i = 0; i < shown->len; i++)
    {
      if (i > 0)
        g_print ("\n");
      print_item (g_ptr_array_index (shown, i));
    }
  return LT_CLI_EXIT_OK;
}

/* The item named by KEY, or a usage error naming it. */
static LtOutboxItem *
lookup_item (LtOutbox    *outbox,
             const char  *key,
             GError     **error)
{
  LtOutboxItem *item = lt_outbox_lookup (outbox, key, error);

  if (item == NULL)
    g_prefix_error (error, "KEY: ");
  return item;
}

/* A refusal because of the item's state: the request was understood and
 * the answer is no (exit 1), with the reason on stderr. */
static int
refuse (const char *why)
{
  g_printerr ("ltsupport: %s\n", why);
  return LT_CLI_EXIT_NO;
}

int
lt_cli_outbox_retry_run (LtCli  *cli,
                         int     argc,
                         char  **argv)
{
  const char * const arg_names[] = { "KEY" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *key;

  context = lt_cli_context_new (cli, "KEY",
                                _("Sends a failed outbox item again, with the same "
                                  "idempotency key (so the portal cannot file it twice)."),
                                NULL);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error))
    return lt_cli_fail (cli, error);
  key = argv[1];

  if ((outbox = open_outbox (cli, TRUE, &error)) == NULL ||
      (item = lookup_item (outbox, key, &error)) == NULL)
    return lt_cli_fail (cli, error);

  if (lt_outbox_item_get_state (item) != LT_OUTBOX_STATE_FAILED)
    {
      g_autofree char *why =
        /* TRANSLATORS: the first %s is a key, the second a state: "pending", "sent"… */
        g_strdup_printf (_("the outbox item “%s” is %s, not failed: only failed items can be "
                           "retried"), key, state_nick (item));

      return refuse (why);
    }

  if (!lt_outbox_retry (outbox, key, now, &error))
    return lt_cli_fail (cli, error);

  g_print (_("The outbox item “%s” (%s) will be sent again.\n"), key, lt_outbox_item_get_kind (item));
  return LT_CLI_EXIT_OK;
}

/* An item being sent or sent cannot be taken back: exit 1 with the reason
 * (docs/cli.md). */
static gboolean
refuse_discard (LtOutboxItem *item,
                const char   *key,
                int          *status)
{
  g_autofree char *why = NULL;

  switch (lt_outbox_item_get_state (item))
    {
    case LT_OUTBOX_STATE_SENDING:
      why = g_strdup_printf (_("the outbox item “%s” is being sent right now and cannot be "
                               "taken back; if it fails, discard it then"), key);
      break;
    case LT_OUTBOX_STATE_SENT:
      why = g_strdup_printf (_("the outbox item “%s” was already sent: the portal has it, and "
                               "discarding it here would not take it back"), key);
      break;
    case LT_OUTBOX_STATE_PENDING:
    case LT_OUTBOX_STATE_FAILED:
    default:
      return FALSE;
    }

  *status = refuse (why);
  return TRUE;
}

int
lt_cli_outbox_discard_run (LtCli  *cli,
                           int     argc,
                           char  **argv)
{
  const char * const arg_names[] = { "KEY" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(LtOutboxItem) item = NULL;
  const char *key;
  int status;

  context = lt_cli_context_new (cli, "KEY",
                                _("Gives up on a failed outbox item, or on a pending one "
                                  "before it is sent: it is deleted and never reaches the "
                                  "portal. Items that depend on it fail."),
                                NULL);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error))
    return lt_cli_fail (cli, error);
  key = argv[1];

  if ((outbox = open_outbox (cli, TRUE, &error)) == NULL ||
      (item = lookup_item (outbox, key, &error)) == NULL)
    return lt_cli_fail (cli, error);

  if (refuse_discard (item, key, &status))
    return status;

  /* The state may have changed since the lookup (another process claimed
   * or sent it): the outbox checks again in its own statement, and the
   * refusal then names the state it found. */
  if (!lt_outbox_discard (outbox, key, &error))
    {
      g_autoptr(LtOutboxItem) now_item = NULL;

      if (g_error_matches (error, LT_ERROR, LT_ERROR_NOT_FOUND) &&
          (now_item = lt_outbox_lookup (outbox, key, NULL)) != NULL &&
          refuse_discard (now_item, key, &status))
        return status;
      return lt_cli_fail (cli, error);
    }

  g_print (_("Discarded the outbox item “%s” (%s).\n"), key, lt_outbox_item_get_kind (item));
  return LT_CLI_EXIT_OK;
}

int
lt_cli_outbox_import_run (LtCli  *cli,
                          int     argc,
                          char  **argv)
{
  const char * const arg_names[] = { "FILE" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  LtStore *store;
  guint n_imported = 0;
  guint n_known = 0;

  context = lt_cli_context_new (cli, "FILE",
                                _("Queues again the actions that a kept database file (one set "
                                  "aside as damaged, “support.db.corrupt-…”) had not sent yet, "
                                  "with the tickets and change notices they belong to. Each keeps "
                                  "its idempotency key: what is already here is not queued twice, "
                                  "and the portal never files one twice."),
                                NULL);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error))
    return lt_cli_fail (cli, error);

  display = g_filename_display_name (argv[1]);
  if ((store = lt_cli_get_store (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);
  if (!lt_store_import_unsent (store, argv[1], &n_imported, &n_known, &error))
    {
      g_prefix_error (&error, "FILE: ");
      return lt_cli_fail (cli, error);
    }

  g_print (ngettext ("Queued %u action from “%s”", "Queued %u actions from “%s”", n_imported),
           n_imported, display);
  g_print (ngettext ("; %u was here already.\n", "; %u were here already.\n", n_known), n_known);
  return LT_CLI_EXIT_OK;
}
