/* lt-release.h: being written */
#pragma once

#include "lt-types.h"
