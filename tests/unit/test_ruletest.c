/*
 * test_ruletest.c - rule tests (docs/testing-rules.md): the syntax in both
 * keyword languages, bare values kept as written, the in-memory CSV, the
 * formatter's round trip, the checks of sema, and rule_run with the
 * comparison rule [TEST-COMPARE] at its edges.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/backend.h"
#include "backend/lower.h"
#include "bc.h"
#include "fmt/fmt.h"
#include "front/parse.h"
#include "ruletest/ruletest.h"
#include "sema/program.h"

/* A small spec: output 50 over 2 indicators (25 each), satisfaction 10,
 * the budget rate 10, no benefit: totals are out of 70 points, times 100/70. */
static const char spec[] =
    "年度 2023\n"
    "项目 \"热线\" {\n"
    "  预算数 10\n"
    "  产出指标 {\n"
    "    数量指标 { 指标 hd \"活动场次\": ≥4 场 }\n"
    "    时效指标 { 指标 \"完成时间\": 2023年11月底前完成 }\n"
    "  }\n"
    "  满意度指标 { 服务对象满意度指标 { 指标 \"满意度\": ≥90% } }\n"
    "}\n";

/* ---- parsing ----------------------------------------------------------------- */

typedef struct Parsed {
  SourceSet ss;
  DiagList dl;
  Arena arena;
  File *f;
} Parsed;

static void parse(Parsed *p, const char *text) {
  src_init(&p->ss);
  diag_init(&p->dl);
  arena_init(&p->arena);
  uint32_t id = src_add(&p->ss, "<t>", text, strlen(text));
  p->f = parse_file(&p->arena, &p->dl, &p->ss, id);
}

static void parsed_free(Parsed *p) {
  arena_free(&p->arena);
  diag_free(&p->dl);
  src_free(&p->ss);
}

START_TEST(parse_chinese) {
  Parsed p;
  parse(&p, "测试 \"满分\" {\n"
            "  项目 \"热线\"\n  截至 2023-06-30\n"
            "  给定 {\n"
            "    \"hd\" = 2 个\n"
            "    \"b\" = 部分达成 ： 70%   # 注释\n"
            "    \"c\" = 142,500人次\n"
            "    \"d\" = \"2023-11-31\"\n"
            "    \"e\" = 4A 级; \"f\" = N/A\n"
            "    执行数 = 14 万元\n"
            "  }\n"
            "  期望 { \"hd\" 状态 达成  \"b\" 得分 10.5  总分 95.21  等级 优 }\n"
            "}\n");
  ck_assert_uint_eq(p.dl.nerrors, 0);
  ck_assert_uint_eq(p.f->ntests, 1);
  const TestDecl *t = p.f->tests[0];
  ck_assert_str_eq(t->name, "满分");
  ck_assert_str_eq(t->project, "热线");
  ck_assert(t->has_as_of && t->as_of.y == 2023 && t->as_of.m == 6 && t->as_of.d == 30);
  ck_assert_uint_eq(t->ngiven, 7);
  static const char *const want[][2] = {{"hd", "2 个"},        {"b", "部分达成 ： 70%"},
                                        {"c", "142,500人次"},  {"d", "2023-11-31"},
                                        {"e", "4A 级"},        {"f", "N/A"}};
  for (int i = 0; i < 6; i++) {
    ck_assert_str_eq(t->given[i]->key, want[i][0]);
    ck_assert_str_eq(t->given[i]->value, want[i][1]);
  }
  ck_assert(t->given[3]->quoted && !t->given[0]->quoted);
  ck_assert_ptr_null(t->given[6]->key); /* 执行数 */
  ck_assert_str_eq(t->given[6]->value, "14 万元");
  ck_assert_uint_eq(t->nexpect, 4);
  ck_assert_int_eq(t->expect[0]->kind, EXP_STATUS);
  ck_assert_str_eq(t->expect[0]->word, "达成");
  ck_assert_int_eq(t->expect[1]->kind, EXP_SCORE);
  ck_assert_str_eq(t->expect[1]->num_text, "10.5");
  ck_assert_int_eq(t->expect[2]->kind, EXP_TOTAL);
  ck_assert_int_eq(t->expect[3]->kind, EXP_GRADE);
  ck_assert_str_eq(t->expect[3]->word, "优");
  parsed_free(&p);
}
END_TEST

