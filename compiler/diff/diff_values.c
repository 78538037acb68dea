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
static int money_base(const ProgFile *f, const Money *m, Dec *out);

const char *diff_money_detail(Arena *ar, const Program *p, const ProgFile *f, const Money *m) {
  const char *s = diff_money_text(ar, p, f, m);
  const Unit *yuan = prog_unit(p, "元");
  Dec v;
  char buf[48];
  if (!s || !yuan || !money_base(f, m, &v)) return s;
  dec_format(v, -1, buf, sizeof buf);
  return arena_printf(ar, "%s (= %s %s)", s, buf, yuan->name);
}


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

/* The scale a grade target resolved on, or NULL. */
static const Scale *scale_of(const Program *p, const Target *t) {
  int id = t->u.grade.scale_id;
  return id >= 0 && (size_t)id < p->nscales ? &p->scales[id] : NULL;
}

/* The same members in the same order: a grade ranks the same on both. */
static int same_members(const Scale *a, const Scale *b) {
  if (!a || !b) return a == b;
  if (a->nmembers != b->nmembers) return 0;
  for (size_t i = 0; i < a->nmembers; i++)
    if (!name_equal(a->members[i], b->members[i])) return 0;
  return 1;
}

/* v in unit u as "N BASE" in u's base unit, or NULL when u is its own
 * base or the product does not fit. */
static const char *base_text(Arena *ar, const Program *p, Dec v, const Unit *u) {
  char buf[48];
  if (!u || u->dim < 0 || (size_t)u->dim >= p->nunits || &p->units[u->dim] == u) return NULL;
  if (dec_mul(v, u->factor, &v) != DEC_OK) return NULL;
  dec_format(v, -1, buf, sizeof buf);
  const char *base = p->units[u->dim].name;
  return arena_printf(ar, strcmp(base, "%") ? "%s %s" : "%s%s", buf, base);
}

/* One unit name, declared differently on the two sides. */
static int redeclared(const Program *pa, const Unit *a, const Program *pb, const Unit *b) {
  return a && b && strcmp(a->key, b->key) == 0 &&
         (a->factor != b->factor || strcmp(dim_of(pa, a), dim_of(pb, b)) != 0);
}

int diff_target_redeclared(const Program *pa, const Target *a, const Program *pb,
                           const Target *b) {
  if (!a || !b || a->kind != b->kind) return 0;
  if (a->kind == TGT_QUANT) return redeclared(pa, unit_of(pa, a), pb, unit_of(pb, b));
  if (a->kind != TGT_GRADE) return 0;
  const Scale *sa = scale_of(pa, a), *sb = scale_of(pb, b);
  return sa && sb && (!name_equal(sa->name, sb->name) || !same_members(sa, sb));
}

static const Unit *money_unit(const Program *p, const ProgFile *f, const Money *m) {
  return m->unit ? prog_unit(p, m->unit) : f ? f->currency : NULL;
}

int diff_money_redeclared(const Program *pa, const ProgFile *fa, const Money *a,
                          const Program *pb, const ProgFile *fb, const Money *b) {
  return a->present && b->present &&
         redeclared(pa, money_unit(pa, fa, a), pb, money_unit(pb, fb, b));
}

const char *diff_target_detail(Arena *ar, const Program *p, const Target *t) {
  const char *s = diff_target_text(ar, t);
  if (!s) return NULL;
  if (t->kind == TGT_QUANT) {
    const char *b = base_text(ar, p, t->u.q.value, unit_of(p, t));
    return b ? arena_printf(ar, "%s (= %s)", s, b) : s;
  }
  if (t->kind == TGT_GRADE) {
    const Scale *sc = scale_of(p, t);
    if (!sc) return s;
    const char *m = "";
    for (size_t i = 0; i < sc->nmembers; i++)
      m = arena_printf(ar, "%s%s%s", m, i ? " < " : "", sc->members[i]);
    return arena_printf(ar, "%s (%s: %s)", s, sc->name, m);
  }
  return s;
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
    const Scale *sa = scale_of(pa, a), *sb = scale_of(pb, b);
    if (!name_equal(a->u.grade.grade, b->u.grade.grade) ||
        !name_equal(sa ? sa->name : "", sb ? sb->name : ""))
      return "grade";
    return same_members(sa, sb) ? NULL : "scale";
  }
  case TGT_TEXT:
    return diff_text_equal(a->u.text.text, b->u.text.text) ? NULL : "text";
  }
  return NULL;
}

/* ---- expressions ---------------------------------------------------------------- */

/* A number with a unit, in its dimension's base unit: `1 万场` is 10000 场
 * however 万场 is spelt, and changes when 万场 is declared anew. */
static int same_number(const Program *pa, const Expr *a, const Program *pb, const Expr *b) {
  const Unit *ua = a->unit_id >= 0 && (size_t)a->unit_id < pa->nunits ? &pa->units[a->unit_id] : NULL;
  const Unit *ub = b->unit_id >= 0 && (size_t)b->unit_id < pb->nunits ? &pb->units[b->unit_id] : NULL;
  if (!ua || !ub) return !ua && !ub && a->num == b->num && diff_text_equal(a->unit, b->unit);
  Dec x, y;
  if (strcmp(dim_of(pa, ua), dim_of(pb, ub)) != 0) return 0;
  if (dec_mul(a->num, ua->factor, &x) != DEC_OK || dec_mul(b->num, ub->factor, &y) != DEC_OK)
    return a->num == b->num && diff_text_equal(a->unit, b->unit);
  return x == y;
}

