/* lt-policy.c: the support policy as data (RULES.md R1–R12)
 *
 * The policy document is a contract between the vendor's portal and this
 * app: every field is required, every field is validated, and a field this
 * build does not know is an error rather than silently ignored, so that a
 * portal that says more than we understand is noticed instead of obeyed
 * halfway. The document format is described in docs/policy-format.md.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-policy"

#include "config.h"

#include "lt-policy.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-file-util.h"
#include "lt-json.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

/* Bounds that only keep a mistaken or hostile document from making later
 * arithmetic overflow or a day-stepping loop run for years. They are not
 * policy: every policy value lies far inside them. */
#define MAX_BUSINESS_DAYS  366
#define MAX_CALENDAR_DAYS  3660
#define MAX_MINUTES        525600  /* one year */
#define MAX_MONTHS         120
#define MAX_PRECEDING      100
#define MAX_TEXT_CHARS     1000

struct _LtPolicy
{
  GObject parent_instance;

  /* Owned */
  JsonNode           *root;
  char               *title;
  GDate               effective;
  GDate               updated;
  guint               review_interval_months;

  char               *tier_names[LT_N_TIERS];
  GStrv               tier_channels[LT_N_TIERS];

  gboolean            sla_is_default;
  double              sla_at_risk_fraction;
  gboolean            sla_has_target[LT_N_TIERS][LT_N_SEVERITIES];
  guint               sla_minutes[LT_N_TIERS][LT_N_SEVERITIES];

  LtBusinessCalendar *calendar;

  guint               auto_close_business_days;
  guint               reopen_business_days;
  guint               change_lead_business_days;
  guint               emergency_notice_minutes;
  guint               upgrade_package_interval_months;
  GArray             *reminder_lead_minutes;   /* guint, largest first */
  guint               supported_preceding;
  guint               invoice_suspension_days;
  GArray             *escalation_levels;       /* LtEscalationLevel */
  GArray             *scope_categories;        /* LtScopeCategory */
  GStrv               feature_criteria;
  GStrv               feature_criterion_ids;
  guint               feature_review_interval_months;

  char               *portal_url;
  char               *support_email;
  char               *critical_phone;
  char               *csm_email;
};

G_DEFINE_FINAL_TYPE (LtPolicy, lt_policy, G_TYPE_OBJECT)

/* The channel vocabulary of $.tiers[].channels: the UI has a label and an
 * action for each, so a channel it cannot offer is refused. */
static const char * const channel_ids[] = { "portal", "email", "phone", "csm", NULL };

/* Indexed by GDateWeekday. */
static const char * const weekday_nicks[] = { "", "mon", "tue", "wed", "thu", "fri", "sat", "sun" };

static void
lt_policy_finalize (GObject *object)
{
  LtPolicy *self = LT_POLICY (object);

  g_clear_pointer (&self->root, json_node_unref);
  g_clear_pointer (&self->title, g_free);
  for (guint t = 0; t < LT_N_TIERS; t++)
    {
      g_clear_pointer (&self->tier_names[t], g_free);
      g_clear_pointer (&self->tier_channels[t], g_strfreev);
    }
  g_clear_pointer (&self->reminder_lead_minutes, g_array_unref);
  g_clear_pointer (&self->escalation_levels, g_array_unref);
  g_clear_pointer (&self->scope_categories, g_array_unref);
  g_clear_pointer (&self->feature_criteria, g_strfreev);
  g_clear_pointer (&self->feature_criterion_ids, g_strfreev);
  g_clear_pointer (&self->portal_url, g_free);
  g_clear_pointer (&self->support_email, g_free);
  g_clear_pointer (&self->critical_phone, g_free);
  g_clear_pointer (&self->csm_email, g_free);

  G_OBJECT_CLASS (lt_policy_parent_class)->finalize (object);
}

static void
lt_policy_dispose (GObject *object)
{
  LtPolicy *self = LT_POLICY (object);

  g_clear_object (&self->calendar);

  G_OBJECT_CLASS (lt_policy_parent_class)->dispose (object);
}

static void
lt_policy_class_init (LtPolicyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_policy_dispose;
  object_class->finalize = lt_policy_finalize;
}

static void
clear_escalation_level (gpointer data)
{
  LtEscalationLevel *level = data;

  g_clear_pointer (&level->title, g_free);
}

static void
clear_scope_category (gpointer data)
{
  LtScopeCategory *category = data;

  g_clear_pointer (&category->id, g_free);
  g_clear_pointer (&category->label, g_free);
}

static void
clear_holiday_rule (gpointer data)
{
  lt_holiday_rule_clear (data);
}

static void
clear_closure (gpointer data)
{
  lt_closure_clear (data);
}

static void
lt_policy_init (LtPolicy *self)
{
  g_date_clear (&self->effective, 1);
  g_date_clear (&self->updated, 1);

  self->reminder_lead_minutes = g_array_new (FALSE, TRUE, sizeof (guint));
  self->escalation_levels = g_array_new (FALSE, TRUE, sizeof (LtEscalationLevel));
  g_array_set_clear_func (self->escalation_levels, clear_escalation_level);
  self->scope_categories = g_array_new (FALSE, TRUE, sizeof (LtScopeCategory));
  g_array_set_clear_func (self->scope_categories, clear_scope_category);
}

/* ------------------------------------------------------------------ */
/* Reading: lt-json.h's typed readers, which check the node type before
 * every read; every error starts with the JSON path of the bad field. */

/* Lower-case ASCII words joined by single dashes: "custom-code". Ids are
 * stored in tickets and sent to the portal, so they must be stable and
 * unambiguous. */
static gboolean
is_valid_id (const char *id)
{
  gboolean after_dash = TRUE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (*p == '-')
        {
          if (after_dash)
            return FALSE;
          after_dash = TRUE;
        }
      else if (g_ascii_islower (*p) || g_ascii_isdigit (*p))
        after_dash = FALSE;
      else
        return FALSE;
    }
  return !after_dash;
}

