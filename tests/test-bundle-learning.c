/* test-bundle-learning.c: the writer's learning pass and the redactor's
 * learn-only line
 *
 * A first bundle is complete: a name that a later file teaches is replaced
 * in an earlier file and in an earlier folder's name too. The redactor's
 * learn_line leaves the map exactly as filter_line does, over the whole
 * corpus and over the lines that carry state (a private key block, an
 * overlong line, invalid UTF-8). A filter without learn_line is given
 * filter_line, its output discarded. The fast paths of the engine skip an
 * expression only where it cannot match; the cases that look like they
 * could fool them (case folded beyond ASCII, digits of other scripts) are
 * pinned here (docs/bundle.md, "Throughput").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-bundle-learning"

#include "config.h"

#include "lt-bundle.h"
#include "lt-redactor.h"
#include "lt-sensitive.h"
#include "lt-test-util.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static char *
map_json (LtRedactionMap *map)
{
  g_autoptr(JsonNode) node = lt_redaction_map_to_json (map);

  return json_to_string (node, TRUE);
}

static void
add_corpus_keywords (LtRedactor *redactor)
{
  g_autoptr(GError) error = NULL;

  lt_redactor_add_keyword (redactor, "Bluefin");
  g_assert_true (lt_redactor_add_pattern (redactor, "CUST-[0-9]{6}", &error));
  g_assert_true (lt_redactor_add_pattern (redactor, "EMP[0-9]{5}", &error));
  g_assert_no_error (error);
}

/* Passes @text, line by line, through @filter as one file: learnt only or
 * filtered. */
static void
pass_file (LtLineFilter *filter,
           const char   *path,
           const char   *text,
           gsize         length,
           gboolean      learn)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GHashTable) counts = NULL;
  const char *p = text;
  const char *end = text + length;

  lt_line_filter_begin_file (filter, path);
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      gsize n = (nl != NULL ? nl : end) - p;
      g_autoptr(GError) error = NULL;

      if (learn)
        g_assert_true (lt_line_filter_learn_line (filter, p, n, out, &error));
      else
        {
          g_string_truncate (out, 0);
          g_assert_true (lt_line_filter_filter_line (filter, p, n, out, &error));
        }
      g_assert_no_error (error);
      p += n + 1;
    }
  counts = lt_line_filter_end_file (filter, out);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_corpus (const char *dir,
                GPtrArray  *paths)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (names, compare_paths);
  for (guint i = 0; i < names->len; i++)
    {
      const char *path = g_ptr_array_index (names, i);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_corpus (path, paths);
      else if (!g_str_has_suffix (path, ".gz"))
        g_ptr_array_add (paths, g_strdup (path));
    }
}

/* Lines that carry state from one line to the next, or are read in an
 * unusual way: a key block, a line longer than the engine keeps whole, a
 * bad byte, a name learnt from a path. */
static char *
hard_text (void)
{
  GString *text = g_string_new (NULL);

  g_string_append (text, "host=db7.corp.example.com key follows\n"
                         "-----BEGIN RSA PRIVATE KEY-----\n"
                         "MIIEow host=hidden-host1.corp.example.com\n"
                         "-----END RSA PRIVATE KEY----- then host=after-key2.corp.example.com\n"
                         "bad \xff byte user=zoe host=mid\xc3-3.example.com\n");
  for (guint i = 0; i < 9000; i++)
    g_string_append_printf (text, "10.9.%u.%u,", i % 250, i % 200 + 1);
  g_string_append (text, " user=longline\n");
  for (guint i = 0; i < 70000; i++)
    g_string_append_c (text, 'a' + i % 26);
  g_string_append (text, " host=unscannable-tail9.example.net\n"
                         "db7 and longline and zoe again\n");
  return g_string_free (text, FALSE);
}

