/*
 * test_vm.c - the interpreter (runtime/vm.c): every opcode through derived
 * actuals, and template dispatch against word-by-word interpretation.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lower.h"
#include "bc.h"
#include "data/actuals.h"
#include "eval.h"
#include "sema/program.h"
#include "test_util.h"
#include "vm.h"

static Dec D(const char *s) {
  Dec v = 0;
  ck_assert_int_eq(dec_parse(s, strlen(s), &v), DEC_OK);
  return v;
}

static void problem(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  (void)ud;
  fprintf(stderr, "%s:%u:%u: %s\n", file, line, col, msg);
}

typedef struct Case {
  Program prog;
  RtProgram rp;
  RtActuals act;
} Case;

/* Compile spec text and load CSV text (rows after the header). */
static void build(Case *c, const char *spec, const char *rows) {
  prog_init(&c->prog);
  prog_load_buffer(&c->prog, "t.ind", spec, strlen(spec));
  ck_assert_uint_eq(sema_check(&c->prog), 0);
  ck_assert_int_eq(lower_program(&c->prog, &c->rp), 0);
  BcError err;
  ck_assert_msg(bc_verify(&c->rp, &err) == INDRT_OK, "verify: %s", err.msg);
  char csv[4096];
  snprintf(csv, sizeof csv, "project,indicator,actual\n%s", rows);
  DataSink sink = {problem, NULL, 0, 0, NULL};
  ck_assert_int_eq(act_load(&c->rp, "t.csv", csv, strlen(csv), INDRT_DATA_CSV, INDRT_ENC_UTF8, 0,
                            &c->act, &sink),
                   INDRT_OK);
}

static void drop(Case *c) {
  act_free(&c->act);
  rt_program_free(&c->rp);
  prog_free(&c->prog);
}

/* The actual B that a derived indicator computes, through the interpreter. */
static VmOut derive(const char *expr, const char *fields) {
  char spec[2048];
  snprintf(spec, sizeof spec,
           "年度 2023\n项目 \"p\" {\n  预算数 1\n  产出指标 {\n    数量指标 {\n"
           "      指标 \"x\": ≥1 { 实际 = %s }\n    }\n  }\n}\n",
           expr);
  Case c;
  build(&c, spec, fields);
  VmOut o;
  vm_run(&c.rp, &c.act, 0, 0, 1000, &o);
  drop(&c);
  return o;
}

#define CK_DERIVE(expr, fields, want)                                                   \
  do {                                                                                  \
    VmOut o_ = derive(expr, fields);                                                    \
    char g_[32];                                                                        \
    dec_format(o_.b, -1, g_, sizeof g_);                                                \
    ck_assert_msg(o_.state == VM_SCORED && o_.b == D(want), "%s = %s (state %d), want %s", \
                  expr, g_, (int)o_.state, want);                                       \
  } while (0)

START_TEST(arithmetic) {
  CK_DERIVE("a + b", "p,a,1.5\np,b,2\n", "3.5");
  CK_DERIVE("a - b", "p,a,1.5\np,b,2\n", "-0.5");
  CK_DERIVE("a * b", "p,a,1.5\np,b,2\n", "3");
  CK_DERIVE("a / b", "p,a,2\np,b,3\n", "0.666666667");
  CK_DERIVE("-a", "p,a,4\n", "-4");
  CK_DERIVE("a / b * 100%", "p,a,49\np,b,50\n", "98");
  CK_DERIVE("min(a, b, 7)", "p,a,9\np,b,8\n", "7");
  CK_DERIVE("max(a, b)", "p,a,9\np,b,8\n", "9");
}
END_TEST

START_TEST(comparisons_and_logic) {
  CK_DERIVE("a < b", "p,a,1\np,b,2\n", "1");
  CK_DERIVE("a <= b", "p,a,2\np,b,2\n", "1");
  CK_DERIVE("a > b", "p,a,1\np,b,2\n", "0");
  CK_DERIVE("a >= b", "p,a,1\np,b,2\n", "0");
  CK_DERIVE("a == b", "p,a,2\np,b,2\n", "1");
  CK_DERIVE("a != b", "p,a,2\np,b,2\n", "0");
  CK_DERIVE("a > 1 且 b > 1", "p,a,2\np,b,2\n", "1");
  CK_DERIVE("a > 1 and b > 5", "p,a,2\np,b,2\n", "0");
  CK_DERIVE("a > 5 或 b > 1", "p,a,2\np,b,2\n", "1");
  CK_DERIVE("非 (a > 1)", "p,a,2\n", "0");
  CK_DERIVE("!(a > 1)", "p,a,0\n", "1");
}
END_TEST

START_TEST(jumps) {
  CK_DERIVE("如果 b > 0 则 a / b 否则 0", "p,a,3\np,b,4\n", "0.75");
  CK_DERIVE("如果 b > 0 则 a / b 否则 0", "p,a,3\np,b,0\n", "0");
  CK_DERIVE("if a > 1 then if b > 1 then 1 else 2 else 3", "p,a,2\np,b,0\n", "2");
  CK_DERIVE("if a > 1 then 1 else if b > 1 then 2 else 3", "p,a,0\np,b,0\n", "3");
}
END_TEST

START_TEST(missing_field_and_division_by_zero) {
  VmOut o = derive("a / b", "p,a,3\n");
  ck_assert_int_eq(o.state, VM_MISSING);
  o = derive("a / b", "p,a,3\np,b,0\n");
  ck_assert_int_eq(o.state, VM_UNDEFINED);
}
END_TEST

