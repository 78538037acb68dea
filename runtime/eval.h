/*
 * eval.h - scoring a whole program: every indicator through the VM, then
 * per project the budget execution rate, the total renormalised over the
 * applicable points, the grade and the flags (docs/scoring.md).
 */
#ifndef INDRT_EVAL_H
#define INDRT_EVAL_H

#include "model.h"

#define RT_NO_AS_OF INT32_MIN

/*
 * Fill out (arrays allocated in arena).  Returns 0 on success, -1 out of
 * memory, or RT_EVAL_STEPS when an indicator's code is longer than
 * step_limit (verified code runs each word at most once, so its length is
 * the most steps it takes): then out->over_limit is that indicator, and
 * nothing is scored.  rt_eval_steps_message words the error.
 */
#define RT_EVAL_STEPS 1
int rt_evaluate(const RtProgram *p, const RtActuals *a, int32_t as_of, uint32_t step_limit,
                RtArena *arena, RtResult *out);
void rt_eval_steps_message(const RtProgram *p, uint32_t ind, uint32_t step_limit, char *buf,
                           size_t cap);

#endif
