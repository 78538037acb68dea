/*
 * vm.c - VM evaluation throughput, excluding I/O and parsing.
 *
 *   bench_vm SPEC ACTUALS [ROUNDS]
 *
 * Compiles SPEC, loads ACTUALS, then evaluates the whole program ROUNDS
 * times (default 5) and prints the best round as indicators per second and
 * nanoseconds per indicator.  Evaluation includes everything `indc run`
 * does between loading and writing: the VM, scoring and per-project totals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend/lower.h"
#include "bc.h"
#include "data/actuals.h"
#include "eval.h"
#include "sema/program.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9; /* timing only, never scores */
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
    free(b);
    b = NULL;
  }
  fclose(f);
  *len = (size_t)n;
  return b;
}

static void sink_print(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  (void)ud;
  fprintf(stderr, "%s:%u:%u: %s\n", file, line, col, msg);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: bench_vm SPEC ACTUALS [ROUNDS]\n", stderr);
    return 2;
  }
  int rounds = argc > 3 ? atoi(argv[3]) : 5;
  Program p;
  prog_init(&p);
  prog_load(&p, &argv[1], 1);
  if (sema_check(&p) != 0) return 1;
  RtProgram rp;
  if (lower_program(&p, &rp) != 0) return 1;
  size_t len;
  char *data = slurp(argv[2], &len);
  if (!data) return 1;
  RtActuals act;
  DataSink sink = {sink_print, NULL, 0, 0, NULL};
  if (act_load(&rp, argv[2], data, len, 0, 0, 0, &act, &sink) != 0) return 1;
  free(data);
  double best = 1e9;
  for (int r = 0; r < rounds; r++) {
    RtArena arena;
    rt_arena_init(&arena, 0);
    RtResult res;
    double t0 = now();
    rt_evaluate(&rp, &act, INT32_MIN, 100000, &arena, &res);
    double t = now() - t0;
    if (t < best) best = t;
    rt_arena_free(&arena);
  }
  printf("vm: %u indicators, best of %d: %.3f ms, %.1f M indicators/s, %.1f ns/indicator\n",
         rp.nindicators, rounds, best * 1e3, rp.nindicators / best / 1e6,
         best * 1e9 / rp.nindicators);
  act_free(&act);
  rt_program_free(&rp);
  prog_free(&p);
  return 0;
}
