#include "config.h"

#include "lt-version.h"
