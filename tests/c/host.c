/*
 * host.c - a host of a generated evaluator, linked statically: the seed's
 * evaluator (`indc compile --emit=c -o eval.c -H eval.h specs/...`) and
 * this file, compiled with nothing but the C standard library (no
 * libindrt).  tests/c/run.sh builds and runs it with each C compiler.
 *
 * Project 0 (团市委政务信息化系统运维项目) is scored from actuals set
 * here, found by name in the generated tables and converted into each
 * target's unit as docs/c-abi.md tells a host to.  The expected values are
 * those worked out by hand in tests/unit/test_eval_seed.c.  Prints one line
 * per failed check; exits 1 if any failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval.h"

static int failures;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "host.c:%d: check failed: %s\n", __LINE__, #cond); \
      failures++;                                                     \
    }                                                                 \
  } while (0)

static const indc_program *prog;

/* Decimal text as 10^-9 units. */
static int64_t D(const char *s) {
  int64_t v = 0;
  CHECK(indc_eval_parse_dec(s, strlen(s), &v) == 0);
  return v;
}

/* Project j and indicator i, read through the ABI's functions. */
static indc_project project(uint32_t j) {
  indc_project pj;
  CHECK(indc_eval_project(j, &pj) == 0);
  return pj;
}

static indc_indicator indicator(uint32_t i) {
  indc_indicator in;
  CHECK(indc_eval_indicator(i, &in) == 0);
  return in;
}

/* Global index of the indicator `name` of project j. */
static uint32_t find(uint32_t j, const char *name) {
  indc_project pj = project(j);
  for (uint32_t i = pj.first; i < pj.first + pj.nind; i++)
    if (strcmp(indicator(i).name, name) == 0) return i;
  fprintf(stderr, "host.c: no indicator \"%s\"\n", name);
  exit(1);
}

static uint32_t unit_index(const char *name) {
  for (uint32_t u = 0; u < prog->nunits; u++)
    if (strcmp(prog->units[u].name, name) == 0) return u;
  fprintf(stderr, "host.c: no unit \"%s\"\n", name);
  exit(1);
}

/* `text` in unit `unit` as a number in indicator i's target unit:
 * value x from.factor / to.factor, exactly (both factors are whole here). */
static indc_actual number_in(uint32_t i, const char *text, const char *unit) {
  const indc_unit *from = &prog->units[unit_index(unit)];
  const indc_unit *to = &prog->units[indicator(i).target.unit];
  indc_actual a = {.kind = INDC_ACT_NUMBER};
  CHECK(from->dim == to->dim);
  CHECK(from->factor % INDC_ONE == 0 && to->factor % INDC_ONE == 0);
  int64_t v = D(text) * (from->factor / INDC_ONE);
  CHECK(v % (to->factor / INDC_ONE) == 0);
  a.value = v / (to->factor / INDC_ONE);
  return a;
}

static indc_actual graded(int grade) {
  indc_actual a = {.kind = INDC_ACT_GRADE, .grade = (uint8_t)grade};
  return a;
}

/* The inputs: everything missing but project 0's actuals and spending. */
typedef struct Inputs {
  indc_actual *act;
  uint8_t *has_spent, *field_set;
  int64_t *spent, *fields;
  indc_inputs in;
} Inputs;

static void inputs_make(Inputs *x) {
  size_t nf = (size_t)prog->nprojects * prog->nfields + 1;
  x->act = calloc(prog->nindicators, sizeof *x->act);
  x->has_spent = calloc(prog->nprojects, 1);
  x->spent = calloc(prog->nprojects, sizeof *x->spent);
  x->field_set = calloc(nf, 1);
  x->fields = calloc(nf, sizeof *x->fields);
  if (!x->act || !x->has_spent || !x->spent || !x->field_set || !x->fields) exit(1);
  x->act[find(0, "信息系统及网站")] = number_in(find(0, "信息系统及网站"), "2", "个");
  x->act[find(0, "信息设备及系统运行")] = graded(INDC_GRADE_MET);
  x->act[find(0, "应急技术响应")] = graded(INDC_GRADE_MET);
  x->act[find(0, "团市委信息化设备运维经费")] =
      number_in(find(0, "团市委信息化设备运维经费"), "9.8", "万元");
  x->act[find(0, "云上青春和天津共青团网站维护")] =
      number_in(find(0, "云上青春和天津共青团网站维护"), "38000", "元");
  x->act[find(0, "机关信息化水平")] = graded(INDC_GRADE_PARTIAL);
  x->act[find(0, "办公信息安全")] = graded(INDC_GRADE_MET);
  x->act[find(0, "机关干部满意度")] = number_in(find(0, "机关干部满意度"), "96.5", "%");
  x->has_spent[0] = 1;
  x->spent[0] = D("13.6"); /* 万元, the project's currency */
  indc_inputs in = {x->act, x->has_spent, x->spent, x->field_set, x->fields};
  x->in = in;
}

