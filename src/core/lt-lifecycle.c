#include "config.h"

#include "lt-lifecycle.h"
