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
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "bc.h"
#include "bench_util.h"
#include "eval.h"

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("usage: bench_vm SPEC ACTUALS [ROUNDS]\n", stderr);
    return 2;
  }
  int rounds = argc > 3 ? atoi(argv[3]) : 5;
  Program p;
  RtProgram rp;
  RtActuals act;
  if (bench_load(argv[1], argv[2], &p, &rp, &act) != 0) return 1;
  double best = 1e9;
  for (int r = 0; r < rounds; r++) {
    RtArena arena;
    rt_arena_init(&arena, 0);
    RtResult res;
    double t0 = bench_now();
    rt_evaluate(&rp, &act, INT32_MIN, 100000, &arena, &res);
    double t = bench_now() - t0;
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
