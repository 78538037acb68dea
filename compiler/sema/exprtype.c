/*
 * exprtype.c - the type of a derived actual (实际 = …, section 8 of
 * docs/language.md, [EXPR-TYPE]).
 *
 * A value is a number of a dimension (a unit's, or none: a plain number),
 * a number of unknown dimension (a raw field, or what the unit algebra
 * cannot name, like 场 × 个), or a condition (a comparison, 且 或 非).
 * A condition used as a number is 1 or 0, as every backend computes it.
 * Errors: quantities of two dimensions added, subtracted, compared or
 * chosen between (E0302); 实际 whose dimension is not its target's
 * (E0302); 实际 that is a condition against a target with a unit (a
 * plain ≥1 may take a condition's 1 or 0), or on a target that is not a
 * quantity (E0701).  Called only on expressions check_expr accepted, so
 * the recursion is at most LIM_NESTING deep.
 */
#include <string.h>

#include "sema_internal.h"

typedef enum VKind { V_ANY, V_NUM, V_COND } VKind;

typedef struct VType {
  VKind kind;
  const Unit *unit; /* V_NUM: a unit of its dimension, NULL for a plain number */
} VType;

/* Two values that must be of one dimension (+ - comparisons, min, max,
 * the branches of 如果): report when both have a unit, of two
 * dimensions; the result has the dimension of either. */
static VType same_dim(Program *p, const Expr *e, VType a, VType b, const char *what) {
  if (a.kind == V_NUM && b.kind == V_NUM && a.unit && b.unit && !sema_same_dim(a.unit, b.unit)) {
    Diag *d = diag_report(&p->diags, E_UNIT_MISMATCH, e->span,
                          "'%s' applied to '%s' and '%s', quantities of different dimensions", what,
                          a.unit->name, b.unit->name);
    diag_hint(d, "'%s' does not convert into '%s'; write both in units of one dimension",
              a.unit->name, b.unit->name);
    return (VType){V_ANY, NULL};
  }
  if (a.kind == V_NUM && a.unit) return a;
  if (b.kind == V_NUM && b.unit) return b;
  if (a.kind == V_ANY || b.kind == V_ANY) return (VType){V_ANY, NULL};
  return (VType){V_NUM, NULL};
}

/* A condition used as a number is 1 or 0: a plain number. */
static VType as_num(VType t) { return t.kind == V_COND ? (VType){V_NUM, NULL} : t; }

static VType mul_div(ExprOp op, VType a, VType b) {
  a = as_num(a), b = as_num(b);
  if (a.kind == V_ANY || b.kind == V_ANY) return (VType){V_ANY, NULL};
  if (!b.unit) return a;                          /* x 场 * 2, x 场 / 2 */
  if (op == OP_MUL && !a.unit) return b;          /* 2 * x 场 */
  if (op == OP_DIV && a.unit && sema_same_dim(a.unit, b.unit)) return (VType){V_NUM, NULL};
  return (VType){V_ANY, NULL};                    /* 场 × 个, 1 / 场: no unit names it */
}

static VType type_of(Program *p, const Expr *e) {
  switch (e->kind) {
  case EX_NUM:
    if (!e->unit) return (VType){V_NUM, NULL};
    if (e->unit_id < 0) return (VType){V_ANY, NULL}; /* unknown unit: reported */
    return (VType){V_NUM, &p->units[e->unit_id]};
  case EX_FIELD: return (VType){V_ANY, NULL};
  case EX_UNARY: {
    VType a = type_of(p, e->args[0]);
    return e->op == OP_NOT ? (VType){V_COND, NULL} : as_num(a);
  }
  case EX_BINARY: {
    VType a = type_of(p, e->args[0]), b = type_of(p, e->args[1]);
    switch (e->op) {
    case OP_ADD: case OP_SUB: {
      VType r = same_dim(p, e, as_num(a), as_num(b), ast_op_text(e->op));
      return r.kind == V_COND ? (VType){V_NUM, NULL} : r;
    }
    case OP_MUL: case OP_DIV: return mul_div(e->op, a, b);
    case OP_AND: case OP_OR: return (VType){V_COND, NULL};
    default: /* comparisons */
      same_dim(p, e, as_num(a), as_num(b), ast_op_text(e->op));
      return (VType){V_COND, NULL};
    }
  }
  case EX_CALL: {
    VType r = e->nargs ? as_num(type_of(p, e->args[0])) : (VType){V_ANY, NULL};
    for (size_t i = 1; i < e->nargs; i++)
      r = same_dim(p, e, r, as_num(type_of(p, e->args[i])), e->name);
    return r;
  }
  case EX_IF: {
    type_of(p, e->args[0]);
    VType a = type_of(p, e->args[1]), b = type_of(p, e->args[2]);
    if (a.kind == V_COND && b.kind == V_COND) return a;
    return same_dim(p, e, as_num(a), as_num(b), "如果 … 则 … 否则");
  }
  }
  return (VType){V_ANY, NULL};
}

void sema_expr_type(Program *p, Indicator *ind) {
  const Expr *e = ind->actual;
  const Target *t = ind->target;
  if (!e) return;
  if (t && t->kind != TGT_QUANT) {
    Diag *d = diag_report(&p->diags, E_EXPR_TYPE, e->span,
                          "实际 of \"%s\" computes a number, but its target is not a quantity",
                          ind->name);
    diag_hint(d, "实际 = … computes the actual of a target such as ≥15 场 or ≥95%%; the actual "
                 "of a text, deadline, period or grade target is given in the data");
    return;
  }
  VType r = type_of(p, e);
  if (!t) return;
  const Unit *tu = t->u.q.unit_id >= 0 ? &p->units[t->u.q.unit_id] : NULL;
  if (r.kind == V_COND && tu) { /* against a plain number (≥1), 1 or 0 is a yes or no */
    Diag *d = diag_report(&p->diags, E_EXPR_TYPE, e->span,
                          "实际 of \"%s\" is a condition (1 or 0), not a quantity in '%s'",
                          ind->name, tu->name);
    diag_hint(d, "compute the quantity itself, e.g. 实际 = 已处置工单 / 工单总数 * 100%%; a "
                 "condition belongs after 如果: 如果 a > 0 则 a 否则 0");
  } else if (r.kind == V_NUM && r.unit && tu && !sema_same_dim(r.unit, tu)) {
    Diag *d = diag_report(&p->diags, E_UNIT_MISMATCH, e->span,
                          "实际 of \"%s\" is in '%s', but its target is in '%s'", ind->name,
                          r.unit->name, tu->name);
    diag_hint(d, "'%s' does not convert into '%s': compute the actual in '%s' or a unit that "
                 "converts into it",
              r.unit->name, tu->name, tu->name);
  }
}
