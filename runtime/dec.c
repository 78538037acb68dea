/*
 * dec.c - exact fixed-point decimals (see dec.h).
 *
 * Every operation works on the raw nano-unit counts.  Addition and
 * subtraction check against the range before adding, so they never overflow
 * in C.  Multiplication and division go through a 128-bit intermediate,
 * round once at the ninth fractional digit (half away from zero) and then
 * check the range.  Rounding always happens on magnitudes, with the sign put
 * back afterwards, so "away from zero" needs no case analysis.
 *
 * On any status other than DEC_OK the output is left untouched.
 */
#include "dec.h"

#include <string.h>

/*
 * 128-bit intermediates.  GCC and clang provide __int128 on 64-bit targets;
 * __extension__ keeps -pedantic quiet.  A target without it needs a
 * portable 64x64->128 multiply and 128/64 divide here.
 */
#if defined(__SIZEOF_INT128__)
__extension__ typedef unsigned __int128 DecWide;
__extension__ typedef __int128 DecSWide;
#else
#error "dec.c needs unsigned __int128 (GCC or clang on a 64-bit target)"
#endif

/* Powers of ten 10^0 .. 10^9, indexed by exponent. */
static const uint64_t dec_pow10[DEC_DIGITS + 1] = {
  1u, 10u, 100u, 1000u, 10000u, 100000u, 1000000u, 10000000u, 100000000u,
  1000000000u
};

/* |a| as unsigned; correct for INT64_MIN too. */
static uint64_t dec_mag(int64_t a) {
  return a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
}

/*
 * Give magnitude m the sign `neg` and store it, or report overflow when
 * it lies outside [DEC_MIN, DEC_MAX] (both bounds have magnitude DEC_MAX).
 */
static DecStatus dec_signed(DecWide m, int neg, Dec *out) {
  if (m > (DecWide)DEC_MAX) return DEC_OVERFLOW;
  *out = neg ? -(Dec)m : (Dec)m;
  return DEC_OK;
}

/* n / d rounded half away from zero; n, d are magnitudes, d > 0. */
static DecWide dec_divround(DecWide n, DecWide d) {
  DecWide q, r;
#if defined(__x86_64__) && defined(__GNUC__)
  /* When the quotient fits in 64 bits, one divq does the 128/64 division;
   * the generic __int128 division is a slow library loop.  Same result. */
  uint64_t hi = (uint64_t)(n >> 64);
  if ((d >> 64) == 0 && hi < (uint64_t)d) {
    uint64_t qq, rr;
    __asm__("divq %4" : "=a"(qq), "=d"(rr) : "a"((uint64_t)n), "d"(hi), "rm"((uint64_t)d));
    q = qq;
    r = rr;
  } else
#endif
  {
    q = n / d;
    r = n % d;
  }
  return q + (r >= d - r); /* 2r >= d without overflowing; no branch on data */
}

DecStatus dec_from_int(int64_t n, Dec *out) {
  if (n > DEC_MAX / DEC_SCALE || n < DEC_MIN / DEC_SCALE) return DEC_OVERFLOW;
  *out = n * DEC_SCALE;
  return DEC_OK;
}

/* Number of leading ASCII digits in s[0..len). */
static size_t dec_span_digits(const char *s, size_t len) {
  size_t i = 0;
  while (i < len && s[i] >= '0' && s[i] <= '9') i++;
  return i;
}

/*
 * The fraction digits s[0..n) as nano-units (the first DEC_DIGITS digits,
 * zero-padded); DEC_PRECISION if any digit past the ninth is not '0'.
 */
static DecStatus dec_parse_frac(const char *s, size_t n, uint64_t *frac) {
  uint64_t f = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    if (i >= DEC_DIGITS) {
      if (s[i] != '0') return DEC_PRECISION;
    } else {
      f += (uint64_t)(s[i] - '0') * dec_pow10[DEC_DIGITS - 1 - i];
    }
  }
  *frac = f;
  return DEC_OK;
}

