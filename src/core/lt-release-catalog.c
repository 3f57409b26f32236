/* lt-release-catalog.c: the release catalog and version eligibility
 * (RULES.md R2; policy §11, §12, §17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-release-catalog"

#include "config.h"

#include "lt-release-catalog.h"
#include "lt-error.h"
#include "lt-date-util.h"
#include "lt-file-util.h"
#include "lt-json.h"
#include "lt-policy.h"

#include <glib/gi18n-lib.h>

struct _LtReleaseCatalog
{
  GObject    parent_instance;

  /* Owned: LtRelease, sorted by version, newest first */
  GPtrArray *releases;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LtReleaseCatalog, lt_release_catalog, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_BOXED_TYPE (LtEligibility, lt_eligibility, lt_eligibility_copy, lt_eligibility_free)

static const char * const release_keys[] = {
  "version", "released", "withdrawn", "fixes", "notes", NULL
};

static void
lt_release_catalog_dispose (GObject *object)
{
  LtReleaseCatalog *self = (LtReleaseCatalog *) object;

  if (self->releases != NULL)
    g_ptr_array_set_size (self->releases, 0);

  G_OBJECT_CLASS (lt_release_catalog_parent_class)->dispose (object);
}

static void
lt_release_catalog_finalize (GObject *object)
{
  LtReleaseCatalog *self = (LtReleaseCatalog *) object;

  g_clear_pointer (&self->releases, g_ptr_array_unref);

  G_OBJECT_CLASS (lt_release_catalog_parent_class)->finalize (object);
}

static void
lt_release_catalog_class_init (LtReleaseCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lt_release_catalog_dispose;
  object_class->finalize = lt_release_catalog_finalize;
}

static void
lt_release_catalog_init (LtReleaseCatalog *self)
{
  self->releases = g_ptr_array_new_with_free_func (g_object_unref);
}

static GType
lt_release_catalog_get_item_type (GListModel *model)
{
  return LT_TYPE_RELEASE;
}

static guint
lt_release_catalog_get_n_items (GListModel *model)
{
  LtReleaseCatalog *self = LT_RELEASE_CATALOG (model);

  return self->releases->len;
}

static gpointer
lt_release_catalog_get_item (GListModel *model,
                             guint       position)
{
  LtReleaseCatalog *self = LT_RELEASE_CATALOG (model);

  if (position >= self->releases->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->releases, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lt_release_catalog_get_item_type;
  iface->get_n_items = lt_release_catalog_get_n_items;
  iface->get_item = lt_release_catalog_get_item;
}

/* Loading: every data error starts with the JSON path of the field at
 * fault (lt_json_set_path_error()), so a person (or the portal's
 * developers) can find it in the document. */

/* Turns an input error of a field (a version or date that does not parse)
 * into a data error of the document at @path. */
static void
propagate_data_error (GError     **error,
                      GError      *local_error,
                      const char  *path)
{
  lt_json_set_path_error (error, path, "%s", local_error->message);
  g_error_free (local_error);
}

static char **
parse_fixes (JsonArray   *array,
             const char  *path,
             GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *element_path = lt_json_element_path (path, i);
      GError *local_error = NULL;
      const char *id;

      if (!lt_json_node_get_string (json_array_get_element (array, i), element_path, &id, error))
        return NULL;
      if (!lt_release_validate_issue_id (id, &local_error))
        {
          propagate_data_error (error, local_error, element_path);
          return NULL;
        }

      for (guint j = 0; j < seen->len; j++)
        {
          if (g_str_equal (g_ptr_array_index (seen, j), id))
            {
              lt_json_set_path_error (error, element_path, _("“%s” is listed twice"), id);
              return NULL;
            }
        }

      g_ptr_array_add (seen, (gpointer) id);
      g_strv_builder_add (builder, id);
    }

  return g_strv_builder_end (builder);
}

