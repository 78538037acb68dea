/*
 * tests.c - rule tests (docs/testing-rules.md): resolve what each test
 * names, the way the data loader resolves the rows of a data file
 * ([DATA-NAMES] in docs/data-formats.md): its project, the indicators and
 * raw fields of its 给定 block, the indicators of its 期望 block; and check
 * the status and grade words.  `indc test` (compiler/ruletest) runs the
 * tests of a program without errors.
 *
 * Every problem is an error at the name or word, with a hint: a test
 * that names nothing real would only fail later, with a data error.
 */
#include <stdlib.h>
#include <string.h>

#include "../support/indc_limits.h"
#include "support/i18n.h"
#include "sema_internal.h"
#include "text/namekey.h"

/* ---- nearest names ------------------------------------------------------ */

/* Is candidate key cand close enough to key to suggest (a third of its
 * length, at least one edit)? */
static int near(const char *key, const char *cand, size_t *best) {
  int32_t cp[64];
  size_t len = src_code_points(key, cp), limit = len / 3 ? len / 3 : 1;
  size_t d = src_edit_distance(key, cand);
  if (d > limit || d >= *best) return 0;
  *best = d;
  return 1;
}

/* ---- projects ------------------------------------------------------------- */

static char *key_of(Program *p, const char *name) {
  char *k = name_key(name, strlen(name));
  char *r = arena_strdup(&p->arena, k ? k : name);
  free(k);
  return r;
}

static void unknown_project(Program *p, const TestDecl *t, const char *key) {
  Diag *d = diag_report(&p->diags, E_UNKNOWN_FIELD, t->project_name_span,
                        "unknown project \"%s\" in test \"%s\"", t->project, t->name);
  const Project *best = NULL;
  size_t bd = (size_t)-1;
  for (size_t i = 0; i < p->nprojects; i++)
    if (near(key, p->projects[i]->key, &bd)) best = p->projects[i];
  for (size_t i = 0; i < p->nprojects && !best; i++)
    if (*key && strstr(p->projects[i]->key, key)) best = p->projects[i]; /* a part of the name */
  if (best)
    diag_hint(d, "did you mean \"%s\"?", best->name);
  else if (p->nprojects == 0)
    diag_hint(d, "no spec is loaded: a *_test.ind file tests the specs of its folder");
  else
    diag_hint(d,
              i18n_plural("the test's 项目 names the one project of the specs, as it is written",
                          "the test's 项目 names one of the %zu projects of the specs, as they "
                          "write it",
                          p->nprojects),
              p->nprojects);
}

/* The project a test is about: the one it names, or the only one. */
static Project *test_project(Program *p, const TestDecl *t) {
  if (t->project) {
    const char *key = key_of(p, t->project);
    Project *pr = strmap_get(&p->project_keys, key);
    if (!pr) unknown_project(p, t, key);
    return pr;
  }
  if (p->nprojects == 1) return p->projects[0];
  Diag *d = diag_report(&p->diags, E_UNKNOWN_FIELD, t->name_span,
                        "test \"%s\" names no project", t->name);
  if (p->nprojects == 0)
    diag_hint(d, "no spec is loaded: a *_test.ind file tests the specs of its folder");
  else
    diag_hint(d, "the specs have %zu projects: name one, e.g. 项目 \"%s\"", p->nprojects,
              p->projects[0]->name);
  return NULL;
}

/* ---- indicators and raw fields -------------------------------------------- */

/* The level-2 category s[0..n) names: full, short or English (any case). */
static int category_of(const char *s, size_t n) {
  static const char *const forms[][3] = {
#define X(name, zh, zhs, en) {zh, zhs, en},
      AST_CATEGORIES(X)
#undef X
  };
  for (int c = 0; c < CAT__COUNT; c++) {
    if ((strlen(forms[c][0]) == n && !memcmp(s, forms[c][0], n)) ||
        (strlen(forms[c][1]) == n && !memcmp(s, forms[c][1], n)))
      return c;
    if (strlen(forms[c][2]) != n) continue;
    size_t i = 0;
    while (i < n && (s[i] | 0x20) == forms[c][2][i]) i++;
    if (i == n) return c;
  }
  return -1;
}

typedef struct Found {
  Indicator *cand[4];
  size_t n;
} Found;

