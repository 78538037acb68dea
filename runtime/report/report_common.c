/*
 * report_common.c - the pieces every writer shares (report_int.h): the
 * output sink, a bounded string builder, formatting of numbers, money,
 * percentages and dates, the words of both languages, and the project
 * and indicator views that hold every text a writer prints.
 */
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

#include "report_int.h"

/* ---- output ---------------------------------------------------------- */

void rep_out_init(RepOut *o, RepWrite w, void *ud) {
  o->w = w;
  o->ud = ud;
  o->err = 0;
  o->n = 0;
}

/* Hand s[0..n) to the callback. */
static void rep_out_call(RepOut *o, const char *s, size_t n) {
  if (o->err || n == 0) return;
  int rc = o->w(o->ud, s, n);
  if (rc) o->err = rc;
}

int rep_out_end(RepOut *o) {
  rep_out_call(o, o->buf, o->n);
  o->n = 0;
  return o->err;
}

void rep_put_full(RepOut *o, const char *s, size_t n) {
  rep_out_end(o);
  if (n > sizeof o->buf) {
    rep_out_call(o, s, n);
    return;
  }
  memcpy(o->buf, s, n);
  o->n = n;
}

void rep_spaces(RepOut *o, size_t n) {
  static const char blanks[] = "                                ";
  while (n > 0) {
    size_t k = n < sizeof blanks - 1 ? n : sizeof blanks - 1;
    rep_put(o, blanks, k);
    n -= k;
  }
}

void rep_part(const RtResult *r, const RepOptions *o, RepPart *part) {
  uint32_t n = r->prog->nprojects;
  part->from = 0;
  part->to = n;
  if (o && o->part) {
    part->to = o->to < n ? o->to : n;
    part->from = o->from < part->to ? o->from : part->to;
  }
  part->head = part->from == 0;
  part->tail = part->to == n;
}

/* ---- string builder ------------------------------------------------ */

void rep_buf_init(RepBuf *b, char *p, size_t cap) {
  b->p = p;
  b->cap = cap;
  b->len = 0;
  if (cap) p[0] = '\0';
}

void rep_catn_full(RepBuf *b, const char *s, size_t n) {
  if (b->cap == 0 || b->len == b->cap) return;
  size_t room = b->cap - 1 - b->len;
  if (n > room) {
    n = room;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--; /* not mid-character */
    memcpy(b->p + b->len, s, n);
    b->p[b->len + n] = '\0';
    b->len = b->cap; /* full: later pieces are dropped too */
    return;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

/* ---- UTF-8 and display width ------------------------------------------- */

size_t rep_next_mb(const char *s, size_t len, int32_t *cp) {
  utf8proc_int32_t c; /* rep_next decoded ASCII and Chinese text already */
  utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                        (utf8proc_ssize_t)(len < 4 ? len : 4), &c);
  if (n <= 0) {
    *cp = -1;
    return 1;
  }
  *cp = c;
  return (size_t)n;
}

size_t rep_width(const char *s, size_t len) { return rep_width_clean(s, len, NULL); }

size_t rep_width_clean(const char *s, size_t len, int *clean) {
  size_t w = 0, i = 0;
  if (clean) *clean = 1;
  while (i < len) {
    int32_t cp;
    i += rep_next(s + i, len - i, &cp);
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
      w += 1; /* invalid byte or control character: one replacement column */
      if (clean) *clean = 0;
    } else if (cp < 0x7F)
      w += 1; /* the common cases without a table lookup (test_report.c, width_fast) */
    else if (cp >= 0x4E00 && cp <= 0x9FFF)
      w += 2; /* CJK Unified Ideographs: East Asian Wide */
    else
      w += (size_t)utf8proc_charwidth(cp);
  }
  return w;
}

/* ---- numbers and dates ------------------------------------------------- */

void rep_fmt_dec(Dec v, int digits, char buf[REP_NUM]) { dec_format(v, digits, buf, REP_NUM); }

void rep_fmt_money(Dec v, char buf[REP_NUM]) {
  dec_format(v, -1, buf, REP_NUM);
  const char *dot = strchr(buf, '.');
  if (!dot || strlen(dot + 1) < 2) dec_format(v, 2, buf, REP_NUM);
}