static LtRelease *
parse_release (JsonNode  *node,
               guint      index,
               GError   **error)
{
  g_autofree char *path = lt_json_element_path ("$.releases", index);
  g_autofree char *fixes_path = NULL;
  g_autoptr(LtVersion) version = NULL;
  g_auto(GStrv) fixes = NULL;
  GError *local_error = NULL;
  JsonObject *object;
  JsonArray *fixes_array = NULL;
  const char *version_text;
  const char *notes = NULL;
  gboolean withdrawn = FALSE;
  GDate released;

  if (!(object = lt_json_node_get_object (node, path, release_keys, error)) ||
      !lt_json_read_string (object, path, "version", LT_JSON_REQUIRED, &version_text, error))
    return NULL;
  version = lt_version_parse (version_text, &local_error);
  if (version == NULL)
    {
      g_autofree char *version_path = lt_json_member_path (path, "version");

      propagate_data_error (error, local_error, version_path);
      return NULL;
    }

  /* "withdrawn" and "fixes" may be left out, but not given as null: a
   * null would be a writer's mistake, not "no". */
  if (!lt_json_read_date (object, path, "released", LT_JSON_REQUIRED, &released, NULL, error) ||
      (json_object_has_member (object, "withdrawn") &&
       !lt_json_read_boolean (object, path, "withdrawn", LT_JSON_REQUIRED, &withdrawn, error)) ||
      (json_object_has_member (object, "fixes") &&
       !lt_json_read_array (object, path, "fixes", LT_JSON_REQUIRED, 0, &fixes_array, &fixes_path,
                            error)) ||
      !lt_json_read_string (object, path, "notes", LT_JSON_OPTIONAL, &notes, error))
    return NULL;

  if (fixes_array != NULL && !(fixes = parse_fixes (fixes_array, fixes_path, error)))
    return NULL;

  return lt_release_new (version, &released, withdrawn,
                         (const char * const *) fixes, notes);
}

static int
compare_releases_newest_first (gconstpointer a,
                               gconstpointer b)
{
  LtRelease *ra = *(LtRelease **) a;
  LtRelease *rb = *(LtRelease **) b;

  return lt_version_compare (lt_release_get_version (rb),
                             lt_release_get_version (ra));
}

static int
compare_indexes_by_version (gconstpointer a,
                            gconstpointer b,
                            gpointer      user_data)
{
  GPtrArray *releases = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;
  int cmp = lt_version_compare (lt_release_get_version (g_ptr_array_index (releases, ia)),
                                lt_release_get_version (g_ptr_array_index (releases, ib)));

  if (cmp != 0)
    return cmp;
  return (ia > ib) - (ia < ib);
}

/* Duplicates are found by sorting, not pairwise, so a large document
 * costs n log n; the one reported is the first repeat in document order,
 * which is where a person reading the file would expect it. */
static gboolean
check_duplicates (GPtrArray  *releases,
                  GError    **error)
{
  g_autoptr(GArray) order = g_array_sized_new (FALSE, FALSE, sizeof (guint), releases->len);
  guint dup = G_MAXUINT;
  guint dup_of = G_MAXUINT;
  guint group_first = 0;

  for (guint i = 0; i < releases->len; i++)
    g_array_append_val (order, i);
  g_array_sort_with_data (order, compare_indexes_by_version, releases);

  for (guint k = 0; k < order->len; k++)
    {
      guint idx = g_array_index (order, guint, k);

      if (k > 0 &&
          lt_version_equal (lt_release_get_version (g_ptr_array_index (releases, idx)),
                            lt_release_get_version (g_ptr_array_index (releases, group_first))))
        {
          if (idx < dup)
            {
              dup = idx;
              dup_of = group_first;
            }
        }
      else
        group_first = idx;
    }

  if (dup != G_MAXUINT)
    {
      g_autofree char *path = g_strdup_printf ("$.releases[%u].version", dup);
      LtRelease *release = g_ptr_array_index (releases, dup);

      lt_json_set_path_error (error, path, _("“%s” is listed twice (also at $.releases[%u])"),
                              lt_version_to_string (lt_release_get_version (release)), dup_of);
      return FALSE;
    }

  return TRUE;
}

static LtReleaseCatalog *
catalog_new_from_root (JsonNode  *root,
                       GError   **error)
{
  static const char * const root_keys[] = { "releases", NULL };
  g_autoptr(LtReleaseCatalog) self = NULL;
  g_autoptr(GPtrArray) releases = NULL;
  JsonObject *object;
  JsonArray *array;
  gboolean any_available = FALSE;
  guint n;

  if (!(object = lt_json_node_get_object (root, "$", root_keys, error)) ||
      !lt_json_read_array (object, "$", "releases", LT_JSON_REQUIRED, 0, &array, NULL, error))
    return NULL;

  n = json_array_get_length (array);
  releases = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      LtRelease *release = parse_release (json_array_get_element (array, i), i, error);

      if (release == NULL)
        return NULL;
      any_available |= !lt_release_get_withdrawn (release);
      g_ptr_array_add (releases, release);
    }

  if (!check_duplicates (releases, error))
    return NULL;

  if (!any_available)
    {
      lt_json_set_path_error (error, "$.releases",
                              _("the catalog needs at least one release that is not withdrawn"));
      return NULL;
    }

  g_ptr_array_sort (releases, compare_releases_newest_first);

  self = g_object_new (LT_TYPE_RELEASE_CATALOG, NULL);
  g_clear_pointer (&self->releases, g_ptr_array_unref);
  self->releases = g_steal_pointer (&releases);

  return g_steal_pointer (&self);
}

