/* lt-overview-page.c
 *
 * Everything on this page is recomputed from the context when something it
 * depends on changes (a store table, the outbox, the settings, the clock's
 * minute), coalesced into one idle refresh. Each verdict comes from core:
 * eligibility, the invoice warning, the contact rule, the next upgrade
 * package and the policy review dates.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-overview-page"

#include "config.h"

#include "lt-overview-page.h"
#include "lt-overview-page-private.h"

#include "lt-account.h"
#include "lt-enums.h"
#include "lt-error.h"
#include "lt-overview-card.h"
#include "lt-rules.h"
#include "lt-lifecycle.h"
#include "lt-notifier.h"
#include "lt-store-change-notices.h"
#include "lt-store-maintenance-windows.h"
#include "lt-store-account.h"
#include "lt-store-tickets.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>
#include <string.h>

struct _LtOverviewPage
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkLabel       *customer_label;
  GtkLabel       *customer_detail_label;
  AdwPreferencesGroup *away_group;
  GtkListBox     *away_list;
  GtkListBox     *attention_list;
  GtkFlowBox     *cards;
  LtOverviewCard *tickets_card;
  LtOverviewCard *maintenance_card;
  LtOverviewCard *changes_card;
  LtOverviewCard *upgrade_card;
  LtOverviewCard *release_card;
  LtOverviewCard *support_card;

  /* Owned */
  LtContext      *context;
  GStrv           attention_key;   /* what the rows show, to skip rebuilds */
  GHashTable     *discarding;      /* keys of refused items whose discard waits for its toast */
  guint           refresh_source;
};

G_DEFINE_FINAL_TYPE (LtOverviewPage, lt_overview_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  SEVERITY_ERROR,
  SEVERITY_WARNING,
  SEVERITY_INFO,
} AttentionLevel;

typedef struct
{
  AttentionLevel  level;
  char           *title;
  char           *subtitle;
  const char     *button_label;
  const char     *action_name;
  GVariant       *action_target;
} Attention;

static void
attention_free (Attention *attention)
{
  g_free (attention->title);
  g_free (attention->subtitle);
  g_clear_pointer (&attention->action_target, g_variant_unref);
  g_free (attention);
}

static void
add_attention (GPtrArray      *items,
               AttentionLevel  level,
               char           *title,
               char           *subtitle,
               const char     *button_label,
               const char     *action_name,
               GVariant       *action_target)
{
  Attention *attention = g_new0 (Attention, 1);

  attention->level = level;
  attention->title = title;
  attention->subtitle = subtitle;
  attention->button_label = button_label;
  attention->action_name = action_name;
  attention->action_target = action_target != NULL ? g_variant_ref_sink (action_target) : NULL;
  g_ptr_array_add (items, attention);
}

/* ---- What needs action ---------------------------------------------- */

static void
collect_contact (LtOverviewPage *self,
                 GPtrArray      *items)
{
  g_autoptr(LtContact) contact = lt_context_dup_primary_contact (self->context);
  g_autoptr(GError) error = NULL;

  if (lt_rules_validate_primary_contact (contact != NULL ? contact->name : NULL,
                                         contact != NULL ? contact->email : NULL,
                                         contact != NULL ? contact->phone : NULL,
                                         &error))
    return;

  add_attention (items, SEVERITY_WARNING,
                 g_strdup (_("Add a primary technical contact before filing tickets")),
                 g_strdup (error->message),
                 _("_Preferences"), "app.preferences", NULL);
}

static void
collect_installations (LtOverviewPage *self,
                       GPtrArray      *items)
{
  GListModel *installations = G_LIST_MODEL (lt_context_get_installations (self->context));
  guint n;

  if (installations == NULL)
    return;

  n = g_list_model_get_n_items (installations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (installations, i);
      g_autoptr(LtEligibility) eligibility = NULL;
      const char *name = lt_installation_get_name (installation);

      eligibility = lt_installation_check_eligibility (installation,
                                                       lt_context_get_catalog (self->context),
                                                       lt_context_get_policy (self->context),
                                                       NULL);
      /* No readable version: the Versions page explains; nothing to
       * judge here. */
      if (eligibility == NULL)
        continue;

      switch (eligibility->status)
        {
        case LT_SUPPORT_STATUS_UNSUPPORTED:
          add_attention (items, SEVERITY_ERROR,
                         g_strdup_printf (_("%s runs an unsupported version"), name),
                         g_strdup (eligibility->message),
                         _("_Versions"), "win.page", g_variant_new_string ("versions"));
          break;
        case LT_SUPPORT_STATUS_UNKNOWN:
          add_attention (items, SEVERITY_WARNING,
                         g_strdup_printf (_("%s runs a version the catalog does not know"), name),
                         g_strdup (eligibility->message),
                         _("_Versions"), "win.page", g_variant_new_string ("versions"));
          break;
        case LT_SUPPORT_STATUS_CURRENT:
        case LT_SUPPORT_STATUS_SUPPORTED:
        default:
          if (eligibility->installed_withdrawn)
            add_attention (items, SEVERITY_WARNING,
                           g_strdup_printf (_("%s runs a withdrawn release"), name),
                           g_strdup (eligibility->withdrawn_message),
                           _("_Versions"), "win.page", g_variant_new_string ("versions"));
          else if (eligibility->releases_until_unsupported == 1)
            add_attention (items, SEVERITY_WARNING,
                           g_strdup_printf (_("The next release ends support for %s"), name),
                           g_strdup (eligibility->message),
                           _("_Versions"), "win.page", g_variant_new_string ("versions"));
          break;
        }
    }
}

