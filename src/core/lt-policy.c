#include "config.h"

#include "lt-policy.h"
