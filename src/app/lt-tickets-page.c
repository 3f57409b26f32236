/* lt-tickets-page.c
 *
 * The ticket table: LtTicketList (store) → LtTicketSlotModel →
 * GtkSingleSelection → GtkColumnView. Searching, the state and severity
 * filters and the sort columns are the list's own, on its compact rows;
 * the view reads only the tickets of the rows it built. Its items are
 * slots, one per position, so a search or a new order keeps every row
 * widget: the page moves the selection to where the selected ticket went
 * itself, and what reads the selected ticket takes the list's own through
 * dup_selected_ticket() (docs/app.md, "Tickets").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-tickets-page"

#include "config.h"

#include "lt-tickets-page.h"
#include "lt-tickets-page-private.h"

#include "lt-error.h"
#include "lt-sla.h"
#include "lt-store-account.h"
#include "lt-ticket-detail.h"
#include "lt-ticket-list.h"
#include "lt-ticket-slot-model.h"
#include "lt-shortcuts.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

struct _LtTicketsPage
{
  AdwBin            parent_instance;

  /* Template widgets */
  GtkSearchEntry   *search_entry;
  GtkWidget        *list_pane;
  GtkBox           *toolbar;
  GtkWidget        *detail_pane;
  GtkLabel         *notice_label;
  GtkDropDown      *state_dropdown;
  GtkDropDown      *severity_dropdown;
  GtkStack         *list_stack;
  GtkColumnView    *ticket_view;
  GtkSingleSelection *selection;
  GtkCustomSorter  *id_sorter;
  GtkCustomSorter  *title_sorter;
  GtkCustomSorter  *severity_sorter;
  GtkCustomSorter  *state_sorter;
  GtkCustomSorter  *opened_sorter;
  GtkCustomSorter  *due_sorter;
  GtkCustomSorter  *sla_sorter;
  GtkCustomSorter  *deadline_sorter;
  GtkColumnViewColumn *severity_column;
  GtkColumnViewColumn *opened_column;
  GtkColumnViewColumn *due_column;
  GtkColumnViewColumn *sla_column;
  GtkColumnViewColumn *deadline_column;
  AdwStatusPage    *empty_page;
  GtkLabel         *count_label;
  LtTicketDetail   *detail;

  /* Borrowed: the AdwBin's child */
  AdwLeaflet       *leaflet;

  /* Owned */
  LtContext        *context;
  LtTicketSlotModel *slots;       /* what the view shows */
  GHashTable       *cells;        /* GtkListItem → Cell, bound now */
  /* Cells whose slot changed during the list's change now under way,
   * updated once each at its end. */
  GHashTable       *pending;
  /* Cells of rows out of view whose slot changed, or whose slot was left
   * with an earlier ticket's values: brought up to date in the layout of
   * any frame that shows them, before it is painted, or once typing
   * pauses. */
  GHashTable       *stale;
  /* Slot → the GPtrArray of its bound cells: which row shows a slot. */
  GHashTable       *slot_cells;
  /* A slot is taking the ticket it was left without: its cells are in
   * stale already. */
  gboolean          refreshing_slot;
  guint             stale_source;
  GdkFrameClock    *frame_clock;     /* the view's, while mapped */
  gulong            layout_id;
  /* The ticket the detail shows, followed when a change (a reopen) takes
   * it out of the filter in force. */
  LtTicket         *followed;
  guint             follow_source;
  guint             layout_source;
  /* The detail holds the ticket a search selected until typing pauses
   * (lt_ticket_detail_hold_ticket()): the pause is timed from the frame
   * that shows the keystroke's list, so the detail never shares it. */
  guint             detail_source;
  guint             detail_tick;
  /* The search being applied is the entry's own report: the user typed. */
  gboolean          typing;
  int               laid_out_width;   /* of the list, columns chosen for it */
  /* A search or filter the user asked for is being applied: the
   * selection may go, nothing is followed. */
  gboolean          refiltering;
  gboolean          tier_known;
  LtTier            tier;
  /* Set by the column sorters while the header's sort is read. */
  LtTicketListSort  probed_sort;
  /* The selection is being moved to where a re-sorted ticket went: the
   * detail keeps showing it. */
  gboolean          moving_selection;
};

G_DEFINE_FINAL_TYPE (LtTicketsPage, lt_tickets_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Below this width the search entry and the filters stack. */
#define TOOLBAR_STACK_WIDTH 560

/* The columns' cells. */
typedef enum
{
  CELL_ID = 1,
  CELL_TITLE,
  CELL_SEVERITY,
  CELL_STATE,
  CELL_OPENED,
  CELL_DUE,
  CELL_SLA,
  CELL_DEADLINE,
} CellKind;

/* A bound cell: what it shows, and its watch on the ticket. */
typedef struct
{
  LtTicketsPage *page;
  GtkListItem   *item;
  LtTicket      *ticket;     /* borrowed: the item holds it */
  CellKind       kind;
  gulong         notify_id;
} Cell;

/* The state filter's entries, in the dropdown's order. */
static const guint state_masks[] = {
  0,
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_SUBMITTED) |
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_TRIAGED) |
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_IN_PROGRESS) |
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_AWAITING_CUSTOMER) |
  /* Open as core says (lt_lifecycle_state_is_open()), so "Open" lists
   * what the Overview counts as open. */
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_RESOLVED) |
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_REOPENED),
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_AWAITING_CUSTOMER),
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_RESOLVED),
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_CLOSED),
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_DRAFT) |
  LT_TICKET_LIST_STATE_BIT (LT_TICKET_STATE_QUEUED),
  0,   /* Needs You: the list's work filter */
  0,   /* Closing Soon: likewise */
  0,   /* Response Time Due: likewise */
};

/* The work list of each entry of the state filter. */
static LtTicketListWork
filter_work (guint selected)
{
  switch (selected)
    {
    case LT_TICKETS_FILTER_NEEDS_YOU:
      return LT_TICKET_LIST_WORK_NEEDS_YOU;
    case LT_TICKETS_FILTER_CLOSING_SOON:
      return LT_TICKET_LIST_WORK_CLOSING_SOON;
    case LT_TICKETS_FILTER_RESPONSE_TIME:
      return LT_TICKET_LIST_WORK_RESPONSE_TIME;
    default:
      return LT_TICKET_LIST_WORK_ALL;
    }
}

static const guint severity_masks[] = {
  0,
  LT_TICKET_LIST_SEVERITY_BIT (LT_SEVERITY_S1),
  LT_TICKET_LIST_SEVERITY_BIT (LT_SEVERITY_S2),
  LT_TICKET_LIST_SEVERITY_BIT (LT_SEVERITY_S3),
  LT_TICKET_LIST_SEVERITY_BIT (LT_SEVERITY_FEATURE),
};

/* ---- Live columns: response due and SLA ----------------------------- */

static GDateTime *
dup_due (LtTicketsPage *self,
         LtTicket      *ticket)
{
  GDateTime *portal_due;

  if (self->tier_known)
    return lt_ticket_dup_response_due (ticket, lt_context_get_policy (self->context), self->tier);

  /* Without the tier only the portal's own due time is known. */
  portal_due = lt_ticket_get_response_due (ticket);
  return portal_due != NULL ? g_date_time_ref (portal_due) : NULL;
}

static LtSlaState
get_sla (LtTicketsPage *self,
         LtTicket      *ticket,
         GDateTime     *now)
{
  if (!self->tier_known)
    return LT_SLA_STATE_NONE;

  return lt_ticket_get_sla_state (ticket, lt_context_get_policy (self->context), self->tier, now);
}

