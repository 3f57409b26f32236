/* test-redactor.c: the streaming redaction engine and its map
 * (lt-redactor.h, lt-redaction-map.h; docs/bundle.md, "Redaction")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-redactor"

#include "config.h"

#include "lt-error.h"
#include "lt-json.h"
#include "lt-line-filter.h"
#include "lt-redactor.h"
#include "lt-test-util.h"

#include <string.h>

/* @text through a fresh input of @redactor, fed in pieces of @chunk bytes
 * (0: at once). */
static char *
redact_with (LtRedactor *redactor,
             const char *text,
             gsize       chunk)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize length = strlen (text);

  if (chunk == 0)
    chunk = length > 0 ? length : 1;
  for (gsize at = 0; at < length; at += chunk)
    lt_redactor_feed (redactor, text + at, (gssize) MIN (chunk, length - at), out);
  lt_redactor_finish (redactor, out);
  g_assert_true (g_utf8_validate (out->str, (gssize) out->len, NULL));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
redact (const char *text)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);

  return redact_with (redactor, text, 0);
}

static void
assert_absent (const char *haystack,
               const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_test_message ("“%s” leaked into “%.200s”", needle, haystack);
  g_assert_null (strstr (haystack, needle));
}

static void
test_secrets (void)
{
  const struct {
    const char      *text;
    const char      *secret;
    LtRedactionKind  kind;
  } cases[] = {
    { "DATABASE_URL=postgres://app:Wq9%40z@db.internal:5432/app", "Wq9%40z", LT_REDACTION_KIND_CONNECTION_STRING },
    { "key AKIAIOSFODNN7EXAMPLE used", "AKIAIOSFODNN7EXAMPLE", LT_REDACTION_KIND_AWS_ACCESS_KEY },
    { "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "wJalrXUtnFEMI/K7MDENG", LT_REDACTION_KIND_AWS_SECRET_KEY },
    { "cookie eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "dozjgNryP4J3", LT_REDACTION_KIND_JWT },
    { "curl -H 'Authorization: Bearer 4f9a8c7e6d5b4a39281f7e6d' https://x", "4f9a8c7e6d5b4a39281f7e6d", LT_REDACTION_KIND_BEARER_TOKEN },
    { "token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked", "ghp_abcdefghij", LT_REDACTION_KIND_API_TOKEN },
    { "password=hunter2", "hunter2", LT_REDACTION_KIND_PASSWORD },
    { "-----BEGIN PRIVATE KEY-----MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-----END PRIVATE KEY-----", "MIIEvQ", LT_REDACTION_KIND_PRIVATE_KEY },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
      g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
      g_autofree char *out = redact_with (redactor, cases[i].text, 0);
      g_autofree char *marker = g_strdup_printf ("[redacted:%s]", lt_redaction_kind_to_string (cases[i].kind));

      g_test_message ("%s → %s", cases[i].text, out);
      assert_absent (out, cases[i].secret);
      g_assert_nonnull (strstr (out, marker));
      g_assert_cmpuint (lt_redactor_get_count (redactor, cases[i].kind), ==, 1);
      g_assert_true (LT_REDACTION_KIND_IS_SECRET (cases[i].kind));
    }
}

static void
test_identities (void)
{
  const struct {
    const char *text;
    const char *expected;
  } cases[] = {
    { "connecting to db1.corp.example.com now", "connecting to host0.dom0.invalid now" },
    { "relay example.org refused", "relay dom0.invalid refused" },
    { "hook ti.northwind.test and www.example ok", "hook host0.dom0.invalid and dom1.invalid ok" },
    { "2026-12-06T09:49:21.417Z ERROR correlation[2210]: down", "2026-12-06T09:49:21.417Z ERROR correlation[2210]: down" },
    { "web01 login[2001]: pam_unix(login:session): session opened for user kpatel", "web01 login[2001]: pam_unix(login:session): session opened for user user0" },
    { "Server=db;User Id=lt_app;Database=x", "Server=db;User Id=user0;Database=x" },
    { "AH01618: user rdiaz not found: /x; session opened for user kpatel(uid=1002); New session 7 of user mfischer.", "AH01618: user user0 not found: /x; session opened for user user1(uid=1002); New session 7 of user user2." },
    { "sudo[2230]:    rdiaz : TTY=pts/0 ; PWD=/home/rdiaz ; USER=root", "sudo[2230]:    user0 : TTY=pts/0 ; PWD=/home/user0 ; USER=root" },
    /* A host's own name learnt from its FQDN, when it has a digit or a
     * '-': "www" is a word too. */
    { "fw-edge3.corp.example.com up; fw-edge3 and www.corp.example.com, www", "host0.dom0.invalid up; host0 and host1.dom0.invalid, www" },
    { "hostname=backup7 started", "hostname=host0 started" },
    { "Dec  6 21:54:40 gw-east sshd[412]: session opened", "Dec  6 21:54:40 host0 sshd[412]: session opened" },
    { "client 10.0.3.17 and 10.0.3.99 then 10.0.4.1", "client 240.0.0.17 and 240.0.0.99 then 240.0.1.1" },
    { "peer 192.168.10.200/24 down", "peer 240.0.0.200/24 down" },
    { "from fe80::1ff:fe23:4567:890a via 2a01:4f8:1:2::5", "from fd00:0:0:0::1 via fd00:0:0:1::2" },
    { "lladdr 00:1A:2b:3c:4d:5e and 00-1a-2b-3c-4d-5f", "lladdr 02:00:00:00:00:00 and 02:00:00:00:00:01" },
    { "mail to Alice.Smith@corp.example.com", "mail to mail0@dom0.invalid" },
    { "user=alice login: bob /home/carol/.ssh", "user=user0 login: user1 /home/user2/.ssh" },
    { "Failed password for invalid user dave from 10.9.9.9 port 22", "Failed password for invalid user user0 from 240.0.0.9 port 22" },
    { "https://erin:@git.corp.example.com/x", "https://user0:@host0.dom0.invalid/x" },
    /* sshd's "failed … for NAME" does not take a field's name for the
     * user: the user= after it names one. */
    { "27 failed logins for user=jmorrison within 60s", "27 failed logins for user=user0 within 60s" },
    { "Accepted publickey for uid: 1002 and failed attempts for login=kim", "Accepted publickey for uid: 1002 and failed attempts for login=user0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = redact (cases[i].text);

      g_test_message ("%s → %s", cases[i].text, out);
      g_assert_cmpstr (out, ==, cases[i].expected);
    }
}

static void
test_counts_and_findings (void)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  g_autofree char *out = NULL;
  GPtrArray *findings;
  const LtRedactionFinding *finding;

  out = redact_with (redactor,
                     "first line\n"
                     "ssh alice@shell.corp.example.com password=hunter2 from 10.1.2.3\n"
                     "again 10.1.2.4\n", 0);

  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_EMAIL), ==, 1);
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_PASSWORD), ==, 1);
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_IPV4), ==, 2);
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_HOSTNAME), ==, 0);

  findings = lt_redactor_get_findings (redactor);
  g_assert_cmpuint (findings->len, ==, 4);
  finding = g_ptr_array_index (findings, 1);
  g_assert_cmpint (finding->kind, ==, LT_REDACTION_KIND_PASSWORD);
  g_assert_cmpuint (finding->line, ==, 2);
  g_assert_nonnull (strstr (finding->excerpt, "password=[redacted:password]"));
  for (guint i = 0; i < findings->len; i++)
    {
      finding = g_ptr_array_index (findings, i);
      assert_absent (finding->excerpt, "hunter2");
      assert_absent (finding->excerpt, "alice");
      assert_absent (finding->excerpt, "10.1.2");
    }
  finding = g_ptr_array_index (findings, 3);
  g_assert_cmpuint (finding->line, ==, 3);
  g_assert_cmpstr (finding->excerpt, ==, "again 240.0.0.4");

  /* The next input starts over: line 1, no counts. */
  g_clear_pointer (&out, g_free);
  out = redact_with (redactor, "nothing here\n", 0);
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_IPV4), ==, 0);
  g_assert_cmpuint (lt_redactor_get_findings (redactor)->len, ==, 0);
}

