/*
 * test_score.c - every scoring rule of docs/scoring.md at its edges
 * (runtime/score/score.c).  Names follow [SCORE-*] paragraph ids.
 */
#include <check.h>
#include <string.h>

#include "dec.h"
#include "model.h"
#include "score/score.h"

static Dec D(const char *s) {
  Dec v = 0;
  ck_assert_int_eq(dec_parse(s, strlen(s), &v), DEC_OK);
  return v;
}

#define CK_SCORE(out, want_score, want_status)                                   \
  do {                                                                           \
    ScoreOut o_ = (out);                                                         \
    char got_[32];                                                               \
    dec_format(o_.score, -1, got_, sizeof got_);                                 \
    ck_assert_msg(o_.score == D(want_score), "score %s, want %s", got_, want_score); \
    ck_assert_int_eq(o_.status, (want_status));                                  \
  } while (0)

/* [SCORE-QUANT] 正向 */
START_TEST(quant_forward_met_at_equality) {
  CK_SCORE(score_quant(RT_CMP_GE, D("15"), D("15"), D("5"), 0), "5", RT_ST_MET);
  CK_SCORE(score_quant(RT_CMP_EQ, D("100"), D("100"), D("5"), 0), "5", RT_ST_MET);
  /* = counts as met when B >= A */
  CK_SCORE(score_quant(RT_CMP_EQ, D("1"), D("3"), D("5"), 0), "5", RT_ST_MET);
}
END_TEST

START_TEST(quant_forward_proportional) {
  /* 12 of 15 scores 4/5 of the points */
  CK_SCORE(score_quant(RT_CMP_GE, D("15"), D("12"), D("5"), 0), "4", RT_ST_PARTIAL);
  /* quotient rounded half away from zero at 9 decimals: 5*2/3 = 3.333333333 */
  CK_SCORE(score_quant(RT_CMP_GE, D("3"), D("2"), D("5"), 0), "3.333333333", RT_ST_PARTIAL);
  /* > with B = A: not met, proportional score is the full w, status partial */
  CK_SCORE(score_quant(RT_CMP_GT, D("95"), D("95"), D("10"), 0), "10", RT_ST_PARTIAL);
  CK_SCORE(score_quant(RT_CMP_GT, D("95"), D("95.5"), D("10"), 0), "10", RT_ST_MET);
}
END_TEST

START_TEST(quant_forward_zero_and_negative) {
  /* a negative B counts as 0 */
  CK_SCORE(score_quant(RT_CMP_GE, D("15"), D("-3"), D("5"), 0), "0", RT_ST_UNMET);
  CK_SCORE(score_quant(RT_CMP_GE, D("15"), D("0"), D("5"), 0), "0", RT_ST_UNMET);
  /* = with A = 0: full marks when B <= 0, else 0 */
  CK_SCORE(score_quant(RT_CMP_EQ, D("0"), D("0"), D("5"), 0), "5", RT_ST_MET);
  CK_SCORE(score_quant(RT_CMP_EQ, D("0"), D("-1"), D("5"), 0), "5", RT_ST_MET);
  CK_SCORE(score_quant(RT_CMP_EQ, D("0"), D("0.1"), D("5"), 0), "0", RT_ST_UNMET);
  /* ≥ 0 is met from B = 0 up; a negative B, compared as it is, misses it */
  CK_SCORE(score_quant(RT_CMP_GE, D("0"), D("0"), D("5"), 0), "5", RT_ST_MET);
  CK_SCORE(score_quant(RT_CMP_GE, D("0"), D("-1"), D("5"), 0), "0", RT_ST_UNMET);
}
END_TEST

/* Targets below zero (a growth rate of ≥-5%): B is compared as it is, and a
 * missed one scores 0 (no proportion of a negative A) */
