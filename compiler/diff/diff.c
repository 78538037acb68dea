/*
 * diff.c - matching two checked programs and listing what changed
 * (diff.h, docs/git.md [DIFF-MATCH]).
 *
 * Projects: by name key; then a rename is an old and a new project, each
 * left over, that are equal in everything but the name.  Indicators of a
 * matched pair of projects, in four rounds, each over what the rounds
 * before left: by id; by level-2 category and name key; by name key alone,
 * when that is unique on both sides (the level moved); then renames, an
 * old and a new indicator equal in everything but the name (first with the
 * description, then without it when the pair is unique).
 */
#include "diff.h"

#include <stdlib.h>
#include <string.h>

#include "text/namekey.h"

/* One side of a comparison: the program, the project and its file. */
typedef struct Side {
  const Program *p;
  const ProgFile *f;
  const Project *pr;
} Side;

typedef struct FieldList {
  DiffField *v;
  size_t n, cap;
} FieldList;

typedef struct IndList {
  DiffInd *v;
  size_t n, cap;
} IndList;

typedef struct ProjList {
  DiffProj *v;
  size_t n, cap;
} ProjList;

static void add_field(Diff *d, FieldList *l, DiffFieldKind k, const char *sub, const char *sub_en,
                      const char *o, const char *n) {
  DiffField f = {k, sub, sub_en, o, n};
  ARENA_PUSH(&d->arena, l->v, l->n, l->cap, f);
  d->nchanges++;
}

/* ---- indicators -------------------------------------------------------------- */

static int same_weight(const Indicator *a, const Indicator *b) {
  return a->has_weight == b->has_weight && (!a->has_weight || a->weight == b->weight);
}

static int same_id(const Indicator *a, const Indicator *b) {
  if (!a->id || !b->id) return a->id == b->id;
  return strcmp(a->id, b->id) == 0;
}

/* Equal in everything but the name (and, unless with_desc, the description). */
static int equal_but_name(const Side *A, const Indicator *a, const Side *B, const Indicator *b,
                          int with_desc) {
  return a->level1 == b->level1 && a->level2 == b->level2 && same_id(a, b) && same_weight(a, b) &&
         (!with_desc || diff_text_equal(a->desc, b->desc)) &&
         diff_expr_equal(A->p, a->actual, B->p, b->actual, 0) &&
         !diff_target_change(A->p, A->f, a->target, B->p, B->f, b->target);
}

static int is_cost(const Indicator *i) {
  return i->level1 == CAT_COST || i->level2 == CAT_COST || i->level2 == CAT_ECONOMIC_COST ||
         i->level2 == CAT_SOCIAL_COST || i->level2 == CAT_ECO_COST;
}

static int is_money(const Program *p, const Target *t) {
  const Unit *yuan = prog_unit(p, "元");
  if (!t || t->kind != TGT_QUANT || t->u.q.unit_id < 0 || !yuan) return 0;
  return p->units[t->u.q.unit_id].dim == yuan->dim;
}

static const char *weight_text(const Indicator *i) { return i->has_weight ? i->weight_text : NULL; }

/* A target as the spec writes it: a text in quotes, blanks after a
 * deadline dropped. */
static const char *target_text(Diff *d, const Target *t) {
  const char *s = diff_target_text(&d->arena, t);
  if (!s) return NULL;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  if (t->kind == TGT_TEXT) return arena_printf(&d->arena, "\"%.*s\"", (int)n, s);
  return arena_strndup(&d->arena, s, n);
}