START_TEST(parse_english) {
  Parsed p;
  parse(&p, "test \"t\" { project \"p\" given { \"a\" = 3 场 spent = 8 } "
            "expect { \"a\" status partial \"a\" score 1 total 2 grade poor } }");
  ck_assert_uint_eq(p.dl.nerrors, 0);
  const TestDecl *t = p.f->tests[0];
  ck_assert_int_eq(t->lang, LANG_EN);
  ck_assert_uint_eq(t->ngiven, 2);
  ck_assert_str_eq(t->expect[0]->word, "partial");
  ck_assert_int_eq(t->expect[3]->kind, EXP_GRADE);
  ck_assert_uint_gt(p.f->nkw_en, p.f->nkw_zh);
  parsed_free(&p);
}
END_TEST

/* A bare key would run into the value before it: keys are strings. */
START_TEST(parse_bare_key_is_an_error) {
  Parsed p;
  parse(&p, "测试 \"t\" { 给定 { hd = 2 } 期望 { 总分 1 } }");
  ck_assert_uint_gt(p.dl.nerrors, 0);
  ck_assert(p.f->ntests == 1 && p.f->tests[0]->damaged);
  parsed_free(&p);
}
END_TEST

/* ---- the CSV ------------------------------------------------------------------ */

START_TEST(csv_quotes_and_lines) {
  Parsed p;
  parse(&p, "测试 \"t\" { 给定 { \"a\\\"b\" = \"x,\\\"y\\\"\" \"c\" = \"1\\n2\" 执行数 = 3 } "
            "期望 { 总分 1 } }");
  ck_assert_uint_eq(p.dl.nerrors, 0);
  unsigned lines[3];
  char *csv = rule_csv(p.f->tests[0], "项\"目", lines);
  ck_assert_str_eq(csv, "project,indicator,actual\n"
                        "\"项\"\"目\",\"a\"\"b\",\"x,\"\"y\"\"\"\n"
                        "\"项\"\"目\",\"c\",\"1\n2\"\n"
                        "\"项\"\"目\",\"执行数\",\"3\"\n");
  ck_assert_uint_eq(lines[0], 2);
  ck_assert_uint_eq(lines[1], 3);
  ck_assert_uint_eq(lines[2], 5); /* the line break inside row 2 */
  free(csv);
  parsed_free(&p);
}
END_TEST

/* ---- fmt ---------------------------------------------------------------------- */

static char *fmt_of(const char *text) {
  Parsed p;
  parse(&p, text);
  ck_assert_uint_eq(p.dl.nerrors, 0);
  FmtBuf out = {0};
  ck_assert_int_eq(fmt_checked(p.f, &p.ss, p.f->source, &p.arena, &out), FMT_OK);
  char *s = strdup(out.s);
  fmt_buf_free(&out);
  parsed_free(&p);
  return s;
}

START_TEST(fmt_round_trip) {
  char *once = fmt_of("测试\"t\"{期望{等级 优 总分 9}给定{执行数=3;\"a\"=2023年6月30日 \"b\"=\"x\"}"
                      "截至 2023-06-30 项目 \"p\"}");
  ck_assert_str_eq(once, "测试 \"t\" {\n"
                         "  项目 \"p\"\n"
                         "  截至 2023-06-30\n"
                         "  给定 {\n"
                         "    执行数 = 3\n"
                         "    \"a\" = 2023年6月30日\n"
                         "    \"b\" = \"x\"\n"
                         "  }\n"
                         "  期望 {\n"
                         "    等级 优\n"
                         "    总分 9\n"
                         "  }\n"
                         "}\n");
  char *twice = fmt_of(once);
  ck_assert_str_eq(once, twice);
  free(once);
  free(twice);
  char *en = fmt_of("test \"t\" { given { spent = 3 } expect { grade good \"x\" status na } }");
  ck_assert_ptr_nonnull(strstr(en, "  expect {\n    grade good\n    \"x\" status na\n  }\n"));
  free(en);
}
END_TEST

