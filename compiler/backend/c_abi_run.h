/*
 * c_abi_run.h - calling a compiled evaluator through the C ABI (c_abi.h):
 * RtActuals in, RtResult out, as rt_evaluate fills it.  Shared by the C
 * backend (c_eval.c, a dlopen'd shared object) and the LLVM JIT
 * (llvm_eval.c, built into the separately linked indc-llvm.so module), so
 * it is defined here as static inline functions for both to include (bench/llvm.c
 * takes abi_actual alone).
 */
#ifndef INDC_C_ABI_RUN_H
#define INDC_C_ABI_RUN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "c_abi.h"
#include "model.h"

typedef int (*AbiEvaluate)(const indc_inputs *in, int32_t as_of, indc_proj_result *proj,
                           indc_ind_result *ind);

/* The host's form of an actual of an indicator whose target is of kind
 * tkind (RT_TGT_*): the rank for a target on a scale, else the date (one
 * field in indc_actual), which is the one the evaluator reads for that
 * target, whatever the actual's own kind: as the VM reads it. */
static inline indc_actual abi_actual(const RtActual *s, int tkind) {
  indc_actual a;
  memset(&a, 0, sizeof a);
  a.kind = s->kind;
  a.grade = s->grade;
  a.has_score = s->has_score;
  a.value = s->value;
  if (tkind == RT_TGT_GRADE) a.rank = s->rank;
  else a.date = s->date;
  return a;
}

static inline void abi_copy_ind(const indc_ind_result *s, RtIndResult *d) {
  d->status = s->status;
  d->flags = s->flags;
  d->score = s->score;
  d->b = s->b;
  d->gap = s->gap;
  d->days_late = s->days_late;
}

static inline void abi_copy_proj(const indc_proj_result *s, RtProjResult *d) {
  d->planned = s->planned;
  d->spent = s->spent;
  d->has_spent = s->has_spent;
  d->rate = s->rate;
  d->rate_score = s->rate_score;
  d->applicable = s->applicable;
  d->raw = s->raw;
  d->total = s->total;
  d->grade = s->grade;
  d->flags = s->flags;
  d->elapsed = s->elapsed;
  for (int k = 0; k < 4; k++) {
    d->cat_points[k] = s->cat_points[k];
    d->cat_scores[k] = s->cat_scores[k];
  }
}

/* Evaluate p against a with fn; 0 on success, else a reason in err. */
static inline int abi_run(AbiEvaluate fn, const RtProgram *p, const RtActuals *a, int32_t as_of,
                   RtArena *arena, RtResult *out, char *err, size_t errcap) {
  memset(out, 0, sizeof *out);
  out->prog = p;
  out->act = a;
  out->as_of = as_of;
  size_t np = p->nprojects ? p->nprojects : 1, ni = p->nindicators ? p->nindicators : 1;
  indc_actual *acts = calloc(ni, sizeof *acts);
  indc_proj_result *pr = calloc(np, sizeof *pr);
  indc_ind_result *ir = calloc(ni, sizeof *ir);
  out->proj = rt_alloc(arena, np * sizeof *out->proj);
  out->ind = rt_alloc(arena, ni * sizeof *out->ind);
  int rc = -1;
  if (!acts || !pr || !ir || !out->proj || !out->ind) {
    snprintf(err, errcap, "out of memory");
    goto done;
  }
  for (uint32_t i = 0; i < p->nindicators; i++)
    acts[i] = abi_actual(&a->ind[i], p->indicators[i].target.kind);
  indc_inputs in = {acts, a->has_spent, a->spent, a->field_set, a->fields};
  int bad = fn(&in, as_of, pr, ir);
  if (bad) {
    snprintf(err, errcap, "internal error: actual %d is out of range", bad - 1);
    goto done;
  }
  for (uint32_t j = 0; j < p->nprojects; j++) abi_copy_proj(&pr[j], &out->proj[j]);
  for (uint32_t i = 0; i < p->nindicators; i++) abi_copy_ind(&ir[i], &out->ind[i]);
  rc = 0;
done:
  free(acts);
  free(pr);
  free(ir);
  return rc;
}

#endif
