/*
 * lint.c - named warnings (docs/diagnostics.md, [LINT-*]).  Each is
 * switchable with -W name / -Wno-name; diag_report drops a disabled one.
 * They run on a project that has no errors.
 */
#include <string.h>

#include "sema_internal.h"
#include "support/i18n.h"

static int is_cost_l2(Category l2) {
  return l2 == CAT_COST || l2 == CAT_ECONOMIC_COST || l2 == CAT_SOCIAL_COST ||
         l2 == CAT_ECO_COST;
}

/* 1 when name contains one of words[] (a NULL-terminated list). */
static int name_has(const char *name, const char *const *words) {
  for (; *words; words++)
    if (strstr(name, *words)) return 1;
  return 0;
}

/* A cost cap that is a rate per head, per meal, per mu ... (生均每天补助标准
 * ≤5 元, 亩均补贴 ≤90 元): a standard, not a share of the budget. */
static int is_per_unit_cap(const char *name) {
  static const char *const words[] = {"均", "每", "单价", "单位成本", "标准", NULL};
  return name_has(name, words);
}

/* [LINT-COST-SUM] cost caps against the budget: the caps in money that
 * are not per-unit standards add up to 预算数.  No warning when a project
 * has no such cap: there is nothing to check. */
static void lint_cost_sum(Program *p, ProgFile *f, Project *pr) {
  Dec sum = 0;
  size_t ncaps = 0;
  const Unit *cur = f->currency;
  if (!cur || !pr->budget.present) return;
  for (size_t i = 0; i < pr->nall; i++) {
    Indicator *ind = pr->all[i];
    if (!is_cost_l2(ind->level2) || !sema_is_money(p, ind->target) ||
        is_per_unit_cap(ind->name))
      continue;
    Dec v;
    if (prog_convert(p, ind->target->u.q.value, &p->units[ind->target->u.q.unit_id], cur, &v) !=
        DEC_OK)
      continue;
    dec_add(sum, v, &sum);
    ncaps++;
  }
  if (ncaps == 0 || sum == pr->budget.in_currency) return;
  char a[32], b[32];
  dec_format(sum, -1, a, sizeof a);
  dec_format(pr->budget.in_currency, -1, b, sizeof b);
  Diag *d = diag_report(&p->diags, W_COST_SUM, pr->name_span,
                        "cost caps of \"%s\" add up to %s %s, but 预算数 is %s %s", pr->name, a,
                        cur->name, b, cur->name);
  diag_hint(d, "成本指标 caps usually split the whole budget; check the amounts");
}

/* A benefit measured where less is better (PM2.5年均浓度 ≤35, 安全事故发生数
 * ≤0, 投诉率 <1%): its upper bound is the intent, not a slip. */
static int is_lower_better(const char *name) {
  static const char *const words[] = {
      "浓度", "发生", "事故", "投诉", "死亡", "污染", "排放", "超标", "违法", "违规",
      "差错", "逾期", "能耗", "噪声", "损失", "流失", "辍学", "返贫", "撂荒", "闲置",
      "等待", "时长", "耗时", "不合格", "缺陷", "故障", "案件", "上访", NULL};
  return name_has(name, words);
}

/* A target in money per something, such as 元/亩 or 万元/人: its unit's
 * name is a money unit, a slash, and more. */
static int is_money_per_unit(const Program *p, const Target *t) {
  if (!t || t->kind != TGT_QUANT || !t->u.q.unit) return 0;
  const char *slash = strchr(t->u.q.unit, '/');
  char head[64];
  size_t n = slash ? (size_t)(slash - t->u.q.unit) : 0;
  if (n == 0 || n >= sizeof head || !slash[1]) return 0;
  memcpy(head, t->u.q.unit, n);
  head[n] = '\0';
  const Unit *u = prog_unit(p, head), *m = sema_money_unit(p);
  return u && m && u->dim == m->dim;
}

/* Is t in a unit of the dimension of the prelude's unit `name`? */
static int in_dim_of(const Program *p, const Target *t, const char *name) {
  const Unit *u = prog_unit(p, name);
  return u && t->u.q.unit_id >= 0 && p->units[t->u.q.unit_id].dim == u->dim;
}

/* Does s end in word w? */
static int ends_in(const char *s, const char *w) {
  size_t n = strlen(s), wl = strlen(w);
  return n >= wl && strcmp(s + n - wl, w) == 0;
}

/* [LINT-TIMELY] A 时效 target that measures timeliness without a date: a
 * rate in % whose name says so (资金拨付及时率 100%, 项目完成率 ≥95%, as the
 * tables of 财预〔2021〕101号 write them), or a time limit: in seconds to
 * weeks (the prelude's 天 dimension: 办结时限 ≤3 天, 响应时间 ≤30 分钟),
 * months or years (个月), or working days (≤3 个工作日, also in a unit of
 * the spec's own whose name ends in 工作日). */