static void
test_keywords (void)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  lt_redactor_add_keyword (redactor, "Project Falcon");
  lt_redactor_add_keyword (redactor, "acme");
  g_assert_true (lt_redactor_add_pattern (redactor, "CUST-[0-9]{5}", &error));
  g_assert_no_error (error);
  g_assert_false (lt_redactor_add_pattern (redactor, "(unclosed", &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);

  out = redact_with (redactor, "ACME runs project falcon for CUST-12345; acmes stay, CUST-12345 again\n", 0);
  g_assert_cmpstr (out, ==, "keyword0 runs keyword1 for keyword2; acmes stay, keyword2 again\n");
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_KEYWORD), ==, 4);
}

/* What the vendor needs stays as it is. */
static void
test_not_identities (void)
{
  const char * const lines[] = {
    "LockThreat 3.4.1 started",
    "upgrading 3.4.1.2 to 3.4.2.0",
    "version 10.2.3.4 installed",
    "package lockthreat-3.12.40.7 and v4.1.0.3",
    "build 3.4.1.2-rc1 and 3.4.1.2~beta2",
    "2026-12-06T21:54:40.123Z took 1.5s (250ms), 21:54:40",
    "Dec  6 09:00:00 to 17:00",
    "size 10.5MB, 4 KiB, 1.2GiB free",
    "request 123e4567-e89b-12d3-a456-426614174000 done",
    "\"GET /api/v1/tickets/42?page=2 HTTP/1.1\" 200 1534",
    "ran backup.sh and lt-sensitive.c with config.yaml, README.md",
    "listen on 127.0.0.1 and 0.0.0.0 and ::1, mask 255.255.255.0",
    "user=root login: nobody hostname=localhost",
    "login: password, host: user",
    "java.lang.String at com.example.Main",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
      g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
      g_autofree char *out = redact_with (redactor, lines[i], 0);

      g_test_message ("%s", lines[i]);
      g_assert_cmpstr (out, ==, lines[i]);
      g_assert_cmpuint (lt_redaction_map_get_size (map), ==, 0);
    }
}