/* The safety net sees a changed value. */
START_TEST(fmt_same_compares_tests) {
  Parsed a, b;
  parse(&a, "测试 \"t\" { 给定 { \"a\" = 2 个 } 期望 { 总分 1 } }");
  parse(&b, "测试 \"t\" { 给定 { \"a\" = 2个 } 期望 { 总分 1 } }");
  const char *why = NULL;
  ck_assert(!fmt_same(a.f, b.f, &why));
  ck_assert_str_eq(why, "given value");
  parsed_free(&a);
  parsed_free(&b);
}
END_TEST

/* ---- checking and running ------------------------------------------------------- */

typedef struct Prog {
  Program p;
  RtProgram rp;
} Prog;

/* spec followed by tests, checked; returns the number of errors. */
static size_t load(Prog *pr, const char *tests) {
  size_t n = strlen(spec) + strlen(tests);
  char *text = malloc(n + 1);
  snprintf(text, n + 1, "%s%s", spec, tests);
  prog_init(&pr->p);
  memset(&pr->rp, 0, sizeof pr->rp);
  prog_load_buffer(&pr->p, "<t>", text, n);
  free(text);
  size_t e = sema_check(&pr->p);
  if (e == 0) ck_assert_int_eq(lower_program(&pr->p, &pr->rp), 0);
  return e;
}

static void unload(Prog *pr) {
  rt_program_free(&pr->rp);
  prog_free(&pr->p);
}

static const TestDecl *test_of(const Prog *pr) {
  const File *f = pr->p.files[pr->p.nfiles - 1]->ast;
  ck_assert_uint_eq(f->ntests, 1);
  return f->tests[0];
}

START_TEST(check_names) {
  Prog pr;
  ck_assert_uint_eq(load(&pr, "测试 \"t\" { 给定 { \"活动场数\" = 1 } 期望 { 总分 1 } }"), 1);
  ck_assert_int_eq(pr.p.diags.items[0].code, E_UNKNOWN_FIELD);
  unload(&pr);
  ck_assert_uint_eq(load(&pr, "测试 \"t\" { 期望 { \"hd\" 状态 好 } }"), 1);
  ck_assert_int_eq(pr.p.diags.items[0].code, E_BAD_TARGET);
  unload(&pr);
  ck_assert_uint_eq(load(&pr, "测试 \"t\" { 项目 \"热线\" 给定 { \"hd\" = 1 \"活动场次\" = 2 } "
                              "期望 { 总分 1 } }"),
                    1);
  ck_assert_int_eq(pr.p.diags.items[0].code, E_DUP_ATTR);
  unload(&pr);
  /* 执行数 in quotes names an indicator or raw field: say to drop them */
  ck_assert_uint_eq(load(&pr, "测试 \"t\" { 给定 { \"执行数\" = 5 万元 } 期望 { 总分 1 } }"), 1);
  ck_assert_int_eq(pr.p.diags.items[0].code, E_UNKNOWN_FIELD);
  ck_assert_ptr_nonnull(strstr(pr.p.diags.items[0].hint, "执行数 = 5 万元"));
  ck_assert_ptr_nonnull(strstr(pr.p.diags.items[0].hint, "without quotes"));
  unload(&pr);
  ck_assert_uint_eq(load(&pr, "test \"t\" { given { \"spent\" = \"5\" } expect { total 1 } }"), 1);
  ck_assert_ptr_nonnull(strstr(pr.p.diags.items[0].hint, "spent = \"5\""));
  unload(&pr);
  ck_assert_uint_eq(load(&pr, "测试 \"t\" { 给定 { \"数量指标/活动场次\" = 1 } "
                              "期望 { \"数量/活动场次\" 得分 1 } }"),
                    0);
  const TestDecl *t = test_of(&pr);
  ck_assert_ptr_nonnull(t->proj);
  ck_assert_ptr_eq(t->given[0]->ind, t->expect[0]->ind);
  unload(&pr);
}
END_TEST

/* Run the test of tests; its status. */
static RuleStatus run(const char *tests, RuleResult *r) {
  Prog pr;
  ck_assert_uint_eq(load(&pr, tests), 0);
  ck_assert_int_eq(rule_run(&pr.p, &pr.rp, test_of(&pr), backend_evaluator("vm"), r), 0);
  RuleStatus st = r->status;
  unload(&pr);
  return st;
}

