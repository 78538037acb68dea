/*
 * compile.c - indc compile --emit=bytecode|c|llvm-ir|obj|sql -o FILE SPEC...
 * and the shared step "specs to a checked, lowered program" (cli_build).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/backend.h"
#include "backend/lower.h"
#include "bc.h"
#include "cli.h"
#include "support/i18n.h"

int cli_build(PathList *files, Program *p, RtProgram *out, int flags, Timings *t) {
  int quiet_summary = flags & CLI_QUIET;
  prog_load(p, files->v, files->n);
  tim_mark(t, N_("parse"), p->parsed_parts);
  sema_check(p);
  tim_mark(t, N_("check"), p->checked_parts);
  int rc = 0;
  /* nothing to quote: lowering reports only an exceeded limit, spanless */
  if ((flags & CLI_DROP_TEXT) && p->diags.n == 0) src_drop_texts(&p->sources);
  if (p->diags.nerrors == 0 && lower_program(p, out) != 0) rc = 1;
  tim_mark(t, N_("lower"), p->lowered_parts);
  if (p->diags.nerrors || rc || (p->diags.nwarnings && !quiet_summary)) {
    int r = cli_report(p, 1);
    if (r) rc = r;
  } else if (p->diags.nwarnings) {
    /* compiling and running stay quiet about warnings: `indc check` shows them */
    fprintf(stderr,
            i18n_plural("indc: %zu warning in the specs (`indc check` shows it)\n",
                        "indc: %zu warnings in the specs (`indc check` shows them)\n",
                        p->diags.nwarnings),
            p->diags.nwarnings);
  }
  if (rc == 0 && !(flags & CLI_NO_VERIFY)) rc = cli_verify(out);
  return rc;
}

int cli_verify(const RtProgram *rp) {
  BcError err;
  if (bc_verify(rp, &err) == INDRT_OK) return 0;
  fprintf(stderr, _("indc: internal error: the compiled program fails verification: %s\n"),
          err.msg);
  return 1;
}

static const char *const compile_help = N_(
    "usage: indc compile [--emit=KIND] -o FILE [OPTIONS] SPEC|DIR...\n"
    "\n"
    "Compile checked specs into an evaluator.\n"
    "  --emit=KIND       bytecode (default: a .indb file for libindrt and `indc run`),\n"
    "                    c, llvm-ir, obj, sql — those this build has (indc compile\n"
    "                    --emit=list prints them)\n"
    "  -o FILE           output file (written atomically); - for stdout\n"
    "  -H FILE           C backend: also write the header\n"
    "  --dialect D       SQL backend: sqlite, postgres or ansi\n"
    "  -W..., --werror   warning options as for `indc check`\n"
    "  -j, --jobs N      threads for parsing, checking and lowering a large spec\n"
    "                    (default: the processors, at most 8)\n"
    "  -h, --help        show this help\n"
    "\n"
    "exit status: 0 success, 1 errors in the specs, 2 usage error\n");

int cmd_compile(int argc, char **argv) {
  const char *emit = NULL, *outpath = NULL;
  EmitOptions eo = {NULL, NULL, NULL};
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
      fputs(_(compile_help), stdout);
      goto done;
    }
    const char **slot = !strncmp(a, "--emit=", 7) ? &emit
                        : !strcmp(a, "-o")          ? &outpath
                        : !strcmp(a, "-H")          ? &eo.header_path
                        : !strcmp(a, "--dialect")   ? &eo.dialect
                                                    : NULL;
    if (slot && slot != &emit && i + 1 >= argc) {
      fprintf(stderr, _("indc compile: %s needs a value\n%s"), a, _(compile_help));
      rc = 2;
      goto done;
    }
    if (slot) {
      const char *opt = slot == &emit ? "--emit" : a;
      if (cli_option_once("indc compile", opt, slot, slot == &emit ? a + 7 : argv[++i]) != 0) {
        rc = 2;
        goto done;
      }
      continue;
    }
    int jobs, w = cli_warning_option(&p.diags, argc, argv, &i);
    if (w == 0 && (w = cli_jobs_option("indc compile", argc, argv, &i, &jobs)) > 0)
      p.jobs = (unsigned)jobs;
    if (w < 0) {
      rc = 2;
      goto done;
    }
    if (w > 0) continue;
    if (a[0] == '-' && a[1]) {
      fprintf(stderr, _("indc compile: unknown option '%s'\n%s"), a, _(compile_help));
      rc = 2;
      goto done;
    }
    if (!paths_add(&files, a)) rc = 1;
  }
  if (!emit) emit = "bytecode";
  const Emitter *em = backend_emitter(emit);
  if (!em) {
    char list[256];
    backend_list_emitters(list, sizeof list);
    if (!strcmp(emit, "list")) {
      printf("%s\n", list);
      goto done;
    }
    if (!strcmp(emit, "llvm-ir") || !strcmp(emit, "obj"))
      fprintf(stderr, _("indc compile: unknown or unbuilt --emit=%s: the LLVM backend is not built "
                      "into this indc (configure with LLVM installed)\n"),
              emit);
    else
      fprintf(stderr, _("indc compile: unknown or unbuilt --emit=%s (this build has: %s)\n"), emit,
              list);
    rc = 2;
    goto done;
  }
  if (rc && files.n == 0) goto done; /* every path failed, and said why */
  if (!outpath || files.n == 0) {
    fprintf(stderr, _("indc compile: %s\n%s"), !outpath ? _("-o FILE is required") : _("no input files"),
            _(compile_help));
    rc = 2;
    goto done;
  }
  if (cli_refuse_overwrite("indc compile", outpath, &files) ||
      cli_refuse_overwrite("indc compile", eo.header_path, &files)) {
    rc = 2;
    goto done;
  }
  if (rc == 0) rc = cli_build(&files, &p, &rp, CLI_QUIET, NULL);
  if (rc == 0) {
    OutFile o;
    char err[512] = "";
    eo.out_path = outpath;
    if (out_open(&o, outpath) != 0) {
      rc = 1;
    } else {
      int ok = em->emit(&rp, &eo, out_write, &o, err, sizeof err) == 0;
      if (!ok) fprintf(stderr, _("indc compile: %s\n"), err[0] ? err : _("failed"));
      if (out_close(&o, ok) != 0 || !ok) rc = 1;
    }
  }
done:
  rt_program_free(&rp);
  paths_free(&files);
  prog_free(&p);
  return rc;
}
