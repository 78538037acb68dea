/*
 * gate.c - which projects get the checks of their points (weights.c) and
 * the named warnings (lint.c), which run once every project is checked
 * ([DIAG-ALL] in docs/diagnostics.md).
 *
 * Those checks read a project whole, so they skip a project with an error
 * of its own (one that points inside it, or a syntax error that left it
 * damaged): they would only report what follows from that error.  Every
 * other project gets them, whatever errors the other projects have, so
 * that one run shows them all.
 *
 * A project's points also depend on the 评分规则 of its file and of the
 * files that file imports.  After an error that may have changed that
 * policy's points (a bad value of a points setting, an unknown setting,
 * an import not read, a syntax error in a 评分规则 or outside every item,
 * where it may have swallowed one), the
 * points would be checked against a policy the analyst did not write:
 * they are not checked, and a note on that error says so.  The warnings
 * do not read the policy and still run.
 */
#include <stdlib.h>
#include <string.h>

#include "sema_internal.h"

/* ---- errors by place ------------------------------------------------------ */

typedef struct ErrAt {
  uint32_t file, lo;
  size_t diag; /* index in p->diags.items */
} ErrAt;

/* The errors recorded so far, sorted by file and offset, so that finding
 * one inside a span is a binary search. */
typedef struct ErrIndex {
  ErrAt *v;
  size_t n;
} ErrIndex;

static int cmp_err(const void *pa, const void *pb) {
  const ErrAt *a = pa, *b = pb;
  if (a->file != b->file) return a->file < b->file ? -1 : 1;
  if (a->lo != b->lo) return a->lo < b->lo ? -1 : 1;
  return (a->diag > b->diag) - (a->diag < b->diag);
}

/* An error with a place, not a warning that --werror made one: a warning
 * never says the input is broken. */
static int is_placed_error(const Diag *d) {
  return d->sev == DIAG_ERROR && !diag_warning_name(d->code) && d->span.file != UINT32_MAX;
}

static void index_errors(const Program *p, ErrIndex *x) {
  x->n = 0;
  x->v = malloc((p->diags.n ? p->diags.n : 1) * sizeof *x->v);
  if (!x->v) abort();
  for (size_t i = 0; i < p->diags.n; i++) {
    const Diag *d = &p->diags.items[i];
    if (is_placed_error(d)) x->v[x->n++] = (ErrAt){d->span.file, d->span.lo, i};
  }
  qsort(x->v, x->n, sizeof *x->v, cmp_err);
}

/* Is there an error in [lo, hi) of file? */
static int error_in(const ErrIndex *x, uint32_t file, uint32_t lo, uint32_t hi) {
  size_t a = 0, b = x->n;
  while (a < b) {
    size_t m = a + (b - a) / 2;
    if (x->v[m].file < file || (x->v[m].file == file && x->v[m].lo < lo)) a = m + 1;
    else b = m;
  }
  return a < x->n && x->v[a].file == file && x->v[a].lo < hi;
}

/* ---- errors that may have changed a policy --------------------------------- */

/* Was item `it` cut short by a syntax error? */
static int item_damaged(const Item *it) {
  switch (it->kind) {
  case ITEM_PROJECT: return ((const Project *)it->node)->damaged;
  case ITEM_TEST:
    return ((const TestDecl *)it->node)->damaged || !((const TestDecl *)it->node)->closed;
  case ITEM_SCALE: return ((const ScaleDecl *)it->node)->damaged;
  default: return 0;
  }
}

/* The item of f that holds the byte at off, or NULL.  An item cut short
 * by a syntax error also holds what follows it up to the next item: the
 * parser's recovery from that error, and an end of file that finds it
 * open. */
static const Item *item_at(const File *f, uint32_t off) {
  size_t a = 0, b = f->nitems;
  while (a < b) { /* the last item that starts at or before off */
    size_t m = a + (b - a) / 2;
    if (f->items[m].span.lo <= off) a = m + 1;
    else b = m;
  }
  if (a == 0) return NULL;
  const Item *it = &f->items[a - 1];
  return off < it->span.hi || item_damaged(it) ? it : NULL;
}

/* The setting of f's 评分规则 that holds the byte at off, or NULL. */
static const Setting *setting_at(const File *f, uint32_t off) {
  for (size_t i = 0; i < f->npolicies; i++)
    for (size_t j = 0; j < f->policies[i]->nsettings; j++) {
      const Setting *s = f->policies[i]->settings[j];
      if (s->span.lo <= off && off < s->span.hi) return s;
    }
  return NULL;
}

/*
 * Could diagnostic d, in file f, have changed the points f's policy
 * gives?  A bad value of a points setting (产出指标 … 预算执行率) or an
 * unknown key (perhaps one of them misspelt) did, not one of the other
 * settings; an import not read did.  A syntax error did when it is in the
 * 评分规则 or outside every item, where it may have swallowed one
 * (评分规责 { … }), but not a stray '}', which swallows nothing.
 */
static int breaks_policy(const Program *p, const ProgFile *f, const Diag *d) {
  if (d->code == E_IMPORT_NOT_FOUND) return 1;
  if (d->code == E_BAD_POLICY) {
    const Setting *s = setting_at(f->ast, d->span.lo);
    return !s || sema_setting_weighs(s->key);
  }
  const char *c = diag_code_str(d->code); /* lexical and syntax errors: E01xx, E02xx */
  if (c[0] != 'E' || c[1] != '0' || (c[2] != '1' && c[2] != '2')) return 0;
  const Item *it = item_at(f->ast, d->span.lo);
  if (it) return it->kind == ITEM_POLICY;
  const Source *src = src_get(&p->sources, f->source);
  const char *at = src && d->span.lo < src->len ? src->text + d->span.lo : "";
  return at[0] != '}' && strncmp(at, "｝", strlen("｝")) != 0;
}