static gboolean
read_id (JsonObject  *object,
         const char  *path,
         const char **out,
         GError     **error)
{
  g_autofree char *p = lt_json_member_path (path, "id");

  if (!lt_json_read_text (object, path, "id", MAX_TEXT_CHARS, out, error))
    return FALSE;
  if (!is_valid_id (*out))
    {
      lt_json_set_path_error (error, p,
                              _("“%s” is not a valid id (lower-case letters and digits, "
                                "words joined by single dashes)"), *out);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The sections of the document                                          */

static gboolean
load_schema (JsonObject  *root,
             GError     **error)
{
  gint64 schema;

  if (!lt_json_read_int (root, "$", "schema", LT_JSON_REQUIRED, 1, G_MAXINT64, &schema, NULL,
                         error))
    return FALSE;

  if (schema > LT_POLICY_SCHEMA)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, schema);

      lt_json_set_path_error (error, "$.schema",
                              _("this policy document uses schema %s, but this version of "
                                "LockThreat Support reads schema %d only; update LockThreat "
                                "Support to use it"),
                              number, LT_POLICY_SCHEMA);
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_tiers (LtPolicy    *self,
            JsonObject  *root,
            GError     **error)
{
  static const char * const keys[] = { "id", "name", "channels", NULL };
  g_autofree char *path = NULL;
  gboolean seen[LT_N_TIERS] = { FALSE, };
  JsonArray *array;

  if (!lt_json_read_array (root, "$", "tiers", LT_JSON_REQUIRED, 1, &array, &path, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *epath = lt_json_element_path (path, i);
      g_autofree char *id_path = lt_json_member_path (epath, "id");
      g_autofree char *channels_path = NULL;
      g_autoptr(GStrvBuilder) channels = g_strv_builder_new ();
      g_autoptr(GPtrArray) seen_channels = g_ptr_array_new ();
      JsonObject *object;
      JsonArray *channel_array;
      const char *id;
      const char *name;
      int tier;

      if (!(object = lt_json_node_get_object (json_array_get_element (array, i), epath, keys,
                                              error)) ||
          !lt_json_read_text (object, epath, "id", MAX_TEXT_CHARS, &id, error) ||
          !lt_json_node_get_enum (json_object_get_member (object, "id"), id_path, LT_TYPE_TIER,
                                  &tier, error))
        return FALSE;

      if (seen[tier])
        {
          lt_json_set_path_error (error, id_path, _("tier “%s” appears more than once"), id);
          return FALSE;
        }
      seen[tier] = TRUE;

      if (!lt_json_read_text (object, epath, "name", MAX_TEXT_CHARS, &name, error) ||
          !lt_json_read_array (object, epath, "channels", LT_JSON_REQUIRED, 1, &channel_array,
                               &channels_path, error))
        return FALSE;

      for (guint c = 0; c < json_array_get_length (channel_array); c++)
        {
          g_autofree char *cpath = lt_json_element_path (channels_path, c);
          const char *channel;

          if (!lt_json_node_get_text (json_array_get_element (channel_array, c), cpath,
                                      MAX_TEXT_CHARS, &channel, error))
            return FALSE;
          if (!g_strv_contains (channel_ids, channel))
            {
              g_autofree char *accepted = g_strjoinv (", ", (char **) channel_ids);
              lt_json_set_path_error (error, cpath, _("“%s” is not a known channel (expected one of: %s)"),
                                      channel, accepted);
              return FALSE;
            }
          if (g_ptr_array_find_with_equal_func (seen_channels, channel, g_str_equal, NULL))
            {
              lt_json_set_path_error (error, cpath, _("channel “%s” is listed more than once"), channel);
              return FALSE;
            }
          g_ptr_array_add (seen_channels, (gpointer) channel);
          g_strv_builder_add (channels, channel);
        }

      g_free (self->tier_names[tier]);
      self->tier_names[tier] = g_strdup (name);
      g_strfreev (self->tier_channels[tier]);
      self->tier_channels[tier] = g_strv_builder_end (channels);
    }

  for (guint t = 0; t < LT_N_TIERS; t++)
    if (!seen[t])
      {
        lt_json_set_path_error (error, path, _("tier “%s” is missing"), lt_enum_to_nick (LT_TYPE_TIER, (int) t));
        return FALSE;
      }

  return TRUE;
}

static gboolean
load_sla (LtPolicy    *self,
          JsonObject  *root,
          GError     **error)
{
  static const char * const keys[] = { "source", "at_risk_fraction", "response_minutes", NULL };
  static const char * const sources[] = { "defaults", "contract", NULL };
  g_autofree char *path = NULL;
  g_autofree char *table_path = NULL;
  g_autofree char *fraction_path = NULL;
  g_autofree char *source_path = NULL;
  g_autofree char *tier_nicks = NULL;
  g_auto(GStrv) nicks = g_new0 (char *, LT_N_TIERS + 1);
  JsonObject *sla;
  JsonObject *table;
  JsonNode *node;
  const char *source;
  double fraction;

  if (!lt_json_read_object (root, "$", "sla", LT_JSON_REQUIRED, keys, &sla, &path, error))
    return FALSE;

  source_path = lt_json_member_path (path, "source");
  if (!lt_json_read_text (sla, path, "source", MAX_TEXT_CHARS, &source, error))
    return FALSE;
  if (!g_strv_contains (sources, source))
    {
      lt_json_set_path_error (error, source_path,
                              _("“%s” is not a valid value (expected one of: defaults, contract)"), source);
      return FALSE;
    }
  self->sla_is_default = g_str_equal (source, "defaults");

  fraction_path = lt_json_member_path (path, "at_risk_fraction");
  if (!lt_json_get_member (sla, path, "at_risk_fraction", LT_JSON_NULLABLE, &node, error))
    return FALSE;
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64) ||
      !((fraction = json_node_get_double (node)) > 0.0 && fraction < 1.0))
    {
      g_autofree char *desc = node != NULL ? lt_json_describe_node (node) : g_strdup ("null");
      lt_json_set_path_error (error, fraction_path,
                              _("expected a number greater than 0 and less than 1, found %s"), desc);
      return FALSE;
    }
  self->sla_at_risk_fraction = fraction;

  for (guint t = 0; t < LT_N_TIERS; t++)
    nicks[t] = g_strdup (lt_enum_to_nick (LT_TYPE_TIER, (int) t));
  tier_nicks = g_strjoinv (", ", nicks);

  table_path = lt_json_member_path (path, "response_minutes");
  if (!lt_json_get_member (sla, path, "response_minutes", LT_JSON_NULLABLE, &node, error))
    return FALSE;
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      /* An unknown member of the table is an unknown tier: say which
       * tiers exist rather than the generic "unknown field". */
      for (GList *l = members; l != NULL; l = l->next)
        if (!g_strv_contains ((const char * const *) nicks, l->data))
          {
            g_autofree char *p = lt_json_member_path (table_path, l->data);
            lt_json_set_path_error (error, p, _("“%s” is not a tier (expected one of: %s)"),
                                    (const char *) l->data, tier_nicks);
            return FALSE;
          }
    }
  if (!lt_json_read_object (sla, path, "response_minutes", LT_JSON_REQUIRED,
                            (const char * const *) nicks, &table, NULL, error))
    return FALSE;

  for (guint t = 0; t < LT_N_TIERS; t++)
    {
      static const char * const severities[] = { "s1", "s2", "s3", "feature", NULL };
      g_autofree char *tier_path = lt_json_member_path (table_path, nicks[t]);
      JsonObject *row;

      if (!lt_json_read_object (table, table_path, nicks[t], LT_JSON_REQUIRED, severities,
                                &row, NULL, error))
        return FALSE;

      for (guint s = 0; s < LT_N_SEVERITIES; s++)
        {
          const char *severity = lt_enum_to_nick (LT_TYPE_SEVERITY, (int) s);
          gint64 minutes;

          /* null: no response target for this tier and severity. */
          if (!lt_json_read_int (row, tier_path, severity, LT_JSON_NULLABLE, 0, MAX_MINUTES,
                                 &minutes, &self->sla_has_target[t][s], error))
            return FALSE;
          self->sla_minutes[t][s] = (guint) minutes;
        }
    }

  return TRUE;
}

