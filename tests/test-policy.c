/* test-policy.c: the policy document (RULES.md R1–R12 as data)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-policy"

#include "config.h"

#include "lt-business-calendar.h"
#include "lt-policy.h"
#include "lt-test-util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define fail_test(...) fail_test_at (__FILE__, __LINE__, G_STRFUNC, __VA_ARGS__)

static void fail_test_at (const char *file,
                          int         line,
                          const char *func,
                          const char *format,
                          ...) G_GNUC_PRINTF (4, 5);

static void
fail_test_at (const char *file,
              int         line,
              const char *func,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

/* The bundled document as text, for tests that edit or cut it. */
static char *
dup_default_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (LT_POLICY_DEFAULT_RESOURCE,
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  gsize length;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  return g_strndup (data, length);
}

static LtPolicy *
load_text (const char  *text,
           gssize       length,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);

  return lt_policy_new_from_bytes (bytes, error);
}

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "policy", name, NULL);
}

/* Asserts an LT_ERROR_INVALID_DATA whose message begins with exactly
 * @path followed by ": ". */
static void
assert_path_error (const GError *error,
                   const char   *path,
                   const char   *what)
{
  g_autofree char *prefix = g_strdup_printf ("%s: ", path);

  if (error == NULL)
    fail_test ("%s: loaded, expected an error at %s", what, path);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
  if (!g_str_has_prefix (error->message, prefix))
    fail_test ("%s: message “%s” does not start with “%s”", what, error->message, prefix);
}

/* ------------------------------------------------------------------ */

static void
test_default_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPolicy) policy = lt_policy_new_default (&error);
  static const guint expected_sla[LT_N_TIERS][3] = {
    [LT_TIER_ESSENTIAL] = { 240, 540, 1080 },
    [LT_TIER_PROFESSIONAL] = { 120, 240, 540 },
    [LT_TIER_ENTERPRISE] = { 60, 120, 240 },
  };
  static const char * const expected_criteria[] = {
    "Regulatory compliance needs", "Customer impact", "Strategic value",
    "Product roadmap alignment", NULL
  };
  static const char * const expected_scope[][2] = {
    { "troubleshooting", "Troubleshooting errors" },
    { "configuration", "Configuration guidance" },
    { "performance", "Performance analysis" },
    { "updates", "Patch/version updates" },
    { "custom-code", "Custom code issues" },
    { "non-managed-integrations", "Non-managed integrations" },
    { "end-user-training", "End-user training" },
    { "customer-infrastructure", "Customer-driven infrastructure issues" },
  };
  const LtEscalationLevel *levels;
  const LtScopeCategory *scope;
  const guint *leads;
  guint n;

  g_assert_no_error (error);
  g_assert_nonnull (policy);

  g_assert_cmpstr (lt_policy_get_title (policy), ==, "LockThreat Technical Support Policy");
  lt_assert_date (lt_policy_get_effective_date (policy), "2025-06-26");
  lt_assert_date (lt_policy_get_updated_date (policy), "2025-09-24");
  g_assert_cmpuint (lt_policy_get_review_interval_months (policy), ==, 6);

  g_assert_cmpstr (lt_policy_get_tier_name (policy, LT_TIER_ESSENTIAL), ==, "Essential");
  g_assert_cmpstr (lt_policy_get_tier_name (policy, LT_TIER_PROFESSIONAL), ==, "Professional");
  g_assert_cmpstr (lt_policy_get_tier_name (policy, LT_TIER_ENTERPRISE), ==, "Enterprise");
  for (guint t = 0; t < LT_N_TIERS; t++)
    {
      const char * const *channels = lt_policy_get_tier_channels (policy, (LtTier) t);
      const char * const expected[] = { "portal", "email", "phone", "csm", NULL };

      g_assert_nonnull (channels);
      g_assert_true (g_strv_equal (channels, expected));
    }

  /* R4: all twelve cells; feature requests have no target. */
  g_assert_true (lt_policy_get_sla_is_default (policy));
  g_assert_cmpfloat_with_epsilon (lt_policy_get_sla_at_risk_fraction (policy), 0.25, 1e-12);
  for (guint t = 0; t < LT_N_TIERS; t++)
    {
      guint minutes = G_MAXUINT;

      for (guint s = LT_SEVERITY_S1; s <= LT_SEVERITY_S3; s++)
        {
          minutes = G_MAXUINT;
          g_assert_true (lt_policy_get_response_minutes (policy, (LtTier) t, (LtSeverity) s, &minutes));
          g_assert_cmpuint (minutes, ==, expected_sla[t][s]);
        }
      g_assert_false (lt_policy_get_response_minutes (policy, (LtTier) t, LT_SEVERITY_FEATURE, &minutes));
      g_assert_cmpuint (minutes, ==, 0);
    }

  g_assert_cmpuint (lt_policy_get_auto_close_business_days (policy), ==, 5);
  g_assert_cmpuint (lt_policy_get_reopen_business_days (policy), ==, 5);
  g_assert_cmpuint (lt_policy_get_change_lead_business_days (policy), ==, 3);
  g_assert_cmpuint (lt_policy_get_emergency_notice_minutes (policy), ==, 60);
  g_assert_cmpuint (lt_policy_get_upgrade_package_interval_months (policy), ==, 6);
  leads = lt_policy_get_reminder_lead_minutes (policy, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (leads[0], ==, 1440);
  g_assert_cmpuint (leads[1], ==, 60);
  g_assert_cmpuint (lt_policy_get_supported_preceding (policy), ==, 2);
  g_assert_cmpuint (lt_policy_get_invoice_suspension_days (policy), ==, 60);

  levels = lt_policy_get_escalation_levels (policy, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (levels[0].level, ==, 1);
  g_assert_cmpstr (levels[0].title, ==, "Support Team Leader");
  g_assert_cmpuint (levels[1].level, ==, 2);
  g_assert_cmpstr (levels[1].title, ==, "Director, Customer Experience");
  g_assert_cmpuint (levels[2].level, ==, 3);
  g_assert_cmpstr (levels[2].title, ==, "Chief Customer Officer");

  scope = lt_policy_get_scope_categories (policy, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected_scope));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpstr (scope[i].id, ==, expected_scope[i][0]);
      g_assert_cmpstr (scope[i].label, ==, expected_scope[i][1]);
      /* R7: the first four are in scope, the last four are not. */
      g_assert_cmpint (scope[i].in_scope, ==, i < 4);
    }
  g_assert_true (lt_policy_find_scope_category (policy, "custom-code") == &scope[4]);
  g_assert_false (lt_policy_find_scope_category (policy, "custom-code")->in_scope);
  g_assert_true (lt_policy_find_scope_category (policy, "troubleshooting")->in_scope);
  g_assert_null (lt_policy_find_scope_category (policy, "Troubleshooting errors"));
  g_assert_null (lt_policy_find_scope_category (policy, NULL));

  g_assert_true (g_strv_equal (lt_policy_get_feature_criteria (policy), expected_criteria));
  {
    const char * const ids[] = {
      "regulatory-compliance", "customer-impact", "strategic-value", "roadmap-alignment", NULL
    };
    g_assert_true (g_strv_equal (lt_policy_get_feature_criterion_ids (policy), ids));
  }
  g_assert_cmpuint (lt_policy_get_feature_review_interval_months (policy), ==, 3);

  g_assert_cmpstr (lt_policy_get_portal_url (policy), ==, "https://support.lockthreat.com");
  g_assert_cmpstr (lt_policy_get_support_email (policy), ==, "support@lockthreat.com");
  g_assert_cmpstr (lt_policy_get_critical_phone (policy), ==, "+1-317-886-0121");
  g_assert_cmpstr (lt_policy_get_csm_email (policy), ==, "csm@lockthreat.com");
}

