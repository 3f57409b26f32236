/* lt-new-ticket-assistant.c
 *
 * The steps are widgets of their own (lt-new-ticket-*-step.c, the
 * LtNewTicketStep interface); the assistant keeps the navigation and no
 * verdict of its own. validate() asks the current step what blocks it
 * (shown as the Next button's tooltip and, on the last step, in place),
 * and the Next action is enabled exactly when nothing does; Submit has
 * each step shown fill its part of the ticket.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-new-ticket-assistant"

#include "config.h"

#include "lt-new-ticket-assistant.h"
#include "lt-new-ticket-assistant-private.h"

#include "lt-actions.h"
#include "lt-new-ticket-category-step.h"
#include "lt-new-ticket-criteria-step.h"
#include "lt-new-ticket-details-step.h"
#include "lt-new-ticket-installation-step.h"
#include "lt-new-ticket-review-step.h"
#include "lt-new-ticket-severity-step.h"
#include "lt-shortcuts.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtNewTicketAssistant
{
  AdwWindow                    parent_instance;

  /* Template widgets */
  AdwToastOverlay             *toast_overlay;
  AdwWindowTitle              *window_title;
  GtkButton                   *back_button;
  GtkButton                   *next_button;
  GtkProgressBar              *step_progress;
  GtkStack                    *stack;
  LtNewTicketSeverityStep     *severity_step;
  LtNewTicketCategoryStep     *category_step;
  LtNewTicketInstallationStep *installation_step;
  LtNewTicketCriteriaStep     *criteria_step;
  LtNewTicketDetailsStep      *details_step;
  LtNewTicketReviewStep       *review_step;

  /* Owned */
  LtContext                   *context;
  char                        *filed_key;
  char                        *blocker;
  guint                        step;            /* index into the visible steps */
};

G_DEFINE_FINAL_TYPE (LtNewTicketAssistant, lt_new_ticket_assistant, ADW_TYPE_WINDOW)

static const char * const all_steps[] = {
  "severity", "category", "installation", "criteria", "details", "review",
};

static void validate (LtNewTicketAssistant *self);

/* ---- Steps ------------------------------------------------------------ */

static gboolean
is_feature (LtNewTicketAssistant *self)
{
  return lt_new_ticket_severity_step_is_feature (self->severity_step);
}

/* The steps this ticket goes through: criteria only for a feature
 * request. */
static GPtrArray *
visible_steps (LtNewTicketAssistant *self)
{
  GPtrArray *steps = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (all_steps); i++)
    if (!g_str_equal (all_steps[i], "criteria") || is_feature (self))
      g_ptr_array_add (steps, (gpointer) all_steps[i]);

  return steps;
}

static const char *
current_step (LtNewTicketAssistant *self)
{
  g_autoptr(GPtrArray) steps = visible_steps (self);

  return g_ptr_array_index (steps, MIN (self->step, steps->len - 1));
}

static LtNewTicketStep *
step_widget (LtNewTicketAssistant *self,
             const char           *name)
{
  return LT_NEW_TICKET_STEP (gtk_stack_get_child_by_name (self->stack, name));
}

static void
show_step (LtNewTicketAssistant *self)
{
  g_autoptr(GPtrArray) steps = visible_steps (self);
  const char *name;
  GtkStackPage *page;
  g_autofree char *subtitle = NULL;
  gboolean last;

  self->step = MIN (self->step, steps->len - 1);
  name = g_ptr_array_index (steps, self->step);
  last = self->step == steps->len - 1;

  gtk_stack_set_visible_child_name (self->stack, name);
  page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));
  /* TRANSLATORS: the assistant's subtitle, "Step 2 of 5: Category" */
  subtitle = g_strdup_printf (_("Step %u of %u: %s"), self->step + 1, steps->len,
                              gtk_stack_page_get_title (page));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_progress_bar_set_fraction (self->step_progress, (double) (self->step + 1) / steps->len);

  gtk_button_set_label (self->back_button, self->step == 0 ? _("_Cancel") : _("_Back"));
  gtk_button_set_label (self->next_button, last ? _("_Submit") : _("_Next"));

  validate (self);
}

/* The answers decide whether this is a feature request: the criteria
 * step comes and goes with it, and the version may stay blank. */
static void
severity_changed_cb (LtNewTicketAssistant *self)
{
  lt_new_ticket_installation_step_set_version_required (self->installation_step, !is_feature (self));
  show_step (self);
}

/* ---- Validation and navigation --------------------------------------------- */

