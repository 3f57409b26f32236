/* test-installations.c: installations in the store, their list model, and
 * version detection from a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lt-store-installations.h"
#include "lt-store-private.h"
#include "lt-store-tickets.h"
#include "lt-store.h"
#include "lt-test-store.h"
#include "lt-test-util.h"
#include "store-fixture.h"
#include "lt-version-detect.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <libglib-testing/signal-logger.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Fixture ---------------------------------------------------------------- */

typedef struct
{
  char                 *dir;
  LtStore              *store;
  LtStoreInstallations *installations;
  GtSignalLogger       *logger;
  GDateTime            *now;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) notice = NULL;
  g_autofree char *path = NULL;

  /* Each test case has its own XDG dirs (G_TEST_OPTION_ISOLATE_DIRS). */
  fixture->dir = g_build_filename (g_get_user_data_dir (), "installations-test", NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  path = g_build_filename (fixture->dir, "support.db", NULL);

  fixture->store = lt_store_open (path, &notice, &error);
  g_assert_no_error (error);
  g_assert_no_error (notice);

  fixture->installations = lt_store_installations_new (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->installations)), ==, 0);

  fixture->logger = gt_signal_logger_new ();
  gt_signal_logger_connect (fixture->logger, fixture->installations, "items-changed");
  fixture->now = lt_test_instant ("2026-11-25T16:00:00.123456-05:00");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gt_signal_logger_assert_no_emissions (fixture->logger);
  g_clear_pointer (&fixture->logger, gt_signal_logger_free);
  g_clear_object (&fixture->installations);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->now, g_date_time_unref);
  g_clear_pointer (&fixture->dir, g_free);
}

#define TEST(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

/* Helpers ---------------------------------------------------------------- */

static LtInstallation *
new_manual (const char *name,
            const char *version)
{
  LtInstallation *installation = lt_installation_new ();

  lt_installation_set_name (installation, name);
  lt_installation_set_host (installation, "lt.example.com");
  lt_installation_set_detected_version (installation, version);
  return installation;
}

static void
add_ok (Fixture        *fixture,
        LtInstallation *installation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lt_store_installations_add (fixture->installations, installation, fixture->now,
                                             &error));
  g_assert_no_error (error);
}

static void
update_ok (Fixture        *fixture,
           LtInstallation *installation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lt_store_installations_update (fixture->installations, installation,
                                                fixture->now, &error));
  g_assert_no_error (error);
}

static void
assert_items_changed (Fixture *fixture,
                      guint    expected_position,
                      guint    expected_removed,
                      guint    expected_added)
{
  guint position = G_MAXUINT, removed = G_MAXUINT, added = G_MAXUINT;

  gt_signal_logger_assert_emission_pop (fixture->logger, fixture->installations, "items-changed",
                                        &position, &removed, &added);
  g_assert_cmpuint (position, ==, expected_position);
  g_assert_cmpuint (removed, ==, expected_removed);
  g_assert_cmpuint (added, ==, expected_added);
}

/* The names in the model, joined with ",". */
static char *
dup_names (GListModel *model)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i > 0 ? "," : "",
                              lt_installation_get_name (installation));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

#define assert_names(model, expected) \
  G_STMT_START { \
    g_autofree char *names_ = dup_names (G_LIST_MODEL (model)); \
    g_assert_cmpstr (names_, ==, (expected)); \
  } G_STMT_END

static gint64
count_rows (Fixture *fixture)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (fixture->store),
                                       "SELECT count(*) FROM installations", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static void
assert_instants_equal (GDateTime *a,
                       GDateTime *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (g_date_time_equal (a, b));
}

/* CRUD ------------------------------------------------------------------- */

