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

/*
 * [SCORE-FAST] Fast paths for the common case: points w >= 0 and a target
 * above zero.  There a met and a missed target are one formula, w * n / d
 * with 0 <= n <= d, where a met target has n = d and so scores w exactly;
 * the status is a comparison.  So the score takes no branch on the data
 * (whether targets are met is as good as random, and a mispredicted branch
 * costs as much as the division), and, the quotient being at most w, the
 * division is one divq (the fast path of dec.c's dec_divround) in 64-bit
 * registers.  The rounding is dec_muldiv's, on the same operands.  Each
 * returns 0 when its case does not apply, and the rule is then computed
 * step by step below (the *_exact functions).  The VM and every generated
 * evaluator run these same lines; tests/unit/test_score_fast.c compares
 * them with the exact rules on the edges of every case and on random
 * operands.
 */
__extension__ typedef unsigned __int128 ScoreWide;

static ScoreOut fast_frac(Dec w, uint64_t n, uint64_t d, int met) {
  ScoreWide p = (ScoreWide)(uint64_t)w * n; /* < d * 2^63: the quotient fits */
  uint64_t q, r;
#if defined(__x86_64__) && defined(__GNUC__)
  __asm__("divq %4" : "=a"(q), "=d"(r) : "a"((uint64_t)p), "d"((uint64_t)(p >> 64)), "rm"(d));
#else
  q = (uint64_t)(p / d);
  r = (uint64_t)(p % d);
#endif
  ScoreOut o;
  o.score = (Dec)(q + (r >= d - r)); /* dec_divround: half away from zero */
  /* met ? S_MET : o.score > 0 ? S_PARTIAL : S_UNMET, in arithmetic: gcc
   * compiles the conditional into a branch on met, mispredicted as often
   * as targets are missed */
  o.status = (int)!met << (o.score <= 0);
  return o;
}

/* score_quant(cmp, a, b, w, ratio), when 0 < a <= DEC_MAX / 2 and w >= 0.
 * Forward (>= > =): n = min(B, A), d = A; upper bounds (<= <): the
 * difference formula w * (2A - B) / A, 0 from B >= 2A, is n = 2A - B
 * within 0..A, d = A; the ratio formula w * A / B is n = A, d = max(B, A).
 * No branch on B: the comparison is arithmetic, the choices are selects. */
static int quant_fast(int cmp, Dec a, Dec b, Dec w, int ratio, ScoreOut *out) {
  if (a <= 0 || a > DEC_MAX / 2 || w < 0 || cmp < C_GE || cmp > C_EQ) return 0;
  int upper = cmp == C_LE || cmp == C_LT;
  int strict = cmp == C_GT || cmp == C_LT;
  b = b < 0 ? 0 : b;
  Dec good = upper ? a - b : b - a; /* how far B is on the right side of A */
  Dec left = 2 * a - b;
  left = left < 0 ? 0 : left > a ? a : left;
  Dec n = upper ? (ratio ? a : left) : b < a ? b : a;
  Dec d = upper && ratio && b > a ? b : a;
  *out = fast_frac(w, (uint64_t)n, (uint64_t)d, good >= strict);
  return 1;
}

/* score_graded(grade, has_score, given, share, w), when 0 <= w <= DEC_MAX / 2
 * and 0 <= share <= 1: w * share is dec_mul's, computed as
 * (w div 1) * share + (w mod 1) * share / 1 (both parts in 64 bits, the
 * second rounded half up; the first is whole, so that is dec_mul's
 * rounding), and the status is the grade, whose numbers are the
 * statuses'. */
Dec score_graded_part(Dec w, Dec share) {
  return w / DEC_ONE * share + (w % DEC_ONE * share + DEC_ONE / 2) / DEC_ONE;
}

