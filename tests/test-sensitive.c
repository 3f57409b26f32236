/* test-sensitive.c: the sensitive-data scanner (lt-sensitive.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-sensitive"

#include "config.h"

#include "lt-sensitive.h"
#include "lt-test-util.h"

#include <string.h>

static GPtrArray *
scan (const char *text)
{
  GPtrArray *findings = lt_sensitive_scan (text);

  g_assert_nonnull (findings);
  return findings;
}

static const LtSensitiveFinding *
only (GPtrArray *findings)
{
  g_assert_cmpuint (findings->len, ==, 1);
  return g_ptr_array_index (findings, 0);
}

/* The secret the finding points at, as bytes of @text. */
static char *
secret_of (const char               *text,
           const LtSensitiveFinding *finding)
{
  return g_strndup (text + finding->offset, finding->length);
}

static void
assert_one (const char      *text,
            LtSensitiveKind  kind,
            const char      *secret,
            guint            line,
            guint            column)
{
  g_autoptr(GPtrArray) findings = NULL;
  const LtSensitiveFinding *finding;
  g_autofree char *found = NULL;

  g_test_message ("scanning “%s”", text);
  findings = scan (text);
  finding = only (findings);
  found = secret_of (text, finding);

  g_assert_cmpint (finding->kind, ==, kind);
  g_assert_cmpstr (found, ==, secret);
  g_assert_cmpuint (finding->line, ==, line);
  g_assert_cmpuint (finding->column, ==, column);
  /* The excerpt never shows the secret. */
  g_assert_null (strstr (finding->excerpt, secret));
  g_assert_nonnull (strstr (finding->excerpt, LT_SENSITIVE_MASK));
}

static void
test_password_assignments (void)
{
  assert_one ("password=hunter2", LT_SENSITIVE_KIND_PASSWORD, "hunter2", 1, 10);
  assert_one ("db:\n  password: \"S3cr3t pass\"\n", LT_SENSITIVE_KIND_PASSWORD, "S3cr3t pass", 2, 14);
  assert_one ("{\"user\": \"ops\", \"password\": \"x7!Kq\"}", LT_SENSITIVE_KIND_PASSWORD, "x7!Kq", 1, 30);
  assert_one ("export PGPASSWORD=tr0ub4dor", LT_SENSITIVE_KIND_PASSWORD, "tr0ub4dor", 1, 19);
  assert_one ("mysql --password 'a b c' -u root", LT_SENSITIVE_KIND_PASSWORD, "a b c", 1, 19);
  assert_one ("$cfg['pwd'] => 'letmein';", LT_SENSITIVE_KIND_PASSWORD, "letmein", 1, 17);
}

static void
test_placeholders_are_not_secrets (void)
{
  const char * const texts[] = {
    "password: ********",
    "password=<your password>",
    "password: ${DB_PASSWORD}",
    "password = \"\"",
    "PASSWORD=password",
    "password: •••••",
    "token: xxxxxxxxxxxx",
    "api_key = %(api_key)s",
    /* Prose about passwords and tokens is not a secret. */
    "The password expired yesterday and the bearer authentication failed.",
    "passwords: see the vault; password_hash = bcrypt",
    "Bearer authorization is configured on the collector",
    NULL
  };

  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) findings = scan (texts[i]);

      if (findings->len != 0)
        g_test_message ("“%s” was flagged at column %u", texts[i],
                        ((LtSensitiveFinding *) g_ptr_array_index (findings, 0))->column);
      g_assert_cmpuint (findings->len, ==, 0);
    }
}

static void
test_tokens (void)
{
  assert_one ("curl -H 'Authorization: Bearer 4f9a8c7e6d5b4a39281f7e6d' https://x",
              LT_SENSITIVE_KIND_BEARER_TOKEN, "4f9a8c7e6d5b4a39281f7e6d", 1, 32);
  assert_one ("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked",
              LT_SENSITIVE_KIND_API_TOKEN, "ghp_abcdefghijklmnopqrstuvwxyz0123456789", 1, 7);
  assert_one ("SLACK=xoxb-1234567890-abcdefghij", LT_SENSITIVE_KIND_API_TOKEN,
              "xoxb-1234567890-abcdefghij", 1, 7);
  assert_one ("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", LT_SENSITIVE_KIND_API_TOKEN,
              "sk_live_4eC39HqLyjWDarjtT1zdp7dc", 1, 8);
  assert_one ("X-API-Key: 9f86d081884c7d65", LT_SENSITIVE_KIND_API_TOKEN, "9f86d081884c7d65", 1, 12);
  assert_one ("client_secret=\"Zx81_qPw-77aa\"", LT_SENSITIVE_KIND_API_TOKEN, "Zx81_qPw-77aa", 1, 16);
}

