/*
 * output.c - writing command output safely: to stdout, or to a file
 * through a temporary file in the same directory that is renamed over the
 * target only when everything was written ([SEC-OUTPUT] in
 * docs/security.md).  An error half-way leaves the old file untouched.
 */
#define _GNU_SOURCE /* sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
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

/* ---- the writer thread -------------------------------------------------- */

/* The second block and the thread that writes full blocks in turn: while
 * it writes one, the command fills the other. */
typedef struct OutAsync {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  pthread_t th;
  FILE *f;
  char *spare;      /* the block not being filled */
  char *pending;    /* a full block handed over and not yet written */
  size_t npending;
  int quit, failed; /* under mu */
  int err;          /* errno of the failed write */
  int early;        /* start writing back to disk as the file grows */
  int direct;       /* 1: blocks bypass the page cache (O_DIRECT); -1: not possible */
  off_t written, synced;
} OutAsync;

/* A temporary file is synced before it is renamed ([SEC-OUTPUT]); for a
 * large one, most of that wait goes if the kernel starts writing each
 * 32 MiB back to disk as soon as they are written (without waiting). */
enum { OUT_WRITEBACK = 32 << 20 };

static void out_writeback(OutAsync *a) {
  if (!a->early || a->direct == 1 || a->written - a->synced < OUT_WRITEBACK) return;
  if (fflush(a->f) == 0)
    (void)sync_file_range(fileno(a->f), a->synced, a->written - a->synced, SYNC_FILE_RANGE_WRITE);
  a->synced = a->written; /* a failure here is the final fsync's to report */
}

/*
 * [OUT-DIRECT] A temporary file is synced before the rename anyway, so
 * once it has grown past OUT_DIRECT_FROM, its full blocks go straight to
 * the disk (O_DIRECT) instead of through the page cache: the kernel then
 * neither copies them nor takes a page of memory for each 4 KiB, which on
 * a virtual machine costs more than producing the report.  Every full
 * block is OUT_BLOCK bytes at an offset that is a multiple of OUT_BLOCK,
 * from a buffer aligned to OUT_ALIGN, as O_DIRECT needs; the last, short
 * block is written through the page cache again.  Where O_DIRECT is not
 * to be had (tmpfs before Linux 6.6, other alignment rules: fcntl or
 * write fails with EINVAL), the rest of the file is written as before.
 * The bytes are the same either way.
 */
enum { OUT_DIRECT_FROM = 16 << 20 };

static int out_set_direct(int fd, int on) {
#ifdef O_DIRECT
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0) return -1;
  return fcntl(fd, F_SETFL, on ? fl | O_DIRECT : fl & ~O_DIRECT);
#else
  (void)fd, (void)on;
  return -1;
#endif
}

/* Write n bytes at blk to the file; 0, or -1 with errno set. */
static int out_put(OutAsync *a, const char *blk, size_t n) {
  int fd = fileno(a->f);
  int full = n == OUT_BLOCK && a->written % OUT_BLOCK == 0;
  if (a->direct == 0 && a->early && full && a->written >= OUT_DIRECT_FROM) {
    /* nothing may wait in the stream's buffer once the descriptor is
     * written directly */
    if (fflush(a->f) != 0) return -1;
    a->direct = out_set_direct(fd, 1) == 0 ? 1 : -1;
  }
  if (a->direct == 1 && !full) { /* the short last block */
    if (out_set_direct(fd, 0) != 0) return -1;
    a->direct = -1;
  }
  if (a->direct != 1) return fwrite(blk, 1, n, a->f) == n ? 0 : -1;
  while (n) {
    ssize_t k = write(fd, blk, n);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0 && errno == EINVAL) { /* no O_DIRECT here after all */
      if (out_set_direct(fd, 0) != 0) return -1;
      a->direct = -1;
      return out_put(a, blk, n);
    }
    if (k <= 0) {
      if (k == 0) errno = EIO;
      return -1;
    }
    blk += k;
    n -= (size_t)k;
  }
  return 0;
}

static void *out_writer(void *arg) {
  OutAsync *a = arg;
  pthread_mutex_lock(&a->mu);
  for (;;) {
    while (!a->pending && !a->quit) pthread_cond_wait(&a->cv, &a->mu);
    if (!a->pending) break;
    char *blk = a->pending;
    size_t n = a->npending;
    int failed = a->failed;
    pthread_mutex_unlock(&a->mu);
    int bad = !failed && out_put(a, blk, n) != 0;
    if (!bad && !failed) {
      a->written += (off_t)n;
      out_writeback(a);
    }
    pthread_mutex_lock(&a->mu);
    if (bad) {
      a->failed = 1;
      a->err = errno;
    }
    a->pending = NULL;
    pthread_cond_broadcast(&a->cv);
  }
  pthread_mutex_unlock(&a->mu);
  return NULL;
}

/* Start the writer; -1 (and the output stays synchronous) when a thread
 * cannot be had. */
