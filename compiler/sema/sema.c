/*
 * sema.c - semantic analysis: the pass driver and the checks of projects,
 * categories, indicators and targets (docs/language.md sections 4-6).
 *
 * Sema walks the whole tree and reports every error it finds; it never
 * stops at the first.  It fills the "sema:" fields of the AST: category
 * levels, name keys, unit and scale ids, money in the file's 金额单位, and
 * (weights.c) each indicator's points.
 */
#include <stdlib.h>
#include <string.h>

#include "../support/indc_limits.h"
#include "../support/threads.h"
#include "support/i18n.h"
#include "sema_internal.h"
#include "text/namekey.h"

/* ---- categories ([CAT-1]) --------------------------------------------- */

int sema_is_level1(Category c) {
  return c == CAT_OUTPUT || c == CAT_BENEFIT || c == CAT_SATISFACTION || c == CAT_COST;
}

static const Category allowed[][5] = {
    [CAT_OUTPUT] = {CAT_QUANTITY, CAT_QUALITY, CAT_TIMELINESS, CAT_COST, CAT__COUNT},
    [CAT_BENEFIT] = {CAT_ECONOMIC, CAT_SOCIAL, CAT_ECOLOGICAL, CAT_SUSTAINABLE, CAT__COUNT},
    [CAT_SATISFACTION] = {CAT_BENEFICIARY, CAT__COUNT},
    [CAT_COST] = {CAT_ECONOMIC_COST, CAT_SOCIAL_COST, CAT_ECO_COST, CAT__COUNT},
};

int sema_allowed(Category l1, Category l2) {
  if (!sema_is_level1(l1)) return 0;
  for (int i = 0; i < 5 && allowed[l1][i] != CAT__COUNT; i++)
    if (allowed[l1][i] == l2) return 1;
  return 0;
}

/* The level-1 category a level-2 one belongs to ([CAT-1]). */
static Category level1_of(Category l2) {
  static const Category l1s[] = {CAT_OUTPUT, CAT_BENEFIT, CAT_SATISFACTION, CAT_COST};
  for (size_t i = 0; i < sizeof l1s / sizeof l1s[0]; i++)
    if (sema_allowed(l1s[i], l2)) return l1s[i];
  return CAT_OUTPUT; /* not reached: every level-2 category has its level 1 */
}

static void allowed_list(Category l1, Lang lang, char *buf, size_t cap) {
  size_t off = 0;
  buf[0] = '\0';
  for (int i = 0; i < 5 && allowed[l1][i] != CAT__COUNT && off < cap; i++)
    off += (size_t)snprintf(buf + off, cap - off, "%s%s", i ? ", " : "",
                            ast_category_name(allowed[l1][i], lang));
}

const Unit *sema_money_unit(const Program *p) { return prog_unit(p, "元"); }

int sema_is_money(const Program *p, const Target *t) {
  if (!t || t->kind != TGT_QUANT || t->u.q.unit_id < 0) return 0;
  const Unit *m = sema_money_unit(p);
  return m && p->units[t->u.q.unit_id].dim == m->dim;
}

/* ---- scales ([SCALE-1]) -------------------------------------------------- */

static void sema_scales(Program *p) {
  for (size_t i = 0; i < p->nfiles; i++) {
    File *f = p->files[i]->ast;
    for (size_t j = 0; j < f->nscales; j++) {
      ScaleDecl *sd = f->scales[j];
      int dup = sd->damaged; /* reported by the parser; not a scale to score on */
      for (size_t k = 0; k < p->nscales; k++)
        if (name_equal(p->scales[k].name, sd->name)) {
          Diag *d = diag_report(&p->diags, E_DUP_SCALE, sd->span, "scale '%s' declared twice",
                                sd->name);
          if (d && p->scales[k].span.file != UINT32_MAX)
            diag_note(d, p->scales[k].span, "first declared here");
          diag_hint(d, "use the scale declared already, or give this one another name");
          dup = 1;
        }
      for (size_t a = 0; a < sd->nmembers; a++)
        for (size_t b = 0; b < a; b++)
          if (name_equal(sd->members[a], sd->members[b])) {
            Diag *d = diag_report(&p->diags, E_DUP_SCALE, sd->member_spans[a],
                                  "grade '%s' appears twice in scale '%s'", sd->members[a],
                                  sd->name);
            diag_note(d, sd->member_spans[b], "first listed here");
            diag_hint(d, "list each grade once, lowest first: 等级 服务星级 { 一星 < 二星 < 三星 }");
            dup = 1;
          }
      if (dup) continue;
      if (p->nscales == p->capscales) {
        p->capscales = p->capscales ? p->capscales * 2 : 8;
        Scale *n = realloc(p->scales, p->capscales * sizeof *n);
        if (!n) abort();
        p->scales = n;
      }
      Scale s = {sd->name, sd->members, sd->nmembers, sd->span};
      p->scales[p->nscales++] = s;
    }
  }
}

