/*
 * output.c - writing command output safely: to stdout, or to a file
 * through a temporary file in the same directory that is renamed over the
 * target only when everything was written ([SEC-OUTPUT] in
 * docs/security.md).  An error half-way leaves the old file untouched.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int out_open(OutFile *o, const char *path) {
  memset(o, 0, sizeof *o);
  if (!path || strcmp(path, "-") == 0) {
    o->f = stdout;
    return 0;
  }
  size_t n = strlen(path) + 16;
  o->path = strdup(path);
  o->tmp = malloc(n);
  if (!o->path || !o->tmp) abort();
  snprintf(o->tmp, n, "%s.tmpXXXXXX", path);
  int fd = mkstemp(o->tmp);
  if (fd < 0) {
    fprintf(stderr, "indc: error: cannot write '%s': %s\n", path, strerror(errno));
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
    if (fflush(stdout) != 0) o->failed = 1;
    return ok && !o->failed ? 0 : -1;
  }
  int bad = !ok || o->failed;
  if (fflush(o->f) != 0 || fsync(fileno(o->f)) != 0) bad = 1;
  if (fclose(o->f) != 0) bad = 1;
  if (!bad && rename(o->tmp, o->path) != 0) bad = 1;
  if (bad) {
    if (ok) fprintf(stderr, "indc: error: cannot write '%s': %s\n", o->path, strerror(errno));
    unlink(o->tmp);
  }
  free(o->path);
  free(o->tmp);
  memset(o, 0, sizeof *o);
  return bad ? -1 : 0;
}

int cli_read_file(const char *path, char **data, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "indc: error: cannot read '%s': %s\n", path, strerror(errno));
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
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    fprintf(stderr, "indc: error: cannot read '%s'\n", path);
    free(buf);
    return -1;
  }
  *data = buf;
  *len = n;
  return 0;
}
