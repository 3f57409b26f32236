/* lt-release-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-release-timeline"

#include "config.h"

#include "lt-release-timeline.h"

#include "lt-installation.h"
#include "lt-ui-util.h"

#include <glib/gi18n-lib.h>

/* Geometry, in pixels. A slot is the horizontal room of one release. */
#define PAD_X            20.0
#define MIN_SLOT         68.0
#define NATURAL_SLOT     88.0
#define MARKER_ROW       22.0
#define MAX_MARKER_ROWS  4
#define DOT_RADIUS       6.0
#define CURRENT_RADIUS   8.0
#define BAND_ABOVE       18.0
#define BAND_BELOW       74.0
#define TOP_MARGIN       14.0
#define BOTTOM_MARGIN    10.0

struct _LtReleaseTimeline
{
  GtkWidget         parent_instance;

  /* Owned */
  LtReleaseCatalog *catalog;
  LtPolicy         *policy;
  GListModel       *installations;
};

G_DEFINE_FINAL_TYPE (LtReleaseTimeline, lt_release_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CATALOG,
  PROP_POLICY,
  PROP_INSTALLATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One installation as the widget places it. */
typedef struct
{
  char            *name;
  LtEligibility   *eligibility;
  double           slot;        /* fractional slot index; -1 older than shown */
  guint            row;
  double           label_width;
} Marker;

static void
marker_free (Marker *marker)
{
  g_free (marker->name);
  g_clear_pointer (&marker->eligibility, lt_eligibility_free);
  g_free (marker);
}

/* Releases in ascending version order: the catalog is newest first. */
static GPtrArray *
dup_releases_ascending (LtReleaseTimeline *self)
{
  GPtrArray *releases = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  if (self->catalog == NULL)
    return releases;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->catalog));
  for (guint i = n; i > 0; i--)
    g_ptr_array_add (releases, g_list_model_get_item (G_LIST_MODEL (self->catalog), i - 1));

  return releases;
}

static guint
supported_preceding (LtReleaseTimeline *self)
{
  return self->policy != NULL ? lt_policy_get_supported_preceding (self->policy) : 2;
}

/* Where @version sits among @releases[first..n): the slot of an equal
 * release, halfway between the two it falls between, one past the last
 * for a version newer than every release, -1 below the first shown. */
static double
slot_for_version (GPtrArray       *releases,
                  guint            first,
                  const LtVersion *version)
{
  guint n_shown = releases->len - first;

  for (guint i = 0; i < n_shown; i++)
    {
      LtRelease *release = g_ptr_array_index (releases, first + i);
      int cmp = lt_version_compare (version, lt_release_get_version (release));

      if (cmp == 0)
        return i;
      if (cmp < 0)
        return i == 0 ? -1.0 : i - 0.5;
    }

  return n_shown;
}

static GPtrArray *
build_markers (LtReleaseTimeline *self,
               GPtrArray         *releases,
               guint              first)
{
  GPtrArray *markers = g_ptr_array_new_with_free_func ((GDestroyNotify) marker_free);
  guint n;

  if (self->installations == NULL || self->catalog == NULL || self->policy == NULL)
    return markers;

  n = g_list_model_get_n_items (self->installations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LtInstallation) installation = g_list_model_get_item (self->installations, i);
      g_autoptr(LtVersion) version = lt_installation_dup_version (installation, NULL);
      Marker *marker;

      /* An installation without a readable version has no place on a
       * line of versions; the installations list says why. */
      if (version == NULL)
        continue;

      marker = g_new0 (Marker, 1);
      marker->name = g_strdup (lt_installation_get_name (installation));
      marker->eligibility = lt_release_catalog_check_version_for_policy (self->catalog, version,
                                                                          self->policy);
      marker->slot = slot_for_version (releases, first, version);
      g_ptr_array_add (markers, marker);
    }

  return markers;
}

static int
compare_markers (gconstpointer a,
                 gconstpointer b)
{
  const Marker *ma = *(Marker * const *) a;
  const Marker *mb = *(Marker * const *) b;

  return (ma->slot > mb->slot) - (ma->slot < mb->slot);
}