static gboolean
parse_time_of_day (const char *text,
                   guint      *minute)
{
  guint h, m;

  if (strlen (text) != 5 || text[2] != ':' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[1]) ||
      !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;

  h = (guint) (text[0] - '0') * 10 + (guint) (text[1] - '0');
  m = (guint) (text[3] - '0') * 10 + (guint) (text[4] - '0');
  if (h > 23 || m > 59)
    return FALSE;

  *minute = h * 60 + m;
  return TRUE;
}

static gboolean
read_time_of_day (JsonObject  *object,
                  const char  *path,
                  const char  *key,
                  const char **text,
                  guint       *minute,
                  GError     **error)
{
  g_autofree char *p = lt_json_member_path (path, key);

  if (!lt_json_read_text (object, path, key, MAX_TEXT_CHARS, text, error))
    return FALSE;
  if (!parse_time_of_day (*text, minute))
    {
      lt_json_set_path_error (error, p, _("“%s” is not a time of day (expected HH:MM, 00:00 to 23:59)"), *text);
      return FALSE;
    }
  return TRUE;
}

/* IANA names only ("America/Indiana/Indianapolis"): every segment starts
 * with an upper-case letter. GLib reads the zone from a file named by the
 * identifier, so this also keeps "../x", "/etc/…", "localtime" and the
 * non-zone files of the zoneinfo directory ("zone.tab", "leapseconds")
 * from ever reaching it. */
static gboolean
is_plausible_zone_id (const char *id)
{
  gboolean segment_start = TRUE;

  if (strlen (id) > 64)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (segment_start)
        {
          if (!g_ascii_isupper (*p))
            return FALSE;
          segment_start = FALSE;
        }
      else if (*p == '/')
        segment_start = TRUE;
      else if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '+')
        return FALSE;
    }
  return !segment_start;
}

static gboolean
load_weekday (JsonNode     *node,
              const char   *path,
              GDateWeekday *out,
              GError      **error)
{
  const char *text;

  if (!lt_json_node_get_text (node, path, MAX_TEXT_CHARS, &text, error))
    return FALSE;

  for (guint w = G_DATE_MONDAY; w <= G_DATE_SUNDAY; w++)
    if (g_str_equal (text, weekday_nicks[w]))
      {
        *out = (GDateWeekday) w;
        return TRUE;
      }

  lt_json_set_path_error (error, path,
                          _("“%s” is not a weekday (expected one of: mon, tue, wed, thu, fri, sat, sun)"),
                          text);
  return FALSE;
}

static gboolean
load_holiday (JsonNode      *node,
              const char    *path,
              LtHolidayRule *rule,
              GError       **error)
{
  static const char * const keys[] = { "name", "month", "day", "weekday", "nth", NULL };
  JsonObject *object;
  const char *name;
  guint month;
  gboolean has_day;
  gboolean has_weekday;
  gboolean has_nth;

  if (!(object = lt_json_node_get_object (node, path, keys, error)) ||
      !lt_json_read_text (object, path, "name", MAX_TEXT_CHARS, &name, error) ||
      !lt_json_read_uint (object, path, "month", 1, 12, &month, error))
    return FALSE;

  has_day = json_object_has_member (object, "day");
  has_weekday = json_object_has_member (object, "weekday");
  has_nth = json_object_has_member (object, "nth");

  rule->month = (GDateMonth) month;
  rule->day = 0;
  rule->weekday = G_DATE_BAD_WEEKDAY;
  rule->nth = 0;

  if (has_day)
    {
      /* February 29 would make a holiday that exists one year in four. */
      guint days = g_date_get_days_in_month ((GDateMonth) month, 2001);
      g_autofree char *day_path = lt_json_member_path (path, "day");
      guint day;

      if (has_weekday || has_nth)
        {
          g_autofree char *p = lt_json_member_path (path, has_weekday ? "weekday" : "nth");
          lt_json_set_path_error (error, p, _("a holiday has either “day” or “weekday” and “nth”, not both"));
          return FALSE;
        }
      if (!lt_json_read_uint (object, path, "day", 1, G_MAXUINT, &day, error))
        return FALSE;
      if (day > days)
        {
          lt_json_set_path_error (error, day_path,
                                  _("day %u does not exist in every year of month %u (at most %u)"),
                                  day, month, days);
          return FALSE;
        }
      rule->day = (GDateDay) day;
    }
  else
    {
      g_autofree char *weekday_path = lt_json_member_path (path, "weekday");
      g_autofree char *nth_path = lt_json_member_path (path, "nth");
      GDateWeekday weekday;
      JsonNode *nth_node;
      gint64 nth;

      if (!has_weekday && !has_nth)
        {
          lt_json_set_path_error (error, path, _("a holiday needs either “day” or “weekday” and “nth”"));
          return FALSE;
        }
      if (!has_weekday)
        {
          lt_json_set_path_error (error, weekday_path, _("missing (a holiday with “nth” needs a weekday)"));
          return FALSE;
        }
      if (!has_nth)
        {
          lt_json_set_path_error (error, nth_path, _("missing (a holiday with “weekday” needs “nth”)"));
          return FALSE;
        }
      if (!load_weekday (json_object_get_member (object, "weekday"), weekday_path, &weekday, error))
        return FALSE;

      nth_node = json_object_get_member (object, "nth");
      nth = 0;
      if (JSON_NODE_HOLDS_VALUE (nth_node) && json_node_get_value_type (nth_node) == G_TYPE_INT64)
        nth = json_node_get_int (nth_node);
      if (!((nth >= 1 && nth <= 5) || nth == -1))
        {
          g_autofree char *desc = lt_json_describe_node (nth_node);
          lt_json_set_path_error (error, nth_path, _("expected 1 to 5, or -1 for the last, found %s"), desc);
          return FALSE;
        }
      rule->weekday = weekday;
      rule->nth = (int) nth;
    }

  rule->name = g_strdup (name);
  return TRUE;
}