/* One map across files, across bundles (export, import), and the mapping
 * never in the output. */
static void
test_consistency (void)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) first = lt_redactor_new (map);
  g_autoptr(LtRedactor) second = lt_redactor_new (map);
  g_autoptr(LtRedactionMap) imported = NULL;
  g_autoptr(LtRedactor) later = NULL;
  g_autoptr(LtJsonDocument) document = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *json_again = NULL;
  const char *text = "host=db1 at 10.0.3.17 for bob@corp.example.com on web2.corp.example.com\n";

  a = redact_with (first, text, 0);
  b = redact_with (second, "later db1 and web2.corp.example.com and 10.0.3.99, user=eve\n", 5);
  g_assert_cmpstr (a, ==, "host=host0 at 240.0.0.17 for mail0@dom0.invalid on host1.dom0.invalid\n");
  /* "db1" was learnt as a host: replaced without its "host=". */
  g_assert_cmpstr (b, ==, "later host0 and host1.dom0.invalid and 240.0.0.99, user=user0\n");

  node = lt_redaction_map_to_json (map);
  json = json_to_string (node, FALSE);
  assert_absent (a, "db1");
  assert_absent (b, "corp.example");

  document = lt_json_document_parse (json, strlen (json), LT_JSON_MAX_DEPTH, &error);
  g_assert_no_error (error);
  imported = lt_redaction_map_new_from_json (lt_json_document_get_root (document), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lt_redaction_map_get_size (imported), ==, lt_redaction_map_get_size (map));

  later = lt_redactor_new (imported);
  c = redact_with (later, "db1 10.0.3.5 10.0.7.5 web3.corp.example.com BOB@corp.example.com user=eve user=frank\n", 0);
  /* The same names, and the numbering goes on. */
  g_assert_cmpstr (c, ==, "host0 240.0.0.5 240.0.1.5 host2.dom0.invalid mail0@dom0.invalid user=user0 user=user1\n");

  /* Written again, a map reads back the same. */
  {
    g_autoptr(JsonNode) again = lt_redaction_map_to_json (imported);
    g_autoptr(LtJsonDocument) reread = NULL;
    g_autoptr(LtRedactionMap) twice = NULL;
    g_autoptr(JsonNode) twice_node = NULL;
    g_autofree char *twice_json = NULL;

    json_again = json_to_string (again, FALSE);
    reread = lt_json_document_parse (json_again, strlen (json_again), LT_JSON_MAX_DEPTH, &error);
    g_assert_no_error (error);
    twice = lt_redaction_map_new_from_json (lt_json_document_get_root (reread), &error);
    g_assert_no_error (error);
    twice_node = lt_redaction_map_to_json (twice);
    twice_json = json_to_string (twice_node, FALSE);
    g_assert_cmpstr (twice_json, ==, json_again);
  }
}

/* Redacted text through the engine again, with its map or another one:
 * nothing changes (a quoted answer, a bundle of bundles). */
