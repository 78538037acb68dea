/*
 * ruletest.c - running one rule test: its 给定 block as CSV through the
 * data loader, the evaluator, then each expectation against the scorecard
 * (ruletest.h, docs/testing-rules.md).
 */
#include "ruletest.h"
#include "support/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/actuals.h"
#include "eval.h"

/* ---- the in-memory CSV ---------------------------------------------------- */

typedef struct Buf {
  char *s;
  size_t len, cap;
} Buf;

static void buf_put(Buf *b, const char *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t ncap = b->cap ? b->cap * 2 : 256;
    while (ncap < b->len + n + 1) ncap *= 2;
    char *p = realloc(b->s, ncap);
    if (!p) abort();
    b->s = p;
    b->cap = ncap;
  }
  memcpy(b->s + b->len, s, n);
  b->len += n;
  b->s[b->len] = '\0';
}

static void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }

/* A quoted CSV field (RFC 4180): quotes doubled. */
static void csv_field(Buf *b, const char *s) {
  buf_puts(b, "\"");
  for (const char *q; (q = strchr(s, '"')); s = q + 1) {
    buf_put(b, s, (size_t)(q - s));
    buf_puts(b, "\"\"");
  }
  buf_puts(b, s);
  buf_puts(b, "\"");
}

static unsigned count_newlines(const char *s) {
  unsigned n = 0;
  for (; *s; s++) n += *s == '\n';
  return n;
}

char *rule_csv(const TestDecl *t, const char *project, unsigned *line_of_given) {
  Buf b = {0};
  unsigned line = 2;
  buf_puts(&b, "project,indicator,actual\n");
  for (size_t i = 0; i < t->ngiven; i++) {
    const Given *g = t->given[i];
    size_t start = b.len;
    csv_field(&b, project);
    buf_puts(&b, ",");
    csv_field(&b, g->key ? g->key : "执行数");
    buf_puts(&b, ",");
    csv_field(&b, g->value ? g->value : "");
    buf_puts(&b, "\n");
    line_of_given[i] = line;
    line += count_newlines(b.s + start);
  }
  return b.s;
}

/* ---- problems with the values ---------------------------------------------- */

typedef struct Collect {
  RuleResult *r;
  const TestDecl *t;
  const unsigned *line_of_given;
  int nomem;
} Collect;

static void add_problem(Collect *c, Span at, const char *msg) {
  RuleResult *r = c->r;
  RuleProblem *n = realloc(r->problems, (r->nproblems + 1) * sizeof *n);
  if (!n) {
    c->nomem = 1;
    return;
  }
  r->problems = n;
  n[r->nproblems].at = at;
  snprintf(n[r->nproblems].msg, sizeof n[r->nproblems].msg, "%s", msg);
  r->nproblems++;
}

/* The data loader's report: CSV line -> the given item it came from. */
static void on_problem(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  (void)file;
  (void)col;
  Collect *c = ud;
  const TestDecl *t = c->t;
  Span at = t->has_given ? t->given_span : t->name_span;
  for (size_t i = 0; i < t->ngiven; i++)
    if (c->line_of_given[i] <= line) at = t->given[i]->span;
  add_problem(c, at, msg);
}

/* ---- comparing ------------------------------------------------------------- */

/* Decimals written in a number's text, at least 2, at most DEC_DIGITS. */
static int digits_of(const char *num) {
  const char *dot = strchr(num, '.');
  int n = dot ? (int)strlen(dot + 1) : 0;
  return n < 2 ? 2 : n > DEC_DIGITS ? DEC_DIGITS : n;
}

/* Compare v with the number e expects; got: v rounded, and v itself when
 * rounding changed it. */
static int compare_number(const Expect *e, Dec v, char *got, size_t cap) {
  int digits = digits_of(e->num_text);
  Dec r = dec_round(v, digits);
  char a[32], b[32];
  dec_format(r, digits, a, sizeof a);
  if (r == v) {
    snprintf(got, cap, "%s", a);
  } else {
    dec_format(v, -1, b, sizeof b);
    snprintf(got, cap, "%s (%s)", a, b);
  }
  return r == e->num;
}

/* Index in rp of indicator ind of project pj. */
static uint32_t ind_index(const Project *pr, const RtProject *rpj, const Indicator *ind) {
  for (size_t i = 0; i < pr->nall; i++)
    if (pr->all[i] == ind) return rpj->first + (uint32_t)i;
  return UINT32_MAX;
}