static gboolean
load_calendar (LtPolicy    *self,
               JsonObject  *root,
               GError     **error)
{
  static const char * const keys[] = {
    "time_zone", "business_days", "opens", "closes", "holidays", "observed", "extra_closures", NULL
  };
  static const char * const closure_keys[] = { "date", "name", NULL };
  g_autofree char *path = NULL;
  g_autofree char *zone_path = NULL;
  g_autofree char *days_path = NULL;
  g_autofree char *holidays_path = NULL;
  g_autofree char *closures_path = NULL;
  g_autofree char *observed_path = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GArray) rules = g_array_new (FALSE, TRUE, sizeof (LtHolidayRule));
  g_autoptr(GArray) closures = g_array_new (FALSE, TRUE, sizeof (LtClosure));
  JsonObject *calendar;
  JsonArray *days;
  JsonArray *holidays;
  JsonArray *closure_array;
  const char *zone_id;
  const char *opens_text;
  const char *closes_text;
  guint weekdays = 0;
  guint opens;
  guint closes;
  int observed;

  g_array_set_clear_func (rules, clear_holiday_rule);
  g_array_set_clear_func (closures, clear_closure);

  if (!lt_json_read_object (root, "$", "calendar", LT_JSON_REQUIRED, keys, &calendar, &path, error))
    return FALSE;

  zone_path = lt_json_member_path (path, "time_zone");
  if (!lt_json_read_text (calendar, path, "time_zone", MAX_TEXT_CHARS, &zone_id, error))
    return FALSE;
  if (is_plausible_zone_id (zone_id))
    zone = g_time_zone_new_identifier (zone_id);
  if (zone == NULL)
    {
      lt_json_set_path_error (error, zone_path, _("“%s” is not a known time zone"), zone_id);
      return FALSE;
    }

  if (!lt_json_read_array (calendar, path, "business_days", LT_JSON_REQUIRED, 1, &days, &days_path,
                           error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (days); i++)
    {
      g_autofree char *dpath = lt_json_element_path (days_path, i);
      GDateWeekday weekday;

      if (!load_weekday (json_array_get_element (days, i), dpath, &weekday, error))
        return FALSE;
      if (weekdays & (1u << weekday))
        {
          lt_json_set_path_error (error, dpath, _("“%s” is listed more than once"), weekday_nicks[weekday]);
          return FALSE;
        }
      weekdays |= 1u << weekday;
    }

  if (!read_time_of_day (calendar, path, "opens", &opens_text, &opens, error) ||
      !read_time_of_day (calendar, path, "closes", &closes_text, &closes, error))
    return FALSE;
  if (closes <= opens)
    {
      g_autofree char *closes_path = lt_json_member_path (path, "closes");
      lt_json_set_path_error (error, closes_path, _("“%s” is not after the opening time “%s”"),
                              closes_text, opens_text);
      return FALSE;
    }

  if (!lt_json_read_array (calendar, path, "holidays", LT_JSON_REQUIRED, 0, &holidays,
                           &holidays_path, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (holidays); i++)
    {
      g_autofree char *hpath = lt_json_element_path (holidays_path, i);
      LtHolidayRule rule = { NULL, };

      if (!load_holiday (json_array_get_element (holidays, i), hpath, &rule, error))
        return FALSE;
      g_array_append_val (rules, rule);
    }

  observed_path = lt_json_member_path (path, "observed");
  if (!lt_json_read_enum (calendar, path, "observed", LT_JSON_REQUIRED, LT_TYPE_OBSERVED_RULE, 0,
                          &observed, error))
    return FALSE;

  if (!lt_json_read_array (calendar, path, "extra_closures", LT_JSON_REQUIRED, 0, &closure_array,
                           &closures_path, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (closure_array); i++)
    {
      g_autofree char *cpath = lt_json_element_path (closures_path, i);
      JsonObject *object;
      LtClosure closure;
      const char *name;

      g_date_clear (&closure.date, 1);
      if (!(object = lt_json_node_get_object (json_array_get_element (closure_array, i), cpath,
                                              closure_keys, error)) ||
          !lt_json_read_date (object, cpath, "date", LT_JSON_REQUIRED, &closure.date, NULL,
                              error) ||
          !lt_json_read_text (object, cpath, "name", MAX_TEXT_CHARS, &name, error))
        return FALSE;

      for (guint j = 0; j < closures->len; j++)
        if (g_date_compare (&g_array_index (closures, LtClosure, j).date, &closure.date) == 0)
          {
            g_autofree char *date_path = lt_json_member_path (cpath, "date");
            g_autofree char *text = lt_date_format (&closure.date);
            lt_json_set_path_error (error, date_path, _("“%s” is listed more than once"), text);
            return FALSE;
          }

      closure.name = g_strdup (name);
      g_array_append_val (closures, closure);
    }

  self->calendar = lt_business_calendar_new (zone, weekdays, opens, closes,
                                             (const LtHolidayRule *) (gpointer) rules->data, rules->len,
                                             (LtObservedRule) observed,
                                             (const LtClosure *) (gpointer) closures->data, closures->len);
  if (self->calendar == NULL)
    {
      lt_json_set_path_error (error, path, _("the business calendar could not be built"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
load_simple_sections (LtPolicy    *self,
                      JsonObject  *root,
                      GError     **error)
{
  static const char * const lifecycle_keys[] = { "auto_close_business_days", "reopen_business_days", NULL };
  static const char * const change_keys[] = { "lead_business_days", NULL };
  static const char * const versions_keys[] = { "supported_preceding", NULL };
  static const char * const invoices_keys[] = { "suspension_after_days", NULL };
  g_autofree char *lifecycle_path = NULL;
  g_autofree char *change_path = NULL;
  g_autofree char *versions_path = NULL;
  g_autofree char *invoices_path = NULL;
  JsonObject *object;

  if (!lt_json_read_object (root, "$", "lifecycle", LT_JSON_REQUIRED, lifecycle_keys, &object,
                            &lifecycle_path, error) ||
      !lt_json_read_uint (object, lifecycle_path, "auto_close_business_days", 0, MAX_BUSINESS_DAYS,
                          &self->auto_close_business_days, error) ||
      !lt_json_read_uint (object, lifecycle_path, "reopen_business_days", 0, MAX_BUSINESS_DAYS,
                          &self->reopen_business_days, error))
    return FALSE;

  if (!lt_json_read_object (root, "$", "change_notices", LT_JSON_REQUIRED, change_keys, &object,
                            &change_path, error) ||
      !lt_json_read_uint (object, change_path, "lead_business_days", 0, MAX_BUSINESS_DAYS,
                          &self->change_lead_business_days, error))
    return FALSE;

  if (!lt_json_read_object (root, "$", "versions", LT_JSON_REQUIRED, versions_keys, &object,
                            &versions_path, error) ||
      !lt_json_read_uint (object, versions_path, "supported_preceding", 0, MAX_PRECEDING,
                          &self->supported_preceding, error))
    return FALSE;

  if (!lt_json_read_object (root, "$", "invoices", LT_JSON_REQUIRED, invoices_keys, &object,
                            &invoices_path, error) ||
      !lt_json_read_uint (object, invoices_path, "suspension_after_days", 0, MAX_CALENDAR_DAYS,
                          &self->invoice_suspension_days, error))
    return FALSE;

  return TRUE;
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x < y) - (x > y);
}

static gboolean
load_maintenance (LtPolicy    *self,
                  JsonObject  *root,
                  GError     **error)
{
  static const char * const keys[] = {
    "emergency_notice_minutes", "upgrade_package_interval_months", "reminder_lead_minutes", NULL
  };
  g_autofree char *path = NULL;
  g_autofree char *leads_path = NULL;
  JsonObject *object;
  JsonArray *leads;

  if (!lt_json_read_object (root, "$", "maintenance", LT_JSON_REQUIRED, keys, &object, &path,
                            error) ||
      !lt_json_read_uint (object, path, "emergency_notice_minutes", 0, MAX_MINUTES,
                          &self->emergency_notice_minutes, error) ||
      !lt_json_read_uint (object, path, "upgrade_package_interval_months", 1, MAX_MONTHS,
                          &self->upgrade_package_interval_months, error) ||
      !lt_json_read_array (object, path, "reminder_lead_minutes", LT_JSON_REQUIRED, 0, &leads,
                           &leads_path, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (leads); i++)
    {
      g_autofree char *lpath = lt_json_element_path (leads_path, i);
      gint64 value;
      guint lead;

      if (!lt_json_node_get_int (json_array_get_element (leads, i), lpath, 1, MAX_MINUTES,
                                 &value, error))
        return FALSE;
      lead = (guint) value;
      for (guint j = 0; j < self->reminder_lead_minutes->len; j++)
        if (g_array_index (self->reminder_lead_minutes, guint, j) == lead)
          {
            lt_json_set_path_error (error, lpath, _("%u is listed more than once"), lead);
            return FALSE;
          }
      g_array_append_val (self->reminder_lead_minutes, lead);
    }

  /* Largest lead first: the order in which the reminders fire. */
  g_array_sort (self->reminder_lead_minutes, compare_descending);
  return TRUE;
}

static gboolean
load_escalation (LtPolicy    *self,
                 JsonObject  *root,
                 GError     **error)
{
  static const char * const keys[] = { "level", "title", NULL };
  g_autofree char *path = NULL;
  JsonArray *array;

  if (!lt_json_read_array (root, "$", "escalation", LT_JSON_REQUIRED, 1, &array, &path, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *epath = lt_json_element_path (path, i);
      g_autofree char *level_path = lt_json_member_path (epath, "level");
      LtEscalationLevel level = { 0, NULL };
      JsonObject *object;
      const char *title;

      if (!(object = lt_json_node_get_object (json_array_get_element (array, i), epath, keys,
                                              error)) ||
          !lt_json_read_uint (object, epath, "level", 1, G_MAXUINT, &level.level, error))
        return FALSE;

      /* R11 escalates one level at a time, so the levels are 1, 2, 3…
       * with no gap, in order. */
      if (level.level != i + 1)
        {
          lt_json_set_path_error (error, level_path,
                                  _("expected level %u (levels are numbered 1, 2, 3… in order), not %u"),
                                  i + 1, level.level);
          return FALSE;
        }
      if (!lt_json_read_text (object, epath, "title", MAX_TEXT_CHARS, &title, error))
        return FALSE;

      level.title = g_strdup (title);
      g_array_append_val (self->escalation_levels, level);
    }
  return TRUE;
}

static gboolean
load_scope (LtPolicy    *self,
            JsonObject  *root,
            GError     **error)
{
  static const char * const keys[] = { "id", "label", "in_scope", NULL };
  g_autofree char *path = NULL;
  JsonArray *array;

  if (!lt_json_read_array (root, "$", "scope", LT_JSON_REQUIRED, 1, &array, &path, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *epath = lt_json_element_path (path, i);
      LtScopeCategory category = { NULL, NULL, FALSE };
      JsonObject *object;
      const char *id;
      const char *label;

      if (!(object = lt_json_node_get_object (json_array_get_element (array, i), epath, keys,
                                              error)) ||
          !read_id (object, epath, &id, error))
        return FALSE;

      if (lt_policy_find_scope_category (self, id) != NULL)
        {
          g_autofree char *id_path = lt_json_member_path (epath, "id");
          lt_json_set_path_error (error, id_path, _("category “%s” is listed more than once"), id);
          return FALSE;
        }

      if (!lt_json_read_text (object, epath, "label", MAX_TEXT_CHARS, &label, error) ||
          !lt_json_read_boolean (object, epath, "in_scope", LT_JSON_REQUIRED, &category.in_scope,
                                 error))
        return FALSE;

      category.id = g_strdup (id);
      category.label = g_strdup (label);
      g_array_append_val (self->scope_categories, category);
    }
  return TRUE;
}

static gboolean
load_feature_requests (LtPolicy    *self,
                       JsonObject  *root,
                       GError     **error)
{
  static const char * const keys[] = { "criteria", "review_interval_months", NULL };
  static const char * const criterion_keys[] = { "id", "label", NULL };
  g_autofree char *path = NULL;
  g_autofree char *criteria_path = NULL;
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen_ids = g_ptr_array_new ();
  JsonObject *object;
  JsonArray *criteria;

  if (!lt_json_read_object (root, "$", "feature_requests", LT_JSON_REQUIRED, keys, &object, &path,
                            error) ||
      !lt_json_read_array (object, path, "criteria", LT_JSON_REQUIRED, 1, &criteria, &criteria_path,
                           error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (criteria); i++)
    {
      g_autofree char *epath = lt_json_element_path (criteria_path, i);
      JsonObject *criterion;
      const char *id;
      const char *label;

      if (!(criterion = lt_json_node_get_object (json_array_get_element (criteria, i), epath,
                                                 criterion_keys, error)) ||
          !read_id (criterion, epath, &id, error))
        return FALSE;

      if (g_ptr_array_find_with_equal_func (seen_ids, id, g_str_equal, NULL))
        {
          g_autofree char *id_path = lt_json_member_path (epath, "id");
          lt_json_set_path_error (error, id_path, _("criterion “%s” is listed more than once"), id);
          return FALSE;
        }
      if (!lt_json_read_text (criterion, epath, "label", MAX_TEXT_CHARS, &label, error))
        return FALSE;

      g_ptr_array_add (seen_ids, (gpointer) id);
      g_strv_builder_add (ids, id);
      g_strv_builder_add (labels, label);
    }

  if (!lt_json_read_uint (object, path, "review_interval_months", 1, MAX_MONTHS,
                          &self->feature_review_interval_months, error))
    return FALSE;

  self->feature_criteria = g_strv_builder_end (labels);
  self->feature_criterion_ids = g_strv_builder_end (ids);
  return TRUE;
}

/* Just enough to catch a typo: one "@", something on each side, a dot in
 * the domain, no spaces. The vendor's mail server has the last word. */
static gboolean
is_plausible_email (const char *text)
{
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;
  if (strchr (at + 1, '.') == NULL || at[1] == '.' || g_str_has_suffix (text, "."))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p) || *p == '<' || *p == '>' || *p == ',')
      return FALSE;
  return TRUE;
}

/* "+1-317-886-0121": an optional leading "+", digits and the usual
 * separators, and enough digits to dial. */
static gboolean
is_plausible_phone (const char *text)
{
  guint digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits++;
      else if (*p == '+' && p == text)
        continue;
      else if (*p != '-' && *p != ' ' && *p != '(' && *p != ')' && *p != '.')
        return FALSE;
    }
  return digits >= 3;
}

static gboolean
is_web_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *scheme;
  const char *host;

  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  return (g_strcmp0 (scheme, "https") == 0 || g_strcmp0 (scheme, "http") == 0) &&
         host != NULL && *host != '\0';
}

static gboolean
load_contacts (LtPolicy    *self,
               JsonObject  *root,
               GError     **error)
{
  static const char * const keys[] = { "portal", "email", "critical_phone", "csm_email", NULL };
  g_autofree char *path = NULL;
  JsonObject *object;
  const char *portal;
  const char *email;
  const char *phone;
  const char *csm;

  if (!lt_json_read_object (root, "$", "contacts", LT_JSON_REQUIRED, keys, &object, &path, error))
    return FALSE;

  if (!lt_json_read_text (object, path, "portal", MAX_TEXT_CHARS, &portal, error))
    return FALSE;
  if (!is_web_url (portal))
    {
      g_autofree char *p = lt_json_member_path (path, "portal");
      lt_json_set_path_error (error, p, _("“%s” is not a web address (expected https://…)"), portal);
      return FALSE;
    }

  if (!lt_json_read_text (object, path, "email", MAX_TEXT_CHARS, &email, error))
    return FALSE;
  if (!is_plausible_email (email))
    {
      g_autofree char *p = lt_json_member_path (path, "email");
      lt_json_set_path_error (error, p, _("“%s” is not an email address"), email);
      return FALSE;
    }

  if (!lt_json_read_text (object, path, "critical_phone", MAX_TEXT_CHARS, &phone, error))
    return FALSE;
  if (!is_plausible_phone (phone))
    {
      g_autofree char *p = lt_json_member_path (path, "critical_phone");
      lt_json_set_path_error (error, p, _("“%s” is not a phone number"), phone);
      return FALSE;
    }

  if (!lt_json_read_text (object, path, "csm_email", MAX_TEXT_CHARS, &csm, error))
    return FALSE;
  if (!is_plausible_email (csm))
    {
      g_autofree char *p = lt_json_member_path (path, "csm_email");
      lt_json_set_path_error (error, p, _("“%s” is not an email address"), csm);
      return FALSE;
    }

  self->portal_url = g_strdup (portal);
  self->support_email = g_strdup (email);
  self->critical_phone = g_strdup (phone);
  self->csm_email = g_strdup (csm);
  return TRUE;
}

/* A response target is counted in business minutes, a day's hours at a
 * time: it must end within MAX_BUSINESS_DAYS business days of the
 * calendar, or computing a due date walks years of days (a one-minute
 * business day and a year-long target took 3 s and 88 MB). */
static gboolean
check_sla_within_calendar (LtPolicy  *self,
                           GError   **error)
{
  guint day_minutes = lt_business_calendar_get_closes_minute (self->calendar) -
                      lt_business_calendar_get_opens_minute (self->calendar);

  for (guint t = 0; t < LT_N_TIERS; t++)
    for (guint s = 0; s < LT_N_SEVERITIES; s++)
      {
        guint days;

        if (!self->sla_has_target[t][s])
          continue;
        days = (self->sla_minutes[t][s] + day_minutes - 1) / day_minutes;
        if (days > MAX_BUSINESS_DAYS)
          {
            g_autofree char *path = g_strdup_printf ("$.sla.response_minutes.%s.%s",
                                                     lt_enum_to_nick (LT_TYPE_TIER, (int) t),
                                                     lt_enum_to_nick (LT_TYPE_SEVERITY, (int) s));

            lt_json_set_path_error (error, path,
                                    _("%u minutes take %u business days of %u-minute business hours; a response target must end within %u business days"),
                                    self->sla_minutes[t][s], days, day_minutes,
                                    MAX_BUSINESS_DAYS);
            return FALSE;
          }
      }
  return TRUE;
}

static gboolean
load_document (LtPolicy    *self,
               JsonNode    *root,
               GError     **error)
{
  static const char * const keys[] = {
    "schema", "title", "effective", "updated", "review_interval_months",
    "tiers", "sla", "calendar", "lifecycle", "change_notices", "maintenance",
    "versions", "invoices", "escalation", "scope", "feature_requests", "contacts",
    NULL
  };
  JsonObject *object;
  const char *title;

  if (!(object = lt_json_node_get_object (root, "$", NULL, error)))
    return FALSE;

  /* The schema first: a newer document may well have fields we do not
   * know, and "update the app" is the useful message then. */
  if (!load_schema (object, error) ||
      !lt_json_check_members (object, "$", keys, error))
    return FALSE;

  if (!lt_json_read_text (object, "$", "title", MAX_TEXT_CHARS, &title, error) ||
      !lt_json_read_date (object, "$", "effective", LT_JSON_REQUIRED, &self->effective, NULL,
                          error) ||
      !lt_json_read_date (object, "$", "updated", LT_JSON_REQUIRED, &self->updated, NULL, error) ||
      !lt_json_read_uint (object, "$", "review_interval_months", 1, MAX_MONTHS,
                          &self->review_interval_months, error))
    return FALSE;
  self->title = g_strdup (title);

  return load_tiers (self, object, error) &&
         load_sla (self, object, error) &&
         load_calendar (self, object, error) &&
         check_sla_within_calendar (self, error) &&
         load_simple_sections (self, object, error) &&
         load_maintenance (self, object, error) &&
         load_escalation (self, object, error) &&
         load_scope (self, object, error) &&
         load_feature_requests (self, object, error) &&
         load_contacts (self, object, error);
}

static LtPolicy *
policy_new_from_node (JsonNode    *root,
                      GError     **error)
{
  g_autoptr(LtPolicy) self = g_object_new (LT_TYPE_POLICY, NULL);

  if (!load_document (self, root, error))
    return NULL;

  self->root = json_node_ref (root);
  return g_steal_pointer (&self);
}

/**
 * lt_policy_new_from_bytes:
 * @json: a policy document, UTF-8 JSON
 * @error: return location for an %LT_ERROR_INVALID_DATA error whose message
 *   starts with the JSON path of the bad field
 *
 * Returns: (transfer full) (nullable): the policy, or %NULL with @error set
 */
LtPolicy *
lt_policy_new_from_bytes (GBytes  *json,
                          GError **error)
{
  g_autoptr(LtJsonDocument) document = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  document = lt_json_document_parse_bytes (json, LT_JSON_MAX_DEPTH, error);
  if (document == NULL)
    return NULL;

  return policy_new_from_node (lt_json_document_get_root (document), error);
}

/**
 * lt_policy_new_from_json_node:
 * @root: the document's root node, e.g. from the portal's GET /policy
 * @error: return location for an %LT_ERROR_INVALID_DATA error
 *
 * The policy keeps an immutable copy of @root.
 *
 * Returns: (transfer full) (nullable): the policy, or %NULL with @error set
 */
LtPolicy *
lt_policy_new_from_json_node (JsonNode  *root,
                              GError   **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (json_node_is_immutable (root))
    return policy_new_from_node (root, error);

  /* A mutable tree could change under the policy after validation; a
   * round trip through text gives an immutable copy that nothing shares,
   * and checks it exactly as a downloaded document is checked. */
  text = json_to_string (root, FALSE);
  length = strlen (text);
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);
  return lt_policy_new_from_bytes (bytes, error);
}

/**
 * lt_policy_new_default:
 * @error: return location for an error
 *
 * The policy bundled with the app (%LT_POLICY_DEFAULT_RESOURCE), used until
 * the portal supplies its own.
 *
 * Returns: (transfer full) (nullable): the policy, or %NULL with @error set
 */
LtPolicy *
lt_policy_new_default (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resources_lookup_data (LT_POLICY_DEFAULT_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                   &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("The bundled support policy is missing: %s"), local_error->message);
      return NULL;
    }
  return lt_policy_new_from_bytes (bytes, error);
}

/**
 * lt_policy_new_from_file:
 * @path: a policy document the user named (`--policy`)
 * @error: return location for an error: %LT_ERROR_NOT_FOUND or
 *   %LT_ERROR_INVALID_INPUT naming @path when it cannot be read,
 *   %LT_ERROR_INVALID_DATA when its content is not a valid policy
 *
 * Returns: (transfer full) (nullable): the policy, or %NULL with @error set
 */
LtPolicy *
lt_policy_new_from_file (const char  *path,
                         GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Only a regular file of a sane size: /dev/zero or a FIFO named by
   * mistake must not fill memory or hang. */
  bytes = lt_file_read_regular (path, LT_FILE_MAX_DOCUMENT_SIZE, error);
  if (bytes == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_prefix_error (error, _("Cannot read the policy file “%s”: "), display);
      return NULL;
    }
  return lt_policy_new_from_bytes (bytes, error);
}

/* ------------------------------------------------------------------ */
/* Getters                                                               */

/**
 * lt_policy_get_json:
 * @self: a policy
 *
 * Returns: (transfer none): the immutable document the policy was loaded from
 */
JsonNode *
lt_policy_get_json (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return self->root;
}

const char *
lt_policy_get_title (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return self->title;
}

const GDate *
lt_policy_get_effective_date (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return &self->effective;
}

const GDate *
lt_policy_get_updated_date (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return &self->updated;
}

guint
lt_policy_get_review_interval_months (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), 0);
  return self->review_interval_months;
}

/**
 * lt_policy_get_calendar:
 * @self: a policy
 *
 * Returns: (transfer none): the vendor's business calendar (R3)
 */
LtBusinessCalendar *
lt_policy_get_calendar (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return self->calendar;
}

const char *
lt_policy_get_tier_name (LtPolicy *self,
                         LtTier    tier)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  g_return_val_if_fail ((guint) tier < LT_N_TIERS, NULL);
  return self->tier_names[tier];
}