static void
assert_rule (const LtHolidayRule *rule,
             const char          *name,
             GDateMonth           month,
             GDateDay             day,
             GDateWeekday         weekday,
             int                  nth)
{
  g_assert_cmpstr (rule->name, ==, name);
  g_assert_cmpint (rule->month, ==, month);
  g_assert_cmpint (rule->day, ==, day);
  g_assert_cmpint (rule->weekday, ==, weekday);
  g_assert_cmpint (rule->nth, ==, nth);
}

static void
test_default_calendar (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPolicy) policy = lt_policy_new_default (&error);
  LtBusinessCalendar *calendar;
  const LtHolidayRule *rules;
  guint n;
  guint weekdays = 0;

  g_assert_no_error (error);
  calendar = lt_policy_get_calendar (policy);
  g_assert_true (LT_IS_BUSINESS_CALENDAR (calendar));

  g_assert_cmpstr (lt_business_calendar_get_time_zone_id (calendar), ==, "America/Indiana/Indianapolis");
  g_assert_cmpstr (g_time_zone_get_identifier (lt_business_calendar_get_time_zone (calendar)), ==,
                   "America/Indiana/Indianapolis");
  for (guint w = G_DATE_MONDAY; w <= G_DATE_FRIDAY; w++)
    weekdays |= 1u << w;
  g_assert_cmpuint (lt_business_calendar_get_business_weekdays (calendar), ==, weekdays);
  g_assert_cmpuint (lt_business_calendar_get_opens_minute (calendar), ==, 8 * 60);
  g_assert_cmpuint (lt_business_calendar_get_closes_minute (calendar), ==, 17 * 60);
  g_assert_cmpint (lt_business_calendar_get_observed_rule (calendar), ==, LT_OBSERVED_RULE_NEAREST_WEEKDAY);

  lt_business_calendar_get_closures (calendar, &n);
  g_assert_cmpuint (n, ==, 0);

  rules = lt_business_calendar_get_holiday_rules (calendar, &n);
  g_assert_cmpuint (n, ==, 11);
  assert_rule (&rules[0], "New Year's Day", G_DATE_JANUARY, 1, G_DATE_BAD_WEEKDAY, 0);
  assert_rule (&rules[1], "Birthday of Martin Luther King, Jr.", G_DATE_JANUARY, 0, G_DATE_MONDAY, 3);
  assert_rule (&rules[2], "Washington's Birthday", G_DATE_FEBRUARY, 0, G_DATE_MONDAY, 3);
  assert_rule (&rules[3], "Memorial Day", G_DATE_MAY, 0, G_DATE_MONDAY, -1);
  assert_rule (&rules[4], "Juneteenth National Independence Day", G_DATE_JUNE, 19, G_DATE_BAD_WEEKDAY, 0);
  assert_rule (&rules[5], "Independence Day", G_DATE_JULY, 4, G_DATE_BAD_WEEKDAY, 0);
  assert_rule (&rules[6], "Labor Day", G_DATE_SEPTEMBER, 0, G_DATE_MONDAY, 1);
  assert_rule (&rules[7], "Columbus Day", G_DATE_OCTOBER, 0, G_DATE_MONDAY, 2);
  assert_rule (&rules[8], "Veterans Day", G_DATE_NOVEMBER, 11, G_DATE_BAD_WEEKDAY, 0);
  assert_rule (&rules[9], "Thanksgiving Day", G_DATE_NOVEMBER, 0, G_DATE_THURSDAY, 4);
  assert_rule (&rules[10], "Christmas Day", G_DATE_DECEMBER, 25, G_DATE_BAD_WEEKDAY, 0);
}

