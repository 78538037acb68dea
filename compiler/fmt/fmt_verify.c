/*
 * fmt_verify.c - the formatter's safety net: parse the output again and
 * compare the two trees ([FMT-16] in docs/fmt.md).
 *
 * fmt_same compares what a reader of the spec sees: every name, number as
 * written, unit, target, attribute, expression, setting and comment, and
 * the order of top-level items.  It ignores spans, the keyword language
 * (which fmt changes on purpose), the order of comments (they move with
 * the constructs fmt reorders) and the order of a block's sub-blocks
 * relative to its indicators (the tree keeps them in separate lists).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../front/parse.h"
#include "fmt_internal.h"

typedef struct SameCtx {
  const char *why; /* first difference found */
} SameCtx;

static int differ(SameCtx *c, const char *why) {
  if (!c->why) c->why = why;
  return 0;
}

static int str_eq(const char *a, const char *b) {
  if (!a || !b) return a == b;
  return strcmp(a, b) == 0;
}

/* Deadline and period texts: the lexer may keep blanks after them. */
static int trimmed_eq(const char *a, const char *b) {
  if (!a || !b) return a == b;
  size_t na = fmt_rtrim_len(a, strlen(a)), nb = fmt_rtrim_len(b, strlen(b));
  return na == nb && memcmp(a, b, na) == 0;
}

#define SAME(cond, why) \
  do {                  \
    if (!(cond)) return differ(c, why); \
  } while (0)

static int same_expr(SameCtx *c, const Expr *a, const Expr *b, unsigned depth) {
  SAME(depth < FMT_MAX_DEPTH, "expression too deep");
  SAME(a->kind == b->kind, "expression kind");
  SAME(a->kind == EX_NUM || a->kind == EX_FIELD || a->kind == EX_CALL || a->op == b->op,
       "expression operator");
  SAME(a->kind != EX_NUM || (a->num == b->num && str_eq(a->unit, b->unit)), "number");
  SAME(str_eq(a->name, b->name), "expression name or number text");
  SAME(a->nargs == b->nargs, "expression operands");
  for (size_t i = 0; i < a->nargs; i++)
    if (!same_expr(c, a->args[i], b->args[i], depth + 1)) return 0;
  return 1;
}

static int same_target(SameCtx *c, const Target *a, const Target *b) {
  if (!a || !b) SAME(a == b, "target presence");
  if (!a) return 1;
  SAME(a->kind == b->kind, "target kind");
  switch (a->kind) {
  case TGT_QUANT:
    SAME(a->u.q.cmp == b->u.q.cmp && a->u.q.explicit_cmp == b->u.q.explicit_cmp, "comparison");
    SAME(a->u.q.value == b->u.q.value && str_eq(a->u.q.value_text, b->u.q.value_text),
         "target value");
    SAME(str_eq(a->u.q.unit, b->u.q.unit), "target unit");
    break;
  case TGT_DEADLINE:
    SAME(a->u.deadline.date.y == b->u.deadline.date.y &&
             a->u.deadline.date.m == b->u.deadline.date.m &&
             a->u.deadline.date.d == b->u.deadline.date.d,
         "deadline date");
    SAME(trimmed_eq(a->u.deadline.text, b->u.deadline.text), "deadline text");
    break;
  case TGT_PERIOD:
    SAME(a->u.period.year == b->u.period.year, "period year");
    SAME(trimmed_eq(a->u.period.text, b->u.period.text), "period text");
    break;
  case TGT_GRADE:
    SAME(str_eq(a->u.grade.grade, b->u.grade.grade), "grade");
    break;
  case TGT_TEXT:
    SAME(str_eq(a->u.text.text, b->u.text.text), "target text");
    break;
  }
  return 1;
}

static int same_indicator(SameCtx *c, const Indicator *a, const Indicator *b) {
  SAME(str_eq(a->id, b->id), "indicator id");
  SAME(str_eq(a->name, b->name), "indicator name");
  SAME(str_eq(a->desc, b->desc), "description");
  SAME(a->has_weight == b->has_weight && str_eq(a->weight_text, b->weight_text), "weight");
  if (!a->actual || !b->actual) SAME(a->actual == b->actual, "actual presence");
  if (a->actual && !same_expr(c, a->actual, b->actual, 0)) return 0;
  return same_target(c, a->target, b->target);
}

