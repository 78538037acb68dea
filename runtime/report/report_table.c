/*
 * report_table.c - the scorecard as aligned text for a terminal
 * ([REP-TABLE] in docs/report.md).
 *
 * Columns are aligned by display width (rep_width: CJK characters take two
 * columns), so each table is measured first and printed second.  A
 * project's rows are kept between the two passes, with their widths, in
 * an array that grows to the largest project (composing each row twice
 * was a third of writing the table); if it cannot grow, the texts are
 * composed again for the second pass instead.  Long texts in the name, target
 * and actual columns are cut to REP_TABLE_CELL columns with "…"; the
 * last column (the explanation) is never cut or padded.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* Widest name, target or actual cell, in display columns: with the other
 * columns a row of Chinese text still fits about 160 columns. */
#define REP_TABLE_CELL 24

enum { C_L2, C_NAME, C_TARGET, C_ACTUAL, C_STATUS, C_WEIGHT, C_SCORE, C_FLAGS, C_EXPL, NCOLS };

typedef struct Col {
  const char *head[2];
  unsigned char right; /* right-aligned (numbers) */
  unsigned char cut;   /* cut to REP_TABLE_CELL */
} Col;

static const Col cols[NCOLS] = {
    {{"二级指标", "level 2"}, 0, 1},   {{"三级指标", "indicator"}, 0, 1},
    {{"目标值", "target"}, 0, 1},      {{"实际值", "actual"}, 0, 1},
    {{"状态", "status"}, 0, 0},        {{"分值", "points"}, 1, 0},
    {{"得分", "score"}, 1, 0},         {{"标记", "flags"}, 0, 0},
    {{"说明", "explanation"}, 0, 0},
};

/* The texts of one row, their lengths and display widths. */
typedef struct Row {
  const char *s[NCOLS];
  size_t n[NCOLS];
  size_t w[NCOLS];
  unsigned char clean[NCOLS]; /* nothing for put_clean to replace */
  RepInd x;
  char flags[REP_TEXT];
} Row;

/* ---- cells -------------------------------------------------------------- */

/* Bytes of s[0..n) that fit in maxw columns. */
static size_t fit_bytes(const char *s, size_t n, size_t maxw, size_t *width) {
  size_t i = 0, w = 0;
  while (i < n) {
    int32_t cp;
    size_t k = rep_next(s + i, n - i, &cp);
    size_t cw = rep_width(s + i, k);
    if (w + cw > maxw) break;
    w += cw;
    i += k;
  }
  *width = w;
  return i;
}

/* Columns the cell s[0..n), w wide, takes when shown. */
static size_t cell_width(const char *s, size_t n, size_t w, int cut) {
  if (!cut || w <= REP_TABLE_CELL) return w;
  fit_bytes(s, n, REP_TABLE_CELL - 1, &w);
  return w + 1;
}

/* Write s[0..n) with control characters as spaces and invalid bytes as
 * U+FFFD, so that every column rep_width counts is one shown. */
static void put_clean(RepOut *o, const char *s, size_t n) {
  size_t i = 0, run = 0;
  while (i < n) {
    int32_t cp;
    size_t k = rep_next(s + i, n - i, &cp);
    if (cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0)) {
      i += k;
      continue;
    }
    rep_put(o, s + run, i - run);
    rep_puts(o, cp < 0 ? "\xEF\xBF\xBD" : " ");
    i += k;
    run = i;
  }
  rep_put(o, s + run, n - run);
}

/* One cell, `shown` columns wide, padded to width w (not padded when
 * last). */
static void put_cell(RepOut *o, const char *s, size_t n, size_t shown, size_t w, const Col *c,
                     int last, int clean) {
  int cut = c->cut && shown > REP_TABLE_CELL;
  if (cut) n = fit_bytes(s, n, REP_TABLE_CELL - 1, &shown), shown++;
  if (c->right) rep_spaces(o, w - shown);
  if (clean) /* measured so: no need to look again */
    rep_put(o, s, n);
  else
    put_clean(o, s, n);
  if (cut) rep_puts(o, "…");
  if (!c->right && !last) rep_spaces(o, w - shown);
}

static void put_row(RepOut *o, const Row *row, const size_t *w) {
  for (int k = 0; k < NCOLS; k++) {
    if (k) rep_puts(o, "  ");
    put_cell(o, row->s[k], row->n[k], row->w[k], w[k], &cols[k], k == NCOLS - 1, row->clean[k]);
  }
  rep_puts(o, "\n");
}

static void put_rule(RepOut *o, const size_t *w, int ncols) {
  for (int k = 0; k < ncols; k++) {
    if (k) rep_puts(o, "  ");
    for (size_t i = 0; i < w[k]; i++) rep_puts(o, "-");
  }
  rep_puts(o, "\n");
}

