/*
 * run_diff.c - the differential test (docs/testing.md, "Differential
 * testing").
 *
 *   run_diff INDC [--cases N] [--seed S] [--jobs J] [--keep DIR]
 *            [--specs SPEC DATA]... [--backends LIST] [--every NAME=K]...
 *            [--require LIST] [--db CONNINFO] [--timeout SECS]
 *            [--max-failures K] [--no-minimise]
 *
 * Each case (N random ones from gen.c with seeds S, S+1, …, and each
 * --specs pair) goes through every path this indc has: `indc run
 * --backend=B --format json` for each backend B that a probe finds built,
 * and the bytecode path (`indc compile`, then `indc run FILE.indb`); at
 * year end and, for the cases that have one, at a mid-year --as-of date.
 * Every report must equal the VM's byte for byte.  A failing case is
 * printed with the diff and a minimised reproduction.  The last line is
 * `diff: N passed, M failed`, with the skipped backends in parentheses;
 * the exit status is 1 when a case failed, 2 for usage or setup errors.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diff.h"

/* The paths: the VM first (the reference), then the backends to probe,
 * then the bytecode path.  To add a backend, add its name here. */
static const char *const default_backends = "c,jit,obj,llvm,sqlite,postgres";

typedef struct Options {
  const char *indc, *keep, *db, *backends, *require;
  unsigned long long seed;
  long cases, jobs, max_failures;
  unsigned timeout;
  int minimise;
  const char *specs[16][2];
  int nspecs;
  const char *every[DR_MAX_PATHS][2]; /* NAME, K */
  int nevery;
} Options;

typedef struct Tally {
  long passed, failed, genbug, mismatch, crash, printed;
  unsigned long runs;
} Tally;

/* ---- one run of indc ------------------------------------------------------------------------- */

static void run_path(Runner *r, const DrPath *p, const char *prog, const char *data,
                     const char *as_of, DxResult *res) {
  char backend[96];
  const char *argv[16];
  int n = 0;
  argv[n++] = r->indc, argv[n++] = "run", argv[n++] = prog;
  argv[n++] = "--actuals", argv[n++] = data, argv[n++] = "--format", argv[n++] = "json";
  if (p->backend) {
    snprintf(backend, sizeof backend, "--backend=%s", p->backend);
    argv[n++] = backend;
    if (!strcmp(p->backend, "postgres") && r->db) argv[n++] = "--db", argv[n++] = r->db;
  }
  if (as_of) argv[n++] = "--as-of", argv[n++] = as_of;
  argv[n] = NULL;
  r->runs++;
  if (dx_run(argv, r->timeout, res) != 0) res->status = -255;
}

/* The bytecode path: compile spec once (into the worker's directory), then run. */
static void run_bytecode(Runner *r, const char *spec, const char *data, const char *as_of,
                         int *compiled, DxResult *res) {
  char indb[1200];
  snprintf(indb, sizeof indb, "%s/case.indb", r->work);
  if (!*compiled) {
    const char *argv[] = {r->indc, "compile", "-o", indb, spec, NULL};
    DxResult c;
    r->runs++;
    if (dx_run(argv, r->timeout, &c) != 0 || c.status != 0) {
      *res = c; /* the compile's failure is the path's result */
      return;
    }
    dx_free(&c);
    *compiled = 1;
  }
  run_path(r, &(DrPath){"bytecode", NULL, 1, 1, ""}, indb, data, as_of, res);
}

/* ---- outcomes -------------------------------------------------------------------------------- */

/* The line of s that says what went wrong: the first "error: …" message,
 * up to its first " (" or ";" (the names suggested after it change as the
 * minimiser deletes things), else the first line that is not about
 * warnings. */
