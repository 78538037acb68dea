/*
 * report.c - printing diagnostics and the summary line, and the warning
 * options shared by every command.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_warning_option(DiagList *dl, int argc, char **argv, int *i) {
  const char *a = argv[*i];
  if (!strcmp(a, "--werror") || !strcmp(a, "-Werror")) {
    dl->werror = 1;
    return 1;
  }
  if (!strcmp(a, "-Wall")) {
    diag_enable_all(dl, 1);
    return 1;
  }
  if (!strcmp(a, "-Wnone")) {
    diag_enable_all(dl, 0);
    return 1;
  }
  if (strncmp(a, "-W", 2) != 0) return 0;
  const char *name = a + 2;
  if (!*name) {
    if (*i + 1 >= argc) {
      fprintf(stderr, "indc: -W needs a warning name\n");
      return -1;
    }
    name = argv[++*i];
  }
  int on = 1;
  if (!strncmp(name, "no-", 3)) {
    on = 0;
    name += 3;
  }
  DiagCode c = diag_warning_by_name(name);
  if (c == DIAG__COUNT) {
    fprintf(stderr, "indc: unknown warning '%s'; the warnings are:", name);
    for (int k = 0; k < DIAG__COUNT; k++)
      if (diag_warning_name((DiagCode)k)) fprintf(stderr, " %s", diag_warning_name((DiagCode)k));
    fputc('\n', stderr);
    return -1;
  }
  dl->enabled[c] = (unsigned char)on;
  return 1;
}

int cli_report(Program *p, int summary) {
  diag_sort(&p->diags);
  diag_render(&p->diags, &p->sources, stderr);
  if (summary) {
    size_t np = 0, ni = 0;
    for (size_t i = 0; i < p->nfiles; i++) {
      if (p->files[i]->is_prelude) continue;
      np += p->files[i]->ast->nprojects;
    }
    ni = p->nindicators;
    fprintf(stderr, "%zu project%s, %zu indicator%s, %zu error%s, %zu warning%s\n", np,
            np == 1 ? "" : "s", ni, ni == 1 ? "" : "s", p->diags.nerrors,
            p->diags.nerrors == 1 ? "" : "s", p->diags.nwarnings,
            p->diags.nwarnings == 1 ? "" : "s");
  }
  return p->diags.nerrors ? 1 : 0;
}