static void
collect_outbox (LtOverviewPage *self,
                GPtrArray      *items)
{
  LtOutbox *outbox = lt_context_get_outbox (self->context);
  g_autoptr(GPtrArray) refused = NULL;
  guint counts[LT_OUTBOX_N_STATES] = { 0, };
  g_autoptr(GError) error = NULL;
  guint waiting;

  if (outbox == NULL)
    return;

  if (!lt_outbox_count (outbox, counts, &error))
    {
      add_attention (items, SEVERITY_ERROR,
                     g_strdup (_("The outbox could not be read")),
                     g_strdup (error->message), NULL, NULL, NULL);
      return;
    }

  /* Each refused item, with Discard, after the count: what is being
   * discarded (its toast still shows) is not counted. */
  refused = g_ptr_array_new_with_free_func ((GDestroyNotify) attention_free);
  if (counts[LT_OUTBOX_STATE_FAILED] > 0)
    {
      g_autoptr(GPtrArray) all = lt_outbox_list (outbox, NULL);
      guint listed = 0;

      for (guint i = 0; all != NULL && i < all->len; i++)
        {
          LtOutboxItem *item = g_ptr_array_index (all, i);
          const char *reason = lt_outbox_item_get_failure_reason (item);
          g_autofree char *when = lt_ui_format_instant (lt_outbox_item_get_created_at (item));

          if (lt_outbox_item_get_state (item) != LT_OUTBOX_STATE_FAILED)
            continue;
          if (g_hash_table_contains (self->discarding, lt_outbox_item_get_key (item)))
            {
              counts[LT_OUTBOX_STATE_FAILED]--;
              continue;
            }
          if (listed++ >= 3)
            continue;
          add_attention (refused, SEVERITY_ERROR,
                         /* TRANSLATORS: the portal's reason, then the item's kind ("ticket.comment") */
                         g_strdup_printf (_("Refused: %s"),
                                          reason != NULL ? reason : lt_outbox_item_get_last_error (item) ?: ""),
                         g_strdup_printf (_("%s, queued %s"), lt_outbox_item_get_kind (item), when),
                         _("_Discard"), "overview.discard",
                         g_variant_new_string (lt_outbox_item_get_key (item)));
        }
    }

  if (counts[LT_OUTBOX_STATE_FAILED] > 0)
    add_attention (items, SEVERITY_ERROR,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u submission was refused by the portal",
                                                 "%u submissions were refused by the portal",
                                                 counts[LT_OUTBOX_STATE_FAILED]),
                                    counts[LT_OUTBOX_STATE_FAILED]),
                   g_strdup (_("They stay here until you send them again or discard them.")),
                   NULL, NULL, NULL);
  for (guint i = 0; i < refused->len; i++)
    g_ptr_array_add (items, g_steal_pointer (&refused->pdata[i]));
  g_ptr_array_set_free_func (refused, NULL);

  waiting = counts[LT_OUTBOX_STATE_PENDING] + counts[LT_OUTBOX_STATE_SENDING];
  if (waiting > 0)
    add_attention (items, SEVERITY_INFO,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u submission is waiting to be sent",
                                                 "%u submissions are waiting to be sent",
                                                 waiting),
                                    waiting),
                   g_strdup (_("Saved on this computer; each is sent exactly once when the portal can be reached.")),
                   NULL, NULL, NULL);
}

static LtAccount *
load_account (LtOverviewPage *self)
{
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  LtAccount *account;

  if (store == NULL)
    return NULL;

  account = lt_store_load_account (store, &error);
  if (account == NULL && !g_error_matches (error, LT_ERROR, LT_ERROR_NOT_FOUND))
    g_message ("Reading the account failed: %s", error->message);

  return account;
}

static void
collect_invoices (LtOverviewPage *self,
                  LtAccount      *account,
                  GPtrArray      *items)
{
  g_autofree char *warning = NULL;
  GDate today;

  if (account == NULL)
    return;

  lt_clock_get_local_today (lt_context_get_clock (self->context), &today);
  warning = lt_account_dup_invoice_warning (account, lt_context_get_policy (self->context), &today);
  if (warning != NULL)
    add_attention (items, SEVERITY_ERROR,
                   g_strdup (_("An invoice is unpaid for more than the policy allows")),
                   g_steal_pointer (&warning), NULL, NULL, NULL);
}

/* How many tickets of one kind the attention list names one by one; the
 * rest are counted in one row that leads to the Tickets page. A morning
 * with 1,200 breached tickets is one problem to act on, not 1,200 rows. */
#define ATTENTION_TICKETS 3

/* The SLA of the open tickets, judged on the shared ticket list's compact
 * rows (lt_ticket_list_summarize_open()): only the few tickets named are
 * read from the store. */
