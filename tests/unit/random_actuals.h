/*
 * random_actuals.h - actual data drawn at random for any program, every
 * indicator and raw field slot filled with any kind and value: the
 * differential tests of the generated C (test_c_backend.c) and of the
 * LLVM JIT (test_llvm.c) score them with both and with the VM.  Unlike
 * tests/fuzz/fuzz_synth.h, the kinds need not fit the targets: an
 * evaluator must score a misfit as the VM does.
 */
#ifndef INDC_RANDOM_ACTUALS_H
#define INDC_RANDOM_ACTUALS_H

#include <stdint.h>

#include "model.h"

typedef struct RandActs {
  RtActuals a;      /* arrays sized for the program of ra_alloc */
  uint64_t state;   /* the generator's */
} RandActs;

/* Arrays for program p, all zero, and a generator from seed. */
void ra_alloc(RandActs *x, const RtProgram *p, uint64_t seed);
void ra_free(RandActs *x);

/* A number in [0, n). */
uint32_t ra_rnd(RandActs *x, uint32_t n);

/* Fill every slot anew: kinds, grades, values that meet, miss, divide by
 * zero and overflow, days around the year 2023, ranks, spent money. */
void ra_fill(RandActs *x, const RtProgram *p);

/* Year end (RT_NO_AS_OF) two times in three, else a day of 2023 or early 2024. */
int32_t ra_as_of(RandActs *x);

#endif
