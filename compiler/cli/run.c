/*
 * run.c - indc run SPEC...|DIR|FILE.indb --actuals FILE [--format F] [-o FILE]
 *
 * Compile the specs (or load and verify a .indb), load the actual data,
 * evaluate, and write the scorecard.  Exit 0 on success even when targets
 * are missed; 1 for errors in the specs, the bytecode or the data; 2 for
 * usage errors.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "backend/backend.h"
#include "bc.h"
#include "cli.h"
#include "data/act_parts.h"
#include "data/actuals.h"
#include "eval.h"
#include "report/report.h"
#include "support/i18n.h"
#include "support/threads.h"

static const char *const run_help = N_(
    "usage: indc run [OPTIONS] SPEC|DIR|FILE.indb... --actuals FILE\n"
    "\n"
    "Score actual outcome data (实际完成值) against checked specs and write the\n"
    "self-evaluation scorecard (绩效自评表).\n"
    "\n"
    "options:\n"
    "  --actuals FILE      actual data, CSV or JSON (see docs/data-formats.md)\n"
    "  --encoding ENC      utf8, gbk or auto (default: auto)\n"
    "  --format FMT        table (default), json, csv, md or html\n"
    "  -o FILE             write the report to FILE (atomically) instead of stdout\n"
    "  --as-of YYYY-MM-DD  mid-year monitoring (绩效运行监控) as of that date\n"
    "  --lang zh|en        language of messages and of the scorecard (default: the\n"
    "                      locale; where it names no language, English messages\n"
    "                      and a Chinese scorecard)\n"
    "  --backend NAME      evaluator: vm (default), or c, jit, sqlite, postgres where\n"
    "                      built; every backend gives the same report\n"
    "  --db CONNINFO       --backend=postgres: the database to connect to\n"
    "  -j, --jobs N        threads for parsing, checking and lowering a large\n"
    "                      spec, loading a large data file and writing a large\n"
    "                      report (default: the processors, at most 8); the\n"
    "                      report is the same for every N\n"
    "  --timings           print how long each phase took (to stderr)\n"
    "  -W..., --werror     warning options as for `indc check`\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 success (even when targets are missed), 1 errors, 2 usage error\n");

/* Memory the loaded actuals may take (indrt_config.memory_limit's default). */
#define RUN_MEMORY_LIMIT ((size_t)4 << 30)

typedef struct RunOpts {
  const char *actuals, *format, *out, *as_of, *encoding, *backend, *db, *jobs;
  int timings;   /* --timings */
  Timings *tim;  /* the phases so far */
} RunOpts;

static void data_error(void *ud, const char *file, unsigned line, unsigned col, const char *msg) {
  (void)ud;
  if (line && col)
    fprintf(stderr, "%s:%u:%u: %s: %s\n", file, line, col, _("error"), msg);
  else if (line)
    fprintf(stderr, "%s:%u: %s: %s\n", file, line, _("error"), msg);
  else
    fprintf(stderr, "%s: %s: %s\n", file, _("error"), msg);
}

/* --as-of YYYY-MM-DD as a day number: 0, -1 when it is not of that form,
 * -2 when it is but names no day (2023-02-30). */
static int parse_as_of(const char *s, int32_t *out) {
  int y, m, d;
  char tail;
  if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1900) return -1;
  if (m < 1 || m > 12 || d < 1 || d > 31) return -2;
  *out = rt_days_from_civil(y, m, d);
  int yy, mm, dd;
  rt_civil_from_days(*out, &yy, &mm, &dd);
  return yy == y && mm == m && dd == d ? 0 : -2;
}

static int report_fn(const char *fmt, int (**fn)(const RtResult *, const RepOptions *, RepWrite,
                                                  void *)) {
  if (!strcmp(fmt, "table")) *fn = rep_table;
  else if (!strcmp(fmt, "json")) *fn = rep_json;
  else if (!strcmp(fmt, "csv")) *fn = rep_csv;
  else if (!strcmp(fmt, "md")) *fn = rep_md;
  else if (!strcmp(fmt, "html")) *fn = rep_html;
  else return -1;
  return 0;
}

