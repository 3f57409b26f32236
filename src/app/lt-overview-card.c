/* lt-overview-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lt-overview-card"

#include "config.h"

#include "lt-overview-card.h"
#include "lt-overview-card-private.h"

struct _LtOverviewCard
{
  GtkWidget  parent_instance;

  /* Template widgets */
  GtkImage  *icon;
  GtkLabel  *title_label;
  GtkLabel  *value_label;
  GtkLabel  *detail_label;

  /* Owned */
  char      *page;
};

G_DEFINE_FINAL_TYPE (LtOverviewCard, lt_overview_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_VALUE,
  PROP_DETAIL,
  PROP_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The card reads as one sentence to a screen reader: "Next maintenance:
 * Tue 1 Dec, 02:00. Scheduled, 4 hours." */
static void
update_accessible (LtOverviewCard *self)
{
  g_autofree char *label = g_strdup_printf ("%s: %s", gtk_label_get_text (self->title_label),
                                            gtk_label_get_text (self->value_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_text (self->detail_label),
                                  -1);
}

static void
lt_overview_card_dispose (GObject *object)
{
  LtOverviewCard *self = (LtOverviewCard *) object;

  /* A plain GtkWidget parent: its direct children are ours to unparent. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  gtk_widget_dispose_template (GTK_WIDGET (self), LT_TYPE_OVERVIEW_CARD);

  G_OBJECT_CLASS (lt_overview_card_parent_class)->dispose (object);
}

static void
lt_overview_card_finalize (GObject *object)
{
  LtOverviewCard *self = (LtOverviewCard *) object;

  g_free (self->page);

  G_OBJECT_CLASS (lt_overview_card_parent_class)->finalize (object);
}

static void
lt_overview_card_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LtOverviewCard *self = LT_OVERVIEW_CARD (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      g_value_set_string (value, gtk_image_get_icon_name (self->icon));
      break;
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_text (self->title_label));
      break;
    case PROP_VALUE:
      g_value_set_string (value, gtk_label_get_text (self->value_label));
      break;
    case PROP_DETAIL:
      g_value_set_string (value, gtk_label_get_label (self->detail_label));
      break;
    case PROP_PAGE:
      g_value_set_string (value, self->page);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_overview_card_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LtOverviewCard *self = LT_OVERVIEW_CARD (object);

  switch (prop_id)
    {
    case PROP_ICON_NAME:
      gtk_image_set_from_icon_name (self->icon, g_value_get_string (value));
      break;
    case PROP_TITLE:
      gtk_label_set_text (self->title_label, g_value_get_string (value));
      update_accessible (self);
      break;
    case PROP_VALUE:
      lt_overview_card_set_value (self, g_value_get_string (value));
      break;
    case PROP_DETAIL:
      lt_overview_card_set_detail (self, g_value_get_string (value));
      break;
    case PROP_PAGE:
      g_free (self->page);
      self->page = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lt_overview_card_class_init (LtOverviewCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lt_overview_card_dispose;
  object_class->finalize = lt_overview_card_finalize;
  object_class->get_property = lt_overview_card_get_property;
  object_class->set_property = lt_overview_card_set_property;

  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/lockthreat/Support/ui/lt-overview-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LtOverviewCard, icon);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, LtOverviewCard, detail_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "overviewcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lt_overview_card_init (LtOverviewCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
}

void
lt_overview_card_set_value (LtOverviewCard *self,
                            const char     *value)
{
  g_return_if_fail (LT_IS_OVERVIEW_CARD (self));

  if (g_strcmp0 (gtk_label_get_text (self->value_label), value ?: "") == 0)
    return;

  gtk_label_set_text (self->value_label, value);
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
lt_overview_card_get_value (LtOverviewCard *self)
{
  g_return_val_if_fail (LT_IS_OVERVIEW_CARD (self), NULL);

  return gtk_label_get_text (self->value_label);
}

const char *
lt_overview_card_get_title (LtOverviewCard *self)
{
  g_return_val_if_fail (LT_IS_OVERVIEW_CARD (self), NULL);

  return gtk_label_get_text (self->title_label);
}

void
lt_overview_card_set_detail (LtOverviewCard *self,
                             const char     *detail)
{
  g_return_if_fail (LT_IS_OVERVIEW_CARD (self));

  if (g_strcmp0 (gtk_label_get_label (self->detail_label), detail ?: "") == 0)
    return;

  gtk_label_set_markup (self->detail_label, detail ?: "");
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

const char *
lt_overview_card_get_detail (LtOverviewCard *self)
{
  g_return_val_if_fail (LT_IS_OVERVIEW_CARD (self), NULL);

  return gtk_label_get_text (self->detail_label);
}

const char *
lt_overview_card_get_page (LtOverviewCard *self)
{
  g_return_val_if_fail (LT_IS_OVERVIEW_CARD (self), NULL);

  return self->page;
}