static void
test_default_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtPolicy) policy = lt_policy_new_default (&error);
  JsonNode *root;
  JsonObject *object;

  g_assert_no_error (error);
  root = lt_policy_get_json (policy);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  g_assert_true (json_node_is_immutable (root));
  object = json_node_get_object (root);
  g_assert_cmpint (json_object_get_int_member (object, "schema"), ==, LT_POLICY_SCHEMA);
  g_assert_cmpstr (json_object_get_string_member (object, "updated"), ==, "2025-09-24");
}

/* The same document loaded from a mutable tree: the policy keeps its own
 * immutable copy, so later edits of the caller's tree change nothing. */
static void
test_from_mutable_node (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = dup_default_text ();
  g_autoptr(JsonNode) node = json_from_string (text, &error);
  g_autoptr(LtPolicy) policy = NULL;
  JsonObject *contacts;

  g_assert_no_error (error);
  g_assert_false (json_node_is_immutable (node));
  policy = lt_policy_new_from_json_node (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (policy);
  g_assert_true (json_node_is_immutable (lt_policy_get_json (policy)));

  contacts = json_object_get_object_member (json_node_get_object (node), "contacts");
  json_object_set_string_member (contacts, "email", "changed@example.org");
  g_assert_cmpstr (lt_policy_get_support_email (policy), ==, "support@lockthreat.com");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_node_get_object (lt_policy_get_json (policy)),
                                                    "contacts"), "email"),
                   ==, "support@lockthreat.com");
}

