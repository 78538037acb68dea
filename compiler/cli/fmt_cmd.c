/*
 * fmt_cmd.c - indc fmt [--check] [-w] FILE|DIR...: print specs in canonical
 * layout (docs/fmt.md).
 *
 * Each file is parsed on its own (no prelude, no imports: formatting
 * needs no semantic analysis), formatted, and the output verified by
 * fmt_checked.  A file with syntax errors is not formatted.  -w replaces
 * a file only through a complete, synced temporary file in the same
 * directory, renamed over the original ([FMT-18], [FMT-19]).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "support/i18n.h"
#include "fmt/fmt.h"
#include "front/parse.h"
#include "support/indc_limits.h"

static const char *const fmt_help = N_(
    "usage: indc fmt [--check | -w] FILE|DIR...\n"
    "\n"
    "Print specs in canonical layout (docs/fmt.md): two-space indents, one\n"
    "statement per line, keywords in the file's majority language, every\n"
    "comment kept.  A directory means every *.ind below it.  Without options\n"
    "the formatted text goes to stdout.  Files with syntax errors are not\n"
    "formatted; their errors are printed.\n"
    "\n"
    "options:\n"
    "  --check      print 'would reformat FILE' for each file not in canonical\n"
    "               layout, change nothing\n"
    "  -w           rewrite files in place (only those that change)\n"
    "  -h, --help   show this help\n"
    "\n"
    "exit status: 0 success (--check: all formatted), 1 errors or (--check)\n"
    "unformatted files, 2 usage error\n");

typedef enum FmtMode { MODE_STDOUT, MODE_CHECK, MODE_WRITE } FmtMode;

/* ---- writing in place ------------------------------------------------------ */

static int write_all(int fd, const char *s, size_t n) {
  while (n > 0) {
    ssize_t k = write(fd, s, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return 0;
    s += k;
    n -= (size_t)k;
  }
  return 1;
}

/* Sync the directory so the rename itself survives a crash (best effort). */
static void sync_dir(const char *dir) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  (void)fsync(fd);
  close(fd);
}

/*
 * Replace path by text: write a temporary file beside the real file (a
 * symlink is followed), with the original's permissions (and owner when
 * allowed), fsync it, rename it over the original.  On any error the
 * temporary is removed and the original is untouched.  Returns 1 on success.
 */
static int write_in_place(const char *path, const char *text, size_t len) {
  char real[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX + 32];
  struct stat st;
  int fd = -1, rc;
  const char *what = N_("cannot resolve");
  if (!realpath(path, real) || stat(real, &st) != 0) goto fail;
  const char *base = strrchr(real, '/') + 1; /* realpath gives an absolute path */
  snprintf(dir, sizeof dir, "%.*s", (int)(base - real), real);
  snprintf(tmp, sizeof tmp, "%s.%s.indc-fmt-XXXXXX", dir, base);
  what = N_("cannot create a temporary file for");
  if ((fd = mkstemp(tmp)) < 0) goto fail;
  what = N_("cannot write");
  if (!write_all(fd, text, len) || fchmod(fd, st.st_mode & 07777) != 0) goto fail_tmp;
  if (fchown(fd, st.st_uid, st.st_gid) != 0) {
    /* not permitted: the new file belongs to us, with the same mode */
  }
  if (fsync(fd) != 0) goto fail_tmp;
  rc = close(fd);
  fd = -1;
  if (rc != 0 || rename(tmp, real) != 0) goto fail_tmp;
  sync_dir(dir);
  return 1;
fail_tmp:
  rc = errno;
  if (fd >= 0) close(fd);
  unlink(tmp);
  errno = rc;
fail:
  fprintf(stderr, _("indc fmt: %s '%s': %s\n"), _(what), path, strerror(errno));
  return 0;
}

/* ---- one file --------------------------------------------------------------------- */

static int report_status(FmtStatus st, const char *path) {
  switch (st) {
  case FMT_OK:
    return 0;
  case FMT_TOO_DEEP:
    fprintf(stderr, _("indc fmt: %s: an expression is nested too deeply to format (limit %u)\n"),
            path, FMT_MAX_DEPTH);
    break;
  case FMT_LOST_COMMENT:
    fprintf(stderr, _("indc fmt: internal error: formatting %s lost a comment\n"), path);
    break;
  case FMT_CHANGED:
    fprintf(stderr, _("indc fmt: internal error: formatting %s changed its meaning\n"), path);
    break;
  }
  return 1;
}

