/* lt-portal-choice.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-portal-choice"

#include "config.h"

#include "lt-portal-choice.h"
#include "lt-portal-client.h"

#include <glib/gi18n-lib.h>

static char *
normalize_from (const char  *where,
                const char  *url,
                GError     **error)
{
  char *normalized = lt_portal_normalize_url (url, error);

  if (normalized == NULL)
    g_prefix_error (error, "%s: ", where);
  return normalized;
}

/**
 * lt_portal_choose_url:
 * @option: (nullable): the URL given with --portal for this run
 * @setting: (nullable): the portal-url the admin saved
 * @source: (out) (optional): which of them was taken
 * @error: %LT_ERROR_INVALID_INPUT, prefixed with where the address came from
 *
 * Returns: (transfer full) (nullable): the normalized portal URL
 */
char *
lt_portal_choose_url (const char      *option,
                      const char      *setting,
                      LtPortalSource  *source,
                      GError         **error)
{
  const char *env = g_getenv (LT_PORTAL_ENV);
  LtPortalSource chosen;
  char *url;

  if (option != NULL && *option != '\0')
    {
      chosen = LT_PORTAL_SOURCE_OPTION;
      url = normalize_from ("--portal", option, error);
    }
  else if (env != NULL && *env != '\0')
    {
      chosen = LT_PORTAL_SOURCE_ENVIRONMENT;
      url = normalize_from (LT_PORTAL_ENV, env, error);
    }
  else if (setting != NULL && *setting != '\0')
    {
      chosen = LT_PORTAL_SOURCE_SETTING;
      url = normalize_from (_("the saved portal-url setting"), setting, error);
    }
  else
    {
      chosen = LT_PORTAL_SOURCE_DEFAULT;
      url = g_strdup (LT_PORTAL_DEFAULT_URL);
    }

  if (source != NULL)
    *source = chosen;
  return url;
}

gboolean
lt_portal_source_is_named (LtPortalSource source)
{
  return source == LT_PORTAL_SOURCE_OPTION || source == LT_PORTAL_SOURCE_ENVIRONMENT;
}

/**
 * lt_portal_choice_new_credentials:
 * @url: the portal lt_portal_choose_url() chose
 * @source: where it came from
 * @error: %LT_ERROR_INVALID_INPUT for the URL
 *
 * Returns: (transfer full) (nullable): its credentials; LTSUPPORT_TOKEN
 *   answers for them only when the portal was named for this process
 */
LtCredentials *
lt_portal_choice_new_credentials (const char      *url,
                                  LtPortalSource   source,
                                  GError         **error)
{
  g_return_val_if_fail (url != NULL, NULL);

  return lt_credentials_new_full (url, lt_portal_source_is_named (source), error);
}
