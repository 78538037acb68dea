/*
 * check.c - indc check FILE|DIR...: load, check, lint, report.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "support/i18n.h"

static const char *const check_help = N_(
    "usage: indc check [OPTIONS] FILE|DIR...\n"
    "\n"
    "Check specs: syntax, names, units, categories, targets, budgets and weights,\n"
    "then the named warnings.  A directory means every *.ind below it.\n"
    "Ends with a summary line on stderr:\n"
    "  N projects, M indicators, E errors, W warnings\n"
    "\n"
    "options:\n"
    "  -W NAME, -WNAME   enable warning NAME\n"
    "  -Wno-NAME         disable warning NAME\n"
    "  -Wnone            disable all warnings\n"
    "  --werror          treat warnings as errors\n"
    "  -j, --jobs N      threads for parsing and checking a large spec (default:\n"
    "                    the processors, at most 8)\n"
    "  -h, --help        show this help\n"
    "\n"
    "exit status: 0 no errors, 1 errors, 2 usage error\n");

int cmd_check(int argc, char **argv) {
  Program p;
  prog_init(&p);
  PathList files = {0};
  int rc = 0;
  int only_files = 0;
  for (int i = 1; i < argc; i++) {
    if (cli_spec_after_options(argv[i], &only_files, &files, &rc)) continue;
    if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
      fputs(_(check_help), stdout);
      goto done;
    }
    int jobs, w = cli_warning_option(&p.diags, argc, argv, &i);
    if (w == 0 && (w = cli_jobs_option("indc check", argc, argv, &i, &jobs)) > 0)
      p.jobs = (unsigned)jobs;
    if (w < 0) {
      rc = 2;
      goto done;
    }
    if (w > 0) continue;
    if (argv[i][0] == '-' && argv[i][1]) {
      fprintf(stderr, _("indc check: unknown option '%s'\n%s"), argv[i], _(check_help));
      rc = 2;
      goto done;
    }
    if (!paths_add(&files, argv[i])) rc = 1;
  }
  if (files.n == 0 && rc == 0) {
    fprintf(stderr, _("indc check: no input files\n%s"), _(check_help));
    rc = 2;
    goto done;
  }
  if (files.n == 0) goto done; /* every argument failed, and said why */
  prog_load(&p, files.v, files.n);
  /* sema runs after syntax errors too, so one run reports more; blocks with
   * a syntax error are marked damaged and skipped (ast.h) */
  sema_check(&p);
  {
    int r = cli_report(&p, 1);
    if (r > rc) rc = r;
  }
done:
  paths_free(&files);
  prog_free(&p);
  return rc;
}
