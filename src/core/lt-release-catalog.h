/* lt-release-catalog.h: being written */
#pragma once

#include "lt-types.h"
