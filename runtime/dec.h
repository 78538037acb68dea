/*
 * dec.h - exact fixed-point decimals for money, quantities and scores.
 *
 * A Dec is a signed 64-bit count of nano-units: the value v is stored as
 * v * 10^9.  Nine fractional digits are enough for every quotient the
 * scoring rules need ([SCORE-EXACT] in docs/scoring.md) and the 64-bit range
 * (about +/-9.2e9 whole units) covers budgets in 万元 and counts of people
 * with room to spare.  The same representation is used by the bytecode VM,
 * the generated C, LLVM and SQL code, so every backend computes bit-for-bit
 * the same results.  No binary floating point is ever involved.
 *
 * Every operation that can overflow returns a DecStatus; callers must check
 * it.  On any status but DEC_OK, *out is left unchanged.  Multiplication and
 * division round half away from zero at the ninth fractional digit.
 *
 * Needs unsigned __int128 (GCC or clang on a 64-bit target) for the 128-bit
 * intermediates of mul, div and muldiv.
 */
#ifndef INDC_DEC_H
#define INDC_DEC_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t Dec;

#define DEC_SCALE   INT64_C(1000000000) /* 10^9 nano-units per unit */
#define DEC_DIGITS  9                   /* fractional digits kept */
#define DEC_ONE     DEC_SCALE
#define DEC_MAX     INT64_MAX
#define DEC_MIN     (-INT64_MAX)        /* symmetric range: -DEC_MIN fits */

typedef enum DecStatus {
  DEC_OK = 0,
  DEC_OVERFLOW,   /* result outside [DEC_MIN, DEC_MAX] */
  DEC_DIVZERO,    /* division by zero */
  DEC_SYNTAX,     /* dec_parse: not a decimal number */
  DEC_PRECISION   /* dec_parse: more than DEC_DIGITS fractional digits */
} DecStatus;

/* Integer n as a Dec; DEC_OVERFLOW if |n| is too large. */
DecStatus dec_from_int(int64_t n, Dec *out);

/*
 * Parse s[0..len) as [+-]digit+['.'digit+].  No exponent, no spaces, no
 * thousands separators; s need not be NUL-terminated.  Leading zeros are
 * fine; "", "+", ".5", "5." and "1.2.3" are DEC_SYNTAX.  Exact: more than
 * DEC_DIGITS fractional digits is DEC_PRECISION unless the extra digits are
 * all zeros.  A value outside [DEC_MIN, DEC_MAX] is DEC_OVERFLOW.  When
 * several apply, SYNTAX wins over PRECISION, and PRECISION over OVERFLOW.
 */
DecStatus dec_parse(const char *s, size_t len, Dec *out);

DecStatus dec_add(Dec a, Dec b, Dec *out);
DecStatus dec_sub(Dec a, Dec b, Dec *out);
DecStatus dec_mul(Dec a, Dec b, Dec *out);  /* rounds half away from 0 */
DecStatus dec_div(Dec a, Dec b, Dec *out);  /* rounds half away from 0 */

/*
 * a * b / c in one step with a 128-bit intermediate (w·B/A style): rounds
 * once, half away from 0, so a*b may exceed the Dec range as long as the
 * quotient does not.  DEC_DIVZERO if c is 0.
 */
DecStatus dec_muldiv(Dec a, Dec b, Dec c, Dec *out);

int dec_cmp(Dec a, Dec b); /* -1, 0, 1 */

/* 1 when b >= a * f exactly (no rounding, no division): used for the
 * overshoot flag, B >= 130% of A. */
int dec_ge_product(Dec b, Dec a, Dec f);

/*
 * Round half away from zero to `digits` fractional digits (clamped to
 * 0..9).  Within half a step of DEC_MAX/DEC_MIN the rounded value can leave
 * the range (DEC_MAX to 0 digits is 9223372037); dec_round then returns the
 * value truncated toward zero instead, and dec_round_checked reports
 * DEC_OVERFLOW.
 */
Dec dec_round(Dec a, int digits);
DecStatus dec_round_checked(Dec a, int digits, Dec *out);

/*
 * Format with exactly `digits` fractional digits (0..9; more is taken as
 * 9), rounding half away from zero; digits < 0 means "as many as needed, at
 * least none" (trailing zeros and a bare point removed: "580", "13.45").
 * Never prints a negative zero: -0.004 with 2 digits is "0.00".  Writes at
 * most cap-1 bytes plus NUL (nothing if cap is 0, when buf may be NULL);
 * returns the length the full text needs (like snprintf).  A buffer of 32
 * bytes always fits (the longest text is 21 bytes).
 */
int dec_format(Dec a, int digits, char *buf, size_t cap);

/* 1 if a has no fractional part (a whole number of units), else 0. */
int dec_is_integral(Dec a);

#endif