static int graded_fast(int grade, int has_score, Dec given, Dec share, Dec w, ScoreOut *out) {
  if (w < 0 || w > DEC_MAX / 2 || share < 0 || share > DEC_ONE || grade < G_MET ||
      grade > G_UNMET)
    return 0;
  Dec s = has_score ? given : score_graded_part(w, share);
  s = s < 0 ? 0 : s > w ? w : s; /* score_make */
  out->score = s;
  out->status = grade;
  return 1;
}

/* score_deadline, when the deadline is after January 1 and w >= 0. */
static int deadline_fast(int32_t deadline, int32_t done, int32_t jan1, Dec w, ScoreOut *out) {
  int64_t allowed = (int64_t)deadline - jan1, taken = (int64_t)done - jan1;
  if (allowed <= 0 || w < 0) return 0;
  int met = done <= deadline; /* taken <= allowed: then n = d */
  int64_t d = met ? allowed : taken;
  *out = fast_frac(w, (uint64_t)(allowed * DEC_ONE), (uint64_t)(d * DEC_ONE), met);
  return 1;
}

/* score_ordinal, when the target rank is at least 1 and w >= 0. */
static int ordinal_fast(int32_t target, int32_t rank, Dec w, ScoreOut *out) {
  if (target <= 0 || w < 0) return 0;
  int met = rank >= target;
  int64_t n = rank <= 0 ? 0 : met ? target : rank;
  *out = fast_frac(w, (uint64_t)(n * DEC_ONE), (uint64_t)((int64_t)target * DEC_ONE), met);
  return 1;
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
  Dec twice, left = 0;
  if (dec_add(a, a, &twice) != DEC_OK || b >= twice || dec_sub(twice, b, &left) != DEC_OK)
    return score_make(0, w, 0);
  return score_make(score_frac(w, left, a), w, 0);
}

/* The rules step by step, for every case ([SCORE-FAST] takes the common
 * ones first).  Out of line, so that what calls them stays small enough
 * to be inlined into the evaluation loop with its fast path. */
#if defined(__GNUC__)
#define SCORE_SLOW __attribute__((noinline, cold))
#else
#define SCORE_SLOW
#endif

SCORE_SLOW static ScoreOut quant_exact(int cmp, Dec a, Dec b, Dec w, int reverse) {
  /* a negative B counts as 0 against a target above zero, where that
   * cannot change whether it is met; against a target of zero or below
   * (a growth rate of ≥-5%) B is compared as it is */
  if (b < 0 && a > 0) b = 0;
  if (cmp == C_LE || cmp == C_LT) return score_reverse(cmp, a, b, w, reverse);
  return score_forward(cmp, a, b, w);
}

SCORE_SLOW static ScoreOut ordinal_exact(int32_t rank_target, int32_t rank_actual, Dec w) {
  if (rank_actual >= rank_target) return score_make(w, w, 1);
  if (rank_target <= 0 || rank_actual <= 0) return score_make(0, w, 0);
  return score_make(score_frac(w, (Dec)rank_actual * DEC_ONE, (Dec)rank_target * DEC_ONE), w, 0);
}

SCORE_SLOW static ScoreOut deadline_exact(int32_t deadline, int32_t done, int32_t jan1, Dec w) {
  if (done <= deadline) return score_make(w, w, 1);
  int64_t allowed = (int64_t)deadline - jan1, taken = (int64_t)done - jan1;
  if (allowed <= 0 || taken <= 0) return score_make(0, w, 0);
  return score_make(score_frac(w, allowed * DEC_ONE, taken * DEC_ONE), w, 0);
}

SCORE_SLOW static ScoreOut graded_exact(int grade, int has_score, Dec given, Dec dflt_share, Dec w) {
  Dec s = given;
  if (!has_score && dec_mul(w, dflt_share, &s) != DEC_OK) s = 0;
  ScoreOut o = score_make(s, w, grade == G_MET);
  o.status = grade == G_MET ? S_MET : grade == G_PARTIAL ? S_PARTIAL : S_UNMET;
  return o;
}

