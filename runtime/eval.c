/*
 * eval.c - whole-program evaluation (eval.h, docs/scoring.md).
 */
#include "eval.h"

#include <stdio.h>
#include <string.h>

#include "score/score.h"
#include "vm.h"

/* Index of the level-1 category in RtProjResult.cat_points. */
static int cat_slot(int level1) {
  return level1 == RT_CAT_OUTPUT ? 0 : level1 == RT_CAT_BENEFIT ? 1
       : level1 == RT_CAT_SATISFACTION ? 2 : 3;
}

static int32_t jan1(const RtProject *pr) { return rt_days_from_civil(pr->year, 1, 1); }

/* The last day an actual can still come in for this indicator: its
 * deadline, or the end of the budget year. */
static int32_t due_day(const RtProject *pr, const RtIndicator *in) {
  if (in->target.kind == RT_TGT_DEADLINE) return in->target.date;
  int y = in->target.kind == RT_TGT_PERIOD && in->target.year ? in->target.year : pr->year;
  return rt_days_from_civil(y, 12, 31);
}

/* B and the gap B - A; the ratio B/A is left to the reports (rep_ratio). */
static void explain_quant(const VmOut *vo, RtIndResult *res) {
  Dec gap;
  res->b = vo->b;
  res->gap = dec_sub(vo->b, vo->a, &gap) == DEC_OK ? gap : 0;
}

/* Score one indicator; returns 1 when it counts towards the total. */
static int eval_indicator(const RtProgram *p, const RtActuals *a, uint32_t proj, uint32_t i,
                          int32_t as_of, uint32_t step_limit, RtIndResult *res) {
  const RtProject *pr = &p->projects[proj];
  const RtIndicator *in = &p->indicators[i];
  const RtActual *act = &a->ind[i];
  const RtPolicy *pol = &p->policies[pr->policy];
  memset(res, 0, sizeof *res);
  if (act->kind == RT_ACT_NA) {
    res->status = RT_ST_NA;
    return 0;
  }
  int pending_ok = as_of != RT_NO_AS_OF && due_day(pr, in) > as_of;
  if (act->kind == RT_ACT_MISSING && !in->derived) {
    if (pending_ok) {
      res->status = RT_ST_PENDING;
      return 0;
    }
    res->status = RT_ST_MISSING;
    res->flags = RT_FLAG_NOT_MET;
    return 1;
  }
  /* [SCORE-MIDYEAR] a completion date after the as-of date is no fact yet:
   * pending while the deadline is ahead, else the deadline has passed
   * undone (unmet, 0 points; days_late as the reported date implies) */
  if (as_of != RT_NO_AS_OF && in->target.kind == RT_TGT_DEADLINE &&
      act->kind == RT_ACT_DATE && act->date > as_of) {
    res->status = pending_ok ? RT_ST_PENDING : RT_ST_UNMET;
    if (pending_ok) return 0;
    res->flags = RT_FLAG_NOT_MET;
    res->days_late = act->date - in->target.date;
    return 1;
  }
  VmOut vo;
  vm_run(p, a, proj, i, step_limit, &vo);
  if (vo.state != VM_SCORED) {
    if (pending_ok && vo.state == VM_MISSING) {
      res->status = RT_ST_PENDING;
      return 0;
    }
    res->status = RT_ST_MISSING;
    res->flags = RT_FLAG_NOT_MET | (vo.state == VM_MISSING ? 0 : RT_FLAG_UNDEFINED);
    return 1;
  }
  res->score = vo.score.score;
  res->status = (uint8_t)vo.score.status;
  if (in->target.kind == RT_TGT_QUANT) {
    explain_quant(&vo, res);
    int forward = in->target.cmp == RT_CMP_GE || in->target.cmp == RT_CMP_GT ||
                  in->target.cmp == RT_CMP_EQ;
    if (forward && vo.a > 0 && dec_ge_product(vo.b, vo.a, pol->overshoot))
      res->flags |= RT_FLAG_OVERSHOOT;
  } else if (in->target.kind == RT_TGT_DEADLINE) {
    int32_t late = act->date - in->target.date;
    res->days_late = late > 0 ? late : 0;
  }
  if (res->status != RT_ST_MET) res->flags |= RT_FLAG_NOT_MET;
  return 1;
}