static int is_timely_measure(const Program *p, const Indicator *ind) {
  const Target *t = ind->target;
  if (t->kind != TGT_QUANT || !t->u.q.unit) return 0;
  if (in_dim_of(p, t, "%") && ends_in(ind->name, "率")) return 1;
  return in_dim_of(p, t, "天") || in_dim_of(p, t, "个月") || in_dim_of(p, t, "个工作日") ||
         ends_in(t->u.q.unit, "工作日");
}

static void lint_indicator(Program *p, Indicator *ind) {
  const Target *t = ind->target;
  if (!t) return;
  int upper = t->kind == TGT_QUANT && (t->u.q.cmp == CMP_LE || t->u.q.cmp == CMP_LT);
  if (upper && (ind->level1 == CAT_BENEFIT || ind->level1 == CAT_SATISFACTION) &&
      !is_lower_better(ind->name)) {
    Diag *d = diag_report(&p->diags, W_UPPER_BENEFIT, t->span,
                          "%s indicator \"%s\" has an upper-bound target",
                          ast_category_name(ind->level1, ind->lang), ind->name);
    diag_hint(d, "benefits and satisfaction are usually lower bounds (≥); an upper bound is "
                 "scored in reverse, so more is worse");
  }
  if (ind->level2 == CAT_TIMELINESS && t->kind != TGT_DEADLINE && t->kind != TGT_PERIOD &&
      !is_timely_measure(p, ind)) {
    Diag *d = diag_report(&p->diags, W_TIMELY_NOT_DATE, t->span,
                          "时效 indicator \"%s\" has a target that is not a date or period",
                          ind->name);
    diag_hint(d, "write a deadline such as 2023年12月底前完成, or a period such as 全年");
  }
  if (ind->level2 == CAT_QUANTITY && t->kind == TGT_TEXT) {
    Diag *d = diag_report(&p->diags, W_QTY_QUALITATIVE, t->span,
                          "数量 indicator \"%s\" has a qualitative target", ind->name);
    diag_hint(d, "a 数量 target is a number with a unit, e.g. ≥15 场");
  }
  if (t->kind == TGT_QUANT && !t->u.q.unit) {
    Diag *d = diag_report(&p->diags, W_NO_UNIT, t->span, "target of \"%s\" has no unit",
                          ind->name);
    diag_hint(d, "add the unit, e.g. ≥15 场; actual values are then checked against it");
  }
  /* 社会成本 and 生态环境成本 (财预〔2021〕101号) are by nature not money,
   * and a standard in money per unit (≤90 元/亩) is money already */
  if (is_cost_l2(ind->level2) && ind->level2 != CAT_SOCIAL_COST && ind->level2 != CAT_ECO_COST &&
      !sema_is_money(p, t) && !is_money_per_unit(p, t)) {
    Diag *d = diag_report(&p->diags, W_COST_NOT_MONEY, t->span,
                          "成本 indicator \"%s\" has a target that is not an amount of money",
                          ind->name);
    diag_hint(d, "a cost cap is written like ≤20 万元");
  }
}

/* Is e made of raw fields alone, joined by + - * / (or min, max)?  Such a
 * formula has no number in it, so nothing scales it to a percentage.
 * e was accepted by check_expr: at most LIM_NESTING deep. */
static int fields_only(const Expr *e) {
  switch (e->kind) {
  case EX_FIELD: return 1;
  case EX_UNARY: return e->op == OP_NEG && fields_only(e->args[0]);
  case EX_BINARY:
    if (e->op != OP_ADD && e->op != OP_SUB && e->op != OP_MUL && e->op != OP_DIV) return 0;
    return fields_only(e->args[0]) && fields_only(e->args[1]);
  case EX_CALL:
    for (size_t i = 0; i < e->nargs; i++)
      if (!fields_only(e->args[i])) return 0;
    return e->nargs > 0;
  default: return 0;
  }
}

/* [LINT-RATIO-PERCENT] 实际 = 已处置 / 总数 against ≥95%: the raw fields
 * are plain numbers, so the ratio is a plain number, which is read in the
 * target's unit: 0.96 counts as 0.96%.  Warn at the formula (W0013) when
 * it is a quotient or product of raw fields alone and the target is in
 * a unit of %'s dimension (%, ‰). */
