/* test-credentials.c: the portal token in the keyring (libsecret)
 *
 * Runs under tests/run-with-keyring.sh: a real gnome-keyring-daemon on a
 * private session bus, so every keyring test goes through libsecret and
 * the Secret Service protocol for real. Where no Secret Service answers,
 * those tests skip and say why. The tests of a machine without a keyring
 * run in subprocesses pointed at a bus that does not exist, or at a
 * private bus where nobody provides the Secret Service.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-util.h"
#include "lt-test-server.h"
#include "lt-credentials.h"
#include "lt-portal-client.h"

#include <string.h>
#include <sys/prctl.h>

#define PORTAL "https://support.lockthreat.com"
#define TOKEN_A "tokA.9b1Qe7Lx3Vt5Np0Rz"
#define TOKEN_B "tokB-4Hs8Kd2Mf6Wq1Yc"

static gboolean keyring_available;

static gboolean
require_keyring (void)
{
  if (!keyring_available)
    g_test_skip ("no Secret Service on the session bus (run under tests/run-with-keyring.sh)");
  return keyring_available;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static SecretValue *
lookup (LtCredentials  *credentials,
        LtTokenSource  *source,
        GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lt_credentials_lookup_async (credentials, NULL, result_cb, &result);
  return lt_credentials_lookup_finish (credentials, wait_for (&result), source, error);
}

static gboolean
store (LtCredentials  *credentials,
       const char     *token,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lt_credentials_store_async (credentials, token, NULL, result_cb, &result);
  return lt_credentials_store_finish (credentials, wait_for (&result), error);
}

static gboolean
clear (LtCredentials  *credentials,
       gboolean       *removed,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lt_credentials_clear_async (credentials, NULL, result_cb, &result);
  return lt_credentials_clear_finish (credentials, wait_for (&result), removed, error);
}

static void
test_keyring_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) portal = lt_credentials_new (PORTAL, NULL);
  g_autoptr(LtCredentials) relay = lt_credentials_new ("https://relay.acme.example:8443", NULL);
  g_autoptr(SecretValue) value = NULL;
  LtTokenSource source = LT_TOKEN_SOURCE_ENVIRONMENT;
  gboolean removed = FALSE;

  if (!require_keyring ())
    return;
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);

  /* Nothing stored: NULL without an error (not signed in). */
  value = lookup (portal, &source, &error);
  g_assert_no_error (error);
  g_assert_null (value);
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_NONE);

  g_assert_true (store (portal, TOKEN_A, &error));
  g_assert_no_error (error);
  value = lookup (portal, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_A);
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_KEYRING);
  g_clear_pointer (&value, secret_value_unref);

  /* Keyed by portal: another portal has its own item. */
  value = lookup (relay, &source, &error);
  g_assert_no_error (error);
  g_assert_null (value);
  g_assert_true (store (relay, TOKEN_B, &error));
  g_assert_no_error (error);

  /* Storing again replaces; it does not add a second item. */
  g_assert_true (store (portal, TOKEN_B, &error));
  value = lookup (portal, NULL, &error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_B);
  g_clear_pointer (&value, secret_value_unref);

  g_assert_true (clear (portal, &removed, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  value = lookup (portal, &source, &error);
  g_assert_no_error (error);
  g_assert_null (value);
  /* Signing out twice is not an error. */
  g_assert_true (clear (portal, &removed, &error));
  g_assert_false (removed);

  /* The relay's token was not touched. */
  value = lookup (relay, NULL, &error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_B);
  g_assert_true (clear (relay, &removed, &error));
}

static void
test_keyring_sync (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) portal = lt_credentials_new (PORTAL, NULL);
  g_autoptr(SecretValue) value = NULL;
  LtTokenSource source;
  gboolean removed = FALSE;

  if (!require_keyring ())
    return;
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);

  g_assert_true (lt_credentials_store_sync (portal, TOKEN_A, NULL, &error));
  g_assert_no_error (error);
  value = lt_credentials_lookup_sync (portal, &source, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_A);
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_KEYRING);
  g_assert_true (lt_credentials_clear_sync (portal, &removed, NULL, &error));
  g_assert_true (removed);
  g_clear_pointer (&value, secret_value_unref);
  value = lt_credentials_lookup_sync (portal, &source, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_NONE);
}