static void check_one(const Project *pr, const RtProgram *rp, uint32_t pj, const RtResult *res,
                      RuleCheck *c) {
  const Expect *e = c->e;
  const RtProject *rpj = &rp->projects[pj];
  const RtProjResult *prj = &res->proj[pj];
  Lang lang = e->lang;
  char s[32], w[32];
  uint32_t ii = e->ind ? ind_index(pr, rpj, e->ind) : UINT32_MAX;
  if (e->ind && ii == UINT32_MAX) {
    snprintf(c->got, sizeof c->got, "%s", _("(no such indicator)"));
    return;
  }
  switch (e->kind) {
  case EXP_STATUS:
    snprintf(c->want, sizeof c->want, "%s", ast_status_word(e->value, lang));
    dec_format(res->ind[ii].score, 2, s, sizeof s);
    dec_format(rp->indicators[ii].points, 2, w, sizeof w);
    snprintf(c->got, sizeof c->got, "%s (%s %s / %s)", ast_status_word(res->ind[ii].status, lang),
             lang == LANG_EN ? "score" : "得分", s, w);
    c->ok = res->ind[ii].status == e->value;
    break;
  case EXP_SCORE:
    snprintf(c->want, sizeof c->want, "%s", e->num_text);
    c->ok = compare_number(e, res->ind[ii].score, c->got, sizeof c->got);
    break;
  case EXP_TOTAL:
    snprintf(c->want, sizeof c->want, "%s", e->num_text);
    c->ok = compare_number(e, prj->total, c->got, sizeof c->got);
    break;
  case EXP_GRADE:
    snprintf(c->want, sizeof c->want, "%s", ast_grade_word(e->value, lang));
    dec_format(prj->total, 2, s, sizeof s);
    snprintf(c->got, sizeof c->got, "%s (%s %s)", ast_grade_word(prj->grade, lang),
             lang == LANG_EN ? "total" : "总分", s);
    c->ok = prj->grade == e->value;
    break;
  }
}

/* ---- running ----------------------------------------------------------------- */

static long project_index(const Program *p, const Project *pr) {
  for (size_t i = 0; i < p->nprojects; i++)
    if (p->projects[i] == pr) return (long)i;
  return -1;
}

static int32_t as_of_of(const TestDecl *t) {
  if (!t->has_as_of) return RT_NO_AS_OF;
  return rt_days_from_civil(t->as_of.y, t->as_of.m, t->as_of.d);
}

static void evaluate(const Program *p, const RtProgram *rp, const TestDecl *t,
                     const Evaluator *ev, uint32_t pj, const RtActuals *act, Collect *col) {
  RuleResult *out = col->r;
  RtArena arena;
  rt_arena_init(&arena, 0);
  RtResult res;
  char err[256] = "";
  if (ev->evaluate(rp, act, as_of_of(t), &arena, &res, NULL, err, sizeof err) != 0) {
    char msg[320];
    snprintf(msg, sizeof msg, _("backend %s: %s"), ev->name, err[0] ? err : _("scoring failed"));
    add_problem(col, t->name_span, msg);
    out->status = RULE_ERROR;
  } else {
    out->status = RULE_PASS;
    for (size_t i = 0; i < out->nchecks; i++) {
      check_one(t->proj, rp, pj, &res, &out->checks[i]);
      if (!out->checks[i].ok) out->status = RULE_FAIL;
    }
  }
  rt_arena_free(&arena);
  (void)p;
}

int rule_run(const Program *p, const RtProgram *rp, const TestDecl *t, const Evaluator *ev,
             RuleResult *out) {
  memset(out, 0, sizeof *out);
  out->test = t;
  out->status = RULE_ERROR;
  long pj = t->proj ? project_index(p, t->proj) : -1;
  out->checks = calloc(t->nexpect ? t->nexpect : 1, sizeof *out->checks);
  unsigned *lines = calloc(t->ngiven ? t->ngiven : 1, sizeof *lines);
  if (!out->checks || !lines) {
    free(lines);
    return -1;
  }
  out->nchecks = t->nexpect;
  for (size_t i = 0; i < t->nexpect; i++) out->checks[i].e = t->expect[i];
  Collect col = {out, t, lines, 0};
  if (pj < 0 || (uint32_t)pj >= rp->nprojects) {
    add_problem(&col, t->name_span, _("the test's project is not in the compiled program"));
    free(lines);
    return col.nomem ? -1 : 0;
  }
  char *csv = rule_csv(t, rp->projects[pj].name, lines);
  RtActuals act;
  DataSink sink = {on_problem, &col, 0, 0, i18n_translator()};
  indrt_status st = act_load(rp, "<test>", csv, strlen(csv), INDRT_DATA_CSV, INDRT_ENC_UTF8, 0,
                             &act, &sink);
  free(csv);
  if (st == INDRT_OK) {
    evaluate(p, rp, t, ev, (uint32_t)pj, &act, &col);
    act_free(&act);
  } else if (out->nproblems == 0) {
    add_problem(&col, t->name_span, _("out of memory reading the given values"));
  }
  free(lines);
  return col.nomem || st == INDRT_E_NOMEM ? -1 : 0;
}

void rule_result_free(RuleResult *r) {
  free(r->checks);
  free(r->problems);
  memset(r, 0, sizeof *r);
}