static void by_name(const Project *pr, const char *key, int level2, Found *f) {
  for (size_t i = 0; i < pr->nall; i++) {
    Indicator *ind = pr->all[i];
    if (strcmp(ind->key, key) != 0 || (level2 >= 0 && (int)ind->level2 != level2)) continue;
    if (f->n < 4) f->cand[f->n] = ind;
    f->n++;
  }
}

/* Indicators of pr that key names: by id, by name, then by 二级/name. */
static void find(const Project *pr, const char *key, Found *f) {
  f->n = 0;
  for (size_t i = 0; i < pr->nall; i++)
    if (pr->all[i]->id && strcmp(pr->all[i]->id, key) == 0) {
      f->cand[0] = pr->all[i];
      f->n = 1;
      return;
    }
  by_name(pr, key, -1, f);
  const char *slash = strchr(key, '/');
  if (f->n || !slash) return;
  int cat = category_of(key, (size_t)(slash - key));
  if (cat >= 0) by_name(pr, slash + 1, cat, f);
}

/* Does expression e read the raw field whose key is key? */
static const char *reads_field(const Expr *e, const char *key, unsigned depth) {
  if (!e || depth > LIM_NESTING) return NULL;
  if (e->kind == EX_FIELD && name_equal(e->name, key)) return e->name;
  for (size_t i = 0; i < e->nargs; i++) {
    const char *r = reads_field(e->args[i], key, depth + 1);
    if (r) return r;
  }
  return NULL;
}

static const char *raw_field(const Project *pr, const char *key) {
  for (size_t i = 0; i < pr->nall; i++) {
    const char *r = reads_field(pr->all[i]->actual, key, 0);
    if (r) return r;
  }
  return NULL;
}

static void ambiguous(Program *p, const Project *pr, const char *written, Span at,
                      const Found *f) {
  char list[1024];
  size_t off = 0;
  list[0] = '\0';
  size_t n = f->n < 4 ? f->n : 4;
  for (size_t i = 0; i < n && off < sizeof list; i++) {
    const Indicator *ind = f->cand[i];
    const char *sep = i == 0 ? "" : i + 1 == n ? _(" or ") : ", ";
    if (ind->id)
      off += (size_t)snprintf(list + off, sizeof list - off, "%s\"%s\"", sep, ind->id);
    else
      off += (size_t)snprintf(list + off, sizeof list - off, "%s\"%s/%s\"", sep,
                              ast_category_name(ind->level2, LANG_ZH), ind->name);
  }
  Diag *d = diag_report(&p->diags, E_UNKNOWN_FIELD, at,
                        "ambiguous indicator \"%s\" in project \"%s\"", written, pr->name);
  diag_hint(d, "write %s", list);
}

static void unknown_indicator(Program *p, const Project *pr, const char *written, Span at,
                              const char *key, int fields_too) {
  Diag *d = diag_report(&p->diags, E_UNKNOWN_FIELD, at, "unknown %s \"%s\" in project \"%s\"",
                        fields_too ? _("indicator or raw field") : _("indicator"), written, pr->name);
  const Indicator *best = NULL;
  size_t bd = (size_t)-1;
  const char *slash = strchr(key, '/');
  const char *name = slash && category_of(key, (size_t)(slash - key)) >= 0 ? slash + 1 : key;
  for (size_t i = 0; i < pr->nall; i++)
    if (name != key && !strcmp(name, pr->all[i]->key)) { /* 二级/name, the wrong 二级 */
      diag_hint(d, "\"%s\" is under %s: write \"%s/%s\"", pr->all[i]->name,
                ast_category_name(pr->all[i]->level2, LANG_ZH),
                ast_category_name(pr->all[i]->level2, LANG_ZH), pr->all[i]->name);
      return;
    }
  for (size_t i = 0; i < pr->nall; i++)
    if (near(name, pr->all[i]->key, &bd)) best = pr->all[i];
  for (size_t i = 0; i < pr->nall && !best; i++)
    if (*name && strstr(pr->all[i]->key, name)) best = pr->all[i]; /* a part of the name */
  if (best)
    diag_hint(d, "did you mean \"%s\"?", best->name);
  else
    diag_hint(d, "name an indicator by its id, its name or 二级/name, as in the data: e.g. "
                 "\"%s/%s\"",
              pr->nall ? ast_category_name(pr->all[0]->level2, LANG_ZH) : "数量指标",
              pr->nall ? pr->all[0]->name : "…");
}

