/*
 * template_cmd.c - indc template SPEC|DIR...|FILE.indb [-o FILE]: a blank
 * actuals sheet for the program ([DATA-TEMPLATE] in docs/data-formats.md),
 * for an analyst to fill in and give to `indc run --actuals`.
 */
#include <stdio.h>
#include <string.h>

#include "bc.h"
#include "cli.h"
#include "data/act_template.h"
#include "support/i18n.h"

static const char template_help[] = N_(
    "usage: indc template [OPTIONS] SPEC|DIR...|FILE.indb\n"
    "\n"
    "Write a blank actuals sheet (CSV for Excel: UTF-8 with a byte-order mark)\n"
    "for the specs: per project a row for 执行数 and one per indicator and raw\n"
    "field, with the target beside it.  Fill in the 实际完成值 column (and 备注\n"
    "when a target is missed), then: indc run SPEC --actuals FILE.\n"
    "\n"
    "options:\n"
    "  -o FILE       write to FILE (atomically) instead of stdout\n"
    "  -h, --help    show this help\n"
    "\n"
    "The headings are Chinese, English with `indc --lang en template`.\n"
    "exit status: 0 success, 1 errors in the specs, 2 usage error\n");

int cmd_template(int argc, char **argv) {
  const char *outpath = NULL;
  Program p;
  prog_init(&p);
  PathList files = {0};
  RtProgram rp;
  memset(&rp, 0, sizeof rp);
  int rc = 0;
  int only_files = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_spec_after_options(a, &only_files, &files, &rc)) continue;
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(_(template_help), stdout);
      goto done;
    }
    if (!strcmp(a, "-o")) {
      if (i + 1 >= argc) {
        fprintf(stderr, _("indc template: %s needs a value\n%s"), a, _(template_help));
        rc = 2;
        goto done;
      }
      if (cli_option_once("indc template", a, &outpath, argv[++i]) != 0) {
        rc = 2;
        goto done;
      }
      continue;
    }
    if (a[0] == '-' && a[1]) {
      fprintf(stderr, _("indc template: unknown option '%s'\n%s"), a, _(template_help));
      rc = 2;
      goto done;
    }
    if (!paths_add(&files, a)) rc = 1;
  }
  if (rc && files.n == 0) goto done; /* every path failed, and said why */
  if (files.n == 0) {
    fprintf(stderr, _("indc template: no input files\n%s"), _(template_help));
    rc = 2;
    goto done;
  }
  int indb = cli_program_kind("indc template", &files);
  if (indb < 0 || cli_refuse_overwrite("indc template", outpath, &files)) {
    rc = 2;
    goto done;
  }
  if (rc) goto done;
  rc = indb ? cli_load_indb(files.v[0], &rp) : cli_build(&files, &p, &rp, CLI_QUIET, NULL);
  if (rc == 0) {
    OutFile o;
    if (out_open(&o, outpath ? outpath : "-") != 0) {
      rc = 1;
    } else {
      int ok = act_template(&rp, i18n_report_en(), out_write, &o) == 0;
      if (out_close(&o, ok) != 0 || !ok) rc = 1;
    }
  }
done:
  rt_program_free(&rp);
  paths_free(&files);
  prog_free(&p);
  return rc;
}