START_TEST(quant_negative_target) {
  CK_SCORE(score_quant(RT_CMP_GE, D("-5"), D("-10"), D("5"), 0), "0", RT_ST_UNMET);
  CK_SCORE(score_quant(RT_CMP_GE, D("-5"), D("-5"), D("5"), 0), "5", RT_ST_MET);
  CK_SCORE(score_quant(RT_CMP_GE, D("-5"), D("-4.9"), D("5"), 0), "5", RT_ST_MET);
  CK_SCORE(score_quant(RT_CMP_GT, D("-5"), D("-5"), D("5"), 0), "0", RT_ST_UNMET);
  CK_SCORE(score_quant(RT_CMP_LE, D("-5"), D("-10"), D("5"), 0), "5", RT_ST_MET);
  CK_SCORE(score_quant(RT_CMP_LE, D("-5"), D("-4"), D("5"), 0), "0", RT_ST_UNMET);
  CK_SCORE(score_quant(RT_CMP_LE, D("-5"), D("-4"), D("5"), 1), "0", RT_ST_UNMET);
  CK_SCORE(score_quant(RT_CMP_LT, D("-5"), D("-5.1"), D("5"), 0), "5", RT_ST_MET);
  CK_SCORE(score_quant(RT_CMP_LT, D("-5"), D("-5"), D("5"), 0), "0", RT_ST_UNMET);
}
END_TEST

/* [SCORE-QUANT] 反向 */
START_TEST(quant_reverse_difference) {
  CK_SCORE(score_quant(RT_CMP_LE, D("10"), D("10"), D("6"), 0), "6", RT_ST_MET);
  CK_SCORE(score_quant(RT_CMP_LE, D("10"), D("9.5"), D("6"), 0), "6", RT_ST_MET);
  /* B = 1.5A: w * (1 - 0.5) */
  CK_SCORE(score_quant(RT_CMP_LE, D("10"), D("15"), D("6"), 0), "3", RT_ST_PARTIAL);
  /* B = 2A and beyond: 0 */
  CK_SCORE(score_quant(RT_CMP_LE, D("10"), D("20"), D("6"), 0), "0", RT_ST_UNMET);
  CK_SCORE(score_quant(RT_CMP_LE, D("10"), D("25"), D("6"), 0), "0", RT_ST_UNMET);
  /* just under 2A */
  CK_SCORE(score_quant(RT_CMP_LE, D("10"), D("19.999999999"), D("6"), 0), "0.000000001",
           RT_ST_PARTIAL);
  /* < with B = A: not met, difference formula gives w */
  CK_SCORE(score_quant(RT_CMP_LT, D("10"), D("10"), D("6"), 0), "6", RT_ST_PARTIAL);
  /* ≤ 0 missed: 0 */
  CK_SCORE(score_quant(RT_CMP_LE, D("0"), D("1"), D("6"), 0), "0", RT_ST_UNMET);
}
END_TEST

START_TEST(quant_reverse_ratio) {
  CK_SCORE(score_quant(RT_CMP_LE, D("10"), D("20"), D("6"), 1), "3", RT_ST_PARTIAL);
  CK_SCORE(score_quant(RT_CMP_LE, D("10"), D("30"), D("6"), 1), "2", RT_ST_PARTIAL);
  CK_SCORE(score_quant(RT_CMP_LE, D("10"), D("8"), D("6"), 1), "6", RT_ST_MET);
}
END_TEST

/* [SCORE-ORD] */
START_TEST(ordinal) {
  CK_SCORE(score_ordinal(3, 3, D("4")), "4", RT_ST_MET);
  CK_SCORE(score_ordinal(3, 5, D("4")), "4", RT_ST_MET);
  CK_SCORE(score_ordinal(3, 2, D("4")), "2.666666667", RT_ST_PARTIAL);
  CK_SCORE(score_ordinal(3, 0, D("4")), "0", RT_ST_UNMET);
}
END_TEST