int diff_expr_equal(const Program *pa, const Expr *a, const Program *pb, const Expr *b,
                    unsigned depth) {
  if (!a || !b) return a == b;
  if (depth > LIM_NESTING || a->kind != b->kind || a->nargs != b->nargs) return 0;
  switch (a->kind) {
  case EX_NUM:
    if (!same_number(pa, a, pb, b)) return 0;
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
    if (!diff_expr_equal(pa, a->args[i], pb, b->args[i], depth + 1)) return 0;
  return 1;
}

typedef struct ExprOut {
  Arena *ar;
  const Program *p; /* non-NULL: numbers with a unit also in base units */
} ExprOut;

static const char *expr_text(const ExprOut *o, const Expr *e, int min, unsigned depth);

static const char *num_text(const ExprOut *o, const Expr *e) {
  if (!e->unit) return e->name;
  const char *s = arena_printf(o->ar, strcmp(e->unit, "%") ? "%s %s" : "%s%s", e->name, e->unit);
  if (!o->p || e->unit_id < 0 || (size_t)e->unit_id >= o->p->nunits) return s;
  const char *b = base_text(o->ar, o->p, e->num, &o->p->units[e->unit_id]);
  return b ? arena_printf(o->ar, "%s (= %s)", s, b) : s;
}

/* e without its parentheses. */
static const char *operands_text(const ExprOut *o, const Expr *e, int p, unsigned depth) {
  Arena *ar = o->ar;
  const char *s;
  switch (e->kind) {
  case EX_NUM:
    return num_text(o, e);
  case EX_FIELD:
    return e->name;
  case EX_CALL:
    s = "";
    for (size_t i = 0; i < e->nargs; i++)
      s = arena_printf(ar, "%s%s%s", s, i ? ", " : "", expr_text(o, e->args[i], AST_P_IF, depth));
    return arena_printf(ar, "%s(%s)", e->name, s);
  case EX_UNARY:
    if (e->op == OP_NEG) return arena_printf(ar, "-%s", expr_text(o, e->args[0], AST_P_NEG, depth));
    return arena_printf(ar, "非 %s", expr_text(o, e->args[0], AST_P_NOT, depth));
  case EX_BINARY: /* left-associative, comparisons do not associate */
    return arena_printf(ar, "%s %s %s", expr_text(o, e->args[0], p == AST_P_CMP ? p + 1 : p, depth),
                        ast_op_text(e->op), expr_text(o, e->args[1], p + 1, depth));
  case EX_IF:
    return arena_printf(ar, "如果 %s 则 %s 否则 %s", expr_text(o, e->args[0], AST_P_IF, depth),
                        expr_text(o, e->args[1], AST_P_IF, depth),
                        expr_text(o, e->args[2], AST_P_IF, depth));
  }
  return "?";
}

/* e, in parentheses only where it binds less tightly than min: the
 * spec's own reading, without the parentheses it does not need. */
static const char *expr_text(const ExprOut *o, const Expr *e, int min, unsigned depth) {
  if (!e || depth > LIM_NESTING) return "…";
  int p = ast_expr_prec(e);
  const char *s = operands_text(o, e, p, depth + 1);
  return p < min ? arena_printf(o->ar, "(%s)", s) : s;
}

const char *diff_expr_text(Arena *ar, const Program *p, const Expr *e) {
  ExprOut o = {ar, p};
  return e ? expr_text(&o, e, AST_P_IF, 0) : NULL;
}

/* ---- policies ---------------------------------------------------------------------- */

typedef enum PolKind { PK_POINTS, PK_SHARE, PK_BAND, PK_REVERSE } PolKind;

/* The settings of docs/scoring.md [POLICY-1], as compiler/sema/policy.c
 * reads them. */
static const struct {
  PolicySetting set; /* its names: AST_SETTINGS in front/ast.h */
  PolKind kind;
  size_t off;
} settings[] = {
    {SET_OUTPUT, PK_POINTS, offsetof(Policy, w_output)},
    {SET_BENEFIT, PK_POINTS, offsetof(Policy, w_benefit)},
    {SET_SATISFACTION, PK_POINTS, offsetof(Policy, w_satisfaction)},
    {SET_BUDGET_RATE, PK_POINTS, offsetof(Policy, w_rate)},
    {SET_REVERSE, PK_REVERSE, offsetof(Policy, reverse)},
    {SET_MET, PK_BAND, offsetof(Policy, met)},
    {SET_PARTIAL, PK_BAND, offsetof(Policy, partial)},
    {SET_UNMET, PK_BAND, offsetof(Policy, unmet)},
    {SET_EXCELLENT, PK_POINTS, offsetof(Policy, grade_excellent)},
    {SET_GOOD, PK_POINTS, offsetof(Policy, grade_good)},
    {SET_FAIR, PK_POINTS, offsetof(Policy, grade_fair)},
    {SET_OVERSHOOT, PK_SHARE, offsetof(Policy, overshoot)},
    {SET_LOW_RATE, PK_SHARE, offsetof(Policy, low_rate)},
    {SET_LAG, PK_SHARE, offsetof(Policy, lag)},
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
    add(ud, ast_setting_name(settings[i].set, LANG_ZH), ast_setting_name(settings[i].set, LANG_EN),
        setting_text(ar, settings[i].kind, x),
        setting_text(ar, settings[i].kind, y));
  }
}
