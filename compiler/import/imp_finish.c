/*
 * imp_finish.c - the second pass over a project, once all its rows are
 * read: cleaned texts, joins checked against the project's other rows,
 * targets, weights, and a budget that adds up ([IMPORT-FINISH] in
 * docs/import.md).
 */
#include <stdlib.h>
#include <string.h>

#include "../support/indc_limits.h"
#include "support/i18n.h"
#include "imp_internal.h"

/* ---- texts ------------------------------------------------------------------- */

static const char *or_null(const char *s) { return s && *s ? s : NULL; }

/* [IMPORT-LIMITS] A text fits in a string of the language: with its quotes
 * and a backslash before each " and \, at most LIM_TOKEN_BYTES (a cell
 * within the limit may pass it once escaped, or joined across a page
 * break).  Else an error at line. */
static void fits(ImpCtx *c, ImpProject *p, unsigned line, const char *what, const char *s) {
  size_t n = 2;
  for (const char *q = s ? s : ""; *q; q++) n += 1 + (*q == '"' || *q == '\\');
  if (n > LIM_TOKEN_BYTES)
    imp_fail(c, p, line, "%s is %zu bytes long as a string of the language (limit %u)", what,
             n, LIM_TOKEN_BYTES);
}

static void texts(ImpCtx *c, ImpProject *p) {
  fits(c, p, p->line, "项目名称", p->name);
  fits(c, p, p->budget_line ? p->budget_line : p->line, "资金用途", p->purpose);
  fits(c, p, p->line, "绩效目标", p->goal);
  for (size_t i = 0; i < p->ninds; i++) {
    ImpInd *ind = p->inds[i];
    ind->name = imp_clean(c->a, ind->raw[ROLE_L3]);
    ind->desc = or_null(imp_clean(c->a, ind->raw[ROLE_DESC]));
    ind->actual = or_null(imp_clean(c->a, ind->raw[ROLE_ACTUAL]));
    ind->note = or_null(imp_clean(c->a, ind->raw[ROLE_NOTE]));
    ind->raw[ROLE_VALUE] = imp_clean(c->a, ind->raw[ROLE_VALUE]);
    if (!*ind->name) imp_fail(c, p, ind->line, "the row has no 三级指标");
    fits(c, p, ind->line, "三级指标", ind->name);
    fits(c, p, ind->line, "绩效指标描述", ind->desc);
    fits(c, p, ind->line, "指标值", ind->raw[ROLE_VALUE]);
  }
}

static const char *role_text(const ImpInd *ind, ImpRole r) {
  switch (r) {
  case ROLE_L3: return ind->name;
  case ROLE_DESC: return ind->desc ? ind->desc : "";
  default: return ind->raw[ROLE_VALUE];
  }
}

static void set_role_text(ImpInd *ind, ImpRole r, const char *s) {
  if (r == ROLE_L3) ind->name = s;
  else if (r == ROLE_DESC) ind->desc = s;
  else ind->raw[ROLE_VALUE] = s;
}

/* Rows of p other than `not` whose text of role r is s. */
static size_t count_text(const ImpProject *p, const ImpInd *not, ImpRole r, const char *s) {
  size_t n = 0;
  for (size_t i = 0; i < p->ninds; i++)
    n += p->inds[i] != not && !strcmp(role_text(p->inds[i], r), s);
  return n;
}

static size_t utf8_prev(const char *s, size_t n) {
  size_t k = n;
  while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80) k--;
  return k > 0 ? n - (k - 1) : 0;
}

static size_t utf8_first(const char *s) {
  int32_t cp;
  return *s ? src_utf8_decode(s, strlen(s), &cp) : 0;
}

/* d is a + b with one character added or dropped at the join. */
static int one_off(const char *a, const char *b, const char *d) {
  size_t la = strlen(a), lb = strlen(b), ld = strlen(d);
  size_t kb = utf8_first(b), ka = utf8_prev(a, la);
  if (ld > la + lb && ld - la - lb <= 4 && !strncmp(d, a, la) && !strcmp(d + ld - lb, b) &&
      utf8_first(d + la) == ld - la - lb)
    return 1; /* d = a + x + b */
  if (kb && ld + kb == la + lb && !strncmp(d, a, la) && !strcmp(d + la, b + kb))
    return 1; /* d = a + b without its first character */
  return ka && ld + ka == la + lb && !strncmp(d, a, la - ka) && !strcmp(d + la - ka, b);
}