/* The item is what other tools see: the schema's name, the "portal"
 * attribute with the normalized URL, a label naming the portal. */
static void
test_keyring_item (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) typed = lt_credentials_new ("HTTPS://Support.LockThreat.com:443/", NULL);
  g_autoptr(LtCredentials) plain = lt_credentials_new (PORTAL, NULL);
  g_autoptr(SecretValue) value = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  g_autofree char *direct = NULL;

  if (!require_keyring ())
    return;
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);

  g_assert_cmpstr (lt_credentials_get_portal_url (typed), ==, PORTAL);
  g_assert_true (store (typed, TOKEN_A, &error));
  g_assert_no_error (error);

  /* The way the user wrote the URL does not matter. */
  value = lookup (plain, NULL, &error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_A);

  direct = secret_password_lookup_sync (lt_credentials_get_schema (), NULL, &error,
                                        "portal", PORTAL, NULL);
  g_assert_no_error (error);
  g_assert_cmpstr (direct, ==, TOKEN_A);

  items = secret_password_search_sync (lt_credentials_get_schema (), SECRET_SEARCH_ALL, NULL,
                                       &error, "portal", PORTAL, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_item_get_label (items->data);
  g_assert_cmpstr (label, ==, "LockThreat Support portal token (" PORTAL ")");
  attributes = secret_item_get_attributes (items->data);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "xdg:schema"), ==, LT_CREDENTIALS_SCHEMA_NAME);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "portal"), ==, PORTAL);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "origin"), ==, PORTAL ":443");

  g_assert_true (lt_credentials_clear_sync (plain, NULL, NULL, &error));
}

/* A token answers only for the origin it was saved for: another scheme,
 * port or host finds none, and an item without an origin (saved by an
 * earlier version, perhaps for an address the portal's policy had chosen)
 * is not used: the lookup says to sign in again, and signing out removes
 * it. */
static void
test_keyring_origin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) portal = lt_credentials_new ("https://portal.acme.example:8443", NULL);
  g_autoptr(LtCredentials) other_port = lt_credentials_new ("https://portal.acme.example", NULL);
  g_autoptr(LtCredentials) other_scheme = lt_credentials_new ("http://portal.acme.example:8443", NULL);
  g_autoptr(LtCredentials) other_host = lt_credentials_new ("https://evil.acme.example:8443", NULL);
  g_autoptr(LtCredentials) legacy = lt_credentials_new ("https://legacy.acme.example", NULL);
  g_autoptr(SecretValue) value = NULL;
  gboolean removed = FALSE;

  if (!require_keyring ())
    return;
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);

  g_assert_true (store (portal, TOKEN_A, &error));
  g_assert_no_error (error);
  value = lt_credentials_lookup_sync (portal, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_A);
  g_clear_pointer (&value, secret_value_unref);

  value = lookup (other_port, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);
  value = lookup (other_scheme, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);
  value = lt_credentials_lookup_sync (other_host, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (value);

  /* An item as the earlier version stored it: the "portal" attribute
   * only. */
  g_assert_true (secret_password_store_sync (lt_credentials_get_schema (), SECRET_COLLECTION_DEFAULT,
                                             "old item", TOKEN_B, NULL, &error,
                                             "portal", "https://legacy.acme.example", NULL));
  g_assert_no_error (error);
  value = lookup (legacy, NULL, &error);
  g_assert_null (value);
  g_assert_error (error, LT_ERROR, LT_ERROR_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "by an earlier version is not used"));
  g_assert_nonnull (strstr (error->message, "sign in again"));
  g_assert_null (strstr (error->message, TOKEN_B));
  g_clear_error (&error);
  value = lt_credentials_lookup_sync (legacy, NULL, NULL, &error);
  g_assert_null (value);
  g_assert_error (error, LT_ERROR, LT_ERROR_CREDENTIALS);
  g_clear_error (&error);

  /* Signing in again stores an item with its origin, which is used. */
  g_assert_true (lt_credentials_store_sync (legacy, TOKEN_A, NULL, &error));
  value = lookup (legacy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_A);
  g_clear_pointer (&value, secret_value_unref);

  /* Signing out removes both. */
  g_assert_true (clear (legacy, &removed, &error));
  g_assert_true (removed);
  g_assert_null (secret_password_lookup_sync (lt_credentials_get_schema (), NULL, &error,
                                              "portal", "https://legacy.acme.example", NULL));
  g_assert_no_error (error);
  g_assert_true (clear (portal, &removed, &error));
}

