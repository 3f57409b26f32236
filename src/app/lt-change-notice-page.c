/* lt-change-notice-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-change-notice-page"

#include "config.h"

#include "lt-change-notice-page.h"
#include "lt-change-notice-page-private.h"

#include "lt-business-calendar.h"
#include "lt-change-notice.h"
#include "lt-maintenance-window.h"
#include "lt-rules.h"
#include "lt-store-change-notices.h"
#include "lt-text-util.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtChangeNoticePage
{
  AdwBin            parent_instance;

  /* Template widgets */
  GtkLabel         *title_label;
  GtkWidget        *back_button;
  GtkWidget        *reschedule_button;
  GtkWidget        *withdraw_button;
  GtkScrolledWindow *scroller;
  AdwActionRow     *state_row;
  GtkWidget        *review_box;
  GtkLabel         *review_label;
  AdwActionRow     *start_row;
  AdwActionRow     *end_row;
  AdwActionRow     *lead_time_row;
  GtkImage         *lead_time_icon;
  AdwActionRow     *overlap_row;
  AdwPreferencesGroup *history_group;
  AdwActionRow     *replaces_row;
  AdwActionRow     *replaced_by_row;
  AdwActionRow     *kind_row;
  AdwActionRow     *risk_row;
  AdwActionRow     *systems_row;
  AdwActionRow     *contact_row;
  AdwActionRow     *id_row;
  GtkLabel         *description_label;
  GtkLabel         *rollback_label;

  /* Owned */
  LtContext        *context;
  LtChangeNotice   *notice;
  gulong            notify_id;
  char             *state_text;
  char             *review_text;
  char             *lead_time_text;
  char             *overlap_text;
};

G_DEFINE_FINAL_TYPE (LtChangeNoticePage, lt_change_notice_page, ADW_TYPE_BIN)

/* The key the Changes page's actions take: the local id of a notice filed
 * here (its outbox key), else the portal's id. */
static const char *
notice_key (LtChangeNotice *notice)
{
  return lt_change_notice_get_local_id (notice) != NULL
         ? lt_change_notice_get_local_id (notice) : lt_change_notice_get_id (notice);
}

static void
set_row_subtitle (AdwActionRow *row,
                  const char   *text)
{
  g_autofree char *shown = lt_text_dup_displayable (text, LT_TEXT_MULTI_LINE);
  g_autofree char *escaped = g_markup_escape_text (shown, -1);

  adw_action_row_set_subtitle (row, escaped);
}

static void
set_row_title (AdwActionRow *row,
               const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped);
}

/* A block of the admin's or LockThreat's text: selectable, control
 * characters shown escaped (a hostile portal's escapes reach no one). */
static void
set_block (GtkLabel   *label,
           const char *text,
           const char *empty)
{
  g_autofree char *shown = NULL;

  if (text == NULL || *text == '\0')
    {
      gtk_label_set_text (label, empty);
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
      return;
    }
  shown = lt_text_dup_displayable (text, LT_TEXT_MULTI_LINE);
  gtk_label_set_text (label, shown);
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
}

/**
 * lt_change_notice_page_can_withdraw:
 * @notice: a change notice
 *
 * R8 names the states; the app offers a withdrawal until the notice was
 * reviewed (after that, a reschedule or a new notice says more).
 *
 * Returns: whether Withdraw is offered, here and on the Changes page
 */
gboolean
lt_change_notice_page_can_withdraw (LtChangeNotice *notice)
{
  switch (lt_change_notice_get_state (notice))
    {
    case LT_CHANGE_STATE_QUEUED:
    case LT_CHANGE_STATE_SUBMITTED:
    case LT_CHANGE_STATE_UNDER_REVIEW:
      return TRUE;
    case LT_CHANGE_STATE_REVIEWED:
    case LT_CHANGE_STATE_WITHDRAWN:
    case LT_CHANGE_STATE_DRAFT:
    default:
      return FALSE;
    }
}

/**
 * lt_change_notice_page_dup_state_text:
 * @notice: a change notice
 *
 * The words for its state, with the review outcome once reviewed
 * ("Reviewed: concerns") and "Withdrawn: rescheduled" for one replaced:
 * the Changes page's badges say the same.
 *
 * Returns: (transfer full): the text
 */