/* The changed values of a matched pair of indicators. */
static void indicator_fields(Diff *d, const Side *A, const Indicator *a, const Side *B,
                             const Indicator *b, FieldList *l) {
  if (!same_id(a, b)) add_field(d, l, DF_ID, NULL, NULL, a->id, b->id);
  const char *what = diff_target_change(A->p, A->f, a->target, B->p, B->f, b->target);
  if (what) {
    int cap = is_cost(a) && is_cost(b) && is_money(A->p, a->target) && is_money(B->p, b->target);
    const char *o = target_text(d, a->target), *n = target_text(d, b->target);
    if ((o && n && strcmp(o, n) == 0) || /* a unit or a scale declared anew */
        diff_target_redeclared(A->p, a->target, B->p, b->target)) {
      o = diff_target_detail(&d->arena, A->p, a->target);
      n = diff_target_detail(&d->arena, B->p, b->target);
    }
    add_field(d, l, cap ? DF_COST_CAP : DF_TARGET, what, what, o, n);
  }
  if (!diff_text_equal(a->desc, b->desc)) add_field(d, l, DF_DESC, NULL, NULL, a->desc, b->desc);
  if (!same_weight(a, b)) add_field(d, l, DF_WEIGHT, NULL, NULL, weight_text(a), weight_text(b));
  if (!diff_expr_equal(A->p, a->actual, B->p, b->actual, 0)) {
    const char *o = diff_expr_text(&d->arena, NULL, a->actual);
    const char *n = diff_expr_text(&d->arena, NULL, b->actual);
    if (o && n && strcmp(o, n) == 0) {
      o = diff_expr_text(&d->arena, A->p, a->actual);
      n = diff_expr_text(&d->arena, B->p, b->actual);
    }
    add_field(d, l, DF_ACTUAL, NULL, NULL, o, n);
  }
}

/* Matching state of the indicators of one pair of projects. */
typedef struct Match {
  const Side *A, *B;
  long *a2b; /* per old indicator: index of the new one, or -1 */
  long *b2a;
  int *how;  /* per new indicator: 1 renamed, 2 moved */
} Match;

static void pair(Match *m, size_t i, size_t j, int how) {
  m->a2b[i] = (long)j;
  m->b2a[j] = (long)i;
  m->how[j] = how;
}

static void match_by_id(Match *m) {
  const Project *a = m->A->pr, *b = m->B->pr;
  for (size_t i = 0; i < a->nall; i++)
    for (size_t j = 0; a->all[i]->id && j < b->nall; j++)
      if (m->b2a[j] < 0 && b->all[j]->id && !strcmp(a->all[i]->id, b->all[j]->id)) {
        pair(m, i, j, 0);
        break;
      }
}

static void match_by_name(Match *m, int same_level) {
  const Project *a = m->A->pr, *b = m->B->pr;
  for (size_t i = 0; i < a->nall; i++) {
    if (m->a2b[i] >= 0) continue;
    long found = -1;
    size_t n = 0;
    for (size_t j = 0; j < b->nall; j++) {
      if (m->b2a[j] >= 0 || strcmp(a->all[i]->key, b->all[j]->key) != 0) continue;
      if (same_level && a->all[i]->level2 != b->all[j]->level2) continue;
      if (found < 0) found = (long)j;
      n++;
    }
    if (found < 0 || (!same_level && n > 1)) continue;
    if (!same_level) { /* unique on the old side too */
      size_t back = 0;
      for (size_t k = 0; k < a->nall; k++)
        back += m->a2b[k] < 0 && !strcmp(a->all[k]->key, b->all[found]->key);
      if (back > 1) continue;
    }
    pair(m, i, (size_t)found, same_level ? 0 : 2);
  }
}

static void match_renames(Match *m, int with_desc) {
  const Project *a = m->A->pr, *b = m->B->pr;
  for (size_t i = 0; i < a->nall; i++) {
    if (m->a2b[i] >= 0) continue;
    long found = -1;
    size_t n = 0;
    for (size_t j = 0; j < b->nall; j++)
      if (m->b2a[j] < 0 && equal_but_name(m->A, a->all[i], m->B, b->all[j], with_desc)) {
        if (found < 0) found = (long)j;
        n++;
      }
    if (found < 0 || (!with_desc && n > 1)) continue;
    if (!with_desc) {
      size_t back = 0;
      for (size_t k = 0; k < a->nall; k++)
        back += m->a2b[k] < 0 && equal_but_name(m->A, a->all[k], m->B, b->all[found], 0);
      if (back > 1) continue;
    }
    pair(m, i, (size_t)found, 1);
  }
}