static void
test_variant (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = data_path ("variant.json");
  g_autoptr(LtPolicy) policy = lt_policy_new_from_file (path, &error);
  LtBusinessCalendar *calendar;
  const LtHolidayRule *rules;
  const LtClosure *closures;
  const LtEscalationLevel *levels;
  const LtScopeCategory *scope;
  const guint *leads;
  guint minutes;
  guint n;

  g_assert_no_error (error);
  g_assert_nonnull (policy);

  g_assert_cmpstr (lt_policy_get_title (policy), ==, "Example Support Policy (variant)");
  lt_assert_date (lt_policy_get_effective_date (policy), "2024-01-15");
  lt_assert_date (lt_policy_get_updated_date (policy), "2024-07-01");
  g_assert_cmpuint (lt_policy_get_review_interval_months (policy), ==, 12);

  /* Tiers in another order than the enum are matched by id. */
  g_assert_cmpstr (lt_policy_get_tier_name (policy, LT_TIER_ESSENTIAL), ==, "Bronze");
  g_assert_cmpstr (lt_policy_get_tier_name (policy, LT_TIER_PROFESSIONAL), ==, "Silver");
  g_assert_cmpstr (lt_policy_get_tier_name (policy, LT_TIER_ENTERPRISE), ==, "Gold");
  {
    const char * const essential[] = { "portal", NULL };
    const char * const professional[] = { "email", "portal", NULL };
    g_assert_true (g_strv_equal (lt_policy_get_tier_channels (policy, LT_TIER_ESSENTIAL), essential));
    g_assert_true (g_strv_equal (lt_policy_get_tier_channels (policy, LT_TIER_PROFESSIONAL), professional));
  }

  g_assert_false (lt_policy_get_sla_is_default (policy));
  g_assert_cmpfloat_with_epsilon (lt_policy_get_sla_at_risk_fraction (policy), 0.5, 1e-12);
  g_assert_true (lt_policy_get_response_minutes (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S1, &minutes));
  g_assert_cmpuint (minutes, ==, 30);
  g_assert_true (lt_policy_get_response_minutes (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S2, &minutes));
  g_assert_cmpuint (minutes, ==, 90);
  g_assert_false (lt_policy_get_response_minutes (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_S3, &minutes));
  g_assert_true (lt_policy_get_response_minutes (policy, LT_TIER_ENTERPRISE, LT_SEVERITY_FEATURE, &minutes));
  g_assert_cmpuint (minutes, ==, 4800);
  g_assert_true (lt_policy_get_response_minutes (policy, LT_TIER_ESSENTIAL, LT_SEVERITY_S3, &minutes));
  g_assert_cmpuint (minutes, ==, 1920);
  g_assert_false (lt_policy_get_response_minutes (policy, LT_TIER_ESSENTIAL, LT_SEVERITY_FEATURE, NULL));
  /* A zero-minute target is a target, not "none". */
  g_assert_true (lt_policy_get_response_minutes (policy, LT_TIER_PROFESSIONAL, LT_SEVERITY_S1, &minutes));
  g_assert_cmpuint (minutes, ==, 0);
  g_assert_true (lt_policy_get_response_minutes (policy, LT_TIER_PROFESSIONAL, LT_SEVERITY_FEATURE, &minutes));
  g_assert_cmpuint (minutes, ==, 9600);

  calendar = lt_policy_get_calendar (policy);
  g_assert_cmpstr (lt_business_calendar_get_time_zone_id (calendar), ==, "Europe/Berlin");
  g_assert_cmpuint (lt_business_calendar_get_business_weekdays (calendar), ==,
                    (1u << G_DATE_MONDAY) | (1u << G_DATE_TUESDAY) |
                    (1u << G_DATE_WEDNESDAY) | (1u << G_DATE_THURSDAY));
  g_assert_cmpuint (lt_business_calendar_get_opens_minute (calendar), ==, 9 * 60 + 30);
  g_assert_cmpuint (lt_business_calendar_get_closes_minute (calendar), ==, 16 * 60 + 45);
  g_assert_cmpint (lt_business_calendar_get_observed_rule (calendar), ==, LT_OBSERVED_RULE_NONE);
  rules = lt_business_calendar_get_holiday_rules (calendar, &n);
  g_assert_cmpuint (n, ==, 2);
  assert_rule (&rules[0], "Tag der Deutschen Einheit", G_DATE_OCTOBER, 3, G_DATE_BAD_WEEKDAY, 0);
  assert_rule (&rules[1], "Last Friday of November", G_DATE_NOVEMBER, 0, G_DATE_FRIDAY, -1);
  closures = lt_business_calendar_get_closures (calendar, &n);
  g_assert_cmpuint (n, ==, 2);
  lt_assert_date (&closures[0].date, "2025-12-24");
  g_assert_cmpstr (closures[0].name, ==, "Christmas Eve");
  lt_assert_date (&closures[1].date, "2025-12-31");
  g_assert_cmpstr (closures[1].name, ==, "New Year's Eve");

  g_assert_cmpuint (lt_policy_get_auto_close_business_days (policy), ==, 7);
  g_assert_cmpuint (lt_policy_get_reopen_business_days (policy), ==, 10);
  g_assert_cmpuint (lt_policy_get_change_lead_business_days (policy), ==, 2);
  g_assert_cmpuint (lt_policy_get_emergency_notice_minutes (policy), ==, 120);
  g_assert_cmpuint (lt_policy_get_upgrade_package_interval_months (policy), ==, 12);
  /* Stored largest first whatever the document's order. */
  leads = lt_policy_get_reminder_lead_minutes (policy, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (leads[0], ==, 2880);
  g_assert_cmpuint (leads[1], ==, 240);
  g_assert_cmpuint (leads[2], ==, 30);
  g_assert_cmpuint (lt_policy_get_supported_preceding (policy), ==, 3);
  g_assert_cmpuint (lt_policy_get_invoice_suspension_days (policy), ==, 45);

  levels = lt_policy_get_escalation_levels (policy, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpstr (levels[1].title, ==, "Head of Support");
  scope = lt_policy_get_scope_categories (policy, &n);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpstr (scope[2].id, ==, "custom-scripts");
  g_assert_false (scope[2].in_scope);
  g_assert_null (lt_policy_find_scope_category (policy, "custom-code"));

  {
    const char * const labels[] = { "Revenue impact", "Engineering effort", NULL };
    const char * const ids[] = { "revenue", "effort", NULL };
    g_assert_true (g_strv_equal (lt_policy_get_feature_criteria (policy), labels));
    g_assert_true (g_strv_equal (lt_policy_get_feature_criterion_ids (policy), ids));
  }
  g_assert_cmpuint (lt_policy_get_feature_review_interval_months (policy), ==, 6);

  g_assert_cmpstr (lt_policy_get_portal_url (policy), ==, "https://help.example.org/support");
  g_assert_cmpstr (lt_policy_get_support_email (policy), ==, "help@example.org");
  g_assert_cmpstr (lt_policy_get_critical_phone (policy), ==, "+49 30 1234567");
  g_assert_cmpstr (lt_policy_get_csm_email (policy), ==, "success@example.org");
}

/* ------------------------------------------------------------------ */
/* Malformed documents: the default with one edit                        */

/* Walks a dotted edit path ("calendar.holidays.3.month"; numbers index
 * arrays) and sets the last step to @value_json, or removes it when
 * @value_json is NULL. */
static void
apply_edit (JsonNode   *root,
            const char *edit,
            const char *value_json)
{
  g_auto(GStrv) steps = g_strsplit (edit, ".", -1);
  guint n_steps = g_strv_length (steps);
  JsonNode *node = root;
  g_autoptr(JsonNode) value = NULL;

  for (guint i = 0; i + 1 < n_steps; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), (guint) atoi (steps[i]));
      else
        node = json_object_get_member (json_node_get_object (node), steps[i]);
      g_assert_nonnull (node);
    }

  if (value_json == NULL)
    {
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_assert_true (json_object_has_member (json_node_get_object (node), steps[n_steps - 1]));
      json_object_remove_member (json_node_get_object (node), steps[n_steps - 1]);
      return;
    }

  value = json_from_string (value_json, NULL);
  g_assert_nonnull (value);

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_member (json_node_get_object (node), steps[n_steps - 1], json_node_ref (value));
    }
  else
    {
      /* A new array with one element swapped: json-glib 1.6 cannot
       * re-initialise a value node in place without touching freed memory. */
      JsonArray *old = json_node_get_array (node);
      guint index = (guint) atoi (steps[n_steps - 1]);
      JsonArray *array = json_array_sized_new (json_array_get_length (old));

      g_assert_cmpuint (index, <, json_array_get_length (old));
      for (guint i = 0; i < json_array_get_length (old); i++)
        json_array_add_element (array, json_node_ref (i == index ? value : json_array_get_element (old, i)));
      json_node_take_array (node, array);
    }
}

