/* lt-test-sync-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-test-sync-util.h"

#include "lt-credentials.h"
#include "lt-error.h"

#include <glib/gstdio.h>
#include <string.h>

static GDateTime *
fixture_now (gpointer user_data)
{
  LtSyncFixture *f = user_data;

  return g_date_time_ref (f->now);
}

static void
make_client (LtSyncFixture *f,
             const char    *url)
{
  g_autoptr(LtCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->sync);
  g_clear_object (&f->client);
  credentials = lt_credentials_new (url, &error);
  g_assert_no_error (error);
  f->client = lt_portal_client_new (url, credentials, NULL, &error);
  g_assert_no_error (error);
  lt_portal_client_set_timeout (f->client, 5);
  lt_portal_client_set_connect_timeout (f->client, 5);
  f->sync = lt_sync_new (f->outbox, f->client);
  lt_sync_set_now_func (f->sync, fixture_now, f, NULL);
}

void
lt_sync_fixture_setup (LtSyncFixture *f,
                       gboolean       demo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;

  memset (f, 0, sizeof *f);
  /* The token reaches the client the way CI passes it: the environment of
   * this process, never the keyring. */
  g_setenv (LT_CREDENTIALS_TOKEN_ENV, LT_TEST_SYNC_TOKEN, TRUE);

  f->portal = lt_test_devportal_start (LT_TEST_SYNC_TOKEN, demo);
  f->profile = g_dir_make_tmp ("lt-sync-profile-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->profile, LT_STORE_FILE_NAME, NULL);
  f->store = lt_store_open (f->db_path, &notice, &error);
  g_assert_no_error (error);
  g_assert_no_error (notice);
  f->outbox = lt_outbox_new (f->store);
  f->policy = lt_policy_new_default (&error);
  g_assert_no_error (error);
  f->now = g_date_time_new_now_utc ();
  make_client (f, lt_test_devportal_get_url (f->portal));
}

/* The profile's files and its folders (the claims' lock files, another
 * profile a test made inside it), one level deep each. */