/* The code points [at - before, at + after) of s, with "…" where cut. */
static const char *window(ImpCtx *c, const char *s, size_t at, size_t before, size_t after) {
  size_t n = strlen(s), lo = at > before ? at - before : 0, hi = at + after, i = 0, k = 0;
  size_t blo = 0, bhi = n;
  for (; i < n; k++) {
    if (k == lo) blo = i;
    if (k == hi) bhi = i;
    int32_t cp;
    i += src_utf8_decode(s + i, n - i, &cp);
  }
  return arena_printf(c->a, "%s%.*s%s", blo ? "…" : "", (int)(bhi - blo), s + blo,
                      bhi < n ? "…" : "");
}

/* [IMPORT-JOIN] A joined text that no other row has, but that differs by
 * one character at the join from a text of at least two other rows (the
 * project's standard description, say), is read as that text. */
static void standard_text(ImpCtx *c, ImpProject *p, ImpInd *ind, const ImpJoin *j) {
  const char *joined = role_text(ind, j->role);
  if (count_text(p, ind, j->role, joined) > 0) return;
  const char *a = imp_clean(c->a, j->a), *b = imp_clean(c->a, j->b);
  if (strcmp(joined, arena_printf(c->a, "%s%s", a, b)) != 0) return;
  for (size_t i = 0; i < p->ninds; i++) {
    const char *d = role_text(p->inds[i], j->role);
    if (p->inds[i] == ind || !*d || !one_off(a, b, d) || count_text(p, ind, j->role, d) < 2)
      continue;
    const char *what = imp_role_name(j->role);
    size_t n = count_text(p, ind, j->role, d);
    const char *at = arena_printf(c->a, "%s|%s", imp_tail(c->a, a, 10), imp_short(c->a, b, 6));
    const char *std = window(c, d, imp_nchars(a), 10, 6);
    imp_repair(c, p, ind, j->line,
               arena_printf(c->a,
                            "%s跨页拼接处为“%s”，多或缺一字；"
                            "按本项目其余%zu行相同的%s读作“%s”",
                            what, at, n, what, std),
               arena_printf(c->a,
                            _("the joined %s ('%s') differs by one character at the page break "
                            "from the %s of %zu other rows; read as that text ('%s')"),
                            what, at, what, n, std));
    set_role_text(ind, j->role, d);
    return;
  }
}

static void standard_texts(ImpCtx *c, ImpProject *p) {
  static const ImpRole roles[] = {ROLE_L3, ROLE_DESC, ROLE_VALUE};
  for (size_t i = 0; i < p->ninds; i++) {
    ImpInd *ind = p->inds[i];
    for (size_t r = 0; r < 3; r++) {
      const ImpJoin *only = NULL;
      size_t n = 0;
      for (size_t k = 0; k < ind->njoins; k++)
        if (ind->joins[k].role == roles[r]) only = &ind->joins[k], n++;
      if (n == 1) standard_text(c, p, ind, only);
    }
  }
}

/* ---- weights ------------------------------------------------------------------ */

static int dash(const char *k) {
  return !strcmp(k, "-") || !strcmp(k, "—") || !strcmp(k, "——") || !strcmp(k, "/") ||
         !strcmp(k, "／") || !strcmp(k, "无");
}

static const char *dec_text(ImpCtx *c, Dec v, int digits) {
  char buf[32];
  dec_format(v, digits, buf, sizeof buf);
  return arena_strdup(c->a, buf);
}

/* The level-1 分值 of category l1: the sum of its indicators' 分值 when
 * all have one.  Returns the line of the first one without (0 if none). */
static unsigned level1_weight(ImpCtx *c, ImpProject *p, Category l1) {
  Dec sum = 0;
  for (size_t i = 0; i < p->ninds; i++) {
    ImpInd *ind = p->inds[i];
    Dec w;
    if (ind->l1 != l1) continue;
    if (!ind->weight) return ind->line;
    if (dec_parse(ind->weight, strlen(ind->weight), &w) != DEC_OK) return ind->line;
    if (dec_add(sum, w, &sum) != DEC_OK) {
      imp_fail(c, p, ind->line, "the 分值 of %s add up to more than a number can hold",
               ast_category_name(l1, LANG_ZH));
      return 0;
    }
  }
  p->l1_weight[l1] = dec_text(c, sum, -1);
  return 0;
}

