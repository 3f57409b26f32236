/* lt-ui-util.h: how the application words and styles core's answers
 *
 * Core decides (a status, a number of business days, a date); these
 * helpers only choose the words, the date format and the style class, so
 * every page says the same thing the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lt-release-catalog.h"
#include "lt-store.h"
#include "lt-types.h"

G_BEGIN_DECLS

/* The badge style class: "success", "warning" or "error". A supported
 * version that the next release pushes out is a warning. */
const char *lt_ui_eligibility_style_class (const LtEligibility *eligibility);
/* The short badge text for an eligibility: the status, or "Last release
 * supported" / "Withdrawn" where that matters more. */
const char *lt_ui_eligibility_badge       (const LtEligibility *eligibility);
/* "Supported until 2 more releases ship", "The next release ends its
 * support", or NULL when not supported. */
char       *lt_ui_dup_forecast            (const LtEligibility *eligibility);

/* The style classes of the policy's enums (their labels are core's,
 * lt_*_get_label ()). */
const char *lt_ui_severity_style_class    (LtSeverity           severity);
const char *lt_ui_sla_state_style_class   (LtSlaState           state);
/* A length of business time, which only runs in the vendor's business
 * hours and so says so: "45 business minutes", "4 business hours",
 * "2 business hours 30 min" (never days: a day of business time is not
 * a day). */
char       *lt_ui_format_business_duration (gint64              business_seconds);
/* A business-time countdown: "in 2 business hours 14 min", "overdue by
 * 35 business minutes". */
char       *lt_ui_format_countdown        (gint64               business_seconds);
/* A deadline counted in business time, with the instant it falls on one
 * glance away: "in 60 business minutes · tomorrow 14:00". */
char       *lt_ui_format_business_deadline (gint64              business_seconds,
                                            GDateTime          *due,
                                            GDateTime          *now);

/* "Thursday 3 December" (this year) or "Thursday 3 December 2027". */
char       *lt_ui_format_date_long        (const GDate         *date,
                                           const GDate         *today);
/* "3 Dec 2026". */
char       *lt_ui_format_date_short       (const GDate         *date);
/* An instant in the user's local zone: "Tue 1 Dec 2026, 14:00". */
char       *lt_ui_format_instant          (GDateTime           *instant);

/* An instant in the user's local zone, by its day relative to @now's:
 * "today 14:00", "tomorrow 09:30", "yesterday 16:10", "Wed 2 Dec, 14:00"
 * (this year), "Wed 2 Dec 2027, 14:00". */
char       *lt_ui_format_instant_relative (GDateTime           *instant,
                                           GDateTime           *now);
/* The absolute instant for a tooltip, with the zones it is read in:
 * "Tue 1 Dec 2026, 14:00 (your time, CET); 08:00 at LockThreat (EST)".
 * @calendar (nullable) adds the vendor's local time. */
char       *lt_ui_format_instant_full     (GDateTime           *instant,
                                           LtBusinessCalendar  *calendar);

/* A length of time in words: "45 minutes", "4 hours", "2 days". */
char       *lt_ui_format_duration         (GTimeSpan            span);

/* The same, compact for table cells: "30 Nov, 09:10" this year (by the
 * clock's @now), "30 Nov 2025" before. */
char       *lt_ui_format_instant_short    (GDateTime           *instant,
                                           GDateTime           *now);

/* Replaces the style classes of @widget named in @classes (NULL-terminated)
 * with @style_class (may be NULL). */
void        lt_ui_set_style_class         (GtkWidget           *widget,
                                           const char * const  *classes,
                                           const char          *style_class);

/* Shows @title as a toast in the nearest AdwToastOverlay above @widget
 * (or in the AdwPreferencesWindow it is in). */
void        lt_ui_show_toast              (GtkWidget           *widget,
                                           const char          *title);
/* The same with a button: @clicked (AdwToast *, @data) runs when it is
 * pressed; @destroy frees @data with the toast. */
void        lt_ui_show_toast_with_button  (GtkWidget           *widget,
                                           const char          *title,
                                           const char          *button_label,
                                           GCallback            clicked,
                                           gpointer             data,
                                           GDestroyNotify       destroy);

/* What an undoable action does at the end: @undone TRUE when the person
 * pressed Undo (restore what was hidden), FALSE when the toast went away
 * or its window closed (carry the action out). Called exactly once. */