static void
collect_sla (LtOverviewPage  *self,
             LtAccount       *account,
             GDateTime       *now,
             GPtrArray       *items,
             LtTicketSummary *summary)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  LtTicketList *tickets = lt_context_get_tickets (self->context);
  LtTier tier;
  guint more;

  memset (summary, 0, sizeof *summary);
  if (tickets == NULL || lt_ticket_list_get_loading (tickets))
    return;

  /* The SLA needs the tier, which comes with the account. */
  tier = lt_account_get_effective_tier (account);
  lt_ticket_list_summarize_open (tickets, account != NULL ? policy : NULL, tier, now,
                                 ATTENTION_TICKETS, summary);
  if (account == NULL)
    return;

  for (guint i = 0; i < summary->breached->len; i++)
    {
      LtTicket *ticket = g_ptr_array_index (summary->breached, i);

      add_attention (items, SEVERITY_ERROR,
                     g_strdup_printf (_("%s is past its response time"), lt_ticket_get_id (ticket) ?: ""),
                     g_strdup_printf (_("“%s”: you may escalate it one level (§9)."),
                                      lt_ticket_get_title (ticket) ?: ""),
                     _("_Show"), "win.show-ticket", g_variant_new_string (lt_ticket_get_id (ticket) ?: ""));
    }
  more = summary->sla_counts[LT_SLA_STATE_BREACHED] - summary->breached->len;
  if (more > 0)
    add_attention (items, SEVERITY_ERROR,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u more ticket is past its response time",
                                                 "%u more tickets are past their response time",
                                                 more),
                                    more),
                   g_strdup (_("The Tickets page lists them, the most urgent first; each may be escalated one level (§9).")),
                   _("_Tickets"), "win.show-tickets", g_variant_new_string ("response-time"));

  for (guint i = 0; i < summary->at_risk->len; i++)
    {
      LtTicket *ticket = g_ptr_array_index (summary->at_risk, i);
      gint64 remaining = 0;
      g_autofree char *countdown = NULL;
      g_autoptr(GDateTime) due = NULL;

      if (!lt_ticket_get_remaining_business_seconds (ticket, policy, tier, now, &remaining) ||
          (due = lt_ticket_dup_response_due (ticket, policy, tier)) == NULL)
        continue;
      countdown = lt_ui_format_business_deadline (remaining, due, now);
      add_attention (items, SEVERITY_WARNING,
                     g_strdup_printf (_("%s: response due %s"), lt_ticket_get_id (ticket) ?: "", countdown),
                     g_strdup (lt_ticket_get_title (ticket) ?: ""),
                     _("_Show"), "win.show-ticket", g_variant_new_string (lt_ticket_get_id (ticket) ?: ""));
    }
  more = summary->sla_counts[LT_SLA_STATE_AT_RISK] - summary->at_risk->len;
  if (more > 0)
    add_attention (items, SEVERITY_WARNING,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u more ticket is close to its response time",
                                                 "%u more tickets are close to their response time",
                                                 more),
                                    more),
                   g_strdup (_("The Tickets page lists them, the most urgent first.")),
                   _("_Tickets"), "win.show-tickets", g_variant_new_string ("response-time"));
}

/* R5: waiting for the customer, with the day each closes on its own;
 * read through the store's state index, longest waiting first. */
static void
collect_closing (LtOverviewPage *self,
                 GPtrArray      *items)
{
  LtStore *store = lt_context_get_store (self->context);
  LtPolicy *policy = lt_context_get_policy (self->context);
  g_autoptr(GPtrArray) closing = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;

  if (store == NULL)
    return;

  closing = lt_store_load_tickets_closing (store, ATTENTION_TICKETS, &total, &error);
  if (closing == NULL)
    {
      add_attention (items, SEVERITY_ERROR, g_strdup (_("The tickets could not be read")),
                     g_strdup (error->message), NULL, NULL, NULL);
      return;
    }

  for (guint i = 0; i < closing->len; i++)
    {
      LtTicket *ticket = g_ptr_array_index (closing, i);
      const char *id = lt_ticket_get_id (ticket) ?: "";
      LtCloseReason reason = LT_CLOSE_REASON_NONE;
      g_autoptr(GDateTime) auto_close = lt_ticket_dup_auto_close_due (ticket, policy, &reason);
      g_autofree char *when = NULL;

      if (auto_close == NULL)
        continue;
      when = lt_ui_format_instant (auto_close);
      add_attention (items, SEVERITY_WARNING,
                     lt_ticket_get_state (ticket) == LT_TICKET_STATE_AWAITING_CUSTOMER
                     ? g_strdup_printf (_("%s is waiting for your answer"), id)
                     : g_strdup_printf (_("%s was resolved: confirm it or say it is not fixed"), id),
                     g_strdup_printf (_("Closes automatically on %s (%s)."), when,
                                      lt_close_reason_get_label (reason)),
                     _("_Show"), "win.show-ticket", g_variant_new_string (id));
    }

  if (total > closing->len)
    {
      guint more = total - closing->len;

      add_attention (items, SEVERITY_WARNING,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u more ticket closes automatically unless you act",
                                                   "%u more tickets close automatically unless you act",
                                                   more),
                                      more),
                     g_strdup (_("The Tickets page lists every ticket that needs you, the soonest to close first.")),
                     _("_Tickets"), "win.show-tickets", g_variant_new_string ("needs-you"));
    }
}

/* Work lists: how many tickets close on their own within the next
 * business days, by core's rule (lt_lifecycle_closes_soon()), with the
 * button to list exactly those. */
static void
collect_closing_soon (LtOverviewPage *self,
                      GDateTime      *now,
                      GPtrArray      *items)
{
  LtTicketList *tickets = lt_context_get_tickets (self->context);
  guint soon = 0;

  if (tickets == NULL || lt_ticket_list_get_loading (tickets))
    return;

  lt_ticket_list_set_lifecycle_policy (tickets, lt_context_get_policy (self->context));
  lt_ticket_list_set_now (tickets, now);
  lt_ticket_list_count_work (tickets, NULL, &soon);
  if (soon == 0)
    return;

  add_attention (items, SEVERITY_WARNING,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u ticket closes within %u business days",
                                               "%u tickets close within %u business days",
                                               soon),
                                  soon, LT_LIFECYCLE_CLOSING_SOON_BUSINESS_DAYS),
                 g_strdup (_("Answer, confirm or say it is not fixed before it closes on its own (§7, §13).")),
                 _("_Closing Soon"), "win.show-tickets", g_variant_new_string ("closing-soon"));
}