/* The 分值 cell of ind: its number, or NULL (a dash, blank, or reported). */
/* A 分值 or 得分 cell as a number's text: no spaces, half-width, without
 * a trailing 分 (25分). */
static char *points_text(ImpCtx *c, const char *cell) {
  char *s = imp_halfwidth(c->a, imp_nospace(c->a, cell));
  size_t n = strlen(s);
  if (n > 3 && !strcmp(s + n - 3, "分")) s[n - 3] = '\0';
  return s;
}

/* A 权重 in percent (`30%`): the points it gives of the policy's 100, the
 * number before the %; NULL when w is no such weight. */
static char *percent_weight(ImpCtx *c, const char *w) {
  size_t n = strlen(w), k = n && w[n - 1] == '%' ? 1 : n > 3 && !strcmp(w + n - 3, "％") ? 3 : 0;
  char *num = k ? arena_strndup(c->a, w, n - k) : NULL;
  return num && imp_is_number(num) ? num : NULL;
}

static const char *weight_cell(ImpCtx *c, ImpProject *p, ImpInd *ind) {
  const char *w = points_text(c, ind->raw[ROLE_WEIGHT]), *pct = percent_weight(c, w);
  Dec v;
  if (!*w || dash(w)) return NULL;
  if (pct) {
    imp_repair(c, p, ind, ind->line,
               arena_printf(c->a, "原表权重“%s”按百分制读作分值 %s", w, pct),
               arena_printf(c->a, _("分值 '%s' read as %s points of 100 (a weight in percent)"),
                            w, pct));
    w = pct;
  }
  if (!imp_is_number(w)) {
    imp_repair(c, p, ind, ind->line, arena_printf(c->a, "原表分值“%s”不是数，未采用", w),
               arena_printf(c->a, _("分值 '%s' is not a number; not read"), w));
    return NULL;
  }
  DecStatus st = dec_parse(w, strlen(w), &v);
  if (st == DEC_OK) return w;
  if (st == DEC_PRECISION)
    imp_fail(c, p, ind->line, "分值 '%s' has more than 9 decimal places", w);
  else
    imp_fail(c, p, ind->line, "分值 '%s' is out of range", imp_short(c->a, w, 24));
  return NULL;
}

/* The prelude's policy, which an imported spec keeps; NULL if none. */
static const Policy *prelude_policy(ImpCtx *c) {
  for (size_t i = 0; i < c->pre.nfiles; i++)
    if (c->pre.files[i]->is_prelude) return &c->pre.files[i]->policy;
  return NULL;
}

/* The policy's points of level-1 category l1 (a level-1 成本指标 shares
 * 产出指标's, docs/scoring.md). */
static Dec policy_l1_points(const Policy *pol, Category l1) {
  return l1 == CAT_BENEFIT ? pol->w_benefit
         : l1 == CAT_SATISFACTION ? pol->w_satisfaction
                                  : pol->w_output;
}

/* Some indicators of l1 have 分值, the one at `line` has none: it shares
 * what the others leave of the policy's points.  When they leave nothing,
 * the table cannot be written as it is: an error at that line. */
static void partial_weights(ImpCtx *c, ImpProject *p, Category l1, unsigned line) {
  const Policy *pol = prelude_policy(c);
  Dec sum = 0, w;
  for (size_t i = 0; i < p->ninds; i++) {
    ImpInd *ind = p->inds[i];
    int same = ind->l1 == l1 || (l1 != CAT_BENEFIT && l1 != CAT_SATISFACTION &&
                                  ind->l1 != CAT_BENEFIT && ind->l1 != CAT_SATISFACTION);
    if (same && ind->weight && dec_parse(ind->weight, strlen(ind->weight), &w) == DEC_OK)
      dec_add(sum, w, &sum);
  }
  const char *cat = ast_category_name(l1, LANG_ZH);
  if (pol && sum >= policy_l1_points(pol, l1)) {
    imp_fail(c, p, line,
             "this indicator of %s has no 分值, and the 分值 of the others already add up to "
             "%s, which leaves nothing of the policy's %s points: give every indicator of %s "
             "its 分值 (the category then has the points written)",
             cat, dec_text(c, sum, -1), dec_text(c, policy_l1_points(pol, l1), -1), cat);
    return;
  }
  imp_warn(c, line,
           "some indicators of %s have 分值 and this one has none: it shares what the "
           "others leave of the policy's points",
           cat);
}