static int same_cat(SameCtx *c, const CatBlock *a, const CatBlock *b, unsigned depth) {
  SAME(depth < LIM_NESTING, "blocks too deep");
  SAME(a->cat == b->cat, "category");
  SAME(a->has_weight == b->has_weight && str_eq(a->weight_text, b->weight_text),
       "category weight");
  SAME(a->nsubs == b->nsubs && a->ninds == b->ninds, "block contents");
  for (size_t i = 0; i < a->nsubs; i++)
    if (!same_cat(c, a->subs[i], b->subs[i], depth + 1)) return 0;
  for (size_t i = 0; i < a->ninds; i++)
    if (!same_indicator(c, a->inds[i], b->inds[i])) return 0;
  return 1;
}

static int same_money(SameCtx *c, const Money *a, const Money *b) {
  SAME(a->present == b->present, "money presence");
  if (!a->present) return 1;
  SAME(a->value == b->value && str_eq(a->text, b->text) && str_eq(a->unit, b->unit), "money");
  return 1;
}

static int same_project(SameCtx *c, const Project *a, const Project *b) {
  SAME(str_eq(a->name, b->name), "project name");
  if (!same_money(c, &a->budget, &b->budget) || !same_money(c, &a->fiscal, &b->fiscal) ||
      !same_money(c, &a->other, &b->other))
    return 0;
  SAME(str_eq(a->purpose, b->purpose) && str_eq(a->goal, b->goal), "purpose or goal");
  SAME(a->ncats == b->ncats, "level-1 blocks");
  for (size_t i = 0; i < a->ncats; i++)
    if (!same_cat(c, a->cats[i], b->cats[i], 0)) return 0;
  return 1;
}

/* A setting key that is a category keyword, in either language; -1 if none. */
static int key_cat(const char *key) {
  for (int k = 0; k < CAT__COUNT; k++)
    if (!strcmp(key, ast_category_name((Category)k, LANG_ZH)) ||
        !strcmp(key, ast_category_name((Category)k, LANG_EN)))
      return k;
  return -1;
}

static int same_policy(SameCtx *c, const PolicyDecl *a, const PolicyDecl *b) {
  SAME(str_eq(a->name, b->name) && a->nsettings == b->nsettings, "policy settings");
  for (size_t i = 0; i < a->nsettings; i++) {
    const Setting *x = a->settings[i], *y = b->settings[i];
    int cx = key_cat(x->key), cy = key_cat(y->key);
    int sx = ast_setting_of(x->key), sy = ast_setting_of(y->key);
    SAME(cx == cy && (cx >= 0 || (sx >= 0 ? sx == sy : str_eq(x->key, y->key))),
         "setting key");
    SAME(x->index == y->index && x->count == y->count, "setting values");
    /* fmt writes 反向公式's word in the file's language: compared in English */
    const char *wx = ast_setting_word(x->key, x->value, LANG_EN),
               *wy = ast_setting_word(y->key, y->value, LANG_EN);
    if (wx || wy) {
      SAME(wx && wy && !strcmp(wx, wy), "setting value");
      continue;
    }
    if (!same_expr(c, x->value, y->value, 0)) return 0;
  }
  return 1;
}

static int same_scale(SameCtx *c, const ScaleDecl *a, const ScaleDecl *b) {
  SAME(str_eq(a->name, b->name) && a->nmembers == b->nmembers, "scale");
  for (size_t i = 0; i < a->nmembers; i++)
    SAME(str_eq(a->members[i], b->members[i]), "scale member");
  return 1;
}

static int same_unit(SameCtx *c, const UnitDecl *a, const UnitDecl *b) {
  SAME(str_eq(a->name, b->name) && str_eq(a->base, b->base), "unit declaration");
  SAME(a->has_factor == b->has_factor && str_eq(a->factor_text, b->factor_text), "unit factor");
  return 1;
}

static int same_given(SameCtx *c, const Given *a, const Given *b) {
  SAME(str_eq(a->key, b->key), "given key");
  SAME(a->quoted == b->quoted && str_eq(a->value, b->value), "given value");
  return 1;
}

static int same_expect(SameCtx *c, const Expect *a, const Expect *b) {
  SAME(a->kind == b->kind && str_eq(a->key, b->key), "expectation");
  SAME(str_eq(a->word, b->word) && str_eq(a->num_text, b->num_text), "expected value");
  return 1;
}

