/*
 * diff_values.c - the values `indc diff` compares, by meaning: money in
 * base units, targets (quantities in base units, deadlines as days, texts
 * by key), expressions by structure, policies setting by setting; and the
 * display text of each (diff.h).
 */
#include <stddef.h>
#include <string.h>

#include "../backend/lower.h"
#include "../support/indc_limits.h"
#include "diff.h"
#include "text/namekey.h"

const ProgFile *diff_file_of(const Program *p, const Project *pr) {
  for (size_t i = 0; i < p->nprojects; i++)
    if (p->projects[i] == pr) return p->project_file[i];
  return NULL;
}

int diff_text_equal(const char *a, const char *b) {
  if (!a || !b) return a == b;
  return name_equal(a, b);
}

/* ---- money ------------------------------------------------------------------ */

const char *diff_money_text(Arena *ar, const Program *p, const ProgFile *f, const Money *m) {
  (void)p;
  if (!m->present) return NULL;
  const char *unit = m->unit ? m->unit : f && f->currency ? f->currency->name : "万元";
  return arena_printf(ar, "%s %s", m->text, unit);
}

/* The amount in the money dimension's base unit (元). */
static int money_base(const ProgFile *f, const Money *m, Dec *out) {
  Dec factor = f && f->currency ? f->currency->factor : 10000 * DEC_ONE;
  return dec_mul(m->in_currency, factor, out) == DEC_OK;
}

int diff_money_equal(const Program *pa, const ProgFile *fa, const Money *a, const Program *pb,
                     const ProgFile *fb, const Money *b) {
  (void)pa;
  (void)pb;
  if (!a->present || !b->present) return a->present == b->present;
  Dec x, y;
  if (!money_base(fa, a, &x) || !money_base(fb, b, &y)) return a->in_currency == b->in_currency;
  return x == y;
}

/* ---- targets ---------------------------------------------------------------- */

const char *diff_target_text(Arena *ar, const Target *t) {
  return t ? lower_target_text(ar, t) : NULL;
}

/* The unit of a quantity target, or NULL. */
static const Unit *unit_of(const Program *p, const Target *t) {
  int id = t->u.q.unit_id;
  return id >= 0 && (size_t)id < p->nunits ? &p->units[id] : NULL;
}

/* The name of a unit's dimension (its base unit), "" for none. */
static const char *dim_of(const Program *p, const Unit *u) {
  return u && u->dim >= 0 && (size_t)u->dim < p->nunits ? p->units[u->dim].key : "";
}

static const char *quant_change(const Program *pa, const Target *a, const Program *pb,
                                const Target *b) {
  const Unit *ua = unit_of(pa, a), *ub = unit_of(pb, b);
  if (strcmp(dim_of(pa, ua), dim_of(pb, ub)) != 0) return "unit";
  Dec x = a->u.q.value, y = b->u.q.value;
  int exact = (!ua || dec_mul(x, ua->factor, &x) == DEC_OK) &&
              (!ub || dec_mul(y, ub->factor, &y) == DEC_OK);
  if (!exact) x = a->u.q.value, y = b->u.q.value;
  if (a->u.q.cmp != b->u.q.cmp) return "comparison";
  if (x == y) return NULL;
  return ua && ub && strcmp(ua->key, ub->key) != 0 ? "unit" : "value";
}

static int effective_year(const ProgFile *f, int year) {
  return year ? year : f && f->ast->header.has_year ? f->ast->header.year : 0;
}

const char *diff_target_change(const Program *pa, const ProgFile *fa, const Target *a,
                               const Program *pb, const ProgFile *fb, const Target *b) {
  if (!a || !b) return a == b ? NULL : "kind";
  if (a->kind != b->kind) return "kind";
  switch (a->kind) {
  case TGT_QUANT:
    return quant_change(pa, a, pb, b);
  case TGT_DEADLINE: {
    const Date *x = &a->u.deadline.date, *y = &b->u.deadline.date;
    return x->y == y->y && x->m == y->m && x->d == y->d ? NULL : "deadline";
  }
  case TGT_PERIOD:
    return effective_year(fa, a->u.period.year) == effective_year(fb, b->u.period.year)
               ? NULL
               : "period";
  case TGT_GRADE: {
    int sa = a->u.grade.scale_id, sb = b->u.grade.scale_id;
    const char *na = sa >= 0 && (size_t)sa < pa->nscales ? pa->scales[sa].name : "";
    const char *nb = sb >= 0 && (size_t)sb < pb->nscales ? pb->scales[sb].name : "";
    return name_equal(a->u.grade.grade, b->u.grade.grade) && name_equal(na, nb) ? NULL : "grade";
  }
  case TGT_TEXT:
    return diff_text_equal(a->u.text.text, b->u.text.text) ? NULL : "text";
  }
  return NULL;
}

/* ---- expressions ---------------------------------------------------------------- */

int diff_expr_equal(const Expr *a, const Expr *b, unsigned depth) {
  if (!a || !b) return a == b;
  if (depth > LIM_NESTING || a->kind != b->kind || a->nargs != b->nargs) return 0;
  switch (a->kind) {
  case EX_NUM:
    if (a->num != b->num || !diff_text_equal(a->unit, b->unit)) return 0;
    break;
  case EX_FIELD:
  case EX_CALL:
    if (!diff_text_equal(a->name, b->name)) return 0;
    break;
  default:
    if (a->op != b->op) return 0;
    break;
  }
  for (size_t i = 0; i < a->nargs; i++)
    if (!diff_expr_equal(a->args[i], b->args[i], depth + 1)) return 0;
  return 1;
}

