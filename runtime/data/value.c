/*
 * value.c - parsing one actual value for its target (see value.h).
 *
 *   value    := na | quantity | date | rank | graded
 *   na       := 不适用 | N/A | na                       (any target)
 *   quantity := number [unit]                          (QUANT)
 *   number   := [+-] digits [(',' ddd)*] ['.' digits]
 *   date     := yyyy-m-d | yyyy/m/d | yyyy年m月d日       (DEADLINE)
 *   rank     := member ['级']                          (GRADE)
 *   graded   := grade [':' number ['%' | '分']]          (TEXT, PERIOD)
 *
 * The text is first put in name_key form (NFKC, no spaces), so only the
 * half-width forms need to be recognised here.
 */
#include "value.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../text/namekey.h"
#include "data_msg.h"

#if defined(__GNUC__)
#define VAL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define VAL_PRINTF(f, a)
#endif

enum { VAL_NUM_CAP = 48 }; /* digits kept for dec_parse (it takes 19) */

/* Write the message (fmt translated by m's sink); returns -1. */
static VAL_PRINTF(2, 3) int val_fail(const ValMsg *m, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(m->msg, m->cap, data_tr(m->sink, fmt), ap);
  va_end(ap);
  return -1;
}

static int val_is_digit(char c) { return c >= '0' && c <= '9'; }

/* ---- the words ------------------------------------------------------------- */

static const struct {
  const char *word;
  uint8_t grade;
} val_grades[] = {
    {"达成", RT_GRADE_MET},
    {"部分达成", RT_GRADE_PARTIAL},
    {"未达成", RT_GRADE_UNMET},
    {"达成年度指标", RT_GRADE_MET},
    {"部分达成年度指标并具有一定效果", RT_GRADE_PARTIAL},
    {"未达成年度指标且效果较差", RT_GRADE_UNMET},
    {"达成预期指标", RT_GRADE_MET},
    {"met", RT_GRADE_MET},
    {"partial", RT_GRADE_PARTIAL},
    {"unmet", RT_GRADE_UNMET},
};

static const char *const val_grade_names[] = {"达成", "部分达成", "未达成"};

/* s[0..n) equals word, ASCII letters compared without case. */
static int val_word_eq(const char *s, size_t n, const char *word) {
  if (strlen(word) != n) return 0;
  for (size_t i = 0; i < n; i++) {
    char a = s[i], b = word[i];
    if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
    if (a != b) return 0;
  }
  return 1;
}

/* The grade named by s[0..n), or -1. */
static int val_grade_word(const char *s, size_t n) {
  for (size_t i = 0; i < sizeof val_grades / sizeof val_grades[0]; i++)
    if (val_word_eq(s, n, val_grades[i].word)) return val_grades[i].grade;
  return -1;
}

static int val_is_na(const char *k) {
  size_t n = strlen(k);
  return val_word_eq(k, n, "不适用") || val_word_eq(k, n, "n/a") || val_word_eq(k, n, "na");
}

/* 1 when k is a grade word, alone or with a score. */
static int val_looks_graded(const char *k) {
  const char *colon = strchr(k, ':');
  return val_grade_word(k, colon ? (size_t)(colon - k) : strlen(k)) >= 0;
}

/* ---- numbers and units --------------------------------------------------------- */

enum { NUM_OK, NUM_NONE, NUM_GROUP, NUM_SYNTAX, NUM_PRECISION, NUM_RANGE };

/* Copy the digits of a grouped integer part at s[*i] into buf (without
 * commas); NUM_GROUP when the groups are not 1-3 digits then threes. */
static int val_int_part(const char *s, size_t *i, char *buf, size_t *o) {
  size_t group = 0, ngroups = 0;
  int bad = 0;
  for (;; (*i)++) {
    char c = s[*i];
    if (c == ',' && group > 0 && val_is_digit(s[*i + 1])) {
      bad |= ngroups == 0 ? group > 3 : group != 3;
      ngroups++, group = 0;
    } else if (val_is_digit(c)) {
      if (*o < VAL_NUM_CAP - 2) buf[(*o)++] = c;
      else bad |= 2;
      group++;
    } else {
      break;
    }
  }
  if (ngroups && group != 3) bad |= 1;
  return bad & 2 ? NUM_RANGE : bad ? NUM_GROUP : NUM_OK;
}