static void push_ind(Diff *d, IndList *l, DiffInd di) {
  ARENA_PUSH(&d->arena, l->v, l->n, l->cap, di);
}

static void added_or_removed(Diff *d, IndList *l, DiffChange c, const Indicator *ind) {
  DiffInd di = {c, c == DIFF_REMOVED ? ind : NULL, c == DIFF_ADDED ? ind : NULL, 0, 0, NULL, 0,
                target_text(d, ind->target)};
  push_ind(d, l, di);
  d->nchanges++;
}

/* The indicator changes of a matched pair of projects, in the new order,
 * then the removed ones in the old order. */
static void diff_indicators(Diff *d, const Side *A, const Side *B, IndList *out) {
  const Project *a = A->pr, *b = B->pr;
  long *a2b = malloc((a->nall + 1) * sizeof *a2b), *b2a = malloc((b->nall + 1) * sizeof *b2a);
  int *how = calloc(b->nall + 1, sizeof *how);
  if (!a2b || !b2a || !how) abort();
  for (size_t i = 0; i < a->nall; i++) a2b[i] = -1;
  for (size_t j = 0; j < b->nall; j++) b2a[j] = -1;
  Match m = {A, B, a2b, b2a, how};
  match_by_id(&m);
  match_by_name(&m, 1);
  match_by_name(&m, 0);
  match_renames(&m, 1);
  match_renames(&m, 0);
  for (size_t j = 0; j < b->nall; j++) {
    if (b2a[j] < 0) {
      added_or_removed(d, out, DIFF_ADDED, b->all[j]);
      continue;
    }
    const Indicator *x = a->all[b2a[j]], *y = b->all[j];
    FieldList fl = {NULL, 0, 0};
    indicator_fields(d, A, x, B, y, &fl);
    int renamed = how[j] == 1 || (how[j] == 0 && x->id && !diff_text_equal(x->name, y->name));
    int moved = x->level1 != y->level1 || x->level2 != y->level2;
    if (!fl.n && !renamed && !moved) continue;
    d->nchanges += (size_t)renamed + (size_t)moved;
    DiffInd di = {DIFF_CHANGED, x, y, renamed, moved, fl.v, fl.n, NULL};
    push_ind(d, out, di);
  }
  for (size_t i = 0; i < a->nall; i++)
    if (a2b[i] < 0) added_or_removed(d, out, DIFF_REMOVED, a->all[i]);
  free(a2b);
  free(b2a);
  free(how);
}

/* ---- projects ------------------------------------------------------------------- */

static void money_field(Diff *d, FieldList *l, DiffFieldKind k, const Side *A, const Money *a,
                        const Side *B, const Money *b) {
  if (diff_money_equal(A->p, A->f, a, B->p, B->f, b)) return;
  const char *o = diff_money_text(&d->arena, A->p, A->f, a);
  const char *n = diff_money_text(&d->arena, B->p, B->f, b);
  if ((o && n && strcmp(o, n) == 0) || /* 金额单位 declared anew */
      diff_money_redeclared(A->p, A->f, a, B->p, B->f, b)) {
    o = diff_money_detail(&d->arena, A->p, A->f, a);
    n = diff_money_detail(&d->arena, B->p, B->f, b);
  }
  add_field(d, l, k, NULL, NULL, o, n);
}

/* Explicit weights of a project's categories: level 1 at [c][c], level 2
 * at [l1][l2]; NULL when none is given. */
typedef const char *CatWeights[CAT__COUNT][CAT__COUNT];

static void cat_weights(const Project *pr, CatWeights w) {
  memset(w, 0, sizeof(CatWeights));
  for (size_t i = 0; i < pr->ncats; i++) {
    const CatBlock *c = pr->cats[i];
    if (c->has_weight && !w[c->cat][c->cat]) w[c->cat][c->cat] = c->weight_text;
    for (size_t j = 0; j < c->nsubs; j++) {
      const CatBlock *s = c->subs[j];
      if (s->has_weight && !w[c->cat][s->cat]) w[c->cat][s->cat] = s->weight_text;
    }
  }
}

