/*
 * act_parts.c - loading a large CSV file in parts (see act_parts.h).
 *
 * begin reads the header as act_load does, then cuts the rows after it
 * into parts at line starts.  Each part has a reader over its bytes,
 * counting lines from 1, and a copy of the binder that reports nothing but
 * counts, keeps its texts in an arena of its own and binds only the
 * projects it owns: the first part to bind a row of a project owns it
 * (bind_claim), and a row of a project that another part owns stops the
 * part.
 *
 * Text that may be UTF-8 is copied and checked by each part for its own
 * bytes (a cut is after a line break, so on a character boundary), the
 * header's line by begin; a part that finds a byte that is not UTF-8, or a
 * NUL, fails, and the load in one piece then decodes the file as act_load
 * does (as GBK, for INDRT_ENC_AUTO).  GBK text is converted whole by
 * begin.  The arrays of the result (one slot per indicator,
 * per project, per raw field) are shared; a slot belongs to one project,
 * so no two parts write it.
 *
 * end accepts the parts when every one read to its end without a problem
 * or a conflict: then what each bound is what the load in one piece binds
 * from the same rows.  A cut that fell inside a quoted field shows as an
 * unterminated quote in the part before it, a row that continues the
 * project of the row above (a blank project cell) at the start of a part
 * as a missing project, a project split between two parts as a conflict,
 * so none of them is accepted.  Accepted, the lines that parts after the
 * first counted from 1 are moved to the file's, and the parts' arenas join
 * the result's.  Anything else, and the file is loaded again in one piece.
 *
 * Where to cut: after a line break, at the first line whose project cell
 * (when the project is the first column) is not blank and differs from
 * the line before's, so that a project's rows, which usually follow each
 * other, stay in one part.
 */
#include "act_parts.h"

#include <string.h>

#include "data_limits.h"
#include "encoding.h"

/* The start of the line after the one holding t[from], or len. */
static size_t parts_next_line(const char *t, size_t from, size_t len) {
  const char *nl = from < len ? memchr(t + from, '\n', len - from) : NULL;
  return nl ? (size_t)(nl - t) + 1 : len;
}

/* The end of the first cell of the line at t[i]: a comma or a line break. */
static size_t parts_cell_end(const char *t, size_t i, size_t len) {
  while (i < len && t[i] != ',' && t[i] != '\n' && t[i] != '\r') i++;
  return i;
}

/* Is t[i..e) blank: spaces, tabs, U+3000 and U+00A0 only (bind_trim's)? */
static int parts_blank(const char *t, size_t i, size_t e) {
  while (i < e) {
    if (t[i] == ' ' || t[i] == '\t') i++;
    else if (e - i >= 3 && memcmp(t + i, "\xE3\x80\x80", 3) == 0) i += 3;
    else if (e - i >= 2 && memcmp(t + i, "\xC2\xA0", 2) == 0) i += 2;
    else return 0;
  }
  return 1;
}

/* Where to cut at or after t[from] (see the top), or len when nowhere. */
static size_t parts_cut(const char *t, size_t from, size_t len, int project_first) {
  size_t prev = from, i = parts_next_line(t, from, len);
  if (!project_first) return i;
  while (prev > 0 && t[prev - 1] != '\n') prev--; /* the line before i */
  while (i < len) {
    size_t e = parts_cell_end(t, i, len), pe = parts_cell_end(t, prev, len);
    if (!parts_blank(t, i, e) && (e - i != pe - prev || memcmp(t + i, t + prev, e - i) != 0))
      return i;
    prev = i;
    i = parts_next_line(t, i, len);
  }
  return len;
}

/* Copy n bytes of text that may be UTF-8 from src to dst; 1 when they
 * are UTF-8 without a NUL, else 0 (the load goes to one piece). */
static int parts_copy_utf8(char *dst, const char *src, size_t n) {
  memcpy(dst, src, n);
  return !memchr(dst, '\0', n) && enc_utf8_valid(dst, n) == n;
}

/*
 * The text to cut: *text[0..*tlen), of which the first *hlen bytes (the
 * header's line) are there already.  UTF-8 (maybe, unless the encoding is
 * GBK): *src is the bytes after a byte-order mark, which the parts copy
 * into *text (act_parts_run).  GBK: converted whole, *src NULL and *hlen
 * *tlen.  0, or -1 for one piece.
 */
