/* lt-changes-page.h: the customer's change notices (§6, R8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lt-change-notice-page.h"
#include "lt-context.h"

G_BEGIN_DECLS

#define LT_TYPE_CHANGES_PAGE (lt_changes_page_get_type ())
G_DECLARE_FINAL_TYPE (LtChangesPage, lt_changes_page, LT, CHANGES_PAGE, AdwBin)

void       lt_changes_page_set_context (LtChangesPage *self,
                                        LtContext     *context);

/* Opens the new change notice form, transient for the page's window.
 * Returns: (transfer none): the form */
GtkWidget *lt_changes_page_new_notice  (LtChangesPage *self);
/* Opens the page of the notice whose local id or id is @key (a
 * notification's button); the list when it is not listed. */
void       lt_changes_page_show_notice (LtChangesPage *self,
                                        const char    *key);

/* Slides to the page of the notice whose local id or id is @key (a row
 * activated, a notification's "open"); FALSE when it is not listed. */
gboolean            lt_changes_page_open_notice     (LtChangesPage *self,
                                                     const char    *key);
/* The notice's page while it is shown, else NULL. */
LtChangeNoticePage *lt_changes_page_get_notice_page (LtChangesPage *self);

G_END_DECLS
