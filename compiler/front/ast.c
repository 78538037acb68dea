/*
 * ast.c - AST constructors for the grammar actions (ast_build.h) and the
 * small AST utilities of ast.h.
 */
#include "ast.h"
#include "support/i18n.h"

#include <string.h>

#include "ast_build.h"

/* ---- names ------------------------------------------------------------ */

static const char *const cat_zh[] = {
#define X(name, zh, zhs, en) zh,
    AST_CATEGORIES(X)
#undef X
};
static const char *const cat_en[] = {
#define X(name, zh, zhs, en) en,
    AST_CATEGORIES(X)
#undef X
};

const char *ast_category_name(Category c, Lang lang) {
  if ((unsigned)c >= CAT__COUNT) return "?";
  return lang == LANG_EN ? cat_en[c] : cat_zh[c];
}

static const char *const set_zh[] = {
#define X(name, zh, en) zh,
    AST_SETTINGS(X)
#undef X
};
static const char *const set_en[] = {
#define X(name, zh, en) en,
    AST_SETTINGS(X)
#undef X
};

int ast_setting_of(const char *key) {
  for (int i = 0; i < SET__COUNT; i++)
    if (!strcmp(key, set_zh[i]) || !strcmp(key, set_en[i])) return i;
  return -1;
}

const char *ast_setting_name(PolicySetting s, Lang lang) {
  if ((unsigned)s >= SET__COUNT) return "?";
  return lang == LANG_EN ? set_en[s] : set_zh[s];
}

const char *ast_setting_word(const char *key, const Expr *v, Lang lang) {
  static const char *const words[][2] = {{"差额", "difference"}, {"比例", "ratio"}};
  if (ast_setting_of(key) != SET_REVERSE || v->kind != EX_FIELD) return NULL;
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
    if (!strcmp(v->name, words[i][0]) || !strcmp(v->name, words[i][1]))
      return words[i][lang == LANG_EN];
  return NULL;
}

const char *ast_op_text(ExprOp op) {
  static const char *const t[] = {"+", "-", "*", "/", "<", "≤", ">", "≥", "==", "!=",
                                  "且", "或", "-", "非"};
  return (size_t)op < sizeof t / sizeof t[0] ? t[op] : "?";
}

int ast_expr_prec(const Expr *e) {
  switch (e->kind) {
  case EX_IF: return AST_P_IF;
  case EX_UNARY: return e->op == OP_NEG ? AST_P_NEG : AST_P_NOT;
  case EX_BINARY:
    switch (e->op) {
    case OP_OR: return AST_P_OR;
    case OP_AND: return AST_P_AND;
    case OP_ADD: case OP_SUB: return AST_P_ADD;
    case OP_MUL: case OP_DIV: return AST_P_MUL;
    default: return AST_P_CMP;
    }
  default: return AST_P_ATOM;
  }
}

const char *ast_cmp_str(Cmp c) {
  switch (c) {
  case CMP_GE: return "≥";
  case CMP_LE: return "≤";
  case CMP_GT: return ">";
  case CMP_LT: return "<";
  case CMP_EQ: return "=";
  }
  return "?";
}

/* ---- helpers ---------------------------------------------------------- */

static Span ast_no_span(void) {
  Span s = {UINT32_MAX, 0, 0};
  return s;
}

static void ast_item(ParseCtx *pc, ItemKind kind, Span sp, void *node) {
  File *f = pc->out;
  size_t cap = f->nitems;
  /* items are few: grow by doubling from the arena each time n hits a power of two */
  if ((f->nitems & (f->nitems - 1)) == 0) {
    size_t ncap = f->nitems ? f->nitems * 2 : 8;
    if (ncap > 8 || f->nitems == 0) {
      Item *n = arena_alloc(pc->arena, ncap * sizeof *n);
      if (f->nitems) memcpy(n, f->items, f->nitems * sizeof *n);
      f->items = n;
    }
  }
  (void)cap;
  Item it = {kind, sp, node};
  f->items[f->nitems++] = it;
}

