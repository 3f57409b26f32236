#include "config.h"

#include "lt-release.h"