typedef void (*LtUndoFunc) (gpointer data,
                            gboolean undone);
/* GNOME's undo instead of a confirmation: a toast @title with "Undo";
 * @func is called once, as above, then @destroy frees @data. */
void        lt_ui_show_undo_toast         (GtkWidget           *widget,
                                           const char          *title,
                                           LtUndoFunc           func,
                                           gpointer             data,
                                           GDestroyNotify       destroy);

/* Every dialog of the app is shown through this: transient for the
 * window of @from and, once it is gone, the keyboard focus goes back to
 * the widget that had it in that window when it opened (or, when that
 * one is gone, hidden or insensitive, the nearest ancestor that can take
 * it). @from may be the window itself. */
void        lt_ui_present_dialog          (GtkWindow           *dialog,
                                           GtkWidget           *from);

/* An error, never silent: a toast with @summary and a "Details" button
 * that opens a dialog with the full message of @error. */
void        lt_ui_show_error              (GtkWidget           *widget,
                                           const char          *summary,
                                           const GError        *error);
/* The details dialog on its own, transient for @widget's window. */
void        lt_ui_show_error_details      (GtkWidget           *widget,
                                           const char          *summary,
                                           const char          *details);

/* The likely secrets (lt-sensitive.h, element-type LtSensitiveFinding)
 * in the file at @path, read up to the portal's upload limit, before it
 * is attached. A binary file (a NUL byte near the start) is not text and
 * gives an empty array. NULL with @error when it cannot be read. */
GPtrArray  *lt_ui_scan_file               (const char          *path,
                                           GError             **error);

/* A new folder of its own (0700) in @parent ("cache", "bundles") of
 * @store's profile, named @prefix-XXXXXX, for files the outbox reads
 * when it sends; and its removal (its files, then itself). */
char       *lt_ui_make_profile_folder     (LtStore             *store,
                                           const char          *parent,
                                           const char          *prefix,
                                           GError             **error);
void        lt_ui_remove_profile_folder   (const char          *folder);

/* A copy of the text file @path through the profile's redaction engine
 * (secrets and identities, as in a diagnostics bundle; the grown map is
 * saved with @now), written to a new folder in the cache of @store's
 * profile; @path is untouched. Returns the copy's path, or NULL with
 * @error. */
char       *lt_ui_write_redacted_copy     (const char          *path,
                                           LtStore             *store,
                                           GDateTime           *now,
                                           GError             **error);

/* The first AdwPreferencesRow under @root (depth first) titled @title,
 * or NULL: how `--screenshot` and the UI tests find a question, a
 * category or a field by the words a person sees. */
GtkWidget  *lt_ui_find_row                (GtkWidget           *root,
                                           const char          *title);
/* The first widget of @type under @root (depth first, @root included). */
GtkWidget  *lt_ui_find_descendant         (GtkWidget           *root,
                                           GType                type);

/* What "Keep for this session only" does, where the keyring cannot store
 * the token (Preferences and the connect page). */
const char *lt_ui_session_token_explanation (void);
/* Installs, once per process, the workaround for the accessible names
 * GTK 4.8 computes wrongly: mnemonic buttons ("_Save Save"), icon buttons
 * ("GtkImage", named from their tooltip instead) and drop-downs (their
 * focusable toggle named by the drop-down and its choice). Every button
 * is mended when it is mapped and when its label changes. */
void        lt_ui_fix_accessible_names    (void);

/* From a cell factory's bind: names the GtkColumnView row that @item is
 * in @row_name (which says what its cells say) and each of its cells by
 * its column's title and @cells[i] ("Released: 3 Dec 2026"), the columns
 * in @view's order; GTK 4.8 names neither. Does nothing until the cell is
 * in its row. */
void        lt_ui_column_view_name_row    (GtkColumnView       *view,
                                           GtkListItem         *item,
                                           const char          *row_name,
                                           const char * const  *cells);
/* Names @view's header row ("@name: column headers") and its inner list
 * (@name), which GTK 4.8 makes focusable and leaves unnamed. */
void        lt_ui_column_view_name_parts  (GtkColumnView       *view,
                                           const char          *name);

/* The badge classes used by lt_ui_set_style_class(). */
extern const char * const lt_ui_badge_classes[];

G_END_DECLS