static void
update_due_cell (LtTicketsPage *self,
                 GtkListItem   *item,
                 GDateTime     *now)
{
  LtTicket *ticket = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *text = NULL;

  if (ticket == NULL)
    return;

  due = dup_due (self, ticket);
  if (due == NULL)
    {
      gtk_label_set_text (GTK_LABEL (label), "—");
      return;
    }

  if (lt_ticket_get_first_response_at (ticket) != NULL)
    {
      text = lt_ui_format_instant_short (due, now);
    }
  else
    {
      gint64 remaining = lt_sla_remaining_seconds (lt_policy_get_calendar (lt_context_get_policy (self->context)),
                                                   due, now);
      text = lt_ui_format_business_deadline (remaining, due, now);
    }

  gtk_label_set_text (GTK_LABEL (label), text);
}

/* The full due time, asked for when the pointer rests on the cell: setting
 * a tooltip text on each bind makes GTK 4.8 ask the display server where
 * the pointer is, a round trip per cell. */
static gboolean
due_query_tooltip_cb (GtkWidget   *label,
                      int          x,
                      int          y,
                      gboolean     keyboard,
                      GtkTooltip  *tooltip,
                      GtkListItem *item)
{
  LtTicketsPage *self = LT_TICKETS_PAGE (gtk_widget_get_ancestor (label, LT_TYPE_TICKETS_PAGE));
  LtTicket *ticket = gtk_list_item_get_item (item);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *when = NULL;

  if (self == NULL || ticket == NULL)
    return FALSE;
  due = dup_due (self, ticket);
  if (due == NULL)
    return FALSE;

  when = lt_ui_format_instant_full (due, lt_policy_get_calendar (lt_context_get_policy (self->context)));
  gtk_tooltip_set_text (tooltip, when);
  return TRUE;
}

static void
update_sla_cell (LtTicketsPage *self,
                 GtkListItem   *item,
                 GDateTime     *now)
{
  LtTicket *ticket = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  LtSlaState state;

  if (ticket == NULL)
    return;

  state = get_sla (self, ticket, now);
  gtk_label_set_text (GTK_LABEL (label), state == LT_SLA_STATE_NONE ? "—" : lt_sla_state_get_label (state));
  lt_ui_set_style_class (label, lt_ui_badge_classes,
                         state == LT_SLA_STATE_NONE ? NULL : lt_ui_sla_state_style_class (state));
  if (state == LT_SLA_STATE_NONE)
    gtk_widget_remove_css_class (label, "badge");
  else
    gtk_widget_add_css_class (label, "badge");
}

/* The auto-close column's text: auto-close (awaiting you, resolved) or
 * "Reopen by …" (closed), core's deadlines; @label_out: what it is, for
 * the row's and the cell's accessible names. */
static char *
dup_deadline_text (LtTicketsPage *self,
                   LtTicket      *ticket,
                   GDateTime     *now,
                   const char   **label_out)
{
  LtPolicy *policy = lt_context_get_policy (self->context);
  g_autoptr(GDateTime) due = NULL;

  *label_out = NULL;
  if (lt_ticket_get_state (ticket) == LT_TICKET_STATE_CLOSED)
    {
      due = lt_ticket_dup_reopen_until (ticket, policy);
      if (due == NULL || !lt_lifecycle_can_reopen (due, now))
        return NULL;
      /* TRANSLATORS: the auto-close column of a closed ticket */
      *label_out = _("Reopen until");
      {
        g_autofree char *when = lt_ui_format_instant_short (due, now);

        /* TRANSLATORS: a closed ticket's reopen deadline in the list */
        return g_strdup_printf (_("Reopen by %s"), when);
      }
    }
  else
    {
      due = lt_ticket_dup_auto_close_due (ticket, policy, NULL);
      if (due == NULL)
        return NULL;
      *label_out = _("Auto-close");
    }
  return lt_ui_format_instant_short (due, now);
}

static void
update_deadline_cell (LtTicketsPage *self,
                      GtkListItem   *item,
                      GDateTime     *now)
{
  LtTicket *ticket = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *what = NULL;
  g_autofree char *text = NULL;

  if (ticket == NULL)
    return;

  text = dup_deadline_text (self, ticket, now, &what);
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "—");
}

/* What a row says, for a screen reader: GTK 4.8 names a column view row
 * by its type ("GtkListItemWidget"), so the row widget is given a name
 * from its ticket: "LT-000208, Backup fails, severity S2, Awaiting You,
 * SLA met". */
static char *
dup_row_name (LtTicketsPage *self,
              LtTicket      *ticket,
              GDateTime     *now)
{
  GString *name = g_string_new (lt_ticket_get_id (ticket) != NULL ? lt_ticket_get_id (ticket) : _("Not sent"));
  LtSlaState sla = get_sla (self, ticket, now);
  const char *what = NULL;
  g_autofree char *deadline = dup_deadline_text (self, ticket, now, &what);

  g_string_append_printf (name, ", %s", lt_ticket_get_title (ticket) != NULL ? lt_ticket_get_title (ticket) : "");
  /* TRANSLATORS: part of a ticket row's spoken name: "severity S2" */
  g_string_append_printf (name, _(", severity %s"), lt_severity_get_label (lt_ticket_get_severity (ticket)));
  g_string_append_printf (name, ", %s", lt_ticket_state_get_label (lt_ticket_get_state (ticket)));
  if (sla != LT_SLA_STATE_NONE)
    /* TRANSLATORS: part of a ticket row's spoken name: "SLA met" */
    g_string_append_printf (name, _(", SLA %s"), lt_sla_state_get_label (sla));
  /* The cell's words: a closed ticket's already say what they are. */
  if (deadline != NULL && lt_ticket_get_state (ticket) == LT_TICKET_STATE_CLOSED)
    g_string_append_printf (name, ", %s", deadline);
  else if (deadline != NULL)
    g_string_append_printf (name, ", %s %s", what, deadline);
  return g_string_free (name, FALSE);
}

/* The column view's row widget holding @item's cell: the cell widget's
 * parent (GTK 4.8: GtkColumnViewCell in a GtkListItemWidget row). */
static GtkWidget *
get_row_widget (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  GtkWidget *cell = child != NULL ? gtk_widget_get_parent (child) : NULL;

  return cell != NULL ? gtk_widget_get_parent (cell) : NULL;
}

static const char *
cell_column_title (CellKind kind)
{
  switch (kind)
    {
    case CELL_ID:
      return _("ID");
    case CELL_TITLE:
      return _("Title");
    case CELL_SEVERITY:
      return _("Severity");
    case CELL_STATE:
      return _("State");
    case CELL_OPENED:
      return _("Opened");
    case CELL_DUE:
      return _("Response Due");
    case CELL_SLA:
      return _("SLA");
    case CELL_DEADLINE:
    default:
      return _("Auto-Close");
    }
}

/* Each cell says its column ("State: Awaiting You"), which GTK 4.8 does
 * not tie to the header; the ID cell also names the row. */
static void
update_accessible (LtTicketsPage *self,
                   GtkListItem   *item,
                   CellKind       kind,
                   GDateTime     *now)
{
  LtTicket *ticket = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  GtkWidget *cell = label != NULL ? gtk_widget_get_parent (label) : NULL;
  g_autofree char *cell_name = NULL;

  if (ticket == NULL || label == NULL)
    return;

  /* TRANSLATORS: a cell's spoken name: column title, then its value */
  cell_name = g_strdup_printf (_("%s: %s"), cell_column_title (kind), gtk_label_get_text (GTK_LABEL (label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, cell_name, -1);
  if (cell != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, cell_name, -1);

  if (kind == CELL_ID)
    {
      GtkWidget *row = get_row_widget (item);
      g_autofree char *row_name = dup_row_name (self, ticket, now);

      if (row != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, row_name, -1);
    }
}

static void
update_cell (LtTicketsPage *self,
             GtkListItem   *item,
             CellKind       kind,
             GDateTime     *now)
{
  LtTicket *ticket = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));

  if (ticket == NULL)
    return;

  switch (kind)
    {
    case CELL_ID:
      gtk_label_set_text (label, lt_ticket_get_id (ticket) != NULL ? lt_ticket_get_id (ticket) : _("Not sent"));
      break;
    case CELL_TITLE:
      gtk_label_set_text (label, lt_ticket_get_title (ticket) != NULL ? lt_ticket_get_title (ticket) : "");
      break;
    case CELL_SEVERITY:
      {
        const char *classes[] = { "badge", lt_ui_severity_style_class (lt_ticket_get_severity (ticket)), NULL };

        gtk_label_set_text (label, lt_severity_get_label (lt_ticket_get_severity (ticket)));
        gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
      }
      break;
    case CELL_STATE:
      gtk_label_set_text (label, lt_ticket_state_get_label (lt_ticket_get_state (ticket)));
      break;
    case CELL_OPENED:
      {
        GDateTime *opened = lt_ticket_get_opened_at (ticket);
        g_autofree char *text = opened != NULL ? lt_ui_format_instant_short (opened, now) : g_strdup ("—");

        gtk_label_set_text (label, text);
      }
      break;
    case CELL_DUE:
      update_due_cell (self, item, now);
      break;
    case CELL_SLA:
      update_sla_cell (self, item, now);
      break;
    case CELL_DEADLINE:
      update_deadline_cell (self, item, now);
      break;
    default:
      g_assert_not_reached ();
    }
  update_accessible (self, item, kind, now);
}