static void
test_second_pass (void)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactionMap) other = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  g_autoptr(LtRedactor) fresh = lt_redactor_new (other);
  g_autofree char *once = NULL;
  g_autofree char *twice = NULL;
  g_autofree char *elsewhere = NULL;

  once = redact_with (redactor,
                      "hostname=vault user=alice bob@corp.example.com db1.corp.example.com example.org\n"
                      "10.0.3.17 fe80::1ff:fe23:4567:890a 00:1a:2b:3c:4d:5e password=hunter2\n"
                      "postgres://app:Wq9z@db.internal:5432/app Authorization: Bearer 4f9a8c7e6d5b4a39281f7e6d\n"
                      "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n", 0);
  twice = redact_with (redactor, once, 0);
  elsewhere = redact_with (fresh, once, 0);

  g_test_message ("%s", once);
  g_assert_cmpstr (twice, ==, once);
  g_assert_cmpstr (elsewhere, ==, once);
  g_assert_cmpuint (lt_redaction_map_get_size (other), ==, 0);
  g_assert_true (lt_redaction_is_replacement ("host1.dom0.invalid"));
  g_assert_false (lt_redaction_is_replacement ("host1.dom0.invalid.example"));
}

static void
test_map_invalid (void)
{
  const char * const documents[] = {
    "[]",
    "{\"version\": 2, \"tables\": {}}",
    "{\"version\": 1, \"tables\": {\"planets\": {\"next\": 0, \"entries\": {}}}}",
    "{\"version\": 1, \"tables\": {\"host\": {\"next\": 2, \"entries\": {\"a\": \"host0\", \"b\": \"host0\"}}}}",
    "{\"version\": 1, \"tables\": {\"user\": {\"next\": -1, \"entries\": {}}}}",
    "{\"version\": 1, \"tables\": {\"user\": {\"next\": 1, \"entries\": {\"a\": 7}}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LtJsonDocument) document = lt_json_document_parse (documents[i], strlen (documents[i]), LT_JSON_MAX_DEPTH, &error);
      g_autoptr(LtRedactionMap) map = NULL;

      g_assert_no_error (error);
      map = lt_redaction_map_new_from_json (lt_json_document_get_root (document), &error);
      g_test_message ("%s: %s", documents[i], error != NULL ? error->message : "(accepted)");
      g_assert_null (map);
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_DATA);
    }
}

static void
test_unmask (void)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  g_autofree char *out = redact_with (redactor, "hostname=vault host=db1.corp.example.com 10.0.3.17 user=alice\n", 0);
  g_autoptr(GPtrArray) found = NULL;
  const char *comment = "host0 fails to reach 240.0.0.17; host1 (host1.dom0.invalid) and user0, not host9 or xhost0.";
  const LtRedactionUnmasked *u;

  g_assert_cmpstr (out, ==, "hostname=host0 host=host1.dom0.invalid 240.0.0.17 user=user0\n");

  found = lt_redaction_map_unmask (map, comment);
  g_assert_cmpuint (found->len, ==, 5);
  u = g_ptr_array_index (found, 0);
  g_assert_cmpuint (u->offset, ==, 0);
  g_assert_cmpuint (u->length, ==, 5);
  g_assert_cmpint (u->kind, ==, LT_REDACTION_KIND_HOSTNAME);
  g_assert_cmpstr (u->original, ==, "vault");
  u = g_ptr_array_index (found, 1);
  g_assert_cmpint (u->kind, ==, LT_REDACTION_KIND_IPV4);
  g_assert_cmpstr (u->original, ==, "10.0.3.17");
  g_assert_cmpuint (u->offset, ==, strlen ("host0 fails to reach "));
  u = g_ptr_array_index (found, 2);
  g_assert_cmpstr (u->original, ==, "db1.corp.example.com");
  g_assert_cmpuint (u->length, ==, 5);
  u = g_ptr_array_index (found, 3);
  g_assert_cmpstr (u->original, ==, "db1.corp.example.com");
  g_assert_cmpuint (u->length, ==, strlen ("host1.dom0.invalid"));
  u = g_ptr_array_index (found, 4);
  g_assert_cmpint (u->kind, ==, LT_REDACTION_KIND_USER);
  g_assert_cmpstr (u->original, ==, "alice");
}

static const char pem[] =
  "config loaded\n"
  "key: -----BEGIN RSA PRIVATE KEY-----\n"
  "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n"
  "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK\n"
  "-----END RSA PRIVATE KEY----- then 10.0.3.17\n"
  "done\n";

