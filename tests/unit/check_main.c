/*
 * check_main.c - the runner of every Check unit suite (fork mode, so a
 * crash fails one test, not the run).  Add a suite: declare it in
 * suites.def.
 */
#include <check.h>
#include <stdlib.h>

#define SUITE(name) Suite *name(void);
#include "suites.def"
#undef SUITE

int main(void) {
  SRunner *sr = NULL;
#define SUITE(name)                         \
  if (!sr)                                  \
    sr = srunner_create(name());            \
  else                                      \
    srunner_add_suite(sr, name());
#include "suites.def"
#undef SUITE
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
