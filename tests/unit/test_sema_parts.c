/*
 * test_sema_parts.c - checking the projects in pieces on threads
 * ([SEMA-PARTS] in compiler/sema/sema.c): whatever the pieces, the same
 * diagnostics (rendered, after sorting), the same counts and, without
 * errors, the same lowered program as checking them in one pass; with
 * problems in the first pass (duplicate projects), or more errors than
 * are recorded, the pass in one piece again.  The points and warnings of
 * projects without errors of their own are checked beside the errors of
 * others ([DIAG-ALL]).
 */
#define _DEFAULT_SOURCE /* open_memstream */

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lower.h"
#include "bc.h"
#include "sema/program.h"

typedef struct Checked {
  char *diags;     /* rendered */
  size_t nerrors, nwarnings;
  BcBuf indb;      /* the lowered program when there are no errors */
} Checked;

static Checked check_text(const char *text, unsigned parts, size_t min_part, int werror) {
  Program p;
  prog_init(&p);
  p.diags.werror = werror;
  prog_load_buffer(&p, "t.ind", text, strlen(text));
  sema_check_parts(&p, parts, min_part);
  Checked c = {NULL, p.diags.nerrors, p.diags.nwarnings, {0}};
  if (p.diags.nerrors == 0) {
    RtProgram rp;
    ck_assert_int_eq(lower_program_parts(&p, &rp, 1, 0), 0);
    ck_assert_int_eq(bc_write(&rp, &c.indb), 0);
    rt_program_free(&rp);
  }
  size_t len;
  FILE *f = open_memstream(&c.diags, &len);
  ck_assert_ptr_nonnull(f);
  diag_sort(&p.diags);
  diag_render(&p.diags, &p.sources, f);
  fclose(f);
  prog_free(&p);
  return c;
}

static void checked_free(Checked *c) {
  free(c->diags);
  bc_buf_free(&c->indb);
}

/* Every way of cutting gives the pass in one piece; returns its errors. */
static size_t same_every_way(const char *text, int werror, const char *what) {
  Checked one = check_text(text, 1, 0, werror);
  for (unsigned parts = 2; parts <= 9; parts++)
    for (size_t min = 1; min <= 16; min *= 4) {
      Checked c = check_text(text, parts, min, werror);
      ck_assert_msg(strcmp(c.diags, one.diags) == 0, "%s, %u pieces of %zu: diagnostics\n%.1500s\nin one pass\n%.1500s",
                    what, parts, min, c.diags, one.diags);
      ck_assert_msg(c.nerrors == one.nerrors && c.nwarnings == one.nwarnings,
                    "%s, %u pieces: %zu errors %zu warnings, in one pass %zu and %zu", what, parts,
                    c.nerrors, c.nwarnings, one.nerrors, one.nwarnings);
      ck_assert_msg(c.indb.len == one.indb.len &&
                        (c.indb.len == 0 || memcmp(c.indb.data, one.indb.data, c.indb.len) == 0),
                    "%s, %u pieces of %zu: another program", what, parts, min);
      checked_free(&c);
    }
  size_t errors = one.nerrors;
  checked_free(&one);
  return errors;
}

/* A spec of n projects; project i gets `bad(i)` among its indicators. */
static char *spec(unsigned n, const char *(*bad)(unsigned i)) {
  size_t cap = (size_t)n * 1024 + 256, o = 0;
  char *s = malloc(cap);
  ck_assert_ptr_nonnull(s);
  o += (size_t)snprintf(s + o, cap - o, "预算单位 1 \"单位\"\n年度 2023\n金额单位 万元\n");
  for (unsigned i = 0; i < n; i++) {
    const char *extra = bad ? bad(i) : "";
    o += (size_t)snprintf(s + o, cap - o,
                          "项目 \"项目%u\" {\n  预算数 %u\n  财政资金 %u\n  产出指标 {\n    数量指标 {\n"
                          "      指标 \"场次\": ≥%u 场\n      指标 \"人次\": ≥%u 人次\n%s    }\n"
                          "    时效指标 { 指标 \"完成\": 2023年%u月底前完成 }\n  }\n"
                          "  效益指标 { 社会效益指标 { 指标 \"效果\": \"明显\" } }\n"
                          "  满意度指标 { 服务对象满意度指标 { 指标 \"满意度\": ≥9%u%% } }\n}\n",
                          i, 10 + i % 7, 10 + i % 7, i % 13, 100 + i, extra, 1 + i % 12, i % 10);
  }
  return s;
}