static void
test_add_lookup (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(LtInstallation) added = lt_installation_new ();
  g_autoptr(LtInstallation) found = NULL;
  g_autoptr(LtInstallation) item = NULL;
  g_autoptr(GError) error = NULL;

  lt_installation_set_name (added, "Production");
  lt_installation_set_host (added, "lt1.example.com");
  lt_installation_set_detection_method (added, LT_DETECTION_METHOD_FILE);
  lt_installation_set_location (added, "/opt/lockthreat/VERSION");
  lt_installation_set_detected_version (added, "v3.4.1");
  lt_installation_set_detected_at (added, fixture->now);
  lt_installation_set_note (added, "rack 4");
  add_ok (fixture, added);
  assert_items_changed (fixture, 0, 0, 1);
  g_assert_cmpint (count_rows (fixture), ==, 1);

  found = lt_store_installations_lookup (fixture->installations, lt_installation_get_id (added),
                                         &error);
  g_assert_no_error (error);
  /* A new object, so an editor cannot change the list behind its back. */
  item = g_list_model_get_item (G_LIST_MODEL (fixture->installations), 0);
  g_assert_true (found != added && found != item);

  for (LtInstallation **i = (LtInstallation *[]) { found, item, NULL }; *i != NULL; i++)
    {
      g_assert_cmpstr (lt_installation_get_id (*i), ==, lt_installation_get_id (added));
      g_assert_cmpstr (lt_installation_get_name (*i), ==, "Production");
      g_assert_cmpstr (lt_installation_get_host (*i), ==, "lt1.example.com");
      g_assert_cmpint (lt_installation_get_detection_method (*i), ==, LT_DETECTION_METHOD_FILE);
      g_assert_cmpstr (lt_installation_get_location (*i), ==, "/opt/lockthreat/VERSION");
      /* The text as detected, not its canonical form. */
      g_assert_cmpstr (lt_installation_get_detected_version (*i), ==, "v3.4.1");
      /* Microseconds survive the round trip. */
      assert_instants_equal (lt_installation_get_detected_at (*i), fixture->now);
      g_assert_cmpint (g_date_time_get_utc_offset (lt_installation_get_detected_at (*i)), ==, 0);
      g_assert_cmpstr (lt_installation_get_note (*i), ==, "rack 4");
    }
}

static void
test_add_minimal (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LtInstallation) added = new_manual ("lab", "3.3");
  g_autoptr(LtInstallation) found = NULL;
  g_autoptr(GError) error = NULL;

  lt_installation_set_host (added, NULL);
  /* A location left over from another method is not kept for manual. */
  lt_installation_set_location (added, "/stale/VERSION");
  add_ok (fixture, added);
  assert_items_changed (fixture, 0, 0, 1);

  found = lt_store_installations_lookup (fixture->installations, lt_installation_get_id (added),
                                         &error);
  g_assert_no_error (error);
  g_assert_null (lt_installation_get_host (found));
  g_assert_null (lt_installation_get_location (found));
  g_assert_null (lt_installation_get_detected_at (found));
  /* The column holds '' for no note; the model reads NULL back. */
  g_assert_null (lt_installation_get_note (found));
}

