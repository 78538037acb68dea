/*
 * test_lower_parts.c - lowering in pieces on threads ([LOWER-PARTS] in
 * compiler/backend/lower.c): whatever the pieces, the program is the one
 * lowering in one pass gives, to the byte of its .indb.  The specs have
 * derived actuals whose raw fields and constants first appear in later
 * pieces, and shared ones, so joining must renumber both.
 */
#define _DEFAULT_SOURCE /* mkstemps */

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lower.h"
#include "bc.h"
#include "sema/program.h"
#include "test_util.h"

/* The .indb bytes of p lowered in `parts` pieces of at least min_part. */
static BcBuf lowered(Program *p, unsigned parts, size_t min_part) {
  RtProgram rp;
  BcBuf b = {0};
  ck_assert_int_eq(lower_program_parts(p, &rp, parts, min_part), 0);
  ck_assert_int_eq(bc_write(&rp, &b), 0);
  rt_program_free(&rp);
  return b;
}

static void same_every_way(Program *p, const char *what) {
  BcBuf one = lowered(p, 1, 0);
  for (unsigned parts = 2; parts <= 9; parts++)
    for (size_t min = 1; min <= 64; min *= 4) {
      BcBuf b = lowered(p, parts, min);
      ck_assert_msg(b.len == one.len && memcmp(b.data, one.data, b.len) == 0,
                    "%s: %u pieces of at least %zu indicators differ from one pass", what, parts,
                    min);
      bc_buf_free(&b);
    }
  bc_buf_free(&one);
}

START_TEST(seed_program) {
  Program p;
  RtProgram rp;
  test_seed_program(&p, &rp);
  rt_program_free(&rp);
  same_every_way(&p, "seed");
  prog_free(&p);
}
END_TEST

/* 40 projects; project i's derived indicator reads fields f<i % 7> and
 * f<i % 3>_b and constants that grow with i. */
START_TEST(derived_fields_and_constants) {
  char path[] = "/tmp/indc-lower-XXXXXX.ind";
  int fd = mkstemps(path, 4);
  ck_assert_int_ge(fd, 0);
  FILE *f = fdopen(fd, "w");
  ck_assert_ptr_nonnull(f);
  fputs("预算单位 1 \"单位\"\n年度 2023\n金额单位 万元\n", f);
  for (int i = 0; i < 40; i++) {
    fprintf(f, "项目 \"项目%d\" {\n  预算数 %d\n  财政资金 %d\n  产出指标 {\n    数量指标 {\n", i,
            10 + i % 5, 10 + i % 5);
    fprintf(f, "      指标 \"比例\": ≥%d%% { 实际 = f%d / f%d_b * 100%% + %d }\n", 50 + i % 9,
            i % 7, i % 3, i);
    fprintf(f, "      指标 \"场次\": ≥%d 场\n", i * 3 % 17);
    fprintf(f, "      指标 \"取大\": ≤%d 场 { 实际 = max(g%d, %d) }\n    }\n  }\n", 100 - i,
            i / 10, i % 4);
    fputs("  满意度指标 { 服务对象满意度指标 { 指标 \"满意度\": >90% } }\n}\n", f);
  }
  fclose(f);
  Program p;
  prog_init(&p);
  char *paths[] = {path};
  prog_load(&p, paths, 1);
  ck_assert_uint_eq(sema_check(&p), 0);
  same_every_way(&p, "derived");
  /* the fields of the later pieces are all there, each once */
  RtProgram rp;
  ck_assert_int_eq(lower_program_parts(&p, &rp, 4, 1), 0);
  ck_assert_uint_eq(rp.nfields, 7 + 3 + 4);
  rt_program_free(&rp);
  prog_free(&p);
  unlink(path);
}
END_TEST

Suite *lower_parts_suite(void); /* called by check_main.c */

Suite *lower_parts_suite(void) {
  Suite *s = suite_create("lower_parts");
  TCase *tc = tcase_create("lower_parts");
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, seed_program);
  tcase_add_test(tc, derived_fields_and_constants);
  suite_add_tcase(s, tc);
  return s;
}
