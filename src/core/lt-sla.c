#include "config.h"

#include "lt-sla.h"