char *
lt_change_notice_page_dup_state_text (LtChangeNotice *notice)
{
  LtChangeState state = lt_change_notice_get_state (notice);

  if (state == LT_CHANGE_STATE_REVIEWED)
    {
      switch (lt_change_notice_get_review_outcome (notice))
        {
        case LT_REVIEW_OUTCOME_NO_CONCERNS:
          return g_strdup (_("Reviewed: no concerns"));
        case LT_REVIEW_OUTCOME_CONCERNS:
          return g_strdup (_("Reviewed: concerns"));
        case LT_REVIEW_OUTCOME_NONE:
        default:
          break;
        }
    }
  if (state == LT_CHANGE_STATE_WITHDRAWN && lt_change_notice_get_replaced_by (notice) != NULL)
    return g_strdup (_("Withdrawn: rescheduled"));

  return g_strdup (lt_change_state_get_label (state));
}

static void
update_state (LtChangeNoticePage *self)
{
  LtChangeNotice *notice = self->notice;
  const char *review = lt_change_notice_get_review_text (notice);

  g_free (self->state_text);
  self->state_text = lt_change_notice_page_dup_state_text (notice);
  set_row_subtitle (self->state_row, self->state_text);

  g_clear_pointer (&self->review_text, g_free);
  if (review != NULL && *review != '\0')
    {
      self->review_text = lt_text_dup_displayable (review, LT_TEXT_MULTI_LINE);
      gtk_label_set_text (self->review_label, self->review_text);
      gtk_widget_set_visible (self->review_box, TRUE);
    }
  else if (lt_change_notice_get_state (notice) == LT_CHANGE_STATE_REVIEWED)
    {
      /* Reviewed without words: say so rather than leave a gap. */
      gtk_label_set_text (self->review_label, _("LockThreat gave no text with its review."));
      gtk_widget_set_visible (self->review_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->review_box, FALSE);
}

static void
set_lead_time (LtChangeNoticePage *self,
               gboolean            late,
               const char         *title,
               const char         *subtitle)
{
  g_free (self->lead_time_text);
  self->lead_time_text = g_strdup (title);
  set_row_title (self->lead_time_row, title);
  set_row_subtitle (self->lead_time_row, subtitle);
  gtk_image_set_from_icon_name (self->lead_time_icon,
                                late ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  lt_ui_set_style_class (GTK_WIDGET (self->lead_time_icon),
                         (const char * const[]) { "success", "warning", NULL },
                         late ? "warning" : "success");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->lead_time_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  late ? _("Warning") : _("Information"),
                                  -1);
}

/* R8 by core: judged from the day the notice was given here; a notice the
 * portal knows takes the portal's late flag (computed at submission with
 * the same rule), and the days short only when it was given here. */
static void
update_lead_time (LtChangeNoticePage *self)
{
  LtChangeNotice *notice = self->notice;
  LtPolicy *policy = lt_context_get_policy (self->context);
  LtStore *store = lt_context_get_store (self->context);
  guint lead = lt_policy_get_change_lead_business_days (policy);
  g_autoptr(GDateTime) noticed_at = NULL;
  g_autofree char *lead_text = NULL;
  g_autofree char *subtitle = NULL;
  LtChangeNoticeCheck check = { { 0, }, };
  gboolean checked = FALSE;
  gboolean late;

  lead_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u business day", "%u business days", lead),
                               lead);

  if (lt_change_notice_get_state (notice) == LT_CHANGE_STATE_DRAFT)
    {
      set_lead_time (self, FALSE, _("Not sent yet"), "");
      return;
    }

  if (store != NULL && lt_change_notice_get_local_id (notice) != NULL)
    noticed_at = lt_store_dup_change_notice_noticed_at (store, notice, NULL);
  if (noticed_at != NULL)
    checked = lt_change_notice_check_lead_time (notice, policy, noticed_at, &check);

  late = lt_change_notice_get_id (notice) != NULL ? lt_change_notice_get_late (notice)
                                                 : (checked && check.late);

  if (!late)
    {
      subtitle = g_strdup_printf (_("This start gave LockThreat the %s of notice the policy asks for a risk review (§6)."),
                                  lead_text);
      set_lead_time (self, FALSE, _("Given in time"), subtitle);
    }
  else if (checked && check.late && check.business_days_short > 0)
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Late by %u business day — not covered by the risk review",
                                      "Late by %u business days — not covered by the risk review",
                                      check.business_days_short),
                         check.business_days_short);

      set_lead_time (self, TRUE, title, check.warning);
    }
  else
    {
      subtitle = checked && check.warning != NULL
                 ? g_strdup (check.warning)
                 : g_strdup_printf (_("LockThreat marked this notice late: it came less than %s before the planned start (§6)."),
                                    lead_text);
      set_lead_time (self, TRUE, _("Late — not covered by the risk review"), subtitle);
    }
  lt_change_notice_check_clear (&check);
}