/* Which scales a grade target of file `src` looks at first: 2 those of
 * its own file, 1 those of other files (imports), 0 the prelude's. */
static int scale_rank(const Program *p, const Scale *sc, uint32_t src) {
  if (sc->span.file == src) return 2;
  return p->nfiles && sc->span.file == p->files[0]->source ? 0 : 1;
}

/* No cascade: a grade on no scale may be on one that was reported already,
 * a declaration cut short by a syntax error (its later grades are lost) or
 * one left out for a repeated name or grade. */
static int on_damaged_scale(const Program *p, const char *g) {
  for (size_t i = 0; i < p->nfiles; i++) {
    const File *f = p->files[i]->ast;
    for (size_t j = 0; j < f->nscales; j++) {
      const ScaleDecl *sd = f->scales[j];
      if (sd->damaged) return 1;
      for (size_t k = 0; k < sd->nmembers; k++)
        if (name_equal(sd->members[k], g)) return 1;
    }
  }
  return 0;
}

/* [SCALE-1] A grade resolves on the scale that has it; on several, on the
 * one of the indicator's own file, else one of another file, else the
 * prelude's.  Two scales that tie are an error (E0307): the analyst says
 * which by renaming or declaring. */
static void resolve_grade(Program *p, Target *t) {
  const char *g = t->u.grade.grade;
  int best = -1, tie = -1, best_rank = -1;
  for (size_t i = 0; i < p->nscales; i++)
    for (size_t j = 0; j < p->scales[i].nmembers; j++)
      if (name_equal(p->scales[i].members[j], g)) {
        int r = scale_rank(p, &p->scales[i], t->span.file);
        if (r > best_rank) {
          best = (int)i, tie = -1, best_rank = r;
          t->u.grade.scale_id = (int)i;
          t->u.grade.rank = (int)j + 1;
        } else if (r == best_rank && tie < 0) {
          tie = (int)i;
        }
        break;
      }
  if (best >= 0 && tie < 0) return;
  if (best >= 0) {
    Diag *d = diag_report(&p->diags, E_UNKNOWN_GRADE, t->u.grade.grade_span,
                          "grade '%s' is on two scales, '%s' and '%s'", g, p->scales[best].name,
                          p->scales[tie].name);
    if (p->scales[tie].span.file != UINT32_MAX)
      diag_note(d, p->scales[tie].span, "'%s' declared here", p->scales[tie].name);
    diag_hint(d, "rename the grade on one of the scales; a scale declared in the indicator's "
                 "own file is taken before the others");
    return;
  }
  if (on_damaged_scale(p, g)) return;
  Diag *d = diag_report(&p->diags, E_UNKNOWN_GRADE, t->u.grade.grade_span,
                        "grade '%s' is on no declared scale", g);
  char known[256];
  size_t off = 0;
  known[0] = '\0';
  for (size_t i = 0; i < p->nscales && off < sizeof known; i++) {
    off += (size_t)snprintf(known + off, sizeof known - off, "%s%s {", i ? "; " : "",
                            p->scales[i].name);
    for (size_t j = 0; j < p->scales[i].nmembers && off < sizeof known; j++)
      off += (size_t)snprintf(known + off, sizeof known - off, "%s%s", j ? " < " : " ",
                              p->scales[i].members[j]);
    if (off < sizeof known) off += (size_t)snprintf(known + off, sizeof known - off, " }");
  }
  if (p->nscales && off < sizeof known)
    diag_hint(d, "the declared scales are %s; declare another one lowest first, e.g. "
                 "等级 服务星级 { 一星 < 二星 < 三星 }",
              known);
  else
    diag_hint(d, "declare the scale, lowest first: 等级 名称 { 1A < 2A < 3A }");
}

/* ---- targets and expressions -------------------------------------------- */

/* Is s an exponent as other programs write it: e3, E-2? */
static int is_exponent(const char *s) {
  if (*s != 'e' && *s != 'E') return 0;
  s += s[1] == '-' || s[1] == '+';
  if (!s[1]) return 0;
  while (*++s)
    if (*s < '0' || *s > '9') return 0;
  return 1;
}