START_TEST(clean) {
  char *s = spec(40, NULL);
  ck_assert_uint_eq(same_every_way(s, 0, "clean"), 0);
  free(s);
}
END_TEST

/* Errors and warnings inside projects of several pieces. */
static const char *body_problems(unsigned i) {
  switch (i % 9) {
  case 1: return "      指标 \"坏单位\": ≥3 斤斤\n";                 /* unknown unit */
  case 4: return "      指标 \"场次\": ≥4 场\n";                     /* duplicate indicator */
  case 6: return "      指标 \"等级\": 达到 9Z 级\n";                /* unknown grade */
  case 7: return "      指标 \"比例\": ≥1 场 { 实际 = foo(a) }\n";   /* unknown function */
  default: return "";
  }
}

START_TEST(problems_in_bodies) {
  char *s = spec(40, body_problems);
  ck_assert_uint_gt(same_every_way(s, 0, "bodies"), 10);
  ck_assert_uint_gt(same_every_way(s, 1, "bodies, --werror"), 10);
  free(s);
}
END_TEST

/* Duplicate project names: the first pass reports, and the projects are
 * checked in one pass again. */
START_TEST(duplicate_projects) {
  char *a = spec(30, body_problems), *b = spec(12, NULL);
  char *s = malloc(strlen(a) + strlen(b) + 1);
  strcpy(s, a);
  strcat(s, strchr(b, '\n') + 1 + strlen("年度 2023\n金额单位 万元\n")); /* the projects of b */
  ck_assert_uint_gt(same_every_way(s, 0, "duplicates"), 12);
  free(a);
  free(b);
  free(s);
}
END_TEST

/* More errors than are recorded: which ones are is one pass's choice. */
static const char *many_errors(unsigned i) {
  (void)i;
  return "      指标 \"a\": ≥3 斤\n      指标 \"b\": ≥3 两\n      指标 \"c\": ≥3 钱\n";
}

START_TEST(more_errors_than_recorded) {
  char *s = spec(200, many_errors);
  ck_assert_uint_ge(same_every_way(s, 0, "many errors"), 600);
  free(s);
}
END_TEST

/* [DIAG-ALL] in docs/diagnostics.md: the points of a project are checked,
 * and its warnings given, whatever errors other projects have; a project
 * with an error of its own gets neither.  Project i % 5 == 1 has an
 * unknown unit, i % 5 == 3 weights that add up to 60 of 产出指标's 50,
 * i % 5 == 4 a weight that leaves nothing to the others (W0012). */
static const char *errors_and_weights(unsigned i) {
  switch (i % 5) {
  case 1: return "      指标 \"坏单位\": ≥3 斤斤 { 分值 60 }\n";
  case 3: return "      指标 \"加权\": ≥3 场 { 分值 60 }\n";
  case 4: return "      指标 \"加权\": ≥3 场 { 分值 50 }\n";
  default: return "";
  }
}

static size_t count(const char *s, const char *what) {
  size_t n = 0;
  for (const char *p = strstr(s, what); p; p = strstr(p + 1, what)) n++;
  return n;
}

START_TEST(weights_beside_errors) {
  char *s = spec(40, errors_and_weights);
  ck_assert_uint_eq(same_every_way(s, 0, "weights beside errors"), 16);
  Checked c = check_text(s, 1, 0, 0);
  ck_assert_uint_eq(count(c.diags, "[E0301]"), 8);
  ck_assert_uint_eq(count(c.diags, "[E0406]"), 8); /* not in the projects with E0301 */
  ck_assert_uint_eq(count(c.diags, "[W0012"), 8);
  checked_free(&c);
  free(s);
}
END_TEST

Suite *sema_parts_suite(void); /* called by check_main.c */

Suite *sema_parts_suite(void) {
  Suite *s = suite_create("sema_parts");
  TCase *tc = tcase_create("sema_parts");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, clean);
  tcase_add_test(tc, problems_in_bodies);
  tcase_add_test(tc, duplicate_projects);
  tcase_add_test(tc, more_errors_than_recorded);
  tcase_add_test(tc, weights_beside_errors);
  suite_add_tcase(s, tc);
  return s;
}
