/*
 * score.c - the scoring rules (score.h, docs/scoring.md).
 *
 * Status constants are those of model.h, repeated here as plain numbers so
 * that this file stays self-contained for the C backend, which embeds it.
 */
#include "score.h"

enum { S_MET = 0, S_PARTIAL = 1, S_UNMET = 2 };                 /* RT_ST_* */
enum { C_GE = 0, C_LE = 1, C_GT = 2, C_LT = 3, C_EQ = 4 };     /* RT_CMP_* */
enum { G_MET = 0, G_PARTIAL = 1, G_UNMET = 2 };                 /* RT_GRADE_* */

static ScoreOut score_make(Dec score, Dec w, int met) {
  ScoreOut o;
  if (score < 0) score = 0;
  if (score > w) score = w;
  o.score = score;
  o.status = met ? S_MET : score > 0 ? S_PARTIAL : S_UNMET;
  return o;
}

/* w * n / d, or 0 when it cannot be computed (d == 0 or out of range). */
static Dec score_frac(Dec w, Dec n, Dec d) {
  Dec r;
  if (d == 0 || dec_muldiv(w, n, d, &r) != DEC_OK) return 0;
  return r;
}

/* 正向 (≥ > =): full marks when met, else in proportion B / A. */
static ScoreOut score_forward(int cmp, Dec a, Dec b, Dec w) {
  if (cmp == C_EQ && a == 0) return score_make(b <= 0 ? w : 0, w, b <= 0);
  int met = cmp == C_GT ? b > a : b >= a;
  if (met) return score_make(w, w, 1);
  if (a <= 0) return score_make(0, w, 0);
  return score_make(score_frac(w, b, a), w, 0);
}

/* 反向 (≤ <): full marks when met; else the difference formula
 * w * (1 - (B - A) / A) = w * (2A - B) / A, zero from B >= 2A, or the ratio
 * formula w * A / B. */
static ScoreOut score_reverse(int cmp, Dec a, Dec b, Dec w, int ratio) {
  int met = cmp == C_LT ? b < a : b <= a;
  if (met) return score_make(w, w, 1);
  if (a <= 0) return score_make(0, w, 0);
  if (ratio) return score_make(score_frac(w, a, b), w, 0);
  Dec twice, left;
  if (dec_add(a, a, &twice) != DEC_OK || b >= twice) return score_make(0, w, 0);
  dec_sub(twice, b, &left);
  return score_make(score_frac(w, left, a), w, 0);
}

ScoreOut score_quant(int cmp, Dec a, Dec b, Dec w, int reverse) {
  if (b < 0) b = 0;
  if (cmp == C_LE || cmp == C_LT) return score_reverse(cmp, a, b, w, reverse);
  return score_forward(cmp, a, b, w);
}

ScoreOut score_ordinal(int32_t rank_target, int32_t rank_actual, Dec w) {
  if (rank_actual >= rank_target) return score_make(w, w, 1);
  if (rank_target <= 0 || rank_actual <= 0) return score_make(0, w, 0);
  return score_make(score_frac(w, (Dec)rank_actual * DEC_ONE, (Dec)rank_target * DEC_ONE), w, 0);
}

ScoreOut score_deadline(int32_t deadline, int32_t done, int32_t jan1, Dec w) {
  if (done <= deadline) return score_make(w, w, 1);
  int64_t allowed = (int64_t)deadline - jan1, taken = (int64_t)done - jan1;
  if (allowed <= 0 || taken <= 0) return score_make(0, w, 0);
  return score_make(score_frac(w, allowed * DEC_ONE, taken * DEC_ONE), w, 0);
}

ScoreOut score_graded(int grade, int has_score, Dec given, Dec dflt_share, Dec w) {
  Dec s = given;
  if (!has_score && dec_mul(w, dflt_share, &s) != DEC_OK) s = 0;
  ScoreOut o = score_make(s, w, grade == G_MET);
  o.status = grade == G_MET ? S_MET : grade == G_PARTIAL ? S_PARTIAL : S_UNMET;
  return o;
}

Dec score_rate(Dec spent, Dec planned) {
  Dec r;
  if (planned <= 0) return spent <= 0 ? DEC_ONE : 0;
  if (spent < 0) spent = 0;
  if (dec_div(spent, planned, &r) != DEC_OK) return 0;
  return r;
}

Dec score_rate_points(Dec rate, Dec w) {
  Dec r;
  if (rate >= DEC_ONE) return w;
  if (rate <= 0) return 0;
  if (dec_mul(w, rate, &r) != DEC_OK) return 0;
  return r;
}

Dec score_total(Dec raw, Dec applicable) {
  if (applicable <= 0) return 0;
  return score_frac(100 * DEC_ONE, raw, applicable);
}

int score_grade(Dec total, Dec excellent, Dec good, Dec fair) {
  return total >= excellent ? 0 : total >= good ? 1 : total >= fair ? 2 : 3;
}
