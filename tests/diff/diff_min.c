/*
 * diff_min.c - cutting a failing case down (diff.h).
 *
 * Delta debugging over deletions: try deleting half of the projects (or
 * indicators, or rows), then quarters, down to one at a time, keeping
 * every deletion after which the case still fails the same way
 * (dr_same_failure).  A deletion that makes the case invalid (weights no
 * longer adding up, a row for a deleted field) fails differently and is
 * undone like any other.  Beside deletions, a generated case tries a few
 * simplifications: no policy, no weights, plain names and punctuation,
 * CSV instead of JSON.  Passes repeat until one changes nothing.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "diff.h"

enum { DM_PASSES = 4 };

typedef struct Min {
  Runner *r;
  const DrOutcome *orig;
  unsigned char mask[DR_MAX_PATHS]; /* only the failing path beside the VM */
  const char *as_of;                /* NULL when the failure is at year end */
  int tries;
  int (*render)(struct Min *m, char *spec, char *data, size_t cap);
  void *state;
} Min;

static void min_init(Min *m, Runner *r, const DrOutcome *orig, const char *as_of) {
  memset(m, 0, sizeof *m);
  m->r = r, m->orig = orig, m->as_of = orig->mid_year ? as_of : NULL;
  if (orig->kind != DR_GENBUG) m->mask[orig->path] = 1;
}

/* 1 when the current state still fails like the original. */
static int still_fails(Min *m) {
  char spec[1200], data[1200];
  m->tries++;
  if (m->render(m, spec, data, sizeof spec) != 0) return 0;
  DrOutcome o;
  dr_check(m->r, spec, data, m->as_of, m->mask, &o);
  int same = dr_same_failure(m->orig, &o);
  dr_outcome_free(&o);
  return same;
}

/* Delete the flags in units (each pointing at a 1) in chunks while the
 * failure persists.  Returns 1 if anything was deleted. */
static int ddmin(Min *m, int **units, int n) {
  int progress = 0;
  if (n == 0) return 0;
  for (int chunk = n > 1 ? n / 2 : 1;; chunk /= 2) {
    for (int i = 0; i < n; i += chunk) {
      int changed = 0;
      for (int k = i; k < i + chunk && k < n; k++) changed += *units[k], *units[k] = 0;
      if (!changed) continue;
      if (still_fails(m)) {
        progress = 1;
        continue;
      }
      for (int k = i; k < i + chunk && k < n; k++) *units[k] = 1;
    }
    if (chunk <= 1) break;
  }
  return progress;
}

/* ---- generated cases ------------------------------------------------------------------------- */

typedef struct GenMin {
  GenCase *c, *save;
  const char *dir;
} GenMin;

static int render_generated(Min *m, char *spec, char *data, size_t cap) {
  GenMin *g = m->state;
  if (gen_write_dir(g->c, g->dir) != 0) return -1;
  snprintf(spec, cap, "%s/case.ind", g->dir);
  snprintf(data, cap, "%s/%s", g->dir, gen_data_name(g->c));
  return 0;
}

/* Apply fn to the case; keep the change only if the case still fails. */
static int try_change(Min *m, void (*fn)(GenCase *)) {
  GenMin *g = m->state;
  memcpy(g->save, g->c, sizeof *g->c);
  fn(g->c);
  if (!memcmp(g->save, g->c, sizeof *g->c)) return 0;
  if (still_fails(m)) return 1;
  memcpy(g->c, g->save, sizeof *g->c);
  return 0;
}

static void no_policy(GenCase *c) { c->part[0].pol.text[0] = c->part[1].pol.text[0] = '\0'; }

static void no_weights(GenCase *c) {
  for (int p = 0; p < c->nproj; p++) {
    GenProj *pr = &c->proj[p];
    for (int i = 0; i < pr->nind; i++) pr->ind[i].has_weight = 0;
    for (int i = 0; i < pr->nl1; i++) {
      pr->l1[i].has_weight = 0;
      for (int j = 0; j < pr->l1[i].nsub; j++) pr->l1[i].sub[j].has_weight = 0;
    }
  }
}

static void plain_style(GenCase *c) {
  c->lang = c->catstyle = c->fullwidth = c->semicolons = c->indent = c->agency = 0;
  c->custom_units = c->custom_scale = 0;
  c->csv_bom = c->csv_crlf = c->csv_trailing_blank = 0;
}