/* Format one file as mode says.  Returns the exit status for it. */
static int fmt_one(const char *path, FmtMode mode) {
  SourceSet ss;
  DiagList dl;
  Arena arena;
  FmtBuf out = {0};
  src_init(&ss);
  diag_init(&dl);
  arena_init(&arena);
  int rc = 1;
  int64_t id = src_read_file(&ss, path, LIM_FILE_BYTES);
  if (id < 0) {
    Span none = {UINT32_MAX, 0, 0};
    diag_report(&dl, E_READ, none, "cannot read '%s': %s", path,
                errno == EFBIG ? _("file too large") : strerror(errno));
  } else {
    const File *f = parse_file(&arena, &dl, &ss, (uint32_t)id);
    if (dl.nerrors == 0) rc = report_status(fmt_checked(f, &ss, (uint32_t)id, &arena, &out), path);
  }
  if (dl.nerrors > 0) {
    diag_sort(&dl);
    diag_render(&dl, &ss, stderr);
  } else if (rc == 0) {
    const Source *src = src_get(&ss, (uint32_t)id);
    int same = out.len == src->len && (out.len == 0 || !memcmp(out.s, src->text, out.len));
    if (mode == MODE_STDOUT && out.len > 0) {
      fwrite(out.s, 1, out.len, stdout);
    } else if (mode == MODE_CHECK && !same) {
      fprintf(stderr, _("would reformat %s\n"), path);
      rc = 1;
    } else if (mode == MODE_WRITE && !same && !write_in_place(path, out.s ? out.s : "", out.len)) {
      rc = 1;
    }
  }
  fmt_buf_free(&out);
  arena_free(&arena);
  diag_free(&dl);
  src_free(&ss);
  return rc;
}

/* ---- the command -------------------------------------------------------------------- */

/* Parse the options; returns 0 on success, 2 on a usage error, -1 for --help. */
static int fmt_options(int argc, char **argv, FmtMode *mode, PathList *files, int *rc) {
  int check = 0, write = 0, only_files = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!only_files && (!strcmp(a, "-h") || !strcmp(a, "--help"))) return -1;
    if (!only_files && !strcmp(a, "--check")) {
      check = 1;
    } else if (!only_files && !strcmp(a, "-w")) {
      write = 1;
    } else if (!only_files && !strcmp(a, "--")) {
      only_files = 1;
    } else if (!only_files && a[0] == '-' && a[1]) {
      fprintf(stderr, _("indc fmt: unknown option '%s'\n%s"), a, _(fmt_help));
      return 2;
    } else if (!paths_add(files, a)) {
      *rc = 1;
    }
  }
  if (check && write) {
    fprintf(stderr, _("indc fmt: --check and -w cannot be used together\n%s"), _(fmt_help));
    return 2;
  }
  if (files->n == 0 && *rc == 0) {
    fprintf(stderr, _("indc fmt: no input files\n%s"), _(fmt_help));
    return 2;
  }
  *mode = check ? MODE_CHECK : write ? MODE_WRITE : MODE_STDOUT;
  return 0;
}

int cmd_fmt(int argc, char **argv) {
  PathList files = {0};
  FmtMode mode = MODE_STDOUT;
  int rc = 0;
  int u = fmt_options(argc, argv, &mode, &files, &rc);
  if (u < 0) fputs(_(fmt_help), stdout);
  if (u != 0) {
    paths_free(&files);
    return u < 0 ? 0 : u;
  }
  for (size_t i = 0; i < files.n; i++)
    if (fmt_one(files.v[i], mode) != 0) rc = 1;
  if (mode == MODE_STDOUT && (fflush(stdout) != 0 || ferror(stdout))) {
    fprintf(stderr, _("indc fmt: cannot write to stdout: %s\n"), strerror(errno));
    rc = 1;
  }
  paths_free(&files);
  return rc;
}