/*
 * buf[0..o), a number dec_parse found out of range, as v * 10^*shift with
 * the smallest shift (at most 9) that brings it into range: the point moved
 * left, digits past the ninth decimal dropped only when they are zeros.
 * NUM_RANGE when none does.
 */
static int val_shift_number(const char *buf, size_t o, Dec *v, int *shift) {
  char tmp[VAL_NUM_CAP + 12];
  size_t sign = buf[0] == '+' || buf[0] == '-', point = o;
  for (size_t i = sign; i < o; i++)
    if (buf[i] == '.') point = i;
  for (int e = 1; e <= 9; e++) {
    if (point - sign <= (size_t)e) break; /* no integer digits left to move */
    size_t n = 0;
    for (size_t i = 0; i < point - (size_t)e; i++) tmp[n++] = buf[i];
    tmp[n++] = '.';
    for (size_t i = point - (size_t)e; i < o; i++)
      if (buf[i] != '.') tmp[n++] = buf[i];
    DecStatus st = dec_parse(tmp, n, v);
    if (st == DEC_OK) return *shift = e, NUM_OK;
    if (st != DEC_OVERFLOW) break;
  }
  return NUM_RANGE;
}

/*
 * The number at the start of s: its value and the bytes it takes.
 * NUM_NONE when s does not start with a digit (after a sign).  shift NULL:
 * a number beyond the Dec range is NUM_RANGE; else it may come back as
 * *v * 10^*shift ([DATA-WIDE]), for a caller that converts it to a larger
 * unit before its range is checked.
 */
static int val_number_wide(const char *s, Dec *v, int *shift, size_t *used) {
  char buf[VAL_NUM_CAP];
  if (shift) *shift = 0;
  size_t i = 0, o = 0;
  if (s[i] == '+' || s[i] == '-') buf[o++] = s[i++];
  if (!val_is_digit(s[i])) return NUM_NONE;
  int rc = val_int_part(s, &i, buf, &o);
  if (s[i] == '.' && val_is_digit(s[i + 1])) {
    buf[o++] = s[i++];
    while (val_is_digit(s[i])) {
      if (o < VAL_NUM_CAP - 1) buf[o++] = s[i];
      else if (s[i] != '0') rc = rc == NUM_OK ? NUM_PRECISION : rc;
      i++;
    }
  }
  *used = i;
  if (rc != NUM_OK) return rc;
  switch (dec_parse(buf, o, v)) {
  case DEC_OK: return NUM_OK;
  case DEC_PRECISION: return NUM_PRECISION;
  case DEC_OVERFLOW: return shift ? val_shift_number(buf, o, v, shift) : NUM_RANGE;
  default: return NUM_SYNTAX;
  }
}

static int val_number(const char *s, Dec *v, size_t *used) {
  return val_number_wide(s, v, NULL, used);
}

/* Index of the unit named by key u, or -1. */
static int val_unit(const RtProgram *p, const char *u) {
  for (uint32_t i = 0; i < p->nunits; i++)
    if (strcmp(p->units[i].name, u) == 0) return (int)i;
  for (uint32_t i = 0; i < p->nunits; i++)
    if (name_equal(p->units[i].name, u)) return (int)i;
  return -1;
}

/* The dimension's name: the name of its base unit. */
static const char *val_dim_name(const RtProgram *p, int unit) {
  uint32_t d = p->units[unit].dim;
  return d < p->nunits ? p->units[d].name : "?";
}

enum { CONV_OK, CONV_DIM, CONV_INEXACT, CONV_RANGE };

/* v * 10^shift in unit `from` converted exactly to unit `to`:
 * v * 10^shift * from.factor / to.factor. */