/* [SCORE-DATE] */
START_TEST(deadline) {
  int32_t jan1 = rt_days_from_civil(2023, 1, 1);
  int32_t dl = rt_days_from_civil(2023, 12, 31);
  CK_SCORE(score_deadline(dl, dl, jan1, D("5")), "5", RT_ST_MET);
  CK_SCORE(score_deadline(dl, dl - 40, jan1, D("5")), "5", RT_ST_MET);
  /* 2024-01-15: 364 days allowed, 379 taken: 5 * 364 / 379 */
  int32_t late = rt_days_from_civil(2024, 1, 15);
  CK_SCORE(score_deadline(dl, late, jan1, D("5")), "4.802110818", RT_ST_PARTIAL);
  /* June deadline done on July 31: 180 / 211 */
  int32_t jun = rt_days_from_civil(2023, 6, 30);
  CK_SCORE(score_deadline(jun, rt_days_from_civil(2023, 7, 31), jan1, D("5")), "4.265402844",
           RT_ST_PARTIAL);
}
END_TEST

/* [SCORE-GRADED] band edges and defaults */
START_TEST(graded) {
  CK_SCORE(score_graded(RT_GRADE_MET, 0, 0, D("1"), D("5")), "5", RT_ST_MET);
  CK_SCORE(score_graded(RT_GRADE_PARTIAL, 0, 0, D("0.7"), D("5")), "3.5", RT_ST_PARTIAL);
  CK_SCORE(score_graded(RT_GRADE_UNMET, 0, 0, D("0.3"), D("5")), "1.5", RT_ST_UNMET);
  /* an in-band score given with the grade: 部分达成:11 on 15 points */
  CK_SCORE(score_graded(RT_GRADE_PARTIAL, 1, D("11"), D("0.7"), D("15")), "11", RT_ST_PARTIAL);
  /* the 60% and 80% edges are the loader's business; the score is taken as given */
  CK_SCORE(score_graded(RT_GRADE_MET, 1, D("12"), D("1"), D("15")), "12", RT_ST_MET);
  CK_SCORE(score_graded(RT_GRADE_PARTIAL, 1, D("9"), D("0.7"), D("15")), "9", RT_ST_PARTIAL);
  CK_SCORE(score_graded(RT_GRADE_UNMET, 1, D("0"), D("0.3"), D("15")), "0", RT_ST_UNMET);
}
END_TEST

/* [SCORE-RATE] and [SCORE-TOTAL] */
START_TEST(rate_and_total) {
  ck_assert(score_rate(D("14"), D("14")) == D("1"));
  ck_assert(score_rate(D("7"), D("14")) == D("0.5"));
  ck_assert(score_rate_points(D("0.5"), D("10")) == D("5"));
  ck_assert(score_rate_points(D("1.2"), D("10")) == D("10"));
  ck_assert(score_rate(D("0"), D("0")) == D("1"));
  /* spent against no budget, or a rate beyond the Dec range: no rate */
  ck_assert(score_rate(D("3"), D("0")) == -1);
  ck_assert(score_rate(D("10000"), D("0.000001")) == -1);
  ck_assert(score_rate(D("9"), D("0.000001")) == D("9000000"));
  ck_assert(score_rate_points(-1, D("10")) == 0);
  /* full marks with equal splits give exactly 100 */
  Dec third;
  dec_div(D("50"), D("3"), &third);
  Dec raw = 0;
  for (int i = 0; i < 3; i++) dec_add(raw, third, &raw);
  dec_add(raw, D("50"), &raw);
  ck_assert(score_total(raw, raw) == D("100"));
  /* renormalisation: 45 of 90 applicable points is 50 */
  ck_assert(score_total(D("45"), D("90")) == D("50"));
  ck_assert(score_total(D("0"), D("0")) == 0);
}
END_TEST

