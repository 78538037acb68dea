/*
 * import_cmd.c - indc import FILE [-o DIR]: target tables to specs
 * (docs/import.md).  The work is in compiler/import; this file parses the
 * options, prints the messages and the summary, and writes the files, each
 * atomically (out_open/out_close).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "support/i18n.h"
#include "import/import.h"

static const char *const import_help = N_(
    "usage: indc import [OPTIONS] FILE\n"
    "\n"
    "Turn a performance-target table (绩效目标表, or a 自评表) exported from\n"
    "Word, Excel or PDF into formatted specs, one .ind per project, each\n"
    "checked as `indc check` would.  FILE is text with tab- or |-separated\n"
    "cells, or CSV; UTF-8, GBK/GB18030, or UTF-16 with a byte-order mark.\n"
    "Every repair or guess is a `#` comment at its indicator and a warning\n"
    "FILE:LINE on stderr.  A row that cannot be placed is an error naming its\n"
    "line, and its project is not written; the other projects are.\n"
    "\n"
    "options:\n"
    "  -o DIR               write the specs into DIR (made if missing; default .)\n"
    "  --single             one file with every project: DIR/NAME.ind for FILE\n"
    "                       NAME.txt, or -o FILE.ind, or -o - for stdout; written\n"
    "                       only when every project imported\n"
    "  --dry-run            write nothing; print the specs and a summary on stdout\n"
    "  --actuals-out FILE   write the 实际完成值 of a 自评表 as CSV\n"
    "                       (project,indicator,actual,note)\n"
    "  --encoding ENC       auto (default), utf-8, gbk or gb18030\n"
    "  --layout LAYOUT      auto (default), tab, pipe or csv\n"
    "  --year YEAR          年度 of the specs (default: the document's year line,\n"
    "                       else the year most target dates name)\n"
    "  -h, --help           show this help\n"
    "\n"
    "exit status: 0 every project written, 1 errors (projects with errors are\n"
    "not written), 2 usage error\n");

typedef struct ImportArgs {
  const char *input, *outdir, *actuals;
  const char *name; /* the input in messages: "<stdin>" for - */
  int single, dry;
  ImpOptions opt;
} ImportArgs;

static int usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs(_("indc import: "), stderr);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n%s", _(import_help));
  return 2;
}

static int parse_choice(const char *v, const char *const *names, int n, int *out) {
  for (int i = 0; i < n; i++)
    if (!strcmp(v, names[i])) return *out = i, 1;
  return 0;
}

static int option_value(int argc, char **argv, int *i, const char **out) {
  if (*i + 1 >= argc) return usage(_("option '%s' needs a value"), argv[*i]);
  if (*out) return usage(_("option '%s' given twice; give it once"), argv[*i]);
  *out = argv[++*i];
  return 0;
}

static int enum_option(const char *what, const char *v, const char *const *names, int n,
                       const int *map, int *out) {
  int k;
  if (!parse_choice(v, names, n, &k)) return usage(_("unknown %s '%s'"), what, v);
  *out = map[k];
  return 0;
}

/* Does -o name the --single file itself (FILE.ind, or - for stdout)? */
static int single_named(const char *o) {
  size_t n = o ? strlen(o) : 0;
  return o && (!strcmp(o, "-") || (n > 4 && !strcmp(o + n - 4, ".ind")));
}