/* Append v to arr[0..n): capacity 4, then doubling at each power of two
 * from 4 (never 2 and 1: a block of 6 indicators takes 4 + 8 slots). */
#define PUSH_PTR(pc, arr, n, v)                                             \
  do {                                                                      \
    if ((n) == 0 || ((n) >= 4 && ((n) & ((n) - 1)) == 0)) {                \
      size_t ncap_ = (n) ? (n) * 2 : 4;                                     \
      void *p_ = arena_alloc((pc)->arena, ncap_ * sizeof *(arr));           \
      if (n) memcpy(p_, (arr), (n) * sizeof *(arr));                        \
      (arr) = p_;                                                           \
    }                                                                       \
    (arr)[(n)++] = (v);                                                     \
  } while (0)

/* Is the construct being built inside a block with a syntax error?  Then
 * what looks wrong in it may only follow from that error. */
static int in_damaged(const ParseCtx *pc) {
  if (!pc->proj) return 0;
  return pc->proj->damaged || (pc->ncats > 0 && pc->cats[pc->ncats - 1]->damaged);
}

static void dup_attr(ParseCtx *pc, Span sp, Span first, const char *what) {
  if (in_damaged(pc)) return;
  Diag *d = diag_report(pc->diags, E_DUP_ATTR, sp, "%s given twice", _(what));
  if (d && first.file != UINT32_MAX) diag_note(d, first, "first given here");
}

static void count_kw(ParseCtx *pc, Lang lang) {
  if (lang == LANG_EN)
    pc->out->nkw_en++;
  else
    pc->out->nkw_zh++;
}

/* ---- header and top-level items ---------------------------------------- */

void ast_agency(ParseCtx *pc, Lang lang, const char *code, const char *name, Span sp) {
  Header *h = &pc->out->header;
  count_kw(pc, lang);
  if (h->has_agency) {
    dup_attr(pc, sp, h->agency_span, "预算单位 (agency)");
    return;
  }
  h->has_agency = 1;
  h->agency_code = code;
  h->agency_name = name;
  h->agency_span = sp;
  h->agency_lang = lang;
  ast_item(pc, ITEM_AGENCY, sp, NULL);
}

void ast_year(ParseCtx *pc, Lang lang, NumTok year, Span sp) {
  Header *h = &pc->out->header;
  count_kw(pc, lang);
  if (h->has_year) {
    dup_attr(pc, sp, h->year_span, "年度 (year)");
    return;
  }
  Dec lo, hi;
  dec_from_int(1900, &lo);
  dec_from_int(9999, &hi);
  if (!dec_is_integral(year.v) || dec_cmp(year.v, lo) < 0 || dec_cmp(year.v, hi) > 0) {
    Diag *d = diag_report(pc->diags, E_BAD_YEAR, sp, "invalid year '%s'", year.text);
    if (d) diag_hint(d, "write the budget year as four digits, e.g. 年度 2023");
    h->bad_year = 1;
    return;
  }
  h->has_year = 1;
  h->year = (int)(year.v / DEC_SCALE);
  h->year_text = year.text;
  h->year_span = sp;
  h->year_lang = lang;
  ast_item(pc, ITEM_YEAR, sp, NULL);
}

void ast_currency(ParseCtx *pc, Lang lang, const char *unit, Span sp) {
  Header *h = &pc->out->header;
  count_kw(pc, lang);
  if (h->currency) {
    dup_attr(pc, sp, h->currency_span, "金额单位 (currency)");
    return;
  }
  h->currency = unit;
  h->currency_span = sp;
  h->currency_lang = lang;
  ast_item(pc, ITEM_CURRENCY, sp, NULL);
}

void ast_import(ParseCtx *pc, Lang lang, const char *path, Span sp) {
  count_kw(pc, lang);
  Import *im = arena_alloc(pc->arena, sizeof *im);
  im->span = sp;
  im->lang = lang;
  im->path = path;
  im->file = UINT32_MAX;
  PUSH_PTR(pc, pc->out->imports, pc->out->nimports, im);
  ast_item(pc, ITEM_IMPORT, sp, im);
}

