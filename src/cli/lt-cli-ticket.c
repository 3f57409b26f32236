/* lt-cli-ticket.c: ltsupport ticket file|list|show|comment|attach|confirm|
 * reopen|escalate
 *
 * Filing runs the policy's checks in the order the policy gives them
 * (primary contact, severity, scope, version eligibility, §12 known
 * issues, §15 feature criteria), each from core, asks for the
 * acknowledgements they need and queues the ticket through lt-actions,
 * the one path from a user action to a local change plus an outbox item.
 * The actions on a ticket are refused here when the policy forbids them
 * (exit 1, the core's reason), and queued the same way otherwise.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ltsupport"

#include "config.h"

#include "lt-cli-commands.h"
#include "lt-cli-actions.h"
#include "lt-actions.h"
#include "lt-bundle-reader.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-file-util.h"
#include "lt-lifecycle.h"
#include "lt-portal-json.h"
#include "lt-rules.h"
#include "lt-redaction-map.h"
#include "lt-sla.h"
#include "lt-text-util.h"
#include "lt-store-alerts.h"
#include "lt-store-account.h"
#include "lt-store-redaction-map.h"
#include "lt-store-installations.h"
#include "lt-store-tickets.h"
#include "lt-ticket-list.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

/* Titles longer than this are shortened in `ticket list`; `show` and
 * --json give them whole. */
#define LIST_TITLE_WIDTH 40

/* ---- shared ---------------------------------------------------------------- */

static LtTicket *
find_ticket (LtStore     *store,
             const char  *id,
             GError     **error)
{
  return lt_cli_find_ticket (store, id, error);
}

static const char *
ticket_name (LtTicket *ticket)
{
  return lt_cli_ticket_name (ticket);
}

static GDateTime *
now_utc (void)
{
  return g_date_time_new_now_utc ();
}

/* A comma-separated list of nicks as a filter mask ("in-progress,resolved"). */
static gboolean
parse_mask (const char  *what,
            GType        enum_type,
            const char  *text,
            guint       *mask,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  *mask = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      int value;

      if (!lt_cli_parse_enum (what, enum_type, g_strstrip (parts[i]), &value, error))
        return FALSE;
      *mask |= 1u << value;
    }
  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* The vendor-local date of @now: "today" for the policy's calendar rules. */
static void
vendor_today (LtPolicy  *policy,
              GDateTime *now,
              GDate     *today)
{
  lt_business_calendar_local_date (lt_policy_get_calendar (policy), now, today);
}

/* ---- ticket file ----------------------------------------------------------- */

typedef struct
{
  /* options */
  char                *title;
  char                *category;
  char                *severity_text;
  char                *installation_name;
  char                *version_text;
  char                *description_file;
  char                *references;
  char               **known_issues;
  char               **attachments;
  char               **criteria_args;
  LtSeverityAnswers    answers;
  gboolean             break_fix;
  gboolean             yes;
  gboolean             json;

  /* what the checks found */
  LtSeverity           severity;
  gboolean             security_incident;
  char                *severity_reason;
  LtScopeCheck         scope;
  char                *product_version;
  const char          *installation;
  GPtrArray           *warnings;
  GPtrArray           *acks;
  JsonObject          *criteria;
  char                *description;
} FileRequest;

static void
file_request_clear (FileRequest *req)
{
  g_free (req->title);
  g_free (req->category);
  g_free (req->severity_text);
  g_free (req->installation_name);
  g_free (req->version_text);
  g_free (req->description_file);
  g_free (req->references);
  g_strfreev (req->known_issues);
  g_strfreev (req->attachments);
  g_strfreev (req->criteria_args);
  g_free (req->severity_reason);
  lt_scope_check_clear (&req->scope);
  g_free (req->product_version);
  g_clear_pointer (&req->warnings, g_ptr_array_unref);
  g_clear_pointer (&req->acks, g_ptr_array_unref);
  g_clear_pointer (&req->criteria, json_object_unref);
  g_free (req->description);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileRequest, file_request_clear)

static void
warn (FileRequest *req,
      const char  *warning)
{
  lt_cli_warn (warning);
  g_ptr_array_add (req->warnings, g_strdup (warning));
}

static gboolean
any_questionnaire_answer (const LtSeverityAnswers *a)
{
  return a->security || a->outage || a->no_workaround || a->all_users ||
         a->degraded || a->limited || a->enhancement;
}

/* Check 1 (R10): a complete primary technical contact. Without one the
 * portal refuses the ticket (409 primary_contact_required), so it is
 * refused here with what to do about it. */
static gboolean
check_contact (LtStore   *store,
               LtPolicy  *policy,
               GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LtAccount) account = lt_store_load_account (store, &local_error);
  const char *portal = lt_policy_get_portal_url (policy);

  if (account == NULL)
    {
      if (!g_error_matches (local_error, LT_ERROR, LT_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("no primary technical contact is known, and the policy requires one before "
                     "filing (§8): set it in your account on the portal (%s), then run "
                     "“ltsupport sync” to fetch it"), portal);
      return FALSE;
    }
  if (!lt_account_check_primary_contact (account, &local_error))
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("the primary technical contact cannot be used for filing: %s; correct it in "
                     "your account on the portal (%s), then run “ltsupport sync”"),
                   local_error->message, portal);
      return FALSE;
    }
  return TRUE;
}

/* Check 2 (R6): the severity, from --severity or the questionnaire. */
static gboolean
check_severity (LtCli        *cli,
                FileRequest  *req,
                GError      **error)
{
  if (req->severity_text != NULL && any_questionnaire_answer (&req->answers))
    {
      lt_cli_set_usage_error (cli, error,
                              _("--severity and the questionnaire options (--security, --outage, "
                                "--degraded…) are alternatives: give one or the other"));
      return FALSE;
    }

  if (req->severity_text != NULL)
    {
      int value;

      if (!lt_cli_parse_enum ("--severity", LT_TYPE_SEVERITY, req->severity_text, &value, error))
        return FALSE;
      req->severity = value;
      req->security_incident = FALSE;
      return TRUE;
    }

  if (!any_questionnaire_answer (&req->answers))
    {
      lt_cli_set_usage_error (cli, error,
                              _("missing the severity: give --severity s1|s2|s3|feature or answer "
                                "the questionnaire with its options, as for “ltsupport classify”"));
      return FALSE;
    }

  {
    LtSeverityAssessment assessment = { 0 };

    req->answers.break_fix = req->break_fix;
    if (!lt_rules_assess_severity (&req->answers, &assessment, error))
      return FALSE;
    req->severity = assessment.severity;
    req->security_incident = assessment.security_incident;
    req->severity_reason = g_steal_pointer (&assessment.reason);
    lt_severity_assessment_clear (&assessment);
  }
  return TRUE;
}