static void weights(ImpCtx *c, ImpProject *p) {
  int any[CAT__COUNT] = {0}, seen[CAT__COUNT] = {0};
  for (size_t i = 0; i < p->ninds; i++) {
    ImpInd *ind = p->inds[i];
    if ((ind->weight = weight_cell(c, p, ind))) any[ind->l1] = 1;
  }
  for (size_t i = 0; i < p->ninds; i++) {
    Category l1 = p->inds[i]->l1;
    if (!any[l1] || seen[l1]++) continue;
    unsigned line = level1_weight(c, p, l1);
    if (line) partial_weights(c, p, l1, line);
  }
}

/* ---- 得分 of graded rows (自评表) -------------------------------------------------- */

/* The grade an actual starts with: 0 达成, 1 部分达成, 2 未达成, or -1. */
static int grade_of(const char *k) {
  if (!strncmp(k, "未达成", strlen("未达成")) || !strcmp(k, "unmet")) return 2;
  if (!strncmp(k, "部分达成", strlen("部分达成")) || !strcmp(k, "partial")) return 1;
  if (!strncmp(k, "达成", strlen("达成")) || !strcmp(k, "met")) return 0;
  return -1;
}

/* The bands of the prelude's policy, which an imported spec keeps. */
static const Band *grade_band(ImpCtx *c, int g) {
  const Policy *pol = prelude_policy(c);
  if (!pol) return NULL;
  return g == 0 ? &pol->met : g == 1 ? &pol->partial : &pol->unmet;
}

/* Is v points inside band b of w points: [lo, hi] for 达成, else [lo, hi)? */
static int in_band(const Band *b, int g, Dec v, Dec w) {
  Dec lo, hi;
  if (dec_mul(b->lo, w, &lo) != DEC_OK || dec_mul(b->hi, w, &hi) != DEC_OK) return 0;
  return v >= lo && (g == 0 ? v <= hi : v < hi);
}

static void band_warning(ImpCtx *c, const ImpInd *ind, int g, const Band *b, const char *s,
                         Dec w) {
  Dec lo = 0, hi = 0;
  (void)dec_mul(b->lo, w, &lo);
  (void)dec_mul(b->hi, w, &hi);
  imp_warn(c, ind->line,
           "得分 %s is outside the band of %s for %s points, [%s, %s%c; the actuals give the "
           "grade alone, so the band's default score applies",
           s, g == 0 ? "达成" : g == 1 ? "部分达成" : "未达成", ind->weight, dec_text(c, lo, -1),
           dec_text(c, hi, -1), g == 0 ? ']' : ')');
}

/* [IMPORT-SCORE] The 得分 of a graded row (a text or period target whose
 * 实际完成值 is a grade) goes into the actuals with its grade (`达成:18`)
 * when the row has a 分值 and the score lies in the grade's band; else a
 * warning, and the grade alone (the band's default applies). */
static void graded_score(ImpCtx *c, ImpInd *ind) {
  if (!ind->actual || (ind->kind != TGT_TEXT && ind->kind != TGT_PERIOD)) return;
  char *s = points_text(c, ind->raw[ROLE_SCORE]);
  const char *a = imp_nospace(c->a, ind->actual);
  int g = grade_of(a);
  if (!*s || dash(s) || g < 0 || strchr(a, ':') || strstr(a, "：")) return;
  Dec v, w;
  const Band *b = grade_band(c, g);
  if (!imp_is_number(s) || dec_parse(s, strlen(s), &v) != DEC_OK)
    imp_warn(c, ind->line, "得分 '%s' is not a number; the actuals give the grade alone",
             imp_short(c->a, s, 24));
  else if (!ind->weight || dec_parse(ind->weight, strlen(ind->weight), &w) != DEC_OK || !b)
    imp_warn(c, ind->line,
             "得分 %s is not written to the actuals: the row has no 分值 to check it against",
             s);
  else if (!in_band(b, g, v, w))
    band_warning(c, ind, g, b, s, w);
  else
    ind->actual = arena_printf(c->a, "%s:%s", ind->actual, s);
}

