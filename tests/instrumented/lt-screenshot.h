/* lt-screenshot.h: render the application's pages to PNG files
 *
 * `lockthreat-support-instrumented --screenshot DIR` (and `make
 * screenshots`; instrumented-main.c) shows each
 * page of the window, then the main dialogs, in the light and in the dark
 * style, and saves each to DIR/<name>-<style>.png. The pictures in
 * docs/screenshots are made this way, from the real widgets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-window.h"

G_BEGIN_DECLS

void     lt_screenshot_run_async    (LtWindow            *window,
                                     const char          *directory,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
gboolean lt_screenshot_run_finish   (LtWindow            *window,
                                     GAsyncResult        *result,
                                     GError             **error);

/* Renders @widget as it is on screen now into a PNG file. */
gboolean lt_screenshot_save_widget  (GtkWidget           *widget,
                                     const char          *path,
                                     GError             **error);

G_END_DECLS