static char *
edited_default (const char *edit,
                const char *value_json)
{
  g_autofree char *text = dup_default_text ();
  g_autoptr(JsonNode) root = json_from_string (text, NULL);

  g_assert_nonnull (root);
  apply_edit (root, edit, value_json);
  return json_to_string (root, TRUE);
}

typedef struct
{
  const char *edit;
  const char *value;       /* JSON; NULL removes the member */
  const char *path;        /* the message must start with this and ": " */
  const char *contains;    /* and contain this, when set */
} EditCase;

static const EditCase edit_cases[] = {
  { "schema", "2", "$.schema", "update LockThreat Support" },
  { "schema", "\"1\"", "$.schema", NULL },
  { "schema", "0", "$.schema", NULL },
  { "schema", NULL, "$.schema", "missing" },
  { "colour", "\"blue\"", "$.colour", "unknown field" },
  { "title", "\"  \"", "$.title", NULL },
  { "title", "7", "$.title", "expected a string" },
  { "effective", "\"2026-02-30\"", "$.effective", "2026-02-30" },
  { "updated", "\"2025/09/24\"", "$.updated", NULL },
  { "review_interval_months", "0", "$.review_interval_months", NULL },
  { "tiers", "{}", "$.tiers", "expected an array" },
  { "tiers.2.id", "\"essential\"", "$.tiers[2].id", "more than once" },
  { "tiers.1.id", "\"gold\"", "$.tiers[1].id", "gold" },
  { "tiers", "[{\"id\": \"essential\", \"name\": \"E\", \"channels\": [\"portal\"]},"
             " {\"id\": \"enterprise\", \"name\": \"X\", \"channels\": [\"portal\"]}]",
    "$.tiers", "professional" },
  { "tiers.0.channels", "[\"portal\", \"fax\"]", "$.tiers[0].channels[1]", "fax" },
  { "tiers.0.channels", "[\"portal\", \"portal\"]", "$.tiers[0].channels[1]", NULL },
  { "tiers.0.channels", "[]", "$.tiers[0].channels", NULL },
  { "tiers.0.name", NULL, "$.tiers[0].name", "missing" },
  { "sla.response_minutes.enterprise.s1", "-5", "$.sla.response_minutes.enterprise.s1",
    "expected a whole number from 0 to 525600 or null, found “-5”" },
  { "sla.response_minutes.professional.s2", "\"240\"", "$.sla.response_minutes.professional.s2", NULL },
  { "sla.response_minutes.essential.s3", "1.5", "$.sla.response_minutes.essential.s3", NULL },
  { "sla.response_minutes.essential.s3", "600000", "$.sla.response_minutes.essential.s3",
    "from 0 to 525600 or null, found “600000”" },
  /* A year of minutes is 974 business days of 08:00-17:00. */
  { "sla.response_minutes.essential.s3", "525600", "$.sla.response_minutes.essential.s3",
    "974 business days" },
  { "calendar.closes", "\"08:01\"", "$.sla.response_minutes.essential.s2", "540 business days of 1-minute" },
  { "sla.response_minutes.professional", NULL, "$.sla.response_minutes.professional", "missing" },
  { "sla.response_minutes.enterprise.feature", NULL, "$.sla.response_minutes.enterprise.feature", NULL },
  { "sla.response_minutes.enterprise.s4", "10", "$.sla.response_minutes.enterprise.s4", NULL },
  { "sla.response_minutes.gold", "{}", "$.sla.response_minutes.gold", "not a tier" },
  { "sla.at_risk_fraction", "1", "$.sla.at_risk_fraction", NULL },
  { "sla.at_risk_fraction", "0", "$.sla.at_risk_fraction", NULL },
  { "sla.at_risk_fraction", "-0.25", "$.sla.at_risk_fraction", NULL },
  { "sla.at_risk_fraction", "\"25%\"", "$.sla.at_risk_fraction", NULL },
  { "sla.source", "\"contractual\"", "$.sla.source", NULL },
  { "calendar", "\"Indianapolis\"", "$.calendar", "expected an object" },
  { "calendar.time_zone", "\"Mars/Olympus\"", "$.calendar.time_zone",
    "“Mars/Olympus” is not a known time zone" },
  { "calendar.time_zone", "\"../../etc/passwd\"", "$.calendar.time_zone", NULL },
  { "calendar.time_zone", "\"zone.tab\"", "$.calendar.time_zone", NULL },
  { "calendar.time_zone", "\"leapseconds\"", "$.calendar.time_zone", NULL },
  { "calendar.time_zone", "\"\"", "$.calendar.time_zone", NULL },
  { "calendar.opens", "\"8:00\"", "$.calendar.opens", NULL },
  { "calendar.opens", "\"08:60\"", "$.calendar.opens", NULL },
  { "calendar.closes", "\"07:00\"", "$.calendar.closes", "not after" },
  { "calendar.closes", "\"08:00\"", "$.calendar.closes", NULL },
  { "calendar.closes", "\"24:00\"", "$.calendar.closes", NULL },
  { "calendar.business_days", "[]", "$.calendar.business_days", NULL },
  { "calendar.business_days", "[\"mon\", \"funday\"]", "$.calendar.business_days[1]", "funday" },
  { "calendar.business_days", "[\"mon\", \"mon\"]", "$.calendar.business_days[1]", NULL },
  { "calendar.holidays.3.month", "13", "$.calendar.holidays[3].month", NULL },
  { "calendar.holidays.3.month", "0", "$.calendar.holidays[3].month", NULL },
  { "calendar.holidays.3.nth", "0", "$.calendar.holidays[3].nth", NULL },
  { "calendar.holidays.3.nth", "6", "$.calendar.holidays[3].nth", NULL },
  { "calendar.holidays.3.nth", "-2", "$.calendar.holidays[3].nth", NULL },
  { "calendar.holidays.3.nth", NULL, "$.calendar.holidays[3].nth", "missing" },
  { "calendar.holidays.3.weekday", NULL, "$.calendar.holidays[3].weekday", "missing" },
  { "calendar.holidays.1.weekday", "\"monday\"", "$.calendar.holidays[1].weekday", "monday" },
  { "calendar.holidays.0.day", "32", "$.calendar.holidays[0].day", NULL },
  { "calendar.holidays.0.day", "0", "$.calendar.holidays[0].day", NULL },
  { "calendar.holidays.0.weekday", "\"mon\"", "$.calendar.holidays[0].weekday", "not both" },
  { "calendar.holidays.0.day", NULL, "$.calendar.holidays[0]", "either" },
  { "calendar.holidays", "[{\"name\": \"Leap Day\", \"month\": 2, \"day\": 29}]",
    "$.calendar.holidays[0].day", NULL },
  { "calendar.holidays", "[{\"name\": \"Nov 31\", \"month\": 11, \"day\": 31}]",
    "$.calendar.holidays[0].day", NULL },
  { "calendar.holidays.4.name", "\"\"", "$.calendar.holidays[4].name", NULL },
  { "calendar.holidays.4", "[]", "$.calendar.holidays[4]", "expected an object" },
  { "calendar.observed", "\"nearest\"", "$.calendar.observed", NULL },
  { "calendar.extra_closures", "[{\"date\": \"2026-02-30\", \"name\": \"x\"}]",
    "$.calendar.extra_closures[0].date", NULL },
  { "calendar.extra_closures", "[{\"date\": \"2025-12-24\", \"name\": \"Eve\"},"
                               " {\"date\": \"2025-12-24\", \"name\": \"Again\"}]",
    "$.calendar.extra_closures[1].date", "more than once" },
  { "calendar.extra_closures", "[{\"date\": \"2025-12-24\"}]", "$.calendar.extra_closures[0].name", NULL },
  { "calendar.time zone", "1", "$.calendar[\"time zone\"]", "unknown field" },
  { "lifecycle.auto_close_business_days", "-1", "$.lifecycle.auto_close_business_days", NULL },
  { "lifecycle.reopen_business_days", "100000", "$.lifecycle.reopen_business_days", "from 0 to 366, found “100000”" },
  { "change_notices.lead_business_days", "null", "$.change_notices.lead_business_days", NULL },
  { "maintenance.emergency_notice_minutes", "\"1h\"", "$.maintenance.emergency_notice_minutes", NULL },
  { "maintenance.reminder_lead_minutes", "[60, 60]", "$.maintenance.reminder_lead_minutes[1]", NULL },
  { "maintenance.reminder_lead_minutes", "[1440, 0]", "$.maintenance.reminder_lead_minutes[1]", NULL },
  { "maintenance.upgrade_package_interval_months", "0", "$.maintenance.upgrade_package_interval_months", NULL },
  { "versions.supported_preceding", "\"two\"", "$.versions.supported_preceding", NULL },
  { "invoices.suspension_after_days", "-60", "$.invoices.suspension_after_days", NULL },
  { "escalation", "[]", "$.escalation", NULL },
  { "escalation.1.level", "3", "$.escalation[1].level", NULL },
  { "escalation.2.title", "\"\"", "$.escalation[2].title", NULL },
  { "scope.5.id", "\"troubleshooting\"", "$.scope[5].id", "more than once" },
  { "scope.0.id", "\"Custom Code\"", "$.scope[0].id", NULL },
  { "scope.0.id", "\"custom--code\"", "$.scope[0].id", NULL },
  { "scope.0.in_scope", "\"yes\"", "$.scope[0].in_scope", NULL },
  { "scope", "[]", "$.scope", NULL },
  { "feature_requests.criteria", "[]", "$.feature_requests.criteria", NULL },
  { "feature_requests.criteria.1.id", "\"regulatory-compliance\"", "$.feature_requests.criteria[1].id", NULL },
  { "feature_requests.review_interval_months", "0", "$.feature_requests.review_interval_months", NULL },
  { "contacts.portal", "\"support.lockthreat.com\"", "$.contacts.portal", NULL },
  { "contacts.portal", "\"ftp://support.lockthreat.com\"", "$.contacts.portal", NULL },
  { "contacts.email", "\"support-at-lockthreat.com\"", "$.contacts.email", NULL },
  { "contacts.critical_phone", "\"call us\"", "$.contacts.critical_phone", NULL },
  { "contacts.csm_email", NULL, "$.contacts.csm_email", "missing" },
};