static void first_error(const char *s, char *out, size_t cap) {
  const char *e = strstr(s, "error: ");
  if (e) {
    e += strlen("error: ");
    size_t n = strcspn(e, "\n;");
    const char *paren = strstr(e, " (");
    if (paren && (size_t)(paren - e) < n) n = (size_t)(paren - e);
    snprintf(out, cap, "%.*s", (int)n, e);
    return;
  }
  const char *line = s;
  for (const char *p = s; *p; p += strcspn(p, "\n"), p += *p == '\n') {
    size_t n = strcspn(p, "\n");
    char one[512];
    snprintf(one, sizeof one, "%.*s", (int)n, p);
    if (n && !strstr(one, "warning")) {
      line = p;
      break;
    }
  }
  snprintf(out, cap, "%.*s", (int)strcspn(line, "\n"), line);
}

static int gen_bug(Runner *r, const char *spec, DrOutcome *o) {
  const char *argv[] = {r->indc, "check", spec, NULL};
  DxResult c;
  char first[700];
  r->runs++;
  dx_run(argv, r->timeout, &c);
  int spec_bad = c.status != 0;
  first_error(spec_bad ? c.err.p : o->ref.err.p, first, sizeof first);
  snprintf(o->msg, sizeof o->msg, "%s: %s",
           spec_bad ? "the spec does not pass indc check" : "the data does not load", first);
  dx_free(&c);
  return o->kind = DR_GENBUG;
}

static int failed(DrOutcome *o, int kind, int path, int mid, const char *label, const char *as_of) {
  o->kind = kind, o->path = path, o->mid_year = mid;
  char when[64] = "";
  if (mid) snprintf(when, sizeof when, " (--as-of %s)", as_of);
  if (kind == DR_CRASH)
    snprintf(o->msg, sizeof o->msg, "path %s crashed or timed out (signal %d)%s", label,
             -o->got.status, when);
  else if (o->got.status != o->ref.status)
    snprintf(o->msg, sizeof o->msg, "vm exits %d but %s exits %d%s", o->ref.status, label,
             o->got.status, when);
  else
    snprintf(o->msg, sizeof o->msg, "the reports of vm and %s differ%s", label, when);
  return kind;
}

/* One pass (year end, or mid-year) over the paths. */
static int check_pass(Runner *r, const char *spec, const char *data, const char *as_of, int mid,
                      const unsigned char *mask, int *compiled, DrOutcome *o) {
  run_path(r, &r->path[0], spec, data, as_of, &o->ref);
  if (o->ref.status < 0) {
    o->got = o->ref, memset(&o->ref, 0, sizeof o->ref);
    return failed(o, DR_CRASH, 0, mid, "vm", as_of);
  }
  if (o->ref.status != 0) return gen_bug(r, spec, o);
  for (int i = 1; i < r->npath; i++) {
    const DrPath *p = &r->path[i];
    if (!p->on || !mask[i]) continue;
    if (p->backend) run_path(r, p, spec, data, as_of, &o->got);
    else run_bytecode(r, spec, data, as_of, compiled, &o->got);
    if (!dx_same(&o->ref, &o->got))
      return failed(o, o->got.status < 0 ? DR_CRASH : DR_MISMATCH, i, mid, p->label, as_of);
    dx_free(&o->got);
  }
  dx_free(&o->ref);
  return DR_OK;
}

int dr_check(Runner *r, const char *spec, const char *data, const char *as_of,
             const unsigned char *mask, DrOutcome *o) {
  memset(o, 0, sizeof *o);
  int compiled = 0;
  if (check_pass(r, spec, data, NULL, 0, mask, &compiled, o) != DR_OK) return o->kind;
  if (as_of) check_pass(r, spec, data, as_of, 1, mask, &compiled, o);
  return o->kind;
}

void dr_outcome_free(DrOutcome *o) {
  dx_free(&o->ref);
  dx_free(&o->got);
}

int dr_same_failure(const DrOutcome *a, const DrOutcome *b) {
  if (a->kind != b->kind) return 0;
  if (a->kind == DR_GENBUG) return !strcmp(a->msg, b->msg);
  return a->path == b->path && a->mid_year == b->mid_year;
}