/* Cells follow their slot: GTK keeps a row's widgets while the slot
 * takes another ticket's values (a search, an order, a sync), and the
 * cells redraw themselves. A slot notifies each property that changed:
 * the cell is updated once, when the list's change is over
 * (list_changed_cb()). */
static void
cell_ticket_notify_cb (LtTicket   *ticket,
                       GParamSpec *pspec,
                       Cell       *cell)
{
  if (!cell->page->refreshing_slot)
    g_hash_table_add (cell->page->pending, cell);
}

/* Whether @row shows in the scrolled window now: GTK 4.8 keeps ~200 rows
 * built, of which a window shows a few dozen, and gives those out of view
 * a one-pixel sliver at the top of the list rather than their place. The
 * sliver is told by the row's own height, before its bounds are computed
 * (a walk up the widget tree): the check runs for every waiting row in
 * each frame's layout, and most of them are slivers. */
static gboolean
row_in_view (LtTicketsPage *self,
             GtkWidget     *row)
{
  GtkWidget *view = GTK_WIDGET (self->ticket_view);
  graphene_rect_t bounds;

  if (row == NULL || gtk_widget_get_height (row) <= 1 || !gtk_widget_compute_bounds (row, view, &bounds))
    return FALSE;
  return bounds.size.height > 1 && bounds.origin.y + bounds.size.height > 0 &&
         bounds.origin.y < gtk_widget_get_height (view);
}

/* A change of the list leaves the slots of rows out of view as they
 * were: reading each one's new ticket and copying it cost a third of a
 * keystroke's handling, for rows nobody sees. Their cells wait in stale,
 * and the slot takes its ticket (refresh_cell()) when they are updated:
 * in the layout of the first frame that shows the row (layout_cb()), or
 * once typing pauses. */
static gboolean
defer_slot_cb (LtTicket *slot,
               gpointer  user_data)
{
  LtTicketsPage *self = user_data;
  GPtrArray *cells = g_hash_table_lookup (self->slot_cells, slot);
  Cell *first;

  if (cells == NULL || cells->len == 0 || self->frame_clock == NULL)
    return FALSE;
  first = g_ptr_array_index (cells, 0);
  if (row_in_view (self, get_row_widget (first->item)))
    return FALSE;
  for (guint i = 0; i < cells->len; i++)
    {
      Cell *cell = g_ptr_array_index (cells, i);

      g_hash_table_remove (self->pending, cell);
      g_hash_table_add (self->stale, cell);
    }
  return TRUE;
}

static void
refresh_cell (LtTicketsPage *self,
              Cell          *cell,
              GDateTime     *now)
{
  self->refreshing_slot = TRUE;
  lt_ticket_slot_model_refresh (self->slots, gtk_list_item_get_position (cell->item));
  self->refreshing_slot = FALSE;
  update_cell (self, cell->item, cell->kind, now);
}

/* A few rows at a time, so that a keystroke never waits for more. */
#define STALE_CELLS_PER_TURN 64

static gboolean
update_stale_cells_cb (gpointer user_data)
{
  LtTicketsPage *self = user_data;
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  GHashTableIter iter;
  Cell *cell;
  guint done = 0;

  g_hash_table_iter_init (&iter, self->stale);
  while (done < STALE_CELLS_PER_TURN && g_hash_table_iter_next (&iter, (gpointer *) &cell, NULL))
    {
      refresh_cell (self, cell, now);
      g_hash_table_iter_remove (&iter);
      done++;
    }
  if (g_hash_table_size (self->stale) > 0)
    return G_SOURCE_CONTINUE;
  self->stale_source = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
start_stale_cells_cb (gpointer user_data)
{
  LtTicketsPage *self = user_data;

  self->stale_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_stale_cells_cb,
                                        g_object_ref (self), g_object_unref);
  return G_SOURCE_REMOVE;
}

/* Typing pauses this long before the rows out of view are updated, and
 * before the detail shows the ticket a search selected. */
#define TYPING_PAUSE_MS 150

/* Updates the cells of @cells whose row is in view (all of them while
 * the list is not on screen) and takes them out of @cells; the others
 * stay, or move to @rest. */
static void
update_cells_in_view (LtTicketsPage *self,
                      GHashTable    *cells,
                      GHashTable    *rest)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GHashTable) rows_in_view = NULL;
  gboolean mapped = gtk_widget_get_mapped (GTK_WIDGET (self->ticket_view));
  GHashTableIter iter;
  Cell *cell;

  if (g_hash_table_size (cells) == 0)
    return;

  now = lt_clock_dup_now (lt_context_get_clock (self->context));
  /* Row → whether in view, each row's bounds computed once for its eight
   * cells (this runs in every frame's layout while some wait). */
  rows_in_view = g_hash_table_new (NULL, NULL);
  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, (gpointer *) &cell, NULL))
    {
      GtkWidget *row = get_row_widget (cell->item);
      gpointer known;
      gboolean in_view;

      if (!mapped)
        in_view = TRUE;
      else if (g_hash_table_lookup_extended (rows_in_view, row, NULL, &known))
        in_view = GPOINTER_TO_INT (known);
      else
        {
          in_view = row_in_view (self, row);
          g_hash_table_insert (rows_in_view, row, GINT_TO_POINTER (in_view));
        }

      if (!in_view && rest == NULL)
        continue;
      if (in_view)
        {
          if (cells != self->stale)
            g_hash_table_remove (self->stale, cell);
          refresh_cell (self, cell, now);
        }
      else
        {
          g_hash_table_add (rest, cell);
        }
      g_hash_table_iter_remove (&iter);
    }
}

/* The cells of rows in view are updated now; those of the other rows
 * GTK keeps built (most of them) once typing pauses or when they come
 * into view: changing a label's text costs its measuring and shaping in
 * the next frame, and a keystroke would pay it for ~1,600 cells. */
static void
update_pending_cells (LtTicketsPage *self)
{
  update_cells_in_view (self, self->pending, self->stale);
  if (g_hash_table_size (self->stale) > 0)
    {
      g_clear_handle_id (&self->stale_source, g_source_remove);
      self->stale_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, TYPING_PAUSE_MS,
                                               start_stale_cells_cb, g_object_ref (self), g_object_unref);
    }
}

/* Run after GTK's own layout of every frame while the view is mapped:
 * the rows have their places for this frame then, whatever brought them
 * into view (a scroll, the page shown, a shorter list, a work list changed
 * in the same turn as the page was shown). A stale row in view takes its
 * ticket here, before the frame is painted; its labels queue a resize,
 * and the frame clock lays out again before it paints. */
