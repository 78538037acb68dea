/*
 * test_seed.c - the seed document's 11 projects as specs
 * (specs/tianjin-youth-league-2023/): counts, budgets, cost caps and the
 * warnings that remain, checked against the numbers of the seed itself
 * (../shared/seed/000_bc0805cadde26a36.txt).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sema/program.h"
#include "sema/sema_internal.h"
#include "test_util.h"

static const struct {
  const char *file;
  size_t nind;
  const char *budget;  /* 预算数 = 财政资金, in 万元 */
  const char *costs;   /* sum of the 成本指标 caps in 万元 */
} seed[] = {
    {"01-it-operations.ind", 8, "14", "14"},
    {"02-qingchun-brand.ind", 7, "20", "20"},
    {"03-student-leadership.ind", 18, "50", "50"},
    {"04-league-work.ind", 65, "51", "51"},
    {"05-youth-development-plan.ind", 15, "110", "110"},
    {"06-youth-federation-plenary.ind", 8, "80", "80"},
    {"07-young-marxists.ind", 10, "100", "100"},
    {"08-young-pioneers.ind", 13, "60", "60"},
    {"09-student-federation-congress.ind", 8, "40", "0"}, /* its cost is a text */
    {"10-property-services.ind", 15, "75", "75"},
    {"11-youth-social-work.ind", 20, "580", "580"},
};
enum { NSEED = sizeof seed / sizeof seed[0] };

static Program prog;

static void load_seed(void) {
  char *paths[NSEED];
  for (size_t i = 0; i < NSEED; i++)
    paths[i] = test_path("specs/tianjin-youth-league-2023/%s", seed[i].file);
  prog_init(&prog);
  prog_load(&prog, paths, NSEED);
  sema_check(&prog);
  for (size_t i = 0; i < NSEED; i++) free(paths[i]);
}

static Dec D(const char *s) {
  Dec v = 0;
  ck_assert_int_eq(dec_parse(s, strlen(s), &v), DEC_OK);
  return v;
}

START_TEST(counts) {
  load_seed();
  ck_assert_uint_eq(prog.diags.nerrors, 0);
  ck_assert_uint_eq(prog.nprojects, 11);
  ck_assert_uint_eq(prog.nindicators, 187);
  for (size_t i = 0; i < NSEED; i++) ck_assert_uint_eq(prog.projects[i]->nall, seed[i].nind);
  prog_free(&prog);
}
END_TEST

START_TEST(budgets_and_cost_caps) {
  load_seed();
  ck_assert_uint_eq(prog.nprojects, NSEED);
  const Unit *wan = prog_unit(&prog, "万元");
  ck_assert_ptr_nonnull(wan);
  for (size_t i = 0; i < NSEED; i++) {
    Project *pr = prog.projects[i];
    ck_assert_msg(pr->budget.in_currency == D(seed[i].budget), "budget of %s", seed[i].file);
    ck_assert(pr->fiscal.in_currency == D(seed[i].budget));
    ck_assert(pr->other.in_currency == 0);
    Dec sum = 0;
    for (size_t k = 0; k < pr->nall; k++) {
      Indicator *ind = pr->all[k];
      if (ind->level2 != CAT_COST || !sema_is_money(&prog, ind->target)) continue;
      Dec v;
      ck_assert_int_eq(prog_convert(&prog, ind->target->u.q.value,
                                    &prog.units[ind->target->u.q.unit_id], wan, &v),
                       DEC_OK);
      ck_assert_int_eq(dec_add(sum, v, &sum), DEC_OK);
    }
    ck_assert_msg(sum == D(seed[i].costs), "cost caps of %s", seed[i].file);
  }
  prog_free(&prog);
}
END_TEST

/* The warnings that remain are the seed's genuine oddities (README.md of
 * the specs folder). */
START_TEST(remaining_warnings) {
  load_seed();
  size_t n[DIAG__COUNT] = {0};
  for (size_t i = 0; i < prog.diags.n; i++) n[prog.diags.items[i].code]++;
  ck_assert_uint_eq(n[W_NO_UNIT], 1);          /* project 2: ≥15 */
  ck_assert_uint_eq(n[W_UPPER_BENEFIT], 3);    /* project 4: ≤200, ≤30, ≤50 人次 */
  ck_assert_uint_eq(n[W_TIMELY_NOT_DATE], 2);  /* projects 4, 7; not the rates of 8, 11 */
  ck_assert_uint_eq(n[W_QTY_QUALITATIVE], 3);  /* projects 3 and 4 (x2) */
  ck_assert_uint_eq(n[W_COST_NOT_MONEY], 1);   /* project 9 */
  ck_assert_uint_eq(n[W_COST_SUM], 0);         /* every cap adds up; project 9 has none in money */
  ck_assert_uint_eq(prog.diags.nwarnings, 10);
  prog_free(&prog);
}
END_TEST

Suite *seed_suite(void);
Suite *seed_suite(void) {
  Suite *s = suite_create("seed");
  TCase *tc = tcase_create("specs");
  tcase_add_test(tc, counts);
  tcase_add_test(tc, budgets_and_cost_caps);
  tcase_add_test(tc, remaining_warnings);
  suite_add_tcase(s, tc);
  return s;
}