/* ---- printing a failure ---------------------------------------------------------------------- */

static void print_lines(FILE *f, const char *s, size_t n, int max, const char *prefix) {
  int lines = 0;
  while (n > 0 && lines < max) {
    size_t k = 0;
    while (k < n && s[k] != '\n') k++;
    fprintf(f, "%s%.*s\n", prefix, (int)k, s);
    s += k + (k < n), n -= k + (k < n), lines++;
  }
  if (n > 0) fprintf(f, "%s… (%zu more bytes)\n", prefix, n);
}

static void print_diff(Runner *r, FILE *f, const DrOutcome *o) {
  const char *label = r->path[o->path].label;
  if (o->ref.status != o->got.status) {
    fprintf(f, "  vm exits %d with a report of %zu bytes; %s exits %d with %zu bytes\n",
            o->ref.status, o->ref.out.n, label, o->got.status, o->got.out.n);
  } else {
    char a[1200], b[1200];
    snprintf(a, sizeof a, "%s/ref.json", r->work);
    snprintf(b, sizeof b, "%s/got.json", r->work);
    dx_write(a, o->ref.out.p, o->ref.out.n);
    dx_write(b, o->got.out.p, o->got.out.n);
    const char *argv[] = {"diff", "-u", "--label", "vm", "--label", label, a, b, NULL};
    DxResult d;
    if (dx_run(argv, r->timeout, &d) == 0 && d.status >= 0 && d.status <= 1)
      print_lines(f, d.out.p, d.out.n, 80, "  ");
    dx_free(&d);
  }
  if (o->got.err.n) {
    fprintf(f, "  stderr of %s:\n", label);
    print_lines(f, o->got.err.p, o->got.err.n, 20, "  | ");
  }
}