/* 25 × 3 / 4 = 18.75; 满意度 ≥90% with 89%: 10 × 89 / 90 = 9.888888889. */
START_TEST(compare_numbers) {
  static const struct {
    const char *expect;
    RuleStatus want;
  } cases[] = {
      {"\"满意度\" 得分 9.89", RULE_PASS},          /* rounded to 2 decimals */
      {"\"满意度\" 得分 9.88", RULE_FAIL},
      {"\"满意度\" 得分 9.8889", RULE_PASS},        /* to the 4 written */
      {"\"满意度\" 得分 9.888888889", RULE_PASS},   /* exact */
      {"\"满意度\" 得分 9.888888888", RULE_FAIL},
      {"\"hd\" 得分 18.75", RULE_PASS},
      {"\"hd\" 得分 18.7", RULE_FAIL},              /* 18.75 is 18.75 at 2 decimals */
      {"\"hd\" 状态 部分达成", RULE_PASS},
      {"\"完成时间\" 状态 未填报", RULE_PASS},
      {"总分 40.91", RULE_PASS}, /* (18.75 + 9.888888889) × 100 / 70 = 40.912698413 */
      {"等级 差", RULE_PASS},
      {"等级 中", RULE_FAIL},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char text[512];
    snprintf(text, sizeof text,
             "测试 \"t\" { 给定 { \"hd\" = 3 场  \"满意度\" = 89%% } 期望 { %s } }",
             cases[i].expect);
    RuleResult r;
    RuleStatus st = run(text, &r);
    ck_assert_msg(st == cases[i].want, "%s: status %d, got %s", cases[i].expect, st,
                  r.nchecks ? r.checks[0].got : "?");
    rule_result_free(&r);
  }
}
END_TEST

START_TEST(failed_check_texts) {
  RuleResult r;
  ck_assert_int_eq(run("test \"t\" { given { \"hd\" = 3 场 } "
                       "expect { \"hd\" status met  total 18.7 } }",
                       &r),
                   RULE_FAIL);
  ck_assert_str_eq(r.checks[0].want, "met");
  ck_assert_str_eq(r.checks[0].got, "partial (score 18.75 / 25.00)");
  ck_assert_str_eq(r.checks[1].got, "26.79 (26.785714286)"); /* 18.75 × 100 / 70 */
  rule_result_free(&r);
}
END_TEST

START_TEST(data_errors_point_at_the_value) {
  RuleResult r;
  ck_assert_int_eq(run("测试 \"t\" {\n 给定 {\n  \"hd\" = 3 人\n  执行数 = 2\n }\n"
                       " 期望 { 总分 1 }\n}",
                       &r),
                   RULE_ERROR);
  ck_assert_uint_eq(r.nproblems, 1);
  ck_assert_ptr_nonnull(strstr(r.problems[0].msg, "人"));
  ck_assert_uint_gt(r.problems[0].at.lo, strlen(spec)); /* inside the test, at "hd" */
  rule_result_free(&r);
}
END_TEST

START_TEST(mid_year) {
  RuleResult r;
  ck_assert_int_eq(run("测试 \"t\" { 截至 2023-06-30 给定 { 执行数 = 4 } "
                       "期望 { \"完成时间\" 状态 未到期  总分 40 } }",
                       &r),
                   RULE_PASS);
  rule_result_free(&r);
}
END_TEST

Suite *ruletest_suite(void);
Suite *ruletest_suite(void) {
  Suite *s = suite_create("ruletest");
  TCase *tc = tcase_create("syntax");
  tcase_add_test(tc, parse_chinese);
  tcase_add_test(tc, parse_english);
  tcase_add_test(tc, parse_bare_key_is_an_error);
  tcase_add_test(tc, csv_quotes_and_lines);
  tcase_add_test(tc, fmt_round_trip);
  tcase_add_test(tc, fmt_same_compares_tests);
  suite_add_tcase(s, tc);
  tc = tcase_create("run");
  tcase_add_test(tc, check_names);
  tcase_add_test(tc, compare_numbers);
  tcase_add_test(tc, failed_check_texts);
  tcase_add_test(tc, data_errors_point_at_the_value);
  tcase_add_test(tc, mid_year);
  suite_add_tcase(s, tc);
  return s;
}