/* Does a number and the unknown unit after it read as a date the lexer
 * does not know, a year and 年… (2023年中) or a month and 月…
 * (12月底前完成, without its year)?  A unit that is just 年 or 月 is a
 * unit (`≥3 年`), not a date. */
static int looks_like_date(const char *num, const char *unit) {
  if (strchr(num, '.')) return 0;
  long v = strtol(num, NULL, 10);
  if (strncmp(unit, "年", strlen("年")) == 0)
    return strlen(num) == 4 && v >= 1900 && strcmp(unit, "年") != 0;
  if (strncmp(unit, "月", strlen("月")) == 0)
    return v >= 1 && v <= 12 && strcmp(unit, "月") != 0;
  return 0;
}

/* A quantity whose unit is unknown because the number and the "unit" are
 * one thing the language writes otherwise: the grade `3A` without 达到,
 * a number with an exponent, `1e3`, or a date in a form the language does
 * not read ([LEX-8]).  Reports it and returns 1. */
static int quant_misread(Program *p, const Target *t) {
  const char *num = t->u.q.value_text, *unit = t->u.q.unit;
  Span at = t->span;
  if (looks_like_date(num, unit)) {
    Diag *d = diag_report(&p->diags, E_BAD_TARGET, at, "unrecognized deadline '%s%s'", num,
                          unit);
    diag_hint(d, "write a deadline with its year as 2023年12月底前完成, 2023年第三季度 or "
                 "2023-12-31, or put the text in quotes: \"%s%s\"", num, unit);
    return 1;
  }
  if (is_exponent(unit)) {
    Diag *d = diag_report(&p->diags, E_BAD_NUMBER, at, "invalid number '%s%s'", num, unit);
    diag_hint(d, "write the number in full, without an exponent: 1000, not 1e3");
    return 1;
  }
  static const char *const words[][2] = {
      {"以上", "≥"}, {"以下", "≤"}, {"以内", "≤"}, /* 20场以上: the comparison after */
      {"左右", NULL}};                             /* 1000人左右: no target at all */
  size_t ul = strlen(unit);
  for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
    size_t wl = strlen(words[i][0]);
    char base[128], v[160];
    if (ul < wl || ul - wl >= sizeof base || strcmp(unit + ul - wl, words[i][0]) != 0) continue;
    memcpy(base, unit, ul - wl);
    base[ul - wl] = '\0';
    if (base[0] && !prog_unit(p, base)) continue;
    snprintf(v, sizeof v, "%s%s%s", num, base[0] ? " " : "", base); /* 20 场, or 20 */
    Diag *d = diag_report(&p->diags, E_UNKNOWN_UNIT, t->u.q.unit_span,
                          "unknown unit '%s': '%s' after the value", unit, words[i][0]);
    if (!words[i][1])
      diag_hint(d, "a target is one bound, ≥%s (at least) or ≤%s (at most), or an exact value "
                   "written alone: %s", v, v, v);
    else if (t->u.q.explicit_cmp) /* ≥20场以上 */
      diag_hint(d, "the comparison is written before the number already; remove '%s'",
                words[i][0]);
    else
      diag_hint(d, "write the comparison before the number: %s%s", words[i][1], v);
    return 1;
  }
  char g[128]; /* no arena: projects may be checked on several threads */
  if ((size_t)snprintf(g, sizeof g, "%s%s", num, unit) >= sizeof g) return 0;
  for (size_t i = 0; i < p->nscales; i++)
    for (size_t j = 0; j < p->scales[i].nmembers; j++)
      if (name_equal(p->scales[i].members[j], g)) {
        Diag *d = diag_report(&p->diags, E_UNKNOWN_UNIT, at,
                              "'%s' is a grade of '%s', not a number with a unit", g,
                              p->scales[i].name);
        diag_hint(d, "a grade target is written with 达到: 达到 %s 级", g);
        return 1;
      }
  return 0;
}

static void check_target(Program *p, Indicator *ind) {
  Target *t = ind->target;
  if (!t) return;
  switch (t->kind) {
  case TGT_QUANT:
    if (t->u.q.unit && !prog_unit(p, t->u.q.unit) && quant_misread(p, t)) break;
    if (t->u.q.unit) {
      const Unit *u = sema_unit_ref(p, t->u.q.unit, t->u.q.unit_span);
      t->u.q.unit_id = u ? (int)(u - p->units) : -1;
    }
    break;
  case TGT_GRADE:
    resolve_grade(p, t);
    break;
  default:
    break;
  }
}