START_TEST(grades_and_rounding) {
  ck_assert_int_eq(score_grade(D("90"), D("90"), D("80"), D("60")), 0);
  /* the grade is that of the total as printed, rounded half up to 2
   * decimals: 89.995 is shown 90.00 and is 优, 89.994999999 is 89.99 */
  ck_assert_int_eq(score_grade(D("89.999999999"), D("90"), D("80"), D("60")), 0);
  ck_assert_int_eq(score_grade(D("89.995"), D("90"), D("80"), D("60")), 0);
  ck_assert_int_eq(score_grade(D("89.994999999"), D("90"), D("80"), D("60")), 1);
  ck_assert_int_eq(score_grade(D("59.995"), D("90"), D("80"), D("60")), 2);
  ck_assert_int_eq(score_grade(D("80"), D("90"), D("80"), D("60")), 1);
  ck_assert_int_eq(score_grade(D("60"), D("90"), D("80"), D("60")), 2);
  ck_assert_int_eq(score_grade(D("59.99"), D("90"), D("80"), D("60")), 3);
  /* shown rounded half up to 2 decimals */
  char buf[32];
  dec_format(D("89.995"), 2, buf, sizeof buf);
  ck_assert_str_eq(buf, "90.00");
  dec_format(D("89.994999999"), 2, buf, sizeof buf);
  ck_assert_str_eq(buf, "89.99");
}
END_TEST

/* The grade by the definition: the total rounded (dec_round), then compared. */
static int grade_by_rounding(Dec total, Dec e, Dec g, Dec f) {
  Dec shown = dec_round(total, 2);
  return shown >= e ? 0 : shown >= g ? 1 : shown >= f ? 2 : 3;
}

/* score_grade compares the unrounded total with each threshold rounded up
 * (no division on the total): the same grade as rounding the total, for
 * totals and thresholds on and around every edge, thresholds that are not
 * multiples of 0.01, at or below 0, and out of the fast path's range. */
START_TEST(grade_equals_rounding) {
  static const char *const th[] = {"90", "80", "60", "89.995", "90.001", "0.005", "0", "-5",
                                   "100.004", "59.999999999", "4611686018.427387903"};
  enum { NT = sizeof th / sizeof th[0] };
  uint64_t x = 88172645463325252u;
  for (int k = 0; k < 200000; k++) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    Dec e = D(th[x % NT]), g = D(th[(x >> 8) % NT]), f = D(th[(x >> 16) % NT]);
    /* a total near a threshold (within 0.02), or anywhere in 0..100, or
     * past the fast path's range */
    Dec base = (x >> 24) % 3 == 0 ? e : (x >> 24) % 3 == 1 ? f : (Dec)((x >> 26) % (101 * DEC_ONE));
    static const Dec edge[] = {-5000001, -5000000, -4999999, -1, 0, 1, 4999999, 5000000};
    Dec total = (x >> 58) & 1 ? base + edge[(x >> 44) % 8]
                              : base + (Dec)((x >> 40) % 20000001) - 10000000;
    if ((x >> 60) == 0) total = DEC_MAX / 2 + (Dec)(x >> 48);
    ck_assert_msg(score_grade(total, e, g, f) == grade_by_rounding(total, e, g, f),
                  "total %lld, thresholds %lld %lld %lld", (long long)total, (long long)e,
                  (long long)g, (long long)f);
  }
}
END_TEST

Suite *score_suite(void);
Suite *score_suite(void) {
  Suite *s = suite_create("score");
  TCase *tc = tcase_create("rules");
  tcase_add_test(tc, quant_forward_met_at_equality);
  tcase_add_test(tc, quant_forward_proportional);
  tcase_add_test(tc, quant_forward_zero_and_negative);
  tcase_add_test(tc, quant_negative_target);
  tcase_add_test(tc, quant_reverse_difference);
  tcase_add_test(tc, quant_reverse_ratio);
  tcase_add_test(tc, ordinal);
  tcase_add_test(tc, deadline);
  tcase_add_test(tc, graded);
  tcase_add_test(tc, rate_and_total);
  tcase_add_test(tc, grades_and_rounding);
  tcase_add_test(tc, grade_equals_rounding);
  suite_add_tcase(s, tc);
  return s;
}