static int parts_text(ActParts *ap, const char **src, char **text, size_t *tlen, size_t *hlen) {
  size_t len = ap->len;
  if (enc_utf16_bom(ap->bytes, len)) return -1;
  if (ap->encoding == INDRT_ENC_GBK) {
    int used;
    EncError err;
    if (enc_decode(&ap->scratch, ap->bytes, len, ap->encoding, text, tlen, &used, NULL, &err) !=
        ENC_OK)
      return -1;
    *hlen = *tlen;
    return 0;
  }
  size_t bom = enc_utf8_bom(ap->bytes, len);
  const char *s = (const char *)ap->bytes + bom;
  len -= bom;
  /* zeroed pages come in as the parts write them (rt_populate there): the
   * pages of the whole text at once here would be time on one thread */
  *text = rt_alloc(&ap->scratch, len + 1);
  if (!*text) return -1;
  (*text)[len] = '\0';
  const char *nl = memchr(s, '\n', len);
  size_t h = nl ? (size_t)(nl - s) + 1 : len;
  if (!parts_copy_utf8(*text, s, h)) return -1;
  *src = s;
  *tlen = len;
  *hlen = h;
  return 0;
}

/* Free what the parts made; out is left to the caller. */
static void parts_free(ActParts *ap) {
  for (unsigned k = 0; k < ap->n; k++) {
    rt_arena_free(&ap->part[k].keep);
    rt_arena_free(&ap->part[k].scratch);
  }
  rt_arena_free(&ap->scratch);
}

/* Cut text[start..tlen) into at most n parts (cut[0..m]); the number m. */
static unsigned parts_cuts(const char *text, size_t start, size_t tlen, unsigned n,
                           int project_first, size_t *cut) {
  unsigned m = 0;
  cut[0] = start;
  for (unsigned k = 1; k < n; k++) {
    size_t from = start + (tlen - start) / n * k;
    if (from <= cut[m]) continue;
    size_t c = parts_cut(text, from - 1, tlen, project_first);
    if (c < tlen && c > cut[m]) cut[++m] = c;
  }
  cut[++m] = tlen;
  return m;
}

unsigned act_parts_begin(ActParts *ap, const RtProgram *p, const char *name, const void *bytes,
                         size_t len, int format, int encoding, const RtMem *mem, unsigned want,
                         size_t min_part, RtActuals *out, DataSink *sink) {
  memset(ap, 0, sizeof *ap);
  ap->p = p, ap->name = name, ap->bytes = bytes, ap->len = len;
  ap->format = format, ap->encoding = encoding, ap->out = out, ap->sink = sink;
  if (mem) ap->mem = *mem;
  if (!min_part) min_part = ACT_MIN_PART;
  if (want > ACT_MAX_PARTS) want = ACT_MAX_PARTS;
  if (want < 2 || len / 2 < min_part || len > DATA_MAX_FILE_BYTES) return 0;

  /* set up as act_load_mem does; part 0's sink counts the problems of
   * the header, which send the load to one piece */
  ActPart *p0 = &ap->part[0];
  char *text;
  size_t tlen, hlen;
  const char *src = NULL; /* UTF-8, maybe: copied by the parts */
  size_t cut[ACT_MAX_PARTS + 1];
  unsigned n = 0;
  if (act_begin(p, name, &ap->mem, out, &ap->scratch, &ap->b, &p0->sink) != 0 ||
      parts_text(ap, &src, &text, &tlen, &hlen) != 0 ||
      act_format(format, name, text) != INDRT_DATA_CSV)
    goto one_piece;
  csv_init(&p0->r, text, hlen); /* the header: in the bytes copied so far */
  if (csv_next(&p0->r) != CSV_ROW || act_csv_header(&ap->b, &p0->r, &ap->cols) < 0 ||
      p0->sink.count)
    goto one_piece;
  size_t start = (size_t)(p0->r.p - text); /* a cut comes after a line break: past hlen */
  n = (unsigned)((tlen - start) / min_part < want ? (tlen - start) / min_part : want);
  /* the cuts in the bytes themselves: the parts have not copied them yet */
  const char *bytes_at = src ? src : text;
  if (n < 2 || (n = parts_cuts(bytes_at, start, tlen, n, ap->cols.at[COL_PROJECT] == 0, cut)) < 2)
    goto one_piece;

  /* the memory limit, shared out between the parts' arenas */
  size_t share = 0;
  if (ap->mem.limit) {
    size_t taken = out->arena.used + ap->scratch.used;
    share = taken < ap->mem.limit ? (ap->mem.limit - taken) / (2 * n) : 0;
    if (!share) goto one_piece;
  }
  ap->owner = rt_alloc_raw(&ap->scratch, (size_t)p->nprojects + 1);
  if (!ap->owner) goto one_piece;
  for (uint32_t i = 0; i <= p->nprojects; i++) atomic_init(&ap->owner[i], 0);
  atomic_init(&ap->stop, 0);
  ap->b.owner = ap->owner;
  RtMem pm = {share, ap->mem.alloc, ap->mem.user};
  for (unsigned k = 0; k < n; k++) {
    ActPart *pt = &ap->part[k];
    rt_arena_init_mem(&pt->keep, &pm);
    rt_arena_init_mem(&pt->scratch, &pm);
    pt->b = ap->b;
    pt->b.sink = &pt->sink;
    pt->b.scratch = &pt->scratch;
    pt->b.keep = &pt->keep;
    pt->b.me = (unsigned char)(k + 1);
    if (k > 0) csv_init(&pt->r, text + cut[k], cut[k + 1] - cut[k]);
    pt->r.end = text + cut[k + 1]; /* part 0 goes on after the header */
    pt->src = src;
    pt->text = text;
    pt->clo = k ? cut[k] : hlen;
    pt->chi = cut[k + 1];
    pt->r.sink = &pt->sink;
  }
  ap->n = n;
  return n;

one_piece:
  parts_free(ap);
  act_free(out);
  return 0;
}