static void
update_overlap (LtChangeNoticePage *self)
{
  LtMaintenanceList *windows = lt_context_get_maintenance_windows (self->context);
  g_autoptr(GPtrArray) overlapping = NULL;
  g_autoptr(GString) text = NULL;

  g_clear_pointer (&self->overlap_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->overlap_row), FALSE);
  if (windows == NULL)
    return;

  overlapping = lt_change_notice_find_overlapping_windows (self->notice, G_LIST_MODEL (windows));
  if (overlapping == NULL || overlapping->len == 0)
    return;

  text = g_string_new (NULL);
  for (guint i = 0; i < overlapping->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (overlapping, i);
      g_autofree char *starts = lt_ui_format_instant (lt_maintenance_window_get_starts_at (window));
      g_autofree char *ends = lt_ui_format_instant (lt_maintenance_window_get_ends_at (window));

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* TRANSLATORS: kind, title, start – end of a maintenance window */
      g_string_append_printf (text, _("%s: %s, %s – %s"),
                              lt_maintenance_kind_get_label (lt_maintenance_window_get_kind (window)),
                              lt_maintenance_window_get_title (window) ?: "",
                              starts, ends);
    }
  self->overlap_text = g_string_free (g_steal_pointer (&text), FALSE);
  set_row_subtitle (self->overlap_row, self->overlap_text);
  gtk_widget_set_visible (GTK_WIDGET (self->overlap_row), TRUE);
}

/* The title a notice is known by here, for the rescheduling rows. */
static char *
dup_notice_name (LtChangeNoticePage *self,
                 const char         *key)
{
  LtChangeNoticeList *notices = lt_context_get_change_notices (self->context);
  guint n = notices != NULL ? g_list_model_get_n_items (G_LIST_MODEL (notices)) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtChangeNotice) other = g_list_model_get_item (G_LIST_MODEL (notices), i);

      if (g_strcmp0 (lt_change_notice_get_id (other), key) == 0 ||
          g_strcmp0 (lt_change_notice_get_local_id (other), key) == 0)
        {
          g_autofree char *start = lt_change_notice_get_planned_start (other) != NULL
                                   ? lt_ui_format_instant (lt_change_notice_get_planned_start (other))
                                   : g_strdup ("—");

          /* TRANSLATORS: a change notice: its id or "queued", its title, its planned start */
          return g_strdup_printf (_("%s · %s · %s"),
                                  lt_change_notice_get_id (other) ?: _("queued"),
                                  lt_change_notice_get_title (other) ?: "", start);
        }
    }
  return g_strdup (key);
}

/* The notice that replaced this one: the portal's replaced_by, else a
 * notice here that names this one in its replaces (a reschedule still
 * on its way). */
static char *
dup_replaced_by (LtChangeNoticePage *self)
{
  LtChangeNoticeList *notices = lt_context_get_change_notices (self->context);
  guint n = notices != NULL ? g_list_model_get_n_items (G_LIST_MODEL (notices)) : 0;
  const char *id = lt_change_notice_get_id (self->notice);
  const char *local_id = lt_change_notice_get_local_id (self->notice);

  if (lt_change_notice_get_replaced_by (self->notice) != NULL)
    return g_strdup (lt_change_notice_get_replaced_by (self->notice));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtChangeNotice) other = g_list_model_get_item (G_LIST_MODEL (notices), i);
      const char *replaces = lt_change_notice_get_replaces (other);

      if (replaces != NULL &&
          ((id != NULL && g_str_equal (replaces, id)) ||
           (local_id != NULL && g_str_equal (replaces, local_id))))
        return g_strdup (notice_key (other));
    }
  return NULL;
}