static void year_end(const Inputs *x, indc_proj_result *proj, indc_ind_result *ind) {
  static const char *const points[] = {"10", "10", "10", "10", "10", "15", "15", "10"};
  static const char *const scores[] = {"10", "10", "10", "10", "10", "10.5", "15", "10"};
  indc_project p0 = project(0);
  const indc_project *pj = &p0;
  CHECK(indc_eval_evaluate(&x->in, INDC_NO_AS_OF, proj, ind) == 0);
  CHECK(strcmp(pj->name, "团市委政务信息化系统运维项目") == 0);
  CHECK(pj->nind == 8);
  for (uint32_t k = 0; k < 8; k++) {
    CHECK(indicator(pj->first + k).points == D(points[k]));
    CHECK(ind[pj->first + k].score == D(scores[k]));
    CHECK(ind[pj->first + k].status == (k == 5 ? INDC_ST_PARTIAL : INDC_ST_MET));
  }
  /* 38000元 against ≤4 万元: B is 3.8 万元, 0.2 under A (reports show
   * the ratio 95.00% from B / A) */
  CHECK(ind[find(0, "云上青春和天津共青团网站维护")].b == D("3.8"));
  CHECK(ind[find(0, "云上青春和天津共青团网站维护")].gap == -D("0.2"));
  CHECK(proj[0].rate == D("0.971428571"));
  CHECK(proj[0].rate_score == D("9.71428571"));
  CHECK(proj[0].applicable == D("100"));
  CHECK(proj[0].total == D("95.21428571"));
  CHECK(proj[0].grade == 0 && proj[0].flags == 0 && proj[0].elapsed == -1);
  char text[32];
  CHECK(indc_eval_format_dec(proj[0].total, 2, text, sizeof text) == 5);
  CHECK(strcmp(text, "95.21") == 0);
  /* project 1 has no actuals: every indicator missing, 执行率 unknown */
  CHECK(ind[project(1).first].status == INDC_ST_MISSING);
  CHECK(proj[1].rate == -1 && proj[1].total == 0 && proj[1].grade == 3);
}

/* 2023-06-30: 181 of 365 days gone; a missing actual due at year end is
 * pending and leaves the total. */
static void mid_year(Inputs *x, indc_proj_result *proj, indc_ind_result *ind) {
  uint32_t sat = find(0, "机关干部满意度");
  x->act[sat].kind = INDC_ACT_MISSING;
  CHECK(indc_eval_evaluate(&x->in, indc_eval_day_number(2023, 6, 30), proj, ind) == 0);
  CHECK(ind[sat].status == INDC_ST_PENDING);
  CHECK(proj[0].applicable == D("90"));
  CHECK(proj[0].elapsed == D("0.495890411"));
  CHECK((proj[0].flags & INDC_FLAG_LAG) == 0);
}

/* Projects and indicators through *_project and *_indicator: the last
 * ones, and none past them. */
static void tables(void) {
  indc_project pj = project(prog->nprojects - 1);
  indc_indicator in = indicator(prog->nindicators - 1);
  CHECK(pj.first + pj.nind == prog->nindicators && in.project == prog->nprojects - 1);
  CHECK(in.line > pj.line && strstr(pj.file, "11-youth-social-work.ind") != NULL);
  CHECK(pj.jan1 == 19358 && pj.ndays == 365 && pj.year == 2023);
  CHECK(in.name != NULL && in.key != NULL && in.target.text != NULL);
  CHECK(indc_eval_project(prog->nprojects, &pj) == -1);
  CHECK(indc_eval_indicator(prog->nindicators, &in) == -1);
}

int main(void) {
  prog = indc_eval_program();
  CHECK(indc_eval_abi_version() == INDC_ABI_VERSION && prog->abi_version == INDC_ABI_VERSION);
  CHECK(prog->nprojects == 11);
  CHECK(indc_eval_day_number(2023, 1, 1) == 19358);
  tables();
  Inputs x;
  inputs_make(&x);
  indc_proj_result *proj = calloc(prog->nprojects, sizeof *proj);
  indc_ind_result *ind = calloc(prog->nindicators, sizeof *ind);
  if (!proj || !ind) return 1;
  year_end(&x, proj, ind);
  mid_year(&x, proj, ind);
  /* an actual of an unknown kind: 1 + its index, and nothing of its
   * project or the ones after is written ([CABI-EVAL]) */
  x.act[3].kind = 42;
  proj[0].total = 7;
  CHECK(indc_eval_evaluate(&x.in, INDC_NO_AS_OF, proj, ind) == 4);
  CHECK(proj[0].total == 7);
  /* a bad grade in the third project: the first two are scored, the
   * third and the later ones keep what the host had there */
  x.act[3].kind = INDC_ACT_MISSING;
  indc_project p2;
  CHECK(indc_eval_project(2, &p2) == 0 && p2.nind > 0);
  x.act[p2.first].grade = 9;
  memset(proj, 0, prog->nprojects * sizeof *proj);
  for (uint32_t j = 0; j < prog->nprojects; j++) proj[j].total = -7;
  CHECK(indc_eval_evaluate(&x.in, INDC_NO_AS_OF, proj, ind) == (int)p2.first + 1);
  CHECK(proj[0].total >= 0 && proj[1].total >= 0);
  for (uint32_t j = 2; j < prog->nprojects; j++) CHECK(proj[j].total == -7);
  printf("host: %s\n", failures ? "FAILED" : "all checks passed");
  return failures ? 1 : 0;
}