/* ---- the indicator table ---------------------------------------------------- */

static void set(Row *row, int k, const char *s) {
  row->s[k] = s;
  row->n[k] = strlen(s);
}

static void measure(Row *row) {
  for (int k = 0; k < NCOLS; k++) {
    int clean;
    row->w[k] = rep_width_clean(row->s[k], row->n[k], &clean);
    row->clean[k] = (unsigned char)clean;
  }
}

static void fill_head(Row *row, int en) {
  for (int k = 0; k < NCOLS; k++) set(row, k, cols[k].head[en]);
  measure(row);
}

static void fill_row(const RtResult *r, uint32_t i, int en, Row *row) {
  RepInd *x = &row->x;
  rep_ind(r, i, en, x);
  rep_level2_short(x->in->level2, en, &row->s[C_L2], &row->n[C_L2]);
  set(row, C_NAME, x->name);
  set(row, C_TARGET, x->target);
  set(row, C_ACTUAL, x->actual);
  set(row, C_STATUS, rep_status_word(x->res->status, en));
  set(row, C_WEIGHT, x->weight);
  set(row, C_SCORE, x->has_score ? x->score : "-");
  rep_flags_text(x->res->flags, en, en ? ", " : "、", row->flags, sizeof row->flags);
  set(row, C_FLAGS, row->flags);
  set(row, C_EXPL, x->expl);
  measure(row);
}

static void widen(size_t *w, const Row *row) {
  for (int k = 0; k < NCOLS; k++) {
    size_t cw = cell_width(row->s[k], row->n[k], row->w[k], cols[k].cut);
    if (cw > w[k]) w[k] = cw;
  }
}

/* Rows kept between the passes: some 1.9 KB each, as many as the largest
 * project so far has indicators. */
typedef struct Rows {
  Row *v;
  size_t cap;
} Rows;

/* Room for n rows, or NULL (then each row is composed twice). */
static Row *rows_for(Rows *rs, size_t n) {
  if (n > rs->cap) {
    Row *v = n <= SIZE_MAX / sizeof *v ? realloc(rs->v, n * sizeof *v) : NULL;
    if (!v) return NULL;
    rs->v = v;
    rs->cap = n;
  }
  return rs->v;
}

static void table_indicators(RepOut *o, const RtResult *r, const RepProj *x, int en, Rows *rs) {
  Row head, *rows = rows_for(rs, x->end - x->first);
  int keep = rows != NULL;
  size_t w[NCOLS] = {0};
  fill_head(&head, en);
  widen(w, &head);
  for (uint32_t i = x->first; i < x->end; i++) {
    Row *row = keep ? &rows[i - x->first] : &head;
    rep_prefetch_ind(r, i + REP_PREFETCH);
    fill_row(r, i, en, row);
    widen(w, row);
  }
  fill_head(&head, en);
  put_row(o, &head, w);
  put_rule(o, w, NCOLS);
  for (uint32_t i = x->first; i < x->end; i++) {
    Row *row = keep ? &rows[i - x->first] : &head;
    if (!keep) fill_row(r, i, en, row);
    put_row(o, row, w);
  }
}

/* ---- the project header --------------------------------------------------------- */

static void put_money(RepOut *o, const char *amount, const RepProj *x) {
  rep_puts(o, amount);
  if (*x->currency) {
    rep_puts(o, " ");
    put_clean(o, x->currency, strlen(x->currency));
  }
}

static void table_rate(RepOut *o, const RepProj *x, int en) {
  rep_puts(o, en ? " | Execution rate " : " | 执行率 ");
  if (x->has_rate) {
    rep_puts(o, x->rate);
    rep_puts(o, "%");
  } else {
    rep_puts(o, "-");
  }
  if (x->midyear) {
    rep_puts(o, en ? " (as of " : " (截至 ");
    rep_puts(o, x->as_of);
    if (x->elapsed[0]) {
      rep_puts(o, en ? ", elapsed " : ", 时间进度 ");
      rep_puts(o, x->elapsed);
      rep_puts(o, "%");
    }
    rep_puts(o, ")");
  }
  rep_puts(o, en ? " | Rate score " : " | 执行率得分 ");
  rep_puts(o, x->rate_score);
  rep_puts(o, " / ");
  rep_puts(o, x->rate_points);
}