static const char *op_text(ExprOp op) {
  static const char *const t[] = {"+", "-", "*", "/", "<", "≤", ">", "≥", "==", "!=",
                                  "且", "或", "-", "非"};
  return (size_t)op < sizeof t / sizeof t[0] ? t[op] : "?";
}

/* An expression with every compound operand in parentheses: unambiguous
 * without the precedence table. */
static const char *expr_text(Arena *ar, const Expr *e, unsigned depth) {
  if (!e || depth > LIM_NESTING) return "…";
  const char *s;
  switch (e->kind) {
  case EX_NUM:
    if (!e->unit) return e->name;
    return arena_printf(ar, strcmp(e->unit, "%") ? "%s %s" : "%s%s", e->name, e->unit);
  case EX_FIELD:
    return e->name;
  case EX_CALL:
    s = "";
    for (size_t i = 0; i < e->nargs; i++)
      s = arena_printf(ar, "%s%s%s", s, i ? ", " : "", expr_text(ar, e->args[i], depth + 1));
    return arena_printf(ar, "%s(%s)", e->name, s);
  case EX_UNARY:
    s = expr_text(ar, e->args[0], depth + 1);
    if (e->args[0]->kind == EX_BINARY || e->args[0]->kind == EX_IF) s = arena_printf(ar, "(%s)", s);
    return arena_printf(ar, e->op == OP_NOT ? "非 %s" : "-%s", s);
  case EX_BINARY: {
    const char *l = expr_text(ar, e->args[0], depth + 1), *r = expr_text(ar, e->args[1], depth + 1);
    if (e->args[0]->kind == EX_BINARY || e->args[0]->kind == EX_IF) l = arena_printf(ar, "(%s)", l);
    if (e->args[1]->kind == EX_BINARY || e->args[1]->kind == EX_IF) r = arena_printf(ar, "(%s)", r);
    return arena_printf(ar, "%s %s %s", l, op_text(e->op), r);
  }
  case EX_IF:
    return arena_printf(ar, "如果 %s 则 %s 否则 %s", expr_text(ar, e->args[0], depth + 1),
                        expr_text(ar, e->args[1], depth + 1), expr_text(ar, e->args[2], depth + 1));
  }
  return "?";
}

const char *diff_expr_text(Arena *ar, const Expr *e) { return e ? expr_text(ar, e, 0) : NULL; }

/* ---- policies ---------------------------------------------------------------------- */

typedef enum PolKind { PK_POINTS, PK_SHARE, PK_BAND, PK_REVERSE } PolKind;

/* The settings of docs/scoring.md [POLICY-1], as compiler/sema/policy.c
 * reads them. */
static const struct {
  const char *zh, *en;
  PolKind kind;
  size_t off;
} settings[] = {
    {"产出指标", "output", PK_POINTS, offsetof(Policy, w_output)},
    {"效益指标", "benefit", PK_POINTS, offsetof(Policy, w_benefit)},
    {"满意度指标", "satisfaction", PK_POINTS, offsetof(Policy, w_satisfaction)},
    {"预算执行率", "budget_rate", PK_POINTS, offsetof(Policy, w_rate)},
    {"反向公式", "reverse", PK_REVERSE, offsetof(Policy, reverse)},
    {"达成", "met", PK_BAND, offsetof(Policy, met)},
    {"部分达成", "partial", PK_BAND, offsetof(Policy, partial)},
    {"未达成", "unmet", PK_BAND, offsetof(Policy, unmet)},
    {"优", "excellent", PK_POINTS, offsetof(Policy, grade_excellent)},
    {"良", "good", PK_POINTS, offsetof(Policy, grade_good)},
    {"中", "fair", PK_POINTS, offsetof(Policy, grade_fair)},
    {"超额偏差", "overshoot", PK_SHARE, offsetof(Policy, overshoot)},
    {"执行率偏差", "low_rate", PK_SHARE, offsetof(Policy, low_rate)},
    {"进度偏差", "lag", PK_SHARE, offsetof(Policy, lag)},
};

static const char *share_text(Arena *ar, Dec v) {
  char buf[32];
  Dec pct;
  if (dec_mul(v, 100 * DEC_ONE, &pct) != DEC_OK) pct = v;
  dec_format(pct, -1, buf, sizeof buf);
  return arena_printf(ar, "%s%%", buf);
}

static const char *setting_text(Arena *ar, PolKind k, const void *field) {
  char buf[32];
  switch (k) {
  case PK_POINTS:
    dec_format(*(const Dec *)field, -1, buf, sizeof buf);
    return arena_strdup(ar, buf);
  case PK_SHARE:
    return share_text(ar, *(const Dec *)field);
  case PK_BAND: {
    const Band *b = field;
    return arena_printf(ar, "%s, %s, %s", share_text(ar, b->lo), share_text(ar, b->hi),
                        share_text(ar, b->dflt));
  }
  case PK_REVERSE:
    return *(const Reverse *)field == REV_RATIO ? "比例 (ratio)" : "差额 (difference)";
  }
  return "?";
}

static size_t setting_size(PolKind k) {
  return k == PK_BAND ? sizeof(Band) : k == PK_REVERSE ? sizeof(Reverse) : sizeof(Dec);
}

void diff_policy(Arena *ar, const Policy *a, const Policy *b,
                 void (*add)(void *ud, const char *zh, const char *en, const char *o,
                             const char *n),
                 void *ud) {
  for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++) {
    const char *x = (const char *)a + settings[i].off, *y = (const char *)b + settings[i].off;
    if (memcmp(x, y, setting_size(settings[i].kind)) == 0) continue;
    add(ud, settings[i].zh, settings[i].en, setting_text(ar, settings[i].kind, x),
        setting_text(ar, settings[i].kind, y));
  }
}