static void
test_private_key_split (void)
{
  /* Every piece size, down to one byte at a time. */
  for (gsize chunk = 1; chunk <= 80; chunk += (chunk < 8 ? 1 : 9))
    {
      g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
      g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
      g_autofree char *out = redact_with (redactor, pem, chunk);

      g_assert_cmpstr (out, ==,
                       "config loaded\n"
                       "key: [redacted:private-key] then 240.0.0.17\n"
                       "done\n");
      g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_PRIVATE_KEY), ==, 1);
    }

  /* Never closed: nothing of it comes out. */
  {
    g_autofree char *out = redact ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAABG5vbmUAAAAEbm9uZQ\n");

    g_assert_cmpstr (out, ==, "[redacted:private-key]\n");
  }
}

/* A line of megabytes: cut at separators, never at an assignment. */
static void
test_long_line (void)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  g_autoptr(GString) in = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *token = NULL;

  while (in->len < 3 * LT_REDACTOR_MAX_LINE)
    g_string_append (in, "field=value ");
  /* Around the first cut, an assignment split by blanks. */
  g_string_truncate (in, LT_REDACTOR_MAX_LINE - 12);
  g_string_append (in, "password = hunter2 Authorization: Bearer 4f9a8c7e6d5b4a39281f7e6d host=vault ");
  while (in->len < 3 * LT_REDACTOR_MAX_LINE)
    g_string_append (in, "peer 10.0.3.17, ");
  g_string_append_c (in, '\n');

  for (gsize at = 0; at < in->len; at += 4096)
    {
      lt_redactor_feed (redactor, in->str + at, (gssize) MIN (4096, in->len - at), out);
      g_assert_cmpuint (lt_redactor_get_buffered_size (redactor), <=, LT_REDACTOR_MAX_LINE);
    }
  lt_redactor_finish (redactor, out);

  assert_absent (out->str, "hunter2");
  assert_absent (out->str, "4f9a8c7e6d5b");
  assert_absent (out->str, "vault");
  assert_absent (out->str, "10.0.3.17");
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_PASSWORD), ==, 1);
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_BEARER_TOKEN), ==, 1);
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_UNSCANNABLE), ==, 0);
  /* One line in, one line out. */
  g_assert_cmpuint (out->str[out->len - 1], ==, '\n');
  g_assert_null (memchr (out->str, '\n', out->len - 1));

  /* A run with nowhere to cut is dropped whole, with its tail. */
  g_string_truncate (out, 0);
  token = g_strnfill (3 * LT_REDACTOR_MAX_LINE + 77, 'Q');
  lt_redactor_feed (redactor, "blob ", -1, out);
  lt_redactor_feed (redactor, token, -1, out);
  lt_redactor_feed (redactor, " tail\n", -1, out);
  lt_redactor_finish (redactor, out);
  g_assert_cmpstr (out->str, ==, "blob [redacted:unscannable] tail\n");
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_UNSCANNABLE), ==, 1);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  g_autoptr(GString) out = g_string_new (NULL);
  /* What follows a bad byte or a NUL is scanned all the same. */
  static const char input[] = "\xff\xfe password=hunter2 \x00 from 10.1.2.3 \xc3\x28 user=alice\n\xe2\x82";

  lt_redactor_feed (redactor, input, sizeof input - 1, out);
  lt_redactor_finish (redactor, out);

  g_assert_true (g_utf8_validate (out->str, (gssize) out->len, NULL));
  assert_absent (out->str, "hunter2");
  assert_absent (out->str, "10.1.2.3");
  assert_absent (out->str, "alice");
  g_assert_cmpstr (out->str, ==,
                   "\xef\xbf\xbd\xef\xbf\xbd password=[redacted:password] \xef\xbf\xbd from 240.0.0.3 "
                   "\xef\xbf\xbd( user=user0\n\xef\xbf\xbd\xef\xbf\xbd");
}

/* Megabytes through the engine, the output drained as it comes: what it
 * holds stays under one line. */