static void
update_history (LtChangeNoticePage *self)
{
  const char *replaces = lt_change_notice_get_replaces (self->notice);
  g_autofree char *replaced_by = dup_replaced_by (self);

  gtk_widget_set_visible (GTK_WIDGET (self->replaces_row), replaces != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->replaced_by_row), replaced_by != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), replaces != NULL || replaced_by != NULL);

  if (replaces != NULL)
    {
      g_autofree char *name = dup_notice_name (self, replaces);

      set_row_subtitle (self->replaces_row, name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->replaces_row), "s", replaces);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->replaces_row), "changes.open");
    }
  if (replaced_by != NULL)
    {
      g_autofree char *name = dup_notice_name (self, replaced_by);

      set_row_subtitle (self->replaced_by_row, name);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->replaced_by_row), "s", replaced_by);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->replaced_by_row), "changes.open");
    }
}

static void
update_contact (LtChangeNoticePage *self)
{
  g_autoptr(LtContact) contact = lt_context_dup_primary_contact (self->context);
  g_autoptr(GString) text = g_string_new (NULL);

  if (contact != NULL)
    {
      if (contact->name != NULL)
        g_string_append (text, contact->name);
      if (contact->email != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", contact->email);
      if (contact->phone != NULL)
        g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", contact->phone);
    }
  /* The contract's notice carries no contact of its own: LockThreat
   * reaches the account's primary technical contact about it. */
  set_row_subtitle (self->contact_row,
                    text->len > 0 ? text->str : _("No primary technical contact yet (Preferences)"));
}

static void
update (LtChangeNoticePage *self)
{
  LtChangeNotice *notice = self->notice;
  const char * const *systems;
  GDateTime *start, *end;
  g_autofree char *title = NULL;
  g_autofree char *starts = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *systems_text = NULL;
  g_autofree char *risk = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *accessible = NULL;
  LtChangeState state;
  gboolean can_withdraw, can_reschedule;

  if (notice == NULL)
    return;

  title = lt_text_dup_displayable (lt_change_notice_get_title (notice) ?: _("Untitled change"),
                                   LT_TEXT_SINGLE_LINE);
  gtk_label_set_text (self->title_label, title);

  update_state (self);

  start = lt_change_notice_get_planned_start (notice);
  end = lt_change_notice_get_planned_end (notice);
  starts = start != NULL ? lt_ui_format_instant (start) : g_strdup (_("Not set"));
  if (end != NULL && start != NULL)
    {
      g_autofree char *at = lt_ui_format_instant (end);
      g_autofree char *duration = lt_ui_format_duration (g_date_time_difference (end, start));

      /* TRANSLATORS: the planned end, and how long the change lasts */
      ends = g_strdup_printf (_("%s (%s)"), at, duration);
    }
  else
    ends = end != NULL ? lt_ui_format_instant (end) : g_strdup (_("Not set"));
  set_row_subtitle (self->start_row, starts);
  set_row_subtitle (self->end_row, ends);
  update_lead_time (self);
  update_overlap (self);
  update_history (self);

  set_row_subtitle (self->kind_row, lt_change_kind_get_label (lt_change_notice_get_kind (notice)));
  risk = g_strdup (lt_risk_get_label (lt_change_notice_get_risk (notice)));
  set_row_subtitle (self->risk_row, risk);
  systems = lt_change_notice_get_systems (notice);
  systems_text = systems != NULL ? g_strjoinv (", ", (char **) systems) : g_strdup (_("None named"));
  set_row_subtitle (self->systems_row, systems_text);
  update_contact (self);
  if (lt_change_notice_get_id (notice) != NULL)
    ids = g_strdup (lt_change_notice_get_id (notice));
  else
    /* TRANSLATORS: a notice not yet accepted by the portal */
    ids = g_strdup (_("Not on the portal yet: waiting in the outbox"));
  set_row_subtitle (self->id_row, ids);

  set_block (self->description_label, lt_change_notice_get_description (notice), _("No description was given."));
  set_block (self->rollback_label, lt_change_notice_get_rollback_plan (notice), _("No rollback plan was given."));

  /* The Changes page's actions, for this notice. Reschedule: any notice
   * sent and not withdrawn (the contract replaces any other). */
  state = lt_change_notice_get_state (notice);
  can_withdraw = lt_change_notice_page_can_withdraw (notice);
  can_reschedule = state != LT_CHANGE_STATE_WITHDRAWN && state != LT_CHANGE_STATE_DRAFT;
  /* The target first: a name without its "s" target is a mismatch. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->withdraw_button), "s", notice_key (notice));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->withdraw_button), "changes.withdraw");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->reschedule_button), "s", notice_key (notice));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reschedule_button), "changes.reschedule");
  gtk_widget_set_visible (self->withdraw_button, can_withdraw);
  gtk_widget_set_visible (self->reschedule_button, can_reschedule);

  accessible = g_strdup_printf (_("Withdraw %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->withdraw_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_free (accessible);
  accessible = g_strdup_printf (_("Reschedule %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reschedule_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
notice_notify_cb (LtChangeNoticePage *self)
{
  update (self);
}

static void
lt_change_notice_page_dispose (GObject *object)
{
  LtChangeNoticePage *self = (LtChangeNoticePage *) object;

  g_clear_signal_handler (&self->notify_id, self->notice);
  g_clear_object (&self->notice);
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_CHANGE_NOTICE_PAGE);

  G_OBJECT_CLASS (lt_change_notice_page_parent_class)->dispose (object);
}

static void
lt_change_notice_page_finalize (GObject *object)
{
  LtChangeNoticePage *self = (LtChangeNoticePage *) object;

  g_free (self->state_text);
  g_free (self->review_text);
  g_free (self->lead_time_text);
  g_free (self->overlap_text);

  G_OBJECT_CLASS (lt_change_notice_page_parent_class)->finalize (object);
}

static void
lt_change_notice_page_class_init (LtChangeNoticePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_change_notice_page_dispose;
  object_class->finalize = lt_change_notice_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-change-notice-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, reschedule_button);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, withdraw_button);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, state_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, review_box);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, review_label);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, start_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, end_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, lead_time_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, lead_time_icon);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, overlap_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, history_group);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, replaces_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, replaced_by_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, risk_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, systems_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, contact_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, id_row);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, description_label);
  gtk_widget_class_bind_template_child (widget_class, LtChangeNoticePage, rollback_label);
}

static void
lt_change_notice_page_init (LtChangeNoticePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

}

GtkWidget *
lt_change_notice_page_new (LtContext *context)
{
  LtChangeNoticePage *self;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);

  self = g_object_new (LT_TYPE_CHANGE_NOTICE_PAGE, NULL);
  self->context = g_object_ref (context);
  return GTK_WIDGET (self);
}

void
lt_change_notice_page_set_notice (LtChangeNoticePage *self,
                                  LtChangeNotice     *notice)
{
  g_return_if_fail (LT_IS_CHANGE_NOTICE_PAGE (self));
  g_return_if_fail (notice == NULL || LT_IS_CHANGE_NOTICE (notice));

  if (self->notice == notice)
    return;

  g_clear_signal_handler (&self->notify_id, self->notice);
  g_set_object (&self->notice, notice);
  if (notice != NULL)
    self->notify_id = g_signal_connect_object (notice, "notify", G_CALLBACK (notice_notify_cb),
                                               self, G_CONNECT_SWAPPED);
  update (self);
  /* A new notice is read from its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

LtChangeNotice *
lt_change_notice_page_get_notice (LtChangeNoticePage *self)
{
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE_PAGE (self), NULL);

  return self->notice;
}

const char *
lt_change_notice_page_get_state_text (LtChangeNoticePage *self)
{
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE_PAGE (self), NULL);

  return self->state_text;
}

const char *
lt_change_notice_page_get_review_text (LtChangeNoticePage *self)
{
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE_PAGE (self), NULL);

  return self->review_text;
}

const char *
lt_change_notice_page_get_lead_time_text (LtChangeNoticePage *self)
{
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE_PAGE (self), NULL);

  return self->lead_time_text;
}

const char *
lt_change_notice_page_get_overlap_text (LtChangeNoticePage *self)
{
  g_return_val_if_fail (LT_IS_CHANGE_NOTICE_PAGE (self), NULL);

  return self->overlap_text;
}