static int val_convert(const RtProgram *p, Dec v, int shift, int from, int to, Dec *out) {
  const RtUnit *f = &p->units[from], *t = &p->units[to];
  if (f->dim != t->dim) return CONV_DIM;
  if (shift == 0 && (from == to || f->factor == t->factor)) return *out = v, CONV_OK;
  if (t->factor == 0) return CONV_RANGE;
  __int128 n = v; /* |v| * 10^9 < 2^93: no overflow before the factor */
  for (int e = 0; e < shift; e++) n *= 10;
  if (__builtin_mul_overflow(n, (__int128)f->factor, &n)) return CONV_RANGE;
  if (n % t->factor != 0) return CONV_INEXACT;
  n /= t->factor;
  if (n > DEC_MAX || n < DEC_MIN) return CONV_RANGE;
  *out = (Dec)n;
  return CONV_OK;
}

/* Why a number could not be read, for messages (in m's language). */
static const char *val_num_why(const ValMsg *m, int rc) {
  const char *why = DATA_N_("not a number");
  if (rc == NUM_GROUP) why = DATA_N_("thousands separators must group three digits, as in 142,500");
  else if (rc == NUM_PRECISION) why = DATA_N_("more than 9 decimal places");
  else if (rc == NUM_RANGE) why = DATA_N_("the number is out of range");
  return data_tr(m->sink, why);
}

/* A quantity: number, then a unit name or nothing. */
typedef struct ValQty {
  Dec v;
  int shift;        /* the number is v * 10^shift ([DATA-WIDE]) */
  int unit;         /* -1: none written */
  const char *utext; /* the unit as written (key form), "" when none */
} ValQty;

static int val_quantity(const RtProgram *p, const char *k, ValQty *q) {
  size_t used;
  int rc = val_number_wide(k, &q->v, &q->shift, &used);
  if (rc != NUM_OK) return rc;
  q->utext = k + used;
  q->unit = *q->utext ? val_unit(p, q->utext) : -1;
  return NUM_OK;
}

/* ---- by target kind ------------------------------------------------------------ */

/* The target as written, for messages: " (≥15 场)" or "". */
static void val_target_text(const ValMsg *m, const RtIndicator *ind, char *buf, size_t cap) {
  /* TRANSLATORS: the target as written, after an indicator's name */
  if (ind->target.text && *ind->target.text)
    snprintf(buf, cap, data_tr(m->sink, DATA_N_(" (%s)")), ind->target.text);
  else if (cap) buf[0] = '\0';
}

/* What a quantitative target expects, for messages. */
static void val_quant_expect(const ValMsg *m, const RtProgram *p, const RtIndicator *ind,
                             char *buf, size_t cap) {
  int u = ind->target.unit;
  const char *name = u >= 0 && (uint32_t)u < p->nunits ? p->units[u].name : NULL;
  if (!name)
    snprintf(buf, cap, "%s", data_tr(m->sink, DATA_N_("a bare number (the target has no unit)")));
  else
    snprintf(buf, cap,
             data_tr(m->sink, DATA_N_("a number with unit %s, e.g. 15%s (a bare number is in %s)")),
             name, name, name);
}

static int val_has_unit(const RtProgram *p, int unit) {
  return unit >= 0 && (uint32_t)unit < p->nunits;
}

/* The number and unit of a quantitative value; 0, or -1 with msg. */
static int val_quant_read(const RtProgram *p, const RtIndicator *ind, const char *s,
                          const char *k, ValQty *q, const ValMsg *m) {
  /* the texts of messages are composed only for a message: printf for
   * every value was a tenth of loading a large file */
  char expect[160], tt[96];
  int to = ind->target.unit;
  if (val_looks_graded(k)) {
    val_quant_expect(m, p, ind, expect, sizeof expect);
    val_target_text(m, ind, tt, sizeof tt);
    return val_fail(m, "\"%s\" is a grade, but \"%s\" has a quantitative target%s: expected %s",
                    s, ind->name, tt, expect);
  }
  int rc = val_quantity(p, k, q);
  if (rc == NUM_NONE || rc == NUM_SYNTAX) {
    val_quant_expect(m, p, ind, expect, sizeof expect);
    return val_fail(m, "invalid value \"%s\" for \"%s\": expected %s", s, ind->name, expect);
  }
  if (rc != NUM_OK)
    return val_fail(m, "invalid number \"%s\" for \"%s\": %s", s, ind->name, val_num_why(m, rc));
  if (!val_has_unit(p, to) && *q->utext) {
    val_target_text(m, ind, tt, sizeof tt);
    return val_fail(m, "\"%s\" has a target without unit%s: expected a bare number, not \"%s\"",
                    ind->name, tt, s);
  }
  if (val_has_unit(p, to) && *q->utext && q->unit < 0)
    return val_fail(m, "unknown unit \"%s\" in \"%s\": \"%s\" is measured in %s", q->utext, s,
                    ind->name, p->units[to].name);
  return 0;
}