static char *
list_category_ids (LtPolicy *policy)
{
  g_autoptr(GString) ids = g_string_new (NULL);
  guint n = 0;
  const LtScopeCategory *categories = lt_policy_get_scope_categories (policy, &n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (ids, "%s%s", i > 0 ? ", " : "", categories[i].id);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Check 3 (R7): the category's scope. */
static gboolean
check_scope (LtPolicy     *policy,
             FileRequest  *req,
             GError      **error)
{
  if (!lt_rules_check_scope_for_policy (policy, req->category, &req->scope, error))
    {
      g_autofree char *ids = list_category_ids (policy);

      g_prefix_error (error, "--category: ");
      /* The message quotes the bad id; name the good ones as well. */
      if (error != NULL && *error != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("%s (categories: %s)"), (*error)->message, ids);

          g_free ((*error)->message);
          (*error)->message = g_steal_pointer (&message);
        }
      return FALSE;
    }
  if (req->scope.needs_acknowledgement)
    {
      warn (req, req->scope.warning);
      g_ptr_array_add (req->acks, (gpointer) _("an out-of-scope category"));
    }
  return TRUE;
}

/* The installed version, from --installation or --version. */
static gboolean
resolve_version (LtStore      *store,
                 FileRequest  *req,
                 LtVersion   **version,
                 GError      **error)
{
  *version = NULL;

  if (req->installation_name != NULL)
    {
      g_autoptr(LtStoreInstallations) installations = lt_store_installations_new (store, error);
      g_autoptr(LtInstallation) installation = NULL;
      const char *detected;

      if (installations == NULL)
        return FALSE;
      installation = lt_store_installations_find (installations, req->installation_name, error);
      if (installation == NULL)
        {
          g_prefix_error (error, "--installation: ");
          return FALSE;
        }
      req->installation = g_intern_string (lt_installation_get_name (installation));
      detected = lt_installation_get_detected_version (installation);
      if (detected == NULL)
        {
          g_autofree char *note =
            g_strdup_printf (_("The version of “%s” is not known yet, so its eligibility and the "
                               "known issues cannot be checked (“ltsupport installation detect %s”)."),
                             req->installation, req->installation);

          warn (req, note);
          return TRUE;
        }
      req->product_version = g_strdup (detected);
      *version = lt_installation_dup_version (installation, error);
      if (*version == NULL)
        {
          g_prefix_error (error, "--installation: ");
          return FALSE;
        }
      return TRUE;
    }

  if (req->version_text != NULL)
    {
      *version = lt_version_parse (req->version_text, error);
      if (*version == NULL)
        {
          g_prefix_error (error, "--version: ");
          return FALSE;
        }
      req->product_version = g_strdup (req->version_text);
    }
  return TRUE;
}

/* Check 4 (R2, §11): eligibility of the installed version; check 5 (§12):
 * a named known issue that a newer release already fixes. */
static gboolean
check_version (LtStore           *store,
               LtPolicy          *policy,
               LtReleaseCatalog  *catalog,
               FileRequest       *req,
               GError           **error)
{
  g_autoptr(LtVersion) version = NULL;
  gboolean fixed_elsewhere = FALSE;

  if (!resolve_version (store, req, &version, error))
    return FALSE;

  if (version != NULL)
    {
      g_autoptr(LtEligibility) verdict = lt_release_catalog_check_version_for_policy (catalog, version,
                                                                                      policy);

      switch (verdict->status)
        {
        case LT_SUPPORT_STATUS_UNSUPPORTED:
          warn (req, verdict->message);
          g_ptr_array_add (req->acks, (gpointer) _("an unsupported version"));
          break;
        case LT_SUPPORT_STATUS_UNKNOWN:
          warn (req, verdict->message);
          break;
        case LT_SUPPORT_STATUS_CURRENT:
        case LT_SUPPORT_STATUS_SUPPORTED:
        default:
          break;
        }
      if (verdict->withdrawn_message != NULL)
        warn (req, verdict->withdrawn_message);
    }

  for (guint i = 0; req->known_issues != NULL && req->known_issues[i] != NULL; i++)
    {
      const char *issue = req->known_issues[i];
      g_autofree char *warning = NULL;

      /* Without a version only the id's form can be checked. */
      if (version == NULL ? !lt_release_validate_issue_id (issue, error)
                          : !lt_release_catalog_find_fix (catalog, version, issue, NULL, &warning, error))
        {
          g_prefix_error (error, "--known-issue: ");
          return FALSE;
        }
      if (warning != NULL)
        {
          warn (req, warning);
          fixed_elsewhere = TRUE;
        }
    }
  if (fixed_elsewhere)
    g_ptr_array_add (req->acks, (gpointer) _("a known issue fixed in a newer release"));

  if (version == NULL && req->known_issues != NULL && req->known_issues[0] != NULL &&
      req->installation == NULL)
    warn (req, _("Without --installation or --version, whether a newer release already fixes "
                 "the known issues named cannot be checked (§12)."));
  return TRUE;
}

/* Check 6 (§15): a feature request carries the policy's prioritisation
 * criteria, each answered; other severities carry none. */
static gboolean
collect_criteria (LtCli        *cli,
                  LtPolicy     *policy,
                  FileRequest  *req,
                  GError      **error)
{
  const char * const *ids = lt_policy_get_feature_criterion_ids (policy);
  const char * const *labels = lt_policy_get_feature_criteria (policy);
  g_autoptr(JsonObject) criteria = json_object_new ();
  g_autoptr(GString) missing = g_string_new (NULL);

  if (req->severity != LT_SEVERITY_FEATURE)
    {
      if (req->criteria_args != NULL && req->criteria_args[0] != NULL)
        {
          lt_cli_set_usage_error (cli, error,
                                  _("--feature-criteria: only a feature request (severity feature) "
                                    "carries the prioritisation criteria"));
          return FALSE;
        }
      return TRUE;
    }

  for (guint i = 0; req->criteria_args != NULL && req->criteria_args[i] != NULL; i++)
    {
      const char *arg = req->criteria_args[i];
      const char *eq = strchr (arg, '=');
      g_autofree char *id = NULL;
      gboolean known = FALSE;

      if (eq == NULL)
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("--feature-criteria: “%s” is not ID=TEXT"), arg);
          return FALSE;
        }
      id = g_strndup (arg, (gsize) (eq - arg));
      for (guint j = 0; ids[j] != NULL; j++)
        known = known || g_str_equal (ids[j], id);
      if (!known)
        {
          g_autofree char *all = g_strjoinv (", ", (char **) ids);

          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("--feature-criteria: “%s” is not a criterion of the policy (expected one "
                         "of: %s)"), id, all);
          return FALSE;
        }
      if (is_blank (eq + 1))
        {
          g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                       _("--feature-criteria: the text for “%s” is empty"), id);
          return FALSE;
        }
      json_object_set_string_member (criteria, id, eq + 1);
    }

  for (guint j = 0; ids[j] != NULL; j++)
    {
      if (json_object_has_member (criteria, ids[j]))
        continue;
      if (lt_cli_can_prompt ())
        {
          g_autofree char *prompt = g_strdup_printf ("%s: ", labels[j]);
          g_autofree char *answer = lt_cli_read_line (prompt);

          if (!is_blank (answer))
            {
              json_object_set_string_member (criteria, ids[j], g_strstrip (answer));
              continue;
            }
        }
      g_string_append_printf (missing, "%s%s=TEXT (%s)", missing->len > 0 ? ", " : "",
                              ids[j], labels[j]);
    }

  if (missing->len > 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("a feature request needs the policy's prioritisation criteria (§15); "
                           "missing --feature-criteria %s"), missing->str);

      lt_cli_set_usage_error (cli, error, message);
      return FALSE;
    }
  req->criteria = g_steal_pointer (&criteria);
  return TRUE;
}

static int
print_filed (FileRequest   *req,
             LtPolicy      *policy,
             LtTicket      *ticket,
             LtCliDelivery  delivery,
             const char    *why,
             GDateTime     *now)
{
  g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
  g_autoptr(GDateTime) due = NULL;
  const char *phone = lt_policy_get_critical_phone (policy);
  gboolean show_phone = lt_rules_shows_critical_phone (req->severity, req->security_incident);
  int status = LT_CLI_EXIT_OK;

  if (delivery == LT_CLI_DELIVERY_SENT)
    g_print (_("Filed as %s.\n"), lt_ticket_get_id (ticket));
  else
    status = lt_cli_report_not_sent (delivery, NULL, why);

  lt_cli_fields_add (fields, _("Local id"), "%s", lt_ticket_get_local_id (ticket));
  lt_cli_fields_add (fields, _("Severity"), "%s%s", lt_enum_to_nick (LT_TYPE_SEVERITY, req->severity),
                     req->security_incident ? _(" (security incident)") : "");
  if (req->severity_reason != NULL)
    lt_cli_fields_add (fields, _("Reason"), "%s", req->severity_reason);
  due = lt_ticket_get_response_due (ticket) != NULL ? g_date_time_ref (lt_ticket_get_response_due (ticket)) : NULL;
  if (due != NULL)
    {
      g_autofree char *text = lt_cli_describe_deadline (due, policy);

      lt_cli_fields_add (fields, _("Response due"), "%s", text);
    }
  lt_cli_fields_print (fields);

  /* R10: the critical line only for S1 and security incidents. */
  if (show_phone && phone != NULL)
    g_print (_("\nFor a Severity 1 or security incident, also call the critical support line now: %s\n"),
             phone);

  if (req->severity == LT_SEVERITY_FEATURE)
    {
      GDate today, next;
      g_autofree char *next_text = NULL;

      vendor_today (policy, now, &today);
      lt_rules_next_feature_review_for_policy (policy, &today, &next);
      next_text = lt_cli_describe_date (&next);
      g_print (_("\nFeature requests are reviewed every quarter; the next review is %s (§15).\n"),
               next_text);
    }
  return status;
}

/* --references (R5, §14): a follow-up of a closed ticket whose reopen
 * window is over; inside the window the policy's way is to reopen it. */
static gboolean
check_references (LtStore      *store,
                  LtPolicy     *policy,
                  FileRequest  *req,
                  GDateTime    *now,
                  GError      **error)
{
  g_autoptr(LtTicket) earlier = NULL;

  if (req->references == NULL)
    return TRUE;
  earlier = find_ticket (store, req->references, error);
  if (earlier == NULL)
    {
      g_prefix_error (error, "--references: ");
      return FALSE;
    }
  if (lt_ticket_get_id (earlier) == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                   _("--references: “%s” has not reached the portal yet"), req->references);
      return FALSE;
    }
  if (!lt_lifecycle_check_customer_action_for_policy (policy, lt_ticket_get_state (earlier),
                                                      lt_ticket_get_closed_at (earlier),
                                                      lt_ticket_get_escalation_level (earlier),
                                                      now, LT_CUSTOMER_ACTION_NEW_REFERENCING, error))
    {
      g_prefix_error (error, "--references %s: ", lt_ticket_get_id (earlier));
      return FALSE;
    }
  /* The portal knows it by its id, whichever id was typed. */
  g_free (req->references);
  req->references = g_strdup (lt_ticket_get_id (earlier));
  return TRUE;
}

