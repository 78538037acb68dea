/*
 * import.c - the import driver (import.h) and its messages.
 *
 * decode -> detect the layout -> split rows -> read the table -> for each
 * project: finish, ids, emit, verify (parse + fmt + sema) and count.  A
 * project that had an error gets no text; the others are unaffected.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imp_internal.h"
#include "support/i18n.h"

void imp_init(ImpResult *r) {
  memset(r, 0, sizeof *r);
  arena_init(&r->arena);
}

void imp_free(ImpResult *r) {
  free(r->msgs);
  arena_free(&r->arena);
  memset(r, 0, sizeof *r);
}

/* ---- messages ----------------------------------------------------------------- */

static void vmsg(ImpCtx *c, int error, unsigned line, const char *fmt, va_list ap) {
  va_list cp;
  va_copy(cp, ap);
  fmt = _(fmt);
  int n = vsnprintf(NULL, 0, fmt, cp);
  va_end(cp);
  char *text = arena_alloc(c->a, n > 0 ? (size_t)n + 1 : 1);
  if (n > 0) vsnprintf(text, (size_t)n + 1, fmt, ap);
  ImpResult *r = c->r;
  ImpMsg m = {error, line, text, r->nmsgs};
  if (r->nmsgs == r->capmsgs) {
    r->capmsgs = r->capmsgs ? r->capmsgs * 2 : 32;
    ImpMsg *nm = realloc(r->msgs, r->capmsgs * sizeof *nm);
    if (!nm) abort();
    r->msgs = nm;
  }
  r->msgs[r->nmsgs++] = m;
  if (error) r->nerrors++;
  else r->nwarnings++;
}

void imp_warn(ImpCtx *c, unsigned line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmsg(c, 0, line, fmt, ap);
  va_end(ap);
}

void imp_error(ImpCtx *c, unsigned line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmsg(c, 1, line, fmt, ap);
  va_end(ap);
}

void imp_fail(ImpCtx *c, ImpProject *p, unsigned line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vmsg(c, 1, line, fmt, ap);
  va_end(ap);
  if (p) p->failed = 1;
}

void imp_repair(ImpCtx *c, ImpProject *p, ImpInd *ind, unsigned line, const char *zh,
                const char *en) {
  if (ind) ARENA_PUSH(c->a, ind->notes, ind->nnotes, ind->capnotes, zh);
  else ARENA_PUSH(c->a, p->notes, p->nnotes, p->capnotes, zh);
  p->nrepairs++;
  if (en) imp_warn(c, line, "%s", _(en));
}