/* The verifier on a thread of its own (run_program). */
typedef struct RunVerify {
  const RtProgram *rp;
  int rc;
} RunVerify;

static void *run_verify(void *arg) {
  RunVerify *v = arg;
  v->rc = cli_verify(v->rp);
  return NULL;
}

/* One part of the data (act_parts.h), on a thread of thr_each. */
static void run_load_part(void *ctx, unsigned k) { act_parts_run(ctx, k); }

/* Evaluate program rp against the options' data and write the report.
 * verify: rp comes from the compiler, which checks it with the runtime's
 * verifier (cli_verify): here, on a second thread while the data loads,
 * as both only read rp. */
static int run_program(const RtProgram *rp, const RunOpts *o, int verify) {
  int (*fn)(const RtResult *, const RepOptions *, RepWrite, void *) = rep_table;
  report_fn(o->format, &fn);
  int32_t as_of = RT_NO_AS_OF;
  if (o->as_of && parse_as_of(o->as_of, &as_of) != 0) {
    fprintf(stderr, _("indc run: --as-of needs a date YYYY-MM-DD, not '%s'\n"), o->as_of);
    return 2;
  }
  RunVerify v = {rp, 0};
  pthread_t vt;
  int threaded = verify && pthread_create(&vt, NULL, run_verify, &v) == 0;
  if (verify && !threaded) run_verify(&v);
  char *data;
  size_t len;
  if (cli_read_file(o->actuals, &data, &len) != 0) {
    if (threaded) pthread_join(vt, NULL);
    return 1;
  }
  int enc = !o->encoding || !strcmp(o->encoding, "auto") ? INDRT_ENC_AUTO
            : !strcmp(o->encoding, "gbk")                ? INDRT_ENC_GBK
                                                         : INDRT_ENC_UTF8;
  RtActuals act;
  DataSink sink = {data_error, NULL, 0, 0, i18n_translator()};
  /* libindrt's default memory limit: the raw-field table of the actuals is
   * projects x fields, which a small hostile .indb can make enormous */
  RtMem mem = {RUN_MEMORY_LIMIT, NULL, NULL};
  int jobs = o->jobs ? cli_parse_jobs(o->jobs) : par_default_jobs();
  ActParts *ap = malloc(sizeof *ap);
  if (!ap) abort();
  unsigned n = act_parts_begin(ap, rp, o->actuals, data, len, INDRT_DATA_AUTO, enc, &mem,
                               (unsigned)jobs, 0, &act, &sink), used;
  thr_each(n, run_load_part, ap);
  indrt_status st = act_parts_end(ap, &used);
  free(ap);
  free(data);
  if (threaded) pthread_join(vt, NULL);
  tim_mark(o->tim, N_("load data"), used);
  if (v.rc) {
    act_free(&act); /* a failed act_load left it empty */
    return 1;
  }
  if (st == INDRT_E_NOMEM) {
    fprintf(stderr, _("indc run: out of memory loading '%s' (the limit is %zu MiB; the program has "
            "%u projects and %u raw fields)\n"), o->actuals, RUN_MEMORY_LIMIT >> 20, rp->nprojects,
            rp->nfields);
    return 1;
  }
  if (st != INDRT_OK) {
    fprintf(stderr,
            i18n_plural("indc run: %u problem in '%s'; no report written\n",
                        "indc run: %u problems in '%s'; no report written\n", sink.count),
            sink.count, o->actuals);
    return 1;
  }
  RtArena arena;
  rt_arena_init(&arena, 0);
  RtResult res;
  int rc = 0;
  const Evaluator *ev = backend_evaluator(o->backend ? o->backend : "vm");
  char err[512] = "";
  if (ev->evaluate(rp, &act, as_of, &arena, &res, o->db, err, sizeof err) != 0) {
    fprintf(stderr, _("indc run: backend %s: %s\n"), ev->name, err[0] ? err : _("failed"));
    rc = 1;
  } else {
    tim_mark(o->tim, N_("evaluate"), 1);
    OutFile out;
    RepOptions ro = {.english = i18n_report_en()};
    if (out_open(&out, o->out) != 0) {
      rc = 1;
    } else {
      int w = par_report(fn, &res, &ro, jobs, out_write, &out);
      if (out_close(&out, w == 0) != 0) rc = 1;
      tim_mark(o->tim, N_("report"), 0);
    }
  }
  rt_arena_free(&arena);
  act_free(&act);
  return rc;
}