static void
print_filed_json (FileRequest   *req,
                  LtPolicy      *policy,
                  LtTicket      *ticket,
                  const char    *key,
                  LtCliDelivery  delivery,
                  const char    *why,
                  GDateTime     *now)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean show_phone = lt_rules_shows_critical_phone (req->severity, req->security_incident);

  json_builder_begin_object (builder);
  lt_cli_add_string_member (builder, "id", lt_ticket_get_id (ticket));
  lt_cli_add_string_member (builder, "local_id", lt_ticket_get_local_id (ticket));
  lt_cli_add_string_member (builder, "outbox_key", key);
  lt_cli_add_string_member (builder, "state", lt_enum_to_nick (LT_TYPE_TICKET_STATE, lt_ticket_get_state (ticket)));
  lt_cli_add_string_member (builder, "delivery", lt_cli_delivery_to_string (delivery));
  lt_cli_add_string_member (builder, "delivery_message", why);
  lt_cli_add_string_member (builder, "severity", lt_enum_to_nick (LT_TYPE_SEVERITY, req->severity));
  lt_cli_add_boolean_member (builder, "security_incident", req->security_incident);
  lt_cli_add_boolean_member (builder, "break_fix", req->break_fix);
  lt_cli_add_string_member (builder, "category", req->category);
  lt_cli_add_boolean_member (builder, "scope_acknowledged", req->scope.needs_acknowledgement);
  lt_cli_add_instant_member (builder, "response_due", lt_ticket_get_response_due (ticket));
  lt_cli_add_string_member (builder, "critical_phone",
                            show_phone ? lt_policy_get_critical_phone (policy) : NULL);
  json_builder_set_member_name (builder, "next_feature_review");
  if (req->severity == LT_SEVERITY_FEATURE)
    {
      GDate today, next;
      g_autofree char *text = NULL;

      vendor_today (policy, now, &today);
      lt_rules_next_feature_review_for_policy (policy, &today, &next);
      text = lt_date_format (&next);
      json_builder_add_string_value (builder, text);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < req->warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (req->warnings, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  lt_cli_print_json (builder);
}

int
lt_cli_ticket_file_run (LtCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_auto(FileRequest) req = { 0 };
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &req.title,
      N_("A one-line summary of the issue"), N_("TEXT") },
    { "category", 0, 0, G_OPTION_ARG_STRING, &req.category,
      N_("The scope category of the policy (troubleshooting, configuration, …)"), N_("ID") },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &req.severity_text,
      N_("s1, s2, s3 or feature; or answer the questionnaire instead"), N_("SEV") },
    { "security", 0, 0, G_OPTION_ARG_NONE, &req.answers.security,
      N_("1. It is a security incident"), NULL },
    { "outage", 0, 0, G_OPTION_ARG_NONE, &req.answers.outage,
      N_("2. The product is completely non-functional (total outage)…"), NULL },
    { "no-workaround", 0, 0, G_OPTION_ARG_NONE, &req.answers.no_workaround,
      N_("2. …with no workaround…"), NULL },
    { "all-users", 0, 0, G_OPTION_ARG_NONE, &req.answers.all_users,
      N_("2. …for all users"), NULL },
    { "degraded", 0, 0, G_OPTION_ARG_NONE, &req.answers.degraded,
      N_("3. Significantly degraded, a major disruption (a workaround may exist)"), NULL },
    { "limited", 0, 0, G_OPTION_ARG_NONE, &req.answers.limited,
      N_("4. Working, with issues for limited users or features"), NULL },
    { "enhancement", 0, 0, G_OPTION_ARG_NONE, &req.answers.enhancement,
      N_("5. A request for a new capability or an enhancement"), NULL },
    { "break-fix", 0, 0, G_OPTION_ARG_NONE, &req.break_fix,
      N_("It worked before and is broken now"), NULL },
    { "installation", 0, 0, G_OPTION_ARG_STRING, &req.installation_name,
      N_("The installation affected (its id or name); its version is checked"), N_("NAME") },
    { "version", 0, 0, G_OPTION_ARG_STRING, &req.version_text,
      N_("The LockThreat version affected, when not an installation of the store"), N_("V") },
    { "known-issue", 0, 0, G_OPTION_ARG_STRING_ARRAY, &req.known_issues,
      N_("A known issue this is about (repeatable)"), N_("LT-1234") },
    { "description-file", 0, 0, G_OPTION_ARG_FILENAME, &req.description_file,
      N_("Read the description from FILE (“-”: standard input, the default)"), N_("FILE") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &req.attachments,
      N_("Attach a log file or diagnostic bundle once filed (repeatable)"), N_("FILE") },
    { "feature-criteria", 0, 0, G_OPTION_ARG_STRING_ARRAY, &req.criteria_args,
      N_("A §15 prioritisation criterion of a feature request (repeatable)"), N_("ID=TEXT") },
    { "references", 0, 0, G_OPTION_ARG_STRING, &req.references,
      N_("A closed ticket this one follows up (after its reopen window)"), N_("ID") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &req.yes,
      N_("Acknowledge the policy's warnings without asking"), NULL },
    LT_CLI_JSON_OPTION (req.json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = now_utc ();
  g_autoptr(LtReleaseCatalog) catalog = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(LtTicket) stored = NULL;
  g_autoptr(GPtrArray) outgoing = NULL;
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = NULL;
  g_autofree char *why = NULL;
  LtFileTicketOptions options = { 0 };
  LtCliDelivery delivery;
  LtStore *store;
  LtPolicy *policy;
  int status;

  req.warnings = g_ptr_array_new_with_free_func (g_free);
  req.acks = g_ptr_array_new ();

  context = lt_cli_context_new (cli, NULL,
                                _("Files a support ticket. The policy's checks run first, in "
                                  "order: a primary technical contact (§8), the severity (§4, "
                                  "§16), the scope (§5), the installed version (§11) and known "
                                  "issues fixed in a newer release (§12). Warnings that change "
                                  "how the ticket is handled need your acknowledgement: at a "
                                  "terminal you are asked, otherwise give --yes. The ticket is "
                                  "queued in the outbox and sent at once when the portal can be "
                                  "reached."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      !lt_cli_require_option ("--title", req.title, &error) ||
      !lt_cli_require_option ("--category", req.category, &error))
    return lt_cli_fail (cli, error);

  if (is_blank (req.title))
    {
      g_set_error_literal (&error, LT_ERROR, LT_ERROR_INVALID_INPUT, _("--title: the title is empty"));
      return lt_cli_fail (cli, error);
    }
  if (req.installation_name != NULL && req.version_text != NULL)
    {
      lt_cli_set_usage_error (cli, &error,
                              _("--installation and --version are alternatives: the installation "
                                "knows its version"));
      return lt_cli_fail (cli, error);
    }
  /* A named file is read now, so a wrong path stops before any question
   * is asked; standard input is read last, after the questions. */
  if (req.description_file != NULL && !g_str_equal (req.description_file, "-") &&
      (req.description = lt_cli_read_text ("--description-file", req.description_file, &error)) == NULL)
    return lt_cli_fail (cli, error);
  for (guint i = 0; req.attachments != NULL && req.attachments[i] != NULL; i++)
    g_ptr_array_add (attachments, g_canonicalize_filename (req.attachments[i], NULL));
  g_ptr_array_add (attachments, NULL);

  if ((store = lt_cli_get_store (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
      (catalog = lt_cli_load_effective_catalog (store, &error)) == NULL)
    return lt_cli_fail (cli, error);

  /* The checks, in the policy's order; each stops at bad input. */
  if (!check_contact (store, policy, &error) ||
      !check_severity (cli, &req, &error) ||
      !check_scope (policy, &req, &error) ||
      !check_version (store, policy, catalog, &req, &error) ||
      !collect_criteria (cli, policy, &req, &error))
    return lt_cli_fail (cli, error);
  if (!check_references (store, policy, &req, now, &error))
    return lt_cli_fail_action (cli, error);

  status = lt_cli_acknowledge (cli, req.acks, req.yes, _("File the ticket anyway?"), &error);
  if (status == LT_CLI_EXIT_NO)
    {
      g_printerr ("%s\n", _("Not filed."));
      return status;
    }
  if (status != LT_CLI_EXIT_OK)
    return lt_cli_fail (cli, error);

  if (req.description == NULL &&
      (req.description = lt_cli_read_text ("--description-file", req.description_file, &error)) == NULL)
    return lt_cli_fail (cli, error);
  if (is_blank (req.description))
    {
      g_set_error_literal (&error, LT_ERROR, LT_ERROR_INVALID_INPUT,
                           _("the description is empty: describe the issue on standard input or "
                             "with --description-file"));
      return lt_cli_fail (cli, error);
    }

  /* What the app's assistant shows before filing, asked here too: the
   * description may have come from standard input only now. */
  outgoing = lt_cli_outgoing_new ();
  lt_cli_outgoing_add (outgoing, "--title", req.title);
  lt_cli_outgoing_add (outgoing, _("the description"), req.description);
  status = lt_cli_review_outgoing (cli, outgoing, (const char * const *) attachments->pdata, req.yes,
                                   _("File the ticket anyway?"), &error);
  if (status == LT_CLI_EXIT_NO)
    {
      g_printerr ("%s\n", _("Not filed."));
      return status;
    }
  if (status != LT_CLI_EXIT_OK)
    return lt_cli_fail (cli, error);

  ticket = lt_ticket_new_draft ();
  lt_ticket_set_title (ticket, g_strstrip (req.title));
  lt_ticket_set_description (ticket, req.description);
  lt_ticket_set_severity (ticket, req.severity);
  lt_ticket_set_category (ticket, req.category);
  lt_ticket_set_break_fix (ticket, req.break_fix);
  lt_ticket_set_security_incident (ticket, req.security_incident);
  lt_ticket_set_product_version (ticket, req.product_version);
  lt_ticket_set_installation (ticket, req.installation);
  lt_ticket_set_known_issue_ids (ticket, (const char * const *) req.known_issues);

  options.feature_criteria = req.criteria;
  options.scope_acknowledged = req.scope.needs_acknowledgement;
  options.references_ticket = req.references;
  options.attachments = (const char * const *) attachments->pdata;

  outbox = lt_outbox_new (store);
  key = lt_actions_file_ticket (outbox, policy, ticket, &options, now, &error);
  if (key == NULL)
    return lt_cli_fail_action (cli, error);

  delivery = lt_cli_deliver_now (cli, outbox, key, &why);
  /* The sync wrote the portal's answer (id, response due) to the row. */
  stored = lt_store_lookup_ticket_by_local_id (store, lt_ticket_get_local_id (ticket), NULL);
  if (stored == NULL)
    stored = g_object_ref (ticket);

  if (req.json)
    {
      print_filed_json (&req, policy, stored, key, delivery, why, now);
      return delivery == LT_CLI_DELIVERY_REFUSED ? LT_CLI_EXIT_NO : LT_CLI_EXIT_OK;
    }
  return print_filed (&req, policy, stored, delivery, why, now);
}

/* ---- ticket list ----------------------------------------------------------- */

/* @zone: the user's zone, made once: g_date_time_to_local() looks the
 * zone up again at every call (a stat and a readlink of /etc/localtime),
 * which 100,000 rows notice. */
static char *
format_table_instant (GDateTime *instant,
                      GTimeZone *zone)
{
  g_autoptr(GDateTime) local = NULL;

  if (instant == NULL)
    return g_strdup ("—");
  if (!lt_instant_is_supported (instant))
    return g_strdup (lt_instant_get_invalid_label ());
  local = g_date_time_to_timezone (instant, zone);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* A title for a table cell: one line, controls escaped, at most @width
 * characters. */
static char *
shorten (const char *text,
         glong       width)
{
  g_autofree char *shown = lt_text_dup_displayable (text, LT_TEXT_SINGLE_LINE);

  if (g_utf8_strlen (shown, -1) <= width)
    return g_steal_pointer (&shown);
  {
    g_autofree char *head = g_utf8_substring (shown, 0, width - 1);

    return g_strconcat (head, "…", NULL);
  }
}

/* The SLA of @ticket at @now, all from core: the state from the rule, the
 * due time the portal's when it sent one (it is authoritative), else the
 * rule's. */
static void
ticket_sla (LtTicket    *ticket,
            LtPolicy    *policy,
            LtTier       tier,
            GDateTime   *now,
            LtSlaStatus *status)
{
  memset (status, 0, sizeof *status);
  status->state = LT_SLA_STATE_NONE;
  if (lt_ticket_get_opened_at (ticket) == NULL)
    return;
  lt_sla_get_status_for_policy (policy, tier, lt_ticket_get_severity (ticket),
                                lt_ticket_get_opened_at (ticket),
                                lt_ticket_get_first_response_at (ticket), now, status);
  if (lt_ticket_get_response_due (ticket) != NULL)
    {
      g_clear_pointer (&status->due, g_date_time_unref);
      status->due = g_date_time_ref (lt_ticket_get_response_due (ticket));
    }
}

static void
print_table (GPtrArray *rows,
             guint      n_columns)
{
  g_autofree glong *widths = g_new0 (glong, n_columns);
  g_autoptr(GString) out = g_string_sized_new (64 * 1024);

  for (guint i = 0; i < rows->len; i++)
    widths[i % n_columns] = MAX (widths[i % n_columns], g_utf8_strlen (g_ptr_array_index (rows, i), -1));

  /* Written in large blocks: g_print() flushes at every call, which for
   * 100,000 tickets is most of the command's time. */
  for (guint i = 0; i < rows->len; i++)
    {
      const char *cell = g_ptr_array_index (rows, i);
      guint column = i % n_columns;

      if (column + 1 == n_columns)
        g_string_append_printf (out, "%s\n", cell);
      else
        g_string_append_printf (out, "%s%*s  ", cell, (int) (widths[column] - g_utf8_strlen (cell, -1)), "");
      if (out->len >= 60 * 1024)
        {
          lt_cli_write_out (out->str, out->len);
          g_string_truncate (out, 0);
        }
    }
  lt_cli_write_out (out->str, out->len);
  fflush (stdout);
}

int
lt_cli_ticket_list_run (LtCli  *cli,
                        int     argc,
                        char  **argv)
{
  g_autofree char *state_text = NULL;
  g_autofree char *severity_text = NULL;
  g_autofree char *search = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_text,
      N_("Only tickets in these states (comma-separated: queued, in-progress, …)"), N_("S") },
    { "severity", 0, 0, G_OPTION_ARG_STRING, &severity_text,
      N_("Only tickets of these severities (comma-separated: s1, s2, s3, feature)"), N_("S") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("Only tickets whose id or title contains TEXT (ignoring case)"), N_("TEXT") },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = now_utc ();
  g_autoptr(LtTicketList) list = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GTimeZone) local_zone = g_time_zone_new_local ();
  guint states = 0, severities = 0;
  gboolean tier_known;
  LtStore *store;
  LtPolicy *policy;
  LtTier tier;
  guint n;

  context = lt_cli_context_new (cli, NULL,
                                _("Lists the tickets of the local store: not yet filed first, then "
                                  "the newest first, with the SLA state computed now. Times are "
                                  "in your time zone."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, 0, NULL, &error) ||
      (state_text != NULL && !parse_mask ("--state", LT_TYPE_TICKET_STATE, state_text, &states, &error)) ||
      (severity_text != NULL && !parse_mask ("--severity", LT_TYPE_SEVERITY, severity_text, &severities, &error)))
    return lt_cli_fail (cli, error);

  if ((store = lt_cli_get_store_for_reading (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
      (list = lt_ticket_list_new (store, &error)) == NULL)
    return lt_cli_fail (cli, error);
  tier = lt_cli_get_tier (store, &tier_known);

  /* The list model filters its compact rows: no ticket object is made
   * for a row that does not match. */
  lt_ticket_list_set_state_filter (list, states);
  lt_ticket_list_set_severity_filter (list, severities);
  if (search != NULL)
    lt_ticket_list_set_search_text (list, search);

  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  if (json)
    {
      builder = json_builder_new ();
      json_builder_begin_array (builder);
    }
  else
    {
      table = g_ptr_array_new_full ((n + 1) * 7, g_free);
      g_ptr_array_add (table, g_strdup (_("ID")));
      g_ptr_array_add (table, g_strdup (_("Title")));
      g_ptr_array_add (table, g_strdup (_("Severity")));
      g_ptr_array_add (table, g_strdup (_("State")));
      g_ptr_array_add (table, g_strdup (_("Opened")));
      g_ptr_array_add (table, g_strdup (_("Response due")));
      g_ptr_array_add (table, g_strdup (_("SLA")));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtTicket) ticket = g_list_model_get_item (G_LIST_MODEL (list), i);
      LtSlaStatus sla;

      ticket_sla (ticket, policy, tier, now, &sla);
      if (json)
        {
          /* The deadlines of `ticket show`, from the same core functions,
           * so that a script sees from the list what closes when. */
          g_autoptr(GDateTime) auto_close = lt_ticket_dup_auto_close_due (ticket, policy, NULL);
          g_autoptr(GDateTime) reopen_until = lt_ticket_dup_reopen_until (ticket, policy);

          json_builder_begin_object (builder);
          lt_cli_add_string_member (builder, "id", lt_ticket_get_id (ticket));
          lt_cli_add_string_member (builder, "local_id", lt_ticket_get_local_id (ticket));
          lt_cli_add_string_member (builder, "title", lt_ticket_get_title (ticket));
          lt_cli_add_string_member (builder, "severity",
                                    lt_enum_to_nick (LT_TYPE_SEVERITY, lt_ticket_get_severity (ticket)));
          lt_cli_add_string_member (builder, "state",
                                    lt_enum_to_nick (LT_TYPE_TICKET_STATE, lt_ticket_get_state (ticket)));
          lt_cli_add_instant_member (builder, "opened_at", lt_ticket_get_opened_at (ticket));
          lt_cli_add_instant_member (builder, "response_due", sla.due);
          lt_cli_add_instant_member (builder, "sla_due", sla.due);
          lt_cli_add_string_member (builder, "sla_state", lt_enum_to_nick (LT_TYPE_SLA_STATE, sla.state));
          lt_cli_add_instant_member (builder, "auto_close_at", auto_close);
          lt_cli_add_instant_member (builder, "reopen_until", reopen_until);
          json_builder_end_object (builder);
        }
      else
        {
          g_ptr_array_add (table, g_strdup (ticket_name (ticket)));
          g_ptr_array_add (table, shorten (lt_ticket_get_title (ticket), LIST_TITLE_WIDTH));
          g_ptr_array_add (table, g_strdup (lt_enum_to_nick (LT_TYPE_SEVERITY, lt_ticket_get_severity (ticket))));
          g_ptr_array_add (table, g_strdup (lt_ticket_state_get_label (lt_ticket_get_state (ticket))));
          g_ptr_array_add (table, format_table_instant (lt_ticket_get_opened_at (ticket), local_zone));
          g_ptr_array_add (table, format_table_instant (sla.due, local_zone));
          g_ptr_array_add (table, g_strdup (sla.state == LT_SLA_STATE_NONE ? "—" : lt_sla_state_get_label (sla.state)));
        }
      lt_sla_status_clear (&sla);
    }

  if (json)
    {
      json_builder_end_array (builder);
      lt_cli_print_json (builder);
      return LT_CLI_EXIT_OK;
    }

  if (n == 0)
    {
      gboolean filtered = states != 0 || severities != 0 || (search != NULL && *search != '\0');

      g_print ("%s\n", filtered ? _("No tickets match.") : _("No tickets in the local store."));
      return LT_CLI_EXIT_OK;
    }
  print_table (table, 7);
  if (!tier_known)
    g_print ("\n%s\n", _("SLA times use the Essential tier's targets until your account is fetched "
                         "(“ltsupport sync”)."));
  return LT_CLI_EXIT_OK;
}

/* ---- ticket show ----------------------------------------------------------- */

/* The command that does each action `ticket show` offers
 * (lt_ticket_get_customer_actions()): every LtCustomerAction has one, and
 * tests/test-cli-greens.c runs the --help of each one `ticket show
 * --help` names, so that a new action without a command fails there. */
static const struct
{
  LtCustomerAction  action;
  const char       *command;
} action_commands[] = {
  { LT_CUSTOMER_ACTION_COMMENT, "ltsupport ticket comment ID" },
  { LT_CUSTOMER_ACTION_ATTACH, "ltsupport ticket attach ID FILE" },
  { LT_CUSTOMER_ACTION_CONFIRM_CLOSURE, "ltsupport ticket confirm ID" },
  /* A comment on a resolved ticket puts it back in progress. */
  { LT_CUSTOMER_ACTION_NOT_FIXED, "ltsupport ticket comment ID" },
  { LT_CUSTOMER_ACTION_REOPEN, "ltsupport ticket reopen ID --reason TEXT" },
  { LT_CUSTOMER_ACTION_NEW_REFERENCING, "ltsupport ticket file --references ID …" },
  { LT_CUSTOMER_ACTION_ESCALATE, "ltsupport ticket escalate ID --reason TEXT" },
  { LT_CUSTOMER_ACTION_WITHDRAW, "ltsupport ticket withdraw ID" },
};

static const char *
get_action_command (guint action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_commands); i++)
    if (action_commands[i].action == action)
      return action_commands[i].command;
  return NULL;
}

/* A heading and one line per action, "  withdraw  ltsupport ticket
 * withdraw ID", in the order of the flags: the description of `ticket
 * show --help`. */
static char *
describe_action_commands (void)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (LT_TYPE_CUSTOMER_ACTION);
  g_autoptr(GString) text = g_string_new (_("What “You can” lists, and the command that does it:"));

  for (guint i = 0; i < klass->n_values; i++)
    {
      const GFlagsValue *value = &klass->values[i];
      const char *command = get_action_command (value->value);

      if (value->value == 0 || command == NULL)
        continue;
      g_string_append_printf (text, "\n  %-16s %s", value->value_nick, command);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_actions (JsonBuilder      *builder,
             GPtrArray        *labels,
             LtCustomerAction  actions)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (LT_TYPE_CUSTOMER_ACTION);

  for (guint i = 0; i < klass->n_values; i++)
    {
      GFlagsValue *value = &klass->values[i];

      if (value->value == 0 || (actions & value->value) != value->value)
        continue;
      if (builder != NULL)
        json_builder_add_string_value (builder, value->value_nick);
      if (labels != NULL)
        g_ptr_array_add (labels, (gpointer) lt_customer_action_get_label (value->value));
    }
}

/* How the vendor's text is read back (issue 14, point 7; docs/bundle.md,
 * "Reading the answer back"): the profile's redaction map, and the names
 * whose events are the customer's own. */
typedef struct
{
  LtRedactionMap  *map;             /* NULL: every text as sent */
  char           **customer_names;
} Unmasking;

static void
unmasking_clear (Unmasking *unmasking)
{
  g_clear_object (&unmasking->map);
  g_clear_pointer (&unmasking->customer_names, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Unmasking, unmasking_clear)

/* A map that cannot be read does not hide the ticket: its text is shown
 * as sent, with a warning. A profile that never made a bundle has none. */
static void
unmasking_load (Unmasking *unmasking,
                LtStore   *store)
{
  g_autoptr(LtRedactionMap) map = NULL;
  g_autoptr(GError) error = NULL;

  if ((map = lt_store_dup_redaction_map (store, &error)) == NULL ||
      (unmasking->customer_names = lt_store_dup_customer_names (store, &error)) == NULL)
    {
      g_printerr (_("ltsupport: warning: the vendor’s text is shown as sent: %s\n"), error->message);
      return;
    }
  if (lt_redaction_map_get_size (map) > 0)
    unmasking->map = g_steal_pointer (&map);
}

/* The replacements in @event's text that the map knows, when the vendor
 * wrote it (element-type LtRedactionUnmasked); NULL otherwise. */
static GPtrArray *
unmasking_find (const Unmasking *unmasking,
                LtTicketEvent   *event)
{
  if (unmasking->map == NULL ||
      !lt_ticket_event_is_from_vendor (event, (const char * const *) unmasking->customer_names))
    return NULL;
  return lt_redaction_map_unmask (unmasking->map, lt_ticket_event_get_body (event) ?: "");
}

/* @event's text as `ticket show` prints it; @any_unmasked set when a real
 * name was put in. (transfer full) */
static char *
unmasking_dup_body (const Unmasking *unmasking,
                    LtTicketEvent   *event,
                    gboolean        *any_unmasked)
{
  const char *body = lt_ticket_event_get_body (event);
  g_autoptr(GPtrArray) notes = NULL;
  char *shown;

  if (unmasking->map == NULL || body == NULL ||
      !lt_ticket_event_is_from_vendor (event, (const char * const *) unmasking->customer_names))
    return g_strdup (body);
  shown = lt_redaction_map_dup_unmasked (unmasking->map, body, LT_TEXT_MULTI_LINE, &notes);
  if (notes->len > 0)
    *any_unmasked = TRUE;
  return shown;
}

/* The "unmasked" member: each replacement in the body of each event
 * LockThreat wrote (offset and length in characters, which a script's
 * strings count) with what it stands for. */
static void
add_unmasked (JsonBuilder     *builder,
              const Unmasking *unmasking,
              GListModel      *events)
{
  json_builder_set_member_name (builder, "unmasked");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(LtTicketEvent) event = g_list_model_get_item (events, i);
      g_autoptr(GPtrArray) spans = unmasking_find (unmasking, event);
      const char *body = lt_ticket_event_get_body (event);

      for (guint j = 0; spans != NULL && j < spans->len; j++)
        {
          const LtRedactionUnmasked *span = g_ptr_array_index (spans, j);
          g_autofree char *replacement = g_strndup (body + span->offset, span->length);

          json_builder_begin_object (builder);
          lt_cli_add_string_member (builder, "event_id", lt_ticket_event_get_id (event));
          lt_cli_add_int_member (builder, "offset", g_utf8_pointer_to_offset (body, body + span->offset));
          lt_cli_add_int_member (builder, "length", g_utf8_strlen (replacement, -1));
          lt_cli_add_string_member (builder, "replacement", replacement);
          lt_cli_add_string_member (builder, "kind", lt_redaction_kind_to_string (span->kind));
          lt_cli_add_string_member (builder, "original", span->original);
          json_builder_end_object (builder);
        }
    }
  json_builder_end_array (builder);
}

/* @body: the event's text as it is shown */
static char *
describe_event (LtTicketEvent *event,
                const char    *body)
{
  const char *author = lt_ticket_event_get_author (event);
  g_autofree char *what = NULL;
  g_autofree char *shown_author = NULL;

  switch (lt_ticket_event_get_kind (event))
    {
    case LT_TICKET_EVENT_KIND_COMMENT:
      what = g_strdup (_("Comment"));
      break;
    case LT_TICKET_EVENT_KIND_STATE_CHANGE:
      what = g_strdup_printf (_("State %s → %s"),
                              lt_ticket_state_get_label (lt_ticket_event_get_from_state (event)),
                              lt_ticket_state_get_label (lt_ticket_event_get_to_state (event)));
      break;
    case LT_TICKET_EVENT_KIND_ESCALATION:
      what = g_strdup_printf (_("Escalated to level %u"), lt_ticket_event_get_level (event));
      break;
    case LT_TICKET_EVENT_KIND_ATTACHMENT:
    default:
      {
        g_autofree char *size = g_format_size (lt_ticket_event_get_attachment_size (event));

        g_autofree char *name = lt_text_dup_displayable (lt_ticket_event_get_attachment_name (event),
                                                         LT_TEXT_SINGLE_LINE);

        what = g_strdup_printf (_("Attached %s (%s)"), name, size);
      }
      break;
    }

  /* The author is one line; the body may have several (see the caller). */
  if (author != NULL)
    author = shown_author = lt_text_dup_displayable (author, LT_TEXT_SINGLE_LINE);
  if (author != NULL && body != NULL && *body != '\0')
    /* TRANSLATORS: a ticket event: "<what> by <author>: <text>" */
    return g_strdup_printf (_("%s by %s: %s"), what, author, body);
  if (author != NULL)
    return g_strdup_printf (_("%s by %s"), what, author);
  if (body != NULL && *body != '\0')
    return g_strdup_printf ("%s: %s", what, body);
  return g_steal_pointer (&what);
}

static void
print_indented (const char *text)
{
  g_autofree char *trimmed = lt_text_dup_displayable (text, LT_TEXT_MULTI_LINE);
  g_auto(GStrv) lines = NULL;

  /* A description typed or piped in ends with a line break. */
  g_strchomp (trimmed);
  lines = g_strsplit (trimmed, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    g_print ("  %s\n", lines[i]);
}

int
lt_cli_ticket_show_run (LtCli  *cli,
                        int     argc,
                        char  **argv)
{
  gboolean json = FALSE;
  gboolean no_unmask = FALSE;
  const GOptionEntry entries[] = {
    LT_CLI_JSON_OPTION (json),
    { "no-unmask", 0, 0, G_OPTION_ARG_NONE, &no_unmask,
      N_("Show LockThreat’s comments as sent, without the real names this computer’s "
         "redaction map gives for the names a diagnostics bundle replaced"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "ID" };
  g_auto(Unmasking) unmasking = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = now_utc ();
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(GDateTime) auto_close = NULL;
  g_autoptr(GDateTime) reopen_until = NULL;
  const LtEscalationLevel *next_level;
  LtCloseReason auto_close_reason = LT_CLOSE_REASON_NONE;
  LtCustomerAction actions;
  LtSlaStatus sla;
  gboolean tier_known, suggested;
  GListModel *events;
  LtStore *store;
  LtPolicy *policy;
  LtTier tier;

  context = lt_cli_context_new (cli, "ID",
                                _("Shows one ticket (its portal id, or the local id of one still "
                                  "queued): its fields, the SLA countdown, the auto-close and "
                                  "reopen deadlines, what you can do with it now, and its history."),
                                entries);
  {
    g_autofree char *description = describe_action_commands ();

    g_option_context_set_description (context, description);
  }
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error))
    return lt_cli_fail (cli, error);

  if ((store = lt_cli_get_store_for_reading (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
      (ticket = find_ticket (store, argv[1], &error)) == NULL ||
      !lt_store_load_ticket_events (store, ticket, &error))
    return lt_cli_fail (cli, error);
  tier = lt_cli_get_tier (store, &tier_known);

  ticket_sla (ticket, policy, tier, now, &sla);
  auto_close = lt_ticket_dup_auto_close_due (ticket, policy, &auto_close_reason);
  reopen_until = lt_ticket_dup_reopen_until (ticket, policy);
  actions = lt_ticket_get_customer_actions (ticket, policy, now);
  next_level = lt_ticket_get_next_escalation (ticket, policy, NULL);
  /* Suggested only where it is possible: core suggests it for a breached
   * SLA whatever the state, and a closed ticket cannot be escalated. */
  suggested = lt_ticket_is_escalation_suggested (ticket, policy, tier, now) &&
              (actions & LT_CUSTOMER_ACTION_ESCALATE) != 0;
  events = lt_ticket_get_events (ticket);
  if (!no_unmask && g_list_model_get_n_items (events) > 0)
    unmasking_load (&unmasking, store);

  if (json)
    {
      /* The ticket as the portal gives it (one writer of its fields,
       * docs/cli.md), then what ltsupport computes from it. */
      g_autoptr(JsonBuilder) computed = json_builder_new ();
      g_autoptr(JsonNode) computed_root = NULL;
      g_autoptr(JsonNode) shown = lt_portal_json_write_ticket (ticket, TRUE);
      JsonObject *object = json_node_get_object (shown);
      g_autoptr(GList) names = NULL;

      json_builder_begin_object (computed);
      lt_cli_add_string_member (computed, "local_id", lt_ticket_get_local_id (ticket));
      lt_cli_add_string_member (computed, "tier", tier_known ? lt_enum_to_nick (LT_TYPE_TIER, tier) : NULL);
      /* The policy's deadline replaces the one the portal stored. */
      lt_cli_add_instant_member (computed, "response_due", sla.due);
      lt_cli_add_string_member (computed, "sla_state", lt_enum_to_nick (LT_TYPE_SLA_STATE, sla.state));
      json_builder_set_member_name (computed, "remaining_business_seconds");
      if (sla.has_target)
        json_builder_add_int_value (computed, sla.remaining_seconds);
      else
        json_builder_add_null_value (computed);
      lt_cli_add_instant_member (computed, "auto_close_due", auto_close);
      lt_cli_add_string_member (computed, "auto_close_reason",
                                auto_close != NULL ? lt_enum_to_nick (LT_TYPE_CLOSE_REASON, auto_close_reason) : NULL);
      lt_cli_add_instant_member (computed, "reopen_until", reopen_until);
      json_builder_set_member_name (computed, "next_escalation_level");
      if (next_level != NULL)
        json_builder_add_int_value (computed, next_level->level);
      else
        json_builder_add_null_value (computed);
      lt_cli_add_boolean_member (computed, "escalation_suggested", suggested);
      json_builder_set_member_name (computed, "actions");
      json_builder_begin_array (computed);
      add_actions (computed, NULL, actions);
      json_builder_end_array (computed);
      /* The events' text stays as sent; the real names are beside it. */
      add_unmasked (computed, &unmasking, events);
      json_builder_end_object (computed);

      computed_root = json_builder_get_root (computed);
      names = json_object_get_members (json_node_get_object (computed_root));
      for (GList *l = names; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                json_node_copy (json_object_get_member (json_node_get_object (computed_root),
                                                                        l->data)));
      lt_cli_print_json_node (shown);
    }
  else
    {
      g_autoptr(GPtrArray) fields = lt_cli_fields_new ();
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      gboolean any_unmasked = FALSE;
      /* A portal ticket always has an opening; without one its stored
       * value was one no GDateTime holds (a row a pre-fix sync wrote). */
      g_autofree char *opened = lt_cli_format_local_instant (lt_ticket_get_opened_at (ticket),
                                                             lt_ticket_get_id (ticket) != NULL
                                                             ? lt_instant_get_invalid_label ()
                                                             : _("not yet (queued for the portal)"));
      const LtScopeCategory *category = lt_policy_find_scope_category (policy, lt_ticket_get_category (ticket));
      const char *version = lt_ticket_get_product_version (ticket);
      const char *installation = lt_ticket_get_installation (ticket);
      guint level = lt_ticket_get_escalation_level (ticket);

      g_autofree char *shown_title = lt_text_dup_displayable (lt_ticket_get_title (ticket),
                                                              LT_TEXT_SINGLE_LINE);

      g_print ("%s  %s\n", ticket_name (ticket), shown_title);
      if (lt_ticket_get_id (ticket) != NULL && lt_ticket_get_local_id (ticket) != NULL)
        lt_cli_fields_add (fields, _("Local id"), "%s", lt_ticket_get_local_id (ticket));
      lt_cli_fields_add (fields, _("State"), "%s", lt_ticket_state_get_label (lt_ticket_get_state (ticket)));
      lt_cli_fields_add (fields, _("Severity"), "%s%s%s",
                         lt_enum_to_nick (LT_TYPE_SEVERITY, lt_ticket_get_severity (ticket)),
                         lt_ticket_get_security_incident (ticket) ? _(", security incident") : "",
                         lt_ticket_get_break_fix (ticket) ? _(", break/fix") : "");
      lt_cli_fields_add (fields, _("Category"), "%s",
                         category != NULL ? category->label : (lt_ticket_get_category (ticket) ?: "—"));
      if (version != NULL || installation != NULL)
        {
          if (version != NULL && installation != NULL)
            lt_cli_fields_add (fields, _("Version"), _("%s (installation %s)"), version, installation);
          else
            lt_cli_fields_add (fields, _("Version"), "%s", version != NULL ? version : installation);
        }
      lt_cli_fields_add (fields, _("Opened"), "%s", opened);
      if (sla.due != NULL)
        {
          g_autofree char *due = lt_cli_describe_deadline (sla.due, policy);

          lt_cli_fields_add (fields, _("Response due"), "%s", due);
        }
      if (sla.state != LT_SLA_STATE_NONE)
        {
          g_autofree char *left = lt_cli_format_business_duration (sla.remaining_seconds);

          switch (sla.state)
            {
            case LT_SLA_STATE_ON_TRACK:
            case LT_SLA_STATE_AT_RISK:
              lt_cli_fields_add (fields, _("SLA"), _("%s, %s of business time left"),
                                 lt_sla_state_get_label (sla.state), left);
              break;
            case LT_SLA_STATE_BREACHED:
              lt_cli_fields_add (fields, _("SLA"), _("%s, overdue by %s of business time"),
                                 lt_sla_state_get_label (sla.state), left);
              break;
            case LT_SLA_STATE_MET:
            case LT_SLA_STATE_MISSED:
            case LT_SLA_STATE_NONE:
            default:
              lt_cli_fields_add (fields, _("SLA"), "%s", lt_sla_state_get_label (sla.state));
              break;
            }
        }
      else if (lt_ticket_get_opened_at (ticket) != NULL &&
               !lt_instant_is_supported (lt_ticket_get_opened_at (ticket)))
        lt_cli_fields_add (fields, _("SLA"), "%s",
                           _("unknown, the opening time is an invalid date "
                             "(“ltsupport sync” fetches the ticket again)"));
      else if (lt_ticket_get_opened_at (ticket) != NULL)
        lt_cli_fields_add (fields, _("SLA"), "%s", lt_sla_state_get_label (LT_SLA_STATE_NONE));
      if (level > 0)
        {
          guint n_levels = 0;
          const LtEscalationLevel *levels = lt_policy_get_escalation_levels (policy, &n_levels);
          const char *title = NULL;

          for (guint i = 0; i < n_levels; i++)
            if (levels[i].level == level)
              title = levels[i].title;
          lt_cli_fields_add (fields, _("Escalation"), _("level %u, %s"), level, title ?: "");
        }
      if (auto_close != NULL)
        {
          g_autofree char *when = lt_cli_describe_deadline (auto_close, policy);

          lt_cli_fields_add (fields, _("Auto-close"), "%s (%s)", when,
                             lt_close_reason_get_label (auto_close_reason));
        }
      if (lt_ticket_get_state (ticket) == LT_TICKET_STATE_CLOSED)
        {
          g_autofree char *closed = lt_cli_format_local_instant (lt_ticket_get_closed_at (ticket), _("unknown"));

          g_autoptr(LtReleaseCatalog) catalog = lt_cli_load_effective_catalog (store, NULL);
          g_autofree char *explanation = lt_ticket_dup_close_explanation (ticket, catalog);

          lt_cli_fields_add (fields, _("Closed"), "%s (%s)", closed,
                             lt_close_reason_get_label (lt_ticket_get_close_reason (ticket)));
          /* §12 in words, as the app's history says it: the known issues
           * and the release that fixes them. */
          if (explanation != NULL &&
              g_strcmp0 (explanation, lt_close_reason_get_label (lt_ticket_get_close_reason (ticket))) != 0)
            lt_cli_fields_add (fields, _("Close reason"), "%s", explanation);
          if (reopen_until != NULL)
            {
              g_autofree char *until = lt_cli_describe_deadline (reopen_until, policy);

              lt_cli_fields_add (fields, _("Reopen until"),
                                 lt_ticket_can_reopen (ticket, policy, now) ? "%s" : _("%s (over)"), until);
            }
        }
      add_actions (NULL, labels, actions);
      if (labels->len > 0)
        {
          g_ptr_array_add (labels, NULL);
          {
            g_autofree char *joined = g_strjoinv (", ", (char **) labels->pdata);

            lt_cli_fields_add (fields, _("You can"), "%s", joined);
          }
        }
      else
        lt_cli_fields_add (fields, _("You can"), "%s", _("nothing until the portal has it"));
      lt_cli_fields_print_indented (fields, 2);

      if (!tier_known && sla.state != LT_SLA_STATE_NONE)
        g_print ("\n%s\n", _("The SLA uses the Essential tier's targets until your account is fetched "
                             "(“ltsupport sync”)."));
      if (suggested && next_level != NULL)
        {
          g_print ("\n");
          g_print (_("The first response is overdue: you may escalate to %s with "
                     "“ltsupport ticket escalate %s --reason TEXT” (§9).\n"),
                   next_level->title, ticket_name (ticket));
        }

      if (lt_ticket_get_description (ticket) != NULL)
        {
          g_print ("\n%s\n", _("Description:"));
          print_indented (lt_ticket_get_description (ticket));
        }

      if (g_list_model_get_n_items (events) > 0)
        g_print ("\n%s\n", _("History:"));
      for (guint i = 0; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(LtTicketEvent) event = g_list_model_get_item (events, i);
          g_autofree char *at = lt_cli_format_local_instant (lt_ticket_event_get_at (event), _("queued"));
          g_autofree char *body = unmasking_dup_body (&unmasking, event, &any_unmasked);
          g_autofree char *what = describe_event (event, body);
          g_autofree char *shown = lt_text_dup_displayable (what, LT_TEXT_MULTI_LINE);
          g_auto(GStrv) lines = g_strsplit (g_strchomp (shown), "\n", -1);

          /* A comment of several lines keeps them, indented below its
           * entry, so no line of it can pass for an entry of its own. */
          g_print ("  %s  %s\n", at, lines[0]);
          for (guint j = 1; lines[j] != NULL; j++)
            g_print ("      %s\n", lines[j]);
        }
      if (any_unmasked)
        g_print ("\n%s\n", _("Names in brackets are the real ones, from this computer’s redaction map: "
                               "LockThreat saw only the names before them (--no-unmask shows the text "
                               "as sent)."));
    }

  lt_sla_status_clear (&sla);
  return LT_CLI_EXIT_OK;
}

/* ---- the actions on a ticket ----------------------------------------------- */

typedef enum
{
  ACTION_COMMENT,
  ACTION_CONFIRM,
  ACTION_REOPEN,
  ACTION_ESCALATE,
  ACTION_WITHDRAW,
} Action;

/* What the secrets review before an action looks at: the text under
 * @what, and the content of the files attached. */
typedef struct
{
  const char *what;      /* "--message", "--note" */
  gboolean    yes;       /* --yes */
  const char *question;  /* asked at a terminal */
} Review;

/* The review of @text and @files (NULL-terminated, or NULL), once the
 * ticket is known to exist and before anything is queued. Returns
 * LT_CLI_EXIT_OK to go on, else the command's exit status (its message
 * printed). */
static int
review_outgoing (LtCli              *cli,
                 const Review       *review,
                 const char         *text,
                 const char * const *files)
{
  g_autoptr(GPtrArray) outgoing = lt_cli_outgoing_new ();
  g_autoptr(GError) error = NULL;
  int status;

  lt_cli_outgoing_add (outgoing, review->what, text);
  status = lt_cli_review_outgoing (cli, outgoing, files, review->yes, review->question, &error);
  if (status == LT_CLI_EXIT_NO)
    {
      g_printerr ("%s\n", _("Not sent."));
      return status;
    }
  if (status != LT_CLI_EXIT_OK)
    return lt_cli_fail (cli, error);
  return LT_CLI_EXIT_OK;
}

/* Queues @action on the ticket named @id and tells what happened.
 * @review: NULL for actions whose text is not reviewed. */
static int
run_action (LtCli        *cli,
            const char   *id,
            Action        action,
            const char   *text,
            const Review *review)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = now_utc ();
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autofree char *key = NULL;
  g_autofree char *why = NULL;
  g_autofree char *name = NULL;
  g_autofree char *done = NULL;
  g_autofree char *subject = NULL;
  guint level = 0;
  LtCliDelivery delivery;
  LtStore *store;
  LtPolicy *policy;

  if ((store = lt_cli_get_store (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
      (ticket = find_ticket (store, id, &error)) == NULL)
    return lt_cli_fail (cli, error);

  /* After the ticket is known to exist, before anything is queued. */
  if (review != NULL)
    {
      int status = review_outgoing (cli, review, text, NULL);

      if (status != LT_CLI_EXIT_OK)
        return status;
    }

  name = g_strdup (ticket_name (ticket));
  outbox = lt_outbox_new (store);
  switch (action)
    {
    case ACTION_COMMENT:
      key = lt_actions_comment (outbox, policy, ticket, text, now, &error);
      break;
    case ACTION_CONFIRM:
      key = lt_actions_confirm_closure (outbox, policy, ticket, text, now, &error);
      break;
    case ACTION_REOPEN:
      key = lt_actions_reopen (outbox, policy, ticket, text, now, &error);
      break;
    case ACTION_WITHDRAW:
      key = lt_actions_withdraw_ticket (outbox, policy, ticket, text, now, &error);
      break;
    case ACTION_ESCALATE:
    default:
      key = lt_actions_escalate (outbox, policy, ticket, text, &level, now, &error);
      break;
    }

  if (key == NULL)
    {
      g_autoptr(GDateTime) until = NULL;

      g_prefix_error (&error, "%s: ", name);
      /* The core names the deadline in UTC; say when that was for the
       * user and for the vendor, whose business days counted it. */
      if (action == ACTION_REOPEN && g_error_matches (error, LT_ERROR, LT_ERROR_NOT_ALLOWED) &&
          (until = lt_ticket_dup_reopen_until (ticket, policy)) != NULL)
        {
          g_autofree char *deadline = lt_cli_describe_deadline (until, policy);
          g_autofree char *message =
            g_strdup_printf (_("%s. The window ended %s. File the new ticket with “ltsupport "
                               "ticket file --references %s …”."), error->message, deadline, name);

          g_free (error->message);
          error->message = g_steal_pointer (&message);
        }
      return lt_cli_fail_action (cli, error);
    }

  delivery = lt_cli_deliver_now (cli, outbox, key, &why);

  switch (action)
    {
    case ACTION_COMMENT:
      done = g_strdup_printf (_("Comment added to %s."), name);
      subject = g_strdup_printf (_("The comment on %s"), name);
      break;
    case ACTION_CONFIRM:
      done = g_strdup_printf (_("Closure of %s confirmed."), name);
      subject = g_strdup_printf (_("The confirmation of %s"), name);
      break;
    case ACTION_REOPEN:
      done = g_strdup_printf (_("%s reopened."), name);
      subject = g_strdup_printf (_("Reopening %s"), name);
      break;
    case ACTION_WITHDRAW:
      done = g_strdup_printf (_("%s withdrawn."), name);
      subject = g_strdup_printf (_("Withdrawing %s"), name);
      break;
    case ACTION_ESCALATE:
    default:
      {
        const LtEscalationLevel *levels;
        guint n_levels = 0;
        const char *title = "";

        levels = lt_policy_get_escalation_levels (policy, &n_levels);
        for (guint i = 0; i < n_levels; i++)
          if (levels[i].level == level)
            title = levels[i].title;
        done = g_strdup_printf (_("%s escalated to level %u (%s)."), name, level, title);
        subject = g_strdup_printf (_("The escalation of %s to level %u (%s)"), name, level, title);
      }
      break;
    }

  if (delivery == LT_CLI_DELIVERY_SENT)
    {
      g_print ("%s\n", done);
      return LT_CLI_EXIT_OK;
    }
  return lt_cli_report_not_sent (delivery, subject, why);
}

int
lt_cli_ticket_comment_run (LtCli  *cli,
                           int     argc,
                           char  **argv)
{
  g_autofree char *message = NULL;
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "message", 'm', 0, G_OPTION_ARG_STRING, &message,
      N_("The comment (default: read from standard input)"), N_("TEXT") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Send it even though it seems to hold a password, key or token"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "ID" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = lt_cli_context_new (cli, "ID",
                                _("Adds a comment to a ticket. On a ticket awaiting your answer or "
                                  "resolved, a comment puts it back in progress."),
                                entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error))
    return lt_cli_fail (cli, error);
  if (message == NULL && (message = lt_cli_read_text ("--message", NULL, &error)) == NULL)
    return lt_cli_fail (cli, error);
  if (is_blank (message))
    {
      g_set_error_literal (&error, LT_ERROR, LT_ERROR_INVALID_INPUT, _("--message: the comment is empty"));
      return lt_cli_fail (cli, error);
    }
  {
    const Review review = { "--message", yes, _("Send the comment anyway?") };

    return run_action (cli, argv[1], ACTION_COMMENT, message, &review);
  }
}

/* ---- ticket attach ------------------------------------------------------------ */

/* What `ticket attach` queued, computed once and then shown as text or
 * JSON: a plain file, or the parts of a bundle checked against its
 * manifest. */
typedef struct
{
  char          *ticket;         /* the ticket's name */
  char          *bundle_sha256;  /* NULL for a plain file */
  GPtrArray     *files;          /* (element-type LtBundlePart), in order */
  GPtrArray     *keys;           /* (element-type utf8): their outbox keys */
  LtCliDelivery  delivery;
  char          *why;            /* why it was not sent, or NULL */
} AttachFacts;

static void
attach_facts_clear (AttachFacts *facts)
{
  g_clear_pointer (&facts->ticket, g_free);
  g_clear_pointer (&facts->bundle_sha256, g_free);
  g_clear_pointer (&facts->files, g_ptr_array_unref);
  g_clear_pointer (&facts->keys, g_ptr_array_unref);
  g_clear_pointer (&facts->why, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AttachFacts, attach_facts_clear)

/* A plain file as the one entry of the facts' files: its size and SHA-256
 * as lt_actions_attach() records them. */
static GPtrArray *
describe_plain_file (const char  *path,
                     GError     **error)
{
  g_autoptr(GBytes) bytes = lt_file_read_regular (path, LT_PORTAL_MAX_UPLOAD_SIZE, error);
  GPtrArray *files;
  LtBundlePart *file;

  if (bytes == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_prefix_error (error, _("Cannot attach “%s”: "), display);
      return NULL;
    }
  file = g_new0 (LtBundlePart, 1);
  file->path = g_strdup (path);
  file->size = g_bytes_get_size (bytes);
  file->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  files = g_ptr_array_new_with_free_func ((GDestroyNotify) lt_bundle_part_free);
  g_ptr_array_add (files, file);
  return files;
}

/* After the push: the bundle is refused when any of its parts was (the
 * parts after it wait for it). */
static void
settle_delivery (LtOutbox    *outbox,
                 AttachFacts *facts)
{
  if (facts->delivery == LT_CLI_DELIVERY_SENT)
    return;
  for (guint i = 0; i < facts->keys->len; i++)
    {
      g_autoptr(LtOutboxItem) item = lt_outbox_lookup (outbox, g_ptr_array_index (facts->keys, i), NULL);

      if (item != NULL && lt_outbox_item_get_state (item) == LT_OUTBOX_STATE_FAILED)
        {
          facts->delivery = LT_CLI_DELIVERY_REFUSED;
          g_free (facts->why);
          facts->why = g_strdup (lt_outbox_item_get_failure_reason (item));
          return;
        }
    }
}

/* Checks and queues @paths (absolute, NULL-terminated) on the ticket
 * named @id, pushes them, and fills @facts. A bundle is checked against
 * its manifest first and queued whole or not at all; a plain file is
 * reviewed for secrets as before. Returns LT_CLI_EXIT_OK, or the exit
 * status with the error printed. */
static int
queue_attachment (LtCli              *cli,
                  const char         *id,
                  const char * const *paths,
                  const char         *note,
                  const Review       *review,
                  AttachFacts        *facts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = now_utc ();
  g_autoptr(LtTicket) ticket = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  gboolean bundle = paths[1] != NULL || lt_bundle_reader_looks_like_bundle (paths[0]);
  LtStore *store;
  LtPolicy *policy;

  if ((store = lt_cli_get_store (cli, &error)) == NULL ||
      (policy = lt_cli_get_effective_policy (cli, store, &error)) == NULL ||
      (ticket = find_ticket (store, id, &error)) == NULL)
    return lt_cli_fail (cli, error);
  facts->ticket = g_strdup (ticket_name (ticket));

  if (bundle)
    {
      /* Each part carries its own note ("part 2 of 3", the checksum). */
      if (note != NULL)
        {
          lt_cli_set_usage_error (cli, &error, _("--note: a bundle's parts carry their own notes"));
          return lt_cli_fail (cli, error);
        }
      /* Its files were redacted when it was made, and they are gzip: the
       * review for secrets cannot read them; the manifest check can. */
      facts->files = lt_bundle_reader_check (paths, NULL, NULL, &error);
      if (facts->files == NULL)
        return lt_cli_fail (cli, error);
      facts->bundle_sha256 =
        g_strdup (((LtBundlePart *) g_ptr_array_index (facts->files, facts->files->len - 1))->sha256);
    }
  else
    {
      int status = review_outgoing (cli, review, note, paths);

      if (status != LT_CLI_EXIT_OK)
        return status;
      facts->files = describe_plain_file (paths[0], &error);
      if (facts->files == NULL)
        return lt_cli_fail (cli, error);
    }

  outbox = lt_outbox_new (store);
  if (bundle)
    facts->keys = lt_actions_attach_bundle (outbox, policy, ticket, facts->files, now, &error);
  else
    {
      char *key = lt_actions_attach (outbox, policy, ticket, paths[0], note, now, &error);

      if (key != NULL)
        {
          facts->keys = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (facts->keys, key);
        }
    }
  if (facts->keys == NULL)
    {
      g_prefix_error (&error, "%s: ", facts->ticket);
      return lt_cli_fail_action (cli, error);
    }

  /* One push sends every part, in order. */
  facts->delivery = lt_cli_deliver_now (cli, outbox, g_ptr_array_index (facts->keys, facts->keys->len - 1),
                                        &facts->why);
  settle_delivery (outbox, facts);
  return LT_CLI_EXIT_OK;
}

static int
print_attached (const AttachFacts *facts)
{
  g_autofree char *done = NULL;
  g_autofree char *subject = NULL;
  guint n = facts->files->len;

  if (facts->bundle_sha256 == NULL)
    {
      g_autofree char *base = g_path_get_basename (((LtBundlePart *) g_ptr_array_index (facts->files, 0))->path);

      done = g_strdup_printf (_("%s attached to %s."), base, facts->ticket);
      subject = g_strdup_printf (_("The attachment %s for %s"), base, facts->ticket);
    }
  else
    {
      g_print (_("Bundle SHA-256: %s\n"), facts->bundle_sha256);
      for (guint i = 0; i < n; i++)
        {
          const LtBundlePart *part = g_ptr_array_index (facts->files, i);
          g_autofree char *display = g_filename_display_name (part->path);
          g_autofree char *shown = lt_text_dup_displayable (display, LT_TEXT_SINGLE_LINE);
          g_autofree char *size = g_format_size (part->size);

          /* TRANSLATORS: "Part 2 of 3: /tmp/diag.part02.tar.gz (9.8 MB)" */
          g_print (_("Part %u of %u: %s (%s)\n"), i + 1, n, shown, size);
        }
      done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The bundle (%u part) attached to %s.",
                                           "The bundle (%u parts) attached to %s.", n),
                              n, facts->ticket);
      subject = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The bundle (%u part) for %s",
                                              "The bundle (%u parts) for %s", n),
                                 n, facts->ticket);
    }

  if (facts->delivery == LT_CLI_DELIVERY_SENT)
    {
      g_print ("%s\n", done);
      return LT_CLI_EXIT_OK;
    }
  return lt_cli_report_not_sent (facts->delivery, subject, facts->why);
}