static void print_file(FILE *f, const char *path, const char *title) {
  DxBuf b;
  if (dx_read(path, &b) != 0) return;
  fprintf(f, "==> %s <==\n", title);
  fwrite(b.p, 1, b.n, f);
  if (b.n && b.p[b.n - 1] != '\n') fputc('\n', f);
  free(b.p);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .ind file of dir, in name order. */
static void print_dir(FILE *f, const char *dir) {
  DIR *d = opendir(dir);
  char *names[512];
  int n = 0;
  for (struct dirent *e; d && (e = readdir(d)) != NULL && n < 512;)
    if (strstr(e->d_name, ".ind")) names[n++] = strdup(e->d_name);
  if (d) closedir(d);
  qsort(names, (size_t)n, sizeof names[0], by_name);
  for (int i = 0; i < n; i++) {
    char path[1400];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    print_file(f, path, names[i]);
    free(names[i]);
  }
}

/* How to run the failing path on the minimised files. */
static void print_repro(Runner *r, FILE *f, const DrOutcome *o, const char *spec,
                        const char *data, const char *as_of) {
  char when[48] = "";
  if (o->mid_year) snprintf(when, sizeof when, " --as-of %s", as_of);
  const DrPath *p = &r->path[o->path];
  fprintf(f, "reproduce:\n");
  if (o->kind == DR_GENBUG) {
    fprintf(f, "  indc check %s && indc run %s --actuals %s --format json\n", spec, spec, data);
  } else if (p->backend) {
    fprintf(f, "  indc run %s --actuals %s --format json%s > vm.json\n", spec, data, when);
    fprintf(f, "  indc run %s --actuals %s --format json --backend=%s%s > %s.json\n", spec, data,
            p->backend, when, p->label);
    fprintf(f, "  diff vm.json %s.json\n", p->label);
  } else {
    fprintf(f, "  indc run %s --actuals %s --format json%s > vm.json\n", spec, data, when);
    fprintf(f, "  indc compile -o case.indb %s && indc run case.indb --actuals %s --format json%s"
               " > bytecode.json\n  diff vm.json bytecode.json\n", spec, data, when);
  }
}

static const char *kind_word(int kind) {
  return kind == DR_GENBUG ? "GENERATOR BUG" : kind == DR_CRASH ? "CRASH" : "MISMATCH";
}

static void count(Tally *t, int kind) {
  t->failed++;
  if (kind == DR_GENBUG) t->genbug++;
  else if (kind == DR_CRASH) t->crash++;
  else t->mismatch++;
}

/* The files of generated case c, written in dir. */
static void print_case(FILE *f, const GenCase *c, const char *dir) {
  const char *names[] = {"case.ind", c->nparts == 2 ? "part2.ind" : NULL, gen_data_name(c)};
  for (int i = 0; i < 3; i++) {
    char path[1300];
    if (!names[i]) continue;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    print_file(f, path, names[i]);
  }
}

/* Report generated case `seed` that failed with o. */
static void report_generated(Runner *r, const Options *op, Tally *t, GenCase *c,
                             const DrOutcome *o) {
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f) return;
  fprintf(f, "%s case %llu: %s\n", kind_word(o->kind), (unsigned long long)c->seed, o->msg);
  if (t->printed++ >= op->max_failures) {
    fprintf(f, "  (details left out: more than %ld failures in this worker)\n", op->max_failures);
  } else {
    if (o->kind == DR_GENBUG) print_lines(f, o->ref.err.p, o->ref.err.n, 30, "  ");
    else print_diff(r, f, o);
    char dir[1200];
    snprintf(dir, sizeof dir, "%s/min", r->work);
    dx_mkdirs(dir);
    if (op->keep) {
      snprintf(dir, sizeof dir, "%s/case-%llu", op->keep, (unsigned long long)c->seed);
      dx_mkdirs(dir);
      gen_write_dir(c, dir);
      snprintf(dir, sizeof dir, "%s/case-%llu/min", op->keep, (unsigned long long)c->seed);
      dx_mkdirs(dir);
    }
    int np, ni, nr, tries = 0;
    gen_counts(c, &np, &ni, &nr);
    fprintf(f, "the full case has %d projects, %d indicators, %d rows"
               " (diff_gen %llu DIR writes it)\n", np, ni, nr, (unsigned long long)c->seed);
    if (op->minimise) tries = dm_generated(r, c, dir, o);
    gen_write_dir(c, dir);
    gen_counts(c, &np, &ni, &nr);
    if (op->minimise)
      fprintf(f, "minimised in %d runs to %d project%s, %d indicator%s, %d row%s:\n", tries, np,
              np == 1 ? "" : "s", ni, ni == 1 ? "" : "s", nr, nr == 1 ? "" : "s");
    print_repro(r, f, o, "case.ind", gen_data_name(c), c->as_of);
    print_case(f, c, dir);
  }
  fclose(f);
  fwrite(text, 1, len, stdout);
  fflush(stdout);
  free(text);
}

/* ---- generated cases ------------------------------------------------------------------------- */

static void case_mask(const Runner *r, long index, unsigned char *mask) {
  for (int i = 0; i < r->npath; i++)
    mask[i] = r->path[i].every <= 1 || index % r->path[i].every == 0;
}

static void run_generated(Runner *r, const Options *op, long index, Tally *t, GenCase *c) {
  char dir[1200], spec[1300], data[1300];
  unsigned char mask[DR_MAX_PATHS];
  gen_case(c, op->seed + (unsigned long long)index);
  snprintf(dir, sizeof dir, "%s/case", r->work);
  dx_mkdirs(dir);
  if (gen_write_dir(c, dir) != 0) {
    fprintf(stderr, "diff: cannot write into %s: %s\n", dir, strerror(errno));
    exit(2);
  }
  snprintf(spec, sizeof spec, "%s/case.ind", dir);
  snprintf(data, sizeof data, "%s/%s", dir, gen_data_name(c));
  case_mask(r, index, mask);
  DrOutcome o;
  if (dr_check(r, spec, data, c->as_of[0] ? c->as_of : NULL, mask, &o) == DR_OK) {
    t->passed++;
  } else {
    count(t, o.kind);
    report_generated(r, op, t, c, &o);
  }
  dr_outcome_free(&o);
}

