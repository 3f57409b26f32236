/* lt-cli-bundle.c: ltsupport bundle create|keywords
 *
 * `bundle create` makes a diagnostics bundle with the profile's redaction
 * map and keywords (LtBundleJob, the app's engine too), prints what the
 * review shows per file, and either leaves the bundle at --output (air-
 * gapped use: nothing is sent) or, with --ticket, queues its parts after
 * the admin's confirmation. `bundle keywords` edits the profile's
 * keywords. Each computes one facts structure, rendered as text or JSON
 * (docs/cli.md, docs/bundle.md "Making a bundle").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-cli-actions.h"
#include "lt-actions.h"
#include "lt-bundle-job.h"
#include "lt-error.h"
#include "lt-store-redaction-map.h"
#include "lt-text-util.h"
#include "lt-ticket-event.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

/* How many findings of a file the text review shows; --json gives all
 * the job keeps (LT_REDACTOR_MAX_FINDINGS). */
#define TEXT_FINDINGS 3

/* The largest --file-cap and --total-cap, in MiB (1 TiB): a bigger number
 * is a typo. */
#define MAX_CAP_MIB (1024 * 1024)

static const char *
state_to_string (LtBundleFileState state)
{
  switch (state)
    {
    case LT_BUNDLE_FILE_NOT_SCANNED:
      return "not-scanned";
    case LT_BUNDLE_FILE_LEFT_OUT:
      return "left-out";
    case LT_BUNDLE_FILE_SCANNED:
    default:
      return "scanned";
    }
}

/* ---- bundle create ----------------------------------------------------------- */

typedef struct
{
  LtBundleJob *job;
  char        *ticket;      /* the ticket's name, or NULL (--output only) */
  GPtrArray   *keys;        /* the outbox items queued, one per part */
  gboolean     queued;
  LtCliDelivery delivery;
  char        *why;
} CreateFacts;