static int
print_attached_json (const AttachFacts *facts)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  lt_cli_add_string_member (builder, "ticket", facts->ticket);
  lt_cli_add_string_member (builder, "bundle_sha256", facts->bundle_sha256);
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < facts->files->len; i++)
    {
      const LtBundlePart *file = g_ptr_array_index (facts->files, i);

      json_builder_begin_object (builder);
      lt_cli_add_string_member (builder, "path", file->path);
      lt_cli_add_int_member (builder, "size", (gint64) file->size);
      lt_cli_add_string_member (builder, "sha256", file->sha256);
      lt_cli_add_string_member (builder, "outbox_key", g_ptr_array_index (facts->keys, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  lt_cli_add_string_member (builder, "delivery", lt_cli_delivery_to_string (facts->delivery));
  lt_cli_add_string_member (builder, "delivery_message", facts->why);
  json_builder_end_object (builder);
  lt_cli_print_json (builder);
  return facts->delivery == LT_CLI_DELIVERY_REFUSED ? LT_CLI_EXIT_NO : LT_CLI_EXIT_OK;
}

int
lt_cli_ticket_attach_run (LtCli  *cli,
                          int     argc,
                          char  **argv)
{
  g_autofree char *note = NULL;
  gboolean yes = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_("A note shown with the file (not with a bundle)"), N_("TEXT") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Send it even though it seems to hold a password, key or token"), NULL },
    LT_CLI_JSON_OPTION (json),
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "ID", "FILE" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_auto(AttachFacts) facts = { 0 };
  int status;

  context = lt_cli_context_new (cli, "ID FILE…",
                                _("Attaches a log file, or a diagnostics bundle (its .tar.gz, or "
                                  "all of its parts NAME.part01.tar.gz…, in any order), to a "
                                  "ticket. A bundle is checked against its MANIFEST.json first and "
                                  "refused whole if anything differs. Files are read when they are "
                                  "uploaded: leave them in place until then."),
                                entries);
  if (!lt_cli_parse_range (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), G_MAXUINT,
                           arg_names, &error))
    return lt_cli_fail (cli, error);
  /* The upload may happen in a later sync from another folder. */
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (paths, g_canonicalize_filename (argv[i], NULL));
  g_ptr_array_add (paths, NULL);

  {
    const Review review = { "--note", yes, _("Send the file anyway?") };

    status = queue_attachment (cli, argv[1], (const char * const *) paths->pdata, note, &review, &facts);
  }
  if (status != LT_CLI_EXIT_OK)
    return status;
  return json ? print_attached_json (&facts) : print_attached (&facts);
}

/* The text an action sends with it: --reason for reopen, escalate and
 * withdraw, --note for confirm. */
typedef struct
{
  const char *option;         /* the long option without "--" */
  const char *help;           /* N_() */
  const char *blank_message;  /* N_(); NULL: optional, a blank text is none */
} ActionText;

static const ActionText required_reason = {
  "reason", N_("Why (required)"), N_("--reason: the reason is empty")
};
static const ActionText optional_reason = { "reason", N_("Why, for the support team (optional)"), NULL };
static const ActionText optional_note = { "note", N_("A note for the support team"), NULL };

/* `ticket ACTION ID [--OPTION TEXT] [--yes]`: an action on one ticket with
 * the text of @text, which is reviewed for secrets before it leaves. A
 * blank optional text is no text; a blank required one is refused. */
static int
run_with_text (LtCli            *cli,
               int               argc,
               char            **argv,
               Action            action,
               const ActionText *text,
               const char       *summary)
{
  g_autofree char *value = NULL;
  g_autofree char *option = g_strconcat ("--", text->option, NULL);
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { text->option, 0, 0, G_OPTION_ARG_STRING, &value, text->help, N_("TEXT") },
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes,
      N_("Send it even though it seems to hold a password, key or token"), NULL },
    G_OPTION_ENTRY_NULL
  };
  const char * const arg_names[] = { "ID" };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  context = lt_cli_context_new (cli, "ID", summary, entries);
  if (!lt_cli_parse (cli, context, &argc, &argv, G_N_ELEMENTS (arg_names), arg_names, &error) ||
      (text->blank_message != NULL && !lt_cli_require_option (option, value, &error)))
    return lt_cli_fail (cli, error);
  if (value != NULL && is_blank (value))
    {
      if (text->blank_message != NULL)
        {
          g_set_error_literal (&error, LT_ERROR, LT_ERROR_INVALID_INPUT, _(text->blank_message));
          return lt_cli_fail (cli, error);
        }
      g_clear_pointer (&value, g_free);
    }
  {
    const Review review = { option, yes, _("Send it anyway?") };

    return run_action (cli, argv[1], action, value, value != NULL ? &review : NULL);
  }
}

