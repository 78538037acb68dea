/*
 * dump.c - prints everything an evaluator of the C ABI (docs/c-abi.md)
 * shows a host: every field of its tables, then every field of its results
 * on ROUNDS pseudo-random inputs, at year end and mid-year.
 *
 *   dump [ROUNDS]
 *
 * tests/llvm/run.sh links it once with the generated C (`--emit=c`) and
 * once with the object file of the LLVM backend (`--emit=obj`) of the same
 * specs; the two outputs must be identical.  The inputs come from a fixed
 * generator, so both see the same ones.  Nothing but the C library.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

static uint64_t state = 20230630;

static uint32_t rnd(uint32_t n) {
  state = state * 6364136223846793005u + 1442695040888963407u;
  return (uint32_t)(state >> 33) % n;
}

/* Values that meet, miss, divide by zero and overflow. */
static int64_t value(void) {
  static const int64_t v[] = {0,
                              INDC_ONE,
                              -INDC_ONE,
                              5 * INDC_ONE,
                              12 * INDC_ONE,
                              100 * INDC_ONE,
                              INDC_ONE / 2,
                              INT64_C(333333333),
                              INT64_C(9000000000) * INDC_ONE,
                              INT64_MAX,
                              -INT64_MAX,
                              95 * INDC_ONE,
                              3 * INDC_ONE,
                              INT64_C(1500000001)};
  return v[rnd(sizeof v / sizeof v[0])];
}

static const char *str(const char *s) { return s ? s : "(null)"; }

/* January 1 of project 0's budget year (there is a project 0). */
static int32_t jan1_0(void) {
  indc_project pj;
  return indc_eval_project(0, &pj) == 0 ? pj.jan1 : 0;
}

static void dump_tables(const indc_program *p) {
  printf("abi %" PRIu32 " units %" PRIu32 " scales %" PRIu32 " policies %" PRIu32
         " projects %" PRIu32 " indicators %" PRIu32 " fields %" PRIu32 "\n",
         p->abi_version, p->nunits, p->nscales, p->npolicies, p->nprojects, p->nindicators,
         p->nfields);
  for (uint32_t u = 0; u < p->nunits; u++)
    printf("unit %s %" PRIu32 " %" PRId64 "\n", str(p->units[u].name), p->units[u].dim,
           p->units[u].factor);
  for (uint32_t s = 0; s < p->nscales; s++) {
    printf("scale %s", str(p->scales[s].name));
    for (uint32_t m = 0; m < p->scales[s].nmembers; m++) printf(" %s", str(p->scales[s].members[m]));
    printf("\n");
  }
  for (uint32_t k = 0; k < p->npolicies; k++) {
    const indc_policy *o = &p->policies[k];
    printf("policy %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %u", o->w_output, o->w_benefit,
           o->w_satisfaction, o->w_rate, o->reverse);
    const indc_band *b[3] = {&o->met, &o->partial, &o->unmet};
    for (int i = 0; i < 3; i++) printf(" [%" PRId64 " %" PRId64 " %" PRId64 "]", b[i]->lo, b[i]->hi, b[i]->dflt);
    printf(" %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 "\n",
           o->grade_excellent, o->grade_good, o->grade_fair, o->overshoot, o->low_rate, o->lag);
  }
  for (uint32_t j = 0; j < p->nprojects; j++) {
    indc_project pjx;
    const indc_project *pj = &pjx;
    if (indc_eval_project(j, &pjx) != 0) exit(1);
    printf("project %s|%s|%s %" PRIu32 " %" PRId32 " %" PRIu32 " %" PRId64 " %" PRIu32 " %" PRIu32
           " %" PRIu32 " %u %" PRId32 " %" PRId32 "\n",
           str(pj->name), str(pj->key), str(pj->file), pj->line, pj->year, pj->currency,
           pj->budget, pj->policy, pj->first, pj->nind, pj->english, pj->jan1, pj->ndays);
  }
  for (uint32_t i = 0; i < p->nindicators; i++) {
    indc_indicator inx;
    const indc_indicator *in = &inx;
    const indc_target *t = &in->target;
    if (indc_eval_indicator(i, &inx) != 0) exit(1);
    printf("indicator %s|%s|%s %u %u [%u %u %u %" PRId32 " %" PRId64 " %" PRId32 " %" PRId32
           " %" PRId32 " %" PRId32 " %s] %" PRId64 " %" PRIu32 " %u %" PRIu32 " %" PRId32 "\n",
           str(in->id), str(in->name), str(in->key), in->level1, in->level2, t->kind, t->cmp,
           t->explicit_cmp, t->unit, t->value, t->date, t->year, t->scale, t->rank, str(t->text),
           in->points, in->line, in->derived, in->project, in->due);
  }
  for (uint32_t f = 0; f < p->nfields; f++) printf("field %s\n", str(p->fields[f]));
}

