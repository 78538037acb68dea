/*
 * score.h - the scoring rules of 财预〔2020〕10号 unit self-evaluation
 * (docs/scoring.md).  Pure functions of exact Decs: no allocation, no
 * state, no floating point.  The VM calls them; the C backend embeds this
 * file and score.c verbatim, so every backend scores alike by
 * construction.
 *
 * Every function returns the score in points (0 <= score <= w) and a
 * status (RT_ST_MET, RT_ST_PARTIAL or RT_ST_UNMET).  Quotients round half
 * away from zero at the ninth decimal (dec_muldiv).
 */
#ifndef INDRT_SCORE_H
#define INDRT_SCORE_H

#include <stdint.h>

#include "../dec.h"

typedef struct ScoreOut {
  Dec score;
  int status;  /* RT_ST_MET / RT_ST_PARTIAL / RT_ST_UNMET */
} ScoreOut;

/*
 * [SCORE-QUANT] Quantitative target A with comparison cmp (RT_CMP_*),
 * actual B, points w.  reverse: 0 difference formula, 1 ratio formula for
 * missed upper bounds.  A negative B counts as 0.
 */
ScoreOut score_quant(int cmp, Dec a, Dec b, Dec w, int reverse);

/* [SCORE-ORD] Grade target on an ordinal scale: ranks are 1-based. */
ScoreOut score_ordinal(int32_t rank_target, int32_t rank_actual, Dec w);

/* [SCORE-DATE] Deadline: day numbers of the deadline, the completion and
 * January 1 of the budget year. */
ScoreOut score_deadline(int32_t deadline, int32_t done, int32_t jan1, Dec w);

/*
 * [SCORE-GRADED] Qualitative and period targets graded 达成/部分达成/未达成
 * (RT_GRADE_*).  band_lo/band_dflt: the grade's band as shares of w; when
 * has_score, `given` is the score in points (already checked to lie in the
 * band by the loader), else the band's default share applies.
 */
ScoreOut score_graded(int grade, int has_score, Dec given, Dec dflt_share, Dec w);

/* w * share rounded as dec_mul, for 0 <= w <= DEC_MAX / 2 and 0 <= share
 * <= 1: the default score of a grade, which the C backend's score records
 * also hold precomputed ([CABI-FAST]). */
Dec score_graded_part(Dec w, Dec share);

/* [SCORE-RATE] 预算执行率 = spent / planned, and its score w * min(1, rate).
 * planned <= 0 gives rate 1 when nothing was spent; money spent against
 * planned <= 0, or a rate beyond the Dec range, gives -1: no rate (the
 * project is flagged undefined and the rate scores 0). */
Dec score_rate(Dec spent, Dec planned);
Dec score_rate_points(Dec rate, Dec w);

/* [SCORE-TOTAL] total = raw * 100 / applicable (0 when nothing applies). */
Dec score_total(Dec raw, Dec applicable);

/* [SCORE-GRADE] 0 优, 1 良, 2 中, 3 差: the total rounded half up to 2
 * decimals, as reports print it, against the policy thresholds. */
int score_grade(Dec total, Dec excellent, Dec good, Dec fair);

#endif