static int same_number(const char *a, const char *b) {
  if (!a || !b) return a == b;
  Dec x, y;
  if (dec_parse(a, strlen(a), &x) != DEC_OK || dec_parse(b, strlen(b), &y) != DEC_OK)
    return strcmp(a, b) == 0;
  return x == y;
}

static void weight_fields(Diff *d, const Project *a, const Project *b, FieldList *l) {
  CatWeights wa, wb;
  cat_weights(a, wa);
  cat_weights(b, wb);
  for (int i = 0; i < CAT__COUNT; i++)
    for (int j = 0; j < CAT__COUNT; j++) {
      if (same_number(wa[i][j], wb[i][j])) continue;
      const char *zh = ast_category_name((Category)i, LANG_ZH);
      const char *en = ast_category_name((Category)i, LANG_EN);
      if (i != j) {
        zh = arena_printf(&d->arena, "%s/%s", zh, ast_category_name((Category)j, LANG_ZH));
        en = arena_printf(&d->arena, "%s/%s", en, ast_category_name((Category)j, LANG_EN));
      }
      add_field(d, l, DF_CAT_WEIGHT, zh, en, wa[i][j], wb[i][j]);
    }
}

typedef struct PolicyAdd {
  Diff *d;
  FieldList *l;
} PolicyAdd;

static void policy_add(void *ud, const char *zh, const char *en, const char *o, const char *n) {
  PolicyAdd *pa = ud;
  add_field(pa->d, pa->l, DF_POLICY, zh, en, o, n);
}

static const char *agency_text(Diff *d, const Header *h) {
  if (!h->has_agency) return NULL;
  return arena_printf(&d->arena, "%s \"%s\"", h->agency_code, h->agency_name);
}

static void header_fields(Diff *d, const Side *A, const Side *B, FieldList *l) {
  const Header *a = &A->f->ast->header, *b = &B->f->ast->header;
  if (a->has_agency != b->has_agency ||
      (a->has_agency && (strcmp(a->agency_code, b->agency_code) != 0 ||
                         !diff_text_equal(a->agency_name, b->agency_name))))
    add_field(d, l, DF_AGENCY, NULL, NULL, agency_text(d, a), agency_text(d, b));
  if (a->has_year != b->has_year || (a->has_year && a->year != b->year))
    add_field(d, l, DF_YEAR, NULL, NULL, a->has_year ? a->year_text : NULL,
              b->has_year ? b->year_text : NULL);
}

static void project_fields(Diff *d, const Side *A, const Side *B, FieldList *l) {
  const Project *a = A->pr, *b = B->pr;
  header_fields(d, A, B, l);
  money_field(d, l, DF_BUDGET, A, &a->budget, B, &b->budget);
  money_field(d, l, DF_FISCAL, A, &a->fiscal, B, &b->fiscal);
  money_field(d, l, DF_OTHER, A, &a->other, B, &b->other);
  if (!diff_text_equal(a->purpose, b->purpose))
    add_field(d, l, DF_PURPOSE, NULL, NULL, a->purpose, b->purpose);
  if (!diff_text_equal(a->goal, b->goal)) add_field(d, l, DF_GOAL, NULL, NULL, a->goal, b->goal);
  weight_fields(d, a, b, l);
  PolicyAdd pa = {d, l};
  diff_policy(&d->arena, &A->f->policy, &B->f->policy, policy_add, &pa);
}

static Lang file_lang(const ProgFile *f) {
  return f && f->ast->nkw_en > f->ast->nkw_zh ? LANG_EN : LANG_ZH;
}

static void push_proj(Diff *d, ProjList *l, DiffProj dp) {
  ARENA_PUSH(&d->arena, l->v, l->n, l->cap, dp);
}