/* A process that makes credentials is about to hold a token: it is no
 * longer dumpable (no core file, no ptrace). In a subprocess, since the
 * change cannot be undone by design of the test. */
static void
test_not_dumpable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(LtCredentials) credentials = NULL;

      g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
      credentials = lt_credentials_new (PORTAL, NULL);
      g_assert_nonnull (credentials);
      g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A client never takes the credentials of another origin: their token
 * would go there. */
static void
test_client_origin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) credentials = lt_credentials_new (PORTAL, NULL);
  g_autoptr(LtPortalClient) client = NULL;

  client = lt_portal_client_new ("https://support.lockthreat.com.evil.example", credentials, NULL, &error);
  g_assert_null (client);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  client = lt_portal_client_new ("https://support.lockthreat.com:8443", credentials, NULL, &error);
  g_assert_null (client);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* The same origin spelled otherwise is the same portal. */
  client = lt_portal_client_new ("HTTPS://Support.LockThreat.com:443/", credentials, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (client);
}

/* LTSUPPORT_TOKEN is refused for credentials made without it (a portal
 * that was not named for the process): the keyring answers, and when it
 * has nothing the lookup says why the variable is not used. */
static void
test_environment_bound (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) named = lt_credentials_new_full (PORTAL, TRUE, NULL);
  g_autoptr(LtCredentials) unnamed = lt_credentials_new_full (PORTAL, FALSE, NULL);
  g_autoptr(SecretValue) value = NULL;
  LtTokenSource source = LT_TOKEN_SOURCE_NONE;

  g_setenv (LT_CREDENTIALS_TOKEN_ENV, TOKEN_B, TRUE);
  value = lookup (named, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_B);
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_ENVIRONMENT);
  g_clear_pointer (&value, secret_value_unref);

  if (!keyring_available)
    {
      g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);
      g_test_skip ("no Secret Service on the session bus (run under tests/run-with-keyring.sh)");
      return;
    }
  value = lookup (unnamed, &source, &error);
  g_assert_null (value);
  g_assert_error (error, LT_ERROR, LT_ERROR_CREDENTIALS);
  g_assert_cmpstr (error->message, ==,
                   "LTSUPPORT_TOKEN is not used for “" PORTAL "”: it is the token only of the "
                   "portal named for this process (--portal or LTSUPPORT_PORTAL); name the "
                   "portal, or sign in to it");
  g_clear_error (&error);
  value = lt_credentials_lookup_sync (unnamed, &source, NULL, &error);
  g_assert_null (value);
  g_assert_error (error, LT_ERROR, LT_ERROR_CREDENTIALS);
  g_clear_error (&error);

  /* The keyring's token for that portal is used. */
  g_assert_true (store (unnamed, TOKEN_A, &error));
  value = lookup (unnamed, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_A);
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_KEYRING);
  g_assert_true (lt_credentials_clear_sync (unnamed, NULL, NULL, &error));
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);
}

static void
test_environment_overrides (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) portal = lt_credentials_new (PORTAL, NULL);
  g_autoptr(SecretValue) value = NULL;
  LtTokenSource source = LT_TOKEN_SOURCE_NONE;

  /* An explicit choice for this process wins over the keyring; nothing is
   * saved. */
  if (keyring_available)
    g_assert_true (lt_credentials_store_sync (portal, TOKEN_A, NULL, NULL));
  g_setenv (LT_CREDENTIALS_TOKEN_ENV, TOKEN_B, TRUE);

  value = lookup (portal, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_B);
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_ENVIRONMENT);
  g_assert_cmpstr (lt_token_source_describe (source), ==,
                   "Using the portal token from LTSUPPORT_TOKEN for this process only; it was "
                   "not saved.");
  g_clear_pointer (&value, secret_value_unref);

  value = lt_credentials_lookup_sync (portal, &source, NULL, &error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_B);
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_ENVIRONMENT);

  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);
  if (keyring_available)
    {
      g_clear_pointer (&value, secret_value_unref);
      value = lookup (portal, &source, &error);
      g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_A);
      g_assert_true (lt_credentials_clear_sync (portal, NULL, NULL, NULL));
    }
}

