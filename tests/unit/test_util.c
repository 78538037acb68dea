/* test_util.c - helpers shared by the unit suites. */
#include "test_util.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "backend/lower.h"
#include "sema/program.h"

const char *test_source_dir(void) {
  const char *d = getenv("INDC_SOURCE_DIR");
  return d && *d ? d : "../..";
}

char *test_path(const char *fmt, ...) {
  char rel[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(rel, sizeof rel, fmt, ap);
  va_end(ap);
  size_t n = snprintf(NULL, 0, "%s/%s", test_source_dir(), rel) + 1;
  char *p = malloc(n);
  if (p) snprintf(p, n, "%s/%s", test_source_dir(), rel);
  return p;
}

void test_seed_program(Program *p, RtProgram *rp) {
  static const char *const files[] = {
      "01-it-operations.ind", "02-qingchun-brand.ind", "03-student-leadership.ind",
      "04-league-work.ind", "05-youth-development-plan.ind", "06-youth-federation-plenary.ind",
      "07-young-marxists.ind", "08-young-pioneers.ind", "09-student-federation-congress.ind",
      "10-property-services.ind", "11-youth-social-work.ind"};
  enum { N = sizeof files / sizeof files[0] };
  char *paths[N];
  for (int i = 0; i < N; i++) paths[i] = test_path("specs/tianjin-youth-league-2023/%s", files[i]);
  prog_init(p);
  prog_load(p, paths, N);
  for (int i = 0; i < N; i++) free(paths[i]);
  ck_assert_uint_eq(sema_check(p), 0);
  ck_assert_int_eq(lower_program(p, rp), 0);
}