/* [IMPORT-ACTUALS] A deadline's 实际完成值 without its year (`6月20日`):
 * the year of the deadline, with a warning. */
static void date_year(ImpCtx *c, ImpProject *p, ImpInd *ind) {
  if (!ind->actual || ind->kind != TGT_DEADLINE || ind->year <= 0) return;
  const char *a = imp_halfwidth(c->a, imp_nospace(c->a, ind->actual));
  int m, d;
  size_t n = imp_month_day(a, &m, &d);
  if (!n || a[n]) return;
  const char *full = arena_printf(c->a, "%d年%s", ind->year, a);
  imp_repair(c, p, ind, ind->line,
             arena_printf(c->a, "原表实际完成值“%s”未写年份，按指标值的年份读作%s", a, full),
             arena_printf(c->a, _("实际完成值 '%s' has no year; read as %s, the year of its "
                                  "deadline"),
                          a, full));
  ind->actual = full;
}

/* ---- the budget ----------------------------------------------------------------- */

static const Unit *currency(ImpCtx *c) {
  return prog_unit(&c->pre, c->currency ? c->currency : "万元");
}

/* An amount as imp_money wrote it ("14.00" or "14.00 元") in the file's 金额单位. */
static int money_value(ImpCtx *c, const char *text, Dec *v) {
  const char *sp = strchr(text, ' ');
  size_t n = sp ? (size_t)(sp - text) : strlen(text);
  if (dec_parse(text, n, v) != DEC_OK) return 0;
  const Unit *u = sp ? prog_unit(&c->pre, sp + 1) : currency(c);
  return u && currency(c) && prog_convert(&c->pre, *v, u, currency(c), v) == DEC_OK;
}

static void guess_budget(ImpCtx *c, ImpProject *p) {
  Dec sum = 0;
  int n = 0;
  for (size_t i = 0; i < p->ninds; i++) {
    ImpInd *ind = p->inds[i];
    if (ind->money_cap && (ind->l2 == CAT_COST || ind->l1 == CAT_COST))
      n += dec_add(sum, ind->money, &sum) == DEC_OK;
  }
  p->budget = dec_text(c, sum, 2);
  const char *cur = c->currency ? c->currency : "万元";
  if (n)
    imp_repair(c, p, NULL, p->line,
               arena_printf(c->a, "原表无预算数；按%d项成本指标金额之和填为 %s %s，请核对", n,
                            p->budget, cur),
               arena_printf(c->a,
                            i18n_plural("no 预算数 for project '%s'; guessed %s %s, its %d cost "
                                        "amount",
                                        "no 预算数 for project '%s'; guessed %s %s, the sum of its "
                                        "%d cost amounts",
                                        (unsigned long)n),
                            p->name, p->budget, cur, n));
  else
    imp_repair(c, p, NULL, p->line, "原表无预算数，暂填 0，请补填",
               arena_printf(c->a, _("no 预算数 for project '%s' and no cost amounts; wrote 0"),
                            p->name));
}

/* 预算数 = 财政资金 + 其他资金 ([PROJ-1]): fill a blank part, or fail. */
static void budget_parts(ImpCtx *c, ImpProject *p) {
  Dec b, f = 0, o = 0, rest;
  if (!money_value(c, p->budget, &b) || (p->fiscal && !money_value(c, p->fiscal, &f)) ||
      (p->other && !money_value(c, p->other, &o)))
    return; /* sema reports it */
  if (p->fiscal && p->other) {
    Dec s;
    if (dec_add(f, o, &s) == DEC_OK && s != b)
      imp_fail(c, p, p->budget_line, "预算数 %s is not 财政资金 %s + 其他资金 %s", p->budget,
               p->fiscal, p->other);
    return;
  }
  const char *have = p->fiscal ? "财政资金" : "其他资金";
  const char *miss = p->fiscal ? "其他资金" : "财政资金";
  if (dec_sub(b, p->fiscal ? f : o, &rest) != DEC_OK || rest < 0) {
    imp_fail(c, p, p->budget_line, "%s %s exceeds 预算数 %s", have,
             p->fiscal ? p->fiscal : p->other, p->budget);
    return;
  }
  const char **slot = p->fiscal ? &p->other : &p->fiscal;
  *slot = rest == 0 ? "0" : dec_text(c, rest, 2);
  if (rest != 0 || !p->fiscal)
    imp_repair(c, p, NULL, p->budget_line,
               arena_printf(c->a, "原表%s为空，按预算数减%s填为 %s", miss, have, *slot),
               arena_printf(c->a, _("%s is blank; wrote 预算数 - %s = %s"), miss, have, *slot));
}