/**
 * lt_policy_get_tier_channels:
 * @self: a policy
 * @tier: a tier
 *
 * Returns: (transfer none) (array zero-terminated=1): the channel ids of
 *   @tier ("portal", "email", "phone", "csm")
 */
const char * const *
lt_policy_get_tier_channels (LtPolicy *self,
                             LtTier    tier)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  g_return_val_if_fail ((guint) tier < LT_N_TIERS, NULL);
  return (const char * const *) self->tier_channels[tier];
}

/**
 * lt_policy_get_response_minutes:
 * @self: a policy
 * @tier: the customer's tier
 * @severity: the ticket's severity
 * @minutes: (out) (optional): the response target in business minutes
 *
 * Returns: %FALSE when no response target applies (feature requests by
 *   default); *@minutes is then 0
 */
gboolean
lt_policy_get_response_minutes (LtPolicy   *self,
                                LtTier      tier,
                                LtSeverity  severity,
                                guint      *minutes)
{
  g_return_val_if_fail (LT_IS_POLICY (self), FALSE);
  g_return_val_if_fail ((guint) tier < LT_N_TIERS, FALSE);
  g_return_val_if_fail ((guint) severity < LT_N_SEVERITIES, FALSE);

  if (minutes != NULL)
    *minutes = self->sla_minutes[tier][severity];
  return self->sla_has_target[tier][severity];
}

