/*
 * test_cmd.c - indc test [OPTIONS] FILE|DIR...: run rule tests
 * (docs/testing-rules.md).
 *
 * The files named on the command line are compiled together, as by
 * `indc run` (a *_test.ind brings the specs of its folder); a directory is
 * searched recursively, and each folder holding *.ind files is compiled on
 * its own: its specs with its test files.  Every test of every file loaded
 * runs; one line per test, the failed expectations under a failing test,
 * then a summary line.  Exit 0 when every test passed, 1 when one failed
 * or could not run (or the specs have errors, or there are no tests), 2
 * for usage errors.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "backend/backend.h"
#include "bc.h"
#include "cli.h"
#include "support/i18n.h"
#include "ruletest/ruletest.h"

static const char *const test_help = N_(
    "usage: indc test [OPTIONS] FILE|DIR...\n"
    "\n"
    "Run the rule tests (测试 blocks) of specs and of *_test.ind files\n"
    "(docs/testing-rules.md).  A *_test.ind file tests the specs of its folder.\n"
    "A directory is searched recursively; each folder is compiled on its own.\n"
    "Prints PASS, FAIL or ERROR and the test's place and name per test, the\n"
    "expected and actual value of each failed expectation, and a summary:\n"
    "  N tests: P passed, F failed, E errors\n"
    "\n"
    "options:\n"
    "  --backend NAME    evaluator: vm (default), or another one built (see\n"
    "                    `indc run --help`); every backend must pass alike\n"
    "  -W..., --werror   warning options as for `indc check` (default: -Wnone;\n"
    "                    `indc check` is where warnings belong)\n"
    "  -h, --help        show this help\n"
    "\n"
    "exit status: 0 all tests passed, 1 a test failed or could not run, the specs\n"
    "have errors, or there are no tests; 2 usage error\n");

typedef struct Tally {
  size_t pass, fail, error, units_failed;
} Tally;

/* ---- finding the folders -------------------------------------------------- */

typedef struct UnitList {
  PathList *v;
  size_t n;
} UnitList;

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void push_path(PathList *l, char *s) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 16;
    char **n = realloc(l->v, l->cap * sizeof *n);
    if (!n) abort();
    l->v = n;
  }
  l->v[l->n++] = s;
}

/* Every folder below dir (dir first) with its *.ind files, sorted. */
static int find_units(UnitList *u, const char *dir, int depth) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, _("indc test: cannot read directory '%s': %s\n"), dir, strerror(errno));
    return 0;
  }
  PathList names = {0}, here = {0};
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    size_t n = strlen(dir) + strlen(e->d_name) + 2;
    char *p = malloc(n);
    if (!p) abort();
    if (!strcmp(dir, ".")) /* `indc test .` names its files plainly */
      snprintf(p, n, "%s", e->d_name);
    else
      snprintf(p, n, "%s%s%s", dir, cli_ends_with(dir, "/") ? "" : "/", e->d_name);
    push_path(&names, p);
  }
  closedir(d);
  if (names.n) qsort(names.v, names.n, sizeof *names.v, cmp_str);
  for (size_t i = 0; i < names.n; i++) {
    struct stat st;
    if (stat(names.v[i], &st) == 0 && S_ISREG(st.st_mode) && cli_ends_with(names.v[i], ".ind")) {
      push_path(&here, names.v[i]);
      names.v[i] = NULL;
    }
  }
  if (here.n) {
    PathList *n = realloc(u->v, (u->n + 1) * sizeof *n);
    if (!n) abort();
    u->v = n;
    u->v[u->n++] = here;
  }
  int ok = 1;
  for (size_t i = 0; i < names.n; i++) {
    struct stat st;
    if (names.v[i] && depth < 32 && stat(names.v[i], &st) == 0 && S_ISDIR(st.st_mode))
      ok &= find_units(u, names.v[i], depth + 1);
  }
  paths_free(&names);
  return ok;
}

/* ---- printing ------------------------------------------------------------- */

static void where(const Program *p, Span at, FILE *out) {
  const Source *s = src_get(&p->sources, at.file);
  uint32_t line = 0, col = 0;
  if (s) src_linecol(s, at.lo, &line, &col);
  fprintf(out, "%s:%u:%u", s ? s->path : "?", line, col);
}

/* `"信息系统及网站" 状态`, `总分`, `grade` */
static void label(const Expect *e, FILE *out) {
  static const char *const kw[][2] = {
      {"状态", "status"}, {"得分", "score"}, {"总分", "total"}, {"等级", "grade"}};
  if (e->key) fprintf(out, "\"%s\" ", e->key);
  fputs(kw[e->kind][e->lang == LANG_EN], out);
}

static void print_result(const Program *p, const RuleResult *r, Tally *t) {
  static const char *const word[] = {"PASS", "FAIL", "ERROR"};
  const TestDecl *td = r->test;
  const Source *s = src_get(&p->sources, td->name_span.file);
  uint32_t line = 0, col = 0;
  if (s) src_linecol(s, td->span.lo, &line, &col);
  printf("%s %s:%u: %s\n", word[r->status], s ? s->path : "?", line, td->name);
  if (r->status == RULE_PASS) t->pass++;
  if (r->status == RULE_FAIL) t->fail++;
  if (r->status == RULE_ERROR) t->error++;
  for (size_t i = 0; i < r->nproblems; i++) {
    fputs("  ", stdout);
    where(p, r->problems[i].at, stdout);
    printf(": %s\n", r->problems[i].msg);
  }
  for (size_t i = 0; r->status == RULE_FAIL && i < r->nchecks; i++) {
    const RuleCheck *c = &r->checks[i];
    if (c->ok) continue;
    fputs("  ", stdout);
    where(p, c->e->span, stdout);
    fputs(": ", stdout);
    label(c->e, stdout);
    printf(_("\n    expected: %s\n    actual:   %s\n"), c->want, c->got);
  }
}