static const char *const builtin_funcs[][2] = {{"min", "最小"}, {"max", "最大"}};

/* Check an expression of 实际.  Returns 0 when it is nested too deep
 * (reported once, and the rest of the expression is not checked). */
static int check_expr(Program *p, Expr *e, unsigned depth) {
  if (!e) return 1;
  if (depth > LIM_NESTING) {
    Diag *d = diag_report(&p->diags, E_NESTING, e->span, "expression nested deeper than %u levels",
                          LIM_NESTING);
    diag_hint(d, "split the computation, or remove parentheses that group nothing");
    return 0;
  }
  if (e->kind == EX_NUM && e->unit) {
    const Unit *u = sema_unit_ref(p, e->unit, e->span);
    e->unit_id = u ? (int)(u - p->units) : -1;
  }
  if (e->kind == EX_CALL) {
    int known = 0;
    for (size_t i = 0; i < sizeof builtin_funcs / sizeof builtin_funcs[0]; i++)
      if (strcmp(e->name, builtin_funcs[i][0]) == 0 || strcmp(e->name, builtin_funcs[i][1]) == 0)
        known = 1;
    if (!known) {
      Diag *d = diag_report(&p->diags, E_UNKNOWN_FUNC, e->span, "unknown function '%s'", e->name);
      diag_hint(d, "the functions are min (最小) and max (最大)");
    } else if (e->nargs < 2) {
      Diag *d = diag_report(&p->diags, E_ARITY, e->span, "'%s' needs at least two arguments",
                            e->name);
      diag_hint(d, "%s(a, b, …) gives the %s of its arguments", e->name,
                e->name[1] == 'i' || !strcmp(e->name, "最小") ? _("least") : _("greatest"));
    }
  }
  for (size_t i = 0; i < e->nargs; i++)
    if (!check_expr(p, e->args[i], depth + 1)) return 0;
  return 1;
}

/* What the code of an expression needs (lower_expr in backend/lower.c
 * emits it): *words instructions, and at most *stack values at once.
 * Called only on an expression check_expr accepted, so it recurses at
 * most LIM_NESTING deep. */
static void expr_cost(const Expr *e, uint64_t *words, unsigned *stack) {
  uint64_t w = 0;
  unsigned s = 1;
  for (size_t i = 0; i < e->nargs; i++) {
    uint64_t aw;
    unsigned as;
    expr_cost(e->args[i], &aw, &as);
    w += aw;
    /* a binary operator's and a call's later operands sit on the earlier
     * ones; an 如果's branches start where its condition was */
    unsigned above = e->kind == EX_IF ? 0 : i > 0;
    if (above + as > s) s = above + as;
  }
  switch (e->kind) {
  case EX_NUM: case EX_FIELD: w = 1; break;
  case EX_UNARY: case EX_BINARY: w += 1; break;
  case EX_CALL: w += e->nargs ? e->nargs - 1 : 0; break; /* MIN or MAX between operands */
  case EX_IF: w += 2; break;                               /* JZ and JMP */
  }
  *words = w;
  *stack = s;
}

/* The limits of the code an indicator's 实际 compiles to: it must fit the
 * VM's stack and the default step limit (LIM_EXPR_STACK, LIM_CODE_WORDS). */
static void check_expr_cost(Program *p, const Expr *e) {
  uint64_t words;
  unsigned stack;
  expr_cost(e, &words, &stack);
  if (stack > LIM_EXPR_STACK) {
    Diag *d = diag_report(&p->diags, E_NESTING, e->span,
                          "expression needs %u values at once; the limit is %u", stack,
                          LIM_EXPR_STACK);
    diag_hint(d, "write long sums left to right, a + b + c, not nested to the right, "
                 "a + (b + (c …)); or split the computation");
  } else if (words + 4 > LIM_CODE_WORDS) {
    Diag *d = diag_report(&p->diags, E_LIMIT, e->span,
                          "the indicator compiles to %llu instructions; the limit is %u",
                          (unsigned long long)words + 4, LIM_CODE_WORDS);
    diag_hint(d, "an indicator is evaluated in at most %u steps; split the computation over "
                 "indicators, or compute it before the data is loaded", LIM_CODE_WORDS);
  }
}

/* ---- indicators ---------------------------------------------------------- */

static int is_ascii_id(const char *s) {
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
          *s == '_'))
      return 0;
  return 1;
}

/* The matching key of a name (name_key): the name itself when normalising
 * leaves it as it is, as it does most names, so that it is not stored twice. */