static int parse_args(int argc, char **argv, ImportArgs *a) {
  static const char *const encs[] = {"auto", "utf-8", "utf8", "gbk", "gb18030"};
  static const int encmap[] = {IMP_ENC_AUTO, IMP_ENC_UTF8, IMP_ENC_UTF8, IMP_ENC_GB18030,
                               IMP_ENC_GB18030};
  static const char *const lays[] = {"auto", "tab", "pipe", "csv"};
  static const int laymap[] = {IMP_LAYOUT_AUTO, IMP_LAYOUT_TAB, IMP_LAYOUT_PIPE, IMP_LAYOUT_CSV};
  const char *enc = NULL, *lay = NULL, *year = NULL; /* each given once */
  int only_files = 0;
  for (int i = 1; i < argc; i++) {
    const char *s = argv[i];
    int rc = 0, e = 0;
    if (cli_end_of_options(s, &only_files)) continue;
    if (only_files) {
      if (a->input) return usage(_("one input file only ('%s' is the second)"), s);
      a->input = s;
      continue;
    }
    if (!strcmp(s, "-h") || !strcmp(s, "--help")) return -1;
    if (!strcmp(s, "-o")) rc = option_value(argc, argv, &i, &a->outdir);
    else if (!strcmp(s, "--single")) a->single = 1;
    else if (!strcmp(s, "--dry-run")) a->dry = 1;
    else if (!strcmp(s, "--actuals-out")) {
      rc = option_value(argc, argv, &i, &a->actuals);
      a->opt.check_actuals = 1;
    }
    else if (!strcmp(s, "--encoding")) {
      if (!(rc = option_value(argc, argv, &i, &enc)))
        rc = enum_option("encoding", enc, encs, 5, encmap, &e), a->opt.encoding = e;
    } else if (!strcmp(s, "--layout")) {
      if (!(rc = option_value(argc, argv, &i, &lay)))
        rc = enum_option("layout", lay, lays, 4, laymap, &e), a->opt.layout = e;
    } else if (!strcmp(s, "--year")) {
      if (!(rc = option_value(argc, argv, &i, &year))) {
        char *end;
        long y = strtol(year, &end, 10);
        if (*end || y < 1900 || y > 2999) rc = usage(_("bad year '%s'"), year);
        a->opt.year = (int)y;
      }
    } else if (s[0] == '-' && s[1]) rc = usage(_("unknown option '%s'"), s);
    else if (a->input) rc = usage(_("one input file only ('%s' is the second)"), s);
    else a->input = s;
    if (rc) return rc;
  }
  if (!a->input) return usage("%s", _("no input file"));
  if ((a->actuals && cli_same_file(a->actuals, a->input)) ||
      (a->single && a->outdir && cli_same_file(a->outdir, a->input))) /* -o is a file then */
    return usage(_("the output would overwrite the input '%s'; write it elsewhere"), a->input);
  a->opt.single = a->single;
  /* the --single file is named after the input; standard input has no name */
  if (a->single && !strcmp(a->input, "-") && !single_named(a->outdir))
    return usage("%s", _("--single with the input on stdin ('-') needs -o FILE.ind, or -o - for "
                         "stdout"));
  return 0;
}

/* ---- writing ---------------------------------------------------------------- */

/* mkdir -p dir; 0 on success. */
static int make_dir(const char *dir) {
  char *d = strdup(dir);
  if (!d) abort();
  int rc = 0;
  for (char *s = d + 1; rc == 0; s++) {
    if (*s && *s != '/') continue;
    char keep = *s;
    *s = '\0';
    if (mkdir(d, 0777) != 0 && errno != EEXIST) rc = -1;
    *s = keep;
    if (!keep) break;
  }
  struct stat st;
  if (rc == 0 && (stat(d, &st) != 0 || !S_ISDIR(st.st_mode))) rc = -1, errno = ENOTDIR;
  if (rc) fprintf(stderr, _("indc import: cannot make directory '%s': %s\n"), dir, strerror(errno));
  free(d);
  return rc;
}

static char *join_path(const char *dir, const char *file) {
  size_t n = strlen(dir) + strlen(file) + 2;
  char *p = malloc(n);
  if (!p) abort();
  snprintf(p, n, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] != '/' ? "/" : "", file);
  return p;
}

static int write_file(const char *path, const char *text, size_t len) {
  OutFile o;
  if (out_open(&o, path) != 0) return -1;
  out_write(&o, text, len);
  return out_close(&o, 1);
}

/* The path of the --single file. */
static char *single_path(const ImportArgs *a) {
  const char *o = a->outdir ? a->outdir : ".";
  if (single_named(o)) return strdup(o);
  const char *base = strrchr(a->input, '/');
  base = base ? base + 1 : a->input;
  const char *dot = strrchr(base, '.');
  size_t bl = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  char *file = malloc(bl + 5);
  if (!file) abort();
  snprintf(file, bl + 5, "%.*s.ind", (int)bl, base);
  char *p = join_path(o, file);
  free(file);
  return p;
}

/* Write the outputs; done[i] is set for each project whose text is in a
 * file that was written (with --single, every project or none).  Returns
 * the number of files or directories that could not be written (each
 * reported); with --single and nothing to write, 0 (the projects' errors
 * are reported and counted). */
static int write_outputs(const ImportArgs *a, const ImpResult *r, unsigned char *done) {
  int rc = 0;
  if (a->single) {
    if (!r->single) {
      if (r->nout)
        fprintf(stderr, _("indc import: --single: nothing written, as not every project imported\n"));
      return 0;
    }
    char *path = single_path(a);
    if (strcmp(path, "-") && strrchr(path, '/')) {
      char *dir = strdup(path);
      if (!dir) abort();
      *strrchr(dir, '/') = '\0';
      if (*dir && make_dir(dir)) rc = 1;
      free(dir);
    }
    if (!rc && write_file(path, r->single, r->single_len)) rc = 1;
    free(path);
    if (!rc) memset(done, 1, r->nout);
    return rc;
  }
  const char *dir = a->outdir ? a->outdir : ".";
  if (make_dir(dir)) return 1;
  for (size_t i = 0; i < r->nout; i++) {
    if (!r->out[i].text) continue;
    char *path = join_path(dir, r->out[i].file);
    if (write_file(path, r->out[i].text, r->out[i].len)) rc++;
    else done[i] = 1;
    free(path);
  }
  return rc;
}