static void
validate (LtNewTicketAssistant *self)
{
  g_free (self->blocker);
  self->blocker = lt_new_ticket_step_dup_blocker (step_widget (self, current_step (self)));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assistant.next", self->blocker == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), self->blocker);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtNewTicketAssistant *self = LT_NEW_TICKET_ASSISTANT (widget);

  if (self->step == 0)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  self->step--;
  lt_new_ticket_review_step_set_error (self->review_step, NULL);
  show_step (self);
}

static void
submit (LtNewTicketAssistant *self)
{
  g_auto(LtNewTicketDraft) draft = { 0 };
  g_autoptr(GPtrArray) steps = visible_steps (self);
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  g_autoptr(GError) error = NULL;
  LtSyncController *sync = lt_context_get_sync (self->context);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *key = NULL;

  lt_new_ticket_draft_init (&draft);
  /* Only the steps shown fill: criteria only for a feature request. */
  for (guint i = 0; i < steps->len; i++)
    lt_new_ticket_step_fill (step_widget (self, g_ptr_array_index (steps, i)), &draft);

  key = lt_actions_file_ticket (lt_context_get_outbox (self->context), lt_context_get_policy (self->context),
                                draft.ticket, &draft.options, now, &error);
  if (key == NULL)
    {
      lt_new_ticket_review_step_set_error (self->review_step, error->message);
      return;
    }

  self->filed_key = g_steal_pointer (&key);
  if (sync != NULL)
    lt_sync_controller_watch_ticket (sync, self->filed_key);

  if (parent != NULL)
    lt_ui_show_toast (GTK_WIDGET (parent), _("Ticket queued for LockThreat"));
  gtk_window_close (GTK_WINDOW (self));
}

/* The Review step sums up the steps shown before it. */
static void
build_summary (LtNewTicketAssistant *self)
{
  g_autoptr(GPtrArray) steps = visible_steps (self);
  g_autoptr(GPtrArray) before = g_ptr_array_new ();

  for (guint i = 0; i + 1 < steps->len; i++)
    g_ptr_array_add (before, step_widget (self, g_ptr_array_index (steps, i)));
  lt_new_ticket_review_step_summarize_steps (self->review_step, before);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LtNewTicketAssistant *self = LT_NEW_TICKET_ASSISTANT (widget);
  g_autoptr(GPtrArray) steps = visible_steps (self);

  validate (self);
  if (self->blocker != NULL)
    return;

  if (self->step + 1 >= steps->len)
    {
      submit (self);
      return;
    }

  self->step++;
  if (g_str_equal (g_ptr_array_index (steps, self->step), "review"))
    build_summary (self);
  show_step (self);
}

static void
add_file_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lt_new_ticket_details_step_choose_files (LT_NEW_TICKET_ASSISTANT (widget)->details_step);
}

static void
attach_diagnostics_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  lt_new_ticket_details_step_attach_diagnostics (LT_NEW_TICKET_ASSISTANT (widget)->details_step);
}

static void
mask_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  lt_new_ticket_details_step_mask (LT_NEW_TICKET_ASSISTANT (widget)->details_step);
}

/* ---- GObject ----------------------------------------------------------------- */

static void
lt_new_ticket_assistant_dispose (GObject *object)
{
  LtNewTicketAssistant *self = (LtNewTicketAssistant *) object;

  /* A bundle made for a ticket that was not filed is not kept; once
   * filed, the outbox reads its parts when it sends them. */
  if (self->filed_key == NULL && self->details_step != NULL)
    lt_new_ticket_details_step_remove_bundles (self->details_step);

  g_clear_object (&self->context);

  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_NEW_TICKET_ASSISTANT);

  G_OBJECT_CLASS (lt_new_ticket_assistant_parent_class)->dispose (object);
}

static void
lt_new_ticket_assistant_finalize (GObject *object)
{
  LtNewTicketAssistant *self = (LtNewTicketAssistant *) object;

  g_free (self->filed_key);
  g_free (self->blocker);

  G_OBJECT_CLASS (lt_new_ticket_assistant_parent_class)->finalize (object);
}

static void
lt_new_ticket_assistant_class_init (LtNewTicketAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_new_ticket_assistant_dispose;
  object_class->finalize = lt_new_ticket_assistant_finalize;

  g_type_ensure (LT_TYPE_NEW_TICKET_SEVERITY_STEP);
  g_type_ensure (LT_TYPE_NEW_TICKET_CATEGORY_STEP);
  g_type_ensure (LT_TYPE_NEW_TICKET_INSTALLATION_STEP);
  g_type_ensure (LT_TYPE_NEW_TICKET_CRITERIA_STEP);
  g_type_ensure (LT_TYPE_NEW_TICKET_DETAILS_STEP);
  g_type_ensure (LT_TYPE_NEW_TICKET_REVIEW_STEP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-new-ticket-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, step_progress);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, severity_step);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, category_step);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, installation_step);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, criteria_step);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, details_step);
  gtk_widget_class_bind_template_child (widget_class, LtNewTicketAssistant, review_step);

  gtk_widget_class_install_action (widget_class, "assistant.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "assistant.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "assistant.add-file", NULL, add_file_action);
  gtk_widget_class_install_action (widget_class, "assistant.attach-diagnostics", NULL, attach_diagnostics_action);
  gtk_widget_class_install_action (widget_class, "assistant.mask", NULL, mask_action);
}