/* The fraction as a percentage: the decimal point moves two places, so
 * the text is exact and rounds once (half up) at the last digit shown.
 * digits < 0: as many as needed. */
void rep_fmt_pct(Dec frac, int digits, char buf[REP_NUM]) {
  if (digits > DEC_DIGITS - 2) digits = DEC_DIGITS - 2;
  int d = digits < 0 ? DEC_DIGITS : digits + 2;
  char t[REP_NUM];
  dec_format(frac, d, t, sizeof t);
  const char *s = t, *dot = strchr(t, '.');
  size_t o = 0;
  if (*s == '-') buf[o++] = *s++;
  size_t start = o;
  for (const char *p = s; p < dot; p++) /* whole part without leading zeros */
    if (o > start || *p != '0') buf[o++] = *p;
  for (int k = 1; k <= 2; k++)
    if (o > start || dot[k] != '0') buf[o++] = dot[k];
  if (o == start) buf[o++] = '0';
  const char *rest = dot + 3;
  size_t n = strlen(rest);
  if (digits < 0)
    while (n > 0 && rest[n - 1] == '0') n--;
  if (n > 0) {
    buf[o++] = '.';
    memcpy(buf + o, rest, n);
    o += n;
  }
  buf[o] = '\0';
}

void rep_fmt_date(int32_t day, char buf[REP_DATE]) {
  int y, m, d;
  rt_civil_from_days(day, &y, &m, &d);
  if (y < 0 || y > 9999) {
    snprintf(buf, REP_DATE, "%04d-%02d-%02d", y, m, d);
    return;
  }
  /* the common case by hand: printf was a tenth of writing a report */
  char t[11] = {(char)('0' + y / 1000), (char)('0' + y / 100 % 10), (char)('0' + y / 10 % 10),
                (char)('0' + y % 10), '-', (char)('0' + m / 10), (char)('0' + m % 10), '-',
                (char)('0' + d / 10), (char)('0' + d % 10), '\0'};
  memcpy(buf, t, sizeof t);
}

void rep_fmt_int(long long v, char buf[REP_NUM]) {
  char t[24];
  size_t pos = sizeof t;
  unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
  t[--pos] = '\0';
  do {
    t[--pos] = (char)('0' + m % 10);
    m /= 10;
  } while (m);
  if (v < 0) t[--pos] = '-';
  memcpy(buf, t + pos, sizeof t - pos);
}

void rep_cat_qty(RepBuf *b, Dec v, const char *unit) {
  char n[REP_NUM];
  rep_fmt_dec(v, -1, n);
  rep_cat(b, n);
  if (!unit || !*unit) return;
  if (strcmp(unit, "%") != 0 && strcmp(unit, "‰") != 0) rep_cat(b, " ");
  rep_cat(b, unit);
}

/* ---- words --------------------------------------------------------------- */

static const char *const status_words[RT_ST_PENDING + 1][2] = {
    {"达成", "met"},     {"部分达成", "partial"}, {"未达成", "unmet"},
    {"未填报", "missing"}, {"不适用", "n/a"},       {"未到期", "pending"},
};

static const char *const grade_words[4][2] = {
    {"优", "excellent"}, {"良", "good"}, {"中", "fair"}, {"差", "poor"}};

const int rep_flag_bits[REP_NFLAGS] = {RT_FLAG_NOT_MET, RT_FLAG_OVERSHOOT, RT_FLAG_LOW_RATE,
                                       RT_FLAG_LAG, RT_FLAG_UNDEFINED};
static const char *const flag_words[REP_NFLAGS][3] = {
    {"未达标", "not met", "not_met"},
    {"超额", "overshoot", "overshoot"},
    {"执行率低", "low rate", "low_rate"},
    {"进度滞后", "lag", "lag"},
    {"无法计算", "not computable", "undefined"},
};

const char *rep_status_word(int status, int en) {
  return status >= 0 && status <= RT_ST_PENDING ? status_words[status][en ? 1 : 0] : "?";
}