static void plain_names(GenCase *c) {
  for (int p = 0; p < c->nproj; p++) {
    GenProj *pr = &c->proj[p];
    memcpy(pr->spec_name, pr->name, sizeof pr->name);
    pr->purpose[0] = '\0';
    for (int i = 0; i < pr->nind; i++) {
      memcpy(pr->ind[i].spec_name, pr->ind[i].name, sizeof pr->ind[i].name);
      pr->ind[i].desc[0] = '\0';
    }
  }
  for (int r = 0; r < c->nrow; r++) {
    memcpy(c->row[r].proj_ref, c->proj[c->row[r].proj].name, sizeof c->row[r].proj_ref);
    c->row[r].note[0] = '\0';
    c->row[r].blank_proj = 0;
  }
}

static void to_csv(GenCase *c) { c->json = 0; }

static int simplify(Min *m) {
  int progress = 0;
  progress |= try_change(m, no_policy);
  progress |= try_change(m, no_weights);
  progress |= try_change(m, plain_style);
  progress |= try_change(m, plain_names);
  progress |= try_change(m, to_csv);
  return progress;
}

static int cut_projects(Min *m, GenCase *c) {
  int *units[GEN_MAX_PROJ], n = 0;
  for (int p = 0; p < c->nproj; p++)
    if (c->proj[p].alive) units[n++] = &c->proj[p].alive;
  return n > 1 ? ddmin(m, units, n) : 0;
}

static int cut_indicators(Min *m, GenCase *c) {
  int *units[GEN_MAX_PROJ * GEN_MAX_IND], n = 0;
  for (int p = 0; p < c->nproj; p++)
    for (int i = 0; c->proj[p].alive && i < c->proj[p].nind; i++)
      if (c->proj[p].ind[i].alive) units[n++] = &c->proj[p].ind[i].alive;
  return ddmin(m, units, n);
}

static int cut_rows(Min *m, GenCase *c) {
  int *units[GEN_MAX_ROWS], n = 0;
  for (int r = 0; r < c->nrow; r++)
    if (gen_row_live(c, r)) units[n++] = &c->row[r].alive;
  return ddmin(m, units, n);
}

int dm_generated(Runner *r, GenCase *c, const char *dir, const DrOutcome *orig) {
  Min m;
  min_init(&m, r, orig, c->as_of);
  GenMin g = {c, malloc(sizeof *c), dir};
  if (!g.save) return 0;
  m.render = render_generated, m.state = &g;
  if (!orig->mid_year) c->as_of[0] = '\0';
  for (int pass = 0; pass < DM_PASSES; pass++) {
    int progress = cut_projects(&m, c);
    progress |= simplify(&m);
    progress |= cut_indicators(&m, c);
    progress |= cut_rows(&m, c);
    if (!progress) break;
  }
  free(g.save);
  gen_write_dir(c, dir);
  return m.tries;
}

/* ---- hand-written cases: spec files and a CSV file ------------------------------------ */

typedef struct TLine {
  char *text;   /* without the newline */
  int block;    /* indicator block it belongs to, or -1 */
} TLine;

typedef struct TFile {
  char name[256];
  int alive;
  TLine *line;
  int nline;
} TFile;

typedef struct TCase {
  TFile *file;
  int nfile;
  int *block_alive; /* per indicator block, over all files */
  int *block_file;  /* the file each block is in */
  int nblock;
  char **rec;       /* CSV records (rec[0] the header) */
  int *rec_alive;
  int nrec;
  const char *dir;
} TCase;

/* Net braces of one spec line, outside strings and comments. */
static int brace_count(const char *s) {
  int n = 0, cn = 0; /* cn: depth of “…” */
  for (; *s; s++) {
    if (!cn && *s == '"') {
      for (s++; *s && *s != '"'; s++)
        if (*s == '\\' && s[1]) s++;
      if (!*s) break;
    } else if (!strncmp(s, "“", 3)) {
      cn++, s += 2;
    } else if (cn && !strncmp(s, "”", 3)) {
      cn--, s += 2;
    } else if (!cn && *s == '#') {
      break;
    } else if (!cn) {
      n += (*s == '{') - (*s == '}') + !strncmp(s, "｛", 3) - !strncmp(s, "｝", 3);
    }
  }
  return n;
}

static int starts_indicator(const char *s) {
  while (*s == ' ' || *s == '\t' || !strncmp(s, "　", 3)) s += *s == ' ' || *s == '\t' ? 1 : 3;
  return !strncmp(s, "指标", strlen("指标")) || !strncmp(s, "indicator ", strlen("indicator "));
}