/* learn_line leaves the map as filter_line does. */
static void
test_learn_line_same_map (void)
{
  g_autofree char *dist = g_test_build_filename (G_TEST_DIST, "data", "bundle", "corpus", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(LtRedactionMap) learnt_map = lt_redaction_map_new ();
  g_autoptr(LtRedactionMap) filtered_map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) learner = lt_redactor_new (learnt_map);
  g_autoptr(LtRedactor) filterer = lt_redactor_new (filtered_map);
  g_autofree char *hard = hard_text ();
  g_autofree char *learnt_json = NULL;
  g_autofree char *filtered_json = NULL;

  add_corpus_keywords (learner);
  add_corpus_keywords (filterer);
  collect_corpus (dist, paths);
  g_assert_cmpuint (paths->len, >, 10);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autofree char *text = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (g_ptr_array_index (paths, i), &text, &length, NULL));
      pass_file (LT_LINE_FILTER (learner), g_ptr_array_index (paths, i), text, length, TRUE);
      pass_file (LT_LINE_FILTER (filterer), g_ptr_array_index (paths, i), text, length, FALSE);
    }
  pass_file (LT_LINE_FILTER (learner), "/hard.log", hard, strlen (hard), TRUE);
  pass_file (LT_LINE_FILTER (filterer), "/hard.log", hard, strlen (hard), FALSE);

  learnt_json = map_json (learnt_map);
  filtered_json = map_json (filtered_map);
  g_assert_cmpuint (lt_redaction_map_get_size (learnt_map), >, 50);
  g_assert_cmpstr (learnt_json, ==, filtered_json);
  /* The key block's lines taught nothing; the line after it did. */
  g_assert_null (strstr (learnt_json, "hidden-host1"));
  g_assert_nonnull (strstr (learnt_json, "after-key2"));
}

/* A filter of the tests' own, without learn_line. */
#define COUNT_TYPE_FILTER (count_filter_get_type ())
G_DECLARE_FINAL_TYPE (CountFilter, count_filter, COUNT, FILTER, GObject)

struct _CountFilter
{
  GObject parent_instance;
  guint   lines;
};

static char *
count_filter_path (LtLineFilter *filter,
                   const char   *path)
{
  return g_strdup (path);
}

static gboolean
count_filter_line (LtLineFilter  *filter,
                   const char    *line,
                   gsize          length,
                   GString       *out,
                   GError       **error)
{
  COUNT_FILTER (filter)->lines++;
  g_string_append (out, "written");
  return TRUE;
}

static void
count_filter_iface_init (LtLineFilterInterface *iface)
{
  iface->filter_path = count_filter_path;
  iface->filter_line = count_filter_line;
}

G_DEFINE_TYPE_WITH_CODE (CountFilter, count_filter, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (LT_TYPE_LINE_FILTER, count_filter_iface_init))

static void
count_filter_class_init (CountFilterClass *klass)
{
}

static void
count_filter_init (CountFilter *self)
{
}

/* Without learn_line, the learning pass is filter_line into the scratch
 * string, emptied first. */