static void
layout_cb (GdkFrameClock *clock,
           LtTicketsPage *self)
{
  update_cells_in_view (self, self->pending, self->stale);
  update_cells_in_view (self, self->stale, NULL);
}

static void
view_mapped_cb (LtTicketsPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->ticket_view));

  if (self->frame_clock == clock)
    return;
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->layout_id, self->frame_clock);
  g_set_object (&self->frame_clock, clock);
  if (clock != NULL)
    self->layout_id = g_signal_connect_after (clock, "layout", G_CALLBACK (layout_cb), self);
}

/* Unmapped, a view has no rows in view: a change takes every ticket at
 * once (defer_slot_cb()), and what waits is updated when it shows. */
static void
view_unmapped_cb (LtTicketsPage *self)
{
  if (self->frame_clock != NULL)
    g_clear_signal_handler (&self->layout_id, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

static void
free_cell (Cell *cell)
{
  GPtrArray *row_cells = cell->ticket != NULL ? g_hash_table_lookup (cell->page->slot_cells, cell->ticket) : NULL;

  if (row_cells != NULL)
    {
      g_ptr_array_remove_fast (row_cells, cell);
      if (row_cells->len == 0)
        g_hash_table_remove (cell->page->slot_cells, cell->ticket);
    }
  g_hash_table_remove (cell->page->pending, cell);
  g_hash_table_remove (cell->page->stale, cell);
  g_clear_signal_handler (&cell->notify_id, cell->ticket);
  g_free (cell);
}

static GtkLabel *
label_setup (GtkListItem *item,
             gboolean     numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_halign (label, GTK_ALIGN_START);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
  return GTK_LABEL (label);
}

/* Plain labels made in C rather than GtkBuilderListItemFactory templates:
 * a template is parsed again for every cell GTK makes, and a new search
 * or order makes every row on screen anew. */
static void
numeric_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LtTicketsPage            *self)
{
  label_setup (item, TRUE);
}

static void
text_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LtTicketsPage            *self)
{
  label_setup (item, FALSE);
}

static void
title_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                LtTicketsPage            *self)
{
  GtkLabel *label = label_setup (item, FALSE);

  gtk_widget_set_halign (GTK_WIDGET (label), GTK_ALIGN_FILL);
  gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (label, 16);
}

static void
due_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LtTicketsPage            *self)
{
  GtkLabel *label = label_setup (item, TRUE);

  gtk_widget_set_has_tooltip (GTK_WIDGET (label), TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (due_query_tooltip_cb), item);
}

static void
bind_cell (LtTicketsPage *self,
           GtkListItem   *item,
           CellKind       kind)
{
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  Cell *cell = g_new0 (Cell, 1);

  cell->page = self;
  cell->item = item;
  cell->ticket = gtk_list_item_get_item (item);
  cell->kind = kind;
  g_hash_table_replace (self->cells, item, cell);
  if (cell->ticket != NULL)
    {
      GPtrArray *row_cells = g_hash_table_lookup (self->slot_cells, cell->ticket);

      cell->notify_id = g_signal_connect (cell->ticket, "notify", G_CALLBACK (cell_ticket_notify_cb), cell);
      if (row_cells == NULL)
        {
          row_cells = g_ptr_array_new ();
          g_hash_table_insert (self->slot_cells, cell->ticket, row_cells);
        }
      g_ptr_array_add (row_cells, cell);
      /* GTK may bind a row again to the slot it holds, without asking the
       * model: a slot left with an earlier ticket's values takes its own
       * now (its other cells bound already hear it, in pending). */
      lt_ticket_slot_model_refresh (self->slots, gtk_list_item_get_position (item));
    }

  update_cell (self, item, kind, now);
}

static void
id_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            LtTicketsPage            *self)
{
  bind_cell (self, item, CELL_ID);
}

static void
title_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LtTicketsPage            *self)
{
  bind_cell (self, item, CELL_TITLE);
}

static void
severity_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LtTicketsPage            *self)
{
  bind_cell (self, item, CELL_SEVERITY);
}

static void
state_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LtTicketsPage            *self)
{
  bind_cell (self, item, CELL_STATE);
}

/* "This year" is the application clock's year. */
static void
opened_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                LtTicketsPage            *self)
{
  bind_cell (self, item, CELL_OPENED);
}

static void
due_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             LtTicketsPage            *self)
{
  bind_cell (self, item, CELL_DUE);
}

static void
sla_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             LtTicketsPage            *self)
{
  bind_cell (self, item, CELL_SLA);
}

static void
deadline_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LtTicketsPage            *self)
{
  bind_cell (self, item, CELL_DEADLINE);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           LtTicketsPage            *self)
{
  g_hash_table_remove (self->cells, item);
}

static LtTicketList *get_list (LtTicketsPage *self);
static void selection_changed_cb (LtTicketsPage *self);
static void keep_selection (LtTicketsPage *self,
                            void         (*apply) (LtTicketsPage *self,
                                                   LtTicketList  *list));

static void
apply_now (LtTicketsPage *self,
           LtTicketList  *list)
{
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));

  lt_ticket_list_set_now (list, now);
}

/* Only the rows GTK built are bound (about 200 in GTK 4.8), so a tick
 * costs that many rule calls whatever the number of tickets. */
static void
tick_cb (LtTicketsPage *self)
{
  g_autoptr(GDateTime) now = lt_clock_dup_now (lt_context_get_clock (self->context));
  LtTicketList *list;
  GHashTableIter iter;
  Cell *cell;

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cell))
    if (cell->kind == CELL_DUE || cell->kind == CELL_SLA || cell->kind == CELL_DEADLINE ||
        cell->kind == CELL_ID)
      update_cell (self, cell->item, cell->kind, now);

  /* SLA states move with the clock, and so may an order by them; the
   * list judges them on its compact rows. */
  list = get_list (self);
  if (list != NULL && lt_ticket_list_get_sort (list, NULL) == LT_TICKET_LIST_SORT_SLA)
    keep_selection (self, apply_now);
  else if (list != NULL)
    apply_now (self, list);
}

/* ---- Sort columns ---------------------------------------------------- */

/* GTK 4.8 does not say which column the header sorts by (the
 * GtkColumnViewSorter getters are 4.10). Each column's sorter is a
 * GtkCustomSorter that, asked to compare two probe objects, names its
 * column and answers "less"; the column view's sorter asks the primary
 * column first and reverses the answer when it sorts descending. */
static int
probe_sort_cb (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  /* Only read_sort_column() compares with these sorters; anything else
   * (a GtkSortListModel given the view's sorter) learns nothing. */
  if (!LT_IS_TICKETS_PAGE ((gpointer) a))
    return 0;

  LT_TICKETS_PAGE ((gpointer) a)->probed_sort = GPOINTER_TO_INT (user_data);
  return -1;
}

static LtTicketListSort
read_sort_column (LtTicketsPage *self,
                  gboolean      *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->ticket_view);
  GtkOrdering order;

  self->probed_sort = LT_TICKET_LIST_SORT_DEFAULT;
  order = gtk_sorter_compare (sorter, self, self->ticket_view);
  *descending = order == GTK_ORDERING_LARGER;
  return order == GTK_ORDERING_EQUAL ? LT_TICKET_LIST_SORT_DEFAULT : self->probed_sort;
}

static void
apply_sort (LtTicketsPage *self,
            LtTicketList  *list)
{
  gboolean descending = FALSE;
  LtTicketListSort sort = read_sort_column (self, &descending);

  lt_ticket_list_set_sort (list, sort, descending);
}

static void
sort_changed_cb (LtTicketsPage *self)
{
  if (get_list (self) != NULL)
    keep_selection (self, apply_sort);
}

static void
set_probe (GtkCustomSorter  *sorter,
           LtTicketListSort  sort)
{
  gtk_custom_sorter_set_sort_func (sorter, probe_sort_cb, GINT_TO_POINTER (sort), NULL);
}

/* ---- Filters, selection, counts ------------------------------------- */