/* ---- reporting ---------------------------------------------------------------- */

/* Indicators in the files written (done), repairs reported, projects written. */
static size_t total_written(const ImpResult *r, const unsigned char *done, size_t *nrep,
                            size_t *nok) {
  size_t n = 0;
  *nrep = *nok = 0;
  for (size_t i = 0; i < r->nout; i++) {
    *nrep += r->out[i].nrepairs;
    if (!done[i]) continue;
    n += r->out[i].nwritten;
    *nok += 1;
  }
  return n;
}

#define P(one, many, n) i18n_plural(one, many, n), (n)

/* The summary: "written" counts what is in a file that was written (with
 * --dry-run: would be), so it never claims more than the disk has. */
static void summary(const ImportArgs *a, const ImpResult *r, const unsigned char *done,
                    size_t nerrors, FILE *out, int detail) {
  size_t nrep, nok, nind = total_written(r, done, &nrep, &nok);
  if (detail) {
    fprintf(out, _("import summary: %s (layout %s, encoding %s)\n"), a->name,
            r->layout ? r->layout : "-", r->encoding ? r->encoding : "-");
    for (size_t i = 0; i < r->nout; i++) {
      const ImpOutput *o = &r->out[i];
      fprintf(out, "  %s: ", o->file);
      fprintf(out, P("%zu row read, ", "%zu rows read, ", o->nrows));
      if (done[i]) fprintf(out, P("%zu indicator written", "%zu indicators written", o->nwritten));
      else if (o->text) fputs(_("NOT WRITTEN (--single, and another project has errors)"), out);
      else fputs(_("NOT WRITTEN (errors)"), out);
      fprintf(out, P(", %zu row joined", ", %zu rows joined", o->ncontinued));
      fprintf(out, P(", %zu repair\n", ", %zu repairs\n", o->nrepairs));
    }
  }
  fprintf(out, P("%zu project", "%zu projects", r->nout));
  fprintf(out, _(" (%zu written)"), nok);
  fprintf(out, P(", %zu indicator", ", %zu indicators", nind));
  fprintf(out, P(", %zu repair", ", %zu repairs", nrep));
  fprintf(out, P(", %zu error", ", %zu errors", nerrors));
  fprintf(out, P(", %zu warning\n", ", %zu warnings\n", r->nwarnings));
}

static void dry_run(const ImportArgs *a, const ImpResult *r, unsigned char *done) {
  const char *dir = a->outdir ? a->outdir : ".";
  for (size_t i = 0; i < r->nout; i++)
    done[i] = a->single ? r->single != NULL : r->out[i].text != NULL;
  if (a->single && r->single) {
    char *path = single_path(a);
    printf(_("# ==== would write %s ====\n%s"), path, r->single);
    free(path);
  } else if (!a->single) {
    for (size_t i = 0; i < r->nout; i++) {
      if (!r->out[i].text) continue;
      char *path = join_path(dir, r->out[i].file);
      printf(_("# ==== would write %s ====\n%s\n"), path, r->out[i].text);
      free(path);
    }
  }
  if (a->actuals && r->actuals)
    printf(_("# ==== would write %s (%zu rows) ====\n%s\n"), a->actuals, r->nactuals, r->actuals);
  summary(a, r, done, r->nerrors, stdout, 1);
}

int cmd_import(int argc, char **argv) {
  ImportArgs a = {0};
  int rc = parse_args(argc, argv, &a);
  if (rc < 0) fputs(_(import_help), stdout);
  if (rc) return rc < 0 ? 0 : rc;
  char *data;
  size_t len;
  int from_stdin = !strcmp(a.input, "-");
  if (cli_read_file(from_stdin ? "/dev/stdin" : a.input, &data, &len) != 0) return 1;
  a.name = from_stdin ? "<stdin>" : a.input;
  const char *name = a.name;
  ImpResult r;
  imp_init(&r);
  imp_run(name, data, len, &a.opt, &r);
  free(data);
  if (a.actuals && !r.has_actuals && r.nout)
    fprintf(stderr, _("%s: warning: the table has no 实际完成值 column; %s gets only its header\n"),
            name, a.actuals);
  imp_print_msgs(&r, name, stderr);
  rc = r.nerrors ? 1 : 0;
  unsigned char *done = calloc(r.nout + 1, 1);
  if (!done) abort();
  if (a.dry) {
    dry_run(&a, &r, done);
  } else {
    /* a file that cannot be written is an error of its own ("--single:
     * nothing written" is not: the project's error is counted) */
    int nfail = write_outputs(&a, &r, done);
    if (a.actuals && r.actuals && write_file(a.actuals, r.actuals, r.actuals_len)) nfail++;
    if (nfail || (a.single && !r.single)) rc = 1;
    summary(&a, &r, done, r.nerrors + (size_t)nfail, stderr, 0);
  }
  free(done);
  imp_free(&r);
  return rc;
}
