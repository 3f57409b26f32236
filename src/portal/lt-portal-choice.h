/* lt-portal-choice.h: which portal the token goes to
 *
 * Only the admin chooses where the token goes: --portal for one run,
 * $LTSUPPORT_PORTAL for one process, the portal address saved in the
 * settings, else LT_PORTAL_DEFAULT_URL. Nothing that arrives from the
 * network (the policy's contacts.portal, a redirect, an answer) takes part
 * in the choice; the app and the command line both call
 * lt_portal_choose_url(), and this is the only copy of the rule.
 *
 * LTSUPPORT_TOKEN is bound to the portal named for the process: it is
 * used only when the portal came from --portal or $LTSUPPORT_PORTAL
 * (lt_portal_choice_new_credentials()), never for the saved address or
 * the built-in default, so that a token exported for one portal cannot
 * travel to another one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lt-credentials.h"

G_BEGIN_DECLS

/* The environment variable naming the portal for one process. */
#define LT_PORTAL_ENV "LTSUPPORT_PORTAL"

typedef enum
{
  LT_PORTAL_SOURCE_OPTION,       /* --portal, for this run */
  LT_PORTAL_SOURCE_ENVIRONMENT,  /* $LTSUPPORT_PORTAL, for this process */
  LT_PORTAL_SOURCE_SETTING,      /* the portal-url the admin saved */
  LT_PORTAL_SOURCE_DEFAULT,      /* LT_PORTAL_DEFAULT_URL */
} LtPortalSource;

/* The portal by the precedence above, normalized
 * (lt_portal_normalize_url()). @option and @setting may be NULL or empty
 * (not given). Errors are LT_ERROR_INVALID_INPUT, prefixed with where the
 * bad address came from. */
char          *lt_portal_choose_url             (const char      *option,
                                                 const char      *setting,
                                                 LtPortalSource  *source,
                                                 GError         **error);

/* Whether the portal was named for this process (--portal,
 * $LTSUPPORT_PORTAL): only then may LTSUPPORT_TOKEN be its token. */
gboolean       lt_portal_source_is_named        (LtPortalSource   source);

/* The credentials of the chosen portal: LTSUPPORT_TOKEN is accepted only
 * when lt_portal_source_is_named (@source). */
LtCredentials *lt_portal_choice_new_credentials (const char      *url,
                                                 LtPortalSource   source,
                                                 GError         **error);

G_END_DECLS