static LtTicketList *
get_list (LtTicketsPage *self)
{
  return self->context != NULL ? lt_context_get_tickets (self->context) : NULL;
}

static gboolean
filters_active (LtTicketsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return (text != NULL && *text != '\0') ||
         gtk_drop_down_get_selected (self->state_dropdown) != 0 ||
         gtk_drop_down_get_selected (self->severity_dropdown) != 0;
}

static void
count_changed_cb (LtTicketsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autofree char *text = NULL;

  if (get_list (self) == NULL)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u ticket", "%u tickets", n), n);
  gtk_label_set_text (self->count_label, text);

  /* The detail pane only makes sense beside tickets. */
  gtk_widget_set_visible (GTK_WIDGET (self->detail), n > 0);

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (lt_ticket_list_get_loading (get_list (self)))
    {
      /* The window comes first, the 100,000 rows a moment later. */
      adw_status_page_set_title (self->empty_page, _("Reading Tickets…"));
      adw_status_page_set_description (self->empty_page, _("Reading the tickets saved on this computer…"));
      gtk_label_set_text (self->count_label, "");
    }
  else if (lt_ticket_list_get_load_error (get_list (self)) != NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Tickets Unavailable"));
      adw_status_page_set_description (self->empty_page,
                                       lt_ticket_list_get_load_error (get_list (self))->message);
    }
  else if (filters_active (self))
    {
      adw_status_page_set_title (self->empty_page, _("No Matching Tickets"));
      adw_status_page_set_description (self->empty_page, _("Try another search or filter."));
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Tickets Yet"));
      adw_status_page_set_description (self->empty_page,
                                       _("Tickets you file, and those LockThreat has for your account, appear here once they are synced."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

/* The list's own ticket at the selected position (the selection's item
 * is that position's slot): the one the detail shows and acts on. */
static LtTicket *
dup_selected_ticket (LtTicketsPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (self->slots == NULL || position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return lt_ticket_slot_model_dup_ticket (self->slots, position);
}

/* The selection is by position, and a slot stays where it is whatever
 * ticket it shows: after a change the page selects @ticket where the
 * list, on its compact rows, says it went. %FALSE when it is not shown
 * any more (nothing is selected then). */
static gboolean
select_ticket (LtTicketsPage *self,
               LtTicket      *ticket)
{
  LtTicketList *list = get_list (self);
  g_autoptr(LtTicket) at_selection = dup_selected_ticket (self);
  guint position = GTK_INVALID_LIST_POSITION;
  gboolean found;

  /* Where it was (a keystroke that hid nothing): no search over the rows. */
  if (ticket != NULL && at_selection == ticket)
    return TRUE;

  found = list != NULL && ticket != NULL && lt_ticket_list_find_ticket (list, ticket, &position);

  gtk_single_selection_set_selected (self->selection, found ? position : GTK_INVALID_LIST_POSITION);
  return found;
}

/* A new order: the selected ticket stays selected where it went, and the
 * detail keeps showing it. */
static void
keep_selection (LtTicketsPage *self,
                void         (*apply) (LtTicketsPage *self,
                                       LtTicketList  *list))
{
  LtTicketList *list = get_list (self);
  g_autoptr(LtTicket) selected = dup_selected_ticket (self);
  g_autoptr(LtTicket) now_selected = NULL;

  self->moving_selection = TRUE;
  apply (self, list);
  if (selected != NULL)
    select_ticket (self, selected);
  self->moving_selection = FALSE;

  now_selected = dup_selected_ticket (self);
  if (now_selected != selected)
    lt_ticket_detail_set_ticket (self->detail, now_selected);
}

static void
stop_waiting_for_pause (LtTicketsPage *self)
{
  g_clear_handle_id (&self->detail_source, g_source_remove);
  if (self->detail_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->detail_tick);
  self->detail_tick = 0;
}

static void
show_held_ticket (LtTicketsPage *self)
{
  stop_waiting_for_pause (self);
  lt_ticket_detail_show_held (self->detail);
}

static gboolean
typing_paused_cb (gpointer user_data)
{
  LtTicketsPage *self = user_data;

  self->detail_source = 0;
  lt_ticket_detail_show_held (self->detail);
  return G_SOURCE_REMOVE;
}

/* Run as the frame that shows the list starts: a frame is one turn of
 * the main loop, so the pause can only end after it is painted. */
static gboolean
list_frame_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  LtTicketsPage *self = LT_TICKETS_PAGE (widget);

  self->detail_tick = 0;
  g_clear_handle_id (&self->detail_source, g_source_remove);
  self->detail_source = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE, TYPING_PAUSE_MS, typing_paused_cb,
                                            g_object_ref (self), g_object_unref);
  return G_SOURCE_REMOVE;
}

/* Each keystroke starts the wait again, from its own frame. */
static void
wait_for_typing_pause (LtTicketsPage *self)
{
  g_clear_handle_id (&self->detail_source, g_source_remove);
  if (self->detail_tick == 0)
    self->detail_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), list_frame_cb, NULL, NULL);
}

/* A new search or filter: when it left the selected ticket out (or
 * replaced the list), the first match is selected, so the detail follows
 * the search. A keystroke that changes nothing shown changes nothing. */
static void
refilter (LtTicketsPage *self,
          void         (*apply) (LtTicketsPage *self,
                                 LtTicketList  *list))
{
  LtTicketList *list = get_list (self);
  g_autoptr(LtTicket) selected = NULL;

  if (list == NULL)
    return;

  selected = dup_selected_ticket (self);
  self->refiltering = TRUE;
  apply (self, list);

  if (!select_ticket (self, selected) && g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
  /* The first match may be at the position the selection had: no
   * selection change then, but another ticket. */
  selection_changed_cb (self);
  self->refiltering = FALSE;

  /* Typing: the detail shows its ticket once typing pauses; a search or
   * filter asked for otherwise shows it now. */
  if (!lt_ticket_detail_get_held (self->detail))
    stop_waiting_for_pause (self);
  else if (self->typing)
    wait_for_typing_pause (self);
  else
    show_held_ticket (self);
}

static void
apply_search (LtTicketsPage *self,
              LtTicketList  *list)
{
  lt_ticket_list_set_search_text (list, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
apply_filters (LtTicketsPage *self,
               LtTicketList  *list)
{
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  guint severity = gtk_drop_down_get_selected (self->severity_dropdown);

  lt_ticket_list_set_state_filter (list, state < G_N_ELEMENTS (state_masks) ? state_masks[state] : 0);
  lt_ticket_list_set_work_filter (list, filter_work (state));
  lt_ticket_list_set_severity_filter (list,
                                      severity < G_N_ELEMENTS (severity_masks) ? severity_masks[severity] : 0);
}

static void
search_changed_cb (LtTicketsPage *self)
{
  LtTicketList *list = get_list (self);

  /* The entry reports the same text again when it is set from code. */
  if (list == NULL || g_strcmp0 (lt_ticket_list_get_search_text (list) ?: "",
                                 gtk_editable_get_text (GTK_EDITABLE (self->search_entry))) == 0)
    return;

  refilter (self, apply_search);
}

/* The entry's own report (the page's functions that set its text ask
 * for the search themselves): the user is typing. */
static void
search_typed_cb (LtTicketsPage *self)
{
  self->typing = TRUE;
  search_changed_cb (self);
  self->typing = FALSE;
}

static void
filter_changed_cb (LtTicketsPage *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
  refilter (self, apply_filters);
}

/* The followed ticket left the list without the user asking (a sync or
 * an action changed its state out of the filter, e.g. a reopened ticket
 * under "Closed"): the filter gives way, says so, and the ticket stays
 * selected. Run after GTK has finished with the change. */
static gboolean
follow_ticket_cb (gpointer user_data)
{
  LtTicketsPage *self = user_data;
  LtTicketList *list = get_list (self);
  g_autoptr(LtTicket) ticket = self->followed != NULL ? g_object_ref (self->followed) : NULL;
  g_autofree char *note = NULL;
  guint position;

  self->follow_source = 0;
  if (list == NULL || ticket == NULL ||
      gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
    return G_SOURCE_REMOVE;

  if (!lt_ticket_list_find_ticket (list, ticket, &position))
    {
      /* Neither search nor severity changes with a state: the state
       * filter (or work list) is what let it go. */
      self->refiltering = TRUE;
      gtk_drop_down_set_selected (self->state_dropdown, LT_TICKETS_FILTER_ALL);
      self->refiltering = FALSE;
      if (!lt_ticket_list_find_ticket (list, ticket, &position))
        {
          /* Gone from the store: the detail follows the list. */
          g_autoptr(LtTicket) selected = dup_selected_ticket (self);

          g_clear_object (&self->followed);
          lt_ticket_detail_set_ticket (self->detail, selected);
          return G_SOURCE_REMOVE;
        }
      /* TRANSLATORS: shown above the ticket list; %s: a ticket id, then
       * its new state ("Reopened") */
      note = g_strdup_printf (_("%s is now %s, which the filter did not show: showing all states."),
                              lt_ticket_get_id (ticket) != NULL ? lt_ticket_get_id (ticket) : _("The ticket"),
                              lt_ticket_state_get_label (lt_ticket_get_state (ticket)));
      gtk_label_set_text (self->notice_label, note);
      gtk_widget_set_visible (GTK_WIDGET (self->notice_label), TRUE);
    }

  self->moving_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->moving_selection = FALSE;
  lt_ticket_detail_set_ticket (self->detail, ticket);
  return G_SOURCE_REMOVE;
}

static void
selection_changed_cb (LtTicketsPage *self)
{
  g_autoptr(LtTicket) selected = NULL;

  if (self->moving_selection)
    return;

  selected = dup_selected_ticket (self);

  if (selected == NULL && self->followed != NULL && !self->refiltering)
    {
      /* Not now: GTK is in the middle of the list's change. */
      if (self->follow_source == 0)
        self->follow_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, follow_ticket_cb,
                                               g_object_ref (self), g_object_unref);
      return;
    }

  g_set_object (&self->followed, selected);
  /* While typing, the first match changes at nearly every keystroke, and
   * laying out its pane would cost each of them a frame. */
  if (self->typing && selected != NULL)
    lt_ticket_detail_hold_ticket (self->detail, selected);
  else
    lt_ticket_detail_set_ticket (self->detail, selected);
}

/* After the slots took a change of the list: each cell whose slot changed
 * is updated once; and when nobody on this page asked for the change (a
 * sync, an action, the clock), the followed ticket stays selected where
 * it went, or, gone from the filter, follow_ticket_cb() decides. */
static void
list_changed_cb (LtTicketsPage *self)
{
  g_autoptr(LtTicket) selected = NULL;
  gboolean found;

  update_pending_cells (self);
  if (self->refiltering || self->moving_selection || self->followed == NULL)
    return;

  selected = dup_selected_ticket (self);
  if (selected == self->followed)
    return;
  self->moving_selection = TRUE;
  found = select_ticket (self, self->followed);
  self->moving_selection = FALSE;
  if (!found)
    selection_changed_cb (self);
}

/* ---- Folding and narrow widths ------------------------------------- */

static void
show_detail (LtTicketsPage *self)
{
  if (adw_leaflet_get_folded (self->leaflet) &&
      gtk_single_selection_get_selected_item (self->selection) != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);
}

static void
back_clicked_cb (LtTicketsPage *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->ticket_view));
}

/* Enter (or a double click) on a row, and a click when folded: one column
 * shows either the list or the ticket. */
static void
row_activated_cb (LtTicketsPage *self)
{
  show_held_ticket (self);
  show_detail (self);
}

static void
row_clicked_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                LtTicketsPage   *self)
{
  show_held_ticket (self);
  show_detail (self);
}

static void
folded_cb (LtTicketsPage *self)
{
  /* Unfolded shows both; folded starts on the list. */
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

/* Columns give way by priority as the list narrows: the title keeps a
 * readable width, and ID, Title and State always stay (the row's
 * accessible name says all of them at any width). */
static const struct
{
  int min_width;   /* of the list pane, to show the column */
  gsize column;    /* offset of the column in LtTicketsPage */
} column_priority[] = {
  { 500, G_STRUCT_OFFSET (LtTicketsPage, sla_column) },
  { 620, G_STRUCT_OFFSET (LtTicketsPage, deadline_column) },
  { 700, G_STRUCT_OFFSET (LtTicketsPage, severity_column) },
  { 850, G_STRUCT_OFFSET (LtTicketsPage, due_column) },
  { 1000, G_STRUCT_OFFSET (LtTicketsPage, opened_column) },
};

static gboolean
apply_layout_cb (gpointer user_data)
{
  LtTicketsPage *self = user_data;
  int list_width = self->laid_out_width;

  self->layout_source = 0;

  for (guint i = 0; i < G_N_ELEMENTS (column_priority); i++)
    {
      GtkColumnViewColumn *column = G_STRUCT_MEMBER (GtkColumnViewColumn *, self, column_priority[i].column);

      gtk_column_view_column_set_visible (column, list_width >= column_priority[i].min_width);
    }
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->toolbar),
                                  list_width < TOOLBAR_STACK_WIDTH ? GTK_ORIENTATION_VERTICAL
                                                                   : GTK_ORIENTATION_HORIZONTAL);
  return G_SOURCE_REMOVE;
}