void act_parts_run(ActParts *ap, unsigned k) {
  ActPart *pt = &ap->part[k];
  ActCur cur = {-2, NULL, 0, 0};
  if (pt->src && pt->chi > pt->clo) {
    size_t n = pt->chi - pt->clo;
    rt_populate(pt->text + pt->clo, n);
    if (!parts_copy_utf8(pt->text + pt->clo, pt->src + pt->clo, n)) {
      atomic_store_explicit(&ap->stop, 1, memory_order_relaxed);
      return; /* not UTF-8: one piece decodes it */
    }
  }
  for (;;) {
    if (atomic_load_explicit(&ap->stop, memory_order_relaxed)) return;
    int rc = csv_next(&pt->r);
    if (rc == CSV_END) {
      pt->done = 1;
      return;
    }
    if (rc != CSV_ROW) break;
    act_csv_row(&pt->b, &pt->r, &ap->cols, &cur);
    if (pt->sink.count || pt->b.nomem || pt->b.conflict) break;
  }
  atomic_store_explicit(&ap->stop, 1, memory_order_relaxed);
}

/* Move the lines that parts after the first counted from 1 to the file's. */
static void parts_lines(ActParts *ap) {
  const RtProgram *p = ap->p;
  unsigned offset[ACT_MAX_PARTS] = {0};
  unsigned at = ap->part[0].r.line; /* where part 1 starts: part 0 counted from the top */
  for (unsigned k = 1; k < ap->n; k++) {
    offset[k] = at - 1;
    at += ap->part[k].r.line - 1;
  }
  for (uint32_t pi = 0; pi < p->nprojects; pi++) {
    unsigned o = atomic_load_explicit(&ap->owner[pi], memory_order_relaxed);
    if (o < 2) continue;
    const RtProject *pj = &p->projects[pi];
    for (uint32_t i = pj->first; i < pj->first + pj->nind && i < p->nindicators; i++)
      if (ap->out->ind[i].line) ap->out->ind[i].line += offset[o - 1];
  }
}

indrt_status act_parts_end(ActParts *ap, unsigned *used) {
  int ok = ap->n > 1;
  size_t rows = 0;
  for (unsigned k = 0; k < ap->n; k++) {
    const ActPart *pt = &ap->part[k];
    ok &= pt->done && !pt->sink.count && !pt->b.nomem && !pt->b.conflict;
    rows += pt->r.nrows;
  }
  if (ok && rows <= DATA_MAX_ROWS) {
    parts_lines(ap);
    for (unsigned k = 0; k < ap->n; k++) rt_arena_adopt(&ap->out->arena, &ap->part[k].keep);
    parts_free(ap);
    if (used) *used = ap->n;
    return INDRT_OK;
  }
  if (ap->n) {
    parts_free(ap);
    act_free(ap->out);
  }
  if (used) *used = 1;
  return act_load_mem(ap->p, ap->name, ap->bytes, ap->len, ap->format, ap->encoding, &ap->mem,
                      ap->out, ap->sink);
}