static void
test_malformed_edits (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (edit_cases); i++)
    {
      const EditCase *c = &edit_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *text = edited_default (c->edit, c->value);
      g_autofree char *what = g_strdup_printf ("%s = %s", c->edit, c->value ? c->value : "(removed)");
      g_autoptr(LtPolicy) policy = load_text (text, -1, &error);

      g_test_message ("%s -> %s", what, error ? error->message : "(loaded)");
      g_assert_null (policy);
      assert_path_error (error, c->path, what);
      if (c->contains != NULL && strstr (error->message, c->contains) == NULL)
        fail_test ("%s: message “%s” does not mention “%s”", what, error->message, c->contains);
    }
}

/* The edits' baseline: without an edit the document loads, so each case
 * above fails because of its edit alone. */
static void
test_edit_baseline (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = edited_default ("title", "\"LockThreat Technical Support Policy\"");
  g_autoptr(LtPolicy) policy = load_text (text, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
}

typedef struct
{
  const char *text;
  gssize      length;
  const char *path;
  const char *contains;
} TextCase;

static void
test_malformed_text (void)
{
  g_autofree char *deep = g_strnfill (100000, '[');
  g_autofree char *default_text = dup_default_text ();
  g_autoptr(GString) duplicate = g_string_new (default_text);
  const TextCase cases[] = {
    { "", 0, "$", "empty" },
    { "   \n", -1, "$", "empty" },
    { "policy", -1, "$", "not valid JSON" },
    { "{\n  \"schema\": 1,\n  \"title\": }", -1, "$", "line 3," },
    { "{\"schema\": 1} trailing", -1, "$", "not valid JSON" },
    { "[1, 2]", -1, "$", "expected an object" },
    { "\"a policy\"", -1, "$", "expected an object" },
    { "null", -1, "$", "expected an object" },
    { "{}", -1, "$.schema", "missing" },
    { "{\"schema\": 1, \"schema\": 1}", -1, "$.schema", "more than once" },
    { "{\"schema\": 99, \"future_field\": true}", -1, "$.schema", "99" },
    { "{\"schema\": 1, \"title\": \"\xff\xfe\"}", -1, "$", "UTF-8" },
    { "{\"schema\": 1, \"title\": \"a\0b\"}", 29, "$", "UTF-8" },
    { "{\"schema\": 1, \"title\": \"\\ud800\"}", -1, "$", NULL },
    { deep, -1, "$", "nested" },
    /* json-glib keeps the last of two equal names; the loader refuses. */
    { duplicate->str, -1, "$.sla.response_minutes.enterprise.s1", "more than once" },
  };

  g_assert_cmpuint (g_string_replace (duplicate, "\"s1\": 60,", "\"s1\": 60, \"s1\": 30,", 1), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtPolicy) policy = NULL;
      g_autofree char *what = g_strdup_printf ("text case %u", i);

      policy = load_text (cases[i].text, cases[i].length, &error);
      g_test_message ("%s -> %s", what, error ? error->message : "(loaded)");
      g_assert_null (policy);
      /* "\ud800" (a lone surrogate) may be refused by the JSON parser or,
       * if it lets it through, as an invalid title: either way a clean
       * error at or below the root. */
      if (cases[i].contains == NULL)
        {
          g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
          g_assert_true (g_str_has_prefix (error->message, "$"));
          continue;
        }
      assert_path_error (error, cases[i].path, what);
      if (strstr (error->message, cases[i].contains) == NULL)
        fail_test ("%s: message “%s” does not mention “%s”", what, error->message, cases[i].contains);
    }
}