static const char *sema_key(Program *p, const char *name) {
  size_t len = strlen(name);
  char *key = name_key(name, len);
  const char *res = !key ? name : strcmp(key, name) == 0 ? name : arena_strdup(&p->arena, key);
  free(key);
  return res;
}

/* The key of an indicator in p->ind_keys: its level-2 category, then its
 * name key.  In p->keys_scratch, which is emptied with the map for each
 * project, so the keys of 2 million indicators are not kept. */
static const char *level_key(Program *p, Category l2, const char *key) {
  size_t n = strlen(key);
  char *k = arena_alloc_str(&p->keys_scratch, n + 2);
  k[0] = (char)(1 + (int)l2); /* one byte, never NUL: categories are few */
  memcpy(k + 1, key, n + 1);
  return k;
}

/* Room in pr->all for every indicator of pr's level-2 blocks, the most
 * that check_level2 can push: one array of the right size per project. */
static void size_indicators(Program *p, Project *pr) {
  size_t n = 0;
  for (size_t i = 0; i < pr->ncats; i++)
    for (size_t j = 0; j < pr->cats[i]->nsubs; j++) n += pr->cats[i]->subs[j]->ninds;
  pr->all = n ? arena_alloc(&p->arena, n * sizeof *pr->all) : NULL;
  pr->capall = n;
}

static void push_indicator(Project *pr, Indicator *ind) {
  if (pr->nall < pr->capall) pr->all[pr->nall++] = ind; /* always: size_indicators */
}

static void check_indicator(Program *p, Project *pr, Indicator *ind, Category l1, Category l2) {
  ind->level1 = l1;
  ind->level2 = l2;
  ind->key = sema_key(p, ind->name);
  if (ind->id && !is_ascii_id(ind->id)) {
    Diag *d = diag_report(&p->diags, E_BAD_ID, ind->id_span,
                          "indicator id '%s' is not an ASCII name", ind->id);
    diag_hint(d, "ids are short ASCII names such as gd1 or visitors_2; the Chinese name goes "
                 "in the quotes after it");
  }
  /* [IND-1], [IND-2]: duplicates by hash, so large projects stay linear */
  Indicator *o = ind->id ? strmap_put(&p->ind_ids, ind->id, ind) : NULL;
  if (o) {
    Diag *d = diag_report(&p->diags, E_DUP_ID, ind->id_span,
                          "indicator id '%s' used twice in project \"%s\"", ind->id, pr->name);
    diag_note(d, o->id_span, "first used here");
    diag_hint(d, "ids are unique within a project, across all categories; rename one");
  }
  o = strmap_put(&p->ind_keys, level_key(p, l2, ind->key), ind);
  if (o && !(ind->id && o->id && strcmp(ind->id, o->id) != 0)) {
    Diag *d = diag_report(&p->diags, E_DUP_INDICATOR, ind->name_span,
                          "duplicate indicator \"%s\" under %s", ind->name,
                          ast_category_name(l2, ind->lang));
    diag_note(d, o->name_span, "first defined here");
    diag_hint(d, "remove one of them, or, if both are meant, give them distinct ids: "
                 "指标 a1 \"…\" and 指标 a2 \"…\"");
  }
  check_target(p, ind);
  if (ind->actual && check_expr(p, ind->actual, 0)) {
    check_expr_cost(p, ind->actual);
    sema_expr_type(p, ind);
  }
  if (ind->has_weight && ind->weight < 0)
    diag_report(&p->diags, E_BAD_WEIGHT, ind->weight_span, "weight must not be negative");
  push_indicator(pr, ind);
}

/* ---- categories and projects ---------------------------------------------- */

static void check_level2(Program *p, Project *pr, CatBlock *l1, CatBlock *c) {
  if (c->damaged) return; /* its syntax error is reported; its contents are partial */
  if (!sema_allowed(l1->cat, c->cat)) {
    char buf[256];
    allowed_list(l1->cat, c->lang, buf, sizeof buf);
    Diag *d = diag_report(&p->diags, E_BAD_PAIRING, c->kw_span, "%s is not allowed under %s",
                          ast_category_name(c->cat, c->lang), ast_category_name(l1->cat, l1->lang));
    diag_hint(d, "under %s the level-2 categories are: %s", ast_category_name(l1->cat, l1->lang),
              buf);
  }
  for (size_t i = 0; i < c->nsubs; i++) {
    Diag *d = diag_report(&p->diags, E_BAD_LEVEL1, c->subs[i]->kw_span,
                          "category %s inside a level-2 category; indicators are the third level",
                          ast_category_name(c->subs[i]->cat, c->subs[i]->lang));
    diag_hint(d, "level-2 categories stand side by side in a level-1 block: close the %s block "
                 "before %s",
              ast_category_name(c->cat, c->lang),
              ast_category_name(c->subs[i]->cat, c->subs[i]->lang));
  }
  for (size_t i = 0; i < c->ninds; i++) check_indicator(p, pr, c->inds[i], l1->cat, c->cat);
}

