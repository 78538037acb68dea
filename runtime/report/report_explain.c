/*
 * report_explain.c - the explanation of one indicator's score, shared by
 * every format (rep_explain).  The wording of each case, in both
 * languages, is the table of [REP-EXPL] in docs/report.md; keep the two
 * in step.
 *
 * The explanation reports the scorecard, it does not score again: the
 * status, gap, B and days late come from RtIndResult, the values from
 * RtActual and RtTarget; the completion ratio is computed from B and A
 * here (rep_ratio), not in evaluation.
 */
#include <string.h>

#include "report_int.h"

/* What one explanation is built from. */
typedef struct Expl {
  const RtProgram *prog;
  const RtIndicator *in;
  const RtIndResult *res;
  const RtActual *act;
  const char *unit;  /* the target's unit name, or NULL */
  int en;
  RepBuf *b;
  char *ratio;       /* when not NULL: gets the ratio's text, if one is shown */
} Expl;

static const char *const cmp_symbols[] = {"≥", "≤", ">", "<", "="}; /* RT_CMP_* */

static int cmp_holds(int cmp, Dec b, Dec a) {
  switch (cmp) {
  case RT_CMP_GE: return b >= a;
  case RT_CMP_LE: return b <= a;
  case RT_CMP_GT: return b > a;
  case RT_CMP_LT: return b < a;
  default: return b == a;
  }
}

/* The target's own symbol when B satisfies it ("16 场 ≥ 15 场"), else how
 * B actually stands to A ("12 场 < 15 场"). */
static const char *rel_symbol(int cmp, Dec b, Dec a) {
  if (cmp >= RT_CMP_GE && cmp <= RT_CMP_EQ && cmp_holds(cmp, b, a)) return cmp_symbols[cmp];
  return b < a ? "<" : b > a ? ">" : "=";
}

static void cat_ratio(const Expl *e) {
  Dec ratio;
  if (!rep_ratio(e->in, e->res, &ratio)) return;
  char p[REP_NUM];
  rep_fmt_pct(ratio, 2, p);
  if (e->ratio) memcpy(e->ratio, p, sizeof p);
  rep_cat(e->b, ", ");
  rep_cat(e->b, p);
  rep_cat(e->b, "%");
}

/* "15 days", "1 day": n and the word for its number. */
static void cat_count(RepBuf *b, int64_t n, const char *one, const char *many) {
  char t[REP_NUM];
  rep_fmt_int(n, t);
  rep_cat(b, t);
  rep_cat(b, n == 1 ? one : many);
}

/* [REP-EXPL-QUANT] "12 场 < 15 场: 差 3 场, 80.00%" */
static void explain_quant(const Expl *e, Dec b) {
  Dec a = e->in->target.value, gap = e->res->gap;
  rep_cat_qty(e->b, b, e->unit);
  rep_cat(e->b, " ");
  rep_cat(e->b, rel_symbol(e->in->target.cmp, b, a));
  rep_cat(e->b, " ");
  rep_cat_qty(e->b, a, e->unit);
  rep_cat(e->b, ": ");
  if (e->res->status == RT_ST_MET) {
    rep_cat(e->b, e->en ? "met" : "达标");
  } else if (gap != 0) {
    rep_cat(e->b, gap < 0 ? (e->en ? "short by " : "差 ") : (e->en ? "over by " : "超出 "));
    rep_cat_qty(e->b, gap < 0 ? -gap : gap, e->unit);
  } else {
    rep_cat(e->b, e->en ? "not met" : "未达标");
  }
  cat_ratio(e);
}

/* [REP-EXPL-DATE] "按期完成 (2023-11-30)", "2024-01-15, 逾期 15 天 (期限 2023-12-31)" */
static void explain_deadline(const Expl *e) {
  char done[REP_DATE], due[REP_DATE];
  int32_t late = e->res->days_late;
  if (late <= 0 && e->act->date > e->in->target.date)
    late = e->act->date - e->in->target.date;
  rep_fmt_date(e->act->date, done);
  rep_fmt_date(e->in->target.date, due);
  if (late <= 0) {
    rep_cat(e->b, e->en ? "on time (" : "按期完成 (");
    rep_cat(e->b, done);
    rep_cat(e->b, ")");
    return;
  }
  rep_cat(e->b, done);
  rep_cat(e->b, ", ");
  if (e->en) {
    cat_count(e->b, late, " day late", " days late");
  } else {
    rep_cat(e->b, "逾期 ");
    cat_count(e->b, late, " 天", " 天");
  }
  rep_cat(e->b, e->en ? " (deadline " : " (期限 ");
  rep_cat(e->b, due);
  rep_cat(e->b, ")");
}