typedef struct Inputs {
  indc_actual *act;
  uint8_t *has_spent, *field_set;
  int64_t *spent, *fields;
  indc_inputs in;
} Inputs;

static void inputs_fill(const indc_program *p, Inputs *x) {
  for (size_t f = 0; f < (size_t)p->nprojects * p->nfields; f++) {
    x->field_set[f] = rnd(6) != 0;
    x->fields[f] = value();
  }
  for (uint32_t i = 0; i < p->nindicators; i++) {
    indc_actual *a = &x->act[i];
    memset(a, 0, sizeof *a);
    a->kind = (uint8_t)(rnd(3000) == 0 ? 6 : rnd(6)); /* now and then out of range */
    a->grade = (uint8_t)rnd(3);
    a->has_score = (uint8_t)rnd(2);
    a->value = value();
    if (a->kind == INDC_ACT_RANK) a->rank = (int32_t)rnd(7); /* one field with date */
    else a->date = p->nprojects ? jan1_0() + (int32_t)rnd(500) - 50 : 0;
  }
  for (uint32_t j = 0; j < p->nprojects; j++) {
    x->has_spent[j] = (uint8_t)rnd(2);
    x->spent[j] = value();
  }
}

static void dump_results(const indc_program *p, int rc, const indc_proj_result *proj,
                         const indc_ind_result *ind) {
  printf("rc %d\n", rc);
  if (rc != 0) return;
  for (uint32_t i = 0; i < p->nindicators; i++)
    printf("i%" PRIu32 " %u %u %" PRId64 " %" PRId64 " %" PRId64 " %" PRId32 "\n", i,
           ind[i].status, ind[i].flags, ind[i].score, ind[i].b, ind[i].gap, ind[i].days_late);
  for (uint32_t j = 0; j < p->nprojects; j++) {
    const indc_proj_result *r = &proj[j];
    printf("p%" PRIu32 " %" PRId64 " %" PRId64 " %u %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64
           " %" PRId64 " %u %u %" PRId64,
           j, r->planned, r->spent, r->has_spent, r->rate, r->rate_score, r->applicable, r->raw,
           r->total, r->grade, r->flags, r->elapsed);
    for (int k = 0; k < 4; k++) printf(" %" PRId64 "/%" PRId64, r->cat_scores[k], r->cat_points[k]);
    printf("\n");
  }
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 20;
  const indc_program *p = indc_eval_program();
  if (indc_eval_abi_version() != INDC_ABI_VERSION) return 1;
  dump_tables(p);
  size_t nf = (size_t)p->nprojects * p->nfields + 1;
  Inputs x;
  x.act = calloc(p->nindicators + 1, sizeof *x.act);
  x.has_spent = calloc(p->nprojects + 1, 1);
  x.spent = calloc(p->nprojects + 1, sizeof *x.spent);
  x.field_set = calloc(nf, 1);
  x.fields = calloc(nf, sizeof *x.fields);
  indc_proj_result *proj = calloc(p->nprojects + 1, sizeof *proj);
  indc_ind_result *ind = calloc(p->nindicators + 1, sizeof *ind);
  if (!x.act || !x.has_spent || !x.spent || !x.field_set || !x.fields || !proj || !ind) return 1;
  indc_inputs in = {x.act, x.has_spent, x.spent, x.field_set, x.fields};
  for (int r = 0; r < rounds; r++) {
    inputs_fill(p, &x);
    int32_t as_of = p->nprojects ? jan1_0() + (int32_t)rnd(400) : 0;
    printf("round %d year end\n", r);
    dump_results(p, indc_eval_evaluate(&in, INDC_NO_AS_OF, proj, ind), proj, ind);
    printf("round %d as of %" PRId32 "\n", r, as_of);
    dump_results(p, indc_eval_evaluate(&in, as_of, proj, ind), proj, ind);
  }
  char buf[32];
  int64_t v;
  printf("parse %d %" PRId64 "\n", indc_eval_parse_dec("-13.45", 6, &v), v);
  printf("format %d %s\n", indc_eval_format_dec(v, 1, buf, sizeof buf), buf);
  printf("day %" PRId32 "\n", indc_eval_day_number(2024, 2, 29));
  free(x.act);
  free(x.has_spent);
  free(x.spent);
  free(x.field_set);
  free(x.fields);
  free(proj);
  free(ind);
  return 0;
}