gboolean
lt_policy_get_sla_is_default (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), TRUE);
  return self->sla_is_default;
}

double
lt_policy_get_sla_at_risk_fraction (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), 0.0);
  return self->sla_at_risk_fraction;
}

guint
lt_policy_get_supported_preceding (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), 0);
  return self->supported_preceding;
}

guint
lt_policy_get_auto_close_business_days (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), 0);
  return self->auto_close_business_days;
}

guint
lt_policy_get_reopen_business_days (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), 0);
  return self->reopen_business_days;
}

guint
lt_policy_get_change_lead_business_days (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), 0);
  return self->change_lead_business_days;
}

guint
lt_policy_get_emergency_notice_minutes (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), 0);
  return self->emergency_notice_minutes;
}

guint
lt_policy_get_upgrade_package_interval_months (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), 0);
  return self->upgrade_package_interval_months;
}

/**
 * lt_policy_get_reminder_lead_minutes:
 * @self: a policy
 * @n_leads: (out): the number of leads
 *
 * Returns: (transfer none) (array length=n_leads): minutes before a
 *   maintenance window's start at which to remind, largest first
 */
const guint *
lt_policy_get_reminder_lead_minutes (LtPolicy *self,
                                     guint    *n_leads)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  g_return_val_if_fail (n_leads != NULL, NULL);

  *n_leads = self->reminder_lead_minutes->len;
  return (const guint *) (gpointer) self->reminder_lead_minutes->data;
}