static void lint_ratio_percent(Program *p, const Indicator *ind) {
  const Expr *e = ind->actual;
  const Target *t = ind->target;
  if (!e || !t || t->kind != TGT_QUANT || t->u.q.unit_id < 0) return;
  const Unit *tu = &p->units[t->u.q.unit_id], *pct = prog_unit(p, "%");
  if (!pct || tu->dim != pct->dim) return;
  if (e->kind != EX_BINARY || (e->op != OP_DIV && e->op != OP_MUL) || !fields_only(e)) return;
  const Source *src = src_get(&p->sources, e->span.file);
  int len = (int)(e->span.hi - e->span.lo);
  Diag *d = diag_report(&p->diags, W_RATIO_PERCENT, e->span,
                        e->op == OP_DIV
                            ? N_("实际 of \"%s\" is a plain ratio, but its target is in '%s'")
                            : N_("实际 of \"%s\" is a plain product, but its target is in '%s'"),
                        ind->name, tu->name);
  /* the formula as written, when it is short and on one line */
  if (src && len <= 80 && !memchr(src->text + e->span.lo, '\n', (size_t)len))
    diag_hint(d, "a number without unit is read in the target's unit, so 0.96 counts as 0.96%s, "
                 "not 96%%; write 实际 = %.*s * 100%%",
              tu->name, len, src->text + e->span.lo);
  else
    diag_hint(d, "a number without unit is read in the target's unit, so 0.96 counts as 0.96%s, "
                 "not 96%%; multiply the formula by 100%%: 实际 = … * 100%%",
              tu->name);
}

/* [LINT-TARGET-YEAR] A deadline or period in another year than 年度: one
 * before it can never be met, one after it is not due when the year is
 * scored; usually the year is a typo. */
static void lint_target_year(Program *p, const ProgFile *f, const Indicator *ind) {
  const Target *t = ind->target;
  const Header *h = &f->ast->header;
  if (!t || !h->has_year) return;
  int y = t->kind == TGT_DEADLINE ? t->u.deadline.date.y
          : t->kind == TGT_PERIOD  ? t->u.period.year
                                   : 0;
  if (y == 0 || y == h->year) return;
  Diag *d;
  if (t->kind == TGT_PERIOD)
    d = diag_report(&p->diags, W_TARGET_YEAR, t->span,
                    "period of \"%s\" is the year %d, but the budget year is %d", ind->name, y,
                    h->year);
  else
    d = diag_report(&p->diags, W_TARGET_YEAR, t->span,
                    "deadline of \"%s\" is in %d, outside the budget year %d", ind->name, y,
                    h->year);
  if (t->kind == TGT_PERIOD)
    diag_hint(d, "write 全年 for the budget year, or correct the year (%d全年)", h->year);
  else if (y < h->year)
    diag_hint(d, "a deadline before the budget year can never be met; correct the year, e.g. "
                 "%d年12月底前完成",
              h->year);
  else
    diag_hint(d, "the budget year ends before this deadline is due; correct the year, e.g. "
                 "%d年12月底前完成, or, when the work runs into %d, switch this warning off "
                 "with -Wno-target-year",
              h->year, y);
}

static void lint_structure(Program *p, Project *pr) {
  int have[CAT__COUNT] = {0};
  for (size_t i = 0; i < pr->ncats; i++) {
    CatBlock *c = pr->cats[i];
    size_t n = 0;
    have[c->cat] = 1;
    for (size_t j = 0; j < c->nsubs; j++) {
      n += c->subs[j]->ninds;
      if (c->subs[j]->ninds == 0)
        diag_hint(diag_report(&p->diags, W_EMPTY_CATEGORY, c->subs[j]->kw_span,
                              "category %s has no indicators",
                              ast_category_name(c->subs[j]->cat, c->subs[j]->lang)),
                  "fill in its indicators, or remove the empty block");
    }
    if (n == 0 && c->nsubs == 0)
      diag_hint(diag_report(&p->diags, W_EMPTY_CATEGORY, c->kw_span,
                            "category %s has no indicators", ast_category_name(c->cat, c->lang)),
                "fill in its indicators, or remove the empty block");
  }
  static const Category need[] = {CAT_OUTPUT, CAT_BENEFIT, CAT_SATISFACTION};
  for (size_t i = 0; i < 3; i++)
    if (!have[need[i]]) {
      Diag *d = diag_report(&p->diags, W_MISSING_LEVEL1, pr->name_span,
                            "project \"%s\" has no level-1 category %s", pr->name,
                            ast_category_name(need[i], pr->lang));
      diag_hint(d, "a target table has 产出指标, 效益指标 and 满意度指标; the total is "
                   "renormalised over the categories present, as if the missing one's points "
                   "did not exist");
    }
}

void lint_project(Program *p, ProgFile *f, Project *pr) {
  lint_structure(p, pr);
  for (size_t i = 0; i < pr->nall; i++) {
    lint_indicator(p, pr->all[i]);
    lint_target_year(p, f, pr->all[i]);
    lint_ratio_percent(p, pr->all[i]);
  }
  lint_cost_sum(p, f, pr);
}