static void
test_aws (void)
{
  g_autoptr(GPtrArray) findings = NULL;
  const char *text = "[default]\n"
                     "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                     "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
  const LtSensitiveFinding *id, *secret;
  g_autofree char *id_text = NULL;
  g_autofree char *secret_text = NULL;

  findings = scan (text);
  g_assert_cmpuint (findings->len, ==, 2);
  id = g_ptr_array_index (findings, 0);
  secret = g_ptr_array_index (findings, 1);
  id_text = secret_of (text, id);
  secret_text = secret_of (text, secret);

  g_assert_cmpint (id->kind, ==, LT_SENSITIVE_KIND_AWS_ACCESS_KEY);
  g_assert_cmpstr (id_text, ==, "AKIAIOSFODNN7EXAMPLE");
  g_assert_cmpuint (id->line, ==, 2);
  g_assert_cmpuint (id->column, ==, 21);
  g_assert_cmpstr (id->excerpt, ==, "aws_access_key_id = " LT_SENSITIVE_MASK);

  g_assert_cmpint (secret->kind, ==, LT_SENSITIVE_KIND_AWS_SECRET_KEY);
  g_assert_cmpstr (secret_text, ==, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  g_assert_cmpuint (secret->line, ==, 3);
  g_assert_cmpuint (secret->column, ==, 25);
}

static void
test_private_key (void)
{
  const char *text = "Here is the key we use:\n"
                     "-----BEGIN OPENSSH PRIVATE KEY-----\n"
                     "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
                     "QyNTUxOQAAACDg3c6yYqgc0N8PnC8f0ndkv5Xw9z6m4b1o5W1v9rGJgQAAAJjJd4nLyXeJ\n"
                     "-----END OPENSSH PRIVATE KEY-----\n"
                     "and the password=swordfish1 too";
  g_autoptr(GPtrArray) findings = scan (text);
  const LtSensitiveFinding *key;
  const LtSensitiveFinding *password;
  g_autofree char *redacted = NULL;

  g_assert_cmpuint (findings->len, ==, 2);
  key = g_ptr_array_index (findings, 0);
  password = g_ptr_array_index (findings, 1);

  g_assert_cmpint (key->kind, ==, LT_SENSITIVE_KIND_PRIVATE_KEY);
  g_assert_cmpuint (key->line, ==, 2);
  g_assert_cmpuint (key->column, ==, 1);
  g_assert_cmpstr (key->excerpt, ==, "-----BEGIN OPENSSH PRIVATE KEY----- " LT_SENSITIVE_MASK);
  g_assert_cmpint (password->kind, ==, LT_SENSITIVE_KIND_PASSWORD);
  g_assert_cmpuint (password->line, ==, 6);

  /* Redaction takes the whole block, markers included. */
  redacted = lt_sensitive_redact (text, findings);
  g_assert_cmpstr (redacted, ==,
                   "Here is the key we use:\n" LT_SENSITIVE_MASK "\n"
                   "and the password=" LT_SENSITIVE_MASK " too");
}

static void
test_unterminated_private_key (void)
{
  const char *text = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n";
  g_autoptr(GPtrArray) findings = scan (text);
  const LtSensitiveFinding *key = only (findings);

  /* A key pasted without its end is still all secret, to the end. */
  g_assert_cmpint (key->kind, ==, LT_SENSITIVE_KIND_PRIVATE_KEY);
  g_assert_cmpuint (key->offset + key->length, ==, strlen (text));
}

static void
test_jwt_wins_over_bearer (void)
{
  const char *jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  g_autofree char *text = g_strdup_printf ("Authorization: Bearer %s", jwt);

  /* Both shapes cover the same characters: reported once, as the more
   * specific kind. */
  assert_one (text, LT_SENSITIVE_KIND_JWT, jwt, 1, 23);
}

static void
test_connection_strings (void)
{
  assert_one ("DATABASE_URL=postgres://app:Wq9%40z@db.internal:5432/app",
              LT_SENSITIVE_KIND_CONNECTION_STRING, "Wq9%40z", 1, 29);
  assert_one ("Server=sql01;Database=lt;User Id=sa;Password=P@ssw0rd!;",
              LT_SENSITIVE_KIND_CONNECTION_STRING, "P@ssw0rd!", 1, 46);
  /* A URL with a user but no password is not a credential. */
  {
    g_autoptr(GPtrArray) findings = scan ("see https://ops@git.example.com/repo and ssh://git@host/x");

    g_assert_cmpuint (findings->len, ==, 0);
  }
}

/* Columns count characters, so that an editor's "go to column" finds it
 * after non-ASCII text. */
static void
test_columns_are_characters (void)
{
  assert_one ("Zürich → Genève: password=Grüße1", LT_SENSITIVE_KIND_PASSWORD, "Grüße1", 1, 27);
}

static void
test_excerpt_is_shortened (void)
{
  g_autofree char *padding = g_strnfill (200, 'a');
  g_autofree char *text = g_strdup_printf ("%s password=hunter22 %s", padding, padding);
  g_autoptr(GPtrArray) findings = scan (text);
  const LtSensitiveFinding *finding = only (findings);

  g_assert_true (g_str_has_prefix (finding->excerpt, "…"));
  g_assert_true (g_str_has_suffix (finding->excerpt, "…"));
  g_assert_nonnull (strstr (finding->excerpt, "password=" LT_SENSITIVE_MASK));
  g_assert_cmpuint (g_utf8_strlen (finding->excerpt, -1), <=, 2 + 40 + 8 + 40);
}

static void
test_empty_and_invalid (void)
{
  g_autoptr(GPtrArray) none = scan (NULL);
  g_autoptr(GPtrArray) empty = scan ("");
  g_autoptr(GPtrArray) findings = NULL;
  const char invalid[] = "password=hunter2\n\xff\xfe password=after";

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (empty->len, ==, 0);

  /* Scanned up to the first invalid byte, not refused. */
  findings = scan (invalid);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpuint (((LtSensitiveFinding *) g_ptr_array_index (findings, 0))->line, ==, 1);
}

static void
test_redact_clean_text (void)
{
  const char *text = "Collector restarts after the upgrade; logs attached.";
  g_autoptr(GPtrArray) findings = scan (text);
  g_autofree char *redacted = lt_sensitive_redact (text, findings);

  g_assert_cmpuint (findings->len, ==, 0);
  g_assert_cmpstr (redacted, ==, text);
}

static void
test_labels (void)
{
  for (guint kind = 0; kind < LT_SENSITIVE_N_KINDS; kind++)
    {
      const char *label = lt_sensitive_kind_get_label ((LtSensitiveKind) kind);

      g_assert_nonnull (label);
      g_assert_cmpstr (label, !=, "Secret");
    }
  g_assert_cmpstr (lt_sensitive_kind_get_label (LT_SENSITIVE_KIND_PRIVATE_KEY), ==, "Private key");
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/sensitive/password", test_password_assignments);
  g_test_add_func ("/lt/sensitive/placeholders", test_placeholders_are_not_secrets);
  g_test_add_func ("/lt/sensitive/tokens", test_tokens);
  g_test_add_func ("/lt/sensitive/aws", test_aws);
  g_test_add_func ("/lt/sensitive/private-key", test_private_key);
  g_test_add_func ("/lt/sensitive/private-key/unterminated", test_unterminated_private_key);
  g_test_add_func ("/lt/sensitive/jwt-over-bearer", test_jwt_wins_over_bearer);
  g_test_add_func ("/lt/sensitive/connection-strings", test_connection_strings);
  g_test_add_func ("/lt/sensitive/columns", test_columns_are_characters);
  g_test_add_func ("/lt/sensitive/excerpt", test_excerpt_is_shortened);
  g_test_add_func ("/lt/sensitive/empty-and-invalid", test_empty_and_invalid);
  g_test_add_func ("/lt/sensitive/redact-clean", test_redact_clean_text);
  g_test_add_func ("/lt/sensitive/labels", test_labels);

  return g_test_run ();
}