static void
create_facts_clear (CreateFacts *facts)
{
  g_clear_object (&facts->job);
  g_clear_pointer (&facts->ticket, g_free);
  g_clear_pointer (&facts->keys, g_ptr_array_unref);
  g_clear_pointer (&facts->why, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CreateFacts, create_facts_clear)

static void
print_review (CreateFacts *facts)
{
  GPtrArray *files = lt_bundle_job_get_files (facts->job);
  GPtrArray *parts = lt_bundle_job_get_parts (facts->job);
  guint64 totals[LT_REDACTION_N_KINDS];
  g_autofree char *total_text = NULL;
  gboolean any_left_out = FALSE;

  g_print ("%s\n", _("What leaves, per file (paths as the bundle shows them):"));
  for (guint i = 0; i < files->len; i++)
    {
      const LtBundleReviewFile *file = g_ptr_array_index (files, i);
      g_autofree char *counts = NULL;
      g_autofree char *shown_path = NULL;
      guint64 n_replaced = 0;

      for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
        n_replaced += file->counts[kind];
      if (file->state == LT_BUNDLE_FILE_LEFT_OUT)
        {
          any_left_out = TRUE;
          continue;
        }
      shown_path = lt_text_dup_displayable (file->shown_path, LT_TEXT_SINGLE_LINE);
      g_print ("  %s\n", shown_path);
      /* The original, on this machine only, where it differs. */
      if (!g_str_equal (file->path, file->shown_path))
        {
          g_autofree char *path = lt_text_dup_displayable (file->path, LT_TEXT_SINGLE_LINE);

          /* TRANSLATORS: the local file a bundle entry comes from */
          g_print (_("    from %s\n"), path);
        }
      if (file->state == LT_BUNDLE_FILE_NOT_SCANNED)
        g_print ("    %s\n", _("not scanned: a binary file you added, in the bundle as it is"));
      else if ((counts = lt_redaction_describe_counts (file->counts)) != NULL)
        g_print ("    %s\n", counts);
      else
        g_print ("    %s\n", _("nothing replaced"));
      for (guint j = 0; j < file->findings->len && j < TEXT_FINDINGS; j++)
        {
          const LtRedactionFinding *finding = g_ptr_array_index (file->findings, j);
          /* The excerpt is log text: it may hold the terminal's escapes. */
          g_autofree char *excerpt = lt_text_dup_displayable (finding->excerpt, LT_TEXT_SINGLE_LINE);

          /* TRANSLATORS: "line 3: Host name: …connect to host0.dom0.invalid…" */
          g_print (_("    line %u: %s: %s\n"), finding->line,
                   lt_redaction_kind_get_label (finding->kind), excerpt);
        }
      if (n_replaced > TEXT_FINDINGS && file->findings->len > TEXT_FINDINGS)
        g_print (_("    (%u more; --json lists the first %u)\n"),
                 (guint) MIN (n_replaced - TEXT_FINDINGS, G_MAXUINT), (guint) LT_REDACTOR_MAX_FINDINGS);
      if (file->truncated_bytes > 0)
        {
          g_autofree char *size = g_format_size (file->truncated_bytes);

          g_print (_("    truncated: the oldest %s left out (size cap)\n"), size);
        }
    }

  if (any_left_out)
    {
      g_print ("%s\n", _("Left out:"));
      for (guint i = 0; i < files->len; i++)
        {
          const LtBundleReviewFile *file = g_ptr_array_index (files, i);

          g_autofree char *path = NULL;

          if (file->state != LT_BUNDLE_FILE_LEFT_OUT)
            continue;
          path = lt_text_dup_displayable (file->path, LT_TEXT_SINGLE_LINE);
          g_print ("  %s (%s)\n", path, lt_bundle_describe_left_out (file->left_out_reason));
        }
    }

  for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
    totals[kind] = lt_bundle_job_get_total (facts->job, (LtRedactionKind) kind);
  total_text = lt_redaction_describe_counts (totals);
  g_print (_("Replaced in all: %s\n"), total_text != NULL ? total_text : _("nothing"));

  g_print ("%s\n", _("Parts:"));
  for (guint i = 0; i < parts->len; i++)
    {
      const LtBundlePart *part = g_ptr_array_index (parts, i);
      g_autofree char *display = g_filename_display_name (part->path);

      g_print ("  %s  %" G_GUINT64_FORMAT "  %s\n", display, part->size, part->sha256);
    }
  g_print (_("Bundle SHA-256: %s\n"), lt_bundle_job_get_sha256 (facts->job));
}

static void
add_counts (JsonBuilder   *builder,
            const char    *name,
            const guint64 *counts)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
    if (counts[kind] > 0)
      lt_cli_add_int_member (builder, lt_redaction_kind_to_string ((LtRedactionKind) kind),
                             (gint64) counts[kind]);
  json_builder_end_object (builder);
}

