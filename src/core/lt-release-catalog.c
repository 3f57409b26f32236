#include "config.h"

#include "lt-release-catalog.h"