static PangoLayout *
create_layout (GtkWidget  *widget,
               const char *text,
               double      scale,
               gboolean    bold,
               gboolean    strike)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (strike)
    pango_attr_list_insert (attrs, pango_attr_strikethrough_new (TRUE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Assigns marker rows so labels do not overlap; returns the rows used. */
static guint
place_markers (GtkWidget *widget,
               GPtrArray *markers,
               double     slot_width)
{
  double row_end[MAX_MARKER_ROWS];
  guint rows = 0;

  g_ptr_array_sort (markers, compare_markers);

  for (guint i = 0; i < MAX_MARKER_ROWS; i++)
    row_end[i] = -G_MAXDOUBLE;

  for (guint i = 0; i < markers->len; i++)
    {
      Marker *marker = g_ptr_array_index (markers, i);
      g_autoptr(PangoLayout) layout = create_layout (widget, marker->name, 0.85, TRUE, FALSE);
      double x = PAD_X + (MAX (marker->slot, -0.4) + 0.5) * slot_width;
      double left;
      guint row = MAX_MARKER_ROWS - 1;

      marker->label_width = layout_width (layout);
      left = x - marker->label_width / 2;

      for (guint r = 0; r < MAX_MARKER_ROWS; r++)
        {
          if (left > row_end[r] + 8)
            {
              row = r;
              break;
            }
        }

      marker->row = row;
      row_end[row] = MAX (row_end[row], x + marker->label_width / 2);
      rows = MAX (rows, row + 1);
    }

  return rows;
}

/* How many of the newest releases fit in @width, keeping one slot for the
 * next release. */
static guint
count_shown (guint  n_releases,
             double width)
{
  guint fit = (guint) MAX (0.0, (width - 2 * PAD_X) / MIN_SLOT);

  if (fit < 2)
    fit = 2;

  return MIN (n_releases, fit - 1);
}

static double
top_area_height (guint marker_rows)
{
  /* The band's top and, with markers, one row per label level above it. */
  return TOP_MARGIN + BAND_ABOVE + (marker_rows > 0 ? marker_rows * MARKER_ROW + 10 : 0);
}

static void
append_circle (GtkSnapshot   *snapshot,
               double         cx,
               double         cy,
               double         r,
               const GdkRGBA *color)
{
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r), r);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r));
  gtk_snapshot_pop (snapshot);
}

static void
append_ring (GtkSnapshot   *snapshot,
             double         cx,
             double         cy,
             double         r,
             double         width,
             const GdkRGBA *color)
{
  GskRoundedRect rect;
  const float widths[4] = { width, width, width, width };
  const GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&rect,
                                   &GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r), r);
  gtk_snapshot_append_border (snapshot, &rect, widths, colors);
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  double         center_x,
                  double         top,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (round (center_x - layout_width (layout) / 2), top));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static GdkRGBA
lookup_color (GtkWidget     *widget,
              const char    *name,
              const GdkRGBA *fallback)
{
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color))
    color = *fallback;
  G_GNUC_END_IGNORE_DEPRECATIONS

  return color;
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            double         alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

/* The same colour as the installation's badge in the list. */
static GdkRGBA
status_color (GtkWidget           *widget,
              const LtEligibility *eligibility,
              const GdkRGBA       *fg)
{
  g_autofree char *name = g_strdup_printf ("%s_color", lt_ui_eligibility_style_class (eligibility));

  return lookup_color (widget, name, fg);
}

static char *
format_release_date (const GDate *date)
{
  g_autoptr(GDateTime) dt = NULL;

  if (date == NULL || !g_date_valid (date))
    return g_strdup ("");

  dt = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date), 0, 0, 0);
  /* TRANSLATORS: a release date on the timeline, e.g. "Oct 2026"; see
   * g_date_time_format() for the codes. */
  return g_date_time_format (dt, _("%b %Y"));
}