/* ---- seed specs ------------------------------------------------------------------------------ */

static void run_seed(Runner *r, const Options *op, int k, Tally *t) {
  const char *spec = op->specs[k][0], *data = op->specs[k][1], *as_of = "2023-06-30";
  unsigned char mask[DR_MAX_PATHS];
  memset(mask, 1, sizeof mask);
  DrOutcome o;
  if (dr_check(r, spec, data, as_of, mask, &o) == DR_OK) {
    t->passed++;
    printf("diff: seed %s with %s: all paths agree\n", spec, data);
    dr_outcome_free(&o);
    return;
  }
  count(t, o.kind);
  printf("%s seed %s with %s: %s\n", kind_word(o.kind), spec, data, o.msg);
  if (o.kind == DR_GENBUG) print_lines(stdout, o.ref.err.p, o.ref.err.n, 30, "  ");
  else print_diff(r, stdout, &o);
  char dir[1200];
  snprintf(dir, sizeof dir, "%s/seed-%d", op->keep ? op->keep : r->work, k);
  dx_rmtree(dir);
  dx_mkdirs(dir);
  if (op->minimise && o.kind != DR_GENBUG) {
    int tries = dm_text(r, spec, data, as_of, dir, &o);
    printf("minimised in %d runs (in %s):\n", tries, dir);
    print_repro(r, stdout, &o, "spec/", "data.csv", as_of);
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "%s/spec", dir);
    print_dir(stdout, cmd);
    snprintf(cmd, sizeof cmd, "%s/data.csv", dir);
    print_file(stdout, cmd, "data.csv");
  }
  dr_outcome_free(&o);
  fflush(stdout);
}

/* ---- probing the paths ----------------------------------------------------------------------- */

static const char probe_spec[] =
    "年度 2023\n项目 \"探针项目\" {\n  预算数 10\n"
    "  产出指标 { 数量指标 { 指标 \"举办场次\": ≥2 场 } }\n}\n";
static const char probe_data[] = "project,indicator,actual\n探针项目,举办场次,1场\n探针项目,执行数,5\n";

static void add_path(Runner *r, const char *label, const char *backend) {
  if (r->npath >= DR_MAX_PATHS) return;
  DrPath *p = &r->path[r->npath++];
  memset(p, 0, sizeof *p);
  p->label = label, p->backend = backend, p->every = 1, p->on = 1;
}

static int in_list(const char *list, const char *name) {
  size_t n = strlen(name);
  for (const char *s = list; s && *s;) {
    size_t k = strcspn(s, ",");
    if (k == n && !strncmp(s, name, n)) return 1;
    s += k + (s[k] == ',');
  }
  return 0;
}

static int probe(Runner *r, const Options *op) {
  char spec[1200], data[1200];
  snprintf(spec, sizeof spec, "%s/probe.ind", r->work);
  snprintf(data, sizeof data, "%s/probe.csv", r->work);
  if (dx_write(spec, probe_spec, strlen(probe_spec)) != 0 ||
      dx_write(data, probe_data, strlen(probe_data)) != 0)
    return -1;
  for (int i = 0; i < r->npath; i++) {
    DrPath *p = &r->path[i];
    DxResult res;
    int compiled = 0;
    if (p->backend) run_path(r, p, spec, data, NULL, &res);
    else run_bytecode(r, spec, data, NULL, &compiled, &res);
    if (res.status != 0) {
      p->on = 0;
      int unbuilt = res.status == 2 && strstr(res.err.p, "unknown or unbuilt");
      char first[120];
      first_error(res.err.p, first, sizeof first);
      snprintf(p->why, sizeof p->why, "%s", unbuilt ? "not built" : first);
      if (i == 0 || in_list(op->require, p->label)) {
        fprintf(stderr, "diff: path %s does not work: %s\n", p->label, p->why);
        dx_free(&res);
        return -1;
      }
      if (!unbuilt)
        printf("diff: warning: path %s is built but its probe failed: %s\n", p->label, p->why);
    }
    dx_free(&res);
  }
  return 0;
}

