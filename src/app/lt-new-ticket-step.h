/* lt-new-ticket-step.h: one step of the new-ticket assistant
 *
 * Each step of lt-new-ticket-assistant.c is a widget of its own
 * (lt-new-ticket-*-step.c, each with its template in ui/), the way GNOME
 * Calendar's event editor is made of sections. A step says what keeps
 * the assistant from going on (dup_blocker), how it fills the ticket
 * being filed (fill) and what the Review step lists for it (summarize),
 * and emits ::changed when its blocker may have changed. The assistant
 * keeps only the navigation, and asks the steps shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-actions.h"
#include "lt-context.h"

G_BEGIN_DECLS

/* The ticket as the steps fill it, and what filing needs beyond it
 * (lt_actions_file_ticket()). The options' pointers are borrowed from
 * the fields below or from the steps, which outlive the submit. */
typedef struct
{
  LtTicket            *ticket;       /* owned */
  LtFileTicketOptions  options;
  JsonObject          *criteria;     /* owned, options.feature_criteria */
  GPtrArray           *attachments;  /* owned array, borrowed paths, NULL-terminated */
} LtNewTicketDraft;

void lt_new_ticket_draft_init  (LtNewTicketDraft *draft);
void lt_new_ticket_draft_clear (LtNewTicketDraft *draft);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LtNewTicketDraft, lt_new_ticket_draft_clear)

#define LT_TYPE_NEW_TICKET_STEP (lt_new_ticket_step_get_type ())
G_DECLARE_INTERFACE (LtNewTicketStep, lt_new_ticket_step, LT, NEW_TICKET_STEP, GtkWidget)

struct _LtNewTicketStepInterface
{
  GTypeInterface parent_iface;

  /* Builds what comes from the profile: the policy's categories, the
   * installations, the criteria. Called once, before anything else. */
  void   (*set_context) (LtNewTicketStep  *self,
                         LtContext        *context);
  /* Why the assistant cannot go on from this step, in the words shown to
   * the user, or NULL. */
  char  *(*dup_blocker) (LtNewTicketStep  *self);
  /* Its part of the ticket, on Submit (only the steps shown fill). */
  void   (*fill)        (LtNewTicketStep  *self,
                         LtNewTicketDraft *draft);
  /* Its lines of the Review step's summary
   * (lt_new_ticket_step_add_summary_row()). */
  void   (*summarize)   (LtNewTicketStep  *self,
                         GtkListBox       *summary);
};

void  lt_new_ticket_step_set_context       (LtNewTicketStep  *self,
                                            LtContext        *context);
char *lt_new_ticket_step_dup_blocker       (LtNewTicketStep  *self);
void  lt_new_ticket_step_fill              (LtNewTicketStep  *self,
                                            LtNewTicketDraft *draft);
void  lt_new_ticket_step_summarize         (LtNewTicketStep  *self,
                                            GtkListBox       *summary);
/* Emits ::changed: the step's blocker may be another now. */
void  lt_new_ticket_step_changed           (LtNewTicketStep  *self);

/* A "title: value" row of the summary; an empty value shows as "—". */
void  lt_new_ticket_step_add_summary_row   (GtkListBox       *summary,
                                            const char       *title,
                                            const char       *value);

/* Shared by the steps. */
gboolean lt_new_ticket_step_is_blank       (const char       *text);
void     lt_new_ticket_step_clear_list     (GtkListBox       *list);

G_END_DECLS
