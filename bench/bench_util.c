/* bench_util.c - see bench_util.h. */
#include "bench_util.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "backend/lower.h"

double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  char *b = NULL;
  long n = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
  if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (b = malloc((size_t)n + 1)) &&
      fread(b, 1, (size_t)n, f) != (size_t)n) {
    free(b);
    b = NULL;
  }
  fclose(f);
  *len = n >= 0 ? (size_t)n : 0;
  return b;
}

static void sink_print(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  (void)ud;
  fprintf(stderr, "%s:%u:%u: %s\n", file, line, col, msg);
}

int bench_load(char *spec, const char *actuals, Program *p, RtProgram *rp, RtActuals *act) {
  prog_init(p);
  prog_load(p, &spec, 1);
  if (sema_check(p) != 0 || lower_program(p, rp) != 0) {
    fprintf(stderr, "%s: does not compile (indc check shows why)\n", spec);
    return -1;
  }
  size_t len;
  char *data = slurp(actuals, &len);
  if (!data) {
    perror(actuals);
    return -1;
  }
  DataSink sink = {sink_print, NULL, 0, 0, NULL};
  int rc = act_load(rp, actuals, data, len, 0, 0, 0, act, &sink) == INDRT_OK ? 0 : -1;
  free(data);
  return rc;
}