/* The page lays out its one child itself rather than through AdwBin's
 * layout manager, to learn the list's width at each allocation. */
static void
lt_tickets_page_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child != NULL)
    gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
lt_tickets_page_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* Not during the allocation: changing what is shown queues another. */
static void
lt_tickets_page_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  LtTicketsPage *self = LT_TICKETS_PAGE (widget);
  int list_width;

  gtk_widget_allocate (GTK_WIDGET (self->leaflet), width, height, baseline, NULL);

  /* The list's own width: all of it when folded, else what the detail
   * pane (at its minimum, it does not expand) leaves. */
  list_width = adw_leaflet_get_folded (self->leaflet) ? width : gtk_widget_get_width (self->list_pane);
  if (list_width <= 0 || list_width == self->laid_out_width)
    return;
  self->laid_out_width = list_width;
  if (self->layout_source == 0)
    self->layout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_layout_cb,
                                           g_object_ref (self), g_object_unref);
}

/* The filters' buttons shorten their text rather than hold the page (and
 * the window) wider than 360 px; their popovers show it whole. */
static void
choice_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
    }
  gtk_list_item_set_child (item, label);
}

static void
choice_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static GtkListItemFactory *
choice_factory_new (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (choice_setup_cb), GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (choice_bind_cb), NULL);
  return factory;
}

static void
shorten_drop_down (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) button = choice_factory_new (TRUE);
  g_autoptr(GtkListItemFactory) list = choice_factory_new (FALSE);

  gtk_drop_down_set_factory (drop_down, button);
  gtk_drop_down_set_list_factory (drop_down, list);
}

/* ---- Keyboard --------------------------------------------------------- */

/* The selection follows the focus: the row holding it is selected (the
 * list's own arrow keys do that; a focus move from elsewhere does not). */
static void
select_focused_row (LtTicketsPage *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GHashTableIter iter;
  Cell *cell;

  if (focus == NULL)
    return;

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &cell))
    {
      GtkWidget *row = get_row_widget (cell->item);

      if (cell->kind == CELL_ID && row != NULL && (focus == row || gtk_widget_is_ancestor (focus, row)))
        {
          gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (cell->item));
          return;
        }
    }
}

/* GTK 4.8's list views take Tab from row to row (the tab-behavior
 * property is 4.12): the list is one Tab stop here. Tab leaves it for the
 * detail pane (or, folded, whatever follows the page), Shift+Tab for the
 * filters; arrow keys move inside, and the selection follows them. */