/*
 * After a syntax error: the construct that absorbed it is incomplete, so
 * sema skips it rather than report what follows from the gap.  That is the
 * innermost category, or the project when the error is among its items.
 */
void ast_recover(ParseCtx *pc) {
  if (pc->proj && pc->ncats > 0)
    pc->cats[pc->ncats - 1]->damaged = 1;
  else if (pc->proj)
    pc->proj->damaged = 1;
}

/* ---- units and scales --------------------------------------------------- */

void ast_unit(ParseCtx *pc, Lang lang, const char *name, const NumTok *factor,
              const char *base, Span sp, Span base_sp) {
  count_kw(pc, lang);
  UnitDecl *u = arena_alloc(pc->arena, sizeof *u);
  u->span = sp;
  u->lang = lang;
  u->name = name;
  u->base = base;
  u->base_span = base_sp;
  if (factor) {
    u->has_factor = 1;
    u->factor = factor->v;
    u->factor_text = factor->text;
  }
  PUSH_PTR(pc, pc->out->units, pc->out->nunits, u);
  ast_item(pc, ITEM_UNIT, sp, u);
}

const char *ast_unit_join(ParseCtx *pc, const char *a, const char *b) {
  return arena_printf(pc->arena, "%s/%s", a, b);
}

void ast_scale_begin(ParseCtx *pc, Lang lang, const char *name, Span sp) {
  count_kw(pc, lang);
  ScaleDecl *s = arena_alloc(pc->arena, sizeof *s);
  s->lang = lang;
  s->name = name;
  s->span = sp;
  pc->scale = s;
  PUSH_PTR(pc, pc->out->scales, pc->out->nscales, s);
  ast_item(pc, ITEM_SCALE, sp, s);
}

/* Join the atoms of a grade name; a last atom "级"/"level" is dropped and a
 * trailing "级" is stripped, so `3A 级`, `3A级` and `3A` all name 3A. */
static const char *grade_join(ParseCtx *pc, const GradeParts *g) {
  unsigned n = g->n;
  if (n > 1 && (strcmp(g->atom[n - 1], "级") == 0 || strcmp(g->atom[n - 1], "level") == 0))
    n--;
  size_t len = 0;
  for (unsigned i = 0; i < n; i++) len += strlen(g->atom[i]);
  char *s = arena_alloc_str(pc->arena, len + 1);
  s[0] = '\0';
  for (unsigned i = 0; i < n; i++) strcat(s, g->atom[i]);
  size_t sl = strlen(s), jl = strlen("级");
  if (sl > jl && strcmp(s + sl - jl, "级") == 0) s[sl - jl] = '\0';
  return s;
}

GradeParts *ast_grade_parts(ParseCtx *pc, GradeParts *prev, const char *atom, Span sp) {
  GradeParts *g = prev;
  if (g) {
    g->span.hi = sp.hi;
    if (strcmp(atom, "级") != 0 && strcmp(atom, "level") != 0) g->name_hi = sp.hi;
  } else {
    g = &pc->grade; /* a grade name is used up before the next begins */
    memset(g, 0, sizeof *g);
    g->span = sp;
    g->name_hi = sp.hi;
  }
  if (g->n == 4) {
    diag_report(pc->diags, E_BAD_TARGET, sp, "grade name too long");
    return g;
  }
  g->atom[g->n++] = atom;
  return g;
}

void ast_scale_member(ParseCtx *pc, const GradeParts *g) {
  ScaleDecl *s = pc->scale;
  if (!s) return;
  if ((s->nmembers & (s->nmembers - 1)) == 0) {
    size_t ncap = s->nmembers ? s->nmembers * 2 : 4;
    const char **m = arena_alloc(pc->arena, ncap * sizeof *m);
    Span *ms = arena_alloc(pc->arena, ncap * sizeof *ms);
    if (s->nmembers) {
      memcpy(m, s->members, s->nmembers * sizeof *m);
      memcpy(ms, s->member_spans, s->nmembers * sizeof *ms);
    }
    s->members = m;
    s->member_spans = ms;
  }
  s->members[s->nmembers] = grade_join(pc, g);
  s->member_spans[s->nmembers] = g->span;
  s->member_spans[s->nmembers].hi = g->name_hi;
  s->nmembers++;
}

