/*
 * bench_util.h - what the benchmark tools share (bench_util.c): a clock,
 * and loading a spec and its actual data the way `indc run` does.
 */
#ifndef INDC_BENCH_UTIL_H
#define INDC_BENCH_UTIL_H

#include "data/actuals.h"
#include "sema/program.h"

/* Seconds on a monotonic clock: for timing only, never for scores. */
double bench_now(void);

/*
 * Compile spec into *rp (with *p, which the caller frees with prog_free)
 * and load the actual data file into *act.  0, or -1 with the problem
 * printed.
 */
int bench_load(char *spec, const char *actuals, Program *p, RtProgram *rp, RtActuals *act);

#endif