/* ---- options --------------------------------------------------------------------------------- */

static void usage(void) {
  fprintf(stderr,
          "usage: run_diff INDC [--cases N] [--seed S] [--jobs J] [--keep DIR]\n"
          "                [--specs SPEC DATA]... [--backends LIST] [--every NAME=K]...\n"
          "                [--require LIST] [--db CONNINFO] [--timeout SECS]\n"
          "                [--max-failures K] [--no-minimise]\n");
  exit(2);
}

static long num_arg(const char *s) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || *end || end == s || v < 0) usage();
  return v;
}

static void parse(int argc, char **argv, Options *op) {
  memset(op, 0, sizeof *op);
  op->cases = 100, op->seed = 1, op->jobs = 1, op->timeout = 120, op->minimise = 1;
  op->max_failures = 5, op->backends = default_backends, op->db = getenv("INDC_DIFF_DB");
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int more = i + 1 < argc;
    if (!strcmp(a, "--cases") && more) op->cases = num_arg(argv[++i]);
    else if (!strcmp(a, "--seed") && more) op->seed = (unsigned long long)num_arg(argv[++i]);
    else if (!strcmp(a, "--jobs") && more) op->jobs = num_arg(argv[++i]);
    else if (!strcmp(a, "--keep") && more) op->keep = argv[++i];
    else if (!strcmp(a, "--backends") && more) op->backends = argv[++i];
    else if (!strcmp(a, "--require") && more) op->require = argv[++i];
    else if (!strcmp(a, "--db") && more) op->db = argv[++i];
    else if (!strcmp(a, "--timeout") && more) op->timeout = (unsigned)num_arg(argv[++i]);
    else if (!strcmp(a, "--max-failures") && more) op->max_failures = num_arg(argv[++i]);
    else if (!strcmp(a, "--no-minimise")) op->minimise = 0;
    else if (!strcmp(a, "--specs") && i + 2 < argc && op->nspecs < 16)
      op->specs[op->nspecs][0] = argv[i + 1], op->specs[op->nspecs++][1] = argv[i + 2], i += 2;
    else if (!strcmp(a, "--every") && more && op->nevery < DR_MAX_PATHS &&
             strchr(argv[i + 1], '=')) {
      char *eq = strchr(argv[++i], '=');
      *eq = '\0';
      op->every[op->nevery][0] = argv[i], op->every[op->nevery++][1] = eq + 1;
    } else if (a[0] != '-' && !op->indc) op->indc = a;
    else usage();
  }
  if (!op->indc || op->jobs < 1 || op->jobs > 64) usage();
}

static void setup_paths(Runner *r, const Options *op) {
  static char list[512]; /* the path labels point into it */
  snprintf(list, sizeof list, "%s", op->backends);
  add_path(r, "vm", "vm");
  for (char *s = strtok(list, ","); s; s = strtok(NULL, ","))
    if (strcmp(s, "vm") && strcmp(s, "bytecode")) add_path(r, s, s);
  add_path(r, "bytecode", NULL);
  for (int k = 0; k < op->nevery; k++) {
    int found = 0;
    for (int i = 0; i < r->npath; i++)
      if (!strcmp(r->path[i].label, op->every[k][0]))
        r->path[i].every = (int)num_arg(op->every[k][1]), found = 1;
    if (!found) fprintf(stderr, "diff: --every %s: no such path\n", op->every[k][0]);
  }
}

/* ---- workers --------------------------------------------------------------------------------- */

static void worker(Runner *r, const Options *op, long w, Tally *t) {
  GenCase *c = malloc(sizeof *c);
  if (!c) exit(2);
  for (long i = w; i < op->cases; i += op->jobs) run_generated(r, op, i, t, c);
  free(c);
  t->runs = r->runs;
}