/* The integer digits s[0..n) as whole units; DEC_OVERFLOW past the range. */
static DecStatus dec_parse_int(const char *s, size_t n, uint64_t *whole) {
  const uint64_t limit = (uint64_t)(DEC_MAX / DEC_SCALE);
  uint64_t v = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    uint64_t d = (uint64_t)(s[i] - '0');
    if (v > (limit - d) / 10) return DEC_OVERFLOW;
    v = v * 10 + d;
  }
  *whole = v;
  return DEC_OK;
}

/*
 * Grammar: [+-] digit+ [ '.' digit+ ].  The whole text is checked for
 * syntax first, so a malformed string is DEC_SYNTAX even if it is also too
 * long or too precise; then DEC_PRECISION is checked before DEC_OVERFLOW.
 */
DecStatus dec_parse(const char *s, size_t len, Dec *out) {
  size_t i = 0, nint, nfrac = 0;
  uint64_t whole, frac = 0;
  DecStatus st;
  int neg = 0;
  if (len > 0 && (s[0] == '+' || s[0] == '-')) neg = s[i++] == '-';
  nint = dec_span_digits(s + i, len - i);
  if (nint == 0) return DEC_SYNTAX;
  if (i + nint < len) {
    if (s[i + nint] != '.') return DEC_SYNTAX;
    nfrac = dec_span_digits(s + i + nint + 1, len - i - nint - 1);
    if (nfrac == 0 || i + nint + 1 + nfrac != len) return DEC_SYNTAX;
    st = dec_parse_frac(s + i + nint + 1, nfrac, &frac);
    if (st != DEC_OK) return st;
  }
  st = dec_parse_int(s + i, nint, &whole);
  if (st != DEC_OK) return st;
  return dec_signed((DecWide)whole * DEC_SCALE + frac, neg, out);
}

DecStatus dec_add(Dec a, Dec b, Dec *out) {
  if (b > 0 ? a > DEC_MAX - b : a < DEC_MIN - b) return DEC_OVERFLOW;
  *out = a + b;
  return DEC_OK;
}

DecStatus dec_sub(Dec a, Dec b, Dec *out) {
  if (b < 0 ? a > DEC_MAX + b : a < DEC_MIN + b) return DEC_OVERFLOW;
  *out = a - b;
  return DEC_OK;
}

/* (a * b) / 10^9: the product of two nano-counts has 18 fraction digits.
 * When the product fits in 64 bits (points times a share, say) the
 * division is by a 64-bit constant, which compilers turn into a
 * multiplication; the rounding is dec_divround's. */
DecStatus dec_mul(Dec a, Dec b, Dec *out) {
  DecWide p = (DecWide)dec_mag(a) * dec_mag(b);
  int neg = (a < 0) != (b < 0);
  if ((p >> 64) == 0) {
    uint64_t n = (uint64_t)p, q = n / (uint64_t)DEC_SCALE, r = n % (uint64_t)DEC_SCALE;
    return dec_signed((DecWide)q + (r >= (uint64_t)DEC_SCALE - r), neg, out);
  }
  return dec_signed(dec_divround(p, DEC_SCALE), neg, out);
}

/* (a * 10^9) / b: scale the dividend so the quotient keeps 9 digits. */
DecStatus dec_div(Dec a, Dec b, Dec *out) {
  DecWide n;
  if (b == 0) return DEC_DIVZERO;
  n = (DecWide)dec_mag(a) * DEC_SCALE;
  return dec_signed(dec_divround(n, dec_mag(b)), (a < 0) != (b < 0), out);
}

/*
 * (a/S)(b/S) / (c/S) = a*b / (c*S) units = a*b / c nano-units, so the raw
 * result is a*b/c with no rescaling and exactly one rounding.  The product
 * of two 63-bit magnitudes fits in 126 bits.
 */
DecStatus dec_muldiv(Dec a, Dec b, Dec c, Dec *out) {
  DecWide p;
  int neg = ((a < 0) != (b < 0)) != (c < 0);
  if (c == 0) return DEC_DIVZERO;
  p = (DecWide)dec_mag(a) * dec_mag(b);
  return dec_signed(dec_divround(p, dec_mag(c)), neg, out);
}

