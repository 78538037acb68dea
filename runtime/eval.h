/*
 * eval.h - scoring a whole program: every indicator through the VM, then
 * per project the budget execution rate, the total renormalised over the
 * applicable points, the grade and the flags (docs/scoring.md).
 */
#ifndef INDRT_EVAL_H
#define INDRT_EVAL_H

#include "model.h"

#define RT_NO_AS_OF INT32_MIN

/* Fill out (arrays allocated in arena); 0 on success, -1 out of memory. */
int rt_evaluate(const RtProgram *p, const RtActuals *a, int32_t as_of, uint32_t step_limit,
                RtArena *arena, RtResult *out);

#endif
