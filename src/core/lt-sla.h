/* lt-sla.h: being written */
#pragma once

#include "lt-types.h"