/* [REP-EXPL-GRADED] "部分达成 (默认 70%)", "部分达成 (11 分)" */
static void explain_graded(const Expl *e) {
  static const char *const words[3][2] = {
      {"达成", "met"}, {"部分达成", "partially met"}, {"未达成", "not met"}};
  int g = e->act->grade <= RT_GRADE_UNMET ? e->act->grade : RT_GRADE_UNMET;
  rep_cat(e->b, words[g][e->en ? 1 : 0]);
  char t[REP_NUM];
  if (e->act->has_score) {
    /* a score given as a share is shown rounded like every score */
    rep_fmt_dec(e->act->value, dec_round(e->act->value, 2) == e->act->value ? -1 : 2, t);
    rep_cat(e->b, " (");
    rep_cat(e->b, t);
    rep_cat(e->b, e->en ? (e->act->value == DEC_ONE ? " point)" : " points)") : " 分)");
    return;
  }
  /* the project holding the indicator: projects are in indicator order,
   * so a binary search over their first indicator finds it */
  const RtProject *p = NULL;
  uint32_t i = (uint32_t)(e->in - e->prog->indicators), lo = 0, hi = e->prog->nprojects;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    const RtProject *q = &e->prog->projects[mid];
    if (i < q->first) hi = mid;
    else if (i - q->first >= q->nind) lo = mid + 1;
    else {
      p = q;
      break;
    }
  }
  if (!p || p->policy >= e->prog->npolicies) return;
  const RtPolicy *pol = &e->prog->policies[p->policy];
  const RtBand *band = g == RT_GRADE_MET ? &pol->met : g == RT_GRADE_PARTIAL ? &pol->partial
                                                                             : &pol->unmet;
  rep_fmt_pct(band->dflt, -1, t);
  rep_cat(e->b, e->en ? " (default " : " (默认 ");
  rep_cat(e->b, t);
  rep_cat(e->b, "%)");
}

static const char *rank_name(const Expl *e, int32_t rank) {
  const char *name = rep_rank(e->prog, &e->in->target, rank);
  return name ? name : "?";
}

/* [REP-EXPL-ORD] "2A < 3A: 差 1 级", "4A ≥ 3A: 达标" */
static void explain_rank(const Expl *e) {
  int32_t ta = e->in->target.rank, ra = e->act->rank;
  rep_cat(e->b, rank_name(e, ra));
  rep_cat(e->b, ra >= ta ? " ≥ " : " < ");
  rep_cat(e->b, rank_name(e, ta));
  rep_cat(e->b, ": ");
  if (e->res->status == RT_ST_MET || ra >= ta) {
    rep_cat(e->b, e->en ? "met" : "达标");
  } else if (e->en) {
    rep_cat(e->b, "short by ");
    cat_count(e->b, (int64_t)ta - ra, " grade", " grades");
  } else {
    rep_cat(e->b, "差 ");
    cat_count(e->b, (int64_t)ta - ra, " 级", " 级");
  }
}

/* [REP-EXPL-OTHER] An actual of another kind than the target's:
 * "<actual>: <status>". */
static void explain_other(const Expl *e) {
  if (e->act->text && *e->act->text) {
    rep_cat(e->b, e->act->text);
    rep_cat(e->b, ": ");
  }
  rep_cat(e->b, rep_status_word(e->res->status, e->en));
}

/* [REP-EXPL-STATUS] pending, not applicable, not reported. */
static int explain_status(const Expl *e) {
  switch (e->res->status) {
  case RT_ST_PENDING:
    rep_cat(e->b, e->en ? "pending" : "未到期");
    if (e->in->target.kind == RT_TGT_DEADLINE) {
      char due[REP_DATE];
      rep_fmt_date(e->in->target.date, due);
      rep_cat(e->b, e->en ? " (deadline " : " (期限 ");
      rep_cat(e->b, due);
      rep_cat(e->b, ")");
    }
    return 1;
  case RT_ST_NA: rep_cat(e->b, e->en ? "not applicable, excluded" : "不适用, 不计分"); return 1;
  case RT_ST_MISSING:
    if (e->res->flags & RT_FLAG_UNDEFINED) /* the data is there; the formula fails on it */
      rep_cat(e->b, e->en ? "cannot be computed from the data: division by zero or a value out "
                            "of range; check the raw fields and the formula"
                          : "无法由数据计算: 除以零或数值超出范围; 请检查原始数据和计算公式");
    else
      rep_cat(e->b, e->en ? "not reported" : "未填报");
    return 1;
  default: return 0;
  }
}

static void explain(const Expl *e) {
  const RtTarget *t = &e->in->target;
  Dec b;
  if (explain_status(e))
    return;
  else if (t->kind == RT_TGT_QUANT && e->act->kind == RT_ACT_NUMBER)
    explain_quant(e, e->act->value);
  else if (rep_derived_b(e->in, e->res, &b))
    explain_quant(e, b);
  else if (t->kind == RT_TGT_DEADLINE && e->act->kind == RT_ACT_DATE)
    explain_deadline(e);
  else if (e->act->kind == RT_ACT_GRADE)
    explain_graded(e);
  else if (t->kind == RT_TGT_GRADE && e->act->kind == RT_ACT_RANK)
    explain_rank(e);
  else
    explain_other(e);
}

void rep_explain(const RtResult *r, uint32_t ind, int english, char *buf, size_t cap) {
  rep_explain_ratio(r, ind, english, buf, cap, NULL);
}

void rep_explain_ratio(const RtResult *r, uint32_t ind, int english, char *buf, size_t cap,
                       char ratio[REP_NUM]) {
  RepBuf b;
  rep_buf_init(&b, buf, cap);
  if (!r || !r->prog || ind >= r->prog->nindicators) return;
  static const RtActual none = {.kind = RT_ACT_MISSING};
  Expl e;
  e.prog = r->prog;
  e.in = &r->prog->indicators[ind];
  e.res = &r->ind[ind];
  e.act = r->act && r->act->ind ? &r->act->ind[ind] : &none;
  e.unit = rep_unit(r->prog, &e.in->target);
  e.en = english != 0;
  e.b = &b;
  e.ratio = ratio;
  explain(&e);
}
