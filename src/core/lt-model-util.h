/* lt-model-util.h: what the plain models share when a property changes
 *
 * Internal to src/core: the setters of every model compare the old and new
 * value with these, so "notify only on a real change" means the same thing
 * everywhere (instants by g_date_time_equal, strings by g_strcmp0).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* @instant as a UTC GDateTime (a new reference); NULL stays NULL. */
GDateTime *lt_model_instant_to_utc   (GDateTime          *instant);

/* Each returns TRUE when *@field changed and was replaced by a copy of
 * @value; FALSE (and *@field untouched) when both are equal. */
gboolean   lt_model_set_instant      (GDateTime         **field,
                                      GDateTime          *value);
gboolean   lt_model_set_string       (char              **field,
                                      const char         *value);
/* For values shared by many objects (a category id, a version): the
 * field holds an interned string, so 100,000 tickets of one product
 * version cost one allocation, not 100,000. */
gboolean   lt_model_set_interned     (const char        **field,
                                      const char         *value);
/* An empty vector is stored as NULL so that objects without one allocate
 * nothing. */
gboolean   lt_model_set_strv         (char             ***field,
                                      const char * const *value);

/* The accessors of one model property: a getter that returns the field
 * (borrowed) and a setter that stores a copy and notifies only on a real
 * change. Every model defines its plain properties with these, so no pair
 * can drift from the others.
 *
 * @model names the model as "function prefix, instance type, type check,
 * GParamSpec array"; a .c file defines it once and passes it on:
 *
 *   #define MODEL lt_ticket, LtTicket, LT_IS_TICKET, properties
 *   LT_MODEL_STRING_PROPERTY (MODEL, title, PROP_TITLE)
 *
 * defines lt_ticket_get_title() and lt_ticket_set_title(), reading and
 * writing self->title and notifying properties[PROP_TITLE]. The getters
 * return @fallback (or NULL, FALSE, 0) when the type check fails. */

/* char *field, set with lt_model_set_string(). */
#define LT_MODEL_STRING_PROPERTY(model, name, PROP) \
  LT_MODEL_POINTER_PROPERTY_ (model, const char *, const char *, lt_model_set_string, name, PROP)
/* const char *field holding an interned string (lt_model_set_interned()). */
#define LT_MODEL_INTERNED_PROPERTY(model, name, PROP) \
  LT_MODEL_POINTER_PROPERTY_ (model, const char *, const char *, lt_model_set_interned, name, PROP)
/* GDateTime *field, kept in UTC (lt_model_set_instant()); nullable. */
#define LT_MODEL_INSTANT_PROPERTY(model, name, PROP) \
  LT_MODEL_POINTER_PROPERTY_ (model, GDateTime *, GDateTime *, lt_model_set_instant, name, PROP)
/* char **field, NULL for none (lt_model_set_strv()). */
#define LT_MODEL_STRV_PROPERTY(model, name, PROP) \
  LT_MODEL_POINTER_PROPERTY_ (model, const char * const *, const char * const *, \
                              lt_model_set_strv, name, PROP)
/* A plain value compared with == : an enum, a count. */
#define LT_MODEL_VALUE_PROPERTY(model, ValueType, name, PROP, fallback) \
  LT_MODEL_VALUE_PROPERTY_ (model, ValueType, name, PROP, fallback, TRUE)
/* A guint no larger than @max; a larger one is a programmer error. */
#define LT_MODEL_UINT_PROPERTY(model, name, PROP, max) \
  LT_MODEL_VALUE_PROPERTY_ (model, guint, name, PROP, 0, value <= (max))
/* A gboolean (or a one-bit field), stored as 0 or 1. */
#define LT_MODEL_BOOLEAN_PROPERTY(model, name, PROP) \
  LT_MODEL_BOOLEAN_PROPERTY_ (model, name, PROP)

/* @model is expanded into its four parts before these see it, as the
 * public macros above do not paste it. */
#define LT_MODEL_POINTER_PROPERTY_(prefix, Type, IS_TYPE, props, GetType, SetType, set_field, name, PROP) \
  GetType \
  prefix##_get_##name (Type *self) \
  { \
    g_return_val_if_fail (IS_TYPE (self), NULL); \
    return (GetType) self->name; \
  } \
  void \
  prefix##_set_##name (Type    *self, \
                       SetType  value) \
  { \
    g_return_if_fail (IS_TYPE (self)); \
    if (set_field (&self->name, value)) \
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP]); \
  }

#define LT_MODEL_VALUE_PROPERTY_(prefix, Type, IS_TYPE, props, ValueType, name, PROP, fallback, valid) \
  ValueType \
  prefix##_get_##name (Type *self) \
  { \
    g_return_val_if_fail (IS_TYPE (self), fallback); \
    return self->name; \
  } \
  void \
  prefix##_set_##name (Type      *self, \
                       ValueType  value) \
  { \
    g_return_if_fail (IS_TYPE (self)); \
    g_return_if_fail (valid); \
    if (self->name == value) \
      return; \
    self->name = value; \
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP]); \
  }

#define LT_MODEL_BOOLEAN_PROPERTY_(prefix, Type, IS_TYPE, props, name, PROP) \
  gboolean \
  prefix##_get_##name (Type *self) \
  { \
    g_return_val_if_fail (IS_TYPE (self), FALSE); \
    return self->name; \
  } \
  void \
  prefix##_set_##name (Type     *self, \
                       gboolean  value) \
  { \
    g_return_if_fail (IS_TYPE (self)); \
    value = !!value; \
    if ((gboolean) self->name == value) \
      return; \
    self->name = value; \
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP]); \
  }

G_END_DECLS