static void
test_learn_line_fallback (void)
{
  g_autoptr(CountFilter) filter = g_object_new (COUNT_TYPE_FILTER, NULL);
  g_autoptr(GString) scratch = g_string_new ("left over");
  g_autoptr(GError) error = NULL;

  g_assert_true (lt_line_filter_learn_line (LT_LINE_FILTER (filter), "a line", 6, scratch, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (filter->lines, ==, 1);
  g_assert_cmpstr (scratch->str, ==, "written");
}

static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
write_text (const char *dir,
            const char *relative,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* One bundle of @dir; its listing and its contents, all files one after
 * the other (MANIFEST.json among them). */
static void
bundle (const char  *dir,
        const char  *output,
        gboolean     learning_pass,
        char       **listing,
        char       **contents)
{
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  g_autoptr(LtBundleWriter) writer = lt_bundle_writer_new (LT_LINE_FILTER (redactor));
  g_autoptr(GPtrArray) parts = NULL;
  g_autoptr(GError) error = NULL;
  const char *list[] = { "tar", "-tzf", output, NULL };
  const char *cat[] = { "tar", "-xzOf", output, NULL };

  lt_bundle_writer_set_learning_pass (writer, learning_pass);
  g_assert_true (lt_bundle_writer_add_path (writer, dir, LT_BUNDLE_PATH_NONE, &error));
  parts = lt_bundle_writer_write (writer, output, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (parts);
  *listing = run (list);
  *contents = run (cat);
}

/* A name met in a file, and in a folder's name, before the file that
 * teaches it: replaced in the first bundle with the learning pass, left
 * without it. */
static void
test_first_bundle_complete (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("test-bundle-learning-XXXXXX", &error);
  g_autofree char *in = NULL;
  g_autofree char *output = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *rm = NULL;

  g_assert_no_error (error);
  in = g_build_filename (tmp, "in", NULL);
  output = g_build_filename (tmp, "b.tar.gz", NULL);
  /* "a/…" is read before "b/…". */
  write_text (in, "a/fw-edge3/collector.log", "2026-12-06T09:40:21Z INFO fw-edge3 dropped 4 packets\n");
  write_text (in, "b/correlation.log", "2026-12-06T09:41:00Z INFO peer host=fw-edge3.corp.example.com up\n");

  bundle (in, output, FALSE, &listing, &contents);
  g_assert_nonnull (strstr (listing, "fw-edge3"));
  g_assert_nonnull (strstr (contents, "fw-edge3"));
  g_clear_pointer (&listing, g_free);
  g_clear_pointer (&contents, g_free);

  bundle (in, output, TRUE, &listing, &contents);
  g_test_message ("%s\n%s", listing, contents);
  g_assert_null (strstr (listing, "fw-edge3"));
  g_assert_null (strstr (contents, "fw-edge3"));
  g_assert_nonnull (strstr (contents, "dropped 4 packets"));
  /* Once in the manifest (counted in the file that met it first) and
   * once in each line. */
  g_assert_nonnull (strstr (contents, "host0 dropped"));
  g_assert_nonnull (strstr (contents, "host=host0.dom0.invalid up"));

  quoted = g_shell_quote (tmp);
  rm = g_strdup_printf ("rm -rf %s", quoted);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

/* The fast paths skip an expression only where it cannot match. Without
 * case, a regular expression over UTF-8 folds "ſ" (U+017F) to "s" and the
 * Kelvin sign (U+212A) to "k"; "\d" takes digits of other scripts. */
static void
test_fast_paths_exact (void)
{
  const struct {
    const char      *text;
    LtSensitiveKind  kind;
  } secrets[] = {
    { "pa\xc5\xbfsword=hunter22x", LT_SENSITIVE_KIND_PASSWORD },
    { "api_\xe2\x84\xaa" "ey=Zx9fk2kdl3", LT_SENSITIVE_KIND_API_TOKEN },
    { "BEARER abcdefgh12345678", LT_SENSITIVE_KIND_BEARER_TOKEN },
  };
  g_autoptr(LtRedactionMap) map = lt_redaction_map_new ();
  g_autoptr(LtRedactor) redactor = lt_redactor_new (map);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    {
      g_autoptr(GPtrArray) found = lt_sensitive_scan (secrets[i].text);

      g_assert_cmpuint (found->len, ==, 1);
      g_assert_cmpint (((LtSensitiveFinding *) g_ptr_array_index (found, 0))->kind, ==, secrets[i].kind);
    }

  /* The admin's word, written with a long s, is found without case in
   * plain ASCII text. */
  lt_redactor_add_keyword (redactor, "blue\xc5\xbf" "kin");
  lt_redactor_feed (redactor, "the BLUESKIN project; USER=Zed; HOSTNAME: \xc3\xa9t\xc3\xa9-7.example.com\n", -1, out);
  lt_redactor_finish (redactor, out);
  g_test_message ("%s", out->str);
  g_assert_null (strstr (out->str, "BLUESKIN"));
  g_assert_null (strstr (out->str, "Zed"));
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_KEYWORD), ==, 1);
  g_assert_cmpuint (lt_redactor_get_count (redactor, LT_REDACTION_KIND_USER), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  lt_test_init (&argc, &argv);

  g_test_add_func ("/lt/bundle-learning/learn-line-same-map", test_learn_line_same_map);
  g_test_add_func ("/lt/bundle-learning/learn-line-fallback", test_learn_line_fallback);
  g_test_add_func ("/lt/bundle-learning/first-bundle-complete", test_first_bundle_complete);
  g_test_add_func ("/lt/bundle-learning/fast-paths-exact", test_fast_paths_exact);

  return g_test_run ();
}
