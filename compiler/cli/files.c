/*
 * files.c - expanding the file and directory arguments of a command.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "support/i18n.h"

void paths_free(PathList *l) {
  for (size_t i = 0; i < l->n; i++) free(l->v[i]);
  free(l->v);
  l->v = NULL;
  l->n = l->cap = 0;
}

static void push(PathList *l, char *s) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 16;
    char **n = realloc(l->v, l->cap * sizeof *n);
    if (!n) abort();
    l->v = n;
  }
  l->v[l->n++] = s;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int add_dir(PathList *l, const char *dir, int depth) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, _("indc: error: cannot read directory '%s': %s\n"), dir, strerror(errno));
    return 0;
  }
  PathList sub = {0};
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    size_t n = strlen(dir) + strlen(e->d_name) + 2;
    char *p = malloc(n);
    if (!p) abort();
    snprintf(p, n, "%s%s%s", dir, ends_with(dir, "/") ? "" : "/", e->d_name);
    push(&sub, p);
  }
  closedir(d);
  qsort(sub.v, sub.n, sizeof *sub.v, cmp_str);
  int ok = 1;
  for (size_t i = 0; i < sub.n; i++) {
    struct stat st;
    if (stat(sub.v[i], &st) != 0) continue;
    if (S_ISDIR(st.st_mode) && depth < 32) {
      ok &= add_dir(l, sub.v[i], depth + 1);
    } else if (S_ISREG(st.st_mode) && ends_with(sub.v[i], ".ind") &&
               !ends_with(sub.v[i], "_test.ind")) {
      push(l, sub.v[i]);
      sub.v[i] = NULL;
    }
  }
  paths_free(&sub);
  return ok;
}

int paths_add(PathList *l, const char *path) {
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) return add_dir(l, path, 0);
  char *p = strdup(path);
  if (!p) abort();
  push(l, p);
  return 1;
}