static GtkWidget *
create_attention_row (Attention *attention)
{
  static const char * const icons[] = {
    "dialog-error-symbolic", "dialog-warning-symbolic", "dialog-information-symbolic",
  };
  static const char * const classes[] = { "error", "warning", "accent" };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (icons[attention->level]);
  g_autofree char *title = g_markup_escape_text (attention->title, -1);
  g_autofree char *subtitle = attention->subtitle != NULL
                              ? g_markup_escape_text (attention->subtitle, -1) : NULL;

  gtk_widget_add_css_class (icon, classes[attention->level]);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  attention->level == SEVERITY_ERROR ? _("Error")
                                  : attention->level == SEVERITY_WARNING ? _("Warning")
                                  : _("Information"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  if (attention->action_name != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (attention->button_label);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), attention->action_name);
      if (attention->action_target != NULL)
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), attention->action_target);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
    }

  return row;
}

static GtkWidget *
create_all_clear_row (void)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

  gtk_widget_add_css_class (icon, "success");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("All clear"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing needs your attention"));

  return row;
}

/* What came due while nobody watched: the same alerts as the "While you
 * were away" notification, each with the button that opens its subject. */
static void
update_away (LtOverviewPage *self)
{
  LtNotifier *notifier = lt_context_get_notifier (self->context);
  GPtrArray *away = notifier != NULL ? lt_notifier_get_away (notifier) : NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->away_list))) != NULL)
    gtk_list_box_remove (self->away_list, child);

  gtk_widget_set_visible (GTK_WIDGET (self->away_group), away != NULL && away->len > 0);
  if (away == NULL)
    return;

  for (guint i = 0; i < MIN (away->len, LT_ALERTS_AWAY_LISTED); i++)
    {
      const LtAlert *alert = g_ptr_array_index (away, i);
      g_autofree char *title = lt_alert_dup_title (alert, zone);
      g_autofree char *body = lt_alert_dup_body (alert, zone);
      g_autoptr(GPtrArray) buttons = lt_alert_dup_buttons (alert);
      Attention attention = {
        .level = alert->urgent ? SEVERITY_WARNING : SEVERITY_INFO,
        .title = title,
        .subtitle = body,
      };

      if (buttons->len > 0)
        {
          LtAlertButton *open = g_ptr_array_index (buttons, 0);

          /* TRANSLATORS: a button opening a ticket, notice or page */
          attention.button_label = _("_Open");
          attention.action_name = open->action;
          attention.action_target = g_variant_ref_sink (g_variant_new_string (open->target));
        }
      gtk_list_box_append (self->away_list, create_attention_row (&attention));
      g_clear_pointer (&attention.action_target, g_variant_unref);
    }

  if (away->len > LT_ALERTS_AWAY_LISTED)
    {
      g_autoptr(GPtrArray) rest = g_ptr_array_new_full (away->len - LT_ALERTS_AWAY_LISTED, NULL);
      Attention more = { .level = SEVERITY_INFO };

      for (guint i = LT_ALERTS_AWAY_LISTED; i < away->len; i++)
        g_ptr_array_add (rest, g_ptr_array_index (away, i));
      more.title = lt_alerts_dup_more_title (rest->len);
      /* By kind, as the notification says them: "18,000 responses breached". */
      more.subtitle = lt_alerts_dup_summary_body (rest, zone);
      gtk_list_box_append (self->away_list, create_attention_row (&more));
      g_free (more.title);
      g_free (more.subtitle);
    }
}

static void
dismiss_away_cb (LtOverviewPage *self)
{
  LtNotifier *notifier = lt_context_get_notifier (self->context);

  if (notifier != NULL)
    lt_notifier_dismiss_away (notifier);
}

static void
update_attention (LtOverviewPage  *self,
                  LtAccount       *account,
                  GDateTime       *now,
                  LtTicketSummary *summary)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) attention_free);
  g_autoptr(GStrvBuilder) key_builder = g_strv_builder_new ();
  g_auto(GStrv) key = NULL;
  GtkWidget *child;

  collect_invoices (self, account, items);
  collect_sla (self, account, now, items, summary);
  collect_closing (self, items);
  collect_closing_soon (self, now, items);
  collect_installations (self, items);
  collect_outbox (self, items);
  collect_contact (self, items);

  /* Most urgent first; the order of collection breaks ties. */
  for (guint i = 1; i < items->len; i++)
    for (guint j = i; j > 0 &&
         ((Attention *) items->pdata[j - 1])->level > ((Attention *) items->pdata[j])->level; j--)
      {
        gpointer tmp = items->pdata[j];
        items->pdata[j] = items->pdata[j - 1];
        items->pdata[j - 1] = tmp;
      }

  for (guint i = 0; i < items->len; i++)
    {
      Attention *attention = g_ptr_array_index (items, i);

      g_strv_builder_add (key_builder, attention->title);
      g_strv_builder_add (key_builder, attention->subtitle ?: "");
    }
  key = g_strv_builder_end (key_builder);

  /* Rebuilding the rows would drop the keyboard focus every minute. */
  if (self->attention_key != NULL && g_strv_equal ((const char * const *) key,
                                                   (const char * const *) self->attention_key))
    return;

  g_strfreev (self->attention_key);
  self->attention_key = g_steal_pointer (&key);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attention_list))) != NULL)
    gtk_list_box_remove (self->attention_list, child);

  if (items->len == 0)
    gtk_list_box_append (self->attention_list, create_all_clear_row ());

  for (guint i = 0; i < items->len; i++)
    gtk_list_box_append (self->attention_list, create_attention_row (g_ptr_array_index (items, i)));
}