static void diff_project(Diff *d, const Side *A, const Side *B, int renamed, ProjList *out) {
  size_t before = d->nchanges;
  FieldList fl = {NULL, 0, 0};
  IndList il = {NULL, 0, 0};
  project_fields(d, A, B, &fl);
  diff_indicators(d, A, B, &il);
  d->nchanges += (size_t)renamed;
  if (d->nchanges == before) return;
  DiffProj dp = {DIFF_CHANGED, A->pr, B->pr, renamed, file_lang(B->f), fl.v, fl.n, il.v, il.n,
                 NULL};
  push_proj(d, out, dp);
}

/* Everything but the name equal: no change at all once paired. */
static int project_equal_but_name(Diff *d, const Side *A, const Side *B) {
  Diff scratch;
  memset(&scratch, 0, sizeof scratch);
  arena_init(&scratch.arena);
  FieldList fl = {NULL, 0, 0};
  IndList il = {NULL, 0, 0};
  project_fields(&scratch, A, B, &fl);
  diff_indicators(&scratch, A, B, &il);
  int same = scratch.nchanges == 0 && A->pr->nall > 0;
  arena_free(&scratch.arena);
  (void)d;
  return same;
}

static void added_or_removed_project(Diff *d, ProjList *l, DiffChange c, const Side *S) {
  DiffProj dp = {c, c == DIFF_REMOVED ? S->pr : NULL, c == DIFF_ADDED ? S->pr : NULL, 0,
                 file_lang(S->f), NULL, 0, NULL, 0,
                 diff_money_text(&d->arena, S->p, S->f, &S->pr->budget)};
  push_proj(d, l, dp);
  d->nchanges++;
}

static Side side(const Program *p, size_t i) {
  Side s = {p, p->project_file[i], p->projects[i]};
  return s;
}

void diff_programs(const Program *a, const Program *b, Diff *out) {
  memset(out, 0, sizeof *out);
  arena_init(&out->arena);
  long *a2b = malloc((a->nprojects + 1) * sizeof *a2b);
  long *b2a = malloc((b->nprojects + 1) * sizeof *b2a);
  if (!a2b || !b2a) abort();
  for (size_t i = 0; i < a->nprojects; i++) a2b[i] = -1;
  for (size_t j = 0; j < b->nprojects; j++) {
    b2a[j] = -1;
    for (size_t i = 0; i < a->nprojects; i++)
      if (a2b[i] < 0 && !strcmp(a->projects[i]->key, b->projects[j]->key)) {
        a2b[i] = (long)j, b2a[j] = (long)i;
        break;
      }
  }
  int *renamed = calloc(b->nprojects + 1, sizeof *renamed);
  if (!renamed) abort();
  for (size_t j = 0; j < b->nprojects; j++)
    for (size_t i = 0; b2a[j] < 0 && i < a->nprojects; i++) {
      Side A = side(a, i), B = side(b, j);
      if (a2b[i] < 0 && project_equal_but_name(out, &A, &B))
        a2b[i] = (long)j, b2a[j] = (long)i, renamed[j] = 1;
    }
  ProjList pl = {NULL, 0, 0};
  for (size_t j = 0; j < b->nprojects; j++) {
    Side B = side(b, j);
    if (b2a[j] < 0) {
      added_or_removed_project(out, &pl, DIFF_ADDED, &B);
      continue;
    }
    Side A = side(a, (size_t)b2a[j]);
    diff_project(out, &A, &B, renamed[j], &pl);
  }
  for (size_t i = 0; i < a->nprojects; i++)
    if (a2b[i] < 0) {
      Side A = side(a, i);
      added_or_removed_project(out, &pl, DIFF_REMOVED, &A);
    }
  out->projs = pl.v;
  out->nprojs = pl.n;
  free(a2b);
  free(b2a);
  free(renamed);
}

void diff_free(Diff *d) {
  arena_free(&d->arena);
  memset(d, 0, sizeof *d);
}