static void
test_validate (void)
{
  static const char *good[] = { "abc", "A-b.c_d~e+f/g==", "x=", NULL };
  static const struct { const char *token; const char *message; } bad[] = {
    { "", "the portal token is empty" },
    { "==", "the portal token holds only “=” signs" },
    { "abc def", "the portal token has a character a token cannot have at position 4 "
      "(spaces, line breaks and quotes are not allowed); copy it again" },
    { "abc\r\nX-Injected: 1", "the portal token has a character a token cannot have at "
      "position 4 (spaces, line breaks and quotes are not allowed); copy it again" },
    { "ab=c", NULL },
  };

  for (guint i = 0; good[i] != NULL; i++)
    g_assert_true (lt_credentials_validate_token (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (lt_credentials_validate_token (bad[i].token, &error));
      g_assert_error (error, LT_ERROR, LT_ERROR_CREDENTIALS);
      if (bad[i].message != NULL)
        g_assert_cmpstr (error->message, ==, bad[i].message);
    }
}

static void
test_environment_invalid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) portal = lt_credentials_new (PORTAL, NULL);
  g_autoptr(SecretValue) value = NULL;

  g_setenv (LT_CREDENTIALS_TOKEN_ENV, "secret with spaces", TRUE);
  value = lookup (portal, NULL, &error);
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);
  g_assert_null (value);
  g_assert_error (error, LT_ERROR, LT_ERROR_CREDENTIALS);
  g_assert_true (g_str_has_prefix (error->message, "LTSUPPORT_TOKEN: "));
  g_assert_null (strstr (error->message, "secret"));
}

static void
test_store_refuses_bad_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) portal = lt_credentials_new (PORTAL, NULL);

  g_assert_false (store (portal, "two words", &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_CREDENTIALS);
}

static void
test_bad_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) credentials = lt_credentials_new ("mailto:support@lockthreat.com", &error);

  g_assert_null (credentials);
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
}

/* The client asks the keyring per request and sends what it finds. */
static void
test_client_uses_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtTestServer) server = NULL;
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(LtPortalClient) client = NULL;
  g_autoptr(LtTestRequest) request = NULL;
  g_autoptr(LtAccount) account = NULL;
  g_autofree char *expected = NULL;
  GAsyncResult *result = NULL;

  if (!require_keyring ())
    return;
  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);

  server = lt_test_server_new (NULL);
  lt_test_server_add_response (server, "GET", "/api/v1/account", 200, "application/json",
                               "{\"customer_name\": \"Acme\", \"tier\": \"essential\","
                               " \"primary_contact\": null, \"csm_email\": null, \"invoices\": []}",
                               NULL);
  credentials = lt_credentials_new (lt_test_server_get_url (server), &error);
  g_assert_no_error (error);
  client = lt_portal_client_new (lt_test_server_get_url (server), credentials, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (lt_credentials_store_sync (credentials, TOKEN_A, NULL, &error));
  lt_portal_client_get_account_async (client, NULL, result_cb, &result);
  account = lt_portal_client_get_account_finish (client, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  request = lt_test_server_dup_last_request (server);
  g_assert_true (g_strcmp0 (soup_message_headers_get_one (request->headers, "Authorization"),
                            "Bearer " TOKEN_A) == 0);
  g_clear_object (&account);

  /* Signed out: no request is sent without a token. */
  g_assert_true (lt_credentials_clear_sync (credentials, NULL, NULL, &error));
  lt_portal_client_get_account_async (client, NULL, result_cb, &result);
  account = lt_portal_client_get_account_finish (client, wait_for (&result), &error);
  g_clear_object (&result);
  g_assert_null (account);
  g_assert_error (error, LT_ERROR, LT_ERROR_CREDENTIALS);
  expected = g_strdup_printf ("no portal token is stored for “%s”; sign in first, or set "
                              "LTSUPPORT_TOKEN for this process where no keyring runs",
                              lt_test_server_get_url (server));
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpuint (lt_test_server_get_request_count (server), ==, 1);
}

/* In a subprocess: the session bus named by @address has no Secret
 * Service. Lookups and stores fail with a message that says how to use
 * LTSUPPORT_TOKEN, which then works. */
static void
check_without_secret_service (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtCredentials) portal = lt_credentials_new (PORTAL, NULL);
  g_autoptr(SecretValue) value = NULL;
  LtTokenSource source = LT_TOKEN_SOURCE_KEYRING;

  g_unsetenv (LT_CREDENTIALS_TOKEN_ENV);

  value = lookup (portal, &source, &error);
  g_assert_null (value);
  g_assert_error (error, LT_ERROR, LT_ERROR_CREDENTIALS);
  g_assert_true (g_str_has_prefix (error->message,
                                   "no keyring (Secret Service) is running, so the portal token "
                                   "for “" PORTAL "” cannot be read; on a server without a "
                                   "keyring, set LTSUPPORT_TOKEN for this process ("));
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_NONE);
  g_clear_error (&error);

  g_assert_false (store (portal, TOKEN_A, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_CREDENTIALS);
  g_assert_true (g_str_has_prefix (error->message,
                                   "no keyring (Secret Service) is running, so the portal token "
                                   "for “" PORTAL "” cannot be saved"));
  g_clear_error (&error);

  g_setenv (LT_CREDENTIALS_TOKEN_ENV, TOKEN_B, TRUE);
  value = lookup (portal, &source, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret_value_get_text (value), ==, TOKEN_B);
  g_assert_cmpint (source, ==, LT_TOKEN_SOURCE_ENVIRONMENT);
}