/* ---- running ------------------------------------------------------------------ */

/* Compile one set of files and run every test in them. */
static int run_unit(PathList *files, int argc, char **argv, const Evaluator *ev, Tally *t) {
  Program p;
  prog_init(&p);
  diag_enable_all(&p.diags, 0);
  for (int i = 1; i < argc; i++) cli_warning_option(&p.diags, argc, argv, &i);
  RtProgram rp;
  memset(&rp, 0, sizeof rp);
  int rc = cli_build(files, &p, &rp, CLI_QUIET, NULL);
  if (rc != 0) {
    fprintf(stderr, _("indc test: the specs have errors; their tests were not run\n"));
  }
  for (size_t i = 0; rc == 0 && i < p.nfiles; i++) {
    const File *f = p.files[i]->ast;
    for (size_t j = 0; j < f->ntests && rc == 0; j++) {
      RuleResult r;
      if (rule_run(&p, &rp, f->tests[j], ev, &r) != 0) {
        fprintf(stderr, _("indc test: out of memory\n"));
        rc = 1;
      } else {
        print_result(&p, &r, t);
      }
      rule_result_free(&r);
    }
  }
  rt_program_free(&rp);
  prog_free(&p);
  return rc;
}

/* A file or a folder of them to test. */
static void add_input(PathList *files, PathList *dirs, const char *a) {
  struct stat st;
  char *copy = strdup(a);
  if (!copy) abort();
  push_path(stat(a, &st) == 0 && S_ISDIR(st.st_mode) ? dirs : files, copy);
}

/* Options: returns 0, or 2 after a usage error (printed); -1 for --help. */
static int parse_args(int argc, char **argv, PathList *files, PathList *dirs,
                      const char **backend) {
  DiagList scratch;
  diag_init(&scratch);
  int rc = 0, only_files = 0;
  for (int i = 1; i < argc && rc == 0; i++) {
    const char *a = argv[i];
    if (cli_end_of_options(a, &only_files)) continue;
    if (only_files) {
      add_input(files, dirs, a);
    } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(_(test_help), stdout);
      rc = -1;
    } else if (!strncmp(a, "--backend=", 10)) {
      *backend = a + 10;
    } else if (!strcmp(a, "--backend")) {
      if (i + 1 < argc) *backend = argv[++i];
      else rc = 2, fprintf(stderr, _("indc test: --backend needs a value\n"));
    } else if (a[0] == '-' && a[1]) {
      int w = cli_warning_option(&scratch, argc, argv, &i);
      if (w == 0) fprintf(stderr, _("indc test: unknown option '%s'\n%s"), a, _(test_help));
      if (w <= 0) rc = 2;
    } else {
      add_input(files, dirs, a);
    }
  }
  diag_free(&scratch);
  return rc;
}

int cmd_test(int argc, char **argv) {
  PathList files = {0}, dirs = {0};
  UnitList units = {NULL, 0};
  const char *backend = "vm";
  Tally t = {0, 0, 0, 0};
  int rc = parse_args(argc, argv, &files, &dirs, &backend);
  const Evaluator *ev = backend_evaluator(backend);
  if (rc == 0 && !ev) {
    fprintf(stderr, _("indc test: unknown or unbuilt --backend %s (see `indc run --help`)\n"),
            backend);
    rc = 2;
  }
  if (rc == 0 && files.n + dirs.n == 0) {
    fprintf(stderr, _("indc test: no input files\n%s"), _(test_help));
    rc = 2;
  }
  for (size_t i = 0; rc == 0 && i < dirs.n; i++)
    if (!find_units(&units, dirs.v[i], 0)) t.units_failed++;
  if (rc == 0 && files.n && run_unit(&files, argc, argv, ev, &t) != 0) t.units_failed++;
  for (size_t i = 0; rc == 0 && i < units.n; i++)
    if (run_unit(&units.v[i], argc, argv, ev, &t) != 0) t.units_failed++;
  if (rc == 0) {
    size_t n = t.pass + t.fail + t.error;
    if (n == 0 && t.units_failed == 0) fprintf(stderr, _("indc test: no tests found\n"));
    printf(i18n_plural("%zu test", "%zu tests", n), n);
    printf(_(": %zu passed, %zu failed, "), t.pass, t.fail);
    printf(i18n_plural("%zu error", "%zu errors", t.error), t.error);
    /* a "0 tests" line alone would hide that tests were there, unrun */
    if (t.units_failed)
      printf(i18n_plural("; %zu set of specs not run (errors above)",
                         "; %zu sets of specs not run (errors above)", t.units_failed),
             t.units_failed);
    putchar('\n');
    rc = n > 0 && t.pass == n && t.units_failed == 0 ? 0 : 1;
  }
  for (size_t i = 0; i < units.n; i++) paths_free(&units.v[i]);
  free(units.v);
  paths_free(&files);
  paths_free(&dirs);
  return rc < 0 ? 0 : rc;
}