static void
test_add_invalid (Fixture       *fixture,
                  gconstpointer  data)
{
  struct {
    const char        *name;
    LtDetectionMethod  method;
    const char        *location;
    const char        *version;
    const char        *quoted;
  } cases[] = {
    { "  ", LT_DETECTION_METHOD_MANUAL, NULL, "3.3.0", "needs a name" },
    { "a", LT_DETECTION_METHOD_MANUAL, NULL, NULL, "installed version" },
    { "a", LT_DETECTION_METHOD_MANUAL, NULL, "3.x", "“3.x”" },
    { "a", LT_DETECTION_METHOD_FILE, "VERSION", NULL, "“VERSION”" },
    { "a", LT_DETECTION_METHOD_HTTP, "ftp://lt.example.com/version", NULL,
      "“ftp://lt.example.com/version”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LtInstallation) installation = lt_installation_new ();
      g_autoptr(GError) error = NULL;

      lt_installation_set_name (installation, cases[i].name);
      lt_installation_set_detection_method (installation, cases[i].method);
      lt_installation_set_location (installation, cases[i].location);
      lt_installation_set_detected_version (installation, cases[i].version);

      g_assert_false (lt_store_installations_add (fixture->installations, installation,
                                                  fixture->now, &error));
      g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
      g_assert_nonnull (strstr (error->message, cases[i].quoted));
    }

  {
    g_autoptr(LtInstallation) installation = new_manual ("a", "3.3.0");
    g_autoptr(GError) error = NULL;

    lt_installation_set_id (installation, "not-a-uuid");
    g_assert_false (lt_store_installations_add (fixture->installations, installation,
                                                fixture->now, &error));
    g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
    g_assert_nonnull (strstr (error->message, "“not-a-uuid”"));
  }

  g_assert_cmpint (count_rows (fixture), ==, 0);
}

static void
test_unique_name (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LtInstallation) prod = new_manual ("Prod", "3.4.1");
  g_autoptr(LtInstallation) other = new_manual ("prod", "3.4.1");
  g_autoptr(LtInstallation) again = NULL;
  g_autoptr(GError) error = NULL;

  add_ok (fixture, prod);
  assert_items_changed (fixture, 0, 0, 1);

  /* Names compare without case. */
  g_assert_false (lt_store_installations_add (fixture->installations, other, fixture->now, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "“prod”"));
  g_clear_error (&error);

  /* Renaming into a name in use is refused too. */
  lt_installation_set_name (other, "lab");
  add_ok (fixture, other);
  assert_items_changed (fixture, 0, 0, 1);
  lt_installation_set_name (other, "PROD");
  g_assert_false (lt_store_installations_update (fixture->installations, other, fixture->now,
                                                 &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Its own name (another case) is not a clash. */
  lt_installation_set_name (prod, "PROD");
  update_ok (fixture, prod);
  assert_items_changed (fixture, 1, 1, 0);
  assert_items_changed (fixture, 1, 0, 1);

  /* The same id twice. */
  again = new_manual ("elsewhere", "3.4.1");
  lt_installation_set_id (again, lt_installation_get_id (prod));
  g_assert_false (lt_store_installations_add (fixture->installations, again, fixture->now, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, lt_installation_get_id (prod)));
  g_assert_cmpint (count_rows (fixture), ==, 2);
}

static void
test_update_remove (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(LtInstallation) installation = new_manual ("lab", "3.3.0");
  g_autoptr(LtInstallation) found = NULL;
  g_autoptr(LtInstallation) stranger = new_manual ("stranger", "3.3.0");
  g_autoptr(GError) error = NULL;

  add_ok (fixture, installation);
  assert_items_changed (fixture, 0, 0, 1);

  lt_installation_set_detection_method (installation, LT_DETECTION_METHOD_HTTP);
  lt_installation_set_location (installation, "https://lab.example.com/version");
  lt_installation_set_detected_version (installation, "3.4.0");
  lt_installation_set_note (installation, "moved");
  update_ok (fixture, installation);

  found = lt_store_installations_lookup (fixture->installations,
                                         lt_installation_get_id (installation), &error);
  g_assert_no_error (error);
  g_assert_cmpint (lt_installation_get_detection_method (found), ==, LT_DETECTION_METHOD_HTTP);
  g_assert_cmpstr (lt_installation_get_location (found), ==, "https://lab.example.com/version");
  g_assert_cmpstr (lt_installation_get_detected_version (found), ==, "3.4.0");
  g_assert_cmpstr (lt_installation_get_note (found), ==, "moved");

  g_assert_false (lt_store_installations_update (fixture->installations, stranger, fixture->now,
                                                 &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (lt_store_installations_remove (fixture->installations,
                                                lt_installation_get_id (installation), &error));
  g_assert_no_error (error);
  assert_items_changed (fixture, 0, 1, 0);
  g_assert_cmpint (count_rows (fixture), ==, 0);

  g_assert_false (lt_store_installations_remove (fixture->installations,
                                                 lt_installation_get_id (installation), &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, lt_installation_get_id (installation)));
  g_clear_error (&error);

  g_assert_null (lt_store_installations_lookup (fixture->installations,
                                                lt_installation_get_id (installation), &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
}

static void
test_find (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(LtInstallation) prod = new_manual ("Production", "3.4.1");
  g_autoptr(LtInstallation) lab = new_manual ("lab", "3.4.1");
  g_autoptr(GError) error = NULL;
  const char *queries[][2] = {
    { NULL, "Production" },       /* by id (filled in below) */
    { "Production", "Production" },
    { "production", "Production" }, /* without case */
    { "LAB", "lab" },
  };

  add_ok (fixture, prod);
  add_ok (fixture, lab);
  assert_items_changed (fixture, 0, 0, 1);
  assert_items_changed (fixture, 0, 0, 1);
  queries[0][0] = lt_installation_get_id (prod);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(LtInstallation) found = lt_store_installations_find (fixture->installations,
                                                                     queries[i][0], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (lt_installation_get_name (found), ==, queries[i][1]);
    }

  g_assert_null (lt_store_installations_find (fixture->installations, "staging", &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“staging”"));
}

/* The list model --------------------------------------------------------- */

static void
test_model_positions (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LtInstallation) b = new_manual ("b", "3.4.1");
  g_autoptr(LtInstallation) a = new_manual ("a", "3.4.1");
  g_autoptr(LtInstallation) c = new_manual ("C", "3.4.1");
  g_autoptr(LtInstallation) item_a = NULL;
  g_autoptr(LtInstallation) moved = NULL;
  g_autoptr(GError) error = NULL;

  /* Sorted by name without case: a, b, C. */
  add_ok (fixture, b);
  assert_items_changed (fixture, 0, 0, 1);
  add_ok (fixture, c);
  assert_items_changed (fixture, 1, 0, 1);
  add_ok (fixture, a);
  assert_items_changed (fixture, 0, 0, 1);
  assert_names (fixture->installations, "a,b,C");

  /* A change that keeps the order updates the item in place: property
   * notifications, no items-changed. */
  item_a = g_list_model_get_item (G_LIST_MODEL (fixture->installations), 0);
  gt_signal_logger_connect (fixture->logger, item_a, "notify");
  lt_installation_set_detected_version (a, "3.5.0");
  update_ok (fixture, a);
  gt_signal_logger_assert_notify_emission_pop (fixture->logger, item_a, "detected-version");
  gt_signal_logger_assert_no_emissions (fixture->logger);
  g_assert_cmpstr (lt_installation_get_detected_version (item_a), ==, "3.5.0");

  /* Writing the same values again changes nothing. */
  update_ok (fixture, a);
  gt_signal_logger_assert_no_emissions (fixture->logger);

  /* A rename moves the same object to its new place. */
  lt_installation_set_name (a, "d");
  update_ok (fixture, a);
  assert_items_changed (fixture, 0, 1, 0);
  gt_signal_logger_assert_notify_emission_pop (fixture->logger, item_a, "name");
  assert_items_changed (fixture, 2, 0, 1);
  assert_names (fixture->installations, "b,C,d");
  moved = g_list_model_get_item (G_LIST_MODEL (fixture->installations), 2);
  g_assert_true (moved == item_a);

  /* Removal in the middle. */
  g_assert_true (lt_store_installations_remove (fixture->installations,
                                                lt_installation_get_id (c), &error));
  g_assert_no_error (error);
  assert_items_changed (fixture, 1, 1, 0);
  assert_names (fixture->installations, "b,d");
}

static void
test_model_item_edited_in_place (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(LtInstallation) a = new_manual ("a", "3.4.1");
  g_autoptr(LtInstallation) b = new_manual ("b", "3.4.1");
  g_autoptr(LtInstallation) item = NULL;
  g_autoptr(LtInstallation) last = NULL;

  add_ok (fixture, a);
  add_ok (fixture, b);
  assert_items_changed (fixture, 0, 0, 1);
  assert_items_changed (fixture, 1, 0, 1);

  /* A view edits the model's own item and saves it: the model still
   * knows where the row was, and moves it. */
  item = g_list_model_get_item (G_LIST_MODEL (fixture->installations), 0);
  lt_installation_set_name (item, "z");
  update_ok (fixture, item);
  assert_items_changed (fixture, 0, 1, 0);
  assert_items_changed (fixture, 1, 0, 1);
  assert_names (fixture->installations, "b,z");
  last = g_list_model_get_item (G_LIST_MODEL (fixture->installations), 1);
  g_assert_true (last == item);
}

static void
test_model_transaction (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(LtInstallation) a = new_manual ("a", "3.4.1");
  g_autoptr(LtInstallation) b = new_manual ("b", "3.4.1");
  g_autoptr(LtInstallation) c = new_manual ("c", "3.4.1");
  g_autoptr(GError) error = NULL;

  add_ok (fixture, b);
  assert_items_changed (fixture, 0, 0, 1);

  /* Nothing shows before the commit... */
  {
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (fixture->store, &error);

    g_assert_no_error (error);
    add_ok (fixture, c);
    add_ok (fixture, a);
    gt_signal_logger_assert_no_emissions (fixture->logger);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->installations)), ==, 1);

    /* ...then every row of the commit, each at its place. */
    g_assert_true (lt_store_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  assert_items_changed (fixture, 0, 0, 1);
  assert_items_changed (fixture, 2, 0, 1);
  assert_names (fixture->installations, "a,b,c");

  /* A rollback shows nothing. */
  {
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (fixture->store, &error);
    g_autoptr(LtInstallation) d = new_manual ("d", "3.4.1");

    g_assert_no_error (error);
    add_ok (fixture, d);
    g_assert_true (lt_store_installations_remove (fixture->installations,
                                                  lt_installation_get_id (a), &error));
    g_assert_no_error (error);
    lt_store_transaction_rollback (tx);
  }
  gt_signal_logger_assert_no_emissions (fixture->logger);
  assert_names (fixture->installations, "a,b,c");

  /* Adjacent rows removed in one commit are one emission. */
  {
    g_autoptr(LtStoreTransaction) tx = lt_store_begin (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_true (lt_store_installations_remove (fixture->installations,
                                                  lt_installation_get_id (a), &error));
    g_assert_true (lt_store_installations_remove (fixture->installations,
                                                  lt_installation_get_id (b), &error));
    g_assert_no_error (error);
    g_assert_true (lt_store_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  assert_items_changed (fixture, 0, 2, 0);
  assert_names (fixture->installations, "c");
}

static void
test_model_other_connection (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(LtStore) other_store = NULL;
  g_autoptr(LtStoreInstallations) other = NULL;
  g_autoptr(LtStoreInstallations) second_model = NULL;
  g_autoptr(LtInstallation) a = new_manual ("a", "3.4.1");
  g_autoptr(LtInstallation) b = new_manual ("b", "3.4.1");
  g_autoptr(GError) error = NULL;

  /* Another model on the same store follows the same writes. */
  second_model = lt_store_installations_new (fixture->store, &error);
  g_assert_no_error (error);
  gt_signal_logger_connect (fixture->logger, second_model, "items-changed");
  add_ok (fixture, b);
  assert_items_changed (fixture, 0, 0, 1);
  {
    guint position = G_MAXUINT, removed = G_MAXUINT, added = G_MAXUINT;

    gt_signal_logger_assert_emission_pop (fixture->logger, second_model, "items-changed",
                                          &position, &removed, &added);
    g_assert_cmpuint (position, ==, 0);
    g_assert_cmpuint (added, ==, 1);
  }

  /* A write through another connection (another process, such as the
   * command line) is not signalled: refresh() picks it up. */
  other_store = lt_store_open (lt_store_get_path (fixture->store), NULL, &error);
  g_assert_no_error (error);
  other = lt_store_installations_new (other_store, &error);
  g_assert_no_error (error);
  g_assert_true (lt_store_installations_add (other, a, fixture->now, &error));
  g_assert_no_error (error);
  gt_signal_logger_assert_no_emissions (fixture->logger);

  g_assert_true (lt_store_installations_refresh (fixture->installations, &error));
  g_assert_no_error (error);
  assert_items_changed (fixture, 0, 0, 1);
  assert_names (fixture->installations, "a,b");

  /* Refreshing again finds nothing new. */
  g_assert_true (lt_store_installations_refresh (fixture->installations, &error));
  gt_signal_logger_assert_no_emissions (fixture->logger);
}

/* Installations named in tickets ------------------------------------------ */

/* "name=version" of each installation the tickets name, joined with ",". */
static char *
dup_named (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) named = lt_store_list_installations_named_in_tickets (fixture->store, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (named);
  for (guint i = 0; i < named->len; i++)
    {
      LtInstallation *installation = g_ptr_array_index (named, i);

      g_string_append_printf (text, "%s%s=%s", i > 0 ? "," : "",
                              lt_installation_get_name (installation),
                              lt_installation_get_detected_version (installation));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define assert_named(fixture, expected) \
  G_STMT_START { \
    g_autofree char *named_ = dup_named (fixture); \
    g_assert_cmpstr (named_, ==, (expected)); \
  } G_STMT_END

/* Every name once (without case or surrounding spaces: the newest
 * spelling), with the version of its newest ticket, sorted by name;
 * names in the list, blank names and tickets without one left out; and
 * the answer follows the tickets as they change. */
static void
test_named_in_tickets (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LtInstallation) listed = new_manual ("Production", "3.4.1");
  g_autoptr(LtTicket) gone = lt_ticket_new ();
  g_autoptr(GError) error = NULL;

  assert_named (fixture, "");

  add_ok (fixture, listed);
  assert_items_changed (fixture, 0, 0, 1);
  lt_test_store_add_ticket_naming (fixture->store, "LT-000001", "edge cluster", "3.3.0", "2026-10-01T10:00:00Z");
  lt_test_store_add_ticket_naming (fixture->store, "LT-000002", "Edge cluster ", "3.5.1", "2026-11-02T10:00:00Z");
  lt_test_store_add_ticket_naming (fixture->store, "LT-000003", "Edge cluster", "3.4.0", "2026-10-15T10:00:00Z");
  lt_test_store_add_ticket_naming (fixture->store, "LT-000004", "production", "3.5.1", "2026-11-03T10:00:00Z");
  lt_test_store_add_ticket_naming (fixture->store, "LT-000005", "   ", "3.5.1", "2026-11-04T10:00:00Z");
  lt_test_store_add_ticket_naming (fixture->store, "LT-000006", "", "3.5.1", "2026-11-04T10:00:00Z");
  lt_test_store_add_ticket_naming (fixture->store, "LT-000007", NULL, "3.5.1", "2026-11-05T10:00:00Z");
  lt_test_store_add_ticket_naming (fixture->store, "LT-000008", "Backup site", "3.2.0", "2026-09-01T10:00:00Z");
  assert_named (fixture, "Backup site=3.2.0,Edge cluster=3.5.1");

  /* A newer ticket of a name brings its version and spelling. */
  lt_test_store_add_ticket_naming (fixture->store, "LT-000009", "BACKUP SITE", "3.5.0", "2026-11-20T10:00:00Z");
  assert_named (fixture, "BACKUP SITE=3.5.0,Edge cluster=3.5.1");

  /* A ticket renamed to another installation: the old name's newest
   * ticket is the one before. */
  lt_test_store_add_ticket_naming (fixture->store, "LT-000002", "Lab", "3.6.0", "2026-11-02T10:00:00Z");
  assert_named (fixture, "BACKUP SITE=3.5.0,Edge cluster=3.4.0,Lab=3.6.0");

  /* The last ticket of a name deleted: the name goes. */
  lt_ticket_set_id (gone, "LT-000002");
  g_assert_true (lt_store_delete_ticket (fixture->store, gone, &error));
  g_assert_no_error (error);
  assert_named (fixture, "BACKUP SITE=3.5.0,Edge cluster=3.4.0");
}

/* sqlite instructions executed by one lt_store_list_installations_named_in_tickets(). */
static int
progress_cb (void *data)
{
  (*(guint64 *) data)++;
  return 0;
}

static guint64
count_named_steps (Fixture *fixture)
{
  guint64 steps = 0;
  g_autofree char *named = NULL;

  sqlite3_progress_handler (lt_store_get_db (fixture->store), 1, progress_cb, &steps);
  named = dup_named (fixture);
  sqlite3_progress_handler (lt_store_get_db (fixture->store), 0, NULL, NULL);
  g_assert_cmpstr (named, ==, "Backup site=3.5.0,Edge cluster=3.5.1");
  return steps;
}

/* The answer comes from the index (schema v8), not from reading every
 * ticket: 2,000 more tickets of the same names, older ones and tickets
 * naming none, leave the work the query does about the same. Counted in
 * sqlite's instructions, not timed. */
static void
test_named_in_tickets_indexed (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(LtStoreTransaction) tx = NULL;
  g_autoptr(GError) error = NULL;
  guint64 few, many;

  lt_test_store_add_ticket_naming (fixture->store, "LT-100000", "Edge cluster", "3.5.1", "2026-11-02T10:00:00Z");
  lt_test_store_add_ticket_naming (fixture->store, "LT-100001", "Backup site", "3.5.0", "2026-11-01T10:00:00Z");
  few = count_named_steps (fixture);

  tx = lt_store_begin (fixture->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = g_strdup_printf ("LT-%06u", i + 1);

      lt_test_store_add_ticket_naming (fixture->store, id, i % 3 == 0 ? NULL : i % 3 == 1 ? "Edge cluster" : "Backup site",
                            "3.0.0", "2026-01-01T10:00:00Z");
    }
  g_assert_true (lt_store_transaction_commit (tx, &error));
  g_assert_no_error (error);
  many = count_named_steps (fixture);

  g_test_message ("%" G_GUINT64_FORMAT " sqlite instructions with 2 tickets, %" G_GUINT64_FORMAT
                  " with 2,002", few, many);
  g_assert_cmpuint (many, <=, few * 2);
}

/* The real v7 file (tests/data/schema-v7.db) through the v8 step: every
 * row kept, the index there and used, and the ticket of v7 naming an
 * installation offered with its version. */
static void
test_migrate_v7 (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "migrate-v7", NULL);
  g_autofree char *path = g_build_filename (dir, "support.db", NULL);
  const char *from = g_test_get_filename (G_TEST_DIST, "data", "schema-v7.db", NULL);
  g_autoptr(GBytes) bytes = lt_test_read_bytes (from);
  g_autoptr(LtStore) store = NULL;
  g_autoptr(GPtrArray) named = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  lt_test_write_bytes (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  store = lt_store_open (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lt_store_get_schema_version (store), ==, 8);
  g_assert_cmpuint (lt_store_get_schema_version (store), ==, lt_store_get_latest_schema_version ());

  g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (store),
                                       "SELECT (SELECT count(*) FROM tickets), "
                                       "       (SELECT entries FROM redaction_map WHERE kind = 'host'), "
                                       "       (SELECT count(*) FROM redaction_keywords WHERE text = ?1), "
                                       "       (SELECT count(*) FROM installations WHERE name = ?2)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, FIXTURE_KEYWORD_V7, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, FIXTURE_INSTALLATION_NAME, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  /* The v1 ticket, the queued one, the v7 one. */
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, FIXTURE_REDACTION_V7_ENTRIES);
  g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, 1);
  g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  g_assert_cmpint (sqlite3_prepare_v2 (lt_store_get_db (store),
                                       "EXPLAIN QUERY PLAN SELECT product_version FROM tickets "
                                       "WHERE installation = 'x' "
                                       "ORDER BY coalesce (opened_at, created_at) DESC LIMIT 1",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  g_assert_nonnull (strstr (plan->str, "USING INDEX tickets_installation"));
  g_assert_null (strstr (plan->str, "TEMP B-TREE"));

  /* The v1 ticket names an installation in the list; the v7 one does not. */
  named = lt_store_list_installations_named_in_tickets (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (named->len, ==, 1);
  g_assert_cmpstr (lt_installation_get_name (g_ptr_array_index (named, 0)), ==, FIXTURE_NAMED_V7_INSTALLATION);
  g_assert_cmpstr (lt_installation_get_detected_version (g_ptr_array_index (named, 0)), ==,
                   FIXTURE_NAMED_V7_VERSION);
}

/* Version detection from a file ------------------------------------------ */

static char *
write_version_file (const char *name,
                    const char *contents,
                    gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_detect_good (void)
{
  struct {
    const char *contents;
    const char *text;
    const char *canonical;
  } cases[] = {
    { "3.4.1", "3.4.1", "3.4.1" },
    { "v3.4.1\n", "v3.4.1", "3.4.1" },
    { "3.4.1   \t\n", "3.4.1", "3.4.1" },
    { "  3.4.1\r\n", "3.4.1", "3.4.1" },
    { "\n\n  \n3.4.2.1\nbuilt 2026-01-01\n", "3.4.2.1", "3.4.2.1" },
    { "\xef\xbb\xbf" "3.5.0-rc1\n", "3.5.0-rc1", "3.5.0-rc1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_version_file ("VERSION", cases[i].contents, -1);
      g_autoptr(GError) error = NULL;
      g_autoptr(LtVersion) version = NULL;
      g_autofree char *text = lt_version_detect_from_file (path, &version, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (lt_version_to_string (version), ==, cases[i].canonical);
    }
}

static void
assert_detect_fails (const char *path,
                     int         code,
                     const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LtVersion) version = NULL;
  g_autofree char *text = lt_version_detect_from_file (path, &version, &error);

  g_assert_null (text);
  g_assert_null (version);
  g_assert_error (error, LT_ERROR, code);
  g_test_message ("%s", error->message);
  /* Every message names the file... */
  g_assert_nonnull (strstr (error->message, path));
  /* ...and says what is wrong, quoting the content when it was read. */
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_detect_bad_content (void)
{
  g_autofree char *empty = write_version_file ("empty", "", 0);
  g_autofree char *blank = write_version_file ("blank", "\n   \n\t\n", -1);
  g_autofree char *garbage = write_version_file ("garbage", "LockThreat Enterprise\n3.4.1\n", -1);
  g_autofree char *partial = write_version_file ("partial", "3.x\n", -1);
  g_autofree char *binary = write_version_file ("binary", "3.4\0\x01\x02", 6);
  g_autofree char *long_line = NULL;
  g_autofree char *line = g_strnfill (300, 'x');

  long_line = write_version_file ("long", line, -1);

  assert_detect_fails (empty, LT_ERROR_INVALID_DATA, "is empty");
  assert_detect_fails (blank, LT_ERROR_INVALID_DATA, "is empty");
  /* The first non-blank line decides: garbage there is not skipped. */
  assert_detect_fails (garbage, LT_ERROR_INVALID_DATA, "“LockThreat Enterprise” is not a version");
  assert_detect_fails (partial, LT_ERROR_INVALID_DATA, "“3.x”");
  assert_detect_fails (binary, LT_ERROR_INVALID_DATA, "does not hold text");
  /* A long line is quoted shortened. */
  assert_detect_fails (long_line, LT_ERROR_INVALID_DATA, "“xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…”");
}

static void
test_detect_bad_path (void)
{
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "no-such-VERSION", NULL);
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "a-folder", NULL);
  g_autofree char *fifo = g_build_filename (g_get_user_cache_dir (), "a-fifo", NULL);
  g_autofree char *regular = write_version_file ("regular", "3.4.1\n", -1);
  g_autofree char *under_file = g_build_filename (regular, "VERSION", NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  assert_detect_fails (missing, LT_ERROR_NOT_FOUND, "does not exist");
  /* Any other failure to open says so with the system's reason; a path
   * through a regular file is one that even root meets. */
  assert_detect_fails (under_file, LT_ERROR_INVALID_INPUT, "Cannot read the version file");
  assert_detect_fails (under_file, LT_ERROR_INVALID_INPUT, g_strerror (ENOTDIR));
  assert_detect_fails (folder, LT_ERROR_INVALID_INPUT, "is a folder");
  /* Refused without blocking on the open of a pipe nobody writes to. */
  assert_detect_fails (fifo, LT_ERROR_INVALID_INPUT, "not a regular file");
}

static void
test_detect_too_large (void)
{
  gsize size = 10 * 1024 * 1024;
  g_autofree char *contents = g_malloc (size);
  g_autofree char *path = NULL;
  g_autofree char *size_text = g_strdup_printf ("%" G_GSIZE_FORMAT " bytes", size);

  /* A version on its first line: the size alone is reason enough. */
  memset (contents, '\n', size);
  memcpy (contents, "3.4.1", 5);
  path = write_version_file ("huge", contents, (gssize) size);
  assert_detect_fails (path, LT_ERROR_INVALID_DATA, size_text);

  /* At the limit it is still read. */
  {
    g_autofree char *at_limit = write_version_file ("at-limit", contents, LT_VERSION_FILE_MAX_SIZE);
    g_autoptr(GError) error = NULL;
    g_autofree char *text = lt_version_detect_from_file (at_limit, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "3.4.1");
  }
}

static void
test_detect_permission_denied (void)
{
  g_autofree char *path = write_version_file ("private", "3.4.1\n", -1);

  /* root reads any file whatever its mode, so there is nothing to deny. */
  if (geteuid () == 0)
    {
      g_test_skip ("running as root: file permissions do not apply");
      return;
    }

  g_assert_cmpint (g_chmod (path, 0), ==, 0);
  assert_detect_fails (path, LT_ERROR_INVALID_INPUT, "Cannot read");
}

static void
test_detect_installation (void)
{
  g_autofree char *path = write_version_file ("VERSION", "v3.4.1\n", -1);
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "gone", NULL);
  g_autoptr(LtInstallation) installation = lt_installation_new ();
  g_autoptr(GDateTime) first = lt_test_instant ("2026-11-25T16:00:00Z");
  g_autoptr(GDateTime) second = lt_test_instant ("2026-11-26T16:00:00Z");
  g_autoptr(GError) error = NULL;

  lt_installation_set_name (installation, "prod");
  lt_installation_set_detection_method (installation, LT_DETECTION_METHOD_FILE);
  lt_installation_set_location (installation, path);

  g_assert_true (lt_version_detect_installation_file (installation, first, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lt_installation_get_detected_version (installation), ==, "v3.4.1");
  assert_instants_equal (lt_installation_get_detected_at (installation), first);

  /* A failed detection keeps what was known. */
  lt_installation_set_location (installation, missing);
  g_assert_false (lt_version_detect_installation_file (installation, second, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_NOT_FOUND);
  g_assert_cmpstr (lt_installation_get_detected_version (installation), ==, "v3.4.1");
  assert_instants_equal (lt_installation_get_detected_at (installation), first);
  g_clear_error (&error);

  lt_installation_set_location (installation, "VERSION");
  g_assert_false (lt_version_detect_installation_file (installation, second, &error));
  g_assert_error (error, LT_ERROR, LT_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "“VERSION”"));
}

int
main (int    argc,
      char **argv)
{
  lt_test_init (&argc, &argv);

  TEST ("/lt/installations/add-lookup", test_add_lookup);
  TEST ("/lt/installations/add-minimal", test_add_minimal);
  TEST ("/lt/installations/add-invalid", test_add_invalid);
  TEST ("/lt/installations/unique-name", test_unique_name);
  TEST ("/lt/installations/update-remove", test_update_remove);
  TEST ("/lt/installations/find", test_find);
  TEST ("/lt/installations/model/positions", test_model_positions);
  TEST ("/lt/installations/model/item-edited-in-place", test_model_item_edited_in_place);
  TEST ("/lt/installations/model/transaction", test_model_transaction);
  TEST ("/lt/installations/model/other-connection", test_model_other_connection);
  TEST ("/lt/installations/named-in-tickets", test_named_in_tickets);
  TEST ("/lt/installations/named-in-tickets/indexed", test_named_in_tickets_indexed);
  g_test_add_func ("/lt/store/migrate-v7", test_migrate_v7);
  g_test_add_func ("/lt/version-detect/file/good", test_detect_good);
  g_test_add_func ("/lt/version-detect/file/bad-content", test_detect_bad_content);
  g_test_add_func ("/lt/version-detect/file/bad-path", test_detect_bad_path);
  g_test_add_func ("/lt/version-detect/file/too-large", test_detect_too_large);
  g_test_add_func ("/lt/version-detect/file/permission-denied", test_detect_permission_denied);
  g_test_add_func ("/lt/version-detect/installation", test_detect_installation);

  return g_test_run ();
}