static void
test_no_session_bus (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *address = g_strdup_printf ("unix:path=%s/no-bus-here", g_get_tmp_dir ());

      /* libsecret has not connected yet in this fresh process. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      check_without_secret_service ();
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GTestDBus) bus = g_test_dbus_new (G_TEST_DBUS_NONE);

      /* A private bus where nobody provides org.freedesktop.secrets. */
      g_test_dbus_up (bus);
      check_without_secret_service ();
      g_test_dbus_down (bus);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static gboolean
probe_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autofree char *found = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return FALSE;
  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  if (service == NULL)
    return FALSE;
  /* A lookup that reaches the daemon, not only the bus. */
  found = secret_password_lookup_sync (lt_credentials_get_schema (), NULL, &error,
                                       "portal", "https://probe.invalid", NULL);
  if (error != NULL)
    g_printerr ("# no usable Secret Service: %s\n", error->message);
  return error == NULL;
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  keyring_available = !g_test_subprocess () && probe_keyring ();
  if (!keyring_available && !g_test_subprocess ())
    g_test_message ("no Secret Service: the keyring tests skip");

  g_test_add_func ("/lt/credentials/keyring/async", test_keyring_async);
  g_test_add_func ("/lt/credentials/keyring/sync", test_keyring_sync);
  g_test_add_func ("/lt/credentials/keyring/item", test_keyring_item);
  g_test_add_func ("/lt/credentials/keyring/client", test_client_uses_keyring);
  g_test_add_func ("/lt/credentials/keyring/origin", test_keyring_origin);
  g_test_add_func ("/lt/credentials/environment/bound", test_environment_bound);
  g_test_add_func ("/lt/credentials/client-origin", test_client_origin);
  g_test_add_func ("/lt/credentials/not-dumpable", test_not_dumpable);
  g_test_add_func ("/lt/credentials/environment/overrides", test_environment_overrides);
  g_test_add_func ("/lt/credentials/environment/invalid", test_environment_invalid);
  g_test_add_func ("/lt/credentials/validate", test_validate);
  g_test_add_func ("/lt/credentials/store-refuses-bad-token", test_store_refuses_bad_token);
  g_test_add_func ("/lt/credentials/bad-url", test_bad_url);
  g_test_add_func ("/lt/credentials/no-session-bus", test_no_session_bus);
  g_test_add_func ("/lt/credentials/no-secret-service", test_no_secret_service);

  return g_test_run ();
}
