/*
 * fmt_comments.c - putting the comments back, and writing the output
 * ([FMT-14], [FMT-15] in docs/fmt.md).
 *
 * Each output line carries an anchor: the source offset of the construct
 * it starts.  Sorted, the anchors cut the source into intervals, and a
 * comment belongs to the interval it lies in:
 *  - a trailing comment (code before it on its source line) goes at the
 *    end of the line of the anchor before it, after one space;
 *  - an own-line comment goes on its own line before the line of the
 *    anchor after it, at that line's indentation (one level deeper before
 *    a closing brace: the comment ends the block's contents), or at the
 *    end of the file after the last anchor;
 *  - once an interval has had an own-line comment, the comments after it
 *    in that interval go on their own lines too, so comments never change
 *    order within an interval.
 * A comment cannot follow a # comment on one line: such a trailing comment
 * goes on its own line before the next output line instead, which is also
 * where a second formatting run would put it.
 *
 * Every comment is counted as it is written; a miss is FMT_LOST_COMMENT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt_internal.h"

int fmt_comment_inside(const File *f, uint32_t lo, uint32_t hi) {
  size_t a = 0, b = f->ncomments;
  while (a < b) { /* first comment starting after lo */
    size_t m = a + (b - a) / 2;
    if (f->comments[m].span.lo <= lo)
      a = m + 1;
    else
      b = m;
  }
  return a < f->ncomments && f->comments[a].span.lo < hi;
}

size_t fmt_comment_len(const Comment *c) {
  size_t n = strlen(c->text);
  return c->text[0] == '#' ? fmt_rtrim_len(c->text, n) : n;
}

typedef struct Anchor {
  uint32_t off;
  size_t line;
} Anchor;

static int cmp_anchor(const void *pa, const void *pb) {
  const Anchor *a = pa, *b = pb;
  if (a->off != b->off) return a->off < b->off ? -1 : 1;
  return a->line < b->line ? -1 : a->line > b->line;
}

/* Where the comments go: line index (nlines: end of file) and whether at
 * the end of that line. */
typedef struct Placement {
  size_t *line;
  unsigned char *trail;
  size_t *start; /* comments of line L: order[start[L] .. start[L + 1]) */
  size_t *order; /* comment indices grouped by line, in source order */
} Placement;

static void *xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size);
  if (!p) {
    fputs("indc: fatal: out of memory\n", stderr);
    abort();
  }
  return p;
}

static void place(const Fmt *fm, Placement *pl) {
  const File *f = fm->f;
  size_t nl = fm->nlines, nc = f->ncomments;
  Anchor *an = xcalloc(nl, sizeof *an);
  for (size_t i = 0; i < nl; i++) {
    an[i].off = fm->lines[i].anchor;
    an[i].line = i;
  }
  qsort(an, nl, sizeof *an, cmp_anchor);
  pl->line = xcalloc(nc, sizeof *pl->line);
  pl->trail = xcalloc(nc, 1);
  size_t k = 0, interval = (size_t)-1;
  int seen_own = 0;
  for (size_t i = 0; i < nc; i++) {
    const Comment *c = &f->comments[i];
    while (k < nl && an[k].off < c->span.lo) k++;
    if (k != interval) {
      interval = k;
      seen_own = 0;
    }
    if (!c->own_line && !seen_own && k > 0) {
      pl->line[i] = an[k - 1].line;
      pl->trail[i] = 1;
    } else {
      seen_own = 1;
      pl->line[i] = k < nl ? an[k].line : nl;
    }
  }
  free(an);
  /* group by line, keeping source order (a counting sort) */
  pl->start = xcalloc(nl + 2, sizeof *pl->start);
  pl->order = xcalloc(nc, sizeof *pl->order);
  for (size_t i = 0; i < nc; i++) pl->start[pl->line[i] + 1]++;
  for (size_t l = 0; l <= nl; l++) pl->start[l + 1] += pl->start[l];
  size_t *fill = xcalloc(nl + 1, sizeof *fill);
  for (size_t i = 0; i < nc; i++) pl->order[pl->start[pl->line[i]] + fill[pl->line[i]]++] = i;
  free(fill);
}

static void placement_free(Placement *pl) {
  free(pl->line);
  free(pl->trail);
  free(pl->start);
  free(pl->order);
}

typedef struct Writer {
  const Fmt *fm;
  FmtBuf *out;
  size_t *carry; /* trailing comments moved before the next line */
  size_t ncarry;
  size_t emitted;
} Writer;

static void indent(Writer *w, unsigned n) {
  for (unsigned i = 0; i < n; i++) fmt_put(w->out, "  ", 2);
}

size_t fmt_comment_char(const char *s, size_t n, size_t i, char *ch) {
  if (s[i] != '\r') return *ch = s[i], i + 1;
  *ch = '\n';
  return i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
}

/* [FMT-1] A block comment's line ends are written as \n, whatever the
 * source had (CRLF, CR). */
static void comment_text(Writer *w, size_t i) {
  const Comment *c = &w->fm->f->comments[i];
  size_t n = fmt_comment_len(c);
  for (size_t k = 0; k < n;) {
    char ch;
    k = fmt_comment_char(c->text, n, k, &ch);
    fmt_put(w->out, &ch, 1);
  }
  w->emitted++;
}

static void comment_line(Writer *w, size_t i, unsigned ind) {
  indent(w, ind);
  comment_text(w, i);
  fmt_putc(w->out, '\n');
}

/* Comments due before a line at indentation ind: first those carried
 * from the line before, then the line's own. */
static void comments_before(Writer *w, const Placement *pl, size_t l, unsigned ind) {
  for (size_t k = 0; k < w->ncarry; k++) comment_line(w, w->carry[k], ind);
  w->ncarry = 0;
  for (size_t k = pl->start[l]; k < pl->start[l + 1]; k++)
    if (!pl->trail[pl->order[k]]) comment_line(w, pl->order[k], ind);
}

static void comments_after(Writer *w, const Placement *pl, size_t l) {
  int hash = 0; /* the line ends in a # comment: nothing more fits on it */
  for (size_t k = pl->start[l]; k < pl->start[l + 1]; k++) {
    size_t i = pl->order[k];
    if (!pl->trail[i]) continue;
    if (hash) {
      w->carry[w->ncarry++] = i;
      continue;
    }
    fmt_putc(w->out, ' ');
    comment_text(w, i);
    hash = w->fm->f->comments[i].text[0] == '#';
  }
}

FmtStatus fmt_write(Fmt *fm, FmtBuf *out) {
  Placement pl;
  place(fm, &pl);
  Writer w = {fm, out, xcalloc(fm->f->ncomments, sizeof(size_t)), 0, 0};
  for (size_t l = 0; l < fm->nlines; l++) {
    const FmtLine *line = &fm->lines[l];
    if (line->blank) fmt_putc(out, '\n');
    comments_before(&w, &pl, l, line->indent + line->close);
    indent(&w, line->indent);
    fmt_put(out, fm->text.s + line->off, line->len);
    comments_after(&w, &pl, l);
    fmt_putc(out, '\n');
  }
  size_t nl = fm->nlines;
  if (w.ncarry > 0 || pl.start[nl + 1] > pl.start[nl]) {
    if (fm->want_blank && nl > 0) fmt_putc(out, '\n');
    comments_before(&w, &pl, nl, 0);
  }
  FmtStatus st = w.emitted == fm->f->ncomments ? FMT_OK : FMT_LOST_COMMENT;
  free(w.carry);
  placement_free(&pl);
  return st;
}