const char *rep_grade_word(int grade, int en) {
  return grade >= 0 && grade < 4 ? grade_words[grade][en ? 1 : 0] : "?";
}

const char *rep_grade_key(int grade) { return rep_grade_word(grade, 1); }

static int flag_slot(int flag) {
  for (int k = 0; k < REP_NFLAGS; k++)
    if (rep_flag_bits[k] == flag) return k;
  return -1;
}

const char *rep_flag_word(int flag, int en) {
  int k = flag_slot(flag);
  return k < 0 ? "?" : flag_words[k][en ? 1 : 0];
}

const char *rep_flag_key(int flag) {
  int k = flag_slot(flag);
  return k < 0 ? "?" : flag_words[k][2];
}

void rep_flags_text(int flags, int en, const char *sep, char *buf, size_t cap) {
  RepBuf b;
  rep_buf_init(&b, buf, cap);
  int any = 0;
  for (int k = 0; k < REP_NFLAGS; k++) {
    if (!(flags & rep_flag_bits[k])) continue;
    if (any++) rep_cat(&b, sep);
    rep_cat(&b, flag_words[k][en ? 1 : 0]);
  }
}

void rep_level2_short(int cat, int en, const char **s, size_t *len) {
  static const char suffix[] = "指标";
  const char *name = rt_category_name(cat, en);
  size_t n = strlen(name), k = sizeof suffix - 1;
  if (!en && n > k && memcmp(name + n - k, suffix, k) == 0) n -= k;
  *s = name;
  *len = n;
}

/* ---- projects -------------------------------------------------------------- */

static const RtPolicy *rep_policy(const RtProgram *prog, const RtProject *p) {
  return p->policy < prog->npolicies ? &prog->policies[p->policy] : NULL;
}

static const char *rep_unit_name(const RtProgram *prog, int64_t unit) {
  if (unit < 0 || unit >= (int64_t)prog->nunits || !prog->units[unit].name) return NULL;
  return prog->units[unit].name;
}

static int rep_rate_status(const RtProjResult *res) {
  if (!res->has_spent || res->rate < 0) return RT_ST_MISSING;
  return res->rate >= DEC_ONE ? RT_ST_MET : res->rate > 0 ? RT_ST_PARTIAL : RT_ST_UNMET;
}

static void rep_proj_money(RepProj *x, const RtProjResult *res) {
  rep_fmt_money(res->planned, x->planned);
  x->spent[0] = x->rate[0] = '\0';
  if (x->has_spent) rep_fmt_money(res->spent, x->spent);
  if (x->has_rate) rep_fmt_pct(res->rate, 2, x->rate);
}

void rep_proj(const RtResult *r, uint32_t proj, RepProj *x) {
  const RtProgram *prog = r->prog;
  const RtProjResult *res = &r->proj[proj];
  memset(x, 0, sizeof *x);
  x->p = &prog->projects[proj];
  x->res = res;
  x->name = x->p->name ? x->p->name : "";
  x->currency = rep_unit_name(prog, x->p->currency);
  if (!x->currency) x->currency = "";
  x->first = x->p->first < prog->nindicators ? x->p->first : prog->nindicators;
  x->end = x->p->nind <= prog->nindicators - x->first ? x->first + x->p->nind
                                                       : prog->nindicators;
  x->has_spent = res->has_spent != 0;
  x->has_rate = x->has_spent && res->rate >= 0;
  x->midyear = r->as_of != INT32_MIN;
  x->rate_status = rep_rate_status(res);
  rep_proj_money(x, res);
  if (x->midyear) rep_fmt_date(r->as_of, x->as_of);
  if (x->midyear && res->elapsed >= 0) rep_fmt_pct(res->elapsed, 2, x->elapsed);
  const RtPolicy *pol = rep_policy(prog, x->p);
  rep_fmt_dec(pol ? pol->w_rate : 0, 2, x->rate_points);
  rep_fmt_dec(res->rate_score, 2, x->rate_score);
  rep_fmt_dec(res->total, 2, x->total);
  for (uint32_t i = x->first; i < x->end; i++)
    if (r->ind[i].status <= RT_ST_PENDING) x->count[r->ind[i].status]++;
}