static void
remove_profile (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_profile (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
lt_sync_fixture_teardown (LtSyncFixture *f)
{
  g_clear_object (&f->sync);
  g_clear_object (&f->client);
  g_clear_object (&f->outbox);
  g_clear_object (&f->store);
  g_clear_object (&f->policy);
  g_clear_pointer (&f->now, g_date_time_unref);
  g_clear_pointer (&f->portal, lt_test_devportal_free);
  remove_profile (f->profile);
  g_clear_pointer (&f->profile, g_free);
  g_clear_pointer (&f->db_path, g_free);
}

void
lt_sync_fixture_use_url (LtSyncFixture *f,
                         const char    *url)
{
  make_client (f, url);
}

void
lt_sync_fixture_advance (LtSyncFixture *f,
                         gint64         seconds)
{
  GDateTime *later = g_date_time_add_seconds (f->now, (double) seconds);

  g_date_time_unref (f->now);
  f->now = later;
}

typedef struct
{
  gboolean      done;
  gboolean      ok;
  LtSyncReport *report;
  GError      **error;
} RunWait;

static void
run_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  RunWait *wait = user_data;

  wait->ok = lt_sync_run_finish (LT_SYNC (source), result, wait->report, wait->error);
  wait->done = TRUE;
}

gboolean
lt_sync_fixture_run (LtSyncFixture  *f,
                     LtSyncFlags     flags,
                     LtSyncReport   *report,
                     GError        **error)
{
  LtSyncReport ignored;
  RunWait wait = { FALSE, FALSE, report != NULL ? report : &ignored, error };

  lt_sync_run_async (f->sync, flags, NULL, run_cb, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  return wait.ok;
}

char *
lt_sync_fixture_file_ticket (LtSyncFixture *f,
                             const char    *title)
{
  g_autoptr(LtTicket) ticket = lt_ticket_new_draft ();
  g_autoptr(GError) error = NULL;
  const LtScopeCategory *categories;
  guint n_categories = 0;
  char *key;

  categories = lt_policy_get_scope_categories (f->policy, &n_categories);
  g_assert_cmpuint (n_categories, >, 0);
  g_assert_true (categories[0].in_scope);

  lt_ticket_set_title (ticket, title);
  lt_ticket_set_description (ticket, "The login page answers 502 after the upgrade.");
  lt_ticket_set_severity (ticket, LT_SEVERITY_S3);
  lt_ticket_set_category (ticket, categories[0].id);
  lt_ticket_set_product_version (ticket, "3.3.1");

  key = lt_actions_file_ticket (f->outbox, f->policy, ticket, NULL, f->now, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, lt_ticket_get_local_id (ticket));
  g_assert_cmpint (lt_ticket_get_state (ticket), ==, LT_TICKET_STATE_QUEUED);
  return key;
}

char *
lt_sync_fixture_submit_notice (LtSyncFixture *f,
                               const char    *title)
{
  g_autoptr(LtChangeNotice) notice = lt_change_notice_new_queued ();
  g_autoptr(GDateTime) start = g_date_time_add_days (f->now, 20);
  g_autoptr(GError) error = NULL;
  char *key;

  lt_change_notice_set_kind (notice, LT_CHANGE_KIND_THIRD_PARTY);
  lt_change_notice_set_title (notice, title);
  lt_change_notice_set_description (notice, "Vendor patch");
  lt_change_notice_set_planned_start (notice, start);
  lt_change_notice_set_planned_end (notice, start);
  key = lt_actions_submit_change_notice (f->outbox, f->policy, notice, f->now, &error);
  g_assert_no_error (error);
  return key;
}

LtTicket *
lt_sync_fixture_ticket (LtSyncFixture *f,
                        const char    *local_id)
{
  g_autoptr(GError) error = NULL;
  LtTicket *ticket = lt_store_lookup_ticket_by_local_id (f->store, local_id, &error);

  g_assert_no_error (error);
  return ticket;
}

LtOutboxItem *
lt_sync_fixture_item (LtSyncFixture *f,
                      const char    *key)
{
  g_autoptr(GError) error = NULL;
  LtOutboxItem *item = lt_outbox_lookup (f->outbox, key, &error);

  g_assert_no_error (error);
  return item;
}

guint
lt_sync_fixture_portal_title_count (LtSyncFixture *f,
                                    const char    *title)
{
  g_autofree char *cursor = NULL;
  guint count = 0;

  do
    {
      g_autofree char *path = NULL;
      g_autofree char *escaped = cursor != NULL ? g_uri_escape_string (cursor, NULL, TRUE) : NULL;
      g_autoptr(JsonNode) page = NULL;
      JsonObject *object;
      JsonArray *items;

      path = escaped != NULL ? g_strdup_printf ("/api/v1/tickets?limit=1000&cursor=%s", escaped)
                             : g_strdup ("/api/v1/tickets?limit=1000");
      page = lt_test_devportal_request (f->portal, "GET", path, NULL);
      object = json_node_get_object (page);
      items = json_object_get_array_member (object, "items");
      for (guint i = 0; i < json_array_get_length (items); i++)
        if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (items, i), "title"),
                       title) == 0)
          count++;
      g_clear_pointer (&cursor, g_free);
      if (!json_object_get_null_member (object, "next_cursor"))
        cursor = g_strdup (json_object_get_string_member (object, "next_cursor"));
    }
  while (cursor != NULL);

  return count;
}

/* ---- Logs ------------------------------------------------------------------ */

static GMutex log_lock;
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0)
        g_string_append_printf (log_text, "%s=%s ", fields[i].key, (const char *) fields[i].value);
      else
        {
          g_string_append_printf (log_text, "%s=", fields[i].key);
          g_string_append_len (log_text, fields[i].value, fields[i].length);
          g_string_append_c (log_text, ' ');
        }
    }
  g_string_append_c (log_text, '\n');
  g_mutex_unlock (&log_lock);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (log_level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

/* Messages logged without G_LOG_USE_STRUCTURED (GLib's own) go through
 * the default handler rather than the writer. */
static void
capture_handler (const char     *log_domain,
                 GLogLevelFlags  log_level,
                 const char     *message,
                 gpointer        user_data)
{
  g_mutex_lock (&log_lock);
  g_string_append_printf (log_text, "GLIB_DOMAIN=%s MESSAGE=%s\n", log_domain ? log_domain : "",
                          message);
  g_mutex_unlock (&log_lock);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    g_log_default_handler (log_domain, log_level, message, user_data);
}

void
lt_test_capture_logs (void)
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  log_text = g_string_new (NULL);
  g_log_set_default_handler (capture_handler, NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);
}

gboolean
lt_test_logs_contain (const char *needle)
{
  gboolean found;

  g_mutex_lock (&log_lock);
  found = log_text != NULL && strstr (log_text->str, needle) != NULL;
  g_mutex_unlock (&log_lock);
  return found;
}

void
lt_test_assert_file_lacks (const char *path,
                           const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize needle_len = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;
  /* Byte by byte: database pages hold NUL bytes, so no string search. */
  for (gsize i = 0; i + needle_len <= length; i++)
    if (memcmp (contents + i, needle, needle_len) == 0)
      {
        g_test_message ("“%s” found at byte %" G_GSIZE_FORMAT " of %s", needle, i, path);
        g_assert_not_reached ();
      }
}
