/* test_util.c - helpers shared by the unit suites. */
#include "test_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

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