static void
lt_release_timeline_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  LtReleaseTimeline *self = LT_RELEASE_TIMELINE (widget);
  g_autoptr(GPtrArray) releases = dup_releases_ascending (self);
  g_autoptr(GPtrArray) markers = NULL;
  double width = gtk_widget_get_width (widget);
  double slot, axis_y, top;
  guint n_shown, first, marker_rows;
  LtRelease *current, *floor;
  GdkRGBA fg, dim, faint, accent, band, error;
  int band_first = -1, band_last = -1;

  if (releases->len == 0 || self->policy == NULL)
    return;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  dim = with_alpha (&fg, 0.55);
  faint = with_alpha (&fg, 0.22);
  accent = lookup_color (widget, "accent_color", &fg);
  error = lookup_color (widget, "error_color", &fg);
  band = lookup_color (widget, "success_color", &fg);
  band.alpha = 0.14;

  n_shown = count_shown (releases->len, width);
  first = releases->len - n_shown;
  slot = (width - 2 * PAD_X) / (n_shown + 1);

  markers = build_markers (self, releases, first);
  marker_rows = place_markers (widget, markers, slot);
  top = top_area_height (marker_rows);
  axis_y = top;

  current = lt_release_catalog_get_current (self->catalog);
  floor = lt_release_catalog_get_floor (self->catalog, supported_preceding (self));

  for (guint i = 0; i < n_shown; i++)
    {
      LtRelease *release = g_ptr_array_index (releases, first + i);
      const LtVersion *v = lt_release_get_version (release);

      if (current != NULL && floor != NULL &&
          lt_version_compare (v, lt_release_get_version (floor)) >= 0 &&
          lt_version_compare (v, lt_release_get_version (current)) <= 0)
        {
          if (band_first < 0)
            band_first = (int) i;
          band_last = (int) i;
        }
    }

  /* The support window: a band behind the releases it covers, with its
   * caption along the bottom edge. */
  if (band_first >= 0)
    {
      double x0 = PAD_X + (band_first + 0.5) * slot - slot * 0.45;
      double x1 = PAD_X + (band_last + 0.5) * slot + slot * 0.45;
      GskRoundedRect rect;
      g_autoptr(PangoLayout) caption = NULL;

      gsk_rounded_rect_init_from_rect (&rect,
                                       &GRAPHENE_RECT_INIT (x0, axis_y - BAND_ABOVE,
                                                            x1 - x0, BAND_ABOVE + BAND_BELOW),
                                       12);
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, &band, &rect.bounds);
      gtk_snapshot_pop (snapshot);

      caption = create_layout (widget, _("Support window"), 0.8, TRUE, FALSE);
      {
        GdkRGBA caption_color = lookup_color (widget, "success_color", &fg);

        append_layout_at (snapshot, caption, (x0 + x1) / 2,
                          axis_y + BAND_BELOW - 20, &caption_color);
      }
    }

  /* The line, solid under the releases and dashed towards the next one. */
  {
    double x_start = PAD_X + 0.5 * slot - slot * 0.5;
    double x_last = PAD_X + (n_shown - 0.5) * slot;
    double x_next = PAD_X + (n_shown + 0.5) * slot;

    gtk_snapshot_append_color (snapshot, &faint,
                               &GRAPHENE_RECT_INIT (x_start, axis_y - 1, x_last - x_start, 2));
    for (double x = x_last; x < x_next - DOT_RADIUS; x += 8)
      gtk_snapshot_append_color (snapshot, &faint,
                                 &GRAPHENE_RECT_INIT (x, axis_y - 1, 4, 2));
  }

  /* Releases: a dot on the line, version and date below. */
  for (guint i = 0; i < n_shown; i++)
    {
      LtRelease *release = g_ptr_array_index (releases, first + i);
      const LtVersion *v = lt_release_get_version (release);
      gboolean withdrawn = lt_release_get_withdrawn (release);
      gboolean is_current = release == current;
      gboolean in_window = (int) i >= band_first && (int) i <= band_last && band_first >= 0;
      double x = PAD_X + (i + 0.5) * slot;
      g_autoptr(PangoLayout) version_layout = NULL;
      g_autoptr(PangoLayout) date_layout = NULL;
      g_autofree char *date_text = NULL;

      if (withdrawn)
        append_ring (snapshot, x, axis_y, DOT_RADIUS, 2, &error);
      else if (is_current)
        append_circle (snapshot, x, axis_y, CURRENT_RADIUS, &accent);
      else
        append_circle (snapshot, x, axis_y, DOT_RADIUS, in_window ? &fg : &dim);

      version_layout = create_layout (widget, lt_version_to_string (v), 0.9, is_current, withdrawn);
      append_layout_at (snapshot, version_layout, x, axis_y + 14,
                        withdrawn ? &error : (in_window ? &fg : &dim));

      if (withdrawn)
        date_text = g_strdup (_("withdrawn"));
      else
        date_text = format_release_date (lt_release_get_released (release));
      date_layout = create_layout (widget, date_text, 0.75, FALSE, FALSE);
      append_layout_at (snapshot, date_layout, x, axis_y + 34, withdrawn ? &error : &dim);
    }

  /* The next release, where the window will move. */
  {
    double x = PAD_X + (n_shown + 0.5) * slot;
    g_autoptr(PangoLayout) next_layout = create_layout (widget, _("next"), 0.85, FALSE, FALSE);

    append_ring (snapshot, x, axis_y, DOT_RADIUS, 1.5, &dim);
    append_layout_at (snapshot, next_layout, x, axis_y + 14, &dim);
  }

  /* Installations: a stem from the label down to the line. */
  for (guint i = 0; i < markers->len; i++)
    {
      Marker *marker = g_ptr_array_index (markers, i);
      double x = PAD_X + (MAX (marker->slot, -0.4) + 0.5) * slot;
      double label_top = TOP_MARGIN + marker->row * MARKER_ROW;
      GdkRGBA color = status_color (widget, marker->eligibility, &fg);
      g_autofree char *label = NULL;
      g_autoptr(PangoLayout) layout = NULL;

      label = marker->slot < 0 ? g_strdup_printf ("‹ %s", marker->name) : g_strdup (marker->name);
      layout = create_layout (widget, label, 0.85, TRUE, FALSE);

      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (x - 1, label_top + MARKER_ROW - 4,
                                                      2, axis_y - (label_top + MARKER_ROW - 4) - 4));
      append_circle (snapshot, x, axis_y - 4, 4, &color);
      append_layout_at (snapshot, layout, x, label_top, &color);
    }
}