static void table_header(RepOut *o, const RepProj *x, int en) {
  rep_puts(o, en ? "Project: " : "项目: ");
  put_clean(o, x->name, strlen(x->name));
  rep_puts(o, en ? "\nPlanned " : "\n预算数 ");
  put_money(o, x->planned, x);
  if (x->has_spent) {
    rep_puts(o, en ? " | Spent " : " | 执行数 ");
    put_money(o, x->spent, x);
  } else {
    rep_puts(o, en ? " | Spent not reported" : " | 执行数 未填报");
  }
  table_rate(o, x, en);
  rep_puts(o, en ? "\nTotal " : "\n总分 ");
  rep_puts(o, x->total);
  rep_puts(o, en ? " | Grade " : " | 等级 ");
  rep_puts(o, rep_grade_word(x->res->grade, en));
  if (x->res->flags) {
    char f[REP_TEXT];
    rep_flags_text(x->res->flags, en, en ? ", " : "、", f, sizeof f);
    rep_puts(o, en ? " | Flags " : " | 标记 ");
    rep_puts(o, f);
  }
  rep_puts(o, "\n\n");
}

/* The data's notes (备注) on the project's indicators, after its table:
 * "备注:", then the indicator's name and its note, each further line of
 * the note indented under the first. */
static void table_notes(RepOut *o, const RtResult *r, const RepProj *x, int en) {
  int any = 0;
  for (uint32_t i = x->first; i < x->end && !o->err; i++) {
    const char *note = rep_note(r, i);
    if (!*note) continue;
    rep_puts(o, any++ ? "" : en ? "Notes:\n" : "备注:\n");
    const char *name = r->prog->indicators[i].name;
    rep_puts(o, "  ");
    put_clean(o, name ? name : "", name ? strlen(name) : 0);
    rep_puts(o, ": ");
    for (const char *line = note, *nl;; line = nl + 1) {
      nl = strchr(line, '\n');
      size_t n = nl ? (size_t)(nl - line) : strlen(line);
      if (n && line[n - 1] == '\r') n--;
      put_clean(o, line, n);
      rep_puts(o, "\n");
      if (!nl) break;
      rep_puts(o, "    ");
    }
  }
}

static void table_project(RepOut *o, const RtResult *r, uint32_t p, int en, Rows *rs) {
  RepProj x;
  char line[REP_EXPL];
  rep_proj(r, p, &x);
  table_header(o, &x, en);
  table_indicators(o, r, &x, en, rs);
  rep_proj_summary(&x, en, line, sizeof line);
  rep_puts(o, line);
  rep_puts(o, "\n");
  table_notes(o, r, &x, en);
}

/* ---- the summary of several projects ------------------------------------------------ */

static const Col sum_cols[3] = {
    {{"项目", "project"}, 0, 0}, {{"总分", "total"}, 1, 0}, {{"等级", "grade"}, 0, 0}};

static void sum_row(RepOut *o, const char *const s[3], const size_t w[3]) {
  for (int k = 0; k < 3; k++) {
    if (k) rep_puts(o, "  ");
    size_t n = strlen(s[k]);
    put_cell(o, s[k], n, rep_width(s[k], n), w[k], &sum_cols[k], k == 2, 0);
  }
  rep_puts(o, "\n");
}

static void table_summary(RepOut *o, const RtResult *r, int en) {
  size_t w[3];
  const char *s[3];
  RepProj x;
  for (int k = 0; k < 3; k++) w[k] = rep_width(sum_cols[k].head[en], strlen(sum_cols[k].head[en]));
  for (uint32_t p = 0; p < r->prog->nprojects; p++) {
    rep_proj(r, p, &x);
    s[0] = x.name, s[1] = x.total, s[2] = rep_grade_word(x.res->grade, en);
    for (int k = 0; k < 3; k++)
      if (rep_width(s[k], strlen(s[k])) > w[k]) w[k] = rep_width(s[k], strlen(s[k]));
  }
  rep_puts(o, en ? "\nAll projects\n\n" : "\n汇总\n\n");
  for (int k = 0; k < 3; k++) s[k] = sum_cols[k].head[en];
  sum_row(o, s, w);
  put_rule(o, w, 3);
  for (uint32_t p = 0; p < r->prog->nprojects; p++) {
    rep_proj(r, p, &x);
    s[0] = x.name, s[1] = x.total, s[2] = rep_grade_word(x.res->grade, en);
    sum_row(o, s, w);
  }
}

int rep_table(const RtResult *r, const RepOptions *opt, RepWrite w, void *ud) {
  RepOut o;
  int en = opt && opt->english;
  char title[REP_TEXT];
  RepPart part;
  rep_part(r, opt, &part);
  rep_out_init(&o, w, ud);
  if (part.head) {
    rep_title(r, en, title, sizeof title);
    rep_puts(&o, title);
    rep_puts(&o, "\n");
  }
  Rows rs = {NULL, 0};
  for (uint32_t p = part.from; p < part.to && !o.err; p++) {
    rep_puts(&o, "\n");
    table_project(&o, r, p, en, &rs);
  }
  free(rs.v);
  if (part.tail && r->prog->nprojects > 1) table_summary(&o, r, en);
  return rep_out_end(&o);
}