/**
 * lt_release_catalog_new_from_json_node:
 * @root: the parsed document (a GET /releases body)
 * @error: set to %LT_ERROR_INVALID_DATA, starting with the JSON path of the
 *   bad field
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL on error
 */
LtReleaseCatalog *
lt_release_catalog_new_from_json_node (JsonNode  *root,
                                       GError   **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (root == NULL)
    {
      lt_json_set_path_error (error, "$", _("the document is empty"));
      return NULL;
    }
  return catalog_new_from_root (root, error);
}

/**
 * lt_release_catalog_new_from_bytes:
 * @json: the document, UTF-8 JSON
 * @error: set to %LT_ERROR_INVALID_DATA, starting with a JSON path ("$"
 *   when the text is not JSON at all)
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL on error
 */
LtReleaseCatalog *
lt_release_catalog_new_from_bytes (GBytes  *json,
                                   GError **error)
{
  g_autoptr(LtJsonDocument) document = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  document = lt_json_document_parse_bytes (json, LT_JSON_MAX_DEPTH, error);
  if (document == NULL)
    return NULL;

  return catalog_new_from_root (lt_json_document_get_root (document), error);
}

/**
 * lt_release_catalog_new_from_file:
 * @path: a file the caller names (e.g. `--releases FILE`)
 * @error: %LT_ERROR_NOT_FOUND when the file does not exist,
 *   %LT_ERROR_INVALID_INPUT when it cannot be read, else as
 *   lt_release_catalog_new_from_bytes()
 *
 * Returns: (transfer full) (nullable): the catalog, or %NULL on error
 */
LtReleaseCatalog *
lt_release_catalog_new_from_file (const char  *path,
                                  GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Only a regular file of a sane size: /dev/zero or a FIFO named by
   * mistake must not fill memory or hang. */
  bytes = lt_file_read_regular (path, LT_FILE_MAX_DOCUMENT_SIZE, error);
  if (bytes == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_prefix_error (error, _("Cannot read the catalog file “%s”: "), display);
      return NULL;
    }
  return lt_release_catalog_new_from_bytes (bytes, error);
}

/**
 * lt_release_catalog_new_default:
 * @error: set when the bundled catalog cannot be loaded (a build defect)
 *
 * Returns: (transfer full) (nullable): the catalog shipped with the app
 */
LtReleaseCatalog *
lt_release_catalog_new_default (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = g_resources_lookup_data (LT_RELEASE_CATALOG_DEFAULT_RESOURCE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, LT_ERROR, LT_ERROR_NOT_FOUND,
                   _("The bundled release catalog is missing: %s"), local_error->message);
      return NULL;
    }

  return lt_release_catalog_new_from_bytes (bytes, error);
}

/**
 * lt_release_catalog_to_json_node:
 * @self: a catalog
 *
 * Returns: (transfer full): the catalog as a GET /releases body, newest
 *   release first; loading it gives an equal catalog
 */
JsonNode *
lt_release_catalog_to_json_node (LtReleaseCatalog *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "releases");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->releases->len; i++)
    {
      LtRelease *release = g_ptr_array_index (self->releases, i);
      const GDate *released = lt_release_get_released (release);
      const char * const *fixes = lt_release_get_fixes (release);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "version");
      json_builder_add_string_value (builder,
                                     lt_version_to_string (lt_release_get_version (release)));
      json_builder_set_member_name (builder, "released");
      if (released != NULL)
        {
          g_autofree char *text = lt_date_format (released);

          json_builder_add_string_value (builder, text);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "withdrawn");
      json_builder_add_boolean_value (builder, lt_release_get_withdrawn (release));
      json_builder_set_member_name (builder, "fixes");
      json_builder_begin_array (builder);
      for (guint j = 0; fixes[j] != NULL; j++)
        json_builder_add_string_value (builder, fixes[j]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "notes");
      if (lt_release_get_notes (release) != NULL)
        json_builder_add_string_value (builder, lt_release_get_notes (release));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * lt_release_catalog_replace:
 * @self: a catalog
 * @other: the refreshed catalog
 *
 * Makes @self list the releases of @other, emitting ::items-changed once.
 */