typedef struct
{
  const char *file;
  const char *path;
  const char *contains;
} FileCase;

static void
test_bad_files (void)
{
  static const FileCase cases[] = {
    { "bad-not-json.json", "$", "line 4," },
    { "bad-newer-schema.json", "$.schema", "schema 2" },
    { "bad-root-array.json", "$", "expected an object" },
    { "bad-empty.json", "$", "empty" },
    { "bad-time-zone.json", "$.calendar.time_zone", "“Mars/Olympus” is not a known time zone" },
    { "bad-holiday-nth.json", "$.calendar.holidays[3].nth", "-2" },
    { "bad-duplicate-key.json", "$.sla.response_minutes.enterprise.s1", "more than once" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = data_path (cases[i].file);
      g_autoptr(LtPolicy) policy = lt_policy_new_from_file (path, &error);

      g_test_message ("%s -> %s", cases[i].file, error ? error->message : "(loaded)");
      g_assert_null (policy);
      assert_path_error (error, cases[i].path, cases[i].file);
      if (strstr (error->message, cases[i].contains) == NULL)
        fail_test ("%s: message “%s” does not mention “%s”", cases[i].file, error->message, cases[i].contains);
    }
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "no-such-dir", "policy.json", NULL);
  g_autoptr(LtPolicy) policy = lt_policy_new_from_file (path, &error);

  g_assert_null (policy);
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, path));
}

