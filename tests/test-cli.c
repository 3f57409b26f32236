#include "config.h"

#include "lt-test-util.h"

int
main (int argc, char **argv)
{
  lt_test_init (&argc, &argv);
  return g_test_run ();
}