static gboolean
lt_tickets_page_focus (GtkWidget        *widget,
                       GtkDirectionType  direction)
{
  LtTicketsPage *self = LT_TICKETS_PAGE (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  gboolean in_list = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->ticket_view));
  gboolean in_detail = focus != NULL && gtk_widget_is_ancestor (focus, self->detail_pane);

  if (in_list && direction == GTK_DIR_TAB_FORWARD)
    {
      if (gtk_widget_get_child_visible (self->detail_pane) && gtk_widget_get_mapped (self->detail_pane) &&
          gtk_widget_child_focus (self->detail_pane, GTK_DIR_TAB_FORWARD))
        return TRUE;
      return FALSE;
    }
  if (in_list && direction == GTK_DIR_TAB_BACKWARD)
    return gtk_widget_child_focus (GTK_WIDGET (self->toolbar), GTK_DIR_TAB_BACKWARD);

  if (in_list && (direction == GTK_DIR_UP || direction == GTK_DIR_DOWN))
    {
      gboolean moved = GTK_WIDGET_CLASS (lt_tickets_page_parent_class)->focus (widget, direction);

      select_focused_row (self);
      return moved;
    }

  if (in_detail && direction == GTK_DIR_TAB_BACKWARD &&
      !gtk_widget_child_focus (self->detail_pane, GTK_DIR_TAB_BACKWARD))
    {
      if (adw_leaflet_get_folded (self->leaflet))
        return FALSE;
      return gtk_widget_grab_focus (GTK_WIDGET (self->ticket_view));
    }

  return GTK_WIDGET_CLASS (lt_tickets_page_parent_class)->focus (widget, direction);
}

void
lt_tickets_page_focus_search (LtTicketsPage *self)
{
  g_return_if_fail (LT_IS_TICKETS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  lt_tickets_page_focus_search (LT_TICKETS_PAGE (widget));
}

/* ---- Context -------------------------------------------------------- */

static void
apply_sla_terms (LtTicketsPage *self,
                 LtTicketList  *list)
{
  lt_ticket_list_set_sla_terms (list, self->tier_known ? lt_context_get_policy (self->context) : NULL,
                                self->tier);
}

static void
apply_lifecycle_policy (LtTicketsPage *self,
                        LtTicketList  *list)
{
  lt_ticket_list_set_lifecycle_policy (list, lt_context_get_policy (self->context));
}

/* The list judges the Response Due and SLA sort columns by the same terms
 * as the cells. */
static void
policy_changed_cb (LtTicketsPage *self)
{
  LtTicketList *list = get_list (self);

  if (list != NULL)
    keep_selection (self, apply_lifecycle_policy);
  LtTicketListSort sort = list != NULL ? lt_ticket_list_get_sort (list, NULL) : LT_TICKET_LIST_SORT_DEFAULT;

  if (sort == LT_TICKET_LIST_SORT_RESPONSE_DUE || sort == LT_TICKET_LIST_SORT_SLA)
    keep_selection (self, apply_sla_terms);
  else if (list != NULL)
    apply_sla_terms (self, list);
  tick_cb (self);
}

static void
update_tier (LtTicketsPage *self)
{
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(LtAccount) account = NULL;

  account = store != NULL ? lt_store_load_account (store, NULL) : NULL;
  self->tier_known = account != NULL;
  self->tier = lt_account_get_effective_tier (account);
  lt_ticket_detail_set_tier (self->detail, self->tier_known, self->tier);
  policy_changed_cb (self);
}

static void
bind_list (LtTicketsPage *self)
{
  LtTicketList *list = get_list (self);
  LtStore *store = lt_context_get_store (self->context);
  g_autoptr(LtTicketSlotModel) slots = list != NULL ? lt_ticket_slot_model_new (list) : NULL;

  if (self->slots != NULL)
    lt_ticket_slot_model_set_defer_func (self->slots, NULL, NULL);
  if (slots != NULL)
    lt_ticket_slot_model_set_defer_func (slots, defer_slot_cb, self);
  g_set_object (&self->slots, slots);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (slots));

  if (list == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Tickets Unavailable"));
      adw_status_page_set_description (self->empty_page,
                                       _("Tickets are kept in the local database, which could not be opened."));
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
      gtk_widget_set_visible (GTK_WIDGET (self->detail), FALSE);
      gtk_label_set_text (self->count_label, "");
      return;
    }

  if (store != NULL)
    g_signal_connect_object (store, "changed::account",
                             G_CALLBACK (update_tier), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (list, "notify::loading",
                           G_CALLBACK (count_changed_cb), self, G_CONNECT_SWAPPED);
  /* After the slot model's own handler: the slots have changed then. */
  g_signal_connect_object (list, "items-changed",
                           G_CALLBACK (list_changed_cb), self, G_CONNECT_SWAPPED);
  update_tier (self);
  keep_selection (self, apply_sort);
  count_changed_cb (self);
}

static void
lt_tickets_page_dispose (GObject *object)
{
  LtTicketsPage *self = (LtTicketsPage *) object;

  g_clear_handle_id (&self->follow_source, g_source_remove);
  g_clear_handle_id (&self->layout_source, g_source_remove);
  g_clear_handle_id (&self->stale_source, g_source_remove);
  view_unmapped_cb (self);
  stop_waiting_for_pause (self);
  g_clear_object (&self->followed);
  g_clear_object (&self->context);

  if (self->slots != NULL)
    lt_ticket_slot_model_set_defer_func (self->slots, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_TICKETS_PAGE);
  g_clear_object (&self->slots);

  G_OBJECT_CLASS (lt_tickets_page_parent_class)->dispose (object);
}

static void
lt_tickets_page_finalize (GObject *object)
{
  LtTicketsPage *self = (LtTicketsPage *) object;

  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_hash_table_unref);
  g_clear_pointer (&self->slot_cells, g_hash_table_unref);

  G_OBJECT_CLASS (lt_tickets_page_parent_class)->finalize (object);
}

static void
lt_tickets_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LtTicketsPage *self = LT_TICKETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_tickets_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  LtTicketsPage *self = LT_TICKETS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lt_tickets_page_set_context (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_tickets_page_class_init (LtTicketsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_tickets_page_dispose;
  object_class->finalize = lt_tickets_page_finalize;
  object_class->get_property = lt_tickets_page_get_property;
  object_class->set_property = lt_tickets_page_set_property;
  widget_class->measure = lt_tickets_page_measure;
  widget_class->get_request_mode = lt_tickets_page_get_request_mode;
  widget_class->size_allocate = lt_tickets_page_size_allocate;
  widget_class->focus = lt_tickets_page_focus;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LT_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LT_TYPE_TICKET);
  g_type_ensure (LT_TYPE_TICKET_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-tickets-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, deadline_sorter);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, severity_column);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, opened_column);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, due_column);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, sla_column);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, deadline_column);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, severity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, ticket_view);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, id_sorter);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, title_sorter);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, severity_sorter);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, state_sorter);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, opened_sorter);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, due_sorter);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, sla_sorter);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, LtTicketsPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, numeric_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, due_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, id_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, severity_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, state_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, opened_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, due_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, sla_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, count_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_typed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, deadline_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  /* Ctrl+F: its key is in lt-shortcuts.c. */
  gtk_widget_class_install_action (widget_class, "tickets.search", NULL, search_action);
}