void
lt_release_catalog_replace (LtReleaseCatalog *self,
                            LtReleaseCatalog *other)
{
  g_autoptr(GPtrArray) old = NULL;
  guint n_old;

  g_return_if_fail (LT_IS_RELEASE_CATALOG (self));
  g_return_if_fail (LT_IS_RELEASE_CATALOG (other));

  if (self == other)
    return;

  old = g_steal_pointer (&self->releases);
  n_old = old->len;
  self->releases = g_ptr_array_new_full (other->releases->len, g_object_unref);
  for (guint i = 0; i < other->releases->len; i++)
    g_ptr_array_add (self->releases, g_object_ref (g_ptr_array_index (other->releases, i)));

  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, self->releases->len);
}

/* Queries */

/**
 * lt_release_catalog_lookup:
 * @self: a catalog
 * @version: a version
 *
 * Returns: (transfer none) (nullable): the release of @version ("3.3"
 *   finds 3.3.0), withdrawn or not
 */
LtRelease *
lt_release_catalog_lookup (LtReleaseCatalog *self,
                           const LtVersion  *version)
{
  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (self), NULL);
  g_return_val_if_fail (version != NULL, NULL);

  for (guint i = 0; i < self->releases->len; i++)
    {
      LtRelease *release = g_ptr_array_index (self->releases, i);

      if (lt_version_equal (lt_release_get_version (release), version))
        return release;
    }

  return NULL;
}

/**
 * lt_release_catalog_get_current:
 * @self: a catalog
 *
 * Returns: (transfer none) (nullable): the highest release that is not
 *   withdrawn
 */
LtRelease *
lt_release_catalog_get_current (LtReleaseCatalog *self)
{
  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (self), NULL);

  return lt_release_catalog_get_floor (self, 0);
}

/**
 * lt_release_catalog_get_floor:
 * @self: a catalog
 * @supported_preceding: how many releases below current stay supported
 *
 * The support window is current plus the @supported_preceding
 * non-withdrawn releases immediately below it; with fewer releases, all of
 * them.
 *
 * Returns: (transfer none) (nullable): the lowest release of the window
 */
LtRelease *
lt_release_catalog_get_floor (LtReleaseCatalog *self,
                              guint             supported_preceding)
{
  LtRelease *floor = NULL;
  guint seen = 0;

  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (self), NULL);

  for (guint i = 0; i < self->releases->len; i++)
    {
      LtRelease *release = g_ptr_array_index (self->releases, i);

      if (lt_release_get_withdrawn (release))
        continue;
      floor = release;
      if (seen++ == supported_preceding)
        break;
    }

  return floor;
}

LtEligibility *
lt_eligibility_copy (const LtEligibility *self)
{
  LtEligibility *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LtEligibility, 1);
  *copy = *self;
  copy->installed = self->installed ? lt_version_copy (self->installed) : NULL;
  copy->current = self->current ? lt_version_copy (self->current) : NULL;
  copy->floor = self->floor ? lt_version_copy (self->floor) : NULL;
  copy->replacement = self->replacement ? lt_version_copy (self->replacement) : NULL;
  copy->message = g_strdup (self->message);
  copy->withdrawn_message = g_strdup (self->withdrawn_message);
  return copy;
}

void
lt_eligibility_free (LtEligibility *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->installed, lt_version_free);
  g_clear_pointer (&self->current, lt_version_free);
  g_clear_pointer (&self->floor, lt_version_free);
  g_clear_pointer (&self->replacement, lt_version_free);
  g_free (self->message);
  g_free (self->withdrawn_message);
  g_free (self);
}

static const char *
version_text (const LtVersion *version)
{
  return lt_version_to_string (version);
}

static char *
format_forecast (guint remaining)
{
  if (remaining == 1)
    return g_strdup (_("The next release will end its support: plan the upgrade."));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "It stays supported until %u more release ships.",
                                    "It stays supported until %u more releases ship.",
                                    remaining),
                          remaining);
}