void ast_scale_end(ParseCtx *pc, Span sp) {
  if (pc->scale) pc->scale->span = sp;
  pc->scale = NULL;
}

/* ---- policy ------------------------------------------------------------- */

void ast_policy_begin(ParseCtx *pc, Lang lang, const char *name, Span sp) {
  count_kw(pc, lang);
  PolicyDecl *p = arena_alloc(pc->arena, sizeof *p);
  p->lang = lang;
  p->name = name;
  p->span = sp;
  pc->policy = p;
  PUSH_PTR(pc, pc->out->policies, pc->out->npolicies, p);
  ast_item(pc, ITEM_POLICY, sp, p);
}

void ast_setting(ParseCtx *pc, const char *key, Span key_sp, ExprList values, Span sp) {
  PolicyDecl *p = pc->policy;
  if (!p) return;
  for (size_t i = 0; i < values.n; i++) {
    Setting *s = arena_alloc(pc->arena, sizeof *s);
    s->span = sp;
    s->key = key;
    s->key_span = key_sp;
    s->value = values.v[i];
    s->index = (unsigned)i;
    s->count = (unsigned)values.n;
    PUSH_PTR(pc, p->settings, p->nsettings, s);
  }
}

void ast_policy_end(ParseCtx *pc, Span sp) {
  if (pc->policy) pc->policy->span = sp;
  pc->policy = NULL;
}

/* ---- projects and categories -------------------------------------------- */

void ast_project_begin(ParseCtx *pc, Lang lang, const char *name, Span name_sp) {
  count_kw(pc, lang);
  Project *p = arena_alloc(pc->arena, sizeof *p);
  p->lang = lang;
  p->name = name;
  p->name_span = name_sp;
  p->span = name_sp;
  pc->proj = p;
  pc->ncats = 0;
  pc->ind = NULL;
  pc->nerr_proj = 0; /* a new project: the braces are in step again */
  pc->desync = 0;
  PUSH_PTR(pc, pc->out->projects, pc->out->nprojects, p);
  ast_item(pc, ITEM_PROJECT, name_sp, p);
}

void ast_project_end(ParseCtx *pc, Span sp) {
  if (pc->proj) {
    pc->proj->span = sp;
    pc->out->items[pc->out->nitems - 1].span = sp;
    for (size_t i = pc->out->nitems; i-- > 0;)
      if (pc->out->items[i].node == pc->proj) {
        pc->out->items[i].span = sp;
        break;
      }
  }
  pc->proj = NULL;
  pc->ncats = 0;
}

static const char *const money_names[] = {N_("预算数 (budget)"), N_("财政资金 (fiscal)"),
                                          N_("其他资金 (other)")};

void ast_money(ParseCtx *pc, int which, NumTok v, const char *unit, Span sp, Span unit_sp) {
  Project *p = pc->proj;
  if (!p) return;
  Money *m = which == 0 ? &p->budget : which == 1 ? &p->fiscal : &p->other;
  if (m->present) {
    dup_attr(pc, sp, m->span, money_names[which]);
    return;
  }
  m->present = 1;
  m->value = v.v;
  m->text = v.text;
  m->unit = unit;
  m->unit_span = unit_sp;
  m->span = sp;
}

void ast_text_attr(ParseCtx *pc, int which, const char *text, Span sp) {
  Project *p = pc->proj;
  if (!p) return;
  const char **slot = which == 0 ? &p->purpose : &p->goal;
  Span *ssp = which == 0 ? &p->purpose_span : &p->goal_span;
  if (*slot) {
    dup_attr(pc, sp, *ssp, which == 0 ? N_("资金用途 (purpose)") : N_("绩效目标 (goal)"));
    return;
  }
  *slot = text;
  *ssp = sp;
}

