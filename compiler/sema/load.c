/*
 * load.c - loading a compilation: the prelude, the files named, and their
 * imports, each file once ([IMPORT-1] in docs/language.md).
 *
 * Imports are followed depth-first.  A file being visited that is reached
 * again is an import cycle (E0601), reported at the import that closes it
 * with the chain in a note.  Files are identified by their real path, so
 * `a/../b.ind` and `b.ind` are one file.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../front/parse.h"
#include "support/i18n.h"
#include "../support/indc_limits.h"
#include "program.h"

void prog_init(Program *p) {
  memset(p, 0, sizeof *p);
  arena_init(&p->arena);
  arena_init(&p->keys_scratch);
  src_init(&p->sources);
  diag_init(&p->diags);
}

void prog_free(Program *p) {
  strmap_free(&p->project_keys);
  strmap_free(&p->ind_keys);
  strmap_free(&p->ind_ids);
  strmap_free(&p->real_paths);
  free(p->files);
  free(p->units);
  free(p->scales);
  free(p->projects);
  free(p->project_file);
  diag_free(&p->diags);
  src_free(&p->sources);
  arena_free(&p->arena);
  arena_free(&p->keys_scratch);
}

static Span no_span(void) {
  Span s = {UINT32_MAX, 0, 0};
  return s;
}

static ProgFile *add_file(Program *p, uint32_t source) {
  if (p->nfiles == p->capfiles) {
    p->capfiles = p->capfiles ? p->capfiles * 2 : 16;
    ProgFile **n = realloc(p->files, p->capfiles * sizeof *n);
    if (!n) abort();
    p->files = n;
  }
  ProgFile *f = arena_alloc(&p->arena, sizeof *f);
  f->source = source;
  unsigned used;
  f->ast = parse_file_parts(&p->arena, &p->diags, &p->sources, source, p->jobs, 0, &used);
  if (used > p->parsed_parts) p->parsed_parts = used;
  p->files[p->nfiles++] = f;
  return f;
}

/* The directory part of path, with its trailing slash ("" for none). */
static char *dir_of(Program *p, const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? arena_strndup(&p->arena, path, (size_t)(slash - path) + 1)
               : arena_strdup(&p->arena, "");
}

/* The file loaded from real path `real`, or NULL.  A map, not a search:
 * a compilation of thousands of files stays linear. */
static ProgFile *find_loaded(Program *p, const char *real) {
  return strmap_get(&p->real_paths, real);
}

/* Record that f was loaded from `path` (when it names a file). */
static void note_loaded(Program *p, const char *path, ProgFile *f) {
  char real[PATH_MAX];
  if (path[0] != '<' && realpath(path, real))
    strmap_put(&p->real_paths, arena_strdup(&p->arena, real), f);
}

static void report_cycle(Program *p, ProgFile **stack, size_t depth, ProgFile *again,
                         const Import *im) {
  size_t start = 0;
  while (start < depth && stack[start] != again) start++;
  char chain[2048] = "";
  size_t off = 0;
  for (size_t i = start; i < depth && off < sizeof chain; i++)
    off += (size_t)snprintf(chain + off, sizeof chain - off, "%s -> ",
                            src_get(&p->sources, stack[i]->source)->path);
  if (off < sizeof chain)
    snprintf(chain + off, sizeof chain - off, "%s", src_get(&p->sources, again->source)->path);
  Diag *d = diag_report(&p->diags, E_IMPORT_CYCLE, im->span, "import cycle: %s", chain);
  diag_hint(d, "move what the files share into a third file that both import");
}

/* Follow f's imports; `at` is the import that loaded f (no span for a file
 * named on the command line), where a chain too deep is reported. */
static void load_imports(Program *p, ProgFile *f, ProgFile **stack, size_t depth, Span at);

