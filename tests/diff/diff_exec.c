/*
 * diff_exec.c - running indc and capturing its output, and the few file
 * operations the runner needs (diff.h).  POSIX only: fork, exec, poll.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diff.h"

static int buf_add(DxBuf *b, const char *p, size_t n) {
  char *q = realloc(b->p, b->n + n + 1);
  if (!q) return -1;
  memcpy(q + b->n, p, n);
  b->p = q, b->n += n;
  b->p[b->n] = '\0';
  return 0;
}

/* Read both pipes until both are closed. */
static void drain(int fo, int fe, DxResult *r) {
  struct pollfd pf[2] = {{fo, POLLIN, 0}, {fe, POLLIN, 0}};
  DxBuf *dst[2] = {&r->out, &r->err};
  int open_fds = 2;
  char chunk[65536];
  while (open_fds > 0) {
    if (poll(pf, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; i++) {
      if (pf[i].fd < 0 || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(pf[i].fd, chunk, sizeof chunk);
      if (n > 0) {
        buf_add(dst[i], chunk, (size_t)n);
      } else if (n == 0 || errno != EINTR) {
        close(pf[i].fd);
        pf[i].fd = -1;
        open_fds--;
      }
    }
  }
}

/* execvp takes char *const[]; it does not write to the strings. */
static char *unconst(const char *s) {
  union {
    const char *c;
    char *m;
  } u = {s};
  return u.m;
}

int dx_run(const char *const argv[], unsigned timeout, DxResult *r) {
  char *args[64];
  int n = 0;
  for (; argv[n] && n < 63; n++) args[n] = unconst(argv[n]);
  args[n] = NULL;
  memset(r, 0, sizeof *r);
  buf_add(&r->out, "", 0);
  buf_add(&r->err, "", 0);
  int po[2], pe[2];
  if (pipe(po) != 0) return -1;
  if (pipe(pe) != 0) {
    close(po[0]), close(po[1]);
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    close(po[0]), close(po[1]), close(pe[0]), close(pe[1]);
    return -1;
  }
  if (pid == 0) {
    dup2(po[1], 1), dup2(pe[1], 2);
    close(po[0]), close(po[1]), close(pe[0]), close(pe[1]);
    signal(SIGALRM, SIG_DFL);
    if (timeout) alarm(timeout); /* the alarm survives exec */
    execvp(args[0], args);
    fprintf(stderr, "cannot run %s: %s\n", args[0], strerror(errno));
    _exit(127);
  }
  close(po[1]), close(pe[1]);
  drain(po[0], pe[0], r);
  int st;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
  r->status = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? -WTERMSIG(st) : -1;
  return 0;
}

void dx_free(DxResult *r) {
  free(r->out.p);
  free(r->err.p);
  memset(r, 0, sizeof *r);
}

int dx_same(const DxResult *a, const DxResult *b) {
  return a->status == b->status && a->out.n == b->out.n &&
         (a->out.n == 0 || memcmp(a->out.p, b->out.p, a->out.n) == 0);
}

/* ---- files ----------------------------------------------------------------------------------- */

int dx_write(const char *path, const char *bytes, size_t n) {
  FILE *f = fopen(path, "wb");
  if (!f) return -1;
  int rc = fwrite(bytes, 1, n, f) == n ? 0 : -1;
  if (fclose(f) != 0) rc = -1;
  return rc;
}

int dx_read(const char *path, DxBuf *b) {
  memset(b, 0, sizeof *b);
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  char chunk[65536];
  size_t n;
  int rc = buf_add(b, "", 0);
  while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0) rc = buf_add(b, chunk, n);
  if (ferror(f)) rc = -1;
  fclose(f);
  return rc;
}

int dx_mkdirs(const char *path) {
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s", path);
  for (char *p = tmp + 1; *p; p++)
    if (*p == '/') {
      *p = '\0';
      if (mkdir(tmp, 0777) != 0 && errno != EEXIST) return -1;
      *p = '/';
    }
  return mkdir(tmp, 0777) != 0 && errno != EEXIST ? -1 : 0;
}

int dx_rmtree(const char *path) {
  struct stat st;
  if (lstat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
  if (!S_ISDIR(st.st_mode)) return unlink(path);
  DIR *d = opendir(path);
  if (!d) return -1;
  struct dirent *e;
  int rc = 0;
  while ((e = readdir(d)) != NULL) {
    if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
    rc |= dx_rmtree(sub);
  }
  closedir(d);
  return rc | rmdir(path);
}

int dx_copy(const char *from, const char *to) {
  DxBuf b;
  if (dx_read(from, &b) != 0) return -1;
  int rc = dx_write(to, b.p, b.n);
  free(b.p);
  return rc;
}