/* Why s could not be converted from unit `from` into the target's unit. */
static int val_convert_fail(const RtProgram *p, int rc, int from, const RtIndicator *ind,
                            const char *s, const ValMsg *m) {
  int to = ind->target.unit;
  if (rc == CONV_DIM)
    return val_fail(m,
                    "unit %s of \"%s\" is of dimension %s, but \"%s\" wants dimension %s (its target is in %s)",
                    p->units[from].name, s, val_dim_name(p, from), ind->name, val_dim_name(p, to),
                    p->units[to].name);
  if (rc == CONV_INEXACT)
    return val_fail(m, "\"%s\" cannot be converted exactly to %s (more than 9 decimal places)",
                    s, p->units[to].name);
  return val_fail(m, "\"%s\" is out of range in %s", s, p->units[to].name);
}

/* [DATA-FRACTION] 1 when the bare number q (no unit written) for ind may
 * be a fraction meant as a percentage: the target is in % with a threshold
 * of at least 10%, and 0 < q <= 1.  Excel writes 0.95 for a cell of 95% in
 * the General format; read in the target's unit it would be 0.95% and
 * score near zero without a word.  Below 10% a small value is the likely
 * one (≤5% 投诉率: 0.5 is 0.5%), so it is read as written. */
static int val_fraction(const RtProgram *p, const RtIndicator *ind, const ValQty *q) {
  int u = ind->target.unit;
  return q->unit < 0 && !q->shift && val_has_unit(p, u) && strcmp(p->units[u].name, "%") == 0 &&
         ind->target.value >= 10 * DEC_ONE && q->v > 0 && q->v <= DEC_ONE;
}

/* The message for such a value: both readings, to be written with %. */
static int val_fraction_fail(const RtIndicator *ind, const char *s, Dec v, const ValMsg *m) {
  char tt[96], as_pct[32], as_is[32];
  Dec hundred = 0;
  val_target_text(m, ind, tt, sizeof tt);
  dec_mul(v, 100 * DEC_ONE, &hundred); /* v <= 1: exact */
  dec_format(hundred, -1, as_pct, sizeof as_pct);
  dec_format(v, -1, as_is, sizeof as_is);
  return val_fail(m, "\"%s\" for \"%s\"%s could be %s%% or %s%%: write it with %%, %s%% or %s%%", s,
                  ind->name, tt, as_pct, as_is, as_pct, as_is);
}

static int val_quant(const RtProgram *p, const RtIndicator *ind, const char *s, const char *k,
                     RtActual *out, const ValMsg *m) {
  ValQty q;
  if (val_quant_read(p, ind, s, k, &q, m) < 0) return -1;
  if (val_fraction(p, ind, &q)) return val_fraction_fail(ind, s, q.v, m);
  Dec v = q.v;
  int convert = q.unit >= 0 && val_has_unit(p, ind->target.unit);
  if (!convert && q.shift) /* beyond the range, and no unit to bring it in */
    return val_fail(m, "invalid number \"%s\" for \"%s\": %s", s, ind->name,
                    val_num_why(m, NUM_RANGE));
  int rc = convert ? val_convert(p, q.v, q.shift, q.unit, ind->target.unit, &v) : CONV_OK;
  if (rc != CONV_OK) return val_convert_fail(p, rc, q.unit, ind, s, m);
  out->kind = RT_ACT_NUMBER, out->value = v;
  return 0;
}

/* Digits d[0..n) as an int (n <= 4). */
static int val_small_int(const char *d, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++) v = v * 10 + (d[i] - '0');
  return v;
}