/* ---- Cards ---------------------------------------------------------- */

static void
update_header (LtOverviewPage *self,
              LtAccount      *account)
{
  LtPolicy *policy = lt_context_get_policy (self->context);

  if (account != NULL && lt_account_get_customer_name (account) != NULL)
    {
      g_autofree char *detail = g_strdup_printf (_("%s support"),
                                                 lt_policy_get_tier_name (policy, lt_account_get_tier (account)));

      gtk_label_set_text (self->customer_label, lt_account_get_customer_name (account));
      gtk_label_set_text (self->customer_detail_label, detail);
    }
  else
    {
      gtk_label_set_text (self->customer_label, _("LockThreat Support"));
      gtk_label_set_text (self->customer_detail_label,
                          _("Your account appears here after the first sync with the portal. The policy, release catalog and everything saved on this computer work without it."));
    }
}

static void
update_tickets_card (LtOverviewPage        *self,
                     LtAccount             *account,
                     const LtTicketSummary *summary)
{
  LtTicketList *tickets = lt_context_get_tickets (self->context);
  const guint *sla_counts = summary->sla_counts;
  guint n = summary->n_open;
  g_autofree char *value = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);

  if (tickets == NULL)
    {
      lt_overview_card_set_value (self->tickets_card, _("Unavailable"));
      lt_overview_card_set_detail (self->tickets_card, _("The local database is not available."));
      return;
    }

  /* The first frame comes before 100,000 tickets are read. */
  if (lt_ticket_list_get_loading (tickets))
    {
      lt_overview_card_set_value (self->tickets_card, "…");
      lt_overview_card_set_detail (self->tickets_card, _("Reading the tickets saved on this computer…"));
      return;
    }
  if (lt_ticket_list_get_load_error (tickets) != NULL)
    {
      /* The detail is markup; the message names the database's path. */
      g_autofree char *escaped = g_markup_escape_text (lt_ticket_list_get_load_error (tickets)->message, -1);

      lt_overview_card_set_value (self->tickets_card, _("Unavailable"));
      lt_overview_card_set_detail (self->tickets_card, escaped);
      return;
    }

  value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u open", "%u open", n), n);
  lt_overview_card_set_value (self->tickets_card, value);

  if (account == NULL)
    {
      lt_overview_card_set_detail (self->tickets_card,
                                   _("Response times appear once your account (and its support tier) is synced."));
      return;
    }

  /* Waiting for LockThreat's first answer, by SLA state (R4). */
  if (sla_counts[LT_SLA_STATE_BREACHED] > 0)
    g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u breached", "%u breached",
                                                 sla_counts[LT_SLA_STATE_BREACHED]),
                            sla_counts[LT_SLA_STATE_BREACHED]);
  if (sla_counts[LT_SLA_STATE_AT_RISK] > 0)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u at risk", "%u at risk",
                                                   sla_counts[LT_SLA_STATE_AT_RISK]),
                              sla_counts[LT_SLA_STATE_AT_RISK]);
    }
  if (sla_counts[LT_SLA_STATE_ON_TRACK] > 0)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u on track", "%u on track",
                                                   sla_counts[LT_SLA_STATE_ON_TRACK]),
                              sla_counts[LT_SLA_STATE_ON_TRACK]);
    }
  /* The answered ones too: "2 on track" alone reads as if the others
   * were lost. */
  if (sla_counts[LT_SLA_STATE_MET] > 0)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u met", "%u met",
                                                   sla_counts[LT_SLA_STATE_MET]),
                              sla_counts[LT_SLA_STATE_MET]);
    }
  if (sla_counts[LT_SLA_STATE_MISSED] > 0)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u missed", "%u missed",
                                                   sla_counts[LT_SLA_STATE_MISSED]),
                              sla_counts[LT_SLA_STATE_MISSED]);
    }
  if (detail->len == 0)
    g_string_append (detail, n > 0 ? _("Every first response has been given") : _("Nothing waiting"));

  lt_overview_card_set_detail (self->tickets_card, detail->str);
}