static void check_level1(Program *p, Project *pr, CatBlock *c) {
  if (c->damaged) return; /* its syntax error is reported; its contents are partial */
  if (!sema_is_level1(c->cat)) {
    Diag *d = diag_report(&p->diags, E_BAD_LEVEL1, c->kw_span, "%s is not a level-1 category",
                          ast_category_name(c->cat, c->lang));
    Category l1 = level1_of(c->cat);
    diag_hint(d, "%s is a level-2 category of %s; put it inside: %s { %s { … } }",
              ast_category_name(c->cat, c->lang), ast_category_name(l1, c->lang),
              ast_category_name(l1, c->lang), ast_category_name(c->cat, c->lang));
    return;
  }
  for (size_t i = 0; i < c->ninds; i++) {
    Diag *d = diag_report(&p->diags, E_INDICATOR_LEVEL, c->inds[i]->name_span,
                          "indicator \"%s\" directly under level-1 %s", c->inds[i]->name,
                          ast_category_name(c->cat, c->lang));
    char buf[256];
    allowed_list(c->cat, c->lang, buf, sizeof buf);
    diag_hint(d, "put it inside a level-2 category: %s", buf);
  }
  for (size_t i = 0; i < c->nsubs; i++) check_level2(p, pr, c, c->subs[i]);
}

/* Convert an amount to the file's 金额单位.  Returns 0 after an error. */
static int check_money(Program *p, ProgFile *f, Money *m, const char *what) {
  if (!m->present) return 1;
  const Unit *cur = f->currency;
  m->in_currency = m->value;
  if (m->value < 0) {
    Diag *d = diag_report(&p->diags, E_NEGATIVE_MONEY, m->span, "%s must not be negative", what);
    diag_hint(d, "amounts in a target table are never negative");
    return 0;
  }
  if (!m->unit || !cur) return 1;
  const Unit *u = sema_unit_ref(p, m->unit, m->unit_span);
  if (!u) return 0;
  if (!sema_same_dim(u, cur)) {
    Diag *d = diag_report(&p->diags, E_UNIT_MISMATCH, m->unit_span,
                          "%s in '%s' is not an amount of money", what, m->unit);
    diag_hint(d, "write the amount in 元, 千元, 万元 or 亿元, or leave the unit out to use "
                 "金额单位 (%s)", cur->name);
    return 0;
  }
  if (prog_convert(p, m->value, u, cur, &m->in_currency) != DEC_OK) {
    diag_report(&p->diags, E_OVERFLOW, m->span, "%s is out of range", what);
    return 0;
  }
  return 1;
}

static void check_budget(Program *p, ProgFile *f, Project *pr) {
  int ok = check_money(p, f, &pr->budget, _("预算数 (budget)"));
  ok &= check_money(p, f, &pr->fiscal, _("财政资金 (fiscal funds)"));
  ok &= check_money(p, f, &pr->other, _("其他资金 (other funds)"));
  if (!pr->budget.present) {
    Diag *d = diag_report(&p->diags, E_NO_BUDGET, pr->name_span, "project \"%s\" has no 预算数",
                          pr->name);
    diag_hint(d, "add the budget in %s, e.g. 预算数 14.00",
              f->currency ? f->currency->name : "万元");
    return;
  }
  if (!ok || (!pr->fiscal.present && !pr->other.present)) return;
  Dec sum;
  if (dec_add(pr->fiscal.in_currency, pr->other.in_currency, &sum) != DEC_OK) return;
  if (sum != pr->budget.in_currency) {
    char b[32], fi[32], o[32];
    dec_format(pr->budget.in_currency, -1, b, sizeof b);
    dec_format(pr->fiscal.in_currency, -1, fi, sizeof fi);
    dec_format(pr->other.in_currency, -1, o, sizeof o);
    Diag *d = diag_report(&p->diags, E_BUDGET_SPLIT, pr->budget.span,
                          "预算数 %s differs from 财政资金 %s + 其他资金 %s", b, fi, o);
    diag_hint(d, "预算数 must equal 财政资金 plus 其他资金 exactly");
  }
}

