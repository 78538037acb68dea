/*
 * report.c - printing diagnostics and the summary line, and the warning
 * options shared by every command.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "support/i18n.h"

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
      fprintf(stderr, _("indc: -W needs a warning name\n"));
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
    fprintf(stderr, _("indc: unknown warning '%s'; the warnings are:"), name);
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
    fprintf(stderr, i18n_plural("%zu project", "%zu projects", np), np);
    fputs(", ", stderr);
    fprintf(stderr, i18n_plural("%zu indicator", "%zu indicators", ni), ni);
    fputs(", ", stderr);
    fprintf(stderr, i18n_plural("%zu error", "%zu errors", p->diags.nerrors), p->diags.nerrors);
    fputs(", ", stderr);
    fprintf(stderr, i18n_plural("%zu warning", "%zu warnings", p->diags.nwarnings),
            p->diags.nwarnings);
    fputc('\n', stderr);
  }
  return p->diags.nerrors ? 1 : 0;
}