/**
 * lt_release_catalog_check_version:
 * @self: a catalog
 * @installed: the installed version
 * @supported_preceding: how many releases below current stay supported
 *   (the policy's number, 2 by default)
 *
 * Decides the eligibility of @installed (RULES.md R2): current, supported
 * (floor <= @installed < current, whether or not @installed is in the
 * catalog), unsupported (below floor) or unknown (above current: the
 * catalog is stale, and support is never claimed).
 *
 * Returns: (transfer full): the verdict
 */
LtEligibility *
lt_release_catalog_check_version (LtReleaseCatalog *self,
                                  const LtVersion  *installed,
                                  guint             supported_preceding)
{
  g_autoptr(LtEligibility) result = NULL;
  g_autofree char *forecast = NULL;
  LtRelease *current = NULL;
  LtRelease *floor = NULL;
  LtRelease *next_up = NULL;
  LtRelease *exact;
  guint seen = 0;
  guint above = 0;
  const char *installed_text;

  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (self), NULL);
  g_return_val_if_fail (installed != NULL, NULL);

  /* One pass, newest first, over the releases that count: the window's
   * ends, and how many releases stand above @installed (its distance from
   * current, which is what the forecast needs). */
  for (guint i = 0; i < self->releases->len; i++)
    {
      LtRelease *release = g_ptr_array_index (self->releases, i);

      if (lt_release_get_withdrawn (release))
        continue;
      if (current == NULL)
        current = release;
      if (seen <= supported_preceding)
        floor = release;
      seen++;
      if (lt_version_compare (lt_release_get_version (release), installed) > 0)
        {
          above++;
          next_up = release;
        }
    }

  result = g_new0 (LtEligibility, 1);
  result->installed = lt_version_copy (installed);
  installed_text = version_text (installed);

  exact = lt_release_catalog_lookup (self, installed);
  result->installed_withdrawn = exact != NULL && lt_release_get_withdrawn (exact);

  if (current == NULL)
    {
      /* Only reachable when releases were withdrawn after loading: loading
       * refuses a catalog without an available release. */
      result->status = LT_SUPPORT_STATUS_UNKNOWN;
      result->message =
        g_strdup_printf (_("The release catalog lists no available release, so support "
                           "for %s cannot be confirmed. Refresh the release catalog."),
                         installed_text);
      return g_steal_pointer (&result);
    }

  result->current = lt_version_copy (lt_release_get_version (current));
  result->floor = lt_version_copy (lt_release_get_version (floor));

  if (lt_version_compare (installed, result->current) > 0)
    {
      result->status = LT_SUPPORT_STATUS_UNKNOWN;
      if (result->installed_withdrawn)
        result->message =
          g_strdup_printf (_("%s is a withdrawn release newer than the current release %s, "
                             "so support cannot be confirmed. Refresh the release catalog, "
                             "or move to %s."),
                           installed_text, version_text (result->current),
                           version_text (result->current));
      else
        result->message =
          g_strdup_printf (_("%s is newer than any release in the catalog (the current "
                             "release is %s). Refresh the release catalog: support cannot "
                             "be confirmed until then."),
                           installed_text, version_text (result->current));
    }
  else if (lt_version_compare (installed, result->floor) < 0)
    {
      result->status = LT_SUPPORT_STATUS_UNSUPPORTED;
      result->message =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s is older than %u release behind the current release %s "
                                   "and is not supported. Engage Professional Services for "
                                   "upgrade assistance. No hotfixes or maintenance updates "
                                   "are provided until you upgrade to %s or later.",
                                   "%s is older than %u releases behind the current release %s "
                                   "and is not supported. Engage Professional Services for "
                                   "upgrade assistance. No hotfixes or maintenance updates "
                                   "are provided until you upgrade to %s or later.",
                                   supported_preceding),
                         installed_text, supported_preceding,
                         version_text (result->current), version_text (result->floor));
    }
  else
    {
      gboolean is_current = lt_version_compare (installed, result->current) == 0;

      result->status = is_current ? LT_SUPPORT_STATUS_CURRENT : LT_SUPPORT_STATUS_SUPPORTED;
      result->hotfix_eligible = TRUE;

      /* After m more releases ship above current, @installed has
       * above + m releases above it and stays in the window while that is
       * at most supported_preceding; it leaves with the release that makes
       * it one more. This assumes new releases are newer than current and
       * are not withdrawn. */
      result->releases_until_unsupported =
        supported_preceding - above == G_MAXUINT ? G_MAXUINT
                                                 : supported_preceding - above + 1;
      forecast = format_forecast (result->releases_until_unsupported);

      if (is_current)
        result->message =
          g_strdup_printf (_("%s is the current release: supported and eligible for "
                             "hotfixes. %s"),
                           installed_text, forecast);
      else
        result->message =
          g_strdup_printf (_("%s is supported and eligible for hotfixes (the current release "
                             "is %s; %s or later is supported). %s"),
                           installed_text, version_text (result->current),
                           version_text (result->floor), forecast);
    }

  if (result->installed_withdrawn)
    {
      LtRelease *target = next_up != NULL ? next_up : current;

      result->replacement = lt_version_copy (lt_release_get_version (target));
      result->withdrawn_message =
        g_strdup_printf (_("%s was withdrawn. Move off it to %s as soon as you can."),
                         installed_text, version_text (result->replacement));
    }

  return g_steal_pointer (&result);
}