int dec_ge_product(Dec b, Dec a, Dec f) {
  /* b >= a*f/S  <=>  b*S >= a*f, compared in 128 bits with signs */
  DecSWide lhs = (DecSWide)b * DEC_SCALE;
  DecSWide rhs = (DecSWide)a * f;
  return lhs >= rhs;
}

int dec_cmp(Dec a, Dec b) {
  return (a > b) - (a < b);
}

/* Clamp a digit count to 0..DEC_DIGITS. */
static int dec_clamp_digits(int digits) {
  if (digits < 0) return 0;
  return digits > DEC_DIGITS ? DEC_DIGITS : digits;
}

/* Magnitude m rounded half away from zero to a multiple of unit. */
static uint64_t dec_round_mag(uint64_t m, uint64_t unit) {
  return (uint64_t)dec_divround(m, unit) * unit;   /* fits: m <= 2^63 */
}

DecStatus dec_round_checked(Dec a, int digits, Dec *out) {
  uint64_t unit = dec_pow10[DEC_DIGITS - dec_clamp_digits(digits)];
  return dec_signed(dec_round_mag(dec_mag(a), unit), a < 0, out);
}

/*
 * Near the ends of the range rounding up can leave it (DEC_MAX rounded to
 * 0 digits is 9223372037); there the nearest in-range multiple, the value
 * truncated toward zero, is returned instead.
 */
Dec dec_round(Dec a, int digits) {
  uint64_t unit = dec_pow10[DEC_DIGITS - dec_clamp_digits(digits)];
  Dec r;
  if (dec_round_checked(a, digits, &r) == DEC_OK) return r;
  return a / (Dec)unit * (Dec)unit;
}

/* Write the decimal digits of v at the end of tmp[0..*pos); move *pos. */
static void dec_put_uint(char *tmp, size_t *pos, uint64_t v) {
  do {
    tmp[--*pos] = (char)('0' + v % 10);
    v /= 10;
  } while (v != 0);
}

/* Write the first `n` of the 9 fraction digits of f ending at *pos. */
static void dec_put_frac(char *tmp, size_t *pos, uint64_t f, int n) {
  int i;
  f /= dec_pow10[DEC_DIGITS - n];
  for (i = 0; i < n; i++, f /= 10) tmp[--*pos] = (char)('0' + f % 10);
  tmp[--*pos] = '.';
}

/* Fraction digits needed to show f (0..10^9-1) exactly. */
static int dec_frac_width(uint64_t f) {
  int n = DEC_DIGITS;
  if (f == 0) return 0;
  while (f % 10 == 0) f /= 10, n--;
  return n;
}

/* Copy text t[0..n) into buf as snprintf would; return n. */
static int dec_emit(const char *t, size_t n, char *buf, size_t cap) {
  if (cap > 0) {
    size_t k = n < cap - 1 ? n : cap - 1;
    memcpy(buf, t, k);
    buf[k] = '\0';
  }
  return (int)n;
}

/*
 * The text is built right to left in a scratch buffer: sign, at most 10
 * integer digits, point and 9 fraction digits need 21 bytes.  Rounding works
 * on the magnitude, which cannot overflow (2^63 + 10^9 < 2^64), and a value
 * that rounds to zero loses its sign.
 */
int dec_format(Dec a, int digits, char *buf, size_t cap) {
  char tmp[32];
  size_t pos = sizeof tmp;
  uint64_t m = dec_mag(a);
  int nfrac;
  if (digits >= 0) {
    nfrac = dec_clamp_digits(digits);
    m = dec_round_mag(m, dec_pow10[DEC_DIGITS - nfrac]);
  } else {
    nfrac = dec_frac_width(m % (uint64_t)DEC_SCALE);
  }
  if (nfrac > 0) dec_put_frac(tmp, &pos, m % (uint64_t)DEC_SCALE, nfrac);
  dec_put_uint(tmp, &pos, m / (uint64_t)DEC_SCALE);
  if (a < 0 && m != 0) tmp[--pos] = '-';
  return dec_emit(tmp + pos, sizeof tmp - pos, buf, cap);
}

int dec_is_integral(Dec a) {
  return a % DEC_SCALE == 0;
}