guint
lt_policy_get_invoice_suspension_days (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), 0);
  return self->invoice_suspension_days;
}

/**
 * lt_policy_get_escalation_levels:
 * @self: a policy
 * @n_levels: (out): the number of levels
 *
 * Returns: (transfer none) (array length=n_levels): level 1 first
 */
const LtEscalationLevel *
lt_policy_get_escalation_levels (LtPolicy *self,
                                 guint    *n_levels)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  g_return_val_if_fail (n_levels != NULL, NULL);

  *n_levels = self->escalation_levels->len;
  return (const LtEscalationLevel *) (gpointer) self->escalation_levels->data;
}

/**
 * lt_policy_get_scope_categories:
 * @self: a policy
 * @n_categories: (out): the number of categories
 *
 * Returns: (transfer none) (array length=n_categories): in document order
 */
const LtScopeCategory *
lt_policy_get_scope_categories (LtPolicy *self,
                                guint    *n_categories)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  g_return_val_if_fail (n_categories != NULL, NULL);

  *n_categories = self->scope_categories->len;
  return (const LtScopeCategory *) (gpointer) self->scope_categories->data;
}

/**
 * lt_policy_find_scope_category:
 * @self: a policy
 * @id: a category id, e.g. "custom-code"
 *
 * Returns: (transfer none) (nullable): the category, or %NULL when the
 *   policy has none with @id
 */