ScoreOut score_quant(int cmp, Dec a, Dec b, Dec w, int reverse) {
  ScoreOut o;
  return quant_fast(cmp, a, b, w, reverse, &o) ? o : quant_exact(cmp, a, b, w, reverse);
}

ScoreOut score_ordinal(int32_t rank_target, int32_t rank_actual, Dec w) {
  ScoreOut o;
  return ordinal_fast(rank_target, rank_actual, w, &o) ? o
                                                       : ordinal_exact(rank_target, rank_actual, w);
}

ScoreOut score_deadline(int32_t deadline, int32_t done, int32_t jan1, Dec w) {
  ScoreOut o;
  return deadline_fast(deadline, done, jan1, w, &o) ? o : deadline_exact(deadline, done, jan1, w);
}

ScoreOut score_graded(int grade, int has_score, Dec given, Dec dflt_share, Dec w) {
  ScoreOut o;
  return graded_fast(grade, has_score, given, dflt_share, w, &o)
             ? o
             : graded_exact(grade, has_score, given, dflt_share, w);
}

Dec score_rate(Dec spent, Dec planned) {
  Dec r;
  /* money spent against no budget, or a rate beyond the Dec range: no
   * rate can be given ([SCORE-RATE]); -1, as when nothing is reported */
  if (planned <= 0) return spent <= 0 ? DEC_ONE : -1;
  if (spent < 0) spent = 0;
  if (dec_div(spent, planned, &r) != DEC_OK) return -1;
  return r;
}

/* w when rate >= 1, 0 when rate <= 0, else w * rate: which is w * rate
 * with rate held within 0..1 (dec_mul(w, 1) is w), computed without a
 * branch on the rate (a project's is as likely above 1 as below, and the
 * branch would wait for the division that made it). */
Dec score_rate_points(Dec rate, Dec w) {
  Dec r, held = rate < 0 ? 0 : rate > DEC_ONE ? DEC_ONE : rate;
  if (dec_mul(w, held, &r) != DEC_OK) return 0; /* |w * held| <= |w|: never */
  return r;
}

Dec score_total(Dec raw, Dec applicable) {
  if (applicable <= 0) return 0;
  /* at most 100: raw <= applicable unless a sum left the Dec range and an
   * addition was skipped (points in the billions; docs/scoring.md) */
  Dec t = score_frac(100 * DEC_ONE, raw, applicable);
  return t < 0 ? 0 : t > 100 * DEC_ONE ? 100 * DEC_ONE : t;
}

/* Whether total, rounded half up to 2 decimals, is at least t: for
 * 0 <= total <= DEC_MAX / 2, without rounding the total.  The rounded
 * total is a multiple of u = 0.01; it is >= t exactly when it is >= c, t
 * rounded up to a multiple of u, which holds exactly when total + u/2 >=
 * c.  So the division is on the threshold, not on the total: off the
 * chain of divisions that made the total (docs/performance.md, tenth
 * session). */
static int shown_at_least(Dec total, Dec t) {
  const Dec u = DEC_ONE / 100;
  if (t <= 0) return 1;
  if (t > DEC_MAX / 2) return dec_round(total, 2) >= t;
  Dec c = (t + u - 1) / u * u;
  return total >= c - u / 2;
}

int score_grade(Dec total, Dec excellent, Dec good, Dec fair) {
  /* the total as every report prints it: rounded half up to 2 decimals */
  if (total < 0 || total > DEC_MAX / 2) {
    Dec shown = dec_round(total, 2);
    return shown >= excellent ? 0 : shown >= good ? 1 : shown >= fair ? 2 : 3;
  }
  /* shown >= excellent ? 0 : shown >= good ? 1 : shown >= fair ? 2 : 3, as
   * selects that compilers make conditional moves: the grade is data, and
   * a mispredicted branch here waits for the divisions of the total */
  int g = 3;
  g = shown_at_least(total, fair) ? 2 : g;
  g = shown_at_least(total, good) ? 1 : g;
  g = shown_at_least(total, excellent) ? 0 : g;
  return g;
}