static void
print_json (CreateFacts *facts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GPtrArray *files = lt_bundle_job_get_files (facts->job);
  GPtrArray *parts = lt_bundle_job_get_parts (facts->job);
  guint64 totals[LT_REDACTION_N_KINDS];

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  for (guint i = 0; i < files->len; i++)
    {
      const LtBundleReviewFile *file = g_ptr_array_index (files, i);

      json_builder_begin_object (builder);
      lt_cli_add_string_member (builder, "path", file->path);
      lt_cli_add_string_member (builder, "shown_path", file->shown_path);
      lt_cli_add_string_member (builder, "state", state_to_string (file->state));
      lt_cli_add_string_member (builder, "reason", file->left_out_reason);
      lt_cli_add_int_member (builder, "size_before", (gint64) file->size_before);
      lt_cli_add_int_member (builder, "size_after", (gint64) file->size_after);
      lt_cli_add_int_member (builder, "truncated_bytes", (gint64) file->truncated_bytes);
      add_counts (builder, "redactions", file->counts);
      json_builder_set_member_name (builder, "findings");
      json_builder_begin_array (builder);
      for (guint j = 0; j < file->findings->len; j++)
        {
          const LtRedactionFinding *finding = g_ptr_array_index (file->findings, j);

          json_builder_begin_object (builder);
          lt_cli_add_string_member (builder, "kind", lt_redaction_kind_to_string (finding->kind));
          lt_cli_add_int_member (builder, "line", finding->line);
          lt_cli_add_string_member (builder, "excerpt", finding->excerpt);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  for (guint kind = 0; kind < LT_REDACTION_N_KINDS; kind++)
    totals[kind] = lt_bundle_job_get_total (facts->job, (LtRedactionKind) kind);
  add_counts (builder, "redactions", totals);

  json_builder_set_member_name (builder, "parts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < parts->len; i++)
    {
      const LtBundlePart *part = g_ptr_array_index (parts, i);
      g_autofree char *display = g_filename_display_name (part->path);

      json_builder_begin_object (builder);
      lt_cli_add_string_member (builder, "path", display);
      lt_cli_add_int_member (builder, "size", (gint64) part->size);
      lt_cli_add_string_member (builder, "sha256", part->sha256);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  lt_cli_add_string_member (builder, "sha256", lt_bundle_job_get_sha256 (facts->job));

  lt_cli_add_string_member (builder, "ticket", facts->ticket);
  json_builder_set_member_name (builder, "outbox_keys");
  json_builder_begin_array (builder);
  for (guint i = 0; facts->keys != NULL && i < facts->keys->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (facts->keys, i));
  json_builder_end_array (builder);
  lt_cli_add_string_member (builder, "delivery",
                            facts->queued ? lt_cli_delivery_to_string (facts->delivery) : NULL);
  json_builder_end_object (builder);
  lt_cli_print_json (builder);
}

/* Where the parts of a bundle for @ticket go when no --output is given:
 * a folder of the profile, beside its database, one name per run. */
static char *
outgoing_bundle_path (LtCli       *cli,
                      const char  *ticket,
                      GError     **error)
{
  g_autofree char *store_path = lt_cli_dup_store_path (cli, error);
  g_autofree char *profile = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = NULL;

  if (store_path == NULL)
    return NULL;
  profile = g_path_get_dirname (store_path);
  folder = g_build_filename (profile, LT_BUNDLE_JOB_PROFILE_DIR, NULL);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("Cannot create “%s”: %s"), display, g_strerror (saved));
      return NULL;
    }
  stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");
  for (guint n = 1;; n++)
    {
      g_autofree char *base = n == 1
        ? g_strdup_printf ("%s-%sZ", ticket, stamp)
        : g_strdup_printf ("%s-%sZ-%u", ticket, stamp, n);
      g_autofree char *file = g_strconcat (base, ".tar.gz", NULL);
      g_autofree char *first = g_strconcat (base, ".part01.tar.gz", NULL);
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autofree char *part_path = g_build_filename (folder, first, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS) && !g_file_test (part_path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

static void
remove_parts (LtBundleJob *job)
{
  GPtrArray *parts = lt_bundle_job_get_parts (job);

  for (guint i = 0; i < parts->len; i++)
    g_unlink (((LtBundlePart *) g_ptr_array_index (parts, i))->path);
}

int
lt_cli_bundle_create_run (LtCli  *cli,
                          int     argc,
                          char  **argv)
{
  g_autofree char *ticket_id = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) keywords = NULL;
  g_auto(GStrv) patterns = NULL;
  g_auto(GStrv) excludes = NULL;
  g_auto(GStrv) binaries = NULL;
  g_autofree char *part_size_text = NULL;
  g_autofree char *file_cap_text = NULL;
  g_autofree char *total_cap_text = NULL;
  guint part_size = LT_ATTACHMENT_MAX_SIZE / (1024 * 1024);
  guint file_cap = (guint) (LT_BUNDLE_DEFAULT_FILE_CAP / (1024 * 1024));
  guint total_cap = (guint) (LT_BUNDLE_DEFAULT_TOTAL_CAP / (1024 * 1024));
  gboolean yes = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "ticket", 't', 0, G_OPTION_ARG_STRING, &ticket_id,
      N_("Attach the bundle to this ticket (its parts are queued in the outbox)"), N_("ID") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the bundle to FILE (ending in .tar.gz); without --ticket nothing is sent"),
      N_("FILE") },
    { "keyword", 'k', 0, G_OPTION_ARG_STRING_ARRAY, &keywords,
      N_("Also replace this word (for this bundle; see “bundle keywords” for the profile's)"),
      N_("WORD") },
    { "pattern", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &patterns,
      N_("Also replace what this regular expression matches"), N_("RE") },
    { "exclude", 'x', 0, G_OPTION_ARG_FILENAME_ARRAY, &excludes,
      N_("Leave this file or folder out"), N_("PATH") },
    { "include-binary", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &binaries,
      N_("Add this binary file as it is (not scanned)"), N_("FILE") },
    { "file-cap", 0, 0, G_OPTION_ARG_STRING, &file_cap_text,
      N_("Keep at most the newest MIB mebibytes of each file (default 64; 0: no cap)"), N_("MIB") },
    { "total-cap", 0, 0, G_OPTION_ARG_STRING, &total_cap_text,
      N_("Keep at most MIB mebibytes in all (default 1024; 0: no cap)"), N_("MIB") },
    { "part-size", 0, 0, G_OPTION_ARG_STRING, &part_size_text,
      N_("Split the bundle into parts of at most MIB mebibytes (1 to 10, the portal's limit; "
         "default 10)"), N_("MIB") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Send without asking: you reviewed what the bundle holds"), NULL },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "PATH" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CreateFacts) facts = { NULL, };
  g_autoptr(LtTicket) ticket = NULL;
  gboolean own_output = FALSE;
  LtPolicy *policy = NULL;
  LtStore *store;

  context = lt_cli_context_new (cli, "PATH…",
                                _("Makes a diagnostics bundle of the files and folders given: "
                                  "secrets and identities replaced, consistently with the "
                                  "profile's earlier bundles; prints what was found per file. "
                                  "With --ticket the parts are queued for the ticket once you "
                                  "confirm (at a terminal, or with --yes); without, --output is "
                                  "needed and nothing is sent."),
                                entries);
  if (!lt_cli_parse_range (cli, context, &argc, &argv, 0, G_MAXUINT, arg_names, &error))
    return lt_cli_fail (cli, error);
  if (argc < 2 && (binaries == NULL || binaries[0] == NULL))
    {
      lt_cli_set_usage_error (cli, &error, _("give at least one file or folder (PATH)"));
      return lt_cli_fail (cli, error);
    }
  if (ticket_id == NULL && output == NULL)
    {
      lt_cli_set_usage_error (cli, &error,
                              _("--output FILE is needed without --ticket: the bundle is only "
                                "written, to be sent from elsewhere"));
      return lt_cli_fail (cli, error);
    }
  if (output != NULL && !g_str_has_suffix (output, ".tar.gz"))
    {
      g_autofree char *display = g_filename_display_name (output);
      g_autofree char *message = g_strdup_printf (_("--output: “%s” does not end in .tar.gz"),
                                                  display);

      lt_cli_set_usage_error (cli, &error, message);
      return lt_cli_fail (cli, error);
    }
  if (part_size_text != NULL &&
      (!lt_cli_parse_uint ("--part-size", part_size_text, LT_ATTACHMENT_MAX_SIZE / (1024 * 1024),
                           &part_size, &error) ||
       part_size == 0))
    {
      if (error == NULL)
        g_set_error (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                     _("--part-size: a part is at least 1 MiB"));
      return lt_cli_fail (cli, error);
    }
  if ((file_cap_text != NULL &&
       !lt_cli_parse_uint ("--file-cap", file_cap_text, MAX_CAP_MIB, &file_cap, &error)) ||
      (total_cap_text != NULL &&
       !lt_cli_parse_uint ("--total-cap", total_cap_text, MAX_CAP_MIB, &total_cap, &error)))
    return lt_cli_fail (cli, error);
  /* Nobody to confirm the review: said before anything is made. */
  if (ticket_id != NULL && json && !yes)
    {
      lt_cli_set_usage_error (cli, &error,
                              _("--json with --ticket needs --yes: the review is the output, "
                                "printed once the parts are queued"));
      return lt_cli_fail (cli, error);
    }
  if (ticket_id != NULL && !yes && !lt_cli_can_prompt ())
    {
      lt_cli_set_usage_error (cli, &error,
                              _("--ticket needs your confirmation, and standard input is not a "
                                "terminal to ask on: review the bundle first with --output FILE "
                                "(nothing is sent), then run again with --yes"));
      return lt_cli_fail (cli, error);
    }

  if ((store = lt_cli_get_store (cli, &error)) == NULL)
    return lt_cli_fail (cli, error);
  /* The ticket is checked before the bundle is made. */
  if (ticket_id != NULL &&
      ((policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
       (ticket = lt_cli_find_ticket (store, ticket_id, &error)) == NULL))
    return lt_cli_fail (cli, error);

  facts.job = lt_bundle_job_new (store);
  lt_bundle_job_set_part_size (facts.job, (guint64) part_size * 1024 * 1024);
  lt_bundle_job_set_file_cap (facts.job, (guint64) file_cap * 1024 * 1024);
  lt_bundle_job_set_total_cap (facts.job, (guint64) total_cap * 1024 * 1024);
  for (int i = 1; i < argc; i++)
    lt_bundle_job_add_path (facts.job, argv[i], LT_BUNDLE_PATH_NONE);
  for (guint i = 0; binaries != NULL && binaries[i] != NULL; i++)
    lt_bundle_job_add_path (facts.job, binaries[i], LT_BUNDLE_PATH_INCLUDE_BINARY);
  for (guint i = 0; excludes != NULL && excludes[i] != NULL; i++)
    lt_bundle_job_exclude (facts.job, excludes[i]);
  for (guint i = 0; keywords != NULL && keywords[i] != NULL; i++)
    lt_bundle_job_add_keyword (facts.job, keywords[i]);
  for (guint i = 0; patterns != NULL && patterns[i] != NULL; i++)
    if (!lt_bundle_job_add_pattern (facts.job, patterns[i], &error))
      {
        g_prefix_error (&error, "--pattern: ");
        return lt_cli_fail (cli, error);
      }

  /* The profile's folder when no --output is given: those parts are
   * ours to remove if they are not sent; a named --output stays. */
  own_output = output == NULL;
  if (own_output && (output = outgoing_bundle_path (cli, lt_cli_ticket_name (ticket), &error)) == NULL)
    return lt_cli_fail (cli, error);
  if (!lt_bundle_job_run (facts.job, output, NULL, &error))
    return lt_cli_fail (cli, error);

  if (ticket == NULL)
    {
      if (json)
        print_json (&facts);
      else
        print_review (&facts);
      return LT_CLI_EXIT_OK;
    }

  facts.ticket = g_strdup (lt_cli_ticket_name (ticket));
  if (!json)
    print_review (&facts);
  /* --yes, or a terminal to ask on (checked before the bundle was made). */
  if (!yes)
    {
      GPtrArray *parts = lt_bundle_job_get_parts (facts.job);
      g_autofree char *question =
        g_strdup_printf (ngettext ("Attach this bundle (%u part) to %s?",
                                   "Attach this bundle (%u parts) to %s?", parts->len),
                         parts->len, facts.ticket);

      if (!lt_cli_ask_yes_no (question))
        {
          if (own_output)
            remove_parts (facts.job);
          g_print ("%s\n", _("Not sent."));
          return LT_CLI_EXIT_NO;
        }
    }

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(LtOutbox) outbox = lt_outbox_new (store);

    /* All the parts or none, each naming its part and the bundle. */
    facts.keys = lt_actions_attach_bundle (outbox, policy, ticket, lt_bundle_job_get_parts (facts.job),
                                           now, &error);
    if (facts.keys == NULL)
      {
        if (own_output)
          remove_parts (facts.job);
        g_prefix_error (&error, "%s: ", facts.ticket);
        return lt_cli_fail_action (cli, error);
      }
    facts.queued = TRUE;
    facts.delivery = lt_cli_deliver_now (cli, outbox,
                                         g_ptr_array_index (facts.keys, facts.keys->len - 1),
                                         &facts.why);
  }

  if (json)
    {
      print_json (&facts);
      return facts.delivery == LT_CLI_DELIVERY_REFUSED ? LT_CLI_EXIT_NO : LT_CLI_EXIT_OK;
    }
  if (facts.delivery == LT_CLI_DELIVERY_SENT)
    {
      g_print (ngettext ("The bundle is attached to %s (%u part).\n",
                         "The bundle is attached to %s (%u parts).\n", facts.keys->len),
               facts.ticket, facts.keys->len);
      return LT_CLI_EXIT_OK;
    }
  {
    g_autofree char *subject = g_strdup_printf (_("The bundle for %s"), facts.ticket);

    return lt_cli_report_not_sent (facts.delivery, subject, facts.why);
  }
}

/* ---- bundle keywords --------------------------------------------------------- */

static void
print_keywords (GPtrArray *keywords,
                gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < keywords->len; i++)
        {
          const LtRedactionKeyword *k = g_ptr_array_index (keywords, i);

          json_builder_begin_object (builder);
          lt_cli_add_string_member (builder, "text", k->text);
          lt_cli_add_string_member (builder, "kind", k->pattern ? "pattern" : "word");
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      lt_cli_print_json (builder);
      return;
    }
  if (keywords->len == 0)
    {
      g_print ("%s\n", _("No keywords: only the built-in rules replace names."));
      return;
    }
  for (guint i = 0; i < keywords->len; i++)
    {
      const LtRedactionKeyword *k = g_ptr_array_index (keywords, i);

      g_autofree char *text = lt_text_dup_displayable (k->text, LT_TEXT_SINGLE_LINE);

      /* TRANSLATORS: "word     Bluefin" / "pattern  CUST-[0-9]{6}" */
      g_print ("%-8s %s\n", k->pattern ? _("pattern") : _("word"), text);
    }
}

int
lt_cli_bundle_keywords_run (LtCli  *cli,
                            int     argc,
                            char  **argv)
{
  g_auto(GStrv) add = NULL;
  g_auto(GStrv) add_patterns = NULL;
  g_auto(GStrv) remove = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "add", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &add,
      N_("Replace this word in every bundle of the profile"), N_("WORD") },
    { "add-pattern", 0, 0, G_OPTION_ARG_STRING_ARRAY, &add_patterns,
      N_("Replace what this regular expression matches in every bundle"), N_("RE") },
    { "remove", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &remove,
      N_("Remove a word or pattern"), N_("WORD") },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keywords = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(LtStoreTransaction) tx = NULL;
  gboolean changes;
  LtStore *store;

  context = lt_cli_context_new (cli, NULL,
                                _("The profile's own words and regular expressions, replaced in "
                                  "every bundle it makes (as the app's Preferences edit them); "
                                  "prints them after the changes."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error))
    return lt_cli_fail (cli, error);

  changes = add != NULL || add_patterns != NULL || remove != NULL;
  store = changes ? lt_cli_get_store (cli, &error) : lt_cli_get_store_for_reading (cli, &error);
  if (store == NULL)
    return lt_cli_fail (cli, error);
  /* All the changes or none: a bad pattern after a removal leaves the
   * profile as it was. */
  if (changes && (tx = lt_store_begin (store, &error)) == NULL)
    return lt_cli_fail (cli, error);
  for (guint i = 0; remove != NULL && remove[i] != NULL; i++)
    if (!lt_store_remove_redaction_keyword (store, remove[i], &error))
      {
        g_prefix_error (&error, "--remove: ");
        return lt_cli_fail (cli, error);
      }
  for (guint i = 0; add != NULL && add[i] != NULL; i++)
    if (!lt_store_add_redaction_keyword (store, add[i], FALSE, now, &error))
      {
        g_prefix_error (&error, "--add: ");
        return lt_cli_fail (cli, error);
      }
  for (guint i = 0; add_patterns != NULL && add_patterns[i] != NULL; i++)
    if (!lt_store_add_redaction_keyword (store, add_patterns[i], TRUE, now, &error))
      {
        g_prefix_error (&error, "--add-pattern: ");
        return lt_cli_fail (cli, error);
      }

  if (tx != NULL && !lt_store_transaction_commit (g_steal_pointer (&tx), &error))
    return lt_cli_fail (cli, error);
  keywords = lt_store_list_redaction_keywords (store, &error);
  if (keywords == NULL)
    return lt_cli_fail (cli, error);
  print_keywords (keywords, json);
  return LT_CLI_EXIT_OK;
}