const LtScopeCategory *
lt_policy_find_scope_category (LtPolicy   *self,
                               const char *id)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->scope_categories->len; i++)
    {
      const LtScopeCategory *category = &g_array_index (self->scope_categories, LtScopeCategory, i);

      if (g_str_equal (category->id, id))
        return category;
    }
  return NULL;
}

/**
 * lt_policy_get_feature_criteria:
 * @self: a policy
 *
 * Returns: (transfer none) (array zero-terminated=1): the labels of the
 *   feature-request prioritisation criteria (§15)
 */
const char * const *
lt_policy_get_feature_criteria (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return (const char * const *) self->feature_criteria;
}

/**
 * lt_policy_get_feature_criterion_ids:
 * @self: a policy
 *
 * Returns: (transfer none) (array zero-terminated=1): the criteria's ids,
 *   in the order of lt_policy_get_feature_criteria()
 */
const char * const *
lt_policy_get_feature_criterion_ids (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return (const char * const *) self->feature_criterion_ids;
}

guint
lt_policy_get_feature_review_interval_months (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), 0);
  return self->feature_review_interval_months;
}

const char *
lt_policy_get_portal_url (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return self->portal_url;
}

const char *
lt_policy_get_support_email (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return self->support_email;
}

const char *
lt_policy_get_critical_phone (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return self->critical_phone;
}

const char *
lt_policy_get_csm_email (LtPolicy *self)
{
  g_return_val_if_fail (LT_IS_POLICY (self), NULL);
  return self->csm_email;
}