void ast_category_begin(ParseCtx *pc, CatTok cat, const NumTok *weight, Span kw_sp,
                        Span weight_sp) {
  count_kw(pc, cat.lang);
  CatBlock *c = arena_alloc(pc->arena, sizeof *c);
  c->cat = cat.cat;
  c->lang = cat.lang;
  c->kw_span = kw_sp;
  c->span = kw_sp;
  if (weight) {
    c->has_weight = 1;
    c->weight = weight->v;
    c->weight_text = weight->text;
    c->weight_span = weight_sp;
  }
  if (pc->ncats == 0) {
    if (pc->proj) PUSH_PTR(pc, pc->proj->cats, pc->proj->ncats, c);
  } else {
    CatBlock *parent = pc->cats[pc->ncats - 1];
    PUSH_PTR(pc, parent->subs, parent->nsubs, c);
  }
  if (pc->ncats < LIM_NESTING) pc->cats[pc->ncats++] = c;
}

void ast_category_end(ParseCtx *pc, Span sp) {
  if (pc->ncats == 0) return;
  pc->cats[--pc->ncats]->span = sp;
}

/* ---- indicators --------------------------------------------------------- */

void ast_indicator_begin(ParseCtx *pc, Lang lang, const char *id, const char *name,
                         Span id_sp, Span name_sp) {
  count_kw(pc, lang);
  Indicator *ind = arena_alloc(pc->arena, sizeof *ind);
  ind->lang = lang;
  ind->id = id;
  ind->id_span = id ? id_sp : ast_no_span();
  ind->name = name;
  ind->name_span = name_sp;
  ind->span = name_sp;
  ind->desc_span = ast_no_span();
  ind->weight_span = ast_no_span();
  pc->ind = ind;
  if (pc->ncats == 0) {
    if (in_damaged(pc)) return; /* inside a block skipped after an error */
    Diag *d = diag_report(pc->diags, E_INDICATOR_LEVEL, name_sp,
                          "indicator \"%s\" outside a level-2 category", name);
    if (d)
      diag_hint(d, "put it inside a level-2 block, e.g. 产出指标 { 数量指标 { 指标 … } }");
    return;
  }
  CatBlock *c = pc->cats[pc->ncats - 1];
  PUSH_PTR(pc, c->inds, c->ninds, ind);
}

void ast_indicator_target(ParseCtx *pc, Target *t) {
  if (pc->ind) pc->ind->target = t;
}

void ast_indicator_desc(ParseCtx *pc, const char *desc, Span sp) {
  Indicator *ind = pc->ind;
  if (!ind) return;
  count_kw(pc, ind->lang);
  if (ind->desc) {
    dup_attr(pc, sp, ind->desc_span, "描述 (description)");
    return;
  }
  ind->desc = desc;
  ind->desc_span = sp;
}

void ast_indicator_weight(ParseCtx *pc, NumTok w, Span sp) {
  Indicator *ind = pc->ind;
  if (!ind) return;
  if (ind->has_weight) {
    dup_attr(pc, sp, ind->weight_span, "分值 (weight)");
    return;
  }
  ind->has_weight = 1;
  ind->weight = w.v;
  ind->weight_text = w.text;
  ind->weight_span = sp;
}

void ast_indicator_actual(ParseCtx *pc, Expr *e, Span sp) {
  Indicator *ind = pc->ind;
  if (!ind) return;
  if (ind->actual) {
    dup_attr(pc, sp, ind->actual->span, "实际 (actual)");
    return;
  }
  ind->actual = e;
}

void ast_indicator_end(ParseCtx *pc, Span sp) {
  Indicator *ind = pc->ind;
  if (!ind) return;
  ind->span = sp;
  if (!ind->target && !in_damaged(pc)) {
    Diag *d = diag_report(pc->diags, E_MISSING_TARGET, ind->name_span,
                          "indicator \"%s\" has no target", ind->name);
    if (d)
      diag_hint(d, "write the target (指标值) after a colon, e.g. 指标 \"%s\": ≥15 场", ind->name);
  }
  pc->ind = NULL;
}

/* ---- targets ------------------------------------------------------------ */

static Target *new_target(ParseCtx *pc, TargetKind k, Span sp) {
  Target *t = arena_alloc(pc->arena, sizeof *t);
  t->kind = k;
  t->span = sp;
  return t;
}