/*
 * The indicator that `written` names in pr, or NULL: reported, unless it
 * is a raw field and fields are allowed (*field is set then).
 */
static Indicator *resolve(Program *p, const Project *pr, const char *written, Span at,
                          const char **field) {
  const char *key = key_of(p, written);
  Found f;
  find(pr, key, &f);
  if (f.n == 1) return f.cand[0];
  if (f.n > 1) {
    ambiguous(p, pr, written, at, &f);
    return NULL;
  }
  const char *r = field ? raw_field(pr, key) : NULL;
  if (r) {
    *field = r;
    return NULL;
  }
  unknown_indicator(p, pr, written, at, key, field != NULL);
  return NULL;
}

/* ---- 给定 ------------------------------------------------------------------- */

/* "a, b" of the raw fields e reads. */
static void fields_of(const Expr *e, char *buf, size_t cap, size_t *off, unsigned depth) {
  if (!e || depth > LIM_NESTING || *off >= cap) return;
  if (e->kind == EX_FIELD && !strstr(buf, e->name))
    *off += (size_t)snprintf(buf + *off, cap - *off, "%s%s", *off ? ", " : "", e->name);
  for (size_t i = 0; i < e->nargs; i++) fields_of(e->args[i], buf, cap, off, depth + 1);
}

/* What a given item names, for duplicates: an indicator, a raw field
 * (its key) or 执行数. */
typedef struct GivenWhat {
  const Indicator *ind;
  const char *field;
  int spent, ok;
} GivenWhat;

static int same_given(const GivenWhat *a, const GivenWhat *b) {
  if (!a->ok || !b->ok) return 0;
  if (a->ind || b->ind) return a->ind == b->ind;
  if (a->field || b->field) return a->field && b->field && !strcmp(a->field, b->field);
  return a->spent && b->spent;
}

/*
 * "执行数" = 5 in quotes: the key names an indicator or a raw field, and
 * the project has none so named, so the money spent was meant, which is
 * written without quotes ([TEST-2]).  Reports it and returns 1.
 */
static int quoted_spent(Program *p, const Project *pr, const Given *g) {
  if (!name_equal(g->key, "执行数") && !name_equal(g->key, "spent")) return 0;
  const char *key = key_of(p, g->key);
  Found f;
  find(pr, key, &f);
  if (f.n || raw_field(pr, key)) return 0; /* an indicator or field is called so */
  Diag *d = diag_report(&p->diags, E_UNKNOWN_FIELD, g->key_span,
                        "unknown %s \"%s\" in project \"%s\"", _("indicator or raw field"),
                        g->key, pr->name);
  int shown = g->value && strlen(g->value) <= 60; /* the value as an example, when short */
  const char *q = shown && g->quoted ? "\"" : "";
  diag_hint(d, "the money spent is given without quotes: %s = %s%s%s; in quotes, \"%s\" names "
               "an indicator or a raw field",
            g->key, q, shown ? g->value : "…", q, g->key);
  return 1;
}

/* A given item: resolve its key; NULL-free *w when it names something. */
static void check_given_item(Program *p, const Project *pr, Given *g, GivenWhat *w) {
  memset(w, 0, sizeof *w);
  if (!g->key) {
    w->spent = w->ok = 1;
    return;
  }
  if (quoted_spent(p, pr, g)) return;
  const char *field = NULL;
  g->ind = resolve(p, pr, g->key, g->key_span, &field);
  if (field) {
    w->field = key_of(p, field);
    w->ok = 1;
    return;
  }
  if (!g->ind) return;
  if (g->ind->actual) {
    char buf[512] = "";
    size_t off = 0;
    fields_of(g->ind->actual, buf, sizeof buf, &off, 0);
    Diag *d = diag_report(&p->diags, E_UNKNOWN_FIELD, g->key_span,
                          "\"%s\" is computed from raw fields (实际 = …)", g->ind->name);
    diag_hint(d, "give the fields instead: %s", buf);
    return;
  }
  w->ind = g->ind;
  w->ok = 1;
}

