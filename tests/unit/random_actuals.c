/* random_actuals.c - see random_actuals.h. */
#include "random_actuals.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

void ra_alloc(RandActs *x, const RtProgram *p, uint64_t seed) {
  memset(x, 0, sizeof *x);
  size_t nf = (size_t)p->nprojects * p->nfields + 1;
  x->state = seed;
  x->a.prog = p;
  x->a.ind = calloc(p->nindicators + 1, sizeof *x->a.ind);
  x->a.has_spent = calloc(p->nprojects + 1, 1);
  x->a.spent = calloc(p->nprojects + 1, sizeof *x->a.spent);
  x->a.field_set = calloc(nf, 1);
  x->a.fields = calloc(nf, sizeof *x->a.fields);
  ck_assert(x->a.ind && x->a.has_spent && x->a.spent && x->a.field_set && x->a.fields);
}

void ra_free(RandActs *x) {
  free(x->a.ind);
  free(x->a.has_spent);
  free(x->a.spent);
  free(x->a.field_set);
  free(x->a.fields);
}

uint32_t ra_rnd(RandActs *x, uint32_t n) {
  x->state = x->state * 6364136223846793005u + 1442695040888963407u;
  return (uint32_t)(x->state >> 33) % n;
}

/* Values that meet, miss, divide by zero and overflow. */
static Dec some_value(RandActs *x) {
  static const Dec v[] = {0,
                          DEC_ONE,
                          -DEC_ONE,
                          5 * DEC_ONE,
                          12 * DEC_ONE,
                          100 * DEC_ONE,
                          DEC_ONE / 2,
                          INT64_C(333333333),
                          INT64_C(9000000000) * DEC_ONE,
                          DEC_MAX,
                          -DEC_MAX,
                          95 * DEC_ONE,
                          3 * DEC_ONE,
                          INT64_C(1500000001)};
  return v[ra_rnd(x, sizeof v / sizeof v[0])];
}

void ra_fill(RandActs *x, const RtProgram *p) {
  for (uint32_t f = 0; f < p->nprojects * p->nfields; f++) {
    x->a.field_set[f] = ra_rnd(x, 6) != 0;
    x->a.fields[f] = some_value(x);
  }
  for (uint32_t i = 0; i < p->nindicators; i++) {
    RtActual *a = &x->a.ind[i];
    memset(a, 0, sizeof *a);
    a->kind = (uint8_t)ra_rnd(x, 6);
    a->grade = (uint8_t)ra_rnd(x, 3);
    a->has_score = (uint8_t)ra_rnd(x, 2);
    a->value = some_value(x);
    a->date = rt_days_from_civil(2023, 1, 1) + (int32_t)ra_rnd(x, 500) - 50;
    a->rank = (int32_t)ra_rnd(x, 7);
  }
  for (uint32_t j = 0; j < p->nprojects; j++) {
    x->a.has_spent[j] = (uint8_t)ra_rnd(x, 2);
    x->a.spent[j] = some_value(x);
  }
}

int32_t ra_as_of(RandActs *x) {
  return ra_rnd(x, 3) ? RT_NO_AS_OF : rt_days_from_civil(2023, 1, 1) + (int32_t)ra_rnd(x, 400);
}