Target *ast_target_quant(ParseCtx *pc, int cmp, NumTok v, const char *unit, Span unit_sp,
                         Span sp) {
  Target *t = new_target(pc, TGT_QUANT, sp);
  t->u.q.cmp = cmp < 0 ? CMP_EQ : (Cmp)cmp;
  t->u.q.explicit_cmp = cmp >= 0;
  t->u.q.value = v.v;
  t->u.q.value_text = v.text;
  t->u.q.unit = unit;
  t->u.q.unit_span = unit ? unit_sp : sp;
  t->u.q.unit_id = -1;
  return t;
}

Target *ast_target_deadline(ParseCtx *pc, DateTok d, Span sp) {
  Target *t = new_target(pc, TGT_DEADLINE, sp);
  t->u.deadline.date = d.d;
  t->u.deadline.text = d.text;
  return t;
}

Target *ast_target_period(ParseCtx *pc, DateTok d, Span sp) {
  Target *t = new_target(pc, TGT_PERIOD, sp);
  t->u.period.year = d.year;
  t->u.period.text = d.text;
  return t;
}

Target *ast_target_within(ParseCtx *pc, NumTok year, Span sp) {
  Target *t = new_target(pc, TGT_PERIOD, sp);
  if (!dec_is_integral(year.v) || year.v / DEC_SCALE < 1900 || year.v / DEC_SCALE > 9999) {
    Diag *d = diag_report(pc->diags, E_BAD_DATE, sp, "invalid year '%s' in period", year.text);
    if (d) diag_hint(d, "write the year as four digits, e.g. 年内 2023 or 2023年内");
    return t;
  }
  t->u.period.year = (int)(year.v / DEC_SCALE);
  t->u.period.text = arena_printf(pc->arena, "%d年内", t->u.period.year);
  return t;
}

Target *ast_target_grade(ParseCtx *pc, const GradeParts *g, Span sp) {
  Target *t = new_target(pc, TGT_GRADE, sp);
  t->u.grade.grade = grade_join(pc, g);
  t->u.grade.grade_span = g->span;
  t->u.grade.grade_span.hi = g->name_hi;
  t->u.grade.scale_id = -1;
  return t;
}

Target *ast_target_text(ParseCtx *pc, const char *text, Span sp) {
  Target *t = new_target(pc, TGT_TEXT, sp);
  t->u.text.text = text;
  return t;
}

NumTok ast_negate(ParseCtx *pc, NumTok v, Span sp) {
  (void)sp;
  NumTok r = v;
  r.v = -v.v; /* |v| <= DEC_MAX and DEC_MIN == -DEC_MAX: cannot overflow */
  r.text = arena_printf(pc->arena, "-%s", v.text);
  return r;
}

/* ---- expressions -------------------------------------------------------- */

static Expr *new_expr(ParseCtx *pc, ExprKind k, Span sp, size_t nargs) {
  Expr *e = arena_alloc(pc->arena, sizeof *e);
  e->kind = k;
  e->span = sp;
  e->unit_id = -1;
  e->nargs = nargs;
  if (nargs) e->args = arena_alloc(pc->arena, nargs * sizeof *e->args);
  return e;
}

Expr *ast_expr_num(ParseCtx *pc, NumTok v, const char *unit, Span sp) {
  Expr *e = new_expr(pc, EX_NUM, sp, 0);
  e->num = v.v;
  e->unit = unit;
  e->name = v.text;
  return e;
}

Expr *ast_expr_field(ParseCtx *pc, const char *name, Span sp) {
  Expr *e = new_expr(pc, EX_FIELD, sp, 0);
  e->name = name;
  return e;
}

Expr *ast_expr_call(ParseCtx *pc, const char *name, ExprList args, Span sp) {
  Expr *e = new_expr(pc, EX_CALL, sp, 0);
  e->name = name;
  e->args = args.v;
  e->nargs = args.n;
  return e;
}

