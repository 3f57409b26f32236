#include "config.h"

#include "lt-business-calendar.h"