/* 1-maxd digits at *s, advanced past them; -1 when there are none or more. */
static int val_date_part(const char **s, size_t mind, size_t maxd) {
  size_t n = 0;
  while (val_is_digit((*s)[n])) n++;
  if (n < mind || n > maxd) return -1;
  int v = val_small_int(*s, n);
  *s += n;
  return v;
}

/* s starts with the literal lit; if so it is skipped. */
static int val_skip(const char **s, const char *lit) {
  size_t n = strlen(lit);
  if (strncmp(*s, lit, n) != 0) return 0;
  *s += n;
  return 1;
}

/* yyyy-m-d, yyyy/m/d, yyyy.m.d or yyyy年m月d日: 1 with the parts, 0 if
 * another form. */
static int val_date_form(const char *k, int *y, int *m, int *d) {
  const char *s = k;
  if ((*y = val_date_part(&s, 4, 4)) < 0) return 0;
  const char *sep1 = *s == '-' ? "-" : *s == '/' ? "/" : *s == '.' ? "." : "年";
  const char *sep2 = *s == '-' ? "-" : *s == '/' ? "/" : *s == '.' ? "." : "月";
  const char *end = strcmp(sep1, "年") == 0 ? "日" : "";
  if (!val_skip(&s, sep1) || (*m = val_date_part(&s, 1, 2)) < 0) return 0;
  if (!val_skip(&s, sep2) || (*d = val_date_part(&s, 1, 2)) < 0) return 0;
  return val_skip(&s, end) && *s == '\0';
}

static int val_date(const RtIndicator *ind, const char *s, const char *k, RtActual *out,
                    const ValMsg *m) {
  int y, mon, d, y2, mon2, d2;
  if (!val_date_form(k, &y, &mon, &d)) {
    int digits = 0;
    for (const char *q = k; *q; q++) digits |= val_is_digit(*q);
    if (!digits) /* 已完成, 按时完成, 达成: done, but when? */
      return val_fail(m,
                      "\"%s\" for \"%s\" says it was done but not when: a deadline target wants "
                      "the day it was done, e.g. 2023-11-30 (any day on or before the deadline "
                      "scores full points)",
                      s, ind->name);
    return val_fail(m,
                    "invalid date \"%s\" for \"%s\": expected a date like 2023-11-30, 2023/11/30 or 2023年11月30日",
                    s, ind->name);
  }
  int32_t day = rt_days_from_civil(y, mon, d);
  rt_civil_from_days(day, &y2, &mon2, &d2);
  if (mon < 1 || mon > 12 || y2 != y || mon2 != mon || d2 != d)
    return val_fail(m, "invalid date \"%s\" for \"%s\": there is no such day", s, ind->name);
  out->kind = RT_ACT_DATE, out->date = day;
  return 0;
}

/* The members of a scale, "1A, 2A, 3A", for messages. */
static void val_scale_list(const ValMsg *m, const RtScale *sc, char *buf, size_t cap) {
  const char *sep = data_tr(m->sink, DATA_N_(", "));
  size_t o = 0;
  buf[0] = '\0';
  for (uint32_t i = 0; i < sc->nmembers && o < cap; i++) {
    int n = snprintf(buf + o, cap - o, "%s%s", i ? sep : "", sc->members[i]);
    if (n < 0) break;
    o += (size_t)n;
  }
}

static int val_rank(const RtProgram *p, const RtIndicator *ind, const char *s, const char *k,
                    RtActual *out, const ValMsg *m) {
  int32_t si = ind->target.scale;
  if (si < 0 || (uint32_t)si >= p->nscales)
    return val_fail(m, "\"%s\" has no scale to read \"%s\" on", ind->name, s);
  const RtScale *sc = &p->scales[si];
  size_t n = strlen(k), lev = strlen("级");
  if (n > lev && strcmp(k + n - lev, "级") == 0) n -= lev;
  for (uint32_t i = 0; i < sc->nmembers; i++) {
    char *mk = name_key(sc->members[i], strlen(sc->members[i]));
    if (!mk) return -2;
    int eq = strlen(mk) == n && memcmp(mk, k, n) == 0;
    free(mk);
    if (eq) {
      out->kind = RT_ACT_RANK, out->rank = (int32_t)i + 1;
      return 0;
    }
  }
  char list[256];
  val_scale_list(m, sc, list, sizeof list);
  return val_fail(m, "\"%s\" is not a grade on scale %s (%s), which \"%s\" is measured on",
                  s, sc->name, list, ind->name);
}