/* Every prefix of the bundled document is refused cleanly. */
static void
test_truncated (void)
{
  g_autofree char *text = dup_default_text ();
  g_autofree char *whole = g_strstrip (g_strdup (text));
  gsize length = strlen (text);
  guint refused = 0;

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtPolicy) policy = NULL;
      g_autofree char *prefix = g_strndup (text, cut);

      /* Cutting only trailing white space leaves the whole document. */
      if (g_str_equal (g_strstrip (prefix), whole))
        continue;

      policy = load_text (text, (gssize) cut, &error);
      g_assert_null (policy);
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
      g_assert_true (g_str_has_prefix (error->message, "$: "));
      refused++;
    }
  g_assert_cmpuint (refused, >, 1000);
}

/* Replace every node of the default document, one at a time, with values
 * of every JSON type: each load either succeeds or fails cleanly with the
 * path of the replaced node (or of something inside it). */
static void
collect_paths (JsonNode   *node,
               const char *edit,
               const char *path,
               GPtrArray  *edits,
               GPtrArray  *paths)
{
  if (edit != NULL)
    {
      g_ptr_array_add (edits, g_strdup (edit));
      g_ptr_array_add (paths, g_strdup (path));
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          g_autofree char *child_edit = edit ? g_strdup_printf ("%s.%s", edit, (char *) l->data)
                                             : g_strdup (l->data);
          g_autofree char *child_path = g_strdup_printf ("%s.%s", path, (char *) l->data);
          collect_paths (json_object_get_member (object, l->data), child_edit, child_path, edits, paths);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *child_edit = g_strdup_printf ("%s.%u", edit, i);
          g_autofree char *child_path = g_strdup_printf ("%s[%u]", path, i);
          collect_paths (json_array_get_element (array, i), child_edit, child_path, edits, paths);
        }
    }
}

static void
test_every_node_every_type (void)
{
  static const char * const values[] = { "null", "true", "-1", "0.5", "\"\"", "\"x\"", "{}", "[]", "[{}]" };
  g_autofree char *text = dup_default_text ();
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  guint refused = 0;

  collect_paths (root, NULL, "$", edits, paths);
  g_assert_cmpuint (edits->len, >, 150);

  for (guint i = 0; i < edits->len; i++)
    for (guint v = 0; v < G_N_ELEMENTS (values); v++)
      {
        const char *path = paths->pdata[i];
        g_autoptr(GError) error = NULL;
        g_autofree char *edited = edited_default (edits->pdata[i], values[v]);
        g_autoptr(LtPolicy) policy = load_text (edited, -1, &error);
        gsize n = strlen (path);

        if (policy != NULL)
          continue;
        refused++;
        g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
        if (!(strncmp (error->message, path, n) == 0 && strchr (":.[", error->message[n]) != NULL))
          fail_test ("%s = %s: message “%s” is not about %s", (char *) edits->pdata[i], values[v],
                   error->message, path);
      }

  g_assert_cmpuint (refused, >, edits->len * 6);
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/policy/default/values", test_default_values);
  g_test_add_func ("/lt/policy/default/calendar", test_default_calendar);
  g_test_add_func ("/lt/policy/default/json", test_default_json);
  g_test_add_func ("/lt/policy/from-mutable-node", test_from_mutable_node);
  g_test_add_func ("/lt/policy/variant", test_variant);
  g_test_add_func ("/lt/policy/malformed/baseline", test_edit_baseline);
  g_test_add_func ("/lt/policy/malformed/edits", test_malformed_edits);
  g_test_add_func ("/lt/policy/malformed/text", test_malformed_text);
  g_test_add_func ("/lt/policy/malformed/files", test_bad_files);
  g_test_add_func ("/lt/policy/missing-file", test_missing_file);
  g_test_add_func ("/lt/policy/fuzz/truncated", test_truncated);
  g_test_add_func ("/lt/policy/fuzz/every-node", test_every_node_every_type);

  return g_test_run ();
}
