/* ui-demo-seed.c: fills a profile with the demo customer of
 * lt-app-demo-data.c, for `make screenshots`
 *
 *   ui-demo-seed PROFILE-DIR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ui-demo-seed"

#include "config.h"

#include "lt-app-demo-data.h"

#include <locale.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LtStore) store = NULL;
  g_autoptr(LtOutbox) outbox = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  setlocale (LC_ALL, "");

  if (argc != 2)
    {
      g_printerr ("usage: %s PROFILE-DIR\n", argv[0]);
      return 2;
    }

  path = g_build_filename (argv[1], LT_STORE_FILE_NAME, NULL);
  store = lt_store_open (path, NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  outbox = lt_outbox_new (store);
  if (!lt_app_demo_data_fill (store, outbox, &error))
    {
      g_printerr ("%s: %s\n", path, error->message);
      return 1;
    }

  return 0;
}
