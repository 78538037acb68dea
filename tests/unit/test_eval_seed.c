/*
 * test_eval_seed.c - the seed's sample data scored end to end, with one
 * whole project (1: 团市委政务信息化系统运维项目) worked out by hand
 * ([SCORE-*] in docs/scoring.md).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lower.h"
#include "bc.h"
#include "data/actuals.h"
#include "eval.h"
#include "report/report.h"
#include "sema/program.h"
#include "test_util.h"

static Dec D(const char *s) {
  Dec v = 0;
  ck_assert_int_eq(dec_parse(s, strlen(s), &v), DEC_OK);
  return v;
}

typedef struct Run {
  Program prog;
  RtProgram rp;
  RtActuals act;
  RtArena arena;
  RtResult res;
} Run;

static void problem(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  (void)ud;
  fprintf(stderr, "%s:%u:%u: %s\n", file, line, col, msg);
}

static void run_seed(Run *r) {
  char *csv = test_path("specs/tianjin-youth-league-2023/actuals-2023.csv");
  test_seed_program(&r->prog, &r->rp);
  BcError err;
  ck_assert_msg(bc_verify(&r->rp, &err) == INDRT_OK, "verify: %s", err.msg);
  FILE *f = fopen(csv, "rb");
  ck_assert_ptr_nonnull(f);
  char *buf = malloc(1 << 20);
  size_t n = fread(buf, 1, 1 << 20, f);
  fclose(f);
  DataSink sink = {problem, NULL, 0, 0, NULL};
  ck_assert_int_eq(act_load(&r->rp, "actuals-2023.csv", buf, n, INDRT_DATA_CSV, INDRT_ENC_AUTO, 0,
                            &r->act, &sink),
                   INDRT_OK);
  free(buf);
  rt_arena_init(&r->arena, 0);
  ck_assert_int_eq(rt_evaluate(&r->rp, &r->act, INT32_MIN, 1000, &r->arena, &r->res), 0);
  free(csv);
}

static void run_free(Run *r) {
  rt_arena_free(&r->arena);
  act_free(&r->act);
  rt_program_free(&r->rp);
  prog_free(&r->prog);
}

/* Project 1 by hand:
 *   产出 50 points over 5 indicators = 10 each, all met         -> 50
 *   效益 30 over 2 = 15 each: 部分达成 (default 70%) 10.5 + 达成 15 -> 25.5
 *   满意度 10: 96.5% > 95% met                                  -> 10
 *   执行率 13.6 / 14 = 0.971428571 (9 decimals) x 10            -> 9.71428571
 *   total = 95.21428571 of 100 applicable points, grade 优 */
START_TEST(project1_by_hand) {
  Run r;
  run_seed(&r);
  const RtProject *p = &r.rp.projects[0];
  const RtProjResult *pr = &r.res.proj[0];
  ck_assert_str_eq(p->name, "团市委政务信息化系统运维项目");
  ck_assert_uint_eq(p->nind, 8);
  static const char *const points[] = {"10", "10", "10", "10", "10", "15", "15", "10"};
  static const char *const scores[] = {"10", "10", "10", "10", "10", "10.5", "15", "10"};
  static const int status[] = {RT_ST_MET, RT_ST_MET, RT_ST_MET, RT_ST_MET,
                               RT_ST_MET, RT_ST_PARTIAL, RT_ST_MET, RT_ST_MET};
  for (uint32_t i = 0; i < 8; i++) {
    ck_assert_msg(r.rp.indicators[p->first + i].points == D(points[i]), "points %u", i);
    ck_assert_msg(r.res.ind[p->first + i].score == D(scores[i]), "score %u", i);
    ck_assert_int_eq(r.res.ind[p->first + i].status, status[i]);
  }
  /* 38000元 against ≤4 万元 was converted exactly: 3.8 万元, and the
   * report computes the ratio 0.95 from B and A */
  ck_assert(r.res.ind[p->first + 4].b == D("3.8"));
  ck_assert(r.res.ind[p->first + 4].gap == -D("0.2"));
  char expl[256];
  rep_explain(&r.res, p->first + 4, 0, expl, sizeof expl);
  ck_assert_str_eq(expl, "3.8 万元 ≤ 4 万元: 达标, 95.00%");
  ck_assert(pr->rate == D("0.971428571"));
  ck_assert(pr->rate_score == D("9.71428571"));
  ck_assert(pr->raw == D("95.21428571"));
  ck_assert(pr->applicable == D("100"));
  ck_assert(pr->total == D("95.21428571"));
  ck_assert_int_eq(pr->grade, 0);
  ck_assert_int_eq(pr->flags, 0);
  run_free(&r);
}
END_TEST

/* Project 7 meets every target and spends its whole budget: exactly 100. */
START_TEST(full_marks_are_exactly_100) {
  Run r;
  run_seed(&r);
  ck_assert_str_eq(r.rp.projects[6].name, "天津市青年马克思主义者培养工程");
  ck_assert(r.res.proj[6].total == D("100"));
  run_free(&r);
}
END_TEST

/* Project 4: four 不适用 rows are left out and the total renormalised. */
START_TEST(not_applicable_renormalises) {
  Run r;
  run_seed(&r);
  const RtProject *p = &r.rp.projects[3];
  const RtProjResult *pr = &r.res.proj[3];
  Dec applicable = 0, raw = 0;
  unsigned na = 0;
  for (uint32_t i = p->first; i < p->first + p->nind; i++) {
    if (r.res.ind[i].status == RT_ST_NA) {
      na++;
      continue;
    }
    dec_add(applicable, r.rp.indicators[i].points, &applicable);
    dec_add(raw, r.res.ind[i].score, &raw);
  }
  dec_add(applicable, D("10"), &applicable);
  dec_add(raw, pr->rate_score, &raw);
  ck_assert_uint_eq(na, 4);
  ck_assert(pr->applicable == applicable);
  ck_assert(pr->raw == raw);
  Dec total;
  dec_muldiv(raw, D("100"), applicable, &total);
  ck_assert(pr->total == total);
  run_free(&r);
}
END_TEST

/* A late deadline scores in proportion: 举办青年发展型城市论坛 due 2023-12-31,
 * done 2024-01-15 (project 5, whose 产出 has 12 indicators: 50/12 points). */
START_TEST(late_deadline) {
  Run r;
  run_seed(&r);
  const RtProject *p = &r.rp.projects[4];
  uint32_t found = 0;
  for (uint32_t i = p->first; i < p->first + p->nind; i++) {
    const RtIndicator *in = &r.rp.indicators[i];
    if (in->target.kind != RT_TGT_DEADLINE || r.res.ind[i].days_late == 0) continue;
    found++;
    ck_assert_int_eq(r.res.ind[i].days_late, 15);
    ck_assert_int_eq(r.res.ind[i].status, RT_ST_PARTIAL);
    Dec want;
    dec_muldiv(in->points, D("364"), D("379"), &want);
    ck_assert(r.res.ind[i].score == want);
  }
  ck_assert_uint_eq(found, 1);
  run_free(&r);
}
END_TEST

Suite *eval_seed_suite(void);
Suite *eval_seed_suite(void) {
  Suite *s = suite_create("eval_seed");
  TCase *tc = tcase_create("seed");
  tcase_add_test(tc, project1_by_hand);
  tcase_add_test(tc, full_marks_are_exactly_100);
  tcase_add_test(tc, not_applicable_renormalises);
  tcase_add_test(tc, late_deadline);
  suite_add_tcase(s, tc);
  return s;
}