static int out_start(OutFile *o) {
  OutAsync *a = calloc(1, sizeof *a);
  if (!a) return -1;
  a->f = o->f;
  a->early = o->tmp != NULL;
  if (posix_memalign((void **)&a->spare, OUT_ALIGN, OUT_BLOCK) != 0) a->spare = NULL;
  if (!a->spare || pthread_mutex_init(&a->mu, NULL) != 0) goto fail;
  if (pthread_cond_init(&a->cv, NULL) != 0) {
    pthread_mutex_destroy(&a->mu);
    goto fail;
  }
  if (pthread_create(&a->th, NULL, out_writer, a) != 0) {
    pthread_cond_destroy(&a->cv);
    pthread_mutex_destroy(&a->mu);
    goto fail;
  }
  o->as = a;
  return 0;
fail:
  free(a->spare);
  free(a);
  return -1;
}

/* Hand the filled part of the block to the stream: to the writer thread
 * (started on the first full block), or written here. */
static void out_hand(OutFile *o) {
  if (!o->nbuf) return;
  if (!o->as && (o->nbuf < OUT_BLOCK || out_start(o) != 0)) {
    if (!o->failed && fwrite(o->buf, 1, o->nbuf, o->f) != o->nbuf) o->failed = 1;
    o->nbuf = 0;
    return;
  }
  OutAsync *a = o->as;
  pthread_mutex_lock(&a->mu);
  while (a->pending) pthread_cond_wait(&a->cv, &a->mu);
  if (a->failed) {
    o->failed = 1;
    errno = a->err;
  }
  a->pending = o->buf;
  a->npending = o->nbuf;
  pthread_cond_broadcast(&a->cv);
  pthread_mutex_unlock(&a->mu);
  char *next = a->spare;
  a->spare = o->buf; /* the writer's until pending is NULL again */
  o->buf = next;
  o->nbuf = 0;
}

/* Write what is left and stop the writer. */
static void out_finish(OutFile *o) {
  out_hand(o);
  OutAsync *a = o->as;
  if (!a) return;
  pthread_mutex_lock(&a->mu);
  a->quit = 1;
  pthread_cond_broadcast(&a->cv);
  pthread_mutex_unlock(&a->mu);
  pthread_join(a->th, NULL);
  if (a->failed) {
    o->failed = 1;
    errno = a->err;
  }
  pthread_cond_destroy(&a->cv);
  pthread_mutex_destroy(&a->mu);
  free(a->spare);
  free(a);
  o->as = NULL;
}

/* Reports arrive in many small pieces: gather them in blocks and hand the
 * stream whole blocks, which is several times faster than one stdio call
 * per piece. */
int out_write(void *ud, const void *bytes, size_t len) {
  OutFile *o = ud;
  const char *p = bytes;
  /* aligned for [OUT-DIRECT]; aborts as the other allocations here */
  if (!o->buf && posix_memalign((void **)&o->buf, OUT_ALIGN, OUT_BLOCK) != 0) abort();
  while (len && !o->failed) {
    size_t room = OUT_BLOCK - o->nbuf, k = len < room ? len : room;
    memcpy(o->buf + o->nbuf, p, k);
    o->nbuf += k;
    p += k;
    len -= k;
    if (o->nbuf == OUT_BLOCK) out_hand(o);
  }
  return o->failed;
}

int out_close(OutFile *o, int ok) {
  if (!o->f) return -1;
  out_finish(o);
  free(o->buf);
  o->buf = NULL;
  if (o->f == stdout) {
    if (fflush(stdout) != 0 || ferror(stdout)) o->failed = 1;
    if (o->failed) fprintf(stderr, _("indc: error: cannot write to stdout: %s\n"), strerror(errno));
    return ok && !o->failed ? 0 : -1;
  }
  if (o->direct) {
    int bad = fclose(o->f) != 0 || o->failed;
    /* as below: the caller reported its own failure, not a failed write */
    if (bad && (ok || o->failed))
      fprintf(stderr, _("indc: error: cannot write '%s': %s\n"), o->path, strerror(errno));
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
  int reg = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
  if (!reg && S_ISDIR(st.st_mode)) { /* fopen opens one; reading it fails with EISDIR */
    fprintf(stderr, _("indc: error: cannot read '%s': %s\n"), path, strerror(EISDIR));
    fclose(f);
    return -1;
  }
  if (reg && (uintmax_t)st.st_size > CLI_READ_MAX) {
    fprintf(stderr, _("indc: error: cannot read '%s': file too large (%ju bytes; the limit is %zu)\n"),
            path, (uintmax_t)st.st_size, CLI_READ_MAX);
    fclose(f);
    return -1;
  }
  /* a regular file is read into a buffer of its size (+1 to see its end) */
  size_t cap = 1 << 16, n = 0;
  int err = 0;
  if (reg && st.st_size > 0) cap = (size_t)st.st_size + 1;
  char *buf = malloc(cap);
  if (buf) rt_populate(buf, cap); /* the read fills it: its pages at once, not a fault each */
  for (;;) {
    if (!buf) abort();
    if (n == cap) buf = realloc(buf, cap *= 2);
    if (!buf) abort();
    size_t k = fread(buf + n, 1, cap - n, f);
    if (k == 0) {
      err = errno;
      break;
    }
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
      fprintf(stderr, _("indc: error: cannot read '%s': %s\n"), path, strerror(err ? err : EIO));
    free(buf);
    return -1;
  }
  *data = buf;
  *len = n;
  return 0;
}