static void
lt_tickets_page_init (LtTicketsPage *self)
{
  self->pending = g_hash_table_new (NULL, NULL);
  self->stale = g_hash_table_new (NULL, NULL);
  self->slot_cells = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->cells = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) free_cell);

  gtk_widget_init_template (GTK_WIDGET (self));
  lt_shortcuts_attach (GTK_WIDGET (self), "tickets.search");
  /* The AdwBin's own child: not bound in the template, which would
   * unparent it a second time (docs/app.md, libadwaita workarounds). */
  self->leaflet = ADW_LEAFLET (adw_bin_get_child (ADW_BIN (self)));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  set_probe (self->id_sorter, LT_TICKET_LIST_SORT_ID);
  set_probe (self->title_sorter, LT_TICKET_LIST_SORT_TITLE);
  set_probe (self->severity_sorter, LT_TICKET_LIST_SORT_SEVERITY);
  set_probe (self->state_sorter, LT_TICKET_LIST_SORT_STATE);
  set_probe (self->opened_sorter, LT_TICKET_LIST_SORT_OPENED);
  set_probe (self->due_sorter, LT_TICKET_LIST_SORT_RESPONSE_DUE);
  set_probe (self->sla_sorter, LT_TICKET_LIST_SORT_SLA);
  set_probe (self->deadline_sorter, LT_TICKET_LIST_SORT_DEADLINE);
  shorten_drop_down (self->state_dropdown);
  shorten_drop_down (self->severity_dropdown);
  lt_ui_column_view_name_parts (self->ticket_view, _("Tickets"));
  g_signal_connect_object (gtk_column_view_get_sorter (self->ticket_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);
  {
    GtkGesture *click = gtk_gesture_click_new ();

    /* After the row's own gesture has selected it. */
    g_signal_connect_object (click, "released", G_CALLBACK (row_clicked_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self->ticket_view), GTK_EVENT_CONTROLLER (click));
  }
  g_signal_connect_object (self->ticket_view, "map", G_CALLBACK (view_mapped_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->ticket_view, "unmap", G_CALLBACK (view_unmapped_cb), self, G_CONNECT_SWAPPED);
  /* Typing anywhere on the page starts a search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

void
lt_tickets_page_set_context (LtTicketsPage *self,
                             LtContext     *context)
{
  g_return_if_fail (LT_IS_TICKETS_PAGE (self));
  g_return_if_fail (LT_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  lt_ticket_detail_set_context (self->detail, context);

  g_signal_connect_object (lt_context_get_clock (context), "tick",
                           G_CALLBACK (tick_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::policy",
                           G_CALLBACK (policy_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::store",
                           G_CALLBACK (bind_list), self, G_CONNECT_SWAPPED);

  bind_list (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

void
lt_tickets_page_select_position (LtTicketsPage *self,
                                 guint          position)
{
  g_return_if_fail (LT_IS_TICKETS_PAGE (self));

  gtk_single_selection_set_selected (self->selection, position);
}

/* Found on the list's compact rows: no ticket is read to find it. */
static gboolean
select_id (LtTicketsPage *self,
           const char    *id)
{
  LtTicketList *list = get_list (self);
  guint position;

  if (list == NULL || !lt_ticket_list_find_id (list, id, &position))
    return FALSE;

  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

void
lt_tickets_page_show_ticket (LtTicketsPage *self,
                             const char    *id)
{
  g_return_if_fail (LT_IS_TICKETS_PAGE (self));
  g_return_if_fail (id != NULL);

  /* Among the tickets shown when they are few enough to see it, else by
   * searching for it: GTK 4.8's column view cannot scroll to a row. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 1000 || !select_id (self, id))
    {
      gtk_drop_down_set_selected (self->state_dropdown, 0);
      gtk_drop_down_set_selected (self->severity_dropdown, 0);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), id);
      /* The entry reports a search after a delay; the list is asked now. */
      search_changed_cb (self);
      select_id (self, id);
    }
  /* Already selected while typing: shown now, not after the pause. */
  show_held_ticket (self);
}

void
lt_tickets_page_activate_ticket_action (LtTicketsPage *self,
                                        const char    *id,
                                        const char    *action)
{
  g_return_if_fail (LT_IS_TICKETS_PAGE (self));
  g_return_if_fail (id != NULL && action != NULL);

  lt_tickets_page_show_ticket (self, id);
  /* Only on the ticket asked for: the search may not have found it, and
   * the detail enables only what core allows now. */
  if (lt_ticket_detail_get_ticket (self->detail) != NULL &&
      g_strcmp0 (lt_ticket_get_id (lt_ticket_detail_get_ticket (self->detail)), id) == 0)
    gtk_widget_activate_action (GTK_WIDGET (self->detail), action, NULL);
}

static const char * const filter_nicks[] = {
  "all", "open", "awaiting-you", "resolved", "closed", "not-sent", "needs-you", "closing-soon",
  "response-time",
};

/**
 * lt_tickets_filter_from_nick:
 * @nick: "open", "needs-you", "closing-soon", …
 * @filter: (out): the filter it names
 *
 * Returns: %FALSE for a nick no filter has
 */
gboolean
lt_tickets_filter_from_nick (const char      *nick,
                             LtTicketsFilter *filter)
{
  g_return_val_if_fail (nick != NULL && filter != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (filter_nicks); i++)
    if (g_strcmp0 (filter_nicks[i], nick) == 0)
      {
        *filter = i;
        return TRUE;
      }
  return FALSE;
}

void
lt_tickets_page_show_filter (LtTicketsPage   *self,
                             LtTicketsFilter  filter,
                             LtTicketsOrder   order)
{
  g_return_if_fail (LT_IS_TICKETS_PAGE (self));
  g_return_if_fail (filter <= LT_TICKETS_FILTER_RESPONSE_TIME);

  /* Exactly what was asked for: a search or severity left from before
   * would hide part of it. */
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
  gtk_drop_down_set_selected (self->severity_dropdown, 0);
  gtk_drop_down_set_selected (self->state_dropdown, filter);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), "") != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      /* The entry reports a search after a delay; the list is asked now. */
      search_changed_cb (self);
    }

  switch (order)
    {
    case LT_TICKETS_ORDER_DEADLINE:
      gtk_column_view_sort_by_column (self->ticket_view, self->deadline_column, GTK_SORT_ASCENDING);
      break;
    case LT_TICKETS_ORDER_SLA:
      gtk_column_view_sort_by_column (self->ticket_view, self->sla_column, GTK_SORT_ASCENDING);
      break;
    case LT_TICKETS_ORDER_DEFAULT:
      gtk_column_view_sort_by_column (self->ticket_view, NULL, GTK_SORT_ASCENDING);
      break;
    case LT_TICKETS_ORDER_KEEP:
    default:
      break;
    }
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
}

gboolean
lt_tickets_page_show_work_list (LtTicketsPage *self,
                                const char    *name)
{
  LtTicketsFilter filter;
  LtTicketsOrder order;

  g_return_val_if_fail (LT_IS_TICKETS_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!lt_tickets_filter_from_nick (name, &filter))
    {
      g_warning ("No ticket work list is called “%s”", name);
      return FALSE;
    }
  if (filter == LT_TICKETS_FILTER_RESPONSE_TIME)
    order = LT_TICKETS_ORDER_SLA;
  else if (filter == LT_TICKETS_FILTER_NEEDS_YOU || filter == LT_TICKETS_FILTER_CLOSING_SOON ||
           filter == LT_TICKETS_FILTER_AWAITING_YOU || filter == LT_TICKETS_FILTER_RESOLVED)
    order = LT_TICKETS_ORDER_DEADLINE;
  else
    order = LT_TICKETS_ORDER_DEFAULT;
  lt_tickets_page_show_filter (self, filter, order);
  return TRUE;
}

LtTicketsFilter
lt_tickets_page_get_filter (LtTicketsPage *self)
{
  g_return_val_if_fail (LT_IS_TICKETS_PAGE (self), LT_TICKETS_FILTER_ALL);

  return gtk_drop_down_get_selected (self->state_dropdown);
}

void
lt_tickets_page_show_selected (LtTicketsPage *self)
{
  g_return_if_fail (LT_IS_TICKETS_PAGE (self));

  show_held_ticket (self);
  show_detail (self);
}

guint
lt_tickets_page_get_n_shown (LtTicketsPage *self)
{
  g_return_val_if_fail (LT_IS_TICKETS_PAGE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->selection));
}