/* The band of a grade in the project's policy. */
static const RtBand *val_band(const RtPolicy *pol, int grade) {
  return grade == RT_GRADE_MET ? &pol->met : grade == RT_GRADE_PARTIAL ? &pol->partial : &pol->unmet;
}

/* Points of share x of w, as text. */
static void val_points_text(Dec x, Dec w, char *buf) {
  Dec v = 0;
  if (dec_mul(x, w, &v) != DEC_OK) v = 0;
  dec_format(v, -1, buf, 32);
}

/* The score v (points) must lie in the grade's band: [lo, hi] for met,
 * [lo, hi) for the others, as shares of the points w. */
static int val_in_band(const RtBand *b, int grade, Dec v, Dec w) {
  Dec lo, hi;
  if (dec_mul(b->lo, w, &lo) != DEC_OK || dec_mul(b->hi, w, &hi) != DEC_OK) return 0;
  return v >= lo && (grade == RT_GRADE_MET ? v <= hi : v < hi);
}

/* The score after "grade:": points, "分" points or a percentage of w. */
static int val_score(const RtIndicator *ind, const char *sc, Dec *v, int *pct) {
  size_t used;
  Dec x;
  int rc = val_number(sc, &x, &used);
  if (rc != NUM_OK) return rc == NUM_NONE ? NUM_SYNTAX : rc;
  const char *rest = sc + used;
  *pct = strcmp(rest, "%") == 0;
  if (!*pct && *rest && strcmp(rest, "分") != 0) return NUM_SYNTAX;
  if (!*pct) return *v = x, NUM_OK;
  return dec_muldiv(ind->points, x, 100 * DEC_ONE, v) == DEC_OK ? NUM_OK : NUM_RANGE;
}

static int val_band_error(const RtPolicy *pol, const RtIndicator *ind, int grade,
                          const char *s, const ValMsg *m) {
  const RtBand *b = val_band(pol, grade);
  char lo[32], hi[32], w[32], lop[32], hip[32];
  val_points_text(b->lo, ind->points, lo);
  val_points_text(b->hi, ind->points, hi);
  dec_format(ind->points, -1, w, sizeof w);
  val_points_text(b->lo, 100 * DEC_ONE, lop);
  val_points_text(b->hi, 100 * DEC_ONE, hip);
  char close = grade == RT_GRADE_MET ? ']' : ')';
  return val_fail(m,
                  "score of \"%s\" is outside the band of %s for \"%s\": [%s, %s%c of its %s points ([%s%%, %s%%%c)",
                  s, val_grade_names[grade], ind->name, lo, hi, close, w, lop, hip, close);
}

static int val_graded(const RtPolicy *pol, const RtIndicator *ind, const char *s,
                      const char *k, RtActual *out, const ValMsg *m) {
  const char *colon = strchr(k, ':');
  int grade = val_grade_word(k, colon ? (size_t)(colon - k) : strlen(k));
  if (grade < 0)
    return val_fail(m,
                    "invalid value \"%s\" for \"%s\": expected 达成, 部分达成 or 未达成, optionally with a score (部分达成:11 or 部分达成:70%%)",
                    s, ind->name);
  out->kind = RT_ACT_GRADE, out->grade = (uint8_t)grade;
  if (!colon) return 0;
  Dec v;
  int pct, rc = val_score(ind, colon + 1, &v, &pct);
  if (rc == NUM_SYNTAX)
    return val_fail(m, "invalid score in \"%s\" for \"%s\": expected points (部分达成:11) or a percentage of the points (部分达成:70%%)",
                    s, ind->name);
  if (rc != NUM_OK)
    return val_fail(m, "invalid score in \"%s\" for \"%s\": %s", s, ind->name, val_num_why(m, rc));
  if (!val_in_band(val_band(pol, grade), grade, v, ind->points))
    return val_band_error(pol, ind, grade, s, m);
  out->has_score = 1, out->value = v;
  return 0;
}