int
lt_cli_ticket_confirm_run (LtCli  *cli,
                           int     argc,
                           char  **argv)
{
  return run_with_text (cli, argc, argv, ACTION_CONFIRM, &optional_note,
                        _("Confirms that a resolved ticket is fixed: it is closed."));
}

int
lt_cli_ticket_reopen_run (LtCli  *cli,
                          int     argc,
                          char  **argv)
{
  return run_with_text (cli, argc, argv, ACTION_REOPEN, &required_reason,
                          _("Reopens a closed ticket, within 5 business days of its closing "
                            "(the policy's reopen window, §14). After the window, file a new "
                            "ticket with --references ID. Exit status 1 when the policy does "
                            "not allow it."));
}

int
lt_cli_ticket_escalate_run (LtCli  *cli,
                            int     argc,
                            char  **argv)
{
  return run_with_text (cli, argc, argv, ACTION_ESCALATE, &required_reason,
                          _("Escalates an open ticket one level (§9): Support Team Leader, "
                            "Director, Customer Experience, Chief Customer Officer. Exit status "
                            "1 when it is already at the highest level or not open."));
}

int
lt_cli_ticket_withdraw_run (LtCli  *cli,
                            int     argc,
                            char  **argv)
{
  return run_with_text (cli, argc, argv, ACTION_WITHDRAW, &optional_reason,
                        _("Withdraws an open ticket you no longer need: it is closed as "
                          "withdrawn. A ticket still queued is withdrawn right after it is "
                          "filed; to drop one that never left, discard its outbox item "
                          "(“ltsupport outbox discard”). Exit status 1 when the ticket "
                          "cannot be withdrawn (it is closed)."));
}