static GPtrArray *
load_windows (LtOverviewPage *self)
{
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(GError) error = NULL;
  GPtrArray *windows;

  if (store == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);

  windows = lt_store_load_maintenance_windows (store, &error);
  if (windows == NULL)
    {
      g_message ("Reading the maintenance windows failed: %s", error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }

  return windows;
}

static void
update_maintenance_card (LtOverviewPage *self,
                         GPtrArray      *windows,
                         GDateTime      *now)
{
  LtMaintenanceWindow *next = NULL;
  guint upcoming = 0;

  /* Earliest start first (the store's order). */
  for (guint i = 0; i < windows->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (windows, i);
      GDateTime *starts = lt_maintenance_window_get_starts_at (window);
      GDateTime *ends = lt_maintenance_window_get_ends_at (window);

      if (starts == NULL)
        continue;
      if (g_date_time_compare (ends != NULL ? ends : starts, now) <= 0)
        continue;

      upcoming++;
      if (next == NULL)
        next = window;
    }

  if (next == NULL)
    {
      lt_overview_card_set_value (self->maintenance_card, _("None announced"));
      lt_overview_card_set_detail (self->maintenance_card,
                                   lt_context_get_store (self->context) != NULL
                                   ? _("Vendor maintenance windows appear here once the portal announces them.")
                                   : _("The local database is not available."));
      return;
    }

  {
    GDateTime *starts = lt_maintenance_window_get_starts_at (next);
    GDateTime *ends = lt_maintenance_window_get_ends_at (next);
    g_autofree char *when = lt_ui_format_instant (starts);
    g_autofree char *title = g_markup_escape_text (lt_maintenance_window_get_title (next) ?: "", -1);
    g_autoptr(GString) detail = g_string_new (NULL);

    if (g_date_time_compare (starts, now) <= 0)
      {
        g_autofree char *until = lt_ui_format_instant (ends);
        g_autofree char *value = g_strdup_printf (_("In progress until %s"), until);

        lt_overview_card_set_value (self->maintenance_card, value);
      }
    else
      {
        lt_overview_card_set_value (self->maintenance_card, when);
      }

    g_string_append_printf (detail, "%s · %s", lt_maintenance_kind_get_label (lt_maintenance_window_get_kind (next)),
                            title);
    if (ends != NULL)
      {
        g_autofree char *duration = lt_ui_format_duration (g_date_time_difference (ends, starts));

        g_string_append_printf (detail, " · %s", duration);
      }
    if (upcoming > 1)
      {
        g_string_append_c (detail, '\n');
        g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u more window announced",
                                                     "%u more windows announced", upcoming - 1),
                                upcoming - 1);
      }
    lt_overview_card_set_detail (self->maintenance_card, detail->str);
  }
}

static void
update_upgrade_card (LtOverviewPage *self,
                     GPtrArray      *windows,
                     GDateTime      *now)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  LtMaintenanceWindow *last = NULL, *announced = NULL;
  g_autofree char *detail = NULL;

  for (guint i = 0; i < windows->len; i++)
    {
      LtMaintenanceWindow *window = g_ptr_array_index (windows, i);
      GDateTime *starts = lt_maintenance_window_get_starts_at (window);

      if (lt_maintenance_window_get_kind (window) != LT_MAINTENANCE_KIND_UPGRADE_PACKAGE ||
          starts == NULL)
        continue;

      if (g_date_time_compare (starts, now) <= 0)
        last = window;
      else if (announced == NULL)
        announced = window;
    }

  if (announced != NULL)
    {
      g_autofree char *when = lt_ui_format_instant (lt_maintenance_window_get_starts_at (announced));
      g_autofree char *title = g_markup_escape_text (lt_maintenance_window_get_title (announced) ?: "", -1);

      lt_overview_card_set_value (self->upgrade_card, when);
      detail = g_strdup_printf (_("Announced: %s"), title);
    }
  else if (last != NULL)
    {
      GDate last_date, next;
      g_autofree char *next_text = NULL;
      g_autofree char *last_text = NULL;
      g_autofree char *value = NULL;

      lt_business_calendar_local_date (lt_policy_get_calendar (policy),
                                       lt_maintenance_window_get_starts_at (last), &last_date);
      lt_rules_next_upgrade_package_for_policy (policy, &last_date, &next);
      next_text = lt_ui_format_date_short (&next);
      last_text = lt_ui_format_date_short (&last_date);
      value = g_strdup_printf (_("Expected around %s"), next_text);
      lt_overview_card_set_value (self->upgrade_card, value);
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u month after the last package (%s); the date is confirmed when it is announced.",
                                             "%u months after the last package (%s); the date is confirmed when it is announced.",
                                             lt_policy_get_upgrade_package_interval_months (policy)),
                                lt_policy_get_upgrade_package_interval_months (policy), last_text);
    }
  else
    {
      lt_overview_card_set_value (self->upgrade_card, _("Not known yet"));
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "On-premise upgrade packages come every %u month; the expected date appears once one is known.",
                                             "On-premise upgrade packages come every %u months; the expected date appears once one is known.",
                                             lt_policy_get_upgrade_package_interval_months (policy)),
                                lt_policy_get_upgrade_package_interval_months (policy));
    }

  lt_overview_card_set_detail (self->upgrade_card, detail);
}

static void
update_changes_card (LtOverviewPage *self)
{
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[LT_CHANGE_STATE_DRAFT + 1] = { 0, };
  guint pending;
  g_autofree char *value = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);

  if (store == NULL)
    {
      lt_overview_card_set_value (self->changes_card, _("Unavailable"));
      lt_overview_card_set_detail (self->changes_card, _("The local database is not available."));
      return;
    }

  notices = lt_store_load_change_notices (store, &error);
  if (notices == NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (error->message, -1);

      lt_overview_card_set_value (self->changes_card, _("Unavailable"));
      lt_overview_card_set_detail (self->changes_card, escaped);
      return;
    }

  for (guint i = 0; i < notices->len; i++)
    counts[lt_change_notice_get_state (g_ptr_array_index (notices, i))]++;

  pending = counts[LT_CHANGE_STATE_QUEUED] + counts[LT_CHANGE_STATE_SUBMITTED]
            + counts[LT_CHANGE_STATE_UNDER_REVIEW];
  if (pending == 0)
    {
      lt_overview_card_set_value (self->changes_card, _("None pending"));
      lt_overview_card_set_detail (self->changes_card,
                                   _("Tell LockThreat about planned changes ahead of time; the form shows the earliest compliant start."));
      return;
    }

  value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u pending", "%u pending", pending), pending);
  lt_overview_card_set_value (self->changes_card, value);

  if (counts[LT_CHANGE_STATE_QUEUED] > 0)
    g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u waiting to be sent",
                                                 "%u waiting to be sent", counts[LT_CHANGE_STATE_QUEUED]),
                            counts[LT_CHANGE_STATE_QUEUED]);
  if (counts[LT_CHANGE_STATE_SUBMITTED] > 0)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u submitted", "%u submitted",
                                                   counts[LT_CHANGE_STATE_SUBMITTED]),
                              counts[LT_CHANGE_STATE_SUBMITTED]);
    }
  if (counts[LT_CHANGE_STATE_UNDER_REVIEW] > 0)
    {
      if (detail->len > 0)
        g_string_append (detail, " · ");
      g_string_append_printf (detail, g_dngettext (GETTEXT_PACKAGE, "%u under review", "%u under review",
                                                   counts[LT_CHANGE_STATE_UNDER_REVIEW]),
                              counts[LT_CHANGE_STATE_UNDER_REVIEW]);
    }
  lt_overview_card_set_detail (self->changes_card, detail->str);
}