static void
lt_new_ticket_assistant_init (LtNewTicketAssistant *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Alt+Left, Alt+Right, and Ctrl+Enter from the description box
   * (lt-shortcuts.c). */
  lt_shortcuts_attach (GTK_WIDGET (self), "assistant.back");
  lt_shortcuts_attach (GTK_WIDGET (self), "assistant.next");

  /* "It Worked Before" is asked with the details, and is an answer of
   * the severity questionnaire as well. */
  g_object_bind_property (self->details_step, "break-fix", self->severity_step, "break-fix",
                          G_BINDING_SYNC_CREATE);
}

GtkWidget *
lt_new_ticket_assistant_new (LtContext *context)
{
  LtNewTicketAssistant *self;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);

  self = g_object_new (LT_TYPE_NEW_TICKET_ASSISTANT, NULL);
  self->context = g_object_ref (context);

  for (guint i = 0; i < G_N_ELEMENTS (all_steps); i++)
    {
      LtNewTicketStep *step = step_widget (self, all_steps[i]);

      lt_new_ticket_step_set_context (step, context);
      g_signal_connect_object (step, "changed",
                               step == LT_NEW_TICKET_STEP (self->severity_step)
                               ? G_CALLBACK (severity_changed_cb) : G_CALLBACK (validate),
                               self, G_CONNECT_SWAPPED);
    }
  show_step (self);

  return GTK_WIDGET (self);
}

void
lt_new_ticket_assistant_set_references (LtNewTicketAssistant *self,
                                        const char           *ticket_id)
{
  g_return_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self));

  lt_new_ticket_details_step_set_references (self->details_step, ticket_id);
}

/**
 * lt_new_ticket_assistant_redact_attachment:
 * @self: the assistant
 * @path: an attachment added with lt_new_ticket_assistant_add_attachment()
 *
 * What the attachment's "Redacted Copy" button does.
 */
void
lt_new_ticket_assistant_redact_attachment (LtNewTicketAssistant *self,
                                           const char           *path)
{
  g_return_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self));

  lt_new_ticket_details_step_redact_attachment (self->details_step, path);
}

gboolean
lt_new_ticket_assistant_add_attachment (LtNewTicketAssistant  *self,
                                        const char            *path,
                                        GError               **error)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), FALSE);

  return lt_new_ticket_details_step_add_attachment (self->details_step, path, error);
}

/**
 * lt_new_ticket_assistant_add_bundle:
 * @self: the assistant
 * @parts: (element-type LtBundlePart): a diagnostics bundle's parts
 * @directory: the folder of the profile's `bundles/` that holds them; the
 *   assistant removes it if the bundle is removed or the ticket not filed
 *
 * What Attach in the "Attach Diagnostics…" dialog does for a draft:
 * each part becomes an attachment of the ticket, filed with it.
 */
void
lt_new_ticket_assistant_add_bundle (LtNewTicketAssistant *self,
                                    GPtrArray            *parts,
                                    const char           *directory)
{
  g_return_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self));

  lt_new_ticket_details_step_add_bundle (self->details_step, parts, directory);
}

GtkWidget *
lt_new_ticket_assistant_get_bundle_dialog (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), NULL);

  return lt_new_ticket_details_step_get_bundle_dialog (self->details_step);
}

guint
lt_new_ticket_assistant_get_n_attachments (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), 0);

  return lt_new_ticket_details_step_get_n_attachments (self->details_step);
}

const char *
lt_new_ticket_assistant_get_step (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), NULL);

  return current_step (self);
}

gboolean
lt_new_ticket_assistant_can_continue (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), FALSE);

  return self->blocker == NULL;
}

const char *
lt_new_ticket_assistant_get_blocker (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), NULL);

  return self->blocker;
}

guint
lt_new_ticket_assistant_get_n_findings (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), 0);

  return lt_new_ticket_details_step_get_n_findings (self->details_step);
}

const char *
lt_new_ticket_assistant_get_filed_key (LtNewTicketAssistant *self)
{
  g_return_val_if_fail (LT_IS_NEW_TICKET_ASSISTANT (self), NULL);

  return self->filed_key;
}
