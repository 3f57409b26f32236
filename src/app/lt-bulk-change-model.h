/* lt-bulk-change-model.h: a GListModel that passes another through,
 * presenting a change that replaces many rows as a removal followed by an
 * insertion
 *
 * For GTK 4.8's list views: when a change removes a row the view tracks
 * (the row at the top, the focused one) and adds others, GTK looks for
 * that row's item among every added row, asking the model for each. A
 * search or a new order over the store's ticket list replaces up to
 * 100,000 rows, and each item asked for is a ticket read from sqlite. A
 * removal alone and an insertion alone give GTK nothing to look for
 * (docs/app.md, "Tickets"). The rows from the change to the end of the
 * list go and come back, so that the view stays where it was (at the top
 * for a new search or order) rather than following the rows after the
 * change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LT_TYPE_BULK_CHANGE_MODEL (lt_bulk_change_model_get_type ())
G_DECLARE_FINAL_TYPE (LtBulkChangeModel, lt_bulk_change_model, LT, BULK_CHANGE_MODEL, GObject)

/* A change that adds more rows than this is split; smaller ones (a row
 * updated in place) pass unchanged, so a view keeps that row's widget
 * and selection. */
#define LT_BULK_CHANGE_MODEL_MAX_JOINED 64

LtBulkChangeModel *lt_bulk_change_model_new       (GListModel        *model);
GListModel        *lt_bulk_change_model_get_model (LtBulkChangeModel *self);

G_END_DECLS