static void
lt_release_timeline_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  LtReleaseTimeline *self = LT_RELEASE_TIMELINE (widget);
  guint n_releases = self->catalog != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->catalog)) : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At least three releases and the next slot; naturally all of them. */
      *minimum = (int) (2 * PAD_X + 4 * MIN_SLOT);
      *natural = (int) (2 * PAD_X + (n_releases + 1) * NATURAL_SLOT);
    }
  else
    {
      g_autoptr(GPtrArray) releases = dup_releases_ascending (self);
      double width = for_size > 0 ? for_size : 2 * PAD_X + (n_releases + 1) * NATURAL_SLOT;
      guint n_shown = count_shown (releases->len, width);
      guint first = releases->len - n_shown;
      double slot = (width - 2 * PAD_X) / (n_shown + 1);
      g_autoptr(GPtrArray) markers = build_markers (self, releases, first);
      guint rows = place_markers (widget, markers, slot);

      *minimum = *natural = (int) (top_area_height (rows) + BAND_BELOW + BOTTOM_MARGIN);
    }
}

static GtkSizeRequestMode
lt_release_timeline_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
update_accessible (LtReleaseTimeline *self)
{
  g_autofree char *summary = lt_release_timeline_dup_summary (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
}

static void
data_changed (LtReleaseTimeline *self)
{
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
model_items_changed_cb (LtReleaseTimeline *self,
                        guint              position,
                        guint              removed,
                        guint              added,
                        GListModel        *model)
{
  data_changed (self);
}

static void
lt_release_timeline_dispose (GObject *object)
{
  LtReleaseTimeline *self = (LtReleaseTimeline *) object;

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  if (self->installations != NULL)
    g_signal_handlers_disconnect_by_data (self->installations, self);
  g_clear_object (&self->catalog);
  g_clear_object (&self->installations);
  g_clear_object (&self->policy);

  G_OBJECT_CLASS (lt_release_timeline_parent_class)->dispose (object);
}

static void
lt_release_timeline_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LtReleaseTimeline *self = LT_RELEASE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      g_value_set_object (value, self->catalog);
      break;
    case PROP_POLICY:
      g_value_set_object (value, self->policy);
      break;
    case PROP_INSTALLATIONS:
      g_value_set_object (value, self->installations);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_release_timeline_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LtReleaseTimeline *self = LT_RELEASE_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_CATALOG:
      lt_release_timeline_set_catalog (self, g_value_get_object (value));
      break;
    case PROP_POLICY:
      lt_release_timeline_set_policy (self, g_value_get_object (value));
      break;
    case PROP_INSTALLATIONS:
      lt_release_timeline_set_installations (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_release_timeline_class_init (LtReleaseTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_release_timeline_dispose;
  object_class->get_property = lt_release_timeline_get_property;
  object_class->set_property = lt_release_timeline_set_property;

  widget_class->snapshot = lt_release_timeline_snapshot;
  widget_class->measure = lt_release_timeline_measure;
  widget_class->get_request_mode = lt_release_timeline_get_request_mode;

  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, LT_TYPE_RELEASE_CATALOG,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_POLICY] =
    g_param_spec_object ("policy", NULL, NULL, LT_TYPE_POLICY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_INSTALLATIONS] =
    g_param_spec_object ("installations", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "releasetimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lt_release_timeline_init (LtReleaseTimeline *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Release timeline"),
                                  -1);
}

void
lt_release_timeline_set_catalog (LtReleaseTimeline *self,
                                 LtReleaseCatalog  *catalog)
{
  g_return_if_fail (LT_IS_RELEASE_TIMELINE (self));
  g_return_if_fail (catalog == NULL || LT_IS_RELEASE_CATALOG (catalog));

  if (self->catalog == catalog)
    return;

  if (self->catalog != NULL)
    g_signal_handlers_disconnect_by_data (self->catalog, self);
  g_set_object (&self->catalog, catalog);
  if (catalog != NULL)
    g_signal_connect_object (catalog, "items-changed",
                             G_CALLBACK (model_items_changed_cb), self, G_CONNECT_SWAPPED);

  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
}

void
lt_release_timeline_set_policy (LtReleaseTimeline *self,
                                LtPolicy          *policy)
{
  g_return_if_fail (LT_IS_RELEASE_TIMELINE (self));
  g_return_if_fail (policy == NULL || LT_IS_POLICY (policy));

  if (g_set_object (&self->policy, policy))
    {
      data_changed (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLICY]);
    }
}