static void mark_blocks(TCase *t, TFile *f) {
  for (int i = 0; i < f->nline; i++) {
    f->line[i].block = -1;
  }
  for (int i = 0; i < f->nline; i++) {
    if (!starts_indicator(f->line[i].text)) continue;
    int b = t->nblock++, depth = 0, j = i;
    t->block_alive = realloc(t->block_alive, (size_t)t->nblock * sizeof *t->block_alive);
    t->block_file = realloc(t->block_file, (size_t)t->nblock * sizeof *t->block_file);
    t->block_alive[b] = 1, t->block_file[b] = (int)(f - t->file);
    do {
      depth += brace_count(f->line[j].text);
      f->line[j].block = b;
    } while (depth > 0 && ++j < f->nline);
    i = j;
  }
}

static void split_lines(TFile *f, char *text) {
  for (char *s = text; *s;) {
    char *nl = strchr(s, '\n');
    if (nl) *nl = '\0';
    f->line = realloc(f->line, (size_t)(f->nline + 1) * sizeof *f->line);
    f->line[f->nline++] = (TLine){strdup(s), -1};
    if (!nl) break;
    s = nl + 1;
  }
}

static int load_spec_file(TCase *t, const char *path, const char *name) {
  DxBuf b;
  if (dx_read(path, &b) != 0) return -1;
  t->file = realloc(t->file, (size_t)(t->nfile + 1) * sizeof *t->file);
  TFile *f = &t->file[t->nfile++];
  memset(f, 0, sizeof *f);
  snprintf(f->name, sizeof f->name, "%s", name);
  f->alive = 1;
  split_lines(f, b.p);
  free(b.p);
  mark_blocks(t, f);
  return 0;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_spec(TCase *t, const char *spec) {
  struct stat st;
  if (stat(spec, &st) != 0) return -1;
  if (!S_ISDIR(st.st_mode)) {
    const char *slash = strrchr(spec, '/');
    return load_spec_file(t, spec, slash ? slash + 1 : spec);
  }
  DIR *d = opendir(spec);
  if (!d) return -1;
  char *names[512];
  int n = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL && n < 512;) {
    size_t len = strlen(e->d_name);
    if (len > 4 && !strcmp(e->d_name + len - 4, ".ind")) names[n++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], by_name);
  for (int i = 0; i < n; i++) {
    char path[1300];
    snprintf(path, sizeof path, "%s/%s", spec, names[i]);
    load_spec_file(t, path, names[i]);
    free(names[i]);
  }
  return 0;
}

/* Split CSV text into records (quotes may hold line breaks). */
static void split_records(TCase *t, const char *s) {
  while (*s) {
    const char *p = s;
    int q = 0;
    while (*p && (q || (*p != '\n' && *p != '\r'))) q ^= *p++ == '"';
    t->rec = realloc(t->rec, (size_t)(t->nrec + 1) * sizeof *t->rec);
    t->rec[t->nrec++] = strndup(s, (size_t)(p - s));
    s = p;
    if (*s == '\r') s++;
    if (*s == '\n') s++;
  }
  t->rec_alive = calloc((size_t)t->nrec + 1, sizeof *t->rec_alive);
  for (int i = 0; i < t->nrec; i++) t->rec_alive[i] = 1;
}

/* Bytes [*lo, *hi) of field k of CSV record s; 0 when it has none. */
static int field_span(const char *s, int k, size_t *lo, size_t *hi) {
  size_t i = 0;
  for (int f = 0;; f++) {
    size_t start = i;
    int q = 0;
    while (s[i] && (q || s[i] != ',')) q ^= s[i++] == '"';
    if (f == k) return *lo = start, *hi = i, 1;
    if (!s[i]) return 0;
    i++;
  }
}

/* Which column holds the project: its header says project or 项目. */
static int project_column(const char *header) {
  for (int k = 0;; k++) {
    size_t lo, hi;
    if (!field_span(header, k, &lo, &hi)) return -1;
    while (lo < hi && header[lo] == ' ') lo++;
    while (hi > lo && header[hi - 1] == ' ') hi--;
    if ((hi - lo == 7 && !strncasecmp(header + lo, "project", 7)) ||
        (hi - lo == strlen("项目") && !strncmp(header + lo, "项目", hi - lo)))
      return k;
  }
}

/* Write the project into records whose project cell is blank, so that
 * rows can be deleted one by one (a blank cell means "the row above's"). */