Expr *ast_expr_unary(ParseCtx *pc, ExprOp op, Expr *a, Span sp) {
  Expr *e = new_expr(pc, EX_UNARY, sp, 1);
  e->op = op;
  e->args[0] = a;
  return e;
}

Expr *ast_expr_binary(ParseCtx *pc, ExprOp op, Expr *a, Expr *b, Span sp) {
  Expr *e = new_expr(pc, EX_BINARY, sp, 2);
  e->op = op;
  e->args[0] = a;
  e->args[1] = b;
  return e;
}

Expr *ast_expr_if(ParseCtx *pc, Expr *c, Expr *a, Expr *b, Span sp) {
  Expr *e = new_expr(pc, EX_IF, sp, 3);
  e->args[0] = c;
  e->args[1] = a;
  e->args[2] = b;
  return e;
}

ExprList ast_args(ParseCtx *pc, const ExprList *prev, Expr *e) {
  ExprList l = {0};
  if (prev) l = *prev;
  if (l.n == l.cap) l.v = arena_grow(pc->arena, l.v, sizeof *l.v, &l.cap);
  l.v[l.n++] = e;
  return l;
}

/* ---- rule tests ----------------------------------------------------------- */

static const char *const status_words[6][2] = {
    {"达成", "met"},       {"部分达成", "partial"}, {"未达成", "unmet"},
    {"未填报", "missing"}, {"不适用", "na"},        {"未到期", "pending"},
};

static const char *const grade_words[4][2] = {
    {"优", "excellent"}, {"良", "good"}, {"中", "fair"}, {"差", "poor"}};

const char *ast_status_word(int status, Lang lang) {
  return status >= 0 && status < 6 ? status_words[status][lang == LANG_EN] : "?";
}

const char *ast_grade_word(int grade, Lang lang) {
  return grade >= 0 && grade < 4 ? grade_words[grade][lang == LANG_EN] : "?";
}

int ast_status_parse(const char *word) {
  for (int i = 0; i < 6; i++)
    if (!strcmp(word, status_words[i][0]) || !strcmp(word, status_words[i][1])) return i;
  return -1;
}

int ast_grade_parse(const char *word) {
  for (int i = 0; i < 4; i++)
    if (!strcmp(word, grade_words[i][0]) || !strcmp(word, grade_words[i][1])) return i;
  return -1;
}

/* The test being built: the last one begun and not yet closed. */
static TestDecl *cur_test(ParseCtx *pc) {
  File *f = pc->out;
  if (f->ntests == 0 || f->tests[f->ntests - 1]->closed) return NULL;
  return f->tests[f->ntests - 1];
}

void ast_test_begin(ParseCtx *pc, Lang lang, const char *name, Span name_sp) {
  count_kw(pc, lang);
  TestDecl *t = arena_alloc(pc->arena, sizeof *t);
  t->lang = lang;
  t->name = name;
  t->name_span = name_sp;
  t->span = name_sp;
  PUSH_PTR(pc, pc->out->tests, pc->out->ntests, t);
  ast_item(pc, ITEM_TEST, name_sp, t);
}

void ast_test_end(ParseCtx *pc, Span sp) {
  TestDecl *t = cur_test(pc);
  if (!t) return;
  t->span = sp;
  t->closed = 1;
  for (size_t i = pc->out->nitems; i-- > 0;)
    if (pc->out->items[i].node == t) {
      pc->out->items[i].span = sp;
      break;
    }
}

void ast_test_recover(ParseCtx *pc) {
  TestDecl *t = cur_test(pc);
  if (t) t->damaged = 1;
}

static void test_dup(ParseCtx *pc, TestDecl *t, Span sp, Span first, const char *what) {
  if (t->damaged) return;
  Diag *d = diag_report(pc->diags, E_DUP_ATTR, sp, "%s given twice in test \"%s\"", what, t->name);
  if (d) diag_note(d, first, "first given here");
}

void ast_test_project(ParseCtx *pc, Lang lang, const char *name, Span sp, Span name_sp) {
  TestDecl *t = cur_test(pc);
  if (!t) return;
  count_kw(pc, lang);
  if (t->project) {
    test_dup(pc, t, sp, t->project_span, "项目 (project)");
    return;
  }
  t->project = name;
  t->project_span = sp;
  t->project_name_span = name_sp;
  t->project_lang = lang;
}