static ProgFile *load_path(Program *p, const char *path, Span at, ProgFile **stack,
                           size_t depth) {
  char real[PATH_MAX];
  if (!realpath(path, real)) {
    Diag *d = diag_report(&p->diags, at.file == UINT32_MAX ? E_READ : E_IMPORT_NOT_FOUND, at,
                          "cannot read '%s': %s", path, strerror(errno));
    if (at.file == UINT32_MAX) /* named on the command line */
      diag_hint(d, "check the file name; a relative path is taken from the current folder");
    else
      diag_hint(d, "imports are relative to the importing file's folder");
    return NULL;
  }
  ProgFile *f = find_loaded(p, real);
  if (f) {
    if (f->visiting) return f; /* the caller reports the cycle */
    return f;
  }
  /* An import names a file of specs: a device, a FIFO or a directory
   * named by a spec from elsewhere could block or never end. */
  struct stat st;
  if (at.file != UINT32_MAX && (stat(real, &st) != 0 || !S_ISREG(st.st_mode))) {
    Diag *d = diag_report(&p->diags, E_IMPORT_NOT_FOUND, at, "cannot read '%s': not a regular file",
                          path);
    diag_hint(d, "an import names a .ind file");
    return NULL;
  }
  if (p->nfiles > LIM_FILES) { /* p->files[0] is the prelude */
    diag_report(&p->diags, E_LIMIT, at, "more than %u files in one compilation", LIM_FILES);
    return NULL;
  }
  int64_t id = src_read_file(&p->sources, path, LIM_FILE_BYTES);
  if (id < 0) {
    int err = errno;
    Diag *d = diag_report(&p->diags, E_READ, at, "cannot read '%s': %s", path,
                          err == EFBIG ? _("file too large") : strerror(err));
    if (err == EFBIG) diag_hint(d, "the largest spec file is %u MiB", LIM_FILE_BYTES >> 20);
    return NULL;
  }
  f = add_file(p, (uint32_t)id);
  note_loaded(p, path, f);
  load_imports(p, f, stack, depth, at);
  return f;
}

static void load_imports(Program *p, ProgFile *f, ProgFile **stack, size_t depth, Span at) {
  if (depth >= LIM_IMPORT_DEPTH) {
    diag_report(&p->diags, E_LIMIT, at,
                "imports nested deeper than %u files", LIM_IMPORT_DEPTH);
    return;
  }
  stack[depth] = f;
  f->visiting = 1;
  const char *dir = dir_of(p, src_get(&p->sources, f->source)->path);
  for (size_t i = 0; i < f->ast->nimports; i++) {
    Import *im = f->ast->imports[i];
    const char *path =
        im->path[0] == '/' ? im->path : arena_printf(&p->arena, "%s%s", dir, im->path);
    char real[PATH_MAX];
    ProgFile *g = realpath(path, real) ? find_loaded(p, real) : NULL;
    if (g && g->visiting) {
      report_cycle(p, stack, depth + 1, g, im);
      continue;
    }
    g = load_path(p, path, im->span, stack, depth + 1);
    if (g) im->file = g->source;
  }
  f->visiting = 0;
}

static void load_prelude(Program *p) {
  if (p->nfiles) return;
  uint32_t id = src_add(&p->sources, "<prelude>", prelude_text, prelude_len);
  ProgFile *f = add_file(p, id);
  f->is_prelude = 1;
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), m = strlen(suffix);
  return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The specs beside a test file: every *.ind of its folder but the
 * *_test.ind files, in sorted order (docs/testing-rules.md [TEST-FILES]).
 * A folder that cannot be read is left to the test's own checks.
 */
static void load_test_siblings(Program *p, const char *test_path, ProgFile **stack) {
  const char *dir = dir_of(p, test_path);
  DIR *d = opendir(*dir ? dir : ".");
  if (!d) return;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.' || !ends_with(e->d_name, ".ind") || ends_with(e->d_name, "_test.ind"))
      continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      char **m = realloc(names, cap * sizeof *m);
      if (!m) abort();
      names = m;
    }
    names[n++] = arena_printf(&p->arena, "%s%s", dir, e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_name);
  for (size_t i = 0; i < n; i++) {
    ProgFile *f = load_path(p, names[i], no_span(), stack, 0);
    if (f) f->from_cli = 1;
  }
  free(names);
}

size_t prog_load(Program *p, char **paths, size_t npaths) {
  ProgFile *stack[LIM_IMPORT_DEPTH + 1];
  load_prelude(p);
  for (size_t i = 0; i < npaths; i++) {
    if (!p->no_tests && ends_with(paths[i], "_test.ind"))
      load_test_siblings(p, paths[i], stack);
    ProgFile *f = load_path(p, paths[i], no_span(), stack, 0);
    if (f) f->from_cli = 1;
  }
  return p->diags.nerrors;
}

size_t prog_load_buffer(Program *p, const char *name, const char *text, size_t len) {
  ProgFile *stack[LIM_IMPORT_DEPTH + 1];
  load_prelude(p);
  if (len > LIM_FILE_BYTES) {
    diag_report(&p->diags, E_READ, no_span(), "cannot read '%s': file too large", name);
    return p->diags.nerrors;
  }
  uint32_t id = src_add(&p->sources, name, text, len);
  ProgFile *f = add_file(p, id);
  f->from_cli = 1;
  note_loaded(p, name, f);
  load_imports(p, f, stack, 0, no_span());
  return p->diags.nerrors;
}
