/*
 * files.c - the file and directory arguments of a command: expanding
 * them, telling a compiled program from specs, loading a .indb, and
 * refusing an output that would overwrite an input.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bc.h"
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

int cli_ends_with(const char *s, const char *suffix) {
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
    snprintf(p, n, "%s%s%s", dir, cli_ends_with(dir, "/") ? "" : "/", e->d_name);
    push(&sub, p);
  }
  closedir(d);
  if (sub.n) qsort(sub.v, sub.n, sizeof *sub.v, cmp_str);
  int ok = 1;
  for (size_t i = 0; i < sub.n; i++) {
    struct stat st;
    if (stat(sub.v[i], &st) != 0) {
      /* a spec that cannot be read (a dangling link, no permission) is
       * not skipped in silence; other names are none of our business */
      if (cli_ends_with(sub.v[i], ".ind")) {
        fprintf(stderr, _("indc: error: cannot read '%s': %s\n"), sub.v[i], strerror(errno));
        ok = 0;
      }
      continue;
    }
    if (S_ISDIR(st.st_mode) && depth >= 32) {
      fprintf(stderr, _("indc: error: directory '%s' is nested more than 32 levels deep; name it "
                        "on the command line\n"),
              sub.v[i]);
      ok = 0;
    } else if (S_ISDIR(st.st_mode)) {
      ok &= add_dir(l, sub.v[i], depth + 1);
    } else if (S_ISREG(st.st_mode) && cli_ends_with(sub.v[i], ".ind") &&
               !cli_ends_with(sub.v[i], "_test.ind")) {
      push(l, sub.v[i]);
      sub.v[i] = NULL;
    }
  }
  paths_free(&sub);
  return ok;
}

int paths_add(PathList *l, const char *path) {
  struct stat st;
  if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    size_t before = l->n;
    if (!add_dir(l, path, 0)) return 0;
    if (l->n == before) {
      fprintf(stderr, _("indc: error: no .ind files in directory '%s'\n"), path);
      return 0;
    }
    return 1;
  }
  char *p = strdup(path);
  if (!p) abort();
  push(l, p);
  return 1;
}

int cli_same_file(const char *a, const char *b) {
  struct stat sa, sb;
  return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino && S_ISREG(sa.st_mode);
}

const char *cli_output_is_input(const char *out, const PathList *inputs, const char *other) {
  if (!out || !strcmp(out, "-")) return NULL;
  if (other && cli_same_file(out, other)) return other;
  for (size_t i = 0; i < inputs->n; i++)
    if (cli_same_file(out, inputs->v[i])) return inputs->v[i];
  return NULL;
}

int cli_refuse_overwrite(const char *cmd, const char *out, const PathList *inputs) {
  const char *clash = cli_output_is_input(out, inputs, NULL);
  if (clash)
    fprintf(stderr, _("%s: the output would overwrite the input '%s'; write it elsewhere\n"), cmd,
            clash);
  return clash != NULL;
}

int cli_program_kind(const char *cmd, const PathList *files) {
  for (size_t i = 0; i < files->n; i++)
    if (cli_ends_with(files->v[i], ".indb")) {
      if (files->n == 1) return 1;
      fprintf(stderr, _("%s: '%s' is compiled bytecode, a whole program: give it alone, without "
                        "other specs or .indb files\n"),
              cmd, files->v[i]);
      return -1;
    }
  return 0;
}

int cli_load_indb(const char *path, RtProgram *out) {
  char *data;
  size_t len;
  if (cli_read_file(path, &data, &len) != 0) return 1;
  BcError err;
  indrt_status st = bc_load(data, len, 0, out, &err);
  free(data);
  if (st == INDRT_OK) return 0;
  fprintf(stderr, _("%s: error: %s (at byte %llu)\n"), path, err.msg,
          (unsigned long long)err.offset);
  return 1;
}