/* 自评表: 上年结转资金 is fiscal money of the year before, spent this
 * year; the language has 财政资金 and 其他资金 only, so it is added to
 * 财政资金, with a repair. */
static void carry_over(ImpCtx *c, ImpProject *p) {
  Dec k, f = 0, sum;
  unsigned line = p->amount_line[4];
  if (!p->carry || !money_value(c, p->carry, &k) || k == 0) return;
  if ((p->fiscal && !money_value(c, p->fiscal, &f)) || dec_add(f, k, &sum) != DEC_OK) {
    imp_fail(c, p, line, "上年结转资金 %s cannot be added to 财政资金 %s", p->carry,
             p->fiscal ? p->fiscal : "0");
    return;
  }
  const char *was = p->fiscal ? p->fiscal : "0";
  p->fiscal = dec_text(c, sum, 2);
  imp_repair(c, p, NULL, line,
             arena_printf(c->a, "原表上年结转资金 %s 计入财政资金：%s + %s = %s", p->carry, was,
                          p->carry, p->fiscal),
             arena_printf(c->a, _("上年结转资金 %s is counted in 财政资金: %s + %s = %s"),
                          p->carry, was, p->carry, p->fiscal));
}

/* 财政资金 given in parts (中央财政资金 100 | 省级财政资金 30 | …): their
 * sum, with a repair; beside a 财政资金 of its own, a sum that differs is
 * an error. */
static void fund_parts(ImpCtx *c, ImpProject *p) {
  Dec sum = 0, v;
  ImpBuf zh = {0}, en = {0};
  for (unsigned i = 0; i < p->nfunds; i++) {
    if (!money_value(c, p->fund[i], &v) || dec_add(sum, v, &sum) != DEC_OK) {
      imp_fail(c, p, p->fund_line, "%s %s cannot be added to the other parts of 财政资金",
               p->fund_label[i], p->fund[i]);
      return;
    }
    imp_buf_printf(&zh, "%s%s %s", i ? "、" : "", p->fund_label[i], p->fund[i]);
    imp_buf_printf(&en, "%s%s %s", i ? ", " : "", p->fund_label[i], p->fund[i]);
  }
  const char *total = dec_text(c, sum, 2);
  Dec f;
  if (p->fiscal && money_value(c, p->fiscal, &f) && f != sum)
    imp_fail(c, p, p->fund_line, "财政资金 %s is not the sum of its parts (%s = %s)", p->fiscal,
             en.s, total);
  else if (!p->fiscal) {
    p->fiscal = total;
    imp_repair(c, p, NULL, p->fund_line,
               arena_printf(c->a, "原表财政资金分列为%s，合计 %s 计入财政资金", zh.s, total),
               arena_printf(c->a, _("财政资金 is given in parts (%s); wrote their sum %s"), en.s,
                            total));
  }
  imp_buf_free(&zh);
  imp_buf_free(&en);
}

static void budget(ImpCtx *c, ImpProject *p) {
  if (p->nfunds) fund_parts(c, p);
  if (p->failed) return;
  carry_over(c, p);
  if (p->failed) return;
  if (!p->budget) guess_budget(c, p);
  if (p->fiscal || p->other) budget_parts(c, p);
}

void imp_finish(ImpCtx *c, ImpProject *p) {
  if (p->failed) return;
  if (p->ninds > LIM_INDICATORS) {
    imp_fail(c, p, p->line, "project '%s' has %zu indicator rows (limit %u)", p->name, p->ninds,
             LIM_INDICATORS);
    return;
  }
  texts(c, p);
  if (p->failed) return;
  standard_texts(c, p);
  for (size_t i = 0; i < p->ninds; i++) imp_target_read(c, p, p->inds[i]);
  weights(c, p);
  for (size_t i = 0; i < p->ninds; i++) graded_score(c, p->inds[i]);
  for (size_t i = 0; i < p->ninds; i++) date_year(c, p, p->inds[i]);
  budget(c, p);
}
