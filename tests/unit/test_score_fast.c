/*
 * test_score_fast.c - the branch-free fast paths of the scoring rules
 * ([SCORE-FAST] in runtime/score/score.c: quant_fast, deadline_fast,
 * ordinal_fast, graded_fast), which the VM and every generated evaluator
 * take first, score exactly as the rules computed step by step do
 * (quant_exact, ...), on the edges of every case and on some hundred
 * thousand random operands.
 *
 * score.c is compiled into this file, so that its static functions can be
 * called, with the external names of dec.c and score.c renamed so that
 * they do not clash with libindrt's (the same code under other names).
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#define dec_from_int sf_dec_from_int
#define dec_parse sf_dec_parse
#define dec_add sf_dec_add
#define dec_sub sf_dec_sub
#define dec_mul sf_dec_mul
#define dec_div sf_dec_div
#define dec_muldiv sf_dec_muldiv
#define dec_cmp sf_dec_cmp
#define dec_ge_product sf_dec_ge_product
#define dec_round sf_dec_round
#define dec_round_checked sf_dec_round_checked
#define dec_format sf_dec_format
#define dec_is_integral sf_dec_is_integral
#define score_quant sf_score_quant
#define score_ordinal sf_score_ordinal
#define score_deadline sf_score_deadline
#define score_graded sf_score_graded
#define score_graded_part sf_score_graded_part
#define score_rate sf_score_rate
#define score_rate_points sf_score_rate_points
#define score_total sf_score_total
#define score_grade sf_score_grade

#include "dec.h"
#include "score/score.h"

#include "dec.c"
#include "score/score.c"

static uint64_t rng = 88172645463325252u;

static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

/* A Dec near the interesting places: small, around 1, large, extreme. */
static Dec any_dec(void) {
  static const Dec edges[] = {0, 1, -1, 2, DEC_ONE, -DEC_ONE, DEC_ONE - 1, DEC_ONE / 2,
                              15 * DEC_ONE, DEC_MAX / 2, DEC_MAX / 2 + 1, DEC_MAX, DEC_MIN,
                              DEC_MAX - 1, 3571428571, 123456789012};
  uint64_t r = next();
  switch (r % 4) {
  case 0: return edges[(r >> 8) % (sizeof edges / sizeof edges[0])];
  case 1: return (Dec)(r >> 40) - (Dec)(1 << 20);   /* small, either sign */
  case 2: return (Dec)(r >> 24) % (10000 * DEC_ONE); /* up to 10,000 units */
  default: return (Dec)(r >> 1) * (r & 1 ? 1 : -1);
  }
}

static void same(ScoreOut fast, ScoreOut slow, const char *what, Dec x, Dec y, Dec w) {
  ck_assert_msg(fast.score == slow.score && fast.status == slow.status,
                "%s(%lld, %lld, w %lld): fast %lld/%d, exact %lld/%d", what, (long long)x,
                (long long)y, (long long)w, (long long)fast.score, fast.status,
                (long long)slow.score, slow.status);
}

/* [SCORE-QUANT] every comparison, both formulas, A and B around each
 * other and 2A, and random operands; the fast path must apply to most. */
START_TEST(quant_fast_equals_exact) {
  long applied = 0, tried = 0;
  for (int k = 0; k < 60000; k++) {
    Dec a = any_dec(), w = any_dec(), b;
    switch (next() % 6) {
    case 0: b = a; break;
    case 1: b = a > DEC_MIN ? a - 1 : a; break;
    case 2: b = a < DEC_MAX ? a + 1 : a; break;
    case 3: b = a > DEC_MAX / 2 || a < DEC_MIN / 2 ? a : 2 * a - 1 + (Dec)(next() % 3); break;
    default: b = any_dec(); break;
    }
    for (int cmp = -1; cmp <= C_EQ + 1; cmp++) {
      for (int ratio = 0; ratio < 2; ratio++) {
        ScoreOut o;
        tried++;
        if (!quant_fast(cmp, a, b, w, ratio, &o)) continue;
        applied++;
        same(o, quant_exact(cmp, a, b, w, ratio), "quant", a, b, w);
      }
    }
  }
  ck_assert_msg(applied > tried / 5, "fast path taken %ld times of %ld", applied, tried);
}
END_TEST

/* [SCORE-DEADLINE] on time, a day late, far late, deadlines before and
 * after January 1. */
START_TEST(deadline_fast_equals_exact) {
  static const int32_t jan1s[] = {19358, 0, -5, 2000000};
  long applied = 0;
  for (int k = 0; k < 100000; k++) {
    int32_t jan1 = jan1s[next() % 4];
    int32_t deadline = jan1 + (int32_t)(next() % 800) - 100;
    int32_t done = next() % 3 ? deadline + (int32_t)(next() % 400) - 200
                              : (int32_t)(next() >> 33) - INT32_MAX / 2;
    Dec w = any_dec();
    ScoreOut o;
    if (!deadline_fast(deadline, done, jan1, w, &o)) continue;
    applied++;
    same(o, deadline_exact(deadline, done, jan1, w), "deadline", deadline, done, w);
  }
  ck_assert_int_gt(applied, 30000);
}
END_TEST

/* [SCORE-GRADE] ranks below, at and above the target, and out of range. */
START_TEST(ordinal_fast_equals_exact) {
  long applied = 0;
  for (int32_t target = -2; target <= 7; target++) {
    for (int32_t rank = -3; rank <= 9; rank++) {
      for (int k = 0; k < 200; k++) {
        Dec w = any_dec();
        ScoreOut o;
        if (!ordinal_fast(target, rank, w, &o)) continue;
        applied++;
        same(o, ordinal_exact(target, rank, w), "ordinal", target, rank, w);
      }
    }
  }
  ck_assert_int_gt(applied, 5000);
}
END_TEST

/* [SCORE-GRADED] each grade, with and without a given score, shares of
 * the band from 0 to 1 and beyond. */
START_TEST(graded_fast_equals_exact) {
  static const Dec shares[] = {0, 1, DEC_ONE / 2, 600000000, DEC_ONE - 1, DEC_ONE,
                               DEC_ONE + 1, -1, 333333333};
  long applied = 0;
  for (int k = 0; k < 100000; k++) {
    int grade = (int)(next() % 5) - 1, has = (int)(next() % 2);
    Dec given = any_dec(), w = any_dec(), share = shares[next() % 9];
    ScoreOut o;
    if (!graded_fast(grade, has, given, share, w, &o)) continue;
    applied++;
    same(o, graded_exact(grade, has, given, share, w), "graded", grade, share, w);
  }
  ck_assert_int_gt(applied, 15000);
}
END_TEST

Suite *score_fast_suite(void);
Suite *score_fast_suite(void) {
  Suite *s = suite_create("score_fast");
  TCase *tc = tcase_create("fast");
  tcase_add_test(tc, quant_fast_equals_exact);
  tcase_add_test(tc, deadline_fast_equals_exact);
  tcase_add_test(tc, ordinal_fast_equals_exact);
  tcase_add_test(tc, graded_fast_equals_exact);
  suite_add_tcase(s, tc);
  return s;
}
