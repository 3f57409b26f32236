#include "config.h"

#include "lt-rules.h"
