/*
 * diff_cmd.c - indc diff [OPTIONS] OLD NEW: compare two versions of specs
 * by meaning (compiler/diff, docs/git.md); also git's external diff driver
 * (`indc diff --git` with git's seven arguments).
 *
 * Each side (a file, a directory of specs, or /dev/null for nothing) is
 * loaded and checked into a Program of its own.  Exit status as diff(1):
 * 0 no semantic change, 1 changes, 2 errors (a side that fails to check:
 * its diagnostics are printed).  With --git the status is 0 whenever the
 * arguments are right, as git requires of a diff driver: a side with
 * errors is reported, and git goes on with the next file.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "support/i18n.h"
#include "diff/diff.h"

static const char *const diff_help = N_(
    "usage: indc diff [OPTIONS] OLD NEW\n"
    "       indc diff --git PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE\n"
    "                       [NEW-PATH RENAME-NOTE]\n"
    "\n"
    "Compare two versions of specs by meaning: projects and indicators added,\n"
    "removed or renamed, targets, budgets, cost caps, weights and policy changed,\n"
    "indicators moved to another category.  OLD and NEW are files, directories\n"
    "of specs (every *.ind below, as for `indc check`), or /dev/null.  Layout,\n"
    "comments and the keyword language are not changes.\n"
    "\n"
    "options:\n"
    "  --format FMT   text (default, grouped by project, in each spec's keyword\n"
    "                 language) or json\n"
    "  --lang zh|en   write the text in this language\n"
    "  --git          act as git's external diff driver (docs/git.md): the seven\n"
    "                 arguments git passes (nine for a renamed file), a header\n"
    "                 per file, exit status 0\n"
    "  -h, --help     show this help\n"
    "\n"
    "exit status: 0 no semantic change, 1 changes, 2 errors or usage error\n");

typedef struct DiffOpts {
  int json, lang, git;
  const char *path;       /* --git: the file's path in the repository */
  const char *new_path;   /* --git: the new path of a renamed file */
  const char *old, *new_; /* the two sides */
} DiffOpts;

/* Load and check one side into p; 0, or -1 after printing its errors. */
static int load_side(Program *p, const char *path) {
  prog_init(p);
  p->no_tests = 1;              /* tests are not part of a spec's meaning */
  diag_enable_all(&p->diags, 0); /* warnings are `indc check`'s business */
  PathList files = {0};
  int ok = strcmp(path, "/dev/null") == 0 || paths_add(&files, path);
  if (ok) {
    prog_load(p, files.v, files.n);
    sema_check(p);
  }
  paths_free(&files);
  if (ok && p->diags.nerrors == 0) return 0;
  if (ok) {
    fprintf(stderr, _("indc diff: '%s' has errors; it cannot be compared by meaning\n"), path);
    cli_report(p, 1);
  }
  return -1;
}

/* The keyword language of the first spec of p, for the --git messages. */
static int first_lang(const Program *p) {
  for (size_t i = 0; i < p->nfiles; i++)
    if (!p->files[i]->is_prelude)
      return p->files[i]->ast->nkw_en > p->files[i]->ast->nkw_zh ? LANG_EN : LANG_ZH;
  return LANG_ZH;
}

static void git_header(const DiffOpts *o) {
  printf("--- %s%s\n", strcmp(o->old, "/dev/null") ? "a/" : "",
         strcmp(o->old, "/dev/null") ? o->path : "/dev/null");
  printf("+++ %s%s\n", strcmp(o->new_, "/dev/null") ? "b/" : "",
         strcmp(o->new_, "/dev/null") ? o->new_path : "/dev/null");
}

static int compare(const DiffOpts *o) {
  Program a, b;
  int la = load_side(&a, o->old), lb = load_side(&b, o->new_);
  int rc = 2;
  if (o->git && !o->json) git_header(o);
  if (la == 0 && lb == 0) {
    Diff d;
    diff_programs(&a, &b, &d);
    if (o->json) {
      diff_write_json(&d, stdout);
    } else {
      diff_write_text(&d, o->lang, stdout);
      int en = (o->lang >= 0 ? o->lang : first_lang(&b)) == LANG_EN;
      if (o->git && d.nchanges == 0) puts(en ? "(no semantic change)" : "(无语义变化)");
    }
    rc = d.nchanges ? 1 : 0;
    diff_free(&d);
  } else if (o->git) {
    printf(_("(indc diff: %s has errors, see above)\n"), la ? o->old : o->new_);
  }
  prog_free(&a);
  prog_free(&b);
  fflush(stdout);
  return o->git ? 0 : rc;
}

/* The value of option `name` at argv[*i] (`--name=V` or `--name V`), or
 * NULL when argv[*i] is not that option. */
static const char *option_value(const char *name, int argc, char **argv, int *i) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) != 0) return NULL;
  if (argv[*i][n] == '=') return argv[*i] + n + 1;
  if (argv[*i][n] || *i + 1 >= argc) return NULL;
  return argv[++*i];
}

/* One option at argv[*i]; 0, or 2 after a usage error (printed). */
static int parse_option(int argc, char **argv, int *i, DiffOpts *o) {
  const char *a = argv[*i], *v;
  if (!strcmp(a, "--git")) {
    o->git = 1;
  } else if ((v = option_value("--format", argc, argv, i))) {
    if (strcmp(v, "json") && strcmp(v, "text")) {
      fprintf(stderr, _("indc diff: --format must be text or json, not '%s'\n"), v);
      return 2;
    }
    o->json = !strcmp(v, "json");
  } else {
    fprintf(stderr, _("indc diff: unknown option '%s'\n%s"), a, _(diff_help));
    return 2;
  }
  return 0;
}

/* Arguments into o; 0, 2 after a usage error (printed), -1 after --help. */
static int parse_args(int argc, char **argv, DiffOpts *o) {
  const char *pos[10];
  int npos = 0;
  int only_files = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_end_of_options(a, &only_files)) continue;
    if (!only_files && (!strcmp(a, "-h") || !strcmp(a, "--help"))) {
      fputs(_(diff_help), stdout);
      return -1;
    }
    if (!only_files && a[0] == '-' && a[1] && strcmp(a, "/dev/null") != 0) {
      if (parse_option(argc, argv, &i, o)) return 2;
    } else {
      if (npos < 10) pos[npos] = a;
      npos++;
    }
  }
  /* git passes 9 for a renamed or copied file: the new path and a note */
  int ok = o->git ? npos == 7 || npos == 9 : npos == 2;
  if (!ok) {
    fprintf(stderr, _("indc diff: %s\n%s"),
            o->git ? _("--git takes the seven (or, for a renamed file, nine) arguments git "
                       "passes to a diff driver")
                   : _("two specs to compare, OLD and NEW"),
            _(diff_help));
    return 2;
  }
  o->path = o->git ? pos[0] : NULL;
  o->new_path = o->git && npos == 9 ? pos[7] : o->path;
  o->old = o->git ? pos[1] : pos[0];
  o->new_ = o->git ? pos[4] : pos[1];
  return 0;
}

int cmd_diff(int argc, char **argv) {
  /* --lang (taken out of argv by main) overrides the specs' keyword language */
  int forced = i18n_forced();
  DiffOpts o = {0, forced < 0 ? -1 : forced == I18N_EN ? LANG_EN : LANG_ZH, 0, NULL, NULL, NULL,
                NULL};
  int rc = parse_args(argc, argv, &o);
  if (rc) return rc < 0 ? 0 : rc;
  return compare(&o);
}
