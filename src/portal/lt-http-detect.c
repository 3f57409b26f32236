/* lt-http-detect.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-http-detect"

#include "config.h"

#include "lt-http-detect.h"
#include "lt-error.h"
#include "lt-version-detect.h"

#include <glib/gi18n-lib.h>

typedef struct
{
  char           *url;
  LtInstallation *installation;  /* NULL for a bare URL */
  GDateTime      *now;
  char           *text;          /* the version text found */
  LtVersion      *version;
} Detect;

static void
detect_free (gpointer data)
{
  Detect *detect = data;

  g_free (detect->url);
  g_clear_object (&detect->installation);
  g_clear_pointer (&detect->now, g_date_time_unref);
  g_free (detect->text);
  g_clear_pointer (&detect->version, lt_version_free);
  g_free (detect);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Detect *detect = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;

  body = lt_portal_client_fetch_text_finish (LT_PORTAL_CLIENT (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  detect->text = lt_version_detect_from_text (body, -1, detect->url, &detect->version, &error);
  if (detect->text == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (detect->installation != NULL)
    {
      g_object_freeze_notify (G_OBJECT (detect->installation));
      lt_installation_set_detected_version (detect->installation, detect->text);
      lt_installation_set_detected_at (detect->installation, detect->now);
      g_object_thaw_notify (G_OBJECT (detect->installation));
    }
  g_task_return_boolean (task, TRUE);
}

static void
start (LtPortalClient      *client,
       Detect              *detect,
       gpointer             source_tag,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  GTask *task = g_task_new (client, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, detect, detect_free);
  /* A version file holds one short line; the same limit as for a file
   * keeps a wrong URL (a web page, a download) from being read whole. */
  lt_portal_client_fetch_text_async (client, detect->url, LT_VERSION_FILE_MAX_SIZE, cancellable,
                                     fetch_cb, task);
}

/**
 * lt_http_detect_version_async:
 * @client: the portal client whose HTTP stack is used
 * @url: an http:// or https:// URL answering with the version
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 */
void
lt_http_detect_version_async (LtPortalClient      *client,
                              const char          *url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Detect *detect;

  g_return_if_fail (LT_IS_PORTAL_CLIENT (client));
  g_return_if_fail (url != NULL);

  detect = g_new0 (Detect, 1);
  detect->url = g_strdup (url);
  start (client, detect, lt_http_detect_version_async, cancellable, callback, user_data);
}

/**
 * lt_http_detect_version_finish:
 * @client: the portal client
 * @result: the result
 * @version: (out) (optional) (transfer full): the parsed version
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the version text as found
 */
char *
lt_http_detect_version_finish (LtPortalClient  *client,
                               GAsyncResult    *result,
                               LtVersion      **version,
                               GError         **error)
{
  Detect *detect;

  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lt_http_detect_version_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  detect = g_task_get_task_data (G_TASK (result));
  if (version != NULL)
    *version = g_steal_pointer (&detect->version);
  return g_strdup (detect->text);
}

/**
 * lt_http_detect_installation_async:
 * @client: the portal client whose HTTP stack is used
 * @installation: an installation whose detection method is http
 * @now: when the detection runs, recorded as its detected-at
 * @cancellable: (nullable): a cancellable
 * @callback: called when done
 * @user_data: for @callback
 */
void
lt_http_detect_installation_async (LtPortalClient      *client,
                                   LtInstallation      *installation,
                                   GDateTime           *now,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  const char *url;
  Detect *detect;

  g_return_if_fail (LT_IS_PORTAL_CLIENT (client));
  g_return_if_fail (LT_IS_INSTALLATION (installation));
  g_return_if_fail (lt_installation_get_detection_method (installation) == LT_DETECTION_METHOD_HTTP);
  g_return_if_fail (now != NULL);

  url = lt_installation_get_location (installation);
  if (url == NULL || (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://")))
    {
      g_task_report_new_error (client, callback, user_data, lt_http_detect_installation_async,
                               LT_ERROR, LT_ERROR_INVALID_INPUT,
                               _("“%s” is not an http:// or https:// URL"), url != NULL ? url : "");
      return;
    }

  detect = g_new0 (Detect, 1);
  detect->url = g_strdup (url);
  detect->installation = g_object_ref (installation);
  detect->now = g_date_time_ref (now);
  start (client, detect, lt_http_detect_installation_async, cancellable, callback, user_data);
}

/**
 * lt_http_detect_installation_finish:
 * @client: the portal client
 * @result: the result
 * @error: return location for an error
 *
 * Returns: %TRUE when a version was read and set on the installation
 */
gboolean
lt_http_detect_installation_finish (LtPortalClient  *client,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