static void fill_projects(TCase *t) {
  if (t->nrec < 2) return;
  int col = project_column(t->rec[0]);
  char last[2048] = "";
  for (int i = 1; col >= 0 && i < t->nrec; i++) {
    size_t lo, hi;
    char *s = t->rec[i];
    if (!field_span(s, col, &lo, &hi)) continue;
    int blank = 1;
    for (size_t k = lo; k < hi; k++) blank &= s[k] == ' ';
    if (!blank) {
      snprintf(last, sizeof last, "%.*s", (int)(hi - lo), s + lo);
      continue;
    }
    if (!*s || strspn(s, ", ") == strlen(s)) continue; /* a blank row */
    char *n = malloc(strlen(s) + strlen(last) + 1);
    sprintf(n, "%.*s%s%s", (int)lo, s, last, s + hi);
    free(s);
    t->rec[i] = n;
  }
}

static int render_text(Min *m, char *spec, char *data, size_t cap) {
  TCase *t = m->state;
  snprintf(spec, cap, "%s/spec", t->dir);
  snprintf(data, cap, "%s/data.csv", t->dir);
  dx_rmtree(spec);
  if (dx_mkdirs(spec) != 0) return -1;
  for (int i = 0; i < t->nfile; i++) {
    TFile *f = &t->file[i];
    if (!f->alive) continue;
    char path[1500];
    snprintf(path, sizeof path, "%s/%s", spec, f->name);
    FILE *out = fopen(path, "wb");
    if (!out) return -1;
    for (int k = 0; k < f->nline; k++)
      if (f->line[k].block < 0 || t->block_alive[f->line[k].block])
        fprintf(out, "%s\n", f->line[k].text);
    fclose(out);
  }
  FILE *out = fopen(data, "wb");
  if (!out) return -1;
  for (int i = 0; i < t->nrec; i++)
    if (i == 0 || t->rec_alive[i]) fprintf(out, "%s\n", t->rec[i]);
  return fclose(out);
}

static void free_text(TCase *t) {
  for (int i = 0; i < t->nfile; i++) {
    for (int k = 0; k < t->file[i].nline; k++) free(t->file[i].line[k].text);
    free(t->file[i].line);
  }
  for (int i = 0; i < t->nrec; i++) free(t->rec[i]);
  free(t->file), free(t->block_alive), free(t->block_file), free(t->rec), free(t->rec_alive);
}

int dm_text(Runner *r, const char *spec, const char *data, const char *as_of, const char *dir,
            const DrOutcome *orig) {
  TCase t;
  memset(&t, 0, sizeof t);
  t.dir = dir;
  DxBuf csv;
  if (load_spec(&t, spec) != 0 || dx_read(data, &csv) != 0) return 0;
  split_records(&t, csv.p);
  free(csv.p);
  Min m;
  min_init(&m, r, orig, as_of);
  m.render = render_text, m.state = &t;
  char **before = malloc((size_t)t.nrec * sizeof *before);
  for (int i = 0; i < t.nrec; i++) before[i] = strdup(t.rec[i]);
  fill_projects(&t);
  if (!still_fails(&m)) /* filling in the project cells hid the failure */
    for (int i = 0; i < t.nrec; i++) free(t.rec[i]), t.rec[i] = strdup(before[i]);
  for (int i = 0; i < t.nrec; i++) free(before[i]);
  free(before);
  int *units[4096];
  for (int pass = 0; pass < DM_PASSES; pass++) {
    /* rows first: a row of a deleted project or indicator fails to load */
    int n = 0, progress = 0;
    for (int i = 1; i < t.nrec && n < 4096; i++)
      if (t.rec_alive[i]) units[n++] = &t.rec_alive[i];
    progress |= ddmin(&m, units, n);
    n = 0;
    for (int i = 0; i < t.nfile && n < 4096; i++)
      if (t.file[i].alive) units[n++] = &t.file[i].alive;
    progress |= n > 1 ? ddmin(&m, units, n) : 0;
    n = 0;
    for (int b = 0; b < t.nblock && n < 4096; b++)
      if (t.block_alive[b] && t.file[t.block_file[b]].alive) units[n++] = &t.block_alive[b];
    progress |= ddmin(&m, units, n);
    if (!progress) break;
  }
  char s[1200], d[1200];
  render_text(&m, s, d, sizeof s);
  free_text(&t);
  return m.tries;
}