static int run_workers(Runner *base, const Options *op, const char *root, Tally *sum) {
  pid_t pids[64];
  long jobs = op->jobs;
  for (long w = 0; w < jobs; w++) {
    fflush(NULL);
    pids[w] = fork();
    if (pids[w] < 0) return -1;
    if (pids[w] == 0) {
      Runner r = *base;
      Tally t = {0};
      snprintf(r.work, sizeof r.work, "%s/w%ld", root, w);
      dx_mkdirs(r.work);
      worker(&r, op, w, &t);
      char path[1200];
      snprintf(path, sizeof path, "%s/w%ld.tally", root, w);
      FILE *f = fopen(path, "w");
      if (f) fwrite(&t, sizeof t, 1, f), fclose(f);
      _exit(0);
    }
  }
  int rc = 0;
  for (long w = 0; w < jobs; w++) {
    int st;
    while (waitpid(pids[w], &st, 0) < 0 && errno == EINTR) {}
    char path[1200];
    snprintf(path, sizeof path, "%s/w%ld.tally", root, w);
    Tally t;
    FILE *f = fopen(path, "r");
    if (!f || fread(&t, sizeof t, 1, f) != 1 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
      fprintf(stderr, "diff: worker %ld failed\n", w);
      rc = -1;
    } else {
      sum->passed += t.passed, sum->failed += t.failed, sum->genbug += t.genbug;
      sum->mismatch += t.mismatch, sum->crash += t.crash, sum->runs += t.runs;
    }
    if (f) fclose(f);
  }
  return rc;
}

static void print_paths(const Runner *r) {
  printf("diff: comparing the VM's JSON report with:");
  int any = 0;
  for (int i = 1; i < r->npath; i++)
    if (r->path[i].on) {
      printf("%s %s", any ? "," : "", r->path[i].label);
      if (r->path[i].every > 1) printf(" (every %d. case)", r->path[i].every);
      any = 1;
    }
  printf("%s\n", any ? "" : " nothing (only the VM works)");
}

static void summary(const Runner *r, const Tally *t) {
  if (t->failed)
    printf("diff: failures: %ld mismatches, %ld crashes, %ld generator bugs\n", t->mismatch,
           t->crash, t->genbug);
  printf("diff: %lu runs of indc\n", t->runs);
  printf("diff: %ld passed, %ld failed", t->passed, t->failed);
  int any = 0;
  for (int i = 1; i < r->npath; i++)
    if (!r->path[i].on) printf("%s%s", any++ ? ", " : " (skipped backends: ", r->path[i].label);
  printf("%s\n", any ? ")" : "");
}

int main(int argc, char **argv) {
  Options op;
  parse(argc, argv, &op);
  setvbuf(stdout, NULL, _IOFBF, 1 << 16);
  Runner r;
  memset(&r, 0, sizeof r);
  r.indc = op.indc, r.db = op.db, r.timeout = op.timeout;
  const char *tmp = getenv("TMPDIR");
  char root[900];
  snprintf(root, sizeof root, "%s/indc-diff-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(root)) {
    perror("diff: mkdtemp");
    return 2;
  }
  snprintf(r.work, sizeof r.work, "%s/main", root);
  dx_mkdirs(r.work);
  if (op.keep) dx_mkdirs(op.keep);
  setup_paths(&r, &op);
  if (probe(&r, &op) != 0) {
    dx_rmtree(root);
    return 2;
  }
  print_paths(&r);
  Tally t = {0};
  for (int k = 0; k < op.nspecs; k++) run_seed(&r, &op, k, &t);
  fflush(stdout);
  int rc = run_workers(&r, &op, root, &t);
  t.runs += r.runs;
  summary(&r, &t);
  dx_rmtree(root);
  return rc != 0 ? 2 : t.failed ? 1 : 0;
}
