/* lt-rules.h: being written */
#pragma once

#include "lt-types.h"
