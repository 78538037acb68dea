/*
 * fuzz_synth.h - actual data made up for any verified program, so that a
 * program read from untrusted bytes can be evaluated with every indicator
 * scored, not only with every indicator missing.
 *
 * fz_synth_actuals fills an RtActuals the way runtime/data/ would: one
 * RtActual per indicator of the kind its target takes (a number, a day,
 * a rank on the target's scale, a grade with or without an in-band score),
 * every raw field set, the money spent set.  The values are drawn from a
 * seed and include the extremes a data file can hold (0, negative, the
 * largest and smallest Dec), so the scorer sees overflow-prone inputs.
 * Used by the bytecode fuzz target (fuzz_bc.c) and the mutation tests of
 * tests/unit/test_bc.c.  Header-only: both link it without a library.
 */
#ifndef INDC_FUZZ_SYNTH_H
#define INDC_FUZZ_SYNTH_H

#include <stdint.h>
#include <string.h>

#include "model.h"

static inline uint32_t fz_next(uint32_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

/* A Dec a data file could hold, near the target value a or extreme. */
static inline Dec fz_value(uint32_t *s, Dec a) {
  switch (fz_next(s) % 9) {
  case 0: return 0;
  case 1: return a;
  case 2: return a / 2;
  case 3: return a > INT64_MAX / 2 || a < -(INT64_MAX / 2) ? a : a * 2;
  case 4: return -a == INT64_MIN ? 0 : -a;
  case 5: return INT64_MAX;
  case 6: return INT64_MIN + 1;
  case 7: return (Dec)(fz_next(s) % 1000) * DEC_ONE;
  default: return (Dec)fz_next(s);
  }
}

/* The in-band score of grade g for an indicator of w points, or none. */
static inline void fz_graded(uint32_t *s, const RtPolicy *pol, Dec w, RtActual *act) {
  const RtBand *b = act->grade == RT_GRADE_MET ? &pol->met
                    : act->grade == RT_GRADE_PARTIAL ? &pol->partial : &pol->unmet;
  Dec share = fz_next(s) % 2 ? b->lo : b->dflt, v;
  act->has_score = 0;
  /* a score the loader accepts: share x points, when that is exact */
  if (fz_next(s) % 2 && dec_mul(share, w, &v) == DEC_OK && v >= 0 && v <= w) {
    act->has_score = 1;
    act->value = v;
  }
}

static inline void fz_actual(uint32_t *s, const RtProgram *p, const RtProject *pj,
                      const RtIndicator *ind, RtActual *act) {
  const RtTarget *t = &ind->target;
  memset(act, 0, sizeof *act);
  act->text = "synthetic";
  uint32_t r = fz_next(s) % 16;
  if (r == 0) return; /* RT_ACT_MISSING */
  if (r == 1) {
    act->kind = RT_ACT_NA;
    return;
  }
  switch (t->kind) {
  case RT_TGT_QUANT:
    act->kind = RT_ACT_NUMBER;
    act->value = fz_value(s, t->value);
    break;
  case RT_TGT_DEADLINE:
    act->kind = RT_ACT_DATE;
    act->date = t->date + (int32_t)(fz_next(s) % 800) - 400;
    break;
  case RT_TGT_GRADE:
    act->kind = RT_ACT_RANK;
    act->rank = 1 + (int32_t)(fz_next(s) % p->scales[t->scale].nmembers);
    break;
  default:
    act->kind = RT_ACT_GRADE;
    act->grade = (uint8_t)(fz_next(s) % 3);
    fz_graded(s, &p->policies[pj->policy], ind->points, act);
    break;
  }
}

/*
 * Fill a (whose arena the caller has initialised, with its limit) with
 * made-up data for the verified program p.  Returns 0, or -1 when the
 * arena's limit or memory ran out (a is then to be freed by the caller).
 */
static inline int fz_synth_actuals(const RtProgram *p, uint32_t seed, RtActuals *a) {
  uint32_t s = seed ? seed : 1;
  size_t np = p->nprojects, nf = (size_t)p->nprojects * p->nfields;
  a->prog = p;
  a->source = "synthetic";
  a->ind = rt_alloc(&a->arena, (p->nindicators + 1) * sizeof *a->ind);
  a->has_spent = rt_alloc(&a->arena, np + 1);
  a->spent = rt_alloc(&a->arena, (np + 1) * sizeof *a->spent);
  a->field_set = rt_alloc(&a->arena, nf + 1);
  a->fields = rt_alloc(&a->arena, (nf + 1) * sizeof *a->fields);
  if (!a->ind || !a->has_spent || !a->spent || !a->field_set || !a->fields) return -1;
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProject *pj = &p->projects[j];
    for (uint32_t i = pj->first; i < pj->first + pj->nind; i++)
      fz_actual(&s, p, pj, &p->indicators[i], &a->ind[i]);
    a->has_spent[j] = fz_next(&s) % 4 != 0;
    a->spent[j] = a->has_spent[j] ? fz_value(&s, pj->budget) : 0;
  }
  for (size_t f = 0; f < nf; f++) {
    a->field_set[f] = fz_next(&s) % 8 != 0;
    a->fields[f] = a->field_set[f] ? fz_value(&s, DEC_ONE * 100) : 0;
  }
  return 0;
}

#endif