START_TEST(step_limit) {
  Case c;
  build(&c,
        "年度 2023\n项目 \"p\" {\n  预算数 1\n  产出指标 {\n    数量指标 {\n"
        "      指标 \"x\": ≥1 { 实际 = a + a + a + a }\n    }\n  }\n}\n",
        "p,a,1\n");
  VmOut o;
  vm_run(&c.rp, &c.act, 0, 0, c.rp.indicators[0].ncode, &o);
  ck_assert_int_eq(o.state, VM_SCORED);
  vm_run(&c.rp, &c.act, 0, 0, c.rp.indicators[0].ncode - 1, &o);
  ck_assert_int_eq(o.state, VM_STEPS);
  drop(&c);
}
END_TEST

/* rt_evaluate checks the step limit inside its loop: the first indicator
 * over the limit (in index order) is reported, and nothing is scored.
 * Projects out of indicator order (not from the verifier) are checked
 * before the loop, with the same answer. */
START_TEST(step_limit_evaluate) {
  Case c;
  build(&c,
        "年度 2023\n项目 \"p\" {\n  预算数 1\n  产出指标 {\n    数量指标 {\n"
        "      指标 \"x\": ≥1\n    }\n  }\n}\n"
        "项目 \"q\" {\n  预算数 1\n  产出指标 {\n    数量指标 {\n"
        "      指标 \"y\": ≥1\n"
        "      指标 \"z\": ≥1 { 实际 = a + a + a + a }\n"
        "      指标 \"w\": ≥1 { 实际 = a + a + a + a + a }\n    }\n  }\n}\n",
        "p,x,1\nq,y,1\nq,a,1\n");
  ck_assert_uint_eq(c.rp.nindicators, 4);
  uint32_t n = c.rp.indicators[2].ncode;
  ck_assert_uint_gt(c.rp.indicators[3].ncode, n);
  for (int swap = 0; swap < 2; swap++) {
    RtArena arena;
    rt_arena_init(&arena, 0);
    RtResult r;
    ck_assert_int_eq(rt_evaluate(&c.rp, &c.act, RT_NO_AS_OF, n - 1, &arena, &r), RT_EVAL_STEPS);
    ck_assert_uint_eq(r.over_limit, 2);
    ck_assert_ptr_null(r.ind);
    ck_assert_ptr_null(r.proj);
    ck_assert_int_eq(rt_evaluate(&c.rp, &c.act, RT_NO_AS_OF, n, &arena, &r), RT_EVAL_STEPS);
    ck_assert_uint_eq(r.over_limit, 3);
    ck_assert_int_eq(rt_evaluate(&c.rp, &c.act, RT_NO_AS_OF, c.rp.indicators[3].ncode, &arena,
                                 &r), 0);
    ck_assert_int_eq(r.ind[0].status, RT_ST_MET);
    if (!swap) ck_assert_int_eq(r.ind[3].status, RT_ST_MET); /* swapped: fields elsewhere */
    rt_arena_free(&arena);
    RtProject t = c.rp.projects[0]; /* the other order */
    c.rp.projects[0] = c.rp.projects[1];
    c.rp.projects[1] = t;
  }
  drop(&c);
}
END_TEST

/* Template dispatch gives exactly what word-by-word interpretation gives,
 * for every indicator of the seed with its sample data. */
START_TEST(template_equals_interpreter) {
  Case c;
  test_seed_program(&c.prog, &c.rp);
  char *csv = test_path("specs/tianjin-youth-league-2023/actuals-2023.csv");
  FILE *f = fopen(csv, "rb");
  ck_assert_ptr_nonnull(f);
  char *buf = malloc(1 << 20);
  size_t n = fread(buf, 1, 1 << 20, f);
  fclose(f);
  DataSink sink = {problem, NULL, 0, 0, NULL};
  ck_assert_int_eq(act_load(&c.rp, "a.csv", buf, n, INDRT_DATA_CSV, INDRT_ENC_AUTO, 0, &c.act,
                            &sink),
                   INDRT_OK);
  unsigned compared = 0;
  for (uint32_t j = 0; j < c.rp.nprojects; j++)
    for (uint32_t i = c.rp.projects[j].first; i < c.rp.projects[j].first + c.rp.projects[j].nind;
         i++) {
      const RtActual *a = &c.act.ind[i];
      if (a->kind == RT_ACT_MISSING || a->kind == RT_ACT_NA) continue;
      VmOut t, w;
      vm_run(&c.rp, &c.act, j, i, 1000, &t);
      vm_interpret(&c.rp, &c.act, j, i, 1000, &w);
      ck_assert_int_eq(t.state, w.state);
      ck_assert_msg(t.score.score == w.score.score && t.score.status == w.score.status &&
                        t.a == w.a && t.b == w.b,
                    "indicator %u differs", i);
      compared++;
    }
  ck_assert_uint_gt(compared, 170);
  free(buf);
  free(csv);
  drop(&c);
}
END_TEST

Suite *vm_suite(void);
Suite *vm_suite(void) {
  Suite *s = suite_create("vm");
  TCase *tc = tcase_create("opcodes");
  tcase_add_test(tc, arithmetic);
  tcase_add_test(tc, comparisons_and_logic);
  tcase_add_test(tc, jumps);
  tcase_add_test(tc, missing_field_and_division_by_zero);
  tcase_add_test(tc, step_limit);
  tcase_add_test(tc, step_limit_evaluate);
  tcase_add_test(tc, template_equals_interpreter);
  suite_add_tcase(s, tc);
  return s;
}