static int by_line(const void *a, const void *b) {
  const ImpMsg *x = a, *y = b;
  unsigned lx = x->line ? x->line : ~0u, ly = y->line ? y->line : ~0u;
  if (lx != ly) return lx < ly ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void imp_print_msgs(const ImpResult *r, const char *name, FILE *out) {
  for (size_t i = 0; i < r->nmsgs; i++) {
    const ImpMsg *m = &r->msgs[i];
    if (m->line) fprintf(out, "%s:%u: ", name, m->line);
    else fprintf(out, "%s: ", name);
    fprintf(out, "%s: %s\n", m->error ? _("error") : _("warning"), m->text);
  }
}

/* ---- output names ---------------------------------------------------------------- */

/* "03-大学生思想引领及综合素质提升.ind": characters that are awkward in
 * file names are left out; the name is cut at 80 bytes. */
static const char *file_name(ImpCtx *c, size_t i, size_t n, const char *name) {
  int width = n >= 100 ? (n >= 1000 ? 4 : 3) : 2;
  ImpBuf b = {0};
  imp_buf_printf(&b, "%0*zu-", width, i + 1);
  size_t start = b.len;
  for (const char *s = name; *s;) {
    int32_t cp;
    size_t k = src_utf8_decode(s, strlen(s), &cp);
    int bad = cp < 0x20 || (cp < 0x80 && strchr("/\\:*?\"<>| \t", (int)cp)) || cp == 0x3000 ||
              cp == 0x201C || cp == 0x201D;
    if (!bad && b.len - start + k <= 80) imp_buf_add(&b, s, k);
    s += k;
  }
  if (b.len == start) imp_buf_puts(&b, "project");
  imp_buf_puts(&b, ".ind");
  const char *res = arena_strdup(c->a, b.s);
  imp_buf_free(&b);
  return res;
}

/* ---- per project ----------------------------------------------------------------- */

static void produce(ImpCtx *c, ImpProject *p) {
  ImpOutput *o = p->out;
  if (p->failed) return;
  imp_ids(c, p);
  ImpBuf b = {0};
  imp_emit(c, p, 1, &b);
  size_t nind = 0;
  const char *text = imp_verify(c, p, b.s, b.len, &nind);
  imp_buf_free(&b);
  if (text && nind != p->ninds) {
    imp_fail(c, p, p->line, "internal error: %zu indicator rows read for project '%s' but %zu "
                            "written", p->ninds, p->name, nind);
    text = NULL;
  }
  o->nwritten = text ? nind : 0;
  o->ncontinued = p->ncont;
  o->nrepairs = p->nrepairs;
  if (!p->failed && text) {
    o->text = text;
    o->len = strlen(text);
  }
}

/* [IMPORT-YEAR] 年度: --year, the document's "(2023 年)" line, or the year
 * most deadlines and periods of the targets name. */
static void year(ImpCtx *c) {
  if (!c->nprojects) return; /* nothing needs one (and the reason is reported) */
  if (c->opt->year > 0) {
    c->year = arena_printf(c->a, "%d", c->opt->year);
    return;
  }
  if (c->year && c->year_conflict) {
    imp_error(c, c->year_conflict,
              "the document names two years, %s here and %s at line %u: import the tables "
              "of each year separately, or give the year with --year YEAR",
              c->year_other, c->year, c->year_line);
    for (size_t i = 0; i < c->nprojects; i++) c->projects[i]->failed = 1;
    return;
  }
  if (c->year) return;
  int years[64] = {0}, best = 0, nbest = 0;
  size_t n = 0;
  for (size_t i = 0; i < c->nprojects; i++)
    for (size_t k = 0; k < c->projects[i]->ninds; k++) {
      int y = c->projects[i]->inds[k]->year;
      if (y <= 0 || n >= 64) continue;
      years[n++] = y;
    }
  for (size_t i = 0; i < n; i++) {
    int cnt = 0;
    for (size_t k = 0; k < n; k++) cnt += years[k] == years[i];
    if (cnt > nbest || (cnt == nbest && years[i] < best)) best = years[i], nbest = cnt;
  }
  if (!best) {
    imp_error(c, 0, "no budget year: expected a line such as '(2023 年)' before the first "
                    "table, or --year YEAR");
    for (size_t i = 0; i < c->nprojects; i++) c->projects[i]->failed = 1;
    return;
  }
  c->year = arena_printf(c->a, "%d", best);
  c->year_note = arena_printf(c->a, "原文未写年度，按指标值中的日期推断为 %d", best);
  imp_warn(c, 0,
           i18n_plural("the document names no year; guessed 年度 %d from the date of %d target",
                       "the document names no year; guessed 年度 %d from the dates of %d targets",
                       (unsigned long)nbest),
           best, nbest);
}
/* [IMPORT-ENC] One 金额单位 per document: a second one is an error, and
 * nothing is written (every amount after it would be read wrong).  None
 * at all, with amounts written without their unit, is a warning: they are
 * read in 万元, the language's default, and a table in 元 whose unit line
 * was lost (a PDF's header, a sheet's title row) would be 10,000 times too
 * much. */
static void currency(ImpCtx *c) {
  if (!c->currency && c->bare_amount_line)
    imp_warn(c, c->bare_amount_line,
             "the document names no money unit (单位：万元 or 单位：元); its amounts are read in "
             "万元, so %s is %s 万元: if the table is in 元, add the line 单位：元 at its top and "
             "import it again",
             c->bare_amount, c->bare_amount);
  if (!c->currency_conflict) return;
  if (c->currency_other)
    imp_error(c, c->currency_conflict,
              "the document gives two money units, %s here and %s at line %u: import its "
              "tables separately, or write their amounts in one unit",
              c->currency_other, c->currency, c->currency_line);
  for (size_t i = 0; i < c->nprojects; i++) c->projects[i]->failed = 1;
}

static void outputs(ImpCtx *c) {
  ImpResult *r = c->r;
  r->out = arena_alloc(c->a, (c->nprojects ? c->nprojects : 1) * sizeof *r->out);
  r->nout = c->nprojects;
  for (size_t i = 0; i < c->nprojects; i++) {
    ImpProject *p = c->projects[i];
    ImpOutput *o = &r->out[i];
    o->project = p->name;
    o->file = file_name(c, i, c->nprojects, p->name);
    o->line = p->line;
    o->nrows = p->ninds;
    p->out = o;
    imp_finish(c, p);
  }
  year(c);
  currency(c);
  for (size_t i = 0; i < c->nprojects; i++) produce(c, c->projects[i]);
}

/* All projects in one file, when every one of them imported. */
static void single(ImpCtx *c) {
  if (c->nprojects == 0) return;
  for (size_t i = 0; i < c->nprojects; i++)
    if (!c->r->out[i].text) return;
  ImpBuf b = {0};
  imp_emit_header(c, NULL, &b);
  for (size_t i = 0; i < c->nprojects; i++) {
    if (c->projects[i]->title) imp_buf_printf(&b, "# %s\n", c->projects[i]->title);
    imp_emit(c, c->projects[i], 0, &b);
    imp_buf_puts(&b, "\n");
  }
  size_t nind = 0;
  const char *text = imp_verify(c, NULL, b.s, b.len, &nind);
  imp_buf_free(&b);
  if (!text) return;
  c->r->single = text;
  c->r->single_len = strlen(text);
}

static void actuals(ImpCtx *c) {
  ImpBuf b = {0};
  if (c->opt->check_actuals)
    for (size_t i = 0; i < c->nprojects; i++)
      if (c->r->out[i].text) imp_check_actuals(c, c->projects[i]);
  imp_buf_puts(&b, "project,indicator,actual,note\n");
  for (size_t i = 0; i < c->nprojects; i++)
    if (c->r->out[i].text) imp_actuals(c, c->projects[i], &b);
  c->r->actuals = arena_strndup(c->a, b.s, b.len);
  c->r->actuals_len = b.len;
  imp_buf_free(&b);
}

static const char *const layout_names[] = {"auto", "tab", "pipe", "csv"};

static void run(ImpCtx *c, const char *bytes, size_t len) {
  char *text;
  size_t tlen;
  ImpLayout layout;
  if (imp_decode(c, bytes, len, &text, &tlen) < 0) return;
  if (imp_detect(c, text, tlen, &layout) < 0) return;
  c->layout = layout;
  c->r->layout = layout_names[layout];
  if (imp_split(c, text, tlen, layout) < 0) return;
  imp_table(c);
  outputs(c);
  if (c->opt->single) single(c);
  actuals(c);
}

size_t imp_run(const char *name, const char *bytes, size_t len, const ImpOptions *o,
               ImpResult *r) {
  ImpOptions dflt = {0};
  ImpCtx c;
  memset(&c, 0, sizeof c);
  c.a = &r->arena;
  c.r = r;
  c.opt = o ? o : &dflt;
  c.name = name;
  for (int i = 0; i < ROLE__COUNT; i++) c.cols.col[i] = -1;
  prog_init(&c.pre);
  prog_load(&c.pre, NULL, 0);
  sema_check(&c.pre);
  run(&c, bytes, len);
  prog_free(&c.pre);
  if (r->nmsgs > 1) qsort(r->msgs, r->nmsgs, sizeof *r->msgs, by_line);
  return r->nerrors;
}