/* Each file's index in p->files, by its source (-1 for none): imports
 * and diagnostics name files by source. */
static long *files_by_source(const Program *p) {
  size_t n = p->sources.nfiles ? p->sources.nfiles : 1;
  long *ix = malloc(n * sizeof *ix);
  if (!ix) abort();
  for (size_t i = 0; i < n; i++) ix[i] = -1;
  for (size_t i = 0; i < p->nfiles; i++)
    if (p->files[i]->source < p->sources.nfiles) ix[p->files[i]->source] = (long)i;
  return ix;
}

static long file_of(const Program *p, const long *ix, uint32_t source) {
  return source < p->sources.nfiles ? ix[source] : -1;
}

/* own[i]: the first error in file i that may have changed its policy (a
 * diagnostic index), or -1. */
static void own_policy_errors(const Program *p, const ErrIndex *x, const long *ix, long *own) {
  for (size_t i = 0; i < p->nfiles; i++) own[i] = -1;
  for (size_t k = 0; k < x->n; k++) {
    long i = file_of(p, ix, x->v[k].file);
    if (i >= 0 && own[i] < 0 && breaks_policy(p, p->files[i], &p->diags.items[x->v[k].diag]))
      own[i] = (long)x->v[k].diag;
  }
}

typedef struct Causes {
  const long *ix, *own;
  long *cause;          /* per file: the answer of policy_error */
  unsigned char *state; /* per file: 0 not visited, 1 being visited (a cycle), 2 done */
} Causes;

/* The first such error in file i or in a file it imports, depth first as
 * policies are resolved (policy.c), or -1.  Each file is worked out once;
 * an import cycle (E0601, reported) is cut where it closes. */
static long policy_error(const Program *p, Causes *c, size_t i) {
  if (c->state[i]) return c->state[i] == 2 ? c->cause[i] : -1;
  c->state[i] = 1;
  long e = -1;
  const File *f = p->files[i]->ast;
  for (size_t j = 0; j < f->nimports && e < 0; j++) {
    long k = file_of(p, c->ix, f->imports[j]->file);
    if (k >= 0) e = policy_error(p, c, (size_t)k);
  }
  c->cause[i] = e >= 0 ? e : c->own[i];
  c->state[i] = 2;
  return c->cause[i];
}

/* cause[i] for every file i: the first error that may have changed its
 * policy, -1 when none. */
static long *policy_causes(const Program *p, const ErrIndex *x, const long *ix) {
  size_t n = p->nfiles ? p->nfiles : 1;
  long *own = malloc(n * sizeof *own);
  Causes c = {ix, own, malloc(n * sizeof *c.cause), calloc(n, 1)};
  if (!own || !c.cause || !c.state) abort();
  own_policy_errors(p, x, ix, own);
  for (size_t i = 0; i < p->nfiles; i++) policy_error(p, &c, i);
  free(c.state);
  free(own);
  return c.cause;
}

/* ---- the pass ------------------------------------------------------------- */

/* The points of the projects skipped for one policy error: the first of
 * them, and how many. */
typedef struct Skipped {
  const Project *first;
  size_t n;
} Skipped;

/* Say on each error that stopped the points of projects from being
 * checked which ones were skipped (the note of an error that has one
 * already is kept: it explains the error itself).  sk has one entry for
 * each of the first n diagnostics. */
static void note_skipped(Program *p, const Skipped *sk, size_t n) {
  for (size_t i = 0; i < n; i++) {
    Diag *d = &p->diags.items[i];
    if (!sk[i].n || d->note) continue;
    if (sk[i].n == 1)
      diag_note(d, sk[i].first->name_span,
                "the points (分值) of project \"%s\" are not checked until this is fixed",
                sk[i].first->name);
    else
      diag_note(d, sk[i].first->name_span,
                "the points (分值) of project \"%s\" and %zu more are not checked until this "
                "is fixed",
                sk[i].first->name, sk[i].n - 1);
  }
}

void sema_points_and_lints(Program *p) {
  if (p->diags.ndropped) return; /* errors past the cap have no place to tell */
  ErrIndex x;
  index_errors(p, &x);
  long *ix = files_by_source(p), *cause = policy_causes(p, &x, ix);
  size_t ndiags = p->diags.n; /* the checks below add to the list */
  Skipped *sk = calloc(ndiags ? ndiags : 1, sizeof *sk);
  if (!sk) abort();
  for (size_t i = 0; i < p->nprojects; i++) {
    Project *pr = p->projects[i];
    ProgFile *f = p->project_file[i];
    if (pr->damaged || error_in(&x, pr->span.file, pr->span.lo, pr->span.hi)) continue;
    long fi = file_of(p, ix, f->source), c = fi >= 0 ? cause[fi] : -1;
    if (c >= 0) { /* the points wait for the policy; the warnings need none */
      if (sk[c].n++ == 0) sk[c].first = pr;
      lint_project(p, f, pr);
    } else if (sema_weights(p, f, pr)) {
      lint_project(p, f, pr);
    }
  }
  note_skipped(p, sk, ndiags);
  free(sk);
  free(cause);
  free(ix);
  free(x.v);
}