static void
update_release_card (LtOverviewPage *self)
{
  LtReleaseCatalog *catalog = lt_context_get_catalog (self->context);
  LtPolicy *policy = lt_context_get_policy (self->context);
  LtRelease *current = lt_release_catalog_get_current (catalog);
  LtRelease *floor = lt_release_catalog_get_floor (catalog, lt_policy_get_supported_preceding (policy));
  g_autofree char *detail = NULL;
  g_autofree char *released = NULL;

  if (current == NULL || floor == NULL)
    {
      lt_overview_card_set_value (self->release_card, _("Unknown"));
      lt_overview_card_set_detail (self->release_card, _("Refresh the release catalog from the portal."));
      return;
    }

  lt_overview_card_set_value (self->release_card, lt_version_to_string (lt_release_get_version (current)));
  released = lt_release_get_released (current) != NULL
             ? lt_ui_format_date_short (lt_release_get_released (current)) : g_strdup ("");
  detail = g_strdup_printf (_("Released %s · versions %s and later are supported"),
                            released, lt_version_to_string (lt_release_get_version (floor)));
  lt_overview_card_set_detail (self->release_card, detail);
}

static void
update_support_card (LtOverviewPage *self,
                     LtAccount      *account)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  g_autofree char *review = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *effective = lt_ui_format_date_short (lt_policy_get_effective_date (policy));
  GDate next, today;

  lt_clock_get_local_today (lt_context_get_clock (self->context), &today);
  lt_rules_next_policy_review_for_policy (policy, &next);
  review = lt_ui_format_date_short (&next);

  if (account != NULL)
    lt_overview_card_set_value (self->support_card,
                                lt_policy_get_tier_name (policy, lt_account_get_tier (account)));
  else
    lt_overview_card_set_value (self->support_card, _("Tier not known yet"));

  if (lt_rules_policy_review_is_overdue_for_policy (policy, &today))
    detail = g_strdup_printf (_("In effect since %s · its review was due on %s; the portal sends the reviewed policy"),
                              effective, review);
  else
    detail = g_strdup_printf (_("In effect since %s · next review %s"), effective, review);

  if (lt_policy_get_sla_is_default (policy))
    {
      g_autofree char *with_sla = g_strdup_printf ("%s\n%s", detail,
                                                   _("Response times: per your contract; defaults"));
      lt_overview_card_set_detail (self->support_card, with_sla);
      return;
    }

  lt_overview_card_set_detail (self->support_card, detail);
}

/* A card is a Tab stop only when it leads somewhere, and its flow box
 * child says what the card says. */
static void
update_card_stops (LtOverviewPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->cards));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      LtOverviewCard *card;
      g_autofree char *label = NULL;

      if (!GTK_IS_FLOW_BOX_CHILD (child))
        continue;
      card = LT_OVERVIEW_CARD (gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child)));
      gtk_widget_set_focusable (child, lt_overview_card_get_page (card) != NULL);
      gtk_widget_set_can_target (child, lt_overview_card_get_page (card) != NULL);
      /* Named whether or not it is a stop: a screen reader's table
       * navigation reaches every cell of the flow box. */
      /* TRANSLATORS: a summary card's spoken name: its title and value */
      label = g_strdup_printf (_("%s: %s"), lt_overview_card_get_title (card), lt_overview_card_get_value (card));
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