void ast_test_as_of(ParseCtx *pc, Lang lang, DateTok d, Span sp) {
  TestDecl *t = cur_test(pc);
  if (!t) return;
  count_kw(pc, lang);
  if (t->has_as_of) {
    test_dup(pc, t, sp, t->as_of_span, "截至 (by)");
    return;
  }
  t->has_as_of = 1;
  t->as_of = d.d;
  t->as_of_text = d.text;
  t->as_of_span = sp;
  t->as_of_lang = lang;
}

void ast_test_block(ParseCtx *pc, int which, Lang lang, Span kw_sp) {
  TestDecl *t = cur_test(pc);
  if (!t) return;
  count_kw(pc, lang);
  int *has = which ? &t->has_expect : &t->has_given;
  Span *bsp = which ? &t->expect_span : &t->given_span;
  if (*has) {
    test_dup(pc, t, kw_sp, *bsp, which ? "期望 (expect)" : "给定 (given)");
    return; /* its items are still collected: one list per test */
  }
  *has = 1;
  *bsp = kw_sp;
  if (which)
    t->expect_lang = lang;
  else
    t->given_lang = lang;
}

void ast_test_block_end(ParseCtx *pc, int which, Span sp) {
  TestDecl *t = cur_test(pc);
  if (!t) return;
  Span *bsp = which ? &t->expect_span : &t->given_span;
  if (bsp->lo == sp.lo) *bsp = sp; /* the first block of its kind */
}

void ast_test_given(ParseCtx *pc, Lang lang, const char *key, Span key_sp) {
  TestDecl *t = cur_test(pc);
  if (!t) return;
  if (!key) count_kw(pc, lang);
  Given *g = arena_alloc(pc->arena, sizeof *g);
  g->lang = lang;
  g->key = key;
  g->key_span = key_sp;
  g->span = key_sp;
  g->value_span = key_sp;
  PUSH_PTR(pc, t->given, t->ngiven, g);
}

static Given *cur_given(ParseCtx *pc) {
  TestDecl *t = cur_test(pc);
  return t && t->ngiven ? t->given[t->ngiven - 1] : NULL;
}

void ast_test_value_string(ParseCtx *pc, const char *s, Span sp) {
  Given *g = cur_given(pc);
  if (!g) return;
  g->value = s;
  g->quoted = 1;
  g->value_span = sp;
}

/* Append a bare token of the value, as written; a blank or a comment
 * between two tokens becomes one space. */
void ast_test_value_token(ParseCtx *pc, Span sp) {
  Given *g = cur_given(pc);
  if (!g) return;
  const char *tok = pc->text + sp.lo;
  int n = (int)(sp.hi - sp.lo);
  if (!g->value) {
    g->value = arena_strndup(pc->arena, tok, (size_t)n);
    g->value_span = sp;
    return;
  }
  const char *sep = g->value_span.hi == sp.lo ? "" : " ";
  g->value = arena_printf(pc->arena, "%s%s%.*s", g->value, sep, n, tok);
  g->value_span.hi = sp.hi;
}

void ast_test_given_end(ParseCtx *pc, Span sp) {
  Given *g = cur_given(pc);
  if (g) g->span = sp;
}

void ast_test_expect(ParseCtx *pc, ExpectKind kind, Lang lang, const char *key, Span key_sp,
                     const char *word, Span word_sp, const NumTok *num, Span sp) {
  TestDecl *t = cur_test(pc);
  if (!t) return;
  count_kw(pc, lang);
  Expect *e = arena_alloc(pc->arena, sizeof *e);
  e->kind = kind;
  e->span = sp;
  e->lang = lang;
  e->key = key;
  e->key_span = key_sp;
  e->word = word;
  e->word_span = word_sp;
  e->value = -1;
  if (num) {
    e->num = num->v;
    e->num_text = num->text;
  }
  PUSH_PTR(pc, t->expect, t->nexpect, e);
}