/* The text in key form; NULL when out of memory. */
static char *val_key(const char *s, size_t len) { return name_key(s, len); }

/* Length of the digit (0-9 or full-width ０-９) at s, or 0. */
static size_t val_digit_at(const unsigned char *s, size_t n) {
  if (n >= 1 && s[0] >= '0' && s[0] <= '9') return 1;
  if (n >= 3 && s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99) return 3;
  return 0;
}

/* Length of the space (ASCII space or tab, no-break space U+00A0,
 * ideographic space U+3000) at s, or 0. */
static size_t val_space_at(const unsigned char *s, size_t n) {
  if (n >= 1 && (s[0] == ' ' || s[0] == '\t')) return 1;
  if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0) return 2;
  if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) return 3;
  return 0;
}

/* 1 when the text has a digit, spaces, and a digit again (`1 5`, `1 000`):
 * the key form drops spaces, which would join them into one number, and a
 * space is no thousands separator here ([DATA-NUM]). */
static int val_split_digits(const char *text, size_t len) {
  const unsigned char *s = (const unsigned char *)text;
  for (size_t i = 0, d; i < len; i += d ? d : 1) {
    if (!(d = val_digit_at(s + i, len - i))) continue;
    size_t j = i + d, sp, k = 0;
    while (j < len && (sp = val_space_at(s + j, len - j))) j += sp, k++;
    if (k && val_digit_at(s + j, len - j)) return 1;
  }
  return 0;
}

/* The message for such a text; returns -1. */
static int val_split_fail(const char *s, const ValMsg *m) {
  return val_fail(m, "spaces inside a number in \"%s\": write the number without them (1500, or "
                     "1,500 with a thousands separator)",
                  s);
}

int val_actual(const RtProgram *p, const RtProject *pj, const RtIndicator *ind,
               const char *s, size_t len, RtActual *out, const ValMsg *m) {
  if (val_split_digits(s, len)) return val_split_fail(s, m);
  char *k = val_key(s, len);
  if (!k) return -2;
  int rc = 0;
  static const RtPolicy no_policy; /* a program without policy: no score fits a band */
  const RtPolicy *pol = pj->policy < p->npolicies ? &p->policies[pj->policy] : &no_policy;
  if (val_is_na(k)) out->kind = RT_ACT_NA;
  else if (ind->target.kind == RT_TGT_QUANT) rc = val_quant(p, ind, s, k, out, m);
  else if (ind->target.kind == RT_TGT_DEADLINE) rc = val_date(ind, s, k, out, m);
  else if (ind->target.kind == RT_TGT_GRADE) rc = val_rank(p, ind, s, k, out, m);
  else rc = val_graded(pol, ind, s, k, out, m);
  free(k);
  return rc;
}