static void
test_bounded_memory (void)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  g_autoptr(GString) chunk = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  gsize total = 0, max_buffered = 0;
  guint64 lines = 0;

  for (guint i = 0; chunk->len < 60 * 1024; i++)
    g_string_append_printf (chunk, "2026-12-06T10:%02u:00Z web%u.corp.example.com app[1]: GET /api/v1/x %u from 10.0.%u.%u\n",
                            i % 60, i % 7, 200 + i % 5, i % 3, i % 250);
  /* A partial line at the chunk's end, so that lines straddle chunks. */
  g_string_append (chunk, "partial line with user=alice ");

  while (total < 8 * 1024 * 1024)
    {
      lt_redactor_feed (redactor, chunk->str, (gssize) chunk->len, out);
      total += chunk->len;
      max_buffered = MAX (max_buffered, lt_redactor_get_buffered_size (redactor));
      for (gsize i = 0; i < out->len; i++)
        lines += out->str[i] == '\n';
      g_string_truncate (out, 0);
    }
  lt_redactor_finish (redactor, out);

  g_assert_cmpuint (max_buffered, <, 256);
  g_assert_cmpuint (lines, >, 80000);
  /* Seven hosts and their short names, one domain, three networks, one
   * user: the map does not grow with the input. */
  g_assert_cmpuint (lt_redaction_map_get_size (map), ==, 7 + 7 + 1 + 3 + 1);
}

/* The redactor as the bundle's line filter: a path gets the same
 * replacements as the contents (one map), lines go in one at a time
 * without their terminator, and end_file gives the file's counts by the
 * kinds' names; a path does not count in the file being read. */
static void
test_line_filter (void)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  LtLineFilter *filter = LT_LINE_FILTER (redactor);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(GHashTable) again = NULL;
  g_autofree char *path = NULL;
  g_autofree char *second = NULL;
  const char *lines[] = {
    "connecting to db1.corp.example.com from 10.0.3.17",
    "-----BEGIN RSA PRIVATE KEY-----",
    "MIIEFAKEFAKEFAKE",
    "-----END RSA PRIVATE KEY----- done",
    "user=alice",
  };

  g_assert_true (LT_IS_LINE_FILTER (redactor));

  path = lt_line_filter_filter_path (filter, "/var/log/db1.corp.example.com/10.0.3.17.log");
  g_assert_cmpstr (path, ==, "/var/log/host0.dom0.invalid/240.0.0.17.log");

  lt_line_filter_begin_file (filter, "/var/log/a.log");
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_assert_true (lt_line_filter_filter_line (filter, lines[i], strlen (lines[i]), out, NULL));
      g_string_append_c (out, '\n');
    }
  /* A path met in the middle of a file neither counts nor breaks it. */
  second = lt_line_filter_filter_path (filter, "/home/alice/db1.corp.example.com");
  g_assert_cmpstr (second, ==, "/home/user0/host0.dom0.invalid");
  counts = lt_line_filter_end_file (filter, out);

  g_assert_cmpstr (out->str, ==,
                   "connecting to host0.dom0.invalid from 240.0.0.17\n"
                   "[redacted:private-key]\n"
                   "\n"
                   " done\n"
                   "user=user0\n");
  g_assert_nonnull (counts);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "hostname")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "ipv4")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "private-key")), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (counts, "user")), ==, 1);
  g_assert_cmpuint (g_hash_table_size (counts), ==, 4);

  /* The next file starts afresh: no counts carried over. */
  g_string_truncate (out, 0);
  lt_line_filter_begin_file (filter, "/var/log/b.log");
  g_assert_true (lt_line_filter_filter_line (filter, "nothing here", 12, out, NULL));
  again = lt_line_filter_end_file (filter, out);
  g_assert_null (again);
  g_assert_cmpstr (out->str, ==, "nothing here");
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/redactor/secrets", test_secrets);
  g_test_add_func ("/lt/redactor/identities", test_identities);
  g_test_add_func ("/lt/redactor/counts-and-findings", test_counts_and_findings);
  g_test_add_func ("/lt/redactor/keywords", test_keywords);
  g_test_add_func ("/lt/redactor/not-identities", test_not_identities);
  g_test_add_func ("/lt/redactor/consistency", test_consistency);
  g_test_add_func ("/lt/redactor/second-pass", test_second_pass);
  g_test_add_func ("/lt/redactor/map-invalid", test_map_invalid);
  g_test_add_func ("/lt/redactor/unmask", test_unmask);
  g_test_add_func ("/lt/redactor/private-key-split", test_private_key_split);
  g_test_add_func ("/lt/redactor/long-line", test_long_line);
  g_test_add_func ("/lt/redactor/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/lt/redactor/bounded-memory", test_bounded_memory);
  g_test_add_func ("/lt/redactor/line-filter", test_line_filter);

  return g_test_run ();
}