void
lt_release_timeline_set_installations (LtReleaseTimeline *self,
                                       GListModel        *installations)
{
  g_return_if_fail (LT_IS_RELEASE_TIMELINE (self));
  g_return_if_fail (installations == NULL || G_IS_LIST_MODEL (installations));

  if (self->installations == installations)
    return;

  if (self->installations != NULL)
    g_signal_handlers_disconnect_by_data (self->installations, self);
  g_set_object (&self->installations, installations);
  if (installations != NULL)
    g_signal_connect_object (installations, "items-changed",
                             G_CALLBACK (model_items_changed_cb), self, G_CONNECT_SWAPPED);

  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTALLATIONS]);
}

/**
 * lt_release_timeline_dup_summary:
 * @self: a timeline
 *
 * Returns: (transfer full): the drawing in words
 */
char *
lt_release_timeline_dup_summary (LtReleaseTimeline *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) releases = NULL;
  g_autoptr(GPtrArray) markers = NULL;
  LtRelease *current, *floor;

  g_return_val_if_fail (LT_IS_RELEASE_TIMELINE (self), NULL);

  if (self->catalog == NULL || self->policy == NULL)
    return g_strdup (_("No release catalog"));

  current = lt_release_catalog_get_current (self->catalog);
  floor = lt_release_catalog_get_floor (self->catalog, supported_preceding (self));
  if (current == NULL || floor == NULL)
    return g_strdup (_("The release catalog has no release that is not withdrawn"));

  g_string_append_printf (text, _("Current release %s; versions %s and later are supported."),
                          lt_version_to_string (lt_release_get_version (current)),
                          lt_version_to_string (lt_release_get_version (floor)));

  releases = dup_releases_ascending (self);
  for (guint i = 0; i < releases->len; i++)
    {
      LtRelease *release = g_ptr_array_index (releases, i);

      if (lt_release_get_withdrawn (release))
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text, _("%s was withdrawn."),
                                  lt_version_to_string (lt_release_get_version (release)));
        }
    }

  markers = build_markers (self, releases, 0);
  for (guint i = 0; i < markers->len; i++)
    {
      Marker *marker = g_ptr_array_index (markers, i);

      g_string_append_c (text, ' ');
      g_string_append_printf (text, _("%s runs %s: %s."), marker->name,
                              lt_version_to_string (marker->eligibility->installed),
                              lt_ui_eligibility_badge (marker->eligibility));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}