int val_money(const RtProgram *p, const RtProject *pj, const char *s, size_t len, Dec *out,
              const ValMsg *m) {
  if (val_split_digits(s, len)) return val_split_fail(s, m);
  char *k = val_key(s, len);
  if (!k) return -2;
  const char *cur = pj->currency < p->nunits ? p->units[pj->currency].name : "?";
  ValQty q;
  int rc = val_quantity(p, k, &q), r = -1;
  if (rc == NUM_NONE || rc == NUM_SYNTAX)
    val_fail(m, "invalid 执行数 \"%s\": expected a money amount, e.g. 13.5%s (a bare number is in %s)",
             s, cur, cur);
  else if (rc != NUM_OK)
    val_fail(m, "invalid 执行数 \"%s\": %s", s, val_num_why(m, rc));
  else if (*q.utext && q.unit < 0)
    val_fail(m, "unknown unit \"%s\" in 执行数 \"%s\": amounts are in %s", q.utext, s, cur);
  else if (q.unit < 0 && q.shift && !strcmp(cur, "元"))
    val_fail(m, "invalid 执行数 \"%s\": %s", s, val_num_why(m, NUM_RANGE));
  else if (q.unit < 0 && q.shift)
    val_fail(m, "invalid 执行数 \"%s\": the number is out of range in %s; if it is in a smaller "
                "unit, write the unit after it (\"%s元\")", s, cur, s);
  else if (q.unit < 0)
    *out = q.v, r = 0;
  else if (pj->currency >= p->nunits)
    val_fail(m, "invalid 执行数 \"%s\": the project has no currency; give a bare number", s);
  else if ((rc = val_convert(p, q.v, q.shift, q.unit, (int)pj->currency, out)) == CONV_DIM)
    val_fail(m, "unit %s of 执行数 \"%s\" is of dimension %s, but money is of dimension %s (amounts are in %s)",
             p->units[q.unit].name, s, val_dim_name(p, q.unit), val_dim_name(p, (int)pj->currency), cur);
  else if (rc == CONV_INEXACT)
    val_fail(m, "执行数 \"%s\" cannot be converted exactly to %s (more than 9 decimal places)", s, cur);
  else if (rc != CONV_OK)
    val_fail(m, "执行数 \"%s\" is out of range in %s", s, cur);
  else
    r = 0;
  if (r == 0 && *out < 0) /* [PROJ-1] amounts are never negative */
    r = val_fail(m, "invalid 执行数 \"%s\": money spent cannot be negative", s);
  /* [DATA-SPENT] a bare number more than 100 times the budget is one in
   * another unit (元 where the spec counts 万元), not spending */
  if (r == 0 && q.unit < 0 && pj->budget > 0 && *out / 100 > pj->budget) {
    char budget[40];
    dec_format(pj->budget, -1, budget, sizeof budget);
    if (strcmp(cur, "元") != 0)
      r = val_fail(m, "invalid 执行数 \"%s\": more than 100 times 预算数 %s %s; if it is in 元, "
                      "write the unit after it (\"%s元\")", s, budget, cur, s);
    else
      r = val_fail(m, "invalid 执行数 \"%s\": more than 100 times 预算数 %s %s; check the "
                      "number, or write its unit after it", s, budget, cur);
  }
  free(k);
  return r;
}

int val_plain(const char *field, const char *s, size_t len, Dec *out, const ValMsg *m) {
  if (val_split_digits(s, len)) return val_split_fail(s, m);
  char *k = val_key(s, len);
  if (!k) return -2;
  size_t used = 0;
  int rc = val_number(k, out, &used);
  int r = rc == NUM_OK && k[used] == '\0' ? 0 : -1;
  if (r && (rc == NUM_OK || rc == NUM_NONE || rc == NUM_SYNTAX))
    val_fail(m, "invalid value \"%s\" for raw field \"%s\": expected a plain number without unit",
             s, field);
  else if (r)
    val_fail(m, "invalid number \"%s\" for raw field \"%s\": %s", s, field, val_num_why(m, rc));
  free(k);
  return r;
}

/* ---- JSON numbers ----------------------------------------------------------------- */

int val_json_number(const char *s, size_t len, char *buf, size_t bufcap, const ValMsg *m) {
  char digits[DATA_MAX_NUMBER_CHARS];
  size_t nd = 0, i = 0, o = 0;
  if (len > DATA_MAX_NUMBER_CHARS || bufcap < VAL_JSON_NUMBER_CAP)
    return val_fail(m, "number %.*s is too long", (int)(len > 40 ? 40 : len), s);
  long point = -1, exp = 0;
  int neg = len && s[0] == '-';
  i = (size_t)neg;
  for (; i < len && s[i] != 'e' && s[i] != 'E'; i++) {
    if (s[i] == '.') point = (long)nd;
    else if (nd < sizeof digits) digits[nd++] = s[i];
  }
  if (point < 0) point = (long)nd;
  if (i < len) {
    exp = strtol(s + i + 1, NULL, 10);
    if (exp > 40 || exp < -40 || len - i > 6)
      return val_fail(m, "number %.*s is out of range", (int)len, s);
  }
  point += exp;
  if (neg) buf[o++] = '-';
  if (point <= 0) {
    buf[o++] = '0', buf[o++] = '.';
    for (long z = point; z < 0; z++) buf[o++] = '0';
  }
  for (size_t d = 0; d < nd; d++) {
    if ((long)d == point && point > 0) buf[o++] = '.';
    buf[o++] = digits[d];
  }
  for (long z = (long)nd; z < point; z++) buf[o++] = '0';
  buf[o] = '\0';
  return 0;
}