void
lt_overview_page_refresh (LtOverviewPage *self)
{
  g_autoptr(LtAccount) account = NULL;
  g_autoptr(GPtrArray) windows = NULL;
  g_autoptr(GDateTime) now = NULL;
  LtTicketSummary summary = { 0, };

  g_return_if_fail (LT_IS_OVERVIEW_PAGE (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->context == NULL)
    return;

  now = lt_clock_dup_now (lt_context_get_clock (self->context));
  account = load_account (self);
  windows = load_windows (self);

  update_header (self, account);
  update_away (self);
  update_attention (self, account, now, &summary);
  update_tickets_card (self, account, &summary);
  lt_ticket_summary_clear (&summary);
  update_maintenance_card (self, windows, now);
  update_changes_card (self);
  update_upgrade_card (self, windows, now);
  update_release_card (self);
  update_support_card (self, account);
  update_card_stops (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  LtOverviewPage *self = user_data;

  self->refresh_source = 0;
  lt_overview_page_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (LtOverviewPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static void
installations_changed_cb (LtOverviewPage *self,
                          guint           position,
                          guint           removed,
                          guint           added,
                          GListModel     *model)
{
  schedule_refresh (self);
}

static void
follow_store (LtOverviewPage *self)
{
  LtStore *store = lt_context_get_store (self->context);
  LtStoreInstallations *installations = lt_context_get_installations (self->context);

  if (store != NULL)
    g_signal_connect_object (store, "changed", G_CALLBACK (schedule_refresh), self,
                             G_CONNECT_SWAPPED);
  if (lt_context_get_notifier (self->context) != NULL)
    g_signal_connect_object (lt_context_get_notifier (self->context), "away-changed",
                             G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  if (lt_context_get_tickets (self->context) != NULL)
    g_signal_connect_object (lt_context_get_tickets (self->context), "notify::loading",
                             G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  if (installations != NULL)
    g_signal_connect_object (installations, "items-changed",
                             G_CALLBACK (installations_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
card_activated_cb (LtOverviewPage *self,
                   GtkFlowBoxChild *child)
{
  LtOverviewCard *card = LT_OVERVIEW_CARD (gtk_flow_box_child_get_child (child));
  const char *page = lt_overview_card_get_page (card);

  /* "Open Tickets" opens exactly those, whatever was searched before. */
  if (card == self->tickets_card)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-tickets", "s", "open");
  else if (page != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.page", "s", page);
}


/* ---- GObject -------------------------------------------------------- */

static void
lt_overview_page_dispose (GObject *object)
{
  LtOverviewPage *self = (LtOverviewPage *) object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_OVERVIEW_PAGE);

  G_OBJECT_CLASS (lt_overview_page_parent_class)->dispose (object);
}

static void
lt_overview_page_finalize (GObject *object)
{
  LtOverviewPage *self = (LtOverviewPage *) object;

  g_strfreev (self->attention_key);
  g_hash_table_unref (self->discarding);

  G_OBJECT_CLASS (lt_overview_page_parent_class)->finalize (object);
}

static void
lt_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LtOverviewPage *self = LT_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ---- Discarding a refused item --------------------------------------- */

typedef struct
{
  GWeakRef   page;
  LtContext *context;
  char      *key;
} Discard;

static void
discard_free (gpointer data)
{
  Discard *discard = data;

  g_weak_ref_clear (&discard->page);
  g_object_unref (discard->context);
  g_free (discard->key);
  g_free (discard);
}

/* The toast went (or the window closed): the item is discarded for good,
 * as `ltsupport outbox discard` does; Undo: it is listed again. */
static void
discard_done (gpointer data,
              gboolean undone)
{
  Discard *discard = data;
  g_autoptr(LtOverviewPage) self = g_weak_ref_get (&discard->page);
  LtOutbox *outbox = lt_context_get_outbox (discard->context);
  g_autoptr(GError) error = NULL;

  if (!undone && outbox != NULL && !lt_outbox_discard (outbox, discard->key, &error) && self != NULL)
    lt_ui_show_error (GTK_WIDGET (self), _("The submission could not be discarded"), error);

  if (self != NULL && g_hash_table_remove (self->discarding, discard->key))
    schedule_refresh (self);
}

/* A refused item is the admin's own until discarded: never sent again
 * unless retried, so GNOME's undo replaces a confirmation. */
static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LtOverviewPage *self = LT_OVERVIEW_PAGE (widget);
  Discard *discard;

  if (self->context == NULL || lt_context_get_outbox (self->context) == NULL)
    return;

  discard = g_new0 (Discard, 1);
  g_weak_ref_init (&discard->page, self);
  discard->context = g_object_ref (self->context);
  discard->key = g_variant_dup_string (parameter, NULL);
  g_hash_table_add (self->discarding, g_strdup (discard->key));
  gtk_widget_grab_focus (GTK_WIDGET (self->attention_list));
  schedule_refresh (self);
  lt_ui_show_undo_toast (widget, _("Refused submission discarded"), discard_done, discard, discard_free);
}

static void
lt_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LtOverviewPage *self = LT_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lt_overview_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_overview_page_class_init (LtOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_overview_page_dispose;
  object_class->finalize = lt_overview_page_finalize;
  object_class->get_property = lt_overview_page_get_property;
  object_class->set_property = lt_overview_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LT_TYPE_OVERVIEW_CARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, customer_label);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, customer_detail_label);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, away_group);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, away_list);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, attention_list);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_away_cb);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, cards);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, tickets_card);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, maintenance_card);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, changes_card);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, upgrade_card);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, release_card);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewPage, support_card);
  gtk_widget_class_bind_template_callback (widget_class, card_activated_cb);

  gtk_widget_class_install_action (widget_class, "overview.discard", "s", discard_action);
}

static void
lt_overview_page_init (LtOverviewPage *self)
{
  self->discarding = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
lt_overview_page_set_context (LtOverviewPage *self,
                              LtContext      *context)
{
  g_return_if_fail (LT_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (LT_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);

  g_signal_connect_object (lt_context_get_clock (context), "tick",
                           G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "outbox-changed",
                           G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify",
                           G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lt_context_get_settings (context), "changed",
                           G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (lt_context_get_catalog (context), "items-changed",
                           G_CALLBACK (schedule_refresh), self, G_CONNECT_SWAPPED);
  follow_store (self);
  g_signal_connect_object (context, "notify::store",
                           G_CALLBACK (follow_store), self, G_CONNECT_SWAPPED);

  lt_overview_page_refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

GStrv
lt_overview_page_dup_attention_titles (LtOverviewPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LT_IS_OVERVIEW_PAGE (self), NULL);

  for (guint i = 0; self->attention_key != NULL && self->attention_key[i] != NULL; i += 2)
    g_strv_builder_add (builder, self->attention_key[i]);

  return g_strv_builder_end (builder);
}
