/* lt-json-private.h: what tests reach inside lt-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lt-json.h"

G_BEGIN_DECLS

/* Whether the document's tree was built by the direct reader rather than
 * by json-glib's parser (lt-json.c, "The direct reader"). */
gboolean _lt_json_document_read_directly (LtJsonDocument *self);

G_END_DECLS
