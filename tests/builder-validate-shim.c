/* builder-validate-shim.c: lets gtk4-builder-tool validate our .ui files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preloaded into gtk4-builder-tool by tests/test-desktop-files.sh. The
 * tool looks a template's parent type up by name only, so libadwaita's
 * types must be registered before it reads a file: adw_init() registers
 * them all (and initialises GTK, which makes the tool's own gtk_init() a
 * no-op). The application's widgets that appear as children in a template
 * are linked into this module, where GtkBuilder finds their
 * lt_*_get_type() functions by name, as it does for any type it does not
 * know yet.
 *
 * Signal handlers and expression closures are static functions of the
 * application, invisible from here: the test points each one at
 * builder_validate_sink(), which GtkBuilder finds by name the same way.
 */
/* program_invocation_short_name */
#define _GNU_SOURCE

#include <adwaita.h>
#include <errno.h>
#include <string.h>

gpointer builder_validate_sink (void);

/* Returns 0/NULL, a valid value of every type a closure in our templates
 * returns (strings, numbers, booleans, objects), and ignores arguments. */
gpointer
builder_validate_sink (void)
{
  return NULL;
}

__attribute__((constructor)) static void
register_types (void)
{
  /* LD_PRELOAD also reaches whatever the tool is started through
   * (xvfb-run, env): initialise GTK in the tool only. */
  if (strcmp (program_invocation_short_name, "gtk4-builder-tool") != 0)
    return;

  adw_init ();
}