static int run_indb(const char *path, const RunOpts *o) {
  RtProgram p;
  if (cli_load_indb(path, &p) != 0) return 1;
  tim_mark(o->tim, N_("load program"), 1);
  int rc = run_program(&p, o, 0); /* bc_load verified it */
  rt_program_free(&p);
  return rc;
}

/*
 * The program is compiled: free the compilation (source text, syntax
 * trees, checker tables) before the data is loaded, so the two never take
 * memory at once.  rp points to strings of the compilation's arena
 * (lower.h), which move to *keep; the file paths and the scales' member
 * lists live elsewhere and are copied into rp's own arena.
 */
static int run_free_compilation(Program *p, RtProgram *rp, Arena *keep) {
  const char *last = NULL, *copy = NULL;
  for (uint32_t i = 0; i < rp->nprojects; i++) {
    if (rp->projects[i].file != last) { /* projects of one file come together */
      last = rp->projects[i].file;
      copy = rt_strndup(&rp->arena, last, strlen(last));
    }
    if (!copy) return -1;
    rp->projects[i].file = copy;
  }
  for (uint32_t i = 0; i < rp->nscales; i++) {
    RtScale *sc = &rp->scales[i];
    const char **m = rt_alloc(&rp->arena, (sc->nmembers ? sc->nmembers : 1) * sizeof *m);
    if (!m) return -1;
    if (sc->nmembers) memcpy(m, sc->members, sc->nmembers * sizeof *m);
    sc->members = m;
  }
  arena_take_strings(&p->arena, keep);
  prog_free(p);
  prog_init(p);
#ifdef __GLIBC__
  malloc_trim(0); /* give the freed heap back, for the data to use */
#endif
  return 0;
}

