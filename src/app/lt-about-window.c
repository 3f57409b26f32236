/* lt-about-window.c
 *
 * AdwAboutWindow is final, so this is a constructor, not a subclass.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-about-window"

#include "config.h"

#include "lt-about-window.h"

#include "lt-rules.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

/* Uninstalled (make run) the icon theme does not know our icon yet; the
 * About window would show a broken image rather than nothing. */
static const char *
choose_icon (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkIconTheme *theme = display != NULL ? gtk_icon_theme_get_for_display (display) : NULL;

  if (theme != NULL && gtk_icon_theme_has_icon (theme, APPLICATION_ID))
    return APPLICATION_ID;

  return "security-high-symbolic";
}

/**
 * lt_about_window_new:
 * @context: the application's context
 *
 * Returns: (transfer floating): a new About window
 */
GtkWidget *
lt_about_window_new (LtContext *context)
{
  LtPolicy *policy;
  GtkWidget *about;
  g_autofree char *effective = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *review = NULL;
  g_autofree char *policy_text = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *support_mail = NULL;
  g_autofree char *csm_mail = NULL;
  GDate next_review, today;

  g_return_val_if_fail (LT_IS_CONTEXT (context), NULL);

  policy = lt_context_get_policy (context);
  lt_clock_get_local_today (lt_context_get_clock (context), &today);
  lt_rules_next_policy_review_for_policy (policy, &next_review);

  effective = lt_ui_format_date_long (lt_policy_get_effective_date (policy), NULL);
  updated = lt_ui_format_date_long (lt_policy_get_updated_date (policy), NULL);
  review = lt_ui_format_date_long (&next_review, NULL);

  if (lt_rules_policy_review_is_overdue_for_policy (policy, &today))
    policy_text = g_strdup_printf (_("%s: in effect since %s, last updated %s. Its review was due on %s."),
                                   lt_policy_get_title (policy), effective, updated, review);
  else
    policy_text = g_strdup_printf (_("%s: in effect since %s, last updated %s. Next review: %s."),
                                   lt_policy_get_title (policy), effective, updated, review);

  comments = g_strdup_printf ("%s\n\n%s",
                              _("The desktop companion for administrators of on-premise LockThreat servers: which versions are supported, when LockThreat must answer, how much notice a change needs, and every ticket, offline too."),
                              policy_text);

  about = adw_about_window_new ();
  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("LockThreat Support"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), choose_icon ());
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), "LockThreat");
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about), comments);
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), lt_policy_get_portal_url (policy));
  adw_about_window_set_support_url (ADW_ABOUT_WINDOW (about), lt_policy_get_portal_url (policy));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (ADW_ABOUT_WINDOW (about), "© LockThreat");

  /* §18, without the critical line (R10). */
  support_mail = g_strdup_printf ("mailto:%s", lt_policy_get_support_email (policy));
  csm_mail = g_strdup_printf ("mailto:%s", lt_policy_get_csm_email (policy));
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("_Support Portal"),
                             lt_policy_get_portal_url (policy));
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("Support _Email"), support_mail);
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("Customer Success _Manager"), csm_mail);

  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), lt_policy_get_title (policy),
                                      NULL, GTK_LICENSE_CUSTOM,
                                      lt_policy_get_sla_is_default (policy)
                                      ? _("The support policy is LockThreat’s; this application reads it and applies it. Response times shown are per your contract; defaults until the portal sends your contract’s table.")
                                      : _("The support policy is LockThreat’s; this application reads it and applies it with the response times of your contract."));

  return about;
}