/* A project's name: its key, and whether another project has it. */
static void check_name(Program *p, Project *pr) {
  pr->key = sema_key(p, pr->name);
  Project *first = strmap_put(&p->project_keys, pr->key, pr);
  if (first) {
    Diag *d = diag_report(&p->diags, E_DUP_PROJECT, pr->name_span, "duplicate project \"%s\"",
                          pr->name);
    diag_note(d, first->name_span, "first defined here");
    diag_hint(d, "project names must differ, also after ignoring spaces and full-width "
                 "forms; merge the two or rename one");
  }
}

/* What a project holds: the budget, the categories and the indicators.
 * It reads no other project (the maps it uses are emptied first), so
 * projects can be checked on threads, each Program copy with its own maps,
 * arena and diagnostics (check_parts). */
static void check_body(Program *p, ProgFile *f, Project *pr) {
  strmap_clear(&p->ind_keys);
  strmap_clear(&p->ind_ids);
  arena_reset(&p->keys_scratch); /* the keys of the last project's ind_keys */
  pr->nall = 0;
  if (!pr->damaged) { /* else its syntax error is reported, and its items partial */
    check_budget(p, f, pr);
    size_indicators(p, pr);
    for (size_t i = 0; i < pr->ncats; i++) check_level1(p, pr, pr->cats[i]);
  }
  if (pr->nall > LIM_INDICATORS)
    diag_report(&p->diags, E_LIMIT, pr->name_span, "project has more than %u indicators",
                LIM_INDICATORS);
}

static void add_project(Program *p, ProgFile *f, Project *pr) {
  if (p->nprojects == p->capprojects) {
    p->capprojects = p->capprojects ? p->capprojects * 2 : 64;
    Project **n = realloc(p->projects, p->capprojects * sizeof *n);
    ProgFile **m = realloc(p->project_file, p->capprojects * sizeof *m);
    if (!n || !m) abort();
    p->projects = n;
    p->project_file = m;
  }
  p->project_file[p->nprojects] = f;
  p->projects[p->nprojects++] = pr;
}

static void check_project(Program *p, ProgFile *f, Project *pr) {
  check_name(p, pr);
  check_body(p, f, pr);
  if (p->nprojects == LIM_PROJECTS)
    diag_report(&p->diags, E_LIMIT, pr->name_span, "more than %u projects in one compilation",
                LIM_PROJECTS);
  add_project(p, f, pr);
  p->nindicators += pr->nall;
}

static void check_header(Program *p, ProgFile *f) {
  Header *h = &f->ast->header;
  const char *cur = h->currency ? h->currency : "万元";
  const Unit *u = h->currency ? sema_unit_ref(p, cur, h->currency_span) : prog_unit(p, cur);
  const Unit *money = sema_money_unit(p);
  if (u && money && !sema_same_dim(u, money)) {
    Diag *d = diag_report(&p->diags, E_UNIT_MISMATCH, h->currency_span,
                          "金额单位 '%s' is not a unit of money", cur);
    diag_hint(d, "金额单位 is the unit of the amounts, usually 万元 (also 元, 千元 or 亿元)");
    u = NULL;
  }
  f->currency = u;
  if (!h->has_year && !h->bad_year && f->ast->nprojects > 0) {
    Project *first = f->ast->projects[0];
    Diag *d = diag_report(&p->diags, E_NO_YEAR, first->name_span,
                          "project \"%s\" has no budget year: the file has no 年度", first->name);
    diag_hint(d, "add the year at the top of the file, e.g. 年度 2023; deadlines, periods and "
                 "the budget execution rate are measured in it");
  }
}

/*
 * [SEMA-PARTS] A large program's projects are checked on threads: first,
 * in one pass, the headers and the projects' names (duplicates need them
 * all, in order); then the bodies (check_body) in pieces of consecutive
 * projects, each on a Program copy of its own.  The pieces' diagnostics
 * join in project order, which is the order of checking one project after
 * the other, and their arenas join the program's.  When that order could
 * differ from one pass's (the first pass reported anything, or the pieces
 * report more errors than are recorded, or there are too many projects),
 * everything done is undone and the projects are checked in one pass.
 */
enum { SEMA_MAX_PARTS = 8 };

typedef struct SemaPart {
  Program p;     /* a copy: its own diags, arena, ind_keys, ind_ids, keys_scratch */
  size_t lo, hi; /* projects */
} SemaPart;