static void eval_budget(const RtProgram *p, const RtActuals *a, uint32_t proj, int32_t as_of,
                        RtProjResult *pr) {
  const RtProject *pj = &p->projects[proj];
  const RtPolicy *pol = &p->policies[pj->policy];
  pr->planned = pj->budget;
  pr->has_spent = a->has_spent[proj];
  pr->spent = a->spent[proj];
  pr->rate = -1;
  pr->elapsed = -1;
  if (pr->has_spent) {
    pr->rate = score_rate(pr->spent, pr->planned);
    pr->rate_score = score_rate_points(pr->rate, pol->w_rate);
    if (pr->rate < 0) /* spent against no budget: no rate, and no low rate */
      pr->flags |= RT_FLAG_UNDEFINED;
    else if (pr->rate < pol->low_rate && as_of == RT_NO_AS_OF)
      pr->flags |= RT_FLAG_LOW_RATE;
  }
  if (as_of != RT_NO_AS_OF) {
    int32_t start = jan1(pj), days = rt_days_from_civil(pj->year + 1, 1, 1) - start;
    int64_t gone = (int64_t)as_of - start + 1;
    if (gone < 0) gone = 0;
    if (gone > days) gone = days;
    dec_muldiv(gone * DEC_ONE, DEC_ONE, (Dec)days * DEC_ONE, &pr->elapsed);
    Dec rate = pr->has_spent ? pr->rate : 0, lagging;
    if (rate >= 0 && dec_sub(pr->elapsed, rate, &lagging) == DEC_OK && lagging > pol->lag)
      pr->flags |= RT_FLAG_LAG;
  }
  /* 执行率 counts like an indicator: missing scores 0 but still applies. */
  dec_add(pr->applicable, pol->w_rate, &pr->applicable);
  dec_add(pr->raw, pr->rate_score, &pr->raw);
}

void rt_eval_steps_message(const RtProgram *p, uint32_t ind, uint32_t step_limit, char *buf,
                           size_t cap) {
  const RtIndicator *in = &p->indicators[ind];
  const char *proj = "?";
  for (uint32_t j = 0; j < p->nprojects; j++)
    if (ind >= p->projects[j].first && ind - p->projects[j].first < p->projects[j].nind)
      proj = p->projects[j].name;
  snprintf(buf, cap, "indicator \"%s\" of project \"%s\" takes %u steps; the step limit is %u",
           in->name, proj, in->ncode, step_limit);
  for (char *c = buf; *c; c++) /* names from a file: keep the message one line */
    if ((unsigned char)*c < 0x20 || *c == 0x7F) *c = '?';
}

/* 1 when the projects' indicators follow each other from the first to the
 * last, as bc_verify requires: then rt_evaluate's loop visits every
 * indicator once, in index order. */
static int eval_in_order(const RtProgram *p) {
  uint64_t next = 0;
  for (uint32_t j = 0; j < p->nprojects; j++) {
    if (p->projects[j].first != next) return 0;
    next += p->projects[j].nind;
  }
  return next == p->nindicators;
}

/* The first indicator whose code is longer than step_limit, or UINT32_MAX. */
static uint32_t eval_first_over(const RtProgram *p, uint32_t step_limit) {
  for (uint32_t i = 0; i < p->nindicators; i++)
    if (p->indicators[i].ncode > step_limit) return i;
  return UINT32_MAX;
}

/* RT_EVAL_STEPS for indicator i: nothing is scored. */
static int eval_steps(RtResult *out, uint32_t i) {
  out->proj = NULL;
  out->ind = NULL;
  out->over_limit = i;
  return RT_EVAL_STEPS;
}

/*
 * The step limit is checked in the loop, on the record it reads anyway (a
 * separate pass over every indicator first cost an eighth of the time):
 * in index order the first indicator over the limit is found before any
 * other, and the partial scorecard is dropped.  Results are written whole
 * by eval_indicator, so their array is not zeroed first.
 */
int rt_evaluate(const RtProgram *p, const RtActuals *a, int32_t as_of, uint32_t step_limit,
                RtArena *arena, RtResult *out) {
  memset(out, 0, sizeof *out);
  out->prog = p;
  out->act = a;
  out->as_of = as_of;
  int in_order = eval_in_order(p);
  uint32_t over = in_order ? UINT32_MAX : eval_first_over(p, step_limit);
  if (over != UINT32_MAX) return eval_steps(out, over);
  size_t nind = (p->nindicators ? p->nindicators : 1) * sizeof *out->ind;
  out->proj = rt_alloc_dense(arena, (p->nprojects ? p->nprojects : 1) * sizeof *out->proj);
  out->ind = in_order ? rt_alloc_raw(arena, nind) : rt_alloc_dense(arena, nind);
  if (!out->proj || !out->ind) return -1;
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const RtProject *pj = &p->projects[j];
    const RtPolicy *pol = &p->policies[pj->policy];
    RtProjResult *pr = &out->proj[j];
    for (uint32_t i = pj->first; i < pj->first + pj->nind; i++) {
      RtIndResult *res = &out->ind[i];
      const RtIndicator *in = &p->indicators[i];
      if (in->ncode > step_limit) return eval_steps(out, i);
      int slot = cat_slot(in->level1);
      if (!eval_indicator(p, a, j, i, as_of, step_limit, res)) continue;
      dec_add(pr->applicable, in->points, &pr->applicable);
      dec_add(pr->raw, res->score, &pr->raw);
      dec_add(pr->cat_points[slot], in->points, &pr->cat_points[slot]);
      dec_add(pr->cat_scores[slot], res->score, &pr->cat_scores[slot]);
    }
    eval_budget(p, a, j, as_of, pr);
    pr->total = score_total(pr->raw, pr->applicable);
    pr->grade = (uint8_t)score_grade(pr->total, pol->grade_excellent, pol->grade_good,
                                     pol->grade_fair);
  }
  return 0;
}