/**
 * lt_release_catalog_check_version_for_policy:
 * @self: a catalog
 * @installed: the installed version
 * @policy: the policy that sets how many preceding releases stay supported
 *
 * Returns: (transfer full): as lt_release_catalog_check_version()
 */
LtEligibility *
lt_release_catalog_check_version_for_policy (LtReleaseCatalog *self,
                                             const LtVersion  *installed,
                                             LtPolicy         *policy)
{
  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (self), NULL);
  g_return_val_if_fail (installed != NULL, NULL);
  g_return_val_if_fail (LT_IS_POLICY (policy), NULL);

  return lt_release_catalog_check_version (self, installed,
                                           lt_policy_get_supported_preceding (policy));
}

/**
 * lt_release_catalog_find_fix:
 * @self: a catalog
 * @installed: the installed version
 * @issue_id: the known-issue ID the ticket names ("LT-1234")
 * @fixed_in: (out) (optional) (transfer none) (nullable): the lowest
 *   non-withdrawn release newer than @installed that fixes @issue_id
 * @warning: (out) (optional) (transfer full) (nullable): the §12 warning to
 *   show before filing
 * @error: %LT_ERROR_INVALID_INPUT when @issue_id is malformed
 *
 * §12: a ticket about an issue fixed in a release newer than the installed
 * one is closed as resolved; the customer is told to upgrade first. The
 * lowest such release is named, as the smallest upgrade that helps. A fix
 * in a release at or below @installed does not count (the issue is back, or
 * is another one), nor does one in a withdrawn release. When @installed is
 * current (or newer) no release qualifies, so there is no warning.
 *
 * Returns: %FALSE only when @issue_id is malformed
 */
gboolean
lt_release_catalog_find_fix (LtReleaseCatalog *self,
                             const LtVersion  *installed,
                             const char       *issue_id,
                             LtRelease       **fixed_in,
                             char            **warning,
                             GError          **error)
{
  LtRelease *lowest = NULL;

  if (fixed_in != NULL)
    *fixed_in = NULL;
  if (warning != NULL)
    *warning = NULL;

  g_return_val_if_fail (LT_IS_RELEASE_CATALOG (self), FALSE);
  g_return_val_if_fail (installed != NULL, FALSE);
  g_return_val_if_fail (issue_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!lt_release_validate_issue_id (issue_id, error))
    return FALSE;

  /* Newest first, so the last match is the lowest qualifying release. */
  for (guint i = 0; i < self->releases->len; i++)
    {
      LtRelease *release = g_ptr_array_index (self->releases, i);

      if (lt_version_compare (lt_release_get_version (release), installed) <= 0)
        break;
      if (!lt_release_get_withdrawn (release) && lt_release_fixes_issue (release, issue_id))
        lowest = release;
    }

  if (lowest == NULL)
    return TRUE;

  if (fixed_in != NULL)
    *fixed_in = lowest;
  if (warning != NULL)
    {
      const char *fix_text = lt_version_to_string (lt_release_get_version (lowest));

      *warning =
        g_strdup_printf (_("%s is fixed in %s, which is newer than the installed %s. A ticket "
                           "about it will be closed as resolved: upgrade to %s or later "
                           "first."),
                         issue_id, fix_text, lt_version_to_string (installed), fix_text);
    }

  return TRUE;
}