static void rep_cat_money(RepBuf *b, const char *amount, const char *currency) {
  rep_cat(b, amount);
  if (*currency) {
    rep_cat(b, " ");
    rep_cat(b, currency);
  }
}

void rep_rate_explain(const RepProj *x, int en, char *buf, size_t cap) {
  RepBuf b;
  rep_buf_init(&b, buf, cap);
  if (!x->has_spent) {
    rep_cat(&b, en ? "spent not reported" : "执行数未填报");
  } else {
    rep_cat(&b, en ? "spent " : "执行数 ");
    rep_cat_money(&b, x->spent, x->currency);
    rep_cat(&b, en ? " / planned " : " / 预算数 ");
    rep_cat_money(&b, x->planned, x->currency);
    if (x->has_rate) {
      rep_cat(&b, " = ");
      rep_cat(&b, x->rate);
      rep_cat(&b, "%");
    } else { /* spent against a budget of 0 ([SCORE-RATE]) */
      rep_cat(&b, en ? ": no rate can be computed" : "，执行率无法计算");
    }
  }
  if (x->midyear && x->elapsed[0]) {
    rep_cat(&b, en ? "; elapsed " : "; 时间进度 ");
    rep_cat(&b, x->elapsed);
    rep_cat(&b, en ? "% (as of " : "% (截至 ");
    rep_cat(&b, x->as_of);
    rep_cat(&b, ")");
  }
}

void rep_proj_summary(const RepProj *x, int en, char *buf, size_t cap) {
  RepBuf b;
  rep_buf_init(&b, buf, cap);
  char n[REP_NUM];
  uint32_t total = x->end - x->first;
  rep_fmt_int(total, n);
  if (en) {
    rep_cat(&b, n);
    rep_cat(&b, total == 1 ? " indicator" : " indicators");
  } else {
    rep_cat(&b, "指标 ");
    rep_cat(&b, n);
    rep_cat(&b, " 项");
  }
  int any = 0;
  for (int st = 0; st <= RT_ST_PENDING; st++) {
    if (!x->count[st]) continue;
    rep_cat(&b, any++ ? ", " : ": ");
    rep_fmt_int(x->count[st], n);
    if (en) {
      rep_cat(&b, n);
      rep_cat(&b, " ");
      rep_cat(&b, rep_status_word(st, 1));
    } else {
      rep_cat(&b, rep_status_word(st, 0));
      rep_cat(&b, " ");
      rep_cat(&b, n);
    }
  }
  rep_cat(&b, en ? "; total " : "; 总分 ");
  rep_cat(&b, x->total);
  rep_cat(&b, en ? ", grade " : ", 等级 ");
  rep_cat(&b, rep_grade_word(x->res->grade, en));
}

void rep_title(const RtResult *r, int en, char *buf, size_t cap) {
  RepBuf b;
  rep_buf_init(&b, buf, cap);
  if (r->as_of == INT32_MIN) {
    rep_cat(&b, en ? "Performance self-evaluation" : "绩效自评结果");
    return;
  }
  char d[REP_DATE];
  rep_fmt_date(r->as_of, d);
  rep_cat(&b, en ? "Performance monitoring (as of " : "绩效运行监控 (截至 ");
  rep_cat(&b, d);
  rep_cat(&b, ")");
}

/* ---- indicators -------------------------------------------------------------- */

static const RtActual rep_no_actual = {.kind = RT_ACT_MISSING};

static const RtActual *rep_actual(const RtResult *r, uint32_t i) {
  return r->act && r->act->ind ? &r->act->ind[i] : &rep_no_actual;
}

const char *rep_note(const RtResult *r, uint32_t i) {
  const char *note = rep_actual(r, i)->note;
  return note ? note : "";
}

const char *rep_unit(const RtProgram *prog, const RtTarget *t) {
  return t->kind == RT_TGT_QUANT ? rep_unit_name(prog, t->unit) : NULL;
}

const char *rep_rank(const RtProgram *prog, const RtTarget *t, int32_t rank) {
  if (t->scale < 0 || (uint32_t)t->scale >= prog->nscales) return NULL;
  const RtScale *sc = &prog->scales[t->scale];
  return rank >= 1 && (uint32_t)rank <= sc->nmembers ? sc->members[rank - 1] : NULL;
}