int cmd_run(int argc, char **argv) {
  RunOpts o = {NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL};
  Timings tim;
  Program p;
  prog_init(&p);
  PathList files = {0};
  RtProgram rp;
  memset(&rp, 0, sizeof rp);
  Arena keep; /* the strings rp points to, once the compilation is freed */
  arena_init(&keep);
  int rc = 0;
  int only_files = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (cli_spec_after_options(a, &only_files, &files, &rc)) continue;
    if (!strcmp(a, "--timings")) {
      o.timings = 1;
      continue;
    }
    char name[32];
    const char *inline_value = NULL; /* --format=json as well as --format json */
    const char *eq = strchr(a, '=');
    if (!strncmp(a, "--", 2) && eq && (size_t)(eq - a) < sizeof name) {
      memcpy(name, a, (size_t)(eq - a));
      name[eq - a] = '\0';
      a = name;
      inline_value = eq + 1;
    }
    const char **slot = !strcmp(a, "--actuals")    ? &o.actuals
                        : !strcmp(a, "--format")   ? &o.format
                        : !strcmp(a, "-o")         ? &o.out
                        : !strcmp(a, "--as-of")    ? &o.as_of
                        : !strcmp(a, "--encoding") ? &o.encoding
                        : !strcmp(a, "--backend")  ? &o.backend
                        : !strcmp(a, "--db")       ? &o.db
                        : !strcmp(a, "--jobs") || !strcmp(a, "-j") ? &o.jobs
                                                   : NULL;
    if (!slot && a[0] == '-' && a[1] == 'j' && a[2]) { /* -j4, as make takes it */
      slot = &o.jobs;
      inline_value = a + 2;
      a = "-j";
    }
    if (slot && !inline_value && i + 1 >= argc) {
      fprintf(stderr, _("indc run: %s needs a value\n"), a);
      rc = 2;
      goto done;
    }
    if (slot) {
      if (cli_option_once("indc run", a, slot, inline_value ? inline_value : argv[++i]) != 0) {
        rc = 2;
        goto done;
      }
      continue;
    }
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      fputs(_(run_help), stdout);
      goto done;
    }
    int w = cli_warning_option(&p.diags, argc, argv, &i);
    if (w < 0) {
      rc = 2;
      goto done;
    }
    if (w > 0) continue;
    if (a[0] == '-' && a[1]) {
      fprintf(stderr, _("indc run: unknown option '%s'\n"), a);
      fputs(_(run_help), stderr);
      rc = 2;
      goto done;
    }
    if (!paths_add(&files, a)) rc = 1;
  }
  if (rc && files.n == 0) goto done; /* every path failed, and said why */
  if (!o.format) o.format = "table";
  int (*fn)(const RtResult *, const RepOptions *, RepWrite, void *);
  const char *why = o.backend && !strcmp(o.backend, "jit") && !backend_evaluator("jit")
                        ? N_("unknown or unbuilt --backend: the LLVM backend is not built into "
                             "this indc (configure with LLVM installed)")
                    : !o.actuals ? N_("--actuals FILE is required")
                    : files.n == 0 ? N_("no specs or bytecode given")
                    : report_fn(o.format, &fn) != 0
                        ? N_("--format must be table, json, csv, md or html")
                    : o.encoding && strcmp(o.encoding, "auto") && strcmp(o.encoding, "gbk") &&
                            strcmp(o.encoding, "utf8") && strcmp(o.encoding, "utf-8")
                        ? N_("--encoding must be auto, utf8 or gbk")
                    : o.jobs && cli_parse_jobs(o.jobs) < 0
                        ? N_("--jobs must be a whole number from 1 to 64")
                    : o.backend && !backend_evaluator(o.backend)
                        ? N_("unknown or unbuilt --backend (see `indc run --help`)")
                        : NULL;
  if (why) {
    fprintf(stderr, "indc run: %s\n", _(why));
    fputs(_(run_help), stderr);
    rc = 2;
    goto done;
  }
  int32_t day;
  int bad_day = o.as_of ? parse_as_of(o.as_of, &day) : 0;
  if (bad_day) { /* before anything is compiled */
    fprintf(stderr,
            bad_day == -2 ? _("indc run: --as-of '%s' is no day of the calendar\n")
                          : _("indc run: --as-of needs a date YYYY-MM-DD, not '%s'\n"),
            o.as_of);
    rc = 2;
    goto done;
  }
  if (rc) goto done;
  const char *clash = cli_output_is_input(o.out, &files, o.actuals);
  int indb = clash ? 0 : cli_program_kind("indc run", &files);
  if (indb < 0) {
    rc = 2;
    goto done;
  }
  if (clash) {
    fprintf(stderr, _("indc run: -o '%s' is the input '%s': the report would overwrite it; "
                      "write the report elsewhere\n"),
            o.out, clash);
    rc = 2;
    goto done;
  }
  tim_start(&tim, o.timings);
  o.tim = &tim;
  if (indb) {
    rc = run_indb(files.v[0], &o);
    goto done;
  }
  if (o.jobs) p.jobs = (unsigned)cli_parse_jobs(o.jobs);
  rc = cli_build(&files, &p, &rp, CLI_QUIET | CLI_DROP_TEXT | CLI_NO_VERIFY, &tim);
  if (rc == 0 && run_free_compilation(&p, &rp, &keep) != 0) {
    fputs("indc: fatal: out of memory\n", stderr); /* as arena.c says it */
    rc = 1;
  }
  tim_mark(&tim, N_("free the compilation"), 1);
  if (rc == 0) rc = run_program(&rp, &o, 1);
done:
  if (o.tim) tim_print(o.tim, stderr);
  rt_program_free(&rp);
  arena_free(&keep);
  paths_free(&files);
  prog_free(&p);
  return rc;
}
