/* lt-test-portal-json.c: the portal's answers written from models
 *
 * The inverse of lt_portal_json_read_account/_maintenance_window/
 * _change_notice, member for member: a member the reader takes as
 * nullable is written as null when the model has none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-test-portal-json"

#include "config.h"

#include "lt-test-portal-json.h"
#include "lt-date-util.h"
#include "lt-enums.h"
#include "lt-types.h"

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

static void
add_instant_or_null (JsonBuilder *builder,
                     const char  *member,
                     GDateTime   *value)
{
  g_autoptr(GDateTime) utc = value != NULL ? g_date_time_to_utc (value) : NULL;
  g_autofree char *text = utc != NULL ? lt_instant_format (utc) : NULL;

  add_string_or_null (builder, member, text);
}

static void
add_nick (JsonBuilder *builder,
          const char  *member,
          GType        type,
          int          value)
{
  add_string_or_null (builder, member, lt_enum_to_nick (type, value));
}

JsonNode *
lt_test_portal_json_write_account (LtAccount *account)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const LtContact *contact = lt_account_get_primary_contact (account);
  GPtrArray *invoices = lt_account_get_invoices (account);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "customer_name", lt_account_get_customer_name (account));
  add_nick (builder, "tier", LT_TYPE_TIER, lt_account_get_tier (account));
  json_builder_set_member_name (builder, "primary_contact");
  if (contact == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      add_string_or_null (builder, "name", contact->name);
      add_string_or_null (builder, "email", contact->email);
      add_string_or_null (builder, "phone", contact->phone);
      json_builder_end_object (builder);
    }
  add_string_or_null (builder, "csm_email", lt_account_get_csm_email (account));
  json_builder_set_member_name (builder, "invoices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < invoices->len; i++)
    {
      const LtInvoice *invoice = g_ptr_array_index (invoices, i);
      g_autofree char *issued = NULL;

      if (g_date_valid (&invoice->issued))
        issued = lt_date_format (&invoice->issued);
      json_builder_begin_object (builder);
      add_string_or_null (builder, "id", invoice->id);
      add_string_or_null (builder, "issued", issued);
      add_string_or_null (builder, "amount", invoice->amount);
      add_string_or_null (builder, "currency", invoice->currency);
      json_builder_set_member_name (builder, "paid");
      json_builder_add_boolean_value (builder, invoice->paid);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
lt_test_portal_json_write_maintenance_window (LtMaintenanceWindow *window)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", lt_maintenance_window_get_id (window));
  add_nick (builder, "kind", LT_TYPE_MAINTENANCE_KIND, lt_maintenance_window_get_kind (window));
  add_string_or_null (builder, "title", lt_maintenance_window_get_title (window));
  add_string_or_null (builder, "description",
                      lt_maintenance_window_get_description (window) ?: "");
  add_instant_or_null (builder, "starts_at", lt_maintenance_window_get_starts_at (window));
  add_instant_or_null (builder, "ends_at", lt_maintenance_window_get_ends_at (window));
  add_instant_or_null (builder, "announced_at", lt_maintenance_window_get_announced_at (window));
  add_nick (builder, "affects", LT_TYPE_MAINTENANCE_AFFECTS,
            lt_maintenance_window_get_affects (window));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

JsonNode *
lt_test_portal_json_write_change_notice (LtChangeNotice *notice)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char * const *systems = lt_change_notice_get_systems (notice);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", lt_change_notice_get_id (notice));
  add_nick (builder, "kind", LT_TYPE_CHANGE_KIND, lt_change_notice_get_kind (notice));
  add_string_or_null (builder, "title", lt_change_notice_get_title (notice));
  add_string_or_null (builder, "description", lt_change_notice_get_description (notice) ?: "");
  json_builder_set_member_name (builder, "systems");
  json_builder_begin_array (builder);
  for (guint i = 0; systems != NULL && systems[i] != NULL; i++)
    json_builder_add_string_value (builder, systems[i]);
  json_builder_end_array (builder);
  add_instant_or_null (builder, "planned_start", lt_change_notice_get_planned_start (notice));
  add_instant_or_null (builder, "planned_end", lt_change_notice_get_planned_end (notice));
  add_string_or_null (builder, "rollback_plan", lt_change_notice_get_rollback_plan (notice) ?: "");
  add_nick (builder, "risk", LT_TYPE_RISK, lt_change_notice_get_risk (notice));
  add_nick (builder, "state", LT_TYPE_CHANGE_STATE, lt_change_notice_get_state (notice));
  add_nick (builder, "review_outcome", LT_TYPE_REVIEW_OUTCOME,
            lt_change_notice_get_review_outcome (notice));
  json_builder_set_member_name (builder, "late");
  json_builder_add_boolean_value (builder, lt_change_notice_get_late (notice));
  add_instant_or_null (builder, "updated_at", lt_change_notice_get_updated_at (notice));
  add_string_or_null (builder, "review_text", lt_change_notice_get_review_text (notice));
  add_string_or_null (builder, "replaces", lt_change_notice_get_replaces (notice));
  add_string_or_null (builder, "replaced_by", lt_change_notice_get_replaced_by (notice));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