static void check_given(Program *p, TestDecl *t, const Project *pr) {
  GivenWhat *w = calloc(t->ngiven ? t->ngiven : 1, sizeof *w);
  if (!w) abort();
  for (size_t i = 0; i < t->ngiven; i++) {
    Given *g = t->given[i];
    check_given_item(p, pr, g, &w[i]);
    for (size_t j = 0; j < i; j++) {
      if (!same_given(&w[j], &w[i])) continue;
      Diag *d = g->key ? diag_report(&p->diags, E_DUP_ATTR, g->key_span,
                                     "\"%s\" given twice in test \"%s\"", g->key, t->name)
                       : diag_report(&p->diags, E_DUP_ATTR, g->key_span,
                                     "执行数 given twice in test \"%s\"", t->name);
      diag_note(d, t->given[j]->key_span, "first given here");
      break;
    }
  }
  free(w);
}

/* ---- 期望 ------------------------------------------------------------------- */

static const char *const status_list =
    "达成, 部分达成, 未达成, 未填报, 不适用, 未到期 (met, partial, unmet, missing, na, pending)";

static void check_word(Program *p, Expect *e) {
  if (e->kind == EXP_STATUS) {
    e->value = ast_status_parse(e->word);
    if (e->value >= 0) return;
    Diag *d = diag_report(&p->diags, E_BAD_TARGET, e->word_span, "unknown status '%s'", e->word);
    diag_hint(d, "the statuses are %s", status_list);
  } else if (e->kind == EXP_GRADE) {
    e->value = ast_grade_parse(e->word);
    if (e->value >= 0) return;
    Diag *d = diag_report(&p->diags, E_BAD_TARGET, e->word_span, "unknown grade '%s'", e->word);
    diag_hint(d, "the grades are 优, 良, 中, 差 (excellent, good, fair, poor)");
  }
}

/* Two expectations of the same thing: the same kind, and for statuses and
 * scores the same indicator. */
static int same_expect(const Expect *a, const Expect *b) {
  if (a->kind != b->kind) return 0;
  if (a->kind == EXP_TOTAL || a->kind == EXP_GRADE) return 1;
  return a->ind && a->ind == b->ind;
}

static void check_expect(Program *p, TestDecl *t, const Project *pr) {
  for (size_t i = 0; i < t->nexpect; i++) {
    Expect *e = t->expect[i];
    check_word(p, e);
    if (e->key) {
      e->ind = resolve(p, pr, e->key, e->key_span, NULL);
      if (!e->ind) continue;
    }
    for (size_t j = 0; j < i; j++)
      if (same_expect(t->expect[j], e)) {
        Diag *d = diag_report(&p->diags, E_DUP_ATTR, e->span,
                              "the same expectation twice in test \"%s\"", t->name);
        diag_note(d, t->expect[j]->span, "first given here");
        break;
      }
  }
}

/* ---- the pass ------------------------------------------------------------- */

static void check_test(Program *p, TestDecl *t) {
  if (t->damaged || !t->closed) return; /* its syntax error is reported */
  if (t->nexpect == 0) {
    Diag *d = diag_report(&p->diags, E_BAD_TARGET, t->name_span, "test \"%s\" expects nothing",
                          t->name);
    diag_hint(d, "add what the scores must be: 期望 { \"指标\" 状态 达成  总分 95  等级 优 }");
  }
  t->proj = test_project(p, t);
  if (!t->proj || t->proj->damaged) return; /* a syntax error there is reported */
  check_given(p, t, t->proj);
  check_expect(p, t, t->proj);
}

/* Duplicate test names in one file: the summary of `indc test` names
 * tests by file and name. */
static void check_names(Program *p, const File *f) {
  for (size_t i = 0; i < f->ntests; i++)
    for (size_t j = 0; j < i; j++)
      if (name_equal(f->tests[i]->name, f->tests[j]->name)) {
        Diag *d = diag_report(&p->diags, E_DUP_ATTR, f->tests[i]->name_span,
                              "test \"%s\" defined twice", f->tests[i]->name);
        diag_note(d, f->tests[j]->name_span, "first defined here");
        break;
      }
}

void sema_tests(Program *p) {
  if (p->no_tests) return;
  for (size_t i = 0; i < p->nfiles; i++) {
    File *f = p->files[i]->ast;
    check_names(p, f);
    for (size_t j = 0; j < f->ntests; j++) check_test(p, f->tests[j]);
  }
}