static void check_part(void *ctx, unsigned k) {
  SemaPart *pt = (SemaPart *)ctx + k;
  for (size_t j = pt->lo; j < pt->hi; j++)
    check_body(&pt->p, pt->p.project_file[j], pt->p.projects[j]);
}

/* Undo the first pass of check_parts: back to n diagnostics (of counts
 * e, w), no projects. */
static void uncheck(Program *p, size_t n, size_t e, size_t w) {
  diag_truncate(&p->diags, n);
  p->diags.nerrors = e;
  p->diags.nwarnings = w;
  strmap_clear(&p->project_keys);
  p->nprojects = 0;
  p->nindicators = 0;
}

/* Check the projects in at most `parts` pieces of at least min_part
 * projects on threads; 0 when they are to be checked in one pass (nothing
 * left done). */
static int check_parts(Program *p, unsigned parts, size_t min_part) {
  size_t nproj = 0;
  for (size_t i = 0; i < p->nfiles; i++) nproj += p->files[i]->ast->nprojects;
  unsigned n = parts ? parts : nproj >= 2 * min_part ? thr_processors(SEMA_MAX_PARTS) : 1;
  if (n > SEMA_MAX_PARTS) n = SEMA_MAX_PARTS;
  if ((size_t)n * min_part > nproj) n = (unsigned)(nproj / min_part);
  if (n < 2 || nproj > LIM_PROJECTS || p->diags.ndropped) return 0;

  size_t n0 = p->diags.n, e0 = p->diags.nerrors, w0 = p->diags.nwarnings;
  for (size_t i = 0; i < p->nfiles; i++) {
    ProgFile *f = p->files[i];
    check_header(p, f);
    for (size_t j = 0; j < f->ast->nprojects; j++) {
      check_name(p, f->ast->projects[j]);
      add_project(p, f, f->ast->projects[j]);
    }
  }
  if (p->diags.n != n0) {
    uncheck(p, n0, e0, w0);
    return 0;
  }

  SemaPart *pt = calloc(n, sizeof *pt);
  if (!pt) abort();
  for (unsigned k = 0; k < n; k++) {
    pt[k].p = *p; /* shares the tables, the files and the projects, read only */
    Program *q = &pt[k].p;
    diag_init(&q->diags);
    memcpy(q->diags.enabled, p->diags.enabled, sizeof q->diags.enabled);
    q->diags.werror = p->diags.werror;
    q->diags.max_errors = 0; /* every one: the cap is applied when they join */
    arena_init(&q->arena);
    arena_init(&q->keys_scratch);
    strmap_init(&q->ind_keys);
    strmap_init(&q->ind_ids);
    pt[k].lo = p->nprojects / n * k;
    pt[k].hi = k == n - 1 ? p->nprojects : p->nprojects / n * (k + 1);
  }
  thr_each(n, check_part, pt);
  size_t errors = 0;
  for (unsigned k = 0; k < n; k++) errors += pt[k].p.diags.nerrors;
  int ok = p->diags.max_errors == 0 || p->diags.nerrors + errors <= p->diags.max_errors;
  for (unsigned k = 0; k < n; k++) {
    Program *q = &pt[k].p;
    if (ok) {
      diag_append(&p->diags, &q->diags);
      arena_adopt(&p->arena, &q->arena);
    }
    diag_free(&q->diags);
    arena_free(&q->arena); /* when not joined, one pass sets every pointer into it anew */
    arena_free(&q->keys_scratch);
    strmap_free(&q->ind_keys);
    strmap_free(&q->ind_ids);
  }
  free(pt);
  if (!ok) {
    uncheck(p, n0, e0, w0);
    return 0;
  }
  for (size_t j = 0; j < p->nprojects; j++) p->nindicators += p->projects[j]->nall;
  p->checked_parts = n;
  return 1;
}

size_t sema_check(Program *p) { return sema_check_parts(p, p->jobs, 0); }

size_t sema_check_parts(Program *p, unsigned parts, size_t min_part) {
  sema_units(p);
  sema_scales(p);
  sema_policies(p);
  p->checked_parts = 1;
  if (!check_parts(p, parts, min_part ? min_part : SEMA_MIN_PART))
    for (size_t i = 0; i < p->nfiles; i++) {
      ProgFile *f = p->files[i];
      check_header(p, f);
      for (size_t j = 0; j < f->ast->nprojects; j++) check_project(p, f, f->ast->projects[j]);
    }
  sema_tests(p); /* after every project: a test may name one of another file */
  /* last: it needs every error to know which projects have none */
  sema_points_and_lints(p);
  return p->diags.nerrors;
}
