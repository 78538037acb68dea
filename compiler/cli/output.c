/*
 * output.c - writing command output safely: to stdout, or to a file
 * through a temporary file in the same directory that is renamed over the
 * target only when everything was written ([SEC-OUTPUT] in
 * docs/security.md).  An error half-way leaves the old file untouched.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "support/i18n.h"

int out_open(OutFile *o, const char *path) {
  memset(o, 0, sizeof *o);
  if (!path || strcmp(path, "-") == 0) {
    o->f = stdout;
    return 0;
  }
  /* A device or a pipe (-o /dev/null, -o /dev/stdout, a FIFO) is written
   * directly: renaming a temporary file over it would replace the device
   * node with a regular file. */
  struct stat dst;
  if (stat(path, &dst) == 0 && !S_ISREG(dst.st_mode)) {
    if (S_ISDIR(dst.st_mode)) {
      fprintf(stderr, _("indc: error: cannot write '%s': it is a directory\n"), path);
      return -1;
    }
    o->f = fopen(path, "wb");
    if (!o->f) {
      fprintf(stderr, _("indc: error: cannot write '%s': %s\n"), path, strerror(errno));
      return -1;
    }
    o->direct = 1;
    o->path = strdup(path);
    if (!o->path) abort();
    return 0;
  }
  size_t n = strlen(path) + 16;
  o->path = strdup(path);
  o->tmp = malloc(n);
  if (!o->path || !o->tmp) abort();
  snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
  int fd = mkstemp(o->tmp);
  if (fd < 0) {
    fprintf(stderr, _("indc: error: cannot write '%s': %s\n"), path, strerror(errno));
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return -1;
  }
  struct stat st;
  if (stat(path, &st) == 0) fchmod(fd, st.st_mode & 07777);
  else fchmod(fd, 0644);
  o->f = fdopen(fd, "wb");
  if (!o->f) {
    close(fd);
    unlink(o->tmp);
    return -1;
  }
  return 0;
}

/* Reports arrive in many small pieces: gather them in our own buffer and
 * hand the stream large blocks, which is several times faster than one
 * stdio call per piece. */
static void out_flush(OutFile *o) {
  if (o->nbuf && !o->failed && fwrite(o->buf, 1, o->nbuf, o->f) != o->nbuf) o->failed = 1;
  o->nbuf = 0;
}

int out_write(void *ud, const void *bytes, size_t len) {
  OutFile *o = ud;
  if (o->failed) return 1;
  if (len > sizeof o->buf - o->nbuf) {
    out_flush(o);
    if (len > sizeof o->buf) {
      if (fwrite(bytes, 1, len, o->f) != len) o->failed = 1;
      return o->failed;
    }
  }
  memcpy(o->buf + o->nbuf, bytes, len);
  o->nbuf += len;
  return 0;
}

int out_close(OutFile *o, int ok) {
  if (!o->f) return -1;
  out_flush(o);
  if (o->f == stdout) {
    if (fflush(stdout) != 0 || ferror(stdout)) o->failed = 1;
    if (o->failed) fprintf(stderr, _("indc: error: cannot write to stdout: %s\n"), strerror(errno));
    return ok && !o->failed ? 0 : -1;
  }
  if (o->direct) {
    int bad = fclose(o->f) != 0 || o->failed;
    if (bad && ok) fprintf(stderr, _("indc: error: cannot write '%s': %s\n"), o->path, strerror(errno));
    free(o->path);
    memset(o, 0, sizeof *o);
    return bad || !ok ? -1 : 0;
  }
  int bad = !ok || o->failed;
  if (fflush(o->f) != 0 || fsync(fileno(o->f)) != 0) bad = 1;
  if (fclose(o->f) != 0) bad = 1;
  if (!bad && rename(o->tmp, o->path) != 0) bad = 1;
  if (bad) {
    /* the caller reported its own failure (ok = 0); a failed write is ours */
    if (ok || o->failed)
      fprintf(stderr, _("indc: error: cannot write '%s': %s\n"), o->path, strerror(errno));
    unlink(o->tmp);
  }
  free(o->path);
  free(o->tmp);
  memset(o, 0, sizeof *o);
  return bad ? -1 : 0;
}

/* Largest file cli_read_file reads (data files, bytecode, import input):
 * each reader has a smaller limit of its own with its own message (256 MiB
 * for data files, docs/limits.md); this one only keeps a huge file or an
 * endless stream from exhausting memory before that check. */
#define CLI_READ_MAX ((size_t)1 << 30)

int cli_read_file(const char *path, char **data, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, _("indc: error: cannot read '%s': %s\n"), path, strerror(errno));
    return -1;
  }
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > CLI_READ_MAX) {
    fprintf(stderr, _("indc: error: cannot read '%s': file too large (%ju bytes; the limit is %zu)\n"),
            path, (uintmax_t)st.st_size, CLI_READ_MAX);
    fclose(f);
    return -1;
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  for (;;) {
    if (!buf) abort();
    if (n == cap) buf = realloc(buf, cap *= 2);
    if (!buf) abort();
    size_t k = fread(buf + n, 1, cap - n, f);
    if (k == 0) break;
    n += k;
    if (n > CLI_READ_MAX) break; /* a stream: stop, and report below */
  }
  int bad = ferror(f), big = n > CLI_READ_MAX;
  fclose(f);
  if (bad || big) {
    if (big)
      fprintf(stderr, _("indc: error: cannot read '%s': file too large (more than %zu bytes)\n"),
              path, CLI_READ_MAX);
    else
      fprintf(stderr, _("indc: error: cannot read '%s'\n"), path);
    free(buf);
    return -1;
  }
  *data = buf;
  *len = n;
  return 0;
}