int rep_derived_b(const RtIndicator *in, const RtIndResult *res, Dec *b) {
  return in->derived && in->target.kind == RT_TGT_QUANT && res->status <= RT_ST_UNMET &&
         dec_add(in->target.value, res->gap, b) == DEC_OK;
}

/* [REP-RATIO] Computed here, when it is printed, and never in evaluation:
 * a quantitative target's status is met, partial or unmet only when the VM
 * scored it, and then RtIndResult.b is the B it scored.  A target of zero
 * or below has no completion ratio, and a ratio below 0 (B negative) is
 * not shown. */
int rep_ratio(const RtIndicator *in, const RtIndResult *res, Dec *ratio) {
  Dec r;
  if (in->target.kind != RT_TGT_QUANT || res->status > RT_ST_UNMET || in->target.value <= 0 ||
      dec_div(res->b, in->target.value, &r) != DEC_OK || r < 0)
    return 0;
  *ratio = r;
  return 1;
}

/* The actual as the report shows it when the data gave no text. */
static void rep_actual_composed(const RtResult *r, uint32_t i, int en, RepBuf *b) {
  const RtIndicator *in = &r->prog->indicators[i];
  const RtActual *act = rep_actual(r, i);
  const char *unit = rep_unit(r->prog, &in->target), *rank;
  char d[REP_DATE];
  Dec v;
  switch (act->kind) {
  case RT_ACT_NUMBER: rep_cat_qty(b, act->value, unit); break;
  case RT_ACT_DATE: rep_fmt_date(act->date, d), rep_cat(b, d); break;
  case RT_ACT_GRADE: /* RT_GRADE_* have the values of RT_ST_MET..RT_ST_UNMET */
    rep_cat(b, rep_status_word(act->grade <= RT_GRADE_UNMET ? act->grade : -1, en));
    break;
  case RT_ACT_NA: rep_cat(b, rep_status_word(RT_ST_NA, en)); break;
  case RT_ACT_RANK:
    if ((rank = rep_rank(r->prog, &in->target, act->rank))) rep_cat(b, rank);
    break;
  default:
    if (rep_derived_b(in, &r->ind[i], &v)) rep_cat_qty(b, v, unit);
  }
}

#if defined(__GNUC__)
#define REP_PREFETCH_AT(p) __builtin_prefetch(p)
#else
#define REP_PREFETCH_AT(p) ((void)(p))
#endif

void rep_prefetch_ind(const RtResult *r, uint32_t i) {
  if (i >= r->prog->nindicators) return;
  const RtIndicator *in = &r->prog->indicators[i];
  REP_PREFETCH_AT(in->name);
  REP_PREFETCH_AT(in->target.text);
  if (r->act && r->act->ind) REP_PREFETCH_AT(r->act->ind[i].text);
}

void rep_ind(const RtResult *r, uint32_t i, int en, RepInd *x) {
  const RtIndicator *in = &r->prog->indicators[i];
  const RtActual *act = rep_actual(r, i);
  x->in = in;
  x->res = &r->ind[i];
  x->id = in->id && *in->id ? in->id : NULL;
  x->name = in->name ? in->name : "";
  x->target = in->target.text ? in->target.text : "";
  if (act->text && *act->text) {
    x->actual = act->text;
  } else {
    RepBuf b;
    rep_buf_init(&b, x->abuf, sizeof x->abuf);
    rep_actual_composed(r, i, en, &b);
    x->actual = x->abuf;
  }
  x->has_actual = x->actual[0] != '\0';
  x->note = rep_note(r, i);
  x->has_score = x->res->status != RT_ST_NA && x->res->status != RT_ST_PENDING;
  rep_fmt_dec(in->points, 2, x->weight);
  x->score[0] = '\0';
  if (x->has_score) rep_fmt_dec(x->res->score, 2, x->score);
  x->ratio[0] = '\0';
  rep_explain_ratio(r, i, en, x->expl, sizeof x->expl, x->ratio);
}
