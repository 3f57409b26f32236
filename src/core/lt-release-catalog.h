/* lt-release-catalog.h: the release catalog and version eligibility
 * (RULES.md R2; policy §11, §12, §17)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "lt-types.h"
#include "lt-release.h"
#include "lt-version.h"

G_BEGIN_DECLS

/* The resource path of the bundled catalog (data/releases.json). */
#define LT_RELEASE_CATALOG_DEFAULT_RESOURCE "/com/lockthreat/Support/releases/releases.json"

#define LT_TYPE_RELEASE_CATALOG (lt_release_catalog_get_type ())
G_DECLARE_FINAL_TYPE (LtReleaseCatalog, lt_release_catalog, LT, RELEASE_CATALOG, GObject)

/* The catalog is a GListModel of LtRelease, newest version first.
 *
 * Loading validates every field; a bad one is LT_ERROR_INVALID_DATA with a
 * message that starts with its JSON path, e.g.
 * "$.releases[3].version: “3.x” is not a version: …". The document is the
 * portal's GET /releases body:
 *   {"releases": [{"version": "3.3.2", "released": "2025-07-08",
 *                  "withdrawn": false, "fixes": ["LT-1234"],
 *                  "notes": "…"}]}
 * "version" and "released" are required; "withdrawn" (default false),
 * "fixes" (default []) and "notes" (string or null) may be left out.
 * Unknown keys, duplicate versions (by R1 comparison, so "3.3" duplicates
 * "3.3.0"), malformed known-issue IDs and a catalog without a release that
 * is not withdrawn are refused. */
LtReleaseCatalog *lt_release_catalog_new_default      (GError     **error);
LtReleaseCatalog *lt_release_catalog_new_from_bytes   (GBytes      *json,
                                                       GError     **error);
LtReleaseCatalog *lt_release_catalog_new_from_file    (const char  *path,
                                                       GError     **error);
LtReleaseCatalog *lt_release_catalog_new_from_json_node (JsonNode  *root,
                                                         GError   **error);

/* The catalog as a GET /releases body, for caching and --json output. */
JsonNode   *lt_release_catalog_to_json_node (LtReleaseCatalog *self);

/* Replaces the releases of @self with those of @other (a refreshed
 * catalog), emitting one ::items-changed, so that views bound to @self
 * follow a refresh. The releases are shared, not copied. */
void        lt_release_catalog_replace     (LtReleaseCatalog *self,
                                            LtReleaseCatalog *other);

/* The release whose version compares equal to @version, or NULL. */
LtRelease  *lt_release_catalog_lookup      (LtReleaseCatalog *self,
                                            const LtVersion  *version);
/* The highest release that is not withdrawn; NULL only if every release
 * was withdrawn after loading. */
LtRelease  *lt_release_catalog_get_current (LtReleaseCatalog *self);
/* The lowest release of the support window: current and the
 * @supported_preceding non-withdrawn releases below it. */
LtRelease  *lt_release_catalog_get_floor   (LtReleaseCatalog *self,
                                            guint             supported_preceding);

/**
 * LtEligibility:
 * @status: where @installed stands (R2)
 * @installed: the version that was checked
 * @current: (nullable): the current release; %NULL only when the catalog
 *   has no release that is not withdrawn
 * @floor: (nullable): the lowest supported version; %NULL like @current
 * @hotfix_eligible: %TRUE for current and supported
 * @releases_until_unsupported: how many more releases can ship before
 *   @installed leaves the support window: 1 means the next release pushes
 *   it out; 0 when it is not supported now (unsupported or unknown)
 * @installed_withdrawn: whether @installed is itself a withdrawn release
 * @replacement: (nullable): when @installed_withdrawn, the release to move
 *   to: the lowest non-withdrawn release above it, else current
 * @message: the explanation for a person (R2 texts)
 * @withdrawn_message: (nullable): when @installed_withdrawn, the warning to
 *   move off it
 *
 * The verdict on an installed version. A plain boxed struct: it is a
 * snapshot that owns copies of the versions, so it outlives the catalog
 * and is safe to hand to another thread.
 */
typedef struct
{
  LtSupportStatus  status;
  LtVersion       *installed;
  LtVersion       *current;
  LtVersion       *floor;
  gboolean         hotfix_eligible;
  guint            releases_until_unsupported;
  gboolean         installed_withdrawn;
  LtVersion       *replacement;
  char            *message;
  char            *withdrawn_message;
} LtEligibility;

#define LT_TYPE_ELIGIBILITY (lt_eligibility_get_type ())
GType          lt_eligibility_get_type (void) G_GNUC_CONST;
LtEligibility *lt_eligibility_copy     (const LtEligibility *self);
void           lt_eligibility_free     (LtEligibility       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LtEligibility, lt_eligibility_free)

/* Eligibility of @installed with a support window of current plus
 * @supported_preceding releases (the policy's number, 2 by default). */
LtEligibility *lt_release_catalog_check_version (LtReleaseCatalog *self,
                                                 const LtVersion  *installed,
                                                 guint             supported_preceding);
/* The same with the window size taken from @policy. */
LtEligibility *lt_release_catalog_check_version_for_policy (LtReleaseCatalog *self,
                                                            const LtVersion  *installed,
                                                            LtPolicy         *policy);

/* §12: the lowest non-withdrawn release newer than @installed that fixes
 * @issue_id, or NULL. A malformed @issue_id is LT_ERROR_INVALID_INPUT and
 * returns FALSE; otherwise returns TRUE and sets @fixed_in (may be NULL)
 * and @warning (the text to show before filing; NULL when no warning
 * applies, which includes an installed version that is current). */
gboolean    lt_release_catalog_find_fix    (LtReleaseCatalog *self,
                                            const LtVersion  *installed,
                                            const char       *issue_id,
                                            LtRelease       **fixed_in,
                                            char            **warning,
                                            GError          **error);

G_END_DECLS