static int same_test(SameCtx *c, const TestDecl *a, const TestDecl *b) {
  SAME(str_eq(a->name, b->name) && str_eq(a->project, b->project), "test name or project");
  SAME(a->has_as_of == b->has_as_of && str_eq(a->as_of_text, b->as_of_text), "test date");
  SAME(a->has_given == b->has_given && a->ngiven == b->ngiven, "given values");
  SAME(a->has_expect == b->has_expect && a->nexpect == b->nexpect, "expectations");
  for (size_t i = 0; i < a->ngiven; i++)
    if (!same_given(c, a->given[i], b->given[i])) return 0;
  for (size_t i = 0; i < a->nexpect; i++)
    if (!same_expect(c, a->expect[i], b->expect[i])) return 0;
  return 1;
}

static int same_item(SameCtx *c, const Item *a, const Item *b) {
  SAME(a->kind == b->kind, "item order");
  switch (a->kind) {
  case ITEM_IMPORT:
    SAME(str_eq(((const Import *)a->node)->path, ((const Import *)b->node)->path), "import");
    return 1;
  case ITEM_UNIT: return same_unit(c, a->node, b->node);
  case ITEM_SCALE: return same_scale(c, a->node, b->node);
  case ITEM_POLICY: return same_policy(c, a->node, b->node);
  case ITEM_PROJECT: return same_project(c, a->node, b->node);
  case ITEM_TEST: return same_test(c, a->node, b->node);
  default: return 1; /* header fields are compared in same_header */
  }
}

static int same_header(SameCtx *c, const Header *a, const Header *b) {
  SAME(a->has_agency == b->has_agency && str_eq(a->agency_code, b->agency_code) &&
           str_eq(a->agency_name, b->agency_name),
       "agency");
  SAME(a->has_year == b->has_year && str_eq(a->year_text, b->year_text), "year");
  SAME(str_eq(a->currency, b->currency), "currency");
  return 1;
}

/* Comments in order of their text as fmt writes it (line ends as \n). */
static int cmp_comment(const void *pa, const void *pb) {
  const Comment *a = *(const Comment *const *)pa, *b = *(const Comment *const *)pb;
  size_t na = fmt_comment_len(a), nb = fmt_comment_len(b), i = 0, k = 0;
  while (i < na && k < nb) {
    char x, y;
    i = fmt_comment_char(a->text, na, i, &x);
    k = fmt_comment_char(b->text, nb, k, &y);
    if (x != y) return (unsigned char)x < (unsigned char)y ? -1 : 1;
  }
  return (i < na) - (k < nb);
}

static const Comment **sorted_comments(const File *f) {
  const Comment **v = malloc((f->ncomments ? f->ncomments : 1) * sizeof *v);
  if (!v) {
    fputs("indc: fatal: out of memory\n", stderr);
    abort();
  }
  for (size_t i = 0; i < f->ncomments; i++) v[i] = &f->comments[i];
  qsort(v, f->ncomments, sizeof *v, cmp_comment);
  return v;
}

/* The same comments, in any order: fmt keeps a comment with its construct,
 * and moves constructs (预算数 before the level-1 blocks, say). */
static int same_comments(SameCtx *c, const File *a, const File *b) {
  SAME(a->ncomments == b->ncomments, "number of comments");
  const Comment **va = sorted_comments(a), **vb = sorted_comments(b);
  int ok = 1;
  for (size_t i = 0; ok && i < a->ncomments; i++) ok = cmp_comment(&va[i], &vb[i]) == 0;
  free(va);
  free(vb);
  SAME(ok, "comment text");
  return 1;
}

int fmt_same(const File *a, const File *b, const char **why) {
  SameCtx c = {NULL};
  int ok = same_header(&c, &a->header, &b->header) && same_comments(&c, a, b);
  if (ok && a->nitems != b->nitems) ok = differ(&c, "number of items");
  for (size_t i = 0; ok && i < a->nitems; i++) ok = same_item(&c, &a->items[i], &b->items[i]);
  if (why) *why = c.why;
  return ok;
}

FmtStatus fmt_checked(const File *f, SourceSet *ss, uint32_t file, Arena *arena, FmtBuf *out) {
  FmtStatus st = fmt_file(f, src_get(ss, file), out);
  if (st != FMT_OK) return st;
  const Source *src = src_get(ss, file);
  uint32_t again = src_add(ss, src->path, out->s ? out->s : "", out->len);
  DiagList dl;
  diag_init(&dl);
  File *g = parse_file(arena, &dl, ss, again);
  int ok = dl.nerrors == 0 && fmt_same(f, g, NULL);
  diag_free(&dl);
  return ok ? FMT_OK : FMT_CHANGED;
}
